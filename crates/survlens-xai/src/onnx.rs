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

use survlens_model::{CoxNet, Dense};

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
#[derive(Debug, thiserror::Error, Clone, PartialEq)]
#[non_exhaustive]
pub enum OnnxError {
    /// The bytes are not a protobuf ONNX model (e.g. a truncated or corrupted file).
    #[error("not a readable ONNX model: {0}")]
    Decode(String),
    /// The model holds no graph.
    #[error("the ONNX model has no graph")]
    NoGraph,
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
    #[error("ONNX node {node:?} ({op}): {message}")]
    Unsupported {
        /// The node's name.
        node: String,
        /// Its operator.
        op: String,
        /// What is not supported.
        message: String,
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
    /// A tensor whose shape, type or data cannot be used.
    #[error("ONNX tensor {name:?}: {message}")]
    Tensor {
        /// The tensor's name.
        name: String,
        /// What is wrong with it.
        message: String,
    },
    /// A tensor with more values than [`MAX_TENSOR_VALUES`], or dimensions whose product
    /// overflows.
    #[error("ONNX tensor {name:?} has dimensions {dims:?}: more than {limit} values")]
    TensorTooLarge {
        /// The tensor's name.
        name: String,
        /// Its dimensions as stored.
        dims: Vec<i64>,
        /// The limit.
        limit: usize,
    },
    /// A weight whose shape does not fit the layer it belongs to.
    #[error("ONNX node {node:?} ({op}): {what} has shape {found:?}, expected {expected}")]
    ShapeMismatch {
        /// The node's name.
        node: String,
        /// Its operator.
        op: String,
        /// Which tensor.
        what: String,
        /// The shape expected, in words.
        expected: String,
        /// The shape found.
        found: Vec<usize>,
    },
    /// The graph is not a chain from one input to one output.
    #[error("ONNX graph: {0}")]
    Graph(String),
    /// The layers read do not form a Cox network (dense layers with ReLU between them and
    /// one linear output).
    #[error("the ONNX graph is not a Cox network: {0}")]
    Network(String),
}

impl OnnxError {
    /// A stable machine-readable name of the problem kind (the variant in snake case,
    /// `"decode"`, `"unsupported_op"`, ...), for the command line's output and for tests; it
    /// never changes with the wording.
    pub fn code(&self) -> &'static str {
        match self {
            OnnxError::Decode(_) => "decode",
            OnnxError::NoGraph => "no_graph",
            OnnxError::UnsupportedOp { .. } => "unsupported_op",
            OnnxError::Unsupported { .. } => "unsupported",
            OnnxError::MissingInitializer { .. } => "missing_initializer",
            OnnxError::Tensor { .. } => "tensor",
            OnnxError::TensorTooLarge { .. } => "tensor_too_large",
            OnnxError::ShapeMismatch { .. } => "shape_mismatch",
            OnnxError::Graph(_) => "graph",
            OnnxError::Network(_) => "network",
        }
    }
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
    let model = <ModelProto as prost::Message>::decode(bytes)
        .map_err(|e| OnnxError::Decode(e.to_string()))?;
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
            return Err(OnnxError::Graph(format!(
                "opset {} is older than {MIN_OPSET}, the oldest survlens reads",
                o.version
            )));
        }
        None => {
            return Err(OnnxError::Graph(
                "the model declares no opset for the default ONNX domain".into(),
            ));
        }
    }
    let producer = format!("{} {}", model.producer_name, model.producer_version)
        .trim()
        .to_owned();
    let reader = GraphReader::new(graph);
    let (input_name, width) = reader.graph_input()?;
    let output_name = match graph.output.as_slice() {
        [one] => one.name.clone(),
        outputs => {
            return Err(OnnxError::Graph(format!(
                "a Cox network has one output (the log-risk), this graph has {}",
                outputs.len()
            )));
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
            return Err(OnnxError::Graph(format!(
                "a Cox network has one input (patients x inputs), this graph has {}",
                inputs.len()
            )));
        };
        let mut width = None;
        if let Some(proto::TypeProto {
            value: Some(proto::type_proto::Value::TensorType(t)),
        }) = &input.r#type
        {
            if t.elem_type != FLOAT && t.elem_type != 0 {
                return Err(OnnxError::Graph(format!(
                    "input {:?} has element type {}, survlens reads float32 (1)",
                    input.name, t.elem_type
                )));
            }
            if let Some(shape) = &t.shape {
                if shape.dim.len() != 2 {
                    return Err(OnnxError::Graph(format!(
                        "input {:?} has {} dimensions, expected 2 (patients x inputs)",
                        input.name,
                        shape.dim.len()
                    )));
                }
                if let Some(proto::tensor_shape_proto::Dimension {
                    value: Some(proto::tensor_shape_proto::dimension::Value::DimValue(d)),
                }) = shape.dim.get(1)
                {
                    width = Some(usize::try_from(*d).map_err(|_| {
                        OnnxError::Graph(format!("input {:?} has width {d}", input.name))
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
                    .ok_or_else(|| unsupported(node, "no output"))?;
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
                return Err(OnnxError::Graph(format!(
                    "node {name:?} ({op}) does not take {current:?}, the output of the node \
                     before it: survlens reads chains (nn.Sequential), not branching graphs"
                )));
            };
            match op {
                "Gemm" => {
                    if attr_int(node, "transA", 0) != 0 {
                        return Err(unsupported(node, "transA = 1"));
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
                        return Err(unsupported(node, "training_mode = true"));
                    }
                }
                "Flatten" => {
                    let axis = attr_int(node, "axis", 1);
                    if axis != 1 && axis != -1 {
                        return Err(unsupported(
                            node,
                            &format!("axis = {axis} (only axis 1 on patients x inputs)"),
                        ));
                    }
                }
                // Identity, and a ReLU right after a ReLU: nothing to do.
                _ => {}
            }
            current = node
                .output
                .first()
                .filter(|s| !s.is_empty())
                .ok_or_else(|| unsupported(node, "no output"))?
                .clone();
        }
        if current != output {
            return Err(OnnxError::Graph(format!(
                "the chain from the input ends at {current:?}, but the graph output is {output:?}"
            )));
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
            return Err(OnnxError::Tensor {
                name: name.clone(),
                message: format!("data type {} where a boolean (9) was expected", t.data_type),
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
        other => Err(unsupported(node, &format!("a Constant given as {other}"))),
    }
}

/// Decodes a float32 tensor, checking its size before trusting any length.
fn float_tensor(t: &TensorProto, name: &str) -> Result<FloatTensor, OnnxError> {
    let bad = |message: String| OnnxError::Tensor {
        name: name.to_owned(),
        message,
    };
    if t.data_location == EXTERNAL {
        return Err(bad(
            "data in an external file; save the model with its weights inside".into(),
        ));
    }
    if t.data_type != FLOAT {
        return Err(bad(format!(
            "data type {}, survlens reads float32 (1) weights",
            t.data_type
        )));
    }
    let too_large = || OnnxError::TensorTooLarge {
        name: name.to_owned(),
        dims: t.dims.clone(),
        limit: MAX_TENSOR_VALUES,
    };
    let mut dims = Vec::with_capacity(t.dims.len());
    let mut count: usize = 1;
    for &d in &t.dims {
        let d =
            usize::try_from(d).map_err(|_| bad(format!("negative dimension in {:?}", t.dims)))?;
        count = count.checked_mul(d).ok_or_else(too_large)?;
        dims.push(d);
    }
    if count > MAX_TENSOR_VALUES {
        return Err(too_large());
    }
    let data: Vec<f32> = if !t.raw_data.is_empty() {
        if t.raw_data.len() != count * 4 {
            return Err(bad(format!(
                "{} bytes of raw data for {count} float32 values",
                t.raw_data.len()
            )));
        }
        t.raw_data
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    } else {
        if t.float_data.len() != count {
            return Err(bad(format!(
                "{} float values for dimensions {:?}",
                t.float_data.len(),
                t.dims
            )));
        }
        t.float_data.clone()
    };
    if let Some(k) = data.iter().position(|v| !v.is_finite()) {
        return Err(bad(format!("value {k} is {}", data[k])));
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
            "2 dimensions".into(),
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
            format!("[outputs, {w}]")
        } else {
            format!("[{w}, outputs]")
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
            format!("[{n_out}], [1, {n_out}] or one value"),
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
            "training mode (export the model in eval mode)",
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
    let eps = f64::from(attr_float(node, "epsilon", 1e-5));
    let mut params = Vec::with_capacity(4);
    for (k, what) in ["scale", "bias", "mean", "var"].into_iter().enumerate() {
        let t = consts.float(node.input.get(k + 1))?;
        if t.data.len() != *n_out {
            return Err(shape_mismatch(node, what, format!("[{n_out}]"), &t.dims));
        }
        params.push(t.data);
    }
    let [scale, beta, mean, var] = params.as_slice() else {
        return Err(unsupported(node, "missing parameters"));
    };
    for j in 0..*n_out {
        let denom = f64::from(var[j]) + eps;
        if denom <= 0.0 {
            return Err(OnnxError::Tensor {
                name: node.input.get(4).cloned().unwrap_or_default(),
                message: format!("variance {} plus epsilon {eps} is not positive", var[j]),
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
    let mut relu_pending = false;
    let n_stages = stages.len();
    for (k, stage) in stages.into_iter().enumerate() {
        match stage {
            Stage::Relu if layers.is_empty() => {
                return Err(OnnxError::Network(
                    "a ReLU on the inputs, before the first dense layer".into(),
                ));
            }
            Stage::Relu if k + 1 == n_stages => {
                return Err(OnnxError::Network(
                    "a ReLU after the last dense layer: the log-risk must be linear".into(),
                ));
            }
            Stage::Relu => relu_pending = true,
            Stage::Linear {
                n_in,
                n_out,
                weight,
                bias,
                node,
            } => {
                if !layers.is_empty() && !relu_pending {
                    return Err(OnnxError::Network(format!(
                        "node {node:?} follows another dense layer without a ReLU between them"
                    )));
                }
                relu_pending = false;
                let weight = weight.into_iter().map(|w| w as f32).collect();
                let bias = bias.into_iter().map(|b| b as f32).collect();
                layers.push(
                    Dense::new(n_in, n_out, weight, bias)
                        .map_err(|e| OnnxError::Network(format!("node {node:?}: {e}")))?,
                );
            }
        }
    }
    CoxNet::new(layers).map_err(|e| OnnxError::Network(e.to_string()))
}

fn node_name(node: &NodeProto) -> String {
    if node.name.is_empty() {
        node.output.first().cloned().unwrap_or_default()
    } else {
        node.name.clone()
    }
}

fn unsupported(node: &NodeProto, message: &str) -> OnnxError {
    OnnxError::Unsupported {
        node: node_name(node),
        op: node.op_type.clone(),
        message: message.to_owned(),
    }
}

fn shape_mismatch(node: &NodeProto, what: &str, expected: String, found: &[usize]) -> OnnxError {
    OnnxError::ShapeMismatch {
        node: node_name(node),
        op: node.op_type.clone(),
        what: what.to_owned(),
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
mod tests {
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
        assert!(matches!(
            import_onnx(&model(nodes, inits, "y")),
            Err(OnnxError::Tensor { .. })
        ));
        let (nodes, mut inits) = two_layers();
        inits[0].float_data.pop();
        assert!(matches!(
            import_onnx(&model(nodes, inits, "y")),
            Err(OnnxError::Tensor { .. })
        ));
    }

    #[test]
    fn shapes_must_chain() {
        let (nodes, mut inits) = two_layers();
        inits[2] = tensor("w1", &[1, 3], &[1.0, 1.0, 1.0]);
        assert!(matches!(
            import_onnx(&model(nodes, inits, "y")),
            Err(OnnxError::ShapeMismatch { ref node, .. }) if node == "/2/Gemm"
        ));
        let (nodes, mut inits) = two_layers();
        inits[1] = tensor("b0", &[3], &[0.0; 3]);
        assert!(matches!(
            import_onnx(&model(nodes, inits, "y")),
            Err(OnnxError::ShapeMismatch { .. })
        ));
    }

    #[test]
    fn only_dense_relu_chains_are_cox_networks() {
        // No ReLU between the layers.
        let (mut nodes, inits) = two_layers();
        nodes[1] = node("Identity", "/1/Identity", &["h"], "r");
        assert!(matches!(
            import_onnx(&model(nodes, inits, "y")),
            Err(OnnxError::Network(_))
        ));
        // A ReLU after the output.
        let (mut nodes, inits) = two_layers();
        nodes.push(node("Relu", "/3/Relu", &["y"], "z"));
        assert!(matches!(
            import_onnx(&model(nodes, inits, "z")),
            Err(OnnxError::Network(_))
        ));
        // A branch: the second layer reads the pre-activation, skipping the ReLU.
        let (mut nodes, inits) = two_layers();
        nodes[2] = gemm("/2/Gemm", &["h", "w1", "b1"], "y");
        assert!(matches!(
            import_onnx(&model(nodes, inits, "y")),
            Err(OnnxError::Graph(_))
        ));
        // The chain does not end at the graph output.
        let (nodes, inits) = two_layers();
        assert!(matches!(
            import_onnx(&model(nodes, inits, "r")),
            Err(OnnxError::Graph(_))
        ));
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
        assert!(matches!(
            import_onnx(&model(nodes, inits, "y")),
            Err(OnnxError::Tensor { .. })
        ));
    }
}
