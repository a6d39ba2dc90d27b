//! The survlens model file: everything needed to apply a trained deep Cox network to a new
//! cohort and to say how good it was, in one versioned JSON document.
//!
//! # What a model file holds
//! A [`ModelBundle`]: the outcome and id column names with the time unit, the marker and
//! input-feature names, the fitted preprocessing ([`Encoder`]), the network (architecture,
//! weights and biases), the training setting ([`TrainConfig`]), the Breslow baseline (so
//! survival probabilities can be predicted), the risk-group cut-offs fixed on the training
//! patients, the cross-validated metrics, and the list of cancer entities.
//!
//! # Layout and versioning
//! ```json
//! { "format": "survlens-model", "version": 1, "software": "survlens-model 0.1.0",
//!   "columns": {...}, "markers": [...], "features": [...], "entities": [...],
//!   "encoder": {...},
//!   "network": { "architecture": {...},
//!                "layers": [ { "n_in": 7, "n_out": 70,
//!                              "weight": { "encoding": "f32", "values": [...] },
//!                              "bias":   { "encoding": "f32", "values": [...] } }, ... ] },
//!   "training": {...}, "baseline": {...}, "risk_groups": {...}, "metrics": {...},
//!   "marker_labels": [ { "marker": "num_karno", "label": "Karnofsky score", "unit": "%" } ] }
//! ```
//! `marker_labels` (how the page names the markers, as given when the model was trained)
//! is optional: absent in files without labels and in files written before it existed,
//! which read as before.
//! Weights are PyTorch's `out x in` row-major layout. `version` changes only when a reader
//! of an older version would misread a file; fields added later are optional and ignored by
//! older readers (unknown fields are ignored on decode).
//!
//! # Compact weight storage
//! Every weight and bias array is a [`StoredTensor`] tagged with its `encoding`. Version 1
//! writes [`WeightEncoding::F32`] by default: the values as JSON numbers, each printed with
//! the shortest text that reads back to the same `f32`, so a round trip is bit-exact.
//! [`WeightEncoding::F16Base64`] (the page's embedded default model) stores each value as
//! an IEEE 754 half-precision number (round to nearest even), little-endian, the bytes as
//! one standard base64 string: 2.7 bytes of text per value instead of about 11, at a
//! relative rounding error of at most 2^-11 (4.9e-4) for values of magnitude 6.1e-5 to
//! 65,504. A reader that predates an encoding refuses such a file with a
//! [`BundleError::Schema`] naming the unknown encoding.
//!
//! # Decoding is validation
//! [`ModelBundle::from_json`] refuses, each with its own [`BundleError`] variant: a file
//! that is not a survlens model, an unsupported version, truncated or malformed JSON (with
//! line and column), missing or mistyped fields, layer shapes that do not chain or do not
//! match the encoder's input count, weights that are NaN or infinite (JSON `null` or a
//! number beyond the `f32` range), an invalid baseline, preprocessing or risk groups.

mod build;

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use survlens_data::{
    Cohort, ColumnRoles, DataError, Describe, Encoder, FeatureMap, Message, MessageArg, RangeFlag,
};

use crate::ModelError;
use crate::baseline::BreslowBaseline;
use crate::comparison::FittedBaselines;
use crate::error::{as_written, phrase};
use crate::network::{Architecture, CoxNet, Dense};
use crate::recipe::{AutoChoice, Recipe};
use crate::risk_groups::RiskGroups;
use crate::train::TrainConfig;

pub use build::{BuildProgress, BuildSettings, BuildStage, build_bundle, out_of_fold_metrics};

/// The `format` field of every survlens model file.
pub const FORMAT: &str = "survlens-model";

/// The model-file version this library writes and reads.
pub const VERSION: u32 = 1;

/// Everything that can be wrong with a model file, or with building or applying one.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum BundleError {
    /// The text ends before the JSON document does (a partly copied or downloaded file).
    #[error(
        "model file: the JSON ends early at line {line}, column {column}; the file is truncated"
    )]
    Truncated {
        /// 1-based line of the end.
        line: usize,
        /// 1-based column of the end.
        column: usize,
    },
    /// The text is not valid JSON.
    #[error("model file: invalid JSON at line {line}, column {column}: {description}")]
    Malformed {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The JSON parser's own description.
        description: String,
    },
    /// Valid JSON that is not a survlens model file.
    #[error("not a survlens model file: \"format\" is {found}, expected \"{FORMAT}\"")]
    NotAModelFile {
        /// What the `format` field holds (`missing` when absent), as JSON text.
        found: String,
    },
    /// A survlens model file of a version this library cannot read.
    #[error("model file version {found} is not supported; this survlens reads version {supported}")]
    UnsupportedVersion {
        /// The `version` field as JSON text.
        found: String,
        /// The version this library reads.
        supported: u32,
    },
    /// A model file with a missing, mistyped or unknown-variant field.
    #[error("model file: at line {line}, column {column}: {description}")]
    Schema {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The JSON parser's own description, naming the field.
        description: String,
    },
    /// The model file written so far is not one JSON object, so a member cannot be added.
    #[error("model file: the document does not end with '}}', so a member cannot be added")]
    NotAnObject,
    /// A layer whose stored arrays do not fit its shape, or layers that do not chain.
    #[error("model file: network layer {layer}: {refusal}")]
    LayerShape {
        /// 0-based layer, input side first.
        layer: usize,
        /// The network's own refusal.
        refusal: ModelError,
    },
    /// The stored architecture is not a valid one.
    #[error("model file: the architecture is invalid: {0}")]
    InvalidArchitecture(ModelError),
    /// The stored architecture does not describe the stored layers.
    #[error(
        "model file: the architecture does not match the layers: the architecture has \
         {architecture_inputs} inputs and hidden widths {}, the layers {layer_inputs} inputs \
         and hidden widths {}",
        widths(.architecture_hidden),
        widths(.layer_hidden)
    )]
    ArchitectureMismatch {
        /// The architecture's inputs.
        architecture_inputs: usize,
        /// Its hidden widths, input side first.
        architecture_hidden: Vec<usize>,
        /// The layers' inputs.
        layer_inputs: usize,
        /// Their hidden widths.
        layer_hidden: Vec<usize>,
    },
    /// The preprocessing makes a different number of inputs than the network takes.
    #[error(
        "model file: the preprocessing makes {encoder_features} inputs but the network takes \
         {network_inputs}"
    )]
    InputWidth {
        /// Number of encoded features.
        encoder_features: usize,
        /// Number of network inputs.
        network_inputs: usize,
    },
    /// A weight or bias that is NaN or infinite.
    #[error(
        "model file: network layer {layer}, {parameter} {index} is {value}, not a finite number"
    )]
    NonFiniteWeight {
        /// 0-based layer.
        layer: usize,
        /// `"weight"` or `"bias"`.
        parameter: &'static str,
        /// Index in the layer's row-major array.
        index: usize,
        /// The value read (`NaN` for JSON `null`).
        value: f32,
    },
    /// The file lists another number of marker or feature names than the encoder has.
    #[error(
        "model file: the {what} names do not match the preprocessing: {listed} listed, \
         {expected} in the preprocessing"
    )]
    NamesCount {
        /// `"marker"` or `"feature"`.
        what: &'static str,
        /// Names listed.
        listed: usize,
        /// Names in the preprocessing.
        expected: usize,
    },
    /// A listed marker or feature name is not the encoder's.
    #[error(
        "model file: the {what} names do not match the preprocessing: position {position} \
         lists \"{listed}\" where the preprocessing has \"{expected}\""
    )]
    NamesMismatch {
        /// `"marker"` or `"feature"`.
        what: &'static str,
        /// The first position that differs (0-based).
        position: usize,
        /// The name listed there.
        listed: String,
        /// The preprocessing's name there.
        expected: String,
    },
    /// The stored preprocessing is inconsistent.
    #[error("model file: preprocessing: {0}")]
    InvalidEncoder(DataError),
    /// The stored Breslow baseline is not a cumulative hazard.
    #[error("model file: baseline hazard: {0}")]
    InvalidBaseline(ModelError),
    /// The stored risk-group cut-offs are not usable.
    #[error("model file: risk groups: {0}")]
    InvalidRiskGroups(ModelError),
    /// Risk groups with another number of labels than groups.
    #[error(
        "model file: risk groups: {cut_offs} cut-offs make {groups} groups but {labels} labels are given"
    )]
    RiskGroupLabels {
        /// The cut-offs.
        cut_offs: usize,
        /// The groups they make.
        groups: usize,
        /// The labels given.
        labels: usize,
    },
    /// A risk-group label used twice.
    #[error("model file: risk groups: the label \"{label}\" is used twice")]
    RepeatedLabel {
        /// The label.
        label: String,
    },
    /// The stored training setting is out of range.
    #[error("model file: training setting: {0}")]
    InvalidTraining(ModelError),
    /// A marker label for a marker the model does not read, or a second label for one.
    #[error(
        "model file: the label \"{label}\" is for the marker \"{marker}\", {}",
        if *.repeated { "which already has a label" } else { "which the model does not read" }
    )]
    MarkerLabel {
        /// The marker named.
        marker: String,
        /// The label given.
        label: String,
        /// Whether the marker has a label already (otherwise: it is no marker of the model).
        repeated: bool,
    },
    /// A cohort problem while building or applying a model (markers missing, wrong kind).
    #[error("{0}")]
    Data(#[from] DataError),
    /// A modelling problem while building or applying a model.
    #[error("{0}")]
    Model(#[from] ModelError),
}

impl BundleError {
    /// A stable machine-readable name of the problem kind (the variant in snake case,
    /// `"truncated"`, `"non_finite_weight"`, ...), for the command line's output and for
    /// tests; it never changes with the wording.
    pub fn code(&self) -> &'static str {
        match self {
            BundleError::Truncated { .. } => "truncated",
            BundleError::Malformed { .. } => "malformed",
            BundleError::NotAModelFile { .. } => "not_a_model_file",
            BundleError::UnsupportedVersion { .. } => "unsupported_version",
            BundleError::Schema { .. } => "schema",
            BundleError::LayerShape { .. } => "layer_shape",
            BundleError::ArchitectureMismatch { .. } => "architecture_mismatch",
            BundleError::InvalidArchitecture(_) => "invalid_architecture",
            BundleError::NotAnObject => "not_an_object",
            BundleError::NamesCount { .. } => "names_count",
            BundleError::RiskGroupLabels { .. } => "risk_group_labels",
            BundleError::RepeatedLabel { .. } => "repeated_label",
            BundleError::InputWidth { .. } => "input_width",
            BundleError::NonFiniteWeight { .. } => "non_finite_weight",
            BundleError::NamesMismatch { .. } => "names_mismatch",
            BundleError::InvalidEncoder(_) => "invalid_encoder",
            BundleError::InvalidBaseline(_) => "invalid_baseline",
            BundleError::InvalidRiskGroups { .. } => "invalid_risk_groups",
            BundleError::InvalidTraining(_) => "invalid_training",
            BundleError::MarkerLabel { .. } => "marker_label",
            BundleError::Data(_) => "data",
            BundleError::Model(_) => "model",
        }
    }

    /// Classifies a `serde_json` error by what went wrong.
    fn from_json(e: &serde_json::Error) -> Self {
        let (line, column) = (e.line(), e.column());
        match e.classify() {
            serde_json::error::Category::Eof => BundleError::Truncated { line, column },
            serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
                BundleError::Malformed {
                    line,
                    column,
                    description: strip_position(e),
                }
            }
            serde_json::error::Category::Data => BundleError::Schema {
                line,
                column,
                description: strip_position(e),
            },
        }
    }
}

impl Describe for BundleError {
    fn message(&self) -> Message {
        let at = |line: &usize, column: &usize| {
            vec![
                ("line", MessageArg::text(line)),
                ("column", MessageArg::text(column)),
            ]
        };
        let described = |line, column, description| {
            let mut args = at(line, column);
            args.push(("description", MessageArg::text(description)));
            args
        };
        let cause = |key, cause: MessageArg| Message::new(key, vec![("reason", cause)]);
        match self {
            Self::Truncated { line, column } => {
                Message::new("model-bundle-truncated", at(line, column))
            }
            Self::Malformed {
                line,
                column,
                description,
            } => Message::new(
                "model-bundle-malformed",
                described(line, column, description),
            ),
            Self::NotAModelFile { found } => Message::new(
                "model-bundle-not-a-model-file",
                vec![
                    ("found", phrase(found)),
                    ("expected", MessageArg::text(FORMAT)),
                ],
            ),
            Self::UnsupportedVersion { found, supported } => Message::new(
                "model-bundle-unsupported-version",
                vec![
                    ("found", phrase(found)),
                    ("supported", MessageArg::text(supported)),
                ],
            ),
            Self::Schema {
                line,
                column,
                description,
            } => Message::new("model-bundle-schema", described(line, column, description)),
            Self::NotAnObject => Message::plain("model-bundle-not-an-object"),
            Self::LayerShape { layer, refusal } => Message::new(
                "model-bundle-layer-shape",
                vec![
                    ("layer", MessageArg::text(layer)),
                    ("refusal", MessageArg::nested(refusal)),
                ],
            ),
            Self::InvalidArchitecture(e) => {
                cause("model-bundle-invalid-architecture", MessageArg::nested(e))
            }
            Self::ArchitectureMismatch {
                architecture_inputs,
                architecture_hidden,
                layer_inputs,
                layer_hidden,
            } => Message::new(
                "model-bundle-architecture-mismatch",
                vec![
                    ("architecture_inputs", MessageArg::text(architecture_inputs)),
                    (
                        "architecture_hidden",
                        MessageArg::text(widths(architecture_hidden)),
                    ),
                    ("layer_inputs", MessageArg::text(layer_inputs)),
                    ("layer_hidden", MessageArg::text(widths(layer_hidden))),
                ],
            ),
            Self::InputWidth {
                encoder_features,
                network_inputs,
            } => Message::new(
                "model-bundle-input-width",
                vec![
                    ("encoder_features", MessageArg::text(encoder_features)),
                    ("network_inputs", MessageArg::text(network_inputs)),
                ],
            ),
            Self::NonFiniteWeight {
                layer,
                parameter,
                index,
                value,
            } => Message::new(
                "model-bundle-non-finite-weight",
                vec![
                    ("layer", MessageArg::text(layer)),
                    ("parameter", phrase(parameter)),
                    ("index", MessageArg::text(index)),
                    ("value", as_written(value.to_string())),
                ],
            ),
            Self::NamesCount {
                what,
                listed,
                expected,
            } => Message::new(
                "model-bundle-names-count",
                vec![
                    ("what", MessageArg::text(what)),
                    ("listed", MessageArg::text(listed)),
                    ("expected", MessageArg::text(expected)),
                ],
            ),
            Self::NamesMismatch {
                what,
                position,
                listed,
                expected,
            } => Message::new(
                "model-bundle-names-mismatch",
                vec![
                    ("what", MessageArg::text(what)),
                    ("position", MessageArg::text(position)),
                    ("listed", MessageArg::text(listed)),
                    ("expected", MessageArg::text(expected)),
                ],
            ),
            Self::InvalidEncoder(e) => cause("model-bundle-invalid-encoder", MessageArg::nested(e)),
            Self::InvalidBaseline(e) => {
                cause("model-bundle-invalid-baseline", MessageArg::nested(e))
            }
            Self::InvalidRiskGroups(e) => {
                cause("model-bundle-invalid-risk-groups", MessageArg::nested(e))
            }
            Self::RiskGroupLabels {
                cut_offs,
                groups,
                labels,
            } => Message::new(
                "model-bundle-risk-group-labels",
                vec![
                    ("cut_offs", MessageArg::text(cut_offs)),
                    ("groups", MessageArg::text(groups)),
                    ("labels", MessageArg::text(labels)),
                ],
            ),
            Self::RepeatedLabel { label } => Message::new(
                "model-bundle-repeated-label",
                vec![("label", MessageArg::text(label))],
            ),
            Self::InvalidTraining(e) => {
                cause("model-bundle-invalid-training", MessageArg::nested(e))
            }
            Self::MarkerLabel {
                marker,
                label,
                repeated,
            } => Message::new(
                "model-bundle-marker-label",
                vec![
                    ("label", MessageArg::text(label)),
                    ("marker", MessageArg::text(marker)),
                    ("repeated", MessageArg::text(repeated)),
                ],
            ),
            Self::Data(e) => cause("model-bundle-data", MessageArg::nested(e)),
            Self::Model(e) => cause("model-bundle-model", MessageArg::nested(e)),
        }
    }
}

/// `serde_json`'s message without its trailing " at line L column C" (reported separately).
fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    }
}

/// How weight and bias arrays are written. Reading accepts every encoding.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WeightEncoding {
    /// JSON numbers, shortest round-trip text of each `f32` (bit-exact).
    #[default]
    F32,
    /// IEEE half precision, little-endian, as one standard base64 string (see the module
    /// documentation). Values beyond the half range (|x| > 65,504) become infinite and are
    /// refused when the file is read back.
    F16Base64,
}

/// One stored weight or bias array, tagged with its [`WeightEncoding`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "encoding", rename_all = "snake_case")]
#[non_exhaustive]
pub enum StoredTensor {
    /// [`WeightEncoding::F32`]: plain numbers. `null` (how JSON writers spell NaN) reads as
    /// NaN and a number beyond the `f32` range as infinity, so both are refused by
    /// validation with the parameter's position rather than by the parser.
    F32 {
        /// The values, row-major.
        #[serde(deserialize_with = "nullable_f32s")]
        values: Vec<f32>,
    },
    /// [`WeightEncoding::F16Base64`]: `values` holds the half-precision values widened to
    /// `f32` (exactly); on disk they are one base64 string. A string that is not base64 or
    /// has an odd number of bytes is refused by the parser, with its line and column.
    F16Base64 {
        /// The values, row-major, each exactly representable in half precision.
        #[serde(with = "f16_base64")]
        values: Vec<f32>,
    },
}

impl StoredTensor {
    /// Stores `values` in `encoding`.
    pub fn encode(values: &[f32], encoding: WeightEncoding) -> Self {
        match encoding {
            WeightEncoding::F32 => StoredTensor::F32 {
                values: values.to_vec(),
            },
            WeightEncoding::F16Base64 => StoredTensor::F16Base64 {
                values: values
                    .iter()
                    .map(|&v| half::f16::from_f32(v).to_f32())
                    .collect(),
            },
        }
    }

    /// The values, whatever the encoding.
    pub fn decode(&self) -> Vec<f32> {
        match self {
            StoredTensor::F32 { values } | StoredTensor::F16Base64 { values } => values.clone(),
        }
    }
}

/// Half-precision values as base64 text (see [`WeightEncoding::F16Base64`]).
mod f16_base64 {
    use base64::Engine as _;
    use base64::engine::general_purpose::STANDARD;
    use serde::{Deserialize, Deserializer, Serializer, de::Error as _};

    pub(super) fn serialize<S: Serializer>(values: &[f32], s: S) -> Result<S::Ok, S::Error> {
        let bytes: Vec<u8> = values
            .iter()
            .flat_map(|&v| half::f16::from_f32(v).to_le_bytes())
            .collect();
        s.serialize_str(&STANDARD.encode(bytes))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f32>, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        let bytes = STANDARD
            .decode(text.as_bytes())
            .map_err(|e| D::Error::custom(format!("f16_base64 values are not base64: {e}")))?;
        if bytes.len() % 2 != 0 {
            return Err(D::Error::custom(format!(
                "f16_base64 values hold {} bytes, not a whole number of 2-byte values",
                bytes.len()
            )));
        }
        Ok(bytes
            .chunks_exact(2)
            .map(|b| half::f16::from_le_bytes([b[0], b[1]]).to_f32())
            .collect())
    }
}

fn nullable_f32s<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f32>, D::Error> {
    let values: Vec<Option<f32>> = Vec::deserialize(d)?;
    Ok(values.into_iter().map(|v| v.unwrap_or(f32::NAN)).collect())
}

/// The id, outcome and entity columns a model was trained with, and the unit of time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeColumns {
    /// Patient id column, if the training file had one.
    pub id: Option<String>,
    /// Survival time column.
    pub time: String,
    /// Event column (1 = event, 0 = censored).
    pub event: String,
    /// Cancer entity column, if any (stratum of the folds, and an input when encoded).
    pub entity: Option<String>,
    /// Unit of the survival times (e.g. `days`), as the user stated it; survival times
    /// given to [`ModelBundle::predict`] and the baseline's times are in this unit.
    pub time_unit: Option<String>,
}

/// Risk groups with their display labels, lowest risk first.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelledRiskGroups {
    groups: RiskGroups,
    labels: Vec<String>,
}

impl LabelledRiskGroups {
    /// Groups with one label per group (`cut_offs + 1`, lowest risk first).
    ///
    /// # Errors
    /// [`BundleError::InvalidRiskGroups`] when the counts differ or a label repeats.
    pub fn new(groups: RiskGroups, labels: Vec<String>) -> Result<Self, BundleError> {
        if labels.len() != groups.n_groups() {
            return Err(BundleError::RiskGroupLabels {
                cut_offs: groups.cut_offs().len(),
                groups: groups.n_groups(),
                labels: labels.len(),
            });
        }
        if let Some(dup) = labels
            .iter()
            .enumerate()
            .find(|(i, l)| labels[..*i].contains(l))
        {
            return Err(BundleError::RepeatedLabel {
                label: dup.1.clone(),
            });
        }
        Ok(Self { groups, labels })
    }

    /// `k` groups of equal size on the training log-risks, labelled by where the risk score
    /// lies (`lower third`, `middle third`, `upper third` for `k = 3`; `lower half`,
    /// `upper half` for 2; `group 1` ... `group k` otherwise), never "high risk": a group
    /// of a cohort that fares well may have a good prognosis.
    ///
    /// # Errors
    /// As [`RiskGroups::equal_sized`].
    pub fn equal_sized(train_log_risks: &[f64], k: usize) -> Result<Self, BundleError> {
        let groups = RiskGroups::equal_sized(train_log_risks, k)?;
        let labels = match k {
            2 => vec!["lower half".into(), "upper half".into()],
            3 => vec![
                "lower third".into(),
                "middle third".into(),
                "upper third".into(),
            ],
            _ => (1..=k).map(|g| format!("group {g}")).collect(),
        };
        Self::new(groups, labels)
    }

    /// The cut-offs on the log-risk.
    pub fn groups(&self) -> &RiskGroups {
        &self.groups
    }

    /// The labels, lowest risk first.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The label of group `g` (0 = lowest risk); empty past the last group.
    pub fn label(&self, g: usize) -> &str {
        self.labels.get(g).map_or("", String::as_str)
    }
}

/// How the final network was fitted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FinalFit {
    /// Patients the network trained on.
    pub n_train: usize,
    /// Patients whose loss drove early stopping (not trained on).
    pub n_validation: usize,
    /// Epochs run over all learning-rate stages.
    pub epochs: usize,
    /// Epoch of the kept weights (1-based), if an epoch completed.
    pub best_epoch: Option<usize>,
    /// Cox loss of the validation patients with the kept weights.
    pub validation_loss: Option<f64>,
    /// Harrell's C-index of the validation patients with the kept weights.
    pub validation_harrell_c: Option<f64>,
}

/// Cross-validated performance: each fold's network judged on the test half of the patients
/// it held out (the other half stopped its training), pooled over folds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutOfFoldMetrics {
    /// Number of folds.
    pub folds: usize,
    /// Patients in the pooled test halves.
    pub n_test: usize,
    /// Harrell's C-index ([`crate::harrell_c`]) of the pooled test halves' log-risks.
    pub harrell_c: Option<f64>,
    /// Antolini's time-dependent C-index ([`crate::antolini_c`]) of the pooled test halves,
    /// each patient's curve from its fold's network and Breslow baseline.
    pub antolini_c: Option<f64>,
    /// Integrated Brier score ([`crate::integrated_brier_score`]) of the pooled test halves
    /// on 100 equally spaced times over their follow-up, censoring weights from the whole
    /// cohort's Kaplan-Meier censoring curve.
    pub integrated_brier_score: Option<f64>,
    /// Per fold, Harrell's C-index of its test half.
    pub fold_test_harrell_c: Vec<Option<f64>>,
}

/// What is known about the model's performance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelMetrics {
    /// Patients in the training cohort.
    pub n_patients: usize,
    /// Events in the training cohort.
    pub n_events: usize,
    /// The final network's fit.
    pub final_fit: FinalFit,
    /// Cross-validated metrics, if cross-validation ran.
    pub out_of_fold: Option<OutOfFoldMetrics>,
    /// The linear and spline Cox models on the same folds, when they were fitted. Always
    /// written (the worker's binary codec cannot skip a field); absent in older files.
    #[serde(default)]
    pub baselines: Vec<crate::comparison::BaselineMetric>,
}

/// The parts of a [`ModelBundle`], as built by training or taken apart by
/// [`ModelBundle::into_parts`].
#[derive(Clone, Debug, PartialEq)]
pub struct BundleParts {
    /// Id, outcome and entity columns and the time unit.
    pub columns: OutcomeColumns,
    /// Cancer entities of the training cohort, in natural order.
    pub entities: Vec<String>,
    /// The fitted preprocessing.
    pub encoder: Encoder,
    /// The shape and dropout rates the network was trained with.
    pub architecture: Architecture,
    /// The trained network.
    pub network: CoxNet,
    /// The training setting.
    pub training: TrainConfig,
    /// Breslow baseline of the network's log-risk on its training patients.
    pub baseline: BreslowBaseline,
    /// Risk-group cut-offs on the log-risk, fixed on the training patients.
    pub risk_groups: LabelledRiskGroups,
    /// Performance.
    pub metrics: ModelMetrics,
    /// What the `auto` recipe chose, and why; `None` for a network trained by the study's
    /// recipe (or brought from elsewhere).
    pub auto: Option<AutoChoice>,
    /// The linear and spline Cox models fitted on the network's training patients, shown
    /// beside it on any cohort the file is applied to; empty when they were not fitted.
    pub baseline_models: Option<FittedBaselines>,
    /// How the markers are named for people (a label and a unit per marker, as given when
    /// the model was trained); empty when none were given. At most one per marker, each for
    /// a marker of the encoder.
    pub labels: Vec<MarkerLabel>,
}

/// A marker's name for people and its unit, stored with a model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkerLabel {
    /// The marker (the cohort's column name, as the encoder knows it).
    pub marker: String,
    /// Its label (`Karnofsky performance score`).
    pub label: String,
    /// Its unit (`%`, `mg/dL`), empty when it has none.
    pub unit: String,
}

/// A trained model with its preprocessing, baseline and metrics: the content of a model
/// file. Built only through [`ModelBundle::new`] or decoding, both of which validate, so
/// every bundle can be applied without further checks.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelBundle {
    parts: BundleParts,
    software: String,
}

/// Per-patient predictions of a model for a cohort.
#[derive(Clone, Debug, PartialEq)]
pub struct Predictions {
    /// Patient ids, in cohort order.
    pub ids: Vec<String>,
    /// Log-risk (log hazard ratio against the baseline) per patient.
    pub log_risk: Vec<f64>,
    /// Risk group per patient (0 = lowest risk), by the training cut-offs.
    pub risk_group: Vec<usize>,
    /// The requested times, in the model's time unit.
    pub times: Vec<f64>,
    /// `S(t | x)` per patient and requested time.
    ///
    /// # Shapes
    /// `ids.len() x times.len()` row-major.
    pub survival: Vec<f64>,
    /// Median survival per patient; `None` when the predicted curve stays above 0.5 over the
    /// training follow-up.
    pub median: Vec<Option<f64>>,
    /// Values outside the training range or unseen levels, for warnings.
    pub flags: Vec<RangeFlag>,
}

/// The file's first fields, read before the rest so that a foreign or newer file is named
/// as such rather than reported as a schema error.
#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

#[derive(Serialize, Deserialize)]
struct StoredLayer {
    n_in: usize,
    n_out: usize,
    weight: StoredTensor,
    bias: StoredTensor,
}

#[derive(Serialize, Deserialize)]
struct StoredNetwork {
    architecture: Architecture,
    layers: Vec<StoredLayer>,
}

#[derive(Serialize, Deserialize)]
struct StoredBaseline {
    time: Vec<f64>,
    cumulative_hazard: Vec<f64>,
    /// Calibration slope applied to log-risks; absent (1) in files that predate it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    slope: Option<f64>,
}

#[derive(Serialize, Deserialize)]
struct StoredRiskGroups {
    cut_offs: Vec<f64>,
    labels: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct StoredBundle {
    format: String,
    version: u32,
    software: String,
    columns: OutcomeColumns,
    markers: Vec<String>,
    features: Vec<String>,
    entities: Vec<String>,
    encoder: Encoder,
    network: StoredNetwork,
    training: TrainConfig,
    baseline: StoredBaseline,
    risk_groups: StoredRiskGroups,
    metrics: ModelMetrics,
    /// Absent in files of the study's recipe and in files that predate recipes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    auto: Option<AutoChoice>,
    /// Absent in files without fitted baselines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    baseline_models: Option<FittedBaselines>,
    /// Absent in files without labels, and in files that predate them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    marker_labels: Vec<MarkerLabel>,
}

impl ModelBundle {
    /// A bundle from its parts, checked as a decoded file is.
    ///
    /// # Errors
    /// [`BundleError::InvalidTraining`], [`BundleError::InvalidEncoder`],
    /// [`BundleError::ArchitectureMismatch`] or [`BundleError::InputWidth`] when the parts
    /// do not fit together.
    pub fn new(parts: BundleParts) -> Result<Self, BundleError> {
        Self::checked(parts, software())
    }

    fn checked(parts: BundleParts, software: String) -> Result<Self, BundleError> {
        parts
            .training
            .validate()
            .map_err(BundleError::InvalidTraining)?;
        parts
            .encoder
            .validate()
            .map_err(BundleError::InvalidEncoder)?;
        check_architecture(&parts.architecture, &parts.network)?;
        if let Some(fitted) = &parts.baseline_models {
            fitted.validate()?;
        }
        check_labels(&parts.labels, parts.encoder.feature_map().marker_names())?;
        let (encoder_features, network_inputs) =
            (parts.encoder.n_features(), parts.network.n_inputs());
        if encoder_features != network_inputs {
            return Err(BundleError::InputWidth {
                encoder_features,
                network_inputs,
            });
        }
        Ok(Self { parts, software })
    }

    /// The parts, for changing and re-validating.
    pub fn into_parts(self) -> BundleParts {
        self.parts
    }

    /// Which software wrote the file (`survlens-model <version>`).
    pub fn software(&self) -> &str {
        &self.software
    }

    /// Id, outcome and entity columns and the time unit.
    pub fn columns(&self) -> &OutcomeColumns {
        &self.parts.columns
    }

    /// Cancer entities of the training cohort.
    pub fn entities(&self) -> &[String] {
        &self.parts.entities
    }

    /// The fitted preprocessing.
    pub fn encoder(&self) -> &Encoder {
        &self.parts.encoder
    }

    /// Input columns and the markers they belong to.
    pub fn feature_map(&self) -> &FeatureMap {
        self.parts.encoder.feature_map()
    }

    /// The network's shape and dropout rates.
    pub fn architecture(&self) -> &Architecture {
        &self.parts.architecture
    }

    /// The trained network.
    pub fn network(&self) -> &CoxNet {
        &self.parts.network
    }

    /// The training setting.
    pub fn training(&self) -> &TrainConfig {
        &self.parts.training
    }

    /// The Breslow baseline.
    pub fn baseline(&self) -> &BreslowBaseline {
        &self.parts.baseline
    }

    /// The risk groups.
    pub fn risk_groups(&self) -> &LabelledRiskGroups {
        &self.parts.risk_groups
    }

    /// The metrics.
    pub fn metrics(&self) -> &ModelMetrics {
        &self.parts.metrics
    }

    /// The recipe the network was trained with.
    pub fn recipe(&self) -> Recipe {
        if self.parts.auto.is_some() {
            Recipe::Auto
        } else {
            Recipe::Study
        }
    }

    /// The markers' labels and units given when the model was trained (empty when none).
    pub fn labels(&self) -> &[MarkerLabel] {
        &self.parts.labels
    }

    /// The label and unit of `marker`, if one was stored.
    pub fn label_of(&self, marker: &str) -> Option<&MarkerLabel> {
        self.parts.labels.iter().find(|l| l.marker == marker)
    }

    /// What the `auto` recipe chose, for a network it trained.
    pub fn auto_choice(&self) -> Option<&AutoChoice> {
        self.parts.auto.as_ref()
    }

    /// The linear and spline Cox models fitted on the network's training patients, if the
    /// file carries them.
    pub fn baseline_models(&self) -> Option<&FittedBaselines> {
        self.parts.baseline_models.as_ref()
    }

    /// The model file, weights as [`WeightEncoding::F32`].
    ///
    /// # Errors
    /// [`BundleError::Schema`] if serialisation fails (it does not for a valid bundle).
    pub fn to_json(&self) -> Result<String, BundleError> {
        self.to_json_with(WeightEncoding::F32)
    }

    /// The model file with weights in `encoding`.
    ///
    /// # Errors
    /// As [`ModelBundle::to_json`].
    pub fn to_json_with(&self, encoding: WeightEncoding) -> Result<String, BundleError> {
        let p = &self.parts;
        let layers = p
            .network
            .layers()
            .iter()
            .map(|l| StoredLayer {
                n_in: l.n_in(),
                n_out: l.n_out(),
                weight: StoredTensor::encode(l.weight(), encoding),
                bias: StoredTensor::encode(l.bias(), encoding),
            })
            .collect();
        let stored = StoredBundle {
            format: FORMAT.into(),
            version: VERSION,
            software: self.software.clone(),
            columns: p.columns.clone(),
            markers: self.feature_map().marker_names().to_vec(),
            features: self.feature_map().names().map(str::to_owned).collect(),
            entities: p.entities.clone(),
            encoder: p.encoder.clone(),
            network: StoredNetwork {
                architecture: p.architecture.clone(),
                layers,
            },
            training: p.training.clone(),
            baseline: StoredBaseline {
                time: p.baseline.time().to_vec(),
                cumulative_hazard: p.baseline.cumulative_hazard().to_vec(),
                slope: Some(p.baseline.slope()).filter(|&b| b != 1.0),
            },
            risk_groups: StoredRiskGroups {
                cut_offs: p.risk_groups.groups().cut_offs().to_vec(),
                labels: p.risk_groups.labels().to_vec(),
            },
            metrics: p.metrics.clone(),
            auto: p.auto.clone(),
            baseline_models: p.baseline_models.clone(),
            marker_labels: p.labels.clone(),
        };
        serde_json::to_string(&stored).map_err(|e| BundleError::from_json(&e))
    }

    /// Reads and validates a model file.
    ///
    /// # Errors
    /// One [`BundleError`] variant per kind of problem (see the module documentation).
    pub fn from_json(text: &str) -> Result<Self, BundleError> {
        Self::from_slice(text.as_bytes())
    }

    /// Reads and validates a model file from its bytes.
    ///
    /// # Errors
    /// As [`ModelBundle::from_json`].
    pub fn from_slice(bytes: &[u8]) -> Result<Self, BundleError> {
        // Valid JSON that is not an object (an array, a number) is another kind of file;
        // read as a header it would give a misleading syntax error ("trailing characters"
        // after the first two elements of an array).
        if bytes.trim_ascii_start().first().is_some_and(|&b| b != b'{')
            && serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_ok()
        {
            return Err(BundleError::NotAModelFile {
                found: "missing (the file is not a JSON object)".into(),
            });
        }
        let header: Header = serde_json::from_slice(bytes).map_err(|e| {
            match BundleError::from_json(&e) {
                // Valid JSON, but not an object: not a model file at all.
                BundleError::Schema { .. } => BundleError::NotAModelFile {
                    found: "missing (the file is not a JSON object)".into(),
                },
                other => other,
            }
        })?;
        match &header.format {
            Some(serde_json::Value::String(f)) if f == FORMAT => {}
            Some(other) => {
                return Err(BundleError::NotAModelFile {
                    found: other.to_string(),
                });
            }
            None => {
                return Err(BundleError::NotAModelFile {
                    found: "missing".into(),
                });
            }
        }
        match &header.version {
            Some(v) if v.as_u64() == Some(u64::from(VERSION)) => {}
            found => {
                return Err(BundleError::UnsupportedVersion {
                    found: found
                        .as_ref()
                        .map_or_else(|| "missing".into(), |v| v.to_string()),
                    supported: VERSION,
                });
            }
        }
        let stored: StoredBundle =
            serde_json::from_slice(bytes).map_err(|e| BundleError::from_json(&e))?;
        Self::from_stored(stored)
    }

    fn from_stored(s: StoredBundle) -> Result<Self, BundleError> {
        let network = network_from_layers(&s.network.layers)?;
        let baseline = BreslowBaseline::from_parts(s.baseline.time, s.baseline.cumulative_hazard)
            .and_then(|b| b.with_slope(s.baseline.slope.unwrap_or(1.0)))
            .map_err(BundleError::InvalidBaseline)?;
        let groups = RiskGroups::from_cut_offs(s.risk_groups.cut_offs)
            .map_err(BundleError::InvalidRiskGroups)?;
        let risk_groups = LabelledRiskGroups::new(groups, s.risk_groups.labels)?;
        let bundle = Self::checked(
            BundleParts {
                columns: s.columns,
                entities: s.entities,
                encoder: s.encoder,
                architecture: s.network.architecture,
                network,
                training: s.training,
                baseline,
                risk_groups,
                metrics: s.metrics,
                auto: s.auto,
                baseline_models: s.baseline_models,
                labels: s.marker_labels,
            },
            s.software,
        )?;
        let map = bundle.feature_map();
        check_names("marker", &s.markers, map.marker_names())?;
        let features: Vec<String> = map.names().map(str::to_owned).collect();
        check_names("feature", &s.features, &features)?;
        Ok(bundle)
    }

    /// Column roles that import a new cohort file for this model: the stored time, event
    /// and entity columns, exactly the model's markers with their training kinds (so that,
    /// e.g., a grade coded 1-3 stays categorical), and `id` as the id column. Columns that
    /// are not markers are never read; a marker column absent from the file is reported by
    /// the import, by name.
    pub fn import_roles(&self, id: Option<&str>) -> ColumnRoles {
        let c = &self.parts.columns;
        let encoder = &self.parts.encoder;
        ColumnRoles {
            id: id.map(str::to_owned),
            time: c.time.clone(),
            event: c.event.clone(),
            entity: c.entity.clone(),
            markers: Some(encoder.markers().iter().map(|m| m.name.clone()).collect()),
            kinds: encoder.marker_kinds(),
        }
    }

    /// Applies the model to `cohort`: preprocessing, log-risk, risk group, survival at
    /// `times` (in the model's time unit) and median survival.
    ///
    /// # Errors
    /// [`BundleError::Data`] when the cohort lacks a marker or has one of another kind;
    /// [`BundleError::Model`] for times that are not finite and increasing.
    pub fn predict(&self, cohort: &Cohort, times: &[f64]) -> Result<Predictions, BundleError> {
        let encoded = self.parts.encoder.transform(cohort.view())?;
        let n = cohort.len();
        let log_risk: Vec<f64> = self
            .parts
            .network
            .predict(encoded.design.as_slice(), n)
            .into_iter()
            .map(f64::from)
            .collect();
        let risk_group = self.parts.risk_groups.groups().assign_all(&log_risk)?;
        let survival = if times.is_empty() {
            Vec::new()
        } else {
            self.parts.baseline.survival_matrix(&log_risk, times)?
        };
        let median = log_risk
            .iter()
            .map(|&r| self.parts.baseline.median_survival(r))
            .collect();
        Ok(Predictions {
            ids: cohort.ids().map(str::to_owned).collect(),
            log_risk,
            risk_group,
            times: times.to_vec(),
            survival,
            median,
            flags: encoded.flags,
        })
    }
}

impl fmt::Display for ModelBundle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let widths: Vec<String> = self
            .parts
            .network
            .layers()
            .iter()
            .map(|l| l.n_out().to_string())
            .collect();
        write!(
            f,
            "deep Cox network {} -> {} on {} markers, trained on {} patients ({} events)",
            self.parts.network.n_inputs(),
            widths.join(" -> "),
            self.feature_map().n_markers(),
            self.parts.metrics.n_patients,
            self.parts.metrics.n_events
        )
    }
}

/// Every label names a marker of `markers`, at most once.
fn check_labels(labels: &[MarkerLabel], markers: &[String]) -> Result<(), BundleError> {
    for (k, l) in labels.iter().enumerate() {
        let repeated = labels[..k].iter().any(|o| o.marker == l.marker);
        if repeated || !markers.contains(&l.marker) {
            return Err(BundleError::MarkerLabel {
                marker: l.marker.clone(),
                label: l.label.clone(),
                repeated,
            });
        }
    }
    Ok(())
}

fn software() -> String {
    format!("survlens-model {}", env!("CARGO_PKG_VERSION"))
}

/// Rebuilds the network, naming the first layer whose arrays do not fit or hold a
/// non-finite value.
fn network_from_layers(layers: &[StoredLayer]) -> Result<CoxNet, BundleError> {
    let mut dense = Vec::with_capacity(layers.len());
    for (layer, stored) in layers.iter().enumerate() {
        let weight = stored.weight.decode();
        let bias = stored.bias.decode();
        for (parameter, values) in [("weight", &weight), ("bias", &bias)] {
            if let Some(index) = values.iter().position(|v| !v.is_finite()) {
                return Err(BundleError::NonFiniteWeight {
                    layer,
                    parameter,
                    index,
                    value: values[index],
                });
            }
        }
        let d = Dense::new(stored.n_in, stored.n_out, weight, bias)
            .map_err(|refusal| BundleError::LayerShape { layer, refusal })?;
        dense.push(d);
    }
    CoxNet::new(dense).map_err(|refusal| BundleError::LayerShape {
        layer: layers.len().saturating_sub(1),
        refusal,
    })
}

fn check_architecture(arch: &Architecture, net: &CoxNet) -> Result<(), BundleError> {
    arch.validate().map_err(BundleError::InvalidArchitecture)?;
    let hidden: Vec<usize> = net.layers()[..net.layers().len() - 1]
        .iter()
        .map(Dense::n_out)
        .collect();
    if arch.n_inputs != net.n_inputs() || arch.hidden != hidden {
        return Err(BundleError::ArchitectureMismatch {
            architecture_inputs: arch.n_inputs,
            architecture_hidden: arch.hidden.clone(),
            layer_inputs: net.n_inputs(),
            layer_hidden: hidden,
        });
    }
    Ok(())
}

/// Checks that the `what` names a file lists are the preprocessing's, in order.
pub(crate) fn check_names(
    what: &'static str,
    stored: &[String],
    expected: &[String],
) -> Result<(), BundleError> {
    if stored.len() != expected.len() {
        return Err(BundleError::NamesCount {
            what,
            listed: stored.len(),
            expected: expected.len(),
        });
    }
    match (0..stored.len()).find(|&k| stored[k] != expected[k]) {
        Some(k) => Err(BundleError::NamesMismatch {
            what,
            position: k,
            listed: stored[k].clone(),
            expected: expected[k].clone(),
        }),
        None => Ok(()),
    }
}

/// Hidden widths as a sentence shows them: "10, 10", or "none".
fn widths(widths: &[usize]) -> String {
    if widths.is_empty() {
        return "none".to_owned();
    }
    widths
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests;
