//! Cross-reference checks after every file is in: each SOC, CIP, NAICS and O*NET-SOC code that
//! one file uses must be defined by its classification file. Codes that are not are reported
//! with counts; BLS aggregate SOC codes are kept and mapped to the detailed occupations they
//! stand for (`soc_aggregate`).

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::Serialize;
use trellis_framework::codes::Soc;

use super::aggregate::SocTitles;

/// A code a file uses that its classification does not define.
#[derive(Debug, Clone, Serialize)]
pub struct UnknownCode {
    /// 'SOC', 'CIP', 'NAICS' or 'O*NET-SOC'.
    pub system: String,
    pub code: String,
    pub title: Option<String>,
    /// The table it appears in (`oews`, `ep_occupation`, `nem`, `cip_soc`, ...).
    pub used_in: String,
    /// Rows using it.
    pub count: i64,
    /// For BLS aggregates: the SOC 2018 detailed codes it stands for (empty when unresolved).
    pub mapped_to: Vec<String>,
}

/// One check: rows of `table` whose code is not defined. The query yields (code, title, count).
struct Check {
    system: &'static str,
    table: &'static str,
    /// `oews`/`ep`/`nem` when unknown codes are BLS aggregates to map.
    aggregate_origin: Option<&'static str>,
    sql: &'static str,
}

const fn check(
    system: &'static str,
    table: &'static str,
    aggregate_origin: Option<&'static str>,
    sql: &'static str,
) -> Check {
    Check { system, table, aggregate_origin, sql }
}

const CHECKS: &[Check] = &[
    check(
        "SOC",
        "oews",
        Some("oews"),
        // The few codes first (from the index by occupation alone), then only their rows: a
        // test of every row's group reads each row of the table (60-130 ms, against ~30).
        "SELECT o.soc, NULL, count(*), min(o.occ_title) FROM oews o
          WHERE o.soc IN (SELECT DISTINCT soc FROM oews
                          WHERE soc NOT IN (SELECT code FROM soc WHERE level = 'detailed'))
          AND o.o_group = 'detailed'
          GROUP BY o.soc ORDER BY o.soc",
    ),
    check(
        "SOC",
        "ep_occupation",
        Some("ep"),
        "SELECT e.soc, NULL, count(*), min(e.title) FROM ep_occupation e
          WHERE e.occ_type = 'line_item'
          AND NOT EXISTS (SELECT 1 FROM soc s WHERE s.code = e.soc AND s.level = 'detailed')
          GROUP BY e.soc ORDER BY e.soc",
    ),
    check(
        "SOC",
        "ep_occupation",
        None,
        "SELECT e.soc, NULL, count(*), min(e.title) FROM ep_occupation e
          WHERE e.occ_type = 'summary' AND e.soc <> '00-0000'
          AND NOT EXISTS (SELECT 1 FROM soc s WHERE s.code = e.soc)
          GROUP BY e.soc ORDER BY e.soc",
    ),
    check(
        "SOC",
        "nem",
        Some("nem"),
        "SELECT n.soc, NULL, count(*), NULL FROM nem n
          WHERE n.soc_version = '2018' AND n.occ_type = 'line_item'
          AND n.soc NOT IN (SELECT code FROM soc WHERE level = 'detailed')
          GROUP BY n.soc ORDER BY n.soc",
    ),
    check(
        "SOC",
        "cip_soc",
        None,
        "SELECT c.soc, NULL, count(*), NULL FROM cip_soc c
          WHERE NOT EXISTS (SELECT 1 FROM soc s WHERE s.code = c.soc)
          GROUP BY c.soc ORDER BY c.soc",
    ),
    check(
        "CIP",
        "cip_soc",
        None,
        "SELECT c.cip, NULL, count(*), NULL FROM cip_soc c
          WHERE NOT EXISTS (SELECT 1 FROM cip p WHERE p.code = c.cip)
          GROUP BY c.cip ORDER BY c.cip",
    ),
    check(
        "SOC",
        "onet_occupation",
        None,
        "SELECT o.soc, NULL, count(*), min(o.title) FROM onet_occupation o
          WHERE NOT EXISTS (SELECT 1 FROM soc s WHERE s.code = o.soc)
          GROUP BY o.soc ORDER BY o.soc",
    ),
    check(
        "O*NET-SOC",
        "cluster2002_occupation",
        None,
        "SELECT c.onet_soc, NULL, count(*), NULL FROM cluster2002_occupation c
          WHERE c.code_version = 'onet-soc-2019'
          AND NOT EXISTS (SELECT 1 FROM onet_occupation o WHERE o.onet_soc = c.onet_soc)
          GROUP BY c.onet_soc ORDER BY c.onet_soc",
    ),
    check(
        "NAICS",
        "oews",
        None,
        "SELECT o.naics, NULL, count(*), NULL FROM oews o
          WHERE o.naics NOT IN ('000000', '99')
          AND o.naics NOT IN (SELECT code FROM naics)
          GROUP BY o.naics ORDER BY o.naics",
    ),
];

/// The codes the classification files define, gathered from the readers' records so that the
/// side writer can check its tables before they are merged.
#[derive(Debug, Default)]
pub struct ReferenceCodes {
    /// SOC codes with their level (`detailed`, ...).
    pub soc: Vec<(String, &'static str)>,
    pub naics: Vec<String>,
}

/// The results of the checks of tables the side writer holds, by index into [`CHECKS`].
pub type SideResults = Vec<(usize, Vec<CheckRow>)>;

/// (code, rows using it, title) as a check's query yields it.
type CheckRow = (String, i64, Option<String>);

/// Whether a check reads only tables the side writer fills (OEWS and the matrix).
fn on_side(check: &Check) -> bool {
    matches!(check.table, "oews" | "nem")
}

/// Runs the checks of the side writer's tables on its own connection, before the merge, so they
/// overlap with the main writer's work instead of adding to the serial tail. Temporary `soc`
/// and `naics` tables of the reference codes shadow the (empty) ones of the side database, so
/// each check runs the very query [`cross_references`] would run after the merge.
pub fn side_checks(side: &Connection, refs: &ReferenceCodes) -> rusqlite::Result<SideResults> {
    side.execute_batch(
        "CREATE TEMP TABLE soc (code TEXT PRIMARY KEY, level TEXT NOT NULL) WITHOUT ROWID;
         CREATE TEMP TABLE naics (code TEXT PRIMARY KEY) WITHOUT ROWID;",
    )?;
    {
        let mut st =
            side.prepare("INSERT OR IGNORE INTO temp.soc (code, level) VALUES (?1, ?2)")?;
        for (code, level) in &refs.soc {
            st.execute((code, level))?;
        }
        let mut st = side.prepare("INSERT OR IGNORE INTO temp.naics (code) VALUES (?1)")?;
        for code in &refs.naics {
            st.execute([code])?;
        }
    }
    let mut results = Vec::new();
    for (i, check) in CHECKS.iter().enumerate().filter(|(_, c)| on_side(c)) {
        let reference_empty = match check.system {
            "SOC" => refs.soc.is_empty(),
            "NAICS" => refs.naics.is_empty(),
            _ => true,
        };
        if reference_empty {
            continue;
        }
        results.push((i, run_check(side, check)?));
    }
    side.execute_batch("DROP TABLE temp.soc; DROP TABLE temp.naics;")?;
    Ok(results)
}

fn run_check(conn: &Connection, check: &Check) -> rusqlite::Result<Vec<CheckRow>> {
    let mut st = conn.prepare(check.sql)?;
    st.query_map([], |r| Ok((r.get(0)?, r.get(2)?, r.get(3)?)))?.collect()
}

/// Runs every check whose tables have rows, fills `soc_aggregate`, and returns the unknown
/// codes. Unknown codes are reported, not fatal: they are what the official files publish.
/// Checks found in `side` were already run on the side writer (same query, same codes).
pub fn cross_references(
    conn: &Connection,
    mut side: SideResults,
) -> rusqlite::Result<Vec<UnknownCode>> {
    let have_soc: bool = conn.query_row("SELECT count(*) > 0 FROM soc", [], |r| r.get(0))?;
    let titles: BTreeMap<Soc, String> = {
        let mut st = conn.prepare("SELECT code, title FROM soc")?;
        st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .filter_map(|r| r.ok())
            .filter_map(|(c, t)| c.parse::<Soc>().ok().map(|c| (c, t)))
            .collect()
    };
    let soc_titles = SocTitles { titles: &titles };
    let mut unknown = Vec::new();
    let mut insert = conn.prepare(
        "INSERT OR IGNORE INTO soc_aggregate (code, title, detailed, origin) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, check) in CHECKS.iter().enumerate() {
        // Nothing to check against when the classification file was not imported.
        let reference_empty = match check.system {
            "SOC" => !have_soc,
            "CIP" => conn.query_row("SELECT count(*) = 0 FROM cip", [], |r| r.get(0))?,
            "NAICS" => conn.query_row("SELECT count(*) = 0 FROM naics", [], |r| r.get(0))?,
            _ => conn.query_row("SELECT count(*) = 0 FROM onet_occupation", [], |r| r.get(0))?,
        };
        if reference_empty {
            continue;
        }
        let rows = match side.iter().position(|(j, _)| *j == i) {
            Some(k) => side.swap_remove(k).1,
            None => run_check(conn, check)?,
        };
        for (code, count, title) in rows {
            let title = match title {
                None if check.aggregate_origin.is_some() => bls_title(conn, &code)?,
                t => t,
            };
            let mut mapped_to = Vec::new();
            if let (Some(origin), Ok(soc)) = (check.aggregate_origin, code.parse::<Soc>()) {
                let t = title.clone().unwrap_or_default();
                for d in soc_titles.expand(soc, &t) {
                    insert.execute([&code, &t, &d.to_string(), origin])?;
                    mapped_to.push(d.to_string());
                }
            }
            if mapped_to.is_empty() {
                tracing::warn!(
                    "{} code {code} is used by {count} rows of {} but is not defined{}",
                    check.system,
                    check.table,
                    if check.aggregate_origin.is_some() {
                        " and could not be mapped to detailed occupations"
                    } else {
                        ""
                    }
                );
            } else {
                tracing::info!(
                    "{} aggregate {code} ({} rows of {}) stands for {}",
                    check.system,
                    count,
                    check.table,
                    mapped_to.join(", ")
                );
            }
            unknown.push(UnknownCode {
                system: check.system.to_string(),
                code,
                title,
                used_in: check.table.to_string(),
                count,
                mapped_to,
            });
        }
    }
    Ok(unknown)
}

/// The title BLS publishes for a code outside SOC, from the EP or OEWS rows that use it.
fn bls_title(conn: &Connection, code: &str) -> rusqlite::Result<Option<String>> {
    use rusqlite::OptionalExtension;
    let ep: Option<String> = conn
        .query_row("SELECT title FROM ep_occupation WHERE soc = ?1 LIMIT 1", [code], |r| r.get(0))
        .optional()?;
    if ep.is_some() {
        return Ok(ep);
    }
    conn.query_row("SELECT min(occ_title) FROM oews WHERE soc = ?1", [code], |r| r.get(0))
        .optional()
        .map(Option::flatten)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOC: &[(&str, &str, &str)] = &[
        ("13-0000", "major", "Business and Financial Operations Occupations"),
        ("13-1000", "minor", "Business Operations Specialists"),
        ("13-1020", "broad", "Buyers and Purchasing Agents"),
        ("13-1021", "detailed", "Buyers and Purchasing Agents, Farm Products"),
        ("13-1022", "detailed", "Wholesale and Retail Buyers, Except Farm Products"),
        ("13-1023", "detailed", "Purchasing Agents, Except Wholesale, Retail, and Farm Products"),
        ("15-1252", "detailed", "Software Developers"),
    ];

    fn oews(conn: &Connection, naics: &str, soc: &str, title: &str, group: &str) {
        conn.execute(
            "INSERT INTO oews (vintage, area_type, area, area_title, naics, soc, occ_title, o_group,
                tot_emp_status, a_mean_status, a_pct10_status, a_pct25_status, a_median_status,
                a_pct75_status, a_pct90_status, h_median_status, source_id)
             VALUES ('M2024', 'national', 'US', 'U.S.', ?1, ?2, ?3, ?4,
                'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 1)",
            (naics, soc, title, group),
        )
        .unwrap();
    }

    /// OEWS rows with an aggregate code and an unknown sector, in whichever database.
    fn fill_oews(conn: &Connection) {
        oews(conn, "000000", "13-1020", "Buyers and Purchasing Agents", "detailed");
        oews(conn, "000000", "15-1252", "Software Developers", "detailed");
        oews(conn, "000000", "13-0000", "Business and Financial Operations", "major");
        oews(conn, "51", "13-1020", "Buyers and Purchasing Agents", "detailed");
        oews(conn, "77", "15-1252", "Software Developers", "detailed");
    }

    fn fill_classifications(conn: &Connection) {
        for (code, level, title) in SOC {
            conn.execute(
                "INSERT INTO soc (code, level, title, source_id) VALUES (?1, ?2, ?3, 1)",
                (code, level, title),
            )
            .unwrap();
        }
        conn.execute(
            "INSERT INTO naics (code, level, title, source_id) VALUES ('51', 'sector', 'Information', 1)",
            [],
        )
        .unwrap();
    }

    fn database() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        super::super::schema::prepare_fresh(&conn).unwrap();
        conn
    }

    fn summary(unknown: &[UnknownCode]) -> Vec<String> {
        unknown
            .iter()
            .map(|u| {
                format!(
                    "{} {} {} {} {:?} {:?}",
                    u.system, u.code, u.used_in, u.count, u.title, u.mapped_to
                )
            })
            .collect()
    }

    #[test]
    fn side_checks_find_what_the_checks_after_the_merge_find() {
        // Every table in one database, all checks after the "merge".
        let merged = database();
        fill_classifications(&merged);
        fill_oews(&merged);
        let expected = cross_references(&merged, Vec::new()).unwrap();

        // OEWS on a side database, checked there against the codes the readers found.
        let side = database();
        fill_oews(&side);
        let refs = ReferenceCodes {
            soc: SOC.iter().map(|(c, l, _)| (c.to_string(), *l)).collect(),
            naics: vec!["51".to_string()],
        };
        let side_results = side_checks(&side, &refs).unwrap();
        assert!(!side_results.is_empty(), "the OEWS checks ran on the side database");
        // The main database has no OEWS rows: what it reports comes from the side checks.
        let main = database();
        fill_classifications(&main);
        let got = cross_references(&main, side_results).unwrap();

        assert_eq!(summary(&got), summary(&expected));
        let codes: Vec<&str> = got.iter().map(|u| u.code.as_str()).collect();
        assert_eq!(codes, ["13-1020", "77"], "{:?}", summary(&got));
        assert_eq!(got[0].mapped_to, ["13-1021", "13-1022", "13-1023"]);
        // The temporary reference tables are gone: the merge copies the side tables only.
        let temp: i64 =
            side.query_row("SELECT count(*) FROM temp.sqlite_schema", [], |r| r.get(0)).unwrap();
        assert_eq!(temp, 0);
    }
}
