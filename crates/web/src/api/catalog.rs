//! Occupations, programs, industries and profiles.

use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::framework::Ref;
use super::{P, Page, Paging, Q, json, state_code};
use crate::app::AppState;
use crate::data::catalog::{Assignment, Occupation, Projections, Wages};
use crate::data::detail::OnetDetail;
use crate::error::{ApiError, ErrorBody, Problem};
use crate::query::OccupationRow;

fn need_data(state: &AppState) -> Result<(), Problem> {
    if state.catalog.loaded {
        Ok(())
    } else {
        Err(Problem::unavailable(
            "no database is loaded; build it with `trellis data import DIR` and restart `trellis serve --db PATH`",
        ))
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OccupationFilter {
    /// Only occupations assigned to this cluster (any rank).
    pub cluster: Option<String>,
    /// Only occupations assigned to this sub-cluster.
    pub sub_cluster: Option<String>,
    /// SOC code prefix, e.g. `15-` or `29-11`.
    pub soc: Option<String>,
    pub page: Option<usize>,
    pub per_page: Option<usize>,
}

/// Detailed SOC 2018 occupations with national figures.
#[utoipa::path(get, path = "/occupations", tag = "catalog", params(OccupationFilter),
    responses((status = 200, body = Page<OccupationRow>), (status = 400, body = ErrorBody)))]
pub async fn occupations(
    State(state): State<AppState>,
    Q(f): Q<OccupationFilter>,
) -> Result<Response, ApiError> {
    need_data(&state)?;
    let cluster = f.cluster.as_deref().filter(|s| !s.is_empty());
    let sub = f.sub_cluster.as_deref().filter(|s| !s.is_empty());
    if let Some(c) = cluster {
        state
            .fw
            .cluster(c)
            .ok_or_else(|| Problem::bad_request(format!("unknown cluster id {c:?}")))?;
    }
    if let Some(s) = sub {
        state
            .fw
            .sub_cluster(s)
            .ok_or_else(|| Problem::bad_request(format!("unknown sub-cluster id {s:?}")))?;
    }
    let rows: Vec<OccupationRow> = state
        .catalog
        .occupations
        .iter()
        .filter(|o| f.soc.as_deref().is_none_or(|p| o.soc.starts_with(p)))
        .filter(|o| cluster.is_none_or(|c| o.assignments.iter().any(|a| a.cluster == c)))
        .filter(|o| {
            sub.is_none_or(|s| o.assignments.iter().any(|a| a.sub_cluster.as_deref() == Some(s)))
        })
        .map(OccupationRow::of)
        .collect();
    Ok(json(&Paging { page: f.page, per_page: f.per_page }.apply(rows)?))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OnetRef {
    pub onet_soc: String,
    pub title: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Cluster2002Ref {
    pub cluster: String,
    pub cluster_name: Option<String>,
    pub pathway: Option<String>,
    pub pathway_name: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OccupationDetail {
    pub soc: String,
    pub title: String,
    pub definition: Option<String>,
    /// O*NET job zone (1-5) of the occupation's main O*NET-SOC code.
    pub job_zone: Option<u8>,
    /// BLS Employment Projections (national).
    pub projections: Option<Projections>,
    /// OEWS national wages.
    pub wages: Option<Wages>,
    /// Cluster assignments, primary first.
    pub clusters: Vec<Assignment>,
    /// Programs that prepare for it (NCES CIP–SOC crosswalk).
    pub programs: Vec<Ref>,
    pub onet_occupations: Vec<OnetRef>,
    /// The 2002 framework's cluster and pathway for this occupation.
    pub clusters_2002: Vec<Cluster2002Ref>,
    pub url: String,
}

pub fn occupation_detail(state: &AppState, o: &Occupation) -> OccupationDetail {
    OccupationDetail {
        soc: o.soc.clone(),
        title: o.title.clone(),
        definition: o.definition.clone(),
        job_zone: o.job_zone,
        projections: o.projections.clone(),
        wages: o.wages.clone(),
        clusters: o.assignments.clone(),
        programs: o
            .programs
            .iter()
            .map(|c| Ref {
                id: c.clone(),
                name: state.catalog.program(c).map(|p| p.title.clone()).unwrap_or_default(),
                url: format!("/programs/{c}"),
            })
            .collect(),
        onet_occupations: o
            .onet
            .iter()
            .map(|(c, t)| OnetRef { onet_soc: c.clone(), title: t.clone() })
            .collect(),
        clusters_2002: o
            .clusters_2002
            .iter()
            .map(|(c, p)| Cluster2002Ref {
                cluster: c.clone(),
                cluster_name: state.fw.cluster_2002(c).map(|x| x.name.clone()),
                pathway: p.clone(),
                pathway_name: p
                    .as_deref()
                    .and_then(|p| state.fw.pathway_2002(p))
                    .map(|x| x.name.clone()),
            })
            .collect(),
        url: format!("/occupations/{}", o.soc),
    }
}

/// Parses a SOC code as typed in a URL, accepting `151252` and `15-1252.00` for `15-1252`.
pub fn soc_param(s: &str) -> Result<String, Problem> {
    let t = s.trim();
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let shaped = t.len() <= 10 && t.chars().all(|c| c.is_ascii_digit() || c == '-' || c == '.');
    if shaped && (digits.len() == 6 || (digits.len() == 8 && t.contains('.'))) {
        return Ok(format!("{}-{}", &digits[..2], &digits[2..6]));
    }
    Err(Problem::bad_request(format!(
        "{s:?} is not a SOC 2018 detailed code; write it as NN-NNNN, e.g. 15-1252"
    )))
}

/// Parses a CIP code, accepting `513801` for `51.3801`.
pub fn cip_param(s: &str) -> Result<String, Problem> {
    let t = s.trim();
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let shaped = t.len() <= 8 && t.chars().all(|c| c.is_ascii_digit() || c == '.');
    if shaped && digits.len() == 6 {
        return Ok(format!("{}.{}", &digits[..2], &digits[2..]));
    }
    Err(Problem::bad_request(format!(
        "{s:?} is not a CIP 2020 program code; write it as NN.NNNN, e.g. 51.3801"
    )))
}

/// One occupation: definition, projections, wages, clusters, programs, O*NET codes.
#[utoipa::path(get, path = "/occupations/{soc}", tag = "catalog",
    params(("soc" = String, Path, description = "SOC 2018 detailed code, e.g. `15-1252`")),
    responses((status = 200, body = OccupationDetail), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn occupation(
    State(state): State<AppState>,
    P(soc): P<String>,
) -> Result<Response, ApiError> {
    need_data(&state)?;
    let code = soc_param(&soc)?;
    let o = state
        .catalog
        .occupation(&code)
        .ok_or_else(|| Problem::not_found(format!("no detailed SOC 2018 occupation {code}")))?;
    Ok(json(&occupation_detail(&state, o)))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProgramFilter {
    /// CIP code prefix, e.g. `51` or `51.38`.
    pub cip: Option<String>,
    /// Only programs assigned to this cluster.
    pub cluster: Option<String>,
    pub page: Option<usize>,
    pub per_page: Option<usize>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ProgramRow {
    pub cip: String,
    pub title: String,
    pub primary_cluster: Option<String>,
    pub occupation_count: usize,
    pub url: String,
}

/// CIP 2020 programs (6-digit).
#[utoipa::path(get, path = "/programs", tag = "catalog", params(ProgramFilter),
    responses((status = 200, body = Page<ProgramRow>), (status = 400, body = ErrorBody)))]
pub async fn programs(
    State(state): State<AppState>,
    Q(f): Q<ProgramFilter>,
) -> Result<Response, ApiError> {
    need_data(&state)?;
    let cluster = f.cluster.as_deref().filter(|s| !s.is_empty());
    let rows: Vec<ProgramRow> = state
        .catalog
        .programs
        .iter()
        .filter(|p| f.cip.as_deref().is_none_or(|c| p.cip.starts_with(c)))
        .filter(|p| cluster.is_none_or(|c| p.assignments.iter().any(|a| a.cluster == c)))
        .map(|p| ProgramRow {
            cip: p.cip.clone(),
            title: p.title.clone(),
            primary_cluster: p.assignments.iter().find(|a| a.primary).map(|a| a.cluster.clone()),
            occupation_count: p.occupations.len(),
            url: format!("/programs/{}", p.cip),
        })
        .collect();
    Ok(json(&Paging { page: f.page, per_page: f.per_page }.apply(rows)?))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ProgramDetail {
    pub cip: String,
    pub title: String,
    pub definition: String,
    pub clusters: Vec<Assignment>,
    /// The occupations it prepares for, with national figures.
    pub occupations: Vec<OccupationRow>,
    pub url: String,
}

/// One program: definition, clusters, and the occupations it leads to.
#[utoipa::path(get, path = "/programs/{cip}", tag = "catalog",
    params(("cip" = String, Path, description = "CIP 2020 code, e.g. `51.3801`")),
    responses((status = 200, body = ProgramDetail), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn program(
    State(state): State<AppState>,
    P(cip): P<String>,
) -> Result<Response, ApiError> {
    need_data(&state)?;
    let code = cip_param(&cip)?;
    let p = state
        .catalog
        .program(&code)
        .ok_or_else(|| Problem::not_found(format!("no CIP 2020 program {code}")))?;
    Ok(json(&ProgramDetail {
        cip: p.cip.clone(),
        title: p.title.clone(),
        definition: p.definition.clone(),
        clusters: p.assignments.clone(),
        occupations: p
            .occupations
            .iter()
            .filter_map(|s| state.catalog.occupation(s))
            .map(OccupationRow::of)
            .collect(),
        url: format!("/programs/{}", p.cip),
    }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IndustryFilter {
    /// NAICS code prefix, e.g. `54`.
    pub naics: Option<String>,
    /// `sector`, `subsector`, `industry_group`, `industry` or `national_industry`.
    pub level: Option<String>,
    pub page: Option<usize>,
    pub per_page: Option<usize>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct IndustryOut {
    pub naics: String,
    pub level: String,
    pub title: String,
    pub parent: Option<String>,
    /// Cluster ids this industry maps to in the crosswalk.
    pub clusters: Vec<String>,
    pub sub_clusters: Vec<String>,
}

fn industry_out(i: &crate::data::catalog::Industry) -> IndustryOut {
    let mut clusters: Vec<String> = i.clusters.iter().map(|(c, _)| c.clone()).collect();
    clusters.dedup();
    IndustryOut {
        naics: i.naics.clone(),
        level: i.level.clone(),
        title: i.title.clone(),
        parent: i.parent.clone(),
        clusters,
        sub_clusters: i.clusters.iter().filter_map(|(_, s)| s.clone()).collect(),
    }
}

/// NAICS 2022 industries.
#[utoipa::path(get, path = "/industries", tag = "catalog", params(IndustryFilter),
    responses((status = 200, body = Page<IndustryOut>), (status = 400, body = ErrorBody)))]
pub async fn industries(
    State(state): State<AppState>,
    Q(f): Q<IndustryFilter>,
) -> Result<Response, ApiError> {
    need_data(&state)?;
    let rows: Vec<IndustryOut> = state
        .catalog
        .industries
        .iter()
        .filter(|i| f.naics.as_deref().is_none_or(|n| i.naics.starts_with(n)))
        .filter(|i| f.level.as_deref().is_none_or(|l| l.is_empty() || i.level == l))
        .map(industry_out)
        .collect();
    Ok(json(&Paging { page: f.page, per_page: f.per_page }.apply(rows)?))
}

/// One NAICS industry and the clusters it maps to.
#[utoipa::path(get, path = "/industries/{naics}", tag = "catalog",
    params(("naics" = String, Path, description = "NAICS 2022 code, e.g. `5415` or `31-33`")),
    responses((status = 200, body = IndustryOut), (status = 404, body = ErrorBody)))]
pub async fn industry(
    State(state): State<AppState>,
    P(naics): P<String>,
) -> Result<Response, ApiError> {
    need_data(&state)?;
    let i = state
        .catalog
        .industry(naics.trim())
        .ok_or_else(|| Problem::not_found(format!("no NAICS 2022 industry {naics:?}")))?;
    Ok(json(&industry_out(i)))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StateParam {
    /// Two-letter state postal code for state figures, e.g. `CT`.
    pub state: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct OccupationProfile {
    #[serde(flatten)]
    pub occupation: OccupationDetail,
    /// OEWS wages in the requested state (with its location quotient), when asked and published.
    pub state_wages: Option<Wages>,
    /// O*NET detail: tasks, skills, knowledge, hot technologies, related occupations.
    pub onet: OnetDetail,
}

/// An occupation's labor-market profile, national and (with `state`) for one state.
#[utoipa::path(get, path = "/profiles/occupations/{soc}", tag = "labor",
    params(("soc" = String, Path, description = "SOC 2018 detailed code"), StateParam),
    responses((status = 200, body = OccupationProfile), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn occupation_profile(
    State(state): State<AppState>,
    P(soc): P<String>,
    Q(q): Q<StateParam>,
) -> Result<Response, ApiError> {
    need_data(&state)?;
    let code = soc_param(&soc)?;
    let st = state_code(q.state.as_deref())?;
    let o = state
        .catalog
        .occupation(&code)
        .ok_or_else(|| Problem::not_found(format!("no detailed SOC 2018 occupation {code}")))?;
    let db = state.db.as_ref().ok_or_else(|| Problem::unavailable("no database is loaded"))?;
    let state_wages = match &st {
        Some(s) => {
            let w = state.states.wages(db, s)?.ok_or_else(|| {
                Problem::not_found(format!("no OEWS figures for state {s}; see /api/v1/states"))
            })?;
            w.get(&code).cloned()
        }
        None => None,
    };
    let st2 = state.clone();
    let onet = tokio::task::spawn_blocking(move || {
        let db = st2.db.as_ref().expect("checked above");
        crate::data::detail::onet_detail(db, &code)
    })
    .await
    .map_err(Problem::internal)??;
    Ok(json(&OccupationProfile { occupation: occupation_detail(&state, o), state_wages, onet }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ClusterProfile {
    pub cluster: String,
    pub area: String,
    /// Occupations counted: those whose primary assignment is this cluster.
    pub occupations: usize,
    /// Sum of their employment (OEWS for a state; EP base year nationally).
    pub employment: f64,
    /// Occupations whose employment is suppressed in the area (not counted in the sum).
    pub suppressed: usize,
    /// National projections, summed over the same occupations.
    pub employment_projected: f64,
    pub annual_openings: f64,
    /// Employment-weighted median of the occupations' median wages.
    pub median_of_medians: Option<f64>,
}

/// A cluster's labor-market summary, national or for one state.
#[utoipa::path(get, path = "/profiles/clusters/{id}", tag = "labor",
    params(("id" = String, Path, description = "cluster id"), StateParam),
    responses((status = 200, body = ClusterProfile), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn cluster_profile(
    State(state): State<AppState>,
    P(id): P<String>,
    Q(q): Q<StateParam>,
) -> Result<Response, ApiError> {
    need_data(&state)?;
    let c =
        state.fw.cluster(&id).ok_or_else(|| Problem::not_found(format!("no cluster {id:?}")))?;
    let st = state_code(q.state.as_deref())?;
    let db = state.db.as_ref().ok_or_else(|| Problem::unavailable("no database is loaded"))?;
    let area_wages = match &st {
        Some(s) => Some(state.states.wages(db, s)?.ok_or_else(|| {
            Problem::not_found(format!("no OEWS figures for state {s}; see /api/v1/states"))
        })?),
        None => None,
    };
    Ok(json(&crate::summary::cluster_profile(&state, c, st.as_deref(), area_wages.as_deref())))
}
