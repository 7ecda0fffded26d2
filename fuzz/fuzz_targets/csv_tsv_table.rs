//! The CSV and TSV reading paths: header matching, row splitting, UTF-8 checks, and the typed
//! cell parsers (codes, figures, flags) on every cell. Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    trellis_sources::fuzzing::delimited(data);
});
