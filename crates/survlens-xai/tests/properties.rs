//! Invariants of the propagation on random networks and inputs (proptest): conservation
//! through the accounting, sign of z-plus relevances, and grouping preserving totals.

// Test helpers outside #[test] functions unwrap freely.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::{direct_lrp, random_net};
use proptest::prelude::*;
use survlens_xai::{Accounting, Composite, Grouping, Lrp, LrpRule};

/// A network shape: 1..8 inputs, 0..3 hidden layers of width 1..12, one output.
fn widths() -> impl Strategy<Value = Vec<usize>> {
    (1usize..8, prop::collection::vec(1usize..12, 0..3)).prop_map(|(n_in, hidden)| {
        let mut w = vec![n_in];
        w.extend(hidden);
        w.push(1);
        w
    })
}

/// A network, a batch of inputs in [-2, 2] and the batch size.
fn case() -> impl Strategy<Value = (Vec<usize>, u64, Vec<f32>, usize)> {
    (widths(), any::<u64>(), 1usize..5).prop_flat_map(|(w, seed, n)| {
        let d = w[0];
        (
            Just(w),
            Just(seed),
            prop::collection::vec(-2.0f32..2.0, n * d),
            Just(n),
        )
    })
}

/// Each patient's account, input relevances and the scale of the account's `f32` rounding.
fn explain(
    w: &[usize],
    seed: u64,
    x: &[f32],
    n: usize,
    rule: LrpRule,
) -> Vec<(Accounting, Vec<f32>, f32)> {
    let net = random_net(w, 0.8, 0.4, seed);
    let rules = vec![rule; net.layers().len()];
    let rel = Lrp::new(&net, &Composite::uniform(rule))
        .unwrap()
        .explain_batch(x, n)
        .unwrap();
    (0..n)
        .map(|p| {
            let (a, row) = (rel.accounting(p).unwrap(), rel.row(p).unwrap());
            let d = w[0];
            let mass = direct_lrp(&net, &rules, &x[p * d..(p + 1) * d]).relevance_mass;
            (a, row.to_vec(), scale(&a, row) + mass as f32)
        })
        .collect()
}

/// Magnitude of the terms of the account. With the relevance passed between layers it is
/// the scale of the account's `f32` rounding error: a zero input sends all relevance to the
/// biases, whose shares can cancel to an output far smaller than the relevance that flowed.
fn scale(a: &Accounting, row: &[f32]) -> f32 {
    row.iter().map(|r| r.abs()).sum::<f32>()
        + a.output.abs()
        + a.bias_share.abs()
        + a.stabilizer_share.abs()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Epsilon rule: input relevances plus the bias share equal the output, up to what the
    /// stabilisers absorb; with the stabiliser share the account closes exactly (f32
    /// rounding: 2e-5 of the magnitude of its terms).
    #[test]
    fn epsilon_relevance_plus_bias_share_is_the_output((w, seed, x, n) in case()) {
        for (a, _, scale) in explain(&w, seed, &x, n, LrpRule::epsilon(1e-6)) {
            let tol = 2e-5 * scale;
            prop_assert!(a.residual().abs() <= tol, "{a:?}");
            let open = (a.relevance_sum + a.bias_share - a.output).abs();
            prop_assert!(open <= a.stabilizer_share.abs() + tol, "{a:?}");
        }
    }

    /// Without biases and with a negligible stabiliser, epsilon LRP conserves the output.
    #[test]
    fn bias_free_epsilon_conserves_the_output((w, seed, x, n) in case()) {
        let net = random_net(&w, 0.8, 0.0, seed);
        let rel = Lrp::new(&net, &Composite::uniform(LrpRule::epsilon(1e-9)))
            .unwrap()
            .explain_batch(&x, n)
            .unwrap();
        for a in rel.accountings() {
            prop_assert_eq!(a.bias_share, 0.0);
            let tol = 2e-5 * (a.output.abs() + a.stabilizer_share.abs()) + 1e-6;
            prop_assert!((a.relevance_sum + a.stabilizer_share - a.output).abs() <= tol, "{a:?}");
        }
    }

    /// Every rule's account closes: relevance + bias share + stabiliser share = output.
    #[test]
    fn every_rule_accounts_for_the_whole_output((w, seed, x, n) in case()) {
        for rule in [
            LrpRule::PaperGamma,
            LrpRule::gamma(0.25),
            LrpRule::zplus(),
            LrpRule::alpha_beta(1.0, 0.0),
            LrpRule::alpha_beta(2.0, 1.0),
        ] {
            for (a, _, scale) in explain(&w, seed, &x, n, rule) {
                prop_assert!(a.residual().abs() <= 2e-5 * scale, "{rule:?}: {a:?}");
            }
        }
    }

    /// z-plus: every contribution `w+ a+` or `w- a-` is non-negative, so a positive
    /// prediction gives non-negative relevances to every input (and a negative one
    /// non-positive), whatever the signs of the inputs and biases.
    #[test]
    fn zplus_relevances_share_the_sign_of_the_output((w, seed, x, n) in case()) {
        for (a, row, _) in explain(&w, seed, &x, n, LrpRule::zplus()) {
            let sign = a.output.signum();
            for r in row {
                prop_assert!(r * sign >= 0.0, "output {} relevance {r}", a.output);
            }
        }
    }

    /// Grouping moves relevance between columns and keeps every patient's total.
    #[test]
    fn grouping_preserves_totals(
        (w, seed, x, n) in case(),
        groups in prop::collection::vec(0usize..4, 8),
    ) {
        let d = w[0];
        let net = random_net(&w, 0.8, 0.4, seed);
        let rel = Lrp::new(&net, &Composite::paper()).unwrap().explain_batch(&x, n).unwrap();
        let to_marker = Grouping::new(&groups[..d], 4).unwrap();
        let to_modality = Grouping::new(&[0, 0, 1, 1], 2).unwrap();
        let markers = to_marker.apply(&rel).unwrap();
        let modalities = to_modality.apply(&markers).unwrap();
        let direct = to_marker.then(&to_modality).unwrap().apply(&rel).unwrap();
        for p in 0..n {
            let (a, m, g) = (rel.accounting(p).unwrap(), markers.accounting(p).unwrap(), modalities.accounting(p).unwrap());
            // f64 sums of f32 values: equal up to one f32 rounding of the total.
            let tol = 1e-6 * rel.row(p).unwrap().iter().map(|r| r.abs()).sum::<f32>() + 1e-12;
            prop_assert!((a.relevance_sum - m.relevance_sum).abs() <= tol);
            prop_assert!((a.relevance_sum - g.relevance_sum).abs() <= tol);
            prop_assert_eq!(a.output, g.output);
            prop_assert_eq!(a.bias_share, g.bias_share);
            for (x, y) in modalities.row(p).unwrap().iter().zip(direct.row(p).unwrap()) {
                prop_assert!((x - y).abs() <= tol, "{x} vs {y}");
            }
        }
    }
}
