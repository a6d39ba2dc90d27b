//! The backward pass through a whole `CoxNet` equals finite differences of the Cox loss:
//! without dropout against an independent `f64` forward pass, with dropout against the
//! network's own `f32` forward pass under the same masks.

// Test helpers outside #[test] functions: a failed unwrap there is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use survlens_model::{Architecture, Backprop, CoxLoss, CoxNet, Dense, Dropout, Ties};

/// A small two-hidden-layer network (4 -> 6 -> 5 -> 1) and a batch of 12 patients with
/// tied times.
fn setup() -> (CoxNet, Vec<f32>, Vec<f64>, Vec<bool>) {
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let arch = Architecture {
        n_inputs: 4,
        hidden: vec![6, 5],
        input_dropout: 0.0,
        hidden_dropout: 0.0,
    };
    let mut net = CoxNet::init(&arch, &mut rng).unwrap();
    // Non-zero biases so every parameter's gradient is exercised.
    for layer in net.layers_mut() {
        let (_, b) = layer.params_mut();
        b.iter_mut()
            .for_each(|v| *v = rng.random_range(-0.3f32..0.3));
    }
    let n = 12;
    let x: Vec<f32> = (0..n * 4).map(|_| rng.random_range(0.05f32..1.0)).collect();
    let time: Vec<f64> = (0..n).map(|i| f64::from((i % 5) as u32 + 1)).collect();
    let event: Vec<bool> = (0..n).map(|i| i % 4 != 3).collect();
    (net, x, time, event)
}

/// The loss of the network in plain `f64` arithmetic, independent of the crate's forward
/// pass (no dropout).
fn loss_f64(
    layers: &[(Vec<f64>, Vec<f64>, usize, usize)],
    x: &[f32],
    time: &[f64],
    event: &[bool],
) -> f64 {
    let n = time.len();
    let mut risk = vec![0.0; n];
    for (p, r) in risk.iter_mut().enumerate() {
        let mut a: Vec<f64> = x[p * 4..(p + 1) * 4]
            .iter()
            .map(|&v| f64::from(v))
            .collect();
        for (l, (w, b, n_in, n_out)) in layers.iter().enumerate() {
            let mut z: Vec<f64> = (0..*n_out)
                .map(|o| b[o] + (0..*n_in).map(|i| w[o * n_in + i] * a[i]).sum::<f64>())
                .collect();
            if l + 1 < layers.len() {
                z.iter_mut().for_each(|v| *v = v.max(0.0));
            }
            a = z;
        }
        *r = a[0];
    }
    CoxLoss::new(Ties::Efron).value(&risk, time, event).unwrap()
}

fn f64_layers(net: &CoxNet) -> Vec<(Vec<f64>, Vec<f64>, usize, usize)> {
    net.layers()
        .iter()
        .map(|l| {
            (
                l.weight().iter().map(|&v| f64::from(v)).collect(),
                l.bias().iter().map(|&v| f64::from(v)).collect(),
                l.n_in(),
                l.n_out(),
            )
        })
        .collect()
}

/// Analytic gradient of the Efron loss of `net` on the batch, optionally with dropout.
fn analytic(
    net: &CoxNet,
    x: &[f32],
    time: &[f64],
    event: &[bool],
    dropout: Option<&Dropout>,
) -> Vec<(Vec<f32>, Vec<f32>)> {
    let rows: Vec<usize> = (0..time.len()).collect();
    let mut bp = Backprop::new(net);
    let mut dropout = dropout.cloned();
    let out = bp.forward(net, x, &rows, dropout.as_mut()).unwrap();
    let risk: Vec<f64> = out.iter().map(|&v| f64::from(v)).collect();
    let mut g = vec![0.0; risk.len()];
    CoxLoss::new(Ties::Efron)
        .value_and_gradient(&risk, time, event, &mut g)
        .unwrap();
    bp.backward(net, &g).unwrap();
    bp.gradient()
        .layers()
        .iter()
        .map(|l| (l.weight.clone(), l.bias.clone()))
        .collect()
}

#[test]
fn network_gradient_equals_f64_finite_differences_without_dropout() {
    // Reference: central differences (h = 1e-6) of an independent f64 forward pass at the
    // network's f32 parameters; the analytic gradient runs in f32 (rounding ~1e-7
    // relative per operation), so tolerance 1e-5 absolute + 1e-4 relative.
    let (net, x, time, event) = setup();
    let grads = analytic(&net, &x, &time, &event, None);
    let base = f64_layers(&net);
    let h = 1e-6;
    let mut checked = 0;
    for (l, (gw, gb)) in grads.iter().enumerate() {
        for (is_bias, g) in [(false, gw), (true, gb)] {
            for (k, &analytic) in g.iter().enumerate() {
                let perturbed = |delta: f64| {
                    let mut layers = base.clone();
                    let target = if is_bias {
                        &mut layers[l].1
                    } else {
                        &mut layers[l].0
                    };
                    target[k] += delta;
                    loss_f64(&layers, &x, &time, &event)
                };
                let fd = (perturbed(h) - perturbed(-h)) / (2.0 * h);
                let err = (f64::from(analytic) - fd).abs();
                assert!(
                    err <= 1e-5 + 1e-4 * fd.abs(),
                    "layer {l} {} {k}: analytic {analytic} vs finite differences {fd}",
                    if is_bias { "bias" } else { "weight" }
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, net.n_params());
}

#[test]
fn network_gradient_equals_finite_differences_under_fixed_dropout_masks() {
    // Dropout 0.3 on inputs and 0.25 on hidden units; every evaluation replays the same
    // masks (a clone of the sampler). Reference: central differences (h = 1e-3) of the
    // crate's own f32 forward pass and the f64 loss. f32 rounding of the outputs (~1e-7)
    // divided by 2h gives ~1e-4 noise; tolerance 1e-3 absolute + 1e-2 relative.
    let (net, x, time, event) = setup();
    let dropout = Dropout::new(0.3, 0.25, 5, 0).unwrap();
    let grads = analytic(&net, &x, &time, &event, Some(&dropout));
    let rows: Vec<usize> = (0..time.len()).collect();
    let mut bp = Backprop::new(&net);
    let mut loss_of = |net: &CoxNet| {
        let mut d = dropout.clone();
        let out = bp.forward(net, &x, &rows, Some(&mut d)).unwrap();
        let risk: Vec<f64> = out.iter().map(|&v| f64::from(v)).collect();
        CoxLoss::new(Ties::Efron)
            .value(&risk, &time, &event)
            .unwrap()
    };
    let h = 1e-3f32;
    let mut zero_input_grads = 0;
    for (l, (gw, gb)) in grads.iter().enumerate() {
        for (is_bias, g) in [(false, gw), (true, gb)] {
            for (k, &analytic) in g.iter().enumerate() {
                let mut plus = net.clone();
                let mut minus = net.clone();
                for (m, s) in [(&mut plus, h), (&mut minus, -h)] {
                    let (w, b) = m.layers_mut()[l].params_mut();
                    let target = if is_bias { b } else { w };
                    target[k] += s;
                }
                let fd = (loss_of(&plus) - loss_of(&minus)) / (2.0 * f64::from(h));
                let err = (f64::from(analytic) - fd).abs();
                assert!(
                    err <= 1e-3 + 1e-2 * fd.abs(),
                    "layer {l} {} {k}: analytic {analytic} vs finite differences {fd}",
                    if is_bias { "bias" } else { "weight" }
                );
                if l == 0 && !is_bias && analytic == 0.0 {
                    zero_input_grads += 1;
                }
            }
        }
    }
    // Dropped inputs have zero weight gradient in every row they are dropped from; with
    // 12 rows at p = 0.3 an input column is rarely dropped everywhere, so most
    // first-layer gradients are non-zero: the masks did not switch the network off.
    assert!(
        zero_input_grads < 24,
        "{zero_input_grads} of 24 first-layer gradients are 0"
    );
}

#[test]
fn inverted_dropout_keeps_the_expected_activation() {
    // A 1 -> 1 identity network with input dropout 0.5: each output is 0 or 2 x input, and
    // over 4,096 rows the mean stays within 5 standard errors of the input (sd of the
    // mean = 1 / sqrt(4096) = 0.016 for input 1).
    let net = CoxNet::new(vec![Dense::new(1, 1, vec![1.0], vec![0.0]).unwrap()]).unwrap();
    let n = 4096;
    let x = vec![1.0f32; n];
    let rows: Vec<usize> = (0..n).collect();
    let mut dropout = Dropout::new(0.5, 0.0, 3, 0).unwrap();
    let mut bp = Backprop::new(&net);
    let out = bp.forward(&net, &x, &rows, Some(&mut dropout)).unwrap();
    assert!(out.iter().all(|&v| v == 0.0 || v == 2.0));
    let mean = out.iter().map(|&v| f64::from(v)).sum::<f64>() / n as f64;
    assert!((mean - 1.0).abs() < 5.0 * 0.016, "mean {mean}");
    let inference = bp.forward(&net, &x, &rows, None).unwrap();
    assert!(inference.iter().all(|&v| v == 1.0));
}
