//! Property tests: the value parsers, the header matcher and the CSV reading path.

use proptest::prelude::*;
use trellis_sources::header::{Col, HeaderMap, Pick, normalize_header};
use trellis_sources::{Status, parse_number, parse_special, parse_value};

/// Writes `n` with thousands separators, as BLS does (`1,015,200`).
fn with_separators(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

const SPECIALS: &[&str] = &["*", "**", "#", "~", "—", "–", "-", "(8)", "(5)", "n/a", "N/A", ""];

proptest! {
    #[test]
    fn numbers_with_separators_read_back(int in 0u64..1_000_000_000_000, frac in 0u32..1000, neg: bool) {
        let plain = format!("{}{int}.{frac:03}", if neg { "-" } else { "" });
        let written = format!("{}{}.{frac:03}", if neg { "-" } else { "" }, with_separators(int));
        let expected: f64 = plain.parse().unwrap();
        prop_assert_eq!(parse_number(&written), Some(expected));
        prop_assert_eq!(parse_number(&format!("  {written} ")), Some(expected));
        let v = parse_value(&written).unwrap();
        prop_assert_eq!((v.status, v.value), (Status::Ok, Some(expected)));
    }

    #[test]
    fn misplaced_separators_are_rejected(a in 1u32..1000, b in 0u32..100) {
        // Two digits after a separator is not a thousands group.
        let bad = format!("{a},{b:02}");
        prop_assert_eq!(parse_number(&bad), None);
    }

    #[test]
    fn special_values_never_read_as_numbers(i in 0..SPECIALS.len(), pad_l in "[ \t]{0,2}", pad_r in "[ \t]{0,2}") {
        let s = format!("{pad_l}{}{pad_r}", SPECIALS[i]);
        prop_assert_eq!(parse_number(&s), None);
        let v = parse_special(&s).unwrap();
        prop_assert_ne!(v.status, Status::Ok);
        prop_assert_eq!(v.get(), None);
        prop_assert_eq!(parse_value(&s), Some(v));
    }

    #[test]
    fn top_codes_carry_their_threshold(n in 1u64..10_000_000) {
        let v = parse_value(&format!(">=${}", with_separators(n))).unwrap();
        prop_assert_eq!(v.status, Status::TopCoded);
        prop_assert_eq!(v.value, Some(n as f64));
        prop_assert_eq!(v.get(), None);
    }

    #[test]
    fn value_parsing_never_panics_and_is_finite(s in "\\PC{0,24}") {
        if let Some(v) = parse_value(&s) {
            prop_assert!(v.value.is_none_or(f64::is_finite));
            prop_assert!(v.status != Status::Ok || v.value.is_some());
        }
        let _ = normalize_header(&s);
    }
}

const EP_SPEC: &[Col] = &[
    Col::req("code", &["# national employment matrix code"]),
    Col::req("employment, base year", &["employment #"]).pick(Pick::EarliestYear),
    Col::req("employment, projected year", &["employment #"]).pick(Pick::LatestYear),
    Col::req("change", &["employment change numeric #-#"]),
    Col::opt("wage", &["median annual wage*"]),
];

fn vary_case(s: &str, mask: u64) -> String {
    s.chars()
        .enumerate()
        .map(|(i, c)| {
            if mask >> (i % 64) & 1 == 1 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }
        })
        .collect()
}

proptest! {
    /// Headers of any vintage, in any order, case, dash and footnote style, match by meaning.
    #[test]
    fn headers_of_any_vintage_match(
        // Years are 19xx and 20xx: a projection must end before 2100.
        base in 1990u16..2085,
        span in 1u16..15,
        order in Just(vec![0usize, 1, 2, 3, 4]).prop_shuffle(),
        mask: u64,
        dash in prop::sample::select(vec!["–", "-", "—"]),
        note in prop::sample::select(vec!["", "[1]", "[2][3]"]),
    ) {
        let proj = base + span;
        let texts = [
            format!("{base} National Employment Matrix code{note}"),
            format!("Employment, {base}{note}"),
            format!("Employment, {proj}"),
            format!("Employment change, numeric, {base}{dash}{:02}", proj % 100),
            format!("Median annual wage, dollars, {base}{note}"),
        ];
        let headers: Vec<String> = order.iter().map(|&i| vary_case(&texts[i], mask)).collect();
        let map = HeaderMap::new(&headers, EP_SPEC).unwrap();
        // Spec role i is text i, wherever the shuffle put it.
        for role in 0..5 {
            let at = map.get(role).unwrap();
            prop_assert_eq!(order[at], role);
        }
        prop_assert_eq!(map.years(1), &[base][..]);
        prop_assert_eq!(map.years(2), &[proj][..]);
        prop_assert_eq!(map.years(3), &[base, proj][..]);
    }

    /// Dropping a required column always fails, naming it and listing what was found.
    #[test]
    fn a_missing_column_is_named(drop in 0usize..4, base in 1990u16..2090) {
        let texts = [
            format!("{base} National Employment Matrix code"),
            format!("Employment, {base}"),
            format!("Employment, {}", base + 10),
            format!("Employment change, numeric, {base}–{:02}", (base + 10) % 100),
        ];
        let headers: Vec<&str> = texts.iter().enumerate().filter(|(i, _)| *i != drop).map(|(_, t)| t.as_str()).collect();
        let err = HeaderMap::new(&headers, EP_SPEC).unwrap_err();
        prop_assert!(!err.missing.is_empty());
        prop_assert_eq!(err.found.len(), 3);
    }
}

fn soc_code() -> impl Strategy<Value = String> {
    (11u32..54, 0u32..10_000).prop_map(|(major, rest)| format!("{major:02}-{rest:04}"))
}

fn figure() -> impl Strategy<Value = (String, Option<f64>)> {
    prop_oneof![
        (0u64..10_000_000, 0u32..10).prop_map(|(n, f)| (
            format!("{}.{f}", with_separators(n)),
            Some(n as f64 + f as f64 / 10.0)
        )),
        prop::sample::select(vec!["—", "*", "**"]).prop_map(|s| (s.to_string(), None)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Rows written the way BLS writes matrix CSVs read back exactly.
    #[test]
    fn matrix_csv_round_trip(rows in prop::collection::vec((soc_code(), "[A-Za-z][A-Za-z ,\"'\n]{0,29}", figure(), figure(), any::<bool>()), 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("National Employment Matrix_IND_5415X0.csv");
        let mut w = csv::WriterBuilder::new().quote_style(csv::QuoteStyle::Always).from_path(&path).unwrap();
        w.write_record(["Occupation Title", "Occupation Code", "Occupation Type", "2031 Employment", "2031 Percent of Industry", "2031 Percent of Occupation", "Projected 2041 Employment", "Projected 2041 Percent of Industry", "Projected 2041 Percent of Occupation", "Employment Change, 2031-2041", "Employment Percent Change, 2031-2041", "Occupation Sort", "Display Level"]).unwrap();
        for (code, title, base, proj, line) in &rows {
            let code = format!("=\"{code}\"");
            let kind = if *line { "Line Item" } else { "Summary" };
            w.write_record([title.as_str(), &code, kind, &base.0, "1.0", "2.0", &proj.0, "1.5", "2.5", "0", "0", "1", "4"]).unwrap();
        }
        w.flush().unwrap();
        drop(w);
        let (file, info) = trellis_sources::nem::read_nem_industry(&path).unwrap();
        prop_assert_eq!(info.vintage.as_str(), "2031-41");
        prop_assert_eq!(file.industry.as_str(), "5415X0");
        prop_assert_eq!(file.rows.len(), rows.len());
        for (got, (code, title, base, proj, line)) in file.rows.iter().zip(&rows) {
            prop_assert_eq!(&got.soc.to_string(), code);
            prop_assert_eq!(&got.title, title.trim());
            prop_assert_eq!(got.occ_type == trellis_sources::ep::LineType::LineItem, *line);
            let close = |v: Option<f64>, e: Option<f64>| match (v, e) {
                (Some(a), Some(b)) => (a - b * 1000.0).abs() < 1e-6,
                (None, None) => true,
                _ => false,
            };
            prop_assert!(close(got.emp_base.get(), base.1), "{:?} vs {:?}", got.emp_base, base);
            prop_assert!(close(got.emp_proj.get(), proj.1), "{:?} vs {:?}", got.emp_proj, proj);
        }
    }

    /// Arbitrary bytes through the CSV and TSV paths: errors, never panics.
    #[test]
    fn csv_paths_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        trellis_sources::fuzzing::delimited(&bytes);
    }

    /// Arbitrary bytes as worksheet XML: errors or cells, never panics.
    #[test]
    fn sheet_xml_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        trellis_sources::fuzzing::xlsx_parts(b"<sst><si><t>a</t></si></sst>", &bytes);
    }
}
