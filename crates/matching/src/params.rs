//! The ranking's tunable weights. The defaults were chosen with the evaluation harness
//! (`cargo run --release -p trellis-matching --example evaluate`) on the development split;
//! docs/MATCHING.md records the figures.

use crate::model::EntryKind;
use crate::rerank::Features;

/// Weights of the ranking and the calibration of its scores.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// How much a hit on each kind of entry counts, by `EntryKind` order.
    pub kind_weights: [f32; 10],
    /// Exponent on the share of the query's weight an entry covers.
    pub query_cover: f32,
    /// Exponent on the share of the entry's weight the query covers.
    pub entry_cover: f32,
    /// Added to an entry whose words are exactly the query's: a title O*NET lists wins.
    pub exact_bonus: f32,
    /// Bonus factor when the entry's head word (its last word) is the query's head word.
    pub head_bonus: f32,
    /// Factor for entries with another head word, when the query's head is a role noun.
    pub head_miss: f32,
    /// Entries a word must head to count as a role noun.
    pub role_min_heads: u32,
    /// Weight of the target's title profile (all its titles as one bag of words).
    pub profile_weight: f32,
    /// How much the second-best entry of a target adds to its best.
    pub second_weight: f32,
    /// Weight of the descriptive-text score (descriptions, tasks, definitions).
    pub long_weight: f32,
    /// Weight of the employment prior.
    pub prior_weight: f32,
    /// Weight of the share of the candidates' score mass held by a candidate's SOC major
    /// group (see `hierarchy`).
    pub major_weight: f32,
    /// Power applied to candidate scores (relative to the best) before summing them per
    /// group: higher means only strong candidates lend support.
    pub group_sharpness: f32,
    /// How many of the best candidates the group evidence is computed over.
    pub group_pool: usize,
    /// Weight of the share of all titles ending in the query's head word that are the
    /// target's.
    pub head_prior_weight: f32,
    /// Titles added to a head word's count before taking shares (rare heads say little).
    pub head_prior_smoothing: f32,
    /// A target whose titles end in the query's head word at least this often is a role
    /// occupation for it (supervisors, helpers) and scores at least `role_weight` × the best
    /// other candidate of its major group (see `roles`).
    pub role_share_min: f32,
    pub role_weight: f32,
    /// Smallest trigram similarity for an unknown word to stand for a known one.
    pub fuzzy_min: f32,
    /// Postings scanned in full before common words only re-score the candidates found.
    pub budget: usize,
    /// Coefficients of the learned re-ranker over the best candidates' features
    /// ([`crate::rerank::FEATURE_NAMES`]); `None` keeps the hand-tuned score's order.
    pub rerank: Option<Features>,
    /// Boosted trees added to the linear re-ranker's score of the best candidates
    /// ([`crate::boost`]); `None` keeps the linear score.
    pub rerank_trees: Option<std::sync::Arc<crate::boost::Trees>>,
    /// The answer maximizes the re-ranker's probability plus this weight times the
    /// probability of its SOC major group (see `rerank::group_vote`); 0 keeps the model's best.
    pub rerank_group: f32,
    /// Weight of ln(employment) among the candidates that match the query exactly by a title
    /// several occupations list (see `ties`); 0 leaves such ties to the ranking.
    pub exact_ties_by_employment: f32,
    /// Logistic calibration of `(top score, margin to the second)` into a 0..1 confidence.
    pub calibration: [f32; 3],
    /// Below this confidence the matcher abstains.
    pub abstain_below: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            kind_weights: [1.0, 1.0, 0.97, 0.97, 1.0, 1.0, 0.95, 1.0, 0.6, 0.8],
            query_cover: 0.244,
            entry_cover: 0.131,
            head_bonus: 0.176,
            head_miss: 0.94,
            exact_bonus: 0.5,
            role_min_heads: 20,
            profile_weight: 0.96,
            second_weight: 0.2,
            long_weight: 0.0375,
            prior_weight: 0.072,
            major_weight: 0.15,
            group_sharpness: 1.0,
            group_pool: 32,
            head_prior_weight: 0.4,
            head_prior_smoothing: 3.0,
            role_share_min: 0.3,
            role_weight: 1.1,
            fuzzy_min: 0.5,
            budget: 2000,
            // Fitted by `evaluate -- --split dev --quick --fit-rerank` (docs/MATCHING.md):
            // coefficients in the order of `rerank::FEATURE_NAMES`.
            rerank: Some([
                1.8605, -2.8611, 1.2375, 0.3714, 0.3308, 4.2792, -0.3017, 3.7662, 1.4276, 0.1022,
                0.3292, 1.8291, 1.0262, 1.3262, 0.5277, -0.0196, 0.0000, -1.5653, -0.3113, -0.9071,
                -1.4127, 0.0000, 0.0000, 2.1260, -0.6425, 0.6525, 0.3587, -0.3091, 1.5689, -2.2726,
                -0.1666, 0.7091,
            ]),
            rerank_trees: default_trees(),
            rerank_group: 0.25,
            exact_ties_by_employment: 1.0,
            calibration: [0.272, 0.402, -3.278],
            abstain_below: 0.2,
        }
    }
}

/// The trees grown over the coefficients above (`evaluate -- --fit-rerank --keep-linear
/// --trees-out FILE`), parsed once per process.
fn default_trees() -> Option<std::sync::Arc<crate::boost::Trees>> {
    static TREES: std::sync::OnceLock<std::sync::Arc<crate::boost::Trees>> =
        std::sync::OnceLock::new();
    let trees = TREES.get_or_init(|| {
        let text = include_str!("rerank_trees.txt");
        std::sync::Arc::new(crate::boost::Trees::parse(text).expect("the re-ranker's trees parse"))
    });
    Some(trees.clone())
}

impl Params {
    pub fn kind_weight(&self, kind: EntryKind) -> f32 {
        self.kind_weights[kind as usize]
    }

    /// The calibrated confidence of a top score with the given margin over the runner-up.
    pub fn confidence(&self, top: f32, margin: f32) -> f32 {
        let [a, b, c] = self.calibration;
        1.0 / (1.0 + (-(a * top + b * margin + c)).exp())
    }
}
