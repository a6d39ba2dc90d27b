//! The invariant "no worker holds the cohort encoded whole" (ARCHITECTURE.md), held by
//! counting allocations: the page's job on 30,000 new pan-cancer patients, explained by the
//! default model up to the start of the interaction search, then the Model view's reference
//! patient, never asks for one block the size of the cohort's encoded inputs
//! (`patients x inputs` as `f32`), while its largest blocks are the session's own
//! `patients x markers` arrays. Before the job encoded chunk by chunk, it did (its whole
//! design matrix, 75 MB here).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
// A global allocator is an `unsafe impl`; this one only forwards to the system allocator.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use survlens_app::job::pipeline::{Job, JobStep};
use survlens_app::sources::spec::JobSpec;
use survlens_app::views::model_view::EncodedCohort;

/// The system allocator, remembering the largest block asked for.
struct Largest;

static LARGEST: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator with the caller's layout; the
// counter only observes sizes.
unsafe impl GlobalAlloc for Largest {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LARGEST.fetch_max(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded as is.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as is.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LARGEST.fetch_max(new_size, Ordering::Relaxed);
        // SAFETY: forwarded as is.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Largest = Largest;

#[test]
fn the_job_never_allocates_the_cohort_encoded_whole() {
    let patients = 30_000;
    let mut job = Job::new(JobSpec::pan_cancer_of(patients));
    let session = loop {
        if let JobStep::Explained(session) = job.step().expect("the job runs") {
            break session;
        }
    };
    // The next step prepares the interaction search: its samples, its reference patient.
    job.step().expect("the search starts");
    EncodedCohort::build(&session).expect("the reference patient");

    let n = session.n_patients();
    let inputs = session.model.encoder.n_features();
    let markers = session.n_markers();
    assert_eq!(n, patients);
    assert!(inputs > markers, "{inputs} inputs, {markers} markers");
    let largest = LARGEST.load(Ordering::Relaxed);
    let encoded = n * inputs * 4;
    let session_array = n * markers * 4;
    assert!(
        largest >= session_array,
        "the count sees the session's arrays: largest block {largest} B"
    );
    assert!(
        largest < encoded,
        "a block of {largest} B, the cohort's encoded inputs are {encoded} B"
    );
}
