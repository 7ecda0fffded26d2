//! The sub-cluster page.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::cluster::{Row, StateQuery, chosen_state, hshwid_note, row};
use super::{Layout, PP, PQ, data_note, html, state_options};
use crate::app::AppState;
use crate::data::catalog::Occupation;
use crate::error::{PageError, Problem};
use crate::format;

#[derive(Template)]
#[template(path = "sub_cluster.html")]
struct SubClusterPage {
    l: Layout,
    id: String,
    name: String,
    cluster_id: String,
    cluster_name: String,
    cluster_caption: String,
    data_note: String,
    form_action: String,
    states: Vec<(String, String, bool)>,
    state_code: String,
    hshwid_note: String,
    has_badges: bool,
    rows: Vec<Row>,
    table_caption: String,
    area_suffix: String,
    sources_line: String,
    programs: Vec<(String, String)>,
    pathways: Vec<(String, String, String, i64)>,
}

pub fn sources_line(state: &AppState, state_name: Option<&str>) -> String {
    format!(
        "Employment and wages: BLS OEWS {} ({}); projected change, openings and entry education: BLS Employment Projections {} (national).",
        state.catalog.oews_vintage.as_deref().unwrap_or("–"),
        state_name.unwrap_or("national"),
        state.catalog.ep_vintage.as_deref().unwrap_or("–"),
    )
}

pub async fn page(
    State(state): State<AppState>,
    PP(id): PP<String>,
    PQ(q): PQ<StateQuery>,
) -> Result<Response, PageError> {
    let fw = state.fw;
    let s = fw.sub_cluster(&id).ok_or_else(|| {
        Problem::not_found(format!("There is no sub-cluster with the id “{id}”."))
    })?;
    let c =
        fw.cluster(&s.cluster).ok_or_else(|| Problem::internal("sub-cluster without cluster"))?;
    let chosen = chosen_state(&state, q.state.as_deref())?;
    let code = chosen.as_ref().map(|(c, _)| c.clone());
    let state_name = code.as_deref().and_then(|x| state.states.state(x)).map(|x| x.name.clone());
    let flags = code.as_deref().and_then(|x| crate::hshwid::flags(&state, x));
    let here = |o: &Occupation| {
        o.primary().is_some_and(|a| a.sub_cluster.as_deref() == Some(s.id.as_str()))
    };
    let mut occs: Vec<&Occupation> = state.catalog.sub_cluster_occupations(&s.id).collect();
    occs.sort_by(|a, b| here(b).cmp(&here(a)).then_with(|| a.title.cmp(&b.title)));
    let rows = occs
        .iter()
        .map(|o| row(&state, o, &here, chosen.as_ref().map(|(_, w)| w.as_ref()), flags.as_ref()))
        .collect();
    let pathways = state
        .catalog
        .pathways
        .iter()
        .filter(|p| p.sub_cluster == s.id)
        .map(|p| {
            let pw = fw.pathway_2002(&p.pathway);
            (
                pw.map(|x| x.name.clone()).unwrap_or_else(|| p.pathway.clone()),
                pw.and_then(|x| fw.cluster_2002(&x.cluster))
                    .map(|x| x.name.clone())
                    .unwrap_or_default(),
                format::share(p.share),
                p.occupations,
            )
        })
        .collect();
    html(&SubClusterPage {
        l: Layout::new(format!("{} ({})", s.name, c.name), "clusters"),
        id: s.id.clone(),
        name: s.name.clone(),
        cluster_id: c.id.clone(),
        cluster_name: c.name.clone(),
        cluster_caption: c.caption.clone(),
        data_note: data_note(&state),
        form_action: format!("/sub-clusters/{}#occupations", s.id),
        states: state_options(&state, code.as_deref()),
        state_code: code.clone().unwrap_or_default(),
        hshwid_note: hshwid_note(&state, code.as_deref(), flags.is_some()),
        has_badges: flags.is_some(),
        rows,
        table_caption: match &state_name {
            Some(n) => format!("Occupations in {} with {n} employment and wages", s.name),
            None => format!("Occupations in {}, national figures", s.name),
        },
        area_suffix: code.as_deref().map(|x| format!(" ({x})")).unwrap_or_default(),
        sources_line: sources_line(&state, state_name.as_deref()),
        programs: state
            .catalog
            .sub_cluster_programs(&s.id)
            .map(|p| (p.cip.clone(), p.title.clone()))
            .collect(),
        pathways,
    })
}
