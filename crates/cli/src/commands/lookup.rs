//! `trellis occupation | program | industry CODE`: one record of the database, in full.

use std::io::Write;
use std::process::ExitCode;

use trellis_framework::codes::{Cip, Naics, Soc};
use trellis_store::query::{Industry, OccupationDetail, Program};
use trellis_store::{CodeSystem, CodeTitle, Store, query::thousands};

use crate::context::Context;
use crate::output::{Format, flatten_json, write_json};

#[derive(Debug, clap::Args)]
pub struct OccupationArgs {
    /// SOC 2018 code, e.g. 15-1252 (major, minor and broad groups work too).
    #[arg(value_name = "SOC")]
    code: String,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

#[derive(Debug, clap::Args)]
pub struct ProgramArgs {
    /// CIP 2020 code, e.g. 51.3801 (series 51 and groups 51.38 work too).
    #[arg(value_name = "CIP")]
    code: String,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

#[derive(Debug, clap::Args)]
pub struct IndustryArgs {
    /// NAICS 2022 code, 2 to 6 digits, e.g. 5415 or 31-33.
    #[arg(value_name = "NAICS")]
    code: String,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

pub fn occupation(ctx: &Context, args: OccupationArgs) -> anyhow::Result<ExitCode> {
    let store = ctx.store()?;
    let found = match Soc::parse_lenient(&args.code) {
        Ok(soc) => store.occupation(soc)?,
        Err(_) => None,
    };
    let Some(occ) = found else {
        return not_found(&store, CodeSystem::Soc, "SOC 2018 occupation", &args.code);
    };
    emit(&occ, args.format, print_occupation)
}

pub fn program(ctx: &Context, args: ProgramArgs) -> anyhow::Result<ExitCode> {
    let store = ctx.store()?;
    let found = match Cip::parse_lenient(&args.code) {
        Ok(cip) => store.program(cip)?,
        Err(_) => None,
    };
    let Some(p) = found else {
        return not_found(&store, CodeSystem::Cip, "CIP 2020 program", &args.code);
    };
    emit(&p, args.format, print_program)
}

pub fn industry(ctx: &Context, args: IndustryArgs) -> anyhow::Result<ExitCode> {
    let store = ctx.store()?;
    let found = match Naics::parse_lenient(&args.code) {
        Ok(n) => store.industry(n)?,
        Err(_) => None,
    };
    let Some(i) = found else {
        return not_found(&store, CodeSystem::Naics, "NAICS 2022 industry", &args.code);
    };
    emit(&i, args.format, print_industry)
}

fn emit<T: serde::Serialize>(
    value: &T,
    format: Format,
    text: fn(&mut dyn Write, &T) -> std::io::Result<()>,
) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => write_json(&mut out, value)?,
        Format::Csv => flatten_json(&serde_json::to_value(value)?).write_csv(&mut out)?,
        Format::Table => text(&mut out, value)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// "No such code", with the closest existing codes, on stderr; exit status 2.
fn not_found(
    store: &Store,
    system: CodeSystem,
    what: &str,
    input: &str,
) -> anyhow::Result<ExitCode> {
    let close = store.closest_codes(system, input, 5)?;
    let mut err = std::io::stderr().lock();
    writeln!(err, "error: no {what} {input:?} in the database")?;
    if !close.is_empty() {
        writeln!(err, "closest codes:")?;
        for s in close {
            writeln!(err, "  {}  {}", s.code, s.title)?;
        }
    }
    Ok(ExitCode::from(2))
}

fn heading(out: &mut dyn Write, title: &str) -> std::io::Result<()> {
    writeln!(out, "\n{title}")?;
    writeln!(out, "{}", "─".repeat(title.chars().count()))
}

fn list(out: &mut dyn Write, items: &[CodeTitle]) -> std::io::Result<()> {
    for i in items {
        writeln!(out, "  {}  {}", i.code, i.title)?;
    }
    Ok(())
}

fn opt_num(v: Option<f64>) -> String {
    v.map(thousands).unwrap_or_else(|| "n/a".into())
}

fn print_occupation(out: &mut dyn Write, o: &OccupationDetail) -> std::io::Result<()> {
    writeln!(out, "{}  {}  ({} occupation, SOC 2018)", o.soc, o.title, o.level)?;
    for h in &o.hierarchy {
        writeln!(out, "  in {}  {}", h.code, h.title)?;
    }
    if let Some(d) = &o.definition {
        writeln!(out, "\n{d}")?;
    }
    if !o.aggregates.is_empty() {
        writeln!(out)?;
        for a in &o.aggregates {
            writeln!(out, "BLS publishes some figures for it under {}  {}", a.code, a.title)?;
        }
    }
    if !o.children.is_empty() {
        heading(out, "Occupations in this group")?;
        list(out, &o.children)?;
    }
    if let Some(w) = &o.wages {
        heading(out, &format!("Employment and wages (OEWS {}, national)", w.vintage))?;
        if w.published_as != o.soc {
            writeln!(out, "  published for {}  {}", w.published_as, w.published_title)?;
        }
        writeln!(out, "  employment     {}", w.employment)?;
        writeln!(out, "  annual mean    {}", w.mean)?;
        writeln!(
            out,
            "  percentiles    10%: {}  25%: {}  median: {}  75%: {}  90%: {}",
            w.pct10, w.pct25, w.median, w.pct75, w.pct90
        )?;
        writeln!(out, "  hourly median  {}", w.hourly_median)?;
    }
    if let Some(p) = &o.projections {
        heading(out, &format!("Projections (BLS Employment Projections {})", p.vintage))?;
        if p.published_as != o.soc {
            writeln!(out, "  published for {}  {}", p.published_as, p.published_title)?;
        }
        writeln!(
            out,
            "  employment     {} → {}  (change {}, {}%)",
            opt_num(p.employment_base),
            opt_num(p.employment_projected),
            opt_num(p.change),
            opt_num(p.change_pct)
        )?;
        writeln!(out, "  openings/year  {}", opt_num(p.openings))?;
        writeln!(out, "  median wage    {}", p.median_wage)?;
        writeln!(out, "  entry          {}", p.education.as_deref().unwrap_or("n/a"))?;
        writeln!(out, "  experience     {}", p.experience.as_deref().unwrap_or("n/a"))?;
        writeln!(out, "  training       {}", p.training.as_deref().unwrap_or("n/a"))?;
    }
    for d in &o.onet {
        heading(out, &format!("O*NET {}  {}", d.onet_soc, d.title))?;
        if d.onet_soc != format!("{}.00", o.soc) {
            writeln!(out, "  {}", d.description)?;
        }
        writeln!(
            out,
            "  job zone {}   {} alternate titles",
            d.job_zone.map(|z| z.to_string()).unwrap_or_else(|| "n/a".into()),
            d.alternate_titles
        )?;
        if !d.interests.is_empty() {
            let s: Vec<String> =
                d.interests.iter().map(|i| format!("{} {:.1}", i.name, i.score)).collect();
            writeln!(out, "  interests: {}", s.join(", "))?;
        }
        let rated = |v: &[trellis_store::query::Rated]| -> String {
            v.iter().map(|r| r.name.clone()).collect::<Vec<_>>().join(", ")
        };
        if !d.top_skills.is_empty() {
            writeln!(out, "  top skills: {}", rated(&d.top_skills))?;
        }
        if !d.top_knowledge.is_empty() {
            writeln!(out, "  top knowledge: {}", rated(&d.top_knowledge))?;
        }
        if !d.hot_technologies.is_empty() {
            writeln!(out, "  hot technologies: {}", d.hot_technologies.join(", "))?;
        }
        if !d.tasks.is_empty() {
            writeln!(out, "  tasks:")?;
            for t in &d.tasks {
                writeln!(out, "    - {}", t.task)?;
            }
        }
        if !d.related.is_empty() {
            writeln!(out, "  related occupations:")?;
            for r in d.related.iter().take(10) {
                writeln!(out, "    {}  {}", r.code, r.title)?;
            }
        }
    }
    if !o.programs.is_empty() {
        heading(out, "Programs (NCES CIP 2020–SOC 2018 crosswalk)")?;
        list(out, &o.programs)?;
    }
    if !o.clusters_2002.is_empty() {
        heading(out, "2002 framework (16 clusters)")?;
        for c in &o.clusters_2002 {
            writeln!(
                out,
                "  {}  cluster {}  pathway {}  ({})",
                c.onet_soc,
                c.cluster_id,
                c.pathway_id.as_deref().unwrap_or("-"),
                c.origin
            )?;
        }
    }
    Ok(())
}

fn print_program(out: &mut dyn Write, p: &Program) -> std::io::Result<()> {
    writeln!(out, "{}  {}  ({}, CIP 2020)", p.cip, p.title, p.level)?;
    for h in &p.hierarchy {
        writeln!(out, "  in {}  {}", h.code, h.title)?;
    }
    writeln!(out, "\n{}", p.definition)?;
    if let Some(a) = &p.action {
        writeln!(out, "\n2020 action: {a}")?;
    }
    if let Some(x) = p.cross_references.as_deref().filter(|s| !s.is_empty()) {
        writeln!(out, "cross-references: {x}")?;
    }
    if let Some(x) = p.examples.as_deref().filter(|s| !s.is_empty()) {
        writeln!(out, "examples: {x}")?;
    }
    if !p.children.is_empty() {
        heading(out, "Programs in this group")?;
        list(out, &p.children)?;
    }
    if !p.occupations.is_empty() {
        heading(out, "Occupations (NCES CIP 2020–SOC 2018 crosswalk)")?;
        list(out, &p.occupations)?;
    } else if p.crosswalk_no_match {
        writeln!(out, "\nThe NCES crosswalk lists no matching occupation for this program.")?;
    }
    Ok(())
}

fn print_industry(out: &mut dyn Write, i: &Industry) -> std::io::Result<()> {
    writeln!(out, "{}  {}  ({}, NAICS 2022)", i.naics, i.title, i.level.replace('_', " "))?;
    for h in &i.hierarchy {
        writeln!(out, "  in {}  {}", h.code, h.title)?;
    }
    if let Some(d) = &i.description {
        writeln!(out, "\n{d}")?;
    }
    if !i.children.is_empty() {
        heading(out, "Industries in this group")?;
        list(out, &i.children)?;
    }
    Ok(())
}
