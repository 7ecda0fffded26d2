//! SOC 2018: the BLS "2018 SOC Definitions" workbook (`soc_2018_definitions.xlsx`), or the
//! same table as TSV/CSV.

use std::path::Path;

use serde::Serialize;
use trellis_framework::codes::{Soc, SocLevel};

use crate::error::{ErrorKind, ReadError};
use crate::header::Col;
use crate::meta::{SourceInfo, Table, years_in_name};
use crate::tabular::read_table;

/// One SOC code of any level, with its title and (detailed occupations only) definition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SocRecord {
    pub code: Soc,
    pub level: SocLevel,
    pub title: String,
    pub definition: Option<String>,
}

const GROUP: usize = 0;
const CODE: usize = 1;
const TITLE: usize = 2;
const DEFINITION: usize = 3;
const SPEC: &[Col] = &[
    Col::opt("SOC group", &["soc group", "group"]),
    Col::req("SOC code", &["soc code", "# soc code", "code"]),
    Col::req("SOC title", &["soc title", "# soc title", "title"]),
    Col::opt("SOC definition", &["soc definition", "# soc definition", "definition"]),
];

/// Reads the SOC definitions file. The level comes from the code; where the file states a
/// group (Major/Minor/Broad/Detailed) that disagrees, that is an error.
pub fn read_soc(path: &Path) -> Result<Table<SocRecord>, ReadError> {
    let mut rows = Vec::with_capacity(1500);
    let (t, sheet) = read_table(
        path,
        SPEC,
        |n| n.contains("SOC"),
        |row| {
            let code = row.code(CODE, Soc::parse_lenient)?;
            let level = code.level();
            if let Some(group) = row.opt_text(GROUP)
                && !group.eq_ignore_ascii_case(level.as_str())
            {
                return Err(row.err(
                    GROUP,
                    ErrorKind::Value {
                        found: group.into_owned(),
                        expected: format!("{} (the level of SOC code {code})", level.as_str()),
                    },
                ));
            }
            rows.push(SocRecord {
                code,
                level,
                title: row.string(TITLE)?,
                definition: row.opt_string(DEFINITION),
            });
            Ok(())
        },
    )?;
    let mut info = SourceInfo::new(if sheet.is_some() { "soc_xlsx/1" } else { "soc_text/1" });
    info.rows = t.rows;
    // The workbook's sheet is named "2018 SOC"; the file name says 2018 too.
    let years = sheet.as_deref().map(|s| years_in_name(Path::new(s))).filter(|y| !y.is_empty());
    match years.unwrap_or_else(|| years_in_name(path)).first() {
        Some(y) => info.vintage = y.to_string(),
        None => info.warnings.push("the SOC version is not stated in the file or its name".into()),
    }
    info.sheet = sheet;
    Ok(Table { rows, info })
}
