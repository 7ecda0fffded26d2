//! The detailed SOC 2018 occupations that a BLS aggregate code stands for.
//!
//! OEWS and the Employment Projections publish a dozen codes that are not SOC 2018 detailed
//! occupations, because the surveys cannot tell some detailed occupations apart. They come in
//! two shapes, and the mapping is derived from the SOC hierarchy and titles, never listed by
//! hand:
//!
//! * a SOC **broad** code used as if detailed (`13-1020` Buyers and Purchasing Agents): it
//!   stands for every detailed occupation in that broad group;
//! * a code **outside** SOC (`21-1018`, `25-9045`, `53-1047`): it stands for detailed
//!   occupations of the same broad group, chosen by title. A title with an `Except …` clause
//!   takes every occupation of the broad group but those the clause names (`Teaching
//!   Assistants, Except Postsecondary`); a title without one takes the occupations whose
//!   titles it spells out word for word (`Substance Abuse, Behavioral Disorder, and Mental
//!   Health Counselors` = `Substance Abuse and Behavioral Disorder Counselors` + `Mental
//!   Health Counselors`).

use std::collections::{BTreeMap, BTreeSet};

use trellis_framework::codes::{Soc, SocLevel};

/// SOC 2018 as the aggregate mapping needs it: every code with its title.
pub struct SocTitles<'a> {
    pub titles: &'a BTreeMap<Soc, String>,
}

/// Words that carry no meaning when comparing occupation titles.
const STOP_WORDS: &[&str] = &["and", "or", "of", "the", "in", "for", "to", "a", "an", "except"];

fn words(title: &str) -> BTreeSet<String> {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

impl SocTitles<'_> {
    fn detailed_in(&self, broad: Soc) -> impl Iterator<Item = (Soc, &str)> {
        self.titles
            .range(broad..)
            .take_while(move |(c, _)| c.broad() == broad)
            .filter(|(c, _)| c.level() == SocLevel::Detailed)
            .map(|(c, t)| (*c, t.as_str()))
    }

    /// The detailed occupations `code` (published with `title`) stands for; empty when the
    /// hierarchy and title do not determine them.
    pub fn expand(&self, code: Soc, title: &str) -> Vec<Soc> {
        let broad = code.broad();
        if code.level() == SocLevel::Broad && self.titles.contains_key(&code) {
            return self.detailed_in(code).map(|(c, _)| c).collect();
        }
        if self.titles.contains_key(&code) || !self.titles.contains_key(&broad) {
            return Vec::new();
        }
        let lower = title.to_lowercase();
        let except = lower.find("except").map(|i| words(&title[i + "except".len()..]));
        match except {
            Some(excluded) if !excluded.is_empty() => self
                .detailed_in(broad)
                .filter(|(_, t)| !excluded.is_subset(&words(t)))
                .map(|(c, _)| c)
                .collect(),
            _ => {
                let spelled = words(title);
                self.detailed_in(broad)
                    .filter(|(_, t)| words(t).is_subset(&spelled))
                    .map(|(c, _)| c)
                    .collect()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn soc(s: &str) -> Soc {
        s.parse().unwrap()
    }

    /// A slice of the SOC 2018 structure, titles as BLS publishes them.
    fn sample() -> BTreeMap<Soc, String> {
        [
            ("13-1020", "Buyers and Purchasing Agents"),
            ("13-1021", "Buyers and Purchasing Agents, Farm Products"),
            ("13-1022", "Wholesale and Retail Buyers, Except Farm Products"),
            ("13-1023", "Purchasing Agents, Except Wholesale, Retail, and Farm Products"),
            ("13-1030", "Claims Adjusters, Appraisers, Examiners, and Investigators"),
            ("13-1031", "Claims Adjusters, Examiners, and Investigators"),
            ("21-1010", "Counselors"),
            ("21-1011", "Substance Abuse and Behavioral Disorder Counselors"),
            ("21-1012", "Educational, Guidance, and Career Counselors and Advisors"),
            ("21-1013", "Marriage and Family Therapists"),
            ("21-1014", "Mental Health Counselors"),
            ("21-1015", "Rehabilitation Counselors"),
            ("21-1019", "Counselors, All Other"),
            ("25-9040", "Teaching Assistants"),
            (
                "25-9042",
                "Teaching Assistants, Preschool, Elementary, Middle, and Secondary School, Except Special Education",
            ),
            ("25-9043", "Teaching Assistants, Special Education"),
            ("25-9044", "Teaching Assistants, Postsecondary"),
            ("25-9049", "Teaching Assistants, All Other"),
        ]
        .into_iter()
        .map(|(c, t)| (soc(c), t.to_string()))
        .collect()
    }

    #[test]
    fn broad_code_stands_for_its_detailed_occupations() {
        let titles = sample();
        let s = SocTitles { titles: &titles };
        assert_eq!(
            s.expand(soc("13-1020"), "Buyers and Purchasing Agents"),
            vec![soc("13-1021"), soc("13-1022"), soc("13-1023")]
        );
    }

    #[test]
    fn title_spelled_out_picks_the_named_occupations() {
        let titles = sample();
        let s = SocTitles { titles: &titles };
        assert_eq!(
            s.expand(
                soc("21-1018"),
                "Substance Abuse, Behavioral Disorder, and Mental Health Counselors"
            ),
            vec![soc("21-1011"), soc("21-1014")]
        );
    }

    #[test]
    fn except_clause_removes_the_named_occupation_only() {
        let titles = sample();
        let s = SocTitles { titles: &titles };
        // "Postsecondary" must not knock out "... Secondary School ...".
        assert_eq!(
            s.expand(soc("25-9045"), "Teaching Assistants, Except Postsecondary"),
            vec![soc("25-9042"), soc("25-9043"), soc("25-9049")]
        );
    }

    #[test]
    fn detailed_code_or_unknown_broad_is_not_an_aggregate() {
        let titles = sample();
        let s = SocTitles { titles: &titles };
        assert!(s.expand(soc("13-1021"), "Buyers").is_empty());
        assert!(s.expand(soc("99-1011"), "Nothing").is_empty());
    }
}
