//! Crosswalk queries and the 2002 → 2024 view.

use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::{Page, Paging, Q, json};
use crate::app::AppState;
use crate::data::catalog::PathwayLink;
use crate::error::{ApiError, ErrorBody, Problem};
use crate::query::{XwFilter, XwRow, crosswalk_rows};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    pub page: Option<usize>,
    pub per_page: Option<usize>,
}

/// Crosswalk rows (code × cluster × sub-cluster) matching the filters, from the current build.
#[utoipa::path(get, path = "/crosswalk", tag = "crosswalk", params(XwFilter, PageParams),
    responses((status = 200, body = Page<XwRow>), (status = 400, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn crosswalk(
    State(state): State<AppState>,
    Q(f): Q<XwFilter>,
    Q(p): Q<PageParams>,
) -> Result<Response, ApiError> {
    f.validate(state.fw)?;
    if !state.catalog.has_crosswalk() {
        return Err(Problem::unavailable(
            "the crosswalk has not been built in this database; run `trellis crosswalk build`",
        )
        .into());
    }
    let rows = crosswalk_rows(state.fw, &state.catalog, &f);
    Ok(json(&Paging { page: p.page, per_page: p.per_page }.apply(rows)?))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ClusterChange {
    pub from: Option<String>,
    pub from_name: Option<String>,
    pub to: Option<String>,
    pub to_name: Option<String>,
    /// renamed, cross_cutting, combined, removed, new.
    pub change: String,
    /// Other 2024 clusters that received part of the 2002 cluster.
    pub related: Vec<String>,
    pub note: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Crosswalk2002 {
    /// The report's cluster-level crosswalk (Appendix I).
    pub clusters: Vec<ClusterChange>,
    /// Pathway → sub-cluster shares derived from shared occupations, weighted by employment
    /// (empty when the crosswalk has not been built).
    pub pathways: Vec<PathwayLink>,
}

/// The 2002 → 2024 crosswalk: clusters (from the report) and pathways (from the data).
#[utoipa::path(get, path = "/crosswalk/2002", tag = "crosswalk",
    responses((status = 200, body = Crosswalk2002)))]
pub async fn crosswalk_2002(State(state): State<AppState>) -> Response {
    let fw = state.fw;
    let clusters = fw
        .crosswalk_2002
        .iter()
        .map(|r| ClusterChange {
            from: r.from.clone(),
            from_name: r.from.as_deref().and_then(|f| fw.cluster_2002(f)).map(|c| c.name.clone()),
            to: r.to.clone(),
            to_name: r.to.as_deref().and_then(|t| fw.cluster(t)).map(|c| c.name.clone()),
            change: r.change.as_str().to_owned(),
            related: r.related.clone(),
            note: r.note.clone(),
        })
        .collect();
    json(&Crosswalk2002 { clusters, pathways: state.catalog.pathways.clone() })
}
