//! Groupings, clusters and sub-clusters.

use axum::extract::State;
use axum::response::Response;
use serde::Serialize;
use trellis_framework::model::{Cluster, SubCluster};

use super::{P, json};
use crate::app::AppState;
use crate::error::{ApiError, ErrorBody, Problem};
use crate::query::OccupationRow;

#[derive(Serialize, utoipa::ToSchema)]
pub struct GroupingOut {
    pub id: String,
    pub name: String,
    pub cross_cutting: bool,
    /// Cluster ids, in display order.
    pub clusters: Vec<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Ref {
    pub id: String,
    pub name: String,
    pub url: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ClusterOut {
    pub id: String,
    pub name: String,
    /// The learner-facing caption.
    pub caption: String,
    pub grouping: String,
    pub cross_cutting: bool,
    pub aliases: Vec<String>,
    pub sub_clusters: Vec<Ref>,
    /// Occupations assigned to the cluster (any rank) in the current crosswalk build.
    pub occupation_count: usize,
    pub url: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ContentOut {
    pub specialized_skills: Vec<String>,
    pub software_skills: Vec<String>,
    pub sample_occupations: Vec<String>,
    pub emerging_occupations: Vec<String>,
    pub places_of_work: Vec<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Predecessor {
    /// 2002 cluster id.
    pub cluster_2002: Option<String>,
    pub name: Option<String>,
    /// renamed, cross_cutting, combined, removed, new.
    pub change: String,
    pub note: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ClusterDetail {
    #[serde(flatten)]
    pub cluster: ClusterOut,
    /// From the technical report's appendix page for the cluster.
    pub content: ContentOut,
    /// The 2002 clusters that fed this one.
    pub predecessors_2002: Vec<Predecessor>,
    /// Occupations assigned to the cluster, primary assignments first.
    pub occupations: Vec<OccupationRow>,
    /// Programs (CIP) assigned to the cluster.
    pub programs: Vec<Ref>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SubClusterOut {
    pub id: String,
    pub name: String,
    pub cluster: String,
    pub aliases: Vec<String>,
    pub occupation_count: usize,
    pub url: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SubClusterDetail {
    #[serde(flatten)]
    pub sub_cluster: SubClusterOut,
    pub occupations: Vec<OccupationRow>,
    pub programs: Vec<Ref>,
    /// 2002 pathways that send employment to this sub-cluster, with their shares.
    pub pathways_2002: Vec<crate::data::catalog::PathwayLink>,
}

pub fn cluster_out(state: &AppState, c: &Cluster) -> ClusterOut {
    ClusterOut {
        id: c.id.clone(),
        name: c.name.clone(),
        caption: c.caption.clone(),
        grouping: c.grouping.clone(),
        cross_cutting: c.cross_cutting,
        aliases: c.aliases.clone(),
        sub_clusters: state
            .fw
            .sub_clusters_of(&c.id)
            .map(|s| Ref {
                id: s.id.clone(),
                name: s.name.clone(),
                url: format!("/sub-clusters/{}", s.id),
            })
            .collect(),
        occupation_count: state.catalog.by_cluster.get(&c.id).map_or(0, Vec::len),
        url: format!("/clusters/{}", c.id),
    }
}

fn sub_out(state: &AppState, s: &SubCluster) -> SubClusterOut {
    SubClusterOut {
        id: s.id.clone(),
        name: s.name.clone(),
        cluster: s.cluster.clone(),
        aliases: s.aliases.clone(),
        occupation_count: state.catalog.by_sub_cluster.get(&s.id).map_or(0, Vec::len),
        url: format!("/sub-clusters/{}", s.id),
    }
}

/// The occupations of a cluster or sub-cluster, primary assignments first, then by title.
pub fn sorted_rows<'a>(
    occs: impl Iterator<Item = &'a crate::data::catalog::Occupation>,
    is_primary_here: impl Fn(&crate::data::catalog::Occupation) -> bool,
) -> Vec<OccupationRow> {
    let mut v: Vec<(bool, OccupationRow)> =
        occs.map(|o| (is_primary_here(o), OccupationRow::of(o))).collect();
    v.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.title.cmp(&b.1.title)));
    v.into_iter().map(|(_, r)| r).collect()
}

/// The six groupings.
#[utoipa::path(get, path = "/groupings", tag = "framework",
    responses((status = 200, body = Vec<GroupingOut>)))]
pub async fn groupings(State(state): State<AppState>) -> Response {
    let out: Vec<GroupingOut> = state
        .fw
        .groupings
        .iter()
        .map(|g| GroupingOut {
            id: g.id.clone(),
            name: g.name.clone(),
            cross_cutting: g.cross_cutting,
            clusters: state.fw.clusters_in(&g.id).map(|c| c.id.clone()).collect(),
        })
        .collect();
    json(&out)
}

/// The 14 clusters with their captions and sub-clusters.
#[utoipa::path(get, path = "/clusters", tag = "framework",
    responses((status = 200, body = Vec<ClusterOut>)))]
pub async fn clusters(State(state): State<AppState>) -> Response {
    let out: Vec<ClusterOut> = state.fw.clusters.iter().map(|c| cluster_out(&state, c)).collect();
    json(&out)
}

/// One cluster: caption, sub-clusters, the report's lists, 2002 predecessors, occupations.
#[utoipa::path(get, path = "/clusters/{id}", tag = "framework",
    params(("id" = String, Path, description = "cluster id (slug), e.g. `digital-technology`")),
    responses((status = 200, body = ClusterDetail), (status = 404, body = ErrorBody)))]
pub async fn cluster(
    State(state): State<AppState>,
    P(id): P<String>,
) -> Result<Response, ApiError> {
    let c = state.fw.cluster(&id).ok_or_else(|| {
        Problem::not_found(format!("no cluster with id {id:?}; see /api/v1/clusters"))
    })?;
    let occupations = sorted_rows(state.catalog.cluster_occupations(&c.id), |o| {
        o.primary().is_some_and(|a| a.cluster == c.id)
    });
    let programs = state
        .catalog
        .cluster_programs(&c.id)
        .map(|p| Ref {
            id: p.cip.clone(),
            name: p.title.clone(),
            url: format!("/programs/{}", p.cip),
        })
        .collect();
    let predecessors_2002 = state
        .fw
        .crosswalk_to(&c.id)
        .map(|r| Predecessor {
            cluster_2002: r.from.clone(),
            name: r.from.as_deref().and_then(|f| state.fw.cluster_2002(f)).map(|c| c.name.clone()),
            change: r.change.as_str().to_owned(),
            note: r.note.clone(),
        })
        .collect();
    let k = &c.content;
    Ok(json(&ClusterDetail {
        cluster: cluster_out(&state, c),
        content: ContentOut {
            specialized_skills: k.specialized_skills.clone(),
            software_skills: k.software_skills.clone(),
            sample_occupations: k.sample_occupations.clone(),
            emerging_occupations: k.emerging_occupations.clone(),
            places_of_work: k.places_of_work.clone(),
        },
        predecessors_2002,
        occupations,
        programs,
    }))
}

/// The 72 sub-clusters.
#[utoipa::path(get, path = "/sub-clusters", tag = "framework",
    responses((status = 200, body = Vec<SubClusterOut>)))]
pub async fn sub_clusters(State(state): State<AppState>) -> Response {
    let out: Vec<SubClusterOut> =
        state.fw.sub_clusters.iter().map(|s| sub_out(&state, s)).collect();
    json(&out)
}

/// One sub-cluster with its occupations, programs and the 2002 pathways that feed it.
#[utoipa::path(get, path = "/sub-clusters/{id}", tag = "framework",
    params(("id" = String, Path, description = "sub-cluster id (slug), e.g. `web-cloud`")),
    responses((status = 200, body = SubClusterDetail), (status = 404, body = ErrorBody)))]
pub async fn sub_cluster(
    State(state): State<AppState>,
    P(id): P<String>,
) -> Result<Response, ApiError> {
    let s = state.fw.sub_cluster(&id).ok_or_else(|| {
        Problem::not_found(format!("no sub-cluster with id {id:?}; see /api/v1/sub-clusters"))
    })?;
    let occupations = sorted_rows(state.catalog.sub_cluster_occupations(&s.id), |o| {
        o.primary().is_some_and(|a| a.sub_cluster.as_deref() == Some(s.id.as_str()))
    });
    let programs = state
        .catalog
        .sub_cluster_programs(&s.id)
        .map(|p| Ref {
            id: p.cip.clone(),
            name: p.title.clone(),
            url: format!("/programs/{}", p.cip),
        })
        .collect();
    let pathways_2002 =
        state.catalog.pathways.iter().filter(|p| p.sub_cluster == s.id).cloned().collect();
    Ok(json(&SubClusterDetail {
        sub_cluster: sub_out(&state, s),
        occupations,
        programs,
        pathways_2002,
    }))
}
