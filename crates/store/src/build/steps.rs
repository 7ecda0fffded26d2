//! The build steps after the load: prepared side by side, written one after the other.
//!
//! Preparing a step (reading its inputs and computing its rows) is most of its time, and the
//! steps read only the imported tables, so they can prepare at the same time, each on its own
//! thread and read-only connection. Writing stays on the build's one writing connection, in
//! registration order, so the file's contents do not depend on which step finished first; a
//! step is written as soon as it and every step before it are prepared, while later steps may
//! still be reading (SQLite makes either side wait for the other's statement in progress).

use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};

use super::{BuildError, ImportOptions, StepReport};
use crate::{BuildStep, StepRows};

type StepError = Box<dyn std::error::Error + Send + Sync>;

/// A step's prepared rows (`None`: it runs whole) and the time preparing took.
type Prepared<'a> = (Result<Option<Box<dyn StepRows + 'a>>, StepError>, Duration);

/// Called by SQLite while another connection's statement holds the lock: polls every
/// millisecond for up to a minute. (SQLite's own handler backs off to 100 ms sleeps, longer than
/// most statements here take.)
fn wait_for_lock(attempts: i32) -> bool {
    std::thread::sleep(Duration::from_millis(1));
    attempts < 60_000
}

/// Runs `opts.steps` on the build database `conn`; `file` is its path (`None` for an in-memory
/// check, where the steps run one after the other on `conn`).
pub fn run(
    conn: &mut Connection,
    file: Option<&Path>,
    opts: &ImportOptions<'_>,
    cancelled: &dyn Fn() -> bool,
) -> Result<Vec<StepReport>, BuildError> {
    let mut reports = Vec::with_capacity(opts.steps.len());
    match file {
        Some(path) if opts.steps.len() > 1 => {
            release_lock(conn)?;
            conn.busy_handler(Some(wait_for_lock))?;
            let conn = &*conn;
            std::thread::scope(|scope| {
                let (tx, rx) = mpsc::channel::<(usize, Prepared<'_>)>();
                for (i, &step) in opts.steps.iter().enumerate() {
                    opts.progress.stage(step.name());
                    let tx = tx.clone();
                    scope.spawn(move || {
                        let t = Instant::now();
                        let rows = read_connection(path)
                            .map_err(StepError::from)
                            .and_then(|read| step.prepare(&read));
                        // The receiver is gone only when an earlier step failed.
                        let _ = tx.send((i, (rows, t.elapsed())));
                    });
                }
                drop(tx);
                let mut ready: Vec<Option<Prepared<'_>>> =
                    opts.steps.iter().map(|_| None).collect();
                let mut next = 0;
                for (i, prepared) in rx {
                    ready[i] = Some(prepared);
                    while let Some(prepared) = ready.get_mut(next).and_then(Option::take) {
                        let (rows, time) = prepared;
                        reports.push(write(conn, opts.steps[next], rows, time, cancelled)?);
                        next += 1;
                    }
                }
                Ok::<(), BuildError>(())
            })?;
        }
        _ => {
            for &step in &opts.steps {
                opts.progress.stage(step.name());
                let t = Instant::now();
                let rows = step.prepare(conn);
                reports.push(write(conn, step, rows, t.elapsed(), cancelled)?);
            }
        }
    }
    Ok(reports)
}

/// Writes one prepared step (or runs it whole when it does not split).
fn write(
    conn: &Connection,
    step: &dyn BuildStep,
    rows: Result<Option<Box<dyn StepRows + '_>>, StepError>,
    prepare_time: Duration,
    cancelled: &dyn Fn() -> bool,
) -> Result<StepReport, BuildError> {
    let failed = |cause: StepError| BuildError::Step { name: step.name().to_string(), cause };
    if cancelled() {
        return Err(BuildError::Cancelled);
    }
    let t = Instant::now();
    match rows.map_err(failed)? {
        Some(rows) => rows.write(conn),
        None => step.run(conn),
    }
    .map_err(failed)?;
    Ok(StepReport { name: step.name().to_string(), time: prepare_time + t.elapsed() })
}

/// Lets other connections read the build file: it was opened in exclusive locking mode for
/// the load, and SQLite drops the lock at the next access after leaving that mode.
fn release_lock(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "locking_mode", "NORMAL")?;
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))
}

/// A read-only connection to the build file for one step's preparation. The file was just
/// written, so its pages are in the OS cache: mapping them saves copying each into a page cache
/// of this connection's own.
fn read_connection(path: &Path) -> rusqlite::Result<Connection> {
    let mut read = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    read.execute_batch("PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -65536;")?;
    read.busy_handler(Some(wait_for_lock))?;
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::ImportOptions;

    /// Counts the rows of `source` on the read connection; writes the count into `target`.
    struct Counting {
        name: &'static str,
        source: &'static str,
        split: bool,
    }

    struct Count(&'static str, i64);

    impl StepRows for Count {
        fn write(self: Box<Self>, conn: &Connection) -> Result<(), StepError> {
            conn.execute_batch(&format!("CREATE TABLE {} (n INTEGER)", self.0))?;
            conn.execute(&format!("INSERT INTO {} VALUES (?1)", self.0), [self.1])?;
            Ok(())
        }
    }

    impl BuildStep for Counting {
        fn name(&self) -> &str {
            self.name
        }
        fn run(&self, conn: &Connection) -> Result<(), StepError> {
            let n =
                conn.query_row(&format!("SELECT count(*) FROM {}", self.source), [], |r| r.get(0))?;
            Box::new(Count(self.name, n)).write(conn)
        }
        fn prepare(&self, read: &Connection) -> Result<Option<Box<dyn StepRows + '_>>, StepError> {
            if !self.split {
                return Ok(None);
            }
            // Fails when the build's writing connection still holds its exclusive lock.
            let n =
                read.query_row(&format!("SELECT count(*) FROM {}", self.source), [], |r| r.get(0))?;
            Ok(Some(Box::new(Count(self.name, n))))
        }
    }

    fn build_file(dir: &Path) -> (std::path::PathBuf, Connection) {
        let path = dir.join("build.sqlite");
        let conn = Connection::open(&path).unwrap();
        crate::build::schema::prepare_fresh(&conn).unwrap();
        conn.execute_batch(
            "CREATE TABLE t (x); INSERT INTO t VALUES (1), (2), (3);
             CREATE TABLE u (x); INSERT INTO u VALUES (1);",
        )
        .unwrap();
        (path, conn)
    }

    #[test]
    fn steps_prepare_on_their_own_connections_and_write_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut conn) = build_file(dir.path());
        let a = Counting { name: "a", source: "t", split: true };
        let b = Counting { name: "b", source: "u", split: false };
        let c = Counting { name: "c", source: "t", split: true };
        let mut opts = ImportOptions::new(dir.path(), Some(&path));
        opts.steps = vec![&a, &b, &c];
        let reports = run(&mut conn, Some(&path), &opts, &|| false).unwrap();
        let names: Vec<&str> = reports.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["a", "b", "c"]);
        let got = |t: &str| -> i64 {
            conn.query_row(&format!("SELECT n FROM {t}"), [], |r| r.get(0)).unwrap()
        };
        assert_eq!((got("a"), got("b"), got("c")), (3, 1, 3));
        // Written in registration order: a's table precedes c's in the schema.
        let order: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE name IN ('a', 'b', 'c') ORDER BY rowid")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(order, ["a", "b", "c"]);
    }

    #[test]
    fn a_failing_preparation_names_its_step_and_writes_nothing_after_it() {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut conn) = build_file(dir.path());
        let a = Counting { name: "a", source: "t", split: true };
        let bad = Counting { name: "bad", source: "missing_table", split: true };
        let mut opts = ImportOptions::new(dir.path(), Some(&path));
        opts.steps = vec![&a, &bad];
        let err = run(&mut conn, Some(&path), &opts, &|| false).unwrap_err().to_string();
        assert!(err.starts_with("build step bad failed") && err.contains("missing_table"), "{err}");
        let bad_table: bool = conn
            .query_row("SELECT count(*) > 0 FROM sqlite_schema WHERE name = 'bad'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert!(!bad_table);
    }

    #[test]
    fn a_check_runs_the_steps_on_the_one_connection() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1), (2);").unwrap();
        let a = Counting { name: "a", source: "t", split: true };
        let b = Counting { name: "b", source: "t", split: false };
        let mut opts = ImportOptions::new(Path::new("."), None);
        opts.steps = vec![&a, &b];
        run(&mut conn, None, &opts, &|| false).unwrap();
        let n: i64 = conn.query_row("SELECT n FROM a", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 2);
        let n: i64 = conn.query_row("SELECT n FROM b", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 2);
    }
}
