//! What a build produces: assignments with their evidence, programs, industries, pathways.

use serde::{Deserialize, Serialize};

/// One (cluster, sub-cluster) assignment of an occupation or program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssignmentRow {
    pub cluster: String,
    pub sub_cluster: Option<String>,
    pub is_primary: bool,
    pub rank: u32,
    /// 0..1: the cluster's part of the combined evidence times the sub-cluster's part.
    pub score: f64,
    /// Share of the occupation's employment in the cluster's industries (occupations only).
    pub cluster_share: Option<f64>,
    pub interdisciplinary: bool,
    pub overridden: bool,
}

/// An occupation's crosswalk entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OccupationResult {
    pub soc: String,
    pub title: String,
    /// Sorted by rank.
    pub rows: Vec<AssignmentRow>,
    pub evidence: Evidence,
}

impl OccupationResult {
    pub fn primary(&self) -> &AssignmentRow {
        self.rows.iter().find(|r| r.is_primary).unwrap_or(&self.rows[0])
    }
}

/// Employment of an occupation in one NAICS sector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectorShare {
    pub sector: String,
    pub title: String,
    pub employment: f64,
    pub share: f64,
}

/// The evidence for one cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterEvidence {
    pub cluster: String,
    pub share: f64,
    pub prior_2002: f64,
    pub sample_names: Vec<String>,
    pub rule: f64,
    pub cross_cutting: f64,
    pub score: f64,
}

/// A seed rule that applied to the occupation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleFired {
    pub id: String,
    pub kind: String,
    pub cluster: String,
    pub sub_cluster: Option<String>,
    pub cite: String,
    pub inferred: bool,
    /// False for a cross-cutting rule whose breadth test failed.
    pub applied: bool,
}

/// The evidence for one sub-cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubClusterEvidence {
    pub cluster: String,
    pub sub_cluster: String,
    pub score: f64,
    pub soc_anchor: Option<String>,
    pub industry_share: f64,
    pub keywords: Vec<String>,
    pub text: f64,
    pub rule: bool,
}

/// How widely the occupation is spread across industry clusters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Breadth {
    pub clusters_with_min_share: usize,
    pub top_industry_share: f64,
    pub passes: bool,
}

/// An override applied to the occupation and what the data alone said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverrideNote {
    pub reason: String,
    pub data_cluster: String,
    pub data_sub_cluster: Option<String>,
}

/// Everything behind an occupation's assignment, stored as JSON with the build.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Evidence {
    /// Employment the shares are computed from (OEWS sectors, plus matrix crop and animal
    /// production, which OEWS does not cover).
    pub employment: f64,
    pub oews_total: Option<f64>,
    pub oews_via: Option<String>,
    pub nem_via: Option<String>,
    /// NAICS prefixes of industries the matrix publishes only inside a summary, whose jobs
    /// were estimated from the older matrix (largest first).
    #[serde(default)]
    pub unpublished_industries: Vec<String>,
    /// Clusters of the 2002 framework's cross-cutting successors whose prior was not counted
    /// because the occupation is concentrated in other industries.
    #[serde(default)]
    pub prior_2002_not_counted: Vec<String>,
    /// Share of the jobs in industries that say nothing about the cluster (employment
    /// agencies, mixed industries), which count for no cluster.
    #[serde(default)]
    pub no_cluster_share: f64,
    /// Sectors the matrix publishes nothing for the occupation in, split by its SOC group's
    /// figures instead ("54 by 19-3").
    #[serde(default)]
    pub sectors_split_by_group: Vec<String>,
    pub suppressed_sectors: Vec<String>,
    pub sectors: Vec<SectorShare>,
    pub clusters: Vec<ClusterEvidence>,
    pub rules: Vec<RuleFired>,
    pub clusters_2002: Vec<String>,
    pub breadth: Option<Breadth>,
    pub sub_clusters: Vec<SubClusterEvidence>,
    pub override_note: Option<OverrideNote>,
}

/// A program's crosswalk entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProgramResult {
    pub cip: String,
    pub title: String,
    pub rows: Vec<AssignmentRow>,
    /// The occupations used, with the employment weight of each.
    pub occupations: Vec<(String, f64)>,
}

/// An industry's cluster (2-digit sectors) or sub-cluster (3-digit subsectors and the finer
/// refinements of the method).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndustryRow {
    pub naics: String,
    pub title: String,
    pub cluster: String,
    pub sub_cluster: Option<String>,
}

/// The share of a 2002 pathway's employment that now sits in a 2024 sub-cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathwayRow {
    pub pathway: String,
    pub sub_cluster: String,
    pub share: f64,
    pub employment: f64,
    pub occupations: u32,
}

/// An override the build applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverrideApplied {
    pub code: String,
    pub cluster: String,
    pub sub_cluster: Option<String>,
    pub reason: String,
    pub data_cluster: Option<String>,
    pub data_sub_cluster: Option<String>,
}

/// A complete crosswalk.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Crosswalk {
    pub occupations: Vec<OccupationResult>,
    pub programs: Vec<ProgramResult>,
    pub industries: Vec<IndustryRow>,
    pub pathways: Vec<PathwayRow>,
    pub overrides: Vec<OverrideApplied>,
    pub inputs_sha256: String,
    pub params_json: String,
}

/// Rounds to 4 decimals so that stored and exported figures do not depend on the last bits.
pub fn r4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
