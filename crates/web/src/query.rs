//! Queries shared by the pages, the API and the downloads, so that a download holds exactly
//! the rows its page shows.

use serde::{Deserialize, Serialize};
use trellis_framework::Framework;

use crate::data::catalog::{Assignment, Catalog, Occupation};
use crate::error::Problem;

/// Which crosswalk table a query reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum XwKind {
    #[default]
    Occupations,
    Programs,
    Industries,
}

impl XwKind {
    pub fn as_str(self) -> &'static str {
        match self {
            XwKind::Occupations => "occupations",
            XwKind::Programs => "programs",
            XwKind::Industries => "industries",
        }
    }
    pub fn code_label(self) -> &'static str {
        match self {
            XwKind::Occupations => "SOC",
            XwKind::Programs => "CIP",
            XwKind::Industries => "NAICS",
        }
    }
}

/// Crosswalk filters. Empty strings count as absent (HTML forms send them).
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct XwFilter {
    /// `occupations` (default), `programs` or `industries`.
    #[serde(default)]
    pub kind: XwKind,
    /// Cluster id (slug).
    pub cluster: Option<String>,
    /// Sub-cluster id (slug).
    pub sub_cluster: Option<String>,
    /// SOC code or prefix (`15-12`). On programs: programs that prepare for those occupations.
    pub soc: Option<String>,
    /// CIP code or prefix (`51.38`). On occupations: occupations those programs prepare for.
    pub cip: Option<String>,
    /// NAICS code or prefix. On occupations and programs: the clusters those industries map to.
    pub naics: Option<String>,
    /// Only primary assignments.
    pub primary_only: Option<bool>,
}

fn some(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl XwFilter {
    /// Rejects ids that are not in the framework and codes with characters no code has.
    pub fn validate(&self, fw: &Framework) -> Result<(), Problem> {
        if let Some(c) = some(&self.cluster)
            && fw.cluster(c).is_none()
        {
            return Err(Problem::bad_request(format!(
                "unknown cluster id {c:?}; see /api/v1/clusters for the ids"
            )));
        }
        if let Some(s) = some(&self.sub_cluster)
            && fw.sub_cluster(s).is_none()
        {
            return Err(Problem::bad_request(format!(
                "unknown sub-cluster id {s:?}; see /api/v1/sub-clusters for the ids"
            )));
        }
        for (name, v, ok) in [
            ("soc", &self.soc, "0123456789-"),
            ("cip", &self.cip, "0123456789."),
            ("naics", &self.naics, "0123456789-"),
        ] {
            if let Some(v) = some(v)
                && (v.len() > 10 || !v.chars().all(|c| ok.contains(c)))
            {
                return Err(Problem::bad_request(format!(
                    "{name} must be a code or code prefix (digits and '{}' only), got {v:?}",
                    &ok[10..]
                )));
            }
        }
        Ok(())
    }

    /// The filters as a query string (for links and download URLs), without `kind`.
    pub fn query_string(&self) -> String {
        let mut parts = vec![format!("kind={}", self.kind.as_str())];
        for (k, v) in [
            ("cluster", &self.cluster),
            ("sub_cluster", &self.sub_cluster),
            ("soc", &self.soc),
            ("cip", &self.cip),
            ("naics", &self.naics),
        ] {
            if let Some(v) = some(v) {
                parts.push(format!("{k}={}", urlencode(v)));
            }
        }
        if self.primary_only == Some(true) {
            parts.push("primary_only=true".into());
        }
        parts.join("&")
    }
}

pub fn urlencode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// One row of the crosswalk: a code's assignment to a cluster and sub-cluster.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct XwRow {
    pub cluster: String,
    pub cluster_name: String,
    pub sub_cluster: Option<String>,
    pub sub_cluster_name: Option<String>,
    /// SOC, CIP or NAICS code, by the query's kind.
    pub code: String,
    pub title: String,
    /// Whether this is the code's primary assignment (occupations and programs).
    pub primary: Option<bool>,
    pub score: Option<f64>,
    pub interdisciplinary: Option<bool>,
}

pub const XW_HEADERS: [&str; 9] = [
    "cluster",
    "cluster_name",
    "sub_cluster",
    "sub_cluster_name",
    "code",
    "title",
    "primary",
    "score",
    "interdisciplinary",
];

impl XwRow {
    pub fn cells(&self) -> Vec<String> {
        let b = |v: Option<bool>| v.map(|b| b.to_string()).unwrap_or_default();
        vec![
            self.cluster.clone(),
            self.cluster_name.clone(),
            self.sub_cluster.clone().unwrap_or_default(),
            self.sub_cluster_name.clone().unwrap_or_default(),
            self.code.clone(),
            self.title.clone(),
            b(self.primary),
            self.score.map(|s| format!("{s:.4}")).unwrap_or_default(),
            b(self.interdisciplinary),
        ]
    }
}

fn names(fw: &Framework, cluster: &str, sub: Option<&String>) -> (String, Option<String>) {
    (
        fw.cluster(cluster).map(|c| c.name.clone()).unwrap_or_else(|| cluster.to_owned()),
        sub.map(|s| fw.sub_cluster(s).map(|x| x.name.clone()).unwrap_or_else(|| s.clone())),
    )
}

/// The crosswalk rows matching `f`, in code order.
pub fn crosswalk_rows(fw: &Framework, cat: &Catalog, f: &XwFilter) -> Vec<XwRow> {
    let cluster = some(&f.cluster);
    let sub = some(&f.sub_cluster);
    let soc = some(&f.soc);
    let cip = some(&f.cip);
    let naics = some(&f.naics);
    let primary_only = f.primary_only == Some(true);
    // NAICS on occupations/programs: the (cluster, sub-cluster) pairs of matching industries.
    let naics_pairs: Option<Vec<(&str, Option<&str>)>> = match (naics, f.kind) {
        (Some(n), XwKind::Occupations | XwKind::Programs) => Some(
            cat.industries
                .iter()
                .filter(|i| i.naics.starts_with(n))
                .flat_map(|i| i.clusters.iter().map(|(c, s)| (c.as_str(), s.as_deref())))
                .collect(),
        ),
        _ => None,
    };
    let keep = |a: &Assignment| {
        cluster.is_none_or(|c| a.cluster == c)
            && sub.is_none_or(|s| a.sub_cluster.as_deref() == Some(s))
            && (!primary_only || a.primary)
            && naics_pairs.as_ref().is_none_or(|pairs| {
                pairs.iter().any(|(c, s)| {
                    *c == a.cluster && (s.is_none() || *s == a.sub_cluster.as_deref())
                })
            })
    };
    let row = |a: &Assignment, code: &str, title: &str| {
        let (cn, sn) = names(fw, &a.cluster, a.sub_cluster.as_ref());
        XwRow {
            cluster: a.cluster.clone(),
            cluster_name: cn,
            sub_cluster: a.sub_cluster.clone(),
            sub_cluster_name: sn,
            code: code.to_owned(),
            title: title.to_owned(),
            primary: Some(a.primary),
            score: Some(a.score),
            interdisciplinary: Some(a.interdisciplinary),
        }
    };
    let mut out = Vec::new();
    match f.kind {
        XwKind::Occupations => {
            for o in &cat.occupations {
                if soc.is_some_and(|s| !o.soc.starts_with(s)) {
                    continue;
                }
                if cip.is_some_and(|c| !o.programs.iter().any(|p| p.starts_with(c))) {
                    continue;
                }
                out.extend(
                    o.assignments.iter().filter(|a| keep(a)).map(|a| row(a, &o.soc, &o.title)),
                );
            }
        }
        XwKind::Programs => {
            for p in &cat.programs {
                if cip.is_some_and(|c| !p.cip.starts_with(c)) {
                    continue;
                }
                if soc.is_some_and(|s| !p.occupations.iter().any(|o| o.starts_with(s))) {
                    continue;
                }
                out.extend(
                    p.assignments.iter().filter(|a| keep(a)).map(|a| row(a, &p.cip, &p.title)),
                );
            }
        }
        XwKind::Industries => {
            for i in &cat.industries {
                if naics.is_some_and(|n| !i.naics.starts_with(n)) {
                    continue;
                }
                for (c, s) in &i.clusters {
                    if cluster.is_some_and(|x| x != c)
                        || sub.is_some_and(|x| s.as_deref() != Some(x))
                    {
                        continue;
                    }
                    let (cn, sn) = names(fw, c, s.as_ref());
                    out.push(XwRow {
                        cluster: c.clone(),
                        cluster_name: cn,
                        sub_cluster: s.clone(),
                        sub_cluster_name: sn,
                        code: i.naics.clone(),
                        title: i.title.clone(),
                        primary: None,
                        score: None,
                        interdisciplinary: None,
                    });
                }
            }
        }
    }
    out
}

/// An occupation as a table row: the columns of the cluster page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OccupationRow {
    pub soc: String,
    pub title: String,
    pub primary_cluster: Option<String>,
    pub sub_cluster: Option<String>,
    /// Employment in the projections' base year (national).
    pub employment: Option<f64>,
    pub projected_change_pct: Option<f64>,
    pub annual_openings: Option<f64>,
    /// OEWS annual wage, 10th percentile (an entry-level proxy) and median.
    pub wage_pct10: Option<f64>,
    pub wage_median: Option<f64>,
    pub entry_education: Option<String>,
    pub job_zone: Option<u8>,
    pub url: String,
}

impl OccupationRow {
    pub fn of(o: &Occupation) -> OccupationRow {
        let p = o.projections.as_ref();
        let a = o.primary();
        OccupationRow {
            soc: o.soc.clone(),
            title: o.title.clone(),
            primary_cluster: a.map(|a| a.cluster.clone()),
            sub_cluster: a.and_then(|a| a.sub_cluster.clone()),
            employment: p.and_then(|p| p.employment_base),
            projected_change_pct: p.and_then(|p| p.change_pct),
            annual_openings: p.and_then(|p| p.openings),
            wage_pct10: o.wages.as_ref().and_then(|w| w.pct10.value),
            wage_median: o.wages.as_ref().and_then(|w| w.median.value),
            entry_education: p.and_then(|p| p.education.clone()),
            job_zone: o.job_zone,
            url: format!("/occupations/{}", o.soc),
        }
    }
}
