//! `trellis data fetch DIR`: download the official files into a folder for `trellis data import`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use trellis_fetch::{
    Action, BUILTIN_SOURCES, DEFAULT_USER_AGENT, FetchOptions, Fetcher, ProgressMode, RetryPolicy,
    SourceList, human_bytes,
};

use crate::context::Context;
use crate::output::{Format, Table, write_json};

/// Download the official files (BLS, O*NET, NCES, Census) into DIR, ready for
/// `trellis data import DIR`.
///
/// Downloads resume where an interrupted run stopped; files already complete and unchanged
/// (per DIR/trellis-manifest.json) are skipped without asking the server.
#[derive(Debug, clap::Args)]
pub struct FetchArgs {
    /// The folder to download into (created if needed).
    #[arg(value_name = "DIR", required_unless_present = "print_sources")]
    dir: Option<PathBuf>,
    /// Fetch only this source (repeatable); `--dry-run` lists the names.
    #[arg(long, value_name = "NAME")]
    only: Vec<String>,
    /// List the sources and the state of each file in DIR; download nothing.
    #[arg(long)]
    dry_run: bool,
    /// Use this source list (TOML) instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    sources: Option<PathBuf>,
    /// Print the built-in source list, to copy and edit for `--sources`, and exit.
    #[arg(long)]
    print_sources: bool,
    /// Ask the publishers whether files already fetched have changed, and download new versions.
    #[arg(long)]
    refresh: bool,
    /// The User-Agent to send. Some publishers (BLS) refuse anonymous clients: include a
    /// contact address, e.g. "State CTE Office (data@example.gov)".
    #[arg(long, env = "TRELLIS_USER_AGENT", value_name = "TEXT", default_value = DEFAULT_USER_AGENT)]
    user_agent: String,
    /// Attempts in a row that may fail before a file is given up.
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=20))]
    retries: u32,
    /// Log lines instead of progress bars, even on a terminal.
    #[arg(long)]
    no_progress: bool,
    /// How to print the listing and the final report.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub fn run(_ctx: &Context, args: FetchArgs) -> anyhow::Result<ExitCode> {
    if args.print_sources {
        print!("{BUILTIN_SOURCES}");
        return Ok(ExitCode::SUCCESS);
    }
    let dir = args.dir.clone().expect("clap requires DIR unless --print-sources");
    let list = match &args.sources {
        Some(path) => SourceList::load(path)?,
        None => SourceList::builtin(),
    };
    let options = FetchOptions {
        user_agent: args.user_agent.clone(),
        retry: RetryPolicy { attempts: args.retries, ..RetryPolicy::default() },
        progress: if args.no_progress { ProgressMode::Lines } else { ProgressMode::detect() },
        refresh: args.refresh,
        connect_timeout: Duration::from_secs(30),
        read_timeout: Duration::from_secs(60),
    };
    let fetcher = Fetcher::new(&dir, list, options);
    if args.dry_run {
        return dry_run(&fetcher, &args);
    }

    let report = fetcher.fetch(&args.only)?;
    let mut table = Table::new(["name", "result", "size", "file"]);
    let mut json = Vec::new();
    for item in &report.items {
        match &item.result {
            Ok(done) => {
                let result = match done.action {
                    Action::Downloaded => "downloaded".to_string(),
                    Action::Resumed { from } => {
                        format!("downloaded (resumed at {})", human_bytes(from))
                    }
                    Action::UpToDate => "up to date".to_string(),
                    Action::NotModified => "unchanged at the publisher".to_string(),
                    Action::Unpacked => "unpacked again".to_string(),
                };
                let size = if done.members > 0 {
                    format!(
                        "{} ({} {})",
                        human_bytes(done.size),
                        done.members,
                        if done.members == 1 { "file" } else { "files" }
                    )
                } else {
                    human_bytes(done.size)
                };
                table.push([item.name.clone(), result, size, item.file.clone()]);
                json.push(serde_json::json!({
                    "name": item.name, "file": item.file, "ok": true, "action": action_key(done.action),
                    "size": done.size, "sha256": done.sha256, "members": done.members,
                }));
            }
            Err(e) => {
                table.push([item.name.clone(), "FAILED".into(), String::new(), item.file.clone()]);
                json.push(serde_json::json!({
                    "name": item.name, "file": item.file, "ok": false, "error": e.to_string(),
                }));
            }
        }
    }
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Table => table.write_text(&mut out)?,
        Format::Csv => table.write_csv(&mut out)?,
        Format::Json => write_json(&mut out, &json)?,
    }
    out.flush()?;

    let failures: Vec<_> = report.failures().collect();
    if failures.is_empty() {
        eprintln!(
            "All {} files are in {}; the manifest is {}. Next: trellis data import {}",
            report.items.len(),
            dir.display(),
            trellis_fetch::Manifest::path(&dir).display(),
            dir.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let names: Vec<&str> = failures.iter().map(|(name, _)| *name).collect();
    eprintln!(
        "error: {} of {} files could not be fetched ({}; the reasons are above). What was \
         downloaded is kept, and running the same command again resumes the rest.",
        failures.len(),
        report.items.len(),
        names.join(", ")
    );
    Ok(ExitCode::FAILURE)
}

fn dry_run(fetcher: &Fetcher, args: &FetchArgs) -> anyhow::Result<ExitCode> {
    let planned = fetcher.plan(&args.only)?;
    let mut out = std::io::stdout().lock();
    if args.format == Format::Json {
        let rows: Vec<_> = planned
            .iter()
            .map(|p| {
                serde_json::json!({
                    "name": p.source.name, "dataset": p.source.dataset, "url": p.source.url,
                    "file": p.source.file, "unpack": p.source.unpack, "sha256": p.source.sha256,
                    "note": p.source.note, "state": p.state.describe(),
                })
            })
            .collect();
        write_json(&mut out, &rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut table = Table::new(["name", "state", "file", "url"]);
    for p in &planned {
        let file = if p.source.unpack {
            format!("{} (unpacked)", p.source.file)
        } else {
            p.source.file.clone()
        };
        table.push([p.source.name.clone(), p.state.describe(), file, p.source.url.clone()]);
    }
    match args.format {
        Format::Csv => table.write_csv(&mut out)?,
        _ => table.write_text(&mut out)?,
    }
    out.flush()?;
    eprintln!(
        "{} sources from {}, into {}. Nothing was downloaded (--dry-run).",
        planned.len(),
        fetcher.list().origin,
        fetcher.dir().display()
    );
    Ok(ExitCode::SUCCESS)
}

fn action_key(action: Action) -> &'static str {
    match action {
        Action::Downloaded => "downloaded",
        Action::Resumed { .. } => "resumed",
        Action::UpToDate => "up_to_date",
        Action::NotModified => "not_modified",
        Action::Unpacked => "unpacked",
    }
}
