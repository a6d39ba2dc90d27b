//! Survival outputs worked out by hand: Breslow's baseline hazard and the survival curves
//! and medians built on it, and risk groups fixed on a training cohort. (The same
//! estimators are checked against lifelines on real cohorts in stats_coxph.rs and
//! stats_metrics.rs.)

use survlens_model::{BreslowBaseline, ModelError, RiskGroups};

#[test]
fn breslow_baseline_by_hand() {
    // Times 1, 2, 3+ with log-risks 0, ln 2, 0. At t = 1 everyone is at risk:
    // sum exp(r) = 1 + 2 + 1 = 4, one event -> 1/4. At t = 2: 2 + 1 = 3 -> 1/3.
    let risks = [0.0, 2f64.ln(), 0.0];
    let base = BreslowBaseline::fit(&[1.0, 2.0, 3.0], &[true, true, false], &risks).unwrap();
    assert_eq!(base.time(), &[1.0, 2.0]);
    let want = [0.25, 0.25 + 1.0 / 3.0];
    for (got, want) in base.cumulative_hazard().iter().zip(want) {
        assert!((got - want).abs() < 1e-15, "{got} vs {want}");
    }
    assert_eq!(base.cumulative_hazard_at(0.5), 0.0);
    assert_eq!(base.cumulative_hazard_at(2.5), base.cumulative_hazard()[1]);
    // S(2 | r = ln 2) = exp(-7/12 * 2)
    assert!((base.survival_at(2.0, 2f64.ln()) - (-7.0f64 / 6.0).exp()).abs() < 1e-15);
    // Median: first time with H0 exp(r) >= ln 2. r = ln 2: 0.5 at t=1, 7/6 at t=2 -> 2.
    assert_eq!(base.median_survival(2f64.ln()), Some(2.0));
    // r = 0 never gets there (H0 tops out at 7/12 < ln 2).
    assert_eq!(base.median_survival(0.0), None);
    // Curves on a grid: patients x times, row-major.
    let surv = base.survival_matrix(&[0.0, 1.0], &[0.5, 1.0, 2.0]).unwrap();
    assert_eq!(surv.len(), 6);
    assert_eq!(surv[0], 1.0);
    assert!((surv[4] - (-0.25 * 1f64.exp()).exp()).abs() < 1e-15);
}

#[test]
fn baseline_rejects_data_without_events_and_unsorted_grids() {
    let err = BreslowBaseline::fit(&[1.0, 2.0], &[false, false], &[0.0, 0.0]).unwrap_err();
    assert!(matches!(err, ModelError::InsufficientData { .. }), "{err}");
    let base = BreslowBaseline::fit(&[1.0, 2.0], &[true, false], &[0.0, 0.0]).unwrap();
    let err = base.survival_matrix(&[0.0], &[2.0, 1.0]).unwrap_err();
    assert!(matches!(err, ModelError::InvalidSetting { .. }), "{err}");
    // Stored baselines are checked when read back.
    let err = BreslowBaseline::from_parts(vec![1.0, 2.0], vec![0.5, 0.2]).unwrap_err();
    assert!(matches!(err, ModelError::InvalidSetting { .. }), "{err}");
    let err = BreslowBaseline::from_parts(vec![1.0, 2.0], vec![0.5]).unwrap_err();
    assert!(matches!(err, ModelError::Length { .. }), "{err}");
    let json = r#"{"time": [2.0, 1.0], "cumulative_hazard": [0.1, 0.2]}"#;
    assert!(serde_json::from_str::<BreslowBaseline>(json).is_err());
    let stored = serde_json::to_string(&base).unwrap();
    assert_eq!(
        serde_json::from_str::<BreslowBaseline>(&stored).unwrap(),
        base
    );
}

#[test]
fn risk_groups_are_fixed_on_training_risks_and_applied_to_new_ones() {
    // numpy.quantile(1..=10, [1/3, 2/3]) = [4, 7] (positions 3 and 6 of the sorted values).
    let train: Vec<f64> = (1..=10).map(f64::from).collect();
    let terciles = RiskGroups::equal_sized(&train, 3).unwrap();
    assert_eq!(terciles.cut_offs(), &[4.0, 7.0]);
    assert_eq!(terciles.n_groups(), 3);
    // A risk equal to a cut-off joins the lower group (pandas.cut, right-closed).
    let new = [-5.0, 4.0, 4.0001, 7.0, 7.5, 100.0];
    assert_eq!(terciles.assign_all(&new).unwrap(), vec![0, 0, 1, 1, 2, 2]);
    // Linear interpolation between order statistics: median of 1..=10 is 5.5.
    let halves = RiskGroups::from_quantiles(&train, &[0.5]).unwrap();
    assert_eq!(halves.cut_offs(), &[5.5]);
}

#[test]
fn risk_group_settings_are_checked() {
    let err = RiskGroups::from_cut_offs(vec![1.0, 0.5]).unwrap_err();
    assert!(matches!(err, ModelError::InvalidSetting { .. }), "{err}");
    let err = RiskGroups::from_quantiles(&[1.0, 2.0], &[1.0]).unwrap_err();
    assert!(matches!(err, ModelError::InvalidSetting { .. }), "{err}");
    let err = RiskGroups::equal_sized(&[1.0, f64::INFINITY], 2).unwrap_err();
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
