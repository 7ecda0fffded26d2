//! Search as you type and free-text matching.

use serde::Serialize;

use crate::app::AppState;
use crate::search::{Hit, Kind};

/// Clusters, sub-clusters, occupations and programs for a query.
pub fn search(state: &AppState, q: &str, limit: usize) -> Vec<Hit> {
    state.search.search(q, limit)
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
    pub title: String,
    pub score: f64,
    pub cluster: Option<String>,
    pub sub_cluster: Option<String>,
    pub url: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MatchResults {
    pub query: String,
    /// `title` or `program`.
    pub kind: String,
    /// How the candidates were found: `title_search` (word match on official titles).
    pub method: String,
    pub candidates: Vec<Candidate>,
}

pub fn match_text(state: &AppState, q: &str, kind: MatchKind, limit: usize) -> MatchResults {
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
            let (cluster, sub_cluster, title) = match kind {
                MatchKind::Title => {
                    let o = state.catalog.occupation(&h.id);
                    let a = o.and_then(|o| o.primary());
                    (
                        a.map(|a| a.cluster.clone()),
                        a.and_then(|a| a.sub_cluster.clone()),
                        o.map(|o| o.title.clone()).unwrap_or_default(),
                    )
                }
                MatchKind::Program => {
                    let p = state.catalog.program(&h.id);
                    let a = p.and_then(|p| p.assignments.iter().find(|a| a.primary));
                    (
                        a.map(|a| a.cluster.clone()),
                        a.and_then(|a| a.sub_cluster.clone()),
                        p.map(|p| p.title.clone()).unwrap_or_default(),
                    )
                }
            };
            Candidate { code: h.id, title, score: h.score, cluster, sub_cluster, url: h.url }
        })
        .collect();
    MatchResults {
        query: q.to_owned(),
        kind: match kind {
            MatchKind::Title => "title".into(),
            MatchKind::Program => "program".into(),
        },
        method: "title_search".into(),
        candidates,
    }
}
