//! High-skill, high-wage, in-demand (Perkins V) designations of a state's occupations,
//! evaluated from the state profile's definitions (`trellis_framework::state::Hshwid`): the
//! definitions are data, this module only applies them.
//!
//! Every occupation with an OEWS row in the state is listed with its three flags, the values
//! behind each flag, its clusters and sub-clusters and the programs (CIP) that prepare for it.
//! A flag is `None` when the data cannot decide it (a suppressed wage, no published education
//! category) — never silently false.

use serde::Serialize;
use trellis_framework::state::{
    Combine, Comparison, Criterion, DataArea, Definition, DemandMeasure, EntryEducation, Hshwid,
    OnTheJobTraining, RankScope, TopShare, WageMeasure, WageReference, WageThreshold,
    WorkExperience,
};

use crate::area::{Area, AreaFigures, OccupationFigures};
use crate::error::{LaborError, Result};
use crate::figure::{Basis, Figure, Kind, Status};
use crate::model::{LaborData, Program, Vintages};
use crate::state_projections::StateProjections;

/// The outcome of one of the three definitions for one occupation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flag {
    /// `None`: the data cannot decide (the reasons say why).
    pub met: Option<bool>,
    /// One line per criterion: the value, the rule, the outcome.
    pub reasons: Vec<String>,
}

impl Flag {
    pub fn label(&self) -> &'static str {
        match self.met {
            Some(true) => "yes",
            Some(false) => "no",
            None => "unknown",
        }
    }
}

/// An occupation's place in a cluster, and its in-demand result within that cluster when the
/// in-demand definition ranks within clusters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Membership {
    pub cluster_id: String,
    pub cluster: String,
    pub sub_cluster_id: Option<String>,
    pub sub_cluster: Option<String>,
    pub primary: bool,
    /// The in-demand outcome for this cluster (equal to the occupation's flag unless the
    /// definition ranks within clusters or sub-clusters).
    pub in_demand: Option<bool>,
    /// Rank by the demand measure within the ranking scope, and the number ranked.
    pub rank: Option<(usize, usize)>,
}

/// One occupation of the state's list.
#[derive(Debug, Clone, Serialize)]
pub struct HshwidRow {
    pub code: String,
    pub title: String,
    pub clusters: Vec<Membership>,
    pub programs: Vec<Program>,
    pub education: Option<String>,
    pub experience: Option<String>,
    pub training: Option<String>,
    pub employment: Figure,
    pub wage_median: Figure,
    pub wage_pct10: Figure,
    pub openings: Figure,
    pub change_pct: Figure,
    pub high_skill: Flag,
    pub high_wage: Flag,
    /// In-demand in at least one of its clusters (see `clusters` for each).
    pub in_demand: Flag,
    /// The state's combined designation, when its profile says how the three combine.
    pub designated: Option<bool>,
}

impl HshwidRow {
    /// Whether all three are met (`None` when one is unknown and none is false).
    pub fn all_three(&self) -> Option<bool> {
        combine(Combine::All, [self.high_skill.met, self.high_wage.met, self.in_demand.met])
    }

    /// All three within one cluster, using that cluster's in-demand outcome.
    pub fn all_three_in(&self, cluster_id: &str) -> Option<bool> {
        let in_demand =
            self.clusters.iter().find(|m| m.cluster_id == cluster_id).and_then(|m| m.in_demand);
        combine(Combine::All, [self.high_skill.met, self.high_wage.met, in_demand])
    }
}

/// Counts for one cluster: occupations of the cluster (any assignment) in the state.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ClusterSummary {
    pub cluster_id: String,
    pub cluster: String,
    pub occupations: usize,
    /// State employment of those occupations (suppressed cells not counted).
    pub employment: f64,
    pub high_skill: usize,
    pub high_wage: usize,
    pub in_demand: usize,
    pub all_three: usize,
    /// Employment of the occupations meeting all three.
    pub all_three_employment: f64,
    /// Occupations with at least one flag the data cannot decide.
    pub undecided: usize,
}

/// A state's HSHWID list.
#[derive(Debug, Clone, Serialize)]
pub struct HshwidList {
    pub state: String,
    pub state_name: String,
    pub definitions: Hshwid,
    /// The wage threshold actually applied, in dollars, with its label.
    pub wage_threshold: Option<(f64, String)>,
    pub vintages: Vintages,
    pub projections_method: String,
    pub openings_estimated: bool,
    pub rows: Vec<HshwidRow>,
    pub clusters: Vec<ClusterSummary>,
    pub notes: Vec<String>,
}

impl HshwidList {
    /// Rows of one cluster (by id), in list order.
    pub fn rows_in<'a>(&'a self, cluster_id: &'a str) -> impl Iterator<Item = &'a HshwidRow> + 'a {
        self.rows.iter().filter(move |r| r.clusters.iter().any(|m| m.cluster_id == cluster_id))
    }
}

/// Evaluates `definitions` for the state `area`.
pub fn evaluate(
    data: &LaborData,
    area: Area,
    definitions: &Hshwid,
    projections: Option<&StateProjections>,
) -> Result<HshwidList> {
    let Area::State(si) = area else {
        return Err(LaborError::Definitions {
            state: "US".into(),
            message: "HSHWID lists are per state; name a state with --state".into(),
        });
    };
    let state = &data.states[si];
    let state_figures = AreaFigures::compute(data, area, projections);
    // A definition on national data still lists the occupations located in the state.
    let national;
    let measure_figures = match definitions.data_area {
        DataArea::State => &state_figures,
        DataArea::National => {
            national = AreaFigures::compute(data, Area::Nation, None);
            &national
        }
    };
    let wage = resolve_wage_thresholds(data, si, definitions)?;
    validate(&definitions.high_skill, &state.code)?;
    validate(&definitions.in_demand, &state.code)?;

    let present: Vec<usize> =
        (0..data.occupations.len()).filter(|&i| state_figures.figures[i].present).collect();
    let rankings = Rankings::compute(data, &present, measure_figures, &definitions.in_demand);

    let mut rows = Vec::with_capacity(present.len());
    for &oi in &present {
        let o = &data.occupations[oi];
        let f = &measure_figures.figures[oi];
        let high_skill = evaluate_definition(&definitions.high_skill, |c| skill_outcome(c, o));
        let high_wage = evaluate_definition(&definitions.high_wage, |c| wage_outcome(c, f, &wage));
        let mut clusters: Vec<Membership> = o
            .assignments
            .iter()
            .map(|a| {
                let c = &data.clusters[a.cluster];
                let sub = a.sub_cluster.map(|s| &c.sub_clusters[s]);
                Membership {
                    cluster_id: c.id.clone(),
                    cluster: c.name.clone(),
                    sub_cluster_id: sub.map(|s| s.id.clone()),
                    sub_cluster: sub.map(|s| s.name.clone()),
                    primary: a.primary,
                    in_demand: None,
                    rank: None,
                }
            })
            .collect();
        let in_demand = demand_flag(&definitions.in_demand, oi, f, &rankings, &mut clusters, data);
        let designated = definitions
            .designation
            .and_then(|c| combine(c, [high_skill.met, high_wage.met, in_demand.met]));
        let sf = &state_figures.figures[oi];
        rows.push(HshwidRow {
            code: o.code.clone(),
            title: o.title.clone(),
            clusters,
            programs: o.programs.clone(),
            education: o.education.clone(),
            experience: o.experience.clone(),
            training: o.training.clone(),
            employment: sf.employment,
            wage_median: sf.wages.median,
            wage_pct10: sf.wages.pct10,
            openings: sf.openings,
            change_pct: sf.change_pct,
            high_skill,
            high_wage,
            in_demand,
            designated,
        });
    }

    let clusters = summarize(data, &rows);
    let mut notes = vec![
        format!(
            "Occupations: every occupation with an OEWS {} row for {} ({}); cluster counts include every cluster an occupation is assigned to, primary or not.",
            data.vintages.oews,
            state.name,
            rows.len()
        ),
        format!(
            "Entry education, work experience and on-the-job training: BLS Employment Projections {} categories (national).",
            data.vintages.projections
        ),
        format!("Projections and openings: {}.", state_figures.projections.method),
        "A flag is 'unknown' when the data cannot decide it (e.g. a suppressed wage); it is never counted as met.".into(),
    ];
    if let Some((dollars, label)) = &wage {
        notes.push(format!(
            "High-wage threshold applied: {} ({label}).",
            Kind::Dollars.format(*dollars)
        ));
        let wage_year = data.vintages.oews.trim_start_matches('M');
        for c in wage_criteria(&definitions.high_wage) {
            if let Criterion::Wage { threshold, .. } = c
                && threshold.year().to_string() != wage_year
            {
                notes.push(format!(
                    "The wage threshold is a {} figure; occupational wages are OEWS {} (May {wage_year}).",
                    threshold.year(),
                    data.vintages.oews
                ));
            }
        }
    }
    let (mut top_coded, mut suppressed) = (0, 0);
    for cell in state.cells.iter().flatten() {
        match cell.wages.median.status {
            Status::TopCoded => top_coded += 1,
            Status::Suppressed => suppressed += 1,
            _ => {}
        }
    }
    if top_coded == 0 && suppressed > 0 {
        notes.push(format!(
            "The OEWS state data in this database mark no wage as top-coded, so a median shown as suppressed ({suppressed} occupations) may be at or above the top code ($239,200 a year) in the official file; those occupations get 'unknown' for high-wage."
        ));
    }
    if data.clusters.is_empty() || rows.iter().all(|r| r.clusters.is_empty()) {
        notes.push("No occupation has a cluster: the crosswalk is missing or empty.".into());
    }
    Ok(HshwidList {
        state: state.code.clone(),
        state_name: state.name.clone(),
        definitions: definitions.clone(),
        wage_threshold: wage,
        vintages: data.vintages.clone(),
        projections_method: state_figures.projections.method.clone(),
        openings_estimated: state_figures.projections.estimated,
        rows,
        clusters,
        notes,
    })
}

/// Combines outcomes: a definite answer when the known ones settle it, `None` otherwise.
pub fn combine<const N: usize>(how: Combine, outcomes: [Option<bool>; N]) -> Option<bool> {
    combine_iter(how, outcomes)
}

fn combine_iter(how: Combine, outcomes: impl IntoIterator<Item = Option<bool>>) -> Option<bool> {
    let (mut any_true, mut any_false, mut any_unknown, mut n) = (false, false, false, 0);
    for o in outcomes {
        n += 1;
        match o {
            Some(true) => any_true = true,
            Some(false) => any_false = true,
            None => any_unknown = true,
        }
    }
    if n == 0 {
        return None;
    }
    match how {
        Combine::Any if any_true => Some(true),
        Combine::Any if !any_unknown => Some(false),
        Combine::All if any_false => Some(false),
        Combine::All if !any_unknown => Some(true),
        _ => None,
    }
}

fn evaluate_definition(
    def: &Definition,
    mut outcome: impl FnMut(&Criterion) -> (Option<bool>, String),
) -> Flag {
    let mut reasons = Vec::with_capacity(def.criteria.len());
    let mut results = Vec::with_capacity(def.criteria.len());
    for c in &def.criteria {
        let (met, why) = outcome(c);
        results.push(met);
        reasons.push(why);
    }
    Flag { met: combine_iter(def.combine, results), reasons }
}

fn yes_no(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "met",
        Some(false) => "not met",
        None => "unknown",
    }
}

fn skill_outcome(c: &Criterion, o: &crate::model::Occupation) -> (Option<bool>, String) {
    match c {
        Criterion::EntryEducation { at_least } => {
            let level = o.education.as_deref().and_then(EntryEducation::from_bls_label);
            let met = level.map(|l| l >= *at_least);
            (
                met,
                format!(
                    "entry education: {} (needs \"{}\" or higher): {}",
                    o.education.as_deref().unwrap_or("not published"),
                    education_label(*at_least),
                    yes_no(met)
                ),
            )
        }
        Criterion::WorkExperience { at_least } => {
            let level = o.experience.as_deref().and_then(WorkExperience::from_bls_label);
            let met = level.map(|l| l >= *at_least);
            (
                met,
                format!(
                    "work experience: {} (needs {}): {}",
                    o.experience.as_deref().unwrap_or("not published"),
                    experience_minimum(*at_least),
                    yes_no(met)
                ),
            )
        }
        Criterion::OnTheJobTraining { any_of } => {
            let level = o.training.as_deref().and_then(OnTheJobTraining::from_bls_label);
            let met = level.map(|l| any_of.contains(&l));
            let accepted: Vec<&str> = any_of.iter().map(|t| training_label(*t)).collect();
            (
                met,
                format!(
                    "on-the-job training: {} (needs one of: {}): {}",
                    o.training.as_deref().unwrap_or("not published"),
                    accepted.join(", "),
                    yes_no(met)
                ),
            )
        }
        other => (None, format!("criterion {other:?} does not apply to skill")),
    }
}

type WageThresholdApplied = Option<(f64, String)>;

fn wage_criteria(def: &Definition) -> impl Iterator<Item = &Criterion> {
    def.criteria.iter().filter(|c| matches!(c, Criterion::Wage { .. }))
}

/// Turns the wage criteria's thresholds into dollars, with clear errors when the data lack
/// the reference wage a percentage refers to.
fn resolve_wage_thresholds(
    data: &LaborData,
    si: usize,
    defs: &Hshwid,
) -> Result<WageThresholdApplied> {
    let state = &data.states[si];
    let mut applied = None;
    for c in &defs.high_wage.criteria {
        match c {
            Criterion::Wage { measure, threshold, .. } => {
                if matches!(measure, WageMeasure::HourlyMean) {
                    return Err(LaborError::Definitions {
                        state: state.code.clone(),
                        message: "the wage measure `hourly_mean` is not in the database (OEWS hourly means are not imported); use annual_mean, annual_median or hourly_median".into(),
                    });
                }
                let reference = match threshold {
                    WageThreshold::Amount { .. } => None,
                    WageThreshold::PercentOf { reference, .. } => Some(reference_value(data, si, *reference).ok_or_else(|| {
                        LaborError::Definitions {
                            state: state.code.clone(),
                            message: format!(
                                "the threshold is a percentage of the {}, which the data do not hold (OEWS {} has no all-occupations row for it); write the amount instead: threshold = {{ kind = \"amount\", dollars = ..., year = ... }}",
                                reference_label(*reference),
                                data.vintages.oews
                            ),
                        }
                    })?),
                };
                let dollars =
                    threshold.dollars(reference).ok_or_else(|| LaborError::Definitions {
                        state: state.code.clone(),
                        message: "the wage threshold could not be computed".into(),
                    })?;
                if !dollars.is_finite() || dollars <= 0.0 {
                    return Err(LaborError::Definitions {
                        state: state.code.clone(),
                        message: format!(
                            "the wage threshold must be a positive amount, found {dollars}"
                        ),
                    });
                }
                applied = Some((dollars, threshold_label(threshold, reference)));
            }
            other => {
                return Err(LaborError::Definitions {
                    state: state.code.clone(),
                    message: format!(
                        "high_wage criteria must be of kind `wage`, found {}",
                        criterion_kind(other)
                    ),
                });
            }
        }
    }
    Ok(applied)
}

fn validate(def: &Definition, state: &str) -> Result<()> {
    if def.criteria.is_empty() {
        return Err(LaborError::Definitions {
            state: state.into(),
            message: format!("the definition \"{}\" has no criteria", def.text),
        });
    }
    for c in &def.criteria {
        if let Criterion::TopShare(t) = c
            && (t.fraction.is_nan() || t.fraction <= 0.0 || t.fraction > 1.0)
        {
            return Err(LaborError::Definitions {
                state: state.into(),
                message: format!("top_share fraction must be in (0, 1], found {}", t.fraction),
            });
        }
    }
    Ok(())
}

fn criterion_kind(c: &Criterion) -> &'static str {
    match c {
        Criterion::EntryEducation { .. } => "entry_education",
        Criterion::WorkExperience { .. } => "work_experience",
        Criterion::OnTheJobTraining { .. } => "on_the_job_training",
        Criterion::Wage { .. } => "wage",
        Criterion::TopShare(_) => "top_share",
        Criterion::Minimum { .. } => "minimum",
    }
}

fn reference_value(data: &LaborData, si: usize, r: WageReference) -> Option<f64> {
    match r {
        WageReference::StateAllOccupationsMedian => data.states[si].all_occupations_median,
        WageReference::StateAllOccupationsMean => data.states[si].all_occupations_mean,
        WageReference::NationalAllOccupationsMedian => data.national_all_occupations_median,
        WageReference::NationalAllOccupationsMean => data.national_all_occupations_mean,
    }
}

pub fn reference_label(r: WageReference) -> &'static str {
    match r {
        WageReference::StateAllOccupationsMedian => "state's all-occupations median wage",
        WageReference::StateAllOccupationsMean => "state's all-occupations mean wage",
        WageReference::NationalAllOccupationsMedian => "national all-occupations median wage",
        WageReference::NationalAllOccupationsMean => "national all-occupations mean wage",
    }
}

fn threshold_label(t: &WageThreshold, reference: Option<f64>) -> String {
    match t {
        WageThreshold::Amount { dollars, year, reference: r } => match r {
            Some(r) => {
                format!("{} {year}: {}", reference_label(*r), Kind::Dollars.format(*dollars))
            }
            None => format!("{} ({year})", Kind::Dollars.format(*dollars)),
        },
        WageThreshold::PercentOf { percent, reference: r, year } => format!(
            "{percent}% of the {} ({year}: {})",
            reference_label(*r),
            reference.map(|v| Kind::Dollars.format(v)).unwrap_or_default()
        ),
    }
}

fn wage_value(f: &OccupationFigures, m: WageMeasure) -> Figure {
    match m {
        WageMeasure::AnnualMedian => f.wages.median,
        WageMeasure::AnnualMean => f.wages.mean,
        WageMeasure::AnnualP10 => f.wages.pct10,
        WageMeasure::AnnualP25 => f.wages.pct25,
        WageMeasure::HourlyMedian => f.wages.hourly_median,
        WageMeasure::HourlyMean => Figure::missing(),
    }
}

fn wage_outcome(
    c: &Criterion,
    f: &OccupationFigures,
    applied: &WageThresholdApplied,
) -> (Option<bool>, String) {
    let Criterion::Wage { measure, comparison, .. } = c else {
        return (None, format!("criterion {} does not apply to wages", criterion_kind(c)));
    };
    let Some((threshold, _)) = applied else { return (None, "no wage threshold".into()) };
    let value = wage_value(f, *measure);
    let kind = if matches!(measure, WageMeasure::HourlyMedian | WageMeasure::HourlyMean) {
        Kind::Ratio
    } else {
        Kind::Dollars
    };
    let op = match comparison {
        Comparison::GreaterThan => ">",
        Comparison::AtLeast => "≥",
    };
    let met = match (value.value, value.status) {
        (Some(v), Status::Ok) => Some(comparison.holds(v, *threshold)),
        // A top-coded wage is at least the top code: decided only when that floor passes.
        (Some(v), Status::TopCoded) => comparison.holds(v, *threshold).then_some(true),
        _ => None,
    };
    (
        met,
        format!(
            "{}: {} (needs {op} {}): {}",
            measure_label(*measure),
            value.display(kind),
            Kind::Dollars.format(*threshold),
            yes_no(met)
        ),
    )
}

fn measure_label(m: WageMeasure) -> &'static str {
    match m {
        WageMeasure::AnnualMedian => "median annual wage",
        WageMeasure::AnnualMean => "mean annual wage",
        WageMeasure::HourlyMedian => "median hourly wage",
        WageMeasure::HourlyMean => "mean hourly wage",
        WageMeasure::AnnualP10 => "10th percentile annual wage",
        WageMeasure::AnnualP25 => "25th percentile annual wage",
    }
}

pub fn demand_label(m: DemandMeasure) -> &'static str {
    match m {
        DemandMeasure::AnnualOpenings => "annual openings",
        DemandMeasure::EmploymentChangePercent => "projected employment change (%)",
        DemandMeasure::EmploymentChange => "projected employment change",
        DemandMeasure::Employment => "employment",
    }
}

fn demand_value(f: &OccupationFigures, m: DemandMeasure) -> Figure {
    match m {
        DemandMeasure::AnnualOpenings => f.openings,
        DemandMeasure::EmploymentChangePercent => f.change_pct,
        DemandMeasure::EmploymentChange => f.change,
        DemandMeasure::Employment => f.employment,
    }
}

fn demand_kind(m: DemandMeasure) -> Kind {
    if m == DemandMeasure::EmploymentChangePercent { Kind::Percent } else { Kind::Count }
}

/// Rankings for each top-share criterion of the in-demand definition: per scope group, the
/// value an occupation must reach (ties with the cut-off are included) and each member's rank.
struct Rankings {
    /// One entry per top-share criterion, in criterion order.
    per_criterion: Vec<CriterionRanking>,
}

struct CriterionRanking {
    /// (group key, occupation) → (rank, group size with values, cut-off value).
    entries: std::collections::HashMap<(GroupKey, usize), (usize, usize, f64)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum GroupKey {
    All,
    Cluster(usize),
    SubCluster(usize, usize),
}

impl Rankings {
    fn compute(
        data: &LaborData,
        present: &[usize],
        figures: &AreaFigures,
        def: &Definition,
    ) -> Rankings {
        let per_criterion = def
            .criteria
            .iter()
            .filter_map(|c| match c {
                Criterion::TopShare(t) => Some(rank(data, present, figures, t)),
                _ => None,
            })
            .collect();
        Rankings { per_criterion }
    }
}

fn groups_of(data: &LaborData, oi: usize, scope: RankScope) -> Vec<GroupKey> {
    let o = &data.occupations[oi];
    let mut keys: Vec<GroupKey> = match scope {
        RankScope::AllOccupations => vec![GroupKey::All],
        RankScope::Cluster => o.assignments.iter().map(|a| GroupKey::Cluster(a.cluster)).collect(),
        RankScope::SubCluster => o
            .assignments
            .iter()
            .filter_map(|a| a.sub_cluster.map(|s| GroupKey::SubCluster(a.cluster, s)))
            .collect(),
    };
    keys.sort();
    keys.dedup();
    keys
}

fn rank(
    data: &LaborData,
    present: &[usize],
    figures: &AreaFigures,
    t: &TopShare,
) -> CriterionRanking {
    let mut groups: std::collections::HashMap<GroupKey, Vec<(usize, f64)>> =
        std::collections::HashMap::new();
    for &oi in present {
        let v = demand_value(&figures.figures[oi], t.measure);
        let Some(v) = v.exact() else { continue };
        for key in groups_of(data, oi, t.scope) {
            groups.entry(key).or_default().push((oi, v));
        }
    }
    let mut entries = std::collections::HashMap::new();
    for (key, mut members) in groups {
        members.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let n = members.len();
        let cutoff_rank = t.cutoff_rank(n).clamp(1, n);
        let cutoff_value = members[cutoff_rank - 1].1;
        // Competition ranking: tied values share the best rank.
        let mut rank = 0;
        let mut last = f64::NAN;
        for (i, (oi, v)) in members.iter().enumerate() {
            if *v != last {
                rank = i + 1;
                last = *v;
            }
            entries.insert((key, *oi), (rank, n, cutoff_value));
        }
    }
    CriterionRanking { entries }
}

fn demand_flag(
    def: &Definition,
    oi: usize,
    f: &OccupationFigures,
    rankings: &Rankings,
    clusters: &mut [Membership],
    data: &LaborData,
) -> Flag {
    let o = &data.occupations[oi];
    // Per membership (cluster), the outcome of each criterion; scopes that are not per
    // cluster give the same outcome to every membership.
    let mut per_membership: Vec<Vec<Option<bool>>> = vec![Vec::new(); clusters.len()];
    let mut overall: Vec<Option<bool>> = Vec::new();
    let mut reasons = Vec::new();
    let mut top_share_idx = 0;
    for c in &def.criteria {
        match c {
            Criterion::TopShare(t) => {
                let ranking = &rankings.per_criterion[top_share_idx];
                top_share_idx += 1;
                let value = demand_value(f, t.measure);
                let lookup = |key: GroupKey| ranking.entries.get(&(key, oi)).copied();
                let outcome = |e: Option<(usize, usize, f64)>| -> Option<bool> {
                    e.map(|(_, _, cut)| value.exact().is_some_and(|v| v >= cut))
                };
                let scope_name = match t.scope {
                    RankScope::Cluster => "its cluster",
                    RankScope::SubCluster => "its sub-cluster",
                    RankScope::AllOccupations => "all occupations",
                };
                let mut any_group = Vec::new();
                for (mi, a) in o.assignments.iter().enumerate().take(clusters.len()) {
                    let key = match t.scope {
                        RankScope::AllOccupations => Some(GroupKey::All),
                        RankScope::Cluster => Some(GroupKey::Cluster(a.cluster)),
                        RankScope::SubCluster => {
                            a.sub_cluster.map(|s| GroupKey::SubCluster(a.cluster, s))
                        }
                    };
                    let e = key.and_then(lookup);
                    let met = outcome(e);
                    per_membership[mi].push(met);
                    any_group.push(met);
                    if let Some((r, n, _)) = e
                        && clusters[mi].rank.is_none()
                    {
                        clusters[mi].rank = Some((r, n));
                    }
                }
                let met = if t.scope == RankScope::AllOccupations {
                    outcome(lookup(GroupKey::All))
                } else {
                    combine_iter(Combine::Any, any_group)
                };
                overall.push(met);
                let ranks: Vec<String> = clusters
                    .iter()
                    .filter_map(|m| m.rank.map(|(r, n)| format!("{} {r} of {n}", m.cluster)))
                    .collect();
                reasons.push(format!(
                    "{}: {} (top {}% within {scope_name}{}): {}",
                    demand_label(t.measure),
                    value.display(demand_kind(t.measure)),
                    t.fraction * 100.0,
                    if ranks.is_empty() {
                        String::new()
                    } else {
                        format!("; rank {}", ranks.join(", "))
                    },
                    yes_no(met)
                ));
            }
            Criterion::Minimum { measure, at_least } => {
                let value = demand_value(f, *measure);
                let met = value.exact().map(|v| v >= *at_least);
                for m in per_membership.iter_mut() {
                    m.push(met);
                }
                overall.push(met);
                reasons.push(format!(
                    "{}: {} (needs at least {}): {}",
                    demand_label(*measure),
                    value.display(demand_kind(*measure)),
                    demand_kind(*measure).format(*at_least),
                    yes_no(met)
                ));
            }
            other => {
                overall.push(None);
                reasons
                    .push(format!("criterion {} does not apply to demand", criterion_kind(other)));
            }
        }
    }
    for (m, outcomes) in clusters.iter_mut().zip(per_membership) {
        m.in_demand = combine_iter(def.combine, outcomes);
    }
    let met = if clusters.is_empty()
        || !def
            .criteria
            .iter()
            .any(|c| matches!(c, Criterion::TopShare(t) if t.scope != RankScope::AllOccupations))
    {
        combine_iter(def.combine, overall)
    } else {
        combine_iter(Combine::Any, clusters.iter().map(|m| m.in_demand))
    };
    Flag { met, reasons }
}

fn summarize(data: &LaborData, rows: &[HshwidRow]) -> Vec<ClusterSummary> {
    let mut out: Vec<ClusterSummary> = data
        .clusters
        .iter()
        .map(|c| ClusterSummary {
            cluster_id: c.id.clone(),
            cluster: c.name.clone(),
            ..Default::default()
        })
        .collect();
    for r in rows {
        let mut seen = Vec::new();
        for m in &r.clusters {
            let Some(ci) = data.clusters.iter().position(|c| c.id == m.cluster_id) else {
                continue;
            };
            if seen.contains(&ci) {
                continue;
            }
            seen.push(ci);
            let s = &mut out[ci];
            s.occupations += 1;
            let emp = r.employment.exact().unwrap_or(0.0);
            s.employment += emp;
            s.high_skill += usize::from(r.high_skill.met == Some(true));
            s.high_wage += usize::from(r.high_wage.met == Some(true));
            s.in_demand += usize::from(m.in_demand == Some(true));
            let all = combine(Combine::All, [r.high_skill.met, r.high_wage.met, m.in_demand]);
            if all == Some(true) {
                s.all_three += 1;
                s.all_three_employment += emp;
            }
            if r.high_skill.met.is_none() || r.high_wage.met.is_none() || m.in_demand.is_none() {
                s.undecided += 1;
            }
        }
    }
    out
}

pub fn education_label(e: EntryEducation) -> &'static str {
    match e {
        EntryEducation::NoFormalCredential => "no formal educational credential",
        EntryEducation::HighSchool => "high school diploma or equivalent",
        EntryEducation::SomeCollegeNoDegree => "some college, no degree",
        EntryEducation::PostsecondaryNondegreeAward => "postsecondary nondegree award",
        EntryEducation::Associates => "associate's degree",
        EntryEducation::Bachelors => "bachelor's degree",
        EntryEducation::Masters => "master's degree",
        EntryEducation::DoctoralOrProfessional => "doctoral or professional degree",
    }
}

pub fn experience_label(e: WorkExperience) -> &'static str {
    match e {
        WorkExperience::None => "none",
        WorkExperience::LessThan5Years => "less than 5 years",
        WorkExperience::FiveYearsOrMore => "5 years or more",
    }
}

/// A minimum of work experience in words ("5 years or more").
pub fn experience_minimum(e: WorkExperience) -> &'static str {
    match e {
        WorkExperience::None => "any length (none required)",
        WorkExperience::LessThan5Years => "some (less than 5 years) or more",
        WorkExperience::FiveYearsOrMore => "5 years or more",
    }
}

pub fn training_label(t: OnTheJobTraining) -> &'static str {
    match t {
        OnTheJobTraining::None => "none",
        OnTheJobTraining::ShortTerm => "short-term on-the-job training",
        OnTheJobTraining::ModerateTerm => "moderate-term on-the-job training",
        OnTheJobTraining::LongTerm => "long-term on-the-job training (more than 12 months)",
        OnTheJobTraining::Apprenticeship => "apprenticeship",
        OnTheJobTraining::InternshipResidency => "internship/residency",
    }
}

/// Whether any figure behind the list is a Trellis estimate.
pub fn uses_estimates(list: &HshwidList) -> bool {
    list.rows
        .iter()
        .any(|r| r.openings.basis == Basis::Estimated || r.change_pct.basis == Basis::Estimated)
}

/// A criterion in words, for the workbook's overview and the command's header.
pub fn describe_criterion(c: &Criterion) -> String {
    match c {
        Criterion::EntryEducation { at_least } => {
            format!("typical entry education \"{}\" or higher", education_label(*at_least))
        }
        Criterion::WorkExperience { at_least } => {
            format!("work experience in a related occupation of {}", experience_minimum(*at_least))
        }
        Criterion::OnTheJobTraining { any_of } => format!(
            "typical on-the-job training: {}",
            any_of.iter().map(|t| training_label(*t)).collect::<Vec<_>>().join(" or ")
        ),
        Criterion::Wage { measure, comparison, threshold } => {
            let op = match comparison {
                Comparison::GreaterThan => "above",
                Comparison::AtLeast => "at least",
            };
            let t = match threshold {
                WageThreshold::Amount { dollars, year, reference } => format!(
                    "{}{} ({year})",
                    Kind::Dollars.format(*dollars),
                    reference.map(|r| format!(", the {}", reference_label(r))).unwrap_or_default()
                ),
                WageThreshold::PercentOf { percent, reference, year } => {
                    format!("{percent}% of the {} ({year})", reference_label(*reference))
                }
            };
            format!("{} {op} {t}", measure_label(*measure))
        }
        Criterion::TopShare(t) => format!(
            "top {}% by {} within each {}",
            t.fraction * 100.0,
            demand_label(t.measure),
            match t.scope {
                RankScope::Cluster =>
                    "cluster (an occupation in several clusters is ranked in each)",
                RankScope::SubCluster => "sub-cluster",
                RankScope::AllOccupations => "state (all occupations)",
            }
        ),
        Criterion::Minimum { measure, at_least } => {
            format!(
                "{} of at least {}",
                demand_label(*measure),
                demand_kind(*measure).format(*at_least)
            )
        }
    }
}

/// A definition in words: its criteria joined by "or"/"and".
pub fn describe_definition(d: &Definition) -> String {
    let join = match d.combine {
        Combine::Any => " OR ",
        Combine::All => " AND ",
    };
    d.criteria.iter().map(describe_criterion).collect::<Vec<_>>().join(join)
}

/// Reads HSHWID definitions from a file: a whole state profile (as in the framework's
/// `data/states/`), or a file holding just the `[hshwid]` table. Unknown fields and missing
/// ones (a wage threshold without its year) are errors that name the file and the place.
pub fn definitions_from_file(path: &std::path::Path, state: &str) -> Result<Hshwid> {
    let text = std::fs::read_to_string(path)
        .map_err(|source| LaborError::Io { path: path.to_path_buf(), source })?;
    definitions_from_toml(&text, &path.display().to_string(), state)
}

/// [`definitions_from_file`] on text; `origin` names the text in errors.
pub fn definitions_from_toml(text: &str, origin: &str, state: &str) -> Result<Hshwid> {
    let err =
        |message: String| LaborError::Definitions { state: state.to_ascii_uppercase(), message };
    let explain = |e: toml::de::Error| {
        let mut m = format!("{origin}: {e}");
        if m.contains("missing field `year`") {
            m.push_str(
                "\nhint: every wage threshold names the year of its amount, e.g. threshold = { kind = \"amount\", dollars = 57870, year = 2025 }",
            );
        }
        err(m)
    };
    let value: toml::Table = toml::from_str(text).map_err(explain)?;
    if value.contains_key("state") {
        let profile: trellis_framework::state::StateProfile =
            toml::from_str(text).map_err(explain)?;
        if !profile.state.code.eq_ignore_ascii_case(state) {
            return Err(err(format!(
                "{origin} is the profile of {}, not {}",
                profile.state.code,
                state.to_ascii_uppercase()
            )));
        }
        return profile.hshwid.ok_or_else(|| err(format!("{origin} has no [hshwid] table")));
    }
    if value.contains_key("hshwid") {
        // Parsed from the text again (not from the table) so errors keep their line numbers.
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct HshwidFile {
            hshwid: Hshwid,
        }
        return toml::from_str::<HshwidFile>(text).map(|f| f.hshwid).map_err(explain);
    }
    toml::from_str::<Hshwid>(text).map_err(explain)
}
