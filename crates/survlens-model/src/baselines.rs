//! The models a statistician fits first, to stand beside the network: a ridge-penalised
//! linear Cox model, and the same with restricted cubic splines for continuous markers.
//!
//! # The models
//! - **Linear Cox** ([`BaselineKind::Linear`]): one coefficient per input column of the
//!   network's design matrix (so both see the same preprocessing).
//! - **Spline Cox** ([`BaselineKind::Spline`]): every continuous column (a marker value
//!   with at least [`MIN_DISTINCT_FOR_SPLINE`] distinct training values) is expanded into a
//!   restricted cubic spline with four knots at the 5th, 35th, 65th and 95th percentiles of
//!   its training values (Harrell, *Regression Modeling Strategies*, 2nd ed., 2015,
//!   section 2.4.5 and table 2.3): the value itself and two non-linear terms, each scaled by
//!   the squared knot range; the function is linear beyond the outer knots.
//! - **Hinge Cox** ([`BaselineKind::Hinge`]): every continuous column gets, besides its
//!   value, one hinge `max(x - k, 0)` per knot at the 10th, 25th, 50th, 75th and 90th
//!   percentiles of its training values: a piecewise-linear additive model (linear splines).
//!   Unlike cubic splines it is exactly a network with one hidden layer of ReLU units
//!   ([`BaselineCox::as_network`]), which the `auto` recipe blends with its networks.
//!
//! # The fit
//! Maximum penalised partial likelihood with Breslow's handling of ties: minimise
//! `-l(beta) / n + lambda / 2 * ||beta_std||^2` with `beta_std` the coefficients of the
//! standardised columns (mean 0, sample standard deviation 1): exactly lifelines'
//! `penalizer` convention with `l1_ratio = 0` and [`crate::CoxPh`]'s (whose Newton fit is
//! the reference of the tests). The optimiser is L-BFGS (Nocedal & Wright, *Numerical
//! Optimization*, 2nd ed., algorithm 7.4, memory 10) with a backtracking Armijo line
//! search: each iteration costs `O(n p)`, so hundreds of spline columns stay affordable in
//! the browser, where Newton's `O(n p^2)` information matrix would not.
//!
//! `lambda` is chosen among [`PENALTY_GRID`] by the cross-validated partial likelihood of
//! Verweij and van Houwelingen (Statistics in Medicine 12, 1993): over `k` folds, the sum
//! of `l(beta_{-k}) - l_{-k}(beta_{-k})`, the log-likelihood contribution of fold `k`'s
//! patients with every patient in the risk sets; the largest such sum wins.

use serde::{Deserialize, Serialize};

use crate::ModelError;
use crate::cv::assign_folds;
use crate::survival_input::{check_follow_up, order_by_time};

/// Largest gradient component at which L-BFGS stops.
pub const GRADIENT_TOLERANCE: f64 = 1e-6;

/// Penalties (lifelines' `penalizer`) the cross-validation chooses among.
pub const PENALTY_GRID: [f64; 5] = [1e-3, 1e-2, 3e-2, 1e-1, 3e-1];

/// Fewest distinct training values for a column to get spline terms.
pub const MIN_DISTINCT_FOR_SPLINE: usize = 10;

/// Knot percentiles of a four-knot restricted cubic spline (Harrell 2015, table 2.3).
pub const KNOT_QUANTILES: [f64; 4] = [0.05, 0.35, 0.65, 0.95];

/// Knot percentiles of the hinge model.
pub const HINGE_QUANTILES: [f64; 5] = [0.1, 0.25, 0.5, 0.75, 0.9];

/// Which baseline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BaselineKind {
    /// Ridge-penalised linear Cox model.
    Linear,
    /// Ridge-penalised Cox model with restricted cubic splines of continuous columns.
    Spline,
    /// Ridge-penalised Cox model with hinges (linear splines) of continuous columns.
    Hinge,
}

impl BaselineKind {
    /// A name for tables: `linear Cox` or `spline Cox`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Linear => "linear Cox",
            Self::Spline => "spline Cox",
            Self::Hinge => "hinge Cox",
        }
    }
}

/// The basis expansion of one column: two restricted-cubic-spline terms (four knots) or
/// one hinge per knot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct SplineColumn {
    column: usize,
    knots: Vec<f64>,
}

impl SplineColumn {
    /// Number of extra terms.
    fn terms(&self, kind: BaselineKind) -> usize {
        match kind {
            BaselineKind::Spline => 2,
            _ => self.knots.len(),
        }
    }
}

/// Patients whose design [`BaselineCox::log_risk`] expands at a time.
const LOG_RISK_CHUNK: usize = 1024;

/// A fitted baseline model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BaselineCox {
    /// Which model.
    pub kind: BaselineKind,
    /// The chosen penalty.
    pub penalizer: f64,
    /// The cross-validated partial likelihood of each penalty of [`PENALTY_GRID`] (NaN
    /// where a fold failed).
    pub cv_log_likelihood: Vec<f64>,
    /// Input columns of the design matrix.
    n_inputs: usize,
    splines: Vec<SplineColumn>,
    /// Means and standard deviations of the expanded columns on the training patients.
    means: Vec<f64>,
    scales: Vec<f64>,
    /// Coefficients of the standardised expanded columns (0 for a constant column).
    coefficients: Vec<f64>,
}

impl BaselineCox {
    /// Fits the baseline on `x` (`n x p`, the network's design matrix of the training
    /// patients), choosing the penalty by `folds`-fold cross-validation drawn from `seed`.
    ///
    /// # Errors
    /// Shapes that disagree, non-finite values, no event, too few patients for the folds.
    pub fn fit(
        kind: BaselineKind,
        x: &[f32],
        p: usize,
        time: &[f64],
        event: &[bool],
        folds: usize,
        seed: u64,
    ) -> Result<Self, ModelError> {
        let mut model = Self::prepare(kind, x, p, time, event)?;
        let (n, q) = (time.len(), model.width());
        let strata: Vec<u32> = event.iter().map(|&e| u32::from(e)).collect();
        let assignment = assign_folds(n, Some(&strata), folds.max(2), seed)?;
        let full = SortedData::new(&model, x, time, event);
        // Each fold walks the penalties from the largest down, each fit starting from the
        // previous solution (a warm-started path, as glmnet does).
        let mut cv = vec![0.0; PENALTY_GRID.len()];
        for k in 0..assignment.n_folds() {
            let rows = assignment.train_rows(k);
            let sub = SortedData::subset(&model, x, time, event, &rows);
            let mut start = vec![0.0; q];
            for (l, &lambda) in PENALTY_GRID.iter().enumerate().rev() {
                match minimise(&sub, lambda, &start) {
                    Ok(beta) => {
                        cv[l] += full.log_likelihood(&beta) - sub.log_likelihood(&beta);
                        start = beta;
                    }
                    Err(_) => cv[l] = f64::NAN,
                }
            }
        }
        let best = cv
            .iter()
            .enumerate()
            .filter(|(_, v)| v.is_finite())
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(i, _)| i)
            .ok_or_else(|| {
                ModelError::insufficient(
                    "baseline Cox model",
                    "a penalty that can be fitted on every fold",
                    0,
                    "such penalties",
                )
            })?;
        let coefficients = minimise(&full, PENALTY_GRID[best], &vec![0.0; q])?;
        model.coefficients = coefficients;
        model.penalizer = PENALTY_GRID[best];
        model.cv_log_likelihood = cv;
        Ok(model)
    }

    /// Fits the baseline with a given penalty `penalizer` (lifelines' convention), without
    /// cross-validation.
    ///
    /// # Errors
    /// As [`BaselineCox::fit`]; [`ModelError::InvalidSetting`] for a penalty that is not
    /// finite and non-negative.
    pub fn fit_with_penalizer(
        kind: BaselineKind,
        x: &[f32],
        p: usize,
        time: &[f64],
        event: &[bool],
        penalizer: f64,
    ) -> Result<Self, ModelError> {
        if !(penalizer.is_finite() && penalizer >= 0.0) {
            return Err(ModelError::setting(
                "baseline Cox model",
                "the penalizer",
                "finite and at least 0",
                penalizer,
            ));
        }
        let mut model = Self::prepare(kind, x, p, time, event)?;
        let q = model.width();
        let full = SortedData::new(&model, x, time, event);
        let coefficients = minimise(&full, penalizer, &vec![0.0; q])?;
        model.coefficients = coefficients;
        model.penalizer = penalizer;
        Ok(model)
    }

    /// The coefficients on the original scale of the expanded columns (inputs, then two
    /// spline terms per spline column), as [`crate::CoxPh::coefficients`] reports them.
    pub fn coefficients(&self) -> Vec<f64> {
        self.coefficients
            .iter()
            .zip(&self.scales)
            .map(|(b, s)| if *s > 0.0 { b / s } else { 0.0 })
            .collect()
    }

    /// The model as a network with the same log-risk (up to `f32` rounding): a linear
    /// model as one dense layer; a hinge model as one hidden layer of ReLU units, two
    /// carrying the linear terms (`relu(l) - relu(-l) = l`) and one per hinge
    /// (`relu(x - k)`). `None` for cubic splines, which ReLU units cannot represent.
    ///
    /// # Errors
    /// [`ModelError::NonFinite`] when a coefficient overflows `f32`.
    pub fn as_network(&self) -> Result<Option<crate::network::CoxNet>, ModelError> {
        use crate::network::{CoxNet, Dense};
        let coefficients = self.coefficients();
        let p = self.n_inputs;
        // Centring on the training means goes into the bias.
        let bias = -coefficients
            .iter()
            .zip(&self.means)
            .map(|(w, m)| w * m)
            .sum::<f64>();
        let linear: Vec<f32> = coefficients[..p].iter().map(|&w| w as f32).collect();
        match self.kind {
            BaselineKind::Spline => Ok(None),
            BaselineKind::Linear => {
                let layer = Dense::new(p, 1, linear, vec![bias as f32])?;
                CoxNet::new(vec![layer]).map(Some)
            }
            BaselineKind::Hinge => {
                let hinges: usize = self.splines.iter().map(|s| s.knots.len()).sum();
                let width = 2 + hinges;
                let mut weight = vec![0.0f32; width * p];
                let mut biases = vec![0.0f32; width];
                weight[..p].copy_from_slice(&linear);
                for (w, v) in weight[p..2 * p].iter_mut().zip(&linear) {
                    *w = -v;
                }
                biases[0] = bias as f32;
                biases[1] = -bias as f32;
                let mut out = vec![1.0f32, -1.0];
                let mut unit = 2;
                let mut term = p;
                for s in &self.splines {
                    for &k in &s.knots {
                        weight[unit * p + s.column] = 1.0;
                        biases[unit] = -k as f32;
                        out.push(coefficients[term] as f32);
                        unit += 1;
                        term += 1;
                    }
                }
                let hidden = Dense::new(p, width, weight, biases)?;
                let output = Dense::new(width, 1, out, vec![0.0])?;
                CoxNet::new(vec![hidden, output]).map(Some)
            }
        }
    }

    /// Checks the input, chooses the spline columns and measures the expanded columns'
    /// means and standard deviations.
    fn prepare(
        kind: BaselineKind,
        x: &[f32],
        p: usize,
        time: &[f64],
        event: &[bool],
    ) -> Result<Self, ModelError> {
        let n = time.len();
        check_follow_up(time, event, "baseline Cox model")?;
        if p == 0 || x.len() != n.saturating_mul(p) {
            return Err(ModelError::length(
                "baseline Cox model",
                "input matrix",
                n.saturating_mul(p.max(1)),
                x.len(),
            ));
        }
        if let Some(k) = x.iter().position(|v| !v.is_finite()) {
            return Err(ModelError::non_finite(
                "baseline Cox model",
                "input",
                Some(k % p),
                Some(k / p),
                f64::from(x[k]),
            ));
        }
        if !event.iter().any(|&e| e) {
            return Err(ModelError::insufficient(
                "baseline Cox model",
                "at least one death",
                0,
                "deaths",
            ));
        }
        let splines = match kind {
            BaselineKind::Linear => Vec::new(),
            BaselineKind::Spline => spline_columns(x, n, p, &KNOT_QUANTILES),
            BaselineKind::Hinge => spline_columns(x, n, p, &HINGE_QUANTILES),
        };
        let mut model = Self {
            kind,
            penalizer: PENALTY_GRID[0],
            cv_log_likelihood: Vec::new(),
            n_inputs: p,
            splines,
            means: Vec::new(),
            scales: Vec::new(),
            coefficients: Vec::new(),
        };
        let (means, scales) = model.moments(x);
        model.means = means;
        model.scales = scales;
        Ok(model)
    }

    /// Number of inputs (columns of the design matrix) the model reads.
    pub fn n_inputs(&self) -> usize {
        self.n_inputs
    }

    /// Expanded columns: the inputs, then two spline terms per spline column.
    fn width(&self) -> usize {
        self.n_inputs
            + self
                .splines
                .iter()
                .map(|s| s.terms(self.kind))
                .sum::<usize>()
    }

    /// The expanded design of the `n` rows of `x`, not standardised.
    fn expand(&self, x: &[f32], n: usize) -> Vec<f64> {
        let mut z = Vec::with_capacity(n * self.width());
        for row in x.chunks_exact(self.n_inputs.max(1)).take(n) {
            self.expand_row(row, &mut z);
        }
        z
    }

    /// Appends the expanded columns of one input row to `z`: the inputs, then each spline
    /// column's terms.
    fn expand_row(&self, row: &[f32], z: &mut Vec<f64>) {
        let start = z.len();
        z.resize(start + self.width(), 0.0);
        self.expand_into(row, &mut z[start..]);
    }

    /// One input row's expanded columns, not standardised, into `z` (`q` long): the inputs,
    /// then each spline column's terms.
    fn expand_into(&self, row: &[f32], z: &mut [f64]) {
        let (inputs, terms) = z.split_at_mut(row.len());
        for (v, &x) in inputs.iter_mut().zip(row) {
            *v = f64::from(x);
        }
        let mut at = 0;
        for s in &self.splines {
            let v = f64::from(row[s.column]);
            match (self.kind, s.knots.as_slice()) {
                (BaselineKind::Spline, &[a, b, c, d]) => {
                    terms[at..at + 2].copy_from_slice(&spline_terms(v, &[a, b, c, d]));
                    at += 2;
                }
                _ => {
                    for (t, &k) in terms[at..].iter_mut().zip(&s.knots) {
                        *t = hinge(v, k);
                    }
                    at += s.knots.len();
                }
            }
        }
    }

    /// The means and sample standard deviations (lifelines' convention; 0 marks a constant
    /// column) of the expanded columns of the rows of `x`, expanded one row at a time.
    fn moments(&self, x: &[f32]) -> (Vec<f64>, Vec<f64>) {
        let q = self.width();
        let rows = x.chunks_exact(self.n_inputs.max(1));
        let n = rows.len();
        let mut z = Vec::with_capacity(q);
        let mut means = vec![0.0; q];
        for row in rows.clone() {
            z.clear();
            self.expand_row(row, &mut z);
            for (m, v) in means.iter_mut().zip(&z) {
                *m += v;
            }
        }
        means.iter_mut().for_each(|m| *m /= n as f64);
        let mut scales = vec![0.0; q];
        for row in rows {
            z.clear();
            self.expand_row(row, &mut z);
            for ((s, v), m) in scales.iter_mut().zip(&z).zip(&means) {
                *s += (v - m) * (v - m);
            }
        }
        let denom = (n.max(2) - 1) as f64;
        scales.iter_mut().for_each(|s| {
            *s = (*s / denom).sqrt();
            if *s < 1e-12 {
                *s = 0.0;
            }
        });
        (means, scales)
    }

    /// Number of coefficients (inputs plus spline terms).
    pub fn n_coefficients(&self) -> usize {
        self.coefficients.len()
    }

    /// Number of input columns expanded into splines.
    pub fn n_spline_columns(&self) -> usize {
        self.splines.len()
    }

    /// Log-risk of each row of `x` (`n x p`, the same design as in the fit), centred on the
    /// training means.
    ///
    /// # Errors
    /// [`ModelError::Shape`] when `x` is not `n x p`.
    pub fn log_risk(&self, x: &[f32], n: usize) -> Result<Vec<f64>, ModelError> {
        if x.len() != n.saturating_mul(self.n_inputs) {
            return Err(ModelError::length(
                "baseline Cox model",
                "input matrix",
                n.saturating_mul(self.n_inputs),
                x.len(),
            ));
        }
        let q = self.width();
        let p = self.n_inputs;
        let mut risk = Vec::with_capacity(n);
        // A chunk of patients expanded at a time: the expanded design (`f64`, wider than the
        // inputs) is never held for every patient at once.
        for start in (0..n).step_by(LOG_RISK_CHUNK) {
            let rows = LOG_RISK_CHUNK.min(n - start);
            let z = self.expand(&x[start * p..(start + rows) * p], rows);
            risk.extend((0..rows).map(|i| {
                (0..q)
                    .filter(|&j| self.scales[j] > 0.0)
                    .map(|j| (z[i * q + j] - self.means[j]) / self.scales[j] * self.coefficients[j])
                    .sum::<f64>()
            }));
        }
        Ok(risk)
    }
}

/// The hinge `max(v - k, 0)`, written as a comparison and a choice: `f64::max` ignores a
/// NaN, which WebAssembly's `f64.max` does not, so it compiles there to a sequence of
/// checks, in the innermost loop of a fit. The inputs are finite ([`BaselineCox::fit`]
/// checks), where both give the same number.
fn hinge(v: f64, k: f64) -> f64 {
    let d = v - k;
    if d > 0.0 { d } else { 0.0 }
}

/// The two non-linear terms of a four-knot restricted cubic spline at `x` (Harrell 2015,
/// equation 2.25), each divided by `(t4 - t1)^2` so they are on the scale of `x`.
pub fn spline_terms(x: f64, t: &[f64; 4]) -> [f64; 2] {
    let cube = |v: f64| if v > 0.0 { v * v * v } else { 0.0 };
    let norm = (t[3] - t[0]).powi(2);
    let term = |j: usize| {
        (cube(x - t[j]) - cube(x - t[2]) * (t[3] - t[j]) / (t[3] - t[2])
            + cube(x - t[3]) * (t[2] - t[j]) / (t[3] - t[2]))
            / norm
    };
    [term(0), term(1)]
}

/// The columns with enough distinct values for a spline, with their knots at the
/// `quantiles` of the training values.
fn spline_columns(x: &[f32], n: usize, p: usize, quantiles: &[f64]) -> Vec<SplineColumn> {
    let mut out = Vec::new();
    let mut values = Vec::with_capacity(n);
    for j in 0..p {
        values.clear();
        values.extend((0..n).map(|i| f64::from(x[i * p + j])));
        values.sort_by(f64::total_cmp);
        let distinct = 1 + values.windows(2).filter(|w| w[1] > w[0]).count();
        if distinct < MIN_DISTINCT_FOR_SPLINE {
            continue;
        }
        let q = |f: f64| {
            let pos = f * (n - 1) as f64;
            let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
            values[lo] + (values[hi] - values[lo]) * (pos - lo as f64)
        };
        let mut knots: Vec<f64> = quantiles.iter().map(|&f| q(f)).collect();
        if quantiles.len() == KNOT_QUANTILES.len() {
            // Knots that coincide (a spike of imputed or tied values) make no cubic spline.
            if knots.windows(2).all(|w| w[1] > w[0]) {
                out.push(SplineColumn { column: j, knots });
            }
        } else {
            // Hinges: distinct knots strictly inside the range.
            knots.dedup();
            let (lo, hi) = (values[0], values[n - 1]);
            knots.retain(|&k| k > lo && k < hi);
            if !knots.is_empty() {
                out.push(SplineColumn { column: j, knots });
            }
        }
    }
    out
}

/// The patients of a fit in decreasing time order, with the tie groups of the Breslow
/// partial likelihood. The input rows stay in the caller's matrix (`f32`, as given), read
/// in that order, never copied; the standardised expanded row is made again each time the
/// likelihood reads it
/// ([`SortedData::row`]): the expanded design of a hinge model is about three times as
/// wide as the inputs and twice as wide per value, and is never held whole.
struct SortedData<'m> {
    /// The model whose expansion and standardisation the rows go through.
    model: &'m BaselineCox,
    /// One over each expanded column's standard deviation, 0 for a constant column: a
    /// row is standardised by multiplying, the division done once per column.
    inverse_scales: Vec<f64>,
    /// The caller's `n x p` inputs, read in place.
    x: &'m [f32],
    /// The rows of `x` by decreasing time.
    order: Vec<usize>,
    event: Vec<bool>,
    /// For each row (decreasing time), the index one past the last row with the same time:
    /// the risk set of a death at that time is every row before that index.
    group_end: Vec<usize>,
}

impl<'m> SortedData<'m> {
    /// Every row of `x` (`n x p`).
    fn new(model: &'m BaselineCox, x: &'m [f32], time: &[f64], event: &[bool]) -> Self {
        let rows: Vec<usize> = (0..time.len()).collect();
        Self::subset(model, x, time, event, &rows)
    }

    /// Rows `rows` of `x`, by decreasing time, ties kept together in the order
    /// [`order_by_time`] gives them, reversed.
    fn subset(
        model: &'m BaselineCox,
        x: &'m [f32],
        time: &[f64],
        event: &[bool],
        rows: &[usize],
    ) -> Self {
        let sub_time: Vec<f64> = rows.iter().map(|&r| time[r]).collect();
        let order: Vec<usize> = order_by_time(&sub_time)
            .into_iter()
            .rev()
            .map(|k| rows[k])
            .collect();
        let n = order.len();
        let t: Vec<f64> = order.iter().map(|&r| time[r]).collect();
        let mut group_end = vec![0; n];
        let mut i = 0;
        while i < n {
            let mut j = i;
            while j < n && t[j] == t[i] {
                j += 1;
            }
            group_end[i..j].fill(j);
            i = j;
        }
        Self {
            model,
            inverse_scales: model
                .scales
                .iter()
                .map(|&s| if s > 0.0 { 1.0 / s } else { 0.0 })
                .collect(),
            x,
            event: order.iter().map(|&r| event[r]).collect(),
            order,
            group_end,
        }
    }

    fn n(&self) -> usize {
        self.event.len()
    }

    /// Row `i`'s standardised expanded columns, into `z` (`q` long).
    fn row(&self, i: usize, z: &mut [f64]) {
        let p = self.model.n_inputs;
        let row = self.order[i];
        self.model.expand_into(&self.x[row * p..(row + 1) * p], z);
        for ((v, m), r) in z
            .iter_mut()
            .zip(&self.model.means)
            .zip(&self.inverse_scales)
        {
            *v = (*v - m) * r;
        }
    }

    /// Breslow log partial likelihood.
    fn log_likelihood(&self, beta: &[f64]) -> f64 {
        self.value_and_gradient(beta, None)
    }

    /// Log partial likelihood, and its gradient into `grad` when given.
    fn value_and_gradient(&self, beta: &[f64], mut grad: Option<&mut [f64]>) -> f64 {
        let n = self.n();
        let q = beta.len();
        let mut z = vec![0.0; q];
        let eta: Vec<f64> = (0..n)
            .map(|i| {
                self.row(i, &mut z);
                z.iter().zip(beta).map(|(a, b)| a * b).sum()
            })
            .collect();
        let shift = eta.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let shift = if shift.is_finite() { shift } else { 0.0 };
        let mut s0 = 0.0;
        let mut s1 = vec![0.0; q];
        if let Some(g) = grad.as_deref_mut() {
            g.fill(0.0);
        }
        let mut ll = 0.0;
        let mut added = 0;
        // The expanded rows of the current tie group's deaths, in order, as the risk set
        // took them in: each death's gradient term reads its row from here.
        let mut deaths: Vec<f64> = Vec::new();
        let mut death = 0;
        for i in 0..n {
            // A tie group starts: bring every row of this time into the risk set before its
            // deaths count.
            if added < self.group_end[i] {
                deaths.clear();
                death = 0;
            }
            while added < self.group_end[i] {
                let w = (eta[added] - shift).exp();
                s0 += w;
                if grad.is_some() {
                    self.row(added, &mut z);
                    for (s, x) in s1.iter_mut().zip(&z) {
                        *s += w * x;
                    }
                    if self.event[added] {
                        deaths.extend_from_slice(&z);
                    }
                }
                added += 1;
            }
            if !self.event[i] {
                continue;
            }
            ll += eta[i] - shift - s0.ln();
            if let Some(g) = grad.as_deref_mut() {
                let row = &deaths[death * q..(death + 1) * q];
                death += 1;
                for ((g, x), s) in g.iter_mut().zip(row).zip(&s1) {
                    *g += x - s / s0;
                }
            }
        }
        ll
    }
}

/// The penalised objective `-l(beta) / n + lambda / 2 ||beta||^2` and its gradient.
fn objective(data: &SortedData, beta: &[f64], lambda: f64, grad: &mut [f64]) -> f64 {
    let n = data.n() as f64;
    let ll = data.value_and_gradient(beta, Some(grad));
    let mut penalty = 0.0;
    for (g, b) in grad.iter_mut().zip(beta) {
        *g = -*g / n + lambda * b;
        penalty += b * b;
    }
    -ll / n + 0.5 * lambda * penalty
}

/// L-BFGS on [`objective`] from `start`, until the largest gradient component is below
/// [`GRADIENT_TOLERANCE`] (the objective is per patient, so that is a change of the
/// log-likelihood of about `1e-6 n` per unit of a standardised coefficient).
fn minimise(data: &SortedData, lambda: f64, start: &[f64]) -> Result<Vec<f64>, ModelError> {
    const MEMORY: usize = 10;
    const MAX_ITERATIONS: usize = 500;
    let q = data.model.width();
    if !data.event.iter().any(|&e| e) {
        return Err(ModelError::insufficient(
            "baseline Cox model",
            "at least one death among the patients of a fit",
            0,
            "deaths",
        ));
    }
    let mut beta = start.to_vec();
    beta.resize(q, 0.0);
    let mut grad = vec![0.0; q];
    let mut value = objective(data, &beta, lambda, &mut grad);
    let mut history: Vec<(Vec<f64>, Vec<f64>, f64)> = Vec::with_capacity(MEMORY);
    let mut next_grad = vec![0.0; q];
    for _ in 0..MAX_ITERATIONS {
        let norm = grad.iter().map(|g| g * g).sum::<f64>().sqrt();
        if grad.iter().all(|g| g.abs() < GRADIENT_TOLERANCE) {
            return Ok(beta);
        }
        // Two-loop recursion: direction = -H grad.
        let mut d: Vec<f64> = grad.iter().map(|g| -g).collect();
        let mut alphas = Vec::with_capacity(history.len());
        for (s, y, rho) in history.iter().rev() {
            let a = rho * dot(s, &d);
            for (di, yi) in d.iter_mut().zip(y) {
                *di -= a * yi;
            }
            alphas.push(a);
        }
        if let Some((s, y, _)) = history.last() {
            let gamma = dot(s, y) / dot(y, y);
            d.iter_mut().for_each(|v| *v *= gamma);
        }
        for ((s, y, rho), a) in history.iter().zip(alphas.iter().rev()) {
            let b = rho * dot(y, &d);
            for (di, si) in d.iter_mut().zip(s) {
                *di += (a - b) * si;
            }
        }
        let mut slope = dot(&grad, &d);
        if slope >= 0.0 {
            // Not a descent direction (rounding): restart from steepest descent.
            history.clear();
            d = grad.iter().map(|g| -g).collect();
            slope = -norm * norm;
        }
        let mut step = if history.is_empty() {
            (1.0 / norm).min(1.0)
        } else {
            1.0
        };
        let mut accepted = None;
        for _ in 0..60 {
            let candidate: Vec<f64> = beta.iter().zip(&d).map(|(b, di)| b + step * di).collect();
            let v = objective(data, &candidate, lambda, &mut next_grad);
            if v.is_finite() && v <= value + 1e-4 * step * slope {
                accepted = Some((candidate, v));
                break;
            }
            step *= 0.5;
        }
        let Some((candidate, v)) = accepted else {
            // No decrease along the direction: at the optimum to rounding.
            return Ok(beta);
        };
        let s: Vec<f64> = candidate.iter().zip(&beta).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = next_grad.iter().zip(&grad).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &y);
        let improvement = value - v;
        beta = candidate;
        grad.copy_from_slice(&next_grad);
        value = v;
        if sy > 1e-12 {
            if history.len() == MEMORY {
                history.remove(0);
            }
            history.push((s, y, 1.0 / sy));
        }
        if improvement.abs() <= 1e-13 * value.abs().max(1.0) {
            return Ok(beta);
        }
    }
    Ok(beta)
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests {
    use super::{BaselineCox, BaselineKind, SortedData};

    /// The Breslow log partial likelihood and its gradient written from the definition:
    /// every death's risk set summed afresh (`O(n^2)`), on the model's standardised design
    /// expanded whole.
    fn breslow_by_definition(
        model: &BaselineCox,
        x: &[f32],
        time: &[f64],
        event: &[bool],
        beta: &[f64],
    ) -> (f64, Vec<f64>) {
        let n = time.len();
        let q = model.width();
        let mut z = model.expand(x, n);
        for row in z.chunks_exact_mut(q) {
            for ((v, m), s) in row.iter_mut().zip(&model.means).zip(&model.scales) {
                *v = if *s > 0.0 { (*v - m) / s } else { 0.0 };
            }
        }
        let eta: Vec<f64> = z
            .chunks_exact(q)
            .map(|row| row.iter().zip(beta).map(|(a, b)| a * b).sum())
            .collect();
        let mut ll = 0.0;
        let mut grad = vec![0.0; q];
        for i in (0..n).filter(|&i| event[i]) {
            let at_risk: Vec<usize> = (0..n).filter(|&j| time[j] >= time[i]).collect();
            let s0: f64 = at_risk.iter().map(|&j| eta[j].exp()).sum();
            ll += eta[i] - s0.ln();
            for (c, g) in grad.iter_mut().enumerate() {
                let s1: f64 = at_risk.iter().map(|&j| eta[j].exp() * z[j * q + c]).sum();
                *g += z[i * q + c] - s1 / s0;
            }
        }
        (ll, grad)
    }

    #[test]
    fn the_likelihood_of_rows_expanded_when_read_is_breslow_s() {
        // Ties among deaths and between a death and a censoring, a constant column, and a
        // continuous column with hinges.
        let n = 40;
        let p = 3;
        let x: Vec<f32> = (0..n)
            .flat_map(|i| {
                let i = i as f32;
                [(i * 0.37).sin() * 2.0, 1.5, (i * 7.0) % 11.0 - 5.0]
            })
            .collect();
        let time: Vec<f64> = (0..n)
            .map(|i| f64::from((i * 13 % 17) as u32 + 1))
            .collect();
        let event: Vec<bool> = (0..n).map(|i| i % 3 != 0).collect();
        for kind in [
            BaselineKind::Linear,
            BaselineKind::Hinge,
            BaselineKind::Spline,
        ] {
            let model = BaselineCox::prepare(kind, &x, p, &time, &event).expect("a design");
            assert!(kind == BaselineKind::Linear || !model.splines.is_empty());
            let q = model.width();
            let beta: Vec<f64> = (0..q).map(|c| 0.1 * (c as f64 + 1.0).cos()).collect();
            let data = SortedData::new(&model, &x, &time, &event);
            let mut grad = vec![0.0; q];
            let ll = data.value_and_gradient(&beta, Some(&mut grad));
            let (want_ll, want_grad) = breslow_by_definition(&model, &x, &time, &event, &beta);
            assert!(
                (ll - want_ll).abs() < 1e-10 * want_ll.abs(),
                "{kind:?}: {ll} {want_ll}"
            );
            for (g, w) in grad.iter().zip(&want_grad) {
                assert!((g - w).abs() < 1e-10 * (1.0 + w.abs()), "{kind:?}: {g} {w}");
            }
            assert_eq!(data.log_likelihood(&beta).to_bits(), ll.to_bits());
        }
    }

    #[test]
    fn rows_are_read_by_decreasing_time_each_whole() {
        let time = [5.0, 1.0, 5.0, 3.0, 9.0, 2.0, 3.0, 7.0];
        let event = [true, false, true, true, false, true, false, true];
        let p = 2;
        let x: Vec<f32> = (0..time.len() * p).map(|k| k as f32).collect();
        let model =
            BaselineCox::prepare(BaselineKind::Linear, &x, p, &time, &event).expect("a design");
        let data = SortedData::new(&model, &x, &time, &event);
        // Row k of the fit is the input row the order names, standardised: linear terms
        // only, so its two columns are the row's two inputs.
        let mut z = vec![0.0; model.width()];
        let rows: Vec<usize> = (0..data.n())
            .map(|k| {
                data.row(k, &mut z);
                let r = data.order[k];
                for (j, &v) in z.iter().enumerate() {
                    let want = (f64::from(x[r * p + j]) - model.means[j]) / model.scales[j];
                    assert!((v - want).abs() < 1e-12, "row {k}, column {j}: {v} {want}");
                }
                r
            })
            .collect();
        assert!(
            rows.windows(2).all(|w| time[w[0]] >= time[w[1]]),
            "{rows:?}"
        );
        let mut sorted = rows.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..time.len()).collect::<Vec<_>>());
        // A tie group's rows all end where the group ends.
        for (k, &r) in rows.iter().enumerate() {
            let end = data.group_end[k];
            assert!(rows[k..end].iter().all(|&s| time[s] == time[r]));
            assert!(end == rows.len() || time[rows[end]] < time[r]);
        }
    }
}
