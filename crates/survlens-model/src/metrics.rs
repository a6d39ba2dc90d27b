//! Time-dependent accuracy of survival predictions: the cumulative/dynamic AUC and the
//! Brier score with inverse-probability-of-censoring weights (scikit-survival 0.28
//! `cumulative_dynamic_auc`, `brier_score`, `integrated_brier_score`), and calibration at
//! one time (mean predicted survival against the Kaplan-Meier estimate per risk group).
//!
//! Censoring weights always come from a reverse Kaplan-Meier on the training follow-up
//! ([`CensoringSurvival`]); pass the test follow-up twice to weight by the test cohort.

use statrs::distribution::{ChiSquared, ContinuousCDF};

use crate::ModelError;
use crate::concordance::RISK_TIE_TOLERANCE;
use crate::ipcw::CensoringSurvival;
use crate::km::KaplanMeier;
use crate::risk_groups::RiskGroups;
use crate::survival_input::{check_follow_up, check_per_patient, check_time_grid};

/// Cumulative/dynamic AUC at several times and its survival-weighted mean.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeDependentAuc {
    /// Evaluation times.
    pub times: Vec<f64>,
    /// AUC at each time: how well the risk separates cases (event at or before t) from
    /// controls (event-free after t), cases weighted by `1 / G(t_i)`.
    pub auc: Vec<f64>,
    /// `sum AUC(t_k) (S(t_{k-1}) - S(t_k)) / (1 - S(t_last))` with `S` the Kaplan-Meier
    /// estimate of the test cohort and `S(t_0) = 1`; the single AUC for one time.
    pub mean_auc: f64,
}

/// Cumulative/dynamic time-dependent AUC (Uno et al. 2007; Hung and Chiang 2010), equal
/// to scikit-survival's `cumulative_dynamic_auc(survival_train, survival_test, estimate,
/// times)`.
///
/// At time t the cases are test patients with an event at or before t, the controls those
/// still followed after t; the ROC curve runs over risk thresholds from high to low with
/// tied risks (within [`RISK_TIE_TOLERANCE`] of their neighbour) passing a threshold
/// together, and the AUC is its trapezoidal area. Evaluation times must lie in
/// `[min test time, max test time)`.
///
/// # Shapes
/// `risks`: `n` (one risk per patient for all times) or `n x k` row-major (a risk per
/// patient and time, e.g. `1 - S(t_k | x)`); `times`: `k` increasing.
pub fn cumulative_dynamic_auc(
    train_times: &[f64],
    train_events: &[bool],
    test_times: &[f64],
    test_events: &[bool],
    risks: &[f64],
    times: &[f64],
) -> Result<TimeDependentAuc, ModelError> {
    check_follow_up(test_times, test_events, "time-dependent AUC")?;
    check_evaluation_times(test_times, times, "time-dependent AUC")?;
    let (n, k) = (test_times.len(), times.len());
    let per_time = if risks.len() == n * k && k > 1 {
        true
    } else {
        check_per_patient(risks, n, "risk", "time-dependent AUC")?;
        false
    };
    if let Some(i) = risks.iter().position(|r| !r.is_finite()) {
        return Err(ModelError::non_finite(
            "time-dependent AUC",
            "risk",
            None,
            Some(i),
            risks[i],
        ));
    }
    let censoring = CensoringSurvival::fit(train_times, train_events)?;
    let weights = censoring.event_weights(test_times, test_events)?;

    let mut auc = Vec::with_capacity(k);
    let mut order: Vec<usize> = (0..n).collect();
    let mut points: Vec<(f64, f64)> = Vec::with_capacity(n + 1);
    for (c, &t) in times.iter().enumerate() {
        let risk = |i: usize| if per_time { risks[i * k + c] } else { risks[i] };
        order.sort_by(|&a, &b| risk(b).total_cmp(&risk(a)));
        let is_case = |i: usize| test_events[i] && test_times[i] <= t;
        let total_case_weight: f64 = (0..n).filter(|&i| is_case(i)).map(|i| weights[i]).sum();
        let n_controls = (0..n).filter(|&i| test_times[i] > t).count();
        if total_case_weight <= 0.0 || n_controls == 0 {
            return Err(ModelError::insufficient(
                "time-dependent AUC",
                "an event at or before each evaluation time and a patient followed beyond it",
                0,
                "such times",
            ));
        }
        points.clear();
        points.push((0.0, 0.0));
        let (mut tp, mut fp) = (0.0_f64, 0usize);
        for (pos, &i) in order.iter().enumerate() {
            if is_case(i) {
                tp += weights[i];
            } else if test_times[i] > t {
                fp += 1;
            }
            // A threshold point only after the last of a run of tied risks.
            let tied_with_next = order
                .get(pos + 1)
                .is_some_and(|&j| (risk(i) - risk(j)).abs() <= RISK_TIE_TOLERANCE);
            if !tied_with_next {
                points.push((fp as f64 / n_controls as f64, tp / total_case_weight));
            }
        }
        auc.push(trapezoid(&points));
    }

    let mean_auc = if k == 1 {
        auc[0]
    } else {
        let km = KaplanMeier::fit(test_times, test_events)?;
        let mut previous = 1.0;
        let mut integral = 0.0;
        for (a, &t) in auc.iter().zip(times) {
            let s = km.survival_at(t);
            integral += a * (previous - s);
            previous = s;
        }
        integral / (1.0 - previous)
    };
    Ok(TimeDependentAuc {
        times: times.to_vec(),
        auc,
        mean_auc,
    })
}

/// Area under a polyline given as (x, y) points, by the trapezoidal rule.
fn trapezoid(points: &[(f64, f64)]) -> f64 {
    points
        .windows(2)
        .map(|w| (w[1].0 - w[0].0) * (w[1].1 + w[0].1) / 2.0)
        .sum()
}

/// Brier score of predicted survival probabilities at each time, with inverse
/// probability of censoring weights (Graf et al. 1999), equal to scikit-survival's
/// `brier_score(survival_train, survival_test, estimate, times)`:
///
/// `BS(t) = mean_i [ S_i(t)^2 [t_i <= t, event] / G(t_i) + (1 - S_i(t))^2 [t_i > t] / G(t) ]`
///
/// where `G` is the training censoring survival function (a term with `G = 0` counts 0).
/// Lower is better; 0.25 is the score of predicting 0.5 for everyone. Evaluation times
/// must lie in `[min test time, max test time)`.
///
/// # Shapes
/// `survival`: `n x k` row-major, `S_i(t_k)`; `times`: `k` increasing; result `k`.
pub fn brier_score(
    train_times: &[f64],
    train_events: &[bool],
    test_times: &[f64],
    test_events: &[bool],
    survival: &[f64],
    times: &[f64],
) -> Result<Vec<f64>, ModelError> {
    check_follow_up(test_times, test_events, "Brier score")?;
    check_evaluation_times(test_times, times, "Brier score")?;
    let (n, k) = (test_times.len(), times.len());
    if survival.len() != n * k {
        return Err(ModelError::length(
            "Brier score",
            "predicted survival",
            n * k,
            survival.len(),
        ));
    }
    if let Some(i) = survival.iter().position(|s| !s.is_finite()) {
        return Err(ModelError::non_finite(
            "Brier score",
            "predicted survival at grid time",
            Some(i % k),
            Some(i / k),
            survival[i],
        ));
    }
    let censoring = CensoringSurvival::fit(train_times, train_events)?;
    let inverse = |g: f64| if g > 0.0 { 1.0 / g } else { 0.0 };
    let weight_at_exit = test_times
        .iter()
        .map(|&t| censoring.at(t).map(inverse))
        .collect::<Result<Vec<f64>, ModelError>>()?;
    times
        .iter()
        .enumerate()
        .map(|(c, &t)| {
            let weight_at_t = inverse(censoring.at(t)?);
            let total: f64 = (0..n)
                .map(|i| {
                    let s = survival[i * k + c];
                    if test_events[i] && test_times[i] <= t {
                        s * s * weight_at_exit[i]
                    } else if test_times[i] > t {
                        (1.0 - s) * (1.0 - s) * weight_at_t
                    } else {
                        0.0
                    }
                })
                .sum();
            Ok(total / n as f64)
        })
        .collect()
}

/// Integrated Brier score: the trapezoidal integral of [`brier_score`] over the
/// evaluation times divided by their span (scikit-survival's `integrated_brier_score`).
/// Needs at least two times.
///
/// # Shapes
/// As [`brier_score`].
pub fn integrated_brier_score(
    train_times: &[f64],
    train_events: &[bool],
    test_times: &[f64],
    test_events: &[bool],
    survival: &[f64],
    times: &[f64],
) -> Result<f64, ModelError> {
    if times.len() < 2 {
        return Err(ModelError::insufficient(
            "integrated Brier score",
            "at least two time points",
            times.len(),
            "time points",
        ));
    }
    let scores = brier_score(
        train_times,
        train_events,
        test_times,
        test_events,
        survival,
        times,
    )?;
    let points: Vec<(f64, f64)> = times.iter().copied().zip(scores).collect();
    let span = times[times.len() - 1] - times[0];
    Ok(trapezoid(&points) / span)
}

/// Evaluation times must increase and lie in `[min test time, max test time)`, where
/// every metric here is defined (scikit-survival's check).
fn check_evaluation_times(
    test_times: &[f64],
    times: &[f64],
    what: &'static str,
) -> Result<(), ModelError> {
    check_time_grid(times, what)?;
    let lowest = test_times.iter().copied().fold(f64::INFINITY, f64::min);
    let highest = test_times.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if let Some(&t) = times.iter().find(|&&t| t < lowest || t >= highest) {
        return Err(ModelError::OutsideFollowUp {
            context: what,
            time: t,
            first: lowest,
            last: highest,
        });
    }
    Ok(())
}

/// Calibration of one risk group at one time.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CalibrationGroup {
    /// Group index (0 = lowest risk).
    pub group: usize,
    /// Patients in the group.
    pub n: usize,
    /// Mean predicted survival at the time.
    pub predicted: f64,
    /// Kaplan-Meier estimate of survival at the time in the group.
    pub observed: f64,
    /// Lower limit of the 95% exponential-Greenwood interval of `observed`.
    pub observed_lower: f64,
    /// Upper limit of the 95% exponential-Greenwood interval of `observed`; where the
    /// Kaplan-Meier estimate has reached 0 by the time, the exact binomial bound of
    /// [`zero_survival_upper`] instead.
    pub observed_upper: f64,
}

/// Two-sided level of the calibration groups' observed intervals (the Kaplan-Meier
/// estimate's default).
pub const CALIBRATION_LEVEL: f64 = 0.95;

/// The upper limit of a two-sided `level` interval for the survival of a group whose
/// Kaplan-Meier estimate has reached 0, with `known` patients whose status at the time is
/// known (every one of them dead: no patient is left at risk once the estimate is 0).
///
/// Greenwood's variance is 0 there and the exponential-Greenwood interval collapses to
/// `[0, 0]`, which no prediction above 0 can lie in, however small the group. The
/// Clopper-Pearson bound for 0 survivors out of `known`, `1 - ((1 - level) / 2)^(1 /
/// known)` (the 97.5% quantile of Beta(1, known) at the 95% level), states what the group
/// can show: 150 deaths out of 150 patients still allow a survival of 2.4%.
/// `known == 0` gives 1 (nothing is known).
pub fn zero_survival_upper(known: usize, level: f64) -> f64 {
    if known == 0 {
        return 1.0;
    }
    1.0 - ((1.0 - level) / 2.0).powf(1.0 / known as f64)
}

/// The Kaplan-Meier survival at `t` of the patients `members` with its 95% interval
/// (exponential Greenwood; where the estimate has reached 0, `[0, zero_survival_upper]`
/// over the patients known dead by `t`).
fn observed_survival(
    times: &[f64],
    events: &[bool],
    members: &[usize],
    t: f64,
) -> Result<(f64, f64, f64), ModelError> {
    let group_times: Vec<f64> = members.iter().map(|&i| times[i]).collect();
    let group_events: Vec<bool> = members.iter().map(|&i| events[i]).collect();
    let km = KaplanMeier::fit_with_level(&group_times, &group_events, CALIBRATION_LEVEL)?;
    let Some(j) = crate::km::step_index(&km.time, t) else {
        return Ok((1.0, 1.0, 1.0));
    };
    if km.survival[j] > 0.0 {
        return Ok((km.survival[j], km.ci_lower[j], km.ci_upper[j]));
    }
    let known_dead = members
        .iter()
        .filter(|&&i| events[i] && times[i] <= t)
        .count();
    Ok((0.0, 0.0, zero_survival_upper(known_dead, CALIBRATION_LEVEL)))
}

/// Calibration at time `t`: for each risk group (for instance
/// [`RiskGroups::equal_sized`]`(risks, 10)`, the risk deciles), the mean predicted
/// survival `S_i(t)` against the Kaplan-Meier estimate at `t` of the same patients, with
/// its 95% interval. Empty groups are left out. A well calibrated model has
/// `predicted` inside the interval in most groups.
///
/// # Shapes
/// `times`, `events`, `risks`, `predicted_survival`: `n`.
pub fn calibration_at(
    times: &[f64],
    events: &[bool],
    risks: &[f64],
    predicted_survival: &[f64],
    t: f64,
    groups: &RiskGroups,
) -> Result<Vec<CalibrationGroup>, ModelError> {
    check_follow_up(times, events, "calibration")?;
    check_per_patient(risks, times.len(), "risk", "calibration")?;
    check_per_patient(
        predicted_survival,
        times.len(),
        "predicted survival",
        "calibration",
    )?;
    if !t.is_finite() {
        return Err(ModelError::non_finite("calibration", "time", None, None, t));
    }
    let membership = groups.assign_all(risks)?;
    let mut out = Vec::new();
    for g in 0..groups.n_groups() {
        let members: Vec<usize> = (0..times.len()).filter(|&i| membership[i] == g).collect();
        if members.is_empty() {
            continue;
        }
        let (observed, lower, upper) = observed_survival(times, events, &members, t)?;
        let predicted =
            members.iter().map(|&i| predicted_survival[i]).sum::<f64>() / members.len() as f64;
        out.push(CalibrationGroup {
            group: g,
            n: members.len(),
            predicted,
            observed,
            observed_lower: lower,
            observed_upper: upper,
        });
    }
    Ok(out)
}

/// Fewest deaths by the calibration time in a group of [`calibration_summary`]: smaller
/// groups are merged with their neighbour (D'Agostino and Nam, 2004, combine groups with
/// fewer than 5 events for their test).
pub const MIN_GROUP_EVENTS: usize = 5;

/// The calibration of survival predictions at one time, judged so that wide intervals and
/// empty groups cannot hide a miscalibration.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CalibrationSummary {
    /// Risk groups (adjacent groups merged until each has [`MIN_GROUP_EVENTS`] deaths by
    /// the time, when possible), lowest risk first.
    pub groups: Vec<CalibrationGroup>,
    /// Groups before merging.
    pub requested_groups: usize,
    /// D'Agostino-Nam chi-square statistic: the Hosmer-Lemeshow statistic with each
    /// group's observed death probability from Kaplan-Meier, `sum n_g (o_g - e_g)^2 /
    /// (e_g (1 - e_g))`, with `o_g` and `e_g` the observed and mean predicted probabilities
    /// of death by the time.
    pub chi_square: f64,
    /// Its degrees of freedom, groups - 1 (D'Agostino and Nam's recommendation).
    pub degrees_of_freedom: usize,
    /// The chi-square p-value; small values say the predictions and the observations
    /// disagree by more than chance.
    pub p_value: f64,
    /// Observed deaths by the time (Kaplan-Meier of all patients) divided by the predicted
    /// ones (the sum of predicted death probabilities): 1 is calibrated in the large, above
    /// 1 the model is too optimistic.
    pub observed_expected: f64,
    /// Its 95% interval, from the Kaplan-Meier interval of the observed share.
    pub observed_expected_interval: (f64, f64),
}

/// Calibration at time `t` of `predicted_survival` (each patient's `S(t)`) against what was
/// observed: groups of [`calibration_at`] merged so that each has at least
/// [`MIN_GROUP_EVENTS`] deaths by `t`, the D'Agostino-Nam test over them, and
/// observed / expected deaths by `t` with its interval.
///
/// # Errors
/// As [`calibration_at`]; [`ModelError::InsufficientData`] without any death by `t`.
pub fn calibration_summary(
    times: &[f64],
    events: &[bool],
    risks: &[f64],
    predicted_survival: &[f64],
    t: f64,
    groups: &RiskGroups,
) -> Result<CalibrationSummary, ModelError> {
    let membership = groups.assign_all(risks)?;
    check_per_patient(
        predicted_survival,
        times.len(),
        "predicted survival",
        "calibration",
    )?;
    let deaths_by = |rows: &[usize]| rows.iter().filter(|&&i| events[i] && times[i] <= t).count();
    let total_deaths = deaths_by(&(0..times.len()).collect::<Vec<_>>());
    if total_deaths == 0 {
        return Err(ModelError::insufficient(
            "calibration",
            "a death by the evaluation time",
            0,
            "deaths",
        ));
    }
    // Members of each requested group, then merge forwards until each has enough deaths;
    // a short last group joins the one before it.
    let mut merged: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for g in 0..groups.n_groups() {
        current.extend((0..times.len()).filter(|&i| membership[i] == g));
        if deaths_by(&current) >= MIN_GROUP_EVENTS {
            merged.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        match merged.last_mut() {
            Some(last) => last.extend(current),
            None => merged.push(current),
        }
    }
    let mut out = Vec::with_capacity(merged.len());
    let mut chi_square = 0.0;
    for (g, members) in merged.iter().enumerate() {
        let (observed, lower, upper) = observed_survival(times, events, members, t)?;
        let predicted =
            members.iter().map(|&i| predicted_survival[i]).sum::<f64>() / members.len() as f64;
        let (o, e) = (1.0 - observed, 1.0 - predicted);
        if e > 0.0 && e < 1.0 {
            chi_square += members.len() as f64 * (o - e).powi(2) / (e * (1.0 - e));
        }
        out.push(CalibrationGroup {
            group: g,
            n: members.len(),
            predicted,
            observed,
            observed_lower: lower,
            observed_upper: upper,
        });
    }
    let degrees_of_freedom = out.len().saturating_sub(1).max(1);
    let p_value = ChiSquared::new(degrees_of_freedom as f64)
        .map(|d| d.sf(chi_square))
        .unwrap_or(f64::NAN);
    let km = KaplanMeier::fit(times, events)?;
    let (s, s_lo, s_hi) = match crate::km::step_index(&km.time, t) {
        Some(j) => (km.survival[j], km.ci_lower[j], km.ci_upper[j]),
        None => (1.0, 1.0, 1.0),
    };
    let expected: f64 = predicted_survival.iter().map(|p| 1.0 - p).sum::<f64>();
    let n = times.len() as f64;
    let ratio = |surv: f64| n * (1.0 - surv) / expected;
    Ok(CalibrationSummary {
        groups: out,
        requested_groups: groups.n_groups(),
        chi_square,
        degrees_of_freedom,
        p_value,
        observed_expected: ratio(s),
        observed_expected_interval: (ratio(s_hi), ratio(s_lo)),
    })
}
