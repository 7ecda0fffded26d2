//! One entry point for "a table in a file": a worksheet of an Excel workbook, or a CSV/TSV
//! file, chosen by the file's extension and contents.

use std::path::Path;

use crate::error::ReadError;
use crate::header::{Col, HeaderMap};
use crate::table::{Dialect, Row, TableInfo, read_bytes, read_delimited, read_sheet};
use crate::workbook;

/// Whether a path names a spreadsheet (xlsx, xlsm, xls).
pub(crate) fn is_workbook(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref(),
        Some("xlsx" | "xlsm" | "xls" | "xlsb")
    )
}

/// The dialect of a text table: tab-separated when the first line has tabs, else CSV.
pub(crate) fn sniff_dialect(bytes: &[u8]) -> (Dialect, u8) {
    let first = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    if first.contains(&b'\t') { (Dialect::Tsv, b'\t') } else { (Dialect::Csv, b',') }
}

/// Reads a table from `path`. For a workbook, the sheet is the first whose top rows have the
/// spec's required columns, trying first the sheets `prefer` accepts. Returns the table info
/// and the sheet read.
pub(crate) fn read_table(
    path: &Path,
    spec: &[Col],
    prefer: impl Fn(&str) -> bool,
    each: impl FnMut(&Row<'_>) -> Result<(), ReadError>,
) -> Result<(TableInfo, Option<String>), ReadError> {
    if is_workbook(path) {
        let mut wb = workbook::open(path)?;
        read_table_in(&mut wb, path, spec, prefer, each)
    } else {
        let bytes = read_bytes(path)?;
        let (dialect, delimiter) = sniff_dialect(&bytes);
        let info = read_delimited(path, &bytes, dialect, delimiter, spec, each)?;
        Ok((info, None))
    }
}

/// [`read_table`] on a workbook already open.
pub(crate) fn read_table_in(
    wb: &mut workbook::Workbook,
    path: &Path,
    spec: &[Col],
    prefer: impl Fn(&str) -> bool,
    each: impl FnMut(&Row<'_>) -> Result<(), ReadError>,
) -> Result<(TableInfo, Option<String>), ReadError> {
    let expected = format!(
        "with the columns {}",
        spec.iter().filter(|c| c.required).map(|c| c.name).collect::<Vec<_>>().join(", ")
    );
    let found = workbook::find_sheet(wb, path, &expected, &prefer, |_, r| {
        workbook::head_text(r, 30).iter().any(|row| HeaderMap::new(row, spec).is_ok())
    });
    let (name, range) = match found {
        Ok(found) => found,
        Err(e) => {
            // Say which columns are missing from the sheet the reader most likely meant.
            let names = wb.sheet_names();
            let Some(name) = names.iter().find(|n| prefer(n.as_str())).or(names.first()).cloned()
            else {
                return Err(e);
            };
            let range = workbook::range(wb, path, &name)?;
            read_sheet(path, &name, &range, spec, |_| Ok(()))?;
            return Err(e);
        }
    };
    let info = read_sheet(path, &name, &range, spec, each)?;
    Ok((info, Some(name)))
}
