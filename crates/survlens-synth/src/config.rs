//! Generator settings: which cohort, how many patients, which seed.

use serde::{Deserialize, Serialize};

use crate::SynthError;

/// Which synthetic cohort to generate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    /// A small cohort for teaching: 5 entities and 16 markers with clearly visible, known
    /// effects (age, ECOG, albumin, CRP, LDH, weight loss, UICC stage, BRAF and its targeted
    /// therapy, immunotherapy and inflammation) plus markers without any effect.
    #[default]
    Teaching,
    /// The full pan-cancer cohort: 38 solid cancer entities, 349 markers in seven
    /// modalities, real-world missingness, about 100 prognostic markers with thresholds and
    /// U-shapes, and 11 planted interactions (targeted drug x target, immunotherapy x
    /// inflammation, tumour mutational burden, MSI and steroids, platinum x ECOG).
    PanCancer,
    /// The calibration cohort without interactions: 5 entities, 40 markers with main
    /// effects only (correlated blocks, derived and near-identical markers, a shared
    /// sequencing panel, one-hot levels, a drug given mostly with its target). Any pair an
    /// interaction method declares here is a false discovery.
    Additive,
    /// The additive cohort's twin (same patients and values for the same seed) with two
    /// planted interactions: EGFR mutation x EGFR inhibitor and anti-PD-1 x CRP.
    Planted,
}

impl Preset {
    /// Stable lower-case name (`teaching`, `pan_cancer`).
    pub fn name(self) -> &'static str {
        match self {
            Preset::Teaching => "teaching",
            Preset::PanCancer => "pan_cancer",
            Preset::Additive => "additive",
            Preset::Planted => "planted",
        }
    }
}

/// What to generate. Same settings, same cohort: byte for byte, on every platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SynthConfig {
    /// Number of patients.
    pub n_patients: usize,
    /// Seed of the ChaCha8 random streams.
    pub seed: u64,
    /// Which cohort.
    pub preset: Preset,
}

impl SynthConfig {
    /// The study's cohort size.
    pub const STUDY_PATIENTS: usize = 15_726;
    /// Fewest patients: below this, cohort statistics (importance, event rate) are noise.
    pub const MIN_PATIENTS: usize = 10;
    /// Most patients: keeps a pan-cancer cohort's buffers (values and contributions,
    /// 2 x n x 350 x 4 bytes) under about 1.5 GB, beyond what a browser tab can hold anyway.
    pub const MAX_PATIENTS: usize = 500_000;

    /// Checks the settings.
    ///
    /// # Errors
    /// [`SynthError::PatientCount`] if `n_patients` is outside
    /// [`Self::MIN_PATIENTS`]`..=`[`Self::MAX_PATIENTS`].
    pub fn validate(&self) -> Result<(), SynthError> {
        if !(Self::MIN_PATIENTS..=Self::MAX_PATIENTS).contains(&self.n_patients) {
            return Err(SynthError::PatientCount {
                value: self.n_patients,
                min: Self::MIN_PATIENTS,
                max: Self::MAX_PATIENTS,
            });
        }
        Ok(())
    }
}

impl Default for SynthConfig {
    /// The study's size, seed 42, the pan-cancer preset.
    fn default() -> Self {
        Self {
            n_patients: Self::STUDY_PATIENTS,
            seed: 42,
            preset: Preset::PanCancer,
        }
    }
}
