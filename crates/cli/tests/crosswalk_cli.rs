//! `trellis crosswalk` as a user runs it, on a database imported from the official data
//! (`TRELLIS_TEST_DATA`): build with overrides, show, explain, export shapes, diff.

mod common;

use common::{csv, database, ok, trellis};

#[test]
fn the_import_leaves_a_current_crosswalk_and_exports_have_the_documented_columns() {
    let Some(db) =
        database("the_import_leaves_a_current_crosswalk_and_exports_have_the_documented_columns")
    else {
        return;
    };
    let builds = ok(&db, &["crosswalk", "builds", "--format", "json"]);
    assert!(
        builds.contains("\"is_current\": true") || builds.contains("\"is_current\":true"),
        "{builds}"
    );

    let (h, rows) = csv(&ok(&db, &["crosswalk", "export", "--shape", "soc", "--format", "csv"]));
    for col in ["soc", "title", "cluster", "sub_cluster", "primary", "score"] {
        assert!(h.iter().any(|x| x == col), "soc shape lacks {col}: {h:?}");
    }
    let i = |name: &str| h.iter().position(|x| x == name).unwrap();
    let dev = rows.iter().find(|r| r[i("soc")] == "15-1252" && r[i("primary")] == "true").unwrap();
    assert_eq!(
        (dev[i("cluster")].as_str(), dev[i("sub_cluster")].as_str()),
        ("Digital Technology", "Software Solutions")
    );
    let primaries = rows.iter().filter(|r| r[i("primary")] == "true").count();
    let socs: std::collections::BTreeSet<&String> = rows.iter().map(|r| &r[i("soc")]).collect();
    assert_eq!(primaries, socs.len(), "one primary row per SOC");

    let (h, rows) = csv(&ok(&db, &["crosswalk", "export", "--shape", "cip", "--format", "csv"]));
    assert_eq!(&h[..6], ["cip", "title", "cluster", "sub_cluster", "primary", "score"]);
    assert!(
        rows.iter()
            .any(|r| r[0] == "51.3801" && r[2] == "Healthcare & Human Services" && r[4] == "true")
    );

    let (h, rows) = csv(&ok(&db, &["crosswalk", "export", "--shape", "long", "--format", "csv"]));
    for col in ["cluster", "sub_cluster", "soc", "cip", "naics"] {
        assert!(h.iter().any(|x| x == col), "long shape lacks {col}");
    }
    assert!(rows.len() > 10_000);

    let json: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &["crosswalk", "export", "--shape", "soc", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(
        json.as_array().unwrap().len(),
        csv(&ok(&db, &["crosswalk", "export", "--shape", "soc", "--format", "csv"])).1.len()
    );

    let xlsx = db.with_file_name("crosswalk.xlsx");
    ok(&db, &["crosswalk", "export", "--format", "xlsx", "--output", xlsx.to_str().unwrap()]);
    assert!(std::fs::metadata(&xlsx).unwrap().len() > 100_000);
    // The workbook reads back as a crosswalk file that agrees with the build.
    let diff = ok(&db, &["crosswalk", "diff", "current", xlsx.to_str().unwrap()]);
    assert!(diff.contains("(100.0%)"), "{diff}");
}

#[test]
fn overrides_are_reported_with_what_the_data_said_and_explained() {
    let Some(db) = database("overrides_are_reported_with_what_the_data_said_and_explained") else {
        return;
    };
    let copy = db.with_file_name("overrides.sqlite");
    std::fs::copy(&db, &copy).unwrap();
    let file = db.with_file_name("overrides.toml");
    std::fs::write(&file, "[[override]]\nsoc = \"15-1252\"\ncluster = \"advanced manufacturing\"\nsub_cluster = \"Engineering\"\nreason = \"state program\"\n\n[[override]]\ncip = \"51.3801\"\ncluster = \"Education\"\nreason = \"nurse educator track\"\n").unwrap();
    let out = ok(
        &copy,
        &["crosswalk", "build", "--overrides", file.to_str().unwrap(), "--label", "with overrides"],
    );
    assert!(
        out.contains("Override 15-1252") && out.contains("the data said digital-technology"),
        "{out}"
    );
    let text = ok(&copy, &["crosswalk", "explain", "15-1252"]);
    assert!(text.contains("Primary: Advanced Manufacturing › Engineering"), "{text}");
    assert!(text.contains("The data alone said Digital Technology › Software Solutions"), "{text}");
    let diff = ok(&copy, &["crosswalk", "diff", "current", "1"]);
    assert!(diff.contains("15-1252"), "{diff}");
    // The program override is stored with the build and shown.
    let shown = ok(&copy, &["crosswalk", "show", "--cip", "51.3801", "--primary"]);
    let pinned = shown.lines().find(|l| l.contains("51.3801")).unwrap_or_default();
    assert!(pinned.contains("Education") && pinned.trim_end().ends_with("yes"), "{shown}");
    let program = ok(&copy, &["crosswalk", "explain", "51.3801"]);
    assert!(program.contains("Overridden by the state's file"), "{program}");
    let (h, rows) = csv(&ok(&copy, &["crosswalk", "export", "--shape", "cip", "--format", "csv"]));
    let col = h.iter().position(|x| x == "overridden").unwrap();
    assert!(rows.iter().any(|r| r[0] == "51.3801" && r[4] == "true" && r[col] == "true"));

    let bad = db.with_file_name("bad.toml");
    std::fs::write(&bad, "[[override]]\nsoc = \"15-1252\"\ncluster = \"Rocketry\"\n").unwrap();
    let o = trellis(&copy, &["crosswalk", "build", "--overrides", bad.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("`Rocketry` for 15-1252 is not a cluster"));
}

#[test]
fn show_and_explain_answer_in_words() {
    let Some(db) = database("show_and_explain_answer_in_words") else { return };
    let shown = ok(
        &db,
        &["crosswalk", "show", "--sub-cluster", "Early Childhood Development", "--primary"],
    );
    assert!(shown.contains("25-2011"), "{shown}");
    let text = ok(&db, &["crosswalk", "explain", "17-2051"]);
    assert!(text.contains("Civil and Structural Engineering within Construction"), "{text}");
    assert!(text.contains("Where the jobs are"));
    let program = ok(&db, &["crosswalk", "explain", "51.3801"]);
    assert!(program.contains("29-1141"), "{program}");
    let o = trellis(&db, &["crosswalk", "explain", "99-0000"]);
    assert_eq!(o.status.code(), Some(2));
}
