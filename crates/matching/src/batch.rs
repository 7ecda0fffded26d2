//! Coding a whole file: a plain list (one text per line), CSV, TSV or JSONL, streamed in
//! chunks, coded on all cores, written back in input order with one output row per input
//! record. A record that cannot be coded (empty, too long, invalid UTF-8, broken JSON, a
//! missing field) gets a status instead of a match — never a crash or a shifted row.

use std::io::{BufRead, BufReader, Read};

use ahash::AHashMap;
use rayon::prelude::*;
use serde::Serialize;

use crate::Matcher;
use crate::model::Domain;
use crate::search::Coded;

/// The shape of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// One text per line, no header.
    Lines,
    /// Comma-separated with a header row.
    Csv,
    /// Tab-separated with a header row.
    Tsv,
    /// One JSON object per line.
    Jsonl,
}

impl InputFormat {
    /// Guesses the format from a file name's extension; anything unknown is a plain list.
    pub fn from_path(path: &std::path::Path) -> InputFormat {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("csv") => InputFormat::Csv,
            Some("tsv" | "tab") => InputFormat::Tsv,
            Some("jsonl" | "ndjson" | "json") => InputFormat::Jsonl,
            _ => InputFormat::Lines,
        }
    }
}

/// What happened to one input record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    /// Coded.
    Ok,
    /// Matched, but below the confidence threshold: the code is left empty.
    Abstained,
    /// No word of the text is known to the index.
    NoMatch,
    /// Empty or blank.
    Empty,
    /// Longer than [`BatchOptions::max_text_bytes`]: not a title.
    TooLong,
    /// Not valid UTF-8 (the text is shown with replacement characters).
    InvalidUtf8,
    /// A JSONL line that is not a JSON object (e.g. truncated).
    InvalidJson,
    /// The record has no value in the named column or field.
    MissingField,
    /// The CSV record could not be parsed.
    InvalidRecord,
}

impl RowStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RowStatus::Ok => "ok",
            RowStatus::Abstained => "abstained",
            RowStatus::NoMatch => "no_match",
            RowStatus::Empty => "empty",
            RowStatus::TooLong => "too_long",
            RowStatus::InvalidUtf8 => "invalid_utf8",
            RowStatus::InvalidJson => "invalid_json",
            RowStatus::MissingField => "missing_field",
            RowStatus::InvalidRecord => "invalid_record",
        }
    }
}

/// One input record and, once coded, its result.
#[derive(Debug, Clone)]
pub struct Row {
    /// 1-based number of the record in the input (data rows; the header is not counted).
    pub number: u64,
    pub text: String,
    pub status: RowStatus,
    pub coded: Option<Coded>,
}

/// Settings of a batch run.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    pub domain: Domain,
    /// The CSV/TSV column or JSONL field holding the text; default `title` (CSV/TSV: the
    /// only column when there is just one).
    pub column: Option<String>,
    /// Records per chunk: the unit of parallel work and of output.
    pub chunk_rows: usize,
    /// Longer texts get [`RowStatus::TooLong`].
    pub max_text_bytes: usize,
    /// Distinct texts remembered across chunks (job titles repeat a lot in real files).
    pub cache_entries: usize,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            domain: Domain::Occupation,
            column: None,
            chunk_rows: 16_384,
            max_text_bytes: 1_000,
            cache_entries: 500_000,
        }
    }
}

/// Why a batch could not run at all (bad rows never stop it).
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("reading the input: {0}")]
    Io(#[from] std::io::Error),
    #[error(
        "the input has no column named '{wanted}'; its columns are: {available}. Name the column with --column"
    )]
    MissingColumn { wanted: String, available: String },
    #[error("the input has no header row; for a plain list of titles use the plain-list format")]
    NoHeader,
    #[error("reading the CSV header: {0}")]
    Csv(#[from] csv::Error),
}

/// Progress and the rows of one chunk, handed to the sink in input order.
pub struct Chunk<'a> {
    pub rows: &'a [Row],
    /// Input bytes consumed so far.
    pub bytes_read: u64,
}

impl Chunk<'_> {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// Totals of a batch run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub rows: u64,
    pub coded: u64,
    pub abstained: u64,
    pub no_match: u64,
    pub bad: u64,
}

/// A reader counting the bytes it hands out, for progress.
struct Counting<R> {
    inner: R,
    count: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

/// Reads records one at a time, whatever the format.
pub struct RecordReader<R: Read> {
    kind: ReaderKind<R>,
    number: u64,
    max: usize,
    bytes: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

enum ReaderKind<R: Read> {
    Lines { input: BufReader<Counting<R>>, buf: Vec<u8>, field: Option<String> },
    Delimited { input: csv::Reader<Counting<R>>, column: usize, record: csv::ByteRecord },
}

impl<R: Read> RecordReader<R> {
    /// Opens a reader; for CSV/TSV this reads the header and finds the column.
    pub fn new(input: R, format: InputFormat, opts: &BatchOptions) -> Result<Self, BatchError> {
        let bytes = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
        let input = Counting { inner: input, count: bytes.clone() };
        let kind = match format {
            InputFormat::Lines | InputFormat::Jsonl => ReaderKind::Lines {
                input: BufReader::with_capacity(1 << 16, input),
                buf: Vec::with_capacity(256),
                field: (format == InputFormat::Jsonl)
                    .then(|| opts.column.clone().unwrap_or_else(|| "title".into())),
            },
            InputFormat::Csv | InputFormat::Tsv => {
                let mut r = csv::ReaderBuilder::new()
                    .delimiter(if format == InputFormat::Tsv { b'\t' } else { b',' })
                    .flexible(true)
                    .has_headers(true)
                    .from_reader(input);
                let headers = r.byte_headers()?.clone();
                if headers.is_empty() {
                    return Err(BatchError::NoHeader);
                }
                let names: Vec<String> = headers
                    .iter()
                    .map(|h| {
                        String::from_utf8_lossy(h).trim().trim_start_matches('\u{feff}').to_string()
                    })
                    .collect();
                let column = match &opts.column {
                    Some(c) => names.iter().position(|n| n.eq_ignore_ascii_case(c)),
                    None if names.len() == 1 => Some(0),
                    None => names.iter().position(|n| n.eq_ignore_ascii_case("title")),
                };
                let Some(column) = column else {
                    return Err(BatchError::MissingColumn {
                        wanted: opts.column.clone().unwrap_or_else(|| "title".into()),
                        available: names.join(", "),
                    });
                };
                ReaderKind::Delimited { input: r, column, record: csv::ByteRecord::new() }
            }
        };
        Ok(RecordReader { kind, number: 0, max: opts.max_text_bytes, bytes })
    }

    /// Input bytes consumed so far.
    pub fn bytes_read(&self) -> u64 {
        self.bytes.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The next record, `None` at the end of the input.
    pub fn next_row(&mut self) -> Result<Option<Row>, BatchError> {
        let max = self.max;
        let (raw_status, text): (Option<RowStatus>, String) = match &mut self.kind {
            ReaderKind::Lines { input, buf, field } => {
                buf.clear();
                if input.read_until(b'\n', buf)? == 0 {
                    return Ok(None);
                }
                while matches!(buf.last(), Some(b'\n' | b'\r')) {
                    buf.pop();
                }
                match field {
                    None => text_of(buf),
                    Some(f) => json_field(buf, f),
                }
            }
            ReaderKind::Delimited { input, column, record } => match input.read_byte_record(record)
            {
                Ok(false) => return Ok(None),
                Ok(true) => match record.get(*column) {
                    Some(v) => text_of(v),
                    None => (Some(RowStatus::MissingField), String::new()),
                },
                Err(e) if matches!(e.kind(), csv::ErrorKind::Io(_)) => return Err(e.into()),
                Err(_) => (Some(RowStatus::InvalidRecord), String::new()),
            },
        };
        self.number += 1;
        let status = match raw_status {
            Some(s) => s,
            None if text.trim().is_empty() => RowStatus::Empty,
            None if text.len() > max => RowStatus::TooLong,
            None => RowStatus::Ok,
        };
        let text = if text.len() > max { truncate(&text, 200) } else { text };
        Ok(Some(Row { number: self.number, text, status, coded: None }))
    }
}

fn truncate(s: &str, max: usize) -> String {
    let mut end = max.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

fn text_of(bytes: &[u8]) -> (Option<RowStatus>, String) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (None, s.trim().to_string()),
        Err(_) => (Some(RowStatus::InvalidUtf8), String::from_utf8_lossy(bytes).trim().to_string()),
    }
}

fn json_field(line: &[u8], field: &str) -> (Option<RowStatus>, String) {
    if line.iter().all(u8::is_ascii_whitespace) {
        return (Some(RowStatus::Empty), String::new());
    }
    match serde_json::from_slice::<serde_json::Value>(line) {
        Ok(serde_json::Value::Object(map)) => match map.get(field) {
            Some(serde_json::Value::String(s)) => (None, s.trim().to_string()),
            Some(serde_json::Value::Null) | None => (Some(RowStatus::MissingField), String::new()),
            Some(other) => (None, other.to_string()),
        },
        Ok(_) => (Some(RowStatus::InvalidJson), String::new()),
        Err(e) if e.is_syntax() || e.is_eof() => {
            let invalid_utf8 = std::str::from_utf8(line).is_err();
            let status = if invalid_utf8 { RowStatus::InvalidUtf8 } else { RowStatus::InvalidJson };
            (Some(status), String::from_utf8_lossy(line).chars().take(200).collect())
        }
        Err(_) => (Some(RowStatus::InvalidJson), String::new()),
    }
}

/// Codes every record of `input`, calling `sink` with each chunk in input order.
///
/// Three chunks are in flight: while the thread pool codes one, the calling thread writes the
/// one before it and reads the one after, so reading and writing cost no coding time.
pub fn run<R: Read>(
    matcher: &Matcher,
    input: R,
    format: InputFormat,
    opts: &BatchOptions,
    mut sink: impl FnMut(Chunk<'_>) -> std::io::Result<()>,
) -> Result<Summary, BatchError> {
    let mut reader = RecordReader::new(input, format, opts)?;
    let chunk_rows = opts.chunk_rows.max(1);
    let mut cache: AHashMap<String, Coded> = AHashMap::new();
    let mut summary = Summary::default();
    let mut rows = read_chunk(&mut reader, chunk_rows)?;
    let mut bytes = reader.bytes_read();
    let mut done: Option<(Vec<Row>, u64)> = None;
    while !rows.is_empty() || done.is_some() {
        let (slots, todo) = plan(&rows, &cache);
        let mut coded: Vec<Coded> = Vec::new();
        let mut next: Result<Vec<Row>, BatchError> = Ok(Vec::new());
        let mut written = Ok(());
        rayon::in_place_scope(|scope| {
            scope.spawn(|_| coded = code_distinct(matcher, &rows, &todo, opts.domain));
            if let Some((done_rows, done_bytes)) = &done {
                written = sink(Chunk { rows: done_rows, bytes_read: *done_bytes });
            }
            if !rows.is_empty() {
                next = read_chunk(&mut reader, chunk_rows);
            }
        });
        written?;
        let next = next?;
        for (&i, c) in todo.iter().zip(&coded) {
            if cache.len() >= opts.cache_entries {
                break;
            }
            cache.insert(rows[i].text.clone(), *c);
        }
        fill(&mut rows, &slots, &coded);
        for r in &rows {
            summary.add(r.status);
        }
        done = (!rows.is_empty()).then(|| (std::mem::take(&mut rows), bytes));
        rows = next;
        bytes = reader.bytes_read();
    }
    Ok(summary)
}

impl Summary {
    fn add(&mut self, status: RowStatus) {
        self.rows += 1;
        match status {
            RowStatus::Ok => self.coded += 1,
            RowStatus::Abstained => self.abstained += 1,
            RowStatus::NoMatch => self.no_match += 1,
            _ => self.bad += 1,
        }
    }
}

fn read_chunk<R: Read>(reader: &mut RecordReader<R>, n: usize) -> Result<Vec<Row>, BatchError> {
    let mut rows = Vec::with_capacity(n);
    while rows.len() < n {
        match reader.next_row()? {
            Some(r) => rows.push(r),
            None => break,
        }
    }
    Ok(rows)
}

/// Codes the texts of `rows[todo[..]]`: normalized in parallel, then each normal form coded
/// once (`code_normalized` gives exactly `code`'s answer for every text of that form).
fn code_distinct(matcher: &Matcher, rows: &[Row], todo: &[usize], domain: Domain) -> Vec<Coded> {
    let norms: Vec<String> = todo.par_iter().map(|&i| matcher.normalize(&rows[i].text)).collect();
    let mut first: AHashMap<&str, u32> = AHashMap::with_capacity(norms.len());
    let mut unique: Vec<&str> = Vec::new();
    let which: Vec<u32> = norms
        .iter()
        .map(|n| {
            *first.entry(n.as_str()).or_insert_with(|| {
                unique.push(n.as_str());
                unique.len() as u32 - 1
            })
        })
        .collect();
    let coded: Vec<Coded> = unique.par_iter().map(|n| matcher.code_normalized(n, domain)).collect();
    which.iter().map(|&u| coded[u as usize]).collect()
}

/// Where a row's result comes from.
#[derive(Clone, Copy)]
enum Slot {
    /// Not a codable row: its status stays.
    Skip,
    Cached(Coded),
    /// The i-th text coded for this chunk.
    Fresh(u32),
}

/// Looks every codable row up in the cache; the rest, each distinct text once, are to code
/// (returned as the index of the first row with that text).
fn plan(rows: &[Row], cache: &AHashMap<String, Coded>) -> (Vec<Slot>, Vec<usize>) {
    let mut todo: Vec<usize> = Vec::new();
    let mut first: AHashMap<&str, u32> = AHashMap::new();
    let slots = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            if r.status != RowStatus::Ok {
                return Slot::Skip;
            }
            if let Some(c) = cache.get(r.text.as_str()) {
                return Slot::Cached(*c);
            }
            Slot::Fresh(*first.entry(r.text.as_str()).or_insert_with(|| {
                todo.push(i);
                todo.len() as u32 - 1
            }))
        })
        .collect();
    (slots, todo)
}

fn fill(rows: &mut [Row], slots: &[Slot], coded: &[Coded]) {
    for (r, slot) in rows.iter_mut().zip(slots) {
        let c = match *slot {
            Slot::Skip => continue,
            Slot::Cached(c) => c,
            Slot::Fresh(i) => coded[i as usize],
        };
        r.coded = Some(c);
        r.status = match c {
            Coded { target: Some(_), .. } => RowStatus::Ok,
            Coded { best: Some(_), .. } => RowStatus::Abstained,
            _ => RowStatus::NoMatch,
        };
    }
}
