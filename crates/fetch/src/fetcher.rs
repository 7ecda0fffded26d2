//! The fetch of a whole source list into a directory, one file at a time.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::download::{self, Names, Outcome, RetryPolicy, Validators, discard_part, part_path};
use crate::error::{FetchError, IoContext};
use crate::manifest::{Entry, Manifest, now_rfc3339, sync_parent};
use crate::progress::{ProgressMode, Reporter, human_bytes};
use crate::sources::{Source, SourceList};
use crate::state::{LocalState, local_state, vouching_entry};
use crate::unpack::unpack;
use crate::verify::{not_the_file, sha256_file};

/// The User-Agent sent when none is configured. Some publishers (BLS) refuse requests that
/// do not identify the client; adding a contact address is better still.
pub const DEFAULT_USER_AGENT: &str = concat!(
    "trellis/",
    env!("CARGO_PKG_VERSION"),
    " (career-clusters data download; +https://github.com/trellis-cte/trellis)"
);

/// The lock file a fetch holds in the download directory.
pub const LOCK_FILE: &str = ".trellis-fetch.lock";

/// How a fetch behaves.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// The User-Agent header sent with every request.
    pub user_agent: String,
    pub retry: RetryPolicy,
    pub progress: ProgressMode,
    /// Ask the publisher whether files already fetched have changed (conditional requests).
    pub refresh: bool,
    /// The longest wait for a connection.
    pub connect_timeout: Duration,
    /// The longest silence from the server, for the response headers and for each read.
    pub read_timeout: Duration,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            user_agent: DEFAULT_USER_AGENT.to_string(),
            retry: RetryPolicy::default(),
            progress: ProgressMode::detect(),
            refresh: false,
            connect_timeout: Duration::from_secs(30),
            read_timeout: Duration::from_secs(60),
        }
    }
}

/// What happened to one source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Downloaded from the start.
    Downloaded,
    /// Completed from an interrupted download of this many bytes.
    Resumed { from: u64 },
    /// Already complete and unchanged on disk; nothing was asked of the server.
    UpToDate,
    /// `--refresh`: the publisher says the copy on disk is current.
    NotModified,
    /// The archive was intact but its members were extracted again.
    Unpacked,
}

/// A source fetched (or found current).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    pub action: Action,
    pub size: u64,
    pub sha256: String,
    /// Files extracted from the archive (0 for a plain file).
    pub members: usize,
}

/// One line of a fetch's report.
#[derive(Debug)]
pub struct Item {
    pub name: String,
    pub file: String,
    pub result: Result<Done, FetchError>,
}

/// The outcome of a fetch, source by source, in list order.
#[derive(Debug, Default)]
pub struct Report {
    pub items: Vec<Item>,
}

impl Report {
    /// The sources that failed.
    pub fn failures(&self) -> impl Iterator<Item = (&str, &FetchError)> {
        self.items.iter().filter_map(|i| i.result.as_ref().err().map(|e| (i.name.as_str(), e)))
    }

    pub fn all_ok(&self) -> bool {
        self.items.iter().all(|i| i.result.is_ok())
    }
}

/// One source in a `--dry-run` listing.
#[derive(Debug, Clone)]
pub struct Planned {
    pub source: Source,
    pub path: PathBuf,
    pub state: LocalState,
}

/// Fetches the files of a source list into a directory.
pub struct Fetcher {
    dir: PathBuf,
    list: SourceList,
    options: FetchOptions,
    agent: ureq::Agent,
}

impl Fetcher {
    pub fn new(dir: impl Into<PathBuf>, list: SourceList, options: FetchOptions) -> Fetcher {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .user_agent(options.user_agent.as_str())
            .timeout_connect(Some(options.connect_timeout))
            .timeout_recv_response(Some(options.read_timeout))
            .timeout_per_read(Some(options.read_timeout))
            .build();
        Fetcher { dir: dir.into(), list, options, agent: config.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn list(&self) -> &SourceList {
        &self.list
    }

    /// What a fetch of `only` (all when empty) would do, without touching the network.
    pub fn plan(&self, only: &[String]) -> Result<Vec<Planned>, FetchError> {
        let manifest = Manifest::load(&self.dir)?;
        self.list
            .select(only)?
            .into_iter()
            .map(|s| {
                Ok(Planned {
                    source: s.clone(),
                    path: s.path_in(&self.dir),
                    state: local_state(&self.dir, s, &manifest)?,
                })
            })
            .collect()
    }

    /// Fetches `only` (all when empty). Per-file failures are in the report; an `Err` means
    /// nothing could be attempted (unknown name, unreadable manifest, unwritable directory).
    pub fn fetch(&self, only: &[String]) -> Result<Report, FetchError> {
        let selected = self.list.select(only)?;
        std::fs::create_dir_all(&self.dir).at(&self.dir)?;
        let _lock = self.lock()?;
        let mut manifest = Manifest::load(&self.dir)?;
        let mut report = Report::default();
        // Hosts that could not be reached: their other files fail at once instead of each
        // repeating the same wait and the same message.
        let mut unreachable: Vec<String> = Vec::new();
        for source in selected {
            let mut reporter = Reporter::new(self.options.progress);
            let result = if unreachable.iter().any(|h| h == source.host()) {
                Err(FetchError::Unreachable {
                    host: source.host().to_string(),
                    detail: "not tried, the host was unreachable for an earlier file".into(),
                    list: self.list.origin.clone(),
                    dir: self.dir.clone(),
                })
            } else {
                self.fetch_one(source, &mut manifest, &mut reporter)
            };
            if let Err(FetchError::Unreachable { host, .. }) = &result
                && !unreachable.contains(host)
            {
                unreachable.push(host.clone());
            }
            reporter.finish();
            match &result {
                Ok(done) => reporter.info(&summary(source, done)),
                Err(e) => reporter.warn(&format!("{}: {e}", source.name)),
            }
            report.items.push(Item {
                name: source.name.clone(),
                file: source.file.clone(),
                result,
            });
        }
        Ok(report)
    }

    fn fetch_one(
        &self,
        source: &Source,
        manifest: &mut Manifest,
        reporter: &mut Reporter,
    ) -> Result<Done, FetchError> {
        let dest = source.path_in(&self.dir);
        let state = local_state(&self.dir, source, manifest)?;
        let recorded = vouching_entry(manifest, source).cloned();
        let mut conditional = None;
        match (&state, &recorded) {
            (LocalState::UpToDate, Some(entry)) if !self.options.refresh => {
                return Ok(done(Action::UpToDate, entry));
            }
            (LocalState::UpToDate, Some(entry)) => {
                conditional = Some(Validators {
                    etag: entry.etag.clone(),
                    last_modified: entry.last_modified.clone(),
                })
                .filter(|v| v.etag.is_some() || v.last_modified.is_some());
            }
            (LocalState::MembersMissing, Some(entry)) => {
                reporter.info(&format!("{}: unpacking {} again", source.name, source.file));
                let mut entry = entry.clone();
                entry.unpacked = self.unpack_archive(source, &dest)?;
                let d = done(Action::Unpacked, &entry);
                manifest.files.insert(source.name.clone(), entry);
                manifest.save(&self.dir)?;
                return Ok(d);
            }
            _ => {}
        }

        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).at(parent)?;
        }
        let part = part_path(&dest);
        let names =
            Names { name: &source.name, url: &source.url, list: &self.list.origin, dir: &self.dir };
        let (validators, resumed_from) = match download::download(
            &self.agent,
            &self.options.retry,
            reporter,
            &names,
            &part,
            conditional.as_ref(),
        )? {
            Outcome::NotModified => {
                let entry =
                    recorded.expect("a conditional request is only made for a recorded file");
                return Ok(done(Action::NotModified, &entry));
            }
            Outcome::Complete { validators, resumed_from } => (validators, resumed_from),
        };
        reporter.finish();

        match self.verify(source, &part) {
            Ok(()) => {}
            Err(e) => {
                discard_part(&part)?;
                return Err(e);
            }
        }
        let (size, sha256) = sha256_file(&part)?;
        if let Some(pin) = source.sha256.as_ref().filter(|pin| **pin != sha256) {
            discard_part(&part)?;
            return Err(FetchError::Checksum {
                name: source.name.clone(),
                expected: pin.clone(),
                actual: sha256,
            });
        }
        // Unpack from the partial name, so the archive appears under its own name only once
        // everything it holds is in place.
        let unpacked = if source.unpack {
            match self.unpack_archive(source, &part) {
                Ok(members) => members,
                Err(e) => {
                    discard_part(&part)?;
                    return Err(e);
                }
            }
        } else {
            Vec::new()
        };
        std::fs::rename(&part, &dest).at(&dest)?;
        sync_parent(&dest);
        discard_part(&part)?;

        let entry = Entry {
            url: source.url.clone(),
            file: source.file.clone(),
            size,
            sha256,
            fetched_at: now_rfc3339(),
            etag: validators.etag,
            last_modified: validators.last_modified,
            unpacked,
        };
        let action = if resumed_from > 0 {
            Action::Resumed { from: resumed_from }
        } else {
            Action::Downloaded
        };
        let d = done(action, &entry);
        manifest.files.insert(source.name.clone(), entry);
        manifest.save(&self.dir)?;
        Ok(d)
    }

    /// Holds `DIR/.trellis-fetch.lock` for the fetch, so two fetches never write the same
    /// partial files. The operating system releases it when the process ends, however it ends.
    fn lock(&self) -> Result<std::fs::File, FetchError> {
        let path = self.dir.join(LOCK_FILE);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .at(&path)?;
        match file.try_lock() {
            Ok(()) => Ok(file),
            Err(std::fs::TryLockError::WouldBlock) => {
                Err(FetchError::Busy { dir: self.dir.clone() })
            }
            Err(std::fs::TryLockError::Error(e)) => Err(FetchError::io(path, e)),
        }
    }

    /// Refuses a download that is plainly not the file (a web page, nothing at all).
    fn verify(&self, source: &Source, part: &Path) -> Result<(), FetchError> {
        let mut head = Vec::with_capacity(512);
        std::fs::File::open(part).at(part)?.take(512).read_to_end(&mut head).at(part)?;
        match not_the_file(&source.file, &head) {
            None => Ok(()),
            Some(what) => Err(FetchError::NotTheFile {
                name: source.name.clone(),
                url: source.url.clone(),
                what,
                list: self.list.origin.clone(),
            }),
        }
    }

    fn unpack_archive(
        &self,
        source: &Source,
        archive: &Path,
    ) -> Result<Vec<crate::manifest::Member>, FetchError> {
        let rel_base = source.file.rsplit_once('/').map_or("", |(dir, _)| dir);
        let into = source.path_in(&self.dir);
        let into = into.parent().unwrap_or(&self.dir);
        unpack(archive, into, rel_base)
    }
}

fn done(action: Action, entry: &Entry) -> Done {
    Done { action, size: entry.size, sha256: entry.sha256.clone(), members: entry.unpacked.len() }
}

fn summary(source: &Source, d: &Done) -> String {
    let what = match d.action {
        Action::Downloaded => "downloaded".to_string(),
        Action::Resumed { from } => format!("downloaded (resumed at {})", human_bytes(from)),
        Action::UpToDate => "up to date".to_string(),
        Action::NotModified => "unchanged at the publisher".to_string(),
        Action::Unpacked => "unpacked again".to_string(),
    };
    let members = match d.members {
        0 => String::new(),
        1 => ", 1 file unpacked".to_string(),
        n => format!(", {n} files unpacked"),
    };
    format!("{}: {what}, {} {}{members}", source.name, human_bytes(d.size), source.file)
}
