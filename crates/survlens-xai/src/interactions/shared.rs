//! The search's independent pieces, whole, for another worker: one fold's two screens
//! ([`FoldScreenTask`]) and a batch of pair tests of one fold ([`PairTestTask`]).
//!
//! Each piece carries only its own patients, gathered in the order of the fold's rows, and
//! [`super::ConfirmedSearch`] runs its own share through these same types. Every screen and
//! test reads its patients by their position among the rows it is given (the screen's
//! stratified sample, its references, the additive model, the test's scales and
//! companions), so a gathered copy in the same order gives the same numbers bit for bit:
//! which worker screened a fold or tested a pair never shows in the findings.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use survlens_model::{BaselineCox, BaselineKind, CoxNet};

use super::confirm::{MarkerScale, OutcomeData, PairTest, TestSample, test_pair_given};
use super::score::{ScoreScreen, ScoredPair};
use super::screen::{PairScreen, ScreenData, ScreenResult};
use super::search::{OUTCOME_SCREEN_PENALIZER, SCORES_PER_STEP, SearchSettings};
use crate::{Grouping, XaiError};

/// One fold's screens: its network, and its screening patients' inputs, outcomes, strata
/// and raw values. The fold's test patients stay with the search, which scores them with
/// the additive model the screens return ([`FoldScreened::additive`]).
///
/// # Shapes
/// `s` screening patients, `d` encoded inputs, `m` markers: `x`: `s x d`; `screened`: `s`
/// patients and `m` markers; `missing_indicator`: `m`.
#[derive(Clone, Debug, PartialEq)]
pub struct FoldScreenTask {
    /// The fold (names the result).
    pub fold: usize,
    /// The fold's network.
    pub network: CoxNet,
    /// Encoded input -> marker.
    pub to_marker: Grouping,
    /// Each marker's missing indicator input, if it has one.
    pub missing_indicator: Vec<Option<usize>>,
    /// Markers never paired (the entity).
    pub excluded: Vec<usize>,
    /// The search's settings.
    pub settings: SearchSettings,
    /// The screening patients' encoded inputs.
    pub x: Vec<f32>,
    /// The screening patients' outcomes, strata and raw values.
    pub screened: Outcomes,
}

/// Patients' follow-up, strata and raw marker values, owned ([`OutcomeData`] reads them).
///
/// # Shapes
/// `n` patients, `m` markers: `times`, `events`, `strata`: `n`; `values`: `n x m`
/// row-major, NaN where missing; `scales`: `m`.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcomes {
    /// Follow-up times.
    pub times: Vec<f64>,
    /// Events.
    pub events: Vec<bool>,
    /// Strata (the entity).
    pub strata: Vec<u32>,
    /// Raw marker values.
    pub values: Vec<f32>,
    /// How each marker enters the screens and tests.
    pub scales: Vec<MarkerScale>,
}

impl Outcomes {
    /// Patients.
    pub fn n_patients(&self) -> usize {
        self.times.len()
    }

    /// The patients as the screens and tests read them.
    pub fn data(&self) -> OutcomeData<'_> {
        OutcomeData {
            times: &self.times,
            events: &self.events,
            strata: &self.strata,
            values: &self.values,
            scales: &self.scales,
        }
    }
}

impl FoldScreenTask {
    /// Screening patients.
    pub fn n_screen(&self) -> usize {
        self.screened.n_patients()
    }

    fn screen_data(&self) -> ScreenData<'_> {
        ScreenData {
            x: &self.x,
            to_marker: &self.to_marker,
            missing_indicator: &self.missing_indicator,
            strata: &self.screened.strata,
        }
    }

    /// The additive model of the screening patients' outcomes (see the search's
    /// documentation), when it can be fitted, and the log-risks the outcome screen takes as
    /// given: the model's, or the network's where it cannot be fitted.
    fn additive(&self) -> (Vec<f64>, Option<BaselineCox>) {
        let d = self.network.n_inputs();
        let s = self.n_screen();
        let model = BaselineCox::fit_with_penalizer(
            BaselineKind::Hinge,
            &self.x,
            d,
            &self.screened.times,
            &self.screened.events,
            OUTCOME_SCREEN_PENALIZER,
        )
        .ok();
        let risk = model
            .as_ref()
            .and_then(|model| model.log_risk(&self.x, s).ok());
        match risk {
            Some(risk) => (risk, model),
            None => {
                let risk = self.network.predict(&self.x, s);
                (risk.into_iter().map(f64::from).collect(), None)
            }
        }
    }
}

/// What a fold's screens found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FoldScreened {
    /// The fold.
    pub fold: usize,
    /// The network screen.
    pub screen: ScreenResult,
    /// Every pair scored on the screening patients' outcomes, strongest first (empty when
    /// the search keeps no pair from that screen).
    pub scored: Vec<ScoredPair>,
    /// The additive model of the screening patients' outcomes, when it could be fitted (and
    /// the outcome screen ran): the search gives each of the fold's test patients its
    /// log-risk.
    pub additive: Option<BaselineCox>,
}

/// Where a fold's screens are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldProgress {
    /// The network screen, at `step` of `steps` (1-based).
    Network {
        /// The step under way.
        step: usize,
        /// Steps of the screen.
        steps: usize,
    },
    /// The outcome screen.
    Outcome,
    /// Done.
    Done,
}

enum Stage {
    Network(Box<PairScreen>),
    Outcome(Box<ScoreScreen>, ScreenResult),
    Done(Box<FoldScreened>),
    /// A step failed: every later step gives its error again.
    Failed(XaiError),
}

/// A fold's screens, resumable: the network screen chunk by chunk, then the outcome screen
/// a few thousand pairs at a time.
///
/// Everything that reads the screening patients' encoded inputs whole (the network screen's
/// sample and the additive model) runs when the screening is prepared; the inputs are then
/// released, so the screens that follow never hold them (`s x d`, 25 MB for 10,000 patients
/// of the default model).
pub struct FoldScreening {
    /// The task, its encoded inputs emptied once prepared.
    task: FoldScreenTask,
    /// The log-risks the outcome screen takes as given, and the additive model they come
    /// from when it could be fitted ([`FoldScreenTask::additive`]); `None` when the search
    /// keeps no pair by outcome.
    additive: Option<(Vec<f64>, Option<BaselineCox>)>,
    /// `None` only while a step runs.
    stage: Option<Stage>,
}

impl FoldScreening {
    /// Prepares the fold's network screen.
    ///
    /// # Errors
    /// [`XaiError::Shape`] when the outcomes disagree with the screening patients, and the
    /// errors of [`PairScreen::new`].
    pub fn new(mut task: FoldScreenTask) -> Result<Self, XaiError> {
        task.screened.data().check()?;
        if task.screened.scales.len() != task.to_marker.n_groups() {
            return Err(XaiError::Shape {
                what: "markers of the outcome data",
                expected: task.to_marker.n_groups(),
                found: task.screened.scales.len(),
            });
        }
        let rows: Vec<usize> = (0..task.n_screen()).collect();
        // The network screen checks the inputs' shape, which the additive model then reads.
        let screen = PairScreen::new(
            &task.network,
            &task.screen_data(),
            &rows,
            &task.excluded,
            task.settings.screen,
        )?;
        let additive = (task.settings.keep_by_outcome > 0).then(|| task.additive());
        task.x = Vec::new();
        Ok(Self {
            task,
            additive,
            stage: Some(Stage::Network(Box::new(screen))),
        })
    }

    /// The fold.
    pub fn fold(&self) -> usize {
        self.task.fold
    }

    /// Where the screens are.
    pub fn progress(&self) -> FoldProgress {
        match &self.stage {
            Some(Stage::Network(s)) => FoldProgress::Network {
                step: s.steps_done() + 1,
                steps: s.n_steps(),
            },
            Some(Stage::Outcome(..)) => FoldProgress::Outcome,
            Some(Stage::Done(_) | Stage::Failed(_)) | None => FoldProgress::Done,
        }
    }

    /// Fraction done, in `[0, 1]`: the network screen is the first 80%.
    pub fn fraction(&self) -> f64 {
        match &self.stage {
            Some(Stage::Network(s)) => 0.8 * s.fraction(),
            Some(Stage::Outcome(..)) => 0.9,
            Some(Stage::Done(_) | Stage::Failed(_)) | None => 1.0,
        }
    }

    /// Runs the next step; returns whether steps remain.
    ///
    /// # Errors
    /// [`XaiError`] from a screen (shapes were checked; not expected), again at every
    /// later step.
    pub fn step(&mut self) -> Result<bool, XaiError> {
        let Some(stage) = self.stage.take() else {
            return Ok(false);
        };
        match self.advance(stage) {
            Ok(stage) => {
                let more = !matches!(stage, Stage::Done(_));
                self.stage = Some(stage);
                Ok(more)
            }
            Err(e) => {
                self.stage = Some(Stage::Failed(e.clone()));
                Err(e)
            }
        }
    }

    fn advance(&mut self, stage: Stage) -> Result<Stage, XaiError> {
        Ok(match stage {
            Stage::Network(mut screen) => {
                if screen.step()? {
                    Stage::Network(screen)
                } else {
                    let result = screen.finish()?;
                    match &self.additive {
                        Some((risk, _)) => self.outcome_screen(result, risk)?,
                        None => self.done(result, Vec::new()),
                    }
                }
            }
            Stage::Outcome(mut scorer, screen) => {
                if scorer.step() {
                    Stage::Outcome(scorer, screen)
                } else {
                    self.done(screen, scorer.finish())
                }
            }
            Stage::Failed(e) => return Err(e),
            done @ Stage::Done(_) => done,
        })
    }

    fn done(&mut self, screen: ScreenResult, scored: Vec<ScoredPair>) -> Stage {
        Stage::Done(Box::new(FoldScreened {
            fold: self.task.fold,
            screen,
            scored,
            additive: self.additive.take().and_then(|(_, model)| model),
        }))
    }

    fn outcome_screen(&self, screen: ScreenResult, risk: &[f64]) -> Result<Stage, XaiError> {
        // Every pair on outcomes, also where the network screen was limited to candidates:
        // an interaction the network did not learn does not make its markers candidates.
        let every: Vec<usize> = (0..self.task.screened.scales.len())
            .filter(|j| !self.task.excluded.contains(j))
            .collect();
        let rows: Vec<usize> = (0..self.task.n_screen()).collect();
        let scorer = ScoreScreen::new(
            &self.task.screened.data(),
            &rows,
            risk,
            &every,
            SCORES_PER_STEP,
        )?;
        Ok(Stage::Outcome(Box::new(scorer), screen))
    }

    /// Runs the steps left.
    ///
    /// # Errors
    /// As [`FoldScreening::step`].
    pub fn finish(mut self) -> Result<FoldScreened, XaiError> {
        loop {
            match self.stage.take() {
                Some(Stage::Done(found)) => return Ok(*found),
                Some(Stage::Failed(e)) => return Err(e),
                stage => {
                    self.stage = stage;
                    self.step()?;
                }
            }
        }
    }
}

impl FoldScreenTask {
    /// The fold's screens in one go.
    ///
    /// # Errors
    /// As [`FoldScreening::new`] and [`FoldScreening::finish`].
    pub fn run(self) -> Result<FoldScreened, XaiError> {
        FoldScreening::new(self)?.finish()
    }
}

/// What the tests of one fold read: its test patients' outcomes, strata and raw values, and
/// the columns that enter every test with a free coefficient.
///
/// # Shapes
/// `t` test patients: `tested` and each covariate: `t`.
#[derive(Clone, Debug, PartialEq)]
pub struct TestGround {
    /// The fold's test patients.
    pub tested: Outcomes,
    /// Markers never companions (the entity).
    pub excluded: Vec<usize>,
    /// Columns with free coefficients beside the network's risk (the fold's additive
    /// model's risk, when it has one).
    pub covariates: Vec<Vec<f64>>,
}

impl TestGround {
    /// Test patients.
    pub fn n_patients(&self) -> usize {
        self.tested.n_patients()
    }

    /// Tests `planned` on these patients ([`test_pair_given`]).
    ///
    /// # Errors
    /// As [`test_pair_given`].
    pub fn test(&self, planned: &PlannedTest) -> Result<PairTest, XaiError> {
        let rows: Vec<usize> = (0..self.n_patients()).collect();
        test_pair_given(
            &self.tested.data(),
            planned.a,
            planned.b,
            &TestSample {
                rows: &rows,
                risk: &planned.risk,
                stratum: &self.tested.strata,
                covariates: &self.covariates,
            },
            &self.excluded,
            &planned.given,
        )
    }
}

/// One test of a batch.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedTest {
    /// Its place in the search's round of tests (names its result).
    pub index: usize,
    /// First marker.
    pub a: usize,
    /// Second marker.
    pub b: usize,
    /// Stronger pairs of the fold it is tested given.
    pub given: Vec<(usize, usize)>,
    /// Each test patient's offset: the network's log-risk without its own coupling of the
    /// pair.
    pub risk: Vec<f64>,
}

/// A batch of pair tests of one fold.
#[derive(Clone, Debug, PartialEq)]
pub struct PairTestTask {
    /// The batch's number in its round (names the result).
    pub batch: usize,
    /// The fold's test patients.
    pub ground: Arc<TestGround>,
    /// The tests.
    pub tests: Vec<PlannedTest>,
}

/// A batch's tests, each with its place in the round.
#[derive(Clone, Debug, PartialEq)]
pub struct PairsTested {
    /// The batch.
    pub batch: usize,
    /// `(index, test)` of each test of the batch, in the batch's order.
    pub tests: Vec<(usize, PairTest)>,
}

impl PairTestTask {
    /// Runs the batch's tests.
    ///
    /// # Errors
    /// As [`TestGround::test`].
    pub fn run(&self) -> Result<PairsTested, XaiError> {
        Ok(PairsTested {
            batch: self.batch,
            tests: self
                .tests
                .iter()
                .map(|planned| Ok((planned.index, self.ground.test(planned)?)))
                .collect::<Result<_, XaiError>>()?,
        })
    }
}
