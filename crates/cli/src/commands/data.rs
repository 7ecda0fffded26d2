//! `trellis data`: build the database from the official files, and say what it was built from.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};
use trellis_store::{BuildStep, ImportOptions, ImportReport, Progress};

use crate::context::Context;
use crate::output::{Format, Table, write_json};

#[derive(Debug, clap::Subcommand)]
pub enum DataCommand {
    /// Build the database from a directory of official files (any layout; searched recursively).
    ///
    /// The new database is built beside the old one and swapped in only when complete: a
    /// failed or interrupted import leaves the previous database as it was.
    Import(ImportArgs),
    /// Show what the database was built from: every input file with its size, sha256,
    /// vintage, reader and row count.
    Status(StatusArgs),
    /// Download the official files from their publishers into a folder, ready to import.
    Fetch(super::fetch::FetchArgs),
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The folder of official files (e.g. the output of `trellis data fetch`).
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Read and validate everything, write nothing.
    #[arg(long)]
    check: bool,
    /// How to print the import report.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub fn run(ctx: &Context, cmd: DataCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        DataCommand::Import(a) => import(ctx, a),
        DataCommand::Status(a) => status(ctx, a),
        DataCommand::Fetch(a) => super::fetch::run(ctx, a),
    }
}

/// The derived tables built inside the same atomic import, in order.
///
/// BUILD STEPS ARE REGISTERED HERE: one line per crate, e.g.
/// `steps.push(Box::new(trellis_align::CrosswalkStep::default()));`
#[allow(clippy::vec_init_then_push)] // one registration line per crate
fn build_steps() -> Vec<Box<dyn BuildStep>> {
    #[allow(unused_mut)]
    let mut steps: Vec<Box<dyn BuildStep>> = Vec::new();
    // The match index prepares in less time than the crosswalk: registered first, it is
    // written while the crosswalk is still computing (neither reads the other's tables).
    steps.push(Box::new(trellis_matching::corpus::MatchIndexStep));
    steps.push(Box::new(trellis_align::DefaultBuild));
    steps
}

fn import(ctx: &Context, args: ImportArgs) -> anyhow::Result<ExitCode> {
    if !args.dir.is_dir() {
        anyhow::bail!(
            "{} is not a directory: give the folder of official files (`trellis data fetch DIR` downloads them)",
            args.dir.display()
        );
    }
    let target = if args.check { None } else { Some(ctx.db_path()?) };
    let steps = build_steps();
    let progress = CliProgress::new();
    static CANCEL: AtomicBool = AtomicBool::new(false);
    // A second Ctrl-C while the build winds down still ends the process at once.
    let _ = ctrlc::set_handler(|| {
        if CANCEL.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    let mut opts = ImportOptions::new(&args.dir, target.as_deref());
    opts.steps = steps.iter().map(|s| s.as_ref()).collect();
    opts.progress = &progress;
    opts.cancel = Some(&CANCEL);
    let report = trellis_store::import(&opts);
    progress.clear();
    let report = report.with_context(|| match &target {
        Some(t) if t.exists() => format!("import failed; {} is unchanged", t.display()),
        Some(_) => "import failed; no database was written".to_string(),
        None => "check failed".to_string(),
    })?;
    print_report(&report, args.format)?;
    Ok(ExitCode::SUCCESS)
}

fn print_report(report: &ImportReport, format: Format) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if format == Format::Json {
        return write_json(&mut out, report);
    }
    let mut table = Table::new([
        "path", "dataset", "vintage", "sheet", "rows", "warnings", "read ms", "write ms",
    ]);
    for f in &report.files {
        table.push([
            f.path.clone(),
            f.dataset.clone(),
            f.vintage.clone(),
            f.sheet.clone().unwrap_or_default(),
            f.rows.to_string(),
            f.warnings.len().to_string(),
            format!("{:.1}", f.read_time.as_secs_f64() * 1e3),
            format!("{:.1}", f.write_time.as_secs_f64() * 1e3),
        ]);
    }
    if format == Format::Csv {
        table.write_csv(&mut out)?;
        return Ok(());
    }
    table.write_text(&mut out)?;
    if !report.skipped.is_empty() {
        writeln!(out, "\nnot read:")?;
        // Files skipped for the same reason (a folder of JSON, say) make one line.
        let mut by_reason: Vec<(&str, Vec<&str>)> = Vec::new();
        for (path, reason) in &report.skipped {
            match by_reason.iter_mut().find(|(r, _)| *r == reason.as_str()) {
                Some((_, paths)) => paths.push(path),
                None => by_reason.push((reason, vec![path])),
            }
        }
        for (reason, paths) in by_reason {
            match paths.as_slice() {
                [one] => writeln!(out, "  {one}: {reason}")?,
                [first, rest @ ..] => writeln!(out, "  {first} and {} more: {reason}", rest.len())?,
                [] => {}
            }
        }
    }
    if !report.unknown_codes.is_empty() {
        writeln!(out, "\ncodes not defined by their classification (kept):")?;
        let mut t = Table::new(["system", "code", "title", "used in", "rows", "stands for"]);
        for u in &report.unknown_codes {
            t.push([
                u.system.clone(),
                u.code.clone(),
                u.title.clone().unwrap_or_default(),
                u.used_in.clone(),
                u.count.to_string(),
                if u.mapped_to.is_empty() { "(unresolved)".into() } else { u.mapped_to.join(" ") },
            ]);
        }
        t.write_text(&mut out)?;
    }
    for s in &report.steps {
        writeln!(out, "build step {}: {:.1} ms", s.name, s.time.as_secs_f64() * 1e3)?;
    }
    let warnings: usize = report.files.iter().map(|f| f.warnings.len()).sum();
    let verb = match &report.target {
        Some(t) => format!("imported into {}", t.display()),
        None => "checked (nothing written)".to_string(),
    };
    writeln!(
        out,
        "\n{} files, {} rows, {} warnings: {verb} in {:.2} s",
        report.files.len(),
        report.total_rows(),
        warnings,
        report.elapsed.as_secs_f64()
    )?;
    Ok(())
}

fn status(ctx: &Context, args: StatusArgs) -> anyhow::Result<ExitCode> {
    let store = ctx.store()?;
    let meta = store.meta()?;
    let sources = store.sources()?;
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            #[derive(serde::Serialize)]
            struct Status<'a> {
                database: String,
                meta: &'a std::collections::BTreeMap<String, String>,
                sources: &'a [trellis_store::SourceFile],
            }
            let s = Status {
                database: store.path().display().to_string(),
                meta: &meta,
                sources: &sources,
            };
            write_json(&mut out, &s)?;
        }
        Format::Csv | Format::Table => {
            let mut t = Table::new([
                "id", "path", "dataset", "vintage", "reader", "sheet", "rows", "bytes", "sha256",
                "warnings",
            ]);
            for s in &sources {
                t.push([
                    s.id.to_string(),
                    s.path.clone(),
                    s.dataset.clone(),
                    s.vintage.clone(),
                    s.reader.clone(),
                    s.sheet.clone().unwrap_or_default(),
                    s.rows.to_string(),
                    s.size.to_string(),
                    if args.format == Format::Csv {
                        s.sha256.clone()
                    } else {
                        s.sha256.chars().take(12).collect()
                    },
                    s.warnings.join("; "),
                ]);
            }
            if args.format == Format::Csv {
                t.write_csv(&mut out)?;
            } else {
                writeln!(out, "database: {}", store.path().display())?;
                for (k, v) in &meta {
                    writeln!(out, "{k}: {v}")?;
                }
                writeln!(out)?;
                t.write_text(&mut out)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Progress bars on a terminal; plain log lines (tracing) otherwise.
struct CliProgress {
    bar: Option<ProgressBar>,
}

impl CliProgress {
    fn new() -> CliProgress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(0);
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {bar:30} {bytes}/{total_bytes} {wide_msg}",
                )
                .expect("valid template"),
            );
            bar
        });
        CliProgress { bar }
    }

    fn clear(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

impl Progress for CliProgress {
    fn started(&self, files: usize, bytes: u64) {
        match &self.bar {
            Some(b) => {
                b.set_length(bytes);
                b.set_message(format!("reading {files} files"));
            }
            None => tracing::info!("reading {files} files ({:.1} MB)", bytes as f64 / 1e6),
        }
    }

    fn file_read(&self, path: &str, bytes: u64) {
        match &self.bar {
            Some(b) => {
                b.inc(bytes);
                b.set_message(path.to_string());
            }
            None => tracing::debug!("read {path}"),
        }
    }

    fn stage(&self, name: &str) {
        match &self.bar {
            Some(b) => b.set_message(name.to_string()),
            None => tracing::info!("{name}"),
        }
    }
}
