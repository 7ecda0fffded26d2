//! Corrupted copies of real files: each import fails with an error that names the file, row and
//! column, and leaves the previous database byte for byte as it was, with no temporary file
//! beside it. `--check` (no target) writes nothing at all.
//!
//! Each case mirrors the data folder into a temporary folder (symlinks, or copies where
//! symlinks are unavailable) and replaces one file with a damaged copy.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::data_dir;
use trellis_store::{ImportOptions, import};

/// Mirrors `data` under a new temporary folder: every file linked, none copied.
fn mirror(data: &Path) -> tempfile::TempDir {
    fn walk(from: &Path, to: &Path) {
        fs::create_dir_all(to).unwrap();
        for e in fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            let (src, dst) = (e.path(), to.join(e.file_name()));
            if e.file_type().unwrap().is_dir() {
                walk(&src, &dst);
            } else {
                #[cfg(unix)]
                std::os::unix::fs::symlink(&src, &dst).unwrap();
                #[cfg(not(unix))]
                fs::copy(&src, &dst).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    walk(data, dir.path());
    dir
}

/// The file discovery picks for `dataset`, relative to the data folder.
fn chosen(data: &Path, dataset: &str) -> PathBuf {
    let d = trellis_sources::discover(data).unwrap();
    d.found
        .into_iter()
        .find(|f| f.dataset.name() == dataset)
        .unwrap_or_else(|| panic!("no {dataset} file in the data folder"))
        .relative
}

/// Replaces the mirrored `rel` with `bytes` (the original stays untouched: the link goes).
fn replace(mirror: &Path, rel: &Path, bytes: &[u8]) {
    let p = mirror.join(rel);
    fs::remove_file(&p).unwrap();
    fs::write(&p, bytes).unwrap();
}

/// A previous database to protect: a small but real import (the SOC file alone).
fn previous_db(data: &Path) -> (tempfile::TempDir, PathBuf, Vec<u8>) {
    let soc = chosen(data, "soc");
    let small = tempfile::tempdir().unwrap();
    fs::copy(data.join(&soc), small.path().join(soc.file_name().unwrap())).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("trellis.sqlite");
    import(&ImportOptions::new(small.path(), Some(&db))).unwrap();
    let bytes = fs::read(&db).unwrap();
    (dir, db, bytes)
}

/// Imports the damaged mirror over a previous database and returns the error message, after
/// checking the previous database is intact and alone in its folder.
fn failing_import(data: &Path, damaged: &Path) -> String {
    let (dir, db, before) = previous_db(data);
    let err = import(&ImportOptions::new(damaged, Some(&db))).expect_err("import must fail");
    assert_eq!(fs::read(&db).unwrap(), before, "the previous database changed");
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, vec![std::ffi::OsString::from("trellis.sqlite")], "files left behind");
    err.to_string()
}

#[test]
fn truncated_workbook_names_the_file_and_keeps_the_old_database() {
    let Some(data) = data_dir("truncated_workbook_names_the_file_and_keeps_the_old_database")
    else {
        return;
    };
    let rel = chosen(&data, "ep_occupation");
    let m = mirror(&data);
    let bytes = fs::read(data.join(&rel)).unwrap();
    replace(m.path(), &rel, &bytes[..bytes.len() * 3 / 5]);
    let msg = failing_import(&data, m.path());
    let name = rel.file_name().unwrap().to_string_lossy().into_owned();
    assert!(msg.starts_with(&name), "{msg}");
    assert!(msg.contains("truncated or corrupt"), "{msg}");
}

#[test]
fn bad_code_on_row_812_is_reported_with_row_and_column() {
    let Some(data) = data_dir("bad_code_on_row_812_is_reported_with_row_and_column") else {
        return;
    };
    let rel = chosen(&data, "cip");
    let mut bytes = fs::read(data.join(&rel)).unwrap();
    // Row 812 as a spreadsheet counts it: the header is row 1, so the 811th data record.
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(&bytes[..]);
    let mut rec = csv::ByteRecord::new();
    let mut start = 0;
    for _ in 0..812 {
        start = r.position().byte() as usize;
        assert!(r.read_byte_record(&mut rec).unwrap(), "fewer than 812 rows");
    }
    // The CIPCode field (second) of that record: change one digit into a letter O.
    let header = csv::Reader::from_reader(&bytes[..]).headers().unwrap().clone();
    let col = header.iter().position(|h| h == "CIPCode").expect("CIPCode column");
    let code = String::from_utf8(rec[col].to_vec()).unwrap();
    let at = start
        + bytes[start..].windows(code.len()).position(|w| w == code.as_bytes()).unwrap()
        + code.len()
        - 2;
    assert!(bytes[at].is_ascii_digit(), "{code}");
    bytes[at] = b'O';
    let m = mirror(&data);
    replace(m.path(), &rel, &bytes);
    let msg = failing_import(&data, m.path());
    let name = rel.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        msg.starts_with(&format!("{name}, row 812, column CIPCode: invalid CIP code")),
        "{msg}"
    );
}

#[test]
fn wrong_encoding_is_reported_with_its_row() {
    let Some(data) = data_dir("wrong_encoding_is_reported_with_its_row") else { return };
    let rel = chosen(&data, "onet_occupation_data");
    let text = fs::read(data.join(&rel)).unwrap();
    // Re-saved in Windows-1252: one `e` of row 100 (the header is row 1) becomes `é` = 0xE9.
    let mut lines: Vec<Vec<u8>> = text.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
    let line = &mut lines[99];
    let tab = line.iter().rposition(|b| *b == b'\t').unwrap();
    let e = tab + line[tab..].iter().position(|b| *b == b'e').unwrap();
    line[e] = 0xE9;
    let m = mirror(&data);
    replace(m.path(), &rel, &lines.join(&b'\n'));
    let msg = failing_import(&data, m.path());
    let name = rel.file_name().unwrap().to_string_lossy().into_owned();
    assert!(msg.starts_with(&format!("{name}, row 100")), "{msg}");
    assert!(msg.contains("not UTF-8"), "{msg}");
}

#[test]
fn check_validates_everything_and_writes_nothing() {
    let Some(data) = data_dir("check_validates_everything_and_writes_nothing") else { return };
    let report = import(&ImportOptions::new(&data, None)).unwrap();
    assert!(report.target.is_none());
    assert!(report.files.len() > 300);
    // Check mode still maps the BLS aggregates.
    assert!(report.unknown_codes.iter().any(|u| u.code == "13-1020" && !u.mapped_to.is_empty()));
}
