//! Benchmark of the crosswalk build on a Trellis database: where the time goes.
//!
//! ```text
//! cargo run --release -p trellis-align --example crosswalk_bench -- trellis.sqlite [runs]
//! ```
//!
//! Builds into a temporary copy of the database so the file is not changed. Prints the time of
//! each stage (median of the runs) and, as a baseline from the same run, the time to merely
//! scan the input rows the build reads.

use std::time::Instant;

use trellis_align::{Inputs, Method, Overrides, Params, Taxonomy, engine, export, persist};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: crosswalk_bench DB [runs] [--dump FILE]")?;
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let copy = std::env::temp_dir().join(format!("crosswalk_bench_{}.sqlite", std::process::id()));
    std::fs::copy(&path, &copy)?;
    let conn = rusqlite::Connection::open(&copy)?;
    let mut stages: Vec<[f64; 6]> = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let t0 = Instant::now();
        let mut rows = 0u64;
        for sql in [
            "SELECT soc, naics, tot_emp FROM oews WHERE area = 'US'",
            "SELECT industry, soc, emp_base FROM nem",
            "SELECT onet_soc, title FROM onet_alternate_title",
            "SELECT onet_soc, task FROM onet_task",
        ] {
            let mut st = conn.prepare(sql)?;
            let mut q = st.query([])?;
            while q.next()?.is_some() {
                rows += 1;
            }
        }
        let t1 = Instant::now();
        let tax = Taxonomy::framework();
        let method = Method::builtin(&tax)?;
        let t2 = Instant::now();
        let inputs = Inputs::load(&conn, &tax.framework_2002)?;
        let t3 = Instant::now();
        let xw = engine::build(&tax, &method, &Params::default(), &inputs, &Overrides::default());
        let t4 = Instant::now();
        persist::store(&conn, &xw, "bench", "1970-01-01T00:00:00Z", "[]")?;
        let t5 = Instant::now();
        let mut buf = Vec::new();
        export::write_csv(&export::table(&tax, &xw, export::Shape::Soc), &mut buf)?;
        let t6 = Instant::now();
        let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
        stages.push([ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t3, t4), ms(t4, t5), ms(t5, t6)]);
        let _ = rows;
        last = Some((xw, inputs, buf));
    }
    let median = |i: usize| {
        let mut v: Vec<f64> = stages.iter().map(|s| s[i]).collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let names = [
        "baseline: scan input rows",
        "method files",
        "read inputs",
        "compute",
        "store build",
        "export SOC CSV",
    ];
    println!("crosswalk build, median of {runs} runs ({path})");
    let total: f64 = (1..6).map(median).sum();
    for (i, n) in names.iter().enumerate() {
        println!("  {n:<28} {:>8.1} ms", median(i));
    }
    println!(
        "  {:<28} {:>8.1} ms  ({:.1}x the baseline scan; target < 2000 ms)",
        "build total",
        total,
        total / median(0)
    );
    if let Some((xw, inputs, buf)) = last {
        let r = trellis_align::summarize(&xw, &inputs, 0);
        println!(
            "occupations {} (with employment {}, with sub-cluster {}), programs {}",
            r.occupations,
            r.occupations_with_employment,
            r.occupations_with_sub_cluster,
            r.programs
        );
        if let Some(dump) = std::env::args().skip_while(|a| a != "--dump").nth(1) {
            std::fs::write(dump, buf)?;
        }
    }
    drop(conn);
    let _ = std::fs::remove_file(&copy);
    Ok(())
}
