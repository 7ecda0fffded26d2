//! A broken definitions file gives a precise message: each test breaks one thing in one file of
//! the built-in definitions and checks the problem names the file, the entry and the fault.

use trellis_framework::{Framework, Problem, Sources};

const F24: &str = "framework-2024.toml";
const F02: &str = "framework-2002.toml";
const CW: &str = "crosswalk-2002-2024.toml";
const CONTENT: &str = "cluster-content.toml";
const CRP: &str = "career-ready-practices.toml";
const IAG: &str = "industry-advisory-groups.toml";
const CT: &str = "states/CT.toml";

/// Loads the built-in definitions with `from` replaced by `to` (first occurrence) in `file`.
fn problems_after(file: &str, from: &str, to: &str) -> Vec<Problem> {
    let mut sources = Sources::builtin();
    let f = sources.file_mut(file).unwrap_or_else(|| panic!("no file {file}"));
    assert!(f.text.contains(from), "{file} does not contain {from:?}");
    f.text = f.text.replacen(from, to, 1);
    match Framework::from_sources(&sources) {
        Ok(_) => panic!("{file} with {from:?} -> {to:?} loaded without error"),
        Err(e) => {
            // The error's text lists every problem.
            let text = e.to_string();
            for p in &e.problems {
                assert!(text.contains(&p.message));
            }
            e.problems
        }
    }
}

fn assert_problem(problems: &[Problem], file: &str, entry: &str, message: &str) {
    assert!(
        problems
            .iter()
            .any(|p| p.file == file && p.entry.contains(entry) && p.message.contains(message)),
        "expected a problem in {file} at {entry:?} saying {message:?}; got:\n{}",
        problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn builtin_definitions_load() {
    let fw =
        Framework::from_sources(&Sources::builtin()).expect("the built-in definitions are valid");
    assert_eq!(fw.sub_clusters.len(), 72);
}

#[test]
fn toml_syntax_error_names_file_and_line() {
    let p = problems_after(
        F24,
        "[[groupings]]\nid = \"building-moving\"",
        "[[groupings]\nid = \"building-moving\"",
    );
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].file, F24);
    assert!(p[0].message.contains("line"), "{}", p[0].message);
}

#[test]
fn unknown_field_is_an_error() {
    let p = problems_after(
        F24,
        "caption = \"Empowering Financial Resilience\"",
        "caption = \"Empowering Financial Resilience\"\ncolour = \"green\"",
    );
    assert_problem(&p, F24, "", "unknown field `colour`");
}

#[test]
fn duplicate_id() {
    let p = problems_after(F24, "id = \"robotics\"", "id = \"engineering\"");
    assert_problem(&p, F24, "sub_clusters \"engineering\"", "this id is used by another entity");
}

#[test]
fn id_must_be_the_slug_of_a_name() {
    let p = problems_after(F24, "id = \"web-cloud\"", "id = \"web-and-cloud\"");
    assert_problem(
        &p,
        F24,
        "sub_clusters \"web-and-cloud\"",
        "slug of the name or of an alias, e.g. \"web-cloud\"",
    );
    let p = problems_after(F24, "id = \"web-cloud\"", "id = \"Web Cloud\"");
    assert_problem(&p, F24, "sub_clusters \"Web Cloud\"", "lower-case letters, digits and hyphens");
}

#[test]
fn sub_cluster_in_unknown_cluster() {
    let p = problems_after(
        F24,
        "name = \"Robotics\"\ncluster = \"advanced-manufacturing\"",
        "name = \"Robotics\"\ncluster = \"advanced-manufactoring\"",
    );
    assert_problem(
        &p,
        F24,
        "sub_clusters \"robotics\"",
        "cluster \"advanced-manufactoring\" is not the id of any [[clusters]] entry",
    );
}

#[test]
fn counts_are_checked() {
    let p = problems_after(
        F24,
        "[[sub_clusters]]\nid = \"robotics\"\nname = \"Robotics\"\ncluster = \"advanced-manufacturing\"\n",
        "",
    );
    assert_problem(&p, F24, "", "expected 72 sub_clusters, found 71");
    let p = problems_after(
        F02,
        "[[pathways]]\nid = \"2002-finance--insurance\"",
        "[[not_pathways]]\nid = \"2002-finance--insurance\"",
    );
    assert_problem(&p, F02, "", "unknown field `not_pathways`");
    let mut sources = Sources::builtin();
    let f = sources.file_mut(F02).unwrap();
    let start = f.text.find("[[pathways]]\nid = \"2002-finance--insurance\"").unwrap();
    let end = start + f.text[start..].find("\n\n").unwrap() + 2;
    f.text.replace_range(start..end, "");
    let e = Framework::from_sources(&sources).unwrap_err();
    assert_problem(&e.problems, F02, "", "expected 79 pathways, found 78");
}

#[test]
fn alias_naming_two_entities() {
    let p = problems_after(
        F24,
        "id = \"robotics\"\nname = \"Robotics\"",
        "id = \"robotics\"\nname = \"Robotics\"\naliases = [\"engineering\"]",
    );
    assert_problem(
        &p,
        F24,
        "sub_clusters \"robotics\"",
        "\"engineering\" also names sub-cluster \"engineering\"",
    );
    // Punctuation and `and` do not make two names different.
    let p = problems_after(
        F24,
        "name = \"Web & Cloud\"",
        "name = \"Web & Cloud\"\naliases = [\"Software and Solutions\"]",
    );
    assert_problem(
        &p,
        F24,
        "sub_clusters \"web-cloud\"",
        "also names sub-cluster \"software-solutions\"",
    );
}

#[test]
fn pathway_names_are_unique_within_their_cluster_only() {
    let p = problems_after(
        F02,
        "aliases = [\"Lodging Pathway\"]",
        "aliases = [\"Lodging Pathway\", \"Travel and Tourism\"]",
    );
    assert_problem(
        &p,
        F02,
        "pathways \"2002-hospitality-tourism--travel-tourism\"",
        "also names 2002 pathway \"2002-hospitality-tourism--lodging\" (as \"Travel and Tourism\")",
    );
}

#[test]
fn cross_cutting_flag_must_match_grouping() {
    let p = problems_after(
        F24,
        "caption = \"Empowering Financial Resilience\"",
        "caption = \"Empowering Financial Resilience\"\ncross_cutting = true",
    );
    assert_problem(
        &p,
        F24,
        "clusters \"financial-services\"",
        "cross-cutting clusters are exactly those of the cross-cutting grouping",
    );
    assert_problem(&p, F24, "", "expected 3 cross-cutting clusters, found 4");
}

#[test]
fn crosswalk_rows_must_name_known_ids() {
    let p = problems_after(CW, "to = \"agriculture\"", "to = \"agricultur\"");
    assert_problem(
        &p,
        CW,
        "2002-agriculture-food-natural-resources -> agricultur",
        "to \"agricultur\" is not the id of a 2024 cluster",
    );
    let p = problems_after(CW, "from = \"2002-finance\"", "from = \"2002-financial\"");
    assert_problem(&p, CW, "rows[5]", "from \"2002-financial\" is not the id of a 2002 cluster");
    assert_problem(&p, CW, "", "the 2002 cluster \"2002-finance\" has no row");
}

#[test]
fn crosswalk_change_type_shapes() {
    let p = problems_after(
        CW,
        "to = \"energy-natural-resources\"\nchange = \"new\"",
        "from = \"2002-finance\"\nto = \"energy-natural-resources\"\nchange = \"new\"",
    );
    assert_problem(
        &p,
        CW,
        "2002-finance -> energy-natural-resources",
        "change \"new\" needs a `to` and no `from`",
    );
    assert_problem(&p, CW, "", "\"2002-finance\" has 2 rows");
    let p = problems_after(CW, "change = \"removed\"", "change = \"deleted\"");
    assert_problem(&p, CW, "", "unknown variant `deleted`");
}

#[test]
fn content_must_name_a_cluster_and_not_repeat() {
    let p = problems_after(CONTENT, "cluster = \"construction\"", "cluster = \"constructions\"");
    assert_problem(&p, CONTENT, "clusters \"constructions\"", "not the id of a 2024 cluster");
    let p = problems_after(
        CONTENT,
        "    \"Brickmason\",\n",
        "    \"Brickmason\",\n    \"Brickmason\",\n",
    );
    assert_problem(
        &p,
        CONTENT,
        "clusters \"construction\"",
        "sample_occupations lists \"Brickmason\" twice",
    );
}

#[test]
fn twelve_career_ready_practices() {
    let p = problems_after(CRP, "    \"Manage time & space effectively\",\n", "");
    assert_problem(&p, CRP, "", "expected 12 practices, found 11");
}

#[test]
fn every_naics_sector_needs_a_group() {
    let p = problems_after(IAG, "naics = [\"81\"]", "naics = [\"62\"]");
    assert_problem(&p, IAG, "", "no group lists the NAICS sector 81");
    let p = problems_after(IAG, "naics = [\"81\"]", "naics = [\"99\"]");
    assert_problem(&p, IAG, "", "invalid NAICS code \"99\"");
    let p = problems_after(IAG, "naics = [\"81\"]", "naics = [\"811\"]");
    assert_problem(&p, IAG, "groups 14", "811 is not a two-digit NAICS sector");
    let p = problems_after(IAG, "cluster = \"agriculture\"", "cluster = \"farming\"");
    assert_problem(
        &p,
        IAG,
        "groups 3 (\"Agriculture\")",
        "cluster \"farming\" is not the id of a 2024 cluster",
    );
}

#[test]
fn state_profile_errors() {
    let p = problems_after(CT, "code = \"CT\"", "code = \"NY\"");
    assert_problem(&p, CT, "state", "code \"NY\" belongs in a file named NY.toml");
    let p = problems_after(
        CT,
        "cluster = \"education\"\ncode = \"045\"",
        "cluster = \"educashun\"\ncode = \"045\"",
    );
    assert_problem(
        &p,
        CT,
        "certifications \"Home Economics\"",
        "cluster \"educashun\" is not the id of a 2024 cluster",
    );
    let p = problems_after(CT, "fraction = 0.5", "fraction = 1.5");
    assert_problem(&p, CT, "hshwid.in_demand", "top_share fraction 1.5 must be in (0, 1]");
    let p = problems_after(CT, "year = 2025, ", "");
    assert_problem(&p, CT, "", "missing field `year`");
    let p = problems_after(CT, "fraction = 0.5", "fraction = 0.5, share = 0.5");
    assert_problem(&p, CT, "", "unknown field `share`");
    let p = problems_after(
        CT,
        "at_least = \"five_years_or_more\"",
        "at_least = \"five_years_or_more\", minimum = 1",
    );
    assert_problem(&p, CT, "", "unknown field `minimum`");
    let p = problems_after(CT, "dollars = 57870", "dollars = -1");
    assert_problem(&p, CT, "hshwid.high_wage", "dollars must be positive");
}

/// Another state is another file: a profile using the other criterion kinds loads as data.
#[test]
fn another_state_is_a_new_file() {
    let mut sources = Sources::builtin();
    sources.states.push(trellis_framework::SourceFile::new(
        "states/ZZ.toml",
        r#"
[state]
code = "ZZ"
name = "Example State"
source = "A test profile"

[[certifications]]
cluster = "digital-technology"
title = "Computer Science"

[hshwid]
source = "Example Department of Labor"
data_area = "national"
designation = "all"

[hshwid.high_skill]
text = "Experience below five years does not count."
combine = "any"
criteria = [{ kind = "work_experience", at_least = "less_than_5_years" }]

[hshwid.high_wage]
text = "At least 80% of the state median wage (2024)."
combine = "all"
criteria = [
    { kind = "wage", measure = "hourly_median", comparison = "at_least", threshold = { kind = "percent_of", percent = 80, reference = "state_all_occupations_median", year = 2024 } },
]

[hshwid.in_demand]
text = "Top quarter by growth, and at least 50 openings a year."
combine = "all"
criteria = [
    { kind = "top_share", measure = "employment_change_percent", scope = "all_occupations", fraction = 0.25 },
    { kind = "minimum", measure = "annual_openings", at_least = 50 },
]
"#,
    ));
    let fw = Framework::from_sources(&sources).expect("the example profile loads");
    let zz = fw.state("zz").unwrap();
    let h = zz.hshwid.as_ref().unwrap();
    assert_eq!(h.in_demand.criteria.len(), 2);
    let wage = h.high_wage.criteria[0].to_string();
    assert_eq!(
        wage,
        "hourly median wage is at least 80% of the state median wage of all occupations (2024)"
    );
    assert_eq!(fw.states.len(), Sources::builtin().states.len() + 1);
}
