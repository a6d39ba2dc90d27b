//! Gradient x input, integrated gradients and exact Shapley values against torch 2.15.0
//! autograd and a Python enumeration (tests/fixtures/reference/xai_attribution.json, from
//! tools/references/xai_attribution_fixtures.py, float64 references from float32
//! parameters); Shapley efficiency and convergence of the sampled estimate; the deletion
//! curve.

// Test helpers outside #[test] functions unwrap fixture data freely.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::{random_inputs, random_net};
use proptest::prelude::*;
use serde_json::Value;
use survlens_model::{CoxNet, Dense};
use survlens_xai::{
    Attribution, Composite, ExactShapley, GradientTimesInput, IntegratedGradients, LrpAttribution,
    SampledShapley, XaiError, deletion_curve,
};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/reference/xai_attribution.json"
);

fn f64s(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn matrix(v: &Value) -> Vec<Vec<f64>> {
    v.as_array().unwrap().iter().map(f64s).collect()
}

fn f32s(v: &[f64]) -> Vec<f32> {
    // The fixture stores float32 values exactly; the casts are lossless.
    v.iter().map(|&x| x as f32).collect()
}

struct Case {
    name: String,
    net: CoxNet,
    x: Vec<f32>,
    n: usize,
    reference: Vec<f32>,
    json: Value,
}

fn cases() -> Vec<Case> {
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap();
    doc["networks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|net| {
            let layers = net["layers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| {
                    let w = matrix(&l["weight"]);
                    let weight = f32s(&w.concat());
                    Dense::new(w[0].len(), w.len(), weight, f32s(&f64s(&l["bias"]))).unwrap()
                })
                .collect();
            let x = matrix(&net["inputs"]);
            Case {
                name: net["name"].as_str().unwrap().into(),
                net: CoxNet::new(layers).unwrap(),
                n: x.len(),
                x: f32s(&x.concat()),
                reference: f32s(&f64s(&net["reference"])),
                json: net.clone(),
            }
        })
        .collect()
}

/// Every value within `tol` of the reference, relative to the patient's largest |value|
/// and |f(x)| (values of opposite sign can cancel to near zero).
fn assert_close(what: &str, got: &[f32], want: &[Vec<f64>], outputs: &[f64], tol: f64) {
    let d = want[0].len();
    for (p, row) in want.iter().enumerate() {
        let scale = row.iter().fold(outputs[p].abs(), |m, v| m.max(v.abs()));
        for (i, w) in row.iter().enumerate() {
            let err = (f64::from(got[p * d + i]) - w).abs();
            assert!(
                err <= tol * scale,
                "{what}, patient {p}, input {i}: {} vs {w}",
                got[p * d + i]
            );
        }
    }
}

#[test]
fn gradient_x_input_matches_torch_autograd() {
    for c in cases() {
        let got = GradientTimesInput.attribute(&c.net, &c.x, c.n).unwrap();
        let outputs = f64s(&c.json["outputs"]);
        // torch 2.15.0 autograd, float64: 1e-5 relative.
        assert_close(
            &c.name,
            got.values(),
            &matrix(&c.json["gradient_x_input"]),
            &outputs,
            1e-5,
        );
        for a in got.accountings() {
            // f(x) = grad . x + offset for a ReLU network: the account closes to rounding.
            assert_eq!(a.stabilizer_share, 0.0);
            assert!(a.residual().abs() <= 1e-5 * (1.0 + a.output.abs()), "{a:?}");
        }
    }
}

#[test]
fn integrated_gradients_match_torch_autograd() {
    for c in cases() {
        let outputs = f64s(&c.json["outputs"]);
        for (steps, want) in c.json["integrated_gradients"].as_object().unwrap() {
            let ig = IntegratedGradients {
                reference: c.reference.clone(),
                steps: steps.parse().unwrap(),
            };
            let got = ig.attribute(&c.net, &c.x, c.n).unwrap();
            // torch 2.15.0 autograd, same midpoint rule, float64: 1e-5 relative.
            assert_close(
                &format!("{} steps {steps}", c.name),
                got.values(),
                &matrix(want),
                &outputs,
                1e-5,
            );
        }
    }
}

#[test]
fn exact_shapley_matches_python_enumeration() {
    for c in cases() {
        let outputs = f64s(&c.json["outputs"]);
        let got = ExactShapley {
            reference: c.reference.clone(),
        }
        .attribute(&c.net, &c.x, c.n)
        .unwrap();
        // itertools enumeration over torch float64 predictions: 1e-5 relative.
        assert_close(
            &c.name,
            got.values(),
            &matrix(&c.json["exact_shapley"]),
            &outputs,
            1e-5,
        );
    }
}

#[test]
fn sampled_shapley_converges_to_exact() {
    let net = random_net(&[6, 12, 1], 0.8, 0.3, 21);
    let x = random_inputs(1, 6, -1.0, 2.0, 22);
    let reference = vec![0.2f32; 6];
    let exact = ExactShapley {
        reference: reference.clone(),
    }
    .attribute(&net, &x, 1)
    .unwrap();
    let sampled = |permutations| {
        SampledShapley {
            reference: reference.clone(),
            permutations,
            seed: 5,
        }
        .attribute_with_error(&net, &x, 1)
        .unwrap()
    };
    let (few, few_se) = sampled(50);
    let (many, many_se) = sampled(5000);
    for i in 0..6 {
        let (e, m, se) = (exact.values()[i], many.values()[i], many_se[i]);
        // Within 4 standard errors of the exact value (plus f32 rounding).
        assert!(
            (m - e).abs() <= 4.0 * se + 1e-5,
            "input {i}: {m} vs exact {e}, se {se}"
        );
        // The standard error falls like 1/sqrt(permutations): sqrt(50/5000) = 0.1.
        if few_se[i] > 0.0 {
            assert!(se < 0.2 * few_se[i], "input {i}: se {se} vs {}", few_se[i]);
        }
    }
    // Efficiency holds for every permutation, so for the estimate: 1e-5 relative.
    let gap = (exact.outputs()[0] - exact.accounting(0).unwrap().bias_share).abs();
    for r in [&few, &many] {
        let a = r.accounting(0).unwrap();
        assert!(a.stabilizer_share.abs() <= 1e-5 * (1.0 + gap), "{a:?}");
    }
}

#[test]
fn deletion_curve_ranks_the_true_contributions_above_their_reverse() {
    // A linear model: Shapley values w_i (x_i - r_i) are the exact contributions, so
    // deleting in their order makes the risk fall fastest.
    let net = random_net(&[7, 1], 1.0, 0.5, 31);
    let x = random_inputs(1, 7, -1.0, 1.0, 32);
    let reference = vec![0.0f32; 7];
    let phi = ExactShapley {
        reference: reference.clone(),
    }
    .attribute(&net, &x, 1)
    .unwrap();
    let good = deletion_curve(&net, &x, phi.row(0).unwrap(), &reference).unwrap();
    let reversed: Vec<f32> = phi.row(0).unwrap().iter().map(|v| -v).collect();
    let bad = deletion_curve(&net, &x, &reversed, &reference).unwrap();
    assert!(good.faithfulness() > bad.faithfulness());
    // The curve runs from f(x) to f(reference): exact to f32 rounding of the same forward pass.
    let f_ref = net.predict(&reference, 1)[0];
    assert!((good.risk[0] - phi.outputs()[0]).abs() <= 1e-6);
    assert!((good.risk[7] - f_ref).abs() <= 1e-6);
    // Linear model: each deletion step removes exactly that input's contribution, so the
    // curve falls through the positive contributions and then rises (f32 rounding: 1e-5).
    let row = phi.row(0).unwrap();
    for (k, &i) in good.order.iter().enumerate() {
        let step = good.risk[k + 1] - good.risk[k];
        assert!(
            (step + row[i]).abs() <= 1e-5,
            "step {k}: {step} vs -phi {}",
            row[i]
        );
    }
}

#[test]
fn methods_share_one_api() {
    let net = random_net(&[4, 8, 1], 0.8, 0.3, 41);
    let x = random_inputs(3, 4, 0.0, 1.0, 42);
    let reference = vec![0.5f32; 4];
    let methods: Vec<Box<dyn Attribution>> = vec![
        Box::new(LrpAttribution {
            composite: Composite::paper(),
        }),
        Box::new(GradientTimesInput),
        Box::new(IntegratedGradients {
            reference: reference.clone(),
            steps: 32,
        }),
        Box::new(ExactShapley {
            reference: reference.clone(),
        }),
        Box::new(SampledShapley {
            reference,
            permutations: 64,
            seed: 1,
        }),
    ];
    for m in &methods {
        let r = m.attribute(&net, &x, 3).unwrap();
        assert_eq!((r.n_patients(), r.n_inputs()), (3, 4), "{}", m.name());
        // Same prediction as the network (LRP runs its own forward pass: f32 rounding).
        for (a, b) in r.outputs().iter().zip(net.predict(&x, 3)) {
            assert!(
                (a - b).abs() <= 1e-6 * (1.0 + b.abs()),
                "{}: {a} vs {b}",
                m.name()
            );
        }
    }
}

#[test]
fn settings_are_checked() {
    let net = random_net(&[13, 1], 1.0, 0.0, 1);
    let x = vec![0.0; 13];
    assert_eq!(
        ExactShapley {
            reference: vec![0.0; 13]
        }
        .attribute(&net, &x, 1),
        Err(XaiError::TooManyInputs {
            n_inputs: 13,
            limit: 12
        })
    );
    assert!(matches!(
        IntegratedGradients {
            reference: vec![0.0; 13],
            steps: 0
        }
        .attribute(&net, &x, 1),
        Err(XaiError::InvalidSetting {
            setting: "steps",
            ..
        })
    ));
    assert!(matches!(
        IntegratedGradients {
            reference: vec![0.0; 3],
            steps: 8
        }
        .attribute(&net, &x, 1),
        Err(XaiError::Shape {
            what: "reference patient",
            ..
        })
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Exact Shapley values sum to f(x) - f(reference) (efficiency); f32 predictions, so
    /// 1e-5 of the magnitudes involved.
    #[test]
    fn exact_shapley_sums_to_the_prediction_gap(
        d in 1usize..9,
        hidden in 1usize..10,
        seed in any::<u64>(),
    ) {
        let net = random_net(&[d, hidden, 1], 0.8, 0.3, seed);
        let x = random_inputs(2, d, -2.0, 2.0, seed ^ 1);
        let reference = random_inputs(1, d, -1.0, 1.0, seed ^ 2);
        let r = ExactShapley { reference: reference.clone() }.attribute(&net, &x, 2).unwrap();
        let f_ref = net.predict(&reference, 1)[0];
        for (p, a) in r.accountings().enumerate() {
            let gap = r.outputs()[p] - f_ref;
            let scale = 1.0 + r.outputs()[p].abs() + f_ref.abs()
                + r.row(p).unwrap().iter().map(|v| v.abs()).sum::<f32>();
            prop_assert!((a.relevance_sum - gap).abs() <= 1e-5 * scale, "{a:?}");
        }
    }
}
