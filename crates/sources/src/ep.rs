//! BLS Employment Projections workbooks: `occupation.xlsx` (Table 1.2 occupational
//! projections and worker characteristics, Table 1.10 separations and openings, Table 1.9
//! the matrix industries and their NAICS codes) and `industry.xlsx` (Table 2.1 employment
//! and Table 2.2 output by major sector, Table 2.11 employment and output by matrix
//! industry). Sheets are found by their table number, columns by meaning. Employment is
//! published in thousands; records hold persons.

use std::path::Path;

use crate::occ::OccCode;
use serde::Serialize;

use crate::error::{ErrorKind, ReadError};
use crate::header::{Col, Pick};
use crate::meta::{SourceInfo, period};
use crate::table::Row;
use crate::value::Value;
use crate::workbook;

/// Whether a matrix row is a line item (a detailed occupation or industry) or a summary
/// (an aggregate of line items).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineType {
    LineItem,
    Summary,
}

impl LineType {
    pub fn as_str(self) -> &'static str {
        match self {
            LineType::LineItem => "line_item",
            LineType::Summary => "summary",
        }
    }

    /// Parses `Line item`, `Line Item`, `Summary` (any case).
    pub fn parse(s: &str) -> Option<LineType> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("line item") {
            Some(LineType::LineItem)
        } else if s.eq_ignore_ascii_case("summary") {
            Some(LineType::Summary)
        } else {
            None
        }
    }
}

pub(crate) fn line_type(row: &Row<'_>, role: usize) -> Result<LineType, ReadError> {
    let t = row.text(role)?;
    LineType::parse(&t).ok_or_else(|| {
        row.err(
            role,
            ErrorKind::Value { found: t.into_owned(), expected: "Line item or Summary".into() },
        )
    })
}

/// BLS tables publish employment in thousands.
pub(crate) const THOUSANDS: f64 = 1000.0;

/// Table 1.2: one matrix occupation (line item or summary).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EpOccupation {
    /// SOC 2018; summaries are major, minor or broad codes (`00-0000` is the total).
    pub soc: OccCode,
    /// The title, without the indentation that shows the hierarchy.
    pub title: String,
    pub occ_type: LineType,
    /// Persons, base year.
    pub emp_base: Value,
    /// Persons, projection year.
    pub emp_proj: Value,
    /// Persons.
    pub emp_change: Value,
    pub emp_change_pct: Value,
    pub self_employed_pct: Value,
    /// Annual average occupational openings, persons.
    pub openings: Value,
    /// Median annual wage, dollars; top-coded values (`>=$239,200`) carry the threshold.
    pub median_wage: Value,
    pub education: Option<String>,
    pub experience: Option<String>,
    pub training: Option<String>,
}

/// Table 1.10: separations and openings of one matrix occupation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EpSeparations {
    pub soc: OccCode,
    pub occ_type: LineType,
    /// Percent, annual average.
    pub labor_force_exit_rate: Value,
    pub occupational_transfer_rate: Value,
    pub separations_rate: Value,
    /// Persons, annual average.
    pub labor_force_exits: Value,
    pub occupational_transfers: Value,
    pub separations: Value,
    pub openings: Value,
}

/// Table 1.9: a matrix industry and the NAICS codes it stands for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EpIndustry {
    /// Matrix industry code as published (`541500`, `3250A1`, `1131-2`, `TE1000`).
    pub code: String,
    pub title: String,
    pub ind_type: LineType,
    /// NAICS as published (`5415`, `113100-3200`, `999200,300`); `None` where BLS shows `—`.
    pub naics: Option<String>,
}

/// What `occupation.xlsx` holds for Trellis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EpOccupationTables {
    /// The projection period, `2024-34`.
    pub vintage: String,
    pub base_year: u16,
    pub projection_year: u16,
    pub occupations: Vec<EpOccupation>,
    pub separations: Vec<EpSeparations>,
    pub industries: Vec<EpIndustry>,
}

const TITLE_PATTERNS: &[&str] = &[
    "# national employment matrix title",
    "national employment matrix title",
    "# national employment matrix occupation title",
];
const CODE_PATTERNS: &[&str] = &[
    "# national employment matrix code",
    "national employment matrix code",
    "# national employment matrix occupation code",
];

fn indented_title(row: &Row<'_>, role: usize) -> Result<String, ReadError> {
    Ok(row.text(role)?.trim().to_string())
}

/// A row is data when its code cell is filled: footnotes and notes under the table are not.
fn is_data(row: &Row<'_>, code_role: usize) -> bool {
    row.opt_text(code_role).is_some()
}

fn opt_label(row: &Row<'_>, role: usize) -> Option<String> {
    row.opt_text(role).filter(|t| crate::value::parse_special(t).is_none()).map(|t| t.into_owned())
}

/// The base and projected years that the employment headers (columns 3 and 4) name; the
/// vintage is read from the headers, never assumed.
fn employment_years(
    map: &crate::header::HeaderMap,
    path: &Path,
    sheet: &str,
    table: &str,
) -> Result<(u16, u16), ReadError> {
    match (map.years(3).first(), map.years(4).first()) {
        (Some(&base), Some(&proj)) => Ok((base, proj)),
        _ => Err(ReadError::new(
            path,
            ErrorKind::Other(format!("the employment columns of {table} name no years")),
        )
        .with_sheet(Some(sheet))),
    }
}

/// Reads Tables 1.2, 1.10 and 1.9 of `occupation.xlsx`.
pub fn read_ep_occupation(path: &Path) -> Result<(EpOccupationTables, SourceInfo), ReadError> {
    const T12: &[Col] = &[
        Col::req("occupation title", TITLE_PATTERNS),
        Col::req("occupation code", CODE_PATTERNS),
        Col::req("occupation type", &["occupation type"]),
        Col::req("employment, base year", &["employment #"]).pick(Pick::EarliestYear),
        Col::req("employment, projected year", &["employment #"]).pick(Pick::LatestYear),
        Col::req("employment change, numeric", &["employment change numeric*"]),
        Col::req("employment change, percent", &["employment change percent*"]),
        Col::opt("percent self employed", &["percent self employed*", "percent self-employed*"]),
        Col::req("occupational openings", &["occupational openings*"]),
        Col::req("median annual wage", &["median annual wage*"]),
        Col::opt("typical education needed for entry", &["typical education*"]),
        Col::opt("work experience in a related occupation", &["work experience*"]),
        Col::opt(
            "typical on-the-job training",
            &["typical on-the-job training*", "typical on the job training*"],
        ),
    ];
    const T110: &[Col] = &[
        Col::req("occupation code", CODE_PATTERNS),
        Col::req("occupation type", &["occupation type"]),
        Col::req("labor force exit rate", &["labor force exit rate*"]),
        Col::req("occupational transfer rate", &["occupational transfer rate*"]),
        Col::req("total occupational separations rate", &["total occupational separations rate*"]),
        Col::req("labor force exits", &["labor force exits*"]),
        Col::req("occupational transfers", &["occupational transfers*"]),
        Col::req(
            "total occupational separations",
            &["total occupational separations #*", "total occupational separations"],
        ),
        Col::req("occupational openings", &["occupational openings*"]),
    ];
    const T19: &[Col] = &[
        Col::req("industry title", TITLE_PATTERNS),
        Col::req("industry code", CODE_PATTERNS),
        Col::req("industry type", &["industry type"]),
        Col::opt("NAICS code", &["# naics code", "naics code", "# naics"]),
    ];
    let mut wb = workbook::open(path)?;
    let mut sheets = Vec::new();

    let (name, range) = workbook::table_sheet(&mut wb, path, "1.2")?;
    let mut occupations = Vec::with_capacity(1200);
    let t = crate::table::read_sheet(path, &name, &range, T12, |r| {
        if !is_data(r, 1) {
            return Ok(());
        }
        occupations.push(EpOccupation {
            title: indented_title(r, 0)?,
            soc: r.code(1, OccCode::parse_lenient)?,
            occ_type: line_type(r, 2)?,
            emp_base: r.value(3)?.scaled(THOUSANDS),
            emp_proj: r.value(4)?.scaled(THOUSANDS),
            emp_change: r.value(5)?.scaled(THOUSANDS),
            emp_change_pct: r.value(6)?,
            self_employed_pct: r.value(7)?,
            openings: r.value(8)?.scaled(THOUSANDS),
            median_wage: r.value(9)?,
            education: opt_label(r, 10),
            experience: opt_label(r, 11),
            training: opt_label(r, 12),
        });
        Ok(())
    })?;
    let (base, proj) = employment_years(&t.map, path, &name, "Table 1.2")?;
    sheets.push(name);

    let (name, range) = workbook::table_sheet(&mut wb, path, "1.10")?;
    let mut separations = Vec::with_capacity(1200);
    crate::table::read_sheet(path, &name, &range, T110, |r| {
        if !is_data(r, 0) {
            return Ok(());
        }
        separations.push(EpSeparations {
            soc: r.code(0, OccCode::parse_lenient)?,
            occ_type: line_type(r, 1)?,
            labor_force_exit_rate: r.value(2)?,
            occupational_transfer_rate: r.value(3)?,
            separations_rate: r.value(4)?,
            labor_force_exits: r.value(5)?.scaled(THOUSANDS),
            occupational_transfers: r.value(6)?.scaled(THOUSANDS),
            separations: r.value(7)?.scaled(THOUSANDS),
            openings: r.value(8)?.scaled(THOUSANDS),
        });
        Ok(())
    })?;
    sheets.push(name);

    let (name, range) = workbook::table_sheet(&mut wb, path, "1.9")?;
    let mut industries = Vec::with_capacity(450);
    crate::table::read_sheet(path, &name, &range, T19, |r| {
        if !is_data(r, 1) {
            return Ok(());
        }
        industries.push(EpIndustry {
            title: indented_title(r, 0)?,
            code: r.string(1)?,
            ind_type: line_type(r, 2)?,
            naics: opt_label(r, 3),
        });
        Ok(())
    })?;
    sheets.push(name);

    let mut info = SourceInfo::new("ep_occupation_xlsx/1");
    info.vintage = period(base, proj);
    info.rows = occupations.len() + separations.len() + industries.len();
    info.sheet = Some(sheets.join(", "));
    let tables = EpOccupationTables {
        vintage: info.vintage.clone(),
        base_year: base,
        projection_year: proj,
        occupations,
        separations,
        industries,
    };
    Ok((tables, info))
}

/// The industry table a row of `industry.xlsx` comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum OutputTable {
    /// Table 2.1: employment by major industry sector.
    #[serde(rename = "2.1")]
    EmploymentBySector,
    /// Table 2.2: output by major industry sector.
    #[serde(rename = "2.2")]
    OutputBySector,
    /// Table 2.11: employment and output by matrix industry.
    #[serde(rename = "2.11")]
    ByIndustry,
}

impl OutputTable {
    pub fn as_str(self) -> &'static str {
        match self {
            OutputTable::EmploymentBySector => "2.1",
            OutputTable::OutputBySector => "2.2",
            OutputTable::ByIndustry => "2.11",
        }
    }
}

/// One row of Tables 2.1, 2.2 or 2.11.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndustryOutput {
    pub table: OutputTable,
    /// Table 2.11: the matrix industry code. Tables 2.1/2.2 have no code column: the NAICS
    /// sector as published (`31-33`, `44, 45`), or the title where BLS shows `–`.
    pub code: String,
    pub title: String,
    pub naics: Option<String>,
    /// Table 2.11 only.
    pub ind_type: Option<LineType>,
    /// Persons, ten years before the base year (Table 2.1).
    pub emp_past: Value,
    pub emp_base: Value,
    pub emp_proj: Value,
    /// Billions of chained dollars (Tables 2.2 and 2.11).
    pub output_past: Value,
    pub output_base: Value,
    pub output_proj: Value,
}

/// Reads Tables 2.1, 2.2 and 2.11 of `industry.xlsx`. The vintage (`2023-33`) comes from the
/// headers of Table 2.11.
pub fn read_ep_industry(path: &Path) -> Result<(Vec<IndustryOutput>, SourceInfo), ReadError> {
    const SECTOR_EMP: &[Col] = &[
        Col::req("industry sector", &["industry sector"]),
        Col::req("NAICS", &["# naics", "naics"]),
        Col::req("employment, first year", &["employment #"]).pick(Pick::EarliestYear),
        Col::req("employment, last year", &["employment #"]).pick(Pick::LatestYear),
    ];
    const SECTOR_OUT: &[Col] = &[
        Col::req("industry sector", &["industry sector"]),
        Col::req("NAICS", &["# naics", "naics"]),
        Col::req("output, first year", &["output #"]).pick(Pick::EarliestYear),
        Col::req("output, last year", &["output #"]).pick(Pick::LatestYear),
    ];
    const T211: &[Col] = &[
        Col::req("industry title", TITLE_PATTERNS),
        Col::req("industry code", CODE_PATTERNS),
        Col::req("industry type", &["industry type"]),
        Col::req("employment, base year", &["employment #"]).pick(Pick::EarliestYear),
        Col::req("employment, projected year", &["employment #"]).pick(Pick::LatestYear),
        Col::req("output, base year", &["output #"]).pick(Pick::EarliestYear),
        Col::req("output, projected year", &["output #"]).pick(Pick::LatestYear),
    ];
    let mut wb = workbook::open(path)?;
    let mut rows = Vec::with_capacity(500);
    let mut sheets = Vec::new();

    // Table 2.11 first: its headers give the base and projection years, which tell the
    // middle column of the three-year sector tables.
    let (name, range) = workbook::table_sheet(&mut wb, path, "2.11")?;
    let t = crate::table::read_sheet(path, &name, &range, T211, |r| {
        if !is_data(r, 1) {
            return Ok(());
        }
        let ind_type = match r.opt_text(2) {
            Some(t) if crate::value::parse_special(&t).is_some() => None,
            Some(_) => Some(line_type(r, 2)?),
            None => None,
        };
        rows.push(IndustryOutput {
            table: OutputTable::ByIndustry,
            code: r.string(1)?,
            title: indented_title(r, 0)?,
            naics: None,
            ind_type,
            emp_past: Value::NOT_AVAILABLE,
            emp_base: r.value(3)?.scaled(THOUSANDS),
            emp_proj: r.value(4)?.scaled(THOUSANDS),
            output_past: Value::NOT_AVAILABLE,
            output_base: r.value(5)?,
            output_proj: r.value(6)?,
        });
        Ok(())
    })?;
    let (base, proj) = employment_years(&t.map, path, &name, "Table 2.11")?;
    sheets.push(name);

    for (table, spec) in [("2.1", SECTOR_EMP), ("2.2", SECTOR_OUT)] {
        let (name, range) = workbook::table_sheet(&mut wb, path, table)?;
        // The base-year column is the one naming the base year of Table 2.11.
        let mut base_col = None;
        for row in workbook::head_text(&range, 30) {
            if crate::header::HeaderMap::new(&row, spec).is_ok() {
                base_col = row.iter().position(|h| {
                    let n = crate::header::normalize_header(h);
                    (n.text == "employment #" || n.text == "output #") && n.years == [base]
                });
                break;
            }
        }
        crate::table::read_sheet(path, &name, &range, spec, |r| {
            let title = indented_title(r, 0)?;
            if r.cell(2).value().and_then(Value::get).is_none() && r.opt_text(1).is_none() {
                return Ok(()); // footnotes
            }
            let naics = opt_label(r, 1);
            let past = r.value(2)?;
            let last = r.value(3)?;
            let mid = match base_col {
                Some(i) => r.cell_at(i).value().unwrap_or(Value::NOT_AVAILABLE),
                None => Value::NOT_AVAILABLE,
            };
            let (emp, out) = if table == "2.1" {
                (
                    (past.scaled(THOUSANDS), mid.scaled(THOUSANDS), last.scaled(THOUSANDS)),
                    (Value::NOT_AVAILABLE, Value::NOT_AVAILABLE, Value::NOT_AVAILABLE),
                )
            } else {
                (
                    (Value::NOT_AVAILABLE, Value::NOT_AVAILABLE, Value::NOT_AVAILABLE),
                    (past, mid, last),
                )
            };
            rows.push(IndustryOutput {
                table: if table == "2.1" {
                    OutputTable::EmploymentBySector
                } else {
                    OutputTable::OutputBySector
                },
                code: naics.clone().unwrap_or_else(|| title.clone()),
                title,
                naics,
                ind_type: None,
                emp_past: emp.0,
                emp_base: emp.1,
                emp_proj: emp.2,
                output_past: out.0,
                output_base: out.1,
                output_proj: out.2,
            });
            Ok(())
        })?;
        sheets.push(name);
    }

    let mut info = SourceInfo::new("ep_industry_xlsx/1");
    info.vintage = period(base, proj);
    info.rows = rows.len();
    info.sheet = Some(sheets.join(", "));
    Ok((rows, info))
}
