//! Interactions: the Mann-Whitney U test and Benjamini-Hochberg q-values against scipy and
//! statsmodels (tests/fixtures/reference/xai_interactions.json, written by
//! tools/references/xai_interaction_fixtures.py), both interaction methods on a hand-built
//! network with one planted interaction, properties of the q-values, and the calibration
//! of the model-based method's empirical null on networks with and without interactions.
#![allow(clippy::unwrap_used, clippy::panic)]

use proptest::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;
use survlens_model::{CoxNet, Dense};
use survlens_xai::interactions::{
    DEFAULT_FDR, MIN_NULL_PAIRS, ModelInteractionSearch, ModelSearchSettings, benjamini_hochberg,
    mann_whitney_u, median_reference, stratified_sample,
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
        None,
        &ModelSearchSettings::default(),
    )
    .unwrap();
    // Every marker is moved (4 candidates) against every other: 12 ordered pairs, all 300
    // patients (below the sample size).
    assert_eq!(found.pairs.len(), 12);
    assert_eq!(found.patients, n);
    assert!(
        is_planted(found.pairs[0].a, found.pairs[0].b),
        "{:?}",
        found.pairs[..3].to_vec()
    );
    assert!(is_planted(found.pairs[1].a, found.pairs[1].b));
    // The additive markers' relevances change only through the output layer's stabiliser
    // (relative 1e-5), below the numerical floor: only the planted pairs are tested. Two
    // tested pairs are fewer than MIN_NULL_PAIRS, so the theoretical null applies (no
    // background estimate) and declares both.
    assert!(found.null.is_none());
    assert_eq!(found.significant, 2, "{:?}", found.pairs);
    assert_eq!(
        found.pairs.iter().filter(|p| p.q_value.is_some()).count(),
        2
    );
    assert!(
        found.pairs[0].q_value.unwrap() < 1e-6,
        "{:?}",
        found.pairs[0]
    );
}

/// A one-hidden-layer network on `d` markers with inputs uniform on `[0, 1]`: `dense`
/// hidden units with random weights on every input (a background in which every pair
/// couples a little), `additive` units per marker that see only their marker, and, when
/// `product` is set, one unit `relu(x1 + x2 - 1)` (markers 1 and 2 interact) with output
/// weight `product`. The output bias is `output_bias`, or, when `None`, large enough that
/// the log-risk is positive for every input in `[0, 1]` (so the gamma rule never switches
/// between its positive and negative paths).
fn random_network(
    seed: u64,
    d: usize,
    dense: usize,
    additive: usize,
    product: Option<f32>,
    n: usize,
) -> (CoxNet, Vec<f32>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let h = dense + additive * d + usize::from(product.is_some());
    let mut w = vec![0.0f32; h * d];
    let mut bias = vec![0.0f32; h];
    let mut out = vec![0.0f32; h];
    let scale = 1.0 / (d as f32).sqrt();
    for j in 0..dense {
        for i in 0..d {
            w[j * d + i] = rng.random_range(-scale..scale);
        }
        bias[j] = rng.random_range(-0.2..0.2);
        out[j] = rng.random_range(-0.5..0.5);
    }
    for i in 0..d {
        for k in 0..additive {
            let j = dense + i * additive + k;
            w[j * d + i] = rng.random_range(-1.0..1.0);
            bias[j] = rng.random_range(-0.5..0.5);
            out[j] = rng.random_range(-0.5..0.5);
        }
    }
    if let Some(v) = product {
        let j = h - 1;
        w[j * d + 1] = 1.0;
        w[j * d + 2] = 1.0;
        bias[j] = -1.0;
        out[j] = v;
    }
    // Each hidden unit is at most sum |w| + |b| on [0, 1] inputs.
    let bound: f32 = (0..h)
        .map(|j| {
            let reach: f32 = w[j * d..(j + 1) * d].iter().map(|v| v.abs()).sum();
            out[j].abs() * (reach + bias[j].abs())
        })
        .sum();
    let net = CoxNet::new(vec![
        Dense::new(d, h, w, bias).unwrap(),
        Dense::new(h, 1, out, vec![bound + 0.1]).unwrap(),
    ])
    .unwrap();
    let x = (0..n * d).map(|_| rng.random_range(0.0f32..1.0)).collect();
    (net, x)
}

fn search(net: &CoxNet, x: &[f32], n: usize, d: usize) -> survlens_xai::Interactions {
    let lrp = Lrp::new(net, &Composite::uniform(LrpRule::PaperGamma)).unwrap();
    let reference = median_reference(x, n, d).unwrap();
    model_interactions(
        &lrp,
        x,
        n,
        &Grouping::identity(d),
        &reference,
        None,
        &ModelSearchSettings::default(),
    )
    .unwrap()
}

#[test]
fn an_additive_network_has_no_significant_pair() {
    // No interaction by construction: every hidden unit sees one marker, output weights of
    // both signs. The gamma rule still rescales all of a patient's relevances together when
    // the output moves (its ratio f / z++ depends on every unit); the test removes that
    // common factor, so nothing is left above the numerical floor. Nominal FDR 5%: over 8
    // seeds, no seed declares a pair.
    let (d, n) = (12, 500);
    for seed in 0..8 {
        let (net, x) = random_network(seed, d, 0, 3, None, n);
        let found = search(&net, &x, n, d);
        assert_eq!(found.pairs.len(), d * (d - 1));
        assert_eq!(found.significant, 0, "seed {seed}: {:?}", &found.pairs[..3]);
    }
}

#[test]
fn an_additive_network_with_a_product_term_declares_only_that_pair() {
    // The additive network of the test above plus relu(x1 + x2 - 1) with output weight 1.5:
    // only the planted pair (both orders) changes by more than the numerical floor, so it
    // ranks first and, tested against the theoretical null (two tested pairs, fewer than
    // MIN_NULL_PAIRS), is declared, and nothing else is, over 5 seeds.
    let (d, n) = (12, 500);
    for seed in 0..5 {
        let (net, x) = random_network(300 + seed, d, 0, 3, Some(1.5), n);
        let found = search(&net, &x, n, d);
        assert!(
            is_planted(found.pairs[0].a, found.pairs[0].b),
            "seed {seed}"
        );
        assert!(
            is_planted(found.pairs[1].a, found.pairs[1].b),
            "seed {seed}"
        );
        assert!(found.null.is_none());
        assert_eq!(found.significant, 2, "seed {seed}: {:?}", &found.pairs[..3]);
    }
}

#[test]
fn a_product_term_is_found() {
    // The same background plus one unit relu(x1 + x2 - 1) with output weight 1.5: the pair
    // (1, 2) must be declared in both orders and ranked first, over 5 seeds.
    let (d, n) = (12, 500);
    for seed in 0..5 {
        let (net, x) = random_network(200 + seed, d, 48, 0, Some(1.5), n);
        let found = search(&net, &x, n, d);
        assert!(found.null.is_some_and(|null| null.pairs >= MIN_NULL_PAIRS));
        for pair in &found.pairs[..2] {
            assert!(
                is_planted(pair.a, pair.b),
                "seed {seed}: {:?}",
                &found.pairs[..3]
            );
            assert!(
                pair.q_value.is_some_and(|q| q < DEFAULT_FDR),
                "seed {seed}: {pair:?}"
            );
        }
        assert!(found.significant >= 2, "seed {seed}");
    }
}

#[test]
fn the_resumable_search_equals_the_one_shot_search() {
    let (d, n) = (12, 700);
    let (net, x) = random_network(7, d, 48, 0, Some(1.5), n);
    let lrp = Lrp::new(&net, &Composite::uniform(LrpRule::PaperGamma)).unwrap();
    let reference = median_reference(&x, n, d).unwrap();
    let strata: Vec<u32> = (0..n as u32).map(|p| p % 3).collect();
    let settings = ModelSearchSettings {
        candidates: 8,
        max_patients: 400,
        ..ModelSearchSettings::default()
    };
    let id = Grouping::identity(d);
    let one_shot =
        model_interactions(&lrp, &x, n, &id, &reference, Some(&strata), &settings).unwrap();
    let mut resumable = ModelInteractionSearch::new(
        lrp.clone(),
        &x,
        n,
        id.clone(),
        reference.clone(),
        Some(&strata),
        settings,
    )
    .unwrap();
    assert_eq!(resumable.n_steps(), 8);
    assert_eq!(resumable.n_patients(), 400);
    let mut fractions = vec![resumable.fraction()];
    while resumable.step().unwrap() {
        fractions.push(resumable.fraction());
    }
    fractions.push(resumable.fraction());
    assert!(resumable.is_finished() && !resumable.step().unwrap());
    assert_eq!(fractions.first(), Some(&0.0));
    assert_eq!(fractions.last(), Some(&1.0));
    assert!(fractions.windows(2).all(|w| w[0] <= w[1]));
    let stepped = resumable.finish().unwrap();
    assert_eq!(stepped, one_shot);
    // Deterministic: the same search again gives the same bits; another seed another sample.
    let again = model_interactions(&lrp, &x, n, &id, &reference, Some(&strata), &settings);
    assert_eq!(again.unwrap(), one_shot);
    let other = ModelSearchSettings {
        seed: 1,
        ..settings
    };
    let reseeded = model_interactions(&lrp, &x, n, &id, &reference, Some(&strata), &other);
    assert_ne!(reseeded.unwrap().pairs, one_shot.pairs);
    assert_eq!(one_shot.candidates.len(), 8);
    assert_eq!(one_shot.pairs.len(), 8 * (d - 1));
}

proptest! {
    #[test]
    fn the_sample_is_stratified_and_fixed(
        strata in prop::collection::vec(0u32..5, 1..400),
        max in 1usize..300,
        seed in 0u64..4,
    ) {
        let sample = stratified_sample(&strata, max, seed);
        prop_assert_eq!(&sample, &stratified_sample(&strata, max, seed));
        prop_assert_eq!(sample.len(), max.min(strata.len()));
        prop_assert!(sample.windows(2).all(|w| w[0] < w[1]));
        // Proportional allocation: each stratum within one place of max n_s / n.
        for s in 0..5u32 {
            let n_s = strata.iter().filter(|&&v| v == s).count() as f64;
            let got = sample.iter().filter(|&&p| strata[p] == s).count() as f64;
            let want = sample.len() as f64 * n_s / strata.len() as f64;
            prop_assert!((got - want).abs() < 1.0 + 1e-9, "stratum {}: {} vs {}", s, got, want);
        }
    }
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
    let ok = ModelSearchSettings::default();
    for bad in [
        ModelSearchSettings {
            candidates: 0,
            ..ok
        },
        ModelSearchSettings {
            max_patients: 0,
            ..ok
        },
        ModelSearchSettings {
            fdr: f64::NAN,
            ..ok
        },
        ModelSearchSettings { fdr: 0.0, ..ok },
    ] {
        assert!(model_interactions(&lrp, &x, n, &id, &reference, None, &bad).is_err());
    }
    assert!(model_interactions(&lrp, &x, n, &id, &reference[..3], None, &ok).is_err());
    let strata = vec![0u32; n - 1];
    assert!(model_interactions(&lrp, &x, n, &id, &reference, Some(&strata), &ok).is_err());
    let one = Grouping::new(&[0, 0, 0, 0], 1).unwrap();
    assert!(model_interactions(&lrp, &x, n, &one, &reference, None, &ok).is_err());
    let r = vec![0.0f32; n * 4];
    let cohort = CohortRelevance::new(&r, n, 4).unwrap();
    assert!(statistical_interactions(&cohort, &x, 4, 0.0).is_err());
    assert!(statistical_interactions(&cohort, &x[1..], 4, 0.05).is_err());
}

#[test]
fn benjamini_hochberg_by_hand_and_the_halves_combined() {
    // p = 0.01, 0.04, 0.03, 0.5 (m = 4). Sorted: 0.01, 0.03, 0.04, 0.5; p m / rank: 0.04,
    // 0.06, 0.0533, 0.5; the running minimum from the top: 0.04, 0.0533, 0.0533, 0.5.
    let q = benjamini_hochberg(&[0.01, 0.04, 0.03, 0.5]).unwrap();
    let want = [0.04, 0.16 / 3.0, 0.16 / 3.0, 0.5];
    for (got, want) in q.iter().zip(want) {
        assert!((got - want).abs() < 1e-15, "{q:?}");
    }
    // A pair's p-value over two halves: twice the smaller, at most 1; a half that did not
    // keep the pair counts 1.
    use survlens_xai::interactions::search::combine_folds;
    assert_eq!(combine_folds(&[0.01, 1.0]), 0.02);
    assert_eq!(combine_folds(&[0.3, 0.7]), 0.6);
    assert_eq!(combine_folds(&[0.8, 0.9]), 1.0);
}
