//! Compiles every state profile under `data/states/` into the crate, so that adding a state is
//! adding a file: the list of files is generated here, not written in code.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir =
        Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo")).join("data/states");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("data/states exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    // Sorted, so the order of profiles does not depend on the file system.
    names.sort();
    let mut code = String::from("&[\n");
    for n in &names {
        println!("cargo:rerun-if-changed={}", dir.join(n).display());
        writeln!(
            code,
            "    (\"states/{n}\", include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/data/states/{n}\"))),"
        )
        .unwrap();
    }
    code.push(']');
    let out = Path::new(&std::env::var("OUT_DIR").expect("set by cargo")).join("states.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
