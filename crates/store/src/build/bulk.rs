//! Bulk inserts: many rows per `INSERT` statement, values bound in place.
//!
//! One statement per row spends as much time opening and closing the table's cursor as
//! inserting: a statement of ~30 rows keeps the cursor positioned from one row to the next, so
//! rows that arrive in key order are appended without a search from the root. Values are bound
//! straight from the records (codes through a stack buffer), with no row of owned values built
//! in between.

use std::fmt::{self, Write as _};

use rusqlite::types::{ToSql, ToSqlOutput, ValueRef};
use rusqlite::{CachedStatement, Connection};

/// Parameters per statement at most; rows per statement follow from the column count.
const PARAMS_PER_STATEMENT: usize = 960;
const MAX_ROWS_PER_STATEMENT: usize = 64;

/// The rows of one statement being bound: [`Row::put`] binds the next column.
pub struct Row<'s, 'c> {
    st: &'s mut CachedStatement<'c>,
    next: usize,
}

impl Row<'_, '_> {
    /// Binds the next column of the current row.
    pub fn put<T: ToSql>(&mut self, value: T) -> rusqlite::Result<()> {
        self.next += 1;
        self.st.raw_bind_parameter(self.next, value)
    }

    /// Binds a code (or any short `Display`) without allocating.
    pub fn code(&mut self, value: impl fmt::Display) -> rusqlite::Result<()> {
        let mut buf = Code::default();
        write!(buf, "{value}").map_err(|_| {
            rusqlite::Error::ToSqlConversionFailure(format!("code {value} too long").into())
        })?;
        self.put(&buf)
    }
}

/// Inserts `rows` into `table` (`columns` comma-separated); `bind` binds each record's values
/// in column order.
pub fn insert<T>(
    conn: &Connection,
    table: &str,
    columns: &str,
    rows: &[T],
    bind: impl FnMut(&mut Row<'_, '_>, &T) -> rusqlite::Result<()>,
) -> rusqlite::Result<()> {
    insert_with(conn, "INSERT", table, columns, "", rows, bind)
}

/// [`insert`] with another `verb` (`INSERT OR IGNORE`) or a `tail` appended to every statement
/// (an `ON CONFLICT` clause).
pub fn insert_with<T>(
    conn: &Connection,
    verb: &str,
    table: &str,
    columns: &str,
    tail: &str,
    rows: &[T],
    mut bind: impl FnMut(&mut Row<'_, '_>, &T) -> rusqlite::Result<()>,
) -> rusqlite::Result<()> {
    let width = columns.split(',').count();
    let per = (PARAMS_PER_STATEMENT / width).clamp(1, MAX_ROWS_PER_STATEMENT);
    for chunk in rows.chunks(per) {
        let mut st =
            conn.prepare_cached(&statement(verb, table, columns, tail, width, chunk.len()))?;
        let mut row = Row { st: &mut st, next: 0 };
        for r in chunk {
            let start = row.next;
            bind(&mut row, r)?;
            debug_assert_eq!(row.next - start, width, "{table}: one value per column");
        }
        st.raw_execute()?;
    }
    Ok(())
}

fn statement(verb: &str, table: &str, columns: &str, tail: &str, width: usize, n: usize) -> String {
    let mut one = String::with_capacity(width * 2 + 2);
    one.push('(');
    for i in 0..width {
        one.push_str(if i == 0 { "?" } else { ",?" });
    }
    one.push(')');
    let mut sql = format!("{verb} INTO {table} ({columns}) VALUES ");
    for i in 0..n {
        if i > 0 {
            sql.push(',');
        }
        sql.push_str(&one);
    }
    if !tail.is_empty() {
        sql.push(' ');
        sql.push_str(tail);
    }
    sql
}

/// A code written into a stack buffer: codes are short (`15-1252.00`, `51.3801`, `31-33`).
#[derive(Default)]
struct Code {
    buf: [u8; 32],
    len: usize,
}

impl fmt::Write for Code {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        self.buf.get_mut(self.len..end).ok_or(fmt::Error)?.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

impl ToSql for Code {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(ValueRef::Text(&self.buf[..self.len])))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_arrive_whole_across_statement_boundaries() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT, c REAL)").unwrap();
        let rows: Vec<i64> = (0..1000).collect();
        insert(&conn, "t", "a, b, c", &rows, |row, &i| {
            row.put(i)?;
            row.code(format_args!("{:02}-{:04}", i % 100, i))?;
            row.put(i as f64 / 2.0)
        })
        .unwrap();
        let (n, sum, last): (i64, f64, String) = conn
            .query_row("SELECT count(*), sum(c), max(b) FROM t", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!(n, 1000);
        assert_eq!(sum, (0..1000).map(|i| i as f64 / 2.0).sum::<f64>());
        assert_eq!(last, "99-0999");
        let b: String = conn.query_row("SELECT b FROM t WHERE a = 517", [], |r| r.get(0)).unwrap();
        assert_eq!(b, "17-0517");
    }

    #[test]
    fn the_tail_clause_applies_to_every_statement() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)").unwrap();
        let rows: Vec<(&str, i64)> = (0..200).map(|i| (["x", "y"][i % 2], i as i64)).collect();
        insert_with(
            &conn,
            "INSERT",
            "t",
            "k, v",
            "ON CONFLICT (k) DO UPDATE SET v = v + excluded.v",
            &rows,
            |row, r| {
                row.put(r.0)?;
                row.put(r.1)
            },
        )
        .unwrap();
        let x: i64 = conn.query_row("SELECT v FROM t WHERE k = 'x'", [], |r| r.get(0)).unwrap();
        assert_eq!(x, (0..200).filter(|i| i % 2 == 0).sum::<i64>());
    }
}
