//! The method's data files (`data/*.toml`), read and resolved against the taxonomy.

use serde::Deserialize;

use crate::Error;
use crate::taxonomy::Taxonomy;
use crate::text::{keyword_words, name_key};

const INDUSTRIES: &str = include_str!("../data/industries.toml");
const RULES: &str = include_str!("../data/rules.toml");
const PRIOR_2002: &str = include_str!("../data/prior2002.toml");
const SUBCLUSTERS: &str = include_str!("../data/subclusters.toml");

/// A NAICS prefix and the cluster (and sub-cluster) its industries belong to.
#[derive(Debug, Clone)]
pub struct IndustryMap {
    pub naics: String,
    pub cluster: usize,
    pub sub_cluster: Option<usize>,
    pub why: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    Assign,
    CrossCutting { always: bool },
}

/// A seed-stated occupation rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub kind: RuleKind,
    pub soc: Vec<String>,
    pub cluster: usize,
    pub sub_cluster: Option<usize>,
    pub cite: String,
    pub inferred: bool,
}

/// A sub-cluster's SOC anchors and keywords.
#[derive(Debug, Clone)]
pub struct SubClusterProfile {
    pub sub_cluster: usize,
    pub soc: Vec<String>,
    pub keywords: Vec<(String, Vec<String>)>,
    /// The sub-cluster's industry evidence is the occupation's self-employed share
    /// (entrepreneurship: small businesses are mostly nonemployer firms) rather than subsectors.
    pub self_employment: bool,
}

/// Everything the method reads besides the official data and the parameters.
#[derive(Debug, Clone)]
pub struct Method {
    /// Sorted by prefix length, longest first, then by prefix.
    pub industries: Vec<IndustryMap>,
    /// NAICS prefixes of industries whose jobs say nothing about the cluster (employment
    /// agencies, which place workers with clients; industries mixing several clusters' work
    /// under one matrix code): they count for no cluster. (prefix, why)
    pub no_cluster: Vec<(String, String)>,
    pub rules: Vec<Rule>,
    /// 2002 cluster name key -> 2024 cluster (None: removed).
    pub prior_clusters: Vec<(String, Option<usize>)>,
    /// 2002 pathway name key -> 2024 cluster, with citation.
    pub prior_pathways: Vec<(String, usize, String)>,
    /// Indexed like `Taxonomy::sub_clusters`.
    pub profiles: Vec<SubClusterProfile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IndustriesFile {
    industry: Vec<IndustryRow>,
    #[serde(default)]
    no_cluster: Vec<NoClusterRow>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoClusterRow {
    naics: String,
    note: String,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IndustryRow {
    naics: String,
    cluster: String,
    sub_cluster: Option<String>,
    cite: Option<String>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    rule: Vec<RuleRow>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleRow {
    id: String,
    kind: String,
    #[serde(default)]
    always: bool,
    soc: Vec<String>,
    cluster: String,
    sub_cluster: Option<String>,
    cite: String,
    #[serde(default)]
    inferred: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PriorFile {
    cluster: Vec<PriorRow>,
    pathway: Vec<PriorRow>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PriorRow {
    name: String,
    to: Option<String>,
    cite: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfilesFile {
    sub_cluster: Vec<ProfileRow>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileRow {
    cluster: String,
    name: String,
    soc: Vec<String>,
    keywords: Vec<String>,
    #[serde(default)]
    self_employment: bool,
}

impl Method {
    /// Whether some NAICS subsector maps to the sub-cluster (else it is defined by function).
    pub fn has_subsectors(&self, sub_cluster: usize) -> bool {
        self.industries.iter().any(|m| m.sub_cluster == Some(sub_cluster))
    }

    /// The method files compiled into Trellis.
    pub fn builtin(tax: &Taxonomy) -> Result<Method, Error> {
        Method::from_texts(tax, INDUSTRIES, RULES, PRIOR_2002, SUBCLUSTERS)
    }

    /// Reads the four method files from their text.
    pub fn from_texts(
        tax: &Taxonomy,
        industries: &str,
        rules: &str,
        prior: &str,
        profiles: &str,
    ) -> Result<Method, Error> {
        let cluster = |file: &str, entry: &str, name: &str| {
            tax.cluster(name).ok_or_else(|| {
                Error::Method(format!("{file}: entry `{entry}` names unknown cluster `{name}`"))
            })
        };
        let sub = |file: &str, entry: &str, c: usize, name: &str| {
            tax.sub_cluster(c, name).ok_or_else(|| {
                Error::Method(format!(
                    "{file}: entry `{entry}` names `{name}`, which is not a sub-cluster of {}",
                    tax.clusters[c].name
                ))
            })
        };
        let parse = |file: &str, e: toml::de::Error| Error::Method(format!("{file}: {e}"));

        let f: IndustriesFile =
            toml::from_str(industries).map_err(|e| parse("industries.toml", e))?;
        let mut inds = Vec::new();
        let no_cluster_rows = f.no_cluster;
        for r in f.industry {
            if r.naics.is_empty() || !r.naics.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Error::Method(format!(
                    "industries.toml: `{}` is not a NAICS prefix (digits only)",
                    r.naics
                )));
            }
            let c = cluster("industries.toml", &r.naics, &r.cluster)?;
            let s = r
                .sub_cluster
                .as_deref()
                .map(|n| sub("industries.toml", &r.naics, c, n))
                .transpose()?;
            let why = r.cite.or(r.note).unwrap_or_default();
            inds.push(IndustryMap { naics: r.naics, cluster: c, sub_cluster: s, why });
        }
        inds.sort_by(|a, b| b.naics.len().cmp(&a.naics.len()).then(a.naics.cmp(&b.naics)));
        if let Some(w) = inds.windows(2).find(|w| w[0].naics == w[1].naics) {
            return Err(Error::Method(format!(
                "industries.toml: NAICS prefix `{}` is listed twice",
                w[0].naics
            )));
        }

        let f: RulesFile = toml::from_str(rules).map_err(|e| parse("rules.toml", e))?;
        let mut rs = Vec::new();
        for r in f.rule {
            let kind = match r.kind.as_str() {
                "assign" => RuleKind::Assign,
                "cross_cutting" => RuleKind::CrossCutting { always: r.always },
                k => {
                    return Err(Error::Method(format!(
                        "rules.toml: rule `{}` has unknown kind `{k}` (assign or cross_cutting)",
                        r.id
                    )));
                }
            };
            let c = cluster("rules.toml", &r.id, &r.cluster)?;
            let s = r.sub_cluster.as_deref().map(|n| sub("rules.toml", &r.id, c, n)).transpose()?;
            rs.push(Rule {
                id: r.id,
                kind,
                soc: r.soc,
                cluster: c,
                sub_cluster: s,
                cite: r.cite,
                inferred: r.inferred,
            });
        }

        let f: PriorFile = toml::from_str(prior).map_err(|e| parse("prior2002.toml", e))?;
        let mut pc = Vec::new();
        for r in f.cluster {
            let to = r.to.as_deref().map(|n| cluster("prior2002.toml", &r.name, n)).transpose()?;
            pc.push((name_key(&r.name), to));
        }
        let mut pp = Vec::new();
        for r in f.pathway {
            let to = r.to.as_deref().ok_or_else(|| {
                Error::Method(format!("prior2002.toml: pathway `{}` needs `to`", r.name))
            })?;
            pp.push((
                name_key(&r.name),
                cluster("prior2002.toml", &r.name, to)?,
                r.cite.unwrap_or_default(),
            ));
        }

        let f: ProfilesFile = toml::from_str(profiles).map_err(|e| parse("subclusters.toml", e))?;
        let mut profs: Vec<Option<SubClusterProfile>> = vec![None; tax.sub_clusters.len()];
        for r in f.sub_cluster {
            let c = cluster("subclusters.toml", &r.name, &r.cluster)?;
            let s = sub("subclusters.toml", &r.name, c, &r.name)?;
            let keywords = r.keywords.iter().map(|k| (k.clone(), keyword_words(k))).collect();
            profs[s] = Some(SubClusterProfile {
                sub_cluster: s,
                soc: r.soc,
                keywords,
                self_employment: r.self_employment,
            });
        }
        let profiles = profs
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                p.unwrap_or(SubClusterProfile {
                    sub_cluster: i,
                    soc: Vec::new(),
                    keywords: Vec::new(),
                    self_employment: false,
                })
            })
            .collect();
        let mut no_cluster = Vec::new();
        for p in no_cluster_rows {
            if p.naics.len() < 3 || !p.naics.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Error::Method(format!(
                    "industries.toml: no_cluster `{}` is not a NAICS subsector prefix (3+ digits)",
                    p.naics
                )));
            }
            no_cluster.push((p.naics, p.note));
        }
        Ok(Method {
            industries: inds,
            no_cluster,
            rules: rs,
            prior_clusters: pc,
            prior_pathways: pp,
            profiles,
        })
    }

    /// Whether the industry's jobs count for no cluster (`no_cluster`).
    pub fn counts_for_no_cluster(&self, naics: &str) -> bool {
        self.no_cluster.iter().any(|(p, _)| naics.starts_with(p.as_str()))
    }

    /// The industry map row for a NAICS code (longest prefix), if any.
    /// Sector rows (2 digits) cover the whole sector, so "31" also covers 32 and 33 and "44"
    /// covers 45, as NAICS writes the ranges.
    pub fn industry(&self, naics: &str) -> Option<&IndustryMap> {
        self.industries.iter().find(|m| naics.starts_with(&m.naics)).or_else(|| {
            let sector = crate::inputs::sector_key(naics);
            self.industries
                .iter()
                .find(|m| m.naics.len() == 2 && crate::inputs::sector_key(&m.naics) == sector)
        })
    }
}

/// True when `soc` falls under the SOC prefix `prefix` ("17-2" covers "17-2051").
pub fn soc_matches(soc: &str, prefix: &str) -> bool {
    soc.starts_with(prefix)
}
