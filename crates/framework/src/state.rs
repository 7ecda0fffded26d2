//! State profiles: what a state adds to the national framework — the CTE teacher certifications
//! it accepts per cluster and its definitions of high-skill, high-wage and in-demand (HSHWID)
//! occupations for Perkins V.
//!
//! A state profile is a TOML file under `data/states/`, named for the state's two-letter code.
//! Adding a state means adding a file; no code changes. Unknown fields are errors, so a typo in
//! a criterion is reported rather than silently ignored.
//!
//! ## HSHWID definitions
//!
//! Each of the three definitions ([`Hshwid::high_skill`], [`Hshwid::high_wage`],
//! [`Hshwid::in_demand`]) is a list of [`Criterion`] values combined with [`Combine::Any`] or
//! [`Combine::All`]. Criteria are written as inline tables tagged by `kind`:
//!
//! ```toml
//! [hshwid.high_wage]
//! text = "Annual wage greater than the state's 2025 median wage across all occupations."
//! combine = "all"
//! criteria = [
//!     # a fixed amount (a year is required: wages are only comparable within a year)
//!     { kind = "wage", measure = "annual_median", comparison = "greater_than",
//!       threshold = { kind = "amount", dollars = 57870, year = 2025,
//!                     reference = "state_all_occupations_median" } },
//! ]
//! ```
//!
//! Other states' rules fit the same kinds: a wage floor as a share of a median is
//! `threshold = { kind = "percent_of", percent = 80, reference = "state_all_occupations_median",
//! year = 2024 }`; growth instead of openings is
//! `{ kind = "top_share", measure = "employment_change_percent", scope = "all_occupations", fraction = 0.25 }`;
//! a minimum number of openings is `{ kind = "minimum", measure = "annual_openings", at_least = 100 }`.
//!
//! Evaluating a definition needs labor-market data (BLS Employment Projections categories,
//! OEWS wages, projections) which this crate does not hold; the types offer the comparisons
//! ([`Criterion::is_met_by_education`], [`Comparison::holds`], [`WageThreshold::dollars`],
//! [`TopShare::cutoff_rank`]) so that every evaluator applies them alike.

use serde::{Deserialize, Serialize};

/// A state profile, as loaded from `data/states/XX.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateProfile {
    pub state: StateInfo,
    /// CTE teacher certification endorsements accepted per cluster.
    #[serde(default)]
    pub certifications: Vec<Certification>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hshwid: Option<Hshwid>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StateInfo {
    /// USPS two-letter code, upper case; must match the file name.
    pub code: String,
    pub name: String,
    /// The document the profile was transcribed from.
    pub source: String,
    /// True when the state recognizes the cross-cutting clusters as standalone clusters.
    #[serde(default)]
    pub cross_cutting_standalone: bool,
}

/// One certification endorsement accepted for a cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certification {
    /// The 2024 cluster id.
    pub cluster: String,
    /// The state's endorsement code ("098"); `None` when listed without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub title: String,
}

/// A state's high-skill, high-wage and in-demand definitions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hshwid {
    /// Who defines them.
    pub source: String,
    /// Whose data the measures are read from.
    pub data_area: DataArea,
    pub high_skill: Definition,
    pub high_wage: Definition,
    pub in_demand: Definition,
    /// How the three combine into one designation, when the state says; `None` means the state
    /// publishes the three separately and an evaluator reports each.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub designation: Option<Combine>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DataArea {
    /// The state's own wages, projections and openings.
    State,
    /// National figures.
    National,
}

/// One of the three definitions: the state's wording and the criteria that implement it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    /// The definition in the state's words.
    pub text: String,
    pub combine: Combine,
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Combine {
    /// Met when any criterion is met.
    Any,
    /// Met when every criterion is met.
    All,
}

/// One testable condition on an occupation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Criterion {
    /// Typical education needed for entry is at least `at_least`.
    EntryEducation { at_least: EntryEducation },
    /// Work experience in a related occupation is at least `at_least`.
    WorkExperience { at_least: WorkExperience },
    /// Typical on-the-job training is one of `any_of`.
    OnTheJobTraining { any_of: Vec<OnTheJobTraining> },
    /// A wage measure compared with a threshold.
    Wage { measure: WageMeasure, comparison: Comparison, threshold: WageThreshold },
    /// Among the occupations of a scope, the top `fraction` by a demand measure.
    TopShare(TopShare),
    /// A demand measure at or above a fixed value.
    Minimum { measure: DemandMeasure, at_least: f64 },
}

impl Criterion {
    /// For an [`Criterion::EntryEducation`] criterion, whether `level` meets it; `None` for
    /// other kinds.
    pub fn is_met_by_education(&self, level: EntryEducation) -> Option<bool> {
        match self {
            Criterion::EntryEducation { at_least } => Some(level >= *at_least),
            _ => None,
        }
    }

    /// For a [`Criterion::WorkExperience`] criterion, whether `level` meets it.
    pub fn is_met_by_experience(&self, level: WorkExperience) -> Option<bool> {
        match self {
            Criterion::WorkExperience { at_least } => Some(level >= *at_least),
            _ => None,
        }
    }

    /// For a [`Criterion::OnTheJobTraining`] criterion, whether `level` meets it.
    pub fn is_met_by_training(&self, level: OnTheJobTraining) -> Option<bool> {
        match self {
            Criterion::OnTheJobTraining { any_of } => Some(any_of.contains(&level)),
            _ => None,
        }
    }
}

/// BLS Employment Projections "typical education needed for entry", lowest to highest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryEducation {
    NoFormalCredential,
    HighSchool,
    SomeCollegeNoDegree,
    PostsecondaryNondegreeAward,
    Associates,
    Bachelors,
    Masters,
    DoctoralOrProfessional,
}

impl EntryEducation {
    /// Reads the label BLS prints ("Bachelor's degree", "Some college, no degree", …).
    pub fn from_bls_label(label: &str) -> Option<EntryEducation> {
        let l = label.trim().to_ascii_lowercase().replace('’', "'");
        Some(match l.as_str() {
            "no formal educational credential" => EntryEducation::NoFormalCredential,
            "high school diploma or equivalent" => EntryEducation::HighSchool,
            "some college, no degree" => EntryEducation::SomeCollegeNoDegree,
            "postsecondary nondegree award" => EntryEducation::PostsecondaryNondegreeAward,
            "associate's degree" => EntryEducation::Associates,
            "bachelor's degree" => EntryEducation::Bachelors,
            "master's degree" => EntryEducation::Masters,
            "doctoral or professional degree" => EntryEducation::DoctoralOrProfessional,
            _ => return None,
        })
    }
}

/// BLS Employment Projections "work experience in a related occupation", lowest to highest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkExperience {
    None,
    #[serde(rename = "less_than_5_years")]
    LessThan5Years,
    FiveYearsOrMore,
}

impl WorkExperience {
    pub fn from_bls_label(label: &str) -> Option<WorkExperience> {
        Some(match label.trim().to_ascii_lowercase().as_str() {
            "none" => WorkExperience::None,
            "less than 5 years" => WorkExperience::LessThan5Years,
            "5 years or more" => WorkExperience::FiveYearsOrMore,
            _ => return None,
        })
    }
}

/// BLS Employment Projections "typical on-the-job training". Not ordered: an apprenticeship is
/// not "more" than long-term training, so criteria list the accepted values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnTheJobTraining {
    None,
    /// Short-term: one month or less.
    ShortTerm,
    /// Moderate-term: more than one month up to twelve months.
    ModerateTerm,
    /// Long-term: more than twelve months.
    LongTerm,
    Apprenticeship,
    InternshipResidency,
}

impl OnTheJobTraining {
    pub fn from_bls_label(label: &str) -> Option<OnTheJobTraining> {
        Some(match label.trim().to_ascii_lowercase().as_str() {
            "none" => OnTheJobTraining::None,
            "short-term on-the-job training" => OnTheJobTraining::ShortTerm,
            "moderate-term on-the-job training" => OnTheJobTraining::ModerateTerm,
            "long-term on-the-job training" => OnTheJobTraining::LongTerm,
            "apprenticeship" => OnTheJobTraining::Apprenticeship,
            "internship/residency" => OnTheJobTraining::InternshipResidency,
            _ => return None,
        })
    }
}

/// Which wage figure of an occupation is compared (OEWS estimates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WageMeasure {
    AnnualMedian,
    AnnualMean,
    HourlyMedian,
    HourlyMean,
    /// Annual 10th percentile, a common proxy for the entry-level wage.
    AnnualP10,
    AnnualP25,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    GreaterThan,
    AtLeast,
}

impl Comparison {
    pub fn holds(self, value: f64, threshold: f64) -> bool {
        match self {
            Comparison::GreaterThan => value > threshold,
            Comparison::AtLeast => value >= threshold,
        }
    }
}

/// A wage threshold. Every threshold names its year: a wage is only comparable with wages of
/// the same year, and the year is what an evaluator must match its wage data to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum WageThreshold {
    /// A published amount in dollars (annual or hourly, like the measure it is compared with).
    Amount {
        dollars: f64,
        year: u16,
        /// What the amount is, when the state says (e.g. the state median of that year).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reference: Option<WageReference>,
    },
    /// A percentage of a reference wage of the given year, computed from the wage data.
    PercentOf { percent: f64, reference: WageReference, year: u16 },
}

impl WageThreshold {
    pub fn year(&self) -> u16 {
        match self {
            WageThreshold::Amount { year, .. } | WageThreshold::PercentOf { year, .. } => *year,
        }
    }

    /// The threshold in dollars. `reference_value` is the value of the reference wage in the
    /// threshold's year; it is needed (and only used) for [`WageThreshold::PercentOf`].
    pub fn dollars(&self, reference_value: Option<f64>) -> Option<f64> {
        match self {
            WageThreshold::Amount { dollars, .. } => Some(*dollars),
            WageThreshold::PercentOf { percent, .. } => {
                reference_value.map(|r| r * percent / 100.0)
            }
        }
    }
}

/// The all-occupation wage a threshold refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WageReference {
    StateAllOccupationsMedian,
    StateAllOccupationsMean,
    NationalAllOccupationsMedian,
    NationalAllOccupationsMean,
}

/// A demand figure of an occupation (BLS or state projections).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DemandMeasure {
    /// Average annual openings over the projection period.
    AnnualOpenings,
    /// Projected employment change, in percent.
    EmploymentChangePercent,
    /// Projected employment change, in jobs.
    EmploymentChange,
    /// Current employment.
    Employment,
}

/// Among the occupations of each `scope`, those in the top `fraction` by `measure`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopShare {
    pub measure: DemandMeasure,
    pub scope: RankScope,
    /// In (0, 1]: 0.5 is the top half.
    pub fraction: f64,
}

impl TopShare {
    /// How many of `n` ranked occupations are in the top share: `ceil(n × fraction)`, so the
    /// top half of 7 is 4. Occupations tied with the last one included are included too; that
    /// is for the evaluator, which sees the values.
    pub fn cutoff_rank(&self, n: usize) -> usize {
        ((n as f64) * self.fraction).ceil() as usize
    }
}

/// The set of occupations a ranking is taken within.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RankScope {
    /// Within each 2024 cluster (an occupation in several clusters is ranked in each).
    Cluster,
    /// Within each 2024 sub-cluster.
    SubCluster,
    /// Among all occupations of the data area.
    AllOccupations,
}

impl EntryEducation {
    /// The BLS label ("Some college, no degree").
    pub fn label(self) -> &'static str {
        match self {
            EntryEducation::NoFormalCredential => "No formal educational credential",
            EntryEducation::HighSchool => "High school diploma or equivalent",
            EntryEducation::SomeCollegeNoDegree => "Some college, no degree",
            EntryEducation::PostsecondaryNondegreeAward => "Postsecondary nondegree award",
            EntryEducation::Associates => "Associate's degree",
            EntryEducation::Bachelors => "Bachelor's degree",
            EntryEducation::Masters => "Master's degree",
            EntryEducation::DoctoralOrProfessional => "Doctoral or professional degree",
        }
    }
}

impl WorkExperience {
    pub fn label(self) -> &'static str {
        match self {
            WorkExperience::None => "None",
            WorkExperience::LessThan5Years => "Less than 5 years",
            WorkExperience::FiveYearsOrMore => "5 years or more",
        }
    }
}

impl OnTheJobTraining {
    pub fn label(self) -> &'static str {
        match self {
            OnTheJobTraining::None => "None",
            OnTheJobTraining::ShortTerm => "Short-term on-the-job training",
            OnTheJobTraining::ModerateTerm => "Moderate-term on-the-job training",
            OnTheJobTraining::LongTerm => "Long-term on-the-job training",
            OnTheJobTraining::Apprenticeship => "Apprenticeship",
            OnTheJobTraining::InternshipResidency => "Internship/residency",
        }
    }
}

impl WageMeasure {
    pub fn label(self) -> &'static str {
        match self {
            WageMeasure::AnnualMedian => "annual median wage",
            WageMeasure::AnnualMean => "annual mean wage",
            WageMeasure::HourlyMedian => "hourly median wage",
            WageMeasure::HourlyMean => "hourly mean wage",
            WageMeasure::AnnualP10 => "annual 10th-percentile wage",
            WageMeasure::AnnualP25 => "annual 25th-percentile wage",
        }
    }
}

impl WageReference {
    pub fn label(self) -> &'static str {
        match self {
            WageReference::StateAllOccupationsMedian => "the state median wage of all occupations",
            WageReference::StateAllOccupationsMean => "the state mean wage of all occupations",
            WageReference::NationalAllOccupationsMedian => {
                "the national median wage of all occupations"
            }
            WageReference::NationalAllOccupationsMean => {
                "the national mean wage of all occupations"
            }
        }
    }
}

impl DemandMeasure {
    pub fn label(self) -> &'static str {
        match self {
            DemandMeasure::AnnualOpenings => "annual openings",
            DemandMeasure::EmploymentChangePercent => "projected employment change (%)",
            DemandMeasure::EmploymentChange => "projected employment change (jobs)",
            DemandMeasure::Employment => "employment",
        }
    }
}

impl RankScope {
    pub fn label(self) -> &'static str {
        match self {
            RankScope::Cluster => "within each cluster",
            RankScope::SubCluster => "within each sub-cluster",
            RankScope::AllOccupations => "among all occupations",
        }
    }
}

/// Formats dollars with thousands separators, cents only when there are any.
fn dollars(x: f64) -> String {
    let whole = x.trunc() as i64;
    let digits = whole.abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let cents = ((x.abs() - x.abs().trunc()) * 100.0).round() as i64;
    if cents == 0 { format!("{sign}${grouped}") } else { format!("{sign}${grouped}.{cents:02}") }
}

/// A sentence a person can check against the state's wording.
impl std::fmt::Display for Criterion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Criterion::EntryEducation { at_least } => {
                write!(f, "typical entry education is {:?} or a higher level", at_least.label())
            }
            Criterion::WorkExperience { at_least } => {
                write!(
                    f,
                    "work experience in a related occupation is {:?} or more",
                    at_least.label()
                )
            }
            Criterion::OnTheJobTraining { any_of } => {
                let names: Vec<String> =
                    any_of.iter().map(|t| format!("{:?}", t.label())).collect();
                write!(f, "typical on-the-job training is one of {}", names.join(", "))
            }
            Criterion::Wage { measure, comparison, threshold } => {
                let cmp = match comparison {
                    Comparison::GreaterThan => "greater than",
                    Comparison::AtLeast => "at least",
                };
                write!(f, "{} is {cmp} ", measure.label())?;
                match threshold {
                    WageThreshold::Amount { dollars: d, year, reference } => {
                        write!(f, "{} ({year}", dollars(*d))?;
                        if let Some(r) = reference {
                            write!(f, ", {}", r.label())?;
                        }
                        write!(f, ")")
                    }
                    WageThreshold::PercentOf { percent, reference, year } => {
                        write!(f, "{percent}% of {} ({year})", reference.label())
                    }
                }
            }
            Criterion::TopShare(t) => write!(
                f,
                "in the top {}% of occupations {} by {}",
                t.fraction * 100.0,
                t.scope.label(),
                t.measure.label()
            ),
            Criterion::Minimum { measure, at_least } => {
                write!(f, "{} is at least {at_least}", measure.label())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criteria_read_as_sentences() {
        let c = Criterion::Wage {
            measure: WageMeasure::AnnualMedian,
            comparison: Comparison::GreaterThan,
            threshold: WageThreshold::Amount {
                dollars: 57870.0,
                year: 2025,
                reference: Some(WageReference::StateAllOccupationsMedian),
            },
        };
        assert_eq!(
            c.to_string(),
            "annual median wage is greater than $57,870 (2025, the state median wage of all occupations)"
        );
        let t = Criterion::TopShare(TopShare {
            measure: DemandMeasure::AnnualOpenings,
            scope: RankScope::Cluster,
            fraction: 0.5,
        });
        assert_eq!(
            t.to_string(),
            "in the top 50% of occupations within each cluster by annual openings"
        );
        assert_eq!(dollars(1234567.5), "$1,234,567.50");
        assert_eq!(dollars(999.0), "$999");
    }

    #[test]
    fn comparisons_and_levels() {
        let edu = Criterion::EntryEducation { at_least: EntryEducation::SomeCollegeNoDegree };
        assert_eq!(edu.is_met_by_education(EntryEducation::Associates), Some(true));
        assert_eq!(edu.is_met_by_education(EntryEducation::HighSchool), Some(false));
        assert_eq!(edu.is_met_by_experience(WorkExperience::None), None);
        assert_eq!(
            EntryEducation::from_bls_label("Bachelor’s degree"),
            Some(EntryEducation::Bachelors)
        );
        assert_eq!(
            WorkExperience::from_bls_label("5 years or more"),
            Some(WorkExperience::FiveYearsOrMore)
        );
        assert_eq!(
            OnTheJobTraining::from_bls_label("Internship/residency"),
            Some(OnTheJobTraining::InternshipResidency)
        );
        assert!(Comparison::GreaterThan.holds(57871.0, 57870.0));
        assert!(!Comparison::GreaterThan.holds(57870.0, 57870.0));
        assert!(Comparison::AtLeast.holds(57870.0, 57870.0));
        let pct = WageThreshold::PercentOf {
            percent: 80.0,
            reference: WageReference::StateAllOccupationsMedian,
            year: 2024,
        };
        assert_eq!(pct.dollars(Some(50000.0)), Some(40000.0));
        assert_eq!(pct.dollars(None), None);
        let top = TopShare {
            measure: DemandMeasure::AnnualOpenings,
            scope: RankScope::Cluster,
            fraction: 0.5,
        };
        assert_eq!(top.cutoff_rank(7), 4);
        assert_eq!(top.cutoff_rank(8), 4);
        assert_eq!(top.cutoff_rank(0), 0);
    }
}
