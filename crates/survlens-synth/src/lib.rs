//! Synthetic survival cohorts with planted prognostic truth.
//!
//! survlens ships realistic, multimodal cancer cohorts whose true prognostic structure is
//! known: the default data of the page, the training set of its default model, and the
//! ground truth against which explanations are scored. [`generate`] draws a
//! [`SyntheticCohort`] (the marker table, survival times, events) together with its
//! [`Truth`] (each marker's and interaction's true log-hazard contribution per patient);
//! [`to_csv`] writes the table.
//!
//! Two presets: [`Preset::Teaching`] (5 entities, 16 markers with large, visible effects)
//! and [`Preset::PanCancer`] (38 entities, 349 markers in seven modalities, about 100
//! prognostic, 11 planted interactions). [`Dictionary`] holds the marker entries (ids,
//! English and German names, units, reference ranges, LOINC / ICD-10 / HGNC codes) and
//! looks a user's column up by id or code.
//!
//! Determinism: the same [`SynthConfig`] gives the same cohort byte for byte on every
//! platform, the host and `wasm32` alike. Randomness comes from ChaCha8 streams and every
//! transcendental function from the `libm` crate (see the `sampling` module).
//!
//! Plain Rust: builds for the host and for `wasm32-unknown-unknown`, knows nothing of
//! browsers.

mod cohort;
mod config;
mod dictionary;
mod effect;
mod engine;
mod error;
mod pancancer;
mod sampling;
mod teaching;
mod truth_file;

pub use cohort::{
    CensoringTruth, Entity, EntityTruth, InteractionTruth, MarkerTruth, SyntheticCohort, Truth,
    TruthSettings, to_csv,
};
pub use config::{Preset, SynthConfig};
pub use dictionary::{Code, Dictionary, MarkerKind, MarkerSpec, Modality};
pub use error::SynthError;
pub use truth_file::{TRUTH_FORMAT, TRUTH_VERSION, TruthFile, contributions_csv};

/// Generates the cohort `config` describes.
///
/// # Errors
/// [`SynthError::PatientCount`] for an invalid size (see [`SynthConfig::validate`]);
/// [`SynthError::PresetTable`] if a preset's tables are inconsistent (a bug in this crate,
/// reported instead of panicking).
pub fn generate(config: &SynthConfig) -> Result<SyntheticCohort, SynthError> {
    config.validate()?;
    match config.preset {
        Preset::Teaching => engine::generate_preset(&teaching::PRESET, config),
        Preset::PanCancer => pancancer::generate(config),
    }
}
