//! Coding free text to the framework: job titles and postings to O*NET-SOC / SOC 2018
//! occupations, program and course names to CIP 2020 programs, and from there to clusters
//! and sub-clusters.
//!
//! The core is independent of the database. A [`Corpus`] lists [`Target`]s (occupations or
//! programs, with their employment and cluster) and [`Entry`]s (titles, alternate, short and
//! reported titles, SOC and CIP titles, CIP examples, descriptions, tasks, definitions).
//! [`Matcher::build`] turns it into an in-memory index in well under a second:
//!
//! * [`normalize`]: the text rules real postings need — case, punctuation, accents,
//!   abbreviations (`Sr`, `Mgr`, `RN`, `CDL`, `HVAC`, … plus those the corpus itself spells
//!   out, see [`abbrev`]), seniority and level, shift, location, pay and bonus noise, gendered
//!   forms, plurals, common misspellings.
//! * [`Matcher`]: interned tokens, an inverted index over title-like entries scored by
//!   idf-weighted coverage of query and entry with a head-word bonus, a BM25 bag of words over
//!   descriptions and tasks per target, trigram matching of misspelled words, prefix
//!   completion of the word being typed, and the employment prior; for occupations a
//!   learned linear re-ranker ([`rerank`]) re-orders the best 32 candidates and boosted
//!   trees ([`boost`]) re-score its best eight; scores are
//!   calibrated into a 0..1 confidence, and [`Matcher::code`] abstains below
//!   [`Params::abstain_below`].
//! * [`corpus`]: loads the corpus from the Trellis database and provides the
//!   [`corpus::MatchIndexStep`] that `trellis data import` runs.
//! * [`batch`]: reads plain lists, CSV/TSV and JSONL robustly (a status per bad row) and
//!   codes them in parallel, in input order.
//! * [`skills`]: finds technology, skill and knowledge mentions in posting text;
//!   [`postings`] counts a file of postings by cluster, sub-cluster, occupation and skill.
//!
//! The evaluation harness and benchmark is the `evaluate` example (docs/MATCHING.md).
//!
//! ```
//! use trellis_matching::{Corpus, Domain, EntryKind, Matcher, Target};
//!
//! let mut corpus = Corpus::new();
//! corpus.add_target(Target {
//!     code: "51-4041.00".into(),
//!     domain: Domain::Occupation,
//!     title: "Machinists".into(),
//!     soc: Some("51-4041".into()),
//!     employment: Some(380_000.0),
//!     cluster: None,
//!     sub_cluster: None,
//! });
//! corpus.add_entry(Domain::Occupation, "51-4041.00", EntryKind::AltTitle, "CNC Machinist");
//! let matcher = Matcher::build(&corpus);
//! let hits = matcher.search("Sr. CNC Machinist - 2nd Shift", Domain::Occupation, 3);
//! assert_eq!(hits[0].soc.as_deref(), Some("51-4041"));
//! assert!(hits[0].exact);
//! ```
pub mod abbrev;
pub mod batch;
pub mod boost;
pub mod corpus;
pub mod employment;
mod hierarchy;
mod index;
mod model;
pub mod normalize;
mod params;
pub mod postings;
pub mod rerank;
mod roles;
mod search;
pub mod skills;
mod ties;

pub use index::{IndexStats, Matcher};
pub use model::{Corpus, Domain, Entry, EntryKind, Target};
pub use params::Params;
pub use search::{Candidate, Coded};
