//! Opening Excel workbooks (xlsx, xls) with calamine and finding the worksheet that holds a
//! table by its name or title, not by its position.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{Data, Range, Reader, Sheets, open_workbook_auto};

use crate::error::{ErrorKind, ReadError};

pub(crate) type Workbook = Sheets<BufReader<File>>;

fn format_of(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("xls") => "Excel 97-2003 (xls)",
        _ => "Excel (xlsx)",
    }
}

fn workbook_error(path: &Path, e: impl std::fmt::Display) -> ReadError {
    ReadError::new(path, ErrorKind::Workbook { format: format_of(path), detail: e.to_string() })
}

/// Opens a workbook; an empty, truncated or non-Excel file is a precise error.
pub(crate) fn open(path: &Path) -> Result<Workbook, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| ReadError::new(path, ErrorKind::Io(e)))?;
    if meta.len() == 0 {
        return Err(ReadError::new(path, ErrorKind::Empty));
    }
    open_workbook_auto(path).map_err(|e| workbook_error(path, e))
}

/// Loads one worksheet's cells.
pub(crate) fn range(wb: &mut Workbook, path: &Path, sheet: &str) -> Result<Range<Data>, ReadError> {
    wb.worksheet_range(sheet).map_err(|e| workbook_error(path, e).with_sheet(Some(sheet)))
}

/// Normalizes a sheet name or title for comparison: lower case, single spaces.
fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Finds the sheet of BLS table `table` ("1.2"): a sheet named "Table 1.2", or else a sheet
/// whose first cell starts with "Table 1.2 ". Returns the name and its cells.
pub(crate) fn table_sheet(
    wb: &mut Workbook,
    path: &Path,
    table: &str,
) -> Result<(String, Range<Data>), ReadError> {
    let names = wb.sheet_names();
    let wanted = format!("table {table}");
    if let Some(name) = names.iter().find(|n| norm(n) == wanted) {
        let r = range(wb, path, name)?;
        return Ok((name.clone(), r));
    }
    // A renamed sheet: look for the table title in the first cell.
    for name in &names {
        let r = range(wb, path, name)?;
        let title = r.rows().next().and_then(|row| row.first()).map(|c| c.to_string());
        if title.is_some_and(|t| norm(&t).starts_with(&format!("{wanted} "))) {
            return Ok((name.clone(), r));
        }
    }
    Err(ReadError::new(
        path,
        ErrorKind::MissingSheet {
            expected: format!("for Table {table} (named or titled \"Table {table}\")"),
            found: names,
        },
    ))
}

/// Finds the first sheet accepted by `accept` (given the name and cells), trying the sheets
/// whose names `prefer` first.
pub(crate) fn find_sheet(
    wb: &mut Workbook,
    path: &Path,
    expected: &str,
    prefer: impl Fn(&str) -> bool,
    accept: impl Fn(&str, &Range<Data>) -> bool,
) -> Result<(String, Range<Data>), ReadError> {
    let mut names = wb.sheet_names();
    names.sort_by_key(|n| !prefer(n));
    for name in &names {
        let r = range(wb, path, name)?;
        if accept(name, &r) {
            return Ok((name.clone(), r));
        }
    }
    Err(ReadError::new(
        path,
        ErrorKind::MissingSheet { expected: expected.to_string(), found: wb.sheet_names() },
    ))
}

/// The text of the first rows of a sheet, for sniffing.
pub(crate) fn head_text(r: &Range<Data>, rows: usize) -> Vec<Vec<String>> {
    r.rows().take(rows).map(|row| row.iter().map(|c| c.to_string()).collect()).collect()
}
