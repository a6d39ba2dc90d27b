//! The web worker: runs a job step by step and yields to the event loop between steps,
//! so a cancel request is seen within one training epoch.

use std::time::Duration;

use futures::{FutureExt, SinkExt, StreamExt};
use survlens_app::job::pipeline::{Job, JobStep};
use survlens_app::job::protocol::{Request, Response};
use yew::platform::time::sleep;
use yew_agent::prelude::*;

/// The worker's reactor: one job at a time; a new `Run` while one runs replaces it.
#[reactor]
pub async fn JobWorker(mut scope: ReactorScope<Request, Response>) {
    let mut pending = None;
    loop {
        let request = match pending.take() {
            Some(r) => r,
            None => match scope.next().await {
                Some(r) => r,
                None => return,
            },
        };
        let Request::Run(spec) = request else {
            // A cancel with nothing running: nothing to do.
            continue;
        };
        let mut job = Job::new(spec);
        loop {
            let response = match job.step() {
                Ok(JobStep::Progress(r)) => Some(r),
                Ok(JobStep::Done(done)) => {
                    // The session went to the page as the preview; only the interactions
                    // follow.
                    let _ = scope
                        .send(Response::Interactions(Box::new(done.interactions)))
                        .await;
                    break;
                }
                Err(e) => {
                    let _ = scope.send(e.into_response()).await;
                    break;
                }
            };
            if let Some(r) = response {
                // The page may have gone away; the job then ends with the worker.
                let _ = scope.send(r).await;
            }
            futures::select! {
                message = scope.next() => match message {
                    Some(Request::Cancel) => {
                        let _ = scope.send(Response::Cancelled).await;
                        break;
                    }
                    Some(other) => {
                        pending = Some(other);
                        break;
                    }
                    None => return,
                },
                _ = sleep(Duration::ZERO).fuse() => {}
            }
        }
    }
}
