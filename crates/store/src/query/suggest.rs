//! The codes closest to one that does not exist, for "did you mean" messages.

use serde::Serialize;

use crate::store::{Store, StoreError};

/// A code the user may have meant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub code: String,
    pub title: String,
}

/// The code systems with a table of codes and titles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeSystem {
    Soc,
    Cip,
    Naics,
}

impl CodeSystem {
    fn table(self) -> &'static str {
        match self {
            CodeSystem::Soc => "soc",
            CodeSystem::Cip => "cip",
            CodeSystem::Naics => "naics",
        }
    }
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Ranks `code` against `input`: the longest shared digit prefix first (a typo in the last
/// digits keeps the group), then the edit distance of the digits, then the code itself.
fn rank(input: &str, code: &str) -> (std::cmp::Reverse<usize>, usize) {
    let (a, b) = (digits(input), digits(code));
    let prefix = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    (std::cmp::Reverse(prefix), strsim::levenshtein(&a, &b))
}

impl Store {
    /// Up to `n` existing codes closest to `input` (which may be malformed), or, when the input
    /// is not code-like, codes whose titles contain it.
    pub fn closest_codes(
        &self,
        system: CodeSystem,
        input: &str,
        n: usize,
    ) -> Result<Vec<Suggestion>, StoreError> {
        let sql = format!("SELECT code, title FROM {} ORDER BY code", system.table());
        let mut st = self.conn().prepare_cached(&sql)?;
        let all: Vec<Suggestion> = st
            .query_map([], |r| Ok(Suggestion { code: r.get(0)?, title: r.get(1)? }))?
            .collect::<Result<_, _>>()?;
        let needle = input.trim().to_lowercase();
        if digits(&needle).len() < 2 {
            return Ok(all
                .into_iter()
                .filter(|s| !needle.is_empty() && s.title.to_lowercase().contains(&needle))
                .take(n)
                .collect());
        }
        let want = digits(input).len();
        let mut ranked: Vec<_> = all
            .into_iter()
            // Prefer codes of the same length (level) as what the user typed.
            .map(|s| ((digits(&s.code).len() != want, rank(input, &s.code)), s))
            .collect();
        ranked.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.code.cmp(&b.1.code)));
        Ok(ranked.into_iter().take(n).map(|(_, s)| s).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_prefix_outranks_edit_distance() {
        assert!(rank("15-1259", "15-1252") < rank("15-1259", "25-1259"));
        assert!(rank("51.3801", "51.3801") < rank("51.3801", "51.3802"));
    }
}
