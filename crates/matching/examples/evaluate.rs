//! The matching benchmark and evaluation harness: accuracy on held-out titles, on titles
//! O*NET lists, and on program names; then throughput, latency, build time and memory — all
//! in one run.
//!
//!     cargo run --release -p trellis-matching --example evaluate -- [--data DIR | --db FILE]
//!         [--tune | --calibrate | --fit-rerank | --no-rerank] [--no-employment-ties]
//!         [--set NAME=VALUE]... [--explain TITLE]...
//!         [--split dev|test] [--verbose] [--quick]
//!         [--keep-linear] [--trees N] [--trees-top N] [--trees-depth N] [--trees-out FILE]
//!
//! `--fit-rerank` fits the re-ranker's coefficients on training folds of the index's own
//! titles (never dev or test), chooses the penalty and the group vote by two-fold
//! cross-validation over those folds (the accuracy of each choice is printed), reports dev,
//! recalibrates the confidence on dev and prints the parameters for `params.rs`
//! (`--train-listed N`: every Nth title the fold's index lists is a training query too,
//! default 20, so exact hits are also seen being right; `--exclude a,b`: features left out,
//! default `exact`); then grows the boosted trees over the linear scores (`--trees N`,
//! default 200, of depth `--trees-depth`, 6, on the best `--trees-top`, 8), cross-validates
//! them on the same halves, chooses the group vote on their scores, and writes them to
//! `--trees-out FILE` (the model is `crates/matching/src/rerank_trees.txt`);
//! `--keep-linear` grows the trees over the coefficients in `params.rs` instead of a refit.
//! `--no-rerank` evaluates the hand-tuned order alone. `--explain TITLE` prints a title's
//! candidates from the held-out index, with their explanations.
//! `--no-employment-ties` leaves titles several occupations list exactly to the ranking.
//! `--quick` stops after the held-out accuracy (for tuning runs); `--verbose` lists the
//! misses of the held-out titles.
//!
//! `--data` reads the official files directly (default: `$TRELLIS_TEST_DATA`); `--db` reads
//! an imported Trellis database. See docs/MATCHING.md for the method and the figures.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use trellis_matching::normalize::Normalizer;
use trellis_matching::{Corpus, Domain, EntryKind, Matcher, Params, boost, rerank};

/// A title with every code that lists it.
#[derive(Clone, Debug)]
struct Labeled {
    text: String,
    labels: Vec<String>,
    kind: EntryKind,
}

#[path = "../tests/common/official_files.rs"]
mod official_files;
use official_files::{Row, Source, from_files};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().any(|a| a == name);
    let value = |name: &str| {
        args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(PathBuf::from)
    };
    let split_name =
        value("--split").map(|p| p.to_string_lossy().into_owned()).unwrap_or("test".into());
    let verbose = flag("--verbose");

    let t0 = Instant::now();
    let source = if let Some(db) = value("--db") {
        from_db(&db)
    } else {
        let dir = value("--data")
            .or_else(|| std::env::var_os("TRELLIS_TEST_DATA").map(PathBuf::from))
            .unwrap_or_else(|| {
                eprintln!("error: give --data DIR (the folder of official files) or --db FILE");
                std::process::exit(2)
            });
        from_files(&dir)
    };
    println!(
        "corpus: {} targets, {} entries, {} title rows (read in {:.2} s)",
        source.corpus.targets.len(),
        source.corpus.entries.len(),
        source.rows.len(),
        t0.elapsed().as_secs_f64()
    );

    // ---- Splits: whole groups of equal normalized titles go to one side. ----------------
    let base = Normalizer::new();
    let key = |text: &str| -> String {
        let outer = outer_part(text);
        let mut toks: Vec<&str> = Vec::new();
        let n = base.normalize(outer);
        toks.extend(n.split(' ').filter(|t| !t.is_empty()));
        toks.sort_unstable();
        toks.dedup();
        toks.join(" ")
    };
    let main_keys: HashSet<String> = source
        .corpus
        .targets
        .iter()
        .filter(|t| t.domain == Domain::Occupation)
        .map(|t| key(&t.title))
        .collect();
    let mut labels_by_key: HashMap<String, Vec<String>> = HashMap::new();
    let row_keys: Vec<String> = source.rows.iter().map(|r| key(&r.text)).collect();
    for (r, k) in source.rows.iter().zip(&row_keys) {
        let soc = r.code[..7].to_string();
        let l = labels_by_key.entry(k.clone()).or_default();
        if !l.contains(&soc) {
            l.push(soc);
        }
    }
    let side = |k: &str| -> u8 {
        let h = fnv(k.as_bytes()) % 100;
        if h < 8 {
            1 // dev
        } else if h < 16 {
            2 // test
        } else {
            0 // index
        }
    };
    let mut held: [Vec<Labeled>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    let mut seen_keys: HashSet<String> = HashSet::new();
    let mut heldout_corpus = base_corpus(&source.corpus);
    for (r, k) in source.rows.iter().zip(&row_keys) {
        let s = side(k);
        if s == 0 || k.is_empty() || main_keys.contains(k) {
            heldout_corpus.add_entry(Domain::Occupation, &r.code, r.kind, &r.text);
            if let Some(short) = &r.short {
                heldout_corpus.add_entry(Domain::Occupation, &r.code, EntryKind::ShortTitle, short);
            }
            continue;
        }
        if seen_keys.insert(k.clone()) {
            held[s as usize].push(Labeled {
                text: outer_part(&r.text).to_string(),
                labels: labels_by_key[k].clone(),
                kind: r.kind,
            });
        }
    }
    let split = if split_name == "dev" { 1 } else { 2 };
    println!(
        "held-out groups: dev {}, test {} (of {} distinct title groups); evaluating on {}",
        held[1].len(),
        held[2].len(),
        labels_by_key.len(),
        split_name
    );

    let t = Instant::now();
    let mut matcher = Matcher::build(&heldout_corpus);
    println!("held-out index built in {:.3} s", t.elapsed().as_secs_f64());

    for (i, a) in args.iter().enumerate() {
        if a != "--set" {
            continue;
        }
        let Some((name, v)) = args.get(i + 1).and_then(|kv| kv.split_once('=')) else {
            eprintln!("error: --set wants NAME=VALUE");
            std::process::exit(2)
        };
        let Some((_, knob)) = knobs().into_iter().find(|(n, _)| *n == name) else {
            eprintln!("error: --set: unknown weight {name}");
            std::process::exit(2)
        };
        let mut p = matcher.params().clone();
        *knob(&mut p) = v.parse().expect("--set value is a number");
        println!("set {name} = {v}");
        matcher.set_params(p);
    }
    if flag("--no-rerank") {
        let mut p = matcher.params().clone();
        p.rerank = None;
        println!("re-ranker off");
        matcher.set_params(p);
    }
    if flag("--no-employment-ties") {
        let mut p = matcher.params().clone();
        p.exact_ties_by_employment = 0.0;
        println!("exact ties by employment off");
        matcher.set_params(p);
    }
    if flag("--fit-rerank") {
        let splits =
            Splits { rows: &source.rows, row_keys: &row_keys, labels_by_key: &labels_by_key };
        let every: usize =
            value("--train-listed").and_then(|p| p.to_string_lossy().parse().ok()).unwrap_or(20);
        let groups = splits.training_groups(&source.corpus, &main_keys, matcher.params(), every);
        let exclude: Vec<usize> = value("--exclude")
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_else(|| DEFAULT_EXCLUDED.join(","))
            .split(',')
            .filter(|n| !n.is_empty())
            .map(|n| {
                rerank::FEATURE_NAMES.iter().position(|f| f == &n).unwrap_or_else(|| {
                    eprintln!("error: --exclude: unknown feature {n}");
                    std::process::exit(2)
                })
            })
            .collect();
        let mut trees = boost::BoostParams::default();
        if let Some(n) = value("--trees").and_then(|p| p.to_string_lossy().parse().ok()) {
            trees.trees = n;
        }
        if let Some(n) = value("--trees-top").and_then(|p| p.to_string_lossy().parse().ok()) {
            trees.top = n;
        }
        if let Some(n) = value("--trees-depth").and_then(|p| p.to_string_lossy().parse().ok()) {
            trees.depth = n;
        }
        fit_rerank(
            &mut matcher,
            &groups,
            &exclude,
            &held[1],
            &trees,
            value("--trees-out").as_deref(),
            flag("--keep-linear"),
        );
    }
    if flag("--tune") {
        tune(&mut matcher, &held[1]);
    } else if flag("--calibrate") {
        // Only the confidence calibration, on the development split.
        let s = evaluate(&matcher, &held[1]);
        let [a, b, c] = fit_logistic(&s.conf);
        println!("calibration fitted on dev: [{a:.3}, {b:.3}, {c:.3}]");
        let mut p = matcher.params().clone();
        p.calibration = [a as f32, b as f32, c as f32];
        matcher.set_params(p);
    }

    // Candidates of single titles from the held-out index, to read why a miss happens.
    for (i, a) in args.iter().enumerate() {
        if a == "--explain" {
            let q = args.get(i + 1).map(String::as_str).unwrap_or("");
            println!("{q:?} → {:?}", matcher.normalize(q));
            for c in matcher.search_with(q, Domain::Occupation, 5, false) {
                println!("  {:.3} {} {} — {}", c.score, c.code, c.title, c.why());
            }
        }
    }

    // ---- Accuracy on held-out titles, clean and with posting noise. -------------------
    let clean = &held[split];
    let noisy: Vec<Labeled> = clean
        .iter()
        .enumerate()
        .map(|(i, l)| Labeled { text: add_noise(&l.text, i as u64), ..l.clone() })
        .collect();
    println!();
    report("held-out titles, as written", &matcher, clean, verbose);
    report("held-out titles, with posting noise", &matcher, &noisy, false);
    if flag("--quick") {
        return;
    }

    // ---- Titles O*NET lists: the full index. -------------------------------------------
    let t = Instant::now();
    let full = Matcher::build_with(&source.corpus, matcher.params().clone());
    let build_s = t.elapsed().as_secs_f64();
    let mut listed: Vec<Labeled> = Vec::new();
    let mut seen = HashSet::new();
    for (i, (r, k)) in source.rows.iter().zip(&row_keys).enumerate() {
        if i % 7 == 0 && !k.is_empty() && seen.insert(k.clone()) {
            listed.push(Labeled {
                text: outer_part(&r.text).to_string(),
                labels: labels_by_key[k].clone(),
                kind: r.kind,
            });
        }
    }
    report("titles O*NET lists (every 7th distinct)", &full, &listed, false);

    // ---- Titles as employers write them: a small hand-labeled set. ----------------------
    let employer: Vec<Labeled> = official_files::employer_titles()
        .into_iter()
        .map(|(text, labels)| Labeled { text, labels, kind: EntryKind::AltTitle })
        .collect();
    let mut p = full.params().clone();
    p.exact_ties_by_employment = 0.0;
    let without_ties = Matcher::build_with(&source.corpus, p);
    println!(
        "== employer-written titles (hand-labeled, tests/data/employer_titles.tsv): {} titles ==",
        employer.len()
    );
    let (e0, j0) = employer_accuracy(&without_ties, &employer, false);
    let (e, j) = employer_accuracy(&full, &employer, verbose);
    println!(
        "top-1 exact 6-digit {e:.1}%  major {j:.1}%  (without employment among exact ties: {e0:.1}% / {j0:.1}%)\n"
    );
    drop(without_ties);

    // ---- Programs: held-out CIP example names. ----------------------------------------
    if !source.program_rows.is_empty() {
        let held_out = |text: &str| fnv(key(text).as_bytes()) % 100 < 30;
        let mut pc = source.corpus.clone();
        pc.entries.retain(|e| !(e.kind == EntryKind::CipExample && held_out(&e.text)));
        let progs: Vec<Labeled> = source
            .program_rows
            .iter()
            .filter(|r| held_out(&r.text))
            .map(|r| Labeled { text: r.text.clone(), labels: vec![r.code.clone()], kind: r.kind })
            .collect();
        let pm = Matcher::build(&pc);
        report_programs("held-out CIP example program names", &pm, &progs);
        let titles: Vec<Labeled> = source
            .corpus
            .targets
            .iter()
            .filter(|t| t.domain == Domain::Program)
            .enumerate()
            .map(|(i, t)| Labeled {
                text: add_noise(&t.title, i as u64 + 7),
                labels: vec![t.code.clone()],
                kind: EntryKind::CipTitle,
            })
            .collect();
        report_programs("CIP titles with noise", &full, &titles);
    }

    // ---- Speed and size. ----------------------------------------------------------------
    println!("\n== speed and size ==");
    let rss0 = rss_bytes();
    let t = Instant::now();
    let again = Matcher::build(&source.corpus);
    let build2 = t.elapsed().as_secs_f64();
    let rss1 = rss_bytes();
    let stats = again.stats();
    println!(
        "index build: {:.3} s (first build {:.3} s); {} occupation + {} program title entries, {} words",
        build2, build_s, stats.occupation_entries, stats.program_entries, stats.words
    );
    println!(
        "index memory: {:.1} MB estimated from its arrays; resident set grew {:.1} MB while building",
        stats.approx_bytes as f64 / 1e6,
        (rss1.saturating_sub(rss0)) as f64 / 1e6
    );
    drop(again);

    // Distinct short posting-style titles: every held-out and listed title, clean and noisy.
    let mut queries: Vec<String> = Vec::new();
    for (i, l) in held.iter().flatten().chain(listed.iter()).enumerate() {
        queries.push(l.text.clone());
        queries.push(add_noise(&l.text, i as u64 + 1000));
    }
    let distinct: HashSet<&String> = queries.iter().collect();
    let threads = rayon::current_num_threads();
    // Baseline in the same run: the naive scan a simple coder does (score every entry).
    let baseline = naive_rate(&source.corpus, &queries[..queries.len().min(300)]);
    for _ in 0..1 {
        let _ = queries.par_iter().map(|q| full.code(q, Domain::Occupation)).count();
    }
    let t = Instant::now();
    let mut n = 0usize;
    while t.elapsed().as_secs_f64() < 2.0 {
        n += queries.par_iter().map(|q| full.code(q, Domain::Occupation).score > 0.0).count();
    }
    let par = n as f64 / t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut n1 = 0usize;
    while t.elapsed().as_secs_f64() < 1.0 {
        for q in queries.iter().take(20000) {
            std::hint::black_box(full.code(q, Domain::Occupation));
            n1 += 1;
        }
    }
    let single = n1 as f64 / t.elapsed().as_secs_f64();
    // The cost of the head and SOC-group features: the same queries with them switched off,
    // alternating runs so machine load hits both alike.
    // The re-ranker's cost: the same queries with it switched off.
    let mut p = full.params().clone();
    p.rerank = None;
    let unranked = Matcher::build_with(&source.corpus, p.clone());
    p.head_prior_weight = 0.0;
    p.role_weight = 0.0;
    p.major_weight = 0.0;
    p.group_pool = 0;
    let plain = Matcher::build_with(&source.corpus, p);
    let (mut with_us, mut unranked_us, mut without_us) = (f64::MAX, f64::MAX, f64::MAX);
    for _ in 0..3 {
        without_us = without_us.min(per_query_us(&plain, &queries));
        unranked_us = unranked_us.min(per_query_us(&unranked, &queries));
        with_us = with_us.min(per_query_us(&full, &queries));
    }
    drop(plain);
    drop(unranked);
    let batch = batch_rate(&full, &queries);
    println!(
        "code, µs per query (1 thread, best of 3): {with_us:.2} as is, {unranked_us:.2} without the re-ranker, {without_us:.2} without the re-ranker and the head and SOC-group features"
    );
    println!(
        "batch coding, {} distinct short titles ({} queries per pass), no cache: {:.0} titles/s on {} threads, {:.0} titles/s on 1 thread",
        distinct.len(),
        queries.len(),
        par,
        threads,
        single
    );
    println!(
        "batch driver (streaming reader + cache) on the same titles as a plain list: {:.0} titles/s",
        batch
    );
    println!(
        "baseline (naive scan of every entry, 1 thread): {:.0} titles/s → speed-up {:.0}x single-thread",
        baseline,
        single / baseline
    );
    let mut lat: Vec<f64> = Vec::with_capacity(queries.len().min(20000));
    for q in queries.iter().take(20000) {
        let t = Instant::now();
        let r = full.search(q, Domain::Occupation, 5);
        lat.push(t.elapsed().as_secs_f64() * 1e6);
        std::hint::black_box(r);
    }
    lat.sort_by(f64::total_cmp);
    let pct = |p: f64| lat[((lat.len() as f64 - 1.0) * p) as usize];
    println!(
        "single query (search, top 5, with explanations): p50 {:.1} µs, p99 {:.1} µs, max {:.1} µs over {} queries",
        pct(0.5),
        pct(0.99),
        lat.last().copied().unwrap_or(0.0),
        lat.len()
    );
}

// ------------------------------------------------------------------------------------------

/// Features left out of the fit by default. `exact`: in held-out training titles an entry
/// with exactly the query's words belongs to another occupation by construction (the title's
/// own group was removed), so the fit learns to distrust exact hits, which are the strongest
/// evidence for titles O*NET lists.
const DEFAULT_EXCLUDED: &[&str] = &["exact"];

/// The title rows with their group keys and labels, for building training folds.
struct Splits<'a> {
    rows: &'a [Row],
    row_keys: &'a [String],
    labels_by_key: &'a HashMap<String, Vec<String>>,
}

/// Training folds for the re-ranker: the index's own title groups (hash 16..96 of 100; dev is
/// 0..8, test 8..16) in ten folds of 8%. Each fold's titles are coded against an index
/// without them and without the dev and test groups, as the held-out titles are; clean and
/// with posting noise.
const FOLDS: u64 = 10;

impl Splits<'_> {
    fn training_groups(
        &self,
        corpus: &Corpus,
        main_keys: &HashSet<String>,
        params: &Params,
        listed_every: usize,
    ) -> Vec<CvQuery> {
        let t = Instant::now();
        let mut groups = Vec::new();
        let mut queries_total = 0;
        for fold in 0..FOLDS {
            let mut c = base_corpus(corpus);
            let mut queries: Vec<Labeled> = Vec::new();
            let mut seen = HashSet::new();
            let mut listed_queries: Vec<Labeled> = Vec::new();
            for (i, (r, k)) in self.rows.iter().zip(self.row_keys).enumerate() {
                let h = fnv(k.as_bytes()) % 100;
                let listed = k.is_empty() || main_keys.contains(k);
                if !listed && h < 16 {
                    continue; // dev and test titles are in no training index
                }
                if !listed && (16..16 + 8 * FOLDS).contains(&h) && (h - 16) / 8 == fold {
                    if seen.insert(k.clone()) {
                        queries.push(Labeled {
                            text: outer_part(&r.text).to_string(),
                            labels: self.labels_by_key[k].clone(),
                            kind: r.kind,
                        });
                    }
                    continue;
                }
                c.add_entry(Domain::Occupation, &r.code, r.kind, &r.text);
                if let Some(short) = &r.short {
                    c.add_entry(Domain::Occupation, &r.code, EntryKind::ShortTitle, short);
                }
                // Optionally titles the index lists, so exact hits are seen being right too.
                if listed_every > 0
                    && (i + fold as usize).is_multiple_of(listed_every)
                    && !k.is_empty()
                    && seen.insert(k.clone())
                {
                    listed_queries.push(Labeled {
                        text: outer_part(&r.text).to_string(),
                        labels: self.labels_by_key[k].clone(),
                        kind: r.kind,
                    });
                }
            }
            let held_out = queries.len();
            queries.extend(listed_queries);
            let m = Matcher::build_with(&c, params.clone());
            queries_total += queries.len();
            let texts: Vec<(String, &[String], bool)> = queries
                .iter()
                .enumerate()
                .flat_map(|(i, l)| {
                    let noisy = add_noise(&l.text, (fold << 32) + i as u64 + 50_000);
                    let h = i < held_out;
                    [(l.text.clone(), &l.labels[..], h), (noisy, &l.labels[..], h)]
                })
                .collect();
            let fold_groups: Vec<CvQuery> = texts
                .par_iter()
                .filter_map(|(text, labels, h)| training_group(&m, text, labels, fold, *h))
                .collect();
            groups.extend(fold_groups);
        }
        println!(
            "re-ranker training: {} folds, {} titles (clean and noisy), {} queries with the right code among the candidates ({:.1} s)",
            FOLDS,
            queries_total,
            groups.iter().filter(|g| g.group.positive != usize::MAX).count(),
            t.elapsed().as_secs_f64()
        );
        groups
    }
}

/// One training query: its candidates' features, the right one to learn (`positive`: the
/// best-scored candidate whose SOC code is a label, `usize::MAX` when none is), and what
/// cross-validation needs to score any choice among them.
struct CvQuery {
    group: rerank::Group,
    fold: u64,
    /// A held-out title (not one of the listed titles added to the training).
    held_out: bool,
    major: Vec<u8>,
    right: Vec<bool>,
    right_major: Vec<bool>,
}

fn training_group(
    m: &Matcher,
    text: &str,
    labels: &[String],
    fold: u64,
    held_out: bool,
) -> Option<CvQuery> {
    let rows = m.rerank_features(text);
    if rows.is_empty() {
        return None;
    }
    let soc = |t: u32| m.targets()[t as usize].soc.as_deref().unwrap_or("");
    let right: Vec<bool> = rows.iter().map(|(t, _)| labels.iter().any(|l| l == soc(*t))).collect();
    let positive = rows
        .iter()
        .enumerate()
        .filter(|(i, _)| right[*i])
        .max_by(|a, b| a.1.1[0].total_cmp(&b.1.1[0]).then(b.0.cmp(&a.0)))
        .map_or(usize::MAX, |(i, _)| i);
    let major_of = |s: &str| s.get(..2).and_then(|m| m.parse::<u8>().ok()).unwrap_or(0);
    let major: Vec<u8> = rows.iter().map(|(t, _)| major_of(soc(*t))).collect();
    let right_major =
        major.iter().map(|&g| g != 0 && labels.iter().any(|l| major_of(l) == g)).collect();
    Some(CvQuery {
        group: rerank::Group { rows: rows.into_iter().map(|r| r.1).collect(), positive },
        fold,
        held_out,
        major,
        right,
        right_major,
    })
}

/// Two-fold cross-validation over the training queries (folds 0–4 against 5–9): each half's
/// held-out titles are re-ranked by a model fitted on the other half, and top-1 exact and
/// major-group accuracy are counted for each group-vote weight in `votes`. Some 50,000
/// queries per half, against 3,571 in dev: differences of a few tenths are measurable here.
fn cross_validate(
    cv: &[CvQuery],
    lambda: f64,
    exclude: &[usize],
    votes: &[f32],
    trees: Option<&boost::BoostParams>,
    fixed: Option<&rerank::Features>,
) -> Vec<(f64, f64)> {
    let mut hits = vec![(0usize, 0usize); votes.len()];
    let mut n = 0usize;
    for half in 0..2u64 {
        let train: Vec<&rerank::Group> = cv
            .iter()
            .filter(|q| (q.fold * 2 / FOLDS) != half && q.group.positive != usize::MAX)
            .map(|q| &q.group)
            .collect();
        let w = fixed.copied().unwrap_or_else(|| rerank::fit(&train, lambda, exclude));
        let trees = trees.map(|b| boost::fit(&train, &w, b, |_| {}));
        for q in cv.iter().filter(|q| (q.fold * 2 / FOLDS) == half && q.held_out) {
            n += 1;
            let mut scores: Vec<f32> = q.group.rows.iter().map(|x| rerank::score(&w, x)).collect();
            if let Some(t) = &trees {
                for i in boost::top_rows(&q.group.rows, &w, t.top) {
                    scores[i] += t.eval(&q.group.rows[i]);
                }
            }
            let top = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let mut mass = [0f32; 100];
            for (s, &g) in scores.iter().zip(&q.major) {
                mass[g as usize] += (s - top).exp();
            }
            for (v, hit) in votes.iter().zip(hits.iter_mut()) {
                let best = (0..scores.len())
                    .max_by(|&a, &b| {
                        // As `rerank::group_vote`: probability plus `v` × its group's.
                        let f = |i: usize| {
                            let g = q.major[i] as usize;
                            (scores[i] - top).exp() + if g != 0 { v * mass[g] } else { 0.0 }
                        };
                        f(a).total_cmp(&f(b)).then(b.cmp(&a))
                    })
                    .unwrap_or(0);
                hit.0 += q.right[best] as usize;
                hit.1 += q.right_major[best] as usize;
            }
        }
    }
    hits.iter().map(|h| (pct(h.0, n), pct(h.1, n))).collect()
}

/// Fits the re-ranker: the penalty and the weight of the group vote are chosen by two-fold
/// cross-validation over the training queries, the model is then fitted on all of them; the
/// dev split is only reported, and recalibrates the confidence. Prints the parameters as
/// Rust.
fn fit_rerank(
    m: &mut Matcher,
    cv: &[CvQuery],
    exclude: &[usize],
    dev: &[Labeled],
    trees: &boost::BoostParams,
    trees_out: Option<&Path>,
    keep_linear: bool,
) {
    // `--keep-linear`: the trees are grown over the coefficients in use, not a refit.
    let keep = if keep_linear { m.params().rerank } else { None };
    let groups: Vec<&rerank::Group> =
        cv.iter().map(|q| &q.group).filter(|g| g.positive != usize::MAX).collect();
    let votes = [0.0f32, 0.25, 0.5, 1.0, 2.0];
    // The penalty by exact plus half of major group without the vote; then the largest vote
    // that costs no exact accuracy (0.02 points, ten queries: below what the sample can
    // tell): both targets are thresholds, and the exact one is as near as the major one.
    let mut best = (f64::NEG_INFINITY, 0.0, 0.0f32);
    for lambda in [1.0, 10.0, 100.0, 1000.0] {
        let t = Instant::now();
        let r = cross_validate(cv, lambda, exclude, &votes, None, None);
        let line: Vec<String> =
            votes.iter().zip(&r).map(|(v, (e, j))| format!("vote {v}: {e:.3}/{j:.3}")).collect();
        println!(
            "cross-validated exact/major, L2 {lambda} ({:.1} s): {}",
            t.elapsed().as_secs_f64(),
            line.join("  ")
        );
        let (e0, j0) = r[0];
        if e0 + 0.5 * j0 > best.0 {
            let vote = votes.iter().zip(&r).filter(|(_, (e, _))| *e >= e0 - 0.02).map(|(v, _)| *v);
            best = (e0 + 0.5 * j0, lambda, vote.fold(0.0, f32::max));
        }
    }
    let (_, lambda, linear_vote) = best;
    println!("chosen: L2 {lambda}, group vote {linear_vote} (linear)");
    // The trees: cross-validated on the same halves, and the vote chosen again on their
    // scores (the trees sharpen the model's beliefs, which changes what the vote adds).
    let vote = if trees.trees > 0 {
        let t = Instant::now();
        let r = cross_validate(cv, lambda, exclude, &votes, Some(trees), keep.as_ref());
        let line: Vec<String> =
            votes.iter().zip(&r).map(|(v, (e, j))| format!("vote {v}: {e:.3}/{j:.3}")).collect();
        println!(
            "cross-validated exact/major with {} trees of depth {} on the best {} ({:.1} s): {}",
            trees.trees,
            trees.depth,
            trees.top,
            t.elapsed().as_secs_f64(),
            line.join("  ")
        );
        // By the penalty's objective, exact plus half of major: with the trees the exact
        // figure is well above its target and the major one is not, so the rule above (no
        // exact cost at all) would leave the nearer target's gain unclaimed.
        let objective = |(e, j): &(f64, f64)| e + 0.5 * j;
        let best = (0..votes.len()).max_by(|&a, &b| objective(&r[a]).total_cmp(&objective(&r[b])));
        best.map_or(0.0, |i| votes[i])
    } else {
        linear_vote
    };
    println!("chosen: group vote {vote}");
    let noisy: Vec<Labeled> = dev
        .iter()
        .enumerate()
        .map(|(i, l)| Labeled { text: add_noise(&l.text, i as u64), ..l.clone() })
        .collect();
    let show = |m: &Matcher, what: &str| {
        let (a, b) = (evaluate(m, dev), evaluate(m, &noisy));
        println!(
            "{what}: dev exact {:.1}% major {:.1}% (noisy {:.1}% / {:.1}%)",
            pct(a.exact, a.n),
            pct(a.major, a.n),
            pct(b.exact, b.n),
            pct(b.major, b.n)
        );
    };
    let mut p = m.params().clone();
    p.rerank = None;
    p.rerank_trees = None;
    p.rerank_group = 0.0;
    m.set_params(p.clone());
    show(m, "re-ranker off");
    let w = keep.unwrap_or_else(|| rerank::fit(&groups, lambda, exclude));
    p.rerank = Some(w);
    p.rerank_group = linear_vote;
    m.set_params(p.clone());
    show(
        m,
        if keep.is_some() {
            "linear re-ranker kept"
        } else {
            "linear re-ranker fitted on all training queries"
        },
    );
    if trees.trees > 0 {
        let t = Instant::now();
        let fitted = boost::fit(&groups, &w, trees, |_| {});
        println!("trees fitted on all training queries in {:.1} s", t.elapsed().as_secs_f64());
        if let Some(path) = trees_out {
            std::fs::write(path, fitted.to_text()).expect("write the trees");
            println!("trees written to {}", path.display());
        }
        p.rerank_trees = Some(std::sync::Arc::new(fitted));
        p.rerank_group = vote;
        m.set_params(p.clone());
        show(m, "with the trees");
    }
    for (name, v) in rerank::FEATURE_NAMES.iter().zip(&w) {
        println!("  {name:>16} {v:>10.4}");
    }
    let s = evaluate(m, dev);
    let [a, b, c] = fit_logistic(&s.conf);
    p.calibration = [a as f32, b as f32, c as f32];
    m.set_params(p);
    let lits: Vec<String> = w.iter().map(|v| format!("{v:.4}")).collect();
    println!("rerank: Some([{}]),", lits.join(", "));
    println!("rerank_group: {vote:?},");
    println!("calibration: [{a:.3}, {b:.3}, {c:.3}],");
}

/// Exact and major-group accuracy (percent) on labeled titles; lists the misses if asked.
fn employer_accuracy(m: &Matcher, items: &[Labeled], verbose: bool) -> (f64, f64) {
    let (mut exact, mut major) = (0, 0);
    for l in items {
        let got = m.code(&l.text, Domain::Occupation).best;
        let soc = got.and_then(|t| m.targets()[t as usize].soc.clone()).unwrap_or_default();
        let ok = l.labels.contains(&soc);
        exact += ok as usize;
        major += (soc.len() == 7 && l.labels.iter().any(|x| x[..2] == soc[..2])) as usize;
        if verbose && !ok {
            println!("  miss: {:?} want {} got {soc}", l.text, l.labels.join("|"));
        }
    }
    (pct(exact, items.len()), pct(major, items.len()))
}

fn outer_part(text: &str) -> &str {
    let t = text.trim_end();
    if t.ends_with(')')
        && let Some(open) = t.rfind('(')
        && !t[..open].trim().is_empty()
    {
        return t[..open].trim();
    }
    t
}

fn fnv(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &x in b {
        h ^= x as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// A corpus with the same targets and their non-title texts, without alternate, short and
/// reported titles (those are added back per split).
fn base_corpus(c: &Corpus) -> Corpus {
    let mut out = Corpus::new();
    for t in &c.targets {
        out.add_target(t.clone());
    }
    for e in &c.entries {
        let t = &c.targets[e.target as usize];
        if !matches!(e.kind, EntryKind::AltTitle | EntryKind::ShortTitle | EntryKind::ReportedTitle)
        {
            out.add_entry(t.domain, &t.code, e.kind, &e.text);
        }
    }
    out
}

/// Posting-style noise, chosen deterministically from `seed`.
fn add_noise(text: &str, seed: u64) -> String {
    let mut r = fnv(&seed.to_le_bytes()) ^ fnv(text.as_bytes());
    let mut next = || {
        r ^= r << 13;
        r ^= r >> 7;
        r ^= r << 17;
        r
    };
    let mut s = text.to_string();
    if next() % 2 == 0 {
        return s;
    }
    const PREFIX: &[&str] = &["Sr. ", "Senior ", "Jr. ", "Junior ", "Entry Level "];
    const SUFFIX: &[&str] = &[
        " - Night Shift",
        " - Full Time",
        " | Remote",
        ", Boston, MA",
        " (Part-Time)",
        " - $18/hr",
        " - $5,000 Sign-On Bonus",
        " II",
        " III",
        " - Nights",
        " - Houston, TX",
        " (Contract)",
    ];
    let n_ops = 1 + next() % 2;
    for _ in 0..n_ops {
        match next() % 7 {
            0 => s = format!("{}{s}", PREFIX[(next() % PREFIX.len() as u64) as usize]),
            1 | 2 => s.push_str(SUFFIX[(next() % SUFFIX.len() as u64) as usize]),
            3 => {
                s = if next() % 2 == 0 { s.to_uppercase() } else { s.to_lowercase() };
            }
            4 => {
                for (a, b) in [
                    ("Manager", "Mgr"),
                    ("Assistant", "Asst"),
                    ("Technician", "Tech"),
                    ("Supervisor", "Supv"),
                    ("Representative", "Rep"),
                    ("Coordinator", "Coord"),
                ] {
                    s = s.replace(a, b);
                }
            }
            5 => {
                // A typo: two adjacent letters swapped in the longest word.
                let words: Vec<&str> = s.split(' ').collect();
                if let Some((i, w)) = words.iter().enumerate().max_by_key(|(_, w)| w.len())
                    && w.len() >= 6
                    && w.is_ascii()
                {
                    let mut b = w.as_bytes().to_vec();
                    let p = 2 + (next() as usize % (b.len() - 3));
                    b.swap(p, p + 1);
                    let mut ws: Vec<String> = words.iter().map(|x| x.to_string()).collect();
                    ws[i] = String::from_utf8(b).unwrap_or_default();
                    s = ws.join(" ");
                }
            }
            _ => s.push('s'),
        }
    }
    s
}

struct Scores {
    n: usize,
    exact: usize,
    broad: usize,
    minor: usize,
    major: usize,
    top3: usize,
    /// (confidence, correct exact) per query, for coverage curves and calibration.
    conf: Vec<(f32, f32, f32, bool)>,
    confusions: BTreeMap<(String, String), usize>,
    misses: Vec<(String, String, String)>,
    /// (exact, major group) right, per query.
    right: Vec<(bool, bool)>,
}

fn evaluate(m: &Matcher, items: &[Labeled]) -> Scores {
    let results: Vec<_> = items
        .par_iter()
        .map(|l| {
            let c = m.search_with(&l.text, Domain::Occupation, 3, false);
            let socs: Vec<String> = c.iter().filter_map(|c| c.soc.clone()).collect();
            let top = c.first().map(|c| (c.score, c.raw_score)).unwrap_or((0.0, 0.0));
            let second = c.get(1).map_or(0.0, |c| c.raw_score);
            (socs, top, second, c.first().map(|c| c.title.clone()))
        })
        .collect();
    let mut s = Scores {
        n: items.len(),
        exact: 0,
        broad: 0,
        minor: 0,
        major: 0,
        top3: 0,
        conf: Vec::new(),
        confusions: BTreeMap::new(),
        misses: Vec::new(),
        right: Vec::new(),
    };
    for (l, (socs, (conf, raw), second, title)) in items.iter().zip(results) {
        let top = socs.first().cloned().unwrap_or_default();
        let hit = |len: usize| !top.is_empty() && l.labels.iter().any(|x| x[..len] == top[..len]);
        let exact = hit(7);
        s.exact += exact as usize;
        s.broad += hit(6) as usize;
        s.minor += hit(5) as usize;
        s.major += hit(2) as usize;
        s.top3 += socs.iter().any(|x| l.labels.contains(x)) as usize;
        s.conf.push((conf, raw, raw - second, exact));
        s.right.push((exact, hit(2)));
        if !exact {
            let want = l.labels[0][..2].to_string();
            let got = if top.is_empty() { "none".into() } else { top[..2].to_string() };
            *s.confusions.entry((want, got)).or_default() += 1;
            s.misses.push((
                l.text.clone(),
                l.labels.join("|"),
                format!("{top} {}", title.unwrap_or_default()),
            ));
        }
    }
    s
}

/// Accuracy when each occupation weighs by its national employment, shared among its titles
/// in the set: a proxy for titles as employers write them, where common jobs are common.
/// (The titles O*NET lists spread over occupations by how many titles O*NET collected.)
fn employment_weighted(m: &Matcher, items: &[Labeled], right: &[(bool, bool)]) -> (f64, f64) {
    let mut employment: HashMap<&str, f64> = HashMap::new();
    for t in m.targets() {
        if let (Some(soc), Some(e)) = (t.soc.as_deref(), t.employment) {
            let v = employment.entry(soc).or_default();
            *v = v.max(e);
        }
    }
    let mut titles: HashMap<&str, usize> = HashMap::new();
    for l in items {
        *titles.entry(l.labels[0].as_str()).or_default() += 1;
    }
    let (mut total, mut exact, mut major) = (0f64, 0f64, 0f64);
    for (l, &(e, j)) in items.iter().zip(right) {
        let soc = l.labels[0].as_str();
        let w = employment.get(soc).copied().unwrap_or(0.0) / titles[soc] as f64;
        total += w;
        exact += w * e as u8 as f64;
        major += w * j as u8 as f64;
    }
    (100.0 * exact / total.max(1e-9), 100.0 * major / total.max(1e-9))
}

fn pct(a: usize, n: usize) -> f64 {
    100.0 * a as f64 / n.max(1) as f64
}

fn report(name: &str, m: &Matcher, items: &[Labeled], verbose: bool) {
    let s = evaluate(m, items);
    println!("== {name}: {} titles ==", s.n);
    println!(
        "top-1 exact 6-digit {:.1}%  broad {:.1}%  minor {:.1}%  major {:.1}%  top-3 exact {:.1}%",
        pct(s.exact, s.n),
        pct(s.broad, s.n),
        pct(s.minor, s.n),
        pct(s.major, s.n),
        pct(s.top3, s.n)
    );
    for kind in [EntryKind::AltTitle, EntryKind::ReportedTitle] {
        let idx: Vec<usize> = (0..items.len()).filter(|&i| items[i].kind == kind).collect();
        if !idx.is_empty() && idx.len() < items.len() {
            let ok = idx.iter().filter(|&&i| s.conf[i].3).count();
            println!(
                "  of which {}: {} titles, top-1 exact {:.1}%",
                kind.describe(),
                idx.len(),
                pct(ok, idx.len())
            );
        }
    }
    let (we, wm) = employment_weighted(m, items, &s.right);
    println!(
        "employment-weighted (each occupation's titles weigh as its workers): exact {we:.1}%  major {wm:.1}%"
    );
    let mut line = String::from("abstain below:  coverage / exact among answered:");
    for th in [0.0f32, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] {
        let answered: Vec<_> = s.conf.iter().filter(|c| c.0 >= th).collect();
        let ok = answered.iter().filter(|c| c.3).count();
        line.push_str(&format!(
            "  {th:.1}: {:.0}%/{:.0}%",
            pct(answered.len(), s.n),
            pct(ok, answered.len())
        ));
    }
    println!("{line}");
    // Calibration check: mean confidence against accuracy by confidence decile.
    let mut bins = [(0f32, 0usize, 0usize); 5];
    for c in &s.conf {
        let b = ((c.0 * 5.0) as usize).min(4);
        bins[b].0 += c.0;
        bins[b].1 += 1;
        bins[b].2 += c.3 as usize;
    }
    let cal: Vec<String> = bins
        .iter()
        .enumerate()
        .filter(|(_, b)| b.1 > 0)
        .map(|(i, b)| {
            format!(
                "[{:.1}-{:.1}) n={} conf {:.2} acc {:.2}",
                i as f32 / 5.0,
                (i + 1) as f32 / 5.0,
                b.1,
                b.0 / b.1 as f32,
                b.2 as f32 / b.1 as f32
            )
        })
        .collect();
    println!("calibration: {}", cal.join("; "));
    let mut conf: Vec<_> = s.confusions.iter().filter(|((a, b), _)| a != b).collect();
    conf.sort_by(|a, b| b.1.cmp(a.1));
    let top: Vec<String> = conf.iter().take(8).map(|((a, b), n)| format!("{a}→{b}: {n}")).collect();
    println!("most frequent major-group confusions (expected→coded): {}", top.join(", "));
    if verbose {
        for (q, want, got) in s.misses.iter() {
            println!("  miss: {q:?} want {want} got {got}");
        }
    }
    println!();
}

fn report_programs(name: &str, m: &Matcher, items: &[Labeled]) {
    let mut exact = 0;
    let mut four = 0;
    let mut two = 0;
    for l in items {
        let c = m.search_with(&l.text, Domain::Program, 1, false);
        if let Some(c) = c.first() {
            exact += (c.code == l.labels[0]) as usize;
            four += (c.code[..5] == l.labels[0][..5]) as usize;
            two += (c.code[..2] == l.labels[0][..2]) as usize;
        }
    }
    println!(
        "== {name}: {} names ==\ntop-1 exact CIP {:.1}%  4-digit {:.1}%  2-digit {:.1}%\n",
        items.len(),
        pct(exact, items.len()),
        pct(four, items.len()),
        pct(two, items.len())
    );
}

type Knob = fn(&mut Params) -> &mut f32;

/// The query-time weights `--tune` searches and `--set name=value` sets.
fn knobs() -> Vec<(&'static str, Knob)> {
    vec![
        ("query_cover", |p| &mut p.query_cover),
        ("entry_cover", |p| &mut p.entry_cover),
        ("head_bonus", |p| &mut p.head_bonus),
        ("second_weight", |p| &mut p.second_weight),
        ("head_miss", |p| &mut p.head_miss),
        ("profile_weight", |p| &mut p.profile_weight),
        ("long_weight", |p| &mut p.long_weight),
        ("prior_weight", |p| &mut p.prior_weight),
        ("fuzzy_min", |p| &mut p.fuzzy_min),
        ("w_reported", |p| &mut p.kind_weights[3]),
        ("w_short", |p| &mut p.kind_weights[2]),
        ("w_soc", |p| &mut p.kind_weights[4]),
        ("major_weight", |p| &mut p.major_weight),
        ("group_sharpness", |p| &mut p.group_sharpness),
        ("head_prior_weight", |p| &mut p.head_prior_weight),
        ("head_prior_smoothing", |p| &mut p.head_prior_smoothing),
        ("role_share_min", |p| &mut p.role_share_min),
        ("role_weight", |p| &mut p.role_weight),
    ]
}

/// Coordinate search over the query-time weights on the dev split; prints the best and a
/// logistic calibration fitted on it.
fn tune(m: &mut Matcher, dev: &[Labeled]) {
    let objective = |m: &Matcher| {
        let s = evaluate(m, dev);
        pct(s.exact, s.n) + 0.5 * pct(s.major, s.n)
    };
    let mut best = m.params().clone();
    let mut best_v = objective(m);
    println!("tune: start objective {best_v:.2}");
    let knobs = knobs();
    for round in 0..2 {
        for (name, knob) in &knobs {
            for f in [0.5f32, 0.75, 1.25, 1.6] {
                let mut p = best.clone();
                let v = knob(&mut p);
                *v = (*v * f).max(0.005);
                m.set_params(p.clone());
                let o = objective(m);
                if o > best_v + 0.05 {
                    println!("tune round {round}: {name} → {:.3}: {o:.2}", *knob(&mut p.clone()));
                    best_v = o;
                    best = p;
                }
            }
        }
    }
    m.set_params(best.clone());
    // Logistic calibration on (raw top score, margin), fitted by Newton's method.
    let s = evaluate(m, dev);
    let [a, b, c] = fit_logistic(&s.conf);
    println!("tuned: {best:?}");
    println!("calibration fitted on dev: [{a:.3}, {b:.3}, {c:.3}]");
    best.calibration = [a as f32, b as f32, c as f32];
    m.set_params(best);
}

/// Logistic regression of correctness on (raw top score, margin, 1) by Newton's method.
fn fit_logistic(conf: &[(f32, f32, f32, bool)]) -> [f64; 3] {
    let mut w = [0f64; 3];
    for _ in 0..50 {
        let mut g = [0f64; 3];
        let mut h = [[0f64; 3]; 3];
        for &(_, raw, margin, ok) in conf {
            let x = [raw as f64, margin as f64, 1.0];
            let z: f64 = (0..3).map(|i| w[i] * x[i]).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let e = p - ok as u8 as f64;
            for i in 0..3 {
                g[i] += e * x[i];
                for j in 0..3 {
                    h[i][j] += p * (1.0 - p) * x[i] * x[j];
                }
            }
        }
        // A small ridge keeps the step defined when a feature barely varies.
        for (i, row) in h.iter_mut().enumerate() {
            row[i] += 1e-6;
        }
        let step = solve3(h, g);
        for i in 0..3 {
            w[i] -= step[i];
        }
        if step.iter().all(|s| s.abs() < 1e-9) {
            break;
        }
    }
    w
}

/// Solves the 3×3 system `a x = b` by Cramer's rule.
fn solve3(a: [[f64; 3]; 3], b: [f64; 3]) -> [f64; 3] {
    let det = |m: [[f64; 3]; 3]| {
        m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    };
    let d = det(a);
    if d.abs() < 1e-300 {
        return [0.0; 3];
    }
    let mut x = [0f64; 3];
    for (k, xk) in x.iter_mut().enumerate() {
        let mut m = a;
        for i in 0..3 {
            m[i][k] = b[i];
        }
        *xk = det(m) / d;
    }
    x
}

fn naive_rate(corpus: &Corpus, queries: &[String]) -> f64 {
    // Token-set Jaccard against every title entry, the way a simple coder does it.
    let norm = Normalizer::new();
    let entries: Vec<(HashSet<String>, u32)> = corpus
        .entries
        .iter()
        .filter(|e| !e.kind.is_descriptive())
        .map(|e| (norm.normalize(&e.text).split(' ').map(str::to_string).collect(), e.target))
        .collect();
    let t = Instant::now();
    for q in queries {
        let qs: HashSet<String> = norm.normalize(q).split(' ').map(str::to_string).collect();
        let best = entries
            .iter()
            .map(|(e, t)| (e.intersection(&qs).count() as f32 / e.union(&qs).count() as f32, *t))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        std::hint::black_box(best);
    }
    queries.len() as f64 / t.elapsed().as_secs_f64()
}

/// Mean time of `code` per query over one pass of the queries, one thread.
fn per_query_us(m: &Matcher, queries: &[String]) -> f64 {
    let t = Instant::now();
    for q in queries {
        std::hint::black_box(m.code(q, Domain::Occupation));
    }
    t.elapsed().as_secs_f64() * 1e6 / queries.len().max(1) as f64
}

fn batch_rate(m: &Matcher, queries: &[String]) -> f64 {
    let mut input = Vec::new();
    for q in queries {
        input.extend_from_slice(q.replace('\n', " ").as_bytes());
        input.push(b'\n');
    }
    let t = Instant::now();
    let mut rows = 0usize;
    let opts = trellis_matching::batch::BatchOptions::default();
    trellis_matching::batch::run(
        m,
        std::io::Cursor::new(&input),
        trellis_matching::batch::InputFormat::Lines,
        &opts,
        |chunk| {
            rows += chunk.len();
            Ok(())
        },
    )
    .expect("batch run");
    rows as f64 / t.elapsed().as_secs_f64()
}

fn rss_bytes() -> usize {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|x| x.parse::<usize>().ok()))
        .map_or(0, |pages| pages * 4096)
}

// ---- Loading from a database -----------------------------------------------------------------

fn from_db(path: &Path) -> Source {
    let conn = rusqlite::Connection::open(path).expect("open database");
    let corpus = trellis_matching::corpus::load(&conn).expect("load corpus");
    let mut rows = Vec::new();
    let mut program_rows = Vec::new();
    for e in &corpus.entries {
        let t = &corpus.targets[e.target as usize];
        match e.kind {
            EntryKind::AltTitle | EntryKind::ReportedTitle => rows.push(Row {
                code: t.code.clone(),
                kind: e.kind,
                text: e.text.clone(),
                short: None,
            }),
            EntryKind::CipExample => program_rows.push(Row {
                code: t.code.clone(),
                kind: e.kind,
                text: e.text.clone(),
                short: None,
            }),
            _ => {}
        }
    }
    Source { corpus, rows, program_rows }
}
