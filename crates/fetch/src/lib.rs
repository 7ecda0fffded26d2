//! Downloads the official data files Trellis imports from their publishers' addresses.
//!
//! The files to fetch come from a [`SourceList`]: the list compiled in from
//! `crates/fetch/sources.toml` ([`SourceList::builtin`]) or any TOML file of the same form
//! ([`SourceList::load`]). Each `[[source]]` names a file (`name`, `dataset`, `url`, `file`,
//! optional `unpack`, `sha256`, `note`); `docs/FETCH.md` describes the format.
//!
//! A [`Fetcher`] downloads the selected sources into a directory, one after another:
//!
//! * each download goes to `FILE.part` and is renamed to `FILE` only once it is complete,
//!   checked and (for a zip archive) unpacked, so a final name never holds half a file;
//! * a broken connection, a timeout, or a 5xx/408/429 answer is retried with exponential
//!   backoff ([`RetryPolicy`]); an interrupted download resumes with an HTTP `Range`
//!   request, and starts over when the server ignores it;
//! * `DIR/trellis-manifest.json` ([`Manifest`]) records each file's URL, size, sha256, time
//!   of fetch, ETag and Last-Modified, and the files extracted from archives; a later run
//!   skips files that are complete and unchanged, and with `refresh` asks the publisher
//!   whether they changed;
//! * a `sha256` pinned in the source list must match, or nothing is kept;
//! * failures say what to do: offline, a moved file (404), a refusing server (403), a web
//!   page served instead of the file.
//!
//! Progress shows as bars on a terminal and as `tracing` log lines otherwise
//! ([`ProgressMode`]).
//!
//! ```no_run
//! use trellis_fetch::{FetchOptions, Fetcher, SourceList};
//!
//! let fetcher = Fetcher::new("data/official", SourceList::builtin(), FetchOptions::default());
//! let report = fetcher.fetch(&["soc-2018".to_string()])?;
//! for (name, error) in report.failures() {
//!     eprintln!("{name}: {error}");
//! }
//! # Ok::<(), trellis_fetch::FetchError>(())
//! ```

mod download;
mod error;
mod fetcher;
mod manifest;
mod progress;
mod sources;
mod state;
mod unpack;
mod verify;

pub use download::RetryPolicy;
pub use error::FetchError;
pub use fetcher::{
    Action, DEFAULT_USER_AGENT, Done, FetchOptions, Fetcher, Item, LOCK_FILE, Planned, Report,
};
pub use manifest::{Entry, MANIFEST_FILE, Manifest, Member};
pub use progress::{ProgressMode, human_bytes};
pub use sources::{BUILTIN_SOURCES, Source, SourceList, host_of};
pub use state::LocalState;
pub use verify::sha256_file;
