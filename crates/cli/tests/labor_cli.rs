//! `trellis profile`, `trellis hshwid` and `trellis region` as a user runs them, on a database
//! imported from the official data (`TRELLIS_TEST_DATA`).

mod common;

use calamine::{Reader, Xlsx, open_workbook};
use common::{csv, database, fails, ok};

#[test]
fn cluster_profile_prints_every_section_and_its_csv_totals_add_up() {
    let Some(db) = database("cluster_profile_prints_every_section_and_its_csv_totals_add_up")
    else {
        return;
    };
    let text = ok(&db, &["profile", "cluster", "construction", "--state", "CT"]);
    for section in [
        "Cluster: Construction (construction) — Connecticut (CT)",
        "employment 2024",
        "projected 2034",
        "average annual openings",
        "10th percentile annual wage",
        "median annual wage",
        "Typical entry requirements",
        "Share of output",
        "High-demand software and technology",
        "Most important O*NET skills",
        "Framework lists for Construction",
        "Occupations (the totals above are their sums)",
        "(est.)",
        "Notes",
    ] {
        assert!(text.contains(section), "missing {section:?} in:\n{text}");
    }
    let (header, rows) =
        csv(&ok(&db, &["profile", "cluster", "construction", "--state", "CT", "--format", "csv"]));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (members, total) = rows.split_at(rows.len() - 1);
    assert_eq!(total[0][0], "TOTAL");
    let sum: f64 = members.iter().filter_map(|r| r[col("employment")].parse::<f64>().ok()).sum();
    assert_eq!(total[0][col("employment")].parse::<f64>().unwrap(), sum);
    assert!(
        members.iter().all(
            |r| r[col("openings_basis")] == "estimated" || r[col("employment")] == "suppressed"
        )
    );
    let json: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &["profile", "sub-cluster", "skilled trades", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(json["level"], "sub_cluster");
    assert_eq!(json["employment"]["now"]["basis"], "computed");
}

#[test]
fn occupation_profile_for_texas() {
    let Some(db) = database("occupation_profile_for_texas") else { return };
    let text = ok(&db, &["profile", "occupation", "29-1141", "--state", "TX"]);
    assert!(text.contains("Occupation: Registered Nurses (29-1141) — Texas (TX)"), "{text}");
    assert!(text.contains("261,050"), "OEWS May 2024 Texas employment:\n{text}");
    assert!(text.contains("$90,010"), "OEWS May 2024 Texas median:\n{text}");
    assert!(text.contains("51.3801"), "the nursing program:\n{text}");
    let json: serde_json::Value = serde_json::from_str(&ok(
        &db,
        &["profile", "occupation", "29-1141", "--state", "TX", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(json["openings"]["basis"], "estimated");
    assert_eq!(json["employment"]["now"]["value"], 261050.0);
}

#[test]
fn hshwid_workbooks_for_four_states() {
    let Some(db) = database("hshwid_workbooks_for_four_states") else { return };
    let tmp = tempfile::tempdir().unwrap();
    for state in ["CT", "TX", "AL", "AK"] {
        let path = tmp.path().join(format!("{state}.xlsx"));
        ok(
            &db,
            &["hshwid", "--state", state, "--format", "xlsx", "--output", path.to_str().unwrap()],
        );
        let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
        let names = wb.sheet_names();
        assert_eq!(names.len(), 3 + 14, "{state}: {names:?}");
        assert_eq!(names[..3], ["Overview", "Summary by cluster", "All occupations"]);
        let all = wb.worksheet_range("All occupations").unwrap();
        let header: Vec<String> =
            all.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
        assert_eq!(header[0], "SOC code");
        assert!(header.contains(&"High-wage".to_string()));
        // The CSV lists the same occupations.
        let (_, rows) = csv(&ok(&db, &["hshwid", "--state", state, "--format", "csv"]));
        assert_eq!(all.rows().count() - 1, rows.len(), "{state}");
        let summary = wb.worksheet_range("Summary by cluster").unwrap();
        for row in summary.rows().skip(1) {
            let cluster = row[0].to_string();
            let count = row[1].to_string().parse::<usize>().unwrap();
            let sheet = names.iter().find(|n| cluster.starts_with(n.as_str())).unwrap();
            assert_eq!(
                wb.worksheet_range(sheet).unwrap().rows().count() - 1,
                count,
                "{state} {cluster}"
            );
        }
    }
    let one =
        ok(&db, &["hshwid", "--state", "CT", "--cluster", "digital technology", "--format", "csv"]);
    let (header, rows) = csv(&one);
    assert!(!rows.is_empty());
    let clusters = header.iter().position(|h| h == "clusters").unwrap();
    assert!(rows.iter().all(|r| r[clusters].contains("Digital Technology")));
}

#[test]
fn region_for_a_state_and_all_states() {
    let Some(db) = database("region_for_a_state_and_all_states") else { return };
    let text = ok(&db, &["region", "CT"]);
    assert!(text.contains("Regional cluster analysis: Connecticut (CT)"), "{text}");
    assert!(text.contains("Specialized clusters"), "{text}");
    let (header, rows) = csv(&ok(&db, &["region", "CT", "--format", "csv"]));
    assert_eq!(rows.iter().filter(|r| r[0] == "cluster").count(), 14);
    assert!(rows.iter().filter(|r| r[0] == "sub_cluster").count() >= 70);
    let lq = header.iter().position(|h| h == "location_quotient").unwrap();
    assert!(rows.iter().filter(|r| r[0] == "cluster").all(|r| r[lq].parse::<f64>().is_ok()));
    let (_, all) = csv(&ok(&db, &["region", "all", "--format", "csv"]));
    assert_eq!(all.len(), 51);
    let split = ok(&db, &["region", "TX", "--split"]);
    assert!(split.contains("split across their clusters"), "{split}");
}

#[test]
fn bad_inputs_get_clear_errors() {
    let Some(db) = database("bad_inputs_get_clear_errors") else { return };
    let e = fails(&db, &["hshwid", "--state", "PR"]);
    assert!(e.contains("PR"), "{e}");
    let e = fails(&db, &["profile", "cluster", "construction", "--state", "GU"]);
    assert!(e.contains("no OEWS rows") && e.contains("CT"), "{e}");
    let e = fails(&db, &["profile", "cluster", "basket weaving"]);
    assert!(e.contains("unknown cluster"), "{e}");
    let tmp = tempfile::tempdir().unwrap();
    let defs = tmp.path().join("defs.toml");
    std::fs::write(
        &defs,
        r#"
[hshwid]
source = "x"
data_area = "state"
colour = "blue"
"#,
    )
    .unwrap();
    let e = fails(&db, &["hshwid", "--state", "CT", "--definitions", defs.to_str().unwrap()]);
    assert!(e.contains("colour"), "{e}");
    let e = fails(
        &db,
        &[
            "profile",
            "cluster",
            "construction",
            "--state",
            "CT",
            "--state-projections",
            "/nonexistent.csv",
        ],
    );
    assert!(e.contains("nonexistent.csv"), "{e}");
    let e = fails(&tmp.path().join("none.sqlite"), &["region", "CT"]);
    assert!(e.contains("trellis data import"), "{e}");
}
