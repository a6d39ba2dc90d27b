//! Invariants of the survival statistics on random cohorts (proptest): nothing depends on
//! the order of the rows; Harrell's and Uno's C of `-r` are `1 - C` of `r` when risks do
//! not tie; Kaplan-Meier curves are non-increasing in [0, 1] with the estimate inside its
//! interval; bootstrap intervals are reproducible from their seed.

// Helpers outside `#[test]` functions unwrap fixture fields too: a malformed fixture must
// fail loudly.
#![allow(clippy::unwrap_used, clippy::panic)]

use proptest::prelude::*;
use survlens_model::{
    BootstrapConfig, BreslowBaseline, CoxPh, CoxPhConfig, CoxPhTies, KaplanMeier, antolini_c,
    bootstrap_ci, brier_score, cumulative_dynamic_auc, harrell_c, logrank_test, resample, uno_c,
};

/// A random cohort with many tied times (integer times 1..=12).
#[derive(Clone, Debug)]
struct Cohort {
    times: Vec<f64>,
    events: Vec<bool>,
    risks: Vec<f64>,
    groups: Vec<u8>,
    /// `n x 2`.
    x: Vec<f64>,
}

fn cohort(min: usize, max: usize) -> impl Strategy<Value = Cohort> {
    (min..max).prop_flat_map(|n| {
        (
            prop::collection::vec(1u8..=12, n),
            prop::collection::vec(any::<bool>(), n),
            prop::collection::vec(-3.0..3.0f64, n),
            prop::collection::vec(0u8..3, n),
            prop::collection::vec(-2.0..2.0f64, 2 * n),
        )
            .prop_map(|(t, mut e, risks, groups, x)| {
                e[0] = true; // at least one event
                Cohort {
                    times: t.into_iter().map(f64::from).collect(),
                    events: e,
                    risks,
                    groups,
                    x,
                }
            })
    })
}

fn with_permutation(min: usize, max: usize) -> impl Strategy<Value = (Cohort, Vec<usize>)> {
    cohort(min, max).prop_flat_map(|c| {
        let order: Vec<usize> = (0..c.times.len()).collect();
        (Just(c), Just(order).prop_shuffle())
    })
}

fn permute<T: Clone>(v: &[T], order: &[usize]) -> Vec<T> {
    order.iter().map(|&i| v[i].clone()).collect()
}

fn permute_rows(x: &[f64], p: usize, order: &[usize]) -> Vec<f64> {
    order
        .iter()
        .flat_map(|&i| x[i * p..(i + 1) * p].to_vec())
        .collect()
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs()) + 1e-300 || (a.is_nan() && b.is_nan())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn statistics_do_not_depend_on_row_order((c, order) in with_permutation(4, 40)) {
        let t2 = permute(&c.times, &order);
        let e2 = permute(&c.events, &order);
        let r2 = permute(&c.risks, &order);
        let g2 = permute(&c.groups, &order);

        // Kaplan-Meier: counted per distinct time, so bit for bit.
        prop_assert_eq!(KaplanMeier::fit(&c.times, &c.events).unwrap(), KaplanMeier::fit(&t2, &e2).unwrap());

        // Harrell's C: integer pair counts, so bit for bit (or the same error).
        prop_assert_eq!(harrell_c(&c.times, &c.events, &c.risks), harrell_c(&t2, &e2, &r2));
        // Uno's C: weighted sums, so to rounding.
        let a = uno_c(&c.times, &c.events, &c.times, &c.events, &c.risks, Some(10.0));
        let b = uno_c(&t2, &e2, &t2, &e2, &r2, Some(10.0));
        match (a, b) {
            (Ok(a), Ok(b)) => prop_assert!(close(a.index, b.index, 1e-12)),
            (a, b) => prop_assert_eq!(a.is_err(), b.is_err()),
        }

        // Log-rank: sums of counts in time order; the statistic to rounding.
        let a = logrank_test(&c.times, &c.events, &c.groups);
        let b = logrank_test(&t2, &e2, &g2);
        match (a, b) {
            (Ok(a), Ok(b)) => prop_assert!(close(a.statistic, b.statistic, 1e-10), "{} vs {}", a.statistic, b.statistic),
            (a, b) => prop_assert_eq!(a.is_err(), b.is_err()),
        }

        // Breslow baseline and survival-based metrics.
        let base_a = BreslowBaseline::fit(&c.times, &c.events, &c.risks).unwrap();
        let base_b = BreslowBaseline::fit(&t2, &e2, &r2).unwrap();
        prop_assert_eq!(base_a.time(), base_b.time());
        for (x, y) in base_a.cumulative_hazard().iter().zip(base_b.cumulative_hazard()) {
            prop_assert!(close(*x, *y, 1e-12));
        }
        let grid: Vec<f64> = (1..=12).map(f64::from).collect();
        let s_a = base_a.survival_matrix(&c.risks, &grid).unwrap();
        let s_b = base_a.survival_matrix(&r2, &grid).unwrap();
        prop_assert_eq!(
            antolini_c(&c.times, &c.events, &grid, &s_a).ok(),
            antolini_c(&t2, &e2, &grid, &s_b).ok()
        );
        let max_t = c.times.iter().copied().fold(0.0, f64::max);
        let eval: Vec<f64> = grid.iter().copied().filter(|&t| t >= 1.0 && t < max_t).collect();
        if !eval.is_empty() {
            let sa = base_a.survival_matrix(&c.risks, &eval).unwrap();
            let sb = base_a.survival_matrix(&r2, &eval).unwrap();
            let a = brier_score(&c.times, &c.events, &c.times, &c.events, &sa, &eval);
            let b = brier_score(&t2, &e2, &t2, &e2, &sb, &eval);
            match (a, b) {
                (Ok(a), Ok(b)) => for (x, y) in a.iter().zip(&b) { prop_assert!(close(*x, *y, 1e-12)) },
                (a, b) => prop_assert_eq!(a.is_err(), b.is_err()),
            }
            let a = cumulative_dynamic_auc(&c.times, &c.events, &c.times, &c.events, &c.risks, &eval);
            let b = cumulative_dynamic_auc(&t2, &e2, &t2, &e2, &r2, &eval);
            match (a, b) {
                (Ok(a), Ok(b)) => {
                    for (x, y) in a.auc.iter().zip(&b.auc) { prop_assert!(close(*x, *y, 1e-12)) }
                }
                (a, b) => prop_assert_eq!(a.is_err(), b.is_err()),
            }
        }
    }

    #[test]
    fn cox_fit_does_not_depend_on_row_order((c, order) in with_permutation(10, 60), breslow in any::<bool>()) {
        let n = c.times.len();
        // A ridge penalty keeps every random cohort well posed (no separation).
        let config = CoxPhConfig {
            ties: if breslow { CoxPhTies::Breslow } else { CoxPhTies::Efron },
            penalizer: 0.5,
            ..CoxPhConfig::default()
        };
        let a = CoxPh::fit(&c.x, n, 2, &c.times, &c.events, &config);
        let b = CoxPh::fit(&permute_rows(&c.x, 2, &order), n, 2, &permute(&c.times, &order), &permute(&c.events, &order), &config);
        match (a, b) {
            (Ok(a), Ok(b)) => {
                for (x, y) in a.coefficients.iter().zip(&b.coefficients) {
                    prop_assert!((x - y).abs() <= 1e-9 * (1.0 + x.abs()), "{x} vs {y}");
                }
                prop_assert!(close(a.log_likelihood, b.log_likelihood, 1e-12));
            }
            (a, b) => prop_assert_eq!(a.is_err(), b.is_err()),
        }
    }

    #[test]
    fn negated_distinct_risks_give_one_minus_c(c in cohort(3, 50)) {
        // Distinct risks: spread the random values apart by their position.
        let risks: Vec<f64> = c.risks.iter().enumerate().map(|(i, r)| r + 10.0 * i as f64).collect();
        let negated: Vec<f64> = risks.iter().map(|r| -r).collect();
        if let (Ok(a), Ok(b)) = (harrell_c(&c.times, &c.events, &risks), harrell_c(&c.times, &c.events, &negated)) {
            prop_assert_eq!(a.tied_risk, 0);
            prop_assert_eq!((a.concordant, a.discordant), (b.discordant, b.concordant));
            prop_assert!((a.index + b.index - 1.0).abs() < 1e-12);
        }
        let a = uno_c(&c.times, &c.events, &c.times, &c.events, &risks, None);
        let b = uno_c(&c.times, &c.events, &c.times, &c.events, &negated, None);
        if let (Ok(a), Ok(b)) = (a, b) {
            prop_assert!((a.index + b.index - 1.0).abs() < 1e-12);
        }
    }

    #[test]
    fn kaplan_meier_is_a_survival_curve_inside_its_interval(c in cohort(1, 60)) {
        let km = KaplanMeier::fit(&c.times, &c.events).unwrap();
        prop_assert_eq!(km.survival[0], 1.0);
        for w in km.survival.windows(2) {
            prop_assert!(w[1] <= w[0]);
        }
        for k in 0..km.time.len() {
            let s = km.survival[k];
            prop_assert!((0.0..=1.0).contains(&s));
            prop_assert!(km.ci_lower[k] <= s + 1e-15 && s <= km.ci_upper[k] + 1e-15, "{} {} {}", km.ci_lower[k], s, km.ci_upper[k]);
            prop_assert!(km.ci_lower[k] >= 0.0 && km.ci_upper[k] <= 1.0);
        }
        for w in km.time.windows(2) {
            prop_assert!(w[1] > w[0]);
        }
    }
}

#[test]
fn bootstrap_interval_is_reproducible_and_brackets_the_estimate() {
    let values: Vec<f64> = (0..200).map(|i| f64::from(i % 17) * 0.3).collect();
    let mean = |idx: &[usize]| {
        let v = resample(&values, idx)?;
        Ok(v.iter().sum::<f64>() / v.len() as f64)
    };
    let config = BootstrapConfig {
        replicates: 2000,
        level: 0.95,
        seed: 7,
    };
    let a = bootstrap_ci(values.len(), &config, mean).unwrap();
    let b = bootstrap_ci(values.len(), &config, mean).unwrap();
    assert_eq!(a, b, "same seed, same interval");
    assert!(a.lower < a.estimate && a.estimate < a.upper, "{a:?}");
    // Normal approximation of the mean's interval: estimate +- 1.96 sd / sqrt(n); the
    // percentile interval's half-width agrees within 10% at 2,000 replicates.
    let n = values.len() as f64;
    let sd = (values.iter().map(|v| (v - a.estimate).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    let half = 1.96 * sd / n.sqrt();
    assert!(
        ((a.upper - a.lower) / 2.0 - half).abs() < 0.1 * half,
        "{a:?} vs +-{half}"
    );
    let other = bootstrap_ci(values.len(), &BootstrapConfig { seed: 8, ..config }, mean).unwrap();
    assert_ne!(a.lower, other.lower, "another seed, other draws");
}

#[test]
fn bootstrap_skips_resamples_where_the_statistic_is_undefined() {
    // A C-index needs a comparable pair; with 3 patients some resamples have none.
    let times = [1.0, 2.0, 3.0];
    let events = [true, false, false];
    let risks = [0.9, 0.1, 0.5];
    let c = |idx: &[usize]| {
        harrell_c(
            &resample(&times, idx)?,
            &resample(&events, idx)?,
            &resample(&risks, idx)?,
        )
        .map(|c| c.index)
    };
    let config = BootstrapConfig {
        replicates: 200,
        ..BootstrapConfig::default()
    };
    let ci = bootstrap_ci(3, &config, c).unwrap();
    assert_eq!(ci.estimate, 1.0);
    assert!(ci.failed > 0 && ci.replicates + ci.failed == 200, "{ci:?}");
}
