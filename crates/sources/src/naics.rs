//! NAICS 2022 from the Census Bureau: the code list (`2-6 digit_2022_Codes.xlsx`, or a TSV
//! of it) and the descriptions (`2022_NAICS_Descriptions.xlsx`, or CSV). Titles in the
//! descriptions file end in a `T` footnote marker (the industry is the same in the United
//! States, Canada and Mexico); the reader removes it and says so in `trilateral`.

use std::path::Path;

use serde::Serialize;
use trellis_framework::codes::{Naics, NaicsLevel};

use crate::error::ReadError;
use crate::header::Col;
use crate::meta::{SourceInfo, Table, years_in_name};
use crate::tabular::read_table;

/// One NAICS code with its title, and its description when read from the descriptions file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NaicsRecord {
    /// Range sectors are `31-33`, `44-45`, `48-49`.
    pub code: Naics,
    pub level: NaicsLevel,
    /// The title without the trailing `T` marker.
    pub title: String,
    /// The title carried the `T` marker (same industry in the US, Canada and Mexico).
    pub trilateral: bool,
    pub description: Option<String>,
}

/// Splits the `T` footnote marker off a NAICS title (`Crop ProductionT`).
pub fn split_trilateral_marker(title: &str) -> (&str, bool) {
    let t = title.trim();
    if let Some(rest) = t.strip_suffix('T') {
        // Only a marker when glued to a word that ends in lower case or a bracket: a title
        // cannot end in a capital T otherwise.
        if rest.ends_with(|c: char| c.is_ascii_lowercase() || c == ')' || c == '.') {
            return (rest.trim_end(), true);
        }
    }
    (t, false)
}

/// Reads either NAICS file. The code list has no descriptions; the descriptions file has them.
pub fn read_naics(path: &Path) -> Result<Table<NaicsRecord>, ReadError> {
    const SPEC: &[Col] = &[
        Col::req("NAICS code", &["# naics us code", "# naics code", "naics code", "code"]),
        Col::req("NAICS title", &["# naics us title", "# naics title", "naics title", "title"]),
        Col::opt("description", &["description"]),
    ];
    let mut rows = Vec::with_capacity(2200);
    let mut any_description = false;
    let (t, sheet) = read_table(
        path,
        SPEC,
        |_| true,
        |r| {
            let code = r.code(0, Naics::parse_lenient)?;
            let title = r.text(1)?;
            let (title, trilateral) = split_trilateral_marker(&title);
            let description = r.opt_string(2);
            any_description |= description.is_some();
            rows.push(NaicsRecord {
                code,
                level: code.level(),
                title: title.to_string(),
                trilateral,
                description,
            });
            Ok(())
        },
    )?;
    let descriptions = t.map.get(2).is_some();
    let mut info = SourceInfo::new(match (descriptions, sheet.is_some()) {
        (true, true) => "naics_descriptions_xlsx/1",
        (true, false) => "naics_descriptions_text/1",
        (false, true) => "naics_codes_xlsx/1",
        (false, false) => "naics_codes_text/1",
    });
    if descriptions && !any_description {
        info.warnings.push("the description column is empty in every row".into());
    }
    info.rows = t.rows;
    info.sheet = sheet;
    match t.map.years(0).first().copied().or_else(|| years_in_name(path).first().copied()) {
        Some(y) => info.vintage = y.to_string(),
        None => {
            info.warnings.push("the NAICS edition is not stated in the file or its name".into())
        }
    }
    Ok(Table { rows, info })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trilateral_marker() {
        assert_eq!(split_trilateral_marker("Crop ProductionT"), ("Crop Production", true));
        assert_eq!(split_trilateral_marker("Soybean Farming "), ("Soybean Farming", false));
        assert_eq!(
            split_trilateral_marker("Cut and Sew Apparel Contractors (except X)T"),
            ("Cut and Sew Apparel Contractors (except X)", true)
        );
        assert_eq!(split_trilateral_marker("AT&T"), ("AT&T", false));
    }
}
