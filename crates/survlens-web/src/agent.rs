//! The web worker: runs a job step by step and yields to the event loop between steps,
//! so a cancel request is seen within one training epoch; keeps the explained cohort it
//! last showed and answers the views' requests about it, between two steps of a running
//! job or at once when idle. What to send is decided by `survlens_app::job::worker`; this
//! loop only moves messages and keeps saved files' contents in the tab.

use std::time::Duration;

use futures::{FutureExt, SinkExt, StreamExt};
use survlens_app::job::pipeline::Job;
use survlens_app::job::protocol::{Request, Response};
use survlens_app::job::views::ExportFile;
use survlens_app::job::worker::Worker;
use wasm_bindgen::JsValue;
use yew::platform::time::sleep;
use yew_agent::prelude::*;

/// The worker's reactor: one job at a time; a new `Run` while one runs replaces it.
#[reactor]
pub async fn JobWorker(mut scope: ReactorScope<Request, Response>) {
    let mut worker = Worker::default();
    let mut saved = SavedFiles::default();
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
            // A cancel with nothing running: nothing to do.
            Request::Cancel => continue,
            other => {
                serve(&mut scope, &mut worker, &mut saved, other).await;
                continue;
            }
        };
        let mut job = Job::new(spec);
        loop {
            let report = worker.step(job.step());
            // The page may have gone away; the job then ends with the worker.
            let _ = scope.send(report.response).await;
            if report.finished {
                break;
            }
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
                    Some(other) => serve(&mut scope, &mut worker, &mut saved, other).await,
                    None => return,
                },
                _ = sleep(Duration::ZERO).fuse() => {}
            }
        }
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
        } => worker.view(generation, request, now_ms),
        Request::Export { generation, export } => {
            worker.export(generation, export, |file| saved.keep(file))
        }
        Request::Crash => crash(),
        Request::Run(_) | Request::Cancel => None,
    };
    if let Some(response) = response {
        let _ = scope.send(response).await;
    }
}

/// The object address of the last file made: the page downloads from it, so its contents
/// never cross the message channel. Released when the next file is made.
#[derive(Default)]
struct SavedFiles {
    last: Option<String>,
}

impl SavedFiles {
    /// Keeps `file` in the tab's memory and returns its `blob:` address.
    fn keep(&mut self, file: &ExportFile) -> Result<String, String> {
        if let Some(url) = self.last.take() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
        let parts = js_sys::Array::of1(&JsValue::from_str(&file.text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(file.mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
            .map_err(|_| "the browser could not hold the file".to_owned())?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)
            .map_err(|_| "the browser could not hold the file".to_owned())?;
        self.last = Some(url.clone());
        Ok(url)
    }
}

/// The test hook of [`Request::Crash`]: a panic, as a defect would cause one.
#[allow(clippy::panic, reason = "the page asked the worker to fail on purpose")]
fn crash() -> Option<Response> {
    panic!("the worker was asked to fail (test hook ?worker-fault=panic)")
}

/// The worker's clock in milliseconds, with the sub-millisecond resolution of
/// `performance.now()` (falling back to the date's milliseconds).
fn now_ms() -> f64 {
    use wasm_bindgen::JsCast;
    js_sys::global()
        .dyn_into::<web_sys::WorkerGlobalScope>()
        .ok()
        .and_then(|scope| scope.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}
