//! A small database in the Trellis schema, written by the tests themselves: a handful of real
//! occupations and programs with made-up but plausible figures, and a current crosswalk build.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, Response};
use http_body_util::BodyExt;
use tower::ServiceExt;

pub const STORE_SCHEMA: &str = trellis_store::SCHEMA;
pub const CROSSWALK_SCHEMA: &str = include_str!("../../../align/src/schema.sql");

pub struct Fixture {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

pub fn fixture_db() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trellis.sqlite");
    write_fixture(&path);
    Fixture { _dir: dir, path }
}

fn write_fixture(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(STORE_SCHEMA).unwrap();
    conn.execute_batch(CROSSWALK_SCHEMA).unwrap();
    conn.execute_batch(
        r#"
INSERT INTO meta VALUES ('schema_version','1'), ('built_at','2026-01-01T00:00:00Z');
INSERT INTO sources VALUES (1,'bls/oews.xlsx','oews.xlsx',1000,'abc123','oews_national','M2024','oews_xlsx/1',NULL,10,'[]');
INSERT INTO soc VALUES
 ('15-1252','detailed','Software Developers','Research, design, and develop computer and network software.','15-1250',1),
 ('15-1251','detailed','Computer Programmers','Create, modify, and test the code.','15-1250',1),
 ('15-1299','detailed','Computer Occupations, All Other','All computer occupations not listed separately.','15-1290',1),
 ('29-1141','detailed','Registered Nurses','Assess patient health problems & needs <and> coordinate care.','29-1140',1),
 ('47-2111','detailed','Electricians','Install, maintain, and repair electrical wiring.','47-2110',1);
INSERT INTO ep_occupation (soc, vintage, title, occ_type, emp_base, emp_proj, emp_change, emp_change_pct, openings, median_wage, median_wage_status, education, experience, training, source_id) VALUES
 ('15-1252','2024-34','Software developers','line_item',1700000,1960000,260000,15.3,129000,133080,'ok','Bachelor''s degree','None','None',1),
 ('15-1251','2024-34','Computer programmers','line_item',140000,131000,-9000,-6.4,5500,99700,'ok','Bachelor''s degree','None','None',1),
 ('29-1141','2024-34','Registered nurses','line_item',3300000,3490000,190000,5.7,189000,93600,'ok','Bachelor''s degree','None','None',1),
 ('47-2111','2024-34','Electricians','line_item',818000,867000,49000,6.0,81000,62350,'ok','High school diploma or equivalent','None','Apprenticeship',1);
INSERT INTO oews (vintage, area_type, area, area_fips, area_title, naics, soc, o_group, tot_emp, tot_emp_status, jobs_1000, loc_quotient, a_mean, a_mean_status, a_pct10, a_pct10_status, a_pct25, a_pct25_status, a_median, a_median_status, a_pct75, a_pct75_status, a_pct90, a_pct90_status, h_median, h_median_status, source_id) VALUES
 ('M2024','national','US',NULL,'U.S.','000000','15-1252','detailed',1650000,'ok',11.0,NULL,140000,'ok',79000,'ok',101000,'ok',133080,'ok',168000,'ok',208000,'ok',63.98,'ok',1),
 ('M2024','national','US',NULL,'U.S.','000000','15-1251','detailed',130000,'ok',0.9,NULL,105000,'ok',55000,'ok',74000,'ok',99700,'ok',128000,'ok',160000,'ok',47.9,'ok',1),
 ('M2024','national','US',NULL,'U.S.','000000','29-1141','detailed',3280000,'ok',21.0,NULL,98000,'ok',66000,'ok',79000,'ok',93600,'ok',114000,'ok',135000,'ok',45.0,'ok',1),
 ('M2024','national','US',NULL,'U.S.','000000','47-2111','detailed',780000,'ok',5.0,NULL,67000,'ok',40000,'ok',48000,'ok',62350,'ok',80000,'ok',104000,'ok',29.98,'ok',1),
 ('M2024','state','CT','09','Connecticut','000000','15-1252','detailed',14000,'ok',8.0,0.7,135000,'ok',80000,'ok',100000,'ok',130000,'ok',160000,'ok',239200,'top_coded',62.5,'ok',1),
 ('M2024','state','CT','09','Connecticut','000000','29-1141','detailed',NULL,'suppressed',NULL,NULL,99000,'ok',70000,'ok',82000,'ok',96000,'ok',118000,'ok',140000,'ok',46.2,'ok',1),
 ('M2024','state','TX','48','Texas','000000','29-1141','detailed',230000,'ok',17.0,0.8,88000,'ok',62000,'ok',74000,'ok',86000,'ok',100000,'ok',120000,'ok',41.3,'ok',1);
INSERT INTO onet_occupation VALUES
 ('15-1252.00','15-1252','Software Developers','Research, design, and develop software.',1),
 ('29-1141.00','29-1141','Registered Nurses','Assess patient health problems.',1),
 ('47-2111.00','47-2111','Electricians','Install electrical wiring.',1);
INSERT INTO onet_job_zone VALUES ('15-1252.00',4), ('15-1251.00',4), ('29-1141.00',3), ('47-2111.00',3);
INSERT INTO onet_task VALUES ('15-1252.00',1,'Analyze user needs and software requirements.','Core'), ('15-1252.00',2,'Modify existing software to correct errors.','Core');
INSERT INTO onet_skill VALUES ('15-1252.00','2.A.1.a','Programming',4.5,5.2), ('15-1252.00','2.A.2.a','Critical Thinking',4.0,4.5);
INSERT INTO onet_technology VALUES ('15-1252.00','Python',43232400,'Object or component oriented development software',1,1);
INSERT INTO onet_related VALUES ('15-1252.00','15-1251.00','Primary-Short',1), ('15-1252.00','15-1299.08','Primary-Long',2);
INSERT INTO onet_alternate_title VALUES ('15-1252.00','Application Developer',NULL,'08'), ('29-1141.00','RN','RN','08');
INSERT INTO cluster2002_occupation VALUES ('15-1252.00','onet-soc-2019','2002-information-technology',NULL,'onet_all_career_clusters',1);
INSERT INTO cip VALUES
 ('11.0701','program','Computer Science','A program that focuses on computers & computing.',NULL,NULL,NULL,1),
 ('51.3801','program','Registered Nursing/Registered Nurse','A program that prepares nurses.',NULL,NULL,NULL,1),
 ('46.0302','program','Electrician','A program that prepares electricians.',NULL,NULL,NULL,1),
 ('11','series','Computer and Information Sciences and Support Services','Instructional programs.',NULL,NULL,NULL,1);
INSERT INTO cip_soc VALUES ('11.0701','15-1252',1), ('11.0701','15-1251',1), ('51.3801','29-1141',1), ('46.0302','47-2111',1);
INSERT INTO naics VALUES ('54','sector','Professional, Scientific, and Technical Services',NULL,NULL,1), ('541','subsector','Professional, Scientific, and Technical Services',NULL,'54',1), ('62','sector','Health Care and Social Assistance',NULL,NULL,1);
INSERT INTO crosswalk_build VALUES (1,'2026-01-01T00:00:00Z','default','deadbeef','{"interdisciplinary_threshold":0.2}','[]',1);
INSERT INTO xw_occupation VALUES
 (1,'15-1252','digital-technology','software-solutions',1,1,0.9,0.4,0,0),
 (1,'15-1251','digital-technology','software-solutions',1,1,0.8,0.4,0,0),
 (1,'29-1141','healthcare-human-services','physical-health',1,1,0.95,0.8,0,0),
 (1,'47-2111','construction','skilled-trades',1,1,0.7,0.5,1,0),
 (1,'47-2111','advanced-manufacturing','industrial-machinery',0,2,0.3,0.2,1,0);
INSERT INTO xw_program (build_id, cip, cluster_id, sub_cluster_id, is_primary, rank, score, interdisciplinary) VALUES
 (1,'11.0701','digital-technology','software-solutions',1,1,1.0,0),
 (1,'51.3801','healthcare-human-services','physical-health',1,1,1.0,0),
 (1,'46.0302','construction','skilled-trades',1,1,0.8,1);
INSERT INTO xw_industry VALUES (1,'54','digital-technology',NULL), (1,'541','digital-technology','software-solutions'), (1,'62','healthcare-human-services',NULL);
INSERT INTO xw_pathway VALUES (1,'2002-information-technology--programming-software-development','software-solutions',0.8,1500000,2);
"#,
    )
    .unwrap();
}

pub fn app_with(path: Option<&Path>) -> axum::Router {
    let state = trellis_web::AppState::open(path).unwrap();
    assert!(state.wait_ready(Duration::from_secs(30)), "background loads finish");
    trellis_web::router(state)
}

pub async fn send(app: &axum::Router, req: Request<Body>) -> Response<Body> {
    tokio::time::timeout(Duration::from_secs(10), app.clone().oneshot(req))
        .await
        .expect("the request did not hang")
        .unwrap()
}

pub async fn get(app: &axum::Router, uri: &str) -> (u16, String, Response<Body>) {
    let req = Request::builder().uri(uri).body(Body::empty()).unwrap();
    let resp = send(app, req).await;
    let status = resp.status().as_u16();
    let (parts, body) = resp.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    (status, text, Response::from_parts(parts, Body::empty()))
}

pub async fn get_json(app: &axum::Router, uri: &str) -> (u16, serde_json::Value) {
    let (s, body, _) = get(app, uri).await;
    (s, serde_json::from_str(&body).unwrap_or_else(|e| panic!("{uri}: not JSON ({e}): {body}")))
}
