//! Shared by the real-data tests: where the official files are, and one import of them.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};

use trellis_store::{ImportOptions, ImportReport, import};

/// The folder of official files, or `None` (after a loud SKIPPED line) when the test run
/// does not provide one.
pub fn data_dir(test: &str) -> Option<PathBuf> {
    match std::env::var_os("TRELLIS_TEST_DATA") {
        Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
        _ => {
            eprintln!("SKIPPED: {test} needs TRELLIS_TEST_DATA (the folder of official files)");
            None
        }
    }
}

pub struct Built {
    _dir: tempfile::TempDir,
    pub db: PathBuf,
    pub report: ImportReport,
}

/// The whole data folder imported once for the tests that hold it at the same time. Held
/// weakly: the database is removed when the last test holding it ends (a static would keep it
/// on disk after the process exits, one database per test process).
pub fn built(data: &Path) -> Arc<Built> {
    static BUILT: Mutex<Weak<Built>> = Mutex::new(Weak::new());
    let mut slot = BUILT.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(b) = slot.upgrade() {
        return b;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("trellis.sqlite");
    let report = import(&ImportOptions::new(data, Some(&db))).expect("import of the data");
    let b = Arc::new(Built { _dir: dir, db, report });
    *slot = Arc::downgrade(&b);
    b
}

pub fn conn(db: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

/// The file of `dataset` the import read, as a path under `data`.
pub fn source_path(built: &Built, data: &Path, dataset: &str) -> PathBuf {
    let f = built
        .report
        .files
        .iter()
        .find(|f| f.dataset == dataset)
        .unwrap_or_else(|| panic!("no {dataset} file was imported"));
    data.join(&f.path)
}

/// A worksheet as rows of strings (numbers written as calamine prints them).
pub fn sheet(path: &Path, name: &str) -> Vec<Vec<String>> {
    use calamine::{Reader, open_workbook_auto};
    let mut wb = open_workbook_auto(path).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

/// The index of the header row (the first row with a cell starting with `marker`) and the
/// column of each header that starts with one of `prefixes`.
pub fn columns(rows: &[Vec<String>], prefixes: &[&str]) -> (usize, Vec<usize>) {
    let h =
        rows.iter().position(|r| r.iter().any(|c| c.starts_with(prefixes[0]))).expect("header row");
    let cols = prefixes
        .iter()
        .map(|p| {
            rows[h]
                .iter()
                .position(|c| c.starts_with(p))
                .unwrap_or_else(|| panic!("no column {p:?} in {:?}", rows[h]))
        })
        .collect();
    (h, cols)
}
