//! SurvSHAP(t)'s invariants: efficiency at every time, the exact values of a linear
//! network against one background patient (enumerated here independently), symmetry,
//! a dummy player's zero, grouped inputs as one player, sampled orderings converging to
//! the exact values, and the same values from the same seed.

#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use survlens_model::{CoxNet, Dense};
use survlens_xai::{Orderings, SurvShapProblem, XaiError, survshap_exact, survshap_permutations};

const HAZARD: [f64; 5] = [0.0, 0.05, 0.3, 0.9, 2.5];

fn random_net(seed: u64, n_in: usize, hidden: usize) -> CoxNet {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut w = |n: usize| -> Vec<f32> { (0..n).map(|_| rng.random_range(-1.0..1.0)).collect() };
    let l1 = Dense::new(n_in, hidden, w(n_in * hidden), w(hidden)).unwrap();
    let l2 = Dense::new(hidden, 1, w(hidden), w(1)).unwrap();
    CoxNet::new(vec![l1, l2]).unwrap()
}

fn linear_net(weights: &[f32], bias: f32) -> CoxNet {
    CoxNet::new(vec![
        Dense::new(weights.len(), 1, weights.to_vec(), vec![bias]).unwrap(),
    ])
    .unwrap()
}

fn rows(seed: u64, n: usize, p: usize) -> Vec<f32> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..n * p).map(|_| rng.random_range(-1.5..1.5)).collect()
}

fn predictor(net: &CoxNet) -> impl FnMut(&[f32], usize) -> Result<Vec<f32>, XaiError> + '_ {
    move |x: &[f32], n: usize| Ok(net.predict(x, n))
}

#[test]
fn values_add_up_to_the_patients_survival_minus_the_backgrounds_at_every_time() {
    let net = random_net(1, 9, 16);
    let x = rows(2, 1, 9);
    let background = rows(3, 7, 9);
    let player_of = [0, 0, 1, 2, 2, 2, 3, 4, 5];
    let problem = SurvShapProblem {
        x: &x,
        background: &background,
        player_of: &player_of,
        n_players: 6,
        cumulative_hazard: &HAZARD,
        slope: 0.8,
    };
    let exact = survshap_exact(&mut predictor(&net), 9, &problem).unwrap();
    let sampled =
        survshap_permutations(&net, &problem, Orderings::Sampled { pairs: 3, seed: 7 }).unwrap();
    for s in [&exact, &sampled] {
        assert!(s.efficiency_gap() < 1e-6, "{}", s.efficiency_gap());
        // At H0 = 0 everyone survives: nothing to explain.
        assert!((0..6).all(|j| s.player(j)[0] == 0.0));
    }
    // Both use the same background mean.
    for (a, b) in exact.reference.iter().zip(&sampled.reference) {
        assert!((a - b).abs() < 1e-6);
    }
}

/// Exact Shapley values of `g(sum_j w_j u_j)` with `u_j = x_j` in the coalition and `r_j`
/// outside, enumerated from the definition over subsets.
fn enumerated(
    weights: &[f64],
    bias: f64,
    x: &[f64],
    r: &[f64],
    g: impl Fn(f64) -> f64,
) -> Vec<f64> {
    let m = weights.len();
    let fact = |k: usize| (1..=k).map(|v| v as f64).product::<f64>();
    let value = |mask: usize| {
        g(bias
            + (0..m)
                .map(|j| weights[j] * if mask >> j & 1 == 1 { x[j] } else { r[j] })
                .sum::<f64>())
    };
    (0..m)
        .map(|j| {
            (0..1usize << m)
                .filter(|s| s >> j & 1 == 0)
                .map(|s| {
                    let k = s.count_ones() as usize;
                    fact(k) * fact(m - k - 1) / fact(m) * (value(s | 1 << j) - value(s))
                })
                .sum()
        })
        .collect()
}

#[test]
fn a_linear_network_against_one_background_patient_gets_the_enumerated_values() {
    let w = [0.5f32, -0.75, 0.25, 1.0];
    let net = linear_net(&w, 0.125);
    let x = [0.5f32, 1.0, -1.0, 0.25];
    let r = [-0.5f32, 0.25, 0.5, -1.0];
    let problem = SurvShapProblem {
        x: &x,
        background: &r,
        player_of: &[0, 1, 2, 3],
        n_players: 4,
        cumulative_hazard: &HAZARD,
        slope: 1.0,
    };
    let exact = survshap_exact(&mut predictor(&net), 4, &problem).unwrap();
    let walked = survshap_permutations(&net, &problem, Orderings::All).unwrap();
    let f64s = |v: &[f32]| v.iter().map(|&a| f64::from(a)).collect::<Vec<_>>();
    for (t, &h) in HAZARD.iter().enumerate() {
        let expected = enumerated(&f64s(&w), 0.125, &f64s(&x), &f64s(&r), |f| {
            (-h * f.exp()).exp()
        });
        for (j, e) in expected.iter().enumerate() {
            assert!((exact.player(j)[t] - e).abs() < 1e-6);
            assert!((walked.player(j)[t] - e).abs() < 1e-9);
        }
    }
}

#[test]
fn symmetric_players_get_equal_values_and_a_dummy_gets_zero() {
    // Inputs 0 and 1 enter identically; input 2 has zero weights everywhere.
    let hidden = 5;
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let mut w1 = vec![0.0f32; hidden * 4];
    for o in 0..hidden {
        let a = rng.random_range(-1.0..1.0);
        w1[o * 4] = a;
        w1[o * 4 + 1] = a;
        w1[o * 4 + 3] = rng.random_range(-1.0..1.0);
    }
    let b1: Vec<f32> = (0..hidden).map(|_| rng.random_range(-0.5..0.5)).collect();
    let w2: Vec<f32> = (0..hidden).map(|_| rng.random_range(-1.0..1.0)).collect();
    let net = CoxNet::new(vec![
        Dense::new(4, hidden, w1, b1).unwrap(),
        Dense::new(hidden, 1, w2, vec![0.1]).unwrap(),
    ])
    .unwrap();
    let x = [0.7f32, 0.7, 3.0, -0.4];
    let background = [0.1f32, 0.1, -2.0, 0.9, -0.6, -0.6, 1.0, 0.2];
    let problem = SurvShapProblem {
        x: &x,
        background: &background,
        player_of: &[0, 1, 2, 3],
        n_players: 4,
        cumulative_hazard: &HAZARD,
        slope: 1.0,
    };
    let exact = survshap_exact(&mut predictor(&net), 4, &problem).unwrap();
    let sampled =
        survshap_permutations(&net, &problem, Orderings::Sampled { pairs: 5, seed: 3 }).unwrap();
    for t in 0..HAZARD.len() {
        assert!((exact.player(0)[t] - exact.player(1)[t]).abs() < 1e-7);
        assert_eq!(exact.player(2)[t], 0.0);
        assert_eq!(sampled.player(2)[t], 0.0);
    }
}

#[test]
fn grouped_inputs_are_one_player_of_the_grouped_game() {
    // Players {0, 1} and {2}: the same as a network on two inputs whose first is the
    // group's combined input.
    let net = linear_net(&[0.5, 0.5, -1.0], 0.0);
    let x = [1.0f32, 1.0, 0.5];
    let background = [0.0f32, 0.0, -0.5];
    let grouped = SurvShapProblem {
        x: &x,
        background: &background,
        player_of: &[0, 0, 1],
        n_players: 2,
        cumulative_hazard: &HAZARD,
        slope: 1.0,
    };
    let two = linear_net(&[1.0, -1.0], 0.0);
    let combined = SurvShapProblem {
        x: &[1.0, 0.5],
        background: &[0.0, -0.5],
        player_of: &[0, 1],
        n_players: 2,
        cumulative_hazard: &HAZARD,
        slope: 1.0,
    };
    let a = survshap_permutations(&net, &grouped, Orderings::All).unwrap();
    let b = survshap_exact(&mut predictor(&two), 2, &combined).unwrap();
    for (p, q) in a.phi.iter().zip(&b.phi) {
        assert!((p - q).abs() < 1e-7);
    }
}

#[test]
fn sampled_orderings_approach_the_exact_values_and_repeat_with_their_seed() {
    let net = random_net(21, 7, 12);
    let x = rows(22, 1, 7);
    let background = rows(23, 10, 7);
    let player_of: Vec<usize> = (0..7).collect();
    let problem = SurvShapProblem {
        x: &x,
        background: &background,
        player_of: &player_of,
        n_players: 7,
        cumulative_hazard: &HAZARD,
        slope: 1.0,
    };
    let exact = survshap_permutations(&net, &problem, Orderings::All).unwrap();
    assert_eq!(exact.orderings, 5040);
    let enumerated = survshap_exact(&mut predictor(&net), 7, &problem).unwrap();
    for (a, b) in exact.phi.iter().zip(&enumerated.phi) {
        assert!((a - b).abs() < 1e-6);
    }
    let settings = Orderings::Sampled {
        pairs: 200,
        seed: 5,
    };
    let sampled = survshap_permutations(&net, &problem, settings).unwrap();
    let worst = exact
        .phi
        .iter()
        .zip(&sampled.phi)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);
    assert!(worst < 5e-3, "{worst}");
    assert_eq!(
        survshap_permutations(&net, &problem, settings).unwrap(),
        sampled
    );
    let other = survshap_permutations(
        &net,
        &problem,
        Orderings::Sampled {
            pairs: 200,
            seed: 6,
        },
    )
    .unwrap();
    assert_ne!(other.phi, sampled.phi);
}

#[test]
fn bad_problems_are_refused_with_their_kind() {
    let net = linear_net(&[1.0, 1.0], 0.0);
    let ok = SurvShapProblem {
        x: &[1.0, 2.0],
        background: &[0.0, 0.0],
        player_of: &[0, 1],
        n_players: 2,
        cumulative_hazard: &HAZARD,
        slope: 1.0,
    };
    let code = |p: &SurvShapProblem<'_>, o: Orderings| {
        survshap_permutations(&net, p, o).unwrap_err().code()
    };
    let all = Orderings::All;
    assert_eq!(code(&SurvShapProblem { x: &[1.0], ..ok }, all), "shape");
    assert_eq!(
        code(
            &SurvShapProblem {
                background: &[0.0, 0.0, 1.0],
                ..ok
            },
            all
        ),
        "shape"
    );
    assert_eq!(
        code(&SurvShapProblem { n_players: 1, ..ok }, all),
        "group_out_of_range"
    );
    assert_eq!(
        code(
            &SurvShapProblem {
                x: &[f32::NAN, 0.0],
                ..ok
            },
            all
        ),
        "non_finite_input"
    );
    assert_eq!(
        code(
            &SurvShapProblem {
                cumulative_hazard: &[-1.0],
                ..ok
            },
            all
        ),
        "invalid_setting"
    );
    assert_eq!(
        code(&ok, Orderings::Sampled { pairs: 0, seed: 1 }),
        "invalid_setting"
    );
    let player_of: Vec<usize> = (0..2).collect();
    let many = SurvShapProblem {
        n_players: 9,
        player_of: &player_of,
        ..ok
    };
    assert_eq!(code(&many, all), "too_many_inputs");
}
