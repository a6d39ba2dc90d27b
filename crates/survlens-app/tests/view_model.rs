//! The view-model against the demo job's own numbers: what each view shows must agree with
//! the explained cohort it is built from.

// Test helpers outside `#[test]` functions fail loudly by design.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

mod common;

use std::sync::Arc;

use survlens_app::core::session::Session;
use survlens_app::job::pipeline::{Job, JobStep, PipelineError};
use survlens_app::job::protocol::{Failure, Response};
use survlens_app::job::state::{Action, AppState, JobStatus};
use survlens_app::job::views::{ViewAnswer, ViewReply, ViewRequest, ViewServer};
use survlens_app::job::worker::Worker;
use survlens_app::sources::spec::{CohortSource, JobSpec, ModelSource};
use survlens_app::views::interactions_view::Method;
use survlens_app::views::patient::{Direction, PatientView, RiskGroup};
use survlens_app::views::patient_list::patient_rows;
use survlens_app::views::whatif::WhatIf;
use survlens_model::recipe::Recipe;

use common::{demo_job, demo_session as session};

#[test]
fn patient_view_partitions_the_relevances() {
    let s = session();
    for i in [0, 17, s.n_patients() - 1] {
        let v = PatientView::build(s, i, 5).unwrap();
        let top_sum: f32 = v.top.iter().map(|c| c.relevance).sum();
        // Top bars plus "all others" are the patient's marker relevances, summed in another
        // order: f32 rounding only.
        assert!((top_sum + v.others - v.accounting.relevance_sum).abs() < 1e-4);
        assert_eq!(v.top.len() + v.n_others, s.n_markers());
        assert!(
            v.top
                .windows(2)
                .all(|w| w[0].relevance.abs() >= w[1].relevance.abs())
        );
        for c in &v.top {
            let want = if c.relevance >= 0.0 {
                Direction::RaisesRisk
            } else {
                Direction::LowersRisk
            };
            assert_eq!(c.direction, want);
        }
        assert!(v.percentile > 0.0 && v.percentile <= 100.0);
        assert_eq!(v.group, RiskGroup::of(s.risk[i], s.risk_cutoffs));
    }
    assert!(PatientView::build(s, s.n_patients(), 5).is_none());
}

#[test]
fn risk_cutoffs_split_the_training_patients_in_thirds() {
    let s = session();
    let train: Vec<f32> = (0..s.n_patients())
        .filter(|&i| !s.held_out[i])
        .map(|i| s.risk[i])
        .collect();
    let low = train
        .iter()
        .filter(|&&r| RiskGroup::of(r, s.risk_cutoffs) == RiskGroup::Low)
        .count();
    let high = train
        .iter()
        .filter(|&&r| RiskGroup::of(r, s.risk_cutoffs) == RiskGroup::High)
        .count();
    let third = train.len() as f64 / 3.0;
    // Quantile cut-offs: each group within one patient of a third (ties aside).
    assert!(
        (low as f64 - third).abs() <= 1.5,
        "{low} of {}",
        train.len()
    );
    assert!(
        (high as f64 - third).abs() <= 1.5,
        "{high} of {}",
        train.len()
    );
}

#[test]
fn what_if_with_unchanged_values_reproduces_the_cohort_explanation() {
    let s = session();
    let mut engine = WhatIf::new(s).unwrap();
    for i in [0, 5, 123] {
        let scenario = engine.evaluate(s, s.values_of(i)).unwrap();
        // Same encoder, same network; the batch and single-patient LRP paths differ only in
        // summation order (f32).
        assert!(
            (scenario.risk - s.risk[i]).abs() < 1e-4,
            "{} vs {}",
            scenario.risk,
            s.risk[i]
        );
        for (a, b) in scenario.relevance.iter().zip(s.relevance_of(i)) {
            assert!((a - b).abs() < 1e-4, "{a} vs {b}");
        }
    }
}

#[test]
fn what_if_responds_to_an_edit() {
    let s = session();
    let mut engine = WhatIf::new(s).unwrap();
    let j = s
        .markers
        .iter()
        .position(|m| m.id.contains("ecog"))
        .expect("teaching cohort has ECOG");
    let mut values = s.values_of(0).to_vec();
    let levels = s.markers[j].levels.len() as f32;
    values[j] = 0.0;
    let best = engine.evaluate(s, &values).unwrap();
    values[j] = levels - 1.0;
    let worst = engine.evaluate(s, &values).unwrap();
    // The teaching cohort plants a strong harmful effect of poor performance status.
    assert!(
        worst.risk > best.risk,
        "ECOG worst {} vs best {}",
        worst.risk,
        best.risk
    );
    assert!(worst.relevance[j] > best.relevance[j]);
}

#[test]
fn patient_search_filters_and_sorts_by_risk() {
    let s = session();
    let (all, total) = patient_rows(s, "", 1000);
    assert_eq!(total, s.n_patients());
    assert!(all.windows(2).all(|w| w[0].risk >= w[1].risk));
    let entity = s.entities[s.entity_of[0] as usize].to_lowercase();
    let (rows, n) = patient_rows(s, &entity.to_uppercase(), 10);
    assert!(n > 0 && rows.len() <= 10);
    assert!(rows.iter().all(|r| r.entity.to_lowercase() == entity));
    // The same entity found by its German name, as a German page's user types it.
    let english = &s.entities[s.entity_of[0] as usize];
    let german =
        survlens_app::core::session::entity_name_in(english, survlens_app::core::i18n::Lang::De);
    assert_ne!(&german, english, "the demo's entities have German names");
    let (by_german, m) = patient_rows(s, &german.to_lowercase(), 10);
    assert_eq!(m, n);
    assert_eq!(by_german, rows);
    let (none, zero) = patient_rows(s, "no such patient", 10);
    assert!(none.is_empty() && zero == 0);
}

#[test]
fn reducer_keeps_the_cohort_when_a_job_is_cancelled_or_fails() {
    let s = session().clone();
    let state = shown(s.clone());
    assert_eq!(state.job, JobStatus::Idle);
    let selected = state.selected;
    assert!(
        s.held_out[selected],
        "the first patient shown is a held-out one"
    );

    let cancelled = state
        .reduce(Action::JobStarted)
        .reduce(Action::Worker(Response::Cancelled));
    assert_eq!(cancelled.job, JobStatus::Cancelled);
    assert_eq!(cancelled.session, state.session);

    let boom = Failure::with("boom", |_| "the job broke".to_owned());
    let failed = state.reduce(Action::Worker(Response::Failed(boom.clone())));
    assert_eq!(failed.session, state.session);
    assert_eq!(failed.job, JobStatus::Failed(boom));

    // Out-of-range selections are ignored rather than stored.
    let kept = state.reduce(Action::SelectPatient(s.n_patients()));
    assert_eq!(kept.selected, selected);

    // A session that breaks its shape invariants is refused by the worker with a message,
    // which leaves the cohort on screen.
    let mut broken = s;
    broken.risk.pop();
    let report = Worker::default().step(Ok(JobStep::Explained(Arc::new(broken))), || 0.0);
    assert!(report.finished);
    let refused = state.reduce(Action::Worker(report.response));
    match &refused.job {
        JobStatus::Failed(f) => assert_eq!(f.code, "session_length", "{f}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(refused.session, state.session);
}

#[test]
fn progress_fraction_follows_the_epochs() {
    let mut state = AppState::default().reduce(Action::JobStarted);
    assert_eq!(state.job.fraction(), Some(0.0));
    let line = survlens_app::core::session::EpochLine {
        epoch: 1,
        train_loss: 1.0,
        validation_loss: 1.0,
        validation_cindex: 0.5,
    };
    state = state.reduce(Action::Worker(Response::Epoch {
        line,
        max_epochs: 4,
    }));
    assert_eq!(state.job.fraction(), Some(0.25));
}

fn run(spec: JobSpec) -> Result<Session, PipelineError> {
    let mut job = Job::new(spec);
    loop {
        match job.step()? {
            JobStep::Done(done) => return Ok(done.into_session()),
            JobStep::Progress(_) | JobStep::FirstLook(_) | JobStep::Explained(_) => {}
        }
    }
}

#[test]
fn a_csv_cohort_is_trained_and_explained_like_the_demo() {
    use survlens_data::ColumnRoles;
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/rotterdam.csv"
    ))
    .unwrap();
    let mut training = JobSpec::small_cohort_training();
    training.epochs_per_stage = 3;
    let spec = JobSpec {
        source: CohortSource::Csv {
            file_name: "rotterdam.csv".into(),
            bytes,
            roles: ColumnRoles::new("time", "event").with_id("pid"),
            days_per_time_unit: 30.4375,
            missing_codes: Default::default(),
            labels: Vec::new(),
        },
        model: ModelSource::Train,
        recipe: Recipe::Study,
        training,
        folds: 5,
    };
    let s = run(spec).unwrap();
    s.check_shapes().unwrap();
    assert_eq!(s.n_patients(), 2982);
    assert!(s.truth.is_none(), "a real cohort has no planted truth");
    // Months were converted to days: Rotterdam's longest follow-up is about 19 years.
    let longest = s.time.iter().copied().fold(0.0, f64::max);
    assert!((6000.0..8000.0).contains(&longest), "{longest} days");
    assert!(s.markers.iter().any(|m| m.id == "num_nodes"));
    // Nodes and grade are strongly prognostic in Rotterdam: even a short training ranks
    // held-out patients clearly better than chance.
    assert!(s.test_cindex > 0.6, "held-out C {}", s.test_cindex);
}

#[test]
fn a_bad_csv_fails_with_every_problem_located() {
    use survlens_data::ColumnRoles;
    let bytes = b"pid,time,event,age\n1,10,1,50\n2,-3,0,60\n3,12,2,70\n".to_vec();
    let spec = JobSpec {
        source: CohortSource::Csv {
            file_name: "clinic.csv".into(),
            bytes,
            roles: ColumnRoles::new("time", "event").with_id("pid"),
            days_per_time_unit: 1.0,
            missing_codes: Default::default(),
            labels: Vec::new(),
        },
        ..JobSpec::demo()
    };
    let message = run(spec).expect_err("the file is refused").to_string();
    assert!(message.contains("clinic.csv"), "{message}");
    assert!(
        message.contains("row 3") && message.contains("time"),
        "{message}"
    );
    assert!(
        message.contains("row 4") && message.contains("event"),
        "{message}"
    );
}

#[test]
fn a_stored_model_explains_a_new_cohort_without_training() {
    use survlens_synth::{Preset, SynthConfig};
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../web/models/default.json"
    ))
    .unwrap();
    let spec = JobSpec {
        // Patients the default model never saw (another seed), few of them to stay fast.
        source: CohortSource::Synthetic(SynthConfig {
            n_patients: 300,
            seed: 77,
            preset: Preset::PanCancer,
        }),
        model: ModelSource::File {
            file_name: "default.json".into(),
            bytes: bytes.clone(),
        },
        ..JobSpec::demo()
    };
    let s = run(spec).unwrap();
    s.check_shapes().unwrap();
    assert!(s.history.is_empty(), "nothing was trained");
    assert!(
        s.held_out.iter().all(|&h| h),
        "every patient of a new cohort is held out"
    );
    // The session's risks are the stored network's predictions on the stored encoding.
    let bundle = survlens_model::bundle::ModelBundle::from_slice(&bytes).unwrap();
    let cohort = survlens_synth::generate(&SynthConfig {
        n_patients: 300,
        seed: 77,
        preset: Preset::PanCancer,
    })
    .unwrap()
    .to_cohort()
    .unwrap();
    let x = bundle
        .encoder()
        .transform(cohort.view())
        .unwrap()
        .design
        .into_vec();
    let want = bundle.network().predict(&x, 300);
    for (a, b) in s.risk.iter().zip(&want) {
        // LRP's own forward pass and the network's differ in summation order only.
        assert!((a - b).abs() < 1e-4, "{a} vs {b}");
    }
    // The stored model ranks new synthetic patients about as well as its own test half.
    assert!(s.test_cindex > 0.68, "C on new patients {}", s.test_cindex);
    // A cohort without the model's markers is refused with the file named.
    let spec = JobSpec {
        model: ModelSource::File {
            file_name: "default.json".into(),
            bytes,
        },
        ..JobSpec::demo()
    };
    let message = run(spec)
        .expect_err("teaching markers are not the model's")
        .to_string();
    assert!(
        message.contains("default.json") && message.contains("lacks"),
        "{message}"
    );
}

#[test]
fn the_page_shows_the_cohort_before_its_interactions_arrive() {
    let s = session().clone();
    let state = AppState::default()
        .reduce(Action::JobStarted)
        .reduce(Action::Worker(Response::Preview(Box::new(s.summary()))));
    assert!(
        matches!(state.job, JobStatus::Running { .. }),
        "still finding interactions"
    );
    assert!(!state.interactions_found);
    let shown = state.session.clone().expect("the cohort is on screen");
    // An answer given while the search ran says so; it is dropped when the search ends, so
    // the view asks again.
    let generation = state.generation;
    let request = ViewRequest::Interactions {
        method: Method::Confirmed,
    };
    let mut views = ViewServer::default();
    views.show(Arc::new(session().clone()));
    let early = views.answer(generation, &request).unwrap();
    assert!(matches!(&early, ViewReply::Interactions(o) if !o.searched));
    let state = state.reduce(Action::Worker(Response::View(Box::new(ViewAnswer {
        generation,
        request: request.clone(),
        reply: early,
        lang: survlens_app::core::i18n::Lang::En,
        ms: 0.0,
    }))));
    assert!(state.view(&request).is_some());
    let chosen = state.reduce(Action::SelectPatient(3));
    let done = chosen.reduce(Action::Worker(Response::InteractionsFound));
    assert_eq!(done.job, JobStatus::Idle);
    assert!(done.interactions_found);
    assert_eq!(done.selected, 3, "the selection survives");
    assert!(done.view(&request).is_none(), "asked again");
    // The cohort on screen stays, not copied.
    assert_eq!(done.session.expect("still shown"), shown);
    // The worker's answer now holds the search's results.
    views.found(demo_job().interactions.clone());
    match views.answer(generation, &request).unwrap() {
        ViewReply::Interactions(o) => {
            assert!(o.searched);
            assert_eq!(
                o.confirmed.is_some(),
                demo_job().interactions.confirmed().is_some()
            );
        }
        other => panic!("{other:?}"),
    }
}

/// The page after a whole job: the cohort previewed, then its interactions.
fn shown(session: Session) -> AppState {
    AppState::default()
        .reduce(Action::JobStarted)
        .reduce(Action::Worker(Response::Preview(Box::new(
            session.summary(),
        ))))
        .reduce(Action::Worker(Response::InteractionsFound))
}

/// The page's demo as it runs by default: the `auto` recipe trains, the baseline is
/// recalibrated on out-of-fold risks, the choice is recorded and travels in the model file,
/// and every view judges the model on the same held-out patients.
#[test]
fn the_demo_trains_with_the_auto_recipe_and_records_its_choice() {
    use survlens_app::core::origin::ModelOrigin;
    use survlens_app::sources::model_file::export_bundle;
    use survlens_app::views::model_view::{MetricSettings, ModelReport};

    let spec = JobSpec::demo();
    assert_eq!(spec.recipe, Recipe::Auto);
    let s = run(spec).unwrap();
    let choice = s
        .model
        .auto
        .as_ref()
        .expect("the auto recipe records its choice");
    assert!(choice.chosen < choice.scores.len());
    assert!(choice.calibration.slope > 0.0);
    // The baseline carries the slope it was recalibrated with.
    let slope = choice
        .calibration
        .slope
        .max(survlens_model::recipe::MIN_SLOPE);
    assert!((s.model.baseline.slope() - slope).abs() < 1e-12);
    // Held out: exactly the test patients, and the patient view's C is theirs.
    let held_out = s.held_out.iter().filter(|&&h| h).count();
    assert!(held_out > 0 && held_out < s.n_patients());
    let report = ModelReport::build(&s, &MetricSettings::default());
    let c = report.metrics.harrell_c.value().unwrap();
    assert!(
        (c - s.test_cindex).abs() < 1e-12,
        "{c} vs {}",
        s.test_cindex
    );
    // The baselines were fitted on the same training patients and judged on the same
    // held-out ones.
    assert_eq!(report.baselines.len(), 2);
    assert!(report.recipe.is_some());
    // Exported, the model file names its recipe and choice.
    let ModelOrigin::Trained(_) = &s.origin else {
        panic!("trained in the job")
    };
    let bundle = export_bundle(&s).unwrap();
    assert_eq!(bundle.recipe(), Recipe::Auto);
    assert_eq!(bundle.auto_choice(), Some(choice));
    assert!((bundle.baseline().slope() - slope).abs() < 1e-12);
}
