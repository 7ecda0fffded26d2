//! What every command shares: where the database is, and how to log.

use std::path::PathBuf;

pub struct Context {
    /// The database path given by `--db` or `TRELLIS_DB`, if any.
    pub db_override: Option<PathBuf>,
}

impl Context {
    pub fn new(db_override: Option<PathBuf>) -> Context {
        Context { db_override }
    }
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
