//! Reads the tables of the Trellis database (schemas in `trellis_store::SCHEMA` and the
//! crosswalk schema) into a `LaborData` snapshot, with one query per table.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{DbContext, LaborError, Result};
use crate::figure::{Figure, Status};
use crate::model::{
    Assignment, Cluster, LaborData, NationalFigures, Occupation, Program, SectorGroup, SourceRow,
    StateCell, StateData, Technology, Wages,
};

/// Which optional inputs the snapshot found, for notes in the outputs.
#[derive(Debug, Clone, Default)]
pub struct LoadReport {
    /// Crosswalk cluster ids that the framework does not know (their rows were skipped).
    pub unknown_cluster_ids: BTreeSet<String>,
}

impl LaborData {
    /// Loads the snapshot from an open database. `clusters` is the framework's list (see
    /// `crate::framework_clusters`); crosswalk rows are matched to it by id.
    pub fn load(conn: &Connection, clusters: Vec<Cluster>) -> Result<LaborData> {
        Self::load_with_report(conn, clusters).map(|(d, _)| d)
    }

    pub fn load_with_report(
        conn: &Connection,
        clusters: Vec<Cluster>,
    ) -> Result<(LaborData, LoadReport)> {
        let mut report = LoadReport::default();
        for t in ["ep_occupation", "oews"] {
            if !table_exists(conn, t)? {
                return Err(LaborError::MissingData { what: format!("table `{t}`") });
            }
        }
        let mut data = LaborData::default();
        data.clusters = clusters;
        data.vintages.projections = max_text(conn, "SELECT MAX(vintage) FROM ep_occupation")?
            .ok_or_else(|| LaborError::MissingData {
                what: "EP occupation projections (ep_occupation is empty)".into(),
            })?;
        data.vintages.oews = max_text(conn, "SELECT MAX(vintage) FROM oews")?
            .ok_or_else(|| LaborError::MissingData { what: "OEWS data (oews is empty)".into() })?;

        let detailed_of = load_code_map(conn)?;
        load_ep(conn, &mut data, &detailed_of)?;
        let oews = query_oews(conn, &data.vintages.oews)?;
        load_oews(&oews, &mut data, &detailed_of);
        data.occupations.sort_by(|a, b| a.code.cmp(&b.code));
        data.reindex();
        load_state_cells(&oews, &mut data);
        load_sectors(conn, &oews, &mut data)?;
        load_crosswalk(conn, &mut data, &mut report)?;
        load_programs(conn, &mut data)?;
        load_onet(conn, &mut data)?;
        load_past(conn, &mut data)?;
        load_sources(conn, &mut data)?;
        Ok((data, report))
    }
}

fn table_exists(conn: &Connection, name: &str) -> Result<bool> {
    conn.query_row("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?1", [name], |_| Ok(()))
        .optional()
        .ctx("looking up tables")
        .map(|r| r.is_some())
}

fn max_text(conn: &Connection, sql: &str) -> Result<Option<String>> {
    conn.query_row(sql, [], |r| r.get::<_, Option<String>>(0)).ctx(sql)
}

fn fig(value: Option<f64>, status: Option<String>) -> Figure {
    let status = match status {
        Some(s) => Status::parse(&s),
        None if value.is_some() => Status::Ok,
        None => Status::NotAvailable,
    };
    Figure::published(value, status)
}

/// Code → SOC 2018 detailed codes it stands for: a detailed code stands for itself, a BLS
/// aggregate for the codes listed in `soc_aggregate`.
fn load_code_map(conn: &Connection) -> Result<HashMap<String, (String, Vec<String>)>> {
    let mut map: HashMap<String, (String, Vec<String>)> = HashMap::new();
    if table_exists(conn, "soc")? {
        let mut st = conn
            .prepare("SELECT code, title FROM soc WHERE level = 'detailed'")
            .ctx("reading soc")?;
        let rows = st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .ctx("reading soc")?;
        for row in rows {
            let (code, title) = row.ctx("reading soc")?;
            map.insert(code.clone(), (title, vec![code]));
        }
    }
    if table_exists(conn, "soc_aggregate")? {
        let mut st = conn
            .prepare("SELECT code, title, detailed FROM soc_aggregate ORDER BY code, detailed")
            .ctx("reading soc_aggregate")?;
        let rows = st
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
            })
            .ctx("reading soc_aggregate")?;
        let mut aggregates: BTreeMap<String, (String, BTreeSet<String>)> = BTreeMap::new();
        for row in rows {
            let (code, title, detailed) = row.ctx("reading soc_aggregate")?;
            let e = aggregates.entry(code).or_insert_with(|| (title, BTreeSet::new()));
            e.1.insert(detailed);
        }
        for (code, (title, detailed)) in aggregates {
            // A code that is itself detailed keeps its own title; the aggregate adds coverage.
            let entry = map.entry(code.clone()).or_insert_with(|| (title, Vec::new()));
            for d in detailed {
                if !entry.1.contains(&d) {
                    entry.1.push(d);
                }
            }
        }
    }
    Ok(map)
}

fn new_occupation(
    code: &str,
    fallback_title: &str,
    detailed_of: &HashMap<String, (String, Vec<String>)>,
) -> Occupation {
    let (title, detailed) = match detailed_of.get(code) {
        Some((t, d)) if !d.is_empty() => (t.clone(), d.clone()),
        Some((t, _)) => (t.clone(), vec![code.to_string()]),
        None => (fallback_title.trim().to_string(), vec![code.to_string()]),
    };
    Occupation { code: code.to_string(), title, detailed, ..Default::default() }
}

fn load_ep(
    conn: &Connection,
    data: &mut LaborData,
    detailed_of: &HashMap<String, (String, Vec<String>)>,
) -> Result<()> {
    let mut st = conn
        .prepare(
            "SELECT soc, title, emp_base, emp_proj, emp_change, emp_change_pct, openings,
                    education, experience, training
             FROM ep_occupation WHERE vintage = ?1 AND occ_type = 'line_item'",
        )
        .ctx("reading ep_occupation")?;
    let rows = st
        .query_map([&data.vintages.projections], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                [r.get::<_, Option<f64>>(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?],
                [r.get::<_, Option<String>>(7)?, r.get(8)?, r.get(9)?],
            ))
        })
        .ctx("reading ep_occupation")?;
    for row in rows {
        let (code, title, nums, texts) = row.ctx("reading ep_occupation")?;
        let mut o = new_occupation(&code, &title, detailed_of);
        o.national.employment = fig(nums[0], None);
        o.national.employment_projected = fig(nums[1], None);
        o.national.change = fig(nums[2], None);
        o.national.change_pct = fig(nums[3], None);
        o.national.openings = fig(nums[4], None);
        let clean = |t: Option<String>| {
            t.map(|s| s.trim().to_string()).filter(|s| !s.is_empty() && s != "—")
        };
        let [ed, ex, tr] = texts;
        o.education = clean(ed);
        o.experience = clean(ex);
        o.training = clean(tr);
        data.occupations.push(o);
    }
    if data.occupations.is_empty() {
        return Err(LaborError::MissingData { what: "EP line-item occupations".into() });
    }
    Ok(())
}

/// area_type, area, fips, area title, naics, soc, o_group, values, statuses, location quotient.
type OewsRow = (
    String,
    String,
    Option<String>,
    String,
    String,
    String,
    String,
    [Option<f64>; 6],
    [Option<String>; 6],
    Option<f64>,
);

/// Values and statuses in the order of `query_oews`: employment, pct10, pct25, median, mean,
/// hourly median.
fn wages(nums: &[Option<f64>; 6], statuses: &[Option<String>; 6]) -> Wages {
    Wages {
        pct10: fig(nums[1], statuses[1].clone()),
        pct25: fig(nums[2], statuses[2].clone()),
        median: fig(nums[3], statuses[3].clone()),
        mean: fig(nums[4], statuses[4].clone()),
        hourly_median: fig(nums[5], statuses[5].clone()),
    }
}

fn query_oews(conn: &Connection, vintage: &str) -> Result<Vec<OewsRow>> {
    let mut st = conn
        .prepare(
            "SELECT area_type, area, area_fips, area_title, naics, soc, o_group,
                    tot_emp, a_pct10, a_pct25, a_median, a_mean, h_median,
                    tot_emp_status, a_pct10_status, a_pct25_status, a_median_status, a_mean_status,
                    h_median_status, loc_quotient
             FROM oews WHERE vintage = ?1",
        )
        .ctx("reading oews")?;
    let rows = st
        .query_map([vintage], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                [
                    r.get::<_, Option<f64>>(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                    r.get(11)?,
                    r.get(12)?,
                ],
                [
                    r.get::<_, Option<String>>(13)?,
                    r.get(14)?,
                    r.get(15)?,
                    r.get(16)?,
                    r.get(17)?,
                    r.get(18)?,
                ],
                r.get::<_, Option<f64>>(19)?,
            ))
        })
        .ctx("reading oews")?;
    rows.collect::<rusqlite::Result<Vec<_>>>().ctx("reading oews")
}

/// National cross-industry rows: national wages and OEWS employment, and occupations that EP
/// does not list.
fn load_oews(
    rows: &[OewsRow],
    data: &mut LaborData,
    detailed_of: &HashMap<String, (String, Vec<String>)>,
) {
    let mut by_code: HashMap<String, usize> =
        data.occupations.iter().enumerate().map(|(i, o)| (o.code.clone(), i)).collect();
    for (area_type, _area, _fips, _title, naics, soc, group, nums, statuses, _) in rows {
        if area_type != "national" || naics != "000000" {
            continue;
        }
        if group == "total" {
            let w = wages(nums, statuses);
            data.national_all_occupations_median = w.median.exact();
            data.national_all_occupations_mean = w.mean.exact();
            continue;
        }
        if group != "detailed" {
            continue;
        }
        let idx = *by_code.entry(soc.clone()).or_insert_with(|| {
            data.occupations.push(new_occupation(soc, soc, detailed_of));
            data.occupations.len() - 1
        });
        let n: &mut NationalFigures = &mut data.occupations[idx].national;
        n.oews_employment = fig(nums[0], statuses[0].clone());
        n.wages = wages(nums, statuses);
    }
}

fn load_state_cells(rows: &[OewsRow], data: &mut LaborData) {
    let mut states: BTreeMap<String, StateData> = BTreeMap::new();
    for (area_type, area, fips, title, naics, soc, group, nums, statuses, lq) in rows {
        // Territories (PR, GU, VI) are areas like the states when the data hold them.
        if !(area_type == "state" || area_type == "territory") || naics != "000000" {
            continue;
        }
        let n_occ = data.occupations.len();
        let state = states.entry(area.clone()).or_insert_with(|| StateData {
            code: area.clone(),
            name: title.clone(),
            fips: fips.clone(),
            cells: vec![None; n_occ],
            all_occupations_median: None,
            all_occupations_mean: None,
        });
        if group == "total" {
            let w = wages(nums, statuses);
            state.all_occupations_median = w.median.exact();
            state.all_occupations_mean = w.mean.exact();
            continue;
        }
        if group != "detailed" {
            continue;
        }
        let Some(idx) = data.occupation_index(soc) else { continue };
        if data.occupations[idx].code != *soc {
            // A detailed code reported separately from the aggregate we hold: skip, the
            // aggregate row (if any) carries the figures.
            continue;
        }
        state.cells[idx] = Some(StateCell {
            employment: fig(nums[0], statuses[0].clone()),
            wages: wages(nums, statuses),
            location_quotient: *lq,
        });
    }
    data.states = states.into_values().collect();
    data.reindex();
}

/// Two-digit OEWS sector of a NAICS code as OEWS groups them (31-33 → 31, 44-45 → 44,
/// 48-49 → 48).
pub fn oews_sector(naics: &str) -> Option<String> {
    let digits: String = naics.trim().chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.len() < 2 {
        return None;
    }
    let two = &digits[..2];
    Some(
        match two {
            "32" | "33" => "31",
            "45" => "44",
            "49" => "48",
            other => other,
        }
        .to_string(),
    )
}

/// The OEWS sectors an EP Table 2.2 row covers: "44, 45" → [44]; "54-56" → [54, 55, 56];
/// "48, 492, 493" → [48]; government rows (no NAICS) → [99].
pub fn sectors_of_output_row(title: &str, naics: Option<&str>) -> Vec<String> {
    let mut out = BTreeSet::new();
    if let Some(naics) = naics {
        for token in naics.split(',') {
            let token = token.trim();
            if let Some((a, b)) = token.split_once('-') {
                let (Ok(a), Ok(b)) = (a.trim().parse::<u32>(), b.trim().parse::<u32>()) else {
                    continue;
                };
                if a < 100 && b < 100 && a <= b {
                    for n in a..=b {
                        out.extend(oews_sector(&n.to_string()));
                    }
                }
            } else {
                out.extend(oews_sector(token));
            }
        }
    }
    if out.is_empty() && title.to_lowercase().contains("government") {
        out.insert("99".to_string());
    }
    out.into_iter().collect()
}

/// title, naics, output base year, output projected year.
type OutputRow = (String, Option<String>, Option<f64>, Option<f64>);
/// title, naics, OEWS sectors, output, projected output.
type OutputCandidate = (String, String, Vec<String>, f64, Option<f64>);
/// soc, cluster id, sub-cluster id, primary, share.
type XwRow = (String, String, Option<String>, bool, Option<f64>);

fn load_sectors(conn: &Connection, oews: &[OewsRow], data: &mut LaborData) -> Result<()> {
    if !table_exists(conn, "ep_industry_output")? {
        return Ok(());
    }
    let Some(vintage) =
        max_text(conn, "SELECT MAX(vintage) FROM ep_industry_output WHERE table_id = '2.2'")?
    else {
        return Ok(());
    };
    data.vintages.output = vintage.clone();
    let mut st = conn
        .prepare("SELECT title, naics, output_base, output_proj FROM ep_industry_output WHERE table_id = '2.2' AND vintage = ?1")
        .ctx("reading ep_industry_output")?;
    let rows: Vec<OutputRow> = st
        .query_map([&vintage], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .ctx("reading ep_industry_output")?
        .collect::<rusqlite::Result<_>>()
        .ctx("reading ep_industry_output")?;
    let candidates: Vec<OutputCandidate> = rows
        .into_iter()
        .filter_map(|(title, naics, out, proj)| {
            let sectors = sectors_of_output_row(&title, naics.as_deref());
            let out = out?;
            (!sectors.is_empty())
                .then(|| (title.trim().to_string(), naics.unwrap_or_default(), sectors, out, proj))
        })
        .collect();
    // Keep the finest rows: drop a row whose sectors strictly contain another row's.
    let leaves: Vec<_> = candidates
        .iter()
        .filter(|(_, _, s, _, _)| {
            !candidates
                .iter()
                .any(|(_, _, t, _, _)| t.len() < s.len() && t.iter().all(|x| s.contains(x)))
        })
        .cloned()
        .collect();
    // Rows with identical sector sets (federal and state/local government) form one group.
    let mut groups: Vec<SectorGroup> = Vec::new();
    for (title, naics, sectors, out, proj) in leaves {
        if let Some(g) = groups.iter_mut().find(|g| g.oews_sectors == sectors) {
            g.title = format!("{}; {}", g.title, title);
            g.output += out;
            g.output_projected = g.output_projected.zip(proj).map(|(a, b)| a + b);
        } else {
            groups.push(SectorGroup {
                title,
                naics,
                oews_sectors: sectors,
                output: out,
                output_projected: proj,
                employment: 0.0,
            });
        }
    }
    let sector_group: HashMap<String, usize> = groups
        .iter()
        .enumerate()
        .flat_map(|(i, g)| g.oews_sectors.iter().map(move |s| (s.clone(), i)))
        .collect();
    let mut per_occ: HashMap<(usize, usize), f64> = HashMap::new();
    for (area_type, _, _, _, naics, soc, group, nums, statuses, _) in oews {
        if area_type != "national" || naics == "000000" || group != "detailed" {
            continue;
        }
        let Some(sector) = oews_sector(naics) else { continue };
        let Some(&gi) = sector_group.get(&sector) else { continue };
        let Some(emp) = fig(nums[0], statuses[0].clone()).exact() else { continue };
        // The sector total counts every published cell, whatever the occupation.
        groups[gi].employment += emp;
        let Some(oi) = data.occupation_index(soc) else { continue };
        *per_occ.entry((oi, gi)).or_default() += emp;
    }
    for ((oi, gi), emp) in per_occ {
        data.occupations[oi].sector_employment.push((gi, emp));
    }
    for o in &mut data.occupations {
        o.sector_employment.sort_by_key(|x| x.0);
    }
    data.sectors = groups;
    Ok(())
}

fn load_crosswalk(conn: &Connection, data: &mut LaborData, report: &mut LoadReport) -> Result<()> {
    if !table_exists(conn, "crosswalk_build")? || !table_exists(conn, "xw_occupation")? {
        return Err(LaborError::NoCrosswalk);
    }
    let build: Option<i64> = conn
        .query_row(
            "SELECT id FROM crosswalk_build WHERE is_current = 1 ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()
        .ctx("reading crosswalk_build")?;
    let Some(build) = build else { return Err(LaborError::NoCrosswalk) };
    data.crosswalk_build = Some(build);
    let mut st = conn
        .prepare(
            "SELECT soc, cluster_id, sub_cluster_id, is_primary, cluster_share
             FROM xw_occupation WHERE build_id = ?1 ORDER BY soc, rank",
        )
        .ctx("reading xw_occupation")?;
    let rows: Vec<XwRow> = st
        .query_map([build], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, i64>(3)? != 0, r.get(4)?))
        })
        .ctx("reading xw_occupation")?
        .collect::<rusqlite::Result<_>>()
        .ctx("reading xw_occupation")?;
    // Rows keyed by the occupation they land on; rows for a code's own entry win over rows of
    // the detailed codes an aggregate covers.
    let mut own: HashMap<usize, Vec<Assignment>> = HashMap::new();
    let mut via_detailed: HashMap<usize, Vec<Assignment>> = HashMap::new();
    for (soc, cluster_id, sub_id, primary, share) in rows {
        let Some(oi) = data.occupation_index(&soc) else { continue };
        let Some(ci) = data.clusters.iter().position(|c| c.id == cluster_id) else {
            report.unknown_cluster_ids.insert(cluster_id);
            continue;
        };
        let si = sub_id.and_then(|s| data.clusters[ci].sub_clusters.iter().position(|x| x.id == s));
        let a = Assignment { cluster: ci, sub_cluster: si, primary, share };
        if data.occupations[oi].code == soc {
            own.entry(oi).or_default()
        } else {
            via_detailed.entry(oi).or_default()
        }
        .push(a);
    }
    for (oi, list) in via_detailed {
        if own.contains_key(&oi) {
            continue;
        }
        own.insert(oi, merge_detailed_assignments(list));
    }
    for (oi, list) in own {
        data.occupations[oi].assignments = list;
    }
    Ok(())
}

/// An aggregate code gets the clusters of the detailed codes it covers: the primary cluster
/// is the one most of them have as primary; shares are averaged.
fn merge_detailed_assignments(list: Vec<Assignment>) -> Vec<Assignment> {
    let mut primary_votes: BTreeMap<(usize, Option<usize>), usize> = BTreeMap::new();
    for a in list.iter().filter(|a| a.primary) {
        *primary_votes.entry((a.cluster, a.sub_cluster)).or_default() += 1;
    }
    let primary =
        primary_votes.iter().max_by_key(|(k, v)| (**v, std::cmp::Reverse(**k))).map(|(k, _)| *k);
    let n_detailed = list.iter().filter(|a| a.primary).count().max(1) as f64;
    let mut merged: Vec<Assignment> = Vec::new();
    for a in list {
        if let Some(m) =
            merged.iter_mut().find(|m| m.cluster == a.cluster && m.sub_cluster == a.sub_cluster)
        {
            m.share = m.share.zip(a.share).map(|(x, y)| x + y).or(m.share).or(a.share);
        } else {
            merged.push(Assignment { primary: false, ..a });
        }
    }
    for m in &mut merged {
        m.share = m.share.map(|s| s / n_detailed);
        m.primary = Some((m.cluster, m.sub_cluster)) == primary;
    }
    merged.sort_by_key(|m| !m.primary);
    merged
}

fn load_programs(conn: &Connection, data: &mut LaborData) -> Result<()> {
    if !table_exists(conn, "cip_soc")? {
        return Ok(());
    }
    let has_cip = table_exists(conn, "cip")?;
    let sql = if has_cip {
        "SELECT cs.soc, cs.cip, COALESCE(c.title, '') FROM cip_soc cs LEFT JOIN cip c ON c.code = cs.cip ORDER BY cs.cip"
    } else {
        "SELECT soc, cip, '' FROM cip_soc ORDER BY cip"
    };
    let mut st = conn.prepare(sql).ctx("reading cip_soc")?;
    let rows = st
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })
        .ctx("reading cip_soc")?;
    for row in rows {
        let (soc, cip, title) = row.ctx("reading cip_soc")?;
        let Some(oi) = data.occupation_index(&soc) else { continue };
        let programs = &mut data.occupations[oi].programs;
        if !programs.iter().any(|p| p.cip == cip) {
            programs.push(Program { cip, title });
        }
    }
    Ok(())
}

fn load_onet(conn: &Connection, data: &mut LaborData) -> Result<()> {
    if !table_exists(conn, "onet_occupation")? {
        return Ok(());
    }
    if table_exists(conn, "onet_technology")? {
        let mut st = conn
            .prepare(
                "SELECT o.soc, t.example, t.commodity_title, MAX(t.hot), MAX(t.in_demand)
                 FROM onet_technology t JOIN onet_occupation o ON o.onet_soc = t.onet_soc
                 GROUP BY o.soc, t.example, t.commodity_title ORDER BY o.soc, t.example",
            )
            .ctx("reading onet_technology")?;
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                ))
            })
            .ctx("reading onet_technology")?;
        for row in rows {
            let (soc, example, commodity, hot, in_demand) = row.ctx("reading onet_technology")?;
            let Some(oi) = data.occupation_index(&soc) else { continue };
            let tech = &mut data.occupations[oi].technology;
            if !tech.iter().any(|t| t.example == example) {
                tech.push(Technology {
                    example,
                    commodity,
                    hot: hot != 0,
                    in_demand: in_demand != 0,
                });
            }
        }
    }
    let mut element_ids: HashMap<String, u32> = HashMap::new();
    for (table, is_skill) in [("onet_skill", true), ("onet_knowledge", false)] {
        if !table_exists(conn, table)? {
            continue;
        }
        let sql = format!(
            "SELECT o.soc, s.element_name, AVG(s.importance) FROM {table} s
             JOIN onet_occupation o ON o.onet_soc = s.onet_soc
             WHERE s.importance IS NOT NULL GROUP BY o.soc, s.element_name"
        );
        let mut st = conn.prepare(&sql).ctx(table)?;
        let rows = st
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, f64>(2)?))
            })
            .ctx(table)?;
        // Aggregate codes collect several detailed codes: average them.
        let mut acc: HashMap<(usize, u32), (f64, u32)> = HashMap::new();
        for row in rows {
            let (soc, name, importance) = row.ctx(table)?;
            let Some(oi) = data.occupation_index(&soc) else { continue };
            let next = element_ids.len() as u32;
            let id = *element_ids.entry(name.clone()).or_insert_with(|| {
                data.elements.push(name);
                next
            });
            let e = acc.entry((oi, id)).or_default();
            e.0 += importance;
            e.1 += 1;
        }
        for ((oi, id), (sum, n)) in acc {
            let list = if is_skill {
                &mut data.occupations[oi].skills
            } else {
                &mut data.occupations[oi].knowledge
            };
            list.push((id, sum / n as f64));
        }
    }
    for o in &mut data.occupations {
        o.skills.sort_by_key(|x| x.0);
        o.knowledge.sort_by_key(|x| x.0);
    }
    Ok(())
}

/// Employment of each occupation in the base year of the latest earlier SOC 2018 matrix: an
/// industry row's employment divided by its percent of the occupation gives the occupation's
/// total (self-employed included), as the EP matrix files document.
fn load_past(conn: &Connection, data: &mut LaborData) -> Result<()> {
    if !table_exists(conn, "nem")? {
        return Ok(());
    }
    let past: Option<String> = conn
        .query_row(
            "SELECT MAX(vintage) FROM nem WHERE soc_version = '2018' AND vintage < ?1",
            [&data.vintages.projections],
            |r| r.get(0),
        )
        .ctx("reading nem")?;
    let Some(past) = past else { return Ok(()) };
    let mut st = conn
        .prepare(
            "SELECT soc, emp_base, pct_of_occupation FROM nem
             WHERE vintage = ?1 AND soc_version = '2018' AND occ_type = 'line_item'
               AND emp_base > 0 AND pct_of_occupation > 0",
        )
        .ctx("reading nem")?;
    let rows = st
        .query_map(params![past], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, f64>(1)?, r.get::<_, f64>(2)?))
        })
        .ctx("reading nem")?;
    // The row with the largest percent has the most significant digits.
    let mut best: HashMap<String, (f64, f64)> = HashMap::new();
    for row in rows {
        let (soc, emp, pct) = row.ctx("reading nem")?;
        let e = best.entry(soc).or_insert((0.0, 0.0));
        if pct > e.1 {
            *e = (emp, pct);
        }
    }
    let mut any = false;
    for (soc, (emp, pct)) in best {
        let Some(oi) = data.occupation_index(&soc) else { continue };
        if data.occupations[oi].code != soc {
            continue;
        }
        data.occupations[oi].national.employment_past = Figure::computed(Some(emp * 100.0 / pct));
        any = true;
    }
    if any {
        data.vintages.past = past;
    }
    Ok(())
}

fn load_sources(conn: &Connection, data: &mut LaborData) -> Result<()> {
    if !table_exists(conn, "sources")? {
        return Ok(());
    }
    let mut st = conn
        .prepare("SELECT id, path, dataset, vintage, sha256, rows FROM sources ORDER BY id")
        .ctx("reading sources")?;
    let rows = st
        .query_map([], |r| {
            Ok(SourceRow {
                id: r.get(0)?,
                path: r.get(1)?,
                dataset: r.get(2)?,
                vintage: r.get(3)?,
                sha256: r.get(4)?,
                rows: r.get(5)?,
            })
        })
        .ctx("reading sources")?;
    data.sources = rows.collect::<rusqlite::Result<_>>().ctx("reading sources")?;
    if let Some(onet) = data.sources.iter().find(|s| s.dataset.starts_with("onet")) {
        data.vintages.onet = onet.vintage.clone();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_rows_map_to_oews_sectors() {
        assert_eq!(sectors_of_output_row("Retail trade", Some("44, 45")), vec!["44"]);
        assert_eq!(
            sectors_of_output_row("Professional and business services", Some("54-56")),
            vec!["54", "55", "56"]
        );
        assert_eq!(
            sectors_of_output_row("Transportation and warehousing", Some("48, 492, 493")),
            vec!["48"]
        );
        assert_eq!(sectors_of_output_row("Manufacturing", Some("31-33")), vec!["31"]);
        assert_eq!(sectors_of_output_row("Federal government", Some("–")), vec!["99"]);
        assert!(sectors_of_output_row("Total, all industries", Some("–")).is_empty());
    }

    #[test]
    fn oews_sectors_fold_ranges() {
        assert_eq!(oews_sector("31-33").as_deref(), Some("31"));
        assert_eq!(oews_sector("44-45").as_deref(), Some("44"));
        assert_eq!(oews_sector("493").as_deref(), Some("48"));
        assert_eq!(oews_sector("99").as_deref(), Some("99"));
        assert_eq!(oews_sector("–"), None);
    }
}
