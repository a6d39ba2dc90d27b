//! The error of a computation over a cohort: what the generator, the data crate, the model
//! crate or the explainers refused. Views, analyses and the job engine share it; the job
//! engine's own failures (a refused file, a finished job) are the job layer's
//! `PipelineError`.

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
