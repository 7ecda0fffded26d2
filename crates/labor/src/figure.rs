//! Figures that carry their own provenance: a number (or its absence), why it is absent, and
//! whether it was published or estimated. Nothing here ever turns a missing value into 0.

use serde::Serialize;

/// Why a published value is or is not there, as in the database's `*_status` columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The value is present.
    #[default]
    Ok,
    /// BLS did not publish the value (`*`, `**`), or the source left it out.
    Suppressed,
    /// The value is at or above the top code: `value` holds the threshold, so it is a floor.
    TopCoded,
    /// The source has no such value (e.g. "—").
    NotAvailable,
}

impl Status {
    /// Reads a database status column; anything unknown counts as not available rather than ok.
    pub fn parse(s: &str) -> Status {
        match s {
            "ok" => Status::Ok,
            "suppressed" => Status::Suppressed,
            "top_coded" => Status::TopCoded,
            _ => Status::NotAvailable,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Suppressed => "suppressed",
            Status::TopCoded => "top_coded",
            Status::NotAvailable => "not_available",
        }
    }
}

/// Where a figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Read as published in an official file.
    #[default]
    Published,
    /// Summed or averaged from published figures (an aggregate).
    Computed,
    /// Estimated by Trellis (e.g. state openings scaled from national projections). Every
    /// output shows this label.
    Estimated,
}

/// One value with its status and basis.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Figure {
    pub value: Option<f64>,
    pub status: Status,
    pub basis: Basis,
}

impl Figure {
    pub fn published(value: Option<f64>, status: Status) -> Figure {
        // A present value with a non-ok status is only meaningful for top codes (a floor).
        let value = match status {
            Status::Ok | Status::TopCoded => value,
            _ => None,
        };
        let status =
            if value.is_none() && status == Status::Ok { Status::NotAvailable } else { status };
        Figure { value, status, basis: Basis::Published }
    }

    pub fn ok(value: f64) -> Figure {
        Figure { value: Some(value), status: Status::Ok, basis: Basis::Published }
    }

    pub fn missing() -> Figure {
        Figure { value: None, status: Status::NotAvailable, basis: Basis::Published }
    }

    pub fn computed(value: Option<f64>) -> Figure {
        Figure {
            value,
            status: if value.is_some() { Status::Ok } else { Status::NotAvailable },
            basis: Basis::Computed,
        }
    }

    pub fn estimated(value: Option<f64>) -> Figure {
        Figure {
            value,
            status: if value.is_some() { Status::Ok } else { Status::NotAvailable },
            basis: Basis::Estimated,
        }
    }

    /// The value when it is usable as an exact number (ok status).
    pub fn exact(&self) -> Option<f64> {
        if self.status == Status::Ok { self.value } else { None }
    }

    pub fn is_estimated(&self) -> bool {
        self.basis == Basis::Estimated
    }

    /// Text for a table cell: thousands separators, `≥` for top codes, `(est.)` for estimates.
    pub fn display(&self, kind: Kind) -> String {
        let body = match (self.value, self.status) {
            (Some(v), Status::TopCoded) => format!("≥{}", kind.format(v)),
            (Some(v), _) => kind.format(v),
            (None, Status::Suppressed) => "suppressed".to_string(),
            (None, _) => "n/a".to_string(),
        };
        if self.is_estimated() && self.value.is_some() { format!("{body} (est.)") } else { body }
    }
}

/// How a number is written in text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Persons, rounded to whole numbers.
    Count,
    /// US dollars, whole.
    Dollars,
    /// A percentage with one decimal.
    Percent,
    /// A ratio with two decimals (location quotients).
    Ratio,
}

impl Kind {
    pub fn format(self, v: f64) -> String {
        match self {
            Kind::Count => thousands(v.round()),
            Kind::Dollars => format!("${}", thousands(v.round())),
            Kind::Percent => format!("{v:.1}%"),
            Kind::Ratio => format!("{v:.2}"),
        }
    }
}

/// `1234567` → `1,234,567`; negative numbers keep their sign.
pub fn thousands(v: f64) -> String {
    let neg = v < 0.0;
    let digits = format!("{:.0}", v.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if neg { format!("-{out}") } else { out }
}

/// An employment-weighted average over a group of occupations, with what it covers and which
/// cells could not be used. Top-coded values enter at their threshold, which makes the
/// average a lower bound (`lower_bound`); suppressed values are left out and listed.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct WeightedAverage {
    pub value: Option<f64>,
    pub method: &'static str,
    pub basis: Basis,
    /// Occupations in the group.
    pub occupations: usize,
    /// Occupations whose value (and weight) entered the average.
    pub occupations_used: usize,
    /// Employment of the group, and of the occupations used.
    pub employment: f64,
    pub employment_used: f64,
    /// Occupations whose value was suppressed or not available.
    pub suppressed: Vec<String>,
    /// Occupations whose value was top-coded (entered at the threshold).
    pub top_coded: Vec<String>,
    /// Occupations with a value but no published employment to weight it (left out).
    pub unweighted: Vec<String>,
    /// True when top-coded values entered at their threshold: the true average is higher.
    pub lower_bound: bool,
}

impl WeightedAverage {
    /// `items`: (occupation code, weight, value). A missing weight leaves the item out of the
    /// average but still counts it in `occupations`.
    pub fn compute<'a>(
        items: impl IntoIterator<Item = (&'a str, Option<f64>, Figure)>,
    ) -> WeightedAverage {
        let mut out = WeightedAverage {
            method: "employment-weighted mean",
            basis: Basis::Computed,
            ..Default::default()
        };
        let (mut num, mut den) = (0.0, 0.0);
        for (code, weight, fig) in items {
            out.occupations += 1;
            if let Some(w) = weight {
                out.employment += w;
            }
            match (fig.value, fig.status) {
                (Some(v), Status::Ok | Status::TopCoded) => {
                    if fig.status == Status::TopCoded {
                        out.top_coded.push(code.to_string());
                        out.lower_bound = true;
                    }
                    if fig.is_estimated() {
                        out.basis = Basis::Estimated;
                    }
                    if let Some(w) = weight.filter(|w| *w > 0.0) {
                        num += w * v;
                        den += w;
                        out.occupations_used += 1;
                        out.employment_used += w;
                    } else if weight.is_none() {
                        out.unweighted.push(code.to_string());
                    }
                }
                _ => out.suppressed.push(code.to_string()),
            }
        }
        out.value = (den > 0.0).then(|| num / den);
        out
    }

    pub fn display(&self, kind: Kind) -> String {
        match self.value {
            None => "n/a".to_string(),
            Some(v) => {
                let mut s = kind.format(v);
                if self.lower_bound {
                    s = format!("≥{s}");
                }
                if self.basis == Basis::Estimated {
                    s.push_str(" (est.)");
                }
                s
            }
        }
    }

    /// "42 of 45 occupations, 97.1% of employment; 3 suppressed, 1 top-coded"
    pub fn coverage_note(&self) -> String {
        let pct = if self.employment > 0.0 {
            100.0 * self.employment_used / self.employment
        } else {
            0.0
        };
        let mut s = format!(
            "{} of {} occupations, {:.1}% of employment",
            self.occupations_used, self.occupations, pct
        );
        if !self.suppressed.is_empty() {
            s.push_str(&format!("; {} suppressed/not available", self.suppressed.len()));
        }
        if !self.unweighted.is_empty() {
            s.push_str(&format!(
                "; {} without published employment to weight them",
                self.unweighted.len()
            ));
        }
        if !self.top_coded.is_empty() {
            s.push_str(&format!(
                "; {} top-coded (entered at the top code, so a lower bound)",
                self.top_coded.len()
            ));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0.0), "0");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(1000.0), "1,000");
        assert_eq!(thousands(1234567.4), "1,234,567");
        assert_eq!(thousands(-4500.0), "-4,500");
    }

    #[test]
    fn weighted_average_labels_what_it_left_out() {
        let items = [
            ("a", Some(100.0), Figure::ok(50_000.0)),
            ("b", Some(300.0), Figure::ok(70_000.0)),
            ("c", Some(50.0), Figure::published(None, Status::Suppressed)),
            ("d", Some(50.0), Figure::published(Some(239_200.0), Status::TopCoded)),
        ];
        let avg = WeightedAverage::compute(items.iter().map(|(c, w, f)| (*c, *w, *f)));
        let expected = (100.0 * 50_000.0 + 300.0 * 70_000.0 + 50.0 * 239_200.0) / 450.0;
        assert!((avg.value.unwrap() - expected).abs() < 1e-6);
        assert_eq!(avg.occupations, 4);
        assert_eq!(avg.occupations_used, 3);
        assert_eq!(avg.suppressed, vec!["c".to_string()]);
        assert_eq!(avg.top_coded, vec!["d".to_string()]);
        assert!(avg.lower_bound);
        assert!(avg.display(Kind::Dollars).starts_with('≥'));
        assert_eq!(avg.employment, 500.0);
        assert_eq!(avg.employment_used, 450.0);
    }

    #[test]
    fn average_of_nothing_is_absent_not_zero() {
        let avg = WeightedAverage::compute(vec![(
            "x",
            Some(10.0),
            Figure::published(None, Status::Suppressed),
        )]);
        assert_eq!(avg.value, None);
        assert_eq!(avg.display(Kind::Dollars), "n/a");
    }

    #[test]
    fn estimates_say_so() {
        assert_eq!(Figure::estimated(Some(1234.0)).display(Kind::Count), "1,234 (est.)");
        assert_eq!(
            Figure::published(Some(239_200.0), Status::TopCoded).display(Kind::Dollars),
            "≥$239,200"
        );
        assert_eq!(Figure::published(None, Status::Suppressed).display(Kind::Count), "suppressed");
    }
}
