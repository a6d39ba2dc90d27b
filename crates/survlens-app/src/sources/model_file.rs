//! Model files in and out of the page: which network explains the session
//! ([`ModelOrigin`]), the survlens model file of a network trained in the page
//! ([`export_bundle`]), and the files a user opens ([`ModelFile`]): a survlens model file
//! (JSON) or an ONNX export of a PyTorch network, told apart by their content.
//!
//! # Round trip
//! The exported file is the versioned [`ModelBundle`] the command-line tool writes: the
//! session's network (weights as shortest round-trip `f32` text, so bit-exact), its fitted
//! preprocessing, the Breslow baseline and the tertile cut-offs of the training patients,
//! the training setting and the figures the job measured. Opened again on the same cohort
//! it gives the same log-risks bit for bit; the baseline's times are stored in the cohort's
//! own time unit, so converting them back to days may move each by an ulp.
//!
//! # ONNX
//! An ONNX network has no preprocessing: the cohort's marker columns are its inputs, in the
//! file's column order, read as they are ([`onnx_inputs`]). The file brings no baseline
//! hazard and no risk groups; the job fits both on the cohort itself.

use serde::{Deserialize, Serialize};
use survlens_data::encode::{Encoder, EncoderConfig, MissingIndicators};
use survlens_data::{Cohort, CohortView, DataError, Describe, MarkerValues, Message, MessageArg};
use survlens_model::bundle::{
    BundleError, BundleParts, LabelledRiskGroups, MarkerLabel, ModelBundle,
};
use survlens_model::comparison::FittedBaselines;
use survlens_model::risk_groups::RiskGroups;
use survlens_model::{BaselineKind, ModelError};

use crate::core::i18n::Lang;
use crate::core::origin::ModelOrigin;
use crate::core::session::Session;
use crate::sources::data_source::{ImportProblem, ProblemList};
use crate::sources::spec::{JobSpec, ModelSource};

/// The `code` of a [`ProblemList`] entry that reports an unusable model file, so the page
/// shows it as a model-file message rather than as a table of cell problems.
pub const MODEL_FILE_PROBLEM: &str = "model_file";

/// Why a session's network cannot be saved as a model file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The network was not trained in this tab (a model file or ONNX network is already a
    /// file; the default model ships with the page).
    #[error("only a network trained in this tab can be saved; this one is: {}", .origin.sentence())]
    NotTrained {
        /// Where the network came from.
        origin: ModelOrigin,
    },
    /// The session's parts do not make a valid model file.
    #[error("the model file could not be made: {0}")]
    Bundle(#[from] BundleError),
    /// The baseline or the cut-offs are not valid.
    #[error("the model file could not be made: {0}")]
    Model(#[from] ModelError),
}

impl ExportError {
    /// A stable machine-readable name of the problem kind; a library's error keeps its
    /// own code. It never changes with the wording.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotTrained { .. } => "not_trained",
            Self::Bundle(e) => e.code(),
            Self::Model(e) => e.code(),
        }
    }
}

impl Describe for ExportError {
    fn message(&self) -> Message {
        match self {
            Self::NotTrained { origin } => Message::new(
                "error-export-not-trained",
                vec![(
                    "origin",
                    MessageArg::Nested(Box::new(origin_message(origin))),
                )],
            ),
            Self::Bundle(e) => Message::new(
                "error-export-bundle",
                vec![("reason", MessageArg::nested(e))],
            ),
            Self::Model(e) => Message::new(
                "error-export-model",
                vec![("reason", MessageArg::nested(e))],
            ),
        }
    }
}

/// [`ModelOrigin::sentence_in`] as a [`Message`], so an error that names the network's
/// origin reads in the page's language.
fn origin_message(origin: &ModelOrigin) -> Message {
    match origin {
        ModelOrigin::Unrecorded => Message::plain("origin-unrecorded"),
        ModelOrigin::Trained(record) => Message::new(
            "origin-trained",
            vec![
                ("patients", MessageArg::count(record.metrics.n_patients)),
                ("events", MessageArg::count(record.metrics.n_events)),
            ],
        ),
        ModelOrigin::DefaultModel => Message::plain("origin-default"),
        ModelOrigin::File { file_name, model } => {
            let widths: Vec<String> = model.widths.iter().map(usize::to_string).collect();
            let description = Message::new(
                "origin-file-model",
                vec![
                    ("inputs", MessageArg::text(model.inputs)),
                    ("widths", MessageArg::text(widths.join(" -> "))),
                    ("markers", MessageArg::count(model.markers)),
                    ("patients", MessageArg::count(model.patients)),
                    ("events", MessageArg::count(model.events)),
                ],
            );
            Message::new(
                "origin-file",
                vec![
                    ("file", MessageArg::text(file_name)),
                    ("description", MessageArg::Nested(Box::new(description))),
                ],
            )
        }
        ModelOrigin::Onnx {
            file_name,
            producer,
            n_inputs,
        } => {
            let mut args = vec![
                ("file", MessageArg::text(file_name)),
                ("inputs", MessageArg::count(*n_inputs)),
            ];
            let key = if producer.is_empty() {
                "origin-onnx"
            } else {
                args.push(("producer", MessageArg::text(producer)));
                "origin-onnx-by"
            };
            Message::new(
                "error-export-origin-onnx",
                vec![
                    (
                        "network",
                        MessageArg::Nested(Box::new(Message::new(key, args))),
                    ),
                    (
                        "note",
                        MessageArg::Nested(Box::new(Message::plain("origin-onnx-no-baseline"))),
                    ),
                ],
            )
        }
    }
}

/// The survlens model file of the session's network, when it was trained in this tab: the
/// same versioned document `survlens train` writes (see the module documentation).
///
/// # Errors
/// [`ExportError::NotTrained`] for a session whose network came from elsewhere;
/// [`ExportError::Bundle`] or [`ExportError::Model`] when its parts do not validate.
pub fn export_bundle(session: &Session) -> Result<ModelBundle, ExportError> {
    let ModelOrigin::Trained(record) = &session.origin else {
        return Err(ExportError::NotTrained {
            origin: session.origin.clone(),
        });
    };
    let model = &session.model;
    let days = record.days_per_time_unit;
    let baseline = model.baseline.clone().with_time_scale(1.0 / days)?;
    let groups =
        RiskGroups::from_cut_offs(session.risk_cutoffs.iter().map(|&c| f64::from(c)).collect())?;
    let risk_groups = LabelledRiskGroups::new(
        groups,
        vec![
            "lower third".into(),
            "middle third".into(),
            "upper third".into(),
        ],
    )?;
    let (architecture, training) = match &record.auto {
        Some(choice) => choice.describe_network(&model.network),
        None => (
            record.training.architecture(model.network.n_inputs()),
            record.training.clone(),
        ),
    };
    Ok(ModelBundle::new(BundleParts {
        columns: record.columns.clone(),
        entities: record.entities.clone(),
        encoder: model.encoder.clone(),
        architecture,
        network: model.network.clone(),
        training,
        baseline,
        risk_groups,
        metrics: record.metrics.clone(),
        auto: record.auto.clone(),
        baseline_models: None,
        labels: marker_labels(session),
    })?)
}

/// The labels and units the session shows for the markers its network reads, where they
/// say more than the column name: what the model file keeps of the mapping step's labels
/// (and of a bundled cohort's display names), so that the markers read alike wherever the
/// file is opened.
pub fn marker_labels(session: &Session) -> Vec<MarkerLabel> {
    let read = session.model.encoder.feature_map().marker_names();
    session
        .markers
        .iter()
        .filter(|m| read.contains(&m.id) && (m.name != m.id || !m.unit.is_empty()))
        .map(|m| MarkerLabel {
            marker: m.id.clone(),
            label: m.name.clone(),
            unit: m.unit.clone(),
        })
        .collect()
}

/// The model file's text and a file name for it (`survlens-model-<cohort>.json`).
///
/// # Errors
/// As [`export_bundle`].
pub fn export_json(session: &Session) -> Result<(String, String), ExportError> {
    let text = export_bundle(session)?.to_json()?;
    Ok((export_file_name(&session.title.to_string()), text))
}

/// `survlens-model-<slug>.json`, the slug made of the title's first words (letters and
/// digits, lower case, joined by `-`).
fn export_file_name(title: &str) -> String {
    let head = title.split(',').next().unwrap_or_default();
    let slug: Vec<String> = head
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .map(str::to_ascii_lowercase)
        .collect();
    if slug.is_empty() {
        "survlens-model.json".to_owned()
    } else {
        format!("survlens-model-{}.json", slug.join("-"))
    }
}

/// The two kinds of model file the page opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ModelFileKind {
    /// A survlens model file (versioned JSON).
    SurvlensJson,
    /// An ONNX export of a PyTorch network.
    Onnx,
}

impl ModelFileKind {
    /// What the page calls it, in `lang`.
    pub fn label_in(self, lang: Lang) -> String {
        lang.t(match self {
            Self::SurvlensJson => "ui-model-file-kind-survlens",
            Self::Onnx => "ui-model-file-kind-onnx",
        })
    }

    /// The kind of `bytes`, by content first: a JSON document starts with `{` (after any
    /// byte order mark and white space); an ONNX file is a protobuf `ModelProto`, which
    /// every writer starts with field 1 (`ir_version`, a varint: byte `0x08`). A file that
    /// is neither by content (an empty or truncated one) falls back on its extension, so
    /// that the reader of that kind names the problem. `None` for anything else.
    pub fn detect(file_name: &str, bytes: &[u8]) -> Option<Self> {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match body.trim_ascii_start().first() {
            Some(b'{') | Some(b'[') => return Some(Self::SurvlensJson),
            _ if bytes.first() == Some(&0x08) => return Some(Self::Onnx),
            _ => {}
        }
        let lower = file_name.to_ascii_lowercase();
        if lower.ends_with(".onnx") {
            Some(Self::Onnx)
        } else if lower.ends_with(".json") {
            Some(Self::SurvlensJson)
        } else {
            None
        }
    }
}

/// A model file the user opened, not yet applied to a cohort. Its content is checked by
/// the worker's job, which reports every problem by name.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelFile {
    /// The file's name.
    pub file_name: String,
    /// What it is, by content.
    pub kind: ModelFileKind,
    /// Its bytes; they never leave the tab.
    pub bytes: Vec<u8>,
}

impl ModelFile {
    /// Recognises the file ([`ModelFileKind::detect`]).
    ///
    /// # Errors
    /// A one-problem [`ProblemList`] ([`MODEL_FILE_PROBLEM`]) for a file of neither kind.
    pub fn read(file_name: &str, bytes: Vec<u8>) -> Result<Self, ProblemList> {
        match ModelFileKind::detect(file_name, &bytes) {
            Some(kind) => Ok(Self {
                file_name: file_name.to_owned(),
                kind,
                bytes,
            }),
            None => Err(model_file_problem(
                file_name,
                "this is neither a survlens model file (JSON) nor an ONNX network: choose \
                 a .json file saved by survlens or a .onnx file exported from PyTorch",
            )),
        }
    }

    /// The job that explains the cohort of `cohort_job` with this network instead of
    /// training one.
    pub fn apply_to(&self, cohort_job: JobSpec) -> JobSpec {
        let (file_name, bytes) = (self.file_name.clone(), self.bytes.clone());
        JobSpec {
            model: match self.kind {
                ModelFileKind::SurvlensJson => ModelSource::File { file_name, bytes },
                ModelFileKind::Onnx => ModelSource::Onnx { file_name, bytes },
            },
            ..cohort_job
        }
    }
}

/// A [`ProblemList`] of one model-file problem.
pub fn model_file_problem(file_name: &str, message: &str) -> ProblemList {
    ProblemList {
        file: file_name.to_owned(),
        problems: vec![ImportProblem {
            row: None,
            column: None,
            code: MODEL_FILE_PROBLEM.to_owned(),
            message: message.to_owned(),
        }],
        omitted: 0,
    }
}

/// The model-file problem of `list`, if that is what it reports.
pub fn as_model_file_problem(list: &ProblemList) -> Option<&str> {
    match list.problems.as_slice() {
        [only] if only.code == MODEL_FILE_PROBLEM => Some(&only.message),
        _ => None,
    }
}

/// Why a cohort cannot be the input of an ONNX network. Messages name the column or
/// patient; the job adds the file's name.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum OnnxInputError {
    /// The cohort has another number of marker columns than the network has inputs.
    #[error(
        "the network takes {inputs} inputs, but the cohort has {columns} marker columns ({names}); \
         an ONNX network has no preprocessing, so the marker columns must be its inputs, in order"
    )]
    InputCount {
        /// The network's inputs.
        inputs: usize,
        /// The cohort's marker columns.
        columns: usize,
        /// The first column names, comma-separated.
        names: String,
    },
    /// A categorical column.
    #[error(
        "column \"{column}\" is categorical; an ONNX network reads numbers only (mark the column \
         numeric when mapping the file)"
    )]
    NotNumeric {
        /// The column.
        column: String,
    },
    /// A missing value, which no preprocessing would impute.
    #[error(
        "column \"{column}\" has {count} missing value(s), the first for patient {patient}; an \
         ONNX network has no preprocessing to impute them"
    )]
    Missing {
        /// The column.
        column: String,
        /// The first patient with the value missing.
        patient: String,
        /// Patients with the value missing.
        count: usize,
    },
    /// The identity preprocessing refused the cohort.
    #[error("the inputs could not be prepared: {0}")]
    Encoder(#[from] DataError),
    /// The identity preprocessing's stored form could not be rewritten (the JSON library's
    /// own description).
    #[error("the inputs could not be prepared: {description}")]
    EncoderForm {
        /// The JSON library's description.
        description: String,
    },
}

impl OnnxInputError {
    /// A stable machine-readable name of the problem kind; it never changes with the
    /// wording.
    pub fn code(&self) -> &'static str {
        match self {
            Self::InputCount { .. } => "input_count",
            Self::NotNumeric { .. } => "not_numeric",
            Self::Missing { .. } => "missing_input",
            Self::Encoder(e) => e.code(),
            Self::EncoderForm { .. } => "encoder_form",
        }
    }

    fn form(e: &serde_json::Error) -> Self {
        Self::EncoderForm {
            description: e.to_string(),
        }
    }
}

impl Describe for OnnxInputError {
    fn message(&self) -> Message {
        match self {
            Self::InputCount {
                inputs,
                columns,
                names,
            } => Message::new(
                "error-onnx-input-input-count",
                vec![
                    ("inputs", MessageArg::text(inputs)),
                    ("columns", MessageArg::text(columns)),
                    ("names", MessageArg::text(names)),
                ],
            ),
            Self::NotNumeric { column } => Message::new(
                "error-onnx-input-not-numeric",
                vec![("column", MessageArg::text(column))],
            ),
            Self::Missing {
                column,
                patient,
                count,
            } => Message::new(
                "error-onnx-input-missing",
                vec![
                    ("column", MessageArg::text(column)),
                    ("count", MessageArg::text(count)),
                    ("patient", MessageArg::text(patient)),
                ],
            ),
            Self::Encoder(e) => Message::new(
                "error-onnx-input-encoder",
                vec![("reason", MessageArg::nested(e))],
            ),
            Self::EncoderForm { description } => Message::new(
                "error-onnx-input-encoder-form",
                vec![("description", MessageArg::text(description))],
            ),
        }
    }
}

/// The cohort as the inputs of an ONNX network with `n_inputs` inputs: its marker columns in
/// file order, numeric (or 0/1), without missing values, unscaled. Returns the identity
/// preprocessing (for the page's what-if edits) and the `n x n_inputs` input matrix, which
/// holds the cohort's values exactly.
///
/// # Errors
/// An [`OnnxInputError`] naming the column or patient.
pub fn onnx_inputs(
    cohort: &Cohort,
    n_inputs: usize,
) -> Result<(Encoder, Vec<f32>), OnnxInputError> {
    let markers = cohort.markers();
    if markers.len() != n_inputs {
        let mut names: Vec<&str> = markers.iter().take(8).map(|m| m.name()).collect();
        if markers.len() > 8 {
            names.push("...");
        }
        return Err(OnnxInputError::InputCount {
            inputs: n_inputs,
            columns: markers.len(),
            names: if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(", ")
            },
        });
    }
    let ids: Vec<&str> = cohort.ids().collect();
    for marker in markers {
        let values = match marker.values() {
            MarkerValues::Numeric(v) | MarkerValues::Binary(v) => v,
            MarkerValues::Categorical(_) => {
                return Err(OnnxInputError::NotNumeric {
                    column: marker.name().to_owned(),
                });
            }
        };
        let count = values.iter().filter(|v| v.is_nan()).count();
        if let Some(first) = values.iter().position(|v| v.is_nan()) {
            return Err(OnnxInputError::Missing {
                column: marker.name().to_owned(),
                patient: ids.get(first).copied().unwrap_or_default().to_owned(),
                count,
            });
        }
    }
    let encoder = identity_encoder(cohort)?;
    let x = encoder.transform(cohort.view())?.design.into_vec();
    Ok((encoder, x))
}

/// A preprocessing that passes every (numeric or 0/1) marker through unchanged: one input
/// per marker, no missing indicators, no entity.
///
/// survlens-data fits encoders only from data, so this one is fitted (for the training
/// range that flags out-of-range what-if values) and its numeric plans are then rewritten
/// to centre 0 and scale 1, through the encoder's own serialised form, which its
/// validation checks on the way back.
fn identity_encoder(cohort: &Cohort) -> Result<Encoder, OnnxInputError> {
    let config = EncoderConfig {
        missing_indicators: MissingIndicators::Never,
        include_entity: false,
        mirror: false,
        ..EncoderConfig::default()
    };
    let fitted = config.fit(cohort.view())?;
    let mut value = serde_json::to_value(&fitted).map_err(|e| OnnxInputError::form(&e))?;
    if let Some(plans) = value.get_mut("markers").and_then(|m| m.as_array_mut()) {
        for plan in plans {
            if let Some(encoding) = plan.get_mut("encoding")
                && encoding.get("kind").and_then(|k| k.as_str()) == Some("numeric")
            {
                encoding["center"] = serde_json::json!(0.0);
                encoding["scale"] = serde_json::json!(1.0);
            }
        }
    }
    let encoder: Encoder = serde_json::from_value(value).map_err(|e| OnnxInputError::form(&e))?;
    encoder.validate()?;
    Ok(encoder)
}

/// The linear and spline Cox models a statistician fits first, on `train` (with the `auto`
/// recipe's preprocessing, fitted on it too; fold seed 0 for the penalty's
/// cross-validation): what the page shows beside a network trained on those patients, and
/// what a model file stores so that the page need not refit them.
///
/// # Errors
/// As [`FittedBaselines::fit`].
pub fn fit_baseline_models(train: CohortView<'_>) -> Result<FittedBaselines, BundleError> {
    FittedBaselines::fit(&[BaselineKind::Linear, BaselineKind::Spline], train, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_told_apart_by_content_before_extension() {
        let cases: [(&str, &[u8], Option<ModelFileKind>); 8] = [
            (
                "m.json",
                b"{\"format\":1}",
                Some(ModelFileKind::SurvlensJson),
            ),
            (
                "model.onnx",
                b"  {\"a\":1}",
                Some(ModelFileKind::SurvlensJson),
            ),
            (
                "model.bin",
                b"\xEF\xBB\xBF{}",
                Some(ModelFileKind::SurvlensJson),
            ),
            (
                "model",
                b"\x08\x08\x12\x07pytorch",
                Some(ModelFileKind::Onnx),
            ),
            ("model.json", b"\x08\x08\x12", Some(ModelFileKind::Onnx)),
            ("empty.onnx", b"", Some(ModelFileKind::Onnx)),
            ("table.json", b"id,time", Some(ModelFileKind::SurvlensJson)),
            ("table.csv", b"id,time", None),
        ];
        for (name, bytes, want) in cases {
            assert_eq!(ModelFileKind::detect(name, bytes), want, "{name}");
        }
    }

    #[test]
    fn export_names_follow_the_cohort_title() {
        assert_eq!(
            export_file_name("Synthetic teaching cohort, 600 patients, seed 42"),
            "survlens-model-synthetic-teaching-cohort.json"
        );
        assert_eq!(
            export_file_name("good_clinic.csv, 120 patients"),
            "survlens-model-good-clinic-csv.json"
        );
        assert_eq!(export_file_name(""), "survlens-model.json");
    }
}
