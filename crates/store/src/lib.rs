//! The Trellis database: one SQLite file built atomically from the official public files, and
//! the typed queries every other part of Trellis reads it through.
//!
//! * [`import`] finds every official file in a directory ([`trellis_sources::discover`]),
//!   reads them in parallel, validates the cross-references between them (every SOC, CIP and
//!   NAICS code known; BLS aggregate codes mapped to the detailed occupations they stand for),
//!   writes the tables of [`SCHEMA`], runs the registered [`BuildStep`]s (crosswalk, match
//!   index) on the same file, and only then swaps it in over the previous database. A failed
//!   or interrupted build leaves the previous database as it was.
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

pub use build::bulk;
pub use build::{
    BuildError, FileReport, ImportOptions, ImportReport, NoProgress, Progress, StepReport,
    UnknownCode, import,
};
pub use query::{CodeSystem, CodeTitle, Figure};
pub use store::{SourceFile, Store, StoreError};

/// The DDL of the tables filled from the official files.
pub const SCHEMA: &str = include_str!("schema.sql");

/// The version of [`SCHEMA`] a database was built with (`meta.schema_version`). Raised when a
/// table or column changes, so that a reader never misreads an older database.
pub const SCHEMA_VERSION: &str = "1";

/// A step that derives tables (crosswalk, match index, ...) from the imported data, run
/// inside the same atomic build, after every official file has been read, validated and
/// indexed.
///
/// The connection is the build's own file (no journal, no syncs: the whole file is synced once
/// before it replaces the previous database) with no transaction open. Wrap the step's inserts
/// in one (`conn.unchecked_transaction()`): in autocommit mode every statement is its own
/// transaction and writes its pages out. A step that fails fails the import; the previous
/// database stays as it was.
pub trait BuildStep: Sync {
    /// A short name for progress lines and the build report.
    fn name(&self) -> &str;
    /// Creates and fills this step's tables on the database being built.
    fn run(
        &self,
        conn: &rusqlite::Connection,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>>;
}
