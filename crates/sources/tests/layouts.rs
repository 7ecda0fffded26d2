//! The same table in its different published layouts reads the same, and discovery keeps
//! the agency's original form. Fixtures are built in the test.

mod common;

use common::{write, xlsx};
use trellis_sources::{Dataset, Status, discover, oews};

const HEADER: [&str; 32] = [
    "AREA",
    "AREA_TITLE",
    "AREA_TYPE",
    "PRIM_STATE",
    "NAICS",
    "NAICS_TITLE",
    "I_GROUP",
    "OWN_CODE",
    "OCC_CODE",
    "OCC_TITLE",
    "O_GROUP",
    "TOT_EMP",
    "EMP_PRSE",
    "JOBS_1000",
    "LOC_QUOTIENT",
    "PCT_TOTAL",
    "PCT_RPT",
    "H_MEAN",
    "A_MEAN",
    "MEAN_PRSE",
    "H_PCT10",
    "H_PCT25",
    "H_MEDIAN",
    "H_PCT75",
    "H_PCT90",
    "A_PCT10",
    "A_PCT25",
    "A_MEDIAN",
    "A_PCT75",
    "A_PCT90",
    "ANNUAL",
    "HOURLY",
];

fn rows() -> Vec<Vec<&'static str>> {
    vec![
        HEADER.to_vec(),
        vec![
            "09",
            "Connecticut",
            "2",
            "CT",
            "000000",
            "Cross-industry",
            "cross-industry",
            "1235",
            "11-1011",
            "Chief Executives",
            "detailed",
            "1230",
            "5.1",
            "0.7",
            "0.8",
            "",
            "",
            "#",
            "#",
            "3.2",
            "50.1",
            "70.2",
            "#",
            "#",
            "#",
            "104950",
            "130950",
            "#",
            "#",
            "#",
            "",
            "",
        ],
        vec![
            "09",
            "Connecticut",
            "2",
            "CT",
            "000000",
            "Cross-industry",
            "cross-industry",
            "1235",
            "13-1020",
            "Buyers and Purchasing Agents",
            "broad",
            "**",
            "*",
            "*",
            "*",
            "",
            "",
            "30.1",
            "62600",
            "*",
            "*",
            "*",
            "*",
            "*",
            "*",
            "*",
            "*",
            "*",
            "*",
            "*",
            "TRUE",
            "",
        ],
    ]
}

#[test]
fn oews_state_xlsx_and_csv_read_the_same_and_xlsx_wins() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("state_M2024_dl.xlsx");
    xlsx(&book, &[("state_M2024_dl", rows())]);
    let csv: Vec<String> = rows().iter().map(|r| r.join(",")).collect();
    write(&dir, "state_M2024_dl.reconstructed.csv", csv.join("\r\n").as_bytes());

    let a = oews::read_oews(&book).unwrap();
    let b = oews::read_oews(&dir.path().join("state_M2024_dl.reconstructed.csv")).unwrap();
    assert_eq!(a.rows, b.rows);
    assert_eq!(a.info.vintage, "M2024");
    assert_eq!(a.info.sheet.as_deref(), Some("state_M2024_dl"));
    assert_eq!(a.rows[0].area, "09", "FIPS codes stay text");
    assert_eq!(a.rows[0].annual.median.status, Status::TopCoded);
    assert_eq!(a.rows[1].tot_emp.status, Status::Suppressed);

    let d = discover(dir.path()).unwrap();
    assert_eq!(d.found.len(), 1);
    assert_eq!(d.found[0].dataset, Dataset::OewsState);
    assert_eq!(d.found[0].relative.to_str(), Some("state_M2024_dl.xlsx"));
    assert!(!d.found[0].derived);
    assert_eq!(d.skipped.len(), 1);
    assert!(
        d.skipped[0].reason.contains("already read from state_M2024_dl.xlsx"),
        "{}",
        d.skipped[0].reason
    );
}

#[test]
fn oews_sector_numbers_and_renamed_workbook_are_recognized() {
    let dir = tempfile::tempdir().unwrap();
    let mut r = rows();
    for row in r.iter_mut().skip(1) {
        row[0] = "99";
        row[2] = "1";
        row[3] = "US";
        row[4] = "31";
    }
    // A renamed download: recognized by its header and first row.
    let book = dir.path().join("download (3).xlsx");
    xlsx(&book, &[("Sheet1", r)]);
    let d = discover(dir.path()).unwrap();
    assert_eq!(d.found.len(), 1, "{:?}", d.skipped);
    assert_eq!(d.found[0].dataset, Dataset::OewsNatsector);
    let t = oews::read_oews(&book).unwrap();
    assert_eq!(t.rows[0].naics, "31-33", "the numeric cell 31 is the manufacturing sector");
    assert_eq!(t.info.vintage, "unknown");
    assert!(!t.info.warnings.is_empty(), "an unknown release is said");
}

#[test]
fn unknown_files_are_listed_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir, "notes.md", b"# notes");
    write(&dir, "data.json", b"{}");
    write(&dir, "other.csv", b"a,b\n1,2\n");
    write(&dir, "db_29_3_text.zip", b"PK");
    let d = discover(dir.path()).unwrap();
    assert!(d.found.is_empty());
    assert_eq!(d.skipped.len(), 4);
    let reason =
        |n: &str| d.skipped.iter().find(|s| s.relative.to_str() == Some(n)).unwrap().reason.clone();
    assert!(reason("db_29_3_text.zip").contains("unpack"));
    assert!(reason("other.csv").contains("not a table Trellis recognizes"));
}

#[test]
fn numeric_fips_codes_get_their_leading_zero_back() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("state_M2024_dl.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in rows()[1].iter().enumerate() {
        if c == 0 {
            ws.write_number(1, 0, 9.0).unwrap();
        } else if !v.is_empty() {
            ws.write_string(1, c as u16, *v).unwrap();
        }
    }
    wb.save(&book).unwrap();
    let t = oews::read_oews(&book).unwrap();
    assert_eq!(t.rows[0].area, "09");
}
