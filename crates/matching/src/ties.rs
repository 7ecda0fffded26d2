//! Titles O*NET lists under several occupations. "Crew Member" is an alternate title of fast
//! food workers, mobile home installers, paving crews, fishers and sailors; "Cleaner" of
//! janitors, vehicle cleaners, launderers and maids. The words cannot choose between them, and
//! the re-ranker learned no prior for them: its training titles are held out of the index, so
//! none of them is an exact listing, and its priors (employment, number of titles) are weak
//! because held-out O*NET titles spread over occupations by how many titles O*NET collected.
//! A title an employer writes is as likely as the jobs behind it, so among the candidates that
//! match the query exactly each gains the log of its employment: the odds between two exact
//! listings move by the ratio of their employment.

use crate::search::{LUT_SIZE, NO_ENTRY, TargetState};

/// When the best candidate matches the query exactly and others do too, adds
/// `weight × ln(1 + employment)` to each exact match (`prior × scale` is that logarithm), then
/// shifts them together so their best keeps the top score: the confidence reads the top
/// score and its margin, and a query without ties is untouched.
pub(crate) fn by_employment(
    ranked: &mut [(f32, u32)],
    tgt: &[TargetState],
    epoch: u32,
    prior: &[f32],
    scale: f32,
    weight: f32,
) {
    let exact = |t: u32| is_exact(&tgt[t as usize], epoch);
    if !applies(ranked, tgt, epoch) {
        return;
    }
    let Some(&(top, _)) = ranked.iter().max_by(|a, b| a.0.total_cmp(&b.0)) else { return };
    let mut new_top = f32::NEG_INFINITY;
    for r in ranked.iter_mut() {
        if exact(r.1) {
            r.0 += weight * scale * prior[r.1 as usize];
            new_top = new_top.max(r.0);
        }
    }
    let lift = top - new_top;
    for r in ranked.iter_mut() {
        if exact(r.1) {
            r.0 += lift;
        }
    }
}

/// Whether the target's best entry holds exactly the query's words (the re-ranker's `exact`).
pub(crate) fn is_exact(ts: &TargetState, epoch: u32) -> bool {
    let exact_min = (LUT_SIZE - 1) as u32;
    ts.epoch == epoch
        && ts.entry != NO_ENTRY
        && (ts.cover >> 16) >= exact_min
        && (ts.cover & 0xffff) >= exact_min
}

/// Whether the best candidate and at least one other match the query exactly.
pub(crate) fn applies(ranked: &[(f32, u32)], tgt: &[TargetState], epoch: u32) -> bool {
    let exact = |t: u32| is_exact(&tgt[t as usize], epoch);
    ranked.iter().max_by(|a, b| a.0.total_cmp(&b.0)).is_some_and(|&(_, best)| exact(best))
        && ranked.iter().filter(|r| exact(r.1)).count() >= 2
}

#[cfg(test)]
mod tests {
    use crate::Matcher;
    use crate::model::{Corpus, Domain};

    fn corpus(janitors: f64) -> Corpus {
        let mut c = Corpus::new();
        c.add_test_occupations(
            400_000.0,
            &[("53-7061", "Cleaners of Vehicles and Equipment", &["Cleaner", "Car Washer"])],
        );
        c.add_test_occupations(
            janitors,
            &[("37-2011", "Janitors and Cleaners", &["Cleaner", "Custodian", "Janitor"])],
        );
        c
    }

    #[test]
    fn a_title_several_occupations_list_leans_to_the_one_employing_most() {
        let m = Matcher::build(&corpus(2_400_000.0));
        let hits = m.search_with("Cleaner", Domain::Occupation, 2, false);
        assert_eq!(hits[0].soc.as_deref(), Some("37-2011"), "{hits:?}");
        assert_eq!(hits[1].soc.as_deref(), Some("53-7061"), "{hits:?}");
        assert!(hits[0].exact && hits[1].exact);
        assert!(hits[0].employment_tie && hits[0].why().contains("employment"), "{hits:?}");
        let m = Matcher::build(&corpus(4_000.0));
        let hits = m.search_with("Cleaner", Domain::Occupation, 2, false);
        assert_eq!(hits[0].soc.as_deref(), Some("53-7061"), "{hits:?}");
        // A title only one occupation lists is left to the ranking.
        let hits = m.search_with("Car Washer", Domain::Occupation, 2, false);
        assert_eq!(hits[0].soc.as_deref(), Some("53-7061"), "{hits:?}");
        assert!(!hits[0].employment_tie, "{hits:?}");
    }
}
