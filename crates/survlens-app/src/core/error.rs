//! The error of a computation over a cohort: what the generator, the data crate, the model
//! crate or the explainers refused. Views, analyses and the job engine share it; the job
//! engine's own failures (a refused file, a finished job) are the job layer's
//! `PipelineError`. [`Failure`] is any error as it crosses from the worker to the page.

use std::fmt;

use serde::{Deserialize, Serialize};
use survlens_data::{Describe, Message, MessageArg};

use crate::core::i18n::{Lang, Sentences};

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

impl Describe for ComputeError {
    fn message(&self) -> Message {
        let (key, reason) = match self {
            Self::Synth(e) => ("error-compute-synth", MessageArg::nested(e)),
            Self::Data(e) => ("error-compute-data", MessageArg::nested(e)),
            Self::Model(e) => ("error-compute-model", MessageArg::nested(e)),
            Self::Xai(e) => ("error-compute-xai", MessageArg::nested(e)),
            Self::Stopped => return Message::plain("error-compute-stopped"),
        };
        Message::new(key, vec![("reason", reason)])
    }
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
/// worker met (its `code()`) and its sentence in each language the page speaks, so the
/// page shows it in its language, also after a switch. `Display` is the English sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    /// The error's stable code (`"insufficient_data"`, `"session_length"`, ...).
    pub code: String,
    message: Sentences,
}

impl Failure {
    /// The failure of an error with `code`, its sentence from the catalogues.
    pub fn new(code: &str, error: &impl Describe) -> Self {
        let message = error.message();
        Self::with(code, |lang| lang.message(&message))
    }

    /// The failure with `code` whose sentence `write` gives in each language.
    pub fn with(code: &str, write: impl FnMut(Lang) -> String) -> Self {
        Self {
            code: code.to_owned(),
            message: Sentences::new(write),
        }
    }

    /// Its sentence in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        self.message.get(lang)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message(Lang::En))
    }
}

impl std::error::Error for Failure {}
