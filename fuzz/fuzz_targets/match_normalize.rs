//! The title normalizer on arbitrary text: never panics, stays bounded, emits only
//! space-separated non-empty tokens.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trellis_matching::normalize::{MAX_INPUT_BYTES, Normalizer};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let n = Normalizer::new();
    let out = n.normalize(&text);
    assert!(out.len() <= 10 * MAX_INPUT_BYTES + 64, "output grew beyond its bound");
    assert!(!out.starts_with(' ') && !out.ends_with(' ') && !out.contains("  "));
});
