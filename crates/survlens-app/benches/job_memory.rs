//! Where the job worker's memory goes on a large cohort: the page's job (a synthetic
//! pan-cancer cohort of `N` new patients explained by the default model, then the default
//! interaction search) run natively with a counting allocator, reporting the heap's live
//! bytes and its high-water mark at the end of each stage, and the size of the explained
//! session's arrays. WebAssembly memory grows to the high-water mark of the worker's heap
//! and never shrinks, so the high-water mark is what the page's worker keeps for the rest
//! of the session (plus what the allocator leaves fragmented).
//!
//! With `--pool K`, K members of the page's pool answer the job's tasks as the page's
//! members would (each task and result through its wire message, one task per member at a
//! time); the job's own high-water mark then leaves out the members' work, and each kind of
//! task reports its own: what a member's WebAssembly memory grows to for it (the decoded
//! task, the work, the encoded result), and its messages' sizes.
//!
//! `cargo bench -p survlens-app --bench job_memory -- [N] [--pool K] [--until STAGE]`
//! (default 100,000 patients, no pool; minutes). With `--until`, the job stops when a stage
//! whose text starts with STAGE begins: run under a heap profiler (heaptrack), the
//! program's peak is then that of the stages before it, with the allocations that make it.
//! Prints, never asserts; the figures are in the benchmark documentation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
// A global allocator is an `unsafe impl`; this one only forwards to the system allocator.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use survlens_app::job::pipeline::{Job, JobStep};
use survlens_app::job::pool::{Holdings, Member, Task, TaskResult, Wire};
use survlens_app::job::protocol::Response;
use survlens_app::sources::spec::JobSpec;

/// The system allocator, counting live bytes and their high-water mark.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator with the caller's layout; the
// counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as is.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as is.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded as is.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            let live = if new_size >= layout.size() {
                LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                    - layout.size()
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed) - layout.size()
                    + new_size
            };
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// The stage's kind: its text up to the first number ("Explaining every patient").
fn kind(stage: &str) -> String {
    stage
        .split_whitespace()
        .take_while(|w| !w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(':')
        .to_owned()
}

/// Bytes of a wire message's header and buffers.
fn wire_bytes(wire: &Wire) -> usize {
    wire.header.len() + wire.buffers.iter().map(|b| b.len() * 4).sum::<usize>()
}

/// The kind of a pool task, for the table.
fn task_kind(task: &Task) -> &'static str {
    match task {
        Task::ExplainRows(_) => "explain patients",
        Task::Train(_) => "training share",
        Task::TrainMember(_) => "recipe member",
        Task::TrainNetwork(_) => "search network",
        Task::ScreenFold(_) => "search fold screens",
        Task::TestPairs(_) => "search pair tests",
    }
}

/// One kind of task's largest figures (bytes) and count.
#[derive(Default)]
struct TaskMemory {
    count: usize,
    high_water: usize,
    task_message: usize,
    result_message: usize,
}

/// Runs `wire` as a member would, outside the job's accounting: returns the result's
/// message and the bytes the member's heap grew to for it. What a member keeps between
/// tasks (a fold's test patients between its batches of pair tests) stays live in this one
/// process, so the job's figures include it while it is kept.
fn run_as_member(member: &mut Member, wire: Wire) -> (Wire, usize) {
    let job_peak = PEAK.load(Ordering::Relaxed);
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let reply = member.answer(wire);
    assert!(!TaskResult::is_failure_wire(&reply), "{}", reply.header);
    let grew = PEAK.load(Ordering::Relaxed) - before;
    PEAK.store(
        job_peak.max(LIVE.load(Ordering::Relaxed)),
        Ordering::Relaxed,
    );
    (reply, grew)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let patients: usize = args
        .iter()
        .find_map(|a| a.replace(',', "").parse().ok())
        .unwrap_or(100_000);
    let pool: usize = args
        .iter()
        .position(|a| a == "--pool")
        .and_then(|k| args.get(k + 1))
        .and_then(|a| a.parse().ok())
        .unwrap_or(0);
    let until: Option<&str> = args
        .iter()
        .position(|a| a == "--until")
        .and_then(|k| args.get(k + 1))
        .map(String::as_str);
    let mut job = Job::new(JobSpec::pan_cancer_of(patients));
    job.set_pool(pool);
    // Each member with the sender's record of what it keeps between tasks.
    let mut members: Vec<(Member, Holdings)> = (0..pool).map(|_| Default::default()).collect();
    let mut tasks: std::collections::BTreeMap<&'static str, TaskMemory> =
        std::collections::BTreeMap::new();
    println!(
        "job memory, {patients} new patients of the synthetic pan-cancer cohort, default \
         model, {pool} pool members"
    );
    println!("| stage (ends) | seconds | live at its end (MB) | high-water mark so far (MB) |");
    println!("|---|---|---|---|");
    let start = Instant::now();
    let mut current = String::from("start");
    let mut stage_start = Instant::now();
    let end_stage = |name: &str, since: &mut Instant| {
        println!(
            "| {name} | {:.1} | {:.0} | {:.0} |",
            since.elapsed().as_secs_f64(),
            mb(LIVE.load(Ordering::Relaxed)),
            mb(PEAK.load(Ordering::Relaxed))
        );
        *since = Instant::now();
    };
    let mut explained = None;
    loop {
        if pool > 0 {
            // The members answer every task dealt, one at a time each, before the job's
            // next step (the job keeps its own share, so it still steps while they work).
            for (slot, task) in job.share_with_pool(pool).into_iter().enumerate() {
                let (member, holdings) = &mut members[slot % pool];
                let kind = if holdings.keeps_ground_of(&task) {
                    "search pair tests, test patients kept"
                } else {
                    task_kind(&task)
                };
                let wire = holdings.wire(task);
                let task_message = wire_bytes(&wire);
                let (reply, grew) = run_as_member(member, wire);
                let entry = tasks.entry(kind).or_default();
                entry.count += 1;
                entry.high_water = entry.high_water.max(grew);
                entry.task_message = entry.task_message.max(task_message);
                entry.result_message = entry.result_message.max(wire_bytes(&reply));
                let result = TaskResult::from_wire(reply).expect("the result reads back");
                job.accept_from_pool(result).expect("the result is awaited");
            }
            if job.awaiting_pool() {
                continue;
            }
        }
        let step = job.step().unwrap_or_else(|e| panic!("{e}"));
        let stage = match &step {
            JobStep::Progress(Response::Progress { stage, .. } | Response::Stage(stage)) => {
                kind(stage)
            }
            JobStep::Progress(_) => current.clone(),
            JobStep::FirstLook(_) => "first look".to_owned(),
            JobStep::Explained(session) => {
                explained = Some(std::sync::Arc::clone(session));
                "explained".to_owned()
            }
            JobStep::Done(_) => {
                end_stage(&current, &mut stage_start);
                break;
            }
        };
        if stage != current {
            end_stage(&current, &mut stage_start);
            if until.is_some_and(|u| stage.starts_with(u)) {
                println!("| (stopped as {stage} began) | | | |");
                break;
            }
            current = stage;
        }
    }
    println!(
        "\nin all {:.0} s; high-water mark {:.0} MB; live at the end {:.0} MB",
        start.elapsed().as_secs_f64(),
        mb(PEAK.load(Ordering::Relaxed)),
        mb(LIVE.load(Ordering::Relaxed))
    );
    if pool > 0 {
        println!(
            "\nthe pool's tasks: the most a member's heap grew to for one, and the largest messages (MB):"
        );
        println!("| task | count | member high-water | task message | result message |");
        println!("|---|---|---|---|---|");
        for (kind, t) in &tasks {
            println!(
                "| {kind} | {} | {:.0} | {:.1} | {:.1} |",
                t.count,
                mb(t.high_water),
                mb(t.task_message),
                mb(t.result_message)
            );
        }
    }
    if let Some(s) = explained {
        let f32s = |v: usize| mb(v * 4);
        println!("\nthe explained session's largest arrays (MB):");
        println!("| array | MB |");
        println!("|---|---|");
        println!(
            "| values (patients x markers, f32) | {:.0} |",
            f32s(s.values.len())
        );
        println!(
            "| relevance (patients x markers, f32) | {:.0} |",
            f32s(s.relevance.len())
        );
        if let Some(t) = &s.truth {
            println!(
                "| planted truth: contributions and interaction contributions (f32) | {:.0} |",
                f32s(t.contributions.stored() + t.interaction_contributions.len())
            );
        }
        println!(
            "| time (f64), event, risk, bias relevance, held out, entity | {:.0} |",
            mb(s.time.len() * 8
                + s.event.len()
                + s.risk.len() * 8
                + s.held_out.len()
                + s.entity_of.len() * 4)
        );
        println!(
            "| patient ids (strings) | {:.0} |",
            mb(s.patient_ids.iter().map(|p| p.capacity() + 24).sum())
        );
    }
}
