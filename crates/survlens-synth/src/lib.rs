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

mod calibration;
mod cohort;
mod config;
mod dictionary;
mod effect;
mod engine;
mod error;
mod pancancer;
pub mod power;
mod sampling;
mod teaching;
mod truth_file;

pub use cohort::{
    CensoringTruth, Entity, EntityTruth, InteractionTruth, MarkerTruth, SyntheticCohort, Truth,
    TruthSettings, to_csv,
};
pub use config::{Preset, SynthConfig};
pub use dictionary::{Code, Dictionary, MarkerKind, MarkerSpec, Modality};
pub use error::{SynthError, TableProblem};
pub use power::{DETECTABLE_POWER, ORACLE_ALPHA, power_at, power_of};
pub use truth_file::{TRUTH_FORMAT, TRUTH_VERSION, TruthFile, contributions_csv};

/// The cancer entities of a preset's cohorts, in the order of their entity codes (the
/// levels of the cohort table's `entity` column).
pub fn entities(preset: Preset) -> Vec<Entity> {
    let defs: &[engine::EntityDef] = match preset {
        Preset::Teaching => &teaching::ENTITIES,
        Preset::PanCancer => &pancancer::ENTITIES,
        Preset::Additive | Preset::Planted => &calibration::ENTITIES,
    };
    defs.iter().map(|d| d.entity).collect()
}

/// Generates the cohort `config` describes.
///
/// # Errors
/// [`SynthError::PatientCount`] for an invalid size (see [`SynthConfig::validate`]);
/// [`SynthError::PresetTable`] if a preset's tables are inconsistent (a bug in this crate,
/// reported instead of panicking).
pub fn generate(config: &SynthConfig) -> Result<SyntheticCohort, SynthError> {
    generate_scaled(config, 1.0)
}

/// Generates the cohort `config` describes with every planted interaction's coefficient
/// multiplied by `interaction_scale`: the same patients, values and random streams, only
/// the interaction terms of the hazard change (the power study draws cohorts at 0.5, 1
/// and 2 times the planted coefficients; 0 gives an additive twin).
///
/// # Errors
/// As [`generate`], and [`SynthError::InteractionScale`] for a scale that is not finite.
pub fn generate_scaled(
    config: &SynthConfig,
    interaction_scale: f32,
) -> Result<SyntheticCohort, SynthError> {
    config.validate()?;
    match config.preset {
        Preset::Teaching => {
            engine::generate_preset_scaled(&teaching::PRESET, config, interaction_scale)
        }
        Preset::PanCancer => pancancer::generate(config, interaction_scale),
        Preset::Additive => calibration::generate(config, false, interaction_scale),
        Preset::Planted => calibration::generate(config, true, interaction_scale),
    }
}
