//! `trellis data import | status` and the lookups, run as a user runs them, on the official files
//! (TRELLIS_TEST_DATA).

mod common;

use common::{imported, official_data, text, trellis};

#[test]
fn a_command_without_a_database_says_what_to_run() {
    let dir = tempfile::tempdir().unwrap();
    let out = trellis(&dir.path().join("none.sqlite"), &["occupation", "15-1252"]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("trellis data import DIR"), "{err}");
    assert!(!dir.path().join("none.sqlite").exists(), "a lookup must not create the database");
}

#[test]
fn check_writes_nothing() {
    let Some(data) = official_data("check_writes_nothing") else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("trellis.sqlite");
    let out = trellis(&db, &["--quiet", "data", "import", data.to_str().unwrap(), "--check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("checked (nothing written)"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn status_lists_every_source_file() {
    let Some(data) = official_data("status_lists_every_source_file") else { return };
    let db = imported(&data);
    let out = trellis(db, &["data", "status", "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let sources = v["sources"].as_array().unwrap();
    assert!(sources.len() > 300);
    let soc = sources.iter().find(|s| s["dataset"] == "soc").expect("the SOC file");
    let path = data.join(soc["path"].as_str().unwrap());
    assert_eq!(soc["size"].as_u64().unwrap(), std::fs::metadata(path).unwrap().len());
    assert_eq!(soc["rows"], 1447);
    assert!(v["meta"]["built_at"].as_str().is_some_and(|t| t.ends_with('Z')), "{}", v["meta"]);

    let csv = trellis(db, &["data", "status", "--format", "csv"]);
    let csv = text(&csv.stdout);
    assert!(csv.starts_with("id,path,dataset,vintage,reader,sheet,rows,bytes,sha256,warnings"));
    assert_eq!(csv.lines().count(), sources.len() + 1);
}

#[test]
fn occupation_lookup_in_three_formats() {
    let Some(data) = official_data("occupation_lookup_in_three_formats") else { return };
    let db = imported(&data);
    let out = trellis(db, &["occupation", "15-1252", "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "Software Developers");
    assert_eq!(v["projections"]["vintage"], "2024-34");
    assert!(v["programs"].as_array().unwrap().iter().any(|p| p["code"] == "11.0701"));

    let table = text(&trellis(db, &["occupation", "151252"]).stdout);
    assert!(table.starts_with("15-1252  Software Developers"), "{table}");
    assert!(table.contains("Employment and wages (OEWS M2024, national)"), "{table}");

    let csv = text(&trellis(db, &["occupation", "15-1252", "--format", "csv"]).stdout);
    assert!(csv.starts_with("field,value\n"), "{csv}");
    assert!(csv.contains("\ntitle,Software Developers\n"), "{csv}");
}

#[test]
fn unknown_codes_get_the_closest_codes() {
    let Some(data) = official_data("unknown_codes_get_the_closest_codes") else { return };
    let db = imported(&data);
    let out = trellis(db, &["occupation", "15-1259"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("no SOC 2018 occupation \"15-1259\""), "{err}");
    assert!(err.contains("15-1252  Software Developers"), "{err}");

    let out = trellis(db, &["program", "51.3890"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("51.3899  Registered Nursing"), "{}", text(&out.stderr));
}

#[test]
fn program_and_industry_lookups() {
    let Some(data) = official_data("program_and_industry_lookups") else { return };
    let db = imported(&data);
    let out = trellis(db, &["program", "51.3801"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let t = text(&out.stdout);
    assert!(t.contains("29-1141  Registered Nurses"), "{t}");
    let out = trellis(db, &["industry", "5415", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["level"], "industry_group");
    assert_eq!(v["parent"]["code"], "541");
}
