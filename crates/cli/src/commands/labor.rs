//! `trellis profile`, `trellis hshwid` and `trellis region`: labor-market profiles,
//! high-skill/high-wage/in-demand lists and regional cluster analysis (crate `trellis_labor`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use trellis_labor::figure::{Kind, thousands};
use trellis_labor::hshwid::{self, HshwidList, HshwidRow};
use trellis_labor::profile::{self, Profile, ProfileOptions, Subject};
use trellis_labor::region::{self, RegionOptions, RegionTable};
use trellis_labor::{Area, Figure, LaborData, StateProjections};

use crate::context::Context;
use crate::output::{Format, Table, write_json};

#[derive(Debug, clap::Subcommand)]
pub enum ProfileCommand {
    /// Profile of a cluster: `trellis profile cluster construction --state CT`.
    Cluster(ProfileArgs),
    /// Profile of a sub-cluster: `trellis profile sub-cluster "web and cloud"`.
    SubCluster(ProfileArgs),
    /// Profile of an occupation (SOC 2018 code): `trellis profile occupation 29-1141 --state TX`.
    Occupation(ProfileArgs),
}

#[derive(Debug, clap::Args)]
pub struct ProfileArgs {
    /// Cluster or sub-cluster (id or any spelling of its name), or SOC code.
    pub subject: String,
    /// A state's postal code (e.g. CT); the nation when omitted.
    #[arg(long, value_name = "STATE")]
    pub state: Option<String>,
    /// Split interdisciplinary occupations across their clusters by the crosswalk's shares
    /// (default: each occupation counts once, in its primary cluster).
    #[arg(long)]
    pub split: bool,
    /// A state projections CSV (see docs/STATE_PROJECTIONS.md) to use instead of estimates.
    #[arg(long, value_name = "FILE")]
    pub state_projections: Option<PathBuf>,
    /// How many skills, knowledge areas and technologies to list.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Output formats of `trellis hshwid`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum HshwidFormat {
    #[default]
    Table,
    Csv,
    Json,
    /// An Excel workbook: overview (definitions, vintages, sources), summary, one sheet per
    /// cluster. Needs --output (or writes hshwid-STATE.xlsx).
    Xlsx,
}

#[derive(Debug, clap::Args)]
pub struct HshwidArgs {
    /// The state's postal code; its profile (`trellis state XX`) holds the definitions.
    #[arg(long, value_name = "STATE")]
    pub state: String,
    /// Only the occupations of this cluster (in-demand is then judged within it).
    #[arg(long, value_name = "CLUSTER")]
    pub cluster: Option<String>,
    /// Definitions to use instead of the state's built-in profile: a state profile TOML file
    /// or one holding just an [hshwid] table.
    #[arg(long, value_name = "FILE")]
    pub definitions: Option<PathBuf>,
    /// A state projections CSV (see docs/STATE_PROJECTIONS.md) to use instead of estimates.
    #[arg(long, value_name = "FILE")]
    pub state_projections: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    pub format: HshwidFormat,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct RegionArgs {
    /// A state's postal code, or `all` for a one-line summary of every state.
    pub state: String,
    /// Split interdisciplinary occupations across clusters by the crosswalk's shares.
    #[arg(long)]
    pub split: bool,
    /// Location quotient from which a cluster counts as specialized.
    #[arg(long, default_value_t = 1.2)]
    pub min_lq: f64,
    /// Also list the sub-clusters (always included in csv and json).
    #[arg(long)]
    pub sub_clusters: bool,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

fn load(ctx: &Context) -> anyhow::Result<LaborData> {
    let path = ctx.db_path()?;
    Ok(LaborData::open(&path)?)
}

fn projections(path: Option<&Path>) -> anyhow::Result<Option<StateProjections>> {
    path.map(StateProjections::from_path).transpose().map_err(Into::into)
}

/// Standard output or the `--output` file.
fn sink(output: Option<&Path>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match output {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(std::io::stdout().lock()),
    })
}

fn emit(table: &Table, format: Format, out: &mut dyn Write) -> anyhow::Result<()> {
    match format {
        Format::Csv => table.write_csv(out)?,
        _ => table.write_text(&mut std::io::BufWriter::new(out))?,
    }
    Ok(())
}

/// How a figure was obtained, as the CSV columns `*_basis` write it.
fn basis(f: &Figure) -> &'static str {
    match f.basis {
        trellis_labor::Basis::Published => "published",
        trellis_labor::Basis::Computed => "computed",
        trellis_labor::Basis::Estimated => "estimated",
    }
}

fn fig(f: &Figure, kind: Kind) -> String {
    f.display(kind)
}

// ---------------------------------------------------------------------------------------------
// profile
// ---------------------------------------------------------------------------------------------

/// A reader that stops early (`| head`) is not an error.
fn pipe_closed_is_success(result: anyhow::Result<ExitCode>) -> anyhow::Result<ExitCode> {
    match result {
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
                    || c.downcast_ref::<csv::Error>().is_some_and(|ce| matches!(ce.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe))
            }) =>
        {
            Ok(ExitCode::SUCCESS)
        }
        other => other,
    }
}

pub fn profile(ctx: &Context, cmd: ProfileCommand) -> anyhow::Result<ExitCode> {
    pipe_closed_is_success(run_profile(ctx, cmd))
}

fn run_profile(ctx: &Context, cmd: ProfileCommand) -> anyhow::Result<ExitCode> {
    let data = load(ctx)?;
    let (args, subject) = match &cmd {
        ProfileCommand::Cluster(a) => (a, Subject::cluster(&data, &a.subject)?),
        ProfileCommand::SubCluster(a) => (a, Subject::sub_cluster(&data, &a.subject)?),
        ProfileCommand::Occupation(a) => (a, Subject::occupation(&data, &a.subject)?),
    };
    let area = Area::resolve(&data, args.state.as_deref())?;
    let projections = projections(args.state_projections.as_deref())?;
    let opts =
        ProfileOptions { split: args.split, projections: projections.as_ref(), top: args.top };
    let p = profile::profile(&data, area, subject, opts)?;
    let mut out = sink(args.output.as_deref())?;
    match args.format {
        Format::Json => write_json(&mut out, &p)?,
        Format::Csv => members_table(&p, true).write_csv(&mut out)?,
        Format::Table => write_profile_text(&p, &mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The member occupations with their figures, and a total row; the CSV form of a profile.
fn members_table(p: &Profile, with_total: bool) -> Table {
    let mut t = Table::new([
        "soc",
        "occupation",
        "weight",
        "sub_cluster",
        "employment",
        "employment_projected",
        "change",
        "change_pct",
        "projection_basis",
        "annual_openings",
        "openings_basis",
        "wage_pct10",
        "wage_median",
        "entry_education",
    ]);
    let num = |f: &Figure| match (f.value, f.status) {
        (Some(v), trellis_labor::Status::Ok) => format!("{v:.0}"),
        (Some(v), trellis_labor::Status::TopCoded) => format!(">={v:.0}"),
        (_, s) => s.as_str().to_string(),
    };
    for m in &p.members {
        let f = &m.figures;
        t.push([
            m.code.clone(),
            m.title.clone(),
            format!("{:.4}", m.weight),
            m.sub_cluster.clone().unwrap_or_default(),
            num(&f.employment),
            num(&f.employment_projected),
            num(&f.change),
            f.change_pct
                .exact()
                .map(|v| format!("{v:.1}"))
                .unwrap_or_else(|| f.change_pct.status.as_str().into()),
            basis(&f.employment_projected).to_string(),
            num(&f.openings),
            basis(&f.openings).to_string(),
            num(&f.wages.pct10),
            num(&f.wages.median),
            m.education.clone().unwrap_or_default(),
        ]);
    }
    if with_total {
        let e = &p.employment;
        t.push([
            "TOTAL".to_string(),
            format!("{} ({} occupations)", p.name, p.members.len()),
            String::new(),
            String::new(),
            num(&e.now),
            num(&e.projected),
            num(&e.change),
            e.change_pct.exact().map(|v| format!("{v:.1}")).unwrap_or_default(),
            basis(&e.projected).to_string(),
            num(&p.openings),
            basis(&p.openings).to_string(),
            p.wage_pct10.value.map(|v| format!("{v:.0}")).unwrap_or_default(),
            p.wage_median.value.map(|v| format!("{v:.0}")).unwrap_or_default(),
            String::new(),
        ]);
    }
    t
}

fn write_profile_text(p: &Profile, out: &mut dyn Write) -> anyhow::Result<()> {
    let level = match p.level {
        "cluster" => "Cluster",
        "sub_cluster" => "Sub-cluster",
        _ => "Occupation",
    };
    writeln!(out, "{level}: {} ({}) — {} ({})", p.name, p.id, p.area_name, p.area_code)?;
    if let (Some(c), "sub_cluster") = (&p.cluster_name, p.level) {
        writeln!(out, "In cluster: {c}")?;
    }
    if p.level != "occupation" {
        writeln!(
            out,
            "Counting: {}; {} occupations, {} with data for {}",
            p.counting, p.coverage.occupations, p.coverage.occupations_in_area, p.area_code
        )?;
    } else if p.coverage.occupations_in_area == 0 {
        writeln!(out, "No OEWS row for this occupation in {}.", p.area_name)?;
    }
    let e = &p.employment;
    let years = |y: Option<u16>| y.map(|y| y.to_string()).unwrap_or_else(|| "?".into());
    writeln!(out, "\nEmployment ({})", e.employment_concept)?;
    let mut t = Table::new(["measure", "value"]);
    t.push([format!("employment {}", years(e.now_year)), fig(&e.now, Kind::Count)]);
    t.push([format!("projected {}", years(e.projected_year)), fig(&e.projected, Kind::Count)]);
    t.push([
        format!("change {}-{}", years(e.base_year), years(e.projected_year)),
        fig(&e.change, Kind::Count),
    ]);
    t.push([
        format!("change {}-{}, percent", years(e.base_year), years(e.projected_year)),
        fig(&e.change_pct, Kind::Percent),
    ]);
    if e.past.value.is_some() {
        t.push([format!("employment {}", years(e.past_year)), fig(&e.past, Kind::Count)]);
        t.push([
            format!("change {}-{}", years(e.past_year), years(e.base_year)),
            fig(&e.past_change, Kind::Count),
        ]);
        t.push([
            format!("change {}-{}, percent", years(e.past_year), years(e.base_year)),
            fig(&e.past_change_pct, Kind::Percent),
        ]);
    } else {
        t.push(["past change".to_string(), "n/a (see notes)".to_string()]);
    }
    t.push(["average annual openings".to_string(), fig(&p.openings, Kind::Count)]);
    t.push([
        "10th percentile annual wage (entry level)".to_string(),
        p.wage_pct10.display(Kind::Dollars),
    ]);
    t.push(["median annual wage".to_string(), p.wage_median.display(Kind::Dollars)]);
    t.write_text(&mut *out)?;
    if p.level != "occupation" {
        writeln!(
            out,
            "Wages are employment-weighted means of the occupations' values: {}.",
            p.wage_median.coverage_note()
        )?;
    }

    writeln!(out, "\nTypical entry requirements (share of employment)")?;
    let mut t = Table::new(["requirement", "category", "occupations", "percent"]);
    for (name, shares) in [
        ("education", &p.education),
        ("work experience", &p.experience),
        ("on-the-job training", &p.training),
    ] {
        for s in shares.iter() {
            t.push([
                name.to_string(),
                s.category.clone(),
                s.occupations.to_string(),
                format!("{:.1}%", s.percent),
            ]);
        }
    }
    t.write_text(&mut *out)?;

    if let Some(o) = &p.output {
        writeln!(
            out,
            "\nShare of output (GDP proxy, national, EP {}): {} billion chained 2017 dollars = {} of all sectors (est.)",
            o.vintage,
            o.output.value.map(|v| format!("{v:.1}")).unwrap_or_default(),
            o.share_pct.display(Kind::Percent).trim_end_matches(" (est.)")
        )?;
        let mut t = Table::new([
            "sector",
            "NAICS",
            "sector output",
            "sector % of output",
            "subject % of sector jobs",
            "allocated output",
        ]);
        for s in o.sectors.iter().filter(|s| s.output > 0.0).take(8) {
            t.push([
                s.sector.clone(),
                s.naics.clone(),
                format!("{:.1}", s.sector_output),
                format!("{:.1}%", s.sector_output_pct),
                format!("{:.1}%", s.employment_pct),
                format!("{:.1}", s.output),
            ]);
        }
        t.write_text(&mut *out)?;
        writeln!(out, "Method: {}.", o.method)?;
    }

    if !p.technology.is_empty() {
        writeln!(
            out,
            "\nHigh-demand software and technology (O*NET hot/in-demand examples, by employment of occupations listing them)"
        )?;
        let mut t =
            Table::new(["technology", "category", "hot", "in demand", "occupations", "employment"]);
        for x in &p.technology {
            t.push([
                x.example.clone(),
                x.commodity.clone(),
                if x.hot { "yes" } else { "" }.to_string(),
                if x.in_demand { "yes" } else { "" }.to_string(),
                x.occupations.to_string(),
                thousands(x.employment),
            ]);
        }
        t.write_text(&mut *out)?;
    }
    for (name, items) in [("skills", &p.skills), ("knowledge", &p.knowledge)] {
        if items.is_empty() {
            continue;
        }
        writeln!(out, "\nMost important O*NET {name} (employment-weighted importance, 1-5)")?;
        let list: Vec<String> =
            items.iter().map(|x| format!("{} {:.2}", x.name, x.importance)).collect();
        writeln!(out, "  {}", list.join(" · "))?;
    }
    if !p.framework_specialized_skills.is_empty() || !p.framework_software_skills.is_empty() {
        writeln!(
            out,
            "\nFramework lists for {} (technical report appendix)",
            p.cluster_name.as_deref().unwrap_or("")
        )?;
        writeln!(out, "  specialized skills: {}", p.framework_specialized_skills.join(", "))?;
        writeln!(out, "  software skills: {}", p.framework_software_skills.join(", "))?;
    }
    if p.level == "occupation" {
        if !p.clusters.is_empty() {
            writeln!(out, "\nClusters")?;
            for c in &p.clusters {
                writeln!(
                    out,
                    "  {}{}{}",
                    c.cluster,
                    c.sub_cluster.as_ref().map(|s| format!(" › {s}")).unwrap_or_default(),
                    if c.primary { " (primary)" } else { "" }
                )?;
            }
        }
        if !p.programs.is_empty() {
            writeln!(out, "\nPrograms that prepare for it (CIP 2020)")?;
            for prog in &p.programs {
                writeln!(out, "  {} {}", prog.cip, prog.title)?;
            }
        }
    } else {
        writeln!(out, "\nOccupations (the totals above are their sums)")?;
        let mut t = Table::new([
            "SOC",
            "occupation",
            "employment",
            "openings",
            "median wage",
            "entry education",
        ]);
        let mut members: Vec<_> = p.members.iter().collect();
        members.sort_by(|a, b| {
            b.figures
                .employment
                .value
                .unwrap_or(0.0)
                .total_cmp(&a.figures.employment.value.unwrap_or(0.0))
        });
        for m in members {
            let weight = if (m.weight - 1.0).abs() > 1e-9 {
                format!(" ×{:.2}", m.weight)
            } else {
                String::new()
            };
            t.push([
                format!("{}{weight}", m.code),
                m.title.clone(),
                fig(&m.figures.employment, Kind::Count),
                fig(&m.figures.openings, Kind::Count),
                fig(&m.figures.wages.median, Kind::Dollars),
                m.education.clone().unwrap_or_default(),
            ]);
        }
        t.write_text(&mut *out)?;
    }
    writeln!(out, "\nNotes")?;
    for n in &p.notes {
        writeln!(out, "  - {n}")?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// hshwid
// ---------------------------------------------------------------------------------------------

pub fn hshwid(ctx: &Context, args: HshwidArgs) -> anyhow::Result<ExitCode> {
    pipe_closed_is_success(run_hshwid(ctx, args))
}

fn run_hshwid(ctx: &Context, args: HshwidArgs) -> anyhow::Result<ExitCode> {
    let definitions = match &args.definitions {
        Some(path) => hshwid::definitions_from_file(path, &args.state)?,
        None => {
            let fw = trellis_framework::Framework::builtin();
            let known: Vec<&str> = fw
                .states
                .iter()
                .filter(|s| s.hshwid.is_some())
                .map(|s| s.state.code.as_str())
                .collect();
            fw.state(&args.state).and_then(|s| s.hshwid.clone()).with_context(|| {
                format!(
                    "no HSHWID definitions for `{}` among the built-in state profiles ({}); pass --definitions FILE",
                    args.state,
                    known.join(", ")
                )
            })?
        }
    };
    let data = load(ctx)?;
    let area = Area::resolve(&data, Some(&args.state))?;
    let cluster = args.cluster.as_deref().map(|c| Subject::cluster(&data, c)).transpose()?;
    let projections = projections(args.state_projections.as_deref())?;
    let mut list = hshwid::evaluate(&data, area, &definitions, projections.as_ref())?;
    if let Some(Subject::Cluster(ci)) = cluster {
        let id = data.clusters[ci].id.clone();
        list.rows.retain(|r| r.clusters.iter().any(|m| m.cluster_id == id));
        list.clusters.retain(|c| c.cluster_id == id);
    }
    let cluster_id =
        list.clusters.first().filter(|_| cluster.is_some()).map(|c| c.cluster_id.clone());
    if let Some(c) = list.clusters.first().filter(|_| cluster.is_some()) {
        let note = format!(
            "Showing the {} occupations assigned to {}; in-demand is judged within it.",
            list.rows.len(),
            c.cluster
        );
        list.notes.insert(0, note);
    }
    match args.format {
        HshwidFormat::Xlsx => {
            let path = args
                .output
                .clone()
                .unwrap_or_else(|| PathBuf::from(format!("hshwid-{}.xlsx", list.state)));
            let generator = format!(
                "Trellis {} (trellis hshwid --state {})",
                env!("CARGO_PKG_VERSION"),
                list.state
            );
            let bytes = trellis_labor::workbook::hshwid_workbook(&list, &data.sources, &generator)
                .map_err(|e| anyhow::anyhow!("cannot build the workbook: {e}"))?;
            std::fs::write(&path, bytes)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!(
                "wrote {} ({} occupations, {} cluster sheets)",
                path.display(),
                list.rows.len(),
                list.clusters.len()
            );
        }
        HshwidFormat::Json => {
            let mut out = sink(args.output.as_deref())?;
            write_json(&mut out, &list)?;
            out.flush()?;
        }
        HshwidFormat::Csv => {
            let mut out = sink(args.output.as_deref())?;
            hshwid_table(&list, cluster_id.as_deref(), true).write_csv(&mut out)?;
            out.flush()?;
        }
        HshwidFormat::Table => {
            let mut out = sink(args.output.as_deref())?;
            write_hshwid_text(&list, cluster_id.as_deref(), &mut out)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn flag(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "yes",
        Some(false) => "no",
        None => "?",
    }
}

fn hshwid_table(list: &HshwidList, cluster: Option<&str>, full: bool) -> Table {
    let mut headers = vec![
        "soc",
        "occupation",
        "primary_cluster",
        "employment",
        "median_wage",
        "annual_openings",
        "high_skill",
        "high_wage",
        "in_demand",
        "all_three",
    ];
    if full {
        headers.extend([
            "clusters",
            "sub_clusters",
            "openings_basis",
            "pct10_wage",
            "entry_education",
            "work_experience",
            "on_the_job_training",
            "high_skill_because",
            "high_wage_because",
            "in_demand_because",
            "programs",
        ]);
    }
    let mut t = Table::new(headers);
    let num = |f: &Figure| match (f.value, f.status) {
        (Some(v), trellis_labor::Status::Ok) => format!("{v:.0}"),
        (Some(v), trellis_labor::Status::TopCoded) => format!(">={v:.0}"),
        (_, s) => s.as_str().to_string(),
    };
    for r in &list.rows {
        let (in_demand, all_three) = match cluster {
            Some(id) => (
                r.clusters.iter().find(|m| m.cluster_id == id).and_then(|m| m.in_demand),
                r.all_three_in(id),
            ),
            None => (r.in_demand.met, r.all_three()),
        };
        let primary =
            r.clusters.iter().find(|m| m.primary).map(|m| m.cluster.clone()).unwrap_or_default();
        let mut row = vec![
            r.code.clone(),
            r.title.clone(),
            primary,
            if full { num(&r.employment) } else { fig(&r.employment, Kind::Count) },
            if full { num(&r.wage_median) } else { fig(&r.wage_median, Kind::Dollars) },
            if full { num(&r.openings) } else { fig(&r.openings, Kind::Count) },
            flag(r.high_skill.met).to_string(),
            flag(r.high_wage.met).to_string(),
            flag(in_demand).to_string(),
            flag(all_three).to_string(),
        ];
        if full {
            row.extend(full_columns(r));
        }
        t.push(row);
    }
    t
}

fn full_columns(r: &HshwidRow) -> Vec<String> {
    let mut clusters: Vec<&str> = r.clusters.iter().map(|m| m.cluster.as_str()).collect();
    clusters.dedup();
    let subs: Vec<&str> = r.clusters.iter().filter_map(|m| m.sub_cluster.as_deref()).collect();
    vec![
        clusters.join("; "),
        subs.join("; "),
        if r.openings.is_estimated() { "estimated" } else { "published" }.to_string(),
        r.wage_pct10
            .value
            .map(|v| format!("{v:.0}"))
            .unwrap_or_else(|| r.wage_pct10.status.as_str().into()),
        r.education.clone().unwrap_or_default(),
        r.experience.clone().unwrap_or_default(),
        r.training.clone().unwrap_or_default(),
        r.high_skill.reasons.join(" | "),
        r.high_wage.reasons.join(" | "),
        r.in_demand.reasons.join(" | "),
        r.programs.iter().map(|p| format!("{} {}", p.cip, p.title)).collect::<Vec<_>>().join("; "),
    ]
}

fn write_hshwid_text(
    list: &HshwidList,
    cluster: Option<&str>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    writeln!(
        out,
        "High-skill, high-wage, in-demand occupations: {} ({})",
        list.state_name, list.state
    )?;
    let d = &list.definitions;
    writeln!(out, "Definitions ({}):", d.source)?;
    for (name, def) in
        [("high-skill", &d.high_skill), ("high-wage", &d.high_wage), ("in-demand", &d.in_demand)]
    {
        writeln!(out, "  {name}: {}", hshwid::describe_definition(def))?;
    }
    writeln!(out)?;
    hshwid_table(list, cluster, false).write_text(&mut *out)?;
    writeln!(out, "\nBy cluster (in-demand judged within each cluster)")?;
    let mut t = Table::new([
        "cluster",
        "occupations",
        "employment",
        "high-skill",
        "high-wage",
        "in-demand",
        "all three",
        "undecided",
    ]);
    for c in &list.clusters {
        t.push([
            c.cluster.clone(),
            c.occupations.to_string(),
            thousands(c.employment),
            c.high_skill.to_string(),
            c.high_wage.to_string(),
            c.in_demand.to_string(),
            c.all_three.to_string(),
            c.undecided.to_string(),
        ]);
    }
    t.write_text(&mut *out)?;
    writeln!(out, "\nNotes")?;
    for n in &list.notes {
        writeln!(out, "  - {n}")?;
    }
    if list.openings_estimated {
        writeln!(out, "  - (est.) marks Trellis estimates, not figures published for the state.")?;
    }
    writeln!(
        out,
        "  - Use --format csv for the values behind every flag and the programs (CIP) of each occupation."
    )?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// region
// ---------------------------------------------------------------------------------------------

pub fn region(ctx: &Context, args: RegionArgs) -> anyhow::Result<ExitCode> {
    pipe_closed_is_success(run_region(ctx, args))
}

fn run_region(ctx: &Context, args: RegionArgs) -> anyhow::Result<ExitCode> {
    if !(args.min_lq.is_finite() && args.min_lq > 0.0) {
        anyhow::bail!("--min-lq must be a positive number, e.g. 1.2");
    }
    let data = load(ctx)?;
    let opts = RegionOptions { split: args.split, min_lq: args.min_lq };
    let mut out = sink(args.output.as_deref())?;
    if args.state.eq_ignore_ascii_case("all") {
        let tables = region::region_all(&data, opts);
        match args.format {
            Format::Json => write_json(&mut out, &tables)?,
            format => {
                let mut t = Table::new([
                    "state",
                    "name",
                    "employment",
                    "specialized_clusters",
                    "top_cluster",
                    "top_lq",
                ]);
                for r in &tables {
                    let top = r.clusters.iter().max_by(|a, b| {
                        a.location_quotient
                            .unwrap_or(0.0)
                            .total_cmp(&b.location_quotient.unwrap_or(0.0))
                    });
                    t.push([
                        r.state.clone(),
                        r.state_name.clone(),
                        format!("{:.0}", r.state_employment),
                        r.specialized.join(" "),
                        top.map(|c| c.name.clone()).unwrap_or_default(),
                        top.and_then(|c| c.location_quotient)
                            .map(|l| format!("{l:.2}"))
                            .unwrap_or_default(),
                    ]);
                }
                emit(&t, format, &mut out)?;
            }
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let Area::State(si) = Area::resolve(&data, Some(&args.state))? else {
        anyhow::bail!(
            "`trellis region` compares a state with the nation: name a state, e.g. `trellis region CT`"
        );
    };
    let weights = region::ClusterWeights::new(&data, opts.split);
    let table = region::region(&data, si, &weights, opts);
    match args.format {
        Format::Json => write_json(&mut out, &table)?,
        Format::Csv => region_table(&table).write_csv(&mut out)?,
        Format::Table => write_region_text(&table, args.sub_clusters, &mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The CSV form: one row per cluster and sub-cluster, plain numbers.
fn region_table(r: &RegionTable) -> Table {
    let mut t = Table::new([
        "level",
        "id",
        "name",
        "occupations",
        "state_employment",
        "state_share_pct",
        "national_share_pct",
        "location_quotient",
        "state_wage",
        "national_wage",
        "wage_pct_of_nation",
        "specialized",
    ]);
    let opt = |v: Option<f64>, d: usize| v.map(|v| format!("{v:.d$}")).unwrap_or_default();
    let rows = r.clusters.iter().chain(r.sub_clusters.iter());
    for x in rows {
        t.push([
            x.level.to_string(),
            x.id.clone(),
            x.name.clone(),
            x.occupations.to_string(),
            format!("{:.0}", x.state_employment),
            format!("{:.2}", x.state_share_pct),
            format!("{:.2}", x.national_share_pct),
            opt(x.location_quotient, 2),
            opt(x.state_wage, 0),
            opt(x.national_wage, 0),
            opt(x.wage_pct_of_nation, 1),
            if x.specialized { "yes" } else { "" }.to_string(),
        ]);
    }
    t
}

fn write_region_text(
    r: &RegionTable,
    sub_clusters: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    writeln!(
        out,
        "Regional cluster analysis: {} ({}) against the nation, OEWS {}",
        r.state_name, r.state, r.vintage
    )?;
    writeln!(
        out,
        "State employment {} (nation {}); counting: {}",
        thousands(r.state_employment),
        thousands(r.national_employment),
        r.counting
    )?;
    let text_table = |rows: &[&region::LqRow], first: &str| {
        let mut t = Table::new([
            first,
            "occupations",
            "employment",
            "% of state",
            "% of nation",
            "LQ",
            "median wage",
            "nation",
            "% of nation",
            "specialized",
        ]);
        for x in rows {
            t.push([
                x.name.clone(),
                x.occupations.to_string(),
                thousands(x.state_employment),
                format!("{:.2}", x.state_share_pct),
                format!("{:.2}", x.national_share_pct),
                x.location_quotient.map(|l| format!("{l:.2}")).unwrap_or_else(|| "n/a".into()),
                x.state_wage.map(|w| Kind::Dollars.format(w)).unwrap_or_else(|| "n/a".into()),
                x.national_wage.map(|w| Kind::Dollars.format(w)).unwrap_or_else(|| "n/a".into()),
                x.wage_pct_of_nation.map(|p| format!("{p:.1}%")).unwrap_or_default(),
                if x.specialized { "yes" } else { "" }.to_string(),
            ]);
        }
        t
    };
    fn by_lq(rows: &[region::LqRow]) -> Vec<&region::LqRow> {
        let mut v: Vec<&region::LqRow> = rows.iter().collect();
        v.sort_by(|a, b| {
            b.location_quotient.unwrap_or(0.0).total_cmp(&a.location_quotient.unwrap_or(0.0))
        });
        v
    }
    writeln!(out)?;
    text_table(&by_lq(&r.clusters), "cluster").write_text(&mut *out)?;
    if sub_clusters {
        writeln!(out)?;
        text_table(&by_lq(&r.sub_clusters), "sub-cluster").write_text(&mut *out)?;
    }
    let names: Vec<String> = r
        .specialized
        .iter()
        .filter_map(|id| r.clusters.iter().find(|c| &c.id == id))
        .map(|c| format!("{} (LQ {:.2})", c.name, c.location_quotient.unwrap_or(0.0)))
        .collect();
    writeln!(
        out,
        "\nSpecialized clusters (LQ ≥ {:.2}): {}",
        r.min_lq,
        if names.is_empty() { "none".to_string() } else { names.join(", ") }
    )?;
    writeln!(out, "\nNotes")?;
    for n in &r.notes {
        writeln!(out, "  - {n}")?;
    }
    if !sub_clusters {
        writeln!(out, "  - Add --sub-clusters for the sub-cluster table.")?;
    }
    Ok(())
}
