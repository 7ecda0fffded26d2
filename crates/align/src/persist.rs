//! Storing builds in the database (`schema.sql`) and reading them back.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rusqlite::{Connection, OptionalExtension, params};

use crate::Error;
use crate::model::*;

/// The DDL of the crosswalk tables.
pub const SCHEMA: &str = include_str!("schema.sql");

/// A stored build's header.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BuildInfo {
    pub id: i64,
    pub created_at: String,
    pub label: Option<String>,
    pub inputs_sha256: String,
    pub params_json: String,
    pub overrides_json: String,
    pub is_current: bool,
}

/// Writes `xw` as a new build, makes it current, and returns its id.
pub fn store(
    conn: &Connection,
    xw: &Crosswalk,
    label: &str,
    created_at: &str,
    overrides_json: &str,
) -> Result<i64, Error> {
    conn.execute_batch(SCHEMA)?;
    migrate(conn)?;
    let tx = conn.unchecked_transaction()?;
    tx.execute("UPDATE crosswalk_build SET is_current = 0", [])?;
    tx.execute(
        "INSERT INTO crosswalk_build (created_at, label, inputs_sha256, params_json, overrides_json, is_current) VALUES (?1, ?2, ?3, ?4, ?5, 1)",
        params![created_at, label, xw.inputs_sha256, xw.params_json, overrides_json],
    )?;
    let id = tx.last_insert_rowid();
    {
        let mut ev = tx.prepare(
            "INSERT INTO xw_occupation_evidence (build_id, soc, evidence) VALUES (?1, ?2, ?3)",
        )?;
        // Serializing the evidence is most of this table's cost, and it needs no database.
        let evidence: Vec<String> = xw
            .occupations
            .par_iter()
            .map(|o| serde_json::to_string(&o.evidence).expect("json"))
            .collect();
        for (o, evidence) in xw.occupations.iter().zip(&evidence) {
            ev.execute(params![id, o.soc, evidence])?;
        }
        let occupations = xw.occupations.iter().map(|o| (o.soc.as_str(), &o.rows[..]));
        insert_rows(&tx, Table::Occupation, id, occupations)?;
        let programs = xw.programs.iter().map(|p| (p.cip.as_str(), &p.rows[..]));
        insert_rows(&tx, Table::Program, id, programs)?;
        let mut ins = tx.prepare("INSERT INTO xw_industry (build_id, naics, cluster_id, sub_cluster_id) VALUES (?1, ?2, ?3, ?4)")?;
        for r in &xw.industries {
            ins.execute(params![id, r.naics, r.cluster, r.sub_cluster])?;
        }
        let mut ins = tx.prepare(
            "INSERT INTO xw_pathway (build_id, pathway_id, sub_cluster_id, share, employment, occupations) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for r in &xw.pathways {
            ins.execute(params![
                id,
                r.pathway,
                r.sub_cluster,
                r.share,
                r.employment,
                r.occupations
            ])?;
        }
    }
    tx.commit()?;
    Ok(id)
}

/// Every stored build, newest first.
pub fn builds(conn: &Connection) -> Result<Vec<BuildInfo>, Error> {
    if !has_tables(conn)? {
        return Ok(Vec::new());
    }
    let mut st = conn.prepare(
        "SELECT id, created_at, label, inputs_sha256, params_json, overrides_json, is_current FROM crosswalk_build ORDER BY id DESC",
    )?;
    let rows = st.query_map([], |r| {
        Ok(BuildInfo {
            id: r.get(0)?,
            created_at: r.get(1)?,
            label: r.get(2)?,
            inputs_sha256: r.get(3)?,
            params_json: r.get(4)?,
            overrides_json: r.get(5)?,
            is_current: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn has_tables(conn: &Connection) -> Result<bool, Error> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'crosswalk_build'",
            [],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The current build's id, or the error that tells the user how to make one.
pub fn current(conn: &Connection) -> Result<i64, Error> {
    builds(conn)?.into_iter().find(|b| b.is_current).map(|b| b.id).ok_or_else(|| {
        Error::MissingData(
            "the database holds no crosswalk build; run `trellis crosswalk build`".into(),
        )
    })
}

/// Reads build `id` back (occupations with evidence, programs, industries, pathways).
pub fn load(conn: &Connection, id: i64) -> Result<Crosswalk, Error> {
    let info = builds(conn)?.into_iter().find(|b| b.id == id).ok_or_else(|| {
        Error::MissingData(format!(
            "no crosswalk build {id}; `trellis crosswalk builds` lists them"
        ))
    })?;
    let titles = |sql: &str| -> Result<BTreeMap<String, String>, Error> {
        let mut st = conn.prepare(sql)?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    };
    let soc_titles = titles("SELECT code, title FROM soc").unwrap_or_default();
    let cip_titles = titles("SELECT code, title FROM cip").unwrap_or_default();
    let naics_titles = titles("SELECT code, title FROM naics").unwrap_or_default();

    let mut occs: BTreeMap<String, OccupationResult> = BTreeMap::new();
    for (soc, rows) in read_rows(conn, Table::Occupation, id)? {
        occs.insert(
            soc.clone(),
            OccupationResult {
                title: soc_titles.get(&soc).cloned().unwrap_or_default(),
                soc,
                rows,
                evidence: Evidence::default(),
            },
        );
    }
    let mut st =
        conn.prepare("SELECT soc, evidence FROM xw_occupation_evidence WHERE build_id = ?1")?;
    for row in st.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (soc, ev) = row?;
        if let Some(o) = occs.get_mut(&soc) {
            o.evidence = serde_json::from_str(&ev).unwrap_or_default();
        }
    }

    let mut progs: BTreeMap<String, ProgramResult> = BTreeMap::new();
    for (cip, rows) in read_rows(conn, Table::Program, id)? {
        progs.insert(
            cip.clone(),
            ProgramResult {
                title: cip_titles.get(&cip).cloned().unwrap_or_default(),
                cip,
                rows,
                occupations: Vec::new(),
            },
        );
    }
    if let Ok(mut st) = conn.prepare("SELECT cip, soc FROM cip_soc ORDER BY cip, soc") {
        for row in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (cip, soc) = row?;
            if let Some(p) = progs.get_mut(&cip) {
                p.occupations.push((soc, 0.0));
            }
        }
    }

    let mut st = conn.prepare("SELECT naics, cluster_id, sub_cluster_id FROM xw_industry WHERE build_id = ?1 ORDER BY naics, cluster_id, sub_cluster_id")?;
    let industries = st
        .query_map([id], |r| {
            let naics: String = r.get(0)?;
            Ok(IndustryRow {
                title: naics_titles.get(&naics).cloned().unwrap_or_default(),
                naics,
                cluster: r.get(1)?,
                sub_cluster: r.get(2)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut st = conn.prepare(
        "SELECT pathway_id, sub_cluster_id, share, employment, occupations FROM xw_pathway WHERE build_id = ?1 ORDER BY pathway_id, share DESC, sub_cluster_id",
    )?;
    let pathways = st
        .query_map([id], |r| {
            Ok(PathwayRow {
                pathway: r.get(0)?,
                sub_cluster: r.get(1)?,
                share: r.get(2)?,
                employment: r.get(3)?,
                occupations: r.get(4)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;

    Ok(Crosswalk {
        occupations: occs.into_values().collect(),
        programs: progs.into_values().collect(),
        industries,
        pathways,
        overrides: Vec::new(),
        inputs_sha256: info.inputs_sha256,
        params_json: info.params_json,
    })
}

/// The two assignment tables: occupations carry the cluster's share of their jobs, programs
/// do not; both carry the override flag.
#[derive(Clone, Copy)]
enum Table {
    Occupation,
    Program,
}

impl Table {
    fn insert_sql(self) -> &'static str {
        match self {
            Table::Occupation => {
                "INSERT INTO xw_occupation (build_id, soc, cluster_id, sub_cluster_id, is_primary, rank, score, interdisciplinary, overridden, cluster_share) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
            }
            Table::Program => {
                "INSERT INTO xw_program (build_id, cip, cluster_id, sub_cluster_id, is_primary, rank, score, interdisciplinary, overridden) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
            }
        }
    }

    fn select_sql(self) -> &'static str {
        match self {
            Table::Occupation => {
                "SELECT soc, cluster_id, sub_cluster_id, is_primary, rank, score, interdisciplinary, overridden, cluster_share FROM xw_occupation WHERE build_id = ?1 ORDER BY soc, rank"
            }
            Table::Program => {
                "SELECT cip, cluster_id, sub_cluster_id, is_primary, rank, score, interdisciplinary, overridden, NULL FROM xw_program WHERE build_id = ?1 ORDER BY cip, rank"
            }
        }
    }
}

fn insert_rows<'a>(
    conn: &Connection,
    table: Table,
    id: i64,
    items: impl Iterator<Item = (&'a str, &'a [AssignmentRow])>,
) -> Result<(), Error> {
    let mut ins = conn.prepare(table.insert_sql())?;
    for (code, rows) in items {
        for r in rows {
            let common = params![
                id,
                code,
                r.cluster,
                r.sub_cluster,
                r.is_primary,
                r.rank,
                r.score,
                r.interdisciplinary,
                r.overridden
            ];
            match table {
                Table::Occupation => {
                    let mut all: Vec<&dyn rusqlite::ToSql> = common.to_vec();
                    all.push(&r.cluster_share);
                    ins.execute(all.as_slice())?
                }
                Table::Program => ins.execute(common)?,
            };
        }
    }
    Ok(())
}

/// Build `id`'s rows of one table, grouped by code in code order, each code's rows by rank.
fn read_rows(
    conn: &Connection,
    table: Table,
    id: i64,
) -> Result<Vec<(String, Vec<AssignmentRow>)>, Error> {
    let mut st = conn.prepare(table.select_sql())?;
    let rows = st.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            AssignmentRow {
                cluster: r.get(1)?,
                sub_cluster: r.get(2)?,
                is_primary: r.get(3)?,
                rank: r.get(4)?,
                score: r.get(5)?,
                interdisciplinary: r.get(6)?,
                overridden: r.get(7)?,
                cluster_share: r.get(8)?,
            },
        ))
    })?;
    let mut out: Vec<(String, Vec<AssignmentRow>)> = Vec::new();
    for row in rows {
        let (code, a) = row?;
        match out.last_mut() {
            Some((last, v)) if *last == code => v.push(a),
            _ => out.push((code, vec![a])),
        }
    }
    Ok(out)
}

/// Brings crosswalk tables written by an earlier version up to the current schema, so that
/// a database need not be re-imported: the program override flag came later.
fn migrate(conn: &Connection) -> Result<(), Error> {
    let has: bool = conn
        .query_row(
            "SELECT 1 FROM pragma_table_info('xw_program') WHERE name = 'overridden'",
            [],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    if !has {
        conn.execute_batch(
            "ALTER TABLE xw_program ADD COLUMN overridden INTEGER NOT NULL DEFAULT 0",
        )?;
    }
    Ok(())
}
