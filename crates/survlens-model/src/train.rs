//! Training the study's deep Cox network: Adam on mini-batches of the Cox loss, gradient-norm
//! clipping, learning-rate stages, early stopping on the validation loss.
//!
//! [`Trainer`] is a resumable state machine: a browser worker calls
//! [`Trainer::run_batches`] a few batches at a time and checks for a cancel message in
//! between; [`fit`] drives it to the end with a callback that may stop it. All randomness
//! (initial weights, the per-epoch shuffle, dropout masks) comes from `ChaCha8Rng` seeded by
//! [`TrainConfig::seed`], on separate streams, so a seed gives bit-for-bit the same weights
//! on the same target.
//!
//! # The schedule (the study's, as its code runs it with pycox/torchtuples)
//! Stage `s = 0, 1, 2` trains with learning rate `lr * 0.1^s` for up to 50 epochs. After
//! every epoch the Cox loss of the whole validation set (dropout off) is compared with the
//! best so far; after `patience` (10, torchtuples' `EarlyStopping` default) epochs without
//! a strict improvement the stage ends early. At the end of each stage the best weights are
//! restored (torchtuples' `load_best`) and the next stage continues from them with the same
//! Adam state (the study keeps one optimiser and only lowers its learning rate). The final
//! model is the best one by validation loss.
//!
//! Two documented differences from the study's code: the reference for "improvement" is the
//! best validation loss over all stages so far (torchtuples restarts it each stage, which can
//! end a stage on weights worse than an earlier stage's best); and the validation loss is
//! the partial likelihood of the whole validation set, where torchtuples averages it over
//! batches of 1,024. A training mini-batch without any event has no partial likelihood; it
//! is skipped (pycox would divide by zero).

use std::ops::ControlFlow;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::backprop::{Backprop, Dropout, NetGradient};
use crate::concordance::harrell_c;
use crate::loss::{CoxLoss, Ties};
use crate::network::{Architecture, CoxNet};
use crate::{ModelError, ShapeProblem, Step};

mod shared;
pub use shared::{ShardBackward, ShardDropout, ShardForward, ShardPass, ShardTask};

/// `ChaCha8Rng` stream of the initial weights.
const INIT_STREAM: u64 = 0;
/// `ChaCha8Rng` stream of the per-epoch shuffle.
const SHUFFLE_STREAM: u64 = 1;
/// `ChaCha8Rng` stream of the dropout masks.
const DROPOUT_STREAM: u64 = 2;

/// Survival data for training: one row of encoded inputs, a time and an event indicator per
/// patient.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurvivalData {
    x: Vec<f32>,
    n_features: usize,
    time: Vec<f64>,
    event: Vec<bool>,
}

impl SurvivalData {
    /// Checked survival data.
    ///
    /// # Shapes
    /// `x`: `n x n_features` row-major; `time`, `event`: `n`.
    ///
    /// # Errors
    /// [`ModelError::Shape`] when the lengths disagree or there are no patients or no
    /// features; [`ModelError::NonFinite`] for a NaN or infinite input or time;
    /// [`ModelError::InvalidSetting`] for a time `<= 0`; [`ModelError::InsufficientData`]
    /// without any event.
    pub fn new(
        x: Vec<f32>,
        n_features: usize,
        time: Vec<f64>,
        event: Vec<bool>,
    ) -> Result<Self, ModelError> {
        let n = time.len();
        const CONTEXT: &str = "survival data";
        if n == 0 {
            return Err(ModelError::insufficient(
                CONTEXT,
                "at least one patient",
                0,
                "patients",
            ));
        }
        if n_features == 0 {
            return Err(ModelError::insufficient(
                CONTEXT,
                "at least one feature",
                0,
                "features",
            ));
        }
        if event.len() != n {
            return Err(ModelError::length(
                CONTEXT,
                "event indicator",
                n,
                event.len(),
            ));
        }
        if x.len() != n.saturating_mul(n_features) {
            return Err(ModelError::length(
                CONTEXT,
                "input matrix",
                n.saturating_mul(n_features),
                x.len(),
            ));
        }
        if let Some(i) = x.iter().position(|v| !v.is_finite()) {
            return Err(ModelError::non_finite(
                CONTEXT,
                "input",
                Some(i % n_features),
                Some(i / n_features),
                f64::from(x[i]),
            ));
        }
        if let Some(i) = time.iter().position(|t| !t.is_finite()) {
            return Err(ModelError::non_finite(
                CONTEXT,
                "survival time",
                None,
                Some(i),
                time[i],
            ));
        }
        if let Some(i) = time.iter().position(|&t| t <= 0.0) {
            return Err(ModelError::InvalidValue {
                context: CONTEXT,
                what: "survival time",
                patient: i,
                valid: "positive",
                value: time[i],
            });
        }
        if !event.iter().any(|&e| e) {
            return Err(ModelError::insufficient(
                "the Cox partial likelihood",
                "at least one event",
                0,
                "events",
            ));
        }
        Ok(Self {
            x,
            n_features,
            time,
            event,
        })
    }

    /// Event indicators from numbers that must be exactly 0 (censored) or 1 (event).
    ///
    /// # Errors
    /// [`ModelError::InvalidSetting`] naming the first patient whose value is neither.
    pub fn events_from_indicators(values: &[f64]) -> Result<Vec<bool>, ModelError> {
        values
            .iter()
            .enumerate()
            .map(|(i, &v)| match v {
                0.0 => Ok(false),
                1.0 => Ok(true),
                _ => Err(ModelError::InvalidValue {
                    context: "survival data",
                    what: "event indicator",
                    patient: i,
                    valid: "0 or 1",
                    value: v,
                }),
            })
            .collect()
    }

    /// The patients `rows`, in that order.
    ///
    /// # Errors
    /// [`ModelError::Shape`] for an out-of-range row, and the errors of
    /// [`SurvivalData::new`] for the subset (no patients, no events).
    pub fn subset(&self, rows: &[usize]) -> Result<Self, ModelError> {
        let n = self.n_patients();
        if let Some(&bad) = rows.iter().find(|&&r| r >= n) {
            return Err(ModelError::RowOutOfRange {
                context: "survival data",
                row: bad,
                rows: n,
            });
        }
        let d = self.n_features;
        let mut x = Vec::with_capacity(rows.len() * d);
        for &r in rows {
            x.extend_from_slice(&self.x[r * d..(r + 1) * d]);
        }
        Self::new(
            x,
            d,
            rows.iter().map(|&r| self.time[r]).collect(),
            rows.iter().map(|&r| self.event[r]).collect(),
        )
    }

    /// Number of patients.
    pub fn n_patients(&self) -> usize {
        self.time.len()
    }

    /// Number of encoded inputs per patient.
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Number of observed events.
    pub fn n_events(&self) -> usize {
        self.event.iter().filter(|&&e| e).count()
    }

    /// Inputs, `n_patients x n_features` row-major.
    pub fn x(&self) -> &[f32] {
        &self.x
    }

    /// Survival (or censoring) times, `n_patients`, all finite and `> 0`.
    pub fn time(&self) -> &[f64] {
        &self.time
    }

    /// Event indicators, `n_patients` (`true` = event observed).
    pub fn event(&self) -> &[bool] {
        &self.event
    }

    /// The inputs, times and events, taken apart without a copy (as [`SurvivalData::x`],
    /// [`SurvivalData::time`] and [`SurvivalData::event`]).
    pub fn into_parts(self) -> (Vec<f32>, Vec<f64>, Vec<bool>) {
        (self.x, self.time, self.event)
    }
}

/// Width of the hidden layers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HiddenWidth {
    /// A multiple of the number of inputs (the study: 10).
    TimesInputs(usize),
    /// A fixed number of units.
    Fixed(usize),
}

/// Adam's settings (PyTorch's `torch.optim.Adam` without weight decay or amsgrad).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdamConfig {
    /// Decay of the first-moment estimate (0.9).
    pub beta1: f64,
    /// Decay of the second-moment estimate (0.999).
    pub beta2: f64,
    /// Added to the denominator (1e-8).
    pub epsilon: f64,
}

impl Default for AdamConfig {
    fn default() -> Self {
        Self {
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-8,
        }
    }
}

/// Everything that decides how a deep Cox network is trained. [`Default`] is the study's
/// setting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainConfig {
    /// Number of hidden layers (1).
    pub hidden_layers: usize,
    /// Width of each hidden layer (ten times the inputs).
    pub hidden_width: HiddenWidth,
    /// Dropout probability on the inputs during training (0.5).
    pub input_dropout: f32,
    /// Dropout probability after each hidden ReLU during training (0.5).
    pub hidden_dropout: f32,
    /// Tie handling of the Cox loss ([`Ties::Pycox`], the study's loss).
    pub ties: Ties,
    /// Learning rate of the first stage (1e-4).
    pub learning_rate: f64,
    /// Adam's moment decays and epsilon.
    pub adam: AdamConfig,
    /// Patients per mini-batch (1,024); the last batch of an epoch may be smaller.
    pub batch_size: usize,
    /// Clip the Euclidean norm of the gradient over all parameters to this (1.0); `None`
    /// turns clipping off.
    pub max_grad_norm: Option<f64>,
    /// Number of learning-rate stages (3).
    pub stages: usize,
    /// Most epochs per stage (50).
    pub epochs_per_stage: usize,
    /// Factor applied to the learning rate from one stage to the next (0.1).
    pub stage_lr_factor: f64,
    /// Epochs without a better validation loss that end a stage (10).
    pub patience: usize,
    /// Seed of every random choice (weights, shuffles, dropout).
    pub seed: u64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        Self {
            hidden_layers: 1,
            hidden_width: HiddenWidth::TimesInputs(10),
            input_dropout: 0.5,
            hidden_dropout: 0.5,
            ties: Ties::Pycox,
            learning_rate: 1e-4,
            adam: AdamConfig::default(),
            batch_size: 1024,
            max_grad_norm: Some(1.0),
            stages: 3,
            epochs_per_stage: 50,
            stage_lr_factor: 0.1,
            patience: 10,
            seed: 0,
        }
    }
}

impl TrainConfig {
    /// Checks every setting.
    ///
    /// # Errors
    /// [`ModelError::InvalidSetting`] naming the first setting out of its range.
    pub fn validate(&self) -> Result<(), ModelError> {
        const UNIT: &str = "in [0, 1)";
        const POSITIVE: &str = "a positive number";
        let width = match self.hidden_width {
            HiddenWidth::TimesInputs(w) | HiddenWidth::Fixed(w) => w,
        };
        let in_unit = |v: f64| (0.0..1.0).contains(&v);
        let positive = |v: f64| v.is_finite() && v > 0.0;
        ModelError::first_invalid(
            "training setting",
            &[
                (
                    "hidden_width",
                    "at least 1",
                    width as f64,
                    self.hidden_layers == 0 || width > 0,
                ),
                (
                    "input_dropout",
                    UNIT,
                    f64::from(self.input_dropout),
                    in_unit(f64::from(self.input_dropout)),
                ),
                (
                    "hidden_dropout",
                    UNIT,
                    f64::from(self.hidden_dropout),
                    in_unit(f64::from(self.hidden_dropout)),
                ),
                (
                    "learning_rate",
                    POSITIVE,
                    self.learning_rate,
                    positive(self.learning_rate),
                ),
                (
                    "adam.beta1",
                    UNIT,
                    self.adam.beta1,
                    in_unit(self.adam.beta1),
                ),
                (
                    "adam.beta2",
                    UNIT,
                    self.adam.beta2,
                    in_unit(self.adam.beta2),
                ),
                (
                    "adam.epsilon",
                    POSITIVE,
                    self.adam.epsilon,
                    positive(self.adam.epsilon),
                ),
                (
                    "batch_size",
                    "at least 2 (a Cox loss compares patients)",
                    self.batch_size as f64,
                    self.batch_size >= 2,
                ),
                (
                    "max_grad_norm",
                    POSITIVE,
                    self.max_grad_norm.unwrap_or(1.0),
                    self.max_grad_norm.is_none_or(positive),
                ),
                ("stages", "at least 1", self.stages as f64, self.stages > 0),
                (
                    "epochs_per_stage",
                    "at least 1",
                    self.epochs_per_stage as f64,
                    self.epochs_per_stage > 0,
                ),
                (
                    "stage_lr_factor",
                    POSITIVE,
                    self.stage_lr_factor,
                    positive(self.stage_lr_factor),
                ),
                (
                    "patience",
                    "at least 1 epoch",
                    self.patience as f64,
                    self.patience > 0,
                ),
            ],
        )
    }

    /// The network shape this setting gives for `n_inputs` inputs.
    pub fn architecture(&self, n_inputs: usize) -> Architecture {
        let width = match self.hidden_width {
            HiddenWidth::TimesInputs(f) => f.saturating_mul(n_inputs),
            HiddenWidth::Fixed(w) => w,
        };
        Architecture {
            n_inputs,
            hidden: vec![width; self.hidden_layers],
            input_dropout: self.input_dropout,
            hidden_dropout: self.hidden_dropout,
        }
    }

    /// The learning rate of stage `stage` (0-based).
    pub fn stage_learning_rate(&self, stage: usize) -> f64 {
        self.learning_rate
            * self
                .stage_lr_factor
                .powi(stage.min(i32::MAX as usize) as i32)
    }

    /// The initial network for `n_inputs` inputs: Xavier-uniform weights with ReLU gain
    /// drawn from this setting's seed.
    ///
    /// # Errors
    /// As [`CoxNet::init`].
    pub fn initial_network(&self, n_inputs: usize) -> Result<CoxNet, ModelError> {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        rng.set_stream(INIT_STREAM);
        CoxNet::init(&self.architecture(n_inputs), &mut rng)
    }
}

/// What one epoch achieved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EpochSummary {
    /// Epoch number over all stages, from 1.
    pub epoch: usize,
    /// Learning-rate stage, from 1.
    pub stage: usize,
    /// Learning rate used.
    pub learning_rate: f64,
    /// Mean Cox loss of the epoch's mini-batches (with dropout); NaN if every batch was
    /// skipped for having no event.
    pub train_loss: f64,
    /// Cox loss of the whole validation set (dropout off).
    pub validation_loss: f64,
    /// Harrell's C-index of the validation set ([`crate::harrell_c`]); NaN without a
    /// comparable pair.
    pub validation_c_index: f64,
    /// Whether the validation loss beat every earlier epoch's.
    pub improved: bool,
}

/// A progress report, returned after every call to [`Trainer::run_batches`].
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    /// The epoch being trained (or just completed), from 1.
    pub epoch: usize,
    /// The learning-rate stage of that epoch, from 1.
    pub stage: usize,
    /// Batches done in that epoch.
    pub batches_done: usize,
    /// Batches per epoch.
    pub batches_per_epoch: usize,
    /// Mean mini-batch loss of the epoch so far; NaN before the first counted batch.
    pub train_loss: f64,
    /// The epoch's summary, once it is complete (validation loss and C-index).
    pub epoch_summary: Option<EpochSummary>,
    /// Best validation loss so far, if an epoch has completed.
    pub best_validation_loss: Option<f64>,
    /// Whether training has finished (all stages run or stopped early).
    pub finished: bool,
}

/// A trained network with the setting and history that produced it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainedModel {
    /// The network with the best validation loss (the initial one if no epoch completed).
    pub network: CoxNet,
    /// The setting it was trained with.
    pub config: TrainConfig,
    /// One summary per completed epoch.
    pub history: Vec<EpochSummary>,
    /// The epoch of the returned weights, from 1; `None` if no epoch completed.
    pub best_epoch: Option<usize>,
    /// Validation loss of the returned weights.
    pub best_validation_loss: Option<f64>,
    /// Whether the whole schedule ran (rather than being finished early by the caller).
    pub completed: bool,
}

/// How [`fit`] ended.
// Returned once per training run, so the size of the unboxed model does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum FitOutcome {
    /// The schedule ran to its end.
    Completed(TrainedModel),
    /// The progress callback asked to stop; the trainer can be resumed or finished early.
    Cancelled(Box<Trainer>),
}

/// Adam's state (PyTorch's update, single-tensor form, in `f32`), with optional decoupled
/// weight decay on the weights (PyTorch's `AdamW`; biases are not decayed).
#[derive(Clone, Debug)]
pub(crate) struct Adam {
    first: NetGradient,
    second: NetGradient,
    steps: i32,
}

impl Adam {
    pub(crate) fn new(net: &CoxNet) -> Self {
        Self {
            first: NetGradient::zeros(net),
            second: NetGradient::zeros(net),
            steps: 0,
        }
    }

    pub(crate) fn step(&mut self, net: &mut CoxNet, grad: &NetGradient, lr: f64, cfg: &AdamConfig) {
        self.step_decayed(net, grad, lr, 0.0, cfg);
    }

    /// One update; `weight_decay > 0` first shrinks every weight by `lr * weight_decay`
    /// of itself, as PyTorch's `AdamW` does.
    pub(crate) fn step_decayed(
        &mut self,
        net: &mut CoxNet,
        grad: &NetGradient,
        lr: f64,
        weight_decay: f64,
        cfg: &AdamConfig,
    ) {
        if weight_decay > 0.0 {
            let keep = (1.0 - lr * weight_decay) as f32;
            for layer in net.layers_mut() {
                layer.params_mut().0.iter_mut().for_each(|w| *w *= keep);
            }
        }
        self.steps = self.steps.saturating_add(1);
        let bias1 = 1.0 - cfg.beta1.powi(self.steps);
        let bias2_sqrt = (1.0 - cfg.beta2.powi(self.steps)).sqrt();
        let step_size = (lr / bias1) as f32;
        let inv_bias2_sqrt = (1.0 / bias2_sqrt) as f32;
        let (b1, b2, eps) = (cfg.beta1 as f32, cfg.beta2 as f32, cfg.epsilon as f32);
        let layers = net.layers_mut().iter_mut();
        let moments = self
            .first
            .layers_mut()
            .iter_mut()
            .zip(self.second.layers_mut());
        for ((layer, g), (m, v)) in layers.zip(grad.layers()).zip(moments) {
            let (w, b) = layer.params_mut();
            for (p, g, m, v) in [
                (w, &g.weight, &mut m.weight, &mut v.weight),
                (b, &g.bias, &mut m.bias, &mut v.bias),
            ] {
                for (((p, &g), m), v) in p.iter_mut().zip(g).zip(m.iter_mut()).zip(v.iter_mut()) {
                    *m = b1 * *m + (1.0 - b1) * g;
                    *v = b2 * *v + (1.0 - b2) * g * g;
                    *p -= step_size * *m / (v.sqrt() * inv_bias2_sqrt + eps);
                }
            }
        }
    }
}

/// A resumable training run of a deep Cox network on one training and one validation set.
#[derive(Debug)]
pub struct Trainer {
    config: TrainConfig,
    train: SurvivalData,
    validation: SurvivalData,
    net: CoxNet,
    best: CoxNet,
    best_loss: Option<f64>,
    best_epoch: Option<usize>,
    adam: Adam,
    shuffle_rng: ChaCha8Rng,
    dropout: Dropout,
    /// This epoch's order of the training patients.
    order: Vec<usize>,
    /// Next position in `order`; 0 before the epoch starts.
    cursor: usize,
    batches_done: usize,
    /// Stage, 0-based.
    stage: usize,
    epochs_done: usize,
    epochs_in_stage: usize,
    epochs_without_improvement: usize,
    epoch_loss_sum: f64,
    epoch_loss_batches: usize,
    history: Vec<EpochSummary>,
    finished: bool,
    // Buffers reused across batches.
    backprop: Backprop,
    loss: CoxLoss,
    batch_risk: Vec<f64>,
    batch_grad: Vec<f64>,
    batch_time: Vec<f64>,
    batch_event: Vec<bool>,
    validation_rows: Vec<usize>,
    validation_risk: Vec<f64>,
    /// Mini-batches split among workers so far (names each one's shares).
    steps_taken: u64,
    /// The mini-batch in flight among workers, if any.
    shared: Option<shared::SharedBatch>,
}

impl Trainer {
    /// A trainer starting from the seed's initial network.
    ///
    /// # Errors
    /// An invalid setting, or training and validation sets with different numbers of
    /// features.
    pub fn new(
        config: TrainConfig,
        train: SurvivalData,
        validation: SurvivalData,
    ) -> Result<Self, ModelError> {
        config.validate()?;
        let net = config.initial_network(train.n_features())?;
        Self::from_network(config, net, train, validation)
    }

    /// A trainer starting from the given network (cross-validation starts every fold from
    /// the same initial weights, as the study does).
    ///
    /// # Errors
    /// As [`Trainer::new`]; also when the network's input width differs from the data's.
    pub fn from_network(
        config: TrainConfig,
        net: CoxNet,
        train: SurvivalData,
        validation: SurvivalData,
    ) -> Result<Self, ModelError> {
        config.validate()?;
        if validation.n_features() != train.n_features() {
            return Err(ModelError::length(
                "training",
                "validation feature",
                train.n_features(),
                validation.n_features(),
            ));
        }
        if net.n_inputs() != train.n_features() {
            return Err(ModelError::shape(
                "training",
                ShapeProblem::Inputs {
                    network: net.n_inputs(),
                    data: train.n_features(),
                },
            ));
        }
        let mut shuffle_rng = ChaCha8Rng::seed_from_u64(config.seed);
        shuffle_rng.set_stream(SHUFFLE_STREAM);
        let dropout = Dropout::new(
            config.input_dropout,
            config.hidden_dropout,
            config.seed,
            DROPOUT_STREAM,
        )?;
        let batch = config.batch_size.min(train.n_patients());
        Ok(Self {
            loss: CoxLoss::new(config.ties),
            backprop: Backprop::new(&net),
            adam: Adam::new(&net),
            best: net.clone(),
            best_loss: None,
            best_epoch: None,
            order: (0..train.n_patients()).collect(),
            cursor: 0,
            batches_done: 0,
            stage: 0,
            epochs_done: 0,
            epochs_in_stage: 0,
            epochs_without_improvement: 0,
            epoch_loss_sum: 0.0,
            epoch_loss_batches: 0,
            history: Vec::new(),
            finished: false,
            batch_risk: Vec::with_capacity(batch),
            batch_grad: Vec::with_capacity(batch),
            batch_time: Vec::with_capacity(batch),
            batch_event: Vec::with_capacity(batch),
            validation_rows: Vec::with_capacity(batch),
            validation_risk: Vec::with_capacity(validation.n_patients()),
            steps_taken: 0,
            shared: None,
            config,
            train,
            validation,
            net,
            shuffle_rng,
            dropout,
        })
    }

    /// Whether the schedule has ended.
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// The current (not necessarily best) network.
    pub fn network(&self) -> &CoxNet {
        &self.net
    }

    /// Summaries of the completed epochs.
    pub fn history(&self) -> &[EpochSummary] {
        &self.history
    }

    /// Mini-batches per epoch.
    pub fn batches_per_epoch(&self) -> usize {
        self.train.n_patients().div_ceil(self.config.batch_size)
    }

    /// Runs up to `max_batches` mini-batches, stopping early at the end of an epoch (whose
    /// validation is then part of this call and reported) or of the schedule. Once
    /// finished it does nothing and reports the final state.
    ///
    /// # Errors
    /// [`ModelError::NonFinite`] when training diverges (a non-finite log-risk).
    pub fn run_batches(&mut self, max_batches: usize) -> Result<Progress, ModelError> {
        for _ in 0..max_batches {
            if self.finished {
                break;
            }
            if let Some(summary) = self.step()? {
                return Ok(self.progress(Some(summary)));
            }
        }
        Ok(self.progress(None))
    }

    /// Runs the rest of the current epoch, validation included.
    ///
    /// # Errors
    /// As [`Trainer::run_batches`].
    pub fn run_epoch(&mut self) -> Result<Progress, ModelError> {
        while !self.finished {
            if let Some(summary) = self.step()? {
                return Ok(self.progress(Some(summary)));
            }
        }
        Ok(self.progress(None))
    }

    /// Ends training (early, if the schedule has not finished) and returns the network with
    /// the best validation loss so far.
    pub fn finish(self) -> TrainedModel {
        TrainedModel {
            network: self.best,
            config: self.config,
            history: self.history,
            best_epoch: self.best_epoch,
            best_validation_loss: self.best_loss,
            completed: self.finished,
        }
    }

    fn progress(&self, epoch_summary: Option<EpochSummary>) -> Progress {
        let (epoch, stage, batches_done) = match &epoch_summary {
            Some(s) => (s.epoch, s.stage, self.batches_per_epoch()),
            None => (self.epochs_done + 1, self.stage + 1, self.batches_done),
        };
        Progress {
            epoch,
            stage: stage.min(self.config.stages),
            batches_done,
            batches_per_epoch: self.batches_per_epoch(),
            train_loss: match &epoch_summary {
                Some(s) => s.train_loss,
                None => self.mean_epoch_loss(),
            },
            epoch_summary,
            best_validation_loss: self.best_loss,
            finished: self.finished,
        }
    }

    fn mean_epoch_loss(&self) -> f64 {
        if self.epoch_loss_batches == 0 {
            f64::NAN
        } else {
            self.epoch_loss_sum / self.epoch_loss_batches as f64
        }
    }

    /// One mini-batch; at the end of the epoch also validation and the schedule's
    /// bookkeeping, whose summary is returned.
    fn step(&mut self) -> Result<Option<EpochSummary>, ModelError> {
        if self.shared.is_some() {
            return Ok(self.finish_shared_alone()?.and_then(|p| p.epoch_summary));
        }
        let end = self.begin_batch();
        if self.batch_event.iter().any(|&e| e) {
            let rows = &self.order[self.cursor..end];
            let risk =
                self.backprop
                    .forward(&self.net, &self.train.x, rows, Some(&mut self.dropout))?;
            self.batch_risk.clear();
            self.batch_risk.extend(risk.iter().map(|&r| f64::from(r)));
            let loss = self.batch_loss_gradient()?;
            self.backprop.backward(&self.net, &self.batch_grad)?;
            self.apply_gradient(loss);
        }
        self.end_batch(end)
    }

    /// Starts the next mini-batch (and, at its first batch, the epoch: a new shuffle):
    /// fills the batch's times and events and returns the end of its rows in `order`,
    /// which begin at `cursor`.
    fn begin_batch(&mut self) -> usize {
        if self.cursor == 0 {
            shuffle(&mut self.order, &mut self.shuffle_rng);
            self.epoch_loss_sum = 0.0;
            self.epoch_loss_batches = 0;
            self.batches_done = 0;
        }
        let end = (self.cursor + self.config.batch_size).min(self.train.n_patients());
        let rows = &self.order[self.cursor..end];
        self.batch_time.clear();
        self.batch_time
            .extend(rows.iter().map(|&r| self.train.time[r]));
        self.batch_event.clear();
        self.batch_event
            .extend(rows.iter().map(|&r| self.train.event[r]));
        end
    }

    /// The batch's Cox loss of the log-risks in `batch_risk`, and its gradient with respect
    /// to each log-risk in `batch_grad`.
    fn batch_loss_gradient(&mut self) -> Result<f64, ModelError> {
        self.batch_grad.resize(self.batch_risk.len(), 0.0);
        self.loss
            .value_and_gradient(
                &self.batch_risk,
                &self.batch_time,
                &self.batch_event,
                &mut self.batch_grad,
            )
            .map_err(|e| self.diverged(e))
    }

    /// Clips the batch's gradient (in `backprop`) and takes Adam's step with it.
    fn apply_gradient(&mut self, loss: f64) {
        let lr = self.config.stage_learning_rate(self.stage);
        if let Some(max_norm) = self.config.max_grad_norm {
            self.backprop.gradient_mut().clip_norm(max_norm);
        }
        self.adam.step(
            &mut self.net,
            self.backprop.gradient(),
            lr,
            &self.config.adam,
        );
        self.epoch_loss_sum += loss;
        self.epoch_loss_batches += 1;
    }

    /// Ends the batch whose rows end at `end`; at the end of the epoch also validates.
    fn end_batch(&mut self, end: usize) -> Result<Option<EpochSummary>, ModelError> {
        self.cursor = end;
        self.batches_done += 1;
        if self.cursor < self.train.n_patients() {
            return Ok(None);
        }
        self.cursor = 0;
        self.end_epoch().map(Some)
    }

    fn diverged(&self, error: ModelError) -> ModelError {
        match error {
            e @ ModelError::NonFinite { .. } => e.in_step(Step::Epoch {
                epoch: self.epochs_done + 1,
                stage: self.stage + 1,
            }),
            other => other,
        }
    }

    fn end_epoch(&mut self) -> Result<EpochSummary, ModelError> {
        let (validation_loss, validation_c_index) = self.validate()?;
        let improved = self.best_loss.is_none_or(|best| validation_loss < best);
        self.epochs_done += 1;
        self.epochs_in_stage += 1;
        if improved {
            self.best.copy_params_from(&self.net)?;
            self.best_loss = Some(validation_loss);
            self.best_epoch = Some(self.epochs_done);
            self.epochs_without_improvement = 0;
        } else {
            self.epochs_without_improvement += 1;
        }
        let summary = EpochSummary {
            epoch: self.epochs_done,
            stage: self.stage + 1,
            learning_rate: self.config.stage_learning_rate(self.stage),
            train_loss: self.mean_epoch_loss(),
            validation_loss,
            validation_c_index,
            improved,
        };
        self.history.push(summary.clone());
        if self.epochs_without_improvement >= self.config.patience
            || self.epochs_in_stage >= self.config.epochs_per_stage
        {
            self.net.copy_params_from(&self.best)?;
            self.stage += 1;
            self.epochs_in_stage = 0;
            self.epochs_without_improvement = 0;
            self.finished = self.stage >= self.config.stages;
        }
        Ok(summary)
    }

    /// Validation loss and Harrell's C of the current network, dropout off, in chunks of
    /// the batch size so the training buffers suffice.
    fn validate(&mut self) -> Result<(f64, f64), ModelError> {
        let n = self.validation.n_patients();
        self.validation_risk.clear();
        let mut start = 0;
        while start < n {
            let end = (start + self.config.batch_size).min(n);
            self.validation_rows.clear();
            self.validation_rows.extend(start..end);
            let risk = self.backprop.forward(
                &self.net,
                &self.validation.x,
                &self.validation_rows,
                None,
            )?;
            self.validation_risk
                .extend(risk.iter().map(|&r| f64::from(r)));
            start = end;
        }
        let loss = self
            .loss
            .value(
                &self.validation_risk,
                &self.validation.time,
                &self.validation.event,
            )
            .map_err(|e| self.diverged(e))?;
        // Without a comparable pair (a tiny validation set) the C-index is undefined.
        let c = harrell_c(
            &self.validation.time,
            &self.validation.event,
            &self.validation_risk,
        )
        .map_or(f64::NAN, |c| c.index);
        Ok((loss, c))
    }
}

/// Trains with `config` to the end of its schedule, calling `on_progress` after every
/// mini-batch; returning [`ControlFlow::Break`] from it cancels training between batches.
///
/// # Errors
/// As [`Trainer::new`] and [`Trainer::run_batches`].
pub fn fit(
    config: TrainConfig,
    train: SurvivalData,
    validation: SurvivalData,
    mut on_progress: impl FnMut(&Progress) -> ControlFlow<()>,
) -> Result<FitOutcome, ModelError> {
    let trainer = Trainer::new(config, train, validation)?;
    drive(trainer, &mut on_progress)
}

/// Runs `trainer` to the end, reporting after every batch, stopping when asked.
pub(crate) fn drive(
    mut trainer: Trainer,
    on_progress: &mut impl FnMut(&Progress) -> ControlFlow<()>,
) -> Result<FitOutcome, ModelError> {
    while !trainer.is_finished() {
        let progress = trainer.run_batches(1)?;
        if on_progress(&progress).is_break() {
            return Ok(FitOutcome::Cancelled(Box::new(trainer)));
        }
    }
    Ok(FitOutcome::Completed(trainer.finish()))
}

/// Fisher-Yates shuffle drawing `u32` bounds, so the permutation for a seed is the same on
/// 32- and 64-bit targets.
pub(crate) fn shuffle<T>(values: &mut [T], rng: &mut ChaCha8Rng) {
    for i in (1..values.len()).rev() {
        let j = rng.random_range(0..=i as u32) as usize;
        values.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_valid_and_bad_settings_are_named() {
        TrainConfig::default().validate().unwrap();
        let bad = TrainConfig {
            input_dropout: 1.0,
            ..TrainConfig::default()
        };
        let err = bad.validate().unwrap_err().to_string();
        assert!(err.contains("input_dropout"), "{err}");
    }
}
