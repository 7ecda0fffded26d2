//! What is already on disk for a source, judged against the manifest.

use std::path::Path;

use crate::download::part_path;
use crate::error::FetchError;
use crate::manifest::{Entry, Manifest};
use crate::sources::Source;
use crate::verify::sha256_file;

/// The state of one source's file in the download directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocalState {
    /// Nothing downloaded yet.
    Missing,
    /// An interrupted download of this many bytes waits to be resumed.
    Partial { bytes: u64 },
    /// The file (and, for an archive, every member) matches the manifest.
    UpToDate,
    /// The archive matches the manifest but some extracted members are missing or altered.
    MembersMissing,
    /// A file is there, but the manifest does not vouch for it (another URL, another pin, or
    /// no entry at all).
    Unrecorded,
    /// The manifest vouches for the file, but its bytes have changed since.
    Changed,
}

impl LocalState {
    /// A short description for listings.
    pub fn describe(&self) -> String {
        match self {
            LocalState::Missing => "missing".into(),
            LocalState::Partial { bytes } => {
                format!(
                    "partial ({} downloaded, will resume)",
                    crate::progress::human_bytes(*bytes)
                )
            }
            LocalState::UpToDate => "up to date".into(),
            LocalState::MembersMissing => {
                "archive present, members missing (will unpack again)".into()
            }
            LocalState::Unrecorded => {
                "present but not in the manifest (will download again)".into()
            }
            LocalState::Changed => "changed since it was fetched (will download again)".into(),
        }
    }
}

/// The manifest entry that speaks for `source` as it is listed now, if any.
pub(crate) fn vouching_entry<'m>(manifest: &'m Manifest, source: &Source) -> Option<&'m Entry> {
    manifest.files.get(&source.name).filter(|e| {
        e.url == source.url
            && e.file == source.file
            && source.sha256.as_ref().is_none_or(|pin| pin == &e.sha256)
            && (!source.unpack || !e.unpacked.is_empty())
    })
}

/// Inspects `dir` for `source`, hashing what the manifest vouches for.
pub fn local_state(
    dir: &Path,
    source: &Source,
    manifest: &Manifest,
) -> Result<LocalState, FetchError> {
    let dest = source.path_in(dir);
    if !dest.is_file() {
        let part = part_path(&dest);
        return Ok(match std::fs::metadata(&part) {
            Ok(m) if m.len() > 0 => LocalState::Partial { bytes: m.len() },
            _ => LocalState::Missing,
        });
    }
    let Some(entry) = vouching_entry(manifest, source) else {
        return Ok(LocalState::Unrecorded);
    };
    if !same_bytes(&dest, entry.size, &entry.sha256)? {
        return Ok(LocalState::Changed);
    }
    for m in &entry.unpacked {
        let path = dir.join(m.file.split('/').collect::<std::path::PathBuf>());
        if !same_bytes(&path, m.size, &m.sha256)? {
            return Ok(LocalState::MembersMissing);
        }
    }
    Ok(LocalState::UpToDate)
}

/// Whether the file at `path` exists with this size and sha256 (size first: it is free).
fn same_bytes(path: &Path, size: u64, sha256: &str) -> Result<bool, FetchError> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() == size => Ok(sha256_file(path)?.1 == sha256),
        _ => Ok(false),
    }
}
