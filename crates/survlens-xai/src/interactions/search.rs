//! The default interaction method: screen pairs where the network trained, confirm the
//! strongest on outcomes the network never saw, control the false discovery rate over the
//! screened pairs only.
//!
//! The search runs over **folds**. Each fold brings a network, the patients it was trained
//! on (where its pairs are screened) and patients whose outcomes it never saw (where pairs
//! are tested, [`super::confirm`]). With cross-fitting, `K` networks are trained, network
//! `k` on every patient outside fold `k`, and every patient is a test patient exactly once;
//! with one stored network, its training patients screen and its held-out patients test.
//!
//! 1. **Screen** each fold's training patients twice and keep the strongest pairs of each:
//!    - *in the network* ([`super::screen`]): every pair's Friedman `H^2` from double
//!      differences, the pairs the network couples ([`SearchSettings::keep_by_network`]);
//!    - *on their outcomes* ([`super::score`]): every pair's score statistic of the product
//!      given an additive Cox model of the same patients, the pairs the network did not
//!      learn but the training outcomes suggest ([`SearchSettings::keep_by_outcome`]). A
//!      network stopped early learns little of an interaction between two rare markers;
//!      this screen keeps such a pair in the running.
//!
//!    Pairs with fewer than [`MIN_CELL_EVENTS`] events in a cell of the screening patients
//!    are not kept. Neither screen reads an outcome of the fold's test patients.
//! 2. **Confirm** each kept pair on the test patients of each fold that kept it, **fold by
//!    fold**: a Cox model stratified by entity, each patient's out-of-fold network risk as
//!    an offset with a free calibration slope and curvature, the additive model's risk, both
//!    markers' flexible main effects and their product; the likelihood-ratio test of the
//!    product gives the fold's p-value. A pair that shares a marker with a stronger pair of
//!    the same fold is tested given that pair's product too.
//!
//!    Why not pool the folds that kept a pair into one test: fold `j` chose its pairs on
//!    every other fold's outcomes, fold `k`'s test patients among them. A chance pattern in
//!    fold `k`'s patients makes the other folds keep the pair, so the pooled test would
//!    read fold `k`'s outcomes after they helped choose what it tests. Measured on the
//!    additive calibration cohorts (10 seeds), pooling gave 8.6% of tested pairs p < 0.05
//!    and false declarations in 5 of 10 cohorts; one fold per test, 6.5% and 1 of 10.
//! 3. **Declare** fold by fold, with what the fold's screening patients said about each pair
//!    fixed before its test patients are read:
//!    - *one-sided*: the fold's outcome screen gives the sign of each pair's score (does the
//!      product go with more events or fewer, [`super::score::ScoredPair::direction`]); the
//!      fold's p-value is `p / 2` when the test's hazard ratio of the product points the same
//!      way and `1 - p / 2` when not ([`one_sided`]), the two-sided `p` where no sign was
//!      scored;
//!    - *weighted by the outcome screen's rank* ([`outcome_rank_weight`]): Benjamini-Hochberg
//!      over the pairs the fold tested (a pair that could not be tested counts with p = 1),
//!      each p-value divided by its weight, the weights scaled to mean 1 over the fold's
//!      pairs (Genovese, Roeder and Wasserman, Biometrika 2006: weights fixed independently
//!      of the p-values keep the false discovery rate) gives `q_k`.
//!
//!    A pair's q-value is `q = min(1, K min_k q_k)` and it is declared when `q < fdr`, that
//!    is when some fold's weighted BH at level `fdr / K` declares it. Each fold's p-values
//!    are valid whatever the other folds chose (fold `k`'s choice, sign and weights never
//!    read its own test patients), each fold's declarations have a false discovery rate of
//!    at most `fdr / K`, and their union at most `fdr` (under the complete null: a
//!    declaration anywhere with probability at most `fdr`). The pair's p-value for display
//!    is `min(1, K min_k p_k)` over the one-sided `p_k` (Bonferroni over the folds).
//!
//!    Why one-sided and weighted: an interaction the training outcomes point to is far more
//!    often real than one they do not, and a real one seldom reverses its sign between
//!    halves of a cohort. Measured on the pan-cancer cohort's calibration runs (the project's
//!    interaction notes), the rule declared at least 6 planted pairs in 9 of 10 fresh seeds
//!    against 7 of 10 two-sided and unweighted, with nothing declared on their additive twins.
//!
//! The declared pair's hazard ratio is that of the product term in the fold that gave the
//! smallest p-value, with its 95% interval there.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use survlens_model::{BaselineCox, CoxNet, Handout};

use super::confirm::{
    MIN_CELL_EVENTS, MarkerScale, OutcomeData, PairTest, cell_events, scale_values,
};
use super::couplings::benjamini_hochberg;
use super::screen::{
    NetworkInteraction, PairScreen, ScreenData, ScreenResult, ScreenSettings, ScreenedPair,
};
use super::shared::{
    FoldProgress, FoldScreenTask, FoldScreened, FoldScreening, Outcomes, PairTestTask, PairsTested,
    PlannedTest, TestGround,
};
use crate::XaiError;

/// Default number of pairs each fold keeps from the network screen.
pub const DEFAULT_KEEP_BY_NETWORK: usize = 10;

/// Default number of pairs each fold keeps from the outcome screen.
pub const DEFAULT_KEEP_BY_OUTCOME: usize = 80;

/// Default false discovery rate of the declarations.
pub const DEFAULT_SEARCH_FDR: f64 = 0.05;

/// Screened pairs kept in the result for display (strongest first).
pub const KEPT_SCREENED_PAIRS: usize = 300;

/// Ridge penalty (lifelines' convention) of the additive linear Cox model whose risk the
/// outcome screen takes as given.
pub const OUTCOME_SCREEN_PENALIZER: f64 = 1e-2;

/// Most stronger pairs a pair's test is given ([`super::confirm::test_pair_given`]).
pub const MAX_GIVEN: usize = 3;

/// Pairs tested per [`ConfirmedSearch::step`] once the screens are done.
const TESTS_PER_STEP: usize = 2;

/// Test patients gathered at a time to score them with a fold's additive model.
const SCORE_CHUNK: usize = 1024;

/// Most tests of a batch another worker takes ([`ConfirmedSearch::take_tasks`]): a few
/// seconds of work on the default cohort, so the batches even out between workers.
pub const TEST_BATCH: usize = 8;

/// Pairs scored per step of the outcome screen.
pub(crate) const SCORES_PER_STEP: usize = 4_000;

/// One fold of the search: a network, where it screens and where its pairs are tested.
#[derive(Clone, Debug)]
pub struct FoldPlan {
    /// The fold's network.
    pub network: CoxNet,
    /// Patients the network was trained on (the screens' pool).
    pub screen_rows: Vec<usize>,
    /// Patients whose outcomes the network never saw (the test).
    pub test_rows: Vec<usize>,
}

/// Settings of the search.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SearchSettings {
    /// The network screen of each fold.
    pub screen: ScreenSettings,
    /// Pairs each fold keeps from its network screen.
    pub keep_by_network: usize,
    /// Pairs each fold keeps from its outcome screen (0: none).
    pub keep_by_outcome: usize,
    /// False discovery rate in `(0, 1]`.
    pub fdr: f64,
}

impl Default for SearchSettings {
    fn default() -> Self {
        Self {
            screen: ScreenSettings::default(),
            keep_by_network: DEFAULT_KEEP_BY_NETWORK,
            keep_by_outcome: DEFAULT_KEEP_BY_OUTCOME,
            fdr: DEFAULT_SEARCH_FDR,
        }
    }
}

/// A tested pair with its screen figures and its decision.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ConfirmedPair {
    /// The combined p-value: `min(1, K min_k p_k)` over the `K` folds.
    pub p_value: f64,
    /// Each fold's p-value (1 where the fold did not keep the pair), in fold order.
    pub fold_p_values: Vec<f64>,
    /// First marker (smaller index).
    pub a: usize,
    /// Second marker.
    pub b: usize,
    /// `H^2` averaged over the folds (each fold's over its screened patients).
    pub strength: f64,
    /// Best 1-based rank of the pair in a fold's network screen.
    pub network_rank: usize,
    /// Best 1-based rank of the pair in a fold's outcome screen (0 without that screen).
    pub outcome_rank: usize,
    /// Folds that kept the pair for the test.
    pub folds: usize,
    /// Each fold's 1-based rank of the pair in its network screen (0: not ranked there),
    /// in fold order.
    pub fold_network_ranks: Vec<usize>,
    /// Each fold's 1-based rank of the pair in its outcome screen (0: not ranked there),
    /// in fold order.
    pub fold_outcome_ranks: Vec<usize>,
    /// Each fold's sign of the pair's outcome score on its screening patients (+1: the
    /// product goes with more events, -1 with fewer, 0: not scored), in fold order.
    #[serde(default)]
    pub fold_outcome_directions: Vec<i8>,
    /// Each fold's log hazard ratio of the product on its test patients (`None` where the
    /// fold did not keep or could not test the pair), in fold order.
    #[serde(default)]
    pub fold_log_hazard_ratios: Vec<Option<f64>>,
    /// The outcome test of the fold with the smallest p-value (its hazard ratio and
    /// interval are the pair's).
    pub test: PairTest,
    /// q-value: `min(1, K min_k q_k)`, `q_k` the Benjamini-Hochberg q-value within fold `k`.
    pub q_value: f64,
    /// `q < fdr`.
    pub declared: bool,
}

/// What the search found.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfirmedInteractions {
    /// Every tested pair, by increasing combined p-value (ties: stronger screen first).
    pub pairs: Vec<ConfirmedPair>,
    /// Pairs declared (`q < fdr`).
    pub declared: usize,
    /// The false discovery rate used.
    pub fdr: f64,
    /// Number of folds.
    pub folds: usize,
    /// Patients screened in the networks, summed over folds.
    pub screened_patients: usize,
    /// Pairs screened per fold (the first fold's count).
    pub screened_pairs: usize,
    /// Markers whose pairs were screened (union over folds, increasing).
    pub candidates: Vec<usize>,
    /// Test patients (all folds).
    pub test_patients: usize,
    /// The strongest pairs of the network screen, `H^2` averaged over folds, strongest
    /// first (at most [`KEPT_SCREENED_PAIRS`]).
    pub screened: Vec<ScreenedPair>,
}

/// What a [`ConfirmedSearch`] is doing ([`ConfirmedSearch::progress`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SearchProgress {
    /// Screening pairs in the network: `step` of `steps` (1-based), in network `fold` of
    /// `folds` when there are several.
    NetworkScreen {
        /// `(fold, folds)`, 1-based, when the search cross-fits several networks.
        fold: Option<(usize, usize)>,
        /// The step under way, 1-based.
        step: usize,
        /// Steps of the screen.
        steps: usize,
    },
    /// Screening pairs on the training patients' outcomes.
    OutcomeScreen {
        /// `(fold, folds)`, 1-based, when the search cross-fits several networks.
        fold: Option<(usize, usize)>,
    },
    /// Testing pair `pair` of `pairs` (1-based) on held-out outcomes.
    Testing {
        /// The pair under test, 1-based.
        pair: usize,
        /// Pairs to test.
        pairs: usize,
    },
    /// Testing pair `pair` of `pairs` (1-based) again, given the stronger pairs of its fold
    /// it shares a marker with.
    Retesting {
        /// The pair under test, 1-based.
        pair: usize,
        /// Pairs to test again.
        pairs: usize,
    },
    /// Nothing left to do here: the rest runs in other workers.
    Waiting,
}

/// What a finished fold keeps.
struct FoldResult {
    screen: ScreenResult,
    /// Outcome-screen ranks of the pairs, `(a, b) -> 1-based rank`, and the kept pairs.
    outcome_kept: Vec<(usize, usize)>,
    outcome_rank: HashMap<(usize, usize), usize>,
    /// The sign of each scored pair's outcome score ([`super::score::ScoredPair::direction`]).
    outcome_direction: HashMap<(usize, usize), i8>,
}

/// A piece of the search another worker can run whole ([`ConfirmedSearch::take_tasks`]).
#[derive(Clone, Debug, PartialEq)]
pub enum SearchTask {
    /// A fold's two screens.
    Screen(Box<FoldScreenTask>),
    /// A batch of pair tests of one fold.
    Tests(PairTestTask),
}

/// The folds' screens: each fold screened here or by another worker.
struct Screening {
    handout: Handout,
    /// The fold screened here.
    local: Option<Box<FoldScreening>>,
    /// Each fold's screens, once in.
    found: Vec<Option<FoldScreened>>,
}

/// A round of pair tests, in batches of one fold each, tested here or by other workers.
struct TestRound {
    /// Each test: its place in [`ConfirmedSearch::to_test`] and the pairs it is given.
    items: Vec<(usize, Vec<(usize, usize)>)>,
    /// The items of each batch.
    batches: Vec<Vec<usize>>,
    handout: Handout,
    /// The batch tested here, and how many of its items are done.
    local: Option<(usize, usize)>,
    /// Each item's test, once in.
    found: Vec<Option<PairTest>>,
}

impl TestRound {
    /// The round of `items`, batched by fold ([`TEST_BATCH`] at most per batch).
    fn new(items: Vec<(usize, Vec<(usize, usize)>)>, fold_of: impl Fn(usize) -> usize) -> Self {
        let mut by_fold: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, &(t, _)) in items.iter().enumerate() {
            by_fold.entry(fold_of(t)).or_default().push(i);
        }
        let batches = by_fold
            .into_values()
            .flat_map(|mine| {
                mine.chunks(TEST_BATCH)
                    .map(<[usize]>::to_vec)
                    .collect::<Vec<_>>()
            })
            .collect();
        Self {
            found: vec![None; items.len()],
            items,
            batches,
            handout: Handout::default(),
            local: None,
        }
    }

    fn done(&self) -> usize {
        self.found.iter().filter(|t| t.is_some()).count()
    }

    fn is_complete(&self) -> bool {
        self.found.iter().all(Option::is_some)
    }
}

/// Where the search is.
enum Phase {
    /// Screening the folds.
    Screening(Screening),
    /// Testing every kept pair on its fold's test patients.
    Testing(TestRound),
    /// Testing again the pairs that share a marker with a stronger pair of their fold.
    Retesting(TestRound),
    /// Every test is in.
    Done,
    /// A step failed: every later step gives its error again.
    Failed(XaiError),
}

/// The patients a [`ConfirmedSearch`] reads, owned: what it screens (encoded inputs) and
/// what it tests (outcomes and raw values), in one order.
///
/// # Shapes
/// `n` patients, `d` inputs, `m` markers: `x`: `n x d`; `to_marker`: `d` inputs into `m`
/// markers; `missing_indicator`: `m`; `outcomes`: `n` patients and `m` markers (its strata
/// are the screen's too).
#[derive(Clone, Debug)]
pub struct SearchCohort {
    /// Encoded inputs.
    pub x: Vec<f32>,
    /// Input -> marker.
    pub to_marker: crate::grouping::Grouping,
    /// Each marker's missing indicator input, if any.
    pub missing_indicator: Vec<Option<usize>>,
    /// Follow-up, strata (the entity) and raw marker values.
    pub outcomes: Outcomes,
}

impl SearchCohort {
    /// What the network screen reads.
    pub fn inputs(&self) -> ScreenData<'_> {
        ScreenData {
            x: &self.x,
            to_marker: &self.to_marker,
            missing_indicator: &self.missing_indicator,
            strata: &self.outcomes.strata,
        }
    }
}

/// The error of a screen and an outcome test given different strata.
fn strata_disagree(patients: usize) -> XaiError {
    XaiError::InvalidSetting {
        setting: "strata of the screen and of the outcome test (patients)",
        value: patients as f64,
        requirement: "the same strata",
    }
}

/// The search, resumable: [`ConfirmedSearch::new`] prepares each fold's network screen;
/// each [`ConfirmedSearch::step`] screens a chunk of patients or of pairs of one fold, or
/// tests a few kept pairs; [`ConfirmedSearch::finish`] runs what is left and declares.
///
/// The folds' screens and the batches of tests are independent: other workers may take
/// them whole ([`ConfirmedSearch::take_tasks`]) and answer in any order
/// ([`ConfirmedSearch::accept_screen`], [`ConfirmedSearch::accept_tests`]). The search
/// moves to its next round only once every piece of the round is in, and keeps each piece
/// by its fold or place, so the findings are the same whoever ran what.
pub struct ConfirmedSearch {
    folds: Vec<FoldPlan>,
    phase: Phase,
    results: Vec<FoldResult>,
    settings: SearchSettings,
    /// The cohort's outcomes and values (all patients).
    times: Vec<f64>,
    events: Vec<bool>,
    entity: Vec<u32>,
    values: Vec<f32>,
    scales: Vec<MarkerScale>,
    /// The encoded inputs and the rest of the network screen's data.
    x: Vec<f32>,
    to_marker: crate::grouping::Grouping,
    missing_indicator: Vec<Option<usize>>,
    excluded: Vec<usize>,
    /// Fold of each patient's test, `usize::MAX` when not a test patient.
    fold_of: Vec<usize>,
    /// Each test patient's out-of-fold log-risk (0 elsewhere).
    risk: Vec<f64>,
    /// Each fold's network double differences on its test patients.
    network_pairs: Vec<NetworkInteraction>,
    /// Each fold's test patients as its tests read them (built once the screens are in).
    grounds: Vec<Arc<TestGround>>,
    /// Pairs to test, each with one fold that kept it (a pair kept by two folds twice).
    to_test: Vec<((usize, usize), usize)>,
    /// Each pair's test, once the first round is in.
    tests: Vec<PairTest>,
    screened_pairs: usize,
    steps_done: usize,
}

impl ConfirmedSearch {
    /// Prepares the search on a copy of `inputs` and `outcomes`: as
    /// [`ConfirmedSearch::from_cohort`], for a caller that keeps its own.
    ///
    /// # Shapes
    /// `inputs` holds `n` patients' encoded inputs grouped into `m` markers; `outcomes`
    /// holds the same `n` patients and `m` markers, with the same strata; `excluded`:
    /// markers never paired (the entity).
    ///
    /// # Errors
    /// As [`ConfirmedSearch::from_cohort`].
    pub fn new(
        folds: &[FoldPlan],
        inputs: &ScreenData<'_>,
        outcomes: &OutcomeData<'_>,
        excluded: &[usize],
        settings: SearchSettings,
    ) -> Result<Self, XaiError> {
        if outcomes.strata != inputs.strata {
            return Err(strata_disagree(inputs.strata.len()));
        }
        let cohort = SearchCohort {
            x: inputs.x.to_vec(),
            to_marker: inputs.to_marker.clone(),
            missing_indicator: inputs.missing_indicator.to_vec(),
            outcomes: Outcomes {
                times: outcomes.times.to_vec(),
                events: outcomes.events.to_vec(),
                strata: outcomes.strata.to_vec(),
                values: outcomes.values.to_vec(),
                scales: outcomes.scales.to_vec(),
            },
        };
        Self::from_cohort(folds, cohort, excluded, settings)
    }

    /// Prepares the search on `cohort`, which it keeps: the patients are never copied
    /// whole (a worker's memory keeps its high-water mark).
    ///
    /// # Shapes
    /// `cohort` holds `n` patients' encoded inputs grouped into `m` markers and the same
    /// patients' outcomes and `m` markers' values; `excluded`: markers never paired (the
    /// entity).
    ///
    /// # Errors
    /// [`XaiError::Shape`] for disagreeing shapes, [`XaiError::InvalidSetting`] for no fold,
    /// test rows shared by two folds, or settings out of range,
    /// [`XaiError::NonFiniteInput`] for an input of a fold's patient that is not finite, and
    /// the errors of [`PairScreen::new`].
    pub fn from_cohort(
        folds: &[FoldPlan],
        cohort: SearchCohort,
        excluded: &[usize],
        settings: SearchSettings,
    ) -> Result<Self, XaiError> {
        let inputs = &cohort.inputs();
        let outcomes = &cohort.outcomes.data();
        outcomes.check()?;
        let (n, m) = (outcomes.n_patients(), outcomes.n_markers());
        if inputs.to_marker.n_groups() != m {
            return Err(XaiError::Shape {
                what: "markers of the outcome data",
                expected: inputs.to_marker.n_groups(),
                found: m,
            });
        }
        if folds.is_empty() {
            return Err(XaiError::InvalidSetting {
                setting: "folds of the interaction search",
                value: 0.0,
                requirement: "at least 1",
            });
        }
        if settings.keep_by_network + settings.keep_by_outcome < 1 {
            return Err(XaiError::InvalidSetting {
                setting: "pairs kept for the outcome test",
                value: 0.0,
                requirement: "at least 1",
            });
        }
        if !(settings.fdr > 0.0 && settings.fdr <= 1.0) {
            return Err(XaiError::InvalidSetting {
                setting: "false discovery rate",
                value: settings.fdr,
                requirement: "in (0, 1]",
            });
        }
        let mut fold_of = vec![usize::MAX; n];
        for (k, fold) in folds.iter().enumerate() {
            for &row in &fold.test_rows {
                let Some(slot) = fold_of.get_mut(row) else {
                    return Err(XaiError::PatientOutOfRange {
                        what: "test rows of a fold",
                        row,
                        n_patients: n,
                    });
                };
                if *slot != usize::MAX {
                    return Err(XaiError::InvalidSetting {
                        setting: "test patients held by two folds (row)",
                        value: row as f64,
                        requirement: "in one fold's test rows only",
                    });
                }
                *slot = k;
            }
        }
        // Every fold's network screen is checked now, so that a bad input fails here, and
        // every input the folds gather later is checked finite.
        let d = inputs.to_marker.n_columns();
        for fold in folds {
            PairScreen::new(
                &fold.network,
                inputs,
                &fold.screen_rows,
                excluded,
                settings.screen,
            )?;
            check_finite(inputs.x, d, &fold.screen_rows)?;
        }
        let mut risk = vec![0.0f64; n];
        for fold in folds {
            check_finite(inputs.x, d, &fold.test_rows)?;
            let xs = gather(inputs.x, d, &fold.test_rows);
            let predicted = fold.network.predict(&xs, fold.test_rows.len());
            for (&i, r) in fold.test_rows.iter().zip(predicted) {
                risk[i] = f64::from(r);
            }
        }
        let network_pairs = folds
            .iter()
            .map(|fold| {
                NetworkInteraction::new(
                    &fold.network,
                    inputs,
                    &fold.test_rows,
                    &fold.screen_rows,
                    settings.screen.seed,
                )
            })
            .collect::<Result<_, _>>()?;
        let SearchCohort {
            x,
            to_marker,
            missing_indicator,
            outcomes:
                Outcomes {
                    times,
                    events,
                    strata,
                    values,
                    scales,
                },
        } = cohort;
        let mut search = Self {
            folds: folds.to_vec(),
            phase: Phase::Done,
            results: Vec::with_capacity(folds.len()),
            settings,
            times,
            events,
            entity: strata,
            values,
            scales,
            x,
            to_marker,
            missing_indicator,
            excluded: excluded.to_vec(),
            fold_of,
            risk,
            network_pairs,
            grounds: Vec::new(),
            to_test: Vec::new(),
            tests: Vec::new(),
            screened_pairs: 0,
            steps_done: 0,
        };
        // The first step starts a fold here. Other workers may take folds before it: their
        // patients are gathered, sent and freed before this worker gathers its own, so the
        // two folds' copies are never held at once.
        search.phase = Phase::Screening(Screening {
            handout: Handout::default(),
            local: None,
            found: vec![None; folds.len()],
        });
        Ok(search)
    }

    fn outcomes(&self) -> OutcomeData<'_> {
        OutcomeData {
            times: &self.times,
            events: &self.events,
            strata: &self.entity,
            values: &self.values,
            scales: &self.scales,
        }
    }

    /// Fold `k`'s screens, with its patients gathered.
    fn screen_task(&self, k: usize) -> FoldScreenTask {
        let fold = &self.folds[k];
        let d = self.to_marker.n_columns();
        let rows = &fold.screen_rows;
        FoldScreenTask {
            fold: k,
            network: fold.network.clone(),
            to_marker: self.to_marker.clone(),
            missing_indicator: self.missing_indicator.clone(),
            excluded: self.excluded.clone(),
            settings: self.settings,
            x: gather(&self.x, d, rows),
            screened: self.outcomes_of(rows),
        }
    }

    /// The outcomes, strata and raw values of the patients `rows`, in their order.
    fn outcomes_of(&self, rows: &[usize]) -> Outcomes {
        Outcomes {
            times: rows.iter().map(|&i| self.times[i]).collect(),
            events: rows.iter().map(|&i| self.events[i]).collect(),
            strata: rows.iter().map(|&i| self.entity[i]).collect(),
            values: gather(&self.values, self.scales.len(), rows),
            scales: self.scales.clone(),
        }
    }

    /// Patients of the search (screened and tested, all folds).
    pub fn n_patients(&self) -> usize {
        self.times.len()
    }

    /// Steps done.
    pub fn steps_done(&self) -> usize {
        self.steps_done
    }

    /// Fraction of the steps done, in `[0, 1]`: the screens are the first 90%.
    pub fn fraction(&self) -> f64 {
        let folds = self.folds.len().max(1) as f64;
        let round = |r: &TestRound| r.done() as f64 / r.items.len().max(1) as f64;
        match &self.phase {
            Phase::Screening(s) => {
                let found = s.found.iter().filter(|f| f.is_some()).count() as f64;
                let here = s.local.as_ref().map_or(0.0, |l| l.fraction());
                (0.9 * (found + here) / folds).clamp(0.0, 0.9)
            }
            Phase::Testing(r) => 0.9 + 0.08 * round(r),
            Phase::Retesting(r) => 0.98 + 0.02 * round(r),
            Phase::Done | Phase::Failed(_) => 1.0,
        }
    }

    /// What the search is doing, as data (the page words it in its language).
    pub fn progress(&self) -> SearchProgress {
        let folds = self.folds.len();
        let pair = |r: &TestRound| (r.done() + 1).min(r.items.len());
        if self.awaiting() {
            return SearchProgress::Waiting;
        }
        match &self.phase {
            Phase::Screening(s) => match &s.local {
                Some(local) => {
                    let fold = (folds > 1).then_some((local.fold() + 1, folds));
                    match local.progress() {
                        FoldProgress::Network { step, steps } => {
                            SearchProgress::NetworkScreen { fold, step, steps }
                        }
                        FoldProgress::Outcome | FoldProgress::Done => {
                            SearchProgress::OutcomeScreen { fold }
                        }
                    }
                }
                // Before the first fold, or between two (a fold taken back from a worker
                // that stopped).
                None => SearchProgress::NetworkScreen {
                    fold: None,
                    step: 1,
                    steps: 1,
                },
            },
            Phase::Testing(r) => SearchProgress::Testing {
                pair: pair(r),
                pairs: r.items.len(),
            },
            Phase::Retesting(r) => SearchProgress::Retesting {
                pair: pair(r),
                pairs: r.items.len(),
            },
            Phase::Done | Phase::Failed(_) => SearchProgress::Testing {
                pair: self.to_test.len(),
                pairs: self.to_test.len(),
            },
        }
    }

    /// What the search is doing, for a progress line.
    pub fn stage(&self) -> String {
        let which = |fold: Option<(usize, usize)>| {
            fold.map_or_else(String::new, |(fold, folds)| {
                format!(" of network {fold} of {folds}")
            })
        };
        let line = match self.progress() {
            SearchProgress::NetworkScreen { fold, step, steps } => format!(
                "Interactions: screening pairs in the network{}, step {step} of {steps}",
                which(fold)
            ),
            SearchProgress::OutcomeScreen { fold } => format!(
                "Interactions: screening pairs on the training patients' outcomes{}",
                which(fold)
            ),
            SearchProgress::Testing { pair, pairs } => {
                format!("Interactions: testing pair {pair} of {pairs} on held-out outcomes")
            }
            SearchProgress::Retesting { pair, pairs } => format!(
                "Interactions: testing pair {pair} of {pairs} again, given the stronger pairs \
                 it shares a marker with"
            ),
            SearchProgress::Waiting => {
                "Interactions: the rest of the search runs in other workers".to_owned()
            }
        };
        match self.elsewhere() {
            0 => line,
            1 => format!("{line} · one more part of the search runs in another worker"),
            n => format!("{line} · {n} more parts of the search run in other workers"),
        }
    }

    /// Whether every step is done.
    pub fn is_finished(&self) -> bool {
        matches!(self.phase, Phase::Done)
    }

    /// Pieces of the search other workers run.
    pub fn elsewhere(&self) -> usize {
        match &self.phase {
            Phase::Screening(s) => s.handout.elsewhere(),
            Phase::Testing(r) | Phase::Retesting(r) => r.handout.elsewhere(),
            Phase::Done | Phase::Failed(_) => 0,
        }
    }

    /// Whether the search has nothing to do but wait for pieces other workers run.
    pub fn awaiting(&self) -> bool {
        let idle = match &self.phase {
            Phase::Screening(s) => s.local.is_none() && s.handout.all_dealt(self.folds.len()),
            Phase::Testing(r) | Phase::Retesting(r) => {
                r.local.is_none() && r.handout.all_dealt(r.batches.len())
            }
            Phase::Done | Phase::Failed(_) => false,
        };
        idle && self.elsewhere() > 0
    }

    /// Hands up to `workers` pieces not started yet to other workers: folds to screen while
    /// the folds are screened, batches of tests while pairs are tested.
    pub fn take_tasks(&mut self, workers: usize) -> Vec<SearchTask> {
        let mut tasks = Vec::new();
        for _ in 0..workers {
            let dealt = match &mut self.phase {
                Phase::Screening(s) => s.handout.send(self.folds.len()).map(Ok),
                Phase::Testing(r) | Phase::Retesting(r) => r.handout.send(r.batches.len()).map(Err),
                Phase::Done | Phase::Failed(_) => None,
            };
            let task = match (dealt, &self.phase) {
                (Some(Ok(fold)), _) => SearchTask::Screen(Box::new(self.screen_task(fold))),
                (Some(Err(batch)), Phase::Testing(r) | Phase::Retesting(r)) => {
                    SearchTask::Tests(self.test_task(r, batch))
                }
                _ => break,
            };
            tasks.push(task);
        }
        tasks
    }

    /// Takes in a fold's screens, run by another worker.
    ///
    /// # Errors
    /// [`XaiError::InvalidSetting`] for a fold the search does not await, and
    /// [`XaiError::Shape`] or [`XaiError::MarkerOutOfRange`] for screens that do not fit
    /// the fold; the fold is then screened here.
    pub fn accept_screen(&mut self, found: FoldScreened) -> Result<(), XaiError> {
        let fits = self.check_screened(&found);
        let Phase::Screening(s) = &mut self.phase else {
            return Err(not_awaited(found.fold));
        };
        if !s.handout.is_elsewhere(found.fold) {
            return Err(not_awaited(found.fold));
        }
        if let Err(e) = fits {
            s.handout.take_back(found.fold);
            return Err(e);
        }
        s.handout.receive(found.fold);
        let fold = found.fold;
        s.found[fold] = Some(found);
        Ok(())
    }

    fn check_screened(&self, found: &FoldScreened) -> Result<(), XaiError> {
        if found.fold >= self.folds.len() {
            return Err(not_awaited(found.fold));
        }
        let d = self.to_marker.n_columns();
        if let Some(model) = &found.additive
            && model.n_inputs() != d
        {
            return Err(XaiError::Shape {
                what: "inputs of a fold's additive model",
                expected: d,
                found: model.n_inputs(),
            });
        }
        let m = self.scales.len();
        let markers = found
            .screen
            .pairs
            .iter()
            .flat_map(|p| [p.a, p.b])
            .chain(found.scored.iter().flat_map(|p| [p.a, p.b]))
            .chain(found.screen.candidates.iter().copied());
        for marker in markers {
            if marker >= m {
                return Err(XaiError::MarkerOutOfRange {
                    what: "interaction search",
                    marker,
                    n_markers: m,
                });
            }
        }
        Ok(())
    }

    /// Takes in a batch of tests, run by another worker.
    ///
    /// # Errors
    /// [`XaiError::InvalidSetting`] for a batch the search does not await, and
    /// [`XaiError::Shape`] for one whose tests are not the batch's; the batch is then
    /// tested here.
    pub fn accept_tests(&mut self, tested: PairsTested) -> Result<(), XaiError> {
        let (Phase::Testing(r) | Phase::Retesting(r)) = &mut self.phase else {
            return Err(not_awaited(tested.batch));
        };
        if !r.handout.is_elsewhere(tested.batch) {
            return Err(not_awaited(tested.batch));
        }
        let items = &r.batches[tested.batch];
        let fits = tested.tests.len() == items.len()
            && tested.tests.iter().zip(items).all(|((index, test), &i)| {
                let (t, given) = &r.items[i];
                let (a, b) = self.to_test[*t].0;
                *index == i && (test.a, test.b) == (a, b) && &test.given == given
            });
        if !fits {
            r.handout.take_back(tested.batch);
            return Err(XaiError::Shape {
                what: "interaction search",
                expected: items.len(),
                found: tested.tests.len(),
            });
        }
        r.handout.receive(tested.batch);
        for (i, test) in tested.tests {
            r.found[i] = Some(test);
        }
        Ok(())
    }

    /// Takes back piece `key` (a fold while the folds are screened, a batch while pairs are
    /// tested) from a worker that stopped or failed it: it runs here. The search moves on
    /// only once every piece of a round is in, so a key always names a piece of the round
    /// under way.
    pub fn reclaim(&mut self, key: usize) {
        match &mut self.phase {
            Phase::Screening(s) => s.handout.take_back(key),
            Phase::Testing(r) | Phase::Retesting(r) => r.handout.take_back(key),
            Phase::Done | Phase::Failed(_) => {}
        }
    }

    /// Runs the next step. Returns whether steps remain (also when the step only waits for
    /// pieces other workers run: [`ConfirmedSearch::awaiting`]).
    ///
    /// # Errors
    /// [`XaiError`] from a screen or a test (shapes were checked; not expected), again at
    /// every later step.
    pub fn step(&mut self) -> Result<bool, XaiError> {
        self.steps_done += 1;
        let phase = std::mem::replace(&mut self.phase, Phase::Done);
        self.phase = match self.advance(phase) {
            Ok(phase) => phase,
            Err(e) => {
                self.phase = Phase::Failed(e.clone());
                return Err(e);
            }
        };
        Ok(!self.is_finished())
    }

    fn advance(&mut self, phase: Phase) -> Result<Phase, XaiError> {
        match phase {
            Phase::Screening(mut s) => {
                if let Some(mut local) = s.local.take() {
                    if local.step()? {
                        s.local = Some(local);
                    } else {
                        let fold = local.fold();
                        s.found[fold] = Some(local.finish()?);
                    }
                }
                // The next fold starts here at once (one taken back from a worker that
                // stopped first), so the search only waits when nothing is left to do.
                if s.local.is_none()
                    && let Some(k) = s.handout.next(self.folds.len())
                {
                    s.local = Some(Box::new(FoldScreening::new(self.screen_task(k))?));
                }
                if s.found.iter().all(Option::is_some) {
                    let found = s.found.into_iter().flatten().collect();
                    return self.close_screens(found);
                }
                Ok(Phase::Screening(s))
            }
            Phase::Testing(mut r) => {
                self.test_here(&mut r)?;
                if !r.is_complete() {
                    return Ok(Phase::Testing(r));
                }
                self.tests = r.found.into_iter().flatten().collect();
                let again = self.given_stronger();
                Ok(if again.is_empty() {
                    Phase::Done
                } else {
                    Phase::Retesting(TestRound::new(again, |t| self.to_test[t].1))
                })
            }
            Phase::Retesting(mut r) => {
                self.test_here(&mut r)?;
                if !r.is_complete() {
                    return Ok(Phase::Retesting(r));
                }
                for ((t, _), test) in r.items.iter().zip(r.found) {
                    if let (Some(slot), Some(test)) = (self.tests.get_mut(*t), test) {
                        *slot = test;
                    }
                }
                Ok(Phase::Done)
            }
            Phase::Failed(e) => Err(e),
            Phase::Done => Ok(Phase::Done),
        }
    }

    /// Runs up to [`TESTS_PER_STEP`] tests of the round here, from the batch under way or
    /// the next one not dealt.
    fn test_here(&self, r: &mut TestRound) -> Result<(), XaiError> {
        for _ in 0..TESTS_PER_STEP {
            if r.local.is_none() {
                r.local = r.handout.next(r.batches.len()).map(|batch| (batch, 0));
            }
            let Some((batch, done)) = r.local else {
                break;
            };
            let i = r.batches[batch][done];
            let (t, given) = &r.items[i];
            let fold = self.to_test[*t].1;
            r.found[i] = Some(self.grounds[fold].test(&self.planned(i, *t, given))?);
            r.local = (done + 1 < r.batches[batch].len()).then_some((batch, done + 1));
        }
        Ok(())
    }

    /// The test of `to_test[t]` given `given`, as item `index` of its round.
    fn planned(&self, index: usize, t: usize, given: &[(usize, usize)]) -> PlannedTest {
        let ((a, b), fold) = self.to_test[t];
        let rows = &self.folds[fold].test_rows;
        // The network's risk without its own coupling of the pair (see `NetworkInteraction`).
        let coupling = self.network_pairs[fold].of_pair(&self.x, a, b);
        PlannedTest {
            index,
            a,
            b,
            given: given.to_vec(),
            risk: rows
                .iter()
                .zip(&coupling)
                .map(|(&i, c)| self.risk[i] - c)
                .collect(),
        }
    }

    /// Batch `batch` of round `r`, whole.
    fn test_task(&self, r: &TestRound, batch: usize) -> PairTestTask {
        let items = &r.batches[batch];
        let fold = items.first().map_or(0, |&i| self.to_test[r.items[i].0].1);
        PairTestTask {
            batch,
            ground: Arc::clone(&self.grounds[fold]),
            tests: items
                .iter()
                .map(|&i| self.planned(i, r.items[i].0, &r.items[i].1))
                .collect(),
        }
    }

    /// Writes the log-risk of `model`, fold `k`'s additive model, for each of the fold's
    /// test patients into `risk`: gathered a chunk of patients at a time, never the fold
    /// whole (each patient's log-risk is its own row's, the same numbers).
    fn score_test_patients(
        &self,
        model: &BaselineCox,
        k: usize,
        risk: &mut [f64],
    ) -> Result<(), XaiError> {
        let d = self.to_marker.n_columns();
        for rows in self.folds[k].test_rows.chunks(SCORE_CHUNK) {
            let x = gather(&self.x, d, rows);
            let chunk = model
                .log_risk(&x, rows.len())
                .map_err(|_| XaiError::Shape {
                    what: "inputs of a fold's additive model",
                    expected: d,
                    found: model.n_inputs(),
                })?;
            for (&i, r) in rows.iter().zip(chunk) {
                risk[i] = r;
            }
        }
        Ok(())
    }

    /// Records every fold's screens, in fold order, and prepares the tests.
    fn close_screens(&mut self, found: Vec<FoldScreened>) -> Result<Phase, XaiError> {
        let mut additive_risk = vec![0.0f64; self.times.len()];
        let mut has_additive = vec![false; self.folds.len()];
        for found in found {
            let k = found.fold;
            if let Some(model) = &found.additive {
                self.score_test_patients(model, k, &mut additive_risk)?;
                has_additive[k] = true;
            }
            let scored = found.scored;
            let outcome_rank: HashMap<(usize, usize), usize> = scored
                .iter()
                .enumerate()
                .map(|(r, p)| ((p.a, p.b), r + 1))
                .collect();
            let outcome_direction = scored.iter().map(|p| ((p.a, p.b), p.direction)).collect();
            let outcome_kept = scored
                .iter()
                .filter(|p| p.chi2 > 0.0)
                .take(self.settings.keep_by_outcome)
                .map(|p| (p.a, p.b))
                .collect();
            self.results.push(FoldResult {
                screen: found.screen,
                outcome_kept,
                outcome_rank,
                outcome_direction,
            });
        }
        self.screened_pairs = self.results.first().map_or(0, |r| r.screen.pairs.len());
        self.grounds = self
            .folds
            .iter()
            .zip(&has_additive)
            .map(|(fold, &additive)| {
                let rows = &fold.test_rows;
                Arc::new(TestGround {
                    tested: self.outcomes_of(rows),
                    excluded: self.excluded.clone(),
                    covariates: if additive {
                        vec![rows.iter().map(|&i| additive_risk[i]).collect()]
                    } else {
                        Vec::new()
                    },
                })
            })
            .collect();
        self.start_tests();
        let items = (0..self.to_test.len()).map(|t| (t, Vec::new())).collect();
        let round = TestRound::new(items, |t| self.to_test[t].1);
        Ok(if round.items.is_empty() {
            Phase::Done
        } else {
            Phase::Testing(round)
        })
    }

    /// Whether the pair has at least [`MIN_CELL_EVENTS`] events in each of its four cells
    /// among fold `k`'s screening patients.
    fn testable(&self, k: usize, a: usize, b: usize) -> bool {
        let rows = &self.folds[k].screen_rows;
        let data = self.outcomes();
        let events: Vec<bool> = rows.iter().map(|&i| self.events[i]).collect();
        let cells = cell_events(
            &scale_values(&data, a, rows),
            &scale_values(&data, b, rows),
            &events,
        );
        cells.iter().all(|&e| e >= MIN_CELL_EVENTS)
    }

    fn start_tests(&mut self) {
        let mut kept: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
        for (k, result) in self.results.iter().enumerate() {
            let by_network: Vec<(usize, usize)> = result
                .screen
                .pairs
                .iter()
                // A pair with no double difference at all was never coupled.
                .filter(|p| p.strength > 0.0)
                .filter(|p| self.testable(k, p.a, p.b))
                .take(self.settings.keep_by_network)
                .map(|p| (p.a, p.b))
                .collect();
            for pair in by_network
                .into_iter()
                .chain(result.outcome_kept.iter().copied())
            {
                let folds = kept.entry(pair).or_default();
                if !folds.contains(&k) {
                    folds.push(k);
                }
            }
        }
        self.to_test = kept
            .into_iter()
            .flat_map(|(pair, folds)| folds.into_iter().map(move |k| (pair, k)))
            .collect();
    }

    /// The tests to run again, given the stronger pairs of the same fold they share a
    /// marker with: at most [`MAX_GIVEN`] of them, strongest first, each with an
    /// unconditional p-value below the false discovery rate. `(t, given)` per test, in fold
    /// order and by increasing unconditional p-value within a fold.
    fn given_stronger(&self) -> Vec<(usize, Vec<(usize, usize)>)> {
        let unconditional: Vec<f64> = self.tests.iter().map(|t| t.p_value).collect();
        let mut again = Vec::new();
        for k in 0..self.folds.len() {
            let mut order: Vec<usize> = (0..self.tests.len())
                .filter(|&t| self.to_test[t].1 == k)
                .collect();
            order.sort_by(|&l, &r| {
                unconditional[l]
                    .total_cmp(&unconditional[r])
                    .then(l.cmp(&r))
            });
            for (pos, &t) in order.iter().enumerate() {
                let (a, b) = self.to_test[t].0;
                let given: Vec<(usize, usize)> = order[..pos]
                    .iter()
                    .filter(|&&s| unconditional[s] < self.settings.fdr)
                    .map(|&s| self.to_test[s].0)
                    .filter(|&(c, d)| c == a || c == b || d == a || d == b)
                    .take(MAX_GIVEN)
                    .collect();
                if !given.is_empty() {
                    again.push((t, given));
                }
            }
        }
        again
    }

    /// Takes back every piece other workers run: it runs here.
    fn take_back_all(&mut self) {
        match &mut self.phase {
            Phase::Screening(s) => s.handout.take_back_all(),
            Phase::Testing(r) | Phase::Retesting(r) => r.handout.take_back_all(),
            Phase::Done | Phase::Failed(_) => {}
        }
    }

    /// Runs the steps left, here (pieces other workers run are taken back), applies
    /// Benjamini-Hochberg over the tested pairs and ranks them.
    ///
    /// # Errors
    /// As [`ConfirmedSearch::step`].
    pub fn finish(mut self) -> Result<ConfirmedInteractions, XaiError> {
        self.take_back_all();
        while self.step()? {}
        // Network-screen figures averaged over folds.
        let folds = self.results.len();
        let mut pooled: BTreeMap<(usize, usize), (f64, f64, usize, usize)> = BTreeMap::new();
        let mut network_rank: HashMap<(usize, usize), usize> = HashMap::new();
        let mut outcome_rank: HashMap<(usize, usize), usize> = HashMap::new();
        for result in &self.results {
            for (rank, pair) in result.screen.pairs.iter().enumerate() {
                let entry = pooled.entry((pair.a, pair.b)).or_default();
                entry.0 += pair.strength;
                entry.1 += pair.rms_interaction * pair.rms_interaction;
                entry.2 += pair.patients;
                entry.3 += 1;
                let best = network_rank.entry((pair.a, pair.b)).or_insert(rank + 1);
                *best = (*best).min(rank + 1);
            }
            for (&pair, &rank) in &result.outcome_rank {
                let best = outcome_rank.entry(pair).or_insert(rank);
                *best = (*best).min(rank);
            }
        }
        // Each test's one-sided p-value, in the direction of its fold's outcome screen.
        let sided: Vec<f64> = self
            .tests
            .iter()
            .zip(&self.to_test)
            .map(|(test, &(pair, k))| {
                let direction = self.results[k].outcome_direction.get(&pair).copied();
                one_sided(test.p_value, test.log_hazard_ratio, direction.unwrap_or(0))
            })
            .collect();
        // Weighted Benjamini-Hochberg within each fold over the pairs it tested; a pair's
        // q-value is the smallest over its folds of K times the fold's.
        let mut fold_q = vec![1.0f64; self.tests.len()];
        for (k, result) in self.results.iter().enumerate() {
            let mine: Vec<usize> = (0..self.tests.len())
                .filter(|&t| self.to_test[t].1 == k)
                .collect();
            let weights: Vec<f64> = mine
                .iter()
                .map(|&t| {
                    let rank = result.outcome_rank.get(&self.to_test[t].0).copied();
                    outcome_rank_weight(rank.unwrap_or(0))
                })
                .collect();
            let p: Vec<f64> = mine.iter().map(|&t| sided[t]).collect();
            for (&t, q) in mine.iter().zip(weighted_benjamini_hochberg(&p, &weights)?) {
                fold_q[t] = q;
            }
        }
        let mut by_pair: BTreeMap<(usize, usize), Vec<FoldTest>> = BTreeMap::new();
        for (((test, &(pair, fold)), q), p) in self
            .tests
            .into_iter()
            .zip(&self.to_test)
            .zip(fold_q)
            .zip(sided)
        {
            by_pair.entry(pair).or_default().push(FoldTest {
                fold,
                test,
                q,
                one_sided: p,
            });
        }
        let combined: Vec<Combined> = by_pair
            .into_iter()
            .filter_map(|(pair, tests)| {
                let mut fold_p = vec![1.0; folds];
                let mut fold_sided = vec![1.0; folds];
                let mut fold_q = vec![1.0; folds];
                let mut fold_log_hr = vec![None; folds];
                for t in &tests {
                    if let Some(slot) = fold_p.get_mut(t.fold) {
                        *slot = t.test.p_value;
                    }
                    if let Some(slot) = fold_sided.get_mut(t.fold) {
                        *slot = t.one_sided;
                    }
                    if let Some(slot) = fold_q.get_mut(t.fold) {
                        *slot = t.q;
                    }
                    if let Some(slot) = fold_log_hr.get_mut(t.fold) {
                        *slot = t.test.log_hazard_ratio;
                    }
                }
                let kept_by = tests.len();
                let best = tests.into_iter().min_by(|l, r| {
                    l.one_sided
                        .total_cmp(&r.one_sided)
                        .then(l.fold.cmp(&r.fold))
                })?;
                Some(Combined {
                    pair,
                    fold_p,
                    p: combine_folds(&fold_sided),
                    fold_log_hr,
                    best: best.test,
                    kept_by,
                    q: combine_folds(&fold_q),
                })
            })
            .collect();
        let fdr = self.settings.fdr;
        let mut pairs: Vec<ConfirmedPair> = combined
            .into_iter()
            .map(
                |Combined {
                     pair: (a, b),
                     fold_p: fold_p_values,
                     p,
                     fold_log_hr: fold_log_hazard_ratios,
                     best: test,
                     kept_by,
                     q,
                 }| {
                    let (sum, ..) = pooled.get(&(a, b)).copied().unwrap_or_default();
                    let fold_network_ranks = self
                        .results
                        .iter()
                        .map(|r| {
                            r.screen
                                .pairs
                                .iter()
                                .position(|p| (p.a, p.b) == (a, b))
                                .map_or(0, |i| i + 1)
                        })
                        .collect();
                    let fold_outcome_ranks = self
                        .results
                        .iter()
                        .map(|r| r.outcome_rank.get(&(a, b)).copied().unwrap_or(0))
                        .collect();
                    let fold_outcome_directions = self
                        .results
                        .iter()
                        .map(|r| r.outcome_direction.get(&(a, b)).copied().unwrap_or(0))
                        .collect();
                    ConfirmedPair {
                        fold_network_ranks,
                        fold_outcome_ranks,
                        fold_outcome_directions,
                        fold_log_hazard_ratios,
                        a,
                        b,
                        strength: sum / folds.max(1) as f64,
                        network_rank: network_rank.get(&(a, b)).copied().unwrap_or(0),
                        outcome_rank: outcome_rank.get(&(a, b)).copied().unwrap_or(0),
                        folds: kept_by,
                        p_value: p,
                        fold_p_values,
                        declared: q < fdr,
                        q_value: q,
                        test,
                    }
                },
            )
            .collect();
        pairs.sort_by(|l, r| {
            l.p_value
                .total_cmp(&r.p_value)
                .then(r.strength.total_cmp(&l.strength))
                .then((l.a, l.b).cmp(&(r.a, r.b)))
        });
        let mut screened: Vec<ScreenedPair> = pooled
            .iter()
            .map(
                |(&(a, b), &(strength, squares, patients, seen))| ScreenedPair {
                    a,
                    b,
                    strength: strength / folds.max(1) as f64,
                    rms_interaction: (squares / seen.max(1) as f64).sqrt(),
                    patients,
                },
            )
            .collect();
        screened.sort_by(|l, r| {
            r.strength
                .total_cmp(&l.strength)
                .then((l.a, l.b).cmp(&(r.a, r.b)))
        });
        screened.truncate(KEPT_SCREENED_PAIRS);
        let mut candidates: Vec<usize> = self
            .results
            .iter()
            .flat_map(|r| r.screen.candidates.iter().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        Ok(ConfirmedInteractions {
            declared: pairs.iter().filter(|p| p.declared).count(),
            pairs,
            fdr,
            folds,
            screened_patients: self.results.iter().map(|r| r.screen.patients).sum(),
            screened_pairs: self.screened_pairs,
            candidates,
            test_patients: self.fold_of.iter().filter(|&&f| f != usize::MAX).count(),
            screened,
        })
    }
}

/// One fold's test of a pair.
struct FoldTest {
    fold: usize,
    test: PairTest,
    /// The q-value within the fold.
    q: f64,
    /// The test's p-value one-sided in the fold's outcome direction ([`one_sided`]).
    one_sided: f64,
}

/// A pair's folds combined.
struct Combined {
    pair: (usize, usize),
    /// Each fold's two-sided p-value (1 where the fold did not keep the pair).
    fold_p: Vec<f64>,
    /// The pair's p-value: [`combine_folds`] of the one-sided p-values.
    p: f64,
    /// Each fold's log hazard ratio of the product.
    fold_log_hr: Vec<Option<f64>>,
    /// The test of the fold with the smallest one-sided p-value.
    best: PairTest,
    /// Folds that kept the pair.
    kept_by: usize,
    /// The pair's q-value: [`combine_folds`] of its folds' q-values.
    q: f64,
}

/// Weight of a pair in its fold's Benjamini-Hochberg by its 1-based rank in the fold's
/// outcome screen (0: not ranked there): 4 for ranks 1 to 10, 2 for 11 to 30, 1 otherwise.
/// The tiers were chosen on the calibration runs of seeds 1 to 10 and checked on fresh
/// seeds (the project's interaction notes).
pub fn outcome_rank_weight(rank: usize) -> f64 {
    match rank {
        1..=10 => 4.0,
        11..=30 => 2.0,
        _ => 1.0,
    }
}

/// A two-sided p-value made one-sided in `direction` (+1: the product goes with more
/// events, -1 with fewer, 0: none): `p / 2` when the estimated log hazard ratio points that
/// way, `1 - p / 2` when not; `p` without a direction or an estimate.
pub fn one_sided(p: f64, log_hazard_ratio: Option<f64>, direction: i8) -> f64 {
    match (direction.signum(), log_hazard_ratio) {
        (0, _) | (_, None) => p,
        _ if p >= 1.0 => p,
        (d, Some(b)) if (b > 0.0) == (d > 0) => p / 2.0,
        _ => 1.0 - p / 2.0,
    }
}

/// Benjamini-Hochberg q-values of `p` weighted by `weights` (Genovese, Roeder and Wasserman
/// 2006): each `p_i` becomes `min(1, p_i / w_i)` with the weights scaled to mean 1, then
/// plain Benjamini-Hochberg. Equal weights give plain Benjamini-Hochberg.
///
/// # Errors
/// [`XaiError::Shape`] when the lengths differ, [`XaiError::InvalidSetting`] for a weight
/// that is not finite and positive, and the errors of [`benjamini_hochberg`].
pub fn weighted_benjamini_hochberg(p: &[f64], weights: &[f64]) -> Result<Vec<f64>, XaiError> {
    if p.len() != weights.len() {
        return Err(XaiError::Shape {
            what: "weights of the p-values",
            expected: p.len(),
            found: weights.len(),
        });
    }
    if let Some(&w) = weights.iter().find(|w| !(w.is_finite() && **w > 0.0)) {
        return Err(XaiError::InvalidSetting {
            setting: "weight of a p-value",
            value: w,
            requirement: "finite and > 0",
        });
    }
    let mean = weights.iter().sum::<f64>() / weights.len().max(1) as f64;
    let scaled: Vec<f64> = p
        .iter()
        .zip(weights)
        .map(|(&p, &w)| {
            if p.is_nan() {
                p
            } else {
                (p * mean / w).min(1.0)
            }
        })
        .collect();
    benjamini_hochberg(&scaled)
}

/// A pair's p-value from its folds' (1 where a fold did not keep it): Bonferroni,
/// `min(1, K min_k p_k)`.
pub fn combine_folds(fold_p_values: &[f64]) -> f64 {
    let k = fold_p_values.len().max(1) as f64;
    let min = fold_p_values.iter().copied().fold(1.0f64, f64::min);
    (k * min).min(1.0)
}

/// Checks the rows `rows` of the `n x d` matrix `x` exist and are finite.
fn check_finite(x: &[f32], d: usize, rows: &[usize]) -> Result<(), XaiError> {
    for &i in rows {
        let row = x
            .get(i * d..(i + 1) * d)
            .ok_or(XaiError::PatientOutOfRange {
                what: "interaction search",
                row: i,
                n_patients: x.len() / d.max(1),
            })?;
        if let Some(c) = row.iter().position(|v| !v.is_finite()) {
            return Err(XaiError::NonFiniteInput {
                patient: i,
                input: c,
                value: row[c],
            });
        }
    }
    Ok(())
}

/// The rows `rows` of the `n x d` matrix `x`, in their order (rows past the end are left
/// out; the search checks its rows when it starts).
fn gather<T: Copy>(x: &[T], d: usize, rows: &[usize]) -> Vec<T> {
    let mut out = Vec::with_capacity(rows.len() * d);
    for &i in rows {
        if let Some(row) = x.get(i * d..(i + 1) * d) {
            out.extend_from_slice(row);
        }
    }
    out
}

/// The refusal of a piece of the search (a fold's screens, a batch of tests) that the search
/// does not await.
pub fn not_awaited(piece: usize) -> XaiError {
    XaiError::InvalidSetting {
        setting: "part of the interaction search from another worker",
        value: piece as f64,
        requirement: "a part the search awaits",
    }
}

/// The whole search in one go ([`ConfirmedSearch`] step by step).
///
/// # Errors
/// As [`ConfirmedSearch::new`] and [`ConfirmedSearch::finish`].
pub fn confirmed_interactions(
    folds: &[FoldPlan],
    inputs: &ScreenData<'_>,
    outcomes: &OutcomeData<'_>,
    excluded: &[usize],
    settings: SearchSettings,
) -> Result<ConfirmedInteractions, XaiError> {
    ConfirmedSearch::new(folds, inputs, outcomes, excluded, settings)?.finish()
}

#[cfg(test)]
mod tests {
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    use super::*;

    #[test]
    fn one_sided_halves_p_in_the_screened_direction() {
        assert_eq!(one_sided(0.04, Some(0.3), 1), 0.02);
        assert_eq!(one_sided(0.04, Some(-0.3), -1), 0.02);
        assert_eq!(one_sided(0.04, Some(-0.3), 1), 0.98);
        assert_eq!(one_sided(0.04, Some(0.3), -1), 0.98);
        // No direction, no estimate or an untested pair: the two-sided p as it is.
        assert_eq!(one_sided(0.04, Some(0.3), 0), 0.04);
        assert_eq!(one_sided(0.04, None, 1), 0.04);
        assert_eq!(one_sided(1.0, Some(0.3), -1), 1.0);
    }

    #[test]
    fn rank_weights_have_three_tiers() {
        let w: Vec<f64> = [0, 1, 10, 11, 30, 31, 80].map(outcome_rank_weight).to_vec();
        assert_eq!(w, [1.0, 4.0, 4.0, 2.0, 2.0, 1.0, 1.0]);
    }

    #[test]
    fn weighted_bh_by_hand() {
        // Weights of mean 2: scaled p = [0.005, 0.08, 1 (capped), 0.9]. Sorted, the
        // step-up q-values are 0.005 * 4, 0.08 * 4 / 2, min(0.9 * 4 / 3, 1), 1.
        let q =
            weighted_benjamini_hochberg(&[0.01, 0.04, 0.5, 0.9], &[4.0, 1.0, 1.0, 2.0]).unwrap();
        let expected = [0.02, 0.16, 1.0, 1.0];
        for (q, e) in q.iter().zip(expected) {
            assert!((q - e).abs() < 1e-12, "{q} vs {e}");
        }
        // Equal weights are plain Benjamini-Hochberg.
        let p = [0.5, 0.03, 0.01, 0.02];
        assert_eq!(
            weighted_benjamini_hochberg(&p, &[3.0; 4]).unwrap(),
            benjamini_hochberg(&p).unwrap()
        );
        assert!(weighted_benjamini_hochberg(&p, &[1.0; 3]).is_err());
        assert!(weighted_benjamini_hochberg(&p, &[1.0, 0.0, 1.0, 1.0]).is_err());
        assert!(weighted_benjamini_hochberg(&p, &[1.0, f64::NAN, 1.0, 1.0]).is_err());
    }

    /// Under the complete null (uniform, independent p-values) with the weights fixed in
    /// advance, any declaration is a false discovery: its rate must stay at the level.
    #[test]
    fn weighted_one_sided_bh_keeps_its_level_under_the_null() {
        let mut rng = ChaCha8Rng::seed_from_u64(12);
        let weights: Vec<f64> = (1..=90).map(outcome_rank_weight).collect();
        let (level, reps) = (0.05, 4_000);
        let mut any = 0;
        for _ in 0..reps {
            let p: Vec<f64> = weights
                .iter()
                .map(|_| {
                    // A two-sided p with a random sign of the estimate and of the screen.
                    let p: f64 = rng.random();
                    let estimate = if rng.random::<bool>() { 0.2 } else { -0.2 };
                    let direction = if rng.random::<bool>() { 1 } else { -1 };
                    one_sided(p, Some(estimate), direction)
                })
                .collect();
            let q = weighted_benjamini_hochberg(&p, &weights).unwrap();
            any += usize::from(q.iter().any(|&q| q < level));
        }
        let rate = any as f64 / reps as f64;
        // Binomial standard error at 5% and 4,000 repetitions: 0.0034.
        assert!(rate < level + 3.0 * 0.0034, "null declaration rate {rate}");
        assert!(rate > level / 2.0, "the test lost its power: {rate}");
    }
}
