//! The matcher on the official O*NET, SOC and CIP files (needs TRELLIS_TEST_DATA).

mod common;

use std::path::PathBuf;

use common::official_files::{self, from_files};
use trellis_matching::{Domain, Matcher};

fn data_dir(test: &str) -> Option<PathBuf> {
    match std::env::var_os("TRELLIS_TEST_DATA") {
        Some(d) => Some(PathBuf::from(d)),
        None => {
            eprintln!("SKIPPED: {test} needs TRELLIS_TEST_DATA");
            None
        }
    }
}

#[test]
fn codes_common_titles_and_programs() {
    let Some(dir) = data_dir("codes_common_titles_and_programs") else { return };
    let source = from_files(&dir);
    let m = Matcher::build(&source.corpus);
    let stats = m.stats();
    assert!(stats.occupation_entries > 40_000, "{stats:?}");
    assert!(stats.approx_bytes < 200_000_000, "{stats:?}");
    for (query, soc) in [
        ("cnc machinist", "51-4041"),
        ("Registered Nurse", "29-1141"),
        ("Sr. Software Engineer - Remote", "15-1252"),
        ("CDL-A Truck Driver - $1,500 Sign-On Bonus", "53-3032"),
        ("forklift operator 2nd shift", "53-7051"),
        ("Cashier (Part-Time)", "41-2011"),
        ("Electrician Journeyman", "47-2111"),
        ("HVAC Tech", "49-9021"),
        ("Waitress", "35-3031"),
        ("Preschool Teacher", "25-2011"),
        // Words that are posting noise at the end of a title but part of these titles.
        ("Travel Agent", "41-3041"),
        ("Home Health Aide", "31-1121"),
        ("Data Entry Clerk", "43-9021"),
        ("New Accounts Clerk", "43-4141"),
        ("Customer Service Rep - Work From Home", "43-4051"),
        // Titles several occupations list: the one employing most people leads.
        ("Crew Member", "35-3023"),
        ("Host/Hostess", "35-9031"),
        ("Fitness Instructor", "39-9031"),
        ("Tire Technician", "49-3093"),
        ("Administrative Assistant", "43-6014"),
    ] {
        let hits = m.search_with(query, Domain::Occupation, 3, false);
        assert_eq!(hits.first().and_then(|c| c.soc.as_deref()), Some(soc), "{query}: {hits:?}");
    }
    for (query, cip) in [("welding technology", "48.0508"), ("Registered Nursing", "51.3801")] {
        let hits = m.search_with(query, Domain::Program, 3, false);
        assert_eq!(hits.first().map(|c| c.code.as_str()), Some(cip), "{query}: {hits:?}");
    }
}

#[test]
fn titles_onet_lists_are_coded_to_a_listing_code() {
    let Some(dir) = data_dir("titles_onet_lists_are_coded_to_a_listing_code") else { return };
    let source = from_files(&dir);
    let m = Matcher::build(&source.corpus);
    // Every 25th alternate title; a title several occupations list counts for any of them.
    let mut listed: std::collections::HashMap<String, Vec<String>> = Default::default();
    for r in &source.rows {
        listed.entry(r.text.clone()).or_default().push(r.code[..7].to_string());
    }
    let sample: Vec<_> = source.rows.iter().step_by(25).collect();
    let ok = sample
        .iter()
        .filter(|r| {
            let got = m.code(&r.text, Domain::Occupation).best;
            got.and_then(|t| m.targets()[t as usize].soc.clone())
                .is_some_and(|soc| listed[&r.text].contains(&soc))
        })
        .count();
    let share = ok as f64 / sample.len() as f64;
    assert!(share >= 0.95, "{ok} of {} listed titles coded to a listing code", sample.len());
}

#[test]
fn codes_employer_written_titles() {
    let Some(dir) = data_dir("codes_employer_written_titles") else { return };
    let m = Matcher::build(&from_files(&dir).corpus);
    let titles = official_files::employer_titles();
    assert!(titles.len() >= 100, "{} titles", titles.len());
    let misses: Vec<String> = titles
        .iter()
        .filter_map(|(text, labels)| {
            let got = m.code(text, Domain::Occupation).best;
            let soc = got.and_then(|t| m.targets()[t as usize].soc.clone()).unwrap_or_default();
            (!labels.contains(&soc)).then(|| format!("{text} → {soc} (want {})", labels.join("|")))
        })
        .collect();
    // 133 of 137 at the time of writing; the floor leaves room for a few changed readings.
    assert!(misses.len() * 10 <= titles.len(), "{} misses: {misses:#?}", misses.len());
}
