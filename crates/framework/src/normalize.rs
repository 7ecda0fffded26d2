//! How names are compared and how ids are made.
//!
//! Two spellings name the same entity when their [`name_key`]s are equal. The key ignores what
//! varies between the sources without changing the meaning: letter case, punctuation (commas,
//! the Oxford comma, periods, slashes, hyphens, parentheses, apostrophes), `&` versus `and`, and
//! spacing. Everything else — a different word, a singular for a plural — needs an alias in the
//! data files.

/// The comparison key of a name: lower-case words, `and`/`&` dropped, joined by single spaces.
///
/// ```
/// use trellis_framework::normalize::name_key;
/// assert_eq!(name_key("Arts, Entertainment, & Design"), "arts entertainment design");
/// assert_eq!(name_key("arts entertainment and design"), "arts entertainment design");
/// assert_eq!(name_key("  Web and   Cloud "), "web cloud");
/// assert_eq!(name_key("Design/Pre-Construction"), "design pre construction");
/// ```
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

/// The words of a name, lower-cased. Apostrophes and periods join their neighbours ("Tomorrow's"
/// is one word, "Adv." is "adv"); every other non-alphanumeric character separates words.
fn words(name: &str) -> impl Iterator<Item = String> + '_ {
    name.split(|c: char| !(c.is_alphanumeric() || is_joiner(c)))
        .map(|w| w.chars().filter(|c| !is_joiner(*c)).flat_map(char::to_lowercase).collect())
        .filter(|w: &String| !w.is_empty())
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '.')
}

/// The id slug of a canonical name: lower case, `&`, commas, periods, apostrophes and
/// parentheses dropped, every other run of non-alphanumerics one hyphen.
///
/// ```
/// use trellis_framework::normalize::slug;
/// assert_eq!(slug("Arts, Entertainment, & Design"), "arts-entertainment-design");
/// assert_eq!(slug("Healthcare & Human Services"), "healthcare-human-services");
/// assert_eq!(slug("Design/Pre-Construction"), "design-pre-construction");
/// ```
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_hyphen = false;
    for c in name.chars() {
        if matches!(c, '&' | ',' | '.' | '\'' | '’' | '(' | ')') {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_hyphen = true;
        }
    }
    out
}

/// True for a well-formed id: lower-case ASCII letters and digits in hyphen-separated runs
/// (a double hyphen separates a 2002 pathway from its cluster).
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("---")
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_punctuation_and_conjunctions() {
        let k = name_key("Arts, Entertainment, & Design");
        for v in [
            "Arts, Entertainment & Design",
            "ARTS ENTERTAINMENT AND DESIGN",
            "arts-entertainment-design",
        ] {
            assert_eq!(name_key(v), k, "{v}");
        }
        assert_eq!(
            name_key("Information Technology (IT) Support & Services"),
            "information technology it support services"
        );
        assert_eq!(
            name_key("Driving Efficiency and Streamlining Tomorrow’s Transport"),
            name_key("driving efficiency & streamlining tomorrow's transport")
        );
        assert_eq!(name_key("Adv. Manufacturing"), "adv manufacturing");
        assert_eq!(name_key(" & and , "), "");
    }

    #[test]
    fn keys_keep_words_that_change_meaning() {
        assert_ne!(name_key("Health Science"), name_key("Health Sciences"));
        assert_ne!(
            name_key("Unmanned Vehicle Technology"),
            name_key("Uncrewed Vehicle Technology")
        );
    }

    #[test]
    fn slugs_follow_the_documented_rule() {
        assert_eq!(slug("Local, State, & Federal Services"), "local-state-federal-services");
        assert_eq!(slug("IT Support & Services"), "it-support-services");
        assert_eq!(
            slug("Arts, A/V Technology & Communications"),
            "arts-a-v-technology-communications"
        );
        assert_eq!(
            slug("Manufacturing Production Process Dev."),
            "manufacturing-production-process-dev"
        );
        assert!(is_valid_id("2002-health-science--therapeutic-services"));
        assert!(!is_valid_id("Health"));
        assert!(!is_valid_id("-x"));
        assert!(!is_valid_id(""));
    }
}
