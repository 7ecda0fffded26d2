//! Rows of a table, whatever the file format: a CSV or TSV file, or a worksheet. Readers
//! see a [`Row`] and ask for typed cells by role; the row knows its file, sheet and number so
//! that every error says where it happened.

use std::borrow::Cow;
use std::path::Path;

use calamine::Data;
use trellis_framework::codes::CodeError;

use crate::error::{ErrorKind, ReadError};
use crate::header::{Col, HeaderMap};
use crate::value::{Value, parse_value};
use crate::workbook::{SheetData, SheetRow};

/// One cell as read, before interpretation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
    Bool(bool),
}

impl<'a> Cell<'a> {
    /// The cell from a calamine worksheet value. Excel error cells (`#N/A`) read as empty.
    pub fn from_data(d: &'a Data) -> Cell<'a> {
        match d {
            Data::Empty | Data::Error(_) => Cell::Empty,
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
                if s.trim().is_empty() { Cell::Empty } else { Cell::Text(s) }
            }
            Data::Float(f) => Cell::Number(*f),
            Data::Int(i) => Cell::Number(*i as f64),
            Data::Bool(b) => Cell::Bool(*b),
            Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        }
    }

    /// A cell of the lean xlsx reader.
    pub(crate) fn from_xcell(c: &crate::xlsx::XCell, sheet: &'a crate::xlsx::Sheet) -> Cell<'a> {
        use crate::xlsx::XCell;
        match *c {
            XCell::Empty | XCell::Error => Cell::Empty,
            XCell::Number(f) => Cell::Number(f),
            XCell::Bool(b) => Cell::Bool(b),
            XCell::Shared(_) | XCell::Text(..) => match sheet.text(c) {
                Some(s) if !s.trim().is_empty() => Cell::Text(s),
                _ => Cell::Empty,
            },
        }
    }

    /// A text field of a CSV/TSV file: `="…"` unwrapped, blank is empty.
    pub fn from_text(s: &'a str) -> Cell<'a> {
        let t = trellis_framework::codes::unwrap_excel_text(s);
        if t.is_empty() { Cell::Empty } else { Cell::Text(t) }
    }

    /// The cell as text: numbers written the shortest way that reads back the same
    /// (`11.0` → `11`, `1.1` → `1.1`).
    pub fn text(self) -> Option<Cow<'a, str>> {
        match self {
            Cell::Empty => None,
            Cell::Text(s) => Some(Cow::Borrowed(s.trim())),
            Cell::Number(f) => Some(Cow::Owned(format_number(f))),
            Cell::Bool(b) => Some(Cow::Borrowed(if b { "TRUE" } else { "FALSE" })),
        }
    }

    /// The cell as a published figure: a number, or a special value with its status.
    /// `None` when the cell holds text that is neither.
    pub fn value(self) -> Option<Value> {
        match self {
            Cell::Empty => Some(Value::NOT_AVAILABLE),
            Cell::Number(f) => f.is_finite().then_some(Value::ok(f)),
            Cell::Text(s) => parse_value(s),
            Cell::Bool(_) => None,
        }
    }
}

/// Writes a number as a spreadsheet shows it in a text cell: integers without `.0`.
pub fn format_number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 { format!("{}", f as i64) } else { format!("{f}") }
}

/// Where rows come from, for error messages.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Loc<'p> {
    pub path: &'p Path,
    pub sheet: Option<&'p str>,
}

impl Loc<'_> {
    pub fn err(&self, kind: ErrorKind) -> ReadError {
        ReadError::new(self.path, kind).with_sheet(self.sheet)
    }
}

#[derive(Clone, Copy)]
enum Cells<'a> {
    Record(&'a csv::StringRecord),
    Split(&'a str, &'a [(u32, u32)]),
    Sheet(SheetRow<'a>),
}

/// One data row, with typed access by role (the index of a [`Col`] in the reader's spec).
#[derive(Clone, Copy)]
pub(crate) struct Row<'a> {
    cells: Cells<'a>,
    /// 1-based row number as a spreadsheet shows it.
    pub number: u64,
    map: &'a HeaderMap,
    spec: &'a [Col],
    loc: Loc<'a>,
}

impl<'a> Row<'a> {
    fn at(&self, idx: usize) -> Cell<'a> {
        match self.cells {
            Cells::Record(r) => r.get(idx).map(Cell::from_text).unwrap_or(Cell::Empty),
            Cells::Split(line, bounds) => bounds
                .get(idx)
                .map(|&(a, b)| Cell::from_text(&line[a as usize..b as usize]))
                .unwrap_or(Cell::Empty),
            Cells::Sheet(row) => row.get(idx),
        }
    }

    /// The raw cell for `role`; empty when the column is absent.
    pub fn cell(&self, role: usize) -> Cell<'a> {
        self.map.get(role).map(|i| self.at(i)).unwrap_or(Cell::Empty)
    }

    /// The cell at position `idx` of the row, whatever its header.
    pub fn cell_at(&self, idx: usize) -> Cell<'a> {
        self.at(idx)
    }

    /// The cell just right of the column of `role` (for columns without a header).
    pub fn cell_after(&self, role: usize) -> Cell<'a> {
        self.map.get(role).map(|i| self.at(i + 1)).unwrap_or(Cell::Empty)
    }

    /// An error located at this row and the column of `role`.
    pub fn err(&self, role: usize, kind: ErrorKind) -> ReadError {
        self.loc.err(kind).at_row(self.number).in_column(self.map.header(role))
    }

    /// Text of a required cell; an empty cell is an error.
    pub fn text(&self, role: usize) -> Result<Cow<'a, str>, ReadError> {
        self.cell(role).text().ok_or_else(|| {
            self.err(role, ErrorKind::EmptyCell { expected: self.spec[role].name.to_string() })
        })
    }

    /// Text of an optional cell; empty and `n/a` read as `None`.
    pub fn opt_text(&self, role: usize) -> Option<Cow<'a, str>> {
        self.cell(role).text().filter(|t| !t.is_empty() && t != "n/a")
    }

    /// Owned text of a required cell.
    pub fn string(&self, role: usize) -> Result<String, ReadError> {
        self.text(role).map(Cow::into_owned)
    }

    pub fn opt_string(&self, role: usize) -> Option<String> {
        self.opt_text(role).map(Cow::into_owned)
    }

    /// A code parsed with `parse` (a code type's lenient or strict parser).
    pub fn code<T>(
        &self,
        role: usize,
        parse: impl FnOnce(&str) -> Result<T, CodeError>,
    ) -> Result<T, ReadError> {
        let text = self.text(role)?;
        parse(&text).map_err(|e| self.err(role, ErrorKind::Code(e)))
    }

    /// A published figure (number or special value). An empty cell is not available.
    pub fn value(&self, role: usize) -> Result<Value, ReadError> {
        let cell = self.cell(role);
        cell.value().ok_or_else(|| {
            self.err(
                role,
                ErrorKind::Value {
                    found: cell.text().map(Cow::into_owned).unwrap_or_default(),
                    expected: "a number or a BLS special value (*, **, #, —, (8))".into(),
                },
            )
        })
    }

    /// A figure that must be a plain number.
    pub fn number(&self, role: usize) -> Result<f64, ReadError> {
        let cell = self.cell(role);
        cell.value().and_then(Value::get).ok_or_else(|| {
            self.err(
                role,
                ErrorKind::Value {
                    found: cell.text().map(Cow::into_owned).unwrap_or_default(),
                    expected: format!("a number ({})", self.spec[role].name),
                },
            )
        })
    }

    /// A whole number in `range`.
    pub fn integer(
        &self,
        role: usize,
        range: std::ops::RangeInclusive<i64>,
    ) -> Result<i64, ReadError> {
        let v = self.number(role)?;
        if v.fract() == 0.0 && range.contains(&(v as i64)) {
            Ok(v as i64)
        } else {
            Err(self.err(
                role,
                ErrorKind::Value {
                    found: format_number(v),
                    expected: format!(
                        "a whole number from {} to {} ({})",
                        range.start(),
                        range.end(),
                        self.spec[role].name
                    ),
                },
            ))
        }
    }

    /// A yes/no flag: `Y`/`N`, `TRUE`/`FALSE`, `yes`/`no`; empty is `false`.
    pub fn flag(&self, role: usize) -> Result<bool, ReadError> {
        let cell = self.cell(role);
        match cell {
            Cell::Empty => Ok(false),
            Cell::Bool(b) => Ok(b),
            Cell::Text(t) => match t.trim() {
                "Y" | "y" | "TRUE" | "True" | "true" | "yes" | "Yes" => Ok(true),
                "N" | "n" | "FALSE" | "False" | "false" | "no" | "No" | "n/a" | "*" => Ok(false),
                other => Err(self.err(
                    role,
                    ErrorKind::Value {
                        found: other.into(),
                        expected: "Y or N (TRUE or FALSE)".into(),
                    },
                )),
            },
            Cell::Number(f) => Ok(f != 0.0),
        }
    }

    /// True when every cell of the row is empty.
    pub fn is_blank(&self) -> bool {
        match self.cells {
            Cells::Record(r) => r.iter().all(|f| f.trim().is_empty()),
            Cells::Split(line, _) => line.trim().is_empty(),
            Cells::Sheet(row) => (0..row.len()).all(|i| row.get(i) == Cell::Empty),
        }
    }
}

/// How a delimited text file is split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// RFC 4180 CSV: quoted fields may hold commas and newlines.
    Csv,
    /// Tab-separated, no quoting (the O*NET text database): split on tabs and newlines only.
    Tsv,
}

/// What a table read returns besides the rows: the matched headers and the count.
pub(crate) struct TableInfo {
    pub map: HeaderMap,
    pub rows: usize,
}

fn missing_columns(loc: Loc<'_>, row: u64, e: crate::header::MissingColumns) -> ReadError {
    loc.err(ErrorKind::MissingColumns { missing: e.missing, expected: e.expected, found: e.found })
        .at_row(row)
}

/// Reads a whole delimited file into memory, checking that it is not empty.
pub(crate) fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    let bytes = std::fs::read(path).map_err(|e| ReadError::new(path, ErrorKind::Io(e)))?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReadError::new(path, ErrorKind::Empty));
    }
    Ok(bytes)
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)
}

fn utf8_error(loc: Loc<'_>, row: u64, e: &std::str::Utf8Error, line: &[u8]) -> ReadError {
    let at = e.valid_up_to();
    let byte = line.get(at).copied().unwrap_or(0);
    loc.err(ErrorKind::Encoding {
        detail: format!("byte 0x{byte:02X} at position {} of the row is not valid UTF-8", at + 1),
    })
    .at_row(row)
}

/// Reads a delimited file with a header row, calling `each` for every non-blank data row.
pub(crate) fn read_delimited(
    path: &Path,
    bytes: &[u8],
    dialect: Dialect,
    delimiter: u8,
    spec: &[Col],
    mut each: impl FnMut(&Row<'_>) -> Result<(), ReadError>,
) -> Result<TableInfo, ReadError> {
    let loc = Loc { path, sheet: None };
    let bytes = strip_bom(bytes);
    match dialect {
        Dialect::Tsv => {
            let mut lines = bytes.split(|&b| b == b'\n').enumerate();
            let mut bounds: Vec<(u32, u32)> = Vec::with_capacity(32);
            let Some((_, first)) = lines.find(|(_, l)| !l.trim_ascii().is_empty()) else {
                return Err(loc.err(ErrorKind::Empty));
            };
            let first = std::str::from_utf8(first).map_err(|e| utf8_error(loc, 1, &e, first))?;
            let headers: Vec<&str> =
                first.trim_end_matches('\r').split(char::from(delimiter)).collect();
            let map = HeaderMap::new(&headers, spec).map_err(|e| missing_columns(loc, 1, e))?;
            let mut rows = 0;
            for (i, raw) in lines {
                let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
                if raw.is_empty() {
                    continue;
                }
                let number = i as u64 + 1;
                let line =
                    std::str::from_utf8(raw).map_err(|e| utf8_error(loc, number, &e, raw))?;
                bounds.clear();
                let mut start = 0;
                for pos in memchr::memchr_iter(delimiter, raw) {
                    bounds.push((start as u32, pos as u32));
                    start = pos + 1;
                }
                bounds.push((start as u32, raw.len() as u32));
                let row = Row { cells: Cells::Split(line, &bounds), number, map: &map, spec, loc };
                if row.is_blank() {
                    continue;
                }
                each(&row)?;
                rows += 1;
            }
            if rows == 0 {
                return Err(loc.err(ErrorKind::HeaderOnly));
            }
            Ok(TableInfo { map, rows })
        }
        Dialect::Csv => {
            let mut rdr = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .has_headers(false)
                .flexible(true)
                .from_reader(bytes);
            let mut record = csv::StringRecord::new();
            let csv_err = |e: csv::Error| -> ReadError {
                let row = e.position().map(|p| p.record() + 1);
                let kind = match e.kind() {
                    csv::ErrorKind::Utf8 { err, .. } => ErrorKind::Encoding {
                        detail: format!(
                            "field {} has bytes that are not valid UTF-8 (after byte {})",
                            err.field() + 1,
                            err.valid_up_to()
                        ),
                    },
                    _ => ErrorKind::Malformed { format: "CSV", detail: e.to_string() },
                };
                let err = loc.err(kind);
                match row {
                    Some(r) => err.at_row(r),
                    None => err,
                }
            };
            let has_header = rdr.read_record(&mut record).map_err(csv_err)?;
            if !has_header {
                return Err(loc.err(ErrorKind::Empty));
            }
            let map = HeaderMap::new(&record.iter().collect::<Vec<_>>(), spec)
                .map_err(|e| missing_columns(loc, 1, e))?;
            let mut rows = 0;
            let mut number = 1;
            while rdr.read_record(&mut record).map_err(csv_err)? {
                number += 1;
                let row = Row { cells: Cells::Record(&record), number, map: &map, spec, loc };
                if row.is_blank() {
                    continue;
                }
                each(&row)?;
                rows += 1;
            }
            if rows == 0 {
                return Err(loc.err(ErrorKind::HeaderOnly));
            }
            Ok(TableInfo { map, rows })
        }
    }
}

/// How many rows at the top of a sheet may come before the header (titles, notes).
const HEADER_SEARCH_ROWS: usize = 30;

/// Reads a worksheet whose header row is the first of its top rows that has every required
/// column of `spec`. Blank rows are skipped; `each` decides about the others.
pub(crate) fn read_sheet(
    path: &Path,
    sheet: &str,
    data: &SheetData,
    spec: &[Col],
    mut each: impl FnMut(&Row<'_>) -> Result<(), ReadError>,
) -> Result<TableInfo, ReadError> {
    let loc = Loc { path, sheet: Some(sheet) };
    if data.is_empty() {
        return Err(loc.err(ErrorKind::Empty));
    }
    let mut best: Option<(usize, u64, crate::header::MissingColumns)> = None;
    let mut found = None;
    for (i, (number, row)) in data.rows().take(HEADER_SEARCH_ROWS).enumerate() {
        let headers = row.texts();
        match HeaderMap::new(&headers, spec) {
            Ok(map) => {
                found = Some((i, map));
                break;
            }
            Err(missing) => {
                let score = HeaderMap::score(&headers, spec);
                if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
                    best = Some((score, number, missing));
                }
            }
        }
    }
    let Some((header_idx, map)) = found else {
        let (_, row, missing) = best.expect("sheet is not empty");
        return Err(missing_columns(loc, row, missing));
    };
    let mut rows = 0;
    for (number, cells) in data.rows().skip(header_idx + 1) {
        let row = Row { cells: Cells::Sheet(cells), number, map: &map, spec, loc };
        if row.is_blank() {
            continue;
        }
        each(&row)?;
        rows += 1;
    }
    if rows == 0 {
        return Err(loc.err(ErrorKind::HeaderOnly));
    }
    Ok(TableInfo { map, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_like_a_spreadsheet() {
        assert_eq!(format_number(11.0), "11");
        assert_eq!(format_number(1.1), "1.1");
        assert_eq!(format_number(541511.0), "541511");
        assert_eq!(Cell::from_text("=\"01.0101\""), Cell::Text("01.0101"));
        assert_eq!(Cell::from_text("  "), Cell::Empty);
    }
}
