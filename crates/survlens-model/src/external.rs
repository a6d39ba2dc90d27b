//! Deep Cox networks trained outside survlens, for example with PyTorch's
//! DistributedDataParallel on a cohort that outgrows one machine, made into complete
//! survlens model files.
//!
//! # The path
//! 1. [`EncodingFile::fit`] draws the held-out split of a cohort ([`HeldOutSplit`], fold 0
//!    of the same entity-stratified assignment the page and the default model use), fits
//!    the preprocessing ([`Encoder`]) on the training patients only, and records both with
//!    a fingerprint of the cohort. The design matrix written next to it (`survlens encode`)
//!    is what the external trainer reads, so preprocessing is survlens' own, bit for bit.
//! 2. The external trainer fits the network on the training rows, stops early on the
//!    validation rows, and writes it with a [`TrainingRecord`] (the settings it used, the
//!    input names it read, its patient counts and how the fit ended).
//! 3. [`bundle_external`] joins the network, the encoding and the same cohort into a
//!    [`ModelBundle`] finished exactly as [`crate::bundle::build_bundle`] finishes its own:
//!    a Breslow baseline and equal-sized risk groups fitted on the log-risks of the
//!    training patients, the validation patients' Cox loss and Harrell's C, and the
//!    held-out test patients' Harrell's C, Antolini's C and integrated Brier score (stored
//!    as one fold, as the page stores its own held-out test).
//!
//! Every check names what disagrees: a cohort that is not the encoded one, a network whose
//! inputs are not the encoding's features (by position and name), a record whose patient
//! counts are not the split's, hidden layers of different widths (a [`TrainConfig`]
//! describes one width).
//!
//! # Files
//! The encoding file is one JSON document:
//! ```json
//! { "format": "survlens-encoding", "version": 1, "software": "survlens-model 0.1.0",
//!   "columns": {...}, "markers": [...], "features": [...], "entities": [...],
//!   "encoder": {...},
//!   "split": { "folds": 5, "seed": 0, "validation_rows": [...], "test_rows": [...] },
//!   "cohort": { "patients": 228, "events": 165, "fingerprint": "9f0c..." } }
//! ```
//! Rows are 0-based positions of the patients in the cohort file; the training rows are
//! the others. The model file [`ExternalModel::to_json`] writes is a plain survlens model
//! file with one more top-level member, `"external_training"` (the record without its
//! feature list, and the program that wrote the network file), which readers of model
//! files ignore.

use serde::{Deserialize, Serialize};
use survlens_data::{
    Cohort, DataError, Describe, Encoder, EncoderConfig, MarkerValues, Message, MessageArg,
};

use crate::ModelError;
use crate::baseline::BreslowBaseline;
use crate::bundle::{
    BundleError, BundleParts, FinalFit, LabelledRiskGroups, ModelBundle, ModelMetrics,
    OutOfFoldMetrics, OutcomeColumns, check_names,
};
use crate::concordance::{antolini_c, harrell_c};
use crate::cv::assign_folds;
use crate::error::phrase;
use crate::loss::{CoxLoss, Ties};
use crate::metrics::integrated_brier_score;
use crate::network::{Architecture, CoxNet};
use crate::train::{AdamConfig, HiddenWidth, TrainConfig};

/// The `format` field of every encoding file.
pub const ENCODING_FORMAT: &str = "survlens-encoding";

/// The encoding-file version this library writes and reads.
pub const ENCODING_VERSION: u32 = 1;

/// Name of the model file's extra top-level member.
pub const PROVENANCE_MEMBER: &str = "external_training";

/// Evaluation times of the integrated Brier score: the 100-point grid of the cross-validated
/// metrics of [`crate::bundle::build_bundle`].
const BRIER_POINTS: usize = 100;

/// Everything that can be wrong on the way from an external network to a model file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ExternalError {
    /// Text that is not valid JSON or does not have the expected fields.
    #[error("{what}: at line {line}, column {column}: {description}")]
    Json {
        /// `"encoding file"` or `"training record"`.
        what: &'static str,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The JSON parser's own description, naming the field.
        description: String,
    },
    /// Valid JSON that is not an encoding file.
    #[error("not a survlens encoding file: \"format\" is {found}, expected \"{ENCODING_FORMAT}\"")]
    NotAnEncodingFile {
        /// What the `format` field holds (`missing` when absent), as JSON text.
        found: String,
    },
    /// An encoding file of a version this library cannot read.
    #[error(
        "encoding file version {found} is not supported; this survlens reads version {supported}"
    )]
    UnsupportedVersion {
        /// The `version` field as JSON text.
        found: String,
        /// The version this library reads.
        supported: u32,
    },
    /// A split row beyond the cohort.
    #[error("held-out split: {} row {row} is beyond the cohort's {patients} patients", .role.name())]
    SplitRow {
        /// The part of the split that lists it.
        role: SplitRole,
        /// The row (0-based).
        row: usize,
        /// The cohort's patients.
        patients: usize,
    },
    /// A row listed in two parts of the split.
    #[error(
        "held-out split: row {row} is listed as {} and as {}",
        .first.name(),
        .second.name()
    )]
    SplitTwice {
        /// The row (0-based).
        row: usize,
        /// The part that lists it first.
        first: SplitRole,
        /// The other part.
        second: SplitRole,
    },
    /// A part of the split without patients.
    #[error("held-out split: no {} patients", .role.name())]
    SplitEmpty {
        /// The empty part.
        role: SplitRole,
    },
    /// A cohort of another size than the one the encoding was made from.
    #[error(
        "the cohort is not the one the encoding was made from: it has {patients} patients \
         with {events} events, the encoding was made from {encoded_patients} patients with \
         {encoded_events} events"
    )]
    CohortSize {
        /// The cohort's patients.
        patients: usize,
        /// Its events.
        events: usize,
        /// The encoding's patients.
        encoded_patients: usize,
        /// Its events.
        encoded_events: usize,
    },
    /// A cohort of the same size whose contents differ from the encoding's.
    #[error(
        "the cohort is not the one the encoding was made from: same size, but its ids, times, \
         events, marker values or row order differ (fingerprint {found}, the encoding's \
         {expected})"
    )]
    CohortFingerprint {
        /// The cohort's fingerprint.
        found: String,
        /// The encoding's.
        expected: String,
    },
    /// The network takes another number of inputs than the encoding makes.
    #[error("the network takes {network} inputs but the encoding makes {encoding} features")]
    InputCount {
        /// The network's inputs.
        network: usize,
        /// The encoding's features.
        encoding: usize,
    },
    /// The record names another number of inputs than the encoding makes.
    #[error(
        "the training record names {record} network inputs but the encoding makes {encoding} \
         features"
    )]
    FeatureCount {
        /// Input names in the record.
        record: usize,
        /// The encoding's features.
        encoding: usize,
    },
    /// The trainer read another feature at some input than the encoding makes there.
    #[error(
        "network input {position} was trained on \"{record}\" but the encoding's feature \
         {position} is \"{encoding}\""
    )]
    FeatureMismatch {
        /// 0-based input.
        position: usize,
        /// The name in the training record.
        record: String,
        /// The encoding's name.
        encoding: String,
    },
    /// The record's patient count of a split part is not the encoding's.
    #[error(
        "the training record counts {record} {part} patients but the encoding's split has \
         {encoding}"
    )]
    SplitMismatch {
        /// `"train"`, `"validation"` or `"test"`.
        part: &'static str,
        /// The record's count.
        record: usize,
        /// The split's count.
        encoding: usize,
    },
    /// Hidden layers of different widths, which a [`TrainConfig`] cannot describe.
    #[error(
        "the network's hidden layers have widths {}; a survlens model describes hidden layers \
         of one width",
        .widths.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
    )]
    HiddenWidths {
        /// The widths, input side first.
        widths: Vec<usize>,
    },
    /// A recorded setting out of its range.
    #[error("training record: {0}")]
    Setting(ModelError),
    /// A cohort problem (a marker missing, another kind).
    #[error(transparent)]
    Data(#[from] DataError),
    /// A modelling problem (no events among the training patients).
    #[error(transparent)]
    Model(#[from] ModelError),
    /// The parts do not make a valid model file.
    #[error(transparent)]
    Bundle(#[from] BundleError),
}

impl ExternalError {
    /// A stable machine-readable name of the problem kind (a library's error keeps its own
    /// code); it never changes with the wording.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Json { .. } => "json",
            Self::NotAnEncodingFile { .. } => "not_an_encoding_file",
            Self::UnsupportedVersion { .. } => "unsupported_version",
            Self::SplitRow { .. } => "split_row",
            Self::SplitTwice { .. } => "split_twice",
            Self::SplitEmpty { .. } => "split_empty",
            Self::CohortSize { .. } => "cohort_size",
            Self::CohortFingerprint { .. } => "cohort_fingerprint",
            Self::InputCount { .. } => "input_count",
            Self::FeatureCount { .. } => "feature_count",
            Self::FeatureMismatch { .. } => "feature_mismatch",
            Self::SplitMismatch { .. } => "split_mismatch",
            Self::HiddenWidths { .. } => "hidden_widths",
            Self::Setting(e) | Self::Model(e) => e.code(),
            Self::Data(e) => e.code(),
            Self::Bundle(e) => e.code(),
        }
    }

    fn json(what: &'static str, e: &serde_json::Error) -> Self {
        let text = e.to_string();
        let description = match text.rfind(" at line ") {
            Some(cut) => text[..cut].to_owned(),
            None => text,
        };
        Self::Json {
            what,
            line: e.line(),
            column: e.column(),
            description,
        }
    }
}

impl Describe for ExternalError {
    fn message(&self) -> Message {
        let cause = |key, cause: MessageArg| Message::new(key, vec![("reason", cause)]);
        match self {
            Self::Json {
                what,
                line,
                column,
                description,
            } => Message::new(
                "model-external-json",
                vec![
                    ("what", phrase(what)),
                    ("line", MessageArg::text(line)),
                    ("column", MessageArg::text(column)),
                    ("description", MessageArg::text(description)),
                ],
            ),
            Self::NotAnEncodingFile { found } => Message::new(
                "model-external-not-an-encoding-file",
                vec![
                    ("found", phrase(found)),
                    ("expected", MessageArg::text(ENCODING_FORMAT)),
                ],
            ),
            Self::UnsupportedVersion { found, supported } => Message::new(
                "model-external-unsupported-version",
                vec![
                    ("found", phrase(found)),
                    ("supported", MessageArg::text(supported)),
                ],
            ),
            Self::SplitRow {
                role,
                row,
                patients,
            } => Message::new(
                "model-external-split-row",
                vec![
                    ("role", part(role.name())),
                    ("row", MessageArg::text(row)),
                    ("patients", MessageArg::text(patients)),
                ],
            ),
            Self::SplitTwice { row, first, second } => Message::new(
                "model-external-split-twice",
                vec![
                    ("row", MessageArg::text(row)),
                    ("first", part(first.name())),
                    ("second", part(second.name())),
                ],
            ),
            Self::SplitEmpty { role } => Message::new(
                "model-external-split-empty",
                vec![("role", part(role.name()))],
            ),
            Self::CohortSize {
                patients,
                events,
                encoded_patients,
                encoded_events,
            } => Message::new(
                "model-external-cohort-size",
                vec![
                    ("patients", MessageArg::text(patients)),
                    ("events", MessageArg::text(events)),
                    ("encoded_patients", MessageArg::text(encoded_patients)),
                    ("encoded_events", MessageArg::text(encoded_events)),
                ],
            ),
            Self::CohortFingerprint { found, expected } => Message::new(
                "model-external-cohort-fingerprint",
                vec![
                    ("found", MessageArg::text(found)),
                    ("expected", MessageArg::text(expected)),
                ],
            ),
            Self::InputCount { network, encoding } => Message::new(
                "model-external-input-count",
                vec![
                    ("network", MessageArg::text(network)),
                    ("encoding", MessageArg::text(encoding)),
                ],
            ),
            Self::FeatureCount { record, encoding } => Message::new(
                "model-external-feature-count",
                vec![
                    ("record", MessageArg::text(record)),
                    ("encoding", MessageArg::text(encoding)),
                ],
            ),
            Self::FeatureMismatch {
                position,
                record,
                encoding,
            } => Message::new(
                "model-external-feature-mismatch",
                vec![
                    ("position", MessageArg::text(position)),
                    ("record", MessageArg::text(record)),
                    ("encoding", MessageArg::text(encoding)),
                ],
            ),
            Self::SplitMismatch {
                part: name,
                record,
                encoding,
            } => Message::new(
                "model-external-split-mismatch",
                vec![
                    ("record", MessageArg::text(record)),
                    ("part", part(name)),
                    ("encoding", MessageArg::text(encoding)),
                ],
            ),
            Self::HiddenWidths { widths } => Message::new(
                "model-external-hidden-widths",
                vec![(
                    "widths",
                    MessageArg::text(
                        widths
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                )],
            ),
            Self::Setting(e) => cause("model-external-setting", MessageArg::nested(e)),
            Self::Data(e) => cause("model-external-data", MessageArg::nested(e)),
            Self::Model(e) => cause("model-external-model", MessageArg::nested(e)),
            Self::Bundle(e) => cause("model-external-bundle", MessageArg::nested(e)),
        }
    }
}

/// Which part of the held-out split a patient is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SplitRole {
    /// Trains the network; fits the baseline and the risk groups.
    Train,
    /// Stops the training early.
    Validation,
    /// Measures the network; never seen by training or stopping.
    Test,
}

impl SplitRole {
    /// The word written in a design matrix's `split` column.
    pub fn name(self) -> &'static str {
        match self {
            Self::Train => "train",
            Self::Validation => "validation",
            Self::Test => "test",
        }
    }
}

/// A part of the held-out split, by its word in a design matrix's `split` column, as a
/// message argument: the part's name in the reader's language.
fn part(name: &str) -> MessageArg {
    let key = match name {
        "train" => "model-external-part-train",
        "validation" => "model-external-part-validation",
        "test" => "model-external-part-test",
        _ => return MessageArg::text(name),
    };
    MessageArg::Nested(Box::new(Message::plain(key)))
}

/// A cohort's patients divided into training, validation and test patients.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeldOutSplit {
    roles: Vec<SplitRole>,
    folds: usize,
    seed: u64,
}

impl HeldOutSplit {
    /// Fold 0 of the `folds`-fold assignment [`assign_folds`] draws for `seed` (stratified
    /// by `strata`, the entity codes): its test half is the test patients, its validation
    /// half the validation patients, the other folds train. The page's training and the
    /// default model split the same way.
    ///
    /// # Errors
    /// As [`assign_folds`].
    pub fn fold_zero(
        n: usize,
        strata: Option<&[u32]>,
        folds: usize,
        seed: u64,
    ) -> Result<Self, ModelError> {
        let assignment = assign_folds(n, strata, folds, seed)?;
        let mut roles = vec![SplitRole::Train; n];
        for &i in assignment.validation_rows(0) {
            roles[i] = SplitRole::Validation;
        }
        for &i in assignment.test_rows(0) {
            roles[i] = SplitRole::Test;
        }
        Ok(Self { roles, folds, seed })
    }

    /// A split of `n` patients from its validation and test rows (0-based), as stored, with
    /// the `folds` and `seed` it was drawn with.
    ///
    /// # Errors
    /// [`ExternalError::SplitRow`] for a row out of range, [`ExternalError::SplitTwice`] for
    /// one listed twice, and [`ExternalError::SplitEmpty`] for a split without training,
    /// validation or test patients.
    pub fn from_rows(
        n: usize,
        validation: &[usize],
        test: &[usize],
        folds: usize,
        seed: u64,
    ) -> Result<Self, ExternalError> {
        let mut roles = vec![SplitRole::Train; n];
        for (rows, role) in [(validation, SplitRole::Validation), (test, SplitRole::Test)] {
            for &i in rows {
                match roles.get(i) {
                    None => {
                        return Err(ExternalError::SplitRow {
                            role,
                            row: i,
                            patients: n,
                        });
                    }
                    Some(SplitRole::Train) => roles[i] = role,
                    Some(other) => {
                        return Err(ExternalError::SplitTwice {
                            row: i,
                            first: *other,
                            second: role,
                        });
                    }
                }
            }
        }
        let split = Self { roles, folds, seed };
        for role in [SplitRole::Train, SplitRole::Validation, SplitRole::Test] {
            if split.rows(role).is_empty() {
                return Err(ExternalError::SplitEmpty { role });
            }
        }
        Ok(split)
    }

    /// Number of patients.
    pub fn n_patients(&self) -> usize {
        self.roles.len()
    }

    /// Per patient, its part.
    pub fn roles(&self) -> &[SplitRole] {
        &self.roles
    }

    /// The patients of `role`, in ascending row order.
    pub fn rows(&self, role: SplitRole) -> Vec<usize> {
        (0..self.roles.len())
            .filter(|&i| self.roles[i] == role)
            .collect()
    }

    /// Folds of the assignment the split was drawn from.
    pub fn folds(&self) -> usize {
        self.folds
    }

    /// Seed it was drawn with.
    pub fn seed(&self) -> u64 {
        self.seed
    }
}

/// A cohort's size, events and fingerprint, to recognise it later.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortStamp {
    /// Patients.
    pub patients: usize,
    /// Observed events.
    pub events: usize,
    /// [`cohort_fingerprint`].
    pub fingerprint: String,
}

impl CohortStamp {
    /// The stamp of `cohort`.
    pub fn of(cohort: &Cohort) -> Self {
        Self {
            patients: cohort.len(),
            events: cohort.event_count(),
            fingerprint: cohort_fingerprint(cohort),
        }
    }
}

/// 64-bit FNV-1a hash (Fowler, Noll and Vo) of every patient's id, time (its `f64` bits),
/// event and marker values (names, `f32` bits with one NaN for every missing value, level
/// labels), in cohort order, as 16 hexadecimal digits. Not a cryptographic hash: it tells a
/// cohort file from another one, edited or reordered, not from a forgery.
pub fn cohort_fingerprint(cohort: &Cohort) -> String {
    let mut h = Fnv::new();
    h.write(&(cohort.len() as u64).to_le_bytes());
    for (i, id) in cohort.ids().enumerate() {
        h.write(id.as_bytes());
        h.write(&[0x1f]);
        h.write(&cohort.time()[i].to_bits().to_le_bytes());
        h.write(&[u8::from(cohort.event()[i])]);
    }
    for marker in cohort.markers() {
        h.write(marker.name().as_bytes());
        h.write(&[0x1e]);
        match marker.values() {
            MarkerValues::Numeric(v) | MarkerValues::Binary(v) => {
                for x in v {
                    let bits = if x.is_nan() {
                        f32::NAN.to_bits()
                    } else {
                        x.to_bits()
                    };
                    h.write(&bits.to_le_bytes());
                }
            }
            MarkerValues::Categorical(c) => {
                for row in 0..c.len() {
                    match c.label(row) {
                        Some(label) => {
                            h.write(label.as_bytes());
                            h.write(&[0x1f]);
                        }
                        None => h.write(&[0x00, 0x1f]),
                    }
                }
            }
        }
    }
    format!("{:016x}", h.0)
}

/// FNV-1a, 64 bits.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// A cohort's preprocessing, fitted on its training patients, with the held-out split and
/// the cohort's stamp: what an external trainer's design matrix was made with.
#[derive(Clone, Debug, PartialEq)]
pub struct EncodingFile {
    /// Id, outcome and entity columns and the time unit.
    pub columns: OutcomeColumns,
    /// Cancer entities of the cohort, in natural order (empty without one).
    pub entities: Vec<String>,
    /// The preprocessing, fitted on the training patients.
    pub encoder: Encoder,
    /// The held-out split.
    pub split: HeldOutSplit,
    /// The cohort it was made from.
    pub cohort: CohortStamp,
}

#[derive(Serialize, Deserialize)]
struct StoredSplit {
    folds: usize,
    seed: u64,
    validation_rows: Vec<usize>,
    test_rows: Vec<usize>,
}

#[derive(Serialize, Deserialize)]
struct StoredEncoding {
    format: String,
    version: u32,
    software: String,
    columns: OutcomeColumns,
    markers: Vec<String>,
    features: Vec<String>,
    entities: Vec<String>,
    encoder: Encoder,
    split: StoredSplit,
    cohort: CohortStamp,
}

/// The first fields, read before the rest so that a foreign or newer file is named as such.
#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

impl EncodingFile {
    /// Draws the split of `cohort` ([`HeldOutSplit::fold_zero`], stratified by entity when
    /// the cohort has one) and fits `config` on its training patients.
    ///
    /// # Errors
    /// [`ExternalError::Model`] when the cohort is too small for the folds;
    /// [`ExternalError::Data`] when the preprocessing cannot be fitted.
    pub fn fit(
        cohort: &Cohort,
        config: &EncoderConfig,
        folds: usize,
        seed: u64,
        columns: OutcomeColumns,
    ) -> Result<Self, ExternalError> {
        let strata: Option<Vec<u32>> = cohort.entity().map(|e| e.codes().to_vec());
        let split = HeldOutSplit::fold_zero(cohort.len(), strata.as_deref(), folds, seed)?;
        let train = split.rows(SplitRole::Train);
        let encoder = config.fit(cohort.rows(&train)?)?;
        Ok(Self {
            columns,
            entities: cohort
                .entity()
                .map(|e| e.levels().to_vec())
                .unwrap_or_default(),
            encoder,
            split,
            cohort: CohortStamp::of(cohort),
        })
    }

    /// Checks that `cohort` is the one this encoding was made from (same size, then same
    /// fingerprint).
    ///
    /// # Errors
    /// [`ExternalError::CohortSize`] or [`ExternalError::CohortFingerprint`] saying what
    /// differs.
    pub fn check_cohort(&self, cohort: &Cohort) -> Result<(), ExternalError> {
        let stamp = CohortStamp::of(cohort);
        if stamp.patients != self.cohort.patients || stamp.events != self.cohort.events {
            return Err(ExternalError::CohortSize {
                patients: stamp.patients,
                events: stamp.events,
                encoded_patients: self.cohort.patients,
                encoded_events: self.cohort.events,
            });
        }
        if stamp.fingerprint != self.cohort.fingerprint {
            return Err(ExternalError::CohortFingerprint {
                found: stamp.fingerprint.clone(),
                expected: self.cohort.fingerprint.clone(),
            });
        }
        Ok(())
    }

    /// The encoding file's text (deterministic).
    ///
    /// # Errors
    /// [`ExternalError::Json`] if serialisation fails (it does not for a fitted encoding).
    pub fn to_json(&self) -> Result<String, ExternalError> {
        let map = self.encoder.feature_map();
        let stored = StoredEncoding {
            format: ENCODING_FORMAT.into(),
            version: ENCODING_VERSION,
            software: format!("survlens-model {}", env!("CARGO_PKG_VERSION")),
            columns: self.columns.clone(),
            markers: map.marker_names().to_vec(),
            features: map.names().map(str::to_owned).collect(),
            entities: self.entities.clone(),
            encoder: self.encoder.clone(),
            split: StoredSplit {
                folds: self.split.folds,
                seed: self.split.seed,
                validation_rows: self.split.rows(SplitRole::Validation),
                test_rows: self.split.rows(SplitRole::Test),
            },
            cohort: self.cohort.clone(),
        };
        serde_json::to_string(&stored).map_err(|e| ExternalError::json("encoding file", &e))
    }

    /// Reads and checks an encoding file.
    ///
    /// # Errors
    /// [`ExternalError::Json`] with line and column for malformed JSON or a missing field;
    /// [`ExternalError::NotAnEncodingFile`], [`ExternalError::UnsupportedVersion`];
    /// [`ExternalError::Bundle`] for an inconsistent encoder or names that are not the
    /// encoder's; [`ExternalError::SplitRow`], [`ExternalError::SplitTwice`] or
    /// [`ExternalError::SplitEmpty`] for a split that does not fit the cohort's size.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, ExternalError> {
        let header: Header = serde_json::from_slice(bytes).map_err(|e| match e.classify() {
            serde_json::error::Category::Data => ExternalError::NotAnEncodingFile {
                found: "missing (the file is not a JSON object)".into(),
            },
            _ => ExternalError::json("encoding file", &e),
        })?;
        match &header.format {
            Some(serde_json::Value::String(f)) if f == ENCODING_FORMAT => {}
            other => {
                return Err(ExternalError::NotAnEncodingFile {
                    found: other
                        .as_ref()
                        .map_or_else(|| "missing".into(), ToString::to_string),
                });
            }
        }
        match &header.version {
            Some(v) if v.as_u64() == Some(u64::from(ENCODING_VERSION)) => {}
            found => {
                return Err(ExternalError::UnsupportedVersion {
                    found: found
                        .as_ref()
                        .map_or_else(|| "missing".into(), ToString::to_string),
                    supported: ENCODING_VERSION,
                });
            }
        }
        let stored: StoredEncoding =
            serde_json::from_slice(bytes).map_err(|e| ExternalError::json("encoding file", &e))?;
        stored
            .encoder
            .validate()
            .map_err(|e| ExternalError::Bundle(BundleError::InvalidEncoder(e)))?;
        let map = stored.encoder.feature_map();
        check_names("marker", &stored.markers, map.marker_names())?;
        let features: Vec<String> = map.names().map(str::to_owned).collect();
        check_names("feature", &stored.features, &features)?;
        let split = HeldOutSplit::from_rows(
            stored.cohort.patients,
            &stored.split.validation_rows,
            &stored.split.test_rows,
            stored.split.folds,
            stored.split.seed,
        )?;
        Ok(Self {
            columns: stored.columns,
            entities: stored.entities,
            encoder: stored.encoder,
            split,
            cohort: stored.cohort,
        })
    }
}

/// How the external trainer distributed its work.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Distribution {
    /// E.g. `DistributedDataParallel`.
    pub strategy: String,
    /// Communication backend, e.g. `gloo`.
    pub backend: String,
    /// Number of processes.
    pub world_size: usize,
}

/// Patients per split part, as the trainer counted them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SplitCounts {
    /// Training patients.
    pub train: usize,
    /// Validation patients.
    pub validation: usize,
    /// Test patients.
    pub test: usize,
}

/// The training setting as the trainer records it: a [`TrainConfig`] without the network's
/// shape (read from the network itself).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordedSettings {
    /// Hidden width as a multiple of the inputs, when it was given that way (the study: 10).
    pub width_factor: Option<usize>,
    /// Dropout probability on the inputs during training.
    pub input_dropout: f32,
    /// Dropout probability after each hidden ReLU during training.
    pub hidden_dropout: f32,
    /// Tie handling of the Cox loss.
    pub loss: Ties,
    /// Learning rate of the first stage.
    pub learning_rate: f64,
    /// Adam's moment decays and epsilon.
    pub adam: AdamConfig,
    /// Patients per optimiser step, over all processes: the Cox loss's risk sets span them.
    pub batch_size: usize,
    /// Gradient-norm clipping, if any.
    pub max_grad_norm: Option<f64>,
    /// Learning-rate stages.
    pub stages: usize,
    /// Most epochs per stage.
    pub epochs_per_stage: usize,
    /// Factor on the learning rate from one stage to the next.
    pub stage_lr_factor: f64,
    /// Epochs without a better validation loss that end a stage.
    pub patience: usize,
    /// The trainer's seed.
    pub seed: u64,
}

/// How the external fit ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordedFit {
    /// Epochs run over all stages.
    pub epochs: usize,
    /// Epoch of the kept weights (1-based), if one completed.
    pub best_epoch: Option<usize>,
    /// The trainer's validation loss with the kept weights.
    pub validation_loss: Option<f64>,
    /// Wall-clock seconds of the training.
    pub seconds: Option<f64>,
    /// The trainer's Harrell's C of the test patients.
    pub test_harrell_c: Option<f64>,
}

/// What an external trainer records with its network (for the study's network trained by
/// `tools/ddp/train_ddp.py`: the ONNX file's metadata entry `survlens.training`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainingRecord {
    /// The training program.
    pub trainer: String,
    /// The framework and its version, e.g. `torch 2.15.0`.
    pub framework: String,
    /// How the work was distributed, if it was.
    pub distribution: Option<Distribution>,
    /// The name of each network input, in order (the design matrix's feature columns).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<String>,
    /// Patients per split part.
    pub patients: SplitCounts,
    /// The setting.
    pub settings: RecordedSettings,
    /// How the fit ended.
    pub fit: RecordedFit,
}

impl TrainingRecord {
    /// Reads a record from its JSON text.
    ///
    /// # Errors
    /// [`ExternalError::Json`] naming the line, column and field.
    pub fn from_json(text: &str) -> Result<Self, ExternalError> {
        serde_json::from_str(text).map_err(|e| ExternalError::json("training record", &e))
    }

    /// The [`TrainConfig`] that describes this training of `network`: the shape read from
    /// the network, the rest from the record.
    ///
    /// # Errors
    /// [`ExternalError::HiddenWidths`] for hidden layers of different widths;
    /// [`ExternalError::Setting`] for a recorded setting out of its range.
    pub fn train_config(&self, network: &CoxNet) -> Result<TrainConfig, ExternalError> {
        let layers = network.layers();
        let widths: Vec<usize> = layers[..layers.len().saturating_sub(1)]
            .iter()
            .map(|l| l.n_out())
            .collect();
        let width = widths.first().copied().unwrap_or(1);
        if widths.iter().any(|&w| w != width) {
            return Err(ExternalError::HiddenWidths { widths });
        }
        let s = &self.settings;
        let hidden_width = match s.width_factor {
            Some(f) if f.checked_mul(network.n_inputs()) == Some(width) => {
                HiddenWidth::TimesInputs(f)
            }
            _ => HiddenWidth::Fixed(width),
        };
        // Settings survlens adds later take their defaults: the record cannot know them.
        #[allow(clippy::needless_update)]
        let config = TrainConfig {
            hidden_layers: widths.len(),
            hidden_width,
            input_dropout: s.input_dropout,
            hidden_dropout: s.hidden_dropout,
            ties: s.loss,
            learning_rate: s.learning_rate,
            adam: s.adam,
            batch_size: s.batch_size,
            max_grad_norm: s.max_grad_norm,
            stages: s.stages,
            epochs_per_stage: s.epochs_per_stage,
            stage_lr_factor: s.stage_lr_factor,
            patience: s.patience,
            seed: s.seed,
            ..TrainConfig::default()
        };
        config.validate().map_err(ExternalError::Setting)?;
        Ok(config)
    }

    /// Checks the record against the encoding the network should have been trained on:
    /// input count, every input's name, and the patients per split part.
    ///
    /// # Errors
    /// [`ExternalError::InputCount`], [`ExternalError::FeatureMismatch`] (the first input
    /// that differs) or [`ExternalError::SplitMismatch`].
    pub fn check_against(
        &self,
        encoding: &EncodingFile,
        network: &CoxNet,
    ) -> Result<(), ExternalError> {
        let names: Vec<&str> = encoding.encoder.feature_map().names().collect();
        if network.n_inputs() != names.len() {
            return Err(ExternalError::InputCount {
                network: network.n_inputs(),
                encoding: names.len(),
            });
        }
        if self.features.len() != names.len() {
            return Err(ExternalError::FeatureCount {
                record: self.features.len(),
                encoding: names.len(),
            });
        }
        if let Some(position) = (0..names.len()).find(|&k| self.features[k] != names[k]) {
            return Err(ExternalError::FeatureMismatch {
                position,
                record: self.features[position].clone(),
                encoding: names[position].to_owned(),
            });
        }
        let split = &encoding.split;
        for (part, record, role) in [
            ("train", self.patients.train, SplitRole::Train),
            (
                "validation",
                self.patients.validation,
                SplitRole::Validation,
            ),
            ("test", self.patients.test, SplitRole::Test),
        ] {
            let count = split.roles().iter().filter(|&&r| r == role).count();
            if record != count {
                return Err(ExternalError::SplitMismatch {
                    part,
                    record,
                    encoding: count,
                });
            }
        }
        Ok(())
    }
}

/// Where a model file's network was trained, stored as its `"external_training"` member.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExternalProvenance {
    /// The program that wrote the network file (`pytorch 2.15.0`), empty when unstated.
    pub network_file_producer: String,
    /// The trainer's record, without its feature list (the model file lists the features).
    pub record: TrainingRecord,
}

/// A model file made from an external network, and the log-risk it gives every patient of
/// its cohort.
#[derive(Clone, Debug, PartialEq)]
pub struct ExternalModel {
    /// The model file's content.
    pub bundle: ModelBundle,
    /// Where the network was trained.
    pub provenance: ExternalProvenance,
    /// Per patient of the cohort, in cohort order: the network's log-risk.
    pub log_risk: Vec<f64>,
}

#[derive(Deserialize)]
struct Envelope {
    external_training: Option<ExternalProvenance>,
}

impl ExternalModel {
    /// The model file: [`ModelBundle::to_json`] with the provenance appended as its last
    /// member. Deterministic.
    ///
    /// # Errors
    /// [`ExternalError::Bundle`] or [`ExternalError::Json`] if serialisation fails (it does
    /// not for a valid model).
    pub fn to_json(&self) -> Result<String, ExternalError> {
        let mut text = self.bundle.to_json()?;
        let provenance = serde_json::to_string(&self.provenance)
            .map_err(|e| ExternalError::json("training record", &e))?;
        // The bundle is one JSON object: reopen it before its closing brace.
        if text.pop() != Some('}') {
            return Err(ExternalError::Bundle(BundleError::NotAnObject));
        }
        text.push_str(&format!(",\"{PROVENANCE_MEMBER}\":{provenance}}}\n"));
        Ok(text)
    }

    /// The provenance of a model file, if it has one (`None` for a network trained by
    /// survlens).
    ///
    /// # Errors
    /// [`ExternalError::Json`] when the member is there but malformed.
    pub fn provenance_of(bytes: &[u8]) -> Result<Option<ExternalProvenance>, ExternalError> {
        let envelope: Envelope = serde_json::from_slice(bytes)
            .map_err(|e| ExternalError::json("training record", &e))?;
        Ok(envelope.external_training)
    }
}

/// Makes the model file of `network`, trained outside survlens on the design matrix of
/// `encoding`, from the same `cohort` (see the module documentation): `risk_groups`
/// equal-sized groups (3: terciles) on the training patients' log-risks.
/// `network_file_producer` names the program that wrote the network file.
///
/// # Errors
/// [`ExternalError::CohortSize`] or [`ExternalError::CohortFingerprint`] for another
/// cohort; the errors of
/// [`TrainingRecord::check_against`] and [`TrainingRecord::train_config`];
/// [`ExternalError::Data`] when a marker is missing or of another kind;
/// [`ExternalError::Model`] when the training patients have no event;
/// [`ExternalError::Bundle`] when the parts do not validate.
pub fn bundle_external(
    cohort: &Cohort,
    encoding: &EncodingFile,
    network: CoxNet,
    record: &TrainingRecord,
    network_file_producer: &str,
    risk_groups: usize,
) -> Result<ExternalModel, ExternalError> {
    encoding.check_cohort(cohort)?;
    record.check_against(encoding, &network)?;
    let training = record.train_config(&network)?;
    let design = encoding.encoder.transform(cohort.view())?.design;
    let log_risk: Vec<f64> = network
        .predict(design.as_slice(), cohort.len())
        .into_iter()
        .map(f64::from)
        .collect();
    let time = cohort.time();
    let event = cohort.event();
    let part = |role: SplitRole| {
        let rows = encoding.split.rows(role);
        let t: Vec<f64> = rows.iter().map(|&i| time[i]).collect();
        let e: Vec<bool> = rows.iter().map(|&i| event[i]).collect();
        let r: Vec<f64> = rows.iter().map(|&i| log_risk[i]).collect();
        (t, e, r)
    };
    let (train_t, train_e, train_r) = part(SplitRole::Train);
    let (val_t, val_e, val_r) = part(SplitRole::Validation);
    let (test_t, test_e, test_r) = part(SplitRole::Test);

    let baseline = BreslowBaseline::fit(&train_t, &train_e, &train_r)?;
    let groups = LabelledRiskGroups::equal_sized(&train_r, risk_groups)?;
    let validation_loss = CoxLoss::new(training.ties)
        .value(&val_r, &val_t, &val_e)
        .ok();
    let validation_harrell_c = harrell_c(&val_t, &val_e, &val_r).ok().map(|c| c.index);
    let test_c = harrell_c(&test_t, &test_e, &test_r).ok().map(|c| c.index);

    // Antolini reads each curve at the test event times only: an exact grid.
    let mut event_grid: Vec<f64> = test_t
        .iter()
        .zip(&test_e)
        .filter(|&(_, &e)| e)
        .map(|(&t, _)| t)
        .collect();
    event_grid.sort_by(f64::total_cmp);
    event_grid.dedup();
    let antolini = if event_grid.is_empty() {
        None
    } else {
        let curves = baseline.survival_matrix(&test_r, &event_grid)?;
        antolini_c(&test_t, &test_e, &event_grid, &curves).ok()
    };
    let brier_grid = brier_times(&test_t);
    let ibs = if brier_grid.is_empty() {
        None
    } else {
        let curves = baseline.survival_matrix(&test_r, &brier_grid)?;
        integrated_brier_score(time, event, &test_t, &test_e, &curves, &brier_grid).ok()
    };

    let columns = cohort.columns();
    let architecture = Architecture {
        n_inputs: network.n_inputs(),
        hidden: training.architecture(network.n_inputs()).hidden,
        input_dropout: training.input_dropout,
        hidden_dropout: training.hidden_dropout,
    };
    let metrics = ModelMetrics {
        n_patients: cohort.len(),
        n_events: cohort.event_count(),
        final_fit: FinalFit {
            n_train: train_t.len(),
            n_validation: val_t.len(),
            epochs: record.fit.epochs,
            best_epoch: record.fit.best_epoch,
            validation_loss,
            validation_harrell_c,
        },
        out_of_fold: Some(OutOfFoldMetrics {
            folds: 1,
            n_test: test_t.len(),
            harrell_c: test_c,
            antolini_c: antolini,
            integrated_brier_score: ibs,
            fold_test_harrell_c: vec![test_c],
        }),
        // The page fits its linear and spline Cox models on the cohort it opens the file
        // with; the file records none for a network trained elsewhere.
        baselines: Vec::new(),
    };
    let bundle = ModelBundle::new(BundleParts {
        columns: OutcomeColumns {
            id: encoding.columns.id.clone(),
            time: columns.time.clone(),
            event: columns.event.clone(),
            entity: columns.entity.clone(),
            time_unit: encoding.columns.time_unit.clone(),
        },
        entities: encoding.entities.clone(),
        encoder: encoding.encoder.clone(),
        architecture,
        network,
        training,
        baseline,
        risk_groups: groups,
        metrics,
        auto: None,
        baseline_models: None,
        labels: Vec::new(),
    })?;
    let mut stored = record.clone();
    stored.features.clear();
    Ok(ExternalModel {
        bundle,
        provenance: ExternalProvenance {
            network_file_producer: network_file_producer.to_owned(),
            record: stored,
        },
        log_risk,
    })
}

/// `BRIER_POINTS` equally spaced times from the first test time up to (excluding) the last;
/// empty when the follow-up has a single time.
fn brier_times(times: &[f64]) -> Vec<f64> {
    let lo = times.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = times.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !(lo.is_finite() && hi.is_finite() && hi > lo) {
        return Vec::new();
    }
    (0..BRIER_POINTS)
        .map(|j| lo + (hi - lo) * j as f64 / BRIER_POINTS as f64)
        .collect()
}
