//! The first patient first: a stored model on a synthetic cohort shows the cohort's first
//! patient before the cohort is drawn, and that first look is the whole cohort's first
//! patient, explained the same way; nothing in it is placed among a cohort it has not seen.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::sync::Arc;

use survlens_app::core::session::{Opening, OpeningReason, Session};
use survlens_app::job::pipeline::{Job, JobStep};
use survlens_app::job::protocol::Response;
use survlens_app::job::state::{Action, AppState, JobStatus};
use survlens_app::job::views::{ViewReply, ViewRequest, ViewServer};
use survlens_app::job::worker::Worker;
use survlens_app::sources::spec::JobSpec;
use survlens_app::views::patient_reference::{Explanation, ReferenceGroup};
use survlens_app::views::whatif::Edits;

const PATIENTS: usize = 600;

/// The first look and the whole cohort of the default model's job on `PATIENTS` patients,
/// and the steps taken before the first look.
fn opening() -> (Arc<Session>, Arc<Session>, usize) {
    let mut job = Job::new(JobSpec::pan_cancer_of(PATIENTS));
    let (mut first, mut steps) = (None, 0);
    loop {
        match job.step().unwrap() {
            JobStep::FirstLook(s) => first = Some((s, steps)),
            JobStep::Explained(whole) => {
                let (first, steps) = first.unwrap();
                return (first, whole, steps);
            }
            JobStep::Progress(_) => steps += 1,
            JobStep::Done(_) => panic!("the cohort is shown before the job ends"),
        }
    }
}

#[test]
fn the_first_look_is_the_whole_cohorts_first_patient() {
    let (first, whole, steps) = opening();
    assert_eq!(steps, 0, "the first look is the job's first step");
    assert_eq!(first.n_patients(), 1);
    assert_eq!(first.first_look_of, Some(PATIENTS));
    assert_eq!(whole.first_look_of, None);
    first.check_shapes().unwrap();
    assert_eq!(first.patient_ids[0], whole.patient_ids[0]);
    assert_eq!(first.entity_of[0], whole.entity_of[0]);
    assert_eq!(first.title, whole.title);
    assert_eq!(first.markers, whole.markers);
    let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(first.values_of(0)), bits(whole.values_of(0)));
    // The same network and rule on the same row; alone or in a batch of 2,048, the matrix
    // products may round differently in the last place.
    assert!((first.risk[0] - whole.risk[0]).abs() < 1e-5);
    for (a, b) in first.relevance_of(0).iter().zip(whole.relevance_of(0)) {
        assert!((a - b).abs() < 1e-5, "{a} vs {b}");
    }
    // The stored model's own cut-offs and baseline, as in the whole cohort.
    assert_eq!(first.risk_cutoffs, whole.risk_cutoffs);
    assert_eq!(first.model.baseline, whole.model.baseline);
    // Nothing that needs the cohort: no outcomes, no C-index, no training patients named.
    assert!(!first.has_outcomes && first.test_cindex.is_nan());
    assert!(first.truth.is_none() && first.baselines.is_empty());
    assert!(first.held_out.iter().all(|&h| h));
}

#[test]
fn the_first_looks_report_places_the_patient_in_no_cohort() {
    let (first, whole, _) = opening();
    let mut views = ViewServer::default();
    let generation = views.show(Arc::clone(&first));
    let patient = ViewRequest::Patient {
        patient: 0,
        edits: Edits::default(),
        explanation: Explanation::Study,
    };
    let Some(ViewReply::Patient(Some(report))) = views.answer(generation, &patient) else {
        panic!("the first look answers its patient's report");
    };
    assert!(
        report.view.percentile.is_nan(),
        "no percentile without the cohort"
    );
    assert_eq!(report.waterfall.cohort_mean, None);
    assert!(
        report.risk_note.contains("first look"),
        "{}",
        report.risk_note
    );
    assert!(
        report.risk_note.contains("600 patients"),
        "{}",
        report.risk_note
    );
    let curves = report.curves.as_ref().unwrap();
    assert!(curves.cohort.is_empty(), "no cohort survival curve yet");
    // The typical patient needs the cohort: a first look asked for it shows the study's
    // explanation, the same as asked for that, and says why.
    let typical = ViewRequest::Patient {
        patient: 0,
        edits: Edits::default(),
        explanation: Explanation::TypicalPatient {
            of: ReferenceGroup::Cohort,
        },
    };
    let Some(ViewReply::Patient(Some(fallback))) = views.answer(generation, &typical) else {
        panic!("the first look answers a request for the typical patient");
    };
    assert!(!fallback.typical_offered && !report.typical_offered);
    assert_eq!(fallback.explanation, Explanation::Study);
    assert_eq!(fallback.waterfall, report.waterfall);
    assert!(
        fallback.explanation_note.contains("needs the whole cohort"),
        "{}",
        fallback.explanation_note
    );
    assert_eq!(report.view.group, {
        let generation = views.show(Arc::clone(&whole));
        let Some(ViewReply::Patient(Some(whole_report))) = views.answer(generation, &patient)
        else {
            panic!("the whole cohort answers the same patient");
        };
        assert!(whole_report.view.percentile.is_finite());
        assert!(whole_report.waterfall.cohort_mean.is_some());
        whole_report.view.group
    });
    // A what-if edit on the first look is computed by the same network.
    let mut edits = Edits::default();
    let j = first
        .markers
        .iter()
        .position(|m| m.levels.is_empty())
        .unwrap();
    edits.set(first.values_of(0), j, first.values_of(0)[j] + 1.0);
    let generation = views.show(Arc::clone(&first));
    let edited = ViewRequest::Patient {
        patient: 0,
        edits,
        explanation: Explanation::Study,
    };
    let Some(ViewReply::Patient(Some(report))) = views.answer(generation, &edited) else {
        panic!("a what-if on the first look");
    };
    assert!(report.what_if && report.failure.is_none());
}

/// The page shows the first look as a cohort of its own and keeps its patient on screen
/// when the whole cohort replaces it; a job that trains its network has no first look.
#[test]
fn the_page_keeps_the_first_looks_patient_and_training_has_none() {
    let mut job = Job::new(JobSpec::pan_cancer_of(PATIENTS));
    let mut worker = Worker::default();
    let mut state = AppState::default().reduce(Action::JobStarted);
    let mut previews = Vec::new();
    let mut openings = Vec::new();
    loop {
        let report = worker.step(job.step(), || 0.0);
        if let Response::Preview(summary) = &report.response {
            previews.push(summary.first_look_of);
            openings.push(summary.opening);
        }
        let first_look = previews.len() == 1 && report.follow_up.is_some();
        state = state.reduce(Action::Worker(report.response));
        if let Some(follow_up) = report.follow_up {
            state = state.reduce(Action::Worker(follow_up));
        }
        if first_look {
            assert_eq!(state.selected, 0);
            assert!(
                matches!(state.job, JobStatus::Running { .. }),
                "the job goes on after the first look"
            );
            // The first look comes with its patient's report: the page need not ask a
            // worker busy drawing the cohort.
            let report = ViewRequest::Patient {
                patient: 0,
                edits: Edits::default(),
                explanation: Explanation::Study,
            };
            assert!(state.views.contains(&report));
        }
        if previews.len() == 2 {
            break;
        }
    }
    assert_eq!(previews, [Some(PATIENTS), None]);
    assert_eq!(state.generation, 2);
    assert_eq!(
        state.selected, 0,
        "the first look's patient stays on screen"
    );
    let whole = state.session.as_ref().unwrap();
    assert_eq!(whole.n_patients(), PATIENTS);
    // The whole cohort alone would open on its highest-risk held-out patient; the page keeps
    // the first look's patient and says why it was shown first.
    assert_ne!(openings[1].index, 0, "not simply the default patient");
    // (600 patients the default model never saw: the list's first row).
    assert_eq!(openings[1].reason, OpeningReason::HighestRisk);
    assert_eq!(
        whole.opening,
        Opening {
            index: 0,
            reason: OpeningReason::FirstLook { of: PATIENTS }
        }
    );
    assert_eq!(openings[0], whole.opening);

    let mut training = Job::new(JobSpec::demo());
    loop {
        match training.step().unwrap() {
            JobStep::FirstLook(_) => panic!("a network trained here has no first look"),
            JobStep::Explained(_) | JobStep::Done(_) => break,
            JobStep::Progress(_) => {}
        }
    }
}

/// After the first look the cohort is drawn a chunk per step, with progress, so that the
/// worker answers the page between two chunks (a step never draws the whole cohort).
#[test]
fn the_cohort_is_drawn_a_chunk_per_step_with_progress() {
    let patients = 5_000;
    let mut job = Job::new(JobSpec::pan_cancer_of(patients));
    let mut fractions = Vec::new();
    loop {
        match job.step().unwrap() {
            JobStep::Progress(Response::Progress { stage, fraction })
                if stage.starts_with("Drawing") =>
            {
                fractions.push(fraction);
            }
            JobStep::Explained(s) => {
                assert_eq!(s.n_patients(), patients);
                break;
            }
            _ => {}
        }
    }
    let chunk = survlens_app::job::pipeline::DRAW_CHUNK;
    // The start, one report per chunk, the last one at 1.
    assert_eq!(
        fractions.len(),
        1 + patients.div_ceil(chunk),
        "{fractions:?}"
    );
    assert_eq!(fractions[0], 0.0);
    assert_eq!(*fractions.last().unwrap(), 1.0);
    assert!(fractions.windows(2).all(|w| w[0] < w[1]), "{fractions:?}");
}
