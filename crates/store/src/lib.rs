//! The Trellis database: one SQLite file built atomically from the official public files, and
//! the typed queries every other part of Trellis reads it through.
//!
//! * [`import`] finds every official file in a directory ([`trellis_sources::discover`]),
//!   reads them in parallel, validates the cross-references between them (every SOC, CIP and
//!   NAICS code known; BLS aggregate codes mapped to the detailed occupations they stand for),
//!   writes the tables of [`SCHEMA`], runs the registered [`BuildStep`]s (crosswalk, match
//!   index) on the same file, and only then swaps it in over the previous database. A failed
//!   or interrupted build leaves the previous database as it was.
//! * [`tune_sqlite`] sets SQLite's process-wide memory settings (allocations through
//!   mimalloc, no memory statistics); [`import`] and [`Store::open`] call it, and a program
//!   that opens connections of its own can call it first thing.
//! * [`Store`] opens a built database read-only: [`Store::occupation`], [`Store::program`],
//!   [`Store::industry`], [`Store::sources`], [`Store::closest_codes`], and [`Store::conn`] for
//!   the queries of other crates.
//!
//! ```no_run
//! use std::path::Path;
//! use trellis_store::{import, ImportOptions, Store};
//!
//! let report = import(&ImportOptions::new(Path::new("data"), Some(Path::new("trellis.sqlite"))))?;
//! println!("{} files, {} rows", report.files.len(), report.total_rows());
//! let store = Store::open(Path::new("trellis.sqlite"))?;
//! let dev = store.occupation("15-1252".parse()?)?.expect("in SOC 2018");
//! println!("{}: median wage {:?}", dev.title, dev.wages.map(|w| w.median.value));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod build;
pub mod query;
mod store;
mod tune;

pub use build::bulk;
pub use build::{
    BuildError, FileReport, ImportOptions, ImportReport, NoProgress, Progress, StepReport,
    UnknownCode, import,
};
pub use query::{CodeSystem, CodeTitle, Figure};
pub use store::{SourceFile, Store, StoreError};
pub use tune::tune_sqlite;

/// The DDL of the tables filled from the official files.
pub const SCHEMA: &str = include_str!("schema.sql");

/// The version of [`SCHEMA`] a database was built with (`meta.schema_version`). Raised when a
/// table or column changes, so that a reader never misreads an older database.
pub const SCHEMA_VERSION: &str = "1";

/// A step that derives tables (crosswalk, match index, ...) from the imported data, run
/// inside the same atomic build, after every official file has been read, validated and
/// indexed.
///
/// A step either runs whole ([`run`](BuildStep::run)) or, better, splits into
/// [`prepare`](BuildStep::prepare) and [`StepRows::write`]: the build prepares every step at
/// once, each on its own thread and its own read-only connection, and writes (or runs) the
/// steps one after the other in registration order, each as soon as it and the steps before it
/// are prepared. So a step's `prepare` must not read another step's tables.
///
/// The writing connection is the build's own file (no journal, no syncs: the whole file is
/// synced once before it replaces the previous database) with no transaction open. Wrap the
/// step's inserts in one (`conn.unchecked_transaction()`): in autocommit mode every statement
/// is its own transaction and writes its pages out. A step that fails fails the import; the
/// previous database stays as it was.
pub trait BuildStep: Sync {
    /// A short name for progress lines and the build report.
    fn name(&self) -> &str;
    /// Creates and fills this step's tables on the database being built.
    fn run(
        &self,
        conn: &rusqlite::Connection,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>>;
    /// Reads what the step needs from `read` (only the imported tables) and computes its rows,
    /// without writing; the build calls [`StepRows::write`] on the result later. `None` (the
    /// default) means the step does not split: the build calls [`run`](BuildStep::run).
    fn prepare(
        &self,
        _read: &rusqlite::Connection,
    ) -> Result<Option<Box<dyn StepRows + '_>>, Box<dyn std::error::Error + Send + Sync>> {
        Ok(None)
    }
}

/// The rows a [`BuildStep::prepare`] computed, ready to be written.
pub trait StepRows: Send {
    /// Creates and fills the step's tables on the database being built.
    fn write(
        self: Box<Self>,
        conn: &rusqlite::Connection,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>>;
}
