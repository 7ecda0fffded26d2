//! Reading the corpus straight from the official files, for tests and the evaluation
//! harness (the application reads the database instead).
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::Path;

use trellis_matching::{Corpus, Domain, EntryKind, Target};

/// A title row as read, before splitting: the group it belongs to decides its split.
pub struct Row {
    pub code: String,
    pub kind: EntryKind,
    pub text: String,
    pub short: Option<String>,
}

pub struct Source {
    pub corpus: Corpus,
    pub rows: Vec<Row>,
    pub program_rows: Vec<Row>,
}

pub fn tsv(path: &Path) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .flexible(true)
        .from_path(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    r.records().map(|x| x.expect("tsv row").iter().map(str::to_string).collect()).collect()
}

/// Reads the corpus straight from the official files in `dir` (the folder layout of the
/// shared data), with the title rows the evaluation splits.
pub fn from_files(dir: &Path) -> Source {
    let onet = dir.join("onet");
    let mut corpus = Corpus::new();
    let mut employment = ep_employment(&dir.join("bls/ep_2024_34/occupation.xlsx"));
    // Codes BLS publishes only inside an aggregate take a share of it, as the import does.
    let mut detailed: Vec<String> =
        tsv(&onet.join("Occupation Data.txt")).iter().map(|r| r[0][..7].to_string()).collect();
    detailed.extend(
        tsv(&dir.join("soc/soc_2018_definitions.tsv"))
            .into_iter()
            .filter(|r| r.len() >= 4 && r[0] == "Detailed")
            .map(|r| r[1].clone()),
    );
    let detailed: Vec<&str> = detailed.iter().map(String::as_str).collect();
    let filled = trellis_matching::employment::from_aggregates(
        employment.iter().map(|(k, v)| (k.as_str(), *v)),
        &detailed,
    );
    employment.extend(filled);
    for r in tsv(&onet.join("Occupation Data.txt")) {
        let soc = r[0][..7].to_string();
        corpus.add_target(Target {
            code: r[0].clone(),
            domain: Domain::Occupation,
            title: r[1].clone(),
            employment: employment.get(&soc).copied(),
            soc: Some(soc),
            cluster: None,
            sub_cluster: None,
        });
        corpus.add_entry(Domain::Occupation, &r[0], EntryKind::Description, &r[2]);
    }
    let mut rows = Vec::new();
    for r in tsv(&onet.join("Alternate Titles.txt")) {
        let short = (r[3] != "n/a").then(|| r[3].clone());
        corpus.add_entry(Domain::Occupation, &r[0], EntryKind::AltTitle, &r[2]);
        if let Some(s) = &short {
            corpus.add_entry(Domain::Occupation, &r[0], EntryKind::ShortTitle, s);
        }
        rows.push(Row { code: r[0].clone(), kind: EntryKind::AltTitle, text: r[2].clone(), short });
    }
    for r in tsv(&onet.join("Sample of Reported Titles.txt")) {
        corpus.add_entry(Domain::Occupation, &r[0], EntryKind::ReportedTitle, &r[2]);
        rows.push(Row {
            code: r[0].clone(),
            kind: EntryKind::ReportedTitle,
            text: r[2].clone(),
            short: None,
        });
    }
    for r in tsv(&onet.join("Task Statements.txt")) {
        corpus.add_entry(Domain::Occupation, &r[0], EntryKind::Task, &r[3]);
    }
    for r in tsv(&dir.join("soc/soc_2018_definitions.tsv")) {
        if r.len() < 4 || r[0] != "Detailed" {
            continue;
        }
        let code = if corpus.target_index(Domain::Occupation, &format!("{}.00", r[1])).is_some() {
            format!("{}.00", r[1])
        } else {
            corpus.add_target(Target {
                code: r[1].clone(),
                domain: Domain::Occupation,
                title: r[2].clone(),
                soc: Some(r[1].clone()),
                employment: employment.get(&r[1]).copied(),
                cluster: None,
                sub_cluster: None,
            });
            r[1].clone()
        };
        corpus.add_entry(Domain::Occupation, &code, EntryKind::SocTitle, &r[2]);
        corpus.add_entry(Domain::Occupation, &code, EntryKind::Definition, &r[3]);
    }
    let mut program_rows = Vec::new();
    let mut cr = csv::Reader::from_path(dir.join("cip/CIPCode2020.clean.csv")).expect("CIP file");
    let mut prog_emp: HashMap<String, f64> = HashMap::new();
    if let Ok(mut x) = csv::Reader::from_path(dir.join("cip/CIP2020_SOC2018_Crosswalk.CIP-SOC.csv"))
    {
        for r in x.records().flatten() {
            *prog_emp.entry(r[0].to_string()).or_default() +=
                employment.get(&r[2]).copied().unwrap_or(0.0);
        }
    }
    for r in cr.records() {
        let r = r.expect("CIP row");
        let code = r[1].to_string();
        if code.len() != 7 {
            continue;
        }
        let title = r[4].trim_end_matches('.').to_string();
        corpus.add_target(Target {
            code: code.clone(),
            domain: Domain::Program,
            title,
            soc: None,
            employment: prog_emp.get(&code).copied(),
            cluster: None,
            sub_cluster: None,
        });
        corpus.add_entry(Domain::Program, &code, EntryKind::Definition, &r[5]);
        for ex in trellis_matching::corpus::cip_examples(&r[7]) {
            corpus.add_entry(Domain::Program, &code, EntryKind::CipExample, ex);
            program_rows.push(Row {
                code: code.clone(),
                kind: EntryKind::CipExample,
                text: ex.to_string(),
                short: None,
            });
        }
    }
    Source { corpus, rows, program_rows }
}

pub fn ep_employment(path: &Path) -> HashMap<String, f64> {
    use calamine::{Reader, open_workbook_auto};
    let mut out = HashMap::new();
    let Ok(mut wb) = open_workbook_auto(path) else {
        eprintln!("note: {} not readable; no employment prior", path.display());
        return out;
    };
    let Ok(range) = wb.worksheet_range("Table 1.2") else { return out };
    for row in range.rows().skip(2) {
        let code = row.get(1).map(|c| c.to_string()).unwrap_or_default();
        let kind = row.get(2).map(|c| c.to_string()).unwrap_or_default();
        let emp = row.get(3).and_then(|c| c.to_string().parse::<f64>().ok());
        if kind == "Line item"
            && let Some(e) = emp
        {
            out.insert(code, e * 1000.0);
        }
    }
    out
}

/// The hand-labeled employer-written titles (`tests/data/employer_titles.tsv`): each title
/// with the SOC codes a coder would accept.
pub fn employer_titles() -> Vec<(String, Vec<String>)> {
    include_str!("../data/employer_titles.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .map(|(t, socs)| (t.to_string(), socs.split('|').map(str::to_string).collect()))
        .collect()
}
