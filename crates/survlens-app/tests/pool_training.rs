//! The pool trains the network. The study's recipe runs data-parallel: each training batch
//! is split among the job and its members, each share crossing as its wire message with
//! only its own patients' inputs; a given number of members gives the same network bit for
//! bit, the network trains as one worker's does, and a member that stops mid-batch leaves
//! its share to the job and the training goes on with the members left. The `auto` recipe
//! hands whole members of its ensemble to the pool: any number of workers, or one that
//! stops, gives the model of the job alone bit for bit, and its tasks and results cross the
//! wire exactly. The interaction search hands its cross-fitted networks, its folds' screens
//! and batches of its pair tests to the pool whole: the same findings, also when members
//! stop. A member that stays keeps a fold's test patients between its batches of tests,
//! which then cross with their offsets only.

#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::collections::HashMap;
use std::sync::Arc;

use survlens_app::core::session::Session;
use survlens_app::job::pipeline::{Job, JobStep};
use survlens_app::job::pool::{self, Holdings, Member, Task, TaskResult};
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
            let task = Task::from_wire(task.into_wire()).expect("the task reads back");
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
                Task::ExplainRows(_)
                | Task::TrainMember(_)
                | Task::TrainNetwork(_)
                | Task::ScreenFold(_)
                | Task::TestPairs(_) => {}
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

/// The `auto` recipe (the page's default) on a teaching cohort.
fn auto_spec() -> JobSpec {
    JobSpec {
        recipe: Recipe::Auto,
        source: CohortSource::Synthetic(SynthConfig {
            n_patients: 400,
            seed: 5,
            preset: Preset::Teaching,
        }),
        ..spec()
    }
}

/// What the `auto` run saw of its members.
#[derive(Default)]
struct SeenMembers {
    /// The members handed out, by their place in the plan.
    handed: Vec<usize>,
    /// The largest task's patients.
    patients: usize,
    stages: Vec<String>,
}

/// Trains with the `auto` recipe and explains, with `members` other workers answering
/// through their wire messages one step after they got their member; the worker of the
/// `stop`-th member handed out (if any) stops instead, and the pool shrinks by one.
fn trained_auto(members: usize, stop: Option<usize>) -> (Arc<Session>, SeenMembers) {
    let mut members = members;
    let mut job = Job::new(auto_spec());
    job.set_pool(members);
    let mut seen = SeenMembers::default();
    let mut busy: Vec<Task> = Vec::new();
    loop {
        for task in job.share_with_pool(members - busy.len()) {
            let key = pool::task_key(&task);
            let task = Task::from_wire(task.into_wire()).expect("the task reads back");
            let Task::TrainMember(t) = &task else {
                panic!("a member of the recipe, not {task:?}")
            };
            seen.handed.push(key);
            seen.patients = seen.patients.max(t.ground.data().n_patients());
            if stop == Some(seen.handed.len()) {
                job.reclaim_from_pool(key);
                members -= 1;
                job.set_pool(members);
                continue;
            }
            busy.push(task);
        }
        // The job works on while its members train; the first one answers after its step.
        if job.awaiting_pool() || !busy.is_empty() {
            if let Some(task) = (!busy.is_empty()).then(|| busy.remove(0)) {
                let result = Member::default().run(task).expect("the member trains");
                let result =
                    TaskResult::from_wire(result.to_wire()).expect("the result reads back");
                job.accept_from_pool(result).expect("the member is awaited");
            }
            if job.awaiting_pool() {
                continue;
            }
        }
        match job.step().expect("the job runs") {
            JobStep::Explained(session) => return (session, seen),
            JobStep::Progress(Response::Progress { stage, .. }) => seen.stages.push(stage),
            _ => {}
        }
    }
}

#[test]
fn the_auto_recipe_trains_its_members_on_the_pool_into_the_same_model() {
    let bits = |s: &Session| {
        s.risk
            .iter()
            .chain(&s.relevance)
            .map(|r| r.to_bits())
            .collect::<Vec<_>>()
    };
    let (alone, seen) = trained_auto(1, None);
    let (two, seen_two) = trained_auto(3, None);
    assert!(!seen.handed.is_empty() && !seen_two.handed.is_empty());
    // A member is trained on the whole training split (with its folds), as the job would.
    assert!(
        seen.patients > 0 && seen.patients < 400,
        "{}",
        seen.patients
    );
    assert_eq!(bits(&alone), bits(&two), "the same model, bit for bit");
    assert!(
        seen_two
            .stages
            .iter()
            .any(|s| s.contains("more networks train in other workers")),
        "{:?}",
        seen_two.stages
    );
    // The additive models come first, fold by fold, named as such (no member's step 0).
    let training: Vec<&String> = seen
        .stages
        .iter()
        .filter(|s| s.starts_with("Training"))
        .collect();
    assert!(
        training[..5]
            .iter()
            .enumerate()
            .all(|(k, s)| s.starts_with(&format!(
                "Training: the additive Cox models beside the networks, fold {} of 5",
                k + 1
            )))
            && training[5].starts_with("Training: setting "),
        "{:?}",
        &training[..6]
    );

    // A worker that stops: the job trains its member, and says so.
    let (stopped, seen_stopped) = trained_auto(2, Some(2));
    assert_eq!(bits(&alone), bits(&stopped), "the same model, bit for bit");
    assert!(
        seen_stopped
            .stages
            .iter()
            .any(|s| s.ends_with("(a pool worker stopped; its network is trained here)")),
        "{:?}",
        seen_stopped.stages
    );
}

#[test]
fn a_member_task_that_does_not_fit_its_cohort_is_refused() {
    let mut job = Job::new(auto_spec());
    let tasks = loop {
        job.step().expect("the job runs");
        let tasks = job.share_with_pool(1);
        if !tasks.is_empty() {
            break tasks;
        }
    };
    let mut wire = tasks[0].clone().into_wire();
    // One input short.
    wire.buffers[0].pop();
    let e = Task::from_wire(wire).expect_err("the inputs do not fit");
    assert_eq!(e.code(), "pool_buffer", "{e}");
    // A fold the recipe does not have.
    let mut wire = tasks[0].clone().into_wire();
    wire.header = wire.header.replace("\"fold\":", "\"fold\":9");
    let Ok(task) = Task::from_wire(wire) else {
        panic!("the header reads")
    };
    let e = Member::default().run(task).expect_err("no such member");
    assert!(
        e.to_string().contains("is not one of the recipe's members"),
        "{e}"
    );
}

#[test]
fn member_tasks_and_results_cross_the_wire_bit_for_bit() {
    use rand::{Rng, SeedableRng};
    // Times that `f32` cannot hold, and a record with a NaN (a validation without a
    // comparable pair), which JSON cannot.
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
    let (n, p) = (300, 4);
    let x: Vec<f32> = (0..n * p).map(|_| rng.random::<f32>()).collect();
    let time: Vec<f64> = (0..n).map(|_| rng.random_range(0.1..10.0)).collect();
    let event: Vec<bool> = (0..n).map(|i| i % 3 != 0).collect();
    let data = survlens_model::SurvivalData::new(x, p, time, event).unwrap();
    let config = survlens_model::AutoConfig {
        max_steps: 20,
        min_steps: 10,
        ..survlens_model::AutoConfig::for_cohort(n, 1)
    };
    let mut trainer = survlens_model::AutoTrainer::new(config, data, None).unwrap();
    let task = Task::TrainMember(trainer.take_member_tasks(1).remove(0));
    let crossed = Task::from_wire(task.clone().into_wire()).unwrap();
    assert_eq!(crossed, task);

    let TaskResult::Member(mut trained) = Member::default().run(crossed).unwrap() else {
        panic!("a trained member")
    };
    trained.record.curve[0].validation_c = f64::NAN;
    let result = TaskResult::Member(trained);
    let back = TaskResult::from_wire(result.to_wire()).unwrap();
    assert_eq!(format!("{back:?}"), format!("{result:?}"));
}

/// Which piece of the interaction search a stopping worker holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Piece {
    Network,
    Screen,
    Tests,
}

/// What the pool was handed of the interaction search.
#[derive(Debug, Default, PartialEq, Eq)]
struct Handed {
    networks: usize,
    screens: usize,
    batches: usize,
}

/// Runs the whole job of `spec`, its interaction search included, with `members` other
/// workers answering every task through its wire messages once the job has nothing else to
/// do (the slowest pool there is), the last task handed out first. The worker of the first
/// piece of each kind in `stops` stops instead: the job takes the piece back and goes on
/// with one member fewer. Returns the interactions found, the search's progress lines and
/// what was handed out.
fn searched(spec: JobSpec, members: usize, stops: &[Piece]) -> (String, Vec<String>, Handed) {
    searched_with(spec, members, stops, false)
}

/// [`searched`]; with `tamper`, the first fold's screens and the first batch of tests come
/// back altered (an additive risk missing, a test under another's place): the job refuses
/// each, and takes the piece back as the page's worker does.
fn searched_with(
    spec: JobSpec,
    members: usize,
    stops: &[Piece],
    tamper: bool,
) -> (String, Vec<String>, Handed) {
    let mut tamper = if tamper {
        vec![Piece::Screen, Piece::Tests]
    } else {
        Vec::new()
    };
    let mut members = members;
    let mut stops = stops.to_vec();
    let mut job = Job::new(spec);
    job.set_pool(members);
    let mut busy: Vec<Task> = Vec::new();
    let mut stages = Vec::new();
    let mut handed = Handed::default();
    loop {
        for task in job.share_with_pool(members - busy.len()) {
            let key = pool::task_key(&task);
            let task = Task::from_wire(task.into_wire()).expect("the task reads back");
            let piece = match &task {
                Task::TrainNetwork(_) => Piece::Network,
                Task::ScreenFold(_) => Piece::Screen,
                Task::TestPairs(_) => Piece::Tests,
                other => panic!("not a piece of the search: {other:?}"),
            };
            match piece {
                Piece::Network => handed.networks += 1,
                Piece::Screen => handed.screens += 1,
                Piece::Tests => handed.batches += 1,
            }
            if let Some(at) = stops.iter().position(|&p| p == piece) {
                stops.remove(at);
                job.reclaim_from_pool(key);
                members -= 1;
                job.set_pool(members);
                continue;
            }
            busy.push(task);
        }
        if job.awaiting_pool() {
            let task = busy.pop().expect("the job awaits a task");
            let key = pool::task_key(&task);
            let result = Member::default().run(task).expect("the task runs");
            let mut result =
                TaskResult::from_wire(result.to_wire()).expect("the result reads back");
            let altered = match &mut result {
                TaskResult::Screened(found) if tamper.contains(&Piece::Screen) => {
                    tamper.retain(|&p| p != Piece::Screen);
                    // An additive model of another cohort's inputs.
                    found
                        .additive
                        .as_mut()
                        .map(|model| *model = linear_model_of_one_input())
                        .is_some()
                }
                TaskResult::Tested(tested) if tamper.contains(&Piece::Tests) => {
                    tamper.retain(|&p| p != Piece::Tests);
                    tested.tests[0].0 += 1;
                    true
                }
                _ => false,
            };
            if altered {
                let e = job.accept_from_pool(result).expect_err("an altered piece");
                assert_eq!(e.code(), "shape", "{e}");
                job.reclaim_from_pool(key);
            } else {
                job.accept_from_pool(result).expect("the result is awaited");
            }
            continue;
        }
        match job.step().expect("the job runs") {
            JobStep::Done(done) => return (format!("{:?}", done.interactions), stages, handed),
            JobStep::Progress(Response::Progress { stage, .. }) if stage.starts_with("Inter") => {
                stages.push(stage);
            }
            _ => {}
        }
    }
}

/// A linear Cox model of one input, fitted on six patients.
fn linear_model_of_one_input() -> survlens_model::BaselineCox {
    survlens_model::BaselineCox::fit_with_penalizer(
        survlens_model::BaselineKind::Linear,
        &[0.1, 0.9, 0.4, 1.3, 0.2, 0.7],
        1,
        &[5.0, 1.0, 4.0, 2.0, 6.0, 3.0],
        &[true, true, false, true, true, false],
        0.1,
    )
    .expect("the model fits")
}

#[test]
fn the_pool_runs_the_interaction_search_into_the_same_findings() {
    // 800 new patients explained by the default model: the search's two networks train on
    // its cross-fitted halves, each half is screened, and the kept pairs are tested.
    let spec = JobSpec::pan_cancer_of(800);
    let (alone, _, handed) = searched(spec.clone(), 0, &[]);
    assert_eq!(handed, Handed::default(), "one worker hands out nothing");
    // A member that stays keeps a fold's test patients from one batch of tests to the next.
    let (kept_by_member, batches) = searched_by_one_member_that_stays(spec.clone());
    assert_eq!(kept_by_member, alone, "the same findings, bit for bit");
    let kept = batches.iter().filter(|b| b.0).count();
    assert!(
        kept > 0 && kept < batches.len(),
        "the first batch of a fold crosses whole, a later one without: {batches:?}"
    );
    for &(kept, carried, offsets) in &batches {
        if kept {
            assert_eq!(carried, offsets, "only the offsets cross");
        } else {
            assert!(carried > offsets, "the patients' values cross too");
        }
    }
    let (pooled, stages, handed) = searched(spec.clone(), 1, &[]);
    assert_eq!(
        (handed.networks, handed.screens),
        (1, 1),
        "one of the two networks and one of the two folds go to the member"
    );
    assert!(handed.batches >= 1, "batches of tests go to the member too");
    assert_eq!(pooled, alone, "the same findings, bit for bit");
    // The job trains its own network, then moves the couplings on while it waits; it
    // screens its own fold while the member screens the other.
    for wanted in [
        "one more network trains in another worker",
        "one more part of the search runs in another worker",
    ] {
        assert!(
            stages
                .iter()
                .any(|s| s.starts_with("Interactions: ") && s.ends_with(wanted)),
            "{wanted}: {stages:?}"
        );
    }
    let (stopped, stages, _) = searched(spec.clone(), 1, &[Piece::Network]);
    assert_eq!(
        stopped, alone,
        "the job trained the stopped worker's network alike"
    );
    assert!(
        stages
            .iter()
            .any(|s| s.ends_with("(a pool worker stopped; its network is trained here)")),
        "{stages:?}"
    );
    // Pieces that come back altered are refused and run by the job.
    let (refused, _, _) = searched_with(spec.clone(), 1, &[], true);
    assert_eq!(refused, alone, "the refused pieces ran in the job alike");
    // Two members: one stops with its fold's screens, the other with a batch of tests.
    let (stopped, stages, handed) = searched(spec, 2, &[Piece::Screen, Piece::Tests]);
    assert!(handed.screens >= 1 && handed.batches >= 1, "{handed:?}");
    assert_eq!(
        stopped, alone,
        "the job screened and tested the stopped workers' pieces alike"
    );
    assert!(
        stages
            .iter()
            .any(|s| s.ends_with("(a pool worker stopped; its part of the search runs here)")),
        "{stages:?}"
    );
}

#[test]
fn search_pieces_cross_the_wire_bit_for_bit() {
    use survlens_model::{CoxNet, Dense};
    use survlens_xai::Grouping;
    use survlens_xai::interactions::{
        FoldScreenTask, FoldScreened, MarkerScale, Outcomes, PairTest, PairTestTask, PairsTested,
        PlannedTest, ScoredPair, ScreenResult, ScreenedPair, SearchSettings, TestGround,
    };
    // Values neither `f32` nor JSON can hold: a third, the smallest normal `f64`, a
    // negative zero, NaN.
    let third = 1.0 / 3.0;
    let network = CoxNet::new(vec![
        Dense::new(
            3,
            2,
            vec![0.1, -0.2, 0.3, 0.4, -0.5, 0.6],
            vec![0.01, -0.02],
        )
        .unwrap(),
        Dense::new(2, 1, vec![0.7, -0.8], vec![0.0]).unwrap(),
    ])
    .unwrap();
    let screen = Task::ScreenFold(Box::new(FoldScreenTask {
        fold: 1,
        network,
        to_marker: Grouping::new(&[0, 1, 1], 2).unwrap(),
        missing_indicator: vec![None, Some(2)],
        excluded: vec![0],
        settings: SearchSettings::default(),
        x: vec![0.25, -1.5, 1.0, 3.0, 0.0, 0.0],
        screened: Outcomes {
            times: vec![third, 2.5],
            events: vec![true, false],
            strata: vec![0, 4],
            values: vec![0.5, f32::NAN, 1.0, 2.0],
            scales: vec![MarkerScale::Binary, MarkerScale::Numeric],
        },
    }));
    let ground = TestGround {
        tested: Outcomes {
            times: vec![0.1 + 0.2, 7.0],
            events: vec![false, true],
            strata: vec![3, 3],
            values: vec![1.0, f32::NAN, 0.0, 2.0],
            scales: vec![MarkerScale::Binary, MarkerScale::Ordinal],
        },
        excluded: vec![1],
        covariates: vec![vec![f64::MIN_POSITIVE, -0.0]],
    };
    let tests = Task::TestPairs(PairTestTask {
        batch: 3,
        ground: Arc::new(ground),
        tests: vec![
            PlannedTest {
                index: 5,
                a: 0,
                b: 1,
                given: vec![],
                risk: vec![third, f64::NAN],
            },
            PlannedTest {
                index: 9,
                a: 0,
                b: 1,
                given: vec![(0, 1)],
                risk: vec![1e-300, -third],
            },
        ],
    });
    let screened = TaskResult::Screened(Box::new(FoldScreened {
        fold: 1,
        screen: ScreenResult {
            patients: 2,
            risk_variance: third,
            total_interaction: vec![0.0, f64::MIN_POSITIVE],
            candidates: vec![0, 1],
            pairs: vec![ScreenedPair {
                a: 0,
                b: 1,
                strength: third,
                rms_interaction: 0.1 + 0.2,
                patients: 2,
            }],
        },
        scored: vec![ScoredPair {
            a: 0,
            b: 1,
            chi2: f64::NAN,
            direction: -1,
        }],
        additive: Some(linear_model_of_one_input()),
    }));
    let tested = TaskResult::Tested(PairsTested {
        batch: 3,
        tests: vec![(
            5,
            PairTest {
                a: 0,
                b: 1,
                patients: 2,
                events: 1,
                exposed: 1,
                log_hazard_ratio: Some(third),
                standard_error: None,
                hazard_ratio: Some(f64::NAN),
                interval: Some((-0.0, f64::INFINITY)),
                lr_statistic: Some(1e-300),
                p_value: 0.1 + 0.2,
                problem: Some("none".to_owned()),
                adjusted_for: vec![1],
                given: vec![(0, 1)],
            },
        )],
    });
    // NaN is not equal to itself: the debug text compares bit for bit what matters here.
    for task in [screen, tests] {
        let back = Task::from_wire(task.clone().into_wire()).unwrap();
        assert_eq!(format!("{back:?}"), format!("{task:?}"));
    }
    for result in [screened, tested] {
        let back = TaskResult::from_wire(result.to_wire()).unwrap();
        assert_eq!(format!("{back:?}"), format!("{result:?}"));
    }
}

/// Runs the whole job of `spec` with one member that stays, as in the page: each task
/// crosses through the sender's record of what the member keeps ([`Holdings`]) and the
/// member answers the message. Returns the interactions found and, per batch of pair tests,
/// whether it crossed without its patients, the values it carried and those of its offsets
/// alone (two per test and patient).
fn searched_by_one_member_that_stays(spec: JobSpec) -> (String, Vec<(bool, usize, usize)>) {
    let mut job = Job::new(spec);
    job.set_pool(1);
    let mut member = Member::default();
    let mut holdings = Holdings::default();
    let mut batches = Vec::new();
    loop {
        for task in job.share_with_pool(1) {
            let batch = match &task {
                Task::TestPairs(t) => Some(2 * t.tests.len() * t.ground.n_patients()),
                _ => None,
            };
            let kept = holdings.keeps_ground_of(&task);
            let wire = holdings.wire(task);
            if let Some(offsets) = batch {
                batches.push((kept, wire.buffers.iter().map(Vec::len).sum(), offsets));
            }
            let reply = member.answer(wire);
            assert!(!TaskResult::is_failure_wire(&reply), "{}", reply.header);
            let result = TaskResult::from_wire(reply).expect("the result reads back");
            job.accept_from_pool(result).expect("the result is awaited");
        }
        if let JobStep::Done(done) = job.step().expect("the job runs") {
            return (format!("{:?}", done.interactions), batches);
        }
    }
}

#[test]
fn a_batch_on_patients_a_member_does_not_keep_fails_and_both_sides_forget() {
    use survlens_xai::interactions::{
        MarkerScale, Outcomes, PairTestTask, PlannedTest, TestGround,
    };
    let ground = Arc::new(TestGround {
        tested: Outcomes {
            times: vec![5.0, 1.0, 4.0, 2.0, 6.0, 3.0],
            events: vec![true, true, false, true, true, false],
            strata: vec![0; 6],
            values: vec![0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0],
            scales: vec![MarkerScale::Binary, MarkerScale::Binary],
        },
        excluded: Vec::new(),
        covariates: Vec::new(),
    });
    let batch = |batch: usize, ground: &Arc<TestGround>| {
        Task::TestPairs(PairTestTask {
            batch,
            ground: Arc::clone(ground),
            tests: vec![PlannedTest {
                index: batch,
                a: 0,
                b: 1,
                given: Vec::new(),
                risk: vec![0.1, -0.2, 0.3, 0.0, -0.1, 0.2],
            }],
        })
    };
    let mut holdings = Holdings::default();
    let whole = holdings.wire(batch(0, &ground));
    assert_eq!(
        whole.buffers.len(),
        3,
        "the first batch crosses with its patients"
    );
    let held = holdings.wire(batch(1, &ground));
    assert_eq!(held.buffers.len(), 1, "a later one with its offsets only");
    // Another ground of the same size is not the one kept.
    let other = Arc::new((*ground).clone());
    assert!(!holdings.keeps_ground_of(&batch(2, &other)));

    // A member that ran the first batch answers the second alike ...
    let mut member = Member::default();
    let first = TaskResult::from_wire(member.answer(whole.clone())).expect("tested");
    let second = TaskResult::from_wire(member.answer(held.clone())).expect("tested");
    // NaN is not equal to itself: the debug text compares bit for bit.
    let direct = |task: Task| format!("{:?}", Member::default().run(task).expect("tested"));
    assert_eq!(format!("{first:?}"), direct(batch(0, &ground)));
    assert_eq!(format!("{second:?}"), direct(batch(1, &ground)));

    // ... one that never saw its patients refuses it, and keeps nothing after.
    let mut stranger = Member::default();
    let refused = stranger.answer(held.clone());
    assert!(TaskResult::is_failure_wire(&refused));
    let e = TaskResult::from_wire(refused).expect_err("a failure");
    assert!(
        e.to_string()
            .contains("batch 1 of pair tests reads test patients"),
        "{e}"
    );
    // Nor does one that keeps test patients of the same size under another number.
    let mut elsewhere = Holdings::default();
    let _ = elsewhere.wire(batch(5, &other));
    let _ = elsewhere.wire(batch(6, &ground));
    let held_elsewhere = elsewhere.wire(batch(7, &ground));
    assert_eq!(held_elsewhere.buffers.len(), 1);
    let mut keeper = Member::default();
    assert!(!TaskResult::is_failure_wire(&keeper.answer(whole.clone())));
    assert!(TaskResult::is_failure_wire(&keeper.answer(held_elsewhere)));
    holdings.forget();
    assert_eq!(holdings.wire(batch(3, &ground)).buffers.len(), 3);

    // Any other task ends the keeping, on both sides.
    let explain = Task::ExplainRows(pool::ExplainRows {
        start: 0,
        rows: 1,
        network: survlens_model::CoxNet::new(vec![
            survlens_model::Dense::new(1, 1, vec![0.5], vec![0.0]).expect("a layer"),
        ])
        .expect("a network"),
        input_to_marker: vec![0],
        n_markers: 1,
        x: vec![1.0],
    });
    assert!(!TaskResult::is_failure_wire(
        &member.answer(holdings.wire(explain))
    ));
    assert_eq!(holdings.wire(batch(4, &ground)).buffers.len(), 3);
    assert!(TaskResult::is_failure_wire(&member.answer(held)));
}
