//! Output formats shared by every listing: an aligned text table, CSV and JSON (XLSX where a
//! command offers it).

use std::io::Write;

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Aligned columns for reading in a terminal.
    #[default]
    Table,
    /// Comma-separated values with a header row.
    Csv,
    /// JSON, in the shape documented for each command.
    Json,
}

/// A rectangular listing: one header row and data rows of the same width.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new<S: Into<String>>(headers: impl IntoIterator<Item = S>) -> Table {
        Table { headers: headers.into_iter().map(Into::into).collect(), rows: Vec::new() }
    }

    pub fn push<S: Into<String>>(&mut self, row: impl IntoIterator<Item = S>) {
        let row: Vec<String> = row.into_iter().map(Into::into).collect();
        debug_assert_eq!(row.len(), self.headers.len(), "row width must match the header");
        self.rows.push(row);
    }

    /// Writes aligned columns; the last column is not padded so long text wraps naturally.
    pub fn write_text(&self, out: &mut (impl Write + ?Sized)) -> std::io::Result<()> {
        let n = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |out: &mut dyn Write, cells: &[String]| -> std::io::Result<()> {
            for (i, cell) in cells.iter().enumerate() {
                if i + 1 == n {
                    write!(out, "{cell}")?;
                } else {
                    let pad = widths[i] - cell.chars().count();
                    write!(out, "{cell}{}  ", " ".repeat(pad))?;
                }
            }
            writeln!(out)
        };
        // `&mut &mut W` is a sized writer even when `W` is `dyn Write`.
        let mut out = out;
        line(&mut out, &self.headers)?;
        let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        line(&mut out, &rule)?;
        for row in &self.rows {
            line(&mut out, row)?;
        }
        Ok(())
    }

    pub fn write_csv(&self, out: impl Write) -> csv::Result<()> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(&self.headers)?;
        for row in &self.rows {
            w.write_record(row)?;
        }
        w.flush()?;
        Ok(())
    }
}

/// Prints a value as pretty JSON followed by a newline.
pub fn write_json<T: serde::Serialize>(
    out: &mut (impl Write + ?Sized),
    value: &T,
) -> anyhow::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// Flattens a JSON value into `field,value` rows (`wages.median.value`, `onet.0.tasks.2.task`),
/// the CSV form of a single record such as one occupation.
pub fn flatten_json(value: &serde_json::Value) -> Table {
    fn walk(prefix: &str, v: &serde_json::Value, table: &mut Table) {
        let key = |k: &str| if prefix.is_empty() { k.to_string() } else { format!("{prefix}.{k}") };
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    walk(&key(k), v, table);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(&key(&i.to_string()), v, table);
                }
            }
            serde_json::Value::Null => table.push([prefix.to_string(), String::new()]),
            serde_json::Value::String(s) => table.push([prefix.to_string(), s.clone()]),
            other => table.push([prefix.to_string(), other.to_string()]),
        }
    }
    let mut table = Table::new(["field", "value"]);
    walk("", value, &mut table);
    table
}

#[cfg(test)]
mod flatten_tests {
    use super::*;

    #[test]
    fn nested_values_get_dotted_paths() {
        let v = serde_json::json!({"a": {"b": 1, "c": [ "x", null ]}, "d": "e"});
        let t = flatten_json(&v);
        let rows: Vec<(String, String)> =
            t.rows.iter().map(|r| (r[0].clone(), r[1].clone())).collect();
        assert_eq!(
            rows,
            vec![
                ("a.b".into(), "1".into()),
                ("a.c.0".into(), "x".into()),
                ("a.c.1".into(), "".into()),
                ("d".into(), "e".into()),
            ]
        );
    }
}
