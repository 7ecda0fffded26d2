//! Everything the database knows about one SOC occupation.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use trellis_framework::codes::{Soc, SocLevel};

use super::{CodeTitle, Figure};
use crate::store::{Store, StoreError};

/// How many skills, knowledge areas, tasks and technologies a detail view lists.
const TOP: usize = 10;

/// One occupation: SOC 2018 definition, O*NET detail, OEWS wages, EP projections, programs.
#[derive(Debug, Clone, Serialize)]
pub struct OccupationDetail {
    pub soc: String,
    pub level: String,
    pub title: String,
    pub definition: Option<String>,
    /// Major, minor and broad groups above it, top first.
    pub hierarchy: Vec<CodeTitle>,
    /// Codes one level down (for a group), empty for a detailed occupation.
    pub children: Vec<CodeTitle>,
    /// BLS aggregate codes (OEWS/EP) whose published figures include this occupation.
    pub aggregates: Vec<CodeTitle>,
    /// O*NET occupations under this SOC code, the `.00` occupation first.
    pub onet: Vec<OnetDetail>,
    /// OEWS national cross-industry estimates.
    pub wages: Option<Wages>,
    /// BLS Employment Projections.
    pub projections: Option<Projection>,
    /// Programs (CIP 2020) that lead to it, from the NCES crosswalk.
    pub programs: Vec<CodeTitle>,
    /// Assignments in the 2002 framework (16 clusters, 79 pathways).
    pub clusters_2002: Vec<Cluster2002>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OnetDetail {
    pub onet_soc: String,
    pub title: String,
    pub description: String,
    pub alternate_titles: i64,
    pub job_zone: Option<i64>,
    /// RIASEC occupational interest scores (scale OI, 1–7), highest first.
    pub interests: Vec<Interest>,
    /// The 10 most important skills (empty where O*NET has not rated the occupation).
    pub top_skills: Vec<Rated>,
    pub top_knowledge: Vec<Rated>,
    /// Up to 20 hot technologies, those O*NET also flags in demand first.
    pub hot_technologies: Vec<String>,
    /// Up to 10 task statements, core tasks first.
    pub tasks: Vec<Task>,
    pub related: Vec<CodeTitle>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Interest {
    pub name: String,
    pub score: f64,
}

/// A skill or knowledge area: importance (1–5) and level (0–7).
#[derive(Debug, Clone, Serialize)]
pub struct Rated {
    pub element_id: String,
    pub name: String,
    pub importance: Option<f64>,
    pub level: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Task {
    pub task: String,
    pub task_type: Option<String>,
}

/// OEWS national cross-industry estimates (wages annual, in dollars).
#[derive(Debug, Clone, Serialize)]
pub struct Wages {
    pub vintage: String,
    /// The OEWS code the figures were published under: the occupation itself or, when OEWS
    /// publishes it only inside an aggregate, that aggregate.
    pub published_as: String,
    pub published_title: String,
    pub employment: Figure,
    pub mean: Figure,
    pub pct10: Figure,
    pub pct25: Figure,
    pub median: Figure,
    pub pct75: Figure,
    pub pct90: Figure,
    pub hourly_median: Figure,
    pub annual_only: bool,
}

/// BLS Employment Projections (Table 1.2 and 1.10); employment in persons.
#[derive(Debug, Clone, Serialize)]
pub struct Projection {
    pub vintage: String,
    pub published_as: String,
    pub published_title: String,
    pub employment_base: Option<f64>,
    pub employment_projected: Option<f64>,
    pub change: Option<f64>,
    pub change_pct: Option<f64>,
    pub self_employed_pct: Option<f64>,
    pub openings: Option<f64>,
    pub median_wage: Figure,
    pub education: Option<String>,
    pub experience: Option<String>,
    pub training: Option<String>,
    pub separations_rate: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cluster2002 {
    pub onet_soc: String,
    pub cluster_id: String,
    pub pathway_id: Option<String>,
    pub origin: String,
}

impl Store {
    /// The occupation `soc`, or `None` when SOC 2018 has no such code.
    pub fn occupation(&self, soc: Soc) -> Result<Option<OccupationDetail>, StoreError> {
        let code = soc.to_string();
        let conn = self.conn();
        let row = conn
            .query_row("SELECT level, title, definition FROM soc WHERE code = ?1", [&code], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?))
            })
            .optional()?;
        let Some((level, title, definition)) = row else { return Ok(None) };

        // The stored parents, not the digits: minor groups are NN-N000 or NN-NN00.
        let mut hierarchy = Vec::new();
        let mut up: Option<String> = conn
            .prepare_cached("SELECT parent FROM soc WHERE code = ?1")?
            .query_row([&code], |r| r.get(0))?;
        while let Some(p) = up {
            let (title, next): (String, Option<String>) = conn
                .prepare_cached("SELECT title, parent FROM soc WHERE code = ?1")?
                .query_row([&p], |r| Ok((r.get(0)?, r.get(1)?)))?;
            hierarchy.push(CodeTitle { code: p, title });
            up = next;
        }
        hierarchy.reverse();

        let children =
            self.code_titles("SELECT code, title FROM soc WHERE parent = ?1 ORDER BY code", &code)?;
        let aggregates = self.code_titles(
            "SELECT DISTINCT code, title FROM soc_aggregate WHERE detailed = ?1 ORDER BY code",
            &code,
        )?;

        let mut onet = Vec::new();
        if soc.level() == SocLevel::Detailed {
            let codes: Vec<String> = {
                let mut st = conn.prepare_cached(
                    "SELECT onet_soc FROM onet_occupation WHERE soc = ?1 ORDER BY onet_soc",
                )?;
                st.query_map([&code], |r| r.get(0))?.collect::<Result<_, _>>()?
            };
            for o in codes {
                onet.push(self.onet_detail(&o)?);
            }
        }

        let mut published = vec![code.clone()];
        published.extend(aggregates.iter().map(|a| a.code.clone()));
        let wages = self.national_wages(&published)?;
        let projections = self.projection(&published)?;
        let programs = self.code_titles(
            "SELECT c.cip, coalesce(p.title, '') FROM cip_soc c LEFT JOIN cip p ON p.code = c.cip
             WHERE c.soc = ?1 ORDER BY c.cip",
            &code,
        )?;
        let clusters_2002 = {
            let mut st = conn.prepare_cached(
                "SELECT onet_soc, cluster_id, pathway_id, origin FROM cluster2002_occupation
                 WHERE onet_soc LIKE ?1 || '.%' ORDER BY origin, onet_soc, cluster_id",
            )?;
            st.query_map([&code], |r| {
                Ok(Cluster2002 {
                    onet_soc: r.get(0)?,
                    cluster_id: r.get(1)?,
                    pathway_id: r.get(2)?,
                    origin: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?
        };

        Ok(Some(OccupationDetail {
            soc: code,
            level,
            title,
            definition,
            hierarchy,
            children,
            aggregates,
            onet,
            wages,
            projections,
            programs,
            clusters_2002,
        }))
    }

    /// The SOC 2018 title of `soc`, if the code exists.
    pub fn soc_title(&self, soc: Soc) -> Result<Option<String>, StoreError> {
        let mut st = self.conn().prepare_cached("SELECT title FROM soc WHERE code = ?1")?;
        Ok(st.query_row([soc.to_string()], |r| r.get(0)).optional()?)
    }

    pub(crate) fn code_titles(&self, sql: &str, key: &str) -> Result<Vec<CodeTitle>, StoreError> {
        let mut st = self.conn().prepare_cached(sql)?;
        let rows = st.query_map([key], |r| Ok(CodeTitle { code: r.get(0)?, title: r.get(1)? }))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn onet_detail(&self, onet_soc: &str) -> Result<OnetDetail, StoreError> {
        let conn = self.conn();
        let (title, description): (String, String) = conn
            .prepare_cached("SELECT title, description FROM onet_occupation WHERE onet_soc = ?1")?
            .query_row([onet_soc], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let alternate_titles = conn
            .prepare_cached("SELECT count(*) FROM onet_alternate_title WHERE onet_soc = ?1")?
            .query_row([onet_soc], |r| r.get(0))?;
        let job_zone = conn
            .prepare_cached("SELECT job_zone FROM onet_job_zone WHERE onet_soc = ?1")?
            .query_row([onet_soc], |r| r.get(0))
            .optional()?;
        let interests = conn
            .prepare_cached(
                "SELECT element_name, value FROM onet_interest
                 WHERE onet_soc = ?1 AND scale_id = 'OI' ORDER BY value DESC, element_name",
            )?
            .query_map([onet_soc], |r| Ok(Interest { name: r.get(0)?, score: r.get(1)? }))?
            .collect::<Result<_, _>>()?;
        let rated = |table: &str| -> Result<Vec<Rated>, StoreError> {
            let sql = format!(
                "SELECT element_id, element_name, importance, level FROM {table}
                 WHERE onet_soc = ?1 ORDER BY importance DESC, level DESC, element_name LIMIT {TOP}"
            );
            let mut st = conn.prepare_cached(&sql)?;
            let rows = st.query_map([onet_soc], |r| {
                Ok(Rated {
                    element_id: r.get(0)?,
                    name: r.get(1)?,
                    importance: r.get(2)?,
                    level: r.get(3)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        let top_skills = rated("onet_skill")?;
        let top_knowledge = rated("onet_knowledge")?;
        let hot_technologies = conn
            .prepare_cached(
                "SELECT example FROM onet_technology WHERE onet_soc = ?1 AND hot = 1
                 GROUP BY example ORDER BY max(in_demand) DESC, example LIMIT 20",
            )?
            .query_map([onet_soc], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let tasks = conn
            .prepare_cached(&format!(
                "SELECT task, task_type FROM onet_task WHERE onet_soc = ?1
                 ORDER BY task_type = 'Core' DESC, task_id LIMIT {TOP}"
            ))?
            .query_map([onet_soc], |r| Ok(Task { task: r.get(0)?, task_type: r.get(1)? }))?
            .collect::<Result<_, _>>()?;
        let related = self.code_titles(
            "SELECT r.related_onet_soc, coalesce(o.title, '') FROM onet_related r
             LEFT JOIN onet_occupation o ON o.onet_soc = r.related_onet_soc
             WHERE r.onet_soc = ?1 ORDER BY r.rank",
            onet_soc,
        )?;
        Ok(OnetDetail {
            onet_soc: onet_soc.to_string(),
            title,
            description,
            alternate_titles,
            job_zone,
            interests,
            top_skills,
            top_knowledge,
            hot_technologies,
            tasks,
            related,
        })
    }

    /// National cross-industry OEWS estimates published under the first of `codes` that has
    /// them (the occupation itself, then its aggregates).
    fn national_wages(&self, codes: &[String]) -> Result<Option<Wages>, StoreError> {
        let mut st = self.conn().prepare_cached(
            "SELECT vintage, soc, tot_emp, tot_emp_status, a_mean, a_mean_status,
                    a_pct10, a_pct10_status, a_pct25, a_pct25_status, a_median, a_median_status,
                    a_pct75, a_pct75_status, a_pct90, a_pct90_status, h_median, h_median_status,
                    annual_only, coalesce(t.title, '')
             FROM oews LEFT JOIN (SELECT code, title FROM soc
                                  UNION SELECT DISTINCT code, title FROM soc_aggregate) t
                    ON t.code = oews.soc
             WHERE area = 'US' AND naics = '000000' AND soc = ?1
             ORDER BY vintage DESC, o_group = 'detailed' DESC LIMIT 1",
        )?;
        for code in codes {
            let found = st
                .query_row([code], |r| {
                    let fig = |i: usize| -> rusqlite::Result<Figure> {
                        Ok(Figure { value: r.get(i)?, status: r.get(i + 1)? })
                    };
                    Ok(Wages {
                        vintage: r.get(0)?,
                        published_as: r.get(1)?,
                        employment: fig(2)?,
                        mean: fig(4)?,
                        pct10: fig(6)?,
                        pct25: fig(8)?,
                        median: fig(10)?,
                        pct75: fig(12)?,
                        pct90: fig(14)?,
                        hourly_median: fig(16)?,
                        annual_only: r.get::<_, i64>(18)? != 0,
                        published_title: r.get(19)?,
                    })
                })
                .optional()?;
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    }

    fn projection(&self, codes: &[String]) -> Result<Option<Projection>, StoreError> {
        let mut st = self.conn().prepare_cached(
            "SELECT vintage, soc, title, emp_base, emp_proj, emp_change, emp_change_pct,
                    self_employed_pct, openings, median_wage, median_wage_status,
                    education, experience, training, separations_rate
             FROM ep_occupation WHERE soc = ?1 ORDER BY vintage DESC LIMIT 1",
        )?;
        for code in codes {
            let found = st
                .query_row(params![code], |r| {
                    Ok(Projection {
                        vintage: r.get(0)?,
                        published_as: r.get(1)?,
                        published_title: r.get(2)?,
                        employment_base: r.get(3)?,
                        employment_projected: r.get(4)?,
                        change: r.get(5)?,
                        change_pct: r.get(6)?,
                        self_employed_pct: r.get(7)?,
                        openings: r.get(8)?,
                        median_wage: Figure { value: r.get(9)?, status: r.get(10)? },
                        education: r.get(11)?,
                        experience: r.get(12)?,
                        training: r.get(13)?,
                        separations_rate: r.get(14)?,
                    })
                })
                .optional()?;
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    }
}
