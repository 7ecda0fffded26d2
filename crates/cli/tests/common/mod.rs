//! What the command-line tests share: running the `trellis` binary against a database, and one
//! import of the official data (`TRELLIS_TEST_DATA`) per build, skipped loudly when unset.
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

/// One import of `data`, through the command line as a user runs it, shared by every test
/// process of this build of `trellis`: the test runner starts a process per test, and an
/// import per process would repeat the work (and a database held in a static is never removed).
/// The database sits in the target's test folder under a name made from the binary and the
/// data folder; a lock lets one process import while the others wait.
pub fn imported(data: &Path) -> &'static Path {
    use std::hash::{Hash, Hasher};
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let bin = std::fs::metadata(env!("CARGO_BIN_EXE_trellis")).expect("the trellis binary");
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (bin.len(), bin.modified().ok(), std::fs::canonicalize(data).ok()).hash(&mut h);
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-imports");
        std::fs::create_dir_all(&dir).unwrap();
        let name = format!("{:016x}.sqlite", h.finish());
        let db = dir.join(&name);
        let lock = std::fs::File::create(dir.join("import.lock")).unwrap();
        lock.lock().unwrap();
        if !db.exists() {
            // Databases of earlier builds or other data folders are stale.
            for e in std::fs::read_dir(&dir).unwrap().flatten() {
                let n = e.file_name().to_string_lossy().into_owned();
                if n.len() == name.len() && n.ends_with(".sqlite") && n != name {
                    let _ = std::fs::remove_file(e.path());
                }
            }
            let out = trellis(&db, &["--quiet", "data", "import", data.to_str().unwrap()]);
            assert!(out.status.success(), "import failed: {}", text(&out.stderr));
            let stdout = text(&out.stdout);
            assert!(stdout.contains("imported into"), "{stdout}");
        }
        db
    })
}

/// The imported database; `None` (and a SKIPPED line naming `test`) without official data.
pub fn database(test: &str) -> Option<PathBuf> {
    official_data(test).map(|data| imported(&data).to_path_buf())
}
