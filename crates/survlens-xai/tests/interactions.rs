//! Interactions: the Mann-Whitney U test and Benjamini-Hochberg q-values against scipy and
//! statsmodels (tests/fixtures/reference/xai_interactions.json, written by
//! tools/references/xai_interaction_fixtures.py), both interaction methods on a hand-built
//! network with one planted interaction, and properties of the q-values.
#![allow(clippy::unwrap_used, clippy::panic)]

use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;
use survlens_model::{CoxNet, Dense};
use survlens_xai::interactions::{
    DEFAULT_FDR, DEFAULT_MIN_RELATIVE_EFFECT, benjamini_hochberg, mann_whitney_u, median_reference,
};
use survlens_xai::{
    CohortRelevance, Composite, Grouping, Lrp, LrpRule, model_interactions,
    statistical_interactions,
};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/reference/xai_interactions.json"
);

fn fixture() -> Value {
    serde_json::from_str(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap()
}

fn f64s(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

#[test]
fn mann_whitney_matches_scipy() {
    let doc = fixture();
    for case in doc["mann_whitney"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let t = mann_whitney_u(&f64s(&case["x"]), &f64s(&case["y"]));
        // scipy 1.17.1 mannwhitneyu(method="asymptotic", use_continuity=True): U exact (sums
        // of half-integers), p within 1e-6 absolute.
        assert_eq!(t.u, case["u"].as_f64().unwrap(), "{name}: U");
        let p = case["p_value"].as_f64().unwrap();
        assert!(
            (t.p_value - p).abs() < 1e-6,
            "{name}: p {} vs scipy {p}",
            t.p_value
        );
        // Relative agreement too, so that the far tail (p ~ 1e-28) is checked.
        assert!(
            (t.p_value - p).abs() <= 1e-9 * p.max(1e-300) || (t.p_value - p).abs() < 1e-12,
            "{name}: p {} vs scipy {p}",
            t.p_value
        );
    }
}

#[test]
fn benjamini_hochberg_matches_statsmodels() {
    let doc = fixture();
    for case in doc["benjamini_hochberg"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let q = benjamini_hochberg(&f64s(&case["p"])).unwrap();
        // statsmodels 0.15.0 multipletests(method="fdr_bh") (= scipy
        // false_discovery_control(method="bh")), within 1e-12 absolute.
        for (k, (ours, theirs)) in q.iter().zip(f64s(&case["q"])).enumerate() {
            assert!(
                (ours - theirs).abs() < 1e-12,
                "{name}[{k}]: {ours} vs {theirs}"
            );
        }
    }
}

proptest! {
    #[test]
    fn q_values_are_monotone_and_at_least_p(p in prop::collection::vec(0.0f64..=1.0, 0..60)) {
        let q = benjamini_hochberg(&p).unwrap();
        for i in 0..p.len() {
            prop_assert!(q[i] >= p[i] && q[i] <= 1.0);
            for j in 0..p.len() {
                if p[i] <= p[j] {
                    prop_assert!(q[i] <= q[j], "p {} <= {} but q {} > {}", p[i], p[j], q[i], q[j]);
                }
            }
        }
    }

    #[test]
    fn mann_whitney_is_symmetric(
        x in prop::collection::vec(-3i32..3, 1..30),
        y in prop::collection::vec(-3i32..3, 1..30),
    ) {
        let x: Vec<f64> = x.into_iter().map(f64::from).collect();
        let y: Vec<f64> = y.into_iter().map(f64::from).collect();
        let (a, b) = (mann_whitney_u(&x, &y), mann_whitney_u(&y, &x));
        // U_x + U_y = n_x n_y exactly; the two-sided p does not depend on the order.
        prop_assert_eq!(a.u + b.u, (x.len() * y.len()) as f64);
        prop_assert!((a.p_value - b.p_value).abs() < 1e-12);
        prop_assert!((a.rank_biserial + b.rank_biserial).abs() < 1e-12);
    }
}

/// Four markers; the risk is `2 relu(x1 + x2 - 1) + 0.8 x0 + 0.6 x3` on `[0, 1]` inputs:
/// markers 1 and 2 interact (the hidden unit is on only when both are high), 0 and 3 are
/// additive.
fn planted() -> (CoxNet, Vec<f32>, usize) {
    let hidden = Dense::new(
        4,
        3,
        vec![
            0.0, 1.0, 1.0, 0.0, // relu(x1 + x2 - 1)
            1.0, 0.0, 0.0, 0.0, // relu(x0)
            0.0, 0.0, 0.0, 1.0, // relu(x3)
        ],
        vec![-1.0, 0.0, 0.0],
    )
    .unwrap();
    let out = Dense::new(3, 1, vec![2.0, 0.8, 0.6], vec![0.0]).unwrap();
    let net = CoxNet::new(vec![hidden, out]).unwrap();
    let n = 300;
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let x = (0..n * 4).map(|_| rng.random_range(0.0f32..1.0)).collect();
    (net, x, n)
}

fn is_planted(a: usize, b: usize) -> bool {
    matches!((a, b), (1, 2) | (2, 1))
}

#[test]
fn model_method_ranks_the_planted_pair_first() {
    let (net, x, n) = planted();
    let lrp = Lrp::new(&net, &Composite::uniform(LrpRule::PaperGamma)).unwrap();
    let reference = median_reference(&x, n, 4).unwrap();
    let found = model_interactions(
        &lrp,
        &x,
        n,
        &Grouping::identity(4),
        &reference,
        4,
        DEFAULT_MIN_RELATIVE_EFFECT,
    )
    .unwrap();
    assert_eq!(found.pairs.len(), 12);
    assert!(
        is_planted(found.pairs[0].a, found.pairs[0].b),
        "{:?}",
        found.pairs[..3].to_vec()
    );
    assert!(is_planted(found.pairs[1].a, found.pairs[1].b));
    // Only the planted pairs move a relevance by 5% of its importance: the additive markers'
    // relevances change only through the output layer's stabiliser (relative 1e-5).
    assert_eq!(found.significant, 2, "{:?}", found.pairs);
    assert!(found.pairs.iter().all(|p| p.q_value.is_none()));
}

#[test]
fn statistical_method_ranks_the_planted_pair_first() {
    let (net, x, n) = planted();
    let relevance = Lrp::new(&net, &Composite::uniform(LrpRule::PaperGamma))
        .unwrap()
        .explain_batch(&x, n)
        .unwrap();
    let cohort = CohortRelevance::new(relevance.values(), n, 4).unwrap();
    let found = statistical_interactions(&cohort, &x, 4, DEFAULT_FDR).unwrap();
    assert_eq!(found.pairs.len(), 12);
    assert!(
        is_planted(found.pairs[0].a, found.pairs[0].b),
        "{:?}",
        found.pairs[..3].to_vec()
    );
    assert!(is_planted(found.pairs[1].a, found.pairs[1].b));
    assert_eq!(found.significant, 2, "{:?}", found.pairs);
    let first = found.pairs[0];
    // Marker a's relevance is higher when b is high: the hidden unit (a's only path) is on
    // for about 3/4 of the b-high and 1/4 of the b-low patients, so the rank-biserial
    // correlation is at least about 0.75 * 0.75 - 0.25 = 0.31 in the population; 0.2
    // leaves room for sampling noise at n = 300.
    assert!(first.effect > 0.2 && first.shift > 0.0, "{first:?}");
    assert!(first.q_value.unwrap() < 1e-6, "{first:?}");
}

#[test]
fn settings_are_checked() {
    let (net, x, n) = planted();
    let lrp = Lrp::new(&net, &Composite::uniform(LrpRule::PaperGamma)).unwrap();
    let reference = median_reference(&x, n, 4).unwrap();
    let id = Grouping::identity(4);
    assert!(model_interactions(&lrp, &x, n, &id, &reference, 1, 0.05).is_err());
    assert!(model_interactions(&lrp, &x, n, &id, &reference[..3], 4, 0.05).is_err());
    assert!(model_interactions(&lrp, &x, n, &id, &reference, 4, f64::NAN).is_err());
    let r = vec![0.0f32; n * 4];
    let cohort = CohortRelevance::new(&r, n, 4).unwrap();
    assert!(statistical_interactions(&cohort, &x, 4, 0.0).is_err());
    assert!(statistical_interactions(&cohort, &x[1..], 4, 0.05).is_err());
}
