//! `trellis framework | cluster | crosswalk-2002 | resolve | state`: the framework itself, from
//! the definitions compiled into the binary (no database needed).
//!
//! JSON shapes are documented in `docs/cli-json.md`; change them only by adding fields.

use std::io::{self, Write};
use std::process::ExitCode;

use serde::Serialize;
use serde_json::{Value, json};
use trellis_framework::state::StateProfile;
use trellis_framework::{
    Cluster, Cluster2002, CrosswalkRow, Entity, EntityKind, Framework, Match, Unresolved,
};

use crate::context::Context;
use crate::output::{Format, Table, flatten_json, write_json};

/// Exit code for a name or code that matches nothing (suggestions are printed).
const NOT_FOUND: u8 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum EditionArg {
    /// The modernized framework: 6 groupings, 14 clusters, 72 sub-clusters.
    #[default]
    #[value(name = "2024")]
    Modern,
    /// The original framework: 16 clusters, 79 career pathways.
    #[value(name = "2002")]
    Original,
}

/// Show the whole framework as a tree: groupings, their clusters, their sub-clusters.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  trellis framework                      the 2024 tree; * marks the cross-cutting clusters
  trellis framework --format csv         one row per sub-cluster, with its cluster and grouping
  trellis framework --format json        nested groupings → clusters → sub_clusters
  trellis framework --edition 2002       the 16 clusters and 79 pathways of 2002")]
pub struct FrameworkArgs {
    /// Which edition of the framework to show.
    #[arg(long, value_enum, default_value_t)]
    edition: EditionArg,
    /// Output format: an indented tree (table), csv (one row per sub-cluster or pathway), json.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

/// Everything known about one cluster: caption, grouping, sub-clusters, where it came from in
/// 2002, its NAICS sectors, state certifications, skills, occupations and places of work.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
The name can be spelled any way the sources spell it (case, punctuation, `and` or `&` do not
matter), or be an id. A sub-cluster name shows its cluster. A 2002 cluster shows its pathways and
what it became in 2024.

Examples:
  trellis cluster \"Arts, Entertainment & Design\"
  trellis cluster digital-technology --format json
  trellis cluster \"Health Science\"          (a 2002 cluster)")]
pub struct ClusterArgs {
    /// Cluster name (any spelling) or id; several words need no quotes.
    #[arg(required = true, value_name = "NAME")]
    name: Vec<String>,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

/// How the 16 clusters of 2002 map to the 14 clusters of 2024.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Each row says what happened to a 2002 cluster: renamed, cross_cutting (became one of the three
cross-cutting clusters), combined (merged with others), removed (STEM; its fields moved to the
related clusters), or new (Energy & Natural Resources has no predecessor).

Examples:
  trellis crosswalk-2002
  trellis crosswalk-2002 \"Human Services\"          one 2002 cluster, with its pathways
  trellis crosswalk-2002 public-service-safety     the rows leading to a 2024 cluster")]
pub struct Crosswalk2002Args {
    /// A 2002 cluster (or a 2024 cluster, for the rows leading to it); all rows when omitted.
    #[arg(value_name = "CLUSTER")]
    cluster: Vec<String>,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

/// Find what a name refers to: grouping, cluster, sub-cluster, 2002 cluster or pathway.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Case, punctuation, the Oxford comma, `and` versus `&` and extra spaces do not matter; known
variants (\"Uncrewed\" for \"Unmanned\", \"Operators & Maintenance\") are aliases. A name shared by
several entities lists them all, the 2024 one first. An unknown name prints the closest names
and exits with status 2.

Examples:
  trellis resolve arts entertainment and design
  trellis resolve \"Web and Cloud\" --format json
  trellis resolve \"Health Science\"            (the 2002 cluster)")]
pub struct ResolveArgs {
    /// The name to look up, in any spelling, or an id; several words need no quotes.
    #[arg(required = true, value_name = "NAME")]
    name: Vec<String>,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

/// A state profile: CTE certifications by cluster and the state's high-skill, high-wage,
/// in-demand definitions.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
State profiles are data files compiled into Trellis (crates/framework/data/states/XX.toml);
another state is another file. Without a code, lists the states that have a profile.

Examples:
  trellis state CT
  trellis state ct --format json
  trellis state CT --format csv       the certifications, one row each")]
pub struct StateArgs {
    /// Two-letter state code, e.g. CT.
    #[arg(value_name = "CODE")]
    code: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

fn joined(words: &[String]) -> String {
    words.join(" ")
}

// ---------------------------------------------------------------------------------------------
// trellis framework
// ---------------------------------------------------------------------------------------------

pub fn framework(_ctx: &Context, args: FrameworkArgs) -> anyhow::Result<ExitCode> {
    let fw = Framework::builtin();
    let mut out = io::stdout().lock();
    match (args.edition, args.format) {
        (EditionArg::Modern, Format::Json) => write_json(&mut out, &framework_2024_json(fw))?,
        (EditionArg::Modern, Format::Csv) => framework_2024_csv(fw).write_csv(&mut out)?,
        (EditionArg::Modern, Format::Table) => write_tree_2024(&mut out, fw)?,
        (EditionArg::Original, Format::Json) => write_json(&mut out, &framework_2002_json(fw))?,
        (EditionArg::Original, Format::Csv) => framework_2002_csv(fw).write_csv(&mut out)?,
        (EditionArg::Original, Format::Table) => write_tree_2002(&mut out, fw)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn ref_json(id: &str, name: &str) -> Value {
    json!({ "id": id, "name": name })
}

fn framework_2024_json(fw: &Framework) -> Value {
    let groupings: Vec<Value> = fw
        .groupings
        .iter()
        .map(|g| {
            let clusters: Vec<Value> = fw
                .clusters_in(&g.id)
                .map(|c| {
                    let subs: Vec<Value> = fw
                        .sub_clusters_of(&c.id)
                        .map(|s| json!({ "id": s.id, "name": s.name, "aliases": s.aliases }))
                        .collect();
                    json!({
                        "id": c.id,
                        "name": c.name,
                        "caption": c.caption,
                        "cross_cutting": c.cross_cutting,
                        "aliases": c.aliases,
                        "sub_clusters": subs,
                    })
                })
                .collect();
            json!({
                "id": g.id,
                "name": g.name,
                "cross_cutting": g.cross_cutting,
                "clusters": clusters,
            })
        })
        .collect();
    json!({
        "edition": "2024",
        "name": fw.info_2024.name,
        "source": fw.info_2024.source,
        "counts": {
            "groupings": fw.groupings.len(),
            "clusters": fw.clusters.len(),
            "cross_cutting_clusters": fw.cross_cutting_clusters().count(),
            "sub_clusters": fw.sub_clusters.len(),
        },
        "groupings": groupings,
    })
}

fn framework_2024_csv(fw: &Framework) -> Table {
    let mut t = Table::new([
        "grouping_id",
        "grouping",
        "cluster_id",
        "cluster",
        "cross_cutting",
        "sub_cluster_id",
        "sub_cluster",
    ]);
    for g in &fw.groupings {
        for c in fw.clusters_in(&g.id) {
            for s in fw.sub_clusters_of(&c.id) {
                t.push([
                    g.id.as_str(),
                    &g.name,
                    &c.id,
                    &c.name,
                    if c.cross_cutting { "true" } else { "false" },
                    &s.id,
                    &s.name,
                ]);
            }
        }
    }
    t
}

fn write_tree_2024(out: &mut impl Write, fw: &Framework) -> io::Result<()> {
    writeln!(
        out,
        "{}: {} groupings, {} clusters ({} cross-cutting, marked *), {} sub-clusters\n",
        fw.info_2024.name,
        fw.groupings.len(),
        fw.clusters.len(),
        fw.cross_cutting_clusters().count(),
        fw.sub_clusters.len()
    )?;
    for g in &fw.groupings {
        writeln!(out, "{}  [{}]", g.name, g.id)?;
        let clusters: Vec<&Cluster> = fw.clusters_in(&g.id).collect();
        for (ci, c) in clusters.iter().enumerate() {
            let last_c = ci + 1 == clusters.len();
            let mark = if c.cross_cutting { " *" } else { "" };
            writeln!(
                out,
                "{} {}{mark}  [{}]  “{}”",
                if last_c { "└─" } else { "├─" },
                c.name,
                c.id,
                c.caption
            )?;
            let subs: Vec<_> = fw.sub_clusters_of(&c.id).collect();
            for (si, s) in subs.iter().enumerate() {
                writeln!(
                    out,
                    "{}  {} {}  [{}]",
                    if last_c { " " } else { "│" },
                    if si + 1 == subs.len() { "└─" } else { "├─" },
                    s.name,
                    s.id
                )?;
            }
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "* cross-cutting: occupations found in every industry; also a standalone cluster."
    )
}

fn framework_2002_json(fw: &Framework) -> Value {
    let clusters: Vec<Value> = fw
        .clusters_2002
        .iter()
        .map(|c| {
            let pathways: Vec<Value> = fw
                .pathways_of(&c.id)
                .map(|p| {
                    json!({ "id": p.id, "name": p.name, "aliases": p.aliases, "perkins_iv": p.perkins_iv })
                })
                .collect();
            json!({
                "id": c.id,
                "name": c.name,
                "aliases": c.aliases,
                "perkins_iv": c.perkins_iv,
                "pathways": pathways,
            })
        })
        .collect();
    json!({
        "edition": "2002",
        "name": fw.info_2002.name,
        "source": fw.info_2002.source,
        "counts": { "clusters": fw.clusters_2002.len(), "pathways": fw.pathways_2002.len() },
        "clusters": clusters,
    })
}

fn framework_2002_csv(fw: &Framework) -> Table {
    let mut t = Table::new(["cluster_id", "cluster", "pathway_id", "pathway", "perkins_iv"]);
    for c in &fw.clusters_2002 {
        for p in fw.pathways_of(&c.id) {
            t.push([c.id.as_str(), &c.name, &p.id, &p.name, p.perkins_iv.as_deref().unwrap_or("")]);
        }
    }
    t
}

fn write_tree_2002(out: &mut impl Write, fw: &Framework) -> io::Result<()> {
    writeln!(
        out,
        "{}: {} clusters, {} pathways\n",
        fw.info_2002.name,
        fw.clusters_2002.len(),
        fw.pathways_2002.len()
    )?;
    for c in &fw.clusters_2002 {
        writeln!(out, "{}  [{}]", c.name, c.id)?;
        let ps: Vec<_> = fw.pathways_of(&c.id).collect();
        for (i, p) in ps.iter().enumerate() {
            writeln!(out, "{} {}", if i + 1 == ps.len() { "└─" } else { "├─" }, p.name)?;
        }
        writeln!(out)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// trellis resolve
// ---------------------------------------------------------------------------------------------

#[derive(Serialize)]
struct EntityJson<'a> {
    kind: EntityKind,
    id: &'a str,
    name: &'a str,
    edition: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<Value>,
}

fn entity_json<'a>(fw: &'a Framework, e: &Entity<'a>) -> EntityJson<'a> {
    let parent = e.parent_id().and_then(|id| fw.get(id)).map(|p| ref_json(p.id(), p.name()));
    EntityJson { kind: e.kind(), id: e.id(), name: e.name(), edition: e.edition().as_str(), parent }
}

fn matches_json(fw: &Framework, query: &str, matches: &[Match<'_>]) -> Value {
    let ms: Vec<Value> = matches
        .iter()
        .map(|m| {
            let mut v = serde_json::to_value(entity_json(fw, &m.entity)).unwrap_or(Value::Null);
            v["matched_by"] = json!(m.matched_by);
            v["spelling"] = json!(m.spelling);
            v
        })
        .collect();
    json!({ "query": query, "matches": ms, "suggestions": [] })
}

fn suggestions_json(fw: &Framework, err: &Unresolved<'_>) -> Value {
    let ss: Vec<Value> = err
        .suggestions
        .iter()
        .map(|s| {
            let mut v = serde_json::to_value(entity_json(fw, &s.entity)).unwrap_or(Value::Null);
            v["spelling"] = json!(s.spelling);
            v["score"] = json!((s.score * 1000.0).round() / 1000.0);
            v
        })
        .collect();
    json!({ "query": err.query, "matches": [], "suggestions": ss })
}

/// Prints the closest names for an unknown query in the requested format and returns exit 2.
fn not_found(
    fw: &Framework,
    err: &Unresolved<'_>,
    format: Format,
    what: &str,
) -> anyhow::Result<ExitCode> {
    let mut out = io::stdout().lock();
    match format {
        Format::Json => write_json(&mut out, &suggestions_json(fw, err))?,
        Format::Csv => suggestion_table(fw, err).write_csv(&mut out)?,
        Format::Table => {
            if !err.suggestions.is_empty() {
                writeln!(out, "Closest names:")?;
                suggestion_table(fw, err).write_text(&mut out)?;
            }
        }
    }
    eprintln!(
        "error: no {what} is called {:?}; try one of the closest names{}, or `trellis framework` for the full list",
        err.query,
        if format == Format::Table { " above" } else { " in the output" }
    );
    Ok(ExitCode::from(NOT_FOUND))
}

fn suggestion_table(fw: &Framework, err: &Unresolved<'_>) -> Table {
    let mut t = Table::new(["kind", "id", "name", "parent", "score"]);
    for s in &err.suggestions {
        let parent = s.entity.parent_id().and_then(|p| fw.get(p)).map(|p| p.name()).unwrap_or("");
        t.push([
            s.entity.kind().label().to_string(),
            s.entity.id().to_string(),
            s.entity.name().to_string(),
            parent.to_string(),
            format!("{:.2}", s.score),
        ]);
    }
    t
}

pub fn resolve(_ctx: &Context, args: ResolveArgs) -> anyhow::Result<ExitCode> {
    let fw = Framework::builtin();
    let query = joined(&args.name);
    let matches = match fw.resolve(&query) {
        Ok(m) => m,
        Err(e) => return not_found(fw, &e, args.format, "framework entity"),
    };
    let mut out = io::stdout().lock();
    match args.format {
        Format::Json => write_json(&mut out, &matches_json(fw, &query, &matches))?,
        format => {
            let mut t = Table::new(["kind", "id", "name", "parent", "matched_by", "spelling"]);
            for m in &matches {
                let e = &m.entity;
                let parent = e.parent_id().and_then(|p| fw.get(p)).map(|p| p.name()).unwrap_or("");
                let by =
                    serde_json::to_value(m.matched_by)?.as_str().unwrap_or_default().to_string();
                t.push([
                    e.kind().label().to_string(),
                    e.id().to_string(),
                    e.name().to_string(),
                    parent.to_string(),
                    by,
                    m.spelling.to_string(),
                ]);
            }
            if format == Format::Csv {
                t.write_csv(&mut out)?;
            } else {
                t.write_text(&mut out)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------------------------------------
// trellis cluster
// ---------------------------------------------------------------------------------------------

pub fn cluster(_ctx: &Context, args: ClusterArgs) -> anyhow::Result<ExitCode> {
    let fw = Framework::builtin();
    let query = joined(&args.name);
    let matches = match fw.resolve(&query) {
        Ok(m) => m,
        Err(e) => return not_found(fw, &e, args.format, "cluster"),
    };
    // The first match that is (or lies in) a cluster of either edition.
    let target = matches.iter().find_map(|m| match m.entity {
        Entity::Cluster(c) => Some(ClusterTarget::Modern(c)),
        Entity::SubCluster(s) => fw.cluster(&s.cluster).map(ClusterTarget::Modern),
        Entity::Cluster2002(c) => Some(ClusterTarget::Original(c)),
        Entity::Pathway2002(p) => fw.cluster_2002(&p.cluster).map(ClusterTarget::Original),
        Entity::PerkinsIvHeading(h) => fw.cluster_2002(&h.cluster).map(ClusterTarget::Original),
        Entity::Grouping(_) => None,
    });
    let Some(target) = target else {
        let g = &matches[0].entity;
        let names: Vec<&str> = fw.clusters_in(g.id()).map(|c| c.name.as_str()).collect();
        anyhow::bail!(
            "{:?} is the grouping {:?}, not a cluster; its clusters are: {}",
            query,
            g.name(),
            names.join(", ")
        );
    };
    if let Some(m) = matches.first()
        && !matches!(m.entity, Entity::Cluster(_) | Entity::Cluster2002(_))
    {
        eprintln!(
            "note: {:?} is the {} {:?}; showing its cluster",
            query,
            m.entity.kind().label(),
            m.entity.name()
        );
    }
    let value = match target {
        ClusterTarget::Modern(c) => cluster_json(fw, c),
        ClusterTarget::Original(c) => cluster_2002_json(fw, c),
    };
    let mut out = io::stdout().lock();
    match args.format {
        Format::Json => write_json(&mut out, &value)?,
        Format::Csv => flatten_json(&value).write_csv(&mut out)?,
        Format::Table => match target {
            ClusterTarget::Modern(c) => write_cluster(&mut out, fw, c)?,
            ClusterTarget::Original(c) => write_cluster_2002(&mut out, fw, c)?,
        },
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Clone, Copy)]
enum ClusterTarget<'a> {
    Modern(&'a Cluster),
    Original(&'a Cluster2002),
}

/// Crosswalk rows that name the cluster as having received part of a 2002 cluster.
fn related_rows<'a>(
    fw: &'a Framework,
    cluster_id: &str,
) -> impl Iterator<Item = &'a CrosswalkRow> + use<'a> {
    let id = cluster_id.to_string();
    fw.crosswalk_2002.iter().filter(move |r| r.related.contains(&id))
}

fn crosswalk_row_json(fw: &Framework, r: &CrosswalkRow) -> Value {
    let from =
        r.from.as_deref().and_then(|id| fw.cluster_2002(id)).map(|c| ref_json(&c.id, &c.name));
    let to = r.to.as_deref().and_then(|id| fw.cluster(id)).map(|c| ref_json(&c.id, &c.name));
    let related: Vec<Value> = r
        .related
        .iter()
        .filter_map(|id| fw.cluster(id))
        .map(|c| ref_json(&c.id, &c.name))
        .collect();
    json!({ "from": from, "to": to, "change": r.change, "related": related, "note": r.note })
}

fn state_certifications<'a>(
    fw: &'a Framework,
    cluster_id: &str,
) -> Vec<(&'a StateProfile, Vec<&'a trellis_framework::state::Certification>)> {
    fw.states
        .iter()
        .map(|s| {
            (s, s.certifications.iter().filter(|c| c.cluster == cluster_id).collect::<Vec<_>>())
        })
        .filter(|(_, certs)| !certs.is_empty())
        .collect()
}

fn cluster_json(fw: &Framework, c: &Cluster) -> Value {
    let grouping = fw.grouping(&c.grouping).map(|g| ref_json(&g.id, &g.name));
    let subs: Vec<Value> = fw
        .sub_clusters_of(&c.id)
        .map(|s| json!({ "id": s.id, "name": s.name, "aliases": s.aliases }))
        .collect();
    let crosswalk: Vec<Value> = fw.crosswalk_to(&c.id).map(|r| crosswalk_row_json(fw, r)).collect();
    let related: Vec<Value> = related_rows(fw, &c.id).map(|r| crosswalk_row_json(fw, r)).collect();
    let groups: Vec<Value> = fw
        .industry_advisory_groups
        .iter()
        .filter(|g| g.cluster == c.id)
        .map(|g| json!({ "number": g.number, "name": g.name, "naics": g.naics, "note": g.note }))
        .collect();
    let mut sectors: Vec<Value> = Vec::new();
    for g in fw.industry_advisory_groups.iter().filter(|g| g.cluster == c.id) {
        for code in &g.naics {
            if let Some(s) = fw.naics_sectors.iter().find(|s| s.code == *code) {
                let v = json!({ "code": s.code, "title": s.title });
                if !sectors.contains(&v) {
                    sectors.push(v);
                }
            }
        }
    }
    let certs: Vec<Value> = state_certifications(fw, &c.id)
        .into_iter()
        .flat_map(|(s, cs)| {
            cs.into_iter()
                .map(move |x| json!({ "state": s.state.code, "code": x.code, "title": x.title }))
        })
        .collect();
    json!({
        "kind": "cluster",
        "edition": "2024",
        "id": c.id,
        "name": c.name,
        "caption": c.caption,
        "cross_cutting": c.cross_cutting,
        "aliases": c.aliases,
        "grouping": grouping,
        "sub_clusters": subs,
        "crosswalk_2002": crosswalk,
        "crosswalk_2002_related": related,
        "industry_advisory_groups": groups,
        "naics_sectors": sectors,
        "state_certifications": certs,
        "content": c.content,
    })
}

fn write_list(out: &mut impl Write, title: &str, items: &[String]) -> io::Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    writeln!(out, "\n{title} ({})", items.len())?;
    // Several short items per line keep long lists readable in a terminal.
    let mut line = String::from(" ");
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 == items.len() { item.clone() } else { format!("{item};") };
        if line.len() + piece.len() + 1 > 96 && !line.trim().is_empty() {
            writeln!(out, "{line}")?;
            line = String::from(" ");
        }
        line.push(' ');
        line.push_str(&piece);
    }
    writeln!(out, "{line}")
}

fn write_cluster(out: &mut impl Write, fw: &Framework, c: &Cluster) -> io::Result<()> {
    writeln!(out, "{}  [{}]", c.name, c.id)?;
    writeln!(out, "“{}”", c.caption)?;
    if let Some(g) = fw.grouping(&c.grouping) {
        writeln!(out, "Grouping: {}", g.name)?;
    }
    if c.cross_cutting {
        writeln!(
            out,
            "Cross-cutting: its occupations exist in every industry; it is also a standalone cluster."
        )?;
    }
    if !c.aliases.is_empty() {
        writeln!(out, "Also written: {}", c.aliases.join("; "))?;
    }
    let subs: Vec<_> = fw.sub_clusters_of(&c.id).collect();
    writeln!(out, "\nSub-clusters ({})", subs.len())?;
    for s in subs {
        writeln!(out, "  {}  [{}]", s.name, s.id)?;
    }
    let rows: Vec<_> = fw.crosswalk_to(&c.id).collect();
    let partial: Vec<_> = related_rows(fw, &c.id).collect();
    if !rows.is_empty() || !partial.is_empty() {
        writeln!(out, "\nFrom the 2002 framework")?;
        for r in rows {
            let from = r.from.as_deref().and_then(|id| fw.cluster_2002(id));
            let how = match r.change {
                trellis_framework::ChangeType::Renamed => "renamed",
                trellis_framework::ChangeType::CrossCutting => "became this cross-cutting cluster",
                trellis_framework::ChangeType::Combined => "combined into this cluster",
                trellis_framework::ChangeType::Removed => "removed",
                trellis_framework::ChangeType::New => "new in 2024",
            };
            match from {
                Some(f) => writeln!(out, "  {}  ({how})", f.name)?,
                None => writeln!(out, "  new in 2024, no 2002 predecessor")?,
            }
        }
        for r in partial {
            if let Some(f) = r.from.as_deref().and_then(|id| fw.cluster_2002(id)) {
                writeln!(out, "  {}  (part of it moved here)", f.name)?;
            }
        }
    }
    let groups: Vec<_> = fw.industry_advisory_groups.iter().filter(|g| g.cluster == c.id).collect();
    if !groups.is_empty() {
        writeln!(out, "\nIndustry Advisory Groups and NAICS sectors")?;
        for g in groups {
            let sectors: Vec<String> = g
                .naics
                .iter()
                .map(|n| {
                    let title = fw
                        .naics_sectors
                        .iter()
                        .find(|s| s.code == *n)
                        .map(|s| s.title.as_str())
                        .unwrap_or("");
                    format!("{n} {title}")
                })
                .collect();
            writeln!(out, "  {}. {}: {}", g.number, g.name, sectors.join("; "))?;
        }
    }
    for (s, certs) in state_certifications(fw, &c.id) {
        writeln!(out, "\n{} CTE certifications", s.state.name)?;
        for x in certs {
            writeln!(out, "  {} {}", x.code.as_deref().unwrap_or("   "), x.title)?;
        }
    }
    let ct = &c.content;
    write_list(out, "High-demand specialized skills", &ct.specialized_skills)?;
    write_list(out, "High-demand software skills", &ct.software_skills)?;
    write_list(out, "Sample occupations", &ct.sample_occupations)?;
    write_list(out, "Emerging occupations", &ct.emerging_occupations)?;
    write_list(out, "Sample places of work", &ct.places_of_work)?;
    Ok(())
}

fn cluster_2002_json(fw: &Framework, c: &Cluster2002) -> Value {
    let pathways: Vec<Value> = fw
        .pathways_of(&c.id)
        .map(|p| json!({ "id": p.id, "name": p.name, "aliases": p.aliases, "perkins_iv": p.perkins_iv }))
        .collect();
    let crosswalk: Vec<Value> =
        fw.crosswalk_from(&c.id).map(|r| crosswalk_row_json(fw, r)).collect();
    json!({
        "kind": "cluster_2002",
        "edition": "2002",
        "id": c.id,
        "name": c.name,
        "aliases": c.aliases,
        "perkins_iv": c.perkins_iv,
        "pathways": pathways,
        "crosswalk_2002": crosswalk,
    })
}

fn write_cluster_2002(out: &mut impl Write, fw: &Framework, c: &Cluster2002) -> io::Result<()> {
    writeln!(out, "{}  [{}]  (2002 framework)", c.name, c.id)?;
    if !c.aliases.is_empty() {
        writeln!(out, "Also written: {}", c.aliases.join("; "))?;
    }
    let ps: Vec<_> = fw.pathways_of(&c.id).collect();
    writeln!(out, "\nPathways ({})", ps.len())?;
    for p in ps {
        writeln!(out, "  {}  [{}]", p.name, p.id)?;
    }
    writeln!(out, "\nIn the 2024 framework")?;
    for r in fw.crosswalk_from(&c.id) {
        write_crosswalk_sentence(out, fw, r)?;
    }
    Ok(())
}

fn write_crosswalk_sentence(
    out: &mut impl Write,
    fw: &Framework,
    r: &CrosswalkRow,
) -> io::Result<()> {
    let to = r.to.as_deref().and_then(|id| fw.cluster(id)).map(|c| c.name.as_str()).unwrap_or("");
    match r.change.as_str() {
        "removed" => writeln!(out, "  removed")?,
        "new" => writeln!(out, "  new: {to}")?,
        change => writeln!(out, "  {change}: {to}")?,
    }
    if !r.related.is_empty() {
        let names: Vec<&str> =
            r.related.iter().filter_map(|id| fw.cluster(id)).map(|c| c.name.as_str()).collect();
        writeln!(out, "  related: {}", names.join(", "))?;
    }
    if let Some(n) = &r.note {
        writeln!(out, "  note: {n}")?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// trellis crosswalk-2002
// ---------------------------------------------------------------------------------------------

pub fn crosswalk_2002(_ctx: &Context, args: Crosswalk2002Args) -> anyhow::Result<ExitCode> {
    let fw = Framework::builtin();
    let rows: Vec<&CrosswalkRow> = if args.cluster.is_empty() {
        fw.crosswalk_2002.iter().collect()
    } else {
        let query = joined(&args.cluster);
        let matches = match fw.resolve(&query) {
            Ok(m) => m,
            Err(e) => return not_found(fw, &e, args.format, "cluster"),
        };
        let picked = matches.iter().find_map(|m| match m.entity {
            Entity::Cluster2002(c) => Some(fw.crosswalk_from(&c.id).collect::<Vec<_>>()),
            Entity::Cluster(c) => Some(fw.crosswalk_to(&c.id).collect()),
            _ => None,
        });
        match picked {
            Some(rows) => rows,
            None => anyhow::bail!(
                "{:?} is the {} {:?}, not a cluster; give a 2002 or 2024 cluster",
                query,
                matches[0].entity.kind().label(),
                matches[0].entity.name()
            ),
        }
    };
    let mut out = io::stdout().lock();
    match args.format {
        Format::Json => {
            let rows: Vec<Value> = rows.iter().map(|r| crosswalk_row_json(fw, r)).collect();
            write_json(&mut out, &json!({ "rows": rows }))?;
        }
        format => {
            let mut t = Table::new(["from_id", "from", "change", "to_id", "to", "related", "note"]);
            for r in &rows {
                let from = r.from.as_deref().and_then(|id| fw.cluster_2002(id));
                let to = r.to.as_deref().and_then(|id| fw.cluster(id));
                t.push([
                    from.map(|c| c.id.as_str()).unwrap_or(""),
                    from.map(|c| c.name.as_str()).unwrap_or("(none)"),
                    r.change.as_str(),
                    to.map(|c| c.id.as_str()).unwrap_or(""),
                    to.map(|c| c.name.as_str()).unwrap_or("(none)"),
                    &r.related.join(" "),
                    r.note.as_deref().unwrap_or(""),
                ]);
            }
            if format == Format::Csv {
                t.write_csv(&mut out)?;
            } else {
                // The ids and notes make the terminal table too wide; names and change suffice.
                let mut short = Table::new(["2002 cluster", "change", "2024 cluster"]);
                for row in &t.rows {
                    short.push([row[1].clone(), row[2].clone(), row[4].clone()]);
                }
                short.write_text(&mut out)?;
                if rows.len() == 1 {
                    let r = rows[0];
                    if let Some(from) = r.from.as_deref() {
                        let ps: Vec<&str> = fw.pathways_of(from).map(|p| p.name.as_str()).collect();
                        writeln!(out, "\n2002 pathways: {}", ps.join("; "))?;
                    }
                    if let Some(to) = r.to.as_deref() {
                        let ss: Vec<&str> =
                            fw.sub_clusters_of(to).map(|s| s.name.as_str()).collect();
                        writeln!(out, "2024 sub-clusters: {}", ss.join("; "))?;
                    }
                }
                for r in rows.iter().filter(|r| r.note.is_some()) {
                    let name = r
                        .from
                        .as_deref()
                        .and_then(|id| fw.cluster_2002(id))
                        .map(|c| c.name.as_str())
                        .unwrap_or("(new)");
                    writeln!(out, "\n{name}: {}", r.note.as_deref().unwrap_or(""))?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------------------------------------
// trellis state
// ---------------------------------------------------------------------------------------------

pub fn state(_ctx: &Context, args: StateArgs) -> anyhow::Result<ExitCode> {
    let fw = Framework::builtin();
    let mut out = io::stdout().lock();
    let Some(code) = args.code else {
        let states: Vec<Value> = fw
            .states
            .iter()
            .map(|s| json!({ "code": s.state.code, "name": s.state.name }))
            .collect();
        match args.format {
            Format::Json => write_json(&mut out, &json!({ "states": states }))?,
            format => {
                let mut t = Table::new(["code", "name"]);
                for s in &fw.states {
                    t.push([s.state.code.as_str(), &s.state.name]);
                }
                if format == Format::Csv {
                    t.write_csv(&mut out)?;
                } else {
                    t.write_text(&mut out)?;
                }
            }
        }
        return Ok(ExitCode::SUCCESS);
    };
    let Some(profile) = fw.state(&code) else {
        let known: Vec<&str> = fw.states.iter().map(|s| s.state.code.as_str()).collect();
        eprintln!(
            "error: no state profile for {code:?}; profiles exist for: {}. A new state is a file crates/framework/data/states/XX.toml",
            known.join(", ")
        );
        return Ok(ExitCode::from(NOT_FOUND));
    };
    match args.format {
        Format::Json => write_json(&mut out, &state_json(fw, profile))?,
        Format::Csv => state_certifications_table(fw, profile).write_csv(&mut out)?,
        Format::Table => write_state(&mut out, fw, profile)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn state_certifications_table(fw: &Framework, p: &StateProfile) -> Table {
    let mut t = Table::new(["state", "cluster_id", "cluster", "code", "title"]);
    for c in &p.certifications {
        let name = fw.cluster(&c.cluster).map(|x| x.name.as_str()).unwrap_or("");
        t.push([
            p.state.code.as_str(),
            &c.cluster,
            name,
            c.code.as_deref().unwrap_or(""),
            &c.title,
        ]);
    }
    t
}

fn state_json(fw: &Framework, p: &StateProfile) -> Value {
    let certs: Vec<Value> = p
        .certifications
        .iter()
        .map(|c| {
            let name = fw.cluster(&c.cluster).map(|x| x.name.as_str());
            json!({ "cluster": c.cluster, "cluster_name": name, "code": c.code, "title": c.title })
        })
        .collect();
    let hshwid = p.hshwid.as_ref().map(|h| {
        let def = |d: &trellis_framework::state::Definition| {
            let crit: Vec<Value> = d
                .criteria
                .iter()
                .map(|c| {
                    let mut v = serde_json::to_value(c).unwrap_or(Value::Null);
                    v["description"] = json!(c.to_string());
                    v
                })
                .collect();
            json!({ "text": d.text, "combine": d.combine, "criteria": crit })
        };
        json!({
            "source": h.source,
            "data_area": h.data_area,
            "designation": h.designation,
            "high_skill": def(&h.high_skill),
            "high_wage": def(&h.high_wage),
            "in_demand": def(&h.in_demand),
        })
    });
    json!({
        "state": p.state,
        "certifications": certs,
        "hshwid": hshwid,
    })
}

fn write_state(out: &mut impl Write, fw: &Framework, p: &StateProfile) -> io::Result<()> {
    writeln!(out, "{} ({})", p.state.name, p.state.code)?;
    writeln!(out, "Source: {}", p.state.source)?;
    if p.state.cross_cutting_standalone {
        writeln!(out, "Recognizes the cross-cutting clusters as standalone clusters.")?;
    }
    writeln!(out, "\nCTE certifications by cluster")?;
    for c in &fw.clusters {
        let certs: Vec<String> = p
            .certifications
            .iter()
            .filter(|x| x.cluster == c.id)
            .map(|x| match &x.code {
                Some(code) => format!("{code} {}", x.title),
                None => x.title.clone(),
            })
            .collect();
        if !certs.is_empty() {
            writeln!(out, "  {}: {}", c.name, certs.join("; "))?;
        }
    }
    if let Some(h) = &p.hshwid {
        writeln!(out, "\nHigh-skill, high-wage, in-demand ({})", h.source)?;
        writeln!(
            out,
            "Measured with {} data.",
            match h.data_area {
                trellis_framework::state::DataArea::State => "the state's own",
                trellis_framework::state::DataArea::National => "national",
            }
        )?;
        for (name, d) in [
            ("High-skill", &h.high_skill),
            ("High-wage", &h.high_wage),
            ("In-demand", &h.in_demand),
        ] {
            writeln!(out, "\n{name}: {}", d.text)?;
            let joiner = match d.combine {
                trellis_framework::state::Combine::Any => "any of",
                trellis_framework::state::Combine::All => "all of",
            };
            writeln!(out, "  Trellis tests {joiner}:")?;
            for c in &d.criteria {
                writeln!(out, "  - {c}")?;
            }
        }
    }
    Ok(())
}
