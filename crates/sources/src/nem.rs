//! The BLS National Employment Matrix.
//!
//! * 2022–32 and later: one CSV per matrix industry as downloaded from the BLS matrix
//!   pages (`National Employment Matrix_IND_541500.csv`): occupation codes written
//!   `="11-1011"`, employment in thousands with thousands separators, line items and
//!   summaries. The industry code comes from the file name; years from the headers.
//! * 2018–28: a normalized extract of the full matrix in three headerless CSVs
//!   (`employment_projection.csv`: occupation, industry, base and projected employment in
//!   persons; `industry.csv`; `occupation.csv`), in SOC 2010 codes. The vintage comes from
//!   the folder name (`nem_2018_28`).

use std::path::Path;

use crate::occ::OccCode;
use serde::Serialize;

use crate::ep::{LineType, THOUSANDS, line_type};
use crate::error::{ErrorKind, ReadError};
use crate::header::{Col, Pick};
use crate::meta::{SourceInfo, period, years_in_name};
use crate::table::{Dialect, read_bytes, read_delimited};
use crate::value::{Value, parse_value};

/// The SOC edition a matrix vintage uses: projections from the 2019–29 cycle on use SOC 2018.
pub fn soc_version_for_base_year(base: u16) -> &'static str {
    if base >= 2019 { "2018" } else { "2010" }
}

/// One occupation row of a per-industry matrix file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NemRow {
    pub soc: OccCode,
    pub title: String,
    pub occ_type: LineType,
    /// Persons, base year.
    pub emp_base: Value,
    /// Persons, projection year.
    pub emp_proj: Value,
    /// Percent of the industry's employment, base year.
    pub pct_of_industry: Value,
    /// Percent of the occupation's employment (all industries), base year.
    pub pct_of_occupation: Value,
    pub pct_of_industry_proj: Value,
    pub pct_of_occupation_proj: Value,
    /// BLS display level (0 total, 1 major group, … 4 detailed).
    pub display_level: Option<u8>,
}

/// One per-industry matrix file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NemIndustryFile {
    /// Matrix industry code, from the file name (`541500`, `3250A1`, `1131-2`).
    pub industry: String,
    /// `2022-32`.
    pub vintage: String,
    /// SOC edition of the codes: `2018`.
    pub soc_version: &'static str,
    pub rows: Vec<NemRow>,
}

/// The matrix industry code in a BLS matrix file name (`…_IND_541500.csv`).
pub fn industry_code_from_name(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    let (_, code) = stem.rsplit_once("_IND_").or_else(|| stem.rsplit_once("_ind_"))?;
    let code = code.trim();
    // A copy saved twice gets " (1)" appended by browsers.
    let code = code.split_once(" (").map(|(c, _)| c).unwrap_or(code);
    (!code.is_empty() && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .then(|| code.to_string())
}

const SPEC: &[Col] = &[
    Col::req("occupation title", &["occupation title"]),
    Col::req("occupation code", &["occupation code"]),
    Col::req("occupation type", &["occupation type"]),
    Col::req("base-year employment", &["# employment", "employment #"]).pick(Pick::EarliestYear),
    Col::req("projected employment", &["projected # employment", "# employment", "employment #"])
        .pick(Pick::LatestYear),
    Col::opt("base-year percent of industry", &["# percent of industry"]).pick(Pick::EarliestYear),
    Col::opt("base-year percent of occupation", &["# percent of occupation"])
        .pick(Pick::EarliestYear),
    Col::opt(
        "projected percent of industry",
        &["projected # percent of industry", "# percent of industry"],
    )
    .pick(Pick::LatestYear),
    Col::opt(
        "projected percent of occupation",
        &["projected # percent of occupation", "# percent of occupation"],
    )
    .pick(Pick::LatestYear),
    Col::opt("display level", &["display level"]),
];

/// Reads one per-industry matrix CSV.
pub fn read_nem_industry(path: &Path) -> Result<(NemIndustryFile, SourceInfo), ReadError> {
    let industry = industry_code_from_name(path).ok_or_else(|| {
        ReadError::new(
            path,
            ErrorKind::Other(
                "cannot tell the matrix industry: BLS names these files \
                 `National Employment Matrix_IND_<code>.csv`; keep that name"
                    .into(),
            ),
        )
    })?;
    let bytes = read_bytes(path)?;
    let mut rows = Vec::with_capacity(400);
    let t = read_delimited(path, &bytes, Dialect::Csv, b',', SPEC, |r| {
        let display_level = match r.opt_text(9) {
            Some(_) => Some(r.integer(9, 0..=9)? as u8),
            None => None,
        };
        rows.push(NemRow {
            title: r.string(0)?,
            soc: r.code(1, OccCode::parse_lenient)?,
            occ_type: line_type(r, 2)?,
            emp_base: r.value(3)?.scaled(THOUSANDS),
            emp_proj: r.value(4)?.scaled(THOUSANDS),
            pct_of_industry: r.value(5)?,
            pct_of_occupation: r.value(6)?,
            pct_of_industry_proj: r.value(7)?,
            pct_of_occupation_proj: r.value(8)?,
            display_level,
        });
        Ok(())
    })?;
    let (base, proj) = (t.map.years(3)[0], t.map.years(4)[0]);
    let mut info = SourceInfo::new("nem_industry_csv/1");
    info.vintage = period(base, proj);
    info.rows = t.rows;
    let file = NemIndustryFile {
        industry,
        vintage: info.vintage.clone(),
        soc_version: soc_version_for_base_year(base),
        rows,
    };
    Ok((file, info))
}

/// One cell of the 2018–28 matrix extract: an occupation in an industry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NemCell {
    /// SOC 2010 code (the 2018–28 matrix predates SOC 2018).
    pub soc: OccCode,
    pub industry: String,
    /// Persons.
    pub emp_base: Value,
    pub emp_proj: Value,
}

/// A matrix industry or occupation of the 2018–28 extract's lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NemListItem {
    pub code: String,
    pub item_type: LineType,
    pub title: String,
}

/// A headerless 2018–28 file: its rows and vintage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Nem2018<T> {
    pub vintage: String,
    pub soc_version: &'static str,
    pub rows: Vec<T>,
}

fn headerless_vintage(
    path: &Path,
    info: &mut SourceInfo,
) -> Result<(String, &'static str), ReadError> {
    match years_in_name(path.parent().unwrap_or(path)).as_slice() {
        [base, proj, ..] => {
            info.vintage = period(*base, *proj);
            Ok((info.vintage.clone(), soc_version_for_base_year(*base)))
        }
        _ => Err(ReadError::new(
            path,
            ErrorKind::Other(
                "the matrix extract has no header to tell its vintage: keep it in a folder \
                 named for the projection period (e.g. nem_2018_28)"
                    .into(),
            ),
        )),
    }
}

/// Positional columns of the headerless files, for error messages.
const EMP_COLUMNS: [&str; 4] = [
    "1 (occupation code)",
    "2 (industry code)",
    "3 (base-year employment)",
    "4 (projected employment)",
];
const LIST_COLUMNS: [&str; 3] = ["1 (code)", "2 (type)", "3 (title)"];

fn each_headerless(
    path: &Path,
    expect: usize,
    names: &[&str],
    mut each: impl FnMut(&csv::StringRecord, u64) -> Result<(), ReadError>,
) -> Result<usize, ReadError> {
    let bytes = read_bytes(path)?;
    let mut rdr =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(&bytes[..]);
    let mut rec = csv::StringRecord::new();
    let mut n = 0u64;
    loop {
        match rdr.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let row = e.position().map(|p| p.record() + 1).unwrap_or(n + 1);
                let kind = match e.kind() {
                    csv::ErrorKind::Utf8 { .. } => ErrorKind::Encoding { detail: e.to_string() },
                    _ => ErrorKind::Malformed { format: "CSV", detail: e.to_string() },
                };
                return Err(ReadError::new(path, kind).at_row(row));
            }
        }
        n += 1;
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if rec.len() < expect {
            return Err(ReadError::new(
                path,
                ErrorKind::Value {
                    found: format!("{} fields", rec.len()),
                    expected: format!("{expect} fields: {}", names.join(", ")),
                },
            )
            .at_row(n));
        }
        each(&rec, n)?;
    }
    Ok(n as usize)
}

/// Reads `employment_projection.csv` of the 2018–28 extract.
pub fn read_nem2018_matrix(path: &Path) -> Result<(Nem2018<NemCell>, SourceInfo), ReadError> {
    let mut info = SourceInfo::new("nem2018_matrix_csv/1");
    let (vintage, soc_version) = headerless_vintage(path, &mut info)?;
    let mut rows = Vec::with_capacity(120_000);
    let err = |row: u64, col: usize, kind: ErrorKind| {
        ReadError::new(path, kind).at_row(row).in_column(EMP_COLUMNS[col])
    };
    let value = |s: &str, row: u64, col: usize| {
        parse_value(s).ok_or_else(|| {
            err(
                row,
                col,
                ErrorKind::Value { found: s.into(), expected: "a number of persons".into() },
            )
        })
    };
    let n = each_headerless(path, 4, &EMP_COLUMNS, |rec, row| {
        let soc = OccCode::parse_lenient(&rec[0]).map_err(|e| err(row, 0, e.into()))?;
        let industry = rec[1].trim();
        if industry.is_empty() {
            return Err(err(
                row,
                1,
                ErrorKind::Value {
                    found: String::new(),
                    expected: "a matrix industry code".into(),
                },
            ));
        }
        rows.push(NemCell {
            soc,
            industry: industry.to_string(),
            emp_base: value(&rec[2], row, 2)?,
            emp_proj: value(&rec[3], row, 3)?,
        });
        Ok(())
    })?;
    if n == 0 {
        return Err(ReadError::new(path, ErrorKind::Empty));
    }
    info.rows = rows.len();
    Ok((Nem2018 { vintage, soc_version, rows }, info))
}

/// Reads `industry.csv` or `occupation.csv` of the 2018–28 extract (code, type, title).
/// Occupation codes are checked as SOC codes.
pub fn read_nem2018_list(
    path: &Path,
    occupations: bool,
) -> Result<(Nem2018<NemListItem>, SourceInfo), ReadError> {
    let mut info = SourceInfo::new(if occupations {
        "nem2018_occupations_csv/1"
    } else {
        "nem2018_industries_csv/1"
    });
    let (vintage, soc_version) = headerless_vintage(path, &mut info)?;
    let mut rows = Vec::with_capacity(1100);
    let err = |row: u64, col: usize, kind: ErrorKind| {
        ReadError::new(path, kind).at_row(row).in_column(LIST_COLUMNS[col])
    };
    each_headerless(path, 3, &LIST_COLUMNS, |rec, row| {
        let code = if occupations {
            OccCode::parse_lenient(&rec[0]).map_err(|e| err(row, 0, e.into()))?.to_string()
        } else {
            rec[0].trim().to_string()
        };
        let item_type = LineType::parse(&rec[1]).ok_or_else(|| {
            err(
                row,
                1,
                ErrorKind::Value { found: rec[1].into(), expected: "Line item or Summary".into() },
            )
        })?;
        rows.push(NemListItem { code, item_type, title: rec[2].trim().to_string() });
        Ok(())
    })?;
    if rows.is_empty() {
        return Err(ReadError::new(path, ErrorKind::Empty));
    }
    info.rows = rows.len();
    Ok((Nem2018 { vintage, soc_version, rows }, info))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn industry_codes_from_file_names() {
        let p = Path::new("x/National Employment Matrix_IND_3250A1.csv");
        assert_eq!(industry_code_from_name(p).as_deref(), Some("3250A1"));
        let p = Path::new("National Employment Matrix_IND_517000 (1).csv");
        assert_eq!(industry_code_from_name(p).as_deref(), Some("517000"));
        assert_eq!(industry_code_from_name(Path::new("matrix.csv")), None);
    }
}
