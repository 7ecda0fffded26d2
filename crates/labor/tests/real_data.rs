//! The engine on the official files: figures tie out to the raw files (read here, not through
//! the database), cluster totals equal the sum of their occupations, and HSHWID and regional
//! analysis run for every state in the data. Needs TRELLIS_TEST_DATA.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use calamine::{Data, Reader, Xlsx, open_workbook};
use trellis_labor::hshwid;
use trellis_labor::profile::{self, ProfileOptions, Subject};
use trellis_labor::region::{self, RegionOptions};
use trellis_labor::workbook::{ALL_SHEET, OCCUPATION_HEADERS, hshwid_workbook};
use trellis_labor::{Area, Basis, LaborData, Status};

fn data_dir(test: &str) -> Option<PathBuf> {
    match std::env::var_os("TRELLIS_TEST_DATA") {
        Some(d) => Some(PathBuf::from(d)),
        None => {
            eprintln!("SKIPPED: {test} needs TRELLIS_TEST_DATA");
            None
        }
    }
}

/// The database, built once per test run from the official files (with the default
/// crosswalk), and the snapshot loaded from it.
/// The snapshot is in memory, so the database is removed once it is loaded.
fn snapshot(dir: &Path) -> &'static LaborData {
    static DATA: OnceLock<LaborData> = OnceLock::new();
    DATA.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("trellis.sqlite");
        let step = trellis_align::DefaultBuild;
        let mut opts = trellis_store::ImportOptions::new(dir, Some(&db));
        opts.steps.push(&step);
        trellis_store::import(&opts).expect("import of the official files");
        LaborData::open(&db).expect("snapshot")
    })
}

/// Employment Projections Table 1.2, by code: (employment, projected, change, openings) in
/// persons, and the education, experience and training categories.
fn ep_table(dir: &Path) -> HashMap<String, ([f64; 4], [String; 3])> {
    let mut wb: Xlsx<_> = open_workbook(dir.join("bls/ep_2024_34/occupation.xlsx")).unwrap();
    let range = wb.worksheet_range("Table 1.2").unwrap();
    let mut out = HashMap::new();
    for row in range.rows().skip(2) {
        let (Data::String(code), Data::String(kind)) = (&row[1], &row[2]) else { continue };
        if kind != "Line item" {
            continue;
        }
        let num = |c: &Data| match c {
            Data::Float(v) => *v * 1000.0,
            Data::Int(v) => *v as f64 * 1000.0,
            other => panic!("unexpected cell {other:?} for {code}"),
        };
        let text = |c: &Data| c.to_string();
        out.insert(
            code.clone(),
            (
                [num(&row[3]), num(&row[4]), num(&row[7]), num(&row[10])],
                [text(&row[12]), text(&row[13]), text(&row[14])],
            ),
        );
    }
    out
}

/// OEWS national detailed rows: code → (employment, median).
fn oews_national(dir: &Path) -> HashMap<String, (Option<f64>, Option<f64>)> {
    let mut wb: Xlsx<_> = open_workbook(dir.join("bls/oews_m2024/national_M2024_dl.xlsx")).unwrap();
    let range = wb.worksheet_range("national_M2024_dl").unwrap();
    let mut rows = range.rows();
    let header: Vec<String> = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (code, group, emp, med) =
        (col("OCC_CODE"), col("O_GROUP"), col("TOT_EMP"), col("A_MEDIAN"));
    let num = |c: &Data| match c {
        Data::Float(v) => Some(*v),
        Data::Int(v) => Some(*v as f64),
        _ => None,
    };
    rows.filter(|r| r[group] == Data::String("detailed".into()))
        .map(|r| (r[code].to_string(), (num(&r[emp]), num(&r[med]))))
        .collect()
}

/// An OEWS state JSON file: code → (employment, median), absent keys as None.
fn oews_state(dir: &Path, fips: &str) -> HashMap<String, (Option<f64>, Option<f64>)> {
    let path = dir.join(format!("bls/oews_m2024/state_json_laborcompare/{fips}.json"));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["occupations"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(code, o)| {
            (
                code.clone(),
                (o.get("emp").and_then(|x| x.as_f64()), o.get("med").and_then(|x| x.as_f64())),
            )
        })
        .collect()
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn national_occupation_profile_ties_out_to_the_raw_files() {
    let Some(dir) = data_dir("national_occupation_profile_ties_out_to_the_raw_files") else {
        return;
    };
    let d = snapshot(&dir);
    let ep = ep_table(&dir);
    let oews = oews_national(&dir);
    for code in ["29-1141", "15-1252", "47-2031", "11-1021"] {
        let p = profile::profile(
            d,
            Area::Nation,
            Subject::occupation(d, code).unwrap(),
            ProfileOptions::default(),
        )
        .unwrap();
        let ([emp, proj, change, openings], [education, _, _]) = &ep[code];
        assert!(close(p.employment.now.value.unwrap(), *emp, 0.5), "{code} employment");
        assert!(close(p.employment.projected.value.unwrap(), *proj, 0.5), "{code} projected");
        assert!(close(p.employment.change.value.unwrap(), *change, 0.5), "{code} change");
        assert!(close(p.openings.value.unwrap(), *openings, 0.5), "{code} openings");
        assert_eq!(p.education[0].category, *education);
        let (_, median) = oews[code];
        if let Some(m) = median {
            assert_eq!(p.wage_median.value, Some(m), "{code} median");
        }
        assert_eq!(p.openings.basis, Basis::Computed, "national openings are published figures");
    }
}

#[test]
fn texas_registered_nurses_tie_out() {
    let Some(dir) = data_dir("texas_registered_nurses_tie_out") else { return };
    let d = snapshot(&dir);
    let tx = oews_state(&dir, "48");
    let (emp, median) = tx["29-1141"];
    let area = Area::resolve(d, Some("TX")).unwrap();
    let p = profile::profile(
        d,
        area,
        Subject::occupation(d, "29-1141").unwrap(),
        ProfileOptions::default(),
    )
    .unwrap();
    assert_eq!(p.employment.now.value, emp);
    assert_eq!(p.wage_median.value, median);
    // Openings: national openings scaled by Texas's share of national OEWS employment.
    let ([_, _, _, openings], _) = ep_table(&dir)["29-1141"];
    let (national_emp, _) = oews_national(&dir)["29-1141"];
    let expected = openings * emp.unwrap() / national_emp.unwrap();
    assert!(close(p.openings.value.unwrap(), expected, 1e-6));
    assert_eq!(p.openings.basis, Basis::Estimated);
    assert!(
        p.clusters.iter().any(|c| c.primary && c.cluster_id == "healthcare-human-services"),
        "{:?}",
        p.clusters
    );
    assert!(p.programs.iter().any(|prog| prog.cip == "51.3801"));
}

#[test]
fn connecticut_construction_is_the_sum_of_its_occupations() {
    let Some(dir) = data_dir("connecticut_construction_is_the_sum_of_its_occupations") else {
        return;
    };
    let d = snapshot(&dir);
    let ct = oews_state(&dir, "09");
    let area = Area::resolve(d, Some("CT")).unwrap();
    let p = profile::profile(
        d,
        area,
        Subject::cluster(d, "construction").unwrap(),
        ProfileOptions::default(),
    )
    .unwrap();
    assert!(p.members.len() > 20, "{} members", p.members.len());
    let mut sum = 0.0;
    for m in &p.members {
        let (emp, median) = ct
            .get(&m.code)
            .copied()
            .unwrap_or_else(|| panic!("{} is listed but has no CT row", m.code));
        assert_eq!(m.figures.employment.exact(), emp, "{}", m.code);
        if emp.is_none() {
            assert_eq!(m.figures.employment.status, Status::Suppressed, "{}", m.code);
        }
        assert_eq!(m.figures.wages.median.exact(), median, "{}", m.code);
        sum += emp.unwrap_or(0.0);
    }
    assert_eq!(p.employment.now.value, Some(sum));
    let openings: f64 = p.members.iter().filter_map(|m| m.figures.openings.exact()).sum();
    assert!(close(p.openings.value.unwrap(), openings, 1e-6));
    assert!(p.openings.is_estimated());
    // Sub-clusters partition the cluster's occupations that have a sub-cluster.
    let cluster = &d.clusters[d.cluster_index("construction").unwrap()];
    let mut sub_sum = 0.0;
    for s in &cluster.sub_clusters {
        let sp = profile::profile(
            d,
            area,
            Subject::sub_cluster(d, &s.id).unwrap(),
            ProfileOptions::default(),
        )
        .unwrap();
        sub_sum += sp.employment.now.value.unwrap_or(0.0);
    }
    let with_sub: f64 = p
        .members
        .iter()
        .filter(|m| m.sub_cluster.is_some())
        .filter_map(|m| m.figures.employment.exact())
        .sum();
    assert!(close(sub_sum, with_sub, 1e-6), "{sub_sum} vs {with_sub}");
    // The national profile of the cluster has a share of output.
    let n = profile::profile(
        d,
        Area::Nation,
        Subject::cluster(d, "construction").unwrap(),
        ProfileOptions::default(),
    )
    .unwrap();
    let share = n.output.as_ref().unwrap().share_pct.value.unwrap();
    assert!(share > 1.0 && share < 20.0, "{share}");
}

#[test]
fn hshwid_and_regions_run_for_every_state() {
    let Some(dir) = data_dir("hshwid_and_regions_run_for_every_state") else { return };
    let d = snapshot(&dir);
    let states: Vec<&str> = d.states.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(states.len(), 51, "{states:?}");
    let fw = trellis_framework::Framework::builtin();
    let ct_defs = fw.state("CT").and_then(|s| s.hshwid.as_ref()).unwrap();
    let weights = region::ClusterWeights::new(d, false);
    for (si, s) in d.states.iter().enumerate() {
        let fips = s.fips.as_deref().unwrap();
        let raw = oews_state(&dir, fips);
        let defs = fw.state(&s.code).and_then(|p| p.hshwid.as_ref()).unwrap_or(ct_defs);
        let list = hshwid::evaluate(d, Area::State(si), defs, None).unwrap();
        assert_eq!(list.rows.len(), raw.len(), "{}: one row per OEWS occupation", s.code);
        assert!(list.rows.iter().any(|r| r.all_three() == Some(true)), "{}", s.code);
        let table = region::region(d, si, &weights, RegionOptions::default());
        let total: f64 = raw.values().filter_map(|x| x.0).sum();
        assert!(close(table.state_employment, total, 0.5), "{}", s.code);
        for c in &table.clusters {
            let lq = c.location_quotient.unwrap();
            assert!(lq.is_finite() && lq >= 0.0, "{} {}", s.code, c.id);
        }
    }
    // Connecticut's registered nurses: bachelor's degree and a median above $57,870.
    let ct = Area::resolve(d, Some("CT")).unwrap();
    let list = hshwid::evaluate(d, ct, ct_defs, None).unwrap();
    let rn = list.rows.iter().find(|r| r.code == "29-1141").unwrap();
    let (_, median) = oews_state(&dir, "09")["29-1141"];
    assert_eq!(rn.wage_median.value, median);
    assert_eq!(rn.high_skill.met, Some(true));
    assert_eq!(rn.high_wage.met, Some(median.unwrap() > 57_870.0));
}

#[test]
fn workbooks_for_connecticut_and_three_other_states() {
    let Some(dir) = data_dir("workbooks_for_connecticut_and_three_other_states") else { return };
    let d = snapshot(&dir);
    let fw = trellis_framework::Framework::builtin();
    for (code, fips, median) in [
        ("CT", "09", 57_870.0),
        ("TX", "48", 47_500.0),
        ("AL", "01", 43_830.0),
        ("AK", "02", 59_400.0),
    ] {
        let defs = fw
            .state(code)
            .and_then(|s| s.hshwid.as_ref())
            .unwrap_or_else(|| panic!("{code} profile"));
        let list = hshwid::evaluate(d, Area::resolve(d, Some(code)).unwrap(), defs, None).unwrap();
        assert_eq!(list.wage_threshold.as_ref().unwrap().0, median);
        let bytes = hshwid_workbook(&list, &d.sources, "test").unwrap();
        let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(wb.sheet_names().len(), 3 + d.clusters.len(), "{code}");
        let all = wb.worksheet_range(ALL_SHEET).unwrap();
        let header: Vec<String> =
            all.rows().next().unwrap().iter().map(|c| c.to_string()).collect();
        assert_eq!(&header[..OCCUPATION_HEADERS.len()], OCCUPATION_HEADERS);
        assert_eq!(all.rows().count() - 1, oews_state(&dir, fips).len(), "{code}");
        for s in &list.clusters {
            let name =
                wb.sheet_names().into_iter().find(|n| s.cluster.starts_with(n.as_str())).unwrap();
            let sheet = wb.worksheet_range(&name).unwrap();
            assert_eq!(sheet.rows().count() - 1, s.occupations, "{code} {}", s.cluster);
        }
        let overview = wb.worksheet_range("Overview").unwrap();
        let text: Vec<String> =
            overview.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
        assert!(text.iter().any(|t| t.contains("oews_m2024")), "{code}: sources listed");
    }
}
