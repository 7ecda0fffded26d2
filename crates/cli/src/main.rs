//! `trellis`: the National Career Clusters Framework from the official public data.
//!
//! Each subcommand lives in its own module under `commands/`; this file only wires them up.

mod commands;
mod context;
mod output;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::context::Context;

// The import reads on every core and many small strings and rows pass between threads: with
// per-thread heaps this costs far less than the C library's allocator (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Trellis turns the National Career Clusters® Framework (Advance CTE, 2024) into working
/// software: the framework itself, the official labor-market and classification data behind it,
/// and the crosswalk between clusters, occupations (SOC), programs (CIP) and industries (NAICS).
///
/// Start with `trellis framework` to see the clusters, `trellis data import DIR` to build the
/// database from the official files, then `trellis occupation 15-1252` or `trellis serve`.
#[derive(Debug, Parser)]
#[command(name = "trellis", version, propagate_version = true, max_term_width = 100)]
struct Cli {
    /// The Trellis database to read or write. Defaults to $TRELLIS_DB, then to
    /// `trellis.sqlite` in the platform's user data directory.
    #[arg(long, global = true, env = "TRELLIS_DB", value_name = "PATH")]
    db: Option<std::path::PathBuf>,

    /// Print less: only warnings and errors.
    #[arg(long, short, global = true)]
    quiet: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Show the framework: groupings, clusters and sub-clusters, cross-cutting clusters marked.
    Framework(commands::framework::FrameworkArgs),
    /// Everything known about one cluster, by name (any spelling) or id.
    Cluster(commands::framework::ClusterArgs),
    /// The 2002 → 2024 crosswalk of clusters, optionally for one 2002 cluster.
    #[command(name = "crosswalk-2002")]
    Crosswalk2002(commands::framework::Crosswalk2002Args),
    /// Find the framework entity (grouping, cluster, sub-cluster, 2002 cluster or pathway) a name refers to.
    Resolve(commands::framework::ResolveArgs),
    /// A state profile: CTE certification codes, HSHWID definitions.
    State(commands::framework::StateArgs),
    /// Import, check, fetch and describe the official data files.
    #[command(subcommand)]
    Data(commands::data::DataCommand),
    /// One occupation (SOC 2018 code): title, definition, O*NET detail, employment, wages, projections.
    Occupation(commands::lookup::OccupationArgs),
    /// One program (CIP 2020 code): title, definition, related occupations.
    Program(commands::lookup::ProgramArgs),
    /// One industry (NAICS 2022 code): title, description, levels.
    Industry(commands::lookup::IndustryArgs),
    /// Build, show, explain, export and compare the Cluster–Sub-Cluster–SOC–CIP–NAICS crosswalk.
    #[command(subcommand)]
    Crosswalk(commands::crosswalk::CrosswalkCommand),
    /// Labor-market profiles of a cluster, sub-cluster or occupation, for the nation or a state.
    #[command(subcommand)]
    Profile(commands::labor::ProfileCommand),
    /// High-skill, high-wage, in-demand occupations for a state (Perkins V).
    Hshwid(commands::labor::HshwidArgs),
    /// Regional cluster analysis of a state: location quotients and specialized clusters.
    Region(commands::labor::RegionArgs),
    /// Code job titles or program names to occupations (SOC) or programs (CIP) and clusters.
    Match(commands::matching::MatchArgs),
    /// Analyze a file of job postings by cluster, occupation and skill.
    #[command(subcommand)]
    Postings(commands::matching::PostingsCommand),
    /// Serve the web application and JSON API.
    Serve(commands::serve::ServeArgs),
}

fn main() -> ExitCode {
    // Before any command opens a database: SQLite takes these settings only before it starts.
    trellis_store::tune_sqlite();
    let cli = Cli::parse();
    context::init_logging(cli.quiet);
    let ctx = Context::new(cli.db);
    let result = match cli.command {
        Command::Framework(a) => commands::framework::framework(&ctx, a),
        Command::Cluster(a) => commands::framework::cluster(&ctx, a),
        Command::Crosswalk2002(a) => commands::framework::crosswalk_2002(&ctx, a),
        Command::Resolve(a) => commands::framework::resolve(&ctx, a),
        Command::State(a) => commands::framework::state(&ctx, a),
        Command::Data(c) => commands::data::run(&ctx, c),
        Command::Occupation(a) => commands::lookup::occupation(&ctx, a),
        Command::Program(a) => commands::lookup::program(&ctx, a),
        Command::Industry(a) => commands::lookup::industry(&ctx, a),
        Command::Crosswalk(c) => commands::crosswalk::run(&ctx, c),
        Command::Profile(c) => commands::labor::profile(&ctx, c),
        Command::Hshwid(a) => commands::labor::hshwid(&ctx, a),
        Command::Region(a) => commands::labor::region(&ctx, a),
        Command::Match(a) => commands::matching::run_match(&ctx, a),
        Command::Postings(c) => commands::matching::postings(&ctx, c),
        Command::Serve(a) => commands::serve::run(&ctx, a),
    };
    match result {
        Ok(code) => code,
        // A reader that stops early (`trellis ... | head`) is not an error worth a message.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let io = cause.downcast_ref::<std::io::Error>().or_else(|| {
            cause.downcast_ref::<csv::Error>().and_then(|e| match e.kind() {
                csv::ErrorKind::Io(io) => Some(io),
                _ => None,
            })
        });
        // Some library errors carry the I/O error as text only.
        io.is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || (io.is_none() && cause.to_string().ends_with("Broken pipe (os error 32)"))
    })
}
