//! High-skill, high-wage, in-demand (HSHWID) lists per state, with the state's definitions.
//!
//! The designations are evaluated by the labor-market layer from the state profile's
//! definitions; this module shapes them for the pages, the API and the downloads.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};

use serde::Serialize;

use crate::app::AppState;
use crate::error::Problem;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Flags {
    pub high_skill: Option<bool>,
    pub high_wage: Option<bool>,
    pub in_demand: Option<bool>,
    /// All three (or the state's own combination, when it defines one).
    pub designated: Option<bool>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct HshwidRow {
    pub soc: String,
    pub title: String,
    pub cluster: Option<String>,
    pub sub_cluster: Option<String>,
    #[serde(flatten)]
    pub flags: Flags,
    /// The values the flags were decided on.
    pub median_wage: Option<f64>,
    pub annual_openings: Option<f64>,
    pub entry_education: Option<String>,
    /// Whether the openings are estimated (state openings scaled from national projections).
    pub openings_estimated: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Definitions {
    pub high_skill: String,
    pub high_wage: String,
    pub in_demand: String,
    pub source: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct HshwidList {
    pub state: String,
    pub state_name: String,
    pub definitions: Definitions,
    /// Data vintages used (OEWS, projections).
    pub vintages: Vec<String>,
    /// How the figures were obtained (estimates labeled), from the evaluation.
    pub notes: Vec<String>,
    pub occupations: Vec<HshwidRow>,
}

/// HSHWID lists, evaluated by the labor-market layer on first request per state and kept.
pub struct HshwidLists {
    /// Loaded in the background after start-up; `Some(None)` when it could not be loaded.
    data: OnceLock<Option<trellis_labor::LaborData>>,
    lists: RwLock<HashMap<String, Arc<trellis_labor::hshwid::HshwidList>>>,
}

impl Default for HshwidLists {
    fn default() -> HshwidLists {
        HshwidLists::new()
    }
}

impl HshwidLists {
    pub fn new() -> HshwidLists {
        HshwidLists { data: OnceLock::new(), lists: RwLock::default() }
    }

    /// Sets the labor-market snapshot once it is loaded.
    pub fn set(&self, data: Option<trellis_labor::LaborData>) {
        let _ = self.data.set(data);
    }

    pub fn is_loaded(&self) -> bool {
        self.data.get().is_some()
    }

    /// The labor layer's list for a state, evaluating it on first use.
    pub fn get(
        &self,
        fw: &trellis_framework::Framework,
        code: &str,
    ) -> Result<Arc<trellis_labor::hshwid::HshwidList>, Problem> {
        if let Some(l) = self.lists.read().unwrap_or_else(|e| e.into_inner()).get(code) {
            return Ok(l.clone());
        }
        let data = match self.data.get() {
            None => {
                return Err(Problem::unavailable(
                    "the labor-market figures are still loading (a second after start-up); try again",
                ));
            }
            Some(None) => {
                return Err(Problem::unavailable(
                    "HSHWID lists need the labor-market tables of the database: build it with \
                     `trellis data import DIR`",
                ));
            }
            Some(Some(d)) => d,
        };
        let defs = fw.state(code).and_then(|s| s.hshwid.as_ref()).ok_or_else(|| {
            Problem::not_found(format!(
                "Trellis has no HSHWID definitions for {code}: a state profile with them is a data \
                 file in the framework definitions (Connecticut's is the model); states with \
                 definitions: {}",
                fw.states
                    .iter()
                    .filter(|s| s.hshwid.is_some())
                    .map(|s| s.state.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        let area = trellis_labor::Area::resolve(data, Some(code))
            .map_err(|e| Problem::not_found(e.to_string()))?;
        let list = trellis_labor::hshwid::evaluate(data, area, defs, None)
            .map_err(|e| Problem::unavailable(e.to_string()))?;
        let list = Arc::new(list);
        self.lists.write().unwrap_or_else(|e| e.into_inner()).insert(code.to_owned(), list.clone());
        Ok(list)
    }
}

/// The state's definitions as its profile words them, when the framework has a profile.
pub fn definitions(state: &AppState, code: &str) -> Option<Definitions> {
    let p = state.fw.state(code)?;
    let h = p.hshwid.as_ref()?;
    Some(Definitions {
        high_skill: h.high_skill.text.clone(),
        high_wage: h.high_wage.text.clone(),
        in_demand: h.in_demand.text.clone(),
        source: h.source.clone(),
    })
}

/// The full list for a state, in the API's shape.
pub fn list(state: &AppState, code: &str) -> Result<HshwidList, Problem> {
    let l = state.hshwid.get(state.fw, code)?;
    let definitions =
        definitions(state, code).ok_or_else(|| Problem::internal("definitions vanished"))?;
    let v = &l.vintages;
    let mut vintages =
        vec![format!("OEWS {}", v.oews), format!("Employment Projections {}", v.projections)];
    if !v.onet.is_empty() {
        vintages.push(format!("O*NET {}", v.onet));
    }
    let occupations = l
        .rows
        .iter()
        .map(|r| {
            let primary = r.clusters.iter().find(|m| m.primary).or(r.clusters.first());
            HshwidRow {
                soc: r.code.clone(),
                title: r.title.clone(),
                cluster: primary.map(|m| m.cluster_id.clone()),
                sub_cluster: primary.and_then(|m| m.sub_cluster_id.clone()),
                flags: Flags {
                    high_skill: r.high_skill.met,
                    high_wage: r.high_wage.met,
                    in_demand: r.in_demand.met,
                    designated: r.designated.or_else(|| r.all_three()),
                },
                median_wage: r.wage_median.value,
                annual_openings: r.openings.value,
                entry_education: r.education.clone(),
                openings_estimated: r.openings.basis == trellis_labor::Basis::Estimated,
            }
        })
        .collect();
    Ok(HshwidList {
        state: l.state.clone(),
        state_name: l.state_name.clone(),
        definitions,
        vintages,
        notes: l.notes.clone(),
        occupations,
    })
}

/// Flags by SOC for a state, for the badges in occupation tables; `None` when unavailable.
pub fn flags(state: &AppState, code: &str) -> Option<HashMap<String, Flags>> {
    let l = list(state, code).ok()?;
    Some(l.occupations.into_iter().map(|r| (r.soc, r.flags)).collect())
}
