//! The censoring distribution G(t) = P(C > t), estimated by a reverse Kaplan-Meier on
//! training follow-up, and the inverse-probability-of-censoring weights built on it, as
//! scikit-survival 0.28 computes them (`CensoringDistributionEstimator`). Uno's C, the
//! time-dependent AUC and the Brier score all weight patients this way.

use crate::ModelError;
use crate::km::EventTable;
use crate::survival_input::check_follow_up;

/// Reverse Kaplan-Meier estimate of the censoring survival function.
///
/// Censorings count as the "events"; a patient who dies at time t is no longer at risk of
/// censoring at t (deaths come first). `G` is right-continuous: `G(t)` includes the
/// censorings at `t` itself.
#[derive(Clone, Debug, PartialEq)]
pub struct CensoringSurvival {
    /// Distinct training times, increasing.
    time: Vec<f64>,
    /// `G` at each time.
    survival: Vec<f64>,
}

impl CensoringSurvival {
    /// Fits `G` on training follow-up. When nobody is censored, `G = 1` up to the last
    /// training time (scikit-survival's convention).
    pub fn fit(times: &[f64], events: &[bool]) -> Result<Self, ModelError> {
        check_follow_up(times, events, "censoring distribution")?;
        let table = EventTable::from_valid(times, events);
        let mut g = 1.0_f64;
        let mut survival = Vec::with_capacity(table.len());
        for k in 0..table.len() {
            // At risk of censoring: everyone at risk who did not die at this time.
            let at_risk = (table.at_risk[k] - table.events[k]) as f64;
            if table.censored[k] > 0 {
                g *= 1.0 - table.censored[k] as f64 / at_risk;
            }
            survival.push(g);
        }
        Ok(Self {
            time: table.time,
            survival,
        })
    }

    /// `G(t)`: 1 before the first training time; beyond the last training time 0 if the
    /// estimate reached 0 there, otherwise an error, because the reverse Kaplan-Meier is
    /// undefined past its last time (scikit-survival raises the same error).
    pub fn at(&self, t: f64) -> Result<f64, ModelError> {
        let (Some(&last_time), Some(&last_g)) = (self.time.last(), self.survival.last()) else {
            return Ok(1.0);
        };
        if t > last_time {
            return if last_g > 0.0 {
                Err(ModelError::BeyondFollowUp {
                    context: "censoring distribution",
                    time: t,
                    last: last_time,
                })
            } else {
                Ok(0.0)
            };
        }
        Ok(crate::km::step_value(&self.time, &self.survival, t, 1.0))
    }

    /// Inverse-probability-of-censoring weights: `1 / G(t_i)` for a patient with an event
    /// at `t_i`, 0 for a censored patient. Fails where `G(t_i) = 0` for an event.
    pub fn event_weights(&self, times: &[f64], events: &[bool]) -> Result<Vec<f64>, ModelError> {
        times
            .iter()
            .zip(events)
            .enumerate()
            .map(|(i, (&t, &e))| {
                if !e {
                    return Ok(0.0);
                }
                let g = self.at(t)?;
                if g > 0.0 {
                    Ok(1.0 / g)
                } else {
                    Err(ModelError::CensoringExhausted {
                        context: "inverse-censoring weights",
                        patient: i,
                        time: t,
                    })
                }
            })
            .collect()
    }
}
