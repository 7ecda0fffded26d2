//! One NAICS 2022 industry, its place in the hierarchy and its description.

use rusqlite::OptionalExtension;
use serde::Serialize;
use trellis_framework::codes::Naics;

use super::CodeTitle;
use crate::store::{Store, StoreError};

#[derive(Debug, Clone, Serialize)]
pub struct Industry {
    pub naics: String,
    /// sector, subsector, industry_group, industry or national_industry.
    pub level: String,
    pub title: String,
    pub description: Option<String>,
    /// Sector down to the parent, top first.
    pub hierarchy: Vec<CodeTitle>,
    pub parent: Option<CodeTitle>,
    pub children: Vec<CodeTitle>,
}

impl Store {
    /// The industry `naics`, or `None` when NAICS 2022 has no such code.
    pub fn industry(&self, naics: Naics) -> Result<Option<Industry>, StoreError> {
        let code = naics.to_string();
        let row = self
            .conn()
            .prepare_cached("SELECT level, title, description FROM naics WHERE code = ?1")?
            .query_row([&code], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?)))
            .optional()?;
        let Some((level, title, description)) = row else { return Ok(None) };
        let mut hierarchy = Vec::new();
        let mut up = naics.parent();
        while let Some(p) = up {
            let t: Option<String> = self
                .conn()
                .prepare_cached("SELECT title FROM naics WHERE code = ?1")?
                .query_row([p.to_string()], |r| r.get(0))
                .optional()?;
            if let Some(t) = t {
                hierarchy.push(CodeTitle { code: p.to_string(), title: t });
            }
            up = p.parent();
        }
        hierarchy.reverse();
        let parent = hierarchy.last().cloned();
        let children = self
            .code_titles("SELECT code, title FROM naics WHERE parent = ?1 ORDER BY code", &code)?;
        Ok(Some(Industry { naics: code, level, title, description, hierarchy, parent, children }))
    }
}
