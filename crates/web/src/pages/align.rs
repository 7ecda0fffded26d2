//! Program alignment: a CSV of local programs in, each program's clusters, occupations and
//! HSHWID status out. Uploads are read in memory, size-limited, validated, and never stored.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Multipart, State};
use axum::response::{IntoResponse, Response};

use super::{Layout, html, html_private, state_options};
use crate::api::{cip_param, state_code};
use crate::app::AppState;
use crate::error::{PageError, Problem};
use crate::export::{FileFormat, Table, download as file};
use crate::hshwid::Flags;
use crate::matching::MatchKind;

pub const MAX_UPLOAD: usize = 256 * 1024;
pub const MAX_ROWS: usize = 1000;
const MAX_FIELD: usize = 300;

/// One program line as given.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub cip: Option<String>,
    pub name: Option<String>,
}

/// Reads the CSV: a header with `cip` and/or `name` columns, or one program per line.
pub fn parse(text: &str) -> Result<(Vec<Input>, Vec<String>), Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rdr =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut records = Vec::new();
    for (i, r) in rdr.records().enumerate() {
        match r {
            Ok(r) => records.push(r),
            Err(e) => {
                return Err(Problem::bad_request(format!("line {}: not valid CSV ({e})", i + 1)));
            }
        }
        if records.len() > MAX_ROWS + 1 {
            return Err(Problem::too_large(format!("at most {MAX_ROWS} programs per file")));
        }
    }
    let norm = |s: &str| s.trim().to_ascii_lowercase().replace(['_', ' '], "");
    let (mut cip_col, mut name_col, mut start) = (None, None, 0);
    if let Some(h) = records.first() {
        for (i, f) in h.iter().enumerate() {
            match norm(f).as_str() {
                "cip" | "cipcode" | "cip2020" | "code" => cip_col = Some(i),
                "name" | "program" | "programname" | "title" | "programtitle" => name_col = Some(i),
                _ => {}
            }
        }
        if cip_col.is_some() || name_col.is_some() {
            start = 1;
        }
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, r) in records.iter().enumerate().skip(start) {
        let line = i + 1;
        let get = |c: Option<usize>| {
            c.and_then(|c| r.get(c)).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
        };
        let (cip, name) = if start == 1 {
            (get(cip_col), get(name_col))
        } else {
            // No header: a single value per line, a code when it looks like one.
            let v = r.iter().map(str::trim).find(|s| !s.is_empty()).map(str::to_owned);
            match v {
                Some(v) if v.chars().all(|c| c.is_ascii_digit() || c == '.') => (Some(v), None),
                v => (None, v),
            }
        };
        if cip.is_none() && name.is_none() {
            continue;
        }
        if cip.as_ref().is_some_and(|c| c.len() > 12)
            || name.as_ref().is_some_and(|n| n.len() > MAX_FIELD)
        {
            errors
                .push(format!("line {line}: value too long (names up to {MAX_FIELD} characters)"));
            continue;
        }
        out.push(Input { cip, name });
    }
    if out.len() > MAX_ROWS {
        return Err(Problem::too_large(format!("at most {MAX_ROWS} programs per file")));
    }
    Ok((out, errors))
}

/// One aligned program.
pub struct Aligned {
    pub input: String,
    pub cip: String,
    pub cip_title: String,
    pub how: String,
    pub clusters: String,
    /// (soc, title, cluster name, HSHWID text)
    pub occupations: Vec<(String, String, String, String)>,
}

fn flags_text(f: Option<&Flags>) -> String {
    let Some(f) = f else { return "–".into() };
    let mut v = Vec::new();
    for (name, x) in
        [("high-skill", f.high_skill), ("high-wage", f.high_wage), ("in-demand", f.in_demand)]
    {
        if x == Some(true) {
            v.push(name);
        }
    }
    if v.is_empty() { "none".into() } else { v.join(", ") }
}

pub fn align(
    state: &AppState,
    inputs: &[Input],
    flags: Option<&HashMap<String, Flags>>,
) -> Vec<Aligned> {
    inputs
        .iter()
        .map(|inp| {
            let input = match (&inp.cip, &inp.name) {
                (Some(c), Some(n)) => format!("{n} ({c})"),
                (Some(c), None) => c.clone(),
                (None, Some(n)) => n.clone(),
                (None, None) => String::new(),
            };
            let mut how = String::new();
            let mut program = None;
            if let Some(c) = &inp.cip {
                match cip_param(c) {
                    Ok(code) => match state.catalog.program(&code) {
                        Some(p) => {
                            program = Some(p);
                            how = "by CIP code".into();
                        }
                        None => how = format!("{code} is not a CIP 2020 program code"),
                    },
                    Err(_) => how = format!("“{c}” is not a six-digit CIP code (NN.NNNN)"),
                }
            }
            if program.is_none()
                && let Some(n) = &inp.name
            {
                let found = crate::matching::match_text(state, n, MatchKind::Program, 1);
                let best = found.candidates.first();
                match best.and_then(|c| state.catalog.program(&c.code).map(|p| (p, c.score))) {
                    Some((p, score)) => {
                        program = Some(p);
                        how = format!("matched by name (match score {score:.2}): check it");
                    }
                    None if how.is_empty() => how = "no CIP program matches this name".into(),
                    None => {}
                }
            }
            let Some(p) = program else {
                return Aligned {
                    input,
                    cip: String::new(),
                    cip_title: String::new(),
                    how,
                    clusters: String::new(),
                    occupations: Vec::new(),
                };
            };
            let clusters = p
                .assignments
                .iter()
                .map(|a| {
                    let c =
                        state.fw.cluster(&a.cluster).map(|c| c.name.as_str()).unwrap_or(&a.cluster);
                    let s = a
                        .sub_cluster
                        .as_deref()
                        .and_then(|s| state.fw.sub_cluster(s))
                        .map(|s| s.name.as_str());
                    let primary = if a.primary { " (primary)" } else { "" };
                    match s {
                        Some(s) => format!("{c} › {s}{primary}"),
                        None => format!("{c}{primary}"),
                    }
                })
                .collect::<Vec<_>>()
                .join("; ");
            let occupations = p
                .occupations
                .iter()
                .filter_map(|s| state.catalog.occupation(s))
                .map(|o| {
                    let c = o
                        .primary()
                        .and_then(|a| state.fw.cluster(&a.cluster))
                        .map(|c| c.name.clone())
                        .unwrap_or_default();
                    (
                        o.soc.clone(),
                        o.title.clone(),
                        c,
                        flags_text(flags.and_then(|f| f.get(&o.soc))),
                    )
                })
                .collect();
            Aligned {
                input,
                cip: p.cip.clone(),
                cip_title: p.title.clone(),
                how,
                clusters,
                occupations,
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "align.html")]
struct AlignPage {
    l: Layout,
    max_kb: usize,
    max_rows: usize,
    states: Vec<(String, String, bool)>,
    pasted: String,
    errors: Vec<String>,
    results: Vec<Aligned>,
    normalized: String,
    state_code: String,
    has_flags: bool,
    hshwid_note: String,
}

fn empty_page(state: &AppState) -> AlignPage {
    AlignPage {
        l: Layout::new("Program alignment", "align"),
        max_kb: MAX_UPLOAD / 1024,
        max_rows: MAX_ROWS,
        states: state_options(state, None),
        pasted: String::new(),
        errors: Vec::new(),
        results: Vec::new(),
        normalized: String::new(),
        state_code: String::new(),
        has_flags: false,
        hshwid_note: String::new(),
    }
}

pub async fn form(State(state): State<AppState>) -> Result<Response, PageError> {
    html(&empty_page(&state))
}

fn bad(msg: impl Into<String>) -> PageError {
    PageError(Problem::bad_request(msg))
}

pub async fn upload(
    State(state): State<AppState>,
    mut mp: Multipart,
) -> Result<Response, PageError> {
    let (mut file_text, mut pasted, mut st, mut format) =
        (String::new(), String::new(), String::new(), String::from("html"));
    while let Some(mut field) =
        mp.next_field().await.map_err(|e| bad(format!("The upload could not be read: {e}")))?
    {
        let name = field.name().unwrap_or("").to_owned();
        let mut buf = Vec::new();
        while let Some(chunk) =
            field.chunk().await.map_err(|e| bad(format!("The upload could not be read: {e}")))?
        {
            if buf.len() + chunk.len() > MAX_UPLOAD {
                return Err(PageError(Problem::too_large(format!(
                    "The file is larger than {} KB. Split it into smaller files.",
                    MAX_UPLOAD / 1024
                ))));
            }
            buf.extend_from_slice(&chunk);
        }
        let text = String::from_utf8(buf).map_err(|_| {
            bad("The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.")
        })?;
        match name.as_str() {
            "file" => file_text = text,
            "programs" => pasted = text,
            "state" => st = text,
            "format" => format = text,
            _ => return Err(bad(format!("Unexpected form field “{name}”."))),
        }
    }
    let text = if file_text.trim().is_empty() { pasted.clone() } else { file_text };
    if text.trim().is_empty() {
        return Err(bad("Choose a CSV file or paste programs into the text box."));
    }
    let code = state_code(Some(&st))?;
    let format = match format.as_str() {
        "html" | "" => None,
        "csv" => Some(FileFormat::Csv),
        "xlsx" => Some(FileFormat::Xlsx),
        "json" => Some(FileFormat::Json),
        other => return Err(bad(format!("Unknown result format “{other}”."))),
    };
    let (inputs, errors) = parse(&text)?;
    let flags = code.as_deref().and_then(|c| crate::hshwid::flags(&state, c));
    let results = align(&state, &inputs, flags.as_ref());
    if let Some(fmt) = format {
        let mut rows = Vec::new();
        for r in &results {
            if r.occupations.is_empty() {
                rows.push(vec![
                    r.input.clone(),
                    r.cip.clone(),
                    r.cip_title.clone(),
                    r.how.clone(),
                    r.clusters.clone(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]);
            }
            for o in &r.occupations {
                rows.push(vec![
                    r.input.clone(),
                    r.cip.clone(),
                    r.cip_title.clone(),
                    r.how.clone(),
                    r.clusters.clone(),
                    o.0.clone(),
                    o.1.clone(),
                    o.2.clone(),
                    o.3.clone(),
                ]);
            }
        }
        let t = Table {
            title: "program alignment".into(),
            headers: [
                "input",
                "cip",
                "cip_title",
                "how",
                "clusters",
                "soc",
                "occupation",
                "occupation_cluster",
                "hshwid",
            ]
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
            rows,
            numeric: Vec::new(),
        };
        let about = vec![("state".to_owned(), code.clone().unwrap_or_else(|| "none".into()))];
        let mut r = file(&t, fmt, "trellis-program-alignment", &about)?;
        r.extensions_mut().remove::<crate::cache::Cacheable>();
        r.headers_mut().insert(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("no-store"),
        );
        return Ok(r.into_response());
    }
    let mut normalized = String::from("cip,name\n");
    for i in &inputs {
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record([i.cip.as_deref().unwrap_or(""), i.name.as_deref().unwrap_or("")]);
        normalized
            .push_str(&String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default());
    }
    let mut page = empty_page(&state);
    page.l.title = format!("Program alignment: {} programs", results.len());
    page.states = state_options(&state, code.as_deref());
    page.pasted = pasted;
    page.errors = errors;
    page.results = results;
    page.normalized = normalized;
    page.state_code = code.clone().unwrap_or_default();
    page.has_flags = flags.is_some();
    page.hshwid_note = match &code {
        Some(c) if flags.is_none() => super::cluster::hshwid_note(&state, Some(c), false),
        _ => String::new(),
    };
    html_private(&page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_columns_by_name() {
        let (v, e) = parse("\u{feff}Program Name,CIP Code\nNursing,51.3801\n,48.0508\n\n").unwrap();
        assert!(e.is_empty());
        assert_eq!(
            v,
            vec![
                Input { cip: Some("51.3801".into()), name: Some("Nursing".into()) },
                Input { cip: Some("48.0508".into()), name: None },
            ]
        );
    }

    #[test]
    fn plain_lines_are_codes_or_names() {
        let (v, _) = parse("51.3801\nWelding Technology\n").unwrap();
        assert_eq!(v[0].cip.as_deref(), Some("51.3801"));
        assert_eq!(v[1].name.as_deref(), Some("Welding Technology"));
    }

    #[test]
    fn too_many_rows_is_an_error() {
        let text = "x\n".repeat(MAX_ROWS + 5);
        assert_eq!(parse(&text).unwrap_err().status, axum::http::StatusCode::PAYLOAD_TOO_LARGE);
    }
}
