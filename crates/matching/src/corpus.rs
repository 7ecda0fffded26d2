//! The corpus from the Trellis database: O*NET occupations with their alternate, short and
//! reported titles, descriptions and tasks; SOC 2018 titles and definitions; CIP 2020
//! programs with their definitions and examples; employment from BLS projections (or OEWS)
//! as the prior; primary cluster and sub-cluster from the current crosswalk build.
//!
//! `trellis data import` runs [`MatchIndexStep`], which writes the flattened corpus to
//! `match_target` and `match_entry` so the index always sees the same texts; [`load`] reads
//! those tables when present and joins the clusters of the *current* crosswalk build at load
//! time (a later `trellis crosswalk build` changes them without re-importing).

use rusqlite::{Connection, OptionalExtension, params};

use crate::model::{Corpus, Domain, EntryKind, Target};

/// Why the corpus could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("reading the match corpus from the database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error(
        "the database has no O*NET occupations or CIP programs to match against; \
         run `trellis data import DIR` on the folder of official files first"
    )]
    Empty,
}

/// DDL of the tables [`MatchIndexStep`] writes.
pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS match_target (
    domain     TEXT NOT NULL,      -- 'occupation' or 'program'
    code       TEXT NOT NULL,      -- O*NET-SOC, SOC (when O*NET has no occupation) or CIP
    title      TEXT NOT NULL,
    soc        TEXT,               -- SOC 2018 detailed code of an occupation
    employment REAL,               -- persons: the ranking prior
    UNIQUE (domain, code)
);
CREATE TABLE IF NOT EXISTS match_entry (
    domain TEXT NOT NULL,
    code   TEXT NOT NULL,
    kind   TEXT NOT NULL,          -- title, alternate_title, short_title, reported_title,
                                   -- soc_title, cip_title, cip_example, description, task, definition
    text   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS match_entry_code ON match_entry (domain, code);
";

fn table_exists(conn: &Connection, name: &str) -> rusqlite::Result<bool> {
    conn.query_row("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", [name], |_| {
        Ok(())
    })
    .optional()
    .map(|o| o.is_some())
}

/// Loads the corpus: from `match_*` when the import wrote them, else from the source tables.
pub fn load(conn: &Connection) -> Result<Corpus, CorpusError> {
    let mut corpus =
        if table_exists(conn, "match_target")? { load_flat(conn)? } else { from_sources(conn)? };
    if corpus.targets.is_empty() {
        return Err(CorpusError::Empty);
    }
    attach_clusters(conn, &mut corpus)?;
    Ok(corpus)
}

fn load_flat(conn: &Connection) -> Result<Corpus, CorpusError> {
    let mut corpus = Corpus::new();
    let mut stmt = conn
        .prepare("SELECT domain, code, title, soc, employment FROM match_target ORDER BY rowid")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let domain: String = r.get(0)?;
        corpus.add_target(Target {
            code: r.get(1)?,
            domain: parse_domain(&domain),
            title: r.get(2)?,
            soc: r.get(3)?,
            employment: r.get(4)?,
            cluster: None,
            sub_cluster: None,
        });
    }
    let mut stmt =
        conn.prepare("SELECT domain, code, kind, text FROM match_entry ORDER BY rowid")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let domain: String = r.get(0)?;
        let code: String = r.get(1)?;
        let kind: String = r.get(2)?;
        let text: String = r.get(3)?;
        if let Some(kind) = EntryKind::parse(&kind) {
            corpus.add_entry(parse_domain(&domain), &code, kind, &text);
        }
    }
    Ok(corpus)
}

fn parse_domain(s: &str) -> Domain {
    if s == "program" { Domain::Program } else { Domain::Occupation }
}

/// Reads the corpus from the imported official tables.
pub fn from_sources(conn: &Connection) -> Result<Corpus, CorpusError> {
    let mut corpus = Corpus::new();
    let employment = soc_employment(conn)?;
    let emp = |soc: &str| employment.get(soc).copied();

    if table_exists(conn, "onet_occupation")? {
        let mut stmt = conn.prepare(
            "SELECT onet_soc, soc, title, description FROM onet_occupation ORDER BY onet_soc",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let code: String = r.get(0)?;
            let soc: String = r.get(1)?;
            let title: String = r.get(2)?;
            let description: String = r.get(3)?;
            corpus.add_target(Target {
                code: code.clone(),
                domain: Domain::Occupation,
                title,
                employment: emp(&soc),
                soc: Some(soc),
                cluster: None,
                sub_cluster: None,
            });
            corpus.add_entry(Domain::Occupation, &code, EntryKind::Description, &description);
        }
        if table_exists(conn, "onet_alternate_title")? {
            let mut stmt =
                conn.prepare("SELECT onet_soc, title, short_title FROM onet_alternate_title")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let code: String = r.get(0)?;
                let title: String = r.get(1)?;
                let short: Option<String> = r.get(2)?;
                corpus.add_entry(Domain::Occupation, &code, EntryKind::AltTitle, &title);
                if let Some(short) = short.filter(|s| s != "n/a") {
                    corpus.add_entry(Domain::Occupation, &code, EntryKind::ShortTitle, &short);
                }
            }
        }
        if table_exists(conn, "onet_reported_title")? {
            let mut stmt = conn.prepare("SELECT onet_soc, title FROM onet_reported_title")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let code: String = r.get(0)?;
                let title: String = r.get(1)?;
                corpus.add_entry(Domain::Occupation, &code, EntryKind::ReportedTitle, &title);
            }
        }
        if table_exists(conn, "onet_task")? {
            let mut stmt = conn.prepare("SELECT onet_soc, task FROM onet_task")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let code: String = r.get(0)?;
                let task: String = r.get(1)?;
                corpus.add_entry(Domain::Occupation, &code, EntryKind::Task, &task);
            }
        }
    }

    if table_exists(conn, "soc")? {
        let mut stmt = conn.prepare(
            "SELECT code, title, definition FROM soc WHERE level = 'detailed' ORDER BY code",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let soc: String = r.get(0)?;
            let title: String = r.get(1)?;
            let definition: Option<String> = r.get(2)?;
            let code = soc_target(&corpus, &soc).unwrap_or_else(|| {
                let code = soc.clone();
                corpus.add_target(Target {
                    code: code.clone(),
                    domain: Domain::Occupation,
                    title: title.clone(),
                    soc: Some(soc.clone()),
                    employment: emp(&soc),
                    cluster: None,
                    sub_cluster: None,
                });
                code
            });
            corpus.add_entry(Domain::Occupation, &code, EntryKind::SocTitle, &title);
            if let Some(d) = definition {
                corpus.add_entry(Domain::Occupation, &code, EntryKind::Definition, &d);
            }
        }
    }

    if table_exists(conn, "cip")? {
        // A program's prior is the employment of the occupations it prepares for.
        let mut program_emp: ahash::AHashMap<String, f64> = ahash::AHashMap::new();
        if table_exists(conn, "cip_soc")? {
            let mut stmt = conn.prepare("SELECT cip, soc FROM cip_soc")?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let cip: String = r.get(0)?;
                let soc: String = r.get(1)?;
                *program_emp.entry(cip).or_default() += emp(&soc).unwrap_or(0.0);
            }
        }
        // CIP 2020 keeps codes titled "Reserved" for Statistics Canada; no US program has them.
        let mut stmt = conn.prepare(
            "SELECT code, title, definition, examples FROM cip
             WHERE level = 'program' AND title <> 'Reserved' ORDER BY code",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let code: String = r.get(0)?;
            let title: String = r.get(1)?;
            let definition: String = r.get(2)?;
            let examples: Option<String> = r.get(3)?;
            corpus.add_target(Target {
                code: code.clone(),
                domain: Domain::Program,
                title: title.trim_end_matches('.').to_string(),
                soc: None,
                employment: program_emp.get(&code).copied(),
                cluster: None,
                sub_cluster: None,
            });
            corpus.add_entry(Domain::Program, &code, EntryKind::Definition, &definition);
            for ex in cip_examples(examples.as_deref().unwrap_or("")) {
                corpus.add_entry(Domain::Program, &code, EntryKind::CipExample, ex);
            }
        }
    }
    Ok(corpus)
}

/// The O*NET-SOC `.00` occupation of a SOC code, or any O*NET occupation in it.
fn soc_target(corpus: &Corpus, soc: &str) -> Option<String> {
    let main = format!("{soc}.00");
    if corpus.target_index(Domain::Occupation, &main).is_some() {
        return Some(main);
    }
    corpus
        .targets
        .iter()
        .find(|t| t.domain == Domain::Occupation && t.soc.as_deref() == Some(soc))
        .map(|t| t.code.clone())
}

/// NCES writes examples as "Examples: - Farm Equipment Operator, - Agroecology".
pub fn cip_examples(raw: &str) -> impl Iterator<Item = &str> {
    let raw = raw.trim();
    let raw = raw.strip_prefix("Examples:").unwrap_or(raw);
    raw.split(", -")
        .map(|s| s.trim().trim_start_matches('-').trim().trim_end_matches(['.', ',']).trim())
        .filter(|s| !s.is_empty())
}

/// National employment by SOC detailed code: EP base-year employment (latest vintage),
/// else OEWS national cross-industry employment.
fn soc_employment(conn: &Connection) -> Result<ahash::AHashMap<String, f64>, CorpusError> {
    let mut out = ahash::AHashMap::new();
    if table_exists(conn, "oews")? {
        let mut stmt = conn.prepare(
            "SELECT soc, tot_emp FROM oews WHERE area = 'US' AND naics = '000000' \
             AND tot_emp IS NOT NULL AND vintage = (SELECT MAX(vintage) FROM oews WHERE area = 'US')",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            out.insert(r.get::<_, String>(0)?, r.get::<_, f64>(1)?);
        }
    }
    if table_exists(conn, "ep_occupation")? {
        let mut stmt = conn.prepare(
            "SELECT soc, emp_base FROM ep_occupation WHERE occ_type = 'line_item' \
             AND emp_base IS NOT NULL AND vintage = (SELECT MAX(vintage) FROM ep_occupation)",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            out.insert(r.get::<_, String>(0)?, r.get::<_, f64>(1)?);
        }
    }
    // Codes published only inside an aggregate take a share of it.
    let mut detailed: Vec<String> = Vec::new();
    for (table, sql) in [
        ("soc", "SELECT code FROM soc WHERE level = 'detailed'"),
        ("onet_occupation", "SELECT DISTINCT soc FROM onet_occupation"),
    ] {
        if table_exists(conn, table)? {
            let mut stmt = conn.prepare(sql)?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                detailed.push(r.get(0)?);
            }
        }
    }
    let detailed: Vec<&str> = detailed.iter().map(String::as_str).collect();
    let filled =
        crate::employment::from_aggregates(out.iter().map(|(k, v)| (k.as_str(), *v)), &detailed);
    out.extend(filled);
    Ok(out)
}

/// Sets each target's primary cluster and sub-cluster from the current crosswalk build.
pub fn attach_clusters(conn: &Connection, corpus: &mut Corpus) -> Result<(), CorpusError> {
    if !table_exists(conn, "crosswalk_build")? || !table_exists(conn, "xw_occupation")? {
        return Ok(());
    }
    let build: Option<i64> = conn
        .query_row(
            "SELECT id FROM crosswalk_build WHERE is_current = 1 ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let Some(build) = build else { return Ok(()) };
    let mut by_soc: ahash::AHashMap<String, (String, Option<String>)> = ahash::AHashMap::new();
    let mut stmt = conn.prepare(
        "SELECT soc, cluster_id, sub_cluster_id FROM xw_occupation WHERE build_id = ?1 AND is_primary = 1",
    )?;
    let mut rows = stmt.query(params![build])?;
    while let Some(r) = rows.next()? {
        by_soc.insert(r.get(0)?, (r.get(1)?, r.get(2)?));
    }
    let mut by_cip: ahash::AHashMap<String, (String, Option<String>)> = ahash::AHashMap::new();
    if table_exists(conn, "xw_program")? {
        let mut stmt = conn.prepare(
            "SELECT cip, cluster_id, sub_cluster_id FROM xw_program WHERE build_id = ?1 AND is_primary = 1",
        )?;
        let mut rows = stmt.query(params![build])?;
        while let Some(r) = rows.next()? {
            by_cip.insert(r.get(0)?, (r.get(1)?, r.get(2)?));
        }
    }
    for t in &mut corpus.targets {
        let found = match t.domain {
            Domain::Occupation => t.soc.as_ref().and_then(|s| by_soc.get(s)),
            Domain::Program => by_cip.get(&t.code),
        };
        if let Some((c, sc)) = found {
            t.cluster = Some(c.clone());
            t.sub_cluster = sc.clone();
        }
    }
    Ok(())
}

/// Writes the flattened corpus to `match_target` / `match_entry` (replacing their rows).
pub fn store(conn: &Connection, corpus: &Corpus) -> Result<(), CorpusError> {
    // One transaction for the ~100,000 rows, unless the caller already holds one: row by row
    // in autocommit mode costs a journal write per row.
    let tx = if conn.is_autocommit() { Some(conn.unchecked_transaction()?) } else { None };
    write_rows(conn, corpus)?;
    if let Some(tx) = tx {
        tx.commit()?;
    }
    Ok(())
}

fn write_rows(conn: &Connection, corpus: &Corpus) -> Result<(), CorpusError> {
    conn.execute_batch(SCHEMA)?;
    conn.execute("DELETE FROM match_target", [])?;
    conn.execute("DELETE FROM match_entry", [])?;
    trellis_store::bulk::insert(
        conn,
        "match_target",
        "domain, code, title, soc, employment",
        &corpus.targets,
        |r, t| {
            r.put(t.domain.as_str())?;
            r.put(&t.code)?;
            r.put(&t.title)?;
            r.put(&t.soc)?;
            r.put(t.employment)
        },
    )?;
    trellis_store::bulk::insert(
        conn,
        "match_entry",
        "domain, code, kind, text",
        &corpus.entries,
        |r, e| {
            let target = &corpus.targets[e.target as usize];
            r.put(target.domain.as_str())?;
            r.put(&target.code)?;
            r.put(e.kind.as_str())?;
            r.put(&e.text)
        },
    )?;
    Ok(())
}

/// The `trellis data import` step: reads the corpus from the freshly imported tables, checks
/// that an index builds from it, and stores it in `match_target` / `match_entry`.
pub struct MatchIndexStep;

impl MatchIndexStep {
    /// Runs the step on a database connection (the body of the build step).
    pub fn run_on(&self, conn: &Connection) -> Result<(), CorpusError> {
        let corpus = from_sources(conn)?;
        if corpus.targets.is_empty() {
            return Err(CorpusError::Empty);
        }
        store(conn, &corpus)
    }
}

/// Loads the corpus and builds the matcher in one call.
pub fn matcher(conn: &Connection) -> Result<crate::Matcher, CorpusError> {
    Ok(crate::Matcher::build(&load(conn)?))
}

impl trellis_store::BuildStep for MatchIndexStep {
    fn name(&self) -> &str {
        "match index"
    }

    fn run(&self, conn: &Connection) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        Ok(self.run_on(conn)?)
    }

    fn prepare(
        &self,
        read: &Connection,
    ) -> Result<
        Option<Box<dyn trellis_store::StepRows + '_>>,
        Box<dyn std::error::Error + Send + Sync>,
    > {
        let corpus = from_sources(read)?;
        if corpus.targets.is_empty() {
            return Err(CorpusError::Empty.into());
        }
        Ok(Some(Box::new(PreparedCorpus(corpus))))
    }
}

/// The corpus [`MatchIndexStep`] read, stored by `write`.
struct PreparedCorpus(Corpus);

impl trellis_store::StepRows for PreparedCorpus {
    fn write(
        self: Box<Self>,
        conn: &Connection,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        Ok(store(conn, &self.0)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flattened_corpus_round_trips_and_takes_current_clusters() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE onet_occupation (onet_soc TEXT, soc TEXT, title TEXT, description TEXT);
             CREATE TABLE onet_alternate_title (onet_soc TEXT, title TEXT, short_title TEXT, sources TEXT);
             CREATE TABLE cip (code TEXT, level TEXT, title TEXT, definition TEXT, examples TEXT);
             CREATE TABLE crosswalk_build (id INTEGER PRIMARY KEY, is_current INTEGER);
             CREATE TABLE xw_occupation (build_id INTEGER, soc TEXT, cluster_id TEXT, sub_cluster_id TEXT, is_primary INTEGER);
             INSERT INTO onet_occupation VALUES ('51-4041.00', '51-4041', 'Machinists', 'Set up machines.');
             INSERT INTO onet_alternate_title VALUES ('51-4041.00', 'CNC Machinist', 'n/a', '08');
             INSERT INTO onet_alternate_title VALUES ('99-9999.00', 'Unknown code', NULL, NULL);
             INSERT INTO cip VALUES ('48.0508', 'program', 'Welding Technology/Welder', 'A program.', 'Examples: - Arc Welding, - Pipe Welding');
             INSERT INTO cip VALUES ('01.0480', 'program', 'Reserved', 'Reserved for use by Statistics Canada.', NULL);
             INSERT INTO crosswalk_build VALUES (1, 0), (2, 1);
             INSERT INTO xw_occupation VALUES (1, '51-4041', 'old', NULL, 1), (2, '51-4041', 'advanced-manufacturing', 'production-automation', 1);",
        )
        .unwrap();
        MatchIndexStep.run_on(&conn).unwrap();
        let corpus = load(&conn).unwrap();
        assert_eq!(corpus.targets.len(), 2, "the machinists and welding, not the reserved code");
        assert!(corpus.targets.iter().all(|t| t.code != "01.0480"));
        let m = &corpus.targets[0];
        assert_eq!(m.cluster.as_deref(), Some("advanced-manufacturing"));
        assert_eq!(m.sub_cluster.as_deref(), Some("production-automation"));
        let kinds: Vec<EntryKind> = corpus.entries.iter().map(|e| e.kind).collect();
        assert!(kinds.contains(&EntryKind::AltTitle) && kinds.contains(&EntryKind::Description));
        let examples: Vec<&str> = corpus
            .entries
            .iter()
            .filter(|e| e.kind == EntryKind::CipExample)
            .map(|e| e.text.as_str())
            .collect();
        assert_eq!(examples, ["Arc Welding", "Pipe Welding"]);
        let matcher = crate::Matcher::build(&corpus);
        let hit = &matcher.search("cnc machinist", Domain::Occupation, 1)[0];
        assert_eq!(hit.cluster.as_deref(), Some("advanced-manufacturing"));
    }

    #[test]
    fn an_empty_database_says_to_import() {
        let conn = Connection::open_in_memory().unwrap();
        let err = load(&conn).unwrap_err().to_string();
        assert!(err.contains("trellis data import"), "{err}");
    }
}
