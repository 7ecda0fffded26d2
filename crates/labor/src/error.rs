//! Errors of the labor-market computations. Each message says what is wrong and what to do.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum LaborError {
    #[error("database error while {context}: {source}")]
    Database {
        context: String,
        #[source]
        source: rusqlite::Error,
    },

    #[error(
        "the database has no {what}; run `trellis data import DIR` with the official files (see `trellis data --help`)"
    )]
    MissingData { what: String },

    #[error(
        "no Trellis database at {path}; build one with `trellis data import DIR` (the folder of official files), or point --db / TRELLIS_DB at one"
    )]
    NoDatabase { path: PathBuf },

    #[error(
        "the database has no current crosswalk build, so occupations have no clusters; run `trellis crosswalk build` (or re-run `trellis data import`)"
    )]
    NoCrosswalk,

    #[error("unknown state `{code}`; the data have OEWS rows for: {known}")]
    UnknownState { code: String, known: String },

    #[error(
        "state `{code}` has no OEWS rows in the database (OEWS {vintage}); import the OEWS state file that covers it, or pick one of: {known}"
    )]
    NoStateRows { code: String, vintage: String, known: String },

    #[error("unknown cluster `{key}`; try one of: {known}")]
    UnknownCluster { key: String, known: String },

    #[error("unknown sub-cluster `{key}`; list them with `trellis framework`")]
    UnknownSubCluster { key: String },

    #[error(
        "unknown occupation `{code}`: no EP or OEWS row has this SOC code (use a detailed SOC 2018 code such as 29-1141)"
    )]
    UnknownOccupation { code: String },

    #[error("the HSHWID definitions of {state} are invalid: {message}")]
    Definitions { state: String, message: String },

    #[error("{path}: line {line}: {message}")]
    StateProjections { path: PathBuf, line: u64, message: String },

    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("cannot write the workbook: {0}")]
    Workbook(String),
}

pub type Result<T, E = LaborError> = std::result::Result<T, E>;

/// Attaches what was being done to a database error.
pub(crate) trait DbContext<T> {
    fn ctx(self, context: &str) -> Result<T>;
}

impl<T> DbContext<T> for rusqlite::Result<T> {
    fn ctx(self, context: &str) -> Result<T> {
        self.map_err(|source| LaborError::Database { context: context.to_string(), source })
    }
}
