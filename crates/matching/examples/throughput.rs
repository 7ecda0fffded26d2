//! Batch-coding throughput: titles per second on 1 and 2 threads for distinct short titles,
//! the batch driver on the same titles and on a big file with repeats, single-query latency,
//! next to the normalizer alone (the floor every query pays) measured in the same run.
//!
//!     cargo run --release -p trellis-matching --example throughput -- [--data DIR]
//!         [--reps N] [--rows N] [--dump FILE] [--write-titles FILE] [--cpu-only] [--no-rerank]
//!         [--no-trees]
//!
//! The titles are O*NET alternate and reported titles: 8% of the title groups are held out of
//! the index (unseen titles, the hard case), the rest are titles the index lists; each comes
//! as written and with posting-style noise. `--dump FILE` writes every query's coded result
//! and top-5 candidates with raw scores and explanations: dumps taken before and after a
//! change to the search loops must be byte-identical (`cmp`). `--write-titles FILE` writes
//! the `--rows` file with repeats (default 1,000,000) for timing `trellis match --input`
//! (see `bench/match.sh`). `--cpu-only` prints only the single-thread rate per CPU second.
//! `--no-rerank` switches the learned re-ranker off, `--no-trees` only its boosted trees (the
//! same binary gives their cost).

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;
use trellis_matching::batch::{self, BatchOptions, InputFormat};
use trellis_matching::normalize::Normalizer;
use trellis_matching::{Corpus, Domain, EntryKind, Matcher};

#[path = "../tests/common/official_files.rs"]
mod official_files;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1));
    let reps: usize = value("--reps").and_then(|v| v.parse().ok()).unwrap_or(3);
    let rows: usize = value("--rows").and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let dir = value("--data")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("TRELLIS_TEST_DATA").map(PathBuf::from))
        .unwrap_or_else(|| {
            eprintln!("error: give --data DIR (the folder of official files)");
            std::process::exit(2)
        });

    let source = official_files::from_files(&dir);
    let (corpus, queries) = split(&source);
    let t = Instant::now();
    // `--no-rerank`: the hand-tuned order alone, the baseline of the re-ranker's cost.
    let mut params = trellis_matching::Params::default();
    if args.iter().any(|a| a == "--no-rerank") {
        params.rerank = None;
        println!("re-ranker off");
    }
    // `--no-trees`: the linear re-ranker alone, the baseline of the boosted trees' cost.
    if args.iter().any(|a| a == "--no-trees") {
        params.rerank_trees = None;
        println!("boosted trees off");
    }
    let m = Matcher::build_with(&corpus, params);
    println!(
        "index built in {:.3} s; {} queries ({} distinct short titles)",
        t.elapsed().as_secs_f64(),
        queries.len(),
        queries.iter().collect::<HashSet<_>>().len()
    );

    if let Some(path) = value("--dump") {
        dump(&m, &queries, path);
        println!("wrote the top candidates of every query to {path}");
    }
    let big = file_with_repeats(&queries, rows);
    if let Some(path) = value("--write-titles") {
        std::fs::write(path, &big).expect("write the titles file");
        println!("wrote {rows} titles with repeats to {path}");
    }

    let pool = |n| rayon::ThreadPoolBuilder::new().num_threads(n).build().expect("thread pool");
    let (one, two) = (pool(1), pool(2));
    let norm = m.normalizer();
    // Warm up caches and the per-thread scratch.
    two.install(|| {
        queries.par_iter().for_each(|q| {
            std::hint::black_box(m.code(q, Domain::Occupation));
        })
    });

    let best = |f: &dyn Fn() -> usize| -> f64 {
        (0..reps)
            .map(|_| {
                let t = Instant::now();
                let n = f();
                n as f64 / t.elapsed().as_secs_f64()
            })
            .fold(0.0, f64::max)
    };
    let normalize_rate = best(&|| {
        let mut out = String::new();
        let mut scratch = trellis_matching::normalize::Scratch::default();
        for q in &queries {
            norm.normalize_into(q, &mut scratch, &mut out);
            std::hint::black_box(&out);
        }
        queries.len()
    });
    let code_on = |p: &rayon::ThreadPool| {
        best(&|| {
            p.install(|| {
                queries.par_iter().filter(|q| m.code(q, Domain::Occupation).score > 0.0).count()
            });
            queries.len()
        })
    };
    // CPU time of this thread: steadier than wall time on a machine shared with other work.
    let cpu_rate = || {
        (0..reps)
            .map(|_| {
                let c = thread_cpu_ns();
                for q in &queries {
                    std::hint::black_box(m.code(q, Domain::Occupation));
                }
                queries.len() as f64 / ((thread_cpu_ns() - c) as f64 / 1e9)
            })
            .fold(0.0, f64::max)
    };
    if args.iter().any(|a| a == "--cpu-only") {
        println!("code, distinct short titles, per CPU second: {:.0}", cpu_rate());
        return;
    }
    let code1 = code_on(&one);
    let cpu_rate = cpu_rate();
    let code2 = code_on(&two);
    let driver = |input: &[u8], p: &rayon::ThreadPool| {
        best(&|| {
            let mut n = 0;
            p.install(|| {
                batch::run(
                    &m,
                    std::io::Cursor::new(input),
                    InputFormat::Lines,
                    &BatchOptions::default(),
                    |c| {
                        n += c.len();
                        Ok(())
                    },
                )
            })
            .expect("batch run");
            n
        })
    };
    let distinct_file: Vec<u8> =
        queries.iter().flat_map(|q| [q.as_bytes(), b"\n"].concat()).collect();
    // The batch driver (cache, normal-form sharing, three chunks in flight) must give every
    // row exactly what `code` gives its text.
    let mut row = 0;
    batch::run(
        &m,
        std::io::Cursor::new(&distinct_file),
        InputFormat::Lines,
        &BatchOptions { chunk_rows: 4096, ..BatchOptions::default() },
        |c| {
            for r in c.rows {
                assert_eq!(r.coded, Some(m.code(&queries[row], Domain::Occupation)), "{r:?}");
                row += 1;
            }
            Ok(())
        },
    )
    .expect("batch run");
    assert_eq!(row, queries.len());
    let forms = queries.iter().map(|q| m.normalize(q)).collect::<HashSet<_>>().len();
    let batch_distinct = driver(&distinct_file, &two);
    let batch_big = driver(&big, &two);

    let mut lat: Vec<f64> = queries
        .iter()
        .take(20_000)
        .map(|q| {
            let t = Instant::now();
            std::hint::black_box(m.search(q, Domain::Occupation, 5));
            t.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    lat.sort_by(f64::total_cmp);
    let pct = |p: f64| lat[((lat.len() as f64 - 1.0) * p) as usize];

    println!("best of {reps} runs, titles/s:");
    println!("  normalizer alone (floor), 1 thread        {normalize_rate:>10.0}");
    println!(
        "  code, distinct short titles, 1 thread      {code1:>10.0}  ({:.1}x the normalizer's time)",
        normalize_rate / code1
    );
    println!(
        "  code, distinct short titles, per CPU second {cpu_rate:>10.0}  (1 thread, CPU time)"
    );
    println!(
        "  code, distinct short titles, 2 threads     {code2:>10.0}  ({:.2}x 1 thread)",
        code2 / code1
    );
    println!(
        "  batch driver, distinct titles, 2 threads   {batch_distinct:>10.0}  ({} titles, {forms} normal forms)",
        queries.len()
    );
    println!(
        "  batch driver, {rows} rows with repeats ({} distinct), 2 threads {batch_big:>10.0}",
        distinct_in(&big)
    );
    println!(
        "search top 5 with explanations: p50 {:.1} µs, p99 {:.1} µs, max {:.1} µs ({} queries, 1 thread)",
        pct(0.5),
        pct(0.99),
        lat.last().copied().unwrap_or(0.0),
        lat.len()
    );
}

/// The index without 8% of the title groups, and the queries: held-out titles and a sample
/// of listed titles, each as written and with posting noise.
fn split(source: &official_files::Source) -> (Corpus, Vec<String>) {
    let base = Normalizer::new();
    let key = |text: &str| -> String {
        let mut toks: Vec<String> =
            base.normalize(outer_part(text)).split(' ').map(str::to_string).collect();
        toks.sort_unstable();
        toks.dedup();
        toks.join(" ")
    };
    let mut corpus = Corpus::new();
    for t in &source.corpus.targets {
        corpus.add_target(t.clone());
    }
    for e in source.corpus.entries.iter().filter(|e| {
        !matches!(e.kind, EntryKind::AltTitle | EntryKind::ReportedTitle | EntryKind::ShortTitle)
    }) {
        let t = &source.corpus.targets[e.target as usize];
        corpus.add_entry(t.domain, &t.code, e.kind, &e.text);
    }
    let mut queries = Vec::new();
    let mut seen = HashSet::new();
    for (i, r) in source.rows.iter().enumerate() {
        let k = key(&r.text);
        let held = fnv(k.as_bytes()) % 100 < 8;
        if !held {
            corpus.add_entry(Domain::Occupation, &r.code, r.kind, &r.text);
            if let Some(short) = &r.short {
                corpus.add_entry(Domain::Occupation, &r.code, EntryKind::ShortTitle, short);
            }
        }
        if (held || i % 7 == 0) && seen.insert(k) {
            let text = outer_part(&r.text).to_string();
            queries.push(noise(&text, queries.len() as u64));
            queries.push(text);
        }
    }
    (corpus, queries)
}

/// Posting-style variants: case, seniority, shift, pay, location, a typo.
fn noise(text: &str, i: u64) -> String {
    match i % 6 {
        0 => text.to_uppercase(),
        1 => format!("Sr. {text}"),
        2 => format!("{text} - Night Shift"),
        3 => format!("{text} (Full Time) - Boston, MA"),
        4 => format!("{text} - $18/hr + Sign-On Bonus"),
        _ => {
            let mut b: Vec<char> = text.chars().collect();
            let n = b.len();
            if n > 5 {
                b.swap(n / 2, n / 2 + 1);
            }
            b.into_iter().collect()
        }
    }
}

fn outer_part(text: &str) -> &str {
    match text.rfind(" (") {
        Some(i) if text.ends_with(')') => &text[..i],
        _ => text,
    }
}

fn fnv(b: &[u8]) -> u64 {
    b.iter().fold(0xcbf29ce484222325u64, |h, &x| (h ^ x as u64).wrapping_mul(0x100000001b3))
}

/// `rows` lines drawn from the queries with a skew, so frequent titles repeat the way they do
/// in real posting files (deterministic).
fn file_with_repeats(queries: &[String], rows: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(rows * 24);
    let mut x = 0x9e3779b97f4a7c15u64;
    for _ in 0..rows {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let u = (x >> 11) as f64 / (1u64 << 53) as f64;
        let i = ((u * u * u) * queries.len() as f64) as usize;
        out.extend_from_slice(queries[i.min(queries.len() - 1)].as_bytes());
        out.push(b'\n');
    }
    out
}

fn distinct_in(file: &[u8]) -> usize {
    file.split(|&b| b == b'\n').filter(|l| !l.is_empty()).collect::<HashSet<_>>().len()
}

fn dump(m: &Matcher, queries: &[String], path: &str) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create dump"));
    for q in queries {
        let c = m.code(q, Domain::Occupation);
        writeln!(out, "{q}\tcode {:?} {:?} {:?}", c.target, c.best, c.score.to_bits()).unwrap();
        for complete in [false, true] {
            for c in m.search_with(q, Domain::Occupation, 5, complete) {
                writeln!(
                    out,
                    "\t{complete} {} {:?} {:?} {}",
                    c.code,
                    c.raw_score.to_bits(),
                    c.score.to_bits(),
                    c.why()
                )
                .unwrap();
            }
        }
    }
    for q in queries.iter().step_by(10) {
        for c in m.search(q, Domain::Program, 3) {
            writeln!(out, "program {q}\t{} {:?} {}", c.code, c.raw_score.to_bits(), c.why())
                .unwrap();
        }
    }
}

/// Nanoseconds of CPU this thread has used (Linux; 0 elsewhere, which shows as infinite).
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|x| x.parse().ok()))
        .unwrap_or(0)
}
