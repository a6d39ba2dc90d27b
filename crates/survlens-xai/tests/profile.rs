//! Ceteris-paribus profiles, partial dependence and accumulated local effects against
//! their invariants: on a Cox network without a hidden layer (a linear Cox model) the
//! profile is the linear term shifted, the PDP is the linear term plus the cohort's mean
//! of the other terms, and the ALE is the linear term centred; on additive models with a
//! curved or per-level effect the ALE is that effect at the bin edges or levels, centred
//! as ALEPlot centres it; with an interaction `x0 * x1` of a binary marker the ALE step is
//! the mean of `x1` over the patients of both levels (Apley & Zhu 2020, eq. for
//! categorical predictors). Grids are numpy's default quantiles, checked on a hand example.

#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use survlens_model::{CoxNet, Dense};
use survlens_xai::{
    ValueKind, XaiError, ale, ceteris_paribus, marker_grid, partial_dependence, sample_rows,
};

/// A deterministic cohort: `n x 3` raw values, markers 0 and 2 numeric, marker 1 a level
/// index among 3; marker 0 is missing for every seventh patient.
fn cohort(n: usize) -> Vec<f32> {
    let mut v = Vec::with_capacity(n * 3);
    for i in 0..n {
        let a = ((i * 37) % 101) as f32 / 10.0 - 2.0;
        let level = ((i * 7) % 3) as f32;
        let c = ((i * 53) % 89) as f32 / 20.0;
        v.extend_from_slice(&[if i % 7 == 3 { f32::NAN } else { a }, level, c]);
    }
    v
}

type Predict = Box<dyn FnMut(&[f32], usize) -> Result<Vec<f32>, XaiError>>;

/// A model given as a function of one row.
fn model(f: impl Fn(&[f32]) -> f64 + 'static) -> Predict {
    Box::new(move |rows: &[f32], n: usize| {
        let m = rows.len() / n;
        Ok(rows.chunks(m).map(|r| f(r) as f32).collect())
    })
}

const W: [f32; 3] = [0.7, -0.4, 0.25];
const B: f32 = 0.1;

/// A Cox network with no hidden layer, read on raw values with missing as 0 (the encoder's
/// imputation is the caller's business; here the "encoder" is the identity).
fn linear_net() -> Predict {
    let net = CoxNet::new(vec![Dense::new(3, 1, W.to_vec(), vec![B]).unwrap()]).unwrap();
    Box::new(move |rows: &[f32], n: usize| {
        let x: Vec<f32> = rows
            .iter()
            .map(|&v| if v.is_nan() { 0.0 } else { v })
            .collect();
        Ok(net.predict(&x, n))
    })
}

fn close(a: f32, b: f64, tol: f64, what: &str) {
    assert!(
        (f64::from(a) - b).abs() <= tol,
        "{what}: {a} vs {b} (tolerance {tol})"
    );
}

#[test]
fn the_grid_is_numpy_quantiles_of_the_observed_values_or_the_observed_levels() {
    // numpy 2.x: np.quantile([1, 2, 3, 4, 10], [0, .25, .5, .75, 1]) = [1, 2, 3, 4, 10];
    // np.quantile([1, 2, 3, 4, 10], [0, 1/3, 2/3, 1]) = [1, 2.333.., 3.666.., 10].
    let values = [1.0, f32::NAN, 2.0, 3.0, 4.0, 10.0];
    let rows: Vec<usize> = (0..6).collect();
    let five = marker_grid(&values, 1, &rows, 0, ValueKind::Number, 5).unwrap();
    assert_eq!(five, vec![1.0, 2.0, 3.0, 4.0, 10.0]);
    let four = marker_grid(&values, 1, &rows, 0, ValueKind::Number, 4).unwrap();
    for (g, want) in four.iter().zip([1.0, 7.0 / 3.0, 11.0 / 3.0, 10.0]) {
        close(*g, want, 1e-6, "quantile");
    }
    // Ties collapse: a marker with two distinct values has two grid points.
    let ties = [0.0, 0.0, 0.0, 1.0];
    let g = marker_grid(&ties, 1, &[0, 1, 2, 3], 0, ValueKind::Number, 11).unwrap();
    assert_eq!(g.first(), Some(&0.0));
    assert_eq!(g.last(), Some(&1.0));
    assert!(g.windows(2).all(|w| w[0] < w[1]));
    // Levels: those observed, in order.
    let levels = [2.0, 0.0, f32::NAN, 2.0];
    let g = marker_grid(&levels, 1, &[0, 1, 2, 3], 0, ValueKind::Levels(4), 2).unwrap();
    assert_eq!(g, vec![0.0, 2.0]);
}

#[test]
fn the_profile_at_the_patients_own_value_is_its_prediction() {
    let values = cohort(50);
    let mut predict = linear_net();
    for i in [0, 1, 17, 49] {
        let patient = &values[i * 3..(i + 1) * 3];
        let own = predict(patient, 1).unwrap()[0];
        for marker in 0..3 {
            let grid = [-1.0, patient[marker], 5.0];
            let profile: Vec<f32> = ceteris_paribus(&mut predict, patient, marker, &grid).unwrap();
            assert_eq!(
                profile[1].to_bits(),
                own.to_bits(),
                "patient {i} marker {marker}"
            );
        }
    }
}

#[test]
fn a_linear_cox_network_has_linear_profiles_pdp_and_ale() {
    let n = 70;
    let values = cohort(n);
    let rows: Vec<usize> = (0..n).collect();
    let mut predict = linear_net();
    let marker = 2;
    let grid = marker_grid(&values, 3, &rows, marker, ValueKind::Number, 11).unwrap();
    // Ceteris paribus: w_j g + (the rest of the patient's linear predictor).
    let patient = &values[5 * 3..6 * 3];
    let rest: f64 = (0..3)
        .filter(|&k| k != marker)
        .map(|k| f64::from(W[k]) * f64::from(patient[k]))
        .sum::<f64>()
        + f64::from(B);
    let profile = ceteris_paribus(&mut predict, patient, marker, &grid).unwrap();
    for (&g, &p) in grid.iter().zip(&profile) {
        close(
            p,
            f64::from(W[marker]) * f64::from(g) + rest,
            1e-5,
            "profile",
        );
    }
    // PDP: w_j g + b + the cohort's mean of the other terms (missing read as 0).
    let mean_rest: f64 = rows
        .iter()
        .map(|&i| {
            (0..3)
                .filter(|&k| k != marker)
                .map(|k| {
                    let v = values[i * 3 + k];
                    f64::from(W[k]) * if v.is_nan() { 0.0 } else { f64::from(v) }
                })
                .sum::<f64>()
        })
        .sum::<f64>()
        / n as f64;
    let pdp = partial_dependence(&mut predict, &values, 3, &rows, marker, &grid).unwrap();
    for (&g, &p) in grid.iter().zip(&pdp) {
        close(
            p,
            f64::from(W[marker]) * f64::from(g) + f64::from(B) + mean_rest,
            1e-5,
            "pdp",
        );
    }
    // ALE: w_j (z - z_0), centred.
    let a = ale(
        &mut predict,
        &values,
        3,
        &rows,
        marker,
        ValueKind::Number,
        10,
    )
    .unwrap();
    let z0 = f64::from(a.at[0]);
    for (&z, &e) in a.at.iter().zip(&a.effect) {
        close(
            e - a.effect[0],
            f64::from(W[marker]) * (f64::from(z) - z0),
            1e-5,
            "ale",
        );
    }
    assert_eq!(
        a.counts.iter().sum::<usize>(),
        n,
        "every patient in one bin"
    );
    assert_centred(&a, ValueKind::Number);
}

/// ALEPlot's centring: the count-weighted mean of the bins' midpoint effects (numeric) or
/// of the levels' effects is zero.
fn assert_centred(a: &survlens_xai::Ale, scale: ValueKind) {
    let (sum, total) = match scale {
        ValueKind::Number => a
            .counts
            .iter()
            .enumerate()
            .fold((0.0, 0), |(s, t), (b, &c)| {
                (
                    s + (f64::from(a.effect[b]) + f64::from(a.effect[b + 1])) / 2.0 * c as f64,
                    t + c,
                )
            }),
        ValueKind::Levels(_) => a
            .counts
            .iter()
            .zip(&a.effect)
            .fold((0.0, 0), |(s, t), (&c, &e)| {
                (s + f64::from(e) * c as f64, t + c)
            }),
    };
    assert!(
        (sum / total as f64).abs() < 1e-5,
        "centred: {}",
        sum / total as f64
    );
}

#[test]
fn the_ale_of_an_additive_curved_effect_is_that_effect_at_the_bin_edges() {
    let n = 90;
    let values = cohort(n);
    let rows: Vec<usize> = (0..n).collect();
    // f = x0^2 + x1 * x2: additive in x0, with an interaction between the others.
    let mut predict = model(|r| {
        let x0 = if r[0].is_nan() { 0.0 } else { f64::from(r[0]) };
        x0 * x0 + f64::from(r[1]) * f64::from(r[2])
    });
    let a = ale(&mut predict, &values, 3, &rows, 0, ValueKind::Number, 8).unwrap();
    let g = |z: f32| f64::from(z) * f64::from(z);
    for (&z, &e) in a.at.iter().zip(&a.effect) {
        close(e - a.effect[0], g(z) - g(a.at[0]), 1e-4, "curved ale");
    }
    // Patients missing x0 take no part.
    let missing = rows.iter().filter(|&&i| values[i * 3].is_nan()).count();
    assert!(missing > 0);
    assert_eq!(a.counts.iter().sum::<usize>(), n - missing);
    assert_centred(&a, ValueKind::Number);
}

#[test]
fn a_categorical_effect_is_recovered_per_level() {
    let n = 60;
    let values = cohort(n);
    let rows: Vec<usize> = (0..n).collect();
    let effect = [0.0, 1.5, -0.5];
    let mut predict = model(move |r| effect[r[1] as usize] + 0.3 * f64::from(r[2]));
    let scale = ValueKind::Levels(3);
    let a = ale(&mut predict, &values, 3, &rows, 1, scale, 8).unwrap();
    assert_eq!(a.at, vec![0.0, 1.0, 2.0]);
    for (k, &e) in a.effect.iter().enumerate() {
        close(e - a.effect[0], effect[k] - effect[0], 1e-5, "level ale");
    }
    assert_centred(&a, scale);
    let pdp = partial_dependence(&mut predict, &values, 3, &rows, 1, &a.at).unwrap();
    let mean_c = rows
        .iter()
        .map(|&i| 0.3 * f64::from(values[i * 3 + 2]))
        .sum::<f64>()
        / n as f64;
    for (k, &p) in pdp.iter().enumerate() {
        close(p, effect[k] + mean_c, 1e-5, "level pdp");
    }
}

#[test]
fn a_binary_markers_ale_step_is_the_mean_local_effect_of_both_levels() {
    // x0 binary, f = x0 * x1: moving either level's patients across the step changes f by
    // x1, so the step is the mean of x1 over all patients with x0 recorded.
    let values: Vec<f32> = (0..40)
        .flat_map(|i| [(i % 3 == 0) as u8 as f32, (i as f32) / 7.0])
        .collect();
    let rows: Vec<usize> = (0..40).collect();
    let mut predict = model(|r| f64::from(r[0]) * f64::from(r[1]));
    let a = ale(&mut predict, &values, 2, &rows, 0, ValueKind::Levels(2), 4).unwrap();
    let mean_x1 = (0..40).map(|i| f64::from(i as f32 / 7.0)).sum::<f64>() / 40.0;
    close(a.effect[1] - a.effect[0], mean_x1, 1e-5, "binary step");
    assert_eq!(a.counts, vec![26, 14]);
    assert_centred(&a, ValueKind::Levels(2));
}

#[test]
fn refuses_what_it_cannot_vary() {
    let values = cohort(10);
    let rows: Vec<usize> = (0..10).collect();
    let mut predict = linear_net();
    let e = marker_grid(&values, 3, &rows, 3, ValueKind::Number, 5).unwrap_err();
    assert_eq!(e.code(), "marker_out_of_range");
    let e = marker_grid(&values, 3, &[3], 0, ValueKind::Number, 5).unwrap_err();
    assert_eq!(e.code(), "no_observed_values");
    assert_eq!(e.to_string(), "marker 0 has no observed value to vary over");
    let e = marker_grid(&values, 3, &[10], 0, ValueKind::Number, 5).unwrap_err();
    assert_eq!(e.code(), "patient_out_of_range");
    let e = marker_grid(&values[..7], 3, &rows, 0, ValueKind::Number, 5).unwrap_err();
    assert_eq!(e.code(), "shape");
    let e = partial_dependence(&mut predict, &values, 3, &[], 0, &[1.0]).unwrap_err();
    assert_eq!(e.code(), "empty_cohort");
    let mut short = model(|_| 0.0);
    let mut wrong = move |rows: &[f32], n: usize| short(rows, n).map(|v| v[..n - 1].to_vec());
    let e = ceteris_paribus(&mut wrong, &values[..3], 0, &[1.0, 2.0]).unwrap_err();
    assert_eq!(e.code(), "shape");
}

#[test]
fn the_sample_of_a_large_cohort_is_fixed_by_its_seed() {
    assert_eq!(sample_rows(5, 10, 1), vec![0, 1, 2, 3, 4]);
    let a = sample_rows(10_000, 500, 7);
    assert_eq!(a, sample_rows(10_000, 500, 7));
    assert_ne!(a, sample_rows(10_000, 500, 8));
    assert_eq!(a.len(), 500);
    assert!(a.windows(2).all(|w| w[0] < w[1]) && *a.last().unwrap() < 10_000);
}
