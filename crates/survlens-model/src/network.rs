//! The study's deep Cox network: stacked dense layers with ReLU between them and one linear
//! output, the patient's log-risk (log hazard ratio against an unspecified baseline).
//!
//! Weights are stored as PyTorch stores `nn.Linear` (`out x in`, row-major), so a network
//! exported from PyTorch maps onto [`Dense`] without reordering. Dropout is a training-time
//! operation only ([`crate::train`]); at inference it is the identity.

use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::linalg::{Trans, sgemm};
use crate::{ModelError, ShapeProblem};

/// The rectifier, `max(v, 0)`: a comparison and a select on wasm32, `f32::max` elsewhere.
///
/// Rust's `f32::max` returns the other operand when one is NaN, which WebAssembly's
/// `f32.max` does not, so on wasm32 `v.max(0.0)` costs a NaN test (or a call to `fmaxf`) per
/// value, and at opt-level 3 keeps the loop from being vectorised. Natively `max` is one `maxps` and LLVM's vectorisers handle
/// it at least as well as the select. The two agree on every value, NaN included (both give
/// `+0.0`), except that `max` may return `-0.0` for `-0.0` where the select gives `+0.0`: a
/// zero activation of either sign leaves every product and sum downstream bit for bit the
/// same, and the ReLU mask of backpropagation tests `> 0`.
#[inline(always)]
pub(crate) fn relu(v: f32) -> f32 {
    if cfg!(target_arch = "wasm32") {
        if v > 0.0 { v } else { 0.0 }
    } else {
        v.max(0.0)
    }
}

/// One fully connected layer, `y = W x + b`. Deserialising checks it as [`Dense::new`]
/// does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "DenseParts")]
pub struct Dense {
    n_in: usize,
    n_out: usize,
    /// `n_out x n_in`, row-major (PyTorch's layout).
    weight: Vec<f32>,
    /// `n_out`.
    bias: Vec<f32>,
}

/// The serialised form of a [`Dense`], before its checks.
#[derive(Deserialize)]
struct DenseParts {
    n_in: usize,
    n_out: usize,
    weight: Vec<f32>,
    bias: Vec<f32>,
}

impl TryFrom<DenseParts> for Dense {
    type Error = ModelError;

    fn try_from(p: DenseParts) -> Result<Self, ModelError> {
        Self::new(p.n_in, p.n_out, p.weight, p.bias)
    }
}

impl Dense {
    /// A layer from its weights (`n_out x n_in`, row-major) and biases (`n_out`).
    ///
    /// Fails when the lengths disagree with the shape or a parameter is not finite.
    pub fn new(
        n_in: usize,
        n_out: usize,
        weight: Vec<f32>,
        bias: Vec<f32>,
    ) -> Result<Self, ModelError> {
        if n_in == 0 || n_out == 0 {
            return Err(ModelError::shape(
                "dense layer",
                ShapeProblem::EmptyLayer {
                    inputs: n_in,
                    outputs: n_out,
                },
            ));
        }
        if weight.len() != n_in.saturating_mul(n_out) {
            return Err(ModelError::shape(
                "dense layer",
                ShapeProblem::Weights {
                    inputs: n_in,
                    outputs: n_out,
                    found: weight.len(),
                },
            ));
        }
        if bias.len() != n_out {
            return Err(ModelError::length("dense layer", "bias", n_out, bias.len()));
        }
        if let Some(i) = weight.iter().position(|w| !w.is_finite()) {
            return Err(ModelError::non_finite(
                "dense layer",
                "weight",
                Some(i),
                None,
                f64::from(weight[i]),
            ));
        }
        if let Some(i) = bias.iter().position(|b| !b.is_finite()) {
            return Err(ModelError::non_finite(
                "dense layer",
                "bias",
                Some(i),
                None,
                f64::from(bias[i]),
            ));
        }
        Ok(Self {
            n_in,
            n_out,
            weight,
            bias,
        })
    }

    /// Xavier-uniform weights with gain `gain` (`sqrt(2)` for ReLU), zero biases: the
    /// study's initialisation (PyTorch's `xavier_uniform_`, biases as `nn.init.zeros_`).
    pub fn xavier_uniform<R: Rng>(n_in: usize, n_out: usize, gain: f32, rng: &mut R) -> Self {
        let bound = gain * (6.0 / (n_in + n_out) as f32).sqrt();
        let weight = (0..n_in * n_out)
            .map(|_| rng.random_range(-bound..=bound))
            .collect();
        Self {
            n_in,
            n_out,
            weight,
            bias: vec![0.0; n_out],
        }
    }

    /// Number of inputs.
    pub fn n_in(&self) -> usize {
        self.n_in
    }

    /// Number of outputs.
    pub fn n_out(&self) -> usize {
        self.n_out
    }

    /// Weights, `n_out x n_in` row-major.
    pub fn weight(&self) -> &[f32] {
        &self.weight
    }

    /// Biases, `n_out`.
    pub fn bias(&self) -> &[f32] {
        &self.bias
    }

    /// Mutable weights and biases together (for optimisers), shapes unchanged.
    pub fn params_mut(&mut self) -> (&mut [f32], &mut [f32]) {
        (&mut self.weight, &mut self.bias)
    }

    /// `y = x W^T + b` for a batch.
    ///
    /// # Shapes
    /// `x`: `n x n_in`; `y`: `n x n_out` (overwritten).
    pub fn forward(&self, x: &[f32], n: usize, y: &mut [f32]) {
        for row in y.chunks_exact_mut(self.n_out) {
            row.copy_from_slice(&self.bias);
        }
        sgemm(
            n,
            self.n_in,
            self.n_out,
            1.0,
            x,
            Trans::No,
            &self.weight,
            Trans::Yes,
            1.0,
            y,
        );
    }
}

/// Shape of a deep Cox network and its dropout rates (the study: one hidden layer ten times
/// as wide as the input, dropout 0.5 on input and hidden units).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Architecture {
    /// Number of encoded inputs.
    pub n_inputs: usize,
    /// Width of each hidden layer, input side first.
    pub hidden: Vec<usize>,
    /// Dropout probability on the inputs during training.
    pub input_dropout: f32,
    /// Dropout probability after each hidden ReLU during training.
    pub hidden_dropout: f32,
}

impl Architecture {
    /// The study's network for `n_inputs` inputs: one hidden layer of width
    /// `10 * n_inputs`, dropout 0.5 on inputs and hidden units.
    pub fn study(n_inputs: usize) -> Self {
        Self {
            n_inputs,
            hidden: vec![10 * n_inputs],
            input_dropout: 0.5,
            hidden_dropout: 0.5,
        }
    }

    /// Checks the shape and the dropout rates.
    pub fn validate(&self) -> Result<(), ModelError> {
        if self.n_inputs == 0 {
            return Err(ModelError::shape("architecture", ShapeProblem::NoInputs));
        }
        if let Some(i) = self.hidden.iter().position(|&w| w == 0) {
            return Err(ModelError::shape(
                "architecture",
                ShapeProblem::ZeroWidth { layer: i },
            ));
        }
        for (name, p) in [
            ("input_dropout", self.input_dropout),
            ("hidden_dropout", self.hidden_dropout),
        ] {
            if !(0.0..1.0).contains(&p) {
                return Err(ModelError::setting(
                    "architecture",
                    name,
                    "in [0, 1)",
                    f64::from(p),
                ));
            }
        }
        Ok(())
    }
}

/// A trained (or freshly initialised) deep Cox network: dense layers with ReLU between
/// them and a single linear output, the log-risk.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "CoxNetParts")]
pub struct CoxNet {
    layers: Vec<Dense>,
}

/// The serialised form of a [`CoxNet`], before its checks.
#[derive(Deserialize)]
struct CoxNetParts {
    layers: Vec<Dense>,
}

impl TryFrom<CoxNetParts> for CoxNet {
    type Error = ModelError;

    fn try_from(p: CoxNetParts) -> Result<Self, ModelError> {
        Self::new(p.layers)
    }
}

impl CoxNet {
    /// A network from its layers, input side first. Fails unless the widths chain and the
    /// last layer has exactly one output.
    pub fn new(layers: Vec<Dense>) -> Result<Self, ModelError> {
        let Some(last) = layers.last() else {
            return Err(ModelError::shape("network", ShapeProblem::NoLayers));
        };
        if last.n_out != 1 {
            return Err(ModelError::shape(
                "network",
                ShapeProblem::Output {
                    outputs: last.n_out,
                },
            ));
        }
        for (i, pair) in layers.windows(2).enumerate() {
            if pair[0].n_out != pair[1].n_in {
                return Err(ModelError::shape(
                    "network",
                    ShapeProblem::Chain {
                        layer: i,
                        outputs: pair[0].n_out,
                        inputs: pair[1].n_in,
                    },
                ));
            }
        }
        Ok(Self { layers })
    }

    /// A freshly initialised network (Xavier-uniform with ReLU gain, zero biases).
    pub fn init<R: Rng>(arch: &Architecture, rng: &mut R) -> Result<Self, ModelError> {
        arch.validate()?;
        let gain = std::f32::consts::SQRT_2;
        let mut widths = vec![arch.n_inputs];
        widths.extend(&arch.hidden);
        widths.push(1);
        let layers = widths
            .windows(2)
            .map(|w| Dense::xavier_uniform(w[0], w[1], gain, rng))
            .collect();
        Self::new(layers)
    }

    /// Number of encoded inputs.
    pub fn n_inputs(&self) -> usize {
        self.layers[0].n_in
    }

    /// The layers, input side first.
    pub fn layers(&self) -> &[Dense] {
        &self.layers
    }

    /// Mutable layers (for optimisers); shapes cannot change through this.
    pub fn layers_mut(&mut self) -> &mut [Dense] {
        &mut self.layers
    }

    /// Overwrites this network's weights and biases with `other`'s without allocating
    /// (keeping a best-so-far copy during training).
    ///
    /// # Errors
    /// [`ModelError::Shape`] when the two networks differ in shape; nothing is copied then.
    pub fn copy_params_from(&mut self, other: &CoxNet) -> Result<(), ModelError> {
        let same_shape = self.layers.len() == other.layers.len()
            && self
                .layers
                .iter()
                .zip(&other.layers)
                .all(|(a, b)| a.n_in == b.n_in && a.n_out == b.n_out);
        if !same_shape {
            return Err(ModelError::shape(
                "copying parameters",
                ShapeProblem::Differ,
            ));
        }
        for (dst, src) in self.layers.iter_mut().zip(&other.layers) {
            dst.weight.copy_from_slice(&src.weight);
            dst.bias.copy_from_slice(&src.bias);
        }
        Ok(())
    }

    /// Adds `delta` to the output (the log-risk) of every patient, through the last layer's
    /// bias. A Cox model's log-risks are defined up to a shared constant; this fixes it.
    pub fn shift_output(&mut self, delta: f32) {
        if let Some(last) = self.layers.last_mut()
            && let Some(b) = last.bias.first_mut()
        {
            *b += delta;
        }
    }

    /// Total number of weights and biases.
    pub fn n_params(&self) -> usize {
        self.layers
            .iter()
            .map(|l| l.weight.len() + l.bias.len())
            .sum()
    }

    /// One network whose log-risk is the mean of the members' log-risks, exactly (up to
    /// `f32` rounding): the first layers' units side by side, deeper hidden layers as
    /// block-diagonal matrices (no unit sees another member's units), the output layer's
    /// weights divided by the number of members and its bias averaged. Members must share
    /// one architecture; a linear member (no hidden layer) averages its weights.
    ///
    /// # Errors
    /// [`ModelError::Shape`] for no member or members of different shapes.
    pub fn average(members: &[CoxNet]) -> Result<CoxNet, ModelError> {
        let Some(first) = members.first() else {
            return Err(ModelError::shape(
                "averaging networks",
                ShapeProblem::Missing,
            ));
        };
        let shape = |net: &CoxNet| -> Vec<(usize, usize)> {
            net.layers.iter().map(|l| (l.n_in, l.n_out)).collect()
        };
        let one_hidden = |net: &CoxNet| net.layers.len() == 2 && net.n_inputs() == first.n_inputs();
        if members.iter().all(one_hidden) {
            // One hidden layer: the members' units side by side, whatever their widths.
            return Self::concatenate(members);
        }
        if members.iter().any(|m| shape(m) != shape(first)) {
            return Err(ModelError::shape(
                "averaging networks",
                ShapeProblem::Differ,
            ));
        }
        let k = members.len();
        let inv = 1.0 / k as f32;
        let depth = first.layers.len();
        let mut layers = Vec::with_capacity(depth);
        for l in 0..depth {
            let parts: Vec<&Dense> = members.iter().map(|m| &m.layers[l]).collect();
            let (n_in, n_out) = (parts[0].n_in, parts[0].n_out);
            let last = l + 1 == depth;
            let layer = match (l == 0, last) {
                // A linear model: the mean of the weights and of the biases.
                (true, true) => Dense::new(
                    n_in,
                    1,
                    (0..n_in)
                        .map(|j| parts.iter().map(|d| d.weight[j]).sum::<f32>() * inv)
                        .collect(),
                    vec![parts.iter().map(|d| d.bias[0]).sum::<f32>() * inv],
                )?,
                // The first layer: every member's units, stacked.
                (true, false) => Dense::new(
                    n_in,
                    n_out * k,
                    parts
                        .iter()
                        .flat_map(|d| d.weight.iter().copied())
                        .collect(),
                    parts.iter().flat_map(|d| d.bias.iter().copied()).collect(),
                )?,
                // The output: each member's weights over its own units, scaled by 1 / k.
                (false, true) => Dense::new(
                    n_in * k,
                    1,
                    parts
                        .iter()
                        .flat_map(|d| d.weight.iter().map(|w| w * inv))
                        .collect(),
                    vec![parts.iter().map(|d| d.bias[0]).sum::<f32>() * inv],
                )?,
                // A deeper hidden layer: block diagonal.
                (false, false) => {
                    let (wide_in, wide_out) = (n_in * k, n_out * k);
                    let mut weight = vec![0.0f32; wide_in * wide_out];
                    for (m, d) in parts.iter().enumerate() {
                        for o in 0..n_out {
                            let row = (m * n_out + o) * wide_in + m * n_in;
                            weight[row..row + n_in]
                                .copy_from_slice(&d.weight[o * n_in..(o + 1) * n_in]);
                        }
                    }
                    Dense::new(
                        wide_in,
                        wide_out,
                        weight,
                        parts.iter().flat_map(|d| d.bias.iter().copied()).collect(),
                    )?
                }
            };
            layers.push(layer);
        }
        Self::new(layers)
    }

    /// Networks with one hidden layer, averaged by putting their hidden units side by side.
    fn concatenate(members: &[CoxNet]) -> Result<CoxNet, ModelError> {
        let inv = 1.0 / members.len() as f32;
        let n_in = members[0].n_inputs();
        let mut weight = Vec::new();
        let mut bias = Vec::new();
        let mut out = Vec::new();
        let mut out_bias = 0.0f32;
        for m in members {
            let (hidden, output) = (&m.layers[0], &m.layers[1]);
            weight.extend_from_slice(&hidden.weight);
            bias.extend_from_slice(&hidden.bias);
            out.extend(output.weight.iter().map(|w| w * inv));
            out_bias += output.bias[0] * inv;
        }
        let width = bias.len();
        Self::new(vec![
            Dense::new(n_in, width, weight, bias)?,
            Dense::new(width, 1, out, vec![out_bias])?,
        ])
    }

    /// A linear model (one layer) as a network with one hidden layer of two units,
    /// `relu(l)` and `relu(-l)`, whose difference is `l`; any other network as it is.
    fn with_hidden_layer(&self) -> Result<CoxNet, ModelError> {
        let [lin] = self.layers.as_slice() else {
            return Ok(self.clone());
        };
        let mut weight = lin.weight.clone();
        weight.extend(lin.weight.iter().map(|w| -w));
        Self::new(vec![
            Dense::new(lin.n_in, 2, weight, vec![lin.bias[0], -lin.bias[0]])?,
            Dense::new(2, 1, vec![1.0, -1.0], vec![0.0])?,
        ])
    }

    /// One network whose log-risk is `weight * additive(x) + (1 - weight) * other(x)`
    /// exactly (up to `f32` rounding), for `additive` a linear model (one layer) or a
    /// network with one hidden layer, and `other` any network with hidden layers. The
    /// additive part's hidden units (a linear model gets two, `relu(l)` and `relu(-l)`) sit
    /// beside `other`'s first hidden units and are passed on unchanged by deeper layers (a
    /// ReLU keeps a non-negative value) to the output.
    ///
    /// # Errors
    /// [`ModelError::Shape`] unless `additive` has at most one hidden layer, `other` has
    /// hidden layers, and both take the same inputs; [`ModelError::InvalidSetting`] for a
    /// weight outside `[0, 1]`.
    pub fn blend(additive: &CoxNet, other: &CoxNet, weight: f32) -> Result<CoxNet, ModelError> {
        if !(0.0..=1.0).contains(&weight) {
            return Err(ModelError::setting(
                "blend",
                "the weight",
                "in [0, 1]",
                f64::from(weight),
            ));
        }
        if additive.layers.len() > 2
            || other.layers.len() < 2
            || additive.n_inputs() != other.n_inputs()
        {
            return Err(ModelError::shape(
                "blend",
                ShapeProblem::Blend {
                    additive_inputs: additive.n_inputs(),
                    additive_layers: additive.layers.len(),
                    network_inputs: other.n_inputs(),
                    network_layers: other.layers.len(),
                },
            ));
        }
        let add = additive.with_hidden_layer()?;
        let (a0, a1) = (&add.layers[0], &add.layers[1]);
        let carried = a0.n_out;
        let depth = other.layers.len();
        let mut layers = Vec::with_capacity(depth);
        for (l, d) in other.layers.iter().enumerate() {
            let (n_in, n_out) = (d.n_in, d.n_out);
            let layer = if l == 0 {
                let mut w = d.weight.clone();
                w.extend_from_slice(&a0.weight);
                let mut bias = d.bias.clone();
                bias.extend_from_slice(&a0.bias);
                Dense::new(n_in, n_out + carried, w, bias)?
            } else if l + 1 < depth {
                // Block diagonal: the network's units, then the carried ones unchanged.
                let (wide_in, wide_out) = (n_in + carried, n_out + carried);
                let mut w = vec![0.0f32; wide_in * wide_out];
                for o in 0..n_out {
                    w[o * wide_in..o * wide_in + n_in]
                        .copy_from_slice(&d.weight[o * n_in..(o + 1) * n_in]);
                }
                for c in 0..carried {
                    w[(n_out + c) * wide_in + n_in + c] = 1.0;
                }
                let mut bias = d.bias.clone();
                bias.extend(std::iter::repeat_n(0.0, carried));
                Dense::new(wide_in, wide_out, w, bias)?
            } else {
                let mut w: Vec<f32> = d.weight.iter().map(|v| v * (1.0 - weight)).collect();
                w.extend(a1.weight.iter().map(|v| v * weight));
                Dense::new(
                    n_in + carried,
                    1,
                    w,
                    vec![d.bias[0] * (1.0 - weight) + a1.bias[0] * weight],
                )?
            };
            layers.push(layer);
        }
        Self::new(layers)
    }

    /// Log-risk of every row of `x`.
    ///
    /// # Shapes
    /// `x`: `n x n_inputs` row-major; returns `n` values.
    pub fn predict(&self, x: &[f32], n: usize) -> Vec<f32> {
        let trace = self.forward_trace(x, n);
        trace.into_iter().last().unwrap_or_default()
    }

    /// Every layer's input and the final output, for backpropagation and explanation:
    /// element 0 is `x` itself, element `l` (`1 <= l < layers`) the ReLU output of layer
    /// `l - 1`, and the last element the network's output (the log-risk, not rectified).
    ///
    /// # Shapes
    /// `x`: `n x n_inputs`; element `l` is `n x width_l`.
    pub fn forward_trace(&self, x: &[f32], n: usize) -> Vec<Vec<f32>> {
        let mut trace = Vec::with_capacity(self.layers.len() + 1);
        trace.push(x.to_vec());
        let last = self.layers.len() - 1;
        for (l, layer) in self.layers.iter().enumerate() {
            let mut y = vec![0.0; n * layer.n_out];
            layer.forward(&trace[l], n, &mut y);
            if l < last {
                y.iter_mut().for_each(|v| *v = relu(*v));
            }
            trace.push(y);
        }
        trace
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn deserialising_checks_what_the_constructors_check() {
        let layer = r#"{"n_in":2,"n_out":1,"weight":[0.5,-0.5],"bias":[0.1]}"#;
        let dense: Dense = serde_json::from_str(layer).unwrap();
        assert_eq!(dense.n_in(), 2);
        let short = r#"{"n_in":2,"n_out":1,"weight":[0.5],"bias":[0.1]}"#;
        let err = serde_json::from_str::<Dense>(short).unwrap_err();
        assert!(
            err.to_string()
                .contains("a 2 -> 1 layer needs 2 weights, has 1"),
            "{err}"
        );
        let unchained =
            format!(r#"{{"layers":[{layer},{{"n_in":3,"n_out":1,"weight":[1,1,1],"bias":[0]}}]}}"#);
        let err = serde_json::from_str::<CoxNet>(&unchained).unwrap_err();
        assert!(
            err.to_string()
                .contains("layer 0 has 1 outputs but layer 1 has 3 inputs"),
            "{err}"
        );
        let net: CoxNet = serde_json::from_str(&format!(r#"{{"layers":[{layer}]}}"#)).unwrap();
        assert_eq!(net.n_inputs(), 2);
        let groups = r#"{"cut_offs":[0.5,0.1]}"#;
        let err = serde_json::from_str::<crate::RiskGroups>(groups).unwrap_err();
        assert!(err.to_string().contains("cut-off"), "{err}");
        let groups: crate::RiskGroups = serde_json::from_str(r#"{"cut_offs":[0.1,0.5]}"#).unwrap();
        assert_eq!(groups.n_groups(), 3);
    }

    #[test]
    fn study_network_has_the_published_shape() {
        let arch = Architecture::study(35);
        let net = CoxNet::init(&arch, &mut ChaCha8Rng::seed_from_u64(1)).unwrap();
        let widths: Vec<_> = net.layers().iter().map(|l| (l.n_in(), l.n_out())).collect();
        assert_eq!(widths, vec![(35, 350), (350, 1)]);
        assert_eq!(net.n_params(), 35 * 350 + 350 + 350 + 1);
    }

    #[test]
    fn xavier_bound_matches_pytorch() {
        // torch.nn.init.xavier_uniform_(w, gain=sqrt(2)): bound = gain * sqrt(6 / (fan_in + fan_out)).
        let layer = Dense::xavier_uniform(
            20,
            10,
            std::f32::consts::SQRT_2,
            &mut ChaCha8Rng::seed_from_u64(3),
        );
        let bound = std::f32::consts::SQRT_2 * (6.0f32 / 30.0).sqrt();
        assert!(layer.weight().iter().all(|w| w.abs() <= bound));
        let max = layer.weight().iter().fold(0.0f32, |m, w| m.max(w.abs()));
        assert!(
            max > 0.8 * bound,
            "200 uniform draws should come near the bound"
        );
    }

    #[test]
    fn predict_matches_a_hand_computation() {
        let l1 = Dense::new(2, 2, vec![1.0, -1.0, 0.5, 2.0], vec![0.0, -1.0]).unwrap();
        let l2 = Dense::new(2, 1, vec![2.0, -3.0], vec![0.25]).unwrap();
        let net = CoxNet::new(vec![l1, l2]).unwrap();
        // x = (1, 3): h = relu(1 - 3, 0.5 + 6 - 1) = (0, 5.5); out = 0 - 16.5 + 0.25.
        let out = net.predict(&[1.0, 3.0, 2.0, 1.0], 2);
        // x = (2, 1): h = relu(1, 1 + 2 - 1) = (1, 2); out = 2 - 6 + 0.25.
        assert_eq!(out, vec![-16.25, -3.75]);
    }

    #[test]
    fn the_average_network_predicts_the_mean_of_its_members() {
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        let x: Vec<f32> = (0..5 * 4)
            .map(|i| ((i * 7) % 11) as f32 / 5.0 - 1.0)
            .collect();
        for hidden in [vec![], vec![6], vec![6, 3]] {
            let arch = Architecture {
                n_inputs: 4,
                hidden: hidden.clone(),
                input_dropout: 0.0,
                hidden_dropout: 0.0,
            };
            let mut members: Vec<CoxNet> = (0..3)
                .map(|_| CoxNet::init(&arch, &mut rng).unwrap())
                .collect();
            // Non-zero biases, so that averaging them is exercised too.
            for (m, net) in members.iter_mut().enumerate() {
                for layer in net.layers_mut() {
                    layer
                        .params_mut()
                        .1
                        .iter_mut()
                        .for_each(|b| *b = 0.1 * (m as f32 + 1.0));
                }
            }
            let average = CoxNet::average(&members).unwrap();
            let want: Vec<f32> = (0..5)
                .map(|i| {
                    members
                        .iter()
                        .map(|m| m.predict(&x[i * 4..(i + 1) * 4], 1)[0])
                        .sum::<f32>()
                        / 3.0
                })
                .collect();
            let got = average.predict(&x, 5);
            for (g, w) in got.iter().zip(&want) {
                assert!((g - w).abs() < 1e-5, "hidden {hidden:?}: {g} vs {w}");
            }
            let width: usize = hidden.first().copied().unwrap_or(0) * 3;
            if width > 0 {
                assert_eq!(average.layers()[0].n_out(), width);
            }
        }
        let other = CoxNet::init(&Architecture::study(3), &mut rng).unwrap();
        let one = CoxNet::init(&Architecture::study(4), &mut rng).unwrap();
        assert!(CoxNet::average(&[one, other]).is_err());
        assert!(CoxNet::average(&[]).is_err());
    }

    #[test]
    fn a_blend_predicts_the_weighted_sum_of_its_parts() {
        let mut rng = ChaCha8Rng::seed_from_u64(4);
        let x: Vec<f32> = (0..6 * 3)
            .map(|i| ((i * 5) % 7) as f32 / 3.0 - 1.0)
            .collect();
        let linear = CoxNet::new(vec![
            Dense::new(3, 1, vec![0.7, -1.2, 0.4], vec![0.3]).unwrap(),
        ])
        .unwrap();
        for hidden in [vec![5], vec![5, 4]] {
            let arch = Architecture {
                n_inputs: 3,
                hidden: hidden.clone(),
                input_dropout: 0.0,
                hidden_dropout: 0.0,
            };
            let other = CoxNet::init(&arch, &mut rng).unwrap();
            for weight in [0.0f32, 0.25, 1.0] {
                let blend = CoxNet::blend(&linear, &other, weight).unwrap();
                let (a, b) = (linear.predict(&x, 6), other.predict(&x, 6));
                for (i, got) in blend.predict(&x, 6).iter().enumerate() {
                    let want = weight * a[i] + (1.0 - weight) * b[i];
                    assert!(
                        (got - want).abs() < 1e-5,
                        "{hidden:?} {weight}: {got} vs {want}"
                    );
                }
            }
        }
        assert!(CoxNet::blend(&linear, &linear, 0.5).is_err());
        // An additive part with a hidden layer of its own blends the same way.
        let additive = CoxNet::init(
            &Architecture {
                n_inputs: 3,
                hidden: vec![2],
                input_dropout: 0.0,
                hidden_dropout: 0.0,
            },
            &mut rng,
        )
        .unwrap();
        let other = CoxNet::init(
            &Architecture {
                n_inputs: 3,
                hidden: vec![4, 3],
                input_dropout: 0.0,
                hidden_dropout: 0.0,
            },
            &mut rng,
        )
        .unwrap();
        let blend = CoxNet::blend(&additive, &other, 0.4).unwrap();
        let (a, b) = (additive.predict(&x, 6), other.predict(&x, 6));
        for (i, got) in blend.predict(&x, 6).iter().enumerate() {
            let want = 0.4 * a[i] + 0.6 * b[i];
            assert!((got - want).abs() < 1e-5, "{got} vs {want}");
        }
    }

    #[test]
    fn shapes_are_checked() {
        assert!(Dense::new(2, 2, vec![0.0; 3], vec![0.0; 2]).is_err());
        assert!(Dense::new(2, 1, vec![f32::NAN, 0.0], vec![0.0]).is_err());
        let a = Dense::new(2, 3, vec![0.0; 6], vec![0.0; 3]).unwrap();
        let b = Dense::new(2, 1, vec![0.0; 2], vec![0.0]).unwrap();
        assert!(CoxNet::new(vec![a, b]).is_err());
        assert!(CoxNet::new(vec![]).is_err());
    }
}
