//! The crosswalk explorer, its downloads, and the 2002 → 2024 view.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use super::{Layout, PQ, cluster_options, data_note, html};
use crate::app::AppState;
use crate::error::{PageError, Problem};
use crate::export::{FileFormat, Table, download as file};
use crate::format;
use crate::query::{XW_HEADERS, XwFilter, XwKind, XwRow, crosswalk_rows};

const PER_PAGE: usize = 200;

#[derive(Deserialize)]
pub struct PageQuery {
    pub page: Option<usize>,
}

#[derive(Template)]
#[template(path = "crosswalk.html")]
struct Explorer {
    l: Layout,
    data_note: String,
    kinds: Vec<(&'static str, &'static str, bool)>,
    clusters: Vec<(String, String, bool)>,
    subs: Vec<(String, String, bool)>,
    soc: String,
    cip: String,
    naics: String,
    primary_only: bool,
    total: usize,
    page: usize,
    pages: usize,
    qs: String,
    rows: Vec<XwRow>,
    kind_label: &'static str,
    code_label: &'static str,
    has_scores: bool,
    link_codes: bool,
    link_base: &'static str,
}

pub async fn page(
    State(state): State<AppState>,
    PQ(f): PQ<XwFilter>,
    PQ(q): PQ<PageQuery>,
) -> Result<Response, PageError> {
    f.validate(state.fw)?;
    let all = crosswalk_rows(state.fw, &state.catalog, &f);
    let total = all.len();
    let pages = total.div_ceil(PER_PAGE).max(1);
    let page = q.page.unwrap_or(1);
    if page == 0 || page > pages {
        return Err(Problem::not_found(format!(
            "There is no page {page}: these filters give {pages} page(s)."
        ))
        .into());
    }
    let rows: Vec<XwRow> = all.into_iter().skip((page - 1) * PER_PAGE).take(PER_PAGE).collect();
    let cl = f.cluster.clone().unwrap_or_default();
    let sc = f.sub_cluster.clone().unwrap_or_default();
    let kind = f.kind;
    html(&Explorer {
        l: Layout::new("Crosswalk explorer", "crosswalk"),
        data_note: data_note(&state),
        kinds: [XwKind::Occupations, XwKind::Programs, XwKind::Industries]
            .into_iter()
            .map(|k| {
                let label = match k {
                    XwKind::Occupations => "Occupations (SOC)",
                    XwKind::Programs => "Programs (CIP)",
                    XwKind::Industries => "Industries (NAICS)",
                };
                (k.as_str(), label, k == kind)
            })
            .collect(),
        clusters: cluster_options(&state, f.cluster.as_deref()),
        subs: state
            .fw
            .sub_clusters
            .iter()
            .filter(|s| cl.is_empty() || s.cluster == cl)
            .map(|s| (s.id.clone(), s.name.clone(), s.id == sc))
            .collect(),
        soc: f.soc.clone().unwrap_or_default(),
        cip: f.cip.clone().unwrap_or_default(),
        naics: f.naics.clone().unwrap_or_default(),
        primary_only: f.primary_only == Some(true),
        total,
        page,
        pages,
        qs: f.query_string(),
        rows,
        kind_label: match kind {
            XwKind::Occupations => "occupations by cluster and sub-cluster",
            XwKind::Programs => "programs by cluster and sub-cluster",
            XwKind::Industries => "industries by cluster and sub-cluster",
        },
        code_label: kind.code_label(),
        has_scores: kind != XwKind::Industries,
        link_codes: kind != XwKind::Industries,
        link_base: if kind == XwKind::Programs { "programs" } else { "occupations" },
    })
}

fn about(state: &AppState, what: String) -> Vec<(String, String)> {
    let mut v = vec![("contents".to_owned(), what)];
    if let Some(b) = &state.catalog.crosswalk {
        v.push(("crosswalk build".into(), format!("{} ({})", b.id, b.created_at)));
        v.push(("inputs sha256".into(), b.inputs_sha256.clone()));
    }
    for (k, val) in &state.catalog.meta {
        v.push((k.clone(), val.clone()));
    }
    v
}

pub async fn download(
    State(state): State<AppState>,
    PQ(f): PQ<XwFilter>,
    PQ(q): PQ<FormatQuery>,
) -> Result<Response, PageError> {
    f.validate(state.fw)?;
    let rows = crosswalk_rows(state.fw, &state.catalog, &f);
    let t = Table {
        title: format!("crosswalk {}", f.kind.as_str()),
        headers: XW_HEADERS.iter().map(|h| (*h).to_owned()).collect(),
        rows: rows.iter().map(XwRow::cells).collect(),
        numeric: vec![7],
    };
    let stem = format!("trellis-crosswalk-{}", f.kind.as_str());
    let what = format!("crosswalk rows for {}", f.query_string());
    Ok(file(&t, q.format, &stem, &about(&state, what))?)
}

#[derive(Template)]
#[template(path = "crosswalk_2002.html")]
struct View2002 {
    l: Layout,
    clusters: Vec<(String, String, String, String, String)>,
    pathways: Vec<[String; 7]>,
}

fn pathway_rows(state: &AppState) -> Vec<[String; 7]> {
    let fw = state.fw;
    state
        .catalog
        .pathways
        .iter()
        .map(|p| {
            let pw = fw.pathway_2002(&p.pathway);
            [
                pw.and_then(|x| fw.cluster_2002(&x.cluster))
                    .map(|x| x.name.clone())
                    .unwrap_or_default(),
                pw.map(|x| x.name.clone()).unwrap_or_else(|| p.pathway.clone()),
                p.sub_cluster.clone(),
                fw.sub_cluster(&p.sub_cluster).map(|x| x.name.clone()).unwrap_or_default(),
                format::share(p.share),
                format::int(p.employment),
                p.occupations.to_string(),
            ]
        })
        .collect()
}

pub async fn view_2002(State(state): State<AppState>) -> Result<Response, PageError> {
    let fw = state.fw;
    let clusters = fw
        .crosswalk_2002
        .iter()
        .map(|r| {
            (
                r.from
                    .as_deref()
                    .and_then(|f| fw.cluster_2002(f))
                    .map(|c| c.name.clone())
                    .unwrap_or_else(|| "—".into()),
                super::cluster::change_words(r.change.as_str()).to_owned(),
                r.to.clone().unwrap_or_default(),
                r.to.as_deref()
                    .and_then(|t| fw.cluster(t))
                    .map(|c| c.name.clone())
                    .unwrap_or_default(),
                r.note.clone().unwrap_or_default(),
            )
        })
        .collect();
    html(&View2002 {
        l: Layout::new("From the 2002 framework to 2024", "crosswalk"),
        clusters,
        pathways: pathway_rows(&state),
    })
}

#[derive(Deserialize)]
pub struct FormatQuery {
    pub format: FileFormat,
}

pub async fn download_2002(
    State(state): State<AppState>,
    PQ(q): PQ<FormatQuery>,
) -> Result<Response, PageError> {
    let rows: Vec<Vec<String>> = state
        .catalog
        .pathways
        .iter()
        .zip(pathway_rows(&state))
        .map(|(p, r)| {
            vec![
                r[0].clone(),
                p.pathway.clone(),
                r[1].clone(),
                p.sub_cluster.clone(),
                r[3].clone(),
                format!("{:.4}", p.share),
                format!("{:.0}", p.employment),
                p.occupations.to_string(),
            ]
        })
        .collect();
    let t = Table {
        title: "pathways 2002 to 2024".into(),
        headers: [
            "cluster_2002",
            "pathway_2002",
            "pathway_2002_name",
            "sub_cluster",
            "sub_cluster_name",
            "share",
            "employment",
            "occupations",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect(),
        rows,
        numeric: vec![5, 6, 7],
    };
    Ok(file(
        &t,
        q.format,
        "trellis-crosswalk-2002-2024",
        &about(&state, "2002 pathway to 2024 sub-cluster shares".into()),
    )?)
}
