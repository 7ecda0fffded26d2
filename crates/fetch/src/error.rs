//! What can go wrong while fetching, each case worded so the user knows what to do next.

use std::path::PathBuf;

/// A failure to fetch one file (or to read the source list or manifest).
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The source list could not be read or is malformed.
    #[error("source list {origin}: {detail}")]
    SourceList { origin: String, detail: String },

    /// `--only` named a source that is not in the list.
    #[error("no source named `{name}` in the source list {origin}; known names: {known}")]
    UnknownSource { name: String, origin: String, known: String },

    /// DNS failed or no connection could be made: most often, no network.
    #[error(
        "could not reach {host}: {detail} — check your connection, or download the files listed \
         in {list} by hand into {dir}"
    )]
    Unreachable { host: String, detail: String, list: String, dir: PathBuf },

    /// 404 or 410: the file is no longer at that address.
    #[error(
        "{url} answered HTTP {status}: the publisher moved or removed the file; edit the `{name}` \
         entry in the source list ({list}) with the file's new address, then fetch again"
    )]
    NotFound { name: String, url: String, status: u16, list: String },

    /// 401 or 403: the server refuses this client.
    #[error(
        "{url} answered HTTP {status}: the server refused the request. Some publishers (BLS among \
         them) turn away clients that do not identify themselves; pass --user-agent \"Your \
         Organization (you@example.org)\" or set TRELLIS_USER_AGENT, then fetch again"
    )]
    Refused { url: String, status: u16 },

    /// A retryable status (5xx, 408, 429) that did not go away.
    #[error(
        "{url} answered HTTP {status} {attempts} times in a row; the server is busy or down, try again later"
    )]
    Status { url: String, status: u16, attempts: u32 },

    /// A status Trellis has no plan for (a 400, a redirect it could not follow, ...).
    #[error(
        "{url} answered HTTP {status}, which is not a file; check the `{name}` entry in the \
         source list ({list}) against the publisher's site"
    )]
    Unexpected { name: String, url: String, status: u16, list: String },

    /// The request could not be made at all (TLS failure, malformed address, ...).
    #[error("could not request {url}: {detail}")]
    Request { url: String, detail: String },

    /// The connection kept failing during the transfer.
    #[error(
        "downloading {url} failed after {attempts} attempts: {detail}; run the fetch again to resume"
    )]
    Transfer { url: String, attempts: u32, detail: String },

    /// The download does not have the sha256 the source list pins.
    #[error(
        "{name}: the download's sha256 is {actual}, but the source list pins {expected}; the \
         publisher may have released a new version. Nothing was kept. Check the file, then update \
         or remove the `sha256` of `{name}` in the source list"
    )]
    Checksum { name: String, expected: String, actual: String },

    /// The server answered with something that is not the file (typically a web page).
    #[error(
        "{url} returned {what} instead of the file; the publisher may block automated downloads \
         (pass --user-agent with your contact address) or the address now leads to a web page \
         (edit the `{name}` entry in the source list {list})"
    )]
    NotTheFile { name: String, url: String, what: String, list: String },

    /// Another fetch holds the download directory.
    #[error(
        "another `trellis data fetch` is downloading into {}; wait for it to finish, then run \
         this one again",
        dir.display()
    )]
    Busy { dir: PathBuf },

    /// A zip archive could not be unpacked.
    #[error("{}: could not unpack: {detail}; delete it and fetch again", path.display())]
    Archive { path: PathBuf, detail: String },

    /// The manifest exists but cannot be read.
    #[error("{}: {detail}; delete the file to fetch everything anew", path.display())]
    Manifest { path: PathBuf, detail: String },

    /// A local file operation failed.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl FetchError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> FetchError {
        FetchError::Io { path: path.into(), source }
    }
}

/// Adds the path to an `io::Result`.
pub(crate) trait IoContext<T> {
    fn at(self, path: impl Into<PathBuf>) -> Result<T, FetchError>;
}

impl<T> IoContext<T> for std::io::Result<T> {
    fn at(self, path: impl Into<PathBuf>) -> Result<T, FetchError> {
        self.map_err(|e| FetchError::io(path, e))
    }
}
