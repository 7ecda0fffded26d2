//! Finding the official files in a directory, whatever its layout: by file name patterns
//! (the agencies' own names) and by sniffing headers, so that a flat folder of downloads and
//! the project's sorted layout both work. When a dataset is present in several forms, the
//! agency's original is read and the derived forms are skipped; a dataset is never read twice.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::dataset::{Dataset, Discovery, Format, Found, Skipped};
use crate::error::{ErrorKind, ReadError};
use crate::header::normalize_header;
use crate::nem::industry_code_from_name;
use crate::workbook;

/// What a file was identified as.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Ident {
    dataset: Dataset,
    format: Format,
    /// Lower is preferred among forms of the same dataset: 0 for the agency's original.
    rank: u8,
    /// Distinguishes files of the same dataset that are not duplicates (matrix industries,
    /// releases).
    key: String,
}

/// Walks `dir` recursively and identifies every official file. Files are visited in path
/// order, so the result does not depend on the file system's listing order.
pub fn discover(dir: &Path) -> Result<Discovery, ReadError> {
    let meta = std::fs::metadata(dir).map_err(|e| ReadError::new(dir, ErrorKind::Io(e)))?;
    if !meta.is_dir() {
        return Err(ReadError::new(
            dir,
            ErrorKind::Other(
                "not a directory: give the folder that holds the official files".into(),
            ),
        ));
    }
    let mut files = Vec::new();
    walk(dir, &mut files).map_err(|e| ReadError::new(dir, ErrorKind::Io(e)))?;
    files.sort();

    let mut out = Discovery::default();
    let mut chosen: HashMap<(Dataset, String), (u8, Found)> = HashMap::new();
    for path in files {
        let relative = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        match identify(&path) {
            Ok(id) => {
                let found = Found {
                    path: path.clone(),
                    relative: relative.clone(),
                    size,
                    dataset: id.dataset,
                    format: id.format,
                    derived: id.rank > 0,
                };
                let slot = (id.dataset, id.key);
                match chosen.remove(&slot) {
                    None => {
                        chosen.insert(slot, (id.rank, found));
                    }
                    Some((rank, kept)) => {
                        let (keep, drop) = if id.rank < rank {
                            ((id.rank, found), kept)
                        } else {
                            ((rank, kept), found)
                        };
                        out.skipped.push(Skipped {
                            reason: format!(
                                "{} is already read from {}{}",
                                id.dataset,
                                keep.1.relative.display(),
                                if drop.derived && !keep.1.derived {
                                    " (the original form)"
                                } else {
                                    " (same dataset)"
                                }
                            ),
                            path: drop.path,
                            relative: drop.relative,
                        });
                        chosen.insert(slot, keep);
                    }
                }
            }
            Err(reason) => out.skipped.push(Skipped { path, relative, reason }),
        }
    }
    out.found = chosen.into_values().map(|(_, f)| f).collect();
    out.found.sort_by(|a, b| (a.dataset, &a.relative).cmp(&(b.dataset, &b.relative)));
    out.skipped.sort_by(|a, b| a.relative.cmp(&b.relative));
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue; // hidden files and folders (.git, editor files)
        }
        let ty = entry.file_type()?;
        let path = entry.path();
        if ty.is_dir() {
            walk(&path, out)?;
        } else if ty.is_file() || (ty.is_symlink() && path.is_file()) {
            out.push(path);
        }
    }
    Ok(())
}

fn ext(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase()
}

fn lower_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default()
}

fn ident(
    dataset: Dataset,
    format: Format,
    rank: u8,
    key: impl Into<String>,
) -> Result<Ident, String> {
    Ok(Ident { dataset, format, rank, key: key.into() })
}

/// Identifies one file, or says why it is skipped.
fn identify(path: &Path) -> Result<Ident, String> {
    let e = ext(path);
    match e.as_str() {
        "xlsx" | "xlsm" | "xls" => {
            identify_workbook(path, if e == "xls" { Format::Xls } else { Format::Xlsx })
        }
        "csv" | "txt" | "tsv" => identify_text(path, &e),
        "zip" => Err("an archive: unpack it, then import the folder".into()),
        "json" => Err("JSON is not an official format of these datasets (not read)".into()),
        _ => Err("not a data file Trellis reads".into()),
    }
}

/// The O*NET Excel edition's file names and their datasets.
const ONET_NAMES: &[(&str, Dataset)] = &[
    ("occupation data", Dataset::OnetOccupationData),
    ("alternate titles", Dataset::OnetAlternateTitles),
    ("sample of reported titles", Dataset::OnetReportedTitles),
    ("interests", Dataset::OnetInterests),
    ("job zones", Dataset::OnetJobZones),
    ("education, training, and experience", Dataset::OnetEducationTrainingExperience),
    ("education, training, and experience categories", Dataset::OnetEteCategories),
    ("skills", Dataset::OnetSkills),
    ("knowledge", Dataset::OnetKnowledge),
    ("technology skills", Dataset::OnetTechnologySkills),
    ("task statements", Dataset::OnetTaskStatements),
    ("related occupations", Dataset::OnetRelatedOccupations),
];

fn stem_lower(path: &Path) -> String {
    path.file_stem().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default()
}

fn identify_workbook(path: &Path, format: Format) -> Result<Ident, String> {
    let name = lower_name(path);
    let stem = stem_lower(path);
    if let Some((_, d)) = ONET_NAMES.iter().find(|(n, _)| *n == stem) {
        // The text edition is the one O*NET documents; the Excel edition is read only alone.
        return ident(*d, format, 1, "");
    }
    if name.starts_with("soc_") && name.contains("definitions") {
        return ident(Dataset::Soc, format, 0, "");
    }
    if name.contains("cip") && name.contains("soc") && name.contains("crosswalk") {
        return ident(Dataset::CipSoc, format, 0, "");
    }
    if name.contains("naics") && name.contains("descriptions") {
        return ident(Dataset::NaicsDescriptions, format, 0, "");
    }
    if name.contains("digit") && name.contains("codes") {
        return ident(Dataset::NaicsCodes, format, 0, "");
    }
    if name.contains("perkins") || (name.contains("onets") && name.contains("pathways")) {
        return ident(Dataset::PerkinsIvTable4, format, 0, "");
    }
    if let Some(kind) = oews_kind_from_name(&name) {
        return ident(kind, format, 0, oews_release_key(&name));
    }
    // Unknown name: look inside.
    sniff_workbook(path, format)
}

fn oews_kind_from_name(name: &str) -> Option<Dataset> {
    let has_release = name.contains("_m20") && name.contains("_dl");
    if !has_release {
        return None;
    }
    if name.starts_with("natsector_") {
        Some(Dataset::OewsNatsector)
    } else if name.starts_with("national_") {
        Some(Dataset::OewsNational)
    } else if name.starts_with("state_") {
        Some(Dataset::OewsState)
    } else {
        None
    }
}

fn oews_release_key(name: &str) -> String {
    name.find("_m20").map(|i| name[i + 1..].chars().take(5).collect()).unwrap_or_default()
}

fn sniff_workbook(path: &Path, format: Format) -> Result<Ident, String> {
    let mut wb =
        workbook::open(path).map_err(|e| format!("not a readable workbook ({})", e.kind))?;
    let names: Vec<String> = wb.sheet_names().iter().map(|n| n.to_lowercase()).collect();
    let has = |n: &str| names.iter().any(|s| s == n);
    if has("table 1.2") && has("table 1.9") && has("table 1.10") {
        return ident(Dataset::EpOccupation, format, 0, "");
    }
    if has("table 2.1") && has("table 2.2") && has("table 2.11") {
        return ident(Dataset::EpIndustry, format, 0, "");
    }
    if has("cip-soc") {
        return ident(Dataset::CipSoc, format, 0, "");
    }
    let first = wb.sheet_names().first().cloned().ok_or("a workbook without sheets")?;
    let range = workbook::range(&mut wb, path, &first).map_err(|e| e.kind.to_string())?;
    for row in workbook::head_text(&range, 12) {
        let cols: Vec<String> = row.iter().map(|h| normalize_header(h).text).collect();
        if let Some(d) = sniff_columns(&cols) {
            let d = match d {
                Dataset::OewsNational => oews_kind_from_first_row(&range, &row).unwrap_or(d),
                d => d,
            };
            return ident(d, format, 0, "");
        }
    }
    Err("a workbook with no table Trellis recognizes".into())
}

/// The OEWS file kind from its first data row: area type and industry.
fn oews_kind_from_first_row(range: &workbook::SheetData, header: &[String]) -> Option<Dataset> {
    let cols: Vec<String> = header.iter().map(|h| normalize_header(h).text).collect();
    let at = |n: &str| cols.iter().position(|c| c == n);
    let (ti, ni) = (at("area type")?, at("naics")?);
    let (_, row) = range.rows().skip_while(|(_, r)| r.texts() != header).nth(1)?;
    let texts = row.texts();
    oews_kind(texts.get(ti)?, texts.get(ni)?)
}

fn oews_kind(area_type: &str, naics: &str) -> Option<Dataset> {
    match area_type.trim() {
        "1" if naics.trim().bytes().all(|b| b == b'0') => Some(Dataset::OewsNational),
        "1" => Some(Dataset::OewsNatsector),
        "2" | "3" => Some(Dataset::OewsState),
        _ => None,
    }
}

/// Recognizes a table by its normalized headers. OEWS files answer `OewsNational`; the
/// caller refines the kind from the first data row.
fn sniff_columns(cols: &[String]) -> Option<Dataset> {
    let has = |n: &str| cols.iter().any(|c| c == n);
    let onet = has("o net-soc code");
    if has("occ code") && has("tot emp") && has("a median") {
        return Some(Dataset::OewsNational);
    }
    if has("soc group") && has("soc code") && has("soc title") {
        return Some(Dataset::Soc);
    }
    if has("# naics us code") || (has("# naics code") && has("# naics title")) {
        return Some(Dataset::NaicsCodes);
    }
    if has("cip # code") && has("soc # code") {
        return Some(Dataset::CipSoc);
    }
    if (has("cipcode") || has("cip code")) && (has("cipdefinition") || has("cip definition")) {
        return Some(Dataset::Cip);
    }
    if has("career cluster") && has("career pathway") && has("code") {
        return Some(Dataset::OnetCareerClusters);
    }
    if has("pathway code") && has("cluster code") {
        return Some(Dataset::PerkinsIvTable4);
    }
    if has("occupation code") && has("occupation type") && cols.iter().any(|c| c == "# employment")
    {
        return Some(Dataset::NemIndustry);
    }
    if onet {
        if has("alternate title") {
            return Some(Dataset::OnetAlternateTitles);
        }
        if has("reported job title") {
            return Some(Dataset::OnetReportedTitles);
        }
        if has("related o net-soc code") {
            return Some(Dataset::OnetRelatedOccupations);
        }
        if has("commodity code") && has("hot technology") {
            return Some(Dataset::OnetTechnologySkills);
        }
        if has("task id") && has("task") && has("task type") {
            return Some(Dataset::OnetTaskStatements);
        }
        if has("job zone") && !has("element id") {
            return Some(Dataset::OnetJobZones);
        }
        if has("scale id") && has("category") && has("data value") {
            return Some(Dataset::OnetEducationTrainingExperience);
        }
        if cols.len() == 3 && has("title") && has("description") {
            return Some(Dataset::OnetOccupationData);
        }
    } else if has("element id") && has("scale id") && has("category") && has("category description")
    {
        return Some(Dataset::OnetEteCategories);
    }
    if has("code") && has("title") && has("description") && cols.len() == 3 && !onet {
        return Some(Dataset::NaicsDescriptions);
    }
    None
}

/// The first bytes of a file, enough for its header and first rows.
fn head(path: &Path, n: usize) -> std::io::Result<Vec<u8>> {
    let mut f = std::fs::File::open(path)?;
    let mut buf = vec![0; n];
    let mut len = 0;
    while len < n {
        let k = f.read(&mut buf[len..])?;
        if k == 0 {
            break;
        }
        len += k;
    }
    buf.truncate(len);
    Ok(buf)
}

fn split_fields(line: &str, delimiter: char) -> Vec<String> {
    // Enough CSV for a header line: fields in double quotes may hold the delimiter.
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == delimiter && !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

fn identify_text(path: &Path, e: &str) -> Result<Ident, String> {
    let name = lower_name(path);
    if name == "read me.txt" {
        return Err("O*NET release notes (read for the release number)".into());
    }
    let bytes = head(path, 16 * 1024).map_err(|e| format!("cannot read: {e}"))?;
    let text = String::from_utf8_lossy(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes));
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let Some(first) = lines.next() else {
        return Err("an empty file".into());
    };
    let second = lines.next().unwrap_or_default();
    let (delim, format) =
        if first.contains('\t') { ('\t', Format::Tsv) } else { (',', Format::Csv) };
    let header = split_fields(first, delim);
    let cols: Vec<String> = header.iter().map(|h| normalize_header(h).text).collect();
    let data = split_fields(second, delim);

    if let Some(d) = sniff_columns(&cols) {
        let (d, rank, key) = match d {
            Dataset::OewsNational => {
                let at = |n: &str| cols.iter().position(|c| c == n);
                let kind = match (at("area type"), at("naics")) {
                    (Some(t), Some(n)) => {
                        data.get(t).zip(data.get(n)).and_then(|(t, n)| oews_kind(t, n))
                    }
                    _ => None,
                };
                let kind = kind
                    .or_else(|| oews_kind_from_name(&name))
                    .ok_or("an OEWS layout of an area type Trellis does not read")?;
                // The BLS publishes xlsx; a CSV of the same table is read when the xlsx is absent.
                (kind, 1, oews_release_key(&name))
            }
            Dataset::NemIndustry => {
                let code = industry_code_from_name(path).ok_or(
                    "a National Employment Matrix file whose name lacks the industry code (…_IND_<code>.csv)",
                )?;
                let years: Vec<u16> =
                    header.iter().flat_map(|h| normalize_header(h).years).collect();
                (d, 0, format!("{code}:{}", years.first().copied().unwrap_or(0)))
            }
            // The quoted NCES form is the original; the cleaned copy is derived.
            Dataset::Cip => (d, if text.contains("=\"") { 0 } else { 1 }, String::new()),
            Dataset::Soc
            | Dataset::NaicsCodes
            | Dataset::NaicsDescriptions
            | Dataset::CipSoc
            | Dataset::PerkinsIvTable4 => (d, 1, String::new()),
            Dataset::OnetEducationTrainingExperience
            | Dataset::OnetJobZones
            | Dataset::OnetOccupationData => (d, 0, String::new()),
            d => (d, 0, String::new()),
        };
        if d == Dataset::NaicsDescriptions
            && data
                .first()
                .is_some_and(|c| trellis_framework::codes::Naics::parse_lenient(c).is_err())
        {
            return Err("a code/title/description table whose codes are not NAICS".into());
        }
        return ident(d, format, rank, key);
    }
    // O*NET rating files share one layout; the content model element tells them apart.
    if cols.iter().any(|c| c == "o net-soc code") && cols.iter().any(|c| c == "scale id") {
        let at = cols
            .iter()
            .position(|c| c == "element id")
            .ok_or("an O*NET table Trellis does not use")?;
        let element = data.get(at).map(String::as_str).unwrap_or_default();
        let d = if element.starts_with("1.B.1") {
            Dataset::OnetInterests
        } else if element.starts_with("2.A") || element.starts_with("2.B") {
            Dataset::OnetSkills
        } else if element.starts_with("2.C") {
            Dataset::OnetKnowledge
        } else {
            return Err(format!("an O*NET table Trellis does not use (element {element})"));
        };
        return ident(d, format, 0, "");
    }
    if cols.iter().any(|c| c == "o net-soc code" || c == "element id" || c == "scale id") {
        return Err("an O*NET table Trellis does not use".into());
    }
    // The headerless 2018–28 matrix extract.
    if e == "csv" && header.len() >= 3 {
        let is_soc = |s: &str| crate::occ::OccCode::parse_lenient(s).is_ok();
        let is_type = |s: &str| crate::ep::LineType::parse(s).is_some();
        if header.len() == 4
            && is_soc(&header[0])
            && crate::value::parse_number(&header[2]).is_some()
        {
            return ident(Dataset::Nem2018Matrix, format, 0, dir_key(path));
        }
        if header.len() == 3 && is_type(&header[1]) {
            let d = if is_soc(&header[0]) {
                Dataset::Nem2018Occupations
            } else {
                Dataset::Nem2018Industries
            };
            return ident(d, format, 0, dir_key(path));
        }
    }
    Err("not a table Trellis recognizes".into())
}

/// Headerless files are told apart by their folder (which names the vintage).
fn dir_key(path: &Path) -> String {
    path.parent().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default()
}
