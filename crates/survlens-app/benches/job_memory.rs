//! Where the job worker's memory goes on a large cohort: the page's job (a synthetic
//! pan-cancer cohort of `N` new patients explained by the default model, then the default
//! interaction search) run natively with a counting allocator, reporting the heap's live
//! bytes and its high-water mark at the end of each stage, and the size of the explained
//! session's arrays. WebAssembly memory grows to the high-water mark of the worker's heap
//! and never shrinks, so the high-water mark is what the page's worker keeps for the rest
//! of the session (plus what the allocator leaves fragmented).
//!
//! `cargo bench -p survlens-app --bench job_memory -- [N]` (default 100,000; minutes).
//! Prints, never asserts; the figures are in the benchmark documentation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
// A global allocator is an `unsafe impl`; this one only forwards to the system allocator.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use survlens_app::job::pipeline::{Job, JobStep};
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

fn main() {
    let patients: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.replace(',', "").parse().ok())
        .unwrap_or(100_000);
    let mut job = Job::new(JobSpec::pan_cancer_of(patients));
    println!(
        "job memory, {patients} new patients of the synthetic pan-cancer cohort, default model"
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
            current = stage;
        }
    }
    println!(
        "\nin all {:.0} s; high-water mark {:.0} MB; live at the end {:.0} MB",
        start.elapsed().as_secs_f64(),
        mb(PEAK.load(Ordering::Relaxed)),
        mb(LIVE.load(Ordering::Relaxed))
    );
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
                f32s(t.contributions.len() + t.interaction_contributions.len())
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
