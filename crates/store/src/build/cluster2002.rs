//! The 2002 framework's occupation assignments, with the file's cluster and pathway names
//! resolved to the framework's ids (`trellis_framework`), so that they join with the rest of
//! Trellis.

use rusqlite::Connection;
use trellis_framework::Framework;
use trellis_sources::clusters2002::{ClusterAssignment, OnetSocVersion};

/// One assignment ready for `cluster2002_occupation`.
pub struct Row {
    pub onet_soc: String,
    pub code_version: &'static str,
    pub cluster_id: String,
    pub pathway_id: Option<String>,
    pub origin: &'static str,
}

/// Resolves names (O*NET export) or Perkins IV numbers (2007 table) to framework ids. Rows
/// whose cluster cannot be resolved are left out with a warning naming them.
pub fn resolve(
    rows: &[ClusterAssignment],
    origin: &'static str,
    warnings: &mut Vec<String>,
) -> Vec<Row> {
    let fw = Framework::builtin();
    let mut out = Vec::with_capacity(rows.len());
    let mut unresolved_clusters = std::collections::BTreeMap::<String, usize>::new();
    let mut unresolved_pathways = std::collections::BTreeMap::<String, usize>::new();
    for r in rows {
        let by_number = r.cluster_code.as_deref().and_then(|n| fw.cluster_2002_by_perkins_iv(n));
        let Some(cluster) = by_number.or_else(|| fw.resolve_cluster_2002(&r.cluster)) else {
            *unresolved_clusters.entry(r.cluster.clone()).or_default() += 1;
            continue;
        };
        let pathway_id = match (&r.pathway_code, &r.pathway) {
            (Some(code), _) => match fw.perkins_iv(code) {
                Some(p) => {
                    p.pathway.map(|p| p.id.clone()).or_else(|| p.unmatched.map(|h| h.id.clone()))
                }
                None => {
                    *unresolved_pathways.entry(code.to_string()).or_default() += 1;
                    None
                }
            },
            (None, Some(name)) => match fw.resolve_in_cluster_2002(&cluster.id, name) {
                Some(e) => Some(e.id().to_string()),
                None => {
                    *unresolved_pathways
                        .entry(format!("{name} ({})", cluster.name))
                        .or_default() += 1;
                    None
                }
            },
            (None, None) => None,
        };
        out.push(Row {
            onet_soc: r.code.to_string(),
            code_version: match r.code_version {
                OnetSocVersion::Onet2019 => "onet-soc-2019",
                OnetSocVersion::Onet2006 => "onet-soc-2006",
            },
            cluster_id: cluster.id.clone(),
            pathway_id,
            origin,
        });
    }
    for (name, n) in unresolved_clusters {
        warnings.push(format!(
            "{n} rows name a 2002 cluster the framework does not know: {name:?}; left out"
        ));
    }
    for (name, n) in unresolved_pathways {
        warnings.push(format!("{n} rows name a 2002 pathway the framework does not know: {name:?}; kept without pathway"));
    }
    out
}

pub fn write(tx: &Connection, sid: i64, rows: &[Row]) -> rusqlite::Result<()> {
    super::bulk::insert(
        tx,
        "cluster2002_occupation",
        "onet_soc, code_version, cluster_id, pathway_id, origin, source_id",
        rows,
        |b, r| {
            b.put(&r.onet_soc)?;
            b.put(r.code_version)?;
            b.put(&r.cluster_id)?;
            b.put(&r.pathway_id)?;
            b.put(r.origin)?;
            b.put(sid)
        },
    )
}
