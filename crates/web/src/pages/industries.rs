//! `/industries`: NAICS sectors and the clusters they map to (the report's Table 2), and the
//! subsectors and industries below them with their sub-clusters, from the crosswalk build.

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use super::crosswalk::FormatQuery;
use super::{Layout, PQ, cluster_options, data_note, html};
use crate::app::AppState;
use crate::data::catalog::{Catalog, Industry};
use crate::error::{PageError, Problem};
use crate::export::{Table, download as file};

#[derive(Debug, Default, Deserialize)]
pub struct IndQuery {
    pub cluster: Option<String>,
}

/// One (code, cluster, sub-cluster) line, with names.
pub struct Pair {
    pub cluster: String,
    pub cluster_name: String,
    pub sub_cluster: String,
    pub sub_name: String,
}

pub struct IndRow {
    pub naics: String,
    pub level: String,
    pub title: String,
    pub pairs: Vec<Pair>,
}

pub struct Sector {
    pub head: IndRow,
    pub rows: Vec<IndRow>,
}

#[derive(Template)]
#[template(path = "industries.html")]
struct Listing {
    l: Layout,
    data_note: String,
    clusters: Vec<(String, String, bool)>,
    sectors: Vec<Sector>,
    qs: String,
    rows: usize,
    filtered: bool,
}

/// The sector a code belongs to, by its parents (`3111` → `311` → `31-33`).
fn sector_of<'a>(cat: &'a Catalog, mut i: &'a Industry) -> Option<&'a Industry> {
    for _ in 0..6 {
        if i.level == "sector" {
            return Some(i);
        }
        i = cat.industry(i.parent.as_deref()?)?;
    }
    None
}

fn validate(state: &AppState, q: &IndQuery) -> Result<Option<String>, Problem> {
    match q.cluster.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(c) if state.fw.cluster(c).is_some() => Ok(Some(c.to_owned())),
        Some(c) => Err(Problem::bad_request(format!(
            "There is no cluster with the id {c:?}; choose one from the list (the ids are at /api/v1/clusters)."
        ))),
    }
}

fn ind_row(state: &AppState, i: &Industry, cluster: Option<&str>) -> IndRow {
    let fw = state.fw;
    IndRow {
        naics: i.naics.clone(),
        level: i.level.replace('_', " "),
        title: i.title.clone(),
        pairs: i
            .clusters
            .iter()
            .filter(|(c, _)| cluster.is_none_or(|x| x == c))
            .map(|(c, s)| Pair {
                cluster: c.clone(),
                cluster_name: fw.cluster(c).map(|x| x.name.clone()).unwrap_or_else(|| c.clone()),
                sub_cluster: s.clone().unwrap_or_default(),
                sub_name: s
                    .as_deref()
                    .and_then(|s| fw.sub_cluster(s))
                    .map(|x| x.name.clone())
                    .unwrap_or_default(),
            })
            .collect(),
    }
}

/// The sectors with their mapped codes; with a cluster, only what maps to it.
fn sectors(state: &AppState, cluster: Option<&str>) -> Vec<Sector> {
    let cat = &state.catalog;
    let mut below: HashMap<&str, Vec<IndRow>> = HashMap::new();
    for i in cat.industries.iter().filter(|i| i.level != "sector" && !i.clusters.is_empty()) {
        let Some(sector) = sector_of(cat, i) else { continue };
        let row = ind_row(state, i, cluster);
        if !row.pairs.is_empty() {
            below.entry(sector.naics.as_str()).or_default().push(row);
        }
    }
    cat.industries
        .iter()
        .filter(|i| i.level == "sector")
        .filter_map(|s| {
            let head = ind_row(state, s, cluster);
            let rows = below.remove(s.naics.as_str()).unwrap_or_default();
            (!head.pairs.is_empty() || !rows.is_empty()).then_some(Sector { head, rows })
        })
        .collect()
}

pub async fn page(
    State(state): State<AppState>,
    PQ(q): PQ<IndQuery>,
) -> Result<Response, PageError> {
    let cluster = validate(&state, &q)?;
    let sectors = sectors(&state, cluster.as_deref());
    html(&Listing {
        l: Layout::new("Industries and clusters", "industries"),
        data_note: data_note(&state),
        clusters: cluster_options(&state, cluster.as_deref()),
        filtered: cluster.is_some(),
        rows: sectors.iter().map(|s| usize::from(!s.head.pairs.is_empty()) + s.rows.len()).sum(),
        qs: cluster.map(|c| format!("cluster={c}&")).unwrap_or_default(),
        sectors,
    })
}

pub async fn download(
    State(state): State<AppState>,
    PQ(q): PQ<IndQuery>,
    PQ(fq): PQ<FormatQuery>,
) -> Result<Response, PageError> {
    let cluster = validate(&state, &q)?;
    let mut rows = Vec::new();
    for s in sectors(&state, cluster.as_deref()) {
        let sector = s.head.naics.clone();
        for r in std::iter::once(&s.head).chain(&s.rows) {
            for p in &r.pairs {
                rows.push(vec![
                    sector.clone(),
                    r.naics.clone(),
                    r.level.clone(),
                    r.title.clone(),
                    p.cluster.clone(),
                    p.cluster_name.clone(),
                    p.sub_cluster.clone(),
                    p.sub_name.clone(),
                ]);
            }
        }
    }
    let headers = [
        "sector",
        "naics",
        "level",
        "title",
        "cluster",
        "cluster_name",
        "sub_cluster",
        "sub_cluster_name",
    ]
    .map(String::from)
    .to_vec();
    let t = Table { title: "industries".into(), headers, rows, numeric: Vec::new() };
    let about = vec![(
        "contents".to_owned(),
        format!(
            "NAICS codes mapped to clusters{}",
            cluster.map(|c| format!(" ({c})")).unwrap_or_default()
        ),
    )];
    Ok(file(&t, fq.format, "trellis-industries", &about)?)
}
