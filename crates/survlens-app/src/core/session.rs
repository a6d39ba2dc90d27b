//! An explained cohort: everything the views read, computed once in the worker and kept
//! there ([`Session`]), and what of it the page holds ([`SessionSummary`]: the headings and
//! the marker dictionary, never a value per patient).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use survlens_data::encode::MarkerEncoding;
use survlens_data::{Categorical, Cohort, Describe, Encoder, Marker, Message, MessageArg};
use survlens_model::{BreslowBaseline, CoxNet};

use crate::core::cohort_kind::CohortKind;
use crate::core::error::ComputeError;
use crate::core::i18n::{Arg, Lang};
use crate::core::title::CohortTitle;

/// How a marker is shown: its name, unit and where its values normally lie.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarkerInfo {
    /// Stable identifier (the CSV column name).
    pub id: String,
    /// Display name.
    pub name: String,
    /// German display name, where the marker dictionary has one (a synthetic cohort's
    /// markers, or a file's column that matches one).
    #[serde(default)]
    pub name_de: Option<String>,
    /// Unit of the raw value, empty when unitless.
    pub unit: String,
    /// Modality (laboratory, vital signs, ...), shown as a small tag.
    pub modality: String,
    /// Reference range of the raw value, when one exists.
    pub reference_range: Option<(f32, f32)>,
    /// Level names of a categorical or binary marker, whose raw value is the level's index;
    /// empty for a numeric marker.
    pub levels: Vec<String>,
}

impl MarkerInfo {
    /// The value as the page shows it: a level name, or the number with its unit.
    pub fn format(&self, value: f32) -> String {
        self.format_in(value, Lang::En)
    }

    /// The value as the page shows it in `lang`: a level name ("no" and "yes" translated,
    /// other levels as the data names them), or the number with the language's decimal mark
    /// and its unit (only the words of time are translated: [`MarkerInfo::unit_in`]).
    pub fn format_in(&self, value: f32, lang: Lang) -> String {
        if value.is_nan() {
            return lang.t("vm-value-missing");
        }
        if value >= 0.0
            && value.fract() == 0.0
            && let Some(level) = self.levels.get(value as usize)
        {
            return level_in(level, lang);
        }
        crate::core::format::format_value_in(value, &self.unit, lang)
    }

    /// The marker's unit in `lang` ([`crate::core::format::unit_in`]).
    pub fn unit_in(&self, lang: Lang) -> String {
        crate::core::format::unit_in(&self.unit, lang)
    }

    /// The marker's name in `lang`: the dictionary's German name where there is one.
    pub fn name_in(&self, lang: Lang) -> &str {
        match (lang, &self.name_de) {
            (Lang::De, Some(name)) => name,
            _ => &self.name,
        }
    }

    /// The marker's modality in `lang`: the marker dictionary's modalities and the page's
    /// own ("Cohort data") translated, a modality a file names as it names it.
    pub fn modality_in(&self, lang: Lang) -> String {
        modality_in(&self.modality, lang)
    }

    /// Whether `value` lies outside the marker's reference range.
    pub fn is_out_of_range(&self, value: f32) -> bool {
        match self.reference_range {
            Some((lo, hi)) => value < lo || value > hi,
            None => false,
        }
    }
}

/// One line of training progress, as the worker reports it after every epoch.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EpochLine {
    /// 1-based epoch, counted over all learning-rate stages.
    pub epoch: usize,
    /// Mean Cox loss on the training patients.
    pub train_loss: f64,
    /// Cox loss on the validation patients.
    pub validation_loss: f64,
    /// Harrell's C-index on the validation patients.
    pub validation_cindex: f64,
}

/// A cohort with its model's predictions and explanations.
///
/// # Shapes
/// `n` patients, `m` markers: `values` and `relevance` are `n x m` row-major; every other
/// per-patient vector has length `n`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// What this cohort is, for headings ("Synthetic teaching cohort, 600 patients, seed 42").
    pub title: CohortTitle,
    /// The markers, in column order.
    pub markers: Vec<MarkerInfo>,
    /// Patient identifiers.
    pub patient_ids: Vec<String>,
    /// Cancer entity names, for display.
    pub entities: Vec<String>,
    /// Cancer entity identifiers, as the cohort table and the encoder name them (same order
    /// as `entities`).
    pub entity_ids: Vec<String>,
    /// Entity of each patient, an index into `entities`.
    pub entity_of: Vec<u32>,
    /// Follow-up time in days; `NaN` for every patient when the cohort has no outcomes
    /// (`has_outcomes` false).
    pub time: Vec<f64>,
    /// Whether death was observed (`false`: censored); `false` for every patient when the
    /// cohort has no outcomes.
    pub event: Vec<bool>,
    /// Whether the patients have outcomes (time and event). A stored model explaining a
    /// file of new patients gives a session without: predictions and explanations only,
    /// and every view that needs survival times says so ([`Session::outcome_note`]).
    #[serde(default = "has_outcomes_by_default")]
    pub has_outcomes: bool,
    /// Raw marker values, NaN where missing.
    pub values: Vec<f32>,
    /// The model's log-risk per patient.
    pub risk: Vec<f32>,
    /// LRP relevance per patient and marker (encoded inputs summed back into markers).
    pub relevance: Vec<f32>,
    /// Sum over the network's biases of the relevance they absorbed, per patient.
    pub bias_relevance: Vec<f32>,
    /// Tertile cut-offs of the training patients' log-risk (low | intermediate | high).
    pub risk_cutoffs: [f32; 2],
    /// Training curve.
    pub history: Vec<EpochLine>,
    /// Harrell's C-index of the model on held-out patients; `NaN` without outcomes.
    pub test_cindex: f64,
    /// Which patients were held out from training (test and validation).
    pub held_out: Vec<bool>,
    /// The LRP rule used, in words.
    pub rule: String,
    /// The trained model, for what-if questions and survival curves.
    pub model: SessionModel,
    /// The planted truth, when the cohort is synthetic (teaching mode).
    pub truth: Option<PlantedTruth>,
    /// Where the network came from; for one trained in this job, what its model file needs
    /// besides `model` and `risk_cutoffs` (a few hundred bytes).
    #[serde(default)]
    pub origin: crate::core::origin::ModelOrigin,
    /// The models a statistician fits first, fitted on the same training patients as the
    /// network (empty when the session has none, e.g. a model file on a new cohort).
    #[serde(default)]
    pub baselines: Vec<BaselineRisk>,
    /// The linear Cox model of `baselines` with its coefficients and the preprocessing it
    /// reads, for its exact additive decomposition of a patient's log-risk; `None` where
    /// `baselines` has no linear model.
    #[serde(default)]
    pub linear_cox: Option<LinearCox>,
    /// A first look: the cohort's first patient alone, explained by a stored model as soon
    /// as the model and that patient's row exist, while the cohort's other patients (this
    /// many in all) are drawn and explained. Everything placed among the cohort (the
    /// percentile, the cohort's survival, the held-out C-index, the other views) waits for
    /// the whole session. `None` for a whole cohort.
    #[serde(default)]
    pub first_look_of: Option<usize>,
    /// What the cohort is about, for the page's wording.
    #[serde(default)]
    pub kind: CohortKind,
}

/// A baseline model's log-risk for every patient of the session, beside the network.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BaselineRisk {
    /// Which model.
    pub kind: survlens_model::BaselineKind,
    /// The ridge penalty its cross-validation chose.
    pub penalizer: f64,
    /// Log-risk per patient, `n`.
    pub risk: Vec<f32>,
}

/// The ridge linear Cox model fitted beside the network, as it scores patients: its own
/// preprocessing (the `auto` recipe's, fitted on the same training patients) and its
/// coefficients, one per input column of that preprocessing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinearCox {
    /// The preprocessing the model reads. Serialised as JSON text, as
    /// [`SessionModel::encoder`] is.
    #[serde(with = "encoder_as_json")]
    pub encoder: Encoder,
    /// The fitted model ([`survlens_model::BaselineKind::Linear`]).
    pub model: survlens_model::BaselineCox,
}

/// What the page needs of the trained model: the network, the preprocessing fitted on the
/// training patients, and the Breslow baseline for absolute survival.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionModel {
    /// The deep Cox network.
    pub network: CoxNet,
    /// The preprocessing fitted on the training patients. Crosses to the page as JSON text:
    /// its marker plans are internally tagged enums, which the worker's binary codec
    /// (bincode) cannot read back.
    #[serde(with = "encoder_as_json")]
    pub encoder: Encoder,
    /// Breslow baseline cumulative hazard of the training patients (time in days).
    pub baseline: BreslowBaseline,
    /// What the `auto` recipe chose, for a network it trained (here or in a model file).
    #[serde(default)]
    pub auto: Option<survlens_model::recipe::AutoChoice>,
}

/// The generator's truth for a synthetic cohort, aligned with the session's markers.
///
/// # Shapes
/// `contributions`: `n x m` (the session's markers; the entity column holds the entity's
/// baseline log-hazard term); `oracle_risk`: `n`; `importance`: `m`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlantedTruth {
    /// True log-hazard contribution of each marker for each patient (zero for a marker
    /// without a planted effect, which is not stored).
    pub contributions: SparseColumns,
    /// True importance of each marker: mean |contribution| over the cohort.
    pub importance: Vec<f32>,
    /// Whether each marker has a planted effect.
    pub prognostic: Vec<bool>,
    /// The effect function of each marker in words (empty for markers without effect).
    pub effect: Vec<String>,
    /// The planted interactions.
    pub interactions: Vec<PlantedInteraction>,
    /// True log cumulative hazard at the generator's horizon: the oracle risk.
    pub oracle_risk: Vec<f32>,
    /// Harrell's C-index of the oracle risk on the held-out test patients.
    pub oracle_test_cindex: f64,
    /// True log-hazard contribution of each planted interaction for each patient (`n x k`,
    /// `k` interactions, on the complete values).
    #[serde(default)]
    pub interaction_contributions: Vec<f32>,
    /// Per marker, the non-centrality of the oracle's test of its own effect at the size of
    /// the cohort it was drawn in (0 without an effect; the entity: `f64::MAX`).
    #[serde(default)]
    pub marker_noncentrality: Vec<f64>,
    /// Patients of that cohort.
    #[serde(default)]
    pub cohort_patients: usize,
    /// The generator's preset (`pan_cancer`, `teaching`, ...).
    #[serde(default)]
    pub preset: String,
}

/// An `n x width` row-major matrix of `f32` whose columns are mostly zero, holding only the
/// columns with a nonzero value: the planted truth's contributions, where about two markers
/// in three have no effect (at 100,000 patients of the pan-cancer cohort, 40 MB instead of
/// 140 MB).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SparseColumns {
    /// Rows.
    rows: usize,
    /// Columns of the whole matrix.
    width: usize,
    /// The stored columns, increasing.
    columns: Vec<usize>,
    /// Each whole column's place among the stored ones (`None`: all zeros).
    slot: Vec<Option<usize>>,
    /// `n x columns.len()`, row-major.
    values: Vec<f32>,
}

impl SparseColumns {
    /// The matrix of `n` rows whose row `i` is what `row(i, buffer)` writes into a buffer of
    /// `width` zeros. Asks for every row twice (once to find the nonzero columns, once to
    /// keep them) and never holds the whole matrix.
    pub fn from_rows(n: usize, width: usize, row: impl Fn(usize, &mut [f32])) -> Self {
        let mut buffer = vec![0.0f32; width];
        let fill = |i: usize, buffer: &mut [f32]| {
            buffer.fill(0.0);
            row(i, buffer);
        };
        let mut nonzero = vec![false; width];
        for i in 0..n {
            fill(i, &mut buffer);
            for (seen, &v) in nonzero.iter_mut().zip(&buffer) {
                *seen |= v != 0.0;
            }
        }
        let columns: Vec<usize> = (0..width).filter(|&j| nonzero[j]).collect();
        let mut slot = vec![None; width];
        for (k, &j) in columns.iter().enumerate() {
            slot[j] = Some(k);
        }
        let mut values = Vec::with_capacity(n * columns.len());
        for i in 0..n {
            fill(i, &mut buffer);
            values.extend(columns.iter().map(|&j| buffer[j]));
        }
        Self {
            rows: n,
            width,
            columns,
            slot,
            values,
        }
    }

    /// The matrix of a dense `n x width` row-major one.
    pub fn from_dense(dense: &[f32], width: usize) -> Self {
        let n = dense.len() / width.max(1);
        Self::from_rows(n, width, |i, row| {
            row.copy_from_slice(&dense[i * width..(i + 1) * width]);
        })
    }

    /// Rows.
    pub fn n_rows(&self) -> usize {
        self.rows
    }

    /// Columns of the whole matrix.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Values stored (the rows times the nonzero columns).
    pub fn stored(&self) -> usize {
        self.values.len()
    }

    /// Entry `(i, j)`: 0 for a column without a nonzero value or outside the matrix.
    pub fn get(&self, i: usize, j: usize) -> f32 {
        match self.slot.get(j) {
            Some(&Some(k)) => self
                .values
                .get(i * self.columns.len() + k)
                .copied()
                .unwrap_or(0.0),
            _ => 0.0,
        }
    }

    /// Row `i`, all `width` values; `None` beyond the rows.
    pub fn row(&self, i: usize) -> Option<Vec<f32>> {
        if i >= self.rows {
            return None;
        }
        let stored = self.columns.len();
        let mut out = vec![0.0; self.width];
        let kept = self.values.get(i * stored..(i + 1) * stored)?;
        for (&j, &v) in self.columns.iter().zip(kept) {
            out[j] = v;
        }
        Some(out)
    }
}

/// One planted interaction of a synthetic cohort.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlantedInteraction {
    /// Display name.
    pub name: String,
    /// The two markers, as indices into the session's markers.
    pub markers: [usize; 2],
    /// What the interaction does, in words.
    pub description: String,
    /// Non-centrality of the generator's oracle test of the interaction at the size of the
    /// cohort it was drawn in ([`survlens_synth::power`]).
    #[serde(default)]
    pub oracle_noncentrality: f64,
    /// Patients of that cohort.
    #[serde(default)]
    pub cohort_patients: usize,
}

impl PlantedInteraction {
    /// The oracle test's power with `patients` patients drawn the same way (level
    /// [`survlens_synth::ORACLE_ALPHA`]).
    pub fn oracle_power_at(&self, patients: usize) -> f64 {
        survlens_synth::power_at(self.oracle_noncentrality, self.cohort_patients, patients)
    }

    /// Whether the oracle test detects it with power at least
    /// [`survlens_synth::DETECTABLE_POWER`] with `patients` patients.
    pub fn detectable_at(&self, patients: usize) -> bool {
        self.oracle_power_at(patients) >= survlens_synth::DETECTABLE_POWER
    }
}

fn has_outcomes_by_default() -> bool {
    true
}

/// What the page's thread knows of the explained cohort on screen: its headings, its
/// markers and its model's held-out figures, a few kilobytes whatever the cohort's size.
/// Every number per patient stays in the worker, which the views ask.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionSummary {
    /// What this cohort is, for headings.
    pub title: CohortTitle,
    /// The markers, in column order.
    pub markers: Vec<MarkerInfo>,
    /// Number of patients.
    pub patients: usize,
    /// Whether the patients have outcomes ([`Session::has_outcomes`]).
    pub has_outcomes: bool,
    /// Tertile cut-offs of the training patients' log-risk.
    pub risk_cutoffs: [f32; 2],
    /// Harrell's C-index of the model on held-out patients; `NaN` without outcomes.
    pub test_cindex: f64,
    /// Whether every patient was held out from training (a network trained elsewhere).
    pub all_held_out: bool,
    /// The LRP rule used, in words.
    pub rule: String,
    /// The calibration slope of the model's baseline hazard (1: none applied).
    pub baseline_slope: f64,
    /// Where the network came from.
    pub origin: crate::core::origin::ModelOrigin,
    /// The generator's preset, for a synthetic cohort with planted truth.
    pub truth_preset: Option<String>,
    /// The patient the page opens this cohort on, and why ([`Session::opening`]).
    pub opening: Opening,
    /// See [`Session::first_look_of`]: the patients of the cohort being explained, when
    /// this is a first look at its first patient.
    pub first_look_of: Option<usize>,
    /// What the cohort is about ([`Session::kind`]), for the page's wording.
    pub kind: CohortKind,
    /// The patient search's example from the cohort itself: the first patient's id and its
    /// group ([`SessionSummary::search_placeholder_in`]).
    pub search_example: (String, Option<String>),
}

/// The patient a cohort opens on ([`Session::opening`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opening {
    /// The patient's index in the session.
    pub index: usize,
    /// Why this patient.
    pub reason: OpeningReason,
}

/// Why a cohort opens on its patient; the page says it beside the patient.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OpeningReason {
    /// The cohort's first patient, explained alone while the other patients of the cohort
    /// (`of` in all) are drawn and explained ([`Session::first_look_of`]).
    FirstLook {
        /// The number of patients of the whole cohort.
        of: usize,
    },
    /// The highest-risk of the `held_out` patients the model did not train on: its
    /// explanation is not one of a patient the network was fitted to.
    HighestRiskHeldOut {
        /// The number of held-out patients.
        held_out: usize,
    },
    /// The highest-risk patient, the patient list's first row (the session does not tell
    /// training from held-out patients).
    HighestRisk,
}

impl Opening {
    /// The sentence beside the patient the page opened on, in `lang`: why this patient is
    /// shown first, in a session of `patients` patients.
    pub fn sentence_in(&self, lang: Lang, patients: usize) -> String {
        let count = |n: usize| Arg::Count(n as u64);
        match self.reason {
            OpeningReason::FirstLook { of } => {
                lang.t_with("ui-patient-opened-first-look", &[("patients", count(of))])
            }
            OpeningReason::HighestRiskHeldOut { held_out } => lang.t_with(
                "ui-patient-opened-held-out",
                &[("held-out", count(held_out)), ("patients", count(patients))],
            ),
            OpeningReason::HighestRisk => lang.t("ui-patient-opened-highest"),
        }
    }
}

impl SessionSummary {
    /// Number of patients.
    pub fn n_patients(&self) -> usize {
        self.patients
    }

    /// Number of markers.
    pub fn n_markers(&self) -> usize {
        self.markers.len()
    }

    /// The patient search's example in `lang`: the first patient's id, and its group when
    /// the cohort has groups ("e.g. P00001 or lung").
    pub fn search_placeholder_in(&self, lang: Lang) -> String {
        let (id, group) = &self.search_example;
        self.kind.search_placeholder_in(id, group.as_deref(), lang)
    }

    /// See [`Session::outcome_note`].
    pub fn outcome_note(&self, needs: OutcomeNeed, lang: Lang) -> Option<String> {
        (!self.has_outcomes).then(|| needs.note_in(lang))
    }
}

/// A session that breaks the shape invariants stated on [`Session`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ShapeError {
    /// A per-patient (or per patient and marker) field of the wrong length.
    #[error("{field} has {found} entries where {expected} are needed")]
    Length {
        /// The field.
        field: &'static str,
        /// The entries it must have.
        expected: usize,
        /// The entries it has.
        found: usize,
    },
    /// A patient's entity index beyond the entities.
    #[error("entity index {index} is beyond the {entities} entities")]
    Entity {
        /// The index.
        index: usize,
        /// The entities there are.
        entities: usize,
    },
}

impl ShapeError {
    /// A stable machine-readable name of the problem kind; it never changes with the
    /// wording.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Length { .. } => "session_length",
            Self::Entity { .. } => "session_entity",
        }
    }
}

impl Describe for ShapeError {
    fn message(&self) -> Message {
        match self {
            Self::Length {
                field,
                expected,
                found,
            } => Message::new(
                "error-shape-length",
                vec![
                    ("field", MessageArg::text(field)),
                    ("expected", MessageArg::text(expected)),
                    ("found", MessageArg::text(found)),
                ],
            ),
            Self::Entity { index, entities } => Message::new(
                "error-shape-entity",
                vec![
                    ("index", MessageArg::text(index)),
                    ("entities", MessageArg::text(entities)),
                ],
            ),
        }
    }
}

/// Patients encoded at once when the cohort is streamed through the encoder
/// ([`Session::input_order_statistics`]): 5 MB of inputs for the default model's 626.
pub const ENCODE_CHUNK: usize = 2_048;

/// The explanation every session of a job uses, in words ([`Session::rule`]).
pub const STUDY_RULE: &str = "LRP, the study's sign-aware gamma rule (gamma 0.01)";

/// The session's LRP rule in words ([`Session::rule`]) as `lang` writes it: the study's
/// rule from the catalogue, another rule (a model file's) as the session names it.
pub fn rule_in(rule: &str, lang: Lang) -> String {
    if rule == STUDY_RULE {
        lang.t("vm-teaching-rule-study")
    } else {
        rule.to_owned()
    }
}

/// What a view cannot show on a cohort without outcomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum OutcomeNeed {
    /// The Kaplan-Meier curves of the risk groups.
    RiskGroupSurvival,
    /// The model's C-index.
    CIndex,
}

impl OutcomeNeed {
    /// What a view shows instead, in `lang`: one sentence naming what cannot be shown and
    /// why ("This file has no survival times or events …, so survival by risk group cannot
    /// be shown …").
    pub fn note_in(self, lang: Lang) -> String {
        let needs = match self {
            Self::RiskGroupSurvival => lang.t("vm-outcome-needs-survival"),
            Self::CIndex => lang.t("vm-outcome-needs-c-index"),
        };
        lang.t_with("vm-outcome-note", &[("needs", Arg::Text(&needs))])
    }
}

impl std::fmt::Display for OutcomeNeed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.note_in(Lang::En))
    }
}

impl Describe for OutcomeNeed {
    fn message(&self) -> Message {
        let needs = Message::plain(match self {
            Self::RiskGroupSurvival => "vm-outcome-needs-survival",
            Self::CIndex => "vm-outcome-needs-c-index",
        });
        Message::new(
            "vm-outcome-note",
            vec![("needs", MessageArg::Nested(Box::new(needs)))],
        )
    }
}

impl Session {
    /// What a view that needs outcomes shows instead on a session without them, in
    /// `lang` ([`OutcomeNeed::note_in`]); `None` when the session has outcomes.
    pub fn outcome_note(&self, needs: OutcomeNeed, lang: Lang) -> Option<String> {
        (!self.has_outcomes).then(|| needs.note_in(lang))
    }

    /// The network inputs of the session's `patients` (indices, in that order), encoded
    /// from their raw values with the session's fitted encoder, as the job encoded them to
    /// explain them: a `patients.len() x n_inputs` row-major matrix. No view or search
    /// holds the whole cohort encoded; each encodes the patients it needs, or streams the
    /// cohort in chunks ([`Session::input_order_statistics`]).
    ///
    /// # Errors
    /// [`ComputeError::Data`] when the encoder refuses the values.
    pub fn encode_patients(&self, patients: &[usize]) -> Result<Vec<f32>, ComputeError> {
        let m = self.n_markers();
        let n = self.n_patients();
        let mut rows: Vec<&[f32]> = Vec::with_capacity(patients.len());
        let mut entity = Vec::with_capacity(patients.len());
        for &i in patients {
            let row = (i < n)
                .then(|| self.values.get(i * m..(i + 1) * m))
                .flatten();
            match (row, self.entity_of.get(i)) {
                (Some(row), Some(&e)) => {
                    rows.push(row);
                    entity.push(e);
                }
                _ => {
                    return Err(survlens_model::ModelError::RowOutOfRange {
                        context: "encoded patient",
                        row: i,
                        rows: n,
                    }
                    .into());
                }
            }
        }
        self.encode_values(&rows, entity)
    }

    /// Order statistics `ranks` (0-based, [`f32::total_cmp`]'s order) of every network input
    /// over the cohort, read in chunks of [`ENCODE_CHUNK`] patients encoded in turn, never
    /// the whole cohort at once ([`crate::core::stats::column_order_statistics`]):
    /// `out[input][r]`.
    ///
    /// # Errors
    /// [`ComputeError::Data`] when the encoder refuses the values.
    pub fn input_order_statistics(&self, ranks: &[usize]) -> Result<Vec<Vec<f32>>, ComputeError> {
        let p = self.model.encoder.n_features();
        crate::core::stats::column_order_statistics(
            self.n_patients(),
            p,
            ranks,
            ENCODE_CHUNK,
            |range| self.encode_patients(&range.collect::<Vec<usize>>()),
            |expected, found| {
                survlens_xai::XaiError::Shape {
                    what: "input matrix",
                    expected,
                    found,
                }
                .into()
            },
        )
    }

    /// Patients given by their raw values encoded with the session's fitted encoder: a
    /// `rows.len() x n_inputs` row-major matrix. Each row holds one value per marker in the
    /// session's order (NaN for missing, a level's index for a categorical marker);
    /// `entity` holds each patient's entity code ([`Categorical::MISSING`] when unknown).
    /// The encoder reads no id, time or event, so the cohort it is given has placeholders.
    ///
    /// # Errors
    /// [`ComputeError::Data`] when the encoder refuses the values.
    pub fn encode_values(
        &self,
        rows: &[&[f32]],
        entity: Vec<u32>,
    ) -> Result<Vec<f32>, ComputeError> {
        self.encode_values_with(&self.model.encoder, rows, entity)
    }

    /// As [`Session::encode_values`], with `encoder` (fitted on this session's markers, as
    /// the linear Cox model's preprocessing is) instead of the network's.
    ///
    /// # Errors
    /// [`ComputeError::Data`] when the encoder refuses the values.
    pub fn encode_values_with(
        &self,
        encoder: &Encoder,
        rows: &[&[f32]],
        entity: Vec<u32>,
    ) -> Result<Vec<f32>, ComputeError> {
        let n = rows.len();
        let marker_of: HashMap<&str, usize> = self
            .markers
            .iter()
            .enumerate()
            .map(|(j, info)| (info.id.as_str(), j))
            .collect();
        let mut cohort = Cohort::new(
            (0..n).map(|i| i.to_string()).collect(),
            vec![1.0; n],
            vec![false; n],
        )?;
        if let Some(e) = encoder.entity() {
            let codes = Categorical::new(entity, self.entity_ids.clone())?;
            cohort = cohort.with_entity(&e.name, codes)?;
        }
        for plan in encoder.markers() {
            let j = marker_of.get(plan.name.as_str()).copied();
            let values: Vec<f32> = rows
                .iter()
                .map(|row| j.and_then(|j| row.get(j).copied()).unwrap_or(f32::NAN))
                .collect();
            let marker = match &plan.encoding {
                MarkerEncoding::Numeric { .. } => Marker::numeric(&plan.name, values)?,
                MarkerEncoding::Binary { .. } => Marker::binary(&plan.name, values)?,
                MarkerEncoding::Categorical { .. } => {
                    let levels = j
                        .map(|j| self.markers[j].levels.clone())
                        .unwrap_or_default();
                    let codes = values
                        .iter()
                        .map(|&v| {
                            if v.is_nan() || v < 0.0 || v as usize >= levels.len() {
                                Categorical::MISSING
                            } else {
                                v as u32
                            }
                        })
                        .collect();
                    Marker::categorical(&plan.name, Categorical::new(codes, levels)?)
                }
            };
            cohort = cohort.with_marker(marker)?;
        }
        Ok(encoder.transform(cohort.view())?.design.into_vec())
    }

    /// What the page holds of this session.
    pub fn summary(&self) -> SessionSummary {
        SessionSummary {
            title: self.title.clone(),
            markers: self.markers.clone(),
            patients: self.n_patients(),
            has_outcomes: self.has_outcomes,
            risk_cutoffs: self.risk_cutoffs,
            test_cindex: self.test_cindex,
            all_held_out: self.held_out.iter().all(|&h| h),
            rule: self.rule.clone(),
            baseline_slope: self.model.baseline.slope(),
            origin: self.origin.clone(),
            truth_preset: self.truth.as_ref().map(|t| t.preset.clone()),
            opening: self.opening(),
            first_look_of: self.first_look_of,
            kind: self.kind.clone(),
            search_example: self.search_example(),
        }
    }

    /// The patient search's example's parts: the first patient's id and its group.
    fn search_example(&self) -> (String, Option<String>) {
        let id = self.patient_ids.first().cloned().unwrap_or_default();
        let group = self
            .entity_of
            .first()
            .and_then(|&e| self.entities.get(e as usize))
            .cloned();
        (id, group)
    }

    /// The group name of patient `i` for display: empty when the cohort has no grouping
    /// column.
    pub fn group_of(&self, i: usize) -> String {
        if self.kind.group.is_none() {
            return String::new();
        }
        self.entity_of
            .get(i)
            .and_then(|&e| self.entities.get(e as usize))
            .cloned()
            .unwrap_or_default()
    }

    /// The patient shown first: the highest-risk held-out patient, whose explanation the
    /// model did not see during training; the highest-risk patient (the patient list's
    /// first row) when every patient or none was held out; 0 for an empty session.
    pub fn first_patient(&self) -> usize {
        let held_out = |i: usize| self.held_out.get(i).copied().unwrap_or(false);
        let n = self.n_patients();
        let n_held_out = (0..n).filter(|&i| held_out(i)).count();
        let among = |i: &usize| n_held_out == 0 || n_held_out == n || held_out(*i);
        // Ties go to the lower index, as in the patient list.
        (0..n)
            .filter(among)
            .max_by(|&a, &b| self.risk[a].total_cmp(&self.risk[b]).then(b.cmp(&a)))
            .unwrap_or(0)
    }

    /// The patient the page opens this cohort on ([`Session::first_patient`]) and why, so
    /// that the page can say it beside the patient.
    pub fn opening(&self) -> Opening {
        let index = self.first_patient();
        let held_out = self.held_out.iter().filter(|&&h| h).count();
        let reason = match self.first_look_of {
            Some(of) => OpeningReason::FirstLook { of },
            None if held_out == 0 || held_out == self.n_patients() => OpeningReason::HighestRisk,
            None => OpeningReason::HighestRiskHeldOut { held_out },
        };
        Opening { index, reason }
    }

    /// Whether the model was fitted on patient `i`: `Some(true)` for a training patient,
    /// `Some(false)` for a held-out one, `None` when the session does not tell them apart
    /// (every patient held out, a network trained elsewhere; or a first look, before the
    /// cohort's split is known).
    pub fn trained_on(&self, i: usize) -> Option<bool> {
        if self.first_look_of.is_some() || self.held_out.iter().all(|&h| h) {
            return None;
        }
        self.held_out.get(i).map(|&h| !h)
    }

    /// Number of patients.
    pub fn n_patients(&self) -> usize {
        self.patient_ids.len()
    }

    /// Number of markers.
    pub fn n_markers(&self) -> usize {
        self.markers.len()
    }

    /// The raw values of patient `i`, one per marker.
    pub fn values_of(&self, i: usize) -> &[f32] {
        let m = self.n_markers();
        &self.values[i * m..(i + 1) * m]
    }

    /// The relevances of patient `i`, one per marker.
    pub fn relevance_of(&self, i: usize) -> &[f32] {
        let m = self.n_markers();
        &self.relevance[i * m..(i + 1) * m]
    }

    /// Checks the shape invariants stated on the type; a session that fails them is never
    /// shown.
    pub fn check_shapes(&self) -> Result<(), ShapeError> {
        let n = self.n_patients();
        let m = self.n_markers();
        let per_patient = [
            ("entity_of", self.entity_of.len()),
            ("time", self.time.len()),
            ("event", self.event.len()),
            ("risk", self.risk.len()),
            ("bias_relevance", self.bias_relevance.len()),
            ("held_out", self.held_out.len()),
        ];
        for (name, len) in per_patient {
            if len != n {
                return Err(ShapeError::Length {
                    field: name,
                    expected: n,
                    found: len,
                });
            }
        }
        for (name, len) in [
            ("values", self.values.len()),
            ("relevance", self.relevance.len()),
        ] {
            if len != n * m {
                return Err(ShapeError::Length {
                    field: name,
                    expected: n * m,
                    found: len,
                });
            }
        }
        if let Some(e) = self
            .entity_of
            .iter()
            .find(|&&e| e as usize >= self.entities.len())
        {
            return Err(ShapeError::Entity {
                index: *e as usize,
                entities: self.entities.len(),
            });
        }
        Ok(())
    }
}

/// Serialises an [`Encoder`] as its JSON text, so formats that are not self-describing
/// (bincode, between the worker and the page) can carry it.
mod encoder_as_json {
    use serde::{Deserialize, Deserializer, Serializer, de::Error as _, ser::Error as _};
    use survlens_data::Encoder;

    pub fn serialize<S: Serializer>(encoder: &Encoder, s: S) -> Result<S::Ok, S::Error> {
        let text = serde_json::to_string(encoder).map_err(S::Error::custom)?;
        s.serialize_str(&text)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Encoder, D::Error> {
        let text = String::deserialize(d)?;
        serde_json::from_str(&text).map_err(D::Error::custom)
    }
}

/// A modality's name in `lang`: the marker dictionary's modalities and the page's own
/// ("Cohort data") translated, any other as it is.
pub fn modality_in(modality: &str, lang: Lang) -> String {
    let key = match modality {
        "Demographics" => "vm-modality-demographics",
        "Vital signs and examination" => "vm-modality-vital-signs",
        "Laboratory" => "vm-modality-laboratory",
        "Clinical records" => "vm-modality-clinical-records",
        "Treatment" => "vm-modality-treatment",
        "CT body composition" => "vm-modality-body-composition",
        "Tumour mutations" => "vm-modality-mutations",
        "Cohort data" => "vm-modality-cohort-data",
        other => return other.to_owned(),
    };
    lang.t(key)
}

/// A categorical marker's level in `lang`: "no", "yes" and the synthetic cohorts' other words
/// translated, a cancer entity of the synthetic cohorts by its German name, any other level
/// as the data names it.
pub fn level_in(level: &str, lang: Lang) -> String {
    match level {
        "no" => lang.t("vm-level-no"),
        "yes" => lang.t("vm-level-yes"),
        // The synthetic cohorts' levels that are words (smoking status, prior lines).
        "never" => lang.t("vm-level-never"),
        "former" => lang.t("vm-level-former"),
        "current" => lang.t("vm-level-current"),
        "none" => lang.t("vm-level-none"),
        other => entity_name_in(other, lang),
    }
}

/// A cancer entity's name in `lang`: the synthetic cohorts' entities (their English names)
/// by their German names, any other as it is.
pub fn entity_name_in(name: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return name.to_owned();
    }
    [
        survlens_synth::Preset::PanCancer,
        survlens_synth::Preset::Teaching,
        survlens_synth::Preset::Additive,
    ]
    .into_iter()
    .flat_map(survlens_synth::entities)
    .find(|e| e.name == name)
    .map_or_else(|| name.to_owned(), |e| e.name_de.to_owned())
}

#[cfg(test)]
mod tests {
    use super::SparseColumns;

    #[test]
    fn sparse_columns_give_back_the_dense_matrix_and_store_only_nonzero_columns() {
        // 4 x 5: columns 1 and 3 all zero (one of them a negative zero), column 4 nonzero
        // in one row only.
        let dense = [
            1.0, 0.0, -2.0, 0.0, 0.0, //
            0.5, 0.0, 0.0, -0.0, 0.0, //
            -1.5, 0.0, 3.0, 0.0, 0.0, //
            0.0, 0.0, 1.0, 0.0, 7.0,
        ];
        let sparse = SparseColumns::from_dense(&dense, 5);
        assert_eq!((sparse.n_rows(), sparse.width()), (4, 5));
        assert_eq!(sparse.stored(), 4 * 3);
        for i in 0..4 {
            let row = sparse.row(i).unwrap();
            assert_eq!(row, dense[i * 5..(i + 1) * 5].to_vec());
            for j in 0..5 {
                assert_eq!(sparse.get(i, j), dense[i * 5 + j]);
            }
        }
        assert_eq!(sparse.row(4), None);
        assert_eq!(sparse.get(9, 0), 0.0);
        assert_eq!(sparse.get(0, 9), 0.0);
        // All zeros: nothing stored, every row still there.
        let zeros = SparseColumns::from_dense(&[0.0; 6], 3);
        assert_eq!((zeros.n_rows(), zeros.stored()), (2, 0));
        assert_eq!(zeros.row(1), Some(vec![0.0; 3]));
        assert_eq!(zeros.row(2), None);
    }
}
