//! The head noun of a title names the kind of work ("… Operator", "… Mechanic", "…
//! Supervisor", "… Helper"); the words before it name the domain. Two features follow:
//!
//! * **Head share**: how many of a target's titles end in the query's head word. A target
//!   whose titles are mostly "… Operator" is a better home for an unseen "X Operator" than one
//!   that has a single such title.
//! * **Role occupations**: SOC gives supervisors and helpers their own codes in each major
//!   group (47-1011 supervises construction, 51-9198 helps production). Their titles share
//!   the head word and little else, so a "Marble Supervisor" finds the marble setters, not
//!   the supervisors. When a supervisor or helper occupation's titles often end in the
//!   query's head word, it scores at least `role_weight` times the best other candidate of
//!   its major group: the domain words found the group, the head word picks the role within
//!   it. (Its own entries may not have been scored at all: a head word as common as
//!   "supervisor" is past the budget of postings scanned in full.)

use std::cell::RefCell;

use crate::index::Space;
use crate::model::Target;
use crate::params::Params;

/// Per head word, the targets with titles ending in it and the share of their titles that
/// do: head `h` lists `target[off[h]..off[h+1]]`, sorted by target.
#[derive(Debug, Default)]
pub(crate) struct HeadShares {
    off: Vec<u32>,
    target: Vec<u32>,
    share: Vec<f32>,
}

impl HeadShares {
    pub fn build(space: &Space, n_words: usize, n_targets: usize) -> HeadShares {
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
            h.off[head as usize + 1] += 1;
            i = j;
        }
        for w in 0..n_words {
            h.off[w + 1] += h.off[w];
        }
        h
    }

    fn list(&self, head: u32) -> (&[u32], &[f32]) {
        let r = self.off[head as usize] as usize..self.off[head as usize + 1] as usize;
        (&self.target[r.clone()], &self.share[r])
    }

    pub fn bytes(&self) -> usize {
        4 * (self.off.len() + self.target.len() + self.share.len())
    }

    /// Adds the head-share and role features to every candidate in `ranked`.
    pub fn adjust(
        &self,
        head: Option<u32>,
        ranked: &mut [(f32, u32)],
        targets: &[Target],
        hierarchy: &crate::hierarchy::Hierarchy,
        p: &Params,
    ) {
        let Some(head) = head else { return };
        if p.head_share_weight == 0.0 && p.role_weight == 0.0 {
            return;
        }
        let (list, shares) = self.list(head);
        if list.is_empty() {
            return;
        }
        SHARE.with(|cell| {
            let share = &mut *cell.borrow_mut();
            if share.len() < targets.len() {
                share.resize(targets.len(), 0.0);
            }
            for (&t, &s) in list.iter().zip(shares) {
                share[t as usize] = s;
            }
            // The best candidate of each major group that is not itself a role occupation.
            let mut best = [0f32; 100];
            for &(raw, t) in ranked.iter() {
                if !hierarchy.is_role(t) {
                    let g = hierarchy.major(t) as usize;
                    best[g] = best[g].max(raw);
                }
            }
            for r in ranked.iter_mut() {
                let s = share[r.1 as usize];
                if s <= 0.0 {
                    continue;
                }
                r.0 += p.head_share_weight * s;
                if s >= p.role_share_min && hierarchy.is_role(r.1) {
                    let g = hierarchy.major(r.1) as usize;
                    if g != 0 {
                        r.0 = r.0.max(p.role_weight * best[g]);
                    }
                }
            }
            for &t in list {
                share[t as usize] = 0.0;
            }
        });
    }
}

thread_local! {
    static SHARE: RefCell<Vec<f32>> = const { RefCell::new(Vec::new()) };
}
