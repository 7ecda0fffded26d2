//! Downloads: one table as CSV, XLSX or JSON, with a file name that says what it holds.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use rust_xlsxwriter::{Format, Workbook};
use serde::Deserialize;

use crate::cache::Cacheable;
use crate::error::Problem;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    Csv,
    Xlsx,
    Json,
}

/// A rectangular table with a title (the XLSX sheet name and the JSON key names).
pub struct Table {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Columns written as numbers in XLSX (codes such as `51.3801` stay text everywhere).
    pub numeric: Vec<usize>,
}

pub fn csv_bytes(t: &Table) -> Result<Vec<u8>, Problem> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&t.headers).map_err(Problem::internal)?;
    for r in &t.rows {
        w.write_record(r).map_err(Problem::internal)?;
    }
    w.into_inner().map_err(Problem::internal)
}

pub fn xlsx_bytes(t: &Table, about: &[(String, String)]) -> Result<Vec<u8>, Problem> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = wb.add_worksheet();
    let name: String = t.title.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
    sheet
        .set_name(if name.is_empty() { "data".to_owned() } else { name })
        .map_err(Problem::internal)?;
    for (c, h) in t.headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, &bold).map_err(Problem::internal)?;
    }
    for (r, row) in t.rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match v.parse::<f64>() {
                Ok(n) if t.numeric.contains(&(c as usize)) => {
                    sheet.write_number(r, c, n).map_err(Problem::internal)?
                }
                _ => sheet.write_string(r, c, v).map_err(Problem::internal)?,
            };
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(Problem::internal)?;
    if !about.is_empty() {
        let s = wb.add_worksheet();
        s.set_name("about").map_err(Problem::internal)?;
        for (i, (k, v)) in about.iter().enumerate() {
            s.write_string_with_format(i as u32, 0, k, &bold).map_err(Problem::internal)?;
            s.write_string(i as u32, 1, v).map_err(Problem::internal)?;
        }
    }
    wb.save_to_buffer().map_err(Problem::internal)
}

pub fn json_bytes(t: &Table) -> Result<Vec<u8>, Problem> {
    let rows: Vec<serde_json::Map<String, serde_json::Value>> = t
        .rows
        .iter()
        .map(|r| {
            t.headers
                .iter()
                .zip(r)
                .map(|(h, v)| (h.clone(), serde_json::Value::String(v.clone())))
                .collect()
        })
        .collect();
    serde_json::to_vec_pretty(&rows).map_err(Problem::internal)
}

/// The download response. `stem` names the file (`trellis-crosswalk-occupations`).
pub fn download(
    t: &Table,
    format: FileFormat,
    stem: &str,
    about: &[(String, String)],
) -> Result<Response, Problem> {
    let (body, ctype, ext) = match format {
        FileFormat::Csv => (csv_bytes(t)?, "text/csv; charset=utf-8", "csv"),
        FileFormat::Xlsx => (
            xlsx_bytes(t, about)?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        FileFormat::Json => (json_bytes(t)?, "application/json", "json"),
    };
    let safe: String =
        stem.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{safe}.{ext}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    r.extensions_mut().insert(Cacheable);
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> Table {
        Table {
            title: "crosswalk".into(),
            headers: vec!["code".into(), "title".into(), "score".into()],
            rows: vec![vec!["15-1252".into(), "Software, \"Developers\"".into(), "0.8123".into()]],
            numeric: vec![2],
        }
    }

    #[test]
    fn csv_quotes_and_keeps_codes() {
        let s = String::from_utf8(csv_bytes(&t()).unwrap()).unwrap();
        assert_eq!(s, "code,title,score\n15-1252,\"Software, \"\"Developers\"\"\",0.8123\n");
    }

    #[test]
    fn json_rows_are_objects() {
        let v: serde_json::Value = serde_json::from_slice(&json_bytes(&t()).unwrap()).unwrap();
        assert_eq!(v[0]["code"], "15-1252");
        assert_eq!(v[0]["score"], "0.8123");
    }

    #[test]
    fn xlsx_is_a_zip() {
        let b = xlsx_bytes(&t(), &[("source".into(), "test".into())]).unwrap();
        assert_eq!(&b[..2], b"PK");
    }
}
