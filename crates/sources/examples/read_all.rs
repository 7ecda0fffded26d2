//! Reads every official file found in a directory and prints rows and milliseconds per
//! file, then the total: where the import's reading time goes.
//!
//! `cargo run --release -p trellis-sources --example read_all -- <DATA_DIR> [--parallel]`

use std::time::Instant;

use trellis_sources::{discover, read};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: read_all <DATA_DIR> [--parallel]");
        std::process::exit(2);
    };
    let parallel = args.any(|a| a == "--parallel");
    let start = Instant::now();
    let found = match discover(std::path::Path::new(&dir)) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let discover_ms = start.elapsed().as_secs_f64() * 1e3;
    println!(
        "discover: {} files to read, {} skipped, {discover_ms:.1} ms",
        found.found.len(),
        found.skipped.len()
    );
    for s in &found.skipped {
        println!("  skipped {}: {}", s.relative.display(), s.reason);
    }
    fn read_one(
        f: &trellis_sources::Found,
    ) -> (&trellis_sources::Found, Result<trellis_sources::Loaded, trellis_sources::ReadError>, f64)
    {
        let t = Instant::now();
        let r = read(f);
        (f, r, t.elapsed().as_secs_f64() * 1e3)
    }
    let t_read = Instant::now();
    let results: Vec<_> = if parallel {
        std::thread::scope(|s| {
            let (a, b): (Vec<_>, Vec<_>) =
                found.found.iter().enumerate().partition(|(i, _)| i % 2 == 0);
            let h = s.spawn(move || a.into_iter().map(|(_, f)| read_one(f)).collect::<Vec<_>>());
            let mut rb: Vec<_> = b.into_iter().map(|(_, f)| read_one(f)).collect();
            let mut ra = h.join().expect("reader thread");
            ra.append(&mut rb);
            ra
        })
    } else {
        found.found.iter().map(read_one).collect()
    };
    let read_ms = t_read.elapsed().as_secs_f64() * 1e3;
    let mut nem = (0usize, 0usize, 0.0f64);
    let mut failed = 0;
    for (f, r, ms) in &results {
        match r {
            Ok(l) if f.dataset == trellis_sources::Dataset::NemIndustry => {
                nem.0 += 1;
                nem.1 += l.info.rows;
                nem.2 += ms;
            }
            Ok(l) => println!(
                "{:>8.1} ms {:>7} rows  {:<24} {:<10} {}{}",
                ms,
                l.info.rows,
                f.dataset.name(),
                l.info.vintage,
                f.relative.display(),
                if l.info.warnings.is_empty() {
                    String::new()
                } else {
                    format!("  [{}]", l.info.warnings.join("; "))
                }
            ),
            Err(e) => {
                failed += 1;
                println!("  FAILED {}: {e}", f.relative.display());
            }
        }
    }
    println!("{:>8.1} ms {:>7} rows  nem_industry ({} files)", nem.2, nem.1, nem.0);
    println!(
        "total: discover {discover_ms:.1} ms + read {read_ms:.1} ms{} = {:.1} ms; {failed} failed",
        if parallel { " (2 threads)" } else { "" },
        start.elapsed().as_secs_f64() * 1e3
    );
    if failed > 0 {
        std::process::exit(1);
    }
}
