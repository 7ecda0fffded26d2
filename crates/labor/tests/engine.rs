//! The engine on a small database whose figures are computed by hand here.

mod common;

use common::{close, data};
use trellis_labor::hshwid::{self, definitions_from_toml};
use trellis_labor::profile::{self, ProfileOptions, Subject};
use trellis_labor::region::{self, RegionOptions};
use trellis_labor::{Area, Basis, LaborError, StateProjections, Status};

fn ct_definitions() -> trellis_framework::state::Hshwid {
    trellis_framework::Framework::builtin()
        .state("CT")
        .and_then(|s| s.hshwid.clone())
        .expect("the built-in CT profile has HSHWID definitions")
}

#[test]
fn load_reads_current_build_aggregates_and_detail() {
    let d = data();
    assert_eq!(d.occupations.len(), 7, "line items only, no summary rows");
    assert_eq!(d.vintages.projections, "2024-34");
    assert_eq!(d.vintages.oews, "M2024");
    assert_eq!(d.vintages.past, "2022-32");
    assert_eq!(d.national_all_occupations_median, Some(49_500.0));
    let rn = &d.occupations[d.occupation_index("29-1141").unwrap()];
    // Current build (2): nurses are in health care, not in construction as in build 1.
    assert_eq!(rn.assignments.len(), 1);
    assert_eq!(d.clusters[rn.assignments[0].cluster].id, "healthcare-human-services");
    assert_eq!(rn.programs.len(), 1);
    assert_eq!(rn.programs[0].title, "Registered Nursing/Registered Nurse");
    assert_eq!(rn.technology.len(), 3);
    // 2022 employment = 1,800,000 / 55%.
    assert!(close(rn.national.employment_past.value.unwrap(), 1_800_000.0 / 0.55));
    // The aggregate 13-1020 gets the clusters of 13-1021..23: two of three are management.
    let buyers = &d.occupations[d.occupation_index("13-1022").unwrap()];
    assert_eq!(buyers.code, "13-1020");
    assert_eq!(buyers.detailed.len(), 3);
    assert_eq!(d.clusters[buyers.primary().unwrap().cluster].id, "management-entrepreneurship");
    assert_eq!(buyers.programs[0].cip, "52.0202");
    // Sector groups: the goods-producing summary is dropped, manufacturing kept.
    let titles: Vec<&str> = d.sectors.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert!(!titles.iter().any(|t| t.starts_with("Goods")));
    let ct = &d.states[d.state_index("CT").unwrap()];
    assert_eq!(ct.rows(), 6);
    let cell = ct.cells[d.occupation_index("11-9021").unwrap()].unwrap();
    assert_eq!(cell.wages.median.status, Status::TopCoded);
    assert_eq!(cell.wages.median.value, Some(239_200.0));
    let laborers = ct.cells[d.occupation_index("47-2061").unwrap()].unwrap();
    assert_eq!(laborers.employment.status, Status::Suppressed);
    assert_eq!(laborers.employment.value, None);
}

#[test]
fn national_cluster_profile_sums_its_occupations() {
    let d = data();
    let subject = Subject::cluster(&d, "Construction").unwrap();
    let p = profile::profile(&d, Area::Nation, subject, ProfileOptions::default()).unwrap();
    let codes: Vec<&str> = p.members.iter().map(|m| m.code.as_str()).collect();
    assert_eq!(codes, ["11-9021", "47-1011", "47-2031", "47-2061"]);
    assert_eq!(p.employment.now.value, Some(3_500_000.0));
    assert_eq!(p.employment.projected.value, Some(3_690_000.0));
    assert_eq!(p.employment.change.value, Some(190_000.0));
    assert!(close(p.employment.change_pct.value.unwrap(), 100.0 * 190_000.0 / 3_500_000.0));
    assert_eq!(p.openings.value, Some(325_000.0));
    assert_eq!(p.openings.basis, Basis::Computed);
    assert_eq!((p.employment.base_year, p.employment.projected_year), (Some(2024), Some(2034)));
    // Past change only where the earlier matrix has the occupation (carpenters).
    assert_eq!(p.employment.past_year, Some(2022));
    assert!(close(p.employment.past.value.unwrap(), 950_000.0));
    // Wages weighted by OEWS employment.
    let expected = (450_000.0 * 105_000.0
        + 650_000.0 * 76_000.0
        + 700_000.0 * 56_000.0
        + 1_000_000.0 * 46_000.0)
        / (450_000.0 + 650_000.0 + 700_000.0 + 1_000_000.0);
    assert!(close(p.wage_median.value.unwrap(), expected));
    assert_eq!(p.wage_median.occupations_used, 4);
    // Education shares by employment.
    let hs =
        p.education.iter().find(|s| s.category == "High school diploma or equivalent").unwrap();
    assert!(close(hs.percent, 100.0 * 1_800_000.0 / 3_500_000.0));
    // Output: construction sector (1606.3) has 1.5 M jobs, all in the cluster; manufacturing
    // 1.1 M of which 100,000 carpenters.
    let out = p.output.as_ref().unwrap();
    let allocated = 1606.3 * 1.0 + 5598.6 * (100_000.0 / 1_100_000.0);
    assert!(close(out.output.value.unwrap(), allocated), "{:?}", out.output);
    assert!(close(out.share_pct.value.unwrap(), 100.0 * allocated / (1606.3 + 5598.6 + 2747.4)));
    assert_eq!(out.output.basis, Basis::Estimated);
    assert_eq!(p.framework_software_skills, ["AutoCAD"]);
    assert_eq!(p.technology[0].example, "Microsoft Excel");
}

#[test]
fn split_counting_uses_the_crosswalk_shares() {
    let d = data();
    let subject = Subject::cluster(&d, "construction").unwrap();
    let p = profile::profile(
        &d,
        Area::Nation,
        subject,
        ProfileOptions { split: true, ..Default::default() },
    )
    .unwrap();
    // Construction managers: 0.7 of 500,000 in construction.
    assert!(close(p.employment.now.value.unwrap(), 3_000_000.0 + 0.7 * 500_000.0));
    assert_eq!(p.counting, "split by crosswalk shares");
    let mgmt = Subject::cluster(&d, "management-entrepreneurship").unwrap();
    let p = profile::profile(
        &d,
        Area::Nation,
        mgmt,
        ProfileOptions { split: true, ..Default::default() },
    )
    .unwrap();
    assert!(close(p.employment.now.value.unwrap(), 0.3 * 500_000.0 + 500_000.0));
}

#[test]
fn state_profile_estimates_projections_and_says_so() {
    let d = data();
    let ct = Area::resolve(&d, Some("ct")).unwrap();
    let subject = Subject::cluster(&d, "construction").unwrap();
    let p = profile::profile(&d, ct, subject, ProfileOptions::default()).unwrap();
    assert_eq!(p.area_name, "Connecticut");
    assert_eq!(p.employment.now.value, Some(17_000.0), "the suppressed laborers are not counted");
    assert_eq!(p.coverage.employment_suppressed, ["47-2061"]);
    let openings = 80_000.0 * 8_000.0 / 700_000.0
        + 70_000.0 * 6_000.0 / 650_000.0
        + 45_000.0 * 3_000.0 / 450_000.0;
    assert!(close(p.openings.value.unwrap(), openings));
    assert_eq!(p.openings.basis, Basis::Estimated);
    assert!(p.openings.display(trellis_labor::Kind::Count).ends_with("(est.)"));
    assert!(close(
        p.employment.projected.value.unwrap(),
        8_000.0 * 1.05 + 6_000.0 * 1.05 + 3_000.0 * 1.08
    ));
    assert!(p.employment.projections.estimated);
    assert!(p.notes.iter().any(|n| n.contains("estimated")));
    // The top-coded median enters at its floor and marks the average a lower bound.
    assert!(p.wage_median.lower_bound);
    assert_eq!(p.wage_median.top_coded, ["11-9021"]);
    let expected = (8_000.0 * 60_000.0 + 6_000.0 * 85_000.0 + 3_000.0 * 239_200.0) / 17_000.0;
    assert!(close(p.wage_median.value.unwrap(), expected));
    assert!(p.wage_median.display(trellis_labor::Kind::Dollars).starts_with('≥'));
    // The cluster total is the sum of the member rows.
    let sum: f64 = p.members.iter().filter_map(|m| m.figures.employment.exact()).sum();
    assert_eq!(p.employment.now.value, Some(sum));
}

#[test]
fn state_projections_file_replaces_estimates() {
    let d = data();
    let file = StateProjections::from_csv(
        "state,soc,base_year,projected_year,employment_base,employment_projected,annual_openings\n\
         CT,47-2031,2022,2032,7500,8500,950\n",
        std::path::Path::new("ct.csv"),
    )
    .unwrap();
    let ct = Area::resolve(&d, Some("CT")).unwrap();
    let subject = Subject::occupation(&d, "47-2031").unwrap();
    let p = profile::profile(
        &d,
        ct,
        subject,
        ProfileOptions { projections: Some(&file), ..Default::default() },
    )
    .unwrap();
    assert_eq!(p.openings.value, Some(950.0));
    assert_eq!(p.openings.basis, Basis::Computed);
    assert_eq!(p.employment.projected_year, Some(2032));
    assert!(!p.employment.projections.estimated);
    assert_eq!(p.programs[0].cip, "46.0201");
}

#[test]
fn occupation_profile_has_clusters_and_programs() {
    let d = data();
    let tx = Area::resolve(&d, Some("TX")).unwrap();
    let p = profile::profile(
        &d,
        tx,
        Subject::occupation(&d, "29-1141").unwrap(),
        ProfileOptions::default(),
    )
    .unwrap();
    assert_eq!(p.employment.now.value, Some(230_000.0));
    assert_eq!(p.wage_median.value, Some(90_000.0));
    assert_eq!(p.clusters[0].cluster_id, "healthcare-human-services");
    assert_eq!(p.clusters[0].sub_cluster.as_deref(), Some("Therapeutic Services"));
    assert_eq!(p.skills[0].name, "Social Perceptiveness");
    assert!(p.technology.iter().any(|t| t.example == "Epic Systems" && t.hot && t.in_demand));
    assert!(!p.technology.iter().any(|t| t.example == "Notepad"), "neither hot nor in demand");
}

#[test]
fn hshwid_applies_the_connecticut_definitions() {
    let d = data();
    let ct = Area::resolve(&d, Some("CT")).unwrap();
    let list = hshwid::evaluate(&d, ct, &ct_definitions(), None).unwrap();
    assert_eq!(list.rows.len(), 6);
    let row = |code: &str| list.rows.iter().find(|r| r.code == code).unwrap();
    let flags = |code: &str| {
        let r = row(code);
        (r.high_skill.met, r.high_wage.met, r.in_demand.met)
    };
    assert_eq!(
        flags("47-2031"),
        (Some(true), Some(true), Some(true)),
        "apprenticeship, $60,000, top of construction"
    );
    assert_eq!(flags("47-1011"), (Some(true), Some(true), Some(true)), "5 years of experience");
    // Top-coded median: at least $239,200 > $57,870. Third of three in construction, but
    // alone (so in the top half) in management.
    assert_eq!(flags("11-9021"), (Some(true), Some(true), Some(true)));
    let mgr = row("11-9021");
    let in_construction = mgr.clusters.iter().find(|m| m.cluster_id == "construction").unwrap();
    assert_eq!(in_construction.in_demand, Some(false));
    assert_eq!(in_construction.rank, Some((3, 3)));
    assert_eq!(mgr.all_three_in("construction"), Some(false));
    assert_eq!(mgr.all_three_in("management-entrepreneurship"), Some(true));
    // Suppressed employment: no openings estimate, so in-demand is unknown, not false.
    assert_eq!(flags("47-2061"), (Some(false), Some(false), None));
    assert_eq!(row("47-2061").all_three(), Some(false));
    assert_eq!(
        flags("29-1141"),
        (Some(true), Some(true), Some(false)),
        "second of two in health care"
    );
    assert_eq!(
        flags("31-1131"),
        (Some(true), Some(false), Some(true)),
        "$45,000 is below the threshold"
    );
    assert!(row("31-1131").high_wage.reasons[0].contains("$45,000"));
    assert!(
        row("31-1131")
            .high_skill
            .reasons
            .iter()
            .any(|r| r.contains("Postsecondary nondegree award"))
    );
    assert_eq!(list.wage_threshold.as_ref().unwrap().0, 57_870.0);
    assert!(list.openings_estimated);
    let construction = list.clusters.iter().find(|c| c.cluster_id == "construction").unwrap();
    assert_eq!(
        (
            construction.occupations,
            construction.high_skill,
            construction.high_wage,
            construction.in_demand,
            construction.all_three,
            construction.undecided
        ),
        (4, 3, 3, 2, 2, 1)
    );
    assert_eq!(construction.employment, 17_000.0);
    assert_eq!(row("29-1141").programs[0].cip, "51.3801");
}

#[test]
fn hshwid_definitions_other_states_write_without_code() {
    let d = data();
    let tx = Area::resolve(&d, Some("TX")).unwrap();
    // A wage floor as a percent of the national median, growth instead of openings.
    let defs = definitions_from_toml(
        r#"
        [hshwid]
        source = "test"
        data_area = "state"
        [hshwid.high_skill]
        text = "associate's or more"
        combine = "any"
        criteria = [{ kind = "entry_education", at_least = "associates" }]
        [hshwid.high_wage]
        text = "at least 150% of the national median"
        combine = "all"
        criteria = [{ kind = "wage", measure = "annual_median", comparison = "at_least", threshold = { kind = "percent_of", percent = 150, reference = "national_all_occupations_median", year = 2024 } }]
        [hshwid.in_demand]
        text = "top quarter by growth statewide"
        combine = "all"
        criteria = [{ kind = "top_share", measure = "employment_change_percent", scope = "all_occupations", fraction = 0.25 }]
        "#,
        "test.toml",
        "TX",
    )
    .unwrap();
    let list = hshwid::evaluate(&d, tx, &defs, None).unwrap();
    assert_eq!(list.rows.len(), 7);
    assert_eq!(list.wage_threshold.as_ref().unwrap().0, 1.5 * 49_500.0);
    let row = |code: &str| list.rows.iter().find(|r| r.code == code).unwrap();
    assert_eq!(row("11-9021").high_wage.met, Some(true), "$100,000 ≥ $74,250");
    assert_eq!(row("29-1141").high_wage.met, Some(true));
    assert_eq!(row("13-1020").high_wage.met, Some(false), "$70,000");
    assert_eq!(row("31-1131").high_skill.met, Some(false), "nondegree award is below associate's");
    // Growth: 8.0% (managers) and 5.0% (three tied) lead; top quarter of 7 is 2, ties included.
    assert_eq!(row("11-9021").in_demand.met, Some(true));
    assert_eq!(row("47-2031").in_demand.met, Some(true));
    assert_eq!(row("47-2061").in_demand.met, Some(true));
    assert_eq!(row("29-1141").in_demand.met, Some(false), "4.9%");
}

#[test]
fn definitions_errors_are_clear() {
    let base = |wage: &str| {
        format!(
            r#"
            [hshwid]
            source = "test"
            data_area = "state"
            [hshwid.high_skill]
            text = "x"
            combine = "any"
            criteria = [{{ kind = "entry_education", at_least = "associates" }}]
            [hshwid.high_wage]
            text = "y"
            combine = "all"
            criteria = [{wage}]
            [hshwid.in_demand]
            text = "z"
            combine = "all"
            criteria = [{{ kind = "top_share", measure = "annual_openings", scope = "cluster", fraction = 0.5 }}]
            "#
        )
    };
    let no_year = base(
        r#"{ kind = "wage", measure = "annual_median", comparison = "greater_than", threshold = { kind = "amount", dollars = 50000 } }"#,
    );
    let e = definitions_from_toml(&no_year, "mine.toml", "CT").unwrap_err().to_string();
    assert!(e.contains("mine.toml") && e.contains("year"), "{e}");
    let unknown = base(
        r#"{ kind = "wage", measure = "annual_median", comparison = "greater_than", threshold = { kind = "amount", dollars = 50000, year = 2025 }, floor = 3 }"#,
    );
    let e = definitions_from_toml(&unknown, "mine.toml", "CT").unwrap_err().to_string();
    assert!(e.contains("floor"), "{e}");
    let e = definitions_from_toml("[hshwid]\nsource = 'x'\n[extra]\n", "mine.toml", "CT")
        .unwrap_err()
        .to_string();
    assert!(e.contains("extra"), "{e}");
    // A percentage of a state median that the data do not hold.
    let pct_state = base(
        r#"{ kind = "wage", measure = "annual_median", comparison = "greater_than", threshold = { kind = "percent_of", percent = 80, reference = "state_all_occupations_median", year = 2024 } }"#,
    );
    let defs = definitions_from_toml(&pct_state, "mine.toml", "CT").unwrap();
    let d = data();
    let ct = Area::resolve(&d, Some("CT")).unwrap();
    let e = hshwid::evaluate(&d, ct, &defs, None).unwrap_err().to_string();
    assert!(e.contains("write the amount instead"), "{e}");
}

#[test]
fn bad_states_get_clear_errors() {
    let d = data();
    let e = Area::resolve(&d, Some("WY")).unwrap_err();
    assert!(matches!(e, LaborError::NoStateRows { .. }), "{e}");
    assert!(e.to_string().contains("CT TX"), "{e}");
    let e = Area::resolve(&d, Some("Narnia")).unwrap_err();
    assert!(matches!(e, LaborError::UnknownState { .. }), "{e}");
    assert!(
        Subject::cluster(&d, "underwater basket weaving")
            .unwrap_err()
            .to_string()
            .contains("construction")
    );
    assert!(matches!(
        Subject::occupation(&d, "99-9999"),
        Err(LaborError::UnknownOccupation { .. })
    ));
    let e = hshwid::evaluate(&d, Area::Nation, &ct_definitions(), None).unwrap_err();
    assert!(e.to_string().contains("--state"));
}

#[test]
fn location_quotients_compare_shares() {
    let d = data();
    let tables = region::region_all(&d, RegionOptions::default());
    assert_eq!(tables.len(), 2);
    let ct = tables.iter().find(|t| t.state == "CT").unwrap();
    assert_eq!(ct.state_employment, 73_000.0);
    assert_eq!(ct.suppressed, 1);
    let national_total: f64 = common::NATIONAL.iter().map(|x| x.1).sum();
    assert_eq!(ct.national_employment, national_total);
    let lq = |id: &str| ct.clusters.iter().find(|r| r.id == id).unwrap().location_quotient.unwrap();
    assert!(close(lq("construction"), (17_000.0 / 73_000.0) / (2_800_000.0 / national_total)));
    assert!(close(
        lq("healthcare-human-services"),
        (56_000.0 / 73_000.0) / (4_630_000.0 / national_total)
    ));
    assert_eq!(ct.specialized, ["healthcare-human-services"]);
    let sub = ct.sub_clusters.iter().find(|r| r.id == "skilled-trades").unwrap();
    assert_eq!(sub.state_employment, 8_000.0);
    // Every cluster's state employment adds up to the state total (each counted once).
    let sum: f64 = ct.clusters.iter().map(|r| r.state_employment).sum();
    assert!(close(sum, ct.state_employment));
    let split = region::region_all(&d, RegionOptions { split: true, min_lq: 1.2 });
    let ct_split = split.iter().find(|t| t.state == "CT").unwrap();
    let mgmt = ct_split.clusters.iter().find(|r| r.id == "management-entrepreneurship").unwrap();
    assert!(close(mgmt.state_employment, 0.3 * 3_000.0));
    let wage = region::cluster_wage(&d, d.state_index("TX").unwrap(), 1, false);
    assert!(close(wage.value.unwrap(), (230_000.0 * 90_000.0 + 100_000.0 * 35_000.0) / 330_000.0));
}

#[test]
fn missing_crosswalk_is_reported() {
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    conn.execute_batch(common::STORE_SCHEMA).unwrap();
    conn.execute(
        "INSERT INTO ep_occupation (soc, vintage, title, occ_type, emp_base, median_wage_status, source_id) VALUES ('29-1141', '2024-34', 'RN', 'line_item', 1, 'ok', 1)",
        [],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO oews (vintage, area_type, area, area_title, naics, soc, o_group, tot_emp, tot_emp_status, a_mean_status, a_pct10_status, a_pct25_status, a_median_status, a_pct75_status, a_pct90_status, h_median_status, source_id)
         VALUES ('M2024', 'national', 'US', 'US', '000000', '29-1141', 'detailed', 1, 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 1)",
        [],
    )
    .unwrap();
    let e = trellis_labor::LaborData::load(&conn, common::clusters()).unwrap_err();
    assert!(matches!(e, LaborError::NoCrosswalk), "{e}");
    assert!(e.to_string().contains("trellis crosswalk build"));
    let empty = rusqlite::Connection::open_in_memory().unwrap();
    let e = trellis_labor::LaborData::load(&empty, common::clusters()).unwrap_err();
    assert!(e.to_string().contains("trellis data import"), "{e}");
}
