//! The ranking's tunable weights. The defaults were chosen with the evaluation harness
//! (`cargo run --release -p trellis-matching --example evaluate`) on the development split;
//! docs/MATCHING.md records the figures.

use crate::model::EntryKind;

/// Weights of the ranking and the calibration of its scores.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// How much a hit on each kind of entry counts, by `EntryKind` order.
    pub kind_weights: [f32; 10],
    /// Exponent on the share of the query's weight an entry covers.
    pub query_cover: f32,
    /// Exponent on the share of the entry's weight the query covers.
    pub entry_cover: f32,
    /// Bonus factor when the entry's head word (its last word) is the query's head word.
    pub head_bonus: f32,
    /// How much the second-best entry of a target adds to its best.
    pub second_weight: f32,
    /// Weight of the descriptive-text score (descriptions, tasks, definitions).
    pub long_weight: f32,
    /// Weight of the employment prior.
    pub prior_weight: f32,
    /// Smallest trigram similarity for an unknown word to stand for a known one.
    pub fuzzy_min: f32,
    /// Postings scanned in full before common words only re-score the candidates found.
    pub budget: usize,
    /// Logistic calibration of `(top score, margin to the second)` into a 0..1 confidence.
    pub calibration: [f32; 3],
    /// Below this confidence the matcher abstains.
    pub abstain_below: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            kind_weights: [1.0, 1.0, 0.97, 0.97, 1.0, 1.0, 0.95, 1.0, 0.6, 0.8],
            query_cover: 0.65,
            entry_cover: 0.35,
            head_bonus: 0.15,
            second_weight: 0.1,
            long_weight: 0.2,
            prior_weight: 0.06,
            fuzzy_min: 0.55,
            budget: 4000,
            calibration: [6.0, 6.0, -4.0],
            abstain_below: 0.3,
        }
    }
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
