//! Training recipes: how a deep Cox network is fitted to a cohort of any size.
//!
//! [`Recipe::Study`] reproduces the study exactly (min-max scaling, one-hot categoricals,
//! input dropout 0.5, Adam at 1e-4, batches of 1,024, three stages of up to 50 epochs; see
//! [`crate::train`]). It was tuned for 15,726 patients: on a cohort of a few hundred it
//! makes a few hundred optimiser steps in all and stops underfitted, below a linear Cox
//! model.
//!
//! [`Recipe::Auto`] is survlens' default. Its preprocessing is
//! `survlens_data::EncoderConfig::auto` (skewed markers log-transformed, z-scores,
//! categorical markers against a reference level). Its training, [`AutoTrainer`]:
//!
//! 1. **Folds.** The training patients are split into `k` folds ([`AutoConfig::folds`],
//!    stratified by entity and event so every fold has deaths). A *member* network trains
//!    on `k - 1` folds and is stopped early on the remaining one.
//! 2. **Schedule in optimiser steps.** Batches are an eighth of a member's training
//!    patients (32 to 256), and a member runs between [`AutoConfig::min_steps`] and
//!    [`AutoConfig::max_steps`] steps, whatever the cohort's size: 300 patients and 100,000
//!    patients both get enough updates. Adam with decoupled weight decay (`AdamW`),
//!    gradient-norm clipping at 1.
//! 3. **Early stopping that noise does not fool.** The validation fold's Cox loss is
//!    measured every [`AutoConfig::eval_every`] steps and smoothed by an exponential moving
//!    average ([`AutoConfig::smoothing`]); a stage ends after [`AutoConfig::patience`]
//!    evaluations without a better smoothed loss, restoring the weights of the best one;
//!    a second stage continues at a tenth of the learning rate. On a validation fold of 30
//!    patients the raw loss jumps from evaluation to evaluation; its average does not.
//! 4. **A penalised additive Cox model on the same folds.** Per fold, ridge Cox models
//!    ([`BaselineCox`]) of each kind of [`ADDITIVE_KINDS`] (plain linear terms; hinges at
//!    the 10/25/50/75/90% quantiles of each continuous column) at every penalty of
//!    [`PENALTY_GRID`]; the kind and penalty with the lowest pooled validation loss are kept
//!    ([`LinearScore`]). This is what a statistician would fit first, and on small cohorts
//!    it is hard to beat.
//! 5. **Choice among a few settings** ([`AutoConfig::candidates`]: one-hidden-layer
//!    networks differing in width, dropout, learning rate and weight decay) by their
//!    members' validation loss, pooled over folds (each fold's Cox loss weighted by its
//!    deaths). Cohorts above [`AutoConfig::screen_above`] training patients screen every
//!    setting on the first [`AutoConfig::screen_folds`] folds only and complete the folds
//!    of the best one: the budget is `candidates x screen_folds + (folds - screen_folds)`
//!    member trainings of at most `max_steps` steps each.
//! 6. **The model** is the average of the chosen setting's `k` members (centred on the
//!    training patients' mean), blended with the additive model at the weight `w`
//!    of [`BLEND_WEIGHTS`] whose out-of-fold log-risks `w * linear + (1 - w) * network` have
//!    the lowest pooled loss ([`AutoChoice::linear_weight`]). All of it is written as one
//!    network ([`CoxNet::average`], [`CoxNet::blend`]: the members' hidden units side by
//!    side, the hinges as hidden units of their own, the outputs weighted), so the
//!    explanation is of exactly the network that predicts. On a cohort where the networks
//!    do not improve on the additive model out of fold, `w` is 1 and the model says
//!    so.
//! 7. **Calibrated survival.** Every training patient has an out-of-fold log-risk from the
//!    models that did not train on it; the calibration slope and Breslow baseline are
//!    fitted on those ([`BreslowBaseline::fit_calibrated`]), never on log-risks of patients
//!    a member saw.
//!
//! Everything is drawn from `ChaCha8Rng` streams of [`AutoConfig::seed`]: the same seed
//! gives the same folds, members, choice and weights.

use std::sync::Arc;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::backprop::{Backprop, Dropout};
use crate::baseline::{BreslowBaseline, CalibrationSlope};
use crate::baselines::{BaselineCox, BaselineKind, PENALTY_GRID};
use crate::concordance::harrell_c;
use crate::cv::assign_folds;
use crate::handout::Handout;
use crate::loss::{CoxLoss, Ties};
use crate::network::{Architecture, CoxNet};
use crate::train::{Adam, AdamConfig, HiddenWidth, SurvivalData, TrainConfig, shuffle};
use crate::{ModelError, ShapeProblem, Step};

mod shared;

pub use shared::MemberTask;

/// How a network is trained.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recipe {
    /// survlens' default for any cohort size (see the module documentation).
    #[default]
    Auto,
    /// The study's recipe, exactly, for reproduction.
    Study,
}

impl Recipe {
    /// The recipe's name as the command line and the model file spell it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Study => "study",
        }
    }
}

/// One setting [`Recipe::Auto`] chooses among.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// Widths of the hidden layers, input side first; empty: a linear Cox model.
    pub hidden: Vec<usize>,
    /// Dropout probability on the inputs during training.
    pub input_dropout: f32,
    /// Dropout probability after each hidden ReLU during training.
    pub hidden_dropout: f32,
    /// Adam's learning rate in the first stage (a tenth of it in the second).
    pub learning_rate: f64,
    /// Decoupled weight decay (PyTorch's `AdamW` `weight_decay`) on the weights.
    pub weight_decay: f64,
}

impl Candidate {
    /// A short description, e.g. `1 hidden layer of 64 units, dropout 0.1/0.3, weight
    /// decay 0.01` or `linear (no hidden layer), weight decay 0.01`.
    pub fn describe(&self) -> String {
        let shape = match self.hidden.as_slice() {
            [] => "linear (no hidden layer)".to_owned(),
            [w] => format!("1 hidden layer of {w} units"),
            widths => format!(
                "{} hidden layers of {} units",
                widths.len(),
                widths
                    .iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
        };
        let dropout = if self.hidden.is_empty() && self.input_dropout == 0.0 {
            String::new()
        } else {
            format!(", dropout {}/{}", self.input_dropout, self.hidden_dropout)
        };
        format!(
            "{shape}{dropout}, learning rate {}, weight decay {}",
            self.learning_rate, self.weight_decay
        )
    }

    /// The network shape for `n_inputs` inputs.
    pub fn architecture(&self, n_inputs: usize) -> Architecture {
        Architecture {
            n_inputs,
            hidden: self.hidden.clone(),
            input_dropout: self.input_dropout,
            hidden_dropout: self.hidden_dropout,
        }
    }

    fn validate(&self, index: usize) -> Result<(), ModelError> {
        let in_unit = |v: f64| (0.0..1.0).contains(&v);
        ModelError::first_invalid(
            "automatic recipe",
            &[
                (
                    "the width of every hidden layer",
                    "at least 1",
                    self.hidden.iter().copied().min().unwrap_or(1) as f64,
                    !self.hidden.contains(&0),
                ),
                (
                    "input_dropout",
                    "in [0, 1)",
                    f64::from(self.input_dropout),
                    in_unit(f64::from(self.input_dropout)),
                ),
                (
                    "hidden_dropout",
                    "in [0, 1)",
                    f64::from(self.hidden_dropout),
                    in_unit(f64::from(self.hidden_dropout)),
                ),
                (
                    "learning_rate",
                    "positive",
                    self.learning_rate,
                    self.learning_rate.is_finite() && self.learning_rate > 0.0,
                ),
                (
                    "weight_decay",
                    "at least 0",
                    self.weight_decay,
                    self.weight_decay.is_finite() && self.weight_decay >= 0.0,
                ),
                (
                    "learning_rate x weight_decay",
                    "below 1",
                    self.learning_rate * self.weight_decay,
                    self.learning_rate * self.weight_decay < 1.0,
                ),
            ],
        )
        .map_err(|e| e.in_step(Step::Candidate { index }))
    }
}

/// Everything that decides an [`AutoTrainer`] run; [`AutoConfig::for_cohort`] gives
/// survlens' defaults.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AutoConfig {
    /// The settings to choose among, in order of preference on a tie (simplest first).
    pub candidates: Vec<Candidate>,
    /// Folds of the training patients: members per setting, and the ensemble's size.
    pub folds: usize,
    /// Cohorts with more training patients screen the settings on fewer folds.
    pub screen_above: usize,
    /// Folds every setting is trained on when screening.
    pub screen_folds: usize,
    /// Patients per mini-batch (at most; a member with fewer training patients uses them
    /// all).
    pub batch_size: usize,
    /// Optimiser steps between validations.
    pub eval_every: usize,
    /// Fewest steps of a member (its first stage ends no earlier).
    pub min_steps: usize,
    /// Most steps of a member, both stages together.
    pub max_steps: usize,
    /// Validations without a better smoothed loss that end a stage.
    pub patience: usize,
    /// Weight of the newest validation loss in the moving average (1: no smoothing).
    pub smoothing: f64,
    /// Clip the gradient's Euclidean norm to this.
    pub max_grad_norm: f64,
    /// Seed of folds, initial weights, shuffles and dropout.
    pub seed: u64,
}

/// Candidate settings of [`AutoConfig::for_cohort`]: a linear model and three networks.
fn default_candidates() -> Vec<Candidate> {
    vec![
        Candidate {
            hidden: vec![64],
            input_dropout: 0.1,
            hidden_dropout: 0.3,
            learning_rate: 1e-3,
            weight_decay: 1e-1,
        },
        Candidate {
            hidden: vec![128],
            input_dropout: 0.5,
            hidden_dropout: 0.5,
            learning_rate: 1e-3,
            weight_decay: 1e-2,
        },
        Candidate {
            hidden: vec![256],
            input_dropout: 0.5,
            hidden_dropout: 0.5,
            learning_rate: 3e-4,
            weight_decay: 1e-2,
        },
    ]
}

impl AutoConfig {
    /// survlens' defaults for `n_train` training patients: 5 folds; batches of an eighth
    /// of a member's patients, 32 to 256; a validation about every epoch (at least every
    /// 10 steps); members of 300 to 3,000 steps (at least 50 epochs where that fits);
    /// patience 10 validations; smoothing 0.3; screening above 2,000 patients on 2 folds.
    pub fn for_cohort(n_train: usize, seed: u64) -> Self {
        let folds = 5;
        let member_train = n_train.saturating_mul(folds - 1) / folds;
        let batch_size = (member_train / 8).clamp(32, 256);
        let steps_per_epoch = member_train.div_ceil(batch_size).max(1);
        Self {
            candidates: default_candidates(),
            folds,
            screen_above: 2_000,
            screen_folds: 2,
            batch_size,
            eval_every: steps_per_epoch.clamp(10, 100),
            min_steps: 300,
            max_steps: (50 * steps_per_epoch).clamp(300, 3_000),
            patience: 10,
            smoothing: 0.3,
            max_grad_norm: 1.0,
            seed,
        }
    }

    /// Checks every setting.
    ///
    /// # Errors
    /// [`ModelError::InvalidSetting`] naming the first setting out of its range.
    pub fn validate(&self) -> Result<(), ModelError> {
        const CONTEXT: &str = "automatic recipe";
        if self.candidates.is_empty() {
            return Err(ModelError::insufficient(
                CONTEXT,
                "at least one candidate setting",
                0,
                "candidates",
            ));
        }
        for (i, c) in self.candidates.iter().enumerate() {
            c.validate(i)?;
        }
        ModelError::first_invalid(
            CONTEXT,
            &[
                ("folds", "at least 2", self.folds as f64, self.folds >= 2),
                (
                    "screen_folds",
                    "between 1 and the number of folds",
                    self.screen_folds as f64,
                    (1..=self.folds).contains(&self.screen_folds),
                ),
                (
                    "batch_size",
                    "at least 2",
                    self.batch_size as f64,
                    self.batch_size >= 2,
                ),
                (
                    "eval_every",
                    "at least 1",
                    self.eval_every as f64,
                    self.eval_every > 0,
                ),
                (
                    "patience",
                    "at least 1",
                    self.patience as f64,
                    self.patience > 0,
                ),
                (
                    "max_steps",
                    "at least 1",
                    self.max_steps as f64,
                    self.max_steps > 0,
                ),
                (
                    "min_steps",
                    "at most max_steps",
                    self.min_steps as f64,
                    self.min_steps <= self.max_steps,
                ),
                (
                    "smoothing",
                    "in (0, 1]",
                    self.smoothing,
                    self.smoothing > 0.0 && self.smoothing <= 1.0,
                ),
                (
                    "max_grad_norm",
                    "positive",
                    self.max_grad_norm,
                    self.max_grad_norm.is_finite() && self.max_grad_norm > 0.0,
                ),
            ],
        )
    }

    /// Member trainings the run makes for `n_train` patients (the budget in members).
    pub fn member_trainings(&self, n_train: usize) -> usize {
        if n_train > self.screen_above {
            self.candidates.len() * self.screen_folds + (self.folds - self.screen_folds)
        } else {
            self.candidates.len() * self.folds
        }
    }
}

/// One validation of a member during training.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Validation {
    /// Optimiser steps so far.
    pub step: usize,
    /// Mean training loss (with dropout) since the previous validation; NaN when every
    /// batch lacked an event.
    pub train_loss: f64,
    /// Cox loss of the validation fold (Breslow ties, dropout off), per death.
    pub validation_loss: f64,
    /// Its exponential moving average.
    pub smoothed_loss: f64,
    /// Harrell's C of the validation fold; NaN without a comparable pair.
    pub validation_c: f64,
}

/// A trained member: one setting on one fold.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberRecord {
    /// Index of its setting in [`AutoConfig::candidates`].
    pub candidate: usize,
    /// The fold it was validated on.
    pub fold: usize,
    /// Step of the kept weights.
    pub best_step: usize,
    /// Steps run.
    pub steps: usize,
    /// Validation loss (per death) of the kept weights.
    pub validation_loss: f64,
    /// Harrell's C of the validation fold with the kept weights.
    pub validation_c: f64,
    /// Deaths in the validation fold.
    pub validation_events: usize,
    /// Every validation, in order.
    pub curve: Vec<Validation>,
}

/// How a setting fared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CandidateScore {
    /// The setting.
    pub candidate: Candidate,
    /// Folds it was trained on.
    pub folds: usize,
    /// Validation loss per death, pooled over those folds (the choice's criterion).
    pub validation_loss: f64,
    /// Mean Harrell's C of its validation folds.
    pub validation_c: f64,
}

/// What [`Recipe::Auto`] chose and why: recorded in the model file and shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AutoChoice {
    /// Index of the chosen setting.
    pub chosen: usize,
    /// Every setting with its score, in [`AutoConfig::candidates`] order.
    pub scores: Vec<CandidateScore>,
    /// Members averaged into the model (its folds).
    pub members: usize,
    /// The ridge-penalised linear Cox model fitted on the same folds.
    pub linear: LinearScore,
    /// Weight of the linear model in the model's log-risk, `w * linear + (1 - w) *
    /// network`, one of [`BLEND_WEIGHTS`] (1: the linear model alone).
    pub linear_weight: f64,
    /// Pooled out-of-fold loss of each weight of [`BLEND_WEIGHTS`].
    pub blend_losses: Vec<f64>,
    /// The run's settings.
    pub config: AutoConfig,
    /// Calibration slope of the out-of-fold log-risks, as fitted (the baseline uses it,
    /// raised to [`MIN_SLOPE`] if it is smaller).
    pub calibration: CalibrationSlope,
    /// Harrell's C of the out-of-fold log-risks of all training patients.
    pub out_of_fold_c: Option<f64>,
    /// Mean steps of the chosen members.
    pub mean_steps: f64,
}

impl AutoChoice {
    /// The chosen setting.
    pub fn candidate(&self) -> Option<&Candidate> {
        self.scores.get(self.chosen).map(|s| &s.candidate)
    }

    /// The architecture of the averaged `network` (its hidden widths, the chosen setting's
    /// dropout rates) and the closest single-network training setting, as a model file
    /// records them beside this choice.
    pub fn describe_network(&self, network: &CoxNet) -> (Architecture, TrainConfig) {
        let layers = network.layers();
        let hidden: Vec<usize> = layers
            .iter()
            .take(layers.len().saturating_sub(1))
            .map(|l| l.n_out())
            .collect();
        let (input_dropout, hidden_dropout, learning_rate) =
            self.candidate().map_or((0.0, 0.0, 1e-3), |c| {
                (c.input_dropout, c.hidden_dropout, c.learning_rate)
            });
        let architecture = Architecture {
            n_inputs: network.n_inputs(),
            hidden: hidden.clone(),
            input_dropout,
            hidden_dropout,
        };
        let training = TrainConfig {
            hidden_layers: hidden.len(),
            hidden_width: HiddenWidth::Fixed(hidden.first().copied().unwrap_or(1)),
            input_dropout,
            hidden_dropout,
            learning_rate,
            batch_size: self.config.batch_size.max(2),
            seed: self.config.seed,
            ..TrainConfig::default()
        };
        (architecture, training)
    }
}

/// The linear part of an [`AutoChoice`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinearScore {
    /// The chosen additive model: plain linear terms, or hinges of continuous columns
    /// (model files written before the choice existed: hinges).
    #[serde(default = "hinge")]
    pub kind: BaselineKind,
    /// The chosen ridge penalty (lifelines' `penalizer`), from [`PENALTY_GRID`].
    pub penalizer: f64,
    /// Its validation loss per death, pooled over the folds.
    pub validation_loss: f64,
    /// Its mean validation Harrell's C.
    pub validation_c: f64,
}

impl LinearScore {
    /// What the additive model is, for a sentence: `linear Cox` or `piecewise-linear Cox`.
    pub fn model_name(&self) -> &'static str {
        match self.kind {
            BaselineKind::Hinge => "piecewise-linear Cox",
            BaselineKind::Linear | BaselineKind::Spline => self.kind.label(),
        }
    }
}

fn hinge() -> BaselineKind {
    BaselineKind::Hinge
}

/// The additive models fitted beside the networks, each at every penalty of
/// [`PENALTY_GRID`]: on a few hundred patients plain linear terms can beat hinges.
pub const ADDITIVE_KINDS: [BaselineKind; 2] = [BaselineKind::Linear, BaselineKind::Hinge];

/// Weights of the linear model the blend chooses among.
pub const BLEND_WEIGHTS: [f64; 5] = [0.0, 0.25, 0.5, 0.75, 1.0];

/// A fold's ridge models, one per kind of [`ADDITIVE_KINDS`] and penalty, kind-major.
struct RidgeFold {
    fold: usize,
    /// Deaths in the fold.
    events: usize,
    fits: Vec<RidgeFit>,
}

struct RidgeFit {
    net: CoxNet,
    oof: Vec<f64>,
    validation_loss: f64,
    validation_c: f64,
}

/// Smallest calibration slope a baseline uses: a model whose out-of-fold risks do not rank
/// patients at all predicts everyone's survival close to the cohort's.
pub const MIN_SLOPE: f64 = 0.01;

/// The result of [`AutoTrainer::finish`].
#[derive(Clone, Debug, PartialEq)]
pub struct AutoModel {
    /// The averaged network.
    pub network: CoxNet,
    /// The recalibrated baseline (times in the data's unit).
    pub baseline: BreslowBaseline,
    /// What was chosen, and why.
    pub choice: AutoChoice,
    /// Each training patient's log-risk from the member that did not train on it.
    pub out_of_fold_risk: Vec<f64>,
    /// Every member trained, chosen or not.
    pub members: Vec<MemberRecord>,
    /// The fold (0-based) of every training patient.
    pub folds: Vec<usize>,
}

/// Where an [`AutoTrainer`] is.
#[derive(Clone, Debug, PartialEq)]
pub struct AutoProgress {
    /// Setting being trained (0-based) and how many there are.
    pub candidate: (usize, usize),
    /// Fold being trained (0-based).
    pub fold: usize,
    /// Steps of the current member.
    pub step: usize,
    /// The latest validation, if this call made one.
    pub validation: Option<Validation>,
    /// Share of the budget done, 0 to 1.
    pub fraction: f64,
    /// Whether every member is trained.
    pub finished: bool,
    /// Whether this call finished a member (its `validation` is then the member's last).
    pub member_finished: bool,
}

/// `ChaCha8Rng` stream of the inner folds.
const FOLD_STREAM: u64 = 11;

/// The cohort, settings and folds of a run: what a worker needs, beside a member's setting
/// and fold, to train that member exactly as the run would ([`MemberTask`]).
#[derive(Clone, Debug, PartialEq)]
pub struct MemberGround {
    config: AutoConfig,
    data: SurvivalData,
    fold_of: Vec<usize>,
}

impl MemberGround {
    /// The ground of a run's members, as another worker receives it.
    ///
    /// # Errors
    /// An invalid setting; [`ModelError::Shape`] when `fold_of` is not one fold below
    /// `config.folds` per patient.
    pub fn new(
        config: AutoConfig,
        data: SurvivalData,
        fold_of: Vec<usize>,
    ) -> Result<Self, ModelError> {
        config.validate()?;
        if fold_of.len() != data.n_patients() {
            return Err(ModelError::length(
                "automatic recipe's member",
                "fold index",
                data.n_patients(),
                fold_of.len(),
            ));
        }
        let largest = fold_of.iter().copied().max().unwrap_or(0);
        ModelError::first_invalid(
            "automatic recipe's member",
            &[(
                "a fold index",
                "below the number of folds",
                largest as f64,
                largest < config.folds,
            )],
        )?;
        Ok(Self {
            config,
            data,
            fold_of,
        })
    }

    /// The run's settings.
    pub fn config(&self) -> &AutoConfig {
        &self.config
    }

    /// The training patients.
    pub fn data(&self) -> &SurvivalData {
        &self.data
    }

    /// Each training patient's fold (0-based).
    pub fn fold_of(&self) -> &[usize] {
        &self.fold_of
    }
}

/// A trained member of a run: its record, its kept weights (centred on the training
/// patients' mean log-risk) and the log-risks of its validation fold's patients.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainedMember {
    /// Its place in the run's plan.
    pub index: usize,
    /// How it trained.
    pub record: MemberRecord,
    /// The network.
    pub network: CoxNet,
    /// Log-risk of each patient of its validation fold, in cohort order.
    pub out_of_fold: Vec<f64>,
}

/// One member in training.
struct Member {
    /// Its place in the plan (names its result).
    index: usize,
    candidate: usize,
    fold: usize,
    /// The training loss (pycox's ties) and the validation loss (Breslow's), with their
    /// scratch space.
    loss: CoxLoss,
    eval_loss: CoxLoss,
    train_rows: Vec<usize>,
    val_rows: Vec<usize>,
    net: CoxNet,
    best: CoxNet,
    adam: Adam,
    backprop: Backprop,
    dropout: Dropout,
    shuffle_rng: ChaCha8Rng,
    order: Vec<usize>,
    cursor: usize,
    steps: usize,
    stage: usize,
    best_smoothed: f64,
    best_step: usize,
    best_loss: f64,
    best_c: f64,
    smoothed: Option<f64>,
    since_best: usize,
    loss_sum: f64,
    loss_batches: usize,
    curve: Vec<Validation>,
    finished: bool,
}

/// A resumable run of the `auto` recipe (see the module documentation): call
/// [`AutoTrainer::step`] until it reports `finished`, then [`AutoTrainer::finish`].
///
/// Its members are independent trainings: other workers may train some of them
/// ([`AutoTrainer::take_member_tasks`]) while it trains the others, and the model is the
/// same bit for bit whoever trains which (see the `shared` module).
pub struct AutoTrainer {
    ground: Arc<MemberGround>,
    screening: bool,
    /// Members to train, `(candidate, fold)`, in order; the completion after screening is
    /// appended once the screen is decided.
    plan: Vec<(usize, usize)>,
    /// Which plan entries are trained here, which elsewhere.
    handout: Handout,
    current: Option<Member>,
    /// Trained members, in plan order.
    done: Vec<TrainedMember>,
    /// Ridge-penalised linear Cox models, one per fold, each at every penalty of
    /// [`PENALTY_GRID`].
    ridge: Vec<RidgeFold>,
    budget: usize,
}

impl MemberGround {
    /// Member `index` of the plan: setting `candidate` validated on fold `fold`, before its
    /// first step.
    fn start_member(
        &self,
        index: usize,
        candidate: usize,
        fold: usize,
    ) -> Result<Member, ModelError> {
        let unknown = || {
            ModelError::shape(
                "automatic recipe's member",
                ShapeProblem::UnknownMember {
                    candidate,
                    candidates: self.config.candidates.len(),
                    fold,
                    folds: self.config.folds,
                },
            )
        };
        let c = self.config.candidates.get(candidate).ok_or_else(unknown)?;
        if fold >= self.config.folds {
            return Err(unknown());
        }
        let n = self.data.n_patients();
        let (val_rows, train_rows): (Vec<usize>, Vec<usize>) =
            (0..n).partition(|&i| self.fold_of[i] == fold);
        // One seed per member, the same on every target.
        let seed = self
            .config
            .seed
            .wrapping_mul(1_000_003)
            .wrapping_add((candidate * 97 + fold) as u64);
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let net = CoxNet::init(&c.architecture(self.data.n_features()), &mut rng)?;
        let mut shuffle_rng = ChaCha8Rng::seed_from_u64(seed);
        shuffle_rng.set_stream(1);
        Ok(Member {
            index,
            candidate,
            fold,
            loss: CoxLoss::new(Ties::Pycox),
            eval_loss: CoxLoss::new(Ties::Breslow),
            adam: Adam::new(&net),
            backprop: Backprop::new(&net),
            dropout: Dropout::new(c.input_dropout, c.hidden_dropout, seed, 2)?,
            best: net.clone(),
            net,
            shuffle_rng,
            order: train_rows.clone(),
            train_rows,
            val_rows,
            cursor: 0,
            steps: 0,
            stage: 0,
            best_smoothed: f64::INFINITY,
            best_step: 0,
            best_loss: f64::NAN,
            best_c: f64::NAN,
            smoothed: None,
            since_best: 0,
            loss_sum: 0.0,
            loss_batches: 0,
            curve: Vec::new(),
            finished: false,
        })
    }

    /// `eval_every` steps of member `m`, then a validation.
    fn train_interval(&self, m: &mut Member) -> Result<Option<Validation>, ModelError> {
        let cfg = &self.config;
        let cand = &cfg.candidates[m.candidate];
        let batch = cfg.batch_size.min(m.train_rows.len());
        let mut times = Vec::with_capacity(batch);
        let mut events = Vec::with_capacity(batch);
        let mut risk = Vec::with_capacity(batch);
        let mut grad = Vec::with_capacity(batch);
        let lr = cand.learning_rate * if m.stage == 0 { 1.0 } else { 0.1 };
        for _ in 0..cfg.eval_every {
            if m.steps >= cfg.max_steps {
                break;
            }
            if m.cursor == 0 {
                shuffle(&mut m.order, &mut m.shuffle_rng);
            }
            let end = (m.cursor + batch).min(m.order.len());
            let rows = &m.order[m.cursor..end];
            m.cursor = if end >= m.order.len() { 0 } else { end };
            times.clear();
            times.extend(rows.iter().map(|&r| self.data.time()[r]));
            events.clear();
            events.extend(rows.iter().map(|&r| self.data.event()[r]));
            m.steps += 1;
            if !events.iter().any(|&e| e) {
                continue;
            }
            let out = m
                .backprop
                .forward(&m.net, self.data.x(), rows, Some(&mut m.dropout))?;
            risk.clear();
            risk.extend(out.iter().map(|&r| f64::from(r)));
            grad.resize(rows.len(), 0.0);
            let loss = m
                .loss
                .value_and_gradient(&risk, &times, &events, &mut grad)?;
            m.backprop.backward(&m.net, &grad)?;
            m.backprop.gradient_mut().clip_norm(cfg.max_grad_norm);
            m.adam.step_decayed(
                &mut m.net,
                m.backprop.gradient(),
                lr,
                cand.weight_decay,
                &AdamConfig::default(),
            );
            m.loss_sum += loss;
            m.loss_batches += 1;
        }
        let val_risk = self.predict_rows(&m.net, &m.val_rows);
        let val_time: Vec<f64> = m.val_rows.iter().map(|&i| self.data.time()[i]).collect();
        let val_event: Vec<bool> = m.val_rows.iter().map(|&i| self.data.event()[i]).collect();
        let validation_loss = m.eval_loss.value(&val_risk, &val_time, &val_event)?;
        let validation_c =
            harrell_c(&val_time, &val_event, &val_risk).map_or(f64::NAN, |c| c.index);
        let smoothed = match m.smoothed {
            None => validation_loss,
            Some(s) => cfg.smoothing * validation_loss + (1.0 - cfg.smoothing) * s,
        };
        m.smoothed = Some(smoothed);
        let v = Validation {
            step: m.steps,
            train_loss: if m.loss_batches == 0 {
                f64::NAN
            } else {
                m.loss_sum / m.loss_batches as f64
            },
            validation_loss,
            smoothed_loss: smoothed,
            validation_c,
        };
        m.loss_sum = 0.0;
        m.loss_batches = 0;
        m.curve.push(v);
        if smoothed < m.best_smoothed {
            m.best_smoothed = smoothed;
            m.best_step = m.steps;
            m.best_loss = validation_loss;
            m.best_c = validation_c;
            m.best.copy_params_from(&m.net)?;
            m.since_best = 0;
        } else {
            m.since_best += 1;
        }
        let out_of_steps = m.steps >= cfg.max_steps;
        if (m.since_best >= cfg.patience && m.steps >= cfg.min_steps) || out_of_steps {
            if m.stage == 0 && !out_of_steps {
                // Second stage: from the best weights at a tenth of the learning rate.
                m.stage = 1;
                m.net.copy_params_from(&m.best)?;
                m.since_best = 0;
            } else {
                m.finished = true;
            }
        }
        Ok(Some(v))
    }

    /// A member's result: its kept weights centred on the training patients' mean, its
    /// out-of-fold log-risks and its record.
    fn finish_member(&self, mut member: Member) -> TrainedMember {
        // Members are trained independently and a Cox loss ignores a shared shift of the
        // log-risks: centre each on the training patients' mean, so out-of-fold risks of
        // different members are on one scale.
        let all: Vec<usize> = (0..self.data.n_patients()).collect();
        let mean = mean(&self.predict_rows(&member.best, &all));
        member.best.shift_output(-mean as f32);
        let out_of_fold = self.predict_rows(&member.best, &member.val_rows);
        let record = MemberRecord {
            candidate: member.candidate,
            fold: member.fold,
            best_step: member.best_step,
            steps: member.steps,
            validation_loss: member.best_loss,
            validation_c: member.best_c,
            validation_events: member
                .val_rows
                .iter()
                .filter(|&&i| self.data.event()[i])
                .count(),
            curve: member.curve,
        };
        TrainedMember {
            index: member.index,
            record,
            network: member.best,
            out_of_fold,
        }
    }

    /// Log-risks of `net` for patients `rows`.
    fn predict_rows(&self, net: &CoxNet, rows: &[usize]) -> Vec<f64> {
        let p = self.data.n_features();
        let mut x = Vec::with_capacity(rows.len() * p);
        for &r in rows {
            x.extend_from_slice(&self.data.x()[r * p..(r + 1) * p]);
        }
        net.predict(&x, rows.len())
            .into_iter()
            .map(f64::from)
            .collect()
    }
}

impl AutoTrainer {
    /// A run on `data` (the training patients), with `strata` (per patient, for instance
    /// the cancer entity) balancing the folds.
    ///
    /// # Errors
    /// An invalid setting; [`ModelError::InsufficientData`] when the folds cannot each hold
    /// a death; [`ModelError::Shape`] when `strata` has the wrong length.
    pub fn new(
        config: AutoConfig,
        data: SurvivalData,
        strata: Option<&[u32]>,
    ) -> Result<Self, ModelError> {
        config.validate()?;
        let n = data.n_patients();
        if let Some(s) = strata
            && s.len() != n
        {
            return Err(ModelError::length(
                "automatic recipe",
                "stratum code",
                n,
                s.len(),
            ));
        }
        // Deaths spread over the folds with the strata: stratum x event.
        let codes: Vec<u32> = (0..n)
            .map(|i| {
                let s = strata.map_or(0, |s| s[i]);
                s.saturating_mul(2) + u32::from(data.event()[i])
            })
            .collect();
        let assignment = assign_folds(n, Some(&codes), config.folds, config.seed ^ FOLD_STREAM)?;
        let fold_of = assignment.folds().to_vec();
        for k in 0..config.folds {
            let deaths = (0..n)
                .filter(|&i| fold_of[i] == k && data.event()[i])
                .count();
            if deaths == 0 {
                let with_death = (0..config.folds)
                    .filter(|&f| (0..n).any(|i| fold_of[i] == f && data.event()[i]))
                    .count();
                return Err(ModelError::insufficient(
                    "automatic recipe",
                    "a death in each of its folds",
                    with_death,
                    "folds with a death",
                ));
            }
        }
        let screening = n > config.screen_above && config.screen_folds < config.folds;
        let screen = if screening {
            config.screen_folds
        } else {
            config.folds
        };
        let plan = (0..config.candidates.len())
            .flat_map(|c| (0..screen).map(move |k| (c, k)))
            .collect();
        let budget = config.member_trainings(n);
        Ok(Self {
            ground: Arc::new(MemberGround {
                config,
                data,
                fold_of,
            }),
            screening,
            plan,
            handout: Handout::default(),
            current: None,
            done: Vec::new(),
            ridge: Vec::new(),
            budget,
        })
    }

    /// Folds whose additive Cox models are fitted, and the folds there are: the run fits
    /// them first, one fold per [`AutoTrainer::step`].
    pub fn additive_folds(&self) -> (usize, usize) {
        (self.ridge.len(), self.ground.config.folds)
    }

    /// Whether every member is trained.
    pub fn is_finished(&self) -> bool {
        self.ridge.len() == self.ground.config.folds
            && self.current.is_none()
            && self.handout.all_dealt(self.plan.len())
            && self.handout.elsewhere() == 0
            && !self.needs_completion()
    }

    /// Runs up to one validation interval of the current member (starting the next member
    /// when needed).
    ///
    /// # Errors
    /// [`ModelError::NonFinite`] when training diverges.
    pub fn step(&mut self) -> Result<AutoProgress, ModelError> {
        if self.ridge.len() < self.ground.config.folds {
            let fold = self.ridge.len();
            let ridge = self.fit_ridge(fold)?;
            self.ridge.push(ridge);
            return Ok(self.progress(None));
        }
        if self.current.is_none() {
            let Some(index) = self.next_entry() else {
                // Nothing left to train here: the rest is with other workers.
                return Ok(self.progress(None));
            };
            let (c, k) = self.plan[index];
            self.current = Some(self.ground.start_member(index, c, k)?);
        }
        let validation = match self.current.as_mut() {
            Some(member) => self.ground.train_interval(member)?,
            None => None,
        };
        let member_done = self.current.as_ref().is_some_and(|m| m.finished);
        if member_done && let Some(member) = self.current.take() {
            let (candidate, fold, step) = (member.candidate, member.fold, member.steps);
            let trained = self.ground.finish_member(member);
            self.insert_done(trained);
            // The member's last validation belongs to it, not to the next member.
            return Ok(AutoProgress {
                candidate: (candidate, self.ground.config.candidates.len()),
                fold,
                step,
                member_finished: true,
                ..self.progress(validation)
            });
        }
        Ok(self.progress(validation))
    }

    /// The plan entry to train next: one taken back from another worker, else the next of
    /// the plan (completing the plan once the screen is decided); `None` when every entry is
    /// trained or with other workers.
    fn next_entry(&mut self) -> Option<usize> {
        if self.needs_completion() {
            self.complete_plan();
        }
        self.handout.next(self.plan.len())
    }

    /// Keeps a trained member in plan order: the model averages the chosen members in that
    /// order whoever trained them and when.
    fn insert_done(&mut self, trained: TrainedMember) {
        let at = self.done.partition_point(|d| d.index < trained.index);
        self.done.insert(at, trained);
    }

    /// Whether the screen is decided (every screening member trained, here or elsewhere)
    /// and the chosen setting's other folds are still to be planned.
    fn needs_completion(&self) -> bool {
        self.screening
            && self.handout.all_dealt(self.plan.len())
            && self.handout.elsewhere() == 0
            && self.current.is_none()
            && self.plan.len() < self.budget
    }

    /// After screening: the remaining folds of the best setting so far.
    fn complete_plan(&mut self) {
        let best = self.best_candidate();
        let first = self.ground.config.screen_folds;
        self.plan
            .extend((first..self.ground.config.folds).map(|k| (best, k)));
    }

    fn progress(&self, validation: Option<Validation>) -> AutoProgress {
        let (candidate, fold, step) = self
            .current
            .as_ref()
            .map_or((0, 0, 0), |m| (m.candidate, m.fold, m.steps));
        let partial = self.current.as_ref().map_or(0.0, |m| {
            m.steps as f64 / self.ground.config.max_steps as f64
        });
        AutoProgress {
            candidate: (candidate, self.ground.config.candidates.len()),
            fold,
            step,
            validation,
            // A ridge fold costs about as much as a tenth of a member.
            fraction: ((self.done.len() as f64 + partial + 0.1 * self.ridge.len() as f64)
                / (self.budget as f64 + 0.1 * self.ground.config.folds as f64).max(1.0))
            .min(1.0),
            finished: self.is_finished(),
            member_finished: false,
        }
    }

    /// The ridge-penalised linear Cox models of fold `fold` at every penalty, centred on
    /// all training patients like the members, with their validation figures.
    fn fit_ridge(&self, fold: usize) -> Result<RidgeFold, ModelError> {
        let n = self.ground.data.n_patients();
        let p = self.ground.data.n_features();
        let (val_rows, train_rows): (Vec<usize>, Vec<usize>) =
            (0..n).partition(|&i| self.ground.fold_of[i] == fold);
        let mut x = Vec::with_capacity(train_rows.len() * p);
        for &r in &train_rows {
            x.extend_from_slice(&self.ground.data.x()[r * p..(r + 1) * p]);
        }
        let time: Vec<f64> = train_rows
            .iter()
            .map(|&i| self.ground.data.time()[i])
            .collect();
        let event: Vec<bool> = train_rows
            .iter()
            .map(|&i| self.ground.data.event()[i])
            .collect();
        let val_time: Vec<f64> = val_rows
            .iter()
            .map(|&i| self.ground.data.time()[i])
            .collect();
        let val_event: Vec<bool> = val_rows
            .iter()
            .map(|&i| self.ground.data.event()[i])
            .collect();
        let all: Vec<usize> = (0..n).collect();
        let mut fits = Vec::with_capacity(ADDITIVE_KINDS.len() * PENALTY_GRID.len());
        for (kind, lambda) in ADDITIVE_KINDS
            .iter()
            .flat_map(|&k| PENALTY_GRID.iter().map(move |&l| (k, l)))
        {
            let model = BaselineCox::fit_with_penalizer(kind, &x, p, &time, &event, lambda)?;
            let mut net = model.as_network()?.ok_or_else(|| {
                ModelError::shape("automatic recipe, baseline", ShapeProblem::Missing)
            })?;
            net.shift_output(-mean(&self.ground.predict_rows(&net, &all)) as f32);
            let oof = self.ground.predict_rows(&net, &val_rows);
            let validation_loss = CoxLoss::new(Ties::Breslow).value(&oof, &val_time, &val_event)?;
            let validation_c = harrell_c(&val_time, &val_event, &oof).map_or(f64::NAN, |c| c.index);
            fits.push(RidgeFit {
                net,
                oof,
                validation_loss,
                validation_c,
            });
        }
        Ok(RidgeFold {
            fold,
            events: val_event.iter().filter(|&&e| e).count(),
            fits,
        })
    }

    /// Cox loss per death of `risk` (all training patients) pooled over the folds: each
    /// fold's loss on its own patients, weighted by its deaths.
    fn pooled_loss(&self, risk: &[f64]) -> Result<f64, ModelError> {
        let (mut sum, mut deaths) = (0.0, 0usize);
        let mut loss = CoxLoss::new(Ties::Breslow);
        for k in 0..self.ground.config.folds {
            let rows: Vec<usize> = (0..self.ground.data.n_patients())
                .filter(|&i| self.ground.fold_of[i] == k)
                .collect();
            let t: Vec<f64> = rows.iter().map(|&i| self.ground.data.time()[i]).collect();
            let e: Vec<bool> = rows.iter().map(|&i| self.ground.data.event()[i]).collect();
            let r: Vec<f64> = rows.iter().map(|&i| risk[i]).collect();
            let d = e.iter().filter(|&&v| v).count();
            sum += loss.value(&r, &t, &e)? * d as f64;
            deaths += d;
        }
        Ok(sum / deaths.max(1) as f64)
    }

    /// Pooled validation loss per death and mean validation C of each setting's members.
    fn scores(&self) -> Vec<CandidateScore> {
        self.ground
            .config
            .candidates
            .iter()
            .enumerate()
            .map(|(c, candidate)| {
                let members: Vec<&MemberRecord> = self
                    .done
                    .iter()
                    .map(|m| &m.record)
                    .filter(|r| r.candidate == c)
                    .collect();
                let deaths: usize = members.iter().map(|r| r.validation_events).sum();
                let loss = members
                    .iter()
                    .map(|r| r.validation_loss * r.validation_events as f64)
                    .sum::<f64>()
                    / deaths.max(1) as f64;
                let cs: Vec<f64> = members
                    .iter()
                    .map(|r| r.validation_c)
                    .filter(|c| c.is_finite())
                    .collect();
                CandidateScore {
                    candidate: candidate.clone(),
                    folds: members.len(),
                    validation_loss: if members.is_empty() { f64::NAN } else { loss },
                    validation_c: if cs.is_empty() {
                        f64::NAN
                    } else {
                        cs.iter().sum::<f64>() / cs.len() as f64
                    },
                }
            })
            .collect()
    }

    /// The setting with the lowest pooled validation loss over the folds all settings
    /// share (the first on a tie: the simplest).
    fn best_candidate(&self) -> usize {
        let shared = if self.screening {
            self.ground.config.screen_folds
        } else {
            self.ground.config.folds
        };
        let mut best = (0, f64::INFINITY);
        for c in 0..self.ground.config.candidates.len() {
            let members = self
                .done
                .iter()
                .map(|m| &m.record)
                .filter(|r| r.candidate == c && r.fold < shared);
            let (mut sum, mut deaths) = (0.0, 0usize);
            for r in members {
                sum += r.validation_loss * r.validation_events as f64;
                deaths += r.validation_events;
            }
            let loss = sum / deaths.max(1) as f64;
            if loss.is_finite() && loss < best.1 {
                best = (c, loss);
            }
        }
        best.0
    }

    /// The averaged network of the chosen setting, its recalibrated baseline and the
    /// record of the choice.
    ///
    /// # Errors
    /// [`ModelError::InsufficientData`] when training has not finished; the errors of the
    /// calibration fit (for instance out-of-fold log-risks that are all equal).
    pub fn finish(self) -> Result<AutoModel, ModelError> {
        if !self.is_finished() {
            return Err(ModelError::NotFinished {
                context: "automatic recipe",
            });
        }
        let ground = Arc::clone(&self.ground);
        let n = ground.data.n_patients();
        let scatter = |fold: usize, risk: &[f64], into: &mut [f64]| {
            // A member's risks are in the row order of its validation fold.
            let rows = (0..n).filter(|&i| self.ground.fold_of[i] == fold);
            for (i, &r) in rows.zip(risk) {
                into[i] = r;
            }
        };

        // The network setting.
        let chosen = self.best_candidate();
        let scores = self.scores();
        let mut net_oof = vec![0.0; n];
        let mut nets = Vec::new();
        let mut steps = 0.0;
        for member in self.done.iter().filter(|m| m.record.candidate == chosen) {
            scatter(member.record.fold, &member.out_of_fold, &mut net_oof);
            nets.push(member.network.clone());
            steps += member.record.best_step as f64;
        }
        let net = CoxNet::average(&nets)?;

        // The additive model and its penalty: lowest pooled validation loss.
        let deaths: usize = self.ridge.iter().map(|f| f.events).sum();
        let ridge_loss = |l: usize| {
            self.ridge
                .iter()
                .map(|f| f.fits[l].validation_loss * f.events as f64)
                .sum::<f64>()
                / deaths.max(1) as f64
        };
        let penalty = (0..ADDITIVE_KINDS.len() * PENALTY_GRID.len())
            .filter(|&l| ridge_loss(l).is_finite())
            .min_by(|&a, &b| ridge_loss(a).total_cmp(&ridge_loss(b)))
            .unwrap_or(0);
        let mut linear_oof = vec![0.0; n];
        let mut linears = Vec::new();
        for fold in &self.ridge {
            scatter(fold.fold, &fold.fits[penalty].oof, &mut linear_oof);
            linears.push(fold.fits[penalty].net.clone());
        }
        let linear = CoxNet::average(&linears)?;
        let linear_cs: Vec<f64> = self
            .ridge
            .iter()
            .map(|f| f.fits[penalty].validation_c)
            .filter(|c| c.is_finite())
            .collect();

        // The blend of the two with the lowest pooled loss of the out-of-fold risks.
        let mut best = (1.0, f64::INFINITY);
        let mut blend_losses = Vec::with_capacity(BLEND_WEIGHTS.len());
        for &w in &BLEND_WEIGHTS {
            let risk: Vec<f64> = linear_oof
                .iter()
                .zip(&net_oof)
                .map(|(l, m)| w * l + (1.0 - w) * m)
                .collect();
            let loss = self.pooled_loss(&risk)?;
            blend_losses.push(loss);
            if loss < best.1 {
                best = (w, loss);
            }
        }
        let weight = best.0;
        let oof: Vec<f64> = linear_oof
            .iter()
            .zip(&net_oof)
            .map(|(l, m)| weight * l + (1.0 - weight) * m)
            .collect();
        let network = if weight >= 1.0 {
            linear
        } else if weight <= 0.0 {
            net
        } else {
            CoxNet::blend(&linear, &net, weight as f32)?
        };

        let calibration =
            CalibrationSlope::fit(self.ground.data.time(), self.ground.data.event(), &oof)?;
        let slope = calibration.slope.max(MIN_SLOPE);
        let scaled: Vec<f64> = oof.iter().map(|r| slope * r).collect();
        let baseline =
            BreslowBaseline::fit(self.ground.data.time(), self.ground.data.event(), &scaled)?
                .with_slope(slope)?;
        let out_of_fold_c = harrell_c(self.ground.data.time(), self.ground.data.event(), &oof)
            .ok()
            .map(|c| c.index);
        let members = nets.len();
        Ok(AutoModel {
            network,
            baseline,
            choice: AutoChoice {
                chosen,
                scores,
                members,
                linear: LinearScore {
                    kind: ADDITIVE_KINDS[penalty / PENALTY_GRID.len()],
                    penalizer: PENALTY_GRID[penalty % PENALTY_GRID.len()],
                    validation_loss: ridge_loss(penalty),
                    validation_c: if linear_cs.is_empty() {
                        f64::NAN
                    } else {
                        linear_cs.iter().sum::<f64>() / linear_cs.len() as f64
                    },
                },
                linear_weight: weight,
                blend_losses,
                config: ground.config.clone(),
                calibration,
                out_of_fold_c,
                mean_steps: steps / members.max(1) as f64,
            },
            out_of_fold_risk: oof,
            members: self.done.into_iter().map(|m| m.record).collect(),
            folds: ground.fold_of.clone(),
        })
    }
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    }
}

/// Runs the `auto` recipe to the end.
///
/// # Errors
/// As [`AutoTrainer::new`], [`AutoTrainer::step`] and [`AutoTrainer::finish`].
pub fn fit_auto(
    config: AutoConfig,
    data: SurvivalData,
    strata: Option<&[u32]>,
) -> Result<AutoModel, ModelError> {
    let mut trainer = AutoTrainer::new(config, data, strata)?;
    while !trainer.is_finished() {
        trainer.step()?;
    }
    trainer.finish()
}
