//! Industries the National Employment Matrix publishes only inside a summary.
//!
//! The 2022-32 matrix comes as one file per published line-item industry. Some line items are
//! never published on their own — janitorial services (NAICS 56172) sits only inside "Services to
//! buildings and dwellings" (5617), hotels and motels inside "Traveler accommodation" (7211),
//! limited-service restaurants inside "Restaurants and other eating places" (7225) — and the
//! summaries themselves are not in the files. Splitting an OEWS sector by the published line
//! items alone then hands the unpublished part to whichever siblings happen to be published:
//! 1.2 million jobs in services to buildings vanished, and janitors' sector-56 employment went
//! to temporary-help agencies (Management & Entrepreneurship) instead of building services.
//!
//! The remedy uses two official figures: Table 2.11 says which summaries hold more employment
//! than their listed children (the unpublished part), and the full 2018-28 matrix, which has
//! summary rows, says how many of an occupation's jobs sit in that part (its summary row minus
//! its rows for the listed children). The estimate is scaled to the current matrix by the
//! occupation's ratio of current to old employment in the summary's listed children.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{Connection, OptionalExtension};

use crate::Error;
use crate::inputs::{OccupationInput, industry_naics};

/// A summary is taken to hold unpublished industries when its employment exceeds that of its
/// listed children by this share of its own employment and by at least `MIN_JOBS` jobs; smaller
/// gaps are rounding and vintage noise.
const MIN_SHARE: f64 = 0.05;
const MIN_JOBS: f64 = 50_000.0;
/// Bounds on the current-to-old scale, so that an occupation whose code changed meaning between
/// the vintages cannot inflate its estimate.
const SCALE_BOUNDS: (f64, f64) = (0.5, 2.0);

/// A summary industry with an unpublished part.
#[derive(Debug, Clone, PartialEq)]
pub struct HiddenIndustry {
    /// The matrix code of the summary ("561700").
    pub code: String,
    /// Its NAICS prefix ("5617").
    pub naics: String,
    /// The matrix codes of its listed children.
    pub children: Vec<String>,
}

/// One matrix industry of the current list: code, NAICS prefix, employment (Table 2.11).
#[derive(Debug, Clone)]
pub struct ListedIndustry {
    pub code: String,
    pub naics: String,
    pub summary: bool,
    pub employment: Option<f64>,
}

/// The summaries whose employment exceeds their listed children's: the industries the matrix
/// publishes only inside them. A summary whose NAICS prefix another listed industry shares is
/// left out (its children cannot be told apart by prefix).
pub fn hidden_industries(list: &[ListedIndustry]) -> Vec<HiddenIndustry> {
    let mut by_prefix: BTreeMap<&str, usize> = BTreeMap::new();
    for i in list {
        *by_prefix.entry(i.naics.as_str()).or_insert(0) += 1;
    }
    let mut out = Vec::new();
    for h in list.iter().filter(|i| i.summary) {
        let p = h.naics.as_str();
        if by_prefix.get(p) != Some(&1) || !h.code.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let Some(total) = h.employment else { continue };
        let inside: Vec<&ListedIndustry> =
            list.iter().filter(|i| i.naics.len() > p.len() && i.naics.starts_with(p)).collect();
        // Direct children: inside the summary and not inside another industry that is.
        let children: Vec<&ListedIndustry> = inside
            .iter()
            .copied()
            .filter(|c| {
                !inside
                    .iter()
                    .any(|o| o.naics.len() < c.naics.len() && c.naics.starts_with(&o.naics))
            })
            .collect();
        if children.is_empty() {
            continue;
        }
        let listed: f64 = children.iter().filter_map(|c| c.employment).sum();
        let gap = total - listed;
        if gap > MIN_JOBS && gap > MIN_SHARE * total {
            let mut codes: Vec<String> = children.iter().map(|c| c.code.clone()).collect();
            codes.sort();
            out.push(HiddenIndustry {
                code: h.code.clone(),
                naics: h.naics.clone(),
                children: codes,
            });
        }
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    out
}

/// An occupation's jobs in the unpublished part of `h`, from its old-matrix rows: the summary
/// row less the rows of the listed children. `None` when the old matrix has no summary row.
pub fn hidden_jobs(h: &HiddenIndustry, old: &BTreeMap<&str, f64>) -> Option<f64> {
    let total = *old.get(h.code.as_str())?;
    let listed: f64 = h.children.iter().filter_map(|c| old.get(c.as_str())).sum();
    let gap = total - listed;
    (gap > 0.0).then_some(gap)
}

/// The occupation's current-to-old ratio in the listed children of `h` that both vintages
/// publish for it (1 when none), so that the old estimate speaks in current jobs.
fn scale(h: &HiddenIndustry, old: &BTreeMap<&str, f64>, now: &BTreeMap<String, f64>) -> f64 {
    let (mut a, mut b) = (0.0, 0.0);
    for c in &h.children {
        if let (Some(x), Some(y)) = (now.get(c), old.get(c.as_str())) {
            a += x;
            b += y;
        }
    }
    if a > 0.0 && b > 0.0 { (a / b).clamp(SCALE_BOUNDS.0, SCALE_BOUNDS.1) } else { 1.0 }
}

/// Adds to each occupation's matrix evidence its estimated jobs in unpublished industries
/// (see the module documentation). Occupations whose matrix figures are an aggregate's, or
/// that the old matrix does not list under the same code, are left as they are.
pub(crate) fn add_unpublished_industries(
    conn: &Connection,
    vintage: &str,
    table: &BTreeMap<String, String>,
    occ: &mut BTreeMap<String, OccupationInput>,
) -> Result<(), Error> {
    let old_vintage: Option<String> =
        conn.query_row("SELECT MAX(vintage) FROM nem WHERE vintage < ?1", [vintage], |r| r.get(0))?;
    let Some(old_vintage) = old_vintage else { return Ok(()) };

    let mut employment: BTreeMap<String, f64> = BTreeMap::new();
    let mut st = conn.prepare(
        "SELECT code, emp_base FROM ep_industry_output WHERE table_id = '2.11' AND emp_base IS NOT NULL ORDER BY vintage",
    )?;
    for row in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, f64>(1)?)))? {
        let (code, emp) = row?;
        employment.insert(code, emp);
    }
    let mut list = Vec::new();
    let mut st = conn.prepare(
        "SELECT code, ind_type FROM ep_industry WHERE vintage = (SELECT MAX(vintage) FROM ep_industry) ORDER BY code",
    )?;
    for row in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (code, kind) = row?;
        let Some(naics) = industry_naics(&code, table.get(&code).map(String::as_str)) else {
            continue;
        };
        list.push(ListedIndustry {
            employment: employment.get(&code).copied(),
            code,
            naics,
            summary: kind == "summary",
        });
    }
    // Only summaries whose code and listed children the old matrix knows by the same codes.
    let mut known =
        conn.prepare_cached("SELECT 1 FROM nem WHERE vintage = ?1 AND industry = ?2 LIMIT 1")?;
    let mut in_old = |code: &str| -> Result<bool, Error> {
        Ok(known.query_row([old_vintage.as_str(), code], |_| Ok(())).optional()?.is_some())
    };
    let mut hidden = Vec::new();
    for h in hidden_industries(&list) {
        let mut all = in_old(&h.code)?;
        for c in &h.children {
            all = all && in_old(c)?;
        }
        if all {
            hidden.push(h);
        }
    }
    if hidden.is_empty() {
        return Ok(());
    }
    let wanted: BTreeSet<&str> = hidden
        .iter()
        .flat_map(|h| std::iter::once(h.code.as_str()).chain(h.children.iter().map(String::as_str)))
        .collect();

    // Both vintages' rows for the summaries and their listed children, by occupation (the
    // primary key starts with vintage and industry, so this reads only those industries).
    let codes: Vec<&str> = wanted.into_iter().collect();
    let slots: Vec<String> = (0..codes.len()).map(|i| format!("?{}", i + 3)).collect();
    let sql = format!(
        "SELECT vintage, soc, industry, emp_base FROM nem WHERE vintage IN (?1, ?2) AND industry IN ({}) AND occ_type = 'line_item' AND emp_base > 0",
        slots.join(", ")
    );
    let mut args: Vec<&dyn rusqlite::ToSql> = vec![&vintage, &old_vintage];
    args.extend(codes.iter().map(|c| c as &dyn rusqlite::ToSql));
    type Rows = BTreeMap<String, f64>;
    let mut by_soc: BTreeMap<String, (Rows, Rows)> = BTreeMap::new();
    let mut st = conn.prepare(&sql)?;
    for row in st.query_map(args.as_slice(), |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, f64>(3)?,
        ))
    })? {
        let (v, soc, industry, emp) = row?;
        let entry = by_soc.entry(soc).or_default();
        let side = if v == old_vintage { &mut entry.0 } else { &mut entry.1 };
        side.insert(industry, emp);
    }

    for o in occ.values_mut() {
        if o.nem_via.is_some() || o.nem.is_empty() {
            continue;
        }
        let Some((old, now)) = by_soc.get(&o.soc) else { continue };
        let old: BTreeMap<&str, f64> = old.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        for h in &hidden {
            if let Some(jobs) = hidden_jobs(h, &old) {
                let jobs = jobs * scale(h, &old, now);
                o.nem.push((h.naics.clone(), jobs));
                o.nem_unpublished.push((h.naics.clone(), jobs));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ind(code: &str, naics: &str, summary: bool, emp: f64) -> ListedIndustry {
        ListedIndustry { code: code.into(), naics: naics.into(), summary, employment: Some(emp) }
    }

    #[test]
    fn a_summary_larger_than_its_children_hides_an_industry() {
        let list = vec![
            ind("561000", "561", true, 3_000_000.0),
            ind("561300", "5613", true, 1_000_000.0),
            ind("561320", "56132", false, 990_000.0),
            ind("561700", "5617", true, 2_000_000.0),
            ind("561710", "56171", false, 150_000.0),
            ind("561730", "56173", false, 850_000.0),
        ];
        let hidden = hidden_industries(&list);
        // 5613's gap (10,000) is noise; 5617's (1,000,000) is an unpublished industry; 561's
        // children (5613, 5617) account for all of it.
        assert_eq!(hidden.len(), 1);
        assert_eq!(hidden[0].naics, "5617");
        assert_eq!(hidden[0].children, vec!["561710".to_string(), "561730".to_string()]);

        let old: BTreeMap<&str, f64> =
            [("561700", 900_000.0), ("561710", 100.0), ("561730", 1_900.0)].into();
        assert_eq!(hidden_jobs(&hidden[0], &old), Some(898_000.0));
        let none: BTreeMap<&str, f64> = [("561710", 100.0)].into();
        assert_eq!(hidden_jobs(&hidden[0], &none), None);
    }

    #[test]
    fn summaries_sharing_a_prefix_are_left_out() {
        let list = vec![
            ind("622000", "622", true, 6_000_000.0),
            ind("6220P0", "622", true, 5_000_000.0),
            ind("622100", "6221", false, 100_000.0),
        ];
        assert!(hidden_industries(&list).is_empty());
    }
}
