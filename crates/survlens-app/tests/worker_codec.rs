//! Every message the worker sends for the teaching cohort's job reads back in the page: the
//! worker's codec (bincode through serde) is not self-describing, so a field serialised
//! differently from how it is read (skipped when empty, internally tagged enums) breaks the
//! page at the first message that carries it.
#![allow(clippy::unwrap_used, clippy::panic)]

use survlens_app::pipeline::{Job, JobSpec, JobStep};
use survlens_app::protocol::Response;

fn round_trip(response: &Response) {
    let config = bincode::config::standard();
    let bytes = bincode::serde::encode_to_vec(response, config).unwrap();
    let (back, read): (Response, usize) = bincode::serde::decode_from_slice(&bytes, config)
        .unwrap_or_else(|e| panic!("{} does not read back: {e}", kind(response)));
    assert_eq!(read, bytes.len(), "{}", kind(response));
    assert_eq!(
        bincode::serde::encode_to_vec(&back, config).unwrap(),
        bytes,
        "{}",
        kind(response)
    );
}

fn kind(response: &Response) -> &'static str {
    match response {
        Response::Stage(_) => "Stage",
        Response::Progress { .. } => "Progress",
        Response::Epoch { .. } => "Epoch",
        Response::Ready(_) => "Ready",
        Response::Preview(_) => "Preview",
        Response::Interactions(_) => "Interactions",
        Response::Cancelled => "Cancelled",
        Response::Failed(_) => "Failed",
        Response::Rejected(_) => "Rejected",
    }
}

#[test]
fn every_message_of_the_teaching_job_reads_back() {
    let mut job = Job::new(JobSpec::demo());
    let mut seen = std::collections::BTreeSet::new();
    loop {
        match job.step() {
            Ok(JobStep::Progress(r)) => {
                if seen.insert(kind(&r)) || matches!(r, Response::Preview(_)) {
                    round_trip(&r);
                }
            }
            Ok(JobStep::Done(session)) => {
                let found = session.interactions.clone().unwrap();
                round_trip(&Response::Interactions(Box::new(found)));
                round_trip(&Response::Ready(session));
                break;
            }
            Err(e) => panic!("{e}"),
        }
    }
    assert!(seen.contains("Preview"));
}
