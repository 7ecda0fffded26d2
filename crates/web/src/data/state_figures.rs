//! OEWS figures for one area (the nation or a state), keyed by detailed SOC code.
//!
//! State tables are loaded on first use and kept: 51 areas of about 800 rows each is a few
//! megabytes at most, and most deployments look at a handful of states.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use rusqlite::Connection;

use super::catalog::{Figure, Wages};
use super::{DataError, Db};

/// Wages by detailed SOC code for one area.
pub type AreaWages = HashMap<String, Wages>;

/// Reads the OEWS cross-industry rows of `area` (postal code or `US`). Detailed codes that
/// OEWS publishes only inside an aggregate (e.g. 13-1020) get the aggregate's figures, marked.
pub fn load_area(
    db: &Db,
    conn: &Connection,
    vintage: &str,
    area: &str,
) -> rusqlite::Result<AreaWages> {
    let mut stmt = conn.prepare(
        "SELECT soc, tot_emp, tot_emp_status, a_pct10, a_pct10_status, a_pct25, a_pct25_status,
                a_median, a_median_status, a_pct75, a_pct75_status, a_pct90, a_pct90_status,
                loc_quotient
         FROM oews WHERE vintage = ?1 AND area = ?2 AND naics = '000000'",
    )?;
    let mut out = AreaWages::new();
    let mut rows = stmt.query([vintage, area])?;
    while let Some(r) = rows.next()? {
        let soc: String = r.get(0)?;
        let f = |v: usize, s: usize| -> rusqlite::Result<Figure> {
            Ok(Figure::new(r.get(v)?, &r.get::<_, String>(s)?))
        };
        let w = Wages {
            vintage: vintage.to_owned(),
            area: area.to_owned(),
            employment: f(1, 2)?,
            pct10: f(3, 4)?,
            pct25: f(5, 6)?,
            median: f(7, 8)?,
            pct75: f(9, 10)?,
            pct90: f(11, 12)?,
            location_quotient: r.get(13)?,
            via_aggregate: None,
        };
        out.insert(soc, w);
    }
    if db.has("soc_aggregate") {
        let mut stmt = conn.prepare(
            "SELECT code, detailed FROM soc_aggregate WHERE origin = 'oews' ORDER BY detailed, code",
        )?;
        let pairs = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        for (aggregate, detailed) in pairs {
            if out.contains_key(&detailed) {
                continue;
            }
            if let Some(w) = out.get(&aggregate) {
                let mut w = w.clone();
                w.via_aggregate = Some(aggregate);
                out.insert(detailed, w);
            }
        }
    }
    Ok(out)
}

/// A state with OEWS data.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct StateInfo {
    /// Two-letter postal code.
    pub code: String,
    pub name: String,
}

/// Per-state OEWS figures, loaded on first use.
pub struct StateFigures {
    vintage: Option<String>,
    pub states: Vec<StateInfo>,
    cache: RwLock<HashMap<String, Arc<AreaWages>>>,
}

impl StateFigures {
    pub fn empty() -> StateFigures {
        StateFigures { vintage: None, states: Vec::new(), cache: RwLock::default() }
    }

    pub fn load(db: &Db, vintage: Option<String>) -> Result<StateFigures, DataError> {
        let Some(v) = vintage else { return Ok(StateFigures::empty()) };
        let states = db.with(|conn| {
            let mut stmt = conn.prepare(
                "SELECT DISTINCT area, area_title FROM oews
                 WHERE vintage = ?1 AND area_type = 'state' ORDER BY area_title",
            )?;
            let rows =
                stmt.query_map([&v], |r| Ok(StateInfo { code: r.get(0)?, name: r.get(1)? }))?;
            rows.collect::<Result<Vec<_>, _>>()
        })?;
        Ok(StateFigures { vintage: Some(v), states, cache: RwLock::default() })
    }

    pub fn state(&self, code: &str) -> Option<&StateInfo> {
        self.states.iter().find(|s| s.code == code)
    }

    /// The figures of a known state, reading them on first use.
    pub fn wages(&self, db: &Db, code: &str) -> Result<Option<Arc<AreaWages>>, DataError> {
        let (Some(v), Some(state)) = (&self.vintage, self.state(code)) else { return Ok(None) };
        if let Some(w) = self.cache.read().unwrap_or_else(|e| e.into_inner()).get(&state.code) {
            return Ok(Some(w.clone()));
        }
        let w = Arc::new(db.with(|conn| load_area(db, conn, v, &state.code))?);
        self.cache.write().unwrap_or_else(|e| e.into_inner()).insert(state.code.clone(), w.clone());
        Ok(Some(w))
    }
}
