//! The read path: the database opened read-only, the in-memory [`catalog::Catalog`] built
//! from it once at start-up, and per-state figures loaded on first use.

pub mod catalog;
pub mod detail;
pub mod pool;
pub mod state_figures;

pub use pool::Db;

#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error(
        "{path}: {source}. Build the database with `trellis data import DIR` or pass --db PATH"
    )]
    Open { path: String, source: rusqlite::Error },
    #[error("reading the database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("{0}")]
    Store(#[from] trellis_store::StoreError),
}
