//! Search across the framework and the catalog: clusters, sub-clusters (with their aliases),
//! occupations and programs by title or code. Built once at start-up; a query is a scan over
//! a few thousand pre-normalized titles, well under a millisecond.

use serde::Serialize;
use trellis_framework::Framework;

use crate::data::catalog::Catalog;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Cluster,
    SubCluster,
    Occupation,
    Program,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Cluster => "cluster",
            Kind::SubCluster => "sub-cluster",
            Kind::Occupation => "occupation",
            Kind::Program => "program",
        }
    }
    /// Framework entities first when scores tie: they are what most visitors look for.
    fn bonus(self) -> f64 {
        match self {
            Kind::Cluster => 0.3,
            Kind::SubCluster => 0.2,
            Kind::Occupation => 0.05,
            Kind::Program => 0.0,
        }
    }
}

struct Entry {
    kind: Kind,
    id: String,
    label: String,
    url: String,
    /// Normalized searchable names (title, aliases), each as tokens.
    names: Vec<Vec<String>>,
    /// A tie-breaker in 0..0.1 (employment for occupations).
    prior: f64,
}

/// One search result.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Hit {
    pub kind: Kind,
    /// The stable id: slug, SOC code or CIP code.
    pub id: String,
    pub label: String,
    pub url: String,
    pub score: f64,
}

pub struct SearchIndex {
    entries: Vec<Entry>,
}

/// Lower case, `&` as `and`, every other non-alphanumeric a separator.
pub fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in s.split(|c: char| !c.is_alphanumeric() && c != '&' && c != '-' && c != '.') {
        for part in raw.split('&') {
            let t: String = part
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '.')
                .flat_map(char::to_lowercase)
                .collect();
            let t = t.trim_matches(|c| c == '-' || c == '.').to_owned();
            if !t.is_empty() && t != "and" {
                out.push(t);
            }
        }
    }
    out
}

impl SearchIndex {
    pub fn build(fw: &Framework, cat: &Catalog) -> SearchIndex {
        let mut entries = Vec::new();
        for c in &fw.clusters {
            let mut names = vec![tokens(&c.name)];
            names.extend(c.aliases.iter().map(|a| tokens(a)));
            entries.push(Entry {
                kind: Kind::Cluster,
                id: c.id.clone(),
                label: c.name.clone(),
                url: format!("/clusters/{}", c.id),
                names,
                prior: 0.0,
            });
        }
        for s in &fw.sub_clusters {
            let mut names = vec![tokens(&s.name)];
            names.extend(s.aliases.iter().map(|a| tokens(a)));
            entries.push(Entry {
                kind: Kind::SubCluster,
                id: s.id.clone(),
                label: s.name.clone(),
                url: format!("/sub-clusters/{}", s.id),
                names,
                prior: 0.0,
            });
        }
        let max_emp = cat
            .occupations
            .iter()
            .filter_map(|o| o.projections.as_ref().and_then(|p| p.employment_base))
            .fold(1.0_f64, f64::max);
        for o in &cat.occupations {
            let mut names = vec![tokens(&o.title), vec![o.soc.clone()]];
            for (_, t) in &o.onet {
                if *t != o.title {
                    names.push(tokens(t));
                }
            }
            let emp = o.projections.as_ref().and_then(|p| p.employment_base).unwrap_or(0.0);
            entries.push(Entry {
                kind: Kind::Occupation,
                id: o.soc.clone(),
                label: format!("{} ({})", o.title, o.soc),
                url: format!("/occupations/{}", o.soc),
                names,
                prior: 0.1 * (emp / max_emp).sqrt(),
            });
        }
        // CIP 2020 keeps codes titled "Reserved" for Statistics Canada; no US program has them.
        for p in cat.programs.iter().filter(|p| p.title != "Reserved") {
            entries.push(Entry {
                kind: Kind::Program,
                id: p.cip.clone(),
                label: format!("{} ({})", p.title, p.cip),
                url: format!("/programs/{}", p.cip),
                names: vec![tokens(&p.title), vec![p.cip.clone()]],
                prior: 0.0,
            });
        }
        SearchIndex { entries }
    }

    /// The best `limit` hits. Every query word must match a word of the name, the last one as
    /// a prefix (the visitor may still be typing); codes match by prefix.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let q = tokens(query);
        if q.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = Vec::new();
        for e in &self.entries {
            let best = e.names.iter().map(|n| score(&q, n)).fold(0.0_f64, f64::max);
            if best > 0.0 {
                hits.push(Hit {
                    kind: e.kind,
                    id: e.id.clone(),
                    label: e.label.clone(),
                    url: e.url.clone(),
                    score: best + e.kind.bonus() + e.prior,
                });
            }
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.label.cmp(&b.label)));
        hits.truncate(limit);
        hits
    }
}

fn score(q: &[String], name: &[String]) -> f64 {
    let mut total = 0.0;
    for (i, t) in q.iter().enumerate() {
        let last = i + 1 == q.len();
        let s = name
            .iter()
            .map(|n| {
                if n == t || (n.len() > 3 && n.trim_end_matches('s') == t.trim_end_matches('s')) {
                    1.0
                } else if n.starts_with(t.as_str()) && (last || t.len() >= 4) {
                    0.7
                } else {
                    0.0
                }
            })
            .fold(0.0_f64, f64::max);
        if s == 0.0 {
            return 0.0;
        }
        total += s;
    }
    // Shorter names that the query covers more completely rank higher.
    let coverage = q.len() as f64 / name.len().max(q.len()) as f64;
    total / q.len() as f64 + 0.5 * coverage
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_normalize_ampersands_and_case() {
        assert_eq!(
            tokens("Arts, Entertainment, & Design"),
            vec!["arts", "entertainment", "design"]
        );
        assert_eq!(tokens("15-1252"), vec!["15-1252"]);
        assert_eq!(tokens("Web and Cloud"), vec!["web", "cloud"]);
    }

    #[test]
    fn framework_entities_are_found_by_any_spelling() {
        let idx = SearchIndex::build(Framework::builtin(), &Catalog::default());
        let hits = idx.search("arts entertainment and design", 3);
        assert_eq!(hits[0].id, "arts-entertainment-design");
        let hits = idx.search("web & cloud", 3);
        assert_eq!(hits[0].kind, Kind::SubCluster);
        assert_eq!(hits[0].url, format!("/sub-clusters/{}", hits[0].id));
        let hits = idx.search("constr", 5);
        assert!(hits.iter().any(|h| h.id == "construction"));
        assert!(idx.search("zzzz qqqq", 5).is_empty());
        assert!(idx.search("", 5).is_empty());
    }

    #[test]
    fn reserved_cip_codes_are_not_offered() {
        let program = |cip: &str, title: &str| crate::data::catalog::Program {
            cip: cip.into(),
            title: title.into(),
            definition: String::new(),
            occupations: Vec::new(),
            assignments: Vec::new(),
        };
        let mut cat = Catalog::default();
        cat.programs = vec![program("01.0480", "Reserved"), program("36.0116", "Reading")];
        let idx = SearchIndex::build(Framework::builtin(), &cat);
        let ids: Vec<_> = idx.search("re", 20).into_iter().map(|h| h.id).collect();
        assert!(ids.contains(&"36.0116".to_string()), "{ids:?}");
        assert!(!ids.contains(&"01.0480".to_string()), "{ids:?}");
    }
}
