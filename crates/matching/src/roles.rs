//! The head noun of a title names the kind of work ("… Operator", "… Mechanic", "…
//! Supervisor", "… Helper"); the words before it name the domain. Two features follow:
//!
//! * **Head prior**: of all titles ending in the query's head word, the share that belong to
//!   the target. Most "… Tester" and "… Inspector" titles of production belong to one code.
//! * **Role occupations**: SOC gives supervisors and helpers their own codes in each major
//!   group (47-1011 supervises construction, 51-9198 helps production). Their titles share
//!   the head word and little else, so a "Marble Supervisor" finds the marble setters, not
//!   the supervisors. When a supervisor or helper occupation's titles often end in the
//!   query's head word, it scores at least `role_weight` times the best other candidate of
//!   its major group: the domain words found the group, the head word picks the role within
//!   it. (Its own entries may not have been scored at all: a head word as common as
//!   "supervisor" is past the budget of postings scanned in full.)

use crate::index::Space;
use crate::params::Params;

/// Per head word, the targets with titles ending in it and the share of their titles that
/// do: head `h` lists `target[off[h]..off[h+1]]`, sorted by target.
#[derive(Debug, Default)]
pub(crate) struct HeadShares {
    off: Vec<u32>,
    target: Vec<u32>,
    share: Vec<f32>,
    /// How many of the target's titles end in the head word.
    count: Vec<f32>,
    /// How many titles end in each word.
    head_total: Vec<f32>,
    /// Per head word, the positions in its list of the supervisor and helper occupations:
    /// `roles[roles_off[h]..roles_off[h+1]]`.
    roles_off: Vec<u32>,
    roles: Vec<u32>,
}

impl HeadShares {
    pub fn build(
        space: &Space,
        n_words: usize,
        n_targets: usize,
        hierarchy: &crate::hierarchy::Hierarchy,
    ) -> HeadShares {
        let mut total = vec![0u32; n_targets];
        let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(space.n_entries);
        for e in 0..space.n_entries {
            let t = space.e_target[e];
            total[t as usize] += 1;
            pairs.push((space.e_head[e], t));
        }
        pairs.sort_unstable();
        let mut h = HeadShares { off: vec![0; n_words + 1], ..HeadShares::default() };
        let mut i = 0;
        while i < pairs.len() {
            let mut j = i;
            while j < pairs.len() && pairs[j] == pairs[i] {
                j += 1;
            }
            let (head, t) = pairs[i];
            h.target.push(t);
            h.share.push((j - i) as f32 / total[t as usize] as f32);
            h.count.push((j - i) as f32);
            h.off[head as usize + 1] += 1;
            i = j;
        }

        for w in 0..n_words {
            h.off[w + 1] += h.off[w];
            let r = h.off[w] as usize..h.off[w + 1] as usize;
            h.head_total.push(h.count[r.clone()].iter().sum());
            h.roles_off.push(h.roles.len() as u32);
            h.roles.extend(
                r.filter(|&i| hierarchy.is_role(h.target[i]))
                    .map(|i| (i - h.off[w] as usize) as u32),
            );
        }
        h.roles_off.push(h.roles.len() as u32);
        h
    }

    fn list(&self, head: u32) -> (&[u32], &[f32], &[f32]) {
        let r = self.off[head as usize] as usize..self.off[head as usize + 1] as usize;
        (&self.target[r.clone()], &self.share[r.clone()], &self.count[r])
    }

    pub fn bytes(&self) -> usize {
        4 * (self.off.len()
            + self.target.len()
            + self.share.len()
            + self.count.len()
            + self.head_total.len()
            + self.roles_off.len()
            + self.roles.len())
    }

    /// Adds the head prior and the role support to the candidates in `ranked` (the best
    /// few, before the final sort), and adds the role occupations of the head word that
    /// are not among them: their own titles may never have been scored.
    pub fn adjust(
        &self,
        head: Option<u32>,
        ranked: &mut Vec<(f32, u32)>,
        parts: &mut Vec<crate::rerank::Parts>,
        hierarchy: &crate::hierarchy::Hierarchy,
        p: &Params,
    ) {
        let Some(head) = head else { return };
        if p.head_prior_weight == 0.0 && p.role_weight == 0.0 {
            return;
        }
        let (list, shares, counts) = self.list(head);
        if list.is_empty() {
            return;
        }
        // Smoothed: a head word seen in two titles says less than one seen in two hundred.
        let per_title = 1.0 / (self.head_total[head as usize] + p.head_prior_smoothing);
        // The best candidate of each major group that is not itself a role occupation.
        let mut best = [0f32; 100];
        for &(raw, t) in ranked.iter() {
            if !hierarchy.is_role(t) {
                let g = hierarchy.major(t) as usize;
                best[g] = best[g].max(raw);
            }
        }
        let role_floor = |i: usize| -> f32 {
            let t = list[i];
            let g = hierarchy.major(t) as usize;
            if g != 0 && shares[i] >= p.role_share_min && hierarchy.is_role(t) {
                p.role_weight * best[g]
            } else {
                0.0
            }
        };
        let n = ranked.len();
        for (r, part) in ranked.iter_mut().zip(parts.iter_mut()) {
            if let Ok(i) = list.binary_search(&r.1) {
                let floored = r.0.max(role_floor(i));
                part.role_lift = floored - r.0;
                part.head_prior = counts[i] * per_title;
                part.head_share = shares[i];
                r.0 = floored + p.head_prior_weight * counts[i] * per_title;
            }
        }
        let roles = &self.roles
            [self.roles_off[head as usize] as usize..self.roles_off[head as usize + 1] as usize];
        for &i in roles {
            let i = i as usize;
            let floor = role_floor(i);
            if floor > 0.0 && !ranked[..n].iter().any(|r| r.1 == list[i]) {
                ranked.push((floor + p.head_prior_weight * counts[i] * per_title, list[i]));
                parts.push(crate::rerank::Parts {
                    role_lift: floor,
                    head_prior: counts[i] * per_title,
                    head_share: shares[i],
                    ..Default::default()
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Matcher;
    use crate::model::{Corpus, Domain};

    fn corpus() -> Corpus {
        let mut c = Corpus::new();
        let occupations: &[(&str, &str, &[&str])] = &[
            (
                "47-1011",
                "First-Line Supervisors of Construction Trades and Extraction Workers",
                &["Construction Supervisor", "Carpentry Supervisor", "Drywall Supervisor"],
            ),
            (
                "47-2044",
                "Tile and Stone Setters",
                &["Marble Setter", "Marble Installer", "Tile Installer", "Granite Installer"],
            ),
            (
                "51-1011",
                "First-Line Supervisors of Production and Operating Workers",
                &["Production Supervisor", "Assembly Supervisor", "Plant Supervisor"],
            ),
            ("51-9195", "Molders, Shapers, and Casters", &["Marble Molder", "Cast Stone Maker"]),
        ];
        c.add_test_occupations(100_000.0, occupations);
        c
    }

    fn top(m: &Matcher, q: &str) -> String {
        let hits = m.search_with(q, Domain::Occupation, 3, false);
        hits.first().and_then(|h| h.soc.clone()).unwrap_or_default()
    }

    #[test]
    fn a_supervisor_of_a_trade_is_coded_to_the_trades_supervisors() {
        let m = Matcher::build(&corpus());
        // The marble words find construction; the head word picks its supervisors.
        assert_eq!(top(&m, "Marble Supervisor"), "47-1011");
        assert_eq!(top(&m, "Marble Installer"), "47-2044");
        // The floor: a supervisor scores at least `role_weight` × its group's best other.
        let hits = m.search_with("Granite Supervisor", Domain::Occupation, 4, false);
        let raw = |soc: &str| {
            hits.iter().find(|h| h.soc.as_deref() == Some(soc)).map_or(0.0, |h| h.raw_score)
        };
        assert!(raw("47-2044") > 0.0, "{hits:?}");
        assert!(raw("47-1011") >= m.params().role_weight * raw("47-2044") - 1e-4, "{hits:?}");
    }
}
