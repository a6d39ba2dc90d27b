//! Absolute, time-anchored survival for one patient: the predicted survival curve
//! `S(t | x) = exp(-H0(t) exp(r(x)))` from the session's Breslow baseline, read at one and
//! two years and at its median, beside the cohort's Kaplan-Meier estimate; for a cohort
//! without outcomes, the prediction alone ([`SurvivalFigures::predicted_only`]).

use serde::{Deserialize, Serialize};
use survlens_model::{BreslowBaseline, KaplanMeier, ModelError};

use crate::core::format::{percent, percent_in};
use crate::core::i18n::{Arg, Lang};
use crate::core::session::Session;
use crate::core::units::{DAYS_PER_MONTH, DAYS_PER_YEAR};

/// The horizons the page states survival at, in years.
pub const HORIZON_YEARS: [f64; 2] = [1.0, 2.0];

/// Survival at one horizon: the patient's prediction and the cohort's estimate.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct HorizonSurvival {
    /// The horizon in years.
    pub years: f64,
    /// Predicted survival probability of the patient at the horizon, in [0, 1].
    pub predicted: f64,
    /// Kaplan-Meier survival of the whole cohort at the horizon, in [0, 1]; `NaN` when the
    /// cohort has no outcomes.
    pub cohort: f64,
    /// The Kaplan-Meier estimate's confidence interval (exponential Greenwood); `NaN`
    /// limits when the cohort has no outcomes.
    pub cohort_ci: (f64, f64),
    /// Whether the horizon lies after the last training event time, where the baseline
    /// hazard is held constant and the prediction is an extrapolation.
    pub beyond_training: bool,
    /// The predictions the model's calibration on held-out patients resolves at this
    /// horizon; a prediction outside is stated as a bound ("below 5%").
    pub supported: SupportedRange,
}

/// The survival probabilities a model's calibration supports at one horizon: from the mean
/// prediction of the held-out tenth with the lowest predicted survival to that of the tenth
/// with the highest, rounded outwards to whole multiples of 5% and never wider than 5% to
/// 95%. A prediction below the range is stated as "below" its lower end: the model has not
/// shown that it tells 1% from 4%, only that these patients fare worse than the lowest
/// resolved group. The 5% and 95% limits hold even when a tenth's mean lies beyond them: a
/// tenth of a few hundred held-out patients cannot confirm a survival of 1% (the one-sided
/// 95% upper bound for no survivor among 30 patients is 9.5%), so the page never states a
/// probability under 5% or over 95% as a figure.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SupportedRange {
    /// Lowest supported probability, in [0, 1].
    pub lower: f64,
    /// Highest supported probability, in [0, 1].
    pub upper: f64,
}

impl SupportedRange {
    /// Every probability (no calibration to limit it).
    pub const ALL: SupportedRange = SupportedRange {
        lower: 0.0,
        upper: 1.0,
    };

    /// Groups of the range: tenths of the held-out patients.
    pub const GROUPS: usize = 10;

    /// The lowest probability calibration ever resolves: 5%.
    pub const FLOOR: f64 = 0.05;

    /// The highest probability calibration ever resolves: 95%.
    pub const CEILING: f64 = 0.95;

    /// The range at `t` days of the predictions `baseline` makes for the log-risks
    /// `held_out` (the patients the model did not train on); [`Self::ALL`] for fewer than
    /// [`Self::GROUPS`] patients.
    pub fn of(baseline: &BreslowBaseline, held_out: &[f64], t: f64) -> Self {
        if held_out.len() < Self::GROUPS {
            return Self::ALL;
        }
        let mut predicted: Vec<f64> = held_out
            .iter()
            .map(|&r| baseline.survival_at(t, r))
            .collect();
        predicted.sort_by(f64::total_cmp);
        let n = predicted.len();
        let group_mean = |g: usize| {
            let (a, b) = (g * n / Self::GROUPS, (g + 1) * n / Self::GROUPS);
            predicted[a..b].iter().sum::<f64>() / (b - a).max(1) as f64
        };
        let (low, high) = (group_mean(0), group_mean(Self::GROUPS - 1));
        Self {
            lower: ((low * 20.0).floor() / 20.0).clamp(Self::FLOOR, Self::CEILING),
            upper: ((high * 20.0).ceil() / 20.0).clamp(Self::FLOOR, Self::CEILING),
        }
    }

    /// `p` as the page states it: "below 5%" under the range, "above 95%" over it, else
    /// [`percent`].
    pub fn text(&self, p: f64) -> String {
        if p < self.lower {
            format!("below {:.0}%", 100.0 * self.lower)
        } else if p > self.upper {
            format!("above {:.0}%", 100.0 * self.upper)
        } else {
            percent(p)
        }
    }

    /// [`SupportedRange::text`] in `lang`.
    pub fn text_in(&self, p: f64, lang: Lang) -> String {
        let bound = |key: &str, bound: f64| {
            let percent = percent_in((bound * 20.0).round() / 20.0, lang);
            lang.t_with(key, &[("percent", Arg::Text(&percent))])
        };
        if p < self.lower {
            bound("vm-survival-below", self.lower)
        } else if p > self.upper {
            bound("vm-survival-above", self.upper)
        } else {
            percent_in(p, lang)
        }
    }
}

impl HorizonSurvival {
    /// The prediction as the page states it, within what calibration supports.
    pub fn predicted_text(&self) -> String {
        self.supported.text(self.predicted)
    }

    /// [`HorizonSurvival::predicted_text`] in `lang`.
    pub fn predicted_text_in(&self, lang: Lang) -> String {
        self.supported.text_in(self.predicted, lang)
    }
}

/// The patient's survival figures, leading the patient view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurvivalFigures {
    /// Survival at each of [`HORIZON_YEARS`].
    pub horizons: Vec<HorizonSurvival>,
    /// Predicted median survival in months, `None` when the predicted curve stays above
    /// 50 % over the training follow-up ("not reached").
    pub median_months: Option<f64>,
    /// The cohort's Kaplan-Meier median in months, `None` when not reached.
    pub cohort_median_months: Option<f64>,
    /// Last training event time in months: the baseline says nothing after it.
    pub training_follow_up_months: f64,
    /// Level of the cohort's confidence intervals, e.g. 0.95.
    pub ci_level: f64,
    /// Whether the cohort figures are estimates from observed outcomes; `false` for a
    /// cohort without outcomes, whose cohort figures are `NaN` and `None`.
    pub cohort_observed: bool,
}

impl SurvivalFigures {
    /// The figures of a patient with log-risk `log_risk` under `baseline`, against the
    /// cohort curve `cohort` (times in days in both).
    pub fn new(baseline: &BreslowBaseline, cohort: &KaplanMeier, log_risk: f64) -> Self {
        let last_event = baseline.time().last().copied().unwrap_or(0.0);
        let horizons = HORIZON_YEARS
            .iter()
            .map(|&years| {
                let t = years * DAYS_PER_YEAR;
                HorizonSurvival {
                    years,
                    predicted: baseline.survival_at(t, log_risk),
                    cohort: cohort.survival_at(t),
                    cohort_ci: step_interval(cohort, t),
                    beyond_training: t > last_event,
                    supported: SupportedRange::ALL,
                }
            })
            .collect();
        Self {
            horizons,
            median_months: baseline
                .median_survival(log_risk)
                .map(|d| d / DAYS_PER_MONTH),
            cohort_median_months: cohort.median().map(|d| d / DAYS_PER_MONTH),
            training_follow_up_months: last_event / DAYS_PER_MONTH,
            ci_level: cohort.level,
            cohort_observed: true,
        }
    }

    /// The figures of a patient with log-risk `log_risk` under `baseline` (days) in a
    /// cohort without outcomes: the prediction, with no cohort estimate beside it.
    pub fn predicted_only(baseline: &BreslowBaseline, log_risk: f64) -> Self {
        let last_event = baseline.time().last().copied().unwrap_or(0.0);
        let horizons = HORIZON_YEARS
            .iter()
            .map(|&years| {
                let t = years * DAYS_PER_YEAR;
                HorizonSurvival {
                    years,
                    predicted: baseline.survival_at(t, log_risk),
                    cohort: f64::NAN,
                    cohort_ci: (f64::NAN, f64::NAN),
                    beyond_training: t > last_event,
                    supported: SupportedRange::ALL,
                }
            })
            .collect();
        Self {
            horizons,
            median_months: baseline
                .median_survival(log_risk)
                .map(|d| d / DAYS_PER_MONTH),
            cohort_median_months: None,
            training_follow_up_months: last_event / DAYS_PER_MONTH,
            ci_level: f64::NAN,
            cohort_observed: false,
        }
    }

    /// The figures of a patient of `session`: against the cohort's Kaplan-Meier estimate
    /// `cohort` when the session has outcomes (and it could be estimated), the prediction
    /// alone when the session has none; `None` when the session has outcomes but no
    /// estimate. Each prediction is limited to what the calibration supports
    /// (`ranges`, the session's [`supported_ranges`], computed once per
    /// cohort by the caller: they hold for every patient, and each costs a sort of the
    /// held-out risks).
    pub fn with_ranges(
        session: &Session,
        cohort: Option<&KaplanMeier>,
        ranges: &[SupportedRange],
        log_risk: f64,
    ) -> Option<Self> {
        let baseline = &session.model.baseline;
        let mut figures = match cohort {
            Some(km) if session.has_outcomes => Self::new(baseline, km, log_risk),
            _ if !session.has_outcomes => Self::predicted_only(baseline, log_risk),
            _ => return None,
        };
        for (h, range) in figures.horizons.iter_mut().zip(ranges) {
            h.supported = *range;
        }
        Some(figures)
    }

    /// The median as the page says it: "19.3 months" or "not reached (within 60 months)".
    pub fn median_text(&self) -> String {
        median_text(self.median_months, self.training_follow_up_months)
    }

    /// The cohort's median, worded as [`SurvivalFigures::median_text`].
    pub fn cohort_median_text(&self) -> String {
        median_text(self.cohort_median_months, self.training_follow_up_months)
    }

    /// [`SurvivalFigures::median_text`] in `lang`.
    pub fn median_text_in(&self, lang: Lang) -> String {
        median_text_in(self.median_months, self.training_follow_up_months, lang)
    }

    /// [`SurvivalFigures::cohort_median_text`] in `lang`.
    pub fn cohort_median_text_in(&self, lang: Lang) -> String {
        median_text_in(
            self.cohort_median_months,
            self.training_follow_up_months,
            lang,
        )
    }
}

/// What the model's calibration on the session's held-out patients supports at each of
/// [`HORIZON_YEARS`] ([`SupportedRange`]): the same for every patient of the session.
pub fn supported_ranges(session: &Session) -> Vec<SupportedRange> {
    let held_out: Vec<f64> = session
        .risk
        .iter()
        .zip(&session.held_out)
        .filter(|&(_, &h)| h)
        .map(|(&r, _)| f64::from(r))
        .collect();
    HORIZON_YEARS
        .iter()
        .map(|years| SupportedRange::of(&session.model.baseline, &held_out, years * DAYS_PER_YEAR))
        .collect()
}

fn median_text(months: Option<f64>, follow_up_months: f64) -> String {
    match months {
        Some(m) => format!("{m:.1} months"),
        None => format!("not reached (within {follow_up_months:.0} months)"),
    }
}

fn median_text_in(months: Option<f64>, follow_up_months: f64, lang: Lang) -> String {
    match months {
        Some(m) => lang.t_with(
            "vm-median-months",
            &[("months", Arg::Text(&lang.decimal(m, 1)))],
        ),
        None => lang.t_with(
            "vm-median-not-reached",
            &[("months", Arg::Text(&lang.decimal(follow_up_months, 0)))],
        ),
    }
}

/// The confidence limits of the Kaplan-Meier step in force at `t` (`(1, 1)` before the
/// first time).
fn step_interval(km: &KaplanMeier, t: f64) -> (f64, f64) {
    let k = km.time.partition_point(|&s| s <= t);
    match k.checked_sub(1) {
        Some(k) => (
            km.ci_lower.get(k).copied().unwrap_or(f64::NAN),
            km.ci_upper.get(k).copied().unwrap_or(f64::NAN),
        ),
        None => (1.0, 1.0),
    }
}

/// The cohort's Kaplan-Meier estimate over all of the session's patients, with its 95 %
/// exponential-Greenwood interval; refused for a session without outcomes.
pub fn cohort_km(session: &Session) -> Result<KaplanMeier, ModelError> {
    if !session.has_outcomes {
        return Err(ModelError::insufficient(
            "a Kaplan-Meier estimate of the cohort",
            "survival times and events",
            0,
            "patients with an outcome",
        ));
    }
    KaplanMeier::fit(&session.time, &session.event)
}

/// One corner of a step curve: from `months` on, survival is `survival` (in [0, 1]).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurvePoint {
    /// Time in months.
    pub months: f64,
    /// Survival probability.
    pub survival: f64,
    /// Lower confidence limit (equal to `survival` when the curve has no interval).
    pub lower: f64,
    /// Upper confidence limit (equal to `survival` when the curve has no interval).
    pub upper: f64,
}

/// The patient's predicted step curve from time 0 to `horizon_months`: one point at 0,
/// one at every baseline step up to the horizon, and one at the horizon. The model gives a
/// point estimate only, so the limits equal the estimate.
pub fn predicted_curve(
    baseline: &BreslowBaseline,
    log_risk: f64,
    horizon_months: f64,
) -> Vec<CurvePoint> {
    let ratio = log_risk.exp();
    let point = |months: f64, h: f64| {
        let s = (-h * ratio).exp();
        CurvePoint {
            months,
            survival: s,
            lower: s,
            upper: s,
        }
    };
    let mut curve = vec![point(0.0, 0.0)];
    for (&t, &h) in baseline.time().iter().zip(baseline.cumulative_hazard()) {
        let months = t / DAYS_PER_MONTH;
        if months > horizon_months {
            break;
        }
        curve.push(point(months, h));
    }
    curve.push(point(
        horizon_months,
        baseline.cumulative_hazard_at(horizon_months * DAYS_PER_MONTH),
    ));
    curve
}

/// The cohort's Kaplan-Meier step curve with its confidence limits, from 0 to
/// `horizon_months`.
pub fn cohort_curve(km: &KaplanMeier, horizon_months: f64) -> Vec<CurvePoint> {
    let mut curve = vec![CurvePoint {
        months: 0.0,
        survival: 1.0,
        lower: 1.0,
        upper: 1.0,
    }];
    for k in 0..km.time.len() {
        let months = km.time[k] / DAYS_PER_MONTH;
        if months > horizon_months {
            break;
        }
        curve.push(CurvePoint {
            months,
            survival: km.survival[k],
            lower: km.ci_lower[k],
            upper: km.ci_upper[k],
        });
    }
    let t = horizon_months * DAYS_PER_MONTH;
    let (lower, upper) = step_interval(km, t);
    curve.push(CurvePoint {
        months: horizon_months,
        survival: km.survival_at(t),
        lower,
        upper,
    });
    curve
}

/// How far the survival chart reaches, in months: the last training event time (beyond
/// it the baseline is flat and says nothing), at most ten years.
pub fn chart_horizon_months(baseline: &BreslowBaseline) -> f64 {
    let last = baseline.time().last().copied().unwrap_or(DAYS_PER_YEAR);
    (last / DAYS_PER_MONTH).clamp(1.0, 120.0)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// A baseline with cumulative hazard 1 from day 100: survival `exp(-exp(r))` after it.
    fn baseline() -> BreslowBaseline {
        BreslowBaseline::from_parts(vec![100.0], vec![1.0]).unwrap()
    }

    #[test]
    fn calibration_never_resolves_below_five_or_above_ninety_five_percent() {
        // Log-risks from -6 to 3: survival from 99.8% down to 2e-9.
        let held_out: Vec<f64> = (0..200)
            .map(|i| -6.0 + 9.0 * f64::from(i) / 199.0)
            .collect();
        let range = SupportedRange::of(&baseline(), &held_out, 365.0);
        assert_eq!((range.lower, range.upper), (0.05, 0.95));
        assert_eq!(range.text(0.001), "below 5%");
        assert_eq!(range.text(0.999), "above 95%");
        assert_eq!(range.text(0.5), "50%");
    }

    #[test]
    fn a_narrow_calibration_rounds_its_tenths_outwards_to_five_percent() {
        // Survival exp(-exp(r)) for r in [-1, 0]: 69.2% down to 36.8%.
        let held_out: Vec<f64> = (0..100).map(|i| -f64::from(i) / 99.0).collect();
        let range = SupportedRange::of(&baseline(), &held_out, 365.0);
        let survival = |r: f64| (-r.exp()).exp();
        let tenth_mean = |rs: std::ops::Range<i32>| {
            rs.clone()
                .map(|i| survival(-f64::from(i) / 99.0))
                .sum::<f64>()
                / rs.len() as f64
        };
        assert_eq!(range.lower, (tenth_mean(0..10) * 20.0).floor() / 20.0);
        assert_eq!(range.upper, (tenth_mean(90..100) * 20.0).ceil() / 20.0);
        assert_eq!((range.lower, range.upper), (0.35, 0.70));
        assert_eq!(range.text(0.30), "below 35%");
    }
}
