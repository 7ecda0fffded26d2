//! Per-occupation figures for one area, the nation or a state, with every estimate labeled.
//!
//! * Nation: employment, projection, change and openings from the EP matrix (wage and salary
//!   plus self-employed); wages from OEWS national.
//! * State: employment and wages from OEWS state rows. Projected employment, change and
//!   openings come from a state projections file when one is given; otherwise they are
//!   **estimated**: projected employment applies the national ten-year growth rate to the
//!   state's employment, and openings scale national openings by the state's share of
//!   national OEWS employment in the occupation.

use serde::Serialize;

use crate::error::{LaborError, Result};
use crate::figure::Figure;
use crate::model::{LaborData, Wages};
use crate::state_projections::StateProjections;

/// Which area a computation is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Nation,
    /// Index into `LaborData::states`.
    State(usize),
}

impl Area {
    /// "US" or the state's postal code.
    pub fn code(self, data: &LaborData) -> String {
        match self {
            Area::Nation => "US".to_string(),
            Area::State(i) => data.states[i].code.clone(),
        }
    }

    pub fn name(self, data: &LaborData) -> String {
        match self {
            Area::Nation => "United States".to_string(),
            Area::State(i) => data.states[i].name.clone(),
        }
    }

    /// Resolves "US"/"nation" or a state postal code, with errors that list what exists.
    pub fn resolve(data: &LaborData, code: Option<&str>) -> Result<Area> {
        let Some(code) = code.map(str::trim).filter(|c| !c.is_empty()) else {
            return Ok(Area::Nation);
        };
        if code.eq_ignore_ascii_case("us") || code.eq_ignore_ascii_case("nation") {
            return Ok(Area::Nation);
        }
        let known = || data.states.iter().map(|s| s.code.as_str()).collect::<Vec<_>>().join(" ");
        match data.state_index(code) {
            Some(i) if data.states[i].rows() > 0 => Ok(Area::State(i)),
            Some(_) => Err(LaborError::NoStateRows {
                code: code.to_ascii_uppercase(),
                vintage: data.vintages.oews.clone(),
                known: known(),
            }),
            None if is_postal_code(code) => Err(LaborError::NoStateRows {
                code: code.to_ascii_uppercase(),
                vintage: data.vintages.oews.clone(),
                known: known(),
            }),
            None => Err(LaborError::UnknownState { code: code.to_string(), known: known() }),
        }
    }
}

/// The 50 states, DC and the territories OEWS publishes.
const POSTAL_CODES: &str = "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI";

fn is_postal_code(code: &str) -> bool {
    code.len() == 2 && POSTAL_CODES.split(' ').any(|c| c.eq_ignore_ascii_case(code))
}

/// The figures of one occupation in one area.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct OccupationFigures {
    /// The area has a row for the occupation (for a state: an OEWS state row).
    pub present: bool,
    pub employment: Figure,
    pub employment_projected: Figure,
    pub change: Figure,
    pub change_pct: Figure,
    pub openings: Figure,
    pub employment_past: Figure,
    pub wages: Wages,
    /// The weight of the occupation's wages in employment-weighted averages: OEWS employment
    /// of the area (wages are OEWS, so their weights are too).
    pub wage_weight: Option<f64>,
}

/// How the area's projections were obtained, for labels.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectionBasis {
    pub base_year: Option<u16>,
    pub projected_year: Option<u16>,
    /// True when projected employment, change and openings are Trellis estimates.
    pub estimated: bool,
    pub method: String,
}

/// Figures of every occupation (indexed like `LaborData::occupations`) in an area.
#[derive(Debug, Clone)]
pub struct AreaFigures {
    pub area: Area,
    pub figures: Vec<OccupationFigures>,
    pub projections: ProjectionBasis,
    /// Labels of the past-change figures, or why there are none.
    pub past_note: String,
}

impl AreaFigures {
    pub fn compute(
        data: &LaborData,
        area: Area,
        state_projections: Option<&StateProjections>,
    ) -> AreaFigures {
        let years = data.vintages.projection_years();
        match area {
            Area::Nation => {
                let figures = data
                    .occupations
                    .iter()
                    .map(|o| {
                        let n = &o.national;
                        OccupationFigures {
                            present: n.employment.value.is_some()
                                || n.oews_employment.value.is_some(),
                            employment: n.employment,
                            employment_projected: n.employment_projected,
                            change: n.change,
                            change_pct: n.change_pct,
                            openings: n.openings,
                            employment_past: n.employment_past,
                            wages: n.wages,
                            wage_weight: n.oews_employment.exact(),
                        }
                    })
                    .collect();
                let past_note = if data.vintages.past.is_empty() {
                    "no earlier SOC 2018 matrix in the data, so no past change".to_string()
                } else {
                    let past_year = crate::model::cycle_years(&data.vintages.past).map(|y| y.0);
                    format!(
                        "past change from the EP {} matrix ({}) to EP {} base year; the inputs hold no occupational employment five years back",
                        data.vintages.past,
                        past_year.map(|y| y.to_string()).unwrap_or_default(),
                        data.vintages.projections
                    )
                };
                AreaFigures {
                    area,
                    figures,
                    projections: ProjectionBasis {
                        base_year: years.map(|y| y.0),
                        projected_year: years.map(|y| y.1),
                        estimated: false,
                        method: format!(
                            "BLS Employment Projections {} (national)",
                            data.vintages.projections
                        ),
                    },
                    past_note,
                }
            }
            Area::State(si) => state_figures(data, si, state_projections),
        }
    }

    pub fn get(&self, occupation: usize) -> &OccupationFigures {
        &self.figures[occupation]
    }
}

fn state_figures(data: &LaborData, si: usize, file: Option<&StateProjections>) -> AreaFigures {
    let state = &data.states[si];
    let cycle = file.and_then(|f| f.cycle(&state.code));
    let years = data.vintages.projection_years();
    let mut figures = Vec::with_capacity(data.occupations.len());
    for (oi, o) in data.occupations.iter().enumerate() {
        let Some(cell) = state.cells.get(oi).copied().flatten() else {
            figures.push(OccupationFigures::default());
            continue;
        };
        let n = &o.national;
        let emp = cell.employment.exact();
        let mut f = OccupationFigures {
            present: true,
            employment: cell.employment,
            wages: cell.wages,
            wage_weight: cell.employment.exact(),
            employment_past: Figure::missing(),
            ..Default::default()
        };
        let from_file = cycle.and_then(|_| file.and_then(|p| p.get(&state.code, &o.code)));
        match from_file {
            Some(p) => {
                f.employment_projected =
                    Figure::published(p.employment_projected, status_of(p.employment_projected));
                f.change = Figure::computed(
                    p.employment_projected.zip(p.employment_base).map(|(b, a)| b - a),
                );
                f.change_pct = Figure::computed(
                    p.employment_projected
                        .zip(p.employment_base)
                        .filter(|(_, a)| *a > 0.0)
                        .map(|(b, a)| 100.0 * (b - a) / a),
                );
                f.openings = Figure::published(p.annual_openings, status_of(p.annual_openings));
            }
            None => {
                let growth = n
                    .employment_projected
                    .exact()
                    .zip(n.employment.exact())
                    .filter(|(_, base)| *base > 0.0)
                    .map(|(proj, base)| proj / base);
                f.employment_projected = Figure::estimated(emp.zip(growth).map(|(e, g)| e * g));
                f.change = Figure::estimated(emp.zip(growth).map(|(e, g)| e * (g - 1.0)));
                f.change_pct = Figure::estimated(emp.and(growth).map(|g| 100.0 * (g - 1.0)));
                let share = emp
                    .zip(n.oews_employment.exact())
                    .filter(|(_, national)| *national > 0.0)
                    .map(|(e, national)| e / national);
                f.openings = Figure::estimated(share.zip(n.openings.exact()).map(|(s, op)| s * op));
            }
        }
        figures.push(f);
    }
    let projections = match (cycle, file) {
        (Some((base, proj)), Some(file)) => ProjectionBasis {
            base_year: Some(base),
            projected_year: Some(proj),
            estimated: false,
            method: format!(
                "state projections file {} ({base}-{proj}); occupations the file lacks are estimated from national projections",
                file.source
            ),
        },
        _ => ProjectionBasis {
            base_year: years.map(|y| y.0),
            projected_year: years.map(|y| y.1),
            estimated: true,
            method: format!(
                "estimated: national EP {} ten-year growth rate applied to OEWS {} state employment; openings = national openings x the state's share of national OEWS employment",
                data.vintages.projections, data.vintages.oews
            ),
        },
    };
    AreaFigures {
        area: Area::State(si),
        figures,
        projections,
        past_note: "no past change for states: the inputs hold a single OEWS state vintage"
            .to_string(),
    }
}

fn status_of(v: Option<f64>) -> crate::figure::Status {
    if v.is_some() { crate::figure::Status::Ok } else { crate::figure::Status::NotAvailable }
}
