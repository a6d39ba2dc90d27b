//! Layer-wise relevance propagation through a [`CoxNet`]: the prepared explainer ([`Lrp`]),
//! its reusable buffers ([`LrpWorkspace`]) and the batched and single-patient entry points.
//!
//! All sign-splitting rules are computed from products with `W` and `W+ = max(W, 0)` only:
//! `W- = W - W+`, so every modified weight matrix of the gamma, z-plus and alpha-beta rules
//! is a combination `c1 W + c2 W+`. The explainer stores `[W; W+]` stacked once; one GEMM
//! of a layer's input with that stack gives the prediction's `W a` and the `W+ a` that the
//! denominators need, and one GEMM of the stacked coefficients `[u | v]` with it gives
//! `W^T u + W+^T v`, the backward step. Inputs behind a ReLU are `>= 0`, so the `a-` paths
//! vanish there; they are computed only for a layer whose input has a negative value in the
//! batch (in practice the input layer with unscaled data).

use survlens_model::CoxNet;
use survlens_model::linalg::{Trans, sgemm};

use crate::XaiError;
use crate::relevance::{Accounting, Relevances};
use crate::rule::{Composite, RuleKind};

/// Patients explained together in one pass of the batched path: large enough for the GEMM
/// kernels to run at full speed, small enough that the study network's buffers stay near
/// 20 MB.
const CHUNK_ROWS: usize = 128;

/// Up to this many patients, products run row by row on `W` ([`kernels`]) rather than as
/// a GEMM, whose packing of the weight matrix would dominate.
const SMALL_ROWS: usize = 4;

mod kernels;

/// zennit's stabiliser: `z + eps` for `z >= 0` (zero included), `z - eps` for `z < 0`.
#[inline]
pub(crate) fn stabilize(z: f32, eps: f32) -> f32 {
    if z >= 0.0 { z + eps } else { z - eps }
}

/// One dense layer with everything its rule needs precomputed.
#[derive(Clone, Debug)]
struct PreparedLayer {
    n_in: usize,
    n_out: usize,
    rule: RuleKind,
    basis: Basis,
    /// The basis matrices stacked, each `n_out x n_in`: `W`, `[W; W+]` or `[W+; W-]`.
    stack: Vec<f32>,
    /// `W` when the stack does not start with it (basis `[W+; W-]`), else empty.
    weight_copy: Vec<f32>,
    bias: Vec<f32>,
    /// `WSquare` only: `w_ji^2`, `n_out x n_in`.
    w_square: Vec<f32>,
    /// `WSquare` only: `z_j = sum_i w_ji^2 + b_j^2`, `n_out`.
    w_square_z: Vec<f32>,
}

impl PreparedLayer {
    /// Rows of `stack`: `n_out` or `2 n_out`.
    fn stack_rows(&self) -> usize {
        self.stack.len() / self.n_in
    }

    /// `W`, `n_out x n_in`.
    fn weight(&self) -> &[f32] {
        if self.weight_copy.is_empty() {
            &self.stack[..self.n_out * self.n_in]
        } else {
            &self.weight_copy
        }
    }
}

/// The weight matrices a layer's products are taken with. Every modified weight matrix of
/// a rule is a combination of the two basis matrices, so two products per direction do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Basis {
    /// `W` alone (epsilon, and the forward pass of flat and w-square).
    Weight,
    /// `W` and `W+` (gamma rules): the denominators are `W a` (already needed for the
    /// prediction) plus a small `gamma`-weighted correction, so forming `W- a = W a - W+ a`
    /// loses no accuracy that matters.
    WeightAndPositive,
    /// `W+` and `W-` (z-plus, alpha-beta): their denominators are `W+ a` and `W- a` on
    /// their own, which `W a - W+ a` would give with cancellation error when one part
    /// dominates the other.
    PositiveAndNegative,
}

impl Basis {
    fn of(rule: RuleKind) -> Self {
        match rule {
            RuleKind::Gamma { .. } => Self::WeightAndPositive,
            RuleKind::ZPlus { .. } | RuleKind::AlphaBeta { .. } => Self::PositiveAndNegative,
            RuleKind::Epsilon { .. } | RuleKind::Flat { .. } | RuleKind::WSquare { .. } => {
                Self::Weight
            }
        }
    }

    /// Whether the rule treats positive and negative inputs differently.
    fn splits_inputs(self) -> bool {
        self != Self::Weight
    }
}

/// Which basis matrices a backward product uses; coefficients are stored compactly for
/// the matrices in use (`rows x n_out`, or `rows x 2 n_out` as `[u | v]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Halves {
    /// `A^T u` with the first basis matrix.
    First,
    /// `A^T u + B^T v`.
    Both,
}

/// A network prepared for explanation under one composite.
///
/// Holds its own copy of the weights (plus `W+`, or `W^2` for `WSquare`), so it does not
/// borrow the network: about twice the network's memory for the sign-splitting rules.
#[derive(Clone, Debug)]
pub struct Lrp {
    layers: Vec<PreparedLayer>,
}

impl Lrp {
    /// Prepares `net` for explanation with the rules of `composite`.
    ///
    /// # Errors
    /// Those of [`Composite::resolve`]: invalid rule parameters, a per-layer composite of
    /// the wrong depth, `Flat` or `WSquare` above the input layer.
    pub fn new(net: &CoxNet, composite: &Composite) -> Result<Self, XaiError> {
        let rules = composite.resolve(net.layers().len())?;
        let layers = net
            .layers()
            .iter()
            .zip(rules)
            .map(|(dense, rule)| {
                let (n_in, n_out) = (dense.n_in(), dense.n_out());
                let basis = Basis::of(rule.kind);
                let w = dense.weight();
                let stack: Vec<f32> = match basis {
                    Basis::Weight => w.to_vec(),
                    Basis::WeightAndPositive => w
                        .iter()
                        .copied()
                        .chain(w.iter().map(|v| v.max(0.0)))
                        .collect(),
                    Basis::PositiveAndNegative => w
                        .iter()
                        .map(|v| v.max(0.0))
                        .chain(w.iter().map(|v| v.min(0.0)))
                        .collect(),
                };
                let bias = dense.bias().to_vec();
                let (w_square, w_square_z) = if let RuleKind::WSquare { .. } = rule.kind {
                    let w2: Vec<f32> = dense.weight().iter().map(|w| w * w).collect();
                    let z = w2
                        .chunks_exact(n_in)
                        .zip(&bias)
                        .map(|(row, b)| row.iter().sum::<f32>() + b * b)
                        .collect();
                    (w2, z)
                } else {
                    (Vec::new(), Vec::new())
                };
                PreparedLayer {
                    n_in,
                    n_out,
                    rule: rule.kind,
                    basis,
                    weight_copy: if basis == Basis::PositiveAndNegative {
                        w.to_vec()
                    } else {
                        Vec::new()
                    },
                    stack,
                    bias,
                    w_square,
                    w_square_z,
                }
            })
            .collect();
        Ok(Self { layers })
    }

    /// Number of encoded inputs of the network.
    pub fn n_inputs(&self) -> usize {
        self.layers[0].n_in
    }

    /// Relevances of every patient of a batch, with the per-patient accounting.
    ///
    /// Relevance enters the output layer as the predicted log-risk itself (the study's and
    /// zennit's `attr_output = output`), so relevances are in log-risk units and measured
    /// against zero rather than a reference patient.
    ///
    /// # Shapes
    /// `x`: `n x n_inputs`, row-major; the result holds `n x n_inputs` relevances.
    ///
    /// # Errors
    /// [`XaiError::Shape`] when `x.len() != n * n_inputs`, [`XaiError::NonFiniteInput`]
    /// naming the first NaN or infinite input.
    pub fn explain_batch(&self, x: &[f32], n: usize) -> Result<Relevances, XaiError> {
        self.check_input(x, n)?;
        let n_inputs = self.n_inputs();
        let mut out = Relevances::zeros(n, n_inputs);
        let mut ws = LrpWorkspace::default();
        let mut start = 0;
        while start < n {
            let rows = CHUNK_ROWS.min(n - start);
            let span = start * n_inputs..(start + rows) * n_inputs;
            self.propagate(
                &x[span.clone()],
                rows,
                &mut ws,
                &mut out.values[span],
                &mut out.output[start..start + rows],
                &mut out.bias_share[start..start + rows],
                &mut out.stabilizer_share[start..start + rows],
            );
            start += rows;
        }
        Ok(out)
    }

    /// Relevances of one patient into `relevance`, reusing `ws`: no allocation once the
    /// workspace has served this explainer.
    ///
    /// # Shapes
    /// `x` and `relevance`: `n_inputs` each.
    ///
    /// # Errors
    /// [`XaiError::Shape`] when a length differs from `n_inputs`,
    /// [`XaiError::NonFiniteInput`] for a NaN or infinite input.
    pub fn explain_one(
        &self,
        x: &[f32],
        ws: &mut LrpWorkspace,
        relevance: &mut [f32],
    ) -> Result<Accounting, XaiError> {
        self.check_input(x, 1)?;
        if relevance.len() != self.n_inputs() {
            return Err(XaiError::Shape {
                what: "relevance buffer",
                expected: self.n_inputs(),
                found: relevance.len(),
            });
        }
        let (mut output, mut bias, mut stab) = ([0.0], [0.0], [0.0]);
        self.propagate(x, 1, ws, relevance, &mut output, &mut bias, &mut stab);
        Ok(Accounting {
            output: output[0],
            relevance_sum: relevance.iter().map(|&r| f64::from(r)).sum::<f64>() as f32,
            bias_share: bias[0],
            stabilizer_share: stab[0],
        })
    }

    fn check_input(&self, x: &[f32], n: usize) -> Result<(), XaiError> {
        let n_inputs = self.n_inputs();
        let expected = n.saturating_mul(n_inputs);
        if x.len() != expected {
            return Err(XaiError::Shape {
                what: "input matrix",
                expected,
                found: x.len(),
            });
        }
        if let Some(k) = x.iter().position(|v| !v.is_finite()) {
            return Err(XaiError::NonFiniteInput {
                patient: k / n_inputs,
                input: k % n_inputs,
                value: x[k],
            });
        }
        Ok(())
    }

    /// Forward pass, then relevance from the output back to the inputs, for `rows`
    /// patients. Shapes were checked by the caller.
    #[allow(clippy::too_many_arguments)]
    fn propagate(
        &self,
        x: &[f32],
        rows: usize,
        ws: &mut LrpWorkspace,
        relevance: &mut [f32],
        output: &mut [f32],
        bias_share: &mut [f32],
        stabilizer_share: &mut [f32],
    ) {
        ws.fit(self, rows);
        ws.inputs[0][..x.len()].copy_from_slice(x);
        let last = self.layers.len() - 1;

        for (l, layer) in self.layers.iter().enumerate() {
            let (n_in, n_out, k) = (layer.n_in, layer.n_out, layer.stack_rows());
            let (lower, upper) = ws.inputs.split_at_mut(l + 1);
            let a = &lower[l][..rows * n_in];
            let split = layer.basis.splits_inputs() && a.iter().any(|&v| v < 0.0);
            ws.split[l] = split;
            let fwd = &mut ws.forward[l][..rows * k];
            if split {
                let pos = &mut ws.input_pos[..rows * n_in];
                let neg = &mut ws.input_neg[..rows * n_in];
                for ((p, m), &v) in pos.iter_mut().zip(neg.iter_mut()).zip(a) {
                    *p = v.max(0.0);
                    *m = v.min(0.0);
                }
                // Only the input layer can meet negative values (deeper layers sit behind a
                // ReLU); `fit` sized its buffer, this covers any other layer.
                grow(&mut ws.forward_neg[l], rows * k);
                let fwd_neg = &mut ws.forward_neg[l][..rows * k];
                forward_products(layer, rows, pos, fwd);
                forward_products(layer, rows, neg, fwd_neg);
            } else {
                forward_products(layer, rows, a, fwd);
            }
            // W a + b from the basis products: W = first, or W = W+ + W-.
            let pre = &mut ws.pre[l][..rows * n_out];
            let both = layer.basis == Basis::PositiveAndNegative;
            let products = std::iter::once(&*fwd).chain(split.then_some(&ws.forward_neg[l][..]));
            pre.iter_mut()
                .zip(layer.bias.iter().cycle())
                .for_each(|(z, &b)| *z = b);
            for prod in products {
                for r in 0..rows {
                    let row = &mut pre[r * n_out..(r + 1) * n_out];
                    let first = &prod[r * k..r * k + n_out];
                    row.iter_mut().zip(first).for_each(|(z, &w)| *z += w);
                    if both {
                        let second = &prod[r * k + n_out..(r + 1) * k];
                        row.iter_mut().zip(second).for_each(|(z, &w)| *z += w);
                    }
                }
            }
            if l < last {
                let next = &mut upper[0][..rows * n_out];
                next.iter_mut()
                    .zip(pre.iter())
                    .for_each(|(h, &z)| *h = z.max(0.0));
            }
        }

        // The relevance entering the output layer is the prediction itself.
        output.copy_from_slice(&ws.pre[last][..rows]);
        ws.rel_upper[..rows].copy_from_slice(output);
        ws.bias_acc[..rows].fill(0.0);
        ws.stab_acc[..rows].fill(0.0);

        for (l, layer) in self.layers.iter().enumerate().rev() {
            let rel_in: &mut [f32] = if l == 0 {
                &mut *relevance
            } else {
                &mut ws.rel_lower[..rows * layer.n_in]
            };
            let view = LayerView {
                input: &ws.inputs[l],
                input_pos: &ws.input_pos,
                input_neg: &ws.input_neg,
                forward: &ws.forward[l],
                forward_neg: &ws.forward_neg[l],
                pre: &ws.pre[l],
                split: ws.split[l],
                rel_upper: &ws.rel_upper,
                coef: &mut ws.coef,
                coef_neg: &mut ws.coef_neg,
                grad_neg: &mut ws.grad_neg,
                bias_acc: &mut ws.bias_acc,
                stab_acc: &mut ws.stab_acc,
            };
            backward_layer(layer, rows, view, rel_in);
            if l > 0 {
                std::mem::swap(&mut ws.rel_upper, &mut ws.rel_lower);
            }
        }
        for r in 0..rows {
            bias_share[r] = ws.bias_acc[r] as f32;
            stabilizer_share[r] = ws.stab_acc[r] as f32;
        }
    }
}

/// The workspace buffers one backward step reads and writes.
struct LayerView<'a> {
    input: &'a [f32],
    input_pos: &'a [f32],
    input_neg: &'a [f32],
    forward: &'a [f32],
    forward_neg: &'a [f32],
    pre: &'a [f32],
    split: bool,
    rel_upper: &'a [f32],
    coef: &'a mut [f32],
    coef_neg: &'a mut [f32],
    grad_neg: &'a mut [f32],
    bias_acc: &'a mut [f64],
    stab_acc: &'a mut [f64],
}

/// Relevance of one layer's inputs (`rel_in`, `rows x n_in`) from that of its outputs.
fn backward_layer(layer: &PreparedLayer, rows: usize, v: LayerView<'_>, rel_in: &mut [f32]) {
    let (n_in, n_out, k) = (layer.n_in, layer.n_out, layer.stack_rows());
    let rel = &v.rel_upper[..rows * n_out];
    let a = &v.input[..rows * n_in];

    match layer.rule {
        RuleKind::Epsilon { eps } => {
            let coef = &mut v.coef[..rows * n_out];
            for r in 0..rows {
                let (mut bias, mut stab) = (0.0f64, 0.0f64);
                for j in 0..n_out {
                    let idx = r * n_out + j;
                    let z = v.pre[idx];
                    let den = stabilize(z, eps);
                    let s = rel[idx] / den;
                    coef[idx] = s;
                    bias += f64::from(s) * f64::from(layer.bias[j]);
                    stab += f64::from(s) * (f64::from(den) - f64::from(z));
                }
                v.bias_acc[r] += bias;
                v.stab_acc[r] += stab;
            }
            gemm_back(rows, layer, Halves::First, coef, rel_in);
            rel_in.iter_mut().zip(a).for_each(|(g, &x)| *g *= x);
        }
        RuleKind::Flat { stabilizer } => {
            let z = n_in as f32;
            let den = stabilize(z, stabilizer);
            for r in 0..rows {
                let total: f32 = rel[r * n_out..(r + 1) * n_out]
                    .iter()
                    .map(|&x| x / den)
                    .sum();
                rel_in[r * n_in..(r + 1) * n_in].fill(total);
                v.stab_acc[r] += f64::from(total) * (f64::from(den) - f64::from(z));
            }
        }
        RuleKind::WSquare { stabilizer } => {
            let coef = &mut v.coef[..rows * n_out];
            for r in 0..rows {
                let (mut bias, mut stab) = (0.0f64, 0.0f64);
                for j in 0..n_out {
                    let idx = r * n_out + j;
                    let z = layer.w_square_z[j];
                    let den = stabilize(z, stabilizer);
                    let s = rel[idx] / den;
                    coef[idx] = s;
                    let b = f64::from(layer.bias[j]);
                    bias += f64::from(s) * b * b;
                    stab += f64::from(s) * (f64::from(den) - f64::from(z));
                }
                v.bias_acc[r] += bias;
                v.stab_acc[r] += stab;
            }
            if rows <= SMALL_ROWS {
                for (c, o) in coef.chunks_exact(n_out).zip(rel_in.chunks_exact_mut(n_in)) {
                    kernels::backward_row(Basis::Weight, &layer.w_square, n_in, c, None, o);
                }
            } else {
                sgemm(
                    rows,
                    n_out,
                    n_in,
                    1.0,
                    coef,
                    Trans::No,
                    &layer.w_square,
                    Trans::No,
                    0.0,
                    rel_in,
                );
            }
        }
        RuleKind::Gamma { .. } | RuleKind::ZPlus { .. } | RuleKind::AlphaBeta { .. } => {
            let coef = &mut v.coef[..rows * k];
            let coef_neg = &mut v.coef_neg[..if v.split { rows * k } else { 0 }];
            for r in 0..rows {
                let paths = Paths {
                    first: &v.forward[r * k..r * k + n_out],
                    second: &v.forward[r * k + n_out..(r + 1) * k],
                    first_neg: v.split.then(|| &v.forward_neg[r * k..r * k + n_out]),
                    second_neg: v.split.then(|| &v.forward_neg[r * k + n_out..(r + 1) * k]),
                    y: &v.pre[r * n_out..(r + 1) * n_out],
                };
                let (u, vv) = coef[r * k..(r + 1) * k].split_at_mut(n_out);
                let neg = if v.split {
                    let (un, vn) = coef_neg[r * k..(r + 1) * k].split_at_mut(n_out);
                    Some((un, vn))
                } else {
                    None
                };
                let (bias, stab) = sign_split_coefficients(
                    layer.rule,
                    &layer.bias,
                    &rel[r * n_out..(r + 1) * n_out],
                    &paths,
                    (u, vv),
                    neg,
                );
                v.bias_acc[r] += bias;
                v.stab_acc[r] += stab;
            }
            // Without negative inputs, z-plus and alpha-1-beta-0 put nothing on W-^T: one
            // product with W+ alone does.
            let only_first = !v.split
                && match layer.rule {
                    RuleKind::ZPlus { .. } => true,
                    RuleKind::AlphaBeta { beta, .. } => beta == 0.0,
                    _ => false,
                };
            if only_first {
                for r in 0..rows {
                    coef.copy_within(r * k..r * k + n_out, r * n_out);
                }
                gemm_back(rows, layer, Halves::First, &coef[..rows * n_out], rel_in);
            } else {
                gemm_back(rows, layer, Halves::Both, coef, rel_in);
            }
            if v.split {
                let g_neg = &mut v.grad_neg[..rows * n_in];
                gemm_back(rows, layer, Halves::Both, coef_neg, g_neg);
                let pos = &v.input_pos[..rows * n_in];
                let neg = &v.input_neg[..rows * n_in];
                for (((g, &gn), &ap), &an) in rel_in.iter_mut().zip(g_neg.iter()).zip(pos).zip(neg)
                {
                    *g = ap * *g + an * gn;
                }
            } else {
                rel_in.iter_mut().zip(a).for_each(|(g, &x)| *g *= x);
            }
        }
    }
}

/// One patient's forward products of a layer with the two basis matrices `A`, `B`:
/// `first = A a+`, `second = B a+`, `first_neg = A a-`, `second_neg = B a-` (the latter
/// `None` when the input has no negative part), and `y = W a + b`.
struct Paths<'a> {
    first: &'a [f32],
    second: &'a [f32],
    first_neg: Option<&'a [f32]>,
    second_neg: Option<&'a [f32]>,
    y: &'a [f32],
}

/// Backward coefficients of a sign-splitting rule for one patient: `(u, v)` such that the
/// relevance of the positive input part is `a+ * (A^T u + B^T v)`, and likewise `neg` for
/// `a-`. Returns the relevance absorbed by the bias and by the stabiliser.
fn sign_split_coefficients(
    rule: RuleKind,
    bias: &[f32],
    rel: &[f32],
    x: &Paths<'_>,
    (u, v): (&mut [f32], &mut [f32]),
    mut neg: Option<(&mut [f32], &mut [f32])>,
) -> (f64, f64) {
    let (mut bias_share, mut stab_share) = (0.0f64, 0.0f64);
    let absorbed = |s: f32, den: f32, z: f32| f64::from(s) * (f64::from(den) - f64::from(z));
    for j in 0..rel.len() {
        let (f, g, b, r) = (x.first[j], x.second[j], bias[j], rel[j]);
        let f_neg = x.first_neg.map_or(0.0, |m| m[j]);
        let g_neg = x.second_neg.map_or(0.0, |m| m[j]);
        let (up, vp, un, vn);
        match rule {
            RuleKind::Gamma { gamma, stabilizer } => {
                // Basis (W, W+): f = W a+, g = W+ a+, f_neg = W a-, g_neg = W+ a-.
                // z++ = rho+(W) a+ + rho+(b),  z-- = rho-(W) a-        (outputs with z > 0)
                // z+- = rho-(W) a+ + rho-(b),  z-+ = rho+(W) a-        (outputs with z < 0)
                // rho+(W) = W + g W+,  rho-(W) = W + g (W - W+).
                let (mut sp, mut sm) = (0.0, 0.0);
                if x.y[j] > 0.0 {
                    let bp = b + gamma * b.max(0.0);
                    let z = (f + gamma * g + bp) + ((1.0 + gamma) * f_neg - gamma * g_neg);
                    let den = stabilize(z, stabilizer);
                    sp = r / den;
                    bias_share += f64::from(sp) * f64::from(bp);
                    stab_share += absorbed(sp, den, z);
                } else if x.y[j] < 0.0 {
                    let bm = b + gamma * b.min(0.0);
                    let z = ((1.0 + gamma) * f - gamma * g + bm) + (f_neg + gamma * g_neg);
                    let den = stabilize(z, stabilizer);
                    sm = r / den;
                    bias_share += f64::from(sm) * f64::from(bm);
                    stab_share += absorbed(sm, den, z);
                } else {
                    // Both masks are off at an output of exactly zero: its relevance is dropped.
                    stab_share += f64::from(r);
                }
                // a+ (rho+^T sp + rho-^T sm) and a- (rho-^T sp + rho+^T sm) in the basis.
                up = sp + (1.0 + gamma) * sm;
                vp = gamma * (sp - sm);
                un = (1.0 + gamma) * sp + sm;
                vn = gamma * (sm - sp);
            }
            RuleKind::ZPlus { stabilizer } => {
                // Basis (W+, W-): z = W+ a+ + b+ + W- a-.
                let bp = b.max(0.0);
                let z = f + bp + g_neg;
                let den = stabilize(z, stabilizer);
                let s = r / den;
                bias_share += f64::from(s) * f64::from(bp);
                stab_share += absorbed(s, den, z);
                (up, vp, un, vn) = (s, 0.0, 0.0, s);
            }
            RuleKind::AlphaBeta {
                alpha,
                beta,
                stabilizer,
            } => {
                // Basis (W+, W-): positive z = W+ a+ + b+ + W- a-, negative z = W- a+ + b- + W+ a-.
                let (bp, bm) = (b.max(0.0), b.min(0.0));
                let zp = f + bp + g_neg;
                let zn = g + bm + f_neg;
                let (dp, dn) = (stabilize(zp, stabilizer), stabilize(zn, stabilizer));
                let (sp, sn) = (r / dp, r / dn);
                let (a64, b64) = (f64::from(alpha), f64::from(beta));
                bias_share +=
                    a64 * f64::from(sp) * f64::from(bp) - b64 * f64::from(sn) * f64::from(bm);
                stab_share += a64 * absorbed(sp, dp, zp) - b64 * absorbed(sn, dn, zn);
                // a+ (alpha W+^T sp - beta W-^T sn), a- (alpha W-^T sp - beta W+^T sn).
                (up, vp) = (alpha * sp, -beta * sn);
                (un, vn) = (-beta * sn, alpha * sp);
            }
            RuleKind::Epsilon { .. } | RuleKind::Flat { .. } | RuleKind::WSquare { .. } => {
                (up, vp, un, vn) = (0.0, 0.0, 0.0, 0.0);
            }
        }
        u[j] = up;
        v[j] = vp;
        if let Some((un_row, vn_row)) = neg.as_mut() {
            un_row[j] = un;
            vn_row[j] = vn;
        }
    }
    (bias_share, stab_share)
}

/// `out = A a` and `B a` side by side (`[A a | B a]` per row, or `A a` alone for the
/// single-matrix basis) for every row of `a`.
///
/// # Shapes
/// `a`: `rows x n_in`; `out`: `rows x stack_rows`.
fn forward_products(layer: &PreparedLayer, rows: usize, a: &[f32], out: &mut [f32]) {
    let (n_in, n_out, k) = (layer.n_in, layer.n_out, layer.stack_rows());
    if rows <= SMALL_ROWS {
        for (ar, or) in a.chunks_exact(n_in).zip(out.chunks_exact_mut(k)) {
            let (first, second) = or.split_at_mut(n_out);
            kernels::forward_row(layer.basis, layer.weight(), n_in, ar, first, second);
        }
    } else {
        sgemm(
            rows,
            n_in,
            k,
            1.0,
            a,
            Trans::No,
            &layer.stack,
            Trans::Yes,
            0.0,
            out,
        );
    }
}

/// `out = C M` where `M` is the first basis matrix or both stacked, as `halves` says.
///
/// # Shapes
/// `coef`: `rows x n_out` (or `rows x 2 n_out` for `Both`); `out`: `rows x n_in`.
fn gemm_back(rows: usize, layer: &PreparedLayer, halves: Halves, coef: &[f32], out: &mut [f32]) {
    let (n_in, n_out) = (layer.n_in, layer.n_out);
    let (b, k) = match halves {
        Halves::First => (&layer.stack[..n_out * n_in], n_out),
        Halves::Both => (&layer.stack[..], layer.stack_rows()),
    };
    if rows <= SMALL_ROWS {
        for (c, o) in coef.chunks_exact(k).zip(out.chunks_exact_mut(n_in)) {
            let (u, v) = c.split_at(n_out);
            let v = (halves == Halves::Both).then_some(v);
            kernels::backward_row(layer.basis, layer.weight(), n_in, u, v, o);
        }
    } else {
        sgemm(rows, k, n_in, 1.0, coef, Trans::No, b, Trans::No, 0.0, out);
    }
}

/// Buffers for [`Lrp::explain_one`] (and, internally, the batched path), reused across
/// calls. Start from `LrpWorkspace::default()`; the first call sizes it for its explainer
/// and batch, later calls with the same or a smaller shape allocate nothing.
#[derive(Clone, Debug, Default)]
pub struct LrpWorkspace {
    /// Layer inputs: element `l` is `rows x n_in_l`.
    inputs: Vec<Vec<f32>>,
    /// `[W a | W+ a]` (or `W a`) per layer, of `a+` when the input is split.
    forward: Vec<Vec<f32>>,
    /// The same products of `a-` for layers whose input has negative values.
    forward_neg: Vec<Vec<f32>>,
    /// `W a + b` per layer.
    pre: Vec<Vec<f32>>,
    /// Whether layer `l`'s input had negative values in the current batch.
    split: Vec<bool>,
    input_pos: Vec<f32>,
    input_neg: Vec<f32>,
    coef: Vec<f32>,
    coef_neg: Vec<f32>,
    grad_neg: Vec<f32>,
    rel_upper: Vec<f32>,
    rel_lower: Vec<f32>,
    bias_acc: Vec<f64>,
    stab_acc: Vec<f64>,
}

fn grow<T: Clone + Default>(buf: &mut Vec<T>, len: usize) {
    if buf.len() < len {
        buf.resize(len, T::default());
    }
}

impl LrpWorkspace {
    /// Grows every buffer to hold `rows` patients of `lrp`'s network.
    fn fit(&mut self, lrp: &Lrp, rows: usize) {
        let n = lrp.layers.len();
        for v in [
            &mut self.inputs,
            &mut self.forward,
            &mut self.forward_neg,
            &mut self.pre,
        ] {
            if v.len() < n {
                v.resize_with(n, Vec::new);
            }
        }
        grow(&mut self.split, n);
        let (mut max_in, mut max_out, mut max_k) = (0, 0, 0);
        for (l, layer) in lrp.layers.iter().enumerate() {
            let k = layer.stack_rows();
            grow(&mut self.inputs[l], rows * layer.n_in);
            grow(&mut self.forward[l], rows * k);
            if l == 0 && layer.basis.splits_inputs() {
                // Only the input layer can see negative values: deeper layers sit behind a
                // ReLU. Their buffers stay empty unless that ever changes.
                grow(&mut self.forward_neg[l], rows * k);
            }
            grow(&mut self.pre[l], rows * layer.n_out);
            max_in = max_in.max(layer.n_in);
            max_out = max_out.max(layer.n_out);
            max_k = max_k.max(k);
        }
        grow(&mut self.input_pos, rows * max_in);
        grow(&mut self.input_neg, rows * max_in);
        grow(&mut self.coef, rows * max_k);
        grow(&mut self.coef_neg, rows * max_k);
        grow(&mut self.grad_neg, rows * max_in);
        grow(&mut self.rel_upper, rows * max_in.max(max_out));
        grow(&mut self.rel_lower, rows * max_in.max(max_out));
        grow(&mut self.bias_acc, rows);
        grow(&mut self.stab_acc, rows);
    }
}

/// Relevances of a batch with `composite`'s rules: [`Lrp::new`] then
/// [`Lrp::explain_batch`].
///
/// # Shapes
/// `x`: `n x n_inputs`, row-major.
///
/// # Errors
/// Those of [`Lrp::new`] and [`Lrp::explain_batch`].
pub fn explain_batch(
    net: &CoxNet,
    composite: &Composite,
    x: &[f32],
    n: usize,
) -> Result<Relevances, XaiError> {
    Lrp::new(net, composite)?.explain_batch(x, n)
}
