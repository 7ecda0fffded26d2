//! Reads every official file found in a directory and prints rows and milliseconds per
//! file, then the totals: where the import's reading time goes.
//!
//! `cargo run --release -p trellis-sources --example read_all -- <DATA_DIR> [--repeat N] [--threads N]`
//!
//! With `--repeat N` each figure is the fastest of N runs (the machine's other load only ever
//! adds time). `--threads N` reads the files on N threads, largest first, as an import would.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Instant;

use trellis_sources::{Dataset, Found, discover, read};

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: read_all <DATA_DIR> [--repeat N] [--threads N]");
        std::process::exit(2);
    };
    let (mut repeat, mut threads) = (1usize, 1usize);
    while let Some(a) = args.next() {
        let n = args.next().and_then(|v| v.parse().ok()).unwrap_or(1);
        match a.as_str() {
            "--repeat" => repeat = n.max(1),
            "--threads" => threads = n.max(1),
            _ => {}
        }
    }
    let mut best_discover = f64::MAX;
    let mut best_total = f64::MAX;
    // Per dataset (matrix files summed): fastest time, rows, files, vintage.
    let mut per: BTreeMap<(Dataset, String), (f64, usize, usize, String)> = BTreeMap::new();
    for _ in 0..repeat {
        let start = Instant::now();
        let found = match discover(std::path::Path::new(&dir)) {
            Ok(f) => f,
            Err(e) => {
                eprintln!("error: {e}");
                std::process::exit(1);
            }
        };
        best_discover = best_discover.min(ms(start));
        let mut files: Vec<&Found> = found.found.iter().collect();
        files.sort_by_key(|f| std::cmp::Reverse(f.size));
        let queue = Mutex::new(files.into_iter());
        let results = Mutex::new(Vec::new());
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| {
                    loop {
                        let Some(f) = queue.lock().unwrap().next() else { break };
                        let t = Instant::now();
                        let r = read(f);
                        let took = ms(t);
                        results.lock().unwrap().push((f, r, took));
                    }
                });
            }
        });
        best_total = best_total.min(ms(start));
        let mut run: BTreeMap<(Dataset, String), (f64, usize, usize, String)> = BTreeMap::new();
        for (f, r, took) in results.into_inner().unwrap() {
            let l = match r {
                Ok(l) => l,
                Err(e) => {
                    eprintln!("FAILED {}: {e}", f.relative.display());
                    std::process::exit(1);
                }
            };
            let key = if f.dataset == Dataset::NemIndustry {
                (f.dataset, "nem_2022_32_by_industry/*.csv".to_string())
            } else {
                (f.dataset, f.relative.display().to_string())
            };
            let e = run.entry(key).or_insert((0.0, 0, 0, l.info.vintage.clone()));
            e.0 += took;
            e.1 += l.info.rows;
            e.2 += 1;
        }
        for (k, v) in run {
            let e = per.entry(k).or_insert((f64::MAX, 0, 0, String::new()));
            *e = (e.0.min(v.0), v.1, v.2, v.3);
        }
    }
    println!("{:>9} {:>8} {:<26} {:<16} file", "ms", "rows", "dataset", "vintage");
    let mut sum = 0.0;
    let mut by_time: Vec<_> = per.into_iter().collect();
    by_time.sort_by(|a, b| b.1.0.total_cmp(&a.1.0));
    for ((ds, file), (t, rows, files, vintage)) in &by_time {
        sum += t;
        let note = if *files > 1 { format!(" ({files} files)") } else { String::new() };
        println!("{t:>9.1} {rows:>8} {:<26} {vintage:<16} {file}{note}", ds.name());
    }
    println!(
        "discover {best_discover:.1} ms; reading, sum of files {sum:.1} ms; end to end on {threads} thread(s) {best_total:.1} ms (fastest of {repeat})"
    );
}
