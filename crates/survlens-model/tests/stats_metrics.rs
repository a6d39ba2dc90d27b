//! Discrimination and calibration metrics against the reference libraries: Harrell's and
//! Uno's C, cumulative/dynamic AUC, Brier and integrated Brier scores (scikit-survival
//! 0.28.0), Antolini's C (pycox 0.3.0), calibration by risk decile (numpy quantiles and
//! lifelines 0.30.3 Kaplan-Meier). Two settings: a 14-patient hand case (training =
//! test) and Rotterdam split into its first 2,000 rows (training, Cox fit by lifelines)
//! and the other 982 (test). Fixtures: tools/references/stats_fixtures.py.

// Helpers outside `#[test]` functions unwrap fixture fields too: a malformed fixture must
// fail loudly.
#![allow(clippy::unwrap_used, clippy::panic)]

mod stats_common;

use serde_json::Value;
use stats_common::{Csv, assert_all_close, assert_close, fixture, float, floats};
use survlens_model::{
    BreslowBaseline, KaplanMeier, ModelError, RiskGroups, antolini_c, brier_score, calibration_at,
    cumulative_dynamic_auc, harrell_c, integrated_brier_score, uno_c,
};

/// The bar against scikit-survival and pycox.
const TOL: f64 = 1e-6;

struct Split {
    train_times: Vec<f64>,
    train_events: Vec<bool>,
    times: Vec<f64>,
    events: Vec<bool>,
}

/// Every metric of one split against the fixture block `want`.
fn check_block(split: &Split, want: &Value, what: &str) {
    let risks = floats(&want["risks"]);
    let baseline = BreslowBaseline::from_parts(
        floats(&want["grid"]),
        floats(&want["baseline_cumulative_hazard"]),
    )
    .unwrap();
    let (tt, te, t, e) = (
        &split.train_times,
        &split.train_events,
        &split.times,
        &split.events,
    );

    // scikit-survival concordance_index_censored: index and all four counts
    let harrell = harrell_c(t, e, &risks).unwrap();
    let h = &want["harrell"];
    assert_close(
        harrell.index,
        float(&h["index"]),
        0.0,
        TOL,
        &format!("{what}: Harrell"),
    );
    assert_eq!(
        [
            harrell.concordant,
            harrell.discordant,
            harrell.tied_risk,
            harrell.tied_time
        ],
        ["concordant", "discordant", "tied_risk", "tied_time"].map(|k| h[k].as_u64().unwrap()),
        "{what}: Harrell pair counts"
    );
    // lifelines concordance_index agrees here (no risk ties closer than 1e-8 but unequal)
    let lifelines = float(&want["lifelines_concordance"]);
    assert_close(
        harrell.index,
        lifelines,
        0.0,
        TOL,
        &format!("{what}: lifelines C"),
    );

    // scikit-survival concordance_index_ipcw, with and without tau
    let uno = uno_c(tt, te, t, e, &risks, Some(float(&want["uno_tau"]))).unwrap();
    assert_close(
        uno.index,
        float(&want["uno"]),
        0.0,
        TOL,
        &format!("{what}: Uno, tau"),
    );
    let uno = uno_c(tt, te, t, e, &risks, None).unwrap();
    assert_close(
        uno.index,
        float(&want["uno_no_tau"]),
        0.0,
        TOL,
        &format!("{what}: Uno"),
    );

    // scikit-survival cumulative_dynamic_auc, 1-D risk and 2-D 1 - S(t | x)
    let auc_times = floats(&want["auc_times"]);
    let auc = cumulative_dynamic_auc(tt, te, t, e, &risks, &auc_times).unwrap();
    assert_all_close(
        &auc.auc,
        &floats(&want["auc"]),
        0.0,
        TOL,
        &format!("{what}: AUC"),
    );
    assert_close(
        auc.mean_auc,
        float(&want["mean_auc"]),
        0.0,
        TOL,
        &format!("{what}: mean AUC"),
    );
    let failure: Vec<f64> = baseline
        .survival_matrix(&risks, &auc_times)
        .unwrap()
        .iter()
        .map(|s| 1.0 - s)
        .collect();
    let auc = cumulative_dynamic_auc(tt, te, t, e, &failure, &auc_times).unwrap();
    let want_auc = floats(&want["auc_from_survival"]);
    assert_all_close(
        &auc.auc,
        &want_auc,
        0.0,
        TOL,
        &format!("{what}: AUC of 1 - S"),
    );
    let want_mean = float(&want["mean_auc_from_survival"]);
    assert_close(
        auc.mean_auc,
        want_mean,
        0.0,
        TOL,
        &format!("{what}: mean AUC of 1 - S"),
    );

    // scikit-survival brier_score and integrated_brier_score
    let brier_times = floats(&want["brier_times"]);
    let surv = baseline.survival_matrix(&risks, &brier_times).unwrap();
    let brier = brier_score(tt, te, t, e, &surv, &brier_times).unwrap();
    assert_all_close(
        &brier,
        &floats(&want["brier"]),
        0.0,
        TOL,
        &format!("{what}: Brier"),
    );
    let ibs = integrated_brier_score(tt, te, t, e, &surv, &brier_times).unwrap();
    assert_close(
        ibs,
        float(&want["integrated_brier"]),
        0.0,
        TOL,
        &format!("{what}: IBS"),
    );

    // pycox EvalSurv(surv on the grid).concordance_td("antolini")
    let grid = baseline.time().to_vec();
    let surv = baseline.survival_matrix(&risks, &grid).unwrap();
    let antolini = antolini_c(t, e, &grid, &surv).unwrap();
    assert_close(
        antolini,
        float(&want["antolini"]),
        0.0,
        TOL,
        &format!("{what}: Antolini"),
    );

    // numpy deciles + lifelines Kaplan-Meier per decile at the calibration time
    let at = float(&want["calibration_time"]);
    let predicted: Vec<f64> = risks.iter().map(|&r| baseline.survival_at(at, r)).collect();
    let deciles = RiskGroups::equal_sized(&risks, 10).unwrap();
    let calibration = calibration_at(t, e, &risks, &predicted, at, &deciles).unwrap();
    let want_groups = want["calibration"].as_array().unwrap();
    assert_eq!(
        calibration.len(),
        want_groups.len(),
        "{what}: calibration groups"
    );
    for (got, w) in calibration.iter().zip(want_groups) {
        let g = format!("{what}: calibration group {}", got.group);
        assert_eq!(got.group as u64, w["group"].as_u64().unwrap(), "{g}");
        assert_eq!(got.n as u64, w["n"].as_u64().unwrap(), "{g}: size");
        assert_close(
            got.predicted,
            float(&w["predicted"]),
            0.0,
            TOL,
            &format!("{g}: predicted"),
        );
        assert_close(
            got.observed,
            float(&w["observed"]),
            0.0,
            TOL,
            &format!("{g}: observed"),
        );
        let lower = float(&w["observed_lower"]);
        assert_close(got.observed_lower, lower, 0.0, TOL, &format!("{g}: lower"));
        let upper = if float(&w["observed"]) == 0.0 {
            // lifelines' exponential-Greenwood interval collapses to [0, 0] once the
            // estimate is 0; survlens gives the exact binomial bound over the patients
            // known dead by then (see the test below).
            let membership = deciles.assign_all(&risks).unwrap();
            let known = (0..t.len())
                .filter(|&i| membership[i] == got.group && e[i] && t[i] <= at)
                .count();
            survlens_model::metrics::zero_survival_upper(
                known,
                survlens_model::metrics::CALIBRATION_LEVEL,
            )
        } else {
            float(&w["observed_upper"])
        };
        assert_close(got.observed_upper, upper, 0.0, TOL, &format!("{g}: upper"));
    }
}

#[test]
fn hand_case_with_tied_times_and_risks_equals_scikit_survival_and_pycox() {
    let fx = fixture("stats_small.json");
    let times = floats(&fx["time"]);
    let events: Vec<bool> = fx["event"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_bool().unwrap())
        .collect();
    let split = Split {
        train_times: times.clone(),
        train_events: events.clone(),
        times,
        events,
    };
    let mut want = fx.clone();
    want["risks"] = fx["risk"].clone();
    check_block(&split, &want, "small");
}

#[test]
fn rotterdam_split_equals_scikit_survival_and_pycox() {
    let fx = fixture("stats_metrics.json");
    let want = &fx["splits"][0];
    let csv = Csv::read(want["file"].as_str().unwrap());
    let times: Vec<f64> = (0..csv.rows.len())
        .map(|r| csv.number(r, "time").unwrap())
        .collect();
    let events: Vec<bool> = (0..csv.rows.len())
        .map(|r| csv.number(r, "event").unwrap() == 1.0)
        .collect();
    let split = Split {
        train_times: times[..2000].to_vec(),
        train_events: events[..2000].to_vec(),
        times: times[2000..].to_vec(),
        events: events[2000..].to_vec(),
    };
    check_block(&split, want, "rotterdam");
}

#[test]
fn harrell_counts_by_hand() {
    // Times 1, 2, 3 (censored at 2). Comparable pairs: (1,2), (1,3); patient 2 is censored.
    // Risks 3, 1, 2: (1,2) concordant (3 > 1), (1,3) concordant (3 > 2). C = 1.
    let c = harrell_c(&[1.0, 2.0, 3.0], &[true, false, true], &[3.0, 1.0, 2.0]).unwrap();
    assert_eq!(
        (c.index, c.concordant, c.discordant, c.tied_risk),
        (1.0, 2, 0, 0)
    );
    // Same time, one event, one censored: comparable, and tied risks count one half.
    let c = harrell_c(&[1.0, 1.0], &[true, false], &[0.5, 0.5]).unwrap();
    assert_eq!((c.index, c.tied_risk, c.tied_time), (0.5, 1, 1));
    // Two events at the same time are not comparable.
    let err = harrell_c(&[1.0, 1.0], &[true, true], &[0.5, 0.1]).unwrap_err();
    assert!(matches!(err, ModelError::InsufficientData { .. }), "{err}");
}

#[test]
fn metric_inputs_outside_their_domain_are_typed_errors() {
    let (t, e) = ([1.0, 2.0, 3.0, 4.0], [true, false, true, false]);
    let risks = [0.4, 0.3, 0.2, 0.1];
    // Evaluation time at the last follow-up time: outside [min, max) as in scikit-survival.
    let err = cumulative_dynamic_auc(&t, &e, &t, &e, &risks, &[4.0]).unwrap_err();
    assert!(
        matches!(
            err,
            ModelError::OutsideFollowUp {
                time: 4.0,
                first: 1.0,
                last: 4.0,
                ..
            }
        ),
        "{err}"
    );
    let err = integrated_brier_score(&t, &e, &t, &e, &[0.5; 4], &[2.0]).unwrap_err();
    assert!(
        matches!(err, ModelError::InsufficientData { has: 1, .. }),
        "{err}"
    );
    let err = brier_score(&t, &e, &t, &e, &[0.5; 3], &[2.0]).unwrap_err();
    assert!(matches!(err, ModelError::Length { .. }), "{err}");
    // Test events after the last training time: the censoring distribution is undefined.
    let err = uno_c(
        &[1.0, 2.0],
        &[false, true],
        &[1.0, 5.0],
        &[false, true],
        &[0.1, 0.2],
        None,
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            ModelError::BeyondFollowUp {
                time: 5.0,
                last: 2.0,
                ..
            }
        ),
        "{err}"
    );
    // ... and where it has reached zero, the weight 1 / G is undefined.
    let err = uno_c(
        &[1.0, 2.0],
        &[true, false],
        &[1.0, 2.0],
        &[false, true],
        &[0.1, 0.2],
        None,
    )
    .unwrap_err();
    assert!(
        matches!(err, ModelError::CensoringExhausted { .. }),
        "{err}"
    );
    let err = antolini_c(&t, &e, &[1.0, 2.0], &[1.0; 7]).unwrap_err();
    assert!(matches!(err, ModelError::Length { .. }), "{err}");
    let err = harrell_c(&t, &e, &[0.1, f64::NAN, 0.2, 0.3]).unwrap_err();
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
}

#[test]
fn quantile_matches_numpy_and_handles_edges() {
    // numpy.quantile([1, 2, 4, 8, 16], [0, 0.3, 0.5, 0.9, 1]) (numpy 2.4, method "linear").
    let sorted = [1.0, 2.0, 4.0, 8.0, 16.0];
    for (q, want) in [(0.0, 1.0), (0.3, 2.4), (0.5, 4.0), (0.9, 12.8), (1.0, 16.0)] {
        assert_eq!(survlens_model::quantile_sorted(&sorted, q), want, "q = {q}");
    }
    // numpy.quantile([0.1, 0.7], 0.25) == 0.25 exactly, by its two-sided formula.
    assert_eq!(survlens_model::quantile_sorted(&[0.1, 0.7], 0.25), 0.25);
    assert_eq!(survlens_model::quantile_sorted(&[5.0], 0.3), 5.0);
    // Outside [0, 1] clamps; nothing to take a quantile of is NaN.
    assert_eq!(survlens_model::quantile_sorted(&sorted, 1.5), 16.0);
    assert_eq!(survlens_model::quantile_sorted(&sorted, -0.5), 1.0);
    assert!(survlens_model::quantile_sorted(&[], 0.5).is_nan());
}

/// A risk group whose Kaplan-Meier estimate has reached 0 by the calibration time: the
/// exponential-Greenwood interval would be `[0, 0]`, which no prediction above 0 can lie
/// in. Its upper limit is the Clopper-Pearson bound for no survivor among the patients
/// known dead by then: the 97.5% quantile of Beta(1, n), checked against statrs' Beta
/// distribution.
#[test]
fn a_group_that_all_died_gets_the_exact_binomial_bound() {
    use statrs::distribution::{Beta, ContinuousCDF};
    use survlens_model::metrics::{CALIBRATION_LEVEL, zero_survival_upper};
    for n in [1usize, 3, 10, 150, 1_000] {
        let want = Beta::new(1.0, n as f64).unwrap().inverse_cdf(0.975);
        assert_close(
            zero_survival_upper(n, CALIBRATION_LEVEL),
            want,
            1e-9,
            0.0,
            "Beta(1, n)",
        );
    }
    assert_eq!(zero_survival_upper(0, CALIBRATION_LEVEL), 1.0);

    // Two groups of 150: in the low-risk one a third die, some of them before the horizon;
    // every patient of the high-risk one dies before it (two are censored early and do not
    // count as known).
    let n = 150;
    let mut times = Vec::new();
    let mut events = Vec::new();
    let mut risks = Vec::new();
    for i in 0..n {
        times.push(200.0 + 2.0 * i as f64);
        events.push(i % 3 == 0);
        risks.push(-1.0);
    }
    for i in 0..n {
        times.push(10.0 + i as f64);
        events.push(i >= 2);
        risks.push(1.0);
    }
    let predicted: Vec<f64> = risks
        .iter()
        .map(|&r| if r > 0.0 { 0.01 } else { 0.95 })
        .collect();
    let groups = RiskGroups::equal_sized(&risks, 2).unwrap();
    let at = 365.0;
    for summary in [
        calibration_at(&times, &events, &risks, &predicted, at, &groups).unwrap(),
        survlens_model::calibration_summary(&times, &events, &risks, &predicted, at, &groups)
            .unwrap()
            .groups,
    ] {
        let high = summary.last().unwrap();
        assert_eq!(high.observed, 0.0);
        assert_eq!(high.observed_lower, 0.0);
        assert_close(
            high.observed_upper,
            Beta::new(1.0, (n - 2) as f64).unwrap().inverse_cdf(0.975),
            1e-9,
            0.0,
            "148 known deaths",
        );
        assert!(high.predicted <= high.observed_upper);
        // The group that did not reach 0 keeps its Kaplan-Meier interval.
        let low = &summary[0];
        let km = KaplanMeier::fit(&times[..n], &events[..n]).unwrap();
        let j = km.time.iter().rposition(|&u| u <= at).unwrap();
        assert!(low.observed > 0.0 && low.observed < 1.0);
        assert_eq!(
            (low.observed, low.observed_lower, low.observed_upper),
            (km.survival[j], km.ci_lower[j], km.ci_upper[j])
        );
    }
}
