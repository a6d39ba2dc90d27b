//! The page's own errors read in English and German from the catalogues: every variant of
//! the job's errors (`PipelineError`, `ModelFileProblem`), the views' (`ContrastError`,
//! `MarkersViewError`), a saved model file's (`ExportError`), a session's shape
//! (`ShapeError`), the default model's (`DefaultModelError`, `ProvenanceProblem`), an ONNX
//! network's inputs (`OnnxInputError`) and a FHIR export's (`FhirImportError`,
//! `IndexDateError`) names a catalogue key whose English sentence is the command line's
//! and whose German sentence exists.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Display;

use survlens_app::core::error::ComputeError;
use survlens_app::core::i18n::Lang;
use survlens_app::core::origin::{FileModel, ModelOrigin, TrainingRecord};
use survlens_app::core::session::ShapeError;
use survlens_app::job::pipeline::{ModelFileProblem, PipelineError};
use survlens_app::sources::default_model::{DefaultModelError, ProvenanceProblem};
use survlens_app::sources::fhir_source::{FhirImportError, IndexDateError};
use survlens_app::sources::model_file::{ExportError, OnnxInputError};
use survlens_app::views::markers_view::MarkersViewError;
use survlens_app::views::patient_compare::ContrastError;
use survlens_data::{DataError, Describe, ImportReport};
use survlens_model::ModelError;
use survlens_model::bundle::{BundleError, FinalFit, ModelMetrics, OutcomeColumns};
use survlens_model::train::TrainConfig;
use survlens_synth::SynthError;
use survlens_xai::{OnnxError, XaiError};

/// A library error inside one of the page's: its `Display` and its catalogue's English,
/// which are equal (the library's own test file holds every variant so).
struct Cause {
    display: String,
    english: String,
}

fn cause(e: &(impl Describe + Display)) -> Cause {
    Cause {
        display: e.to_string(),
        english: Lang::En.message(&e.message()),
    }
}

/// Checks `e`'s sentences and returns its German: the English is the command line's
/// sentence (with each of `causes` in its catalogue's words), the German exists and is
/// another sentence.
fn check(e: &(impl Describe + Display), causes: &[Cause]) -> String {
    let message = e.message();
    let english = Lang::En.message(&message);
    let mut expected = e.to_string();
    for c in causes {
        assert_eq!(c.english, c.display, "{}: the cause's English", message.key);
        assert!(
            expected.contains(&c.display),
            "{}: {expected:?} does not contain {:?}",
            message.key,
            c.display
        );
        expected = expected.replacen(&c.display, &c.english, 1);
    }
    assert_eq!(english, expected, "{}", message.key);
    let german = Lang::De.message(&message);
    assert_ne!(german, english, "{}: German is the English", message.key);
    assert_ne!(german, message.key, "{}: no German sentence", message.key);
    german
}

fn data_error() -> DataError {
    DataError::MarkerNotFound {
        marker: "CRP".into(),
    }
}

fn bundle_error() -> BundleError {
    BundleError::Truncated {
        line: 412,
        column: 17,
    }
}

fn model_error() -> ModelError {
    ModelError::RowOutOfRange {
        context: "Breslow baseline",
        row: 712,
        rows: 686,
    }
}

fn xai_error() -> XaiError {
    XaiError::FirstLayerOnly {
        rule: "z-beta",
        layer: 2,
    }
}

fn synth_error() -> SynthError {
    SynthError::PatientCount {
        value: 5,
        min: 20,
        max: 200_000,
    }
}

fn model_file(problem: ModelFileProblem) -> PipelineError {
    PipelineError::ModelFile {
        file: "mortality_model.json".into(),
        problem: Box::new(problem),
    }
}

#[test]
fn pipeline_errors_read_in_both_languages() {
    let stopped = PipelineError::Compute(ComputeError::Stopped);
    assert_eq!(
        check(&stopped, &[]),
        "das Training wurde vor seinem Ende angehalten"
    );
    let data = data_error();
    let causes = [cause(&data)];
    check(&PipelineError::Compute(ComputeError::Data(data)), &causes);

    let report = ImportReport {
        file: "cohort.csv".into(),
        problems: vec![data_error()],
        omitted: 0,
    };
    let causes = [cause(&report)];
    check(&PipelineError::Import(report), &causes);

    let german = check(&model_file(ModelFileProblem::NoneChosen), &[]);
    assert_eq!(
        german,
        "Modelldatei mortality_model.json: es wurde kein gespeichertes Modell ausgewählt"
    );

    let german = check(&PipelineError::Fhir(FhirImportError::NeedsStoredModel), &[]);
    assert!(german.starts_with("ein FHIR-Export enthält keine Überlebenszeiten"));

    assert_eq!(
        check(&PipelineError::Finished, &[]),
        "die Berechnung ist bereits abgeschlossen"
    );
}

#[test]
fn model_file_problems_read_in_both_languages() {
    let default =
        ModelFileProblem::Default(DefaultModelError::Provenance(ProvenanceProblem::Missing));
    assert_eq!(
        check(&default, &[]),
        "Datei des Standardmodells: der Eintrag „synthetic“ fehlt oder ist ungültig: es gibt \
         keinen solchen Eintrag"
    );

    let bundle = bundle_error();
    let causes = [cause(&bundle)];
    check(&ModelFileProblem::Bundle(bundle), &causes);

    let onnx = OnnxError::NoGraph;
    let causes = [cause(&onnx)];
    check(&ModelFileProblem::Onnx(onnx), &causes);

    let input = ModelFileProblem::OnnxInput(OnnxInputError::NotNumeric {
        column: "ECOG".into(),
    });
    assert_eq!(
        check(&input, &[]),
        "die Spalte „ECOG“ ist kategorial; ein ONNX-Netz liest nur Zahlen (kennzeichnen Sie \
         die Spalte beim Zuordnen der Datei als numerisch)"
    );

    check(&ModelFileProblem::NoneChosen, &[]);
    assert_eq!(
        check(&ModelFileProblem::ExternalValidation, &[]),
        "die externe Validierung trainiert ein eigenes Modell; wählen Sie stattdessen eine \
         Kohorte"
    );

    let missing = ModelFileProblem::MissingMarkers {
        count: 3,
        first: vec!["CRP".into(), "LDH".into(), "Albumin".into()],
    };
    assert_eq!(
        check(&missing, &[]),
        "die Kohorte enthält 3 der Marker des Modells nicht: CRP, LDH, Albumin"
    );
    // A count is written as the command line writes it, without grouping.
    let many = ModelFileProblem::MissingMarkers {
        count: 1_204,
        first: vec!["CRP".into()],
    };
    assert_eq!(
        check(&many, &[]),
        "die Kohorte enthält 1204 der Marker des Modells nicht: CRP"
    );

    let unit = ModelFileProblem::TimeUnit {
        found: Some("Monate".into()),
    };
    assert_eq!(
        check(&unit, &[]),
        "die Zeiteinheit „Monate“ des Modells ist unbekannt: Erwartet wird days, weeks, months \
         oder years (Tage, Wochen, Monate oder Jahre)"
    );
    check(&ModelFileProblem::TimeUnit { found: None }, &[]);

    let data = data_error();
    let causes = [cause(&data)];
    let german = check(&ModelFileProblem::Preprocessing(data), &causes);
    assert!(german.starts_with("die Kohorte passt nicht zur Vorverarbeitung des Modells: "));

    assert_eq!(
        check(&ModelFileProblem::NoBaseline, &[]),
        "ein ONNX-Netz bringt keine Baseline-Hazard-Funktion mit, und diese Datei enthält keine \
         Überlebenszeiten oder Ereignisse, an denen sich eine schätzen ließe: Wählen Sie eine \
         Datei mit Überlebenszeiten und Ereignissen oder eine survlens-Modelldatei, die ihre \
         eigene mitbringt"
    );
}

#[test]
fn view_errors_read_in_both_languages() {
    let no_patient = ContrastError::NoPatient {
        index: 1_500,
        patients: 1_200,
    };
    assert_eq!(
        check(&no_patient, &[]),
        "die Person Nr. 1500 ist nicht unter den 1200 Patientinnen und Patienten der Kohorte"
    );
    let german = check(&ContrastError::NoLinearModel, &[]);
    assert!(german.starts_with("neben diesem Netz gibt es kein lineares Cox-Modell"));
    check(&ContrastError::Compute(ComputeError::Stopped), &[]);
    let xai = xai_error();
    let causes = [cause(&xai)];
    check(&ContrastError::Compute(ComputeError::Xai(xai)), &causes);

    let xai = xai_error();
    let causes = [cause(&xai)];
    let german = check(&MarkersViewError::Xai(xai), &causes);
    assert!(german.starts_with("Bedeutung der Marker in der Kohorte: "));
    let unknown = MarkersViewError::UnknownMarker {
        marker: 40,
        n_markers: 40,
    };
    assert_eq!(
        check(&unknown, &[]),
        "den Marker Nr. 40 gibt es nicht; die Kohorte hat 40 Marker"
    );
}

#[test]
fn shape_errors_read_in_both_languages() {
    let length = ShapeError::Length {
        field: "relevance",
        expected: 13_720,
        found: 13_719,
    };
    assert_eq!(
        check(&length, &[]),
        "das Feld relevance hat die Länge 13719 statt 13720"
    );
    let entity = ShapeError::Entity {
        index: 38,
        entities: 38,
    };
    assert_eq!(
        check(&entity, &[]),
        "der Entitätsindex 38 liegt außerhalb der Entitäten (Anzahl: 38)"
    );
}

fn training_record() -> TrainingRecord {
    TrainingRecord {
        columns: OutcomeColumns {
            id: Some("patient_id".into()),
            time: "os_months".into(),
            event: "death".into(),
            entity: None,
            time_unit: Some("months".into()),
        },
        days_per_time_unit: 30.4375,
        entities: Vec::new(),
        training: TrainConfig::default(),
        metrics: ModelMetrics {
            n_patients: 1_686,
            n_events: 1_299,
            final_fit: FinalFit {
                n_train: 1_517,
                n_validation: 169,
                epochs: 42,
                best_epoch: Some(31),
                validation_loss: Some(5.12),
                validation_harrell_c: Some(0.71),
            },
            out_of_fold: None,
            baselines: Vec::new(),
        },
        auto: None,
    }
}

#[test]
fn export_errors_name_the_origin_in_the_page_language() {
    let origins = [
        ModelOrigin::Unrecorded,
        ModelOrigin::Trained(Box::new(training_record())),
        ModelOrigin::DefaultModel,
        ModelOrigin::File {
            file_name: "mortality_model.json".into(),
            model: FileModel {
                inputs: 1_207,
                widths: vec![70, 1],
                markers: 7,
                patients: 1_686,
                events: 1,
            },
        },
        ModelOrigin::Onnx {
            file_name: "cox.onnx".into(),
            producer: String::new(),
            n_inputs: 12,
        },
        ModelOrigin::Onnx {
            file_name: "cox.onnx".into(),
            producer: "pytorch 2.5.0".into(),
            n_inputs: 1,
        },
    ];
    for origin in origins {
        let e = ExportError::NotTrained {
            origin: origin.clone(),
        };
        let german = check(&e, &[]);
        assert_eq!(
            german,
            format!(
                "nur ein in diesem Tab trainiertes Netz kann gespeichert werden; dieses ist: {}",
                origin.sentence_in(Lang::De)
            )
        );
    }
    assert_eq!(
        check(
            &ExportError::NotTrained {
                origin: ModelOrigin::DefaultModel
            },
            &[]
        ),
        "nur ein in diesem Tab trainiertes Netz kann gespeichert werden; dieses ist: Das \
         Standardmodell der Seite, trainiert an der synthetischen Pan-Cancer-Kohorte."
    );

    let bundle = bundle_error();
    let causes = [cause(&bundle)];
    let german = check(&ExportError::Bundle(bundle), &causes);
    assert!(german.starts_with("die Modelldatei konnte nicht erstellt werden: "));
    let model = model_error();
    let causes = [cause(&model)];
    check(&ExportError::Model(model), &causes);
}

#[test]
fn default_model_errors_read_in_both_languages() {
    let synth = synth_error();
    let causes = [cause(&synth)];
    check(&DefaultModelError::Synth(synth), &causes);
    let data = data_error();
    let causes = [cause(&data)];
    check(&DefaultModelError::Data(data), &causes);
    let model = model_error();
    let causes = [cause(&model)];
    check(&DefaultModelError::Model(model), &causes);
    let xai = xai_error();
    let causes = [cause(&xai)];
    check(&DefaultModelError::Xai(xai), &causes);

    let mismatch = DefaultModelError::MarkerMismatch {
        model: 350,
        preset: "teaching".into(),
        cohort: 40,
    };
    assert_eq!(
        check(&mismatch, &[]),
        "das Modell passt nicht zur synthetischen Kohorte: Das Modell hat 350 Marker, die \
         Kohorte „teaching“ 40 Marker und die Entität"
    );

    let bundle = bundle_error();
    let causes = [cause(&bundle)];
    check(&DefaultModelError::Bundle(bundle), &causes);

    for problem in [
        ProvenanceProblem::Missing,
        ProvenanceProblem::Json {
            line: 1,
            column: 733_915,
            description: "missing field `reference` at line 1 column 733915".into(),
        },
        ProvenanceProblem::NotAnObject,
    ] {
        check(&problem, &[]);
        check(&DefaultModelError::Provenance(problem), &[]);
    }
    assert_eq!(
        check(&ProvenanceProblem::NotAnObject, &[]),
        "die Modelldatei endet nicht mit '}'"
    );
    assert_eq!(
        check(
            &ProvenanceProblem::Json {
                line: 3,
                column: 14,
                description: "expected `,` or `}` at line 3 column 14".into(),
            },
            &[]
        ),
        "in Zeile 3, Spalte 14: expected `,` or `}` at line 3 column 14"
    );

    check(&DefaultModelError::NoTruth, &[]);
    assert_eq!(
        check(&DefaultModelError::Cancelled, &[]),
        "das Training wurde abgebrochen"
    );
}

#[test]
fn onnx_input_errors_read_in_both_languages() {
    let count = OnnxInputError::InputCount {
        inputs: 12,
        columns: 9,
        names: "age, ECOG, CRP, LDH, albumin, sodium, haemoglobin, BMI, ...".into(),
    };
    assert_eq!(
        check(&count, &[]),
        "die Zahl der Eingänge des Netzes (12) passt nicht zur Zahl der Markerspalten der \
         Kohorte (9: age, ECOG, CRP, LDH, albumin, sodium, haemoglobin, BMI, ...); ein \
         ONNX-Netz hat keine Vorverarbeitung, daher müssen die Markerspalten genau seine \
         Eingänge sein, in derselben Reihenfolge"
    );
    check(
        &OnnxInputError::NotNumeric {
            column: "stage".into(),
        },
        &[],
    );
    let missing = OnnxInputError::Missing {
        column: "LDH".into(),
        patient: "P0017".into(),
        count: 1_043,
    };
    assert_eq!(
        check(&missing, &[]),
        "in der Spalte „LDH“ fehlen Werte (Anzahl: 1043, zuerst bei Patienten-ID P0017); ein \
         ONNX-Netz hat keine Vorverarbeitung, die sie ersetzen (imputieren) könnte"
    );
    let data = DataError::EntityMissing;
    let causes = [cause(&data)];
    let german = check(&OnnxInputError::Encoder(data), &causes);
    assert!(german.starts_with("die Eingaben konnten nicht vorbereitet werden: "));
    let form = OnnxInputError::EncoderForm {
        description: "missing field `center` at line 1 column 88".into(),
    };
    assert_eq!(
        check(&form, &[]),
        "die Eingaben konnten nicht vorbereitet werden: missing field `center` at line 1 \
         column 88"
    );
}

#[test]
fn fhir_errors_read_in_both_languages() {
    let not_a_date = IndexDateError::NotADate {
        text: "01.03.2024".into(),
    };
    assert_eq!(
        check(&not_a_date, &[]),
        "„01.03.2024“ ist kein Datum: Schreiben Sie es als JJJJ-MM-TT (zum Beispiel \
         2024-03-01) oder lassen Sie das Feld leer, um für jeden Marker den jüngsten Wert zu \
         verwenden"
    );
    check(&FhirImportError::IndexDate(not_a_date), &[]);
    check(&FhirImportError::NeedsStoredModel, &[]);
    let unknown = FhirImportError::Read(survlens_fhir::ReadFailure::UnknownMarker {
        marker: "crp_mg_l".into(),
    });
    assert_eq!(
        check(&unknown, &[]),
        "der FHIR-Export konnte nicht gelesen werden: „crp_mg_l“ ist kein Marker des \
         Verzeichnisses"
    );
    check(
        &FhirImportError::Read(survlens_fhir::ReadFailure::NoPatients {
            problems: Vec::new(),
        }),
        &[],
    );
    check(
        &PipelineError::Fhir(FhirImportError::Read(
            survlens_fhir::ReadFailure::NoPatients {
                problems: Vec::new(),
            },
        )),
        &[],
    );
}
