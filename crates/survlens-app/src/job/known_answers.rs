//! What the page declares about a cohort, measured on cohorts whose answer is known. Two
//! declarations are measured here:
//!
//! - the Cohort view declares that the model's risk groups fare differently when the
//!   log-rank test of their Kaplan-Meier curves on the held-out patients gives
//!   `p < `[`LEVEL`];
//! - the Markers view calls the fewest markers that carry [`KEY_MARKER_SHARE`] of the
//!   network's total importance its key markers.
//!
//! This module runs the page's whole job on two kinds of cohort:
//!
//! - **shuffled**: a synthetic cohort whose survival times and events are permuted among
//!   its patients, so that no marker says anything about them and any declared difference
//!   is false. The cohort goes through the page's own file import, as a user's file would;
//! - **planted**: the synthetic cohort itself, whose markers carry the generator's planted
//!   effects, so that a difference exists.
//!
//! Each run trains the network with the job's recipe, explains the cohort and stops before
//! the interaction search (which neither declaration uses). The share of shuffled runs
//! that declare a difference estimates the test's false-positive rate (it should be near
//! [`LEVEL`]); the share of planted runs, its power at the cohort's size. Every key marker of
//! a shuffled run is one without any prognostic value; on a planted run, the key markers
//! without a planted effect are the false ones.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use survlens_data::{ColumnRoles, MissingCodes};
use survlens_synth::SynthConfig;

use crate::job::pipeline::{Job, JobStep, PipelineError};
use crate::sources::spec::{CohortSource, JobSpec};
use crate::views::cohort_view::{CohortViewError, Population, RiskGroupSurvival, RiskGrouping};
use crate::views::markers_view::{KeyMarkerView, MarkersViewError};
pub use survlens_xai::KEY_MARKER_SHARE;

/// The significance level at which the Cohort view declares that risk groups differ.
pub const LEVEL: f64 = 0.05;

/// Stream of the outcome permutation, apart from every stream the generator uses.
const SHUFFLE_STREAM: u64 = 0x5348_5546;

/// One run of the page's job: the Cohort view's test on its held-out patients and the
/// Markers view's key markers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KnownAnswerRun {
    /// The cohort's seed.
    pub seed: u64,
    /// Whether the outcomes were shuffled (the answer is "no difference").
    pub shuffled: bool,
    /// Held-out patients the test compared.
    pub held_out: usize,
    /// The log-rank test's p-value across the tertile groups; `None` when fewer than two
    /// groups held patients.
    pub p_value: Option<f64>,
    /// Harrell's C of the network on the held-out test patients, as the page states it.
    pub test_c_index: f64,
    /// Markers the key markers are chosen among.
    pub markers: usize,
    /// Key markers: the fewest that carry [`KEY_MARKER_SHARE`] of the total importance.
    pub key_markers: usize,
    /// Markers with a planted effect (0 on a shuffled run: none can say anything).
    pub prognostic: usize,
    /// Key markers with a planted effect; the others are false.
    pub key_prognostic: usize,
}

impl KnownAnswerRun {
    /// Whether the Cohort view declares that the groups fare differently.
    pub fn declared(&self) -> bool {
        self.p_value.is_some_and(|p| p < LEVEL)
    }

    /// Key markers without a planted effect: every key marker of a shuffled run.
    pub fn false_key_markers(&self) -> usize {
        self.key_markers - self.key_prognostic
    }
}

/// Why a run could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CalibrationError {
    /// The job refused the cohort or failed.
    #[error("the job failed: {0}")]
    Job(#[from] PipelineError),
    /// The generator refused its settings.
    #[error("synthetic cohort: {0}")]
    Synth(#[from] survlens_synth::SynthError),
    /// The risk-group curves could not be computed.
    #[error("risk groups: {0}")]
    Curves(#[from] CohortViewError),
    /// The key markers could not be computed.
    #[error("key markers: {0}")]
    KeyMarkers(#[from] MarkersViewError),
    /// The job ended without an explained cohort.
    #[error("the job ended without an explained cohort")]
    NoSession,
}

impl CalibrationError {
    /// A stable machine-readable name of the problem kind; it never changes with the
    /// wording.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Job(e) => e.code(),
            Self::Synth(e) => e.code(),
            Self::Curves(e) => e.code(),
            Self::KeyMarkers(e) => e.code(),
            Self::NoSession => "no_session",
        }
    }
}

/// The job of a run: `base` (the page's recipe and training setting) on the synthetic
/// cohort `config`, its outcomes shuffled among the patients when `shuffled`.
///
/// # Errors
/// [`CalibrationError::Synth`] when the generator refuses `config`.
pub fn run_spec(
    base: &JobSpec,
    config: SynthConfig,
    shuffled: bool,
) -> Result<JobSpec, CalibrationError> {
    let source = if shuffled {
        let mut cohort = survlens_synth::generate(&config)?;
        let mut order: Vec<usize> = (0..cohort.patient_ids.len()).collect();
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
        rng.set_stream(SHUFFLE_STREAM);
        order.shuffle(&mut rng);
        cohort.time_days = order.iter().map(|&i| cohort.time_days[i]).collect();
        cohort.event = order.iter().map(|&i| cohort.event[i]).collect();
        let mut roles = ColumnRoles::new("time", "event");
        roles.id = Some("patient_id".to_owned());
        roles.entity = Some("entity".to_owned());
        CohortSource::Csv {
            file_name: format!("shuffled-{}.csv", config.seed),
            bytes: survlens_synth::to_csv(&cohort).into_bytes(),
            roles,
            days_per_time_unit: 1.0,
            missing_codes: MissingCodes::none(),
            labels: Vec::new(),
        }
    } else {
        CohortSource::Synthetic(config)
    };
    Ok(JobSpec {
        source,
        ..base.clone()
    })
}

/// Runs the job of `spec` up to its explained cohort, the Cohort view's log-rank test of
/// the tertile groups on its held-out patients, and the Markers view's key markers.
///
/// # Errors
/// [`CalibrationError::Job`] when the job fails, [`CalibrationError::Curves`] when the
/// curves cannot be computed.
pub fn run(spec: JobSpec, seed: u64, shuffled: bool) -> Result<KnownAnswerRun, CalibrationError> {
    let mut job = Job::new(spec);
    let session = loop {
        match job.step()? {
            JobStep::Progress(_) | JobStep::FirstLook(_) => {}
            JobStep::Explained(session) => break session,
            JobStep::Done(_) => return Err(CalibrationError::NoSession),
        }
    };
    let curves = RiskGroupSurvival::build(&session, RiskGrouping::Tertiles, Population::HeldOut)?;
    let keys = KeyMarkerView::build(&session, KEY_MARKER_SHARE)?;
    // A shuffled cohort's markers carry nothing, whatever the generator planted in them.
    let planted = |j: usize| {
        !shuffled
            && session
                .truth
                .as_ref()
                .is_some_and(|t| t.prognostic.get(j).copied().unwrap_or(false))
    };
    let key = keys.key_markers();
    Ok(KnownAnswerRun {
        seed,
        shuffled,
        held_out: session.held_out.iter().filter(|&&h| h).count(),
        p_value: curves.logrank.map(|t| t.p_value),
        test_c_index: session.test_cindex,
        markers: keys.rows.len(),
        key_markers: key.len(),
        prognostic: (0..session.n_markers()).filter(|&j| planted(j)).count(),
        key_prognostic: key.iter().filter(|row| planted(row.marker)).count(),
    })
}

/// Declarations among `runs`: `(declared, runs)`.
pub fn declared(runs: &[KnownAnswerRun]) -> (usize, usize) {
    (runs.iter().filter(|r| r.declared()).count(), runs.len())
}
