//! ONNX import: a Cox network exported by `torch.onnx.export` from a PyTorch
//! `nn.Sequential` of Linear / ReLU / Dropout / BatchNorm1d becomes a
//! [`CoxNet`], so that a model trained in PyTorch, as the study's
//! was, can be explained here.
//!
//! The file is decoded with the `prost` protobuf runtime into message types that mirror the
//! needed subset of `onnx.proto` (onnx 1.23, `onnx/onnx.proto`), with the official field
//! numbers; fields survlens does not read are skipped by the decoder. The graph must be a
//! chain from the one graph input to the one graph output through these operators (default
//! domain):
//!
//! | op | read as |
//! |---|---|
//! | `Gemm` | `Y = alpha A op(B) + beta C` with `transA = 0`: a dense layer, `W = alpha B` (`transB = 1`, PyTorch's `Linear`) or `alpha B^T`, bias `beta C` |
//! | `MatMul` | `Y = A B`: a dense layer `W = B^T` without bias |
//! | `Add` | a constant added to a dense layer's output: its bias |
//! | `Relu` | the ReLU between two dense layers |
//! | `BatchNormalization` | merged into the dense layer before it (below) |
//! | `Dropout`, `Identity` | the identity (inference) |
//! | `Flatten` | the identity for `axis = 1` on `patients x inputs` |
//! | `Constant` | a weight given by a node instead of an initializer (`value`, `value_float`, `value_floats`) |
//!
//! **BatchNorm merge.** In inference `BN(y)_j = gamma_j (y_j - mean_j) / sqrt(var_j + eps) +
//! beta_j` is affine, so with `s_j = gamma_j / sqrt(var_j + eps)` the layer `y = W a + b`
//! followed by it is the layer `W'_ji = s_j W_ji`, `b'_j = s_j (b_j - mean_j) + beta_j`
//! (computed in `f64`, stored in `f32`). LRP then treats the pair as one layer, as zennit's
//! `SequentialMergeBatchNorm` canonizer does.
//!
//! The model's `metadata_props` are passed on as they are ([`OnnxModel::metadata`]): a
//! trainer records there how it trained the network (`tools/ddp/train_ddp.py` writes
//! `survlens.training`, which `survlens import-onnx` reads).
//!
//! Weights are float32 tensors in `raw_data` (little-endian) or `float_data`. Anything else
//! is refused with an [`OnnxError`] naming the node or tensor: another operator, a branch,
//! an unknown initializer, a shape that does not chain, a tensor above
//! [`MAX_TENSOR_VALUES`] values, a truncated file. User bytes never reach a panic.

use std::collections::HashMap;

use survlens_data::{Describe, Message, MessageArg};
use survlens_model::{CoxNet, Dense};

use crate::error::{number_arg, rounded, rounded_arg};

/// Largest number of values of one weight tensor (2^27, 512 MiB of `f32`): far above the
/// study's 350 x 3,500 layer, far below what would exhaust a browser tab.
pub const MAX_TENSOR_VALUES: usize = 1 << 27;

/// The ONNX operators this importer reads (default domain).
pub const SUPPORTED_OPS: [&str; 9] = [
    "Gemm",
    "MatMul",
    "Add",
    "Relu",
    "BatchNormalization",
    "Dropout",
    "Identity",
    "Flatten",
    "Constant",
];

/// Oldest opset of the default domain read: from opset 7 on, `Gemm`, `Add` and
/// `BatchNormalization` have the broadcasting and inference semantics assumed here.
pub const MIN_OPSET: i64 = 7;

/// `TensorProto.DataType.FLOAT`.
const FLOAT: i32 = 1;
/// `TensorProto.DataType.BOOL`.
const BOOL: i32 = 9;
/// `TensorProto.DataLocation.EXTERNAL`.
const EXTERNAL: i32 = 1;

/// Why an ONNX file could not be read as a Cox network.
///
/// Every variant names the node, tensor or graph input at fault and holds the numbers that
/// make it wrong; the `Display` text is plain English meant to be shown to the user as is.
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
#[non_exhaustive]
pub enum OnnxError {
    /// The bytes are not a protobuf ONNX model (e.g. a truncated or corrupted file): the
    /// protobuf decoder's own error.
    #[error("not a readable ONNX model: {0}")]
    Decode(prost::DecodeError),
    /// The model holds no graph.
    #[error("the ONNX model has no graph")]
    NoGraph,
    /// The model declares no opset for the default ONNX domain (also what a file cut just
    /// before its last field looks like).
    #[error("ONNX graph: the model declares no opset for the default ONNX domain")]
    NoOpset,
    /// The default domain's opset is older than [`MIN_OPSET`].
    #[error("ONNX graph: opset {version} is older than {min}, the oldest survlens reads")]
    OldOpset {
        /// The opset the model declares.
        version: i64,
        /// The oldest opset read ([`MIN_OPSET`]).
        min: i64,
    },
    /// A graph without exactly one input besides its initializers.
    #[error("ONNX graph: a Cox network has one input (patients x inputs), this graph has {found}")]
    InputCount {
        /// Number of graph inputs that are not initializers.
        found: usize,
    },
    /// A graph without exactly one output.
    #[error("ONNX graph: a Cox network has one output (the log-risk), this graph has {found}")]
    OutputCount {
        /// Number of graph outputs.
        found: usize,
    },
    /// A graph input whose elements are not float32.
    #[error("ONNX graph: input {input:?} has element type {elem_type}, survlens reads float32 (1)")]
    InputType {
        /// The input's name.
        input: String,
        /// Its `TensorProto.DataType`.
        elem_type: i32,
    },
    /// A graph input that is not a matrix.
    #[error("ONNX graph: input {input:?} has {rank} dimensions, expected 2 (patients x inputs)")]
    InputRank {
        /// The input's name.
        input: String,
        /// Its number of dimensions.
        rank: usize,
    },
    /// A graph input whose declared width is negative.
    #[error("ONNX graph: input {input:?} has the negative width {width}")]
    InputWidth {
        /// The input's name.
        input: String,
        /// The width declared.
        width: i64,
    },
    /// An operator outside [`SUPPORTED_OPS`].
    #[error(
        "ONNX node {node:?}: operator {op} is not supported (survlens reads Gemm, MatMul, Add, \
         Relu, BatchNormalization, Dropout, Identity, Flatten and Constant)"
    )]
    UnsupportedOp {
        /// The operator, with its domain when not the default one.
        op: String,
        /// The node's name (its first output when unnamed).
        node: String,
    },
    /// A supported operator used in a way survlens cannot represent.
    #[error("ONNX node {node:?} ({op}): {reason}")]
    Unsupported {
        /// The node's name.
        node: String,
        /// Its operator.
        op: String,
        /// What is not supported (a fixed phrase per case).
        reason: &'static str,
    },
    /// A `Flatten` on another axis than the inputs'.
    #[error(
        "ONNX node {node:?} (Flatten): axis = {axis} is not supported (only axis 1 on \
         patients x inputs)"
    )]
    FlattenAxis {
        /// The node's name.
        node: String,
        /// Its `axis` attribute.
        axis: i64,
    },
    /// A `Constant` given by another attribute than `value`, `value_float` or `value_floats`.
    #[error(
        "ONNX node {node:?} (Constant): a Constant given as {attribute:?} is not supported \
         (survlens reads value, value_float and value_floats)"
    )]
    ConstantAttribute {
        /// The node's name.
        node: String,
        /// The attribute's name.
        attribute: String,
    },
    /// A node input that should be a constant but names no initializer or Constant output.
    #[error("ONNX node {node:?} ({op}): input {name:?} is neither an initializer nor a Constant")]
    MissingInitializer {
        /// The node's name.
        node: String,
        /// Its operator.
        op: String,
        /// The name it refers to.
        name: String,
    },
    /// A tensor whose data is kept in a separate file.
    #[error(
        "ONNX tensor {name:?}: data in an external file; save the model with its weights inside"
    )]
    ExternalData {
        /// The tensor's name.
        name: String,
    },
    /// A tensor of another element type than the one its use needs.
    #[error(
        "ONNX tensor {name:?}: data type {data_type}, where {} ({expected}) is needed",
        data_type_name(*expected)
    )]
    TensorType {
        /// The tensor's name.
        name: String,
        /// Its `TensorProto.DataType`.
        data_type: i32,
        /// The `TensorProto.DataType` needed (1, float32, for weights; 9, boolean, for a
        /// mode flag).
        expected: i32,
    },
    /// A tensor with a negative dimension.
    #[error("ONNX tensor {name:?}: negative dimension in {}", list(dims))]
    NegativeDimension {
        /// The tensor's name.
        name: String,
        /// Its dimensions as stored.
        dims: Vec<i64>,
    },
    /// A tensor whose `raw_data` does not hold four bytes per value of its dimensions.
    #[error("ONNX tensor {name:?}: {bytes} bytes of raw data for {values} float32 values")]
    RawDataLength {
        /// The tensor's name.
        name: String,
        /// Bytes of raw data.
        bytes: usize,
        /// Values its dimensions call for.
        values: usize,
    },
    /// A tensor whose `float_data` does not hold one value per element of its dimensions.
    #[error(
        "ONNX tensor {name:?}: {found} float values for dimensions {}",
        list(dims)
    )]
    FloatDataLength {
        /// The tensor's name.
        name: String,
        /// Values stored.
        found: usize,
        /// Its dimensions as stored.
        dims: Vec<i64>,
    },
    /// A weight that is NaN or infinite.
    #[error("ONNX tensor {name:?}: value {index} is {value}")]
    NonFiniteWeight {
        /// The tensor's name.
        name: String,
        /// 0-based position of the value in the tensor.
        index: usize,
        /// The value.
        value: f32,
    },
    /// A BatchNormalization whose variance plus epsilon is not positive.
    #[error(
        "ONNX tensor {name:?}: variance {index} is {}, which plus epsilon {} is not positive",
        rounded(f64::from(*variance)),
        rounded(f64::from(*epsilon))
    )]
    NonPositiveVariance {
        /// The variance tensor's name.
        name: String,
        /// 0-based channel.
        index: usize,
        /// Its variance.
        variance: f32,
        /// The node's `epsilon`.
        epsilon: f32,
    },
    /// A tensor with more values than [`MAX_TENSOR_VALUES`], or dimensions whose product
    /// overflows.
    #[error(
        "ONNX tensor {name:?} has dimensions {}: more than {limit} values",
        list(dims)
    )]
    TensorTooLarge {
        /// The tensor's name.
        name: String,
        /// Its dimensions as stored.
        dims: Vec<i64>,
        /// The limit.
        limit: usize,
    },
    /// A weight whose shape does not fit the layer it belongs to.
    #[error(
        "ONNX node {node:?} ({op}): {what} has shape {}, expected {expected}",
        list(found)
    )]
    ShapeMismatch {
        /// The node's name.
        node: String,
        /// Its operator.
        op: String,
        /// Which tensor of the node (`weight`, `bias`, or a BatchNormalization's `scale`,
        /// `mean`, `var`).
        what: &'static str,
        /// The shape expected.
        expected: ExpectedShape,
        /// The shape found.
        found: Vec<usize>,
    },
    /// A node that does not read the output of the node before it: a branch.
    #[error(
        "ONNX graph: node {node:?} ({op}) does not take {previous:?}, the output of the node \
         before it: survlens reads chains (nn.Sequential), not branching graphs"
    )]
    NotAChain {
        /// The node's name.
        node: String,
        /// Its operator.
        op: String,
        /// The output of the chain so far.
        previous: String,
    },
    /// The chain from the graph input ends elsewhere than at the graph output.
    #[error(
        "ONNX graph: the chain from the input ends at {end:?}, but the graph output is \
         {output:?}"
    )]
    ChainEnd {
        /// The last output of the chain.
        end: String,
        /// The graph output.
        output: String,
    },
    /// A ReLU on the inputs, before the first dense layer.
    #[error(
        "the ONNX graph is not a Cox network: a ReLU on the inputs, before the first dense layer"
    )]
    ReluOnInputs,
    /// A ReLU after the last dense layer: the log-risk must be linear.
    #[error(
        "the ONNX graph is not a Cox network: a ReLU after the last dense layer, where the \
         log-risk must be linear"
    )]
    ReluOnOutput,
    /// Two dense layers without a ReLU between them.
    #[error(
        "the ONNX graph is not a Cox network: node {node:?} follows another dense layer \
         without a ReLU between them"
    )]
    MissingRelu {
        /// The second layer's node.
        node: String,
    },
    /// A chain without any dense layer.
    #[error("the ONNX graph is not a Cox network: it has no dense layer")]
    NoDenseLayer,
    /// A last dense layer with more than one output.
    #[error(
        "the ONNX graph is not a Cox network: the last dense layer, node {node:?}, has {width} \
         outputs, where the log-risk is one"
    )]
    OutputWidth {
        /// The last layer's node.
        node: String,
        /// Its number of outputs.
        width: usize,
    },
    /// A dense layer without inputs or without outputs.
    #[error(
        "the ONNX graph is not a Cox network: node {node:?} is a dense layer with {n_in} \
         inputs and {n_out} outputs, where at least one of each is needed"
    )]
    EmptyLayer {
        /// The layer's node.
        node: String,
        /// Its inputs.
        n_in: usize,
        /// Its outputs.
        n_out: usize,
    },
    /// A dense layer whose weight or bias, once scaled by `alpha` or `beta` and merged with
    /// a BatchNormalization, is too large for float32.
    #[error(
        "the ONNX graph is not a Cox network: {parameter} {index} of node {node:?} is too \
         large for float32 once scaled by alpha or beta or merged with a BatchNormalization"
    )]
    LayerOverflow {
        /// The layer's node.
        node: String,
        /// `weight` or `bias`.
        parameter: &'static str,
        /// 0-based position (row-major `outputs x inputs` for a weight).
        index: usize,
    },
    /// A dense layer the network refuses for another reason (its own message is part of
    /// this one, so it is not also given as the error's source).
    #[error("the ONNX graph is not a Cox network: node {node:?}: {refusal}")]
    Layer {
        /// The layer's node.
        node: String,
        /// The network's own error.
        refusal: survlens_model::ModelError,
    },
}

impl OnnxError {
    /// A stable machine-readable name of the problem kind (the variant in snake case,
    /// `"decode"`, `"unsupported_op"`, ...), for the command line's output and for tests; it
    /// never changes with the wording.
    pub fn code(&self) -> &'static str {
        match self {
            OnnxError::Decode(_) => "decode",
            OnnxError::NoGraph => "no_graph",
            OnnxError::NoOpset => "no_opset",
            OnnxError::OldOpset { .. } => "old_opset",
            OnnxError::InputCount { .. } => "input_count",
            OnnxError::OutputCount { .. } => "output_count",
            OnnxError::InputType { .. } => "input_type",
            OnnxError::InputRank { .. } => "input_rank",
            OnnxError::InputWidth { .. } => "input_width",
            OnnxError::UnsupportedOp { .. } => "unsupported_op",
            OnnxError::Unsupported { .. } => "unsupported",
            OnnxError::FlattenAxis { .. } => "flatten_axis",
            OnnxError::ConstantAttribute { .. } => "constant_attribute",
            OnnxError::MissingInitializer { .. } => "missing_initializer",
            OnnxError::ExternalData { .. } => "external_data",
            OnnxError::TensorType { .. } => "tensor_type",
            OnnxError::NegativeDimension { .. } => "negative_dimension",
            OnnxError::RawDataLength { .. } => "raw_data_length",
            OnnxError::FloatDataLength { .. } => "float_data_length",
            OnnxError::NonFiniteWeight { .. } => "non_finite_weight",
            OnnxError::NonPositiveVariance { .. } => "non_positive_variance",
            OnnxError::TensorTooLarge { .. } => "tensor_too_large",
            OnnxError::ShapeMismatch { .. } => "shape_mismatch",
            OnnxError::NotAChain { .. } => "not_a_chain",
            OnnxError::ChainEnd { .. } => "chain_end",
            OnnxError::ReluOnInputs => "relu_on_inputs",
            OnnxError::ReluOnOutput => "relu_on_output",
            OnnxError::MissingRelu { .. } => "missing_relu",
            OnnxError::NoDenseLayer => "no_dense_layer",
            OnnxError::OutputWidth { .. } => "output_width",
            OnnxError::EmptyLayer { .. } => "empty_layer",
            OnnxError::LayerOverflow { .. } => "layer_overflow",
            OnnxError::Layer { .. } => "layer",
        }
    }

    /// The node the problem is about, when it is about one node (its name, or its first
    /// output when unnamed).
    pub fn node(&self) -> Option<&str> {
        match self {
            OnnxError::UnsupportedOp { node, .. }
            | OnnxError::Unsupported { node, .. }
            | OnnxError::FlattenAxis { node, .. }
            | OnnxError::ConstantAttribute { node, .. }
            | OnnxError::MissingInitializer { node, .. }
            | OnnxError::ShapeMismatch { node, .. }
            | OnnxError::NotAChain { node, .. }
            | OnnxError::MissingRelu { node }
            | OnnxError::OutputWidth { node, .. }
            | OnnxError::EmptyLayer { node, .. }
            | OnnxError::LayerOverflow { node, .. }
            | OnnxError::Layer { node, .. } => Some(node),
            _ => None,
        }
    }

    /// The tensor the problem is about, when it is about one tensor.
    pub fn tensor(&self) -> Option<&str> {
        match self {
            OnnxError::ExternalData { name }
            | OnnxError::TensorType { name, .. }
            | OnnxError::NegativeDimension { name, .. }
            | OnnxError::RawDataLength { name, .. }
            | OnnxError::FloatDataLength { name, .. }
            | OnnxError::NonFiniteWeight { name, .. }
            | OnnxError::NonPositiveVariance { name, .. }
            | OnnxError::TensorTooLarge { name, .. } => Some(name),
            _ => None,
        }
    }
}

/// The shape a node's tensor should have ([`OnnxError::ShapeMismatch`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExpectedShape {
    /// Any matrix (2 dimensions).
    Matrix,
    /// `[outputs, inputs]` (PyTorch's layout, `transB = 1`) for a layer with `inputs` inputs.
    OutputsByInputs {
        /// The layer's inputs.
        inputs: usize,
    },
    /// `[inputs, outputs]` (`Y = A B`) for a layer with `inputs` inputs.
    InputsByOutputs {
        /// The layer's inputs.
        inputs: usize,
    },
    /// A bias of `len` values: `[len]`, `[1, len]`, or one value for all.
    Bias {
        /// The layer's outputs.
        len: usize,
    },
    /// `len` values, one per output of the layer before.
    Vector {
        /// The layer's outputs.
        len: usize,
    },
}

impl std::fmt::Display for ExpectedShape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExpectedShape::Matrix => f.write_str("2 dimensions"),
            ExpectedShape::OutputsByInputs { inputs } => write!(f, "[outputs, {inputs}]"),
            ExpectedShape::InputsByOutputs { inputs } => write!(f, "[{inputs}, outputs]"),
            ExpectedShape::Bias { len } => write!(f, "[{len}], [1, {len}] or one value"),
            ExpectedShape::Vector { len } => write!(f, "[{len}]"),
        }
    }
}

/// Dimensions as a message shows them: `[2, 3]`.
fn list<T: std::fmt::Display>(items: &[T]) -> String {
    let items: Vec<String> = items.iter().map(ToString::to_string).collect();
    format!("[{}]", items.join(", "))
}

/// The name of a `TensorProto.DataType` needed here.
fn data_type_name(data_type: i32) -> &'static str {
    match data_type {
        FLOAT => "float32",
        BOOL => "boolean",
        _ => "another type",
    }
}

impl Describe for OnnxError {
    fn message(&self) -> Message {
        match self {
            OnnxError::Decode(e) => Message::new(
                "xai-onnx-decode",
                vec![("description", MessageArg::text(e))],
            ),
            OnnxError::NoGraph => Message::plain("xai-onnx-no-graph"),
            OnnxError::NoOpset => Message::plain("xai-onnx-no-opset"),
            OnnxError::OldOpset { version, min } => Message::new(
                "xai-onnx-old-opset",
                vec![
                    ("version", MessageArg::text(version)),
                    ("min", MessageArg::text(min)),
                ],
            ),
            OnnxError::InputCount { found } => Message::new(
                "xai-onnx-input-count",
                vec![("found", MessageArg::text(found))],
            ),
            OnnxError::OutputCount { found } => Message::new(
                "xai-onnx-output-count",
                vec![("found", MessageArg::text(found))],
            ),
            OnnxError::InputType { input, elem_type } => Message::new(
                "xai-onnx-input-type",
                vec![
                    ("input", quoted(input)),
                    ("elem_type", MessageArg::text(elem_type)),
                ],
            ),
            OnnxError::InputRank { input, rank } => Message::new(
                "xai-onnx-input-rank",
                vec![("input", quoted(input)), ("rank", MessageArg::text(rank))],
            ),
            OnnxError::InputWidth { input, width } => Message::new(
                "xai-onnx-input-width",
                vec![("input", quoted(input)), ("width", MessageArg::text(width))],
            ),
            OnnxError::UnsupportedOp { op, node } => Message::new(
                "xai-onnx-unsupported-op",
                vec![("node", quoted(node)), ("op", MessageArg::text(op))],
            ),
            OnnxError::Unsupported { node, op, reason } => Message::new(
                "xai-onnx-unsupported",
                vec![
                    ("node", quoted(node)),
                    ("op", MessageArg::text(op)),
                    ("reason", unsupported_reason(reason)),
                ],
            ),
            OnnxError::FlattenAxis { node, axis } => Message::new(
                "xai-onnx-flatten-axis",
                vec![("node", quoted(node)), ("axis", MessageArg::text(axis))],
            ),
            OnnxError::ConstantAttribute { node, attribute } => Message::new(
                "xai-onnx-constant-attribute",
                vec![("node", quoted(node)), ("attribute", quoted(attribute))],
            ),
            OnnxError::MissingInitializer { node, op, name } => Message::new(
                "xai-onnx-missing-initializer",
                vec![
                    ("node", quoted(node)),
                    ("op", MessageArg::text(op)),
                    ("name", quoted(name)),
                ],
            ),
            OnnxError::ExternalData { name } => {
                Message::new("xai-onnx-external-data", vec![("name", quoted(name))])
            }
            OnnxError::TensorType {
                name,
                data_type,
                expected,
            } => {
                let expected_name = match *expected {
                    FLOAT | BOOL => MessageArg::text(data_type_name(*expected)),
                    _ => MessageArg::Nested(Box::new(Message::plain("xai-onnx-another-type"))),
                };
                Message::new(
                    "xai-onnx-tensor-type",
                    vec![
                        ("name", quoted(name)),
                        ("data_type", MessageArg::text(data_type)),
                        ("expected_name", expected_name),
                        ("expected", MessageArg::text(expected)),
                    ],
                )
            }
            OnnxError::NegativeDimension { name, dims } => Message::new(
                "xai-onnx-negative-dimension",
                vec![
                    ("name", quoted(name)),
                    ("dims", MessageArg::text(list(dims))),
                ],
            ),
            OnnxError::RawDataLength {
                name,
                bytes,
                values,
            } => Message::new(
                "xai-onnx-raw-data-length",
                vec![
                    ("name", quoted(name)),
                    ("bytes", MessageArg::text(bytes)),
                    ("values", MessageArg::text(values)),
                ],
            ),
            OnnxError::FloatDataLength { name, found, dims } => Message::new(
                "xai-onnx-float-data-length",
                vec![
                    ("name", quoted(name)),
                    ("found", MessageArg::text(found)),
                    ("dims", MessageArg::text(list(dims))),
                ],
            ),
            OnnxError::NonFiniteWeight { name, index, value } => Message::new(
                "xai-onnx-non-finite-weight",
                vec![
                    ("name", quoted(name)),
                    ("index", MessageArg::text(index)),
                    ("value", number_arg(value.to_string())),
                ],
            ),
            OnnxError::NonPositiveVariance {
                name,
                index,
                variance,
                epsilon,
            } => Message::new(
                "xai-onnx-non-positive-variance",
                vec![
                    ("name", quoted(name)),
                    ("index", MessageArg::text(index)),
                    ("variance", rounded_arg(f64::from(*variance))),
                    ("epsilon", rounded_arg(f64::from(*epsilon))),
                ],
            ),
            OnnxError::TensorTooLarge { name, dims, limit } => Message::new(
                "xai-onnx-tensor-too-large",
                vec![
                    ("name", quoted(name)),
                    ("dims", MessageArg::text(list(dims))),
                    ("limit", MessageArg::text(limit)),
                ],
            ),
            OnnxError::ShapeMismatch {
                node,
                op,
                what,
                expected,
                found,
            } => Message::new(
                "xai-onnx-shape-mismatch",
                vec![
                    ("node", quoted(node)),
                    ("op", MessageArg::text(op)),
                    ("what", MessageArg::text(what)),
                    ("found", MessageArg::text(list(found))),
                    ("expected", MessageArg::Nested(Box::new(expected.message()))),
                ],
            ),
            OnnxError::NotAChain { node, op, previous } => Message::new(
                "xai-onnx-not-a-chain",
                vec![
                    ("node", quoted(node)),
                    ("op", MessageArg::text(op)),
                    ("previous", quoted(previous)),
                ],
            ),
            OnnxError::ChainEnd { end, output } => Message::new(
                "xai-onnx-chain-end",
                vec![("end", quoted(end)), ("output", quoted(output))],
            ),
            OnnxError::ReluOnInputs => Message::plain("xai-onnx-relu-on-inputs"),
            OnnxError::ReluOnOutput => Message::plain("xai-onnx-relu-on-output"),
            OnnxError::MissingRelu { node } => {
                Message::new("xai-onnx-missing-relu", vec![("node", quoted(node))])
            }
            OnnxError::NoDenseLayer => Message::plain("xai-onnx-no-dense-layer"),
            OnnxError::OutputWidth { node, width } => Message::new(
                "xai-onnx-output-width",
                vec![("node", quoted(node)), ("width", MessageArg::text(width))],
            ),
            OnnxError::EmptyLayer { node, n_in, n_out } => Message::new(
                "xai-onnx-empty-layer",
                vec![
                    ("node", quoted(node)),
                    ("n_in", MessageArg::text(n_in)),
                    ("n_out", MessageArg::text(n_out)),
                ],
            ),
            OnnxError::LayerOverflow {
                node,
                parameter,
                index,
            } => Message::new(
                "xai-onnx-layer-overflow",
                vec![
                    ("parameter", MessageArg::text(parameter)),
                    ("index", MessageArg::text(index)),
                    ("node", quoted(node)),
                ],
            ),
            OnnxError::Layer { node, refusal } => Message::new(
                "xai-onnx-layer",
                vec![
                    ("node", quoted(node)),
                    ("refusal", MessageArg::nested(refusal)),
                ],
            ),
        }
    }
}

impl ExpectedShape {
    /// The shape as a message: its words in the reader's language.
    fn message(&self) -> Message {
        match self {
            ExpectedShape::Matrix => Message::plain("xai-onnx-expected-matrix"),
            ExpectedShape::OutputsByInputs { inputs } => Message::new(
                "xai-onnx-expected-outputs-by-inputs",
                vec![("inputs", MessageArg::text(inputs))],
            ),
            ExpectedShape::InputsByOutputs { inputs } => Message::new(
                "xai-onnx-expected-inputs-by-outputs",
                vec![("inputs", MessageArg::text(inputs))],
            ),
            ExpectedShape::Bias { len } => Message::new(
                "xai-onnx-expected-bias",
                vec![("len", MessageArg::text(len))],
            ),
            ExpectedShape::Vector { len } => Message::new(
                "xai-onnx-expected-vector",
                vec![("len", MessageArg::text(len))],
            ),
        }
    }
}

/// A name as the English sentence quotes it (`{:?}`: escapes inside, the quotation marks
/// outside), without the quotation marks, which each language writes its own way.
fn quoted(name: &str) -> MessageArg {
    let debug = format!("{name:?}");
    let inner = debug
        .strip_prefix('"')
        .and_then(|d| d.strip_suffix('"'))
        .unwrap_or(&debug);
    MessageArg::text(inner)
}

/// The reason of an [`OnnxError::Unsupported`] as its catalogue message; a reason without
/// one as it is.
fn unsupported_reason(reason: &'static str) -> MessageArg {
    let key = match reason {
        NO_OUTPUT => "xai-onnx-reason-no-output",
        "transA = 1 is not supported" => "xai-onnx-reason-trans-a",
        "a constant is added to something other than a dense layer's output" => {
            "xai-onnx-reason-add-without-layer"
        }
        "training_mode = true is not supported (export the model in eval mode)" => {
            "xai-onnx-reason-dropout-training-mode"
        }
        "a Constant without a value" => "xai-onnx-reason-constant-without-value",
        "a Constant whose value holds no tensor" => "xai-onnx-reason-constant-without-tensor",
        "training mode is not supported (export the model in eval mode)" => {
            "xai-onnx-reason-batch-norm-training-mode"
        }
        "a BatchNormalization that does not follow a dense layer cannot be merged" => {
            "xai-onnx-reason-batch-norm-without-layer"
        }
        "some of its parameters are missing" => "xai-onnx-reason-missing-parameters",
        _ => return MessageArg::text(reason),
    };
    MessageArg::Nested(Box::new(Message::plain(key)))
}

/// A Cox network read from ONNX, with the names of its graph input and output.
#[derive(Clone, Debug, PartialEq)]
pub struct OnnxModel {
    /// The network; BatchNorm merged, dropout dropped.
    pub net: CoxNet,
    /// Name of the graph input (the patients x inputs matrix).
    pub input_name: String,
    /// Name of the graph output (the log-risk).
    pub output_name: String,
    /// `producer_name` and `producer_version` of the file, e.g. `pytorch 2.15.0`.
    pub producer: String,
    /// The model's `metadata_props` (key, value), in file order: where a trainer records
    /// how it trained the network (e.g. `survlens.training`).
    pub metadata: Vec<(String, String)>,
}

impl OnnxModel {
    /// The value of metadata entry `key` (the last one, when the key repeats).
    pub fn metadata_value(&self, key: &str) -> Option<&str> {
        self.metadata
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Message types mirroring the needed subset of `onnx.proto` (onnx 1.23), with its field
/// numbers; the decoder skips every field not listed here.
mod proto {
    /// `ModelProto`.
    #[derive(Clone, PartialEq, prost::Message)]
    pub(super) struct ModelProto {
        #[prost(int64, tag = "1")]
        pub ir_version: i64,
        #[prost(string, tag = "2")]
        pub producer_name: String,
        #[prost(string, tag = "3")]
        pub producer_version: String,
        #[prost(message, optional, tag = "7")]
        pub graph: Option<GraphProto>,
        #[prost(message, repeated, tag = "8")]
        pub opset_import: Vec<OperatorSetIdProto>,
        #[prost(message, repeated, tag = "14")]
        pub metadata_props: Vec<StringStringEntryProto>,
    }

    /// `StringStringEntryProto`.
    #[derive(Clone, PartialEq, prost::Message)]
    pub(super) struct StringStringEntryProto {
        #[prost(string, tag = "1")]
        pub key: String,
        #[prost(string, tag = "2")]
        pub value: String,
    }

    /// `OperatorSetIdProto`.
    #[derive(Clone, PartialEq, prost::Message)]
    pub(super) struct OperatorSetIdProto {
        #[prost(string, tag = "1")]
        pub domain: String,
        #[prost(int64, tag = "2")]
        pub version: i64,
    }

    /// `GraphProto`.
    #[derive(Clone, PartialEq, prost::Message)]
    pub(super) struct GraphProto {
        #[prost(message, repeated, tag = "1")]
        pub node: Vec<NodeProto>,
        #[prost(string, tag = "2")]
        pub name: String,
        #[prost(message, repeated, tag = "5")]
        pub initializer: Vec<TensorProto>,
        #[prost(message, repeated, tag = "11")]
        pub input: Vec<ValueInfoProto>,
        #[prost(message, repeated, tag = "12")]
        pub output: Vec<ValueInfoProto>,
    }

    /// `NodeProto`.
    #[derive(Clone, PartialEq, prost::Message)]
    pub(super) struct NodeProto {
        #[prost(string, repeated, tag = "1")]
        pub input: Vec<String>,
        #[prost(string, repeated, tag = "2")]
        pub output: Vec<String>,
        #[prost(string, tag = "3")]
        pub name: String,
        #[prost(string, tag = "4")]
        pub op_type: String,
        #[prost(message, repeated, tag = "5")]
        pub attribute: Vec<AttributeProto>,
        #[prost(string, tag = "7")]
        pub domain: String,
    }

    /// `AttributeProto` (without graphs, sparse tensors and type protos).
    #[derive(Clone, PartialEq, prost::Message)]
    pub(super) struct AttributeProto {
        #[prost(string, tag = "1")]
        pub name: String,
        #[prost(float, tag = "2")]
        pub f: f32,
        #[prost(int64, tag = "3")]
        pub i: i64,
        #[prost(bytes = "vec", tag = "4")]
        pub s: Vec<u8>,
        #[prost(message, optional, tag = "5")]
        pub t: Option<TensorProto>,
        #[prost(float, repeated, tag = "7")]
        pub floats: Vec<f32>,
        #[prost(int64, repeated, tag = "8")]
        pub ints: Vec<i64>,
        /// `AttributeProto.AttributeType`.
        #[prost(int32, tag = "20")]
        pub r#type: i32,
    }

    /// `TensorProto` (dense data only).
    #[derive(Clone, PartialEq, prost::Message)]
    pub(super) struct TensorProto {
        #[prost(int64, repeated, tag = "1")]
        pub dims: Vec<i64>,
        /// `TensorProto.DataType`.
        #[prost(int32, tag = "2")]
        pub data_type: i32,
        #[prost(float, repeated, tag = "4")]
        pub float_data: Vec<f32>,
        #[prost(int32, repeated, tag = "5")]
        pub int32_data: Vec<i32>,
        #[prost(string, tag = "8")]
        pub name: String,
        #[prost(bytes = "vec", tag = "9")]
        pub raw_data: Vec<u8>,
        /// `TensorProto.DataLocation`.
        #[prost(int32, tag = "14")]
        pub data_location: i32,
    }

    /// `ValueInfoProto`.
    #[derive(Clone, PartialEq, prost::Message)]
    pub(super) struct ValueInfoProto {
        #[prost(string, tag = "1")]
        pub name: String,
        #[prost(message, optional, tag = "2")]
        pub r#type: Option<TypeProto>,
    }

    /// `TypeProto` (tensor types only).
    #[derive(Clone, PartialEq, prost::Message)]
    pub(super) struct TypeProto {
        #[prost(oneof = "type_proto::Value", tags = "1")]
        pub value: Option<type_proto::Value>,
    }

    /// Nested types of `TypeProto`.
    pub(super) mod type_proto {
        /// `TypeProto.Tensor`.
        #[derive(Clone, PartialEq, prost::Message)]
        pub(in super::super) struct Tensor {
            #[prost(int32, tag = "1")]
            pub elem_type: i32,
            #[prost(message, optional, tag = "2")]
            pub shape: Option<super::TensorShapeProto>,
        }

        /// The `value` oneof of `TypeProto`.
        #[derive(Clone, PartialEq, prost::Oneof)]
        pub(in super::super) enum Value {
            #[prost(message, tag = "1")]
            TensorType(Tensor),
        }
    }

    /// `TensorShapeProto`.
    #[derive(Clone, PartialEq, prost::Message)]
    pub(super) struct TensorShapeProto {
        #[prost(message, repeated, tag = "1")]
        pub dim: Vec<tensor_shape_proto::Dimension>,
    }

    /// Nested types of `TensorShapeProto`.
    pub(super) mod tensor_shape_proto {
        /// `TensorShapeProto.Dimension`.
        #[derive(Clone, PartialEq, prost::Message)]
        pub(in super::super) struct Dimension {
            #[prost(oneof = "dimension::Value", tags = "1, 2")]
            pub value: Option<dimension::Value>,
        }

        /// Nested types of `Dimension`.
        pub(in super::super) mod dimension {
            /// The `value` oneof of `Dimension`.
            #[derive(Clone, PartialEq, prost::Oneof)]
            pub(in super::super::super) enum Value {
                #[prost(int64, tag = "1")]
                DimValue(i64),
                #[prost(string, tag = "2")]
                DimParam(String),
            }
        }
    }
}

use proto::{AttributeProto, GraphProto, ModelProto, NodeProto, TensorProto};

/// A float32 tensor, decoded and checked.
struct FloatTensor {
    dims: Vec<usize>,
    data: Vec<f32>,
}

/// One stage of the chain: a dense layer (weights in `f64` until BatchNorm is merged) or a
/// ReLU.
enum Stage {
    Linear {
        n_in: usize,
        n_out: usize,
        /// `n_out x n_in`, row-major.
        weight: Vec<f64>,
        bias: Vec<f64>,
        node: String,
    },
    Relu,
}

/// Reads an ONNX model (the bytes of a `.onnx` file) into a Cox network.
///
/// # Errors
/// An [`OnnxError`] naming the node or tensor at fault; see the module documentation.
pub fn import_onnx(bytes: &[u8]) -> Result<OnnxModel, OnnxError> {
    let model = <ModelProto as prost::Message>::decode(bytes).map_err(OnnxError::Decode)?;
    let graph = model.graph.as_ref().ok_or(OnnxError::NoGraph)?;
    // Operator semantics depend on the opset; a file without the default domain's opset is
    // not a valid model (and is what a file cut just before its last field looks like).
    match model
        .opset_import
        .iter()
        .find(|o| o.domain.is_empty() || o.domain == "ai.onnx")
    {
        Some(o) if o.version >= MIN_OPSET => {}
        Some(o) => {
            return Err(OnnxError::OldOpset {
                version: o.version,
                min: MIN_OPSET,
            });
        }
        None => return Err(OnnxError::NoOpset),
    }
    let producer = format!("{} {}", model.producer_name, model.producer_version)
        .trim()
        .to_owned();
    let reader = GraphReader::new(graph);
    let (input_name, width) = reader.graph_input()?;
    let output_name = match graph.output.as_slice() {
        [one] => one.name.clone(),
        outputs => {
            return Err(OnnxError::OutputCount {
                found: outputs.len(),
            });
        }
    };
    let stages = reader.walk(&input_name, width, &output_name)?;
    Ok(OnnxModel {
        net: into_network(stages)?,
        input_name,
        output_name,
        producer,
        metadata: model
            .metadata_props
            .iter()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect(),
    })
}

/// Initializers and Constant outputs of a graph, and the walk along its chain.
struct GraphReader<'g> {
    graph: &'g GraphProto,
    initializers: HashMap<&'g str, &'g TensorProto>,
}

impl<'g> GraphReader<'g> {
    fn new(graph: &'g GraphProto) -> Self {
        let initializers = graph
            .initializer
            .iter()
            .map(|t| (t.name.as_str(), t))
            .collect();
        Self {
            graph,
            initializers,
        }
    }

    /// The one graph input that is not an initializer (older exporters list weights as
    /// inputs too), with its width when the file declares it.
    fn graph_input(&self) -> Result<(String, Option<usize>), OnnxError> {
        let inputs: Vec<_> = self
            .graph
            .input
            .iter()
            .filter(|v| !self.initializers.contains_key(v.name.as_str()))
            .collect();
        let [input] = inputs.as_slice() else {
            return Err(OnnxError::InputCount {
                found: inputs.len(),
            });
        };
        let mut width = None;
        if let Some(proto::TypeProto {
            value: Some(proto::type_proto::Value::TensorType(t)),
        }) = &input.r#type
        {
            if t.elem_type != FLOAT && t.elem_type != 0 {
                return Err(OnnxError::InputType {
                    input: input.name.clone(),
                    elem_type: t.elem_type,
                });
            }
            if let Some(shape) = &t.shape {
                if shape.dim.len() != 2 {
                    return Err(OnnxError::InputRank {
                        input: input.name.clone(),
                        rank: shape.dim.len(),
                    });
                }
                if let Some(proto::tensor_shape_proto::Dimension {
                    value: Some(proto::tensor_shape_proto::dimension::Value::DimValue(d)),
                }) = shape.dim.get(1)
                {
                    width = Some(usize::try_from(*d).map_err(|_| OnnxError::InputWidth {
                        input: input.name.clone(),
                        width: *d,
                    })?);
                }
            }
        }
        Ok((input.name.clone(), width))
    }

    /// Follows the chain from `input` to `output`, one node at a time, in the file's
    /// (topological) order.
    fn walk(
        &self,
        input: &str,
        mut width: Option<usize>,
        output: &str,
    ) -> Result<Vec<Stage>, OnnxError> {
        let mut constants: HashMap<String, TensorProto> = HashMap::new();
        let mut current = input.to_owned();
        let mut stages: Vec<Stage> = Vec::new();
        for node in &self.graph.node {
            let name = node_name(node);
            let op = node.op_type.as_str();
            if !(node.domain.is_empty() || node.domain == "ai.onnx") || !SUPPORTED_OPS.contains(&op)
            {
                let op = if node.domain.is_empty() {
                    op.to_owned()
                } else {
                    format!("{}::{op}", node.domain)
                };
                return Err(OnnxError::UnsupportedOp { op, node: name });
            }
            if op == "Constant" {
                let out = node
                    .output
                    .first()
                    .ok_or_else(|| unsupported(node, NO_OUTPUT))?;
                constants.insert(out.clone(), constant_value(node)?);
                continue;
            }
            let consts = Constants {
                initializers: &self.initializers,
                constants: &constants,
                node,
            };
            let data_input = match op {
                // Either operand of Add may be the chain; the other is the bias.
                "Add" => node.input.iter().position(|i| *i == current),
                _ => (node.input.first() == Some(&current)).then_some(0),
            };
            let Some(data_input) = data_input else {
                return Err(OnnxError::NotAChain {
                    node: name,
                    op: op.to_owned(),
                    previous: current,
                });
            };
            match op {
                "Gemm" => {
                    if attr_int(node, "transA", 0) != 0 {
                        return Err(unsupported(node, "transA = 1 is not supported"));
                    }
                    let alpha = f64::from(attr_float(node, "alpha", 1.0));
                    let beta = f64::from(attr_float(node, "beta", 1.0));
                    let b = consts.float(node.input.get(1))?;
                    let trans_b = attr_int(node, "transB", 0) != 0;
                    let (n_out, n_in, weight) = weight_of(node, &b, trans_b, alpha, width)?;
                    let bias = match node.input.get(2).filter(|s| !s.is_empty()) {
                        Some(c) => bias_of(node, &consts.float(Some(c))?, n_out, beta)?,
                        None => vec![0.0; n_out],
                    };
                    stages.push(Stage::Linear {
                        n_in,
                        n_out,
                        weight,
                        bias,
                        node: name,
                    });
                    width = Some(n_out);
                }
                "MatMul" => {
                    let b = consts.float(node.input.get(1))?;
                    let (n_out, n_in, weight) = weight_of(node, &b, false, 1.0, width)?;
                    stages.push(Stage::Linear {
                        n_in,
                        n_out,
                        weight,
                        bias: vec![0.0; n_out],
                        node: name,
                    });
                    width = Some(n_out);
                }
                "Add" => {
                    let other = node.input.get(1 - data_input.min(1));
                    let c = consts.float(other)?;
                    let Some(Stage::Linear { n_out, bias, .. }) = stages.last_mut() else {
                        return Err(unsupported(
                            node,
                            "a constant is added to something other than a dense layer's output",
                        ));
                    };
                    for (b, add) in bias.iter_mut().zip(bias_of(node, &c, *n_out, 1.0)?) {
                        *b += add;
                    }
                }
                // Two ReLUs in a row are one (ReLU is idempotent).
                "Relu" if !matches!(stages.last(), Some(Stage::Relu)) => {
                    stages.push(Stage::Relu);
                }
                "BatchNormalization" => {
                    merge_batch_norm(node, &consts, stages.last_mut())?;
                }
                "Dropout" => {
                    if let Some(mode) = node.input.get(2).filter(|s| !s.is_empty())
                        && consts.is_true(mode)?
                    {
                        return Err(unsupported(
                            node,
                            "training_mode = true is not supported (export the model in eval \
                             mode)",
                        ));
                    }
                }
                "Flatten" => {
                    let axis = attr_int(node, "axis", 1);
                    if axis != 1 && axis != -1 {
                        return Err(OnnxError::FlattenAxis { node: name, axis });
                    }
                }
                // Identity, and a ReLU right after a ReLU: nothing to do.
                _ => {}
            }
            current = node
                .output
                .first()
                .filter(|s| !s.is_empty())
                .ok_or_else(|| unsupported(node, NO_OUTPUT))?
                .clone();
        }
        if current != output {
            return Err(OnnxError::ChainEnd {
                end: current,
                output: output.to_owned(),
            });
        }
        Ok(stages)
    }
}

/// Constant inputs of one node: initializers, then Constant outputs seen so far.
struct Constants<'a> {
    initializers: &'a HashMap<&'a str, &'a TensorProto>,
    constants: &'a HashMap<String, TensorProto>,
    node: &'a NodeProto,
}

impl Constants<'_> {
    fn proto(&self, name: Option<&String>) -> Result<&TensorProto, OnnxError> {
        let missing = |name: &str| OnnxError::MissingInitializer {
            node: node_name(self.node),
            op: self.node.op_type.clone(),
            name: name.to_owned(),
        };
        let name = name.filter(|s| !s.is_empty()).ok_or_else(|| missing(""))?;
        self.initializers
            .get(name.as_str())
            .copied()
            .or_else(|| self.constants.get(name))
            .ok_or_else(|| missing(name))
    }

    fn float(&self, name: Option<&String>) -> Result<FloatTensor, OnnxError> {
        let tensor = self.proto(name)?;
        // A Constant's tensor may carry its own name or none: report the node input's.
        let label = name.map_or("", String::as_str);
        float_tensor(tensor, label)
    }

    /// Whether a boolean scalar constant is true.
    fn is_true(&self, name: &String) -> Result<bool, OnnxError> {
        let t = self.proto(Some(name))?;
        if t.data_type != BOOL {
            return Err(OnnxError::TensorType {
                name: name.clone(),
                data_type: t.data_type,
                expected: BOOL,
            });
        }
        Ok(t.raw_data.iter().any(|&b| b != 0) || t.int32_data.iter().any(|&b| b != 0))
    }
}

/// The value of a Constant node as a tensor.
fn constant_value(node: &NodeProto) -> Result<TensorProto, OnnxError> {
    let attr = node
        .attribute
        .first()
        .ok_or_else(|| unsupported(node, "a Constant without a value"))?;
    match attr.name.as_str() {
        "value" => attr
            .t
            .clone()
            .ok_or_else(|| unsupported(node, "a Constant whose value holds no tensor")),
        "value_float" => Ok(TensorProto {
            data_type: FLOAT,
            float_data: vec![attr.f],
            ..TensorProto::default()
        }),
        "value_floats" => Ok(TensorProto {
            dims: vec![attr.floats.len() as i64],
            data_type: FLOAT,
            float_data: attr.floats.clone(),
            ..TensorProto::default()
        }),
        other => Err(OnnxError::ConstantAttribute {
            node: node_name(node),
            attribute: other.to_owned(),
        }),
    }
}

/// Decodes a float32 tensor, checking its size before trusting any length.
fn float_tensor(t: &TensorProto, name: &str) -> Result<FloatTensor, OnnxError> {
    if t.data_location == EXTERNAL {
        return Err(OnnxError::ExternalData {
            name: name.to_owned(),
        });
    }
    if t.data_type != FLOAT {
        return Err(OnnxError::TensorType {
            name: name.to_owned(),
            data_type: t.data_type,
            expected: FLOAT,
        });
    }
    let too_large = || OnnxError::TensorTooLarge {
        name: name.to_owned(),
        dims: t.dims.clone(),
        limit: MAX_TENSOR_VALUES,
    };
    let mut dims = Vec::with_capacity(t.dims.len());
    let mut count: usize = 1;
    for &d in &t.dims {
        let d = usize::try_from(d).map_err(|_| OnnxError::NegativeDimension {
            name: name.to_owned(),
            dims: t.dims.clone(),
        })?;
        count = count.checked_mul(d).ok_or_else(too_large)?;
        dims.push(d);
    }
    if count > MAX_TENSOR_VALUES {
        return Err(too_large());
    }
    let data: Vec<f32> = if !t.raw_data.is_empty() {
        if t.raw_data.len() != count * 4 {
            return Err(OnnxError::RawDataLength {
                name: name.to_owned(),
                bytes: t.raw_data.len(),
                values: count,
            });
        }
        t.raw_data
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    } else {
        if t.float_data.len() != count {
            return Err(OnnxError::FloatDataLength {
                name: name.to_owned(),
                found: t.float_data.len(),
                dims: t.dims.clone(),
            });
        }
        t.float_data.clone()
    };
    if let Some(k) = data.iter().position(|v| !v.is_finite()) {
        return Err(OnnxError::NonFiniteWeight {
            name: name.to_owned(),
            index: k,
            value: data[k],
        });
    }
    Ok(FloatTensor { dims, data })
}

/// A dense layer's `(n_out, n_in, W)` (`W` `n_out x n_in`, row-major, times `alpha`) from
/// a 2-D weight `B`: `B` is `n_out x n_in` when `transposed` (PyTorch's layout), else
/// `n_in x n_out` (`Y = A B`).
fn weight_of(
    node: &NodeProto,
    b: &FloatTensor,
    transposed: bool,
    alpha: f64,
    width: Option<usize>,
) -> Result<(usize, usize, Vec<f64>), OnnxError> {
    let &[rows, cols] = b.dims.as_slice() else {
        return Err(shape_mismatch(
            node,
            "weight",
            ExpectedShape::Matrix,
            &b.dims,
        ));
    };
    let (n_out, n_in) = if transposed {
        (rows, cols)
    } else {
        (cols, rows)
    };
    if let Some(w) = width
        && w != n_in
    {
        let expected = if transposed {
            ExpectedShape::OutputsByInputs { inputs: w }
        } else {
            ExpectedShape::InputsByOutputs { inputs: w }
        };
        return Err(shape_mismatch(node, "weight", expected, &b.dims));
    }
    let weight = if transposed {
        b.data.iter().map(|&v| alpha * f64::from(v)).collect()
    } else {
        let mut w = vec![0.0f64; n_out * n_in];
        for i in 0..n_in {
            for j in 0..n_out {
                w[j * n_in + i] = alpha * f64::from(b.data[i * n_out + j]);
            }
        }
        w
    };
    Ok((n_out, n_in, weight))
}

/// A bias of `n_out` values from a tensor of `n_out` values (shape `[n_out]` or `[1,
/// n_out]`) or one value (broadcast), times `scale`.
fn bias_of(
    node: &NodeProto,
    c: &FloatTensor,
    n_out: usize,
    scale: f64,
) -> Result<Vec<f64>, OnnxError> {
    let leading_ones = c.dims.len() <= 1 || c.dims[..c.dims.len() - 1].iter().all(|&d| d == 1);
    match c.data.len() {
        len if len == n_out && leading_ones => {
            Ok(c.data.iter().map(|&v| scale * f64::from(v)).collect())
        }
        1 => Ok(vec![scale * f64::from(c.data[0]); n_out]),
        _ => Err(shape_mismatch(
            node,
            "bias",
            ExpectedShape::Bias { len: n_out },
            &c.dims,
        )),
    }
}

/// Merges a BatchNormalization node into the dense layer before it:
/// `W'_ji = s_j W_ji`, `b'_j = s_j (b_j - mean_j) + beta_j`, `s_j = gamma_j / sqrt(var_j +
/// eps)`.
fn merge_batch_norm(
    node: &NodeProto,
    consts: &Constants<'_>,
    last: Option<&mut Stage>,
) -> Result<(), OnnxError> {
    if attr_int(node, "training_mode", 0) != 0 || node.output.len() > 1 {
        return Err(unsupported(
            node,
            "training mode is not supported (export the model in eval mode)",
        ));
    }
    let Some(Stage::Linear {
        n_in,
        n_out,
        weight,
        bias,
        ..
    }) = last
    else {
        return Err(unsupported(
            node,
            "a BatchNormalization that does not follow a dense layer cannot be merged",
        ));
    };
    let epsilon = attr_float(node, "epsilon", 1e-5);
    let eps = f64::from(epsilon);
    let mut params = Vec::with_capacity(4);
    for (k, what) in ["scale", "bias", "mean", "var"].into_iter().enumerate() {
        let t = consts.float(node.input.get(k + 1))?;
        if t.data.len() != *n_out {
            return Err(shape_mismatch(
                node,
                what,
                ExpectedShape::Vector { len: *n_out },
                &t.dims,
            ));
        }
        params.push(t.data);
    }
    let [scale, beta, mean, var] = params.as_slice() else {
        return Err(unsupported(node, "some of its parameters are missing"));
    };
    for j in 0..*n_out {
        let denom = f64::from(var[j]) + eps;
        if denom <= 0.0 {
            return Err(OnnxError::NonPositiveVariance {
                name: node.input.get(4).cloned().unwrap_or_default(),
                index: j,
                variance: var[j],
                epsilon,
            });
        }
        let s = f64::from(scale[j]) / denom.sqrt();
        weight[j * *n_in..(j + 1) * *n_in]
            .iter_mut()
            .for_each(|w| *w *= s);
        bias[j] = s * (bias[j] - f64::from(mean[j])) + f64::from(beta[j]);
    }
    Ok(())
}

/// Dense layers with a ReLU between each two, as a [`CoxNet`].
fn into_network(stages: Vec<Stage>) -> Result<CoxNet, OnnxError> {
    let mut layers = Vec::new();
    let mut last_node = None;
    let mut relu_pending = false;
    let n_stages = stages.len();
    for (k, stage) in stages.into_iter().enumerate() {
        match stage {
            Stage::Relu if layers.is_empty() => return Err(OnnxError::ReluOnInputs),
            Stage::Relu if k + 1 == n_stages => return Err(OnnxError::ReluOnOutput),
            Stage::Relu => relu_pending = true,
            Stage::Linear {
                n_in,
                n_out,
                weight,
                bias,
                node,
            } => {
                if !layers.is_empty() && !relu_pending {
                    return Err(OnnxError::MissingRelu { node });
                }
                relu_pending = false;
                layers.push(dense(n_in, n_out, &weight, &bias, &node)?);
                last_node = Some(node);
            }
        }
    }
    let Some(node) = last_node else {
        return Err(OnnxError::NoDenseLayer);
    };
    let width = layers.last().map_or(0, Dense::n_out);
    if width != 1 {
        return Err(OnnxError::OutputWidth { node, width });
    }
    CoxNet::new(layers).map_err(|refusal| OnnxError::Layer { node, refusal })
}

/// One dense layer in float32; an empty layer or a parameter beyond float32 is refused by
/// name.
fn dense(
    n_in: usize,
    n_out: usize,
    weight: &[f64],
    bias: &[f64],
    node: &str,
) -> Result<Dense, OnnxError> {
    if n_in == 0 || n_out == 0 {
        return Err(OnnxError::EmptyLayer {
            node: node.to_owned(),
            n_in,
            n_out,
        });
    }
    let narrow = |values: &[f64], parameter: &'static str| -> Result<Vec<f32>, OnnxError> {
        values
            .iter()
            .enumerate()
            .map(|(index, &v)| {
                let v = v as f32;
                if v.is_finite() {
                    Ok(v)
                } else {
                    Err(OnnxError::LayerOverflow {
                        node: node.to_owned(),
                        parameter,
                        index,
                    })
                }
            })
            .collect()
    };
    Dense::new(
        n_in,
        n_out,
        narrow(weight, "weight")?,
        narrow(bias, "bias")?,
    )
    .map_err(|refusal| OnnxError::Layer {
        node: node.to_owned(),
        refusal,
    })
}

fn node_name(node: &NodeProto) -> String {
    if node.name.is_empty() {
        node.output.first().cloned().unwrap_or_default()
    } else {
        node.name.clone()
    }
}

/// The reason of a node without an output.
const NO_OUTPUT: &str = "the node has no output";

fn unsupported(node: &NodeProto, reason: &'static str) -> OnnxError {
    OnnxError::Unsupported {
        node: node_name(node),
        op: node.op_type.clone(),
        reason,
    }
}

fn shape_mismatch(
    node: &NodeProto,
    what: &'static str,
    expected: ExpectedShape,
    found: &[usize],
) -> OnnxError {
    OnnxError::ShapeMismatch {
        node: node_name(node),
        op: node.op_type.clone(),
        what,
        expected,
        found: found.to_vec(),
    }
}

fn attribute<'n>(node: &'n NodeProto, name: &str) -> Option<&'n AttributeProto> {
    node.attribute.iter().find(|a| a.name == name)
}

fn attr_int(node: &NodeProto, name: &str, default: i64) -> i64 {
    attribute(node, name).map_or(default, |a| a.i)
}

fn attr_float(node: &NodeProto, name: &str, default: f32) -> f32 {
    attribute(node, name).map_or(default, |a| a.f)
}

#[cfg(test)]
pub(crate) mod tests {
    use std::collections::BTreeSet;

    use prost::Message;

    use super::proto::{
        GraphProto, ModelProto, NodeProto, OperatorSetIdProto, StringStringEntryProto, TensorProto,
        ValueInfoProto,
    };
    use super::*;

    fn tensor(name: &str, dims: &[i64], data: &[f32]) -> TensorProto {
        TensorProto {
            name: name.into(),
            dims: dims.to_vec(),
            data_type: FLOAT,
            float_data: data.to_vec(),
            ..TensorProto::default()
        }
    }

    fn node(op: &str, name: &str, inputs: &[&str], output: &str) -> NodeProto {
        NodeProto {
            op_type: op.into(),
            name: name.into(),
            input: inputs.iter().map(|s| (*s).to_owned()).collect(),
            output: vec![output.into()],
            ..NodeProto::default()
        }
    }

    fn gemm(name: &str, inputs: &[&str], output: &str) -> NodeProto {
        let mut n = node("Gemm", name, inputs, output);
        n.attribute.push(AttributeProto {
            name: "transB".into(),
            i: 1,
            ..AttributeProto::default()
        });
        n
    }

    fn model(nodes: Vec<NodeProto>, initializer: Vec<TensorProto>, output: &str) -> Vec<u8> {
        ModelProto {
            ir_version: 8,
            producer_name: "test".into(),
            producer_version: String::new(),
            opset_import: vec![OperatorSetIdProto {
                domain: String::new(),
                version: 17,
            }],
            metadata_props: vec![StringStringEntryProto {
                key: "survlens.training".into(),
                value: "{}".into(),
            }],
            graph: Some(GraphProto {
                node: nodes,
                initializer,
                input: vec![ValueInfoProto {
                    name: "x".into(),
                    r#type: None,
                }],
                output: vec![ValueInfoProto {
                    name: output.into(),
                    r#type: None,
                }],
                ..GraphProto::default()
            }),
        }
        .encode_to_vec()
    }

    /// Linear(2, 2) - ReLU - Linear(2, 1) with the given nodes swapped in where asked.
    fn two_layers() -> (Vec<NodeProto>, Vec<TensorProto>) {
        (
            vec![
                gemm("/0/Gemm", &["x", "w0", "b0"], "h"),
                node("Relu", "/1/Relu", &["h"], "r"),
                gemm("/2/Gemm", &["r", "w1", "b1"], "y"),
            ],
            vec![
                tensor("w0", &[2, 2], &[1.0, -1.0, 0.5, 2.0]),
                tensor("b0", &[2], &[0.1, -0.2]),
                tensor("w1", &[1, 2], &[1.5, -0.5]),
                tensor("b1", &[1], &[0.25]),
            ],
        )
    }

    #[test]
    fn a_hand_built_chain_is_read() {
        let (nodes, inits) = two_layers();
        let m = import_onnx(&model(nodes, inits, "y")).unwrap();
        // x = (1, 2): h = relu((1 - 2 + 0.1, 0.5 + 4 - 0.2)) = (0, 4.3); y = -2.15 + 0.25.
        let y = m.net.predict(&[1.0, 2.0], 1)[0];
        assert!((y - (-1.9)).abs() < 1e-6, "{y}");
        assert_eq!(m.metadata_value("survlens.training"), Some("{}"));
        assert_eq!(m.metadata_value("absent"), None);
    }

    #[test]
    fn missing_initializer_is_named() {
        let (nodes, mut inits) = two_layers();
        inits.remove(2);
        assert_eq!(
            import_onnx(&model(nodes, inits, "y")),
            Err(OnnxError::MissingInitializer {
                node: "/2/Gemm".into(),
                op: "Gemm".into(),
                name: "w1".into(),
            })
        );
    }

    #[test]
    fn absurd_sizes_are_refused_before_allocation() {
        for dims in [
            vec![i64::MAX, 4],
            vec![1 << 20, 1 << 20],
            vec![1 << 40, 1 << 40],
        ] {
            let (nodes, mut inits) = two_layers();
            inits[0].dims = dims.clone();
            assert!(
                matches!(
                    import_onnx(&model(nodes, inits, "y")),
                    Err(OnnxError::TensorTooLarge { ref name, .. }) if name == "w0"
                ),
                "{dims:?}"
            );
        }
        let (nodes, mut inits) = two_layers();
        inits[0].dims = vec![-2, 2];
        assert_eq!(
            import_onnx(&model(nodes, inits, "y")),
            Err(OnnxError::NegativeDimension {
                name: "w0".into(),
                dims: vec![-2, 2],
            })
        );
        let (nodes, mut inits) = two_layers();
        inits[0].float_data.pop();
        assert_eq!(
            import_onnx(&model(nodes, inits, "y")),
            Err(OnnxError::FloatDataLength {
                name: "w0".into(),
                found: 3,
                dims: vec![2, 2],
            })
        );
        let (nodes, mut inits) = two_layers();
        inits[0].float_data = Vec::new();
        inits[0].raw_data = vec![0; 6];
        assert_eq!(
            import_onnx(&model(nodes, inits, "y")),
            Err(OnnxError::RawDataLength {
                name: "w0".into(),
                bytes: 6,
                values: 4,
            })
        );
        let (nodes, mut inits) = two_layers();
        inits[3].float_data[0] = f32::INFINITY;
        let err = import_onnx(&model(nodes, inits, "y")).unwrap_err();
        assert_eq!(
            err,
            OnnxError::NonFiniteWeight {
                name: "b1".into(),
                index: 0,
                value: f32::INFINITY,
            }
        );
        assert_eq!(err.tensor(), Some("b1"));
        assert_eq!(err.node(), None);
    }

    #[test]
    fn shapes_must_chain() {
        let (nodes, mut inits) = two_layers();
        inits[2] = tensor("w1", &[1, 3], &[1.0, 1.0, 1.0]);
        let err = import_onnx(&model(nodes, inits, "y")).unwrap_err();
        assert_eq!(
            err,
            OnnxError::ShapeMismatch {
                node: "/2/Gemm".into(),
                op: "Gemm".into(),
                what: "weight",
                expected: ExpectedShape::OutputsByInputs { inputs: 2 },
                found: vec![1, 3],
            }
        );
        assert_eq!(err.node(), Some("/2/Gemm"));
        assert_eq!(
            err.to_string(),
            "ONNX node \"/2/Gemm\" (Gemm): weight has shape [1, 3], expected [outputs, 2]"
        );
        let (nodes, mut inits) = two_layers();
        inits[1] = tensor("b0", &[3], &[0.0; 3]);
        assert!(matches!(
            import_onnx(&model(nodes, inits, "y")),
            Err(OnnxError::ShapeMismatch {
                what: "bias",
                expected: ExpectedShape::Bias { len: 2 },
                ..
            })
        ));
        let (nodes, mut inits) = two_layers();
        inits[0] = tensor("w0", &[4], &[1.0; 4]);
        assert!(matches!(
            import_onnx(&model(nodes, inits, "y")),
            Err(OnnxError::ShapeMismatch {
                expected: ExpectedShape::Matrix,
                ..
            })
        ));
    }

    #[test]
    fn only_dense_relu_chains_are_cox_networks() {
        // No ReLU between the layers.
        let (mut nodes, inits) = two_layers();
        nodes[1] = node("Identity", "/1/Identity", &["h"], "r");
        assert_eq!(
            import_onnx(&model(nodes, inits, "y")),
            Err(OnnxError::MissingRelu {
                node: "/2/Gemm".into()
            })
        );
        // A ReLU after the output.
        let (mut nodes, inits) = two_layers();
        nodes.push(node("Relu", "/3/Relu", &["y"], "z"));
        assert_eq!(
            import_onnx(&model(nodes, inits, "z")),
            Err(OnnxError::ReluOnOutput)
        );
        // A ReLU on the inputs.
        let (mut nodes, inits) = two_layers();
        nodes[0].input[0] = "x1".into();
        nodes.insert(0, node("Relu", "/in/Relu", &["x"], "x1"));
        assert_eq!(
            import_onnx(&model(nodes, inits, "y")),
            Err(OnnxError::ReluOnInputs)
        );
        // A branch: the second layer reads the pre-activation, skipping the ReLU.
        let (mut nodes, inits) = two_layers();
        nodes[2] = gemm("/2/Gemm", &["h", "w1", "b1"], "y");
        assert_eq!(
            import_onnx(&model(nodes, inits, "y")),
            Err(OnnxError::NotAChain {
                node: "/2/Gemm".into(),
                op: "Gemm".into(),
                previous: "r".into(),
            })
        );
        // The chain does not end at the graph output.
        let (nodes, inits) = two_layers();
        assert_eq!(
            import_onnx(&model(nodes, inits, "r")),
            Err(OnnxError::ChainEnd {
                end: "y".into(),
                output: "r".into(),
            })
        );
        // No dense layer at all.
        assert_eq!(
            import_onnx(&model(
                vec![node("Identity", "/0/Identity", &["x"], "y")],
                Vec::new(),
                "y"
            )),
            Err(OnnxError::NoDenseLayer)
        );
        // Two outputs where the log-risk is one.
        let (mut nodes, mut inits) = two_layers();
        nodes.truncate(1);
        inits.truncate(2);
        assert_eq!(
            import_onnx(&model(nodes, inits, "h")),
            Err(OnnxError::OutputWidth {
                node: "/0/Gemm".into(),
                width: 2,
            })
        );
        // A layer without outputs.
        let (mut nodes, mut inits) = two_layers();
        nodes.truncate(1);
        inits[0] = tensor("w0", &[0, 2], &[]);
        inits[1] = tensor("b0", &[1], &[0.0]);
        inits.truncate(2);
        assert_eq!(
            import_onnx(&model(nodes, inits, "h")),
            Err(OnnxError::EmptyLayer {
                node: "/0/Gemm".into(),
                n_in: 2,
                n_out: 0,
            })
        );
    }

    #[test]
    fn scaling_beyond_float32_is_named() {
        let (mut nodes, inits) = two_layers();
        nodes[2].attribute.push(AttributeProto {
            name: "alpha".into(),
            f: 3e38,
            ..AttributeProto::default()
        });
        let err = import_onnx(&model(nodes, inits, "y")).unwrap_err();
        assert_eq!(
            err,
            OnnxError::LayerOverflow {
                node: "/2/Gemm".into(),
                parameter: "weight",
                index: 0,
            }
        );
        assert_eq!(err.code(), "layer_overflow");
    }

    #[test]
    fn node_attributes_out_of_reach_are_named() {
        let (mut nodes, inits) = two_layers();
        nodes.insert(2, node("Flatten", "/f/Flatten", &["r"], "r2"));
        nodes[2].attribute.push(AttributeProto {
            name: "axis".into(),
            i: 0,
            ..AttributeProto::default()
        });
        nodes[3].input[0] = "r2".into();
        assert_eq!(
            import_onnx(&model(nodes, inits, "y")),
            Err(OnnxError::FlattenAxis {
                node: "/f/Flatten".into(),
                axis: 0,
            })
        );
        let (mut nodes, inits) = two_layers();
        let mut constant = node("Constant", "/c/Constant", &[], "c");
        constant.attribute.push(AttributeProto {
            name: "value_ints".into(),
            ..AttributeProto::default()
        });
        nodes.insert(0, constant);
        let err = import_onnx(&model(nodes, inits, "y")).unwrap_err();
        assert_eq!(
            err,
            OnnxError::ConstantAttribute {
                node: "/c/Constant".into(),
                attribute: "value_ints".into(),
            }
        );
        assert!(err.to_string().contains("\"value_ints\""), "{err}");
        let (mut nodes, inits) = two_layers();
        nodes[0].attribute.push(AttributeProto {
            name: "transA".into(),
            i: 1,
            ..AttributeProto::default()
        });
        assert_eq!(
            import_onnx(&model(nodes, inits, "y")).map_err(|e| e.code()),
            Err("unsupported")
        );
    }

    #[test]
    fn opsets_and_graph_inputs_are_checked() {
        let (nodes, inits) = two_layers();
        let bytes = model(nodes, inits, "y");
        let mut m = ModelProto::decode(bytes.as_slice()).unwrap();
        m.opset_import[0].version = 6;
        let err = import_onnx(&m.encode_to_vec()).unwrap_err();
        assert_eq!(err, OnnxError::OldOpset { version: 6, min: 7 });
        assert!(
            err.to_string()
                .contains("opset 6 is older than 7, the oldest survlens reads"),
            "{err}"
        );
        m.opset_import.clear();
        assert_eq!(import_onnx(&m.encode_to_vec()), Err(OnnxError::NoOpset));

        let mut m = ModelProto::decode(bytes.as_slice()).unwrap();
        let graph = m.graph.as_mut().unwrap();
        graph.input.push(ValueInfoProto {
            name: "x2".into(),
            r#type: None,
        });
        assert_eq!(
            import_onnx(&m.encode_to_vec()),
            Err(OnnxError::InputCount { found: 2 })
        );
        let mut m = ModelProto::decode(bytes.as_slice()).unwrap();
        m.graph.as_mut().unwrap().output.clear();
        assert_eq!(
            import_onnx(&m.encode_to_vec()),
            Err(OnnxError::OutputCount { found: 0 })
        );
    }

    #[test]
    fn other_domains_and_external_data_are_refused() {
        let (mut nodes, inits) = two_layers();
        nodes[1].domain = "com.microsoft".into();
        assert_eq!(
            import_onnx(&model(nodes, inits, "y")),
            Err(OnnxError::UnsupportedOp {
                op: "com.microsoft::Relu".into(),
                node: "/1/Relu".into(),
            })
        );
        let (nodes, mut inits) = two_layers();
        inits[0].data_location = EXTERNAL;
        assert_eq!(
            import_onnx(&model(nodes, inits, "y")),
            Err(OnnxError::ExternalData { name: "w0".into() })
        );
        let (nodes, mut inits) = two_layers();
        inits[1].data_type = 11;
        let err = import_onnx(&model(nodes, inits, "y")).unwrap_err();
        assert_eq!(
            err,
            OnnxError::TensorType {
                name: "b0".into(),
                data_type: 11,
                expected: FLOAT,
            }
        );
        assert_eq!(
            err.to_string(),
            "ONNX tensor \"b0\": data type 11, where float32 (1) is needed"
        );
    }

    /// One value of every variant, in declaration order.
    pub(crate) fn every_onnx_error() -> Vec<OnnxError> {
        let decode = ModelProto::decode(&[0x0a_u8][..]).unwrap_err();
        let node = || "/0/Gemm".to_owned();
        let op = || "Gemm".to_owned();
        let name = || "w0".to_owned();
        vec![
            OnnxError::Decode(decode),
            OnnxError::NoGraph,
            OnnxError::NoOpset,
            OnnxError::OldOpset { version: 6, min: 7 },
            OnnxError::InputCount { found: 2 },
            OnnxError::OutputCount { found: 0 },
            OnnxError::InputType {
                input: "x".into(),
                elem_type: 7,
            },
            OnnxError::InputRank {
                input: "x".into(),
                rank: 3,
            },
            OnnxError::InputWidth {
                input: "x".into(),
                width: -1,
            },
            OnnxError::UnsupportedOp {
                op: "Tanh".into(),
                node: "/1/Tanh".into(),
            },
            OnnxError::Unsupported {
                node: node(),
                op: op(),
                reason: "transA = 1 is not supported",
            },
            OnnxError::FlattenAxis {
                node: "/f".into(),
                axis: 0,
            },
            OnnxError::ConstantAttribute {
                node: "/c".into(),
                attribute: "value_ints".into(),
            },
            OnnxError::MissingInitializer {
                node: node(),
                op: op(),
                name: name(),
            },
            OnnxError::ExternalData { name: name() },
            OnnxError::TensorType {
                name: name(),
                data_type: 11,
                expected: FLOAT,
            },
            OnnxError::NegativeDimension {
                name: name(),
                dims: vec![1, -2],
            },
            OnnxError::RawDataLength {
                name: name(),
                bytes: 6,
                values: 2,
            },
            OnnxError::FloatDataLength {
                name: name(),
                found: 3,
                dims: vec![2, 2],
            },
            OnnxError::NonFiniteWeight {
                name: name(),
                index: 1,
                value: f32::NAN,
            },
            OnnxError::NonPositiveVariance {
                name: "var".into(),
                index: 2,
                variance: -0.123_456,
                epsilon: 1e-5,
            },
            OnnxError::TensorTooLarge {
                name: name(),
                dims: vec![1 << 20, 1 << 20],
                limit: MAX_TENSOR_VALUES,
            },
            OnnxError::ShapeMismatch {
                node: node(),
                op: op(),
                what: "weight",
                expected: ExpectedShape::Matrix,
                found: vec![4],
            },
            OnnxError::NotAChain {
                node: node(),
                op: op(),
                previous: "r".into(),
            },
            OnnxError::ChainEnd {
                end: "y".into(),
                output: "z".into(),
            },
            OnnxError::ReluOnInputs,
            OnnxError::ReluOnOutput,
            OnnxError::MissingRelu { node: node() },
            OnnxError::NoDenseLayer,
            OnnxError::OutputWidth {
                node: node(),
                width: 2,
            },
            OnnxError::EmptyLayer {
                node: node(),
                n_in: 2,
                n_out: 0,
            },
            OnnxError::LayerOverflow {
                node: node(),
                parameter: "bias",
                index: 0,
            },
            OnnxError::Layer {
                node: node(),
                refusal: CoxNet::new(Vec::new()).unwrap_err(),
            },
        ]
    }

    /// Which variant `e` is; a new variant breaks this match, so the list above must grow
    /// with the enum.
    fn index(e: &OnnxError) -> usize {
        match e {
            OnnxError::Decode(_) => 0,
            OnnxError::NoGraph => 1,
            OnnxError::NoOpset => 2,
            OnnxError::OldOpset { .. } => 3,
            OnnxError::InputCount { .. } => 4,
            OnnxError::OutputCount { .. } => 5,
            OnnxError::InputType { .. } => 6,
            OnnxError::InputRank { .. } => 7,
            OnnxError::InputWidth { .. } => 8,
            OnnxError::UnsupportedOp { .. } => 9,
            OnnxError::Unsupported { .. } => 10,
            OnnxError::FlattenAxis { .. } => 11,
            OnnxError::ConstantAttribute { .. } => 12,
            OnnxError::MissingInitializer { .. } => 13,
            OnnxError::ExternalData { .. } => 14,
            OnnxError::TensorType { .. } => 15,
            OnnxError::NegativeDimension { .. } => 16,
            OnnxError::RawDataLength { .. } => 17,
            OnnxError::FloatDataLength { .. } => 18,
            OnnxError::NonFiniteWeight { .. } => 19,
            OnnxError::NonPositiveVariance { .. } => 20,
            OnnxError::TensorTooLarge { .. } => 21,
            OnnxError::ShapeMismatch { .. } => 22,
            OnnxError::NotAChain { .. } => 23,
            OnnxError::ChainEnd { .. } => 24,
            OnnxError::ReluOnInputs => 25,
            OnnxError::ReluOnOutput => 26,
            OnnxError::MissingRelu { .. } => 27,
            OnnxError::NoDenseLayer => 28,
            OnnxError::OutputWidth { .. } => 29,
            OnnxError::EmptyLayer { .. } => 30,
            OnnxError::LayerOverflow { .. } => 31,
            OnnxError::Layer { .. } => 32,
        }
    }

    #[test]
    fn every_variant_has_its_own_snake_case_code() {
        let errors = every_onnx_error();
        let seen: Vec<usize> = errors.iter().map(index).collect();
        assert_eq!(
            seen,
            (0..errors.len()).collect::<Vec<_>>(),
            "one per variant"
        );
        let codes: BTreeSet<&str> = errors.iter().map(OnnxError::code).collect();
        assert_eq!(codes.len(), errors.len(), "{codes:?}");
        assert!(
            codes.iter().all(|c| crate::error::tests::is_snake_case(c)),
            "{codes:?}"
        );
    }

    #[test]
    fn messages_are_sentences_that_name_the_place() {
        for e in every_onnx_error() {
            let text = e.to_string();
            assert!(
                !text.contains('{') && !text.contains("::") && !text.contains("Some("),
                "{text}"
            );
            if let Some(node) = e.node() {
                assert!(text.contains(&format!("\"{node}\"")), "{text}");
            }
            if let Some(tensor) = e.tensor() {
                assert!(text.contains(&format!("\"{tensor}\"")), "{text}");
            }
        }
        let variance = OnnxError::NonPositiveVariance {
            name: "var".into(),
            index: 2,
            variance: -0.123_456,
            epsilon: 1e-5,
        };
        assert_eq!(
            variance.to_string(),
            "ONNX tensor \"var\": variance 2 is -0.1235, which plus epsilon 1e-5 is not positive"
        );
    }
}
