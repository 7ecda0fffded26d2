//! The Trellis database (being written). `SCHEMA` is the contract every reader of the
//! database codes against; `BuildStep` lets derived tables join the same atomic build.

/// The DDL of the tables filled from the official files.
pub const SCHEMA: &str = include_str!("schema.sql");

/// A step that derives tables (crosswalk, match index, ...) from the imported data, run
/// inside the same atomic build, after every official file has been read.
pub trait BuildStep: Sync {
    /// A short name for progress lines and the build report.
    fn name(&self) -> &str;
    /// Creates and fills this step's tables on the database being built.
    fn run(
        &self,
        conn: &rusqlite::Connection,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>>;
}
