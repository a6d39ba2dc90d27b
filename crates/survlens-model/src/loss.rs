//! The Cox partial likelihood as a training loss, with its analytic gradient.
//!
//! [`CoxLoss`] evaluates the negative Cox partial log-likelihood of a set of log-risks
//! (log hazard ratios) divided by the number of events, the loss of DeepSurv and of pycox's
//! `CoxPHLoss`. Patients are sorted by descending time, so every risk set is a prefix of the
//! sorted order and its log-sum of hazards is one running log-sum-exp; the gradient walks the
//! same order backwards. Everything is accumulated in `f64`, and no exponential is ever
//! taken of anything but a difference that is `<= 0` up to rounding, so log-risks of any
//! finite magnitude are safe.
//!
//! # The three tie conventions
//! Write `eta_i` for the log-risk of patient `i`, `delta_i` for its event indicator and
//! `d` for the total number of events. For a distinct event time `t` with tied events `D`
//! (`d_t` of them), risk set sum `R = sum_{t_j >= t} exp(eta_j)` and tied-event sum
//! `E = sum_{i in D} exp(eta_i)`, the log-likelihood contribution is
//!
//! - [`Ties::Breslow`]: `sum_{i in D} eta_i - d_t * log R`;
//! - [`Ties::Efron`]: `sum_{i in D} eta_i - sum_{l=0}^{d_t-1} log(R - (l/d_t) E)`;
//! - [`Ties::Pycox`]: pycox's `CoxPHLoss` (pycox 0.3.0 `cox_ph_loss`), which applies no tie
//!   correction: patients are sorted by descending time and each patient's risk set is
//!   everyone sorted before it plus itself. With distinct times it equals Breslow; with
//!   ties, tied patients sorted later are missing from earlier patients' risk sets, so the
//!   value depends on the order of tied rows. We sort ties by row index (a stable sort), so
//!   the value is a deterministic function of the input order. pycox sorts with PyTorch's
//!   default, unstable sort and adds `1e-7` to the shifted cumulative sum before taking its
//!   logarithm; both differences are documented, not reproduced (the second changes the
//!   value by less than `1e-7` relative).
//!
//! The loss is `-(sum of contributions) / d`.

use serde::{Deserialize, Serialize};

use crate::ModelError;

/// How tied event times share their risk set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Ties {
    /// Breslow's approximation: every tied event sees the full risk set.
    Breslow,
    /// Efron's approximation: the tied events leave the risk set gradually.
    Efron,
    /// pycox's `CoxPHLoss`, the study's loss: no tie correction, sorted-order risk sets
    /// (ties broken by row order); equal to Breslow when all times are distinct.
    #[default]
    Pycox,
}

/// One distinct time (or, for [`Ties::Pycox`], one sorted position) and what the gradient
/// pass needs to know about it.
#[derive(Clone, Copy, Debug)]
struct TieGroup {
    /// First position in the sorted order.
    start: usize,
    /// One past the last position.
    end: usize,
    /// `log R`: log of the summed hazards of the risk set.
    log_risk_set: f64,
    /// `sum_l 1 / (1 - c_l q)` with `c_l = l / d_t`, `q = E / R` (Breslow: `d_t`); zero
    /// without events.
    a: f64,
    /// `sum_l c_l / (1 - c_l q)` (zero for Breslow and Pycox).
    b: f64,
}

/// A running `log(sum(exp(x)))` that never overflows: the sum is kept relative to the
/// largest term seen so far.
#[derive(Clone, Copy, Debug)]
struct LogSumExp {
    max: f64,
    scaled_sum: f64,
}

impl LogSumExp {
    const EMPTY: Self = Self {
        max: f64::NEG_INFINITY,
        scaled_sum: 0.0,
    };

    fn add(&mut self, x: f64) {
        if x > self.max {
            self.scaled_sum = self.scaled_sum * (self.max - x).exp() + 1.0;
            self.max = x;
        } else {
            self.scaled_sum += (x - self.max).exp();
        }
    }

    fn value(&self) -> f64 {
        self.max + self.scaled_sum.ln()
    }
}

/// The negative Cox partial log-likelihood divided by the number of events.
///
/// Holds its scratch buffers, so evaluating it batch after batch allocates only when a
/// batch is larger than any before.
#[derive(Clone, Debug, Default)]
pub struct CoxLoss {
    ties: Ties,
    /// Row indices sorted by descending time, ties by ascending row index.
    order: Vec<usize>,
    groups: Vec<TieGroup>,
}

impl CoxLoss {
    /// A loss with the given tie handling.
    pub fn new(ties: Ties) -> Self {
        Self {
            ties,
            order: Vec::new(),
            groups: Vec::new(),
        }
    }

    /// The tie handling.
    pub fn ties(&self) -> Ties {
        self.ties
    }

    /// The loss of log-risks `log_risk` for patients with survival times `time` and event
    /// indicators `event` (`true` = event observed, `false` = censored).
    ///
    /// # Shapes
    /// All three slices have one value per patient.
    ///
    /// # Errors
    /// [`ModelError::Shape`] when the lengths differ or are zero, [`ModelError::NonFinite`]
    /// for a NaN or infinite log-risk or time, [`ModelError::InsufficientData`] without any
    /// event (the partial likelihood is then empty).
    pub fn value(
        &mut self,
        log_risk: &[f64],
        time: &[f64],
        event: &[bool],
    ) -> Result<f64, ModelError> {
        self.evaluate(log_risk, time, event, None)
    }

    /// The loss as [`CoxLoss::value`], and its gradient with respect to every log-risk
    /// written to `gradient`.
    ///
    /// # Shapes
    /// All four slices have one value per patient.
    ///
    /// # Errors
    /// As [`CoxLoss::value`]; also [`ModelError::Shape`] when `gradient` has the wrong
    /// length.
    pub fn value_and_gradient(
        &mut self,
        log_risk: &[f64],
        time: &[f64],
        event: &[bool],
        gradient: &mut [f64],
    ) -> Result<f64, ModelError> {
        self.evaluate(log_risk, time, event, Some(gradient))
    }

    fn evaluate(
        &mut self,
        log_risk: &[f64],
        time: &[f64],
        event: &[bool],
        gradient: Option<&mut [f64]>,
    ) -> Result<f64, ModelError> {
        let n = log_risk.len();
        check_inputs(log_risk, time, event, gradient.as_deref())?;
        let n_events = event.iter().filter(|&&e| e).count();
        if n_events == 0 {
            return Err(ModelError::insufficient(
                "Cox partial likelihood",
                "at least one event",
                0,
                "events",
            ));
        }

        self.order.clear();
        self.order.extend(0..n);
        // Descending time; the row index breaks ties so the order (and the Pycox value) is
        // a deterministic function of the input.
        self.order
            .sort_unstable_by(|&i, &j| time[j].total_cmp(&time[i]).then(i.cmp(&j)));

        // Forward pass, longest time first: the risk set of a group is everything up to
        // and including the group.
        self.groups.clear();
        let mut risk_set = LogSumExp::EMPTY;
        let mut log_likelihood = 0.0;
        let mut start = 0;
        while start < n {
            let end = match self.ties {
                Ties::Pycox => start + 1,
                Ties::Breslow | Ties::Efron => {
                    let t = time[self.order[start]];
                    let mut end = start + 1;
                    while end < n && time[self.order[end]] == t {
                        end += 1;
                    }
                    end
                }
            };
            let mut tied_events = LogSumExp::EMPTY;
            let mut d_t = 0usize;
            for &i in &self.order[start..end] {
                risk_set.add(log_risk[i]);
                if event[i] {
                    tied_events.add(log_risk[i]);
                    log_likelihood += log_risk[i];
                    d_t += 1;
                }
            }
            let log_r = risk_set.value();
            let (a, b) = if d_t == 0 {
                (0.0, 0.0)
            } else if self.ties == Ties::Efron && d_t > 1 {
                // q = E / R <= 1 (the tied events are part of the risk set); rounding may
                // push it a hair above 1, which the clamp undoes. 1 - c_l q >= 1 / d_t.
                let q = (tied_events.value() - log_r).exp().min(1.0);
                let d = d_t as f64;
                let mut a = 0.0;
                let mut b = 0.0;
                for l in 0..d_t {
                    let c = l as f64 / d;
                    log_likelihood -= log_r + (-c * q).ln_1p();
                    a += 1.0 / (1.0 - c * q);
                    b += c / (1.0 - c * q);
                }
                (a, b)
            } else {
                log_likelihood -= d_t as f64 * log_r;
                (d_t as f64, 0.0)
            };
            self.groups.push(TieGroup {
                start,
                end,
                log_risk_set: log_r,
                a,
                b,
            });
            start = end;
        }
        let d = n_events as f64;
        let loss = -log_likelihood / d;

        if let Some(gradient) = gradient {
            // Backward pass, shortest time first. Patient k belongs to the risk set of every
            // group g at or before its own time, so
            //   d(-loglik)/d(eta_k) = -delta_k + exp(eta_k) * sum_{g: t_g <= t_k} a_g / R_g
            //                         - delta_k * b_own * exp(eta_k) / R_own,
            // and the sum is carried as a running log-sum-exp of log(a_g) - log(R_g).
            let mut hazard_sum = LogSumExp::EMPTY;
            for group in self.groups.iter().rev() {
                if group.a > 0.0 {
                    hazard_sum.add(group.a.ln() - group.log_risk_set);
                }
                let log_sum = hazard_sum.value();
                for &k in &self.order[group.start..group.end] {
                    let eta = log_risk[k];
                    let mut g = (eta + log_sum).exp();
                    if event[k] {
                        g -= 1.0 + group.b * (eta - group.log_risk_set).exp();
                    }
                    gradient[k] = g / d;
                }
            }
        }
        Ok(loss)
    }
}

fn check_inputs(
    log_risk: &[f64],
    time: &[f64],
    event: &[bool],
    gradient: Option<&[f64]>,
) -> Result<(), ModelError> {
    let n = log_risk.len();
    if n == 0 {
        return Err(ModelError::insufficient(
            "Cox loss",
            "at least one patient",
            0,
            "patients",
        ));
    }
    for (what, len) in [
        ("survival time", time.len()),
        ("event indicator", event.len()),
        ("gradient", gradient.map_or(n, <[f64]>::len)),
    ] {
        if len != n {
            return Err(ModelError::length("Cox loss", what, n, len));
        }
    }
    if let Some(i) = log_risk.iter().position(|v| !v.is_finite()) {
        return Err(ModelError::non_finite(
            "Cox loss",
            "log-risk",
            None,
            Some(i),
            log_risk[i],
        ));
    }
    if let Some(i) = time.iter().position(|v| !v.is_finite()) {
        return Err(ModelError::non_finite(
            "Cox loss",
            "survival time",
            None,
            Some(i),
            time[i],
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_patients_by_hand() {
        // Patient 0 dies at t=1 with eta=0; patient 1 is censored at t=2 with eta=ln 3.
        // loglik = 0 - log(1 + 3); one event.
        let mut loss = CoxLoss::new(Ties::Breslow);
        let v = loss
            .value(&[0.0, 3f64.ln()], &[1.0, 2.0], &[true, false])
            .unwrap();
        assert!((v - 4f64.ln()).abs() < 1e-15, "{v}");
    }

    #[test]
    fn efron_by_hand() {
        // Two tied events at t=1 (eta 0 and ln 2), one censored at t=3 (eta ln 3):
        // R = 6, E = 3; loglik = ln 2 - ln 6 - ln(6 - 3/2).
        let mut loss = CoxLoss::new(Ties::Efron);
        let eta = [0.0, 2f64.ln(), 3f64.ln()];
        let v = loss
            .value(&eta, &[1.0, 1.0, 3.0], &[true, true, false])
            .unwrap();
        let want = -(2f64.ln() - 6f64.ln() - 4.5f64.ln()) / 2.0;
        assert!((v - want).abs() < 1e-15, "{v} vs {want}");
    }

    #[test]
    fn huge_log_risks_stay_finite() {
        let mut loss = CoxLoss::new(Ties::Efron);
        let mut g = [0.0; 3];
        let v = loss
            .value_and_gradient(
                &[800.0, -900.0, 750.0],
                &[1.0, 2.0, 2.0],
                &[true, true, false],
                &mut g,
            )
            .unwrap();
        assert!(
            v.is_finite() && g.iter().all(|x| x.is_finite()),
            "{v} {g:?}"
        );
    }

    #[test]
    fn bad_inputs_are_errors() {
        let mut loss = CoxLoss::new(Ties::Breslow);
        assert!(matches!(
            loss.value(&[0.0], &[1.0], &[false]),
            Err(ModelError::InsufficientData { .. })
        ));
        assert!(matches!(
            loss.value(&[f64::NAN], &[1.0], &[true]),
            Err(ModelError::NonFinite {
                patient: Some(0),
                ..
            })
        ));
        assert!(matches!(
            loss.value(&[0.0, 1.0], &[1.0], &[true]),
            Err(ModelError::Length {
                expected: 2,
                found: 1,
                ..
            })
        ));
        assert!(matches!(
            loss.value(&[], &[], &[]),
            Err(ModelError::InsufficientData { .. })
        ));
    }
}
