//! Marker labels and units stored in the model file: they read back exactly and leave the
//! model's predictions alone; a file written before labels existed (the committed
//! `tests/fixtures/bad/model_valid.json`) still reads, with none; a label for a marker the
//! model does not read, or a second label for one, is refused by name.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::ops::ControlFlow;

use survlens_data::{Cohort, EncoderConfig, Marker};
use survlens_model::bundle::{BuildSettings, BundleError, MarkerLabel, ModelBundle, build_bundle};
use survlens_model::{HiddenWidth, TrainConfig};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// 80 patients, two markers; risk rises with `age`.
fn cohort() -> Cohort {
    let n = 80;
    let age: Vec<f32> = (0..n).map(|i| 40.0 + (i * 37 % 41) as f32).collect();
    let grip: Vec<f32> = (0..n).map(|i| 20.0 + (i * 11 % 23) as f32).collect();
    let time = (0..n)
        .map(|i| 1.0 + 300.0 * (-0.05 * f64::from(age[i] - 40.0)).exp() + (i % 7) as f64)
        .collect();
    let event = (0..n).map(|i| i % 4 != 0).collect();
    Cohort::new((0..n).map(|i| format!("p{i}")).collect(), time, event)
        .unwrap()
        .with_marker(Marker::numeric("age", age).unwrap())
        .unwrap()
        .with_marker(Marker::numeric("grip", grip).unwrap())
        .unwrap()
}

fn bundle(cohort: &Cohort) -> ModelBundle {
    let settings = BuildSettings {
        training: TrainConfig {
            hidden_width: HiddenWidth::Fixed(4),
            learning_rate: 1e-2,
            batch_size: 16,
            epochs_per_stage: 2,
            seed: 5,
            ..TrainConfig::default()
        },
        encoder: EncoderConfig::default(),
        folds: 0,
        ..BuildSettings::study()
    };
    build_bundle(cohort, &settings, |_| ControlFlow::Continue(()))
        .unwrap()
        .unwrap()
}

fn label(marker: &str, label: &str, unit: &str) -> MarkerLabel {
    MarkerLabel {
        marker: marker.to_owned(),
        label: label.to_owned(),
        unit: unit.to_owned(),
    }
}

fn with_labels(bundle: ModelBundle, labels: Vec<MarkerLabel>) -> Result<ModelBundle, BundleError> {
    let mut parts = bundle.into_parts();
    parts.labels = labels;
    ModelBundle::new(parts)
}

#[test]
fn labels_read_back_and_change_no_prediction() {
    let cohort = cohort();
    let plain = bundle(&cohort);
    assert!(plain.labels().is_empty());
    assert!(!plain.to_json().unwrap().contains("\"marker_labels\""));

    let labels = vec![label("grip", "Hand grip strength", "kg")];
    let labelled = with_labels(plain.clone(), labels.clone()).unwrap();
    let decoded = ModelBundle::from_json(&labelled.to_json().unwrap()).unwrap();
    assert_eq!(decoded, labelled);
    assert_eq!(decoded.labels(), labels.as_slice());
    assert_eq!(decoded.label_of("grip").unwrap().unit, "kg");
    assert!(decoded.label_of("age").is_none());
    let times = [100.0, 200.0];
    assert_eq!(
        decoded.predict(&cohort, &times).unwrap(),
        plain.predict(&cohort, &times).unwrap()
    );
}

#[test]
fn a_file_from_before_labels_reads_with_none() {
    let text =
        std::fs::read_to_string(format!("{ROOT}/tests/fixtures/bad/model_valid.json")).unwrap();
    assert!(
        !text.contains("\"marker_labels\""),
        "the fixture predates labels"
    );
    let bundle = ModelBundle::from_json(&text).unwrap();
    assert!(bundle.labels().is_empty());
    // Written again, it stays a file without labels.
    assert!(!bundle.to_json().unwrap().contains("\"marker_labels\""));
}

#[test]
fn a_label_for_no_marker_or_a_second_label_is_refused() {
    let cohort = cohort();
    let plain = bundle(&cohort);
    let e = with_labels(plain.clone(), vec![label("weight", "Weight", "kg")]).unwrap_err();
    assert_eq!(e.code(), "marker_label");
    assert!(
        e.to_string()
            .contains("\"weight\", which the model does not read"),
        "{e}"
    );

    let e = with_labels(
        plain.clone(),
        vec![
            label("age", "Age", "years"),
            label("age", "Age at entry", "years"),
        ],
    )
    .unwrap_err();
    assert!(e.to_string().contains("which already has a label"), "{e}");

    // In a file, too: the decoder refuses it as it refuses the parts.
    let labelled = with_labels(plain, vec![label("age", "Age", "years")]).unwrap();
    let text = labelled.to_json().unwrap().replace(
        r#"{"marker":"age","label":"Age""#,
        r#"{"marker":"height","label":"Age""#,
    );
    assert_eq!(
        ModelBundle::from_json(&text).unwrap_err().code(),
        "marker_label"
    );
}
