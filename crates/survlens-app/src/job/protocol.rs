//! Messages between the page and its web worker. Training and explaining run in the worker
//! so the page never freezes; these types cross the boundary serialised.

use serde::{Deserialize, Serialize};

use crate::core::session::{EpochLine, SessionSummary};
use crate::job::views::{Export, ViewAnswer, ViewRequest};
use crate::sources::data_source::ProblemList;
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
    /// A view's data about the cohort of `generation` (answered between two steps of a
    /// running job, or at once when idle).
    View {
        /// The generation of the cohort on screen, as the page counts it.
        generation: u64,
        /// What the view needs.
        request: ViewRequest,
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
    /// The job failed; the message says why.
    Failed(String),
    /// The file was refused: every problem with its row and column. Nothing changed.
    Rejected(ProblemList),
    /// A view's data ([`Request::View`]).
    View(Box<ViewAnswer>),
    /// The file of a [`Request::Export`], ready to save, or why it could not be made.
    Saved {
        /// Which file.
        export: Export,
        /// Its name and the address of its contents in this tab, or the reason.
        file: Result<SavedFile, String>,
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
