//! What the command-line tests share: running the `trellis` binary against a database, and one
//! import of the official data (`TRELLIS_TEST_DATA`) per test binary, skipped loudly when unset.
// Each test binary compiles this module on its own and uses only some of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// Runs `trellis --db DB ARGS…`; `TRELLIS_DB` is removed so only the given database counts.
pub fn trellis(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trellis"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("TRELLIS_DB")
        .output()
        .expect("the trellis binary runs")
}

/// The standard output of a command that must succeed.
pub fn ok(db: &Path, args: &[&str]) -> String {
    let o = trellis(db, args);
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("UTF-8")
}

/// The standard error of a command that must fail.
pub fn fails(db: &Path, args: &[&str]) -> String {
    let o = trellis(db, args);
    assert!(!o.status.success(), "{args:?} should fail");
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Header and rows of a CSV text.
pub fn csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = ::csv::Reader::from_reader(text.as_bytes());
    let h = r.headers().unwrap().iter().map(String::from).collect();
    (h, r.records().map(|x| x.unwrap().iter().map(String::from).collect()).collect())
}

/// The folder of official files; `None` (and a SKIPPED line naming `test`) when unset or empty.
pub fn official_data(test: &str) -> Option<PathBuf> {
    match std::env::var_os("TRELLIS_TEST_DATA") {
        Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
        _ => {
            eprintln!("SKIPPED: {test} needs TRELLIS_TEST_DATA (the folder of official files)");
            None
        }
    }
}

/// One import of `data` per test binary, through the command line as a user runs it.
pub fn imported(data: &Path) -> &'static Path {
    static DB: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DB.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("trellis.sqlite");
        let out = trellis(&db, &["--quiet", "data", "import", data.to_str().unwrap()]);
        assert!(out.status.success(), "import failed: {}", text(&out.stderr));
        let stdout = text(&out.stdout);
        assert!(stdout.contains("imported into"), "{stdout}");
        (dir, db)
    })
    .1
}

/// The imported database; `None` (and a SKIPPED line naming `test`) without official data.
pub fn database(test: &str) -> Option<PathBuf> {
    official_data(test).map(|data| imported(&data).to_path_buf())
}
