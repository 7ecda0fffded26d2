//! The read path: one opened database and the queries every consumer shares.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;

use crate::SCHEMA_VERSION;

/// Why a database could not be opened or read.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "no Trellis database at {}: build it with `trellis data import DIR` (DIR = a folder of the official files)",
        path.display()
    )]
    Missing { path: PathBuf },
    #[error(
        "{} is not a Trellis database ({reason}); rebuild it with `trellis data import DIR`",
        path.display()
    )]
    NotTrellis { path: PathBuf, reason: String },
    #[error(
        "{} was built with database schema {found}, this trellis reads schema {expected}; rebuild it with `trellis data import DIR`",
        path.display()
    )]
    SchemaVersion { path: PathBuf, found: String, expected: String },
    #[error("database query failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// An opened, read-only Trellis database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// One row of the `sources` table: an input file of the build.
#[derive(Debug, Clone, Serialize)]
pub struct SourceFile {
    pub id: i64,
    pub path: String,
    pub file_name: String,
    pub size: i64,
    pub sha256: String,
    pub dataset: String,
    pub vintage: String,
    pub reader: String,
    pub sheet: Option<String>,
    pub rows: i64,
    pub warnings: Vec<String>,
}

impl Store {
    /// Opens the database at `path` read-only and checks that it is a Trellis database of the
    /// schema this build reads.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if !path.is_file() {
            return Err(StoreError::Missing { path: path.to_path_buf() });
        }
        crate::tune_sqlite();
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let not_trellis =
            |reason: String| StoreError::NotTrellis { path: path.to_path_buf(), reason };
        let version: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'schema_version'", [], |r| r.get(0))
            .optional()
            .map_err(|e| not_trellis(e.to_string()))?;
        match version {
            None => return Err(not_trellis("no schema_version in meta".into())),
            Some(v) if v != SCHEMA_VERSION => {
                return Err(StoreError::SchemaVersion {
                    path: path.to_path_buf(),
                    found: v,
                    expected: SCHEMA_VERSION.into(),
                });
            }
            Some(_) => {}
        }
        Ok(Store { conn, path: path.to_path_buf() })
    }

    /// The underlying connection, for queries this crate does not (yet) offer. Read-only.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The `meta` table: schema_version, trellis_version, built_at, data_dir, ...
    pub fn meta(&self) -> Result<BTreeMap<String, String>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT key, value FROM meta ORDER BY key")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every input file of the build, in the order it was recorded.
    pub fn sources(&self) -> Result<Vec<SourceFile>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, path, file_name, size, sha256, dataset, vintage, reader, sheet, rows, warnings
             FROM sources ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            let warnings: String = r.get(10)?;
            Ok(SourceFile {
                id: r.get(0)?,
                path: r.get(1)?,
                file_name: r.get(2)?,
                size: r.get(3)?,
                sha256: r.get(4)?,
                dataset: r.get(5)?,
                vintage: r.get(6)?,
                reader: r.get(7)?,
                sheet: r.get(8)?,
                rows: r.get(9)?,
                warnings: serde_json::from_str(&warnings).unwrap_or_else(|_| vec![warnings]),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The number of rows of a table (for status lines and checks).
    pub fn count(&self, table: &str) -> Result<i64, StoreError> {
        // Table names cannot be bound as parameters; accept only plain identifiers.
        if !table.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Err(StoreError::Sqlite(rusqlite::Error::InvalidParameterName(table.into())));
        }
        Ok(self.conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
    }
}
