//! Facts only a correct read of the official files gives. Needs `TRELLIS_TEST_DATA`.

mod common;

use std::collections::{HashMap, HashSet};

use trellis_framework::codes::SocLevel;
use trellis_sources::{Data, Dataset, ErrorKind, Status, cip, discover, ep, nem, oews, read, soc};

#[test]
fn discovery_reads_each_dataset_once_and_prefers_originals() {
    let Some(dir) = common::data_dir("discovery_reads_each_dataset_once_and_prefers_originals")
    else {
        return;
    };
    let d = discover(&dir).unwrap();
    let by: HashMap<Dataset, Vec<&trellis_sources::Found>> =
        d.found.iter().fold(HashMap::new(), |mut m, f| {
            m.entry(f.dataset).or_default().push(f);
            m
        });
    for ds in Dataset::ALL {
        let n = by.get(ds).map_or(0, Vec::len);
        let expected = if *ds == Dataset::NemIndustry { 291 } else { 1 };
        assert_eq!(n, expected, "{ds}");
    }
    let name =
        |ds: Dataset| by[&ds][0].relative.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(name(Dataset::Cip), "CIPCode2020.csv");
    assert_eq!(name(Dataset::CipSoc), "CIP2020_SOC2018_Crosswalk.xlsx");
    assert_eq!(name(Dataset::Soc), "soc_2018_definitions.xlsx");
    assert_eq!(name(Dataset::OnetSkills), "Skills.txt");
    assert_eq!(
        name(Dataset::PerkinsIvTable4),
        "Perkins_IV_Crosswalk_Table_4_ONETs_in_Pathways.xls"
    );
    assert_eq!(
        name(Dataset::OewsState),
        "state_M2024_dl.reconstructed.csv",
        "the csv, as no state xlsx is present"
    );
    assert!(by[&Dataset::OewsState][0].derived);
    let skipped: HashSet<String> = d
        .skipped
        .iter()
        .map(|s| s.relative.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for f in [
        "CIPCode2020.clean.csv",
        "CIP2020_SOC2018_Crosswalk.CIP-SOC.csv",
        "soc_2018_definitions.tsv",
        "Skills.xlsx",
        "01.json",
    ] {
        assert!(skipped.contains(f), "{f} must be skipped");
    }
}

#[test]
fn flat_folder_of_downloads_is_found_by_name_and_header() {
    let Some(dir) = common::data_dir("flat_folder_of_downloads_is_found_by_name_and_header") else {
        return;
    };
    let flat = tempfile::tempdir().unwrap();
    // The agencies' own file names, all in one folder, no O*NET subfolder.
    let copies = [
        ("onet/Occupation Data.txt", "Occupation Data.txt"),
        ("onet/Read Me.txt", "Read Me.txt"),
        ("cip/CIPCode2020.clean.csv", "CIPCode2020.csv"),
        ("cip/CIP2020_SOC2018_Crosswalk.CIP-SOC.csv", "crosswalk-export.csv"),
        ("bls/oews_m2024/national_M2024_dl.xlsx", "national_M2024_dl.xlsx"),
        ("bls/ep_2024_34/occupation.xlsx", "occupation.xlsx"),
        (
            "bls/nem_2022_32_by_industry/National Employment Matrix_IND_541500.csv",
            "National Employment Matrix_IND_541500.csv",
        ),
        ("onet/Knowledge.txt", "renamed-ratings.txt"),
    ];
    for (from, to) in copies {
        std::fs::copy(dir.join(from), flat.path().join(to)).unwrap();
    }
    let d = discover(flat.path()).unwrap();
    let got: HashMap<Dataset, String> =
        d.found.iter().map(|f| (f.dataset, f.relative.to_string_lossy().into_owned())).collect();
    assert_eq!(got[&Dataset::OnetOccupationData], "Occupation Data.txt");
    assert_eq!(got[&Dataset::Cip], "CIPCode2020.csv");
    assert_eq!(got[&Dataset::CipSoc], "crosswalk-export.csv", "found by its header");
    assert_eq!(got[&Dataset::OewsNational], "national_M2024_dl.xlsx");
    assert_eq!(got[&Dataset::EpOccupation], "occupation.xlsx");
    assert_eq!(got[&Dataset::NemIndustry], "National Employment Matrix_IND_541500.csv");
    assert_eq!(got[&Dataset::OnetKnowledge], "renamed-ratings.txt", "found by its content");
    assert_eq!(d.found.len(), 7);
    for f in &d.found {
        let loaded = read(f).unwrap();
        assert!(loaded.info.rows > 0, "{}", f.relative.display());
    }
}

#[test]
fn soc_2018_has_the_published_counts() {
    let Some(dir) = common::data_dir("soc_2018_has_the_published_counts") else { return };
    for file in ["soc/soc_2018_definitions.xlsx", "soc/soc_2018_definitions.tsv"] {
        let t = soc::read_soc(&dir.join(file)).unwrap();
        let count = |l: SocLevel| t.rows.iter().filter(|r| r.level == l).count();
        assert_eq!(
            (
                count(SocLevel::Major),
                count(SocLevel::Minor),
                count(SocLevel::Broad),
                count(SocLevel::Detailed)
            ),
            (23, 98, 459, 867),
            "{file}"
        );
        assert_eq!(t.info.vintage, "2018");
        let sd = t.rows.iter().find(|r| r.code.to_string() == "15-1252").unwrap();
        assert_eq!(sd.title, "Software Developers");
        assert!(sd.definition.as_deref().unwrap().starts_with("Research, design, and develop"));
        assert!(
            t.rows.iter().filter(|r| r.level != SocLevel::Detailed).all(|r| r.definition.is_none())
        );
    }
}

#[test]
fn ep_table_1_2_software_developers() {
    let Some(dir) = common::data_dir("ep_table_1_2_software_developers") else { return };
    let (t, info) = ep::read_ep_occupation(&dir.join("bls/ep_2024_34/occupation.xlsx")).unwrap();
    assert_eq!(info.vintage, "2024-34");
    assert_eq!(t.occupations.len(), 832 + 281);
    let line_items = t.occupations.iter().filter(|o| o.occ_type == ep::LineType::LineItem);
    let total: f64 = line_items.map(|o| o.emp_base.get().unwrap()).sum();
    assert!((total - 169_956_100.0).abs() < 1_000.0, "line items add up to the total: {total}");
    let sd = t.occupations.iter().find(|o| o.soc.to_string() == "15-1252").unwrap();
    assert_eq!(sd.emp_base.get(), Some(1_693_800.0));
    assert_eq!(sd.median_wage.get(), Some(133_080.0));
    assert_eq!(sd.education.as_deref(), Some("Bachelor's degree"));
    let top: Vec<_> =
        t.occupations.iter().filter(|o| o.median_wage.status == Status::TopCoded).collect();
    assert_eq!(top.len(), 19, "cells published as >=$239,200");
    assert!(top.iter().all(|o| o.median_wage.value == Some(239_200.0)));
    assert_eq!(t.separations.len(), 1113);
    assert_eq!(t.industries.iter().filter(|i| i.ind_type == ep::LineType::LineItem).count(), 292);
    assert_eq!(t.industries.iter().filter(|i| i.ind_type == ep::LineType::Summary).count(), 131);
}

#[test]
fn cip_soc_crosswalk_keeps_no_match_rows_apart() {
    let Some(dir) = common::data_dir("cip_soc_crosswalk_keeps_no_match_rows_apart") else { return };
    let a = cip::read_cip_soc(&dir.join("cip/CIP2020_SOC2018_Crosswalk.xlsx")).unwrap().0;
    let b = cip::read_cip_soc(&dir.join("cip/CIP2020_SOC2018_Crosswalk.CIP-SOC.csv")).unwrap().0;
    assert_eq!(a, b, "the xlsx sheet and its CSV export read the same");
    assert!(
        a.pairs.iter().any(|p| p.cip.to_string() == "51.3801" && p.soc.to_string() == "29-1141")
    );
    assert!(
        !a.pairs.iter().any(|p| p.cip.to_string() == "99.9999" || p.soc.to_string() == "99-9999")
    );
    assert_eq!(a.unmatched_cip.len(), 194);
    assert_eq!(a.unmatched_soc.len(), 180);
    assert_eq!(a.pairs.len() + a.unmatched_cip.len() + a.unmatched_soc.len(), 6097);
}

#[test]
fn cip_both_forms_read_the_same() {
    let Some(dir) = common::data_dir("cip_both_forms_read_the_same") else { return };
    let a = cip::read_cip(&dir.join("cip/CIPCode2020.csv")).unwrap();
    let b = cip::read_cip(&dir.join("cip/CIPCode2020.clean.csv")).unwrap();
    assert_eq!(a.rows, b.rows);
    assert_eq!(a.rows.len(), 2848);
    let r = a.rows.iter().find(|r| r.code.to_string() == "51.3801").unwrap();
    assert_eq!(r.title, "Registered Nursing/Registered Nurse");
}

#[test]
fn oews_aggregates_top_codes_and_suppression() {
    let Some(dir) = common::data_dir("oews_aggregates_top_codes_and_suppression") else { return };
    let t = oews::read_oews(&dir.join("bls/oews_m2024/national_M2024_dl.xlsx")).unwrap();
    assert_eq!(t.info.vintage, "M2024");
    assert_eq!(t.rows.len(), 1403);
    let count = |g: oews::OGroup| t.rows.iter().filter(|r| r.o_group == g).count();
    assert_eq!((count(oews::OGroup::Detailed), count(oews::OGroup::Broad)), (831, 455));
    let buyers =
        t.rows.iter().find(|r| r.soc.to_string() == "13-1020").expect("OEWS aggregate kept");
    assert!(buyers.tot_emp.get().unwrap() > 0.0);
    let sd = t.rows.iter().find(|r| r.soc.to_string() == "15-1252").unwrap();
    assert_eq!(sd.annual.median.get(), Some(133_080.0), "equals EP Table 1.2");
    let mgmt = t.rows.iter().find(|r| r.soc.to_string() == "11-0000").unwrap();
    assert_eq!(mgmt.annual.pct90.status, Status::TopCoded);
    assert_eq!(mgmt.annual.pct90.value, Some(239_200.0), "threshold from the notes sheet");
    assert_eq!(mgmt.hourly.pct90.value, Some(115.0));

    let s = oews::read_oews(&dir.join("bls/oews_m2024/natsector_M2024_dl.xlsx")).unwrap();
    assert_eq!(s.rows.len(), 16_434);
    let sectors: HashSet<&str> = s.rows.iter().map(|r| r.naics.as_str()).collect();
    assert_eq!(sectors.len(), 20);
    assert!(sectors.contains("31-33") && sectors.contains("99"));
    let suppressed = s.rows.iter().filter(|r| r.tot_emp.status == Status::Suppressed).count();
    assert!(suppressed > 0);
    assert!(
        s.rows.iter().all(|r| r.tot_emp.status != Status::Ok || r.tot_emp.get().unwrap() > 0.0)
    );

    let st = oews::read_oews(&dir.join("bls/oews_m2024/state_M2024_dl.reconstructed.csv")).unwrap();
    assert_eq!(st.rows.len(), 35_427);
    assert!(st.rows.iter().all(|r| r.area_type == oews::AreaType::State));
    assert_eq!(st.rows.iter().map(|r| r.prim_state.as_str()).collect::<HashSet<_>>().len(), 51);
}

#[test]
fn national_employment_matrix_files() {
    let Some(dir) = common::data_dir("national_employment_matrix_files") else { return };
    let d = discover(&dir.join("bls/nem_2022_32_by_industry")).unwrap();
    let (mut rows, mut line_items) = (0, 0);
    for f in &d.found {
        let Data::NemIndustry(file) = read(f).unwrap().data else { panic!("matrix file") };
        assert_eq!(file.vintage, "2022-32");
        assert_eq!(file.soc_version, "2018");
        rows += file.rows.len();
        line_items += file.rows.iter().filter(|r| r.occ_type == ep::LineType::LineItem).count();
    }
    assert_eq!(d.found.len(), 291);
    assert_eq!((rows, line_items), (60_500, 34_230));

    let f = dir.join("bls/nem_2022_32_by_industry/National Employment Matrix_IND_541500.csv");
    let (file, _) = nem::read_nem_industry(&f).unwrap();
    assert_eq!(file.industry, "541500");
    let total = &file.rows[0];
    assert_eq!(total.soc.to_string(), "00-0000");
    assert!(total.emp_base.get().unwrap() > 1_000_000.0, "thousands with separators, in persons");

    let (m, info) =
        nem::read_nem2018_matrix(&dir.join("bls/nem_2018_28/employment_projection.csv")).unwrap();
    assert_eq!((info.vintage.as_str(), m.soc_version), ("2018-28", "2010"));
    assert_eq!(m.rows.len(), 110_575);
    assert_eq!(m.rows[0].emp_base.get(), Some(161_037_700.0));
}

/// Corrupted copies of real files: each gives its precise error.
#[test]
fn corrupted_copies_of_real_files() {
    let Some(dir) = common::data_dir("corrupted_copies_of_real_files") else { return };
    let tmp = tempfile::tempdir().unwrap();

    // A bad code on spreadsheet row 812 of the NCES CIP file.
    let text = std::fs::read_to_string(dir.join("cip/CIPCode2020.csv")).unwrap();
    let mut records = 0;
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        // Each record of this file is one line (no embedded newlines), header = row 1.
        records += 1;
        if records == 812 {
            let (family, rest) = line.split_once(',').unwrap();
            let (_, rest) = rest.split_once(',').unwrap();
            out.push_str(&format!("{family},=\"01.01O1\",{rest}"));
        } else {
            out.push_str(line);
        }
    }
    let p = common::write(&tmp, "CIPCode2020.csv", out.as_bytes());
    let e = cip::read_cip(&p).unwrap_err();
    assert_eq!((e.row, e.column.as_deref()), (Some(812), Some("CIPCode")), "{e}");
    assert!(
        e.to_string().starts_with("CIPCode2020.csv, row 812, column CIPCode: invalid CIP code"),
        "{e}"
    );

    // A truncated workbook.
    let bytes = std::fs::read(dir.join("bls/oews_m2024/national_M2024_dl.xlsx")).unwrap();
    let p = common::write(&tmp, "national_M2024_dl.xlsx", &bytes[..bytes.len() * 2 / 3]);
    let e = oews::read_oews(&p).unwrap_err();
    assert!(matches!(e.kind, ErrorKind::Workbook { .. }), "{e}");

    // Windows-1252 bytes in O*NET text.
    let mut bytes = std::fs::read(dir.join("onet/Occupation Data.txt")).unwrap();
    let at = bytes.iter().position(|&b| b == b'\n').unwrap() + 1 + 3;
    bytes[at] = 0xE9;
    let p = common::write(&tmp, "Occupation Data.txt", &bytes);
    let e = trellis_sources::onet::read_occupations(&p).unwrap_err();
    assert!(matches!(e.kind, ErrorKind::Encoding { .. }), "{e}");
    assert_eq!(e.row, Some(2));
}

#[test]
fn every_found_file_reads() {
    let Some(dir) = common::data_dir("every_found_file_reads") else { return };
    let d = discover(&dir).unwrap();
    for f in &d.found {
        let l = read(f).unwrap_or_else(|e| panic!("{e}"));
        assert!(l.info.rows > 0);
        assert_ne!(l.info.vintage, "unknown", "{}", f.relative.display());
        if f.dataset.is_onet() {
            assert_eq!(l.info.vintage, "29.3");
        }
    }
}
