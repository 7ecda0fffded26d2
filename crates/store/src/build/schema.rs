//! Setting up a fresh build file: the tables of [`SCHEMA`](crate::SCHEMA) first, the secondary
//! indexes after the rows are in (building an index once is cheaper than maintaining it
//! through every insert).

use rusqlite::Connection;

use crate::SCHEMA;

/// The statements of the schema, comments removed, split into (tables and pragmas, indexes).
fn statements() -> (Vec<String>, Vec<String>) {
    let mut body = String::with_capacity(SCHEMA.len());
    for line in SCHEMA.lines() {
        // The schema has no `--` inside string literals, so this strips comments only.
        let code = line.find("--").map_or(line, |i| &line[..i]);
        body.push_str(code);
        body.push('\n');
    }
    let (mut tables, mut indexes) = (Vec::new(), Vec::new());
    for stmt in body.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        if stmt.to_ascii_uppercase().starts_with("CREATE INDEX") {
            indexes.push(stmt.to_string());
        } else {
            tables.push(stmt.to_string());
        }
    }
    (tables, indexes)
}

/// Creates the tables on a new, empty database and sets it up for one fast bulk load. No
/// journal and no syncs while building: the file is private to this build until it is renamed,
/// and the rename happens only after an explicit sync of the finished file.
pub fn prepare_fresh(conn: &Connection) -> rusqlite::Result<()> {
    // Bulk inserts keep a full-size and a remainder statement per table.
    conn.set_prepared_statement_cache_capacity(128);
    conn.execute_batch(
        "PRAGMA journal_mode = OFF;
         PRAGMA synchronous = OFF;
         PRAGMA locking_mode = EXCLUSIVE;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -262144;
         PRAGMA page_size = 8192;",
    )?;
    let (tables, _) = statements();
    let tx = conn.unchecked_transaction()?;
    for stmt in tables {
        tx.execute_batch(&stmt)?;
    }
    tx.commit()
}

/// Creates the secondary indexes (inside the caller's transaction, if any).
pub fn create_indexes(conn: &Connection) -> rusqlite::Result<()> {
    let (_, indexes) = statements();
    for stmt in indexes {
        conn.execute_batch(&stmt)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_splits_into_tables_and_indexes_and_applies() {
        let (tables, indexes) = statements();
        assert!(tables.iter().any(|s| s.contains("CREATE TABLE oews")));
        assert!(indexes.iter().all(|s| s.starts_with("CREATE INDEX")));
        assert!(!indexes.is_empty());
        let conn = Connection::open_in_memory().unwrap();
        prepare_fresh(&conn).unwrap();
        create_indexes(&conn).unwrap();
        let n: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n as usize, indexes.len());
    }
}
