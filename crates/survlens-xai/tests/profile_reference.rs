//! Partial dependence and accumulated local effects against the libraries users compare
//! with: scikit-learn 1.9.1's brute-force `partial_dependence` and PyALE 1.2.0's first-order
//! ALE (continuous and discrete), on the cohort and non-additive log-risk of
//! tests/fixtures/reference/xai_profile.json (tools/references/xai_profile_fixtures.py; 201
//! patients, two numbers, a three-level category, a binary marker, interactions between
//! them). The references are float64; survlens predicts in float32, hence the tolerances.

// Test helpers outside #[test] functions unwrap fixture data freely.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

mod common;

use serde_json::Value;
use survlens_xai::{ValueKind, XaiError, ale, marker_grid, partial_dependence};

use common::{floats, reference_fixture};

/// Float32 log-risks against float64 references of size about 1 to 4.
const TOLERANCE: f64 = 2e-5;

fn fixture() -> Value {
    reference_fixture("xai_profile.json")
}

/// The fixture's log-risk, `sin(2 x0) + 0.5 x0 x1 + 0.3 x1^2 + w[level] - 0.7 b + 0.4 b x0`,
/// on `n x 4` raw rows.
fn predict(weights: [f64; 3]) -> impl FnMut(&[f32], usize) -> Result<Vec<f32>, XaiError> {
    move |rows: &[f32], n: usize| {
        Ok(rows
            .chunks(rows.len() / n)
            .map(|r| {
                let [x0, x1, level, b] = [r[0], r[1], r[2], r[3]].map(f64::from);
                let w = weights[level as usize];
                ((2.0 * x0).sin() + 0.5 * x0 * x1 + 0.3 * x1 * x1 + w - 0.7 * b + 0.4 * b * x0)
                    as f32
            })
            .collect())
    }
}

fn close(what: &str, ours: &[f32], theirs: &[f64], tolerance: f64) {
    assert_eq!(ours.len(), theirs.len(), "{what}: lengths");
    for (k, (&a, &b)) in ours.iter().zip(theirs).enumerate() {
        assert!(
            (f64::from(a) - b).abs() <= tolerance,
            "{what}[{k}]: {a} vs {b} (tolerance {tolerance})"
        );
    }
}

struct Case {
    values: Vec<f32>,
    rows: Vec<usize>,
    weights: [f64; 3],
    doc: Value,
}

fn case() -> Case {
    let doc = fixture();
    let values: Vec<f32> = floats(&doc["values"]).iter().map(|&v| v as f32).collect();
    let rows = (0..values.len() / 4).collect();
    let w = floats(&doc["level_weights"]);
    Case {
        values,
        rows,
        weights: [w[0], w[1], w[2]],
        doc,
    }
}

#[test]
fn partial_dependence_matches_scikit_learn() {
    let c = case();
    let reference = &c.doc["pdp_x0"];
    let grid = marker_grid(&c.values, 4, &c.rows, 0, ValueKind::Number, 11).unwrap();
    close("grid", &grid, &floats(&reference["grid"]), 1e-6);
    let pdp = partial_dependence(&mut predict(c.weights), &c.values, 4, &c.rows, 0, &grid).unwrap();
    close("PDP", &pdp, &floats(&reference["average"]), TOLERANCE);
}

#[test]
fn ale_of_a_number_matches_pyale() {
    let c = case();
    let reference = &c.doc["ale_x0"];
    let bins = c.doc["bins"].as_u64().unwrap() as usize;
    let a = ale(
        &mut predict(c.weights),
        &c.values,
        4,
        &c.rows,
        0,
        ValueKind::Number,
        bins,
    )
    .unwrap();
    close("edges", &a.at, &floats(&reference["at"]), 1e-6);
    close("ALE", &a.effect, &floats(&reference["effect"]), TOLERANCE);
    let counts: Vec<f64> = a.counts.iter().map(|&n| n as f64).collect();
    assert_eq!(counts, floats(&reference["counts"]));
}

#[test]
fn ale_of_levels_matches_pyale_discrete() {
    let c = case();
    for (marker, key, levels) in [(2, "ale_level", 3), (3, "ale_b", 2)] {
        let reference = &c.doc[key];
        let a = ale(
            &mut predict(c.weights),
            &c.values,
            4,
            &c.rows,
            marker,
            ValueKind::Levels(levels),
            10,
        )
        .unwrap();
        close(key, &a.at, &floats(&reference["at"]), 0.0);
        close(key, &a.effect, &floats(&reference["effect"]), TOLERANCE);
        let counts: Vec<f64> = a.counts.iter().map(|&n| n as f64).collect();
        assert_eq!(counts, floats(&reference["counts"]), "{key}");
    }
}
