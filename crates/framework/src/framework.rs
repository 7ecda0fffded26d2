//! The loaded, validated framework and the questions it answers.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

use crate::codes::Naics;
use crate::load::{LoadError, Sources};
use crate::model::*;
use crate::state::StateProfile;

/// The framework definitions: both editions, the crosswalk between them, the cluster content,
/// the Career Ready Practices, the Industry Advisory Groups and the state profiles.
///
/// Obtain it with [`Framework::builtin`] (the definitions compiled into the binary) or
/// [`Framework::from_sources`] (explicit file texts, for tests and for trying out edits). Either
/// way it has passed every validation in [`crate::load`], so ids are unique, every reference
/// points at an existing entity and every name resolves to one entity within its scope.
#[derive(Debug)]
pub struct Framework {
    pub info_2024: FrameworkInfo,
    pub info_2002: FrameworkInfo,
    /// The six groupings, in display order.
    pub groupings: Vec<Grouping>,
    /// The 14 clusters, in display order (by grouping, then alphabetical).
    pub clusters: Vec<Cluster>,
    /// The 72 sub-clusters, in display order (by cluster, then alphabetical).
    pub sub_clusters: Vec<SubCluster>,
    /// The 16 clusters of 2002, alphabetical.
    pub clusters_2002: Vec<Cluster2002>,
    /// The 79 pathways of 2002, by cluster, alphabetical.
    pub pathways_2002: Vec<Pathway2002>,
    /// Perkins IV (2007) headings without a counterpart among the 79 pathways.
    pub perkins_iv_unmatched: Vec<PerkinsIvHeading>,
    /// The cluster-level 2002 → 2024 crosswalk, one row per 2002 cluster plus the new cluster.
    pub crosswalk_2002: Vec<CrosswalkRow>,
    /// The 12 Career Ready Practices.
    pub career_ready_practices: Vec<String>,
    /// The 20 NAICS sectors with the titles of the report's Table 2.
    pub naics_sectors: Vec<NaicsSector>,
    /// The 15 Industry Advisory Groups of Table 2.
    pub industry_advisory_groups: Vec<IndustryAdvisoryGroup>,
    /// State profiles, by state code.
    pub states: Vec<StateProfile>,
    pub(crate) index: Index,
}

/// Which kind of entity a name or id refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Grouping,
    Cluster,
    SubCluster,
    #[serde(rename = "cluster_2002")]
    Cluster2002,
    #[serde(rename = "pathway_2002")]
    Pathway2002,
    PerkinsIvHeading,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Grouping => "grouping",
            EntityKind::Cluster => "cluster",
            EntityKind::SubCluster => "sub_cluster",
            EntityKind::Cluster2002 => "cluster_2002",
            EntityKind::Pathway2002 => "pathway_2002",
            EntityKind::PerkinsIvHeading => "perkins_iv_heading",
        }
    }

    /// A label for people: "sub-cluster", "2002 pathway", …
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Grouping => "grouping",
            EntityKind::Cluster => "cluster",
            EntityKind::SubCluster => "sub-cluster",
            EntityKind::Cluster2002 => "2002 cluster",
            EntityKind::Pathway2002 => "2002 pathway",
            EntityKind::PerkinsIvHeading => "Perkins IV (2007) pathway heading",
        }
    }

    pub fn edition(self) -> Edition {
        match self {
            EntityKind::Grouping | EntityKind::Cluster | EntityKind::SubCluster => {
                Edition::Modern2024
            }
            _ => Edition::Original2002,
        }
    }
}

/// A position in one of the framework's entity lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct EntityRef {
    pub kind: EntityKind,
    pub index: usize,
}

/// A borrowed framework entity of any kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Entity<'a> {
    Grouping(&'a Grouping),
    Cluster(&'a Cluster),
    SubCluster(&'a SubCluster),
    Cluster2002(&'a Cluster2002),
    Pathway2002(&'a Pathway2002),
    PerkinsIvHeading(&'a PerkinsIvHeading),
}

impl<'a> Entity<'a> {
    pub fn kind(&self) -> EntityKind {
        match self {
            Entity::Grouping(_) => EntityKind::Grouping,
            Entity::Cluster(_) => EntityKind::Cluster,
            Entity::SubCluster(_) => EntityKind::SubCluster,
            Entity::Cluster2002(_) => EntityKind::Cluster2002,
            Entity::Pathway2002(_) => EntityKind::Pathway2002,
            Entity::PerkinsIvHeading(_) => EntityKind::PerkinsIvHeading,
        }
    }

    pub fn id(&self) -> &'a str {
        match self {
            Entity::Grouping(e) => &e.id,
            Entity::Cluster(e) => &e.id,
            Entity::SubCluster(e) => &e.id,
            Entity::Cluster2002(e) => &e.id,
            Entity::Pathway2002(e) => &e.id,
            Entity::PerkinsIvHeading(e) => &e.id,
        }
    }

    /// The canonical name (for an untitled Perkins IV heading, its code).
    pub fn name(&self) -> &'a str {
        match self {
            Entity::Grouping(e) => &e.name,
            Entity::Cluster(e) => &e.name,
            Entity::SubCluster(e) => &e.name,
            Entity::Cluster2002(e) => &e.name,
            Entity::Pathway2002(e) => &e.name,
            Entity::PerkinsIvHeading(e) if e.title.is_empty() => &e.code,
            Entity::PerkinsIvHeading(e) => &e.title,
        }
    }

    pub fn aliases(&self) -> &'a [String] {
        match self {
            Entity::Grouping(e) => &e.aliases,
            Entity::Cluster(e) => &e.aliases,
            Entity::SubCluster(e) => &e.aliases,
            Entity::Cluster2002(e) => &e.aliases,
            Entity::Pathway2002(e) => &e.aliases,
            Entity::PerkinsIvHeading(_) => &[],
        }
    }

    pub fn edition(&self) -> Edition {
        self.kind().edition()
    }

    /// The id of the entity one level up: a cluster's grouping, a sub-cluster's cluster, a
    /// pathway's or heading's 2002 cluster.
    pub fn parent_id(&self) -> Option<&'a str> {
        match self {
            Entity::Cluster(e) => Some(&e.grouping),
            Entity::SubCluster(e) => Some(&e.cluster),
            Entity::Pathway2002(e) => Some(&e.cluster),
            Entity::PerkinsIvHeading(e) => Some(&e.cluster),
            Entity::Grouping(_) | Entity::Cluster2002(_) => None,
        }
    }
}

/// Lookup tables built on load.
#[derive(Debug, Default)]
pub(crate) struct Index {
    pub by_id: HashMap<String, EntityRef>,
    /// Name key → every entity with that name or alias, in preference order.
    pub by_key: HashMap<String, Vec<NameHit>>,
    /// The same, keyed by [`crate::resolve::base_key`], for names with a kind word appended.
    pub by_base_key: HashMap<String, Vec<NameHit>>,
    /// (2002 cluster index, name key) → pathway or heading, for names scoped to one cluster.
    pub pathway_in_cluster: HashMap<(usize, String), EntityRef>,
    /// The same, keyed by base key.
    pub pathway_in_cluster_base: HashMap<(usize, String), EntityRef>,
    /// Perkins IV code → pathway or heading.
    pub by_perkins_code: HashMap<String, EntityRef>,
}

#[derive(Debug, Clone)]
pub(crate) struct NameHit {
    pub entity: EntityRef,
    /// The spelling as written in the data file.
    pub spelling: String,
    pub is_alias: bool,
}

/// Where a Perkins IV (2007) pathway code lands in the 2002 framework.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PerkinsIvPlacement<'a> {
    pub cluster: &'a Cluster2002,
    /// The pathway among the 79, when the heading has a counterpart.
    pub pathway: Option<&'a Pathway2002>,
    /// The heading, when it has no counterpart among the 79.
    pub unmatched: Option<&'a PerkinsIvHeading>,
}

static BUILTIN: OnceLock<Framework> = OnceLock::new();

impl Framework {
    /// The definitions compiled into the binary, parsed and validated on first use.
    ///
    /// # Panics
    /// If the compiled-in definitions are invalid. The crate's tests load them, so a build
    /// whose tests pass cannot panic here.
    pub fn builtin() -> &'static Framework {
        BUILTIN.get_or_init(|| match Framework::from_sources(&Sources::builtin()) {
            Ok(f) => f,
            Err(e) => panic!("the built-in framework definitions are invalid: {e}"),
        })
    }

    /// Parses and validates the given file texts.
    pub fn from_sources(sources: &Sources) -> Result<Framework, LoadError> {
        crate::load::load(sources)
    }

    pub(crate) fn entity(&self, r: EntityRef) -> Entity<'_> {
        match r.kind {
            EntityKind::Grouping => Entity::Grouping(&self.groupings[r.index]),
            EntityKind::Cluster => Entity::Cluster(&self.clusters[r.index]),
            EntityKind::SubCluster => Entity::SubCluster(&self.sub_clusters[r.index]),
            EntityKind::Cluster2002 => Entity::Cluster2002(&self.clusters_2002[r.index]),
            EntityKind::Pathway2002 => Entity::Pathway2002(&self.pathways_2002[r.index]),
            EntityKind::PerkinsIvHeading => {
                Entity::PerkinsIvHeading(&self.perkins_iv_unmatched[r.index])
            }
        }
    }

    /// Any entity by its exact id.
    pub fn get(&self, id: &str) -> Option<Entity<'_>> {
        self.index.by_id.get(id).map(|r| self.entity(*r))
    }

    pub fn grouping(&self, id: &str) -> Option<&Grouping> {
        match self.get(id)? {
            Entity::Grouping(g) => Some(g),
            _ => None,
        }
    }

    /// A 2024 cluster by its exact id (see [`Framework::resolve_cluster`] for any spelling).
    pub fn cluster(&self, id: &str) -> Option<&Cluster> {
        match self.get(id)? {
            Entity::Cluster(c) => Some(c),
            _ => None,
        }
    }

    pub fn sub_cluster(&self, id: &str) -> Option<&SubCluster> {
        match self.get(id)? {
            Entity::SubCluster(s) => Some(s),
            _ => None,
        }
    }

    pub fn cluster_2002(&self, id: &str) -> Option<&Cluster2002> {
        match self.get(id)? {
            Entity::Cluster2002(c) => Some(c),
            _ => None,
        }
    }

    pub fn pathway_2002(&self, id: &str) -> Option<&Pathway2002> {
        match self.get(id)? {
            Entity::Pathway2002(p) => Some(p),
            _ => None,
        }
    }

    /// The clusters of a grouping, in display order.
    pub fn clusters_in<'a>(
        &'a self,
        grouping_id: &str,
    ) -> impl Iterator<Item = &'a Cluster> + use<'a> {
        let id = grouping_id.to_string();
        self.clusters.iter().filter(move |c| c.grouping == id)
    }

    /// The sub-clusters of a cluster, in display order.
    pub fn sub_clusters_of<'a>(
        &'a self,
        cluster_id: &str,
    ) -> impl Iterator<Item = &'a SubCluster> + use<'a> {
        let id = cluster_id.to_string();
        self.sub_clusters.iter().filter(move |s| s.cluster == id)
    }

    /// The pathways of a 2002 cluster.
    pub fn pathways_of<'a>(
        &'a self,
        cluster_2002_id: &str,
    ) -> impl Iterator<Item = &'a Pathway2002> + use<'a> {
        let id = cluster_2002_id.to_string();
        self.pathways_2002.iter().filter(move |p| p.cluster == id)
    }

    /// The three cross-cutting clusters.
    pub fn cross_cutting_clusters(&self) -> impl Iterator<Item = &Cluster> {
        self.clusters.iter().filter(|c| c.cross_cutting)
    }

    /// The crosswalk rows of a 2002 cluster (one per cluster in the built-in data).
    pub fn crosswalk_from<'a>(
        &'a self,
        cluster_2002_id: &str,
    ) -> impl Iterator<Item = &'a CrosswalkRow> + use<'a> {
        let id = cluster_2002_id.to_string();
        self.crosswalk_2002.iter().filter(move |r| r.from.as_deref() == Some(id.as_str()))
    }

    /// The crosswalk rows leading to a 2024 cluster.
    pub fn crosswalk_to<'a>(
        &'a self,
        cluster_id: &str,
    ) -> impl Iterator<Item = &'a CrosswalkRow> + use<'a> {
        let id = cluster_id.to_string();
        self.crosswalk_2002.iter().filter(move |r| r.to.as_deref() == Some(id.as_str()))
    }

    /// The Industry Advisory Groups whose sectors include the sector of `code` (any level:
    /// `541511` is looked up as sector `54`).
    pub fn advisory_groups_for(&self, code: Naics) -> impl Iterator<Item = &IndustryAdvisoryGroup> {
        let sector = code.sector();
        self.industry_advisory_groups.iter().filter(move |g| g.naics.contains(&sector))
    }

    /// The 2024 clusters the sector of `code` maps to through the Industry Advisory Groups,
    /// without repeats, in group order. Every NAICS sector maps to at least one cluster;
    /// sector 92 (Public Administration) maps to Education and Public Service & Safety.
    pub fn clusters_for_naics(&self, code: Naics) -> Vec<&Cluster> {
        let mut out: Vec<&Cluster> = Vec::new();
        for g in self.advisory_groups_for(code) {
            if let Some(c) = self.cluster(&g.cluster)
                && !out.iter().any(|o| o.id == c.id)
            {
                out.push(c);
            }
        }
        out
    }

    /// A state profile by its two-letter code, in any case.
    pub fn state(&self, code: &str) -> Option<&StateProfile> {
        let code = code.trim();
        self.states.iter().find(|s| s.state.code.eq_ignore_ascii_case(code))
    }

    /// Where a Perkins IV (2007) pathway code ("8.1", "4.2") lands in the 2002 framework.
    pub fn perkins_iv(&self, code: &str) -> Option<PerkinsIvPlacement<'_>> {
        let r = *self.index.by_perkins_code.get(code.trim())?;
        let (cluster_id, pathway, unmatched) = match self.entity(r) {
            Entity::Pathway2002(p) => (&p.cluster, Some(p), None),
            Entity::PerkinsIvHeading(h) => (&h.cluster, None, Some(h)),
            _ => return None,
        };
        Some(PerkinsIvPlacement { cluster: self.cluster_2002(cluster_id)?, pathway, unmatched })
    }

    /// A 2002 cluster by its Perkins IV cluster number ("1" … "16").
    pub fn cluster_2002_by_perkins_iv(&self, number: &str) -> Option<&Cluster2002> {
        let n = number.trim();
        self.clusters_2002.iter().find(|c| c.perkins_iv.as_deref() == Some(n))
    }
}
