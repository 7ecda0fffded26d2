//! The browse-all pages (`/occupations`, `/programs`), their downloads, and the API reference
//! page, over the small fixture database.

mod common;

use common::*;

/// The SOC codes of the occupation links in the table body, in order.
fn listed_socs(body: &str) -> Vec<String> {
    let tbody = body.split("<tbody>").nth(1).unwrap_or_default();
    tbody
        .split("<td><a href=\"/occupations/")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_owned())
        .fold(Vec::new(), |mut v: Vec<String>, soc| {
            // The code and the title both link to the occupation.
            if v.last() != Some(&soc) {
                v.push(soc);
            }
            v
        })
}

fn csv_first_column(csv: &str) -> Vec<String> {
    csv.lines().skip(1).map(|l| l.split(',').next().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn occupations_page_lists_every_occupation_and_is_in_the_navigation() {
    let db = fixture_db();
    let app = app_with(Some(&db.path));
    let (s, body, resp) = get(&app, "/occupations").await;
    assert_eq!(s, 200, "{body}");
    assert_eq!(listed_socs(&body), ["15-1251", "15-1252", "15-1299", "29-1141", "47-2111"]);
    assert!(body.contains("5 occupations match"));
    assert!(body.contains("href=\"/occupations\" aria-current=\"page\""), "navigation");
    assert!(body.contains("href=\"/programs\"") && body.contains("href=\"/api\""));
    assert!(body.contains("$133,080") && body.contains("+15.3%"), "national figures");
    assert!(body.contains("href=\"/clusters/digital-technology\""), "cluster links");
    assert!(!body.contains("<script>") && !body.contains(" style="));
    assert!(resp.headers().contains_key("etag"));
    // Table headers sort by link and say which sort is on.
    assert!(body.contains("aria-sort=\"ascending\""));
    assert!(body.contains("href=\"/occupations?sort=median\""));
}

#[tokio::test]
async fn occupations_filter_and_sort_on_the_server() {
    let db = fixture_db();
    let app = app_with(Some(&db.path));
    let socs = |uri: &'static str| {
        let app = app.clone();
        async move {
            let (s, body, _) = get(&app, uri).await;
            assert_eq!(s, 200, "{uri}: {body}");
            listed_socs(&body)
        }
    };
    // Any assignment counts: electricians are also in Advanced Manufacturing.
    assert_eq!(socs("/occupations?cluster=construction").await, ["47-2111"]);
    assert_eq!(socs("/occupations?cluster=advanced-manufacturing").await, ["47-2111"]);
    assert_eq!(socs("/occupations?sub_cluster=software-solutions").await, ["15-1251", "15-1252"]);
    assert_eq!(socs("/occupations?job_zone=3").await, ["29-1141", "47-2111"]);
    assert_eq!(socs("/occupations?education=High+school+diploma+or+equivalent").await, ["47-2111"]);
    assert_eq!(socs("/occupations?q=software").await, ["15-1252"]);
    assert_eq!(socs("/occupations?q=15-125").await, ["15-1251", "15-1252"]);
    // Empty form fields mean "no filter".
    assert_eq!(socs("/occupations?q=&cluster=&job_zone=&education=&state=").await.len(), 5);
    // Figures sort largest first; an occupation without the figure comes last either way.
    assert_eq!(
        socs("/occupations?sort=median").await,
        ["15-1252", "15-1251", "29-1141", "47-2111", "15-1299"]
    );
    assert_eq!(
        socs("/occupations?sort=median&dir=asc").await,
        ["47-2111", "29-1141", "15-1251", "15-1252", "15-1299"]
    );
    assert_eq!(
        socs("/occupations?sort=title").await,
        ["15-1299", "15-1251", "47-2111", "29-1141", "15-1252"]
    );
    assert_eq!(socs("/occupations?sort=soc&dir=desc").await[0], "47-2111");
    // With a state, the state's wages are shown and sorted on.
    let (s, body, _) = get(&app, "/occupations?state=CT&sort=median").await;
    assert_eq!(s, 200);
    assert!(body.contains("$130,000") && body.contains("Median wage (CT)"));
    assert_eq!(listed_socs(&body)[..2], ["15-1252", "29-1141"]);
}

#[tokio::test]
async fn occupations_download_holds_exactly_the_rows_shown() {
    let db = fixture_db();
    let app = app_with(Some(&db.path));
    let query = "cluster=digital-technology&sort=median&dir=asc";
    let (_, page, _) = get(&app, &format!("/occupations?{query}")).await;
    let shown = listed_socs(&page);
    assert_eq!(shown, ["15-1251", "15-1252"]);
    // The page's own download link carries the same query.
    assert!(page.contains(
        "href=\"/occupations/download?cluster=digital-technology&#38;sort=median&#38;dir=asc&amp;format=csv\""
    ));
    let (s, csv, resp) = get(&app, &format!("/occupations/download?{query}&format=csv")).await;
    assert_eq!(s, 200);
    assert!(resp.headers()["content-disposition"].to_str().unwrap().contains(".csv"));
    assert_eq!(csv_first_column(&csv), shown);
    assert!(csv.starts_with(
        "soc,title,cluster,cluster_name,sub_cluster,sub_cluster_name,job_zone,employment"
    ));
    assert!(csv.contains("15-1252,Software Developers,digital-technology,Digital Technology,software-solutions,Software Solutions,4,1650000,15.3,129000,79000,133080,Bachelor's degree"));
    let (s, json, _) = get(&app, &format!("/occupations/download?{query}&format=json")).await;
    assert_eq!(s, 200);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    // State downloads carry the state's top-coded wage as a floor.
    let (_, csv, _) = get(&app, "/occupations/download?state=CT&q=software&format=csv").await;
    assert!(csv.contains(",14000,") && csv.contains(",130000,"), "{csv}");
}

#[tokio::test]
async fn occupations_filters_are_escaped_and_bad_values_are_client_errors() {
    let db = fixture_db();
    let app = app_with(Some(&db.path));
    let (s, body, _) = get(&app, "/occupations?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E").await;
    assert_eq!(s, 200);
    assert!(!body.contains("<script>alert"), "the filter value is escaped");
    assert!(body.contains("value=\"&#60;script&#62;alert(1)&#60;/script&#62;\""));
    assert!(body.contains("0 occupations match"));
    let (_, body, _) = get(&app, "/occupations?q=%22%20onmouseover%3D%22x").await;
    assert!(!body.contains("\" onmouseover=\"x"), "attribute values cannot be closed");
    for (uri, status) in [
        ("/occupations?page=2", 404),
        ("/occupations?page=0", 404),
        ("/occupations?page=-1", 400),
        ("/occupations?page=99999999999999999999999", 400),
        ("/occupations?job_zone=9", 400),
        ("/occupations?job_zone=x", 400),
        ("/occupations?sort=bogus", 400),
        ("/occupations?sort=median&dir=up", 400),
        ("/occupations?cluster=nope", 400),
        ("/occupations?sub_cluster=%3Cb%3E", 400),
        ("/occupations?education=PhD", 400),
        ("/occupations?hshwid=designated", 400),
        ("/occupations?state=ZZ1", 400),
        ("/occupations/download?format=exe", 400),
        ("/occupations/download", 400),
        ("/programs?family=5", 400),
        ("/programs?cluster=nope", 400),
        ("/programs/download?format=pdf", 400),
    ] {
        let (s, body, resp) = get(&app, uri).await;
        assert_eq!(s, status, "{uri}: {body}");
        assert!(resp.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    }
    let long = format!("/occupations?q={}", "a".repeat(201));
    let (s, _, _) = get(&app, &long).await;
    assert_eq!(s, 400);
}

#[tokio::test]
async fn programs_page_groups_matched_programs_by_family() {
    let db = fixture_db();
    // A program that prepares for no occupation is not listed.
    rusqlite::Connection::open(&db.path)
        .unwrap()
        .execute(
            "INSERT INTO cip VALUES ('11.0199','program','Computer Science, Other','Any other.',NULL,NULL,NULL,1)",
            [],
        )
        .unwrap();
    let app = app_with(Some(&db.path));
    let (s, body, _) = get(&app, "/programs").await;
    assert_eq!(s, 200, "{body}");
    assert!(body.contains("3 programs match, in 3 CIP families"));
    assert!(body.contains(
        "<h2 id=\"family-11\">11 Computer and Information Sciences and Support Services</h2>"
    ));
    assert!(!body.contains("11.0199"));
    let order = ["11.0701", "46.0302", "51.3801"];
    for c in order {
        assert!(body.contains(&format!("href=\"/programs/{c}\"")), "{c}");
    }
    let pos: Vec<usize> =
        order.iter().map(|c| body.find(&format!("/programs/{c}")).unwrap()).collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "CIP order");
    assert!(body.contains("href=\"/programs\" aria-current=\"page\""));
    let (_, body, _) = get(&app, "/programs?cluster=construction").await;
    assert!(body.contains("1 program matches") && body.contains("/programs/46.0302"));
    assert!(!body.contains("/programs/51.3801"));
    let (_, body, _) = get(&app, "/programs?family=51").await;
    assert!(body.contains("/programs/51.3801") && !body.contains("/programs/11.0701\""));
    let (s, csv, _) = get(&app, "/programs/download?cluster=construction&format=csv").await;
    assert_eq!(s, 200);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(lines[1].starts_with("46,"), "{csv}");
    assert!(lines[1].contains("46.0302,Electrician,construction,Construction,Skilled Trades,,1"));
}

#[tokio::test]
async fn api_page_documents_every_route_with_a_working_example() {
    let db = fixture_db();
    let app = app_with(Some(&db.path));
    let (s, body, _) = get(&app, "/api").await;
    assert_eq!(s, 200, "{body}");
    assert!(!body.contains("<script>") && !body.contains(" style="), "CSP: nothing inline");
    let doc = trellis_web::openapi();
    let mut routes = 0;
    for (path, item) in &doc.paths.paths {
        assert!(item.get.is_some(), "{path}");
        assert!(body.contains(&format!("<code>GET {path}</code>")), "{path} in the contents");
        assert!(body.contains(&format!("<code>{path}</code></h3>")), "{path} has a section");
        routes += 1;
    }
    assert!(routes >= 20, "{routes} routes");
    assert!(body.contains(&format!("{routes} read-only routes")));
    // Parameters with their descriptions, answer shapes linked to their fields.
    assert!(body.contains("SOC code prefix, e.g. `15-` or `29-11`."));
    assert!(body.contains("<a href=\"#schema-Page_OccupationRow\">Page_OccupationRow</a>"));
    assert!(body.contains("<h3 id=\"schema-Page_OccupationRow\">"));
    // Every example link answers with JSON.
    let examples: Vec<String> = body
        .split("<a class=\"example\" href=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().replace("&#38;", "&"))
        .collect();
    assert_eq!(examples.len(), routes);
    for uri in &examples {
        let (s, v) = get_json(&app, uri).await;
        assert_eq!(s, 200, "{uri}: {v}");
    }
}

#[tokio::test]
async fn industries_page_maps_sectors_and_subsectors_to_clusters() {
    let db = fixture_db();
    let app = app_with(Some(&db.path));
    let (s, body, _) = get(&app, "/industries").await;
    assert_eq!(s, 200, "{body}");
    assert!(body.contains("2 sectors, 3 mapped codes."));
    assert!(
        body.contains(
            "<h2 id=\"sector-54\">54 Professional, Scientific, and Technical Services</h2>"
        )
    );
    assert!(body.contains("href=\"/sub-clusters/software-solutions\""), "subsector by sub-cluster");
    assert!(body.contains("href=\"/industries\" aria-current=\"page\""));
    let (_, body, _) = get(&app, "/industries?cluster=healthcare-human-services").await;
    assert!(body.contains("sector-62") && !body.contains("sector-54"));
    let (s, csv, _) = get(&app, "/industries/download?cluster=digital-technology&format=csv").await;
    assert_eq!(s, 200);
    assert_eq!(
        csv.lines().collect::<Vec<_>>(),
        [
            "sector,naics,level,title,cluster,cluster_name,sub_cluster,sub_cluster_name",
            "54,54,sector,\"Professional, Scientific, and Technical Services\",digital-technology,Digital Technology,,",
            "54,541,subsector,\"Professional, Scientific, and Technical Services\",digital-technology,Digital Technology,software-solutions,Software Solutions",
        ]
    );
    for uri in ["/industries?cluster=%3Cb%3E", "/industries/download?format=doc"] {
        let (s, _, _) = get(&app, uri).await;
        assert_eq!(s, 400, "{uri}");
    }
}
