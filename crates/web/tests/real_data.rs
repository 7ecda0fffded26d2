//! The application over a database imported from the official files (`TRELLIS_TEST_DATA`):
//! every framework page answers, figures tie out to the database, search and HSHWID work.

mod common;

use std::time::Duration;

use common::*;

fn import(data: &std::path::Path, target: &std::path::Path) {
    let crosswalk = trellis_align::DefaultBuild;
    let matching = trellis_matching::corpus::MatchIndexStep;
    let mut opts = trellis_store::ImportOptions::new(data, Some(target));
    opts.steps = vec![&crosswalk, &matching];
    trellis_store::import(&opts).expect("the official files import");
}

#[tokio::test(flavor = "multi_thread")]
async fn pages_and_api_on_the_official_data() {
    let Some(data) = std::env::var_os("TRELLIS_TEST_DATA") else {
        eprintln!("SKIPPED: pages_and_api_on_the_official_data needs TRELLIS_TEST_DATA");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("trellis.sqlite");
    import(std::path::Path::new(&data), &db);
    let state = trellis_web::AppState::open(Some(&db)).unwrap();
    assert!(state.wait_ready(Duration::from_secs(120)));
    let app = trellis_web::router(state);
    let conn = rusqlite::Connection::open(&db).unwrap();

    // Every cluster and sub-cluster page answers, and lists occupations.
    let fw = trellis_framework::Framework::builtin();
    for c in &fw.clusters {
        let (s, body, _) = get(&app, &format!("/clusters/{}?state=CT", c.id)).await;
        assert_eq!(s, 200, "{}", c.id);
        assert!(body.contains("href=\"/occupations/"), "{} lists occupations", c.id);
    }
    for sc in &fw.sub_clusters {
        let (s, _, _) = get(&app, &format!("/sub-clusters/{}", sc.id)).await;
        assert_eq!(s, 200, "{}", sc.id);
    }

    // The occupation list holds every detailed SOC code of the database.
    let detailed: i64 = conn
        .query_row("SELECT count(*) FROM soc WHERE level = 'detailed'", [], |r| r.get(0))
        .unwrap();
    let (_, v) = get_json(&app, "/api/v1/occupations?per_page=1").await;
    assert_eq!(v["total"].as_i64(), Some(detailed));

    // Figures tie out to the imported tables.
    let (emp, openings): (f64, f64) = conn
        .query_row(
            "SELECT emp_base, openings FROM ep_occupation WHERE soc = '15-1252' ORDER BY vintage DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let (s, v) = get_json(&app, "/api/v1/occupations/15-1252").await;
    assert_eq!(s, 200);
    assert_eq!(v["projections"]["employment_base"].as_f64(), Some(emp));
    assert_eq!(v["projections"]["openings"].as_f64(), Some(openings));
    let primary = v["clusters"].as_array().unwrap().iter().find(|a| a["primary"] == true).unwrap();
    assert_eq!(
        primary["cluster"], "digital-technology",
        "software developers in Digital Technology"
    );
    let (s, body, _) = get(&app, "/occupations/15-1252?state=CT").await;
    assert_eq!(s, 200);
    assert!(body.contains("Connecticut"));

    // A sample of occupation and program pages: no server errors anywhere.
    let (_, all) = get_json(&app, "/api/v1/occupations?per_page=500").await;
    for o in all["items"].as_array().unwrap().iter().step_by(10) {
        let (s, _, _) = get(&app, o["url"].as_str().unwrap()).await;
        assert_eq!(s, 200, "{}", o["url"]);
    }
    let (_, programs) = get_json(&app, "/api/v1/programs?per_page=500").await;
    for p in programs["items"].as_array().unwrap().iter().step_by(25) {
        let (s, _, _) = get(&app, p["url"].as_str().unwrap()).await;
        assert_eq!(s, 200, "{}", p["url"]);
    }

    // Search understands abbreviations through the matcher; codes through the title index.
    let (_, v) = get_json(&app, "/api/v1/match?q=RN&kind=title").await;
    assert_eq!(v["method"], "matcher");
    assert_eq!(v["candidates"][0]["code"], "29-1141");
    let (_, v) = get_json(&app, "/api/v1/search?q=51.3801").await;
    assert_eq!(v["items"][0]["id"], "51.3801");

    // The crosswalk download has exactly the rows the API counts for the same filters.
    let (_, v) = get_json(&app, "/api/v1/crosswalk?cluster=construction&per_page=1").await;
    let total = v["total"].as_u64().unwrap();
    assert!(total > 10);
    let (s, csv, _) =
        get(&app, "/crosswalk/download?kind=occupations&cluster=construction&format=csv").await;
    assert_eq!(s, 200);
    assert_eq!(csv.lines().count() as u64, total + 1);

    // Connecticut's HSHWID list, evaluated from its definitions.
    let (s, v) = get_json(&app, "/api/v1/hshwid/CT").await;
    assert_eq!(s, 200, "{v}");
    let rows = v["occupations"].as_array().unwrap();
    assert!(rows.len() > 400, "{} occupations", rows.len());
    assert!(rows.iter().any(|r| r["designated"] == true));
    assert!(v["definitions"]["high_wage"].as_str().unwrap().contains("$57,870"));
    let (s, body, _) = get(&app, "/clusters/construction?state=CT").await;
    assert_eq!(s, 200);
    assert!(body.contains("class=\"badge yes\""), "HSHWID badges on the cluster page");

    browse_pages(&app, &conn, detailed).await;
}

/// The browse-all pages and the API reference over the official data.
async fn browse_pages(app: &axum::Router, conn: &rusqlite::Connection, detailed: i64) {
    let (s, body, _) = get(app, "/occupations").await;
    assert_eq!(s, 200);
    let pages = (detailed + 99) / 100;
    assert!(body.contains(&format!("{detailed} occupations match; page 1 of {pages}")));
    let (s, _, _) = get(app, &format!("/occupations?page={pages}")).await;
    assert_eq!(s, 200, "the last page");
    let (s, _, _) = get(app, &format!("/occupations?page={}", pages + 1)).await;
    assert_eq!(s, 404, "past the last page");
    let (_, csv, _) = get(app, "/occupations/download?format=csv").await;
    assert_eq!(csv.lines().count() as i64, detailed + 1, "the download holds every occupation");
    // Connecticut's designated occupations: every row of the download is designated.
    let (s, csv, _) = get(app, "/occupations/download?state=CT&hshwid=designated&format=csv").await;
    assert_eq!(s, 200);
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert!(rows.len() > 100, "{} designated", rows.len());
    assert!(rows.iter().all(|r| r.ends_with(",true,true,true,true")), "{}", rows[0]);

    // Programs: those with at least one detailed SOC occupation in the NCES crosswalk.
    let matched: i64 = conn
        .query_row(
            "SELECT count(DISTINCT c.code) FROM cip c JOIN cip_soc x ON x.cip = c.code
             JOIN soc s ON s.code = x.soc AND s.level = 'detailed' WHERE c.level = 'program'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let (s, body, _) = get(app, "/programs").await;
    assert_eq!(s, 200);
    assert!(body.contains(&format!("{matched} programs match")), "{matched}");
    let (_, csv, _) = get(app, "/programs/download?format=csv").await;
    assert_eq!(csv.lines().count() as i64, matched + 1);

    let (s, body, _) = get(app, "/industries").await;
    assert_eq!(s, 200);
    assert_eq!(body.matches("<h2 id=\"sector-").count(), 20, "the 20 NAICS sectors");

    let (s, body, _) = get(app, "/api").await;
    assert_eq!(s, 200);
    for uri in body.split("<a class=\"example\" href=\"").skip(1) {
        let uri = uri.split('"').next().unwrap().replace("&#38;", "&");
        let (s, _, _) = get(app, &uri).await;
        assert_eq!(s, 200, "{uri}");
    }
}
