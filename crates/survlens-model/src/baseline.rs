//! Breslow's baseline cumulative hazard, which turns log-risks from any Cox model (linear
//! or the deep network) into survival curves `S(t | x) = exp(-H0(t) exp(r(x)))`, and the
//! median survival read off them.

use serde::{Deserialize, Serialize};

use crate::ModelError;
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
}

/// A baseline as stored, checked by [`BreslowBaseline::from_parts`] when read back.
#[derive(Deserialize)]
struct BaselineParts {
    time: Vec<f64>,
    cumulative_hazard: Vec<f64>,
}

impl TryFrom<BaselineParts> for BreslowBaseline {
    type Error = ModelError;

    fn try_from(parts: BaselineParts) -> Result<Self, ModelError> {
        Self::from_parts(parts.time, parts.cumulative_hazard)
    }
}

impl BreslowBaseline {
    /// A baseline from its step points (for instance exported by another library):
    /// `time` strictly increasing and finite, `cumulative_hazard` of the same length,
    /// finite, non-negative and non-decreasing.
    pub fn from_parts(time: Vec<f64>, cumulative_hazard: Vec<f64>) -> Result<Self, ModelError> {
        if time.len() != cumulative_hazard.len() {
            return Err(ModelError::Shape(format!(
                "baseline: {} times but {} cumulative hazards",
                time.len(),
                cumulative_hazard.len()
            )));
        }
        if !time.is_empty() {
            check_time_grid(&time, "baseline")?;
        }
        if let Some(k) = cumulative_hazard
            .iter()
            .position(|h| !h.is_finite() || *h < 0.0)
        {
            return Err(ModelError::InvalidSetting(format!(
                "baseline: cumulative hazard at time {} is {}",
                time[k], cumulative_hazard[k]
            )));
        }
        if let Some(k) = cumulative_hazard.windows(2).position(|w| w[1] < w[0]) {
            return Err(ModelError::InvalidSetting(format!(
                "baseline: cumulative hazard decreases after time {}",
                time[k]
            )));
        }
        Ok(Self {
            time,
            cumulative_hazard,
        })
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
            return Err(ModelError::InsufficientData(
                "Breslow baseline: no events".into(),
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

    /// `H0(t)`: 0 before the first event time, constant after the last.
    pub fn cumulative_hazard_at(&self, t: f64) -> f64 {
        step_value(&self.time, &self.cumulative_hazard, t, 0.0)
    }

    /// `S(t | r) = exp(-H0(t) exp(r))` for log-risk `r`.
    pub fn survival_at(&self, t: f64, log_risk: f64) -> f64 {
        (-self.cumulative_hazard_at(t) * log_risk.exp()).exp()
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
            let ratio = r.exp();
            out.extend(hazards.iter().map(|h| (-h * ratio).exp()));
        }
        Ok(out)
    }

    /// Median survival time for log-risk `r`: the first event time at which
    /// `S(t | r) <= 0.5` (lifelines' `predict_median`), `None` when the curve stays above
    /// 0.5 over the observed follow-up.
    pub fn median_survival(&self, log_risk: f64) -> Option<f64> {
        // S <= 0.5  <=>  H0 exp(r) >= ln 2; H0 is non-decreasing, so search it.
        let ratio = log_risk.exp();
        let k = self
            .cumulative_hazard
            .partition_point(|&h| (-h * ratio).exp() > 0.5);
        self.time.get(k).copied()
    }
}
