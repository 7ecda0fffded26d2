//! `/programs`: every CIP program that prepares for at least one SOC occupation, grouped by
//! 2-digit CIP family, and its download.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::crosswalk::FormatQuery;
use super::{Layout, PQ, cluster_options, data_note, html};
use crate::app::AppState;
use crate::browse::{ProgFilter, ProgQuery, family_title, program_occupations, programs};
use crate::data::catalog::{Catalog, Program};
use crate::error::PageError;
use crate::export::{Table, download as file};

pub struct ProgRow {
    pub cip: String,
    pub title: String,
    pub cluster: String,
    pub cluster_name: String,
    pub sub_name: String,
    pub occupations: usize,
    /// Other clusters the program is also assigned to.
    pub also: Vec<String>,
}

pub struct Family {
    pub code: String,
    pub title: String,
    pub rows: Vec<ProgRow>,
}

#[derive(Template)]
#[template(path = "programs.html")]
struct Listing {
    l: Layout,
    data_note: String,
    q: String,
    clusters: Vec<(String, String, bool)>,
    families_opts: Vec<(String, String, bool)>,
    families: Vec<Family>,
    total: usize,
    qs: String,
}

fn family_of(cip: &str) -> &str {
    cip.split_once('.').map_or(cip, |(f, _)| f)
}

fn family_name(cat: &Catalog, code: &str) -> String {
    cat.cip_families.get(code).map(|t| family_title(t)).unwrap_or_default()
}

fn prog_row(state: &AppState, p: &Program) -> ProgRow {
    let fw = state.fw;
    let a = p.assignments.iter().find(|a| a.primary).or(p.assignments.first());
    ProgRow {
        cip: p.cip.clone(),
        title: p.title.clone(),
        cluster: a.map(|a| a.cluster.clone()).unwrap_or_default(),
        cluster_name: a
            .and_then(|a| fw.cluster(&a.cluster))
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        sub_name: a
            .and_then(|a| a.sub_cluster.as_deref())
            .and_then(|s| fw.sub_cluster(s))
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        occupations: program_occupations(&state.catalog, p).len(),
        also: p
            .assignments
            .iter()
            .filter(|x| a.is_some_and(|a| a.cluster != x.cluster))
            .filter_map(|x| fw.cluster(&x.cluster).map(|c| c.name.clone()))
            .fold(Vec::new(), |mut v, n| {
                if !v.contains(&n) {
                    v.push(n);
                }
                v
            }),
    }
}

fn filter<'a>(
    state: &'a AppState,
    q: &ProgQuery,
) -> Result<(ProgFilter, Vec<&'a Program>), PageError> {
    let f = q.validate(state.fw)?;
    let list = programs(&state.catalog, &f);
    Ok((f, list))
}

pub async fn page(
    State(state): State<AppState>,
    PQ(q): PQ<ProgQuery>,
) -> Result<Response, PageError> {
    let (f, list) = filter(&state, &q)?;
    let cat = &state.catalog;
    let mut families: Vec<Family> = Vec::new();
    for p in &list {
        let code = family_of(&p.cip);
        if families.last().is_none_or(|x| x.code != code) {
            families.push(Family {
                code: code.to_owned(),
                title: family_name(cat, code),
                rows: Vec::new(),
            });
        }
        if let Some(fam) = families.last_mut() {
            fam.rows.push(prog_row(&state, p));
        }
    }
    // Every family with a matched program is offered, whatever the other filters.
    let mut fam_codes: Vec<&str> = cat
        .programs
        .iter()
        .filter(|p| !program_occupations(cat, p).is_empty())
        .map(|p| family_of(&p.cip))
        .collect();
    fam_codes.dedup();
    let fam = f.family.clone().unwrap_or_default();
    html(&Listing {
        l: Layout::new("All programs", "programs"),
        data_note: data_note(&state),
        q: f.q.clone().unwrap_or_default(),
        clusters: cluster_options(&state, f.cluster.as_deref()),
        families_opts: fam_codes
            .iter()
            .map(|c| ((*c).to_owned(), format!("{c} {}", family_name(cat, c)), *c == fam))
            .collect(),
        total: list.len(),
        families,
        qs: f.qs(),
    })
}

pub async fn download(
    State(state): State<AppState>,
    PQ(q): PQ<ProgQuery>,
    PQ(fq): PQ<FormatQuery>,
) -> Result<Response, PageError> {
    let (f, list) = filter(&state, &q)?;
    let cat = &state.catalog;
    let headers = [
        "cip_family",
        "cip_family_title",
        "cip",
        "title",
        "cluster",
        "cluster_name",
        "sub_cluster_name",
        "also_in_clusters",
        "occupations",
    ]
    .map(String::from)
    .to_vec();
    let rows = list
        .iter()
        .map(|p| {
            let r = prog_row(&state, p);
            let fam = family_of(&p.cip);
            vec![
                fam.to_owned(),
                family_name(cat, fam),
                r.cip,
                r.title,
                r.cluster,
                r.cluster_name,
                r.sub_name,
                r.also.join("; "),
                r.occupations.to_string(),
            ]
        })
        .collect();
    let t = Table { title: "programs".into(), headers, rows, numeric: vec![8] };
    let about = vec![("contents".to_owned(), format!("programs for {}", f.qs()))];
    Ok(file(&t, fq.format, "trellis-programs", &about)?)
}
