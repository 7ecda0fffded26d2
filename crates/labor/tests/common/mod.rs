//! A small database with the store and crosswalk schemas and a handful of occupations whose
//! figures the tests can compute by hand.
#![allow(dead_code)]

use rusqlite::{Connection, params};
use trellis_labor::{Cluster, LaborData, SubCluster};

pub const STORE_SCHEMA: &str = trellis_store::SCHEMA;
pub const ALIGN_SCHEMA: &str = trellis_align::persist::SCHEMA;

pub fn clusters() -> Vec<Cluster> {
    let sub = |id: &str, name: &str| SubCluster { id: id.into(), name: name.into() };
    vec![
        Cluster {
            id: "construction".into(),
            name: "Construction".into(),
            sub_clusters: vec![
                sub("construction-planning-development", "Construction Planning & Development"),
                sub("skilled-trades", "Skilled Trades"),
            ],
            specialized_skills: vec!["Hand Tools".into()],
            software_skills: vec!["AutoCAD".into()],
            ..Default::default()
        },
        Cluster {
            id: "healthcare-human-services".into(),
            name: "Healthcare & Human Services".into(),
            sub_clusters: vec![sub("therapeutic-services", "Therapeutic Services")],
            ..Default::default()
        },
        Cluster {
            id: "management-entrepreneurship".into(),
            name: "Management & Entrepreneurship".into(),
            cross_cutting: true,
            sub_clusters: vec![sub("operations-management", "Operations Management")],
            ..Default::default()
        },
    ]
}

/// (soc, title, emp, proj, change, pct, openings, education, experience, training)
pub type EpRow =
    (&'static str, &'static str, f64, f64, f64, f64, f64, &'static str, &'static str, &'static str);
pub const EP: [EpRow; 7] = [
    (
        "11-9021",
        "Construction managers",
        500_000.0,
        540_000.0,
        40_000.0,
        8.0,
        45_000.0,
        "Bachelor's degree",
        "None",
        "Moderate-term on-the-job training",
    ),
    (
        "13-1020",
        "Buyers and purchasing agents",
        500_000.0,
        510_000.0,
        10_000.0,
        2.0,
        40_000.0,
        "Bachelor's degree",
        "None",
        "Moderate-term on-the-job training",
    ),
    (
        "29-1141",
        "Registered nurses",
        3_391_000.0,
        3_557_100.0,
        166_100.0,
        4.9,
        189_100.0,
        "Bachelor's degree",
        "None",
        "None",
    ),
    (
        "31-1131",
        "Nursing assistants",
        1_400_000.0,
        1_450_000.0,
        50_000.0,
        3.6,
        200_000.0,
        "Postsecondary nondegree award",
        "None",
        "None",
    ),
    (
        "47-1011",
        "First-line supervisors of construction trades",
        800_000.0,
        840_000.0,
        40_000.0,
        5.0,
        70_000.0,
        "High school diploma or equivalent",
        "5 years or more",
        "None",
    ),
    (
        "47-2031",
        "Carpenters",
        1_000_000.0,
        1_050_000.0,
        50_000.0,
        5.0,
        80_000.0,
        "High school diploma or equivalent",
        "None",
        "Apprenticeship",
    ),
    (
        "47-2061",
        "Construction laborers",
        1_200_000.0,
        1_260_000.0,
        60_000.0,
        5.0,
        130_000.0,
        "No formal educational credential",
        "None",
        "Short-term on-the-job training",
    ),
];

/// National OEWS: (soc, employment, pct10, median)
pub const NATIONAL: [(&str, f64, f64, f64); 7] = [
    ("11-9021", 450_000.0, 65_000.0, 105_000.0),
    ("13-1020", 480_000.0, 42_000.0, 72_000.0),
    ("29-1141", 3_280_000.0, 66_000.0, 93_600.0),
    ("31-1131", 1_350_000.0, 30_000.0, 39_000.0),
    ("47-1011", 650_000.0, 50_000.0, 76_000.0),
    ("47-2031", 700_000.0, 38_000.0, 56_000.0),
    ("47-2061", 1_000_000.0, 32_000.0, 46_000.0),
];

/// State OEWS: (state, soc, employment or None = suppressed, median, median status)
pub const STATE: [(&str, &str, Option<f64>, f64, &str); 13] = [
    ("CT", "11-9021", Some(3_000.0), 239_200.0, "top_coded"),
    ("CT", "29-1141", Some(36_000.0), 100_000.0, "ok"),
    ("CT", "31-1131", Some(20_000.0), 45_000.0, "ok"),
    ("CT", "47-1011", Some(6_000.0), 85_000.0, "ok"),
    ("CT", "47-2031", Some(8_000.0), 60_000.0, "ok"),
    ("CT", "47-2061", None, 50_000.0, "ok"),
    ("TX", "11-9021", Some(30_000.0), 100_000.0, "ok"),
    ("TX", "13-1020", Some(40_000.0), 70_000.0, "ok"),
    ("TX", "29-1141", Some(230_000.0), 90_000.0, "ok"),
    ("TX", "31-1131", Some(100_000.0), 35_000.0, "ok"),
    ("TX", "47-1011", Some(50_000.0), 70_000.0, "ok"),
    ("TX", "47-2031", Some(60_000.0), 50_000.0, "ok"),
    ("TX", "47-2061", Some(90_000.0), 40_000.0, "ok"),
];

pub fn database() -> Connection {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(STORE_SCHEMA).unwrap();
    conn.execute_batch(ALIGN_SCHEMA).unwrap();
    fill(&conn);
    conn
}

fn fill(conn: &Connection) {
    let tx = conn.unchecked_transaction().unwrap();
    tx.execute(
        "INSERT INTO sources (id, path, file_name, size, sha256, dataset, vintage, reader, rows) VALUES
         (1, 'bls/ep_2024_34/occupation.xlsx', 'occupation.xlsx', 1, 'aa', 'ep_occupation', '2024-34', 'test/1', 7),
         (2, 'bls/oews_m2024/national_M2024_dl.xlsx', 'national_M2024_dl.xlsx', 1, 'bb', 'oews_national', 'M2024', 'test/1', 7),
         (3, 'onet/Occupation Data.txt', 'Occupation Data.txt', 1, 'cc', 'onet_occupation_data', '29.3', 'test/1', 2)",
        [],
    )
    .unwrap();
    for (code, title, emp, proj, change, pct, openings, ed, ex, tr) in EP {
        tx.execute(
            "INSERT INTO ep_occupation (soc, vintage, title, occ_type, emp_base, emp_proj, emp_change, emp_change_pct,
               openings, median_wage_status, education, experience, training, source_id)
             VALUES (?1, '2024-34', ?2, 'line_item', ?3, ?4, ?5, ?6, ?7, 'ok', ?8, ?9, ?10, 1)",
            params![code, title, emp, proj, change, pct, openings, ed, ex, tr],
        )
        .unwrap();
    }
    // A summary row must not be taken for an occupation.
    tx.execute(
        "INSERT INTO ep_occupation (soc, vintage, title, occ_type, emp_base, median_wage_status, source_id)
         VALUES ('47-0000', '2024-34', 'Construction and extraction occupations', 'summary', 6000000, 'ok', 1)",
        [],
    )
    .unwrap();
    let detailed = [
        "11-9021", "29-1141", "31-1131", "47-1011", "47-2031", "47-2061", "13-1021", "13-1022",
        "13-1023",
    ];
    for code in detailed {
        tx.execute(
            "INSERT INTO soc (code, level, title, source_id) VALUES (?1, 'detailed', ?2, 1)",
            params![code, format!("Title {code}")],
        )
        .unwrap();
    }
    for d in ["13-1021", "13-1022", "13-1023"] {
        tx.execute(
            "INSERT INTO soc_aggregate (code, title, detailed, origin) VALUES ('13-1020', 'Buyers and Purchasing Agents', ?1, 'oews')",
            [d],
        )
        .unwrap();
    }
    let oews = |area_type: &str,
                area: &str,
                title: &str,
                naics: &str,
                soc: &str,
                group: &str,
                emp: Option<f64>,
                p10: f64,
                med: Option<f64>,
                med_status: &str| {
        tx.execute(
            "INSERT INTO oews (vintage, area_type, area, area_title, naics, soc, o_group,
               tot_emp, tot_emp_status, a_mean_status, a_pct10, a_pct10_status, a_pct25_status,
               a_median, a_median_status, a_pct75_status, a_pct90_status, h_median_status, source_id)
             VALUES ('M2024', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'not_available', ?9, 'ok', 'not_available',
               ?10, ?11, 'not_available', 'not_available', 'not_available', 2)",
            params![
                area_type,
                area,
                title,
                naics,
                soc,
                group,
                emp,
                if emp.is_some() { "ok" } else { "suppressed" },
                p10,
                med,
                med_status
            ],
        )
        .unwrap();
    };
    oews(
        "national",
        "US",
        "U.S.",
        "000000",
        "00-0000",
        "total",
        Some(154_000_000.0),
        30_000.0,
        Some(49_500.0),
        "ok",
    );
    for (soc, emp, p10, med) in NATIONAL {
        oews("national", "US", "U.S.", "000000", soc, "detailed", Some(emp), p10, Some(med), "ok");
    }
    // Sector rows: carpenters in construction and manufacturing, nurses in health care.
    oews(
        "national",
        "US",
        "U.S.",
        "23",
        "47-2031",
        "detailed",
        Some(600_000.0),
        38_000.0,
        Some(56_000.0),
        "ok",
    );
    oews(
        "national",
        "US",
        "U.S.",
        "31-33",
        "47-2031",
        "detailed",
        Some(100_000.0),
        38_000.0,
        Some(56_000.0),
        "ok",
    );
    oews(
        "national",
        "US",
        "U.S.",
        "23",
        "47-2061",
        "detailed",
        Some(900_000.0),
        32_000.0,
        Some(46_000.0),
        "ok",
    );
    oews(
        "national",
        "US",
        "U.S.",
        "62",
        "29-1141",
        "detailed",
        Some(3_000_000.0),
        66_000.0,
        Some(93_600.0),
        "ok",
    );
    oews(
        "national",
        "US",
        "U.S.",
        "31-33",
        "51-2090",
        "detailed",
        Some(1_000_000.0),
        30_000.0,
        Some(40_000.0),
        "ok",
    );
    for (state, soc, emp, med, status) in STATE {
        let name = if state == "CT" { "Connecticut" } else { "Texas" };
        oews("state", state, name, "000000", soc, "detailed", emp, 30_000.0, Some(med), status);
    }
    tx.execute(
        "INSERT INTO ep_industry_output (code, table_id, vintage, title, naics, output_base, output_proj, source_id) VALUES
         ('T', '2.2', '2023-33', 'Total, all industries', '–', 38771.3, 46879.3, 1),
         ('G', '2.2', '2023-33', 'Goods-producing, excluding agriculture and utilities', '21, 23, 31-33', 7762.8, 8923.3, 1),
         ('23', '2.2', '2023-33', 'Construction', '23', 1606.3, 1848.2, 1),
         ('31-33', '2.2', '2023-33', 'Manufacturing', '31-33', 5598.6, 6331.2, 1),
         ('62', '2.2', '2023-33', 'Healthcare and social assistance; private', '62', 2747.4, 3563.9, 1)",
        [],
    )
    .unwrap();
    tx.execute(
        "INSERT INTO nem (vintage, soc_version, industry, soc, occ_type, emp_base, pct_of_industry, pct_of_occupation, source_id) VALUES
         ('2022-32', '2018', '230000', '47-2031', 'line_item', 760000, 10.0, 80.0, 1),
         ('2022-32', '2018', '320000', '47-2031', 'line_item', 95000, 1.0, 10.0, 1),
         ('2022-32', '2018', '622000', '29-1141', 'line_item', 1800000, 30.0, 55.0, 1)",
        [],
    )
    .unwrap();
    tx.execute(
        "INSERT INTO cip (code, level, title, definition, source_id) VALUES
         ('51.3801', 'program', 'Registered Nursing/Registered Nurse', 'd', 1),
         ('46.0201', 'program', 'Carpentry/Carpenter', 'd', 1)",
        [],
    )
    .unwrap();
    tx.execute(
        "INSERT INTO cip_soc (cip, soc, source_id) VALUES ('51.3801', '29-1141', 1), ('46.0201', '47-2031', 1), ('52.0202', '13-1021', 1)",
        [],
    )
    .unwrap();
    tx.execute(
        "INSERT INTO onet_occupation (onet_soc, soc, title, description, source_id) VALUES
         ('29-1141.00', '29-1141', 'Registered Nurses', 'd', 3),
         ('47-2031.01', '47-2031', 'Construction Carpenters', 'd', 3)",
        [],
    )
    .unwrap();
    tx.execute(
        "INSERT INTO onet_technology (onet_soc, example, commodity_code, commodity_title, hot, in_demand) VALUES
         ('29-1141.00', 'Epic Systems', 1, 'Medical software', 1, 1),
         ('29-1141.00', 'Microsoft Excel', 2, 'Spreadsheet software', 1, 0),
         ('29-1141.00', 'Notepad', 3, 'Word processing software', 0, 0),
         ('47-2031.01', 'Microsoft Excel', 2, 'Spreadsheet software', 1, 0)",
        [],
    )
    .unwrap();
    tx.execute(
        "INSERT INTO onet_skill (onet_soc, element_id, element_name, importance, level) VALUES
         ('29-1141.00', '2.A.1.a', 'Reading Comprehension', 4.0, 4.5),
         ('29-1141.00', '2.B.1.a', 'Social Perceptiveness', 4.5, 4.0),
         ('47-2031.01', '2.A.1.a', 'Reading Comprehension', 3.0, 3.0)",
        [],
    )
    .unwrap();
    tx.execute(
        "INSERT INTO crosswalk_build (id, created_at, inputs_sha256, params_json, is_current) VALUES
         (1, '2025-01-01T00:00:00Z', 'x', '{}', 0), (2, '2025-01-02T00:00:00Z', 'y', '{}', 1)",
        [],
    )
    .unwrap();
    // (soc, cluster, sub-cluster, primary, share)
    type Xw = (&'static str, &'static str, Option<&'static str>, i64, Option<f64>);
    let xw: [Xw; 10] = [
        ("47-2031", "construction", Some("skilled-trades"), 1, Some(0.9)),
        ("47-1011", "construction", Some("construction-planning-development"), 1, Some(1.0)),
        ("11-9021", "construction", Some("construction-planning-development"), 1, Some(0.7)),
        ("11-9021", "management-entrepreneurship", None, 0, Some(0.3)),
        ("47-2061", "construction", Some("skilled-trades"), 1, None),
        ("29-1141", "healthcare-human-services", Some("therapeutic-services"), 1, Some(0.95)),
        ("31-1131", "healthcare-human-services", Some("therapeutic-services"), 1, None),
        ("13-1021", "management-entrepreneurship", Some("operations-management"), 1, None),
        ("13-1022", "management-entrepreneurship", Some("operations-management"), 1, None),
        ("13-1023", "construction", None, 1, None),
    ];
    for (rank, (soc, cluster, sub, primary, share)) in xw.into_iter().enumerate() {
        tx.execute(
            "INSERT INTO xw_occupation (build_id, soc, cluster_id, sub_cluster_id, is_primary, rank, score, cluster_share, interdisciplinary)
             VALUES (2, ?1, ?2, ?3, ?4, ?5, 0.9, ?6, 0)",
            params![soc, cluster, sub, primary, rank as i64 + 1, share],
        )
        .unwrap();
    }
    // The build that is not current puts nurses elsewhere: it must not be read.
    tx.execute(
        "INSERT INTO xw_occupation (build_id, soc, cluster_id, sub_cluster_id, is_primary, rank, score, interdisciplinary)
         VALUES (1, '29-1141', 'construction', NULL, 1, 1, 0.5, 0)",
        [],
    )
    .unwrap();
    tx.commit().unwrap();
}

pub fn data() -> LaborData {
    LaborData::load(&database(), clusters()).unwrap()
}

pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * b.abs().max(1.0)
}
