//! Process-wide SQLite settings that only take effect before SQLite initializes.
//!
//! The import runs four writing and reading threads at once, each on its own connection.
//! SQLite's defaults make every allocation take one global mutex to keep memory statistics
//! nobody reads, and allocate through the C library's `malloc`, whose arenas the threads then
//! contend for. Both cost about a fifth of the import's CPU. Here SQLite's statistics are
//! turned off and its allocations go to mimalloc (per-thread heaps, no shared lock).

use std::ffi::{c_int, c_void};
use std::sync::Once;

use libmimalloc_sys as mi;
use rusqlite::ffi;

static TUNE: Once = Once::new();

/// Applies the settings, once per process, if SQLite has not initialized yet; otherwise keeps
/// SQLite's defaults (the same results, only slower). Every entry point of this crate that
/// opens a connection calls it first; a program that opens connections elsewhere too can call
/// it at start-up.
pub fn tune_sqlite() {
    TUNE.call_once(|| {
        // SAFETY: `sqlite3_config` is called before any connection of this process exists
        // (or returns SQLITE_MISUSE without effect if SQLite is already initialized). SQLite
        // copies the methods struct. The functions below are thread-safe and each frees only
        // what the same allocator allocated: SQLite frees only its own allocations.
        unsafe {
            if ffi::sqlite3_config(ffi::SQLITE_CONFIG_MEMSTATUS, 0 as c_int) != ffi::SQLITE_OK {
                tracing::debug!("SQLite already initialized: default memory settings kept");
                return;
            }
            let methods = ffi::sqlite3_mem_methods {
                xMalloc: Some(x_malloc),
                xFree: Some(x_free),
                xRealloc: Some(x_realloc),
                xSize: Some(x_size),
                xRoundup: Some(x_roundup),
                xInit: Some(x_init),
                xShutdown: Some(x_shutdown),
                pAppData: std::ptr::null_mut(),
            };
            let rc = ffi::sqlite3_config(
                ffi::SQLITE_CONFIG_MALLOC,
                &methods as *const ffi::sqlite3_mem_methods,
            );
            if rc != ffi::SQLITE_OK {
                tracing::debug!("SQLite kept its allocator (sqlite3_config returned {rc})");
            }
        }
    });
}

unsafe extern "C" fn x_malloc(n: c_int) -> *mut c_void {
    // SAFETY: any size is valid; SQLite never asks for a negative one.
    unsafe { mi::mi_malloc(n.max(0) as usize) }
}

unsafe extern "C" fn x_free(p: *mut c_void) {
    // SAFETY: SQLite passes only pointers it got from `x_malloc`/`x_realloc`.
    unsafe { mi::mi_free(p) }
}

unsafe extern "C" fn x_realloc(p: *mut c_void, n: c_int) -> *mut c_void {
    // SAFETY: as `x_free`.
    unsafe { mi::mi_realloc(p, n.max(0) as usize) }
}

unsafe extern "C" fn x_size(p: *mut c_void) -> c_int {
    // SAFETY: as `x_free`; SQLite only asks for the size of live allocations.
    let n = unsafe { mi::mi_usable_size(p) };
    c_int::try_from(n).unwrap_or(c_int::MAX)
}

unsafe extern "C" fn x_roundup(n: c_int) -> c_int {
    // SAFETY: a pure function of its argument.
    let r = unsafe { mi::mi_good_size(n.max(0) as usize) };
    c_int::try_from(r).unwrap_or(n)
}

unsafe extern "C" fn x_init(_: *mut c_void) -> c_int {
    ffi::SQLITE_OK
}

unsafe extern "C" fn x_shutdown(_: *mut c_void) {}

#[cfg(test)]
mod tests {
    #[test]
    fn sqlite_works_after_tuning() {
        super::tune_sqlite();
        super::tune_sqlite();
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE t (x TEXT);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
             INSERT INTO t SELECT hex(randomblob(300)) FROM n;",
        )
        .unwrap();
        let (n, len): (i64, i64) = conn
            .query_row("SELECT count(*), sum(length(x)) FROM t", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        assert_eq!((n, len), (2000, 2000 * 600));
    }
}
