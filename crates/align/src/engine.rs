//! The crosswalk method: occupations to clusters and sub-clusters, then programs, industries
//! and 2002 pathways. Pure computation over [`Inputs`]; see `docs/METHOD.md`.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::inputs::{Inputs, OccupationInput, sector_key};
use crate::method::{Method, RuleKind};
use crate::model::*;
use crate::overrides::Overrides;
use crate::params::Params;
use crate::taxonomy::Taxonomy;
use crate::text::{WordSet, name_key, title_key};

/// Builds the crosswalk.
pub fn build(
    tax: &Taxonomy,
    method: &Method,
    params: &Params,
    inputs: &Inputs,
    overrides: &Overrides,
) -> Crosswalk {
    let samples = SampleIndex::new(tax, inputs);
    let groups = GroupSplits::new(inputs);
    // Each occupation is scored on its own evidence alone: the ~870 run side by side, and
    // `collect` keeps the input order, so the result is the same bytes as one at a time.
    let mut occupations: Vec<OccupationResult> = inputs
        .occupations
        .par_iter()
        .map(|o| occupation(tax, method, params, &samples, &groups, o))
        .collect();
    fill_sub_clusters_from_neighbours(tax, &mut occupations);
    let mut applied = overrides.apply_occupations(tax, &mut occupations);
    let mut programs = programs(tax, params, inputs, &occupations);
    applied.extend(overrides.apply_programs(tax, &mut programs));
    let industries = industries(tax, method, inputs);
    let pathways = pathways(tax, inputs, &occupations);
    Crosswalk {
        occupations,
        programs,
        industries,
        pathways,
        overrides: applied,
        inputs_sha256: inputs.inputs_sha256.clone(),
        params_json: params.to_json(),
    }
}

/// An occupation whose own evidence names no sub-cluster takes the one most of its SOC
/// neighbours in the same cluster have (same minor group, else same major group, else the
/// cluster's most common), so that every assignment has a sub-cluster; the evidence says so.
fn fill_sub_clusters_from_neighbours(tax: &Taxonomy, occs: &mut [OccupationResult]) {
    let mut by_group: BTreeMap<(String, String), BTreeMap<String, usize>> = BTreeMap::new();
    for o in occs.iter() {
        for r in &o.rows {
            if let Some(s) = &r.sub_cluster {
                for g in [&o.soc[..4], &o.soc[..2], ""] {
                    *by_group
                        .entry((g.to_string(), r.cluster.clone()))
                        .or_default()
                        .entry(s.clone())
                        .or_default() += 1;
                }
            }
        }
    }
    for o in occs.iter_mut() {
        let soc = o.soc.clone();
        for r in o.rows.iter_mut().filter(|r| r.sub_cluster.is_none()) {
            let pick = [&soc[..4], &soc[..2], ""].iter().find_map(|g| {
                by_group.get(&(g.to_string(), r.cluster.clone())).and_then(|m| {
                    m.iter()
                        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                        .map(|(s, _)| (g.to_string(), s.clone()))
                })
            });
            let pick = pick.or_else(|| {
                tax.cluster_by_id(&r.cluster)
                    .and_then(|c| tax.clusters[c].sub_clusters.first())
                    .map(|&s| (String::new(), tax.sub_clusters[s].id.clone()))
            });
            if let Some((group, sub)) = pick {
                o.evidence.sub_clusters.push(SubClusterEvidence {
                    cluster: r.cluster.clone(),
                    sub_cluster: sub.clone(),
                    score: 0.0,
                    soc_anchor: (!group.is_empty()).then(|| {
                        format!("{group} (most occupations of this SOC group in the cluster)")
                    }),
                    industry_share: 0.0,
                    keywords: Vec::new(),
                    text: 0.0,
                    rule: false,
                });
                r.sub_cluster = Some(sub);
            }
        }
    }
}

/// The employment of an occupation used as its weight (programs, pathways).
pub fn employment_weight(o: &OccupationInput) -> f64 {
    o.oews_total.unwrap_or_else(|| o.nem.iter().map(|x| x.1).sum())
}

/// The matrix's jobs of each SOC broad and minor group by sector and industry, for sectors where
/// the matrix publishes nothing for the occupation itself (small or suppressed cells): its
/// group's split within the sector is better evidence than the sector's default cluster, which
/// for a mixed sector such as 54 (professional, scientific and technical services) says little.
struct GroupSplits {
    /// (SOC group prefix "19-304" or "19-3", OEWS sector key) -> (NAICS prefix, jobs), sorted.
    by_group: BTreeMap<(String, String), Vec<(String, f64)>>,
}

impl GroupSplits {
    fn new(inputs: &Inputs) -> GroupSplits {
        let mut acc: BTreeMap<(String, String), BTreeMap<String, f64>> = BTreeMap::new();
        for o in inputs.occupations.iter().filter(|o| o.nem_via.is_none()) {
            for (naics, emp) in &o.nem {
                for g in Self::groups(&o.soc) {
                    *acc.entry((g.to_string(), sector_key(naics)))
                        .or_default()
                        .entry(naics.clone())
                        .or_insert(0.0) += emp;
                }
            }
        }
        GroupSplits {
            by_group: acc.into_iter().map(|(k, v)| (k, v.into_iter().collect())).collect(),
        }
    }

    /// Broad group ("19-304"), then minor group ("19-3").
    fn groups(soc: &str) -> impl Iterator<Item = &str> {
        [soc.get(..6), soc.get(..4)].into_iter().flatten()
    }

    /// The nearest group's split of `sector`, with the group's prefix.
    fn split<'a>(&'a self, soc: &'a str, sector: &str) -> Option<(&'a str, &'a [(String, f64)])> {
        Self::groups(soc).find_map(|g| {
            self.by_group
                .get(&(g.to_string(), sector.to_string()))
                .filter(|v| v.iter().any(|x| x.1 > 0.0))
                .map(|v| (g, v.as_slice()))
        })
    }
}

/// Employment by (cluster, sub-cluster) and by sector, from OEWS sectors split by the matrix.
struct Distribution {
    by_cluster: Vec<f64>,
    by_sub: BTreeMap<(usize, Option<usize>), f64>,
    sectors: BTreeMap<String, f64>,
    suppressed: Vec<String>,
    /// Jobs in industries that count for no cluster (`Method::no_cluster`).
    no_cluster: f64,
    /// Sectors split by the SOC group's figures: "54 by 19-3".
    by_group: Vec<String>,
}

fn distribute(
    tax: &Taxonomy,
    method: &Method,
    params: &Params,
    groups: &GroupSplits,
    o: &OccupationInput,
) -> Distribution {
    let mut d = Distribution {
        by_cluster: vec![0.0; tax.clusters.len()],
        by_sub: BTreeMap::new(),
        sectors: BTreeMap::new(),
        suppressed: Vec::new(),
        no_cluster: 0.0,
        by_group: Vec::new(),
    };
    let add = |d: &mut Distribution, naics: &str, emp: f64| {
        if method.counts_for_no_cluster(naics) {
            d.no_cluster += emp;
        } else if let Some(m) = method.industry(naics) {
            d.by_cluster[m.cluster] += emp;
            *d.by_sub.entry((m.cluster, m.sub_cluster)).or_insert(0.0) += emp;
        }
    };
    // Crop and animal production (NAICS 111-112) are outside OEWS scope; the matrix has them.
    let farm = |n: &str| n.starts_with("111") || n.starts_with("112");
    let has_oews = o.oews_sectors.iter().any(|(_, e)| e.is_some_and(|e| e > 0.0));
    let mut nem_by_sector: BTreeMap<String, Vec<(&str, f64)>> = BTreeMap::new();
    for (naics, emp) in &o.nem {
        if has_oews && farm(naics) {
            add(&mut d, naics, *emp);
            *d.sectors.entry("11".into()).or_insert(0.0) += emp;
            continue;
        }
        nem_by_sector.entry(sector_key(naics)).or_default().push((naics, *emp));
    }
    if has_oews {
        for (sector, emp) in &o.oews_sectors {
            let Some(emp) = *emp else {
                d.suppressed.push(sector.clone());
                continue;
            };
            if emp <= 0.0 {
                continue;
            }
            *d.sectors.entry(sector.clone()).or_insert(0.0) += emp;
            let emp = if sector == "99" { emp * params.government_weight } else { emp };
            match nem_by_sector.get(sector) {
                Some(parts) if parts.iter().map(|p| p.1).sum::<f64>() > 0.0 => {
                    let total: f64 = parts.iter().map(|p| p.1).sum();
                    for (naics, e) in parts {
                        add(&mut d, naics, emp * e / total);
                    }
                }
                _ => match groups.split(&o.soc, sector) {
                    Some((group, parts)) => {
                        let total: f64 = parts.iter().map(|p| p.1).sum();
                        for (naics, e) in parts {
                            add(&mut d, naics, emp * e / total);
                        }
                        d.by_group.push(format!("{sector} by {group}"));
                    }
                    None => add(&mut d, sector, emp),
                },
            }
        }
    } else {
        for (sector, parts) in &nem_by_sector {
            let w = if sector == "99" { params.government_weight } else { 1.0 };
            for (naics, e) in parts {
                add(&mut d, naics, e * w);
                *d.sectors.entry(sector.clone()).or_insert(0.0) += e;
            }
        }
    }
    d.suppressed.sort();
    d.suppressed.dedup();
    d
}

/// The seed's sample and emerging occupations, matched to occupations by title.
struct SampleIndex {
    /// SOC -> (cluster, sample name)
    by_soc: BTreeMap<String, Vec<(usize, String)>>,
}

impl SampleIndex {
    /// A sample name matches an occupation whose SOC or O*NET title is that name, or, when the
    /// name is specific enough (at most `MAX_ALT` occupations carry it), one of its alternate or
    /// reported titles.
    fn new(tax: &Taxonomy, inputs: &Inputs) -> SampleIndex {
        const MAX_ALT: usize = 2;
        let mut wanted: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
        for (ci, c) in tax.clusters.iter().enumerate() {
            for name in &c.sample_occupations {
                for variant in sample_variants(name) {
                    wanted.entry(variant).or_default().push((ci, name.clone()));
                }
            }
        }
        let mut official: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        let mut alternate: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for o in &inputs.occupations {
            for (i, t) in o.titles.iter().enumerate() {
                let k = title_key(t);
                if let Some((key, _)) = wanted.get_key_value(&k) {
                    let map =
                        if i < o.official_titles.max(1) { &mut official } else { &mut alternate };
                    map.entry(key.as_str()).or_default().insert(o.soc.as_str());
                }
            }
        }
        let mut by_soc: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
        for (key, targets) in &wanted {
            let socs: BTreeSet<&str> = match official.get(key.as_str()) {
                Some(s) => s.clone(),
                // A one-word piece of a split name ("Corporate Coach/Trainer" -> "trainer",
                // "Police/Fire Training Officer" -> "police") is too generic for the alternate
                // titles, where it names unrelated occupations (animal trainers, secretaries).
                None => match alternate.get(key.as_str()) {
                    Some(s)
                        if s.len() <= MAX_ALT
                            && (key.contains(' ')
                                || targets.iter().any(|(_, n)| title_key(n) == *key)) =>
                    {
                        s.clone()
                    }
                    _ => BTreeSet::new(),
                },
            };
            for soc in socs {
                let v = by_soc.entry(soc.to_string()).or_default();
                for t in targets {
                    if !v.contains(t) {
                        v.push(t.clone());
                    }
                }
            }
        }
        SampleIndex { by_soc }
    }
}

/// The seed's sample and emerging occupations of each cluster and the occupations (SOC) each
/// one matched by title; an empty list when the name matches no occupation specifically.
pub fn sample_matches(tax: &Taxonomy, inputs: &Inputs) -> Vec<(String, String, Vec<String>)> {
    let idx = SampleIndex::new(tax, inputs);
    let mut out: BTreeMap<(usize, String), Vec<String>> = BTreeMap::new();
    for (ci, c) in tax.clusters.iter().enumerate() {
        for name in &c.sample_occupations {
            out.entry((ci, name.clone())).or_default();
        }
    }
    for (soc, v) in &idx.by_soc {
        for (c, name) in v {
            out.entry((*c, name.clone())).or_default().push(soc.clone());
        }
    }
    out.into_iter().map(|((c, name), socs)| (tax.clusters[c].id.clone(), name, socs)).collect()
}

/// "Chef/ Line Cook" -> ["chef", "line cook"]; "Welders, Cutters ... (also in Construction)"
/// drops the parenthesis; each variant as a title key.
fn sample_variants(name: &str) -> Vec<String> {
    let base = match name.find('(') {
        Some(i) => &name[..i],
        None => name,
    };
    let mut out = vec![title_key(base)];
    if base.contains('/') {
        out.extend(base.split('/').map(title_key));
    }
    out.retain(|k| !k.is_empty());
    out.sort();
    out.dedup();
    out
}

fn occupation(
    tax: &Taxonomy,
    method: &Method,
    params: &Params,
    samples: &SampleIndex,
    groups: &GroupSplits,
    o: &OccupationInput,
) -> OccupationResult {
    let n = tax.clusters.len();
    let d = distribute(tax, method, params, groups, o);
    let total: f64 = d.by_cluster.iter().sum();
    let share: Vec<f64> =
        d.by_cluster.iter().map(|e| if total > 0.0 { e / total } else { 0.0 }).collect();

    // 2002 prior.
    let mut prior = vec![0.0; n];
    let mut prior_targets: BTreeSet<usize> = BTreeSet::new();
    for a in &o.clusters_2002 {
        let by_pathway = a.pathway_name.as_deref().and_then(|p| {
            let k = name_key(p);
            method.prior_pathways.iter().find(|x| x.0 == k).map(|x| x.1)
        });
        let target = by_pathway.or_else(|| {
            let k = name_key(&a.cluster_name);
            method.prior_clusters.iter().find(|x| x.0 == k).and_then(|x| x.1)
        });
        if let Some(t) = target {
            prior_targets.insert(t);
        }
    }
    // Breadth across industry clusters (cross-cutting clusters excluded).
    let industry_shares: Vec<f64> =
        (0..n).filter(|&c| !tax.clusters[c].cross_cutting).map(|c| share[c]).collect();
    let wide = industry_shares.iter().filter(|&&s| s >= params.breadth_min_share).count();
    let top = industry_shares.iter().cloned().fold(0.0, f64::max);
    let breadth = Breadth {
        clusters_with_min_share: wide,
        top_industry_share: r4(top),
        passes: total > 0.0
            && wide >= params.breadth_min_clusters
            && top <= params.breadth_max_top_share,
    };

    // Seed sample occupations.
    let mut sample = vec![0.0; n];
    let mut sample_names: Vec<Vec<String>> = vec![Vec::new(); n];
    if let Some(v) = samples.by_soc.get(&o.soc) {
        for (c, name) in v {
            sample[*c] = params.sample_weight;
            if !sample_names[*c].contains(name) {
                sample_names[*c].push(name.clone());
            }
        }
    }

    // Rules: per kind, the rule with the longest matching SOC prefix.
    let mut rule = vec![0.0; n];
    let mut cross = vec![0.0; n];
    let mut fired = Vec::new();
    let mut rule_sub: Vec<Option<usize>> = vec![None; n];
    for want_assign in [true, false] {
        let best = method
            .rules
            .iter()
            .filter(|r| matches!(r.kind, RuleKind::Assign) == want_assign)
            .filter_map(|r| {
                r.soc
                    .iter()
                    .filter(|p| o.soc.starts_with(p.as_str()))
                    .map(|p| p.len())
                    .max()
                    .map(|l| (l, r))
            })
            .max_by_key(|(l, _)| *l)
            .map(|x| x.1);
        if let Some(r) = best {
            let applied = match r.kind {
                RuleKind::Assign => {
                    rule[r.cluster] += params.rule_weight;
                    true
                }
                RuleKind::CrossCutting { always } => {
                    let ok = always || breadth.passes;
                    if ok {
                        cross[r.cluster] += params.cross_cutting_weight;
                    }
                    ok
                }
            };
            if applied && r.sub_cluster.is_some() {
                rule_sub[r.cluster] = r.sub_cluster;
            }
            fired.push(RuleFired {
                id: r.id.clone(),
                kind: if want_assign { "assign".into() } else { "cross_cutting".into() },
                cluster: tax.clusters[r.cluster].id.clone(),
                sub_cluster: r.sub_cluster.map(|s| tax.sub_clusters[s].id.clone()),
                cite: r.cite.clone(),
                inferred: r.inferred,
                applied,
            });
        }
    }

    // A 2002 cluster that became a cross-cutting one (Business Management & Administration ->
    // Management & Entrepreneurship, Marketing, Information Technology) held clerks and
    // specialists of every industry; the cross-cutting cluster keeps only "occupations that are
    // in-demand across all industries". So its prior counts when the occupation is in fact
    // spread across industries or performs the cluster's function (a cross-cutting rule
    // applied); a meter reader (utilities and government) is not cross-cutting. Its own
    // industries (headquarters, office services) still count through the industry share.
    let mut prior_not_counted = Vec::new();
    prior_targets.retain(|&t| {
        let keep = !tax.clusters[t].cross_cutting || breadth.passes || cross[t] > 0.0;
        if !keep {
            prior_not_counted.push(tax.clusters[t].id.clone());
        }
        keep
    });
    for &t in &prior_targets {
        prior[t] = params.prior_2002_weight / prior_targets.len() as f64;
    }

    let score: Vec<f64> =
        (0..n).map(|c| share[c] + prior[c] + sample[c] + rule[c] + cross[c]).collect();
    let score_sum: f64 = score.iter().sum();
    let has_evidence = score_sum > 0.0;
    let primary = (0..n).fold(0, |best, c| if score[c] > score[best] { c } else { best });

    // Clusters shown: the primary and the interdisciplinary ones.
    let mut shown = vec![primary];
    for c in 0..n {
        // A material share of the jobs, the seed listing the occupation in the cluster, or a
        // cross-cutting rule that names the sub-cluster the occupation's function belongs to.
        let named_cross = cross[c] > 0.0 && rule_sub[c].is_some();
        if c != primary
            && (share[c] >= params.interdisciplinary_threshold || sample[c] > 0.0 || named_cross)
        {
            shown.push(c);
        }
    }
    shown[1..].sort_by(|&a, &b| score[b].total_cmp(&score[a]).then(a.cmp(&b)));
    let interdisciplinary = shown.len() > 1;

    let words = OccWords::new(o);
    let mut rows = Vec::new();
    let mut sub_evidence = Vec::new();
    for (pos, &c) in shown.iter().enumerate() {
        let cluster_conf = if has_evidence { score[c] / score_sum } else { 0.0 };
        let ranked = rank_sub_clusters(
            tax,
            method,
            params,
            o,
            &words,
            &d,
            c,
            rule_sub[c],
            &mut sub_evidence,
        );
        let keep: Vec<(Option<usize>, f64)> = if ranked.is_empty() || ranked[0].1 <= 0.0 {
            vec![(None, 1.0)]
        } else {
            let sum: f64 = ranked.iter().map(|x| x.1).sum();
            let top = ranked[0].1;
            let limit = if pos == 0 { usize::MAX } else { 1 };
            ranked
                .iter()
                .enumerate()
                .filter(|(i, x)| *i == 0 || x.1 >= params.close_second_ratio * top)
                .take(limit)
                .map(|(_, x)| (Some(x.0), x.1 / sum))
                .collect()
        };
        for (sub, conf) in keep {
            rows.push(AssignmentRow {
                cluster: tax.clusters[c].id.clone(),
                sub_cluster: sub.map(|s| tax.sub_clusters[s].id.clone()),
                is_primary: rows.is_empty(),
                rank: rows.len() as u32 + 1,
                score: r4(cluster_conf * conf),
                cluster_share: Some(r4(share[c])),
                interdisciplinary,
                overridden: false,
            });
        }
    }

    let mut sectors: Vec<SectorShare> = d
        .sectors
        .iter()
        .map(|(s, e)| SectorShare {
            sector: s.clone(),
            title: sector_title(s),
            employment: e.round(),
            share: r4(if d.sectors.values().sum::<f64>() > 0.0 {
                e / d.sectors.values().sum::<f64>()
            } else {
                0.0
            }),
        })
        .collect();
    sectors.sort_by(|a, b| b.employment.total_cmp(&a.employment).then(a.sector.cmp(&b.sector)));

    let mut clusters: Vec<ClusterEvidence> = (0..n)
        .filter(|&c| score[c] > 0.0)
        .map(|c| ClusterEvidence {
            cluster: tax.clusters[c].id.clone(),
            share: r4(share[c]),
            prior_2002: r4(prior[c]),
            sample_names: sample_names[c].clone(),
            rule: r4(rule[c]),
            cross_cutting: r4(cross[c]),
            score: r4(score[c]),
        })
        .collect();
    clusters.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.cluster.cmp(&b.cluster)));

    let mut clusters_2002: Vec<String> = o
        .clusters_2002
        .iter()
        .map(|a| match &a.pathway_name {
            Some(p) => format!("{} / {}", a.cluster_name, p),
            None => a.cluster_name.clone(),
        })
        .collect();
    clusters_2002.sort();
    clusters_2002.dedup();

    OccupationResult {
        soc: o.soc.clone(),
        title: o.title.clone(),
        rows,
        evidence: Evidence {
            employment: total.round(),
            oews_total: o.oews_total,
            oews_via: o.oews_via.clone(),
            nem_via: o.nem_via.clone(),
            unpublished_industries: unpublished_industries(o),
            prior_2002_not_counted: prior_not_counted,
            sectors_split_by_group: d.by_group.clone(),
            no_cluster_share: r4(if total + d.no_cluster > 0.0 {
                d.no_cluster / (total + d.no_cluster)
            } else {
                0.0
            }),
            suppressed_sectors: d.suppressed.clone(),
            sectors,
            clusters,
            rules: fired,
            clusters_2002,
            breadth: Some(breadth),
            sub_clusters: sub_evidence,
            override_note: None,
        },
    }
}

/// The matrix industries estimated for the occupation because the matrix publishes them only
/// inside a summary (see `unpublished`), largest first.
fn unpublished_industries(o: &OccupationInput) -> Vec<String> {
    let mut v: Vec<&(String, f64)> = o.nem_unpublished.iter().filter(|x| x.1 >= 0.5).collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    v.into_iter().map(|x| x.0.clone()).collect()
}

fn sector_title(s: &str) -> String {
    let t = match s {
        "11" => "Agriculture, Forestry, Fishing and Hunting",
        "21" => "Mining, Quarrying, and Oil and Gas Extraction",
        "22" => "Utilities",
        "23" => "Construction",
        "31" => "Manufacturing",
        "42" => "Wholesale Trade",
        "44" => "Retail Trade",
        "48" => "Transportation and Warehousing",
        "51" => "Information",
        "52" => "Finance and Insurance",
        "53" => "Real Estate and Rental and Leasing",
        "54" => "Professional, Scientific, and Technical Services",
        "55" => "Management of Companies and Enterprises",
        "56" => "Administrative and Support and Waste Management and Remediation Services",
        "61" => "Educational Services",
        "62" => "Health Care and Social Assistance",
        "71" => "Arts, Entertainment, and Recreation",
        "72" => "Accommodation and Food Services",
        "81" => "Other Services (except Public Administration)",
        "99" => "Government (federal, state and local, excluding schools and hospitals)",
        _ => "",
    };
    t.to_string()
}

/// The occupation's words, by where they appear.
struct OccWords {
    official: WordSet,
    alternate: WordSet,
    body: WordSet,
}

impl OccWords {
    fn new(o: &OccupationInput) -> OccWords {
        let k = o.official_titles.max(1).min(o.titles.len());
        OccWords {
            official: WordSet::from_texts(o.titles[..k].iter().map(String::as_str)),
            alternate: WordSet::from_texts(o.titles[k..].iter().map(String::as_str)),
            body: WordSet::from_texts([o.text.as_str()]),
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn rank_sub_clusters(
    tax: &Taxonomy,
    method: &Method,
    params: &Params,
    o: &OccupationInput,
    words: &OccWords,
    d: &Distribution,
    cluster: usize,
    rule_sub: Option<usize>,
    evidence: &mut Vec<SubClusterEvidence>,
) -> Vec<(usize, f64)> {
    let subs = &tax.clusters[cluster].sub_clusters;
    let anchor_len: Vec<(usize, Option<&String>)> = subs
        .iter()
        .map(|&s| {
            method.profiles[s]
                .soc
                .iter()
                .filter(|p| o.soc.starts_with(p.as_str()))
                .max_by_key(|p| p.len())
                .map_or((0, None), |p| (p.len(), Some(p)))
        })
        .collect();
    let max_anchor = anchor_len.iter().map(|x| x.0).max().unwrap_or(0);
    let cluster_emp: f64 =
        d.by_sub.iter().filter(|((c, _), _)| *c == cluster).map(|(_, e)| e).sum();
    let text_raw: Vec<(f64, Vec<String>)> = subs
        .iter()
        .map(|&s| {
            let kws = &method.profiles[s].keywords;
            let mut raw = 0.0;
            let mut hit = Vec::new();
            for (kw, w) in kws {
                let pts = if words.official.has_phrase(w) {
                    3.0
                } else if words.alternate.has_phrase(w) {
                    1.0
                } else if words.body.has_phrase(w) {
                    0.5
                } else {
                    0.0
                };
                if pts > 0.0 {
                    raw += pts;
                    hit.push(kw.clone());
                }
            }
            let norm = if kws.is_empty() { 0.0 } else { raw / (kws.len() as f64).sqrt() };
            (norm, hit)
        })
        .collect();
    let max_text = text_raw.iter().map(|x| x.0).fold(0.0, f64::max);

    // Sub-clusters defined by function (no subsector names them: Health Data & Administration,
    // Safety & Quality Assurance, Project Management, ...) sit inside every employer of the
    // cluster: a hospital employs both nurses and medical records specialists. Subsector shares
    // cannot tell them from the industry sub-cluster, so when the SOC structure places the
    // occupation in such a sub-cluster, it gets the best industry share of the cluster and the
    // SOC structure and the text decide.
    let industry_of = |s: usize| -> f64 {
        if cluster_emp > 0.0 {
            d.by_sub.get(&(cluster, Some(s))).copied().unwrap_or(0.0) / cluster_emp
        } else {
            0.0
        }
    };
    let best_industry = subs
        .iter()
        .filter(|&&s| method.has_subsectors(s))
        .map(|&s| industry_of(s))
        .fold(0.0, f64::max);
    let mut ranked = Vec::new();
    for (i, &s) in subs.iter().enumerate() {
        let anchor = if max_anchor > 0 { anchor_len[i].0 as f64 / max_anchor as f64 } else { 0.0 };
        let industry = if method.profiles[s].self_employment {
            (o.self_employed.unwrap_or(0.0) / params.self_employed_full_share).min(1.0)
        } else if !method.has_subsectors(s) && anchor_len[i].0 > 0 {
            best_industry
        } else {
            industry_of(s)
        };
        let text = if max_text > 0.0 { text_raw[i].0 / max_text } else { 0.0 };
        let by_rule = rule_sub == Some(s);
        let score = params.subcluster_soc_weight * anchor
            + params.subcluster_industry_weight * industry
            + params.subcluster_text_weight * text
            + if by_rule { 1.0 } else { 0.0 };
        if score > 0.0 {
            evidence.push(SubClusterEvidence {
                cluster: tax.clusters[cluster].id.clone(),
                sub_cluster: tax.sub_clusters[s].id.clone(),
                score: r4(score),
                soc_anchor: anchor_len[i].1.cloned(),
                industry_share: r4(industry),
                keywords: text_raw[i].1.clone(),
                text: r4(text),
                rule: by_rule,
            });
        }
        ranked.push((s, score));
    }
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    evidence.sort_by(|a, b| {
        a.cluster
            .cmp(&b.cluster)
            .then(b.score.total_cmp(&a.score))
            .then(a.sub_cluster.cmp(&b.sub_cluster))
    });
    ranked
}

fn programs(
    tax: &Taxonomy,
    params: &Params,
    inputs: &Inputs,
    occs: &[OccupationResult],
) -> Vec<ProgramResult> {
    let by_soc: BTreeMap<&str, (&OccupationResult, f64)> = occs
        .iter()
        .zip(&inputs.occupations)
        .map(|(r, i)| (r.soc.as_str(), (r, employment_weight(i))))
        .collect();
    let mut out = Vec::new();
    for p in &inputs.programs {
        let mut used = Vec::new();
        let mut pair: BTreeMap<(String, Option<String>), f64> = BTreeMap::new();
        let mut cl: BTreeMap<String, f64> = BTreeMap::new();
        for soc in &p.socs {
            let Some((r, emp)) = by_soc.get(soc.as_str()) else { continue };
            // Occupations without employment data still count, with a token weight.
            let w = emp.max(1.0);
            let prim = r.primary();
            *pair.entry((prim.cluster.clone(), prim.sub_cluster.clone())).or_insert(0.0) += w;
            *cl.entry(prim.cluster.clone()).or_insert(0.0) += w;
            used.push((soc.clone(), w));
        }
        let total: f64 = cl.values().sum();
        if total <= 0.0 {
            continue;
        }
        let mut clusters: Vec<(String, f64)> = cl.into_iter().collect();
        clusters.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let kept: Vec<&String> = clusters
            .iter()
            .enumerate()
            .filter(|(i, c)| *i == 0 || c.1 / total >= params.program_min_share)
            .map(|(_, c)| &c.0)
            .collect();
        let inter = kept.len() > 1;
        let mut rows: Vec<AssignmentRow> = Vec::new();
        for c in &kept {
            let mut subs: Vec<(&Option<String>, f64)> =
                pair.iter().filter(|((pc, _), _)| pc == *c).map(|((_, s), w)| (s, *w)).collect();
            subs.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
            for (s, w) in subs {
                rows.push(AssignmentRow {
                    cluster: (*c).clone(),
                    sub_cluster: s.clone(),
                    is_primary: rows.is_empty(),
                    rank: rows.len() as u32 + 1,
                    score: r4(w / total),
                    cluster_share: None,
                    interdisciplinary: inter,
                    overridden: false,
                });
            }
        }
        let _ = tax;
        out.push(ProgramResult {
            cip: p.cip.clone(),
            title: p.title.clone(),
            rows,
            occupations: used,
        });
    }
    out
}

fn industries(tax: &Taxonomy, method: &Method, inputs: &Inputs) -> Vec<IndustryRow> {
    let mut rows: BTreeSet<(String, String, Option<String>)> = BTreeSet::new();
    let sectors = [
        "11", "21", "22", "23", "31", "42", "44", "48", "51", "52", "53", "54", "55", "56", "61",
        "62", "71", "72", "81", "92",
    ];
    let display = |s: &str| match s {
        "31" => "31-33".to_string(),
        "44" => "44-45".to_string(),
        "48" => "48-49".to_string(),
        _ => s.to_string(),
    };
    // Sectors: the cluster of the sector row and of every refinement inside it.
    for s in sectors {
        for m in method.industries.iter().filter(|m| sector_key(&m.naics) == sector_key(s)) {
            rows.insert((display(s), tax.clusters[m.cluster].id.clone(), None));
        }
    }
    // Subsectors (3 digits) and the method's finer refinements, with their sub-clusters.
    for code in inputs.naics_titles.keys().filter(|c| c.len() == 3) {
        if let Some(m) = method.industry(code) {
            rows.insert((
                code.clone(),
                tax.clusters[m.cluster].id.clone(),
                m.sub_cluster.map(|s| tax.sub_clusters[s].id.clone()),
            ));
        }
    }
    for m in method.industries.iter().filter(|m| m.naics.len() > 3 && m.sub_cluster.is_some()) {
        rows.insert((
            m.naics.clone(),
            tax.clusters[m.cluster].id.clone(),
            m.sub_cluster.map(|s| tax.sub_clusters[s].id.clone()),
        ));
    }
    rows.into_iter()
        .map(|(naics, cluster, sub_cluster)| IndustryRow {
            title: inputs.naics_titles.get(&naics).cloned().unwrap_or_default(),
            naics,
            cluster,
            sub_cluster,
        })
        .collect()
}

fn pathways(tax: &Taxonomy, inputs: &Inputs, occs: &[OccupationResult]) -> Vec<PathwayRow> {
    let _ = tax;
    // pathway -> sub-cluster -> (employment, occupations)
    let mut acc: BTreeMap<String, BTreeMap<String, (f64, u32)>> = BTreeMap::new();
    for (r, i) in occs.iter().zip(&inputs.occupations) {
        let Some(sub) = r.primary().sub_cluster.clone() else { continue };
        let emp = employment_weight(i);
        let mut seen = BTreeSet::new();
        for a in &i.clusters_2002 {
            let Some(p) = &a.pathway_id else { continue };
            if !seen.insert(p.clone()) {
                continue;
            }
            let e = acc.entry(p.clone()).or_default().entry(sub.clone()).or_insert((0.0, 0));
            e.0 += emp;
            e.1 += 1;
        }
    }
    let mut out = Vec::new();
    for (p, subs) in acc {
        let emp: f64 = subs.values().map(|x| x.0).sum();
        let n: u32 = subs.values().map(|x| x.1).sum();
        for (s, (e, k)) in subs {
            let share = if emp > 0.0 { e / emp } else { k as f64 / n as f64 };
            out.push(PathwayRow {
                pathway: p.clone(),
                sub_cluster: s,
                share: r4(share),
                employment: e.round(),
                occupations: k,
            });
        }
    }
    out.sort_by(|a, b| {
        a.pathway
            .cmp(&b.pathway)
            .then(b.share.total_cmp(&a.share))
            .then(a.sub_cluster.cmp(&b.sub_cluster))
    });
    out
}
