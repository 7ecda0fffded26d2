//! Entry points over bytes for the fuzz targets in `fuzz/` and the property tests: the same
//! code paths the readers take on files, without the file system. Not a stable API.

use std::path::Path;
use std::sync::Arc;

use crate::header::Col;
use crate::table::{Cell, Dialect, read_delimited};
use crate::xlsx::{SharedStrings, Sheet};

/// Columns of a few real layouts, so that the fuzzer reaches the typed cell parsers.
const SPECS: &[&[Col]] = &[
    &[
        Col::req("code", &["code", "occ code", "o net-soc code", "cipcode"]),
        Col::opt("title", &["title", "occ title"]),
        Col::opt("value", &["value", "tot emp", "data value", "# employment"]),
        Col::opt("flag", &["flag", "annual", "hot technology"]),
    ],
    &[Col::req("anything", &["*"])],
];

/// Reads `bytes` as a CSV and as a TSV table with each spec, parsing every cell as a code,
/// a figure and a flag. Returns the number of rows read; errors are expected and ignored.
pub fn delimited(bytes: &[u8]) -> usize {
    let path = Path::new("fuzz.csv");
    let mut total = 0;
    for (dialect, delimiter) in [(Dialect::Csv, b','), (Dialect::Tsv, b'\t')] {
        for spec in SPECS {
            let r = read_delimited(path, bytes, dialect, delimiter, spec, |row| {
                for role in 0..spec.len() {
                    let _ = row.code(role, crate::OccCode::parse_lenient).map(|c| c.to_string());
                    let _ = row.code(role, trellis_framework::codes::Cip::parse_lenient);
                    let _ = row.value(role);
                    let _ = row.flag(role);
                    let _ = row.opt_text(role);
                    if let Err(e) = row.integer(role, 0..=99) {
                        // Errors must always render.
                        let _ = e.to_string();
                    }
                }
                Ok(())
            });
            match r {
                Ok(info) => total += info.rows,
                Err(e) => {
                    let _ = e.to_string();
                }
            }
        }
    }
    total
}

/// Parses `shared` as a shared-string part and `sheet` as a worksheet part, then turns every
/// cell into a [`Cell`] and a figure, as the readers do.
pub fn xlsx_parts(shared: &[u8], sheet: &[u8]) -> usize {
    let Ok(strings) = SharedStrings::parse(shared) else { return 0 };
    for i in 0..strings.len() {
        let _ = strings.get(i as u32).map(str::len);
    }
    let Ok(sheet) = Sheet::parse(sheet, Arc::new(strings)) else { return 0 };
    let mut n = 0;
    for i in 0..sheet.row_count() {
        let (_, cells) = sheet.row(i);
        for c in cells {
            let cell = Cell::from_xcell(c, &sheet);
            let _ = cell.value();
            let _ = cell.text();
            n += 1;
        }
    }
    n
}

/// Parses one cell's text as the readers would: figure, special value, codes.
pub fn cell_text(text: &str) -> bool {
    let cell = Cell::from_text(text);
    let v = cell.value();
    if let Some(v) = v {
        // A special value never carries a number unless it is a threshold.
        assert!(v.status != crate::Status::Ok || v.value.is_some());
        assert!(v.value.is_none_or(f64::is_finite));
    }
    let _ = crate::OccCode::parse_lenient(text);
    let _ = trellis_framework::codes::Naics::parse_lenient(text);
    let _ = crate::header::normalize_header(text);
    let _ = crate::naics::split_trilateral_marker(text);
    v.is_some()
}
