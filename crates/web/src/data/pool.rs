//! A small pool of read-only SQLite connections. The database never changes while it is being
//! served, so connections are opened once and reused; a request borrows one for the duration
//! of its queries.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{Connection, OpenFlags};

use super::DataError;

/// Connections kept for reuse; more can be open at once, the extra ones are closed after use.
const KEEP: usize = 8;

pub struct Db {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    tables: HashSet<String>,
}

impl Db {
    pub fn open(path: &Path) -> Result<Db, DataError> {
        let conn = open_read_only(path)?;
        let tables = {
            let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?;
            let names = stmt.query_map([], |r| r.get::<_, String>(0))?;
            names.collect::<Result<HashSet<_>, _>>()?
        };
        Ok(Db { path: path.to_owned(), idle: Mutex::new(vec![conn]), tables })
    }

    /// Whether the database has this table (older or partial builds may lack derived ones).
    pub fn has(&self, table: &str) -> bool {
        self.tables.contains(table)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` on a pooled connection.
    pub fn with<R>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<R>,
    ) -> Result<R, DataError> {
        let conn = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let conn = match conn {
            Some(c) => c,
            None => open_read_only(&self.path)?,
        };
        let result = f(&conn);
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        if idle.len() < KEEP {
            idle.push(conn);
        }
        Ok(result?)
    }
}

fn open_read_only(path: &Path) -> Result<Connection, DataError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)
        .map_err(|source| DataError::Open { path: path.display().to_string(), source })?;
    // Fail at start-up, not on the first request, when the file is not a database.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))
        .map_err(|source| DataError::Open { path: path.display().to_string(), source })?;
    conn.pragma_update(None, "query_only", true)?;
    conn.pragma_update(None, "cache_size", -16_000)?;
    Ok(conn)
}
