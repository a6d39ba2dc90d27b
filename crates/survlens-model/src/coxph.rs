//! Linear Cox proportional-hazards regression: maximum partial likelihood by
//! Newton-Raphson with step halving, Efron or Breslow handling of tied event times, an
//! optional ridge (L2) penalty, and Wald inference. Reported values equal lifelines 0.30's
//! `CoxPHFitter` (Efron) and statsmodels' `PHReg(ties="breslow")` (Breslow).
//!
//! [`CoxPh::fit_design`] adds two parts of a Cox design: **strata**, each with its own
//! baseline hazard (the partial likelihood is the product of the strata's, as lifelines'
//! `strata=` and statsmodels' `PHReg(strata=)`), and an **offset**, a known part of each
//! patient's log-risk whose coefficient is fixed at 1 (statsmodels' `PHReg(offset=)`).
//! [`CoxPh::nested_likelihood_ratio`] tests a fit against a fit of a subset of its
//! covariates on the same patients (likelihood-ratio test of nested models).

use serde::{Deserialize, Serialize};
use statrs::function::erf::erfc;

use crate::concordance::harrell_c;
use crate::survival_input::{check_follow_up, order_by_time};
use crate::symmetric::{cholesky, cholesky_inverse, cholesky_solve};
use crate::{ModelError, Nesting, ShapeProblem};

/// Largest Newton step (standardised coefficients) still counted as converged.
const STEP_TOLERANCE: f64 = 1e-6;

/// How the partial likelihood treats several events at the same time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CoxPhTies {
    /// Efron's approximation: the tied events leave the risk set one share at a time
    /// (lifelines' and R's default).
    #[default]
    Efron,
    /// Breslow's approximation: every tied event sees the full risk set.
    Breslow,
}

/// Settings of a Cox fit. `CoxPhConfig::default()` is lifelines' `CoxPHFitter()`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoxPhConfig {
    /// Tie handling.
    pub ties: CoxPhTies,
    /// Ridge penalty strength `lambda >= 0`, lifelines' `penalizer` with `l1_ratio = 0`.
    ///
    /// Exactly lifelines' convention: the covariates are standardised (mean 0, sample
    /// standard deviation 1) and `n * lambda / 2 * ||beta_std||^2` is subtracted from the
    /// log partial likelihood, `n` the number of patients and `beta_std` the coefficients
    /// on the standardised scale. The reported log-likelihood is the penalised one.
    pub penalizer: f64,
    /// Newton-Raphson iterations allowed before giving up.
    pub max_iterations: usize,
    /// Convergence threshold on the Newton decrement `g^T (-H)^-1 g / 2`, the predicted
    /// log-likelihood gain of the next step; the step itself must also be below 1e-6 on
    /// the standardised scale. One last full step follows.
    pub tolerance: f64,
}

impl Default for CoxPhConfig {
    fn default() -> Self {
        Self {
            ties: CoxPhTies::Efron,
            penalizer: 0.0,
            max_iterations: 50,
            tolerance: 1e-10,
        }
    }
}

impl CoxPhConfig {
    fn validate(&self) -> Result<(), ModelError> {
        if !(self.penalizer >= 0.0 && self.penalizer.is_finite()) {
            return Err(ModelError::setting(
                "Cox regression",
                "the penalizer",
                "finite and at least 0",
                self.penalizer,
            ));
        }
        if self.max_iterations == 0 {
            return Err(ModelError::setting(
                "Cox regression",
                "max_iterations",
                "at least 1",
                0.0,
            ));
        }
        if !(self.tolerance > 0.0 && self.tolerance.is_finite()) {
            return Err(ModelError::setting(
                "Cox regression",
                "the tolerance",
                "finite and positive",
                self.tolerance,
            ));
        }
        Ok(())
    }
}

/// A fitted linear Cox model: `h(t | x) = h0(t) exp((x - mean) . beta)`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoxPh {
    /// Settings used.
    pub config: CoxPhConfig,
    /// Coefficients `beta` (log hazard ratio per unit of each covariate), `p`.
    pub coefficients: Vec<f64>,
    /// Wald standard errors, `p`: square roots of the diagonal of [`CoxPh::covariance`].
    pub standard_errors: Vec<f64>,
    /// Wald statistics `beta / se`, `p`.
    pub z: Vec<f64>,
    /// Two-sided Wald p-values, `p`.
    pub p_values: Vec<f64>,
    /// Covariance of the coefficients, the inverse of the (penalised) observed
    /// information, `p x p` row-major.
    pub covariance: Vec<f64>,
    /// Log partial likelihood at the estimate (minus the penalty when penalised).
    pub log_likelihood: f64,
    /// Log partial likelihood at `beta = 0`.
    pub null_log_likelihood: f64,
    /// Harrell's C of the fitted log-risk on the training data ([`crate::harrell_c`]:
    /// risks within 1e-8 tie, as scikit-survival; lifelines' `concordance_index_` ties
    /// only equal risks); `None` without comparable pairs.
    pub concordance: Option<f64>,
    /// Training means of the covariates, `p`; log-risks are centred on them.
    pub means: Vec<f64>,
    /// Training sample standard deviations of the covariates, `p`.
    pub scales: Vec<f64>,
    /// Newton-Raphson iterations used.
    pub iterations: usize,
    /// Patients in the fit.
    pub n: usize,
    /// Events in the fit.
    pub n_events: usize,
    /// Strata of the fit (1 when unstratified).
    #[serde(default = "one_stratum")]
    pub n_strata: usize,
    /// Whether the fit had an offset ([`CoxPhDesign::offset`]).
    #[serde(default)]
    pub has_offset: bool,
}

fn one_stratum() -> usize {
    1
}

/// The parts of a Cox design besides covariates and outcomes ([`CoxPh::fit_design`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CoxPhDesign<'a> {
    /// Stratum of each patient (`n` labels, any `u32`): each stratum has its own baseline
    /// hazard, and a patient's risk set holds only patients of the same stratum. `None`:
    /// one stratum.
    pub strata: Option<&'a [u32]>,
    /// Known log-risk of each patient (`n`, finite), added to the linear predictor with
    /// coefficient 1. `None`: zero.
    pub offset: Option<&'a [f64]>,
}

/// A likelihood-ratio test of nested Cox models ([`CoxPh::nested_likelihood_ratio`]).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LikelihoodRatio {
    /// `2 (l_full - l_reduced)`, clamped at 0 (a reduced fit can end a rounding error
    /// above the full one).
    pub statistic: f64,
    /// Degrees of freedom: covariates of the full model minus those of the reduced one.
    pub df: usize,
    /// Upper tail of the chi-square distribution with `df` degrees of freedom.
    pub p_value: f64,
}

impl CoxPh {
    /// Fits a Cox model by maximum (penalised) partial likelihood.
    ///
    /// Starts at `beta = 0` and takes Newton-Raphson steps, halving a step while it lowers
    /// the likelihood. The work happens on standardised covariates (as lifelines does),
    /// which keeps the information matrix well conditioned; results are mapped back to the
    /// original scale.
    ///
    /// Errors: shapes that disagree, non-finite values, no event, a constant covariate
    /// or a singular information matrix ([`ModelError::Singular`], e.g. collinear
    /// covariates), and no convergence within `max_iterations` or after 30 halvings
    /// ([`ModelError::NotConverged`], e.g. complete separation).
    ///
    /// # Shapes
    /// `x`: `n x p` row-major covariates; `times`, `events`: `n`.
    pub fn fit(
        x: &[f64],
        n: usize,
        p: usize,
        times: &[f64],
        events: &[bool],
        config: &CoxPhConfig,
    ) -> Result<Self, ModelError> {
        Self::fit_design(x, n, p, times, events, CoxPhDesign::default(), config)
    }

    /// Fits a Cox model with strata and an offset ([`CoxPhDesign`]); without either it is
    /// [`CoxPh::fit`], bit for bit.
    ///
    /// The log partial likelihood is the sum over strata of each stratum's (Efron or
    /// Breslow ties within the stratum), with linear predictor `x . beta + offset`. Reported
    /// values match statsmodels 0.15's `PHReg(strata=, offset=)` and lifelines 0.30's
    /// `CoxPHFitter(strata=)`. [`CoxPh::log_risk`] stays the covariate part `(x - mean) .
    /// beta`, without the offset; [`CoxPh::null_log_likelihood`] is at `beta = 0` with the
    /// offset. The concordance is left `None` for a stratified fit or one with an offset
    /// (it would compare patients across strata, or leave out the known part of the risk).
    ///
    /// # Shapes
    /// `x`: `n x p` row-major covariates; `times`, `events`, `design.strata`,
    /// `design.offset`: `n`.
    ///
    /// # Errors
    /// As [`CoxPh::fit`], and [`ModelError::Shape`] or [`ModelError::NonFinite`] for strata
    /// or an offset of the wrong length or with a non-finite value. A covariate constant
    /// within every stratum is not rejected up front; it makes the information singular
    /// ([`ModelError::Singular`]).
    pub fn fit_design(
        x: &[f64],
        n: usize,
        p: usize,
        times: &[f64],
        events: &[bool],
        design: CoxPhDesign<'_>,
        config: &CoxPhConfig,
    ) -> Result<Self, ModelError> {
        config.validate()?;
        for (what, len) in [
            ("stratum", design.strata.map(<[u32]>::len)),
            ("offset", design.offset.map(<[f64]>::len)),
        ] {
            if let Some(len) = len
                && len != n
            {
                return Err(ModelError::length("Cox regression", what, n, len));
            }
        }
        if let Some(offset) = design.offset
            && let Some(i) = offset.iter().position(|v| !v.is_finite())
        {
            return Err(ModelError::non_finite(
                "Cox regression",
                "offset",
                None,
                Some(i),
                offset[i],
            ));
        }
        check_follow_up(times, events, "Cox regression")?;
        if times.len() != n {
            return Err(ModelError::length(
                "Cox regression",
                "survival time",
                n,
                times.len(),
            ));
        }
        if x.len() != n.saturating_mul(p) {
            return Err(ModelError::length(
                "Cox regression",
                "covariate",
                n.saturating_mul(p),
                x.len(),
            ));
        }
        if p == 0 {
            return Err(ModelError::shape(
                "Cox regression",
                ShapeProblem::NoCovariates,
            ));
        }
        if let Some(k) = x.iter().position(|v| !v.is_finite()) {
            return Err(ModelError::non_finite(
                "Cox regression",
                "covariate",
                Some(k % p),
                Some(k / p),
                x[k],
            ));
        }
        let n_events = events.iter().filter(|&&e| e).count();
        if n < 2 {
            return Err(ModelError::insufficient(
                "Cox regression",
                "at least two patients",
                n,
                "patients",
            ));
        }
        if n_events == 0 {
            return Err(ModelError::insufficient(
                "Cox regression",
                "at least one event",
                0,
                "events",
            ));
        }

        let (means, scales) = column_moments(x, n, p);
        if let Some(j) = scales.iter().position(|&s| s <= 0.0 || s.is_nan()) {
            return Err(ModelError::ConstantCovariate {
                context: "Cox regression",
                covariate: j,
                value: means[j],
            });
        }
        let data = SortedCohort::new(x, n, p, times, events, design, &means, &scales);
        let ridge = n as f64 * config.penalizer;

        let mut beta = vec![0.0; p];
        let mut state = data.evaluate(&beta, config.ties, ridge);
        let null_log_likelihood = state.log_likelihood;
        let mut iterations = 0;
        loop {
            // At beta = 0 a singular information matrix means collinear covariates; once
            // the fit has moved, it means the likelihood flattened out on the way to an
            // infinite coefficient (separation).
            let (step, decrement) = newton_step(&state, p).map_err(|e| match e {
                ModelError::Singular { .. } if iterations > 0 => ModelError::NotConverged {
                    context: "Cox regression",
                    iterations,
                    log_likelihood: state.log_likelihood,
                    reason: "the information matrix vanished, so a coefficient diverges; \
                             complete or quasi-complete separation?",
                },
                e => e,
            })?;
            // A small decrement alone is not convergence: under (quasi-)complete separation
            // the likelihood flattens towards its supremum while the steps stay large.
            let largest_step = step.iter().fold(0.0_f64, |m, s| m.max(s.abs()));
            if decrement <= config.tolerance && largest_step <= STEP_TOLERANCE {
                // Near the optimum a Newton step squares the error: take it, unless it
                // lowers the likelihood by more than rounding can.
                let polished: Vec<f64> = beta.iter().zip(&step).map(|(b, s)| b + s).collect();
                let polished_state = data.evaluate(&polished, config.ties, ridge);
                if polished_state.log_likelihood >= state.log_likelihood - rounding(&state)
                    && cholesky(&negated(&polished_state.hessian), p).is_some()
                {
                    beta = polished;
                    state = polished_state;
                }
                break;
            }
            iterations += 1;
            if iterations > config.max_iterations {
                return Err(ModelError::NotConverged {
                    context: "Cox regression",
                    iterations: config.max_iterations,
                    log_likelihood: state.log_likelihood,
                    reason: "the Newton-Raphson iterations ran out while the likelihood still \
                             grew; complete separation or a covariate without variation among \
                             events?",
                });
            }
            let mut scale = 1.0;
            let mut halvings = 0;
            loop {
                let candidate: Vec<f64> =
                    beta.iter().zip(&step).map(|(b, s)| b + scale * s).collect();
                let candidate_state = data.evaluate(&candidate, config.ties, ridge);
                if candidate_state.log_likelihood.is_finite()
                    && candidate_state.log_likelihood >= state.log_likelihood - rounding(&state)
                {
                    beta = candidate;
                    state = candidate_state;
                    break;
                }
                halvings += 1;
                if halvings > 30 {
                    return Err(ModelError::NotConverged {
                        context: "Cox regression",
                        iterations,
                        log_likelihood: state.log_likelihood,
                        reason: "30 halvings of the step did not raise the likelihood",
                    });
                }
                scale *= 0.5;
            }
        }

        let information = negated(&state.hessian);
        let factor = cholesky(&information, p).ok_or(ModelError::Singular {
            context: "Cox regression, at the estimate",
            log_likelihood: state.log_likelihood,
        })?;
        let inverse = cholesky_inverse(&factor, p);
        let coefficients: Vec<f64> = beta.iter().zip(&scales).map(|(b, s)| b / s).collect();
        let covariance: Vec<f64> = (0..p * p)
            .map(|k| inverse[k] / (scales[k / p] * scales[k % p]))
            .collect();
        let standard_errors: Vec<f64> = (0..p).map(|j| covariance[j * p + j].sqrt()).collect();
        let z: Vec<f64> = coefficients
            .iter()
            .zip(&standard_errors)
            .map(|(b, se)| b / se)
            .collect();
        // P(|Z| > |z|) = erfc(|z| / sqrt 2): exact far into the tail, unlike 1 - cdf.
        let p_values = z
            .iter()
            .map(|z| erfc(z.abs() / std::f64::consts::SQRT_2))
            .collect();

        let mut model = Self {
            config: config.clone(),
            coefficients,
            standard_errors,
            z,
            p_values,
            covariance,
            log_likelihood: state.log_likelihood,
            null_log_likelihood,
            concordance: None,
            means,
            scales,
            iterations,
            n,
            n_events,
            n_strata: data.n_strata(),
            has_offset: design.offset.is_some(),
        };
        if design.strata.is_none() && design.offset.is_none() {
            let risks = model.log_risk(x, n)?;
            model.concordance = harrell_c(times, events, &risks).ok().map(|c| c.index);
        }
        Ok(model)
    }

    /// Number of covariates.
    pub fn n_covariates(&self) -> usize {
        self.coefficients.len()
    }

    /// Log-risk (log partial hazard) `(x - mean) . beta` of each patient, centred on the
    /// training means as lifelines' `predict_log_partial_hazard`.
    ///
    /// # Shapes
    /// `x`: `n x p` row-major; result `n`.
    pub fn log_risk(&self, x: &[f64], n: usize) -> Result<Vec<f64>, ModelError> {
        let p = self.n_covariates();
        if x.len() != n.saturating_mul(p) {
            return Err(ModelError::length(
                "Cox log-risk",
                "covariate",
                n.saturating_mul(p),
                x.len(),
            ));
        }
        if p == 0 {
            return Ok(vec![0.0; n]);
        }
        Ok(x.chunks_exact(p)
            .map(|row| {
                row.iter()
                    .zip(&self.means)
                    .zip(&self.coefficients)
                    .map(|((v, m), b)| (v - m) * b)
                    .sum()
            })
            .collect())
    }

    /// Likelihood-ratio test of all coefficients against the null model:
    /// `2 (l(beta) - l(0))` on `p` degrees of freedom, and its p-value.
    pub fn likelihood_ratio_test(&self) -> Result<(f64, usize, f64), ModelError> {
        use statrs::distribution::{ChiSquared, ContinuousCDF};
        let p = self.n_covariates();
        let statistic = 2.0 * (self.log_likelihood - self.null_log_likelihood);
        let chi2 = ChiSquared::new(p as f64).map_err(|_| ModelError::ChiSquare {
            context: "likelihood-ratio test",
            df: p,
        })?;
        Ok((statistic, p, chi2.sf(statistic)))
    }

    /// Likelihood-ratio test of this fit against `reduced`, a fit of a subset of its
    /// covariates on the same patients with the same strata, offset, ties and penalty:
    /// `2 (l(full) - l(reduced))` on `p_full - p_reduced` degrees of freedom.
    ///
    /// Whether `reduced`'s covariates are a subset of these cannot be seen from the fits;
    /// the caller vouches for it. What can be seen is checked.
    ///
    /// # Errors
    /// [`ModelError::InvalidSetting`] when the fits differ in patients, events, strata,
    /// offset, ties or penalty, or `reduced` does not have fewer covariates.
    pub fn nested_likelihood_ratio(&self, reduced: &CoxPh) -> Result<LikelihoodRatio, ModelError> {
        use statrs::distribution::{ChiSquared, ContinuousCDF};
        let (p_full, p_reduced) = (self.n_covariates(), reduced.n_covariates());
        let problem = if self.n != reduced.n {
            Some(Nesting::Patients {
                full: self.n,
                reduced: reduced.n,
            })
        } else if self.n_events != reduced.n_events {
            Some(Nesting::Events {
                full: self.n_events,
                reduced: reduced.n_events,
            })
        } else if self.n_strata != reduced.n_strata {
            Some(Nesting::Strata {
                full: self.n_strata,
                reduced: reduced.n_strata,
            })
        } else if self.has_offset != reduced.has_offset {
            Some(Nesting::Offset {
                full: self.has_offset,
            })
        } else if self.config.ties != reduced.config.ties
            || self.config.penalizer != reduced.config.penalizer
        {
            Some(Nesting::Settings)
        } else if p_reduced >= p_full {
            Some(Nesting::Covariates {
                full: p_full,
                reduced: p_reduced,
            })
        } else {
            None
        };
        if let Some(problem) = problem {
            return Err(ModelError::NotNested(problem));
        }
        let df = p_full - p_reduced;
        let statistic = (2.0 * (self.log_likelihood - reduced.log_likelihood)).max(0.0);
        let chi2 = ChiSquared::new(df as f64).map_err(|_| ModelError::ChiSquare {
            context: "likelihood-ratio test",
            df,
        })?;
        Ok(LikelihoodRatio {
            statistic,
            df,
            p_value: chi2.sf(statistic).clamp(0.0, 1.0),
        })
    }
}

/// Column means and sample standard deviations (denominator `n - 1`, as pandas' `std`).
fn column_moments(x: &[f64], n: usize, p: usize) -> (Vec<f64>, Vec<f64>) {
    let mut means = vec![0.0; p];
    for row in x.chunks_exact(p) {
        for (m, v) in means.iter_mut().zip(row) {
            *m += v;
        }
    }
    for m in &mut means {
        *m /= n as f64;
    }
    let mut scales = vec![0.0; p];
    for row in x.chunks_exact(p) {
        for ((s, v), m) in scales.iter_mut().zip(row).zip(&means) {
            *s += (v - m) * (v - m);
        }
    }
    for s in &mut scales {
        *s = (*s / (n as f64 - 1.0)).sqrt();
    }
    (means, scales)
}

/// Rounding noise of a log partial likelihood: a step that loses less than this is not
/// worse, it is too small to measure.
fn rounding(state: &Evaluation) -> f64 {
    1e-12 * (1.0 + state.log_likelihood.abs())
}

fn negated(m: &[f64]) -> Vec<f64> {
    m.iter().map(|v| -v).collect()
}

/// Newton step `(-H)^-1 g` and the decrement `g . step / 2`.
fn newton_step(state: &Evaluation, p: usize) -> Result<(Vec<f64>, f64), ModelError> {
    let factor = cholesky(&negated(&state.hessian), p).ok_or(ModelError::Singular {
        context: "Cox regression",
        log_likelihood: state.log_likelihood,
    })?;
    let mut step = state.gradient.clone();
    cholesky_solve(&factor, p, &mut step);
    let decrement = 0.5
        * state
            .gradient
            .iter()
            .zip(&step)
            .map(|(g, s)| g * s)
            .sum::<f64>();
    Ok((step, decrement))
}

/// Log partial likelihood with its gradient and Hessian at one `beta`.
struct Evaluation {
    log_likelihood: f64,
    /// `p`.
    gradient: Vec<f64>,
    /// `p x p` row-major, symmetric.
    hessian: Vec<f64>,
}

/// Standardised covariates ordered by stratum, then time, with the tie groups and strata
/// marked.
struct SortedCohort {
    p: usize,
    /// `n x p`, row k the k-th patient by (stratum, time), standardised.
    x: Vec<f64>,
    events: Vec<bool>,
    /// Offset of each sorted patient (zeros without one).
    offset: Vec<f64>,
    /// Start of each group of equal times within a stratum, plus `n` at the end.
    group_starts: Vec<usize>,
    /// Index into `group_starts` of each stratum's first group, plus the number of groups.
    stratum_groups: Vec<usize>,
}

impl SortedCohort {
    #[allow(clippy::too_many_arguments)]
    fn new(
        x: &[f64],
        n: usize,
        p: usize,
        times: &[f64],
        events: &[bool],
        design: CoxPhDesign<'_>,
        means: &[f64],
        scales: &[f64],
    ) -> Self {
        let mut order = order_by_time(times);
        if let Some(strata) = design.strata {
            // A stable sort keeps the time order within each stratum.
            order.sort_by_key(|&i| strata[i]);
        }
        let stratum_of = |i: usize| design.strata.map_or(0, |s| s[i]);
        let mut sorted = Vec::with_capacity(n * p);
        for &i in &order {
            let row = &x[i * p..(i + 1) * p];
            sorted.extend(
                row.iter()
                    .zip(means)
                    .zip(scales)
                    .map(|((v, m), s)| (v - m) / s),
            );
        }
        let mut group_starts = vec![0];
        let mut stratum_groups = vec![0];
        for k in 1..n {
            let (now, before) = (order[k], order[k - 1]);
            let new_stratum = stratum_of(now) != stratum_of(before);
            if new_stratum || times[now] != times[before] {
                group_starts.push(k);
                if new_stratum {
                    stratum_groups.push(group_starts.len() - 1);
                }
            }
        }
        group_starts.push(n);
        stratum_groups.push(group_starts.len() - 1);
        Self {
            p,
            x: sorted,
            events: order.iter().map(|&i| events[i]).collect(),
            offset: order
                .iter()
                .map(|&i| design.offset.map_or(0.0, |o| o[i]))
                .collect(),
            group_starts,
            stratum_groups,
        }
    }

    /// Number of strata.
    fn n_strata(&self) -> usize {
        self.stratum_groups.len() - 1
    }

    /// Log partial likelihood, gradient and Hessian at `beta` (standardised scale), minus
    /// the ridge term `ridge / 2 * ||beta||^2`, summed over the strata.
    ///
    /// Within a stratum, one pass from the latest time down accumulates the risk-set sums
    /// `S0 = sum w`, `S1 = sum w x`, `S2 = sum w x x^T` (`w = exp(x . beta + offset - max)`;
    /// the shift by the stratum's largest linear predictor prevents overflow and cancels in
    /// every ratio). At a time with `d` tied events whose own sums are `T0, T1, T2`, Efron's
    /// l-th share (`l = 0..d`, `f = l / d`; Breslow: `f = 0`) has denominator
    /// `D = S0 - f T0` and contributes `-log D` to the likelihood, `-(S1 - f T1) / D` to the
    /// gradient and `-(S2 - f T2) / D + (S1 - f T1)(S1 - f T1)^T / D^2` to the Hessian; the
    /// sums over `l` reduce to a few scalars times the group's matrices, so a step costs
    /// O(n p^2).
    fn evaluate(&self, beta: &[f64], ties: CoxPhTies, ridge: f64) -> Evaluation {
        let p = self.p;
        let eta: Vec<f64> = self
            .x
            .chunks_exact(p)
            .zip(&self.offset)
            .map(|(row, o)| row.iter().zip(beta).map(|(v, b)| v * b).sum::<f64>() + o)
            .collect();

        let mut log_likelihood = 0.0;
        let mut gradient = vec![0.0; p];
        let mut hessian = vec![0.0; p * p];
        let (mut s1, mut s2) = (vec![0.0; p], vec![0.0; p * p]);
        let (mut t1, mut t2) = (vec![0.0; p], vec![0.0; p * p]);
        let mut x_events = vec![0.0; p];

        for stratum in self.stratum_groups.windows(2) {
            let (first_group, end_group) = (stratum[0], stratum[1]);
            let rows = self.group_starts[first_group]..self.group_starts[end_group];
            let shift = eta[rows].iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let mut s0 = 0.0;
            s1.fill(0.0);
            s2.fill(0.0);
            for g in (first_group..end_group).rev() {
                let (start, end) = (self.group_starts[g], self.group_starts[g + 1]);
                let mut t0 = 0.0;
                let mut d = 0usize;
                t1.fill(0.0);
                t2.fill(0.0);
                x_events.fill(0.0);
                let members = self.x[start * p..end * p]
                    .chunks_exact(p)
                    .zip(&self.events[start..end])
                    .zip(&eta[start..end]);
                for ((row, &event), &eta_k) in members {
                    let w = (eta_k - shift).exp();
                    s0 += w;
                    add_weighted_outer(&mut s1, &mut s2, row, w, p);
                    if event {
                        t0 += w;
                        add_weighted_outer(&mut t1, &mut t2, row, w, p);
                        for (a, v) in x_events.iter_mut().zip(row) {
                            *a += v;
                        }
                        // eta holds the offset: its sum over events is constant in beta but
                        // part of the likelihood, as statsmodels reports it.
                        log_likelihood += eta_k;
                        d += 1;
                    }
                }
                if d == 0 {
                    continue;
                }
                // Scalars of the sums over the d shares: a_k = sum f^k / D, c_k = sum f^k / D^2.
                let (mut a0, mut a1) = (0.0, 0.0);
                let (mut c0, mut c1, mut c2) = (0.0, 0.0, 0.0);
                for l in 0..d {
                    let f = match ties {
                        CoxPhTies::Efron => l as f64 / d as f64,
                        CoxPhTies::Breslow => 0.0,
                    };
                    let denominator = s0 - f * t0;
                    log_likelihood -= denominator.ln() + shift;
                    let inv = 1.0 / denominator;
                    a0 += inv;
                    a1 += f * inv;
                    c0 += inv * inv;
                    c1 += f * inv * inv;
                    c2 += f * f * inv * inv;
                }
                for i in 0..p {
                    gradient[i] += x_events[i] - (a0 * s1[i] - a1 * t1[i]);
                    for j in 0..=i {
                        let second = a0 * s2[i * p + j] - a1 * t2[i * p + j];
                        let outer = c0 * s1[i] * s1[j] - c1 * (s1[i] * t1[j] + t1[i] * s1[j])
                            + c2 * t1[i] * t1[j];
                        hessian[i * p + j] -= second - outer;
                    }
                }
            }
        }
        if ridge > 0.0 {
            log_likelihood -= 0.5 * ridge * beta.iter().map(|b| b * b).sum::<f64>();
            for i in 0..p {
                gradient[i] -= ridge * beta[i];
                hessian[i * p + i] -= ridge;
            }
        }
        for i in 0..p {
            for j in 0..i {
                hessian[j * p + i] = hessian[i * p + j];
            }
        }
        Evaluation {
            log_likelihood,
            gradient,
            hessian,
        }
    }
}

/// `s1 += w x`, lower triangle of `s2 += w x x^T`.
#[inline]
fn add_weighted_outer(s1: &mut [f64], s2: &mut [f64], x: &[f64], w: f64, p: usize) {
    for i in 0..p {
        let wxi = w * x[i];
        s1[i] += wxi;
        let row = &mut s2[i * p..i * p + i + 1];
        for (s, xj) in row.iter_mut().zip(&x[..=i]) {
            *s += wxi * xj;
        }
    }
}
