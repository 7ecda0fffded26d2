//! What every command shares: where the database is, and how to log.

use std::path::PathBuf;

use anyhow::Context as _;

/// The file name of the database in the default location.
pub const DB_FILE_NAME: &str = "trellis.sqlite";

pub struct Context {
    /// The database path given by `--db` or `TRELLIS_DB`, if any.
    pub db_override: Option<PathBuf>,
}

impl Context {
    pub fn new(db_override: Option<PathBuf>) -> Context {
        Context { db_override }
    }

    /// The database to read or write: `--db PATH`, else `$TRELLIS_DB` (clap reads both into
    /// `db_override`), else `trellis.sqlite` in the platform's user data directory
    /// (`~/.local/share/trellis` on Linux, `~/Library/Application Support/org.trellis.trellis`
    /// on macOS, `%APPDATA%\trellis\trellis\data` on Windows).
    pub fn db_path(&self) -> anyhow::Result<PathBuf> {
        if let Some(p) = &self.db_override {
            return Ok(p.clone());
        }
        default_db_path().context(
            "cannot determine the user data directory (no home directory?): \
             pass --db PATH or set TRELLIS_DB",
        )
    }

    /// Opens the database read-only; when there is none, the error says what to run.
    pub fn store(&self) -> anyhow::Result<trellis_store::Store> {
        let path = self.db_path()?;
        Ok(trellis_store::Store::open(&path)?)
    }
}

/// `trellis.sqlite` in the platform's user data directory.
pub fn default_db_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "trellis", "trellis")
        .map(|d| d.data_dir().join(DB_FILE_NAME))
}

pub fn init_logging(quiet: bool) {
    let default = if quiet { "warn" } else { "info" };
    let filter = tracing_subscriber::EnvFilter::try_from_env("TRELLIS_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .without_time()
        .with_target(false)
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn override_wins() {
        let ctx = Context::new(Some(PathBuf::from("x/db.sqlite")));
        assert_eq!(ctx.db_path().unwrap(), PathBuf::from("x/db.sqlite"));
    }

    #[test]
    fn default_is_in_a_data_directory() {
        if let Some(p) = default_db_path() {
            assert!(p.ends_with(DB_FILE_NAME));
            assert!(p.components().count() > 2, "{}", p.display());
        }
    }
}
