//! What moved between two crosswalks, and why: two stored builds, or a build and a crosswalk
//! file (CSV or XLSX with a SOC column and cluster and sub-cluster columns, e.g. the long shape).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Serialize;

use crate::Error;
use crate::model::Crosswalk;
use crate::taxonomy::Taxonomy;

/// One side of a comparison: per SOC, its (cluster id, sub-cluster id, primary) rows.
#[derive(Debug, Clone, Default)]
pub struct Side {
    pub label: String,
    pub socs: BTreeMap<String, Vec<(String, Option<String>, bool)>>,
    /// Values in the file that named no framework entity.
    pub unresolved: BTreeSet<String>,
}

impl Side {
    /// A stored build.
    pub fn from_build(label: &str, xw: &Crosswalk) -> Side {
        let mut s = Side { label: label.into(), ..Default::default() };
        for o in &xw.occupations {
            s.socs.insert(
                o.soc.clone(),
                o.rows
                    .iter()
                    .map(|r| (r.cluster.clone(), r.sub_cluster.clone(), r.is_primary))
                    .collect(),
            );
        }
        s
    }

    /// A crosswalk file. Columns are found by header: one containing "soc" (code), one
    /// "cluster" without "sub", one "sub"; an optional "primary" column marks primary rows.
    pub fn from_file(path: &Path, tax: &Taxonomy) -> Result<Side, Error> {
        let rows = read_rows(path)?;
        let Some((header, body)) = rows.split_first() else {
            return Err(Error::Io(format!("{} is empty", path.display())));
        };
        let h: Vec<String> = header.iter().map(|x| x.to_lowercase()).collect();
        let find = |f: &dyn Fn(&str) -> bool| h.iter().position(|x| f(x));
        let soc_col = find(&|x| x.contains("soc") && !x.contains("title") && !x.contains("name"))
            .ok_or_else(|| {
            Error::Io(format!("{}: no SOC column (a header containing `soc`)", path.display()))
        })?;
        let cl_col = find(&|x| x.contains("cluster") && !x.contains("sub") && !x.ends_with("id"))
            .ok_or_else(|| {
            Error::Io(format!(
                "{}: no cluster column (a header containing `cluster`)",
                path.display()
            ))
        })?;
        let sub_col = find(&|x| x.contains("sub") && !x.ends_with("id"));
        let prim_col = find(&|x| x == "primary" || x == "is_primary");
        let fw = trellis_framework::Framework::builtin();
        let resolve_cluster = |name: &str| -> Option<usize> {
            tax.cluster(name).or_else(|| {
                fw.resolve(name)
                    .ok()
                    .and_then(|m| m.iter().find_map(|x| tax.cluster_by_id(x.entity.id())))
            })
        };
        let mut side = Side { label: path.display().to_string(), ..Default::default() };
        for r in body {
            let code = r.get(soc_col).map(|s| s.trim()).unwrap_or("");
            let Some(soc) = normalize_soc(code) else { continue };
            let cname = r.get(cl_col).map(|s| s.trim()).unwrap_or("");
            let Some(c) = resolve_cluster(cname) else {
                if !cname.is_empty() {
                    side.unresolved.insert(cname.to_string());
                }
                continue;
            };
            let sub = sub_col
                .and_then(|i| r.get(i))
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .and_then(|s| {
                    let found = tax.sub_cluster(c, s).or_else(|| {
                        fw.resolve(s).ok().and_then(|m| {
                            m.iter().find_map(|x| tax.sub_cluster_by_id(x.entity.id()))
                        })
                    });
                    if found.is_none() {
                        side.unresolved.insert(s.to_string());
                    }
                    found
                });
            let primary = prim_col.and_then(|i| r.get(i)).is_some_and(|v| {
                matches!(v.trim().to_lowercase().as_str(), "true" | "1" | "yes" | "y")
            });
            let entry =
                (tax.clusters[c].id.clone(), sub.map(|s| tax.sub_clusters[s].id.clone()), primary);
            let v = side.socs.entry(soc).or_default();
            if !v.contains(&entry) {
                v.push(entry);
            }
        }
        Ok(side)
    }
}

fn normalize_soc(code: &str) -> Option<String> {
    let digits: String = code.chars().filter(|c| c.is_ascii_digit()).take(6).collect();
    (digits.len() == 6).then(|| format!("{}-{}", &digits[..2], &digits[2..]))
}

fn read_rows(path: &Path) -> Result<Vec<Vec<String>>, Error> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    let io = |e: String| Error::Io(format!("reading {}: {e}", path.display()));
    if ext == "xlsx" || ext == "xls" {
        use calamine::{Reader, open_workbook_auto};
        let mut wb = open_workbook_auto(path).map_err(|e| io(e.to_string()))?;
        let mut best: Vec<Vec<String>> = Vec::new();
        // The sheet with a SOC column and the most rows.
        for name in wb.sheet_names().to_vec() {
            let Ok(range) = wb.worksheet_range(&name) else { continue };
            let rows: Vec<Vec<String>> =
                range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
            let start = rows
                .iter()
                .position(|r| r.iter().any(|c| c.to_lowercase().contains("soc")))
                .unwrap_or(0);
            let rows = rows[start..].to_vec();
            if rows.len() > best.len()
                && rows
                    .first()
                    .is_some_and(|h| h.iter().any(|c| c.to_lowercase().contains("cluster")))
            {
                best = rows;
            }
        }
        Ok(best)
    } else {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(path)
            .map_err(|e| io(e.to_string()))?;
        rdr.records()
            .map(|r| {
                r.map(|r| r.iter().map(str::to_string).collect()).map_err(|e| io(e.to_string()))
            })
            .collect()
    }
}

/// An occupation whose primary cluster differs.
#[derive(Debug, Clone, Serialize)]
pub struct Moved {
    pub soc: String,
    pub title: String,
    pub a: String,
    pub b: Vec<String>,
    pub why: String,
}

/// The comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub a: String,
    pub b: String,
    pub compared: usize,
    pub only_a: usize,
    pub only_b: usize,
    /// A's primary cluster is among B's clusters for the SOC.
    pub cluster_agree: usize,
    /// A's primary sub-cluster is among B's sub-clusters for the SOC (SOCs where B names one).
    pub sub_cluster_agree: usize,
    pub sub_cluster_compared: usize,
    pub moved: Vec<Moved>,
    pub unresolved_names: Vec<String>,
}

/// Compares A's primary assignments with everything B says. `a_xw` supplies titles and the
/// evidence that explains a move.
pub fn compare(tax: &Taxonomy, a: &Side, b: &Side, a_xw: Option<&Crosswalk>) -> Diff {
    let name = |id: &str| {
        tax.cluster_by_id(id)
            .map(|i| tax.clusters[i].name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let sname = |id: &Option<String>| {
        id.as_deref()
            .and_then(|i| tax.sub_cluster_by_id(i))
            .map(|i| tax.sub_clusters[i].name.clone())
            .unwrap_or_default()
    };
    let mut d = Diff {
        a: a.label.clone(),
        b: b.label.clone(),
        compared: 0,
        only_a: a.socs.keys().filter(|k| !b.socs.contains_key(*k)).count(),
        only_b: b.socs.keys().filter(|k| !a.socs.contains_key(*k)).count(),
        cluster_agree: 0,
        sub_cluster_agree: 0,
        sub_cluster_compared: 0,
        moved: Vec::new(),
        unresolved_names: b.unresolved.iter().cloned().collect(),
    };
    for (soc, rows_a) in &a.socs {
        let Some(rows_b) = b.socs.get(soc) else { continue };
        let Some(pa) = rows_a.iter().find(|r| r.2).or(rows_a.first()) else { continue };
        d.compared += 1;
        let b_clusters: BTreeSet<&String> = rows_b.iter().map(|r| &r.0).collect();
        if b_clusters.contains(&pa.0) {
            d.cluster_agree += 1;
        } else {
            let occ = a_xw.and_then(|x| x.occupations.iter().find(|o| &o.soc == soc));
            let why = occ
                .map(|o| {
                    let e = &o.evidence;
                    let mut w = Vec::new();
                    if let Some(c) = e.clusters.first() {
                        w.push(format!(
                            "{:.0}% of jobs in {} industries",
                            c.share * 100.0,
                            name(&c.cluster)
                        ));
                    }
                    w.extend(
                        e.rules.iter().filter(|r| r.applied).map(|r| format!("rule {}", r.id)),
                    );
                    if !e.clusters_2002.is_empty() {
                        w.push(format!("2002: {}", e.clusters_2002.join("; ")));
                    }
                    w.join("; ")
                })
                .unwrap_or_default();
            d.moved.push(Moved {
                soc: soc.clone(),
                title: occ.map(|o| o.title.clone()).unwrap_or_default(),
                a: format!("{} › {}", name(&pa.0), sname(&pa.1)),
                b: rows_b.iter().map(|r| format!("{} › {}", name(&r.0), sname(&r.1))).collect(),
                why,
            });
        }
        let b_subs: BTreeSet<&String> = rows_b.iter().filter_map(|r| r.1.as_ref()).collect();
        if !b_subs.is_empty() {
            d.sub_cluster_compared += 1;
            if pa.1.as_ref().is_some_and(|s| b_subs.contains(s)) {
                d.sub_cluster_agree += 1;
            }
        }
    }
    d
}
