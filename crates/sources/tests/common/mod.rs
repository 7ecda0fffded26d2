//! Shared helpers of the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The official data directory from `TRELLIS_TEST_DATA`, or `None` after printing a loud
/// SKIPPED line (the test then returns without asserting anything about real data).
pub fn data_dir(test: &str) -> Option<PathBuf> {
    match std::env::var_os("TRELLIS_TEST_DATA") {
        Some(d) if Path::new(&d).is_dir() => Some(PathBuf::from(d)),
        _ => {
            eprintln!("SKIPPED: {test} needs TRELLIS_TEST_DATA");
            None
        }
    }
}

/// Writes `bytes` to `name` in a fresh temporary directory.
pub fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.path().join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Builds an xlsx workbook with one sheet per `(name, rows)`; cells that parse as numbers
/// are written as numbers, the others as text, empty strings left blank.
pub fn xlsx(path: &Path, sheets: &[(&str, Vec<Vec<&str>>)]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if cell.is_empty() {
                    continue;
                }
                // Codes with leading zeros ("09", "000000") stay text, as the agencies store them.
                let leading_zero =
                    cell.len() > 1 && cell.starts_with('0') && !cell.starts_with("0.");
                match cell.parse::<f64>() {
                    Ok(n) if !leading_zero && (!cell.contains('-') || cell.starts_with('-')) => {
                        ws.write_number(r as u32, c as u16, n).unwrap();
                    }
                    _ => {
                        ws.write_string(r as u32, c as u16, *cell).unwrap();
                    }
                }
            }
        }
    }
    wb.save(path).unwrap();
}
