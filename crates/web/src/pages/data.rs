//! The data & method page.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::{Layout, html};
use crate::app::AppState;
use crate::data::catalog::SourceFile;
use crate::error::PageError;

#[derive(Template)]
#[template(path = "data.html")]
struct DataPage {
    l: Layout,
    meta: Vec<(String, String)>,
    sources: Vec<SourceFile>,
    params: String,
    build: String,
    inputs: String,
}

pub async fn page(State(state): State<AppState>) -> Result<Response, PageError> {
    let c = &state.catalog;
    let (params, build, inputs) = match &c.crosswalk {
        Some(b) => (
            serde_json::to_string_pretty(&b.params).unwrap_or_default(),
            format!(
                "{} ({}){}",
                b.id,
                b.created_at,
                b.label.as_deref().map(|l| format!(", {l}")).unwrap_or_default()
            ),
            b.inputs_sha256.clone(),
        ),
        None => Default::default(),
    };
    html(&DataPage {
        l: Layout::new("Data & method", "data"),
        meta: c.meta.clone(),
        sources: c.sources.clone(),
        params,
        build,
        inputs,
    })
}
