//! Kaplan-Meier survival estimate with Greenwood variance and the exponential-Greenwood
//! ("log(-log)") confidence interval, laid out as lifelines' `KaplanMeierFitter` reports
//! it, plus the event table (numbers at risk, events, censorings) behind it.

use statrs::distribution::{ContinuousCDF, Normal};

use crate::ModelError;
use crate::survival_input::{check_follow_up, order_by_time};

/// Counts of right-censored follow-up at each distinct observed time.
///
/// Row `k` describes time `time[k]`: `at_risk[k]` patients were still followed just
/// before it (time >= `time[k]`), `events[k]` of them had the event at `time[k]` and
/// `censored[k]` were censored there.
#[derive(Clone, Debug, PartialEq)]
pub struct EventTable {
    /// Distinct observed times, increasing (event and censoring times alike).
    pub time: Vec<f64>,
    /// Patients at risk just before each time.
    pub at_risk: Vec<usize>,
    /// Events at each time.
    pub events: Vec<usize>,
    /// Censorings at each time.
    pub censored: Vec<usize>,
}

impl EventTable {
    /// Tabulates follow-up. Fails when the slices differ in length, are empty, or hold a
    /// negative or non-finite time.
    pub fn new(times: &[f64], events: &[bool]) -> Result<Self, ModelError> {
        check_follow_up(times, events, "event table")?;
        Ok(Self::from_valid(times, events))
    }

    /// As [`EventTable::new`] for input already checked.
    pub(crate) fn from_valid(times: &[f64], events: &[bool]) -> Self {
        let order = order_by_time(times);
        let mut table = Self {
            time: Vec::new(),
            at_risk: Vec::new(),
            events: Vec::new(),
            censored: Vec::new(),
        };
        let mut remaining = times.len();
        let mut k = 0;
        while k < order.len() {
            let t = times[order[k]];
            let (mut d, mut c) = (0, 0);
            while k < order.len() && times[order[k]] == t {
                if events[order[k]] {
                    d += 1;
                } else {
                    c += 1;
                }
                k += 1;
            }
            table.time.push(t);
            table.at_risk.push(remaining);
            table.events.push(d);
            table.censored.push(c);
            remaining -= d + c;
        }
        table
    }

    /// Number of rows (distinct times).
    pub fn len(&self) -> usize {
        self.time.len()
    }

    /// Whether the table has no rows (never true for a table built by [`EventTable::new`]).
    pub fn is_empty(&self) -> bool {
        self.time.is_empty()
    }
}

/// The product-limit estimate of S(t) = P(T > t) with its Greenwood variance and
/// pointwise confidence interval.
///
/// The timeline follows lifelines 0.30 (`KaplanMeierFitter.survival_function_`): time 0
/// first (survival 1, everyone at risk), then every distinct observed time, events and
/// censorings alike. Each value holds from its time up to the next (a right-continuous
/// step function).
#[derive(Clone, Debug, PartialEq)]
pub struct KaplanMeier {
    /// Time 0, then the distinct observed times (units of the input).
    pub time: Vec<f64>,
    /// Patients at risk just before each time.
    pub at_risk: Vec<usize>,
    /// Events at each time.
    pub events: Vec<usize>,
    /// Censorings at each time.
    pub censored: Vec<usize>,
    /// Estimated survival at each time, in [0, 1], non-increasing.
    pub survival: Vec<f64>,
    /// Greenwood's sum `sum d / (n (n - d))` over times up to each time: the variance of
    /// `log S(t)`. Steps where every patient at risk dies add 0, as in lifelines.
    pub greenwood: Vec<f64>,
    /// Lower confidence limit at each time.
    pub ci_lower: Vec<f64>,
    /// Upper confidence limit at each time.
    pub ci_upper: Vec<f64>,
    /// Two-sided level of the interval, e.g. 0.95.
    pub level: f64,
}

impl KaplanMeier {
    /// Kaplan-Meier estimate with a 95% exponential-Greenwood interval (lifelines' default,
    /// `alpha = 0.05`).
    pub fn fit(times: &[f64], events: &[bool]) -> Result<Self, ModelError> {
        Self::fit_with_level(times, events, 0.95)
    }

    /// Kaplan-Meier estimate with an exponential-Greenwood interval of two-sided level
    /// `level` (in (0, 1)).
    ///
    /// The interval is built on `log(-log S)`: with `v = log S(t)` and Greenwood's sum
    /// `g`, the limits are `exp(-exp(log(-v) ± z sqrt(g) / v))`, `z` the standard normal
    /// quantile at `(1 + level) / 2` (lifelines' `KaplanMeierFitter`). Where `S = 1` (no
    /// event yet) the interval is `[1, 1]`; where `S = 0` it is `[0, 0]`.
    pub fn fit_with_level(times: &[f64], events: &[bool], level: f64) -> Result<Self, ModelError> {
        check_follow_up(times, events, "Kaplan-Meier")?;
        if !(level > 0.0 && level < 1.0) {
            return Err(ModelError::setting(
                "Kaplan-Meier",
                "the confidence level",
                "in (0, 1)",
                level,
            ));
        }
        let table = EventTable::from_valid(times, events);
        let z = standard_normal_quantile(0.5 + level / 2.0)?;

        let n = times.len();
        let starts_at_zero = table.time.first().is_some_and(|&t| t == 0.0);
        let mut km = Self {
            time: Vec::with_capacity(table.len() + 1),
            at_risk: Vec::with_capacity(table.len() + 1),
            events: Vec::with_capacity(table.len() + 1),
            censored: Vec::with_capacity(table.len() + 1),
            survival: Vec::with_capacity(table.len() + 1),
            greenwood: Vec::with_capacity(table.len() + 1),
            ci_lower: Vec::with_capacity(table.len() + 1),
            ci_upper: Vec::with_capacity(table.len() + 1),
            level,
        };
        if !starts_at_zero {
            km.push_row(0.0, n, 0, 0, 0.0, 0.0, z);
        }
        // lifelines accumulates log(n - d) - log(n) and exponentiates; we do the same so
        // that the estimates agree to the last bits, not only to the tolerance.
        let (mut log_s, mut g) = (0.0_f64, 0.0_f64);
        for k in 0..table.len() {
            let (at_risk, d) = (table.at_risk[k] as f64, table.events[k] as f64);
            if table.events[k] > 0 {
                log_s += (at_risk - d).ln() - at_risk.ln();
                if table.events[k] < table.at_risk[k] {
                    g += d / (at_risk * (at_risk - d));
                }
            }
            km.push_row(
                table.time[k],
                table.at_risk[k],
                table.events[k],
                table.censored[k],
                log_s,
                g,
                z,
            );
        }
        Ok(km)
    }

    #[allow(clippy::too_many_arguments)]
    fn push_row(
        &mut self,
        time: f64,
        at_risk: usize,
        events: usize,
        censored: usize,
        log_s: f64,
        greenwood: f64,
        z: f64,
    ) {
        let s = log_s.exp();
        let (lower, upper) = if log_s == 0.0 {
            (1.0, 1.0)
        } else if log_s == f64::NEG_INFINITY {
            (0.0, 0.0)
        } else {
            let centre = (-log_s).ln();
            let half = z * greenwood.sqrt() / log_s;
            (
                (-(centre - half).exp()).exp(),
                (-(centre + half).exp()).exp(),
            )
        };
        self.time.push(time);
        self.at_risk.push(at_risk);
        self.events.push(events);
        self.censored.push(censored);
        self.survival.push(s);
        self.greenwood.push(greenwood);
        self.ci_lower.push(lower);
        self.ci_upper.push(upper);
    }

    /// Estimated survival at time `t`: the value of the last step at or before `t`
    /// (1 before the first time).
    pub fn survival_at(&self, t: f64) -> f64 {
        step_value(&self.time, &self.survival, t, 1.0)
    }

    /// Median survival time: the first time at which the estimate is at or below 0.5, as
    /// lifelines' `median_survival_time_`; `None` when the curve stays above 0.5
    /// (lifelines reports infinity).
    pub fn median(&self) -> Option<f64> {
        self.quantile_time(0.5)
    }

    /// First time at which the estimate is at or below `p`, `None` if it never gets there.
    pub fn quantile_time(&self, p: f64) -> Option<f64> {
        self.survival
            .iter()
            .position(|&s| s <= p)
            .map(|k| self.time[k])
    }
}

/// Value of a right-continuous step function with jumps at `knots` (increasing) and values
/// `values` at `t`; `before` left of the first knot.
/// NaN if `values` is shorter than `knots` (an inconsistent curve, never a panic).
pub(crate) fn step_value(knots: &[f64], values: &[f64], t: f64, before: f64) -> f64 {
    step_index(knots, t).map_or(before, |k| values.get(k).copied().unwrap_or(f64::NAN))
}

/// Index of the last knot at or before `t` (knots increasing), `None` before the first.
pub(crate) fn step_index(knots: &[f64], t: f64) -> Option<usize> {
    knots.partition_point(|&k| k <= t).checked_sub(1)
}

/// Quantile of the standard normal distribution at probability `p` in (0, 1).
pub(crate) fn standard_normal_quantile(p: f64) -> Result<f64, ModelError> {
    let normal = Normal::new(0.0, 1.0)
        .map_err(|_| ModelError::setting("normal quantile", "the probability", "in (0, 1)", p))?;

    Ok(normal.inverse_cdf(p))
}
