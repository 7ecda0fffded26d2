//! Everything the pages and the API list, loaded from the database once at start-up.
//!
//! A few thousand occupations, programs and industries fit comfortably in memory; holding them
//! there makes listings, filters and joins plain slice operations. Each table is optional: a
//! database built before the crosswalk existed still serves every page, and the pages say what
//! is missing.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::{DataError, Db};

/// One official input file of the build, as the store reads it.
pub use trellis_store::SourceFile;

/// A value with the BLS status that explains its absence.
#[derive(Debug, Clone, Copy, Serialize, utoipa::ToSchema)]
pub struct Figure {
    /// `null` when the value is not published; see `status`.
    pub value: Option<f64>,
    /// `ok`, `suppressed`, `top_coded` (value is the threshold: the true figure is at least
    /// that), `bottom_coded` (at most that) or `not_available`.
    pub status: Status,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    Suppressed,
    TopCoded,
    /// The value is the bottom-code threshold: the true figure is at most that.
    BottomCoded,
    NotAvailable,
}

impl Status {
    pub fn parse(s: &str) -> Status {
        match s {
            "ok" => Status::Ok,
            "suppressed" => Status::Suppressed,
            "top_coded" => Status::TopCoded,
            "bottom_coded" => Status::BottomCoded,
            _ => Status::NotAvailable,
        }
    }
}

impl Figure {
    pub fn new(value: Option<f64>, status: &str) -> Figure {
        let status = if value.is_none() && status == "ok" {
            Status::NotAvailable
        } else {
            Status::parse(status)
        };
        Figure { value, status }
    }
    pub fn missing() -> Figure {
        Figure { value: None, status: Status::NotAvailable }
    }
}

/// BLS Employment Projections, Table 1.2 (national).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Projections {
    pub vintage: String,
    pub employment_base: Option<f64>,
    pub employment_projected: Option<f64>,
    pub change: Option<f64>,
    pub change_pct: Option<f64>,
    /// Annual average openings.
    pub openings: Option<f64>,
    pub median_wage: Figure,
    pub education: Option<String>,
    pub experience: Option<String>,
    pub training: Option<String>,
}

/// OEWS employment and annual wage percentiles for one area.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Wages {
    pub vintage: String,
    pub area: String,
    pub employment: Figure,
    pub pct10: Figure,
    pub pct25: Figure,
    pub median: Figure,
    pub pct75: Figure,
    pub pct90: Figure,
    /// Location quotient against the nation (state rows only).
    pub location_quotient: Option<f64>,
    /// When OEWS publishes this occupation only inside an aggregate code, that code: the
    /// figures are the aggregate's.
    pub via_aggregate: Option<String>,
}

/// One cluster (and sub-cluster) assignment of an occupation or program.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Assignment {
    pub cluster: String,
    pub sub_cluster: Option<String>,
    pub primary: bool,
    pub rank: i64,
    pub score: f64,
    pub interdisciplinary: bool,
}

#[derive(Debug, Clone)]
pub struct Occupation {
    pub soc: String,
    pub title: String,
    pub definition: Option<String>,
    pub projections: Option<Projections>,
    pub wages: Option<Wages>,
    pub job_zone: Option<u8>,
    pub assignments: Vec<Assignment>,
    /// Programs (CIP codes) that prepare for it, from the NCES crosswalk.
    pub programs: Vec<String>,
    /// O*NET-SOC occupations under this SOC code.
    pub onet: Vec<(String, String)>,
    /// 2002 framework cluster and pathway ids.
    pub clusters_2002: Vec<(String, Option<String>)>,
}

impl Occupation {
    pub fn primary(&self) -> Option<&Assignment> {
        self.assignments.iter().find(|a| a.primary).or(self.assignments.first())
    }
}

#[derive(Debug, Clone)]
pub struct Program {
    pub cip: String,
    pub title: String,
    pub definition: String,
    pub occupations: Vec<String>,
    pub assignments: Vec<Assignment>,
}

#[derive(Debug, Clone)]
pub struct Industry {
    pub naics: String,
    pub level: String,
    pub title: String,
    pub parent: Option<String>,
    /// (cluster, sub-cluster) pairs from the crosswalk.
    pub clusters: Vec<(String, Option<String>)>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PathwayLink {
    pub pathway: String,
    pub sub_cluster: String,
    pub share: f64,
    pub employment: f64,
    pub occupations: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CrosswalkBuild {
    pub id: i64,
    pub created_at: String,
    pub label: Option<String>,
    pub inputs_sha256: String,
    pub params: serde_json::Value,
    pub overrides: serde_json::Value,
}

/// The in-memory catalog. Lists are sorted by code.
#[derive(Debug, Default)]
pub struct Catalog {
    pub occupations: Vec<Occupation>,
    occupation_index: HashMap<String, usize>,
    pub programs: Vec<Program>,
    program_index: HashMap<String, usize>,
    /// 2-digit CIP families (series): code → title as published.
    pub cip_families: HashMap<String, String>,
    pub industries: Vec<Industry>,
    industry_index: HashMap<String, usize>,
    pub pathways: Vec<PathwayLink>,
    pub sources: Vec<SourceFile>,
    pub meta: Vec<(String, String)>,
    pub crosswalk: Option<CrosswalkBuild>,
    pub ep_vintage: Option<String>,
    pub oews_vintage: Option<String>,
    /// Occupation indices per cluster id and per sub-cluster id (any rank).
    pub by_cluster: HashMap<String, Vec<usize>>,
    pub by_sub_cluster: HashMap<String, Vec<usize>>,
    pub programs_by_cluster: HashMap<String, Vec<usize>>,
    pub programs_by_sub_cluster: HashMap<String, Vec<usize>>,
    /// Whether a database was loaded at all.
    pub loaded: bool,
}

impl Catalog {
    pub fn occupation(&self, soc: &str) -> Option<&Occupation> {
        self.occupation_index.get(soc).map(|&i| &self.occupations[i])
    }
    pub fn program(&self, cip: &str) -> Option<&Program> {
        self.program_index.get(cip).map(|&i| &self.programs[i])
    }
    pub fn industry(&self, naics: &str) -> Option<&Industry> {
        self.industry_index.get(naics).map(|&i| &self.industries[i])
    }
    pub fn has_crosswalk(&self) -> bool {
        self.crosswalk.is_some()
    }
    pub fn cluster_occupations(&self, cluster: &str) -> impl Iterator<Item = &Occupation> {
        self.by_cluster.get(cluster).into_iter().flatten().map(|&i| &self.occupations[i])
    }
    pub fn sub_cluster_occupations(&self, sub: &str) -> impl Iterator<Item = &Occupation> {
        self.by_sub_cluster.get(sub).into_iter().flatten().map(|&i| &self.occupations[i])
    }
    pub fn cluster_programs(&self, cluster: &str) -> impl Iterator<Item = &Program> {
        self.programs_by_cluster.get(cluster).into_iter().flatten().map(|&i| &self.programs[i])
    }
    pub fn sub_cluster_programs(&self, sub: &str) -> impl Iterator<Item = &Program> {
        self.programs_by_sub_cluster.get(sub).into_iter().flatten().map(|&i| &self.programs[i])
    }

    /// Reads the catalog from the database.
    pub fn load(db: &Db) -> Result<Catalog, DataError> {
        let mut cat = db.with(|conn| load(db, conn))?;
        // The build's record (meta, input files) is read the way every other consumer reads
        // it; opening it also checks that the database has the schema this build reads.
        if db.has("meta") {
            let store = trellis_store::Store::open(db.path())?;
            cat.meta = store.meta()?.into_iter().collect();
            if db.has("sources") {
                cat.sources = store.sources()?;
                cat.sources.sort_by(|a, b| (&a.dataset, &a.path).cmp(&(&b.dataset, &b.path)));
            }
        }
        Ok(cat)
    }
}

fn load(db: &Db, conn: &Connection) -> rusqlite::Result<Catalog> {
    let mut cat = Catalog { loaded: true, ..Catalog::default() };
    if db.has("crosswalk_build") {
        cat.crosswalk = conn
            .query_row(
                "SELECT id, created_at, label, inputs_sha256, params_json, overrides_json
                 FROM crosswalk_build WHERE is_current = 1 ORDER BY id DESC LIMIT 1",
                [],
                |r| {
                    Ok(CrosswalkBuild {
                        id: r.get(0)?,
                        created_at: r.get(1)?,
                        label: r.get(2)?,
                        inputs_sha256: r.get(3)?,
                        params: json_or_null(r.get::<_, String>(4)?),
                        overrides: json_or_null(r.get::<_, String>(5)?),
                    })
                },
            )
            .optional()?;
    }
    load_occupations(db, conn, &mut cat)?;
    load_programs(db, conn, &mut cat)?;
    load_industries(db, conn, &mut cat)?;
    if let (Some(build), true) = (&cat.crosswalk, db.has("xw_pathway")) {
        let mut stmt = conn.prepare(
            "SELECT pathway_id, sub_cluster_id, share, employment, occupations FROM xw_pathway
             WHERE build_id = ?1 ORDER BY pathway_id, share DESC",
        )?;
        cat.pathways = stmt
            .query_map([build.id], |r| {
                Ok(PathwayLink {
                    pathway: r.get(0)?,
                    sub_cluster: r.get(1)?,
                    share: r.get(2)?,
                    employment: r.get(3)?,
                    occupations: r.get(4)?,
                })
            })?
            .collect::<Result<_, _>>()?;
    }
    index(&mut cat);
    Ok(cat)
}

fn json_or_null(s: String) -> serde_json::Value {
    serde_json::from_str(&s).unwrap_or(serde_json::Value::Null)
}

fn latest_vintage(conn: &Connection, sql: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row(sql, [], |r| r.get(0)).optional()
}

fn load_occupations(db: &Db, conn: &Connection, cat: &mut Catalog) -> rusqlite::Result<()> {
    if !db.has("soc") {
        return Ok(());
    }
    let mut stmt = conn.prepare(
        "SELECT code, title, definition FROM soc WHERE level = 'detailed' ORDER BY code",
    )?;
    cat.occupations = stmt
        .query_map([], |r| {
            Ok(Occupation {
                soc: r.get(0)?,
                title: r.get(1)?,
                definition: r.get(2)?,
                projections: None,
                wages: None,
                job_zone: None,
                assignments: Vec::new(),
                programs: Vec::new(),
                onet: Vec::new(),
                clusters_2002: Vec::new(),
            })
        })?
        .collect::<Result<_, _>>()?;
    cat.occupation_index =
        cat.occupations.iter().enumerate().map(|(i, o)| (o.soc.clone(), i)).collect();
    let idx = cat.occupation_index.clone();

    if db.has("ep_occupation") {
        cat.ep_vintage = latest_vintage(
            conn,
            "SELECT vintage FROM ep_occupation GROUP BY vintage ORDER BY vintage DESC LIMIT 1",
        )?;
        if let Some(v) = cat.ep_vintage.clone() {
            let mut stmt = conn.prepare(
                "SELECT soc, emp_base, emp_proj, emp_change, emp_change_pct, openings, median_wage,
                        median_wage_status, education, experience, training
                 FROM ep_occupation WHERE vintage = ?1 AND occ_type = 'line_item'",
            )?;
            let mut rows = stmt.query([&v])?;
            while let Some(r) = rows.next()? {
                let soc: String = r.get(0)?;
                if let Some(&i) = idx.get(&soc) {
                    cat.occupations[i].projections = Some(Projections {
                        vintage: v.clone(),
                        employment_base: r.get(1)?,
                        employment_projected: r.get(2)?,
                        change: r.get(3)?,
                        change_pct: r.get(4)?,
                        openings: r.get(5)?,
                        median_wage: Figure::new(r.get(6)?, &r.get::<_, String>(7)?),
                        education: r.get(8)?,
                        experience: r.get(9)?,
                        training: r.get(10)?,
                    });
                }
            }
        }
    }
    if db.has("oews") {
        cat.oews_vintage = latest_vintage(
            conn,
            "SELECT vintage FROM oews WHERE area = 'US' GROUP BY vintage ORDER BY vintage DESC LIMIT 1",
        )?;
        if let Some(v) = cat.oews_vintage.clone() {
            let wages = super::state_figures::load_area(db, conn, &v, "US")?;
            for (soc, w) in wages {
                if let Some(&i) = idx.get(&soc) {
                    cat.occupations[i].wages = Some(w);
                }
            }
        }
    }
    if db.has("onet_occupation") {
        let mut stmt =
            conn.prepare("SELECT onet_soc, soc, title FROM onet_occupation ORDER BY onet_soc")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let soc: String = r.get(1)?;
            if let Some(&i) = idx.get(&soc) {
                cat.occupations[i].onet.push((r.get(0)?, r.get(2)?));
            }
        }
    }
    if db.has("onet_job_zone") {
        // The SOC's job zone is that of its first (".00") O*NET occupation when present.
        let mut stmt =
            conn.prepare("SELECT onet_soc, job_zone FROM onet_job_zone ORDER BY onet_soc")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let code: String = r.get(0)?;
            let soc = &code[..code.len().min(7)];
            if let Some(&i) = idx.get(soc) {
                let o = &mut cat.occupations[i];
                if o.job_zone.is_none() {
                    o.job_zone = Some(r.get::<_, i64>(1)?.clamp(1, 5) as u8);
                }
            }
        }
    }
    if db.has("cluster2002_occupation") {
        let mut stmt = conn.prepare(
            "SELECT DISTINCT onet_soc, cluster_id, pathway_id FROM cluster2002_occupation
             WHERE code_version = 'onet-soc-2019' ORDER BY onet_soc, cluster_id, pathway_id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let code: String = r.get(0)?;
            let soc = &code[..code.len().min(7)];
            if let Some(&i) = idx.get(soc) {
                let entry = (r.get(1)?, r.get(2)?);
                let list = &mut cat.occupations[i].clusters_2002;
                if !list.contains(&entry) {
                    list.push(entry);
                }
            }
        }
    }
    if let (Some(build), true) = (&cat.crosswalk, db.has("xw_occupation")) {
        let mut stmt = conn.prepare(
            "SELECT soc, cluster_id, sub_cluster_id, is_primary, rank, score, interdisciplinary
             FROM xw_occupation WHERE build_id = ?1 ORDER BY soc, rank",
        )?;
        let mut rows = stmt.query([build.id])?;
        while let Some(r) = rows.next()? {
            let soc: String = r.get(0)?;
            if let Some(&i) = idx.get(&soc) {
                cat.occupations[i].assignments.push(assignment(r)?);
            }
        }
    }
    Ok(())
}

fn assignment(r: &rusqlite::Row<'_>) -> rusqlite::Result<Assignment> {
    Ok(Assignment {
        cluster: r.get(1)?,
        sub_cluster: r.get(2)?,
        primary: r.get::<_, i64>(3)? != 0,
        rank: r.get(4)?,
        score: r.get(5)?,
        interdisciplinary: r.get::<_, i64>(6)? != 0,
    })
}

fn load_programs(db: &Db, conn: &Connection, cat: &mut Catalog) -> rusqlite::Result<()> {
    if !db.has("cip") {
        return Ok(());
    }
    let mut stmt = conn
        .prepare("SELECT code, title, definition FROM cip WHERE level = 'program' ORDER BY code")?;
    cat.programs = stmt
        .query_map([], |r| {
            Ok(Program {
                cip: r.get(0)?,
                title: r.get(1)?,
                definition: r.get(2)?,
                occupations: Vec::new(),
                assignments: Vec::new(),
            })
        })?
        .collect::<Result<_, _>>()?;
    cat.program_index = cat.programs.iter().enumerate().map(|(i, p)| (p.cip.clone(), i)).collect();
    let mut stmt = conn.prepare("SELECT code, title FROM cip WHERE level = 'series'")?;
    cat.cip_families =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    if db.has("cip_soc") {
        let mut stmt = conn.prepare("SELECT cip, soc FROM cip_soc ORDER BY cip, soc")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let cip: String = r.get(0)?;
            let soc: String = r.get(1)?;
            if let Some(&i) = cat.program_index.get(&cip) {
                cat.programs[i].occupations.push(soc.clone());
            }
            if let Some(&i) = cat.occupation_index.get(&soc) {
                cat.occupations[i].programs.push(cip);
            }
        }
    }
    if let (Some(build), true) = (&cat.crosswalk, db.has("xw_program")) {
        let mut stmt = conn.prepare(
            "SELECT cip, cluster_id, sub_cluster_id, is_primary, rank, score, interdisciplinary
             FROM xw_program WHERE build_id = ?1 ORDER BY cip, rank",
        )?;
        let mut rows = stmt.query([build.id])?;
        while let Some(r) = rows.next()? {
            let cip: String = r.get(0)?;
            if let Some(&i) = cat.program_index.get(&cip) {
                cat.programs[i].assignments.push(assignment(r)?);
            }
        }
    }
    Ok(())
}

fn load_industries(db: &Db, conn: &Connection, cat: &mut Catalog) -> rusqlite::Result<()> {
    if !db.has("naics") {
        return Ok(());
    }
    let mut stmt = conn.prepare("SELECT code, level, title, parent FROM naics ORDER BY code")?;
    cat.industries = stmt
        .query_map([], |r| {
            Ok(Industry {
                naics: r.get(0)?,
                level: r.get(1)?,
                title: r.get(2)?,
                parent: r.get(3)?,
                clusters: Vec::new(),
            })
        })?
        .collect::<Result<_, _>>()?;
    cat.industry_index =
        cat.industries.iter().enumerate().map(|(i, n)| (n.naics.clone(), i)).collect();
    if let (Some(build), true) = (&cat.crosswalk, db.has("xw_industry")) {
        let mut stmt = conn.prepare(
            "SELECT naics, cluster_id, sub_cluster_id FROM xw_industry WHERE build_id = ?1
             ORDER BY naics, cluster_id, sub_cluster_id",
        )?;
        let mut rows = stmt.query([build.id])?;
        while let Some(r) = rows.next()? {
            let naics: String = r.get(0)?;
            if let Some(&i) = cat.industry_index.get(&naics) {
                cat.industries[i].clusters.push((r.get(1)?, r.get(2)?));
            }
        }
    }
    Ok(())
}

fn index(cat: &mut Catalog) {
    for (i, o) in cat.occupations.iter().enumerate() {
        for a in &o.assignments {
            push_unique(cat.by_cluster.entry(a.cluster.clone()).or_default(), i);
            if let Some(s) = &a.sub_cluster {
                push_unique(cat.by_sub_cluster.entry(s.clone()).or_default(), i);
            }
        }
    }
    for (i, p) in cat.programs.iter().enumerate() {
        for a in &p.assignments {
            push_unique(cat.programs_by_cluster.entry(a.cluster.clone()).or_default(), i);
            if let Some(s) = &a.sub_cluster {
                push_unique(cat.programs_by_sub_cluster.entry(s.clone()).or_default(), i);
            }
        }
    }
}

fn push_unique(v: &mut Vec<usize>, i: usize) {
    if v.last() != Some(&i) {
        v.push(i);
    }
}
