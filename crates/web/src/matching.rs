//! Search as you type and free-text matching. Framework entities (clusters, sub-clusters)
//! come from the title index of [`crate::search`]; occupations and programs from the matcher
//! (any spelling, abbreviations, misspellings), or from the title index while the matcher is
//! still loading or when the database has none.

use serde::Serialize;
use trellis_matching::Domain;

use crate::app::AppState;
use crate::search::{Hit, Kind};

/// Clusters, sub-clusters, occupations and programs for a query, best first.
pub fn search(state: &AppState, q: &str, limit: usize) -> Vec<Hit> {
    let titles = state.search.search(q, limit.max(20));
    // Codes (15-1252, 51.38) are found by the title index, which holds them.
    let code_like = q.trim().starts_with(|c: char| c.is_ascii_digit());
    let Some(Some(m)) = state.matcher.get().filter(|_| !code_like) else {
        let mut v = titles;
        v.truncate(limit);
        return v;
    };
    let mut out: Vec<Hit> =
        titles.iter().filter(|h| h.kind == Kind::Cluster).take(2).cloned().collect();
    out.extend(titles.iter().filter(|h| h.kind == Kind::SubCluster).take(2).cloned());
    out.truncate(limit);
    let occupations = occupation_hits(state, m, q, limit);
    let programs = program_hits(state, m, q, limit);
    // Alternate occupations and programs after the framework entities, occupations first.
    // Scores of the two domains are calibrated separately, so merging by score alone can
    // fill the list with one kind (a half-typed "registered nur" favours nursing programs).
    let (mut i, mut j) = (0, 0);
    while out.len() < limit && (i < occupations.len() || j < programs.len()) {
        let take_occ = match (occupations.get(i), programs.get(j)) {
            (Some(_), Some(_)) => i <= j,
            (Some(_), None) => true,
            _ => false,
        };
        if take_occ {
            out.push(occupations[i].clone());
            i += 1;
        } else {
            out.push(programs[j].clone());
            j += 1;
        }
    }
    out
}

fn occupation_hits(state: &AppState, m: &trellis_matching::Matcher, q: &str, k: usize) -> Vec<Hit> {
    let mut out: Vec<Hit> = Vec::new();
    for c in m.search(q, Domain::Occupation, k * 2) {
        let Some(soc) = c.soc else { continue };
        if out.iter().any(|h| h.id == soc) {
            continue;
        }
        let Some(o) = state.catalog.occupation(&soc) else { continue };
        out.push(Hit {
            kind: Kind::Occupation,
            label: format!("{} ({soc})", o.title),
            url: format!("/occupations/{soc}"),
            id: soc,
            score: f64::from(c.score),
        });
    }
    out.truncate(k);
    out
}

fn program_hits(state: &AppState, m: &trellis_matching::Matcher, q: &str, k: usize) -> Vec<Hit> {
    m.search(q, Domain::Program, k)
        .into_iter()
        .filter_map(|c| {
            let p = state.catalog.program(&c.code)?;
            Some(Hit {
                kind: Kind::Program,
                id: p.cip.clone(),
                label: format!("{} ({})", p.title, p.cip),
                url: format!("/programs/{}", p.cip),
                score: f64::from(c.score),
            })
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    Title,
    Program,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Candidate {
    /// SOC code (titles) or CIP code (programs).
    pub code: String,
    /// O*NET-SOC code of the matched occupation, for titles.
    pub onet_soc: Option<String>,
    pub title: String,
    /// Calibrated confidence 0..1 for the matcher; a word-match score for `title_search`.
    pub score: f64,
    pub cluster: Option<String>,
    pub sub_cluster: Option<String>,
    /// Why it matched, in words.
    pub why: Option<String>,
    pub url: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MatchResults {
    pub query: String,
    /// `title` or `program`.
    pub kind: String,
    /// `matcher` (the trained matcher over O*NET and CIP titles, descriptions and tasks) or
    /// `title_search` (word match on official titles, while the matcher is unavailable).
    pub method: String,
    pub candidates: Vec<Candidate>,
}

fn clusters_of(state: &AppState, kind: MatchKind, code: &str) -> (Option<String>, Option<String>) {
    let a = match kind {
        MatchKind::Title => state.catalog.occupation(code).and_then(|o| o.primary().cloned()),
        MatchKind::Program => state
            .catalog
            .program(code)
            .and_then(|p| p.assignments.iter().find(|a| a.primary).cloned()),
    };
    (a.as_ref().map(|a| a.cluster.clone()), a.and_then(|a| a.sub_cluster))
}

pub fn match_text(state: &AppState, q: &str, kind: MatchKind, limit: usize) -> MatchResults {
    let kind_name = match kind {
        MatchKind::Title => "title",
        MatchKind::Program => "program",
    };
    if let Some(Some(m)) = state.matcher.get() {
        let domain = match kind {
            MatchKind::Title => Domain::Occupation,
            MatchKind::Program => Domain::Program,
        };
        let candidates = m
            .search_with(q, domain, limit, false)
            .into_iter()
            .filter_map(|c| {
                let code = match kind {
                    MatchKind::Title => c.soc.clone()?,
                    MatchKind::Program => c.code.clone(),
                };
                let (cluster, sub_cluster) = clusters_of(state, kind, &code);
                let url = match kind {
                    MatchKind::Title => format!("/occupations/{code}"),
                    MatchKind::Program => format!("/programs/{code}"),
                };
                Some(Candidate {
                    why: Some(c.why()),
                    onet_soc: (kind == MatchKind::Title).then(|| c.code.clone()),
                    title: c.title.clone(),
                    score: f64::from(c.score),
                    code,
                    cluster,
                    sub_cluster,
                    url,
                })
            })
            .collect();
        return MatchResults {
            query: q.to_owned(),
            kind: kind_name.into(),
            method: "matcher".into(),
            candidates,
        };
    }
    let want = match kind {
        MatchKind::Title => Kind::Occupation,
        MatchKind::Program => Kind::Program,
    };
    let candidates = state
        .search
        .search(q, 200)
        .into_iter()
        .filter(|h| h.kind == want)
        .take(limit)
        .map(|h| {
            let (cluster, sub_cluster) = clusters_of(state, kind, &h.id);
            let title = match kind {
                MatchKind::Title => state.catalog.occupation(&h.id).map(|o| o.title.clone()),
                MatchKind::Program => state.catalog.program(&h.id).map(|p| p.title.clone()),
            };
            Candidate {
                code: h.id,
                onet_soc: None,
                title: title.unwrap_or_default(),
                score: h.score,
                cluster,
                sub_cluster,
                why: None,
                url: h.url,
            }
        })
        .collect();
    MatchResults {
        query: q.to_owned(),
        kind: kind_name.into(),
        method: "title_search".into(),
        candidates,
    }
}
