//! How long loading the framework definitions and resolving names take.
//!
//! Run with `cargo run --release -p trellis-framework --example framework_bench`. Prints, for
//! the same run: parsing the TOML files alone (the baseline), the full load with validation and
//! indexes (and its ratio to the baseline), and resolving names — known spellings, and unknown
//! ones that compute suggestions.

use std::hint::black_box;
use std::time::{Duration, Instant};

use trellis_framework::{Framework, Sources};

fn time<T>(runs: u32, mut f: impl FnMut() -> T) -> Duration {
    let start = Instant::now();
    for _ in 0..runs {
        black_box(f());
    }
    start.elapsed() / runs
}

fn main() {
    let sources = Sources::builtin();
    let runs = 50;
    let parse_only = time(runs, || {
        let mut n = 0usize;
        for f in [
            &sources.framework_2024,
            &sources.framework_2002,
            &sources.crosswalk_2002,
            &sources.cluster_content,
            &sources.career_ready_practices,
            &sources.industry_advisory_groups,
        ]
        .into_iter()
        .chain(&sources.states)
        {
            let v: toml::Table = toml::from_str(&f.text).expect("valid TOML");
            n += v.len();
        }
        n
    });
    let full = time(runs, || Framework::from_sources(&sources).expect("valid definitions"));
    println!("load: TOML parse only (baseline) {:>8.2} ms", parse_only.as_secs_f64() * 1e3);
    println!(
        "load: parse + validate + index    {:>8.2} ms  ({:.2}x baseline)",
        full.as_secs_f64() * 1e3,
        full.as_secs_f64() / parse_only.as_secs_f64()
    );

    let fw = Framework::builtin();
    let known = [
        "arts entertainment and design",
        "Web and Cloud",
        "Uncrewed Vehicle Technology",
        "Health Science",
        "Law and Public Safety Career Cluster",
        "data-science-ai",
    ];
    let unknown = ["Web and Clowd", "Cybersecurity", "Underwater Basket Weaving"];
    let per = |qs: &[&str]| {
        let n = 2000;
        let d = time(n, || qs.iter().map(|q| fw.resolve(q).is_ok() as usize).sum::<usize>());
        d.as_secs_f64() / qs.len() as f64
    };
    let k = per(&known);
    let u = per(&unknown);
    println!("resolve: known name               {:>8.2} µs/query", k * 1e6);
    println!(
        "resolve: unknown, with suggestions{:>8.2} µs/query  ({:.0}x a known name)",
        u * 1e6,
        u / k
    );
}
