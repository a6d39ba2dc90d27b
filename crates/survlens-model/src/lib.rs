//! Survival modelling for survlens: the study's deep Cox network and its training, linear
//! Cox regression, and the survival statistics and metrics used to judge them.
//!
//! Plain Rust over plain buffers: builds for the host and for `wasm32-unknown-unknown`,
//! and knows nothing of browsers. Matrices are row-major `f32` slices (patients x
//! features); survival times and statistics are `f64`.

pub mod linalg;
pub mod network;

pub use network::{Architecture, CoxNet, Dense};

/// Everything that can go wrong when building, training or applying a model.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
#[non_exhaustive]
pub enum ModelError {
    /// Shapes that do not fit together (layer widths, matrix sizes).
    #[error("shape mismatch: {0}")]
    Shape(String),
    /// A parameter or input that is NaN or infinite.
    #[error("not a finite number: {0}")]
    NonFinite(String),
    /// A setting outside its valid range.
    #[error("invalid setting: {0}")]
    InvalidSetting(String),
    /// Data that cannot support the requested fit (no events, too few patients).
    #[error("insufficient data: {0}")]
    InsufficientData(String),
}
