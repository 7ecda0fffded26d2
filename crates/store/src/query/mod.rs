//! Typed queries over the database. Every struct here serializes to the JSON the CLI and the
//! web API print, so field names are part of the public interface.

mod industry;
mod occupation;
mod program;
mod suggest;

pub use industry::Industry;
pub use occupation::{
    Cluster2002, Interest, OccupationDetail, OnetDetail, Projection, Rated, Task, Wages,
};
pub use program::Program;
pub use suggest::{CodeSystem, Suggestion};

use serde::Serialize;

/// A code and its title, the unit of every list of related things.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeTitle {
    pub code: String,
    pub title: String,
}

/// A BLS figure: the value when published, and why not otherwise.
///
/// `status` is `ok`, `suppressed`, `top_coded` (the value is then the top-code threshold:
/// the true figure is at least that) or `not_available`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub value: Option<f64>,
    pub status: String,
}

impl std::fmt::Display for Figure {
    /// `123,456`, `≥ 239,200` (top-coded) or the status in words.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.value, self.status.as_str()) {
            (Some(v), "top_coded") => write!(f, "≥ {}", thousands(v)),
            (Some(v), _) => f.write_str(&thousands(v)),
            (None, "suppressed") => f.write_str("suppressed"),
            (None, _) => f.write_str("n/a"),
        }
    }
}

/// Formats a number with thousands separators, keeping up to two decimals when it has any.
pub fn thousands(v: f64) -> String {
    let neg = v < 0.0;
    let a = v.abs();
    let int = a.trunc() as u64;
    let frac = ((a - a.trunc()) * 100.0).round() as u64;
    let digits = int.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if frac > 0 && frac < 100 {
        out.push_str(&format!(".{frac:02}"));
        while out.ends_with('0') {
            out.pop();
        }
    }
    if neg { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(1_897_100.0), "1,897,100");
        assert_eq!(thousands(133_080.0), "133,080");
        assert_eq!(thousands(12.5), "12.5");
        assert_eq!(thousands(-4_200.0), "-4,200");
        assert_eq!(thousands(0.0), "0");
    }

    #[test]
    fn figure_display_says_why_a_value_is_missing() {
        let top = Figure { value: Some(239_200.0), status: "top_coded".into() };
        assert_eq!(top.to_string(), "≥ 239,200");
        let sup = Figure { value: None, status: "suppressed".into() };
        assert_eq!(sup.to_string(), "suppressed");
    }
}
