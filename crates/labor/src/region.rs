//! Regional cluster analysis ("Clusters of Opportunity" diagnosis): for a state, each cluster's
//! and sub-cluster's employment, location quotient against the nation, and wage level
//! compared with the nation; the clusters in which the state is specialized.
//!
//! Employment of a cluster is the sum of its occupations' OEWS employment, each occupation
//! counted once through its primary cluster, or split across clusters by the crosswalk's
//! shares (`split`). Both the state and the nation use OEWS wage-and-salary employment, so the
//! quotient compares like with like:
//! `LQ = (cluster employment in state / state total) / (cluster employment in nation / nation total)`.

use serde::Serialize;

use crate::figure::{Figure, WeightedAverage};
use crate::model::LaborData;

/// Options of the regional analysis.
#[derive(Debug, Clone, Copy)]
pub struct RegionOptions {
    pub split: bool,
    /// A cluster is "specialized" when its LQ is at least this (1.2 unless set).
    pub min_lq: f64,
}

impl Default for RegionOptions {
    fn default() -> Self {
        RegionOptions { split: false, min_lq: 1.2 }
    }
}

/// One cluster or sub-cluster in a state.
#[derive(Debug, Clone, Serialize)]
pub struct LqRow {
    /// "cluster" or "sub_cluster".
    pub level: &'static str,
    pub id: String,
    pub name: String,
    pub cluster_id: String,
    /// Occupations of the cluster with published employment in the state.
    pub occupations: usize,
    pub state_employment: f64,
    /// Percent of the state's employment.
    pub state_share_pct: f64,
    pub national_employment: f64,
    pub national_share_pct: f64,
    pub location_quotient: Option<f64>,
    /// Employment-weighted mean of the occupations' median annual wages, state and nation.
    pub state_wage: Option<f64>,
    pub national_wage: Option<f64>,
    /// State wage as a percent of the national wage.
    pub wage_pct_of_nation: Option<f64>,
    pub specialized: bool,
}

/// A state's location-quotient table.
#[derive(Debug, Clone, Serialize)]
pub struct RegionTable {
    pub state: String,
    pub state_name: String,
    pub vintage: String,
    pub counting: String,
    pub min_lq: f64,
    /// Sum of the state's published detailed-occupation employment (suppressed cells are not
    /// in it), and the nation's.
    pub state_employment: f64,
    pub national_employment: f64,
    /// State occupations whose employment is suppressed.
    pub suppressed: usize,
    /// State occupations with employment but no cluster in the crosswalk.
    pub unassigned: usize,
    pub clusters: Vec<LqRow>,
    pub sub_clusters: Vec<LqRow>,
    /// Ids of the specialized clusters, highest LQ first.
    pub specialized: Vec<String>,
    pub notes: Vec<String>,
}

/// Weights of each occupation in clusters, computed once for many states.
pub struct ClusterWeights {
    /// Per occupation: (cluster, sub-cluster, weight).
    per_occupation: Vec<Vec<(usize, Option<usize>, f64)>>,
    split: bool,
    /// National employment and wage sums per cluster and per (cluster, sub-cluster).
    national: Totals,
    national_total: f64,
}

#[derive(Clone)]
struct Totals {
    cluster: Vec<Acc>,
    sub: Vec<Vec<Acc>>,
}

#[derive(Clone, Copy, Default)]
struct Acc {
    employment: f64,
    occupations: usize,
    wage_num: f64,
    wage_den: f64,
}

impl Acc {
    fn add(&mut self, emp: f64, wage: Figure) {
        self.employment += emp;
        self.occupations += 1;
        if let Some(v) = wage.exact() {
            self.wage_num += emp * v;
            self.wage_den += emp;
        }
    }

    fn wage(&self) -> Option<f64> {
        (self.wage_den > 0.0).then(|| self.wage_num / self.wage_den)
    }
}

impl Totals {
    fn new(data: &LaborData) -> Totals {
        Totals {
            cluster: vec![Acc::default(); data.clusters.len()],
            sub: data.clusters.iter().map(|c| vec![Acc::default(); c.sub_clusters.len()]).collect(),
        }
    }
}

impl ClusterWeights {
    pub fn new(data: &LaborData, split: bool) -> ClusterWeights {
        let per_occupation: Vec<_> =
            data.occupations.iter().map(|o| o.cluster_weights(split)).collect();
        let mut national = Totals::new(data);
        let mut national_total = 0.0;
        for (oi, o) in data.occupations.iter().enumerate() {
            let Some(e) = o.national.oews_employment.exact() else { continue };
            national_total += e;
            for &(c, s, w) in &per_occupation[oi] {
                national.cluster[c].add(e * w, o.national.wages.median);
                if let Some(s) = s {
                    national.sub[c][s].add(e * w, o.national.wages.median);
                }
            }
        }
        ClusterWeights { per_occupation, split, national, national_total }
    }
}

/// The LQ table of one state (index into `LaborData::states`).
pub fn region(
    data: &LaborData,
    state: usize,
    weights: &ClusterWeights,
    opts: RegionOptions,
) -> RegionTable {
    let st = &data.states[state];
    let mut totals = Totals::new(data);
    let (mut state_total, mut suppressed, mut unassigned) = (0.0, 0, 0);
    for (oi, cell) in st.cells.iter().enumerate() {
        let Some(cell) = cell else { continue };
        let Some(e) = cell.employment.exact() else {
            suppressed += 1;
            continue;
        };
        state_total += e;
        if weights.per_occupation[oi].is_empty() {
            unassigned += 1;
        }
        for &(c, s, w) in &weights.per_occupation[oi] {
            totals.cluster[c].add(e * w, cell.wages.median);
            if let Some(s) = s {
                totals.sub[c][s].add(e * w, cell.wages.median);
            }
        }
    }
    let row = |level: &'static str, id: &str, name: &str, cluster_id: &str, s: &Acc, n: &Acc| {
        let state_share = if state_total > 0.0 { s.employment / state_total } else { 0.0 };
        let nat_share =
            if weights.national_total > 0.0 { n.employment / weights.national_total } else { 0.0 };
        let lq = (nat_share > 0.0 && state_total > 0.0).then(|| state_share / nat_share);
        let (sw, nw) = (s.wage(), n.wage());
        LqRow {
            level,
            id: id.to_string(),
            name: name.to_string(),
            cluster_id: cluster_id.to_string(),
            occupations: s.occupations,
            state_employment: s.employment,
            state_share_pct: 100.0 * state_share,
            national_employment: n.employment,
            national_share_pct: 100.0 * nat_share,
            location_quotient: lq,
            state_wage: sw,
            national_wage: nw,
            wage_pct_of_nation: sw.zip(nw).filter(|(_, n)| *n > 0.0).map(|(s, n)| 100.0 * s / n),
            specialized: lq.is_some_and(|l| l >= opts.min_lq),
        }
    };
    let mut clusters = Vec::with_capacity(data.clusters.len());
    let mut sub_clusters = Vec::new();
    for (ci, c) in data.clusters.iter().enumerate() {
        clusters.push(row(
            "cluster",
            &c.id,
            &c.name,
            &c.id,
            &totals.cluster[ci],
            &weights.national.cluster[ci],
        ));
        for (si, s) in c.sub_clusters.iter().enumerate() {
            sub_clusters.push(row(
                "sub_cluster",
                &s.id,
                &s.name,
                &c.id,
                &totals.sub[ci][si],
                &weights.national.sub[ci][si],
            ));
        }
    }
    let mut specialized: Vec<&LqRow> = clusters.iter().filter(|r| r.specialized).collect();
    specialized.sort_by(|a, b| {
        b.location_quotient.unwrap_or(0.0).total_cmp(&a.location_quotient.unwrap_or(0.0))
    });
    let specialized = specialized.into_iter().map(|r| r.id.clone()).collect();
    let counting = if weights.split {
        "occupations split across their clusters by the crosswalk's shares".to_string()
    } else {
        "each occupation counted once, in its primary cluster".to_string()
    };
    let notes = vec![
        format!("Counting: {counting}."),
        format!(
            "Employment: OEWS {} wage and salary employment of detailed occupations, state and nation alike; the state total is the sum of its published cells ({suppressed} suppressed cells are not in it).",
            data.vintages.oews
        ),
        "Wages: employment-weighted mean of the occupations' median annual wages (suppressed wages left out).".to_string(),
        format!("Specialized: location quotient of at least {:.2}.", opts.min_lq),
    ];
    RegionTable {
        state: st.code.clone(),
        state_name: st.name.clone(),
        vintage: data.vintages.oews.clone(),
        counting,
        min_lq: opts.min_lq,
        state_employment: state_total,
        national_employment: weights.national_total,
        suppressed,
        unassigned,
        clusters,
        sub_clusters,
        specialized,
        notes,
    }
}

/// The LQ tables of every state in the data.
pub fn region_all(data: &LaborData, opts: RegionOptions) -> Vec<RegionTable> {
    let weights = ClusterWeights::new(data, opts.split);
    (0..data.states.len())
        .filter(|&i| data.states[i].rows() > 0)
        .map(|i| region(data, i, &weights, opts))
        .collect()
}

/// The employment-weighted mean wage of a cluster in a state, for callers that want the same
/// figure with its coverage.
pub fn cluster_wage(
    data: &LaborData,
    state: usize,
    cluster: usize,
    split: bool,
) -> WeightedAverage {
    let st = &data.states[state];
    WeightedAverage::compute(data.occupations.iter().enumerate().filter_map(|(oi, o)| {
        let w: f64 = o.cluster_weights(split).iter().filter(|x| x.0 == cluster).map(|x| x.2).sum();
        let cell = st.cells.get(oi).copied().flatten()?;
        (w > 0.0)
            .then(|| (o.code.as_str(), cell.employment.exact().map(|e| e * w), cell.wages.median))
    }))
}
