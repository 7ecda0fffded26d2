//! The cluster page.

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use trellis_framework::model::ClusterContent;

use super::{Layout, PP, PQ, data_note, html, state_options};
use crate::api::state_code;
use crate::app::AppState;
use crate::charts::{Bar, bars};
use crate::data::catalog::{Occupation, Wages};
use crate::data::state_figures::AreaWages;
use crate::error::{PageError, Problem};
use crate::format;
use crate::hshwid::Flags;

#[derive(Deserialize)]
pub struct StateQuery {
    pub state: Option<String>,
}

pub struct SubItem {
    pub id: String,
    pub name: String,
    pub count: usize,
}

/// An occupation row, formatted.
pub struct Row {
    pub soc: String,
    pub title: String,
    pub url: String,
    pub sub: String,
    pub primary: bool,
    pub primary_cluster: String,
    /// The primary cluster's id (for links); empty when the occupation has none.
    pub primary_cluster_id: String,
    pub job_zone: String,
    pub employment: String,
    pub change: String,
    pub openings: String,
    pub pct10: String,
    pub median: String,
    pub education: String,
    /// (label, met, explanation)
    pub badges: Vec<(&'static str, bool, &'static str)>,
}

/// Formats an occupation for a table; `area` holds state wages when a state is chosen.
pub fn row(
    state: &AppState,
    o: &Occupation,
    here: &dyn Fn(&Occupation) -> bool,
    area: Option<&AreaWages>,
    flags: Option<&HashMap<String, Flags>>,
) -> Row {
    let p = o.projections.as_ref();
    let w: Option<&Wages> = crate::browse::shown_wages(o, area);
    let a = o.primary();
    let sub = a
        .and_then(|a| a.sub_cluster.as_deref())
        .and_then(|s| state.fw.sub_cluster(s))
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let mut badges = Vec::new();
    if let Some(f) = flags.and_then(|f| f.get(&o.soc)) {
        for (label, v, why) in [
            ("HS", f.high_skill, "high-skill"),
            ("HW", f.high_wage, "high-wage"),
            ("ID", f.in_demand, "in-demand"),
        ] {
            if let Some(v) = v {
                badges.push((label, v, why));
            }
        }
    }
    Row {
        soc: o.soc.clone(),
        title: o.title.clone(),
        url: format!("/occupations/{}", o.soc),
        sub,
        primary: here(o),
        primary_cluster: a
            .and_then(|a| state.fw.cluster(&a.cluster))
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        primary_cluster_id: a.map(|a| a.cluster.clone()).unwrap_or_default(),
        job_zone: o.job_zone.map(|z| z.to_string()).unwrap_or_else(|| "–".into()),
        employment: w.map(|w| format::count(&w.employment)).unwrap_or_else(|| "–".into()),
        change: format::pct_change(p.and_then(|p| p.change_pct)),
        openings: format::opt_int(p.and_then(|p| p.openings)),
        pct10: w.map(|w| format::wage(&w.pct10)).unwrap_or_else(|| "–".into()),
        median: w.map(|w| format::wage(&w.median)).unwrap_or_else(|| "–".into()),
        education: p.and_then(|p| p.education.clone()).unwrap_or_default(),
        badges,
    }
}

#[derive(Template)]
#[template(path = "cluster.html")]
struct ClusterPage {
    l: Layout,
    id: String,
    name: String,
    caption: String,
    grouping_name: String,
    cross_cutting: bool,
    subs: Vec<SubItem>,
    primary_count: usize,
    data_note: String,
    /// (visible title, SVG)
    charts: Vec<(String, String)>,
    chart_note: String,
    states: Vec<(String, String, bool)>,
    state_code: String,
    hshwid_note: String,
    has_badges: bool,
    rows: Vec<Row>,
    table_caption: String,
    area_suffix: String,
    proj_years: String,
    sources_line: String,
    content: ClusterContent,
    programs: Vec<(String, String)>,
    predecessors: Vec<(String, String, String)>,
    pathways: Vec<(String, String, String)>,
}

/// Resolves the `state` parameter to a state with figures, or explains the problem.
pub fn chosen_state(
    state: &AppState,
    q: Option<&str>,
) -> Result<Option<(String, std::sync::Arc<AreaWages>)>, Problem> {
    let Some(code) = state_code(q)? else { return Ok(None) };
    let db = state.db.as_ref().ok_or_else(|| Problem::unavailable("no database is loaded"))?;
    let w = state.states.wages(db, &code)?.ok_or_else(|| {
        Problem::not_found(format!("There are no OEWS figures for the state {code}."))
    })?;
    Ok(Some((code, w)))
}

pub fn hshwid_note(state: &AppState, code: Option<&str>, flags_present: bool) -> String {
    match code {
        None => "Choose a state to see its wages and its high-skill (HS), high-wage (HW) and in-demand (ID) designations.".into(),
        Some(_) if flags_present => String::new(),
        Some(c) => match crate::hshwid::list(state, c) {
            Err(p) => p.message,
            Ok(_) => String::new(),
        },
    }
}

pub async fn page(
    State(state): State<AppState>,
    PP(id): PP<String>,
    PQ(q): PQ<StateQuery>,
) -> Result<Response, PageError> {
    let fw = state.fw;
    let c = fw.cluster(&id).ok_or_else(|| {
        Problem::not_found(format!(
            "There is no cluster with the id “{id}”. The home page lists all 14."
        ))
    })?;
    let chosen = chosen_state(&state, q.state.as_deref())?;
    let code = chosen.as_ref().map(|(c, _)| c.clone());
    let area = chosen.as_ref().map(|(_, w)| w.as_ref());
    let flags = code.as_deref().and_then(|s| crate::hshwid::flags(&state, s));
    let here = |o: &Occupation| o.primary().is_some_and(|a| a.cluster == c.id);
    let mut occs: Vec<&Occupation> = state.catalog.cluster_occupations(&c.id).collect();
    occs.sort_by(|a, b| here(b).cmp(&here(a)).then_with(|| a.title.cmp(&b.title)));
    let rows: Vec<Row> = occs.iter().map(|o| row(&state, o, &here, area, flags.as_ref())).collect();
    let primary: Vec<&Occupation> = occs.iter().copied().filter(|o| here(o)).collect();

    let subs: Vec<SubItem> = fw
        .sub_clusters_of(&c.id)
        .map(|s| SubItem {
            id: s.id.clone(),
            name: s.name.clone(),
            count: state.catalog.by_sub_cluster.get(&s.id).map_or(0, Vec::len),
        })
        .collect();
    let charts = charts(&state, &c.id, &subs, &primary);
    let ep = state.catalog.ep_vintage.clone().unwrap_or_default();
    let oews = state.catalog.oews_vintage.clone().unwrap_or_default();
    let state_name = code
        .as_deref()
        .and_then(|s| state.states.state(s))
        .map(|s| s.name.clone())
        .unwrap_or_default();

    let mut programs: Vec<(bool, String, String)> = state
        .catalog
        .cluster_programs(&c.id)
        .map(|p| {
            let primary = p.assignments.iter().any(|a| a.primary && a.cluster == c.id);
            (primary, p.cip.clone(), p.title.clone())
        })
        .collect();
    programs.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));

    let predecessors = fw
        .crosswalk_to(&c.id)
        .map(|r| {
            let name = r
                .from
                .as_deref()
                .and_then(|f| fw.cluster_2002(f))
                .map(|c| format!("{} (2002)", c.name))
                .unwrap_or_else(|| "New in 2024".into());
            (name, change_words(r.change.as_str()).to_owned(), r.note.clone().unwrap_or_default())
        })
        .collect();
    let sub_ids: Vec<&str> = subs.iter().map(|s| s.id.as_str()).collect();
    let pathways = state
        .catalog
        .pathways
        .iter()
        .filter(|p| sub_ids.contains(&p.sub_cluster.as_str()) && p.share >= 0.05)
        .map(|p| {
            (
                fw.pathway_2002(&p.pathway)
                    .map(|x| x.name.clone())
                    .unwrap_or_else(|| p.pathway.clone()),
                fw.sub_cluster(&p.sub_cluster).map(|x| x.name.clone()).unwrap_or_default(),
                format::share(p.share),
            )
        })
        .collect();

    let mut l = Layout::new(c.name.clone(), "clusters");
    l.description = format!("{}: {}", c.name, c.caption);
    let page = ClusterPage {
        l,
        id: c.id.clone(),
        name: c.name.clone(),
        caption: c.caption.clone(),
        grouping_name: fw.grouping(&c.grouping).map(|g| g.name.clone()).unwrap_or_default(),
        cross_cutting: c.cross_cutting,
        primary_count: primary.len(),
        data_note: data_note(&state),
        chart_note: format!(
            "National figures over the {} occupations whose primary cluster this is: BLS Employment Projections {ep}, OEWS {oews}.",
            primary.len()
        ),
        charts,
        states: state_options(&state, code.as_deref()),
        state_code: code.clone().unwrap_or_default(),
        hshwid_note: hshwid_note(&state, code.as_deref(), flags.is_some()),
        has_badges: flags.is_some(),
        table_caption: if code.is_some() {
            format!("Occupations in {} with {state_name} employment and wages", c.name)
        } else {
            format!("Occupations in {}, national figures", c.name)
        },
        rows,
        area_suffix: code.as_deref().map(|s| format!(" ({s})")).unwrap_or_default(),
        proj_years: ep.clone(),
        sources_line: format!(
            "Employment and wages: BLS OEWS {oews} ({}); projected change, openings and entry education: BLS Employment Projections {ep} (national). “suppressed”: not published by BLS; “≥”: top-coded.",
            if code.is_some() { state_name.as_str() } else { "national" }
        ),
        subs,
        content: c.content.clone(),
        programs: programs.into_iter().map(|(_, a, b)| (a, b)).collect(),
        predecessors,
        pathways,
    };
    html(&page)
}

pub fn change_words(change: &str) -> &'static str {
    match change {
        "renamed" => "continues under a new name",
        "cross_cutting" => "continues as a cross-cutting cluster",
        "combined" => "combined with other 2002 clusters",
        "removed" => "removed; its fields moved to other clusters",
        "new" => "new in 2024",
        _ => "changed",
    }
}

const WAGE_BANDS: [(f64, &str); 7] = [
    (35_000.0, "under $35,000"),
    (50_000.0, "$35,000–49,999"),
    (65_000.0, "$50,000–64,999"),
    (80_000.0, "$65,000–79,999"),
    (100_000.0, "$80,000–99,999"),
    (130_000.0, "$100,000–129,999"),
    (f64::INFINITY, "$130,000 and more"),
];

fn charts(
    state: &AppState,
    cluster: &str,
    subs: &[SubItem],
    primary: &[&Occupation],
) -> Vec<(String, String)> {
    if primary.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    // Wage distribution: employment by the median wage of its occupation.
    let mut bands = [(0.0_f64, 0usize); WAGE_BANDS.len()];
    for o in primary {
        let (Some(w), Some(p)) = (&o.wages, &o.projections) else { continue };
        let (Some(m), Some(e)) = (w.median.value, p.employment_base) else { continue };
        let i = WAGE_BANDS.iter().position(|(hi, _)| m < *hi).unwrap_or(WAGE_BANDS.len() - 1);
        bands[i].0 += e;
        bands[i].1 += 1;
    }
    let wage_bars: Vec<Bar> = WAGE_BANDS
        .iter()
        .zip(bands)
        .map(|((_, label), (e, n))| Bar {
            label: (*label).to_owned(),
            value: e,
            second: None,
            text: format!("{} jobs · {n} occupations", format::int(e)),
        })
        .collect();
    out.push((
        "Employment by median annual wage of the occupation".to_owned(),
        bars(&format!("{cluster}-wages"), "Employment by median annual wage of the occupation",
        "Jobs in the cluster's occupations, grouped by each occupation's national median wage (OEWS).",
        &wage_bars,
        None,
    )));
    // Openings and projections by sub-cluster (primary sub-cluster of each occupation).
    let mut by_sub: HashMap<&str, (f64, f64, f64)> = HashMap::new();
    for o in primary {
        let Some(s) = o.primary().and_then(|a| a.sub_cluster.as_deref()) else { continue };
        let Some(p) = &o.projections else { continue };
        let e = by_sub.entry(s).or_default();
        e.0 += p.openings.unwrap_or(0.0);
        e.1 += p.employment_base.unwrap_or(0.0);
        e.2 += p.employment_projected.unwrap_or(0.0);
    }
    let _ = state;
    let openings: Vec<Bar> = subs
        .iter()
        .map(|s| {
            let v = by_sub.get(s.id.as_str()).map_or(0.0, |x| x.0);
            Bar { label: s.name.clone(), value: v, second: None, text: format::int(v) }
        })
        .collect();
    out.push((
        "Average annual openings by sub-cluster".to_owned(),
        bars(&format!("{cluster}-openings"), "Average annual openings by sub-cluster",
        "Openings per year over the projection period (BLS Employment Projections), summed by sub-cluster.",
        &openings,
        None,
    )));
    let proj: Vec<Bar> = subs
        .iter()
        .map(|s| {
            let (_, b, p) = by_sub.get(s.id.as_str()).copied().unwrap_or_default();
            let pct = if b > 0.0 { Some((p - b) / b * 100.0) } else { None };
            Bar { label: s.name.clone(), value: b, second: Some(p), text: format::pct_change(pct) }
        })
        .collect();
    let years = state_years(state);
    out.push((
        "Employment now and projected, by sub-cluster".to_owned(),
        bars(&format!("{cluster}-projection"), "Employment now and projected, by sub-cluster",
        "Employment in the base year and the projection year (BLS Employment Projections); the text gives the percent change.",
        &proj,
        Some((&years.0, &years.1)),
    )));
    out
}

fn state_years(state: &AppState) -> (String, String) {
    // '2024-34' -> ('2024', '2034')
    match state.catalog.ep_vintage.as_deref().and_then(|v| v.split_once('-')) {
        Some((a, b)) if a.len() == 4 && b.len() == 2 => (a.to_owned(), format!("{}{}", &a[..2], b)),
        _ => ("base year".into(), "projected".into()),
    }
}
