//! The pool trains the study's network data-parallel: each training batch is split among
//! the job and its members, each share crossing as its wire message with only its own
//! patients' inputs; a given number of members gives the same network bit for bit, the
//! network trains as one worker's does, and a member that stops mid-batch leaves its share
//! to the job and the training goes on with the members left.

#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::collections::HashMap;
use std::sync::Arc;

use survlens_app::core::session::Session;
use survlens_app::job::pipeline::{Job, JobStep};
use survlens_app::job::pool::{self, Member, Task, TaskResult};
use survlens_app::job::protocol::Response;
use survlens_app::sources::spec::{CohortSource, JobSpec, ModelSource};
use survlens_model::{Recipe, ShardTask, TrainConfig};
use survlens_synth::{Preset, SynthConfig};

/// The study's recipe on a teaching cohort, a few epochs.
fn spec() -> JobSpec {
    JobSpec {
        source: CohortSource::Synthetic(SynthConfig {
            n_patients: 900,
            seed: 5,
            preset: Preset::Teaching,
        }),
        model: ModelSource::Train,
        recipe: Recipe::Study,
        training: TrainConfig {
            stages: 1,
            epochs_per_stage: 3,
            ..JobSpec::small_cohort_training()
        },
        folds: 5,
    }
}

/// What the run saw of the pool.
#[derive(Default)]
struct Seen {
    forward: usize,
    backward: usize,
    /// The largest share's patients, and the batch size.
    largest_share: usize,
    epochs: Vec<f64>,
    stages: Vec<String>,
}

/// Trains and explains with `members` other workers, each answering through its wire
/// messages; the member of share `stop` (if any) stops at its first backward pass: the job
/// takes that share back and trains with one member fewer from the next batch on.
fn trained(members: usize, stop: Option<usize>) -> (Arc<Session>, Seen) {
    let mut members = members;
    let mut job = Job::new(spec());
    job.set_pool(members);
    let mut workers: HashMap<usize, Member> = HashMap::new();
    let mut stopped = false;
    let mut seen = Seen::default();
    loop {
        for task in job.share_with_pool(members) {
            let key = pool::task_key(&task);
            let task = Task::from_wire(task.to_wire()).expect("the task reads back");
            match &task {
                Task::Train(ShardTask::Forward(f)) => {
                    seen.forward += 1;
                    let rows = f.x.len() / f.network.n_inputs();
                    seen.largest_share = seen.largest_share.max(rows);
                }
                Task::Train(ShardTask::Backward(_)) => {
                    seen.backward += 1;
                    if stop == Some(key) && !stopped {
                        stopped = true;
                        job.reclaim_from_pool(key);
                        members -= 1;
                        job.set_pool(members);
                        continue;
                    }
                }
                Task::ExplainRows(_) => {}
            }
            // Share `s` goes to member `s`, which keeps its forward pass for the backward.
            let member = workers.entry(key).or_default();
            let result = member.run(task).expect("the task runs");
            let result = TaskResult::from_wire(result.to_wire()).expect("the result reads back");
            job.accept_from_pool(result).expect("the result is awaited");
        }
        assert!(!job.awaiting_pool(), "every task was answered");
        match job.step().expect("the job runs") {
            JobStep::Explained(session) => return (session, seen),
            JobStep::Progress(Response::Epoch { line, .. }) => {
                seen.epochs.push(line.validation_loss);
            }
            JobStep::Progress(Response::Stage(stage)) => seen.stages.push(stage),
            _ => {}
        }
    }
}

#[test]
fn a_pool_trains_the_network_deterministically_and_as_one_worker_does() {
    let (alone, seen) = trained(0, None);
    assert_eq!(seen.forward, 0, "one worker shares nothing");
    let (a, seen_a) = trained(2, None);
    let (b, _) = trained(2, None);
    let bits = |s: &Session| s.risk.iter().map(|r| r.to_bits()).collect::<Vec<_>>();
    assert_eq!(
        bits(&a),
        bits(&b),
        "two members, the same network bit for bit"
    );

    // Every batch is split: two of its three shares go to the members, then their backward
    // passes; a share holds a third of a batch of 128, with only its own patients' inputs.
    assert!(
        seen_a.forward >= 2 * 3 * 4,
        "{} forward tasks",
        seen_a.forward
    );
    assert_eq!(seen_a.forward, seen_a.backward);
    assert!(seen_a.largest_share <= 43, "{}", seen_a.largest_share);

    // Only the order of each batch's gradient sum differs from one worker.
    assert_eq!(seen.epochs.len(), seen_a.epochs.len());
    for (x, y) in seen.epochs.iter().zip(&seen_a.epochs) {
        assert!((x - y).abs() < 1e-3 * x.abs(), "{x} vs {y}");
    }
    let c = |s: &Session| s.test_cindex;
    assert!(
        (c(&alone) - c(&a)).abs() < 0.01,
        "{} vs {}",
        c(&alone),
        c(&a)
    );
}

#[test]
fn a_member_that_stops_mid_batch_leaves_its_share_to_the_job() {
    let (a, seen_a) = trained(2, None);
    assert!(
        seen_a
            .stages
            .iter()
            .any(|s| s == "Training the network, each batch shared among 3 workers"),
        "{:?}",
        seen_a.stages
    );
    let (b, seen_b) = trained(2, Some(2));
    // The batches after the stop are split in two shares, not three: rounding apart, the
    // same training.
    assert_eq!(seen_a.epochs.len(), seen_b.epochs.len());
    for (x, y) in seen_a.epochs.iter().zip(&seen_b.epochs) {
        assert!((x - y).abs() < 1e-3 * x.abs(), "{x} vs {y}");
    }
    assert!((a.test_cindex - b.test_cindex).abs() < 0.01);
    assert!(
        seen_b.stages.iter().any(|s| s
            == "Training the network, each batch shared among 2 workers (a pool worker \
                stopped; its share of the batches is trained here)"),
        "{:?}",
        seen_b.stages
    );
}

#[test]
fn a_backward_pass_for_a_share_the_member_does_not_hold_is_refused() {
    let mut job = Job::new(spec());
    job.set_pool(1);
    let tasks = loop {
        job.step().expect("the job runs");
        let tasks = job.share_with_pool(1);
        if !tasks.is_empty() {
            break tasks;
        }
    };
    let [Task::Train(ShardTask::Forward(f))] = tasks.as_slice() else {
        panic!("one forward task: {tasks:?}")
    };
    let mut member = Member::default();
    let backward = Task::Train(ShardTask::Backward(survlens_model::ShardBackward {
        step: f.step,
        shard: f.shard,
        grad: vec![0.0; 4],
    }));
    let e = member
        .run(backward)
        .expect_err("no forward pass was run here");
    assert_eq!(e.code(), "shape", "{e}");
    assert!(
        e.to_string()
            .contains("no share of the training batch in flight"),
        "{e}"
    );
}
