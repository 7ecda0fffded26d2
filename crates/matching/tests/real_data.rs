//! The matcher on the official O*NET, SOC and CIP files (needs TRELLIS_TEST_DATA).

mod common;

use std::path::PathBuf;

use common::official_files::from_files;
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
