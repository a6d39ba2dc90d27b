//! Attribution methods besides LRP, on one API ([`Attribution`]), for comparison and trust:
//! gradient x input, integrated gradients, exact and sampled Shapley values, and the
//! deletion curve that ranks methods by faithfulness per patient.
//!
//! Every method returns [`Relevances`] in log-risk units. What the accounting's two shares
//! hold depends on the method:
//!
//! | method | `bias_share` | `stabilizer_share` |
//! |---|---|---|
//! | LRP | absorbed by biases | absorbed by stabilisers |
//! | gradient x input | `sum_l b_l . df/dz_l`, the local offset of the piecewise-linear network | 0 |
//! | integrated gradients, Shapley | `f(reference)`, the prediction the attributions are measured against | what the method leaves unexplained (quadrature or rounding error) |
//!
//! so that `output = relevance_sum + bias_share + stabilizer_share` holds for every method.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use survlens_model::CoxNet;
use survlens_model::linalg::{Trans, sgemm};

use crate::XaiError;
use crate::lrp::Lrp;
use crate::relevance::Relevances;
use crate::rule::Composite;

/// Largest number of inputs for [`ExactShapley`]: `2^12 = 4096` coalitions per patient.
pub const EXACT_SHAPLEY_MAX_INPUTS: usize = 12;

/// A method that attributes each patient's predicted log-risk to the encoded inputs.
pub trait Attribution {
    /// The method's name, for tables and the command line.
    fn name(&self) -> &'static str;

    /// Attributions of every patient of a batch.
    ///
    /// # Shapes
    /// `x`: `n x n_inputs`, row-major; the result has `n x n_inputs` values.
    ///
    /// # Errors
    /// [`XaiError::Shape`] or [`XaiError::NonFiniteInput`] for bad input, and the
    /// method's own setting errors.
    fn attribute(&self, net: &CoxNet, x: &[f32], n: usize) -> Result<Relevances, XaiError>;
}

/// Layer-wise relevance propagation with a composite, as an [`Attribution`].
#[derive(Clone, Debug, PartialEq)]
pub struct LrpAttribution {
    /// The rules per layer.
    pub composite: Composite,
}

impl Attribution for LrpAttribution {
    fn name(&self) -> &'static str {
        "lrp"
    }

    fn attribute(&self, net: &CoxNet, x: &[f32], n: usize) -> Result<Relevances, XaiError> {
        Lrp::new(net, &self.composite)?.explain_batch(x, n)
    }
}

/// Gradient x input: `R_i = x_i df/dx_i`. For a ReLU network `f(x) = g . x + c` locally,
/// so the relevances plus the offset `c` (the bias share) give `f(x)` exactly.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct GradientTimesInput;

impl Attribution for GradientTimesInput {
    fn name(&self) -> &'static str {
        "gradient-x-input"
    }

    fn attribute(&self, net: &CoxNet, x: &[f32], n: usize) -> Result<Relevances, XaiError> {
        check_input(net, x, n)?;
        let d = net.n_inputs();
        let g = gradients(net, x, n);
        let mut out = Relevances::zeros(n, d);
        for ((r, gr), xv) in out.values.iter_mut().zip(&g.grad).zip(x) {
            *r = gr * xv;
        }
        out.output.copy_from_slice(&g.output);
        for (b, &o) in out.bias_share.iter_mut().zip(&g.offset) {
            *b = o as f32;
        }
        Ok(out)
    }
}

/// Integrated gradients (Sundararajan et al. 2017) against a reference patient:
/// `R_i = (x_i - r_i) * mean_k df/dx_i(r + t_k (x - r))` with the midpoint rule
/// `t_k = (k + 1/2) / steps`. Relevances sum to `f(x) - f(r)` up to the quadrature error.
#[derive(Clone, Debug, PartialEq)]
pub struct IntegratedGradients {
    /// The reference patient (e.g. cohort medians / most frequent levels), `n_inputs`.
    pub reference: Vec<f32>,
    /// Quadrature points along the straight path, `>= 1`.
    pub steps: usize,
}

impl Attribution for IntegratedGradients {
    fn name(&self) -> &'static str {
        "integrated-gradients"
    }

    fn attribute(&self, net: &CoxNet, x: &[f32], n: usize) -> Result<Relevances, XaiError> {
        check_input(net, x, n)?;
        check_reference(net, &self.reference)?;
        if self.steps == 0 {
            return Err(XaiError::InvalidSetting {
                setting: "steps",
                value: 0.0,
                requirement: ">= 1",
            });
        }
        let d = net.n_inputs();
        let steps = self.steps;
        let f_ref = net.predict(&self.reference, 1)[0];
        let mut out = Relevances::zeros(n, d);
        out.output.copy_from_slice(&net.predict(x, n));
        let mut path = vec![0.0f32; steps * d];
        for p in 0..n {
            let xp = &x[p * d..(p + 1) * d];
            for (k, row) in path.chunks_exact_mut(d).enumerate() {
                let t = (k as f32 + 0.5) / steps as f32;
                for ((v, &xi), &ri) in row.iter_mut().zip(xp).zip(&self.reference) {
                    *v = ri + t * (xi - ri);
                }
            }
            let g = gradients(net, &path, steps);
            let row = &mut out.values[p * d..(p + 1) * d];
            for (i, r) in row.iter_mut().enumerate() {
                let mean = (0..steps)
                    .map(|k| f64::from(g.grad[k * d + i]))
                    .sum::<f64>()
                    / steps as f64;
                *r = (f64::from(xp[i] - self.reference[i]) * mean) as f32;
            }
        }
        close_reference_account(&mut out, f_ref);
        Ok(out)
    }
}

/// Exact Shapley values of the inputs for the game `v(S) = f(x_S, r_rest)` (inputs outside
/// the coalition `S` set to the reference patient's values), by enumerating all `2^d`
/// coalitions; `d <= 12`. They sum to `f(x) - f(r)` exactly (efficiency). A test oracle
/// for [`SampledShapley`] and a method for small models.
#[derive(Clone, Debug, PartialEq)]
pub struct ExactShapley {
    /// The reference patient, `n_inputs`.
    pub reference: Vec<f32>,
}

impl Attribution for ExactShapley {
    fn name(&self) -> &'static str {
        "shapley-exact"
    }

    fn attribute(&self, net: &CoxNet, x: &[f32], n: usize) -> Result<Relevances, XaiError> {
        check_input(net, x, n)?;
        check_reference(net, &self.reference)?;
        let d = net.n_inputs();
        if d > EXACT_SHAPLEY_MAX_INPUTS {
            return Err(XaiError::TooManyInputs {
                n_inputs: d,
                limit: EXACT_SHAPLEY_MAX_INPUTS,
            });
        }
        let n_coalitions = 1usize << d;
        // weight[s] = s! (d - s - 1)! / d! for a coalition of size s not containing i.
        let weight: Vec<f64> = (0..d)
            .map(|s| {
                let f = |k: usize| (1..=k).map(|v| v as f64).product::<f64>();
                f(s) * f(d - s - 1) / f(d)
            })
            .collect();
        let f_ref = net.predict(&self.reference, 1)[0];
        let mut out = Relevances::zeros(n, d);
        out.output.copy_from_slice(&net.predict(x, n));
        let mut rows = vec![0.0f32; n_coalitions * d];
        for p in 0..n {
            let xp = &x[p * d..(p + 1) * d];
            for (mask, row) in rows.chunks_exact_mut(d).enumerate() {
                for (i, v) in row.iter_mut().enumerate() {
                    *v = if mask >> i & 1 == 1 {
                        xp[i]
                    } else {
                        self.reference[i]
                    };
                }
            }
            let value = net.predict(&rows, n_coalitions);
            let row = &mut out.values[p * d..(p + 1) * d];
            for (i, r) in row.iter_mut().enumerate() {
                let bit = 1usize << i;
                let phi: f64 = (0..n_coalitions)
                    .filter(|m| m & bit == 0)
                    .map(|m| {
                        weight[m.count_ones() as usize]
                            * (f64::from(value[m | bit]) - f64::from(value[m]))
                    })
                    .sum();
                *r = phi as f32;
            }
        }
        close_reference_account(&mut out, f_ref);
        Ok(out)
    }
}

/// Shapley values estimated from random permutations (Castro et al. 2009): the mean over
/// `permutations` orderings of each input's marginal contribution when it joins the inputs
/// before it, with the standard error of that mean. Every permutation's contributions sum
/// to `f(x) - f(r)`, so the estimates do too.
#[derive(Clone, Debug, PartialEq)]
pub struct SampledShapley {
    /// The reference patient, `n_inputs`.
    pub reference: Vec<f32>,
    /// Number of random permutations, `>= 2` (for a standard error).
    pub permutations: usize,
    /// Seed of the permutation generator (ChaCha8): results are reproducible.
    pub seed: u64,
}

impl SampledShapley {
    /// Estimates and their standard errors (`n x n_inputs` each, log-risk units).
    ///
    /// # Errors
    /// As [`Attribution::attribute`]; [`XaiError::InvalidSetting`] for fewer than two
    /// permutations.
    pub fn attribute_with_error(
        &self,
        net: &CoxNet,
        x: &[f32],
        n: usize,
    ) -> Result<(Relevances, Vec<f32>), XaiError> {
        check_input(net, x, n)?;
        check_reference(net, &self.reference)?;
        if self.permutations < 2 {
            return Err(XaiError::InvalidSetting {
                setting: "permutations",
                value: self.permutations as f64,
                requirement: ">= 2",
            });
        }
        let d = net.n_inputs();
        let m = self.permutations;
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        let f_ref = net.predict(&self.reference, 1)[0];
        let mut out = Relevances::zeros(n, d);
        out.output.copy_from_slice(&net.predict(x, n));
        let mut std_err = vec![0.0f32; n * d];
        let mut order: Vec<usize> = (0..d).collect();
        // Row k of a permutation's path has its first k inputs (in permutation order) set
        // to the patient's values: d + 1 rows, evaluated in one batch.
        let mut path = vec![0.0f32; (d + 1) * d];
        let (mut sum, mut sum_sq) = (vec![0.0f64; d], vec![0.0f64; d]);
        for p in 0..n {
            let xp = &x[p * d..(p + 1) * d];
            sum.fill(0.0);
            sum_sq.fill(0.0);
            for _ in 0..m {
                order.shuffle(&mut rng);
                let mut current = self.reference.clone();
                path[..d].copy_from_slice(&current);
                for (k, &i) in order.iter().enumerate() {
                    current[i] = xp[i];
                    path[(k + 1) * d..(k + 2) * d].copy_from_slice(&current);
                }
                let value = net.predict(&path, d + 1);
                for (k, &i) in order.iter().enumerate() {
                    let delta = f64::from(value[k + 1]) - f64::from(value[k]);
                    sum[i] += delta;
                    sum_sq[i] += delta * delta;
                }
            }
            for i in 0..d {
                let mean = sum[i] / m as f64;
                let var = ((sum_sq[i] - m as f64 * mean * mean) / (m as f64 - 1.0)).max(0.0);
                out.values[p * d + i] = mean as f32;
                std_err[p * d + i] = (var / m as f64).sqrt() as f32;
            }
        }
        close_reference_account(&mut out, f_ref);
        Ok((out, std_err))
    }
}

impl Attribution for SampledShapley {
    fn name(&self) -> &'static str {
        "shapley-sampled"
    }

    fn attribute(&self, net: &CoxNet, x: &[f32], n: usize) -> Result<Relevances, XaiError> {
        self.attribute_with_error(net, x, n).map(|(r, _)| r)
    }
}

/// The deletion curve of one patient: the predicted log-risk as inputs are set to the
/// reference one by one, most relevant first.
#[derive(Clone, Debug, PartialEq)]
pub struct DeletionCurve {
    /// Inputs in the order they were replaced (decreasing relevance).
    pub order: Vec<usize>,
    /// `n_inputs + 1` log-risks: before any replacement, then after each.
    pub risk: Vec<f32>,
    /// Area under the curve over the replaced fraction `0..=1` (trapezoid rule), in
    /// log-risk units: the mean risk along the way.
    pub area: f32,
}

impl DeletionCurve {
    /// Faithfulness score, `f(x) - area`: how fast the risk falls when the inputs an
    /// explanation calls most risk-raising are removed. Higher is more faithful; compare
    /// methods on the same patient and reference.
    pub fn faithfulness(&self) -> f32 {
        self.risk.first().copied().unwrap_or(0.0) - self.area
    }
}

/// The deletion curve of one patient for one attribution.
///
/// # Shapes
/// `x`, `relevance`, `reference`: `n_inputs` each.
///
/// # Errors
/// [`XaiError::Shape`] for lengths other than `n_inputs`, [`XaiError::NonFiniteInput`].
pub fn deletion_curve(
    net: &CoxNet,
    x: &[f32],
    relevance: &[f32],
    reference: &[f32],
) -> Result<DeletionCurve, XaiError> {
    check_input(net, x, 1)?;
    check_reference(net, reference)?;
    let d = net.n_inputs();
    if relevance.len() != d {
        return Err(XaiError::Shape {
            what: "relevance of the patient",
            expected: d,
            found: relevance.len(),
        });
    }
    let mut order: Vec<usize> = (0..d).collect();
    // Decreasing relevance; NaN relevances (never produced here) would sort last.
    order.sort_by(|&a, &b| relevance[b].total_cmp(&relevance[a]));
    let mut rows = vec![0.0f32; (d + 1) * d];
    let mut current = x.to_vec();
    rows[..d].copy_from_slice(&current);
    for (k, &i) in order.iter().enumerate() {
        current[i] = reference[i];
        rows[(k + 1) * d..(k + 2) * d].copy_from_slice(&current);
    }
    let risk = net.predict(&rows, d + 1);
    let area = risk
        .windows(2)
        .map(|w| 0.5 * (f64::from(w[0]) + f64::from(w[1])))
        .sum::<f64>()
        / d as f64;
    Ok(DeletionCurve {
        order,
        risk,
        area: area as f32,
    })
}

pub(crate) fn check_input(net: &CoxNet, x: &[f32], n: usize) -> Result<(), XaiError> {
    let d = net.n_inputs();
    let expected = n.saturating_mul(d);
    if x.len() != expected {
        return Err(XaiError::Shape {
            what: "input matrix",
            expected,
            found: x.len(),
        });
    }
    if let Some(k) = x.iter().position(|v| !v.is_finite()) {
        return Err(XaiError::NonFiniteInput {
            patient: k / d,
            input: k % d,
            value: x[k],
        });
    }
    Ok(())
}

pub(crate) fn check_reference(net: &CoxNet, reference: &[f32]) -> Result<(), XaiError> {
    if reference.len() != net.n_inputs() {
        return Err(XaiError::Shape {
            what: "reference patient",
            expected: net.n_inputs(),
            found: reference.len(),
        });
    }
    check_input(net, reference, 1)
}

/// For reference-based methods: the bias share is `f(reference)`, the stabiliser share
/// whatever the relevances leave of `f(x) - f(reference)`.
pub(crate) fn close_reference_account(out: &mut Relevances, f_ref: f32) {
    for p in 0..out.n_patients {
        let sum: f64 = out.values[p * out.n_inputs..(p + 1) * out.n_inputs]
            .iter()
            .map(|&r| f64::from(r))
            .sum();
        out.bias_share[p] = f_ref;
        out.stabilizer_share[p] = (f64::from(out.output[p]) - f64::from(f_ref) - sum) as f32;
    }
}

/// Input gradients of a batch, with outputs and the local offsets.
struct Gradients {
    /// `n x n_inputs`: `df/dx`.
    grad: Vec<f32>,
    /// `n`: `f(x)`.
    output: Vec<f32>,
    /// `n`: `sum_l b_l . df/dz_l`, so that `f(x) = grad . x + offset` (ReLU networks).
    offset: Vec<f64>,
}

/// Backpropagation of `f` to the inputs through the ReLU masks (the gradient of ReLU at 0
/// taken as 0, as in PyTorch).
///
/// # Shapes
/// `x`: `n x n_inputs`.
fn gradients(net: &CoxNet, x: &[f32], n: usize) -> Gradients {
    let trace = net.forward_trace(x, n);
    let layers = net.layers();
    let output = trace[layers.len()].clone();
    let mut offset = vec![0.0f64; n];
    // delta = df/dz for the current layer's outputs; the output layer's is 1.
    let mut delta = vec![1.0f32; n];
    for (l, layer) in layers.iter().enumerate().rev() {
        let (n_in, n_out) = (layer.n_in(), layer.n_out());
        for (r, off) in offset.iter_mut().enumerate() {
            *off += delta[r * n_out..(r + 1) * n_out]
                .iter()
                .zip(layer.bias())
                .map(|(&dl, &b)| f64::from(dl) * f64::from(b))
                .sum::<f64>();
        }
        let mut grad_in = vec![0.0f32; n * n_in];
        sgemm(
            n,
            n_out,
            n_in,
            1.0,
            &delta,
            Trans::No,
            layer.weight(),
            Trans::No,
            0.0,
            &mut grad_in,
        );
        if l > 0 {
            // Through the ReLU that produced this layer's input: pass where it was positive.
            grad_in
                .iter_mut()
                .zip(&trace[l])
                .for_each(|(g, &a)| *g = if a > 0.0 { *g } else { 0.0 });
        }
        delta = grad_in;
    }
    Gradients {
        grad: delta,
        output,
        offset,
    }
}
