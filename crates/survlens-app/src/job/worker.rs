//! What the worker does with each step of its job and each request of the page, without
//! the browser: the worker's event loop (in the web crate) only moves messages, so every
//! message the page can receive is produced here and tested natively.

use survlens_data::Describe;

use crate::core::i18n::{Arg, Lang};
use crate::job::pipeline::{JobStep, PipelineError};
use crate::job::protocol::{Failure, Response, SavedFile};
use crate::job::views::{Export, ExportFile, ViewAnswer, ViewRequest, ViewServer};
use crate::views::patient_reference::Explanation;
use crate::views::whatif::Edits;

/// The worker's state between messages: the cohort on screen and its views.
#[derive(Debug, Default)]
pub struct Worker {
    views: ViewServer,
}

/// What one step of the job gives the page.
#[derive(Debug)]
pub struct StepReport {
    /// The message to send.
    pub response: Response,
    /// A message to send right after it: with a first look, its patient's report, so that
    /// the page shows the patient without asking a worker that is busy drawing the cohort.
    pub follow_up: Option<Response>,
    /// Whether the job is over (finished, failed or refused its input).
    pub finished: bool,
}

impl Worker {
    /// Builds every text it sends from now on in `lang` ([`Request::Language`]).
    ///
    /// [`Request::Language`]: crate::job::protocol::Request::Language
    pub fn set_language(&mut self, lang: Lang) {
        self.views.set_language(lang);
    }

    /// The language the worker speaks.
    pub fn language(&self) -> Lang {
        self.views.language()
    }

    /// Takes in one step of the running job: keeps an explained cohort or a first look at
    /// its first patient (the page gets its summary) and the interactions found in it; says
    /// what to tell the page, timing a report it sends unasked by `clock` (milliseconds).
    pub fn step(
        &mut self,
        step: Result<JobStep, PipelineError>,
        clock: impl Fn() -> f64,
    ) -> StepReport {
        let first_look = matches!(step, Ok(JobStep::FirstLook(_)));
        let (response, finished) = match step {
            Ok(JobStep::Progress(response)) => (response, false),
            // A first look is shown like the whole cohort, which replaces it.
            Ok(JobStep::FirstLook(session) | JobStep::Explained(session)) => {
                match session.check_shapes() {
                    Ok(()) => {
                        let summary = session.summary();
                        self.views.show(session);
                        (Response::Preview(Box::new(summary)), false)
                    }
                    Err(e) => (
                        Response::Failed(Failure::with(e.code(), |lang| {
                            lang.t_with(
                                "error-inconsistent-result",
                                &[("reason", Arg::Text(&lang.message(&e.message())))],
                            )
                        })),
                        true,
                    ),
                }
            }
            Ok(JobStep::Done(done)) => {
                self.views.found(done.interactions);
                (Response::InteractionsFound, true)
            }
            Err(e) => (e.into_response_in(self.language()), true),
        };
        let follow_up = match (&response, first_look) {
            (Response::Preview(_), true) => {
                let request = ViewRequest::Patient {
                    patient: 0,
                    edits: Edits::default(),
                    explanation: Explanation::Study,
                };
                self.view(self.views.generation(), request, clock)
            }
            _ => None,
        };
        StepReport {
            response,
            follow_up,
            finished,
        }
    }

    /// The answer to a view's request about the cohort of `generation`, timed by `clock`
    /// (milliseconds); `None` when that cohort is no longer the one on screen.
    pub fn view(
        &mut self,
        generation: u64,
        request: ViewRequest,
        clock: impl Fn() -> f64,
    ) -> Option<Response> {
        let start = clock();
        let reply = self.views.answer(generation, &request)?;
        Some(Response::View(Box::new(ViewAnswer {
            generation,
            request,
            reply,
            lang: self.views.language(),
            ms: clock() - start,
        })))
    }

    /// The file `export` of the cohort of `generation`, handed to `save`, which keeps its
    /// contents in the tab and returns their address (or the browser's refusal, a sentence:
    /// code `browser_storage`); `None` when that cohort is no longer the one on screen.
    pub fn export(
        &mut self,
        generation: u64,
        export: Export,
        save: impl FnOnce(&ExportFile) -> Result<String, String>,
    ) -> Option<Response> {
        let file = self.views.export(generation, export)?.and_then(|file| {
            save(&file)
                .map(|url| SavedFile {
                    name: file.name.clone(),
                    url,
                })
                .map_err(|why| {
                    Failure::with("browser_storage", |lang| {
                        lang.t_with("error-browser-storage", &[("reason", Arg::Text(&why))])
                    })
                })
        });
        Some(Response::Saved { export, file })
    }
}

/// Longest the worker runs job steps back to back before it yields to its event loop (to
/// receive the page's requests and the pool's results). Yielding after every step cost a
/// browser timer's minimum delay per step (4 ms once timers nest), as long as a step itself
/// on a small cohort.
pub const STEP_SLICE_MS: f64 = 12.0;

/// Least time between two progress lines sent to the page: each one redraws the job panel,
/// and the steps of a small cohort come faster than a person reads.
pub const PROGRESS_EVERY_MS: f64 = 100.0;

/// Which of the job's progress lines go to the page: at most one per
/// [`PROGRESS_EVERY_MS`]; a line that comes sooner is held, and sent when it is due
/// ([`ProgressThrottle::due`]) unless a newer line replaces it first. Every other message
/// goes at once, after the line held (so the page sees the last stage before a result).
#[derive(Debug, Default)]
pub struct ProgressThrottle {
    /// When the last line went, in milliseconds.
    last_sent: Option<f64>,
    /// The newest line not sent yet.
    held: Option<Response>,
}

impl ProgressThrottle {
    /// The messages to send now for `response`, which the job's step gave at `now`
    /// (milliseconds), in order.
    pub fn offer(&mut self, response: Response, now: f64) -> Vec<Response> {
        if !matches!(response, Response::Progress { .. } | Response::Stage(_)) {
            // A result, an epoch line or a failure: the held line first, then it.
            return self.held.take().into_iter().chain([response]).collect();
        }
        if self.last_sent.is_some_and(|t| now - t < PROGRESS_EVERY_MS) {
            self.held = Some(response);
            return Vec::new();
        }
        self.held = None;
        self.last_sent = Some(now);
        vec![response]
    }

    /// The line held, once it is due at `now` or when `flush` asks for it at once (the job
    /// is about to wait: the page should see where it waits).
    pub fn due(&mut self, now: f64, flush: bool) -> Option<Response> {
        let due = flush || self.last_sent.is_none_or(|t| now - t >= PROGRESS_EVERY_MS);
        if due && self.held.is_some() {
            self.last_sent = Some(now);
            return self.held.take();
        }
        None
    }
}
