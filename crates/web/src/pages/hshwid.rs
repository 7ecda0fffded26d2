//! HSHWID lists per state, with the definitions, downloadable.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use super::{Layout, PQ, html, state_options};
use crate::api::state_code;
use crate::app::AppState;
use crate::error::{PageError, Problem};
use crate::export::{FileFormat, Table, download as file};
use crate::format;
use crate::hshwid::{Definitions, HshwidList};

#[derive(Deserialize)]
pub struct HshwidQuery {
    pub state: Option<String>,
}

#[derive(Deserialize)]
pub struct DownloadQuery {
    pub state: Option<String>,
    pub format: FileFormat,
}

#[derive(Template)]
#[template(path = "hshwid.html")]
struct HshwidPage {
    l: Layout,
    states: Vec<(String, String, bool)>,
    code: String,
    state_name: String,
    defs: Option<Definitions>,
    note: String,
    rows: Vec<[String; 9]>,
    designated: usize,
    vintages: String,
}

fn yes_no(v: Option<bool>) -> String {
    match v {
        Some(true) => "yes".into(),
        Some(false) => "no".into(),
        None => "unknown".into(),
    }
}

fn rows(state: &AppState, l: &HshwidList) -> Vec<[String; 9]> {
    l.occupations
        .iter()
        .map(|r| {
            [
                r.soc.clone(),
                r.title.clone(),
                r.cluster
                    .as_deref()
                    .and_then(|c| state.fw.cluster(c))
                    .map(|c| c.name.clone())
                    .unwrap_or_default(),
                yes_no(r.flags.high_skill),
                yes_no(r.flags.high_wage),
                yes_no(r.flags.in_demand),
                r.median_wage.map(format::dollars).unwrap_or_else(|| "–".into()),
                match r.annual_openings {
                    Some(v) if r.openings_estimated => format!("{} (est.)", format::int(v)),
                    v => format::opt_int(v),
                },
                r.entry_education.clone().unwrap_or_default(),
            ]
        })
        .collect()
}

pub async fn page(
    State(state): State<AppState>,
    PQ(q): PQ<HshwidQuery>,
) -> Result<Response, PageError> {
    let code = state_code(q.state.as_deref())?;
    let mut page = HshwidPage {
        l: Layout::new("High-skill, high-wage, in-demand occupations", "hshwid"),
        states: state_options(&state, code.as_deref()),
        code: code.clone().unwrap_or_default(),
        state_name: String::new(),
        defs: None,
        note: String::new(),
        rows: Vec::new(),
        designated: 0,
        vintages: String::new(),
    };
    if page.states.is_empty() {
        // Without OEWS data, offer the states that have profiles.
        page.states = state
            .fw
            .states
            .iter()
            .map(|s| {
                (
                    s.state.code.clone(),
                    s.state.name.clone(),
                    Some(s.state.code.as_str()) == code.as_deref(),
                )
            })
            .collect();
    }
    if let Some(c) = &code {
        page.state_name = state
            .states
            .state(c)
            .map(|s| s.name.clone())
            .or_else(|| state.fw.state(c).map(|s| s.state.name.clone()))
            .ok_or_else(|| Problem::not_found(format!("There is no state {c} in the data.")))?;
        page.defs = crate::hshwid::definitions(&state, c);
        match crate::hshwid::list(&state, c) {
            Ok(l) => {
                page.designated =
                    l.occupations.iter().filter(|r| r.flags.designated == Some(true)).count();
                page.vintages = l.vintages.join(", ");
                page.rows = rows(&state, &l);
            }
            Err(p) => page.note = p.message,
        }
        page.l.title = format!("HSHWID occupations, {}", page.state_name);
    }
    html(&page)
}

pub async fn download(
    State(state): State<AppState>,
    PQ(q): PQ<DownloadQuery>,
) -> Result<Response, PageError> {
    let code = state_code(q.state.as_deref())?
        .ok_or_else(|| Problem::bad_request("Choose a state: add state=XX to the address."))?;
    let l = crate::hshwid::list(&state, &code)?;
    let t = Table {
        title: format!("HSHWID {code}"),
        headers: [
            "soc",
            "title",
            "cluster",
            "high_skill",
            "high_wage",
            "in_demand",
            "median_wage",
            "annual_openings",
            "entry_education",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect(),
        rows: l
            .occupations
            .iter()
            .map(|r| {
                vec![
                    r.soc.clone(),
                    r.title.clone(),
                    r.cluster.clone().unwrap_or_default(),
                    yes_no(r.flags.high_skill),
                    yes_no(r.flags.high_wage),
                    yes_no(r.flags.in_demand),
                    r.median_wage.map(|v| format!("{v:.0}")).unwrap_or_default(),
                    r.annual_openings.map(|v| format!("{v:.0}")).unwrap_or_default(),
                    r.entry_education.clone().unwrap_or_default(),
                ]
            })
            .collect(),
        numeric: vec![6, 7],
    };
    let about = vec![
        ("state".to_owned(), l.state_name.clone()),
        ("high-skill".to_owned(), l.definitions.high_skill.clone()),
        ("high-wage".to_owned(), l.definitions.high_wage.clone()),
        ("in-demand".to_owned(), l.definitions.in_demand.clone()),
        ("definitions source".to_owned(), l.definitions.source.clone()),
        ("data".to_owned(), l.vintages.join(", ")),
    ];
    Ok(file(&t, q.format, &format!("trellis-hshwid-{code}"), &about)?)
}
