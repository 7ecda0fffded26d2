//! One cell's text to a value: numbers with separators, BLS special values, codes, header
//! normalization. Must never panic, and a special value never reads as a number.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        trellis_sources::fuzzing::cell_text(text);
    }
});
