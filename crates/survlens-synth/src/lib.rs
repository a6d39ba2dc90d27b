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
    generate_checked(config, interaction_scale)
}

/// The first `k` patients of the cohort `config` describes, without drawing the others.
/// Each patient's values and outcome come from the same random streams as in the whole
/// cohort, drawn patient after patient, so these rows equal the whole cohort's first `k`:
/// the page explains the first patient while the rest is drawn. The returned cohort's
/// `config` says `k` patients, and its planted truth's cohort statistics (importance, the
/// oracle's power) describe these `k` patients only.
///
/// # Errors
/// As [`generate`] for `config`, and [`SynthError::PatientCount`] when `k` is 0 or more
/// than the cohort's patients.
pub fn generate_first(config: &SynthConfig, k: usize) -> Result<SyntheticCohort, SynthError> {
    config.validate()?;
    if k == 0 || k > config.n_patients {
        return Err(SynthError::PatientCount {
            value: k,
            min: 1,
            max: config.n_patients,
        });
    }
    let first = SynthConfig {
        n_patients: k,
        ..*config
    };
    generate_checked(&first, 1.0)
}

/// [`generate_scaled`] for a configuration already checked (or, for [`generate_first`], a
/// prefix of one that was).
fn generate_checked(
    config: &SynthConfig,
    interaction_scale: f32,
) -> Result<SyntheticCohort, SynthError> {
    engine::generate_preset_scaled(preset_def(config.preset)?, config, interaction_scale)
}

/// The definition behind `preset`.
fn preset_def(preset: Preset) -> Result<engine::PresetDef<'static>, SynthError> {
    Ok(match preset {
        Preset::Teaching => teaching::PRESET,
        Preset::PanCancer => pancancer::preset()?,
        Preset::Additive => calibration::preset(false),
        Preset::Planted => calibration::preset(true),
    })
}

/// A cohort drawn a chunk of patients at a time, so that a caller (the page's worker) can
/// report progress and answer other requests between chunks. The patients come from the
/// same random streams in the same order however the chunks fall: the finished cohort
/// equals [`generate`]'s.
pub struct CohortDrawing {
    drawing: engine::Drawing<'static>,
    patients: usize,
}

impl std::fmt::Debug for CohortDrawing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CohortDrawing")
            .field("drawn", &self.drawn())
            .field("patients", &self.patients)
            .finish_non_exhaustive()
    }
}

impl CohortDrawing {
    /// Starts drawing the cohort `config` describes.
    ///
    /// # Errors
    /// As [`generate`].
    pub fn start(config: &SynthConfig) -> Result<Self, SynthError> {
        config.validate()?;
        Ok(Self {
            drawing: engine::Drawing::new(preset_def(config.preset)?, config, 1.0)?,
            patients: config.n_patients,
        })
    }

    /// Draws up to `k` more patients; returns how many are drawn in all.
    pub fn draw(&mut self, k: usize) -> usize {
        self.drawing.draw(k)
    }

    /// Patients drawn so far.
    pub fn drawn(&self) -> usize {
        self.drawing.drawn()
    }

    /// Patients of the whole cohort.
    pub fn patients(&self) -> usize {
        self.patients
    }

    /// Whether every patient is drawn.
    pub fn is_finished(&self) -> bool {
        self.drawn() == self.patients
    }

    /// The cohort: every patient, drawing those still missing first.
    pub fn finish(mut self) -> SyntheticCohort {
        self.drawing.draw(self.patients);
        self.drawing.finish()
    }
}
