//! State overrides: a file that pins or moves occupations, reported against what the data said.

use serde::Deserialize;

use crate::Error;
use crate::model::{AssignmentRow, OccupationResult, OverrideApplied, OverrideNote};
use crate::taxonomy::Taxonomy;

/// One override: occupation `soc` goes to `cluster` (and `sub_cluster`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Override {
    pub soc: String,
    pub cluster: String,
    pub sub_cluster: Option<String>,
    #[serde(default)]
    pub reason: String,
}

/// An overrides file:
///
/// ```toml
/// [[override]]
/// soc = "15-1252"
/// cluster = "Advanced Manufacturing"
/// sub_cluster = "Engineering"
/// reason = "State program of study: manufacturing software"
/// ```
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    #[serde(default, rename = "override")]
    pub items: Vec<Override>,
}

impl Overrides {
    /// Reads and checks an overrides file against the taxonomy.
    pub fn from_toml(text: &str, tax: &Taxonomy) -> Result<Overrides, Error> {
        let o: Overrides =
            toml::from_str(text).map_err(|e| Error::Method(format!("overrides file: {e}")))?;
        for item in &o.items {
            let c = tax.cluster(&item.cluster).ok_or_else(|| {
                Error::Method(format!(
                    "overrides file: `{}` for {} is not a cluster; `trellis framework` lists them",
                    item.cluster, item.soc
                ))
            })?;
            if let Some(s) = &item.sub_cluster
                && tax.sub_cluster(c, s).is_none()
            {
                return Err(Error::Method(format!(
                    "overrides file: `{s}` is not a sub-cluster of {} (for {})",
                    tax.clusters[c].name, item.soc
                )));
            }
        }
        Ok(o)
    }

    /// The overrides as JSON, as stored with a build.
    pub fn to_json(&self) -> String {
        let v: Vec<serde_json::Value> = self
            .items
            .iter()
            .map(|o| serde_json::json!({"soc": o.soc, "cluster": o.cluster, "sub_cluster": o.sub_cluster, "reason": o.reason}))
            .collect();
        serde_json::to_string(&v).expect("json")
    }

    pub(crate) fn apply_occupations(
        &self,
        tax: &Taxonomy,
        occs: &mut [OccupationResult],
    ) -> Vec<OverrideApplied> {
        let mut applied = Vec::new();
        for item in &self.items {
            let c = tax.cluster(&item.cluster).expect("checked on load");
            let cluster = tax.clusters[c].id.clone();
            let sub = item
                .sub_cluster
                .as_deref()
                .and_then(|s| tax.sub_cluster(c, s))
                .map(|s| tax.sub_clusters[s].id.clone());
            let Some(occ) = occs.iter_mut().find(|o| o.soc == item.soc) else {
                applied.push(OverrideApplied {
                    code: item.soc.clone(),
                    cluster,
                    sub_cluster: sub,
                    reason: format!(
                        "{} (not applied: no such occupation in the data)",
                        item.reason
                    ),
                    data_cluster: None,
                    data_sub_cluster: None,
                });
                continue;
            };
            let data = occ.primary().clone();
            let keep_sub = sub.clone().or_else(|| {
                occ.rows.iter().find(|r| r.cluster == cluster).and_then(|r| r.sub_cluster.clone())
            });
            let existing =
                occ.rows.iter().position(|r| r.cluster == cluster && r.sub_cluster == keep_sub);
            let mut row = match existing {
                Some(i) => occ.rows.remove(i),
                None => AssignmentRow {
                    cluster: cluster.clone(),
                    sub_cluster: keep_sub.clone(),
                    is_primary: true,
                    rank: 1,
                    score: 0.0,
                    cluster_share: occ
                        .evidence
                        .clusters
                        .iter()
                        .find(|e| e.cluster == cluster)
                        .map(|e| e.share)
                        .or(Some(0.0)),
                    interdisciplinary: data.interdisciplinary,
                    overridden: true,
                },
            };
            row.overridden = true;
            occ.rows.insert(0, row);
            for (i, r) in occ.rows.iter_mut().enumerate() {
                r.is_primary = i == 0;
                r.rank = i as u32 + 1;
            }
            occ.evidence.override_note = Some(OverrideNote {
                reason: item.reason.clone(),
                data_cluster: data.cluster.clone(),
                data_sub_cluster: data.sub_cluster.clone(),
            });
            applied.push(OverrideApplied {
                code: item.soc.clone(),
                cluster,
                sub_cluster: keep_sub,
                reason: item.reason.clone(),
                data_cluster: Some(data.cluster),
                data_sub_cluster: data.sub_cluster,
            });
        }
        applied
    }
}
