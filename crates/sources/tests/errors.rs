//! Every failure gives a precise error: which file, sheet, row, column, and what was expected.
//! Fixtures are built in the test.

mod common;

use common::{write, xlsx};
use trellis_sources::{ErrorKind, cip, ep, oews, onet, soc};

const CIP_HEADER: &str = "\"CIPFamily\",\"CIPCode\",\"Action\",\"TextChange\",\"CIPTitle\",\"CIPDefinition\",\"CrossReferences\",\"Examples\"\n";

fn cip_csv(rows: usize, bad_row: Option<usize>) -> String {
    let mut s = String::from(CIP_HEADER);
    for i in 0..rows {
        // Spreadsheet row numbers: the header is row 1, data start at row 2.
        let row = i + 2;
        let code =
            if Some(row) == bad_row { "01.01O1".to_string() } else { format!("01.{:04}", i + 1) };
        s.push_str(&format!(
            "=\"01\",=\"{code}\",\"New\",no,\"Program {i}.\",\"Defined.\",\"\",\n"
        ));
    }
    s
}

#[test]
fn bad_code_names_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "CIPCode2020.csv", cip_csv(900, Some(812)).as_bytes());
    let e = cip::read_cip(&p).unwrap_err();
    assert_eq!(e.row, Some(812));
    assert_eq!(e.column.as_deref(), Some("CIPCode"));
    assert!(matches!(e.kind, ErrorKind::Code(_)));
    let msg = e.to_string();
    assert!(
        msg.starts_with(
            "CIPCode2020.csv, row 812, column CIPCode: invalid CIP code \"01.01O1\": expected"
        ),
        "{msg}"
    );
    // The same file without the bad code reads, with Excel's ="…" wrappers removed.
    let p = write(&dir, "CIPCode2020.csv", cip_csv(900, None).as_bytes());
    let t = cip::read_cip(&p).unwrap();
    assert_eq!(t.rows.len(), 900);
    assert_eq!(t.rows[0].code.to_string(), "01.0001");
    assert_eq!(t.rows[0].title, "Program 0");
    assert_eq!(t.info.vintage, "2020");
}

#[test]
fn empty_and_header_only_files() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "CIPCode2020.csv", b"");
    let e = cip::read_cip(&p).unwrap_err();
    assert!(matches!(e.kind, ErrorKind::Empty), "{e}");
    assert!(e.to_string().starts_with("CIPCode2020.csv: the file is empty"), "{e}");

    let p = write(&dir, "CIPCode2020.csv", CIP_HEADER.as_bytes());
    let e = cip::read_cip(&p).unwrap_err();
    assert!(matches!(e.kind, ErrorKind::HeaderOnly), "{e}");

    let p = write(&dir, "Occupation Data.txt", b"O*NET-SOC Code\tTitle\tDescription\n");
    let e = onet::read_occupations(&p).unwrap_err();
    assert!(matches!(e.kind, ErrorKind::HeaderOnly), "{e}");

    let p = write(&dir, "Occupation Data.txt", b"\n\n");
    let e = onet::read_occupations(&p).unwrap_err();
    assert!(matches!(e.kind, ErrorKind::Empty), "{e}");
}

#[test]
fn wrong_encoding_names_the_row() {
    let dir = tempfile::tempdir().unwrap();
    // "Café" in Windows-1252 on the third data row (row 4).
    let mut bytes = b"O*NET-SOC Code\tTitle\tDescription\n".to_vec();
    bytes.extend_from_slice(b"11-1011.00\tChief Executives\tDetermine.\n");
    bytes.extend_from_slice(b"11-1021.00\tGeneral Managers\tPlan.\n");
    bytes.extend_from_slice(b"35-1011.00\tChefs\tRun a caf\xe9.\n");
    let p = write(&dir, "Occupation Data.txt", &bytes);
    let e = onet::read_occupations(&p).unwrap_err();
    assert!(matches!(e.kind, ErrorKind::Encoding { .. }), "{e}");
    assert_eq!(e.row, Some(4));
    assert!(e.to_string().contains("0xE9"), "{e}");

    let mut csv = CIP_HEADER.as_bytes().to_vec();
    csv.extend_from_slice(b"=\"01\",=\"01.0101\",\"New\",no,\"Caf\xe9.\",\"Defined.\",\"\",\n");
    let p = write(&dir, "CIPCode2020.csv", &csv);
    let e = cip::read_cip(&p).unwrap_err();
    assert!(matches!(e.kind, ErrorKind::Encoding { .. }), "{e}");
    assert_eq!(e.row, Some(2));
}

#[test]
fn missing_column_lists_what_was_found() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        &dir,
        "Job Zones.txt",
        b"O*NET-SOC Code\tTitle\tZone\n11-1011.00\tChief Executives\t5\n",
    );
    let e = onet::read_job_zones(&p).unwrap_err();
    let msg = e.to_string();
    assert!(matches!(e.kind, ErrorKind::MissingColumns { .. }), "{msg}");
    assert!(msg.contains("no column for job zone"), "{msg}");
    assert!(msg.contains("\"O*NET-SOC Code\", \"Title\", \"Zone\""), "{msg}");
    assert_eq!(e.row, Some(1));
}

#[test]
fn truncated_and_corrupt_workbooks() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("soc_2018_definitions.xlsx");
    xlsx(
        &good,
        &[(
            "2018 SOC",
            vec![
                vec!["SOC Group", "SOC Code", "SOC Title", "SOC Definition"],
                vec!["Major", "11-0000", "Management Occupations", ""],
                vec![
                    "Detailed",
                    "11-1011",
                    "Chief Executives",
                    "Determine and formulate policies.",
                ],
            ],
        )],
    );
    let t = soc::read_soc(&good).unwrap();
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.info.vintage, "2018");
    assert_eq!(t.rows[1].definition.as_deref(), Some("Determine and formulate policies."));

    let bytes = std::fs::read(&good).unwrap();
    let p = write(&dir, "truncated.xlsx", &bytes[..bytes.len() / 2]);
    let e = soc::read_soc(&p).unwrap_err();
    assert!(matches!(e.kind, ErrorKind::Workbook { .. }), "{e}");
    assert!(e.to_string().contains("truncated or corrupt"), "{e}");

    let p = write(&dir, "text.xlsx", b"AREA,AREA_TITLE\n99,U.S.\n");
    let e = oews::read_oews(&p).unwrap_err();
    assert!(matches!(e.kind, ErrorKind::Workbook { .. }), "{e}");

    let p = write(&dir, "empty.xlsx", b"");
    let e = soc::read_soc(&p).unwrap_err();
    assert!(matches!(e.kind, ErrorKind::Empty), "{e}");
}

#[test]
fn group_that_disagrees_with_the_code_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        &dir,
        "soc.tsv",
        b"SOC Group\tSOC Code\tSOC Title\tSOC Definition\nMajor\t11-0000\tManagement\t\nBroad\t11-1011\tChief Executives\tx\n",
    );
    let e = soc::read_soc(&p).unwrap_err();
    assert_eq!((e.row, e.column.as_deref()), (Some(3), Some("SOC Group")));
    assert!(e.to_string().contains("expected detailed"), "{e}");
}

/// Table 1.2 of a future release: other years in every header, a renamed title row, the
/// sheets in another order, footnote markers and en dashes. Must read the same way.
#[test]
fn ep_tables_of_another_vintage() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("occupation.xlsx");
    let t12 = vec![
        vec!["Table 1.2 Occupational projections, 2031–2041 (Employment in thousands)"],
        vec![
            "2031 National Employment Matrix title",
            "2031 National Employment Matrix code",
            "Occupation type",
            "Employment, 2041",
            "Employment, 2031",
            "Employment change, numeric, 2031–41",
            "Employment change, percent, 2031–41",
            "Percent self employed, 2031[2]",
            "Occupational openings, 2031–41 annual average",
            "Median annual wage, dollars, 2031[1]",
            "Typical education needed for entry",
            "Work experience in a related occupation",
            "Typical on-the-job training needed to attain competency in the occupation",
        ],
        vec![
            "Total, all occupations",
            "00-0000",
            "Summary",
            "180000.5",
            "170000.1",
            "10000.4",
            "5.9",
            "6",
            "19000",
            "52000",
            "—",
            "—",
            "—",
        ],
        vec![
            "  Software developers",
            "15-1252",
            "Line item",
            "2000",
            "1693.8",
            "306.2",
            "18.1",
            "4.1",
            "140.2",
            ">=$239,200",
            "Bachelor's degree",
            "None",
            "None",
        ],
        vec![
            "  Buyers and purchasing agents",
            "13-1020",
            "Summary",
            "—",
            "400",
            "—",
            "—",
            "—",
            "—",
            "—",
            "—",
            "—",
            "—",
        ],
        vec!["Footnotes:"],
        vec!["[1] Data are from OEWS."],
    ];
    let t110 = vec![
        vec!["Table 1.10 Occupational separations and openings, projected 2031–41"],
        vec![
            "2031 National Employment Matrix title",
            "2031 National Employment Matrix code",
            "Occupation type",
            "Labor force exit rate, 2031–41 annual average",
            "Occupational transfer rate, 2031–41 annual average",
            "Total occupational separations rate, 2031–41 annual average",
            "Labor force exits, 2031–41 annual average",
            "Occupational transfers, 2031–41 annual average",
            "Total occupational separations, 2031–41 annual average",
            "Occupational openings, 2031–41 annual average",
        ],
        vec![
            "Software developers",
            "15-1252",
            "Line item",
            "1.5",
            "4.1",
            "5.6",
            "25.1",
            "70.2",
            "95.3",
            "140.2",
        ],
    ];
    let t19 = vec![
        vec!["Table 1.9 2031–41 Industry-occupation matrix data, by industry"],
        vec![
            "2031 National Employment Matrix title",
            "2031 National Employment Matrix code",
            "Industry type",
            "2027 NAICS code",
        ],
        vec!["Total, all industries", "TE1000", "Summary", "—"],
        vec!["  Forestry", "1131-2", "Line item", "113100-3200"],
    ];
    // Sheets named otherwise and out of order: found by their titles.
    xlsx(&p, &[("Index", vec![vec!["contents"]]), ("T110", t110), ("T19", t19), ("T12", t12)]);
    let (tables, info) = ep::read_ep_occupation(&p).unwrap();
    assert_eq!(info.vintage, "2031-41");
    assert_eq!((tables.base_year, tables.projection_year), (2031, 2041));
    assert_eq!(tables.occupations.len(), 3, "footnotes are not rows");
    let sd = &tables.occupations[1];
    assert_eq!(sd.soc.to_string(), "15-1252");
    assert_eq!(sd.title, "Software developers");
    assert_eq!(sd.emp_base.get(), Some(1_693_800.0), "base year is the earlier column, in persons");
    assert_eq!(sd.emp_proj.get(), Some(2_000_000.0));
    assert_eq!(sd.median_wage.status, trellis_sources::Status::TopCoded);
    assert_eq!(sd.median_wage.value, Some(239_200.0));
    assert_eq!(sd.education.as_deref(), Some("Bachelor's degree"));
    let total = &tables.occupations[0];
    assert_eq!(total.soc.to_string(), "00-0000");
    assert_eq!(total.education, None, "— is not a label");
    let agg = &tables.occupations[2];
    assert_eq!(agg.soc.to_string(), "13-1020");
    assert_eq!(agg.emp_base.get(), Some(400_000.0));
    assert_eq!(agg.emp_proj.status, trellis_sources::Status::NotAvailable);
    assert_eq!(agg.emp_proj.get(), None, "— never becomes 0");
    assert_eq!(tables.separations[0].separations.get(), Some(95_300.0));
    assert_eq!(tables.industries[1].naics.as_deref(), Some("113100-3200"));
    assert_eq!(tables.industries[0].naics, None);
}

#[test]
fn missing_table_names_the_sheets_found() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("occupation.xlsx");
    xlsx(
        &p,
        &[("Index", vec![vec!["contents"]]), ("Table 1.1", vec![vec!["Table 1.1 Employment"]])],
    );
    let e = ep::read_ep_occupation(&p).unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains("no worksheet for Table 1.2"), "{msg}");
    assert!(msg.contains("Index, Table 1.1"), "{msg}");
}

const OEWS_HEADER: &str = "AREA,AREA_TITLE,AREA_TYPE,PRIM_STATE,NAICS,NAICS_TITLE,I_GROUP,OWN_CODE,OCC_CODE,OCC_TITLE,O_GROUP,TOT_EMP,EMP_PRSE,JOBS_1000,LOC_QUOTIENT,PCT_TOTAL,PCT_RPT,H_MEAN,A_MEAN,MEAN_PRSE,H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90,ANNUAL,HOURLY";

#[test]
fn oews_special_values_are_statuses_not_zero() {
    let dir = tempfile::tempdir().unwrap();
    let rows = [
        OEWS_HEADER,
        "09,Connecticut,2,CT,000000,Cross-industry,cross-industry,1235,11-1011,Chief Executives,detailed,\"1,230\",5.1,0.7,0.8,,,#,#,3.2,50.1,70.2,#,#,#,104950,130950,#,#,#,,",
        "09,Connecticut,2,CT,000000,Cross-industry,cross-industry,1235,13-1020,Buyers and Purchasing Agents,broad,**,*,*,*,,,30.1,62600,*,*,*,*,*,*,*,*,*,*,*,TRUE,",
        "09,Connecticut,2,CT,000000,Cross-industry,cross-industry,1235,00-0000,All Occupations,total,1650000,0.4,1000,1,,~,35,72800,0.5,15,18,24,38,60,31200,37440,49920,79040,124800,,",
    ];
    let p = write(&dir, "state_M2024_dl.csv", rows.join("\n").as_bytes());
    let t = oews::read_oews(&p).unwrap();
    assert_eq!(t.info.vintage, "M2024");
    let ceo = &t.rows[0];
    assert_eq!(ceo.tot_emp.get(), Some(1230.0));
    assert_eq!(ceo.annual.median.status, trellis_sources::Status::TopCoded);
    assert_eq!(ceo.annual.median.value, Some(239_200.0), "the M2024 top code");
    assert_eq!(ceo.hourly.median.value, Some(115.0));
    assert_eq!(ceo.annual.pct10.get(), Some(104_950.0));
    let buyers = &t.rows[1];
    assert_eq!(buyers.soc.to_string(), "13-1020", "OEWS aggregates are kept");
    assert_eq!(buyers.tot_emp.status, trellis_sources::Status::Suppressed);
    assert_eq!(buyers.tot_emp.get(), None);
    assert_eq!(buyers.annual.median.status, trellis_sources::Status::Suppressed);
    assert!(buyers.annual_only);
    assert_eq!(t.rows[2].pct_rpt.status, trellis_sources::Status::BottomCoded);
    assert_eq!(t.rows[2].soc.to_string(), "00-0000");
    assert_eq!(t.rows[2].area_type, oews::AreaType::State);
    assert_eq!(t.rows[2].pct_total.status, trellis_sources::Status::NotAvailable);

    let bad = [
        OEWS_HEADER,
        "09,Connecticut,2,CT,000000,Cross-industry,cross-industry,1235,11-1011,Chief Executives,detailed,12x,5.1,0.7,0.8,,,1,1,1,1,1,1,1,1,1,1,1,1,1,,",
    ];
    let p = write(&dir, "state_M2024_dl.csv", bad.join("\n").as_bytes());
    let e = oews::read_oews(&p).unwrap_err();
    assert_eq!((e.row, e.column.as_deref()), (Some(2), Some("TOT_EMP")));
    assert!(e.to_string().contains("unexpected value \"12x\""), "{e}");
}

#[test]
fn header_only_and_headerless_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("soc_2018_definitions.xlsx");
    xlsx(&p, &[("2018 SOC", vec![vec!["SOC Group", "SOC Code", "SOC Title", "SOC Definition"]])]);
    let e = soc::read_soc(&p).unwrap_err();
    assert!(matches!(e.kind, ErrorKind::HeaderOnly), "{e}");
    assert_eq!(e.sheet.as_deref(), Some("2018 SOC"));

    xlsx(&p, &[("2018 SOC", vec![vec!["Group", "Code"], vec!["Major", "11-0000"]])]);
    let e = soc::read_soc(&p).unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains("no column for SOC title"), "{msg}");
    assert!(msg.contains("\"Group\", \"Code\""), "{msg}");
}
