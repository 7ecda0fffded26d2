//! One CIP 2020 program (or series/group) and the occupations it leads to.

use rusqlite::OptionalExtension;
use serde::Serialize;
use trellis_framework::codes::Cip;

use super::CodeTitle;
use crate::store::{Store, StoreError};

#[derive(Debug, Clone, Serialize)]
pub struct Program {
    pub cip: String,
    pub level: String,
    pub title: String,
    pub definition: String,
    /// NCES 2020 action: 'No substantive changes', 'New', 'Moved from', ...
    pub action: Option<String>,
    pub cross_references: Option<String>,
    pub examples: Option<String>,
    /// Series and group above it, top first.
    pub hierarchy: Vec<CodeTitle>,
    /// Codes one level down (for a series or group).
    pub children: Vec<CodeTitle>,
    /// SOC 2018 occupations the NCES crosswalk relates it to.
    pub occupations: Vec<CodeTitle>,
    /// True when the crosswalk lists the program as having no matching occupation.
    pub crosswalk_no_match: bool,
}

impl Store {
    /// The program `cip`, or `None` when CIP 2020 has no such code.
    pub fn program(&self, cip: Cip) -> Result<Option<Program>, StoreError> {
        let code = cip.to_string();
        let conn = self.conn();
        let row = conn
            .prepare_cached(
                "SELECT level, title, definition, action, cross_references, examples
                 FROM cip WHERE code = ?1",
            )?
            .query_row([&code], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            })
            .optional()?;
        let Some((level, title, definition, action, cross_references, examples)) = row else {
            return Ok(None);
        };
        let mut hierarchy = Vec::new();
        let mut up = cip.parent();
        while let Some(p) = up {
            let t: Option<String> = conn
                .prepare_cached("SELECT title FROM cip WHERE code = ?1")?
                .query_row([p.to_string()], |r| r.get(0))
                .optional()?;
            if let Some(t) = t {
                hierarchy.push(CodeTitle { code: p.to_string(), title: t });
            }
            up = p.parent();
        }
        hierarchy.reverse();
        // CIP codes one level down share the prefix and have the next length.
        let child_len = match code.len() {
            2 => 5,
            5 => 7,
            _ => 0,
        };
        let children = if child_len == 0 {
            Vec::new()
        } else {
            let mut st = conn.prepare_cached(
                "SELECT code, title FROM cip WHERE code LIKE ?1 || '%' AND length(code) = ?2
                 ORDER BY code",
            )?;
            st.query_map(rusqlite::params![code, child_len], |r| {
                Ok(CodeTitle { code: r.get(0)?, title: r.get(1)? })
            })?
            .collect::<Result<_, _>>()?
        };
        let occupations = self.code_titles(
            "SELECT c.soc, coalesce(s.title, '') FROM cip_soc c LEFT JOIN soc s ON s.code = c.soc
             WHERE c.cip = ?1 ORDER BY c.soc",
            &code,
        )?;
        let crosswalk_no_match: bool = conn
            .prepare_cached(
                "SELECT count(*) > 0 FROM cip_soc_unmatched WHERE kind = 'cip' AND code = ?1",
            )?
            .query_row([&code], |r| r.get(0))?;
        Ok(Some(Program {
            cip: code,
            level,
            title,
            definition,
            action,
            cross_references,
            examples,
            hierarchy,
            children,
            occupations,
            crosswalk_no_match,
        }))
    }
}
