//! `DIR/trellis-manifest.json`: what was fetched, from where, when, and its sha256.
//!
//! The manifest lets a second run skip files that are complete and unchanged, lets
//! `--refresh` ask the publisher whether a file changed (ETag / Last-Modified), and records
//! the provenance of every file the import will read.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::error::{FetchError, IoContext};

/// The manifest's file name inside the download directory.
pub const MANIFEST_FILE: &str = "trellis-manifest.json";

/// The manifest format this build writes.
pub const MANIFEST_FORMAT: u32 = 1;

/// Every fetched file, keyed by source name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub files: BTreeMap<String, Entry>,
}

impl Default for Manifest {
    fn default() -> Self {
        Manifest { format: MANIFEST_FORMAT, files: BTreeMap::new() }
    }
}

/// One downloaded file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The address it was downloaded from.
    pub url: String,
    /// Its path relative to the download directory, `/`-separated.
    pub file: String,
    pub size: u64,
    /// Lowercase hex.
    pub sha256: String,
    /// When the download completed, RFC 3339 UTC.
    pub fetched_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// For an archive: the files extracted from it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unpacked: Vec<Member>,
}

/// A file extracted from an archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Its path relative to the download directory, `/`-separated.
    pub file: String,
    pub size: u64,
    pub sha256: String,
}

impl Manifest {
    /// The manifest's path inside `dir`.
    pub fn path(dir: &Path) -> PathBuf {
        dir.join(MANIFEST_FILE)
    }

    /// Reads `dir`'s manifest; an absent one is empty.
    pub fn load(dir: &Path) -> Result<Manifest, FetchError> {
        let path = Manifest::path(dir);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Manifest::default()),
            Err(e) => return Err(FetchError::io(path, e)),
        };
        let m: Manifest = serde_json::from_str(&text).map_err(|e| FetchError::Manifest {
            path: path.clone(),
            detail: format!("not a manifest: {e}"),
        })?;
        if m.format != MANIFEST_FORMAT {
            return Err(FetchError::Manifest {
                path,
                detail: format!(
                    "format {} is not the format {MANIFEST_FORMAT} this build reads",
                    m.format
                ),
            });
        }
        Ok(m)
    }

    /// Writes the manifest atomically: a reader sees the old or the new one, never half.
    pub fn save(&self, dir: &Path) -> Result<(), FetchError> {
        let path = Manifest::path(dir);
        let mut text = serde_json::to_string_pretty(self).expect("a manifest always serializes");
        text.push('\n');
        write_atomically(&path, text.as_bytes())
    }
}

/// Writes `bytes` to a temporary sibling, syncs it and renames it over `path`.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), FetchError> {
    let tmp = path.with_extension("json.tmp");
    let mut f = std::fs::File::create(&tmp).at(&tmp)?;
    f.write_all(bytes).at(&tmp)?;
    f.sync_all().at(&tmp)?;
    drop(f);
    std::fs::rename(&tmp, path).at(path)?;
    sync_parent(path);
    Ok(())
}

/// Makes a rename durable. Best effort: not every platform can open a directory.
pub(crate) fn sync_parent(path: &Path) {
    if let Some(Ok(d)) = path.parent().map(std::fs::File::open) {
        let _ = d.sync_all();
    }
}

/// The current time as RFC 3339 UTC, to the second.
pub fn now_rfc3339() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    rfc3339(secs)
}

/// Formats seconds since the Unix epoch as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn rfc3339(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Days to civil date (proleptic Gregorian), after H. Hinnant's `civil_from_days`.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_matches_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(rfc3339(4_107_542_399), "2100-02-28T23:59:59Z");
    }

    #[test]
    fn manifest_round_trips_and_rejects_garbage() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Manifest::load(dir.path()).unwrap(), Manifest::default());
        let mut m = Manifest::default();
        m.files.insert(
            "a".into(),
            Entry {
                url: "https://h/a.zip".into(),
                file: "x/a.zip".into(),
                size: 3,
                sha256: "00".repeat(32),
                fetched_at: rfc3339(0),
                etag: Some("\"e\"".into()),
                last_modified: None,
                unpacked: vec![Member {
                    file: "x/a/b.txt".into(),
                    size: 1,
                    sha256: "11".repeat(32),
                }],
            },
        );
        m.save(dir.path()).unwrap();
        assert_eq!(Manifest::load(dir.path()).unwrap(), m);
        std::fs::write(Manifest::path(dir.path()), "{ not json").unwrap();
        let err = Manifest::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("delete the file"), "{err}");
    }
}
