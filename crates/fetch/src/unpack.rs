//! Extracting a downloaded zip archive beside itself, so the import finds its members.

use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::download::part_path;
use crate::error::{FetchError, IoContext};
use crate::manifest::{Member, sync_parent};

/// Extracts every file of `archive` into `into`, keeping the archive's folders.
///
/// `rel_base` is `into` relative to the download directory (`/`-separated, empty for the
/// directory itself); the returned members carry paths relative to the download directory.
/// Each member is written to `NAME.part` and renamed when whole, so an interrupted unpack
/// never leaves a truncated file under a member's name.
pub fn unpack(archive: &Path, into: &Path, rel_base: &str) -> Result<Vec<Member>, FetchError> {
    let bad = |detail: String| FetchError::Archive { path: archive.to_path_buf(), detail };
    let file = std::fs::File::open(archive).at(archive)?;
    let mut zip =
        zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|e| bad(e.to_string()))?;
    let mut members = Vec::new();
    let mut buf = vec![0u8; 1 << 16];
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| bad(e.to_string()))?;
        if entry.is_dir() {
            continue;
        }
        let raw_name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        if entry.is_symlink() {
            return Err(bad(format!(
                "member `{raw_name}` is a symbolic link, which Trellis does not extract"
            )));
        }
        let rel = entry.enclosed_name().and_then(|p| plain_relative(&p)).ok_or_else(|| {
            bad(format!("member `{raw_name}` has a path outside the archive's folder"))
        })?;
        let dest = into.join(rel.iter().collect::<PathBuf>());
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).at(parent)?;
        }
        let tmp = part_path(&dest);
        let mut out = std::fs::File::create(&tmp).at(&tmp)?;
        let mut hasher = Sha256::new();
        let mut size = 0u64;
        loop {
            // The zip reader checks each member's CRC-32 at its end, so a corrupt archive
            // fails here rather than yielding a damaged file.
            let n = entry.read(&mut buf).map_err(|e| bad(format!("member `{raw_name}`: {e}")))?;
            if n == 0 {
                break;
            }
            out.write_all(&buf[..n]).at(&tmp)?;
            hasher.update(&buf[..n]);
            size += n as u64;
        }
        out.sync_all().at(&tmp)?;
        drop(out);
        std::fs::rename(&tmp, &dest).at(&dest)?;
        sync_parent(&dest);
        let joined = rel.join("/");
        let file = if rel_base.is_empty() { joined } else { format!("{rel_base}/{joined}") };
        members.push(Member { file, size, sha256: hex::encode(hasher.finalize()) });
    }
    Ok(members)
}

/// The path's components when all are plain names (no `..`, `.`, root or prefix).
fn plain_relative(p: &Path) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for c in p.components() {
        match c {
            Component::Normal(s) => out.push(s.to_str()?.to_string()),
            _ => return None,
        }
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use zip::write::SimpleFileOptions;

    fn make_zip(path: &Path, members: &[(&str, &[u8])]) {
        let mut w = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
        for (name, data) in members {
            w.start_file(*name, SimpleFileOptions::default()).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap();
    }

    #[test]
    fn extracts_members_with_their_folders_and_hashes() {
        let dir = tempfile::tempdir().unwrap();
        let zip_path = dir.path().join("a.zip");
        make_zip(&zip_path, &[("sub/x.txt", b"abc"), ("y.csv", b"1,2\n")]);
        let members = unpack(&zip_path, dir.path(), "base").unwrap();
        assert_eq!(members.len(), 2);
        assert_eq!(members[0].file, "base/sub/x.txt");
        assert_eq!(members[0].size, 3);
        assert_eq!(
            members[0].sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(std::fs::read(dir.path().join("sub/x.txt")).unwrap(), b"abc");
        assert_eq!(std::fs::read(dir.path().join("y.csv")).unwrap(), b"1,2\n");
        assert!(!dir.path().join("sub/x.txt.part").exists());
    }

    #[test]
    fn refuses_members_that_escape_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let zip_path = dir.path().join("evil.zip");
        make_zip(&zip_path, &[("../escape.txt", b"x")]);
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        let err = unpack(&zip_path, &out, "").unwrap_err().to_string();
        assert!(err.contains("outside the archive's folder"), "{err}");
        assert!(!dir.path().join("escape.txt").exists());
    }

    #[test]
    fn a_damaged_archive_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let zip_path = dir.path().join("bad.zip");
        std::fs::write(&zip_path, b"PK\x03\x04 not really").unwrap();
        let err = unpack(&zip_path, dir.path(), "").unwrap_err().to_string();
        assert!(
            err.contains("could not unpack") && err.contains("delete it and fetch again"),
            "{err}"
        );
    }
}
