//! Reading and validating the framework definition files.
//!
//! The files under `data/` are compiled into the binary ([`Sources::builtin`]); tests and
//! editors can pass other texts ([`Sources`] has public fields). Loading collects every problem
//! instead of stopping at the first, and each [`Problem`] names the file and the entry.
//!
//! What is checked:
//! - each file parses, with no unknown fields;
//! - ids are well-formed slugs, unique across all entities, and each id is the slug of the
//!   entity's name or of one of its aliases (2002 ids: `2002-` + slug; pathway ids:
//!   cluster id + `--` + slug);
//! - counts: 6 groupings, 14 clusters (3 cross-cutting), 72 sub-clusters, 16 clusters and 79
//!   pathways of 2002, 12 Career Ready Practices, 20 NAICS sectors;
//! - references: every cluster's grouping, every sub-cluster's cluster, every pathway's 2002
//!   cluster, crosswalk rows, content, advisory groups and state certifications name existing
//!   entities of the right kind; cross-cutting clusters are exactly those of the cross-cutting
//!   grouping; every grouping and cluster has members;
//! - names: within the 2024 edition every name and alias identifies one entity; the same holds
//!   among the 2002 clusters and among the pathways of each 2002 cluster;
//! - the crosswalk has one row per 2002 cluster and reaches every 2024 cluster, with
//!   `from`/`to` present as its change type requires;
//! - every NAICS sector feeds at least one cluster through the advisory groups;
//! - state profiles: the code matches the file name, HSHWID numbers are in range.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::codes::{Naics, NaicsLevel};
use crate::framework::{EntityKind, EntityRef, Framework, Index, NameHit};
use crate::model::*;
use crate::normalize::{is_valid_id, name_key, slug};
use crate::resolve::base_key;
use crate::state::{Criterion, Definition, StateProfile, WageThreshold};

/// One definition file: its name (as shown in errors) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        SourceFile { name: name.into(), text: text.into() }
    }
}

/// The texts of all definition files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sources {
    pub framework_2024: SourceFile,
    pub framework_2002: SourceFile,
    pub crosswalk_2002: SourceFile,
    pub cluster_content: SourceFile,
    pub career_ready_practices: SourceFile,
    pub industry_advisory_groups: SourceFile,
    /// One file per state, named `XX.toml` for state code `XX`.
    pub states: Vec<SourceFile>,
}

/// Every `data/states/*.toml`, listed by the build script: (name, text), sorted by name.
const STATE_FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/states.rs"));

macro_rules! builtin_file {
    ($name:literal) => {
        SourceFile::new($name, include_str!(concat!("../data/", $name)))
    };
}

impl Sources {
    /// The definition files compiled into the binary.
    pub fn builtin() -> Sources {
        Sources {
            framework_2024: builtin_file!("framework-2024.toml"),
            framework_2002: builtin_file!("framework-2002.toml"),
            crosswalk_2002: builtin_file!("crosswalk-2002-2024.toml"),
            cluster_content: builtin_file!("cluster-content.toml"),
            career_ready_practices: builtin_file!("career-ready-practices.toml"),
            industry_advisory_groups: builtin_file!("industry-advisory-groups.toml"),
            states: STATE_FILES.iter().map(|(name, text)| SourceFile::new(*name, *text)).collect(),
        }
    }

    /// The file with the given name, for editing in tests.
    pub fn file_mut(&mut self, name: &str) -> Option<&mut SourceFile> {
        [
            &mut self.framework_2024,
            &mut self.framework_2002,
            &mut self.crosswalk_2002,
            &mut self.cluster_content,
            &mut self.career_ready_practices,
            &mut self.industry_advisory_groups,
        ]
        .into_iter()
        .chain(self.states.iter_mut())
        .find(|f| f.name == name)
    }
}

/// One thing wrong in a definition file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// The entry concerned, e.g. `sub_clusters "web-cloud"`; empty for the file as a whole.
    pub entry: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.entry.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}: {}: {}", self.file, self.entry, self.message)
        }
    }
}

/// The framework definitions did not load; every problem found is listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub problems: Vec<Problem>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(f, "{n} problem{} in the framework definitions", if n == 1 { "" } else { "s" })?;
        for p in &self.problems {
            write!(f, "\n  {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File2024 {
    framework: FrameworkInfo,
    groupings: Vec<Grouping>,
    clusters: Vec<Cluster>,
    sub_clusters: Vec<SubCluster>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File2002 {
    framework: FrameworkInfo,
    clusters: Vec<Cluster2002>,
    pathways: Vec<Pathway2002>,
    #[serde(default)]
    perkins_iv_unmatched: Vec<PerkinsIvHeading>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileCrosswalk {
    rows: Vec<CrosswalkRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileContent {
    clusters: Vec<ContentEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContentEntry {
    cluster: String,
    specialized_skills: Vec<String>,
    software_skills: Vec<String>,
    sample_occupations: Vec<String>,
    emerging_occupations: Vec<String>,
    places_of_work: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FilePractices {
    practices: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileAdvisoryGroups {
    sectors: Vec<NaicsSector>,
    groups: Vec<IndustryAdvisoryGroup>,
}

/// Collects problems while loading.
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn report(&mut self, file: &str, entry: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            file: file.to_string(),
            entry: entry.into(),
            message: message.into(),
        });
    }

    fn parse<T: DeserializeOwned>(&mut self, file: &SourceFile) -> Option<T> {
        match toml::from_str(&file.text) {
            Ok(v) => Some(v),
            Err(e) => {
                // toml's message already shows the line, column and the offending text.
                let msg = e.to_string();
                self.report(&file.name, "", msg.trim_end().to_string());
                None
            }
        }
    }

    fn count(&mut self, file: &str, what: &str, found: usize, expected: usize) {
        if found != expected {
            self.report(file, "", format!("expected {expected} {what}, found {found}"));
        }
    }
}

fn entry(table: &str, id: &str) -> String {
    format!("{table} {id:?}")
}

pub(crate) fn load(sources: &Sources) -> Result<Framework, LoadError> {
    let mut ck = Checker { problems: Vec::new() };
    let f24: Option<File2024> = ck.parse(&sources.framework_2024);
    let f02: Option<File2002> = ck.parse(&sources.framework_2002);
    let fcw: Option<FileCrosswalk> = ck.parse(&sources.crosswalk_2002);
    let fct: Option<FileContent> = ck.parse(&sources.cluster_content);
    let fcrp: Option<FilePractices> = ck.parse(&sources.career_ready_practices);
    let fiag: Option<FileAdvisoryGroups> = ck.parse(&sources.industry_advisory_groups);
    let states: Vec<(String, Option<StateProfile>)> =
        sources.states.iter().map(|f| (f.name.clone(), ck.parse(f))).collect();
    let (Some(f24), Some(f02), Some(fcw), Some(fct), Some(fcrp), Some(fiag)) =
        (f24, f02, fcw, fct, fcrp, fiag)
    else {
        return Err(LoadError { problems: ck.problems });
    };
    let states: Vec<(String, StateProfile)> =
        states.into_iter().filter_map(|(n, s)| s.map(|s| (n, s))).collect();
    if !ck.problems.is_empty() {
        return Err(LoadError { problems: ck.problems });
    }

    let mut fw = Framework {
        info_2024: f24.framework,
        info_2002: f02.framework,
        groupings: f24.groupings,
        clusters: f24.clusters,
        sub_clusters: f24.sub_clusters,
        clusters_2002: f02.clusters,
        pathways_2002: f02.pathways,
        perkins_iv_unmatched: f02.perkins_iv_unmatched,
        crosswalk_2002: fcw.rows,
        career_ready_practices: fcrp.practices,
        naics_sectors: fiag.sectors,
        industry_advisory_groups: fiag.groups,
        states: Vec::new(),
        index: Index::default(),
    };
    for h in &mut fw.perkins_iv_unmatched {
        h.id = PerkinsIvHeading::id_for_code(&h.code);
    }

    let n24 = &sources.framework_2024.name;
    let n02 = &sources.framework_2002.name;
    check_2024_structure(&mut ck, &fw, n24);
    check_2002_structure(&mut ck, &fw, n02);
    build_ids(&mut ck, &mut fw, n24, n02);
    build_names(&mut ck, &mut fw, n24, n02);
    check_crosswalk(&mut ck, &fw, &sources.crosswalk_2002.name);
    attach_content(&mut ck, &mut fw, fct, &sources.cluster_content.name);
    check_practices(&mut ck, &fw, &sources.career_ready_practices.name);
    check_advisory_groups(&mut ck, &fw, &sources.industry_advisory_groups.name);
    for (name, profile) in states {
        check_state(&mut ck, &fw, &name, &profile);
        fw.states.push(profile);
    }

    if ck.problems.is_empty() { Ok(fw) } else { Err(LoadError { problems: ck.problems }) }
}

fn check_2024_structure(ck: &mut Checker, fw: &Framework, file: &str) {
    ck.count(file, "groupings", fw.groupings.len(), 6);
    ck.count(file, "clusters", fw.clusters.len(), 14);
    ck.count(file, "sub_clusters", fw.sub_clusters.len(), 72);
    ck.count(
        file,
        "cross-cutting clusters",
        fw.clusters.iter().filter(|c| c.cross_cutting).count(),
        3,
    );
    ck.count(
        file,
        "cross-cutting groupings",
        fw.groupings.iter().filter(|g| g.cross_cutting).count(),
        1,
    );
    for c in &fw.clusters {
        match fw.groupings.iter().find(|g| g.id == c.grouping) {
            None => ck.report(
                file,
                entry("clusters", &c.id),
                format!("grouping {:?} is not the id of any [[groupings]] entry", c.grouping),
            ),
            Some(g) if g.cross_cutting != c.cross_cutting => ck.report(
                file,
                entry("clusters", &c.id),
                format!(
                    "cross_cutting is {} but its grouping {:?} has cross_cutting = {}; cross-cutting clusters are exactly those of the cross-cutting grouping",
                    c.cross_cutting, g.id, g.cross_cutting
                ),
            ),
            Some(_) => {}
        }
        if c.caption.trim().is_empty() {
            ck.report(file, entry("clusters", &c.id), "caption is empty");
        }
        if !fw.sub_clusters.iter().any(|s| s.cluster == c.id) {
            ck.report(file, entry("clusters", &c.id), "has no sub-clusters");
        }
    }
    for g in &fw.groupings {
        if !fw.clusters.iter().any(|c| c.grouping == g.id) {
            ck.report(file, entry("groupings", &g.id), "has no clusters");
        }
    }
    for s in &fw.sub_clusters {
        if !fw.clusters.iter().any(|c| c.id == s.cluster) {
            ck.report(
                file,
                entry("sub_clusters", &s.id),
                format!("cluster {:?} is not the id of any [[clusters]] entry", s.cluster),
            );
        }
    }
}

fn check_2002_structure(ck: &mut Checker, fw: &Framework, file: &str) {
    ck.count(file, "clusters", fw.clusters_2002.len(), 16);
    ck.count(file, "pathways", fw.pathways_2002.len(), 79);
    for p in &fw.pathways_2002 {
        if !fw.clusters_2002.iter().any(|c| c.id == p.cluster) {
            ck.report(
                file,
                entry("pathways", &p.id),
                format!("cluster {:?} is not the id of any [[clusters]] entry", p.cluster),
            );
        }
    }
    for h in &fw.perkins_iv_unmatched {
        if !fw.clusters_2002.iter().any(|c| c.id == h.cluster) {
            ck.report(
                file,
                format!("perkins_iv_unmatched {:?}", h.code),
                format!("cluster {:?} is not the id of any [[clusters]] entry", h.cluster),
            );
        }
    }
    for c in &fw.clusters_2002 {
        if !fw.pathways_2002.iter().any(|p| p.cluster == c.id) {
            ck.report(file, entry("clusters", &c.id), "has no pathways");
        }
    }
}

/// Registers every id, checking form, uniqueness and the slug rule.
fn build_ids(ck: &mut Checker, fw: &mut Framework, n24: &str, n02: &str) {
    let mut by_id: HashMap<String, EntityRef> = HashMap::new();
    let mut by_perkins: HashMap<String, EntityRef> = HashMap::new();
    let mut add = |ck: &mut Checker,
                   file: &str,
                   table: &str,
                   id: &str,
                   expected: Vec<String>,
                   r: EntityRef| {
        if !is_valid_id(id) {
            ck.report(
                file,
                entry(table, id),
                "an id is lower-case letters, digits and hyphens (a slug of the name)",
            );
        } else if !expected.is_empty() && !expected.iter().any(|e| e == id) {
            ck.report(
                file,
                entry(table, id),
                format!(
                    "the id must be the slug of the name or of an alias, e.g. {:?}",
                    expected[0]
                ),
            );
        }
        if by_id.insert(id.to_string(), r).is_some() {
            ck.report(file, entry(table, id), "this id is used by another entity");
        }
    };
    let spellings = |name: &str, aliases: &[String], prefix: &str| -> Vec<String> {
        std::iter::once(name)
            .chain(aliases.iter().map(String::as_str))
            .map(|n| format!("{prefix}{}", slug(n)))
            .collect()
    };
    for (i, g) in fw.groupings.iter().enumerate() {
        let exp = spellings(&g.name, &g.aliases, "");
        add(ck, n24, "groupings", &g.id, exp, EntityRef { kind: EntityKind::Grouping, index: i });
    }
    for (i, c) in fw.clusters.iter().enumerate() {
        let exp = spellings(&c.name, &c.aliases, "");
        add(ck, n24, "clusters", &c.id, exp, EntityRef { kind: EntityKind::Cluster, index: i });
    }
    for (i, s) in fw.sub_clusters.iter().enumerate() {
        let exp = spellings(&s.name, &s.aliases, "");
        let r = EntityRef { kind: EntityKind::SubCluster, index: i };
        add(ck, n24, "sub_clusters", &s.id, exp, r);
    }
    for (i, c) in fw.clusters_2002.iter().enumerate() {
        let exp = spellings(&c.name, &c.aliases, "2002-");
        add(ck, n02, "clusters", &c.id, exp, EntityRef { kind: EntityKind::Cluster2002, index: i });
    }
    for (i, p) in fw.pathways_2002.iter().enumerate() {
        let exp = spellings(&p.name, &p.aliases, &format!("{}--", p.cluster));
        let r = EntityRef { kind: EntityKind::Pathway2002, index: i };
        add(ck, n02, "pathways", &p.id, exp, r);
        if let Some(code) = &p.perkins_iv
            && by_perkins.insert(code.clone(), r).is_some()
        {
            ck.report(n02, entry("pathways", &p.id), format!("perkins_iv {code:?} is used twice"));
        }
    }
    for (i, h) in fw.perkins_iv_unmatched.iter().enumerate() {
        let r = EntityRef { kind: EntityKind::PerkinsIvHeading, index: i };
        add(ck, n02, "perkins_iv_unmatched", &h.id, Vec::new(), r);
        if by_perkins.insert(h.code.clone(), r).is_some() {
            ck.report(
                n02,
                format!("perkins_iv_unmatched {:?}", h.code),
                "this Perkins IV code is also given to a pathway",
            );
        }
    }
    let mut cluster_codes = HashSet::new();
    for c in &fw.clusters_2002 {
        if let Some(code) = &c.perkins_iv
            && !cluster_codes.insert(code.clone())
        {
            ck.report(n02, entry("clusters", &c.id), format!("perkins_iv {code:?} is used twice"));
        }
    }
    fw.index.by_id = by_id;
    fw.index.by_perkins_code = by_perkins;
}

/// Registers every name and alias by its key, checking that names identify one entity within
/// their scope.
fn build_names(ck: &mut Checker, fw: &mut Framework, n24: &str, n02: &str) {
    let mut by_key: HashMap<String, Vec<NameHit>> = HashMap::new();
    // Scope → key → (entity, spelling): the 2024 edition, the 2002 clusters, each 2002 cluster's
    // pathways.
    let mut scopes: HashMap<String, HashMap<String, (EntityRef, String)>> = HashMap::new();
    let mut pathway_in_cluster = HashMap::new();
    let mut pathway_in_cluster_base = HashMap::new();
    let mut by_base_key: HashMap<String, Vec<NameHit>> = HashMap::new();

    let mut entities: Vec<(EntityRef, String)> = Vec::new();
    entities.extend(
        (0..fw.groupings.len())
            .map(|i| (EntityRef { kind: EntityKind::Grouping, index: i }, "2024".to_string())),
    );
    entities.extend(
        (0..fw.clusters.len())
            .map(|i| (EntityRef { kind: EntityKind::Cluster, index: i }, "2024".to_string())),
    );
    entities.extend(
        (0..fw.sub_clusters.len())
            .map(|i| (EntityRef { kind: EntityKind::SubCluster, index: i }, "2024".to_string())),
    );
    entities.extend(
        (0..fw.clusters_2002.len())
            .map(|i| (EntityRef { kind: EntityKind::Cluster2002, index: i }, "2002".to_string())),
    );
    entities.extend(fw.pathways_2002.iter().enumerate().map(|(i, p)| {
        (EntityRef { kind: EntityKind::Pathway2002, index: i }, format!("2002 {}", p.cluster))
    }));
    entities.extend(fw.perkins_iv_unmatched.iter().enumerate().map(|(i, h)| {
        (EntityRef { kind: EntityKind::PerkinsIvHeading, index: i }, format!("2002 {}", h.cluster))
    }));

    for (r, scope) in entities {
        let e = fw.entity(r);
        let file = if e.edition() == Edition::Modern2024 { n24 } else { n02 };
        let table = match r.kind {
            EntityKind::Grouping => "groupings",
            EntityKind::Cluster | EntityKind::Cluster2002 => "clusters",
            EntityKind::SubCluster => "sub_clusters",
            EntityKind::Pathway2002 => "pathways",
            EntityKind::PerkinsIvHeading => "perkins_iv_unmatched",
        };
        let mut spellings: Vec<(&str, bool)> = Vec::new();
        if r.kind == EntityKind::PerkinsIvHeading {
            if let Entity::PerkinsIvHeading(h) = e
                && !h.title.is_empty()
            {
                spellings.push((&h.title, false));
            }
        } else {
            spellings.push((e.name(), false));
            spellings.extend(e.aliases().iter().map(|a| (a.as_str(), true)));
        }
        let seen_scope = scopes.entry(scope.clone()).or_default();
        let mut own_keys = HashSet::new();
        for (spelling, is_alias) in spellings {
            let key = name_key(spelling);
            if key.is_empty() {
                ck.report(
                    file,
                    entry(table, e.id()),
                    format!("the name {spelling:?} has no letters or digits"),
                );
                continue;
            }
            if !own_keys.insert(key.clone()) {
                continue; // an alias that only differs from another spelling in punctuation
            }
            match seen_scope.get(&key) {
                Some((other, other_spelling)) if *other != r => {
                    let o = fw.entity(*other);
                    ck.report(
                        file,
                        entry(table, e.id()),
                        format!(
                            "{spelling:?} also names {} {:?} (as {other_spelling:?}); a name must identify one entity",
                            o.kind().label(),
                            o.id()
                        ),
                    );
                }
                _ => {
                    seen_scope.insert(key.clone(), (r, spelling.to_string()));
                }
            }
            let base = base_key(&key).to_string();
            if let Some(cluster_id) = scope.strip_prefix("2002 ")
                && let Some(ci) = fw.clusters_2002.iter().position(|c| c.id == cluster_id)
            {
                pathway_in_cluster.entry((ci, key.clone())).or_insert(r);
                pathway_in_cluster_base.entry((ci, base.clone())).or_insert(r);
            }
            let hit = NameHit { entity: r, spelling: spelling.to_string(), is_alias };
            let base_hits = by_base_key.entry(base).or_default();
            if !base_hits.iter().any(|h| h.entity == r) {
                base_hits.push(hit.clone());
            }
            by_key.entry(key).or_default().push(hit);
        }
    }
    // Preference when one spelling names several entities (across editions or 2002 clusters):
    // 2024 before 2002, then by kind (grouping, cluster, sub-cluster, …), names before aliases,
    // then file order.
    for hits in by_key.values_mut().chain(by_base_key.values_mut()) {
        hits.sort_by_key(|h| (h.entity.kind, h.is_alias, h.entity.index));
    }
    fw.index.by_key = by_key;
    fw.index.by_base_key = by_base_key;
    fw.index.pathway_in_cluster = pathway_in_cluster;
    fw.index.pathway_in_cluster_base = pathway_in_cluster_base;
}

use crate::framework::Entity;

fn check_crosswalk(ck: &mut Checker, fw: &Framework, file: &str) {
    let mut from_seen: HashMap<&str, usize> = HashMap::new();
    for (i, row) in fw.crosswalk_2002.iter().enumerate() {
        let label = format!(
            "rows[{i}] ({} -> {})",
            row.from.as_deref().unwrap_or("none"),
            row.to.as_deref().unwrap_or("none")
        );
        if let Some(from) = &row.from {
            if fw.cluster_2002(from).is_none() {
                ck.report(file, &label, format!("from {from:?} is not the id of a 2002 cluster"));
            }
            *from_seen.entry(from).or_default() += 1;
        }
        if let Some(to) = &row.to
            && fw.cluster(to).is_none()
        {
            ck.report(file, &label, format!("to {to:?} is not the id of a 2024 cluster"));
        }
        for r in &row.related {
            if fw.cluster(r).is_none() {
                ck.report(file, &label, format!("related {r:?} is not the id of a 2024 cluster"));
            }
        }
        let shape_ok = match row.change {
            ChangeType::New => row.from.is_none() && row.to.is_some(),
            ChangeType::Removed => row.from.is_some() && row.to.is_none(),
            _ => row.from.is_some() && row.to.is_some(),
        };
        if !shape_ok {
            ck.report(
                file,
                &label,
                format!(
                    "change {:?} needs {}",
                    row.change.as_str(),
                    match row.change {
                        ChangeType::New => "a `to` and no `from`",
                        ChangeType::Removed => "a `from` and no `to`",
                        _ => "both `from` and `to`",
                    }
                ),
            );
        }
    }
    for c in &fw.clusters_2002 {
        match from_seen.get(c.id.as_str()).copied().unwrap_or(0) {
            1 => {}
            0 => ck.report(file, "", format!("the 2002 cluster {:?} has no row", c.id)),
            n => ck.report(
                file,
                "",
                format!("the 2002 cluster {:?} has {n} rows; one is expected", c.id),
            ),
        }
    }
    for c in &fw.clusters {
        if !fw.crosswalk_2002.iter().any(|r| r.to.as_deref() == Some(c.id.as_str())) {
            ck.report(file, "", format!("no row leads to the 2024 cluster {:?}", c.id));
        }
    }
}

fn attach_content(ck: &mut Checker, fw: &mut Framework, content: FileContent, file: &str) {
    let mut seen = HashSet::new();
    for e in content.clusters {
        let label = entry("clusters", &e.cluster);
        if !seen.insert(e.cluster.clone()) {
            ck.report(file, &label, "this cluster has two entries");
            continue;
        }
        let lists = [
            ("specialized_skills", &e.specialized_skills),
            ("software_skills", &e.software_skills),
            ("sample_occupations", &e.sample_occupations),
            ("emerging_occupations", &e.emerging_occupations),
            ("places_of_work", &e.places_of_work),
        ];
        for (name, list) in lists {
            let mut items = HashSet::new();
            for item in list {
                if item.trim().is_empty() {
                    ck.report(file, &label, format!("{name} has an empty item"));
                } else if !items.insert(item) {
                    ck.report(file, &label, format!("{name} lists {item:?} twice"));
                }
            }
        }
        match fw.clusters.iter_mut().find(|c| c.id == e.cluster) {
            None => ck.report(file, &label, "not the id of a 2024 cluster"),
            Some(c) => {
                c.content = ClusterContent {
                    specialized_skills: e.specialized_skills,
                    software_skills: e.software_skills,
                    sample_occupations: e.sample_occupations,
                    emerging_occupations: e.emerging_occupations,
                    places_of_work: e.places_of_work,
                }
            }
        }
    }
}

fn check_practices(ck: &mut Checker, fw: &Framework, file: &str) {
    ck.count(file, "practices", fw.career_ready_practices.len(), 12);
    let mut seen = HashSet::new();
    for p in &fw.career_ready_practices {
        if p.trim().is_empty() {
            ck.report(file, "", "a practice is empty");
        } else if !seen.insert(name_key(p)) {
            ck.report(file, format!("practice {p:?}"), "listed twice");
        }
    }
}

fn check_advisory_groups(ck: &mut Checker, fw: &Framework, file: &str) {
    ck.count(file, "sectors", fw.naics_sectors.len(), 20);
    for s in &fw.naics_sectors {
        if s.code.level() != NaicsLevel::Sector {
            ck.report(
                file,
                format!("sector {:?}", s.code.to_string()),
                "not a two-digit NAICS sector",
            );
        }
    }
    for sector in Naics::sectors() {
        if !fw.naics_sectors.iter().any(|s| s.code == sector) {
            ck.report(file, "", format!("the NAICS sector {sector} is missing from `sectors`"));
        }
    }
    let mut numbers = HashSet::new();
    for g in &fw.industry_advisory_groups {
        let label = format!("groups {} ({:?})", g.number, g.name);
        if !numbers.insert(g.number) {
            ck.report(file, &label, "this group number is used twice");
        }
        if fw.cluster(&g.cluster).is_none() {
            ck.report(
                file,
                &label,
                format!("cluster {:?} is not the id of a 2024 cluster", g.cluster),
            );
        }
        if g.naics.is_empty() {
            ck.report(file, &label, "lists no NAICS sectors");
        }
        for n in &g.naics {
            if n.level() != NaicsLevel::Sector {
                ck.report(file, &label, format!("{n} is not a two-digit NAICS sector"));
            }
        }
    }
    for sector in Naics::sectors() {
        if !fw.industry_advisory_groups.iter().any(|g| g.naics.contains(&sector)) {
            ck.report(
                file,
                "",
                format!("no group lists the NAICS sector {sector}, so it maps to no cluster"),
            );
        }
    }
}

fn check_state(ck: &mut Checker, fw: &Framework, file: &str, p: &StateProfile) {
    let code = &p.state.code;
    let expected_file = format!("{code}.toml");
    let stem = file.rsplit('/').next().unwrap_or(file);
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        ck.report(
            file,
            "state",
            format!("code {code:?} is not a two-letter upper-case state code"),
        );
    } else if stem != expected_file {
        ck.report(file, "state", format!("code {code:?} belongs in a file named {expected_file}"));
    }
    if fw.states.iter().any(|s| s.state.code == *code) {
        ck.report(file, "state", format!("a profile for {code} is already loaded"));
    }
    for c in &p.certifications {
        if fw.cluster(&c.cluster).is_none() {
            ck.report(
                file,
                format!("certifications {:?}", c.title),
                format!("cluster {:?} is not the id of a 2024 cluster", c.cluster),
            );
        }
    }
    if let Some(h) = &p.hshwid {
        for (name, def) in [
            ("high_skill", &h.high_skill),
            ("high_wage", &h.high_wage),
            ("in_demand", &h.in_demand),
        ] {
            check_definition(ck, file, &format!("hshwid.{name}"), def);
        }
    }
}

fn check_definition(ck: &mut Checker, file: &str, label: &str, def: &Definition) {
    if def.criteria.is_empty() {
        ck.report(file, label, "has no criteria");
    }
    for c in &def.criteria {
        match c {
            Criterion::OnTheJobTraining { any_of } if any_of.is_empty() => {
                ck.report(file, label, "on_the_job_training lists no values in any_of")
            }
            Criterion::Wage { threshold, .. } => {
                let year = threshold.year();
                if !(1990..=2100).contains(&year) {
                    ck.report(
                        file,
                        label,
                        format!("wage threshold year {year} is not a plausible year"),
                    );
                }
                match threshold {
                    WageThreshold::Amount { dollars, .. } if !is_positive(*dollars) => {
                        ck.report(file, label, "wage threshold dollars must be positive")
                    }
                    WageThreshold::PercentOf { percent, .. } if !is_positive(*percent) => {
                        ck.report(file, label, "wage threshold percent must be positive")
                    }
                    _ => {}
                }
            }
            Criterion::TopShare(t) if !(t.fraction > 0.0 && t.fraction <= 1.0) => ck.report(
                file,
                label,
                format!("top_share fraction {} must be in (0, 1]", t.fraction),
            ),
            Criterion::Minimum { at_least, .. } if !at_least.is_finite() => {
                ck.report(file, label, "minimum at_least must be a number")
            }
            _ => {}
        }
    }
}

/// False for zero, negatives and NaN.
fn is_positive(x: f64) -> bool {
    x.is_finite() && x > 0.0
}
