//! State overrides: a file that pins or moves occupations, reported against what the data said.

use serde::Deserialize;

use crate::Error;
use crate::model::{AssignmentRow, OccupationResult, OverrideApplied, OverrideNote, ProgramResult};
use crate::taxonomy::Taxonomy;

/// One override: occupation `soc` (or program `cip`) goes to `cluster` (and `sub_cluster`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Override {
    #[serde(default)]
    pub soc: Option<String>,
    #[serde(default)]
    pub cip: Option<String>,
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
///
/// [[override]]
/// cip = "47.0608"
/// cluster = "Supply Chain & Transportation"
/// sub_cluster = "Air & Space Transportation"
/// reason = "Taught in the state's aviation program of study"
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
            if item.soc.is_some() == item.cip.is_some() {
                return Err(Error::Method(format!(
                    "overrides file: each [[override]] names either `soc` or `cip`, not {} (cluster `{}`)",
                    if item.soc.is_some() { "both" } else { "neither" },
                    item.cluster
                )));
            }
            let c = tax.cluster(&item.cluster).ok_or_else(|| {
                Error::Method(format!(
                    "overrides file: `{}` for {} is not a cluster; `trellis framework` lists them",
                    item.cluster,
                    item.code()
                ))
            })?;
            if let Some(s) = &item.sub_cluster
                && tax.sub_cluster(c, s).is_none()
            {
                return Err(Error::Method(format!(
                    "overrides file: `{s}` is not a sub-cluster of {} (for {})",
                    tax.clusters[c].name,
                    item.code()
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
            .map(|o| serde_json::json!({"soc": o.soc, "cip": o.cip, "cluster": o.cluster, "sub_cluster": o.sub_cluster, "reason": o.reason}))
            .collect();
        serde_json::to_string(&v).expect("json")
    }

    pub(crate) fn apply_occupations(
        &self,
        tax: &Taxonomy,
        occs: &mut [OccupationResult],
    ) -> Vec<OverrideApplied> {
        let code: fn(&Override) -> Option<&str> = |o| o.soc.as_deref();
        self.apply(
            tax,
            occs,
            code,
            |o| &o.soc,
            "occupation",
            |occ, item, cluster, sub| {
                let share =
                    occ.evidence.clusters.iter().find(|e| e.cluster == cluster).map(|e| e.share);
                let (data, keep_sub) = pin(&mut occ.rows, cluster, sub, share.or(Some(0.0)));
                occ.evidence.override_note = Some(OverrideNote {
                    reason: item.reason.clone(),
                    data_cluster: data.cluster.clone(),
                    data_sub_cluster: data.sub_cluster.clone(),
                });
                (data, keep_sub)
            },
        )
    }

    /// Program overrides, after the programs were derived from the (overridden) occupations.
    pub(crate) fn apply_programs(
        &self,
        tax: &Taxonomy,
        programs: &mut [ProgramResult],
    ) -> Vec<OverrideApplied> {
        let code: fn(&Override) -> Option<&str> = |o| o.cip.as_deref();
        self.apply(
            tax,
            programs,
            code,
            |p| &p.cip,
            "program with occupations",
            |p, _, c, sub| pin(&mut p.rows, c, sub, None),
        )
    }

    /// Applies the overrides `code_of` selects to the matching `items`, each by `pin_one`,
    /// and reports each with what the data said (or that its code is not in the data).
    fn apply<T>(
        &self,
        tax: &Taxonomy,
        items: &mut [T],
        code_of: fn(&Override) -> Option<&str>,
        item_code: fn(&T) -> &String,
        what: &str,
        mut pin_one: impl FnMut(
            &mut T,
            &Override,
            &str,
            Option<String>,
        ) -> (AssignmentRow, Option<String>),
    ) -> Vec<OverrideApplied> {
        let mut applied = Vec::new();
        for item in &self.items {
            let Some(code) = code_of(item) else { continue };
            let (cluster, sub) = item.target(tax);
            let Some(target) = items.iter_mut().find(|t| item_code(t) == code) else {
                applied.push(not_applied(item, cluster, sub, what));
                continue;
            };
            let (data, keep_sub) = pin_one(target, item, &cluster, sub);
            applied.push(OverrideApplied {
                code: code.to_string(),
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

impl Override {
    /// The SOC or CIP code the override moves.
    pub fn code(&self) -> &str {
        self.soc.as_deref().or(self.cip.as_deref()).unwrap_or("")
    }

    fn target(&self, tax: &Taxonomy) -> (String, Option<String>) {
        let c = tax.cluster(&self.cluster).expect("checked on load");
        let sub = self
            .sub_cluster
            .as_deref()
            .and_then(|s| tax.sub_cluster(c, s))
            .map(|s| tax.sub_clusters[s].id.clone());
        (tax.clusters[c].id.clone(), sub)
    }
}

fn not_applied(
    item: &Override,
    cluster: String,
    sub: Option<String>,
    what: &str,
) -> OverrideApplied {
    OverrideApplied {
        code: item.code().to_string(),
        cluster,
        sub_cluster: sub,
        reason: format!("{} (not applied: no such {what} in the data)", item.reason),
        data_cluster: None,
        data_sub_cluster: None,
    }
}

/// Makes (cluster, sub-cluster) the primary row, keeping the data's rows after it; without a
/// sub-cluster, the one the data gave in that cluster. Returns the data's primary row and the
/// sub-cluster kept.
fn pin(
    rows: &mut Vec<AssignmentRow>,
    cluster: &str,
    sub: Option<String>,
    cluster_share: Option<f64>,
) -> (AssignmentRow, Option<String>) {
    let data = rows.iter().find(|r| r.is_primary).or(rows.first()).cloned().expect("a primary row");
    let keep_sub = sub
        .or_else(|| rows.iter().find(|r| r.cluster == cluster).and_then(|r| r.sub_cluster.clone()));
    let existing = rows.iter().position(|r| r.cluster == cluster && r.sub_cluster == keep_sub);
    let mut row = match existing {
        Some(i) => rows.remove(i),
        None => AssignmentRow {
            cluster: cluster.to_string(),
            sub_cluster: keep_sub.clone(),
            is_primary: true,
            rank: 1,
            score: 0.0,
            cluster_share,
            interdisciplinary: data.interdisciplinary,
            overridden: true,
        },
    };
    row.overridden = true;
    rows.insert(0, row);
    for (i, r) in rows.iter_mut().enumerate() {
        r.is_primary = i == 0;
        r.rank = i as u32 + 1;
    }
    (data, keep_sub)
}
