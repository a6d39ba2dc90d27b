//! Messages between the page and its web worker. Training and explaining run in the worker
//! so the page never freezes; these types cross the boundary serialised.

use serde::{Deserialize, Serialize};

pub use crate::core::error::Failure;
use crate::core::i18n::Lang;
use crate::core::session::{EpochLine, SessionSummary};
use crate::job::views::{Export, ViewAnswer, ViewRequest};
use crate::sources::data_source::ProblemList;
use crate::sources::fhir_source::FhirReportView;
use crate::sources::spec::JobSpec;

/// What the page asks of the worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[allow(
    clippy::large_enum_variant,
    reason = "one request per job crosses to the worker, never a collection of them"
)]
pub enum Request {
    /// Load the cohort, train or read the network, explain every patient and search its
    /// interactions.
    Run(JobSpec),
    /// Stop the running job between two batches.
    Cancel,
    /// The page's language: every text the worker sends from now on (stages, views'
    /// answers, problems) is in it. Sent when the worker starts and at every switch.
    Language(Lang),
    /// A view's data about the cohort of `generation` (answered between two steps of a
    /// running job, or at once when idle).
    View {
        /// The generation of the cohort on screen, as the page counts it.
        generation: u64,
        /// What the view needs.
        request: ViewRequest,
    },
    /// A test hook: the worker panics, as a defect would, and reports its fault
    /// ([`WorkerFault`]). The page sends it only when its address asks for it
    /// (`?worker-fault=panic`), which the end-to-end tests do.
    Crash,
    /// How many workers the page's pool has, this one included (one per core, at most
    /// four, or `?pool=N`): the worker starts the others as members that take shares of its
    /// work ([`crate::job::pool`]). Sent once, before the first job; without it the worker
    /// works alone.
    Pool {
        /// Workers in all, this one included.
        workers: usize,
        /// A test hook (`?pool-fault=panic`): the first member panics on its first task, as a
        /// defect would, and the job takes its share back.
        member_fault: bool,
    },
    /// A file made from the cohort of `generation`, to save.
    Export {
        /// The generation of the cohort on screen, as the page counts it.
        generation: u64,
        /// Which file.
        export: Export,
    },
}

/// What the worker tells the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Response {
    /// A stage of the job started ("Generating cohort", "Explaining").
    Stage(String),
    /// A stage with a known share done ("Interactions: marker 12 of 50").
    Progress {
        /// What the worker is doing now.
        stage: String,
        /// Share of the stage done, in `[0, 1]`.
        fraction: f64,
    },
    /// One more epoch trained.
    Epoch {
        /// The epoch's figures.
        line: EpochLine,
        /// Upper bound on the number of epochs (training may stop earlier).
        max_epochs: usize,
    },
    /// The cohort is explained and can be shown: its summary (the cohort stays in the
    /// worker, which the views ask); the interaction search goes on and ends with
    /// [`Response::InteractionsFound`], the job's last message.
    Preview(Box<SessionSummary>),
    /// The interaction search of the cohort last sent as [`Response::Preview`] has ended
    /// (its results stay in the worker, which the Interactions view asks); the job is over.
    InteractionsFound,
    /// The job stopped on request; nothing changed.
    Cancelled,
    /// The job failed, and why.
    Failed(Failure),
    /// The file was refused: every problem with its row and column. Nothing changed.
    Rejected(ProblemList),
    /// A FHIR export was read: the mapping report (bounded lists), and the job goes on to
    /// explain its patients; or, when [`FhirReportView::refused`] is set, the export was
    /// refused (no Patient in it), the problems say why, nothing changed and the job is over.
    FhirRead(Box<FhirReportView>),
    /// A view's data ([`Request::View`]).
    View(Box<ViewAnswer>),
    /// The file of a [`Request::Export`], ready to save, or why it could not be made.
    Saved {
        /// Which file.
        export: Export,
        /// Its name and the address of its contents in this tab, or the reason.
        file: Result<SavedFile, Failure>,
    },
}

/// A file made in the worker, held in this tab's memory: its name and an object address
/// (`blob:`) the page downloads it from. The contents never cross the message channel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedFile {
    /// The file name offered.
    pub name: String,
    /// The object address of its contents.
    pub url: String,
}

/// A worker that stopped: it panicked (a defect) or its WebAssembly instance trapped (most
/// often: it ran out of memory). The worker reports it before it goes (on a channel of its
/// own, since the message channel may be what failed); the page says what happened and what
/// to try, keeps what it shows, and can start a new worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkerFault {
    /// What happened, in the runtime's words (a panic's message, a trap's error).
    pub what: String,
    /// Whether the worker panicked (a defect in survlens) rather than trapped.
    pub panicked: bool,
    /// The worker's WebAssembly memory when it stopped, in bytes.
    pub memory_bytes: f64,
}

impl WorkerFault {
    /// The address space of 32-bit WebAssembly: 4 GiB, the most a worker can hold.
    pub const MEMORY_LIMIT: f64 = 4.0 * 1024.0 * 1024.0 * 1024.0;

    /// The name of the channel a worker reports its fault on.
    pub const CHANNEL: &'static str = "survlens-worker-fault";

    /// Whether the worker most likely ran out of memory: a failed allocation named as such,
    /// or a trap with at least three quarters of the address space in use.
    pub fn out_of_memory(&self) -> bool {
        let named = self.what.contains("memory allocation")
            || self.what.to_lowercase().contains("out of memory");
        named || (!self.panicked && self.memory_bytes >= 0.75 * Self::MEMORY_LIMIT)
    }

    /// What happened, in one sentence for the page.
    pub fn sentence(&self) -> String {
        let memory = self.memory_bytes / (1024.0 * 1024.0 * 1024.0);
        if self.out_of_memory() {
            format!(
                "The worker that computes the figures ran out of memory ({memory:.1} GiB of the \
                 4 GiB a browser worker can hold) and stopped."
            )
        } else if self.panicked {
            format!(
                "The worker that computes the figures stopped on an unexpected error: {}.",
                self.what.trim_end_matches('.')
            )
        } else {
            format!(
                "The worker that computes the figures stopped ({}; it held {memory:.1} GiB).",
                self.what.trim_end_matches('.')
            )
        }
    }

    /// What to try.
    pub fn advice(&self) -> &'static str {
        if self.out_of_memory() {
            "The figures already on screen stay until you restart. A smaller cohort needs less \
             memory: after the restart, open fewer patients or a file with fewer rows."
        } else {
            "The figures already on screen stay until you restart. Restarting loads the page \
             again and opens its cohort afresh (open your own file again from the Data panel); \
             if the error comes back, it is a defect in survlens. No data left this tab."
        }
    }

    /// The fault as the worker sends it (JSON text).
    pub fn to_message(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| self.what.clone())
    }

    /// A fault read back from [`Self::to_message`]; any other text is taken as what happened.
    pub fn from_message(text: &str) -> Self {
        serde_json::from_str(text).unwrap_or_else(|_| Self {
            what: text.to_owned(),
            panicked: false,
            memory_bytes: f64::NAN,
        })
    }
}
