//! The worker speaks the page's language: after `Request::Language(De)` its stages and its
//! answers are German (the Patient view's report: sentences, marker names from the marker
//! dictionary's German names, the decimal comma), each answer names its language, and the
//! page's state asks again for what it shows after a switch and ignores a late answer in
//! the language it left.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::sync::Arc;

use survlens_app::core::i18n::Lang;
use survlens_app::core::session::Session;
use survlens_app::job::pipeline::{Job, JobStep};
use survlens_app::job::protocol::Response;
use survlens_app::job::state::{Action, AppState};
use survlens_app::job::views::{ViewAnswer, ViewReply, ViewRequest};
use survlens_app::job::worker::Worker;
use survlens_app::sources::spec::JobSpec;
use survlens_app::views::patient_report::PatientReport;
use survlens_app::views::patient_waterfall::StepKind;
use survlens_app::views::whatif::Edits;

const PATIENTS: usize = 600;

/// The default model's job on `PATIENTS` synthetic pan-cancer patients, run through a
/// worker told `lang` first, as the page does: the stages it reported and the worker with
/// the whole cohort on screen.
fn opened_in(lang: Lang) -> (Vec<String>, Worker, Arc<Session>) {
    let mut worker = Worker::default();
    worker.set_language(lang);
    let mut job = Job::new(JobSpec::pan_cancer_of(PATIENTS));
    job.set_language(worker.language());
    let mut stages = Vec::new();
    loop {
        let step = job.step();
        let whole = match &step {
            Ok(JobStep::Explained(s)) => Some(Arc::clone(s)),
            _ => None,
        };
        let report = worker.step(step, || 0.0);
        match report.response {
            Response::Stage(s) | Response::Progress { stage: s, .. } => stages.push(s),
            Response::Preview(_) => {}
            other => panic!("unexpected message {other:?}"),
        }
        if let Some(whole) = whole {
            return (stages, worker, whole);
        }
    }
}

fn patient_request(patient: usize) -> ViewRequest {
    ViewRequest::Patient {
        patient,
        edits: Edits::default(),
        explanation: survlens_app::views::patient_reference::Explanation::Study,
    }
}

fn report_of(worker: &mut Worker, patient: usize) -> (Lang, Box<PatientReport>) {
    // The first look and the whole cohort: two generations.
    let answer = worker.view(2, patient_request(patient), || 0.0).unwrap();
    let Response::View(answer) = answer else {
        panic!("a view's answer");
    };
    let ViewAnswer { reply, lang, .. } = *answer;
    let ViewReply::Patient(Some(report)) = reply else {
        panic!("the patient's report");
    };
    (lang, report)
}

/// Every sentence of a report the page shows as the worker wrote it.
fn sentences(report: &PatientReport) -> Vec<String> {
    let mut out = vec![
        report.risk_note.clone(),
        report.explanation_note.clone(),
        report.waterfall.axis_label(),
        report.view.group.label_in(Lang::De),
    ];
    out.extend(report.limits.iter().map(|l| l.sentence_in(Lang::De)));
    out.extend(report.waterfall.steps.iter().map(|s| s.label_in(Lang::De)));
    if let Some(f) = &report.figures {
        out.extend(f.horizons.iter().map(|h| h.predicted_text_in(Lang::De)));
        out.push(f.median_text_in(Lang::De));
    }
    out
}

/// English words that no German sentence of the report holds (marker names aside, which
/// the dictionary's German names replace).
const ENGLISH: [&str; 12] = [
    " the ",
    "The ",
    " and ",
    " of ",
    " is ",
    "Groups",
    "held-out",
    "contributions",
    "missing",
    "months",
    "from 0",
    "risk score",
];

#[test]
fn after_language_de_the_patient_report_is_german() {
    let (stages, mut worker, session) = opened_in(Lang::De);
    assert!(
        stages
            .iter()
            .any(|s| s.starts_with("Alle Patientinnen und Patienten werden erklärt")),
        "{stages:?}"
    );
    assert!(stages.iter().all(|s| !s.contains(" of ")), "{stages:?}");
    let (lang, report) = report_of(&mut worker, 0);
    assert_eq!(lang, Lang::De, "the answer names its language");
    let text = sentences(&report);
    for sentence in &text {
        for word in ENGLISH {
            assert!(!sentence.contains(word), "{word:?} in {sentence:?}");
        }
    }
    // Known German words, and the C-index with a decimal comma.
    assert!(
        report
            .risk_note
            .starts_with("Die Gruppen dienen der Übersicht: Die Grenzen "),
        "{}",
        report.risk_note
    );
    let c = Lang::De.decimal(session.test_cindex, 3);
    assert!(c.contains(','), "{c}");
    assert!(
        report.risk_note.ends_with(&format!(
            "C-Index des Modells bei zurückgehaltenen Patienten: {c} (Harrell)."
        )),
        "{}",
        report.risk_note
    );
    assert!(
        report
            .explanation_note
            .starts_with("Ab der Baseline-Hazard-Funktion (die LRP der Studie)")
    );
    assert!(
        report
            .explanation_note
            .contains("Die Beiträge der Marker ergeben zusammen")
    );
    assert_eq!(
        report.waterfall.axis_label(),
        "Log-Risiko, ab 0 (die Baseline-Hazard-Funktion)"
    );
    // The marker names are the dictionary's German names.
    let dictionary =
        survlens_synth::Dictionary::for_preset(survlens_synth::Preset::PanCancer).unwrap();
    let mut german_names = 0;
    for c in &report.view.top {
        let spec = dictionary.by_id(&session.markers[c.marker].id);
        if let Some(spec) = spec {
            assert_eq!(c.name, spec.name_de);
            german_names += usize::from(spec.name_de != spec.name);
        }
        // A number in a German value has a decimal comma, never a point.
        assert!(!c.value_text.contains('.'), "{}", c.value_text);
    }
    assert!(
        german_names > 0,
        "some top marker has a German name of its own"
    );
    // The patient's cancer entity by its German name.
    let entity = survlens_synth::entities(survlens_synth::Preset::PanCancer)
        .into_iter()
        .find(|e| e.name == session.entities[session.entity_of[0] as usize])
        .unwrap();
    assert_eq!(report.view.entity, entity.name_de);
    let marker_step = report
        .waterfall
        .steps
        .iter()
        .find(|s| matches!(s.kind, StepKind::Marker(_)))
        .unwrap();
    assert!(marker_step.label_in(Lang::De).contains(" = "));
    for field in &report.fields {
        let spec = dictionary.by_id(&session.markers[field.marker].id);
        if let Some(spec) = spec {
            assert_eq!(field.name, spec.name_de);
        }
    }
}

#[test]
fn the_worker_switches_language_between_answers() {
    let (_, mut worker, _) = opened_in(Lang::En);
    let (lang, english) = report_of(&mut worker, 3);
    assert_eq!(lang, Lang::En);
    assert!(
        english
            .risk_note
            .contains("Model C-index on held-out patients: 0.")
    );
    worker.set_language(Lang::De);
    let (lang, german) = report_of(&mut worker, 3);
    assert_eq!(lang, Lang::De);
    assert!(german.risk_note.contains("C-Index des Modells"));
    // The same figures, only the words differ.
    assert_eq!(english.view.risk, german.view.risk);
    assert_eq!(english.view.top.len(), german.view.top.len());
    worker.set_language(Lang::En);
    let (_, again) = report_of(&mut worker, 3);
    assert_eq!(again.risk_note, english.risk_note);
    assert_eq!(again.explanation_note, english.explanation_note);
}

#[test]
fn the_page_asks_again_after_a_switch_and_ignores_the_language_it_left() {
    let (_, mut worker, session) = opened_in(Lang::En);
    let request = patient_request(1);
    let answer_in = |worker: &mut Worker, lang: Lang| {
        worker.set_language(lang);
        worker.view(2, request.clone(), || 0.0).unwrap()
    };
    let english = answer_in(&mut worker, Lang::En);
    let german = answer_in(&mut worker, Lang::De);
    let mut state = AppState::default().reduce(Action::Language(Lang::En));
    for summary in [session.summary(), session.summary()] {
        state = state.reduce(Action::Worker(Response::Preview(Box::new(summary))));
    }
    assert_eq!(state.generation, 2);
    state = state.reduce(Action::Worker(english.clone()));
    assert!(state.views.contains(&request));
    // The switch: the English answer stays on screen until its translation comes, but
    // counts as not answered, so the view asks again.
    state = state.reduce(Action::Language(Lang::De));
    assert!(!state.views.contains(&request));
    assert_eq!(state.view(&request).unwrap().lang, Lang::En);
    // A late English answer is ignored; the German one is kept.
    state = state.reduce(Action::Worker(english));
    assert!(!state.views.contains(&request));
    state = state.reduce(Action::Worker(german));
    assert!(state.views.contains(&request));
    assert_eq!(state.view(&request).unwrap().lang, Lang::De);
    // The stage lines the page writes itself follow the language too.
    let started = state.reduce(Action::JobStarted);
    assert_eq!(
        started.job,
        survlens_app::job::state::JobStatus::Running {
            stage: "Wird gestartet".to_owned(),
            epochs: Vec::new(),
            max_epochs: 0,
            progress: None,
        }
    );
}

#[test]
fn the_cohort_views_names_are_german() {
    use survlens_app::views::cohort_view::{Population, RiskGrouping};
    let (_, mut worker, session) = opened_in(Lang::De);
    let mut reply = |request: ViewRequest| {
        let Some(Response::View(answer)) = worker.view(2, request, || 0.0) else {
            panic!("a view's answer");
        };
        assert_eq!(answer.lang, Lang::De);
        answer.reply
    };
    let ViewReply::RiskGroupSurvival(Ok(curves)) = reply(ViewRequest::RiskGroupSurvival {
        grouping: RiskGrouping::Tertiles,
        population: Population::HeldOut,
    }) else {
        panic!("the risk groups' curves");
    };
    let labels: Vec<&str> = curves.groups.iter().map(|g| g.label.as_str()).collect();
    assert_eq!(
        labels,
        ["Unteres Drittel", "Mittleres Drittel", "Oberes Drittel"]
    );
    let ViewReply::Discrimination(Ok(d)) = reply(ViewRequest::Discrimination) else {
        panic!("the C-indices");
    };
    assert_eq!(d.overall.label, "Alle zurückgehaltenen Patienten");
    let ViewReply::CohortSummary(Ok(summary)) = reply(ViewRequest::CohortSummary) else {
        panic!("the cohort's summary");
    };
    let german: Vec<&str> = survlens_synth::entities(survlens_synth::Preset::PanCancer)
        .iter()
        .map(|e| e.name_de)
        .collect();
    assert!(!summary.entities.is_empty());
    for e in &summary.entities {
        assert!(german.contains(&e.name.as_str()), "{}", e.name);
    }
    assert!(summary.missingness.iter().any(|m| m.modality == "Labor"));
    assert_eq!(session.entities.len(), german.len());
}
