//! The `auto` recipe with its members trained by other workers: whatever the number of
//! workers, the order their members come back in, or a worker that stops, the model, its
//! choice, calibration and records are those of the run trained alone, bit for bit; a
//! screening run decides its setting only once every screening member is in; results that
//! do not fit the run are refused.

// Test helpers outside #[test] functions: a failed unwrap there is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use survlens_model::{
    AutoConfig, AutoModel, AutoTrainer, MemberGround, MemberTask, ModelError, ShapeProblem,
    SurvivalData, TrainedMember, fit_auto,
};

/// `n` patients with `p` uniform inputs and a hazard a network can model better than a
/// linear Cox model (a V-shape and a product), about a third censored.
fn cohort(n: usize, p: usize, seed: u64) -> SurvivalData {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let x: Vec<f32> = (0..n * p).map(|_| rng.random::<f32>()).collect();
    let mut time = Vec::with_capacity(n);
    let mut event = Vec::with_capacity(n);
    for i in 0..n {
        let v = |j: usize| f64::from(x[i * p + j]);
        let eta = 6.0 * (v(0) - 0.5).abs() - v(1) + 2.0 * v(2) * v(3);
        let t = -rng.random_range(1e-9f64..1.0).ln() / (0.1 * eta.exp());
        let c = -rng.random_range(1e-9f64..1.0).ln() / 0.05;
        time.push(t.min(c));
        event.push(t <= c);
    }
    SurvivalData::new(x, p, time, event).unwrap()
}

/// Short members; `screen_above` below 400 makes the run screen its settings on 2 folds.
fn config(screen_above: usize) -> AutoConfig {
    AutoConfig {
        screen_above,
        max_steps: 80,
        min_steps: 20,
        eval_every: 10,
        ..AutoConfig::for_cohort(400, 7)
    }
}

fn trainer(screen_above: usize) -> AutoTrainer {
    AutoTrainer::new(config(screen_above), cohort(400, 6, 3), None).unwrap()
}

/// Runs `trainer` with `workers` other workers, in process: each round they take members,
/// the run takes one step of its own, and the members come back in reverse order (`stop`:
/// the worker of the `stop`-th task handed out stops instead, and its member is taken back).
fn run_shared(mut trainer: AutoTrainer, workers: usize, stop: Option<usize>) -> AutoModel {
    let mut handed = 0;
    let mut pending: Vec<MemberTask> = Vec::new();
    while !trainer.is_finished() {
        let idle = workers - pending.len();
        for task in trainer.take_member_tasks(idle) {
            handed += 1;
            if Some(handed) == stop {
                trainer.reclaim_member(task.index);
            } else {
                pending.push(task);
            }
        }
        if trainer.awaiting_members() || trainer.is_finished() {
            // Nothing to do here: the workers answer, the last one first.
            while let Some(task) = pending.pop() {
                trainer.accept_member(task.run().unwrap()).unwrap();
            }
        } else {
            trainer.step().unwrap();
            // One worker answers between the run's steps.
            if let Some(task) = pending.pop() {
                trainer.accept_member(task.run().unwrap()).unwrap();
            }
        }
    }
    assert_eq!(trainer.members_elsewhere(), 0);
    trainer.finish().unwrap()
}

fn alone(screen_above: usize) -> AutoModel {
    fit_auto(config(screen_above), cohort(400, 6, 3), None).unwrap()
}

#[test]
fn any_number_of_workers_gives_the_model_of_the_run_alone() {
    // 10_000: every setting on every fold (15 members); 100: a screen on 2 folds, then the
    // chosen setting's 3 other folds (9 members).
    for screen_above in [10_000, 100] {
        let reference = alone(screen_above);
        // The network takes part in the model: the check covers the members' weights.
        assert!(
            reference.choice.linear_weight < 1.0,
            "{}",
            reference.choice.linear_weight
        );
        for workers in [1, 2, 4, 20] {
            let shared = run_shared(trainer(screen_above), workers, None);
            assert!(
                shared == reference,
                "{workers} workers, screen above {screen_above}: the model differs"
            );
        }
    }
}

#[test]
fn a_member_taken_back_from_a_stopped_worker_changes_nothing() {
    let reference = alone(100);
    for stop in [1, 3, 7] {
        let shared = run_shared(trainer(100), 2, Some(stop));
        assert!(
            shared == reference,
            "worker {stop} stopped: the model differs"
        );
    }
}

#[test]
fn a_screening_run_hands_out_the_chosen_setting_only_after_the_screen() {
    let mut t = trainer(100);
    // 3 settings x 2 screening folds; the chosen setting's other folds are not planned yet.
    let tasks = t.take_member_tasks(100);
    assert_eq!(tasks.len(), 6);
    assert!(tasks.iter().all(|task| task.fold < 2));
    assert!(t.take_member_tasks(1).is_empty());
    // The ridge folds are fitted, then the run waits for the screen.
    while !t.awaiting_members() {
        t.step().unwrap();
    }
    for task in &tasks[..5] {
        t.accept_member(task.run().unwrap()).unwrap();
    }
    assert!(t.awaiting_members() && t.take_member_tasks(1).is_empty());
    t.accept_member(tasks[5].run().unwrap()).unwrap();
    let completion = t.take_member_tasks(100);
    assert_eq!(
        completion.iter().map(|task| task.fold).collect::<Vec<_>>(),
        [2, 3, 4]
    );
    let chosen = completion[0].candidate;
    assert!(completion.iter().all(|task| task.candidate == chosen));
    for task in &completion {
        t.accept_member(task.run().unwrap()).unwrap();
    }
    let model = t.finish().unwrap();
    assert_eq!(model.choice.chosen, chosen);
    assert!(model == alone(100));
}

fn shape_problem(e: &ModelError) -> ShapeProblem {
    match e {
        ModelError::Shape { shape, .. } => *shape,
        other => panic!("not a shape error: {other}"),
    }
}

#[test]
fn results_that_do_not_fit_the_run_are_refused() {
    let mut t = trainer(10_000);
    let tasks = t.take_member_tasks(2);
    let first = tasks[0].run().unwrap();

    // A member no worker was given, and one already in.
    let mut other = first.clone();
    other.index = 14;
    assert_eq!(
        shape_problem(&t.accept_member(other).unwrap_err()),
        ShapeProblem::NetworkNotAwaited
    );
    let mut swapped: TrainedMember = tasks[1].run().unwrap();
    swapped.index = first.index;
    assert!(t.accept_member(swapped).is_err());
    let mut short = first.clone();
    short.out_of_fold.pop();
    assert!(matches!(
        t.accept_member(short).unwrap_err(),
        ModelError::Length { .. }
    ));
    t.accept_member(first.clone()).unwrap();
    assert_eq!(
        shape_problem(&t.accept_member(first).unwrap_err()),
        ShapeProblem::NetworkNotAwaited
    );

    // A network for other inputs.
    let mut wrong = tasks[1].run().unwrap();
    let narrow = fit_auto(
        AutoConfig {
            max_steps: 20,
            min_steps: 10,
            ..config(10_000)
        },
        cohort(400, 5, 3),
        None,
    )
    .unwrap();
    wrong.network = narrow.network;
    assert!(matches!(
        shape_problem(&t.accept_member(wrong).unwrap_err()),
        ShapeProblem::Inputs {
            network: 5,
            data: 6
        }
    ));

    // A task for a setting or fold the run does not have.
    let unknown = MemberTask {
        candidate: 3,
        ..tasks[1].clone()
    };
    assert!(matches!(
        shape_problem(&unknown.run().unwrap_err()),
        ShapeProblem::UnknownMember {
            candidate: 3,
            candidates: 3,
            ..
        }
    ));
    let unknown = MemberTask {
        fold: 5,
        ..tasks[1].clone()
    };
    assert!(unknown.run().is_err());
}

#[test]
fn a_ground_that_does_not_fit_its_cohort_is_refused() {
    let data = cohort(50, 6, 1);
    assert!(MemberGround::new(config(100), data.clone(), vec![0; 49]).is_err());
    assert!(MemberGround::new(config(100), data.clone(), vec![5; 50]).is_err());
    let ground = MemberGround::new(config(100), data, vec![1; 50]).unwrap();
    assert_eq!(ground.fold_of().len(), 50);
}
