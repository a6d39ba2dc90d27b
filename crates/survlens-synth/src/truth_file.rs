//! The truth file of `survlens synth`: the planted truth without its per-patient arrays,
//! which go to a CSV beside it, so the file stays small (15,726 x 360 contributions would be
//! about 5.7 million numbers).

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::{
    InteractionTruth, MarkerTruth, Preset, SynthConfig, SynthError, SyntheticCohort, TruthSettings,
};

/// The `format` field of every truth file.
pub const TRUTH_FORMAT: &str = "survlens-synthetic-truth";

/// The truth-file version this crate writes and reads.
pub const TRUTH_VERSION: u32 = 1;

/// A cohort's planted truth as a JSON document: the generator's settings, every marker's
/// effect function and importance, the planted interactions, and where the per-patient
/// contributions are ([`contributions_csv`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TruthFile {
    /// Always [`TRUTH_FORMAT`].
    pub format: String,
    /// [`TRUTH_VERSION`].
    pub version: u32,
    /// The generator's settings (preset, seed, size, entities' baselines, censoring).
    pub settings: TruthSettings,
    /// Every marker in column order: prognostic or not, effect function, importance.
    pub markers: Vec<MarkerTruth>,
    /// The planted interactions.
    pub interactions: Vec<InteractionTruth>,
    /// Path of the per-patient contributions CSV as given when writing (relative paths are
    /// relative to where the command ran), if one was written.
    pub contributions_csv: Option<String>,
}

impl TruthFile {
    /// The truth of `cohort`, pointing at `contributions_csv`.
    pub fn new(cohort: &SyntheticCohort, contributions_csv: Option<String>) -> Self {
        let t = &cohort.truth;
        Self {
            format: TRUTH_FORMAT.to_owned(),
            version: TRUTH_VERSION,
            settings: t.settings.clone(),
            markers: t.markers.clone(),
            interactions: t.interactions.clone(),
            contributions_csv,
        }
    }

    /// Pretty-printed JSON; every number reads back to the same value.
    pub fn to_json(&self) -> String {
        // Plain data with string keys: serialisation cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a truth file.
    ///
    /// # Errors
    /// [`SynthError::TruthJson`] for invalid JSON or missing fields, with line and column
    /// where the parser has them; [`SynthError::TruthFormat`] for another format or version.
    pub fn from_json(text: &str) -> Result<Self, SynthError> {
        let file: Self = serde_json::from_str(text).map_err(|e| {
            let text = e.to_string();
            // The reader's text ends with the position, which the error holds as numbers.
            let position = format!(" at line {} column {}", e.line(), e.column());
            SynthError::TruthJson {
                line: e.line(),
                column: e.column(),
                description: text.strip_suffix(&position).unwrap_or(&text).to_owned(),
            }
        })?;
        if file.format != TRUTH_FORMAT || file.version != TRUTH_VERSION {
            return Err(SynthError::TruthFormat {
                format: file.format,
                version: file.version,
            });
        }
        Ok(file)
    }

    /// The settings that regenerate the cohort.
    ///
    /// # Errors
    /// [`SynthError::UnknownPreset`] for a preset name this crate does not regenerate.
    pub fn config(&self) -> Result<SynthConfig, SynthError> {
        let preset = [Preset::Teaching, Preset::PanCancer]
            .into_iter()
            .find(|p| p.name() == self.settings.preset)
            .ok_or_else(|| SynthError::UnknownPreset {
                preset: self.settings.preset.clone(),
            })?;
        Ok(SynthConfig {
            n_patients: self.settings.n_patients,
            seed: self.settings.seed,
            preset,
        })
    }
}

/// Each patient's true log-hazard contributions as CSV: header `patient_id`, one column per
/// marker (its id), one per planted interaction (its id), then `entity_log_hazard` (the
/// entity's `ln H0(horizon)`) and `log_hazard` (the oracle risk, the sum of all of them);
/// one row per patient, log-hazard units, shortest round-trip text. Lines end with `\n`.
pub fn contributions_csv(cohort: &SyntheticCohort) -> String {
    let t = &cohort.truth;
    let (m, k) = (cohort.n_markers(), t.interactions.len());
    let mut out = String::with_capacity(64 + cohort.n_patients() * (16 + 8 * (m + k)));
    out.push_str("patient_id");
    for marker in &cohort.markers {
        out.push(',');
        out.push_str(marker.id);
    }
    for interaction in &t.interactions {
        out.push(',');
        out.push_str(&interaction.id);
    }
    out.push_str(",entity_log_hazard,log_hazard\n");
    for (i, id) in cohort.patient_ids.iter().enumerate() {
        out.push_str(id);
        let rows = t.contributions[i * m..(i + 1) * m]
            .iter()
            .chain(&t.interaction_contributions[i * k..(i + 1) * k])
            .chain(std::iter::once(&t.entity_log_hazard[i]));
        for v in rows {
            // Writing to a String cannot fail.
            let _ = write!(out, ",{v}");
        }
        let _ = writeln!(out, ",{}", t.log_hazard[i]);
    }
    out
}
