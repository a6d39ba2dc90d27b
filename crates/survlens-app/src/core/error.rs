//! The error of a computation over a cohort: what the generator, the data crate, the model
//! crate or the explainers refused. Views, analyses and the job engine share it; the job
//! engine's own failures (a refused file, a finished job) are the job layer's
//! `PipelineError`. [`Failure`] is any error as it crosses from the worker to the page.

use serde::{Deserialize, Serialize};

/// A computation over a cohort failed.
#[derive(Debug, thiserror::Error)]
pub enum ComputeError {
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
    /// Training stopped because its progress callback asked it to.
    #[error("training was stopped before it finished")]
    Stopped,
}

impl ComputeError {
    /// A stable machine-readable name of the problem kind: the library error's own code.
    /// It never changes with the wording.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Synth(e) => e.code(),
            Self::Data(e) => e.code(),
            Self::Model(e) => e.code(),
            Self::Xai(e) => e.code(),
            Self::Stopped => "stopped",
        }
    }
}

/// An error as it crosses from the worker to the page: the stable code of the error the
/// worker met (its `code()`) and its sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct Failure {
    /// The error's stable code (`"insufficient_data"`, `"session_length"`, ...).
    pub code: String,
    /// Its sentence.
    pub message: String,
}

impl Failure {
    /// The failure of an error with `code` and a `Display` sentence.
    pub fn new(code: &str, error: &impl std::fmt::Display) -> Self {
        Self {
            code: code.to_owned(),
            message: error.to_string(),
        }
    }
}
