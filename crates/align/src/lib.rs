//! Trellis's crosswalk engine: it rebuilds the Cluster – Sub-Cluster – SOC – CIP – NAICS
//! crosswalk of the National Career Clusters® Framework (2024) from official labor-market data,
//! by the method the Advance CTE technical report describes, and keeps the evidence behind every
//! assignment.
//!
//! - [`Inputs`]: the official data the method reads (OEWS employment by sector, the National
//!   Employment Matrix by industry, O*NET titles and tasks, the 2002 career clusters, the NCES
//!   CIP–SOC crosswalk), loaded from a Trellis database or built by hand in tests;
//!   [`unpublished`] estimates the matrix industries published only inside a summary.
//! - [`Method`]: the method's data files under `data/` (industries → clusters, seed rules with
//!   citations, the 2002 prior, sub-cluster profiles); [`Params`]: its numbers.
//! - [`build`](engine::build): inputs + method + parameters (+ [`Overrides`]) → [`Crosswalk`],
//!   deterministic: the same inputs give the same bytes out.
//! - [`persist`]: stored builds (`schema.sql`), [`export`]: CSV/JSON/XLSX shapes,
//!   [`explain`]: an assignment in words, [`diff`]: two builds, or a build and a crosswalk file.
//! - [`DefaultBuild`]: the step `trellis data import` runs so a fresh database has a crosswalk.
//!
//! ```
//! use trellis_align::{engine, Inputs, Method, Overrides, Params, Taxonomy};
//! use trellis_align::inputs::OccupationInput;
//!
//! let tax = Taxonomy::framework();
//! let method = Method::builtin(&tax).unwrap();
//! let inputs = Inputs {
//!     occupations: vec![OccupationInput {
//!         soc: "15-1252".into(),
//!         title: "Software Developers".into(),
//!         titles: vec!["Software Developers".into()],
//!         official_titles: 1,
//!         oews_sectors: vec![("54".into(), Some(690_000.0)), ("31".into(), Some(140_000.0))],
//!         ..Default::default()
//!     }],
//!     ..Default::default()
//! };
//! let xw = engine::build(&tax, &method, &Params::default(), &inputs, &Overrides::default());
//! let p = xw.occupations[0].primary();
//! assert_eq!((p.cluster.as_str(), p.sub_cluster.as_deref()), ("digital-technology", Some("software-solutions")));
//! ```

pub mod diff;
pub mod engine;
pub mod explain;
pub mod export;
mod framework_adapter;
pub mod inputs;
pub mod method;
pub mod model;
pub mod overrides;
pub mod params;
pub mod persist;
pub mod taxonomy;
pub mod text;
pub mod unpublished;

use std::time::Instant;

pub use inputs::Inputs;
pub use method::Method;
pub use model::Crosswalk;
pub use overrides::Overrides;
pub use params::Params;
pub use rusqlite::Connection;
pub use taxonomy::Taxonomy;

/// What can go wrong, each with what to do next.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("{0}")]
    Method(String),
    #[error("{0}")]
    MissingData(String),
    #[error("{0}")]
    Io(String),
}

/// What a build did, for the command's report.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BuildReport {
    pub build_id: i64,
    pub inputs_sha256: String,
    pub vintages: Vec<String>,
    pub occupations: usize,
    pub occupations_with_employment: usize,
    pub occupations_with_sub_cluster: usize,
    pub occupations_interdisciplinary: usize,
    pub occupations_with_suppressed_cells: usize,
    pub programs: usize,
    pub programs_interdisciplinary: usize,
    /// (cluster id, sub-cluster id or "", primary occupations)
    pub counts: Vec<(String, String, usize)>,
    pub overrides: Vec<model::OverrideApplied>,
    /// (stage, milliseconds)
    pub timings: Vec<(String, f64)>,
}

/// Loads the inputs from `conn`, builds, stores the build as current, and reports.
pub fn run_build(
    conn: &rusqlite::Connection,
    params: &Params,
    overrides: &Overrides,
    label: &str,
) -> Result<BuildReport, Error> {
    let t0 = Instant::now();
    let tax = Taxonomy::framework();
    let method = Method::builtin(&tax)?;
    let t1 = Instant::now();
    let inputs = Inputs::load(conn, &tax.framework_2002)?;
    let t2 = Instant::now();
    let xw = engine::build(&tax, &method, params, &inputs, overrides);
    let t3 = Instant::now();
    let id = persist::store(conn, &xw, label, &now_rfc3339(), &overrides.to_json())?;
    let t4 = Instant::now();
    let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
    let mut report = summarize(&xw, &inputs, id);
    report.timings = vec![
        ("method files".into(), ms(t0, t1)),
        ("read inputs".into(), ms(t1, t2)),
        ("compute".into(), ms(t2, t3)),
        ("store".into(), ms(t3, t4)),
    ];
    Ok(report)
}

/// Counts for the build report.
pub fn summarize(xw: &Crosswalk, inputs: &Inputs, build_id: i64) -> BuildReport {
    let mut counts: std::collections::BTreeMap<(String, String), usize> = Default::default();
    for o in &xw.occupations {
        let p = o.primary();
        *counts
            .entry((p.cluster.clone(), p.sub_cluster.clone().unwrap_or_default()))
            .or_default() += 1;
    }
    BuildReport {
        build_id,
        inputs_sha256: xw.inputs_sha256.clone(),
        vintages: inputs.vintages.clone(),
        occupations: xw.occupations.len(),
        occupations_with_employment: xw
            .occupations
            .iter()
            .filter(|o| o.evidence.employment > 0.0)
            .count(),
        occupations_with_sub_cluster: xw
            .occupations
            .iter()
            .filter(|o| o.primary().sub_cluster.is_some())
            .count(),
        occupations_interdisciplinary: xw
            .occupations
            .iter()
            .filter(|o| o.primary().interdisciplinary)
            .count(),
        occupations_with_suppressed_cells: xw
            .occupations
            .iter()
            .filter(|o| !o.evidence.suppressed_sectors.is_empty())
            .count(),
        programs: xw.programs.len(),
        programs_interdisciplinary: xw
            .programs
            .iter()
            .filter(|p| p.rows.first().is_some_and(|r| r.interdisciplinary))
            .count(),
        counts: counts.into_iter().map(|((c, s), n)| (c, s, n)).collect(),
        overrides: xw.overrides.clone(),
        timings: Vec::new(),
    }
}

fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = secs / 86_400;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// The default crosswalk build, run by `trellis data import` after the official files are read.
#[derive(Debug, Default, Clone, Copy)]
pub struct DefaultBuild;

impl trellis_store::BuildStep for DefaultBuild {
    fn name(&self) -> &str {
        "crosswalk"
    }

    fn run(
        &self,
        conn: &rusqlite::Connection,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        run_build(conn, &Params::default(), &Overrides::default(), "default")?;
        Ok(())
    }

    fn prepare(
        &self,
        read: &rusqlite::Connection,
    ) -> Result<
        Option<Box<dyn trellis_store::StepRows + '_>>,
        Box<dyn std::error::Error + Send + Sync>,
    > {
        let tax = Taxonomy::framework();
        let method = Method::builtin(&tax)?;
        let inputs = Inputs::load(read, &tax.framework_2002)?;
        let overrides = Overrides::default();
        let xw = engine::build(&tax, &method, &Params::default(), &inputs, &overrides);
        Ok(Some(Box::new(PreparedBuild { xw, overrides_json: overrides.to_json() })))
    }
}

/// A default build computed by [`DefaultBuild`]'s `prepare`, stored by `write`.
struct PreparedBuild {
    xw: Crosswalk,
    overrides_json: String,
}

impl trellis_store::StepRows for PreparedBuild {
    fn write(
        self: Box<Self>,
        conn: &rusqlite::Connection,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        persist::store(conn, &self.xw, "default", &now_rfc3339(), &self.overrides_json)?;
        Ok(())
    }
}

/// Opens a Trellis database for writing a build; the error says what to run when there is none.
pub fn open_database(path: &std::path::Path) -> Result<rusqlite::Connection, Error> {
    if !path.exists() {
        return Err(Error::MissingData(format!(
            "no database at {}: run `trellis data import DIR` first (or pass --db PATH)",
            path.display()
        )));
    }
    Ok(rusqlite::Connection::open(path)?)
}
