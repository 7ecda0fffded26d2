//! Columns matched by meaning. Each reader describes the columns it needs as [`Col`]s with
//! patterns over a *normalized* header text, so that the next vintage's headers still match:
//! years become `#` ("2024 National Employment Matrix code" and "2023 National Employment
//! Matrix code" both read `# national employment matrix code`), footnote markers (`[1]`) go,
//! en and em dashes become hyphens, case and punctuation do not matter. The years taken out
//! are kept: they are the file's vintage.

/// A header reduced to what identifies it, and the years it named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// Lower case words separated by single spaces; years replaced by `#`.
    pub text: String,
    /// The years named, in order; a range `2024–34` gives `[2024, 2034]`.
    pub years: Vec<u16>,
}

/// Normalizes a header: lower case, `[…]` footnote markers removed, dashes unified to `-`,
/// other punctuation turned into spaces, years (1900–2099) replaced by `#`, the two-digit end
/// of a range (`2024–34`) too.
pub fn normalize_header(raw: &str) -> Normalized {
    let mut text = String::with_capacity(raw.len());
    let mut years = Vec::new();
    let mut chars = raw.trim_start_matches('\u{feff}').chars().peekable();
    let mut in_brackets = false;
    let mut pending_space = false;
    let mut word = String::new();
    let flush = |word: &mut String, text: &mut String, years: &mut Vec<u16>, pending: &mut bool| {
        if word.is_empty() {
            return;
        }
        if *pending && !text.is_empty() && !text.ends_with('-') {
            text.push(' ');
        }
        *pending = false;
        let is_year = word.len() == 4
            && word.bytes().all(|b| b.is_ascii_digit())
            && (word.starts_with("19") || word.starts_with("20"));
        let range_end = word.len() == 2
            && word.bytes().all(|b| b.is_ascii_digit())
            && text.ends_with("#-")
            && !years.is_empty();
        if is_year {
            years.push(word.parse().expect("four digits"));
            text.push('#');
        } else if let Some((a, b)) = embedded_year(word) {
            // "CIP2020Code" reads as "cip # code".
            text.push_str(&word[..a]);
            if a > 0 {
                text.push(' ');
            }
            years.push(word[a..b].parse().expect("four digits"));
            text.push('#');
            if b < word.len() {
                text.push(' ');
                text.push_str(&word[b..]);
            }
        } else if range_end {
            let start = *years.last().expect("checked");
            let end = start / 100 * 100 + word.parse::<u16>().expect("two digits");
            years.push(if end < start { end + 100 } else { end });
            text.push('#');
        } else {
            text.push_str(word);
        }
        word.clear();
    };
    while let Some(c) = chars.next() {
        if in_brackets {
            in_brackets = c != ']';
            continue;
        }
        match c {
            '[' => {
                flush(&mut word, &mut text, &mut years, &mut pending_space);
                in_brackets = true;
            }
            '-' | '–' | '—' | '‐' | '‑' | '−' => {
                flush(&mut word, &mut text, &mut years, &mut pending_space);
                // A dash between words joins them ("O*NET-SOC", "2024–34"); a free-standing
                // dash is punctuation.
                let joins = !text.is_empty()
                    && !pending_space
                    && chars.peek().is_some_and(|n| n.is_alphanumeric());
                if joins {
                    text.push('-');
                } else {
                    pending_space = true;
                }
            }
            c if c.is_alphanumeric() => word.extend(c.to_lowercase()),
            _ => {
                flush(&mut word, &mut text, &mut years, &mut pending_space);
                pending_space = true;
            }
        }
    }
    flush(&mut word, &mut text, &mut years, &mut pending_space);
    Normalized { text, years }
}

/// The byte range of a year (four digits, 19xx or 20xx) inside a word of letters and digits,
/// when the digits are not part of a longer number.
fn embedded_year(word: &str) -> Option<(usize, usize)> {
    let b = word.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let run = &word[start..i];
            if run.len() == 4 && (run.starts_with("19") || run.starts_with("20")) {
                return Some((start, i));
            }
        } else {
            i += 1;
        }
    }
    None
}

/// Matches `text` against a pattern where `*` stands for any run of characters.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&b| b == b'*')
}

/// Which of several matching columns a role takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// The first matching column, left to right.
    First,
    /// The column naming the earliest year ("Employment, 2024" of 2024 and 2034).
    EarliestYear,
    /// The column naming the latest year, when at least two years are named.
    LatestYear,
}

/// A column a reader needs, described by meaning.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    /// What the column holds, as error messages name it ("SOC code").
    pub name: &'static str,
    /// Patterns over the normalized header (see [`normalize_header`]); `*` is a wildcard.
    pub patterns: &'static [&'static str],
    pub required: bool,
    pub pick: Pick,
}

impl Col {
    pub const fn req(name: &'static str, patterns: &'static [&'static str]) -> Col {
        Col { name, patterns, required: true, pick: Pick::First }
    }
    pub const fn opt(name: &'static str, patterns: &'static [&'static str]) -> Col {
        Col { name, patterns, required: false, pick: Pick::First }
    }
    pub const fn pick(self, pick: Pick) -> Col {
        Col { pick, ..self }
    }
    fn matches(&self, n: &Normalized) -> bool {
        self.patterns.iter().any(|p| glob_match(p, &n.text))
    }
}

/// The columns found for each [`Col`] of a reader's spec, by index into the spec.
#[derive(Debug, Clone)]
pub struct HeaderMap {
    index: Vec<Option<usize>>,
    headers: Vec<String>,
    normalized: Vec<Normalized>,
}

/// Required columns that no header matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingColumns {
    pub missing: Vec<String>,
    pub expected: Vec<String>,
    pub found: Vec<String>,
}

impl HeaderMap {
    /// Matches a header row against a spec. Fails when a required column has no match.
    pub fn new<S: AsRef<str>>(headers: &[S], spec: &[Col]) -> Result<HeaderMap, MissingColumns> {
        let normalized: Vec<Normalized> =
            headers.iter().map(|h| normalize_header(h.as_ref())).collect();
        let mut index = Vec::with_capacity(spec.len());
        let mut missing = Vec::new();
        let mut expected = Vec::new();
        for col in spec {
            let hits: Vec<usize> = (0..normalized.len())
                .filter(|&i| !normalized[i].text.is_empty() && col.matches(&normalized[i]))
                .collect();
            let year = |i: &&usize| normalized[**i].years.first().copied().unwrap_or(0);
            let chosen = match col.pick {
                Pick::First => hits.first().copied(),
                Pick::EarliestYear => hits.iter().min_by_key(year).copied(),
                Pick::LatestYear => {
                    let lo = hits.iter().map(|i| year(&i)).min();
                    hits.iter().filter(|i| Some(year(i)) != lo).max_by_key(year).copied()
                }
            };
            if chosen.is_none() && col.required {
                missing.push(col.name.to_string());
                expected.push(format!("{} like {:?}", col.name, col.patterns[0]));
            }
            index.push(chosen);
        }
        let headers: Vec<String> = headers.iter().map(|h| h.as_ref().trim().to_string()).collect();
        if missing.is_empty() {
            Ok(HeaderMap { index, headers, normalized })
        } else {
            Err(MissingColumns { missing, expected, found: headers })
        }
    }

    /// How many of the spec's columns were found (to pick the header row of a sheet).
    pub fn score<S: AsRef<str>>(headers: &[S], spec: &[Col]) -> usize {
        let normalized: Vec<Normalized> =
            headers.iter().map(|h| normalize_header(h.as_ref())).collect();
        spec.iter()
            .filter(|c| normalized.iter().any(|n| !n.text.is_empty() && c.matches(n)))
            .count()
    }

    /// The position of the column for spec entry `role`, if found.
    pub fn get(&self, role: usize) -> Option<usize> {
        self.index[role]
    }

    /// The header text of the column for `role`, as published (for error messages).
    pub fn header(&self, role: usize) -> &str {
        self.index[role].map(|i| self.headers[i].as_str()).unwrap_or("?")
    }

    /// The years named by the header of the column for `role`.
    pub fn years(&self, role: usize) -> &[u16] {
        self.index[role].map(|i| self.normalized[i].years.as_slice()).unwrap_or(&[])
    }

    /// The headers as published.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization_removes_years_footnotes_and_dashes() {
        let n = normalize_header("Median annual wage, dollars, 2024[1]");
        assert_eq!(n.text, "median annual wage dollars #");
        assert_eq!(n.years, vec![2024]);
        let n = normalize_header("Employment change, numeric, 2024–34");
        assert_eq!(n.text, "employment change numeric #-#");
        assert_eq!(n.years, vec![2024, 2034]);
        let n = normalize_header("Employment Change, 2022-2032");
        assert_eq!(n.text, "employment change #-#");
        assert_eq!(n.years, vec![2022, 2032]);
        assert_eq!(normalize_header("O*NET-SOC Code").text, "o net-soc code");
        assert_eq!(normalize_header("2022 NAICS US   Code").text, "# naics us code");
        assert_eq!(normalize_header("\u{feff}CIP2020Code").text, "cip # code");
        assert_eq!(normalize_header("SOC2018Title").years, vec![2018]);
        assert_eq!(normalize_header("A_PCT10").text, "a pct10");
        assert_eq!(normalize_header("Output, 2023[1][2]").text, "output #");
        assert_eq!(normalize_header("Range 2098-05").years, vec![2098, 2105]);
    }

    const SPEC: &[Col] = &[
        Col::req("occupation code", &["# national employment matrix code", "occupation code"]),
        Col::req("employment, base year", &["employment #", "# employment"])
            .pick(Pick::EarliestYear),
        Col::req("employment, projected year", &["employment #", "projected # employment"])
            .pick(Pick::LatestYear),
        Col::opt("median wage", &["median annual wage*"]),
    ];

    #[test]
    fn another_vintage_still_matches() {
        for (code, base, proj) in [
            ("2024 National Employment Matrix code", "Employment, 2024", "Employment, 2034"),
            ("2031 national employment matrix CODE", "Employment, 2031", "Employment, 2041"),
        ] {
            let h = [code, "Occupation type", proj, base, "Median annual wage, dollars, 2031[3]"];
            let m = HeaderMap::new(&h, SPEC).unwrap();
            assert_eq!(m.get(0), Some(0));
            assert_eq!(m.get(1), Some(3), "base year is the earlier one");
            assert_eq!(m.get(2), Some(2));
            assert_eq!(m.get(3), Some(4));
            assert!(m.years(2)[0] > m.years(1)[0]);
        }
    }

    #[test]
    fn one_year_is_not_both_base_and_projection() {
        let e = HeaderMap::new(&["Occupation Code", "2022 Employment"], SPEC).unwrap_err();
        assert_eq!(e.missing, vec!["employment, projected year"]);
        assert_eq!(e.found, vec!["Occupation Code", "2022 Employment"]);
    }

    #[test]
    fn globs() {
        assert!(glob_match("median*wage*", "median annual wage dollars #"));
        assert!(glob_match("*", ""));
        assert!(!glob_match("a*b", "ac"));
        assert!(glob_match("a*b*c", "axxbyyc"));
    }
}
