//! `trellis match` and `trellis postings analyze` as a user runs them, on a database imported
//! from the official data (`TRELLIS_TEST_DATA`; the import also runs the match index step).

mod common;

use common::{database, ok, trellis};
use serde_json::Value;

#[test]
fn one_title_and_one_program() {
    let Some(db) = database("one_title_and_one_program") else { return };
    let v: Value =
        serde_json::from_str(&ok(&db, &["match", "cnc machinist", "--format", "json"])).unwrap();
    let first = &v["candidates"][0];
    assert_eq!(first["soc"], "51-4041", "{v}");
    assert_eq!(first["code"], "51-4041.00");
    assert!(first["cluster"].as_str().is_some_and(|c| !c.is_empty()), "{v}");
    assert!(first["why"].as_str().unwrap().contains("CNC Machinist"), "{v}");
    assert_eq!(v["abstained"], false);

    let v: Value = serde_json::from_str(&ok(
        &db,
        &["match", "--kind", "program", "welding", "technology", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(v["candidates"][0]["code"], "48.0508", "{v}");

    let table = ok(&db, &["match", "Sr. RN - ICU - Nights"]);
    let header = table.lines().next().unwrap();
    for col in ["soc", "onet_soc", "title", "score", "cluster", "sub_cluster", "why"] {
        assert!(header.contains(col), "{header}");
    }
    assert!(table.lines().nth(2).unwrap().starts_with("29-1141"), "{table}");

    let o = trellis(&db, &["match", "zzqx blorf"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no match"));
}

#[test]
fn batch_rows_stay_in_order_with_a_status_each() {
    let Some(db) = database("batch_rows_stay_in_order_with_a_status_each") else { return };
    let tmp = tempfile::tempdir().unwrap();
    let list = tmp.path().join("titles.txt");
    let mut bytes = b"cnc machinist\n\nregistered nurse\n".to_vec();
    bytes.extend_from_slice("x".repeat(10_000).as_bytes());
    bytes.extend_from_slice(b"\n\xff\xfe welder\nforklift operator\n");
    std::fs::write(&list, &bytes).unwrap();
    let out = ok(&db, &["match", "--input", list.to_str().unwrap()]);
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(
        rows[0],
        [
            "row",
            "title",
            "soc",
            "onet_soc",
            "occupation",
            "score",
            "cluster",
            "sub_cluster",
            "status"
        ]
    );
    assert_eq!(rows.len(), 7, "{out}");
    let status: Vec<&str> = rows[1..].iter().map(|r| r[8]).collect();
    assert_eq!(status, ["ok", "empty", "ok", "too_long", "invalid_utf8", "ok"]);
    assert_eq!((rows[1][2], rows[3][2], rows[6][2]), ("51-4041", "29-1141", "53-7051"));

    let csv_in = tmp.path().join("t.csv");
    std::fs::write(&csv_in, "id,job_title\n1,Welder\n2,\"Truck Driver, CDL-A\"\n").unwrap();
    let out = ok(
        &db,
        &["match", "--input", csv_in.to_str().unwrap(), "--column", "job_title", "--format", "csv"],
    );
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let recs: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(recs.len(), 2);
    assert_eq!((&recs[0][2], &recs[1][2]), ("51-4121", "53-3032"));

    let o = trellis(&db, &["match", "--input", csv_in.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no column named 'title'") && err.contains("job_title"), "{err}");

    let jsonl = tmp.path().join("p.jsonl");
    std::fs::write(
        &jsonl,
        "{\"title\":\"Barista\"}\n{\"title\":\"Trunc\n{\"title\":\"Program Manager\"}\n",
    )
    .unwrap();
    let out = ok(&db, &["match", "--input", jsonl.to_str().unwrap(), "--format", "jsonl"]);
    let rows: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1]["status"], "invalid_json");
    assert_eq!(rows[1]["soc"], "");
    assert_eq!(rows[2]["row"], 3);
}

#[test]
fn postings_by_cluster_with_skills() {
    let Some(db) = database("postings_by_cluster_with_skills") else { return };
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("postings.jsonl");
    std::fs::write(
        &file,
        concat!(
            "{\"title\":\"Software Engineer\",\"description\":\"Python, SQL and Git; critical thinking\"}\n",
            "{\"title\":\"Sr. Software Developer\",\"description\":\"Python and Kubernetes\"}\n",
            "{\"title\":\"Registered Nurse\",\"description\":\"Epic Systems charting\"}\n",
            "{\"title\":\"broken\n",
        ),
    )
    .unwrap();
    let v: Value = serde_json::from_str(&ok(
        &db,
        &["postings", "analyze", file.to_str().unwrap(), "--format", "json"],
    ))
    .unwrap();
    assert_eq!(v["postings"], 4);
    assert_eq!(v["unreadable"], 1);
    assert_eq!(v["coded"], 3);
    let top = &v["clusters"][0];
    assert_eq!(top["postings"], 2, "{v}");
    let python = v["skills"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["skill"] == "Python")
        .expect("Python counted");
    assert_eq!(python["postings"], 2);
    assert_eq!(python["cluster"], top["id"]);
    let xlsx = tmp.path().join("a.xlsx");
    ok(
        &db,
        &[
            "postings",
            "analyze",
            file.to_str().unwrap(),
            "--format",
            "xlsx",
            "-o",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(std::fs::metadata(&xlsx).unwrap().len() > 1000);
}
