//! The web worker: runs a job step by step, yielding to the event loop after each slice of
//! steps (`STEP_SLICE_MS`), so a cancel request is seen within a slice, and sends the page
//! at most one progress line per `PROGRESS_EVERY_MS` (`job::worker::ProgressThrottle`);
//! keeps the explained cohort it last showed and answers the views' requests about it,
//! between two slices of a running job or at once when idle. What to send is decided by
//! `survlens_app::job::worker`; this loop only moves messages (to the page and to the pool's
//! members, [`crate::pool`]) and keeps saved files' contents in the tab.

use std::time::Duration;

use futures::channel::mpsc;
use futures::{FutureExt, SinkExt, StreamExt};
use survlens_app::job::pipeline::Job;
use survlens_app::job::pool::TaskResult;
use survlens_app::job::protocol::{Request, Response};
use survlens_app::job::views::ExportFile;
use survlens_app::job::worker::{ProgressThrottle, STEP_SLICE_MS, Worker};
use yew::platform::time::sleep;
use yew_agent::prelude::*;

use crate::pool::{MemberEvent, Pool};

/// The worker's reactor: one job at a time; a new `Run` while one runs replaces it. With a
/// pool ([`Request::Pool`]), its members take shares of the job's work; the loop awaits
/// their replies beside the page's requests, so views are answered while they work.
#[reactor]
pub async fn JobWorker(mut scope: ReactorScope<Request, Response>) {
    let mut worker = Worker::default();
    let mut saved = SavedFiles::default();
    let mut pending = None;
    let (events, mut members) = mpsc::unbounded::<MemberEvent>();
    let mut pool: Option<Pool> = None;
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
            // A cancel with nothing running: nothing to do.
            Request::Cancel => continue,
            Request::Pool {
                workers,
                member_fault,
            } => {
                if pool.is_none() {
                    pool = Some(Pool::start(workers, member_fault, &events));
                }
                continue;
            }
            Request::Language(lang) => {
                worker.set_language(lang);
                continue;
            }
            other => {
                serve(&mut scope, &mut worker, &mut saved, other).await;
                continue;
            }
        };
        let mut job = Job::new(spec);
        job.set_language(worker.language());
        let now = crate::components::dom::now_ms;
        let mut throttle = ProgressThrottle::default();
        let mut slice_start = now();
        if let Some(pool) = &mut pool {
            pool.new_job();
            job.set_pool(pool.live());
        }
        loop {
            if !job.awaiting_pool() {
                let report = worker.step(job.step(), now);
                // The page may have gone away; the job then ends with the worker.
                for response in throttle.offer(report.response, now()) {
                    let _ = scope.send(response).await;
                }
                if let Some(follow_up) = report.follow_up {
                    let _ = scope.send(follow_up).await;
                }
                if report.finished {
                    break;
                }
            }
            if let Some(pool) = &mut pool {
                let tasks = job.share_with_pool(pool.idle());
                for start in pool.hand_out(tasks) {
                    job.reclaim_from_pool(start);
                }
            }
            // Waiting for members only: nothing to do until one answers (or the page asks).
            let waiting = job.awaiting_pool();
            if let Some(line) = throttle.due(now(), waiting) {
                let _ = scope.send(line).await;
            }
            // Steps run back to back for a slice of time, then the loop yields to the event
            // loop, where the page's requests and the members' results arrive.
            let yield_now = now() - slice_start >= STEP_SLICE_MS;
            futures::select! {
                message = scope.next() => match message {
                    Some(Request::Cancel) => {
                        let _ = scope.send(Response::Cancelled).await;
                        break;
                    }
                    Some(Request::Run(spec)) => {
                        pending = Some(Request::Run(spec));
                        break;
                    }
                    Some(Request::Pool { .. }) => {}
                    Some(Request::Language(lang)) => {
                        worker.set_language(lang);
                        job.set_language(lang);
                    }
                    Some(other) => serve(&mut scope, &mut worker, &mut saved, other).await,
                    None => return,
                },
                event = members.next() => {
                    let received = match (event, &mut pool) {
                        (Some(event), Some(pool)) => pool.receive(event),
                        _ => None,
                    };
                    match received {
                        Some(Ok((start, wire))) => {
                            let accepted = TaskResult::from_wire(wire)
                                .and_then(|result| job.accept_from_pool(result));
                            if let Err(e) = accepted {
                                web_sys::console::warn_1(
                                    &format!("a pool worker's result was not used: {e}").into(),
                                );
                                job.reclaim_from_pool(start);
                            }
                        }
                        Some(Err(start)) => job.reclaim_from_pool(start),
                        None => {}
                    }
                    if let Some(pool) = &pool {
                        job.set_pool(pool.live());
                    }
                },
                _ = idle(waiting, yield_now).fuse() => {
                    if yield_now {
                        slice_start = now();
                    }
                }
            }
        }
    }
}

/// Never resolves while the job only waits for its members; otherwise resolves after a turn
/// of the event loop when `yield_now` (the slice of back-to-back steps is used up), else at
/// once.
async fn idle(waiting: bool, yield_now: bool) {
    if waiting {
        futures::future::pending::<()>().await;
    } else if yield_now {
        sleep(Duration::ZERO).await;
    }
}

/// Answers a view's request or makes a file; nothing when the page asked about a cohort
/// that is no longer the one on screen.
async fn serve(
    scope: &mut ReactorScope<Request, Response>,
    worker: &mut Worker,
    saved: &mut SavedFiles,
    request: Request,
) {
    let response = match request {
        Request::View {
            generation,
            request,
        } => worker.view(generation, request, crate::components::dom::now_ms),
        Request::Export { generation, export } => {
            worker.export(generation, export, |file| saved.keep(file))
        }
        Request::Crash => crash(),
        Request::Language(lang) => {
            worker.set_language(lang);
            None
        }
        Request::Run(_) | Request::Cancel | Request::Pool { .. } => None,
    };
    if let Some(response) = response {
        let _ = scope.send(response).await;
    }
}

/// The object address of the last file made: the page downloads from it, so its contents
/// never cross the message channel. Released (revoked) when the next file is made.
#[derive(Default)]
struct SavedFiles {
    last: Option<gloo::file::ObjectUrl>,
}

impl SavedFiles {
    /// Keeps `file` in the tab's memory and returns its `blob:` address.
    fn keep(&mut self, file: &ExportFile) -> Result<String, String> {
        let url =
            gloo::file::ObjectUrl::from(crate::components::dom::text_blob(&file.text, file.mime)?);
        let address = url.to_string();
        self.last = Some(url);
        Ok(address)
    }
}

/// The test hook of [`Request::Crash`]: a panic, as a defect would cause one.
#[allow(clippy::panic, reason = "the page asked the worker to fail on purpose")]
fn crash() -> Option<Response> {
    panic!("the worker was asked to fail (test hook ?worker-fault=panic)")
}
