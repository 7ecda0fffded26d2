//! Opening Excel workbooks and finding the worksheet that holds a table by its name or
//! title, not by its position. xlsx files go through the lean reader in [`crate::xlsx`];
//! xls files, and xlsx features that reader leaves aside, go through calamine.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{Data, Range, Reader, Sheets, open_workbook_auto};

use crate::error::{ErrorKind, ReadError};
use crate::table::Cell;
use crate::xlsx;

/// An open workbook.
pub(crate) enum Workbook {
    Fast(xlsx::Book),
    Calamine(Box<Sheets<BufReader<File>>>),
}

/// The cells of one worksheet.
pub(crate) enum SheetData {
    Fast(xlsx::Sheet),
    Calamine(Range<Data>),
}

/// One row of a worksheet.
#[derive(Clone, Copy)]
pub(crate) enum SheetRow<'a> {
    Fast(&'a [xlsx::XCell], &'a xlsx::Sheet),
    Calamine(&'a [Data]),
}

impl<'a> SheetRow<'a> {
    pub fn len(&self) -> usize {
        match self {
            SheetRow::Fast(c, _) => c.len(),
            SheetRow::Calamine(c) => c.len(),
        }
    }

    pub fn get(&self, i: usize) -> Cell<'a> {
        match *self {
            SheetRow::Fast(cells, sheet) => {
                cells.get(i).map(|c| Cell::from_xcell(c, sheet)).unwrap_or(Cell::Empty)
            }
            SheetRow::Calamine(cells) => cells.get(i).map(Cell::from_data).unwrap_or(Cell::Empty),
        }
    }

    /// The cells as text, for header matching and sniffing.
    pub fn texts(&self) -> Vec<String> {
        (0..self.len())
            .map(|i| self.get(i).text().map(|t| t.into_owned()).unwrap_or_default())
            .collect()
    }
}

impl SheetData {
    pub fn is_empty(&self) -> bool {
        self.row_count() == 0
    }

    pub fn row_count(&self) -> usize {
        match self {
            SheetData::Fast(s) => s.row_count(),
            SheetData::Calamine(r) => r.height(),
        }
    }

    /// Every row with its 1-based number as a spreadsheet shows it.
    pub fn rows(&self) -> impl Iterator<Item = (u64, SheetRow<'_>)> {
        let calamine_first = match self {
            SheetData::Calamine(r) => u64::from(r.start().map(|(row, _)| row).unwrap_or(0)),
            SheetData::Fast(_) => 0,
        };
        let (fast, cal) = match self {
            SheetData::Fast(s) => (Some(s), None),
            SheetData::Calamine(r) => (None, Some(r)),
        };
        let fast_rows = fast.into_iter().flat_map(|s| {
            (0..s.row_count()).map(move |i| {
                let (n, cells) = s.row(i);
                (u64::from(n), SheetRow::Fast(cells, s))
            })
        });
        let cal_rows = cal.into_iter().flat_map(move |r| {
            r.rows()
                .enumerate()
                .map(move |(i, cells)| (calamine_first + i as u64 + 1, SheetRow::Calamine(cells)))
        });
        fast_rows.chain(cal_rows)
    }
}

fn format_of(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("xls") => "Excel 97-2003 (xls)",
        _ => "Excel (xlsx)",
    }
}

fn workbook_error(path: &Path, e: impl std::fmt::Display) -> ReadError {
    ReadError::new(path, ErrorKind::Workbook { format: format_of(path), detail: e.to_string() })
}

fn is_xlsx(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref(),
        Some("xlsx" | "xlsm")
    )
}

fn open_calamine(path: &Path) -> Result<Sheets<BufReader<File>>, ReadError> {
    open_workbook_auto(path).map_err(|e| workbook_error(path, e))
}

/// Opens a workbook; an empty, truncated or non-Excel file is a precise error.
pub(crate) fn open(path: &Path) -> Result<Workbook, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| ReadError::new(path, ErrorKind::Io(e)))?;
    if meta.len() == 0 {
        return Err(ReadError::new(path, ErrorKind::Empty));
    }
    if is_xlsx(path) {
        match xlsx::Book::open(path) {
            xlsx::Opened::Book(b) => return Ok(Workbook::Fast(b)),
            xlsx::Opened::Broken(detail) => return Err(workbook_error(path, detail)),
            xlsx::Opened::Unsupported(_) => {}
        }
    }
    open_calamine(path).map(|s| Workbook::Calamine(Box::new(s)))
}

impl Workbook {
    pub fn sheet_names(&self) -> Vec<String> {
        match self {
            Workbook::Fast(b) => b.sheet_names(),
            Workbook::Calamine(s) => s.sheet_names(),
        }
    }
}

/// Loads one worksheet's cells.
pub(crate) fn range(wb: &mut Workbook, path: &Path, sheet: &str) -> Result<SheetData, ReadError> {
    let err = |e: String| workbook_error(path, e).with_sheet(Some(sheet));
    match wb {
        Workbook::Fast(b) => match b.sheet(sheet) {
            Ok(s) => Ok(SheetData::Fast(s)),
            Err(Err(broken)) => Err(err(broken)),
            Err(Ok(_unsupported)) => {
                // A feature the lean reader leaves aside: calamine reads the whole format.
                let mut cal = open_calamine(path)?;
                let r = cal.worksheet_range(sheet).map_err(|e| err(e.to_string()))?;
                Ok(SheetData::Calamine(r))
            }
        },
        Workbook::Calamine(s) => {
            s.worksheet_range(sheet).map(SheetData::Calamine).map_err(|e| err(e.to_string()))
        }
    }
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
) -> Result<(String, SheetData), ReadError> {
    let names = wb.sheet_names();
    let wanted = format!("table {table}");
    if let Some(name) = names.iter().find(|n| norm(n) == wanted) {
        let r = range(wb, path, name)?;
        return Ok((name.clone(), r));
    }
    // A renamed sheet: look for the table title in the first cell.
    for name in &names {
        let r = range(wb, path, name)?;
        let title = r.rows().next().and_then(|(_, row)| row.get(0).text().map(|t| t.into_owned()));
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
    accept: impl Fn(&str, &SheetData) -> bool,
) -> Result<(String, SheetData), ReadError> {
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
pub(crate) fn head_text(r: &SheetData, rows: usize) -> Vec<Vec<String>> {
    r.rows().take(rows).map(|(_, row)| row.texts()).collect()
}
