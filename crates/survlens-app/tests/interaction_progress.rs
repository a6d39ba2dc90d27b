//! The page's progress during the interaction search: the worker's progress fraction
//! drives the progress bar and the stage line, and a plain stage clears it.

use survlens_app::job::protocol::Response;
use survlens_app::job::state::{Action, AppState, JobStatus};

#[test]
fn the_search_progress_drives_the_bar_and_a_stage_clears_it() {
    let mut state = AppState::default().reduce(Action::JobStarted);
    state = state.reduce(Action::Worker(Response::Progress {
        stage: "Interactions: marker 13 of 50".to_owned(),
        fraction: 0.24,
    }));
    // The fraction is passed through exactly (no arithmetic on it).
    assert_eq!(state.job.fraction(), Some(0.24));
    assert!(matches!(
        &state.job,
        JobStatus::Running { stage, .. } if stage == "Interactions: marker 13 of 50"
    ));
    // Out-of-range fractions are clamped to [0, 1].
    let over = state.reduce(Action::Worker(Response::Progress {
        stage: "Interactions: marker 50 of 50".to_owned(),
        fraction: 1.5,
    }));
    assert_eq!(over.job.fraction(), Some(1.0));
    // A stage without a fraction falls back to the epochs (none: 0).
    let staged = state.reduce(Action::Worker(Response::Stage("Explaining".to_owned())));
    assert_eq!(staged.job.fraction(), Some(0.0));
    // A cancel ends the job as before.
    let cancelled = state.reduce(Action::Worker(Response::Cancelled));
    assert_eq!(cancelled.job, JobStatus::Cancelled);
}
