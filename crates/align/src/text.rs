//! Name keys and the small amount of text matching the engine needs.

/// The comparison key of a name: lower-case words, `and`/`&` dropped, single spaces. The same
/// rule as the framework resolver, so names written in the method files match canonical names
/// whatever their punctuation.
pub fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in words(name) {
        if word == "and" {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&word);
    }
    key
}

/// Lower-case alphanumeric words; apostrophes and periods join their neighbours.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '.')).filter_map(
        |w| {
            let mut out = String::with_capacity(w.len());
            // The crosswalk keys every title and task of ~1,000 occupations: ASCII words (nearly
            // all) skip the Unicode case tables, with the same result.
            if w.is_ascii() {
                out.extend(
                    w.bytes()
                        .filter(|b| !matches!(b, b'\'' | b'.'))
                        .map(|b| char::from(b.to_ascii_lowercase())),
                );
            } else {
                out.extend(
                    w.chars()
                        .filter(|c| !matches!(c, '\'' | '’' | '.'))
                        .flat_map(char::to_lowercase),
                );
            }
            (!out.is_empty()).then_some(out)
        },
    )
}

/// A crude singular, enough to make "Welders" meet "Welder" and "Attorneys" meet "Attorney".
pub fn singular(word: &str) -> String {
    singular_owned(word.to_string())
}

/// [`singular`] of a word already owned, shortened in place.
fn singular_owned(mut word: String) -> String {
    let n = word.len();
    if n > 4 && word.ends_with("ies") {
        word.truncate(n - 3);
        word.push('y');
    } else if n > 4 && (word.ends_with("sses") || word.ends_with("ches") || word.ends_with("shes"))
    {
        word.truncate(n - 2);
    } else if n > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        word.truncate(n - 1);
    }
    word
}

/// The key of a job title for exact comparison: singular words, `and`/`&` dropped.
pub fn title_key(title: &str) -> String {
    let mut out = String::new();
    for w in words(title) {
        if w == "and" {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&singular_owned(w));
    }
    out
}

/// A sorted, de-duplicated bag of singular words, searched by prefix.
#[derive(Debug, Clone, Default)]
pub struct WordSet(Vec<String>);

impl WordSet {
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> WordSet {
        let mut v: Vec<String> =
            texts.into_iter().flat_map(|t| words(t).map(singular_owned)).collect();
        v.sort_unstable();
        v.dedup();
        WordSet(v)
    }

    /// True when some word starts with `stem`.
    pub fn has_prefix(&self, stem: &str) -> bool {
        let i = self.0.partition_point(|w| w.as_str() < stem);
        self.0.get(i).is_some_and(|w| w.starts_with(stem))
    }

    /// True when every word of `phrase` is the prefix of some word here.
    pub fn has_phrase(&self, phrase: &[String]) -> bool {
        !phrase.is_empty() && phrase.iter().all(|w| self.has_prefix(w))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A keyword as searched: its words, singular.
pub fn keyword_words(keyword: &str) -> Vec<String> {
    words(keyword).filter(|w| w != "and").map(singular_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_punctuation_and_conjunctions() {
        assert_eq!(
            name_key("Arts, Entertainment, & Design"),
            name_key("arts entertainment and design")
        );
        assert_eq!(name_key("Local, State, & Federal Services"), "local state federal services");
        assert_ne!(name_key("Health Science"), name_key("Health Sciences"));
    }

    #[test]
    fn titles_compare_in_the_singular() {
        assert_eq!(
            title_key("Welders, Cutters, Solderers, and Brazers"),
            "welder cutter solderer brazer"
        );
        assert_eq!(title_key("Attorneys"), title_key("attorney"));
        assert_eq!(title_key("Boss"), "boss");
        assert_eq!(singular("Companies"), "Company");
        assert_eq!(singular("Coaches"), "Coach");
        assert_eq!(singular("bus"), "bus");
    }

    #[test]
    fn words_lower_case_any_script_and_join_at_apostrophes() {
        let w: Vec<String> = words("O’Brien's CAFÉ-Owners, Dr.Who & co").collect();
        assert_eq!(w, ["obriens", "café", "owners", "drwho", "co"]);
    }

    #[test]
    fn word_sets_match_stems_and_phrases() {
        let s = WordSet::from_texts(["Veterinary technologists", "care for animals"]);
        assert!(s.has_prefix("veterinar"));
        assert!(s.has_phrase(&keyword_words("veterinary technologist")));
        assert!(!s.has_prefix("nurse"));
        assert!(!s.has_phrase(&[]));
    }
}
