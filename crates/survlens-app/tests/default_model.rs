//! The committed default model (`web/models/default.json`): it decodes into the documented
//! network, reproduces its recorded predictions on regenerated patients, and ranks held-out
//! patients within 0.02 of the oracle C-index.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::OnceLock;

use survlens_app::sources::default_model::{
    DefaultModel, DefaultModelSpec, HeldOutFit, HeldOutSplit,
};
use survlens_model::concordance::harrell_c;
use survlens_model::train::HiddenWidth;
use survlens_synth::{SyntheticCohort, generate};

const MODEL_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../web/models/default.json");

fn model() -> DefaultModel {
    let bytes = std::fs::read(MODEL_FILE).expect("web/models/default.json is committed");
    DefaultModel::from_slice(&bytes).unwrap()
}

/// The model's training cohort, generated once for all tests of this file (the slow part
/// of a debug build: 15,726 patients).
fn regenerated(model: &DefaultModel) -> &'static SyntheticCohort {
    static COHORT: OnceLock<SyntheticCohort> = OnceLock::new();
    let cohort = COHORT.get_or_init(|| generate(&model.provenance.cohort).unwrap());
    assert_eq!(cohort.config, model.provenance.cohort);
    assert_eq!(
        cohort.truth.settings.generator_version, model.provenance.generator_version,
        "the generator changed since the default model was trained: regenerate it with \
         `survlens default-model --out web/models/default.json`"
    );
    cohort
}

#[test]
fn committed_model_decodes_into_the_documented_network() {
    let text = std::fs::read_to_string(MODEL_FILE).unwrap();
    // Every weight and bias array is stored in half precision.
    assert!(!text.contains("\"encoding\":\"f32\""));
    assert!(text.contains("\"encoding\":\"f16_base64\""));

    let model = model();
    let spec = DefaultModelSpec::default();
    let arch = model.bundle.architecture();
    // The study's shape at the documented width: 626 encoded inputs of 349 markers and the
    // entity, one hidden layer of 256 units, dropout 0.5 on inputs and hidden units.
    assert_eq!(arch.n_inputs, 626);
    assert_eq!(arch.hidden, vec![256]);
    assert_eq!((arch.input_dropout, arch.hidden_dropout), (0.5, 0.5));
    assert_eq!(spec.training.hidden_width, HiddenWidth::Fixed(256));
    assert_eq!(model.bundle.training(), &spec.training);
    assert_eq!(model.bundle.feature_map().n_markers(), 350);
    assert_eq!(model.provenance.cohort, spec.cohort);
    assert_eq!(model.provenance.folds, spec.folds);
    assert_eq!(
        model.provenance.reference_predictions.len(),
        spec.reference_patients
    );
    // Writing the decoded model again gives the committed bytes (f16 values re-encode
    // exactly; the figures are printed with shortest round-trip text).
    assert_eq!(model.to_json().unwrap(), text);
}

#[test]
fn committed_model_reproduces_its_recorded_predictions() {
    let model = model();
    let synthetic = regenerated(&model);
    let cohort = synthetic.to_cohort().unwrap();
    let rows: Vec<usize> = model
        .provenance
        .reference_predictions
        .iter()
        .map(|r| {
            synthetic
                .patient_ids
                .iter()
                .position(|id| *id == r.patient_id)
                .unwrap()
        })
        .collect();
    let predictions = model
        .bundle
        .predict(&cohort.subset(&rows).unwrap(), &[])
        .unwrap();
    for (r, &got) in model
        .provenance
        .reference_predictions
        .iter()
        .zip(&predictions.log_risk)
    {
        // Reference: the same half-precision network's f32 output when the file was
        // written. The weights are bit-identical after decoding, so only the f32
        // summation order of the matrix products may differ (626 + 256 terms of magnitude
        // <= 1: a few 1e-6); 1e-4 leaves room and still catches any change of weights or
        // preprocessing (half-precision rounding alone moves log-risks by about 1e-3).
        assert!(
            (got - r.log_risk).abs() < 1e-4,
            "{}: predicted {got}, recorded {}",
            r.patient_id,
            r.log_risk
        );
    }
}

#[test]
fn committed_model_is_within_0_02_of_the_oracle_on_held_out_patients() {
    let model = model();
    let synthetic = regenerated(&model);
    let split = HeldOutSplit::of(
        synthetic,
        model.provenance.folds,
        model.provenance.split_seed,
    )
    .unwrap();
    assert_eq!(split.test.len(), model.provenance.test.n_patients);
    let cohort = synthetic.to_cohort().unwrap();
    let test_cohort = cohort.subset(&split.test).unwrap();
    let risk = model.bundle.predict(&test_cohort, &[]).unwrap().log_risk;
    let time: Vec<f64> = split.test.iter().map(|&i| synthetic.time_days[i]).collect();
    let event: Vec<bool> = split.test.iter().map(|&i| synthetic.event[i]).collect();
    let c = harrell_c(&time, &event, &risk).unwrap().index;
    let mut full_risk = vec![0.0; synthetic.n_patients()];
    for (&i, &r) in split.test.iter().zip(&risk) {
        full_risk[i] = r;
    }
    let fit = HeldOutFit::of(synthetic, &split.test, &full_risk).unwrap();
    // Recomputed here vs recorded at training: same network, same patients; 1e-6 allows
    // for risks that were a tie in one and 1e-7 apart in the other summation order.
    assert!((c - model.provenance.test.harrell_c).abs() < 1e-6, "C {c}");
    assert!(
        (fit.oracle_harrell_c - model.provenance.test.oracle_harrell_c).abs() < 1e-12,
        "oracle C {}",
        fit.oracle_harrell_c
    );
    // The default model's acceptance bound: Harrell's C of the model on the test half at least the
    // oracle's (the generator's true log-hazard) minus 0.02.
    assert!(
        c >= fit.oracle_harrell_c - 0.02,
        "held-out C {c} vs oracle {}",
        fit.oracle_harrell_c
    );
}
