//! The employment prior for SOC codes BLS publishes only inside an aggregate. The 2024–34
//! projections and OEWS report "Home health and personal care aides" (31-1120) rather than
//! 31-1121 and 31-1122, "Miscellaneous assemblers and fabricators" (51-2090) rather than team
//! assemblers, and a few aggregates of their own (21-1018 for the substance abuse and mental
//! health counselors, 25-9045 for the teaching assistants, 53-1047 for the transportation
//! supervisors). Without a share of the aggregate such an occupation has no prior at all,
//! which ranks a million team assemblers below a few thousand sawmill workers.

use std::collections::{BTreeMap, HashMap, HashSet};

/// Employment for each code of `detailed` that `published` lacks, from the aggregate that
/// holds it: the published code of its SOC broad group (`31-1120`), else the published code
/// nearest to it in its minor group that is not itself a detailed code (`21-1018`). The
/// aggregate, less the detailed codes of its broad group that are published, is shared
/// evenly among the missing codes it holds.
pub fn from_aggregates<'a>(
    published: impl IntoIterator<Item = (&'a str, f64)>,
    detailed: &[&str],
) -> HashMap<String, f64> {
    let published: BTreeMap<&str, f64> = published.into_iter().collect();
    let detailed_set: HashSet<&str> = detailed.iter().copied().collect();
    let mut holders: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut missing: Vec<&str> =
        detailed.iter().copied().filter(|d| d.len() == 7 && !published.contains_key(d)).collect();
    missing.sort_unstable();
    missing.dedup();
    for d in missing {
        let broad = format!("{}0", &d[..6]);
        let holder = if let Some((&a, _)) = published.get_key_value(broad.as_str()) {
            Some(a)
        } else {
            let number = |c: &str| c[3..].parse::<i32>().ok();
            let Some(n) = number(d) else { continue };
            published
                .range(&d[..5]..)
                .take_while(|(c, _)| c.starts_with(&d[..5]))
                .filter(|(c, _)| c.len() == 7 && !detailed_set.contains(*c))
                .filter_map(|(&c, _)| Some((number(c)?, c)))
                .min_by_key(|&(m, _)| (m - n).abs())
                .map(|(_, c)| c)
        };
        if let Some(a) = holder {
            holders.entry(a).or_default().push(d);
        }
    }
    let mut out = HashMap::new();
    for (a, codes) in holders {
        let mut total = published[a];
        if a.ends_with('0') {
            // Detailed codes of the broad group published on their own are not in the total.
            total -= published
                .range(&a[..6]..)
                .take_while(|(c, _)| c.starts_with(&a[..6]))
                .filter(|(c, _)| *c != &a && detailed_set.contains(*c))
                .map(|(_, e)| e)
                .sum::<f64>();
        }
        let share = total.max(0.0) / codes.len() as f64;
        for d in codes {
            out.insert(d.to_string(), share);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_codes_share_their_aggregate() {
        let published = [
            ("31-1120", 4_000_000.0),
            ("21-1012", 300_000.0),
            ("21-1018", 450_000.0),
            ("51-2090", 1_000_000.0),
            ("51-2091", 100_000.0),
            ("47-2061", 1_300_000.0),
        ];
        let detailed = [
            "31-1121", "31-1122", "21-1011", "21-1012", "21-1014", "51-2091", "51-2092", "47-2061",
            "99-9999",
        ];
        let got = from_aggregates(published, &detailed);
        assert_eq!(got.get("31-1121"), Some(&2_000_000.0));
        assert_eq!(got.get("31-1122"), Some(&2_000_000.0));
        assert_eq!(got.get("21-1011"), Some(&225_000.0));
        assert_eq!(got.get("21-1014"), Some(&225_000.0));
        // The broad total less its published detailed code.
        assert_eq!(got.get("51-2092"), Some(&900_000.0));
        // Published codes are not touched; a code with no aggregate stays without.
        assert!(!got.contains_key("47-2061") && !got.contains_key("21-1012"));
        assert!(!got.contains_key("99-9999"));
    }
}
