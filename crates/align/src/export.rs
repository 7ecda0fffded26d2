//! The shapes states use: per-SOC and per-CIP rows, and the long Cluster × Sub-Cluster × SOC ×
//! CIP × NAICS table; as CSV, JSON or one XLSX workbook with an overview sheet.
//!
//! Output is deterministic: rows sorted, floats written with four decimals.

use std::collections::BTreeMap;

use crate::Error;
use crate::model::{AssignmentRow, Crosswalk};
use crate::taxonomy::Taxonomy;

/// Which rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Soc,
    Cip,
    Long,
}

/// Which file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Xlsx,
}

/// A table: header and string cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub name: &'static str,
    pub header: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

fn f4(x: f64) -> String {
    format!("{x:.4}")
}

struct Names<'a>(&'a Taxonomy);

impl Names<'_> {
    fn cluster(&self, id: &str) -> String {
        self.0
            .cluster_by_id(id)
            .map(|i| self.0.clusters[i].name.clone())
            .unwrap_or_else(|| id.to_string())
    }
    fn sub(&self, id: Option<&str>) -> String {
        id.map(|id| {
            self.0
                .sub_cluster_by_id(id)
                .map(|i| self.0.sub_clusters[i].name.clone())
                .unwrap_or_else(|| id.to_string())
        })
        .unwrap_or_default()
    }
}

fn assignment_cells(n: &Names, r: &AssignmentRow) -> Vec<String> {
    vec![
        n.cluster(&r.cluster),
        n.sub(r.sub_cluster.as_deref()),
        r.is_primary.to_string(),
        f4(r.score),
        r.rank.to_string(),
        r.interdisciplinary.to_string(),
        r.cluster.clone(),
        r.sub_cluster.clone().unwrap_or_default(),
    ]
}

/// The per-SOC table: one row per occupation × (cluster, sub-cluster).
pub fn soc_table(tax: &Taxonomy, xw: &Crosswalk) -> Table {
    let items = xw.occupations.iter().map(|o| (o.soc.as_str(), o.title.as_str(), &o.rows[..]));
    assignment_table(tax, "SOC", "soc", items, true)
}

/// The per-CIP table: one row per program × (cluster, sub-cluster).
pub fn cip_table(tax: &Taxonomy, xw: &Crosswalk) -> Table {
    let items = xw.programs.iter().map(|p| (p.cip.as_str(), p.title.as_str(), &p.rows[..]));
    assignment_table(tax, "CIP", "cip", items, false)
}

/// One row per code × assignment; occupations also carry the cluster's share of their jobs.
fn assignment_table<'a>(
    tax: &Taxonomy,
    name: &'static str,
    code_column: &'static str,
    items: impl Iterator<Item = (&'a str, &'a str, &'a [AssignmentRow])>,
    with_share: bool,
) -> Table {
    let n = Names(tax);
    let mut rows = Vec::new();
    for (code, title, assignments) in items {
        for r in assignments {
            let mut row = vec![code.to_string(), title.to_string()];
            row.extend(assignment_cells(&n, r));
            if with_share {
                row.push(r.cluster_share.map(f4).unwrap_or_default());
            }
            row.push(r.overridden.to_string());
            rows.push(row);
        }
    }
    let mut header = vec![
        code_column,
        "title",
        "cluster",
        "sub_cluster",
        "primary",
        "score",
        "rank",
        "interdisciplinary",
        "cluster_id",
        "sub_cluster_id",
    ];
    if with_share {
        header.push("cluster_share");
    }
    header.push("overridden");
    Table { name, header, rows }
}

/// The long table: Cluster × Sub-Cluster × SOC × CIP × NAICS. Each occupation assignment is
/// paired with the programs that prepare for the occupation (NCES CIP–SOC) and the NAICS
/// subsectors of its sub-cluster (or the sectors of its cluster when the sub-cluster has none).
pub fn long_table(tax: &Taxonomy, xw: &Crosswalk) -> Table {
    let n = Names(tax);
    let mut cips_of: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for p in &xw.programs {
        for (soc, _) in &p.occupations {
            cips_of.entry(soc.as_str()).or_default().push((p.cip.as_str(), p.title.as_str()));
        }
    }
    let mut naics_of_sub: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    let mut naics_of_cluster: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for i in &xw.industries {
        match &i.sub_cluster {
            Some(s) if i.naics.len() == 3 => {
                naics_of_sub.entry(s.as_str()).or_default().push((&i.naics, &i.title))
            }
            None if i.naics.len() == 2 || i.naics.contains('-') => {
                naics_of_cluster.entry(i.cluster.as_str()).or_default().push((&i.naics, &i.title))
            }
            _ => {}
        }
    }
    let none: Vec<(&str, &str)> = vec![("", "")];
    let mut rows = Vec::new();
    for o in &xw.occupations {
        for r in &o.rows {
            let cips = cips_of.get(o.soc.as_str()).unwrap_or(&none);
            let naics = r
                .sub_cluster
                .as_deref()
                .and_then(|s| naics_of_sub.get(s))
                .or_else(|| naics_of_cluster.get(r.cluster.as_str()))
                .unwrap_or(&none);
            for (cip, cip_title) in cips {
                for (na, na_title) in naics {
                    rows.push(vec![
                        n.cluster(&r.cluster),
                        n.sub(r.sub_cluster.as_deref()),
                        o.soc.clone(),
                        o.title.clone(),
                        r.is_primary.to_string(),
                        cip.to_string(),
                        cip_title.to_string(),
                        na.to_string(),
                        na_title.to_string(),
                        r.cluster.clone(),
                        r.sub_cluster.clone().unwrap_or_default(),
                    ]);
                }
            }
        }
    }
    Table {
        name: "Crosswalk",
        header: vec![
            "cluster",
            "sub_cluster",
            "soc",
            "soc_title",
            "primary",
            "cip",
            "cip_title",
            "naics",
            "naics_title",
            "cluster_id",
            "sub_cluster_id",
        ],
        rows,
    }
}

/// The table of a shape.
pub fn table(tax: &Taxonomy, xw: &Crosswalk, shape: Shape) -> Table {
    match shape {
        Shape::Soc => soc_table(tax, xw),
        Shape::Cip => cip_table(tax, xw),
        Shape::Long => long_table(tax, xw),
    }
}

/// Writes a table as CSV.
pub fn write_csv(t: &Table, out: &mut dyn std::io::Write) -> Result<(), Error> {
    let mut w = csv::Writer::from_writer(out);
    let io = |e: csv::Error| Error::Io(format!("writing CSV: {e}"));
    w.write_record(&t.header).map_err(io)?;
    for r in &t.rows {
        w.write_record(r).map_err(io)?;
    }
    w.flush().map_err(|e| Error::Io(format!("writing CSV: {e}")))?;
    Ok(())
}

/// Writes a table as a JSON array of objects (keys in header order; numbers stay strings where
/// the CSV has fixed decimals, so the two formats agree byte for byte on values).
pub fn write_json(t: &Table, out: &mut dyn std::io::Write) -> Result<(), Error> {
    let io = |e: std::io::Error| Error::Io(format!("writing JSON: {e}"));
    out.write_all(b"[\n").map_err(io)?;
    for (i, r) in t.rows.iter().enumerate() {
        let fields: Vec<String> = t
            .header
            .iter()
            .zip(r)
            .map(|(h, v)| {
                let val = match *h {
                    "primary" | "interdisciplinary" | "overridden" => v.clone(),
                    "score" | "cluster_share" | "rank" if !v.is_empty() => v.clone(),
                    _ => serde_json::to_string(v).expect("json string"),
                };
                format!("{}:{}", serde_json::to_string(h).expect("json"), val)
            })
            .collect();
        let sep = if i + 1 < t.rows.len() { ",\n" } else { "\n" };
        write!(out, "  {{{}}}{sep}", fields.join(",")).map_err(io)?;
    }
    out.write_all(b"]\n").map_err(io)?;
    Ok(())
}

/// Writes one workbook: an overview sheet (counts per cluster and sub-cluster, the build's
/// inputs and parameters) and the SOC, CIP and long sheets.
pub fn write_xlsx(tax: &Taxonomy, xw: &Crosswalk, path: &std::path::Path) -> Result<(), Error> {
    use rust_xlsxwriter::{Format as XFormat, Workbook};
    let xe = |e: rust_xlsxwriter::XlsxError| Error::Io(format!("writing {}: {e}", path.display()));
    let mut wb = Workbook::new();
    let bold = XFormat::new().set_bold();
    {
        let ws = wb.add_worksheet().set_name("Overview").map_err(xe)?;
        ws.write_string_with_format(
            0,
            0,
            "Trellis crosswalk: National Career Clusters Framework (2024)",
            &bold,
        )
        .map_err(xe)?;
        ws.write_string(1, 0, "Inputs sha256").map_err(xe)?;
        ws.write_string(1, 1, &xw.inputs_sha256).map_err(xe)?;
        ws.write_string(2, 0, "Parameters").map_err(xe)?;
        ws.write_string(2, 1, &xw.params_json).map_err(xe)?;
        let mut counts: BTreeMap<(usize, Option<usize>), (usize, usize)> = BTreeMap::new();
        for o in &xw.occupations {
            let p = o.primary();
            if let Some(c) = tax.cluster_by_id(&p.cluster) {
                let s = p.sub_cluster.as_deref().and_then(|s| tax.sub_cluster_by_id(s));
                counts.entry((c, s)).or_default().0 += 1;
            }
        }
        for p in &xw.programs {
            if let Some(r) = p.rows.first()
                && let Some(c) = tax.cluster_by_id(&r.cluster)
            {
                let s = r.sub_cluster.as_deref().and_then(|s| tax.sub_cluster_by_id(s));
                counts.entry((c, s)).or_default().1 += 1;
            }
        }
        for (j, h) in ["Cluster", "Sub-Cluster", "Occupations (primary)", "Programs (primary)"]
            .iter()
            .enumerate()
        {
            ws.write_string_with_format(4, j as u16, *h, &bold).map_err(xe)?;
        }
        for (i, ((c, s), (no, np))) in counts.iter().enumerate() {
            let row = 5 + i as u32;
            ws.write_string(row, 0, &tax.clusters[*c].name).map_err(xe)?;
            ws.write_string(row, 1, s.map(|s| tax.sub_clusters[s].name.as_str()).unwrap_or(""))
                .map_err(xe)?;
            ws.write_number(row, 2, *no as f64).map_err(xe)?;
            ws.write_number(row, 3, *np as f64).map_err(xe)?;
        }
        ws.autofit();
    }
    for shape in [Shape::Soc, Shape::Cip, Shape::Long] {
        let t = table(tax, xw, shape);
        let ws = wb.add_worksheet().set_name(t.name).map_err(xe)?;
        for (j, h) in t.header.iter().enumerate() {
            ws.write_string_with_format(0, j as u16, *h, &bold).map_err(xe)?;
        }
        for (i, r) in t.rows.iter().enumerate() {
            for (j, v) in r.iter().enumerate() {
                let h = t.header[j];
                if matches!(h, "score" | "cluster_share" | "rank") && !v.is_empty() {
                    ws.write_number(i as u32 + 1, j as u16, v.parse::<f64>().unwrap_or(0.0))
                        .map_err(xe)?;
                } else {
                    ws.write_string(i as u32 + 1, j as u16, v).map_err(xe)?;
                }
            }
        }
    }
    wb.save(path).map_err(xe)?;
    Ok(())
}
