//! Prints the top candidates for each query, with their explanation, from the official files
//! or a database: `cargo run -p trellis-matching --example query -- --data DIR "cnc machinist"`.

use std::path::PathBuf;

use trellis_matching::{Domain, Matcher};

#[path = "../tests/common/official_files.rs"]
mod official_files;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut data = std::env::var_os("TRELLIS_TEST_DATA").map(PathBuf::from);
    let mut domain = Domain::Occupation;
    let mut queries = Vec::new();
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--data" => data = it.next().map(PathBuf::from),
            "--program" => domain = Domain::Program,
            _ => queries.push(a),
        }
    }
    let source = official_files::from_files(&data.expect("--data DIR")).corpus;
    let m = Matcher::build(&source);
    for q in queries {
        println!("{q:?} → {:?}", m.normalize(&q));
        for c in m.search_with(&q, domain, 5, false) {
            println!("  {:.3} {:.3} {} {} — {}", c.score, c.raw_score, c.code, c.title, c.why());
        }
    }
}
