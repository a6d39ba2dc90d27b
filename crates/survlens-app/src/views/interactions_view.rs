//! The interactions view: which pairs of markers interact in the patients' outcomes, by
//! the default method (see [`survlens_xai::interactions::search`]: pairs screened in
//! cross-fitted networks, confirmed on held-out outcomes, false discoveries controlled),
//! and, selectable beside it, two descriptions of how the network couples its markers
//! (network couplings, not tested against outcomes).
//!
//! The search is the heavy part, so it runs in the worker as [`InteractionSearch`], one
//! step at a time (a training epoch of a cross-fitted network, a chunk of the network
//! screen, a few outcome tests, one moved marker of the coupling description) so the worker
//! can report progress and react to a cancel between steps ([`find_interactions`] runs it
//! in one go); its result travels to the page beside the session it was found in. The builders here only
//! arrange it: [`ConfirmedTable`] (the tested pairs with hazard ratio, interval and
//! q-value), [`InteractionTable`] and [`InteractionMatrix`] (the couplings), [`PairPlot`]
//! (one marker's relevance against the other's value) and [`PairSurvival`] (Kaplan-Meier
//! curves of the four groups of a pair).

use serde::{Deserialize, Serialize};
use survlens_data::encode::{Feature, FeatureRole};
use survlens_model::CoxNet;
use survlens_model::train::TrainConfig;
use survlens_xai::interactions::{
    ConfirmedPair, ConfirmedSearch, DEFAULT_KEEP_BY_NETWORK, DEFAULT_KEEP_BY_OUTCOME,
    DEFAULT_MODEL_CANDIDATES, DEFAULT_SAMPLE_PATIENTS, DEFAULT_SCREEN_PATIENTS,
    DEFAULT_SCREEN_SEED, DEFAULT_SEARCH_FDR, FoldScreened, Interactions, ModelInteractionSearch,
    ModelSearchSettings, PairsTested, ScreenSettings, SearchProgress, SearchSettings, SearchTask,
    not_awaited, stratified_sample,
};
/// The pairs of the coupling descriptions are the explainer's own, and stand out at its
/// default false discovery rate.
pub use survlens_xai::interactions::{DEFAULT_FDR, InteractionPair};
use survlens_xai::{
    CohortRelevance, Composite, Grouping, InteractionMethod, Lrp, XaiError,
    statistical_interactions,
};

use crate::analysis::crossfit::{
    CrossFitData, CrossFitTraining, DEFAULT_CROSS_FIT_FOLDS, NetworkTask, SEARCH_INPUT_DROPOUT,
    entity_marker, marker_scales, missing_indicators, networks_elsewhere,
};
use survlens_data::Describe;

use crate::core::error::{ComputeError, Failure};
use crate::core::format::{count_in, progress_in};
use crate::core::i18n::{Arg, Lang};
use crate::core::session::{ENCODE_CHUNK, Session, level_in};
use crate::core::stats::ColumnSelection;
use crate::views::cohort_view::{CohortViewError, SurvivalGroups};

/// A piece of the interaction search another worker can run whole
/// ([`InteractionSearch::take_tasks`]).
#[derive(Clone, Debug, PartialEq)]
pub enum SearchPiece {
    /// A cross-fitted network to train.
    Network(Box<NetworkTask>),
    /// A fold to screen or a batch of pairs to test.
    Search(SearchTask),
}

/// Markers considered by the relevance-split description: the `K` most important, `K (K -
/// 1)` ordered pairs.
pub const INTERACTION_TOP_K: usize = 20;

/// Markers the relevance-change description moves (each against every other marker),
/// screened as [`ModelInteractionSearch`] documents.
pub const MODEL_CANDIDATES: usize = DEFAULT_MODEL_CANDIDATES;

/// Markers whose pairs the page's default search screens: the ones with the largest total
/// interaction in each cross-fitted network (every pair natively, where time allows).
pub const PAGE_CANDIDATES: usize = 60;

/// Most patients the page's default search reads: a larger cohort is searched in a sample
/// of this many, stratified by entity (the default cohort, 15,726 patients, entirely).
pub const SEARCH_MAX_PATIENTS: usize = 20_000;

/// Fewest patients, and fewest deaths, for the default search: below them the two halves
/// cannot train a network and test a product.
pub const SEARCH_MIN_PATIENTS: usize = 200;

/// Fewest deaths for the default search.
pub const SEARCH_MIN_EVENTS: usize = 50;

/// Seed of the cross-fitting folds of the page's search.
pub const SEARCH_FOLD_SEED: u64 = 7;

/// Cohorts at least this large train the search's networks with the default model's
/// setting; smaller ones with the page's small-cohort setting.
pub const LARGE_COHORT: usize = 5_000;

/// How a list of interactions was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Method {
    /// The default: pairs screened in cross-fitted networks, confirmed on held-out outcomes
    /// (Cox likelihood-ratio test of the product, one-sided in the direction the training
    /// outcomes pointed), Benjamini-Hochberg over the tested pairs weighted by their rank in
    /// the outcome screen.
    Confirmed,
    /// Network coupling: the change of `a`'s relevance when `b` is set to a reference value.
    ModelBased,
    /// Network coupling: Mann-Whitney U of `a`'s relevance between `b` high and `b` low.
    Statistical,
}

/// The caption of both network-coupling descriptions, in `lang`.
pub fn coupling_caption(lang: Lang) -> String {
    lang.t("vm-interactions-coupling-caption")
}

/// A number as Rust writes it (`0.025`), with the language's decimal mark.
fn plain_number(x: f64, lang: Lang) -> String {
    lang.number_text(&x.to_string())
}

/// A count with the language's grouping in both languages (`15,726`, `15.726`).
fn grouped(lang: Lang, n: usize) -> String {
    lang.integer(i64::try_from(n).unwrap_or(i64::MAX))
}

/// The name of marker `j` in `lang`, or "marker j" for an index outside the session.
fn marker_name(session: &Session, j: usize, lang: Lang) -> String {
    session.markers.get(j).map_or_else(
        || {
            lang.t_with(
                "vm-interactions-marker",
                &[("index", Arg::Text(&j.to_string()))],
            )
        },
        |m| m.name_in(lang).to_owned(),
    )
}

/// The name of a planted interaction of a synthetic cohort in `lang`, from its English name
/// (the generator's); a name the catalogue does not hold is kept as it is.
pub fn planted_name(name: &str, lang: Lang) -> String {
    let key = match name {
        "EGFR mutation x EGFR tyrosine kinase inhibitor" => "vm-interactions-planted-egfr-tki",
        "ALK fusion x ALK inhibitor" => "vm-interactions-planted-alk",
        "BRAF mutation x BRAF/MEK inhibitor" => "vm-interactions-planted-braf-mek",
        "ERBB2 alteration x HER2-targeted therapy" => "vm-interactions-planted-erbb2",
        "BRCA2 mutation x PARP inhibitor" => "vm-interactions-planted-brca2",
        "KRAS mutation x anti-EGFR antibody" => "vm-interactions-planted-kras",
        "Anti-PD-1 x CRP" => "vm-interactions-planted-pd1-crp",
        "Anti-PD-1 x high tumour mutational burden" => "vm-interactions-planted-pd1-tmb",
        "Anti-PD-1 x microsatellite instability" => "vm-interactions-planted-pd1-msi",
        "Anti-PD-1 x corticosteroids" => "vm-interactions-planted-pd1-steroids",
        "Platinum chemotherapy x ECOG >= 2" => "vm-interactions-planted-platinum-ecog",
        "BRAF mutation x BRAF/MEK-targeted therapy" => "vm-interactions-planted-braf-targeted",
        "Immune checkpoint inhibitor x CRP" => "vm-interactions-planted-immunotherapy-crp",
        _ => return name.to_owned(),
    };
    lang.t(key)
}

impl Method {
    /// Every method, in the order of the page's selector (the default first).
    pub const ALL: [Method; 3] = [Method::Confirmed, Method::ModelBased, Method::Statistical];

    /// Name for the selector and the table; in English, also the selector's value in every
    /// language.
    pub fn label(self) -> String {
        self.label_in(Lang::En)
    }

    /// [`Method::label`] in `lang`.
    pub fn label_in(self, lang: Lang) -> String {
        lang.t(match self {
            Method::Confirmed => "vm-interactions-method-confirmed",
            Method::ModelBased => "vm-interactions-method-model",
            Method::Statistical => "vm-interactions-method-statistical",
        })
    }

    /// Whether the method describes the network rather than testing outcomes.
    pub fn is_coupling(self) -> bool {
        self != Method::Confirmed
    }

    /// What the effect column means, with its unit.
    pub fn effect_label(self) -> String {
        self.effect_label_in(Lang::En)
    }

    /// [`Method::effect_label`] in `lang`.
    pub fn effect_label_in(self, lang: Lang) -> String {
        lang.t(match self {
            Method::Confirmed => "vm-interactions-effect-confirmed",
            Method::ModelBased => "vm-interactions-effect-model",
            Method::Statistical => "vm-interactions-effect-statistical",
        })
    }

    /// How the method works and when a pair counts, in one or two sentences.
    pub fn explanation(self) -> String {
        self.explanation_in(Lang::En)
    }

    /// [`Method::explanation`] in `lang`.
    pub fn explanation_in(self, lang: Lang) -> String {
        let caption = coupling_caption(lang);
        let fdr = plain_number(DEFAULT_FDR, lang);
        match self {
            Method::Confirmed => lang.t_with(
                "vm-interactions-explain-confirmed",
                &[
                    ("folds", Arg::Text(&count_in(lang, DEFAULT_CROSS_FIT_FOLDS))),
                    (
                        "keep-network",
                        Arg::Text(&count_in(lang, DEFAULT_KEEP_BY_NETWORK)),
                    ),
                    (
                        "keep-outcome",
                        Arg::Text(&count_in(lang, DEFAULT_KEEP_BY_OUTCOME)),
                    ),
                    (
                        "half-fdr",
                        Arg::Text(&plain_number(
                            DEFAULT_SEARCH_FDR / DEFAULT_CROSS_FIT_FOLDS as f64,
                            lang,
                        )),
                    ),
                    ("fdr", Arg::Text(&plain_number(DEFAULT_SEARCH_FDR, lang))),
                ],
            ),
            Method::ModelBased => lang.t_with(
                "vm-interactions-explain-model",
                &[
                    ("caption", Arg::Text(&caption)),
                    (
                        "sample",
                        Arg::Text(&count_in(lang, DEFAULT_SAMPLE_PATIENTS)),
                    ),
                    ("fdr", Arg::Text(&fdr)),
                ],
            ),
            Method::Statistical => lang.t_with(
                "vm-interactions-explain-statistical",
                &[("caption", Arg::Text(&caption)), ("fdr", Arg::Text(&fdr))],
            ),
        }
    }
}

/// The ranked pairs of one method.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankedInteractions {
    /// The method.
    pub method: Method,
    /// The markers considered: model-based, the markers B moved (in screening order);
    /// statistical, the most important, most important first.
    pub candidates: Vec<usize>,
    /// Patients examined (model-based: the sample).
    pub patients: usize,
    /// Every examined pair, strongest first.
    pub pairs: Vec<InteractionPair>,
    /// Number of pairs that count as interactions.
    pub significant: usize,
}

impl RankedInteractions {
    fn from_xai(found: Interactions) -> Self {
        let method = match found.method {
            InteractionMethod::Statistical => Method::Statistical,
            _ => Method::ModelBased,
        };
        let pairs = found.pairs;
        Self {
            method,
            candidates: found.candidates,
            patients: found.patients,
            pairs,
            significant: found.significant,
        }
    }

    /// Whether either order of the pair `{x, y}` was examined.
    pub fn examined(&self, x: usize, y: usize) -> bool {
        self.rank_of_unordered(x, y).is_some()
    }

    /// 1-based rank of the better-ranked of the two orders `(x, y)` and `(y, x)`; `None`
    /// when neither was examined.
    pub fn rank_of_unordered(&self, x: usize, y: usize) -> Option<usize> {
        self.pairs
            .iter()
            .position(|p| (p.a == x && p.b == y) || (p.a == y && p.b == x))
            .map(|k| k + 1)
    }
}

/// What the default method found on a cohort.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConfirmedFindings {
    /// Every tested pair, by increasing combined p-value.
    pub pairs: Vec<ConfirmedPair>,
    /// Pairs declared (`q < fdr`).
    pub declared: usize,
    /// The false discovery rate.
    pub fdr: f64,
    /// Cross-fitted networks (halves).
    pub folds: usize,
    /// Markers whose pairs were screened (union over the networks).
    pub candidates: Vec<usize>,
    /// Pairs screened per network.
    pub screened_pairs: usize,
    /// Patients the search read (all, or a stratified sample of [`SEARCH_MAX_PATIENTS`]).
    pub patients: usize,
    /// Patients whose held-out outcomes tested the pairs.
    pub test_patients: usize,
}

/// The default method's result, or why it did not run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ConfirmedOutcome {
    /// It ran.
    Found(Box<ConfirmedFindings>),
    /// It could not run on this cohort, and why (no outcomes, too few deaths).
    NotRun(NotRun),
}

/// Why the default method did not run on a cohort.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[non_exhaustive]
pub enum NotRun {
    /// Only the network couplings were asked for.
    #[error("Only the network couplings were asked for.")]
    NotAsked,
    /// The cohort has no outcomes to confirm pairs on.
    #[error(
        "The cohort has no outcomes: interactions are confirmed on outcomes, so only the \
         network couplings are shown."
    )]
    NoOutcomes,
    /// Too few patients or events for two halves that each train a network and test the
    /// other's pairs.
    #[error(
        "{patients} patients with {events} events: the default method needs at least \
         {SEARCH_MIN_PATIENTS} patients and {SEARCH_MIN_EVENTS} events (two halves, each \
         training a network and testing the other's pairs)."
    )]
    TooSmall {
        /// The cohort's patients.
        patients: usize,
        /// Its events.
        events: usize,
    },
    /// A step of the method failed, with the library's error.
    #[error("{}: {failure}", .step.sentence_in(Lang::En))]
    Failed {
        /// The step.
        step: SearchStep,
        /// The library's error, as its code and sentence.
        failure: Failure,
    },
    /// The search was asked for its result before it finished.
    #[error("the search did not finish")]
    Unfinished,
}

impl NotRun {
    /// A stable machine-readable name of the reason; a failed step has its error's code.
    pub fn code(&self) -> &str {
        match self {
            Self::NotAsked => "not_asked",
            Self::NoOutcomes => "no_outcomes",
            Self::TooSmall { .. } => "too_small",
            Self::Failed { failure, .. } => &failure.code,
            Self::Unfinished => "unfinished",
        }
    }

    /// The reason as a sentence in `lang` (English: its `Display`); a failed step's library
    /// error keeps its own sentence.
    pub fn sentence_in(&self, lang: Lang) -> String {
        let n = |k: usize| count_in(lang, k);
        match self {
            Self::NotAsked => lang.t("vm-interactions-not-asked"),
            Self::NoOutcomes => lang.t("vm-interactions-no-outcomes"),
            Self::TooSmall { patients, events } => lang.t_with(
                "vm-interactions-too-small",
                &[
                    ("patients", Arg::Text(&n(*patients))),
                    ("events", Arg::Text(&n(*events))),
                    ("min-patients", Arg::Text(&n(SEARCH_MIN_PATIENTS))),
                    ("min-events", Arg::Text(&n(SEARCH_MIN_EVENTS))),
                ],
            ),
            Self::Failed { step, failure } => lang.t_with(
                "vm-interactions-failed",
                &[
                    ("step", Arg::Text(&step.sentence_in(lang))),
                    ("failure", Arg::Text(failure.message(lang))),
                ],
            ),
            Self::Unfinished => lang.t("vm-interactions-unfinished"),
        }
    }

    fn failed(step: SearchStep, code: &str, error: &impl Describe) -> Self {
        Self::Failed {
            step,
            failure: Failure::new(code, error),
        }
    }
}

/// A step of the default interaction method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SearchStep {
    /// Splitting the cohort into halves for cross-fitting.
    Split,
    /// Training a cross-fitted network.
    Training,
    /// Starting the search.
    Start,
    /// The search itself.
    Search,
}

impl SearchStep {
    /// What failed, as the start of a sentence in `lang`.
    pub fn sentence_in(self, lang: Lang) -> String {
        lang.t(match self {
            Self::Split => "vm-interactions-step-split",
            Self::Training => "vm-interactions-step-training",
            Self::Start => "vm-interactions-step-start",
            Self::Search => "vm-interactions-step-search",
        })
    }
}

/// The findings of every method on a cohort, computed once in the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortInteractions {
    /// Markers considered by the relevance-split description (`min(K, markers)`).
    pub top_k: usize,
    /// The default method.
    pub confirmed: ConfirmedOutcome,
    /// Network coupling: relevance change.
    pub model: RankedInteractions,
    /// Network coupling: relevance split.
    pub statistical: RankedInteractions,
}

impl CohortInteractions {
    /// The ranked pairs of a coupling description; `None` for the default method, whose
    /// findings are [`CohortInteractions::confirmed`].
    pub fn of(&self, method: Method) -> Option<&RankedInteractions> {
        match method {
            Method::Confirmed => None,
            Method::ModelBased => Some(&self.model),
            Method::Statistical => Some(&self.statistical),
        }
    }

    /// The default method's findings, when it ran.
    pub fn confirmed(&self) -> Option<&ConfirmedFindings> {
        match &self.confirmed {
            ConfirmedOutcome::Found(f) => Some(f),
            ConfirmedOutcome::NotRun(_) => None,
        }
    }
}

/// The training setting of the page's cross-fitted networks for a cohort of `patients`:
/// the default model's (width 256, learning rate 3e-4, batch 256) from [`LARGE_COHORT`]
/// patients up, the page's small-cohort setting below; no input dropout
/// ([`SEARCH_INPUT_DROPOUT`]).
pub fn search_training_for(patients: usize) -> TrainConfig {
    let base = if patients >= LARGE_COHORT {
        crate::sources::default_model::DefaultModelSpec::default().training
    } else {
        crate::sources::spec::JobSpec::small_cohort_training()
    };
    TrainConfig {
        input_dropout: SEARCH_INPUT_DROPOUT,
        ..base
    }
}

/// Where the default method is.
enum ConfirmedStage {
    /// Training the cross-fitted networks.
    Training(Box<CrossFitTraining>),
    /// Screening and testing.
    Searching(Box<ConfirmedSearch>),
    /// Done (or not run).
    Done(ConfirmedOutcome),
}

/// The interaction search of an explained cohort, resumable: [`InteractionSearch::new`]
/// prepares both; each [`InteractionSearch::step`] trains a few mini-batches of a cross-fitted
/// network, runs a step of the default search or moves one marker of the relevance-change
/// description; [`InteractionSearch::finish`] runs what is left and the relevance-split
/// description.
///
/// Default method: the session's cohort (a stratified sample of [`SEARCH_MAX_PATIENTS`]
/// when larger), the encoder's inputs, [`DEFAULT_CROSS_FIT_FOLDS`] networks of
/// [`search_training_for`] on cross-fitted halves, pairs among [`PAGE_CANDIDATES`] markers
/// ([`SearchSettings`] otherwise at their defaults). It needs outcomes, at least
/// [`SEARCH_MIN_PATIENTS`] patients and [`SEARCH_MIN_EVENTS`] deaths.
///
/// Relevance change: the session's network and the study's LRP rule, the encoder's input-
/// to-marker map, as reference each encoded input's lower cohort median (as
/// [`survlens_xai::interactions::median_reference`]: an observed value, the more frequent
/// one of a 0/1 input) except that a categorical marker (and the entity) takes the one-hot
/// vector of its most frequent level, so the reference patient always has exactly one
/// level; a sample of at most [`DEFAULT_SAMPLE_PATIENTS`] patients stratified by entity;
/// [`MODEL_CANDIDATES`] markers moved, each against every other marker. Relevance split: the session's
/// relevances and raw values (categorical markers as level index) over the whole cohort,
/// the [`INTERACTION_TOP_K`] most important markers. Both flag a pair at FDR
/// [`DEFAULT_FDR`].
pub struct InteractionSearch {
    /// The default method's cohort (`None` when it does not run).
    data: Option<Box<CrossFitData>>,
    confirmed: ConfirmedStage,
    /// Steps the default method needs, estimated (for the progress fraction).
    model: ModelInteractionSearch,
}

impl InteractionSearch {
    /// Prepares the search of `session`. The inputs it needs are encoded from the
    /// session's raw values with its encoder, as the job explained them: the reference
    /// patient streamed over the cohort in chunks, and each method's sample of patients;
    /// the cohort is never held encoded whole.
    ///
    /// # Errors
    /// [`ComputeError`] when the encoder refuses the values, the encoder's marker map and
    /// the session disagree in shape, or the cohort is empty.
    pub fn new(session: &Session) -> Result<Self, ComputeError> {
        Self::prepare(session, true)
    }

    /// The network-coupling descriptions alone (the default method is reported as not
    /// asked for).
    ///
    /// # Errors
    /// As [`InteractionSearch::new`].
    pub fn couplings_only(session: &Session) -> Result<Self, ComputeError> {
        Self::prepare(session, false)
    }

    fn prepare(session: &Session, confirm: bool) -> Result<Self, ComputeError> {
        let mut preparation = SearchPreparation::new(session, confirm)?;
        loop {
            match preparation.step(session)? {
                PreparationStep::Preparing(next) => preparation = next,
                PreparationStep::Ready(search) => return Ok(*search),
            }
        }
    }

    /// Steps in all, estimated: the coupling description's, and the default method's as a
    /// share of the progress bar (see [`InteractionSearch::fraction`]).
    pub fn n_steps(&self) -> usize {
        self.model.n_steps()
    }

    /// Steps done of the coupling description.
    pub fn steps_done(&self) -> usize {
        self.model.steps_done()
    }

    /// Fraction done, in `[0, 1]`: training the networks is the first 60%, the default
    /// search the next 30%, the coupling description the last 10% (their shares of the
    /// time on the default cohort, measured natively).
    pub fn fraction(&self) -> f64 {
        let confirmed = match &self.confirmed {
            ConfirmedStage::Training(t) => 0.6 * t.fraction(),
            ConfirmedStage::Searching(s) => 0.6 + 0.3 * s.fraction(),
            ConfirmedStage::Done(_) => 0.9,
        };
        (confirmed + 0.1 * self.model.fraction()).clamp(0.0, 1.0)
    }

    /// Whether every step is done ([`InteractionSearch::finish`] then only runs the
    /// relevance-split description).
    pub fn is_finished(&self) -> bool {
        matches!(self.confirmed, ConfirmedStage::Done(_)) && self.model.is_finished()
    }

    /// Hands up to `workers` pieces not started yet to other workers: cross-fitted networks
    /// while they train ([`CrossFitTraining::take_network_tasks`]), then folds to screen and
    /// batches of pair tests ([`ConfirmedSearch::take_tasks`]).
    pub fn take_tasks(&mut self, workers: usize) -> Vec<SearchPiece> {
        match (&mut self.confirmed, &self.data) {
            (ConfirmedStage::Training(networks), Some(data)) => networks
                .take_network_tasks(&data.view(), workers)
                .into_iter()
                .map(|t| SearchPiece::Network(Box::new(t)))
                .collect(),
            (ConfirmedStage::Searching(search), _) => search
                .take_tasks(workers)
                .into_iter()
                .map(SearchPiece::Search)
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Takes in cross-fitted network `fold`, trained by another worker.
    ///
    /// # Errors
    /// [`ComputeError`] for a network the search does not await or that does not fit.
    pub fn accept_network(&mut self, fold: usize, network: CoxNet) -> Result<(), ComputeError> {
        match &mut self.confirmed {
            ConfirmedStage::Training(networks) => networks.accept_network(fold, network),
            _ => Err(survlens_model::ModelError::shape(
                "cross-fitted network",
                survlens_model::ShapeProblem::NetworkNotAwaited,
            )
            .into()),
        }
    }

    /// Takes in a fold's screens, run by another worker.
    ///
    /// # Errors
    /// [`ComputeError`] for screens the search does not await or that do not fit the fold.
    pub fn accept_screen(&mut self, found: FoldScreened) -> Result<(), ComputeError> {
        match &mut self.confirmed {
            ConfirmedStage::Searching(search) => Ok(search.accept_screen(found)?),
            _ => Err(not_awaited(found.fold).into()),
        }
    }

    /// Takes in a batch of pair tests, run by another worker.
    ///
    /// # Errors
    /// [`ComputeError`] for tests the search does not await or that are not the batch's.
    pub fn accept_tests(&mut self, tested: PairsTested) -> Result<(), ComputeError> {
        match &mut self.confirmed {
            ConfirmedStage::Searching(search) => Ok(search.accept_tests(tested)?),
            _ => Err(not_awaited(tested.batch).into()),
        }
    }

    /// Takes back piece `key` from a worker that stopped: a cross-fitted network's fold
    /// while they train, a fold's screens or a batch of tests while the search runs
    /// ([`ConfirmedSearch::reclaim`]); it runs here.
    pub fn reclaim(&mut self, key: usize) {
        match &mut self.confirmed {
            ConfirmedStage::Training(networks) => networks.reclaim_network(key),
            ConfirmedStage::Searching(search) => search.reclaim(key),
            ConfirmedStage::Done(_) => {}
        }
    }

    /// Whether the cross-fitted networks are still being trained.
    pub fn training_networks(&self) -> bool {
        matches!(self.confirmed, ConfirmedStage::Training(_))
    }

    /// Whether the default search screens or tests.
    pub fn searching(&self) -> bool {
        matches!(self.confirmed, ConfirmedStage::Searching(_))
    }

    /// Whether the default method waits for pieces other workers run and has nothing to do
    /// here.
    fn confirmed_awaiting(&self) -> bool {
        match &self.confirmed {
            ConfirmedStage::Training(t) => t.awaiting_networks(),
            ConfirmedStage::Searching(s) => s.awaiting(),
            ConfirmedStage::Done(_) => false,
        }
    }

    /// Whether the search has nothing to do but wait for pieces other workers run (while it
    /// waits, it moves the coupling description on, until that is done too).
    pub fn awaiting_pool(&self) -> bool {
        self.confirmed_awaiting() && self.model.is_finished()
    }

    /// What the search is doing, for the progress line.
    pub fn stage(&self, lang: Lang) -> String {
        let count = |n: usize| Arg::Count(n as u64);
        if self.confirmed_awaiting() && !self.model.is_finished() {
            let elsewhere = match &self.confirmed {
                ConfirmedStage::Training(t) => {
                    networks_elsewhere(t.n_networks() - t.n_trained(), lang)
                }
                _ => self.parts_elsewhere(lang),
            };
            return format!("{} · {elsewhere}", self.couplings_stage(lang));
        }
        let line = match &self.confirmed {
            ConfirmedStage::Training(t) => return t.stage(lang),
            ConfirmedStage::Searching(s) => match s.progress() {
                SearchProgress::NetworkScreen {
                    fold: None,
                    step,
                    steps,
                } => lang.t_with(
                    "stage-interactions-network-screen",
                    &[("step", count(step)), ("steps", count(steps))],
                ),
                SearchProgress::NetworkScreen {
                    fold: Some((fold, folds)),
                    step,
                    steps,
                } => lang.t_with(
                    "stage-interactions-network-screen-fold",
                    &[
                        ("fold", count(fold)),
                        ("folds", count(folds)),
                        ("step", count(step)),
                        ("steps", count(steps)),
                    ],
                ),
                SearchProgress::OutcomeScreen { fold: None } => {
                    lang.t("stage-interactions-outcome-screen")
                }
                SearchProgress::OutcomeScreen {
                    fold: Some((fold, folds)),
                } => lang.t_with(
                    "stage-interactions-outcome-screen-fold",
                    &[("fold", count(fold)), ("folds", count(folds))],
                ),
                SearchProgress::Testing { pair, pairs } => lang.t_with(
                    "stage-interactions-testing",
                    &[("pair", count(pair)), ("pairs", count(pairs))],
                ),
                SearchProgress::Retesting { pair, pairs } => lang.t_with(
                    "stage-interactions-retesting",
                    &[("pair", count(pair)), ("pairs", count(pairs))],
                ),
                SearchProgress::Waiting => lang.t("stage-interactions-waiting"),
            },
            ConfirmedStage::Done(_) => return self.couplings_stage(lang),
        };
        match &self.confirmed {
            ConfirmedStage::Searching(s) if s.elsewhere() > 0 => {
                format!("{line} · {}", self.parts_elsewhere(lang))
            }
            _ => line,
        }
    }

    /// "one more part of the search runs in another worker".
    fn parts_elsewhere(&self, lang: Lang) -> String {
        let parts = match &self.confirmed {
            ConfirmedStage::Searching(s) => s.elsewhere(),
            _ => 0,
        };
        lang.t_with(
            "stage-search-elsewhere",
            &[("parts", Arg::Count(parts as u64))],
        )
    }

    /// "Interactions: network couplings, marker 3 of 50".
    fn couplings_stage(&self, lang: Lang) -> String {
        let count = |n: usize| Arg::Count(n as u64);
        lang.t_with(
            "stage-interactions-couplings",
            &[
                ("marker", count((self.steps_done() + 1).min(self.n_steps()))),
                ("markers", count(self.n_steps())),
            ],
        )
    }

    /// Runs the next step; returns whether steps remain. A failure of the default method
    /// (a network that cannot train) ends it with the reason, and the couplings go on.
    ///
    /// # Errors
    /// [`XaiError`] from the explainer.
    pub fn step(&mut self) -> Result<bool, XaiError> {
        let stage = std::mem::replace(
            &mut self.confirmed,
            ConfirmedStage::Done(ConfirmedOutcome::NotRun(NotRun::Unfinished)),
        );
        self.confirmed = match stage {
            // The networks left train elsewhere: the couplings move on meanwhile.
            ConfirmedStage::Training(networks)
                if networks.awaiting_networks() && !self.model.is_finished() =>
            {
                self.model.step()?;
                ConfirmedStage::Training(networks)
            }
            ConfirmedStage::Training(mut networks) => match &self.data {
                Some(data) => match networks.step(&data.view()) {
                    Ok(()) if networks.is_finished() => self.start_search(*networks),
                    Ok(()) => ConfirmedStage::Training(networks),
                    Err(e) => ConfirmedStage::Done(ConfirmedOutcome::NotRun(NotRun::failed(
                        SearchStep::Training,
                        e.code(),
                        &e,
                    ))),
                },
                None => ConfirmedStage::Done(ConfirmedOutcome::NotRun(NotRun::Unfinished)),
            },
            // The pieces left run elsewhere: the couplings move on meanwhile.
            ConfirmedStage::Searching(search) if search.awaiting() && !self.model.is_finished() => {
                self.model.step()?;
                ConfirmedStage::Searching(search)
            }
            ConfirmedStage::Searching(mut search) => match search.step() {
                Ok(true) => ConfirmedStage::Searching(search),
                Ok(false) => self.end_search(*search),
                Err(e) => ConfirmedStage::Done(ConfirmedOutcome::NotRun(NotRun::failed(
                    SearchStep::Search,
                    e.code(),
                    &e,
                ))),
            },
            ConfirmedStage::Done(outcome) => {
                self.model.step()?;
                ConfirmedStage::Done(outcome)
            }
        };
        Ok(!self.is_finished())
    }

    fn start_search(&mut self, networks: CrossFitTraining) -> ConfirmedStage {
        // The search takes the patients the networks trained on: they are moved, never
        // copied.
        let Some(data) = self.data.take() else {
            return ConfirmedStage::Done(ConfirmedOutcome::NotRun(NotRun::Unfinished));
        };
        let (cohort, excluded) = data.into_search();
        let plans = networks.plans();
        match ConfirmedSearch::from_cohort(&plans, cohort, &excluded, page_settings()) {
            Ok(search) => ConfirmedStage::Searching(Box::new(search)),
            Err(e) => ConfirmedStage::Done(ConfirmedOutcome::NotRun(NotRun::failed(
                SearchStep::Start,
                e.code(),
                &e,
            ))),
        }
    }

    fn end_search(&mut self, search: ConfirmedSearch) -> ConfirmedStage {
        let patients = search.n_patients();
        ConfirmedStage::Done(match search.finish() {
            Ok(found) => ConfirmedOutcome::Found(Box::new(ConfirmedFindings {
                declared: found.declared,
                fdr: found.fdr,
                folds: found.folds,
                candidates: found.candidates,
                screened_pairs: found.screened_pairs,
                patients,
                test_patients: found.test_patients,
                pairs: found.pairs,
            })),
            Err(e) => ConfirmedOutcome::NotRun(NotRun::failed(SearchStep::Search, e.code(), &e)),
        })
    }

    /// Runs the steps left, then the relevance-split description over `session` (the
    /// session the search was prepared from).
    ///
    /// # Errors
    /// [`XaiError`] when `session` disagrees in shape with the search.
    pub fn finish(mut self, session: &Session) -> Result<CohortInteractions, XaiError> {
        while self.step()? {}
        let confirmed = match self.confirmed {
            ConfirmedStage::Done(outcome) => outcome,
            _ => ConfirmedOutcome::NotRun(NotRun::Unfinished),
        };
        let model = self.model.finish()?;
        let m = session.n_markers();
        let top_k = INTERACTION_TOP_K.min(m);
        let relevance = CohortRelevance::new(&session.relevance, session.n_patients(), m)?;
        let statistical =
            statistical_interactions(&relevance, &session.values, top_k, DEFAULT_FDR)?;
        Ok(CohortInteractions {
            top_k,
            confirmed,
            model: RankedInteractions::from_xai(model),
            statistical: RankedInteractions::from_xai(statistical),
        })
    }
}

/// The relevance-change description's settings: [`MODEL_CANDIDATES`] markers moved.
fn coupling_settings() -> ModelSearchSettings {
    ModelSearchSettings {
        candidates: MODEL_CANDIDATES,
        ..ModelSearchSettings::default()
    }
}

/// The default search's settings in the page: pairs among [`PAGE_CANDIDATES`] markers.
pub fn page_settings() -> SearchSettings {
    SearchSettings {
        screen: ScreenSettings {
            max_patients: DEFAULT_SCREEN_PATIENTS,
            candidates: Some(PAGE_CANDIDATES),
            seed: DEFAULT_SCREEN_SEED,
        },
        ..SearchSettings::default()
    }
}

/// The default method's patients: the session's (a stratified sample of
/// [`SEARCH_MAX_PATIENTS`] when there are more); or why it cannot run.
fn confirmed_rows(session: &Session) -> Result<Vec<usize>, NotRun> {
    let n = session.n_patients();
    if !session.has_outcomes {
        return Err(NotRun::NoOutcomes);
    }
    let events = session.event.iter().filter(|&&e| e).count();
    if n < SEARCH_MIN_PATIENTS || events < SEARCH_MIN_EVENTS {
        return Err(NotRun::TooSmall {
            patients: n,
            events,
        });
    }
    Ok(if n > SEARCH_MAX_PATIENTS {
        stratified_sample(&session.entity_of, SEARCH_MAX_PATIENTS, SEARCH_FOLD_SEED)
    } else {
        (0..n).collect()
    })
}

/// The default method's cohort: the patients `rows` of the session, their inputs `x`
/// (encoded, `rows.len() x d`), outcomes and raw values.
fn confirmed_data(
    session: &Session,
    rows: &[usize],
    x: Vec<f32>,
    to_marker: Grouping,
) -> CrossFitData {
    let m = session.n_markers();
    let features = session.model.encoder.feature_map();
    CrossFitData {
        x,
        to_marker,
        names: session.markers.iter().map(|mk| mk.id.clone()).collect(),
        time: rows.iter().map(|&i| session.time[i]).collect(),
        event: rows.iter().map(|&i| session.event[i]).collect(),
        strata: rows.iter().map(|&i| session.entity_of[i]).collect(),
        values: {
            let mut values = Vec::with_capacity(rows.len() * m);
            for &i in rows {
                values.extend_from_slice(session.values_of(i));
            }
            values
        },
        scales: marker_scales(&session.markers),
        excluded: entity_marker(features),
        indicators: missing_indicators(features),
    }
}

/// Finds interactions in an explained cohort by every method in one go: the whole
/// [`InteractionSearch`].
///
/// # Errors
/// As [`InteractionSearch::new`] and [`InteractionSearch::finish`].
pub fn find_interactions(session: &Session) -> Result<CohortInteractions, ComputeError> {
    Ok(InteractionSearch::new(session)?.finish(session)?)
}

/// The network-coupling descriptions of an explained cohort in one go, without the default
/// method.
///
/// # Errors
/// As [`find_interactions`].
pub fn find_couplings(session: &Session) -> Result<CohortInteractions, ComputeError> {
    Ok(InteractionSearch::couplings_only(session)?.finish(session)?)
}

/// The encoder's one-hot inputs: the levels of categorical markers and of the entity.
fn one_hot_inputs(features: &[Feature]) -> Vec<usize> {
    (0..features.len())
        .filter(|&c| {
            matches!(
                features[c].role,
                FeatureRole::Level(_) | FeatureRole::Entity(_)
            )
        })
        .collect()
}

/// Replaces, for every categorical marker and the entity, the per-column medians of their
/// one-hot inputs (all zeros when no level holds half the cohort: a patient of no level)
/// by one consistent one-hot vector of the cohort's most frequent level (ties: first level).
/// `count[c]`: patients whose one-hot input `c` is set, for every input of `columns`
/// ([`one_hot_inputs`]).
///
/// # Shapes
/// `reference`, `features`, `count`: `d`, the encoder's inputs.
fn modal_levels(reference: &mut [f32], features: &[Feature], columns: &[usize], count: &[usize]) {
    if reference.len() != features.len() || count.len() != features.len() {
        return;
    }
    let mut markers: Vec<usize> = columns.iter().map(|&c| features[c].marker).collect();
    markers.sort_unstable();
    markers.dedup();
    for marker in markers {
        let levels: Vec<usize> = columns
            .iter()
            .copied()
            .filter(|&c| features[c].marker == marker)
            .collect();
        let Some((&first, rest)) = levels.split_first() else {
            continue;
        };
        let mut modal = first;
        for &c in rest {
            if count[c] > count[modal] {
                modal = c;
            }
        }
        for &c in &levels {
            reference[c] = if c == modal { 1.0 } else { 0.0 };
        }
    }
}

/// An [`InteractionSearch`] being prepared a chunk of the cohort per
/// [`SearchPreparation::step`], so that the worker preparing it answers the page between
/// chunks: the median reference's three radix passes ([`ColumnSelection`]; the one-hot
/// levels are counted in the first), the relevance change's sample, then the default
/// method's patients, each encoded [`ENCODE_CHUNK`] patients at a time. The search it
/// gives is the one [`InteractionSearch::new`] prepares in one go, bit for bit.
pub struct SearchPreparation {
    confirm: bool,
    to_marker: Grouping,
    stage: Preparing,
}

/// Where a [`SearchPreparation`] is.
enum Preparing {
    /// The reference patient: each input's lower median, and the one-hot inputs' counts.
    Reference {
        lrp: Box<Lrp>,
        selection: Box<ColumnSelection>,
        one_hot: Vec<usize>,
        count: Vec<usize>,
    },
    /// The relevance change's sample, encoded so far (`x`: the first `x.len() / d`).
    Sample {
        lrp: Box<Lrp>,
        reference: Vec<f32>,
        rows: Vec<usize>,
        x: Vec<f32>,
    },
    /// The default method's patients, encoded so far (`x`: the first `x.len() / d`).
    Cohort {
        model: Box<ModelInteractionSearch>,
        rows: Vec<usize>,
        x: Vec<f32>,
    },
}

/// The patients `rows` encoded, `rows.len() x d`: a chunk of another shape is an error, so
/// that a preparation always moves on by the chunk it asked for.
fn encode_chunk(session: &Session, rows: &[usize], d: usize) -> Result<Vec<f32>, ComputeError> {
    let x = session.encode_patients(rows)?;
    if x.len() != rows.len() * d {
        return Err(XaiError::Shape {
            what: "input matrix",
            expected: rows.len() * d,
            found: x.len(),
        }
        .into());
    }
    Ok(x)
}

/// What a [`SearchPreparation::step`] gives.
pub enum PreparationStep {
    /// The preparation, to step again.
    Preparing(SearchPreparation),
    /// The search, prepared.
    Ready(Box<InteractionSearch>),
}

impl SearchPreparation {
    /// Starts preparing the search of `session` (with the default method when `confirm`);
    /// nothing is encoded yet.
    ///
    /// # Errors
    /// [`ComputeError`] when the encoder's marker map and the session disagree in shape, the
    /// network does not take the study's rule, or the cohort is empty.
    pub fn new(session: &Session, confirm: bool) -> Result<Self, ComputeError> {
        let n = session.n_patients();
        let features = session.model.encoder.feature_map();
        let to_marker = Grouping::new(&features.input_to_marker(), session.n_markers())?;
        let lrp = Lrp::new(&session.model.network, &Composite::paper())?;
        if n == 0 {
            return Err(XaiError::EmptyCohort {
                what: "median reference",
            }
            .into());
        }
        let d = features.features().len();
        Ok(Self {
            confirm,
            to_marker,
            stage: Preparing::Reference {
                lrp: Box::new(lrp),
                selection: Box::new(ColumnSelection::new(n, d, &[(n - 1) / 2], ENCODE_CHUNK)),
                one_hot: one_hot_inputs(features.features()),
                count: vec![0; d],
            },
        })
    }

    /// Encodes and takes in the next chunk of patients; once nothing is left, the prepared
    /// search.
    ///
    /// # Errors
    /// [`ComputeError`] when the encoder refuses the values or the session disagrees in
    /// shape with its network.
    pub fn step(mut self, session: &Session) -> Result<PreparationStep, ComputeError> {
        match self.stage {
            Preparing::Reference {
                lrp,
                mut selection,
                one_hot,
                mut count,
            } => {
                if let Some(range) = selection.wants() {
                    let x = session.encode_patients(&range.collect::<Vec<usize>>())?;
                    if selection.pass() == 0 {
                        for row in x.chunks_exact(count.len().max(1)) {
                            for &c in &one_hot {
                                count[c] += usize::from(row[c] > 0.5);
                            }
                        }
                    }
                    selection.feed(&x).map_err(|e| XaiError::Shape {
                        what: "input matrix",
                        expected: e.expected,
                        found: e.found,
                    })?;
                    self.stage = Preparing::Reference {
                        lrp,
                        selection,
                        one_hot,
                        count,
                    };
                    return Ok(PreparationStep::Preparing(self));
                }
                let mut reference: Vec<f32> = selection
                    .result()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|lower| lower.first().copied().unwrap_or(f32::NAN))
                    .collect();
                let features = session.model.encoder.feature_map().features();
                modal_levels(&mut reference, features, &one_hot, &count);
                let rows = ModelInteractionSearch::sample_rows(
                    session.n_patients(),
                    Some(&session.entity_of),
                    &coupling_settings(),
                );
                self.stage = Preparing::Sample {
                    lrp,
                    reference,
                    x: Vec::with_capacity(rows.len() * features.len()),
                    rows,
                };
                Ok(PreparationStep::Preparing(self))
            }
            Preparing::Sample {
                lrp,
                reference,
                rows,
                mut x,
            } => {
                let d = self.to_marker.n_columns().max(1);
                let done = x.len() / d;
                if done < rows.len() {
                    let end = (done + ENCODE_CHUNK).min(rows.len());
                    x.extend(encode_chunk(session, &rows[done..end], d)?);
                    self.stage = Preparing::Sample {
                        lrp,
                        reference,
                        rows,
                        x,
                    };
                    return Ok(PreparationStep::Preparing(self));
                }
                let model = ModelInteractionSearch::on_sample(
                    *lrp,
                    x,
                    self.to_marker.clone(),
                    reference,
                    coupling_settings(),
                )?;
                let rows = if self.confirm {
                    confirmed_rows(session)
                } else {
                    Err(NotRun::NotAsked)
                };
                match rows {
                    Ok(rows) => {
                        self.stage = Preparing::Cohort {
                            model: Box::new(model),
                            x: Vec::with_capacity(rows.len() * d),
                            rows,
                        };
                        Ok(PreparationStep::Preparing(self))
                    }
                    Err(why) => Ok(PreparationStep::Ready(Box::new(InteractionSearch {
                        data: None,
                        confirmed: ConfirmedStage::Done(ConfirmedOutcome::NotRun(why)),
                        model,
                    }))),
                }
            }
            Preparing::Cohort { model, rows, mut x } => {
                let d = self.to_marker.n_columns().max(1);
                let done = x.len() / d;
                if done < rows.len() {
                    let end = (done + ENCODE_CHUNK).min(rows.len());
                    x.extend(encode_chunk(session, &rows[done..end], d)?);
                    self.stage = Preparing::Cohort { model, rows, x };
                    return Ok(PreparationStep::Preparing(self));
                }
                let data = confirmed_data(session, &rows, x, self.to_marker.clone());
                let training = search_training_for(data.time.len());
                let (data, confirmed) = match CrossFitTraining::new(
                    &data.view(),
                    training,
                    DEFAULT_CROSS_FIT_FOLDS,
                    SEARCH_FOLD_SEED,
                ) {
                    Ok(networks) => (
                        Some(Box::new(data)),
                        ConfirmedStage::Training(Box::new(networks)),
                    ),
                    Err(e) => (
                        None,
                        ConfirmedStage::Done(ConfirmedOutcome::NotRun(NotRun::failed(
                            SearchStep::Split,
                            e.code(),
                            &e,
                        ))),
                    ),
                };
                Ok(PreparationStep::Ready(Box::new(InteractionSearch {
                    data,
                    confirmed,
                    model: *model,
                })))
            }
        }
    }

    /// Share of the preparation done, in `[0, 1]`, by patients encoded: the reference's
    /// three passes over the cohort are the first 75%, the relevance change's sample the
    /// next 10%, the default method's patients the rest.
    pub fn fraction(&self) -> f64 {
        let d = self.to_marker.n_columns().max(1);
        let share = |x: &[f32], rows: &[usize]| (x.len() / d) as f64 / rows.len().max(1) as f64;
        match &self.stage {
            Preparing::Reference { selection, .. } => 0.75 * selection.fraction(),
            Preparing::Sample { rows, x, .. } => 0.75 + 0.1 * share(x, rows),
            Preparing::Cohort { rows, x, .. } => 0.85 + 0.15 * share(x, rows),
        }
    }

    /// What the preparation is doing, for the progress line.
    pub fn stage(&self, lang: Lang) -> String {
        lang.t_with(
            "stage-interactions-preparing",
            &[("done", Arg::Text(&progress_in(lang, self.fraction())))],
        )
    }
}

// ---------------------------------------------------------------------------------------
// Table

/// One line of the ranked table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InteractionRow {
    /// 1-based rank within the method.
    pub rank: usize,
    /// The pair.
    pub finding: InteractionPair,
    /// Name of marker A (relevance examined).
    pub a_name: String,
    /// Name of marker B (moved or split on).
    pub b_name: String,
    /// Whether the pair (in either order) is one of the planted interactions of a
    /// synthetic cohort.
    pub planted: bool,
}

/// The ranked table of one method.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InteractionTable {
    /// The method.
    pub method: Method,
    /// The strongest pairs, at most the number asked for.
    pub rows: Vec<InteractionRow>,
    /// Ordered pairs examined.
    pub n_pairs: usize,
    /// Of them, pairs that count as interactions.
    pub significant: usize,
    /// Markers considered (model-based: markers moved).
    pub top_k: usize,
    /// Patients examined.
    pub patients: usize,
}

impl InteractionTable {
    /// The first `limit` pairs of a coupling description; `None` for the default method
    /// ([`ConfirmedTable`]).
    pub fn build(
        session: &Session,
        found: &CohortInteractions,
        method: Method,
        limit: usize,
    ) -> Option<Self> {
        Self::build_in(session, found, method, limit, Lang::En)
    }

    /// [`InteractionTable::build`] with the markers named in `lang`.
    pub fn build_in(
        session: &Session,
        found: &CohortInteractions,
        method: Method,
        limit: usize,
        lang: Lang,
    ) -> Option<Self> {
        let ranked = found.of(method)?;
        let name = |j: usize| marker_name(session, j, lang);
        let planted = |a: usize, b: usize| {
            session.truth.as_ref().is_some_and(|t| {
                t.interactions
                    .iter()
                    .any(|i| i.markers == [a, b] || i.markers == [b, a])
            })
        };
        Some(Self {
            method,
            rows: ranked
                .pairs
                .iter()
                .take(limit)
                .enumerate()
                .map(|(k, p)| InteractionRow {
                    rank: k + 1,
                    finding: *p,
                    a_name: name(p.a),
                    b_name: name(p.b),
                    planted: planted(p.a, p.b),
                })
                .collect(),
            n_pairs: ranked.pairs.len(),
            significant: ranked.significant,
            top_k: ranked.candidates.len(),
            patients: ranked.patients,
        })
    }

    /// One sentence for the page: "31 of 272 ordered pairs among the 17 most important
    /// markers stand out under this description (relevance split, 600 patients)."
    pub fn sentence(&self) -> String {
        self.sentence_in(Lang::En)
    }

    /// [`InteractionTable::sentence`] in `lang`.
    pub fn sentence_in(&self, lang: Lang) -> String {
        let n = |k: usize| count_in(lang, k);
        let args = [
            ("significant", Arg::Text(&n(self.significant))),
            ("pairs", Arg::Text(&n(self.n_pairs))),
            ("markers", Arg::Text(&n(self.top_k))),
            ("patients", Arg::Text(&n(self.patients))),
        ];
        match self.method {
            Method::ModelBased => lang.t_with("vm-interactions-table-model", &args),
            _ => lang.t_with("vm-interactions-table-statistical", &args),
        }
    }
}

/// One tested pair of the default method, as the page lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConfirmedRow {
    /// 1-based rank (by combined p-value).
    pub rank: usize,
    /// First marker.
    pub a: usize,
    /// Second marker.
    pub b: usize,
    /// Its name.
    pub a_name: String,
    /// Its name.
    pub b_name: String,
    /// The product's hazard ratio, in the half that gave the smallest p-value.
    pub hazard_ratio: Option<f64>,
    /// Its 95% interval.
    pub interval: Option<(f64, f64)>,
    /// Combined p-value (Bonferroni over the halves' one-sided p-values).
    pub p_value: f64,
    /// Weighted Benjamini-Hochberg q-value over the tested pairs.
    pub q_value: f64,
    /// `q < fdr`.
    pub declared: bool,
    /// Whether it is a planted interaction of a synthetic cohort.
    pub planted: bool,
    /// Test patients with both markers away from the bottom of their scale.
    pub exposed: usize,
    /// Halves whose network kept the pair.
    pub folds: usize,
    /// Markers and stronger pairs the test adjusted for, by name.
    pub adjusted_for: Vec<String>,
    /// Why the pair could not be tested, if it could not.
    pub problem: Option<String>,
}

impl ConfirmedRow {
    /// "0.41 (0.29–0.58)", or why there is none.
    pub fn hazard_ratio_text(&self) -> String {
        self.hazard_ratio_text_in(Lang::En)
    }

    /// [`ConfirmedRow::hazard_ratio_text`] in `lang` (German `0,41 (0,29–0,58)`).
    pub fn hazard_ratio_text_in(&self, lang: Lang) -> String {
        let two = |x: f64| lang.number_text(&format!("{x:.2}"));
        match (self.hazard_ratio, self.interval) {
            (Some(hr), Some((lo, hi))) => lang.t_with(
                "vm-interactions-hazard-ratio",
                &[
                    ("hr", Arg::Text(&two(hr))),
                    ("lower", Arg::Text(&two(lo))),
                    ("upper", Arg::Text(&two(hi))),
                ],
            ),
            _ => self
                .problem
                .clone()
                .unwrap_or_else(|| lang.t("vm-interactions-not-estimated")),
        }
    }
}

/// The default method's tested pairs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConfirmedTable {
    /// The first pairs, by increasing combined p-value.
    pub rows: Vec<ConfirmedRow>,
    /// Pairs tested.
    pub tested: usize,
    /// Pairs declared.
    pub declared: usize,
    /// The false discovery rate.
    pub fdr: f64,
    /// Markers whose pairs were screened.
    pub candidates: usize,
    /// Pairs screened per network.
    pub screened_pairs: usize,
    /// Patients searched.
    pub patients: usize,
    /// Cross-fitted networks.
    pub folds: usize,
}

impl ConfirmedTable {
    /// The first `limit` tested pairs; `None` when the default method did not run.
    pub fn build(session: &Session, found: &CohortInteractions, limit: usize) -> Option<Self> {
        Self::build_in(session, found, limit, Lang::En)
    }

    /// [`ConfirmedTable::build`] with the markers named in `lang`.
    pub fn build_in(
        session: &Session,
        found: &CohortInteractions,
        limit: usize,
        lang: Lang,
    ) -> Option<Self> {
        let c = found.confirmed()?;
        let name = |j: usize| marker_name(session, j, lang);
        let planted = |a: usize, b: usize| {
            session.truth.as_ref().is_some_and(|t| {
                t.interactions
                    .iter()
                    .any(|i| i.markers == [a, b] || i.markers == [b, a])
            })
        };
        let rows = c
            .pairs
            .iter()
            .take(limit)
            .enumerate()
            .map(|(k, p)| ConfirmedRow {
                rank: k + 1,
                a: p.a,
                b: p.b,
                a_name: name(p.a),
                b_name: name(p.b),
                hazard_ratio: p.test.hazard_ratio,
                interval: p.test.interval,
                p_value: p.p_value,
                q_value: p.q_value,
                declared: p.declared,
                planted: planted(p.a, p.b),
                exposed: p.test.exposed,
                folds: p.folds,
                adjusted_for: p
                    .test
                    .adjusted_for
                    .iter()
                    .map(|&j| name(j))
                    .chain(p.test.given.iter().map(|&(x, y)| {
                        lang.t_with(
                            "vm-interactions-product",
                            &[("a", Arg::Text(&name(x))), ("b", Arg::Text(&name(y)))],
                        )
                    }))
                    .collect(),
                problem: p.test.problem.clone(),
            })
            .collect();
        Some(Self {
            rows,
            tested: c.pairs.len(),
            declared: c.declared,
            fdr: c.fdr,
            candidates: c.candidates.len(),
            screened_pairs: c.screened_pairs,
            patients: c.patients,
            folds: c.folds,
        })
    }

    /// One sentence for the page.
    pub fn sentence(&self) -> String {
        self.sentence_in(Lang::En)
    }

    /// [`ConfirmedTable::sentence`] in `lang`.
    pub fn sentence_in(&self, lang: Lang) -> String {
        let n = |k: usize| count_in(lang, k);
        lang.t_with(
            "vm-interactions-confirmed-sentence",
            &[
                ("declared", Arg::Text(&n(self.declared))),
                ("tested", Arg::Text(&n(self.tested))),
                ("fdr", Arg::Text(&plain_number(self.fdr, lang))),
                ("candidates", Arg::Text(&n(self.candidates))),
                ("screened", Arg::Text(&grouped(lang, self.screened_pairs))),
                ("folds", Arg::Text(&n(self.folds))),
                ("patients", Arg::Text(&grouped(lang, self.patients))),
            ],
        )
    }
}

/// Where each planted interaction of a synthetic cohort lands in each method's ranking.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlantedRank {
    /// The interaction's name.
    pub name: String,
    /// Its markers.
    pub markers: [usize; 2],
    /// 1-based rank of the better of its two orders, model-based; `None` when neither order
    /// was examined.
    pub model: Option<usize>,
    /// The same, statistical.
    pub statistical: Option<usize>,
    /// The default method: tested, its q-value, declared.
    pub confirmed: Option<PlantedTest>,
    /// The oracle test's power for it with the cohort on screen.
    pub oracle_power: f64,
    /// Whether that power is at least [`survlens_synth::DETECTABLE_POWER`].
    pub detectable: bool,
}

/// What the default method made of a planted pair.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlantedTest {
    /// 1-based rank among the tested pairs.
    pub rank: usize,
    /// Its q-value.
    pub q_value: f64,
    /// Whether it was declared.
    pub declared: bool,
}

/// The ranks of the planted interactions (empty for a cohort without planted truth).
pub fn planted_ranks(session: &Session, found: &CohortInteractions) -> Vec<PlantedRank> {
    planted_ranks_in(session, found, Lang::En)
}

/// [`planted_ranks`] with the interactions named in `lang`.
pub fn planted_ranks_in(
    session: &Session,
    found: &CohortInteractions,
    lang: Lang,
) -> Vec<PlantedRank> {
    let Some(truth) = &session.truth else {
        return Vec::new();
    };
    truth
        .interactions
        .iter()
        .map(|t| {
            let [x, y] = t.markers;
            let oracle_power = t.oracle_power_at(session.n_patients());
            PlantedRank {
                name: planted_name(&t.name, lang),
                markers: t.markers,
                model: found.model.rank_of_unordered(x, y),
                statistical: found.statistical.rank_of_unordered(x, y),
                confirmed: found.confirmed().and_then(|c| {
                    c.pairs
                        .iter()
                        .position(|p| (p.a, p.b) == (x.min(y), x.max(y)))
                        .map(|k| PlantedTest {
                            rank: k + 1,
                            q_value: c.pairs[k].q_value,
                            declared: c.pairs[k].declared,
                        })
                }),
                oracle_power,
                detectable: oracle_power >= survlens_synth::DETECTABLE_POWER,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Matrix

/// Interaction strength for every ordered pair of the top markers.
///
/// # Shapes
/// `values`: `k x k`, row-major, row = marker A (relevance examined), column = marker B;
/// NaN on the diagonal and for pairs not examined.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InteractionMatrix {
    /// The method.
    pub method: Method,
    /// The markers, most important first.
    pub markers: Vec<usize>,
    /// Their display names.
    pub names: Vec<String>,
    /// Strength: |effect| (model-based: log-risk units; statistical: |rank-biserial|).
    pub values: Vec<f64>,
    /// Whether each cell's pair counts as an interaction (same layout as `values`).
    pub significant: Vec<bool>,
    /// Largest strength (top of the colour scale).
    pub max: f64,
}

impl InteractionMatrix {
    /// The matrix of a coupling description over its first `k` candidates; `None` for the
    /// default method.
    pub fn build(
        session: &Session,
        found: &CohortInteractions,
        method: Method,
        k: usize,
    ) -> Option<Self> {
        Self::build_in(session, found, method, k, Lang::En)
    }

    /// [`InteractionMatrix::build`] with the markers named in `lang`.
    pub fn build_in(
        session: &Session,
        found: &CohortInteractions,
        method: Method,
        k: usize,
        lang: Lang,
    ) -> Option<Self> {
        let ranked = found.of(method)?;
        let markers: Vec<usize> = ranked.candidates.iter().take(k).copied().collect();
        let k = markers.len();
        let mut values = vec![f64::NAN; k * k];
        let mut significant = vec![false; k * k];
        for p in &ranked.pairs {
            if let (Some(r), Some(c)) = (
                markers.iter().position(|&j| j == p.a),
                markers.iter().position(|&j| j == p.b),
            ) {
                values[r * k + c] = p.effect.abs();
                significant[r * k + c] = p.stands_out(DEFAULT_FDR);
            }
        }
        let max = values
            .iter()
            .copied()
            .filter(|v| v.is_finite())
            .fold(0.0f64, f64::max);
        Some(Self {
            method,
            names: markers
                .iter()
                .map(|&j| marker_name(session, j, lang))
                .collect(),
            markers,
            values,
            significant,
            max,
        })
    }
}

// ---------------------------------------------------------------------------------------
// One pair

/// Why a pair plot could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PairPlotError {
    /// A marker index outside the session.
    #[error("marker {marker} does not exist; the cohort has {n_markers} markers")]
    UnknownMarker {
        /// The index asked for.
        marker: usize,
        /// Markers in the session.
        n_markers: usize,
    },
    /// The same marker twice.
    #[error("a pair needs two different markers, got {0} twice")]
    SameMarker(usize),
    /// The cohort has no outcomes to draw survival curves from.
    #[error("the cohort has no outcomes to draw survival curves from")]
    NoOutcomes,
    /// The survival curves could not be computed.
    #[error("{0}")]
    Curves(#[from] CohortViewError),
}

impl PairPlotError {
    /// A stable machine-readable name of the problem kind; it never changes with the
    /// wording.
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownMarker { .. } => "unknown_marker",
            Self::SameMarker(_) => "same_marker",
            Self::NoOutcomes => "no_outcomes",
            Self::Curves(e) => e.code(),
        }
    }

    /// The problem as a sentence in `lang` (English: its `Display`); the survival curves'
    /// own error keeps its sentence.
    pub fn sentence_in(&self, lang: Lang) -> String {
        match self {
            Self::UnknownMarker { marker, n_markers } => lang.t_with(
                "vm-interactions-unknown-marker",
                &[
                    ("marker", Arg::Text(&marker.to_string())),
                    ("markers", Arg::Text(&n_markers.to_string())),
                ],
            ),
            Self::SameMarker(marker) => lang.t_with(
                "vm-interactions-same-marker",
                &[("marker", Arg::Text(&marker.to_string()))],
            ),
            Self::NoOutcomes => lang.t("vm-interactions-no-curves"),
            Self::Curves(e) => lang.message(&e.message()),
        }
    }

    /// The problem as it crosses to the page.
    fn failure(&self) -> Failure {
        Failure::with(self.code(), |lang| self.sentence_in(lang))
    }
}

/// One patient of a pair plot.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairDot {
    /// Patient row.
    pub patient: usize,
    /// Marker B's value (unit of B, or level index).
    pub value: f32,
    /// Horizontal position: the value, plus a deterministic jitter for a categorical B.
    pub x: f32,
    /// Marker A's relevance, log-risk units.
    pub relevance: f32,
}

/// Distribution of A's relevance within one level or value bin of B.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RelevanceBox {
    /// The level's name or the bin's value range.
    pub label: String,
    /// Horizontal centre: the level index, or the bin's median value of B.
    pub x: f32,
    /// Patients.
    pub patients: usize,
    /// Quartiles of A's relevance: lower quartile, median, upper quartile (log-risk).
    pub quartiles: [f32; 3],
    /// Whisker ends: the most extreme relevances within 1.5 interquartile ranges.
    pub whiskers: [f32; 2],
}

/// For one pair: marker A's relevance against marker B's value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairPlot {
    /// Marker A (relevance, y).
    pub a: usize,
    /// Marker B (value, x).
    pub b: usize,
    /// A's name.
    pub a_name: String,
    /// B's name.
    pub b_name: String,
    /// B's unit (empty when unitless).
    pub b_unit: String,
    /// B's level names (categorical or binary B); empty for a numeric B.
    pub b_levels: Vec<String>,
    /// Patients with an observed B (a sample when the cohort exceeds the dot limit).
    pub dots: Vec<PairDot>,
    /// One box per level of a categorical B, or per fifth of a numeric B's values.
    pub boxes: Vec<RelevanceBox>,
    /// Patients whose B is missing (not drawn).
    pub missing: usize,
}

impl PairPlot {
    /// Whether B is shown as levels (boxes per level) rather than on a value axis.
    pub fn is_categorical(&self) -> bool {
        !self.b_levels.is_empty()
    }

    /// The x-axis label: B's name and unit.
    pub fn axis_label(&self) -> String {
        self.axis_label_in(Lang::En)
    }

    /// [`PairPlot::axis_label`] in `lang`.
    pub fn axis_label_in(&self, lang: Lang) -> String {
        if self.b_unit.is_empty() {
            lang.t_with(
                "vm-interactions-axis-value",
                &[("name", Arg::Text(&self.b_name))],
            )
        } else {
            lang.t_with(
                "vm-interactions-axis-unit",
                &[
                    ("name", Arg::Text(&self.b_name)),
                    ("unit", Arg::Text(&self.b_unit)),
                ],
            )
        }
    }

    /// The plot of marker `a`'s relevance against marker `b`'s value.
    ///
    /// # Errors
    /// [`PairPlotError`] for unknown markers or `a == b`.
    pub fn build(
        session: &Session,
        a: usize,
        b: usize,
        max_dots: usize,
    ) -> Result<Self, PairPlotError> {
        Self::build_in(session, a, b, max_dots, Lang::En)
    }

    /// [`PairPlot::build`] with names, values and value ranges in `lang`.
    ///
    /// # Errors
    /// As [`PairPlot::build`].
    pub fn build_in(
        session: &Session,
        a: usize,
        b: usize,
        max_dots: usize,
        lang: Lang,
    ) -> Result<Self, PairPlotError> {
        let m = session.n_markers();
        for marker in [a, b] {
            if marker >= m {
                return Err(PairPlotError::UnknownMarker {
                    marker,
                    n_markers: m,
                });
            }
        }
        if a == b {
            return Err(PairPlotError::SameMarker(a));
        }
        let info_b = &session.markers[b];
        let categorical = !info_b.levels.is_empty();
        let observed: Vec<(usize, f32, f32)> = (0..session.n_patients())
            .map(|p| (p, session.values[p * m + b], session.relevance[p * m + a]))
            .filter(|(_, v, _)| !v.is_nan())
            .collect();
        let missing = session.n_patients() - observed.len();
        let stride = observed.len().div_ceil(max_dots.max(1)).max(1);
        let dots = observed
            .iter()
            .step_by(stride)
            .map(|&(patient, value, relevance)| PairDot {
                patient,
                value,
                x: if categorical {
                    value + crate::views::markers_view::jitter(patient) * 0.5
                } else {
                    value
                },
                relevance,
            })
            .collect();
        let mut boxes = Vec::new();
        if categorical {
            for (level, name) in info_b.levels.iter().enumerate() {
                let rel: Vec<f32> = observed
                    .iter()
                    .filter(|o| o.1 == level as f32)
                    .map(|o| o.2)
                    .collect();
                boxes.extend(relevance_box(level_in(name, lang), level as f32, rel));
            }
        } else {
            let mut sorted = observed.clone();
            sorted.sort_by(|l, r| l.1.total_cmp(&r.1));
            let n_bins = sorted.len().min(5);
            for k in 0..n_bins {
                let chunk = &sorted[k * sorted.len() / n_bins..(k + 1) * sorted.len() / n_bins];
                if let (Some(first), Some(last)) = (chunk.first(), chunk.last()) {
                    let centre = chunk[chunk.len() / 2].1;
                    let label = lang.t_with(
                        "vm-interactions-range",
                        &[
                            ("from", Arg::Text(&info_b.format_in(first.1, lang))),
                            ("to", Arg::Text(&info_b.format_in(last.1, lang))),
                        ],
                    );
                    boxes.extend(relevance_box(
                        label,
                        centre,
                        chunk.iter().map(|c| c.2).collect(),
                    ));
                }
            }
        }
        Ok(Self {
            a,
            b,
            a_name: session.markers[a].name_in(lang).to_owned(),
            b_name: info_b.name_in(lang).to_owned(),
            b_unit: info_b.unit.clone(),
            b_levels: info_b.levels.iter().map(|l| level_in(l, lang)).collect(),
            dots,
            boxes,
            missing,
        })
    }
}

fn relevance_box(label: String, x: f32, mut relevance: Vec<f32>) -> Option<RelevanceBox> {
    if relevance.is_empty() {
        return None;
    }
    relevance.sort_by(f32::total_cmp);
    let sorted: Vec<f64> = relevance.iter().map(|&r| f64::from(r)).collect();
    let q = [0.25, 0.5, 0.75].map(|q| survlens_model::quantile_sorted(&sorted, q) as f32);
    let reach = 1.5 * (q[2] - q[0]);
    let low = relevance
        .iter()
        .copied()
        .find(|&r| r >= q[0] - reach)
        .unwrap_or(q[0]);
    let high = relevance
        .iter()
        .rev()
        .copied()
        .find(|&r| r <= q[2] + reach)
        .unwrap_or(q[2]);
    Some(RelevanceBox {
        label,
        x,
        patients: relevance.len(),
        quartiles: q,
        whiskers: [low, high],
    })
}

// ---------------------------------------------------------------------------------------
// Outcomes of one pair

/// Kaplan-Meier curves of the four groups of a pair: each marker split at its median
/// (numeric), at its median level (categorical) or by presence (binary). The outcome
/// evidence beside the default method's test: an interaction shows as curves whose gaps
/// differ (the effect of A is not the same with B low and with B high).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairSurvival {
    /// First marker.
    pub a: usize,
    /// Second marker.
    pub b: usize,
    /// How A was split: `[low, high]` in words.
    pub a_split: [String; 2],
    /// How B was split.
    pub b_split: [String; 2],
    /// The curves, in the order A low & B low, A low & B high, A high & B low, A high &
    /// B high.
    pub curves: SurvivalGroups,
    /// Patients left out because A or B is missing.
    pub missing: usize,
}

/// A marker's split for [`PairSurvival`]: whether each observed value is high, and the two
/// halves in words.
fn split_marker(session: &Session, j: usize, lang: Lang) -> (Vec<Option<bool>>, [String; 2]) {
    let m = session.n_markers();
    let info = &session.markers[j];
    let values: Vec<f32> = (0..session.n_patients())
        .map(|i| session.values[i * m + j])
        .collect();
    let mut observed: Vec<f32> = values.iter().copied().filter(|v| !v.is_nan()).collect();
    observed.sort_by(f32::total_cmp);
    let median = observed.get(observed.len() / 2).copied().unwrap_or(0.0);
    let levels = &info.levels;
    let name = info.name_in(lang);
    let level = |text: &str| {
        lang.t_with(
            "vm-interactions-split-level",
            &[("name", Arg::Text(name)), ("level", Arg::Text(text))],
        )
    };
    let (cut, words) = if levels.len() == 2 {
        (
            0.5,
            [
                level(&level_in(&levels[0], lang)),
                level(&level_in(&levels[1], lang)),
            ],
        )
    } else if levels.len() > 2 {
        // Above the median level; when the median is the top level, above the one below.
        let top = (levels.len() - 1) as f32;
        let cut = if median >= top { top - 1.0 } else { median };
        let at = cut.max(0.0) as usize;
        let range = |from: usize, to: usize| {
            if from == to {
                level_in(&levels[from], lang)
            } else {
                lang.t_with(
                    "vm-interactions-range",
                    &[
                        ("from", Arg::Text(&level_in(&levels[from], lang))),
                        ("to", Arg::Text(&level_in(&levels[to], lang))),
                    ],
                )
            }
        };
        (
            cut + 0.5,
            [
                level(&range(0, at)),
                level(&range(at + 1, levels.len() - 1)),
            ],
        )
    } else {
        let v = info.format_in(median, lang);
        let args = [("name", Arg::Text(name)), ("value", Arg::Text(&v))];
        (
            median,
            [
                lang.t_with("vm-interactions-split-at-most", &args),
                lang.t_with("vm-interactions-split-above", &args),
            ],
        )
    };
    let high = values
        .iter()
        .map(|&v| (!v.is_nan()).then_some(v > cut))
        .collect();
    (high, words)
}

impl PairSurvival {
    /// The four groups of `a` x `b` over every patient with both values.
    ///
    /// # Errors
    /// [`PairPlotError`] for unknown markers or `a == b`; [`PairPlotError::NoOutcomes`] when
    /// the cohort has no outcomes, [`PairPlotError::Curves`] when a curve cannot be computed.
    pub fn build(session: &Session, a: usize, b: usize) -> Result<Self, PairPlotError> {
        Self::build_in(session, a, b, Lang::En)
    }

    /// [`PairSurvival::build`] with the groups named in `lang`.
    ///
    /// # Errors
    /// As [`PairSurvival::build`].
    pub fn build_in(
        session: &Session,
        a: usize,
        b: usize,
        lang: Lang,
    ) -> Result<Self, PairPlotError> {
        let m = session.n_markers();
        for marker in [a, b] {
            if marker >= m {
                return Err(PairPlotError::UnknownMarker {
                    marker,
                    n_markers: m,
                });
            }
        }
        if a == b {
            return Err(PairPlotError::SameMarker(a));
        }
        if !session.has_outcomes {
            return Err(PairPlotError::NoOutcomes);
        }
        let (high_a, a_split) = split_marker(session, a, lang);
        let (high_b, b_split) = split_marker(session, b, lang);
        let mut time = Vec::new();
        let mut event = Vec::new();
        let mut group_of = Vec::new();
        for i in 0..session.n_patients() {
            if let (Some(x), Some(y)) = (high_a[i], high_b[i]) {
                time.push(session.time[i]);
                event.push(session.event[i]);
                group_of.push(2 * usize::from(x) + usize::from(y));
            }
        }
        let group = |x: &str, y: &str| {
            lang.t_with(
                "vm-interactions-group",
                &[("a", Arg::Text(x)), ("b", Arg::Text(y))],
            )
        };
        let labels = [
            group(&a_split[0], &b_split[0]),
            group(&a_split[0], &b_split[1]),
            group(&a_split[1], &b_split[0]),
            group(&a_split[1], &b_split[1]),
        ];
        let curves = SurvivalGroups::build(&time, &event, &group_of, &labels)?;
        Ok(Self {
            a,
            b,
            a_split,
            b_split,
            missing: session.n_patients() - time.len(),
            curves,
        })
    }
}

/// Rows of the ranked tables the page shows.
pub const OVERVIEW_ROWS: usize = 25;
/// Markers of the page's coupling-strength matrix.
pub const OVERVIEW_MATRIX_MARKERS: usize = 20;
/// Most dots of the page's pair plot.
pub const PAIR_DOTS: usize = 3_000;

/// Everything the Interactions view shows of one method except the chosen pair.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InteractionsOverview {
    /// The method described.
    pub method: Method,
    /// Whether the search has finished for the cohort (until then there is nothing more).
    pub searched: bool,
    /// Why the default method did not run, when it did not.
    pub not_run: Option<String>,
    /// The default method's tested pairs (for [`Method::Confirmed`]).
    pub confirmed: Option<ConfirmedTable>,
    /// A coupling description's ranked pairs (for the other methods).
    pub table: Option<InteractionTable>,
    /// A coupling description's strength matrix (for the other methods).
    pub matrix: Option<InteractionMatrix>,
    /// Where each planted interaction of a synthetic cohort landed.
    pub planted: Vec<PlantedRank>,
    /// The pair shown first: the method's strongest.
    pub first_pair: Option<(usize, usize)>,
    /// The markers the method examined (the pair pickers' choices).
    pub candidates: Vec<usize>,
}

impl InteractionsOverview {
    /// The overview of `method` on `session`, with `found` its interactions once searched.
    pub fn build(session: &Session, found: Option<&CohortInteractions>, method: Method) -> Self {
        Self::build_in(session, found, method, Lang::En)
    }

    /// [`InteractionsOverview::build`] with its names and sentences in `lang`.
    pub fn build_in(
        session: &Session,
        found: Option<&CohortInteractions>,
        method: Method,
        lang: Lang,
    ) -> Self {
        let Some(found) = found else {
            return Self {
                method,
                searched: false,
                not_run: None,
                confirmed: None,
                table: None,
                matrix: None,
                planted: Vec::new(),
                first_pair: None,
                candidates: Vec::new(),
            };
        };
        let coupling = method != Method::Confirmed;
        let first_pair = match method {
            Method::Confirmed => found
                .confirmed()
                .and_then(|c| c.pairs.first())
                .map(|p| (p.a, p.b)),
            m => found
                .of(m)
                .and_then(|r| r.pairs.first())
                .map(|p| (p.a, p.b)),
        };
        let candidates = match method {
            Method::Confirmed => found
                .confirmed()
                .map(|c| c.candidates.clone())
                .unwrap_or_else(|| (0..session.n_markers()).collect()),
            m => found
                .of(m)
                .map(|r| r.candidates.clone())
                .unwrap_or_default(),
        };
        Self {
            method,
            searched: true,
            not_run: match &found.confirmed {
                ConfirmedOutcome::NotRun(why) => Some(why.sentence_in(lang)),
                ConfirmedOutcome::Found(_) => None,
            },
            confirmed: (!coupling)
                .then(|| ConfirmedTable::build_in(session, found, OVERVIEW_ROWS, lang))
                .flatten(),
            table: coupling
                .then(|| InteractionTable::build_in(session, found, method, OVERVIEW_ROWS, lang))
                .flatten(),
            matrix: coupling
                .then(|| {
                    InteractionMatrix::build_in(
                        session,
                        found,
                        method,
                        OVERVIEW_MATRIX_MARKERS,
                        lang,
                    )
                })
                .flatten(),
            planted: planted_ranks_in(session, found, lang),
            first_pair,
            candidates,
        }
    }
}

/// One pair of the Interactions view up close: the four groups' survival, and for a
/// coupling description A's relevance against B's value with the pair's finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairView {
    /// Kaplan-Meier curves of the pair's four groups, or why they cannot be drawn.
    pub survival: Result<PairSurvival, Failure>,
    /// A's relevance against B's value (for a coupling description), or why not.
    pub plot: Option<Result<PairPlot, Failure>>,
    /// The coupling description's finding for the pair, when it ranked it.
    pub finding: Option<InteractionPair>,
}

impl PairView {
    /// The pair `(a, b)` as `method` shows it.
    pub fn build(
        session: &Session,
        found: Option<&CohortInteractions>,
        method: Method,
        pair: (usize, usize),
    ) -> Self {
        Self::build_in(session, found, method, pair, Lang::En)
    }

    /// [`PairView::build`] with names, values and problems in `lang`.
    pub fn build_in(
        session: &Session,
        found: Option<&CohortInteractions>,
        method: Method,
        (a, b): (usize, usize),
        lang: Lang,
    ) -> Self {
        let coupling = method != Method::Confirmed;
        Self {
            survival: PairSurvival::build_in(session, a, b, lang).map_err(|e| e.failure()),
            plot: coupling.then(|| {
                PairPlot::build_in(session, a, b, PAIR_DOTS, lang).map_err(|e| e.failure())
            }),
            finding: found
                .and_then(|f| f.of(method))
                .and_then(|r| r.pairs.iter().find(|p| (p.a, p.b) == (a, b)).copied()),
        }
    }
}
