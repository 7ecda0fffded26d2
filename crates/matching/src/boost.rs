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

    /// [`Trees::eval`] of up to `LANES` candidates at once, given feature by feature (the
    /// same sums, added in the same order).
    fn eval_lanes(&self, xt: &[[f32; LANES]; N_FEATURES]) -> [f32; LANES] {
        let d = self.depth;
        let mut sum = [0f32; LANES];
        for (splits, leaves) in self.splits.chunks_exact(d).zip(self.leaves.chunks_exact(1 << d)) {
            let mut idx = [0u32; LANES];
            for &(f, th) in splits {
                let col = &xt[f as usize];
                for l in 0..LANES {
                    idx[l] = (idx[l] << 1) | (col[l] > th) as u32;
                }
            }
            for l in 0..LANES {
                sum[l] += leaves[idx[l] as usize];
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
        let mut t = Trees { depth, top, splits: Vec::new(), leaves: Vec::new() };
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
    top: &mut Vec<usize>,
) {
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
    for chunk in top.chunks(LANES) {
        // The candidates side by side, feature by feature: an oblivious tree's level reads
        // one feature of all of them, which the comparison then takes in one vector.
        let mut xt = [[0f32; LANES]; N_FEATURES];
        for (lane, &i) in chunk.iter().enumerate() {
            for (k, v) in features[i].iter().enumerate() {
                xt[k][lane] = *v;
            }
        }
        let sums = trees.eval_lanes(&xt);
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
    let mut trees = Trees { depth: p.depth, top: p.top, splits: Vec::new(), leaves: Vec::new() };
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
        let mut xt = [[0f32; LANES]; N_FEATURES];
        for (lane, g) in groups.iter().take(LANES).enumerate() {
            for (col, v) in xt.iter_mut().zip(&g.rows[0]) {
                col[lane] = *v;
            }
        }
        let lanes = trees.eval_lanes(&xt);
        for (lane, g) in groups.iter().take(LANES).enumerate() {
            assert_eq!(lanes[lane].to_bits(), trees.eval(&g.rows[0]).to_bits());
        }
        let back = Trees::parse(&trees.to_text()).expect("parses");
        assert_eq!(back, trees);
        assert!(Trees::parse("trees 1 depth 3 top 8 features 3\n").is_err());
    }
}
