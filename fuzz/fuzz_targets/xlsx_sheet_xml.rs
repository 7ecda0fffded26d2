//! The xlsx cell path: shared strings and worksheet XML as the lean reader scans them, then
//! every cell to a value. The input is split in two at the first NUL byte: shared strings,
//! then the sheet. Must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (shared, sheet) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (&b"<sst><si><t>x</t></si></sst>"[..], data),
    };
    trellis_sources::fuzzing::xlsx_parts(shared, sheet);
});
