//! The outcome test of a screened pair against statsmodels 0.15.0 `PHReg(ties="efron",
//! strata=, offset=)` on two small synthetic cohorts stored in
//! tests/fixtures/reference/xai_interaction_confirm.json (written by
//! tools/references/xai_interaction_confirm.py, which builds the design as the `confirm`
//! module documents it: the risk's slope and curvature, further covariates, scales, steps,
//! missing indicators and their products with the other marker, product).
#![allow(clippy::unwrap_used, clippy::panic)]

use serde_json::Value;
use survlens_xai::interactions::{MarkerScale, OutcomeData, TestSample, test_pair};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/reference/xai_interaction_confirm.json"
);

fn f64s(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap_or(f64::NAN))
        .collect()
}

fn scale(name: &str) -> MarkerScale {
    match name {
        "binary" => MarkerScale::Binary,
        "ordinal" => MarkerScale::Ordinal,
        _ => MarkerScale::Numeric,
    }
}

#[test]
fn the_pair_test_matches_statsmodels() {
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap();
    for case in doc["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let time = f64s(&case["time"]);
        let n = time.len();
        let event: Vec<bool> = case["event"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e.as_bool().unwrap())
            .collect();
        let strata: Vec<u32> = case["stratum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_u64().unwrap() as u32)
            .collect();
        let risk = f64s(&case["risk"]);
        let (a, b) = (f64s(&case["a"]), f64s(&case["b"]));
        let values: Vec<f32> = (0..n).flat_map(|i| [a[i] as f32, b[i] as f32]).collect();
        let scales = [
            scale(case["a_scale"].as_str().unwrap()),
            scale(case["b_scale"].as_str().unwrap()),
        ];
        let data = OutcomeData {
            times: &time,
            events: &event,
            strata: &strata,
            values: &values,
            scales: &scales,
        };
        let rows: Vec<usize> = (0..n).collect();
        let covariates: Vec<Vec<f64>> = case.get("covariates").map_or_else(Vec::new, |c| {
            c.as_array().unwrap().iter().map(f64s).collect()
        });
        let test = test_pair(
            &data,
            0,
            1,
            &TestSample {
                rows: &rows,
                risk: &risk,
                stratum: &strata,
                covariates: &covariates,
            },
            &[],
        )
        .unwrap();
        let want = &case["expected"];
        assert!(test.problem.is_none(), "{name}: {:?}", test.problem);
        assert_eq!(
            test.events as u64,
            want["events"].as_u64().unwrap(),
            "{name}"
        );
        // statsmodels iterates to tol 1e-12: coefficient to 1e-6 of its standard error,
        // standard error 1e-5 relative, the LR statistic 1e-6 absolute, p 1e-7 absolute.
        let gamma = test.log_hazard_ratio.unwrap();
        let se = test.standard_error.unwrap();
        let want_gamma = want["log_hazard_ratio"].as_f64().unwrap();
        let want_se = want["standard_error"].as_f64().unwrap();
        assert!(
            (gamma - want_gamma).abs() < 1e-6 * want_se,
            "{name}: {gamma} vs {want_gamma}"
        );
        assert!(
            (se - want_se).abs() < 1e-5 * want_se,
            "{name}: {se} vs {want_se}"
        );
        let lr = test.lr_statistic.unwrap();
        let want_lr = want["lr_statistic"].as_f64().unwrap();
        assert!((lr - want_lr).abs() < 1e-6, "{name}: LR {lr} vs {want_lr}");
        let want_p = want["p_value"].as_f64().unwrap();
        assert!(
            (test.p_value - want_p).abs() < 1e-7,
            "{name}: p {} vs {want_p}",
            test.p_value
        );
        let (lo, hi) = test.interval.unwrap();
        let want_ci = f64s(&want["interval"]);
        assert!((lo / want_ci[0] - 1.0).abs() < 1e-5 && (hi / want_ci[1] - 1.0).abs() < 1e-5);
        assert!((test.hazard_ratio.unwrap() - gamma.exp()).abs() < 1e-15);
    }
}

#[test]
fn an_untestable_pair_says_why() {
    // Marker b never varies among the test patients: p = 1 and the reason.
    let time = [5.0, 3.0, 8.0, 2.0];
    let event = [true, false, true, true];
    let strata = [0u32; 4];
    let values = [1.0f32, 2.0, 0.0, 2.0, 1.0, 2.0, 0.0, 2.0];
    let scales = [MarkerScale::Binary, MarkerScale::Numeric];
    let data = OutcomeData {
        times: &time,
        events: &event,
        strata: &strata,
        values: &values,
        scales: &scales,
    };
    let test = test_pair(&data, 0, 1, &sample(&[0, 1, 2, 3], &[0.0; 4], &strata), &[]).unwrap();
    assert_eq!(test.p_value, 1.0);
    assert!(test.problem.unwrap().contains("marker 1 takes one value"));
    assert!(test_pair(&data, 0, 2, &sample(&[0], &[0.0], &[0]), &[]).is_err());
    assert!(test_pair(&data, 0, 1, &sample(&[0, 9], &[0.0; 2], &[0; 2]), &[]).is_err());
}

fn sample<'a>(rows: &'a [usize], risk: &'a [f64], stratum: &'a [u32]) -> TestSample<'a> {
    TestSample {
        rows,
        risk,
        stratum,
        covariates: &[],
    }
}
