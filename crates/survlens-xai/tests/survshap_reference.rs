//! SurvSHAP(t) against survshap 0.4.2 (PyPI) on the network, cohort and background of
//! tests/fixtures/reference/xai_survshap.json (tools/references/survshap_fixtures.py: 5
//! inputs, 4 hidden ReLU units, a Breslow baseline from 80 simulated patients, 3 patients
//! against 12 background patients at 8 times). survshap's `kernel` (exact Kernel SHAP over
//! all 32 coalitions) and `sampling` with `exact=True` (all 120 orderings) are both the
//! exact Shapley values of `v(S) = mean_b S(t | x_S, z_b,rest)`; survlens' enumeration
//! (through the float32 network) and its walk over every ordering (float64) agree with
//! both within [`TOLERANCE`] at every time.

// Test helpers outside #[test] functions unwrap fixture data freely.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

mod common;

use serde_json::Value;
use survlens_model::{BreslowBaseline, CoxNet, Dense};
use survlens_xai::{Orderings, SurvShapProblem, XaiError, survshap_exact, survshap_permutations};

use common::{floats, reference_fixture};

/// Survival probabilities (values up to 1, Shapley values up to 0.3): float32 log-risks
/// and survshap's 1e9 weights of the empty and full coalitions (its two methods differ by
/// up to 6e-8) leave errors far below it.
const TOLERANCE: f64 = 1e-6;

fn fixture() -> Value {
    reference_fixture("xai_survshap.json")
}

fn floats32(v: &Value) -> Vec<f32> {
    floats(v).iter().map(|&x| x as f32).collect()
}

fn network(doc: &Value) -> CoxNet {
    let w = &doc["network"]["weights"];
    let b = &doc["network"]["biases"];
    let layer = |k: usize| {
        let rows = w[k].as_array().unwrap();
        let weight: Vec<f32> = rows.iter().flat_map(floats32).collect();
        let n_out = rows.len();
        Dense::new(weight.len() / n_out, n_out, weight, floats32(&b[k])).unwrap()
    };
    CoxNet::new(vec![layer(0), layer(1)]).unwrap()
}

/// Checks `ours` against `theirs`, returning the largest gap.
fn close(what: &str, ours: &[f64], theirs: &[f64]) -> f64 {
    assert_eq!(ours.len(), theirs.len(), "{what}: lengths");
    let mut worst = 0.0f64;
    for (k, (&a, &b)) in ours.iter().zip(theirs).enumerate() {
        assert!(
            (a - b).abs() <= TOLERANCE,
            "{what}[{k}]: {a} vs {b} (tolerance {TOLERANCE})"
        );
        worst = worst.max((a - b).abs());
    }
    worst
}

#[test]
fn the_baseline_is_the_breslow_estimate_of_the_fixture_cohort() {
    let doc = fixture();
    let net = network(&doc);
    let x = floats32(&doc["cohort"]["x"]);
    let time = floats(&doc["cohort"]["time"]);
    let event: Vec<bool> = doc["cohort"]["event"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_bool().unwrap())
        .collect();
    let risk: Vec<f64> = net
        .predict(&x, time.len())
        .iter()
        .map(|&r| f64::from(r))
        .collect();
    let baseline = BreslowBaseline::fit(&time, &event, &risk).unwrap();
    let ours: Vec<f64> = floats(&doc["times"])
        .iter()
        .map(|&t| baseline.cumulative_hazard_at(t))
        .collect();
    close("H0", &ours, &floats(&doc["cumulative_hazard"]));
}

#[test]
fn survlens_agrees_with_survshap_on_every_patient_and_time() {
    let doc = fixture();
    let net = network(&doc);
    let background = floats32(&doc["background"]);
    let hazard = floats(&doc["cumulative_hazard"]);
    let player_of: Vec<usize> = (0..5).collect();
    let (mut worst_enumerated, mut worst_walked) = (0.0f64, 0.0f64);
    let mut predict =
        |rows: &[f32], n: usize| -> Result<Vec<f32>, XaiError> { Ok(net.predict(rows, n)) };
    for patient in doc["patients"].as_array().unwrap() {
        let x = floats32(&patient["x"]);
        let problem = SurvShapProblem {
            x: &x,
            background: &background,
            player_of: &player_of,
            n_players: 5,
            cumulative_hazard: &hazard,
            slope: 1.0,
        };
        let exact = survshap_exact(&mut predict, 5, &problem).unwrap();
        let walked = survshap_permutations(&net, &problem, Orderings::All).unwrap();
        assert_eq!(walked.orderings, 120);
        let row = patient["row"].as_u64().unwrap();
        let _ = close(
            &format!("S(t|x) of {row}"),
            &exact.survival,
            &floats(&patient["survival"]),
        );
        let _ = close(
            &format!("reference of {row}"),
            &walked.reference,
            &floats(&patient["reference"]),
        );
        for method in ["kernel", "sampling"] {
            for j in 0..5 {
                let theirs = floats(&patient[method][j]);
                worst_enumerated = worst_enumerated.max(close(
                    &format!("{method} x{j} of {row}, enumerated"),
                    exact.player(j),
                    &theirs,
                ));
                worst_walked = worst_walked.max(close(
                    &format!("{method} x{j} of {row}, walked"),
                    walked.player(j),
                    &theirs,
                ));
            }
        }
    }
    println!(
        "largest gap to survshap: {worst_enumerated:.1e} enumerated (float32 network), \
         {worst_walked:.1e} walked (float64)"
    );
}
