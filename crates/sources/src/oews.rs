//! OEWS (Occupational Employment and Wage Statistics) estimates in BLS's download layout:
//! the same 32 columns (`AREA` … `HOURLY`) in the national, by-sector and state files,
//! whether as the BLS xlsx or as CSV. `*` and `**` are suppressed, `#` is top-coded (the
//! threshold comes from the workbook's notes, or a known table for the CSV), `~` is below
//! 0.5 percent; none of them becomes 0.

use std::path::Path;

use serde::Serialize;
use trellis_framework::codes::Naics;

use crate::occ::OccCode;

use crate::error::{ErrorKind, ReadError};
use crate::header::Col;
use crate::meta::{SourceInfo, Table, years_in_name};
use crate::table::{Cell, Row};
use crate::tabular::{is_workbook, read_table, read_table_in};
use crate::value::{Status, Value};
use crate::workbook;

/// OEWS area types (`AREA_TYPE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaType {
    National,
    State,
    Territory,
    Metro,
    Nonmetro,
}

impl AreaType {
    pub fn as_str(self) -> &'static str {
        match self {
            AreaType::National => "national",
            AreaType::State => "state",
            AreaType::Territory => "territory",
            AreaType::Metro => "metro",
            AreaType::Nonmetro => "nonmetro",
        }
    }
}

/// OEWS occupation levels (`O_GROUP`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OGroup {
    Total,
    Major,
    Minor,
    Broad,
    Detailed,
}

impl OGroup {
    pub fn as_str(self) -> &'static str {
        match self {
            OGroup::Total => "total",
            OGroup::Major => "major",
            OGroup::Minor => "minor",
            OGroup::Broad => "broad",
            OGroup::Detailed => "detailed",
        }
    }
}

/// Wage percentiles 10, 25, 50 (median), 75, 90.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Percentiles {
    pub pct10: Value,
    pub pct25: Value,
    pub median: Value,
    pub pct75: Value,
    pub pct90: Value,
}

/// One OEWS estimate: an occupation in an area and industry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OewsRow {
    /// `AREA` as published: `99` for the U.S., the state FIPS code (`09`) for states.
    pub area: String,
    pub area_title: String,
    pub area_type: AreaType,
    /// `PRIM_STATE`: `US` or the postal code (`CT`).
    pub prim_state: String,
    /// The industry: `000000` (cross-industry), a NAICS sector in canonical form (`31-33`
    /// for the published `31`), or an OEWS designation kept as published (`99` government).
    pub naics: String,
    pub naics_title: String,
    pub i_group: String,
    pub own_code: String,
    /// As published; may be an OEWS aggregate of detailed codes (`13-1020`, `15-1240`).
    pub soc: OccCode,
    pub title: String,
    pub o_group: OGroup,
    /// Persons (wage and salary jobs, rounded to tens).
    pub tot_emp: Value,
    pub emp_prse: Value,
    pub jobs_1000: Value,
    pub loc_quotient: Value,
    pub pct_total: Value,
    pub pct_rpt: Value,
    pub h_mean: Value,
    pub a_mean: Value,
    pub mean_prse: Value,
    pub hourly: Percentiles,
    pub annual: Percentiles,
    /// `ANNUAL` = TRUE: only annual wages are published.
    pub annual_only: bool,
    /// `HOURLY` = TRUE: only hourly wages are published.
    pub hourly_only: bool,
}

const A: usize = 0;
const A_TITLE: usize = 1;
const A_TYPE: usize = 2;
const PRIM: usize = 3;
const NAICS: usize = 4;
const NAICS_TITLE: usize = 5;
const I_GROUP: usize = 6;
const OWN: usize = 7;
const OCC: usize = 8;
const OCC_TITLE: usize = 9;
const O_GROUP: usize = 10;
const TOT_EMP: usize = 11;
const EMP_PRSE: usize = 12;
const JOBS_1000: usize = 13;
const LOC_Q: usize = 14;
const PCT_TOTAL: usize = 15;
const PCT_RPT: usize = 16;
const H_MEAN: usize = 17;
const A_MEAN: usize = 18;
const MEAN_PRSE: usize = 19;
const H_PCT: usize = 20;
const A_PCT: usize = 25;
const ANNUAL: usize = 30;
const HOURLY: usize = 31;

/// The 32 columns of the OEWS download files (names as BLS writes them, any case).
const SPEC: &[Col] = &[
    Col::req("AREA", &["area"]),
    Col::req("AREA_TITLE", &["area title"]),
    Col::req("AREA_TYPE", &["area type"]),
    Col::req("PRIM_STATE", &["prim state"]),
    Col::req("NAICS", &["naics"]),
    Col::req("NAICS_TITLE", &["naics title"]),
    Col::opt("I_GROUP", &["i group"]),
    Col::opt("OWN_CODE", &["own code"]),
    Col::req("OCC_CODE", &["occ code"]),
    Col::req("OCC_TITLE", &["occ title"]),
    Col::req("O_GROUP", &["o group"]),
    Col::req("TOT_EMP", &["tot emp"]),
    Col::opt("EMP_PRSE", &["emp prse"]),
    Col::opt("JOBS_1000", &["jobs 1000"]),
    Col::opt("LOC_QUOTIENT", &["loc quotient", "loc q"]),
    Col::opt("PCT_TOTAL", &["pct total"]),
    Col::opt("PCT_RPT", &["pct rpt"]),
    Col::req("H_MEAN", &["h mean"]),
    Col::req("A_MEAN", &["a mean"]),
    Col::opt("MEAN_PRSE", &["mean prse"]),
    Col::req("H_PCT10", &["h pct10"]),
    Col::req("H_PCT25", &["h pct25"]),
    Col::req("H_MEDIAN", &["h median"]),
    Col::req("H_PCT75", &["h pct75"]),
    Col::req("H_PCT90", &["h pct90"]),
    Col::req("A_PCT10", &["a pct10"]),
    Col::req("A_PCT25", &["a pct25"]),
    Col::req("A_MEDIAN", &["a median"]),
    Col::req("A_PCT75", &["a pct75"]),
    Col::req("A_PCT90", &["a pct90"]),
    Col::opt("ANNUAL", &["annual"]),
    Col::opt("HOURLY", &["hourly"]),
];

/// Top-code thresholds (hourly, annual) stated by BLS for a release, used when a CSV has no
/// notes sheet. From the OEWS release notes of each May estimate.
const KNOWN_TOP_CODES: &[(u16, f64, f64)] = &[
    (2021, 100.0, 208_000.0),
    (2022, 115.0, 239_200.0),
    (2023, 115.0, 239_200.0),
    (2024, 115.0, 239_200.0),
];

/// Reads the `#` note of an OEWS workbook's Field Descriptions sheet: "a wage equal to or
/// greater than $115.00 per hour or $239,200 per year".
fn top_codes_from_notes(wb: &mut workbook::Workbook, path: &Path) -> Option<(f64, f64)> {
    let names = wb.sheet_names();
    let name = names.iter().find(|n| n.to_lowercase().contains("field"))?;
    let r = workbook::range(wb, path, name).ok()?;
    for (_, row) in r.rows() {
        let Some(text) = row.get(0).text().map(|t| t.into_owned()) else { continue };
        if text.trim_start().starts_with('#') && text.contains("per hour") {
            let dollars: Vec<f64> = text
                .split('$')
                .skip(1)
                .filter_map(|s| {
                    let num: String = s
                        .chars()
                        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
                        .collect();
                    crate::value::parse_number(num.trim_end_matches('.'))
                })
                .collect();
            if let [hourly, annual, ..] = dollars[..] {
                return Some((hourly, annual));
            }
        }
    }
    None
}

fn release_year(path: &Path, sheet: Option<&str>) -> Option<u16> {
    // BLS names the files and sheets `national_M2024_dl`, `state_M2024_dl`.
    let from = |s: &str| {
        let upper = s.to_uppercase();
        let i = upper.find("_M")?;
        let digits: String = upper[i + 2..].chars().take_while(char::is_ascii_digit).collect();
        (digits.len() == 4).then(|| digits.parse().ok()).flatten()
    };
    sheet
        .and_then(from)
        .or_else(|| path.file_name().and_then(|n| n.to_str()).and_then(from))
        .or_else(|| years_in_name(path).first().copied())
}

fn area_type(row: &Row<'_>) -> Result<AreaType, ReadError> {
    let t = row.text(A_TYPE)?;
    Ok(match t.trim() {
        "1" => AreaType::National,
        "2" => AreaType::State,
        "3" => AreaType::Territory,
        "4" => AreaType::Metro,
        "6" => AreaType::Nonmetro,
        other => {
            return Err(row.err(
                A_TYPE,
                ErrorKind::Value {
                    found: other.into(),
                    expected: "an OEWS area type: 1, 2, 3, 4 or 6".into(),
                },
            ));
        }
    })
}

fn o_group(row: &Row<'_>) -> Result<OGroup, ReadError> {
    let t = row.text(O_GROUP)?;
    Ok(match t.trim().to_ascii_lowercase().as_str() {
        "total" => OGroup::Total,
        "major" => OGroup::Major,
        "minor" => OGroup::Minor,
        "broad" => OGroup::Broad,
        "detailed" => OGroup::Detailed,
        _ => {
            return Err(row.err(
                O_GROUP,
                ErrorKind::Value {
                    found: t.into_owned(),
                    expected: "total, major, minor, broad or detailed".into(),
                },
            ));
        }
    })
}

/// `31` → `31-33`; `000000` and OEWS designations (`99`, `4A0000`) as published.
fn naics_code(row: &Row<'_>) -> Result<String, ReadError> {
    let t = row.text(NAICS)?;
    let t = t.trim();
    if t.bytes().all(|b| b.is_ascii_digit()) && t.bytes().all(|b| b == b'0') {
        return Ok("000000".into());
    }
    match Naics::parse_lenient(t) {
        Ok(n) => Ok(n.to_string()),
        Err(_) if t.len() <= 6 && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') => {
            Ok(t.to_string())
        }
        Err(e) => Err(row.err(NAICS, e.into())),
    }
}

/// Reads an OEWS file (national, by sector, state; xlsx or CSV).
pub fn read_oews(path: &Path) -> Result<Table<OewsRow>, ReadError> {
    let mut wb = if is_workbook(path) { Some(workbook::open(path)?) } else { None };
    let mut top = wb.as_mut().and_then(|wb| top_codes_from_notes(wb, path));
    let mut rows = Vec::with_capacity(20_000);
    let mut top_seen = false;
    let prefer = |n: &str| n.to_lowercase().ends_with("_dl");
    let each = |r: &Row<'_>| {
        let wage = |role: usize| -> Result<Value, ReadError> {
            let v = r.value(role)?;
            Ok(v)
        };
        let pct = |base: usize| -> Result<Percentiles, ReadError> {
            Ok(Percentiles {
                pct10: wage(base)?,
                pct25: wage(base + 1)?,
                median: wage(base + 2)?,
                pct75: wage(base + 3)?,
                pct90: wage(base + 4)?,
            })
        };
        let area_type = area_type(r)?;
        let area = match r.cell(A) {
            // A FIPS code stored as a number lost its leading zero.
            Cell::Number(n) if area_type != AreaType::National && (0.0..100.0).contains(&n) => {
                format!("{:02}", n as u32)
            }
            _ => r.string(A)?,
        };
        let row = OewsRow {
            area,
            area_title: r.string(A_TITLE)?,
            area_type,
            prim_state: r.string(PRIM)?,
            naics: naics_code(r)?,
            naics_title: r.string(NAICS_TITLE)?,
            i_group: r.opt_string(I_GROUP).unwrap_or_default(),
            own_code: r.opt_string(OWN).unwrap_or_default(),
            soc: r.code(OCC, OccCode::parse_lenient)?,
            title: r.string(OCC_TITLE)?,
            o_group: o_group(r)?,
            tot_emp: r.value(TOT_EMP)?,
            emp_prse: r.value(EMP_PRSE)?,
            jobs_1000: r.value(JOBS_1000)?,
            loc_quotient: r.value(LOC_Q)?,
            pct_total: r.value(PCT_TOTAL)?,
            pct_rpt: r.value(PCT_RPT)?,
            h_mean: wage(H_MEAN)?,
            a_mean: wage(A_MEAN)?,
            mean_prse: r.value(MEAN_PRSE)?,
            hourly: pct(H_PCT)?,
            annual: pct(A_PCT)?,
            annual_only: r.flag(ANNUAL)?,
            hourly_only: r.flag(HOURLY)?,
        };
        top_seen |= [row.h_mean, row.a_mean, row.annual.pct90, row.hourly.pct90, row.annual.pct75]
            .iter()
            .any(|v| v.status == Status::TopCoded);
        rows.push(row);
        Ok(())
    };
    let (t, sheet) = match wb.as_mut() {
        Some(wb) => read_table_in(wb, path, SPEC, prefer, each)?,
        None => read_table(path, SPEC, prefer, each)?,
    };
    let year = release_year(path, sheet.as_deref());
    let mut info = SourceInfo::new(if sheet.is_some() { "oews_xlsx/1" } else { "oews_csv/1" });
    info.rows = t.rows;
    match year {
        Some(y) => info.vintage = format!("M{y}"),
        None => info
            .warnings
            .push("the OEWS release is not in the file name (e.g. national_M2024_dl)".into()),
    }
    if top.is_none() {
        top = year.and_then(|y| KNOWN_TOP_CODES.iter().find(|k| k.0 == y)).map(|k| (k.1, k.2));
    }
    match top {
        Some((hourly, annual)) => {
            for row in &mut rows {
                set_threshold(row, hourly, annual);
            }
        }
        None if top_seen => info.warnings.push(
            "top-coded wages (#) found but the top-code threshold of this release is unknown"
                .into(),
        ),
        None => {}
    }
    info.sheet = sheet;
    Ok(Table { rows, info })
}

fn set_threshold(row: &mut OewsRow, hourly: f64, annual: f64) {
    let fix = |v: &mut Value, t: f64| {
        if v.status == Status::TopCoded && v.value.is_none() {
            v.value = Some(t);
        }
    };
    fix(&mut row.h_mean, hourly);
    fix(&mut row.a_mean, annual);
    for (h, a) in [
        (&mut row.hourly.pct10, &mut row.annual.pct10),
        (&mut row.hourly.pct25, &mut row.annual.pct25),
        (&mut row.hourly.median, &mut row.annual.median),
        (&mut row.hourly.pct75, &mut row.annual.pct75),
        (&mut row.hourly.pct90, &mut row.annual.pct90),
    ] {
        fix(h, hourly);
        fix(a, annual);
    }
}
