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

/// A case breaks `file` by replacing `from` with `to` (first occurrence) and expects a problem
/// whose entry contains `entry` and whose message contains `message`.
struct Case {
    from: &'static str,
    to: &'static str,
    entry: &'static str,
    message: &'static str,
}

const fn case(
    from: &'static str,
    to: &'static str,
    entry: &'static str,
    message: &'static str,
) -> Case {
    Case { from, to, entry, message }
}

fn check(file: &str, cases: &[Case]) {
    for c in cases {
        assert_problem(&problems_after(file, c.from, c.to), file, c.entry, c.message);
    }
}

#[test]
fn unknown_field_is_an_error() {
    check(
        F24,
        &[case(
            "caption = \"Empowering Financial Resilience\"",
            "caption = \"Empowering Financial Resilience\"\ncolour = \"green\"",
            "",
            "unknown field `colour`",
        )],
    );
}

#[test]
fn ids_are_unique_slugs() {
    check(
        F24,
        &[
            case(
                "id = \"robotics\"",
                "id = \"engineering\"",
                "sub_clusters \"engineering\"",
                "this id is used by another entity",
            ),
            case(
                "id = \"web-cloud\"",
                "id = \"web-and-cloud\"",
                "sub_clusters \"web-and-cloud\"",
                "slug of the name or of an alias, e.g. \"web-cloud\"",
            ),
            case(
                "id = \"web-cloud\"",
                "id = \"Web Cloud\"",
                "sub_clusters \"Web Cloud\"",
                "lower-case letters, digits and hyphens",
            ),
        ],
    );
}

#[test]
fn sub_cluster_in_unknown_cluster() {
    check(
        F24,
        &[case(
            "name = \"Robotics\"\ncluster = \"advanced-manufacturing\"",
            "name = \"Robotics\"\ncluster = \"advanced-manufactoring\"",
            "sub_clusters \"robotics\"",
            "cluster \"advanced-manufactoring\" is not the id of any [[clusters]] entry",
        )],
    );
}

#[test]
fn counts_are_checked() {
    check(
        F24,
        &[case(
            "[[sub_clusters]]\nid = \"robotics\"\nname = \"Robotics\"\ncluster = \"advanced-manufacturing\"\n",
            "",
            "",
            "expected 72 sub_clusters, found 71",
        )],
    );
    check(
        F02,
        &[case(
            "[[pathways]]\nid = \"2002-finance--insurance\"",
            "[[not_pathways]]\nid = \"2002-finance--insurance\"",
            "",
            "unknown field `not_pathways`",
        )],
    );
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
    check(
        F24,
        &[
            case(
                "id = \"robotics\"\nname = \"Robotics\"",
                "id = \"robotics\"\nname = \"Robotics\"\naliases = [\"engineering\"]",
                "sub_clusters \"robotics\"",
                "\"engineering\" also names sub-cluster \"engineering\"",
            ),
            // Punctuation and `and` do not make two names different.
            case(
                "name = \"Web & Cloud\"",
                "name = \"Web & Cloud\"\naliases = [\"Software and Solutions\"]",
                "sub_clusters \"web-cloud\"",
                "also names sub-cluster \"software-solutions\"",
            ),
        ],
    );
}

#[test]
fn pathway_names_are_unique_within_their_cluster_only() {
    check(
        F02,
        &[case(
            "aliases = [\"Lodging Pathway\"]",
            "aliases = [\"Lodging Pathway\", \"Travel and Tourism\"]",
            "pathways \"2002-hospitality-tourism--travel-tourism\"",
            "also names 2002 pathway \"2002-hospitality-tourism--lodging\" (as \"Travel and Tourism\")",
        )],
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
    check(
        CW,
        &[
            case(
                "to = \"agriculture\"",
                "to = \"agricultur\"",
                "2002-agriculture-food-natural-resources -> agricultur",
                "to \"agricultur\" is not the id of a 2024 cluster",
            ),
            case(
                "from = \"2002-finance\"",
                "from = \"2002-financial\"",
                "rows[5]",
                "from \"2002-financial\" is not the id of a 2002 cluster",
            ),
            case(
                "from = \"2002-finance\"",
                "from = \"2002-financial\"",
                "",
                "the 2002 cluster \"2002-finance\" has no row",
            ),
        ],
    );
}

#[test]
fn crosswalk_change_type_shapes() {
    let new_with_from = (
        "to = \"energy-natural-resources\"\nchange = \"new\"",
        "from = \"2002-finance\"\nto = \"energy-natural-resources\"\nchange = \"new\"",
    );
    check(
        CW,
        &[
            case(
                new_with_from.0,
                new_with_from.1,
                "2002-finance -> energy-natural-resources",
                "change \"new\" needs a `to` and no `from`",
            ),
            case(new_with_from.0, new_with_from.1, "", "\"2002-finance\" has 2 rows"),
            case("change = \"removed\"", "change = \"deleted\"", "", "unknown variant `deleted`"),
        ],
    );
}

#[test]
fn content_must_name_a_cluster_and_not_repeat() {
    check(
        CONTENT,
        &[
            case(
                "cluster = \"construction\"",
                "cluster = \"constructions\"",
                "clusters \"constructions\"",
                "not the id of a 2024 cluster",
            ),
            case(
                "    \"Brickmason\",\n",
                "    \"Brickmason\",\n    \"Brickmason\",\n",
                "clusters \"construction\"",
                "sample_occupations lists \"Brickmason\" twice",
            ),
        ],
    );
}

#[test]
fn twelve_career_ready_practices() {
    check(
        CRP,
        &[case(
            "    \"Manage time & space effectively\",\n",
            "",
            "",
            "expected 12 practices, found 11",
        )],
    );
}

#[test]
fn every_naics_sector_needs_a_group() {
    check(
        IAG,
        &[
            case("naics = [\"81\"]", "naics = [\"62\"]", "", "no group lists the NAICS sector 81"),
            case("naics = [\"81\"]", "naics = [\"99\"]", "", "invalid NAICS code \"99\""),
            case(
                "naics = [\"81\"]",
                "naics = [\"811\"]",
                "groups 14",
                "811 is not a two-digit NAICS sector",
            ),
            case(
                "cluster = \"agriculture\"",
                "cluster = \"farming\"",
                "groups 3 (\"Agriculture\")",
                "cluster \"farming\" is not the id of a 2024 cluster",
            ),
        ],
    );
}

#[test]
fn state_profile_errors() {
    check(
        CT,
        &[
            case(
                "code = \"CT\"",
                "code = \"NY\"",
                "state",
                "code \"NY\" belongs in a file named NY.toml",
            ),
            case(
                "cluster = \"education\"\ncode = \"045\"",
                "cluster = \"educashun\"\ncode = \"045\"",
                "certifications \"Home Economics\"",
                "cluster \"educashun\" is not the id of a 2024 cluster",
            ),
            case(
                "fraction = 0.5",
                "fraction = 1.5",
                "hshwid.in_demand",
                "top_share fraction 1.5 must be in (0, 1]",
            ),
            case("year = 2025, ", "", "", "missing field `year`"),
            case("fraction = 0.5", "fraction = 0.5, share = 0.5", "", "unknown field `share`"),
            case(
                "at_least = \"five_years_or_more\"",
                "at_least = \"five_years_or_more\", minimum = 1",
                "",
                "unknown field `minimum`",
            ),
            case("dollars = 57870", "dollars = -1", "hshwid.high_wage", "dollars must be positive"),
        ],
    );
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
