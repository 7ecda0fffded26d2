//! Numbers and codes formatted for people: thousands separators, dollars, percents, and the
//! BLS statuses spelled out.

use crate::data::catalog::{Figure, Status};

/// `1234567.0` → `1,234,567`.
pub fn int(v: f64) -> String {
    let n = v.round() as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn opt_int(v: Option<f64>) -> String {
    v.map(int).unwrap_or_else(|| "–".into())
}

pub fn dollars(v: f64) -> String {
    format!("${}", int(v))
}

/// A wage figure with its status: `$57,870`, `≥ $239,200` (top-coded), `suppressed`, `–`.
pub fn wage(f: &Figure) -> String {
    match (f.status, f.value) {
        (Status::Ok, Some(v)) => dollars(v),
        (Status::TopCoded, Some(v)) => format!("≥ {}", dollars(v)),
        (Status::BottomCoded, Some(v)) => format!("≤ {}", dollars(v)),
        (Status::Suppressed, _) => "suppressed".into(),
        _ => "–".into(),
    }
}

pub fn count(f: &Figure) -> String {
    match (f.status, f.value) {
        (Status::Ok, Some(v)) => int(v),
        (Status::Suppressed, _) => "suppressed".into(),
        _ => "–".into(),
    }
}

/// `12.34` → `+12.3%`.
pub fn pct_change(v: Option<f64>) -> String {
    match v {
        Some(v) if v > 0.0 => format!("+{v:.1}%"),
        Some(v) => format!("{v:.1}%"),
        None => "–".into(),
    }
}

pub fn share(v: f64) -> String {
    format!("{:.0}%", v * 100.0)
}

/// Escapes text for HTML and SVG (used where markup is built in Rust rather than templates).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands() {
        assert_eq!(int(0.0), "0");
        assert_eq!(int(999.0), "999");
        assert_eq!(int(1000.0), "1,000");
        assert_eq!(int(1_234_567.4), "1,234,567");
        assert_eq!(int(-45_000.0), "-45,000");
    }

    #[test]
    fn wages_with_status() {
        assert_eq!(wage(&Figure { value: Some(57870.0), status: Status::Ok }), "$57,870");
        assert_eq!(wage(&Figure { value: Some(239200.0), status: Status::TopCoded }), "≥ $239,200");
        assert_eq!(wage(&Figure { value: None, status: Status::Suppressed }), "suppressed");
    }

    #[test]
    fn escaping() {
        assert_eq!(esc("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
    }
}
