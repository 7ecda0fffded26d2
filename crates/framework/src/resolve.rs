//! Finding the entity a name refers to, in any spelling.
//!
//! [`Framework::resolve`] accepts an id (`web-cloud`), a canonical name or any alias, compared
//! by [`name_key`] (so case, punctuation, the Oxford comma, `and`/`&` and spacing do not
//! matter). It searches both editions. When one spelling names several entities — "Construction"
//! is a 2024 cluster and a 2002 pathway, "Support Services Pathway" a pathway in two 2002
//! clusters — all are returned, the preferred first: 2024 before 2002, then grouping, cluster,
//! sub-cluster, 2002 cluster, 2002 pathway, names before aliases. An unknown name yields the
//! closest names as suggestions.
//!
//! The scoped lookups ([`Framework::resolve_cluster`], [`Framework::resolve_cluster_2002`],
//! [`Framework::resolve_pathway_2002`], …) answer for one kind only and are what importers use.

use serde::Serialize;

use crate::framework::{Entity, EntityKind, EntityRef, Framework};
use crate::model::{Cluster, Cluster2002, Pathway2002, SubCluster};
use crate::normalize::name_key;

/// How a query matched an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    Id,
    Name,
    Alias,
}

/// One entity a query refers to.
#[derive(Debug, Clone, PartialEq)]
pub struct Match<'a> {
    pub entity: Entity<'a>,
    pub matched_by: MatchedBy,
    /// The spelling that matched, as written in the definitions.
    pub spelling: &'a str,
}

/// A name that is not known, with the closest known names.
#[derive(Debug, Clone, PartialEq)]
pub struct Unresolved<'a> {
    pub query: String,
    /// Best first; at most [`MAX_SUGGESTIONS`].
    pub suggestions: Vec<Suggestion<'a>>,
}

/// A known name close to an unknown query.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion<'a> {
    pub entity: Entity<'a>,
    /// The name or alias that is close to the query.
    pub spelling: &'a str,
    /// Similarity in [0, 1]; 1 is identical.
    pub score: f64,
}

pub const MAX_SUGGESTIONS: usize = 5;

impl std::fmt::Display for Unresolved<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no framework entity is called {:?}", self.query)?;
        if !self.suggestions.is_empty() {
            let names: Vec<String> =
                self.suggestions.iter().map(|s| format!("{:?}", s.spelling)).collect();
            write!(f, "; closest names: {}", names.join(", "))?;
        }
        Ok(())
    }
}

impl std::error::Error for Unresolved<'_> {}

impl Framework {
    /// Every entity `query` names (by id, name or alias, in any spelling), preferred first; or
    /// the closest names when there is none.
    ///
    /// ```
    /// use trellis_framework::{Framework, EntityKind};
    /// let fw = Framework::builtin();
    /// let m = fw.resolve("arts entertainment and design").unwrap();
    /// assert_eq!(m[0].entity.id(), "arts-entertainment-design");
    /// let m = fw.resolve("Health Science").unwrap();
    /// assert_eq!(m[0].entity.kind(), EntityKind::Cluster2002);
    /// assert!(fw.resolve("Underwater Basket Weaving").is_err());
    /// ```
    pub fn resolve(&self, query: &str) -> Result<Vec<Match<'_>>, Unresolved<'_>> {
        // Names first: an id is also the slug of a name, and a name can be shared ("construction"
        // is the 2024 cluster and a 2002 pathway), which only the name index knows.
        let key = name_key(query);
        let hits = self
            .index
            .by_key
            .get(&key)
            .or_else(|| self.index.by_base_key.get(base_key(&key)))
            .filter(|h| !h.is_empty());
        if let Some(hits) = hits {
            return Ok(hits
                .iter()
                .map(|h| Match {
                    entity: self.entity(h.entity),
                    matched_by: if h.is_alias { MatchedBy::Alias } else { MatchedBy::Name },
                    spelling: &h.spelling,
                })
                .collect());
        }
        let id = query.trim().to_ascii_lowercase();
        if let Some(r) = self.index.by_id.get(id.as_str()) {
            let e = self.entity(*r);
            return Ok(vec![Match { entity: e, matched_by: MatchedBy::Id, spelling: e.id() }]);
        }
        Err(Unresolved { query: query.to_string(), suggestions: self.suggest(query) })
    }

    /// Entities of one kind that `query` names, preferred first.
    pub fn resolve_kind(&self, query: &str, kind: EntityKind) -> Vec<Entity<'_>> {
        match self.resolve(query) {
            Ok(ms) => ms.into_iter().map(|m| m.entity).filter(|e| e.kind() == kind).collect(),
            Err(_) => Vec::new(),
        }
    }

    /// The 2024 cluster `query` names (id, name or alias, any spelling).
    pub fn resolve_cluster(&self, query: &str) -> Option<&Cluster> {
        self.resolve_kind(query, EntityKind::Cluster).into_iter().find_map(|e| match e {
            Entity::Cluster(c) => Some(c),
            _ => None,
        })
    }

    /// The 2024 sub-cluster `query` names.
    pub fn resolve_sub_cluster(&self, query: &str) -> Option<&SubCluster> {
        self.resolve_kind(query, EntityKind::SubCluster).into_iter().find_map(|e| match e {
            Entity::SubCluster(s) => Some(s),
            _ => None,
        })
    }

    /// The 2002 cluster `query` names, including the spellings of O*NET's career cluster export
    /// and of the Perkins IV table ("Law and Public Safety Career Cluster").
    pub fn resolve_cluster_2002(&self, query: &str) -> Option<&Cluster2002> {
        self.resolve_kind(query, EntityKind::Cluster2002).into_iter().find_map(|e| match e {
            Entity::Cluster2002(c) => Some(c),
            _ => None,
        })
    }

    /// The pathway `query` names within one 2002 cluster (given by id). Pathway spellings are
    /// only unique within their cluster, so importers should resolve the cluster first.
    /// Returns `None` for a Perkins IV heading without a counterpart among the 79 pathways
    /// (see [`Framework::resolve_in_cluster_2002`]).
    pub fn resolve_pathway_2002(&self, cluster_2002_id: &str, query: &str) -> Option<&Pathway2002> {
        match self.resolve_in_cluster_2002(cluster_2002_id, query)? {
            Entity::Pathway2002(p) => Some(p),
            _ => None,
        }
    }

    /// The pathway or unmatched Perkins IV heading `query` names within one 2002 cluster.
    pub fn resolve_in_cluster_2002(
        &self,
        cluster_2002_id: &str,
        query: &str,
    ) -> Option<Entity<'_>> {
        let ci = self.clusters_2002.iter().position(|c| c.id == cluster_2002_id)?;
        if let Some(r) = self.index.by_id.get(query.trim()) {
            let e = self.entity(*r);
            return (e.parent_id() == Some(cluster_2002_id)).then_some(e);
        }
        let key = name_key(query);
        let base = base_key(&key).to_string();
        let found = self
            .index
            .pathway_in_cluster
            .get(&(ci, key))
            .or_else(|| self.index.pathway_in_cluster_base.get(&(ci, base)));
        found.map(|r| self.entity(*r))
    }

    /// The known names closest to `query`, best first.
    pub fn suggest(&self, query: &str) -> Vec<Suggestion<'_>> {
        let key = name_key(query);
        let mut scored: Vec<(f64, EntityRef, &str)> = Vec::new();
        for (k, hits) in &self.index.by_key {
            let score = similarity(&key, k);
            for h in hits {
                scored.push((score, h.entity, &h.spelling));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(b.2)));
        // One suggestion per entity, its closest spelling.
        let mut out: Vec<Suggestion<'_>> = Vec::new();
        for (score, r, spelling) in scored {
            if out.len() == MAX_SUGGESTIONS {
                break;
            }
            let e = self.entity(r);
            if out.iter().any(|s| s.entity.kind() == e.kind() && s.entity.id() == e.id()) {
                continue;
            }
            // Weak matches only fill the list up to three; strong ones up to five.
            if score < 0.65 && out.len() >= 3 {
                break;
            }
            out.push(Suggestion { entity: e, spelling, score });
        }
        out
    }
}

/// A name key without a trailing word that only says what kind of entity it is ("… Career
/// Cluster", "… Pathway", "… Sub-Cluster"), as official tables append to names. Lookups try the
/// full key first, so "Marketing Pathway" (a Perkins IV heading) stays distinct from the cluster
/// "Marketing"; only when the full key names nothing are base keys compared.
pub(crate) fn base_key(key: &str) -> &str {
    const SUFFIXES: [&str; 6] = [
        " career cluster",
        " career pathway",
        " sub cluster",
        " subcluster",
        " cluster",
        " pathway",
    ];
    SUFFIXES.iter().find_map(|s| key.strip_suffix(s)).filter(|rest| !rest.is_empty()).unwrap_or(key)
}

/// How alike two name keys are, in [0, 1]: the better of the similarity of the whole keys
/// (Jaro-Winkler, good at typos) and a word-level score (good at partial or reordered names such
/// as "cybersecurity" for "Network Systems & Cybersecurity"): each query word is paired with its
/// most similar word of the name, and the average is discounted a little for name words the
/// query does not mention.
fn similarity(query: &str, name: &str) -> f64 {
    if query.is_empty() || name.is_empty() {
        return 0.0;
    }
    let whole = strsim::jaro_winkler(query, name);
    let qw: Vec<&str> = query.split(' ').collect();
    let nw: Vec<&str> = name.split(' ').collect();
    let best: f64 = qw
        .iter()
        .map(|q| nw.iter().map(|n| strsim::jaro_winkler(q, n)).fold(0.0, f64::max))
        .sum::<f64>()
        / qw.len() as f64;
    let coverage = (qw.len() as f64 / nw.len() as f64).min(1.0);
    whole.max(best * (0.85 + 0.1 * coverage))
}
