//! `/api`: the JSON API's reference, rendered from the generated OpenAPI document.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::{Layout, html};
use crate::api_doc::{Examples, Reference, reference};
use crate::app::AppState;
use crate::error::{PageError, Problem};

#[derive(Template)]
#[template(path = "api.html")]
struct ApiPage {
    l: Layout,
    r: Reference,
    operations: usize,
}

/// Example ids that exist in this database (the framework's own when there is none), so that
/// every example link answers.
fn examples(state: &AppState) -> Examples {
    let fw = state.fw;
    let cat = &state.catalog;
    let cluster = fw
        .cluster("digital-technology")
        .or(fw.clusters.first())
        .map(|c| c.id.clone())
        .unwrap_or_default();
    let sub_cluster = fw.sub_clusters_of(&cluster).next().map(|s| s.id.clone()).unwrap_or_default();
    let soc = pick("15-1252", cat.occupation("15-1252"), cat.occupations.first(), |o| &o.soc);
    let cip = pick("51.3801", cat.program("51.3801"), cat.programs.first(), |p| &p.cip);
    let naics = pick("54", cat.industry("54"), cat.industries.first(), |i| &i.naics);
    // A state with HSHWID definitions and figures in the database, so that the HSHWID
    // example shows a list; Connecticut's profile is the model one.
    let with_defs = |code: &str| fw.state(code).is_some_and(|s| s.hshwid.is_some());
    let state_code = std::iter::once("CT")
        .chain(fw.states.iter().map(|s| s.state.code.as_str()))
        .find(|c| with_defs(c) && state.states.state(c).is_some())
        .unwrap_or("CT")
        .to_owned();
    Examples { cluster, sub_cluster, soc, cip, naics, state: state_code }
}

/// `want` when the database has it, else its first entry (`want` again when it has none).
fn pick<T>(
    want: &str,
    found: Option<&T>,
    first: Option<&T>,
    code: impl Fn(&T) -> &String,
) -> String {
    match (found, first) {
        (None, Some(f)) => code(f).clone(),
        _ => want.to_owned(),
    }
}

pub async fn page(State(state): State<AppState>) -> Result<Response, PageError> {
    let doc = serde_json::to_value(crate::api::openapi()).map_err(Problem::internal)?;
    let r = reference(&doc, &examples(&state));
    let mut l = Layout::new("API reference", "api");
    l.description = "The Trellis JSON API: every route, its parameters, its answers and an \
                     example request."
        .into();
    html(&ApiPage { operations: r.tags.iter().map(|t| t.operations.len()).sum(), r, l })
}
