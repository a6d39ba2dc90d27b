//! The generated cohort, its planted truth, and CSV export.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use survlens_data::{Categorical, Cohort, DataError};

use crate::{MarkerSpec, SynthConfig};

/// A cancer entity of a cohort.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Entity {
    /// Stable id, also written in the CSV's `entity` column (e.g. `lung_nsclc`).
    pub id: &'static str,
    /// English display name.
    pub name: &'static str,
    /// German display name.
    pub name_de: &'static str,
    /// ICD-10 code or code range of the primary tumour.
    pub icd10: &'static str,
}

impl Entity {
    /// An entity from its id, English and German names and ICD-10 code (for the presets'
    /// constant tables).
    pub const fn new(
        id: &'static str,
        name: &'static str,
        name_de: &'static str,
        icd10: &'static str,
    ) -> Self {
        Self {
            id,
            name,
            name_de,
            icd10,
        }
    }
}

/// A synthetic cohort: the table the model sees, and the truth it was drawn from.
///
/// # Shapes
/// `n` = [`Self::n_patients`], `m` = [`Self::n_markers`], `k` = number of planted
/// interactions. `patient_ids`, `entity`, `time_days`, `event`: `n`. `values`: `n x m`
/// row-major (patient `i`, marker `j` at `i * m + j`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SyntheticCohort {
    /// The settings it was generated with.
    pub config: SynthConfig,
    /// The cancer entities; [`Self::entity`] indexes into it.
    pub entities: Vec<Entity>,
    /// Dictionary entries of the marker columns, in column order.
    pub markers: Vec<MarkerSpec>,
    /// Patient ids (`P00001`, ...).
    pub patient_ids: Vec<String>,
    /// Each patient's entity, as an index into [`Self::entities`].
    pub entity: Vec<u16>,
    /// Follow-up from the start of systemic therapy to death or censoring, in whole days
    /// (at least 1).
    pub time_days: Vec<f64>,
    /// `true` = death observed at `time_days`, `false` = censored.
    pub event: Vec<bool>,
    /// Observed marker values, row-major `n x m`; `NaN` = missing. Numeric markers are in
    /// their dictionary unit, binary markers are `0.0`/`1.0`, categorical markers hold the
    /// index of their level in [`crate::MarkerKind::Categorical::levels`].
    pub values: Vec<f32>,
    /// The planted prognostic truth.
    pub truth: Truth,
}

impl SyntheticCohort {
    /// Number of patients `n`.
    pub fn n_patients(&self) -> usize {
        self.patient_ids.len()
    }

    /// Number of marker columns `m`.
    pub fn n_markers(&self) -> usize {
        self.markers.len()
    }

    /// Column of the marker with this id.
    pub fn marker_index(&self, id: &str) -> Option<usize> {
        self.markers.iter().position(|m| m.id == id)
    }

    /// Observed value of patient `patient`, marker `marker` (`NaN` = missing; `None` if an
    /// index is out of range).
    pub fn value(&self, patient: usize, marker: usize) -> Option<f32> {
        if marker >= self.n_markers() {
            return None;
        }
        self.values
            .get(patient * self.n_markers() + marker)
            .copied()
    }

    /// Observed values of one marker over all patients (`n`, `NaN` = missing).
    pub fn column(&self, marker: usize) -> Vec<f32> {
        let m = self.n_markers();
        if marker >= m {
            return Vec::new();
        }
        self.values
            .iter()
            .skip(marker)
            .step_by(m)
            .copied()
            .collect()
    }

    /// Every marker column (`m` vectors of `n` values, `NaN` = missing): the row-major
    /// table transposed a tile of rows at a time, so that the rows being read stay in cache
    /// while each column is appended to sequentially, instead of striding through all
    /// `n x m` values once per column as `m` calls of [`Self::column`] would.
    fn columns(&self) -> Vec<Vec<f32>> {
        // 256 rows of ~350 markers: about 350 KB, which stays in the L2 cache.
        const TILE_ROWS: usize = 256;
        let (n, m) = (self.n_patients(), self.n_markers().max(1));
        let mut columns: Vec<Vec<f32>> = (0..self.n_markers())
            .map(|_| Vec::with_capacity(n))
            .collect();
        for tile in self.values.chunks(TILE_ROWS * m) {
            for (j, column) in columns.iter_mut().enumerate() {
                column.extend(tile.chunks_exact(m).map(|row| row[j]));
            }
        }
        columns
    }

    /// Share of observed deaths.
    pub fn event_rate(&self) -> f64 {
        let n = self.event.len().max(1);
        self.event.iter().filter(|&&e| e).count() as f64 / n as f64
    }

    /// The table as the modelling core's [`Cohort`]: ids, time (days), event, the entity
    /// (column `entity`, levels = entity ids in [`Self::entities`] order) and one marker per
    /// column in dictionary order, named by its id. Numeric markers stay numeric, binary
    /// markers binary, categorical markers keep their level names and order; `NaN` stays
    /// missing. This is exactly what importing [`to_csv`]'s output with the dictionary's
    /// kinds gives, without the text round trip.
    ///
    /// # Errors
    /// The [`DataError`] of the cohort table if it refuses a column (it does not for a
    /// generated cohort: a bug would surface here rather than as a panic).
    pub fn to_cohort(&self) -> Result<Cohort, DataError> {
        let entity = Categorical::new(
            self.entity.iter().map(|&e| u32::from(e)).collect(),
            self.entities.iter().map(|e| e.id.to_owned()).collect(),
        )?;
        let mut cohort = Cohort::new(
            self.patient_ids.clone(),
            self.time_days.clone(),
            self.event.clone(),
        )?
        .with_entity("entity", entity)?;
        for (spec, column) in self.markers.iter().zip(self.columns()) {
            let marker = spec.marker(column)?;
            cohort = cohort.with_marker(marker)?;
        }
        Ok(cohort)
    }
}

/// The planted truth of a cohort: how every marker and interaction enters each patient's
/// log-hazard.
///
/// A patient's hazard is `h(t) = h0_e(t) * exp(sum of marker contributions + sum of
/// interaction contributions)` with a Weibull baseline `h0_e` of the patient's entity `e`.
/// Contributions are computed from each marker's complete value, also where the table
/// shows it as missing: the disease does not care whether a value was measured.
///
/// # Shapes
/// `contributions`: `n x m` row-major; `interaction_contributions`: `n x k` row-major;
/// `entity_log_hazard`, `log_hazard`: `n`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Truth {
    /// The generator's settings.
    pub settings: TruthSettings,
    /// Per marker, in column order: its effect function and importance.
    pub markers: Vec<MarkerTruth>,
    /// The planted interactions.
    pub interactions: Vec<InteractionTruth>,
    /// True log-hazard contribution of each marker for each patient, row-major `n x m`.
    pub contributions: Vec<f32>,
    /// True log-hazard contribution of each planted interaction, row-major `n x k`.
    pub interaction_contributions: Vec<f32>,
    /// Each planted interaction's two gates on the complete values, row-major `n x k x 2`
    /// (`gate_a`, `gate_b` of interaction `q` at `(i * k + q) * 2`): the contribution is
    /// `coef * gate_a * gate_b`.
    #[serde(default)]
    pub interaction_gates: Vec<f32>,
    /// Log cumulative baseline hazard of the patient's entity at the horizon,
    /// `ln H0_e(horizon)` (`n`).
    pub entity_log_hazard: Vec<f32>,
    /// The oracle risk: `ln H(horizon | patient)` = entity term + all marker and interaction
    /// contributions (`n`). Within an entity it orders patients exactly as the true hazard
    /// ratio does.
    pub log_hazard: Vec<f64>,
}

/// The settings a truth was generated with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TruthSettings {
    /// Name of the preset.
    pub preset: String,
    /// Seed.
    pub seed: u64,
    /// Number of patients.
    pub n_patients: usize,
    /// Version of this crate, so a truth file names the generator that wrote it.
    pub generator_version: String,
    /// Time at which the oracle risk's cumulative hazard is taken, in days.
    pub horizon_days: f64,
    /// Per entity: relative frequency and Weibull baseline.
    pub entities: Vec<EntityTruth>,
    /// How follow-up ends for patients still alive.
    pub censoring: CensoringTruth,
}

/// An entity's share and baseline hazard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityTruth {
    /// Entity id.
    pub id: String,
    /// Expected share of patients (relative frequencies normalised to 1).
    pub share: f64,
    /// Weibull shape `k` of the baseline: `H0(t) = (t / scale)^k`.
    pub weibull_shape: f64,
    /// Weibull scale, days.
    pub weibull_scale_days: f64,
}

/// Censoring mechanism: staggered entry with a common data cut-off, plus loss to follow-up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CensoringTruth {
    /// Patients enter uniformly over this many days.
    pub accrual_days: f64,
    /// Follow-up of the last patient to enter, in days (administrative censoring at
    /// `min_follow_up_days + U * accrual_days`).
    pub min_follow_up_days: f64,
    /// Random loss to follow-up, exponential with this rate per year.
    pub loss_to_follow_up_per_year: f64,
}

/// A marker's true effect and importance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarkerTruth {
    /// Marker id.
    pub id: String,
    /// Whether the marker has an effect of its own on the hazard (it may still be
    /// correlated with prognostic markers, or take part in an interaction).
    pub prognostic: bool,
    /// The effect function in words and numbers; `None` if not prognostic.
    pub effect: Option<String>,
    /// Mean absolute contribution over the cohort (log-hazard units).
    pub importance: f32,
    /// Non-centrality of the oracle's likelihood-ratio test of the effect at the cohort's
    /// size (`None` without an effect; see [`crate::power`]).
    #[serde(default)]
    pub oracle_noncentrality: Option<f64>,
    /// The oracle test's power at the cohort's size, level [`crate::ORACLE_ALPHA`].
    #[serde(default)]
    pub oracle_power: Option<f64>,
}

/// A planted interaction: a log-hazard term that depends on two markers jointly.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InteractionTruth {
    /// Stable id.
    pub id: String,
    /// English display name.
    pub name: String,
    /// Ids of the two markers.
    pub markers: [String; 2],
    /// Column indices of the two markers.
    pub marker_indices: [usize; 2],
    /// The term as a formula: `coef * gate(a) * gate(b)`.
    pub formula: String,
    /// Clinical meaning in one line.
    pub description: String,
    /// Mean absolute contribution over the cohort (log-hazard units).
    pub importance: f32,
    /// The coefficient of the term (log-hazard per unit of the gates' product).
    #[serde(default)]
    pub coef: f64,
    /// Non-centrality of the oracle's likelihood-ratio test of the product at the cohort's
    /// size (see [`crate::power`]).
    #[serde(default)]
    pub oracle_noncentrality: f64,
    /// The oracle test's power at the cohort's size, level [`crate::ORACLE_ALPHA`].
    #[serde(default)]
    pub oracle_power: f64,
}

impl InteractionTruth {
    /// The oracle test's power at `n_patients` drawn the same way.
    pub fn oracle_power_at(&self, cohort_patients: usize, n_patients: usize) -> f64 {
        crate::power::power_at(self.oracle_noncentrality, cohort_patients, n_patients)
    }

    /// Whether the oracle detects it with power [`crate::DETECTABLE_POWER`] at `n_patients`.
    pub fn detectable_at(&self, cohort_patients: usize, n_patients: usize) -> bool {
        self.oracle_power_at(cohort_patients, n_patients) >= crate::DETECTABLE_POWER
    }
}

/// The cohort as CSV: header `patient_id,entity,time,event,<marker ids...>`, then one row
/// per patient; `entity` is the entity id, `time` whole days, `event` `1` (death) or `0`
/// (censored); marker cells as in [`SyntheticCohort::values`] (categorical markers as their
/// level index), empty where missing. Lines end with `\n`.
pub fn to_csv(cohort: &SyntheticCohort) -> String {
    let m = cohort.n_markers();
    // About 6 bytes per cell is typical; one allocation up front.
    let mut out = String::with_capacity(64 + cohort.n_patients() * (24 + 6 * m));
    out.push_str("patient_id,entity,time,event");
    for marker in &cohort.markers {
        out.push(',');
        out.push_str(marker.id);
    }
    out.push('\n');
    for (i, id) in cohort.patient_ids.iter().enumerate() {
        let entity = cohort
            .entities
            .get(usize::from(cohort.entity[i]))
            .map_or("", |e| e.id);
        // Writing to a String cannot fail.
        let _ = write!(
            out,
            "{id},{entity},{},{}",
            cohort.time_days[i],
            u8::from(cohort.event[i])
        );
        for &value in &cohort.values[i * m..(i + 1) * m] {
            out.push(',');
            if !value.is_nan() {
                // Rust's float Display prints the shortest string that reads back exactly,
                // the same on every platform.
                let _ = write!(out, "{value}");
            }
        }
        out.push('\n');
    }
    out
}
