//! `trellis match` (titles and program names to SOC/CIP and clusters, one text or a whole
//! file) and `trellis postings analyze` (a file of job postings by cluster, occupation and
//! skill).

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};
use trellis_framework::Framework;
use trellis_matching::batch::{self, BatchOptions, InputFormat, Row};
use trellis_matching::postings::{Analysis, Analyzer, Posting, read_postings};
use trellis_matching::skills::SkillDictionary;
use trellis_matching::{Domain, Matcher, Target};

use crate::context::Context;
use crate::output::{Table, write_json};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// Job titles and posting titles → occupations (SOC 2018 / O*NET-SOC).
    Title,
    /// Program and course names → programs (CIP 2020).
    Program,
}

impl Kind {
    fn domain(self) -> Domain {
        match self {
            Kind::Title => Domain::Occupation,
            Kind::Program => Domain::Program,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MatchFormat {
    /// Aligned columns (one text; the default).
    Table,
    /// Tab-separated values with a header row (the default for --input).
    Tsv,
    /// Comma-separated values with a header row.
    Csv,
    /// JSON (one text) or one JSON object per line (--input).
    Json,
    /// One JSON object per line.
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InFormat {
    /// One text per line.
    Lines,
    Csv,
    Tsv,
    Jsonl,
}

impl From<InFormat> for InputFormat {
    fn from(f: InFormat) -> InputFormat {
        match f {
            InFormat::Lines => InputFormat::Lines,
            InFormat::Csv => InputFormat::Csv,
            InFormat::Tsv => InputFormat::Tsv,
            InFormat::Jsonl => InputFormat::Jsonl,
        }
    }
}

/// Code a job title (or a program name with --kind program) to the framework, or a whole
/// file of them with --input.
///
/// Examples: `trellis match "cnc machinist"`, `trellis match --kind program "welding
/// technology"`, `trellis match --input titles.csv --column job_title --format csv`.
#[derive(Debug, clap::Args)]
pub struct MatchArgs {
    /// The title or program name (several words need no quotes).
    #[arg(value_name = "TEXT", required_unless_present = "input")]
    text: Vec<String>,
    /// What the text names.
    #[arg(long, value_enum, default_value_t = Kind::Title)]
    kind: Kind,
    /// How many candidates to show for one text.
    #[arg(long, short = 'n', default_value_t = 5)]
    top: usize,
    /// Code every record of FILE (`-` for standard input): a plain list, CSV, TSV or JSONL
    /// (told by the extension, or by --input-format).
    #[arg(long, value_name = "FILE", conflicts_with = "text")]
    input: Option<PathBuf>,
    /// The CSV/TSV column or JSONL field with the text (default: `title`, or the only column).
    #[arg(long, value_name = "NAME", requires = "input")]
    column: Option<String>,
    /// The format of --input when its extension does not say.
    #[arg(long, value_enum, requires = "input")]
    input_format: Option<InFormat>,
    /// Output format: table or json for one text; tsv (default), csv or jsonl for --input.
    #[arg(long, value_enum)]
    format: Option<MatchFormat>,
    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Leave the code empty when the confidence is below this (0..1; default 0.2).
    #[arg(long, value_name = "SCORE")]
    min_score: Option<f32>,
}

#[derive(Debug, clap::Subcommand)]
pub enum PostingsCommand {
    /// Count a file of job postings (JSONL or CSV with `title`, optional `description` and
    /// `location`) by cluster, sub-cluster and occupation, with the technologies and skills
    /// their descriptions mention per cluster.
    Analyze(AnalyzeArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AnalyzeFormat {
    Table,
    Csv,
    Json,
    /// An Excel workbook, one sheet per table (needs --output).
    Xlsx,
}

#[derive(Debug, clap::Args)]
pub struct AnalyzeArgs {
    /// The postings file (`.jsonl` or `.csv`/`.tsv`; `-` for standard input as JSONL).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The format of FILE when its extension does not say.
    #[arg(long, value_enum)]
    input_format: Option<InFormat>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AnalyzeFormat::Table)]
    format: AnalyzeFormat,
    /// Write to FILE instead of standard output (required for xlsx).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Titles per occupation and skills per cluster to list.
    #[arg(long, default_value_t = 10)]
    top: usize,
}

fn load_matcher(ctx: &Context, min_score: Option<f32>) -> anyhow::Result<Matcher> {
    let store = ctx.store()?;
    let mut m = trellis_matching::corpus::matcher(store.conn())?;
    if let Some(s) = min_score {
        anyhow::ensure!((0.0..=1.0).contains(&s), "--min-score is a confidence between 0 and 1");
        let mut p = m.params().clone();
        p.abstain_below = s;
        m.set_params(p);
    }
    Ok(m)
}

fn cluster_name(id: Option<&str>) -> String {
    let fw = Framework::builtin();
    id.map(|id| fw.cluster(id).map_or(id.to_string(), |c| c.name.clone())).unwrap_or_default()
}

fn sub_cluster_name(id: Option<&str>) -> String {
    let fw = Framework::builtin();
    id.map(|id| fw.sub_cluster(id).map_or(id.to_string(), |c| c.name.clone())).unwrap_or_default()
}

fn open_output(path: Option<&Path>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => Box::new(BufWriter::new(
            File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    })
}

pub fn run_match(ctx: &Context, args: MatchArgs) -> anyhow::Result<ExitCode> {
    let matcher = load_matcher(ctx, args.min_score)?;
    match &args.input {
        Some(path) => run_batch(&matcher, &args, path),
        None => run_one(&matcher, &args),
    }
}

fn run_one(m: &Matcher, args: &MatchArgs) -> anyhow::Result<ExitCode> {
    let text = args.text.join(" ");
    let domain = args.kind.domain();
    let hits = m.search_with(&text, domain, args.top.max(1), false);
    let mut out = open_output(args.output.as_deref())?;
    let threshold = m.params().abstain_below;
    let format = args.format.unwrap_or(MatchFormat::Table);
    if format == MatchFormat::Json || format == MatchFormat::Jsonl {
        let rows: Vec<serde_json::Value> = hits
            .iter()
            .map(|c| {
                serde_json::json!({
                    "code": c.code, "soc": c.soc, "title": c.title, "score": round3(c.score),
                    "cluster": cluster_name(c.cluster.as_deref()),
                    "sub_cluster": sub_cluster_name(c.sub_cluster.as_deref()),
                    "cluster_id": c.cluster, "sub_cluster_id": c.sub_cluster, "why": c.why(),
                })
            })
            .collect();
        let abstained = hits.first().is_none_or(|c| c.score < threshold);
        write_json(
            &mut out,
            &serde_json::json!({
                "query": text, "normalized": m.normalize(&text), "kind": domain.as_str(),
                "abstained": abstained, "threshold": threshold, "candidates": rows,
            }),
        )?;
        out.flush()?;
        return Ok(if hits.is_empty() { ExitCode::FAILURE } else { ExitCode::SUCCESS });
    }
    let mut table = match domain {
        Domain::Occupation => {
            Table::new(["soc", "onet_soc", "title", "score", "cluster", "sub_cluster", "why"])
        }
        Domain::Program => Table::new(["cip", "title", "score", "cluster", "sub_cluster", "why"]),
    };
    for c in &hits {
        let cl = cluster_name(c.cluster.as_deref());
        let sc = sub_cluster_name(c.sub_cluster.as_deref());
        let score = format!("{:.2}", c.score);
        match domain {
            Domain::Occupation => table.push([
                c.soc.clone().unwrap_or_default(),
                if c.code.len() > 7 { c.code.clone() } else { String::new() },
                c.title.clone(),
                score,
                cl,
                sc,
                c.why(),
            ]),
            Domain::Program => {
                table.push([c.code.clone(), c.title.clone(), score, cl, sc, c.why()])
            }
        }
    }
    if format == MatchFormat::Table {
        table.write_text(&mut out)?;
    } else if format == MatchFormat::Csv {
        table.write_csv(&mut out)?;
    } else {
        write_delimited(&table, &mut out)?;
    }
    out.flush()?;
    if hits.is_empty() {
        eprintln!(
            "no match: none of the words of {text:?} is known to the index (normalized: {:?}); \
             try the full title without codes or abbreviations",
            m.normalize(&text)
        );
        return Ok(ExitCode::FAILURE);
    }
    if hits[0].score < threshold {
        eprintln!(
            "note: the best candidate's confidence {:.2} is below the threshold {threshold:.2}; \
             batch coding would leave this text uncoded",
            hits[0].score
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn write_delimited(table: &Table, out: &mut dyn Write) -> std::io::Result<()> {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    writeln!(out, "{}", table.headers.join("\t"))?;
    for r in &table.rows {
        let cells: Vec<String> = r.iter().map(|c| clean(c)).collect();
        writeln!(out, "{}", cells.join("\t"))?;
    }
    Ok(())
}

fn round3(x: f32) -> f64 {
    (x as f64 * 1000.0).round() / 1000.0
}

/// The output of a batch: one row per input record, whatever happened to it.
struct BatchWriter<'a> {
    format: MatchFormat,
    domain: Domain,
    targets: &'a [Target],
    out: Box<dyn Write>,
    csv: Option<csv::Writer<Box<dyn Write>>>,
    /// Per target, its TSV cells before and after the score, built on first use: a big file
    /// codes to a few thousand targets, and building ten cells per row was the cost of a run.
    tsv_cells: Vec<Option<(String, String)>>,
}

impl BatchWriter<'_> {
    fn headers(&self) -> Vec<&'static str> {
        match self.domain {
            Domain::Occupation => vec![
                "row",
                "title",
                "soc",
                "onet_soc",
                "occupation",
                "score",
                "cluster",
                "sub_cluster",
                "status",
            ],
            Domain::Program => {
                vec!["row", "title", "cip", "program", "score", "cluster", "sub_cluster", "status"]
            }
        }
    }

    fn cells(&self, r: &Row) -> Vec<String> {
        let target = r.coded.and_then(|c| c.target).map(|t| &self.targets[t as usize]);
        let score = r.coded.map(|c| format!("{:.3}", c.score)).unwrap_or_default();
        let cl = cluster_name(target.and_then(|t| t.cluster.as_deref()));
        let sc = sub_cluster_name(target.and_then(|t| t.sub_cluster.as_deref()));
        let mut v = vec![r.number.to_string(), r.text.clone()];
        match self.domain {
            Domain::Occupation => {
                v.push(target.and_then(|t| t.soc.clone()).unwrap_or_default());
                v.push(
                    target.filter(|t| t.code.len() > 7).map(|t| t.code.clone()).unwrap_or_default(),
                );
            }
            Domain::Program => v.push(target.map(|t| t.code.clone()).unwrap_or_default()),
        }
        v.push(target.map(|t| t.title.clone()).unwrap_or_default());
        v.extend([score, cl, sc, r.status.as_str().to_string()]);
        v
    }

    fn start(&mut self) -> anyhow::Result<()> {
        let headers = self.headers();
        match self.format {
            MatchFormat::Csv => self.csv.as_mut().expect("csv writer").write_record(&headers)?,
            MatchFormat::Json | MatchFormat::Jsonl => {}
            _ => writeln!(self.out, "{}", headers.join("\t"))?,
        }
        Ok(())
    }

    fn write(&mut self, rows: &[Row]) -> std::io::Result<()> {
        if !matches!(self.format, MatchFormat::Csv | MatchFormat::Json | MatchFormat::Jsonl) {
            return self.write_tsv(rows);
        }
        let headers = self.headers();
        for r in rows {
            let cells = self.cells(r);
            match self.format {
                MatchFormat::Csv => {
                    self.csv.as_mut().expect("csv writer").write_record(&cells)?;
                }
                MatchFormat::Json | MatchFormat::Jsonl => {
                    let mut obj = serde_json::Map::new();
                    for (h, c) in headers.iter().zip(cells) {
                        let v = match *h {
                            "row" => serde_json::Value::from(r.number),
                            "score" => c
                                .parse::<f64>()
                                .map_or(serde_json::Value::Null, serde_json::Value::from),
                            _ => serde_json::Value::from(c),
                        };
                        obj.insert(h.to_string(), v);
                    }
                    serde_json::to_writer(&mut self.out, &obj)?;
                    self.out.write_all(b"\n")?;
                }
                _ => unreachable!("TSV rows are written by write_tsv"),
            }
        }
        Ok(())
    }

    /// The TSV rows, cell for cell what `cells` gives with tabs and line breaks as spaces.
    fn write_tsv(&mut self, rows: &[Row]) -> std::io::Result<()> {
        let clean = |c: &str| c.replace(['\t', '\n', '\r'], " ");
        let n_middle = match self.domain {
            Domain::Occupation => 3,
            Domain::Program => 2,
        };
        for r in rows {
            let target = r.coded.and_then(|c| c.target);
            let (before, after) = match target {
                Some(t) => {
                    let t = t as usize;
                    if self.tsv_cells.len() <= t {
                        self.tsv_cells.resize(t + 1, None);
                    }
                    if self.tsv_cells[t].is_none() {
                        let cells = self.cells(&Row {
                            number: 0,
                            text: String::new(),
                            status: r.status,
                            coded: r.coded,
                        });
                        let m: Vec<String> =
                            cells[2..2 + n_middle].iter().map(|c| clean(c)).collect();
                        let a: Vec<String> =
                            cells[3 + n_middle..5 + n_middle].iter().map(|c| clean(c)).collect();
                        self.tsv_cells[t] = Some((m.join("\t"), a.join("\t")));
                    }
                    let (b, a) = self.tsv_cells[t].as_ref().expect("filled above");
                    (b.as_str(), a.as_str())
                }
                None if n_middle == 3 => ("\t\t", "\t"),
                None => ("\t", "\t"),
            };
            let text = if r.text.contains(['\t', '\n', '\r']) {
                std::borrow::Cow::Owned(clean(&r.text))
            } else {
                std::borrow::Cow::Borrowed(r.text.as_str())
            };
            write!(self.out, "{}\t{text}\t{before}\t", r.number)?;
            if let Some(c) = r.coded {
                write!(self.out, "{:.3}", c.score)?;
            }
            writeln!(self.out, "\t{after}\t{}", r.status.as_str())?;
        }
        Ok(())
    }

    fn finish(mut self) -> std::io::Result<()> {
        if let Some(mut w) = self.csv.take() {
            w.flush()?;
        }
        self.out.flush()
    }
}

fn run_batch(m: &Matcher, args: &MatchArgs, path: &Path) -> anyhow::Result<ExitCode> {
    let stdin = path.as_os_str() == "-";
    let format = args
        .input_format
        .map(InputFormat::from)
        .unwrap_or_else(|| if stdin { InputFormat::Lines } else { InputFormat::from_path(path) });
    let (input, size): (Box<dyn Read>, Option<u64>) = if stdin {
        (Box::new(std::io::stdin().lock()), None)
    } else {
        let f = File::open(path).with_context(|| {
            format!(
                "cannot open {}: give an existing file of titles, or - for standard input",
                path.display()
            )
        })?;
        let size = f.metadata().ok().map(|m| m.len());
        (Box::new(f), size)
    };
    let out_format = match args.format.unwrap_or(MatchFormat::Tsv) {
        MatchFormat::Table => MatchFormat::Tsv,
        f => f,
    };
    let out = open_output(args.output.as_deref())?;
    let mut writer = BatchWriter {
        format: out_format,
        domain: args.kind.domain(),
        targets: m.targets(),
        csv: None,
        out: Box::new(std::io::sink()),
        tsv_cells: Vec::new(),
    };
    if out_format == MatchFormat::Csv {
        writer.csv = Some(csv::Writer::from_writer(out));
    } else {
        writer.out = out;
    }
    let opts = BatchOptions {
        domain: args.kind.domain(),
        column: args.column.clone(),
        ..BatchOptions::default()
    };
    let bar = (std::io::stderr().is_terminal() && size.is_some_and(|s| s > 1 << 20)).then(|| {
        let b = ProgressBar::new(size.unwrap_or(0));
        b.set_style(
            ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {per_sec} eta {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b
    });
    writer.start()?;
    let summary = batch::run(m, input, format, &opts, |chunk| {
        writer.write(chunk.rows)?;
        if let Some(b) = &bar {
            b.set_position(chunk.bytes_read);
        }
        Ok(())
    })
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    writer.finish()?;
    eprintln!(
        "{} rows: {} coded, {} below the confidence threshold, {} with no known word, {} unreadable (see the status column)",
        summary.rows, summary.coded, summary.abstained, summary.no_match, summary.bad
    );
    Ok(ExitCode::SUCCESS)
}

pub fn postings(ctx: &Context, cmd: PostingsCommand) -> anyhow::Result<ExitCode> {
    let PostingsCommand::Analyze(args) = cmd;
    if args.format == AnalyzeFormat::Xlsx && args.output.is_none() {
        anyhow::bail!("--format xlsx writes a workbook: give --output FILE.xlsx");
    }
    let store = ctx.store()?;
    let matcher = trellis_matching::corpus::matcher(store.conn())?;
    let skills = SkillDictionary::from_db(store.conn())?;
    let stdin = args.file.as_os_str() == "-";
    let format = args.input_format.map(InputFormat::from).unwrap_or_else(|| {
        if stdin { InputFormat::Jsonl } else { InputFormat::from_path(&args.file) }
    });
    let input: Box<dyn Read> = if stdin {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(File::open(&args.file).with_context(|| {
            format!("cannot open {}: give a JSONL or CSV file of postings", args.file.display())
        })?)
    };
    let mut analyzer = Analyzer::new(&matcher, &skills);
    let mut chunk: Vec<Option<Posting>> = Vec::with_capacity(8192);
    read_postings(input, format, |p| {
        chunk.push(p);
        if chunk.len() == 8192 {
            analyzer.add(&chunk);
            chunk.clear();
        }
        Ok(())
    })
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    analyzer.add(&chunk);
    let a = analyzer.finish(args.top);
    write_analysis(&a, &args)?;
    Ok(ExitCode::SUCCESS)
}

fn analysis_tables(a: &Analysis) -> Vec<(&'static str, Table)> {
    let mut clusters = Table::new(["cluster", "postings", "share"]);
    for c in &a.clusters {
        clusters.push([cluster_label(&c.id), c.postings.to_string(), format!("{:.3}", c.share)]);
    }
    let mut subs = Table::new(["cluster", "sub_cluster", "postings", "share"]);
    let fw = Framework::builtin();
    for c in &a.sub_clusters {
        let cl = fw.sub_cluster(&c.id).map(|s| cluster_name(Some(&s.cluster))).unwrap_or_default();
        subs.push([
            cl,
            sub_cluster_name(Some(&c.id)),
            c.postings.to_string(),
            format!("{:.3}", c.share),
        ]);
    }
    let mut occ = Table::new(["soc", "occupation", "postings", "title", "title_postings"]);
    for o in &a.occupations {
        for (t, n) in &o.top_titles {
            occ.push([
                o.soc.clone(),
                o.title.clone(),
                o.postings.to_string(),
                t.clone(),
                n.to_string(),
            ]);
        }
    }
    let mut skills = Table::new(["cluster", "skill", "kind", "postings", "share"]);
    for s in &a.skills {
        skills.push([
            cluster_label(&s.cluster),
            s.skill.clone(),
            s.kind.to_string(),
            s.postings.to_string(),
            format!("{:.3}", s.share),
        ]);
    }
    vec![("clusters", clusters), ("sub_clusters", subs), ("occupations", occ), ("skills", skills)]
}

fn cluster_label(id: &str) -> String {
    if id == "unassigned" { "(no cluster in the crosswalk)".into() } else { cluster_name(Some(id)) }
}

fn write_analysis(a: &Analysis, args: &AnalyzeArgs) -> anyhow::Result<()> {
    let summary = format!(
        "{} postings: {} coded, {} too uncertain to code, {} unreadable, {} coded to an occupation without a cluster",
        a.postings, a.coded, a.abstained, a.unreadable, a.no_cluster
    );
    let tables = analysis_tables(a);
    match args.format {
        AnalyzeFormat::Xlsx => {
            let path = args.output.as_ref().expect("checked above");
            let mut wb = rust_xlsxwriter::Workbook::new();
            for (name, t) in &tables {
                let ws = wb.add_worksheet();
                ws.set_name(*name)?;
                for (c, h) in t.headers.iter().enumerate() {
                    ws.write_string(0, c as u16, h)?;
                }
                for (r, row) in t.rows.iter().enumerate() {
                    for (c, cell) in row.iter().enumerate() {
                        match cell.parse::<f64>() {
                            Ok(n) if !t.headers[c].contains("soc") => {
                                ws.write_number(r as u32 + 1, c as u16, n)?
                            }
                            _ => ws.write_string(r as u32 + 1, c as u16, cell)?,
                        };
                    }
                }
            }
            wb.save(path).with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("{summary}; wrote {}", path.display());
        }
        AnalyzeFormat::Json => {
            let mut out = open_output(args.output.as_deref())?;
            let mut v = serde_json::to_value(a)?;
            let names: serde_json::Map<String, serde_json::Value> = a
                .clusters
                .iter()
                .map(|c| (c.id.clone(), serde_json::Value::from(cluster_label(&c.id))))
                .collect();
            v["cluster_names"] = serde_json::Value::Object(names);
            write_json(&mut out, &v)?;
            out.flush()?;
        }
        AnalyzeFormat::Csv => {
            let mut out = open_output(args.output.as_deref())?;
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record([
                "section",
                "cluster",
                "sub_cluster",
                "soc",
                "occupation",
                "item",
                "kind",
                "postings",
                "share",
            ])?;
            for c in &a.clusters {
                w.write_record([
                    "cluster",
                    &cluster_label(&c.id),
                    "",
                    "",
                    "",
                    "",
                    "",
                    &c.postings.to_string(),
                    &format!("{:.4}", c.share),
                ])?;
            }
            let fw = Framework::builtin();
            for c in &a.sub_clusters {
                let cl = fw
                    .sub_cluster(&c.id)
                    .map(|s| cluster_name(Some(&s.cluster)))
                    .unwrap_or_default();
                w.write_record([
                    "sub_cluster",
                    &cl,
                    &sub_cluster_name(Some(&c.id)),
                    "",
                    "",
                    "",
                    "",
                    &c.postings.to_string(),
                    &format!("{:.4}", c.share),
                ])?;
            }
            for o in &a.occupations {
                for (t, n) in &o.top_titles {
                    w.write_record(["title", "", "", &o.soc, &o.title, t, "", &n.to_string(), ""])?;
                }
            }
            for s in &a.skills {
                w.write_record([
                    "skill",
                    &cluster_label(&s.cluster),
                    "",
                    "",
                    "",
                    &s.skill,
                    s.kind,
                    &s.postings.to_string(),
                    &format!("{:.4}", s.share),
                ])?;
            }
            w.flush()?;
            drop(w);
            out.flush()?;
        }
        AnalyzeFormat::Table => {
            let mut out = open_output(args.output.as_deref())?;
            writeln!(out, "{summary}\n")?;
            for (name, t) in &tables {
                writeln!(out, "{}", name.replace('_', "-"))?;
                t.write_text(&mut out)?;
                writeln!(out)?;
            }
            out.flush()?;
        }
    }
    Ok(())
}
