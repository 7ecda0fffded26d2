//! Property tests for the code parsers: every valid code round-trips through its written form,
//! the lenient parser leaves canonical codes alone, strict parsing never accepts a non-canonical
//! spelling, hints are always canonical codes, and no input makes a parser panic.

use std::str::FromStr;

use proptest::prelude::*;
use trellis_framework::codes::{Cip, CipLevel, Naics, OnetSoc, Soc, SocLevel};

/// Valid SOC codes: a major group 11–55 (SOC 2018 uses 11–55) and any four further digits.
fn soc() -> impl Strategy<Value = Soc> {
    (11u32..=55, 0u32..=9999)
        .prop_map(|(major, rest)| Soc::from_digits(major * 10_000 + rest).unwrap())
}

fn onet() -> impl Strategy<Value = OnetSoc> {
    (soc(), 0u8..=99).prop_map(|(s, suffix)| OnetSoc::new(s, suffix).unwrap())
}

/// Valid CIP codes of all three levels, written canonically.
fn cip_text() -> impl Strategy<Value = String> {
    prop_oneof![
        (1u32..=99).prop_map(|s| format!("{s:02}")),
        (1u32..=99, 0u32..=99).prop_map(|(s, g)| format!("{s:02}.{g:02}")),
        (1u32..=99, 0u32..=9999).prop_map(|(s, p)| format!("{s:02}.{p:04}")),
    ]
}

/// The sectors' two-digit prefix ranges, read from how each sector is written (`31-33`).
fn sector_ranges() -> Vec<(u32, u32)> {
    Naics::sectors()
        .map(|sector| {
            let text = sector.to_string();
            let (lo, hi) = text.split_once('-').unwrap_or((&text, &text));
            (lo.parse().unwrap(), hi.parse().unwrap())
        })
        .collect()
}

/// Valid NAICS codes written canonically: a sector (ranges as `31-33`) or 3–6 digits under one.
fn naics_text() -> impl Strategy<Value = String> {
    let ranges = sector_ranges();
    assert_eq!(ranges.len(), 20, "NAICS 2022 has 20 sectors");
    (0..ranges.len(), 0u32..=2, 2usize..=6, 0u32..=9999).prop_map(move |(i, off, len, rest)| {
        let (lo, hi) = ranges[i];
        if len == 2 {
            return if lo == hi { format!("{lo}") } else { format!("{lo}-{hi}") };
        }
        let prefix = lo + off.min(hi - lo);
        let tail = rest % 10u32.pow(len as u32 - 2);
        format!("{prefix}{tail:0width$}", width = len - 2)
    })
}

/// Strings near the code syntax, where parser bugs hide.
fn near_code() -> impl Strategy<Value = String> {
    "[0-9 .=\"\\-]{0,12}"
}

fn check_no_panic_and_consistency<T>(
    s: &str,
    lenient: fn(&str) -> Result<T, trellis_framework::codes::CodeError>,
) -> Result<(), TestCaseError>
where
    T: FromStr<Err = trellis_framework::codes::CodeError>
        + PartialEq
        + std::fmt::Debug
        + std::fmt::Display,
{
    let strict = T::from_str(s);
    let loose = lenient(s);
    match &strict {
        Ok(v) => {
            // Whatever the strict parser accepts, the lenient one accepts as the same code.
            prop_assert_eq!(loose.as_ref().ok(), Some(v));
            // And it parses its own written form back to the same code.
            let again = T::from_str(&v.to_string()).ok();
            prop_assert_eq!(again.as_ref(), Some(v));
        }
        Err(e) => {
            // A hint is always a canonical code, and the one the lenient parser finds.
            if let Some(h) = &e.hint {
                let hinted = T::from_str(h);
                prop_assert!(hinted.is_ok(), "hint {:?} for {:?} does not parse", h, s);
                prop_assert_eq!(hinted.ok(), loose.ok());
            }
            prop_assert!(e.to_string().contains(e.system));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn soc_round_trips(s in soc()) {
        let text = s.to_string();
        prop_assert_eq!(text.len(), 7);
        prop_assert_eq!(Soc::from_str(&text).unwrap(), s);
        prop_assert_eq!(Soc::parse_lenient(&text).unwrap(), s);
        prop_assert_eq!(Soc::from_digits(s.digits()), Some(s));
        // Written without its hyphen: a strict error that points at the canonical form.
        let bare = text.replace('-', "");
        let e = Soc::from_str(&bare).unwrap_err();
        prop_assert_eq!(e.hint.as_deref(), Some(text.as_str()));
        let padded = format!("{text} ");
        let e = Soc::from_str(&padded).unwrap_err();
        prop_assert_eq!(e.hint.as_deref(), Some(text.as_str()));
        prop_assert_eq!(Soc::parse_lenient(&bare).unwrap(), s);
    }

    #[test]
    fn soc_hierarchy_is_consistent(s in soc()) {
        prop_assert!(s.is_within(s.major()) && s.is_within(s.minor()) && s.is_within(s.broad()));
        prop_assert_eq!(s.major().level(), SocLevel::Major);
        let mut cur = s;
        let mut steps = 0;
        while let Some(p) = cur.parent() {
            prop_assert!(p.level() < cur.level());
            prop_assert!(cur.is_within(p));
            cur = p;
            steps += 1;
        }
        prop_assert!(steps <= 3);
        prop_assert_eq!(cur, s.major());
    }

    #[test]
    fn onet_round_trips(o in onet()) {
        let text = o.to_string();
        prop_assert_eq!(OnetSoc::from_str(&text).unwrap(), o);
        prop_assert_eq!(OnetSoc::parse_lenient(&text).unwrap(), o);
        prop_assert_eq!(OnetSoc::from_str(&o.soc().to_string()).unwrap_err().hint, Some(format!("{}.00", o.soc())));
    }

    #[test]
    fn cip_round_trips(text in cip_text()) {
        let c = Cip::from_str(&text).unwrap();
        prop_assert_eq!(c.to_string(), text.clone());
        prop_assert_eq!(Cip::parse_lenient(&text).unwrap(), c);
        let digits = text.replace('.', "").len() as u8;
        prop_assert_eq!(c.level().digits(), digits);
        prop_assert_eq!(c.series().level(), CipLevel::Series);
        prop_assert!(text.starts_with(&c.series().to_string()));
        // A spreadsheet that ate the leading zero: strict error with a hint, lenient repair.
        if let Some(stripped) = text.strip_prefix('0') {
            prop_assert_eq!(Cip::from_str(stripped).unwrap_err().hint, Some(text.clone()));
            prop_assert_eq!(Cip::parse_lenient(stripped).unwrap(), c);
        }
    }

    #[test]
    fn naics_round_trips(text in naics_text()) {
        let n = Naics::from_str(&text).unwrap();
        prop_assert_eq!(n.to_string(), text.clone());
        prop_assert_eq!(Naics::parse_lenient(&text).unwrap(), n);
        prop_assert!(n.is_within(n.sector()));
        let mut cur = n;
        while let Some(p) = cur.parent() {
            prop_assert!(cur.is_within(p));
            prop_assert_eq!(p.level().digits() + 1, cur.level().digits());
            cur = p;
        }
        prop_assert_eq!(cur, n.sector());
    }

    #[test]
    fn parsers_never_panic_on_any_string(s in any::<String>()) {
        check_no_panic_and_consistency::<Soc>(&s, Soc::parse_lenient)?;
        check_no_panic_and_consistency::<OnetSoc>(&s, OnetSoc::parse_lenient)?;
        check_no_panic_and_consistency::<Cip>(&s, Cip::parse_lenient)?;
        check_no_panic_and_consistency::<Naics>(&s, Naics::parse_lenient)?;
    }

    #[test]
    fn parsers_never_panic_near_the_syntax(s in near_code()) {
        check_no_panic_and_consistency::<Soc>(&s, Soc::parse_lenient)?;
        check_no_panic_and_consistency::<OnetSoc>(&s, OnetSoc::parse_lenient)?;
        check_no_panic_and_consistency::<Cip>(&s, Cip::parse_lenient)?;
        check_no_panic_and_consistency::<Naics>(&s, Naics::parse_lenient)?;
    }

    #[test]
    fn non_ascii_digits_are_rejected(s in "[\u{0660}-\u{0669}\u{FF10}-\u{FF19}é€]{2}-?[\u{0660}-\u{0669}0-9]{4}") {
        prop_assert!(Soc::from_str(&s).is_err());
        prop_assert!(Soc::parse_lenient(&s).is_err());
        prop_assert!(Naics::from_str(&s).is_err());
        prop_assert!(Cip::from_str(&s).is_err());
    }
}

#[test]
fn documented_strict_errors() {
    let e = Soc::from_str("151252").unwrap_err();
    assert_eq!(e.hint.as_deref(), Some("15-1252"));
    assert!(e.to_string().contains("expected a SOC code written NN-NNNN"), "{e}");
    let e = Soc::from_str("15-1252 ").unwrap_err();
    assert_eq!(e.hint.as_deref(), Some("15-1252"));
    assert!(Soc::from_str("15–1252").is_err(), "an en dash is not a hyphen");
    assert!(Soc::from_str("").unwrap_err().hint.is_none());
    // Long inputs are shortened in the message.
    let long = "9".repeat(10_000);
    assert!(Soc::from_str(&long).unwrap_err().to_string().len() < 200);
}
