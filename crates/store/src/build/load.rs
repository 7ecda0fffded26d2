//! From discovered files to table rows: which reader reads each file, and how its records
//! become rows of [`SCHEMA`](crate::SCHEMA).

// `ReadError` is the readers' error type, passed through as it is; `BuildError` boxes it.
#![allow(clippy::result_large_err)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, params};
use sha2::{Digest, Sha256};
use trellis_sources as src;
use trellis_sources::{Data, Dataset, ReadError, Value};

use trellis_framework::codes::Soc;

use super::{bulk, cluster2002};

/// A file chosen for reading.
#[derive(Debug, Clone)]
pub struct Planned {
    /// Its row id in `sources` (stable: files are numbered in path order).
    pub id: i64,
    pub path: PathBuf,
    pub rel_path: String,
    pub file_name: String,
    pub size: u64,
    pub found: src::Found,
}

pub struct Plan {
    pub files: Vec<Planned>,
    /// Recognized files not read, with the reason.
    pub skipped: Vec<(String, String)>,
}

/// A file read: its facts for `sources` and its records.
pub struct Loaded {
    pub file: Planned,
    pub sha256: String,
    pub dataset: String,
    pub vintage: String,
    pub reader: String,
    pub sheet: Option<String>,
    pub rows: u64,
    pub warnings: Vec<String>,
    pub read_time: Duration,
    data: Data,
    /// The 2002 assignments with framework ids, for the cluster files.
    clusters: Vec<cluster2002::Row>,
}

pub enum WriteError {
    Sqlite(rusqlite::Error),
    Invalid(String),
}

impl From<rusqlite::Error> for WriteError {
    fn from(e: rusqlite::Error) -> Self {
        WriteError::Sqlite(e)
    }
}

/// Finds the official files under `dir`; the readers' discovery keeps one file per dataset.
pub fn plan(dir: &Path) -> Result<Plan, ReadError> {
    let found = src::discover(dir)?;
    // A spreadsheet discovery could not open is a damaged download, not a file to pass over:
    // importing without it would silently drop a dataset.
    if let Some(bad) = found.skipped.iter().find(|s| s.reason.starts_with("not a readable")) {
        return Err(ReadError::new(&bad.path, src::ErrorKind::Other(bad.reason.clone())));
    }
    let rel = |p: &Path| p.to_string_lossy().replace('\\', "/");
    let skipped = found.skipped.iter().map(|s| (rel(&s.relative), s.reason.clone())).collect();
    let mut files: Vec<Planned> = found
        .found
        .into_iter()
        .map(|f| Planned {
            id: 0,
            path: f.path.clone(),
            rel_path: rel(&f.relative),
            file_name: f
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            size: f.size,
            found: f,
        })
        .collect();
    files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    for (i, f) in files.iter_mut().enumerate() {
        f.id = i as i64 + 1;
    }
    Ok(Plan { files, skipped })
}

fn sha256_file(path: &Path) -> Result<String, ReadError> {
    let io = |e| ReadError::new(path, src::ErrorKind::Io(e));
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf).map_err(io)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}

/// Whether a file goes to the side writer: the tables with the most rows (the matrix and OEWS)
/// are written there, in parallel with the rest. [`finish`] runs on the side writer's
/// database, so the matrix's occupation list must go there too.
pub fn on_side_writer(f: &Planned) -> bool {
    matches!(
        f.found.dataset,
        Dataset::OewsNational
            | Dataset::OewsNatsector
            | Dataset::OewsState
            | Dataset::NemIndustry
            | Dataset::Nem2018Industries
            | Dataset::Nem2018Occupations
    )
}

/// Whether a file defines codes the side writer's checks test against (SOC, NAICS).
pub fn defines_reference_codes(f: &Planned) -> bool {
    matches!(f.found.dataset, Dataset::Soc | Dataset::NaicsCodes | Dataset::NaicsDescriptions)
}

/// The codes a classification file defines, for [`super::validate::side_checks`]: SOC codes
/// with their level, NAICS codes.
pub fn reference_codes(l: &Loaded, refs: &mut super::validate::ReferenceCodes) {
    match &l.data {
        Data::Soc(rows) => {
            refs.soc.extend(rows.iter().map(|r| (r.code.to_string(), r.level.as_str())));
        }
        Data::Naics(rows) => refs.naics.extend(rows.iter().map(|r| r.code.to_string())),
        _ => {}
    }
}

/// The order to read the planned files in (indices into `files`), costliest first. Cost is
/// estimated from the size: a compressed workbook holds several times its size in XML.
pub fn read_order(files: &[Planned]) -> Vec<usize> {
    let cost = |f: &Planned| {
        let ext = f.path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext.eq_ignore_ascii_case("xlsx") { f.size.saturating_mul(8) } else { f.size }
    };
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(cost(&files[i])));
    order
}

/// Reads, parses and hashes one file.
pub fn read(f: &Planned) -> Result<Loaded, ReadError> {
    let start = Instant::now();
    let sha256 = sha256_file(&f.path)?;
    let src::Loaded { dataset, mut info, mut data } = src::read(&f.found)?;
    // Rows in primary-key order make every insert an append to the table's B-tree. The
    // 2018-28 matrix comes ordered by occupation; its key leads with the industry.
    match &mut data {
        Data::Nem2018Matrix(x) => {
            x.rows.sort_unstable_by(|a, b| (&a.industry, a.soc).cmp(&(&b.industry, b.soc)));
        }
        Data::Oews(rows) => sort_oews(rows),
        _ => {}
    }
    let clusters = match (&data, dataset) {
        (Data::Clusters2002(rows), Dataset::OnetCareerClusters) => {
            cluster2002::resolve(rows, "onet_all_career_clusters", &mut info.warnings)
        }
        (Data::Clusters2002(rows), _) => {
            cluster2002::resolve(rows, "perkins_iv_table4", &mut info.warnings)
        }
        _ => Vec::new(),
    };
    Ok(Loaded {
        file: f.clone(),
        sha256,
        dataset: dataset.name().to_string(),
        vintage: info.vintage,
        reader: info.reader.to_string(),
        sheet: info.sheet,
        rows: info.rows as u64,
        warnings: info.warnings,
        read_time: start.elapsed(),
        data,
        clusters,
    })
}

/// The code one level up in the SOC hierarchy as published. The digits alone do not say: the
/// minor group of broad occupation 11-3110 is 11-3000, that of 15-1210 is 15-1200. So the
/// parent is the nearest code above it, by zeroing one more digit, that the file defines.
fn soc_parent(code: Soc, defined: &std::collections::HashSet<Soc>) -> Option<Soc> {
    let d = code.digits();
    [10, 100, 1000, 10_000]
        .into_iter()
        .map(|m| d / m * m)
        .filter(|&p| p != d)
        .filter_map(Soc::from_digits)
        .find(|p| p.level() < code.level() && defined.contains(p))
}

fn opt(v: Value) -> Option<f64> {
    v.get()
}

/// The value column of a BLS figure: the number, or for top/bottom-coded figures the
/// threshold; NULL otherwise. The status column says which.
fn val(v: Value) -> Option<f64> {
    match v.status {
        src::Status::Ok | src::Status::TopCoded | src::Status::BottomCoded => v.value,
        _ => None,
    }
}

fn line(t: src::ep::LineType) -> &'static str {
    match t {
        src::ep::LineType::LineItem => "line_item",
        src::ep::LineType::Summary => "summary",
    }
}

/// Inserts the records of one file (inside the caller's transaction).
pub fn write(tx: &Connection, sid: i64, l: &Loaded) -> Result<(), WriteError> {
    match &l.data {
        Data::Soc(rows) => {
            let codes: std::collections::HashSet<Soc> = rows.iter().map(|r| r.code).collect();
            bulk::insert(
                tx,
                "soc",
                "code, level, title, definition, parent, source_id",
                rows,
                |b, r| {
                    b.code(r.code)?;
                    b.put(r.level.as_str())?;
                    b.put(&r.title)?;
                    b.put(&r.definition)?;
                    b.put(soc_parent(r.code, &codes).map(|p| p.to_string()))?;
                    b.put(sid)
                },
            )?;
        }
        Data::Cip(rows) => {
            bulk::insert(
                tx,
                "cip",
                "code, level, title, definition, action, cross_references, examples, source_id",
                rows,
                |b, r| {
                    b.code(r.code)?;
                    b.put(r.level.as_str())?;
                    b.put(&r.title)?;
                    b.put(&r.definition)?;
                    b.put(&r.action)?;
                    b.put(&r.cross_references)?;
                    b.put(&r.examples)?;
                    b.put(sid)
                },
            )?;
        }
        Data::CipSoc(x) => {
            bulk::insert(tx, "cip_soc", "cip, soc, source_id", &x.pairs, |b, p| {
                b.code(p.cip)?;
                b.code(p.soc)?;
                b.put(sid)
            })?;
            let unmatched: Vec<(&str, String)> = x
                .unmatched_cip
                .iter()
                .map(|u| ("cip", u.code.to_string()))
                .chain(x.unmatched_soc.iter().map(|u| ("soc", u.code.to_string())))
                .collect();
            bulk::insert_with(
                tx,
                "INSERT OR IGNORE",
                "cip_soc_unmatched",
                "kind, code",
                "",
                &unmatched,
                |b, u| {
                    b.put(u.0)?;
                    b.put(&u.1)
                },
            )?;
        }
        Data::Naics(rows) => {
            // The code list and the descriptions file both define every code: the first file
            // written provides the row, the descriptions fill in what it lacks.
            bulk::insert_with(
                tx,
                "INSERT",
                "naics",
                "code, level, title, description, parent, source_id",
                "ON CONFLICT (code) DO UPDATE SET
                    description = coalesce(naics.description, excluded.description)",
                rows,
                |b, r| {
                    b.code(r.code)?;
                    b.put(r.level.as_str())?;
                    b.put(&r.title)?;
                    b.put(&r.description)?;
                    b.put(r.code.parent().map(|p| p.to_string()))?;
                    b.put(sid)
                },
            )?;
        }
        Data::OnetOccupations(rows) => {
            bulk::insert(
                tx,
                "onet_occupation",
                "onet_soc, soc, title, description, source_id",
                rows,
                |b, r| {
                    b.code(r.code)?;
                    b.code(r.code.soc())?;
                    b.put(&r.title)?;
                    b.put(&r.description)?;
                    b.put(sid)
                },
            )?;
        }
        Data::OnetAlternateTitles(rows) => {
            bulk::insert(
                tx,
                "onet_alternate_title",
                "onet_soc, title, short_title, sources",
                rows,
                |b, r| {
                    b.code(r.code)?;
                    b.put(&r.title)?;
                    b.put(&r.short_title)?;
                    b.put(&r.sources)
                },
            )?;
        }
        Data::OnetReportedTitles(rows) => {
            bulk::insert(
                tx,
                "onet_reported_title",
                "onet_soc, title, shown_in_mnm",
                rows,
                |b, r| {
                    b.code(r.code)?;
                    b.put(&r.title)?;
                    b.put(r.shown_in_my_next_move)
                },
            )?;
        }
        Data::OnetInterests(rows) => {
            bulk::insert(
                tx,
                "onet_interest",
                "onet_soc, element_id, element_name, scale_id, value",
                rows,
                |b, r| {
                    b.code(r.code)?;
                    b.put(&r.element_id)?;
                    b.put(&r.element_name)?;
                    b.put(&r.scale_id)?;
                    b.put(r.value)
                },
            )?;
        }
        Data::OnetJobZones(rows) => {
            bulk::insert(tx, "onet_job_zone", "onet_soc, job_zone", rows, |b, r| {
                b.code(r.code)?;
                b.put(r.job_zone)
            })?;
        }
        Data::OnetEte(rows) => {
            bulk::insert(
                tx,
                "onet_ete",
                "onet_soc, element_id, element_name, scale_id, category, value",
                rows,
                |b, r| {
                    b.code(r.code)?;
                    b.put(&r.element_id)?;
                    b.put(&r.element_name)?;
                    b.put(&r.scale_id)?;
                    b.put(r.category)?;
                    b.put(r.value)
                },
            )?;
        }
        Data::OnetEteCategories(rows) => {
            bulk::insert(
                tx,
                "onet_ete_category",
                "element_id, scale_id, category, description",
                rows,
                |b, r| {
                    b.put(&r.element_id)?;
                    b.put(&r.scale_id)?;
                    b.put(r.category)?;
                    b.put(&r.description)
                },
            )?;
        }
        Data::OnetRatings(rows) => {
            let table = if l.file.found.dataset == Dataset::OnetSkills {
                "onet_skill"
            } else {
                "onet_knowledge"
            };
            bulk::insert(
                tx,
                table,
                "onet_soc, element_id, element_name, importance, level",
                rows,
                |b, r| {
                    b.code(r.code)?;
                    b.put(&r.element_id)?;
                    b.put(&r.element_name)?;
                    b.put(r.importance)?;
                    b.put(r.level)
                },
            )?;
        }
        Data::OnetTechnology(rows) => {
            bulk::insert(
                tx,
                "onet_technology",
                "onet_soc, example, commodity_code, commodity_title, hot, in_demand",
                rows,
                |b, r| {
                    b.code(r.code)?;
                    b.put(&r.example)?;
                    b.put(r.commodity_code)?;
                    b.put(&r.commodity_title)?;
                    b.put(r.hot)?;
                    b.put(r.in_demand)
                },
            )?;
        }
        Data::OnetTasks(rows) => {
            bulk::insert(tx, "onet_task", "onet_soc, task_id, task, task_type", rows, |b, r| {
                b.code(r.code)?;
                b.put(r.task_id)?;
                b.put(&r.task)?;
                b.put(&r.task_type)
            })?;
        }
        Data::OnetRelated(rows) => {
            bulk::insert(
                tx,
                "onet_related",
                "onet_soc, related_onet_soc, tier, rank",
                rows,
                |b, r| {
                    b.code(r.code)?;
                    b.code(r.related)?;
                    b.put(&r.tier)?;
                    b.put(r.rank)
                },
            )?;
        }
        Data::Clusters2002(_) => cluster2002::write(tx, sid, &l.clusters)?,
        Data::EpOccupation(x) => write_ep_occupation(tx, sid, x)?,
        Data::EpIndustry(rows) => {
            bulk::insert(
                tx,
                "ep_industry_output",
                "code, table_id, vintage, title, naics, ind_type, emp_past, emp_base, emp_proj, output_past, output_base, output_proj, source_id",
                rows,
                |b, r| {
                    let table_id = match r.table {
                        src::ep::OutputTable::EmploymentBySector => "2.1",
                        src::ep::OutputTable::OutputBySector => "2.2",
                        src::ep::OutputTable::ByIndustry => "2.11",
                    };
                    b.put(&r.code)?;
                    b.put(table_id)?;
                    b.put(&l.vintage)?;
                    b.put(&r.title)?;
                    b.put(&r.naics)?;
                    b.put(r.ind_type.map(line))?;
                    b.put(opt(r.emp_past))?;
                    b.put(opt(r.emp_base))?;
                    b.put(opt(r.emp_proj))?;
                    b.put(opt(r.output_past))?;
                    b.put(opt(r.output_base))?;
                    b.put(opt(r.output_proj))?;
                    b.put(sid)
                },
            )?;
        }
        Data::NemIndustry(x) => {
            bulk::insert(
                tx,
                "nem",
                "vintage, soc_version, industry, soc, occ_type, emp_base, emp_proj, pct_of_industry, pct_of_occupation, source_id",
                &x.rows,
                |b, r| {
                    b.put(&x.vintage)?;
                    b.put(x.soc_version)?;
                    b.put(&x.industry)?;
                    b.code(r.soc)?;
                    b.put(line(r.occ_type))?;
                    b.put(opt(r.emp_base))?;
                    b.put(opt(r.emp_proj))?;
                    b.put(opt(r.pct_of_industry))?;
                    b.put(opt(r.pct_of_occupation))?;
                    b.put(sid)
                },
            )?;
        }
        Data::Nem2018Matrix(x) => {
            // The matrix file does not say which rows are line items; the occupation list does
            // (`nem_occupation`), and `finish` sets `occ_type` from it once every file is in.
            bulk::insert(
                tx,
                "nem",
                "vintage, soc_version, industry, soc, occ_type, emp_base, emp_proj, source_id",
                &x.rows,
                |b, r| {
                    let detailed = r.soc.soc().map(|s| s.level());
                    let provisional =
                        if detailed == Some(trellis_framework::codes::SocLevel::Detailed) {
                            "line_item"
                        } else {
                            "summary"
                        };
                    b.put(&x.vintage)?;
                    b.put(x.soc_version)?;
                    b.put(&r.industry)?;
                    b.code(r.soc)?;
                    b.put(provisional)?;
                    b.put(opt(r.emp_base))?;
                    b.put(opt(r.emp_proj))?;
                    b.put(sid)
                },
            )?;
        }
        Data::Nem2018List(x) if l.file.found.dataset == Dataset::Nem2018Industries => {
            bulk::insert(
                tx,
                "nem_industry",
                "vintage, code, title, ind_type, source_id",
                &x.rows,
                |b, r| {
                    b.put(&x.vintage)?;
                    b.put(&r.code)?;
                    b.put(&r.title)?;
                    b.put(line(r.item_type))?;
                    b.put(sid)
                },
            )?;
        }
        Data::Nem2018List(x) => {
            bulk::insert(
                tx,
                "nem_occupation",
                "vintage, soc_version, code, title, occ_type, source_id",
                &x.rows,
                |b, r| {
                    b.put(&x.vintage)?;
                    b.put(x.soc_version)?;
                    b.put(&r.code)?;
                    b.put(&r.title)?;
                    b.put(line(r.item_type))?;
                    b.put(sid)
                },
            )?;
        }
        Data::Oews(rows) => write_oews(tx, sid, &l.vintage, rows)?,
    }
    Ok(())
}

fn write_ep_occupation(
    tx: &Connection,
    sid: i64,
    x: &src::ep::EpOccupationTables,
) -> Result<(), WriteError> {
    bulk::insert(
        tx,
        "ep_occupation",
        "soc, vintage, title, occ_type, emp_base, emp_proj, emp_change, emp_change_pct, self_employed_pct, openings, median_wage, median_wage_status, education, experience, training, source_id",
        &x.occupations,
        |b, r| {
            b.code(r.soc)?;
            b.put(&x.vintage)?;
            b.put(&r.title)?;
            b.put(line(r.occ_type))?;
            b.put(opt(r.emp_base))?;
            b.put(opt(r.emp_proj))?;
            b.put(opt(r.emp_change))?;
            b.put(opt(r.emp_change_pct))?;
            b.put(opt(r.self_employed_pct))?;
            b.put(opt(r.openings))?;
            b.put(val(r.median_wage))?;
            b.put(r.median_wage.status.as_str())?;
            b.put(&r.education)?;
            b.put(&r.experience)?;
            b.put(&r.training)?;
            b.put(sid)
        },
    )?;
    let mut st = tx.prepare_cached(
        "UPDATE ep_occupation SET labor_force_exit_rate = ?3, occupational_transfer_rate = ?4,
            separations_rate = ?5, labor_force_exits = ?6, occupational_transfers = ?7,
            separations = ?8
         WHERE soc = ?1 AND vintage = ?2",
    )?;
    let mut missing = Vec::new();
    for r in &x.separations {
        let n = st.execute(params![
            r.soc.to_string(),
            x.vintage,
            opt(r.labor_force_exit_rate),
            opt(r.occupational_transfer_rate),
            opt(r.separations_rate),
            opt(r.labor_force_exits),
            opt(r.occupational_transfers),
            opt(r.separations)
        ])?;
        if n == 0 {
            missing.push(r.soc.to_string());
        }
    }
    if !missing.is_empty() {
        tracing::warn!(
            "Table 1.10 has {} occupations Table 1.2 does not: {}",
            missing.len(),
            missing.join(", ")
        );
    }
    bulk::insert(
        tx,
        "ep_industry",
        "code, vintage, title, ind_type, naics, source_id",
        &x.industries,
        |b, r| {
            b.put(&r.code)?;
            b.put(&x.vintage)?;
            b.put(&r.title)?;
            b.put(line(r.ind_type))?;
            b.put(&r.naics)?;
            b.put(sid)
        },
    )?;
    Ok(())
}

/// Where an OEWS row is: (area type, area, FIPS code); only national, state and territory rows
/// are imported.
fn oews_area(r: &src::oews::OewsRow) -> Result<(&'static str, &str, Option<&str>), String> {
    match r.area_type {
        src::oews::AreaType::National => Ok(("national", "US", None)),
        src::oews::AreaType::State => Ok(("state", r.prim_state.as_str(), Some(r.area.as_str()))),
        src::oews::AreaType::Territory => {
            Ok(("territory", r.prim_state.as_str(), Some(r.area.as_str())))
        }
        other => {
            Err(format!("OEWS {other:?} areas are not imported (area {} {})", r.area, r.area_title))
        }
    }
}

/// Puts OEWS rows in the order of the table's key (the state file comes ordered by FIPS code,
/// the key leads with the postal code), so that every insert is an append.
fn sort_oews(rows: &mut [src::oews::OewsRow]) {
    fn area(r: &src::oews::OewsRow) -> &str {
        oews_area(r).map_or("", |a| a.1)
    }
    rows.sort_by(|a, b| {
        (area(a), &a.naics, a.soc, a.o_group.as_str()).cmp(&(
            area(b),
            &b.naics,
            b.soc,
            b.o_group.as_str(),
        ))
    });
}

fn write_oews(
    tx: &Connection,
    sid: i64,
    vintage: &str,
    rows: &[src::oews::OewsRow],
) -> Result<(), WriteError> {
    if let Some(msg) = rows.iter().find_map(|r| oews_area(r).err()) {
        return Err(WriteError::Invalid(msg));
    }
    bulk::insert(
        tx,
        "oews",
        "vintage, area_type, area, area_fips, area_title, naics, soc, occ_title, o_group, tot_emp, tot_emp_status, jobs_1000, loc_quotient, a_mean, a_mean_status, a_pct10, a_pct10_status, a_pct25, a_pct25_status, a_median, a_median_status, a_pct75, a_pct75_status, a_pct90, a_pct90_status, h_median, h_median_status, annual_only, source_id",
        rows,
        |b, r| {
            let (area_type, area, fips) = oews_area(r).unwrap_or(("national", "US", None));
            b.put(vintage)?;
            b.put(area_type)?;
            b.put(area)?;
            b.put(fips)?;
            b.put(&r.area_title)?;
            b.put(&r.naics)?;
            b.code(r.soc)?;
            b.put(&r.title)?;
            b.put(r.o_group.as_str())?;
            b.put(val(r.tot_emp))?;
            b.put(r.tot_emp.status.as_str())?;
            b.put(opt(r.jobs_1000))?;
            b.put(opt(r.loc_quotient))?;
            b.put(val(r.a_mean))?;
            b.put(r.a_mean.status.as_str())?;
            for v in [
                r.annual.pct10,
                r.annual.pct25,
                r.annual.median,
                r.annual.pct75,
                r.annual.pct90,
                r.hourly.median,
            ] {
                b.put(val(v))?;
                b.put(v.status.as_str())?;
            }
            b.put(r.annual_only)?;
            b.put(sid)
        },
    )?;
    Ok(())
}

/// Completes rows that depend on more than one file, once every file is in.
pub fn finish(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    // The 2018-28 matrix takes its line-item/summary flags from the occupation list.
    conn.execute(
        "UPDATE nem SET occ_type = o.occ_type
         FROM nem_occupation o
         WHERE o.vintage = nem.vintage AND o.code = nem.soc AND o.occ_type <> nem.occ_type",
        [],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soc_parent_follows_the_codes_defined() {
        let defined: std::collections::HashSet<Soc> = [
            "11-0000", "11-3000", "11-3110", "11-3111", "15-0000", "15-1200", "15-1210", "15-1211",
        ]
        .iter()
        .map(|c| c.parse().unwrap())
        .collect();
        let parent = |c: &str| soc_parent(c.parse().unwrap(), &defined).map(|p| p.to_string());
        assert_eq!(parent("11-3111").as_deref(), Some("11-3110"));
        assert_eq!(parent("11-3110").as_deref(), Some("11-3000"));
        assert_eq!(parent("11-3000").as_deref(), Some("11-0000"));
        assert_eq!(parent("15-1210").as_deref(), Some("15-1200"));
        assert_eq!(parent("15-1200").as_deref(), Some("15-0000"));
        assert_eq!(parent("11-0000"), None);
    }
}
