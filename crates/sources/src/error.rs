//! The one error type of the readers: where (file, sheet, row, column) and what went wrong.

use std::fmt;
use std::path::{Path, PathBuf};

use trellis_framework::codes::CodeError;

/// An error reading an official file. The message names the file, the sheet, the row (1-based,
/// as a spreadsheet or editor shows it, the header being row 1 of a CSV) and the column, then
/// says what was expected, e.g.
/// `CIPCode2020.csv, row 812, column CIPCode: invalid CIP code "01.01O1": expected …`.
#[derive(Debug)]
pub struct ReadError {
    /// The file, as given to the reader.
    pub path: PathBuf,
    /// The worksheet, for spreadsheets.
    pub sheet: Option<String>,
    /// 1-based row number as a spreadsheet shows it.
    pub row: Option<u64>,
    /// The column header as published (or its position when the file has no header).
    pub column: Option<String>,
    pub kind: ErrorKind,
}

/// What went wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    #[error("the file is empty: download it again (trellis data fetch)")]
    Empty,
    #[error("the file has a header but no data rows: download it again (trellis data fetch)")]
    HeaderOnly,
    #[error(
        "the file is not UTF-8 text ({detail}); it was probably re-saved in another encoding \
         (Windows-1252/Latin-1): use the file as published, or save it as UTF-8"
    )]
    Encoding { detail: String },
    #[error("malformed {format}: {detail}")]
    Malformed { format: &'static str, detail: String },
    #[error(
        "not a readable {format} workbook ({detail}); the file is truncated or corrupt: \
         download it again (trellis data fetch)"
    )]
    Workbook { format: &'static str, detail: String },
    #[error("no worksheet {expected}; sheets found: {}", found.join(", "))]
    MissingSheet { expected: String, found: Vec<String> },
    #[error(
        "no column for {}; expected {}; columns found: {}",
        missing.join(", "),
        expected.join("; "),
        found.iter().map(|c| format!("{c:?}")).collect::<Vec<_>>().join(", ")
    )]
    MissingColumns { missing: Vec<String>, expected: Vec<String>, found: Vec<String> },
    #[error("{0}")]
    Code(#[from] CodeError),
    #[error("empty cell: expected {expected}")]
    EmptyCell { expected: String },
    #[error("unexpected value {found:?}: expected {expected}")]
    Value { found: String, expected: String },
    #[error("{0}")]
    Other(String),
}

impl ReadError {
    pub fn new(path: &Path, kind: ErrorKind) -> ReadError {
        ReadError { path: path.to_path_buf(), sheet: None, row: None, column: None, kind }
    }

    pub fn with_sheet(mut self, sheet: Option<&str>) -> ReadError {
        self.sheet = sheet.map(str::to_string);
        self
    }

    pub fn at_row(mut self, row: u64) -> ReadError {
        self.row = Some(row);
        self
    }

    pub fn in_column(mut self, column: impl Into<String>) -> ReadError {
        self.column = Some(column.into());
        self
    }

    /// The file name alone, as messages show it.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.display().to_string())
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file_name())?;
        if let Some(sheet) = &self.sheet {
            write!(f, ", sheet {sheet:?}")?;
        }
        if let Some(row) = self.row {
            write!(f, ", row {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": {}", self.kind)
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io(e) => Some(e),
            ErrorKind::Code(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use trellis_framework::codes::Cip;

    #[test]
    fn message_names_file_row_and_column() {
        let code_err = Cip::parse_lenient("01.01O1").unwrap_err();
        let e = ReadError::new(Path::new("data/cip/CIPCode2020.csv"), code_err.into())
            .at_row(812)
            .in_column("CIPCode");
        let msg = e.to_string();
        assert!(
            msg.starts_with(
                "CIPCode2020.csv, row 812, column CIPCode: invalid CIP code \"01.01O1\": expected"
            ),
            "{msg}"
        );
    }

    #[test]
    fn message_names_sheet() {
        let e = ReadError::new(
            Path::new("occupation.xlsx"),
            ErrorKind::MissingSheet { expected: "Table 1.2".into(), found: vec!["Index".into()] },
        );
        assert_eq!(e.to_string(), "occupation.xlsx: no worksheet Table 1.2; sheets found: Index");
        let e = ReadError::new(Path::new("o.xlsx"), ErrorKind::Empty).with_sheet(Some("T"));
        assert!(e.to_string().starts_with("o.xlsx, sheet \"T\": the file is empty"));
    }
}
