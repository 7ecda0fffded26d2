//! The official data the engine reads, gathered from the database into plain structs so that
//! the engine itself can be tested on small in-memory fixtures.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::Error;

/// One detailed SOC occupation and its evidence.
#[derive(Debug, Clone, Default)]
pub struct OccupationInput {
    pub soc: String,
    pub title: String,
    /// OEWS national employment by NAICS sector key ("11", "31", "44", "48", "99", ...);
    /// `None` when the cell is suppressed.
    pub oews_sectors: Vec<(String, Option<f64>)>,
    /// OEWS national cross-industry employment.
    pub oews_total: Option<f64>,
    /// When the OEWS figures are those of an aggregate code that covers this occupation.
    pub oews_via: Option<String>,
    /// National Employment Matrix wage-and-salary employment by NAICS prefix of the industry.
    pub nem: Vec<(String, f64)>,
    /// When the matrix figures are those of an aggregate code.
    pub nem_via: Option<String>,
    /// The part of `nem` estimated for industries the matrix publishes only inside a summary
    /// (NAICS prefix, jobs), see `unpublished`; kept apart for the evidence.
    pub nem_unpublished: Vec<(String, f64)>,
    /// 2002 framework assignments from O*NET's career-cluster file: (cluster, pathway), as names.
    pub clusters_2002: Vec<Assignment2002>,
    /// Titles: SOC and O*NET titles first, then alternate and reported titles.
    pub titles: Vec<String>,
    /// How many of `titles` are official titles (SOC, O*NET).
    pub official_titles: usize,
    /// Definition, O*NET descriptions and tasks.
    pub text: String,
    /// Share (0..1) of the occupation's jobs held by self-employed workers (Employment
    /// Projections Table 1.2); the evidence for the entrepreneurship sub-cluster.
    pub self_employed: Option<f64>,
}

/// An occupation's place in the 2002 framework.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Assignment2002 {
    pub cluster_id: String,
    pub cluster_name: String,
    pub pathway_id: Option<String>,
    pub pathway_name: Option<String>,
}

/// One CIP program and the occupations the NCES crosswalk links it to.
#[derive(Debug, Clone, Default)]
pub struct ProgramInput {
    pub cip: String,
    pub title: String,
    pub socs: Vec<String>,
}

/// Everything the engine reads from the official data.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Sorted by SOC code.
    pub occupations: Vec<OccupationInput>,
    /// Sorted by CIP code.
    pub programs: Vec<ProgramInput>,
    /// NAICS code -> title, for sectors and subsectors.
    pub naics_titles: BTreeMap<String, String>,
    /// sha256 over the sha256 of every imported source, sorted.
    pub inputs_sha256: String,
    /// Data versions read, for the build report ("OEWS M2024", ...).
    pub vintages: Vec<String>,
}

/// The NAICS prefix a matrix industry stands for: from Table 1.9's NAICS column when it holds a
/// code ("3251,2,3,9" -> "3251", "113100-3200" -> "1131"), else from the matrix code itself
/// ("61110S" -> "6111"; government "9991xx" -> "92").
pub fn industry_naics(code: &str, table_naics: Option<&str>) -> Option<String> {
    let lead =
        |s: &str| -> String { s.trim().chars().take_while(|c| c.is_ascii_digit()).collect() };
    let mut digits = table_naics.map(lead).unwrap_or_default();
    if digits.len() < 2 {
        if code.starts_with("999") {
            return Some("92".to_string());
        }
        digits = lead(code);
    }
    if digits.len() < 2 {
        return None;
    }
    while digits.len() > 2 && digits.ends_with('0') {
        digits.pop();
    }
    Some(digits)
}

/// The OEWS sector key of a NAICS code or prefix: "31" for 31-33, "44" for 44-45, "48" for
/// 48-49, "99" for government (OEWS's designation; NAICS 92).
pub fn sector_key(naics: &str) -> String {
    let two: String = naics.chars().filter(|c| c.is_ascii_digit()).take(2).collect();
    match two.as_str() {
        "32" | "33" => "31".into(),
        "45" => "44".into(),
        "49" => "48".into(),
        "92" => "99".into(),
        _ => two,
    }
}

impl Inputs {
    /// Reads the inputs from a Trellis database built by `trellis data import`.
    pub fn load(
        conn: &Connection,
        fw2002: &crate::taxonomy::Framework2002,
    ) -> Result<Inputs, Error> {
        let mut inputs = Inputs::default();
        let mut occ: BTreeMap<String, OccupationInput> = BTreeMap::new();
        {
            let mut st = conn.prepare(
                "SELECT code, title, COALESCE(definition, '') FROM soc WHERE level = 'detailed'",
            )?;
            let rows = st.query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
            })?;
            for row in rows {
                let (code, title, def) = row?;
                occ.insert(
                    code.clone(),
                    OccupationInput {
                        soc: code,
                        titles: vec![title.clone()],
                        title,
                        text: def,
                        ..Default::default()
                    },
                );
            }
        }
        if occ.is_empty() {
            return Err(Error::MissingData(
                "the database has no SOC 2018 occupations; run `trellis data import DIR` first"
                    .into(),
            ));
        }

        // Aggregate codes (OEWS/EP) -> the detailed codes they cover.
        let mut aggregates: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
        {
            let mut st = conn.prepare(
                "SELECT code, origin, detailed FROM soc_aggregate ORDER BY code, origin, detailed",
            )?;
            let rows = st.query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
            })?;
            for row in rows {
                let (code, origin, detailed) = row?;
                aggregates.entry((code, origin)).or_default().push(detailed);
            }
        }
        let covered = |code: &str, origins: &[&str]| -> Vec<String> {
            origins
                .iter()
                .find_map(|o| aggregates.get(&(code.to_string(), o.to_string())))
                .cloned()
                .unwrap_or_default()
        };

        // OEWS national by sector.
        let oews_vintage: Option<String> = conn
            .query_row("SELECT MAX(vintage) FROM oews WHERE area = 'US'", [], |r| r.get(0))
            .optional()?
            .flatten();
        if let Some(v) = &oews_vintage {
            inputs.vintages.push(format!("OEWS {v} national by sector"));
            let mut st = conn.prepare(
                "SELECT soc, naics, tot_emp, tot_emp_status FROM oews WHERE vintage = ?1 AND area = 'US' ORDER BY soc, naics",
            )?;
            let rows = st.query_map([v], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<f64>>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?;
            let mut agg_rows: Vec<(String, String, Option<f64>)> = Vec::new();
            for row in rows {
                let (soc, naics, emp, status) = row?;
                let emp = if status == "ok" { emp } else { None };
                if let Some(o) = occ.get_mut(&soc) {
                    push_oews(o, &naics, emp);
                } else {
                    agg_rows.push((soc, naics, emp));
                }
            }
            // An aggregate's figures stand for each detailed code it covers that has none of its own.
            for (agg, naics, emp) in agg_rows {
                for d in covered(&agg, &["oews", "ep", "nem"]) {
                    if let Some(o) = occ.get_mut(&d)
                        && (o.oews_via.as_deref() == Some(agg.as_str())
                            || (o.oews_sectors.is_empty() && o.oews_total.is_none()))
                    {
                        o.oews_via = Some(agg.clone());
                        push_oews(o, &naics, emp);
                    }
                }
            }
        }

        // Self-employed share (EP Table 1.2, latest vintage): nonemployer firms and sole
        // proprietors, the small businesses the report's entrepreneurship sub-cluster is about.
        let ep_vintage: Option<String> = conn
            .query_row("SELECT MAX(vintage) FROM ep_occupation", [], |r| r.get(0))
            .optional()?
            .flatten();
        if let Some(v) = &ep_vintage {
            let mut st = conn.prepare(
                "SELECT soc, self_employed_pct FROM ep_occupation WHERE vintage = ?1 AND self_employed_pct IS NOT NULL ORDER BY soc",
            )?;
            let rows = st.query_map([v], |r| Ok((r.get::<_, String>(0)?, r.get::<_, f64>(1)?)))?;
            let mut agg_rows = Vec::new();
            for row in rows {
                let (soc, pct) = row?;
                match occ.get_mut(&soc) {
                    Some(o) => o.self_employed = Some(pct / 100.0),
                    None => agg_rows.push((soc, pct)),
                }
            }
            for (agg, pct) in agg_rows {
                for d in covered(&agg, &["ep", "oews", "nem"]) {
                    if let Some(o) = occ.get_mut(&d)
                        && o.self_employed.is_none()
                    {
                        o.self_employed = Some(pct / 100.0);
                    }
                }
            }
        }

        // National Employment Matrix, the latest SOC 2018 vintage, line-item industries.
        let nem_vintage: Option<String> = conn
            .query_row("SELECT MAX(vintage) FROM nem WHERE soc_version = '2018'", [], |r| r.get(0))
            .optional()?
            .flatten();
        if let Some(v) = &nem_vintage {
            inputs.vintages.push(format!("National Employment Matrix {v}"));
            let mut table: BTreeMap<String, String> = BTreeMap::new();
            let mut st = conn.prepare(
                "SELECT code, naics FROM ep_industry WHERE naics IS NOT NULL ORDER BY vintage",
            )?;
            for row in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
                let (code, naics) = row?;
                table.insert(code, naics);
            }
            // In the table's key order (no sort of the whole vintage); each occupation still
            // meets its industries in code order, and the aggregates are put back in
            // (occupation, industry) order below.
            let mut st = conn.prepare(
                "SELECT industry, soc, emp_base FROM nem WHERE vintage = ?1 AND occ_type = 'line_item' AND emp_base > 0 ORDER BY industry, soc",
            )?;
            let mut rows = st.query([v])?;
            let mut agg_rows = Vec::new();
            let mut current: Option<(String, Option<String>)> = None;
            while let Some(r) = rows.next()? {
                let industry = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
                if current.as_ref().is_none_or(|(code, _)| code != industry) {
                    let naics = industry_naics(industry, table.get(industry).map(String::as_str));
                    current = Some((industry.to_string(), naics));
                }
                let Some((industry, Some(naics))) = &current else {
                    continue;
                };
                let soc = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
                let emp: f64 = r.get(2)?;
                if let Some(o) = occ.get_mut(soc) {
                    o.nem.push((naics.clone(), emp));
                } else {
                    agg_rows.push((soc.to_string(), industry.clone(), naics.clone(), emp));
                }
            }
            agg_rows.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
            let agg_rows = agg_rows.into_iter().map(|(soc, _, naics, emp)| (soc, naics, emp));
            for (agg, naics, emp) in agg_rows {
                for d in covered(&agg, &["nem", "ep", "oews"]) {
                    if let Some(o) = occ.get_mut(&d)
                        && (o.nem_via.as_deref() == Some(agg.as_str()) || o.nem.is_empty())
                    {
                        o.nem_via = Some(agg.clone());
                        o.nem.push((naics.clone(), emp));
                    }
                }
            }
            crate::unpublished::add_unpublished_industries(conn, v, &table, &mut occ)?;
        }

        // O*NET titles, descriptions and tasks, and the 2002 career clusters.
        {
            let mut st = conn
                .prepare("SELECT soc, title, description FROM onet_occupation ORDER BY onet_soc")?;
            for row in st.query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
            })? {
                let (soc, title, desc) = row?;
                if let Some(o) = occ.get_mut(&soc) {
                    o.titles.push(title);
                    o.text.push('\n');
                    o.text.push_str(&desc);
                }
            }
            for o in occ.values_mut() {
                o.official_titles = o.titles.len();
            }
            for sql in [
                "SELECT onet_soc, title FROM onet_alternate_title ORDER BY onet_soc, title",
                "SELECT onet_soc, title FROM onet_reported_title ORDER BY onet_soc, title",
            ] {
                let mut st = conn.prepare(sql)?;
                for row in
                    st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
                {
                    let (onet, title) = row?;
                    if let Some(o) = occ.get_mut(onet.get(..7).unwrap_or(&onet)) {
                        o.titles.push(title);
                    }
                }
            }
            let mut st = conn.prepare("SELECT onet_soc, task FROM onet_task WHERE task_type IS NULL OR task_type = 'Core' ORDER BY onet_soc, task_id")?;
            for row in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
                let (onet, task) = row?;
                if let Some(o) = occ.get_mut(onet.get(..7).unwrap_or(&onet)) {
                    o.text.push('\n');
                    o.text.push_str(&task);
                }
            }
            let mut st = conn.prepare(
                "SELECT onet_soc, cluster_id, pathway_id FROM cluster2002_occupation WHERE origin = 'onet_all_career_clusters' ORDER BY onet_soc, cluster_id, pathway_id",
            )?;
            for row in st.query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?))
            })? {
                let (onet, cluster_id, pathway_id) = row?;
                if let Some(o) = occ.get_mut(onet.get(..7).unwrap_or(&onet)) {
                    let a = Assignment2002 {
                        cluster_name: fw2002
                            .clusters
                            .get(&cluster_id)
                            .cloned()
                            .unwrap_or_else(|| cluster_id.clone()),
                        pathway_name: pathway_id.as_ref().map(|p| {
                            fw2002.pathways.get(p).map(|x| x.0.clone()).unwrap_or_else(|| p.clone())
                        }),
                        cluster_id,
                        pathway_id,
                    };
                    if !o.clusters_2002.contains(&a) {
                        o.clusters_2002.push(a);
                    }
                }
            }
        }

        // Programs.
        {
            let mut titles: BTreeMap<String, String> = BTreeMap::new();
            let mut st = conn.prepare("SELECT code, title FROM cip WHERE level = 'program'")?;
            for row in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
                let (c, t) = row?;
                titles.insert(c, t);
            }
            let mut progs: BTreeMap<String, ProgramInput> = BTreeMap::new();
            let mut st = conn.prepare("SELECT cip, soc FROM cip_soc ORDER BY cip, soc")?;
            for row in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
                let (cip, soc) = row?;
                let p = progs.entry(cip.clone()).or_insert_with(|| ProgramInput {
                    title: titles.get(&cip).cloned().unwrap_or_default(),
                    cip,
                    socs: Vec::new(),
                });
                p.socs.push(soc);
            }
            inputs.programs = progs.into_values().collect();
        }

        {
            let mut st = conn.prepare(
                "SELECT code, title FROM naics WHERE length(code) <= 5 OR code LIKE '%-%'",
            )?;
            for row in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
                let (c, t) = row?;
                inputs.naics_titles.insert(c, t);
            }
        }

        {
            let mut st = conn.prepare("SELECT sha256 FROM sources ORDER BY sha256")?;
            let mut h = Sha256::new();
            for row in st.query_map([], |r| r.get::<_, String>(0))? {
                h.update(row?.as_bytes());
                h.update(b"\n");
            }
            inputs.inputs_sha256 = hex::encode(h.finalize());
        }

        inputs.occupations = occ.into_values().collect();
        Ok(inputs)
    }
}

fn push_oews(o: &mut OccupationInput, naics: &str, emp: Option<f64>) {
    if naics == "000000" {
        o.oews_total = emp;
    } else {
        o.oews_sectors.push((sector_key(naics), emp));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_industries_resolve_to_naics_prefixes() {
        assert_eq!(industry_naics("3250A1", Some("3251,2,3,9")).as_deref(), Some("3251"));
        assert_eq!(industry_naics("1131-2", Some("113100-3200")).as_deref(), Some("1131"));
        assert_eq!(industry_naics("61110S", Some("611100")).as_deref(), Some("6111"));
        assert_eq!(industry_naics("999100", Some("—")).as_deref(), Some("92"));
        assert_eq!(industry_naics("541330", None).as_deref(), Some("54133"));
        assert_eq!(industry_naics("61110P", None).as_deref(), Some("6111"));
        assert_eq!(industry_naics("TE1000", None), None);
    }

    #[test]
    fn sectors_fold_ranges_and_government() {
        assert_eq!(sector_key("31-33"), "31");
        assert_eq!(sector_key("336411"), "31");
        assert_eq!(sector_key("4541"), "44");
        assert_eq!(sector_key("491"), "48");
        assert_eq!(sector_key("92"), "99");
        assert_eq!(sector_key("99"), "99");
    }
}
