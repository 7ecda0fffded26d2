//! What every reader returns besides its rows: the sheet read, the vintage, warnings.

use std::path::Path;

use serde::Serialize;

/// Rows read from one file, and what is known about them.
#[derive(Debug, Clone, Serialize)]
pub struct Table<T> {
    pub rows: Vec<T>,
    pub info: SourceInfo,
}

/// Facts about a file read, for the database's `sources` table.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SourceInfo {
    /// Reader name and version, e.g. `oews_xlsx/1`.
    pub reader: &'static str,
    /// The worksheet(s) read, for spreadsheets (several joined by `, `).
    pub sheet: Option<String>,
    /// The vintage, e.g. `2024-34`, `M2024`, `29.3`, `2018`; `unknown` (with a warning) when
    /// neither the file nor its name says.
    pub vintage: String,
    /// Data rows read.
    pub rows: usize,
    /// Things the user should know that did not stop the read.
    pub warnings: Vec<String>,
}

impl SourceInfo {
    pub(crate) fn new(reader: &'static str) -> SourceInfo {
        SourceInfo { reader, vintage: UNKNOWN.to_string(), ..SourceInfo::default() }
    }
}

pub(crate) const UNKNOWN: &str = "unknown";

/// A projection period written as BLS does: `2024-34`.
pub(crate) fn period(base: u16, proj: u16) -> String {
    format!("{base}-{:02}", proj % 100)
}

/// The years (1990–2099) named in a file name, in order: `nem_2018_28` gives `[2018, 2028]`,
/// `national_M2024_dl.xlsx` gives `[2024]`.
pub(crate) fn years_in_name(path: &Path) -> Vec<u16> {
    let mut out = Vec::new();
    let full = path.to_string_lossy();
    // The file name first, then its folders, so that the file's own year wins.
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    for text in [name.as_str(), full.as_ref()] {
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i].is_ascii_digit() {
                let start = i;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                let run = &text[start..i];
                if run.len() == 4 && (run.starts_with("19") || run.starts_with("20")) {
                    let y: u16 = run.parse().expect("digits");
                    out.push(y);
                    // A range written `2018_28` or `2018-28`.
                    if i + 3 <= b.len()
                        && (b[i] == b'_' || b[i] == b'-')
                        && b[i + 1].is_ascii_digit()
                        && b[i + 2].is_ascii_digit()
                        && (i + 3 == b.len() || !b[i + 3].is_ascii_digit())
                    {
                        let end = y / 100 * 100
                            + u16::from(b[i + 1] - b'0') * 10
                            + u16::from(b[i + 2] - b'0');
                        out.push(if end < y { end + 100 } else { end });
                        i += 3;
                    }
                }
            } else {
                i += 1;
            }
        }
        if !out.is_empty() {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_from_names() {
        assert_eq!(years_in_name(Path::new("bls/nem_2018_28/industry.csv")), vec![2018, 2028]);
        assert_eq!(years_in_name(Path::new("x/national_M2024_dl.xlsx")), vec![2024]);
        assert_eq!(years_in_name(Path::new("2-6 digit_2022_Codes.xlsx")), vec![2022]);
        assert_eq!(years_in_name(Path::new("a/b.csv")), Vec::<u16>::new());
        assert_eq!(period(2024, 2034), "2024-34");
    }
}
