//! Data-parallel training: one mini-batch split among workers, each with its own copy of
//! the network.
//!
//! The Cox partial likelihood ties every patient of a batch to every other, so a step
//! cannot be split once: each worker runs the forward pass over its share of the batch
//! ([`ShardForward`]), the trainer gathers the log-risks and computes the loss and its
//! gradient with respect to each log-risk, each worker runs the backward pass over its
//! share ([`ShardBackward`]), and the trainer sums the shares' parameter gradients in
//! share order, clips the sum and takes Adam's step. A share's rows get the dropout masks
//! a pass over the whole batch would give them ([`DrawSpan`]), so the step differs from
//! the one-worker step only in the order its gradient is summed: the same seed and number
//! of shares give bit-for-bit the same weights, and one share gives exactly
//! [`Trainer::run_batches`]'s.
//!
//! The trainer is the first share's worker and the fallback of every other: a share whose
//! worker stops is taken back ([`Trainer::reclaim_shard`]) and computed by the trainer
//! with the same masks, so the step's result does not depend on which worker did what.

use crate::backprop::{Backprop, DrawSpan, Dropout, NetGradient};
use crate::network::CoxNet;
use crate::train::{DROPOUT_STREAM, Progress, Trainer};
use crate::{ModelError, ShapeProblem};

/// The dropout of one share: the trainer's rates, seed and stream, and where the share's
/// masks lie in the stream.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ShardDropout {
    /// Input dropout rate.
    pub input: f32,
    /// Hidden dropout rate.
    pub hidden: f32,
    /// The stream's seed.
    pub seed: u64,
    /// The stream.
    pub stream: u64,
    /// Where the share's masks begin.
    pub span: DrawSpan,
}

/// A share's forward pass: the network of the current step and the share's patients.
#[derive(Clone, Debug, PartialEq)]
pub struct ShardForward {
    /// The trainer's step (names the share's backward pass).
    pub step: u64,
    /// The share, 1 or more (the trainer computes share 0).
    pub shard: usize,
    /// The network before the step.
    pub network: CoxNet,
    /// The share's dropout.
    pub dropout: ShardDropout,
    /// The share's encoded inputs, `rows x network.n_inputs()`.
    pub x: Vec<f32>,
}

/// A share's backward pass: the loss's gradient with respect to its patients' log-risks.
#[derive(Clone, Debug, PartialEq)]
pub struct ShardBackward {
    /// The step of the share's forward pass.
    pub step: u64,
    /// The share.
    pub shard: usize,
    /// One value per patient of the share, in its order.
    pub grad: Vec<f32>,
}

/// Work the trainer hands to another worker.
#[derive(Clone, Debug, PartialEq)]
pub enum ShardTask {
    /// A share's forward pass; the worker keeps what its backward pass needs.
    Forward(ShardForward),
    /// The backward pass of the share whose forward pass the same worker ran.
    Backward(ShardBackward),
}

/// A share between its forward and its backward pass: what a worker keeps.
#[derive(Debug)]
pub struct ShardPass {
    step: u64,
    shard: usize,
    network: CoxNet,
    backprop: Backprop,
}

impl ShardPass {
    /// Runs the share's forward pass; returns the pass (for the backward pass) and the
    /// share's log-risks.
    ///
    /// # Errors
    /// [`ModelError::Shape`] when the inputs are not whole rows of the network's input
    /// width; [`ModelError::InvalidSetting`] for a dropout rate outside `[0, 1)`.
    pub fn forward(task: ShardForward) -> Result<(Self, Vec<f32>), ModelError> {
        let ShardForward {
            step,
            shard,
            network,
            dropout,
            x,
        } = task;
        let d = network.n_inputs();
        if d == 0 || !x.len().is_multiple_of(d) {
            return Err(ModelError::length(
                "training share",
                "input matrix",
                x.len() / d.max(1) * d,
                x.len(),
            ));
        }
        let rows: Vec<usize> = (0..x.len() / d).collect();
        let mut masks = Dropout::new(dropout.input, dropout.hidden, dropout.seed, dropout.stream)?;
        let mut backprop = Backprop::new(&network);
        let risk = backprop
            .forward_span(&network, &x, &rows, Some((&mut masks, dropout.span)))?
            .to_vec();
        let pass = Self {
            step,
            shard,
            network,
            backprop,
        };
        Ok((pass, risk))
    }

    /// Runs the share's backward pass; returns the gradient of the loss over the share's
    /// patients with respect to every parameter.
    ///
    /// # Errors
    /// [`ModelError::Shape`] when `task` is another share's or another step's, or its
    /// gradient has another length than the share.
    pub fn backward(&mut self, task: &ShardBackward) -> Result<&NetGradient, ModelError> {
        if (task.step, task.shard) != (self.step, self.shard) {
            return Err(ModelError::shape(
                "training share's backward pass",
                ShapeProblem::NotAwaited,
            ));
        }
        let grad: Vec<f64> = task.grad.iter().map(|&g| f64::from(g)).collect();
        self.backprop.backward(&self.network, &grad)?;
        Ok(self.backprop.gradient())
    }
}

/// A batch in flight among the workers.
#[derive(Debug)]
pub(super) struct SharedBatch {
    step: u64,
    /// The end of the batch's rows in the trainer's order (they begin at its cursor).
    end: usize,
    /// Share `s` is rows `bounds[s]..bounds[s + 1]` of the batch.
    bounds: Vec<usize>,
    /// Where the batch's masks begin.
    batch_start: u64,
    /// False while log-risks are gathered, true while gradients are.
    backward: bool,
    /// Tasks not yet handed out.
    outbox: Vec<ShardTask>,
    /// Shares the trainer runs itself in the current phase.
    local: Vec<usize>,
    /// The trainer's own passes, kept for their backward pass.
    passes: Vec<ShardPass>,
    risks: Vec<Option<Vec<f32>>>,
    gradients: Vec<Option<NetGradient>>,
    /// The batch's loss, once computed.
    loss: f64,
}

impl SharedBatch {
    fn shards(&self) -> usize {
        self.bounds.len() - 1
    }

    fn rows(&self, shard: usize) -> std::ops::Range<usize> {
        self.bounds[shard]..self.bounds[shard + 1]
    }

    fn complete(&self) -> bool {
        if self.backward {
            self.gradients.iter().all(Option::is_some)
        } else {
            self.risks.iter().all(Option::is_some)
        }
    }
}

impl Trainer {
    /// Starts the next mini-batch split into `1 + others` shares (fewer when the batch has
    /// fewer patients): the others' forward passes wait in [`Trainer::take_shard_tasks`];
    /// [`Trainer::advance_shared`] computes the trainer's own share and moves the step on.
    /// A batch without an event is skipped at once, as [`Trainer::run_batches`] skips it;
    /// then (and when training has finished) the progress is returned and nothing is
    /// shared.
    ///
    /// # Errors
    /// At the end of an epoch, as [`Trainer::run_batches`]. A batch already in flight is
    /// left as it is: nothing new starts.
    pub fn share_batch(&mut self, others: usize) -> Result<Option<Progress>, ModelError> {
        if self.finished {
            return Ok(Some(self.progress(None)));
        }
        if self.shared.is_some() {
            return Ok(None);
        }
        let end = self.begin_batch();
        if !self.batch_event.iter().any(|&e| e) {
            let summary = self.end_batch(end)?;
            return Ok(Some(self.progress(summary)));
        }
        let n = end - self.cursor;
        let shards = (others + 1).min(n);
        let bounds: Vec<usize> = (0..=shards).map(|s| s * n / shards).collect();
        let batch_start = self.dropout.position();
        self.dropout
            .seek(batch_start + self.dropout.batch_draws(&self.net, n));
        self.steps_taken += 1;
        let mut batch = SharedBatch {
            step: self.steps_taken,
            end,
            bounds,
            batch_start,
            backward: false,
            outbox: Vec::new(),
            local: vec![0],
            passes: Vec::new(),
            risks: vec![None; shards],
            gradients: vec![None; shards],
            loss: f64::NAN,
        };
        batch.outbox = (1..shards)
            .map(|s| ShardTask::Forward(self.shard_forward(&batch, s)))
            .collect();
        self.shared = Some(batch);
        Ok(None)
    }

    /// Share `shard`'s forward pass.
    fn shard_forward(&self, batch: &SharedBatch, shard: usize) -> ShardForward {
        let d = self.train.n_features();
        let rows = batch.rows(shard);
        let patients = &self.order[self.cursor + rows.start..self.cursor + rows.end];
        let mut x = Vec::with_capacity(patients.len() * d);
        for &r in patients {
            x.extend_from_slice(&self.train.x[r * d..(r + 1) * d]);
        }
        ShardForward {
            step: batch.step,
            shard,
            // The trainer's network changes only when the batch's step is taken.
            network: self.net.clone(),
            dropout: ShardDropout {
                input: self.config.input_dropout,
                hidden: self.config.hidden_dropout,
                seed: self.config.seed,
                stream: DROPOUT_STREAM,
                span: DrawSpan {
                    batch_start: batch.batch_start,
                    batch_rows: batch.bounds[batch.shards()],
                    first_row: rows.start,
                },
            },
            x,
        }
    }

    /// The tasks for other workers that are ready: the forward passes of a new batch, then,
    /// once every log-risk is in, the backward passes.
    pub fn take_shard_tasks(&mut self) -> Vec<ShardTask> {
        self.shared
            .as_mut()
            .map(|b| std::mem::take(&mut b.outbox))
            .unwrap_or_default()
    }

    /// Whether a batch is in flight among the workers.
    pub fn shared_in_flight(&self) -> bool {
        self.shared.is_some()
    }

    /// Whether the batch in flight waits for other workers only: the trainer has nothing
    /// to compute until a result (or a reclaimed share) arrives.
    pub fn awaiting_shards(&self) -> bool {
        self.shared
            .as_ref()
            .is_some_and(|b| b.local.is_empty() && b.outbox.is_empty() && !b.complete())
    }

    /// Does the trainer's next piece of the batch in flight: one of its own shares'
    /// passes, or, once every share's result is in, the loss (then the backward passes
    /// are handed out) or the step itself. Returns the progress when the batch is done.
    ///
    /// # Errors
    /// As [`Trainer::run_batches`]; also when the trainer's own pass fails.
    pub fn advance_shared(&mut self) -> Result<Option<Progress>, ModelError> {
        let Some(mut batch) = self.shared.take() else {
            return Ok(None);
        };
        if let Some(shard) = batch.local.pop() {
            self.run_local(&mut batch, shard)?;
            self.shared = Some(batch);
            return Ok(None);
        }
        if !batch.complete() {
            self.shared = Some(batch);
            return Ok(None);
        }
        if !batch.backward {
            self.batch_risk.clear();
            for risk in batch.risks.iter().flatten() {
                self.batch_risk.extend(risk.iter().map(|&r| f64::from(r)));
            }
            batch.loss = self.batch_loss_gradient()?;
            batch.backward = true;
            for shard in 0..batch.shards() {
                if batch.passes.iter().any(|p| p.shard == shard) {
                    batch.local.push(shard);
                } else {
                    let rows = batch.rows(shard);
                    batch.outbox.push(ShardTask::Backward(ShardBackward {
                        step: batch.step,
                        shard,
                        grad: self.batch_grad[rows].iter().map(|&g| g as f32).collect(),
                    }));
                }
            }
            self.shared = Some(batch);
            return Ok(None);
        }
        let mut gradients = batch.gradients.into_iter().flatten();
        let sum = self.backprop.gradient_mut();
        if let Some(first) = gradients.next() {
            *sum = first;
        }
        for gradient in gradients {
            sum.add(&gradient)?;
        }
        self.apply_gradient(batch.loss);
        let summary = self.end_batch(batch.end)?;
        Ok(Some(self.progress(summary)))
    }

    /// Runs share `shard`'s pass of the current phase on the trainer.
    fn run_local(&mut self, batch: &mut SharedBatch, shard: usize) -> Result<(), ModelError> {
        let kept = batch.passes.iter().position(|p| p.shard == shard);
        let mut pass = match kept {
            Some(at) => batch.passes.swap_remove(at),
            None => {
                let (pass, risk) = ShardPass::forward(self.shard_forward(batch, shard))?;
                if !batch.backward {
                    batch.risks[shard] = Some(risk);
                    batch.passes.push(pass);
                    return Ok(());
                }
                pass
            }
        };
        let rows = batch.rows(shard);
        let task = ShardBackward {
            step: batch.step,
            shard,
            grad: self.batch_grad[rows].iter().map(|&g| g as f32).collect(),
        };
        batch.gradients[shard] = Some(pass.backward(&task)?.clone());
        Ok(())
    }

    /// Takes in share `shard`'s log-risks from the worker that ran its forward pass.
    ///
    /// # Errors
    /// [`ModelError::Shape`] for a step not in flight, a share that is not awaited, or
    /// log-risks of another length than the share.
    pub fn accept_shard_risks(
        &mut self,
        step: u64,
        shard: usize,
        risk: Vec<f32>,
    ) -> Result<(), ModelError> {
        let batch = self.awaited(step, shard, false)?;
        let rows = batch.rows(shard).len();
        if risk.len() != rows {
            return Err(ModelError::length(
                "training share",
                "log-risk",
                rows,
                risk.len(),
            ));
        }
        batch.risks[shard] = Some(risk);
        Ok(())
    }

    /// Takes in share `shard`'s parameter gradient from the worker that ran its backward
    /// pass.
    ///
    /// # Errors
    /// As [`Trainer::accept_shard_risks`]; also for a gradient of another network shape.
    pub fn accept_shard_gradient(
        &mut self,
        step: u64,
        shard: usize,
        gradient: NetGradient,
    ) -> Result<(), ModelError> {
        if !self.backprop.gradient().same_shape(&gradient) {
            return Err(ModelError::shape(
                "training share's result",
                ShapeProblem::Differ,
            ));
        }
        self.awaited(step, shard, true)?.gradients[shard] = Some(gradient);
        Ok(())
    }

    /// The batch in flight, when it awaits share `shard`'s result of the given phase.
    fn awaited(
        &mut self,
        step: u64,
        shard: usize,
        backward: bool,
    ) -> Result<&mut SharedBatch, ModelError> {
        let awaited = self.shared.as_mut().filter(|b| {
            b.step == step
                && b.backward == backward
                && shard < b.shards()
                && !b.local.contains(&shard)
                && if backward {
                    b.gradients[shard].is_none()
                } else {
                    b.risks[shard].is_none()
                }
        });
        awaited
            .ok_or_else(|| ModelError::shape("training share's result", ShapeProblem::NotAwaited))
    }

    /// Runs the batch in flight to its end on the trainer alone, taking back every share
    /// still out (when the one-worker steps resume mid-batch).
    pub(super) fn finish_shared_alone(&mut self) -> Result<Option<Progress>, ModelError> {
        while let Some(batch) = &self.shared {
            for shard in 0..batch.shards() {
                self.reclaim_shard(shard);
            }
            if let Some(progress) = self.advance_shared()? {
                return Ok(Some(progress));
            }
        }
        Ok(None)
    }

    /// Takes back share `shard` of the batch in flight from a worker that stopped: the
    /// trainer computes it itself, with the same masks. Nothing when the share's result is
    /// in already.
    pub fn reclaim_shard(&mut self, shard: usize) {
        let Some(batch) = self.shared.as_mut() else {
            return;
        };
        let missing = shard < batch.shards()
            && if batch.backward {
                batch.gradients[shard].is_none()
            } else {
                batch.risks[shard].is_none()
            };
        if missing && !batch.local.contains(&shard) {
            batch.outbox.retain(|t| match t {
                ShardTask::Forward(f) => f.shard != shard,
                ShardTask::Backward(b) => b.shard != shard,
            });
            batch.local.push(shard);
        }
    }
}
