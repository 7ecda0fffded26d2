//! The official files imported into a fresh database: facts only a correct import gives,
//! checked against the files themselves (read here independently with calamine and csv).

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{built, columns, conn, data_dir, sheet, source_path};
use trellis_store::Store;

fn num(s: &str) -> f64 {
    s.replace(',', "").trim().parse().unwrap_or_else(|_| panic!("not a number: {s:?}"))
}

#[test]
fn soc_2018_has_23_98_459_867_codes_by_level() {
    let Some(data) = data_dir("soc_2018_has_23_98_459_867_codes_by_level") else { return };
    let b = built(&data);
    let c = conn(&b.db);
    let mut st = c.prepare("SELECT level, count(*) FROM soc GROUP BY level").unwrap();
    let counts: BTreeMap<String, i64> =
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    assert_eq!(counts["major"], 23);
    assert_eq!(counts["minor"], 98);
    assert_eq!(counts["broad"], 459);
    assert_eq!(counts["detailed"], 867);
    // Every code but the major groups hangs under an existing parent.
    let orphans: i64 = c
        .query_row(
            "SELECT count(*) FROM soc s WHERE s.parent IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM soc p WHERE p.code = s.parent)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0);
}

#[test]
fn software_developers_match_ep_table_1_2() {
    let Some(data) = data_dir("software_developers_match_ep_table_1_2") else { return };
    let b = built(&data);
    let rows = sheet(&source_path(&b, &data, "ep_occupation"), "Table 1.2");
    let (h, cols) = columns(
        &rows,
        &[
            "2024 National Employment Matrix title",
            "2024 National Employment Matrix code",
            "Employment, 2024",
            "Median annual wage",
            "Typical education needed for entry",
        ],
    );
    let row = rows[h + 1..].iter().find(|r| r[cols[1]] == "15-1252").expect("15-1252 in Table 1.2");
    let employment_thousands = num(&row[cols[2]]);
    let median = num(&row[cols[3]]);

    let store = Store::open(&b.db).unwrap();
    let occ = store.occupation("15-1252".parse().unwrap()).unwrap().unwrap();
    assert_eq!(occ.title, "Software Developers");
    let p = occ.projections.expect("projections");
    assert_eq!(p.vintage, "2024-34");
    assert_eq!(p.published_as, "15-1252");
    assert!((p.employment_base.unwrap() - employment_thousands * 1000.0).abs() < 1e-6);
    assert_eq!(p.median_wage.value, Some(median));
    assert_eq!(p.median_wage.status, "ok");
    assert_eq!(p.education.as_deref(), Some(row[cols[4]].as_str()));
}

#[test]
fn cip_51_3801_maps_to_registered_nurses_and_no_match_rows_are_not_pairs() {
    let Some(data) =
        data_dir("cip_51_3801_maps_to_registered_nurses_and_no_match_rows_are_not_pairs")
    else {
        return;
    };
    let b = built(&data);
    let store = Store::open(&b.db).unwrap();
    let p = store.program("51.3801".parse().unwrap()).unwrap().expect("51.3801 in CIP 2020");
    assert!(p.occupations.iter().any(|o| o.code == "29-1141" && o.title == "Registered Nurses"));

    let c = conn(&b.db);
    let placeholders: i64 = c
        .query_row(
            "SELECT count(*) FROM cip_soc WHERE cip = '99.9999' OR soc = '99-9999'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(placeholders, 0);

    // The pairs are exactly the crosswalk's rows without a no-match side.
    let rows = sheet(&source_path(&b, &data, "cip_soc"), "CIP-SOC");
    let (h, cols) = columns(&rows, &["CIP2020Code", "SOC2018Code"]);
    let mut pairs = BTreeSet::new();
    let mut unmatched_cip = BTreeSet::new();
    for r in &rows[h + 1..] {
        let (cip, soc) = (r[cols[0]].clone(), r[cols[1]].clone());
        if soc == "99-9999" {
            unmatched_cip.insert(cip);
        } else if cip != "99.9999" {
            pairs.insert((cip, soc));
        }
    }
    let stored: i64 = c.query_row("SELECT count(*) FROM cip_soc", [], |r| r.get(0)).unwrap();
    assert_eq!(stored as usize, pairs.len());
    let stored_unmatched: i64 = c
        .query_row("SELECT count(*) FROM cip_soc_unmatched WHERE kind = 'cip'", [], |r| r.get(0))
        .unwrap();
    assert!(stored_unmatched as usize >= unmatched_cip.len() && !unmatched_cip.is_empty());
    let any_unmatched = unmatched_cip.iter().next().unwrap();
    let prog = store.program(any_unmatched.parse().unwrap()).unwrap().unwrap();
    assert!(prog.crosswalk_no_match && prog.occupations.is_empty(), "{any_unmatched}");
}

#[test]
fn oews_national_total_row_matches_the_file() {
    let Some(data) = data_dir("oews_national_total_row_matches_the_file") else { return };
    let b = built(&data);
    let path = source_path(&b, &data, "oews_national");
    let rows = sheet(&path, "national_M2024_dl");
    let (h, cols) = columns(&rows, &["AREA", "OCC_CODE", "TOT_EMP", "A_MEDIAN", "O_GROUP"]);
    let total = rows[h + 1..].iter().find(|r| r[cols[1]] == "00-0000").expect("00-0000 row");
    let c = conn(&b.db);
    let (emp, median, group): (f64, f64, String) = c
        .query_row(
            "SELECT tot_emp, a_median, o_group FROM oews
             WHERE area = 'US' AND naics = '000000' AND soc = '00-0000'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(emp, num(&total[cols[2]]));
    assert_eq!(median, num(&total[cols[3]]));
    assert_eq!(group, total[cols[4]]);
    // Every national row of the file is in the database.
    let n: i64 = c
        .query_row("SELECT count(*) FROM oews WHERE area = 'US' AND naics = '000000'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(n as usize, rows.len() - h - 1);
}

#[test]
fn oews_state_rows_cover_51_areas() {
    let Some(data) = data_dir("oews_state_rows_cover_51_areas") else { return };
    let b = built(&data);
    let c = conn(&b.db);
    let areas: i64 = c
        .query_row("SELECT count(DISTINCT area) FROM oews WHERE area_type = 'state'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(areas, 51);
    let dc: i64 = c
        .query_row("SELECT count(*) FROM oews WHERE area_type = 'state' AND area = 'DC'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(dc > 100, "DC has {dc} occupations");
}

/// Data rows of a text file counted here, independently of the readers: CSV records (quoted
/// fields may span lines) or TSV lines, minus the header where there is one.
fn count_rows(path: &std::path::Path, has_header: bool) -> u64 {
    let is_tsv = path.extension().is_some_and(|e| e == "txt" || e == "tsv");
    let mut b = csv::ReaderBuilder::new();
    b.has_headers(has_header).flexible(true);
    if is_tsv {
        b.delimiter(b'\t').quoting(false);
    }
    let mut r = b.from_path(path).unwrap();
    r.records().map(Result::unwrap).filter(|rec| rec.iter().any(|f| !f.trim().is_empty())).count()
        as u64
}

#[test]
fn sources_table_records_every_file_with_its_row_count() {
    let Some(data) = data_dir("sources_table_records_every_file_with_its_row_count") else {
        return;
    };
    let b = built(&data);
    let store = Store::open(&b.db).unwrap();
    let sources = store.sources().unwrap();
    assert_eq!(sources.len(), b.report.files.len());
    let mut checked = 0;
    for s in &sources {
        let path = data.join(&s.path);
        let meta = std::fs::metadata(&path).unwrap();
        assert_eq!(s.size as u64, meta.len(), "{}", s.path);
        assert_eq!(s.sha256.len(), 64);
        assert!(s.rows > 0, "{} has no rows", s.path);
        if s.path.ends_with(".txt") || s.path.ends_with(".csv") {
            let headerless = s.dataset.starts_with("nem_") && s.dataset != "nem_industry";
            assert_eq!(s.rows as u64, count_rows(&path, !headerless), "{}", s.path);
            checked += 1;
        }
    }
    assert!(checked > 290, "only {checked} text files checked");
    // Rows read become rows stored.
    let c = conn(&b.db);
    for (dataset, table) in [
        ("onet_occupation_data", "onet_occupation"),
        ("onet_alternate_titles", "onet_alternate_title"),
        ("onet_task_statements", "onet_task"),
        ("soc", "soc"),
        ("cip", "cip"),
    ] {
        let read: i64 = c
            .query_row("SELECT sum(rows) FROM sources WHERE dataset = ?1", [dataset], |r| r.get(0))
            .unwrap();
        let stored: i64 =
            c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap();
        assert_eq!(read, stored, "{dataset} → {table}");
    }
}

#[test]
fn aggregate_codes_stand_for_detailed_codes_oews_does_not_publish_alone() {
    let Some(data) =
        data_dir("aggregate_codes_stand_for_detailed_codes_oews_does_not_publish_alone")
    else {
        return;
    };
    let b = built(&data);
    let c = conn(&b.db);
    let mut st = c
        .prepare("SELECT code, detailed FROM soc_aggregate WHERE origin = 'oews' ORDER BY code")
        .unwrap();
    let map: Vec<(String, String)> =
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    assert!(map.len() >= 12, "{map:?}");
    let published: BTreeSet<String> = c
        .prepare(
            "SELECT soc FROM oews WHERE area = 'US' AND naics = '000000' AND o_group = 'detailed'",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut seen = BTreeMap::<String, String>::new();
    for (agg, detailed) in &map {
        // OEWS publishes the aggregate in place of its detailed occupations, never beside them.
        assert!(!published.contains(detailed), "{detailed} published beside {agg}");
        assert_eq!(&agg[..6], &detailed[..6], "{agg} → {detailed} leaves the broad group");
        // A detailed occupation belongs to one aggregate.
        if let Some(prev) = seen.insert(detailed.clone(), agg.clone()) {
            panic!("{detailed} in both {prev} and {agg}");
        }
    }
    let group = |code: &str| -> Vec<&str> {
        map.iter().filter(|(a, _)| a == code).map(|(_, d)| d.as_str()).collect()
    };
    assert_eq!(group("21-1018"), ["21-1011", "21-1014"]);
    assert_eq!(group("25-9045"), ["25-9042", "25-9043", "25-9049"]);
    // With the aggregates expanded, OEWS covers every detailed occupation EP projects.
    let uncovered: Vec<String> = c
        .prepare(
            "SELECT e.soc FROM ep_occupation e JOIN soc s ON s.code = e.soc
             WHERE e.occ_type = 'line_item' AND s.level = 'detailed'
             AND e.soc NOT IN (SELECT soc FROM oews WHERE area = 'US' AND naics = '000000')
             AND e.soc NOT IN (SELECT detailed FROM soc_aggregate WHERE origin = 'oews')",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(uncovered.len() < 10, "{uncovered:?}");
}

#[test]
fn lookups_answer_for_program_industry_and_aggregate_published_occupation() {
    let Some(data) =
        data_dir("lookups_answer_for_program_industry_and_aggregate_published_occupation")
    else {
        return;
    };
    let b = built(&data);
    let store = Store::open(&b.db).unwrap();
    let ind = store.industry("5415".parse().unwrap()).unwrap().expect("NAICS 5415");
    assert_eq!(ind.level, "industry_group");
    assert_eq!(ind.parent.as_ref().map(|p| p.code.as_str()), Some("541"));
    assert!(ind.children.iter().any(|c| c.code == "54151"));
    assert_eq!(ind.hierarchy.first().map(|h| h.code.as_str()), Some("54"));
    let range = store.industry("31-33".parse().unwrap()).unwrap().expect("sector 31-33");
    assert!(range.children.iter().any(|c| c.code == "311"), "{:?}", range.children);

    // 13-1021 is published by OEWS only inside 13-1020.
    let occ = store.occupation("13-1021".parse().unwrap()).unwrap().unwrap();
    let w = occ.wages.expect("wages through the aggregate");
    assert_eq!(w.published_as, "13-1020");
    assert!(occ.aggregates.iter().any(|a| a.code == "13-1020"));

    let close = store.closest_codes(trellis_store::CodeSystem::Soc, "15-1259", 3).unwrap();
    assert!(close.iter().any(|s| s.code == "15-1252"), "{close:?}");
}
