//! The O*NET text database (29.x): one reader per file used. Files are tab-separated with a
//! header row, no quoting; `n/a` marks an empty cell. The Excel edition of the same files
//! reads too (same headers). The release (e.g. `29.3`) comes from `Read Me.txt` beside them.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;
use trellis_framework::codes::OnetSoc;

use crate::error::ReadError;
use crate::header::Col;
use crate::meta::{SourceInfo, Table};
use crate::table::Row;
use crate::tabular::read_table;

/// An O*NET-SOC occupation: `Occupation Data.txt`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OnetOccupation {
    pub code: OnetSoc,
    pub title: String,
    pub description: String,
}

/// `Alternate Titles.txt`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlternateTitle {
    pub code: OnetSoc,
    pub title: String,
    pub short_title: Option<String>,
    /// O*NET source codes as published (e.g. `08`, `02,09`).
    pub sources: Option<String>,
}

/// `Sample of Reported Titles.txt`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportedTitle {
    pub code: OnetSoc,
    pub title: String,
    pub shown_in_my_next_move: bool,
}

/// `Interests.txt`: RIASEC occupational interest (scale `OI`) and high-point (`IH`) values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Interest {
    pub code: OnetSoc,
    pub element_id: String,
    pub element_name: String,
    pub scale_id: String,
    pub value: f64,
}

/// `Job Zones.txt`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JobZone {
    pub code: OnetSoc,
    pub job_zone: u8,
}

/// `Education, Training, and Experience.txt`: percent of respondents per category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EteValue {
    pub code: OnetSoc,
    pub element_id: String,
    pub element_name: String,
    /// `RL` (required level of education), `RW` (related work experience), `PT` (on-site or
    /// in-plant training), `OJ` (on-the-job training).
    pub scale_id: String,
    /// The category; `None` on the rows of scale `IM` (importance of a professional
    /// certification), which carry a rating instead of a category share.
    pub category: Option<u16>,
    /// Percent of respondents (a 1–5 rating on `IM` rows).
    pub value: f64,
    pub recommend_suppress: bool,
}

/// `Education, Training, and Experience Categories.txt`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EteCategory {
    pub element_id: String,
    pub element_name: String,
    pub scale_id: String,
    pub category: u16,
    /// Empty where O*NET publishes none (category 1 of `RW`, no experience).
    pub description: String,
}

/// A skill or knowledge area of an occupation (`Skills.txt`, `Knowledge.txt`), with the
/// importance (scale IM, 1–5) and level (scale LV, 0–7) rows side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElementRating {
    pub code: OnetSoc,
    pub element_id: String,
    pub element_name: String,
    pub importance: Option<f64>,
    pub level: Option<f64>,
    /// O*NET marks the level "Not Relevant" when importance is too low for it to matter.
    pub level_not_relevant: bool,
    /// O*NET recommends suppressing one of the two values (low precision).
    pub recommend_suppress: bool,
}

/// `Technology Skills.txt`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Technology {
    pub code: OnetSoc,
    pub example: String,
    pub commodity_code: u32,
    pub commodity_title: String,
    pub hot: bool,
    pub in_demand: bool,
}

/// `Task Statements.txt`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskStatement {
    pub code: OnetSoc,
    pub task_id: u32,
    pub task: String,
    /// `Core`, `Supplemental`, or none.
    pub task_type: Option<String>,
}

/// `Related Occupations.txt`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelatedOccupation {
    pub code: OnetSoc,
    pub related: OnetSoc,
    /// `Primary-Short`, `Primary-Long` or `Supplemental`.
    pub tier: String,
    /// The `Index` column: rank within the occupation's list, 1 first.
    pub rank: u16,
}

const CODE_PATTERNS: &[&str] =
    &["o net-soc code", "onet-soc code", "o net soc code", "onetsoc code"];

// The columns several O*NET files share, spelled once so the files read them alike.
const CODE: Col = Col::req("O*NET-SOC code", CODE_PATTERNS);
const ELEMENT_ID: Col = Col::req("element ID", &["element id"]);
const ELEMENT_NAME: Col = Col::req("element name", &["element name"]);
const SCALE_ID: Col = Col::req("scale ID", &["scale id"]);
const DATA_VALUE: Col = Col::req("data value", &["data value"]);
const CATEGORY: Col = Col::req("category", &["category"]);
const RECOMMEND_SUPPRESS: Col = Col::opt("recommend suppress", &["recommend suppress"]);

fn onet_code(row: &Row<'_>, role: usize) -> Result<OnetSoc, ReadError> {
    row.code(role, OnetSoc::parse_lenient)
}

/// The O*NET release named by `Read Me.txt` in the same folder ("O*NET 29.3 Database").
pub fn onet_release(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join("Read Me.txt")).ok()?;
    let first = text.lines().find(|l| !l.trim().is_empty())?;
    let rest = first.trim().strip_prefix("O*NET")?.trim_start();
    let version: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    (!version.is_empty()).then_some(version)
}

fn info(path: &Path, reader: &'static str, rows: usize, sheet: Option<String>) -> SourceInfo {
    let mut info = SourceInfo::new(reader);
    info.rows = rows;
    info.sheet = sheet;
    match path.parent().and_then(onet_release) {
        Some(v) => info.vintage = v,
        None => info.warnings.push(
            "the O*NET release is unknown: keep `Read Me.txt` of the database beside its files"
                .into(),
        ),
    }
    info
}

fn not_sheet(_: &str) -> bool {
    true
}

/// Reads a file that gives one record per data row: `record` builds it from the row, and the
/// table's provenance names `reader`. `capacity` is the row count of a recent release, so the
/// records grow once.
fn read_records<T>(
    path: &Path,
    spec: &[Col],
    reader: &'static str,
    capacity: usize,
    mut record: impl FnMut(&Row<'_>) -> Result<T, ReadError>,
) -> Result<Table<T>, ReadError> {
    let mut rows = Vec::with_capacity(capacity);
    let (t, sheet) = read_table(path, spec, not_sheet, |r| {
        rows.push(record(r)?);
        Ok(())
    })?;
    Ok(Table { rows, info: info(path, reader, t.rows, sheet) })
}

/// Reads `Occupation Data.txt`.
pub fn read_occupations(path: &Path) -> Result<Table<OnetOccupation>, ReadError> {
    const SPEC: &[Col] =
        &[CODE, Col::req("title", &["title"]), Col::req("description", &["description"])];
    read_records(path, SPEC, "onet_occupation_data/1", 1100, |r| {
        Ok(OnetOccupation {
            code: onet_code(r, 0)?,
            title: r.string(1)?,
            description: r.string(2)?,
        })
    })
}

/// Reads `Alternate Titles.txt`.
pub fn read_alternate_titles(path: &Path) -> Result<Table<AlternateTitle>, ReadError> {
    const SPEC: &[Col] = &[
        CODE,
        Col::req("alternate title", &["alternate title"]),
        Col::opt("short title", &["short title"]),
        Col::opt("sources", &["source s", "sources", "source"]),
    ];
    read_records(path, SPEC, "onet_alternate_titles/1", 60_000, |r| {
        Ok(AlternateTitle {
            code: onet_code(r, 0)?,
            title: r.string(1)?,
            short_title: r.opt_string(2),
            sources: r.opt_string(3),
        })
    })
}

/// Reads `Sample of Reported Titles.txt`.
pub fn read_reported_titles(path: &Path) -> Result<Table<ReportedTitle>, ReadError> {
    const SPEC: &[Col] = &[
        CODE,
        Col::req("reported job title", &["reported job title", "reported title"]),
        Col::req("shown in My Next Move", &["shown in my next move"]),
    ];
    read_records(path, SPEC, "onet_reported_titles/1", 8000, |r| {
        Ok(ReportedTitle {
            code: onet_code(r, 0)?,
            title: r.string(1)?,
            shown_in_my_next_move: r.flag(2)?,
        })
    })
}

/// Reads `Interests.txt`.
pub fn read_interests(path: &Path) -> Result<Table<Interest>, ReadError> {
    const SPEC: &[Col] = &[CODE, ELEMENT_ID, ELEMENT_NAME, SCALE_ID, DATA_VALUE];
    read_records(path, SPEC, "onet_interests/1", 9000, |r| {
        Ok(Interest {
            code: onet_code(r, 0)?,
            element_id: r.string(1)?,
            element_name: r.string(2)?,
            scale_id: r.string(3)?,
            value: r.number(4)?,
        })
    })
}

/// Reads `Job Zones.txt`.
pub fn read_job_zones(path: &Path) -> Result<Table<JobZone>, ReadError> {
    const SPEC: &[Col] = &[CODE, Col::req("job zone", &["job zone"])];
    read_records(path, SPEC, "onet_job_zones/1", 1000, |r| {
        Ok(JobZone { code: onet_code(r, 0)?, job_zone: r.integer(1, 1..=5)? as u8 })
    })
}

/// Reads `Education, Training, and Experience.txt`.
pub fn read_ete(path: &Path) -> Result<Table<EteValue>, ReadError> {
    const SPEC: &[Col] =
        &[CODE, ELEMENT_ID, ELEMENT_NAME, SCALE_ID, CATEGORY, DATA_VALUE, RECOMMEND_SUPPRESS];
    read_records(path, SPEC, "onet_ete/1", 40_000, |r| {
        Ok(EteValue {
            code: onet_code(r, 0)?,
            element_id: r.string(1)?,
            element_name: r.string(2)?,
            scale_id: r.string(3)?,
            category: match r.opt_text(4) {
                Some(_) => Some(r.integer(4, 0..=99)? as u16),
                None => None,
            },
            value: r.number(5)?,
            recommend_suppress: r.flag(6)?,
        })
    })
}

/// Reads `Education, Training, and Experience Categories.txt`.
pub fn read_ete_categories(path: &Path) -> Result<Table<EteCategory>, ReadError> {
    const SPEC: &[Col] = &[
        ELEMENT_ID,
        ELEMENT_NAME,
        SCALE_ID,
        CATEGORY,
        Col::req("category description", &["category description"]),
    ];
    read_records(path, SPEC, "onet_ete_categories/1", 64, |r| {
        Ok(EteCategory {
            element_id: r.string(0)?,
            element_name: r.string(1)?,
            scale_id: r.string(2)?,
            category: r.integer(3, 0..=99)? as u16,
            description: r.opt_string(4).unwrap_or_default(),
        })
    })
}

/// Reads `Skills.txt` or `Knowledge.txt` (same layout): importance and level side by side.
pub fn read_element_ratings(path: &Path) -> Result<Table<ElementRating>, ReadError> {
    const SPEC: &[Col] = &[
        CODE,
        ELEMENT_ID,
        ELEMENT_NAME,
        SCALE_ID,
        DATA_VALUE,
        RECOMMEND_SUPPRESS,
        Col::opt("not relevant", &["not relevant"]),
    ];
    let mut rows: Vec<ElementRating> = Vec::with_capacity(32_000);
    // The IM and LV rows of an element are adjacent in the published files; the index makes
    // any other order read the same.
    let mut index: HashMap<(OnetSoc, String), usize> = HashMap::with_capacity(32_000);
    let (t, sheet) = read_table(path, SPEC, not_sheet, |r| {
        let code = onet_code(r, 0)?;
        let element_id = r.text(1)?;
        let scale = r.text(3)?;
        let value = r.number(4)?;
        let last = rows
            .len()
            .checked_sub(1)
            .filter(|&i| rows[i].code == code && rows[i].element_id == element_id);
        let at = match last.or_else(|| index.get(&(code, element_id.to_string())).copied()) {
            Some(i) => i,
            None => {
                index.insert((code, element_id.to_string()), rows.len());
                rows.push(ElementRating {
                    code,
                    element_id: element_id.into_owned(),
                    element_name: r.string(2)?,
                    importance: None,
                    level: None,
                    level_not_relevant: false,
                    recommend_suppress: false,
                });
                rows.len() - 1
            }
        };
        let rec = &mut rows[at];
        rec.recommend_suppress |= r.flag(5)?;
        match &*scale {
            "IM" => rec.importance = Some(value),
            "LV" => {
                rec.level = Some(value);
                rec.level_not_relevant = r.flag(6)?;
            }
            other => {
                return Err(r.err(
                    3,
                    crate::error::ErrorKind::Value {
                        found: other.to_string(),
                        expected: "IM (importance) or LV (level)".into(),
                    },
                ));
            }
        }
        Ok(())
    })?;
    let reader = if path.to_string_lossy().to_lowercase().contains("knowledge") {
        "onet_knowledge/1"
    } else {
        "onet_skills/1"
    };
    Ok(Table { rows, info: info(path, reader, t.rows, sheet) })
}

/// Reads `Technology Skills.txt`.
pub fn read_technology_skills(path: &Path) -> Result<Table<Technology>, ReadError> {
    const SPEC: &[Col] = &[
        CODE,
        Col::req("example", &["example"]),
        Col::req("commodity code", &["commodity code"]),
        Col::req("commodity title", &["commodity title"]),
        Col::req("hot technology", &["hot technology"]),
        Col::opt("in demand", &["in demand"]),
    ];
    read_records(path, SPEC, "onet_technology_skills/1", 33_000, |r| {
        Ok(Technology {
            code: onet_code(r, 0)?,
            example: r.string(1)?,
            commodity_code: r.integer(2, 0..=99_999_999)? as u32,
            commodity_title: r.string(3)?,
            hot: r.flag(4)?,
            in_demand: r.flag(5)?,
        })
    })
}

/// Reads `Task Statements.txt`.
pub fn read_task_statements(path: &Path) -> Result<Table<TaskStatement>, ReadError> {
    const SPEC: &[Col] = &[
        CODE,
        Col::req("task ID", &["task id"]),
        Col::req("task", &["task"]),
        Col::opt("task type", &["task type"]),
    ];
    read_records(path, SPEC, "onet_task_statements/1", 19_000, |r| {
        Ok(TaskStatement {
            code: onet_code(r, 0)?,
            task_id: r.integer(1, 0..=u32::MAX as i64)? as u32,
            task: r.string(2)?,
            task_type: r.opt_string(3),
        })
    })
}

/// Reads `Related Occupations.txt`.
pub fn read_related_occupations(path: &Path) -> Result<Table<RelatedOccupation>, ReadError> {
    const SPEC: &[Col] = &[
        CODE,
        Col::req("related O*NET-SOC code", &["related o net-soc code", "related onet-soc code"]),
        Col::req("relatedness tier", &["relatedness tier", "tier"]),
        Col::req("index", &["index"]),
    ];
    read_records(path, SPEC, "onet_related_occupations/1", 19_000, |r| {
        Ok(RelatedOccupation {
            code: onet_code(r, 0)?,
            related: onet_code(r, 1)?,
            tier: r.string(2)?,
            rank: r.integer(3, 0..=9999)? as u16,
        })
    })
}
