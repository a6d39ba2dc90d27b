//! The worker computes a view's data where the cohort lives and sends only that: the
//! answers equal what the view-model builds from the session itself, an answer about an
//! earlier cohort is never given nor shown, and no answer grows with the cohort (on the
//! page's default model and 2,000 synthetic patients, each is a small fraction of the
//! explained cohort the worker would otherwise hand over).

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::sync::{Arc, OnceLock};

use survlens_app::core::session::Session;
use survlens_app::job::pipeline::{Job, JobStep};
use survlens_app::job::protocol::Response;
use survlens_app::job::state::{Action, AppState};
use survlens_app::job::views::{Export, ViewAnswer, ViewReply, ViewRequest, ViewServer};
use survlens_app::job::worker::Worker;
use survlens_app::sources::spec::JobSpec;
use survlens_app::views::model_view::{
    EncodedCohort, MethodComparison, MethodSettings, MetricSettings, ModelReport,
};
use survlens_app::views::patient_reference::{Explanation, ReferenceGroup};

/// The page's default model on 2,000 new synthetic patients, as the page shows it: the
/// explained cohort of the preview (the interaction search that follows is not needed).
fn session() -> Arc<Session> {
    static SESSION: OnceLock<Arc<Session>> = OnceLock::new();
    let session = SESSION.get_or_init(|| {
        let mut job = Job::new(JobSpec::pan_cancer_of(2_000));
        loop {
            match job.step() {
                Ok(JobStep::Explained(session)) => return session,
                Ok(JobStep::Progress(_)) | Ok(JobStep::FirstLook(_)) => {}
                Ok(JobStep::Done(_)) => panic!("the preview comes before the job ends"),
                Err(e) => panic!("job failed: {e}"),
            }
        }
    });
    Arc::clone(session)
}

fn encoded_len<T: serde::Serialize>(value: &T) -> usize {
    bincode::serde::encode_to_vec(value, bincode::config::standard())
        .unwrap()
        .len()
}

#[test]
fn answers_are_the_views_own_data_and_small_beside_the_cohort() {
    let session = session();
    let mut views = ViewServer::default();
    assert_eq!(
        views.answer(0, &ViewRequest::ModelReport),
        None,
        "no cohort yet"
    );
    let generation = views.show(Arc::clone(&session));
    assert_eq!(generation, 1);

    let report = views.answer(generation, &ViewRequest::ModelReport).unwrap();
    assert_eq!(
        report,
        ViewReply::ModelReport(Box::new(ModelReport::build(
            &session,
            &MetricSettings::default()
        )))
    );
    let patient = session.n_patients() - 1;
    let comparison = views
        .answer(generation, &ViewRequest::MethodComparison { patient })
        .unwrap();
    let encoded = EncodedCohort::build(&session).unwrap();
    let direct =
        MethodComparison::build(&session, &encoded, patient, &MethodSettings::default()).unwrap();
    // Compared through `Debug`, where a missing value's `NaN` equals itself.
    assert!(format!("{comparison:?}") == format!("{:?}", ViewReply::MethodComparison(Ok(direct))));

    // The bound: a view's worth of numbers. The explained cohort itself (what the worker
    // keeps) is measured beside it.
    let cohort = encoded_len(&*session);
    for reply in [&report, &comparison] {
        let bytes = encoded_len(reply);
        assert!(bytes < 64 * 1024, "{bytes} bytes");
        assert!(
            bytes * 50 < cohort,
            "{bytes} bytes beside a cohort of {cohort}"
        );
        println!("answer: {bytes} bytes; the explained cohort: {cohort} bytes");
    }

    // The Cohort view's data, as its builders make it.
    use survlens_app::job::views::ViewError;
    use survlens_app::views::cohort_view::{
        CohortSummary, Discrimination, Population, RiskGroupCounts, RiskGroupSurvival, RiskGrouping,
    };
    assert_eq!(
        views.answer(generation, &ViewRequest::CohortSummary),
        Some(ViewReply::CohortSummary(
            CohortSummary::build(&session).map_err(ViewError::from)
        ))
    );
    assert_eq!(
        views.answer(generation, &ViewRequest::Discrimination),
        Some(ViewReply::Discrimination(
            Discrimination::build(&session, &Discrimination::page_bootstrap())
                .map_err(ViewError::from)
        ))
    );
    for grouping in RiskGrouping::ALL {
        for population in Population::ALL {
            let request = ViewRequest::RiskGroupSurvival {
                grouping,
                population,
            };
            let reply = views.answer(generation, &request).unwrap();
            assert_eq!(
                reply,
                ViewReply::RiskGroupSurvival(
                    RiskGroupSurvival::build(&session, grouping, population)
                        .map_err(ViewError::from)
                )
            );
            assert!(encoded_len(&reply) < 64 * 1024);
        }
    }
    assert_eq!(
        views.answer(generation, &ViewRequest::RiskGroupCounts),
        Some(ViewReply::RiskGroupCounts(RiskGroupCounts::build(&session)))
    );

    // The Markers view's data, the beeswarm and the heatmap in the study's ranking.
    use survlens_app::views::markers_view::{
        BEESWARM_MARKERS, Beeswarm, DependenceView, EntityHeatmap, HEATMAP_MARKERS, KeyMarkerView,
        MAX_DOTS,
    };
    let key = KeyMarkerView::build(&session, 0.9).unwrap();
    let ranking = key.ranking();
    assert_eq!(
        views.answer(generation, &ViewRequest::KeyMarkers { percent: 90 }),
        Some(ViewReply::KeyMarkers(Ok(key)))
    );
    let swarm = views.answer(generation, &ViewRequest::Beeswarm).unwrap();
    assert_eq!(
        swarm,
        ViewReply::Beeswarm(Ok(Beeswarm::build(
            &session,
            &ranking,
            BEESWARM_MARKERS,
            MAX_DOTS
        )
        .unwrap()))
    );
    assert_eq!(
        views.answer(generation, &ViewRequest::EntityHeatmap),
        Some(ViewReply::EntityHeatmap(Ok(EntityHeatmap::build(
            &session,
            &ranking,
            HEATMAP_MARKERS
        )
        .unwrap())))
    );
    let dependence = ViewRequest::Dependence {
        marker: ranking[0],
        colour: Some(ranking[1]),
    };
    let reply = views.answer(generation, &dependence).unwrap();
    assert_eq!(
        reply,
        ViewReply::Dependence(Ok(DependenceView::build(
            &session,
            ranking[0],
            Some(ranking[1]),
            MAX_DOTS
        )
        .unwrap()))
    );
    for reply in [&swarm, &reply] {
        let bytes = encoded_len(reply);
        assert!(
            bytes * 10 < cohort,
            "{bytes} bytes beside a cohort of {cohort}"
        );
        println!("answer: {bytes} bytes; the explained cohort: {cohort} bytes");
    }
    let unknown = ViewRequest::Dependence {
        marker: session.n_markers(),
        colour: None,
    };
    assert!(matches!(
        views.answer(generation, &unknown),
        Some(ViewReply::Dependence(Err(_)))
    ));

    // The Teaching view's data: the default model's cohort is synthetic, with its truth.
    use survlens_app::views::teaching::{TEACHING_TOP_K, compare_patient, fidelity};
    assert_eq!(
        views.answer(generation, &ViewRequest::Fidelity),
        Some(ViewReply::Fidelity(fidelity(&session).map(Box::new)))
    );
    assert!(matches!(
        views.answer(generation, &ViewRequest::Fidelity),
        Some(ViewReply::Fidelity(Some(_)))
    ));
    assert_eq!(
        views.answer(generation, &ViewRequest::TruthComparison { patient: 7 }),
        Some(ViewReply::TruthComparison(
            compare_patient(&session, 7, TEACHING_TOP_K).map(Box::new)
        ))
    );

    // A patient out of range is a sentence, not a panic.
    let out = views
        .answer(
            generation,
            &ViewRequest::MethodComparison {
                patient: session.n_patients(),
            },
        )
        .unwrap();
    assert!(matches!(out, ViewReply::MethodComparison(Err(_))));

    // A new cohort: answers about the earlier one are no longer given.
    let next = views.show(session);
    assert_eq!(next, 2);
    assert_eq!(views.answer(1, &ViewRequest::ModelReport), None);
    assert!(views.answer(2, &ViewRequest::ModelReport).is_some());
}

#[test]
fn the_page_keeps_answers_about_the_cohort_on_screen_only() {
    let session = session();
    let mut views = ViewServer::default();
    let mut state = AppState::default()
        .reduce(Action::JobStarted)
        .reduce(Action::Worker(Response::Preview(Box::new(
            session.summary(),
        ))));
    let generation = views.show(Arc::clone(&session));
    assert_eq!(state.generation, generation, "page and worker count alike");
    let answer = |views: &mut ViewServer, generation: u64, request: ViewRequest| {
        Response::View(Box::new(ViewAnswer {
            generation,
            reply: views.answer(generation, &request).unwrap(),
            request,
            lang: survlens_app::core::i18n::Lang::En,
            ms: 0.0,
        }))
    };
    let report = answer(&mut views, generation, ViewRequest::ModelReport);
    state = state.reduce(Action::Worker(report));
    assert!(state.view(&ViewRequest::ModelReport).is_some());
    // The last few answers of a kind are kept: the oldest patients' comparisons go first.
    let keep = survlens_app::job::state::ViewAnswers::PER_KIND;
    for patient in 0..keep + 2 {
        let reply = answer(
            &mut views,
            generation,
            ViewRequest::MethodComparison { patient },
        );
        state = state.reduce(Action::Worker(reply));
    }
    for patient in 0..keep + 2 {
        assert_eq!(
            state
                .view(&ViewRequest::MethodComparison { patient })
                .is_some(),
            patient >= 2,
            "patient {patient}"
        );
    }
    assert!(
        state.view(&ViewRequest::ModelReport).is_some(),
        "other kinds stay"
    );
    // While another patient's comparison is on its way, the last one of the kind stands in,
    // naming the patient it is about; other kinds never stand in for each other.
    let waiting = ViewRequest::MethodComparison { patient: 99 };
    let stand_in = state.views.current_or_last(&waiting).unwrap();
    assert_eq!(
        stand_in.request,
        ViewRequest::MethodComparison { patient: keep + 1 }
    );
    assert!(
        state
            .views
            .current_or_last(&ViewRequest::Beeswarm)
            .is_none()
    );
    // A late answer about an earlier cohort is not shown once the next one is on screen.
    let late = answer(&mut views, generation, ViewRequest::ModelReport);
    state = state.reduce(Action::Worker(Response::Preview(Box::new(
        session.summary(),
    ))));
    assert_eq!(state.generation, generation + 1);
    assert!(
        state.views.is_empty(),
        "a new cohort starts without answers"
    );
    state = state.reduce(Action::Worker(late));
    assert!(state.view(&ViewRequest::ModelReport).is_none());
}

/// Messages the worker may send the page: a view's worth of numbers. The explained cohort
/// of 2,000 patients is several times larger (asserted below), so a message that carried it
/// would break the bound.
const MESSAGE_BOUND: usize = 1024 * 1024;

/// Every message of an opening (the page's default model on 2,000 synthetic patients: load,
/// explain, search interactions) and of a walk through every view (each request kind, the
/// patient's report with and without a what-if edit, a few patients, the saved files) is
/// recorded through the worker and bounded in bytes.
#[test]
fn no_message_from_the_worker_carries_the_cohort() {
    let mut job = Job::new(JobSpec::pan_cancer_of(2_000));
    let mut worker = Worker::default();
    let mut sizes: Vec<(String, usize)> = Vec::new();
    let mut record = |response: &Response| {
        let name = match response {
            Response::View(a) => format!("{:?}", a.request)
                .split([' ', '{'])
                .next()
                .unwrap_or_default()
                .to_owned(),
            other => format!("{other:?}").chars().take(24).collect(),
        };
        sizes.push((name, encoded_len(response)));
    };
    let mut session = None;
    // Cohorts shown (previews): the first look at the first patient, then the whole cohort.
    let mut generation = 0;
    loop {
        let step = job.step();
        let first_look = matches!(step, Ok(JobStep::FirstLook(_)));
        if let Ok(JobStep::Explained(s)) = &step {
            session = Some(Arc::clone(s));
        }
        let report = worker.step(step, || 0.0);
        record(&report.response);
        if matches!(report.response, Response::Preview(_)) {
            generation += 1;
        }
        if first_look {
            // The page's walk during a first look: the one patient, recorded and edited.
            for request in common::every_view_request(0, 1) {
                if let Some(response) = worker.view(generation, request, || 0.0) {
                    record(&response);
                }
            }
        }
        if report.finished {
            assert!(matches!(report.response, Response::InteractionsFound));
            break;
        }
    }
    let session = session.unwrap();
    let cohort = encoded_len(&*session);
    assert!(
        cohort > 4 * MESSAGE_BOUND,
        "the bound is meaningful: the cohort is {cohort} bytes"
    );
    assert_eq!(generation, 2, "a first look, then the whole cohort");
    let n = session.n_patients();
    for patient in [session.first_patient(), 0, n / 2, n - 1] {
        for request in common::every_view_request(patient, 1) {
            let response = worker.view(generation, request, || 0.0).unwrap();
            record(&response);
        }
    }
    for query in ["", "1", "lung", "no such patient"] {
        let request = ViewRequest::PatientList {
            query: query.to_owned(),
        };
        record(&worker.view(generation, request, || 0.0).unwrap());
    }
    for export in [
        Export::RelevanceTable {
            explanation: Explanation::Study,
        },
        Export::RelevanceTable {
            explanation: Explanation::TypicalPatient {
                of: ReferenceGroup::Entity,
            },
        },
        Export::ModelFile,
    ] {
        let mut made = 0;
        let response = worker
            .export(generation, export, |file| {
                made = file.text.len();
                Ok("blob:made-in-the-worker".to_owned())
            })
            .unwrap();
        // The default model was not trained here: only the relevance table is made.
        assert_eq!(
            made > 0,
            matches!(export, Export::RelevanceTable { .. }),
            "{export:?}"
        );
        record(&response);
    }
    let largest = sizes.iter().max_by_key(|(_, b)| *b).unwrap();
    println!(
        "{} messages; the largest: {} ({} bytes); the explained cohort: {cohort} bytes",
        sizes.len(),
        largest.0,
        largest.1
    );
    for (name, bytes) in &sizes {
        assert!(*bytes < MESSAGE_BOUND, "{name}: {bytes} bytes");
    }
}
