//! `trellis crosswalk`: build, show, explain, export and compare the Cluster – Sub-Cluster –
//! SOC – CIP – NAICS crosswalk (crate `trellis-align`; the method is in docs/METHOD.md).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use trellis_align::export::{self, Shape};
use trellis_align::{Overrides, Params, Taxonomy, diff, explain, persist};

use crate::context::Context;
use crate::output::{Format, Table, write_json};

#[derive(Debug, clap::Subcommand)]
pub enum CrosswalkCommand {
    /// Build the crosswalk from the imported data and store it as the current build.
    ///
    /// Every build is kept with its inputs' sha256 and parameters; `crosswalk builds` lists them.
    Build(BuildArgs),
    /// List the stored builds.
    Builds(FormatArgs),
    /// Show assignments, filtered by cluster, sub-cluster, occupation or program.
    Show(ShowArgs),
    /// Explain one occupation (SOC, e.g. 15-1252) or program (CIP, e.g. 51.3801) in words.
    Explain(ExplainArgs),
    /// Export the crosswalk: per SOC, per CIP, or long (Cluster × Sub-Cluster × SOC × CIP × NAICS).
    Export(ExportArgs),
    /// Compare two builds (ids), or a build with a crosswalk file (CSV or XLSX).
    ///
    /// `trellis crosswalk diff current state.xlsx` reports how many occupations the file puts
    /// in the same cluster and sub-cluster, and lists those that moved with the evidence.
    Diff(DiffArgs),
    /// Print the default parameters file (a starting point for `build --params`).
    Params,
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// A parameters file (TOML); keys it leaves out keep their defaults (`crosswalk params`).
    #[arg(long, value_name = "FILE")]
    params: Option<PathBuf>,
    /// A state overrides file (TOML, `[[override]] soc = .. (or cip = ..) cluster = .. sub_cluster = .. reason = ..`).
    #[arg(long, value_name = "FILE")]
    overrides: Option<PathBuf>,
    /// A label stored with the build.
    #[arg(long, default_value = "default")]
    label: String,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

#[derive(Debug, clap::Args)]
pub struct FormatArgs {
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// A cluster, by any spelling of its name or its id.
    #[arg(long)]
    cluster: Option<String>,
    /// A sub-cluster, by any spelling of its name or its id.
    #[arg(long)]
    sub_cluster: Option<String>,
    /// An occupation (SOC 2018 code).
    #[arg(long)]
    soc: Option<String>,
    /// A program (CIP 2020 code).
    #[arg(long)]
    cip: Option<String>,
    /// Primary assignments only.
    #[arg(long)]
    primary: bool,
    /// A stored build id (default: the current build).
    #[arg(long)]
    build: Option<i64>,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// A SOC code (15-1252) or CIP code (51.3801).
    code: String,
    #[arg(long)]
    build: Option<i64>,
    /// `json` prints the stored evidence.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ShapeArg {
    Long,
    Soc,
    Cip,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    Xlsx,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value = "soc")]
    shape: ShapeArg,
    #[arg(long, value_enum, default_value = "csv")]
    format: ExportFormat,
    /// The file to write (default: standard output; required for xlsx).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    #[arg(long)]
    build: Option<i64>,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// A build id, or `current`.
    a: String,
    /// A build id, `current`, or a crosswalk file (CSV or XLSX with SOC, cluster and sub-cluster columns).
    b: String,
    /// How many moved occupations to list.
    #[arg(long, default_value_t = 40)]
    limit: usize,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub fn run(ctx: &Context, cmd: CrosswalkCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        CrosswalkCommand::Build(a) => build(ctx, a),
        CrosswalkCommand::Builds(a) => builds(ctx, a),
        CrosswalkCommand::Show(a) => show(ctx, a),
        CrosswalkCommand::Explain(a) => explain_cmd(ctx, a),
        CrosswalkCommand::Export(a) => export_cmd(ctx, a),
        CrosswalkCommand::Diff(a) => diff_cmd(ctx, a),
        CrosswalkCommand::Params => {
            print!("{}", trellis_align::params::DEFAULT_PARAMS);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn open(ctx: &Context) -> anyhow::Result<trellis_align::Connection> {
    Ok(trellis_align::open_database(&ctx.db_path()?)?)
}

fn load(ctx: &Context, build: Option<i64>) -> anyhow::Result<(Taxonomy, trellis_align::Crosswalk)> {
    let conn = open(ctx)?;
    let id = match build {
        Some(id) => id,
        None => persist::current(&conn)?,
    };
    Ok((Taxonomy::framework(), persist::load(&conn, id)?))
}

fn build(ctx: &Context, a: BuildArgs) -> anyhow::Result<ExitCode> {
    let tax = Taxonomy::framework();
    let params = match &a.params {
        Some(p) => Params::from_toml(
            &std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?,
        )?,
        None => Params::default(),
    };
    let overrides = match &a.overrides {
        Some(p) => Overrides::from_toml(
            &std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?,
            &tax,
        )?,
        None => Overrides::default(),
    };
    let conn = open(ctx)?;
    let report = trellis_align::run_build(&conn, &params, &overrides, &a.label)?;
    let mut out = std::io::stdout().lock();
    if a.format == Format::Json {
        write_json(&mut out, &report)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "Crosswalk build {} stored as current (inputs sha256 {}).",
        report.build_id,
        &report.inputs_sha256[..16.min(report.inputs_sha256.len())]
    )?;
    writeln!(out, "Data: {}.", report.vintages.join("; "))?;
    writeln!(
        out,
        "Occupations: {} ({} with employment data, {} with a sub-cluster, {} interdisciplinary, {} with suppressed BLS cells).",
        report.occupations,
        report.occupations_with_employment,
        report.occupations_with_sub_cluster,
        report.occupations_interdisciplinary,
        report.occupations_with_suppressed_cells
    )?;
    writeln!(
        out,
        "Programs: {} with clusters ({} interdisciplinary).",
        report.programs, report.programs_interdisciplinary
    )?;
    for o in &report.overrides {
        writeln!(
            out,
            "Override {} → {} {}: {} (the data said {} {})",
            o.code,
            o.cluster,
            o.sub_cluster.as_deref().unwrap_or(""),
            o.reason,
            o.data_cluster.as_deref().unwrap_or("-"),
            o.data_sub_cluster.as_deref().unwrap_or("")
        )?;
    }
    let mut t = Table::new(["cluster", "sub_cluster", "occupations"]);
    for (c, s, n) in &report.counts {
        let cn = tax.cluster_by_id(c).map(|i| tax.clusters[i].name.clone()).unwrap_or(c.clone());
        let sn =
            tax.sub_cluster_by_id(s).map(|i| tax.sub_clusters[i].name.clone()).unwrap_or_default();
        t.push([cn, sn, n.to_string()]);
    }
    writeln!(out)?;
    match a.format {
        Format::Csv => t.write_csv(&mut out)?,
        _ => t.write_text(&mut out)?,
    }
    let timing: Vec<String> =
        report.timings.iter().map(|(k, v)| format!("{k} {v:.0} ms")).collect();
    writeln!(out, "\nTime: {}.", timing.join(", "))?;
    Ok(ExitCode::SUCCESS)
}

fn builds(ctx: &Context, a: FormatArgs) -> anyhow::Result<ExitCode> {
    let conn = open(ctx)?;
    let list = persist::builds(&conn)?;
    let mut out = std::io::stdout().lock();
    if a.format == Format::Json {
        write_json(&mut out, &list)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut t = Table::new(["id", "current", "created_at", "label", "inputs_sha256", "overrides"]);
    for b in &list {
        let n = serde_json::from_str::<Vec<serde_json::Value>>(&b.overrides_json)
            .map(|v| v.len())
            .unwrap_or(0);
        t.push([
            b.id.to_string(),
            if b.is_current { "*".into() } else { String::new() },
            b.created_at.clone(),
            b.label.clone().unwrap_or_default(),
            b.inputs_sha256.chars().take(16).collect(),
            n.to_string(),
        ]);
    }
    match a.format {
        Format::Csv => t.write_csv(&mut out)?,
        _ => t.write_text(&mut out)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn resolve_cluster(tax: &Taxonomy, name: &str) -> anyhow::Result<String> {
    if let Some(i) = tax.cluster(name) {
        return Ok(tax.clusters[i].id.clone());
    }
    let fw = trellis_framework::Framework::builtin();
    if let Ok(m) = fw.resolve(name)
        && let Some(i) = m.iter().find_map(|x| tax.cluster_by_id(x.entity.id()))
    {
        return Ok(tax.clusters[i].id.clone());
    }
    anyhow::bail!("`{name}` is not a cluster; `trellis framework` lists them")
}

fn resolve_sub(tax: &Taxonomy, name: &str) -> anyhow::Result<String> {
    if let Some(i) = tax.sub_cluster_by_id(name) {
        return Ok(tax.sub_clusters[i].id.clone());
    }
    let fw = trellis_framework::Framework::builtin();
    if let Ok(m) = fw.resolve(name)
        && let Some(i) = m.iter().find_map(|x| tax.sub_cluster_by_id(x.entity.id()))
    {
        return Ok(tax.sub_clusters[i].id.clone());
    }
    anyhow::bail!("`{name}` is not a sub-cluster; `trellis framework` lists them")
}

fn show(ctx: &Context, a: ShowArgs) -> anyhow::Result<ExitCode> {
    let (tax, xw) = load(ctx, a.build)?;
    let cluster = a.cluster.as_deref().map(|c| resolve_cluster(&tax, c)).transpose()?;
    let sub = a.sub_cluster.as_deref().map(|s| resolve_sub(&tax, s)).transpose()?;
    let keep = |r: &trellis_align::model::AssignmentRow| {
        (!a.primary || r.is_primary)
            && cluster.as_ref().is_none_or(|c| &r.cluster == c)
            && sub.as_ref().is_none_or(|s| r.sub_cluster.as_ref() == Some(s))
    };
    let mut occ = xw.clone();
    occ.occupations.retain(|o| a.soc.as_ref().is_none_or(|s| &o.soc == s) && a.cip.is_none());
    for o in &mut occ.occupations {
        o.rows.retain(|r| keep(r));
    }
    let mut progs = xw.clone();
    progs.programs.retain(|p| a.cip.as_ref().is_none_or(|c| &p.cip == c) && a.soc.is_none());
    for p in &mut progs.programs {
        p.rows.retain(|r| keep(r));
    }
    let mut tables = Vec::new();
    if a.cip.is_none() {
        tables.push(export::soc_table(&tax, &occ));
    }
    if a.soc.is_none() && (a.cip.is_some() || (cluster.is_none() && sub.is_none())) {
        tables.push(export::cip_table(&tax, &progs));
    }
    let mut out = std::io::stdout().lock();
    for t in tables {
        match a.format {
            Format::Json => export::write_json(&t, &mut out)?,
            Format::Csv => export::write_csv(&t, &mut out)?,
            Format::Table => {
                let mut tt = Table::new([
                    "code",
                    "title",
                    "cluster",
                    "sub_cluster",
                    "primary",
                    "score",
                    "overridden",
                ]);
                let overridden = t.header.iter().position(|h| *h == "overridden");
                for r in &t.rows {
                    let pinned = overridden.is_some_and(|i| r[i] == "true");
                    tt.push([
                        r[0].clone(),
                        r[1].clone(),
                        r[2].clone(),
                        r[3].clone(),
                        if r[4] == "true" { "*".into() } else { String::new() },
                        r[5].clone(),
                        if pinned { "yes".into() } else { String::new() },
                    ]);
                }
                if tt.rows.is_empty() {
                    writeln!(out, "No {} assignments match.", t.name)?;
                } else {
                    tt.write_text(&mut out)?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn explain_cmd(ctx: &Context, a: ExplainArgs) -> anyhow::Result<ExitCode> {
    let (tax, xw) = load(ctx, a.build)?;
    let code = a.code.trim();
    let mut out = std::io::stdout().lock();
    if let Some(o) = xw.occupations.iter().find(|o| o.soc == code) {
        if a.format == Format::Json {
            write_json(&mut out, o)?;
        } else {
            write!(out, "{}", explain::occupation(&tax, o))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(p) = xw.programs.iter().find(|p| p.cip == code) {
        if a.format == Format::Json {
            write_json(&mut out, p)?;
        } else {
            write!(out, "{}", explain::program(&tax, p, &xw.occupations))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "error: `{code}` is neither a SOC 2018 detailed occupation (NN-NNNN) nor a CIP 2020 program (NN.NNNN) in this crosswalk; `trellis crosswalk show` lists them"
    );
    Ok(ExitCode::from(2))
}

fn export_cmd(ctx: &Context, a: ExportArgs) -> anyhow::Result<ExitCode> {
    let (tax, xw) = load(ctx, a.build)?;
    let shape = match a.shape {
        ShapeArg::Long => Shape::Long,
        ShapeArg::Soc => Shape::Soc,
        ShapeArg::Cip => Shape::Cip,
    };
    if let ExportFormat::Xlsx = a.format {
        let path = a.output.context("--format xlsx writes a file: give --output FILE.xlsx")?;
        export::write_xlsx(&tax, &xw, &path)?;
        eprintln!("wrote {} (sheets Overview, SOC, CIP, Crosswalk)", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let t = export::table(&tax, &xw, shape);
    let mut sink: Box<dyn Write> = match &a.output {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => Box::new(std::io::stdout().lock()),
    };
    match a.format {
        ExportFormat::Csv => export::write_csv(&t, &mut sink)?,
        ExportFormat::Json => export::write_json(&t, &mut sink)?,
        ExportFormat::Xlsx => unreachable!(),
    }
    sink.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn side(
    ctx: &Context,
    tax: &Taxonomy,
    spec: &str,
) -> anyhow::Result<(diff::Side, Option<trellis_align::Crosswalk>)> {
    let conn = open(ctx)?;
    let id =
        if spec == "current" { Some(persist::current(&conn)?) } else { spec.parse::<i64>().ok() };
    match id {
        Some(id) => {
            let xw = persist::load(&conn, id)?;
            Ok((diff::Side::from_build(&format!("build {id}"), &xw), Some(xw)))
        }
        None => {
            let p = PathBuf::from(spec);
            if !p.exists() {
                anyhow::bail!("`{spec}` is neither a build id, `current`, nor an existing file");
            }
            Ok((diff::Side::from_file(&p, tax)?, None))
        }
    }
}

fn diff_cmd(ctx: &Context, a: DiffArgs) -> anyhow::Result<ExitCode> {
    let tax = Taxonomy::framework();
    let (sa, xa) = side(ctx, &tax, &a.a)?;
    let (sb, _) = side(ctx, &tax, &a.b)?;
    let mut d = diff::compare(&tax, &sa, &sb, xa.as_ref());
    let mut out = std::io::stdout().lock();
    if a.format == Format::Json {
        write_json(&mut out, &d)?;
        return Ok(ExitCode::SUCCESS);
    }
    let pct = |n: usize, of: usize| if of == 0 { 0.0 } else { 100.0 * n as f64 / of as f64 };
    writeln!(out, "A = {}, B = {}", d.a, d.b)?;
    writeln!(
        out,
        "Occupations in both: {} (only in A: {}, only in B: {})",
        d.compared, d.only_a, d.only_b
    )?;
    writeln!(
        out,
        "A's primary cluster among B's clusters: {} of {} ({:.1}%)",
        d.cluster_agree,
        d.compared,
        pct(d.cluster_agree, d.compared)
    )?;
    writeln!(
        out,
        "A's primary sub-cluster among B's sub-clusters: {} of {} ({:.1}%)",
        d.sub_cluster_agree,
        d.sub_cluster_compared,
        pct(d.sub_cluster_agree, d.sub_cluster_compared)
    )?;
    if !d.unresolved_names.is_empty() {
        writeln!(
            out,
            "Names in B that match no framework entity: {}",
            d.unresolved_names.join("; ")
        )?;
    }
    let total = d.moved.len();
    d.moved.truncate(a.limit);
    if total > 0 {
        writeln!(out, "\nMoved ({total}; first {}):", d.moved.len())?;
        let mut t = Table::new(["soc", "title", "A", "B", "why A"]);
        for m in &d.moved {
            t.push([m.soc.clone(), m.title.clone(), m.a.clone(), m.b.join(" | "), m.why.clone()]);
        }
        match a.format {
            Format::Csv => t.write_csv(&mut out)?,
            _ => t.write_text(&mut out)?,
        }
    }
    Ok(ExitCode::SUCCESS)
}
