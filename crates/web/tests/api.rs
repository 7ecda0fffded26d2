//! The JSON API: shapes, ids, pagination, caching headers, CORS, errors, and the OpenAPI
//! document covering every route.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::*;

#[tokio::test]
async fn clusters_and_sub_clusters_by_stable_ids() {
    let db = fixture_db();
    let app = app_with(Some(&db.path));
    let (s, v) = get_json(&app, "/api/v1/clusters").await;
    assert_eq!(s, 200);
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 14);
    assert_eq!(list.iter().filter(|c| c["cross_cutting"] == true).count(), 3);
    let dt = list.iter().find(|c| c["id"] == "digital-technology").unwrap();
    assert_eq!(dt["occupation_count"], 2);
    let (_, v) = get_json(&app, "/api/v1/sub-clusters").await;
    assert_eq!(v.as_array().unwrap().len(), 72);
    let (_, v) = get_json(&app, "/api/v1/groupings").await;
    assert_eq!(v.as_array().unwrap().len(), 6);
    let (s, v) = get_json(&app, "/api/v1/clusters/construction").await;
    assert_eq!(s, 200);
    assert_eq!(v["occupations"][0]["soc"], "47-2111");
    assert!(!v["content"]["sample_occupations"].as_array().unwrap().is_empty());
    let (s, v) = get_json(&app, "/api/v1/clusters/nope").await;
    assert_eq!(s, 404);
    assert_eq!(v["error"]["code"], "not_found");
    assert!(v["error"]["message"].as_str().unwrap().contains("/api/v1/clusters"));
}

#[tokio::test]
async fn occupation_program_industry_and_profile() {
    let db = fixture_db();
    let app = app_with(Some(&db.path));
    let (s, v) = get_json(&app, "/api/v1/occupations/15-1252").await;
    assert_eq!(s, 200);
    assert_eq!(v["title"], "Software Developers");
    assert_eq!(v["projections"]["openings"], 129000.0);
    assert_eq!(v["wages"]["median"]["value"], 133080.0);
    assert_eq!(v["clusters"][0]["cluster"], "digital-technology");
    assert_eq!(v["programs"][0]["id"], "11.0701");
    let (s, v) = get_json(&app, "/api/v1/profiles/occupations/29-1141?state=CT").await;
    assert_eq!(s, 200);
    assert_eq!(v["state_wages"]["employment"]["status"], "suppressed");
    assert!(v["state_wages"]["employment"]["value"].is_null(), "suppressed is never 0");
    let (s, v) = get_json(&app, "/api/v1/programs/51.3801").await;
    assert_eq!(s, 200);
    assert_eq!(v["occupations"][0]["soc"], "29-1141");
    let (s, v) = get_json(&app, "/api/v1/industries/541").await;
    assert_eq!(s, 200);
    assert_eq!(v["sub_clusters"][0], "software-solutions");
    let (s, v) =
        get_json(&app, "/api/v1/profiles/clusters/healthcare-human-services?state=TX").await;
    assert_eq!(s, 200);
    assert_eq!(v["employment"], 230000.0);
    assert_eq!(v["occupations"], 1);
    let (s, v) = get_json(&app, "/api/v1/occupations/15-9999").await;
    assert_eq!((s, v["error"]["code"].as_str()), (404, Some("not_found")));
    let (s, v) = get_json(&app, "/api/v1/occupations/software").await;
    assert_eq!((s, v["error"]["code"].as_str()), (400, Some("bad_request")));
}

#[tokio::test]
async fn pagination_is_bounded_and_consistent() {
    let db = fixture_db();
    let app = app_with(Some(&db.path));
    let (s, v) = get_json(&app, "/api/v1/occupations?per_page=2&page=2").await;
    assert_eq!(s, 200);
    assert_eq!(
        (v["total"].as_u64(), v["pages"].as_u64(), v["page"].as_u64()),
        (Some(5), Some(3), Some(2))
    );
    assert_eq!(v["items"].as_array().unwrap().len(), 2);
    let (_, all) = get_json(&app, "/api/v1/occupations?per_page=500").await;
    assert_eq!(all["items"][2]["soc"], v["items"][0]["soc"]);
    for bad in ["per_page=0", "per_page=501", "page=0", "page=x"] {
        let (s, v) = get_json(&app, &format!("/api/v1/occupations?{bad}")).await;
        assert_eq!(s, 400, "{bad}");
        assert_eq!(v["error"]["code"], "bad_request");
    }
    let (s, _) = get_json(&app, "/api/v1/occupations?page=99").await;
    assert_eq!(s, 404);
    let (s, v) = get_json(&app, "/api/v1/crosswalk?kind=programs&cluster=construction").await;
    assert_eq!(s, 200);
    assert_eq!(v["items"][0]["code"], "46.0302");
    let (s, _) = get_json(&app, "/api/v1/crosswalk?cluster=no-such-cluster").await;
    assert_eq!(s, 400);
}

#[tokio::test]
async fn etag_cache_control_and_cors() {
    let db = fixture_db();
    let app = app_with(Some(&db.path));
    let req = Request::builder()
        .uri("/api/v1/occupations/15-1252")
        .header("origin", "https://example.org")
        .body(Body::empty())
        .unwrap();
    let r = send(&app, req).await;
    assert_eq!(r.status(), 200);
    let etag = r.headers()["etag"].clone();
    assert!(r.headers()["cache-control"].to_str().unwrap().contains("max-age"));
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    for _ in 0..2 {
        // The second request is answered from the cache: same ETag, 304 when the client has it.
        let req = Request::builder()
            .uri("/api/v1/occupations/15-1252")
            .header("if-none-match", etag.clone())
            .body(Body::empty())
            .unwrap();
        let r = send(&app, req).await;
        assert_eq!(r.status(), 304);
        assert_eq!(r.headers()["etag"], etag);
    }
    let req = Request::builder()
        .method("OPTIONS")
        .uri("/api/v1/clusters")
        .header("origin", "https://example.org")
        .header("access-control-request-method", "GET")
        .body(Body::empty())
        .unwrap();
    let r = send(&app, req).await;
    assert!(r.status().is_success(), "preflight: {}", r.status());
    let methods = r.headers()["access-control-allow-methods"].to_str().unwrap().to_owned();
    assert!(methods.contains("GET") && !methods.contains("POST"));
}

#[tokio::test]
async fn search_and_match() {
    let db = fixture_db();
    let app = app_with(Some(&db.path));
    let (s, v) = get_json(&app, "/api/v1/search?q=elect&limit=5").await;
    assert_eq!(s, 200);
    assert!(v["items"].as_array().unwrap().iter().any(|h| h["id"] == "47-2111"));
    let (s, v) = get_json(&app, "/api/v1/match?q=software%20developers&kind=title").await;
    assert_eq!(s, 200);
    assert_eq!(v["candidates"][0]["code"], "15-1252");
    assert_eq!(v["candidates"][0]["cluster"], "digital-technology");
    let (s, v) = get_json(&app, "/api/v1/match?q=registered%20nursing&kind=program").await;
    assert_eq!(s, 200);
    assert_eq!(v["candidates"][0]["code"], "51.3801");
    let (s, _) = get_json(&app, "/api/v1/match?q=x&kind=bogus").await;
    assert_eq!(s, 400);
    let long = "a".repeat(500);
    let (s, _) = get_json(&app, &format!("/api/v1/search?q={long}")).await;
    assert_eq!(s, 400);
}

/// Sample values for the path parameters of the documented routes.
fn fill(path: &str) -> String {
    let id = if path.contains("sub-clusters") { "skilled-trades" } else { "construction" };
    path.replace("{id}", id)
        .replace("{soc}", "15-1252")
        .replace("{cip}", "51.3801")
        .replace("{naics}", "54")
        .replace("{state}", "CT")
}

#[tokio::test]
async fn openapi_documents_every_route_and_every_documented_route_answers() {
    let db = fixture_db();
    let app = app_with(Some(&db.path));
    let (s, doc) = get_json(&app, "/api/v1/openapi.json").await;
    assert_eq!(s, 200);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths: Vec<String> = doc["paths"].as_object().unwrap().keys().cloned().collect();
    // Every API route the application serves; a new route must be added here and, through
    // utoipa-axum, it is in the document only if registered with its annotation.
    let expected = [
        "/api/v1/groupings",
        "/api/v1/clusters",
        "/api/v1/clusters/{id}",
        "/api/v1/sub-clusters",
        "/api/v1/sub-clusters/{id}",
        "/api/v1/occupations",
        "/api/v1/occupations/{soc}",
        "/api/v1/programs",
        "/api/v1/programs/{cip}",
        "/api/v1/industries",
        "/api/v1/industries/{naics}",
        "/api/v1/profiles/occupations/{soc}",
        "/api/v1/profiles/clusters/{id}",
        "/api/v1/crosswalk",
        "/api/v1/crosswalk/2002",
        "/api/v1/states",
        "/api/v1/hshwid/{state}",
        "/api/v1/search",
        "/api/v1/match",
        "/api/v1/sources",
        "/api/v1/openapi.json",
    ];
    let mut sorted = paths.clone();
    sorted.sort();
    let mut want: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
    want.sort();
    assert_eq!(sorted, want);
    // And every documented route is served (never 404/405/5xx with valid parameters).
    for p in &paths {
        let uri =
            fill(p) + if p.ends_with("/match") || p.ends_with("/search") { "?q=nurse" } else { "" };
        let (s, body, _) = get(&app, &uri).await;
        assert!(s == 200 || (p.contains("hshwid") && (s == 503 || s == 404)), "{uri}: {s} {body}");
        let op = &doc["paths"][p]["get"];
        assert!(op["responses"]["200"].is_object(), "{p} documents its 200 answer");
        assert!(op["tags"].is_array(), "{p} has a tag");
    }
    // Schemas of the main shapes are in the components.
    for schema in ["ErrorBody", "OccupationDetail", "ClusterOut", "XwRow"] {
        assert!(doc["components"]["schemas"][schema].is_object(), "{schema}");
    }
}
