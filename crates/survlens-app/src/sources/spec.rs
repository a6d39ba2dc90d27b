//! What a job loads and how it trains: the cohort's source ([`CohortSource`]), the network's
//! ([`ModelSource`]) and the training settings, together a [`JobSpec`]. The bundled cohorts,
//! the CSV mapping and the model files produce one; the job engine runs it.

use serde::{Deserialize, Serialize};
use survlens_data::{ColumnRoles, MissingCodes};
use survlens_model::bundle::MarkerLabel;
pub use survlens_model::recipe::Recipe;
use survlens_model::train::{HiddenWidth, TrainConfig};
use survlens_synth::{Preset, SynthConfig};

use crate::sources::data_source::BundledCohort;
use crate::sources::fhir_source::FhirFile;

/// Where a job's cohort comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CohortSource {
    /// A synthetic cohort with planted truth.
    Synthetic(SynthConfig),
    /// A CSV/TSV file the user opened (or one bundled with the page).
    Csv {
        /// File name, used in messages.
        file_name: String,
        /// The file's bytes; they never leave the tab.
        bytes: Vec<u8>,
        /// Which column is what.
        roles: ColumnRoles,
        /// Days per unit of the time column (1 for days, 30.4375 for months).
        days_per_time_unit: f64,
        /// Codes read as missing besides the built-in ones (the mapping step's field).
        #[serde(default)]
        missing_codes: MissingCodes,
        /// The markers' labels and units given in the mapping step (a marker without one is
        /// named by the dictionary or its column); saved with a model trained on the file.
        #[serde(default)]
        labels: Vec<MarkerLabel>,
    },
    /// A cohort bundled with the page; the worker reads it from its own embedded files.
    Bundled(BundledCohort),
    /// A FHIR R4 export the user opened (Bundles, bulk-export NDJSON, NDJSON of Bundles),
    /// read in the worker into new patients without outcomes, for a stored model to explain.
    Fhir {
        /// The files; they never leave the tab.
        files: Vec<FhirFile>,
        /// Each marker's most recent value on or before this day (`YYYY-MM-DD`, checked by
        /// [`crate::sources::fhir_source::index_date`]); `None`: the latest value.
        index_date: Option<String>,
    },
    /// External validation: the network, encoder, baseline and risk groups are fitted on
    /// `development`; every patient of `validation` is held out, explained and scored.
    External {
        /// The cohort the model is trained on.
        development: Box<CohortSource>,
        /// The cohort the session shows, scored by the development model.
        validation: Box<CohortSource>,
    },
}

/// Which network explains the cohort.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum ModelSource {
    /// Train the study's network on the cohort ([`JobSpec::training`]).
    #[default]
    Train,
    /// The page's default model: the study's network trained on the synthetic pan-cancer
    /// cohort ([`crate::sources::default_model`]). On that cohort its own held-out split is shown.
    Default,
    /// A survlens model file the user opened; every patient of the cohort is held out.
    File {
        /// File name, used in messages.
        file_name: String,
        /// The file's bytes.
        bytes: Vec<u8>,
    },
    /// An ONNX export of a PyTorch network ([`survlens_xai::onnx`]). The cohort's marker
    /// columns are its inputs, in the file's column order, unscaled (numeric, no missing
    /// value). Every patient is held out; the baseline hazard and the risk-group tertiles
    /// are fitted on the cohort itself, as the file brings neither.
    Onnx {
        /// File name, used in messages.
        file_name: String,
        /// The file's bytes.
        bytes: Vec<u8>,
    },
}

/// Everything that decides a job's numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobSpec {
    /// The cohort.
    pub source: CohortSource,
    /// The network: trained here, or a stored one.
    #[serde(default)]
    pub model: ModelSource,
    /// The training recipe (for [`ModelSource::Train`]): `auto` (the default) or the
    /// study's.
    #[serde(default)]
    pub recipe: Recipe,
    /// The study recipe's setting (for [`ModelSource::Train`]); its seed also seeds the
    /// split and the `auto` recipe.
    pub training: TrainConfig,
    /// Folds of the entity-stratified split; fold 0's held-out half is the validation set
    /// (early stopping), its other half the test set.
    pub folds: usize,
}

impl JobSpec {
    /// The page's demo: the teaching cohort (600 patients, seed 42) and the study's network,
    /// with a learning rate and batch size suited to a few hundred patients (the study's
    /// 1e-4 and 1,024 are tuned for 15,726).
    pub fn demo() -> Self {
        Self {
            source: CohortSource::Synthetic(SynthConfig {
                n_patients: 600,
                seed: 42,
                preset: Preset::Teaching,
            }),
            model: ModelSource::Train,
            recipe: Recipe::Auto,
            training: Self::small_cohort_training(),
            folds: 5,
        }
    }

    /// The page's opening: the synthetic pan-cancer cohort (15,726 patients, 38 entities,
    /// 349 markers) explained by the embedded default model, which was trained on it.
    pub fn pan_cancer_default() -> Self {
        Self {
            source: CohortSource::Synthetic(
                crate::sources::default_model::DefaultModelSpec::default().cohort,
            ),
            model: ModelSource::Default,
            recipe: Recipe::Auto,
            training: TrainConfig::default(),
            folds: 5,
        }
    }

    /// The synthetic pan-cancer cohort with `patients` patients, explained by the default
    /// model. The study's size is the default model's own cohort
    /// ([`Self::pan_cancer_default`], its held-out half shown as such); any other size is
    /// drawn from [`NEW_PATIENTS_SEED`], so no patient is one the model was trained on and
    /// every patient is held out.
    pub fn pan_cancer_of(patients: usize) -> Self {
        let default = Self::pan_cancer_default();
        match &default.source {
            CohortSource::Synthetic(config) if config.n_patients != patients => Self {
                source: CohortSource::Synthetic(SynthConfig {
                    n_patients: patients,
                    seed: NEW_PATIENTS_SEED,
                    preset: Preset::PanCancer,
                }),
                ..default
            },
            _ => default,
        }
    }

    /// Training settings for cohorts of a few hundred to a few thousand patients: the
    /// study's network and schedule with lr 1e-3, batch 128 and 30 epochs per stage.
    pub fn small_cohort_training() -> TrainConfig {
        TrainConfig {
            hidden_width: HiddenWidth::TimesInputs(10),
            learning_rate: 1e-3,
            batch_size: 128,
            epochs_per_stage: 30,
            seed: 7,
            ..TrainConfig::default()
        }
    }
}

/// Seed of the synthetic pan-cancer cohorts of other sizes than the default model's own
/// ([`JobSpec::pan_cancer_of`]): another seed than
/// [`crate::sources::default_model::DEFAULT_COHORT_SEED`], whose patients trained the model.
pub const NEW_PATIENTS_SEED: u64 = crate::sources::default_model::DEFAULT_COHORT_SEED + 1;

impl CohortSource {
    /// The id column and days per time unit the development cohort was read with (what a
    /// model file trained on it records).
    pub fn development_columns(&self) -> (Option<String>, f64) {
        match self {
            CohortSource::Synthetic(_) => (None, 1.0),
            CohortSource::Csv {
                roles,
                days_per_time_unit,
                ..
            } => (roles.id.clone(), *days_per_time_unit),
            CohortSource::Bundled(bundled) => bundled_columns(*bundled),
            CohortSource::Fhir { .. } => (Some(survlens_fhir::ID_COLUMN.to_owned()), 1.0),
            CohortSource::External { development, .. } => development.development_columns(),
        }
    }
}

/// A bundled cohort's development file's id column and unit, read without its bytes.
fn bundled_columns(bundled: BundledCohort) -> (Option<String>, f64) {
    match bundled.files().into_iter().next() {
        Some(file) => (file.roles.id, file.unit.days()),
        None => (None, 1.0),
    }
}
