//! Cross-fitted networks: `K` copies of the study's network, each trained on `K - 1` folds
//! of a cohort, so that every patient has a risk from a network that never saw its outcome.
//!
//! The interaction search ([`survlens_xai::interactions::search`]) screens each network on
//! the patients it trained on and tests the pairs it keeps on its held-out fold; the
//! fidelity study trains the same way for its seeds and its floor. Folds are drawn by
//! [`assign_folds`] (stratified by entity, seeded). Network `k` trains on the patients
//! outside fold `k`, of which an entity-stratified eighth drives its early stopping; fold
//! `k` is its test. Nothing of fold `k` reaches network `k`: not its outcomes, not its early
//! stopping. The default is two folds ([`DEFAULT_CROSS_FIT_FOLDS`]): each pair is tested
//! fold by fold (see the search's documentation), so a fold's test is as large as it can
//! be.

use std::ops::ControlFlow;

use survlens_model::cv::assign_folds;
use survlens_model::train::{FitOutcome, Progress, SurvivalData, TrainConfig, Trainer, fit};
use survlens_model::{CoxNet, Handout, ModelError, ShapeProblem};
use survlens_xai::Grouping;
use survlens_xai::interactions::{
    ConfirmedInteractions, FoldPlan, MarkerScale, OutcomeData, Outcomes, ScreenData, SearchCohort,
    SearchSettings, confirmed_interactions,
};

use crate::core::error::ComputeError;
use crate::core::i18n::{Arg, Lang};
use crate::core::session::MarkerInfo;

/// Default number of cross-fitting folds: two halves, each screened by the network trained
/// on the other and tested there.
pub const DEFAULT_CROSS_FIT_FOLDS: usize = 2;

/// Input dropout of the networks the interaction search trains for itself (the study's
/// 0.5 hides pairs: both inputs of a pair survive it together in a quarter of the passes;
/// measured on the planted calibration cohort, see the interactions documentation).
pub const SEARCH_INPUT_DROPOUT: f32 = 0.0;

/// A cohort as the cross-fitted search reads it.
///
/// # Shapes
/// `n` patients, `d` encoded inputs, `m` markers: `x`: `n x d`; `time`, `event`, `strata`:
/// `n`; `values`: `n x m` (raw: binary 0/1, categorical level index, numbers; NaN where
/// missing); `scales`: `m`.
#[derive(Clone, Copy, Debug)]
pub struct CrossFitCohort<'a> {
    /// Encoded inputs.
    pub x: &'a [f32],
    /// Encoded input -> marker.
    pub to_marker: &'a Grouping,
    /// Follow-up time.
    pub time: &'a [f64],
    /// Event observed.
    pub event: &'a [bool],
    /// Entity of each patient (folds and Cox strata).
    pub strata: &'a [u32],
    /// Raw marker values.
    pub values: &'a [f32],
    /// How each marker enters the outcome test.
    pub scales: &'a [MarkerScale],
    /// Markers never paired (the entity).
    pub excluded: &'a [usize],
    /// Each marker's missing indicator input, if it has one.
    pub missing_indicator: &'a [Option<usize>],
}

impl CrossFitCohort<'_> {
    /// Number of patients.
    pub fn n_patients(&self) -> usize {
        self.time.len()
    }

    /// Number of encoded inputs.
    pub fn n_inputs(&self) -> usize {
        self.to_marker.n_columns()
    }

    /// The training data of the patients `rows`: their inputs and outcomes.
    ///
    /// # Errors
    /// [`ComputeError::Model`] when the rows cannot train (as [`SurvivalData::new`]).
    pub fn subset(&self, rows: &[usize]) -> Result<SurvivalData, ComputeError> {
        let d = self.n_inputs();
        Ok(SurvivalData::new(
            rows.iter()
                .flat_map(|&i| self.x[i * d..(i + 1) * d].iter().copied())
                .collect(),
            d,
            rows.iter().map(|&i| self.time[i]).collect(),
            rows.iter().map(|&i| self.event[i]).collect(),
        )?)
    }
}

/// The entity's marker (the first marker an entity input belongs to), never paired: at
/// most one index.
pub(crate) fn entity_marker(map: &survlens_data::FeatureMap) -> Vec<usize> {
    map.features()
        .iter()
        .filter(|f| matches!(f.role, survlens_data::FeatureRole::Entity(_)))
        .map(|f| f.marker)
        .take(1)
        .collect()
}

/// The buffers behind a [`CrossFitCohort`], built from a cohort table and the encoder
/// its networks read it with.
#[derive(Clone, Debug)]
pub struct CrossFitData {
    /// Encoded inputs, `n x d`.
    pub x: Vec<f32>,
    /// Encoded input -> marker.
    pub to_marker: Grouping,
    /// Marker names, in the encoder's order.
    pub names: Vec<String>,
    /// Follow-up time.
    pub time: Vec<f64>,
    /// Event observed.
    pub event: Vec<bool>,
    /// Entity of each patient (0 for all when the cohort has none).
    pub strata: Vec<u32>,
    /// Raw marker values, `n x m`.
    pub values: Vec<f32>,
    /// How each marker enters the outcome test.
    pub scales: Vec<MarkerScale>,
    /// Markers never paired (the entity).
    pub excluded: Vec<usize>,
    /// Each marker's missing indicator input.
    pub indicators: Vec<Option<usize>>,
}

impl CrossFitData {
    /// The cohort as the encoder `encoder` reads it: its inputs, and each of the encoder's
    /// markers' raw values (binary 0/1, a categorical marker's level index in its listed
    /// order, numbers; the entity as its level index, never paired).
    ///
    /// # Errors
    /// [`ComputeError::Data`] when the encoder refuses the cohort, [`ComputeError::Xai`]
    /// when its encoding does not group into its markers.
    pub fn from_cohort(
        cohort: &survlens_data::Cohort,
        encoder: &survlens_data::Encoder,
    ) -> Result<Self, ComputeError> {
        use survlens_data::{Categorical, MarkerValues};
        let n = cohort.len();
        let map = encoder.feature_map();
        let to_marker = Grouping::new(&map.input_to_marker(), map.n_markers())?;
        let x = encoder.transform(cohort.view())?.design.into_vec();
        let names = map.marker_names().to_vec();
        let m = names.len();
        let strata: Vec<u32> = match cohort.entity() {
            Some(e) => e.codes().to_vec(),
            None => vec![0; n],
        };
        let excluded = entity_marker(map);
        let mut values = vec![f32::NAN; n * m];
        let mut scales = vec![MarkerScale::Numeric; m];
        for (j, name) in names.iter().enumerate() {
            let Some(marker) = cohort.marker(name) else {
                // The entity marker: its level index.
                for (i, &s) in strata.iter().enumerate() {
                    if s != Categorical::MISSING {
                        values[i * m + j] = s as f32;
                    }
                }
                scales[j] = MarkerScale::Ordinal;
                continue;
            };
            match marker.values() {
                MarkerValues::Numeric(v) => {
                    v.iter()
                        .enumerate()
                        .for_each(|(i, &x)| values[i * m + j] = x);
                }
                MarkerValues::Binary(v) => {
                    scales[j] = MarkerScale::Binary;
                    v.iter()
                        .enumerate()
                        .for_each(|(i, &x)| values[i * m + j] = x);
                }
                MarkerValues::Categorical(c) => {
                    scales[j] = if c.levels().len() == 2 {
                        MarkerScale::Binary
                    } else {
                        MarkerScale::Ordinal
                    };
                    for (i, &code) in c.codes().iter().enumerate() {
                        if code != Categorical::MISSING {
                            values[i * m + j] = code as f32;
                        }
                    }
                }
            }
        }
        Ok(Self {
            indicators: missing_indicators(map),
            x,
            to_marker,
            names,
            time: cohort.time().to_vec(),
            event: cohort.event().to_vec(),
            strata,
            values,
            scales,
            excluded,
        })
    }

    /// The borrowed view the search reads.
    pub fn view(&self) -> CrossFitCohort<'_> {
        CrossFitCohort {
            x: &self.x,
            to_marker: &self.to_marker,
            time: &self.time,
            event: &self.event,
            strata: &self.strata,
            values: &self.values,
            scales: &self.scales,
            excluded: &self.excluded,
            missing_indicator: &self.indicators,
        }
    }

    /// The patients as the interaction search keeps them, moved, and the markers it never
    /// pairs.
    pub fn into_search(self) -> (SearchCohort, Vec<usize>) {
        (
            SearchCohort {
                x: self.x,
                to_marker: self.to_marker,
                missing_indicator: self.indicators,
                outcomes: Outcomes {
                    times: self.time,
                    events: self.event,
                    strata: self.strata,
                    values: self.values,
                    scales: self.scales,
                },
            },
            self.excluded,
        )
    }
}

/// Which rows each cross-fitted network trains on, stops on and is tested on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoldRows {
    /// Patients the network trains on.
    pub train: Vec<usize>,
    /// Patients whose loss stops its training early.
    pub validation: Vec<usize>,
    /// Its held-out fold.
    pub test: Vec<usize>,
}

/// Share of the patients outside a network's test fold whose loss stops its training
/// early (about one in [`VALIDATION_PARTS`]).
pub const VALIDATION_PARTS: usize = 8;

/// The rows of `folds` cross-fitted networks over `n` patients: fold `k` (entity-
/// stratified, seeded) is network `k`'s test; of the other patients, an entity-stratified
/// eighth stops its training early and the rest train it.
///
/// # Errors
/// [`ComputeError::Model`] as [`assign_folds`] (fewer than 2 folds, too few patients).
pub fn fold_rows(
    n: usize,
    strata: &[u32],
    folds: usize,
    seed: u64,
) -> Result<Vec<FoldRows>, ComputeError> {
    let assignment = assign_folds(n, Some(strata), folds, seed)?;
    // A second stratified partition picks the stopping patients, the same for every
    // network (those of its own test fold aside).
    let parts = assign_folds(n, Some(strata), VALIDATION_PARTS, seed ^ 0x5709_57A1_F01D)?;
    let mut stop = vec![false; n];
    parts
        .test_rows(0)
        .iter()
        .chain(parts.validation_rows(0))
        .for_each(|&i| stop[i] = true);
    Ok((0..folds)
        .map(|k| {
            let mut test: Vec<usize> = assignment
                .test_rows(k)
                .iter()
                .chain(assignment.validation_rows(k))
                .copied()
                .collect();
            test.sort_unstable();
            let mut in_test = vec![false; n];
            test.iter().for_each(|&i| in_test[i] = true);
            let (validation, train): (Vec<usize>, Vec<usize>) =
                (0..n).filter(|&i| !in_test[i]).partition(|&i| stop[i]);
            FoldRows {
                train,
                validation,
                test,
            }
        })
        .collect())
}

/// Trains the study's network with `training` on `rows.train`, stopping early on
/// `rows.validation`; `on_epoch` hears every finished epoch.
///
/// # Errors
/// [`ComputeError::Model`] when the data cannot train (no event in a set, diverging loss).
pub fn train_on(
    cohort: &CrossFitCohort<'_>,
    rows: &FoldRows,
    training: &TrainConfig,
    mut on_epoch: impl FnMut(&Progress),
) -> Result<CoxNet, ComputeError> {
    let subset = |rows: &[usize]| cohort.subset(rows);
    let outcome = fit(
        training.clone(),
        subset(&rows.train)?,
        subset(&rows.validation)?,
        |progress| {
            if progress.epoch_summary.is_some() {
                on_epoch(progress);
            }
            ControlFlow::Continue(())
        },
    )?;
    match outcome {
        FitOutcome::Completed(trained) => Ok(trained.network),
        FitOutcome::Cancelled(_) => Err(ComputeError::Stopped),
    }
}

/// Mini-batches trained per [`CrossFitTraining::step`].
pub const BATCHES_PER_STEP: usize = 4;

/// The cross-fitted networks, trained a few mini-batches per [`CrossFitTraining::step`] (so
/// the page's worker reports progress, sees a cancel and answers the views between steps),
/// network after network. Each network is a training of its own (its fold's patients, the
/// one setting), so other workers may train some of them whole
/// ([`CrossFitTraining::take_network_tasks`]) while the job trains the others: every network
/// is the same bit for bit whoever trains it.
pub struct CrossFitTraining {
    rows: Vec<FoldRows>,
    config: TrainConfig,
    /// Encoded inputs per patient.
    n_inputs: usize,
    /// The network being trained here, with its fold.
    current: Option<(usize, Box<Trainer>)>,
    /// Each fold's network, once trained here or elsewhere.
    networks: Vec<Option<CoxNet>>,
    /// Which folds train here, which elsewhere.
    handout: Handout,
}

/// One cross-fitted network to train elsewhere, whole: its fold, the setting and its
/// training and stopping patients.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkTask {
    /// The network's fold (names the result).
    pub fold: usize,
    /// The training setting.
    pub config: TrainConfig,
    /// The patients it trains on.
    pub train: SurvivalData,
    /// The patients that stop its training early.
    pub validation: SurvivalData,
}

impl NetworkTask {
    /// Trains the network to its end, [`BATCHES_PER_STEP`] mini-batches at a time as the job
    /// does, so it is the job's network bit for bit.
    ///
    /// # Errors
    /// [`ComputeError::Model`] for an invalid setting or data that cannot train (no event in
    /// a set, a diverging loss).
    pub fn run(self) -> Result<CoxNet, ComputeError> {
        let mut trainer = Trainer::new(self.config, self.train, self.validation)?;
        while !trainer.is_finished() {
            trainer.run_batches(BATCHES_PER_STEP)?;
        }
        Ok(trainer.finish().network)
    }
}

impl CrossFitTraining {
    /// Draws the folds of `cohort` (`folds` of them, seeded) for networks trained with
    /// `config`.
    ///
    /// # Errors
    /// As [`fold_rows`], and [`ComputeError::Model`] for an invalid setting.
    pub fn new(
        cohort: &CrossFitCohort<'_>,
        config: TrainConfig,
        folds: usize,
        seed: u64,
    ) -> Result<Self, ComputeError> {
        config.validate()?;
        let rows = fold_rows(cohort.n_patients(), cohort.strata, folds, seed)?;
        Ok(Self {
            networks: vec![None; rows.len()],
            rows,
            config,
            n_inputs: cohort.n_inputs(),
            current: None,
            handout: Handout::default(),
        })
    }

    /// Networks in all.
    pub fn n_networks(&self) -> usize {
        self.rows.len()
    }

    /// Networks trained so far, here or elsewhere.
    pub fn n_trained(&self) -> usize {
        self.networks.iter().flatten().count()
    }

    /// Whether every network is trained.
    pub fn is_finished(&self) -> bool {
        self.networks.iter().all(Option::is_some)
    }

    /// Share done, in `[0, 1]`: networks finished, plus the current one's epochs against
    /// the schedule's most.
    pub fn fraction(&self) -> f64 {
        let most = (self.config.stages * self.config.epochs_per_stage).max(1) as f64;
        let current = self
            .current
            .as_ref()
            .map_or(0.0, |(_, t)| (t.history().len() as f64 / most).min(1.0));
        ((self.n_trained() as f64 + current) / self.rows.len().max(1) as f64).min(1.0)
    }

    /// What is being done, for a progress line.
    pub fn stage(&self, lang: Lang) -> String {
        let (network, epoch) = self.current.as_ref().map_or_else(
            || ((self.n_trained() + 1).min(self.rows.len()), 0),
            |(fold, t)| (fold + 1, t.history().len()),
        );
        let mut stage = lang.t_with(
            "stage-interactions-training",
            &[
                ("network", Arg::Count(network as u64)),
                ("networks", Arg::Count(self.rows.len() as u64)),
                ("epoch", Arg::Count(epoch as u64 + 1)),
            ],
        );
        if self.handout.elsewhere() > 0 {
            stage.push_str(" · ");
            stage.push_str(&networks_elsewhere(self.handout.elsewhere(), lang));
        }
        stage
    }

    /// Trains [`BATCHES_PER_STEP`] mini-batches of the current network (starting the next
    /// one first if needed); a network whose schedule ends is kept with its best weights.
    /// Nothing when every network left is with other workers.
    ///
    /// # Errors
    /// [`ComputeError::Model`] when the data cannot train (no event in a set, a diverging
    /// loss).
    pub fn step(&mut self, cohort: &CrossFitCohort<'_>) -> Result<(), ComputeError> {
        let (fold, mut trainer) = match self.current.take() {
            Some(current) => current,
            None => {
                let Some(fold) = self.handout.next(self.rows.len()) else {
                    return Ok(());
                };
                let rows = &self.rows[fold];
                let trainer = Trainer::new(
                    self.config.clone(),
                    cohort.subset(&rows.train)?,
                    cohort.subset(&rows.validation)?,
                )?;
                (fold, Box::new(trainer))
            }
        };
        // A few mini-batches per step, not an epoch: the worker answers the views between
        // two steps, so a step must stay short on a large cohort. The batches run in the
        // same order either way, so the network is the same.
        trainer.run_batches(BATCHES_PER_STEP)?;
        if trainer.is_finished() {
            self.networks[fold] = Some(trainer.finish().network);
        } else {
            self.current = Some((fold, trainer));
        }
        Ok(())
    }

    /// Hands up to `workers` networks not started yet to other workers, each with its
    /// patients' inputs and outcomes. A fold whose patients cannot train stays here, where
    /// its training reports why.
    pub fn take_network_tasks(
        &mut self,
        cohort: &CrossFitCohort<'_>,
        workers: usize,
    ) -> Vec<NetworkTask> {
        let mut tasks = Vec::new();
        while tasks.len() < workers {
            let Some(fold) = self.handout.send(self.rows.len()) else {
                break;
            };
            let rows = &self.rows[fold];
            match (cohort.subset(&rows.train), cohort.subset(&rows.validation)) {
                (Ok(train), Ok(validation)) => {
                    tasks.push(NetworkTask {
                        fold,
                        config: self.config.clone(),
                        train,
                        validation,
                    });
                }
                _ => {
                    self.handout.take_back(fold);
                    break;
                }
            }
        }
        tasks
    }

    /// Takes in network `fold` another worker trained.
    ///
    /// # Errors
    /// [`ComputeError::Model`] for a fold no worker was given (or one already in), or a
    /// network for other inputs; the fold then stays with that worker, and the caller takes
    /// it back ([`CrossFitTraining::reclaim_network`]).
    pub fn accept_network(&mut self, fold: usize, network: CoxNet) -> Result<(), ComputeError> {
        const CONTEXT: &str = "cross-fitted network";
        if !self.handout.is_elsewhere(fold) {
            return Err(ModelError::shape(CONTEXT, ShapeProblem::NetworkNotAwaited).into());
        }
        if network.n_inputs() != self.n_inputs {
            return Err(ModelError::shape(
                CONTEXT,
                ShapeProblem::Inputs {
                    network: network.n_inputs(),
                    data: self.n_inputs,
                },
            )
            .into());
        }
        self.handout.receive(fold);
        self.networks[fold] = Some(network);
        Ok(())
    }

    /// Takes back network `fold` from a worker that stopped or failed it: it trains here.
    pub fn reclaim_network(&mut self, fold: usize) {
        self.handout.take_back(fold);
    }

    /// Whether the networks left are all with other workers.
    pub fn awaiting_networks(&self) -> bool {
        self.handout.elsewhere() > 0
            && self.current.is_none()
            && self.handout.all_dealt(self.rows.len())
    }

    /// The search's folds: each network with the patients it trained on (its screens'
    /// pool: training and stopping patients) and its test fold.
    pub fn plans(self) -> Vec<FoldPlan> {
        self.networks
            .into_iter()
            .zip(self.rows)
            .filter_map(|(network, fold)| network.map(|network| (network, fold)))
            .map(|(network, fold)| {
                let mut screen_rows: Vec<usize> =
                    fold.train.iter().chain(&fold.validation).copied().collect();
                screen_rows.sort_unstable();
                FoldPlan {
                    network,
                    screen_rows,
                    test_rows: fold.test,
                }
            })
            .collect()
    }
}

/// The search's view of a cross-fitted cohort: its inputs and its outcomes.
pub fn search_data<'a>(cohort: &CrossFitCohort<'a>) -> (ScreenData<'a>, OutcomeData<'a>) {
    (
        ScreenData {
            x: cohort.x,
            to_marker: cohort.to_marker,
            missing_indicator: cohort.missing_indicator,
            strata: cohort.strata,
        },
        OutcomeData {
            times: cohort.time,
            events: cohort.event,
            strata: cohort.strata,
            values: cohort.values,
            scales: cohort.scales,
        },
    )
}

/// Trains `folds` cross-fitted networks and runs the interaction search over them:
/// screen on each network's training patients, test the kept pairs on its held-out fold.
/// `on_progress` hears what is being done.
///
/// # Errors
/// [`ComputeError`] from the folds, the training or the search.
pub fn cross_fitted_interactions(
    cohort: &CrossFitCohort<'_>,
    training: &TrainConfig,
    folds: usize,
    seed: u64,
    settings: SearchSettings,
    mut on_progress: impl FnMut(&str),
) -> Result<(ConfirmedInteractions, Vec<FoldPlan>), ComputeError> {
    let mut networks = CrossFitTraining::new(cohort, training.clone(), folds, seed)?;
    let mut announced = usize::MAX;
    while !networks.is_finished() {
        if networks.n_trained() != announced {
            announced = networks.n_trained();
            on_progress(&format!("training network {} of {folds}", announced + 1));
        }
        networks.step(cohort)?;
    }
    let plans = networks.plans();
    on_progress("screening and testing pairs");
    let (inputs, outcomes) = search_data(cohort);
    let found = confirmed_interactions(&plans, &inputs, &outcomes, cohort.excluded, settings)?;
    Ok((found, plans))
}

/// How each session marker enters the outcome test: binary (two levels), ordinal (more
/// levels: categorical markers, in their listed order), numeric (no levels).
pub fn marker_scales(markers: &[MarkerInfo]) -> Vec<MarkerScale> {
    markers
        .iter()
        .map(|m| match m.levels.len() {
            0 => MarkerScale::Numeric,
            2 => MarkerScale::Binary,
            _ => MarkerScale::Ordinal,
        })
        .collect()
}

/// Each marker's missing indicator input, from the encoder's feature map (`None` for a
/// marker without one).
pub fn missing_indicators(features: &survlens_data::encode::FeatureMap) -> Vec<Option<usize>> {
    let mut out = vec![None; features.n_markers()];
    for (c, f) in features.features().iter().enumerate() {
        if matches!(f.role, survlens_data::encode::FeatureRole::MissingIndicator)
            && let Some(slot) = out.get_mut(f.marker)
        {
            *slot = Some(c);
        }
    }
    out
}

/// "one more network trains in another worker", for a progress line.
pub fn networks_elsewhere(networks: usize, lang: Lang) -> String {
    lang.t_with(
        "stage-networks-elsewhere",
        &[("networks", Arg::Count(networks as u64))],
    )
}
