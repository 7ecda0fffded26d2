//! Technology, skill and knowledge mentions in posting text, for the "high-demand skills by
//! cluster" tables: O*NET technology examples (hot technologies flagged), O*NET skill and
//! knowledge element names, and the framework's per-cluster specialized and software skills.
//!
//! Names are matched as whole word sequences after a light normalization that keeps the
//! symbols of technology names (`C++`, `C#`, `.NET`, `Node.js`), longest name first.

use ahash::{AHashMap, AHashSet};
use rusqlite::Connection;
use serde::Serialize;

/// Where a name comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum SkillKind {
    /// An O*NET technology skill flagged "Hot Technology".
    HotTechnology,
    /// An O*NET technology skill example.
    Technology,
    /// An O*NET skill element (e.g. "Critical Thinking").
    Skill,
    /// An O*NET knowledge element (e.g. "Customer and Personal Service").
    Knowledge,
    /// A skill the framework lists for a cluster (Advance CTE technical report appendix).
    FrameworkSkill,
}

impl SkillKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SkillKind::HotTechnology => "hot_technology",
            SkillKind::Technology => "technology",
            SkillKind::Skill => "skill",
            SkillKind::Knowledge => "knowledge",
            SkillKind::FrameworkSkill => "framework_skill",
        }
    }
}

/// One nameable skill or technology.
#[derive(Debug, Clone, Serialize)]
pub struct Skill {
    pub name: String,
    pub kind: SkillKind,
}

/// The names to look for, compiled for fast scanning.
#[derive(Debug, Default)]
pub struct SkillDictionary {
    skills: Vec<Skill>,
    phrases: AHashMap<String, u32>,
    first_words: AHashSet<String>,
    max_words: usize,
}

/// Names too common as plain words to count as a mention on their own.
const AMBIGUOUS: &[&str] = &[
    "word",
    "access",
    "project",
    "teams",
    "go",
    "r",
    "c",
    "d",
    "j",
    "e",
    "office",
    "windows",
    "email",
    "internet",
    "outlook",
    "dynamics",
    "basic",
    "sage",
    "box",
    "slack",
    "zoom",
    "chef",
    "puppet",
    "spark",
    "hive",
    "pig",
    "flash",
    "shark",
    "compass",
    "maps",
    "notes",
    "live",
    "wave",
    "edge",
    "connect",
    "reports",
    "time",
    "gusto",
    "workday",
    "mathematics",
    "sales",
    "writing",
    "speaking",
    "monitoring",
    "coordination",
    "persuasion",
    "negotiation",
    "instructing",
    "programming",
    "science",
];

impl SkillDictionary {
    pub fn new() -> SkillDictionary {
        SkillDictionary::default()
    }

    /// Adds a name; the first kind given for a name wins (add hot technologies first).
    pub fn add(&mut self, name: &str, kind: SkillKind) {
        let norm = normalize_skill(name);
        if norm.is_empty() || AMBIGUOUS.contains(&norm.as_str()) {
            return;
        }
        if norm.len() < 3 && !norm.contains(['+', '#']) {
            return;
        }
        if self.phrases.contains_key(&norm) {
            return;
        }
        let id = self.skills.len() as u32;
        self.skills.push(Skill { name: name.trim().to_string(), kind });
        let words = norm.split(' ').count();
        self.max_words = self.max_words.max(words);
        if let Some(first) = norm.split(' ').next() {
            self.first_words.insert(first.to_string());
        }
        self.phrases.insert(norm, id);
    }

    /// Adds `alias` as another way of writing an existing skill.
    fn alias(&mut self, alias: &str, of: &str) {
        let norm = normalize_skill(alias);
        if norm.len() < 3 || AMBIGUOUS.contains(&norm.as_str()) || self.phrases.contains_key(&norm)
        {
            return;
        }
        if let Some(&id) = self.phrases.get(&normalize_skill(of)) {
            if let Some(first) = norm.split(' ').next() {
                self.first_words.insert(first.to_string());
            }
            self.max_words = self.max_words.max(norm.split(' ').count());
            self.phrases.insert(norm, id);
        }
    }

    pub fn skills(&self) -> &[Skill] {
        &self.skills
    }

    pub fn len(&self) -> usize {
        self.skills.len()
    }

    pub fn is_empty(&self) -> bool {
        self.skills.is_empty()
    }

    /// The distinct skills mentioned in `text`, by id into [`SkillDictionary::skills`].
    pub fn find(&self, text: &str, out: &mut Vec<u32>) {
        out.clear();
        let norm = normalize_skill(text);
        let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
        let mut buf = String::new();
        let mut i = 0;
        while i < words.len() {
            let mut step = 1;
            if self.first_words.contains(words[i]) {
                for len in (1..=self.max_words.min(words.len() - i)).rev() {
                    buf.clear();
                    for (k, w) in words[i..i + len].iter().enumerate() {
                        if k > 0 {
                            buf.push(' ');
                        }
                        buf.push_str(w);
                    }
                    if let Some(&id) = self.phrases.get(buf.as_str()) {
                        if !out.contains(&id) {
                            out.push(id);
                        }
                        step = len;
                        break;
                    }
                }
            }
            i += step;
        }
    }

    /// The dictionary from the database (O*NET technology, skills, knowledge) and the
    /// framework's per-cluster skill lists.
    pub fn from_db(conn: &Connection) -> rusqlite::Result<SkillDictionary> {
        let mut d = SkillDictionary::new();
        let exists = |name: &str| -> rusqlite::Result<bool> {
            conn.query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [name],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n > 0)
        };
        if exists("onet_technology")? {
            let mut stmt = conn.prepare(
                "SELECT example, max(hot) FROM onet_technology GROUP BY example ORDER BY max(hot) DESC, example",
            )?;
            let rows: Vec<(String, i64)> =
                stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
            for (name, hot) in &rows {
                let kind = if *hot == 1 { SkillKind::HotTechnology } else { SkillKind::Technology };
                d.add(name, kind);
            }
            for (name, _) in &rows {
                d.technology_aliases(name);
            }
        }
        for (table, kind) in
            [("onet_skill", SkillKind::Skill), ("onet_knowledge", SkillKind::Knowledge)]
        {
            if exists(table)? {
                let mut stmt =
                    conn.prepare(&format!("SELECT DISTINCT element_name FROM {table} ORDER BY 1"))?;
                let names: Vec<String> =
                    stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
                for n in names {
                    d.add(&n, kind);
                }
            }
        }
        d.add_framework_skills();
        Ok(d)
    }

    /// Adds every cluster's specialized and software skills from the framework definitions.
    pub fn add_framework_skills(&mut self) {
        let fw = trellis_framework::Framework::builtin();
        for c in &fw.clusters {
            for s in c.content.specialized_skills.iter().chain(&c.content.software_skills) {
                self.add(s, SkillKind::FrameworkSkill);
            }
        }
    }

    /// "Microsoft Excel" is written "Excel"; "SAP software" is written "SAP".
    fn technology_aliases(&mut self, name: &str) {
        if let Some(rest) = name.strip_prefix("Microsoft ") {
            self.alias(rest, name);
        }
        let bare = name.strip_suffix(" software").unwrap_or(name);
        if bare != name {
            self.alias(bare, name);
        }
        // "Oracle Java" is written "Java"; "Structured query language SQL" is written "SQL".
        const VENDORS: &[&str] = &[
            "Oracle ",
            "Apple ",
            "Google ",
            "Adobe ",
            "IBM ",
            "Amazon ",
            "Autodesk ",
            "Salesforce ",
        ];
        for v in VENDORS {
            if let Some(rest) = bare.strip_prefix(v) {
                self.alias(rest, name);
            }
        }
        // Only when the words before spell the acronym ("Amazon Web Services AWS").
        let words: Vec<&str> = bare.split(' ').collect();
        if let Some((last, before)) = words.split_last()
            && last.len() >= 3
            && last.bytes().all(|b| b.is_ascii_uppercase())
        {
            let initials: String = before
                .iter()
                .filter_map(|w| w.chars().next())
                .map(|c| c.to_ascii_uppercase())
                .collect();
            if initials.ends_with(last) {
                self.alias(last, name);
            }
        }
    }
}

/// Lower case; words split on anything but letters, digits and the symbols technology names
/// use inside words (`+`, `#`, and `.` between letters).
pub fn normalize_skill(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let keep = c.is_alphanumeric()
            || ((c == '+' || c == '#') && i > 0 && chars[i - 1].is_alphanumeric()
                || c == '+' && i > 0 && chars[i - 1] == '+')
            || (c == '.'
                && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric())
                && (i == 0 || !chars[i - 1].is_alphanumeric() || chars[i - 1].is_alphabetic()));
        if keep {
            for l in c.to_lowercase() {
                out.push(l);
            }
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_longest_names_once() {
        let mut d = SkillDictionary::new();
        d.add("Microsoft Excel", SkillKind::HotTechnology);
        d.technology_aliases("Microsoft Excel");
        d.add("Python", SkillKind::HotTechnology);
        d.add("C++", SkillKind::Technology);
        d.add("Critical Thinking", SkillKind::Skill);
        d.add("Word", SkillKind::Technology);
        let mut out = Vec::new();
        d.find(
            "Must know Python and C++; strong critical thinking. Excel a plus, Microsoft Excel preferred. Word.",
            &mut out,
        );
        let names: Vec<&str> = out.iter().map(|&i| d.skills()[i as usize].name.as_str()).collect();
        assert_eq!(names, ["Python", "C++", "Critical Thinking", "Microsoft Excel"]);
    }

    #[test]
    fn normalization_keeps_technology_symbols() {
        assert_eq!(normalize_skill("C#, .NET and Node.js!"), "c# .net and node.js");
        assert_eq!(normalize_skill("end."), "end");
    }
}
