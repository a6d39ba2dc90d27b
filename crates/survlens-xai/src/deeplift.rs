//! DeepLIFT with the rescale rule (Shrikumar et al. 2017): a patient's log-risk explained
//! relative to a reference patient, `f(x) - f(r)` split into one contribution per input.
//!
//! Every unit carries a multiplier, the change of the log-risk per change of the unit
//! between reference and patient. Through a dense layer the multipliers follow the chain
//! rule with the weights (a linear map has the same multiplier for any difference); through
//! a ReLU the rescale rule replaces the derivative by the secant
//! `m = (relu(z_x) - relu(z_r)) / (z_x - z_r)`, so that `m (z_x - z_r)` is exactly the
//! change of the unit's output. Input `i` receives `R_i = m_i (x_i - r_i)`.
//!
//! **Why this method for "relative to a typical patient".** Summation to delta,
//! `sum_i R_i = f(x) - f(r)`, holds exactly (up to `f32` rounding) for every network of
//! dense layers and ReLUs, because each layer's secants reproduce its output changes and
//! biases cancel in the difference; integrated gradients meets it only up to its quadrature
//! error and needs dozens of forward and backward passes per patient, where DeepLIFT needs
//! one forward pass of the patient (the reference's is kept) and one backward pass, the
//! cost of one LRP explanation. For a network without hidden units the answer is
//! `w_i (x_i - r_i)`, exactly; where no hidden unit changes side between `r` and `x` the
//! network is linear on the segment and the answer equals integrated gradients'. LRP on the
//! difference would need a rule for negative and mixed-sign differences that no published
//! composite fixes; the rescale rule is the one DeepLIFT defines for ReLU networks.
//!
//! A unit whose pre-activation is the same for patient and reference has no secant; it
//! takes the ReLU's derivative there (1 above zero, 0 at or below, as PyTorch), which only
//! moves relevance between inputs, never the total.

use survlens_model::CoxNet;
use survlens_model::linalg::{Trans, sgemm};

use crate::XaiError;
use crate::attribution::{Attribution, check_input, check_reference, close_reference_account};
use crate::relevance::Relevances;

/// DeepLIFT-rescale relative to one reference patient, prepared once: the reference's
/// pre-activations are computed when it is built, so each explanation costs one forward
/// and one backward pass.
#[derive(Clone, Debug, PartialEq)]
pub struct DeepLift {
    reference: Vec<f32>,
    /// The reference's pre-activation of every layer (the last is `f(r)`).
    reference_z: Vec<Vec<f32>>,
}

impl DeepLift {
    /// Prepares the explanation of `net` relative to `reference` (`n_inputs` encoded
    /// inputs, e.g. an encoded typical patient).
    ///
    /// # Errors
    /// [`XaiError::Shape`] when `reference` does not have `n_inputs` values,
    /// [`XaiError::NonFiniteInput`] when one is NaN or infinite.
    pub fn new(net: &CoxNet, reference: &[f32]) -> Result<Self, XaiError> {
        check_reference(net, reference)?;
        Ok(Self {
            reference: reference.to_vec(),
            reference_z: pre_activations(net, reference, 1),
        })
    }

    /// The reference patient, `n_inputs` encoded inputs.
    pub fn reference(&self) -> &[f32] {
        &self.reference
    }

    /// The network's log-risk of the reference patient, `f(r)`.
    pub fn reference_output(&self) -> f32 {
        self.reference_z
            .last()
            .and_then(|z| z.first())
            .copied()
            .unwrap_or(0.0)
    }

    /// Contributions of every input to `f(x) - f(r)` for each patient of a batch.
    ///
    /// The result's accounting holds `f(x)` as the output, `f(r)` as the bias share and
    /// what the contributions leave of `f(x) - f(r)` (rounding only) as the stabiliser
    /// share, so that `output = relevance_sum + bias_share + stabilizer_share`.
    ///
    /// # Shapes
    /// `x`: `n x n_inputs`, row-major; the result has `n x n_inputs` values.
    ///
    /// # Errors
    /// [`XaiError::Shape`] for a network other than the one the reference was prepared
    /// for (another number of layers or inputs) or a batch of the wrong length;
    /// [`XaiError::NonFiniteInput`] for a NaN or infinite input.
    pub fn explain_batch(&self, net: &CoxNet, x: &[f32], n: usize) -> Result<Relevances, XaiError> {
        check_input(net, x, n)?;
        let layers = net.layers();
        if self.reference_z.len() != layers.len() || self.reference.len() != net.n_inputs() {
            return Err(XaiError::Shape {
                what: "layers of the network the reference was prepared for",
                expected: self.reference_z.len(),
                found: layers.len(),
            });
        }
        let z = pre_activations(net, x, n);
        let d = net.n_inputs();
        // m = d(f(x) - f(r)) / d(z_x - z_r) of the current layer's outputs; 1 at the output.
        let mut multiplier = vec![1.0f32; n];
        for (l, layer) in layers.iter().enumerate().rev() {
            let (n_in, n_out) = (layer.n_in(), layer.n_out());
            let mut m_in = vec![0.0f32; n * n_in];
            sgemm(
                n,
                n_out,
                n_in,
                1.0,
                &multiplier,
                Trans::No,
                layer.weight(),
                Trans::No,
                0.0,
                &mut m_in,
            );
            if l > 0 {
                // Through the ReLU that made this layer's input: the secant of each unit.
                let (zx, zr) = (&z[l - 1], &self.reference_z[l - 1]);
                for (row, zx_row) in m_in.chunks_exact_mut(n_in).zip(zx.chunks_exact(n_in)) {
                    for ((m, &a), &b) in row.iter_mut().zip(zx_row).zip(zr) {
                        *m *= rescale(a, b);
                    }
                }
            }
            multiplier = m_in;
        }
        let mut out = Relevances::zeros(n, d);
        for (p, (row, m_row)) in out
            .values
            .chunks_exact_mut(d)
            .zip(multiplier.chunks_exact(d))
            .enumerate()
        {
            let xp = &x[p * d..(p + 1) * d];
            for (((r, &m), &xi), &ri) in row.iter_mut().zip(m_row).zip(xp).zip(&self.reference) {
                *r = m * (xi - ri);
            }
        }
        if let Some(last) = z.last() {
            out.output.copy_from_slice(last);
        }
        close_reference_account(&mut out, self.reference_output());
        Ok(out)
    }
}

/// DeepLIFT-rescale against a reference patient as an [`Attribution`] (prepares the
/// reference on every call; keep a [`DeepLift`] to explain many batches).
#[derive(Clone, Debug, PartialEq)]
pub struct DeepLiftRescale {
    /// The reference patient, `n_inputs`.
    pub reference: Vec<f32>,
}

impl Attribution for DeepLiftRescale {
    fn name(&self) -> &'static str {
        "deeplift-rescale"
    }

    fn attribute(&self, net: &CoxNet, x: &[f32], n: usize) -> Result<Relevances, XaiError> {
        DeepLift::new(net, &self.reference)?.explain_batch(net, x, n)
    }
}

/// The ReLU's secant between pre-activations `a` (patient) and `b` (reference); its
/// derivative at `a` when they are equal. Symmetric in `a` and `b`, and in `[0, 1]`.
fn rescale(a: f32, b: f32) -> f32 {
    if a == b {
        if a > 0.0 { 1.0 } else { 0.0 }
    } else {
        (a.max(0.0) - b.max(0.0)) / (a - b)
    }
}

/// Every layer's pre-activation `z_l = W_l a_l + b_l` (before the ReLU), the last being
/// the log-risk.
///
/// # Shapes
/// `x`: `n x n_inputs`; element `l` is `n x n_out(l)`.
fn pre_activations(net: &CoxNet, x: &[f32], n: usize) -> Vec<Vec<f32>> {
    let layers = net.layers();
    let mut z: Vec<Vec<f32>> = Vec::with_capacity(layers.len());
    let mut input = x.to_vec();
    for (l, layer) in layers.iter().enumerate() {
        let mut y = vec![0.0f32; n * layer.n_out()];
        layer.forward(&input, n, &mut y);
        if l + 1 < layers.len() {
            input = y.iter().map(|&v| v.max(0.0)).collect();
        }
        z.push(y);
    }
    z
}

/// DeepLIFT-rescale of a batch whose patients are measured from different references
/// (e.g. each from the typical patient of its own entity): patient `p` against
/// `references[reference_of[p]]`. The accounting is as [`DeepLift::explain_batch`]'s, with
/// each patient's own `f(r)` as its bias share.
///
/// # Shapes
/// `x`: `n x n_inputs`; `reference_of`: `n` indices into `references`.
///
/// # Errors
/// As [`DeepLift::explain_batch`]; [`XaiError::Shape`] when `reference_of` does not have
/// `n` entries, [`XaiError::PatientOutOfRange`] naming a patient whose reference index is
/// past the last reference.
pub fn explain_against(
    net: &CoxNet,
    x: &[f32],
    n: usize,
    references: &[DeepLift],
    reference_of: &[usize],
) -> Result<Relevances, XaiError> {
    check_input(net, x, n)?;
    if reference_of.len() != n {
        return Err(XaiError::Shape {
            what: "reference of each patient",
            expected: n,
            found: reference_of.len(),
        });
    }
    if let Some(p) = reference_of.iter().position(|&k| k >= references.len()) {
        return Err(XaiError::PatientOutOfRange {
            what: "reference of the patient",
            row: p,
            n_patients: n,
        });
    }
    let d = net.n_inputs();
    let mut out = Relevances::zeros(n, d);
    for (k, reference) in references.iter().enumerate() {
        let rows: Vec<usize> = (0..n).filter(|&p| reference_of[p] == k).collect();
        if rows.is_empty() {
            continue;
        }
        let batch: Vec<f32> = rows
            .iter()
            .flat_map(|&p| x[p * d..(p + 1) * d].iter().copied())
            .collect();
        let part = reference.explain_batch(net, &batch, rows.len())?;
        for (b, &p) in rows.iter().enumerate() {
            out.values[p * d..(p + 1) * d].copy_from_slice(&part.values[b * d..(b + 1) * d]);
            out.output[p] = part.output[b];
            out.bias_share[p] = part.bias_share[b];
            out.stabilizer_share[p] = part.stabilizer_share[b];
        }
    }
    Ok(out)
}
