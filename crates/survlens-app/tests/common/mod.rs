//! What several test files share: the demo session, computed once per test binary.

use std::sync::OnceLock;

use survlens_app::core::session::Session;
use survlens_app::job::pipeline::{Finished, Job, JobStep};
use survlens_app::sources::spec::{JobSpec, Recipe};

/// The page's teaching demo trained by the study's recipe with a short budget (5 epochs per
/// stage), computed once for all tests of a file. The `auto` recipe's own path is tested in
/// `view_model.rs`.
pub fn demo_session() -> &'static Session {
    &demo_job().session
}

/// The finished demo job of [`demo_session`]: the session and its interactions.
#[allow(
    dead_code,
    reason = "not every test file that shares the session reads the search"
)]
pub fn demo_job() -> &'static Finished {
    static JOB: OnceLock<Finished> = OnceLock::new();
    JOB.get_or_init(|| {
        let mut spec = JobSpec::demo();
        spec.recipe = Recipe::Study;
        spec.training.epochs_per_stage = 5;
        let mut job = Job::new(spec);
        loop {
            match job.step() {
                Ok(JobStep::Done(done)) => return *done,
                Ok(JobStep::Progress(_)) => {}
                Err(e) => panic!("demo job failed: {e}"),
            }
        }
    })
}
