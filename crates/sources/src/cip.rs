//! CIP 2020 (NCES `CIPCode2020.csv`, codes written `="01.0101"` for Excel, or the same file
//! with the wrappers removed) and the NCES CIP 2020–SOC 2018 crosswalk
//! (`CIP2020_SOC2018_Crosswalk.xlsx`, sheet CIP-SOC, or that sheet as CSV).

use std::path::Path;

use serde::Serialize;
use trellis_framework::codes::{Cip, CipLevel, Soc};

use crate::error::ReadError;
use crate::header::Col;
use crate::meta::{SourceInfo, Table, years_in_name};
use crate::tabular::read_table;

/// One CIP 2020 code of any level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CipRecord {
    pub code: Cip,
    pub level: CipLevel,
    /// As published, without the trailing period (`Agriculture, General`).
    pub title: String,
    pub definition: String,
    /// NCES 2020 action: `No substantive changes`, `New`, `Moved from`, `Moved to`, `Deleted`.
    pub action: Option<String>,
    /// Whether NCES changed the text in 2020 (`TextChange` yes/no).
    pub text_change: Option<bool>,
    pub cross_references: Option<String>,
    pub examples: Option<String>,
}

/// Removes the trailing period NCES writes after every title.
pub fn strip_title_period(title: &str) -> &str {
    let t = title.trim();
    t.strip_suffix('.').unwrap_or(t).trim_end()
}

/// Reads `CIPCode2020.csv` (either form).
pub fn read_cip(path: &Path) -> Result<Table<CipRecord>, ReadError> {
    const SPEC: &[Col] = &[
        Col::req("CIP code", &["cipcode", "cip code", "cip # code"]),
        Col::req("CIP title", &["ciptitle", "cip title"]),
        Col::req("CIP definition", &["cipdefinition", "cip definition"]),
        Col::opt("action", &["action"]),
        Col::opt("text change", &["textchange", "text change"]),
        Col::opt("cross references", &["crossreferences", "cross references"]),
        Col::opt("examples", &["examples"]),
    ];
    let mut rows = Vec::with_capacity(3000);
    let (t, sheet) = read_table(
        path,
        SPEC,
        |_| true,
        |r| {
            let code = r.code(0, Cip::parse_lenient)?;
            rows.push(CipRecord {
                code,
                level: code.level(),
                title: strip_title_period(&r.text(1)?).to_string(),
                definition: r.string(2)?,
                action: r.opt_string(3),
                text_change: match r.opt_text(4) {
                    Some(_) => Some(r.flag(4)?),
                    None => None,
                },
                cross_references: r.opt_string(5),
                examples: r.opt_string(6),
            });
            Ok(())
        },
    )?;
    let mut info = SourceInfo::new("cip_csv/1");
    info.rows = t.rows;
    info.sheet = sheet;
    match years_in_name(path).first() {
        Some(y) => info.vintage = y.to_string(),
        None => info.warnings.push("the CIP edition is not stated in the file name".into()),
    }
    Ok(Table { rows, info })
}

/// A CIP program and an occupation the crosswalk relates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CipSocPair {
    pub cip: Cip,
    pub cip_title: String,
    pub soc: Soc,
    pub soc_title: String,
}

/// A code the crosswalk states has no match on the other side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unmatched<C> {
    pub code: C,
    pub title: String,
}

/// The crosswalk: real pairs, and the no-match rows (`99-9999` / `99.9999`) kept apart.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CipSocCrosswalk {
    pub pairs: Vec<CipSocPair>,
    /// CIP codes the crosswalk maps to SOC `99-9999` (no occupation).
    pub unmatched_cip: Vec<Unmatched<Cip>>,
    /// SOC codes the crosswalk maps to CIP `99.9999` (no program).
    pub unmatched_soc: Vec<Unmatched<Soc>>,
}

/// Reads the crosswalk: the xlsx (sheet CIP-SOC, found by its columns) or the CSV.
pub fn read_cip_soc(path: &Path) -> Result<(CipSocCrosswalk, SourceInfo), ReadError> {
    const SPEC: &[Col] = &[
        Col::req("CIP code", &["cip # code", "cip code", "cipcode"]),
        Col::opt("CIP title", &["cip # title", "cip title", "ciptitle"]),
        Col::req("SOC code", &["soc # code", "soc code", "soccode"]),
        Col::opt("SOC title", &["soc # title", "soc title", "soctitle"]),
    ];
    let no_cip: Cip = "99.9999".parse().expect("valid");
    let no_soc: Soc = "99-9999".parse().expect("valid");
    let mut out = CipSocCrosswalk::default();
    let mut years: Vec<u16> = Vec::new();
    let (t, sheet) = read_table(
        path,
        SPEC,
        |n| n.eq_ignore_ascii_case("CIP-SOC"),
        |r| {
            let cip = r.code(0, Cip::parse_lenient)?;
            let soc = r.code(2, Soc::parse_lenient)?;
            let cip_title =
                r.opt_text(1).map(|t| strip_title_period(&t).to_string()).unwrap_or_default();
            let soc_title = r.opt_string(3).unwrap_or_default();
            match (cip == no_cip, soc == no_soc) {
                (true, true) => {}
                (false, true) => out.unmatched_cip.push(Unmatched { code: cip, title: cip_title }),
                (true, false) => out.unmatched_soc.push(Unmatched { code: soc, title: soc_title }),
                (false, false) => out.pairs.push(CipSocPair { cip, cip_title, soc, soc_title }),
            }
            Ok(())
        },
    )?;
    years.extend(t.map.years(0).iter().chain(t.map.years(2)));
    let mut info =
        SourceInfo::new(if sheet.is_some() { "cip_soc_xlsx/1" } else { "cip_soc_csv/1" });
    info.rows = t.rows;
    info.sheet = sheet;
    match years.as_slice() {
        [cip, soc, ..] => info.vintage = format!("CIP{cip}-SOC{soc}"),
        _ => info.warnings.push("the CIP and SOC editions are not named in the headers".into()),
    }
    Ok((out, info))
}
