//! Numbers as BLS publishes them: thousands separators, dollar signs, and special values
//! (`*`, `**`, `#`, `—`, `(8)`, `>=$239,200`) that say why a number is missing. A special
//! value never becomes 0: it becomes a [`Value`] whose [`Status`] says what is known.

use serde::Serialize;

/// Why a published value is, or is not, a plain number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// A number was published.
    Ok,
    /// Not published to protect confidentiality or for quality reasons (`*`, `**`).
    Suppressed,
    /// At or above the top code (`#`, `>=$239,200`); the value, when known, is the threshold.
    TopCoded,
    /// Below a floor (`~`: fewer than 0.5 percent); the value, when known, is the floor.
    BottomCoded,
    /// Not available or not applicable (`—`, `–`, `-`, `(8)`, `n/a`, an empty cell).
    NotAvailable,
}

impl Status {
    /// The name stored in the database's `*_status` columns.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Suppressed => "suppressed",
            Status::TopCoded => "top_coded",
            Status::BottomCoded => "bottom_coded",
            Status::NotAvailable => "not_available",
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A published figure: the number (if any) and its [`Status`]. For `TopCoded` and
/// `BottomCoded` the number is the threshold when the file states it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Value {
    pub value: Option<f64>,
    pub status: Status,
}

impl Value {
    pub const NOT_AVAILABLE: Value = Value { value: None, status: Status::NotAvailable };

    pub fn ok(v: f64) -> Value {
        Value { value: Some(v), status: Status::Ok }
    }

    pub fn special(status: Status) -> Value {
        Value { value: None, status }
    }

    /// The number when the status is `Ok`; `None` for every special value.
    pub fn get(self) -> Option<f64> {
        (self.status == Status::Ok).then_some(self.value).flatten()
    }

    pub fn is_ok(self) -> bool {
        self.status == Status::Ok
    }

    /// Multiplies the number (and a threshold) by `factor`, e.g. 1000 for thousands.
    pub fn scaled(self, factor: f64) -> Value {
        // Rounded to a millionth so that 1015.2 thousand becomes exactly 1,015,200 persons.
        Value { value: self.value.map(|v| (v * factor * 1e6).round() / 1e6), status: self.status }
    }
}

/// Parses a number as BLS, NCES and O*NET write it: optional sign, optional `$`, digits with
/// optional thousands separators in groups of three (`1,015.2`), optional fraction and
/// exponent. Returns `None` for anything else (including the special values).
pub fn parse_number(raw: &str) -> Option<f64> {
    let s = raw.trim();
    let (neg, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let s = s.strip_prefix('$').unwrap_or(s);
    let bytes = s.as_bytes();
    if bytes.is_empty() || !(bytes[0].is_ascii_digit() || bytes[0] == b'.') {
        return None;
    }
    // Copy without separators into a stack buffer: no allocation per cell.
    let mut buf = [0u8; 64];
    let mut n = 0;
    let int_end =
        bytes.iter().position(|b| !(b.is_ascii_digit() || *b == b',')).unwrap_or(bytes.len());
    let int_part = &bytes[..int_end];
    if int_part.contains(&b',') {
        let mut groups = int_part.split(|b| *b == b',');
        let first = groups.next().unwrap_or_default();
        if first.is_empty() || first.len() > 3 || groups.clone().any(|g| g.len() != 3) {
            return None;
        }
    }
    if neg {
        buf[0] = b'-';
        n = 1;
    }
    for &b in bytes {
        if b == b',' {
            continue;
        }
        if n == buf.len() {
            return None;
        }
        buf[n] = b;
        n += 1;
    }
    let text = std::str::from_utf8(&buf[..n]).ok()?;
    // `f64::from_str` also accepts "inf" and "NaN", which are not figures: the first byte was
    // checked to be a digit or a point above, so those cannot reach it.
    let v: f64 = text.parse().ok()?;
    v.is_finite().then_some(v)
}

/// Recognizes a special value and returns what it means; `None` when `raw` is not one.
/// `>=$239,200` and `≥ 239200` give a top-coded value with its threshold.
pub fn parse_special(raw: &str) -> Option<Value> {
    let s = raw.trim();
    let status = match s {
        "" => Status::NotAvailable,
        "*" | "**" | "***" => Status::Suppressed,
        "#" => Status::TopCoded,
        "~" => Status::BottomCoded,
        "—" | "–" | "-" | "--" | "n/a" | "N/A" | "NA" | "na" | "(NA)" | "." => {
            Status::NotAvailable
        }
        _ => {
            if let Some(rest) = s.strip_prefix(">=").or_else(|| s.strip_prefix('≥')) {
                let threshold = parse_number(rest)?;
                return Some(Value { value: Some(threshold), status: Status::TopCoded });
            }
            // BLS footnote references written in place of a value: "(8)", "(4)".
            let inner = s.strip_prefix('(').and_then(|t| t.strip_suffix(')'))?;
            if !inner.is_empty() && inner.len() <= 2 && inner.bytes().all(|b| b.is_ascii_digit()) {
                Status::NotAvailable
            } else {
                return None;
            }
        }
    };
    Some(Value::special(status))
}

/// A number or a special value; `None` when `raw` is neither.
pub fn parse_value(raw: &str) -> Option<Value> {
    match parse_number(raw) {
        Some(v) => Some(Value::ok(v)),
        None => parse_special(raw),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_number("1,015.2"), Some(1015.2));
        assert_eq!(parse_number(" 169956.1 "), Some(169956.1));
        assert_eq!(parse_number("-14.4"), Some(-14.4));
        assert_eq!(parse_number("$239,200"), Some(239200.0));
        assert_eq!(parse_number("1,234,567"), Some(1234567.0));
        assert_eq!(parse_number(".5"), Some(0.5));
        assert_eq!(parse_number("1.5e3"), Some(1500.0));
        assert_eq!(parse_number("12,34"), None);
        assert_eq!(parse_number(",123"), None);
        assert_eq!(parse_number("1,2345"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("*"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("12a"), None);
    }

    #[test]
    fn specials_are_never_zero() {
        for s in ["*", "**", "#", "—", "–", "-", "(8)", "n/a", "", "~"] {
            let v = parse_value(s).unwrap();
            assert_eq!(v.get(), None, "{s}");
            assert_ne!(v.status, Status::Ok, "{s}");
        }
        assert_eq!(parse_value("*").unwrap().status, Status::Suppressed);
        assert_eq!(parse_value("#").unwrap().status, Status::TopCoded);
        assert_eq!(parse_value("—").unwrap().status, Status::NotAvailable);
        let top = parse_value(">=$239,200").unwrap();
        assert_eq!((top.status, top.value), (Status::TopCoded, Some(239200.0)));
        assert_eq!(parse_value("(123)"), None);
        assert_eq!(parse_value("abc"), None);
    }

    #[test]
    fn scaling_thousands_is_exact() {
        assert_eq!(Value::ok(1015.2).scaled(1000.0).value, Some(1_015_200.0));
        assert_eq!(Value::ok(169956.1).scaled(1000.0).value, Some(169_956_100.0));
        assert_eq!(Value::special(Status::Suppressed).scaled(1000.0).value, None);
    }
}
