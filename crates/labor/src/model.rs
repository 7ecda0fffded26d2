//! The in-memory snapshot every computation runs on: occupations with their national figures,
//! cluster assignments, programs and O*NET detail; each state's OEWS cells; sector output.
//! Loaded once from the database (`LaborData::load`) or built directly in tests, then shared
//! read-only: computing a state's whole HSHWID list or LQ table is a pass over a few vectors.

use std::collections::HashMap;

use serde::Serialize;

use crate::figure::Figure;

/// Vintages of the inputs, for labels and the workbook's overview sheet.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Vintages {
    /// Employment Projections cycle, e.g. "2024-34".
    pub projections: String,
    /// OEWS release, e.g. "M2024".
    pub oews: String,
    /// EP industry output cycle, e.g. "2023-33".
    pub output: String,
    /// O*NET release, e.g. "29.3" (empty when unknown).
    pub onet: String,
    /// Earlier matrix used for past change, e.g. "2022-32" (empty when none).
    pub past: String,
}

impl Vintages {
    /// First and last year of the projection cycle ("2024-34" → (2024, 2034)).
    pub fn projection_years(&self) -> Option<(u16, u16)> {
        cycle_years(&self.projections)
    }
}

/// "2024-34" → (2024, 2034).
pub fn cycle_years(cycle: &str) -> Option<(u16, u16)> {
    let (a, b) = cycle.split_once('-')?;
    let base: u16 = a.trim().parse().ok()?;
    let tail: u16 = b.trim().parse().ok()?;
    let proj = if tail < 100 { base - base % 100 + tail } else { tail };
    Some((base, proj))
}

/// A framework cluster with its sub-clusters and the seed's skill lists.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Cluster {
    pub id: String,
    pub name: String,
    pub cross_cutting: bool,
    pub sub_clusters: Vec<SubCluster>,
    /// The seed's "High-Demand Specialized Skills" for the cluster.
    pub specialized_skills: Vec<String>,
    /// The seed's "High-Demand Software Skills" for the cluster.
    pub software_skills: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct SubCluster {
    pub id: String,
    pub name: String,
}

/// One assignment of an occupation to a cluster (and sub-cluster) from the crosswalk.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Assignment {
    /// Index into `LaborData::clusters`.
    pub cluster: usize,
    /// Index into that cluster's `sub_clusters`.
    pub sub_cluster: Option<usize>,
    pub primary: bool,
    /// Share of the occupation's employment in this cluster (for `--split`), when known.
    pub share: Option<f64>,
}

/// A postsecondary or secondary program (CIP 2020) that prepares for an occupation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Program {
    pub cip: String,
    pub title: String,
}

/// An O*NET technology skill example of an occupation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Technology {
    pub example: String,
    pub commodity: String,
    pub hot: bool,
    pub in_demand: bool,
}

/// National figures of an occupation. Employment and openings are the EP matrix's (wage and
/// salary plus self-employed); `oews_employment` and the wages are OEWS (wage and salary only).
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct NationalFigures {
    pub employment: Figure,
    pub employment_projected: Figure,
    pub change: Figure,
    pub change_pct: Figure,
    pub openings: Figure,
    /// Employment in the earlier matrix's base year (see `Vintages::past`).
    pub employment_past: Figure,
    pub oews_employment: Figure,
    pub wages: Wages,
}

/// OEWS wage estimates of an occupation in an area (annual dollars unless named hourly).
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Wages {
    pub pct10: Figure,
    pub pct25: Figure,
    pub median: Figure,
    pub mean: Figure,
    pub hourly_median: Figure,
}

/// An occupation as BLS publishes it (SOC 2018 detailed code, or a BLS aggregate such as
/// 13-1020 that stands for several detailed codes).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Occupation {
    pub code: String,
    pub title: String,
    /// SOC 2018 detailed codes this code stands for (itself for a detailed code).
    pub detailed: Vec<String>,
    pub national: NationalFigures,
    /// Typical education needed for entry (EP), e.g. "Bachelor's degree".
    pub education: Option<String>,
    /// Work experience in a related occupation (EP): "None", "Less than 5 years", "5 years or more".
    pub experience: Option<String>,
    /// Typical on-the-job training (EP), e.g. "Long-term on-the-job training".
    pub training: Option<String>,
    pub assignments: Vec<Assignment>,
    pub programs: Vec<Program>,
    pub technology: Vec<Technology>,
    /// (element name index into `LaborData::elements`, importance 1-5).
    pub skills: Vec<(u32, f64)>,
    pub knowledge: Vec<(u32, f64)>,
    /// (sector group index into `LaborData::sectors`, OEWS national employment in the sector).
    pub sector_employment: Vec<(usize, f64)>,
}

impl Occupation {
    /// The primary assignment, if the crosswalk gave one.
    pub fn primary(&self) -> Option<&Assignment> {
        self.assignments.iter().find(|a| a.primary)
    }

    /// The occupation's weight in each of its clusters: 1 for the primary cluster, or split by
    /// the crosswalk's shares (normalized over the clusters it names) when `split` is true.
    pub fn cluster_weights(&self, split: bool) -> Vec<(usize, Option<usize>, f64)> {
        if !split {
            return self
                .primary()
                .map(|a| vec![(a.cluster, a.sub_cluster, 1.0)])
                .unwrap_or_default();
        }
        let shares: Vec<(usize, Option<usize>, f64)> = self
            .assignments
            .iter()
            .filter_map(|a| a.share.filter(|s| *s > 0.0).map(|s| (a.cluster, a.sub_cluster, s)))
            .collect();
        let total: f64 = shares.iter().map(|s| s.2).sum();
        if total <= 0.0 {
            return self.cluster_weights(false);
        }
        shares.into_iter().map(|(c, s, w)| (c, s, w / total)).collect()
    }
}

/// One state's OEWS cross-industry cell for one occupation.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct StateCell {
    pub employment: Figure,
    pub wages: Wages,
    /// OEWS's own location quotient for the occupation, when published.
    pub location_quotient: Option<f64>,
}

/// A state (or DC) with its OEWS cells, indexed like `LaborData::occupations`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct StateData {
    /// Postal code, e.g. "CT".
    pub code: String,
    pub name: String,
    pub fips: Option<String>,
    #[serde(skip)]
    pub cells: Vec<Option<StateCell>>,
    /// All-occupations median and mean annual wage when the data hold the state's total row.
    pub all_occupations_median: Option<f64>,
    pub all_occupations_mean: Option<f64>,
}

impl StateData {
    /// Number of occupations with a row for this state.
    pub fn rows(&self) -> usize {
        self.cells.iter().filter(|c| c.is_some()).count()
    }
}

/// A group of NAICS sectors as EP Table 2.2 publishes output for it, with the OEWS sectors
/// it covers.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SectorGroup {
    pub title: String,
    /// NAICS codes as published, e.g. "44, 45".
    pub naics: String,
    /// Two-digit sector codes it covers ("31" for 31-33, "99" for government).
    pub oews_sectors: Vec<String>,
    /// Output in the EP base year, billions of chained dollars.
    pub output: f64,
    pub output_projected: Option<f64>,
    /// OEWS employment of all detailed occupations in the group's sectors.
    pub employment: f64,
}

/// A row of the database's `sources` table.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SourceRow {
    pub id: i64,
    pub path: String,
    pub dataset: String,
    pub vintage: String,
    pub sha256: String,
    pub rows: i64,
}

/// Everything the labor-market computations read, in memory.
#[derive(Debug, Clone, Default)]
pub struct LaborData {
    pub vintages: Vintages,
    pub occupations: Vec<Occupation>,
    pub clusters: Vec<Cluster>,
    pub states: Vec<StateData>,
    pub sectors: Vec<SectorGroup>,
    /// O*NET skill and knowledge element names, indexed by `Occupation::skills`/`knowledge`.
    pub elements: Vec<String>,
    pub sources: Vec<SourceRow>,
    /// National all-occupations median and mean annual wage (OEWS total row), when present.
    pub national_all_occupations_median: Option<f64>,
    pub national_all_occupations_mean: Option<f64>,
    /// The crosswalk build the assignments come from.
    pub crosswalk_build: Option<i64>,
    occupation_index: HashMap<String, usize>,
    state_index: HashMap<String, usize>,
}

impl LaborData {
    /// Builds the look-up indexes; call after filling the vectors by hand (tests, fixtures).
    pub fn reindex(&mut self) {
        self.occupation_index =
            self.occupations.iter().enumerate().map(|(i, o)| (o.code.clone(), i)).collect();
        for (i, o) in self.occupations.iter().enumerate() {
            for d in &o.detailed {
                self.occupation_index.entry(d.clone()).or_insert(i);
            }
        }
        self.state_index =
            self.states.iter().enumerate().map(|(i, s)| (s.code.clone(), i)).collect();
        for s in &mut self.states {
            s.cells.resize(self.occupations.len(), None);
        }
    }

    /// Index of an occupation by its published code or one of the detailed codes it covers.
    pub fn occupation_index(&self, code: &str) -> Option<usize> {
        self.occupation_index.get(code.trim()).copied()
    }

    pub fn state_index(&self, code: &str) -> Option<usize> {
        self.state_index.get(&code.trim().to_ascii_uppercase()).copied()
    }

    /// Index of a cluster by id or name (case-insensitive).
    pub fn cluster_index(&self, key: &str) -> Option<usize> {
        let k = normalize(key);
        self.clusters.iter().position(|c| normalize(&c.id) == k || normalize(&c.name) == k)
    }

    /// (cluster index, sub-cluster index) of a sub-cluster by id or name.
    pub fn sub_cluster_index(&self, key: &str) -> Option<(usize, usize)> {
        let k = normalize(key);
        self.clusters.iter().enumerate().find_map(|(ci, c)| {
            c.sub_clusters
                .iter()
                .position(|s| normalize(&s.id) == k || normalize(&s.name) == k)
                .map(|si| (ci, si))
        })
    }

    pub fn element_name(&self, idx: u32) -> &str {
        self.elements.get(idx as usize).map(String::as_str).unwrap_or("")
    }
}

/// Lower-case, `&` as `and`, punctuation dropped: "Arts, Entertainment & Design" and
/// "arts-entertainment-and-design" compare equal.
pub fn normalize(s: &str) -> String {
    let s = s.to_lowercase().replace('&', " and ");
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycle_years_reads_short_and_long_forms() {
        assert_eq!(cycle_years("2024-34"), Some((2024, 2034)));
        assert_eq!(cycle_years("2022-2032"), Some((2022, 2032)));
        assert_eq!(cycle_years("M2024"), None);
    }

    #[test]
    fn normalize_ignores_spelling_differences() {
        assert_eq!(
            normalize("Arts, Entertainment & Design"),
            normalize("arts-entertainment-and-design")
        );
    }

    #[test]
    fn split_weights_are_normalized_and_fall_back_to_primary() {
        let mut o = Occupation {
            assignments: vec![
                Assignment { cluster: 0, sub_cluster: Some(1), primary: true, share: Some(0.6) },
                Assignment { cluster: 2, sub_cluster: None, primary: false, share: Some(0.2) },
            ],
            ..Default::default()
        };
        let w = o.cluster_weights(true);
        assert_eq!(w.len(), 2);
        assert!((w[0].2 - 0.75).abs() < 1e-12 && (w[1].2 - 0.25).abs() < 1e-12);
        assert_eq!(o.cluster_weights(false), vec![(0, Some(1), 1.0)]);
        o.assignments[0].share = None;
        o.assignments[1].share = None;
        assert_eq!(o.cluster_weights(true), vec![(0, Some(1), 1.0)]);
    }
}
