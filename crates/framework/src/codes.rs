//! The classification codes Trellis joins on: SOC 2018, O*NET-SOC, CIP 2020 and NAICS 2022.
//!
//! Every type has two ways in:
//! - [`FromStr`] is **strict**: it accepts exactly the canonical written form (`15-1252`,
//!   `15-1252.00`, `51.3801`, `541511` or `31-33`) and nothing else. A near miss gets an error
//!   that says what was expected and, where one exists, the canonical form the input most
//!   likely meant.
//! - `parse_lenient` applies a **documented normalization** for what official files really
//!   contain: surrounding whitespace, Excel's `="…"` text wrapper, SOC written without its
//!   hyphen (`151252`), CIP codes whose leading zero was eaten by a spreadsheet (`1.0101`).
//!   Nothing else is repaired; a lenient parse never guesses between two plausible codes.
//!
//! ```
//! use trellis_framework::codes::{Soc, SocLevel, Cip, Naics};
//! let soc: Soc = "15-1252".parse().unwrap();
//! assert_eq!(soc.level(), SocLevel::Detailed);
//! assert_eq!(soc.broad().to_string(), "15-1250");
//! assert!("151252".parse::<Soc>().is_err());
//! assert_eq!(Soc::parse_lenient(" 151252 ").unwrap(), soc);
//! assert_eq!("51.3801".parse::<Cip>().unwrap().series().to_string(), "51");
//! assert_eq!("311".parse::<Naics>().unwrap().sector().to_string(), "31-33");
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a code did not parse. The message names the code system, the input and the expected form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {system} code {input:?}: expected {expected}{}", hint.as_ref().map(|h| format!(" (did you mean {h:?}?)")).unwrap_or_default())]
pub struct CodeError {
    pub system: &'static str,
    pub input: String,
    pub expected: &'static str,
    /// The canonical code the input most likely meant, when the lenient normalization finds one.
    pub hint: Option<String>,
}

fn shown(input: &str) -> String {
    // Error messages must stay readable even for a 10 kB input.
    if input.chars().count() > 40 {
        let head: String = input.chars().take(40).collect();
        format!("{head}…")
    } else {
        input.to_string()
    }
}

/// Strips what spreadsheets and CSV exports wrap around codes: whitespace and `="…"`.
pub fn unwrap_excel_text(raw: &str) -> &str {
    let t = raw.trim();
    let t = t.strip_prefix("=\"").and_then(|s| s.strip_suffix('"')).unwrap_or(t);
    t.trim()
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn digits_value(s: &str) -> u32 {
    s.bytes().fold(0, |acc, b| acc * 10 + u32::from(b - b'0'))
}

macro_rules! serde_via_display {
    ($t:ty) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

// ---------------------------------------------------------------------------------------------
// SOC
// ---------------------------------------------------------------------------------------------

/// The four levels of the Standard Occupational Classification hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SocLevel {
    Major,
    Minor,
    Broad,
    Detailed,
}

impl SocLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            SocLevel::Major => "major",
            SocLevel::Minor => "minor",
            SocLevel::Broad => "broad",
            SocLevel::Detailed => "detailed",
        }
    }
}

impl fmt::Display for SocLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Detailed occupations numbered past their broad group's nine: (`NN-NNN0` they seem to fall
/// under, the broad group they belong to).
const SOC_2018_BROAD_OVERFLOW: [(u32, u32); 1] = [(29_1220, 29_1210)];

/// The SOC 2018 minor groups numbered `NN-NN00` rather than `NN-N000`.
const SOC_2018_TWO_DIGIT_MINOR_GROUPS: [u32; 3] = [15_1200, 31_1100, 51_5100];

/// A Standard Occupational Classification code, written `NN-NNNN`.
///
/// The level follows from the digits, as SOC 2018 numbers its codes: `NN-0000` is a major
/// group, `NN-N000` a minor group (three minor groups take two digits, `NN-NN00`: `15-1200`,
/// `31-1100`, `51-5100`), other codes ending in `0` are broad occupations and anything else a
/// detailed occupation. Tables that hold codes of another vintage say so beside them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Soc(u32);

impl Soc {
    const EXPECTED: &'static str = "a SOC code written NN-NNNN, e.g. 15-1252";

    /// Builds a code from its six digits (`151252`); `None` if out of range.
    pub fn from_digits(n: u32) -> Option<Soc> {
        (10_0000..=99_9999).contains(&n).then_some(Soc(n))
    }

    /// The six digits as a number (`15-1252` → `151252`).
    pub fn digits(self) -> u32 {
        self.0
    }

    /// The level, consistent with [`Soc::minor`]: a code is a minor group when it is its own
    /// minor group (`11-1000`, `15-1200`), so `11-4100` is a broad occupation of `11-4000`.
    pub fn level(self) -> SocLevel {
        let rest = self.0 % 10_000;
        if rest == 0 {
            SocLevel::Major
        } else if self.minor() == self {
            SocLevel::Minor
        } else if rest.is_multiple_of(10) {
            SocLevel::Broad
        } else {
            SocLevel::Detailed
        }
    }

    /// The two-digit major group number (`15` for `15-1252`).
    pub fn major_group(self) -> u8 {
        (self.0 / 10_000) as u8
    }

    pub fn major(self) -> Soc {
        Soc(self.0 / 10_000 * 10_000)
    }

    /// The minor group. SOC 2018 numbers its minor groups `NN-N000`, except three that take
    /// two digits (`15-1200` Computer Occupations, `31-1100` Home Health and Personal Care
    /// Aides…, `51-5100` Printing Workers), so the digits alone do not say which applies.
    pub fn minor(self) -> Soc {
        let two_digit = Soc(self.0 / 100 * 100);
        if SOC_2018_TWO_DIGIT_MINOR_GROUPS.contains(&two_digit.0) {
            two_digit
        } else {
            Soc(self.0 / 1000 * 1000)
        }
    }

    /// The broad occupation. One SOC 2018 broad group holds more than nine detailed
    /// occupations: Physicians, `29-1210`, also holds `29-1221` to `29-1229`.
    pub fn broad(self) -> Soc {
        let b = self.0 / 10 * 10;
        match SOC_2018_BROAD_OVERFLOW.iter().find(|(overflow, _)| *overflow == b) {
            Some(&(_, broad)) if self.0 != b => Soc(broad),
            _ => Soc(b),
        }
    }

    /// The code one level up, or `None` for a major group.
    pub fn parent(self) -> Option<Soc> {
        match self.level() {
            SocLevel::Major => None,
            SocLevel::Minor => Some(self.major()),
            SocLevel::Broad => Some(self.minor()),
            SocLevel::Detailed => Some(self.broad()),
        }
    }

    /// True when `self` is `other` or lies below it in the hierarchy.
    pub fn is_within(self, other: Soc) -> bool {
        match other.level() {
            SocLevel::Major => self.major() == other,
            SocLevel::Minor => self.minor() == other,
            SocLevel::Broad => self.broad() == other,
            SocLevel::Detailed => self == other,
        }
    }

    /// Normalizes what official files contain: whitespace, Excel's `="…"` wrapper, and the
    /// six digits written without the hyphen (`151252`). Anything else is an error.
    pub fn parse_lenient(raw: &str) -> Result<Soc, CodeError> {
        let t = unwrap_excel_text(raw);
        if t.len() == 6 && all_digits(t) {
            return Soc::from_digits(digits_value(t)).ok_or_else(|| Soc::error(raw, None));
        }
        Soc::strict(t).ok_or_else(|| Soc::error(raw, None))
    }

    fn error(input: &str, hint: Option<String>) -> CodeError {
        CodeError { system: "SOC", input: shown(input), expected: Soc::EXPECTED, hint }
    }
}

impl Soc {
    fn strict(s: &str) -> Option<Soc> {
        let b = s.as_bytes();
        let ok =
            b.len() == 7 && b[2] == b'-' && b[..2].iter().chain(&b[3..]).all(u8::is_ascii_digit);
        ok.then(|| Soc::from_digits(digits_value(&s[..2]) * 10_000 + digits_value(&s[3..])))
            .flatten()
    }
}

impl FromStr for Soc {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Soc, CodeError> {
        if let Some(soc) = Soc::strict(s) {
            return Ok(soc);
        }
        let hint =
            (s.len() < 64).then(|| Soc::parse_lenient(s).ok()).flatten().map(|c| c.to_string());
        Err(Soc::error(s, hint))
    }
}

impl fmt::Display for Soc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}-{:04}", self.0 / 10_000, self.0 % 10_000)
    }
}

serde_via_display!(Soc);

/// An O*NET-SOC code, `NN-NNNN.NN`: a SOC detailed occupation and a two-digit O*NET suffix
/// (`.00` is the occupation itself; other suffixes are O*NET's finer occupations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OnetSoc {
    soc: Soc,
    suffix: u8,
}

impl OnetSoc {
    const EXPECTED: &'static str = "an O*NET-SOC code written NN-NNNN.NN, e.g. 15-1252.00";

    pub fn new(soc: Soc, suffix: u8) -> Option<OnetSoc> {
        (suffix < 100).then_some(OnetSoc { soc, suffix })
    }

    /// The SOC code the O*NET occupation belongs to.
    pub fn soc(self) -> Soc {
        self.soc
    }

    pub fn suffix(self) -> u8 {
        self.suffix
    }

    /// Normalizes whitespace and Excel's `="…"` wrapper, and accepts a bare SOC code as `.00`.
    pub fn parse_lenient(raw: &str) -> Result<OnetSoc, CodeError> {
        let t = unwrap_excel_text(raw);
        if let Some(o) = OnetSoc::strict(t) {
            return Ok(o);
        }
        match Soc::parse_lenient(t) {
            Ok(soc) => Ok(OnetSoc { soc, suffix: 0 }),
            Err(_) => Err(OnetSoc::error(raw, None)),
        }
    }

    fn error(input: &str, hint: Option<String>) -> CodeError {
        CodeError { system: "O*NET-SOC", input: shown(input), expected: OnetSoc::EXPECTED, hint }
    }
}

impl OnetSoc {
    fn strict(s: &str) -> Option<OnetSoc> {
        if s.len() != 10 || !s.is_char_boundary(7) || s.as_bytes()[7] != b'.' {
            return None;
        }
        let suffix = &s[8..];
        let soc = Soc::strict(&s[..7])?;
        all_digits(suffix).then(|| OnetSoc { soc, suffix: digits_value(suffix) as u8 })
    }
}

impl FromStr for OnetSoc {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<OnetSoc, CodeError> {
        if let Some(o) = OnetSoc::strict(s) {
            return Ok(o);
        }
        let hint =
            (s.len() < 64).then(|| OnetSoc::parse_lenient(s).ok()).flatten().map(|c| c.to_string());
        Err(OnetSoc::error(s, hint))
    }
}

impl fmt::Display for OnetSoc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.soc, self.suffix)
    }
}

serde_via_display!(OnetSoc);

// ---------------------------------------------------------------------------------------------
// CIP
// ---------------------------------------------------------------------------------------------

/// The three levels of the Classification of Instructional Programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CipLevel {
    /// Two digits, `NN`: the series.
    Series,
    /// Four digits, `NN.NN`: the intermediate group.
    Group,
    /// Six digits, `NN.NNNN`: the instructional program.
    Program,
}

impl CipLevel {
    pub fn digits(self) -> u8 {
        match self {
            CipLevel::Series => 2,
            CipLevel::Group => 4,
            CipLevel::Program => 6,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            CipLevel::Series => "series",
            CipLevel::Group => "group",
            CipLevel::Program => "program",
        }
    }
}

/// A CIP 2020 code: `NN`, `NN.NN` or `NN.NNNN`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cip {
    /// The digits as a number, left-aligned to six digits (`51.38` → `513800`).
    value: u32,
    level: CipLevel,
}

impl Cip {
    const EXPECTED: &'static str = "a CIP code written NN, NN.NN or NN.NNNN, e.g. 51.3801";

    pub fn level(self) -> CipLevel {
        self.level
    }

    pub fn series(self) -> Cip {
        Cip { value: self.value / 10_000 * 10_000, level: CipLevel::Series }
    }

    /// The four-digit group, or `None` for a series.
    pub fn group(self) -> Option<Cip> {
        (self.level != CipLevel::Series)
            .then_some(Cip { value: self.value / 100 * 100, level: CipLevel::Group })
    }

    pub fn parent(self) -> Option<Cip> {
        match self.level {
            CipLevel::Series => None,
            CipLevel::Group => Some(self.series()),
            CipLevel::Program => self.group(),
        }
    }

    /// Normalizes whitespace, Excel's `="…"` wrapper, and a leading zero lost by a spreadsheet
    /// (`1.0101` → `01.0101`, `9` → `09`). Trailing zeros that a spreadsheet drops (`51.38`
    /// meant as `51.3800`) cannot be told from a real four-digit code and are not repaired.
    pub fn parse_lenient(raw: &str) -> Result<Cip, CodeError> {
        let t = unwrap_excel_text(raw);
        if let Some(c) = Cip::strict(t) {
            return Ok(c);
        }
        let padded = match t.find('.') {
            Some(1) => format!("0{t}"),
            None if t.len() == 1 => format!("0{t}"),
            _ => return Err(Cip::error(raw, None)),
        };
        Cip::strict(&padded).ok_or_else(|| Cip::error(raw, None))
    }

    fn error(input: &str, hint: Option<String>) -> CodeError {
        CodeError { system: "CIP", input: shown(input), expected: Cip::EXPECTED, hint }
    }
}

impl Cip {
    fn strict(s: &str) -> Option<Cip> {
        let parsed = match (s.len(), s.find('.')) {
            (2, None) if all_digits(s) => Some((digits_value(s) * 10_000, CipLevel::Series)),
            (5 | 7, Some(2)) if all_digits(&s[..2]) && all_digits(&s[3..]) => {
                let (lvl, scale) =
                    if s.len() == 5 { (CipLevel::Group, 100) } else { (CipLevel::Program, 1) };
                Some((digits_value(&s[..2]) * 10_000 + digits_value(&s[3..]) * scale, lvl))
            }
            _ => None,
        };
        parsed.map(|(value, level)| Cip { value, level })
    }
}

impl FromStr for Cip {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Cip, CodeError> {
        if let Some(c) = Cip::strict(s) {
            return Ok(c);
        }
        let hint =
            (s.len() < 64).then(|| Cip::parse_lenient(s).ok()).flatten().map(|c| c.to_string());
        Err(Cip::error(s, hint))
    }
}

impl fmt::Display for Cip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let series = self.value / 10_000;
        match self.level {
            CipLevel::Series => write!(f, "{series:02}"),
            CipLevel::Group => write!(f, "{series:02}.{:02}", self.value % 10_000 / 100),
            CipLevel::Program => write!(f, "{series:02}.{:04}", self.value % 10_000),
        }
    }
}

serde_via_display!(Cip);

// ---------------------------------------------------------------------------------------------
// NAICS
// ---------------------------------------------------------------------------------------------

/// The levels of NAICS, from 2-digit sector to 6-digit national industry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NaicsLevel {
    Sector,
    Subsector,
    IndustryGroup,
    Industry,
    NationalIndustry,
}

impl NaicsLevel {
    pub fn digits(self) -> u8 {
        match self {
            NaicsLevel::Sector => 2,
            NaicsLevel::Subsector => 3,
            NaicsLevel::IndustryGroup => 4,
            NaicsLevel::Industry => 5,
            NaicsLevel::NationalIndustry => 6,
        }
    }
    fn from_digits(n: usize) -> Option<NaicsLevel> {
        Some(match n {
            2 => NaicsLevel::Sector,
            3 => NaicsLevel::Subsector,
            4 => NaicsLevel::IndustryGroup,
            5 => NaicsLevel::Industry,
            6 => NaicsLevel::NationalIndustry,
            _ => return None,
        })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            NaicsLevel::Sector => "sector",
            NaicsLevel::Subsector => "subsector",
            NaicsLevel::IndustryGroup => "industry_group",
            NaicsLevel::Industry => "industry",
            NaicsLevel::NationalIndustry => "national_industry",
        }
    }
}

/// The 2022 NAICS sectors, by the two-digit prefix their codes start with. Three sectors span
/// a range of prefixes: 31-33 Manufacturing, 44-45 Retail Trade, 48-49 Transportation and
/// Warehousing.
const NAICS_SECTORS: &[(u8, u8)] = &[
    (11, 11),
    (21, 21),
    (22, 22),
    (23, 23),
    (31, 33),
    (42, 42),
    (44, 45),
    (48, 49),
    (51, 51),
    (52, 52),
    (53, 53),
    (54, 54),
    (55, 55),
    (56, 56),
    (61, 61),
    (62, 62),
    (71, 71),
    (72, 72),
    (81, 81),
    (92, 92),
];

fn sector_of_prefix(p: u8) -> Option<(u8, u8)> {
    NAICS_SECTORS.iter().copied().find(|&(lo, hi)| (lo..=hi).contains(&p))
}

/// A NAICS 2022 code of 2 to 6 digits. Sectors that span several prefixes are written as their
/// range (`31-33`, `44-45`, `48-49`); the strict parser also accepts the first prefix alone
/// (`31`, `44`, `48`), which is how OEWS and BLS tables write those sectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Naics {
    value: u32,
    len: u8,
}

impl Naics {
    const EXPECTED: &'static str =
        "a NAICS 2022 code of 2 to 6 digits in a NAICS sector, e.g. 54, 31-33 or 541511";

    /// All 20 sectors of NAICS 2022, in code order.
    pub fn sectors() -> impl Iterator<Item = Naics> {
        NAICS_SECTORS.iter().map(|&(lo, _)| Naics { value: u32::from(lo), len: 2 })
    }

    pub fn level(self) -> NaicsLevel {
        NaicsLevel::from_digits(self.len as usize).expect("length checked on construction")
    }

    /// The sector the code belongs to (`311` → `31-33`).
    pub fn sector(self) -> Naics {
        let p = (self.value / 10u32.pow(u32::from(self.len) - 2)) as u8;
        let (lo, _) = sector_of_prefix(p).expect("prefix checked on construction");
        Naics { value: u32::from(lo), len: 2 }
    }

    /// The code cut to `digits` digits (2 gives the sector); `None` when longer than the code.
    pub fn truncate(self, digits: u8) -> Option<Naics> {
        if !(2..=self.len).contains(&digits) {
            return None;
        }
        if digits == 2 {
            return Some(self.sector());
        }
        Some(Naics { value: self.value / 10u32.pow(u32::from(self.len - digits)), len: digits })
    }

    pub fn parent(self) -> Option<Naics> {
        (self.len > 2).then(|| self.truncate(self.len - 1)).flatten()
    }

    /// True when `self` is `other` or lies below it.
    pub fn is_within(self, other: Naics) -> bool {
        self.truncate(other.len) == Some(other)
    }

    /// Normalizes whitespace, Excel's `="…"` wrapper and a trailing `.0` from a numeric
    /// spreadsheet cell (`541511.0`). Two-digit prefixes inside a range sector (`32`, `45`)
    /// become their sector (`31-33`, `44-45`).
    pub fn parse_lenient(raw: &str) -> Result<Naics, CodeError> {
        let t = unwrap_excel_text(raw);
        let t = t.strip_suffix(".0").unwrap_or(t);
        if let Some(n) = Naics::strict(t) {
            return Ok(n);
        }
        if t.len() == 2
            && all_digits(t)
            && let Some((lo, _)) = sector_of_prefix(digits_value(t) as u8)
        {
            return Ok(Naics { value: u32::from(lo), len: 2 });
        }
        Err(Naics::error(raw, None))
    }

    fn error(input: &str, hint: Option<String>) -> CodeError {
        CodeError { system: "NAICS", input: shown(input), expected: Naics::EXPECTED, hint }
    }
}

impl Naics {
    fn strict(s: &str) -> Option<Naics> {
        if s.len() == 5 && s.as_bytes()[2] == b'-' && all_digits(&s[..2]) && all_digits(&s[3..]) {
            let (lo, hi) = (digits_value(&s[..2]) as u8, digits_value(&s[3..]) as u8);
            if lo != hi && sector_of_prefix(lo) == Some((lo, hi)) {
                return Some(Naics { value: u32::from(lo), len: 2 });
            }
        } else if (2..=6).contains(&s.len()) && all_digits(s) {
            let prefix = digits_value(&s[..2]) as u8;
            if let Some((lo, _)) = sector_of_prefix(prefix)
                && (s.len() > 2 || prefix == lo)
            {
                return Some(Naics { value: digits_value(s), len: s.len() as u8 });
            }
        }
        None
    }
}

impl FromStr for Naics {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Naics, CodeError> {
        if let Some(n) = Naics::strict(s) {
            return Ok(n);
        }
        let hint =
            (s.len() < 64).then(|| Naics::parse_lenient(s).ok()).flatten().map(|c| c.to_string());
        Err(Naics::error(s, hint))
    }
}

impl fmt::Display for Naics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.len == 2 {
            let (lo, hi) = sector_of_prefix(self.value as u8).expect("checked on construction");
            if lo != hi {
                return write!(f, "{lo}-{hi}");
            }
        }
        write!(f, "{:0width$}", self.value, width = self.len as usize)
    }
}

serde_via_display!(Naics);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soc_levels_and_parents() {
        let s: Soc = "15-1252".parse().unwrap();
        assert_eq!(s.level(), SocLevel::Detailed);
        assert_eq!(s.broad().to_string(), "15-1250");
        assert_eq!(s.minor().to_string(), "15-1200");
        let rn: Soc = "29-1141".parse().unwrap();
        assert_eq!(rn.minor().to_string(), "29-1000", "29-1100 is not a SOC 2018 minor group");
        assert_eq!(rn.broad().parent().unwrap().to_string(), "29-1000");
        assert_eq!("51-5112".parse::<Soc>().unwrap().minor().to_string(), "51-5100");
        assert_eq!("31-1122".parse::<Soc>().unwrap().minor().to_string(), "31-1100");
        assert!(rn.is_within("29-1000".parse().unwrap()));
        assert_eq!(s.major().to_string(), "15-0000");
        assert_eq!(s.major_group(), 15);
        assert_eq!("15-1250".parse::<Soc>().unwrap().level(), SocLevel::Broad);
        assert_eq!("15-1200".parse::<Soc>().unwrap().level(), SocLevel::Minor);
        assert_eq!("15-0000".parse::<Soc>().unwrap().level(), SocLevel::Major);
        assert!(s.is_within("15-0000".parse().unwrap()));
        assert!(!s.is_within("13-0000".parse().unwrap()));
        assert_eq!(s.parent().unwrap().parent().unwrap().parent().unwrap().parent(), None);
    }

    #[test]
    fn soc_strict_errors_give_hints() {
        let e = "151252".parse::<Soc>().unwrap_err();
        assert_eq!(e.hint.as_deref(), Some("15-1252"));
        assert!(e.to_string().contains("did you mean \"15-1252\""), "{e}");
        let e = "15-1252 ".parse::<Soc>().unwrap_err();
        assert_eq!(e.hint.as_deref(), Some("15-1252"));
        assert!("15-125".parse::<Soc>().is_err());
        assert!("1A-1252".parse::<Soc>().is_err());
        assert!("00-1252".parse::<Soc>().is_err());
        assert_eq!("=\"11-1011\"".parse::<Soc>().unwrap_err().hint.as_deref(), Some("11-1011"));
        assert_eq!(Soc::parse_lenient("=\"11-1011\"").unwrap().to_string(), "11-1011");
    }

    #[test]
    fn onet_soc() {
        let o: OnetSoc = "29-1141.01".parse().unwrap();
        assert_eq!(o.soc().to_string(), "29-1141");
        assert_eq!(o.suffix(), 1);
        assert_eq!(o.to_string(), "29-1141.01");
        assert!("29-1141".parse::<OnetSoc>().is_err());
        assert_eq!(OnetSoc::parse_lenient("29-1141").unwrap().to_string(), "29-1141.00");
        assert!("29-1141.1".parse::<OnetSoc>().is_err());
    }

    #[test]
    fn cip_levels() {
        let c: Cip = "51.3801".parse().unwrap();
        assert_eq!(c.level(), CipLevel::Program);
        assert_eq!(c.group().unwrap().to_string(), "51.38");
        assert_eq!(c.series().to_string(), "51");
        assert_eq!("01.01".parse::<Cip>().unwrap().level(), CipLevel::Group);
        assert_eq!("01".parse::<Cip>().unwrap().level(), CipLevel::Series);
        assert_eq!(Cip::parse_lenient("=\"01.0101\"").unwrap().to_string(), "01.0101");
        assert_eq!(Cip::parse_lenient("1.0101").unwrap().to_string(), "01.0101");
        assert_eq!("1.0101".parse::<Cip>().unwrap_err().hint.as_deref(), Some("01.0101"));
        assert!("51.380".parse::<Cip>().is_err());
        assert!("513801".parse::<Cip>().is_err());
    }

    #[test]
    fn naics_sectors_and_ranges() {
        let n: Naics = "31-33".parse().unwrap();
        assert_eq!(n.to_string(), "31-33");
        assert_eq!("31".parse::<Naics>().unwrap(), n);
        assert!("32".parse::<Naics>().is_err());
        assert_eq!(Naics::parse_lenient("32").unwrap(), n);
        assert_eq!("325412".parse::<Naics>().unwrap().sector(), n);
        assert_eq!("452".parse::<Naics>().unwrap().sector().to_string(), "44-45");
        assert_eq!("493".parse::<Naics>().unwrap().sector().to_string(), "48-49");
        assert!("99".parse::<Naics>().is_err(), "99 is an OEWS designation, not a NAICS sector");
        assert!("1234567".parse::<Naics>().is_err());
        assert_eq!(Naics::sectors().count(), 20);
        let d: Naics = "541511".parse().unwrap();
        assert_eq!(d.level(), NaicsLevel::NationalIndustry);
        assert_eq!(d.truncate(3).unwrap().to_string(), "541");
        assert!(d.is_within("54".parse().unwrap()));
        assert_eq!(Naics::parse_lenient("541511.0").unwrap(), d);
    }
}
