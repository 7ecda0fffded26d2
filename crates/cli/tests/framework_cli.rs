//! The framework commands as a user runs them: output shapes (JSON, CSV, table), exit codes
//! and help. They read only the compiled-in definitions, so no database is needed.

use std::process::{Command, Output};

use serde_json::Value;

fn trellis(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trellis"))
        .args(args)
        // A database must not matter to these commands.
        .env("TRELLIS_DB", "/nonexistent/trellis.sqlite")
        .output()
        .expect("the trellis binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn json(args: &[&str]) -> Value {
    let o = trellis(args);
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{args:?}: invalid JSON: {e}"))
}

fn csv_rows(args: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
    let o = trellis(args);
    assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
    let mut r = csv::Reader::from_reader(o.stdout.as_slice());
    let headers = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r.records().map(|x| x.unwrap().iter().map(String::from).collect()).collect();
    (headers, rows)
}

#[test]
fn framework_json_lists_6_groupings_14_clusters_72_sub_clusters() {
    let v = json(&["framework", "--format", "json"]);
    assert_eq!(v["edition"], "2024");
    let groupings = v["groupings"].as_array().unwrap();
    assert_eq!(groupings.len(), 6);
    let clusters: Vec<&Value> =
        groupings.iter().flat_map(|g| g["clusters"].as_array().unwrap()).collect();
    assert_eq!(clusters.len(), 14);
    let cross: Vec<&str> = clusters
        .iter()
        .filter(|c| c["cross_cutting"] == true)
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(cross, ["digital-technology", "management-entrepreneurship", "marketing-sales"]);
    let subs: usize = clusters.iter().map(|c| c["sub_clusters"].as_array().unwrap().len()).sum();
    assert_eq!(subs, 72);
    assert_eq!(v["counts"]["sub_clusters"], 72);
    assert_eq!(v["counts"]["cross_cutting_clusters"], 3);
    let success = groupings.iter().find(|g| g["id"] == "connecting-supporting-success").unwrap();
    assert_eq!(success["cross_cutting"], true);
    assert!(clusters.iter().all(|c| c["caption"].as_str().is_some_and(|s| !s.is_empty())));
}

#[test]
fn framework_csv_has_one_row_per_sub_cluster() {
    let (headers, rows) = csv_rows(&["framework", "--format", "csv"]);
    assert_eq!(
        headers,
        [
            "grouping_id",
            "grouping",
            "cluster_id",
            "cluster",
            "cross_cutting",
            "sub_cluster_id",
            "sub_cluster"
        ]
    );
    assert_eq!(rows.len(), 72);
    let mut ids: Vec<&str> = rows.iter().map(|r| r[5].as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 72, "sub-cluster ids are unique");
    let web = rows.iter().find(|r| r[5] == "web-cloud").unwrap();
    assert_eq!((web[2].as_str(), web[4].as_str()), ("digital-technology", "true"));
}

#[test]
fn framework_tree_marks_cross_cutting_clusters() {
    let o = trellis(&["framework"]);
    assert!(o.status.success());
    let text = stdout(&o);
    let starred: Vec<&str> = text.lines().filter(|l| l.contains(" *  [")).collect();
    assert_eq!(starred.len(), 3, "{text}");
    assert!(text.contains("Connecting & Supporting Success"));
    assert!(text.contains("└─ Web & Cloud  [web-cloud]"));
}

#[test]
fn framework_2002_edition() {
    let (_, rows) = csv_rows(&["framework", "--edition", "2002", "--format", "csv"]);
    assert_eq!(rows.len(), 79);
    let v = json(&["framework", "--edition", "2002", "--format", "json"]);
    assert_eq!(v["clusters"].as_array().unwrap().len(), 16);
    assert_eq!(v["counts"]["pathways"], 79);
}

#[test]
fn resolve_finds_the_issue_examples() {
    for (query, kind, id) in [
        ("arts entertainment and design", "cluster", "arts-entertainment-design"),
        ("Web and Cloud", "sub_cluster", "web-cloud"),
        ("Uncrewed Vehicle Technology", "sub_cluster", "unmanned-vehicle-technology"),
        ("Health Science", "cluster_2002", "2002-health-science"),
    ] {
        let v = json(&["resolve", query, "--format", "json"]);
        assert_eq!(v["query"], query);
        let m = &v["matches"][0];
        assert_eq!((m["kind"].as_str(), m["id"].as_str()), (Some(kind), Some(id)), "{query}: {v}");
        assert!(v["suggestions"].as_array().unwrap().is_empty());
    }
    // Several words need no quotes.
    let v = json(&["resolve", "arts", "entertainment", "and", "design", "--format", "json"]);
    assert_eq!(v["matches"][0]["id"], "arts-entertainment-design");
    let v = json(&["resolve", "Uncrewed Vehicle Technology", "--format", "json"]);
    assert_eq!(v["matches"][0]["matched_by"], "alias");
    assert_eq!(v["matches"][0]["parent"]["id"], "digital-technology");
}

#[test]
fn resolve_unknown_suggests_and_exits_2() {
    let o = trellis(&["resolve", "Web and Clowd", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["matches"].as_array().unwrap().is_empty());
    assert_eq!(v["suggestions"][0]["id"], "web-cloud");
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("no framework entity is called \"Web and Clowd\"")
    );
    let o = trellis(&["resolve", "Web and Clowd"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("Closest names:"));
    assert!(stdout(&o).contains("web-cloud"));
    let o = trellis(&["resolve", "qqqq", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).starts_with("kind,id,name,parent,score"));
}

#[test]
fn resolve_table_and_shared_names() {
    let (headers, rows) = csv_rows(&["resolve", "Construction", "--format", "csv"]);
    assert_eq!(headers, ["kind", "id", "name", "parent", "matched_by", "spelling"]);
    let ids: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(ids, ["construction", "2002-architecture-construction--construction"]);
}

#[test]
fn cluster_shows_everything_known() {
    let v = json(&["cluster", "Arts, Entertainment & Design", "--format", "json"]);
    assert_eq!(v["kind"], "cluster");
    assert_eq!(v["id"], "arts-entertainment-design");
    assert_eq!(v["caption"], "Inspiring Creativity, Innovation, and Artistry");
    assert_eq!(v["grouping"]["id"], "creating-experiencing");
    assert_eq!(v["sub_clusters"].as_array().unwrap().len(), 6);
    assert_eq!(v["crosswalk_2002"][0]["from"]["id"], "2002-arts-a-v-technology-communications");
    assert_eq!(v["naics_sectors"][0]["code"], "71");
    assert!(v["state_certifications"].as_array().unwrap().iter().any(|c| c["state"] == "CT"));
    for list in [
        "specialized_skills",
        "software_skills",
        "sample_occupations",
        "emerging_occupations",
        "places_of_work",
    ] {
        assert!(!v["content"][list].as_array().unwrap().is_empty(), "{list}");
    }
    let v = json(&["cluster", "energy-natural-resources", "--format", "json"]);
    assert_eq!(v["crosswalk_2002"][0]["change"], "new");
    let gave: Vec<&str> = v["crosswalk_2002_related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["from"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        gave,
        [
            "2002-agriculture-food-natural-resources",
            "2002-science-technology-engineering-mathematics"
        ]
    );
    let o = trellis(&["cluster", "digital-technology"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.contains("Sub-clusters (6)") && text.contains("Cross-cutting"), "{text}");
}

#[test]
fn cluster_of_a_sub_cluster_or_2002_cluster() {
    let o = trellis(&["cluster", "Web and Cloud", "--format", "json"]);
    assert!(o.status.success());
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["id"], "digital-technology");
    assert!(String::from_utf8_lossy(&o.stderr).contains("showing its cluster"));
    let v = json(&["cluster", "Health Science", "--format", "json"]);
    assert_eq!(v["kind"], "cluster_2002");
    assert_eq!(v["pathways"].as_array().unwrap().len(), 5);
    assert_eq!(v["crosswalk_2002"][0]["change"], "combined");
    let (headers, rows) = csv_rows(&["cluster", "education", "--format", "csv"]);
    assert_eq!(headers, ["field", "value"]);
    assert!(
        rows.iter().any(|r| r[0] == "sub_clusters.0.id" && r[1] == "early-childhood-development")
    );
}

#[test]
fn cluster_errors() {
    let o = trellis(&["cluster", "Underwater Basket Weaving"]);
    assert_eq!(o.status.code(), Some(2));
    let o = trellis(&["cluster", "Building & Moving"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is the grouping"));
}

#[test]
fn crosswalk_2002_rows() {
    let v = json(&["crosswalk-2002", "--format", "json"]);
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 17);
    let stem = rows
        .iter()
        .find(|r| r["from"]["id"] == "2002-science-technology-engineering-mathematics")
        .unwrap();
    assert_eq!(stem["change"], "removed");
    assert!(stem["to"].is_null());
    assert_eq!(stem["related"].as_array().unwrap().len(), 3);
    let new = rows.iter().find(|r| r["change"] == "new").unwrap();
    assert!(new["from"].is_null());
    assert_eq!(new["to"]["id"], "energy-natural-resources");

    let v = json(&["crosswalk-2002", "Law and Public Safety", "--format", "json"]);
    assert_eq!(v["rows"].as_array().unwrap().len(), 1);
    assert_eq!(v["rows"][0]["to"]["id"], "public-service-safety");
    let v = json(&["crosswalk-2002", "public-service-safety", "--format", "json"]);
    assert_eq!(v["rows"].as_array().unwrap().len(), 2);
    let (headers, rows) = csv_rows(&["crosswalk-2002", "--format", "csv"]);
    assert_eq!(headers, ["from_id", "from", "change", "to_id", "to", "related", "note"]);
    assert_eq!(rows.len(), 17);
    assert_eq!(trellis(&["crosswalk-2002", "no such cluster"]).status.code(), Some(2));
}

#[test]
fn state_profile() {
    let v = json(&["state", "ct", "--format", "json"]);
    assert_eq!(v["state"]["code"], "CT");
    let certs = v["certifications"].as_array().unwrap();
    assert!(certs.iter().any(|c| c["cluster"] == "education"
        && c["code"] == "098"
        && c["title"] == "K-12 Education"));
    let wage = &v["hshwid"]["high_wage"]["criteria"][0];
    assert_eq!(wage["kind"], "wage");
    assert_eq!(wage["threshold"]["dollars"], 57870.0);
    assert_eq!(wage["threshold"]["year"], 2025);
    assert!(wage["description"].as_str().unwrap().contains("$57,870"));
    assert_eq!(v["hshwid"]["in_demand"]["criteria"][0]["fraction"], 0.5);
    assert_eq!(v["hshwid"]["high_skill"]["combine"], "any");
    let (headers, rows) = csv_rows(&["state", "CT", "--format", "csv"]);
    assert_eq!(headers, ["state", "cluster_id", "cluster", "code", "title"]);
    assert_eq!(rows.len(), certs.len());
    let o = trellis(&["state", "CT"]);
    assert!(stdout(&o).contains("High-wage: Annual wage greater than CT's 2025 median wage"));
    let o = trellis(&["state", "ZZ"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(err.contains("no state profile for \"ZZ\"") && err.contains("CT"), "{err}");
    let v = json(&["state", "--format", "json"]);
    let states = v["states"].as_array().unwrap();
    assert!(states.iter().any(|s| s["code"] == "CT" && s["name"] == "Connecticut"));
}

#[test]
fn help_texts_teach_with_examples() {
    for cmd in ["framework", "cluster", "crosswalk-2002", "resolve", "state"] {
        let o = trellis(&[cmd, "--help"]);
        assert!(o.status.success(), "{cmd}");
        let text = stdout(&o);
        assert!(text.contains("Examples:"), "{cmd} --help has no examples");
        assert!(text.contains("--format"), "{cmd} --help does not mention --format");
    }
}
