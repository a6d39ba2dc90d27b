//! The pool of workers explains a cohort exactly as one worker does: the job shares its
//! patients in contiguous chunks, each member's task crosses as its wire message and is run
//! by the pure task function, and the explained cohort equals the one-worker run bit for
//! bit, also when a member stops and the job takes its share back.

#![allow(clippy::panic, clippy::expect_used)]

use std::sync::Arc;

use survlens_app::core::session::Session;
use survlens_app::job::pipeline::{EXPLAIN_CHUNK, Job, JobStep, POOL_TASK_CHUNKS};
use survlens_app::job::pool::{self, Task, TaskResult, Wire};
use survlens_app::job::protocol::Response;
use survlens_app::sources::spec::{CohortSource, JobSpec};
use survlens_synth::{Preset, SynthConfig};

/// A pan-cancer cohort of another seed than the default model's, explained by the default
/// model, spanning several chunks with a partial last one.
fn spec() -> JobSpec {
    let config = SynthConfig {
        n_patients: (POOL_TASK_CHUNKS + 3) * EXPLAIN_CHUNK + 517,
        seed: 23,
        preset: Preset::PanCancer,
    };
    JobSpec {
        source: CohortSource::Synthetic(config),
        ..JobSpec::pan_cancer_default()
    }
}

/// What the pool does with the tasks the job hands out.
enum Members {
    /// Each task crosses as its wire message, runs, and its result crosses back.
    Run,
    /// The member of the first task stops before answering; the others run.
    FirstStops,
}

/// Runs the job to its explained cohort with `members` other workers; returns the session,
/// the progress lines seen while explaining and the tasks dealt.
fn explained(members: usize, how: Members) -> (Arc<Session>, Vec<String>, usize) {
    let mut job = Job::new(spec());
    let mut stages = Vec::new();
    let mut pending: Vec<Task> = Vec::new();
    let mut members = members;
    let mut stops = matches!(how, Members::FirstStops);
    let mut dealt = 0;
    loop {
        if pending.is_empty() {
            pending = job.share_with_pool(members);
            for task in &pending {
                let Task::ExplainRows(task) = task else {
                    panic!("an explanation's task: {task:?}")
                };
                assert!(
                    task.rows <= POOL_TASK_CHUNKS * EXPLAIN_CHUNK,
                    "a task is bounded whatever the cohort's size"
                );
                assert_eq!(task.start % EXPLAIN_CHUNK, 0, "a task starts a chunk");
            }
            dealt += pending.len();
            if let (true, Some(first)) = (stops, pending.first()) {
                job.reclaim_from_pool(pool::task_key(first));
                pending.remove(0);
                // The member is gone: the pool has one idle member fewer from now on.
                members -= 1;
                stops = false;
            }
        }
        if job.awaiting_pool() || (!pending.is_empty() && stages.len() % 2 == 1) {
            // A member answers (its message crosses both ways).
            let Some(task) = pending.pop() else {
                panic!("the job awaits the pool with no task out");
            };
            let task = Task::from_wire(task.into_wire()).expect("the task reads back");
            let result = pool::Member::default().run(task).expect("the task runs");
            let result = TaskResult::from_wire(result.to_wire()).expect("the result reads back");
            job.accept_from_pool(result).expect("the result is awaited");
            continue;
        }
        match job.step().expect("the job runs") {
            JobStep::Explained(session) => {
                assert!(pending.is_empty(), "every task answered before the preview");
                return (session, stages, dealt);
            }
            JobStep::Progress(Response::Progress { stage, .. }) => stages.push(stage),
            _ => {}
        }
    }
}

fn assert_same(a: &Session, b: &Session) {
    assert_eq!(a.patient_ids, b.patient_ids);
    let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&a.risk), bits(&b.risk), "risks bit for bit");
    assert_eq!(
        bits(&a.relevance),
        bits(&b.relevance),
        "relevances bit for bit"
    );
    assert_eq!(bits(&a.bias_relevance), bits(&b.bias_relevance));
    assert_eq!(a.risk_cutoffs, b.risk_cutoffs);
    assert_eq!(a.test_cindex.to_bits(), b.test_cindex.to_bits());
}

#[test]
fn a_pool_explains_the_cohort_bit_for_bit_as_one_worker() {
    let (alone, stages, dealt) = explained(0, Members::Run);
    assert_eq!(dealt, 0);
    assert!(
        stages.iter().all(|s| !s.contains("workers")),
        "one worker names no pool: {stages:?}"
    );
    for members in [1, 3] {
        let (pooled, stages, dealt) = explained(members, Members::Run);
        assert_same(&alone, &pooled);
        // The cohort's chunks beyond the job's first are more than one task holds: the
        // members take several tasks, a member its next one as it answers.
        assert!(dealt >= 2, "{dealt} tasks for {members} members");
        // The first deal: the job keeps its first chunk, the other 7 make at most two
        // tasks (4 chunks and 3), so a third member has nothing to do.
        let named = format!("on {} workers", members.min(2) + 1);
        assert!(
            stages.iter().any(|s| s.contains(&named)),
            "the progress names the pool ({named}): {stages:?}"
        );
    }
}

#[test]
fn a_stopped_member_s_share_is_explained_by_the_job_itself() {
    let (alone, ..) = explained(0, Members::Run);
    let (pooled, stages, _) = explained(2, Members::FirstStops);
    assert_same(&alone, &pooled);
    assert!(
        stages.last().is_some_and(|s| s.contains("on 2 workers")
            && s.contains("a pool worker stopped; its patients are explained here")),
        "the pool shrank by the stopped member: {stages:?}"
    );
}

#[test]
fn a_task_s_wire_message_refuses_buffers_that_do_not_fit() {
    let wire = Wire {
        header: r#"{"kind":"explain_rows","start":0,"rows":2,"n_markers":1,"input_to_marker":[0],"layers":[[1,1]]}"#.to_owned(),
        buffers: vec![vec![1.0], vec![0.5], vec![0.0]],
    };
    let e = Task::from_wire(wire).expect_err("one input for two rows");
    assert_eq!(e.code(), "pool_buffer");
    let e = Task::from_wire(Wire {
        header: "{".to_owned(),
        buffers: Vec::new(),
    })
    .expect_err("not JSON");
    assert_eq!(e.code(), "pool_header");
    let failed = TaskResult::failure_wire(&e);
    let back = TaskResult::from_wire(failed).expect_err("a failure reads back as one");
    assert_eq!(back.code(), "pool_member");
}

#[test]
fn the_pool_has_one_worker_per_core_at_most_four_unless_the_address_says() {
    assert_eq!(pool::workers("", 2.0), 2);
    assert_eq!(pool::workers("?cohort=teaching", 16.0), pool::MAX_WORKERS);
    assert_eq!(pool::workers("", f64::NAN), 1);
    assert_eq!(pool::workers("", 0.0), 1);
    assert_eq!(pool::workers("?pool=1", 8.0), 1);
    assert_eq!(pool::workers("?cohort=teaching&pool=3", 2.0), 3);
    assert_eq!(pool::workers("?pool=0", 2.0), 1);
    assert_eq!(pool::workers("?pool=99", 2.0), pool::MAX_ASKED);
}

#[test]
fn the_pool_request_reads_back_through_the_worker_codec() {
    use survlens_app::job::protocol::Request;
    let config = bincode::config::standard();
    for request in [
        Request::Pool {
            workers: 2,
            member_fault: false,
        },
        Request::Pool {
            workers: pool::MAX_ASKED,
            member_fault: true,
        },
    ] {
        let bytes = bincode::serde::encode_to_vec(&request, config).expect("encodes");
        let (back, _): (Request, usize) =
            bincode::serde::decode_from_slice(&bytes, config).expect("decodes");
        assert_eq!(back, request);
    }
}
