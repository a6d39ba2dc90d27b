//! The job asks for memory the size of the cohort (`patients x markers` as `f32`) twice,
//! from the draw of a synthetic cohort to the start of the interaction search: for the
//! generator's values and planted contributions, whose memory the session's relevances and
//! values then take over once they are read. A worker's WebAssembly memory never shrinks,
//! and its allocator cannot move free blocks together: a third such array, even held for
//! one step only, or a fresh one asked for beside freed blocks it does not fit into, stays
//! in the worker for the rest of the visit. Before, the end of the explaining held three at
//! once (the generator's contributions, the relevances and the values) and the job asked
//! for four. Counted on the page's job with 30,000 new pan-cancer patients and the default
//! model.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]
// A global allocator is an `unsafe impl`; this one only forwards to the system allocator.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use survlens_app::job::pipeline::{Job, JobStep};
use survlens_app::sources::spec::{CohortSource, JobSpec};

/// The system allocator, counting the blocks of at least `THRESHOLD` bytes asked for, and
/// those live at once.
struct CohortSized;

static THRESHOLD: AtomicUsize = AtomicUsize::new(usize::MAX);
static ASKED: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static MOST: AtomicUsize = AtomicUsize::new(0);

fn counts(size: usize) -> bool {
    size >= THRESHOLD.load(Ordering::Relaxed)
}

fn grew() {
    ASKED.fetch_add(1, Ordering::Relaxed);
    let live = LIVE.fetch_add(1, Ordering::Relaxed) + 1;
    MOST.fetch_max(live, Ordering::Relaxed);
}

fn shrank() {
    LIVE.fetch_sub(1, Ordering::Relaxed);
}

// SAFETY: every call is forwarded to the system allocator with the caller's layout; the
// counters only observe sizes.
unsafe impl GlobalAlloc for CohortSized {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as is.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() && counts(layout.size()) {
            grew();
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as is.
        unsafe { System.dealloc(ptr, layout) };
        if counts(layout.size()) {
            shrank();
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded as is.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            match (counts(layout.size()), counts(new_size)) {
                (false, true) => grew(),
                (true, false) => shrank(),
                _ => {}
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: CohortSized = CohortSized;

#[test]
fn the_job_asks_for_the_cohort_sized_arrays_twice() {
    let patients = 30_000;
    let spec = JobSpec::pan_cancer_of(patients);
    let CohortSource::Synthetic(config) = &spec.source else {
        panic!("the pan-cancer job draws its cohort")
    };
    // The generator's markers: its own arrays are `patients x markers`, the session's one
    // column wider (the entity).
    let markers = survlens_synth::generate_first(config, 1)
        .expect("the first patient draws")
        .n_markers();
    THRESHOLD.store(patients * markers * 4, Ordering::Relaxed);
    let mut job = Job::new(spec);
    let session = loop {
        if let JobStep::Explained(session) = job.step().expect("the job runs") {
            break session;
        }
    };
    // The next step starts preparing the interaction search.
    job.step().expect("the search starts");

    assert_eq!(session.n_patients(), patients);
    assert!(session.n_markers() > markers);
    let most = MOST.load(Ordering::Relaxed);
    let asked = ASKED.load(Ordering::Relaxed);
    assert!(
        most >= 2,
        "the count sees the generator's arrays: {most} cohort-sized arrays at once"
    );
    assert_eq!(
        asked, 2,
        "arrays of at least {markers} values per patient asked for ({most} at once)"
    );
}
