//! The in-memory index: interned tokens, one compact inverted index per domain over title-like
//! entries, a per-target bag of words over descriptive text, and a character-trigram index
//! over the vocabulary for misspelled and unseen words.

use ahash::AHashMap;
use rayon::prelude::*;

use crate::model::{Corpus, Domain, EntryKind, Target};
use crate::normalize::{Normalizer, Scratch};
use crate::params::Params;

/// Title-like entries and descriptive text of one domain.
#[derive(Debug, Default)]
pub(crate) struct Space {
    /// Entry `e` has tokens `e_tok[e_off[e]..e_off[e+1]]`, sorted by id, deduplicated.
    pub e_off: Vec<u32>,
    pub e_tok: Vec<u32>,
    pub e_target: Vec<u32>,
    pub e_kind: Vec<EntryKind>,
    pub e_norm: Vec<f32>,
    /// The last token of the entry in reading order: the head noun of an English title.
    pub e_head: Vec<u32>,
    /// Index into `Matcher::entry_texts`, for explanations.
    pub e_text: Vec<u32>,
    /// Postings: token `t` is in entries `p_ent[p_off[t]..p_off[t+1]]`.
    pub p_off: Vec<u32>,
    pub p_ent: Vec<u32>,
    /// What scoring reads of each posting's entry, in one 16-byte record in posting order: a
    /// query reads the entries it touches sequentially, with the postings, instead of
    /// fetching each entry's record at random (those fetches took a fifth of a query's time).
    pub p_meta: Vec<EntryMeta>,
    /// Title-field inverse document frequency per token (0 when absent from titles).
    pub idf: Vec<f32>,
    pub max_idf: f32,
    /// Descriptions, tasks and definitions as one bag of words per target.
    pub long: Bag,
    /// All title-like entries of a target as one bag of words: the evidence of many titles
    /// sharing a word, which the best single entry cannot see.
    pub profile: Bag,
    /// How many entries end in each token: words that head many titles are role nouns.
    pub head_count: Vec<u32>,
    pub n_entries: usize,
}

/// The per-entry fields the scoring loop reads, packed together.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EntryMeta {
    /// The entry's squared idf norm (`e_norm²`, the same f32 product the scoring computed).
    pub norm2: f32,
    pub target: u32,
    pub head: u32,
    pub kind: EntryKind,
    /// The entry cover's table slot when the posting's word is the entry's only query word
    /// and was found as written (the dot product is then `idf²`), with [`SOLO_EXACT`] set
    /// when that cover is ~1: the commonest query word's entries need no division (see
    /// `search::EntryScoring::score_last`). Fits the record's padding.
    pub solo: u16,
    /// In a query's copy of the record, the scanned list that touched the entry first (its
    /// `solo` is that list's word's); 0 in the index. The last byte of padding.
    pub list: u8,
}

const _: () = assert!(std::mem::size_of::<EntryMeta>() == 16, "one posting's record, 16 bytes");

/// The bit of [`EntryMeta::solo`] saying the entry cover is ~1.
pub(crate) const SOLO_EXACT: u16 = 1 << 15;
/// The bits of [`EntryMeta::solo`] holding the slot, as an index into the padded tables.
pub(crate) const SOLO_SLOT: u16 = crate::search::LUT_LEN as u16 - 1;
const _: () = assert!(crate::search::LUT_LEN.is_power_of_two() && SOLO_SLOT & SOLO_EXACT == 0);
const _: () = assert!(crate::search::LUT_SIZE < crate::search::LUT_LEN);

impl Default for EntryMeta {
    /// A placeholder for the query scratch's buffers, overwritten before it is read.
    fn default() -> Self {
        EntryMeta { norm2: 0.0, target: 0, head: 0, kind: EntryKind::Title, solo: 0, list: 0 }
    }
}

/// A BM25-weighted bag of words per target: token `t` weighs `w[i]` in `target[i]` for i in
/// `off[t]..off[t+1]`.
#[derive(Debug, Default)]
pub(crate) struct Bag {
    pub off: Vec<u32>,
    pub target: Vec<u32>,
    pub w: Vec<f32>,
    /// Largest weight of each token, to normalize scores to 0..1.
    pub max: Vec<f32>,
}

impl Bag {
    pub fn postings(&self, t: u32) -> (&[u32], &[f32]) {
        let r = self.off[t as usize] as usize..self.off[t as usize + 1] as usize;
        (&self.target[r.clone()], &self.w[r])
    }

    fn build<'a>(
        items: impl Iterator<Item = (u32, f32, &'a [u32])>,
        n_words: usize,
        n_targets: usize,
        k1: f32,
        b: f32,
    ) -> Bag {
        let mut tf: AHashMap<(u32, u32), f32> = AHashMap::new();
        let mut len = vec![0f32; n_targets];
        for (target, w, tokens) in items {
            for &t in tokens {
                *tf.entry((t, target)).or_default() += w;
            }
            len[target as usize] += tokens.len() as f32;
        }
        let docs = len.iter().filter(|&&l| l > 0.0).count().max(1) as f32;
        let avg = len.iter().sum::<f32>() / docs;
        let mut df = vec![0u32; n_words];
        for &(t, _) in tf.keys() {
            df[t as usize] += 1;
        }
        let mut pairs: Vec<((u32, u32), f32)> = tf.into_iter().collect();
        pairs.sort_unstable_by_key(|&(k, _)| k);
        let mut bag = Bag {
            off: vec![0u32; n_words + 1],
            max: vec![0f32; n_words],
            target: Vec::with_capacity(pairs.len()),
            w: Vec::with_capacity(pairs.len()),
        };
        for &((t, target), f) in &pairs {
            let d = df[t as usize] as f32;
            let idf = (1.0 + (docs - d + 0.5) / (d + 0.5)).ln();
            let norm = 1.0 - b + b * len[target as usize] / avg.max(1.0);
            let w = idf * f * (k1 + 1.0) / (f + k1 * norm);
            bag.target.push(target);
            bag.w.push(w);
            bag.off[t as usize + 1] += 1;
            bag.max[t as usize] = bag.max[t as usize].max(w);
        }
        for t in 0..n_words {
            bag.off[t + 1] += bag.off[t];
        }
        bag
    }
}

impl Space {
    pub fn entry_tokens(&self, e: u32) -> &[u32] {
        &self.e_tok[self.e_off[e as usize] as usize..self.e_off[e as usize + 1] as usize]
    }

    /// The entries that contain token `t`, with what scoring reads of them.
    pub fn postings(&self, t: u32) -> (&[u32], &[EntryMeta]) {
        let r = self.p_off[t as usize] as usize..self.p_off[t as usize + 1] as usize;
        (&self.p_ent[r.clone()], &self.p_meta[r])
    }

    pub fn df(&self, t: u32) -> usize {
        (self.p_off[t as usize + 1] - self.p_off[t as usize]) as usize
    }
}

/// Character trigrams of every vocabulary word of four letters or more.
#[derive(Debug, Default)]
pub(crate) struct Trigrams {
    pub map: AHashMap<u32, Vec<u32>>,
    pub count: Vec<u16>,
}

/// The matcher: built once from a [`Corpus`], then queried from any number of threads.
///
/// See the crate documentation for an example.
#[derive(Debug)]
pub struct Matcher {
    pub(crate) normalizer: Normalizer,
    pub(crate) vocab: AHashMap<Box<str>, u32>,
    pub(crate) words: Vec<Box<str>>,
    /// Vocabulary sorted alphabetically, for prefix completion while typing.
    pub(crate) sorted_words: Vec<u32>,
    pub(crate) spaces: [Space; 2],
    pub(crate) trigrams: Trigrams,
    pub(crate) targets: Vec<Target>,
    /// Employment prior per target, 0..1.
    pub(crate) prior: Vec<f32>,
    /// ln(1 + the largest employment): `prior × prior_scale` is ln(1 + employment).
    pub(crate) prior_scale: f32,
    /// Per target, a small integer standing for its SOC code ([`NO_SOC`] for programs), so
    /// keeping one target per SOC code compares integers, not strings.
    pub(crate) soc_id: Vec<u32>,
    /// SOC major and minor group of each target, for group evidence.
    pub(crate) hierarchy: crate::hierarchy::Hierarchy,
    /// Per domain, the share of each target's titles ending in each head word.
    pub(crate) head_shares: [crate::roles::HeadShares; 2],
    /// Per-target facts the re-ranker reads (occupations).
    pub(crate) facts: crate::rerank::TargetFacts,
    pub(crate) entry_texts: Vec<String>,
    pub(crate) params: Params,
    pub(crate) lut_query: Box<[f32; crate::search::LUT_LEN]>,
    pub(crate) lut_entry: Box<[f32; crate::search::LUT_LEN]>,
}

pub(crate) fn space_index(d: Domain) -> usize {
    match d {
        Domain::Occupation => 0,
        Domain::Program => 1,
    }
}

/// A text as indexed: where it came from and its normalized tokens.
struct Prepared {
    target: u32,
    kind: EntryKind,
    text: u32,
    tokens: Vec<u32>,
    head: u32,
}

impl Matcher {
    /// Builds the index with the default parameters.
    pub fn build(corpus: &Corpus) -> Matcher {
        Matcher::build_with(corpus, Params::default())
    }

    /// Builds the index with explicit parameters (the evaluation harness tunes them).
    pub fn build_with(corpus: &Corpus, params: Params) -> Matcher {
        let mut normalizer = Normalizer::new();
        normalizer.learn_abbreviations(crate::abbrev::learn(corpus));

        // Split "Title (Expansion)" forms into both halves: each is a way people write it.
        let mut texts: Vec<(u32, EntryKind, String)> = Vec::with_capacity(corpus.entries.len());
        for e in &corpus.entries {
            if !e.kind.is_descriptive()
                && let Some((outer, inner)) = split_parenthetical(&e.text)
            {
                texts.push((e.target, e.kind, outer.to_string()));
                texts.push((e.target, e.kind, inner.to_string()));
                continue;
            }
            texts.push((e.target, e.kind, e.text.clone()));
        }
        // Target titles are entries too, so a target is always findable by its own name.
        for (i, t) in corpus.targets.iter().enumerate() {
            let kind = match t.domain {
                Domain::Occupation => EntryKind::Title,
                Domain::Program => EntryKind::CipTitle,
            };
            texts.push((i as u32, kind, t.title.clone()));
        }

        let normalized: Vec<String> = texts
            .par_iter()
            .map_init(
                || (Scratch::default(), String::new()),
                |(scratch, out), (_, _, text)| {
                    normalizer.normalize_into(text, scratch, out);
                    out.clone()
                },
            )
            .collect();

        let mut vocab: AHashMap<Box<str>, u32> = AHashMap::new();
        let mut words: Vec<Box<str>> = Vec::new();
        let mut intern = |w: &str| -> u32 {
            if let Some(&id) = vocab.get(w) {
                return id;
            }
            let id = words.len() as u32;
            words.push(w.into());
            vocab.insert(w.into(), id);
            id
        };
        let mut prepared: [Vec<Prepared>; 2] = [Vec::new(), Vec::new()];
        let mut entry_texts = Vec::new();
        let mut seen: ahash::AHashSet<(u32, Vec<u32>)> = ahash::AHashSet::new();
        // Order by kind weight so the duplicate kept is the strongest kind.
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by(|&a, &b| {
            let wa = params.kind_weight(texts[a].1);
            let wb = params.kind_weight(texts[b].1);
            wb.total_cmp(&wa).then(a.cmp(&b))
        });
        for i in order {
            let (target, kind, ref text) = texts[i];
            let norm = &normalized[i];
            if norm.is_empty() {
                continue;
            }
            let mut tokens: Vec<u32> = norm.split(' ').map(&mut intern).collect();
            let head = *tokens.last().unwrap_or(&0);
            tokens.sort_unstable();
            tokens.dedup();
            let domain = corpus.targets[target as usize].domain;
            if !kind.is_descriptive() && !seen.insert((target, tokens.clone())) {
                continue;
            }
            let text_id = entry_texts.len() as u32;
            entry_texts.push(text.clone());
            prepared[space_index(domain)].push(Prepared {
                target,
                kind,
                text: text_id,
                tokens,
                head,
            });
        }
        drop(seen);

        let n_words = words.len();
        let n_targets = corpus.targets.len();
        let spaces = prepared.map(|p| build_space(p, n_words, n_targets, &params));
        let hierarchy = crate::hierarchy::Hierarchy::new(&corpus.targets);
        let head_shares = [0, 1]
            .map(|i| crate::roles::HeadShares::build(&spaces[i], n_words, n_targets, &hierarchy));
        let facts =
            crate::rerank::TargetFacts::new(&spaces[0], &corpus.targets, &hierarchy, n_words);
        let trigrams = build_trigrams(&words);
        let mut sorted_words: Vec<u32> = (0..n_words as u32).collect();
        sorted_words.sort_by(|&a, &b| words[a as usize].cmp(&words[b as usize]));

        let max_emp =
            corpus.targets.iter().filter_map(|t| t.employment).fold(1.0f64, f64::max).ln_1p();
        let prior = corpus
            .targets
            .iter()
            .map(|t| t.employment.map_or(0.0, |e| (e.max(0.0).ln_1p() / max_emp) as f32))
            .collect();

        Matcher {
            normalizer,
            vocab,
            words,
            sorted_words,
            spaces,
            trigrams,
            targets: corpus.targets.clone(),
            prior,
            prior_scale: max_emp as f32,
            soc_id: soc_ids(&corpus.targets),
            hierarchy,
            head_shares,
            facts,
            entry_texts,
            lut_query: crate::search::make_lut(params.query_cover),
            lut_entry: crate::search::make_lut(params.entry_cover),
            params,
        }
    }

    /// The targets, by the index the results refer to.
    pub fn targets(&self) -> &[Target] {
        &self.targets
    }

    pub fn normalizer(&self) -> &Normalizer {
        &self.normalizer
    }

    pub fn params(&self) -> &Params {
        &self.params
    }

    /// Replaces the query-time weights (kind weights also shaped the build: which of two
    /// identical texts was kept, and the descriptive-text weights).
    pub fn set_params(&mut self, params: Params) {
        self.lut_query = crate::search::make_lut(params.query_cover);
        self.lut_entry = crate::search::make_lut(params.entry_cover);
        self.params = params;
    }

    /// Number of title-like entries per domain (occupations, programs) and vocabulary size.
    pub fn stats(&self) -> IndexStats {
        IndexStats {
            occupation_entries: self.spaces[0].n_entries,
            program_entries: self.spaces[1].n_entries,
            words: self.words.len(),
            targets: self.targets.len(),
            approx_bytes: self.approx_bytes(),
        }
    }

    fn approx_bytes(&self) -> usize {
        let space = |s: &Space| {
            4 * (s.e_off.len()
                + s.e_tok.len()
                + s.e_target.len()
                + s.e_norm.len()
                + s.e_head.len()
                + s.e_text.len()
                + s.p_off.len()
                + s.p_ent.len()
                + s.idf.len()
                + s.head_count.len()
                + [&s.long, &s.profile]
                    .iter()
                    .map(|b| b.off.len() + b.target.len() + b.w.len() + b.max.len())
                    .sum::<usize>())
                + s.e_kind.len()
                + s.p_meta.len() * std::mem::size_of::<EntryMeta>()
        };
        let words: usize = self.words.iter().map(|w| w.len() * 2 + 40).sum();
        let tri: usize = self.trigrams.map.values().map(|v| v.len() * 4 + 40).sum();
        let texts: usize = self.entry_texts.iter().map(|t| t.len() + 24).sum();
        let targets: usize = self.targets.iter().map(|t| t.title.len() + t.code.len() + 160).sum();
        let heads: usize = self.head_shares.iter().map(|h| h.bytes()).sum();
        space(&self.spaces[0])
            + space(&self.spaces[1])
            + words
            + tri
            + texts
            + targets
            + heads
            + self.facts.bytes()
    }
}

pub(crate) const NO_SOC: u32 = u32::MAX;

fn soc_ids(targets: &[Target]) -> Vec<u32> {
    let mut ids: AHashMap<&str, u32> = AHashMap::new();
    targets
        .iter()
        .map(|t| match t.soc.as_deref() {
            Some(soc) => {
                let next = ids.len() as u32;
                *ids.entry(soc).or_insert(next)
            }
            None => NO_SOC,
        })
        .collect()
}

/// Sizes of a built index.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct IndexStats {
    pub occupation_entries: usize,
    pub program_entries: usize,
    pub words: usize,
    pub targets: usize,
    /// Heap bytes held by the index, estimated from its arrays.
    pub approx_bytes: usize,
}

/// "HVAC Engineer (Heating, Ventilation and Air Conditioning Engineer)" → both halves.
fn split_parenthetical(text: &str) -> Option<(&str, &str)> {
    let t = text.trim_end();
    if !t.ends_with(')') {
        return None;
    }
    let open = t.rfind('(')?;
    let outer = t[..open].trim();
    let inner = t[open + 1..t.len() - 1].trim();
    if outer.is_empty() || inner.is_empty() || inner.contains('(') {
        return None;
    }
    Some((outer, inner))
}

fn build_space(
    mut items: Vec<Prepared>,
    n_words: usize,
    n_targets: usize,
    params: &Params,
) -> Space {
    let (titles, long): (Vec<Prepared>, Vec<Prepared>) =
        items.drain(..).partition(|p| !p.kind.is_descriptive());
    let n = titles.len();
    let mut df = vec![0u32; n_words];
    for p in &titles {
        for &t in &p.tokens {
            df[t as usize] += 1;
        }
    }
    let idf: Vec<f32> =
        df.iter().map(|&d| if d == 0 { 0.0 } else { (1.0 + n as f32 / d as f32).ln() }).collect();
    let max_idf = idf.iter().copied().fold(0.0f32, f32::max);

    let mut s = Space { idf, max_idf, n_entries: n, ..Space::default() };
    s.e_off.reserve(n + 1);
    s.e_off.push(0);
    for p in &titles {
        s.e_tok.extend_from_slice(&p.tokens);
        s.e_off.push(s.e_tok.len() as u32);
        s.e_target.push(p.target);
        s.e_kind.push(p.kind);
        let norm: f32 = p.tokens.iter().map(|&t| s.idf[t as usize].powi(2)).sum::<f32>().sqrt();
        let norm = norm.max(1e-6);
        s.e_norm.push(norm);
        s.e_head.push(p.head);
        s.e_text.push(p.text);
    }
    // CSR postings.
    s.p_off = vec![0u32; n_words + 1];
    for (t, &d) in df.iter().enumerate() {
        s.p_off[t + 1] = s.p_off[t] + d;
    }
    s.p_ent = vec![0u32; s.p_off[n_words] as usize];
    let mut fill = s.p_off.clone();
    for (e, p) in titles.iter().enumerate() {
        for &t in &p.tokens {
            s.p_ent[fill[t as usize] as usize] = e as u32;
            fill[t as usize] += 1;
        }
    }
    s.p_meta = Vec::with_capacity(s.p_ent.len());
    for t in 0..n_words {
        let range = s.p_off[t] as usize..s.p_off[t + 1] as usize;
        // The same f32 operations a query computes (see `search::EntryScoring::score_last`).
        let dot = s.idf[t] * s.idf[t];
        for &e in &s.p_ent[range] {
            let p = &titles[e as usize];
            let norm = s.e_norm[e as usize];
            let norm2 = norm * norm;
            let r = dot / norm2;
            let slot = crate::search::cover_slot(r) as u16;
            let solo = if r >= 0.999 { slot | SOLO_EXACT } else { slot };
            let (target, head, kind) = (p.target, p.head, p.kind);
            s.p_meta.push(EntryMeta { norm2, target, head, kind, solo, list: 0 });
        }
    }

    s.long = Bag::build(
        long.iter().map(|p| (p.target, params.kind_weight(p.kind), p.tokens.as_slice())),
        n_words,
        n_targets,
        1.2,
        0.75,
    );
    s.profile = Bag::build(
        titles.iter().map(|p| (p.target, 1.0, p.tokens.as_slice())),
        n_words,
        n_targets,
        1.2,
        0.5,
    );
    s.head_count = vec![0u32; n_words];
    for p in &titles {
        s.head_count[p.head as usize] += 1;
    }
    s
}

pub(crate) fn trigram_codes(word: &str, mut f: impl FnMut(u32)) {
    let b = word.as_bytes();
    let padded_len = b.len() + 2;
    let at = |i: usize| -> u32 {
        if i == 0 || i == padded_len - 1 { b'$' as u32 } else { b[i - 1] as u32 }
    };
    if padded_len < 3 {
        return;
    }
    for i in 0..padded_len - 2 {
        f((at(i) << 16) | (at(i + 1) << 8) | at(i + 2));
    }
}

fn build_trigrams(words: &[Box<str>]) -> Trigrams {
    let mut map: AHashMap<u32, Vec<u32>> = AHashMap::new();
    let mut count = vec![0u16; words.len()];
    for (id, w) in words.iter().enumerate() {
        if w.len() < 4 || !w.is_ascii() {
            continue;
        }
        let mut seen: Vec<u32> = Vec::with_capacity(w.len());
        trigram_codes(w, |c| seen.push(c));
        seen.sort_unstable();
        seen.dedup();
        count[id] = seen.len() as u16;
        for c in seen {
            map.entry(c).or_default().push(id as u32);
        }
    }
    Trigrams { map, count }
}
