//! The `auto` recipe's members trained by several workers at once.
//!
//! A member (one setting validated on one fold) is a training of its own: its initial
//! weights, shuffles and dropout masks come from a seed of the run's seed, its setting and
//! its fold, and it reads nothing another member writes. So the run hands whole members to
//! other workers ([`AutoTrainer::take_member_tasks`]: the cohort, the settings, the folds and
//! which member) while it trains the others, one validation interval per
//! [`AutoTrainer::step`]. Each [`MemberTask::run`] computes exactly what the run would have
//! computed for that member, and the run keeps the trained members in plan order
//! ([`AutoTrainer::accept_member`]), so the model, its choice and its calibration are the
//! same bit for bit whichever worker trains which member, and whatever the number of
//! workers.
//!
//! Two things order the work:
//! - **The screen.** Cohorts large enough to screen the settings on a few folds decide the
//!   setting once every screening member is in, here or elsewhere; only then are the
//!   chosen setting's other folds planned and handed out.
//! - **A worker that stops.** Its member is taken back ([`AutoTrainer::reclaim_member`])
//!   and trained by the run itself, from its start: the same member, the same bits.

use std::sync::Arc;

use super::{AutoTrainer, MemberGround, TrainedMember};
use crate::{ModelError, ShapeProblem};

/// One member of a run to train elsewhere: the run's ground and the member's place in the
/// plan, setting and fold.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberTask {
    /// Its place in the run's plan (names the result).
    pub index: usize,
    /// The setting's index in the run's candidates.
    pub candidate: usize,
    /// The fold it is validated on.
    pub fold: usize,
    /// The cohort, settings and folds.
    pub ground: Arc<MemberGround>,
}

impl MemberTask {
    /// Trains the member to its end, as the run would.
    ///
    /// # Errors
    /// [`ModelError::Shape`] for a setting or fold the run does not have;
    /// [`ModelError::NonFinite`] when training diverges.
    pub fn run(&self) -> Result<TrainedMember, ModelError> {
        let ground = &self.ground;
        let mut member = ground.start_member(self.index, self.candidate, self.fold)?;
        while !member.finished {
            ground.train_interval(&mut member)?;
        }
        Ok(ground.finish_member(member))
    }
}

impl AutoTrainer {
    /// Hands up to `workers` members to other workers: the members the plan has not started
    /// (those taken back from a stopped worker first), each as a [`MemberTask`]. Until every
    /// one is in ([`AutoTrainer::accept_member`]) or taken back, the run does not finish, and
    /// a run that screens does not choose its setting. Empty when no member is left to hand
    /// out.
    pub fn take_member_tasks(&mut self, workers: usize) -> Vec<MemberTask> {
        let mut tasks = Vec::new();
        while tasks.len() < workers {
            if self.needs_completion() {
                self.complete_plan();
            }
            let Some(index) = self.handout.send(self.plan.len()) else {
                break;
            };
            let (candidate, fold) = self.plan[index];
            tasks.push(MemberTask {
                index,
                candidate,
                fold,
                ground: Arc::clone(&self.ground),
            });
        }
        tasks
    }

    /// Takes in a member another worker trained.
    ///
    /// # Errors
    /// [`ModelError::Shape`] for a member no worker was given (or one already in), or one
    /// whose network or out-of-fold log-risks do not fit the run's patients; the member then
    /// stays with that worker, and the caller takes it back
    /// ([`AutoTrainer::reclaim_member`]).
    pub fn accept_member(&mut self, trained: TrainedMember) -> Result<(), ModelError> {
        const CONTEXT: &str = "automatic recipe's member";
        if !self.handout.is_elsewhere(trained.index) {
            return Err(ModelError::shape(CONTEXT, ShapeProblem::NetworkNotAwaited));
        }
        let (candidate, fold) = self.plan[trained.index];
        if (trained.record.candidate, trained.record.fold) != (candidate, fold) {
            return Err(ModelError::shape(CONTEXT, ShapeProblem::NetworkNotAwaited));
        }
        let inputs = self.ground.data.n_features();
        if trained.network.n_inputs() != inputs {
            return Err(ModelError::shape(
                CONTEXT,
                ShapeProblem::Inputs {
                    network: trained.network.n_inputs(),
                    data: inputs,
                },
            ));
        }
        let in_fold = self.ground.fold_of.iter().filter(|&&k| k == fold).count();
        if trained.out_of_fold.len() != in_fold {
            return Err(ModelError::length(
                CONTEXT,
                "out-of-fold log-risk",
                in_fold,
                trained.out_of_fold.len(),
            ));
        }
        self.handout.receive(trained.index);
        self.insert_done(trained);
        Ok(())
    }

    /// Takes back member `index` from a worker that stopped or failed it: the run trains it
    /// itself. Nothing for a member no worker holds.
    pub fn reclaim_member(&mut self, index: usize) {
        self.handout.take_back(index);
    }

    /// Members other workers are training.
    pub fn members_elsewhere(&self) -> usize {
        self.handout.elsewhere()
    }

    /// Whether the run waits for other workers' members and has nothing to train itself.
    pub fn awaiting_members(&self) -> bool {
        self.handout.elsewhere() > 0
            && self.ridge.len() == self.ground.config.folds
            && self.current.is_none()
            && self.handout.all_dealt(self.plan.len())
    }
}
