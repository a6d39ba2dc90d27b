//! Baseline Cox models stored in the model file: they read back exactly and score a cohort
//! as they did before writing, a file without them reads as before, and baselines that
//! do not fit their own preprocessing are refused by name.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::ops::ControlFlow;

use survlens_data::{Cohort, EncoderConfig, Marker};
use survlens_model::bundle::{BuildSettings, BundleError, ModelBundle, build_bundle};
use survlens_model::comparison::FittedBaselines;
use survlens_model::{BaselineKind, HiddenWidth, TrainConfig};

/// 120 patients, three markers; risk rises with `age` and with the square of `crp`.
fn cohort(n: usize) -> Cohort {
    let age: Vec<f32> = (0..n).map(|i| 40.0 + (i * 37 % 41) as f32).collect();
    let crp: Vec<f32> = (0..n).map(|i| ((i * 13) % 29) as f32 - 14.0).collect();
    let time = (0..n)
        .map(|i| {
            let risk = 0.04 * f64::from(age[i] - 40.0) + 0.01 * f64::from(crp[i] * crp[i]);
            1.0 + 300.0 * (-risk).exp() + (i % 7) as f64
        })
        .collect();
    let event = (0..n).map(|i| i % 5 != 0).collect();
    let smoker = (0..n).map(|i| f32::from(u8::from(i % 3 == 0))).collect();
    Cohort::new((0..n).map(|i| format!("p{i}")).collect(), time, event)
        .unwrap()
        .with_marker(Marker::numeric("age", age).unwrap())
        .unwrap()
        .with_marker(Marker::numeric("crp", crp).unwrap())
        .unwrap()
        .with_marker(Marker::binary("smoker", smoker).unwrap())
        .unwrap()
}

fn bundle(cohort: &Cohort) -> ModelBundle {
    let settings = BuildSettings {
        training: TrainConfig {
            hidden_width: HiddenWidth::Fixed(8),
            learning_rate: 1e-2,
            batch_size: 32,
            epochs_per_stage: 2,
            seed: 3,
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

fn with_baselines(
    bundle: ModelBundle,
    fitted: FittedBaselines,
) -> Result<ModelBundle, BundleError> {
    let mut parts = bundle.into_parts();
    parts.baseline_models = Some(fitted);
    ModelBundle::new(parts)
}

#[test]
fn stored_baselines_read_back_and_score_as_before() {
    let cohort = cohort(120);
    let kinds = [BaselineKind::Linear, BaselineKind::Spline];
    let fitted = FittedBaselines::fit(&kinds, cohort.view(), 0).unwrap();
    let before = fitted.log_risks(cohort.view()).unwrap();
    let bundle = with_baselines(bundle(&cohort), fitted).unwrap();

    let decoded = ModelBundle::from_json(&bundle.to_json().unwrap()).unwrap();
    assert_eq!(decoded, bundle);
    let stored = decoded.baseline_models().unwrap();
    assert_eq!(
        stored.models.iter().map(|m| m.kind).collect::<Vec<_>>(),
        kinds
    );
    assert_eq!(stored.log_risks(cohort.view()).unwrap(), before);
    // The fit is deterministic: fitting again gives the stored models.
    assert_eq!(
        &FittedBaselines::fit(&kinds, cohort.view(), 0).unwrap(),
        stored
    );
}

#[test]
fn a_file_without_baselines_reads_as_none_and_writes_none() {
    let cohort = cohort(120);
    let bundle = bundle(&cohort);
    assert!(bundle.baseline_models().is_none());
    let text = bundle.to_json().unwrap();
    assert!(!text.contains("baseline_models"));
    assert!(
        ModelBundle::from_json(&text)
            .unwrap()
            .baseline_models()
            .is_none()
    );
}

#[test]
fn baselines_of_another_width_are_refused() {
    let cohort = cohort(120);
    let fitted = FittedBaselines::fit(&[BaselineKind::Linear], cohort.view(), 0).unwrap();
    // A preprocessing fitted on fewer markers than the model reads.
    let narrow = Cohort::new(
        cohort.ids().map(str::to_owned).collect(),
        cohort.time().to_vec(),
        cohort.event().to_vec(),
    )
    .unwrap()
    .with_marker(cohort.marker("age").unwrap().clone())
    .unwrap();
    let encoder = EncoderConfig::auto().fit(narrow.view()).unwrap();
    let width = encoder.n_features();
    let mismatched = FittedBaselines { encoder, ..fitted };
    match with_baselines(bundle(&cohort), mismatched) {
        Err(BundleError::InputWidth {
            encoder_features, ..
        }) => assert_eq!(encoder_features, width),
        other => panic!("expected an input-width error, got {other:?}"),
    }
}
