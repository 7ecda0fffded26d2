//! Matching and batch coding on a small hand-made corpus: no data files needed.

use trellis_matching::batch::{self, BatchOptions, InputFormat, RowStatus};
use trellis_matching::{Corpus, Domain, EntryKind, Matcher, Target};

fn occupation(c: &mut Corpus, code: &str, title: &str, employment: f64) {
    c.add_target(Target {
        code: code.into(),
        domain: Domain::Occupation,
        title: title.into(),
        soc: Some(code[..7].into()),
        employment: Some(employment),
        cluster: Some("advanced-manufacturing".into()),
        sub_cluster: None,
    });
}

fn corpus() -> Corpus {
    let mut c = Corpus::new();
    occupation(&mut c, "51-4041.00", "Machinists", 380_000.0);
    occupation(&mut c, "51-9161.00", "Computer Numerically Controlled Tool Operators", 150_000.0);
    occupation(&mut c, "29-1141.00", "Registered Nurses", 3_300_000.0);
    occupation(&mut c, "29-1141.03", "Critical Care Nurses", 3_300_000.0);
    occupation(&mut c, "53-3032.00", "Heavy and Tractor-Trailer Truck Drivers", 2_000_000.0);
    occupation(&mut c, "11-3031.00", "Financial Managers", 800_000.0);
    occupation(&mut c, "43-3031.00", "Bookkeeping, Accounting, and Auditing Clerks", 1_600_000.0);
    let o = Domain::Occupation;
    for (code, kind, text) in [
        ("51-4041.00", EntryKind::AltTitle, "CNC Machinist"),
        ("51-4041.00", EntryKind::AltTitle, "Machine Shop Machinist"),
        (
            "51-4041.00",
            EntryKind::Task,
            "Set up and operate lathes, mills and grinders to machine parts.",
        ),
        ("51-9161.00", EntryKind::AltTitle, "CNC Operator (Computer Numerical Control Operator)"),
        ("29-1141.00", EntryKind::AltTitle, "Staff Nurse"),
        ("29-1141.00", EntryKind::ReportedTitle, "Registered Nurse (RN)"),
        ("29-1141.03", EntryKind::AltTitle, "ICU Nurse (Intensive Care Unit Nurse)"),
        ("53-3032.00", EntryKind::AltTitle, "Tractor Trailer Driver"),
        ("53-3032.00", EntryKind::AltTitle, "CDL Driver (Commercial Driver's License Driver)"),
        ("11-3031.00", EntryKind::AltTitle, "Accounting Manager"),
        ("43-3031.00", EntryKind::AltTitle, "Accounting Clerk"),
        (
            "43-3031.00",
            EntryKind::Description,
            "Compute, classify, and record numerical data to keep financial records complete.",
        ),
    ] {
        assert!(c.add_entry(o, code, kind, text));
    }
    c.add_target(Target {
        code: "48.0508".into(),
        domain: Domain::Program,
        title: "Welding Technology/Welder".into(),
        soc: None,
        employment: None,
        cluster: None,
        sub_cluster: None,
    });
    c.add_target(Target {
        code: "51.3801".into(),
        domain: Domain::Program,
        title: "Registered Nursing/Registered Nurse".into(),
        soc: None,
        employment: None,
        cluster: None,
        sub_cluster: None,
    });
    c.add_entry(Domain::Program, "48.0508", EntryKind::CipExample, "Arc Welding");
    c
}

fn top(m: &Matcher, q: &str) -> String {
    m.search(q, Domain::Occupation, 3).first().map(|c| c.code.clone()).unwrap_or_default()
}

#[test]
fn exact_and_noisy_titles() {
    let m = Matcher::build(&corpus());
    assert_eq!(top(&m, "CNC Machinist"), "51-4041.00");
    assert_eq!(top(&m, "Sr. CNC Machinist - 2nd Shift - $25/hr"), "51-4041.00");
    assert_eq!(top(&m, "CDL-A Truck Driver | Dallas, TX"), "53-3032.00");
    assert_eq!(top(&m, "RN - ICU - Nights"), "29-1141.03");
    assert_eq!(top(&m, "registered nurses"), "29-1141.00");
    let hit = &m.search("CNC Machinist", Domain::Occupation, 1)[0];
    assert!(hit.exact, "{hit:?}");
    assert!(hit.why().contains("CNC Machinist"), "{}", hit.why());
    assert!(hit.score > 0.5 && hit.score <= 1.0);
}

#[test]
fn role_noun_decides_between_neighbours() {
    let m = Matcher::build(&corpus());
    assert_eq!(top(&m, "Accounting Mgr"), "11-3031.00");
    assert_eq!(top(&m, "accounting clerk"), "43-3031.00");
}

#[test]
fn misspellings_compounds_and_prefixes() {
    let m = Matcher::build(&corpus());
    assert_eq!(top(&m, "machinst"), "51-4041.00");
    // Typing: the last word is completed as a prefix.
    let typed = m.search("machin", Domain::Occupation, 3);
    assert_eq!(typed.first().map(|c| c.code.as_str()), Some("51-4041.00"));
    let typed = m.search("registered nur", Domain::Occupation, 3);
    assert_eq!(typed.first().and_then(|c| c.soc.as_deref()), Some("29-1141"));
    // Batch coding does not complete prefixes: three letters are too few to guess from.
    assert_eq!(m.code("nur", Domain::Occupation).target, None);
}

#[test]
fn one_candidate_per_soc_code() {
    let m = Matcher::build(&corpus());
    let hits = m.search("nurse", Domain::Occupation, 5);
    let socs: Vec<_> = hits.iter().map(|c| c.soc.clone()).collect();
    let mut unique = socs.clone();
    unique.dedup();
    assert_eq!(socs, unique);
    assert_eq!(socs.len(), 1, "{hits:?}");
}

#[test]
fn abstains_on_unknown_words() {
    let m = Matcher::build(&corpus());
    assert!(m.search("zzqx blorf", Domain::Occupation, 3).is_empty());
    let c = m.code("zzqx blorf", Domain::Occupation);
    assert_eq!((c.target, c.best), (None, None));
    assert_eq!(m.code("", Domain::Occupation).target, None);
}

#[test]
fn programs_are_a_separate_domain() {
    let m = Matcher::build(&corpus());
    let p = m.search("welding technology", Domain::Program, 3);
    assert_eq!(p[0].code, "48.0508");
    let n = m.search("registered nurse", Domain::Program, 3);
    assert_eq!(n[0].code, "51.3801");
    assert!(n.iter().all(|c| c.soc.is_none()));
}

fn run(
    input: &[u8],
    format: InputFormat,
    column: Option<&str>,
    chunk: usize,
) -> Vec<(u64, String, RowStatus, Option<String>)> {
    let m = Matcher::build(&corpus());
    let opts = BatchOptions {
        column: column.map(str::to_string),
        chunk_rows: chunk,
        ..BatchOptions::default()
    };
    let mut out = Vec::new();
    batch::run(&m, input, format, &opts, |c| {
        for r in c.rows {
            let code = r.coded.and_then(|c| c.target).map(|t| m.targets()[t as usize].code.clone());
            out.push((r.number, r.text.clone(), r.status, code));
        }
        Ok(())
    })
    .expect("batch runs");
    out
}

#[test]
fn batch_keeps_order_and_reports_bad_rows() {
    let long = "a".repeat(10_000);
    let mut input = Vec::new();
    for line in ["CNC Machinist", "", "staff nurse", &long, "CNC Machinist", "zzqx"] {
        input.extend_from_slice(line.as_bytes());
        input.push(b'\n');
    }
    input.extend_from_slice(b"\xff\xfe welder\r\naccounting clerk");
    for chunk in [1, 2, 1000] {
        let rows = run(&input, InputFormat::Lines, None, chunk);
        let statuses: Vec<RowStatus> = rows.iter().map(|r| r.2).collect();
        assert_eq!(
            statuses,
            [
                RowStatus::Ok,
                RowStatus::Empty,
                RowStatus::Ok,
                RowStatus::TooLong,
                RowStatus::Ok,
                RowStatus::NoMatch,
                RowStatus::InvalidUtf8,
                RowStatus::Ok
            ],
            "chunk {chunk}"
        );
        assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), (1..=8).collect::<Vec<u64>>());
        assert_eq!(rows[0].3.as_deref(), Some("51-4041.00"));
        assert_eq!(rows[4].3, rows[0].3, "cached result equals the first");
        assert_eq!(rows[7].3.as_deref(), Some("43-3031.00"));
        assert!(rows[3].1.len() < 300, "a too-long text is shortened in the output");
    }
}

#[test]
fn batch_csv_jsonl_and_missing_column() {
    let csv = b"id,job_title\n1,CNC Machinist\n2,\n3,\"Tractor Trailer Driver, CDL\"\n4\n";
    let rows = run(csv, InputFormat::Csv, Some("job_title"), 2);
    let statuses: Vec<RowStatus> = rows.iter().map(|r| r.2).collect();
    assert_eq!(statuses, [RowStatus::Ok, RowStatus::Empty, RowStatus::Ok, RowStatus::MissingField]);
    assert_eq!(rows[2].3.as_deref(), Some("53-3032.00"));

    let m = Matcher::build(&corpus());
    let err = batch::run(&m, &csv[..], InputFormat::Csv, &BatchOptions::default(), |_| Ok(()))
        .expect_err("no title column");
    let msg = err.to_string();
    assert!(msg.contains("id, job_title") && msg.contains("--column"), "{msg}");

    let jsonl = b"{\"title\":\"Staff Nurse\"}\n{\"title\":\"CNC Mach\n{\"name\":1}\n[1]\n\n{\"title\":\"Accounting Clerk\"}";
    let rows = run(jsonl, InputFormat::Jsonl, None, 3);
    let statuses: Vec<RowStatus> = rows.iter().map(|r| r.2).collect();
    assert_eq!(
        statuses,
        [
            RowStatus::Ok,
            RowStatus::InvalidJson,
            RowStatus::MissingField,
            RowStatus::InvalidJson,
            RowStatus::Empty,
            RowStatus::Ok
        ]
    );
    assert_eq!(rows[5].3.as_deref(), Some("43-3031.00"));
}
