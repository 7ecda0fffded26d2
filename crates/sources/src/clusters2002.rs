//! The 2002 (16-cluster) framework's occupation assignments: O*NET OnLine's "All Career
//! Clusters" export (`All_Career_Clusters.csv`, O*NET-SOC 2019 codes; an occupation in two
//! clusters lists both, joined by `; `), and the Perkins IV crosswalk Table 4 "O*NETs in
//! Pathways" (September 2007, O*NET-SOC 2006 codes) as published (xls) or as a flat TSV.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;
use trellis_framework::codes::OnetSoc;

use crate::error::{ErrorKind, ReadError};
use crate::header::Col;
use crate::meta::{SourceInfo, Table};
use crate::table::read_sheet;
use crate::tabular::{is_workbook, read_table};
use crate::workbook;

/// The O*NET-SOC taxonomy a code belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum OnetSocVersion {
    /// O*NET-SOC 2019 (SOC 2018 based): O*NET 25.0 and later.
    #[serde(rename = "onet-soc-2019")]
    Onet2019,
    /// O*NET-SOC 2006 (SOC 2000 based), used by the 2007 Perkins IV crosswalks.
    #[serde(rename = "onet-soc-2006")]
    Onet2006,
}

impl OnetSocVersion {
    pub fn as_str(self) -> &'static str {
        match self {
            OnetSocVersion::Onet2019 => "onet-soc-2019",
            OnetSocVersion::Onet2006 => "onet-soc-2006",
        }
    }
}

/// One occupation placed in a 2002 cluster (and pathway, when the file names one).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterAssignment {
    pub code: OnetSoc,
    pub code_version: OnetSocVersion,
    /// The occupation title as the file gives it.
    pub occupation_title: String,
    /// The cluster's title as published (e.g. "Agriculture, Food & Natural Resources").
    pub cluster: String,
    /// The cluster number in the Perkins IV numbering ("1" to "16"), when the file has it.
    pub cluster_code: Option<String>,
    pub pathway: Option<String>,
    /// The pathway number in the Perkins IV numbering ("1.1"), when the file has it.
    pub pathway_code: Option<String>,
}

/// Reads O*NET's `All_Career_Clusters.csv`; an occupation listed in two clusters gives two
/// assignments.
pub fn read_onet_career_clusters(path: &Path) -> Result<Table<ClusterAssignment>, ReadError> {
    const SPEC: &[Col] = &[
        Col::req("career cluster", &["career cluster", "cluster"]),
        Col::req("career pathway", &["career pathway", "pathway"]),
        Col::req("O*NET-SOC code", &["code", "o net-soc code"]),
        Col::req("occupation", &["occupation", "title"]),
    ];
    let mut rows = Vec::with_capacity(1100);
    let (t, sheet) = read_table(
        path,
        SPEC,
        |_| true,
        |r| {
            let code = r.code(2, OnetSoc::parse_lenient)?;
            let title = r.string(3)?;
            let clusters = r.text(0)?;
            let pathways = r.opt_text(1);
            let clusters: Vec<&str> = clusters.split("; ").map(str::trim).collect();
            let pathways: Vec<&str> = pathways
                .as_deref()
                .map(|p| p.split("; ").map(str::trim).collect())
                .unwrap_or_default();
            if !pathways.is_empty() && pathways.len() != clusters.len() && clusters.len() != 1 {
                return Err(r.err(
                    1,
                    ErrorKind::Value {
                        found: pathways.join("; "),
                        expected: format!(
                            "one pathway per cluster ({} clusters listed)",
                            clusters.len()
                        ),
                    },
                ));
            }
            let n = clusters.len().max(pathways.len());
            for i in 0..n {
                let cluster = clusters.get(i).or(clusters.first()).expect("split yields one");
                rows.push(ClusterAssignment {
                    code,
                    code_version: OnetSocVersion::Onet2019,
                    occupation_title: title.clone(),
                    cluster: cluster.to_string(),
                    cluster_code: None,
                    pathway: pathways.get(i).map(|p| p.to_string()),
                    pathway_code: None,
                });
            }
            Ok(())
        },
    )?;
    let mut info = SourceInfo::new("onet_career_clusters/1");
    info.rows = t.rows;
    info.sheet = sheet;
    info.vintage = OnetSocVersion::Onet2019.as_str().into();
    info.warnings.push("the export does not state its date; codes are O*NET-SOC 2019".into());
    Ok(Table { rows, info })
}

/// Reads the Perkins IV crosswalk Table 4: the published xls (headings for clusters and
/// pathways, occupations beneath with the pathway code in the third column) or the flat TSV.
pub fn read_perkins_table4(path: &Path) -> Result<Table<ClusterAssignment>, ReadError> {
    if is_workbook(path) { read_perkins_xls(path) } else { read_perkins_flat(path) }
}

fn vintage_2007(info: &mut SourceInfo) {
    info.vintage = "2007-09".into();
}

fn read_perkins_flat(path: &Path) -> Result<Table<ClusterAssignment>, ReadError> {
    const SPEC: &[Col] = &[
        Col::req("O*NET-SOC code", &["o net-soc code", "code"]),
        Col::req("O*NET title", &["o net title", "title"]),
        Col::req("pathway code", &["pathway code"]),
        Col::opt("pathway title", &["pathway title"]),
        Col::req("cluster code", &["cluster code"]),
        Col::req("cluster title", &["cluster title"]),
    ];
    let mut rows = Vec::with_capacity(1200);
    let (t, _) = read_table(
        path,
        SPEC,
        |_| true,
        |r| {
            rows.push(ClusterAssignment {
                code: r.code(0, OnetSoc::parse_lenient)?,
                code_version: OnetSocVersion::Onet2006,
                occupation_title: r.string(1)?,
                pathway_code: Some(r.string(2)?),
                pathway: r.opt_string(3),
                cluster_code: Some(r.string(4)?),
                cluster: r.string(5)?,
            });
            Ok(())
        },
    )?;
    let mut info = SourceInfo::new("perkins_iv_table4_text/1");
    info.rows = t.rows;
    vintage_2007(&mut info);
    Ok(Table { rows, info })
}

fn read_perkins_xls(path: &Path) -> Result<Table<ClusterAssignment>, ReadError> {
    const SPEC: &[Col] = &[Col::req("code", &["code"]), Col::req("title", &["title"])];
    let mut wb = workbook::open(path)?;
    let (name, range) = workbook::find_sheet(
        &mut wb,
        path,
        "with a Code and a Title column (Table 4: O*NETs in Pathways)",
        |n| n.to_lowercase().contains("pathway"),
        |_, r| {
            workbook::head_text(r, 30)
                .iter()
                .any(|row| crate::header::HeaderMap::new(row, SPEC).is_ok())
        },
    )?;
    struct Heading {
        title: String,
    }
    let mut clusters: HashMap<String, Heading> = HashMap::new();
    let mut pathways: HashMap<String, Heading> = HashMap::new();
    let mut current_cluster: Option<String> = None;
    let mut current_pathway: Option<String> = None;
    let mut pending: Vec<(OnetSoc, String, Option<String>, u64)> = Vec::new();
    let mut warnings = Vec::new();
    read_sheet(path, &name, &range, SPEC, |r| {
        let Some(code) = r.opt_text(0) else {
            // The 2007 file lists "Bakers, Manufacturing" without a code: nothing to join on.
            warnings.push(format!(
                "row {}: {:?} has no O*NET-SOC code and is left out",
                r.number,
                r.opt_string(1).unwrap_or_default()
            ));
            return Ok(());
        };
        let title = r.opt_string(1).unwrap_or_default();
        let numbered = code.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        if title.is_empty() && !numbered && code.contains(' ') {
            return Ok(()); // notes under the table ("Prepared by: …")
        }
        if code.contains('-') {
            let onet = r.code(0, OnetSoc::parse_lenient)?;
            // The pathway code sits in the column after the title.
            let pathway =
                r.cell_after(1).text().map(|c| c.into_owned()).or_else(|| current_pathway.clone());
            pending.push((onet, title, pathway, r.number));
        } else if let Some((cluster, _)) = code.split_once('.').filter(|_| numbered) {
            pathways.insert(code.to_string(), Heading { title });
            current_pathway = Some(code.to_string());
            if current_cluster.as_deref() != Some(cluster) {
                current_cluster = Some(cluster.to_string());
            }
        } else if code.bytes().all(|b| b.is_ascii_digit()) {
            clusters.insert(code.to_string(), Heading { title });
            current_cluster = Some(code.to_string());
            current_pathway = None;
        } else {
            return Err(r.err(
                0,
                ErrorKind::Value {
                    found: code.into_owned(),
                    expected: "an O*NET-SOC code, a cluster number or a pathway number (1.1)"
                        .into(),
                },
            ));
        }
        Ok(())
    })?;
    let mut rows = Vec::with_capacity(pending.len());
    for (code, title, pathway, row) in pending {
        let Some(pathway_code) = pathway else {
            return Err(ReadError::new(
                path,
                ErrorKind::Other(format!(
                    "occupation {code} has no pathway code and no pathway heading above it"
                )),
            )
            .with_sheet(Some(&name))
            .at_row(row));
        };
        let cluster_code = pathway_code.split('.').next().unwrap_or_default().to_string();
        let Some(cluster) = clusters.get(&cluster_code) else {
            return Err(ReadError::new(
                path,
                ErrorKind::Other(format!(
                    "pathway {pathway_code} of {code} belongs to no cluster heading"
                )),
            )
            .with_sheet(Some(&name))
            .at_row(row));
        };
        let pathway =
            pathways.get(&pathway_code).map(|p| p.title.clone()).filter(|t| !t.is_empty());
        if pathway.is_none()
            && !warnings.iter().any(|w: &String| w.contains(&format!("pathway {pathway_code} ")))
        {
            warnings.push(format!("pathway {pathway_code} has no title in the file"));
        }
        rows.push(ClusterAssignment {
            code,
            code_version: OnetSocVersion::Onet2006,
            occupation_title: title,
            cluster: cluster.title.clone(),
            cluster_code: Some(cluster_code),
            pathway,
            pathway_code: Some(pathway_code),
        });
    }
    let mut info = SourceInfo::new("perkins_iv_table4_xls/1");
    // Data rows, not headings: one per occupation listed.
    info.rows = rows.len();

    info.sheet = Some(name);
    info.warnings = warnings;
    vintage_2007(&mut info);
    Ok(Table { rows, info })
}
