//! The web worker: runs a job step by step and yields to the event loop between steps,
//! so a cancel request is seen within one training epoch; keeps the explained cohort it
//! last showed and answers the views' requests about it, between two steps of a running
//! job or at once when idle.

use std::time::Duration;

use futures::{FutureExt, SinkExt, StreamExt};
use survlens_app::job::pipeline::{Job, JobStep};
use survlens_app::job::protocol::{Request, Response};
use survlens_app::job::views::{ViewAnswer, ViewRequest, ViewServer};
use yew::platform::time::sleep;
use yew_agent::prelude::*;

/// The worker's reactor: one job at a time; a new `Run` while one runs replaces it.
#[reactor]
pub async fn JobWorker(mut scope: ReactorScope<Request, Response>) {
    let mut views = ViewServer::default();
    let mut pending = None;
    loop {
        let request = match pending.take() {
            Some(r) => r,
            None => match scope.next().await {
                Some(r) => r,
                None => return,
            },
        };
        let spec = match request {
            Request::Run(spec) => spec,
            Request::View {
                generation,
                request,
            } => {
                answer(&mut scope, &mut views, generation, request).await;
                continue;
            }
            // A cancel with nothing running: nothing to do.
            Request::Cancel => continue,
        };
        let mut job = Job::new(spec);
        loop {
            let response = match job.step() {
                Ok(JobStep::Progress(r)) => {
                    if let Response::Preview(session) = &r {
                        // The same cohort the page is about to show: its views ask here.
                        views.show(std::sync::Arc::clone(session));
                    }
                    Some(r)
                }
                Ok(JobStep::Done(done)) => {
                    // The session went to the page as the preview; the interactions stay
                    // here, where the Interactions view asks for its tables.
                    views.found(done.interactions);
                    let _ = scope.send(Response::InteractionsFound).await;
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
                    Some(Request::View { generation, request }) => {
                        answer(&mut scope, &mut views, generation, request).await;
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

/// Computes and sends the view's data `request` asks for, timed; nothing when the page
/// asked about a cohort that is no longer the one on screen.
async fn answer(
    scope: &mut ReactorScope<Request, Response>,
    views: &mut ViewServer,
    generation: u64,
    request: ViewRequest,
) {
    let start = js_sys::Date::now();
    if let Some(reply) = views.answer(generation, request) {
        let answer = ViewAnswer {
            generation,
            request,
            reply,
            ms: js_sys::Date::now() - start,
        };
        let _ = scope.send(Response::View(Box::new(answer))).await;
    }
}
