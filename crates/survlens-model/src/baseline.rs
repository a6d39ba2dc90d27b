//! Breslow's baseline cumulative hazard, which turns log-risks from any Cox model (linear
//! or the deep network) into survival curves `S(t | x) = exp(-H0(t) exp(b r(x)))`, and the
//! median survival read off them.
//!
//! # Recalibration
//! A baseline fitted on the log-risks of the very patients a flexible model trained on is
//! biased: the model has aligned those risks with those outcomes, so on new patients the
//! same baseline predicts too many deaths (every risk group predicted worse than it fares).
//! [`BreslowBaseline::fit_calibrated`] fits on log-risks the model produced for patients it
//! did not train on (out-of-fold or validation predictions) and first fits the calibration
//! slope `b`: the coefficient of a one-covariate Cox model of those outcomes on those
//! log-risks (Cox 1958's calibration slope; below 1 the model's risks are too spread out,
//! above 1 too timid). Survival is then `exp(-H0(t) exp(b r))`, with `H0` Breslow's
//! estimate for the log-risks `b r`. A slope of 1 is the uncalibrated baseline.

use serde::{Deserialize, Serialize};

use crate::ModelError;
use crate::coxph::{CoxPh, CoxPhConfig};
use crate::km::step_value;
use crate::survival_input::{check_follow_up, check_per_patient, check_time_grid, order_by_time};

/// Breslow's estimate of the baseline cumulative hazard `H0(t)` for log-risk 0.
///
/// `H0(t) = sum over event times s <= t of d(s) / sum_{j: t_j >= s} exp(r_j)`, with `d(s)`
/// the events at `s` and `r_j` the training log-risks; the same estimator as lifelines'
/// `baseline_cumulative_hazard_` and pycox's `compute_baseline_hazards`. Survival curves
/// depend on the log-risks only up to a shared constant, so use the same log-risk
/// function for fitting and prediction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "BaselineParts")]
pub struct BreslowBaseline {
    /// Distinct event times, increasing.
    time: Vec<f64>,
    /// `H0` at each event time (including the jump there), non-decreasing.
    cumulative_hazard: Vec<f64>,
    /// Calibration slope `b`: survival uses the log-risk `b r` (1 when not recalibrated).
    #[serde(default = "unit_slope")]
    slope: f64,
}

fn unit_slope() -> f64 {
    1.0
}

/// A baseline as stored, checked by [`BreslowBaseline::from_parts`] when read back.
#[derive(Deserialize)]
struct BaselineParts {
    time: Vec<f64>,
    cumulative_hazard: Vec<f64>,
    #[serde(default = "unit_slope")]
    slope: f64,
}

impl TryFrom<BaselineParts> for BreslowBaseline {
    type Error = ModelError;

    fn try_from(parts: BaselineParts) -> Result<Self, ModelError> {
        Self::from_parts(parts.time, parts.cumulative_hazard)?.with_slope(parts.slope)
    }
}

/// The calibration slope of log-risks on outcomes, with its Wald standard error.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalibrationSlope {
    /// The slope `b` (1: perfectly spread risks).
    pub slope: f64,
    /// Its Wald standard error.
    pub standard_error: f64,
    /// Patients it was fitted on.
    pub n: usize,
    /// Events among them.
    pub n_events: usize,
}

impl CalibrationSlope {
    /// Fits the slope: the coefficient of a one-covariate Cox model (Efron ties, no
    /// penalty, as lifelines' `CoxPHFitter`) of the outcomes on the log-risks.
    ///
    /// # Errors
    /// As [`CoxPh::fit`]: no event, constant log-risks, no convergence.
    pub fn fit(times: &[f64], events: &[bool], log_risks: &[f64]) -> Result<Self, ModelError> {
        let fit = CoxPh::fit(
            log_risks,
            log_risks.len(),
            1,
            times,
            events,
            &CoxPhConfig::default(),
        )?;
        Ok(Self {
            slope: fit.coefficients[0],
            standard_error: fit.standard_errors[0],
            n: fit.n,
            n_events: fit.n_events,
        })
    }

    /// The 95% Wald interval `slope +- 1.96 se`.
    pub fn interval(&self) -> (f64, f64) {
        let half = 1.959_963_984_540_054 * self.standard_error;
        (self.slope - half, self.slope + half)
    }
}

impl BreslowBaseline {
    /// A baseline from its step points (for instance exported by another library):
    /// `time` strictly increasing and finite, `cumulative_hazard` of the same length,
    /// finite, non-negative and non-decreasing.
    pub fn from_parts(time: Vec<f64>, cumulative_hazard: Vec<f64>) -> Result<Self, ModelError> {
        if time.len() != cumulative_hazard.len() {
            return Err(ModelError::length(
                "baseline",
                "cumulative hazard",
                time.len(),
                cumulative_hazard.len(),
            ));
        }
        if !time.is_empty() {
            check_time_grid(&time, "baseline")?;
        }
        if let Some(k) = cumulative_hazard
            .iter()
            .position(|h| !h.is_finite() || *h < 0.0)
        {
            return Err(ModelError::setting(
                "baseline",
                "a cumulative hazard",
                "finite and at least 0",
                cumulative_hazard[k],
            ));
        }
        if let Some(k) = cumulative_hazard.windows(2).position(|w| w[1] < w[0]) {
            return Err(ModelError::setting(
                "baseline",
                "a cumulative hazard",
                "at least the one before it",
                cumulative_hazard[k + 1],
            ));
        }
        Ok(Self {
            time,
            cumulative_hazard,
            slope: 1.0,
        })
    }

    /// The same baseline applied to the log-risks `slope * r`.
    ///
    /// # Errors
    /// [`ModelError::InvalidSetting`] unless `slope` is finite and positive (a slope of 0 or
    /// below would turn the model's ranking off or around).
    pub fn with_slope(mut self, slope: f64) -> Result<Self, ModelError> {
        if !(slope.is_finite() && slope > 0.0) {
            return Err(ModelError::setting(
                "baseline",
                "the calibration slope",
                "finite and positive",
                slope,
            ));
        }
        self.slope = slope;
        Ok(self)
    }

    /// The same baseline with its times multiplied by `factor` (a change of time unit, e.g.
    /// 30.4375 from months to days); the calibration slope is kept.
    ///
    /// # Errors
    /// [`ModelError::InvalidSetting`] unless `factor` is finite and positive.
    pub fn with_time_scale(mut self, factor: f64) -> Result<Self, ModelError> {
        if !(factor.is_finite() && factor > 0.0) {
            return Err(ModelError::setting(
                "baseline",
                "the time scale",
                "finite and positive",
                factor,
            ));
        }
        for t in &mut self.time {
            *t *= factor;
        }
        Ok(self)
    }

    /// The calibration slope `b` the baseline applies to log-risks (1 when not
    /// recalibrated).
    pub fn slope(&self) -> f64 {
        self.slope
    }

    /// The step times (distinct training event times), increasing.
    pub fn time(&self) -> &[f64] {
        &self.time
    }

    /// `H0` at each step time, non-decreasing.
    pub fn cumulative_hazard(&self) -> &[f64] {
        &self.cumulative_hazard
    }

    /// Fits `H0` on training follow-up and the training log-risks. Fails without events.
    pub fn fit(times: &[f64], events: &[bool], log_risks: &[f64]) -> Result<Self, ModelError> {
        check_follow_up(times, events, "Breslow baseline")?;
        check_per_patient(log_risks, times.len(), "log-risk", "Breslow baseline")?;
        if !events.iter().any(|&e| e) {
            return Err(ModelError::insufficient(
                "Breslow baseline",
                "at least one event",
                0,
                "events",
            ));
        }
        // Sums of exp(r - shift) keep the largest term at 1; the shift is undone per step.
        let shift = log_risks.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let order = order_by_time(times);
        let n = order.len();
        let mut at_risk = vec![0.0; n + 1];
        for k in (0..n).rev() {
            at_risk[k] = at_risk[k + 1] + (log_risks[order[k]] - shift).exp();
        }
        let mut baseline = Self {
            time: Vec::new(),
            cumulative_hazard: Vec::new(),
            slope: 1.0,
        };
        let mut total = 0.0;
        let mut k = 0;
        while k < n {
            let t = times[order[k]];
            let start = k;
            let mut d = 0usize;
            while k < n && times[order[k]] == t {
                d += usize::from(events[order[k]]);
                k += 1;
            }
            if d > 0 {
                total += ((d as f64 / at_risk[start]).ln() - shift).exp();
                baseline.time.push(t);
                baseline.cumulative_hazard.push(total);
            }
        }
        Ok(baseline)
    }

    /// Recalibrated baseline (see the module documentation): the calibration slope of
    /// `log_risks` on these outcomes, then Breslow's `H0` for the log-risks `slope * r`.
    /// `log_risks` must come from patients the model did not train on. A slope that is not
    /// positive (a model that ranks no better than chance on these patients) is refused.
    ///
    /// # Errors
    /// As [`CalibrationSlope::fit`] and [`BreslowBaseline::fit`]; [`ModelError::InvalidSetting`]
    /// for a slope that is not positive.
    pub fn fit_calibrated(
        times: &[f64],
        events: &[bool],
        log_risks: &[f64],
    ) -> Result<(Self, CalibrationSlope), ModelError> {
        let slope = CalibrationSlope::fit(times, events, log_risks)?;
        let scaled: Vec<f64> = log_risks.iter().map(|r| slope.slope * r).collect();
        let baseline = Self::fit(times, events, &scaled)?.with_slope(slope.slope)?;
        Ok((baseline, slope))
    }

    /// `H0(t)`: 0 before the first event time, constant after the last.
    pub fn cumulative_hazard_at(&self, t: f64) -> f64 {
        step_value(&self.time, &self.cumulative_hazard, t, 0.0)
    }

    /// `S(t | r) = exp(-H0(t) exp(b r))` for log-risk `r` and the calibration slope `b`.
    pub fn survival_at(&self, t: f64, log_risk: f64) -> f64 {
        (-self.cumulative_hazard_at(t) * (self.slope * log_risk).exp()).exp()
    }

    /// Survival curves of several patients on a time grid.
    ///
    /// # Shapes
    /// `log_risks`: `n`; `grid`: `m` increasing times; result `n x m` row-major.
    pub fn survival_matrix(&self, log_risks: &[f64], grid: &[f64]) -> Result<Vec<f64>, ModelError> {
        check_time_grid(grid, "survival curves")?;
        check_per_patient(log_risks, log_risks.len(), "log-risk", "survival curves")?;
        let hazards: Vec<f64> = grid.iter().map(|&t| self.cumulative_hazard_at(t)).collect();
        let mut out = Vec::with_capacity(log_risks.len() * grid.len());
        for r in log_risks {
            let ratio = (self.slope * r).exp();
            out.extend(hazards.iter().map(|h| (-h * ratio).exp()));
        }
        Ok(out)
    }

    /// Median survival time for log-risk `r`: the first event time at which
    /// `S(t | r) <= 0.5` (lifelines' `predict_median`), `None` when the curve stays above
    /// 0.5 over the observed follow-up.
    pub fn median_survival(&self, log_risk: f64) -> Option<f64> {
        // S <= 0.5  <=>  H0 exp(b r) >= ln 2; H0 is non-decreasing, so search it.
        let ratio = (self.slope * log_risk).exp();
        let k = self
            .cumulative_hazard
            .partition_point(|&h| (-h * ratio).exp() > 0.5);
        self.time.get(k).copied()
    }
}
