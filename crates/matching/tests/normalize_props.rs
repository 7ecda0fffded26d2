//! Properties of the normalizer on arbitrary text.

use proptest::prelude::*;
use trellis_matching::normalize::{MAX_INPUT_BYTES, Normalizer};

proptest! {
    #[test]
    fn output_is_clean_tokens(text in "\\PC{0,300}") {
        let n = Normalizer::new();
        let out = n.normalize(&text);
        prop_assert!(!out.starts_with(' ') && !out.ends_with(' ') && !out.contains("  "));
        prop_assert!(out.chars().all(|c| c == ' ' || c.is_alphanumeric()), "{out:?}");
        prop_assert!(out.len() <= 10 * MAX_INPUT_BYTES);
    }

    #[test]
    fn case_and_trailing_noise_do_not_matter(title in "[A-Za-z]{3,10}( [A-Za-z]{3,10}){0,3}") {
        let n = Normalizer::new();
        let base = n.normalize(&title);
        prop_assert_eq!(n.normalize(&title.to_uppercase()), base.clone());
        prop_assert_eq!(n.normalize(&format!("{title} - Night Shift - $20/hr")), base.clone());
        prop_assert_eq!(n.normalize(&format!("{title} | Hartford, CT")), base);
    }
}
