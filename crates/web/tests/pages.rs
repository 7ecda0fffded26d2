//! The HTML pages over a small database: content, links, escaping, headers.

mod common;

use common::*;

#[tokio::test]
async fn home_has_the_wheel_with_every_cluster_and_security_headers() {
    let db = fixture_db();
    let app = app_with(Some(&db.path));
    let (s, body, resp) = get(&app, "/").await;
    assert_eq!(s, 200);
    let fw = trellis_framework::Framework::builtin();
    assert_eq!(fw.clusters.len(), 14);
    for c in &fw.clusters {
        // Twice: a wheel segment and the list beside it.
        let link = format!("href=\"/clusters/{}\"", c.id);
        assert!(body.matches(&link).count() >= 2, "{} missing", c.id);
    }
    assert!(body.contains("<svg class=\"wheel\""));
    assert!(!body.contains("<script>"), "no inline scripts");
    assert!(!body.contains(" style="), "no inline styles");
    let h = resp.headers();
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"));
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert!(h["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(h.contains_key("etag"));
}

#[tokio::test]
async fn cluster_page_lists_its_occupations_with_figures() {
    let db = fixture_db();
    let app = app_with(Some(&db.path));
    let (s, body, _) = get(&app, "/clusters/digital-technology").await;
    assert_eq!(s, 200);
    assert!(body.contains("Modernizing Industries and Connecting Communities"));
    assert!(body.contains("href=\"/occupations/15-1252\""));
    assert!(body.contains("$133,080"), "national median wage");
    assert!(body.contains("+15.3%"));
    assert!(body.contains("129,000"), "openings");
    assert!(!body.contains("/occupations/29-1141"), "nurses are not in this cluster");
    assert!(body.contains("<svg class=\"chart\""), "charts are drawn");
    assert!(body.contains("Information Technology"), "2002 predecessor");
    // The state view switches employment and wages to the state's figures.
    let (s, body, _) = get(&app, "/clusters/digital-technology?state=CT").await;
    assert_eq!(s, 200);
    assert!(body.contains("$130,000") && body.contains("14,000"));
    // Interdisciplinary occupations are listed in both of their clusters.
    let (_, body, _) = get(&app, "/clusters/advanced-manufacturing").await;
    assert!(body.contains("/occupations/47-2111") && body.contains("also in Construction"));
}

#[tokio::test]
async fn occupation_page_shows_profile_ladder_lattice_and_programs() {
    let db = fixture_db();
    let app = app_with(Some(&db.path));
    let (s, body, _) = get(&app, "/occupations/15-1252?state=CT").await;
    assert_eq!(s, 200, "{body}");
    assert!(body.contains("<h1>Software Developers"));
    assert!(body.contains("≥ $239,200"), "top-coded state wage shown as a floor");
    assert!(body.contains("Analyze user needs"), "O*NET tasks");
    assert!(body.contains("Python"), "hot technology");
    assert!(body.contains("href=\"/occupations/15-1251\""), "lattice: O*NET related occupation");
    assert!(body.contains("href=\"/programs/11.0701\""), "programs");
    assert!(body.contains("Application Developer"), "alternate titles");
    // Definitions are escaped, not injected.
    let (_, body, _) = get(&app, "/occupations/29-1141").await;
    assert!(body.contains("&#38; needs &#60;and&#62; coordinate"));
    // A lenient code form finds the same occupation.
    let (s, _, _) = get(&app, "/occupations/151252").await;
    assert_eq!(s, 200);
}

#[tokio::test]
async fn sub_cluster_and_program_pages() {
    let db = fixture_db();
    let app = app_with(Some(&db.path));
    let (s, body, _) = get(&app, "/sub-clusters/software-solutions").await;
    assert_eq!(s, 200);
    assert!(body.contains("/occupations/15-1252") && body.contains("/programs/11.0701"));
    assert!(body.contains("Programming"), "2002 pathway that feeds it");
    let (s, body, _) = get(&app, "/programs/51.3801").await;
    assert_eq!(s, 200);
    assert!(body.contains("Registered Nursing") && body.contains("/occupations/29-1141"));
    assert!(body.contains("/clusters/healthcare-human-services"));
}

#[tokio::test]
async fn search_page_finds_clusters_occupations_and_programs() {
    let db = fixture_db();
    let app = app_with(Some(&db.path));
    let (s, body, _) = get(&app, "/search?q=software").await;
    assert_eq!(s, 200);
    assert!(body.contains("/occupations/15-1252"));
    let (_, body, _) = get(&app, "/search?q=health").await;
    assert!(body.contains("/clusters/healthcare-human-services"));
    let (_, body, _) = get(&app, "/search?q=51.3801").await;
    assert!(body.contains("/programs/51.3801"));
    let (_, body, _) = get(&app, "/search?q=%3Cscript%3E").await;
    assert!(!body.contains("<script>") && body.contains("&#60;script&#62;"));
}

#[tokio::test]
async fn crosswalk_download_holds_exactly_the_rows_shown() {
    let db = fixture_db();
    let app = app_with(Some(&db.path));
    let (s, page, _) = get(&app, "/crosswalk?kind=occupations&cluster=construction").await;
    assert_eq!(s, 200);
    assert!(page.contains("1 row matches"));
    let (s, csv, resp) =
        get(&app, "/crosswalk/download?kind=occupations&cluster=construction&format=csv").await;
    assert_eq!(s, 200);
    assert!(resp.headers()["content-disposition"].to_str().unwrap().contains(".csv"));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "cluster,cluster_name,sub_cluster,sub_cluster_name,code,title,primary,score,interdisciplinary"
    );
    assert_eq!(lines.len(), 2);
    assert!(lines[1].starts_with("construction,Construction,skilled-trades,Skilled Trades,47-2111,Electricians,true,0.7000,true"));
    let (s, _, resp) = get(&app, "/crosswalk/download?kind=programs&format=xlsx").await;
    assert_eq!(s, 200);
    assert!(resp.headers()["content-type"].to_str().unwrap().contains("spreadsheetml"));
    let (s, json, _) = get(&app, "/crosswalk/download?kind=programs&soc=29&format=json").await;
    assert_eq!(s, 200);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["code"], "51.3801");
    let (s, body, _) = get(&app, "/crosswalk/2002").await;
    assert_eq!(s, 200);
    assert!(body.contains("/sub-clusters/software-solutions") && body.contains("80%"));
}

#[tokio::test]
async fn data_page_lists_sources_with_checksums() {
    let db = fixture_db();
    let app = app_with(Some(&db.path));
    let (s, body, _) = get(&app, "/data").await;
    assert_eq!(s, 200);
    assert!(
        body.contains("abc123")
            && body.contains("M2024")
            && body.contains("interdisciplinary_threshold")
    );
}

#[tokio::test]
async fn without_a_database_the_framework_pages_work_and_data_pages_explain() {
    let app = app_with(None);
    for uri in [
        "/",
        "/clusters",
        "/clusters/construction",
        "/sub-clusters/skilled-trades",
        "/crosswalk",
        "/crosswalk/2002",
        "/hshwid?state=CT",
        "/align",
        "/data",
        "/search?q=construction",
        "/occupations",
        "/programs",
        "/industries",
        "/api",
    ] {
        let (s, body, _) = get(&app, uri).await;
        assert_eq!(s, 200, "{uri}: {body}");
    }
    let (_, body, _) = get(&app, "/clusters/construction").await;
    assert!(body.contains("trellis data import"));
    let (s, body, _) = get(&app, "/occupations/15-1252").await;
    assert_eq!(s, 503);
    assert!(body.contains("trellis data import"));
    let (s, v) = get_json(&app, "/api/v1/occupations/15-1252").await;
    assert_eq!(s, 503);
    assert_eq!(v["error"]["code"], "data_unavailable");
}

#[tokio::test]
async fn pages_are_gzipped_for_clients_that_ask() {
    use std::io::Read;
    let db = fixture_db();
    let app = app_with(Some(&db.path));
    let (s, plain, _) = get(&app, "/programs").await;
    assert_eq!(s, 200);
    // Twice: the second answer comes from the response cache and is compressed as well.
    for _ in 0..2 {
        let req = axum::http::Request::builder()
            .uri("/programs")
            .header("accept-encoding", "gzip")
            .body(axum::body::Body::empty())
            .unwrap();
        let resp = send(&app, req).await;
        assert_eq!(resp.status(), 200);
        assert_eq!(resp.headers()["content-encoding"], "gzip");
        assert!(
            resp.headers()["vary"].to_str().unwrap().to_lowercase().contains("accept-encoding")
        );
        let bytes = http_body_util::BodyExt::collect(resp.into_body()).await.unwrap().to_bytes();
        assert!(bytes.len() < plain.len(), "{} >= {}", bytes.len(), plain.len());
        let mut unzipped = String::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_string(&mut unzipped).unwrap();
        assert_eq!(unzipped, plain);
    }
    // Clients that do not ask, or refuse it, get the plain body.
    let (_, _, resp) = get(&app, "/programs").await;
    assert!(!resp.headers().contains_key("content-encoding"));
    let req = axum::http::Request::builder()
        .uri("/programs")
        .header("accept-encoding", "gzip;q=0, identity")
        .body(axum::body::Body::empty())
        .unwrap();
    assert!(!send(&app, req).await.headers().contains_key("content-encoding"));
}
