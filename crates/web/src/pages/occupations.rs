//! `/occupations`: every detailed occupation in one filterable, sortable table, and its
//! download.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::cluster::{Row, chosen_state, hshwid_note, row};
use super::crosswalk::{FormatQuery, PageQuery};
use super::{Layout, PQ, cluster_options, data_note, html, state_options};
use crate::app::AppState;
use crate::browse::{EDUCATION_ORDER, OccFilter, OccQuery, OccSort, occupations, shown_wages};
use crate::data::catalog::{Figure, Occupation, Status};
use crate::error::{PageError, Problem};
use crate::export::{Table, download as file};

const PER_PAGE: usize = 100;

/// O*NET job zones as O*NET names them.
const JOB_ZONES: [(u8, &str); 5] = [
    (1, "1: little or no preparation"),
    (2, "2: some preparation"),
    (3, "3: medium preparation"),
    (4, "4: considerable preparation"),
    (5, "5: extensive preparation"),
];

/// A sortable column header: the link sorts by it (or reverses the current sort).
pub struct Col {
    pub label: String,
    pub num: bool,
    pub href: String,
    /// `ascending`, `descending` or empty (for `aria-sort`).
    pub aria_sort: &'static str,
}

/// A `<select>` option: (value, label, selected).
type Opt = (String, String, bool);

/// Sub-clusters grouped under their cluster (an `<optgroup>` each).
pub struct SubGroup {
    pub cluster: String,
    pub subs: Vec<Opt>,
}

#[derive(Template)]
#[template(path = "occupations.html")]
struct Listing {
    l: Layout,
    data_note: String,
    q: String,
    clusters: Vec<Opt>,
    sub_groups: Vec<SubGroup>,
    zones: Vec<Opt>,
    educations: Vec<Opt>,
    states: Vec<Opt>,
    designated_only: bool,
    sort: String,
    dir: String,
    hshwid_note: String,
    has_badges: bool,
    state_code: String,
    cols: Vec<Col>,
    rows: Vec<Row>,
    total: usize,
    all: usize,
    page: usize,
    pages: usize,
    /// Filters and sort, for the pager and the downloads.
    qs: String,
    caption: String,
    sources_line: String,
}

fn columns(f: &OccFilter, area_suffix: &str) -> Vec<Col> {
    [
        (OccSort::Soc, "SOC".to_owned(), false),
        (OccSort::Title, "Occupation".to_owned(), false),
        (OccSort::JobZone, "Job zone".to_owned(), true),
        (OccSort::Employment, format!("Employment{area_suffix}"), true),
        (OccSort::Change, "Projected change".to_owned(), true),
        (OccSort::Openings, "Annual openings".to_owned(), true),
        (OccSort::Pct10, format!("10th pct wage{area_suffix}"), true),
        (OccSort::Median, format!("Median wage{area_suffix}"), true),
        (OccSort::Education, "Entry education".to_owned(), false),
    ]
    .into_iter()
    .map(|(key, label, num)| {
        // Unsorted lists are in SOC order, so the SOC column counts as sorted ascending.
        let current = f.sort.unwrap_or(OccSort::Soc) == key;
        let desc_now = current && f.descending;
        // The link reverses the current sort, or sorts in the column's natural direction.
        let next = OccFilter {
            sort: Some(key),
            descending: if current { !desc_now } else { key.default_descending() },
            ..f.clone()
        };
        Col {
            label,
            num,
            href: format!("/occupations?{}", next.full_qs()),
            aria_sort: match (current, desc_now) {
                (false, _) => "",
                (true, false) => "ascending",
                (true, true) => "descending",
            },
        }
    })
    .collect()
}

/// The state's wages and HSHWID flags when the filter names a state.
struct StateView {
    code: Option<String>,
    area: Option<std::sync::Arc<crate::data::state_figures::AreaWages>>,
    flags: Option<std::collections::HashMap<String, crate::hshwid::Flags>>,
}

/// The validated filters and the chosen state's figures: what the page and its download share.
fn select(state: &AppState, q: &OccQuery) -> Result<(OccFilter, StateView), Problem> {
    let f = q.validate(state.fw)?;
    let sv = state_view(state, &f)?;
    Ok((f, sv))
}

fn state_view(state: &AppState, f: &OccFilter) -> Result<StateView, Problem> {
    let chosen = chosen_state(state, f.state.as_deref())?;
    let code = chosen.as_ref().map(|(c, _)| c.clone());
    let flags = code.as_deref().and_then(|s| crate::hshwid::flags(state, s));
    if f.designated_only
        && flags.is_none()
        && let Some(c) = code.as_deref()
    {
        // Why there are no flags (still loading: 503; no definitions for the state: 404).
        crate::hshwid::list(state, c)?;
    }
    Ok(StateView { code, area: chosen.map(|(_, w)| w), flags })
}

pub async fn page(
    State(state): State<AppState>,
    PQ(q): PQ<OccQuery>,
    PQ(pq): PQ<PageQuery>,
) -> Result<Response, PageError> {
    let fw = state.fw;
    let (f, sv) = select(&state, &q)?;
    let area = sv.area.as_deref();
    let all = occupations(&state.catalog, &f, area, sv.flags.as_ref());
    let total = all.len();
    let pages = total.div_ceil(PER_PAGE).max(1);
    let page = pq.page.unwrap_or(1);
    if page == 0 || page > pages {
        return Err(Problem::not_found(format!(
            "There is no page {page}: these filters give {pages} page(s)."
        ))
        .into());
    }
    let here = |_: &Occupation| true;
    let rows: Vec<Row> = all
        .iter()
        .skip((page - 1) * PER_PAGE)
        .take(PER_PAGE)
        .map(|o| row(&state, o, &here, area, sv.flags.as_ref()))
        .collect();
    let cl = f.cluster.clone().unwrap_or_default();
    let sc = f.sub_cluster.clone().unwrap_or_default();
    let code = sv.code.clone().unwrap_or_default();
    let area_suffix = sv.code.as_deref().map(|s| format!(" ({s})")).unwrap_or_default();
    let state_name = sv
        .code
        .as_deref()
        .and_then(|s| state.states.state(s))
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let ep = state.catalog.ep_vintage.clone().unwrap_or_default();
    let oews = state.catalog.oews_vintage.clone().unwrap_or_default();
    html(&Listing {
        l: Layout::new("All occupations", "occupations"),
        data_note: data_note(&state),
        q: f.q.clone().unwrap_or_default(),
        clusters: cluster_options(&state, f.cluster.as_deref()),
        sub_groups: fw
            .clusters
            .iter()
            .filter(|c| cl.is_empty() || c.id == cl)
            .map(|c| SubGroup {
                cluster: c.name.clone(),
                subs: fw
                    .sub_clusters_of(&c.id)
                    .map(|s| (s.id.clone(), s.name.clone(), s.id == sc))
                    .collect(),
            })
            .collect(),
        zones: JOB_ZONES
            .iter()
            .map(|(z, label)| (z.to_string(), (*label).to_owned(), f.job_zone == Some(*z)))
            .collect(),
        educations: EDUCATION_ORDER
            .iter()
            .map(|e| ((*e).to_owned(), (*e).to_owned(), f.education.as_deref() == Some(*e)))
            .collect(),
        states: state_options(&state, sv.code.as_deref()),
        designated_only: f.designated_only,
        sort: f.sort.map(|s| s.as_str().to_owned()).unwrap_or_default(),
        dir: match (f.sort, f.descending) {
            (Some(s), d) if d != s.default_descending() => {
                if d {
                    "desc".into()
                } else {
                    "asc".into()
                }
            }
            _ => String::new(),
        },
        hshwid_note: hshwid_note(&state, sv.code.as_deref(), sv.flags.is_some()),
        has_badges: sv.flags.is_some(),
        state_code: code,
        cols: columns(&f, &area_suffix),
        rows,
        total,
        all: state.catalog.occupations.len(),
        page,
        pages,
        qs: f.full_qs(),
        caption: if sv.code.is_some() {
            format!("Occupations with {state_name} employment and wages")
        } else {
            "Occupations, national figures".to_owned()
        },
        sources_line: format!(
            "Employment and wages: BLS OEWS {oews} ({}); projected change ({ep}), openings and entry education: BLS Employment Projections (national); job zone: O*NET. “suppressed”: not published by BLS; “≥”: top-coded.",
            if sv.code.is_some() { state_name.as_str() } else { "national" }
        ),
    })
}

/// A figure as a spreadsheet reads it: the plain number, `>= n` when top-coded.
fn plain(f: &Figure) -> String {
    match (f.status, f.value) {
        (Status::Ok, Some(v)) => format!("{v:.0}"),
        (Status::TopCoded, Some(v)) => format!(">= {v:.0}"),
        (Status::BottomCoded, Some(v)) => format!("<= {v:.0}"),
        (Status::Suppressed, _) => "suppressed".into(),
        _ => String::new(),
    }
}

fn opt(v: Option<f64>, decimals: usize) -> String {
    v.map(|v| format!("{v:.decimals$}")).unwrap_or_default()
}

pub async fn download(
    State(state): State<AppState>,
    PQ(q): PQ<OccQuery>,
    PQ(fq): PQ<FormatQuery>,
) -> Result<Response, PageError> {
    let fw = state.fw;
    let (f, sv) = select(&state, &q)?;
    let area = sv.area.as_deref();
    let list = occupations(&state.catalog, &f, area, sv.flags.as_ref());
    let mut headers: Vec<String> = [
        "soc",
        "title",
        "cluster",
        "cluster_name",
        "sub_cluster",
        "sub_cluster_name",
        "job_zone",
        "employment",
        "projected_change_pct",
        "annual_openings",
        "wage_pct10",
        "wage_median",
        "entry_education",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    if sv.flags.is_some() {
        headers.extend(["high_skill", "high_wage", "in_demand", "designated"].map(String::from));
    }
    let yes_no = |b: Option<bool>| b.map(|b| b.to_string()).unwrap_or_default();
    let rows = list
        .iter()
        .map(|o| {
            let a = o.primary();
            let p = o.projections.as_ref();
            let w = shown_wages(o, area);
            let sub = a.and_then(|a| a.sub_cluster.clone());
            let mut r = vec![
                o.soc.clone(),
                o.title.clone(),
                a.map(|a| a.cluster.clone()).unwrap_or_default(),
                a.and_then(|a| fw.cluster(&a.cluster)).map(|c| c.name.clone()).unwrap_or_default(),
                sub.clone().unwrap_or_default(),
                sub.and_then(|s| fw.sub_cluster(&s)).map(|s| s.name.clone()).unwrap_or_default(),
                o.job_zone.map(|z| z.to_string()).unwrap_or_default(),
                w.map(|w| plain(&w.employment)).unwrap_or_default(),
                opt(p.and_then(|p| p.change_pct), 1),
                opt(p.and_then(|p| p.openings), 0),
                w.map(|w| plain(&w.pct10)).unwrap_or_default(),
                w.map(|w| plain(&w.median)).unwrap_or_default(),
                p.and_then(|p| p.education.clone()).unwrap_or_default(),
            ];
            if let Some(flags) = &sv.flags {
                let fl = flags.get(&o.soc);
                r.extend([
                    yes_no(fl.and_then(|x| x.high_skill)),
                    yes_no(fl.and_then(|x| x.high_wage)),
                    yes_no(fl.and_then(|x| x.in_demand)),
                    yes_no(fl.and_then(|x| x.designated)),
                ]);
            }
            r
        })
        .collect();
    let t = Table { title: "occupations".into(), headers, rows, numeric: vec![6, 7, 8, 9, 10, 11] };
    let stem = match &sv.code {
        Some(c) => format!("trellis-occupations-{c}"),
        None => "trellis-occupations".to_owned(),
    };
    let mut about = vec![("contents".to_owned(), format!("occupations for {}", f.full_qs()))];
    for (k, v) in
        [("OEWS", &state.catalog.oews_vintage), ("Projections", &state.catalog.ep_vintage)]
    {
        if let Some(v) = v {
            about.push((k.to_owned(), v.clone()));
        }
    }
    Ok(file(&t, fq.format, &stem, &about)?)
}
