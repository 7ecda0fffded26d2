//! The engine on small in-memory inputs: each test states one part of the method.

use trellis_align::inputs::{Assignment2002, OccupationInput, ProgramInput};
use trellis_align::{Inputs, Method, Overrides, Params, Taxonomy, engine, export, persist};

fn occ(soc: &str, title: &str, sectors: &[(&str, f64)]) -> OccupationInput {
    OccupationInput {
        soc: soc.into(),
        title: title.into(),
        titles: vec![title.into()],
        official_titles: 1,
        oews_sectors: sectors.iter().map(|(s, e)| (s.to_string(), Some(*e))).collect(),
        oews_total: Some(sectors.iter().map(|x| x.1).sum()),
        ..Default::default()
    }
}

fn run(occs: Vec<OccupationInput>) -> trellis_align::Crosswalk {
    run_with(occs, &Params::default(), &Overrides::default())
}

fn run_with(
    occs: Vec<OccupationInput>,
    params: &Params,
    ov: &Overrides,
) -> trellis_align::Crosswalk {
    let tax = Taxonomy::framework();
    let method = Method::builtin(&tax).unwrap();
    let inputs =
        Inputs { occupations: occs, inputs_sha256: "fixture".into(), ..Default::default() };
    engine::build(&tax, &method, params, &inputs, ov)
}

fn primary(xw: &trellis_align::Crosswalk, soc: &str) -> (String, Option<String>) {
    let p = xw.occupations.iter().find(|o| o.soc == soc).unwrap().primary();
    (p.cluster.clone(), p.sub_cluster.clone())
}

#[test]
fn the_largest_industry_share_decides_without_other_evidence() {
    let xw = run(vec![occ(
        "29-1141",
        "Registered Nurses",
        &[("62", 2_800_000.0), ("61", 90_000.0), ("99", 170_000.0)],
    )]);
    assert_eq!(primary(&xw, "29-1141").0, "healthcare-human-services");
    let e = &xw.occupations[0].evidence;
    assert_eq!(e.sectors[0].sector, "62");
    assert!(e.clusters[0].share > 0.9, "{:?}", e.clusters[0]);
}

#[test]
fn seed_rules_override_the_industry_share() {
    // Environmental engineers work mostly in engineering services (NAICS 54); the report puts
    // them in Energy & Natural Resources.
    let xw =
        run(vec![occ("17-2081", "Environmental Engineers", &[("54", 30_000.0), ("99", 10_000.0)])]);
    assert_eq!(
        primary(&xw, "17-2081"),
        ("energy-natural-resources".to_string(), Some("environmental-protection".to_string()))
    );
    let rule = &xw.occupations[0].evidence.rules[0];
    assert_eq!(rule.id, "environmental-engineering-to-energy");
    assert!(rule.cite.contains("Environmental Engineering in Energy"));
}

#[test]
fn cross_cutting_functions_go_to_their_cluster_only_when_spread() {
    let spread: Vec<(&str, f64)> = vec![
        ("31", 100.0),
        ("62", 120.0),
        ("52", 90.0),
        ("23", 60.0),
        ("61", 80.0),
        ("44", 70.0),
        ("48", 60.0),
        ("72", 50.0),
    ];
    let concentrated = vec![("62", 900.0), ("31", 50.0)];
    let xw = run(vec![
        occ("13-1071", "Human Resources Specialists", &spread),
        occ("13-1199", "Business Operations Specialists", &concentrated),
    ]);
    assert_eq!(primary(&xw, "13-1071").0, "management-entrepreneurship");
    assert_eq!(primary(&xw, "13-1199").0, "healthcare-human-services");
    let b = xw.occupations[1].evidence.breadth.as_ref().unwrap();
    assert!(!b.passes);
    assert!(xw.occupations[1].evidence.rules.iter().any(|r| !r.applied));
}

#[test]
fn a_material_second_cluster_makes_the_occupation_interdisciplinary() {
    let xw = run(vec![occ("49-9099", "Repair Workers", &[("31", 600.0), ("23", 400.0)])]);
    let o = &xw.occupations[0];
    let clusters: Vec<&str> = o.rows.iter().map(|r| r.cluster.as_str()).collect();
    assert!(
        clusters.contains(&"advanced-manufacturing") && clusters.contains(&"construction"),
        "{clusters:?}"
    );
    assert!(o.rows.iter().all(|r| r.interdisciplinary));
    let strict = Params { interdisciplinary_threshold: 0.5, ..Params::default() };
    let xw = run_with(
        vec![occ("49-9099", "Repair Workers", &[("31", 600.0), ("23", 400.0)])],
        &strict,
        &Overrides::default(),
    );
    assert!(xw.occupations[0].rows.iter().all(|r| !r.interdisciplinary));
}

#[test]
fn government_employment_counts_at_its_parameter_weight() {
    let o = occ("19-3099", "Social Scientists", &[("99", 600.0), ("54", 400.0)]);
    let full = Params { government_weight: 1.0, ..Params::default() };
    let xw = run_with(vec![o.clone()], &full, &Overrides::default());
    assert_eq!(primary(&xw, "19-3099").0, "public-service-safety");
    let half = Params { government_weight: 0.3, ..Params::default() };
    let xw = run_with(vec![o], &half, &Overrides::default());
    assert_ne!(primary(&xw, "19-3099").0, "public-service-safety");
}

#[test]
fn the_2002_cluster_is_the_starting_point() {
    let mut o = occ("19-9999", "Some Scientists", &[("54", 550.0), ("62", 450.0)]);
    o.clusters_2002 = vec![Assignment2002 {
        cluster_id: "2002-health-science".into(),
        cluster_name: "Health Science".into(),
        pathway_id: None,
        pathway_name: None,
    }];
    let xw = run(vec![o]);
    assert_eq!(primary(&xw, "19-9999").0, "healthcare-human-services");
    assert!(xw.occupations[0].evidence.clusters[0].prior_2002 > 0.0);
}

#[test]
fn suppressed_cells_are_reported_not_counted() {
    let mut o = occ("51-9161", "CNC Tool Operators", &[("31", 160_000.0)]);
    o.oews_sectors.push(("48".into(), None));
    let xw = run(vec![o]);
    assert_eq!(xw.occupations[0].evidence.suppressed_sectors, vec!["48".to_string()]);
    assert_eq!(xw.occupations[0].evidence.employment, 160_000.0);
}

#[test]
fn overrides_move_the_assignment_and_keep_what_the_data_said() {
    let tax = Taxonomy::framework();
    let ov = Overrides::from_toml(
        "[[override]]\nsoc = \"15-1252\"\ncluster = \"Advanced Manufacturing\"\nsub_cluster = \"Engineering\"\nreason = \"state program\"\n",
        &tax,
    )
    .unwrap();
    let xw = run_with(
        vec![occ("15-1252", "Software Developers", &[("54", 690.0), ("31", 140.0)])],
        &Params::default(),
        &ov,
    );
    assert_eq!(
        primary(&xw, "15-1252"),
        ("advanced-manufacturing".into(), Some("engineering".into()))
    );
    let applied = &xw.overrides[0];
    assert_eq!(applied.data_cluster.as_deref(), Some("digital-technology"));
    assert!(xw.occupations[0].rows[0].overridden);
    assert!(
        Overrides::from_toml("[[override]]\nsoc = \"1\"\ncluster = \"Nowhere\"\n", &tax)
            .unwrap_err()
            .to_string()
            .contains("not a cluster")
    );
}

/// Registered nursing (51.3801, leading to registered nurses) pinned to Education, plus an
/// override whose program is not in the data.
fn nursing_program_pinned_to_education() -> (Taxonomy, Overrides, trellis_align::Crosswalk) {
    let tax = Taxonomy::framework();
    let method = Method::builtin(&tax).unwrap();
    let inputs = Inputs {
        occupations: vec![occ("29-1141", "Registered Nurses", &[("62", 3_000_000.0)])],
        programs: vec![ProgramInput {
            cip: "51.3801".into(),
            title: "Registered Nursing".into(),
            socs: vec!["29-1141".into()],
        }],
        ..Default::default()
    };
    let ov = Overrides::from_toml(
        "[[override]]\ncip = \"51.3801\"\ncluster = \"Education\"\nreason = \"nurse educator track\"\n\n[[override]]\ncip = \"99.9999\"\ncluster = \"Education\"\n",
        &tax,
    )
    .unwrap();
    let xw = engine::build(&tax, &method, &Params::default(), &inputs, &ov);
    (tax, ov, xw)
}

#[test]
fn program_overrides_pin_a_cip_and_report_what_the_data_said() {
    let (tax, _, xw) = nursing_program_pinned_to_education();
    let p = &xw.programs[0];
    assert_eq!(p.rows[0].cluster, "education");
    assert!(p.rows[0].is_primary && p.rows[0].overridden);
    assert_eq!(p.rows[1].cluster, "healthcare-human-services");
    assert!(!p.rows[1].is_primary);
    let applied: Vec<_> =
        xw.overrides.iter().map(|o| (o.code.as_str(), o.data_cluster.as_deref())).collect();
    assert_eq!(applied, vec![("51.3801", Some("healthcare-human-services")), ("99.9999", None)]);
    assert!(xw.overrides[1].reason.contains("not applied"));
    // One code per override.
    let both = Overrides::from_toml(
        "[[override]]\nsoc = \"29-1141\"\ncip = \"51.3801\"\ncluster = \"Education\"\n",
        &tax,
    );
    assert!(both.unwrap_err().to_string().contains("either `soc` or `cip`"));
}

#[test]
fn program_overrides_are_stored_shown_and_exported() {
    let (tax, ov, xw) = nursing_program_pinned_to_education();

    // A database whose program table predates the flag is brought up to date by the build.
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.execute_batch(trellis_store::SCHEMA).unwrap();
    conn.execute_batch(
        "CREATE TABLE xw_program (build_id INTEGER NOT NULL, cip TEXT NOT NULL, cluster_id TEXT NOT NULL, sub_cluster_id TEXT, is_primary INTEGER NOT NULL, rank INTEGER NOT NULL, score REAL NOT NULL, interdisciplinary INTEGER NOT NULL, PRIMARY KEY (build_id, cip, cluster_id, sub_cluster_id));",
    )
    .unwrap();
    let id = persist::store(&conn, &xw, "test", "2024-01-01T00:00:00Z", &ov.to_json()).unwrap();
    let flags: Vec<(String, bool)> = conn
        .prepare("SELECT cluster_id, overridden FROM xw_program WHERE build_id = ?1 ORDER BY rank")
        .unwrap()
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        flags,
        vec![("education".to_string(), true), ("healthcare-human-services".to_string(), false)]
    );

    let back = persist::load(&conn, id).unwrap();
    assert_eq!(back.programs[0].rows, xw.programs[0].rows);
    let text = trellis_align::explain::program(&tax, &back.programs[0], &back.occupations);
    let first = text.lines().nth(1).unwrap();
    assert!(
        first.contains("Primary: Education")
            && first.ends_with("(set by the build's overrides file)"),
        "{text}"
    );
    assert!(text.contains("Overridden by the state's file"), "{text}");

    let t = export::cip_table(&tax, &back);
    let col = t.header.iter().position(|h| *h == "overridden").unwrap();
    let cells: Vec<(&str, &str)> =
        t.rows.iter().map(|r| (r[2].as_str(), r[col].as_str())).collect();
    assert_eq!(cells, vec![("Education", "true"), ("Healthcare & Human Services", "false")]);
}

#[test]
fn programs_follow_their_occupations_weighted_by_employment() {
    let tax = Taxonomy::framework();
    let method = Method::builtin(&tax).unwrap();
    let inputs = Inputs {
        occupations: vec![
            occ("29-1141", "Registered Nurses", &[("62", 3_000_000.0)]),
            occ("25-1072", "Nursing Instructors", &[("61", 70_000.0)]),
        ],
        programs: vec![ProgramInput {
            cip: "51.3801".into(),
            title: "Registered Nursing".into(),
            socs: vec!["25-1072".into(), "29-1141".into()],
        }],
        ..Default::default()
    };
    let xw = engine::build(&tax, &method, &Params::default(), &inputs, &Overrides::default());
    let p = &xw.programs[0];
    assert_eq!(p.rows[0].cluster, "healthcare-human-services");
    assert!(p.rows[0].score > 0.9);
    assert!(!p.rows[0].interdisciplinary, "education holds about 2% of the weight");
}

#[test]
fn same_inputs_give_byte_identical_exports_and_stored_builds_read_back() {
    let mk = || {
        vec![
            occ("15-1252", "Software Developers", &[("54", 690.0), ("31", 140.0)]),
            occ("49-9099", "Repair Workers", &[("31", 600.0), ("23", 400.0)]),
        ]
    };
    let tax = Taxonomy::framework();
    let (a, b) = (run(mk()), run(mk()));
    let csv = |xw: &trellis_align::Crosswalk, shape| {
        let mut v = Vec::new();
        export::write_csv(&export::table(&tax, xw, shape), &mut v).unwrap();
        v
    };
    for shape in [export::Shape::Soc, export::Shape::Cip, export::Shape::Long] {
        assert_eq!(csv(&a, shape), csv(&b, shape));
    }
    let text = String::from_utf8(csv(&a, export::Shape::Soc)).unwrap();
    assert!(text.starts_with("soc,title,cluster,sub_cluster,primary,score"), "{text}");
    assert!(
        text.contains("15-1252,Software Developers,Digital Technology,Software Solutions,true,")
    );

    let conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.execute_batch(trellis_store::SCHEMA).unwrap();
    let id = persist::store(&conn, &a, "test", "2024-01-01T00:00:00Z", "[]").unwrap();
    assert_eq!(persist::current(&conn).unwrap(), id);
    let back = persist::load(&conn, id).unwrap();
    assert_eq!(back.occupations.len(), 2);
    assert_eq!(back.occupations[0].rows, a.occupations[0].rows);
    assert_eq!(back.occupations[0].evidence, a.occupations[0].evidence);
}

#[test]
fn every_method_file_entry_resolves_and_the_sector_map_covers_every_sector() {
    let tax = Taxonomy::framework();
    let m = Method::builtin(&tax).unwrap();
    for s in [
        "11", "21", "22", "23", "31", "32", "33", "42", "44", "45", "48", "49", "51", "52", "53",
        "54", "55", "56", "61", "62", "71", "72", "81", "92", "99",
    ] {
        assert!(m.industry(s).is_some(), "sector {s} has no cluster");
    }
    assert_eq!(m.industry("336411").unwrap().naics, "31");
    assert_eq!(tax.clusters[m.industry("5415").unwrap().cluster].id, "digital-technology");
    // Every sub-cluster has a profile with SOC anchors and keywords.
    for p in &m.profiles {
        assert!(
            !p.soc.is_empty() && !p.keywords.is_empty(),
            "{}",
            tax.sub_clusters[p.sub_cluster].name
        );
    }
    let bad = Method::from_texts(
        &tax,
        "[[industry]]\nnaics = \"54\"\ncluster = \"Nope\"\n",
        "rule = []",
        "cluster = []\npathway = []",
        "sub_cluster = []",
    );
    assert!(bad.unwrap_err().to_string().contains("unknown cluster `Nope`"));
}

#[test]
fn self_employment_is_the_evidence_for_entrepreneurship() {
    // The same manager, once mostly on payrolls and once half self-employed: the
    // entrepreneurship sub-cluster's industry evidence is the self-employed share, scaled so that
    // `self_employed_full_share` (one half) counts fully.
    let spread =
        [("23", 50_000.0), ("52", 40_000.0), ("62", 40_000.0), ("31", 40_000.0), ("61", 30_000.0)];
    let evidence = |share: f64| {
        let mut o = occ("11-9199", "Managers, All Other", &spread);
        o.self_employed = Some(share);
        let xw = run(vec![o]);
        let o = &xw.occupations[0];
        assert_eq!(o.primary().cluster, "management-entrepreneurship");
        let e = o
            .evidence
            .sub_clusters
            .iter()
            .find(|e| e.sub_cluster == "entrepreneurship-small-business")
            .expect("entrepreneurship evidence")
            .clone();
        (e.industry_share, o.primary().sub_cluster.clone())
    };
    assert_eq!(evidence(0.02).0, 0.04);
    let (share, sub) = evidence(0.49);
    assert_eq!(share, 0.98);
    assert_eq!(sub.as_deref(), Some("entrepreneurship-small-business"));
}

#[test]
fn industry_shares_do_not_outvote_a_functional_sub_cluster() {
    // Health information technologists work in hospitals and clinics, the subsectors of Physical
    // Health; the SOC structure names them for Health Data & Administration, which no
    // subsector can name.
    let xw = run(vec![occ(
        "29-9021",
        "Health Information Technologists and Medical Registrars",
        &[("62", 40_000.0)],
    )]);
    assert_eq!(
        primary(&xw, "29-9021"),
        ("healthcare-human-services".to_string(), Some("health-data-administration".to_string()))
    );
}

#[test]
fn a_cross_cutting_rule_naming_a_sub_cluster_lists_the_occupation_there() {
    // Mechatronics technicians: Robotics by the rule, and Digital Technology › Unmanned Vehicle
    // Technology for the drone operation SOC includes in the occupation.
    let xw = run(vec![occ(
        "17-3024",
        "Electro-Mechanical and Mechatronics Technologists and Technicians",
        &[("31", 15_000.0), ("54", 4_000.0)],
    )]);
    let o = &xw.occupations[0];
    assert_eq!(o.primary().sub_cluster.as_deref(), Some("robotics"));
    assert!(
        o.rows.iter().any(|r| !r.is_primary
            && r.cluster == "digital-technology"
            && r.sub_cluster.as_deref() == Some("unmanned-vehicle-technology")),
        "{:?}",
        o.rows
    );
}
