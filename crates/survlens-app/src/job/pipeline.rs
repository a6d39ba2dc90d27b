//! The job behind every explained cohort: load a CSV or generate a synthetic cohort ->
//! encode -> deep Cox network -> LRP -> [`Session`].
//!
//! A step-wise state machine, so the web worker can run one step, report it, and look for a
//! cancel request before the next; the command-line tool drives the same job to the end.
//! Both therefore compute the same numbers from the same [`JobSpec`].
//!
//! A stored model (the default model or a survlens model file) explains a file of new
//! patients without an outcome too: such a file needs the model's markers only, and its
//! session says it has no outcomes ([`Session::has_outcomes`]), so the views that need
//! survival times say so instead of computing on nothing. Training needs outcomes, and so
//! does an ONNX network, which brings no baseline hazard to predict survival with.

use std::sync::Arc;

use survlens_data::encode::{Encoder, EncoderConfig, FeatureMap};
use survlens_data::{
    Categorical, Cohort, DataError, Describe, ImportOptions, Marker, MarkerValues, Message,
    MessageArg, import_csv,
};
use survlens_model::bundle::FinalFit;
use survlens_model::bundle::{BundleError, ModelBundle};
use survlens_model::comparison::FittedBaselines;
use survlens_model::concordance::harrell_c;
use survlens_model::cv::assign_folds;
use survlens_model::recipe::{AutoChoice, AutoConfig, AutoModel, AutoTrainer};
use survlens_model::train::{SurvivalData, TrainedModel, Trainer};
use survlens_model::{BaselineKind, BreslowBaseline, RiskGroups};
use survlens_synth::{Dictionary, MarkerKind, MarkerSpec, Preset, SyntheticCohort};
use survlens_xai::interactions::SearchTask;
use survlens_xai::{Composite, Lrp, import_onnx};

use crate::analysis::crossfit::networks_elsewhere;
use crate::core::cohort_kind::CohortKind;
use crate::core::error::ComputeError;
use crate::core::i18n::{Arg, Lang};
use crate::core::origin::{ModelOrigin, TrainingRecord};
use crate::core::session::{
    BaselineRisk, EpochLine, LinearCox, MarkerInfo, PlantedInteraction, PlantedTruth, Session,
    SessionModel, SparseColumns,
};
use crate::core::title::CohortTitle;
use crate::core::units::TimeUnit;
use crate::job::pool::{ExplainRows, Explained, PoolError, Task, TaskResult};
use crate::job::protocol::{Failure, Response};
use crate::sources::data_source::ProblemList;
use crate::sources::fhir_source::{FhirFile, FhirImportError, FhirReportView, index_date};
use crate::sources::model_file::{fit_baseline_models, onnx_inputs};
use crate::sources::spec::{CohortSource, JobSpec, ModelSource, Recipe};
use crate::views::interactions_view::{
    CohortInteractions, InteractionSearch, PreparationStep, SearchPiece, SearchPreparation,
};

/// Why a job failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    /// The generator, the data, the training or the explainer refused (see
    /// [`ComputeError`]).
    #[error(transparent)]
    Compute(#[from] ComputeError),
    /// The file could not be imported; every problem is listed.
    #[error("{0}")]
    Import(#[from] survlens_data::ImportReport),
    /// A stored model could not be read or does not fit the cohort.
    #[error("model file {file}: {problem}")]
    ModelFile {
        /// The file's name.
        file: String,
        /// What is wrong (boxed: some problems carry a library's whole error).
        problem: Box<ModelFileProblem>,
    },
    /// A FHIR export could not become the job's cohort.
    #[error(transparent)]
    Fhir(#[from] FhirImportError),
    /// `step` was called after the job finished.
    #[error("the job has already finished")]
    Finished,
}

/// Why a stored model (the default model, a survlens model file or an ONNX network) cannot
/// explain the cohort.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ModelFileProblem {
    /// The default model shipped with the page could not be read.
    #[error("{0}")]
    Default(#[from] crate::sources::default_model::DefaultModelError),
    /// A survlens model file could not be read.
    #[error("{0}")]
    Bundle(#[from] BundleError),
    /// An ONNX file could not be read as a Cox network.
    #[error("{0}")]
    Onnx(#[from] survlens_xai::OnnxError),
    /// The cohort cannot be an ONNX network's input.
    #[error("{0}")]
    OnnxInput(#[from] crate::sources::model_file::OnnxInputError),
    /// The job asked for a stored model without choosing one.
    #[error("no stored model was chosen")]
    NoneChosen,
    /// External validation was asked of a stored model.
    #[error("external validation trains its own model; choose a cohort instead")]
    ExternalValidation,
    /// The cohort lacks markers the model reads.
    #[error(
        "the cohort lacks {count} of the model's markers: {}",
        first.join(", ")
    )]
    MissingMarkers {
        /// How many are missing.
        count: usize,
        /// The first ten of them.
        first: Vec<String>,
    },
    /// The model names a time unit survlens does not know.
    #[error(
        "the model's time unit \"{}\" is not one of days, weeks, months or years",
        found.as_deref().unwrap_or("")
    )]
    TimeUnit {
        /// The unit named, if any.
        found: Option<String>,
    },
    /// The cohort does not fit the model's preprocessing (another kind of column, a value
    /// far outside the training range).
    #[error("the cohort does not fit the model's preprocessing: {0}")]
    Preprocessing(DataError),
    /// An ONNX network brings no baseline hazard, and the cohort has no outcomes to fit one.
    #[error(
        "an ONNX network brings no baseline hazard, and this file has no survival times or \
         events to fit one on: choose a file with outcomes, or a survlens model file, which \
         brings its own"
    )]
    NoBaseline,
}

impl ModelFileProblem {
    /// A stable machine-readable name of the problem kind, for tests and the page's problem
    /// list; it never changes with the wording.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Default(_) => "default_model",
            Self::Bundle(e) => e.code(),
            Self::Onnx(e) => e.code(),
            Self::OnnxInput(_) => "onnx_input",
            Self::NoneChosen => "none_chosen",
            Self::ExternalValidation => "external_validation",
            Self::MissingMarkers { .. } => "missing_markers",
            Self::TimeUnit { .. } => "time_unit",
            Self::Preprocessing(e) => e.code(),
            Self::NoBaseline => "no_baseline",
        }
    }
}

impl Describe for ModelFileProblem {
    fn message(&self) -> Message {
        let cause = |key, reason| Message::new(key, vec![("reason", reason)]);
        match self {
            Self::Default(e) => cause("error-model-file-default", MessageArg::nested(e)),
            Self::Bundle(e) => cause("error-model-file-bundle", MessageArg::nested(e)),
            Self::Onnx(e) => cause("error-model-file-onnx", MessageArg::nested(e)),
            Self::OnnxInput(e) => cause("error-model-file-onnx-input", MessageArg::nested(e)),
            Self::NoneChosen => Message::plain("error-model-file-none-chosen"),
            Self::ExternalValidation => Message::plain("error-model-file-external-validation"),
            Self::MissingMarkers { count, first } => Message::new(
                "error-model-file-missing-markers",
                vec![
                    ("count", MessageArg::text(count)),
                    ("first", MessageArg::text(first.join(", "))),
                ],
            ),
            Self::TimeUnit { found } => Message::new(
                "error-model-file-time-unit",
                vec![("found", MessageArg::text(found.as_deref().unwrap_or("")))],
            ),
            Self::Preprocessing(e) => {
                cause("error-model-file-preprocessing", MessageArg::nested(e))
            }
            Self::NoBaseline => Message::plain("error-model-file-no-baseline"),
        }
    }
}

/// Each library's error is a [`ComputeError`] of the job.
macro_rules! compute_error_from {
    ($($error:ty),*) => {$(
        impl From<$error> for PipelineError {
            fn from(e: $error) -> Self {
                Self::Compute(ComputeError::from(e))
            }
        }
    )*};
}
compute_error_from!(
    survlens_synth::SynthError,
    DataError,
    survlens_model::ModelError,
    survlens_xai::XaiError
);

impl PipelineError {
    /// A stable machine-readable name of the problem kind; it never changes with the
    /// wording.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Compute(e) => e.code(),
            Self::Import(_) => "import",
            Self::ModelFile { problem, .. } => problem.code(),
            Self::Fhir(e) => e.code(),
            Self::Finished => "finished",
        }
    }

    /// How the worker reports this failure: an import's problems as a located list for
    /// the page's table, anything else as one message.
    pub fn into_response(self) -> Response {
        self.into_response_in(Lang::En)
    }

    /// [`PipelineError::into_response`], an import's most frequent cell problems worded in
    /// `lang` ([`crate::sources::data_source::cell_problem_in`]).
    pub fn into_response_in(self, lang: Lang) -> Response {
        match self {
            // The reader's problems (file, resource, JSON path) go to the page's FHIR report.
            Self::Fhir(FhirImportError::Read(failure)) => {
                Response::FhirRead(Box::new(FhirReportView::of_failure(&failure, &[])))
            }
            Self::Import(report) => Response::Rejected(ProblemList::from_report_in(&report, lang)),
            // The page shows a model file's problem where the file was opened; the cohort
            // on screen stays.
            Self::ModelFile { file, problem } => {
                Response::Rejected(crate::sources::model_file::model_file_problem(
                    &file,
                    &lang.message(&problem.message()),
                ))
            }
            other => Response::Failed(Failure::new(other.code(), &other)),
        }
    }
}

impl Describe for PipelineError {
    fn message(&self) -> Message {
        let cause = |key, reason| Message::new(key, vec![("reason", reason)]);
        match self {
            Self::Compute(e) => cause("error-pipeline-compute", MessageArg::nested(e)),
            Self::Import(e) => cause("error-pipeline-import", MessageArg::nested(e)),
            Self::ModelFile { file, problem } => Message::new(
                "error-pipeline-model-file",
                vec![
                    ("file", MessageArg::text(file)),
                    ("problem", MessageArg::nested(problem.as_ref())),
                ],
            ),
            Self::Fhir(e) => cause("error-pipeline-fhir", MessageArg::nested(e)),
            Self::Finished => Message::plain("error-pipeline-finished"),
        }
    }
}

/// What one step of a job produced.
#[derive(Debug)]
pub enum JobStep {
    /// Progress to report; call `step` again.
    Progress(Response),
    /// The cohort is explained: the worker keeps it to answer the views and tells the page
    /// its summary ([`Response::Preview`]); the interaction search follows. Call `step`
    /// again.
    Explained(Arc<Session>),
    /// The cohort's first patient explained alone ([`Session::first_look_of`]), before the
    /// cohort is drawn: a stored model on a synthetic cohort shows it at once. The worker
    /// shows it like an explained cohort until [`JobStep::Explained`] replaces it. Call
    /// `step` again.
    FirstLook(Arc<Session>),
    /// The explained cohort and its interactions; the job is over.
    Done(Box<Finished>),
}

/// What a finished job hands over. The page's worker has the session already
/// ([`JobStep::Explained`], the same `Arc`, which it keeps to answer the views) and keeps
/// the interactions beside it; the command line uses both.
#[derive(Debug)]
pub struct Finished {
    /// The explained cohort.
    pub session: Arc<Session>,
    /// The interactions the search found in it.
    pub interactions: CohortInteractions,
}

impl Finished {
    /// The explained cohort, copied only if another handle to it is still held.
    pub fn into_session(self) -> Session {
        Arc::unwrap_or_clone(self.session)
    }
}

/// A cohort ready to encode, with what the views need to show it.
struct Loaded {
    title: CohortTitle,
    cohort: Cohort,
    /// Display information of the cohort's markers, in column order.
    markers: Vec<MarkerInfo>,
    entities: Vec<String>,
    entity_ids: Vec<String>,
    entity_of: Vec<u32>,
    /// Time in days; `NaN` for every patient of a cohort without outcomes.
    time: Vec<f64>,
    /// The generator's cohort for its truth and split, without its table: `values` is
    /// emptied once [`Self::cohort`] holds the values ([`loaded_synthetic`]).
    synthetic: Option<SyntheticCohort>,
    /// Arrays read and emptied whose memory the session's `patients x markers` arrays take
    /// over (the generator's values), so that a worker asks for no more memory than it
    /// already has ([`reuse`]).
    spare: Vec<Vec<f32>>,
    /// The cohort the model is trained on, when it is not this one (external validation).
    development: Option<Box<Loaded>>,
    /// What the cohort is about, for the page's wording.
    kind: CohortKind,
}

/// The development cohort's training patients, when the explained cohort is another one:
/// the baseline hazard and the risk-group cut-offs come from them.
struct DevelopmentTraining {
    /// Encoded inputs, `n_train x p`.
    x: Vec<f32>,
    /// Survival time in days.
    time: Vec<f64>,
    /// Event observed.
    event: Vec<bool>,
}

/// State shared by the steps after loading.
struct Prepared {
    loaded: Loaded,
    /// The network's preprocessing: the cohort is encoded chunk by chunk as it is explained
    /// ([`encode_rows`]), never whole.
    encoder: Encoder,
    held_out: Vec<bool>,
    test_rows: Vec<usize>,
    train_rows: Vec<usize>,
    development: Option<DevelopmentTraining>,
    /// Patients whose loss stopped the training (0 for a stored model).
    n_validation: usize,
    /// Rows of the development cohort (this one, or the external validation's other one)
    /// the network was fitted on: the baselines are fitted on the same patients, unless
    /// the model file brings them (`baseline_models`).
    baseline_rows: Vec<usize>,
    /// The baselines a stored model file brings, fitted on its training patients.
    baseline_models: Option<FittedBaselines>,
}

/// What a stored model brings besides its encoder: the network, and the baseline hazard
/// (in days) and risk-group cut-offs of its own training patients.
struct StoredModel {
    /// What the `auto` recipe chose, when it trained the stored network.
    auto: Option<AutoChoice>,
    network: survlens_model::CoxNet,
    baseline: BreslowBaseline,
    risk_cutoffs: [f32; 2],
    origin: ModelOrigin,
}

/// The baseline hazard (days) and risk-group cut-offs that come with a network rather than
/// from its training patients' log-risks: a stored model's own, or those the `auto` recipe
/// fitted on out-of-fold log-risks.
struct FittedOutputs {
    baseline: BreslowBaseline,
    /// A stored model's own cut-offs; `None`: tertiles of the training patients' log-risks.
    risk_cutoffs: Option<[f32; 2]>,
    /// What the `auto` recipe chose, when it trained the network.
    auto: Option<AutoChoice>,
}

/// How the job's network is being trained.
enum Training {
    Study(Box<Trainer>),
    Auto(Box<AutoTrainer>),
}

/// The `auto` recipe's recalibrated baseline (already in days: the job's times are days);
/// the risk groups are the training patients' tertiles, as for the study's recipe.
fn auto_outputs(model: &AutoModel) -> Result<FittedOutputs, PipelineError> {
    Ok(FittedOutputs {
        baseline: model.baseline.clone(),
        risk_cutoffs: None,
        auto: Some(model.choice.clone()),
    })
}

/// The validation curves of the chosen setting's members, as the training chart's lines:
/// `epoch` counts validations within a member, members one after another.
fn auto_history(model: &AutoModel) -> Vec<EpochLine> {
    let mut lines = Vec::new();
    for member in model
        .members
        .iter()
        .filter(|m| m.candidate == model.choice.chosen)
    {
        for v in &member.curve {
            lines.push(EpochLine {
                epoch: lines.len() + 1,
                train_loss: v.train_loss,
                validation_loss: v.validation_loss,
                validation_cindex: v.validation_c,
            });
        }
    }
    lines
}

/// The page's default model file (see [`crate::sources::default_model`]). Only the worker's code
/// path reaches it, so the page's main module does not carry it.
const DEFAULT_MODEL_JSON: &[u8] = include_bytes!("../../../../web/models/default.json");

enum Phase {
    Start,
    /// A synthetic cohort drawn [`DRAW_CHUNK`] patients per step.
    Drawing(Box<survlens_synth::CohortDrawing>),
    Loaded(Box<Loaded>),
    Training(Box<Prepared>, Box<Trainer>),
    /// The `auto` recipe, one validation interval of one member per step.
    AutoTraining(Box<Prepared>, Box<AutoTrainer>),
    /// Explaining the cohort a chunk of patients per step.
    Explaining(Box<Explaining>),
    /// Explained; the interaction search is being prepared, a chunk of the cohort per step.
    Preparing(Arc<Session>, Box<SearchPreparation>),
    /// The interaction search, one marker per step.
    Interactions(Arc<Session>, Box<InteractionSearch>),
    Done,
}

/// A job: load or generate a cohort, train, explain. Call [`Job::step`] until it returns
/// [`JobStep::Done`].
pub struct Job {
    spec: JobSpec,
    phase: Phase,
    history: Vec<EpochLine>,
    /// Whether the first look ([`JobStep::FirstLook`]) has been considered.
    looked: bool,
    /// The language of the stages it reports.
    lang: Lang,
    /// Other workers that share its training batches ([`Job::set_pool`]).
    pool_members: usize,
    /// Whether a member stopped while it trained.
    pool_shrank: bool,
}

impl Job {
    /// A job that has not started.
    pub fn new(spec: JobSpec) -> Self {
        Self {
            spec,
            phase: Phase::Start,
            history: Vec::new(),
            looked: false,
            lang: Lang::En,
            pool_members: 0,
            pool_shrank: false,
        }
    }

    /// Splits each training batch of the study's recipe among itself and `members` other
    /// workers from the next batch on (0: trains alone). The `auto` recipe's members and the
    /// explanation need no such setting: they are dealt to whichever workers are idle
    /// ([`Job::share_with_pool`]); a smaller pool than before is said in the progress line.
    pub fn set_pool(&mut self, members: usize) {
        if members < self.pool_members
            && matches!(
                self.phase,
                Phase::Training(..) | Phase::AutoTraining(..) | Phase::Interactions(..)
            )
        {
            self.pool_shrank = true;
        }
        self.pool_members = members;
    }

    /// The progress line while the study's network trains with a pool.
    fn training_stage(&self) -> String {
        let mut stage = if self.pool_members > 0 {
            self.lang.t_with(
                "stage-training-pool",
                &[("workers", Arg::Count(self.pool_members as u64 + 1))],
            )
        } else {
            self.lang.t("stage-training")
        };
        if self.pool_shrank {
            stage.push(' ');
            stage.push_str(&self.lang.t("stage-training-member-stopped"));
        }
        stage
    }

    /// Reports its stages from now on in `lang`.
    pub fn set_language(&mut self, lang: Lang) {
        self.lang = lang;
    }

    /// What follows a loaded cohort, in words.
    fn next_stage(&self) -> String {
        match self.spec.model {
            ModelSource::Train => self.lang.t("stage-training"),
            _ => self.lang.t("stage-encoding-cohort"),
        }
    }

    /// Upper bound on the number of training epochs.
    pub fn max_epochs(&self) -> usize {
        self.spec.training.stages * self.spec.training.epochs_per_stage
    }

    /// Runs the next step: generation, preparation, one training epoch, explanation, or the
    /// interaction search.
    pub fn step(&mut self) -> Result<JobStep, PipelineError> {
        match std::mem::replace(&mut self.phase, Phase::Done) {
            Phase::Start if !self.looked => {
                self.looked = true;
                self.phase = Phase::Start;
                match self.first_look()? {
                    Some(session) => Ok(JobStep::FirstLook(Arc::new(session))),
                    None => self.step(),
                }
            }
            Phase::Drawing(mut drawing) if !drawing.is_finished() => {
                drawing.draw(DRAW_CHUNK);
                let progress = drawing_progress(&drawing, self.lang);
                self.phase = Phase::Drawing(drawing);
                Ok(JobStep::Progress(progress))
            }
            Phase::Drawing(drawing) => {
                let patients = drawing.patients();
                let loaded = loaded_synthetic(drawing.finish(), patients)?;
                self.phase = Phase::Loaded(Box::new(loaded));
                Ok(JobStep::Progress(Response::Stage(self.next_stage())))
            }
            Phase::Start => {
                if let CohortSource::Synthetic(config) = &self.spec.source {
                    let drawing = survlens_synth::CohortDrawing::start(config)?;
                    let progress = drawing_progress(&drawing, self.lang);
                    self.phase = Phase::Drawing(Box::new(drawing));
                    return Ok(JobStep::Progress(progress));
                }
                if let CohortSource::Fhir { files, index_date } = &self.spec.source {
                    let markers = self.stored_markers()?;
                    let (loaded, report) = load_fhir(files, index_date.as_deref(), markers)?;
                    self.phase = Phase::Loaded(Box::new(loaded));
                    // The mapping report is the step's news; the stage follows from it.
                    return Ok(JobStep::Progress(Response::FhirRead(Box::new(report))));
                }
                // A stored model explains new patients, whose outcome may not be known.
                let outcome = if self.spec.model == ModelSource::Train {
                    Outcome::Required
                } else {
                    Outcome::Optional
                };
                let loaded = load(&self.spec.source, outcome)?;
                self.phase = Phase::Loaded(Box::new(loaded));
                Ok(JobStep::Progress(Response::Stage(self.next_stage())))
            }
            Phase::Loaded(loaded) if self.spec.model != ModelSource::Train => {
                let (prepared, stored) = self.prepare_stored(*loaded)?;
                let origin = PendingOrigin::Stored(stored.origin);
                let fitted = FittedOutputs {
                    baseline: stored.baseline,
                    risk_cutoffs: Some(stored.risk_cutoffs),
                    auto: stored.auto,
                };
                let explaining = Explaining::new(prepared, stored.network, Some(fitted), origin)?;
                let stage = explaining.stage(self.lang);
                self.phase = Phase::Explaining(Box::new(explaining));
                Ok(JobStep::Progress(stage))
            }
            Phase::Loaded(loaded) => {
                let (prepared, training) = self.prepare(*loaded)?;
                self.phase = match training {
                    Training::Study(trainer) => Phase::Training(Box::new(prepared), trainer),
                    Training::Auto(trainer) => Phase::AutoTraining(Box::new(prepared), trainer),
                };
                self.step()
            }
            Phase::AutoTraining(prepared, mut trainer) => {
                if trainer.is_finished() {
                    let model = trainer.finish()?;
                    self.history = auto_history(&model);
                    let record = self.auto_training_record(&prepared, &model);
                    let n_test = prepared.test_rows.len();
                    let origin = PendingOrigin::Trained(Box::new(record), n_test);
                    let fitted = auto_outputs(&model)?;
                    let explaining =
                        Explaining::new(*prepared, model.network, Some(fitted), origin)?;
                    let stage = explaining.stage(self.lang);
                    self.phase = Phase::Explaining(Box::new(explaining));
                    return Ok(JobStep::Progress(stage));
                }
                let additive_before = trainer.additive_folds().0;
                let progress = trainer.step()?;
                let (additive, folds) = trainer.additive_folds();
                let elsewhere = trainer.members_elsewhere();
                self.phase = Phase::AutoTraining(prepared, trainer);
                let (c, of) = progress.candidate;
                let lang = self.lang;
                let mut pool = String::new();
                if elsewhere > 0 {
                    pool.push_str(" · ");
                    pool.push_str(&networks_elsewhere(elsewhere, lang));
                }
                if self.pool_shrank {
                    pool.push(' ');
                    pool.push_str(&lang.t("stage-network-worker-stopped"));
                }
                let figures = progress.validation.as_ref().map_or_else(String::new, |v| {
                    let figures = lang.t_with(
                        "stage-training-validation",
                        &[
                            ("loss", Arg::Text(&lang.decimal(v.smoothed_loss, 4))),
                            ("cindex", Arg::Text(&lang.decimal(v.validation_c, 3))),
                        ],
                    );
                    format!(" · {figures}")
                });
                let count = |n: usize| Arg::Count(n as u64);
                if additive > additive_before {
                    // This step fitted a fold's additive Cox models, before any member.
                    return Ok(JobStep::Progress(Response::Progress {
                        stage: format!(
                            "{}{pool}",
                            lang.t_with(
                                "stage-training-additive",
                                &[("fold", count(additive)), ("folds", count(folds))],
                            )
                        ),
                        fraction: progress.fraction,
                    }));
                }
                Ok(JobStep::Progress(Response::Progress {
                    stage: format!(
                        "{}{figures}{pool}",
                        lang.t_with(
                            "stage-training-step",
                            &[
                                ("setting", count(c + 1)),
                                ("settings", count(of)),
                                ("fold", count(progress.fold + 1)),
                                ("step", count(progress.step)),
                            ],
                        )
                    ),
                    fraction: progress.fraction,
                }))
            }
            Phase::Training(prepared, mut trainer) => {
                if trainer.is_finished() {
                    let trained = trainer.finish();
                    let record = self.training_record(&prepared, &trained);
                    let n_test = prepared.test_rows.len();
                    let origin = PendingOrigin::Trained(Box::new(record), n_test);
                    let explaining = Explaining::new(*prepared, trained.network, None, origin)?;
                    let stage = explaining.stage(self.lang);
                    self.phase = Phase::Explaining(Box::new(explaining));
                    return Ok(JobStep::Progress(stage));
                }
                // With a pool, a step is a piece of a batch split among the workers: the
                // batch's shares, this worker's own pass, the loss, the update.
                let progress = if trainer.shared_in_flight() {
                    trainer.advance_shared()?
                } else if self.pool_members > 0 {
                    trainer.share_batch(self.pool_members)?
                } else {
                    Some(trainer.run_epoch()?)
                };
                let line = progress.and_then(|p| p.epoch_summary).map(|e| EpochLine {
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
                    None => Ok(JobStep::Progress(Response::Stage(self.training_stage()))),
                }
            }
            Phase::Explaining(mut explaining) => {
                // While members still explain their shares, a step has nothing to do: the
                // worker awaits their results ([`Job::awaiting_pool`]).
                if explaining.explain_chunk()? || !explaining.delegated.is_empty() {
                    let stage = explaining.stage(self.lang);
                    self.phase = Phase::Explaining(explaining);
                    return Ok(JobStep::Progress(stage));
                }
                if explaining.fits_baselines() && !explaining.baselines_announced {
                    explaining.baselines_announced = true;
                    self.phase = Phase::Explaining(explaining);
                    return Ok(JobStep::Progress(Response::Stage(
                        self.lang.t("stage-fitting-baselines"),
                    )));
                }
                let session = explaining.finish(&self.history)?;
                // The explained cohort can be shown while the interaction search, the job's
                // longest step on large cohorts, goes on.
                // The worker's views share the session with the job (no copy of the cohort).
                let session = Arc::new(session);
                let preparation = SearchPreparation::new(&session, true)?;
                self.phase = Phase::Preparing(Arc::clone(&session), Box::new(preparation));
                Ok(JobStep::Explained(session))
            }
            Phase::Preparing(session, preparation) => {
                // A chunk per step: the worker answers the views of the explained cohort
                // between them.
                let (progress, phase) = match preparation.step(&session)? {
                    PreparationStep::Preparing(preparation) => (
                        Response::Progress {
                            stage: preparation.stage(self.lang),
                            fraction: 0.0,
                        },
                        Phase::Preparing(session, Box::new(preparation)),
                    ),
                    PreparationStep::Ready(search) => {
                        // A worker that stopped before the search trains nothing of it.
                        self.pool_shrank = false;
                        (
                            Response::Progress {
                                stage: search.stage(self.lang),
                                fraction: search.fraction(),
                            },
                            Phase::Interactions(session, search),
                        )
                    }
                };
                self.phase = phase;
                Ok(JobStep::Progress(progress))
            }
            Phase::Interactions(session, mut search) => {
                // One marker per step, so a cancel or a new job waits for one LRP pass
                // over the sample, not for the whole search.
                if search.is_finished() {
                    let found = search.finish(&session)?;
                    return Ok(JobStep::Done(Box::new(Finished {
                        session,
                        interactions: found,
                    })));
                }
                let was_training = search.training_networks();
                search.step()?;
                if was_training && !search.training_networks() {
                    // A worker that stopped while the networks trained has nothing of the
                    // screens and tests.
                    self.pool_shrank = false;
                }
                let mut stage = search.stage(self.lang);
                if self.pool_shrank && (search.training_networks() || search.searching()) {
                    stage.push(' ');
                    stage.push_str(&self.lang.t(if search.training_networks() {
                        "stage-network-worker-stopped"
                    } else {
                        "stage-search-worker-stopped"
                    }));
                }
                let progress = Response::Progress {
                    stage,
                    fraction: search.fraction(),
                };
                self.phase = Phase::Interactions(session, search);
                Ok(JobStep::Progress(progress))
            }
            Phase::Done => Err(PipelineError::Finished),
        }
    }

    /// Deals the patients still to explain to `members` idle workers of the pool while the
    /// job explains its cohort: each gets one [`Task`] of at most [`POOL_TASK_CHUNKS`]
    /// chunks from the end of what is left, with only those patients' inputs, and the job
    /// keeps explaining from the front. Called again as members answer, it deals them the
    /// next tasks, so a member holds one bounded task at a time whatever the cohort's size.
    /// Empty at any other time, and once nothing is left to deal.
    pub fn share_with_pool(&mut self, members: usize) -> Vec<Task> {
        match &mut self.phase {
            Phase::Explaining(explaining) => explaining.share(members),
            Phase::Training(_, trainer) => trainer
                .take_shard_tasks()
                .into_iter()
                .map(Task::Train)
                .collect(),
            Phase::AutoTraining(_, trainer) => trainer
                .take_member_tasks(members)
                .into_iter()
                .map(Task::TrainMember)
                .collect(),
            Phase::Interactions(_, search) => search
                .take_tasks(members)
                .into_iter()
                .map(|piece| match piece {
                    SearchPiece::Network(t) => Task::TrainNetwork(*t),
                    SearchPiece::Search(SearchTask::Screen(t)) => Task::ScreenFold(t),
                    SearchPiece::Search(SearchTask::Tests(t)) => Task::TestPairs(t),
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Whether the job waits for members' results and has nothing to do itself: the worker
    /// then awaits a member's message (or the page's) instead of calling [`Job::step`].
    pub fn awaiting_pool(&self) -> bool {
        match &self.phase {
            Phase::Explaining(explaining) => {
                explaining.own.is_empty() && !explaining.delegated.is_empty()
            }
            Phase::Training(_, trainer) => trainer.awaiting_shards(),
            Phase::AutoTraining(_, trainer) => trainer.awaiting_members(),
            Phase::Interactions(_, search) => search.awaiting_pool(),
            _ => false,
        }
    }

    /// Takes in a member's result.
    ///
    /// # Errors
    /// [`PoolError`] for a result no share awaits or one that does not fit the cohort.
    pub fn accept_from_pool(&mut self, result: TaskResult) -> Result<(), PoolError> {
        match (&mut self.phase, result) {
            (Phase::Explaining(explaining), TaskResult::Explained(e)) => explaining.accept(e),
            (Phase::Training(_, trainer), TaskResult::ShardRisks { step, shard, risk }) => {
                Ok(trainer
                    .accept_shard_risks(step, shard, risk)
                    .map_err(ComputeError::from)?)
            }
            (
                Phase::Training(_, trainer),
                TaskResult::ShardGradient {
                    step,
                    shard,
                    gradient,
                },
            ) => Ok(trainer
                .accept_shard_gradient(step, shard, gradient)
                .map_err(ComputeError::from)?),
            (Phase::AutoTraining(_, trainer), TaskResult::Member(member)) => {
                Ok(trainer.accept_member(member).map_err(ComputeError::from)?)
            }
            (Phase::Interactions(_, search), TaskResult::Network { fold, network }) => {
                Ok(search.accept_network(fold, network)?)
            }
            (Phase::Interactions(_, search), TaskResult::Screened(found)) => {
                Ok(search.accept_screen(*found)?)
            }
            (Phase::Interactions(_, search), TaskResult::Tested(tested)) => {
                Ok(search.accept_tests(tested)?)
            }
            (_, TaskResult::Screened(found)) => Err(PoolError::Header {
                serde: format!(
                    "the screens of fold {} arrived after the job moved on",
                    found.fold
                ),
            }),
            (_, TaskResult::Tested(tested)) => Err(PoolError::Header {
                serde: format!(
                    "batch {} of pair tests arrived after the job moved on",
                    tested.batch
                ),
            }),
            (_, TaskResult::Network { fold, .. }) => Err(PoolError::Header {
                serde: format!("cross-fitted network {fold} trained after the job moved on"),
            }),
            (_, TaskResult::Member(member)) => Err(PoolError::Header {
                serde: format!(
                    "member {} of the automatic recipe trained after the job moved on",
                    member.index
                ),
            }),
            (_, TaskResult::Explained(e)) => Err(PoolError::Header {
                serde: format!("patients {}.. explained after the job moved on", e.start),
            }),
            (_, TaskResult::ShardRisks { shard, .. } | TaskResult::ShardGradient { shard, .. }) => {
                Err(PoolError::Header {
                    serde: format!("training share {shard} answered after the job moved on"),
                })
            }
        }
    }

    /// Takes back the task named `key` ([`crate::job::pool::task_key`]) from a member that
    /// stopped or failed it: the job runs it itself, in its own steps.
    pub fn reclaim_from_pool(&mut self, key: usize) {
        match &mut self.phase {
            Phase::Explaining(explaining) => explaining.reclaim(key),
            Phase::Training(_, trainer) => trainer.reclaim_shard(key),
            Phase::AutoTraining(_, trainer) => trainer.reclaim_member(key),
            Phase::Interactions(_, search) => search.reclaim(key),
            _ => {}
        }
    }

    /// The first patient of a synthetic cohort explained by a stored model, drawn and
    /// explained alone ([`survlens_synth::generate_first`]: the same row as in the whole
    /// cohort) so the page shows a patient long before the cohort is drawn and explained;
    /// `None` for a job that trains its network or reads a file (the file is read at once).
    fn first_look(&self) -> Result<Option<Session>, PipelineError> {
        let CohortSource::Synthetic(config) = &self.spec.source else {
            return Ok(None);
        };
        if !matches!(
            self.spec.model,
            ModelSource::Default | ModelSource::File { .. }
        ) {
            return Ok(None);
        }
        let first = survlens_synth::generate_first(config, 1)?;
        let loaded = loaded_synthetic(first, config.n_patients)?;
        let (mut prepared, stored) = self.prepare_stored(loaded)?;
        // The first look says nothing of the planted truth (it needs the whole cohort).
        prepared.loaded.synthetic = None;
        let fitted = FittedOutputs {
            baseline: stored.baseline,
            risk_cutoffs: Some(stored.risk_cutoffs),
            auto: stored.auto,
        };
        let origin = PendingOrigin::Stored(stored.origin);
        let mut explaining = Explaining::new(prepared, stored.network, Some(fitted), origin)?;
        explaining.explain_chunk()?;
        explaining.first_look(config.n_patients).map(Some)
    }

    /// The markers of the job's stored model that the marker dictionary has, in the model's
    /// order: what a FHIR export is read into, so that a marker FHIR cannot fill is a column
    /// of missing values the model's preprocessing imputes rather than a column the cohort
    /// lacks. `None` for an ONNX network (its inputs are the cohort's columns, in order).
    ///
    /// # Errors
    /// [`FhirImportError::NeedsStoredModel`] for a job that trains; a model file that cannot
    /// be read.
    fn stored_markers(&self) -> Result<Option<Vec<String>>, PipelineError> {
        // Only dictionary markers can be read from FHIR; a model's other markers are left
        // out here, and the model's check of the cohort names them (`MissingMarkers`).
        let catalogue = survlens_fhir::Catalogue::standard()?;
        let names = |bundle: &ModelBundle| {
            Some(
                bundle
                    .encoder()
                    .markers()
                    .iter()
                    .map(|plan| plan.name.clone())
                    .filter(|name| catalogue.markers().iter().any(|m| m.id == name))
                    .collect(),
            )
        };
        match &self.spec.model {
            ModelSource::Train => Err(FhirImportError::NeedsStoredModel.into()),
            ModelSource::Onnx { .. } => Ok(None),
            ModelSource::Default => {
                let model = read_default_model()?;
                Ok(names(&model.bundle))
            }
            ModelSource::File { file_name, bytes } => {
                let bundle = read_model_file(file_name, bytes)?;
                Ok(names(&bundle))
            }
        }
    }

    /// Encodes the cohort with a stored model's preprocessing. The default model on its own
    /// synthetic cohort keeps its training split (its test half is what it never saw);
    /// any other cohort is held out entirely.
    fn prepare_stored(&self, mut loaded: Loaded) -> Result<(Prepared, StoredModel), PipelineError> {
        if let ModelSource::Onnx { file_name, bytes } = &self.spec.model {
            return prepare_onnx(loaded, file_name, bytes);
        }
        let (file, bundle, split) = match &self.spec.model {
            ModelSource::Default => {
                let model = read_default_model()?;
                let split = match &loaded.synthetic {
                    Some(s) if s.config == model.provenance.cohort => {
                        Some(crate::sources::default_model::HeldOutSplit::of(
                            s,
                            model.provenance.folds,
                            model.provenance.split_seed,
                        )?)
                    }
                    _ => None,
                };
                ("default model".to_owned(), model.bundle, split)
            }
            ModelSource::File { file_name, bytes } => {
                let bundle = read_model_file(file_name, bytes)?;
                (file_name.clone(), bundle, None)
            }
            ModelSource::Train | ModelSource::Onnx { .. } => {
                return Err(PipelineError::ModelFile {
                    file: String::new(),
                    problem: Box::new(ModelFileProblem::NoneChosen),
                });
            }
        };
        let origin = match &self.spec.model {
            ModelSource::File { file_name, .. } => {
                loaded.title = loaded.title.explained_by(file_name);
                ModelOrigin::File {
                    file_name: file_name.clone(),
                    model: crate::core::origin::FileModel::of(&bundle),
                }
            }
            _ => ModelOrigin::DefaultModel,
        };
        if loaded.development.is_some() {
            return Err(PipelineError::ModelFile {
                file,
                problem: Box::new(ModelFileProblem::ExternalValidation),
            });
        }
        let missing: Vec<&str> = bundle
            .encoder()
            .markers()
            .iter()
            .map(|plan| plan.name.as_str())
            .filter(|name| loaded.cohort.marker(name).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(PipelineError::ModelFile {
                file,
                problem: Box::new(ModelFileProblem::MissingMarkers {
                    count: missing.len(),
                    first: missing.iter().take(10).map(|&m| m.to_owned()).collect(),
                }),
            });
        }
        let names: Vec<&str> = bundle
            .encoder()
            .markers()
            .iter()
            .map(|plan| plan.name.as_str())
            .collect();
        restrict_to_markers(&mut loaded, &names)?;
        // The labels given when the model was trained name its markers wherever it explains.
        for info in &mut loaded.markers {
            if let Some(l) = bundle.label_of(&info.id) {
                l.label.clone_into(&mut info.name);
                l.unit.clone_into(&mut info.unit);
            }
        }
        let days = TimeUnit::parse(bundle.columns().time_unit.as_deref())
            .map(TimeUnit::days)
            .ok_or_else(|| PipelineError::ModelFile {
                file: file.clone(),
                problem: Box::new(ModelFileProblem::TimeUnit {
                    found: bundle.columns().time_unit.clone(),
                }),
            })?;
        let baseline = bundle.baseline().clone().with_time_scale(days)?;
        let cuts = bundle.risk_groups().groups().cut_offs();
        let risk_cutoffs = match cuts {
            [a, b] => [*a as f32, *b as f32],
            _ => {
                // Other groupings: show tertiles of this cohort's risks instead.
                let network = bundle.network();
                let mut risk = Vec::with_capacity(loaded.cohort.len());
                for range in chunks(loaded.cohort.len()) {
                    let rows = range.len();
                    let x = encode_rows(bundle.encoder(), &loaded.cohort, range)?;
                    risk.extend(network.predict(&x, rows));
                }
                tertiles(&risk)?
            }
        };
        let encoder = bundle.encoder().clone();
        // A column of another kind than the model read in training, or a value too far out
        // of its training range: a mismatch between this file and this cohort, found before
        // any patient is explained.
        check_encodes(&encoder, &loaded.cohort).map_err(|e| PipelineError::ModelFile {
            file: file.clone(),
            problem: Box::new(ModelFileProblem::Preprocessing(e)),
        })?;
        let n = loaded.cohort.len();
        let (held_out, test_rows, train_rows) = match split {
            Some(split) => {
                // The validation patients chose the stopping epoch: only the test patients
                // are held out, in every view.
                let mut held_out = vec![false; n];
                for &i in &split.test {
                    held_out[i] = true;
                }
                (held_out, split.test, split.train)
            }
            None => (vec![true; n], (0..n).collect(), Vec::new()),
        };
        let train_rows_copy = train_rows.clone();
        let baseline_models = bundle.baseline_models().cloned();
        let stored = StoredModel {
            auto: bundle.auto_choice().cloned(),
            network: bundle.network().clone(),
            baseline,
            risk_cutoffs,
            origin,
        };
        Ok((
            Prepared {
                loaded,
                encoder,
                held_out,
                test_rows,
                train_rows,
                development: None,
                n_validation: 0,
                baseline_rows: train_rows_copy,
                baseline_models,
            },
            stored,
        ))
    }

    /// What the model file of the network trained on `prepared` needs besides the session:
    /// the development cohort's columns and size, the setting and the final fit.
    fn training_record(&self, prepared: &Prepared, trained: &TrainedModel) -> TrainingRecord {
        let dev = prepared
            .loaded
            .development
            .as_deref()
            .unwrap_or(&prepared.loaded);
        let n_train = prepared
            .development
            .as_ref()
            .map_or(prepared.train_rows.len(), |d| d.time.len());
        let final_fit = FinalFit {
            n_train,
            n_validation: prepared.n_validation,
            epochs: trained.history.len(),
            best_epoch: trained.best_epoch,
            validation_loss: trained.best_validation_loss,
            validation_harrell_c: trained
                .history
                .iter()
                .find(|e| Some(e.epoch) == trained.best_epoch)
                .map(|e| e.validation_c_index)
                .filter(|c| c.is_finite()),
        };
        TrainingRecord::new(
            self.spec.source.development_columns(),
            &dev.cohort,
            self.spec.training.clone(),
            final_fit,
        )
    }

    /// The record of a network the `auto` recipe trained on `prepared`.
    fn auto_training_record(&self, prepared: &Prepared, model: &AutoModel) -> TrainingRecord {
        let dev = prepared
            .loaded
            .development
            .as_deref()
            .unwrap_or(&prepared.loaded);
        let choice = &model.choice;
        let score = choice.scores.get(choice.chosen);
        let final_fit = FinalFit {
            n_train: model.out_of_fold_risk.len(),
            n_validation: 0,
            epochs: 0,
            best_epoch: None,
            validation_loss: score.map(|s| s.validation_loss),
            validation_harrell_c: score.map(|s| s.validation_c).filter(|c| c.is_finite()),
        };
        TrainingRecord::new(
            self.spec.source.development_columns(),
            &dev.cohort,
            self.spec.training.clone(),
            final_fit,
        )
        .with_auto(choice.clone())
    }

    fn prepare(&self, loaded: Loaded) -> Result<(Prepared, Training), PipelineError> {
        // The model is fitted on the development cohort: the explained one, or under
        // external validation the other one.
        let dev = loaded.development.as_deref().unwrap_or(&loaded);
        let strata = dev.cohort.entity().map(|e| e.codes().to_vec());
        let auto = self.spec.recipe == Recipe::Auto;
        let external = loaded.development.is_some();
        let (train_rows, mut validation_rows, mut test_rows) = if auto && external {
            // The external cohort is the test set: the recipe's folds use every patient.
            ((0..dev.cohort.len()).collect(), Vec::new(), Vec::new())
        } else {
            let folds = assign_folds(
                dev.cohort.len(),
                strata.as_deref(),
                self.spec.folds,
                self.spec.training.seed,
            )?;
            let held_out = folds.test_rows(0).iter().chain(folds.validation_rows(0));
            if auto {
                // The recipe stops its members on folds of its own: the whole held-out fold
                // is test patients.
                let mut test: Vec<usize> = held_out.copied().collect();
                test.sort_unstable();
                (folds.train_rows(0), Vec::new(), test)
            } else {
                (
                    folds.train_rows(0),
                    folds.validation_rows(0).to_vec(),
                    folds.test_rows(0).to_vec(),
                )
            }
        };

        let encoder_config = if auto {
            EncoderConfig::auto()
        } else {
            EncoderConfig::study()
        };
        let encoder = encoder_config.fit(dev.cohort.rows(&train_rows)?)?;
        let x_dev = encoder.transform(dev.cohort.view())?.design.into_vec();
        let p = encoder.n_features();
        let rows_of = |rows: &[usize]| -> Vec<f32> {
            rows.iter()
                .flat_map(|&i| x_dev[i * p..(i + 1) * p].iter().copied())
                .collect()
        };
        let times = |rows: &[usize]| -> Vec<f64> { rows.iter().map(|&i| dev.time[i]).collect() };
        let events =
            |rows: &[usize]| -> Vec<bool> { rows.iter().map(|&i| dev.cohort.event()[i]).collect() };
        let development = match &loaded.development {
            None => None,
            Some(_) => {
                // The external cohort is the test set, so the development cohort's test
                // fold joins early stopping rather than going unused.
                validation_rows.append(&mut test_rows);
                Some(DevelopmentTraining {
                    x: rows_of(&train_rows),
                    time: times(&train_rows),
                    event: events(&train_rows),
                })
            }
        };
        let subset = |rows: &[usize]| -> Result<SurvivalData, PipelineError> {
            Ok(SurvivalData::new(
                rows_of(rows),
                p,
                times(rows),
                events(rows),
            )?)
        };
        let dev_train_rows = train_rows.clone();
        let training = if auto {
            let train_strata: Option<Vec<u32>> = strata
                .as_ref()
                .map(|s| train_rows.iter().map(|&i| s[i]).collect());
            let config = AutoConfig::for_cohort(train_rows.len(), self.spec.training.seed);
            Training::Auto(Box::new(AutoTrainer::new(
                config,
                subset(&train_rows)?,
                train_strata.as_deref(),
            )?))
        } else {
            Training::Study(Box::new(Trainer::new(
                self.spec.training.clone(),
                subset(&train_rows)?,
                subset(&validation_rows)?,
            )?))
        };
        // The trainer holds its own patients' inputs; the explanation encodes the cohort
        // chunk by chunk.
        drop(x_dev);
        let n = loaded.cohort.len();
        let (held_out, test_rows, train_rows) = if development.is_some() {
            check_encodes(&encoder, &loaded.cohort)?;
            (vec![true; n], (0..n).collect(), Vec::new())
        } else {
            // Only the test patients are held out: the validation patients chose the
            // stopping epoch, so every view judges the model on the same test patients.
            let mut held_out = vec![false; n];
            for &i in &test_rows {
                held_out[i] = true;
            }
            (held_out, test_rows, train_rows)
        };
        Ok((
            Prepared {
                encoder,
                loaded,
                held_out,
                test_rows,
                train_rows,
                development,
                n_validation: validation_rows.len(),
                baseline_rows: dev_train_rows,
                baseline_models: None,
            },
            training,
        ))
    }
}

/// Patients explained per job step: about a tenth of a second of LRP in the page's worker,
/// so a cancel or a new job waits no longer than that, and the per-input relevances held
/// at once stay `EXPLAIN_CHUNK x inputs` whatever the cohort's size.
pub const EXPLAIN_CHUNK: usize = 2_048;

/// The cohort's patients in consecutive ranges of [`EXPLAIN_CHUNK`].
fn chunks(n: usize) -> impl Iterator<Item = std::ops::Range<usize>> {
    (0..n)
        .step_by(EXPLAIN_CHUNK)
        .map(move |start| start..(start + EXPLAIN_CHUNK).min(n))
}

/// The network inputs of patients `range` of `cohort`, `range.len() x p`: the same rows,
/// bit for bit, as encoding the whole cohort at once (the encoder reads one patient at a
/// time, with the parameters fitted on the training patients).
///
/// # Errors
/// The encoder's, naming the cohort's own row.
fn encode_rows(
    encoder: &Encoder,
    cohort: &Cohort,
    range: std::ops::Range<usize>,
) -> Result<Vec<f32>, DataError> {
    let rows: Vec<usize> = range.collect();
    Ok(encoder.transform(cohort.rows(&rows)?)?.design.into_vec())
}

/// Whether every patient of `cohort` encodes, chunk by chunk, keeping nothing: the check a
/// stored model makes before it explains any patient.
///
/// # Errors
/// The first patient's that does not ([`encode_rows`]).
fn check_encodes(encoder: &Encoder, cohort: &Cohort) -> Result<(), DataError> {
    for range in chunks(cohort.len()) {
        encode_rows(encoder, cohort, range)?;
    }
    Ok(())
}

/// Chunks of [`EXPLAIN_CHUNK`] patients in one task of a pool member: what a member and the
/// job's copy of a task's inputs hold at once (8,192 patients: 20.5 MB of inputs for the
/// default model's 626), whatever the cohort's size. WebAssembly memory never shrinks, so a
/// task of half a 100,000-patient cohort would leave both workers hundreds of megabytes
/// larger for the rest of the session.
pub const POOL_TASK_CHUNKS: usize = 4;

/// Where the network being explained came from; a trained one's record is completed with
/// the C-index on its held-out test patients once they are explained.
enum PendingOrigin {
    /// A stored model: the default model or a file.
    Stored(ModelOrigin),
    /// Trained by this job, with the number of its test patients.
    Trained(Box<TrainingRecord>, usize),
}

impl PendingOrigin {
    fn resolve(self, test_cindex: f64) -> ModelOrigin {
        match self {
            Self::Stored(origin) => origin,
            Self::Trained(record, n_test) => {
                ModelOrigin::Trained(Box::new(record.with_held_out_test(n_test, test_cindex)))
            }
        }
    }
}

/// A cohort being explained a chunk of patients at a time: LRP relevances grouped into
/// markers as they come, so a 100,000-patient cohort never holds its per-input relevances.
struct Explaining {
    prepared: Prepared,
    network: survlens_model::CoxNet,
    stored: Option<FittedOutputs>,
    /// Where the network came from, once the held-out C-index is known.
    origin: PendingOrigin,
    lrp: Lrp,
    /// Encoded input -> session marker.
    input_to_marker: Vec<usize>,
    n_markers: usize,
    /// Patients explained so far, here or by the pool's members.
    done: usize,
    /// The patients this worker still has to explain, in contiguous ranges (all of them,
    /// unless shares went to the pool's members).
    own: std::collections::VecDeque<std::ops::Range<usize>>,
    /// The shares handed to the pool's members whose results have not come back.
    delegated: Vec<std::ops::Range<usize>>,
    /// Workers explaining (this one and the pool's members), for the progress line.
    workers: usize,
    /// Members that stopped before answering, for the progress line.
    stopped: usize,
    /// Log-risk per patient (filled as patients are explained).
    risk: Vec<f32>,
    /// Relevance per marker, `n x n_markers`, filled row by row.
    relevance: Vec<f32>,
    /// What the network's biases and the rule's stabiliser absorb, per patient.
    bias_relevance: Vec<f32>,
    /// Whether the stage of fitting the baselines has been announced (they take the last
    /// step, and minutes on a large cohort).
    baselines_announced: bool,
    /// A synthetic cohort's planted truth in the session's marker order, laid out once the
    /// relevances have their memory: the generator's dense contributions (`n x m`, as large
    /// as the relevances) are read then, and their memory kept for the session's values.
    truth: Option<PlantedTruth>,
    /// Emptied arrays the session's values take over ([`reuse`]).
    spare: Vec<Vec<f32>>,
}

impl Explaining {
    fn new(
        mut prepared: Prepared,
        network: survlens_model::CoxNet,
        stored: Option<FittedOutputs>,
        origin: PendingOrigin,
    ) -> Result<Self, PipelineError> {
        let lrp = Lrp::new(&network, &Composite::paper())?;
        let features = prepared.encoder.feature_map();
        let n = prepared.loaded.cohort.len();
        let n_markers = features.n_markers();
        let mut spare = std::mem::take(&mut prepared.loaded.spare);
        // The relevances take the generator's values' memory first; the truth is laid out
        // after, then the generator's contributions' memory is kept for the session's
        // values.
        let relevance = reuse(spare.pop(), n * n_markers, 0.0);
        let truth = match prepared.loaded.synthetic.take() {
            Some(mut s) => {
                let truth = planted_truth(&s, n_markers, &prepared.test_rows)?;
                spare.push(std::mem::take(&mut s.truth.contributions));
                Some(truth)
            }
            None => None,
        };
        Ok(Self {
            input_to_marker: features.input_to_marker(),
            n_markers,
            done: 0,
            own: std::iter::once(0..n).collect(),
            delegated: Vec::new(),
            workers: 1,
            stopped: 0,
            risk: vec![0.0; n],
            relevance,
            bias_relevance: vec![0.0; n],
            baselines_announced: false,
            prepared,
            network,
            stored,
            origin,
            lrp,
            truth,
            spare,
        })
    }

    fn n_patients(&self) -> usize {
        self.prepared.loaded.cohort.len()
    }

    /// What the worker reports while explaining.
    fn stage(&self, lang: Lang) -> Response {
        let n = self.n_patients();
        Response::Progress {
            stage: {
                let counts = [
                    ("done", Arg::Count(self.done as u64)),
                    ("patients", Arg::Count(n as u64)),
                    ("workers", Arg::Count(self.workers as u64)),
                ];
                let mut stage = if self.workers > 1 {
                    lang.t_with("stage-explaining-pool", &counts)
                } else {
                    lang.t_with("stage-explaining", &counts[..2])
                };
                if self.stopped > 0 {
                    stage.push(' ');
                    stage.push_str(&lang.t("stage-pool-member-stopped"));
                }
                stage
            },
            fraction: self.done as f64 / n.max(1) as f64,
        }
    }

    /// Whether [`Self::finish`] fits the baselines (rather than scoring stored ones).
    fn fits_baselines(&self) -> bool {
        self.prepared.baseline_models.is_none() && !self.prepared.baseline_rows.is_empty()
    }

    /// Explains the next [`EXPLAIN_CHUNK`] patients; `false` once every patient is done.
    fn explain_chunk(&mut self) -> Result<bool, PipelineError> {
        let Some(range) = self.own.pop_front() else {
            return Ok(false);
        };
        let m = self.n_markers;
        let start = range.start;
        let rows = EXPLAIN_CHUNK.min(range.len());
        let end = start + rows;
        let x = match self.encode(start..end) {
            Ok(x) => x,
            Err(e) => {
                self.own.push_front(range);
                return Err(e);
            }
        };
        if end < range.end {
            self.own.push_front(end..range.end);
        }
        crate::job::pool::explain_into(
            &self.lrp,
            &x,
            &self.input_to_marker,
            m,
            &mut self.risk[start..end],
            &mut self.relevance[start * m..end * m],
            &mut self.bias_relevance[start..end],
        )?;
        self.done += rows;
        Ok(true)
    }

    /// The inputs of patients `range`, encoded now ([`encode_rows`]).
    fn encode(&self, range: std::ops::Range<usize>) -> Result<Vec<f32>, PipelineError> {
        Ok(encode_rows(
            &self.prepared.encoder,
            &self.prepared.loaded.cohort,
            range,
        )?)
    }

    /// Deals one task to each of `members` idle members ([`Job::share_with_pool`]). Patients
    /// whose inputs do not encode stay with this worker, whose next chunk reports why.
    fn share(&mut self, members: usize) -> Vec<Task> {
        let mut tasks = Vec::new();
        while tasks.len() < members {
            let Some(range) = self.deal() else {
                break;
            };
            let Ok(x) = self.encode(range.clone()) else {
                self.own.push_back(range);
                break;
            };
            self.delegated.push(range.clone());
            tasks.push(Task::ExplainRows(ExplainRows {
                start: range.start,
                rows: range.len(),
                network: self.network.clone(),
                input_to_marker: self.input_to_marker.clone(),
                n_markers: self.n_markers,
                x,
            }));
        }
        self.workers = self.workers.max(self.delegated.len() + 1);
        tasks
    }

    /// The next patients for a member: at most [`POOL_TASK_CHUNKS`] whole chunks from the
    /// end of what this worker has left, which keeps at least its next chunk. Every range
    /// left begins on the chunk grid (a multiple of [`EXPLAIN_CHUNK`] from the cohort's
    /// first patient), so every patient is explained in the same chunk as by one worker
    /// alone, and bit for bit alike.
    fn deal(&mut self) -> Option<std::ops::Range<usize>> {
        let last = self.own.pop_back()?;
        let chunks = last.len().div_ceil(EXPLAIN_CHUNK);
        let spare = if self.own.is_empty() {
            chunks.saturating_sub(1)
        } else {
            chunks
        };
        let take = POOL_TASK_CHUNKS.min(spare);
        if take == 0 {
            self.own.push_back(last);
            return None;
        }
        let split = last.start + (chunks - take) * EXPLAIN_CHUNK;
        if split > last.start {
            self.own.push_back(last.start..split);
        }
        Some(split..last.end)
    }

    /// Takes in a member's explained patients.
    fn accept(&mut self, result: Explained) -> Result<(), PoolError> {
        let range = result.start..result.start + result.rows;
        let Some(k) = self.delegated.iter().position(|r| *r == range) else {
            return Err(PoolError::Header {
                serde: format!(
                    "no share of patients {}..{} is awaited",
                    range.start, range.end
                ),
            });
        };
        let m = self.n_markers;
        if result.relevance.len() != result.rows * m {
            return Err(PoolError::Buffer {
                buffer: 1,
                expected: result.rows * m,
                found: result.relevance.len(),
            });
        }
        self.delegated.swap_remove(k);
        self.risk[range.clone()].copy_from_slice(&result.risk);
        self.bias_relevance[range.clone()].copy_from_slice(&result.bias_relevance);
        self.relevance[range.start * m..range.end * m].copy_from_slice(&result.relevance);
        self.done += result.rows;
        Ok(())
    }

    /// Takes back a share a member will not explain (it stopped): this worker explains it.
    fn reclaim(&mut self, start: usize) {
        if let Some(k) = self.delegated.iter().position(|r| r.start == start) {
            let range = self.delegated.swap_remove(k);
            self.own.push_back(range);
            self.workers = self.workers.saturating_sub(1).max(1);
            self.stopped += 1;
        }
    }

    /// The first look at the patients explained so far, a prefix of a cohort of `of`
    /// patients: predictions and explanations with the stored model's own baseline and
    /// cut-offs, nothing that needs the cohort (no outcomes, no held-out C-index, no
    /// baselines, no planted truth).
    fn first_look(self, of: usize) -> Result<Session, PipelineError> {
        let Self {
            prepared,
            network,
            stored,
            origin,
            n_markers,
            done,
            risk,
            relevance,
            bias_relevance,
            ..
        } = self;
        let Some(FittedOutputs {
            baseline,
            risk_cutoffs: Some(risk_cutoffs),
            auto,
        }) = stored
        else {
            return Err(PipelineError::ModelFile {
                file: String::new(),
                problem: Box::new(ModelFileProblem::NoneChosen),
            });
        };
        let loaded = prepared.loaded;
        let markers = session_markers(&loaded, prepared.encoder.feature_map());
        let values = raw_values(&loaded, n_markers, None);
        Ok(Session {
            title: loaded.title,
            markers,
            patient_ids: loaded.cohort.ids().take(done).map(str::to_owned).collect(),
            entities: loaded.entities,
            entity_ids: loaded.entity_ids,
            entity_of: loaded.entity_of[..done].to_vec(),
            time: vec![f64::NAN; done],
            event: vec![false; done],
            has_outcomes: false,
            values: values[..done * n_markers].to_vec(),
            risk: risk[..done].to_vec(),
            relevance: relevance[..done * n_markers].to_vec(),
            bias_relevance: bias_relevance[..done].to_vec(),
            risk_cutoffs,
            history: Vec::new(),
            test_cindex: f64::NAN,
            // Whether the model trained on this patient is known once the cohort is drawn
            // (the default model's split is stratified over the whole cohort): until then,
            // nothing is said about its training patients.
            held_out: vec![true; done],
            rule: crate::core::session::STUDY_RULE.to_owned(),
            model: SessionModel {
                network,
                encoder: prepared.encoder,
                baseline,
                auto,
            },
            truth: None,
            origin: origin.resolve(f64::NAN),
            baselines: Vec::new(),
            linear_cox: None,
            first_look_of: Some(of),
            kind: loaded.kind,
        })
    }

    /// The explained cohort, once [`Self::explain_chunk`] has returned `false`.
    fn finish(self, history: &[EpochLine]) -> Result<Session, PipelineError> {
        let Self {
            prepared,
            network,
            stored,
            origin,
            n_markers,
            risk,
            relevance,
            bias_relevance,
            truth,
            mut spare,
            ..
        } = self;
        let network = &network;
        let (baselines, linear_cox) = fit_baselines(&prepared);
        let Prepared {
            loaded,
            encoder,
            held_out,
            test_rows,
            train_rows,
            development,
            ..
        } = prepared;
        let features = encoder.feature_map();

        let markers = session_markers(&loaded, features);
        let values = raw_values(&loaded, n_markers, spare.pop());
        drop(spare);
        let has_outcomes = loaded.cohort.has_outcome();
        // Without outcomes: no event for any patient; the flag keeps every view from
        // reading these as censored follow-up.
        let event = if has_outcomes {
            loaded.cohort.event().to_vec()
        } else {
            vec![false; loaded.cohort.len()]
        };

        let patient_ids: Vec<String> = loaded.cohort.ids().map(str::to_owned).collect();
        let Loaded {
            title,
            cohort,
            entities,
            entity_ids,
            entity_of,
            time,
            kind,
            ..
        } = loaded;
        // The table is read: free it before anything else is laid out (a worker's memory
        // keeps its high-water mark).
        drop(cohort);

        let pick = |rows: &[usize]| -> (Vec<f64>, Vec<bool>, Vec<f64>) {
            (
                rows.iter().map(|&i| time[i]).collect(),
                rows.iter().map(|&i| event[i]).collect(),
                rows.iter().map(|&i| f64::from(risk[i])).collect(),
            )
        };
        let test_cindex = if has_outcomes {
            let (test_time, test_event, test_risk) = pick(&test_rows);
            harrell_c(&test_time, &test_event, &test_risk)?.index
        } else {
            f64::NAN
        };
        let auto = stored.as_ref().and_then(|s| s.auto.clone());
        // Risk groups are thirds of the scores of the patients the model was developed on:
        // the development cohort, or every patient of this one outside the held-out test.
        let developed_here = development.is_none();
        let (train_time, train_event, train_log_risk) = match development {
            None => pick(&train_rows),
            Some(d) => {
                let risk = network.predict(&d.x, d.time.len());
                (d.time, d.event, risk.into_iter().map(f64::from).collect())
            }
        };
        let tertiles = || {
            let train_risk: Vec<f32> = if developed_here {
                (0..risk.len())
                    .filter(|&i| !held_out[i])
                    .map(|i| risk[i])
                    .collect()
            } else {
                train_log_risk.iter().map(|&r| r as f32).collect()
            };
            tertiles(&train_risk)
        };
        let (baseline, risk_cutoffs) = match stored {
            // A stored model brings the baseline and cut-offs of its own training patients;
            // the `auto` recipe a baseline recalibrated on its out-of-fold log-risks.
            Some(FittedOutputs {
                baseline,
                risk_cutoffs: Some(cutoffs),
                ..
            }) => (baseline, cutoffs),
            Some(FittedOutputs { baseline, .. }) => (baseline, tertiles()?),
            None => (
                BreslowBaseline::fit(&train_time, &train_event, &train_log_risk)?,
                tertiles()?,
            ),
        };
        let session = Session {
            title,
            markers,
            patient_ids,
            entities,
            entity_ids,
            entity_of,
            time,
            event,
            has_outcomes,
            values,
            risk,
            relevance,
            bias_relevance,
            risk_cutoffs,
            history: history.to_vec(),
            test_cindex,
            held_out,
            rule: crate::core::session::STUDY_RULE.to_owned(),
            model: SessionModel {
                network: network.clone(),
                encoder,
                baseline,
                auto,
            },
            truth,
            origin: origin.resolve(test_cindex),
            baselines,
            linear_cox,
            first_look_of: None,
            kind,
        };
        Ok(session)
    }
}

/// The baselines beside the network, scoring every patient on screen: those a stored model
/// brings, else those fitted on the patients the network was fitted on. Empty without
/// either (a model file without them, or an ONNX network, on a new cohort) or when they
/// cannot be fitted or do not fit this cohort; the model view then says they are
/// unavailable.
fn fit_baselines(prepared: &Prepared) -> (Vec<BaselineRisk>, Option<LinearCox>) {
    let loaded = &prepared.loaded;
    let fitted = match &prepared.baseline_models {
        Some(stored) => stored.clone(),
        None if prepared.baseline_rows.is_empty() => return (Vec::new(), None),
        None => {
            let dev = loaded.development.as_deref().unwrap_or(loaded);
            let fit = dev
                .cohort
                .rows(&prepared.baseline_rows)
                .map_err(BundleError::from)
                .and_then(fit_baseline_models);
            match fit {
                Ok(fitted) => fitted,
                Err(_) => return (Vec::new(), None),
            }
        }
    };
    // In chunks of patients: each chunk's design matrix (and spline basis) is made and
    // dropped in turn, so a large cohort never holds a second encoded copy of itself.
    let n = loaded.cohort.len();
    let mut risks: Vec<Vec<f32>> = vec![Vec::with_capacity(n); fitted.models.len()];
    for start in (0..n).step_by(EXPLAIN_CHUNK) {
        let rows: Vec<usize> = (start..(start + EXPLAIN_CHUNK).min(n)).collect();
        let Ok(chunk) = loaded
            .cohort
            .rows(&rows)
            .map_err(BundleError::from)
            .and_then(|view| fitted.log_risks(view))
        else {
            return (Vec::new(), None);
        };
        for (all, part) in risks.iter_mut().zip(chunk) {
            all.extend(part.into_iter().map(|r| r as f32));
        }
    }
    let linear = fitted
        .models
        .iter()
        .find(|model| model.kind == BaselineKind::Linear)
        .map(|model| LinearCox {
            encoder: fitted.encoder.clone(),
            model: model.clone(),
        });
    let risks = fitted
        .models
        .iter()
        .zip(risks)
        .map(|(model, risk)| BaselineRisk {
            kind: model.kind,
            penalizer: model.penalizer,
            risk,
        })
        .collect();
    (risks, linear)
}

/// Reduces the cohort to a stored model's markers, in the model's order, so that the
/// session's markers (the model's, then the entity) line up with the cohort's columns: a
/// cohort file may hold more columns than the model reads, in another order. Every name
/// must be a marker of the cohort (checked before). The planted truth of a synthetic
/// cohort is aligned with all of its markers, so a model that reads only some of them
/// is shown without it.
fn restrict_to_markers(loaded: &mut Loaded, names: &[&str]) -> Result<(), PipelineError> {
    let cohort = &loaded.cohort;
    if cohort
        .markers()
        .iter()
        .map(Marker::name)
        .eq(names.iter().copied())
    {
        return Ok(());
    }
    let ids = cohort.ids().map(str::to_owned).collect();
    let mut kept = if cohort.has_outcome() {
        Cohort::new(ids, cohort.time().to_vec(), cohort.event().to_vec())?
    } else {
        Cohort::without_outcome(ids)?
    };
    if let (Some(entity), Some(name)) = (cohort.entity(), &cohort.columns().entity) {
        kept = kept.with_entity(name.clone(), entity.clone())?;
    }
    let mut markers = Vec::with_capacity(names.len());
    for &name in names {
        if let Some(marker) = cohort.marker(name) {
            kept = kept.with_marker(marker.clone())?;
        }
        markers.push(
            loaded
                .markers
                .iter()
                .find(|info| info.id == name)
                .cloned()
                .unwrap_or_else(|| csv_marker_info_named(name)),
        );
    }
    loaded.cohort = kept.with_column_names(cohort.columns().clone());
    loaded.markers = markers;
    loaded.synthetic = None;
    Ok(())
}

/// Display information of a column known by its name only.
fn csv_marker_info_named(name: &str) -> MarkerInfo {
    MarkerInfo {
        id: name.to_owned(),
        name: name.to_owned(),
        name_de: None,
        unit: String::new(),
        modality: "Cohort data".to_owned(),
        reference_range: None,
        levels: Vec::new(),
    }
}

/// An ONNX network on `loaded`: its marker columns are the inputs, unscaled
/// ([`crate::sources::model_file::onnx_inputs`]); every patient is held out, and the baseline hazard
/// and the risk-group tertiles are fitted on the cohort itself. The cut-offs come from the
/// network's forward pass, the session's risks from LRP's: the two differ by summation
/// order only (about 1e-7 relative).
fn prepare_onnx(
    mut loaded: Loaded,
    file_name: &str,
    bytes: &[u8],
) -> Result<(Prepared, StoredModel), PipelineError> {
    let refuse = |problem: ModelFileProblem| PipelineError::ModelFile {
        file: file_name.to_owned(),
        problem: Box::new(problem),
    };
    if loaded.development.is_some() {
        return Err(refuse(ModelFileProblem::ExternalValidation));
    }
    if !loaded.cohort.has_outcome() {
        return Err(refuse(ModelFileProblem::NoBaseline));
    }
    let onnx = import_onnx(bytes).map_err(|e| refuse(e.into()))?;
    let n_inputs = onnx.net.n_inputs();
    let (encoder, x) = onnx_inputs(&loaded.cohort, n_inputs).map_err(|e| refuse(e.into()))?;
    let n = loaded.cohort.len();
    let risk = onnx.net.predict(&x, n);
    drop(x);
    let log_risk: Vec<f64> = risk.iter().map(|&r| f64::from(r)).collect();
    let baseline = BreslowBaseline::fit(&loaded.time, loaded.cohort.event(), &log_risk)?;
    let risk_cutoffs = tertiles(&risk)?;
    loaded.title = loaded.title.explained_by(file_name);
    Ok((
        Prepared {
            loaded,
            encoder,
            held_out: vec![true; n],
            test_rows: (0..n).collect(),
            train_rows: Vec::new(),
            development: None,
            n_validation: 0,
            baseline_rows: Vec::new(),
            baseline_models: None,
        },
        StoredModel {
            auto: None,
            network: onnx.net,
            baseline,
            risk_cutoffs,
            origin: ModelOrigin::Onnx {
                file_name: file_name.to_owned(),
                producer: onnx.producer,
                n_inputs,
            },
        },
    ))
}

/// Whether a job's cohort must have outcomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    /// Training and external validation: time and event columns are required.
    Required,
    /// A stored model: a file without time and event columns is read as new patients.
    Optional,
}

/// Reads or generates the cohort of `source`.
/// Patients of a synthetic cohort drawn per job step: each step stays short enough for the
/// worker to answer the page between two (a what-if edit on the first look).
pub const DRAW_CHUNK: usize = 2_048;

/// What the worker reports while it draws a synthetic cohort.
fn drawing_progress(drawing: &survlens_synth::CohortDrawing, lang: Lang) -> Response {
    let (drawn, n) = (drawing.drawn(), drawing.patients());
    Response::Progress {
        stage: lang.t_with(
            "stage-drawing",
            &[
                ("drawn", Arg::Count(drawn as u64)),
                ("patients", Arg::Count(n as u64)),
            ],
        ),
        fraction: drawn as f64 / n.max(1) as f64,
    }
}

/// A synthetic cohort ready to encode, titled as the cohort of `patients` it is (a first
/// look holds only the first of them).
fn loaded_synthetic(
    mut synthetic: SyntheticCohort,
    patients: usize,
) -> Result<Loaded, PipelineError> {
    let cohort = synthetic.to_cohort()?;
    // The cohort holds the values now: the generator's array (140 MB at 100,000 patients)
    // becomes the session's relevances ([`Explaining::new`]) rather than a second copy in
    // the worker's memory, which never shrinks.
    let spare = vec![std::mem::take(&mut synthetic.values)];
    let markers = synthetic
        .markers
        .iter()
        .map(synthetic_marker_info)
        .collect();
    Ok(Loaded {
        title: CohortTitle::Synthetic {
            preset: synthetic.config.preset.name().replace('_', "-"),
            patients,
            seed: synthetic.config.seed,
        },
        cohort,
        markers,
        entities: synthetic
            .entities
            .iter()
            .map(|e| e.name.to_owned())
            .collect(),
        entity_ids: synthetic.entities.iter().map(|e| e.id.to_owned()).collect(),
        entity_of: synthetic.entity.iter().map(|&e| u32::from(e)).collect(),
        time: synthetic.time_days.clone(),
        synthetic: Some(synthetic),
        spare,
        development: None,
        kind: CohortKind::synthetic_cancer(),
    })
}

fn load(source: &CohortSource, outcome: Outcome) -> Result<Loaded, PipelineError> {
    match source {
        CohortSource::Synthetic(config) => {
            loaded_synthetic(survlens_synth::generate(config)?, config.n_patients)
        }
        CohortSource::Csv {
            file_name,
            bytes,
            roles,
            days_per_time_unit,
            missing_codes,
            labels,
        } => {
            if !(days_per_time_unit.is_finite() && *days_per_time_unit > 0.0) {
                return Err(survlens_model::ModelError::setting(
                    "reading the cohort",
                    "the days per time unit",
                    "a positive number",
                    *days_per_time_unit,
                )
                .into());
            }
            let optional = outcome == Outcome::Optional;
            let options = ImportOptions {
                // A stored model needs neither outcomes nor events to explain a file.
                require_events: !optional,
                require_outcome: !optional,
                missing_codes: missing_codes.clone(),
                ..ImportOptions::default()
            };
            let imported = import_csv(bytes, file_name, roles, &options)?;
            let cohort = imported.cohort;
            let dictionary = Dictionary::for_preset(Preset::PanCancer)?;
            let markers = cohort
                .markers()
                .iter()
                .map(|m| {
                    let mut info = csv_marker_info(m, dictionary.lookup_column(m.name()));
                    // The mapping step's label and unit, where the user gave one.
                    if let Some(l) = labels.iter().find(|l| l.marker == m.name()) {
                        if !l.label.trim().is_empty() {
                            l.label.trim().clone_into(&mut info.name);
                        }
                        l.unit.trim().clone_into(&mut info.unit);
                    }
                    info
                })
                .collect();
            let (entities, entity_of) = match cohort.entity() {
                Some(e) => (
                    e.levels().to_vec(),
                    e.codes()
                        .iter()
                        .map(|&c| if c == Categorical::MISSING { 0 } else { c })
                        .collect(),
                ),
                None => (vec!["All patients".to_owned()], vec![0; cohort.len()]),
            };
            let time = if cohort.has_outcome() {
                cohort
                    .time()
                    .iter()
                    .map(|t| t * days_per_time_unit)
                    .collect()
            } else {
                vec![f64::NAN; cohort.len()]
            };
            let title = CohortTitle::Named {
                name: file_name.clone(),
                name_de: None,
                patients: cohort.len(),
                outcomes: cohort.has_outcome(),
            };
            let kind = CohortKind::of_file(cohort.entity().is_some());
            Ok(Loaded {
                kind,
                title,
                entity_ids: entities.clone(),
                entities,
                entity_of,
                time,
                markers,
                cohort,
                synthetic: None,
                spare: Vec::new(),
                development: None,
            })
        }
        // The job reads an export for a stored model before it gets here (`Job::step`),
        // with the model's markers; what comes here wants outcomes the export lacks.
        CohortSource::Fhir { files, index_date } => match outcome {
            Outcome::Required => Err(FhirImportError::NeedsStoredModel.into()),
            Outcome::Optional => Ok(load_fhir(files, index_date.as_deref(), None)?.0),
        },
        CohortSource::Bundled(bundled) => {
            let mut loaded = load(&bundled.resolve(), outcome)?;
            loaded.title = CohortTitle::Named {
                name: bundled.label(),
                name_de: Some(bundled.label_in(Lang::De)),
                patients: loaded.cohort.len(),
                outcomes: true,
            };
            loaded.kind = bundled.kind(loaded.cohort.entity().is_some());
            bundled.describe_markers(&mut loaded.markers);
            Ok(loaded)
        }
        CohortSource::External {
            development,
            validation,
        } => {
            let development = load(development, Outcome::Required)?;
            let mut loaded = load(validation, Outcome::Required)?;
            loaded.title = CohortTitle::Validation {
                cohort: Box::new(loaded.title),
                development: Box::new(development.title.clone()),
            };
            loaded.development = Some(Box::new(development));
            Ok(loaded)
        }
    }
}

/// Reads a FHIR export into new patients without outcomes (`markers`: the columns, in
/// order; `None`: every dictionary marker FHIR can fill), with the page's view of the
/// mapping report. Markers are named by the pan-cancer dictionary, entities by their names.
fn load_fhir(
    files: &[FhirFile],
    index_date_text: Option<&str>,
    markers: Option<Vec<String>>,
) -> Result<(Loaded, FhirReportView), PipelineError> {
    let day = match index_date_text {
        Some(text) => index_date(text).map_err(FhirImportError::from)?,
        None => None,
    };
    let inputs: Vec<survlens_fhir::Input<'_>> = files
        .iter()
        .map(|f| survlens_fhir::Input {
            name: &f.name,
            bytes: &f.bytes,
        })
        .collect();
    let options = survlens_fhir::ReadOptions {
        index_date: day,
        markers,
    };
    let imported = survlens_fhir::read(&inputs, &options).map_err(FhirImportError::from)?;
    let dictionary = Dictionary::for_preset(Preset::PanCancer)?;
    let report = FhirReportView::of(&imported.report, &dictionary);
    let cohort = imported.cohort;
    let markers = cohort
        .markers()
        .iter()
        .map(|m| csv_marker_info(m, dictionary.lookup_column(m.name())))
        .collect();
    let names = survlens_synth::entities(Preset::PanCancer);
    let (entities, entity_ids, entity_of) = match cohort.entity() {
        Some(e) => (
            e.levels()
                .iter()
                .map(|id| {
                    names
                        .iter()
                        .find(|n| n.id == id)
                        .map_or_else(|| id.clone(), |n| n.name.to_owned())
                })
                .collect(),
            e.levels().to_vec(),
            e.codes()
                .iter()
                .map(|&c| if c == Categorical::MISSING { 0 } else { c })
                .collect(),
        ),
        None => (
            vec!["All patients".to_owned()],
            vec!["All patients".to_owned()],
            vec![0; cohort.len()],
        ),
    };
    let title = match files {
        [one] => CohortTitle::Named {
            name: one.name.clone(),
            name_de: None,
            patients: cohort.len(),
            outcomes: false,
        },
        files => CohortTitle::FhirFiles {
            files: files.len(),
            patients: cohort.len(),
        },
    };
    let loaded = Loaded {
        kind: CohortKind::of_file(cohort.entity().is_some()),
        title,
        entities,
        entity_ids,
        entity_of,
        time: vec![f64::NAN; cohort.len()],
        markers,
        cohort,
        synthetic: None,
        spare: Vec::new(),
        development: None,
    };
    Ok((loaded, report))
}

/// `len` copies of `fill` in `buffer`'s memory when it holds as many (else in new memory):
/// a worker's WebAssembly memory never shrinks, so an array laid out where an emptied one
/// was costs it nothing, while one asked for anew beside freed memory it cannot fit into
/// grows it (the allocator's free blocks are not moved together).
fn reuse(buffer: Option<Vec<f32>>, len: usize, fill: f32) -> Vec<f32> {
    let mut values = buffer.unwrap_or_default();
    values.clear();
    if values.capacity() < len {
        values = Vec::with_capacity(len);
    }
    values.resize(len, fill);
    values
}

/// Raw values as the views show them (`n x m`): the cohort's columns (categorical as level
/// index, NaN where missing), then the entity's level index when the encoder made it an
/// input; laid out in `buffer`'s memory when it holds them ([`reuse`]).
fn raw_values(loaded: &Loaded, n_markers: usize, buffer: Option<Vec<f32>>) -> Vec<f32> {
    let n = loaded.cohort.len();
    let m = loaded.cohort.markers().len();
    let mut values = reuse(buffer, n * n_markers, f32::NAN);
    for (j, marker) in loaded.cohort.markers().iter().enumerate() {
        match marker.values() {
            MarkerValues::Numeric(v) | MarkerValues::Binary(v) => {
                for (i, &x) in v.iter().enumerate() {
                    values[i * n_markers + j] = x;
                }
            }
            MarkerValues::Categorical(c) => {
                for (i, &code) in c.codes().iter().enumerate() {
                    if code != Categorical::MISSING {
                        values[i * n_markers + j] = code as f32;
                    }
                }
            }
        }
    }
    for i in 0..n {
        for j in m..n_markers {
            values[i * n_markers + j] = loaded.entity_of[i] as f32;
        }
    }
    values
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
    let contributions = SparseColumns::from_rows(n, n_markers, |i, row| {
        let synth = m_synth.min(n_markers);
        row[..synth].copy_from_slice(&s.truth.contributions[i * m_synth..i * m_synth + synth]);
        row[synth..].fill((f64::from(s.truth.entity_log_hazard[i]) - mean_entity) as f32);
    });
    let importance = (0..n_markers)
        .map(|j| (0..n).map(|i| contributions.get(i, j).abs()).sum::<f32>() / n.max(1) as f32)
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
                oracle_noncentrality: t.oracle_noncentrality,
                cohort_patients: n,
            })
            .collect(),
        oracle_risk: s.truth.log_hazard.iter().map(|&v| v as f32).collect(),
        oracle_test_cindex: harrell_c(&test_time, &test_event, &test_oracle)?.index,
        interaction_contributions: s.truth.interaction_contributions.clone(),
        marker_noncentrality: (0..n_markers)
            .map(|j| match s.truth.markers.get(j) {
                Some(m) => m.oracle_noncentrality.unwrap_or(0.0),
                None => f64::MAX,
            })
            .collect(),
        cohort_patients: n,
        preset: s.config.preset.name().to_owned(),
    })
}

/// The risk scores' tertiles, the cut-offs of the three risk groups
/// ([`RiskGroups::equal_sized`]); NaN when there are no scores (no training patient in this
/// cohort).
///
/// # Errors
/// [`survlens_model::ModelError`] for a score that is not a number.
fn tertiles(risk: &[f32]) -> Result<[f32; 2], survlens_model::ModelError> {
    if risk.is_empty() {
        return Ok([f32::NAN; 2]);
    }
    let risk: Vec<f64> = risk.iter().map(|&r| f64::from(r)).collect();
    let groups = RiskGroups::equal_sized(&risk, 3)?;
    Ok(match groups.cut_offs() {
        &[a, b] => [a as f32, b as f32],
        _ => [f32::NAN; 2],
    })
}

/// Display information of every marker of the feature map: the cohort's markers, then the
/// entity when encoded.
fn session_markers(loaded: &Loaded, features: &FeatureMap) -> Vec<MarkerInfo> {
    features
        .marker_names()
        .iter()
        .enumerate()
        .map(|(j, id)| match loaded.markers.get(j) {
            Some(info) => info.clone(),
            None => MarkerInfo {
                id: id.clone(),
                name: "Cancer entity".to_owned(),
                name_de: Some("Tumorentität".to_owned()),
                unit: String::new(),
                modality: "Clinical records".to_owned(),
                reference_range: None,
                levels: loaded.entities.clone(),
            },
        })
        .collect()
}

fn synthetic_marker_info(spec: &MarkerSpec) -> MarkerInfo {
    MarkerInfo {
        id: spec.id.to_owned(),
        name: spec.name.to_owned(),
        name_de: Some(spec.name_de.to_owned()),
        unit: crate::core::units::display_unit(spec.unit),
        modality: spec.modality.name().to_owned(),
        reference_range: spec.reference_range,
        levels: match spec.kind {
            MarkerKind::Categorical { levels, .. } => {
                levels.iter().map(|&l| l.to_owned()).collect()
            }
            MarkerKind::Binary => vec!["no".to_owned(), "yes".to_owned()],
            MarkerKind::Numeric => Vec::new(),
        },
    }
}

/// A CSV column's display information: the dictionary's when the column matches a marker id
/// or code, otherwise its own name.
fn csv_marker_info(marker: &Marker, known: Option<&MarkerSpec>) -> MarkerInfo {
    let levels = match marker.values() {
        MarkerValues::Categorical(c) => c.levels().to_vec(),
        MarkerValues::Binary(_) => vec!["no".to_owned(), "yes".to_owned()],
        MarkerValues::Numeric(_) => Vec::new(),
    };
    match known {
        Some(spec) => MarkerInfo {
            id: marker.name().to_owned(),
            levels,
            ..synthetic_marker_info(spec)
        },
        None => MarkerInfo {
            id: marker.name().to_owned(),
            name: marker.name().to_owned(),
            name_de: None,
            unit: String::new(),
            modality: "Cohort data".to_owned(),
            reference_range: None,
            levels,
        },
    }
}

/// The default model the page embeds, read as a stored model is.
fn read_default_model() -> Result<crate::sources::default_model::DefaultModel, PipelineError> {
    crate::sources::default_model::DefaultModel::from_slice(DEFAULT_MODEL_JSON).map_err(|e| {
        PipelineError::ModelFile {
            file: "default model".into(),
            problem: Box::new(e.into()),
        }
    })
}

/// A user's model file `file_name`, or what is wrong with it.
fn read_model_file(file_name: &str, bytes: &[u8]) -> Result<ModelBundle, PipelineError> {
    ModelBundle::from_slice(bytes).map_err(|e| PipelineError::ModelFile {
        file: file_name.to_owned(),
        problem: Box::new(e.into()),
    })
}
