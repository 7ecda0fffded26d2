//! The batch reader on arbitrary bytes in every input format: never panics, numbers the
//! records 1, 2, 3, … without gaps, and gives every record a status.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trellis_matching::batch::{BatchOptions, InputFormat, RecordReader};

fuzz_target!(|data: &[u8]| {
    for format in [InputFormat::Lines, InputFormat::Csv, InputFormat::Tsv, InputFormat::Jsonl] {
        let opts = BatchOptions { column: None, ..BatchOptions::default() };
        let Ok(mut reader) = RecordReader::new(data, format, &opts) else { continue };
        let mut expected = 1;
        while let Ok(Some(row)) = reader.next_row() {
            assert_eq!(row.number, expected);
            assert!(row.text.len() <= opts.max_text_bytes + 4);
            expected += 1;
        }
    }
});
