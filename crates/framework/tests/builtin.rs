//! The compiled-in definitions: they load, and they say what the seeds say.

use trellis_framework::codes::Naics;
use trellis_framework::{ChangeType, EntityKind, Framework, MatchedBy};

fn fw() -> &'static Framework {
    Framework::builtin()
}

#[test]
fn counts_match_the_framework() {
    let fw = fw();
    assert_eq!(fw.groupings.len(), 6);
    assert_eq!(fw.clusters.len(), 14);
    assert_eq!(fw.sub_clusters.len(), 72);
    assert_eq!(fw.clusters_2002.len(), 16);
    assert_eq!(fw.pathways_2002.len(), 79);
    assert_eq!(fw.career_ready_practices.len(), 12);
    let cc: Vec<&str> = fw.cross_cutting_clusters().map(|c| c.id.as_str()).collect();
    assert_eq!(cc, ["digital-technology", "management-entrepreneurship", "marketing-sales"]);
}

#[test]
fn sub_clusters_per_cluster() {
    let fw = fw();
    let expected = [
        ("advanced-manufacturing", 5),
        ("construction", 4),
        ("supply-chain-transportation", 6),
        ("arts-entertainment-design", 6),
        ("hospitality-events-tourism", 4),
        ("education", 4),
        ("healthcare-human-services", 6),
        ("public-service-safety", 5),
        ("agriculture", 6),
        ("energy-natural-resources", 6),
        ("digital-technology", 6),
        ("management-entrepreneurship", 5),
        ("marketing-sales", 4),
        ("financial-services", 5),
    ];
    for (cluster, n) in expected {
        assert_eq!(fw.sub_clusters_of(cluster).count(), n, "{cluster}");
    }
    let grouping = |c: &str| fw.cluster(c).unwrap().grouping.clone();
    assert_eq!(grouping("financial-services"), "investing-in-the-future");
    assert_eq!(grouping("marketing-sales"), "connecting-supporting-success");
    assert!(fw.grouping("connecting-supporting-success").unwrap().cross_cutting);
}

#[test]
fn the_issue_examples_resolve() {
    let fw = fw();
    let first = |q: &str| {
        let m = fw.resolve(q).unwrap_or_else(|e| panic!("{q}: {e}"));
        (m[0].entity.kind(), m[0].entity.id())
    };
    assert_eq!(
        first("arts entertainment and design"),
        (EntityKind::Cluster, "arts-entertainment-design")
    );
    assert_eq!(
        first("Arts, Entertainment, & Design"),
        (EntityKind::Cluster, "arts-entertainment-design")
    );
    assert_eq!(first("Web and Cloud"), (EntityKind::SubCluster, "web-cloud"));
    assert_eq!(
        first("Uncrewed Vehicle Technology"),
        (EntityKind::SubCluster, "unmanned-vehicle-technology")
    );
    assert_eq!(first("Health Science"), (EntityKind::Cluster2002, "2002-health-science"));
    assert_eq!(
        first("Operators & Maintenance"),
        (EntityKind::SubCluster, "equipment-operation-maintenance")
    );
    assert_eq!(
        first("Data Science & Artificial Intelligence"),
        (EntityKind::SubCluster, "data-science-ai")
    );
    assert_eq!(first("  DATA SCIENCE AND AI "), (EntityKind::SubCluster, "data-science-ai"));
    assert_eq!(first("web-cloud"), (EntityKind::SubCluster, "web-cloud"));
    assert_eq!(
        first("Connecting and Supporting Success"),
        (EntityKind::Grouping, "connecting-supporting-success")
    );
}

#[test]
fn shared_names_list_every_entity_2024_first() {
    let fw = fw();
    let m = fw.resolve("Construction").unwrap();
    let ids: Vec<&str> = m.iter().map(|m| m.entity.id()).collect();
    assert_eq!(ids, ["construction", "2002-architecture-construction--construction"]);
    assert_eq!(m[0].matched_by, MatchedBy::Name);
    let m = fw.resolve("Support Services Pathway").unwrap();
    let mut ids: Vec<&str> = m.iter().map(|m| m.entity.id()).collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "2002-education-training--professional-support-services",
            "2002-health-science--support-services"
        ]
    );
}

#[test]
fn unknown_names_get_close_suggestions() {
    let fw = fw();
    let e = fw.resolve("Web and Clowd").unwrap_err();
    assert_eq!(e.suggestions[0].entity.id(), "web-cloud");
    let e = fw.resolve("Cybersecurity").unwrap_err();
    assert!(e.suggestions.iter().any(|s| s.entity.id() == "network-systems-cybersecurity"), "{e}");
    let e = fw.resolve("zzzz qqqq").unwrap_err();
    assert!(!e.suggestions.is_empty() && e.suggestions.len() <= 5);
    assert!(e.to_string().contains("no framework entity is called \"zzzz qqqq\""));
}

#[test]
fn scoped_2002_lookups_follow_the_official_files() {
    let fw = fw();
    // O*NET OnLine's spelling of the arts cluster; the Perkins IV spellings.
    assert_eq!(
        fw.resolve_cluster_2002("Arts, Audio/Video Technology & Communications").unwrap().id,
        "2002-arts-a-v-technology-communications"
    );
    assert_eq!(
        fw.resolve_cluster_2002("Law and Public Safety Career Cluster").unwrap().id,
        "2002-law-public-safety-corrections-security"
    );
    assert_eq!(
        fw.resolve_cluster_2002("Scientific Research/Engineering Career Cluster").unwrap().id,
        "2002-science-technology-engineering-mathematics"
    );
    let edu = "2002-education-training";
    assert_eq!(
        fw.resolve_pathway_2002(edu, "Support Services Pathway").unwrap().name,
        "Professional Support Services"
    );
    assert_eq!(
        fw.resolve_pathway_2002("2002-health-science", "Support Services Pathway").unwrap().name,
        "Support Services"
    );
    assert!(fw.resolve_pathway_2002(edu, "Therapeutic Services").is_none());
    let p = fw.perkins_iv("8.2").unwrap();
    assert_eq!(p.pathway.unwrap().id, "2002-health-science--diagnostic-services");
    let p = fw.perkins_iv("4.2").unwrap();
    assert_eq!(p.cluster.id, "2002-business-management-administration");
    assert!(p.pathway.is_none() && p.unmatched.is_some());
    assert_eq!(
        fw.cluster_2002_by_perkins_iv("12").unwrap().id,
        "2002-law-public-safety-corrections-security"
    );
}

#[test]
fn crosswalk_rows_carry_their_change() {
    let fw = fw();
    let row = |from: &str| fw.crosswalk_from(from).next().unwrap();
    assert_eq!(row("2002-health-science").change, ChangeType::Combined);
    assert_eq!(row("2002-health-science").to.as_deref(), Some("healthcare-human-services"));
    assert_eq!(row("2002-science-technology-engineering-mathematics").change, ChangeType::Removed);
    assert_eq!(row("2002-information-technology").change, ChangeType::CrossCutting);
    let new: Vec<_> = fw.crosswalk_2002.iter().filter(|r| r.change == ChangeType::New).collect();
    assert_eq!(new.len(), 1);
    assert_eq!(new[0].to.as_deref(), Some("energy-natural-resources"));
    assert_eq!(fw.crosswalk_to("public-service-safety").count(), 2);
}

#[test]
fn naics_sectors_map_to_clusters() {
    let fw = fw();
    let ids = |code: &str| -> Vec<String> {
        fw.clusters_for_naics(code.parse::<Naics>().unwrap()).iter().map(|c| c.id.clone()).collect()
    };
    assert_eq!(ids("541511"), ["digital-technology"]);
    assert_eq!(ids("31-33"), ["advanced-manufacturing"]);
    assert_eq!(ids("484"), ["supply-chain-transportation"]);
    assert_eq!(ids("92"), ["education", "public-service-safety"]);
    for sector in Naics::sectors() {
        assert!(!fw.clusters_for_naics(sector).is_empty(), "{sector}");
    }
}

#[test]
fn cluster_content_is_attached() {
    let fw = fw();
    let am = &fw.cluster("advanced-manufacturing").unwrap().content;
    assert_eq!(am.sample_occupations.first().map(String::as_str), Some("Assembler & Fabricator"));
    assert!(am.emerging_occupations.iter().any(|o| o == "Digital Twin Engineer"));
    assert!(am.places_of_work.iter().any(|o| o == "Textile and Apparel Manufacturers"));
    let ms = &fw.cluster("marketing-sales").unwrap().content;
    assert!(
        ms.specialized_skills.is_empty(),
        "the report prints no skills table for Marketing & Sales"
    );
    assert!(!ms.sample_occupations.is_empty());
    for c in &fw.clusters {
        assert!(!c.content.sample_occupations.is_empty(), "{}", c.id);
        assert!(!c.content.places_of_work.is_empty(), "{}", c.id);
    }
}

#[test]
fn connecticut_profile() {
    let fw = fw();
    let ct = fw.state("ct").unwrap();
    assert_eq!(ct.state.name, "Connecticut");
    assert!(ct.state.cross_cutting_standalone);
    let edu: Vec<_> = ct.certifications.iter().filter(|c| c.cluster == "education").collect();
    assert_eq!(edu.len(), 2);
    let rotc = ct.certifications.iter().find(|c| c.title == "ROTC and JROTC").unwrap();
    assert_eq!(rotc.code, None);
    for c in &ct.certifications {
        assert!(fw.cluster(&c.cluster).is_some());
    }
    let clusters_with_certs: std::collections::HashSet<_> =
        ct.certifications.iter().map(|c| &c.cluster).collect();
    assert_eq!(clusters_with_certs.len(), 14);
}

#[test]
fn kind_words_appended_by_official_tables_are_ignored() {
    let fw = fw();
    assert_eq!(
        fw.resolve_cluster_2002("Marketing Sales and Service Cluster").unwrap().id,
        "2002-marketing"
    );
    assert_eq!(
        fw.resolve_cluster_2002("Health Science Career Cluster").unwrap().id,
        "2002-health-science"
    );
    assert_eq!(fw.resolve_sub_cluster("Web & Cloud Sub-Cluster").unwrap().id, "web-cloud");
    assert_eq!(
        fw.resolve_pathway_2002("2002-health-science", "Therapeutic Services Career Pathway")
            .unwrap()
            .id,
        "2002-health-science--therapeutic-services"
    );
    // A full name that exists wins over the stripped one.
    let m = fw.resolve("Marketing Pathway").unwrap();
    assert_eq!(m[0].entity.kind(), EntityKind::PerkinsIvHeading);
    assert_eq!(m[0].entity.parent_id(), Some("2002-business-management-administration"));
    assert!(fw.resolve("Pathway").is_err());
}
