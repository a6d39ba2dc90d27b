//! The pool's tasks: work the job worker hands to other workers of the page (members, one
//! per core), as pure functions of their inputs, so a member computes exactly what the job
//! worker would have. A task crosses as a small JSON header plus columnar `f32` buffers
//! ([`Wire`]), which the page's workers move as transferable `Float32Array`s; the network
//! travels as its layers' shapes and weights. Each member gets only the rows its task needs.

use serde::{Deserialize, Serialize};
use std::sync::{Arc, Weak};

use survlens_model::network::Dense;
use survlens_model::train::TrainConfig;
use survlens_model::{
    AutoConfig, CoxNet, DrawSpan, LayerGradient, MemberGround, MemberRecord, MemberTask,
    NetGradient, ShardBackward, ShardDropout, ShardForward, ShardPass, ShardTask, SurvivalData,
    TrainedMember,
};
use survlens_xai::interactions::{
    FoldScreenTask, FoldScreened, MarkerScale, Outcomes, PairTestTask, PairsTested, PlannedTest,
    SearchSettings, TestGround,
};
use survlens_xai::{Composite, Grouping, Lrp};

use crate::analysis::crossfit::NetworkTask;
use crate::core::error::ComputeError;
use crate::job::pipeline::EXPLAIN_CHUNK;

/// Why a task could not be read or run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PoolError {
    /// The header is not a task's or a result's JSON.
    #[error("a pool message's header cannot be read: {serde}")]
    Header {
        /// serde_json's own words.
        serde: String,
    },
    /// The buffers do not fit the header: another count or length.
    #[error("a pool message carries {found} values in buffer {buffer}, {expected} expected")]
    Buffer {
        /// Which buffer (0 first; missing buffers count as empty).
        buffer: usize,
        /// Values the header announces.
        expected: usize,
        /// Values the buffer holds.
        found: usize,
    },
    /// The network or the explainer refused (a shape, a non-finite input).
    #[error(transparent)]
    Compute(#[from] ComputeError),
    /// The member reported a failure, in its own words.
    #[error("a pool worker failed: {message}")]
    Member {
        /// The failure's stable code.
        code: String,
        /// Its sentence.
        message: String,
    },
}

impl PoolError {
    /// A stable machine-readable name of the problem kind; it never changes with the
    /// wording.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Header { .. } => "pool_header",
            Self::Buffer { .. } => "pool_buffer",
            Self::Compute(e) => e.code(),
            Self::Member { .. } => "pool_member",
        }
    }
}

/// Work for one worker of the pool.
#[derive(Clone, Debug, PartialEq)]
pub enum Task {
    /// Explain contiguous patients with LRP (the study's rule) and group their relevances
    /// into markers, as the job explains its own share.
    ExplainRows(ExplainRows),
    /// A share of a training mini-batch: its forward pass, or the backward pass of the
    /// share whose forward pass the same member ran ([`survlens_model::ShardTask`]).
    Train(ShardTask),
    /// One member of the `auto` recipe, trained to its end ([`survlens_model::MemberTask`]).
    TrainMember(MemberTask),
    /// One of the interaction search's cross-fitted networks, trained to its end.
    TrainNetwork(NetworkTask),
    /// One fold of the interaction search, screened in its network and on its outcomes.
    ScreenFold(Box<FoldScreenTask>),
    /// A batch of the interaction search's pair tests.
    TestPairs(PairTestTask),
}

/// Patients `start..start + rows` of the cohort to explain.
#[derive(Clone, Debug, PartialEq)]
pub struct ExplainRows {
    /// The first patient's index in the cohort (names the result).
    pub start: usize,
    /// How many patients.
    pub rows: usize,
    /// The network explained.
    pub network: CoxNet,
    /// Encoded input -> marker.
    pub input_to_marker: Vec<usize>,
    /// Markers per patient.
    pub n_markers: usize,
    /// The patients' encoded inputs, `rows x inputs`.
    pub x: Vec<f32>,
}

/// What a task gives back.
#[derive(Clone, Debug, PartialEq)]
pub enum TaskResult {
    /// Patients `start..start + rows` explained.
    Explained(Explained),
    /// A training share's log-risks.
    ShardRisks {
        /// The trainer's step.
        step: u64,
        /// The share.
        shard: usize,
        /// One per patient of the share.
        risk: Vec<f32>,
    },
    /// A training share's parameter gradient.
    ShardGradient {
        /// The trainer's step.
        step: u64,
        /// The share.
        shard: usize,
        /// The gradient of the loss over the share's patients.
        gradient: NetGradient,
    },
    /// A member of the `auto` recipe, trained.
    Member(TrainedMember),
    /// A cross-fitted network of the interaction search, trained.
    Network {
        /// Its fold.
        fold: usize,
        /// The network.
        network: CoxNet,
    },
    /// A fold of the interaction search, screened.
    Screened(Box<FoldScreened>),
    /// A batch of the interaction search's pair tests, tested.
    Tested(PairsTested),
}

/// Explained patients: their log-risks, relevances per marker and what the biases absorb.
#[derive(Clone, Debug, PartialEq)]
pub struct Explained {
    /// The first patient's index in the cohort.
    pub start: usize,
    /// How many patients.
    pub rows: usize,
    /// Log-risk per patient.
    pub risk: Vec<f32>,
    /// Relevance per marker, `rows x n_markers`.
    pub relevance: Vec<f32>,
    /// What the network's biases and the rule's stabiliser absorb, per patient.
    pub bias_relevance: Vec<f32>,
}

/// Explains `rows` patients of `x` into the caller's buffers (`risk`, `bias`: `rows`;
/// `relevance`: `rows x n_markers`, zeroed), [`EXPLAIN_CHUNK`] at a time so the per-input
/// relevances held at once stay bounded. The job and the pool's members run this same
/// function, so a patient's relevances do not depend on which worker computes them.
pub(crate) fn explain_into(
    lrp: &Lrp,
    x: &[f32],
    input_to_marker: &[usize],
    n_markers: usize,
    risk: &mut [f32],
    relevance: &mut [f32],
    bias: &mut [f32],
) -> Result<(), ComputeError> {
    let p = lrp.n_inputs();
    let rows = risk.len();
    let mut done = 0;
    while done < rows {
        let chunk = EXPLAIN_CHUNK.min(rows - done);
        let relevances = lrp.explain_batch(&x[done * p..(done + chunk) * p], chunk)?;
        risk[done..done + chunk].copy_from_slice(relevances.outputs());
        for i in 0..chunk {
            let row = relevances.row(i).unwrap_or_default();
            let patient = done + i;
            let out = &mut relevance[patient * n_markers..(patient + 1) * n_markers];
            for (&r, &j) in row.iter().zip(input_to_marker) {
                out[j] += r;
            }
            bias[patient] = relevances
                .accounting(i)
                .map_or(0.0, |a| a.bias_share + a.stabilizer_share);
        }
        done += chunk;
    }
    Ok(())
}

/// A member of the pool: runs each task it is sent and keeps, between a training share's
/// forward and backward pass, what the backward pass needs, and between batches of one
/// fold's pair tests, that fold's test patients ([`Holdings`] tracks the same on the
/// sending side).
#[derive(Debug, Default)]
pub struct Member {
    /// The training share whose forward pass it ran last.
    pass: Option<ShardPass>,
    /// The test ground of the batch of pair tests it ran last, while it runs nothing else,
    /// with the number the sender gave it (0: none).
    ground: Option<(u64, Arc<TestGround>)>,
}

impl Member {
    /// Answers a task's message with its result's message, or with its failure's: what a
    /// member of the pool does with each message it receives. A batch of pair tests may
    /// come without its patients ([`Holdings::wire`]): it reads those of the batch before.
    /// After a failure the member keeps no test ground, as [`Holdings::forget`] records.
    pub fn answer(&mut self, wire: Wire) -> Wire {
        match self.receive(wire) {
            Ok(result) => result.to_wire(),
            Err(e) => {
                self.ground = None;
                TaskResult::failure_wire(&e)
            }
        }
    }

    /// Reads and runs a task's message.
    fn receive(&mut self, wire: Wire) -> Result<TaskResult, PoolError> {
        let Wire { header, buffers } = wire;
        let header = Header::read(&header)?;
        // The number a batch's test patients are kept under (0 for any other task).
        let mut keep_as = match &header {
            Header::TestPairs { ground, .. } => *ground,
            _ => 0,
        };
        let task = match header {
            Header::TestHeldPairs {
                batch,
                ground,
                patients,
                tests,
            } => {
                let mut buffers = buffers;
                let tests = tests_from_wire(tests, &mut buffers, 0, patients)?;
                let kept = self
                    .ground
                    .as_ref()
                    .filter(|(number, kept)| {
                        *number == ground && ground != 0 && kept.n_patients() == patients
                    })
                    .map(|(_, g)| Arc::clone(g))
                    .ok_or_else(|| PoolError::Header {
                        serde: format!(
                            "batch {batch} of pair tests reads test patients this worker does \
                             not keep"
                        ),
                    })?;
                keep_as = ground;
                Task::TestPairs(PairTestTask {
                    batch,
                    ground: kept,
                    tests,
                })
            }
            header => Task::from_header(header, buffers)?,
        };
        self.run_keeping(task, keep_as)
    }

    /// Runs a task: what a member of the pool does with each message.
    ///
    /// # Errors
    /// [`PoolError::Compute`] when the network cannot be explained or trained, an input is
    /// not finite, or a backward pass is not for the share this member holds;
    /// [`PoolError::Buffer`] when the inputs do not fit the network.
    pub fn run(&mut self, task: Task) -> Result<TaskResult, PoolError> {
        self.run_keeping(task, 0)
    }

    /// [`Member::run`], keeping a batch's test patients under `number` ([`Holdings`]); any
    /// other task ends the keeping.
    fn run_keeping(&mut self, task: Task, number: u64) -> Result<TaskResult, PoolError> {
        self.ground = match &task {
            Task::TestPairs(t) => Some((number, Arc::clone(&t.ground))),
            _ => None,
        };
        match task {
            Task::ExplainRows(t) => explain(&t),
            Task::TrainMember(t) => Ok(TaskResult::Member(t.run().map_err(ComputeError::from)?)),
            Task::TrainNetwork(t) => Ok(TaskResult::Network {
                fold: t.fold,
                network: t.run()?,
            }),
            Task::ScreenFold(t) => Ok(TaskResult::Screened(Box::new(
                t.run().map_err(ComputeError::from)?,
            ))),
            Task::TestPairs(t) => Ok(TaskResult::Tested(t.run().map_err(ComputeError::from)?)),
            Task::Train(ShardTask::Forward(forward)) => {
                let (step, shard) = (forward.step, forward.shard);
                self.pass = None;
                let (pass, risk) = ShardPass::forward(forward).map_err(ComputeError::from)?;
                self.pass = Some(pass);
                Ok(TaskResult::ShardRisks { step, shard, risk })
            }
            Task::Train(ShardTask::Backward(backward)) => {
                let mut pass = self.pass.take().ok_or_else(|| {
                    ComputeError::from(survlens_model::ModelError::shape(
                        "training share's backward pass",
                        survlens_model::ShapeProblem::NotAwaited,
                    ))
                })?;
                let gradient = pass
                    .backward(&backward)
                    .map_err(ComputeError::from)?
                    .clone();
                Ok(TaskResult::ShardGradient {
                    step: backward.step,
                    shard: backward.shard,
                    gradient,
                })
            }
        }
    }
}

/// Explains a task's patients.
fn explain(t: &ExplainRows) -> Result<TaskResult, PoolError> {
    let lrp = Lrp::new(&t.network, &Composite::paper()).map_err(ComputeError::from)?;
    let expected = t.rows * lrp.n_inputs();
    if t.x.len() != expected || t.input_to_marker.len() != lrp.n_inputs() {
        return Err(PoolError::Buffer {
            buffer: 0,
            expected,
            found: t.x.len(),
        });
    }
    if let Some(&bad) = t.input_to_marker.iter().find(|&&j| j >= t.n_markers) {
        return Err(PoolError::Buffer {
            buffer: 0,
            expected: t.n_markers,
            found: bad,
        });
    }
    let mut risk = vec![0.0; t.rows];
    let mut relevance = vec![0.0; t.rows * t.n_markers];
    let mut bias = vec![0.0; t.rows];
    explain_into(
        &lrp,
        &t.x,
        &t.input_to_marker,
        t.n_markers,
        &mut risk,
        &mut relevance,
        &mut bias,
    )?;
    Ok(TaskResult::Explained(Explained {
        start: t.start,
        rows: t.rows,
        risk,
        relevance,
        bias_relevance: bias,
    }))
}

/// A message of the pool as it crosses between workers: a JSON header and `f32` buffers
/// (each moved, not copied, as a transferable `Float32Array`).
#[derive(Clone, Debug, PartialEq)]
pub struct Wire {
    /// What the buffers are.
    pub header: String,
    /// The columns, in the header's order.
    pub buffers: Vec<Vec<f32>>,
}

/// The JSON header of a pool message.
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Header {
    /// [`Task::ExplainRows`]; buffers: `x`, then each layer's weight and bias.
    ExplainRows {
        start: usize,
        rows: usize,
        n_markers: usize,
        input_to_marker: Vec<usize>,
        /// `(n_in, n_out)` of each layer, input side first.
        layers: Vec<(usize, usize)>,
    },
    /// [`TaskResult::Explained`]; buffers: risk, relevance, bias relevance.
    Explained {
        start: usize,
        rows: usize,
        n_markers: usize,
    },
    /// [`ShardTask::Forward`]; buffers: `x`, then each layer's weight and bias.
    TrainForward {
        step: u64,
        shard: usize,
        rows: usize,
        input_dropout: f32,
        hidden_dropout: f32,
        seed: u64,
        stream: u64,
        span: DrawSpan,
        layers: Vec<(usize, usize)>,
    },
    /// [`ShardTask::Backward`]; buffer: the gradient of each log-risk.
    TrainBackward {
        step: u64,
        shard: usize,
        rows: usize,
    },
    /// [`TaskResult::ShardRisks`]; buffer: the log-risks.
    ShardRisks {
        step: u64,
        shard: usize,
        rows: usize,
    },
    /// [`TaskResult::ShardGradient`]; buffers: each layer's weight and bias gradient.
    ShardGradient {
        step: u64,
        shard: usize,
        layers: Vec<(usize, usize)>,
    },
    /// [`Task::TrainMember`]; buffer: the cohort's inputs `x`. Times, events and folds
    /// travel in the header: exact (`f64` in JSON reads back bit for bit) and small beside
    /// `x`.
    TrainMember {
        index: usize,
        candidate: usize,
        fold: usize,
        config: AutoConfig,
        n_features: usize,
        time: Vec<f64>,
        event: Vec<bool>,
        fold_of: Vec<usize>,
    },
    /// [`TaskResult::Member`]; buffers: each layer's weight and bias. `record` is the
    /// member's record and out-of-fold log-risks in the page's worker codec (bincode), which
    /// keeps a NaN (a validation without a comparable pair) that JSON cannot.
    TrainedMember {
        index: usize,
        record: Vec<u8>,
        layers: Vec<(usize, usize)>,
    },
    /// [`Task::TrainNetwork`]; buffers: the training patients' inputs, then the stopping
    /// patients'. Their outcomes travel in the header, exactly as for [`Header::TrainMember`].
    TrainNetwork {
        fold: usize,
        config: TrainConfig,
        n_features: usize,
        train_time: Vec<f64>,
        train_event: Vec<bool>,
        validation_time: Vec<f64>,
        validation_event: Vec<bool>,
    },
    /// [`TaskResult::Network`]; buffers: each layer's weight and bias.
    TrainedNetwork {
        fold: usize,
        layers: Vec<(usize, usize)>,
    },
    /// [`Task::ScreenFold`]; buffers: the screening patients' inputs and raw values, then
    /// each layer's weight and bias. The screening patients' outcomes and strata travel in
    /// the header.
    ScreenFold {
        fold: usize,
        settings: SearchSettings,
        n_markers: usize,
        input_to_marker: Vec<usize>,
        missing_indicator: Vec<Option<usize>>,
        excluded: Vec<usize>,
        times: Vec<f64>,
        events: Vec<bool>,
        strata: Vec<u32>,
        scales: Vec<MarkerScale>,
        layers: Vec<(usize, usize)>,
    },
    /// [`TaskResult::Screened`]; buffer: the screens in the record codec, `bytes` long
    /// ([`bytes_to_wire`]).
    Screened { fold: usize, bytes: usize },
    /// [`Task::TestPairs`]; buffers: the test patients' raw values, each test's offsets as
    /// `f64` bits ([`f64s_to_wire`]) one test after the other, and the covariates' likewise.
    TestPairs {
        batch: usize,
        n_markers: usize,
        times: Vec<f64>,
        events: Vec<bool>,
        strata: Vec<u32>,
        scales: Vec<MarkerScale>,
        excluded: Vec<usize>,
        covariates: usize,
        tests: Vec<WireTest>,
        /// The number the member keeps these test patients by ([`Holdings`]); 0: none.
        #[serde(default)]
        ground: u64,
    },
    /// [`Task::TestPairs`] to a member that keeps the batch's test ground, numbered
    /// `ground`, from an earlier batch of the same fold ([`Holdings`]); buffer: each test's
    /// offsets, as for [`Header::TestPairs`].
    TestHeldPairs {
        batch: usize,
        ground: u64,
        patients: usize,
        tests: Vec<WireTest>,
    },
    /// [`TaskResult::Tested`]; buffer: `(index, test)` of each test in the record codec,
    /// `bytes` long ([`bytes_to_wire`]).
    Tested { batch: usize, bytes: usize },
    /// A failed task, with its code and sentence.
    Failed { code: String, message: String },
}

/// A pair test of [`Header::TestPairs`] but its offsets.
#[derive(Serialize, Deserialize)]
struct WireTest {
    index: usize,
    a: usize,
    b: usize,
    given: Vec<(usize, usize)>,
}

/// The codec of a trained member's record and out-of-fold log-risks, and of the interaction
/// search's screens and tests.
const RECORD_CODEC: bincode::config::Configuration = bincode::config::standard();

/// Bytes as a buffer: four to a value, by its bits (little-endian, the last value padded
/// with zeros). Workers move a buffer's bytes as they are, so the bytes read back exactly
/// ([`bytes_from_wire`]).
fn bytes_to_wire(bytes: &[u8]) -> Vec<f32> {
    bytes
        .chunks(4)
        .map(|four| {
            let mut word = [0u8; 4];
            word[..four.len()].copy_from_slice(four);
            f32::from_bits(u32::from_le_bytes(word))
        })
        .collect()
}

/// The first `len` bytes of buffer `i` ([`bytes_to_wire`]).
fn bytes_from_wire(buffers: &mut [Vec<f32>], i: usize, len: usize) -> Result<Vec<u8>, PoolError> {
    let words = take(buffers, i, len.div_ceil(4))?;
    let mut bytes: Vec<u8> = words
        .iter()
        .flat_map(|w| w.to_bits().to_le_bytes())
        .collect();
    bytes.truncate(len);
    Ok(bytes)
}

/// `f64`s as a buffer: each as two values holding its bits, exactly
/// ([`f64s_from_wire`]).
fn f64s_to_wire(values: &[f64]) -> Vec<f32> {
    values
        .iter()
        .flat_map(|v| {
            let bits = v.to_bits();
            [
                f32::from_bits(bits as u32),
                f32::from_bits((bits >> 32) as u32),
            ]
        })
        .collect()
}

/// `n` `f64`s from buffer `i` ([`f64s_to_wire`]).
fn f64s_from_wire(buffers: &mut [Vec<f32>], i: usize, n: usize) -> Result<Vec<f64>, PoolError> {
    let words = take(buffers, i, n.saturating_mul(2))?;
    Ok(words
        .chunks_exact(2)
        .map(|w| f64::from_bits(u64::from(w[0].to_bits()) | (u64::from(w[1].to_bits()) << 32)))
        .collect())
}

/// A batch's tests as they cross: each without its offsets, and the offsets as one buffer,
/// one test after the other ([`f64s_to_wire`]).
fn tests_to_wire(tests: &[PlannedTest]) -> (Vec<WireTest>, Vec<f32>) {
    let risks: Vec<f64> = tests.iter().flat_map(|p| p.risk.iter().copied()).collect();
    let tests = tests
        .iter()
        .map(|p| WireTest {
            index: p.index,
            a: p.a,
            b: p.b,
            given: p.given.clone(),
        })
        .collect();
    (tests, f64s_to_wire(&risks))
}

/// A batch's tests on `patients` test patients, their offsets from buffer `i`
/// ([`tests_to_wire`]).
fn tests_from_wire(
    tests: Vec<WireTest>,
    buffers: &mut [Vec<f32>],
    i: usize,
    patients: usize,
) -> Result<Vec<PlannedTest>, PoolError> {
    let risks = f64s_from_wire(buffers, i, tests.len().saturating_mul(patients))?;
    Ok(tests
        .into_iter()
        .zip(risks.chunks(patients.max(1)))
        .map(|(test, risk)| PlannedTest {
            index: test.index,
            a: test.a,
            b: test.b,
            given: test.given,
            risk: risk.to_vec(),
        })
        .collect())
}

/// A batch of pair tests whole, its test patients numbered `ground` for the member to keep
/// them by (0: not kept).
fn test_pairs_wire(t: &PairTestTask, ground: u64) -> Wire {
    let g = &t.ground;
    let o = &g.tested;
    let (tests, risks) = tests_to_wire(&t.tests);
    let covariates: Vec<f64> = g.covariates.concat();
    Wire {
        header: Header::TestPairs {
            batch: t.batch,
            n_markers: o.scales.len(),
            times: o.times.clone(),
            events: o.events.clone(),
            strata: o.strata.clone(),
            scales: o.scales.clone(),
            excluded: g.excluded.clone(),
            covariates: g.covariates.len(),
            tests,
            ground,
        }
        .to_json(),
        buffers: vec![o.values.clone(), risks, f64s_to_wire(&covariates)],
    }
}

/// A value in the record codec, as a buffer and its length in bytes.
fn record_to_wire(value: &impl Serialize) -> (Vec<f32>, usize) {
    // Numbers, strings and vectors always encode.
    let bytes = bincode::serde::encode_to_vec(value, RECORD_CODEC).unwrap_or_default();
    (bytes_to_wire(&bytes), bytes.len())
}

/// A value in the record codec from buffer `i`, `len` bytes long.
fn record_from_wire<T: serde::de::DeserializeOwned>(
    buffers: &mut [Vec<f32>],
    i: usize,
    len: usize,
) -> Result<T, PoolError> {
    let bytes = bytes_from_wire(buffers, i, len)?;
    let (value, _) =
        bincode::serde::decode_from_slice(&bytes, RECORD_CODEC).map_err(|e| PoolError::Header {
            serde: e.to_string(),
        })?;
    Ok(value)
}

/// A network's layer shapes and its buffers: each layer's weight, then its bias.
fn network_to_wire(network: &CoxNet) -> (Vec<(usize, usize)>, Vec<Vec<f32>>) {
    let layers = network.layers();
    let mut buffers = Vec::with_capacity(2 * layers.len());
    for layer in layers {
        buffers.push(layer.weight().to_vec());
        buffers.push(layer.bias().to_vec());
    }
    (
        layers.iter().map(|l| (l.n_in(), l.n_out())).collect(),
        buffers,
    )
}

/// Each layer's weight and bias (of a network or of its gradient), read from `buffers`
/// from buffer `first` on, checked against the shapes.
fn layers_from_wire(
    layers: &[(usize, usize)],
    buffers: &mut [Vec<f32>],
    first: usize,
) -> Result<Vec<LayerGradient>, PoolError> {
    layers
        .iter()
        .enumerate()
        .map(|(k, &(n_in, n_out))| {
            let weight = take(buffers, first + 2 * k, n_in * n_out)?;
            let bias = take(buffers, first + 1 + 2 * k, n_out)?;
            Ok(LayerGradient { weight, bias })
        })
        .collect()
}

/// The network of a task's message, from buffer `first` on.
fn network_from_wire(
    layers: &[(usize, usize)],
    buffers: &mut [Vec<f32>],
    first: usize,
) -> Result<CoxNet, PoolError> {
    let mut dense = Vec::with_capacity(layers.len());
    for (l, &(n_in, n_out)) in layers_from_wire(layers, buffers, first)?
        .into_iter()
        .zip(layers)
    {
        dense.push(Dense::new(n_in, n_out, l.weight, l.bias).map_err(ComputeError::from)?);
    }
    Ok(CoxNet::new(dense).map_err(ComputeError::from)?)
}

impl Header {
    fn to_json(&self) -> String {
        // A header of numbers and strings always serialises.
        serde_json::to_string(self).unwrap_or_default()
    }

    fn read(text: &str) -> Result<Self, PoolError> {
        serde_json::from_str(text).map_err(|e| PoolError::Header {
            serde: e.to_string(),
        })
    }
}

/// Takes buffer `i` of `buffers`, checking it holds `expected` values.
fn take(buffers: &mut [Vec<f32>], i: usize, expected: usize) -> Result<Vec<f32>, PoolError> {
    let buffer = buffers.get_mut(i).map(std::mem::take).unwrap_or_default();
    if buffer.len() != expected {
        return Err(PoolError::Buffer {
            buffer: i,
            expected,
            found: buffer.len(),
        });
    }
    Ok(buffer)
}

impl Task {
    /// The task as it crosses to a member: its own arrays move into the message, never
    /// copied (a worker's memory keeps its high-water mark); what it shares with the job (a
    /// recipe member's cohort, a fold's test patients) is copied, as the job keeps it.
    pub fn into_wire(self) -> Wire {
        match self {
            Self::ExplainRows(t) => {
                let (layers, weights) = network_to_wire(&t.network);
                let header = Header::ExplainRows {
                    start: t.start,
                    rows: t.rows,
                    n_markers: t.n_markers,
                    input_to_marker: t.input_to_marker,
                    layers,
                };
                let mut buffers = vec![t.x];
                buffers.extend(weights);
                Wire {
                    header: header.to_json(),
                    buffers,
                }
            }
            Self::Train(ShardTask::Forward(f)) => {
                let (layers, weights) = network_to_wire(&f.network);
                let header = Header::TrainForward {
                    step: f.step,
                    shard: f.shard,
                    rows: f.x.len().checked_div(f.network.n_inputs()).unwrap_or(0),
                    input_dropout: f.dropout.input,
                    hidden_dropout: f.dropout.hidden,
                    seed: f.dropout.seed,
                    stream: f.dropout.stream,
                    span: f.dropout.span,
                    layers,
                };
                let mut buffers = vec![f.x];
                buffers.extend(weights);
                Wire {
                    header: header.to_json(),
                    buffers,
                }
            }
            Self::Train(ShardTask::Backward(b)) => Wire {
                header: Header::TrainBackward {
                    step: b.step,
                    shard: b.shard,
                    rows: b.grad.len(),
                }
                .to_json(),
                buffers: vec![b.grad],
            },
            Self::TrainMember(t) => {
                let data = t.ground.data();
                Wire {
                    header: Header::TrainMember {
                        index: t.index,
                        candidate: t.candidate,
                        fold: t.fold,
                        config: t.ground.config().clone(),
                        n_features: data.n_features(),
                        time: data.time().to_vec(),
                        event: data.event().to_vec(),
                        fold_of: t.ground.fold_of().to_vec(),
                    }
                    .to_json(),
                    buffers: vec![data.x().to_vec()],
                }
            }
            Self::TrainNetwork(t) => {
                let n_features = t.train.n_features();
                let (train_x, train_time, train_event) = t.train.into_parts();
                let (validation_x, validation_time, validation_event) = t.validation.into_parts();
                Wire {
                    header: Header::TrainNetwork {
                        fold: t.fold,
                        config: t.config,
                        n_features,
                        train_time,
                        train_event,
                        validation_time,
                        validation_event,
                    }
                    .to_json(),
                    buffers: vec![train_x, validation_x],
                }
            }
            Self::ScreenFold(t) => {
                let (layers, weights) = network_to_wire(&t.network);
                let header = Header::ScreenFold {
                    fold: t.fold,
                    settings: t.settings,
                    n_markers: t.to_marker.n_groups(),
                    input_to_marker: t.to_marker.group_of().to_vec(),
                    missing_indicator: t.missing_indicator,
                    excluded: t.excluded,
                    times: t.screened.times,
                    events: t.screened.events,
                    strata: t.screened.strata,
                    scales: t.screened.scales,
                    layers,
                };
                let mut buffers = vec![t.x, t.screened.values];
                buffers.extend(weights);
                Wire {
                    header: header.to_json(),
                    buffers,
                }
            }
            Self::TestPairs(t) => test_pairs_wire(&t, 0),
        }
    }

    /// The task a member received.
    ///
    /// # Errors
    /// [`PoolError::Header`] for a header that is not a task's, [`PoolError::Buffer`] for
    /// buffers that do not fit it, [`PoolError::Compute`] for layers that do not chain.
    pub fn from_wire(wire: Wire) -> Result<Self, PoolError> {
        Self::from_header(Header::read(&wire.header)?, wire.buffers)
    }

    /// The task of a read header and its buffers.
    fn from_header(header: Header, mut buffers: Vec<Vec<f32>>) -> Result<Self, PoolError> {
        match header {
            Header::ExplainRows {
                start,
                rows,
                n_markers,
                input_to_marker,
                layers,
            } => {
                let n_inputs = layers.first().map_or(0, |l| l.0);
                let x = take(&mut buffers, 0, rows * n_inputs)?;
                let network = network_from_wire(&layers, &mut buffers, 1)?;
                Ok(Self::ExplainRows(ExplainRows {
                    start,
                    rows,
                    network,
                    input_to_marker,
                    n_markers,
                    x,
                }))
            }
            Header::TrainForward {
                step,
                shard,
                rows,
                input_dropout,
                hidden_dropout,
                seed,
                stream,
                span,
                layers,
            } => {
                let n_inputs = layers.first().map_or(0, |l| l.0);
                let x = take(&mut buffers, 0, rows * n_inputs)?;
                let network = network_from_wire(&layers, &mut buffers, 1)?;
                Ok(Self::Train(ShardTask::Forward(ShardForward {
                    step,
                    shard,
                    network,
                    dropout: ShardDropout {
                        input: input_dropout,
                        hidden: hidden_dropout,
                        seed,
                        stream,
                        span,
                    },
                    x,
                })))
            }
            Header::TrainBackward { step, shard, rows } => {
                Ok(Self::Train(ShardTask::Backward(ShardBackward {
                    step,
                    shard,
                    grad: take(&mut buffers, 0, rows)?,
                })))
            }
            Header::TrainMember {
                index,
                candidate,
                fold,
                config,
                n_features,
                time,
                event,
                fold_of,
            } => {
                let x = take(&mut buffers, 0, time.len().saturating_mul(n_features))?;
                let data =
                    SurvivalData::new(x, n_features, time, event).map_err(ComputeError::from)?;
                let ground =
                    MemberGround::new(config, data, fold_of).map_err(ComputeError::from)?;
                Ok(Self::TrainMember(MemberTask {
                    index,
                    candidate,
                    fold,
                    ground: Arc::new(ground),
                }))
            }
            Header::TrainNetwork {
                fold,
                config,
                n_features,
                train_time,
                train_event,
                validation_time,
                validation_event,
            } => {
                let mut data = |buffer: usize, time: Vec<f64>, event: Vec<bool>| {
                    let x = take(&mut buffers, buffer, time.len().saturating_mul(n_features))?;
                    SurvivalData::new(x, n_features, time, event)
                        .map_err(|e| PoolError::Compute(ComputeError::from(e)))
                };
                let train = data(0, train_time, train_event)?;
                let validation = data(1, validation_time, validation_event)?;
                Ok(Self::TrainNetwork(NetworkTask {
                    fold,
                    config,
                    train,
                    validation,
                }))
            }
            Header::ScreenFold {
                fold,
                settings,
                n_markers,
                input_to_marker,
                missing_indicator,
                excluded,
                times,
                events,
                strata,
                scales,
                layers,
            } => {
                let d = layers.first().map_or(0, |l| l.0);
                let n = times.len();
                let x = take(&mut buffers, 0, n.saturating_mul(d))?;
                let values = take(&mut buffers, 1, n.saturating_mul(n_markers))?;
                let network = network_from_wire(&layers, &mut buffers, 2)?;
                let to_marker =
                    Grouping::new(&input_to_marker, n_markers).map_err(ComputeError::from)?;
                Ok(Self::ScreenFold(Box::new(FoldScreenTask {
                    fold,
                    network,
                    to_marker,
                    missing_indicator,
                    excluded,
                    settings,
                    x,
                    screened: Outcomes {
                        times,
                        events,
                        strata,
                        values,
                        scales,
                    },
                })))
            }
            Header::TestPairs {
                batch,
                n_markers,
                times,
                events,
                strata,
                scales,
                excluded,
                covariates,
                tests,
                ground: _,
            } => {
                let t = times.len();
                let values = take(&mut buffers, 0, t.saturating_mul(n_markers))?;
                let tests = tests_from_wire(tests, &mut buffers, 1, t)?;
                let columns = f64s_from_wire(&mut buffers, 2, covariates.saturating_mul(t))?;
                let ground = TestGround {
                    tested: Outcomes {
                        times,
                        events,
                        strata,
                        values,
                        scales,
                    },
                    excluded,
                    covariates: columns.chunks(t.max(1)).map(<[f64]>::to_vec).collect(),
                };
                Ok(Self::TestPairs(PairTestTask {
                    batch,
                    ground: Arc::new(ground),
                    tests,
                }))
            }
            Header::TestHeldPairs { .. } => Err(PoolError::Header {
                serde: "a batch of pair tests whose patients only a member keeps".to_owned(),
            }),
            Header::Explained { .. }
            | Header::ShardRisks { .. }
            | Header::ShardGradient { .. }
            | Header::TrainedMember { .. }
            | Header::TrainedNetwork { .. }
            | Header::Screened { .. }
            | Header::Tested { .. }
            | Header::Failed { .. } => Err(PoolError::Header {
                serde: "a result where a task was expected".to_owned(),
            }),
        }
    }
}

impl TaskResult {
    /// The result as it crosses back to the job worker.
    pub fn to_wire(&self) -> Wire {
        match self {
            Self::Explained(e) => Wire {
                header: Header::Explained {
                    start: e.start,
                    rows: e.rows,
                    n_markers: e.relevance.len().checked_div(e.rows).unwrap_or(0),
                }
                .to_json(),
                buffers: vec![
                    e.risk.clone(),
                    e.relevance.clone(),
                    e.bias_relevance.clone(),
                ],
            },
            Self::ShardRisks { step, shard, risk } => Wire {
                header: Header::ShardRisks {
                    step: *step,
                    shard: *shard,
                    rows: risk.len(),
                }
                .to_json(),
                buffers: vec![risk.clone()],
            },
            Self::ShardGradient {
                step,
                shard,
                gradient,
            } => {
                let layers = gradient.layers();
                let header = Header::ShardGradient {
                    step: *step,
                    shard: *shard,
                    layers: layers
                        .iter()
                        .map(|l| (l.weight.len() / l.bias.len().max(1), l.bias.len()))
                        .collect(),
                };
                let buffers = layers
                    .iter()
                    .flat_map(|l| [l.weight.clone(), l.bias.clone()])
                    .collect();
                Wire {
                    header: header.to_json(),
                    buffers,
                }
            }
            Self::Member(m) => {
                let (layers, buffers) = network_to_wire(&m.network);
                // A record of numbers, strings and vectors always encodes.
                let record =
                    bincode::serde::encode_to_vec((&m.record, &m.out_of_fold), RECORD_CODEC)
                        .unwrap_or_default();
                Wire {
                    header: Header::TrainedMember {
                        index: m.index,
                        record,
                        layers,
                    }
                    .to_json(),
                    buffers,
                }
            }
            Self::Network { fold, network } => {
                let (layers, buffers) = network_to_wire(network);
                Wire {
                    header: Header::TrainedNetwork {
                        fold: *fold,
                        layers,
                    }
                    .to_json(),
                    buffers,
                }
            }
            Self::Screened(found) => {
                let (buffer, bytes) = record_to_wire(found);
                Wire {
                    header: Header::Screened {
                        fold: found.fold,
                        bytes,
                    }
                    .to_json(),
                    buffers: vec![buffer],
                }
            }
            Self::Tested(tested) => {
                let (buffer, bytes) = record_to_wire(&tested.tests);
                Wire {
                    header: Header::Tested {
                        batch: tested.batch,
                        bytes,
                    }
                    .to_json(),
                    buffers: vec![buffer],
                }
            }
        }
    }

    /// A failed task as it crosses back: its code and sentence.
    pub fn failure_wire(error: &PoolError) -> Wire {
        Wire {
            header: Header::Failed {
                code: error.code().to_owned(),
                message: error.to_string(),
            }
            .to_json(),
            buffers: Vec::new(),
        }
    }

    /// Whether a result's message is a member's failure: its header's kind read alone,
    /// without decoding the rest (a trained member's record may be large).
    pub fn is_failure_wire(wire: &Wire) -> bool {
        /// A header's kind; the other fields are skipped.
        #[derive(Deserialize)]
        struct Kind<'a> {
            kind: &'a str,
        }
        serde_json::from_str::<Kind<'_>>(&wire.header).is_ok_and(|k| k.kind == "failed")
    }

    /// The result the job worker received, or the member's failure.
    ///
    /// # Errors
    /// [`PoolError::Member`] for a task the member could not run; [`PoolError::Header`] and
    /// [`PoolError::Buffer`] for a message that is not a result.
    pub fn from_wire(wire: Wire) -> Result<Self, PoolError> {
        let Wire {
            header,
            mut buffers,
        } = wire;
        match Header::read(&header)? {
            Header::Explained {
                start,
                rows,
                n_markers,
            } => Ok(Self::Explained(Explained {
                start,
                rows,
                risk: take(&mut buffers, 0, rows)?,
                relevance: take(&mut buffers, 1, rows * n_markers)?,
                bias_relevance: take(&mut buffers, 2, rows)?,
            })),
            Header::ShardRisks { step, shard, rows } => Ok(Self::ShardRisks {
                step,
                shard,
                risk: take(&mut buffers, 0, rows)?,
            }),
            Header::ShardGradient {
                step,
                shard,
                layers,
            } => {
                let layers = layers_from_wire(&layers, &mut buffers, 0)?;
                Ok(Self::ShardGradient {
                    step,
                    shard,
                    gradient: NetGradient::from_layers(layers),
                })
            }
            Header::TrainedMember {
                index,
                record,
                layers,
            } => {
                let ((record, out_of_fold), _): ((MemberRecord, Vec<f64>), usize) =
                    bincode::serde::decode_from_slice(&record, RECORD_CODEC).map_err(|e| {
                        PoolError::Header {
                            serde: e.to_string(),
                        }
                    })?;
                Ok(Self::Member(TrainedMember {
                    index,
                    record,
                    network: network_from_wire(&layers, &mut buffers, 0)?,
                    out_of_fold,
                }))
            }
            Header::TrainedNetwork { fold, layers } => Ok(Self::Network {
                fold,
                network: network_from_wire(&layers, &mut buffers, 0)?,
            }),
            Header::Screened { fold, bytes } => {
                let found: FoldScreened = record_from_wire(&mut buffers, 0, bytes)?;
                if found.fold != fold {
                    return Err(PoolError::Header {
                        serde: format!("fold {} screened under fold {fold}'s name", found.fold),
                    });
                }
                Ok(Self::Screened(Box::new(found)))
            }
            Header::Tested { batch, bytes } => Ok(Self::Tested(PairsTested {
                batch,
                tests: record_from_wire(&mut buffers, 0, bytes)?,
            })),
            Header::Failed { code, message } => Err(PoolError::Member { code, message }),
            Header::ExplainRows { .. }
            | Header::TrainForward { .. }
            | Header::TrainBackward { .. }
            | Header::TrainMember { .. }
            | Header::TrainNetwork { .. }
            | Header::ScreenFold { .. }
            | Header::TestPairs { .. }
            | Header::TestHeldPairs { .. } => Err(PoolError::Header {
                serde: "a task where a result was expected".to_owned(),
            }),
        }
    }
}

/// What a member of the pool keeps between tasks, as the worker that hands them out tracks
/// it: the test ground of the batch of pair tests it ran last, as [`Member`] keeps it. A
/// later batch on the same ground crosses without the fold's patients (at 100,000 patients,
/// 15 MB of raw values a batch), an offset per test and patient only.
#[derive(Debug, Default)]
pub struct Holdings {
    /// The ground of the last batch sent, with the number it crossed under. A `Weak` keeps
    /// the ground's allocation, so no other ground can take its address while it is
    /// compared with.
    ground: Option<(u64, Weak<TestGround>)>,
    /// The last number given to a ground sent whole; each new one gets the next, so a
    /// member never reads a batch on a ground it keeps under another number.
    numbered: u64,
}

impl Holdings {
    /// Whether the member keeps the test ground `task` reads.
    pub fn keeps_ground_of(&self, task: &Task) -> bool {
        match (task, &self.ground) {
            (Task::TestPairs(t), Some((_, kept))) => {
                std::ptr::eq(kept.as_ptr(), Arc::as_ptr(&t.ground))
            }
            _ => false,
        }
    }

    /// `task` as it crosses to this member: a batch of pair tests on the ground the member
    /// keeps without its patients, any other task whole. Records what the member keeps
    /// once it has run the task.
    pub fn wire(&mut self, task: Task) -> Wire {
        let kept = self.keeps_ground_of(&task);
        match (task, &self.ground) {
            (Task::TestPairs(t), Some((number, _))) if kept => {
                let (tests, risks) = tests_to_wire(&t.tests);
                Wire {
                    header: Header::TestHeldPairs {
                        batch: t.batch,
                        ground: *number,
                        patients: t.ground.n_patients(),
                        tests,
                    }
                    .to_json(),
                    buffers: vec![risks],
                }
            }
            (Task::TestPairs(t), _) => {
                self.numbered += 1;
                self.ground = Some((self.numbered, Arc::downgrade(&t.ground)));
                test_pairs_wire(&t, self.numbered)
            }
            (other, _) => {
                self.ground = None;
                other.into_wire()
            }
        }
    }

    /// The member failed a task: it keeps nothing now ([`Member::answer`]).
    pub fn forget(&mut self) {
        self.ground = None;
    }
}

/// What the job names a task by when a member does not answer it
/// ([`crate::job::pipeline::Job::reclaim_from_pool`]): an explanation's first patient, a
/// training share's index, a recipe member's place in its plan, a cross-fitted network's
/// or a screened fold's index, a batch of pair tests' number in its round.
pub fn task_key(task: &Task) -> usize {
    match task {
        Task::ExplainRows(t) => t.start,
        Task::Train(ShardTask::Forward(f)) => f.shard,
        Task::Train(ShardTask::Backward(b)) => b.shard,
        Task::TrainMember(t) => t.index,
        Task::TrainNetwork(t) => t.fold,
        Task::ScreenFold(t) => t.fold,
        Task::TestPairs(t) => t.batch,
    }
}

/// Whether only the member that ran a share's forward pass can run the task (a backward
/// pass needs what the forward pass kept): the pool hands it to that member, or, when it is
/// gone, back to the job.
pub fn needs_holder(task: &Task) -> bool {
    matches!(task, Task::Train(ShardTask::Backward(_)))
}

/// Whether a task leaves its member holding a share's forward pass.
pub fn makes_holder(task: &Task) -> bool {
    matches!(task, Task::Train(ShardTask::Forward(_)))
}

/// The most workers the page starts on its own: beyond four, the messages' copies and the
/// members' memory outweigh what another core adds on the cohorts the page holds.
pub const MAX_WORKERS: usize = 4;

/// The most workers an address may ask for (`?pool=N`).
pub const MAX_ASKED: usize = 16;

/// How many workers the page's pool has, the job worker included: `?pool=N` in the page's
/// address `search` (1 to [`MAX_ASKED`]; for tests and benchmarks), else one per core the
/// browser reports (`navigator.hardwareConcurrency`), at most [`MAX_WORKERS`], at least one.
pub fn workers(search: &str, hardware_concurrency: f64) -> usize {
    let asked = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("pool="))
        .and_then(|n| n.parse::<usize>().ok());
    match asked {
        Some(n) => n.clamp(1, MAX_ASKED),
        None if hardware_concurrency.is_finite() && hardware_concurrency >= 1.0 => {
            (hardware_concurrency as usize).min(MAX_WORKERS)
        }
        None => 1,
    }
}
