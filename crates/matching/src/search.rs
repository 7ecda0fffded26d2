//! Answering a query: normalize, map words to the vocabulary (exactly, by splitting a
//! compound, by trigram similarity, or by completing the last word while typing), score the
//! title entries that share words with the query, add the descriptive-text score and the
//! employment prior per target, and keep the best target of each SOC code.

use std::cell::RefCell;

use serde::Serialize;

use crate::index::{Bag, EntryMeta, Matcher, NO_SOC, SOLO_EXACT, SOLO_SLOT, Space, space_index};
use crate::model::{Domain, EntryKind};
use crate::normalize::Scratch;
use crate::rerank::{Features, Parts, QueryView};

/// One ranked answer with everything needed to show and explain it.
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    /// Index of the target in [`Matcher::targets`].
    pub target: u32,
    /// O*NET-SOC or CIP code.
    pub code: String,
    /// SOC 2018 detailed code, for occupations.
    pub soc: Option<String>,
    pub title: String,
    pub cluster: Option<String>,
    pub sub_cluster: Option<String>,
    /// Calibrated confidence that this is the right code, 0..1 (only meaningful for the first
    /// candidate; the others carry their share of it: for occupations the confidence times
    /// their re-ranker probability relative to the best's).
    pub score: f32,
    /// The uncalibrated ranking score.
    pub raw_score: f32,
    /// The entry that matched best, its kind and the query words found in it.
    pub matched_text: Option<String>,
    pub matched_kind: Option<EntryKind>,
    pub matched_words: Vec<String>,
    /// All query words found in the matched entry, and nothing else in it.
    pub exact: bool,
    /// Share of the score that came from descriptions and tasks.
    pub description_share: f32,
    /// Several occupations list the query exactly as a title, this one among them, and
    /// their employment weighed in their order (see `ties`).
    pub employment_tie: bool,
    /// Put first over a candidate the model scored a little higher, because its SOC major
    /// group holds more of the model's belief (see `rerank::group_vote`).
    pub group_vote: bool,
}

impl Candidate {
    /// A one-line explanation in words.
    pub fn why(&self) -> String {
        let mut s = match (&self.matched_text, self.matched_kind) {
            (Some(text), Some(kind)) if self.exact => {
                format!("exact {} \"{text}\"", kind.describe())
            }
            (Some(text), Some(kind)) => {
                format!("{} \"{text}\" ({})", kind.describe(), self.matched_words.join(", "))
            }
            _ => "words of its description and tasks".to_string(),
        };
        if self.description_share >= 0.25 && self.matched_text.is_some() {
            s.push_str("; description and tasks agree");
        }
        if self.employment_tie {
            s.push_str("; other occupations list it too, and employment weighs in");
        }
        if self.group_vote {
            s.push_str("; preferred to a closer match because its occupation group fits better");
        }
        s
    }
}

/// The result of coding one text: the best target or an abstention, with the confidence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coded {
    /// The best target, `None` when nothing matched or the confidence is below the threshold.
    pub target: Option<u32>,
    /// The best target even when abstaining (for review), `None` when nothing matched.
    pub best: Option<u32>,
    pub score: f32,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct QTok {
    pub id: u32,
    /// Query weight (title idf times similarity).
    pub w: f32,
    sim: f32,
    df: u32,
    /// Prefix completions of the word being typed share one slot of the query norm.
    alt: bool,
}

#[derive(Default)]
struct QueryScratch {
    norm: Scratch,
    text: String,
    q: Vec<QTok>,
    /// The query's head word (its last known word), found before `q` is sorted by id.
    head: Option<u32>,
    late: Vec<QTok>,
    acc: Vec<f32>,
    /// The entries touched so far, `touched[..n_touched]`, and what scoring reads of them,
    /// `metas[..n_touched]`: buffers as long as the largest space (an entry is touched once
    /// per query), written by index so the accumulation loop keeps its count in a register.
    touched: Vec<u32>,
    n_touched: usize,
    /// The words whose postings are scanned in full, rarest first.
    lists: Vec<QTok>,
    /// The targets the last list's own entries found first, in the order found.
    last_targets: Vec<u32>,
    /// Per list scanned in full, what scoring its entries' `idf²` dot products needs.
    solo_dots: Vec<SoloDot>,
    /// Per-target state, valid where `tgt[t].epoch == epoch` (no clearing between queries).
    tgt: Vec<TargetState>,
    epoch: u32,
    t_touched: Vec<u32>,
    tri_count: Vec<u16>,
    tri_touched: Vec<u32>,
    tri_codes: Vec<u32>,
    metas: Vec<EntryMeta>,
    ranked: Vec<(f32, u32)>,
    /// Parallel to `ranked` during the head and group stages: their parts, then the
    /// re-ranker's features.
    parts: Vec<Parts>,
    features: Vec<Features>,
    /// The boosted trees' buffers (see `boost::apply`).
    trees: crate::boost::Scratch,
    /// Set while the features are wanted as output (fitting the re-ranker).
    collect: bool,
    /// The target the group vote put first, if it moved one (see `rerank::group_vote`).
    voted: Option<u32>,
}

/// What a query has gathered about one target; one record so a target costs one cache line.
/// Aligned to 32 bytes (30 used): addressed with a shift, never split over two cache lines.
#[derive(Clone, Copy, Default)]
#[repr(align(32))]
pub(crate) struct TargetState {
    pub best: f32,
    pub second: f32,
    pub long: f32,
    pub prof: f32,
    pub entry: u32,
    /// The best entry's query and entry cover as table indexes (`qcov` << 16 | `ecov`), for
    /// the re-ranker.
    pub cover: u32,
    pub epoch: u32,
    /// Found by the last list's pass and not yet in `t_touched` (see `EntryScoring`).
    pub pending: bool,
    /// The best entry was set by the last list's pass (see `EntryScoring::update`).
    pub best_last: bool,
}

impl QueryScratch {
    fn fit(&mut self, m: &Matcher) {
        let entries = m.spaces.iter().map(|s| s.n_entries).max().unwrap_or(0);
        if self.acc.len() < entries {
            self.acc.resize(entries, 0.0);
            self.touched.resize(entries, 0);
            self.metas.resize(entries, EntryMeta::default());
        }
        let n = m.targets.len();
        if self.tgt.len() < n {
            self.tgt.resize(n, TargetState::default());
        }
        // A new query: every target state stamped with an older epoch reads as unseen.
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.tgt.iter_mut().for_each(|t| t.epoch = 0);
            self.epoch = 1;
        }
        if self.tri_count.len() < m.words.len() {
            self.tri_count.resize(m.words.len(), 0);
        }
    }
}

thread_local! {
    static SCRATCH: RefCell<QueryScratch> = RefCell::new(QueryScratch::default());
}

pub(crate) const NO_ENTRY: u32 = u32::MAX;

/// A query as given, or already normalized.
#[derive(Clone, Copy)]
enum Text<'a> {
    Raw(&'a str),
    Normalized(&'a str),
}

impl Matcher {
    /// The `k` best targets for `query`, best first, with explanations. The last word is
    /// also completed as a prefix, so this serves search-as-you-type; the first candidate's
    /// `score` is the calibrated confidence. Returns nothing for a query with no known words.
    pub fn search(&self, query: &str, domain: Domain, k: usize) -> Vec<Candidate> {
        self.search_with(query, domain, k, true)
    }

    /// Like [`Matcher::search`], choosing whether the last word is completed as a prefix.
    pub fn search_with(
        &self,
        query: &str,
        domain: Domain,
        k: usize,
        complete_last_word: bool,
    ) -> Vec<Candidate> {
        SCRATCH.with(|cell| {
            let s = &mut *cell.borrow_mut();
            self.rank(Text::Raw(query), domain, k, complete_last_word, s);
            let tie = domain == Domain::Occupation
                && self.params.exact_ties_by_employment > 0.0
                && crate::ties::applies(&s.ranked, &s.tgt, s.epoch);
            s.ranked.truncate(k);
            self.candidates(domain, tie, s)
        })
    }

    /// Codes one text to its best target, abstaining below the calibrated threshold. This is
    /// the fast path batch coding uses: no explanations, no allocation.
    pub fn code(&self, query: &str, domain: Domain) -> Coded {
        self.code_text(Text::Raw(query), domain)
    }

    /// Codes a text already in normal form (the output of [`Matcher::normalize`]): the result
    /// is exactly [`Matcher::code`]'s for every text with that normal form. Batch coding
    /// normalizes first, so titles that differ only in noise (case, seniority, shift, pay,
    /// location) are coded once.
    pub fn code_normalized(&self, normalized: &str, domain: Domain) -> Coded {
        self.code_text(Text::Normalized(normalized), domain)
    }

    fn code_text(&self, text: Text<'_>, domain: Domain) -> Coded {
        SCRATCH.with(|cell| {
            let s = &mut *cell.borrow_mut();
            let conf = self.rank(text, domain, 1, false, s);
            let best = s.ranked.first().map(|&(_, t)| t);
            let target = if conf >= self.params.abstain_below { best } else { None };
            Coded { target, best, score: conf }
        })
    }

    /// The best candidates of an occupation query (up to `Params::group_pool` plus role
    /// occupations) with the re-ranker's features, before re-ranking and before keeping one
    /// target per SOC code: what [`crate::rerank::fit`] learns from. Empty when no word of the
    /// query is known.
    pub fn rerank_features(&self, query: &str) -> Vec<(u32, Features)> {
        SCRATCH.with(|cell| {
            let s = &mut *cell.borrow_mut();
            s.collect = true;
            s.features.clear();
            self.rank(Text::Raw(query), Domain::Occupation, 1, false, s);
            s.collect = false;
            s.ranked.iter().map(|r| r.1).zip(s.features.drain(..)).collect()
        })
    }

    /// The normalized form of a query, as the index sees it.
    pub fn normalize(&self, query: &str) -> String {
        self.normalizer.normalize(query)
    }

    /// Ranks into `s.ranked` (best first, one per SOC code) and returns the confidence.
    fn rank(
        &self,
        query: Text<'_>,
        domain: Domain,
        k: usize,
        complete: bool,
        s: &mut QueryScratch,
    ) -> f32 {
        s.fit(self);
        s.ranked.clear();
        s.voted = None;
        let space = &self.spaces[space_index(domain)];
        match query {
            Text::Raw(q) => self.normalizer.normalize_into(q, &mut s.norm, &mut s.text),
            Text::Normalized(n) => {
                s.text.clear();
                s.text.push_str(n);
            }
        }
        let unknown = self.query_tokens(space, complete, s);
        if s.q.is_empty() {
            return 0.0;
        }
        let mut qn2 = unknown;
        let mut alt_max = 0f32;
        for t in &s.q {
            if t.alt {
                alt_max = alt_max.max(t.w);
            } else {
                qn2 += t.w * t.w;
            }
        }
        qn2 += alt_max * alt_max;
        let head = s.head;

        self.score_entries(space, qn2, head, s);
        self.score_bag(&space.profile, s, true, true);
        // Descriptions refine the candidates titles found; they only propose their own when
        // no title shares a word with the query.
        let open = s.t_touched.is_empty();
        self.score_bag(&space.long, s, false, open);

        // Combine per target.
        let p = &self.params;
        let (tgt, prior) = (&s.tgt, &self.prior);
        s.ranked.extend(s.t_touched.iter().map(|&t| {
            let ts = &tgt[t as usize];
            let raw = ts.best
                + p.second_weight * ts.second
                + p.long_weight * ts.long
                + p.profile_weight * ts.prof
                + p.prior_weight * prior[t as usize];
            (raw, t)
        }));
        s.t_touched.clear();
        let want = (k.max(1) * 4).max(p.group_pool).min(s.ranked.len());
        if want > 0 && want < s.ranked.len() {
            // The raw scores are sums of non-negative terms: never NaN or -0, so comparing
            // them as floats orders them exactly as `total_cmp` does (the selection makes the
            // same moves) with fewer instructions per comparison.
            s.ranked.select_nth_unstable_by(want - 1, |a, b| {
                b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal)
            });
            s.ranked.truncate(want);
        }
        s.parts.clear();
        s.parts.extend(s.ranked.iter().map(|r| Parts { base: r.0, ..Parts::default() }));
        self.head_shares[space_index(domain)].adjust(
            head,
            &mut s.ranked,
            &mut s.parts,
            &self.hierarchy,
            p,
        );
        self.hierarchy.adjust(&mut s.ranked, &mut s.parts, p);
        if domain == Domain::Occupation && (p.rerank.is_some() || s.collect) {
            let view = QueryView { q: &s.q, head, epoch: s.epoch, tgt: &s.tgt };
            if s.collect {
                s.features.clear();
                self.rerank(space, &view, &mut s.ranked, &s.parts, None, Some(&mut s.features));
                return 0.0;
            }
            if let Some(w) = &p.rerank {
                s.features.clear();
                let keep = p.rerank_trees.is_some().then_some(&mut s.features);
                self.rerank(space, &view, &mut s.ranked, &s.parts, Some(w), keep);
                if let Some(trees) = &p.rerank_trees {
                    crate::boost::apply(trees, &mut s.ranked, &s.features, &mut s.trees);
                }
            }
        }
        if domain == Domain::Occupation && p.exact_ties_by_employment > 0.0 {
            let w = p.exact_ties_by_employment;
            crate::ties::by_employment(
                &mut s.ranked,
                &s.tgt,
                s.epoch,
                &self.prior,
                self.prior_scale,
                w,
            );
        }
        // The decision comes last: the tie rule is part of the model's score, and the vote
        // compresses the scores of a group, which would make employment outweigh the words.
        if domain == Domain::Occupation && p.rerank.is_some() {
            let (tgt, epoch) = (&s.tgt, s.epoch);
            let exact = |t: u32| crate::ties::is_exact(&tgt[t as usize], epoch);
            s.voted =
                crate::rerank::group_vote(&mut s.ranked, &self.hierarchy, p.rerank_group, exact);
        }
        // Only the best few go on to the sort and the one-per-SOC pass (quadratic in them).
        let keep = (k.max(1) * 4).min(s.ranked.len());
        if keep > 0 && keep < s.ranked.len() {
            s.ranked.select_nth_unstable_by(keep - 1, |a, b| b.0.total_cmp(&a.0));
            s.ranked.truncate(keep);
        }
        s.ranked.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        // One target per SOC code: O*NET splits some SOC codes into several occupations.
        let mut kept = 0;
        for i in 0..s.ranked.len() {
            let soc = self.soc_id[s.ranked[i].1 as usize];
            let dup = soc != NO_SOC
                && s.ranked[..kept].iter().any(|&(_, o)| self.soc_id[o as usize] == soc);
            if !dup {
                s.ranked[kept] = s.ranked[i];
                kept += 1;
            }
        }
        s.ranked.truncate(kept);
        let top = s.ranked.first().map_or(0.0, |r| r.0);
        let second = s.ranked.get(1).map_or(0.0, |r| r.0);
        p.confidence(top, top - second)
    }

    /// Maps the normalized words to vocabulary tokens; returns the squared weight of words
    /// that could not be mapped (they lower the confidence but cannot match anything).
    fn query_tokens(&self, space: &Space, complete: bool, s: &mut QueryScratch) -> f32 {
        s.q.clear();
        let mut unknown = 0f32;
        let text = std::mem::take(&mut s.text);
        let n_words = text.split(' ').filter(|w| !w.is_empty()).count();
        for (i, w) in text.split(' ').filter(|w| !w.is_empty()).enumerate() {
            let last = i + 1 == n_words;
            if let Some(&id) = self.vocab.get(w)
                && self.usable(space, id)
            {
                self.push_token(space, id, 1.0, false, s);
                continue;
            }
            if complete && last && self.complete_prefix(space, w, s) {
                continue;
            }
            if let Some(a) = self.man_compound(space, w) {
                self.push_token(space, a, 0.9, false, s);
                // The "-man" names a worker, and "worker" heads many of O*NET's titles.
                if let Some(&wk) = self.vocab.get("worker")
                    && self.usable(space, wk)
                {
                    self.push_token(space, wk, 0.9, false, s);
                }
                continue;
            }
            if let Some((a, b)) = self.split_compound(space, w) {
                self.push_token(space, a, 0.9, false, s);
                self.push_token(space, b, 0.9, false, s);
                continue;
            }
            if let Some((id, sim)) = self.fuzzy(space, w, s) {
                self.push_token(space, id, sim, false, s);
                continue;
            }
            let u = 0.5 * space.max_idf;
            unknown += u * u;
        }
        s.text = text;
        s.head = s.q.iter().rev().find(|t| !t.alt).or(s.q.last()).map(|t| t.id);
        // The same token twice (e.g. from an expanded abbreviation) counts once.
        s.q.sort_unstable_by_key(|t| t.id);
        s.q.dedup_by(|b, a| {
            if a.id == b.id {
                a.w = a.w.max(b.w);
                a.sim = a.sim.max(b.sim);
                a.alt &= b.alt;
                true
            } else {
                false
            }
        });
        unknown
    }

    fn usable(&self, space: &Space, id: u32) -> bool {
        space.idf[id as usize] > 0.0 || space.long.max[id as usize] > 0.0
    }

    fn push_token(&self, space: &Space, id: u32, sim: f32, alt: bool, s: &mut QueryScratch) {
        let idf = space.idf[id as usize];
        // A word only seen in descriptions is rare among titles: weigh it as such.
        let base = if idf > 0.0 { idf } else { 0.7 * space.max_idf };
        s.q.push(QTok { id, w: base * sim, sim, df: space.df(id) as u32, alt });
    }

    fn complete_prefix(&self, space: &Space, prefix: &str, s: &mut QueryScratch) -> bool {
        if prefix.len() < 2 {
            return false;
        }
        let words = &self.words;
        let start = self.sorted_words.partition_point(|&id| &*words[id as usize] < prefix);
        let mut found: Vec<(u32, u32)> = self.sorted_words[start..]
            .iter()
            .take_while(|&&id| words[id as usize].starts_with(prefix))
            .take(400)
            .filter(|&&id| space.idf[id as usize] > 0.0)
            .map(|&id| (space.df(id) as u32, id))
            .collect();
        if found.is_empty() {
            return false;
        }
        found.sort_unstable_by(|a, b| b.cmp(a));
        for &(_, id) in found.iter().take(5) {
            self.push_token(space, id, 0.85, true, s);
        }
        true
    }

    /// "Trackman", "Pipeman" (normalized "trackperson"): an unknown compound naming the one
    /// who works with a known thing. Splitting it into "track" and "person" would make
    /// "person" the head word and match the few titles that end in it.
    fn man_compound(&self, space: &Space, w: &str) -> Option<u32> {
        // The normalizer writes every "-man", "-woman" compound as "-person".
        let stem = w.strip_suffix("person")?;
        if stem.len() < 3 || !w.is_ascii() {
            return None;
        }
        let id = *self.vocab.get(stem)?;
        (space.idf[id as usize] > 0.0).then_some(id)
    }

    fn split_compound(&self, space: &Space, w: &str) -> Option<(u32, u32)> {
        if w.len() < 6 || !w.is_ascii() {
            return None;
        }
        (3..=w.len() - 3).find_map(|i| {
            let a = *self.vocab.get(&w[..i])?;
            let b = *self.vocab.get(&w[i..])?;
            (space.idf[a as usize] > 0.0 && space.idf[b as usize] > 0.0).then_some((a, b))
        })
    }

    fn fuzzy(&self, space: &Space, w: &str, s: &mut QueryScratch) -> Option<(u32, f32)> {
        if w.len() < 4 || w.len() > 40 || !w.is_ascii() {
            return None;
        }
        s.tri_codes.clear();
        crate::index::trigram_codes(w, |c| s.tri_codes.push(c));
        s.tri_codes.sort_unstable();
        s.tri_codes.dedup();
        let nq = s.tri_codes.len() as f32;
        for &c in &s.tri_codes {
            if let Some(list) = self.trigrams.map.get(&c) {
                for &id in list {
                    if s.tri_count[id as usize] == 0 {
                        s.tri_touched.push(id);
                    }
                    s.tri_count[id as usize] += 1;
                }
            }
        }
        let mut best: Option<(u32, f32, f32)> = None;
        for &id in &s.tri_touched {
            let c = s.tri_count[id as usize] as f32;
            s.tri_count[id as usize] = 0;
            if !self.usable(space, id) {
                continue;
            }
            let dice = 2.0 * c / (nq + self.trigrams.count[id as usize] as f32);
            let df = space.df(id) as f32;
            if dice >= self.params.fuzzy_min
                && best.is_none_or(|(_, d, bdf)| dice > d || (dice == d && df > bdf))
            {
                best = Some((id, dice, df));
            }
        }
        s.tri_touched.clear();
        best.map(|(id, d, _)| (id, d))
    }

    fn score_entries(&self, space: &Space, qn2: f32, head: Option<u32>, s: &mut QueryScratch) {
        let p = &self.params;
        s.q.sort_unstable_by_key(|t| t.df);
        s.late.clear();
        s.lists.clear();
        s.n_touched = 0;
        // Which lists are scanned in full (`lists`) and which only re-score the entries the
        // others found (`late`): the first non-empty list always, the others within budget.
        let mut processed = 0usize;
        for i in 0..s.q.len() {
            let t = s.q[i];
            let len = space.df(t.id);
            if len == 0 {
                continue;
            }
            if s.lists.is_empty() || processed + len <= p.budget {
                s.lists.push(t);
                processed += len;
            } else {
                s.late.push(t);
            }
        }
        // With no late word, the entries the last list is first to touch hold no other query
        // word: their dot product is that list's weight, so they are scored straight from the
        // postings as the list is read, without passing through the accumulators (see
        // `EntryScoring::score_last`).
        let last = if s.late.is_empty() { s.lists.pop() } else { None };
        for (j, &t) in s.lists.iter().enumerate() {
            let (post, meta) = space.postings(t.id);
            let add = t.w * space.idf[t.id as usize];
            let n = s.n_touched;
            // Past 255 lists (a very long query), an entry's list is not recorded.
            let list = u8::try_from(j).unwrap_or(u8::MAX);
            let (acc, touched, metas) = (&mut s.acc, &mut s.touched, &mut s.metas);
            s.n_touched = accumulate(acc, touched, metas, n, (post, meta), add, list);
        }
        // A query ending in a role noun ("... Manager") wants entries with the same head.
        let role_head = head.is_some_and(|h| space.head_count[h as usize] >= p.role_min_heads);
        let ctx = EntryScoring {
            pulled: std::cell::Cell::new(0),
            qn2: qn2.max(1e-6),
            lut_query: &self.lut_query,
            lut_entry: &self.lut_entry,
            kind_w: p.kind_weights,
            exact_bonus: p.exact_bonus,
            // No token has this id, so "no head" never equals an entry's head.
            head: head.unwrap_or(u32::MAX),
            head_factor: 1.0 + p.head_bonus,
            // Without a role head a missed head changes nothing: scaling by 1 is exact.
            miss_factor: if role_head { p.head_miss } else { 1.0 },
            epoch: s.epoch,
        };
        s.last_targets.clear();
        if let Some(t) = last {
            let add = t.w * space.idf[t.id as usize];
            let idf = space.idf[t.id as usize];
            // A word found as written weighs `idf²` (as the index assumed for `solo`).
            let solo = add == idf * idf;
            let list = space.postings(t.id);
            ctx.score_last(&mut s.acc, list, add, solo, &mut s.tgt, &mut s.last_targets);
        }
        for t in &s.late {
            let add = t.w * space.idf[t.id as usize];
            for &e in &s.touched[..s.n_touched] {
                if space.entry_tokens(e).binary_search(&t.id).is_ok() {
                    s.acc[e as usize] += add;
                }
            }
        }
        // An entry whose dot product is its first list's word's `idf²` (the word is its only
        // query word, found as written) has the entry cover the index computed.
        s.solo_dots.clear();
        s.solo_dots.extend(s.lists.iter().take(u8::MAX as usize).map(|t| {
            let idf = space.idf[t.id as usize];
            ctx.solo_dot(idf * idf)
        }));
        let n = s.n_touched;
        let touched = &s.touched[..n];
        let solo = &s.solo_dots;
        ctx.score(touched, &mut s.acc, &s.metas[..n], solo, &mut s.tgt, &mut s.t_touched);
        // The targets only the last list's own entries found come after the others, in the
        // order it found them, as if it had been scored last. (Nothing reads `pending` after
        // this, so it is left as it is.)
        if ctx.pulled.get() == 0 {
            s.t_touched.extend_from_slice(&s.last_targets);
        } else {
            let tgt = &s.tgt;
            s.t_touched.extend(s.last_targets.iter().filter(|&&t| tgt[t as usize].pending));
        }
    }

    /// Adds a bag-of-words score (0..1 of the best possible) per target into `slot`.
    fn score_bag(&self, bag: &Bag, s: &mut QueryScratch, profile: bool, open: bool) {
        let mut denom = 0f32;
        for t in &s.q {
            let m = bag.max[t.id as usize];
            denom += if m > 0.0 { m } else { 3.0 } * t.sim;
        }
        if denom <= 0.0 {
            return;
        }
        for qi in 0..s.q.len() {
            let t = s.q[qi];
            let (targets, ws) = bag.postings(t.id);
            let f = t.sim / denom;
            add_bag(targets, ws, f, &mut s.tgt, &mut s.t_touched, s.epoch, profile, open);
        }
    }

    /// The ranked targets as candidates; `tie`: the employment tie rule applied (see `ties`).
    fn candidates(&self, domain: Domain, tie: bool, s: &mut QueryScratch) -> Vec<Candidate> {
        let space = &self.spaces[space_index(domain)];
        let top = s.ranked.first().map_or(0.0, |r| r.0);
        let second = s.ranked.get(1).map_or(0.0, |r| r.0);
        let conf = self.params.confidence(top, top - second);
        // Re-ranked scores are the logits of a softmax over the candidates.
        let reranked = domain == Domain::Occupation && self.params.rerank.is_some();
        s.ranked
            .iter()
            .map(|&(raw, t)| {
                let target = &self.targets[t as usize];
                let e = s.tgt[t as usize].entry;
                let (matched_text, matched_kind, matched_words, exact) = if e == NO_ENTRY {
                    (None, None, Vec::new(), false)
                } else {
                    let toks = space.entry_tokens(e);
                    let words: Vec<String> =
                        s.q.iter()
                            .filter(|q| toks.binary_search(&q.id).is_ok())
                            .map(|q| self.words[q.id as usize].to_string())
                            .collect();
                    let exact = words.len() == toks.len()
                        && words.len() == s.q.len()
                        && s.q.iter().all(|q| q.sim >= 1.0);
                    (
                        Some(self.entry_texts[space.e_text[e as usize] as usize].clone()),
                        Some(space.e_kind[e as usize]),
                        words,
                        exact,
                    )
                };
                let ts = &s.tgt[t as usize];
                let p = &self.params;
                let long = p.long_weight * ts.long;
                let base = ts.best
                    + p.second_weight * ts.second
                    + long
                    + p.profile_weight * ts.prof
                    + p.prior_weight * self.prior[t as usize];
                Candidate {
                    target: t,
                    code: target.code.clone(),
                    soc: target.soc.clone(),
                    title: target.title.clone(),
                    cluster: target.cluster.clone(),
                    sub_cluster: target.sub_cluster.clone(),
                    score: if reranked {
                        conf * (raw - top).exp()
                    } else if top > 0.0 {
                        conf * raw / top
                    } else {
                        0.0
                    },
                    raw_score: raw,
                    matched_text,
                    matched_kind,
                    matched_words,
                    exact,
                    description_share: if base > 0.0 { (long / base).min(1.0) } else { 0.0 },
                    employment_tie: tie && crate::ties::is_exact(ts, s.epoch),
                    group_vote: s.voted == Some(t),
                }
            })
            .collect()
    }
}

pub(crate) const LUT_SIZE: usize = 1024;
/// The tables' length: slots run 0..=`LUT_SIZE`, padded to a power of two so a slot read
/// from an index record and masked with [`SOLO_SLOT`] needs no bounds check.
pub(crate) const LUT_LEN: usize = 2 * LUT_SIZE;

/// Adds `add` into the accumulator of every entry of one postings list, recording each entry
/// the first time it is touched at `touched[n..]`, `metas[n..]` (with `list`, the list's
/// number, in the record); returns the new count. A
/// function of its own so the slices and the count stay in registers across the loop (the
/// arguments cannot alias each other; inlined into `rank`, vectors' lengths and pointers were
/// reloaded from the scratch on every entry).
#[inline(never)]
fn accumulate(
    acc: &mut [f32],
    touched: &mut [u32],
    metas: &mut [EntryMeta],
    mut n: usize,
    (post, meta): (&[u32], &[EntryMeta]),
    add: f32,
    list: u8,
) -> usize {
    for (&e, m) in post.iter().zip(meta) {
        let a = &mut acc[e as usize];
        if *a == 0.0 {
            touched[n] = e;
            // Copied whole, then the byte set (a struct update copied it field by field).
            let copy = &mut metas[n];
            *copy = *m;
            copy.list = list;
            n += 1;
        }
        *a += add;
    }
    n
}

/// Adds one query word's bag-of-words weights `w × f` to its targets (`profile`: into the
/// title profile score, else the descriptive-text score); `open`: targets no title touched
/// may enter. A function of its own for the same reason as [`accumulate`].
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn add_bag(
    targets: &[u32],
    ws: &[f32],
    f: f32,
    tgt: &mut [TargetState],
    t_touched: &mut Vec<u32>,
    epoch: u32,
    profile: bool,
    open: bool,
) {
    for (&target, &w) in targets.iter().zip(ws) {
        let ts = &mut tgt[target as usize];
        if ts.epoch != epoch {
            if !open {
                continue;
            }
            *ts = TargetState { entry: NO_ENTRY, epoch, ..TargetState::default() };
            t_touched.push(target);
        }
        if profile {
            ts.prof += w * f;
        } else {
            ts.long += w * f;
        }
    }
}

/// Per scanned list, its word's `idf²`, the dot product of an entry holding only that query
/// word (found as written), and the query cover's slot and table value for it.
#[derive(Clone, Copy)]
struct SoloDot {
    dot: f32,
    lq: f32,
    qi: u32,
    q_exact: bool,
}

/// What scoring an entry needs of the query, gathered once per query.
struct EntryScoring<'a> {
    /// How many targets the last list's pass left pending that `score` then touched: with
    /// none, that pass's targets join the touched list as they are.
    pulled: std::cell::Cell<u32>,
    qn2: f32,
    lut_query: &'a [f32; LUT_LEN],
    lut_entry: &'a [f32; LUT_LEN],
    kind_w: [f32; 10],
    exact_bonus: f32,
    head: u32,
    head_factor: f32,
    /// The factor of an entry whose head is not the query's: `head_miss` when the query
    /// ends in a role noun, else 1.
    miss_factor: f32,
    epoch: u32,
}

impl EntryScoring<'_> {
    /// Scores the touched entries from their dot products (taking them out of `acc`, which
    /// is left zeroed for the next query) and keeps each target's best and second-best
    /// entry. One pass: the dot products, covers, table slots and the score of an entry are
    /// used where they are computed instead of being stored and read back (a separate
    /// gathering pass, meant to overlap the accumulator fetches, cost 3% more instructions
    /// and measured no faster).
    fn score(
        &self,
        touched: &[u32],
        acc: &mut [f32],
        metas: &[EntryMeta],
        solo: &[SoloDot],
        tgt: &mut [TargetState],
        t_touched: &mut Vec<u32>,
    ) {
        for (&e, meta) in touched.iter().zip(metas) {
            let dot = std::mem::take(&mut acc[e as usize]);
            if let Some(d) = solo.get(meta.list as usize)
                && dot.to_bits() == d.dot.to_bits()
            {
                // Equal bits, equal quotients: the index's entry cover, the list's query cover.
                let ei = (meta.solo & SOLO_SLOT) as u32;
                let exact = d.q_exact && meta.solo & SOLO_EXACT != 0;
                self.update(e, meta, (d.lq, d.qi, ei, exact), tgt, t_touched);
                continue;
            }
            // The covers are `min(1, ·)` of these quotients; the cap is folded into the
            // slot (see `cover_slot`), and a quotient is >= 0.999 exactly when its cover is.
            let (qr, er) = (dot / self.qn2, dot / meta.norm2);
            let (qi, ei, exact) = (cover_slot(qr), cover_slot(er), qr >= 0.999 && er >= 0.999);
            let lq = self.lut_query[qi as usize];
            self.update(e, meta, (lq, qi, ei, exact), tgt, t_touched);
        }
    }

    /// What `score` computes of the query cover for the dot product `dot`.
    fn solo_dot(&self, dot: f32) -> SoloDot {
        let qr = dot / self.qn2;
        let qi = cover_slot(qr);
        SoloDot { dot, lq: self.lut_query[qi as usize], qi, q_exact: qr >= 0.999 }
    }

    /// The last list's pass, before `score`: adds `add` to the accumulators of the entries
    /// other lists touched (`score` takes them), and scores the others straight from the
    /// postings, their dot product being `add`, with the query cover computed once. It
    /// leaves each target it finds first `pending` (in `found`, not yet in `t_touched`) and
    /// marks a best entry it sets as `best_last`: `score` then treats the targets as if this
    /// pass came after it (see `TargetState`). `solo`: `add` is the dot product the index
    /// computed each posting's entry cover for (`EntryMeta::solo`): equal bits, equal slots.
    fn score_last(
        &self,
        acc: &mut [f32],
        (post, metas): (&[u32], &[EntryMeta]),
        add: f32,
        solo: bool,
        tgt: &mut [TargetState],
        found: &mut Vec<u32>,
    ) {
        let qr = add / self.qn2;
        let (qi, q_exact) = (cover_slot(qr), qr >= 0.999);
        // The query cover's table value, read once (in the loop it was reloaded per entry).
        let lq = self.lut_query[qi as usize];
        let list = (acc, (post, metas));
        // Most queries have more than one word: no entry can be exact, and that loop leaves
        // out the test.
        match (solo, q_exact) {
            (true, true) => self.score_list::<true, true>(list, (add, lq, qi), tgt, found),
            (true, false) => self.score_list::<true, false>(list, (add, lq, qi), tgt, found),
            (false, true) => self.score_list::<false, true>(list, (add, lq, qi), tgt, found),
            (false, false) => self.score_list::<false, false>(list, (add, lq, qi), tgt, found),
        }
    }

    /// `score_last` for one combination of `SOLO` (the entry cover slots are the index's)
    /// and `Q_EXACT` (the query cover is ~1, so an entry whose cover is ~1 too is exact).
    #[inline(always)]
    fn score_list<const SOLO: bool, const Q_EXACT: bool>(
        &self,
        (acc, (post, metas)): (&mut [f32], (&[u32], &[EntryMeta])),
        (add, lq, qi): (f32, f32, u32),
        tgt: &mut [TargetState],
        found: &mut Vec<u32>,
    ) {
        for (&e, meta) in post.iter().zip(metas) {
            let a = &mut acc[e as usize];
            if *a != 0.0 {
                *a += add;
                continue;
            }
            let (ei, exact) = if SOLO {
                // Masked to the table's length: no bounds check (the slot is <= LUT_SIZE).
                ((meta.solo & SOLO_SLOT) as u32, Q_EXACT && meta.solo & SOLO_EXACT != 0)
            } else {
                let er = add / meta.norm2;
                (cover_slot(er), Q_EXACT && er >= 0.999)
            };
            let score = self.entry_score(meta, (lq, ei, exact));
            let epoch = self.epoch;
            let ts = &mut tgt[meta.target as usize];
            if ts.epoch != epoch {
                *ts =
                    TargetState { entry: NO_ENTRY, epoch, pending: true, ..TargetState::default() };
                found.push(meta.target);
            }
            if score > ts.best {
                ts.second = ts.best;
                ts.best = score;
                ts.entry = e;
                ts.cover = (qi << 16) | ei;
                ts.best_last = true;
            } else if score > ts.second {
                ts.second = score;
            }
        }
    }

    /// An entry's score from its covers' table slots (`lq`, the query cover's table value)
    /// and exactness.
    #[inline(always)]
    fn entry_score(&self, meta: &EntryMeta, (lq, ei, exact): (f32, u32, bool)) -> f32 {
        let mut score = lq * self.lut_entry[ei as usize] * self.kind_w[meta.kind as usize];
        if exact {
            score += self.exact_bonus;
        }
        // One multiplication either way, no branch (scaling by `miss_factor` = 1 is exact).
        score * if self.head == meta.head { self.head_factor } else { self.miss_factor }
    }

    /// Scores entry `e` and keeps it if it is among its target's best two, after the last
    /// list's pass (`score_last`) but as if before it: a target that pass left pending joins
    /// `t_touched` now, and an entry scoring the same as a best entry that pass set takes its
    /// place (of equal scores, the first scored is kept, and this one would have come first).
    /// The best and second-best scores are the two largest whatever the order.
    #[inline(always)]
    fn update(
        &self,
        e: u32,
        meta: &EntryMeta,
        (lq, qi, ei, exact): (f32, u32, u32, bool),
        tgt: &mut [TargetState],
        t_touched: &mut Vec<u32>,
    ) {
        let epoch = self.epoch;
        let score = self.entry_score(meta, (lq, ei, exact));
        let ts = &mut tgt[meta.target as usize];
        if ts.epoch != epoch {
            *ts = TargetState { entry: NO_ENTRY, epoch, ..TargetState::default() };
            t_touched.push(meta.target);
        } else if ts.pending {
            ts.pending = false;
            self.pulled.set(self.pulled.get() + 1);
            t_touched.push(meta.target);
        }
        if score > ts.best || (ts.best_last && score == ts.best) {
            ts.second = ts.best;
            ts.best = score;
            ts.entry = e;
            ts.cover = (qi << 16) | ei;
            ts.best_last = false;
        } else if score > ts.second {
            ts.second = score;
        }
    }
}

/// The slot of the cover `r.min(1.0)` in a table of `x^a` (0..=1 in `LUT_SIZE` steps): the
/// exponent is fixed per matcher, and `powf` per candidate entry was the largest single cost
/// of a query. `r` is a quotient of positive finite numbers (never NaN), and scaling by a
/// power of two is exact, so `floor(min(r, 1) × LUT_SIZE)` is
/// `min(floor(r × LUT_SIZE), LUT_SIZE)`. The conversion to `u16` saturates with a `minss`
/// and a `maxss`, where `as u32` costs a branchy compare-and-move sequence.
#[inline]
pub(crate) fn cover_slot(r: f32) -> u32 {
    ((r * LUT_SIZE as f32) as u16).min(LUT_SIZE as u16) as u32
}

pub(crate) fn make_lut(a: f32) -> Box<[f32; LUT_LEN]> {
    let mut t = Box::new([0f32; LUT_LEN]);
    for (i, v) in t.iter_mut().enumerate().take(LUT_SIZE + 1) {
        *v = (i as f32 / LUT_SIZE as f32).powf(a);
    }
    t
}

#[cfg(test)]
mod tests {
    use crate::Matcher;
    use crate::model::{Corpus, Domain};

    #[test]
    fn an_unknown_man_compound_is_read_as_a_worker_of_its_first_part() {
        let mut c = Corpus::new();
        let occupations: &[(&str, &str, &[&str])] = &[
            ("47-4061", "Rail-Track Laying Equipment Operators", &["Track Worker", "Track Layer"]),
            (
                "39-1013",
                "First-Line Supervisors of Gambling Services Workers",
                &["Boxman", "Pitman"],
            ),
        ];
        c.add_test_occupations(10_000.0, occupations);
        let m = Matcher::build(&c);
        let hits = m.search_with("Trackman", Domain::Occupation, 2, false);
        assert_eq!(hits.first().and_then(|h| h.soc.as_deref()), Some("47-4061"), "{hits:?}");
        assert_eq!(hits[0].matched_text.as_deref(), Some("Track Worker"), "{hits:?}");
        assert!(hits[0].matched_words.iter().any(|w| w == "worker"), "{hits:?}");
        // A compound the index lists is matched as written.
        let hits = m.search_with("Boxman", Domain::Occupation, 2, false);
        assert_eq!(hits.first().and_then(|h| h.soc.as_deref()), Some("39-1013"), "{hits:?}");
        assert!(hits[0].exact);
    }
}
