//! What the index is built from: targets (occupations or programs) and the texts that name or
//! describe them. Nothing here knows about the database; `corpus` fills these from it.

use ahash::AHashMap;
use serde::Serialize;

/// What a query is coded to: an occupation (O*NET-SOC / SOC 2018) or a program (CIP 2020).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Domain {
    Occupation,
    Program,
}

impl Domain {
    pub fn as_str(self) -> &'static str {
        match self {
            Domain::Occupation => "occupation",
            Domain::Program => "program",
        }
    }
}

/// Where a text comes from; decides whether it is matched as a title or as descriptive text,
/// and how much a hit on it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// O*NET occupation title.
    Title,
    /// O*NET alternate title.
    AltTitle,
    /// O*NET short title (the abbreviated form of an alternate title).
    ShortTitle,
    /// O*NET sample of reported titles (what incumbents call their job).
    ReportedTitle,
    /// SOC 2018 title.
    SocTitle,
    /// CIP 2020 program title.
    CipTitle,
    /// A CIP 2020 illustrative example program name.
    CipExample,
    /// O*NET occupation description.
    Description,
    /// O*NET task statement.
    Task,
    /// SOC or CIP definition.
    Definition,
}

impl EntryKind {
    pub const ALL: [EntryKind; 10] = [
        EntryKind::Title,
        EntryKind::AltTitle,
        EntryKind::ShortTitle,
        EntryKind::ReportedTitle,
        EntryKind::SocTitle,
        EntryKind::CipTitle,
        EntryKind::CipExample,
        EntryKind::Description,
        EntryKind::Task,
        EntryKind::Definition,
    ];

    /// Descriptive text is matched as a bag of words per target, not as a title.
    pub fn is_descriptive(self) -> bool {
        matches!(self, EntryKind::Description | EntryKind::Task | EntryKind::Definition)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Title => "title",
            EntryKind::AltTitle => "alternate_title",
            EntryKind::ShortTitle => "short_title",
            EntryKind::ReportedTitle => "reported_title",
            EntryKind::SocTitle => "soc_title",
            EntryKind::CipTitle => "cip_title",
            EntryKind::CipExample => "cip_example",
            EntryKind::Description => "description",
            EntryKind::Task => "task",
            EntryKind::Definition => "definition",
        }
    }

    /// Words for the "why" of a match.
    pub fn describe(self) -> &'static str {
        match self {
            EntryKind::Title => "O*NET title",
            EntryKind::AltTitle => "O*NET alternate title",
            EntryKind::ShortTitle => "O*NET short title",
            EntryKind::ReportedTitle => "O*NET reported title",
            EntryKind::SocTitle => "SOC title",
            EntryKind::CipTitle => "CIP title",
            EntryKind::CipExample => "CIP example",
            EntryKind::Description => "description",
            EntryKind::Task => "task",
            EntryKind::Definition => "definition",
        }
    }

    pub fn parse(s: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// An occupation (O*NET-SOC code) or a program (CIP code) that queries are coded to.
#[derive(Debug, Clone, Serialize)]
pub struct Target {
    /// O*NET-SOC (`15-1252.00`), a SOC code when O*NET has none, or a CIP code (`48.0508`).
    pub code: String,
    pub domain: Domain,
    pub title: String,
    /// The SOC 2018 detailed code (`15-1252`) for occupations.
    pub soc: Option<String>,
    /// National employment, persons; the prior that breaks near-ties toward common jobs.
    pub employment: Option<f64>,
    /// Primary cluster and sub-cluster (framework ids), when the crosswalk is built.
    pub cluster: Option<String>,
    pub sub_cluster: Option<String>,
}

/// One text naming or describing a target.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Index into [`Corpus::targets`].
    pub target: u32,
    pub kind: EntryKind,
    pub text: String,
}

/// Targets and their texts, ready to be indexed.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub targets: Vec<Target>,
    pub entries: Vec<Entry>,
    by_code: AHashMap<(Domain, String), u32>,
}

impl Corpus {
    pub fn new() -> Corpus {
        Corpus::default()
    }

    /// Adds a target, or returns the existing one with the same code.
    pub fn add_target(&mut self, target: Target) -> u32 {
        let key = (target.domain, target.code.clone());
        if let Some(&i) = self.by_code.get(&key) {
            return i;
        }
        let i = self.targets.len() as u32;
        self.targets.push(target);
        self.by_code.insert(key, i);
        i
    }

    pub fn target_index(&self, domain: Domain, code: &str) -> Option<u32> {
        self.by_code.get(&(domain, code.to_string())).copied()
    }

    pub fn target_mut(&mut self, domain: Domain, code: &str) -> Option<&mut Target> {
        let i = self.target_index(domain, code)?;
        Some(&mut self.targets[i as usize])
    }

    /// Adds a text for the target with this code; returns false when the code is unknown.
    pub fn add_entry(&mut self, domain: Domain, code: &str, kind: EntryKind, text: &str) -> bool {
        let text = text.trim();
        if text.is_empty() {
            return true;
        }
        match self.target_index(domain, code) {
            Some(target) => {
                self.entries.push(Entry { target, kind, text: text.to_string() });
                true
            }
            None => false,
        }
    }

    /// Test corpora: an occupation (`NN-NNNN.00`) with its alternate titles.
    #[cfg(test)]
    pub(crate) fn add_test_occupations(&mut self, employment: f64, rows: &[(&str, &str, &[&str])]) {
        for &(soc, title, alts) in rows {
            let code = format!("{soc}.00");
            self.add_target(Target {
                code: code.clone(),
                domain: Domain::Occupation,
                title: title.into(),
                soc: Some(soc.into()),
                employment: Some(employment),
                cluster: None,
                sub_cluster: None,
            });
            for alt in alts {
                self.add_entry(Domain::Occupation, &code, EntryKind::AltTitle, alt);
            }
        }
    }
}
