//! What several test files share: the demo session, computed once per test binary, and
//! the workspace's Rust sources for the tests that read them.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use survlens_app::core::session::Session;
use survlens_app::job::pipeline::{Finished, Job, JobStep};
use survlens_app::job::views::ViewRequest;
use survlens_app::sources::spec::{JobSpec, Recipe};
use survlens_app::views::cohort_view::{Population, RiskGrouping};

/// The page's teaching demo trained by the study's recipe with a short budget (5 epochs per
/// stage), computed once for all tests of a file. The `auto` recipe's own path is tested in
/// `view_model.rs`.
#[allow(dead_code, reason = "not every test binary uses the demo session")]
pub fn demo_session() -> &'static Session {
    &demo_job().session
}

/// The finished demo job of [`demo_session`]: the session and its interactions.
#[allow(
    dead_code,
    reason = "not every test file that shares the session reads the search"
)]
pub fn demo_job() -> &'static Finished {
    static JOB: OnceLock<Finished> = OnceLock::new();
    JOB.get_or_init(|| {
        let mut spec = JobSpec::demo();
        spec.recipe = Recipe::Study;
        spec.training.epochs_per_stage = 5;
        let mut job = Job::new(spec);
        loop {
            match job.step() {
                Ok(JobStep::Done(done)) => return *done,
                Ok(JobStep::Progress(_) | JobStep::FirstLook(_) | JobStep::Explained(_)) => {}
                Err(e) => panic!("demo job failed: {e}"),
            }
        }
    })
}

/// Every kind of view request once, about patient `patient` and markers `marker` and
/// `marker + 1`; the patient's report both with its recorded values and with one edit.
#[allow(dead_code, reason = "not every test binary walks the views")]
pub fn every_view_request(patient: usize, marker: usize) -> Vec<ViewRequest> {
    use survlens_app::views::interactions_view::Method;
    use survlens_app::views::patient_reference::{Explanation, ReferenceGroup};
    use survlens_app::views::whatif::Edits;
    let mut edits = Edits::default();
    edits.set(&[f32::NAN; 1024], marker, 1.0);
    let edits_new = edits.clone();
    let mut requests = vec![
        ViewRequest::Patient {
            patient,
            edits: Edits::default(),
            explanation: Explanation::Study,
        },
        ViewRequest::Patient {
            patient,
            edits,
            explanation: Explanation::Study,
        },
        ViewRequest::Patient {
            patient,
            edits: Edits::default(),
            explanation: Explanation::TypicalPatient {
                of: ReferenceGroup::Entity,
            },
        },
        ViewRequest::NewPatientForm,
        ViewRequest::NewPatient {
            values: Edits::default(),
            edits: edits_new.clone(),
            explanation: Explanation::Study,
        },
        ViewRequest::PatientComparison {
            patient,
            other: patient + 1,
            explanation: Explanation::TypicalPatient {
                of: ReferenceGroup::Entity,
            },
        },
        ViewRequest::ModelContrast {
            patient,
            explanation: Explanation::Study,
        },
        ViewRequest::PatientList {
            query: String::new(),
        },
        ViewRequest::ModelReport,
        ViewRequest::MethodComparison { patient },
        ViewRequest::CohortSummary,
        ViewRequest::Discrimination,
        ViewRequest::RiskGroupCounts,
        ViewRequest::KeyMarkers { percent: 90 },
        ViewRequest::Beeswarm,
        ViewRequest::EntityHeatmap,
        ViewRequest::Dependence {
            marker,
            colour: Some(marker + 1),
        },
        ViewRequest::MarkerProfile { patient, marker },
        ViewRequest::Stability { patient },
        ViewRequest::OverTime { patient },
        ViewRequest::CohortEffects { marker },
        ViewRequest::Fidelity,
        ViewRequest::TruthComparison { patient },
    ];
    for grouping in RiskGrouping::ALL {
        for population in Population::ALL {
            requests.push(ViewRequest::RiskGroupSurvival {
                grouping,
                population,
            });
        }
    }
    for method in Method::ALL {
        requests.push(ViewRequest::Interactions { method });
        requests.push(ViewRequest::InteractionPair {
            method,
            a: marker,
            b: marker + 1,
        });
    }
    requests
}

/// Every `.rs` file under `dir`, for the tests that read the sources.
#[allow(dead_code, reason = "not every test binary reads the sources")]
pub fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
