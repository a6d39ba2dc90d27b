//! The optimised propagation (products with `W` and `W+` only, `a-` paths skipped behind
//! ReLUs) against a direct `f64` transcription of each rule's formula (tests/common).
// Test helpers outside #[test] functions unwrap fixture data freely.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::{direct_lrp, random_inputs, random_net};
use survlens_xai::{Composite, Lrp, LrpRule, LrpWorkspace};

/// Every rule the crate offers, as uniform composites or with a first-layer rule.
fn composites() -> Vec<(Composite, &'static str)> {
    let eps = LrpRule::epsilon(1e-6);
    vec![
        (Composite::paper(), "paper-gamma"),
        (Composite::uniform(eps), "epsilon"),
        (Composite::uniform(LrpRule::epsilon(0.5)), "epsilon 0.5"),
        (Composite::uniform(LrpRule::gamma(0.25)), "gamma 0.25"),
        (Composite::uniform(LrpRule::gamma(0.0)), "gamma 0"),
        (Composite::uniform(LrpRule::zplus()), "zplus"),
        (
            Composite::uniform(LrpRule::alpha_beta(1.0, 0.0)),
            "alpha1beta0",
        ),
        (
            Composite::uniform(LrpRule::alpha_beta(2.0, 1.0)),
            "alpha2beta1",
        ),
        (
            Composite::first_layer(LrpRule::flat(), eps),
            "flat + epsilon",
        ),
        (
            Composite::first_layer(LrpRule::w_square(), eps),
            "w-square + epsilon",
        ),
        (
            Composite::first_layer(LrpRule::zplus(), LrpRule::gamma(0.1)),
            "zplus + gamma",
        ),
    ]
}

/// Checks every patient of a batch, and the single-patient path, against the transcription.
///
/// Tolerance: `|r - r_direct| <= 2e-5 * max_i |r_direct_i|` per patient (the engine runs in
/// `f32`, the transcription in `f64`; relevances of different inputs cancel, so an error
/// relative to each value would be meaningless for values near zero).
fn check(widths: &[usize], lo: f32, hi: f32, seed: u64) {
    let net = random_net(widths, 0.8, 0.3, seed);
    let n = 7;
    let d = widths[0];
    let x = random_inputs(n, d, lo, hi, seed + 100);
    for (composite, name) in composites() {
        let rules: Vec<LrpRule> = composite
            .resolve(widths.len() - 1)
            .unwrap()
            .iter()
            .map(|r| r.rule())
            .collect();
        let lrp = Lrp::new(&net, &composite).unwrap();
        let batch = lrp.explain_batch(&x, n).unwrap();
        let mut ws = LrpWorkspace::default();
        let mut single = vec![0.0; d];
        for p in 0..n {
            let row = &x[p * d..(p + 1) * d];
            let want = direct_lrp(&net, &rules, row);
            let scale = want.relevance.iter().fold(0.0f64, |m, r| m.max(r.abs()));
            let acc = lrp.explain_one(row, &mut ws, &mut single).unwrap();
            for (i, w) in want.relevance.iter().enumerate() {
                for (path, got) in [("batch", batch.row(p).unwrap()[i]), ("single", single[i])] {
                    let err = (f64::from(got) - w).abs();
                    assert!(
                        err <= 2e-5 * scale,
                        "{name}, {widths:?}, patient {p}, input {i}, {path}: {got} vs direct {w} (scale {scale})"
                    );
                }
            }
            // Output and bias share: relative 1e-5 of the output (f32 vs f64).
            let out_tol = 1e-5 * want.output.abs().max(1e-3);
            assert!(
                (f64::from(acc.output) - want.output).abs() <= out_tol,
                "{name} output"
            );
            assert!(
                (f64::from(acc.bias_share) - want.bias_share).abs()
                    <= 1e-5 * want.output.abs().max(want.bias_share.abs()).max(1e-3),
                "{name}, patient {p}: bias share {} vs direct {}",
                acc.bias_share,
                want.bias_share
            );
        }
    }
}

#[test]
fn one_hidden_layer_with_negative_inputs() {
    check(&[5, 8, 1], -1.0, 2.0, 1);
}

#[test]
fn two_hidden_layers_with_inputs_in_unit_interval() {
    check(&[6, 12, 7, 1], 0.0, 1.0, 2);
}

#[test]
fn three_hidden_layers_mixed_signs() {
    check(&[9, 16, 16, 4, 1], -2.0, 2.0, 3);
}

#[test]
fn linear_model_single_layer() {
    check(&[4, 1], -1.0, 1.0, 4);
}

#[test]
fn batch_spanning_several_chunks_matches_single_rows() {
    // 300 patients cross the 128-row chunk boundary twice.
    let net = random_net(&[10, 20, 1], 0.5, 0.2, 9);
    let n = 300;
    let x = random_inputs(n, 10, -1.0, 1.0, 10);
    let lrp = Lrp::new(&net, &Composite::paper()).unwrap();
    let batch = lrp.explain_batch(&x, n).unwrap();
    let mut ws = LrpWorkspace::default();
    let mut one = vec![0.0; 10];
    for p in [0, 127, 128, 255, 256, 299] {
        let acc = lrp
            .explain_one(&x[p * 10..(p + 1) * 10], &mut ws, &mut one)
            .unwrap();
        // One row runs the row kernels, many rows the GEMM: same formula, different
        // summation order, so a few ulp apart.
        for (a, b) in one.iter().zip(batch.row(p).unwrap()) {
            assert!(
                (a - b).abs() <= 1e-6 * (1.0 + b.abs()),
                "patient {p}: {a} vs {b}"
            );
        }
        let out = batch.outputs()[p];
        assert!(
            (acc.output - out).abs() <= 1e-6 * (1.0 + out.abs()),
            "patient {p}"
        );
    }
}
