//! Charts as inline SVG, drawn on the server: no script needed, readable by screen readers
//! (each chart has a title and a description, and every page shows the same numbers in a
//! table), styled by classes from the site stylesheet.

use std::fmt::Write;

use crate::format::esc;

/// One bar: a label, one or two values (the second drawn as a thinner comparison bar) and
/// the text printed beside it.
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub second: Option<f64>,
    pub text: String,
}

const WIDTH: f64 = 720.0;
const LABEL_W: f64 = 230.0;
const TEXT_W: f64 = 200.0;
const ROW: f64 = 26.0;

/// A horizontal bar chart. `legend` names the two series when bars carry a second value.
pub fn bars(
    id: &str,
    title: &str,
    desc: &str,
    bars: &[Bar],
    legend: Option<(&str, &str)>,
) -> String {
    let max = bars
        .iter()
        .flat_map(|b| [b.value, b.second.unwrap_or(0.0)])
        .fold(0.0_f64, f64::max)
        .max(f64::MIN_POSITIVE);
    let top = if legend.is_some() { 28.0 } else { 6.0 };
    let height = top + ROW * bars.len() as f64 + 6.0;
    let plot = WIDTH - LABEL_W - TEXT_W;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        esc(title),
        esc(desc)
    );
    if let Some((a, b)) = legend {
        let _ = write!(
            s,
            r#"<rect class="bar" x="{LABEL_W}" y="6" width="12" height="12"/><text class="legend" x="{}" y="16">{}</text><rect class="bar2" x="{}" y="6" width="12" height="12"/><text class="legend" x="{}" y="16">{}</text>"#,
            LABEL_W + 16.0,
            esc(a),
            LABEL_W + 150.0,
            LABEL_W + 166.0,
            esc(b)
        );
    }
    for (i, b) in bars.iter().enumerate() {
        let y = top + ROW * i as f64;
        let label = truncate(&b.label, 34);
        let _ = write!(
            s,
            r#"<text class="label" x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            LABEL_W - 8.0,
            y + 16.0,
            esc(&label)
        );
        let h = if b.second.is_some() { 10.0 } else { 18.0 };
        let w = (b.value / max * plot).max(0.0);
        let _ = write!(
            s,
            r#"<rect class="bar" x="{LABEL_W}" y="{:.1}" width="{w:.1}" height="{h}"/>"#,
            y + 3.0
        );
        if let Some(v2) = b.second {
            let w2 = (v2 / max * plot).max(0.0);
            let _ = write!(
                s,
                r#"<rect class="bar2" x="{LABEL_W}" y="{:.1}" width="{w2:.1}" height="{h}"/>"#,
                y + 13.0
            );
        }
        let _ = write!(
            s,
            r#"<text class="value" x="{:.1}" y="{:.1}">{}</text>"#,
            LABEL_W + plot + 6.0,
            y + 16.0,
            esc(&b.text)
        );
    }
    s.push_str("</svg>");
    s
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_value_and_escape_labels() {
        let svg = bars(
            "c",
            "Openings <by> sub-cluster",
            "desc",
            &[
                Bar { label: "A & B".into(), value: 50.0, second: None, text: "50".into() },
                Bar { label: "C".into(), value: 100.0, second: None, text: "100".into() },
            ],
            None,
        );
        assert!(svg.contains("Openings &lt;by&gt; sub-cluster"));
        assert!(svg.contains("A &amp; B"));
        let plot = WIDTH - LABEL_W - TEXT_W;
        assert!(svg.contains(&format!("width=\"{:.1}\"", plot)));
        assert!(svg.contains(&format!("width=\"{:.1}\"", plot / 2.0)));
        assert!(!svg.contains("style="), "inline styles would break the CSP");
    }
}
