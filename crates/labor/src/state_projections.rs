//! State occupational projections supplied by a state (its labor-market information office
//! publishes long-term projections), read from a plain CSV file. When given, a state's
//! projected employment, change and openings come from this file instead of being estimated
//! from the national projections. The format is documented in `docs/STATE_PROJECTIONS.md`:
//!
//! ```text
//! state,soc,base_year,projected_year,employment_base,employment_projected,annual_openings
//! CT,29-1141,2022,2032,36250,38870,2410
//! ```

use std::collections::HashMap;
use std::path::Path;

use crate::error::{LaborError, Result};

/// The columns the file must have, in any order; other columns are an error so that a typo
/// does not silently drop a column.
pub const COLUMNS: [&str; 7] = [
    "state",
    "soc",
    "base_year",
    "projected_year",
    "employment_base",
    "employment_projected",
    "annual_openings",
];

/// One occupation's projection for one state.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StateProjection {
    pub base_year: u16,
    pub projected_year: u16,
    pub employment_base: Option<f64>,
    pub employment_projected: Option<f64>,
    pub annual_openings: Option<f64>,
}

/// The rows of a projections file, by state and SOC code.
#[derive(Debug, Clone, Default)]
pub struct StateProjections {
    /// Where the file came from, for labels.
    pub source: String,
    rows: HashMap<(String, String), StateProjection>,
    /// (base, projected) years per state: one cycle per state.
    cycles: HashMap<String, (u16, u16)>,
}

impl StateProjections {
    pub fn from_path(path: &Path) -> Result<StateProjections> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| LaborError::Io { path: path.to_path_buf(), source })?;
        Self::from_csv(&text, path)
    }

    /// Parses the CSV text; `path` names the file in error messages.
    pub fn from_csv(text: &str, path: &Path) -> Result<StateProjections> {
        let err = |line: u64, message: String| LaborError::StateProjections {
            path: path.to_path_buf(),
            line,
            message,
        };
        let mut reader =
            csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| err(1, e.to_string()))?.clone();
        let mut col = HashMap::new();
        for (i, h) in headers.iter().enumerate() {
            let h = h.to_ascii_lowercase();
            if !COLUMNS.contains(&h.as_str()) {
                return Err(err(
                    1,
                    format!("unknown column `{h}`; the columns are: {}", COLUMNS.join(", ")),
                ));
            }
            col.insert(h, i);
        }
        for c in COLUMNS {
            if !col.contains_key(c) {
                return Err(err(
                    1,
                    format!("missing column `{c}`; the columns are: {}", COLUMNS.join(", ")),
                ));
            }
        }
        let mut out = StateProjections { source: path.display().to_string(), ..Default::default() };
        for (n, record) in reader.records().enumerate() {
            let line = n as u64 + 2;
            let record = record.map_err(|e| err(line, e.to_string()))?;
            let get = |c: &str| record.get(col[c]).unwrap_or("").trim();
            let state = get("state").to_ascii_uppercase();
            if state.len() != 2 || !state.chars().all(|c| c.is_ascii_alphabetic()) {
                return Err(err(
                    line,
                    format!("`{}` is not a two-letter state postal code", get("state")),
                ));
            }
            let soc = get("soc");
            if soc.parse::<trellis_framework::codes::Soc>().is_err() {
                return Err(err(line, format!("`{soc}` is not a SOC code written NN-NNNN")));
            }
            let year = |c: &str| -> Result<u16> {
                get(c).parse::<u16>().ok().filter(|y| (1990..=2100).contains(y)).ok_or_else(|| {
                    err(line, format!("`{c}` must be a four-digit year, found `{}`", get(c)))
                })
            };
            let number = |c: &str| -> Result<Option<f64>> {
                let raw = get(c).replace(',', "");
                if raw.is_empty() {
                    return Ok(None);
                }
                raw.parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0).map(Some).ok_or_else(
                    || {
                        err(
                            line,
                            format!(
                                "`{c}` must be a non-negative number of persons, found `{}`",
                                get(c)
                            ),
                        )
                    },
                )
            };
            let p = StateProjection {
                base_year: year("base_year")?,
                projected_year: year("projected_year")?,
                employment_base: number("employment_base")?,
                employment_projected: number("employment_projected")?,
                annual_openings: number("annual_openings")?,
            };
            if p.projected_year <= p.base_year {
                return Err(err(line, "projected_year must come after base_year".into()));
            }
            match out.cycles.get(&state) {
                Some(&cycle) if cycle != (p.base_year, p.projected_year) => {
                    return Err(err(
                        line,
                        format!(
                            "{state} already has rows for {}-{}; one file holds one projection cycle per state",
                            cycle.0, cycle.1
                        ),
                    ));
                }
                _ => {
                    out.cycles.insert(state.clone(), (p.base_year, p.projected_year));
                }
            }
            if out.rows.insert((state.clone(), soc.to_string()), p).is_some() {
                return Err(err(line, format!("{state} {soc} appears twice")));
            }
        }
        Ok(out)
    }

    pub fn get(&self, state: &str, soc: &str) -> Option<&StateProjection> {
        self.rows.get(&(state.to_string(), soc.to_string()))
    }

    /// The (base, projected) years of a state's rows, if the file has the state.
    pub fn cycle(&self, state: &str) -> Option<(u16, u16)> {
        self.cycles.get(state).copied()
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<StateProjections> {
        StateProjections::from_csv(text, Path::new("ct.csv"))
    }

    #[test]
    fn reads_rows_in_any_column_order() {
        let p = parse(
            "soc,state,base_year,projected_year,employment_base,employment_projected,annual_openings\n\
             29-1141,ct,2022,2032,\"36,250\",38870,2410\n\
             15-1252,CT,2022,2032,9000,,\n",
        )
        .unwrap();
        assert_eq!(p.len(), 2);
        let rn = p.get("CT", "29-1141").unwrap();
        assert_eq!(rn.employment_base, Some(36250.0));
        assert_eq!(rn.annual_openings, Some(2410.0));
        assert_eq!(p.get("CT", "15-1252").unwrap().employment_projected, None);
        assert_eq!(p.cycle("CT"), Some((2022, 2032)));
    }

    #[test]
    fn errors_name_the_line_and_the_problem() {
        let header = "state,soc,base_year,projected_year,employment_base,employment_projected,annual_openings\n";
        let e = parse(&format!("{header}CT,291141,2022,2032,1,2,3\n")).unwrap_err().to_string();
        assert!(e.contains("line 2") && e.contains("291141"), "{e}");
        let e = parse(&format!("{header}CT,29-1141,22,2032,1,2,3\n")).unwrap_err().to_string();
        assert!(e.contains("base_year"), "{e}");
        let e = parse(&format!("{header}CT,29-1141,2022,2032,1,2,3\nCT,15-1252,2020,2030,1,2,3\n"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 3") && e.contains("one projection cycle"), "{e}");
        let e = parse("state,soc,year\n").unwrap_err().to_string();
        assert!(e.contains("unknown column `year`"), "{e}");
        let e = parse(&format!("{header}CT,29-1141,2022,2032,-5,2,3\n")).unwrap_err().to_string();
        assert!(e.contains("employment_base"), "{e}");
    }
}
