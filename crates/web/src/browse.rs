//! The browse-all listings: every occupation and every program, filtered and sorted the same
//! way for the page and for its download, so that a file holds exactly the rows shown.

use std::collections::HashMap;

use serde::Deserialize;
use trellis_framework::Framework;

use crate::data::catalog::{Catalog, Occupation, Program, Wages};
use crate::data::state_figures::AreaWages;
use crate::error::Problem;
use crate::hshwid::Flags;
use crate::query::urlencode;

/// The longest text filter accepted (the search box allows the same).
pub const MAX_TEXT: usize = 200;

/// BLS entry-education categories, least to most: the order of the filter and of the sort.
pub const EDUCATION_ORDER: [&str; 8] = [
    "No formal educational credential",
    "High school diploma or equivalent",
    "Some college, no degree",
    "Postsecondary nondegree award",
    "Associate's degree",
    "Bachelor's degree",
    "Master's degree",
    "Doctoral or professional degree",
];

fn education_rank(e: Option<&str>) -> usize {
    e.and_then(|e| EDUCATION_ORDER.iter().position(|x| *x == e)).unwrap_or(EDUCATION_ORDER.len())
}

/// What an occupation list can be sorted by (`?sort=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OccSort {
    Soc,
    Title,
    JobZone,
    Employment,
    Change,
    Openings,
    Pct10,
    Median,
    Education,
}

impl OccSort {
    pub const ALL: [OccSort; 9] = [
        OccSort::Soc,
        OccSort::Title,
        OccSort::JobZone,
        OccSort::Employment,
        OccSort::Change,
        OccSort::Openings,
        OccSort::Pct10,
        OccSort::Median,
        OccSort::Education,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OccSort::Soc => "soc",
            OccSort::Title => "title",
            OccSort::JobZone => "job_zone",
            OccSort::Employment => "employment",
            OccSort::Change => "change",
            OccSort::Openings => "openings",
            OccSort::Pct10 => "pct10",
            OccSort::Median => "median",
            OccSort::Education => "education",
        }
    }

    fn parse(s: &str) -> Option<OccSort> {
        OccSort::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Figures read best largest first; codes, titles and education in their natural order.
    pub fn default_descending(self) -> bool {
        matches!(
            self,
            OccSort::Employment
                | OccSort::Change
                | OccSort::Openings
                | OccSort::Pct10
                | OccSort::Median
        )
    }
}

/// The query of `/occupations` as the browser sends it: every value a string, because an
/// HTML form sends empty fields, which mean "no filter".
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OccQuery {
    pub q: Option<String>,
    pub cluster: Option<String>,
    pub sub_cluster: Option<String>,
    pub job_zone: Option<String>,
    pub education: Option<String>,
    pub state: Option<String>,
    /// `designated`: only occupations the chosen state designates HSHWID.
    pub hshwid: Option<String>,
    pub sort: Option<String>,
    /// `asc` or `desc`; absent: the sort's natural direction.
    pub dir: Option<String>,
}

/// The validated filters of an occupation list.
#[derive(Debug, Clone, Default)]
pub struct OccFilter {
    pub q: Option<String>,
    pub cluster: Option<String>,
    pub sub_cluster: Option<String>,
    pub job_zone: Option<u8>,
    pub education: Option<String>,
    pub state: Option<String>,
    pub designated_only: bool,
    pub sort: Option<OccSort>,
    pub descending: bool,
}

fn some(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Rejects ids that are not in the framework (the shared check of both listings).
fn check_ids(
    fw: &Framework,
    cluster: Option<&str>,
    sub: Option<&str>,
    q: Option<&str>,
) -> Result<(), Problem> {
    if let Some(c) = cluster
        && fw.cluster(c).is_none()
    {
        return Err(Problem::bad_request(format!(
            "There is no cluster with the id {c:?}; choose one from the list (the ids are at /api/v1/clusters)."
        )));
    }
    if let Some(s) = sub
        && fw.sub_cluster(s).is_none()
    {
        return Err(Problem::bad_request(format!(
            "There is no sub-cluster with the id {s:?}; choose one from the list (the ids are at /api/v1/sub-clusters)."
        )));
    }
    if let Some(q) = q
        && q.chars().count() > MAX_TEXT
    {
        return Err(Problem::bad_request(format!(
            "The text filter is limited to {MAX_TEXT} characters; shorten it."
        )));
    }
    Ok(())
}

impl OccQuery {
    pub fn validate(&self, fw: &Framework) -> Result<OccFilter, Problem> {
        check_ids(fw, some(&self.cluster), some(&self.sub_cluster), some(&self.q))?;
        let job_zone = match some(&self.job_zone) {
            None => None,
            Some(z) => match z.parse::<u8>() {
                Ok(n @ 1..=5) => Some(n),
                _ => {
                    return Err(Problem::bad_request(format!(
                        "job_zone must be a number from 1 to 5 (O*NET job zones), got {z:?}"
                    )));
                }
            },
        };
        let education = match some(&self.education) {
            None => None,
            Some(e) if EDUCATION_ORDER.contains(&e) => Some(e.to_owned()),
            Some(e) => {
                return Err(Problem::bad_request(format!(
                    "education must be one of the BLS entry-education categories ({}), got {e:?}",
                    EDUCATION_ORDER.join("; ")
                )));
            }
        };
        let state = crate::api::state_code(some(&self.state))?;
        let designated_only = match some(&self.hshwid) {
            None => false,
            Some("designated") if state.is_some() => true,
            Some("designated") => {
                return Err(Problem::bad_request(
                    "hshwid=designated needs a state: choose one (state=CT) to filter by its designations",
                ));
            }
            Some(h) => {
                return Err(Problem::bad_request(format!(
                    "hshwid takes the value designated, got {h:?}"
                )));
            }
        };
        let sort = match some(&self.sort) {
            None => None,
            Some(s) => Some(OccSort::parse(s).ok_or_else(|| {
                Problem::bad_request(format!(
                    "sort must be one of {}, got {s:?}",
                    OccSort::ALL.map(OccSort::as_str).join(", ")
                ))
            })?),
        };
        let descending = match some(&self.dir) {
            None => sort.is_some_and(OccSort::default_descending),
            Some("asc") => false,
            Some("desc") => true,
            Some(d) => {
                return Err(Problem::bad_request(format!("dir must be asc or desc, got {d:?}")));
            }
        };
        Ok(OccFilter {
            q: some(&self.q).map(str::to_owned),
            cluster: some(&self.cluster).map(str::to_owned),
            sub_cluster: some(&self.sub_cluster).map(str::to_owned),
            job_zone,
            education,
            state,
            designated_only,
            sort,
            descending,
        })
    }
}

impl OccFilter {
    /// The filters as a query string without the sort (for sort links, pages and downloads).
    pub fn filter_qs(&self) -> String {
        let zone = self.job_zone.map(|z| z.to_string());
        let mut parts = Vec::new();
        for (k, v) in [
            ("q", self.q.as_deref()),
            ("cluster", self.cluster.as_deref()),
            ("sub_cluster", self.sub_cluster.as_deref()),
            ("job_zone", zone.as_deref()),
            ("education", self.education.as_deref()),
            ("state", self.state.as_deref()),
            ("hshwid", self.designated_only.then_some("designated")),
        ] {
            if let Some(v) = v {
                parts.push(format!("{k}={}", urlencode(v)));
            }
        }
        parts.join("&")
    }

    /// The filters and the sort as a query string.
    pub fn full_qs(&self) -> String {
        let mut qs = self.filter_qs();
        if let Some(s) = self.sort {
            if !qs.is_empty() {
                qs.push('&');
            }
            qs.push_str(&format!("sort={}", s.as_str()));
            if self.descending != s.default_descending() {
                qs.push_str(if self.descending { "&dir=desc" } else { "&dir=asc" });
            }
        }
        qs
    }
}

/// Matches a text filter: a SOC or CIP code prefix, or every word somewhere in the title.
pub fn text_matches(q: &str, code: &str, title: &str) -> bool {
    if q.chars().all(|c| c.is_ascii_digit() || c == '-' || c == '.') {
        return code.starts_with(q);
    }
    let title = title.to_lowercase();
    q.to_lowercase().split_whitespace().all(|w| title.contains(w))
}

/// The figures an occupation row shows and sorts by: the state's wages when a state is chosen.
pub fn shown_wages<'a>(o: &'a Occupation, area: Option<&'a AreaWages>) -> Option<&'a Wages> {
    match area {
        Some(a) => a.get(&o.soc),
        None => o.wages.as_ref(),
    }
}

/// The occupations `f` selects, in its order (SOC code when unsorted).
pub fn occupations<'a>(
    cat: &'a Catalog,
    f: &OccFilter,
    area: Option<&AreaWages>,
    flags: Option<&HashMap<String, Flags>>,
) -> Vec<&'a Occupation> {
    let mut out: Vec<&Occupation> = cat
        .occupations
        .iter()
        .filter(|o| {
            f.q.as_deref().is_none_or(|q| text_matches(q, &o.soc, &o.title))
                && f.cluster.as_deref().is_none_or(|c| o.assignments.iter().any(|a| a.cluster == c))
                && f.sub_cluster.as_deref().is_none_or(|s| {
                    o.assignments.iter().any(|a| a.sub_cluster.as_deref() == Some(s))
                })
                && f.job_zone.is_none_or(|z| o.job_zone == Some(z))
                && f.education.as_deref().is_none_or(|e| {
                    o.projections.as_ref().and_then(|p| p.education.as_deref()) == Some(e)
                })
                && (!f.designated_only
                    || flags.and_then(|m| m.get(&o.soc)).and_then(|x| x.designated) == Some(true))
        })
        .collect();
    if let Some(sort) = f.sort {
        sort_occupations(&mut out, sort, f.descending, area);
    }
    out
}

fn sort_occupations(
    v: &mut [&Occupation],
    sort: OccSort,
    descending: bool,
    area: Option<&AreaWages>,
) {
    use std::cmp::Ordering;
    let num = |o: &Occupation| -> Option<f64> {
        let p = o.projections.as_ref();
        let w = shown_wages(o, area);
        match sort {
            OccSort::JobZone => o.job_zone.map(f64::from),
            OccSort::Employment => w.and_then(|w| w.employment.value),
            OccSort::Change => p.and_then(|p| p.change_pct),
            OccSort::Openings => p.and_then(|p| p.openings),
            OccSort::Pct10 => w.and_then(|w| w.pct10.value),
            OccSort::Median => w.and_then(|w| w.median.value),
            OccSort::Education => {
                Some(education_rank(p.and_then(|p| p.education.as_deref())) as f64)
            }
            OccSort::Soc | OccSort::Title => None,
        }
    };
    // Stable sorts on a list in SOC order: ties stay in code order; rows without the figure go
    // last in either direction, since "not published" is not a small number.
    match sort {
        OccSort::Soc => {
            if descending {
                v.reverse();
            }
        }
        OccSort::Title => {
            v.sort_by(|a, b| {
                let o = a.title.to_lowercase().cmp(&b.title.to_lowercase());
                if descending { o.reverse() } else { o }
            });
        }
        _ => v.sort_by(|a, b| match (num(a), num(b)) {
            (Some(x), Some(y)) => {
                let o = x.partial_cmp(&y).unwrap_or(Ordering::Equal);
                if descending { o.reverse() } else { o }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }),
    }
}

/// The query of `/programs`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ProgQuery {
    pub q: Option<String>,
    pub cluster: Option<String>,
    pub sub_cluster: Option<String>,
    /// A 2-digit CIP family (`51`).
    pub family: Option<String>,
}

/// The validated filters of the program list.
#[derive(Debug, Clone, Default)]
pub struct ProgFilter {
    pub q: Option<String>,
    pub cluster: Option<String>,
    pub sub_cluster: Option<String>,
    pub family: Option<String>,
}

impl ProgQuery {
    pub fn validate(&self, fw: &Framework) -> Result<ProgFilter, Problem> {
        check_ids(fw, some(&self.cluster), some(&self.sub_cluster), some(&self.q))?;
        if let Some(f) = some(&self.family)
            && !(f.len() == 2 && f.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(Problem::bad_request(format!(
                "family must be a 2-digit CIP family such as 51, got {f:?}"
            )));
        }
        Ok(ProgFilter {
            q: some(&self.q).map(str::to_owned),
            cluster: some(&self.cluster).map(str::to_owned),
            sub_cluster: some(&self.sub_cluster).map(str::to_owned),
            family: some(&self.family).map(str::to_owned),
        })
    }
}

impl ProgFilter {
    pub fn qs(&self) -> String {
        let mut parts = Vec::new();
        for (k, v) in [
            ("q", &self.q),
            ("cluster", &self.cluster),
            ("sub_cluster", &self.sub_cluster),
            ("family", &self.family),
        ] {
            if let Some(v) = v {
                parts.push(format!("{k}={}", urlencode(v)));
            }
        }
        parts.join("&")
    }
}

/// The occupations of a program that are detailed SOC occupations Trellis knows.
pub fn program_occupations<'a>(cat: &'a Catalog, p: &Program) -> Vec<&'a Occupation> {
    p.occupations.iter().filter_map(|s| cat.occupation(s)).collect()
}

/// Programs with at least one real SOC match that `f` selects, in CIP order (so grouped by
/// family).
pub fn programs<'a>(cat: &'a Catalog, f: &ProgFilter) -> Vec<&'a Program> {
    cat.programs
        .iter()
        .filter(|p| {
            p.occupations.iter().any(|s| cat.occupation(s).is_some())
                && f.family.as_deref().is_none_or(|fam| p.cip.starts_with(&format!("{fam}.")))
                && f.q.as_deref().is_none_or(|q| text_matches(q, &p.cip, &p.title))
                && f.cluster.as_deref().is_none_or(|c| p.assignments.iter().any(|a| a.cluster == c))
                && f.sub_cluster.as_deref().is_none_or(|s| {
                    p.assignments.iter().any(|a| a.sub_cluster.as_deref() == Some(s))
                })
        })
        .collect()
}

/// A CIP family title as published is in capitals; people read it better in title case.
pub fn family_title(s: &str) -> String {
    const SMALL: [&str; 9] = ["and", "of", "the", "or", "in", "for", "to", "a", "an"];
    let mut out = String::with_capacity(s.len());
    let mut word = String::new();
    let mut first = true;
    let flush = |word: &mut String, out: &mut String, first: &mut bool| {
        if word.is_empty() {
            return;
        }
        let lower = word.to_lowercase();
        if !*first && SMALL.contains(&lower.as_str()) {
            out.push_str(&lower);
        } else {
            let mut cs = lower.chars();
            if let Some(c) = cs.next() {
                out.extend(c.to_uppercase());
                out.push_str(cs.as_str());
            }
        }
        *first = false;
        word.clear();
    };
    for c in s.chars() {
        if c.is_alphanumeric() || c == '\'' {
            word.push(c);
        } else {
            flush(&mut word, &mut out, &mut first);
            out.push(c);
        }
    }
    flush(&mut word, &mut out, &mut first);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_filter_matches_codes_by_prefix_and_titles_by_words() {
        assert!(text_matches("15-12", "15-1252", "Software Developers"));
        assert!(!text_matches("15-13", "15-1252", "Software Developers"));
        assert!(text_matches("developers software", "15-1252", "Software Developers"));
        assert!(!text_matches("software nurse", "15-1252", "Software Developers"));
    }

    #[test]
    fn family_titles_read_as_titles() {
        assert_eq!(
            family_title("AGRICULTURAL/ANIMAL/PLANT/VETERINARY SCIENCE AND RELATED FIELDS"),
            "Agricultural/Animal/Plant/Veterinary Science and Related Fields"
        );
        assert_eq!(
            family_title("HEALTH PROFESSIONS AND RELATED PROGRAMS"),
            "Health Professions and Related Programs"
        );
    }

    #[test]
    fn query_validation_rejects_what_no_form_sends() {
        let fw = Framework::builtin();
        let q = |s: &str| -> OccQuery {
            serde_json::from_value(serde_json::json!({ "sort": s })).unwrap()
        };
        assert!(q("median").validate(fw).unwrap().descending);
        assert!(q("bogus").validate(fw).is_err());
        let zone: OccQuery = serde_json::from_value(serde_json::json!({"job_zone": "6"})).unwrap();
        assert!(zone.validate(fw).is_err());
        let empty: OccQuery =
            serde_json::from_value(serde_json::json!({"job_zone": "", "cluster": ""})).unwrap();
        let f = empty.validate(fw).unwrap();
        assert_eq!((f.job_zone, f.cluster), (None, None));
        let designated: OccQuery =
            serde_json::from_value(serde_json::json!({"hshwid": "designated"})).unwrap();
        assert!(designated.validate(fw).is_err(), "designated needs a state");
    }

    #[test]
    fn query_strings_round_trip_the_filters() {
        let f = OccFilter {
            q: Some("a&b".into()),
            cluster: Some("construction".into()),
            sort: Some(OccSort::Median),
            descending: false,
            ..OccFilter::default()
        };
        assert_eq!(f.filter_qs(), "q=a%26b&cluster=construction");
        assert_eq!(f.full_qs(), "q=a%26b&cluster=construction&sort=median&dir=asc");
    }
}
