//! The demo job: synthetic cohort -> encoding -> deep Cox network -> LRP -> [`Session`].
//!
//! A step-wise state machine, so the web worker can run one step, report it, and look for a
//! cancel request before the next; the command-line tool drives the same job to the end.
//! Both therefore compute the same numbers from the same [`DemoSpec`].

use serde::{Deserialize, Serialize};
use survlens_data::encode::{Encoder, EncoderConfig, FeatureMap};
use survlens_data::{Categorical, Cohort, Marker};
use survlens_model::BreslowBaseline;
use survlens_model::concordance::harrell_c;
use survlens_model::cv::assign_folds;
use survlens_model::train::{HiddenWidth, SurvivalData, TrainConfig, Trainer};
use survlens_synth::{MarkerKind, Preset, SynthConfig, SyntheticCohort};
use survlens_xai::{Composite, Lrp};

use crate::protocol::Response;
use crate::session::{
    EpochLine, MarkerInfo, PlantedInteraction, PlantedTruth, Session, SessionModel,
};

/// Everything that decides the demo's numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DemoSpec {
    /// Which synthetic cohort.
    pub cohort: SynthConfig,
    /// How the network is trained.
    pub training: TrainConfig,
    /// Folds of the entity-stratified split; fold 0's held-out half is the validation set
    /// (early stopping), its other half the test set.
    pub folds: usize,
}

impl Default for DemoSpec {
    /// The teaching cohort (600 patients, seed 42) and the study's network, with a learning
    /// rate and batch size suited to a few hundred patients (the study's 1e-4 and 1,024
    /// are tuned for 15,726).
    fn default() -> Self {
        Self {
            cohort: SynthConfig {
                n_patients: 600,
                seed: 42,
                preset: Preset::Teaching,
            },
            training: TrainConfig {
                hidden_width: HiddenWidth::TimesInputs(10),
                learning_rate: 1e-3,
                batch_size: 128,
                epochs_per_stage: 30,
                seed: 7,
                ..TrainConfig::default()
            },
            folds: 5,
        }
    }
}

/// Why a demo job failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    /// The generator refused its settings.
    #[error("synthetic cohort: {0}")]
    Synth(#[from] survlens_synth::SynthError),
    /// The cohort table or the encoder refused the data.
    #[error("cohort data: {0}")]
    Data(#[from] survlens_data::DataError),
    /// Training or a statistic failed.
    #[error("model: {0}")]
    Model(#[from] survlens_model::ModelError),
    /// The explainer failed.
    #[error("explanation: {0}")]
    Xai(#[from] survlens_xai::XaiError),
    /// `step` was called after the job finished.
    #[error("the job has already finished")]
    Finished,
}

/// What one step of a job produced.
#[derive(Debug)]
pub enum JobStep {
    /// Progress to report; call `step` again.
    Progress(Response),
    /// The explained cohort; the job is over.
    Done(Box<Session>),
}

/// State shared by the steps after generation.
struct Prepared {
    synthetic: SyntheticCohort,
    encoder: Encoder,
    /// All patients' encoded inputs, `n x p`.
    x: Vec<f32>,
    held_out: Vec<bool>,
    test_rows: Vec<usize>,
    train_rows: Vec<usize>,
}

enum Phase {
    Start,
    Generated(Box<SyntheticCohort>),
    Training(Box<Prepared>, Box<Trainer>),
    Done,
}

/// The demo job. Call [`DemoJob::step`] until it returns [`JobStep::Done`].
pub struct DemoJob {
    spec: DemoSpec,
    phase: Phase,
    history: Vec<EpochLine>,
}

impl DemoJob {
    /// A job that has not started.
    pub fn new(spec: DemoSpec) -> Self {
        Self {
            spec,
            phase: Phase::Start,
            history: Vec::new(),
        }
    }

    /// Upper bound on the number of training epochs.
    pub fn max_epochs(&self) -> usize {
        self.spec.training.stages * self.spec.training.epochs_per_stage
    }

    /// Runs the next step: generation, preparation, one training epoch, or explanation.
    pub fn step(&mut self) -> Result<JobStep, PipelineError> {
        match std::mem::replace(&mut self.phase, Phase::Done) {
            Phase::Start => {
                let synthetic = survlens_synth::generate(&self.spec.cohort)?;
                self.phase = Phase::Generated(Box::new(synthetic));
                Ok(JobStep::Progress(Response::Stage(
                    "Training the network".to_owned(),
                )))
            }
            Phase::Generated(synthetic) => {
                let (prepared, trainer) = self.prepare(*synthetic)?;
                self.phase = Phase::Training(Box::new(prepared), Box::new(trainer));
                self.step()
            }
            Phase::Training(prepared, mut trainer) => {
                if trainer.is_finished() {
                    self.phase = Phase::Done;
                    let network = trainer.finish().network;
                    return Ok(JobStep::Done(Box::new(self.explain(*prepared, &network)?)));
                }
                let progress = trainer.run_epoch()?;
                let line = progress.epoch_summary.map(|e| EpochLine {
                    epoch: self.history.len() + 1,
                    train_loss: e.train_loss,
                    validation_loss: e.validation_loss,
                    validation_cindex: e.validation_c_index,
                });
                self.phase = Phase::Training(prepared, trainer);
                match line {
                    Some(line) => {
                        self.history.push(line.clone());
                        Ok(JobStep::Progress(Response::Epoch {
                            line,
                            max_epochs: self.max_epochs(),
                        }))
                    }
                    None => Ok(JobStep::Progress(Response::Stage(
                        "Training the network".to_owned(),
                    ))),
                }
            }
            Phase::Done => Err(PipelineError::Finished),
        }
    }

    fn prepare(&self, synthetic: SyntheticCohort) -> Result<(Prepared, Trainer), PipelineError> {
        let cohort = to_cohort(&synthetic)?;
        let strata: Vec<u32> = synthetic.entity.iter().map(|&e| u32::from(e)).collect();
        let folds = assign_folds(
            synthetic.n_patients(),
            Some(&strata),
            self.spec.folds,
            self.spec.training.seed,
        )?;
        let train_rows = folds.train_rows(0);
        let validation_rows = folds.validation_rows(0).to_vec();
        let test_rows = folds.test_rows(0).to_vec();

        let encoder = EncoderConfig::default().fit(cohort.rows(&train_rows)?)?;
        let x = encoder.transform(cohort.view())?.design.into_vec();
        let p = encoder.n_features();
        let subset = |rows: &[usize]| -> Result<SurvivalData, PipelineError> {
            let xs = rows
                .iter()
                .flat_map(|&i| x[i * p..(i + 1) * p].iter().copied())
                .collect();
            let time = rows.iter().map(|&i| synthetic.time_days[i]).collect();
            let event = rows.iter().map(|&i| synthetic.event[i]).collect();
            Ok(SurvivalData::new(xs, p, time, event)?)
        };
        let trainer = Trainer::new(
            self.spec.training.clone(),
            subset(&train_rows)?,
            subset(&validation_rows)?,
        )?;
        let mut held_out = vec![false; synthetic.n_patients()];
        for &i in validation_rows.iter().chain(&test_rows) {
            held_out[i] = true;
        }
        Ok((
            Prepared {
                encoder,
                synthetic,
                x,
                held_out,
                test_rows,
                train_rows,
            },
            trainer,
        ))
    }

    fn explain(
        &self,
        prepared: Prepared,
        network: &survlens_model::CoxNet,
    ) -> Result<Session, PipelineError> {
        let Prepared {
            synthetic,
            encoder,
            x,
            held_out,
            test_rows,
            train_rows,
        } = prepared;
        let features = encoder.feature_map();
        let n = synthetic.n_patients();
        let lrp = Lrp::new(network, &Composite::paper())?;
        let relevances = lrp.explain_batch(&x, n)?;
        let risk = relevances.outputs().to_vec();

        let n_markers = features.n_markers();
        let input_to_marker = features.input_to_marker();
        let mut relevance = vec![0.0f32; n * n_markers];
        let mut bias_relevance = Vec::with_capacity(n);
        for i in 0..n {
            let row = relevances.row(i).unwrap_or_default();
            let out = &mut relevance[i * n_markers..(i + 1) * n_markers];
            for (&r, &j) in row.iter().zip(&input_to_marker) {
                out[j] += r;
            }
            let acc = relevances.accounting(i);
            bias_relevance.push(acc.map_or(0.0, |a| a.bias_share + a.stabilizer_share));
        }

        let markers = marker_infos(&synthetic, features);
        let m_synth = synthetic.n_markers();
        // Raw values as the views show them: the cohort's columns, then the entity (as its
        // level index) when the encoder made it an input.
        let mut values = Vec::with_capacity(n * n_markers);
        for i in 0..n {
            values.extend_from_slice(&synthetic.values[i * m_synth..(i + 1) * m_synth]);
            values.extend((m_synth..n_markers).map(|_| f32::from(synthetic.entity[i])));
        }

        let test_time: Vec<f64> = test_rows.iter().map(|&i| synthetic.time_days[i]).collect();
        let test_event: Vec<bool> = test_rows.iter().map(|&i| synthetic.event[i]).collect();
        let test_risk: Vec<f64> = test_rows.iter().map(|&i| f64::from(risk[i])).collect();
        let test_cindex = harrell_c(&test_time, &test_event, &test_risk)?.index;

        let train_time: Vec<f64> = train_rows.iter().map(|&i| synthetic.time_days[i]).collect();
        let train_event: Vec<bool> = train_rows.iter().map(|&i| synthetic.event[i]).collect();
        let train_log_risk: Vec<f64> = train_rows.iter().map(|&i| f64::from(risk[i])).collect();
        let baseline = BreslowBaseline::fit(&train_time, &train_event, &train_log_risk)?;
        let truth = planted_truth(&synthetic, n_markers, &test_rows)?;

        let mut train_risk: Vec<f32> = train_rows.iter().map(|&i| risk[i]).collect();
        train_risk.sort_by(f32::total_cmp);
        let risk_cutoffs = [
            quantile(&train_risk, 1.0 / 3.0),
            quantile(&train_risk, 2.0 / 3.0),
        ];

        Ok(Session {
            title: format!(
                "Synthetic {} cohort, {} patients, seed {}",
                synthetic.config.preset.name().replace('_', "-"),
                n,
                synthetic.config.seed
            ),
            markers,
            patient_ids: synthetic.patient_ids.clone(),
            entities: synthetic
                .entities
                .iter()
                .map(|e| e.name.to_owned())
                .collect(),
            entity_ids: synthetic.entities.iter().map(|e| e.id.to_owned()).collect(),
            entity_of: synthetic.entity.iter().map(|&e| u32::from(e)).collect(),
            time: synthetic.time_days.clone(),
            event: synthetic.event.clone(),
            values,
            risk,
            relevance,
            bias_relevance,
            risk_cutoffs,
            history: self.history.clone(),
            test_cindex,
            held_out,
            rule: "LRP, the study's sign-aware gamma rule (gamma 0.01)".to_owned(),
            model: SessionModel {
                network: network.clone(),
                encoder,
                baseline,
            },
            truth: Some(truth),
        })
    }
}

/// The generator's truth in the session's marker order: the cohort's markers, then the
/// entity, whose contribution is its baseline log-hazard term centred on the cohort mean
/// (only differences between entities matter for a ranking).
fn planted_truth(
    s: &SyntheticCohort,
    n_markers: usize,
    test_rows: &[usize],
) -> Result<PlantedTruth, PipelineError> {
    let n = s.n_patients();
    let m_synth = s.n_markers();
    let mean_entity = s
        .truth
        .entity_log_hazard
        .iter()
        .map(|&v| f64::from(v))
        .sum::<f64>()
        / n.max(1) as f64;
    let mut contributions = Vec::with_capacity(n * n_markers);
    for i in 0..n {
        contributions.extend_from_slice(&s.truth.contributions[i * m_synth..(i + 1) * m_synth]);
        for _ in m_synth..n_markers {
            contributions.push((f64::from(s.truth.entity_log_hazard[i]) - mean_entity) as f32);
        }
    }
    let importance = (0..n_markers)
        .map(|j| {
            (0..n)
                .map(|i| contributions[i * n_markers + j].abs())
                .sum::<f32>()
                / n.max(1) as f32
        })
        .collect();
    let describe = |j: usize| s.truth.markers.get(j);
    let test_time: Vec<f64> = test_rows.iter().map(|&i| s.time_days[i]).collect();
    let test_event: Vec<bool> = test_rows.iter().map(|&i| s.event[i]).collect();
    let test_oracle: Vec<f64> = test_rows.iter().map(|&i| s.truth.log_hazard[i]).collect();
    Ok(PlantedTruth {
        contributions,
        importance,
        prognostic: (0..n_markers)
            .map(|j| describe(j).is_none_or(|m| m.prognostic))
            .collect(),
        effect: (0..n_markers)
            .map(|j| match describe(j) {
                Some(m) => m.effect.clone().unwrap_or_default(),
                None => "entity-specific Weibull baseline hazard".to_owned(),
            })
            .collect(),
        interactions: s
            .truth
            .interactions
            .iter()
            .map(|t| PlantedInteraction {
                name: t.name.clone(),
                markers: t.marker_indices,
                description: t.description.clone(),
            })
            .collect(),
        oracle_risk: s.truth.log_hazard.iter().map(|&v| v as f32).collect(),
        oracle_test_cindex: harrell_c(&test_time, &test_event, &test_oracle)?.index,
    })
}

/// The `q`-quantile of sorted values, by linear interpolation (`NaN` when empty).
fn quantile(sorted: &[f32], q: f32) -> f32 {
    if sorted.is_empty() {
        return f32::NAN;
    }
    let pos = q * (sorted.len() - 1) as f32;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f32)
}

/// The generator's table as a cohort the encoder reads.
fn to_cohort(s: &SyntheticCohort) -> Result<Cohort, PipelineError> {
    let entity = Categorical::new(
        s.entity.iter().map(|&e| u32::from(e)).collect(),
        s.entities.iter().map(|e| e.id.to_owned()).collect(),
    )?;
    let mut cohort = Cohort::new(s.patient_ids.clone(), s.time_days.clone(), s.event.clone())?
        .with_entity("entity", entity)?;
    for (j, spec) in s.markers.iter().enumerate() {
        let column = s.column(j);
        let marker = match spec.kind {
            MarkerKind::Numeric => Marker::numeric(spec.id, column)?,
            MarkerKind::Binary => Marker::binary(spec.id, column)?,
            MarkerKind::Categorical { levels, .. } => {
                let codes = column
                    .iter()
                    .map(|&v| {
                        if v.is_nan() {
                            Categorical::MISSING
                        } else {
                            v as u32
                        }
                    })
                    .collect();
                let levels = levels.iter().map(|&l| l.to_owned()).collect();
                Marker::categorical(spec.id, Categorical::new(codes, levels)?)
            }
        };
        cohort = cohort.with_marker(marker)?;
    }
    Ok(cohort)
}

/// Display information of every marker of the feature map (the cohort's markers, then the
/// entity when encoded).
fn marker_infos(s: &SyntheticCohort, features: &FeatureMap) -> Vec<MarkerInfo> {
    features
        .marker_names()
        .iter()
        .enumerate()
        .map(|(j, id)| match s.markers.get(j) {
            Some(spec) => MarkerInfo {
                id: spec.id.to_owned(),
                name: spec.name.to_owned(),
                unit: if spec.unit == "1" {
                    String::new()
                } else {
                    spec.unit.to_owned()
                },
                modality: spec.modality.name().to_owned(),
                reference_range: spec.reference_range,
                levels: match spec.kind {
                    MarkerKind::Categorical { levels, .. } => {
                        levels.iter().map(|&l| l.to_owned()).collect()
                    }
                    MarkerKind::Binary => vec!["no".to_owned(), "yes".to_owned()],
                    MarkerKind::Numeric => Vec::new(),
                },
            },
            None => MarkerInfo {
                id: id.clone(),
                name: "Cancer entity".to_owned(),
                unit: String::new(),
                modality: "Clinical record".to_owned(),
                reference_range: None,
                levels: s.entities.iter().map(|e| e.name.to_owned()).collect(),
            },
        })
        .collect()
}
