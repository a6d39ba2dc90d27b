//! The default interaction method: screen pairs in the network, confirm the strongest on
//! outcomes the network never saw, control the false discovery rate over the screened
//! pairs only.
//!
//! The search runs over **folds**. Each fold brings a network, the patients it was trained
//! on (where its pairs are screened, [`super::screen`]) and patients whose outcomes it never
//! saw (where pairs are tested, [`super::confirm`]). With cross-fitting, `K` networks are
//! trained on `K - 1` folds each and every patient is a test patient exactly once; with one
//! stored network, its training patients screen and its held-out patients test.
//!
//! 1. **Screen** on each fold's training patients: every pair's `H^2`; the fold keeps its
//!    [`SearchSettings::confirm_top`] strongest pairs. The screen reads the network and the
//!    markers, never an outcome of the test patients, so which pairs are tested does not
//!    depend on the outcomes they are tested on.
//! 2. **Confirm** each kept pair on the test patients of the folds that kept it, pooled: a
//!    Cox model stratified by entity within fold, each patient's out-of-fold network risk
//!    as an offset with a free calibration slope, both markers' main effects and their
//!    product; the likelihood-ratio test of the product gives the p-value.
//! 3. **Declare** by Benjamini-Hochberg over the tested pairs (the union of the folds' kept
//!    pairs; a pair that could not be tested counts with p = 1): a pair is declared when
//!    `q < fdr`. Under the complete null (no interaction in the truth) the chance of any
//!    declaration is at most `fdr` for independent tests (BH is then Simes' test).
//!
//! The declared pair's hazard ratio is that of the product term, with its 95% interval.

use std::collections::{BTreeMap, HashMap};

use survlens_model::CoxNet;

use super::confirm::{MarkerScale, OutcomeData, PairTest, test_pair};
use super::couplings::benjamini_hochberg;
use super::screen::{PairScreen, ScreenData, ScreenResult, ScreenSettings, ScreenedPair};
use crate::XaiError;

/// Default number of pairs each fold keeps for the outcome test.
pub const DEFAULT_CONFIRM_TOP: usize = 20;

/// Default false discovery rate of the declarations.
pub const DEFAULT_SEARCH_FDR: f64 = 0.05;

/// Screened pairs kept in the result for display (strongest first).
pub const KEPT_SCREENED_PAIRS: usize = 100_000;

/// Pairs tested per [`ConfirmedSearch::step`] once the screens are done.
const TESTS_PER_STEP: usize = 2;

/// One fold of the search: a network, where it screens and where its pairs are tested.
#[derive(Clone, Debug)]
pub struct FoldPlan {
    /// The fold's network.
    pub network: CoxNet,
    /// Patients the network was trained on (the screen's pool).
    pub screen_rows: Vec<usize>,
    /// Patients whose outcomes the network never saw (the test).
    pub test_rows: Vec<usize>,
}

/// Settings of the search.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SearchSettings {
    /// The screen of each fold.
    pub screen: ScreenSettings,
    /// Pairs each fold keeps for the test, `>= 1`.
    pub confirm_top: usize,
    /// False discovery rate in `(0, 1]`.
    pub fdr: f64,
}

impl Default for SearchSettings {
    fn default() -> Self {
        Self {
            screen: ScreenSettings::default(),
            confirm_top: DEFAULT_CONFIRM_TOP,
            fdr: DEFAULT_SEARCH_FDR,
        }
    }
}

/// A tested pair with its screen figures and its decision.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ConfirmedPair {
    /// First marker (smaller index).
    pub a: usize,
    /// Second marker.
    pub b: usize,
    /// `H^2` averaged over the folds (each fold's over its screened patients).
    pub strength: f64,
    /// Best 1-based rank of the pair in a fold's screen.
    pub screen_rank: usize,
    /// Folds that kept the pair for the test.
    pub folds: usize,
    /// The outcome test.
    pub test: PairTest,
    /// Benjamini-Hochberg q-value over the tested pairs.
    pub q_value: f64,
    /// `q < fdr`.
    pub declared: bool,
}

/// What the search found.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfirmedInteractions {
    /// Every tested pair, by increasing p-value (ties: stronger screen first).
    pub pairs: Vec<ConfirmedPair>,
    /// Pairs declared (`q < fdr`).
    pub declared: usize,
    /// The false discovery rate used.
    pub fdr: f64,
    /// Number of folds.
    pub folds: usize,
    /// Patients screened, summed over folds.
    pub screened_patients: usize,
    /// Pairs screened per fold (the first fold's count).
    pub screened_pairs: usize,
    /// Markers whose pairs were screened (union over folds, increasing).
    pub candidates: Vec<usize>,
    /// Test patients (all folds).
    pub test_patients: usize,
    /// The strongest screened pairs, `H^2` averaged over folds, strongest first (at most
    /// [`KEPT_SCREENED_PAIRS`]).
    pub screened: Vec<ScreenedPair>,
}

enum Phase {
    Screening,
    Testing,
}

/// The search, resumable: [`ConfirmedSearch::new`] prepares each fold's screen; each
/// [`ConfirmedSearch::step`] screens a chunk of patients of one fold or tests a few kept
/// pairs; [`ConfirmedSearch::finish`] runs what is left and declares.
pub struct ConfirmedSearch {
    screens: Vec<PairScreen>,
    results: Vec<ScreenResult>,
    phase: Phase,
    settings: SearchSettings,
    /// The test patients' outcomes and values, compacted to those rows.
    times: Vec<f64>,
    events: Vec<bool>,
    entity: Vec<u32>,
    values: Vec<f32>,
    scales: Vec<MarkerScale>,
    /// Per compact test row: its fold and its network's log-risk.
    fold_of: Vec<usize>,
    risk: Vec<f64>,
    /// Pairs to test, with the folds that kept them.
    to_test: Vec<((usize, usize), Vec<usize>)>,
    tests: Vec<PairTest>,
    screened_pairs: usize,
    /// Screening steps of all folds, and those done.
    screen_steps: usize,
    screen_steps_done: usize,
}

impl ConfirmedSearch {
    /// Prepares the search.
    ///
    /// # Shapes
    /// `inputs` holds `n` patients' encoded inputs grouped into `m` markers; `outcomes`
    /// holds the same `n` patients and `m` markers, with the same strata; `excluded`:
    /// markers never paired (the entity).
    ///
    /// # Errors
    /// [`XaiError::Shape`] for disagreeing shapes, [`XaiError::InvalidSetting`] for no fold,
    /// test rows shared by two folds, or settings out of range, and the errors of
    /// [`PairScreen::new`].
    pub fn new(
        folds: &[FoldPlan],
        inputs: &ScreenData<'_>,
        outcomes: &OutcomeData<'_>,
        excluded: &[usize],
        settings: SearchSettings,
    ) -> Result<Self, XaiError> {
        outcomes.check()?;
        let (x, to_marker) = (inputs.x, inputs.to_marker);
        if inputs.strata != outcomes.strata {
            return Err(XaiError::InvalidSetting {
                setting: "strata of the screen and of the outcome test (patients)",
                value: inputs.strata.len() as f64,
                requirement: "the same strata",
            });
        }
        let (n, m) = (outcomes.n_patients(), outcomes.n_markers());
        if to_marker.n_groups() != m {
            return Err(XaiError::Shape {
                what: "markers of the outcome data",
                expected: to_marker.n_groups(),
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
        if settings.confirm_top < 1 {
            return Err(XaiError::InvalidSetting {
                setting: "pairs kept for the outcome test",
                value: settings.confirm_top as f64,
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
        let mut fold_of_row = vec![usize::MAX; n];
        for (k, fold) in folds.iter().enumerate() {
            for &row in &fold.test_rows {
                let Some(slot) = fold_of_row.get_mut(row) else {
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
        let screens = folds
            .iter()
            .map(|fold| {
                PairScreen::new(
                    &fold.network,
                    inputs,
                    &fold.screen_rows,
                    excluded,
                    settings.screen,
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        let screen_steps = screens.iter().map(PairScreen::n_steps).sum();
        // The test rows, compacted, with each fold's out-of-fold risk.
        let d = to_marker.n_columns();
        let rows: Vec<usize> = (0..n).filter(|&i| fold_of_row[i] != usize::MAX).collect();
        let mut risk = vec![0.0f64; rows.len()];
        for (k, fold) in folds.iter().enumerate() {
            let positions: Vec<usize> = rows
                .iter()
                .enumerate()
                .filter(|(_, i)| fold_of_row[**i] == k)
                .map(|(pos, _)| pos)
                .collect();
            let mut xs = Vec::with_capacity(positions.len() * d);
            for &pos in &positions {
                let i = rows[pos];
                let row = &x[i * d..(i + 1) * d];
                if let Some(c) = row.iter().position(|v| !v.is_finite()) {
                    return Err(XaiError::NonFiniteInput {
                        patient: i,
                        input: c,
                        value: row[c],
                    });
                }
                xs.extend_from_slice(row);
            }
            let predicted = fold.network.predict(&xs, positions.len());
            for (&pos, r) in positions.iter().zip(predicted) {
                risk[pos] = f64::from(r);
            }
        }
        let mut values = Vec::with_capacity(rows.len() * m);
        for &i in &rows {
            values.extend_from_slice(&outcomes.values[i * m..(i + 1) * m]);
        }
        Ok(Self {
            screens,
            results: Vec::with_capacity(folds.len()),
            phase: Phase::Screening,
            settings,
            times: rows.iter().map(|&i| outcomes.times[i]).collect(),
            events: rows.iter().map(|&i| outcomes.events[i]).collect(),
            entity: rows.iter().map(|&i| outcomes.strata[i]).collect(),
            values,
            scales: outcomes.scales.to_vec(),
            fold_of: rows.iter().map(|&i| fold_of_row[i]).collect(),
            risk,
            to_test: Vec::new(),
            tests: Vec::new(),
            screened_pairs: 0,
            screen_steps,
            screen_steps_done: 0,
        })
    }

    /// Steps in all, as far as known: every fold's screen, then the tests (counted as
    /// `folds x confirm_top` until the screens are done).
    pub fn n_steps(&self) -> usize {
        let tests = match self.phase {
            Phase::Screening => {
                self.settings.confirm_top * (self.screens.len() + self.results.len())
            }
            Phase::Testing => self.to_test.len(),
        };
        self.screen_steps + tests.div_ceil(TESTS_PER_STEP)
    }

    /// Steps done.
    pub fn steps_done(&self) -> usize {
        self.screen_steps_done + self.tests.len().div_ceil(TESTS_PER_STEP)
    }

    /// Fraction of the steps done, in `[0, 1]`.
    pub fn fraction(&self) -> f64 {
        (self.steps_done() as f64 / self.n_steps().max(1) as f64).min(1.0)
    }

    /// What the search is doing, for a progress line.
    pub fn stage(&self) -> String {
        match self.phase {
            Phase::Screening => {
                let fold = self.results.len() + 1;
                let folds = self.results.len() + self.screens.len();
                let screen = self.screens.first();
                let done = screen.map_or(0, PairScreen::steps_done);
                let all = screen.map_or(0, PairScreen::n_steps);
                if folds > 1 {
                    format!(
                        "Interactions: screening pairs in network {fold} of {folds}, step {done} of {all}"
                    )
                } else {
                    format!("Interactions: screening pairs in the network, step {done} of {all}")
                }
            }
            Phase::Testing => format!(
                "Interactions: testing pair {} of {} on outcomes",
                (self.tests.len() + 1).min(self.to_test.len()),
                self.to_test.len()
            ),
        }
    }

    /// Whether every step is done.
    pub fn is_finished(&self) -> bool {
        matches!(self.phase, Phase::Testing) && self.tests.len() >= self.to_test.len()
    }

    /// Runs the next step. Returns whether steps remain.
    ///
    /// # Errors
    /// [`XaiError`] from a screen or a test (shapes were checked; not expected).
    pub fn step(&mut self) -> Result<bool, XaiError> {
        match self.phase {
            Phase::Screening => {
                let Some(screen) = self.screens.first_mut() else {
                    self.start_tests();
                    return Ok(!self.is_finished());
                };
                let more = screen.step()?;
                self.screen_steps_done += 1;
                if !more {
                    let screen = self.screens.remove(0);
                    let result = screen.finish()?;
                    if self.results.is_empty() {
                        self.screened_pairs = result.pairs.len();
                    }
                    self.results.push(result);
                    if self.screens.is_empty() {
                        self.start_tests();
                    }
                }
                Ok(!self.is_finished())
            }
            Phase::Testing => {
                for _ in 0..TESTS_PER_STEP {
                    let Some(((a, b), folds)) = self.to_test.get(self.tests.len()) else {
                        break;
                    };
                    let test = self.test(*a, *b, folds)?;
                    self.tests.push(test);
                }
                Ok(!self.is_finished())
            }
        }
    }

    fn start_tests(&mut self) {
        let mut kept: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
        for (k, result) in self.results.iter().enumerate() {
            for pair in result.pairs.iter().take(self.settings.confirm_top) {
                // A pair with no double difference at all was never coupled: nothing to test.
                if pair.strength > 0.0 {
                    kept.entry((pair.a, pair.b)).or_default().push(k);
                }
            }
        }
        self.to_test = kept.into_iter().collect();
        self.phase = Phase::Testing;
    }

    fn test(&self, a: usize, b: usize, folds: &[usize]) -> Result<PairTest, XaiError> {
        let rows: Vec<usize> = (0..self.times.len())
            .filter(|&i| folds.contains(&self.fold_of[i]))
            .collect();
        // Dense stratum ids for (fold, entity).
        let mut ids: HashMap<(usize, u32), u32> = HashMap::new();
        let stratum: Vec<u32> = rows
            .iter()
            .map(|&i| {
                let next = ids.len() as u32;
                *ids.entry((self.fold_of[i], self.entity[i])).or_insert(next)
            })
            .collect();
        let risk: Vec<f64> = rows.iter().map(|&i| self.risk[i]).collect();
        let data = OutcomeData {
            times: &self.times,
            events: &self.events,
            strata: &self.entity,
            values: &self.values,
            scales: &self.scales,
        };
        test_pair(&data, a, b, &rows, &risk, &stratum)
    }

    /// Runs the steps left, applies Benjamini-Hochberg over the tested pairs and ranks them.
    ///
    /// # Errors
    /// As [`ConfirmedSearch::step`].
    pub fn finish(mut self) -> Result<ConfirmedInteractions, XaiError> {
        while self.step()? {}
        let p: Vec<f64> = self.tests.iter().map(|t| t.p_value).collect();
        let q = benjamini_hochberg(&p)?;
        // Screen figures averaged over folds.
        let folds = self.results.len();
        let mut pooled: BTreeMap<(usize, usize), (f64, f64, usize, usize)> = BTreeMap::new();
        let mut best_rank: HashMap<(usize, usize), usize> = HashMap::new();
        for result in &self.results {
            for (rank, pair) in result.pairs.iter().enumerate() {
                let entry = pooled.entry((pair.a, pair.b)).or_default();
                entry.0 += pair.strength;
                entry.1 += pair.rms_interaction * pair.rms_interaction;
                entry.2 += pair.patients;
                entry.3 += 1;
                let best = best_rank.entry((pair.a, pair.b)).or_insert(rank + 1);
                *best = (*best).min(rank + 1);
            }
        }
        let mut pairs: Vec<ConfirmedPair> = self
            .tests
            .into_iter()
            .zip(q)
            .zip(&self.to_test)
            .map(|((test, q), ((a, b), kept_by))| {
                let (sum, ..) = pooled.get(&(*a, *b)).copied().unwrap_or_default();
                ConfirmedPair {
                    a: *a,
                    b: *b,
                    strength: sum / folds.max(1) as f64,
                    screen_rank: best_rank.get(&(*a, *b)).copied().unwrap_or(0),
                    folds: kept_by.len(),
                    declared: q < self.settings.fdr,
                    q_value: q,
                    test,
                }
            })
            .collect();
        pairs.sort_by(|l, r| {
            l.test
                .p_value
                .total_cmp(&r.test.p_value)
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
            .flat_map(|r| r.candidates.iter().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        Ok(ConfirmedInteractions {
            declared: pairs.iter().filter(|p| p.declared).count(),
            pairs,
            fdr: self.settings.fdr,
            folds,
            screened_patients: self.results.iter().map(|r| r.patients).sum(),
            screened_pairs: self.screened_pairs,
            candidates,
            test_patients: self.times.len(),
            screened,
        })
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
