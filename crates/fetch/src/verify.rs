//! Checks on downloaded bytes: their sha256, and whether they are the file at all.

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::{FetchError, IoContext};

/// The size and lowercase-hex sha256 of a file.
pub fn sha256_file(path: &Path) -> Result<(u64, String), FetchError> {
    let mut f = std::fs::File::open(path).at(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let n = f.read(&mut buf).at(path)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        size += n as u64;
    }
    Ok((size, hex::encode(hasher.finalize())))
}

/// Says what the bytes are when they are plainly not a file named `file_name`, which
/// happens when a publisher answers 200 with a block page or a landing page.
pub fn not_the_file(file_name: &str, head: &[u8]) -> Option<String> {
    let lower = file_name.to_ascii_lowercase();
    let zip_based = [".zip", ".xlsx", ".docx"].iter().any(|ext| lower.ends_with(ext));
    if head.is_empty() {
        return Some("an empty response".into());
    }
    if zip_based && !head.starts_with(b"PK\x03\x04") {
        return Some(
            describe(head).unwrap_or_else(|| "bytes that are not a zip or xlsx file".into()),
        );
    }
    describe(head)
}

/// Recognizes an HTML page from its first bytes.
fn describe(head: &[u8]) -> Option<String> {
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let text =
        String::from_utf8_lossy(&head[start..head.len().min(start + 64)]).to_ascii_lowercase();
    (text.starts_with("<!doctype html") || text.starts_with("<html")).then(|| "an HTML page".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognizes_pages_posing_as_files() {
        assert_eq!(not_the_file("a.xlsx", b"PK\x03\x04rest"), None);
        assert_eq!(not_the_file("a.csv", b"\"CIPFamily\",\"CIPCode\""), None);
        assert_eq!(
            not_the_file("a.xlsx", b"  <!DOCTYPE html><html>").as_deref(),
            Some("an HTML page")
        );
        assert_eq!(
            not_the_file("a.csv", b"<html><body>Access Denied").as_deref(),
            Some("an HTML page")
        );
        assert_eq!(
            not_the_file("a.zip", b"hello").as_deref(),
            Some("bytes that are not a zip or xlsx file")
        );
        assert_eq!(not_the_file("a.txt", b"").as_deref(), Some("an empty response"));
    }

    #[test]
    fn sha256_of_a_known_string() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("abc");
        std::fs::write(&p, b"abc").unwrap();
        let (size, sum) = sha256_file(&p).unwrap();
        assert_eq!(size, 3);
        assert_eq!(sum, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
