//! The search page (the same search as the as-you-type suggestions, for visitors without
//! JavaScript or who press Enter).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use super::{Layout, PQ, html};
use crate::app::AppState;
use crate::error::{PageError, Problem};
use crate::search::Hit;

#[derive(Deserialize)]
pub struct SearchQuery {
    pub q: Option<String>,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    l: Layout,
    hits: Vec<Hit>,
}

pub async fn page(
    State(state): State<AppState>,
    PQ(q): PQ<SearchQuery>,
) -> Result<Response, PageError> {
    let q = q.q.unwrap_or_default();
    if q.len() > 200 {
        return Err(Problem::bad_request("Searches are limited to 200 characters.").into());
    }
    let q = q.trim().to_owned();
    let hits = crate::matching::search(&state, &q, 50);
    let mut l =
        Layout::new(if q.is_empty() { "Search".to_owned() } else { format!("Search: {q}") }, "");
    l.query = q;
    html(&SearchPage { l, hits })
}
