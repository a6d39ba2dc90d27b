//! Prognostic interactions between markers.
//!
//! **The default method** ([`search`]: [`ConfirmedSearch`], [`confirmed_interactions`])
//! asks whether two markers interact *in the outcomes*, in two steps over cross-fitted
//! folds (two halves, a network trained on each):
//!
//! 1. *Screen where the network trained*: in the network ([`screen`]), every pair's
//!    Friedman `H^2` from the double difference `f(x) - f(x with a from r) - f(x with b from
//!    r) + f(x with a and b from r)` with `r` a real patient of the same entity (zero for a
//!    network additive in the pair); and on the training patients' outcomes ([`score`]),
//!    every pair's score statistic of its product given an additive Cox model, for the
//!    pairs a network stopped early did not learn. Neither reads a test patient's outcome.
//! 2. *Confirm on outcomes* ([`confirm`]): each kept pair is tested on the fold whose
//!    outcomes its network and screens never saw, in a Cox model stratified by entity with
//!    the network's risk (without its own coupling of the pair) as an offset, both markers'
//!    flexible main effects and their product (likelihood-ratio test of the product,
//!    one-sided in the direction of the fold's outcome screen); each fold alone,
//!    Benjamini-Hochberg within each fold at `fdr / K` weighted by the outcome screen's
//!    rank, a pair declared when a fold declares it. A declared pair comes with the product's hazard ratio, its 95%
//!    interval and its q-value.
//!
//! The calibration of the declarations (pairs declared on additive cohorts, power against
//! an oracle test on planted ones) is measured by `survlens calibrate-interactions` and
//! recorded in the repository's documentation (`docs/interactions.md`).
//!
//! **Network couplings, not tested against outcomes** ([`couplings`]): the relevance
//! change ([`model_interactions`]) and the relevance split ([`statistical_interactions`])
//! describe how the network's attribution to one marker depends on another. A dense
//! network couples almost every pair a little, and correlated markers make relevances
//! depend on each other's values, so both flag many pairs on cohorts without any
//! interaction; they are kept to show how the network uses its inputs, never as findings
//! about the disease.
//!
//! Shared tools: [`benjamini_hochberg`], [`mann_whitney_u`], [`stratified_sample`],
//! [`median_reference`].

pub mod confirm;
pub mod couplings;
pub mod score;
pub mod screen;
pub mod search;
pub mod shared;

pub use confirm::{
    MIN_CELL_EVENTS, MarkerScale, OutcomeData, PairTest, TestSample, cell_events, normal_quantile,
    test_pair, test_pair_given,
};
pub use couplings::*;
pub use score::{ScoreScreen, ScoredPair, score_pairs};
pub use screen::{
    DEFAULT_SCREEN_PATIENTS, DEFAULT_SCREEN_SEED, NetworkInteraction, PairScreen, SCREEN_CHUNK,
    ScreenData, ScreenResult, ScreenSettings, ScreenedPair, screen_pairs,
};
pub use search::{
    ConfirmedInteractions, ConfirmedPair, ConfirmedSearch, DEFAULT_KEEP_BY_NETWORK,
    DEFAULT_KEEP_BY_OUTCOME, DEFAULT_SEARCH_FDR, FoldPlan, KEPT_SCREENED_PAIRS, SearchCohort,
    SearchProgress, SearchSettings, SearchTask, TEST_BATCH, confirmed_interactions, not_awaited,
    one_sided, outcome_rank_weight, weighted_benjamini_hochberg,
};
pub use shared::{
    FoldProgress, FoldScreenTask, FoldScreened, FoldScreening, Outcomes, PairTestTask, PairsTested,
    PlannedTest, TestGround,
};
