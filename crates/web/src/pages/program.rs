//! The program (CIP) page.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::cluster::{Row, StateQuery, chosen_state, hshwid_note, row};
use super::sub_cluster::sources_line;
use super::{Layout, PP, PQ, data_note, html, state_options};
use crate::api::cip_param;
use crate::app::AppState;
use crate::data::catalog::Assignment;
use crate::error::{PageError, Problem};

/// A cluster assignment, with names.
pub struct AssignmentView {
    pub cluster_id: String,
    pub cluster: String,
    pub sub_id: String,
    pub sub: String,
    pub primary: bool,
    pub score: String,
    pub interdisciplinary: bool,
}

pub fn assignment_views(state: &AppState, list: &[Assignment]) -> Vec<AssignmentView> {
    list.iter()
        .map(|a| AssignmentView {
            cluster_id: a.cluster.clone(),
            cluster: state
                .fw
                .cluster(&a.cluster)
                .map(|c| c.name.clone())
                .unwrap_or_else(|| a.cluster.clone()),
            sub_id: a.sub_cluster.clone().unwrap_or_default(),
            sub: a
                .sub_cluster
                .as_deref()
                .and_then(|s| state.fw.sub_cluster(s))
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            primary: a.primary,
            score: format!("{:.2}", a.score),
            interdisciplinary: a.interdisciplinary,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "program.html")]
struct ProgramPage {
    l: Layout,
    cip: String,
    title: String,
    definition: String,
    data_note: String,
    clusters: Vec<AssignmentView>,
    form_action: String,
    states: Vec<(String, String, bool)>,
    state_code: String,
    hshwid_note: String,
    has_badges: bool,
    rows: Vec<Row>,
    table_caption: String,
    area_suffix: String,
    sources_line: String,
}

pub async fn page(
    State(state): State<AppState>,
    PP(cip): PP<String>,
    PQ(q): PQ<StateQuery>,
) -> Result<Response, PageError> {
    if !state.catalog.loaded {
        return Err(Problem::unavailable(data_note(&state)).into());
    }
    let code = cip_param(&cip)?;
    let p = state
        .catalog
        .program(&code)
        .ok_or_else(|| Problem::not_found(format!("There is no CIP 2020 program {code}.")))?;
    let chosen = chosen_state(&state, q.state.as_deref())?;
    let st = chosen.as_ref().map(|(c, _)| c.clone());
    let state_name = st.as_deref().and_then(|x| state.states.state(x)).map(|x| x.name.clone());
    let flags = st.as_deref().and_then(|x| crate::hshwid::flags(&state, x));
    let rows = p
        .occupations
        .iter()
        .filter_map(|s| state.catalog.occupation(s))
        .map(|o| {
            row(&state, o, &|_| true, chosen.as_ref().map(|(_, w)| w.as_ref()), flags.as_ref())
        })
        .collect();
    html(&ProgramPage {
        l: Layout::new(format!("{} ({})", p.title, p.cip), "clusters"),
        cip: p.cip.clone(),
        title: p.title.clone(),
        definition: p.definition.clone(),
        data_note: data_note(&state),
        clusters: assignment_views(&state, &p.assignments),
        form_action: format!("/programs/{}#occupations", p.cip),
        states: state_options(&state, st.as_deref()),
        state_code: st.clone().unwrap_or_default(),
        hshwid_note: hshwid_note(&state, st.as_deref(), flags.is_some()),
        has_badges: flags.is_some(),
        rows,
        table_caption: match &state_name {
            Some(n) => {
                format!("Occupations {} prepares for, with {n} employment and wages", p.title)
            }
            None => format!("Occupations {} prepares for, national figures", p.title),
        },
        area_suffix: st.as_deref().map(|x| format!(" ({x})")).unwrap_or_default(),
        sources_line: sources_line(&state, state_name.as_deref()),
    })
}
