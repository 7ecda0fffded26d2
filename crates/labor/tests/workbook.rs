//! The HSHWID workbook opens in a spreadsheet reader with the expected sheets, headers and rows.

mod common;

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use trellis_labor::workbook::{
    ALL_SHEET, OCCUPATION_HEADERS, OVERVIEW_SHEET, SUMMARY_HEADERS, SUMMARY_SHEET, hshwid_workbook,
};
use trellis_labor::{Area, hshwid};

#[test]
fn workbook_has_overview_summary_and_one_sheet_per_cluster() {
    let d = common::data();
    let defs =
        trellis_framework::Framework::builtin().state("CT").and_then(|s| s.hshwid.clone()).unwrap();
    let list = hshwid::evaluate(&d, Area::resolve(&d, Some("CT")).unwrap(), &defs, None).unwrap();
    let bytes = hshwid_workbook(&list, &d.sources, "test").unwrap();
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let names = wb.sheet_names();
    assert_eq!(
        names,
        [
            OVERVIEW_SHEET,
            SUMMARY_SHEET,
            ALL_SHEET,
            "Construction",
            "Healthcare & Human Services",
            "Management & Entrepreneurship"
        ]
    );

    let overview = wb.worksheet_range(OVERVIEW_SHEET).unwrap();
    let text: Vec<String> = overview.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    assert!(text[0].contains("Connecticut"));
    assert!(
        text.iter().any(|t| t.contains("57,870")),
        "the state's wording and threshold are on the overview"
    );
    assert!(text.iter().any(|t| t == "2024-34") && text.iter().any(|t| t == "M2024"));
    assert!(text.iter().any(|t| t == "bls/ep_2024_34/occupation.xlsx"), "sources are listed");
    assert!(text.iter().any(|t| t.contains("estimated")));

    let summary = wb.worksheet_range(SUMMARY_SHEET).unwrap();
    let header: Vec<String> =
        summary.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(header, SUMMARY_HEADERS);
    assert_eq!(summary.rows().count(), 1 + 3);
    let construction =
        summary.rows().find(|r| r[0] == Data::String("Construction".into())).unwrap();
    assert_eq!(construction[1], Data::Float(4.0));
    assert_eq!(construction[6], Data::Float(2.0), "all three");

    let all = wb.worksheet_range(ALL_SHEET).unwrap();
    let header: Vec<String> = all.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(&header[..OCCUPATION_HEADERS.len()], OCCUPATION_HEADERS);
    assert_eq!(all.rows().count(), 1 + list.rows.len());

    let sheet = wb.worksheet_range("Construction").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().skip(1).collect();
    assert_eq!(rows.len(), 4);
    let col = |name: &str| OCCUPATION_HEADERS.iter().position(|h| *h == name).unwrap();
    let mgr = rows.iter().find(|r| r[0] == Data::String("11-9021".into())).unwrap();
    assert_eq!(mgr[col("In-demand")], Data::String("no".into()), "judged within this cluster");
    assert_eq!(mgr[col("Openings rank")], Data::String("3 of 3".into()));
    assert_eq!(mgr[col("Median annual wage")], Data::String(">= 239200 (top-coded)".into()));
    assert_eq!(mgr[col("Openings basis")], Data::String("estimated".into()));
    let laborers = rows.iter().find(|r| r[0] == Data::String("47-2061".into())).unwrap();
    assert_eq!(laborers[col("Employment")], Data::String("suppressed".into()));
    assert_eq!(laborers[col("In-demand")], Data::String("unknown".into()));
    let carpenters = rows.iter().find(|r| r[0] == Data::String("47-2031".into())).unwrap();
    assert_eq!(carpenters[col("Employment")], Data::Float(8_000.0));
    assert_eq!(carpenters[col("All three")], Data::String("yes".into()));
    assert!(carpenters[OCCUPATION_HEADERS.len()].to_string().contains("46.0201"));
}

#[test]
fn sheet_names_are_valid_and_unique() {
    let mut used = std::collections::HashSet::new();
    let a = trellis_labor::workbook::sheet_name(
        "Science, Technology, Engineering & Mathematics: [All]",
        &mut used,
    );
    assert!(a.chars().count() <= 31 && !a.contains('[') && !a.contains(':'));
    let b = trellis_labor::workbook::sheet_name(
        "Science, Technology, Engineering & Mathematics: [All]",
        &mut used,
    );
    assert_ne!(a.to_lowercase(), b.to_lowercase());
    assert!(b.chars().count() <= 31);
}
