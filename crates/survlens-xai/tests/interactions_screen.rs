//! The H-statistic screen: exact zeros for additive networks, a hand-computed H^2, the
//! planted product found first, the missing-value rule, the candidate limit, and the
//! resumable screen equal to the one-shot screen.
#![allow(clippy::unwrap_used, clippy::panic)]

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use survlens_model::{CoxNet, Dense};
use survlens_xai::Grouping;
use survlens_xai::interactions::{
    NetworkInteraction, PairScreen, ScreenData, ScreenSettings, screen_pairs,
};

/// A one-hidden-layer network whose hidden unit `u` sees only the inputs `sees[u]` (with
/// the given weights) and bias `bias[u]`; output weights `v`.
fn block_network(d: usize, sees: &[Vec<(usize, f32)>], bias: &[f32], v: &[f32]) -> CoxNet {
    let h = sees.len();
    let mut w = vec![0.0f32; h * d];
    for (u, inputs) in sees.iter().enumerate() {
        for &(c, weight) in inputs {
            w[u * d + c] = weight;
        }
    }
    CoxNet::new(vec![
        Dense::new(d, h, w, bias.to_vec()).unwrap(),
        Dense::new(h, 1, v.to_vec(), vec![0.3]).unwrap(),
    ])
    .unwrap()
}

fn uniform(n: usize, d: usize, seed: u64) -> Vec<f32> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..n * d).map(|_| rng.random_range(-1.0f32..1.0)).collect()
}

fn all_rows(n: usize) -> Vec<usize> {
    (0..n).collect()
}

#[test]
fn an_additive_network_screens_to_exactly_zero() {
    // Six markers of one input each; twelve hidden units, each seeing one marker: the
    // network is a sum of one function per marker, so every double difference is exactly
    // zero, in float32 too (the per-unit grouping of the screen).
    let (n, d) = (300, 6);
    let sees: Vec<Vec<(usize, f32)>> = (0..12)
        .map(|u| vec![(u % d, 0.7 - 0.11 * u as f32)])
        .collect();
    let bias: Vec<f32> = (0..12).map(|u| 0.05 * u as f32 - 0.3).collect();
    let v: Vec<f32> = (0..12)
        .map(|u| if u % 2 == 0 { 0.8 } else { -0.6 })
        .collect();
    let net = block_network(d, &sees, &bias, &v);
    let x = uniform(n, d, 1);
    let to_marker = Grouping::identity(d);
    let strata: Vec<u32> = (0..n).map(|i| (i % 3) as u32).collect();
    let data = ScreenData {
        x: &x,
        to_marker: &to_marker,
        missing_indicator: &[None; 6],
        strata: &strata,
    };
    let found = screen_pairs(&net, &data, &all_rows(n), &[], ScreenSettings::default()).unwrap();
    assert_eq!(found.pairs.len(), 15);
    assert!(found.risk_variance > 0.0);
    for p in &found.pairs {
        assert_eq!(p.strength, 0.0, "pair ({}, {})", p.a, p.b);
    }
}

#[test]
fn h_squared_of_an_and_gate_by_hand() {
    // f = relu(x0 + x1 - 1) + 0.3 on binary inputs is 1 only when both are 1. Two strata of
    // two patients fix every reference (the other patient of the stratum):
    // (1,1) <-> (0,0): I = f(1,1) - f(0,1) - f(1,0) + f(0,0) = 1, for both patients;
    // (1,0) <-> (0,1): I = f(1,0) - f(0,0) - f(1,1) + f(0,1) = -1, for both.
    // mean I^2 = 1; f = 1.3, 0.3, 0.3, 0.3 has variance 0.1875; H^2 = 1 / 0.1875.
    let net = block_network(2, &[vec![(0, 1.0), (1, 1.0)]], &[-1.0], &[1.0]);
    let x = [1.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0];
    let to_marker = Grouping::identity(2);
    let data = ScreenData {
        x: &x,
        to_marker: &to_marker,
        missing_indicator: &[None, None],
        strata: &[0, 0, 1, 1],
    };
    let found = screen_pairs(&net, &data, &all_rows(4), &[], ScreenSettings::default()).unwrap();
    let pair = found.pairs[0];
    assert_eq!((pair.a, pair.b, pair.patients), (0, 1, 4));
    // The double differences are exact; the variance comes from float32 log-risks (0.3 is
    // not a float32): 1e-6 relative.
    assert!(
        (pair.strength - 1.0 / 0.1875).abs() < 1e-6 / 0.1875,
        "{}",
        pair.strength
    );
    assert!((pair.rms_interaction - 1.0).abs() < 1e-12);
}

/// Eight markers of two inputs each (a value and a missing indicator), an additive network
/// plus one unit that sees markers 2 and 5 together.
fn planted_network() -> (CoxNet, usize) {
    let d = 16;
    let mut sees: Vec<Vec<(usize, f32)>> = (0..8)
        .map(|j| vec![(2 * j, 0.9 - 0.1 * j as f32), (2 * j + 1, 0.2)])
        .collect();
    sees.push(vec![(4, 1.5), (10, 1.5)]);
    let mut bias = vec![0.1; 8];
    bias.push(-1.0);
    let mut v = vec![0.5; 8];
    v.push(1.2);
    (block_network(d, &sees, &bias, &v), d)
}

#[test]
fn a_planted_product_ranks_first_and_nothing_else_moves() {
    let (net, d) = planted_network();
    let n = 400;
    let mut x = uniform(n, d, 2);
    // Missing indicators are 0/1; about 10% missing, value then 0 (the imputed median).
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    for p in 0..n {
        for j in 0..8 {
            let missing = rng.random::<f32>() < 0.1;
            x[p * d + 2 * j + 1] = f32::from(u8::from(missing));
            if missing {
                x[p * d + 2 * j] = 0.0;
            }
        }
    }
    let groups: Vec<usize> = (0..d).map(|c| c / 2).collect();
    let to_marker = Grouping::new(&groups, 8).unwrap();
    let indicators: Vec<Option<usize>> = (0..8).map(|j| Some(2 * j + 1)).collect();
    let strata: Vec<u32> = (0..n).map(|i| (i % 4) as u32).collect();
    let data = ScreenData {
        x: &x,
        to_marker: &to_marker,
        missing_indicator: &indicators,
        strata: &strata,
    };
    let found = screen_pairs(&net, &data, &all_rows(n), &[], ScreenSettings::default()).unwrap();
    assert_eq!((found.pairs[0].a, found.pairs[0].b), (2, 5));
    assert!(found.pairs[0].strength > 0.0);
    for p in &found.pairs[1..] {
        assert_eq!(p.strength, 0.0, "({}, {})", p.a, p.b);
    }
    // The rule on missing values: a patient whose marker 2 is missing while its reference
    // has it (or the other way round) does not move marker 2, so fewer patients count
    // for the pair than are screened; without the indicators every patient would.
    assert!(found.pairs[0].patients < n, "{}", found.pairs[0].patients);
    let blind = ScreenData {
        missing_indicator: &[None; 8],
        ..data
    };
    let all = screen_pairs(&net, &blind, &all_rows(n), &[], ScreenSettings::default()).unwrap();
    assert!(all.pairs[0].patients > found.pairs[0].patients);
}

#[test]
fn excluded_markers_and_the_candidate_limit() {
    let (net, d) = planted_network();
    let n = 200;
    let x = uniform(n, d, 4);
    let groups: Vec<usize> = (0..d).map(|c| c / 2).collect();
    let to_marker = Grouping::new(&groups, 8).unwrap();
    let strata = vec![0u32; n];
    let data = ScreenData {
        x: &x,
        to_marker: &to_marker,
        missing_indicator: &[None; 8],
        strata: &strata,
    };
    // Two candidates by total interaction: exactly the two planted markers.
    let limited = ScreenSettings {
        candidates: Some(2),
        ..ScreenSettings::default()
    };
    let found = screen_pairs(&net, &data, &all_rows(n), &[], limited).unwrap();
    assert_eq!(found.candidates, vec![2, 5]);
    assert_eq!(found.pairs.len(), 1);
    assert_eq!(found.total_interaction.len(), 8);
    // A marker's total interaction compares x with a from r and r with a from x, whose
    // pre-activations are summed in different orders: additive markers are zero to float32
    // rounding (1e-9 of the planted markers' here), not exactly.
    assert!(found.total_interaction[2] > 0.0);
    assert!(found.total_interaction[0] < 1e-9 * found.total_interaction[2]);
    // Excluding marker 5 leaves 7 markers, 21 pairs, none with marker 5.
    let found = screen_pairs(&net, &data, &all_rows(n), &[5], ScreenSettings::default()).unwrap();
    assert_eq!(found.pairs.len(), 21);
    assert!(found.pairs.iter().all(|p| p.a != 5 && p.b != 5));
    // Bad settings are refused with their value.
    let err = screen_pairs(&net, &data, &[0], &[], ScreenSettings::default()).unwrap_err();
    assert!(err.to_string().contains("at least 2"), "{err}");
    let err = screen_pairs(&net, &data, &all_rows(n), &[9], ScreenSettings::default()).unwrap_err();
    assert!(err.to_string().contains("marker 9"), "{err}");
}

#[test]
fn a_deep_network_screens_like_the_double_difference() {
    // Two hidden layers: the upper layers run on the four hidden vectors of each pair. An
    // additive first layer followed by a layer that mixes units is not additive; the test
    // checks the screen against the double difference computed from forward passes.
    let d = 3;
    let l1 = Dense::new(
        3,
        3,
        vec![1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0],
        vec![0.0; 3],
    )
    .unwrap();
    let l2 = Dense::new(3, 2, vec![1.0, 1.0, 0.0, 0.0, 0.5, -1.0], vec![-0.5, 0.2]).unwrap();
    let l3 = Dense::new(2, 1, vec![1.0, 0.7], vec![0.0]).unwrap();
    let net = CoxNet::new(vec![l1, l2, l3]).unwrap();
    let x = [0.9f32, 0.8, 0.1, 0.1, 0.2, 0.9];
    let to_marker = Grouping::identity(d);
    let data = ScreenData {
        x: &x,
        to_marker: &to_marker,
        missing_indicator: &[None; 3],
        strata: &[0, 0],
    };
    let found = screen_pairs(&net, &data, &[0, 1], &[], ScreenSettings::default()).unwrap();
    let f = |p: &[f32]| f64::from(net.predict(p, 1)[0]);
    let risk = [f(&x[..3]), f(&x[3..])];
    let mean = (risk[0] + risk[1]) / 2.0;
    let var = ((risk[0] - mean).powi(2) + (risk[1] - mean).powi(2)) / 2.0;
    for pair in &found.pairs {
        let mut mean_square = 0.0;
        for (me, other) in [(&x[..3], &x[3..]), (&x[3..], &x[..3])] {
            let swap = |cols: &[usize]| {
                let mut y = me.to_vec();
                cols.iter().for_each(|&c| y[c] = other[c]);
                f(&y)
            };
            let i = f(me) - swap(&[pair.a]) - swap(&[pair.b]) + swap(&[pair.a, pair.b]);
            mean_square += i * i / 2.0;
        }
        // Float32 network arithmetic: 1e-6 relative to the variance.
        assert!(
            (pair.strength - mean_square / var).abs() < 1e-5 * (1.0 + mean_square / var),
            "({}, {}): {} vs {}",
            pair.a,
            pair.b,
            pair.strength,
            mean_square / var
        );
    }
    assert!(found.pairs[0].strength > 0.0);
}

#[test]
fn stepping_equals_the_one_shot_screen() {
    let (net, d) = planted_network();
    let n = 150;
    let x = uniform(n, d, 5);
    let groups: Vec<usize> = (0..d).map(|c| c / 2).collect();
    let to_marker = Grouping::new(&groups, 8).unwrap();
    let strata: Vec<u32> = (0..n).map(|i| (i % 2) as u32).collect();
    let data = ScreenData {
        x: &x,
        to_marker: &to_marker,
        missing_indicator: &[None; 8],
        strata: &strata,
    };
    let settings = ScreenSettings {
        candidates: Some(4),
        max_patients: 100,
        ..ScreenSettings::default()
    };
    let rows: Vec<usize> = (0..n).filter(|i| i % 5 != 0).collect();
    let whole = screen_pairs(&net, &data, &rows, &[0], settings).unwrap();
    let mut screen = PairScreen::new(&net, &data, &rows, &[0], settings).unwrap();
    let mut steps = 0;
    while screen.step().unwrap() {
        steps += 1;
        assert!(screen.fraction() <= 1.0);
    }
    assert_eq!(steps + 1, screen.n_steps());
    assert!(screen.is_finished());
    assert_eq!(screen.finish().unwrap(), whole);
    assert_eq!(whole.patients, 100);
}

#[test]
fn the_network_coupling_taken_out_of_the_offset_is_the_double_difference() {
    // AND gate of markers 0 and 1 on binary inputs, two strata of two patients (each
    // patient's reference is the other of its stratum, as in the hand-computed H^2): the
    // network's own coupling is I = +1 for (1,1) and (0,0), -1 for (1,0) and (0,1), and
    // f - I is additive in the pair.
    let net = block_network(2, &[vec![(0, 1.0), (1, 1.0)]], &[-1.0], &[1.0]);
    let x = [1.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0];
    let to_marker = Grouping::identity(2);
    let data = ScreenData {
        x: &x,
        to_marker: &to_marker,
        missing_indicator: &[None, None],
        strata: &[0, 0, 1, 1],
    };
    let rows = [0, 1, 2, 3];
    let coupling = NetworkInteraction::new(&net, &data, &rows, &rows, 9).unwrap();
    // A reference is drawn from the pool of the same stratum, the patient itself included:
    // where it drew itself nothing moves and I = 0.
    let i = coupling.of_pair(&x, 0, 1);
    let by_hand = [1.0, 1.0, -1.0, -1.0];
    for (k, (&got, &full)) in i.iter().zip(&by_hand).enumerate() {
        assert!(
            got == 0.0 || (got - full).abs() < 1e-6,
            "patient {k}: {got}"
        );
    }
    // An additive network: exactly zero for every patient.
    let (n, d) = (200, 4);
    let sees: Vec<Vec<(usize, f32)>> = (0..8)
        .map(|u| vec![(u % d, 0.9 - 0.2 * u as f32)])
        .collect();
    let bias: Vec<f32> = (0..8).map(|u| 0.1 * u as f32 - 0.4).collect();
    let net = block_network(
        d,
        &sees,
        &bias,
        &[0.5, -0.7, 0.4, 0.9, -0.3, 0.6, 0.8, -0.5],
    );
    let x = uniform(n, d, 4);
    let to_marker = Grouping::identity(d);
    let strata: Vec<u32> = (0..n).map(|i| (i % 2) as u32).collect();
    let data = ScreenData {
        x: &x,
        to_marker: &to_marker,
        missing_indicator: &[None; 4],
        strata: &strata,
    };
    let coupling = NetworkInteraction::new(&net, &data, &all_rows(n), &all_rows(n), 3).unwrap();
    for (a, b) in [(0, 1), (1, 3), (2, 3)] {
        assert!(coupling.of_pair(&x, a, b).iter().all(|&v| v == 0.0));
    }
}
