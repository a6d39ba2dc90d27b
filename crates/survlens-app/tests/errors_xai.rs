//! The errors of the explainers (`XaiError`), of the ONNX import (`OnnxError`) and of the
//! synthetic cohort generator (`SynthError`, `TableProblem`) in the page's languages: every
//! variant's English sentence from the catalogue equals the command line's (`Display`), its
//! German sentence exists and differs, and the fixed phrases the crates put into these
//! sentences (what a shape is about, a setting, a requirement, why an ONNX node is refused,
//! a per-entity table) each have their catalogue message.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fmt::Display;

use survlens_app::core::i18n::Lang;
use survlens_data::Describe;
use survlens_model::{Dense, ModelError};
use survlens_synth::{SynthError, TableProblem};
use survlens_xai::onnx::ExpectedShape;
use survlens_xai::{OnnxError, XaiError, import_onnx};

use common::{is_nested, leak, literal, second_arguments, sources};

/// `e`'s sentence in English equals its `Display`; in German it exists and differs.
fn reads_in_both<E: Describe + Display>(e: &E) {
    let message = e.message();
    let en = Lang::En.message(&message);
    let de = Lang::De.message(&message);
    assert_eq!(en, e.to_string(), "{}", message.key);
    assert_ne!(de, en, "{}: the German reads as the English", message.key);
    assert_ne!(de, message.key, "{} is missing in German", message.key);
}

fn german(e: &impl Describe) -> String {
    Lang::De.message(&e.message())
}

/// A refusal of the network, as `Dense::new` gives it for a bias of the wrong length.
fn refusal() -> ModelError {
    Dense::new(2, 1, vec![0.5, -0.25], vec![]).expect_err("a bias of the wrong length")
}

/// The decoder's error for bytes that are not a protobuf message.
fn decode_error() -> OnnxError {
    match import_onnx(&[0xff, 0xff, 0xff, 0xff]) {
        Err(e @ OnnxError::Decode(_)) => e,
        other => panic!("expected a decode error, got {other:?}"),
    }
}

/// Every variant of `XaiError` but `Onnx`, with realistic values.
fn xai_errors() -> Vec<XaiError> {
    vec![
        XaiError::InvalidParameter {
            rule: "gamma",
            parameter: "gamma",
            value: -0.5,
            requirement: "finite and >= 0",
        },
        XaiError::FirstLayerOnly {
            rule: "flat",
            layer: 2,
        },
        XaiError::CompositeDepth {
            rules: 2,
            layers: 3,
        },
        XaiError::Shape {
            what: "input matrix",
            expected: 1_400,
            found: 1_050,
        },
        XaiError::NonFiniteInput {
            patient: 17,
            input: 3,
            value: f32::NAN,
        },
        XaiError::GroupOutOfRange {
            column: 4,
            group: 9,
            n_groups: 3,
        },
        XaiError::InvalidSetting {
            setting: "false discovery rate",
            value: 0.1 + 1.2,
            requirement: "in (0, 1]",
        },
        XaiError::TooManyInputs {
            n_inputs: 40,
            limit: 20,
        },
        XaiError::EmptyCohort {
            what: "typical patient",
        },
        XaiError::PatientOutOfRange {
            what: "subgroup",
            row: 1_200,
            n_patients: 1_000,
        },
        XaiError::MarkerOutOfRange {
            what: "marker profile",
            marker: 350,
            n_markers: 350,
        },
        XaiError::NoObservedValues { marker: 12 },
    ]
}

/// Every variant of `OnnxError`, with realistic values.
fn onnx_errors() -> Vec<OnnxError> {
    vec![
        decode_error(),
        OnnxError::NoGraph,
        OnnxError::NoOpset,
        OnnxError::OldOpset { version: 6, min: 7 },
        OnnxError::InputCount { found: 2 },
        OnnxError::OutputCount { found: 0 },
        OnnxError::InputType {
            input: "input".into(),
            elem_type: 11,
        },
        OnnxError::InputRank {
            input: "input".into(),
            rank: 3,
        },
        OnnxError::InputWidth {
            input: "input".into(),
            width: -1,
        },
        OnnxError::UnsupportedOp {
            op: "Conv".into(),
            node: "/conv/Conv".into(),
        },
        OnnxError::Unsupported {
            node: "/net.0/Gemm".into(),
            op: "Gemm".into(),
            reason: "transA = 1 is not supported",
        },
        OnnxError::FlattenAxis {
            node: "/flatten/Flatten".into(),
            axis: 0,
        },
        OnnxError::ConstantAttribute {
            node: "/Constant".into(),
            attribute: "sparse_value".into(),
        },
        OnnxError::MissingInitializer {
            node: "/net.0/Gemm".into(),
            op: "Gemm".into(),
            name: "net.0.weight".into(),
        },
        OnnxError::ExternalData {
            name: "net.0.weight".into(),
        },
        OnnxError::TensorType {
            name: "net.0.weight".into(),
            data_type: 11,
            expected: 1,
        },
        OnnxError::NegativeDimension {
            name: "net.0.weight".into(),
            dims: vec![350, -1],
        },
        OnnxError::RawDataLength {
            name: "net.0.weight".into(),
            bytes: 1_399,
            values: 350,
        },
        OnnxError::FloatDataLength {
            name: "net.0.bias".into(),
            found: 349,
            dims: vec![350],
        },
        OnnxError::NonFiniteWeight {
            name: "net.2.weight".into(),
            index: 41,
            value: f32::INFINITY,
        },
        OnnxError::NonPositiveVariance {
            name: "net.1.running_var".into(),
            index: 2,
            variance: -0.123_456,
            epsilon: 1e-5,
        },
        OnnxError::TensorTooLarge {
            name: "net.0.weight".into(),
            dims: vec![1 << 20, 1 << 20],
            limit: 1 << 27,
        },
        OnnxError::ShapeMismatch {
            node: "/net.0/Gemm".into(),
            op: "Gemm".into(),
            what: "weight",
            expected: ExpectedShape::OutputsByInputs { inputs: 350 },
            found: vec![32, 349],
        },
        OnnxError::NotAChain {
            node: "/net.3/Gemm".into(),
            op: "Gemm".into(),
            previous: "/net.2/Relu_output_0".into(),
        },
        OnnxError::ChainEnd {
            end: "/net.2/Relu_output_0".into(),
            output: "log_risk".into(),
        },
        OnnxError::ReluOnInputs,
        OnnxError::ReluOnOutput,
        OnnxError::MissingRelu {
            node: "/net.2/Gemm".into(),
        },
        OnnxError::NoDenseLayer,
        OnnxError::OutputWidth {
            node: "/net.4/Gemm".into(),
            width: 2,
        },
        OnnxError::EmptyLayer {
            node: "/net.0/Gemm".into(),
            n_in: 0,
            n_out: 32,
        },
        OnnxError::LayerOverflow {
            node: "/net.0/Gemm".into(),
            parameter: "weight",
            index: 7,
        },
    ]
}

/// Every variant of `TableProblem`, with realistic values.
fn table_problems() -> Vec<TableProblem> {
    vec![
        TableProblem::EntityCount { entities: 0 },
        TableProblem::Loading {
            marker: "alb",
            loading: 0.98765,
        },
        TableProblem::UnknownEntity {
            marker: "alb",
            table: "missing rate",
            entity: 40,
        },
        TableProblem::EntityRates {
            marker: "msi",
            found: 3,
            expected: 5,
        },
        TableProblem::LaterColumn {
            marker: "bmi",
            column: 2,
            depends_on: 7,
        },
        TableProblem::InteractionMarker {
            interaction: "alb_x_crp",
            marker: "crp",
        },
        TableProblem::UnknownMarker { marker: "height" },
    ]
}

/// Every variant of `SynthError`, with realistic values.
fn synth_errors() -> Vec<SynthError> {
    vec![
        SynthError::PatientCount {
            value: 1,
            min: 10,
            max: 500_000,
        },
        SynthError::InteractionScale { scale: f32::NAN },
        SynthError::TruthJson {
            line: 1,
            column: 12,
            description: "EOF while parsing an object".into(),
        },
        SynthError::TruthFormat {
            format: "other".into(),
            version: 2,
        },
        SynthError::UnknownPreset {
            preset: "lymphoma".into(),
        },
        SynthError::PresetTable {
            preset: "teaching",
            problem: TableProblem::Loading {
                marker: "alb",
                loading: 0.98765,
            },
        },
    ]
}

#[test]
fn every_explanation_error_reads_as_the_command_line_in_english_and_in_german() {
    let errors = xai_errors();
    assert_eq!(errors.len(), 12);
    for e in &errors {
        reads_in_both(e);
    }
    // An ONNX problem reaching the explainers reads as itself.
    let onnx = XaiError::from(OnnxError::NoDenseLayer);
    reads_in_both(&onnx);
    assert_eq!(onnx.message(), OnnxError::NoDenseLayer.message());
}

#[test]
fn every_onnx_error_reads_as_the_command_line_in_english_and_in_german() {
    let errors = onnx_errors();
    assert_eq!(errors.len(), 32);
    for e in &errors {
        reads_in_both(e);
    }
    // A layer the network refuses: the refusal is the network's own sentence, written in
    // the same language.
    let refusal = refusal();
    let e = OnnxError::Layer {
        node: "/net.0/Gemm".into(),
        refusal: refusal.clone(),
    };
    for lang in Lang::ALL {
        let cause = lang.message(&refusal.message());
        let frame = match lang {
            Lang::En => "the ONNX graph is not a Cox network: node \"/net.0/Gemm\": ",
            Lang::De => "der ONNX-Graph ist kein Cox-Netz: Knoten „/net.0/Gemm“: ",
        };
        assert_eq!(lang.message(&e.message()), format!("{frame}{cause}"));
    }
    assert!(e.to_string().ends_with(&refusal.to_string()), "{e}");
    assert_eq!(Lang::En.message(&e.message()), e.to_string());
    assert_ne!(german(&e), Lang::En.message(&e.message()));
}

#[test]
fn every_synthetic_cohort_error_reads_as_the_command_line_in_english_and_in_german() {
    let problems = table_problems();
    assert_eq!(problems.len(), 7);
    for problem in &problems {
        reads_in_both(problem);
        reads_in_both(&SynthError::PresetTable {
            preset: "pan_cancer",
            problem: problem.clone(),
        });
    }
    let errors = synth_errors();
    assert_eq!(errors.len(), 6);
    for e in &errors {
        reads_in_both(e);
    }
}

#[test]
fn german_sentences_read_as_a_german_reader_expects() {
    let cases: Vec<(String, &str)> = vec![
        (
            german(&XaiError::InvalidSetting {
                setting: "false discovery rate",
                value: 0.1 + 1.2,
                requirement: "in (0, 1]",
            }),
            "ungültige Einstellung: die Falscherkennungsrate muss ein Wert in (0, 1] sein, \
             ist aber 1,3",
        ),
        (
            german(&XaiError::InvalidParameter {
                rule: "gamma",
                parameter: "gamma",
                value: -0.5,
                requirement: "finite and >= 0",
            }),
            "Regel gamma: gamma muss endlich und ≥ 0 sein, ist aber -0,5",
        ),
        (
            german(&XaiError::Shape {
                what: "input matrix",
                expected: 1_400,
                found: 1_050,
            }),
            "Eingabematrix: 1400 Werte erwartet, aber 1050 vorhanden",
        ),
        (
            german(&XaiError::PatientOutOfRange {
                what: "subgroup",
                row: 1_200,
                n_patients: 1_000,
            }),
            "Untergruppe: Person 1200 gibt es nicht, es gibt 1000 Personen",
        ),
        (
            german(&XaiError::EmptyCohort {
                what: "typical patient",
            }),
            "typische Person: mindestens eine Person nötig, aber die Kohorte oder Untergruppe \
             ist leer",
        ),
        (
            german(&OnnxError::ShapeMismatch {
                node: "/net.0/Gemm".into(),
                op: "Gemm".into(),
                what: "weight",
                expected: ExpectedShape::OutputsByInputs { inputs: 350 },
                found: vec![32, 349],
            }),
            "ONNX-Knoten „/net.0/Gemm“ (Gemm): der Parameter weight hat die Form [32, 349], \
             erwartet: [Ausgaben, 350]",
        ),
        (
            german(&OnnxError::Unsupported {
                node: "/net.1/BatchNormalization".into(),
                op: "BatchNormalization".into(),
                reason: "a BatchNormalization that does not follow a dense layer cannot be merged",
            }),
            "ONNX-Knoten „/net.1/BatchNormalization“ (BatchNormalization): eine \
             BatchNormalization, die nicht auf eine vollständig verbundene Schicht folgt, lässt \
             sich nicht zusammenführen",
        ),
        (
            german(&OnnxError::NonPositiveVariance {
                name: "net.1.running_var".into(),
                index: 2,
                variance: -0.123_456,
                epsilon: 1e-5,
            }),
            "ONNX-Tensor „net.1.running_var“: Varianz 2 ist -0,1235 und zusammen mit epsilon \
             1e-5 nicht positiv",
        ),
        (
            german(&OnnxError::TensorType {
                name: "training_mode".into(),
                data_type: 1,
                expected: 7,
            }),
            "ONNX-Tensor „training_mode“: Datentyp 1, benötigt wird ein anderer Typ (7)",
        ),
        (
            german(&OnnxError::MissingRelu {
                node: "a \"quoted\" name".into(),
            }),
            "der ONNX-Graph ist kein Cox-Netz: der Knoten „a \\\"quoted\\\" name“ folgt ohne \
             ReLU dazwischen auf eine andere vollständig verbundene Schicht",
        ),
        (
            german(&SynthError::PresetTable {
                preset: "teaching",
                problem: TableProblem::Loading {
                    marker: "alb",
                    loading: 0.98765,
                },
            }),
            "die Kohortenvorlage teaching ist widersprüchlich: die quadrierten Faktorladungen \
             von Marker alb summieren sich zu 0,988, mehr als 0,95",
        ),
        (
            german(&TableProblem::UnknownEntity {
                marker: "alb",
                table: "missing rate",
                entity: 40,
            }),
            "Marker alb hat einen Anteil fehlender Werte für Entität 40, die es nicht gibt",
        ),
        (
            german(&SynthError::TruthFormat {
                format: "other".into(),
                version: 2,
            }),
            "die Wahrheitsdatei hat das Format „other“ in Version 2, survlens liest aber das \
             Format „survlens-synthetic-truth“ in Version 1",
        ),
    ];
    for (found, expected) in cases {
        assert_eq!(found, expected);
    }
}

#[test]
fn names_keep_the_command_lines_escapes_and_numbers_their_written_form() {
    // A name with a quotation mark reads as `{:?}` writes it, between each language's
    // quotation marks.
    let e = OnnxError::ChainEnd {
        end: "a\"b".into(),
        output: "log\\risk".into(),
    };
    reads_in_both(&e);
    // A number Display writes in scientific notation stays so; one it writes plainly takes
    // the German decimal comma.
    for (value, en, de) in [
        (1e-7, "1e-7", "1e-7"),
        (0.300_000_01, "0.3", "0,3"),
        (12_345.678, "12350", "12350"),
        (f64::NAN, "NaN", "NaN"),
    ] {
        let e = XaiError::InvalidSetting {
            setting: "p-value",
            value,
            requirement: "in [0, 1]",
        };
        reads_in_both(&e);
        assert!(e.to_string().ends_with(en), "{e}");
        assert!(german(&e).ends_with(de), "{}", german(&e));
    }
    // A loading of a thousand or more is written without grouping, as on the command line.
    reads_in_both(&TableProblem::Loading {
        marker: "alb",
        loading: 1_234.5,
    });
    // Every expected shape and every data type needed reads in both languages.
    for expected in [
        ExpectedShape::Matrix,
        ExpectedShape::OutputsByInputs { inputs: 350 },
        ExpectedShape::InputsByOutputs { inputs: 350 },
        ExpectedShape::Bias { len: 32 },
        ExpectedShape::Vector { len: 32 },
    ] {
        reads_in_both(&OnnxError::ShapeMismatch {
            node: "/net.0/Gemm".into(),
            op: "Gemm".into(),
            what: "bias",
            expected,
            found: vec![3, 32],
        });
    }
    for expected in [1, 9, 7] {
        reads_in_both(&OnnxError::TensorType {
            name: "t".into(),
            data_type: 11,
            expected,
        });
    }
    // A phrase without a catalogue message (a caller's own) reads as it is.
    let own = XaiError::Shape {
        what: "my buffer",
        expected: 2,
        found: 1,
    };
    assert_eq!(Lang::En.message(&own.message()), own.to_string());
    assert_eq!(
        german(&own),
        "my buffer: 2 Werte erwartet, aber 1 vorhanden"
    );
}

/// The string literals given as `field: "..."` of an `XaiError` in `text`.
fn xai_fields(text: &str, field: &str) -> Vec<String> {
    let pattern = format!("{field}: \"");
    text.match_indices(&pattern)
        .filter(|(at, _)| {
            let before = &text[..*at];
            before
                .rfind("Error::")
                .is_some_and(|e| before[..e].ends_with("Xai"))
        })
        .filter_map(|(at, _)| literal(&text[at + pattern.len()..]))
        .collect()
}

#[test]
fn every_fixed_phrase_of_these_sentences_has_its_catalogue_message() {
    let mut texts = sources("survlens-xai");
    texts.extend(sources("survlens-app"));
    let mut found = [0usize; 5];
    for text in &texts {
        let mut whats = xai_fields(text, "what");
        // `check_marker(what, marker)` passes its phrase on to `MarkerOutOfRange`.
        whats.extend(
            text.match_indices("check_marker(\"")
                .filter_map(|(at, _)| literal(&text[at + "check_marker(\"".len()..])),
        );
        for what in whats {
            let e = XaiError::Shape {
                what: leak(&what),
                expected: 6,
                found: 5,
            };
            assert!(is_nested(&e.message(), "what"), "{what:?} has no message");
            reads_in_both(&e);
            found[0] += 1;
        }
        for setting in xai_fields(text, "setting") {
            let e = XaiError::InvalidSetting {
                setting: leak(&setting),
                value: 0.0,
                requirement: "at least 1",
            };
            assert!(
                is_nested(&e.message(), "setting"),
                "{setting:?} has no message"
            );
            reads_in_both(&e);
            found[1] += 1;
        }
        for requirement in xai_fields(text, "requirement") {
            let e = XaiError::InvalidSetting {
                setting: "steps",
                value: 0.0,
                requirement: leak(&requirement),
            };
            assert!(
                is_nested(&e.message(), "requirement"),
                "{requirement:?} has no message"
            );
            reads_in_both(&e);
            found[2] += 1;
        }
        let mut reasons = second_arguments(text, "unsupported");
        if text.contains("const NO_OUTPUT") {
            reasons.push("the node has no output".to_owned());
        }
        for reason in reasons {
            let e = OnnxError::Unsupported {
                node: "/net.0/Gemm".into(),
                op: "Gemm".into(),
                reason: leak(&reason),
            };
            assert!(
                is_nested(&e.message(), "reason"),
                "{reason:?} has no message"
            );
            reads_in_both(&e);
            found[3] += 1;
        }
    }
    for text in sources("survlens-synth") {
        for table in second_arguments(&text, "unknown_entity") {
            let e = TableProblem::UnknownEntity {
                marker: "alb",
                table: leak(&table),
                entity: 40,
            };
            assert!(is_nested(&e.message(), "table"), "{table:?} has no message");
            reads_in_both(&e);
            found[4] += 1;
        }
    }
    // The scan finds what the sources hold (it would find nothing if their style changed).
    let [whats, settings, requirements, reasons, tables] = found;
    assert!(whats >= 45, "{whats} phrases of what");
    assert!(settings >= 20, "{settings} settings");
    assert!(requirements >= 20, "{requirements} requirements");
    assert!(reasons >= 9, "{reasons} reasons");
    assert_eq!(tables, 4);
}
