//! `import`: every official file of a directory into one database, atomically.
//!
//! The stages, in order:
//! 1. **discover** the official files under the directory (any layout) and choose one file per
//!    dataset where the directory holds several forms of the same one;
//! 2. **read** them on the rayon pool, costliest first (hashing each file on the way), while
//!    two threads write them: SQLite has one writer per database, so the matrix and OEWS
//!    tables go to an in-memory side database and everything else into the build file. Rows
//!    are inserted many per statement, in key order where the file's order differs. Each
//!    writer creates the secondary indexes of its tables once its files are in, so the two
//!    index builds run side by side;
//! 3. **merge** the side database into the build file (a raw copy of records and index
//!    entries into empty tables);
//! 4. **validate** cross-references in SQL and map BLS aggregate codes to detailed SOC codes.
//!    The checks of the OEWS and matrix tables run earlier, on the side writer once its
//!    tables are in (against the SOC and NAICS codes the readers found), so they overlap with
//!    the main writer's work; the rest run here, after the merge;
//! 5. run the registered [`BuildStep`]s: every step that splits prepares its rows at the same
//!    time as the others, each on a thread and a read-only connection of its own, and each is
//!    written in registration order as soon as it and the steps before it are prepared (a
//!    background thread meanwhile starts flushing the loaded tables to disk); write `meta`;
//! 6. **commit**: sync the file, rename it over the target, sync the directory.
//!
//! `--check` runs the same stages on an in-memory database and keeps nothing.

mod aggregate;
mod atomic;
pub mod bulk;
mod cluster2002;
mod load;
mod schema;
mod steps;
mod validate;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rusqlite::Connection;
use serde::Serialize;
use trellis_sources::ReadError;

use crate::{BuildStep, SCHEMA_VERSION};

pub use validate::UnknownCode;

/// What to import and where to.
pub struct ImportOptions<'a> {
    /// The directory of official files (searched recursively).
    pub data_dir: &'a Path,
    /// The database to replace; `None` validates everything and writes nothing (`--check`).
    pub target: Option<&'a Path>,
    /// Derived tables built inside the same atomic build, in this order.
    pub steps: Vec<&'a dyn BuildStep>,
    pub progress: &'a dyn Progress,
    /// Set from another thread (e.g. on Ctrl-C) to abandon the build; the previous database
    /// stays as it was.
    pub cancel: Option<&'a AtomicBool>,
}

impl<'a> ImportOptions<'a> {
    pub fn new(data_dir: &'a Path, target: Option<&'a Path>) -> ImportOptions<'a> {
        ImportOptions { data_dir, target, steps: Vec::new(), progress: &NoProgress, cancel: None }
    }
}

/// Receives the progress of a build, for progress bars or log lines. Called from the rayon
/// pool (`file_read`) and the writing thread (the others).
pub trait Progress: Sync {
    /// The files to read are known.
    fn started(&self, _files: usize, _bytes: u64) {}
    /// A file has been read and parsed (not yet written).
    fn file_read(&self, _path: &str, _bytes: u64) {}
    /// A stage after the reading: "validate", a build step's name, "commit".
    fn stage(&self, _name: &str) {}
    fn finished(&self) {}
}

/// A [`Progress`] that reports nothing.
pub struct NoProgress;
impl Progress for NoProgress {}

/// One input file as recorded in the `sources` table, with the time it took.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub path: String,
    pub size: u64,
    pub sha256: String,
    pub dataset: String,
    pub vintage: String,
    pub reader: String,
    pub sheet: Option<String>,
    pub rows: u64,
    pub warnings: Vec<String>,
    /// Time to read, parse and hash the file (on one core of the pool).
    #[serde(serialize_with = "ser_ms")]
    pub read_time: Duration,
    /// Time to insert its rows.
    #[serde(serialize_with = "ser_ms")]
    pub write_time: Duration,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepReport {
    pub name: String,
    #[serde(serialize_with = "ser_ms")]
    pub time: Duration,
}

fn ser_ms<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((d.as_secs_f64() * 1e5).round() / 100.0)
}

/// What a build read, found and wrote.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub data_dir: PathBuf,
    /// The database written; `None` for a check.
    pub target: Option<PathBuf>,
    pub files: Vec<FileReport>,
    /// Files recognized but not read, with the reason (another form of the same dataset).
    pub skipped: Vec<(String, String)>,
    /// Codes not in their classification, with counts, and what they were mapped to.
    pub unknown_codes: Vec<UnknownCode>,
    pub steps: Vec<StepReport>,
    /// Wall time of each stage of the build: discover, read, write and index files, merge,
    /// validate, build steps (all of them, side by side), sync and rename. Each step's own
    /// time (preparing plus writing) is in `steps`.
    pub phases: Vec<StepReport>,
    #[serde(serialize_with = "ser_ms")]
    pub elapsed: Duration,
}

impl ImportReport {
    pub fn total_rows(&self) -> u64 {
        self.files.iter().map(|f| f.rows).sum()
    }
}

/// Why a build failed. The previous database, if any, is untouched in every case.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(
        "no official data files found in {}: point `trellis data import` at the folder of downloads (or run `trellis data fetch DIR` first)",
        dir.display()
    )]
    NoFiles { dir: PathBuf },
    // No `#[source]`: the message already carries the cause, and error chains print both.
    #[error("{0}")]
    Read(Box<ReadError>),
    #[error("{}: {cause}", path.display())]
    Io { path: PathBuf, cause: std::io::Error },
    #[error("writing the database failed: {0}")]
    Sqlite(rusqlite::Error),
    #[error("build step {name} failed: {cause}")]
    Step { name: String, cause: Box<dyn std::error::Error + Send + Sync> },
    #[error("the import was cancelled; the previous database is unchanged")]
    Cancelled,
    #[error("{0}")]
    Invalid(String),
}

impl From<ReadError> for BuildError {
    fn from(e: ReadError) -> Self {
        BuildError::Read(Box::new(e))
    }
}

impl From<rusqlite::Error> for BuildError {
    fn from(e: rusqlite::Error) -> Self {
        BuildError::Sqlite(e)
    }
}

/// Builds the database from every official file under `opts.data_dir`. See the module docs.
pub fn import(opts: &ImportOptions<'_>) -> Result<ImportReport, BuildError> {
    let start = Instant::now();
    crate::tune_sqlite();
    let cancelled = || opts.cancel.is_some_and(|c| c.load(Ordering::Relaxed));
    let plan = load::plan(opts.data_dir)?;
    if plan.files.is_empty() {
        return Err(BuildError::NoFiles { dir: opts.data_dir.to_path_buf() });
    }
    let total_bytes = plan.files.iter().map(|f| f.size).sum();
    opts.progress.started(plan.files.len(), total_bytes);

    let staged = match opts.target {
        Some(t) => Some(
            atomic::Staged::new(t)
                .map_err(|e| BuildError::Io { path: t.to_path_buf(), cause: e })?,
        ),
        None => None,
    };
    let mut conn = match &staged {
        Some(s) => Connection::open(s.path())?,
        None => Connection::open_in_memory()?,
    };
    schema::prepare_fresh(&conn)?;
    let mut phases = vec![StepReport { name: "discover".into(), time: start.elapsed() }];

    // Read on the rayon pool; write on two threads, each into its own database (SQLite has one
    // writer per database), the matrix and OEWS tables on the side one, copied in at the end
    // (a raw record copy into empty tables). One transaction per writer: with no journal,
    // committing per file would only push pages to the OS early. Each writer indexes its own
    // tables once its files are in, so the two index builds run side by side. A failure
    // raises `stop` so the pool skips the files not yet read.
    let t = Instant::now();
    let side_uri = side_database_uri();
    let side = open_side(&side_uri)?;
    let stop = AtomicBool::new(false);
    let (main_tx, main_rx) = mpsc::sync_channel::<Result<load::Loaded, ReadError>>(4);
    let (side_tx, side_rx) = mpsc::sync_channel::<Result<load::Loaded, ReadError>>(4);
    let mut files = Vec::with_capacity(plan.files.len());
    let mut first_error: Option<BuildError> = None;
    let refs =
        ReferenceGate::new(plan.files.iter().filter(|f| load::defines_reference_codes(f)).count());
    let bulk = conn.unchecked_transaction()?;
    let side_result = std::thread::scope(|scope| {
        let stop = &stop;
        let refs = &refs;
        let plan_files = &plan.files;
        let progress = opts.progress;
        scope.spawn(move || {
            // The costliest files first: a large workbook started last would leave its writer
            // (and the build) waiting on one core at the end.
            let order = load::read_order(plan_files);
            let next = std::sync::atomic::AtomicUsize::new(0);
            rayon::scope(|pool| {
                for _ in 0..rayon::current_num_threads() {
                    let (main, side, order, next) =
                        (main_tx.clone(), side_tx.clone(), &order, &next);
                    pool.spawn(move |_| {
                        while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                            if stop.load(Ordering::Relaxed) || cancelled() {
                                return;
                            }
                            let f = &plan_files[i];
                            let result = load::read(f);
                            if let Ok(l) = &result {
                                progress.file_read(&f.rel_path, f.size);
                                if load::defines_reference_codes(f) {
                                    refs.add(l);
                                }
                            }
                            let sent = if load::on_side_writer(f) {
                                side.send(result)
                            } else {
                                main.send(result)
                            };
                            if sent.is_err() {
                                return;
                            }
                        }
                    });
                }
            });
            refs.pool_done();
            drop((main_tx, side_tx));
        });
        // The side database lives as long as a connection to it: the thread hands its
        // connection back.
        let side_writer = scope.spawn(move || {
            let written = side.execute_batch("BEGIN").map_err(BuildError::from).and_then(|()| {
                let w = drain(&side, side_rx, stop, &cancelled)?;
                // The matrix and the occupation list it takes its flags from are both here.
                load::finish(&side)?;
                index(&side, "side")?;
                side.execute_batch("COMMIT")?;
                let checked = match refs.wait(stop) {
                    Some(codes) => {
                        let t = Instant::now();
                        let r = validate::side_checks(&side, &codes)?;
                        tracing::debug!(
                            "validate (side writer): {:.1} ms",
                            t.elapsed().as_secs_f64() * 1e3
                        );
                        r
                    }
                    None => Vec::new(),
                };
                Ok((w, checked))
            });
            (written, side)
        });
        match drain(&conn, main_rx, stop, &cancelled).and_then(|w| index(&conn, "main").map(|()| w))
        {
            Ok(written) => files = written,
            Err(e) => {
                stop.store(true, Ordering::Relaxed);
                first_error = Some(e);
            }
        }
        side_writer.join().expect("the side writer does not panic")
    });
    let (side_result, _side_conn) = side_result;
    let mut side_checked = Vec::new();
    match side_result {
        Ok((written, checked)) => {
            files.extend(written);
            side_checked = checked;
        }
        Err(e) => {
            // A read error is reported by the writer that received it; prefer it over the
            // other writer's consequential "cancelled".
            if first_error.is_none() || matches!(first_error, Some(BuildError::Cancelled)) {
                first_error = Some(e);
            }
        }
    }
    if let Some(e) = first_error {
        return Err(e);
    }
    if cancelled() {
        return Err(BuildError::Cancelled);
    }
    bulk.commit()?;
    for (path, reason) in &plan.skipped {
        tracing::debug!("{path}: not read ({reason})");
    }
    phases.push(StepReport { name: "read, write and index files".into(), time: t.elapsed() });
    let mut phase = |name: &str, t: Instant| {
        tracing::debug!("{name}: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
        phases.push(StepReport { name: name.into(), time: t.elapsed() });
    };
    let t = Instant::now();
    merge_side(&conn, &side_uri)?;
    drop(_side_conn);
    phase("merge", t);

    let bulk = conn.unchecked_transaction()?;
    let t = Instant::now();
    opts.progress.stage("validate");
    let unknown_codes = validate::cross_references(&conn, side_checked)?;
    bulk.commit()?;
    phase("validate", t);

    // The loaded tables are most of the file: flush them to disk while the build steps run,
    // so that the final sync has little left to write. The final sync alone is what makes the
    // file durable; this one only starts the disk early.
    let early_sync = staged.as_ref().map(|s| {
        let path = s.path().to_path_buf();
        std::thread::spawn(move || {
            let _ = std::fs::File::open(path).and_then(|f| f.sync_data());
        })
    });

    let t = Instant::now();
    let steps = steps::run(&mut conn, staged.as_ref().map(|s| s.path()), opts, &cancelled)?;
    if !steps.is_empty() {
        phase("build steps", t);
    }

    write_meta(&conn, opts.data_dir)?;
    if cancelled() {
        return Err(BuildError::Cancelled);
    }
    opts.progress.stage("commit");
    let t = Instant::now();
    conn.close().map_err(|(_, e)| e)?;
    if let Some(h) = early_sync {
        let _ = h.join();
    }
    if let (Some(staged), Some(target)) = (staged, opts.target) {
        staged.commit().map_err(|e| BuildError::Io { path: target.to_path_buf(), cause: e })?;
    }
    phases.push(StepReport { name: "sync and rename".into(), time: t.elapsed() });
    opts.progress.finished();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(ImportReport {
        data_dir: opts.data_dir.to_path_buf(),
        target: opts.target.map(Path::to_path_buf),
        files,
        skipped: plan.skipped,
        unknown_codes,
        steps,
        phases,
        elapsed: start.elapsed(),
    })
}

/// The reference codes (SOC, NAICS) the side writer's checks need, filled by the readers of the
/// classification files; the side writer waits for them once its own tables are in.
struct ReferenceGate {
    state: std::sync::Mutex<GateState>,
    ready: std::sync::Condvar,
}

struct GateState {
    /// Classification files not read yet.
    pending: usize,
    /// The pool has stopped reading (every file read, or the build failed).
    pool_done: bool,
    codes: validate::ReferenceCodes,
}

impl ReferenceGate {
    fn new(pending: usize) -> ReferenceGate {
        ReferenceGate {
            state: std::sync::Mutex::new(GateState {
                pending,
                pool_done: false,
                codes: validate::ReferenceCodes::default(),
            }),
            ready: std::sync::Condvar::new(),
        }
    }

    fn add(&self, loaded: &load::Loaded) {
        let mut s = self.state.lock().expect("no reader panics holding the gate");
        load::reference_codes(loaded, &mut s.codes);
        s.pending = s.pending.saturating_sub(1);
        if s.pending == 0 {
            self.ready.notify_all();
        }
    }

    fn pool_done(&self) {
        self.state.lock().expect("no reader panics holding the gate").pool_done = true;
        self.ready.notify_all();
    }

    /// Every classification file's codes, or `None` when some were not read (the build is
    /// failing, or stopping): the checks then run after the merge as before.
    fn wait(&self, stop: &AtomicBool) -> Option<validate::ReferenceCodes> {
        let mut s = self.state.lock().expect("no reader panics holding the gate");
        while s.pending > 0 && !s.pool_done && !stop.load(Ordering::Relaxed) {
            s = self
                .ready
                .wait_timeout(s, Duration::from_millis(20))
                .expect("no reader panics holding the gate")
                .0;
        }
        (s.pending == 0).then(|| std::mem::take(&mut s.codes))
    }
}

/// Creates the secondary indexes on a writer's database once its rows are in.
fn index(conn: &Connection, writer: &str) -> Result<(), BuildError> {
    let t = Instant::now();
    schema::create_indexes(conn)?;
    tracing::debug!("index ({writer} writer): {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    Ok(())
}

/// Writes every file that arrives on `rx` (until the pool is done), stopping at the first error.
fn drain(
    conn: &Connection,
    rx: mpsc::Receiver<Result<load::Loaded, ReadError>>,
    stop: &AtomicBool,
    cancelled: &dyn Fn() -> bool,
) -> Result<Vec<FileReport>, BuildError> {
    let mut written = Vec::new();
    for result in rx {
        if stop.load(Ordering::Relaxed) {
            return Err(BuildError::Cancelled);
        }
        if cancelled() {
            stop.store(true, Ordering::Relaxed);
            return Err(BuildError::Cancelled);
        }
        match result.map_err(BuildError::from).and_then(|l| write_file(conn, l)) {
            Ok(report) => written.push(report),
            Err(e) => {
                stop.store(true, Ordering::Relaxed);
                return Err(e);
            }
        }
    }
    Ok(written)
}

/// A name for the side writer's in-memory database, unique to this build.
fn side_database_uri() -> String {
    static BUILDS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = BUILDS.fetch_add(1, Ordering::Relaxed);
    format!("file:trellis-build-{}-{n}?mode=memory&cache=shared", std::process::id())
}

fn open_side(uri: &str) -> Result<Connection, BuildError> {
    use rusqlite::OpenFlags;
    let side = Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    schema::prepare_fresh(&side)?;
    Ok(side)
}

/// Copies every table the side writer filled into the build database. The tables there are
/// empty and of the same schema, so SQLite copies the records as they are.
fn merge_side(conn: &Connection, uri: &str) -> Result<(), BuildError> {
    conn.execute("ATTACH DATABASE ?1 AS side", [uri])?;
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM side.sqlite_schema WHERE type = 'table' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let tx = conn.unchecked_transaction()?;
    for table in &tables {
        let has_rows: bool =
            tx.query_row(&format!("SELECT EXISTS (SELECT 1 FROM side.{table})"), [], |r| r.get(0))?;
        if has_rows {
            tx.execute(&format!("INSERT INTO main.{table} SELECT * FROM side.{table}"), [])?;
        }
    }
    tx.commit()?;
    conn.execute("DETACH DATABASE side", [])?;
    Ok(())
}

/// Inserts one file's rows and its `sources` row (inside the writer's one transaction).
fn write_file(conn: &Connection, loaded: load::Loaded) -> Result<FileReport, BuildError> {
    let t = Instant::now();
    let warnings = serde_json::to_string(&loaded.warnings).unwrap_or_else(|_| "[]".into());
    conn.execute(
        "INSERT INTO sources (id, path, file_name, size, sha256, dataset, vintage, reader, sheet, rows, warnings)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        rusqlite::params![
            loaded.file.id,
            loaded.file.rel_path,
            loaded.file.file_name,
            loaded.file.size as i64,
            loaded.sha256,
            loaded.dataset,
            loaded.vintage,
            loaded.reader,
            loaded.sheet,
            loaded.rows as i64,
            warnings,
        ],
    )?;
    load::write(conn, loaded.file.id, &loaded).map_err(|e| match e {
        load::WriteError::Sqlite(e) => BuildError::Sqlite(e),
        load::WriteError::Invalid(msg) => {
            BuildError::Invalid(format!("{}: {msg}", loaded.file.rel_path))
        }
    })?;
    let write_time = t.elapsed();
    tracing::debug!(
        "{}: {} rows, read {:.1} ms, write {:.1} ms",
        loaded.file.rel_path,
        loaded.rows,
        loaded.read_time.as_secs_f64() * 1e3,
        write_time.as_secs_f64() * 1e3
    );
    Ok(FileReport {
        path: loaded.file.rel_path.clone(),
        size: loaded.file.size,
        sha256: loaded.sha256.clone(),
        dataset: loaded.dataset.clone(),
        vintage: loaded.vintage.clone(),
        reader: loaded.reader.clone(),
        sheet: loaded.sheet.clone(),
        rows: loaded.rows,
        warnings: loaded.warnings.clone(),
        read_time: loaded.read_time,
        write_time,
    })
}

fn write_meta(conn: &Connection, data_dir: &Path) -> rusqlite::Result<()> {
    let built_at = rfc3339_now();
    let mut st = conn.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)")?;
    st.execute(["schema_version", SCHEMA_VERSION])?;
    st.execute(["trellis_version", env!("CARGO_PKG_VERSION")])?;
    st.execute(["built_at", &built_at])?;
    let dir = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    st.execute(["data_dir", &dir.display().to_string()])?;
    Ok(())
}

/// The current UTC time as RFC 3339, without a date-time crate.
fn rfc3339_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil-from-days (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn rfc3339_has_the_right_shape() {
        let s = super::rfc3339_now();
        assert_eq!(s.len(), 20, "{s}");
        assert!(s.starts_with("20") && s.ends_with('Z') && s.as_bytes()[10] == b'T', "{s}");
    }
}
