//! The framework wheel, drawn on the server as SVG (the technical report's Figure 1): the
//! groupings around a hub, their clusters in the next ring, and the three cross-cutting
//! clusters on the outer ring because they reach into every other cluster.
//!
//! Every cluster is a link (`<a>` inside the SVG is focusable, so Tab walks the wheel in
//! reading order) with an accessible name that includes its caption.

use std::f64::consts::PI;
use std::fmt::Write;

use crate::format::esc;

pub struct WheelCluster<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub caption: &'a str,
}

pub struct WheelGroup<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub clusters: Vec<WheelCluster<'a>>,
}

const C: f64 = 420.0;
const HUB: f64 = 92.0;
const GROUP_OUT: f64 = 185.0;
const CLUSTER_OUT: f64 = 318.0;
const BAND_IN: f64 = 326.0;
const BAND_OUT: f64 = 350.0;
const CROSS_OUT: f64 = 412.0;

/// Point at angle `a` (radians, 0 = top, clockwise) and radius `r`.
fn pt(a: f64, r: f64) -> (f64, f64) {
    (C + r * a.sin(), C - r * a.cos())
}

/// An annular sector from angle `a0` to `a1` between radii `r0` and `r1`.
fn sector(a0: f64, a1: f64, r0: f64, r1: f64) -> String {
    let large = if a1 - a0 > PI { 1 } else { 0 };
    let (x0, y0) = pt(a0, r1);
    let (x1, y1) = pt(a1, r1);
    let (x2, y2) = pt(a1, r0);
    let (x3, y3) = pt(a0, r0);
    format!(
        "M{x0:.1} {y0:.1}A{r1} {r1} 0 {large} 1 {x1:.1} {y1:.1}L{x2:.1} {y2:.1}A{r0} {r0} 0 {large} 0 {x3:.1} {y3:.1}Z"
    )
}

/// An arc for text to follow, left to right whichever half of the circle it is on.
fn text_arc(a0: f64, a1: f64, r: f64) -> String {
    let mid = (a0 + a1) / 2.0;
    let bottom = mid > PI / 2.0 && mid < 3.0 * PI / 2.0;
    let large = if a1 - a0 > PI { 1 } else { 0 };
    if bottom {
        let (x0, y0) = pt(a1, r);
        let (x1, y1) = pt(a0, r);
        format!("M{x0:.1} {y0:.1}A{r} {r} 0 {large} 0 {x1:.1} {y1:.1}")
    } else {
        let (x0, y0) = pt(a0, r);
        let (x1, y1) = pt(a1, r);
        format!("M{x0:.1} {y0:.1}A{r} {r} 0 {large} 1 {x1:.1} {y1:.1}")
    }
}

/// Splits a cluster name into at most three lines of about `width` characters.
fn lines(name: &str, width: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in name.split_whitespace() {
        if !cur.is_empty() && cur.len() + 1 + word.len() > width {
            out.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn curved_text(s: &mut String, id: &str, path: &str, class: &str, text: &str) {
    let _ = write!(
        s,
        r##"<path id="{id}" d="{path}" fill="none"/><text class="{class}" aria-hidden="true"><textPath href="#{id}" startOffset="50%" text-anchor="middle">{}</textPath></text>"##,
        esc(text)
    );
}

/// The wheel. `groups` are drawn around the hub in order; `cross` on the outer ring.
pub fn wheel(groups: &[WheelGroup<'_>], cross: &WheelGroup<'_>) -> String {
    let size = 2.0 * C;
    let mut s = String::with_capacity(16 * 1024);
    let _ = write!(
        s,
        r#"<svg class="wheel" viewBox="0 0 {size} {size}" xmlns="http://www.w3.org/2000/svg" role="group" aria-labelledby="wheel-title"><title id="wheel-title">The National Career Clusters Framework: {} groupings, {} clusters; the cross-cutting clusters on the outer ring</title>"#,
        groups.len() + 1,
        groups.iter().map(|g| g.clusters.len()).sum::<usize>() + cross.clusters.len()
    );
    // Outer ring first, so that Tab order runs from the outside in, as the report reads it.
    let _ = write!(s, r#"<g class="ring cross g-{}">"#, esc(cross.id));
    let n = cross.clusters.len().max(1) as f64;
    for (i, c) in cross.clusters.iter().enumerate() {
        let a0 = 2.0 * PI * i as f64 / n;
        let a1 = 2.0 * PI * (i + 1) as f64 / n;
        let _ = write!(
            s,
            r#"<a href="/clusters/{id}" class="seg" aria-label="{name}: {cap} (cross-cutting)"><title>{name}: {cap}</title><path class="fill" d="{d}"/>"#,
            id = esc(c.id),
            name = esc(c.name),
            cap = esc(c.caption),
            d = sector(a0 + 0.004, a1 - 0.004, BAND_OUT + 2.0, CROSS_OUT)
        );
        curved_text(
            &mut s,
            &format!("w-x{i}"),
            &text_arc(a0, a1, (BAND_OUT + CROSS_OUT) / 2.0 - 5.0),
            "wl cl",
            c.name,
        );
        s.push_str("</a>");
    }
    // Two halves: an arc whose ends coincide would not be drawn at all.
    for (a0, a1) in [(0.0, PI), (PI, 2.0 * PI)] {
        let _ = write!(s, r#"<path class="band" d="{}"/>"#, sector(a0, a1, BAND_IN, BAND_OUT));
    }
    for k in 0..3 {
        let a0 = 2.0 * PI * k as f64 / 3.0 + 0.35;
        curved_text(
            &mut s,
            &format!("w-b{k}"),
            &text_arc(a0, a0 + 1.4, (BAND_IN + BAND_OUT) / 2.0 - 4.0),
            "wl band-label",
            cross.name,
        );
    }
    s.push_str("</g>");

    let share = 2.0 * PI / groups.len().max(1) as f64;
    for (gi, g) in groups.iter().enumerate() {
        let g0 = share * gi as f64;
        let g1 = g0 + share;
        let _ = write!(s, r#"<g class="ring g-{}">"#, esc(g.id));
        let _ = write!(
            s,
            r#"<path class="gfill" d="{}"/>"#,
            sector(g0 + 0.004, g1 - 0.004, HUB, GROUP_OUT)
        );
        curved_text(
            &mut s,
            &format!("w-g{gi}"),
            &text_arc(g0, g1, (HUB + GROUP_OUT) / 2.0 - 4.0),
            "wl gl",
            g.name,
        );
        let k = g.clusters.len().max(1) as f64;
        for (ci, c) in g.clusters.iter().enumerate() {
            let a0 = g0 + share * ci as f64 / k;
            let a1 = g0 + share * (ci + 1) as f64 / k;
            let _ = write!(
                s,
                r#"<a href="/clusters/{id}" class="seg" aria-label="{name}: {cap}"><title>{name}: {cap}</title><path class="fill" d="{d}"/>"#,
                id = esc(c.id),
                name = esc(c.name),
                cap = esc(c.caption),
                d = sector(a0 + 0.004, a1 - 0.004, GROUP_OUT + 3.0, CLUSTER_OUT)
            );
            let mid = (a0 + a1) / 2.0;
            let (x, y) = pt(mid, (GROUP_OUT + CLUSTER_OUT) / 2.0 + 4.0);
            let width = if a1 - a0 > 0.9 { 16 } else { 12 };
            let ls = lines(c.name, width);
            let top = y - 8.0 * (ls.len() as f64 - 1.0);
            let _ = write!(
                s,
                r#"<text class="wl cl" x="{x:.1}" y="{top:.1}" text-anchor="middle" aria-hidden="true">"#
            );
            for (li, l) in ls.iter().enumerate() {
                // A trailing space keeps the words apart in the text content, so the visible
                // name reads as the accessible name does.
                let sep = if li + 1 < ls.len() { " " } else { "" };
                let _ = write!(
                    s,
                    r#"<tspan x="{x:.1}" dy="{}">{}{sep}</tspan>"#,
                    if li == 0 { 0 } else { 16 },
                    esc(l)
                );
            }
            s.push_str("</text></a>");
        }
        s.push_str("</g>");
    }
    let _ = write!(
        s,
        r#"<circle class="hub" cx="{C}" cy="{C}" r="{}"/><text class="hub-text" x="{C}" y="{}" text-anchor="middle"><tspan x="{C}" dy="0">Career Ready</tspan><tspan x="{C}" dy="20">Practices</tspan></text></svg>"#,
        HUB - 4.0,
        C - 4.0
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c<'a>(id: &'a str) -> WheelCluster<'a> {
        WheelCluster { id, name: id, caption: "cap <x>" }
    }

    #[test]
    fn every_cluster_is_a_link_and_text_is_escaped() {
        let groups = vec![
            WheelGroup { id: "g1", name: "One", clusters: vec![c("a"), c("b")] },
            WheelGroup { id: "g2", name: "Two & More", clusters: vec![c("d")] },
        ];
        let cross = WheelGroup { id: "x", name: "Cross", clusters: vec![c("e"), c("f"), c("g")] };
        let svg = wheel(&groups, &cross);
        for id in ["a", "b", "d", "e", "f", "g"] {
            assert!(svg.contains(&format!(r#"href="/clusters/{id}""#)), "{id}");
        }
        assert_eq!(svg.matches("<a ").count(), 6);
        assert!(svg.contains("cap &lt;x&gt;"));
        assert!(svg.contains("Two &amp; More"));
        assert!(!svg.contains("style="));
    }

    #[test]
    fn names_wrap_into_short_lines() {
        assert_eq!(
            lines("Supply Chain & Transportation", 14),
            vec!["Supply Chain &", "Transportation"]
        );
        assert_eq!(lines("Education", 12), vec!["Education"]);
    }
}
