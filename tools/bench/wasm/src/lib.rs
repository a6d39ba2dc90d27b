//! The native benches' work, exported to JavaScript for timing in WebAssembly.
//!
//! Each workload is a struct whose constructor prepares the data (not timed) and whose
//! methods do the timed work once; `run.mjs` calls them in Node and takes medians. Shapes,
//! seeds and settings are those of the native criterion benches, so a wasm figure and a
//! native figure measure the same work:
//!
//! | workload | native bench |
//! |---|---|
//! | [`EpochBench`] | `crates/survlens-model/benches/epoch.rs` |
//! | [`PooledEpochBench`] | the same epoch, each batch split among workers as the page's pool splits it |
//! | [`PooledLrpBench`] | `LrpBench`'s cohort, in the tasks the page's pool deals to its workers |
//! | [`LrpBench`] | `crates/survlens-xai/benches/lrp.rs` |
//! | [`InteractionsBench`] | `crates/survlens-xai/benches/interactions.rs` |
//! | [`generate_cohort`] | none (the page's pan-cancer cohort) |
//! | [`AutoTrainingBench`] | `survlens benchmark --validation-data` on the same file (below) |
//!
//! The random inputs come from ChaCha8 streams, which give the same numbers on the host
//! and on `wasm32`: the wasm inputs are the native benches' inputs, value for value.

use std::ops::ControlFlow;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use survlens_app::job::pipeline::{EXPLAIN_CHUNK, POOL_TASK_CHUNKS};
use survlens_app::job::pool::{ExplainRows, Member, Task, TaskResult, Wire, task_key};
use survlens_data::{Cohort, ColumnRoles, ImportOptions, import_csv};
use survlens_model::comparison::{Contender, Fitted, fit_contender, held_out_c};
use survlens_model::{Architecture, CoxNet, SurvivalData, TrainConfig, Trainer};
use survlens_synth::SynthConfig;
use survlens_xai::interactions::{DEFAULT_FDR, ModelSearchSettings, median_reference};
use survlens_xai::{
    CohortRelevance, Composite, Grouping, Lrp, LrpWorkspace, model_interactions,
    statistical_interactions,
};
use wasm_bindgen::prelude::*;

/// Encoded inputs of the study's network: 350 -> 3,500 -> 1.
const N_INPUTS: usize = 350;

/// Any library error, as a JavaScript `Error` carrying its message.
fn js<E: std::fmt::Display>(error: E) -> JsError {
    JsError::new(&error.to_string())
}

/// Whether this module was compiled with WebAssembly SIMD (128-bit), as the page is.
#[wasm_bindgen]
pub fn simd128() -> bool {
    cfg!(target_feature = "simd128")
}

/// `n` random patients, inputs uniform in `[0, 1)`: `random_data` of `benches/epoch.rs`.
fn random_data(n: usize, seed: u64) -> Result<SurvivalData, JsError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let x: Vec<f32> = (0..n * N_INPUTS).map(|_| rng.random::<f32>()).collect();
    let time: Vec<f64> = (0..n).map(|_| rng.random_range(1.0..2000.0)).collect();
    let event: Vec<bool> = (0..n).map(|_| rng.random_bool(0.6)).collect();
    SurvivalData::new(x, N_INPUTS, time, event).map_err(js)
}

/// The network of `benches/lrp.rs` and `benches/interactions.rs`: the study's
/// architecture from seed 7, biases uniform in `[-0.1, 0.1)` as after training.
fn network() -> Result<CoxNet, JsError> {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let mut net = CoxNet::init(&Architecture::study(N_INPUTS), &mut rng).map_err(js)?;
    for layer in net.layers_mut() {
        let (_, bias) = layer.params_mut();
        bias.iter_mut()
            .for_each(|b| *b = rng.random_range(-0.1..0.1));
    }
    Ok(net)
}

/// `n x 350` inputs uniform in `[0, 1)` from seed 8, as `benches/lrp.rs`.
fn cohort_inputs(n: usize) -> Vec<f32> {
    let mut rng = ChaCha8Rng::seed_from_u64(8);
    (0..n * N_INPUTS).map(|_| rng.random::<f32>()).collect()
}

/// Training epochs of the study's network (dropout on inputs and hidden units, batch
/// 1,024, Adam, gradient clipping, the pycox loss) on random patients, with a validation
/// set of 64 so that an epoch's cost is the training pass.
#[wasm_bindgen]
pub struct EpochBench {
    trainer: Trainer,
}

#[wasm_bindgen]
impl EpochBench {
    /// A trainer on `patients` random patients (seed 1; validation seed 2), dropout
    /// `dropout` on inputs and hidden units.
    ///
    /// # Errors
    /// An invalid setting (dropout outside `[0, 1)`, no patients).
    #[wasm_bindgen(constructor)]
    pub fn new(patients: usize, dropout: f32) -> Result<EpochBench, JsError> {
        let config = TrainConfig {
            input_dropout: dropout,
            hidden_dropout: dropout,
            // Never stop early: every call is one full epoch.
            epochs_per_stage: usize::MAX,
            patience: usize::MAX,
            ..TrainConfig::default()
        };
        let trainer =
            Trainer::new(config, random_data(patients, 1)?, random_data(64, 2)?).map_err(js)?;
        Ok(Self { trainer })
    }

    /// Trains one epoch; returns its mean training loss.
    ///
    /// # Errors
    /// A training error (a non-finite loss, for instance).
    pub fn epoch(&mut self) -> Result<f64, JsError> {
        Ok(self.trainer.run_epoch().map_err(js)?.train_loss)
    }
}

/// A message of the page's pool ([`survlens_app::job::pool::Wire`]): a JSON header and
/// `f32` buffers, which `run.mjs` moves between Node's worker threads as transferable
/// `Float32Array`s, as the page moves them between its workers.
#[wasm_bindgen]
pub struct PoolMessage {
    wire: Wire,
}

#[wasm_bindgen]
impl PoolMessage {
    /// A message with `header` and no buffers yet.
    #[wasm_bindgen(constructor)]
    pub fn new(header: String) -> PoolMessage {
        Self {
            wire: Wire {
                header,
                buffers: Vec::new(),
            },
        }
    }

    /// Appends a buffer.
    pub fn push(&mut self, buffer: Vec<f32>) {
        self.wire.buffers.push(buffer);
    }

    /// The header.
    pub fn header(&self) -> String {
        self.wire.header.clone()
    }

    /// The number of buffers.
    pub fn count(&self) -> usize {
        self.wire.buffers.len()
    }

    /// Buffer `i` (empty past the last).
    pub fn buffer(&self, i: usize) -> Vec<f32> {
        self.wire.buffers.get(i).cloned().unwrap_or_default()
    }

    /// The share a training task is for (the worker that must run it is this share's).
    pub fn shard(&self) -> Result<usize, JsError> {
        Task::from_wire(self.wire.clone())
            .map(|t| task_key(&t))
            .map_err(js)
    }
}

/// A member of the pool, as each of the page's pool workers runs one.
#[wasm_bindgen]
#[derive(Default)]
pub struct PoolMemberBench {
    member: Member,
}

#[wasm_bindgen]
impl PoolMemberBench {
    /// A member that has run nothing.
    #[wasm_bindgen(constructor)]
    pub fn new() -> PoolMemberBench {
        Self::default()
    }

    /// Runs a task; returns its result's message.
    ///
    /// # Errors
    /// The task's failure.
    pub fn run(&mut self, message: PoolMessage) -> Result<PoolMessage, JsError> {
        let task = Task::from_wire(message.wire).map_err(js)?;
        let result = self.member.run(task).map_err(js)?;
        Ok(PoolMessage {
            wire: result.to_wire(),
        })
    }
}

/// [`EpochBench`]'s epoch with each mini-batch split among this worker and `others` more
/// (`survlens_model::Trainer::share_batch`), the shares crossing as the page's pool
/// messages: `run.mjs` relays them to Node worker threads running [`PoolMemberBench`].
#[wasm_bindgen]
pub struct PooledEpochBench {
    trainer: Trainer,
    others: usize,
    tasks: std::collections::VecDeque<Task>,
}

#[wasm_bindgen]
impl PooledEpochBench {
    /// [`EpochBench::new`]'s trainer, sharing with `others` workers.
    ///
    /// # Errors
    /// As [`EpochBench::new`].
    #[wasm_bindgen(constructor)]
    pub fn new(patients: usize, dropout: f32, others: usize) -> Result<PooledEpochBench, JsError> {
        Ok(Self {
            trainer: EpochBench::new(patients, dropout)?.trainer,
            others,
            tasks: std::collections::VecDeque::new(),
        })
    }

    /// Moves the epoch on by one piece: starts a batch, or does this worker's next share or
    /// the update. Returns 0 when the epoch is over, 1 to call again, 2 when only other
    /// workers' results can move it on.
    ///
    /// # Errors
    /// A training error.
    pub fn advance(&mut self) -> Result<u32, JsError> {
        let progress = if !self.trainer.shared_in_flight() {
            self.trainer.share_batch(self.others).map_err(js)?
        } else if self.trainer.awaiting_shards() {
            return Ok(2);
        } else {
            self.trainer.advance_shared().map_err(js)?
        };
        self.tasks
            .extend(self.trainer.take_shard_tasks().into_iter().map(Task::Train));
        Ok(match progress {
            Some(p) if p.epoch_summary.is_some() => 0,
            _ => 1,
        })
    }

    /// The next task for another worker, if any.
    pub fn next_task(&mut self) -> Option<PoolMessage> {
        self.tasks.pop_front().map(|t| PoolMessage {
            wire: t.into_wire(),
        })
    }

    /// Takes in a worker's result.
    ///
    /// # Errors
    /// A result that does not fit the batch in flight.
    pub fn accept(&mut self, message: PoolMessage) -> Result<(), JsError> {
        match TaskResult::from_wire(message.wire).map_err(js)? {
            TaskResult::ShardRisks { step, shard, risk } => self
                .trainer
                .accept_shard_risks(step, shard, risk)
                .map_err(js),
            TaskResult::ShardGradient {
                step,
                shard,
                gradient,
            } => self
                .trainer
                .accept_shard_gradient(step, shard, gradient)
                .map_err(js),
            TaskResult::Explained(_)
            | TaskResult::Member(_)
            | TaskResult::Network { .. }
            | TaskResult::Screened(_)
            | TaskResult::Tested(_) => {
                Err(JsError::new("another task's result where a share was due"))
            }
        }
    }

    /// The epochs' mean training loss so far (for checking against the one-worker epoch).
    pub fn last_train_loss(&self) -> f64 {
        self.trainer
            .history()
            .last()
            .map_or(f64::NAN, |e| e.train_loss)
    }
}

/// [`LrpBench`]'s cohort explained in the page's pool tasks
/// ([`survlens_app::job::pool::ExplainRows`] of at most `POOL_TASK_CHUNKS` chunks of
/// `EXPLAIN_CHUNK` patients, each input its own marker): `run.mjs` runs tasks on this thread
/// and hands the others to Node worker threads running [`PoolMemberBench`].
#[wasm_bindgen]
pub struct PooledLrpBench {
    tasks: Vec<Task>,
    local: Member,
}

#[wasm_bindgen]
impl PooledLrpBench {
    /// The tasks of `patients` random patients.
    ///
    /// # Errors
    /// An invalid network (a bug).
    #[wasm_bindgen(constructor)]
    pub fn new(patients: usize) -> Result<PooledLrpBench, JsError> {
        let network = network()?;
        let x = cohort_inputs(patients);
        let rows = POOL_TASK_CHUNKS * EXPLAIN_CHUNK;
        let tasks = (0..patients)
            .step_by(rows)
            .map(|start| {
                let end = (start + rows).min(patients);
                Task::ExplainRows(ExplainRows {
                    start,
                    rows: end - start,
                    network: network.clone(),
                    input_to_marker: (0..N_INPUTS).collect(),
                    n_markers: N_INPUTS,
                    x: x[start * N_INPUTS..end * N_INPUTS].to_vec(),
                })
            })
            .collect();
        Ok(Self {
            tasks,
            local: Member::default(),
        })
    }

    /// The number of tasks.
    pub fn count(&self) -> usize {
        self.tasks.len()
    }

    /// Task `i`'s message, as the job worker posts it to a member.
    pub fn task(&self, i: usize) -> Option<PoolMessage> {
        self.tasks.get(i).map(|t| PoolMessage {
            wire: t.clone().into_wire(),
        })
    }

    /// Runs task `i` on this thread, as the job worker explains its own share.
    ///
    /// # Errors
    /// The task's failure; no task `i`.
    pub fn run_local(&mut self, i: usize) -> Result<(), JsError> {
        let task = self
            .tasks
            .get(i)
            .cloned()
            .ok_or_else(|| JsError::new("no such task"))?;
        self.local.run(task).map(|_| ()).map_err(js)
    }
}

/// LRP with the study's rule (gamma 0.01 on both layers) over a cohort and for one patient.
#[wasm_bindgen]
pub struct LrpBench {
    lrp: Lrp,
    x: Vec<f32>,
    n: usize,
    workspace: LrpWorkspace,
    relevance: Vec<f32>,
}

#[wasm_bindgen]
impl LrpBench {
    /// The explainer and `patients` random patients.
    ///
    /// # Errors
    /// An invalid composite (a bug).
    #[wasm_bindgen(constructor)]
    pub fn new(patients: usize) -> Result<LrpBench, JsError> {
        let lrp = Lrp::new(&network()?, &Composite::paper()).map_err(js)?;
        Ok(Self {
            lrp,
            x: cohort_inputs(patients),
            n: patients,
            workspace: LrpWorkspace::default(),
            relevance: vec![0.0; N_INPUTS],
        })
    }

    /// Explains every patient (`Lrp::explain_batch`); returns the first patient's output.
    ///
    /// # Errors
    /// A shape error (a bug).
    pub fn cohort(&self) -> Result<f32, JsError> {
        let relevances = self.lrp.explain_batch(&self.x, self.n).map_err(js)?;
        Ok(relevances.outputs().first().copied().unwrap_or(f32::NAN))
    }

    /// Explains patient `patient` (modulo the cohort size) into a reused buffer
    /// (`Lrp::explain_one`, no allocation); returns the sum of its relevances.
    ///
    /// # Errors
    /// An empty cohort.
    pub fn one_patient(&mut self, patient: usize) -> Result<f32, JsError> {
        if self.n == 0 {
            return Err(JsError::new("no patients"));
        }
        let start = (patient % self.n) * N_INPUTS;
        let accounting = self
            .lrp
            .explain_one(
                &self.x[start..start + N_INPUTS],
                &mut self.workspace,
                &mut self.relevance,
            )
            .map_err(js)?;
        Ok(accounting.relevance_sum)
    }
}

/// Interactions among the most important markers, one marker per input (the inputs are
/// the marker values), by both methods of `survlens_xai::interactions`. The model-based
/// method runs on the first `model_patients` patients: it costs `top_k + 1` cohort LRP
/// passes (see `benches/interactions.rs`).
#[wasm_bindgen]
pub struct InteractionsBench {
    lrp: Lrp,
    x: Vec<f32>,
    n: usize,
    n_model: usize,
    to_marker: Grouping,
    reference: Vec<f32>,
    relevance: Vec<f32>,
}

#[wasm_bindgen]
impl InteractionsBench {
    /// The explainer, `patients` random patients and their relevances (the statistical
    /// method's input), and the median reference of the first `model_patients` (at most
    /// `patients`), the model-based method's cohort.
    ///
    /// # Errors
    /// An empty cohort.
    #[wasm_bindgen(constructor)]
    pub fn new(patients: usize, model_patients: usize) -> Result<InteractionsBench, JsError> {
        let lrp = Lrp::new(&network()?, &Composite::paper()).map_err(js)?;
        let x = cohort_inputs(patients);
        let n_model = model_patients.min(patients);
        let reference =
            median_reference(&x[..n_model * N_INPUTS], n_model, N_INPUTS).map_err(js)?;
        let relevance = lrp.explain_batch(&x, patients).map_err(js)?.into_values();
        Ok(Self {
            lrp,
            x,
            n: patients,
            n_model,
            to_marker: Grouping::identity(N_INPUTS),
            reference,
            relevance,
        })
    }

    /// Model-based interactions among the `top_k` most important markers of the first
    /// `model_patients`; returns the number of pairs that count.
    ///
    /// # Errors
    /// `top_k < 2`.
    pub fn model(&self, top_k: usize) -> Result<usize, JsError> {
        let found = model_interactions(
            &self.lrp,
            &self.x[..self.n_model * N_INPUTS],
            self.n_model,
            &self.to_marker,
            &self.reference,
            None,
            &ModelSearchSettings {
                candidates: top_k,
                max_patients: self.n_model,
                ..ModelSearchSettings::default()
            },
        )
        .map_err(js)?;
        Ok(found.significant)
    }

    /// Statistical interactions among the `top_k` most important markers of all
    /// `patients`; returns the
    /// number of pairs that count.
    ///
    /// # Errors
    /// `top_k < 2`.
    pub fn statistical(&self, top_k: usize) -> Result<usize, JsError> {
        let cohort = CohortRelevance::new(&self.relevance, self.n, N_INPUTS).map_err(js)?;
        let found = statistical_interactions(&cohort, &self.x, top_k, DEFAULT_FDR).map_err(js)?;
        Ok(found.significant)
    }
}

/// Generates the synthetic pan-cancer cohort of `patients` patients with the default seed
/// (the page's cohort at 15,726); returns the number of marker columns.
///
/// # Errors
/// A patient count outside the generator's range.
#[wasm_bindgen]
pub fn generate_cohort(patients: usize) -> Result<usize, JsError> {
    let config = SynthConfig {
        n_patients: patients,
        ..SynthConfig::default()
    };
    Ok(survlens_synth::generate(&config).map_err(js)?.n_markers())
}

/// Training by the `auto` recipe, survlens' default (`fit_contender(Contender::Auto, ..)`:
/// `build_bundle` with `BuildSettings::default()` and the given seed), on every patient of
/// a cohort file. The native figure of the same work is `survlens benchmark --data F
/// --validation-data F --models auto --seeds 1` on the same file (`tools/bench/models.sh`
/// runs both): the same import, the same recipe, the same seed.
#[wasm_bindgen]
pub struct AutoTrainingBench {
    cohort: Cohort,
    fitted: Option<Fitted>,
}

#[wasm_bindgen]
impl AutoTrainingBench {
    /// Imports a cohort file (CSV bytes) with columns `time` and `event`, patient id
    /// column `id` and entity column `entity` (empty: none); every other column is a
    /// marker, its kind inferred, as `survlens benchmark` reads it.
    ///
    /// # Errors
    /// Any import problem, with row and column.
    #[wasm_bindgen(constructor)]
    pub fn new(csv: &[u8], id: &str, entity: &str) -> Result<AutoTrainingBench, JsError> {
        let mut roles = ColumnRoles::new("time", "event").with_id(id);
        if !entity.is_empty() {
            roles = roles.with_entity(entity);
        }
        let imported = import_csv(csv, "cohort", &roles, &ImportOptions::default())
            .map_err(|report| JsError::new(&report.to_string()))?;
        Ok(Self {
            cohort: imported.cohort,
            fitted: None,
        })
    }

    /// Number of patients (all of them train).
    pub fn patients(&self) -> usize {
        self.cohort.len()
    }

    /// Trains the `auto` recipe with `seed` (the timed work).
    ///
    /// # Errors
    /// A training error (too few patients or events for the folds, for instance).
    pub fn train(&mut self, seed: u32) -> Result<(), JsError> {
        let fitted = fit_contender(Contender::Auto, &self.cohort, u64::from(seed), || {
            ControlFlow::Continue(())
        })
        .map_err(js)?;
        self.fitted = Some(fitted);
        Ok(())
    }

    /// Harrell's C of the last trained model on its own patients (NaN before training or
    /// without a comparable pair): equal to the native figure up to rounding when the work
    /// was the same.
    ///
    /// # Errors
    /// A cohort that does not fit the model's preprocessing (a bug).
    pub fn harrell_c(&self) -> Result<f64, JsError> {
        let Some(fitted) = &self.fitted else {
            return Ok(f64::NAN);
        };
        Ok(held_out_c(fitted, &self.cohort)
            .map_err(js)?
            .unwrap_or(f64::NAN))
    }
}
