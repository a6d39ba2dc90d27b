//! The worker's progress lines reach the page at most once per interval, the newest one
//! winning, and never after the result they precede: every other message goes at once,
//! after the line held.

#![allow(clippy::panic)]

use survlens_app::job::protocol::Response;
use survlens_app::job::worker::{PROGRESS_EVERY_MS, ProgressThrottle};

fn stage(text: &str) -> Response {
    Response::Stage(text.to_owned())
}

fn texts(responses: &[Response]) -> Vec<String> {
    responses
        .iter()
        .map(|r| match r {
            Response::Stage(s) => s.clone(),
            Response::Progress { stage, .. } => stage.clone(),
            other => format!("{other:?}").chars().take(12).collect(),
        })
        .collect()
}

#[test]
fn lines_come_at_most_once_per_interval_and_the_newest_wins() {
    let mut t = ProgressThrottle::default();
    assert_eq!(
        texts(&t.offer(stage("a"), 0.0)),
        ["a"],
        "the first line goes at once"
    );
    assert!(t.offer(stage("b"), 10.0).is_empty());
    assert!(
        t.offer(
            Response::Progress {
                stage: "c".to_owned(),
                fraction: 0.5,
            },
            20.0
        )
        .is_empty()
    );
    assert!(t.due(50.0, false).is_none(), "not due yet");
    let due = t.due(PROGRESS_EVERY_MS + 1.0, false);
    assert_eq!(
        texts(&due.into_iter().collect::<Vec<_>>()),
        ["c"],
        "the newest line"
    );
    assert!(t.due(1_000.0, false).is_none(), "nothing held");
    // A line when due goes at once.
    assert_eq!(texts(&t.offer(stage("d"), 1_000.0)), ["d"]);
}

#[test]
fn a_result_goes_at_once_after_the_line_held() {
    let mut t = ProgressThrottle::default();
    t.offer(stage("a"), 0.0);
    assert!(t.offer(stage("last stage"), 5.0).is_empty());
    let sent = t.offer(Response::Cancelled, 6.0);
    assert_eq!(sent.len(), 2);
    assert_eq!(texts(&sent[..1]), ["last stage"]);
    assert!(matches!(sent[1], Response::Cancelled));
    // Nothing is held any more.
    assert!(t.due(10_000.0, true).is_none());
}

#[test]
fn a_job_about_to_wait_flushes_its_line() {
    let mut t = ProgressThrottle::default();
    t.offer(stage("a"), 0.0);
    t.offer(stage("waiting for the pool"), 1.0);
    let flushed = t.due(2.0, true);
    assert_eq!(
        texts(&flushed.into_iter().collect::<Vec<_>>()),
        ["waiting for the pool"]
    );
}
