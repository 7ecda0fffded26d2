//! Occupation codes as BLS tables write them: a SOC code of any level, or `00-0000`, the
//! "Total, all occupations" row that is not a SOC code.

use std::fmt;

use serde::{Serialize, Serializer};
use trellis_framework::codes::{CodeError, Soc};

/// An occupation code of a BLS table (OEWS, Employment Projections, the matrix).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OccCode {
    /// `00-0000`, total of all occupations.
    AllOccupations,
    /// A SOC code of any level; aggregates BLS publishes (`13-1020`) are broad-level codes.
    Soc(Soc),
}

impl OccCode {
    /// Parses with [`Soc::parse_lenient`], accepting `00-0000` as the total.
    pub fn parse_lenient(raw: &str) -> Result<OccCode, CodeError> {
        let t = trellis_framework::codes::unwrap_excel_text(raw);
        if t == "00-0000" || t == "000000" {
            return Ok(OccCode::AllOccupations);
        }
        Soc::parse_lenient(raw).map(OccCode::Soc)
    }

    /// The SOC code; `None` for the total.
    pub fn soc(self) -> Option<Soc> {
        match self {
            OccCode::AllOccupations => None,
            OccCode::Soc(s) => Some(s),
        }
    }
}

impl From<Soc> for OccCode {
    fn from(s: Soc) -> OccCode {
        OccCode::Soc(s)
    }
}

impl fmt::Display for OccCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OccCode::AllOccupations => f.write_str("00-0000"),
            OccCode::Soc(s) => s.fmt(f),
        }
    }
}

impl Serialize for OccCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn total_and_soc() {
        assert_eq!(OccCode::parse_lenient("=\"00-0000\"").unwrap(), OccCode::AllOccupations);
        assert_eq!(OccCode::AllOccupations.to_string(), "00-0000");
        let c = OccCode::parse_lenient("13-1020").unwrap();
        assert_eq!(c.to_string(), "13-1020");
        assert_eq!(c.soc().unwrap().level(), trellis_framework::codes::SocLevel::Broad);
        assert!(OccCode::parse_lenient("00-0001").is_err());
    }
}
