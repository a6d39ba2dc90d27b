//! The model crate's errors in the page's languages: every `ModelError`, `ExternalError` and
//! `BundleError` (with the shapes, nestings and steps inside them) names a catalogue key
//! whose English sentence is the command line's, word for word, and whose German sentence
//! exists and differs from it; the fixed phrases of the errors (the computation, the
//! quantity, its valid range, ...) read in German too, with German numbers.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeSet;
use std::fmt::Display;

use survlens_app::core::i18n::Lang;
use survlens_data::{DataError, Describe, Message};
use survlens_model::bundle::BundleError;
use survlens_model::external::{ExternalError, SplitRole};
use survlens_model::{ModelError, Nesting, PHRASES, ShapeProblem, Step};

use common::{call_arguments, field_literals, literal, sources};

/// `error`'s German sentence, after checking that its English sentence is its `Display`
/// and that the German one exists and differs.
fn german(error: &(impl Describe + Display)) -> String {
    let message = error.message();
    assert_eq!(
        Lang::En.message(&message),
        error.to_string(),
        "{}: the English catalogue differs from the command line",
        message.key
    );
    checked_german(&message)
}

/// `error`'s German sentence, for an error around a data-crate error `data`: its English
/// sentence is its `Display` with `data`'s part written by `data`'s own catalogue entry.
fn german_around(error: &(impl Describe + Display), data: &DataError) -> String {
    let message = error.message();
    assert_eq!(Lang::En.message(&data.message()), data.to_string());
    assert_eq!(
        Lang::En.message(&message),
        error.to_string(),
        "{}",
        message.key
    );
    checked_german(&message)
}

fn checked_german(message: &Message) -> String {
    let (en, de) = (Lang::En.message(message), Lang::De.message(message));
    assert_ne!(de, en, "{}: the German is the English", message.key);
    assert_ne!(de, message.key, "{}: no German sentence", message.key);
    assert!(!de.contains("model-"), "{}: {de}", message.key);
    de
}

fn one_of_each_shape() -> Vec<ShapeProblem> {
    vec![
        ShapeProblem::EmptyLayer {
            inputs: 0,
            outputs: 16,
        },
        ShapeProblem::Weights {
            inputs: 12,
            outputs: 16,
            found: 190,
        },
        ShapeProblem::Weights {
            inputs: usize::MAX,
            outputs: 2,
            found: 4,
        },
        ShapeProblem::NoInputs,
        ShapeProblem::ZeroWidth { layer: 1 },
        ShapeProblem::NoLayers,
        ShapeProblem::Output { outputs: 2 },
        ShapeProblem::Chain {
            layer: 0,
            outputs: 16,
            inputs: 12,
        },
        ShapeProblem::Inputs {
            network: 12,
            data: 14,
        },
        ShapeProblem::Differ,
        ShapeProblem::Missing,
        ShapeProblem::NoCovariates,
        ShapeProblem::Blend {
            additive_inputs: 12,
            additive_layers: 3,
            network_inputs: 12,
            network_layers: 2,
        },
    ]
}

fn one_of_each_nesting() -> Vec<Nesting> {
    vec![
        Nesting::Patients {
            full: 228,
            reduced: 227,
        },
        Nesting::Events {
            full: 165,
            reduced: 164,
        },
        Nesting::Strata {
            full: 1,
            reduced: 3,
        },
        Nesting::Offset { full: true },
        Nesting::Offset { full: false },
        Nesting::Settings,
        Nesting::Covariates {
            full: 3,
            reduced: 3,
        },
    ]
}

/// Every kind of `ModelError`, and each way of its sentences' choices.
fn one_of_each_model_error() -> Vec<ModelError> {
    let mut all = vec![
        ModelError::length("log-rank test", "group label", 228, 227),
        ModelError::RowOutOfRange {
            context: "survival data",
            row: 230,
            rows: 228,
        },
        ModelError::non_finite("survival data", "input", Some(3), Some(12), f64::NAN),
        ModelError::non_finite("dense layer", "weight", Some(40), None, f64::INFINITY),
        ModelError::non_finite("Cox loss", "log-risk", None, Some(7), f64::NEG_INFINITY),
        ModelError::non_finite("Uno's C", "truncation time", None, None, f64::NAN),
        ModelError::setting(
            "training setting",
            "learning_rate",
            "a positive number",
            -1e-4,
        ),
        ModelError::setting(
            "Cox regression",
            "the penalizer",
            "finite and at least 0",
            -0.5,
        ),
        ModelError::setting("bootstrap", "the level", "in (0, 1)", 1.5),
        ModelError::InvalidValue {
            context: "survival data",
            what: "event indicator",
            patient: 2,
            valid: "0 or 1",
            value: 2.0,
        },
        ModelError::insufficient("Cox regression", "at least one event", 0, "events"),
        ModelError::insufficient("log-rank test", "at least two groups", 1, "groups"),
        ModelError::CensoringExhausted {
            context: "Uno's C",
            patient: 17,
            time: 2191.5,
        },
        ModelError::BeyondFollowUp {
            context: "censoring distribution",
            time: 3652.5,
            last: 2922.25,
        },
        ModelError::OutsideFollowUp {
            context: "Brier score",
            time: 4000.0,
            first: 5.0,
            last: 3650.0,
        },
        ModelError::ConstantCovariate {
            context: "Cox regression",
            covariate: 1,
            value: 0.046_999_998_390_674_59,
        },
        ModelError::Singular {
            context: "Cox regression, at the estimate",
            log_likelihood: -123.456_789,
        },
        ModelError::NotConverged {
            context: "Cox regression",
            iterations: 50,
            log_likelihood: -1021.75,
            reason: "30 halvings of the step did not raise the likelihood",
        },
        ModelError::ChiSquare {
            context: "log-rank test",
            df: 0,
        },
        ModelError::NotFinished {
            context: "automatic recipe",
        },
        ModelError::Cancelled {
            context: "model comparison",
        },
        ModelError::insufficient("survival data", "at least one event", 0, "events").in_step(
            Step::Fold {
                fold: 2,
                stage: "validation half",
            },
        ),
        ModelError::setting("automatic recipe", "learning_rate", "positive", 0.0)
            .in_step(Step::Candidate { index: 3 }),
        ModelError::non_finite("Cox loss", "log-risk", None, Some(4), f64::NAN).in_step(
            Step::Epoch {
                epoch: 12,
                stage: 1,
            },
        ),
    ];
    all.extend(
        one_of_each_shape()
            .into_iter()
            .map(|shape| ModelError::shape("network", shape)),
    );
    all.extend(one_of_each_nesting().into_iter().map(ModelError::NotNested));
    all
}

fn data_error() -> DataError {
    DataError::EmptyFile {
        file: "cohort.csv".to_owned(),
    }
}

/// Every kind of `BundleError` but those around a data-crate error.
fn one_of_each_bundle_error() -> Vec<BundleError> {
    vec![
        BundleError::Truncated {
            line: 1,
            column: 4096,
        },
        BundleError::Malformed {
            line: 3,
            column: 17,
            description: "expected `,` or `}`".to_owned(),
        },
        BundleError::NotAModelFile {
            found: "\"pycox-model\"".to_owned(),
        },
        BundleError::NotAModelFile {
            found: "missing".to_owned(),
        },
        BundleError::NotAModelFile {
            found: "missing (the file is not a JSON object)".to_owned(),
        },
        BundleError::UnsupportedVersion {
            found: "2".to_owned(),
            supported: 1,
        },
        BundleError::UnsupportedVersion {
            found: "missing".to_owned(),
            supported: 1,
        },
        BundleError::Schema {
            line: 1,
            column: 230,
            description: "missing field `layers`".to_owned(),
        },
        BundleError::NotAnObject,
        BundleError::LayerShape {
            layer: 1,
            refusal: ModelError::shape(
                "dense layer",
                ShapeProblem::Weights {
                    inputs: 16,
                    outputs: 1,
                    found: 15,
                },
            ),
        },
        BundleError::InvalidArchitecture(ModelError::shape(
            "architecture",
            ShapeProblem::ZeroWidth { layer: 0 },
        )),
        BundleError::ArchitectureMismatch {
            architecture_inputs: 12,
            architecture_hidden: vec![16, 16],
            layer_inputs: 12,
            layer_hidden: vec![],
        },
        BundleError::InputWidth {
            encoder_features: 14,
            network_inputs: 12,
        },
        BundleError::NonFiniteWeight {
            layer: 0,
            parameter: "weight",
            index: 37,
            value: f32::NAN,
        },
        BundleError::NonFiniteWeight {
            layer: 1,
            parameter: "bias",
            index: 0,
            value: f32::INFINITY,
        },
        BundleError::NamesCount {
            what: "marker",
            listed: 11,
            expected: 12,
        },
        BundleError::NamesMismatch {
            what: "feature",
            position: 4,
            listed: "crp".to_owned(),
            expected: "albumin".to_owned(),
        },
        BundleError::InvalidBaseline(ModelError::setting(
            "baseline",
            "a cumulative hazard",
            "at least the one before it",
            0.25,
        )),
        BundleError::InvalidRiskGroups(ModelError::non_finite(
            "risk groups",
            "cut-off",
            Some(1),
            None,
            f64::NAN,
        )),
        BundleError::RiskGroupLabels {
            cut_offs: 2,
            groups: 3,
            labels: 2,
        },
        BundleError::RepeatedLabel {
            label: "high risk".to_owned(),
        },
        BundleError::InvalidTraining(ModelError::setting(
            "training setting",
            "batch_size",
            "at least 2 (a Cox loss compares patients)",
            1.0,
        )),
        BundleError::MarkerLabel {
            marker: "crp".to_owned(),
            label: "C-reactive protein".to_owned(),
            repeated: true,
        },
        BundleError::MarkerLabel {
            marker: "ldh".to_owned(),
            label: "Lactate dehydrogenase".to_owned(),
            repeated: false,
        },
        BundleError::Model(ModelError::insufficient(
            "Breslow baseline",
            "at least one event",
            0,
            "events",
        )),
    ]
}

/// Every kind of `ExternalError` but those around a data-crate error.
fn one_of_each_external_error() -> Vec<ExternalError> {
    vec![
        ExternalError::Json {
            what: "training record",
            line: 14,
            column: 5,
            description: "invalid type: string \"64\", expected usize".to_owned(),
        },
        ExternalError::NotAnEncodingFile {
            found: "\"survlens-model\"".to_owned(),
        },
        ExternalError::NotAnEncodingFile {
            found: "missing (the file is not a JSON object)".to_owned(),
        },
        ExternalError::UnsupportedVersion {
            found: "2".to_owned(),
            supported: 1,
        },
        ExternalError::SplitRow {
            role: SplitRole::Test,
            row: 300,
            patients: 228,
        },
        ExternalError::SplitTwice {
            row: 5,
            first: SplitRole::Validation,
            second: SplitRole::Test,
        },
        ExternalError::SplitEmpty {
            role: SplitRole::Train,
        },
        ExternalError::CohortSize {
            patients: 686,
            events: 299,
            encoded_patients: 2982,
            encoded_events: 1713,
        },
        ExternalError::CohortFingerprint {
            found: "9f0c2a51d3e7b604".to_owned(),
            expected: "1b7e44c0a9d2f385".to_owned(),
        },
        ExternalError::InputCount {
            network: 12,
            encoding: 14,
        },
        ExternalError::FeatureCount {
            record: 13,
            encoding: 14,
        },
        ExternalError::FeatureMismatch {
            position: 3,
            record: "age".to_owned(),
            encoding: "grade=2".to_owned(),
        },
        ExternalError::SplitMismatch {
            part: "validation",
            record: 40,
            encoding: 41,
        },
        ExternalError::HiddenWidths {
            widths: vec![64, 32],
        },
        ExternalError::Setting(ModelError::setting(
            "training setting",
            "input_dropout",
            "in [0, 1)",
            1.0,
        )),
        ExternalError::Model(ModelError::insufficient(
            "Cox loss",
            "at least one patient",
            0,
            "patients",
        )),
        ExternalError::Bundle(BundleError::NamesCount {
            what: "feature",
            listed: 13,
            expected: 14,
        }),
    ]
}

#[test]
fn every_model_error_reads_as_the_command_line_in_english_and_has_its_german() {
    for e in one_of_each_model_error() {
        german(&e);
    }
}

#[test]
fn every_bundle_error_reads_as_the_command_line_in_english_and_has_its_german() {
    for e in one_of_each_bundle_error() {
        german(&e);
    }
    let data = data_error();
    german_around(&BundleError::InvalidEncoder(data.clone()), &data);
    german_around(&BundleError::Data(data.clone()), &data);
}

#[test]
fn every_external_error_reads_as_the_command_line_in_english_and_has_its_german() {
    for e in one_of_each_external_error() {
        german(&e);
    }
    let data = data_error();
    german_around(&ExternalError::Data(data.clone()), &data);
}

#[test]
fn every_fixed_phrase_reads_as_itself_in_english_and_in_german_in_german() {
    let mut keys = BTreeSet::new();
    for &(phrase, key) in PHRASES {
        assert!(key.starts_with("model-phrase-"), "{key}");
        assert!(keys.insert(key), "{key} twice");
        let message = Message::plain(key);
        assert_eq!(Lang::En.message(&message), phrase, "{key}");
        assert_ne!(Lang::De.message(&message), phrase, "{key}");
    }
    let phrases: BTreeSet<&str> = PHRASES.iter().map(|p| p.0).collect();
    assert_eq!(phrases.len(), PHRASES.len(), "a phrase listed twice");
}

#[test]
fn model_errors_read_in_german_with_german_phrases_and_numbers() {
    let cases = [
        (
            ModelError::insufficient("Cox regression", "at least one event", 0, "events"),
            "Cox-Regression: benötigt mindestens ein Ereignis (Ereignisse: 0)",
        ),
        (
            ModelError::non_finite("survival data", "input", Some(3), Some(12), f64::NAN),
            "Überlebensdaten: Eingabe 3 von Patient 12 ist NaN",
        ),
        (
            ModelError::non_finite("Uno's C", "truncation time", None, None, f64::NAN),
            "C-Index nach Uno: Trunkierungszeitpunkt ist NaN",
        ),
        (
            ModelError::setting(
                "training setting",
                "learning_rate",
                "a positive number",
                -1e-4,
            ),
            "Trainingseinstellung: learning_rate muss eine positive Zahl sein, ist -0,0001",
        ),
        (
            ModelError::ConstantCovariate {
                context: "Cox regression",
                covariate: 1,
                value: 0.046_999_998_390_674_59,
            },
            "Cox-Regression: Kovariate 1 hat bei allen Patienten denselben Wert (0,047)",
        ),
        (
            ModelError::length("log-rank test", "group label", 228, 227),
            "Log-Rank-Test: Anzahl der Werte (Gruppenbezeichnung) ist 227 statt 228",
        ),
        (
            ModelError::insufficient("survival data", "at least one event", 0, "events").in_step(
                Step::Fold {
                    fold: 2,
                    stage: "validation half",
                },
            ),
            "Fold 2, Validierungshälfte: Überlebensdaten: benötigt mindestens ein Ereignis \
             (Ereignisse: 0)",
        ),
        (
            ModelError::NotConverged {
                context: "Cox regression",
                iterations: 50,
                log_likelihood: -1021.75,
                reason: "30 halvings of the step did not raise the likelihood",
            },
            "Cox-Regression: keine Konvergenz (Iterationen: 50, partielle Log-Likelihood \
             -1022): 30 Halbierungen des Schritts haben die Likelihood nicht erhöht",
        ),
        (
            ModelError::NotNested(Nesting::Offset { full: false }),
            "Likelihood-Quotienten-Test: das reduzierte Modell hat einen Offset, das volle \
             keinen; geschachtelte Modelle werden an dieselben Daten angepasst",
        ),
    ];
    for (e, sentence) in &cases {
        assert_eq!(german(e), *sentence);
    }
    let too_many = ModelError::shape(
        "dense layer",
        ShapeProblem::Weights {
            inputs: usize::MAX,
            outputs: 2,
            found: 4,
        },
    );
    assert_eq!(
        german(&too_many),
        format!(
            "vollständig verbundene Schicht: die Zahl der Gewichte einer Schicht {} -> 2 ist 4, \
             nötig wären mehr, als sich speichern lassen",
            usize::MAX
        )
    );
}

#[test]
fn file_errors_read_in_german() {
    let cases = [
        (
            german(&BundleError::NotAModelFile {
                found: "missing".to_owned(),
            }),
            "keine survlens-Modelldatei: „format“ ist nicht vorhanden, erwartet wird \
             „survlens-model“",
        ),
        (
            german(&BundleError::NotAnObject),
            "Modelldatei: das Dokument endet nicht mit „}“, daher lässt sich kein Eintrag \
             anfügen",
        ),
        (
            german(&BundleError::ArchitectureMismatch {
                architecture_inputs: 12,
                architecture_hidden: vec![16, 16],
                layer_inputs: 12,
                layer_hidden: vec![],
            }),
            "Modelldatei: die Architektur passt nicht zu den Schichten: Architektur (Eingaben: \
             12, Breiten der verborgenen Schichten: 16, 16), Schichten (Eingaben: 12, keine \
             verborgenen Schichten)",
        ),
        (
            german(&BundleError::LayerShape {
                layer: 1,
                refusal: ModelError::shape("network", ShapeProblem::Output { outputs: 2 }),
            }),
            "Modelldatei: Netzschicht 1: Netz: die letzte Schicht muss genau eine Ausgabe haben \
             (das Log-Risiko), hat 2",
        ),
        (
            german(&BundleError::MarkerLabel {
                marker: "ldh".to_owned(),
                label: "Lactate dehydrogenase".to_owned(),
                repeated: false,
            }),
            "Modelldatei: die Bezeichnung „Lactate dehydrogenase“ ist für den Marker „ldh“ \
             bestimmt, den das Modell nicht verwendet",
        ),
        (
            german(&BundleError::NamesCount {
                what: "marker",
                listed: 11,
                expected: 12,
            }),
            "Modelldatei: die Markernamen passen nicht zur Vorverarbeitung: 11 aufgeführt, 12 \
             in der Vorverarbeitung",
        ),
        (
            german(&ExternalError::SplitRow {
                role: SplitRole::Test,
                row: 300,
                patients: 228,
            }),
            "Hold-out-Aufteilung: Zeile 300 im Testteil liegt außerhalb der Kohorte \
             (Patienten: 228)",
        ),
        (
            german(&ExternalError::SplitMismatch {
                part: "validation",
                record: 40,
                encoding: 41,
            }),
            "das Trainingsprotokoll zählt 40 Patienten im Validierungsteil, die Aufteilung der \
             Kodierung aber 41",
        ),
        (
            german(&ExternalError::Json {
                what: "encoding file",
                line: 2,
                column: 9,
                description: "missing field `encoder`".to_owned(),
            }),
            "Kodierungsdatei: in Zeile 2, Spalte 9: missing field `encoder`",
        ),
    ];
    for (de, sentence) in &cases {
        assert_eq!(de, sentence);
    }
}

/// Every fixed phrase the model crate's sources give an error (a computation's name, what
/// a value is, what is needed or counted, a valid range, a reason, a stage) is listed in
/// `PHRASES`, so that no German sentence quotes an English phrase: a phrase added without
/// its message fails here.
#[test]
fn every_fixed_phrase_in_the_model_crates_sources_has_its_message() {
    let listed: BTreeSet<&str> = PHRASES.iter().map(|p| p.0).collect();
    // The arguments of each constructor that are phrases (a setting's own name is not).
    let calls: [(&str, &[usize]); 6] = [
        ("length", &[0, 1]),
        ("setting", &[0, 2]),
        ("insufficient", &[0, 1, 3]),
        ("non_finite", &[0, 1]),
        ("shape", &[0]),
        ("first_invalid", &[0]),
    ];
    let mut found = BTreeSet::new();
    for text in sources("survlens-model") {
        for (function, positions) in calls {
            for args in call_arguments(&text, function) {
                found.extend(
                    positions
                        .iter()
                        .filter_map(|&k| args.get(k).cloned().flatten()),
                );
            }
        }
        for field in [
            "context", "what", "needs", "counted", "valid", "reason", "stage",
        ] {
            found.extend(field_literals(&text, field));
        }
        // A computation's name or a range kept in a constant inside a function.
        found.extend(text.lines().filter_map(|line| {
            let declared =
                line.starts_with(char::is_whitespace) && line.trim_start().starts_with("const ");
            let (_, rest) = line.split_once(": &str = \"").filter(|_| declared)?;
            literal(rest)
        }));
    }
    let missing: Vec<&String> = found
        .iter()
        .filter(|p| !listed.contains(p.as_str()))
        .collect();
    assert!(missing.is_empty(), "phrases without a message: {missing:?}");
    // The scan finds what the sources hold (it would find nothing if their style changed).
    assert!(found.len() >= 120, "{} phrases found", found.len());
}
