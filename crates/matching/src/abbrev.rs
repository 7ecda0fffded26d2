//! Abbreviations learned from the corpus itself: O*NET writes many titles as
//! "SNF RN (Skilled Nursing Facility Registered Nurse)", which teaches `snf` →
//! "skilled nursing facility" without a hand-made list.

use ahash::{AHashMap, AHashSet};

use crate::model::Corpus;
use crate::normalize::Normalizer;

const SKIP: &[&str] = &["and", "of", "the", "for", "in", "&", "to", "on"];

/// `(abbreviation, normalized expansion)` pairs found in the corpus's titles.
pub fn learn(corpus: &Corpus) -> Vec<(String, String)> {
    let base = Normalizer::new();
    // Words people also write in lower case are words, not abbreviations ("ART", "LEAD").
    let mut plain: AHashSet<String> = AHashSet::new();
    let mut counts: AHashMap<(String, String), u32> = AHashMap::new();
    for e in corpus.entries.iter().filter(|e| !e.kind.is_descriptive()) {
        for w in words(&e.text) {
            if !is_acronym(w) {
                plain.insert(w.to_ascii_lowercase());
            }
        }
        let Some((outer, inner)) = split(&e.text) else { continue };
        for (short, long) in [(outer, inner), (inner, outer)] {
            let long_words: Vec<&str> =
                words(long).filter(|w| !SKIP.contains(&w.to_ascii_lowercase().as_str())).collect();
            for a in words(short).filter(|w| is_acronym(w)) {
                if let Some(phrase) = expansion(a, &long_words) {
                    let norm = base.normalize(&phrase);
                    if !norm.is_empty() && norm.contains(' ') {
                        *counts.entry((a.to_ascii_lowercase(), norm)).or_default() += 1;
                    }
                }
            }
        }
    }
    let mut best: AHashMap<String, (String, u32)> = AHashMap::new();
    for ((abbr, exp), n) in counts {
        if plain.contains(&abbr) {
            continue;
        }
        let slot = best.entry(abbr).or_insert((String::new(), 0));
        if n > slot.1 || (n == slot.1 && exp < slot.0) {
            *slot = (exp, n);
        }
    }
    let mut out: Vec<(String, String)> = best.into_iter().map(|(a, (e, _))| (a, e)).collect();
    out.sort();
    out
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_ascii_alphanumeric() && c != '&').filter(|w| !w.is_empty())
}

fn is_acronym(w: &str) -> bool {
    (2..=6).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase())
}

fn split(text: &str) -> Option<(&str, &str)> {
    let t = text.trim_end().strip_suffix(')')?;
    let open = t.rfind('(')?;
    Some((&t[..open], &t[open + 1..]))
}

/// The run of consecutive words whose initials spell the acronym.
fn expansion(acronym: &str, long_words: &[&str]) -> Option<String> {
    let letters = acronym.as_bytes();
    let n = letters.len();
    if long_words.len() < n {
        return None;
    }
    (0..=long_words.len() - n).find_map(|start| {
        let run = &long_words[start..start + n];
        let ok = run
            .iter()
            .zip(letters)
            .all(|(w, &l)| w.as_bytes()[0].eq_ignore_ascii_case(&l) && !is_acronym(w));
        ok.then(|| run.join(" "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Domain, EntryKind, Target};

    #[test]
    fn learns_from_parenthetical_expansions() {
        let mut c = Corpus::new();
        c.add_target(Target {
            code: "29-1141.00".into(),
            domain: Domain::Occupation,
            title: "Registered Nurses".into(),
            soc: Some("29-1141".into()),
            employment: None,
            cluster: None,
            sub_cluster: None,
        });
        c.add_entry(
            Domain::Occupation,
            "29-1141.00",
            EntryKind::AltTitle,
            "SNF Nurse (Skilled Nursing Facility Nurse)",
        );
        c.add_entry(Domain::Occupation, "29-1141.00", EntryKind::AltTitle, "Art Nurse (ART Nurse)");
        let learned = learn(&c);
        assert!(
            learned.contains(&("snf".into(), "skilled nursing facility".into())),
            "{learned:?}"
        );
        assert!(!learned.iter().any(|(a, _)| a == "art"));
    }
}
