//! Labor-market profiles of a cluster, sub-cluster or occupation, for the nation or a state:
//! everything the technical report's industry profiles hold — share of output, employment now
//! and projected, openings, entry-level (10th percentile) and median wages, typical entry
//! education, experience and training, high-demand skills and software.
//!
//! Aggregates are built from the member occupations' figures, which the profile lists, so a
//! cluster's total is the sum of its occupations by construction. Each occupation counts once
//! through its primary cluster, or split across its clusters by the crosswalk's shares when
//! asked (`split`); the profile says which.

use std::collections::HashMap;

use serde::Serialize;

use crate::area::{Area, AreaFigures, OccupationFigures, ProjectionBasis};
use crate::error::{LaborError, Result};
use crate::figure::{Basis, Figure, Status, WeightedAverage};
use crate::model::{LaborData, Program};
use crate::state_projections::StateProjections;

/// What a profile is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// Index into `LaborData::clusters`.
    Cluster(usize),
    /// (cluster index, sub-cluster index).
    SubCluster(usize, usize),
    /// Index into `LaborData::occupations`.
    Occupation(usize),
}

impl Subject {
    /// Resolves a cluster by id or name.
    pub fn cluster(data: &LaborData, key: &str) -> Result<Subject> {
        data.cluster_index(key).map(Subject::Cluster).ok_or_else(|| LaborError::UnknownCluster {
            key: key.to_string(),
            known: data.clusters.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", "),
        })
    }

    pub fn sub_cluster(data: &LaborData, key: &str) -> Result<Subject> {
        data.sub_cluster_index(key)
            .map(|(c, s)| Subject::SubCluster(c, s))
            .ok_or_else(|| LaborError::UnknownSubCluster { key: key.to_string() })
    }

    pub fn occupation(data: &LaborData, code: &str) -> Result<Subject> {
        data.occupation_index(code)
            .map(Subject::Occupation)
            .ok_or_else(|| LaborError::UnknownOccupation { code: code.to_string() })
    }
}

/// Options of a profile.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProfileOptions<'a> {
    /// Split occupations across their clusters by the crosswalk's shares.
    pub split: bool,
    /// A state projections file to use instead of estimates.
    pub projections: Option<&'a StateProjections>,
    /// How many skills, knowledge areas and technologies to list (default 10).
    pub top: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    pub area_code: String,
    pub area_name: String,
    /// "cluster", "sub_cluster" or "occupation".
    pub level: &'static str,
    pub id: String,
    pub name: String,
    /// The parent cluster of a sub-cluster, or the primary cluster of an occupation.
    pub cluster_id: Option<String>,
    pub cluster_name: Option<String>,
    /// How occupations are counted in clusters.
    pub counting: String,
    pub coverage: Coverage,
    pub employment: EmploymentBlock,
    pub openings: Figure,
    pub wage_pct10: WeightedAverage,
    pub wage_median: WeightedAverage,
    pub education: Vec<Share>,
    pub experience: Vec<Share>,
    pub training: Vec<Share>,
    pub output: Option<OutputBlock>,
    pub technology: Vec<TechnologyItem>,
    pub skills: Vec<RatedElement>,
    pub knowledge: Vec<RatedElement>,
    /// The framework's lists for the cluster (the report's appendix pages).
    pub framework_specialized_skills: Vec<String>,
    pub framework_software_skills: Vec<String>,
    /// For an occupation: its clusters and the programs that prepare for it.
    pub clusters: Vec<ClusterRef>,
    pub programs: Vec<Program>,
    pub members: Vec<Member>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Coverage {
    /// Occupations in the subject (weights above zero).
    pub occupations: usize,
    /// Of those, the ones with a row in the area (OEWS state row for a state).
    pub occupations_in_area: usize,
    /// Occupations whose employment is suppressed in the area.
    pub employment_suppressed: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EmploymentBlock {
    /// The year of `now`: the EP base year for the nation, the OEWS year for a state.
    pub now_year: Option<u16>,
    /// The base year of the projection (`change` runs from it to `projected_year`).
    pub base_year: Option<u16>,
    pub projected_year: Option<u16>,
    pub now: Figure,
    pub projected: Figure,
    pub change: Figure,
    pub change_pct: Figure,
    pub past_year: Option<u16>,
    pub past: Figure,
    pub past_change: Figure,
    pub past_change_pct: Figure,
    pub past_note: String,
    pub projections: ProjectionBasis,
    /// "EP matrix employment (wage and salary + self-employed)" or "OEWS wage and salary".
    pub employment_concept: String,
}

/// The share of employment of a category (education, experience, training).
#[derive(Debug, Clone, Serialize)]
pub struct Share {
    pub category: String,
    pub occupations: usize,
    pub employment: f64,
    pub percent: f64,
}

/// A GDP proxy: EP sector output allocated to the subject by its share of each sector's
/// OEWS employment.
#[derive(Debug, Clone, Serialize)]
pub struct OutputBlock {
    pub vintage: String,
    pub year: Option<u16>,
    /// Output allocated to the subject, billions of chained dollars (an estimate).
    pub output: Figure,
    /// Percent of the output of the sectors OEWS covers.
    pub share_pct: Figure,
    pub sectors: Vec<SectorShare>,
    pub method: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectorShare {
    pub sector: String,
    pub naics: String,
    /// Sector output, billions of chained dollars.
    pub sector_output: f64,
    /// Sector output as a percent of all sectors' output.
    pub sector_output_pct: f64,
    /// The subject's percent of the sector's OEWS employment.
    pub employment_pct: f64,
    /// Output allocated to the subject.
    pub output: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TechnologyItem {
    pub example: String,
    pub commodity: String,
    pub hot: bool,
    pub in_demand: bool,
    pub occupations: usize,
    /// Employment of the occupations that list it.
    pub employment: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct RatedElement {
    pub name: String,
    /// Employment-weighted mean O*NET importance (1-5).
    pub importance: f64,
    pub occupations: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClusterRef {
    pub cluster_id: String,
    pub cluster: String,
    pub sub_cluster_id: Option<String>,
    pub sub_cluster: Option<String>,
    pub primary: bool,
    pub share: Option<f64>,
}

/// One member occupation and its figures in the area.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub code: String,
    pub title: String,
    /// 1 under primary counting; the crosswalk share under `split`.
    pub weight: f64,
    pub sub_cluster: Option<String>,
    pub education: Option<String>,
    pub figures: OccupationFigures,
}

/// Computes a profile.
pub fn profile(
    data: &LaborData,
    area: Area,
    subject: Subject,
    opts: ProfileOptions<'_>,
) -> Result<Profile> {
    let figures = AreaFigures::compute(data, area, opts.projections);
    Ok(profile_with(data, &figures, subject, opts))
}

/// The members of a subject and their weights.
pub fn members_of(
    data: &LaborData,
    subject: Subject,
    split: bool,
) -> Vec<(usize, f64, Option<usize>)> {
    match subject {
        Subject::Occupation(oi) => {
            vec![(oi, 1.0, data.occupations[oi].primary().and_then(|a| a.sub_cluster))]
        }
        Subject::Cluster(ci) => data
            .occupations
            .iter()
            .enumerate()
            .filter_map(|(oi, o)| {
                let ws = o.cluster_weights(split);
                let w: f64 = ws.iter().filter(|x| x.0 == ci).map(|x| x.2).sum();
                let sub = ws
                    .iter()
                    .filter(|x| x.0 == ci)
                    .max_by(|a, b| a.2.total_cmp(&b.2))
                    .and_then(|x| x.1);
                (w > 0.0).then_some((oi, w, sub))
            })
            .collect(),
        Subject::SubCluster(ci, si) => data
            .occupations
            .iter()
            .enumerate()
            .filter_map(|(oi, o)| {
                let w: f64 = o
                    .cluster_weights(split)
                    .iter()
                    .filter(|x| x.0 == ci && x.1 == Some(si))
                    .map(|x| x.2)
                    .sum();
                (w > 0.0).then_some((oi, w, Some(si)))
            })
            .collect(),
    }
}

/// A profile from figures already computed for the area (to profile many subjects at once).
pub fn profile_with(
    data: &LaborData,
    figures: &AreaFigures,
    subject: Subject,
    opts: ProfileOptions<'_>,
) -> Profile {
    let area = figures.area;
    let top = if opts.top == 0 { 10 } else { opts.top };
    let all_members = members_of(data, subject, opts.split);
    let n_subject = all_members.len();
    let members: Vec<(usize, f64, Option<usize>)> =
        all_members.into_iter().filter(|(oi, _, _)| figures.figures[*oi].present).collect();

    let (level, id, name, cluster) = match subject {
        Subject::Cluster(ci) => {
            ("cluster", data.clusters[ci].id.clone(), data.clusters[ci].name.clone(), Some(ci))
        }
        Subject::SubCluster(ci, si) => {
            let s = &data.clusters[ci].sub_clusters[si];
            ("sub_cluster", s.id.clone(), s.name.clone(), Some(ci))
        }
        Subject::Occupation(oi) => {
            let o = &data.occupations[oi];
            ("occupation", o.code.clone(), o.title.clone(), o.primary().map(|a| a.cluster))
        }
    };

    let mut coverage = Coverage {
        occupations: n_subject,
        occupations_in_area: members.len(),
        ..Default::default()
    };
    let employment = employment_block(data, figures, &members, &mut coverage);
    let openings = sum_figure(members.iter().map(|&(oi, w, _)| (w, figures.figures[oi].openings)));
    let wage_avg = |pick: fn(&OccupationFigures) -> Figure| {
        WeightedAverage::compute(members.iter().map(|&(oi, w, _)| {
            let f = &figures.figures[oi];
            (data.occupations[oi].code.as_str(), f.wage_weight.map(|x| x * w), pick(f))
        }))
    };
    let wage_pct10 = wage_avg(|f| f.wages.pct10);
    let wage_median = wage_avg(|f| f.wages.median);

    let weight_of =
        |oi: usize, w: f64| figures.figures[oi].employment.exact().map(|e| e * w).unwrap_or(0.0);
    let education = shares(
        members
            .iter()
            .map(|&(oi, w, _)| (data.occupations[oi].education.clone(), weight_of(oi, w))),
    );
    let experience = shares(
        members
            .iter()
            .map(|&(oi, w, _)| (data.occupations[oi].experience.clone(), weight_of(oi, w))),
    );
    let training = shares(
        members.iter().map(|&(oi, w, _)| (data.occupations[oi].training.clone(), weight_of(oi, w))),
    );

    let output = output_block(data, &members);
    let technology = technology(data, &members, &weight_of, top);
    let skills = rated(data, &members, &weight_of, top, |o| &o.skills);
    let knowledge = rated(data, &members, &weight_of, top, |o| &o.knowledge);

    let (specialized, software) = cluster
        .map(|ci| {
            (
                data.clusters[ci].specialized_skills.clone(),
                data.clusters[ci].software_skills.clone(),
            )
        })
        .unwrap_or_default();

    let (clusters, programs) = match subject {
        Subject::Occupation(oi) => {
            let o = &data.occupations[oi];
            let refs = o
                .assignments
                .iter()
                .map(|a| {
                    let c = &data.clusters[a.cluster];
                    let s = a.sub_cluster.map(|s| &c.sub_clusters[s]);
                    ClusterRef {
                        cluster_id: c.id.clone(),
                        cluster: c.name.clone(),
                        sub_cluster_id: s.map(|s| s.id.clone()),
                        sub_cluster: s.map(|s| s.name.clone()),
                        primary: a.primary,
                        share: a.share,
                    }
                })
                .collect();
            (refs, o.programs.clone())
        }
        _ => (Vec::new(), Vec::new()),
    };

    let member_rows: Vec<Member> = members
        .iter()
        .map(|&(oi, w, sub)| {
            let o = &data.occupations[oi];
            Member {
                code: o.code.clone(),
                title: o.title.clone(),
                weight: w,
                sub_cluster: match (subject, sub) {
                    (Subject::Cluster(ci), Some(s)) => {
                        Some(data.clusters[ci].sub_clusters[s].name.clone())
                    }
                    _ => None,
                },
                education: o.education.clone(),
                figures: figures.figures[oi],
            }
        })
        .collect();

    let mut notes = Vec::new();
    notes.push(if opts.split {
        "Counting: each occupation is split across its clusters by the crosswalk's shares (--split).".to_string()
    } else {
        "Counting: each occupation counts once, in its primary cluster (use --split to split interdisciplinary occupations by shares).".to_string()
    });
    if let Area::State(_) = area {
        if coverage.occupations_in_area < coverage.occupations {
            notes.push(format!(
                "{} of the {} occupations have no OEWS row for {} and are left out.",
                coverage.occupations - coverage.occupations_in_area,
                coverage.occupations,
                area.name(data)
            ));
        }
        notes.push(format!("Projections: {}.", figures.projections.method));
        notes
            .push("Share of output is national: the inputs hold no state output by sector.".into());
    } else {
        notes.push(format!(
            "Employment and openings: BLS Employment Projections {} (wage and salary plus self-employed); wages: OEWS {} (wage and salary).",
            data.vintages.projections, data.vintages.oews
        ));
    }
    if !coverage.employment_suppressed.is_empty() {
        notes.push(format!(
            "Employment suppressed for {} occupation(s), not counted: {}.",
            coverage.employment_suppressed.len(),
            coverage.employment_suppressed.join(", ")
        ));
    }
    notes.push(format!("10th percentile wage: {}.", wage_pct10.coverage_note()));
    notes.push(format!("Median wage: {}.", wage_median.coverage_note()));
    notes.push(format!("Past change: {}.", figures.past_note));
    if openings.is_estimated() {
        notes.push("Openings marked (est.) are Trellis estimates, not published figures.".into());
    }

    Profile {
        area_code: area.code(data),
        area_name: area.name(data),
        level,
        id,
        name,
        cluster_id: cluster.map(|ci| data.clusters[ci].id.clone()),
        cluster_name: cluster.map(|ci| data.clusters[ci].name.clone()),
        counting: if opts.split {
            "split by crosswalk shares".into()
        } else {
            "primary cluster".into()
        },
        coverage,
        employment,
        openings,
        wage_pct10,
        wage_median,
        education,
        experience,
        training,
        output,
        technology,
        skills,
        knowledge,
        framework_specialized_skills: specialized,
        framework_software_skills: software,
        clusters,
        programs,
        members: member_rows,
        notes,
    }
}

/// Σ weight × value over the items with an exact value; estimated when any part is.
fn sum_figure(items: impl IntoIterator<Item = (f64, Figure)>) -> Figure {
    let mut total = 0.0;
    let mut any = false;
    let mut estimated = false;
    for (w, f) in items {
        if let Some(v) = f.exact() {
            total += w * v;
            any = true;
            estimated |= f.is_estimated();
        }
    }
    let value = any.then_some(total);
    if estimated { Figure::estimated(value) } else { Figure::computed(value) }
}

fn employment_block(
    data: &LaborData,
    figures: &AreaFigures,
    members: &[(usize, f64, Option<usize>)],
    coverage: &mut Coverage,
) -> EmploymentBlock {
    let mut now = 0.0;
    let (mut base_same, mut proj_same, mut change_sum) = (0.0, 0.0, 0.0);
    let (mut any_now, mut any_proj, mut estimated) = (false, false, false);
    let (mut past_sum, mut base_for_past, mut any_past) = (0.0, 0.0, false);
    for &(oi, w, _) in members {
        let f = &figures.figures[oi];
        let Some(e) = f.employment.exact() else {
            if f.employment.status != Status::Ok {
                coverage.employment_suppressed.push(data.occupations[oi].code.clone());
            }
            continue;
        };
        now += w * e;
        any_now = true;
        if let (Some(p), Some(c)) = (f.employment_projected.exact(), f.change.exact()) {
            // The projection's own base (a state file's base year may differ from OEWS's).
            base_same += w * (p - c);
            proj_same += w * p;
            change_sum += w * c;
            any_proj = true;
            estimated |= f.employment_projected.is_estimated();
        }
        if let Some(past) = f.employment_past.exact() {
            past_sum += w * past;
            base_for_past += w * e;
            any_past = true;
        }
    }
    let mk = |v: Option<f64>| if estimated { Figure::estimated(v) } else { Figure::computed(v) };
    let past_year = crate::model::cycle_years(&data.vintages.past).map(|y| y.0);
    let national = figures.area == Area::Nation;
    let oews_year = data.vintages.oews.trim_start_matches('M').parse::<u16>().ok();
    EmploymentBlock {
        now_year: if national { figures.projections.base_year } else { oews_year },
        base_year: figures.projections.base_year,
        projected_year: figures.projections.projected_year,
        now: Figure::computed(any_now.then_some(now)),
        projected: mk(any_proj.then_some(proj_same)),
        change: mk(any_proj.then_some(change_sum)),
        change_pct: mk((any_proj && base_same > 0.0).then(|| 100.0 * change_sum / base_same)),
        past_year: if any_past { past_year } else { None },
        past: Figure::computed(any_past.then_some(past_sum)),
        past_change: Figure::computed(any_past.then_some(base_for_past - past_sum)),
        past_change_pct: Figure::computed(
            (any_past && past_sum > 0.0).then(|| 100.0 * (base_for_past - past_sum) / past_sum),
        ),
        past_note: figures.past_note.clone(),
        projections: figures.projections.clone(),
        employment_concept: if national {
            format!(
                "EP {} matrix employment: wage and salary plus self-employed",
                data.vintages.projections
            )
        } else {
            format!("OEWS {} state employment: wage and salary jobs", data.vintages.oews)
        },
    }
}

fn shares(items: impl IntoIterator<Item = (Option<String>, f64)>) -> Vec<Share> {
    let mut by: Vec<Share> = Vec::new();
    let mut total = 0.0;
    for (cat, w) in items {
        let cat = cat.unwrap_or_else(|| "not published".to_string());
        total += w;
        match by.iter_mut().find(|s| s.category == cat) {
            Some(s) => {
                s.occupations += 1;
                s.employment += w;
            }
            None => by.push(Share { category: cat, occupations: 1, employment: w, percent: 0.0 }),
        }
    }
    for s in &mut by {
        s.percent = if total > 0.0 { 100.0 * s.employment / total } else { 0.0 };
    }
    by.sort_by(|a, b| {
        b.employment.total_cmp(&a.employment).then(b.occupations.cmp(&a.occupations))
    });
    by
}

fn output_block(data: &LaborData, members: &[(usize, f64, Option<usize>)]) -> Option<OutputBlock> {
    if data.sectors.is_empty() {
        return None;
    }
    let mut subject_emp = vec![0.0; data.sectors.len()];
    for &(oi, w, _) in members {
        for &(gi, e) in &data.occupations[oi].sector_employment {
            subject_emp[gi] += w * e;
        }
    }
    let total_output: f64 = data.sectors.iter().map(|g| g.output).sum();
    let mut sectors: Vec<SectorShare> = data
        .sectors
        .iter()
        .zip(&subject_emp)
        .map(|(g, &e)| {
            let share = if g.employment > 0.0 { e / g.employment } else { 0.0 };
            SectorShare {
                sector: g.title.clone(),
                naics: g.naics.clone(),
                sector_output: g.output,
                sector_output_pct: if total_output > 0.0 {
                    100.0 * g.output / total_output
                } else {
                    0.0
                },
                employment_pct: 100.0 * share,
                output: g.output * share,
            }
        })
        .collect();
    let allocated: f64 = sectors.iter().map(|s| s.output).sum();
    sectors.sort_by(|a, b| b.output.total_cmp(&a.output));
    Some(OutputBlock {
        vintage: data.vintages.output.clone(),
        year: crate::model::cycle_years(&data.vintages.output).map(|y| y.0),
        output: Figure::estimated(Some(allocated)),
        share_pct: Figure::estimated(
            (total_output > 0.0).then(|| 100.0 * allocated / total_output),
        ),
        sectors,
        method: format!(
            "estimate: each sector's output (BLS EP {} Table 2.2, billions of chained 2017 dollars) allocated by the subject's share of the sector's OEWS {} employment; OEWS covers only forestry, logging and support activities in NAICS 11",
            data.vintages.output, data.vintages.oews
        ),
    })
}

fn technology(
    data: &LaborData,
    members: &[(usize, f64, Option<usize>)],
    weight_of: &dyn Fn(usize, f64) -> f64,
    top: usize,
) -> Vec<TechnologyItem> {
    let mut by: HashMap<&str, TechnologyItem> = HashMap::new();
    for &(oi, w, _) in members {
        let weight = weight_of(oi, w);
        for t in &data.occupations[oi].technology {
            if !(t.hot || t.in_demand) {
                continue;
            }
            let e = by.entry(t.example.as_str()).or_insert_with(|| TechnologyItem {
                example: t.example.clone(),
                commodity: t.commodity.clone(),
                hot: false,
                in_demand: false,
                occupations: 0,
                employment: 0.0,
            });
            e.hot |= t.hot;
            e.in_demand |= t.in_demand;
            e.occupations += 1;
            e.employment += weight;
        }
    }
    let mut items: Vec<TechnologyItem> = by.into_values().collect();
    items.sort_by(|a, b| {
        b.employment
            .total_cmp(&a.employment)
            .then(b.occupations.cmp(&a.occupations))
            .then(a.example.cmp(&b.example))
    });
    items.truncate(top);
    items
}

fn rated(
    data: &LaborData,
    members: &[(usize, f64, Option<usize>)],
    weight_of: &dyn Fn(usize, f64) -> f64,
    top: usize,
    pick: fn(&crate::model::Occupation) -> &Vec<(u32, f64)>,
) -> Vec<RatedElement> {
    let mut acc: HashMap<u32, (f64, f64, usize)> = HashMap::new();
    for &(oi, w, _) in members {
        // Occupations without employment in the area still tell which skills matter; give
        // them a small weight so a group of suppressed cells is not empty.
        let weight = weight_of(oi, w).max(1e-6);
        for &(id, imp) in pick(&data.occupations[oi]) {
            let e = acc.entry(id).or_default();
            e.0 += weight * imp;
            e.1 += weight;
            e.2 += 1;
        }
    }
    let mut items: Vec<RatedElement> = acc
        .into_iter()
        .map(|(id, (num, den, n))| RatedElement {
            name: data.element_name(id).to_string(),
            importance: num / den,
            occupations: n,
        })
        .collect();
    items.sort_by(|a, b| b.importance.total_cmp(&a.importance).then(a.name.cmp(&b.name)));
    items.truncate(top);
    items
}

/// Whether any figure of the profile is a Trellis estimate.
pub fn uses_estimates(p: &Profile) -> bool {
    p.openings.basis == Basis::Estimated || p.employment.projected.basis == Basis::Estimated
}
