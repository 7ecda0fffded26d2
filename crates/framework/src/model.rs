//! The entities of the framework: the 2024 groupings, clusters and sub-clusters, the 2002
//! clusters and pathways, the 2002 → 2024 crosswalk, and what the technical report lists for each
//! cluster.
//!
//! Every entity has a stable `id` (a kebab-case slug), a canonical `name` and `aliases`. The
//! types deserialize from the data files under `data/` (unknown fields are errors) and serialize
//! to the same field names, which the JSON output of the CLI and the web API build on.

use serde::{Deserialize, Serialize};

/// Which edition of the framework an entity belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Edition {
    /// The modernized framework (Advance CTE, 2024): 14 clusters, 72 sub-clusters.
    #[serde(rename = "2024")]
    Modern2024,
    /// The original framework (2002): 16 clusters, 79 pathways.
    #[serde(rename = "2002")]
    Original2002,
}

impl Edition {
    pub fn as_str(self) -> &'static str {
        match self {
            Edition::Modern2024 => "2024",
            Edition::Original2002 => "2002",
        }
    }
}

/// Where a framework edition comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkInfo {
    /// `"2024"` or `"2002"`.
    pub id: String,
    pub name: String,
    pub publisher: String,
    /// The document the definitions were transcribed from.
    pub source: String,
}

/// One of the six cluster groupings of the 2024 framework ("Building & Moving", …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grouping {
    pub id: String,
    pub name: String,
    /// True for "Connecting & Supporting Success", the grouping of the cross-cutting clusters.
    #[serde(default)]
    pub cross_cutting: bool,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A 2024 career cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cluster {
    pub id: String,
    pub name: String,
    /// The id of the [`Grouping`] the cluster belongs to.
    pub grouping: String,
    /// The learner-facing caption ("Inspiring Creativity, Innovation, and Artistry").
    pub caption: String,
    /// Digital Technology, Management & Entrepreneurship and Marketing & Sales: clusters whose
    /// occupations exist in every industry sector.
    #[serde(default)]
    pub cross_cutting: bool,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Skills, occupations and places of work from the report's appendix pages; filled in from
    /// `cluster-content.toml` on load.
    #[serde(default, skip_deserializing)]
    pub content: ClusterContent,
}

/// A 2024 sub-cluster; it belongs to exactly one cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubCluster {
    /// Globally unique slug ("web-cloud").
    pub id: String,
    pub name: String,
    /// The id of the [`Cluster`].
    pub cluster: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A cluster of the 2002 framework. Ids start with `2002-`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cluster2002 {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The cluster number in the Perkins IV crosswalk table (2007), `"1"` to `"16"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub perkins_iv: Option<String>,
}

/// A career pathway of the 2002 framework. Its id is the cluster id, `--`, and the pathway slug.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pathway2002 {
    pub id: String,
    pub name: String,
    /// The id of the [`Cluster2002`].
    pub cluster: String,
    /// Other spellings; they only identify the pathway within its cluster (see
    /// [`crate::Framework::resolve_pathway_2002`]).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The pathway code in the Perkins IV crosswalk table (2007), e.g. `"8.1"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub perkins_iv: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A heading of the Perkins IV crosswalk table (2007) that has no counterpart among the 79
/// pathways; it still belongs to a 2002 cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerkinsIvHeading {
    /// The id under which the resolver knows this heading, `perkins-iv-` and the code with its
    /// dot as a hyphen (`perkins-iv-4-2`); derived from the code on load.
    #[serde(default, skip_deserializing)]
    pub id: String,
    /// The pathway code, e.g. `"4.2"`.
    pub code: String,
    /// The heading as printed; empty where the table leaves it untitled.
    pub title: String,
    /// The id of the [`Cluster2002`].
    pub cluster: String,
    pub note: String,
}

impl PerkinsIvHeading {
    pub(crate) fn id_for_code(code: &str) -> String {
        format!("perkins-iv-{}", code.replace('.', "-"))
    }
}

/// How a 2002 cluster became (part of) a 2024 cluster, as coloured in the report's crosswalk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeType {
    /// Continues under a new name or organization.
    Renamed,
    /// Continues as one of the three cross-cutting clusters.
    CrossCutting,
    /// Combined with other 2002 clusters into one 2024 cluster.
    Combined,
    /// No successor; its fields moved to the clusters in `related`.
    Removed,
    /// A 2024 cluster with no 2002 predecessor.
    New,
}

impl ChangeType {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeType::Renamed => "renamed",
            ChangeType::CrossCutting => "cross_cutting",
            ChangeType::Combined => "combined",
            ChangeType::Removed => "removed",
            ChangeType::New => "new",
        }
    }
}

/// One row of the cluster-level 2002 → 2024 crosswalk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrosswalkRow {
    /// The 2002 cluster id; `None` for a new 2024 cluster.
    #[serde(default)]
    pub from: Option<String>,
    /// The 2024 cluster id; `None` for a removed 2002 cluster.
    #[serde(default)]
    pub to: Option<String>,
    pub change: ChangeType,
    /// Other 2024 clusters that received part of the 2002 cluster.
    #[serde(default)]
    pub related: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What the report's appendix page lists for one cluster.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClusterContent {
    pub specialized_skills: Vec<String>,
    pub software_skills: Vec<String>,
    pub sample_occupations: Vec<String>,
    pub emerging_occupations: Vec<String>,
    pub places_of_work: Vec<String>,
}

/// A NAICS 2022 sector as the report's Table 2 names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NaicsSector {
    /// `"11"` … `"92"`, range sectors written `"31-33"`.
    pub code: crate::codes::Naics,
    pub title: String,
}

/// An Industry Advisory Group of the 2024 modernization and the NAICS sectors it covered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndustryAdvisoryGroup {
    /// The group's number in Table 2 (1–15).
    pub number: u8,
    pub name: String,
    /// Two-digit NAICS sectors.
    pub naics: Vec<crate::codes::Naics>,
    /// The 2024 cluster the group's work became.
    pub cluster: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
