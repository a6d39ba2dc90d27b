//! The page's state and the actions that change it, as a pure reducer (no UI framework), so
//! every transition is tested natively.

use std::collections::BTreeMap;
use std::ops::Deref;
use std::rc::Rc;

use crate::core::i18n::{Arg, Lang};
use crate::core::session::{EpochLine, SessionSummary};
use crate::job::protocol::{Failure, Response};
use crate::job::views::{Export, ViewAnswer, ViewRequest};
use crate::sources::data_source::ProblemList;
use crate::sources::fhir_source::FhirReportView;

/// The page's handle on the explained cohort on screen: its summary (the cohort stays in
/// the worker). Two handles are equal when they point to the same summary: views re-render
/// when a new cohort is shown.
#[derive(Clone, Debug)]
pub struct SessionRef {
    session: Rc<SessionSummary>,
}

impl SessionRef {
    /// Shares `summary`.
    pub fn new(summary: SessionSummary) -> Self {
        Self {
            session: Rc::new(summary),
        }
    }
}

impl PartialEq for SessionRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.session, &other.session)
    }
}

impl Deref for SessionRef {
    type Target = SessionSummary;

    fn deref(&self) -> &SessionSummary {
        &self.session
    }
}

/// The worker's answers about the cohort on screen, the last [`ViewAnswers::PER_KIND`] of
/// each kind of request (a few patients' method comparisons, a few groupings' curves).
/// After a switch of language the answers in the earlier language stay on screen until
/// their translation comes, but count as not answered ([`ViewAnswers::contains`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewAnswers {
    answers: BTreeMap<ViewRequest, Rc<ViewAnswer>>,
    /// Requests answered, oldest first.
    order: Vec<ViewRequest>,
    /// The page's language.
    lang: Lang,
}

impl ViewAnswers {
    /// Answers kept per kind of request. A view asks for at most a few of one kind at once,
    /// so this never drops an answer a view is showing.
    pub const PER_KIND: usize = 4;

    /// The answer to `request`, once it came.
    pub fn get(&self, request: &ViewRequest) -> Option<&Rc<ViewAnswer>> {
        self.answers.get(request)
    }

    /// Whether `request` has its answer in the page's language.
    pub fn contains(&self, request: &ViewRequest) -> bool {
        self.answers
            .get(request)
            .is_some_and(|a| a.lang == self.lang)
    }

    /// The language the answers are asked in.
    pub fn language(&self) -> Lang {
        self.lang
    }

    /// The answer to `request`, or, while it is on its way, the last answer of its kind
    /// ([`ViewRequest::same_kind`]): what a view shows after a setting changed. The answer
    /// names what it was computed for.
    pub fn current_or_last(&self, request: &ViewRequest) -> Option<&Rc<ViewAnswer>> {
        self.answers.get(request).or_else(|| {
            self.order
                .iter()
                .rev()
                .find(|r| r.same_kind(request))
                .and_then(|r| self.answers.get(r))
        })
    }

    /// Drops the answers to the requests `which` selects.
    fn forget(&mut self, which: impl Fn(&ViewRequest) -> bool) {
        self.answers.retain(|r, _| !which(r));
        self.order.retain(|r| !which(r));
    }

    /// Whether nothing has been answered.
    pub fn is_empty(&self) -> bool {
        self.answers.is_empty()
    }

    /// Keeps `answer`, dropping the oldest of its kind beyond [`Self::PER_KIND`].
    fn insert(&mut self, answer: ViewAnswer) {
        let request = answer.request.clone();
        self.order.retain(|r| *r != request);
        self.order.push(request.clone());
        self.answers.insert(request.clone(), Rc::new(answer));
        let same: Vec<ViewRequest> = self
            .order
            .iter()
            .filter(|r| r.same_kind(&request))
            .cloned()
            .collect();
        for old in &same[..same.len().saturating_sub(Self::PER_KIND)] {
            self.answers.remove(old);
            self.order.retain(|r| r != old);
        }
    }
}

/// What the long-running job is doing.
#[derive(Clone, Debug, PartialEq)]
pub enum JobStatus {
    /// Nothing running.
    Idle,
    /// Running: the current stage, the training curve so far and the epoch budget.
    Running {
        /// What the worker is doing now.
        stage: String,
        /// Epochs so far.
        epochs: Vec<EpochLine>,
        /// Upper bound on the number of epochs.
        max_epochs: usize,
        /// Share of the current stage done, when the stage reports one (the interaction
        /// search); it then drives the progress bar instead of the epochs.
        progress: Option<f64>,
    },
    /// The user cancelled the last job.
    Cancelled,
    /// The last job failed, and why.
    Failed(Failure),
}

impl JobStatus {
    /// Progress in [0, 1] for a progress bar, when running.
    pub fn fraction(&self) -> Option<f64> {
        match self {
            Self::Running {
                progress: Some(f), ..
            } => Some(f.clamp(0.0, 1.0)),
            Self::Running {
                epochs, max_epochs, ..
            } if *max_epochs > 0 => Some((epochs.len() as f64 / *max_epochs as f64).min(1.0)),
            Self::Running { .. } => Some(0.0),
            _ => None,
        }
    }
}

/// The whole state of the page.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The explained cohort on screen, if any.
    pub session: Option<SessionRef>,
    /// The selected patient (an index into the session), kept across view changes.
    pub selected: usize,
    /// The patient picker's search text.
    pub query: String,
    /// The worker's job.
    pub job: JobStatus,
    /// Why the last file was refused, until the next job starts or another file is opened.
    pub problems: Option<ProblemList>,
    /// Explained cohorts shown so far (each [`Response::Preview`]); the worker counts them
    /// alike, so a view's answer names the cohort it is about.
    pub generation: u64,
    /// The views' data the worker computed for the cohort on screen.
    pub views: Rc<ViewAnswers>,
    /// The page's language, which the worker was told ([`Action::Language`]).
    pub lang: Lang,
    /// Whether the interaction search of the cohort on screen has ended (its results stay
    /// in the worker).
    pub interactions_found: bool,
    /// Why the last file asked for ([`Export`]) could not be made, until the next is made.
    pub export_failure: Option<(Export, Failure)>,
    /// The mapping report of the last FHIR export read, until the next job starts.
    pub fhir_report: Option<Rc<FhirReportView>>,
}

impl Default for AppState {
    fn default() -> Self {
        Self {
            session: None,
            selected: 0,
            query: String::new(),
            job: JobStatus::Idle,
            problems: None,
            generation: 0,
            views: Rc::default(),
            lang: Lang::En,
            interactions_found: false,
            export_failure: None,
            fhir_report: None,
        }
    }
}

/// Everything that can happen to the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A job was sent to the worker.
    JobStarted,
    /// The worker reported.
    Worker(Response),
    /// The user picked a patient.
    SelectPatient(usize),
    /// The user typed in the patient search.
    Search(String),
    /// The user opened a file: a refusal of an earlier file no longer describes what is
    /// on screen.
    FileOpened,
    /// The page's language changed (or was chosen at the start) and the worker was told:
    /// answers in another language are asked again, and ignored when late.
    Language(Lang),
}

impl AppState {
    /// The worker's answer to `request` about the cohort on screen, once it came.
    pub fn view(&self, request: &ViewRequest) -> Option<&Rc<ViewAnswer>> {
        self.views.get(request)
    }

    /// The state after `action`. A finished job replaces the session; a cancelled or failed
    /// job leaves the previous session untouched.
    pub fn reduce(&self, action: Action) -> Self {
        let mut next = self.clone();
        match action {
            Action::JobStarted => {
                next.problems = None;
                next.fhir_report = None;
                next.job = JobStatus::Running {
                    stage: next.lang.t("stage-starting"),
                    epochs: Vec::new(),
                    max_epochs: 0,
                    progress: None,
                };
            }
            Action::Worker(Response::Stage(stage)) => {
                if let JobStatus::Running {
                    stage: s, progress, ..
                } = &mut next.job
                {
                    *s = stage;
                    *progress = None;
                } else {
                    next.job = JobStatus::Running {
                        stage,
                        epochs: Vec::new(),
                        max_epochs: 0,
                        progress: None,
                    };
                }
            }
            Action::Worker(Response::Progress { stage, fraction }) => {
                next.job = match &next.job {
                    JobStatus::Running {
                        epochs, max_epochs, ..
                    } => JobStatus::Running {
                        stage,
                        epochs: epochs.clone(),
                        max_epochs: *max_epochs,
                        progress: Some(fraction),
                    },
                    _ => JobStatus::Running {
                        stage,
                        epochs: Vec::new(),
                        max_epochs: 0,
                        progress: Some(fraction),
                    },
                };
            }
            Action::Worker(Response::Epoch { line, max_epochs }) => {
                if let JobStatus::Running {
                    epochs,
                    max_epochs: m,
                    ..
                } = &mut next.job
                {
                    epochs.push(line);
                    *m = max_epochs;
                }
            }
            Action::Worker(Response::Preview(summary)) => {
                next.generation += 1;
                next.views = Rc::new(ViewAnswers {
                    lang: next.lang,
                    ..ViewAnswers::default()
                });
                next.interactions_found = false;
                next.export_failure = None;
                // After a first look the patient on screen stays, and so does the reason it
                // was shown first: the whole cohort's first patient is the one already shown.
                let first_look = self
                    .session
                    .as_ref()
                    .filter(|s| s.first_look_of.is_some())
                    .map(|s| s.opening);
                let mut summary = summary;
                match first_look {
                    Some(opening) => summary.opening = opening,
                    None => next.selected = summary.opening.index,
                }
                let stage = match summary.first_look_of {
                    Some(n) => next.lang.t_with(
                        "stage-drawing-and-explaining",
                        &[("patients", Arg::Count(n as u64))],
                    ),
                    None => next.lang.t("stage-finding-interactions"),
                };
                next.session = Some(SessionRef::new(*summary));
                next.job = JobStatus::Running {
                    stage,
                    epochs: Vec::new(),
                    max_epochs: 0,
                    progress: None,
                };
            }
            Action::Worker(Response::Saved { export, file }) => {
                next.export_failure = file.err().map(|why| (export, why));
            }
            Action::Worker(Response::InteractionsFound) => {
                next.interactions_found = true;
                // Answers given while the search ran said it had not ended.
                let mut views = (*next.views).clone();
                views.forget(ViewRequest::needs_interactions);
                next.views = Rc::new(views);
                next.job = JobStatus::Idle;
            }
            Action::Worker(Response::Cancelled) => next.job = JobStatus::Cancelled,
            Action::Worker(Response::Failed(msg)) => next.job = JobStatus::Failed(msg),
            Action::Worker(Response::Rejected(problems)) => {
                // The table of problems is the report; the previous cohort stays.
                next.job = JobStatus::Idle;
                next.problems = Some(problems);
            }
            Action::Worker(Response::FhirRead(report)) => {
                if report.refused.is_some() {
                    // The report lists the problems; the previous cohort stays.
                    next.job = JobStatus::Idle;
                } else if let JobStatus::Running {
                    stage, progress, ..
                } = &mut next.job
                {
                    *stage = next.lang.t("stage-encoding-patients");
                    *progress = None;
                }
                next.fhir_report = Some(Rc::from(report));
            }
            Action::Worker(Response::View(answer)) => {
                // An answer in the language the page left is late: its translation follows.
                if answer.generation == next.generation && answer.lang == next.lang {
                    let mut views = (*next.views).clone();
                    views.insert(*answer);
                    next.views = Rc::new(views);
                }
            }
            Action::SelectPatient(i) => {
                if next.session.as_ref().is_some_and(|s| i < s.n_patients()) {
                    next.selected = i;
                }
            }
            Action::Search(q) => next.query = q,
            Action::FileOpened => next.problems = None,
            Action::Language(lang) => {
                next.lang = lang;
                let mut views = (*next.views).clone();
                views.lang = lang;
                next.views = Rc::new(views);
            }
        }
        next
    }
}
