//! The Cox training loss against lifelines, scikit-survival and pycox, and its invariants:
//! analytic gradient = central finite differences, invariance to a common shift of all
//! log-risks and to the order of the rows.

// Test helpers outside #[test] functions: a failed unwrap there is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use serde::Deserialize;
use survlens_model::{CoxLoss, ModelError, Ties};

#[derive(Deserialize)]
struct Fixture {
    n_events: usize,
    x: Vec<Vec<f64>>,
    time: Vec<f64>,
    event: Vec<u8>,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    log_risk: Vec<f64>,
    lifelines_efron_log_likelihood: f64,
    lifelines_efron_gradient_beta: Vec<f64>,
    sksurv_breslow_neg_log_likelihood: f64,
    sksurv_efron_neg_log_likelihood: f64,
    pycox_loss: f64,
    pycox_gradient: Vec<f64>,
}

fn fixture() -> Fixture {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/reference/training_loss.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn assert_close(what: &str, got: f64, want: f64, rel: f64) {
    let err = (got - want).abs() / want.abs().max(1.0);
    assert!(
        err <= rel,
        "{what}: got {got}, want {want} (rel. error {err:e} > {rel:e})"
    );
}

/// Loss and gradient for the fixture's rows.
fn evaluate(ties: Ties, fx: &Fixture, case: &Case) -> (f64, Vec<f64>) {
    let event: Vec<bool> = fx.event.iter().map(|&e| e == 1).collect();
    let mut grad = vec![0.0; fx.time.len()];
    let v = CoxLoss::new(ties)
        .value_and_gradient(&case.log_risk, &fx.time, &event, &mut grad)
        .unwrap();
    (v, grad)
}

#[test]
fn efron_equals_lifelines_log_likelihood_and_gradient() {
    // Reference: lifelines 0.30.3 CoxPHFitter internals (Efron), veteran lung cohort,
    // 137 patients with tied times; tools/references/training_loss.py. Tolerance 1e-10
    // relative: both sides are f64 evaluations of the same formula.
    let fx = fixture();
    for case in &fx.cases {
        let (loss, grad) = evaluate(Ties::Efron, &fx, case);
        let d = fx.n_events as f64;
        assert_close(
            &format!("{}: Efron loglik", case.name),
            -loss * d,
            case.lifelines_efron_log_likelihood,
            1e-10,
        );
        // d loglik / d beta = X^T (d loglik / d eta) = -d * X^T grad.
        for (c, &want) in case.lifelines_efron_gradient_beta.iter().enumerate() {
            let got: f64 = -d
                * fx.x
                    .iter()
                    .zip(&grad)
                    .map(|(row, g)| row[c] * g)
                    .sum::<f64>();
            assert_close(
                &format!("{}: Efron d loglik / d beta_{c}", case.name),
                got,
                want,
                1e-9,
            );
        }
    }
}

#[test]
fn breslow_and_efron_equal_scikit_survival() {
    // Reference: scikit-survival 0.28.0 CoxPHOptimizer.nlog_likelihood x n, ties "breslow"
    // and "efron", same data and coefficients. Tolerance 1e-10 relative.
    let fx = fixture();
    let d = fx.n_events as f64;
    for case in &fx.cases {
        let (breslow, _) = evaluate(Ties::Breslow, &fx, case);
        let (efron, _) = evaluate(Ties::Efron, &fx, case);
        assert_close(
            &format!("{}: Breslow", case.name),
            breslow * d,
            case.sksurv_breslow_neg_log_likelihood,
            1e-10,
        );
        assert_close(
            &format!("{}: Efron", case.name),
            efron * d,
            case.sksurv_efron_neg_log_likelihood,
            1e-10,
        );
    }
}

#[test]
fn pycox_variant_equals_pycox_cox_ph_loss_and_its_autograd_gradient() {
    // Reference: pycox 0.3.0 cox_ph_loss_sorted (eps = 0), float64, rows in descending
    // time with ties by row index; gradient from torch 2.15.0 autograd. Tolerance 1e-10
    // relative for the loss, 1e-12 absolute per gradient component (components are O(1/d)).
    let fx = fixture();
    for case in &fx.cases {
        let (loss, grad) = evaluate(Ties::Pycox, &fx, case);
        assert_close(
            &format!("{}: pycox loss", case.name),
            loss,
            case.pycox_loss,
            1e-10,
        );
        for (i, (g, want)) in grad.iter().zip(&case.pycox_gradient).enumerate() {
            assert!(
                (g - want).abs() <= 1e-12,
                "{}: gradient {i}: {g} vs {want}",
                case.name
            );
        }
    }
}

/// Survival data with ties: times drawn from a small grid so that tied event times and
/// events tied with censorings are frequent.
fn survival_case() -> impl Strategy<Value = (Vec<f64>, Vec<f64>, Vec<bool>)> {
    (2usize..40).prop_flat_map(|n| {
        (
            prop::collection::vec(-3.0f64..3.0, n),
            prop::collection::vec(1u8..8, n),
            prop::collection::vec(any::<bool>(), n),
        )
            .prop_map(|(eta, t, mut e)| {
                e[0] = true;
                (eta, t.into_iter().map(f64::from).collect(), e)
            })
    })
}

const ALL_TIES: [Ties; 3] = [Ties::Breslow, Ties::Efron, Ties::Pycox];

proptest! {
    #[test]
    fn gradient_equals_central_finite_differences((eta, time, event) in survival_case()) {
        // Central differences with h = 1e-5 on an f64 loss: truncation O(h^2) ~ 1e-10,
        // rounding ~ 1e-16 / h ~ 1e-11; tolerance 1e-7 absolute.
        for ties in ALL_TIES {
            let mut loss = CoxLoss::new(ties);
            let mut grad = vec![0.0; eta.len()];
            loss.value_and_gradient(&eta, &time, &event, &mut grad).unwrap();
            let h = 1e-5;
            for k in 0..eta.len() {
                let mut plus = eta.clone();
                plus[k] += h;
                let mut minus = eta.clone();
                minus[k] -= h;
                let fd = (loss.value(&plus, &time, &event).unwrap()
                    - loss.value(&minus, &time, &event).unwrap())
                    / (2.0 * h);
                prop_assert!(
                    (fd - grad[k]).abs() < 1e-7,
                    "{ties:?}, patient {k}: analytic {} vs finite differences {fd}", grad[k]
                );
            }
        }
    }

    #[test]
    fn a_common_shift_of_all_log_risks_changes_nothing(
        (eta, time, event) in survival_case(),
        shift in -50.0f64..50.0,
    ) {
        // exp(eta + c) / sum exp(eta + c) = exp(eta) / sum exp(eta): exact in real numbers;
        // tolerance 1e-12 relative for the f64 evaluation.
        for ties in ALL_TIES {
            let mut loss = CoxLoss::new(ties);
            let shifted: Vec<f64> = eta.iter().map(|v| v + shift).collect();
            let a = loss.value(&eta, &time, &event).unwrap();
            let b = loss.value(&shifted, &time, &event).unwrap();
            prop_assert!((a - b).abs() <= 1e-12 * a.abs().max(1.0), "{ties:?}: {a} vs {b}");
        }
    }

    #[test]
    fn breslow_and_efron_do_not_depend_on_row_order(
        (eta, time, event) in survival_case(),
        seed in any::<u64>(),
    ) {
        // Same patients, rows reversed and rotated; tolerance 1e-12 relative (only the
        // summation order changes). Pycox depends on the order of tied rows by design and
        // is checked on distinct times below.
        let n = eta.len();
        let perm: Vec<usize> = (0..n).map(|i| (n - 1 - i + seed as usize % n) % n).collect();
        let p_eta: Vec<f64> = perm.iter().map(|&i| eta[i]).collect();
        let p_time: Vec<f64> = perm.iter().map(|&i| time[i]).collect();
        let p_event: Vec<bool> = perm.iter().map(|&i| event[i]).collect();
        for ties in [Ties::Breslow, Ties::Efron] {
            let mut loss = CoxLoss::new(ties);
            let mut g = vec![0.0; n];
            let mut pg = vec![0.0; n];
            let a = loss.value_and_gradient(&eta, &time, &event, &mut g).unwrap();
            let b = loss.value_and_gradient(&p_eta, &p_time, &p_event, &mut pg).unwrap();
            prop_assert!((a - b).abs() <= 1e-12 * a.abs().max(1.0), "{ties:?}: {a} vs {b}");
            for (j, &i) in perm.iter().enumerate() {
                prop_assert!((pg[j] - g[i]).abs() <= 1e-12, "{ties:?}: gradient of patient {i}");
            }
        }
    }

    #[test]
    fn without_ties_pycox_equals_breslow_and_efron(
        eta in prop::collection::vec(-5.0f64..5.0, 2..40),
        seed in any::<u64>(),
    ) {
        // Distinct times: all three definitions coincide; tolerance 1e-12 relative.
        let n = eta.len();
        let time: Vec<f64> = (0..n).map(|i| ((i as u64 * 7919 + seed % 1000) % 100_003) as f64 + 1.0).collect();
        let event: Vec<bool> = (0..n).map(|i| i % 3 != 1).collect();
        let values: Vec<f64> = ALL_TIES
            .iter()
            .map(|&t| CoxLoss::new(t).value(&eta, &time, &event).unwrap())
            .collect();
        for v in &values[1..] {
            prop_assert!((v - values[0]).abs() <= 1e-12 * values[0].abs().max(1.0), "{values:?}");
        }
    }
}

#[test]
fn efron_lies_below_breslow_with_tied_events() {
    // Efron's risk sets are smaller than Breslow's for tied events, so its loss is lower;
    // equal when no event times are tied (checked by the property test above).
    let eta = [0.3, -0.2, 0.5, 0.1];
    let time = [2.0, 2.0, 2.0, 5.0];
    let event = [true, true, true, false];
    let b = CoxLoss::new(Ties::Breslow)
        .value(&eta, &time, &event)
        .unwrap();
    let e = CoxLoss::new(Ties::Efron)
        .value(&eta, &time, &event)
        .unwrap();
    assert!(e < b, "Efron {e} should be below Breslow {b}");
}

#[test]
fn a_batch_without_events_is_an_error_not_a_nan() {
    let r = CoxLoss::new(Ties::Pycox).value(&[0.0, 1.0], &[1.0, 2.0], &[false, false]);
    assert!(
        matches!(r, Err(ModelError::InsufficientData { .. })),
        "{r:?}"
    );
}
