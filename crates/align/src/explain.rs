//! An assignment in words a state CTE director can follow.

use std::fmt::Write;

use crate::model::{OccupationResult, ProgramResult};
use crate::taxonomy::Taxonomy;

fn cname(tax: &Taxonomy, id: &str) -> String {
    tax.cluster_by_id(id).map(|i| tax.clusters[i].name.clone()).unwrap_or_else(|| id.to_string())
}

fn sname(tax: &Taxonomy, id: Option<&str>) -> String {
    match id {
        Some(id) => tax
            .sub_cluster_by_id(id)
            .map(|i| tax.sub_clusters[i].name.clone())
            .unwrap_or_else(|| id.to_string()),
        None => "(no sub-cluster)".into(),
    }
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn thousands(x: f64) -> String {
    let s = format!("{:.0}", x);
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Explains an occupation's assignment.
pub fn occupation(tax: &Taxonomy, o: &OccupationResult) -> String {
    let mut s = String::new();
    let e = &o.evidence;
    let p = o.primary();
    let _ = writeln!(s, "{} {}", o.soc, o.title);
    let _ = writeln!(
        s,
        "Primary: {} › {} (score {:.2})",
        cname(tax, &p.cluster),
        sname(tax, p.sub_cluster.as_deref()),
        p.score
    );
    for r in o.rows.iter().filter(|r| !r.is_primary) {
        let what = if r.cluster == p.cluster { "close second" } else { "also (interdisciplinary)" };
        let _ = writeln!(
            s,
            "  {what}: {} › {} (score {:.2})",
            cname(tax, &r.cluster),
            sname(tax, r.sub_cluster.as_deref()),
            r.score
        );
    }
    if let Some(ov) = &e.override_note {
        let _ = writeln!(
            s,
            "Overridden by the state's file ({}). The data alone said {} › {}.",
            if ov.reason.is_empty() { "no reason given" } else { &ov.reason },
            cname(tax, &ov.data_cluster),
            sname(tax, ov.data_sub_cluster.as_deref())
        );
    }

    let _ = writeln!(s, "\nWhere the jobs are");
    if e.employment > 0.0 {
        let _ = writeln!(
            s,
            "  {} wage-and-salary jobs by industry sector (OEWS national by sector; crop and animal production from the Employment Matrix){}:",
            thousands(e.employment),
            e.oews_via
                .as_ref()
                .map(|a| format!("; figures published for the group {a}"))
                .unwrap_or_default()
        );
        for sec in e.sectors.iter().take(6) {
            let _ = writeln!(s, "  {:>5}  {} ({})", pct(sec.share), sec.title, sec.sector);
        }
        if e.sectors.len() > 6 {
            let _ = writeln!(s, "         … {} more sectors", e.sectors.len() - 6);
        }
    } else {
        let _ = writeln!(
            s,
            "  No employment data: OEWS and the Employment Matrix publish no figures for this occupation."
        );
    }
    if !e.suppressed_sectors.is_empty() {
        let _ = writeln!(
            s,
            "  Not counted (suppressed by BLS): sectors {}.",
            e.suppressed_sectors.join(", ")
        );
    }
    if !e.sectors_split_by_group.is_empty() {
        let _ = writeln!(
            s,
            "  The Employment Matrix has no figures for this occupation in some sectors; they are split like its SOC group's jobs: sector {}.",
            e.sectors_split_by_group.join(", sector ")
        );
    }
    if e.no_cluster_share >= 0.005 {
        let _ = writeln!(
            s,
            "  {} of the jobs are in industries that say nothing about the cluster (employment agencies, which place workers with clients; industries that mix several clusters' work); they count for no cluster.",
            pct(e.no_cluster_share)
        );
    }
    if !e.unpublished_industries.is_empty() {
        let _ = writeln!(
            s,
            "  Split within sectors by the Employment Matrix 2022-32; its jobs in industries that matrix publishes only inside a summary (NAICS {}) are estimated from the 2018-28 matrix.",
            e.unpublished_industries.join(", ")
        );
    }

    let _ = writeln!(
        s,
        "\nHow the clusters compare (industry share + 2002 cluster + seed sample + seed rule + cross-cutting = score)"
    );
    for c in e.clusters.iter().take(5) {
        let mut parts = vec![format!("{} of jobs in its industries", pct(c.share))];
        if c.prior_2002 > 0.0 {
            parts.push(format!("+{:.2} 2002 cluster", c.prior_2002));
        }
        if !c.sample_names.is_empty() {
            parts.push(format!("+ seed sample ({})", c.sample_names.join(", ")));
        }
        if c.rule > 0.0 {
            parts.push(format!("+{:.2} seed rule", c.rule));
        }
        if c.cross_cutting > 0.0 {
            parts.push(format!("+{:.2} cross-cutting function", c.cross_cutting));
        }
        let _ =
            writeln!(s, "  {:<34} {:.2}  ({})", cname(tax, &c.cluster), c.score, parts.join(" "));
    }
    if let Some(b) = &e.breadth {
        let _ = writeln!(
            s,
            "  Spread: {} industry clusters (the cross-cutting ones aside) hold a material share; the largest holds {}. {}",
            b.clusters_with_min_share,
            pct(b.top_industry_share),
            if b.passes { "Found across industries." } else { "Concentrated in few industries." }
        );
    }
    if !e.clusters_2002.is_empty() {
        let _ = writeln!(
            s,
            "  2002 framework (O*NET career clusters): {}.",
            e.clusters_2002.join("; ")
        );
    }
    for c in &e.prior_2002_not_counted {
        let _ = writeln!(
            s,
            "  The 2002 cluster's successor {} is cross-cutting and the occupation is concentrated in other industries, so the 2002 cluster is not counted.",
            cname(tax, c)
        );
    }

    if !e.rules.is_empty() {
        let _ = writeln!(s, "\nRules from the technical report");
        for r in &e.rules {
            let status = if r.applied {
                "applied"
            } else {
                "not applied: the occupation is not spread across industries"
            };
            let _ = writeln!(
                s,
                "  {} → {}{} ({status}){}\n    {}",
                r.id,
                cname(tax, &r.cluster),
                r.sub_cluster
                    .as_deref()
                    .map(|x| format!(" › {}", sname(tax, Some(x))))
                    .unwrap_or_default(),
                if r.inferred { ", a stated principle applied by Trellis" } else { "" },
                r.cite
            );
        }
    }

    if !e.sub_clusters.is_empty() {
        let _ = writeln!(
            s,
            "\nSub-clusters (SOC group anchor + industry share within the cluster + O*NET words)"
        );
        for sc in &e.sub_clusters {
            let mut why = Vec::new();
            if sc.rule {
                why.push("named by a seed rule".to_string());
            }
            if let Some(a) = &sc.soc_anchor {
                why.push(format!("SOC {a} is one of its occupation groups"));
            }
            if sc.industry_share > 0.0 {
                why.push(format!(
                    "{} of the cluster's jobs are in its industries",
                    pct(sc.industry_share)
                ));
            }
            if !sc.keywords.is_empty() {
                why.push(format!("O*NET mentions {}", sc.keywords.join(", ")));
            }
            let _ = writeln!(
                s,
                "  {:<40} {:.2}  {}",
                format!("{} › {}", cname(tax, &sc.cluster), sname(tax, Some(&sc.sub_cluster))),
                sc.score,
                why.join("; ")
            );
        }
    }
    s
}

/// Explains a program's assignment.
pub fn program(tax: &Taxonomy, p: &ProgramResult, occs: &[OccupationResult]) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} {}", p.cip, p.title);
    for r in &p.rows {
        let _ = writeln!(
            s,
            "  {} {} › {}: {} of the employment of the occupations it prepares for{}",
            if r.is_primary { "Primary:" } else { "Also:   " },
            cname(tax, &r.cluster),
            sname(tax, r.sub_cluster.as_deref()),
            pct(r.score),
            if r.overridden { " (set by the build's overrides file)" } else { "" }
        );
    }
    if p.rows.iter().any(|r| r.overridden) {
        // The stored rows do not say whether the pin agreed with the data; the build report
        // does (`trellis crosswalk build` prints what the data alone said).
        let _ = writeln!(
            s,
            "  Overridden by the state's file: the pinned row comes first, the data's own rows follow."
        );
    }
    if p.rows.first().is_some_and(|r| r.interdisciplinary) {
        let _ = writeln!(s, "  Interdisciplinary: it leads into more than one cluster.");
    }
    let _ = writeln!(s, "\nOccupations (NCES CIP–SOC crosswalk)");
    for (soc, _) in &p.occupations {
        if let Some(o) = occs.iter().find(|o| &o.soc == soc) {
            let pr = o.primary();
            let _ = writeln!(
                s,
                "  {} {:<48} {} › {}",
                soc,
                o.title,
                cname(tax, &pr.cluster),
                sname(tax, pr.sub_cluster.as_deref())
            );
        }
    }
    s
}
