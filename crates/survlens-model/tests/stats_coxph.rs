//! Linear Cox regression against the reference libraries: lifelines 0.30.3 `CoxPHFitter`
//! (Efron ties, with and without ridge penalty; fixtures iterate it to the optimum with
//! `fit_options={"precision": 1e-12, "r_precision": 1e-14}`) and statsmodels 0.15.0
//! `PHReg(ties="breslow")`, on the bundled cohorts and a 14-patient hand case. Fixtures:
//! tools/references/stats_fixtures.py.

// Helpers outside `#[test]` functions unwrap fixture fields too: a malformed fixture must
// fail loudly.
#![allow(clippy::unwrap_used, clippy::panic)]

mod stats_common;

use serde_json::Value;
use stats_common::{
    Cohort, assert_all_close, assert_close, complete_rows, fixture, floats, strings,
};
use survlens_model::{BreslowBaseline, CoxPh, CoxPhConfig, CoxPhTies, ModelError};

/// The bar is 1e-4 relative; against references iterated to the optimum we hold
/// coefficients to 1e-6 relative or a millionth of their standard error (a coefficient
/// near zero on a wide-ranging covariate, like meal calories, is only determined that
/// well), and log-likelihoods to 1e-9 relative.
const COEF_REL: f64 = 1e-6;
const COEF_SE: f64 = 1e-6;
const LL_REL: f64 = 1e-9;
const SE_REL: f64 = 1e-6;

fn fit(cohort: &Cohort, ties: CoxPhTies, penalizer: f64) -> CoxPh {
    let config = CoxPhConfig {
        ties,
        penalizer,
        ..CoxPhConfig::default()
    };
    CoxPh::fit(
        &cohort.x,
        cohort.n,
        cohort.p,
        &cohort.times,
        &cohort.events,
        &config,
    )
    .unwrap()
}

/// Compares a fit with a lifelines (or statsmodels) summary in the fixture.
fn check_against(model: &CoxPh, want: &Value, what: &str) {
    let want_coefficients = floats(&want["coefficients"]);
    for (j, (got, w)) in model
        .coefficients
        .iter()
        .zip(&want_coefficients)
        .enumerate()
    {
        let abs = COEF_SE * model.standard_errors[j];
        assert_close(*got, *w, COEF_REL, abs, &format!("{what} coefficient {j}"));
    }
    assert_all_close(
        &model.standard_errors,
        &floats(&want["standard_errors"]),
        SE_REL,
        1e-12,
        &format!("{what} standard errors"),
    );
    assert_close(
        model.log_likelihood,
        want["log_likelihood"].as_f64().unwrap(),
        LL_REL,
        0.0,
        &format!("{what} log-likelihood"),
    );
    if let Some(z) = want.get("z") {
        assert_all_close(
            &model.z,
            &floats(z),
            COEF_REL,
            COEF_SE,
            &format!("{what} z"),
        );
        // p-values: relative error of z carries over roughly as z^2 * rel.
        assert_all_close(
            &model.p_values,
            &floats(&want["p_values"]),
            1e-4,
            1e-12,
            &format!("{what} p"),
        );
    }
}

/// lifelines' baseline, log partial hazards and medians, from our fit's log-risks.
fn check_predictions(model: &CoxPh, cohort: &Cohort, want: &Value, what: &str) {
    let risks = model.log_risk(&cohort.x, cohort.n).unwrap();
    let head = floats(&want["head_log_risk"]);
    // lifelines 0.30.3 predict_log_partial_hazard, centred on the training means
    assert_all_close(
        &risks[..head.len()],
        &head,
        1e-6,
        1e-9,
        &format!("{what} log-risk"),
    );
    let baseline = BreslowBaseline::fit(&cohort.times, &cohort.events, &risks).unwrap();
    let times = floats(&want["baseline_times"]);
    let h0: Vec<f64> = times
        .iter()
        .map(|&t| baseline.cumulative_hazard_at(t))
        .collect();
    // lifelines baseline_cumulative_hazard_ (Breslow), 1e-6 relative
    assert_all_close(
        &h0,
        &floats(&want["baseline_cumulative_hazard"]),
        1e-6,
        1e-12,
        &format!("{what} H0"),
    );
    for (i, m) in want["head_median"].as_array().unwrap().iter().enumerate() {
        // lifelines predict_median: first time with S(t|x) <= 0.5, infinity as null
        assert_eq!(
            baseline.median_survival(risks[i]),
            m.as_f64(),
            "{what} median of patient {i}"
        );
    }
}

#[test]
fn efron_breslow_and_ridge_fits_equal_lifelines_and_statsmodels_on_the_cohorts() {
    let fx = fixture("stats_cox.json");
    for c in fx["cohorts"].as_array().unwrap() {
        let name = c["name"].as_str().unwrap();
        let cohort = complete_rows(c["file"].as_str().unwrap(), &strings(&c["covariates"]));
        assert_eq!(
            cohort.n as u64,
            c["n"].as_u64().unwrap(),
            "{name}: rows kept"
        );

        let efron = fit(&cohort, CoxPhTies::Efron, 0.0);
        check_against(&efron, &c["efron"], &format!("{name} Efron vs lifelines"));
        check_against(
            &efron,
            &c["efron_statsmodels"],
            &format!("{name} Efron vs statsmodels"),
        );
        check_predictions(&efron, &cohort, &c["efron"], &format!("{name} Efron"));
        // lifelines concordance_index_, 1e-6: lifelines ties risks only when exactly equal,
        // we (as scikit-survival) within 1e-8, which moves SUPPORT's C by 1.5e-8.
        assert_close(
            efron.concordance.unwrap(),
            c["efron"]["concordance"].as_f64().unwrap(),
            0.0,
            1e-6,
            &format!("{name} concordance"),
        );

        let ridge = fit(&cohort, CoxPhTies::Efron, 0.1);
        check_against(
            &ridge,
            &c["efron_penalized"],
            &format!("{name} Efron, penalizer 0.1"),
        );

        let breslow = fit(&cohort, CoxPhTies::Breslow, 0.0);
        check_against(
            &breslow,
            &c["breslow"],
            &format!("{name} Breslow vs statsmodels"),
        );
    }
}

fn small_cohort(fx: &Value) -> Cohort {
    let x: Vec<f64> = fx["x"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(floats)
        .collect();
    let times = floats(&fx["time"]);
    Cohort {
        n: times.len(),
        p: 2,
        times,
        events: fx["event"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e.as_bool().unwrap())
            .collect(),
        x,
    }
}

#[test]
fn hand_case_with_tied_events_equals_lifelines_and_statsmodels() {
    let fx = fixture("stats_small.json");
    let cohort = small_cohort(&fx);
    let efron = fit(&cohort, CoxPhTies::Efron, 0.0);
    check_against(&efron, &fx["cox"]["efron"], "small Efron vs lifelines");
    check_against(
        &efron,
        &fx["cox"]["efron_statsmodels"],
        "small Efron vs statsmodels",
    );
    check_predictions(&efron, &cohort, &fx["cox"]["efron"], "small Efron");
    let ridge = fit(&cohort, CoxPhTies::Efron, 0.5);
    check_against(
        &ridge,
        &fx["cox"]["efron_penalized"],
        "small Efron, penalizer 0.5",
    );
    check_predictions(
        &ridge,
        &cohort,
        &fx["cox"]["efron_penalized"],
        "small Efron, penalizer 0.5",
    );
    let breslow = fit(&cohort, CoxPhTies::Breslow, 0.0);
    check_against(
        &breslow,
        &fx["cox"]["breslow"],
        "small Breslow vs statsmodels",
    );
    // Tied events make the two approximations differ: the test would not notice a mix-up
    // otherwise.
    assert!((efron.coefficients[0] - breslow.coefficients[0]).abs() > 1e-3);
}

#[test]
fn without_ties_efron_and_breslow_coincide() {
    let fx = fixture("stats_small.json");
    let mut cohort = small_cohort(&fx);
    for (k, t) in cohort.times.iter_mut().enumerate() {
        *t += k as f64 * 1e-3; // all distinct, order kept
    }
    let efron = fit(&cohort, CoxPhTies::Efron, 0.0);
    let breslow = fit(&cohort, CoxPhTies::Breslow, 0.0);
    assert_all_close(
        &efron.coefficients,
        &breslow.coefficients,
        1e-12,
        1e-14,
        "coefficients",
    );
    assert_close(
        efron.log_likelihood,
        breslow.log_likelihood,
        1e-14,
        0.0,
        "log-likelihood",
    );
}

#[test]
fn likelihood_ratio_statistic_is_twice_the_log_likelihood_gain() {
    let fx = fixture("stats_small.json");
    let model = fit(&small_cohort(&fx), CoxPhTies::Efron, 0.0);
    let (statistic, df, p) = model.likelihood_ratio_test().unwrap();
    assert_close(
        statistic,
        2.0 * (model.log_likelihood - model.null_log_likelihood),
        1e-15,
        0.0,
        "LR",
    );
    assert_eq!(df, 2);
    assert!(statistic > 0.0 && p > 0.0 && p < 1.0);
}

#[test]
fn collinear_and_constant_covariates_are_singular() {
    let times = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
    let events = [true, false, true, true, false, true];
    let collinear = [0.1, 0.2, 0.5, 1.0, 0.3, 0.6, 0.9, 1.8, 0.2, 0.4, 0.7, 1.4];
    let err = CoxPh::fit(&collinear, 6, 2, &times, &events, &CoxPhConfig::default()).unwrap_err();
    assert!(matches!(err, ModelError::Singular { .. }), "{err}");
    let constant = [0.1, 1.0, 0.5, 1.0, 0.3, 1.0, 0.9, 1.0, 0.2, 1.0, 0.7, 1.0];
    let err = CoxPh::fit(&constant, 6, 2, &times, &events, &CoxPhConfig::default()).unwrap_err();
    assert!(
        matches!(err, ModelError::ConstantCovariate { covariate: 1, .. }),
        "{err}"
    );
}

#[test]
fn complete_separation_does_not_converge_and_ridge_rescues_it() {
    // Higher covariate, earlier event, without exception: the likelihood keeps rising as
    // beta grows.
    let times = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
    let events = [true, true, true, true, true, false];
    let x = [6.0, 5.0, 4.0, 3.0, 2.0, 1.0];
    let err = CoxPh::fit(&x, 6, 1, &times, &events, &CoxPhConfig::default()).unwrap_err();
    assert!(matches!(err, ModelError::NotConverged { .. }), "{err}");
    let ridge = CoxPhConfig {
        penalizer: 0.1,
        ..CoxPhConfig::default()
    };
    let model = CoxPh::fit(&x, 6, 1, &times, &events, &ridge).unwrap();
    assert!(model.coefficients[0] > 0.0 && model.coefficients[0].is_finite());
}

#[test]
fn bad_input_is_a_typed_error() {
    let cfg = CoxPhConfig::default();
    let err = CoxPh::fit(&[1.0, 2.0], 2, 1, &[1.0, 2.0], &[false, false], &cfg).unwrap_err();
    assert!(matches!(err, ModelError::InsufficientData { .. }), "{err}");
    let err = CoxPh::fit(&[1.0, f64::NAN], 2, 1, &[1.0, 2.0], &[true, false], &cfg).unwrap_err();
    assert!(
        matches!(
            err,
            ModelError::NonFinite {
                patient: Some(1),
                ..
            }
        ),
        "{err}"
    );
    let err = CoxPh::fit(&[1.0, 2.0, 3.0], 2, 1, &[1.0, 2.0], &[true, false], &cfg).unwrap_err();
    assert!(matches!(err, ModelError::Length { .. }), "{err}");
    let bad = CoxPhConfig {
        penalizer: -1.0,
        ..CoxPhConfig::default()
    };
    let err = CoxPh::fit(&[1.0, 2.0], 2, 1, &[1.0, 2.0], &[true, false], &bad).unwrap_err();
    assert!(matches!(err, ModelError::InvalidSetting { .. }), "{err}");
}
