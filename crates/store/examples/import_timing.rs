//! Times `trellis_store::import` of a data folder without any build step, and prints where the
//! time goes: each stage, then each reader (parse and hash on the pool; inserts on the writer).
//!
//! `cargo run --release -p trellis-store --example import_timing -- DATA_DIR [RUNS]`

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use trellis_store::{ImportOptions, import};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let data = PathBuf::from(args.next().ok_or("usage: import_timing DATA_DIR [RUNS]")?);
    let runs: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(3);
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("trellis.sqlite");
    let mut best = None;
    for run in 1..=runs {
        let t = Instant::now();
        let report = import(&ImportOptions::new(&data, Some(&db)))?;
        let wall = t.elapsed();
        println!("run {run}: {:.3} s", wall.as_secs_f64());
        if best.as_ref().is_none_or(|(w, _)| wall < *w) {
            best = Some((wall, report));
        }
    }
    let (wall, report) = best.expect("at least one run");
    println!(
        "\nbest run: {:.3} s wall, {} files, {} rows",
        wall.as_secs_f64(),
        report.files.len(),
        report.total_rows()
    );
    for p in &report.phases {
        println!("  {:<24}{:>9.1} ms", p.name, p.time.as_secs_f64() * 1e3);
    }
    let mut per: BTreeMap<&str, (usize, u64, f64, f64)> = BTreeMap::new();
    for f in &report.files {
        let e = per.entry(f.reader.as_str()).or_default();
        e.0 += 1;
        e.1 += f.rows;
        e.2 += f.read_time.as_secs_f64() * 1e3;
        e.3 += f.write_time.as_secs_f64() * 1e3;
    }
    let mut per: Vec<_> = per.into_iter().collect();
    per.sort_by(|a, b| (b.1.2 + b.1.3).total_cmp(&(a.1.2 + a.1.3)));
    println!("\n  {:<28}{:>6}{:>9}{:>10}{:>10}", "reader", "files", "rows", "read ms", "write ms");
    for (reader, (n, rows, r, w)) in per {
        println!("  {reader:<28}{n:>6}{rows:>9}{r:>10.1}{w:>10.1}");
    }
    Ok(())
}
