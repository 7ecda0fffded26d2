//! Per-occupation detail read from the O*NET tables on demand (the occupation pages and
//! the profile endpoint; their responses are cached after the first rendering).

use serde::Serialize;

use super::{DataError, Db};

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct OnetDetail {
    /// Core tasks, most representative first.
    pub tasks: Vec<String>,
    /// Skills by importance (1-5).
    pub skills: Vec<Rated>,
    pub knowledge: Vec<Rated>,
    /// Technology skills flagged "Hot Technology" by O*NET.
    pub hot_technologies: Vec<String>,
    /// Related occupations (O*NET), as SOC codes, most related first.
    pub related: Vec<String>,
    pub alternate_titles: Vec<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Rated {
    pub name: String,
    pub importance: f64,
}

const LIST: i64 = 10;

/// O*NET detail of the O*NET occupations under `soc` (the `.00` occupation first).
pub fn onet_detail(db: &Db, soc: &str) -> Result<OnetDetail, DataError> {
    let pattern = format!("{soc}.%");
    db.with(|conn| {
        let mut d = OnetDetail::default();
        if db.has("onet_task") {
            let mut stmt = conn.prepare(
                "SELECT task FROM onet_task WHERE onet_soc LIKE ?1
                 ORDER BY onet_soc, task_type = 'Core' DESC, task_id LIMIT ?2",
            )?;
            d.tasks = stmt.query_map((&pattern, LIST), |r| r.get(0))?.collect::<Result<_, _>>()?;
        }
        let rated = |table: &str| -> rusqlite::Result<Vec<Rated>> {
            let sql = format!(
                "SELECT element_name, max(importance) AS imp FROM {table}
                 WHERE onet_soc LIKE ?1 AND importance IS NOT NULL
                 GROUP BY element_name ORDER BY imp DESC, element_name LIMIT ?2"
            );
            let mut stmt = conn.prepare(&sql)?;
            let rows = stmt.query_map((&pattern, LIST), |r| {
                Ok(Rated { name: r.get(0)?, importance: r.get(1)? })
            })?;
            rows.collect()
        };
        if db.has("onet_skill") {
            d.skills = rated("onet_skill")?;
        }
        if db.has("onet_knowledge") {
            d.knowledge = rated("onet_knowledge")?;
        }
        if db.has("onet_technology") {
            let mut stmt = conn.prepare(
                "SELECT DISTINCT example FROM onet_technology WHERE onet_soc LIKE ?1 AND hot = 1
                 ORDER BY in_demand DESC, example LIMIT 20",
            )?;
            d.hot_technologies =
                stmt.query_map([&pattern], |r| r.get(0))?.collect::<Result<_, _>>()?;
        }
        if db.has("onet_related") {
            let mut stmt = conn.prepare(
                "SELECT substr(related_onet_soc, 1, 7) AS rsoc, min(rank) AS best FROM onet_related
                 WHERE onet_soc LIKE ?1 AND substr(related_onet_soc, 1, 7) <> ?2
                 GROUP BY rsoc ORDER BY best LIMIT ?3",
            )?;
            d.related =
                stmt.query_map((&pattern, soc, LIST), |r| r.get(0))?.collect::<Result<_, _>>()?;
        }
        if db.has("onet_alternate_title") {
            let mut stmt = conn.prepare(
                "SELECT DISTINCT title FROM onet_alternate_title WHERE onet_soc LIKE ?1
                 ORDER BY length(title), title LIMIT 12",
            )?;
            d.alternate_titles =
                stmt.query_map([&pattern], |r| r.get(0))?.collect::<Result<_, _>>()?;
        }
        Ok(d)
    })
}
