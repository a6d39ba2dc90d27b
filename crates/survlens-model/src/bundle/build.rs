//! Building a model file from a cohort with one of the training recipes
//! ([`crate::recipe`]).
//!
//! # The `auto` recipe
//! The preprocessing is fitted on every patient; [`crate::recipe::AutoTrainer`] trains its
//! members on folds of all patients and averages the chosen setting's members into the
//! model. Every patient has an out-of-fold log-risk from the member that did not train on
//! it: the "cross-validated" metrics are those (the choice among settings used the same
//! folds, so they are slightly optimistic; the held-out figures of a split that the model
//! never saw are the honest ones, see `survlens benchmark`). The baseline hazard is
//! recalibrated on the out-of-fold log-risks; the risk groups are the thirds of the
//! out-of-fold log-risks mapped through the calibration slope onto the model's scale.
//!
//! # The study's recipe: choices (documented, not in the study's code)
//! - The preprocessing is fitted once on every patient of the cohort. Scaling statistics
//!   carry no outcome information, so the out-of-fold metrics see the test patients' marker
//!   ranges but never their outcomes; the file stores exactly the preprocessing the final
//!   network was trained with.
//! - Out-of-fold metrics pool the *test halves* of the held-out folds: the validation halves
//!   chose each fold's stopping epoch and would flatter it. Each test patient's survival
//!   curve comes from its fold's network with a Breslow baseline fitted on that fold's
//!   training patients.
//! - The final network trains on every patient except the validation half of fold 0 of the
//!   same fold assignment (about `1 / (2k)` of the cohort), which drives its early stopping.
//!   Its Breslow baseline and the risk-group cut-offs are fitted on the patients it trained
//!   on.

use std::ops::ControlFlow;

use survlens_data::{Cohort, EncoderConfig};

use crate::comparison::{FoldedDesign, baseline_metrics};
use crate::recipe::{AutoConfig, AutoProgress, AutoTrainer, Recipe};

use super::{
    BundleError, BundleParts, FinalFit, LabelledRiskGroups, ModelBundle, ModelMetrics,
    OutOfFoldMetrics, OutcomeColumns,
};
use crate::ModelError;
use crate::baseline::BreslowBaseline;
use crate::concordance::{antolini_c, harrell_c};
use crate::cv::{CrossValidation, CvOutcome, assign_folds, cross_validate};
use crate::metrics::integrated_brier_score;
use crate::train::{FitOutcome, Progress, SurvivalData, TrainConfig, fit};

/// Folds drawn to pick the final network's validation patients when cross-validation is
/// off.
const DEFAULT_FOLDS: usize = 5;

/// Evaluation times of the integrated Brier score (the study's 100-point grid).
const BRIER_POINTS: usize = 100;

/// How to build a model file.
#[derive(Clone, Debug, PartialEq)]
pub struct BuildSettings {
    /// The training recipe.
    pub recipe: Recipe,
    /// The `auto` recipe's settings; `None`: [`AutoConfig::for_cohort`] with the seed of
    /// [`BuildSettings::training`].
    pub auto: Option<AutoConfig>,
    /// The study recipe's training setting (its seed also draws the folds and seeds the
    /// `auto` recipe).
    pub training: TrainConfig,
    /// The preprocessing setting.
    pub encoder: EncoderConfig,
    /// Cross-validation folds, stratified by entity; below 2 skips cross-validation.
    pub folds: usize,
    /// Number of equal-sized risk groups on the training log-risks (3: terciles).
    pub risk_groups: usize,
    /// The patient id column of the training file, if it had one (stored for predictions).
    pub id_column: Option<String>,
    /// Unit of the survival times, as the user states it.
    pub time_unit: Option<String>,
}

impl Default for BuildSettings {
    /// The `auto` recipe with its preprocessing, three risk groups.
    fn default() -> Self {
        Self {
            recipe: Recipe::Auto,
            auto: None,
            training: TrainConfig::default(),
            encoder: EncoderConfig::auto(),
            folds: 5,
            risk_groups: 3,
            id_column: None,
            time_unit: None,
        }
    }
}

impl BuildSettings {
    /// The study's recipe and preprocessing, cross-validated over 5 folds.
    pub fn study() -> Self {
        Self {
            recipe: Recipe::Study,
            encoder: EncoderConfig::study(),
            ..Self::default()
        }
    }
}

/// A progress report of [`build_bundle`].
#[derive(Clone, Copy, Debug)]
pub enum BuildProgress<'a> {
    /// The study's recipe: a mini-batch of the network named by the stage.
    Study(BuildStage, &'a Progress),
    /// The `auto` recipe: a validation interval of one member.
    Auto(&'a AutoProgress),
}

/// Which network is being trained, for progress reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BuildStage {
    /// Cross-validation fold `fold` (0-based) of `folds`.
    Fold {
        /// 0-based fold.
        fold: usize,
        /// Number of folds.
        folds: usize,
    },
    /// The final network.
    Final,
}

/// Builds a model file from `cohort` (see the module documentation for the scheme),
/// calling `on_progress` after every mini-batch; [`ControlFlow::Break`] cancels and
/// returns `Ok(None)`.
///
/// # Errors
/// [`BundleError::Data`] when the preprocessing cannot be fitted; [`BundleError::Model`]
/// when the cohort cannot support training (too few patients for the folds, a fold or the
/// final validation set without events, diverging training).
pub fn build_bundle(
    cohort: &Cohort,
    settings: &BuildSettings,
    mut on_progress: impl FnMut(BuildProgress<'_>) -> ControlFlow<()>,
) -> Result<Option<ModelBundle>, BundleError> {
    if settings.recipe == Recipe::Auto {
        return build_auto(cohort, settings, on_progress);
    }
    let encoder = settings.encoder.fit(cohort.view())?;
    let design = encoder.transform(cohort.view())?.design;
    let p = design.cols();
    let data = SurvivalData::new(
        design.into_vec(),
        p,
        cohort.time().to_vec(),
        cohort.event().to_vec(),
    )?;
    let strata: Option<Vec<u32>> = cohort.entity().map(|e| e.codes().to_vec());
    let training = &settings.training;

    let out_of_fold = if settings.folds >= 2 {
        let folds = settings.folds;
        let outcome = cross_validate(training, &data, strata.as_deref(), folds, |fold, p| {
            on_progress(BuildProgress::Study(BuildStage::Fold { fold, folds }, p))
        })?;
        match outcome {
            CvOutcome::Completed(cv) => Some(out_of_fold_metrics(&cv, &data)?),
            CvOutcome::Cancelled { .. } => return Ok(None),
        }
    } else {
        None
    };

    // The same draw as the cross-validation's (same seed and stream), so the final
    // network's validation patients are fold 0's validation half.
    let k = if settings.folds >= 2 {
        settings.folds
    } else {
        DEFAULT_FOLDS
    };
    let assignment = assign_folds(data.n_patients(), strata.as_deref(), k, training.seed)?;
    let validation_rows = assignment.validation_rows(0).to_vec();
    let mut is_validation = vec![false; data.n_patients()];
    for &i in &validation_rows {
        is_validation[i] = true;
    }
    let train_rows: Vec<usize> = (0..data.n_patients())
        .filter(|&i| !is_validation[i])
        .collect();
    let train = data.subset(&train_rows)?;
    let validation = data.subset(&validation_rows)?;
    let model = match fit(training.clone(), train.clone(), validation.clone(), |p| {
        on_progress(BuildProgress::Study(BuildStage::Final, p))
    })? {
        FitOutcome::Completed(model) => model,
        FitOutcome::Cancelled(_) => return Ok(None),
    };

    let train_risk = log_risk(&model.network, &train);
    let baseline = BreslowBaseline::fit(train.time(), train.event(), &train_risk)?;
    let risk_groups = LabelledRiskGroups::equal_sized(&train_risk, settings.risk_groups)?;
    let validation_risk = log_risk(&model.network, &validation);
    let validation_harrell_c = harrell_c(validation.time(), validation.event(), &validation_risk)
        .ok()
        .map(|c| c.index);

    let columns = cohort.columns();
    let entities = cohort
        .entity()
        .map(|e| e.levels().to_vec())
        .unwrap_or_default();
    let architecture = training.architecture(p);
    let metrics = ModelMetrics {
        n_patients: cohort.len(),
        n_events: cohort.event_count(),
        final_fit: FinalFit {
            n_train: train.n_patients(),
            n_validation: validation.n_patients(),
            epochs: model.history.len(),
            best_epoch: model.best_epoch,
            validation_loss: model.best_validation_loss,
            validation_harrell_c,
        },
        out_of_fold,
        baselines: Vec::new(),
    };
    ModelBundle::new(BundleParts {
        columns: OutcomeColumns {
            id: settings.id_column.clone(),
            time: columns.time.clone(),
            event: columns.event.clone(),
            entity: columns.entity.clone(),
            time_unit: settings.time_unit.clone(),
        },
        entities,
        encoder,
        architecture,
        network: model.network,
        training: training.clone(),
        baseline,
        risk_groups,
        metrics,
        auto: None,
        baseline_models: None,
        labels: Vec::new(),
    })
    .map(Some)
}

/// [`build_bundle`] for the `auto` recipe (see the module documentation).
fn build_auto(
    cohort: &Cohort,
    settings: &BuildSettings,
    mut on_progress: impl FnMut(BuildProgress<'_>) -> ControlFlow<()>,
) -> Result<Option<ModelBundle>, BundleError> {
    let encoder = settings.encoder.fit(cohort.view())?;
    let design = encoder.transform(cohort.view())?.design;
    let p = design.cols();
    let data = SurvivalData::new(
        design.into_vec(),
        p,
        cohort.time().to_vec(),
        cohort.event().to_vec(),
    )?;
    let strata: Option<Vec<u32>> = cohort.entity().map(|e| e.codes().to_vec());
    let config = settings
        .auto
        .clone()
        .unwrap_or_else(|| AutoConfig::for_cohort(data.n_patients(), settings.training.seed));
    let mut trainer = AutoTrainer::new(config, data.clone(), strata.as_deref())?;
    while !trainer.is_finished() {
        let progress = trainer.step()?;
        if on_progress(BuildProgress::Auto(&progress)).is_break() {
            return Ok(None);
        }
    }
    let model = trainer.finish()?;
    let choice = &model.choice;
    let oof = &model.out_of_fold_risk;
    // The thirds of the out-of-fold risks, on the calibrated scale of the model.
    let risk_groups = LabelledRiskGroups::equal_sized(oof, settings.risk_groups)?;

    let event_grid = distinct_event_times(data.time(), data.event());
    let brier_grid = brier_times(data.time());
    let curves = |grid: &[f64]| -> Result<Vec<f64>, ModelError> {
        if grid.is_empty() {
            Ok(Vec::new())
        } else {
            model.baseline.survival_matrix(oof, grid)
        }
    };
    let chosen_members: Vec<_> = model
        .members
        .iter()
        .filter(|m| m.candidate == choice.chosen)
        .collect();
    let out_of_fold = OutOfFoldMetrics {
        folds: choice.members,
        n_test: data.n_patients(),
        harrell_c: choice.out_of_fold_c,
        antolini_c: antolini_c(
            data.time(),
            data.event(),
            &event_grid,
            &curves(&event_grid)?,
        )
        .ok(),
        integrated_brier_score: integrated_brier_score(
            data.time(),
            data.event(),
            data.time(),
            data.event(),
            &curves(&brier_grid)?,
            &brier_grid,
        )
        .ok(),
        fold_test_harrell_c: chosen_members
            .iter()
            .map(|m| Some(m.validation_c).filter(|c| c.is_finite()))
            .collect(),
    };
    let score = choice.scores.get(choice.chosen);
    let metrics = ModelMetrics {
        n_patients: cohort.len(),
        n_events: cohort.event_count(),
        final_fit: FinalFit {
            n_train: data.n_patients(),
            n_validation: 0,
            epochs: 0,
            best_epoch: None,
            validation_loss: score.map(|s| s.validation_loss),
            validation_harrell_c: score.map(|s| s.validation_c).filter(|c| c.is_finite()),
        },
        out_of_fold: Some(out_of_fold),
        baselines: baseline_metrics(
            &FoldedDesign {
                x: data.x(),
                p,
                time: data.time(),
                event: data.event(),
                fold_of: &model.folds,
                folds: choice.members.max(choice.config.folds),
            },
            oof,
            settings.training.seed,
        )?,
    };
    let (architecture, training) = choice.describe_network(&model.network);
    let columns = cohort.columns();
    ModelBundle::new(BundleParts {
        columns: OutcomeColumns {
            id: settings.id_column.clone(),
            time: columns.time.clone(),
            event: columns.event.clone(),
            entity: columns.entity.clone(),
            time_unit: settings.time_unit.clone(),
        },
        entities: cohort
            .entity()
            .map(|e| e.levels().to_vec())
            .unwrap_or_default(),
        encoder,
        architecture,
        network: model.network,
        training,
        baseline: model.baseline,
        risk_groups,
        metrics,
        auto: Some(model.choice),
        baseline_models: None,
        labels: Vec::new(),
    })
    .map(Some)
}

/// The distinct event times, increasing: an exact grid for Antolini's C.
fn distinct_event_times(time: &[f64], event: &[bool]) -> Vec<f64> {
    let mut grid: Vec<f64> = time
        .iter()
        .zip(event)
        .filter(|&(_, &e)| e)
        .map(|(&t, _)| t)
        .collect();
    grid.sort_by(f64::total_cmp);
    grid.dedup();
    grid
}

/// Out-of-fold metrics of a finished cross-validation on `data` (the data it ran on): the
/// test halves of all folds pooled, each patient scored by the fold network that held it
/// out, survival curves from a Breslow baseline fitted on that fold's training patients.
/// A metric that is undefined on the pooled test halves (no comparable pair, follow-up
/// too short for a time grid) is `None`.
///
/// # Errors
/// [`ModelError::Shape`] when `cv` does not belong to `data`; the errors of
/// [`BreslowBaseline::fit`] for a fold without training events.
pub fn out_of_fold_metrics(
    cv: &CrossValidation,
    data: &SurvivalData,
) -> Result<OutOfFoldMetrics, ModelError> {
    let folds = cv.assignment.n_folds();
    if cv.out_of_fold_log_risk.len() != data.n_patients() {
        return Err(ModelError::length(
            "cross-validated model",
            "out-of-fold log-risk",
            data.n_patients(),
            cv.out_of_fold_log_risk.len(),
        ));
    }
    if cv.models.len() != folds {
        return Err(ModelError::length(
            "cross-validated model",
            "fold model",
            folds,
            cv.models.len(),
        ));
    }

    let test_rows: Vec<usize> = (0..folds)
        .flat_map(|k| cv.assignment.test_rows(k).iter().copied())
        .collect();
    let time: Vec<f64> = test_rows.iter().map(|&i| data.time()[i]).collect();
    let event: Vec<bool> = test_rows.iter().map(|&i| data.event()[i]).collect();
    let risk: Vec<f64> = test_rows
        .iter()
        .map(|&i| cv.out_of_fold_log_risk[i])
        .collect();

    // Antolini reads each curve at the test event times only, so the distinct test event
    // times are an exact grid (the curves are steps at training event times).
    let mut event_grid: Vec<f64> = time
        .iter()
        .zip(&event)
        .filter(|&(_, &e)| e)
        .map(|(&t, _)| t)
        .collect();
    event_grid.sort_by(f64::total_cmp);
    event_grid.dedup();
    let brier_grid = brier_times(&time);

    let mut survival_events = Vec::with_capacity(test_rows.len() * event_grid.len());
    let mut survival_brier = Vec::with_capacity(test_rows.len() * brier_grid.len());
    let mut fold_test_harrell_c = Vec::with_capacity(folds);
    for (k, model) in cv.models.iter().enumerate() {
        let train = data.subset(&cv.assignment.train_rows(k))?;
        let baseline = BreslowBaseline::fit(
            train.time(),
            train.event(),
            &log_risk(&model.network, &train),
        )?;
        let fold_risk: Vec<f64> = cv
            .assignment
            .test_rows(k)
            .iter()
            .map(|&i| cv.out_of_fold_log_risk[i])
            .collect();
        if !event_grid.is_empty() {
            survival_events.extend(baseline.survival_matrix(&fold_risk, &event_grid)?);
        }
        if !brier_grid.is_empty() {
            survival_brier.extend(baseline.survival_matrix(&fold_risk, &brier_grid)?);
        }
        fold_test_harrell_c.push(cv.test_c_index.get(k).copied().filter(|c| c.is_finite()));
    }
    Ok(OutOfFoldMetrics {
        folds,
        n_test: test_rows.len(),
        harrell_c: harrell_c(&time, &event, &risk).ok().map(|c| c.index),
        antolini_c: antolini_c(&time, &event, &event_grid, &survival_events).ok(),
        integrated_brier_score: integrated_brier_score(
            data.time(),
            data.event(),
            &time,
            &event,
            &survival_brier,
            &brier_grid,
        )
        .ok(),
        fold_test_harrell_c,
    })
}

/// `BRIER_POINTS` equally spaced times from the first test time up to (excluding) the last,
/// where the Brier score is defined; empty when the follow-up has a single time.
fn brier_times(times: &[f64]) -> Vec<f64> {
    let lo = times.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = times.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !(lo.is_finite() && hi.is_finite() && hi > lo) {
        return Vec::new();
    }
    (0..BRIER_POINTS)
        .map(|j| lo + (hi - lo) * j as f64 / BRIER_POINTS as f64)
        .collect()
}

/// The network's log-risk of every patient of `data`, in `f64`.
fn log_risk(network: &crate::network::CoxNet, data: &SurvivalData) -> Vec<f64> {
    network
        .predict(data.x(), data.n_patients())
        .into_iter()
        .map(f64::from)
        .collect()
}
