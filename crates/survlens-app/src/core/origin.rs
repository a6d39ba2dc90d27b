//! Where the session's network came from ([`ModelOrigin`]) and, for a network trained in
//! the page, what its model file needs besides the session ([`TrainingRecord`]).

use serde::{Deserialize, Serialize};
use survlens_data::Cohort;
use survlens_model::bundle::{FinalFit, ModelMetrics, OutOfFoldMetrics, OutcomeColumns};
use survlens_model::recipe::AutoChoice;
use survlens_model::train::TrainConfig;

use crate::core::i18n::{Arg, Lang};
use crate::core::units::TimeUnit;

/// What a survlens model file holds, as its sentence names it: the network's shape and the
/// patients it was trained on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileModel {
    /// The network's inputs (encoded columns).
    pub inputs: usize,
    /// Each layer's outputs, the last being the risk score.
    pub widths: Vec<usize>,
    /// The markers its preprocessing reads.
    pub markers: usize,
    /// Its training patients.
    pub patients: usize,
    /// Their events.
    pub events: usize,
}

impl FileModel {
    /// What `bundle` holds.
    pub fn of(bundle: &survlens_model::bundle::ModelBundle) -> Self {
        let network = bundle.network();
        Self {
            inputs: network.n_inputs(),
            widths: network.layers().iter().map(|l| l.n_out()).collect(),
            markers: bundle.feature_map().n_markers(),
            patients: bundle.metrics().n_patients,
            events: bundle.metrics().n_events,
        }
    }

    /// In one line in `lang`: "deep Cox network 7 -> 70 -> 1 on 7 markers, trained on 686
    /// patients (299 events)".
    pub fn describe_in(&self, lang: Lang) -> String {
        let widths: Vec<String> = self.widths.iter().map(usize::to_string).collect();
        lang.t_with(
            "origin-file-model",
            &[
                ("inputs", Arg::Text(&self.inputs.to_string())),
                ("widths", Arg::Text(&widths.join(" -> "))),
                ("markers", Arg::Count(self.markers as u64)),
                ("patients", Arg::Count(self.patients as u64)),
                ("events", Arg::Count(self.events as u64)),
            ],
        )
    }
}

/// Where the session's network came from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum ModelOrigin {
    /// Not recorded: a session built outside the page's job.
    #[default]
    Unrecorded,
    /// Trained in this job; the record completes the model file (the model file's `export_bundle`).
    Trained(Box<TrainingRecord>),
    /// The page's embedded default model.
    DefaultModel,
    /// A survlens model file the user opened.
    File {
        /// The file's name.
        file_name: String,
        /// What the file holds.
        model: FileModel,
    },
    /// An ONNX network the user opened; baseline and risk groups fitted on the cohort.
    Onnx {
        /// The file's name.
        file_name: String,
        /// The program that wrote it (`pytorch 2.15.0`), empty when unstated.
        producer: String,
        /// Number of inputs (= the cohort's marker columns).
        n_inputs: usize,
    },
}

impl ModelOrigin {
    /// One sentence on which network explains the cohort, in English (the command line's
    /// and the error messages' language).
    pub fn sentence(&self) -> String {
        self.sentence_in(Lang::En)
    }

    /// One sentence for the page on which network explains the cohort.
    pub fn sentence_in(&self, lang: Lang) -> String {
        match self {
            Self::Unrecorded => lang.t("origin-unrecorded"),
            Self::Trained(record) => lang.t_with(
                "origin-trained",
                &[
                    ("patients", Arg::Count(record.metrics.n_patients as u64)),
                    ("events", Arg::Count(record.metrics.n_events as u64)),
                ],
            ),
            Self::DefaultModel => lang.t("origin-default"),
            Self::File { file_name, model } => lang.t_with(
                "origin-file",
                &[
                    ("file", Arg::Text(file_name)),
                    ("description", Arg::Text(&model.describe_in(lang))),
                ],
            ),
            Self::Onnx {
                file_name,
                producer,
                n_inputs,
            } => {
                let inputs = Arg::Count(*n_inputs as u64);
                let head = if producer.is_empty() {
                    lang.t_with(
                        "origin-onnx",
                        &[("file", Arg::Text(file_name)), ("inputs", inputs)],
                    )
                } else {
                    lang.t_with(
                        "origin-onnx-by",
                        &[
                            ("file", Arg::Text(file_name)),
                            ("inputs", inputs),
                            ("producer", Arg::Text(producer)),
                        ],
                    )
                };
                format!("{head} {}", lang.t("origin-onnx-no-baseline"))
            }
        }
    }

    /// Whether the page can save this network as a survlens model file.
    pub fn can_export(&self) -> bool {
        matches!(self, Self::Trained(_))
    }

    /// Whether the baseline hazard and the risk-group cut-offs were fitted on the cohort on
    /// screen (an ONNX network brings neither) rather than on the network's own training
    /// patients: views that name their source should say so.
    pub fn fits_baseline_on_cohort(&self) -> bool {
        matches!(self, Self::Onnx { .. })
    }

    /// [`ModelOrigin::baseline_patients`] in `lang`.
    pub fn baseline_patients_in(&self, lang: Lang) -> String {
        match self {
            Self::Onnx { .. } => lang.t("vm-baseline-patients-onnx"),
            Self::File { .. } => lang.t("vm-baseline-patients-file"),
            Self::DefaultModel => lang.t("vm-baseline-patients-default"),
            Self::Unrecorded | Self::Trained(_) => lang.t("vm-baseline-patients-training"),
        }
    }

    /// Whose patients the baseline hazard and the risk-group cut-offs come from, to end a
    /// sentence ("... the Breslow baseline hazard of {this}").
    pub fn baseline_patients(&self) -> &'static str {
        match self {
            Self::Onnx { .. } => "this cohort (the network file brings none)",
            Self::File { .. } => "the model's own training patients, stored in its file",
            Self::DefaultModel => "the default model's training patients",
            Self::Unrecorded | Self::Trained(_) => "the training patients",
        }
    }
}

/// What a model file needs of a network trained in the page besides the session's network,
/// preprocessing, baseline and cut-offs. A few hundred bytes: no per-patient array.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainingRecord {
    /// The development cohort's id, outcome and entity columns and its time unit.
    pub columns: OutcomeColumns,
    /// Days per unit of `columns.time_unit`: the file's baseline times are the session's
    /// (days) divided by it.
    pub days_per_time_unit: f64,
    /// Cancer entities of the development cohort, in natural order (empty without one).
    pub entities: Vec<String>,
    /// The setting the network was trained with.
    pub training: TrainConfig,
    /// The development cohort's size, the final fit, and the held-out test patients'
    /// Harrell's C-index. Crosses to the page as JSON text: the model file's metrics leave
    /// out empty lists, which the worker's binary codec (bincode, not self-describing)
    /// cannot read back.
    #[serde(with = "metrics_as_json")]
    pub metrics: ModelMetrics,
    /// What the `auto` recipe chose; `None` for the study's recipe.
    #[serde(default)]
    pub auto: Option<AutoChoice>,
}

/// Serialises [`ModelMetrics`] as its JSON text, so formats that are not self-describing
/// can carry it.
mod metrics_as_json {
    use serde::{Deserialize, Deserializer, Serializer, de::Error as _, ser::Error as _};
    use survlens_model::bundle::ModelMetrics;

    pub fn serialize<S: Serializer>(metrics: &ModelMetrics, s: S) -> Result<S::Ok, S::Error> {
        let text = serde_json::to_string(metrics).map_err(S::Error::custom)?;
        s.serialize_str(&text)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ModelMetrics, D::Error> {
        let text = String::deserialize(d)?;
        serde_json::from_str(&text).map_err(D::Error::custom)
    }
}

impl TrainingRecord {
    /// The record of a network trained on `cohort`, whose file named its id column `id`
    /// and wrote times in units of `unit` days, with its final fit. The held-out test
    /// figures are added by [`TrainingRecord::with_held_out_test`] once the session is
    /// explained.
    pub fn new(
        (id, unit): (Option<String>, f64),
        cohort: &Cohort,
        training: TrainConfig,
        final_fit: FinalFit,
    ) -> Self {
        let columns = cohort.columns();
        let (time_unit, days_per_time_unit) =
            match TimeUnit::ALL.into_iter().find(|u| u.days() == unit) {
                Some(u) => (u.name().to_owned(), unit),
                // A unit without a name (only a programmatic job can give one): the file's
                // baseline is then in days.
                None => (TimeUnit::Days.name().to_owned(), 1.0),
            };
        Self {
            columns: OutcomeColumns {
                id: id.or_else(|| Some(columns.id.clone())),
                time: columns.time.clone(),
                event: columns.event.clone(),
                entity: columns.entity.clone(),
                time_unit: Some(time_unit),
            },
            days_per_time_unit,
            entities: cohort
                .entity()
                .map(|e| e.levels().to_vec())
                .unwrap_or_default(),
            training,
            metrics: ModelMetrics {
                n_patients: cohort.len(),
                n_events: cohort.event_count(),
                final_fit,
                out_of_fold: None,
                baselines: Vec::new(),
            },
            auto: None,
        }
    }

    /// The record of a network the `auto` recipe trained, with its choice.
    pub fn with_auto(mut self, choice: AutoChoice) -> Self {
        self.auto = Some(choice);
        self
    }

    /// Records Harrell's C-index of the `n_test` held-out test patients. The page trains
    /// one network, on fold 0 of its entity-stratified split (or, under external
    /// validation, on the development cohort), so its test patients are written as one
    /// fold: `folds` 1, without the time-dependent metrics the command line's
    /// cross-validation adds.
    pub fn with_held_out_test(mut self, n_test: usize, harrell_c: f64) -> Self {
        let c = harrell_c.is_finite().then_some(harrell_c);
        self.metrics.out_of_fold = Some(OutOfFoldMetrics {
            folds: 1,
            n_test,
            harrell_c: c,
            antolini_c: None,
            integrated_brier_score: None,
            fold_test_harrell_c: vec![c],
        });
        self
    }
}
