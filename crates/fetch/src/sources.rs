//! The source list: which official files to fetch, from where, and where to save them.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::FetchError;

/// The list compiled into the binary (`crates/fetch/sources.toml` in the repository).
pub const BUILTIN_SOURCES: &str = include_str!("../sources.toml");

/// One official file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Short unique id, used by `--only`.
    pub name: String,
    /// What the file is, in words.
    pub dataset: String,
    /// The publisher's address for the file.
    pub url: String,
    /// Where to save it, relative to the download directory, `/`-separated.
    pub file: String,
    /// A zip archive whose members are extracted beside it.
    #[serde(default)]
    pub unpack: bool,
    /// The sha256 the download must have, lowercase hex.
    #[serde(default)]
    pub sha256: Option<String>,
    /// A remark for the listing.
    #[serde(default)]
    pub note: Option<String>,
}

impl Source {
    /// The host part of the URL, for messages.
    pub fn host(&self) -> &str {
        host_of(&self.url)
    }

    /// The file's path under `dir`.
    pub fn path_in(&self, dir: &Path) -> PathBuf {
        dir.join(self.file.split('/').collect::<PathBuf>())
    }
}

/// The host of an http(s) URL (`www.bls.gov`), or the whole string if it has none.
pub fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    // Keep IPv6 literals whole; strip a port otherwise.
    if authority.starts_with('[') {
        return authority.find(']').map_or(authority, |i| &authority[..=i]);
    }
    authority.split(':').next().unwrap_or(authority)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListFile {
    #[serde(default)]
    source: Vec<Source>,
}

/// A validated list of sources, with a note of where it came from.
#[derive(Debug, Clone)]
pub struct SourceList {
    /// Where the list was read from: a file path, or "the built-in source list".
    pub origin: String,
    pub sources: Vec<Source>,
}

impl SourceList {
    /// The list compiled into the binary.
    pub fn builtin() -> SourceList {
        SourceList::parse(BUILTIN_SOURCES, "the built-in source list (crates/fetch/sources.toml)")
            .expect("the built-in source list is checked by the crate's tests")
    }

    /// Reads and validates a list from a TOML file.
    pub fn load(path: &Path) -> Result<SourceList, FetchError> {
        let text = std::fs::read_to_string(path).map_err(|e| FetchError::SourceList {
            origin: path.display().to_string(),
            detail: format!("cannot read it: {e}"),
        })?;
        SourceList::parse(&text, &path.display().to_string())
    }

    /// Parses and validates TOML text; `origin` names it in error messages.
    pub fn parse(text: &str, origin: &str) -> Result<SourceList, FetchError> {
        let err = |detail: String| FetchError::SourceList { origin: origin.to_string(), detail };
        let parsed: ListFile = toml::from_str(text).map_err(|e| err(e.to_string()))?;
        if parsed.source.is_empty() {
            return Err(err("it lists no [[source]] entries".into()));
        }
        let mut names = HashSet::new();
        let mut files = HashSet::new();
        for s in &parsed.source {
            validate(s).map_err(|d| err(format!("source `{}`: {d}", s.name)))?;
            if !names.insert(s.name.as_str()) {
                return Err(err(format!("the name `{}` is used twice", s.name)));
            }
            if !files.insert(s.file.as_str()) {
                return Err(err(format!("the file `{}` is used twice", s.file)));
            }
        }
        Ok(SourceList { origin: origin.to_string(), sources: parsed.source })
    }

    /// The sources named in `only`, in list order, or all of them when `only` is empty.
    pub fn select(&self, only: &[String]) -> Result<Vec<&Source>, FetchError> {
        for name in only {
            if !self.sources.iter().any(|s| &s.name == name) {
                return Err(FetchError::UnknownSource {
                    name: name.clone(),
                    origin: self.origin.clone(),
                    known: self
                        .sources
                        .iter()
                        .map(|s| s.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            }
        }
        Ok(self.sources.iter().filter(|s| only.is_empty() || only.contains(&s.name)).collect())
    }
}

fn validate(s: &Source) -> Result<(), String> {
    let name_ok = !s.name.is_empty()
        && s.name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if !name_ok {
        return Err("the name must be lowercase letters, digits, `-` or `_`".into());
    }
    if !(s.url.starts_with("https://") || s.url.starts_with("http://"))
        || host_of(&s.url).is_empty()
    {
        return Err(format!("the url `{}` is not an http(s) address", s.url));
    }
    if s.url.chars().any(char::is_whitespace) {
        return Err(format!("the url `{}` contains a space; write it as %20", s.url));
    }
    validate_file(&s.file)?;
    let reserved = [crate::manifest::MANIFEST_FILE, crate::fetcher::LOCK_FILE];
    if s.file.ends_with(".part")
        || s.file.ends_with(".part.meta")
        || reserved.contains(&s.file.as_str())
    {
        return Err(format!("the file name `{}` is reserved", s.file));
    }
    let is_hex = |h: &str| {
        h.len() == 64 && h.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    if let Some(h) = s.sha256.as_deref().filter(|h| !is_hex(h)) {
        return Err(format!("sha256 `{h}` is not 64 lowercase hex digits"));
    }
    if s.unpack && !s.file.to_ascii_lowercase().ends_with(".zip") {
        return Err("`unpack = true` needs a .zip file name".into());
    }
    Ok(())
}

/// A relative path that stays inside the download directory on every platform.
fn validate_file(file: &str) -> Result<(), String> {
    let bad = || format!("the file `{file}` must be a relative path inside the download directory");
    if file.is_empty() || file.contains('\\') || file.starts_with('/') || file.contains(':') {
        return Err(bad());
    }
    for part in file.split('/') {
        let mut comps = Path::new(part).components();
        match (comps.next(), comps.next()) {
            (Some(Component::Normal(_)), None) => {}
            _ => return Err(bad()),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_list_is_valid_and_covers_every_publisher() {
        let list = SourceList::builtin();
        let hosts: HashSet<&str> = list.sources.iter().map(Source::host).collect();
        for host in [
            "www.bls.gov",
            "nces.ed.gov",
            "www.onetcenter.org",
            "www.census.gov",
            "www.onetonline.org",
        ] {
            assert!(hosts.contains(host), "no source from {host}");
        }
        assert!(list.sources.iter().all(|s| s.url.starts_with("https://")));
        let zips: Vec<&str> =
            list.sources.iter().filter(|s| s.unpack).map(|s| s.name.as_str()).collect();
        assert_eq!(zips, ["oews-national", "oews-sector", "oews-state", "onet-database"]);
    }

    #[test]
    fn host_is_taken_from_the_authority() {
        assert_eq!(host_of("https://www.bls.gov/emp/x.xlsx"), "www.bls.gov");
        assert_eq!(host_of("http://127.0.0.1:8080/a"), "127.0.0.1");
        assert_eq!(host_of("http://user@example.org?q"), "example.org");
        assert_eq!(host_of("http://[::1]:80/a"), "[::1]");
    }

    fn one(extra: &str) -> String {
        format!("[[source]]\nname = \"a\"\ndataset = \"d\"\nurl = \"https://h/x.zip\"\n{extra}")
    }

    #[test]
    fn rejects_unsafe_or_malformed_entries() {
        let cases = [
            (one("file = \"../x.zip\""), "relative path"),
            (one("file = \"/etc/x.zip\""), "relative path"),
            (one("file = \"a\\\\x.zip\""), "relative path"),
            (one("file = \"x.zip\"\nsha256 = \"abc\""), "64 lowercase hex"),
            (one("file = \"x.xlsx\"\nunpack = true"), ".zip"),
            (one("file = \"x.zip\"\nsurprise = 1"), "unknown field"),
            (one("file = \"trellis-manifest.json\""), "reserved"),
            ("".to_string(), "no [[source]]"),
        ];
        for (text, expected) in cases {
            let err = SourceList::parse(&text, "test.toml").unwrap_err().to_string();
            assert!(err.contains(expected), "{text:?} gave {err:?}, expected {expected:?}");
            assert!(err.starts_with("source list test.toml"), "{err}");
        }
        let dup = format!("{}\n{}", one("file = \"x.zip\""), one("file = \"y.zip\""));
        assert!(SourceList::parse(&dup, "t").unwrap_err().to_string().contains("used twice"));
    }

    #[test]
    fn select_keeps_list_order_and_names_unknown_sources() {
        let list = SourceList::builtin();
        let picked = list.select(&["soc-2018".into(), "bls-ep-occupation".into()]).unwrap();
        let names: Vec<&str> = picked.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["bls-ep-occupation", "soc-2018"]);
        let err = list.select(&["nope".into()]).unwrap_err().to_string();
        assert!(err.contains("no source named `nope`") && err.contains("soc-2018"), "{err}");
    }
}
