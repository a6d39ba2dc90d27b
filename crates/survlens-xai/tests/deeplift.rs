//! DeepLIFT-rescale against its invariants: summation to delta (`sum_i R_i = f(x) - f(r)`)
//! on random deep networks, the additive network's exact answer `w_i (x_i - r_i)`,
//! agreement with integrated gradients where the network is linear between patient and
//! reference, antisymmetry under swapping patient and reference, and timing of one patient
//! on a network of the default model's shape (printed, not asserted).

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::{random_inputs, random_net};
use proptest::prelude::*;
use survlens_model::{CoxNet, Dense};
use survlens_xai::{Attribution, DeepLift, DeepLiftRescale, IntegratedGradients, XaiError};

/// `f(x) - f(r)` in `f64` from the network's own `f32` predictions.
fn delta(net: &CoxNet, x: &[f32], r: &[f32]) -> f64 {
    f64::from(net.predict(x, 1)[0]) - f64::from(net.predict(r, 1)[0])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Summation to delta on networks of one to three hidden layers with biases, inputs on
    /// both sides of zero: the contributions add up to the difference of the network's
    /// own predictions, to `f32` rounding of the sums (1e-5 relative to the largest term).
    #[test]
    fn contributions_sum_to_the_difference_from_the_reference(
        depth in 1usize..4, seed in 0u64..10_000,
    ) {
        let d = 9;
        let mut widths = vec![d];
        widths.extend((0..depth).map(|l| 7 + 3 * l));
        widths.push(1);
        let net = random_net(&widths, 0.8, 0.3, seed);
        let n = 5;
        let x = random_inputs(n, d, -2.0, 2.0, seed + 1);
        let r = random_inputs(1, d, -2.0, 2.0, seed + 2);
        let out = DeepLift::new(&net, &r).unwrap().explain_batch(&net, &x, n).unwrap();
        for p in 0..n {
            let xp = &x[p * d..(p + 1) * d];
            let row = out.row(p).unwrap();
            let sum: f64 = row.iter().map(|&v| f64::from(v)).sum();
            let want = delta(&net, xp, &r);
            let scale = 1.0 + row.iter().map(|v| f64::from(v.abs())).sum::<f64>();
            prop_assert!((sum - want).abs() <= 1e-5 * scale, "sum {sum} vs {want}");
            let acc = out.accounting(p).unwrap();
            prop_assert_eq!(acc.output, net.predict(xp, 1)[0]);
            prop_assert_eq!(acc.bias_share, net.predict(&r, 1)[0]);
            prop_assert!(f64::from(acc.stabilizer_share).abs() <= 1e-5 * scale);
        }
    }

    /// Swapping patient and reference negates every contribution exactly: the secant of
    /// each unit is symmetric, the differences change sign.
    #[test]
    fn swapping_patient_and_reference_negates_the_contributions(seed in 0u64..10_000) {
        let d = 6;
        let net = random_net(&[d, 11, 5, 1], 0.8, 0.3, seed);
        let x = random_inputs(1, d, -2.0, 2.0, seed + 1);
        let r = random_inputs(1, d, -2.0, 2.0, seed + 2);
        let forward = DeepLift::new(&net, &r).unwrap().explain_batch(&net, &x, 1).unwrap();
        let backward = DeepLift::new(&net, &x).unwrap().explain_batch(&net, &r, 1).unwrap();
        for (a, b) in forward.values().iter().zip(backward.values()) {
            prop_assert_eq!(*a, -*b);
        }
    }
}

/// The additive network (no hidden layer): `R_i = w_i (x_i - r_i)` exactly, bit for bit.
#[test]
fn an_additive_network_gets_its_weights_times_the_differences() {
    let w = vec![0.7f32, -1.3, 0.0, 2.5, -0.25];
    let net = CoxNet::new(vec![Dense::new(5, 1, w.clone(), vec![0.4]).unwrap()]).unwrap();
    let x = random_inputs(3, 5, -1.0, 1.0, 7);
    let r = vec![0.5f32, 0.1, -0.3, 0.0, 0.9];
    let out = DeepLiftRescale {
        reference: r.clone(),
    }
    .attribute(&net, &x, 3)
    .unwrap();
    for p in 0..3 {
        let want: Vec<f32> = (0..5).map(|i| w[i] * (x[p * 5 + i] - r[i])).collect();
        assert_eq!(out.row(p).unwrap(), want.as_slice());
    }
}

/// Where no hidden unit changes side between reference and patient the network is linear
/// on the segment, so integrated gradients (exact there with any number of steps) and
/// DeepLIFT must agree; inputs all positive with positive first-layer weights and biases
/// keep every unit on.
#[test]
fn agrees_with_integrated_gradients_where_the_network_is_linear_between_the_two() {
    let d = 4;
    let w1: Vec<f32> = (0..d * 6).map(|k| 0.1 + 0.05 * (k % 7) as f32).collect();
    let w2: Vec<f32> = (0..6)
        .map(|k| if k % 2 == 0 { 0.8 } else { -0.6 })
        .collect();
    let net = CoxNet::new(vec![
        Dense::new(d, 6, w1, vec![0.2; 6]).unwrap(),
        Dense::new(6, 1, w2, vec![-0.1]).unwrap(),
    ])
    .unwrap();
    let x = vec![0.9f32, 0.2, 0.5, 0.7];
    let r = vec![0.1f32, 0.6, 0.3, 0.4];
    let dl = DeepLiftRescale {
        reference: r.clone(),
    }
    .attribute(&net, &x, 1)
    .unwrap();
    let ig = IntegratedGradients {
        reference: r,
        steps: 3,
    }
    .attribute(&net, &x, 1)
    .unwrap();
    for (a, b) in dl.values().iter().zip(ig.values()) {
        assert!((a - b).abs() <= 1e-6, "{a} vs {b}");
    }
}

/// A patient equal to the reference has no contribution at all.
#[test]
fn the_reference_itself_has_nothing_to_explain() {
    let net = random_net(&[5, 8, 1], 0.8, 0.3, 3);
    let r = random_inputs(1, 5, -1.0, 1.0, 4);
    let out = DeepLift::new(&net, &r)
        .unwrap()
        .explain_batch(&net, &r, 1)
        .unwrap();
    assert!(out.values().iter().all(|&v| v == 0.0));
}

#[test]
fn refuses_a_reference_of_the_wrong_length_or_not_finite() {
    let net = random_net(&[5, 8, 1], 0.8, 0.3, 3);
    assert!(matches!(
        DeepLift::new(&net, &[0.0; 4]),
        Err(XaiError::Shape {
            expected: 5,
            found: 4,
            ..
        })
    ));
    assert!(matches!(
        DeepLift::new(&net, &[0.0, 0.0, f32::NAN, 0.0, 0.0]),
        Err(XaiError::NonFiniteInput { input: 2, .. })
    ));
    let other = random_net(&[5, 8, 4, 1], 0.8, 0.3, 3);
    let prepared = DeepLift::new(&net, &[0.0; 5]).unwrap();
    assert!(matches!(
        prepared.explain_batch(&other, &[0.0; 5], 1),
        Err(XaiError::Shape { .. })
    ));
}

/// One patient on a network of the page's default model's shape (626 inputs, one hidden
/// layer of 256) and of the study's (ten times as many hidden units as inputs): the
/// what-if budget is 16 ms per edit. Printed, not asserted (shared machines).
#[test]
fn times_one_patient_on_a_network_of_the_default_models_shape() {
    let d = 626;
    for hidden in [256, 10 * d] {
        let net = random_net(&[d, hidden, 1], 0.05, 0.05, 11);
        let r = random_inputs(1, d, 0.0, 1.0, 12);
        let x = random_inputs(1, d, 0.0, 1.0, 13);
        let prepared = DeepLift::new(&net, &r).unwrap();
        let _ = prepared.explain_batch(&net, &x, 1).unwrap();
        let runs = 20;
        let start = std::time::Instant::now();
        for _ in 0..runs {
            std::hint::black_box(prepared.explain_batch(&net, &x, 1).unwrap());
        }
        let per = start.elapsed().as_secs_f64() * 1e3 / f64::from(runs);
        println!("deeplift one patient, {d} inputs x {hidden} hidden: {per:.2} ms");
    }
}

/// Patients measured from different references get exactly what each reference alone gives
/// them, wherever they sit in the batch.
#[test]
fn a_batch_against_several_references_matches_each_reference_alone() {
    use survlens_xai::explain_against;
    let d = 5;
    let net = random_net(&[d, 8, 3, 1], 0.8, 0.3, 21);
    let x = random_inputs(4, d, -1.0, 1.0, 22);
    let refs = [
        DeepLift::new(&net, &random_inputs(1, d, -1.0, 1.0, 23)).unwrap(),
        DeepLift::new(&net, &random_inputs(1, d, -1.0, 1.0, 24)).unwrap(),
    ];
    let which = [1, 0, 1, 1];
    let all = explain_against(&net, &x, 4, &refs, &which).unwrap();
    for (p, &k) in which.iter().enumerate() {
        let alone = refs[k]
            .explain_batch(&net, &x[p * d..(p + 1) * d], 1)
            .unwrap();
        assert_eq!(all.row(p).unwrap(), alone.row(0).unwrap());
        assert_eq!(all.accounting(p), alone.accounting(0));
    }
    assert!(matches!(
        explain_against(&net, &x, 4, &refs, &[0, 2, 0, 0]),
        Err(XaiError::PatientOutOfRange { row: 1, .. })
    ));
}
