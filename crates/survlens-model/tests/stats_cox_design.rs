//! Stratified Cox fits with an offset, and the likelihood-ratio test of nested models,
//! against statsmodels 0.15.0 `PHReg(strata=, offset=)` (Efron and Breslow ties) and
//! lifelines 0.30.3 `CoxPHFitter(strata=)` (Efron, no offset) on the Rotterdam cohort.
//! Fixture: tools/references/stats_cox_design.py (its docstring states the design).

#![allow(clippy::unwrap_used, clippy::panic)]

mod stats_common;

use serde_json::Value;
use stats_common::{Csv, assert_all_close, assert_close, fixture, float, floats, strings};
use survlens_model::{CoxPh, CoxPhConfig, CoxPhDesign, CoxPhTies, ModelError};

/// Both references iterate to the optimum (statsmodels `tol=1e-12`, lifelines to a step of
/// 1e-14): coefficients to 1e-6 relative or a millionth of their standard error, standard
/// errors to 1e-5 relative (statsmodels' numerical optimiser stops a little short),
/// log-likelihoods to 1e-9 relative, the likelihood-ratio statistic to 1e-5 absolute.
const COEF_REL: f64 = 1e-6;
const SE_REL: f64 = 1e-5;
const LL_REL: f64 = 1e-9;
const LR_ABS: f64 = 1e-5;

struct Design {
    times: Vec<f64>,
    events: Vec<bool>,
    /// `n x 3`: nodes, hormon, nodes * hormon.
    full: Vec<f64>,
    /// `n x 2`: nodes, hormon.
    reduced: Vec<f64>,
    strata: Vec<u32>,
    offset: Vec<f64>,
    n: usize,
}

fn design(spec: &Value) -> Design {
    let csv = Csv::read(spec["file"].as_str().unwrap());
    let levels = strings(&spec["strata_levels"]);
    let mut d = Design {
        times: vec![],
        events: vec![],
        full: vec![],
        reduced: vec![],
        strata: vec![],
        offset: vec![],
        n: csv.rows.len(),
    };
    for row in 0..csv.rows.len() {
        let nodes = csv.number(row, "num_nodes").unwrap();
        let hormon = f64::from(u8::from(csv.label(row, "fac_hormon").unwrap() == "yes"));
        d.times.push(csv.number(row, "time").unwrap());
        d.events.push(csv.number(row, "event").unwrap() == 1.0);
        d.full.extend([nodes, hormon, nodes * hormon]);
        d.reduced.extend([nodes, hormon]);
        let size = csv.label(row, "fac_tsize").unwrap();
        d.strata
            .push(levels.iter().position(|l| *l == size).unwrap() as u32);
        // The fixture's rule, in the same double-precision operations.
        d.offset
            .push(0.03 * (csv.number(row, "num_age").unwrap() - 55.0));
    }
    d
}

fn check(model: &CoxPh, want: &Value, what: &str) {
    for (j, (got, w)) in model
        .coefficients
        .iter()
        .zip(floats(&want["coefficients"]))
        .enumerate()
    {
        let abs = 1e-6 * model.standard_errors[j];
        assert_close(*got, w, COEF_REL, abs, &format!("{what} coefficient {j}"));
    }
    assert_all_close(
        &model.standard_errors,
        &floats(&want["standard_errors"]),
        SE_REL,
        0.0,
        &format!("{what} standard errors"),
    );
    assert_close(
        model.log_likelihood,
        float(&want["log_likelihood"]),
        LL_REL,
        0.0,
        &format!("{what} log-likelihood"),
    );
}

#[test]
fn stratified_offset_fits_match_statsmodels_and_lifelines() {
    let spec = fixture("stats_cox_design.json");
    let d = design(&spec);
    assert_eq!(d.n as u64, spec["n"].as_u64().unwrap());
    let cases = spec["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 7);
    for case in cases {
        let ties = match case["ties"].as_str().unwrap() {
            "efron" => CoxPhTies::Efron,
            _ => CoxPhTies::Breslow,
        };
        let config = CoxPhConfig {
            ties,
            ..CoxPhConfig::default()
        };
        let design = CoxPhDesign {
            strata: case["strata"].as_bool().unwrap().then_some(&d.strata[..]),
            offset: case["offset"].as_bool().unwrap().then_some(&d.offset[..]),
        };
        let what = format!(
            "{} {:?} strata {} offset {}",
            case["library"], ties, case["strata"], case["offset"]
        );
        let full =
            CoxPh::fit_design(&d.full, d.n, 3, &d.times, &d.events, design, &config).unwrap();
        let reduced =
            CoxPh::fit_design(&d.reduced, d.n, 2, &d.times, &d.events, design, &config).unwrap();
        check(&full, &case["full"], &format!("{what}, full"));
        check(&reduced, &case["reduced"], &format!("{what}, reduced"));
        let lr = full.nested_likelihood_ratio(&reduced).unwrap();
        let want = &case["likelihood_ratio"];
        assert_eq!(lr.df, 1);
        assert_close(lr.statistic, float(&want["statistic"]), 0.0, LR_ABS, &what);
        // p = chi2 sf: its derivative is at most the chi-square density, below 0.5 here.
        assert_close(lr.p_value, float(&want["p_value"]), 0.0, LR_ABS, &what);
        assert_eq!(full.n_strata, if design.strata.is_some() { 3 } else { 1 });
        assert!(full.concordance.is_none());
    }
}

#[test]
fn a_plain_design_is_the_plain_fit_bit_for_bit() {
    let spec = fixture("stats_cox_design.json");
    let d = design(&spec);
    let config = CoxPhConfig::default();
    let plain = CoxPh::fit(&d.full, d.n, 3, &d.times, &d.events, &config).unwrap();
    let designed = CoxPh::fit_design(
        &d.full,
        d.n,
        3,
        &d.times,
        &d.events,
        CoxPhDesign::default(),
        &config,
    )
    .unwrap();
    assert_eq!(plain, designed);
    // One stratum for everybody is no stratification: the same numbers up to the order of
    // summation (none here: the stable sort keeps the time order), and no concordance.
    let one = vec![7u32; d.n];
    let single = CoxPh::fit_design(
        &d.full,
        d.n,
        3,
        &d.times,
        &d.events,
        CoxPhDesign {
            strata: Some(&one),
            offset: None,
        },
        &config,
    )
    .unwrap();
    assert_eq!(single.coefficients, plain.coefficients);
    assert_eq!(single.log_likelihood, plain.log_likelihood);
}

#[test]
fn an_offset_of_a_covariate_moves_its_coefficient_by_one() {
    // Invariant: with offset c * x_j, the fitted coefficient of x_j drops by exactly c (the
    // likelihood only sees x . beta + offset); other coefficients and the log-likelihood are
    // unchanged. Tolerance: 1e-8 (Newton's convergence criterion).
    let spec = fixture("stats_cox_design.json");
    let d = design(&spec);
    let config = CoxPhConfig::default();
    let plain = CoxPh::fit(&d.reduced, d.n, 2, &d.times, &d.events, &config).unwrap();
    let offset: Vec<f64> = d.reduced.chunks(2).map(|r| 0.05 * r[0]).collect();
    let shifted = CoxPh::fit_design(
        &d.reduced,
        d.n,
        2,
        &d.times,
        &d.events,
        CoxPhDesign {
            strata: None,
            offset: Some(&offset),
        },
        &config,
    )
    .unwrap();
    assert!((shifted.coefficients[0] - (plain.coefficients[0] - 0.05)).abs() < 1e-8);
    assert!((shifted.coefficients[1] - plain.coefficients[1]).abs() < 1e-8);
    assert!((shifted.log_likelihood - plain.log_likelihood).abs() < 1e-8);
}

#[test]
fn bad_designs_and_unnested_tests_are_refused() {
    let spec = fixture("stats_cox_design.json");
    let d = design(&spec);
    let config = CoxPhConfig::default();
    let short = vec![0u32; d.n - 1];
    let err = CoxPh::fit_design(
        &d.reduced,
        d.n,
        2,
        &d.times,
        &d.events,
        CoxPhDesign {
            strata: Some(&short),
            offset: None,
        },
        &config,
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            ModelError::Length {
                what: "stratum",
                ..
            }
        ),
        "{err}"
    );
    let mut offset = d.offset.clone();
    offset[5] = f64::NAN;
    let err = CoxPh::fit_design(
        &d.reduced,
        d.n,
        2,
        &d.times,
        &d.events,
        CoxPhDesign {
            strata: None,
            offset: Some(&offset),
        },
        &config,
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            ModelError::NonFinite {
                patient: Some(5),
                ..
            }
        ),
        "{err}"
    );
    let full = CoxPh::fit(&d.full, d.n, 3, &d.times, &d.events, &config).unwrap();
    let reduced = CoxPh::fit(&d.reduced, d.n, 2, &d.times, &d.events, &config).unwrap();
    assert!(reduced.nested_likelihood_ratio(&full).is_err());
    let half = d.n / 2;
    let other = CoxPh::fit(
        &d.reduced[..half * 2],
        half,
        2,
        &d.times[..half],
        &d.events[..half],
        &config,
    )
    .unwrap();
    assert!(full.nested_likelihood_ratio(&other).is_err());
}
