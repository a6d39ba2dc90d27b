//! The fidelity report of the committed default model against the planted truth.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use survlens_app::analysis::fidelity::{fidelity_report, fidelity_study};
use survlens_app::sources::default_model::{DefaultModel, DefaultModelError, HeldOutSplit};
use survlens_synth::{Preset, SynthConfig, generate};

const MODEL_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../web/models/default.json");

fn model() -> DefaultModel {
    DefaultModel::from_slice(&std::fs::read(MODEL_FILE).unwrap()).unwrap()
}

#[test]
fn a_cohort_of_another_preset_is_refused() {
    let teaching = generate(&SynthConfig {
        n_patients: 50,
        seed: 1,
        preset: Preset::Teaching,
    })
    .unwrap();
    let rows: Vec<usize> = (0..50).collect();
    let err = fidelity_report(&model().bundle, &teaching, &rows).unwrap_err();
    assert!(
        matches!(err, DefaultModelError::MarkerMismatch { .. }),
        "{err:?}"
    );
}

/// Trains four networks on the default model's cohort: `cargo test --release -p
/// survlens-app --test fidelity -- --ignored`.
#[test]
#[ignore = "trains four networks; run with --release -- --ignored"]
fn default_model_study_on_its_test_half() {
    let model = model();
    let p = &model.provenance;
    let synthetic = generate(&p.cohort).unwrap();
    let split = HeldOutSplit::of(&synthetic, p.folds, p.split_seed).unwrap();
    let report = fidelity_study(&model.bundle, &synthetic, &split, &[1, 2, 3], true).unwrap();

    // The C-indices are those recorded when the model was written (same network, same
    // patients; 1e-6 for summation-order ties).
    assert_eq!(report.n_patients, p.test.n_patients);
    assert!((report.model_harrell_c - p.test.harrell_c).abs() < 1e-6);
    assert!((report.oracle_harrell_c - p.test.oracle_harrell_c).abs() < 1e-9);
    assert_eq!(report.seeds.len(), 3);

    // The ceiling: the truth explaining itself ranks every prognostic marker first and
    // follows the truth exactly over the detectable markers.
    assert_eq!(report.ceiling.auroc.value, 1.0);
    assert!((report.ceiling.spearman.value - 1.0).abs() < 1e-12);
    // The floor: a network trained on permuted outcomes ranks prognostic markers no better
    // than chance (AUROC 0.5; its interval covers it), and below the trained networks.
    let floor = report.floor.as_ref().unwrap();
    assert!(floor.figures.auroc.lower <= 0.5 && 0.5 <= floor.figures.auroc.upper + 0.05);
    for s in &report.seeds {
        assert!(
            s.figures.auroc.lower > floor.figures.auroc.upper,
            "seed {}",
            s.seed
        );
        assert!(s.figures.precision_at_k.value > floor.figures.precision_at_k.value);
    }
}
