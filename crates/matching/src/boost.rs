//! Boosted trees over the linear re-ranker: the interactions a linear model cannot weigh.
//!
//! The linear model ([`crate::rerank`]) adds up its evidence; whether a close entry match
//! counts depends on what else is true of the candidate (the kind of entry, the head word,
//! how its group fares), and cross-validation showed the linear features plateaued while
//! their interactions did not. The model here adds, to the linear score of the best few
//! candidates, the sum of a few hundred oblivious trees (every node of one level splits on
//! the same feature at the same threshold, so a tree is a handful of comparisons that form
//! the index of its leaf: no branches to mispredict).
//!
//! [`fit`] grows them by Newton steps on the same conditional-logit loss as the linear
//! model, starting from its scores, with histograms over quantile bins of each feature; the
//! model is data ([`Trees::parse`], [`Trees::to_text`]) written by
//! `cargo run --release -p trellis-matching --example evaluate -- --fit-rerank`.

use std::borrow::Borrow;
use std::fmt::Write as _;

use rayon::prelude::*;

use crate::rerank::{EXACT, Features, Group, N_FEATURES};

/// Oblivious trees of one depth, added to the linear score of the `top` best candidates.
#[derive(Debug, Clone, PartialEq)]
pub struct Trees {
    pub depth: usize,
    /// How many of the best candidates by the linear score the trees re-score.
    pub top: usize,
    /// Per tree, per level (first level first): the feature and the threshold above which
    /// a candidate takes the right branch.
    splits: Vec<(u8, f32)>,
    /// Per tree, `2^depth` leaf values, indexed by the levels' branches as bits (first
    /// level most significant).
    leaves: Vec<f32>,
    /// The same trees laid out for [`apply`]; `None` when they do not fit the layout (then
    /// each candidate is evaluated on its own, with the same sums).
    layout: Option<Layout>,
}

/// The trees as [`apply`] reads them. Of the 1,200 splits of 200 trees of depth 6 only about
/// 350 differ: each distinct split is compared once per query for all the candidates at once,
/// its outcomes one bit per candidate in a byte of its own (`Scratch::bits`), so a tree's
/// leaf index for all the candidates is built with one shift and one `or` per level.
#[derive(Debug, Clone, PartialEq)]
struct Layout {
    /// The distinct splits, ordered by feature and threshold.
    conds: Vec<(u8, f32)>,
    /// Per feature split on: the feature and the range of its splits in `conds` (one load of
    /// the candidates' values serves all its thresholds).
    features: Vec<(u8, std::ops::Range<usize>)>,
    trees: Vec<LaidTree>,
}

/// One tree of [`Layout`], of fixed size so that its loops unroll and its indices need no
/// bounds checks.
#[derive(Debug, Clone, PartialEq)]
struct LaidTree {
    /// Per level, the place of its split in `Layout::conds`; a shallower tree's first levels
    /// are a split no value passes (leading zero bits leave its leaf index as it is).
    conds: [u16; LAYOUT_DEPTH],
    /// Its `2^depth` leaves, then zeros.
    leaves: [f32; 1 << LAYOUT_DEPTH],
}

/// A split no value passes (`x > ∞` is false, for NaN too): the levels of a shallower tree
/// above its own.
const NEVER: (u8, f32) = (0, f32::INFINITY);

/// Deepest trees the layout holds: a candidate's leaf index must fit its byte (`LANES` bytes
/// of a `u64`), and the fitted depth is 6.
const LAYOUT_DEPTH: usize = 6;
/// Most distinct splits the layout holds: the per-query outcomes are a table with a place
/// for every `u16` (512 kB per thread, of which a model touches its splits' few kB), so a
/// split's place indexes it without a bounds check.
const MAX_CONDS: usize = 1 << 16;

/// Per-thread buffers of [`apply`].
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    top: Vec<usize>,
    bits: Vec<[u8; LANES]>,
}

impl Trees {
    pub fn len(&self) -> usize {
        self.leaves.len() >> self.depth
    }

    pub fn is_empty(&self) -> bool {
        self.leaves.is_empty()
    }

    /// The sum of the trees' leaves for one candidate.
    pub fn eval(&self, x: &Features) -> f32 {
        let d = self.depth;
        let mut sum = 0f32;
        for (splits, leaves) in self.splits.chunks_exact(d).zip(self.leaves.chunks_exact(1 << d)) {
            let mut idx = 0usize;
            for &(f, th) in splits {
                idx = (idx << 1) | (x[f as usize] > th) as usize;
            }
            sum += leaves[idx];
        }
        sum
    }

    /// Builds [`Layout`] from the splits and leaves (after parsing, and after each tree
    /// grown).
    fn lay_out(&mut self) {
        self.layout = None;
        let d = self.depth;
        if d == 0 || d > LAYOUT_DEPTH {
            return;
        }
        let mut conds = self.splits.clone();
        if d < LAYOUT_DEPTH {
            conds.push(NEVER);
        }
        conds.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        conds.dedup_by(|a, b| a.0 == b.0 && a.1.to_bits() == b.1.to_bits());
        if conds.len() > MAX_CONDS {
            return;
        }
        let place = |s: &(u8, f32)| {
            let found = conds.binary_search_by(|c| c.0.cmp(&s.0).then(c.1.total_cmp(&s.1)));
            found.expect("every split is among the distinct ones") as u16
        };
        let trees = self
            .splits
            .chunks_exact(d)
            .zip(self.leaves.chunks_exact(1 << d))
            .map(|(splits, leaves)| {
                let mut t =
                    LaidTree { conds: [0; LAYOUT_DEPTH], leaves: [0f32; 1 << LAYOUT_DEPTH] };
                let (above, own) = t.conds.split_at_mut(LAYOUT_DEPTH - d);
                above.fill_with(|| place(&NEVER));
                for (c, s) in own.iter_mut().zip(splits) {
                    *c = place(s);
                }
                t.leaves[..leaves.len()].copy_from_slice(leaves);
                t
            })
            .collect();
        let mut features: Vec<(u8, std::ops::Range<usize>)> = Vec::new();
        for (i, c) in conds.iter().enumerate() {
            match features.last_mut() {
                Some((f, r)) if *f == c.0 => r.end = i + 1,
                _ => features.push((c.0, i..i + 1)),
            }
        }
        self.layout = Some(Layout { conds, features, trees });
    }

    /// [`Trees::eval`] of up to `LANES` candidates at once, given feature by feature (the
    /// same sums, added in the same order). `bits` has `MAX_CONDS` places.
    fn eval_lanes(
        &self,
        lay: &Layout,
        xt: &[[f32; LANES]; N_FEATURES],
        bits: &mut [[u8; LANES]; MAX_CONDS],
    ) -> [f32; LANES] {
        for (f, range) in &lay.features {
            // The feature was checked when parsed; the mask spares the bounds check.
            let col = &xt[*f as usize % N_FEATURES];
            for (b, &(_, th)) in bits[range.clone()].iter_mut().zip(&lay.conds[range.clone()]) {
                // Written to memory byte by byte, the comparisons take one vector
                // instruction per four candidates.
                for (b, &x) in b.iter_mut().zip(col) {
                    *b = u8::from(x > th);
                }
            }
        }
        let mut sum = [0f32; LANES];
        for t in &lay.trees {
            // Each byte the leaf index of its candidate, first level most significant (at
            // most `LAYOUT_DEPTH` bits: no carry into the next byte).
            let mut idx = 0u64;
            for &c in &t.conds {
                idx = (idx << 1) | u64::from_le_bytes(bits[c as usize]);
            }
            for (l, s) in sum.iter_mut().enumerate() {
                *s += t.leaves[(idx >> (8 * l)) as usize % (1 << LAYOUT_DEPTH)];
            }
        }
        sum
    }

    /// The text form: a header line, then one line per tree (its splits, then its leaves).
    pub fn to_text(&self) -> String {
        let mut s = format!(
            "trees {} depth {} top {} features {}\n",
            self.len(),
            self.depth,
            self.top,
            N_FEATURES
        );
        for (splits, leaves) in
            self.splits.chunks_exact(self.depth).zip(self.leaves.chunks_exact(1 << self.depth))
        {
            let sp: Vec<String> = splits.iter().map(|(f, t)| format!("{f}:{t}")).collect();
            let lv: Vec<String> = leaves.iter().map(|v| v.to_string()).collect();
            let _ = writeln!(s, "{} | {}", sp.join(" "), lv.join(" "));
        }
        s
    }

    /// Reads [`Trees::to_text`]'s form.
    pub fn parse(text: &str) -> Result<Trees, String> {
        let mut lines = text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
        let header: Vec<&str> = lines.next().ok_or("empty model")?.split_whitespace().collect();
        let field = |name: &str| -> Result<usize, String> {
            let i = header.iter().position(|h| *h == name).ok_or(format!("no {name} in header"))?;
            header.get(i + 1).and_then(|v| v.parse().ok()).ok_or(format!("bad {name} in header"))
        };
        let (n, depth, top) = (field("trees")?, field("depth")?, field("top")?);
        if field("features")? != N_FEATURES {
            return Err(format!("the model has another number of features than {N_FEATURES}"));
        }
        let mut t = Trees { depth, top, splits: Vec::new(), leaves: Vec::new(), layout: None };
        for (i, line) in lines.enumerate() {
            let bad = || format!("tree {}: malformed line", i + 1);
            let (sp, lv) = line.split_once('|').ok_or_else(bad)?;
            for s in sp.split_whitespace() {
                let (f, th) = s.split_once(':').ok_or_else(bad)?;
                let f: u8 = f.parse().map_err(|_| bad())?;
                if f as usize >= N_FEATURES {
                    return Err(bad());
                }
                t.splits.push((f, th.parse().map_err(|_| bad())?));
            }
            for v in lv.split_whitespace() {
                t.leaves.push(v.parse().map_err(|_| bad())?);
            }
            if t.splits.len() != (i + 1) * depth || t.leaves.len() != (i + 1) << depth {
                return Err(bad());
            }
        }
        if t.len() != n {
            return Err(format!("header says {n} trees, found {}", t.len()));
        }
        t.lay_out();
        Ok(t)
    }
}

/// Adds the trees' sum to the linear scores (`ranked`, parallel to their `features`) of the
/// best `trees.top`, chosen as [`top_rows`] chooses them in training (none when the best
/// is an exact title match).
pub(crate) fn apply(
    trees: &Trees,
    ranked: &mut [(f32, u32)],
    features: &[Features],
    scratch: &mut Scratch,
) {
    let top = &mut scratch.top;
    top.clear();
    let best =
        (0..ranked.len()).max_by(|&a, &b| ranked[a].0.total_cmp(&ranked[b].0).then(b.cmp(&a)));
    if best.is_none_or(|b| features[b][EXACT] == 1.0) {
        return;
    }
    top.extend(0..ranked.len());
    if trees.top > 0 && ranked.len() > trees.top {
        top.select_nth_unstable_by(trees.top - 1, |&a, &b| {
            ranked[b].0.total_cmp(&ranked[a].0).then(a.cmp(&b))
        });
        top.truncate(trees.top);
    }
    let Some(lay) = &trees.layout else {
        for &i in top.iter() {
            ranked[i].0 += trees.eval(&features[i]);
        }
        return;
    };
    scratch.bits.resize(MAX_CONDS, [0; LANES]);
    let bits: &mut [[u8; LANES]; MAX_CONDS] =
        scratch.bits.as_mut_slice().try_into().expect("sized just above");
    for chunk in top.chunks(LANES) {
        // The candidates side by side, feature by feature: a split reads one feature of all
        // of them, which the comparison then takes in one vector.
        let mut xt = [[0f32; LANES]; N_FEATURES];
        for (lane, &i) in chunk.iter().enumerate() {
            for (k, v) in features[i].iter().enumerate() {
                xt[k][lane] = *v;
            }
        }
        let sums = trees.eval_lanes(lay, &xt, bits);
        for (lane, &i) in chunk.iter().enumerate() {
            ranked[i].0 += sums[lane];
        }
    }
}

/// Candidates the trees evaluate together.
const LANES: usize = 8;

/// How the trees are grown.
#[derive(Debug, Clone)]
pub struct BoostParams {
    pub trees: usize,
    pub depth: usize,
    /// Shrinkage of each tree's leaves.
    pub eta: f32,
    /// L2 penalty on leaf values (in the Newton step's denominator).
    pub lambda: f64,
    /// Least summed hessian on each side of a split.
    pub min_hess: f64,
    /// Candidates re-scored per query (the best by the linear score).
    pub top: usize,
}

impl Default for BoostParams {
    fn default() -> BoostParams {
        BoostParams { trees: 200, depth: 6, eta: 0.1, lambda: 1.0, min_hess: 20.0, top: 8 }
    }
}

const BINS: usize = 32;

/// The rows of a group the trees re-score: the best `top` by the linear score, in their
/// order in the group; none when the best lists the query exactly as a title. Held-out
/// training titles are by construction listed exactly only by occupations they are not
/// coded to, so trees trained on them learn to distrust exact matches; a title O*NET lists
/// is settled by the linear model and the employment tie rule.
pub fn top_rows(rows: &[Features], w: &Features, top: usize) -> Vec<usize> {
    let sc: Vec<f32> = rows.iter().map(|x| crate::rerank::score(w, x)).collect();
    let mut idx: Vec<usize> = (0..rows.len()).collect();
    idx.sort_by(|&a, &b| sc[b].total_cmp(&sc[a]).then(a.cmp(&b)));
    if idx.first().is_some_and(|&b| rows[b][EXACT] == 1.0) {
        return Vec::new();
    }
    if top > 0 {
        idx.truncate(top);
    }
    idx.sort_unstable();
    idx
}

/// Grows trees on the groups' best `p.top` rows by the linear coefficients `w` (groups whose
/// right candidate is not among them are left out). Calls `each` with the trees so far after
/// each tree. Deterministic.
pub fn fit<G: Borrow<Group> + Sync>(
    groups: &[G],
    w: &Features,
    p: &BoostParams,
    mut each: impl FnMut(&Trees),
) -> Trees {
    // The training rows, their linear scores, and where each group starts.
    let mut rows: Vec<&Features> = Vec::new();
    let mut start = vec![0usize];
    let mut positive = Vec::new();
    for g in groups {
        let g = g.borrow();
        let idx = top_rows(&g.rows, w, p.top);
        let Some(pos) = idx.iter().position(|&i| i == g.positive) else { continue };
        rows.extend(idx.iter().map(|&i| &g.rows[i]));
        start.push(rows.len());
        positive.push(pos);
    }
    let edges = bin_edges(&rows);
    let bins: Vec<[u8; N_FEATURES]> = rows
        .par_iter()
        .map(|x| {
            let mut b = [0u8; N_FEATURES];
            for k in 0..N_FEATURES {
                b[k] = edges[k].partition_point(|&e| e < x[k]) as u8;
            }
            b
        })
        .collect();
    let mut score: Vec<f32> = rows.par_iter().map(|x| crate::rerank::score(w, x)).collect();
    let mut trees =
        Trees { depth: p.depth, top: p.top, splits: Vec::new(), leaves: Vec::new(), layout: None };
    let (mut g, mut h) = (vec![0f64; rows.len()], vec![0f64; rows.len()]);
    for _ in 0..p.trees {
        gradients(&score, &start, &positive, &mut g, &mut h);
        let (levels, leaf_of) = grow(&bins, &g, &h, p);
        let leaves = leaf_values(&leaf_of, &g, &h, p);
        for (s, &l) in score.iter_mut().zip(&leaf_of) {
            *s += leaves[l as usize];
        }
        for (k, s) in levels {
            // A row goes right when its bin is `s` or above: its value exceeds edge `s - 1`.
            let th = edges[k].get(s - 1).copied().unwrap_or(f32::INFINITY);
            trees.splits.push((k as u8, th));
        }
        trees.leaves.extend(leaves);
        trees.lay_out();
        each(&trees);
    }
    trees
}

/// Per feature, up to `BINS - 1` edges: quantiles of (a sample of) the rows' values.
fn bin_edges(rows: &[&Features]) -> Vec<Vec<f32>> {
    let step = (rows.len() / 50_000).max(1);
    (0..N_FEATURES)
        .map(|k| {
            let mut v: Vec<f32> = rows.iter().step_by(step).map(|x| x[k]).collect();
            v.sort_by(f32::total_cmp);
            v.dedup();
            let mut e: Vec<f32> = if v.len() <= BINS {
                v.windows(2).map(|w| 0.5 * (w[0] + w[1])).collect()
            } else {
                (1..BINS).map(|i| v[i * v.len() / BINS]).collect()
            };
            e.dedup();
            e
        })
        .collect()
}

/// First and second derivatives of each group's softmax loss by its rows' scores.
fn gradients(score: &[f32], start: &[usize], positive: &[usize], g: &mut [f64], h: &mut [f64]) {
    let mut gh: Vec<(&mut [f64], &mut [f64])> = Vec::with_capacity(positive.len());
    let (mut gr, mut hr) = (g, h);
    for w in start.windows(2) {
        let n = w[1] - w[0];
        let (a, b) = std::mem::take(&mut gr).split_at_mut(n);
        let (c, d) = std::mem::take(&mut hr).split_at_mut(n);
        gh.push((a, c));
        gr = b;
        hr = d;
    }
    gh.into_par_iter().enumerate().for_each(|(gi, (g, h))| {
        let s = &score[start[gi]..start[gi + 1]];
        let m = s.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let z: f64 = s.iter().map(|v| ((v - m) as f64).exp()).sum();
        for (i, v) in s.iter().enumerate() {
            let p = ((v - m) as f64).exp() / z;
            let y = if i == positive[gi] { 1.0 } else { 0.0 };
            g[i] = p - y;
            h[i] = (p * (1.0 - p)).max(1e-6);
        }
    });
}

/// One oblivious tree: per level the (feature, bin) split with the largest gain summed over
/// the level's nodes; returns the splits and each row's leaf.
fn grow(
    bins: &[[u8; N_FEATURES]],
    g: &[f64],
    h: &[f64],
    p: &BoostParams,
) -> (Vec<(usize, usize)>, Vec<u32>) {
    let mut node = vec![0u32; bins.len()];
    let mut levels = Vec::with_capacity(p.depth);
    for level in 0..p.depth {
        let width = 1usize << level;
        let size = width * N_FEATURES * BINS;
        let hist = node
            .par_iter()
            .zip(bins.par_iter())
            .zip(g.par_iter().zip(h.par_iter()))
            .fold(
                || vec![(0f64, 0f64); size],
                |mut acc, ((&nd, b), (&gg, &hh))| {
                    let base = nd as usize * N_FEATURES * BINS;
                    for k in 0..N_FEATURES {
                        let c = &mut acc[base + k * BINS + b[k] as usize];
                        c.0 += gg;
                        c.1 += hh;
                    }
                    acc
                },
            )
            .reduce(
                || vec![(0f64, 0f64); size],
                |mut a, b| {
                    for (x, y) in a.iter_mut().zip(b) {
                        x.0 += y.0;
                        x.1 += y.1;
                    }
                    a
                },
            );
        let mut best = (0f64, 0usize, BINS);
        for k in 0..N_FEATURES {
            let mut gain = [0f64; BINS];
            for nd in 0..width {
                let hk = &hist[(nd * N_FEATURES + k) * BINS..][..BINS];
                let (gt, ht) = hk.iter().fold((0.0, 0.0), |a, c| (a.0 + c.0, a.1 + c.1));
                let parent = gt * gt / (ht + p.lambda);
                let (mut gl, mut hl) = (0.0, 0.0);
                for s in 1..BINS {
                    gl += hk[s - 1].0;
                    hl += hk[s - 1].1;
                    let (gr, hr) = (gt - gl, ht - hl);
                    if hl >= p.min_hess && hr >= p.min_hess {
                        gain[s] += gl * gl / (hl + p.lambda) + gr * gr / (hr + p.lambda) - parent;
                    }
                }
            }
            for (s, &gs) in gain.iter().enumerate().skip(1) {
                if gs > best.0 {
                    best = (gs, k, s);
                }
            }
        }
        let (_, k, s) = best;
        levels.push((k, s));
        node.par_iter_mut().zip(bins.par_iter()).for_each(|(nd, b)| {
            *nd = (*nd << 1) | (b[k] as usize >= s) as u32;
        });
    }
    (levels, node)
}

fn leaf_values(leaf_of: &[u32], g: &[f64], h: &[f64], p: &BoostParams) -> Vec<f32> {
    let n = 1usize << p.depth;
    let (mut gs, mut hs) = (vec![0f64; n], vec![0f64; n]);
    for ((&l, gg), hh) in leaf_of.iter().zip(g).zip(h) {
        gs[l as usize] += gg;
        hs[l as usize] += hh;
    }
    (0..n).map(|l| (-(gs[l] / (hs[l] + p.lambda)) as f32) * p.eta).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Groups of a candidate and a marked alternative (feature 2): the candidate is right
    /// when features 0 and 1 are both above 0.5 or both below (an interaction no linear score
    /// holds).
    fn xor_groups() -> Vec<Group> {
        (0..400)
            .map(|i| {
                let a = (i % 7) as f32 / 7.0;
                let b = (i % 11) as f32 / 11.0;
                let mut x = [0f32; N_FEATURES];
                x[0] = a;
                x[1] = b;
                let mut y = [0f32; N_FEATURES];
                y[2] = 1.0;
                let right_is_x = (a > 0.5) == (b > 0.5);
                Group { rows: vec![x, y], positive: if right_is_x { 0 } else { 1 } }
            })
            .collect()
    }

    #[test]
    fn trees_learn_an_interaction_and_round_trip_through_text() {
        let groups = xor_groups();
        let w = [0f32; N_FEATURES];
        let p = BoostParams { trees: 30, depth: 3, eta: 0.5, lambda: 1.0, min_hess: 1.0, top: 0 };
        let mut sizes = Vec::new();
        let trees = fit(&groups, &w, &p, |t| sizes.push(t.len()));
        assert_eq!(sizes, (1..=30).collect::<Vec<_>>());
        let right = groups
            .iter()
            .filter(|g| {
                let s: Vec<f32> = g.rows.iter().map(|x| trees.eval(x)).collect();
                (s[0] > s[1]) == (g.positive == 0)
            })
            .count();
        assert!(right >= 390, "{right} of 400");
        assert!(trees.layout.is_some(), "depth 3 is laid out");
        assert_apply_matches_eval(&trees, &groups);
        let back = Trees::parse(&trees.to_text()).expect("parses");
        assert_eq!(back, trees);
        assert!(Trees::parse("trees 1 depth 3 top 8 features 3\n").is_err());
    }

    /// `apply` adds to each candidate, bit for bit, what `eval` sums for it alone: in lanes
    /// (two chunks of candidates, the second partly empty) and without a layout.
    fn assert_apply_matches_eval(trees: &Trees, groups: &[Group]) {
        let features: Vec<Features> = groups.iter().take(7).flat_map(|g| g.rows.clone()).collect();
        assert_eq!(features.len(), 14);
        let linear: Vec<(f32, u32)> = (0..14).map(|i| (0.1 * i as f32, i)).collect();
        let mut ranked = linear.clone();
        apply(trees, &mut ranked, &features, &mut Scratch::default());
        for ((r, l), x) in ranked.iter().zip(&linear).zip(&features) {
            assert_eq!(r.0.to_bits(), (l.0 + trees.eval(x)).to_bits());
        }
        assert!(ranked.iter().zip(&linear).any(|(r, l)| r.0 != l.0), "the trees add something");
    }

    #[test]
    fn trees_of_every_depth_apply_as_they_evaluate() {
        let groups = xor_groups();
        let w = [0f32; N_FEATURES];
        for depth in [1, LAYOUT_DEPTH, LAYOUT_DEPTH + 1] {
            let p = BoostParams { trees: 12, depth, eta: 0.5, lambda: 1.0, min_hess: 1.0, top: 0 };
            let trees = fit(&groups, &w, &p, |_| {});
            assert_eq!(trees.layout.is_some(), depth <= LAYOUT_DEPTH);
            assert_apply_matches_eval(&trees, &groups);
        }
    }
}
