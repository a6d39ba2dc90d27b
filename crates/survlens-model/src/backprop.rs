//! Training-time forward and backward passes through a [`CoxNet`]: inverted dropout on the
//! inputs and after every hidden ReLU, and the gradient of a loss on the log-risks with
//! respect to every weight and bias.
//!
//! Everything is batched: each layer costs one matrix product forward and at most two
//! backward ([`crate::linalg::sgemm`]); the input layer's backward needs only the weight
//! gradient, not the gradient of the inputs. [`Backprop`] owns every activation and gradient
//! buffer and reuses them from batch to batch, so a training epoch allocates nothing once
//! the first (largest) batch has been seen.

use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::linalg::{Trans, sgemm};
use crate::network::{CoxNet, relu};
use crate::{ModelError, ShapeProblem};

/// The gradient of a loss with respect to one dense layer's parameters, laid out as the
/// layer stores them.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerGradient {
    /// `n_out x n_in`, row-major, like [`crate::Dense::weight`].
    pub weight: Vec<f32>,
    /// `n_out`.
    pub bias: Vec<f32>,
}

/// The gradient of a loss with respect to every parameter of a [`CoxNet`], one
/// [`LayerGradient`] per layer, input side first.
#[derive(Clone, Debug, PartialEq)]
pub struct NetGradient {
    layers: Vec<LayerGradient>,
}

impl NetGradient {
    /// A zero gradient shaped like `net`.
    pub fn zeros(net: &CoxNet) -> Self {
        Self {
            layers: net
                .layers()
                .iter()
                .map(|l| LayerGradient {
                    weight: vec![0.0; l.weight().len()],
                    bias: vec![0.0; l.bias().len()],
                })
                .collect(),
        }
    }

    /// A gradient from its layers, input side first (as [`NetGradient::layers`] gives them).
    pub fn from_layers(layers: Vec<LayerGradient>) -> Self {
        Self { layers }
    }

    /// Per-layer gradients, input side first.
    pub fn layers(&self) -> &[LayerGradient] {
        &self.layers
    }

    pub(crate) fn layers_mut(&mut self) -> &mut [LayerGradient] {
        &mut self.layers
    }

    /// Euclidean norm over all weights and biases together (accumulated in `f64`), the
    /// norm that PyTorch's `clip_grad_norm_` clips.
    pub fn norm(&self) -> f64 {
        let mut sum = 0.0f64;
        for layer in &self.layers {
            for part in [&layer.weight, &layer.bias] {
                // Partial sums in f32 over short runs keep the loop vectorisable; the runs
                // are short enough that f32 loses nothing that matters for clipping.
                for chunk in part.chunks(256) {
                    sum += f64::from(chunk.iter().map(|g| g * g).sum::<f32>());
                }
            }
        }
        sum.sqrt()
    }

    /// Whether `other` has this gradient's layers, each of the same size.
    pub fn same_shape(&self, other: &NetGradient) -> bool {
        self.layers.len() == other.layers.len()
            && self
                .layers
                .iter()
                .zip(&other.layers)
                .all(|(a, b)| a.weight.len() == b.weight.len() && a.bias.len() == b.bias.len())
    }

    /// Adds `other` component by component (a share of a batch's gradient to the rest).
    ///
    /// # Errors
    /// [`ModelError::Shape`] when `other` belongs to another network shape.
    pub fn add(&mut self, other: &NetGradient) -> Result<(), ModelError> {
        if !self.same_shape(other) {
            return Err(ModelError::shape("gradient sum", ShapeProblem::Differ));
        }
        for (a, b) in self.layers.iter_mut().zip(&other.layers) {
            a.weight
                .iter_mut()
                .zip(&b.weight)
                .for_each(|(a, b)| *a += b);
            a.bias.iter_mut().zip(&b.bias).for_each(|(a, b)| *a += b);
        }
        Ok(())
    }

    /// Scales the gradient down to Euclidean norm `max_norm` when it is longer, as
    /// PyTorch's `clip_grad_norm_` does: by `max_norm / (norm + 1e-6)` when that is below 1.
    pub fn clip_norm(&mut self, max_norm: f64) {
        let factor = max_norm / (self.norm() + 1e-6);
        if factor < 1.0 {
            self.scale(factor as f32);
        }
    }

    /// Multiplies every component by `factor`.
    pub fn scale(&mut self, factor: f32) {
        for layer in &mut self.layers {
            layer.weight.iter_mut().for_each(|g| *g *= factor);
            layer.bias.iter_mut().for_each(|g| *g *= factor);
        }
    }
}

/// Inverted dropout: during training each input (rate `input`) and each hidden unit after
/// its ReLU (rate `hidden`) is zeroed independently and the survivors are multiplied by
/// `1 / (1 - p)`, so expected activations match inference, where dropout is the identity.
///
/// Randomness comes from a `ChaCha8Rng` owned by the sampler. Each unit uses the fewest
/// random bits (1, 2, 4, 8 or 16) that represent `p` exactly: one bit for the study's 0.5,
/// so one 64-bit draw decides 64 units. A rate that no 16-bit fraction represents is rounded
/// to a multiple of `2^-16`, and the scale uses that realised rate. A rate of 0 draws
/// nothing.
#[derive(Clone, Debug)]
pub struct Dropout {
    input: DropRate,
    hidden: DropRate,
    /// [`DropRate::factor_table`] of each rate.
    input_table: Vec<f32>,
    hidden_table: Vec<f32>,
    rng: ChaCha8Rng,
}

/// A drop probability as `threshold / 2^bits`: a unit is dropped when its `bits`-bit
/// random number is below `threshold`.
#[derive(Clone, Copy, Debug)]
struct DropRate {
    bits: u32,
    threshold: u64,
}

impl DropRate {
    fn new(name: &'static str, p: f32) -> Result<Self, ModelError> {
        if !(0.0..1.0).contains(&p) {
            return Err(ModelError::setting(
                "dropout",
                name,
                "in [0, 1)",
                f64::from(p),
            ));
        }
        let p = f64::from(p);
        let bits = [1u32, 2, 4, 8]
            .into_iter()
            .find(|&b| (p * f64::from(1u32 << b)).fract() == 0.0)
            .unwrap_or(16);
        // p < 1 keeps at least one value of 2^bits alive.
        let threshold = ((p * f64::from(1u32 << bits)).round() as u64).min((1 << bits) - 1);
        Ok(Self { bits, threshold })
    }

    /// For rates of at most 8 bits: the factors (0 = dropped, else the scale) of the
    /// `8 / bits` units that each byte value decides, `256 x (8 / bits)`; empty otherwise.
    fn factor_table(self) -> Vec<f32> {
        if self.bits > 8 {
            return Vec::new();
        }
        let per_byte = 8 / self.bits;
        let mask = (1u64 << self.bits) - 1;
        let scale = self.scale();
        (0..256u64)
            .flat_map(|byte| {
                (0..per_byte).map(move |lane| {
                    let r = (byte >> (self.bits * lane)) & mask;
                    if r < self.threshold { 0.0 } else { scale }
                })
            })
            .collect()
    }

    /// `1 / (1 - p)` for the realised `p`.
    fn scale(self) -> f32 {
        let total = 1u64 << self.bits;
        (total as f64 / (total - self.threshold) as f64) as f32
    }
}

/// Where a forward pass's dropout draws begin. A mini-batch draws its masks layer by layer:
/// all rows' input masks, then all rows' masks of the first hidden layer, and so on, each
/// row taking a fixed number of 64-bit draws per layer. A pass over rows `first_row..` of
/// a batch of `batch_rows` rows whose draws begin at draw `batch_start` of the stream
/// therefore knows where each of its rows' masks lie, and draws exactly the masks a pass
/// over the whole batch would give those rows: a batch split among workers is dropped out
/// as if one worker ran it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawSpan {
    /// The batch's first draw in the stream (64-bit draws, not words).
    pub batch_start: u64,
    /// Rows in the whole batch.
    pub batch_rows: usize,
    /// The pass's first row within the batch.
    pub first_row: usize,
}

impl Dropout {
    /// Dropout with the given rates, drawing from `ChaCha8Rng::seed_from_u64(seed)` on
    /// stream `stream`.
    ///
    /// # Errors
    /// [`ModelError::InvalidSetting`] unless both rates are in `[0, 1)`.
    pub fn new(input: f32, hidden: f32, seed: u64, stream: u64) -> Result<Self, ModelError> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(stream);
        let (input, hidden) = (
            DropRate::new("input", input)?,
            DropRate::new("hidden", hidden)?,
        );
        Ok(Self {
            input,
            hidden,
            input_table: input.factor_table(),
            hidden_table: hidden.factor_table(),
            rng,
        })
    }

    /// The next draw of the stream (64-bit draws since its start).
    pub fn position(&self) -> u64 {
        // Only 64-bit draws are taken, so the 32-bit word position is always even.
        (self.rng.get_word_pos() / 2) as u64
    }

    /// Moves the stream to draw `draw`.
    pub fn seek(&mut self, draw: u64) {
        self.rng.set_word_pos(u128::from(draw) * 2);
    }

    /// The draws one row takes in each dropout layer of `net`: the inputs, then each hidden
    /// layer's output.
    fn draws_per_row<'a>(&'a self, net: &'a CoxNet) -> impl Iterator<Item = u64> + 'a {
        let per_row = |rate: DropRate, width: usize| {
            if rate.threshold == 0 {
                0
            } else {
                width.div_ceil(64 / rate.bits as usize) as u64
            }
        };
        let (input, hidden) = (self.input, self.hidden);
        let inner = net.layers().split_last().map_or(&[][..], |(_, h)| h);
        std::iter::once(per_row(input, net.n_inputs()))
            .chain(inner.iter().map(move |l| per_row(hidden, l.n_out())))
    }

    /// The draws a mini-batch of `rows` rows takes through `net`.
    pub fn batch_draws(&self, net: &CoxNet, rows: usize) -> u64 {
        rows as u64 * self.draws_per_row(net).sum::<u64>()
    }

    /// Where the masks of dropout layer `layer` (0 = the inputs) begin for the pass `span`.
    fn layer_start(&self, net: &CoxNet, span: DrawSpan, layer: usize) -> u64 {
        let mut at = span.batch_start;
        for (l, per_row) in self.draws_per_row(net).enumerate() {
            if l == layer {
                return at + span.first_row as u64 * per_row;
            }
            at += span.batch_rows as u64 * per_row;
        }
        at
    }
}

/// Finishes a layer's output in one pass over each row of `values` (`width` wide): adds
/// `bias`, rectifies when `RELU`, and applies inverted dropout when `dropout` is given.
/// Random numbers are drawn per row, so a row's mask does not depend on the batch size.
/// Written branch-free (a kept unit is multiplied by the scale, a dropped one by 0) so the
/// inner loop vectorises.
fn activate<const RELU: bool>(
    values: &mut [f32],
    width: usize,
    bias: &[f32],
    dropout: Option<(&mut ChaCha8Rng, DropRate, &[f32])>,
) {
    let finish = |v: f32, b: f32| {
        let v = v + b;
        if RELU { relu(v) } else { v }
    };
    match dropout {
        Some((rng, rate, table)) if rate.threshold > 0 => {
            let scale = rate.scale();
            let bits = rate.bits as usize;
            let lanes = 64 / bits;
            let mask = (1u64 << bits) - 1;
            let per_byte = 8 / bits;
            let mut factors = [0.0f32; 64];
            for row in values.chunks_exact_mut(width) {
                for (chunk, b) in row.chunks_mut(lanes).zip(bias.chunks(lanes)) {
                    let draw = rng.next_u64();
                    if table.is_empty() {
                        for (lane, f) in factors[..chunk.len()].iter_mut().enumerate() {
                            let r = (draw >> (bits * lane)) & mask;
                            *f = if r < rate.threshold { 0.0 } else { scale };
                        }
                    } else {
                        // One table row per byte: 8 units at the study's rate of 0.5.
                        for (f, byte) in factors.chunks_exact_mut(per_byte).zip(draw.to_le_bytes())
                        {
                            let at = usize::from(byte) * per_byte;
                            f.copy_from_slice(&table[at..at + per_byte]);
                        }
                    }
                    for ((v, &b), &f) in chunk.iter_mut().zip(b).zip(&factors) {
                        *v = finish(*v, b) * f;
                    }
                }
            }
        }
        _ => {
            for row in values.chunks_exact_mut(width) {
                row.iter_mut()
                    .zip(bias)
                    .for_each(|(v, &b)| *v = finish(*v, b));
            }
        }
    }
}

/// Reusable buffers for training-time forward and backward passes through one network
/// shape.
#[derive(Clone, Debug)]
pub struct Backprop {
    /// Rows in the current batch.
    n: usize,
    /// `acts[l]`: input of layer `l` after dropout, `n x n_in(l)`.
    acts: Vec<Vec<f32>>,
    /// Inverted-dropout scale of the kept units of `acts[l]` (1 without dropout).
    scales: Vec<f32>,
    /// The log-risks, `n`.
    output: Vec<f32>,
    /// Zeros, one per input: the "bias" of the input dropout pass.
    zero_bias: Vec<f32>,
    /// Gradient with respect to the current layer's pre-activations.
    delta: Vec<f32>,
    /// Gradient with respect to the previous layer's pre-activations.
    delta_prev: Vec<f32>,
    gradient: NetGradient,
}

impl Backprop {
    /// Buffers for networks shaped like `net`.
    pub fn new(net: &CoxNet) -> Self {
        let n_layers = net.layers().len();
        Self {
            n: 0,
            acts: vec![Vec::new(); n_layers],
            scales: vec![1.0; n_layers],
            output: Vec::new(),
            zero_bias: Vec::new(),
            delta: Vec::new(),
            delta_prev: Vec::new(),
            gradient: NetGradient::zeros(net),
        }
    }

    /// Forward pass over the rows `rows` of the cohort matrix `x`, with dropout when
    /// `dropout` is given (training) and without (inference); returns the log-risks and
    /// keeps every activation for [`Backprop::backward`].
    ///
    /// # Shapes
    /// `x`: `n_patients x net.n_inputs()` row-major; returns `rows.len()` values, in the
    /// order of `rows`.
    ///
    /// # Errors
    /// [`ModelError::Shape`] when `x` is not a whole number of rows of the network's input
    /// width, a row index is out of range, or the buffers were made for another network
    /// shape.
    pub fn forward(
        &mut self,
        net: &CoxNet,
        x: &[f32],
        rows: &[usize],
        dropout: Option<&mut Dropout>,
    ) -> Result<&[f32], ModelError> {
        let dropout = dropout.map(|d| {
            let span = DrawSpan {
                batch_start: d.position(),
                batch_rows: rows.len(),
                first_row: 0,
            };
            (d, span)
        });
        self.forward_span(net, x, rows, dropout)
    }

    /// [`Backprop::forward`] over part of a mini-batch: with dropout, `rows` are the rows
    /// `span.first_row..` of a batch whose masks begin where `span` says, and get exactly
    /// the masks they would get in a pass over the whole batch ([`DrawSpan`]). The stream
    /// is left after the pass's last draw.
    ///
    /// # Errors
    /// As [`Backprop::forward`].
    pub fn forward_span(
        &mut self,
        net: &CoxNet,
        x: &[f32],
        rows: &[usize],
        mut dropout: Option<(&mut Dropout, DrawSpan)>,
    ) -> Result<&[f32], ModelError> {
        self.check_net(net)?;
        let d = net.n_inputs();
        if !x.len().is_multiple_of(d) {
            return Err(ModelError::length(
                "forward pass",
                "input matrix",
                x.len() / d * d,
                x.len(),
            ));
        }
        let n_patients = x.len() / d;
        if let Some(&bad) = rows.iter().find(|&&r| r >= n_patients) {
            return Err(ModelError::RowOutOfRange {
                context: "forward pass",
                row: bad,
                rows: n_patients,
            });
        }
        let n = rows.len();
        self.n = n;

        let input = &mut self.acts[0];
        input.resize(n * d, 0.0);
        for (dst, &r) in input.chunks_exact_mut(d).zip(rows) {
            dst.copy_from_slice(&x[r * d..(r + 1) * d]);
        }
        let input_dropout = dropout.as_mut().map(|(d, span)| {
            let at = d.layer_start(net, *span, 0);
            d.seek(at);
            (&mut d.rng, d.input, d.input_table.as_slice())
        });
        self.scales[0] = input_dropout
            .as_ref()
            .map_or(1.0, |(_, rate, _)| rate.scale());
        self.zero_bias.resize(d, 0.0);
        activate::<false>(input, d, &self.zero_bias, input_dropout);

        let last = net.layers().len() - 1;
        for (l, layer) in net.layers().iter().enumerate() {
            let (done, rest) = self.acts.split_at_mut(l + 1);
            let input = &done[l];
            if l == last {
                self.output.resize(n, 0.0);
                layer.forward(input, n, &mut self.output);
                break;
            }
            let out = &mut rest[0];
            let width = layer.n_out();
            out.resize(n * width, 0.0);
            // z = a W^T, then bias, ReLU and dropout in one pass over z.
            sgemm(
                n,
                layer.n_in(),
                width,
                1.0,
                input,
                Trans::No,
                layer.weight(),
                Trans::Yes,
                0.0,
                out,
            );
            let hidden_dropout = dropout.as_mut().map(|(d, span)| {
                let at = d.layer_start(net, *span, l + 1);
                d.seek(at);
                (&mut d.rng, d.hidden, d.hidden_table.as_slice())
            });
            self.scales[l + 1] = hidden_dropout
                .as_ref()
                .map_or(1.0, |(_, rate, _)| rate.scale());
            activate::<true>(out, width, layer.bias(), hidden_dropout);
        }
        Ok(&self.output)
    }

    /// The log-risks of the last forward pass.
    pub fn output(&self) -> &[f32] {
        &self.output
    }

    /// Backward pass for the batch of the last [`Backprop::forward`], given the gradient of
    /// the loss with respect to each log-risk; the result is in [`Backprop::gradient`].
    ///
    /// `net` must be the network of that forward pass, unchanged.
    ///
    /// # Shapes
    /// `grad_log_risk`: one value per row of the last forward pass.
    ///
    /// # Errors
    /// [`ModelError::Shape`] when the lengths disagree with the last forward pass.
    pub fn backward(&mut self, net: &CoxNet, grad_log_risk: &[f64]) -> Result<(), ModelError> {
        self.check_net(net)?;
        let n = self.n;
        if grad_log_risk.len() != n || self.output.len() != n {
            return Err(ModelError::length(
                "backward pass",
                "log-risk gradient",
                n,
                grad_log_risk.len(),
            ));
        }
        self.delta.clear();
        self.delta.extend(grad_log_risk.iter().map(|&g| g as f32));

        for (l, layer) in net.layers().iter().enumerate().rev() {
            let (n_in, n_out) = (layer.n_in(), layer.n_out());
            let grad = &mut self.gradient.layers[l];
            let input = &self.acts[l];
            // dL/dW = delta^T a: (n_out x n) (n x n_in).
            sgemm(
                n_out,
                n,
                n_in,
                1.0,
                &self.delta,
                Trans::Yes,
                input,
                Trans::No,
                0.0,
                &mut grad.weight,
            );
            grad.bias.iter_mut().for_each(|b| *b = 0.0);
            for row in self.delta.chunks_exact(n_out) {
                grad.bias.iter_mut().zip(row).for_each(|(b, g)| *b += g);
            }
            if l == 0 {
                break;
            }
            // dL/da = delta W: (n x n_out) (n_out x n_in); then through dropout and ReLU.
            // A unit passed gradient iff it was kept and its pre-activation was positive,
            // i.e. iff its stored activation is positive.
            self.delta_prev.resize(n * n_in, 0.0);
            sgemm(
                n,
                n_out,
                n_in,
                1.0,
                &self.delta,
                Trans::No,
                layer.weight(),
                Trans::No,
                0.0,
                &mut self.delta_prev,
            );
            let scale = self.scales[l];
            self.delta_prev
                .iter_mut()
                .zip(input)
                .for_each(|(g, &a)| *g = if a > 0.0 { *g * scale } else { 0.0 });
            std::mem::swap(&mut self.delta, &mut self.delta_prev);
        }
        Ok(())
    }

    /// The gradient computed by the last [`Backprop::backward`].
    pub fn gradient(&self) -> &NetGradient {
        &self.gradient
    }

    /// Mutable access to the gradient (for clipping in place).
    pub fn gradient_mut(&mut self) -> &mut NetGradient {
        &mut self.gradient
    }

    fn check_net(&self, net: &CoxNet) -> Result<(), ModelError> {
        let same = net.layers().len() == self.gradient.layers.len()
            && net
                .layers()
                .iter()
                .zip(&self.gradient.layers)
                .all(|(l, g)| l.weight().len() == g.weight.len() && l.bias().len() == g.bias.len());
        if same {
            Ok(())
        } else {
            Err(ModelError::shape("training buffers", ShapeProblem::Differ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drop_rates_use_the_fewest_exact_bits() {
        let r = |p| {
            let r = DropRate::new("test", p).unwrap();
            (r.bits, r.threshold)
        };
        assert_eq!(r(0.5), (1, 1));
        assert_eq!(r(0.25), (2, 1));
        assert_eq!(r(0.0), (1, 0));
        // 0.3 has no short binary fraction: 16 bits, round(0.3 * 65536) = 19661.
        assert_eq!(r(0.3), (16, 19661));
        assert!(DropRate::new("test", 1.0).is_err());
        assert!((DropRate::new("test", 0.5).unwrap().scale() - 2.0).abs() < f32::EPSILON);
    }

    #[test]
    fn table_and_bitwise_masks_agree() {
        // Rate 0.25 (2 bits) through the byte table and through the bit-by-bit loop
        // (empty table) must drop exactly the same units.
        let rate = DropRate::new("test", 0.25).unwrap();
        let table = rate.factor_table();
        assert_eq!(table.len(), 256 * 4);
        let run = |table: &[f32]| {
            let mut values = vec![1.0f32; 3 * 70];
            let mut rng = ChaCha8Rng::seed_from_u64(2);
            activate::<true>(&mut values, 70, &[0.0; 70], Some((&mut rng, rate, table)));
            values
        };
        assert_eq!(run(&table), run(&[]));
    }

    #[test]
    fn realised_drop_fraction_matches_the_rate() {
        // 0.3 over 100 rows of 1,000 units: the dropped share is within 5 standard errors
        // (sqrt(0.3 * 0.7 / 1e5) = 0.0014) of 0.3.
        let mut values = vec![1.0f32; 100_000];
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let rate = DropRate::new("test", 0.3).unwrap();
        activate::<false>(&mut values, 1000, &[0.0; 1000], Some((&mut rng, rate, &[])));
        let dropped = values.iter().filter(|&&v| v == 0.0).count() as f64 / 1e5;
        assert!((dropped - 0.3).abs() < 5.0 * 0.0014, "{dropped}");
        let kept = values.iter().find(|&&v| v != 0.0).unwrap();
        assert!((kept - 1.0 / 0.7).abs() < 1e-4, "{kept}");
    }
}
