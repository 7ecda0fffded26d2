//! The code types against the official classification files: every SOC 2018 code parses, its
//! level is the one BLS gives it, and its parent is in the file. Needs `TRELLIS_TEST_DATA`.

use std::collections::HashSet;
use std::path::PathBuf;

use trellis_framework::codes::{Soc, SocLevel};

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
fn soc_2018_levels_and_parents_match_bls() {
    let Some(dir) = data_dir("soc_2018_levels_and_parents_match_bls") else { return };
    let text = std::fs::read_to_string(dir.join("soc/soc_2018_definitions.tsv"))
        .expect("soc/soc_2018_definitions.tsv opens");
    let mut codes = Vec::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        let level = match f[0] {
            "Major" => SocLevel::Major,
            "Minor" => SocLevel::Minor,
            "Broad" => SocLevel::Broad,
            "Detailed" => SocLevel::Detailed,
            other => panic!("unknown SOC group {other:?}"),
        };
        let soc: Soc = f[1].parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(soc.level(), level, "{soc} ({})", f[2]);
        codes.push(soc);
    }
    assert_eq!(codes.len(), 1447);
    let known: HashSet<Soc> = codes.iter().copied().collect();
    for soc in &codes {
        if let Some(p) = soc.parent() {
            assert!(known.contains(&p), "the parent {p} of {soc} is not a SOC 2018 code");
            assert!(soc.is_within(p));
        }
        for up in [soc.major(), soc.minor(), soc.broad()] {
            if up.level() <= soc.level() {
                assert!(known.contains(&up), "{up} (above {soc}) is not a SOC 2018 code");
            }
        }
    }
}

#[test]
fn naics_2022_codes_parse_with_levels_and_parents() {
    use trellis_framework::codes::{Naics, NaicsLevel};
    let Some(dir) = data_dir("naics_2022_codes_parse_with_levels_and_parents") else { return };
    let text = std::fs::read_to_string(dir.join("naics/naics_2022_codes.tsv"))
        .expect("naics/naics_2022_codes.tsv opens");
    let mut codes = Vec::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        let n: Naics = f[1].trim().parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(n.to_string(), f[1].trim(), "canonical form");
        let level = match f[3].trim() {
            "Sector" => NaicsLevel::Sector,
            "Subsector" => NaicsLevel::Subsector,
            "Industry Group" => NaicsLevel::IndustryGroup,
            "NAICS Industry" => NaicsLevel::Industry,
            "National Industry" => NaicsLevel::NationalIndustry,
            other => panic!("unknown NAICS level {other:?}"),
        };
        assert_eq!(n.level(), level, "{n}");
        codes.push(n);
    }
    assert_eq!(codes.iter().filter(|n| n.level() == NaicsLevel::Sector).count(), 20);
    let known: HashSet<Naics> = codes.iter().copied().collect();
    for n in &codes {
        if let Some(p) = n.parent() {
            assert!(known.contains(&p), "the parent {p} of {n} is not a NAICS 2022 code");
        }
    }
    assert_eq!(Naics::sectors().filter(|s| known.contains(s)).count(), 20);
}

#[test]
fn cip_2020_codes_parse_with_levels_and_parents() {
    use trellis_framework::codes::Cip;
    let Some(dir) = data_dir("cip_2020_codes_parse_with_levels_and_parents") else { return };
    let mut rdr =
        csv::Reader::from_path(dir.join("cip/CIPCode2020.csv")).expect("cip/CIPCode2020.csv opens");
    let mut codes = Vec::new();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        // The NCES file wraps codes as ="01.0101" so that spreadsheets keep the zeros.
        let strict = rec[1].parse::<Cip>();
        assert!(strict.is_err(), "the wrapped form {:?} is not canonical", &rec[1]);
        let c = Cip::parse_lenient(&rec[1]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(strict.unwrap_err().hint, Some(c.to_string()));
        codes.push(c);
    }
    assert_eq!(codes.len(), 2848);
    let known: HashSet<Cip> = codes.iter().copied().collect();
    for c in &codes {
        if let Some(p) = c.parent() {
            assert!(known.contains(&p), "the parent {p} of {c} is not a CIP 2020 code");
        }
    }
}
