//! The learned re-ranker: the last stage of ranking an occupation query.
//!
//! The hand-tuned score puts the right code among the first three candidates far more often
//! than first (73% against 54% on held-out titles), and the tuned weights are a local optimum
//! of a coordinate search. A linear model over what the search already knows about each of
//! the best candidates (≤ 32) re-orders them: the parts of the score kept apart (best and
//! second entry, title profile, descriptions, employment, head prior, role floor, group share),
//! the kind of entry that matched and how fully, the candidate's rank and distance to the
//! best, whether its major group holds most of the candidates' mass, whether it is a residual
//! ("All Other") or role occupation, and how many titles it has.
//!
//! The model is a conditional logit (softmax over the candidates of one query) fitted by
//! Newton's method with an L2 penalty on standardized features ([`fit`]): deterministic, convex,
//! a few seconds. Its coefficients are data in [`crate::params`] (`Params::rerank`), fitted by
//! `cargo run --release -p trellis-matching --example evaluate -- --fit-rerank` on training
//! titles held out of the index fold by fold, disjoint from the development and test titles;
//! the penalty and the weight of the group vote ([`group_vote`]) are chosen by
//! cross-validation over those titles. The re-ranked score is `w · x`, to which the boosted
//! trees of [`crate::boost`] add their sum for the best few; only its order and its margin
//! (through the confidence calibration) are used.

use std::borrow::Borrow;

use rayon::prelude::*;

use crate::index::{Matcher, Space};
use crate::model::{EntryKind, Target};
use crate::search::{NO_ENTRY, QTok, TargetState};

/// Number of features per candidate.
pub const N_FEATURES: usize = 32;

/// The features' names, in order (the coefficients in `Params::rerank` follow it).
pub const FEATURE_NAMES: [&str; N_FEATURES] = [
    "score",
    "score_ratio",
    "rank1",
    "rank2",
    "rank3",
    "entry",
    "second_entry",
    "profile",
    "description",
    "employment",
    "head_prior",
    "head_share",
    "role_floor",
    "role_lift",
    "group_share",
    "group_plurality",
    "exact",
    "query_cover",
    "entry_cover",
    "kind_title",
    "kind_alternate",
    "kind_short",
    "kind_reported",
    "no_title_entry",
    "head_match",
    "log_titles",
    "all_other",
    "role_occupation",
    "base_score",
    "word_major_share",
    "head_major_share",
    "word_major_log",
];

/// Index of the `exact` feature: 1 when the candidate's best entry has exactly the query's
/// words.
pub const EXACT: usize = 16;
const _: () = assert!(matches!(FEATURE_NAMES[EXACT].as_bytes(), b"exact"));

/// One candidate's feature vector.
pub type Features = [f32; N_FEATURES];

/// What the head and group stages found for one candidate, kept apart for the re-ranker
/// (the hand-tuned score only sees their weighted sum).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Parts {
    /// The score before the head and group features.
    pub base: f32,
    /// Share of all titles ending in the query's head word that are the target's (smoothed).
    pub head_prior: f32,
    /// Share of the target's own titles that end in the query's head word.
    pub head_share: f32,
    /// How much the role floor raised the score.
    pub role_lift: f32,
    /// The candidate's major group's share of the candidates' score mass.
    pub group_share: f32,
    /// The candidate's major group holds the largest share.
    pub plurality: bool,
}

/// Per-target facts the re-ranker reads, computed once with the index.
#[derive(Debug, Default)]
pub(crate) struct TargetFacts {
    /// Per target, what its features read of it: one record, one bounds check.
    per_target: Vec<TargetFact>,
    /// Per word, how its titles spread over SOC major groups: of the titles containing it,
    /// and of those ending in it.
    word_majors: MajorShares,
    head_majors: MajorShares,
}

impl TargetFacts {
    pub fn new(
        space: &Space,
        targets: &[Target],
        hierarchy: &crate::hierarchy::Hierarchy,
        n_words: usize,
    ) -> TargetFacts {
        let mut count = vec![0u32; targets.len()];
        let mut with_word: Vec<(u32, u8)> = Vec::with_capacity(space.e_tok.len());
        let mut with_head: Vec<(u32, u8)> = Vec::with_capacity(space.n_entries);
        for e in 0..space.n_entries {
            let t = space.e_target[e];
            count[t as usize] += 1;
            let major = hierarchy.major(t);
            with_word.extend(space.entry_tokens(e as u32).iter().map(|&w| (w, major)));
            with_head.push((space.e_head[e], major));
        }
        TargetFacts {
            per_target: count
                .iter()
                .zip(targets)
                .enumerate()
                .map(|(i, (&c, target))| TargetFact {
                    log_titles: (c as f32).ln_1p(),
                    major: hierarchy.major(i as u32),
                    all_other: target.title.contains("All Other"),
                    role: hierarchy.is_role(i as u32),
                })
                .collect(),
            word_majors: MajorShares::new(with_word, n_words),
            head_majors: MajorShares::new(with_head, n_words),
        }
    }

    pub fn bytes(&self) -> usize {
        std::mem::size_of::<TargetFact>() * self.per_target.len()
            + self.word_majors.bytes()
            + self.head_majors.bytes()
    }
}

/// One target's facts for the re-ranker.
#[derive(Debug, Default, Clone, Copy)]
struct TargetFact {
    /// ln(1 + title-like entries of the target).
    log_titles: f32,
    /// Its SOC major group (as `Hierarchy::major`).
    major: u8,
    /// A residual SOC code ("… All Other"): they take what fits no sibling.
    all_other: bool,
    /// A first-line supervisor or helper occupation (as `Hierarchy::is_role`).
    role: bool,
}

/// Per word, the share of its titles in each SOC major group: word `w` lists
/// `(major[i], share[i])` for i in `off[w]..off[w+1]`.
#[derive(Debug, Default)]
struct MajorShares {
    off: Vec<u32>,
    major: Vec<u8>,
    share: Vec<f32>,
    /// `ln(share + LOG_FLOOR)`, so a query pays no logarithms.
    log_share: Vec<f32>,
}

/// Added to a share before its logarithm: a word never seen in a group counts, but finitely.
const LOG_FLOOR: f32 = 0.01;

/// Titles added to a word's count before taking shares: a word seen twice says little.
const MAJOR_SMOOTHING: f32 = 2.0;

impl MajorShares {
    fn new(mut pairs: Vec<(u32, u8)>, n_words: usize) -> MajorShares {
        pairs.sort_unstable();
        let mut m = MajorShares { off: vec![0; n_words + 1], ..MajorShares::default() };
        let mut counts: Vec<(u8, u32)> = Vec::new();
        let mut i = 0;
        while i < pairs.len() {
            let w = pairs[i].0;
            counts.clear();
            let mut total = 0u32;
            while i < pairs.len() && pairs[i].0 == w {
                let g = pairs[i].1;
                match counts.last_mut() {
                    Some(last) if last.0 == g => last.1 += 1,
                    _ => counts.push((g, 1)),
                }
                total += 1;
                i += 1;
            }
            for &(g, c) in &counts {
                m.major.push(g);
                let share = c as f32 / (total as f32 + MAJOR_SMOOTHING);
                m.share.push(share);
                m.log_share.push((share + LOG_FLOOR).ln());
            }
            m.off[w as usize + 1] = counts.len() as u32;
        }
        for w in 0..n_words {
            m.off[w + 1] += m.off[w];
        }
        m
    }

    /// The word's groups with their share and `ln(share + LOG_FLOOR)`.
    fn list(&self, word: u32) -> impl Iterator<Item = (u8, f32, f32)> + '_ {
        let r = self.off[word as usize] as usize..self.off[word as usize + 1] as usize;
        self.major[r.clone()]
            .iter()
            .zip(&self.share[r.clone()])
            .zip(&self.log_share[r])
            .map(|((&g, &s), &l)| (g, s, l))
    }

    #[cfg(test)]
    fn share(&self, word: u32, major: u8) -> f32 {
        self.list(word).find(|x| x.0 == major).map_or(0.0, |x| x.1)
    }

    fn bytes(&self) -> usize {
        4 * self.off.len() + self.major.len() + 8 * self.share.len()
    }
}

/// The query as the search saw it.
pub(crate) struct QueryView<'a> {
    pub q: &'a [QTok],
    pub head: Option<u32>,
    pub epoch: u32,
    pub tgt: &'a [TargetState],
}

impl Matcher {
    /// Computes the features of each candidate in `ranked` (parallel to `parts`): pushes
    /// them to `out` when given, and replaces the candidate's score by `weights · features`
    /// when given. One candidate's features stay on the stack.
    pub(crate) fn rerank(
        &self,
        space: &Space,
        query: &QueryView<'_>,
        ranked: &mut [(f32, u32)],
        parts: &[Parts],
        weights: Option<&Features>,
        mut out: Option<&mut Vec<Features>>,
    ) {
        // The three best by the hand-tuned score, without sorting. Their scores are kept
        // beside them, an empty place holding -inf: the scores are finite, so it takes any
        // candidate, and most candidates are turned away by one comparison with the third.
        let mut best3 = [usize::MAX; 3];
        let mut top3 = [f32::NEG_INFINITY; 3];
        for (i, r) in ranked.iter().enumerate() {
            if r.0 <= top3[2] {
                continue;
            }
            let k = if r.0 > top3[0] {
                0
            } else if r.0 > top3[1] {
                1
            } else {
                2
            };
            best3.copy_within(k..2, k + 1);
            top3.copy_within(k..2, k + 1);
            best3[k] = i;
            top3[k] = r.0;
        }
        let top = ranked.get(best3[0]).map_or(0.0, |r| r.0);
        let inv_top = if top > 0.0 { 1.0 / top } else { 0.0 };
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        // How the query's words spread over major groups: one pass over each word's list of
        // groups (a word absent from a group adds the floor's log; every word should agree).
        let inv_words = if query.q.is_empty() { 0.0 } else { 1.0 / query.q.len() as f32 };
        let floor = LOG_FLOOR.ln();
        let mut word_share = [0f32; 100];
        let mut word_log = [floor; 100];
        let mut head_share = [0f32; 100];
        let words = &self.facts.word_majors;
        for q in query.q {
            for (g, share, ln) in words.list(q.id) {
                word_share[g as usize] += share * inv_words;
                word_log[g as usize] += (ln - floor) * inv_words;
            }
        }
        if let Some(h) = query.head {
            for (g, share, _) in self.facts.head_majors.list(h) {
                head_share[g as usize] = share;
            }
        }
        for (i, (r, part)) in ranked.iter_mut().zip(parts).enumerate() {
            let (score, t) = *r;
            let ts = query.tgt[t as usize];
            let ts = if ts.epoch == query.epoch { ts } else { TargetState::default() };
            let entry = if ts.epoch == query.epoch { ts.entry } else { NO_ENTRY };
            let (qcov, ecov, kind, head_match) = if entry == NO_ENTRY {
                (0.0, 0.0, None, false)
            } else {
                let e = entry as usize;
                let scale = 1.0 / crate::search::LUT_SIZE as f32;
                (
                    (ts.cover >> 16) as f32 * scale,
                    (ts.cover & 0xffff) as f32 * scale,
                    Some(space.e_kind[e]),
                    query.head == Some(space.e_head[e]),
                )
            };
            let fact = self.facts.per_target[t as usize];
            let g = fact.major as usize;
            let t = t as usize;
            let x: Features = [
                score,
                score * inv_top,
                flag(best3[0] == i),
                flag(best3[1] == i),
                flag(best3[2] == i),
                ts.best,
                ts.second,
                ts.prof,
                ts.long,
                self.prior[t],
                part.head_prior,
                part.head_share,
                flag(part.role_lift > 0.0),
                part.role_lift,
                part.group_share,
                flag(part.plurality),
                flag(qcov >= 0.999 && ecov >= 0.999),
                qcov,
                ecov,
                flag(matches!(kind, Some(EntryKind::Title | EntryKind::SocTitle))),
                flag(kind == Some(EntryKind::AltTitle)),
                flag(kind == Some(EntryKind::ShortTitle)),
                flag(kind == Some(EntryKind::ReportedTitle)),
                flag(kind.is_none()),
                flag(head_match),
                fact.log_titles,
                flag(fact.all_other),
                flag(fact.role),
                part.base,
                word_share[g],
                head_share[g],
                word_log[g],
            ];
            // The row is stored first and scored from memory, by a call: inlined, the dot
            // product gathered the features from registers two at a time.
            let row = match out.as_deref_mut() {
                Some(out) => {
                    out.push(x);
                    out.last().expect("just pushed")
                }
                None => &x,
            };
            if let Some(w) = weights {
                r.0 = score_row(w, row);
            }
        }
    }
}

/// Chooses the answer by `p + weight · P(group)`: `p` the candidate's softmax probability
/// over the candidates, `P(group)` the summed probability of its SOC major group. With
/// calibrated probabilities this is the choice that maximizes the expected "right code +
/// `weight` × right group": when the model spreads its belief over several siblings of one
/// group, the group is likelier right than a lone candidate elsewhere that scores a little
/// higher (and an answer in the right group is still useful). Only the first place moves:
/// the chosen candidate is lifted just above the model's best (by the margin it wins by in
/// `ln(p + weight · P(group))`), the others keep the model's order, so a list of
/// alternatives still shows the model's next guesses rather than more siblings. A best
/// candidate that is `settled` (it lists the query exactly as a title) keeps its place: the
/// vote decides between near guesses, not against a title O*NET lists. Returns the candidate
/// it moved to the first place, if any (its explanation says so).
pub(crate) fn group_vote(
    ranked: &mut [(f32, u32)],
    hierarchy: &crate::hierarchy::Hierarchy,
    weight: f32,
    settled: impl Fn(u32) -> bool,
) -> Option<u32> {
    if weight == 0.0 || ranked.len() < 2 {
        return None;
    }
    // The model's best and the vote's (the first of equals, as the final sort orders ties).
    let best_by = |f: &dyn Fn(&(f32, u32)) -> f32| {
        (0..ranked.len())
            .reduce(|a, b| {
                let (fa, fb) = (f(&ranked[a]), f(&ranked[b]));
                if fb > fa || (fb == fa && ranked[b].1 < ranked[a].1) { b } else { a }
            })
            .unwrap_or(0)
    };
    let model = best_by(&|r| r.0);
    // Settled before the groups' probabilities are summed: most queries stop here, and the
    // exponentials were most of the vote's cost.
    if settled(ranked[model].1) {
        return None;
    }
    let top = ranked.iter().map(|r| r.0).fold(f32::NEG_INFINITY, f32::max);
    let mut major = [0f32; 100];
    for r in ranked.iter() {
        major[hierarchy.major(r.1) as usize] += (r.0 - top).exp();
    }
    let voted = |r: &(f32, u32)| {
        let g = hierarchy.major(r.1) as usize;
        (r.0 - top).exp() + if g != 0 { weight * major[g] } else { 0.0 }
    };
    let chosen = best_by(&voted);
    if chosen == model {
        return None;
    }
    let lift = (voted(&ranked[chosen]) / voted(&ranked[model])).ln();
    ranked[chosen].0 = top + lift.max(4.0 * f32::EPSILON * top.abs().max(1.0));
    Some(ranked[chosen].1)
}

/// [`score`] of a row in memory, not inlined (see `Matcher::rerank`).
#[inline(never)]
fn score_row(w: &Features, x: &Features) -> f32 {
    score(w, x)
}

/// The re-ranked score of one candidate. Eight partial sums: one running sum is a chain of
/// 32 dependent additions per candidate, which cost more than all the features together.
#[inline]
pub fn score(w: &Features, x: &Features) -> f32 {
    const _: () = assert!(N_FEATURES.is_multiple_of(8), "score sums eight lanes");
    let mut acc = [0f32; 8];
    for (wc, xc) in w.chunks_exact(8).zip(x.chunks_exact(8)) {
        for k in 0..8 {
            acc[k] += wc[k] * xc[k];
        }
    }
    acc.iter().sum()
}

/// The candidates of one training query and which of them is right.
#[derive(Debug, Clone)]
pub struct Group {
    pub rows: Vec<Features>,
    pub positive: usize,
}

/// Fits the coefficients of a conditional logit (softmax over each group's rows) with an
/// L2 penalty `lambda` on standardized features, by Newton's method with step halving.
/// Deterministic: the sums run over fixed chunks of groups, added in order. Groups with one
/// row carry no information and may be left in. Features in `exclude` get coefficient 0.
/// Takes groups or references to them, so a caller can fit on parts of its data.
pub fn fit<G: Borrow<Group> + Sync>(groups: &[G], lambda: f64, exclude: &[usize]) -> Features {
    const N: usize = N_FEATURES;
    let rows: usize = groups.iter().map(|g| g.borrow().rows.len()).sum();
    if rows == 0 {
        return [0.0; N];
    }
    // Standardize: the penalty then treats every feature alike.
    let mut mean = [0f64; N];
    let mut sq = [0f64; N];
    for x in groups.iter().flat_map(|g| &g.borrow().rows) {
        for k in 0..N {
            mean[k] += x[k] as f64;
            sq[k] += (x[k] as f64).powi(2);
        }
    }
    let mut scale = [0f64; N];
    for k in 0..N {
        mean[k] /= rows as f64;
        let var = sq[k] / rows as f64 - mean[k] * mean[k];
        scale[k] = if var > 1e-12 && !exclude.contains(&k) { 1.0 / var.sqrt() } else { 0.0 };
    }
    let std_x = |x: &Features| -> [f64; N] {
        let mut z = [0f64; N];
        for k in 0..N {
            z[k] = (x[k] as f64 - mean[k]) * scale[k];
        }
        z
    };

    let objective = |w: &[f64; N]| -> f64 {
        let ll: f64 = groups
            .par_chunks(512)
            .map(|chunk| chunk.iter().map(|g| log_likelihood(g.borrow(), w, &std_x)).sum::<f64>())
            .collect::<Vec<f64>>()
            .iter()
            .sum();
        ll - 0.5 * lambda * w.iter().map(|v| v * v).sum::<f64>()
    };

    let mut w = [0f64; N];
    let mut obj = objective(&w);
    for _ in 0..50 {
        let parts: Vec<([f64; N], Vec<f64>)> = groups
            .par_chunks(512)
            .map(|chunk| {
                let mut g = [0f64; N];
                let mut h = vec![0f64; N * N];
                for grp in chunk {
                    accumulate(grp.borrow(), &w, &std_x, &mut g, &mut h);
                }
                (g, h)
            })
            .collect();
        let mut g = [0f64; N];
        let mut h = vec![0f64; N * N];
        for (pg, ph) in &parts {
            for k in 0..N {
                g[k] += pg[k];
            }
            for (a, b) in h.iter_mut().zip(ph) {
                *a += b;
            }
        }
        for k in 0..N {
            g[k] -= lambda * w[k];
            h[k * N + k] += lambda;
        }
        let Some(step) = cholesky_solve(&h, &g) else { break };
        let mut t = 1.0;
        let mut improved = false;
        for _ in 0..20 {
            let mut cand = w;
            for k in 0..N {
                cand[k] += t * step[k];
            }
            let o = objective(&cand);
            if o >= obj {
                w = cand;
                improved = o - obj > 1e-9 * obj.abs().max(1.0);
                obj = o;
                break;
            }
            t *= 0.5;
        }
        if !improved {
            break;
        }
    }
    // Back to raw features; the mean shift adds the same to every row of a group, which a
    // softmax ignores.
    let mut out = [0f32; N];
    for k in 0..N {
        out[k] = (w[k] * scale[k]) as f32;
    }
    out
}

fn log_likelihood(g: &Group, w: &[f64], std_x: &impl Fn(&Features) -> [f64; N_FEATURES]) -> f64 {
    if g.rows.len() < 2 {
        return 0.0;
    }
    let z: Vec<f64> =
        g.rows.iter().map(|x| std_x(x).iter().zip(w).map(|(a, b)| a * b).sum()).collect();
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let lse = max + z.iter().map(|v| (v - max).exp()).sum::<f64>().ln();
    z[g.positive] - lse
}

/// Adds one group's gradient and Hessian (of the log-likelihood, negated Hessian) to `g`, `h`.
fn accumulate(
    grp: &Group,
    w: &[f64; N_FEATURES],
    std_x: &impl Fn(&Features) -> [f64; N_FEATURES],
    g: &mut [f64; N_FEATURES],
    h: &mut [f64],
) {
    const N: usize = N_FEATURES;
    if grp.rows.len() < 2 {
        return;
    }
    let xs: Vec<[f64; N]> = grp.rows.iter().map(std_x).collect();
    let z: Vec<f64> = xs.iter().map(|x| x.iter().zip(w).map(|(a, b)| a * b).sum()).collect();
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = z.iter().map(|v| (v - max).exp()).collect();
    let total: f64 = e.iter().sum();
    let mut mu = [0f64; N];
    for (x, ei) in xs.iter().zip(&e) {
        let p = ei / total;
        for k in 0..N {
            mu[k] += p * x[k];
        }
        for a in 0..N {
            let pa = p * x[a];
            for b in 0..N {
                h[a * N + b] += pa * x[b];
            }
        }
    }
    for a in 0..N {
        g[a] += xs[grp.positive][a] - mu[a];
        for b in 0..N {
            h[a * N + b] -= mu[a] * mu[b];
        }
    }
}

/// Solves `h x = g` for a symmetric positive definite `h` (row-major, n×n).
fn cholesky_solve(h: &[f64], g: &[f64]) -> Option<Vec<f64>> {
    let n = g.len();
    let mut l = vec![0f64; n * n];
    for i in 0..n {
        for j in 0..=i {
            let mut s = h[i * n + j];
            for k in 0..j {
                s -= l[i * n + k] * l[j * n + k];
            }
            if i == j {
                if s <= 0.0 {
                    return None;
                }
                l[i * n + i] = s.sqrt();
            } else {
                l[i * n + j] = s / l[j * n + j];
            }
        }
    }
    let mut y = vec![0f64; n];
    for i in 0..n {
        let s: f64 = (0..i).map(|k| l[i * n + k] * y[k]).sum();
        y[i] = (g[i] - s) / l[i * n + i];
    }
    let mut x = vec![0f64; n];
    for i in (0..n).rev() {
        let s: f64 = (i + 1..n).map(|k| l[k * n + i] * x[k]).sum();
        x[i] = (y[i] - s) / l[i * n + i];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Domain;

    /// Synthetic groups where feature `profile` (7) picks the right row and the hand-tuned
    /// `score` (0) is noise: the fit must learn to trust the profile.
    fn groups() -> Vec<Group> {
        let mut r: u64 = 42;
        let mut next = move || {
            r ^= r << 13;
            r ^= r >> 7;
            r ^= r << 17;
            (r % 1000) as f32 / 1000.0
        };
        (0..300)
            .map(|_| {
                let rows: Vec<Features> = (0..6)
                    .map(|_| {
                        let mut x = [0f32; N_FEATURES];
                        x[0] = next();
                        x[7] = next();
                        x
                    })
                    .collect();
                let positive =
                    (0..rows.len()).max_by(|&a, &b| rows[a][7].total_cmp(&rows[b][7])).unwrap_or(0);
                Group { rows, positive }
            })
            .collect()
    }

    #[test]
    fn the_fit_learns_which_feature_picks_the_right_candidate() {
        let data = groups();
        let w = fit(&data, 1.0, &[]);
        assert!(w[7] > 1.0, "{w:?}");
        assert!(w[7] > 5.0 * w[0].abs(), "{w:?}");
        let right = data
            .iter()
            .filter(|g| {
                let best = (0..g.rows.len())
                    .max_by(|&a, &b| score(&w, &g.rows[a]).total_cmp(&score(&w, &g.rows[b])))
                    .unwrap_or(0);
                best == g.positive
            })
            .count();
        assert!(right >= 290, "{right} of {}", data.len());
        // Deterministic, and a stronger penalty shrinks the coefficients.
        assert_eq!(fit(&data, 1.0, &[]), w);
        let without = fit(&data, 1.0, &[7]);
        assert_eq!(without[7], 0.0);
        let strong = fit(&data, 1e4, &[]);
        assert!(strong[7].abs() < w[7].abs(), "{strong:?} vs {w:?}");
    }

    #[test]
    fn the_group_vote_moves_only_the_first_place() {
        let targets: Vec<Target> = ["47-2031", "51-4041", "51-4011", "51-4081"]
            .iter()
            .map(|soc| Target {
                code: format!("{soc}.00"),
                domain: crate::model::Domain::Occupation,
                title: soc.to_string(),
                soc: Some(soc.to_string()),
                employment: None,
                cluster: None,
                sub_cluster: None,
            })
            .collect();
        let h = crate::hierarchy::Hierarchy::new(&targets);
        let model = vec![(2.0f32, 0u32), (1.8, 1), (1.8, 2), (1.7, 3)];
        // No weight, or too little for three siblings against one: the model's order.
        for weight in [0.0, 0.1] {
            let mut ranked = model.clone();
            assert_eq!(group_vote(&mut ranked, &h, weight, |_| false), None);
            assert_eq!(ranked, model, "weight {weight}");
        }
        // p = 1, 0.82, 0.82, 0.74 (unnormalized); group 51 holds 2.38 of 3.38. With weight
        // 0.5 the first of the siblings (0.82 + 1.19) beats the lone 47 (1 + 0.5).
        let mut ranked = model.clone();
        // A best candidate that lists the query exactly keeps its place.
        assert_eq!(group_vote(&mut ranked, &h, 0.5, |t| t == 0), None);
        assert_eq!(ranked, model);
        assert_eq!(group_vote(&mut ranked, &h, 0.5, |_| false), Some(1));
        let expected = (-0.2f32).exp() + 0.5 * 2.3785;
        assert!((ranked[1].0 - (2.0 + (expected / 1.5).ln())).abs() < 1e-3, "{ranked:?}");
        assert!(ranked[1].0 > ranked[0].0);
        assert_eq!((ranked[0], ranked[2], ranked[3]), (model[0], model[2], model[3]));
    }

    #[test]
    fn word_shares_over_major_groups_are_smoothed() {
        let m = MajorShares::new(vec![(0, 47), (0, 51), (0, 47), (1, 51)], 3);
        assert!((m.share(0, 47) - 2.0 / 5.0).abs() < 1e-6);
        assert!((m.share(0, 51) - 1.0 / 5.0).abs() < 1e-6);
        assert_eq!(m.share(0, 53), 0.0);
        assert!((m.share(1, 51) - 1.0 / 3.0).abs() < 1e-6);
        assert_eq!(m.share(2, 51), 0.0);
    }

    #[test]
    fn features_of_the_candidates_of_a_query() {
        let mut c = crate::model::Corpus::new();
        let occupations: &[(&str, &str, &[&str])] = &[
            ("51-4041", "Machinists", &["CNC Machinist", "Tool Room Machinist"]),
            ("51-4011", "CNC Tool Operators", &["CNC Operator", "CNC Lathe Operator"]),
            ("47-2111", "Electricians", &["Journeyman Electrician", "Wireman"]),
        ];
        c.add_test_occupations(50_000.0, occupations);
        let m = Matcher::build(&c);
        let rows = m.rerank_features("cnc machinist");
        assert!(rows.len() >= 2, "{rows:?}");
        assert!(rows.iter().all(|(_, x)| x.iter().all(|v| v.is_finite())));
        let machinist = m.targets().iter().position(|t| t.title == "Machinists").unwrap() as u32;
        let (_, x) = rows.iter().find(|r| r.0 == machinist).expect("machinists are a candidate");
        let f = |name: &str| x[FEATURE_NAMES.iter().position(|n| *n == name).unwrap()];
        assert_eq!(f("exact"), 1.0);
        assert_eq!(f("kind_alternate"), 1.0);
        assert_eq!(f("head_match"), 1.0);
        // The three titles ending in "machinist" (its own, two alternates) are all in major
        // group 51: 3 / (3 + 2 smoothing).
        assert!((f("head_major_share") - 0.6).abs() < 1e-6, "{x:?}");
        // The re-ranked search still codes the title O*NET lists.
        let hits = m.search_with("cnc machinist", Domain::Occupation, 3, false);
        assert_eq!(hits[0].soc.as_deref(), Some("51-4041"), "{hits:?}");
        assert!(m.rerank_features("qqq zzz").is_empty());
    }

    #[test]
    fn cholesky_solves_a_small_system() {
        let h = [4.0, 2.0, 2.0, 3.0];
        let x = cholesky_solve(&h, &[2.0, 1.0]).expect("positive definite");
        assert!((4.0 * x[0] + 2.0 * x[1] - 2.0).abs() < 1e-12);
        assert!((2.0 * x[0] + 3.0 * x[1] - 1.0).abs() < 1e-12);
        assert!(cholesky_solve(&[0.0], &[1.0]).is_none());
    }
}
