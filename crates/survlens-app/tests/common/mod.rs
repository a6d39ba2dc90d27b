//! What several test files share: the demo session, computed once per test binary.

use std::sync::OnceLock;

use survlens_app::pipeline::{Job, JobSpec, JobStep, Recipe};
use survlens_app::session::Session;

/// The page's teaching demo trained by the study's recipe with a short budget (5 epochs per
/// stage), computed once for all tests of a file. The `auto` recipe's own path is tested in
/// `view_model.rs`.
pub fn demo_session() -> &'static Session {
    static SESSION: OnceLock<Session> = OnceLock::new();
    SESSION.get_or_init(|| {
        let mut spec = JobSpec::demo();
        spec.recipe = Recipe::Study;
        spec.training.epochs_per_stage = 5;
        let mut job = Job::new(spec);
        loop {
            match job.step() {
                Ok(JobStep::Done(s)) => return *s,
                Ok(JobStep::Progress(_)) => {}
                Err(e) => panic!("demo job failed: {e}"),
            }
        }
    })
}
