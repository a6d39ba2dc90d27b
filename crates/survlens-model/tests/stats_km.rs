//! Kaplan-Meier estimates (survival, numbers at risk, exponential-Greenwood 95% interval,
//! median) and the k-group log-rank test against lifelines 0.30.3 `KaplanMeierFitter` and
//! `multivariate_logrank_test`, on the bundled cohorts and a 14-patient hand case.
//! Fixtures: tools/references/stats_fixtures.py.

// Helpers outside `#[test]` functions unwrap fixture fields too: a malformed fixture must
// fail loudly.
#![allow(clippy::unwrap_used, clippy::panic)]

mod stats_common;

use serde_json::Value;
use stats_common::{Csv, assert_all_close, assert_close, fixture, floats, strings};
use survlens_model::{KaplanMeier, ModelError, logrank_test};

/// The bar for Kaplan-Meier and log-rank against lifelines.
const TOL: f64 = 1e-6;

/// Compares one curve with lifelines' (which may be thinned to every k-th timeline row).
fn check_curve(times: &[f64], events: &[bool], want: &Value, what: &str) {
    let km = KaplanMeier::fit(times, events).unwrap();
    assert_eq!(
        km.time.len() as u64,
        want["length"].as_u64().unwrap(),
        "{what}: timeline length"
    );
    let every = want["every"].as_u64().unwrap() as usize;
    let pick = |v: &[f64]| -> Vec<f64> { v.iter().step_by(every).copied().collect() };
    // lifelines survival_function_ timeline (0, then every distinct time): exact times
    assert_eq!(pick(&km.time), floats(&want["time"]), "{what}: timeline");
    let at_risk: Vec<f64> = km.at_risk.iter().map(|&n| n as f64).collect();
    // lifelines event_table["at_risk"]: exact counts
    assert_eq!(pick(&at_risk), floats(&want["at_risk"]), "{what}: at risk");
    assert_all_close(
        &pick(&km.survival),
        &floats(&want["survival"]),
        0.0,
        TOL,
        &format!("{what}: survival"),
    );
    // lifelines confidence_interval_, alpha 0.05, exponential Greenwood
    assert_all_close(
        &pick(&km.ci_lower),
        &floats(&want["ci_lower"]),
        0.0,
        TOL,
        &format!("{what}: lower"),
    );
    assert_all_close(
        &pick(&km.ci_upper),
        &floats(&want["ci_upper"]),
        0.0,
        TOL,
        &format!("{what}: upper"),
    );
    // lifelines median_survival_time_ (inf as null)
    assert_eq!(km.median(), want["median"].as_f64(), "{what}: median");
}

fn check_logrank(times: &[f64], events: &[bool], groups: &[String], want: &Value, what: &str) {
    let test = logrank_test(times, events, groups).unwrap();
    assert_eq!(test.df as u64, want["df"].as_u64().unwrap(), "{what}: df");
    // lifelines multivariate_logrank_test test_statistic, 1e-6 relative
    assert_close(
        test.statistic,
        want["statistic"].as_f64().unwrap(),
        TOL,
        0.0,
        &format!("{what}: statistic"),
    );
    assert_close(
        test.p_value,
        want["p_value"].as_f64().unwrap(),
        TOL,
        1e-15,
        &format!("{what}: p"),
    );
}

#[test]
fn curves_and_logrank_equal_lifelines_on_the_cohorts() {
    let fx = fixture("stats_km.json");
    for case in fx["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let csv = Csv::read(case["file"].as_str().unwrap());
        let column = case["group_column"].as_str().unwrap();
        let (mut times, mut events, mut labels) = (vec![], vec![], vec![]);
        for row in 0..csv.rows.len() {
            if let Some(label) = csv.label(row, column) {
                times.push(csv.number(row, "time").unwrap());
                events.push(csv.number(row, "event").unwrap() == 1.0);
                labels.push(label);
            }
        }
        let groups = case["groups"].as_object().unwrap();
        check_curve(&times, &events, &groups["all"], &format!("{name} all"));
        for (label, want) in groups.iter().filter(|(k, _)| *k != "all") {
            let (t, e): (Vec<f64>, Vec<bool>) = (0..times.len())
                .filter(|&i| &labels[i] == label)
                .map(|i| (times[i], events[i]))
                .unzip();
            check_curve(&t, &e, want, &format!("{name} {label}"));
        }
        check_logrank(&times, &events, &labels, &case["logrank"], name);
    }
}

#[test]
fn hand_case_with_ties_equals_lifelines() {
    let fx = fixture("stats_small.json");
    let times = floats(&fx["time"]);
    let events: Vec<bool> = fx["event"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_bool().unwrap())
        .collect();
    let groups = strings(&fx["group"]);
    check_curve(&times, &events, &fx["km"]["all"], "small all");
    for label in ["a", "b", "c"] {
        let (t, e): (Vec<f64>, Vec<bool>) = (0..times.len())
            .filter(|&i| groups[i] == label)
            .map(|i| (times[i], events[i]))
            .unzip();
        check_curve(&t, &e, &fx["km"][label], &format!("small {label}"));
    }
    check_logrank(&times, &events, &groups, &fx["logrank"], "small");
}

#[test]
fn greenwood_by_hand() {
    // Times 1, 2, 2+, 3, 4; events at 1, 2, 3 (4 censored).
    // S(1) = 4/5; S(2) = 4/5 * 3/4 = 3/5; S(3) = 3/5 * 1/2 = 3/10.
    // Greenwood: 1/(5*4) + 1/(4*3) + 1/(2*1) = 0.05 + 0.08333.. + 0.5.
    let km = KaplanMeier::fit(
        &[1.0, 2.0, 2.0, 3.0, 4.0],
        &[true, true, false, true, false],
    )
    .unwrap();
    assert_eq!(km.time, vec![0.0, 1.0, 2.0, 3.0, 4.0]);
    assert_eq!(km.at_risk, vec![5, 5, 4, 2, 1]);
    assert_all_close(
        &km.survival,
        &[1.0, 0.8, 0.6, 0.3, 0.3],
        0.0,
        1e-15,
        "survival",
    );
    assert_close(
        km.greenwood[3],
        0.05 + 1.0 / 12.0 + 0.5,
        1e-15,
        0.0,
        "greenwood",
    );
    assert_eq!(km.median(), Some(3.0));
    assert_close(km.survival_at(2.5), 0.6, 1e-15, 0.0, "S(2.5)");
    assert_eq!(km.survival_at(-1.0), 1.0);
    // Everyone dead at the end: S = 0 with the interval collapsed onto it (lifelines).
    let km = KaplanMeier::fit(&[1.0, 2.0], &[true, true]).unwrap();
    assert_eq!(
        (km.survival[2], km.ci_lower[2], km.ci_upper[2]),
        (0.0, 0.0, 0.0)
    );
}

#[test]
fn logrank_rejects_a_single_group_and_bad_input() {
    let err = logrank_test(&[1.0, 2.0], &[true, true], &["a", "a"]).unwrap_err();
    assert!(matches!(err, ModelError::InsufficientData { .. }), "{err}");
    let err = logrank_test(&[1.0, 2.0], &[true, true], &["a"]).unwrap_err();
    assert!(matches!(err, ModelError::Length { .. }), "{err}");
    let err = KaplanMeier::fit(&[1.0, -2.0], &[true, true]).unwrap_err();
    assert!(
        matches!(err, ModelError::InvalidValue { patient: 1, .. }),
        "{err}"
    );
}
