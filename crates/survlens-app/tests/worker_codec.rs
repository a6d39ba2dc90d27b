//! Everything the worker sends the page survives the worker's codec (yew-agent's default:
//! bincode 2 with its standard configuration), which is not self-describing: a field that
//! serde skips when empty, or an internally tagged enum, decodes into garbage or fails, and
//! a failed decode panics the page. The demo session (a network trained in the page, with
//! its training record) and the page's opening (the default model from its file) both round
//! trip exactly, and so does every message of the teaching cohort's job.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use survlens_app::core::session::Session;
use survlens_app::job::pipeline::{Job, JobStep};
use survlens_app::job::protocol::Response;
use survlens_app::job::views::Export;
use survlens_app::job::worker::Worker;
use survlens_app::sources::spec::JobSpec;
use survlens_app::views::patient_reference::{Explanation, ReferenceGroup};

/// Encodes, decodes and checks that nothing changed: every byte read back, the same bytes
/// written again, and the same value (compared through `Debug`, where a missing value's
/// `NaN` equals itself).
fn check_round_trip(session: &Session) {
    let config = bincode::config::standard();
    let bytes = bincode::serde::encode_to_vec(session, config).unwrap();
    let (back, read): (Session, usize) = bincode::serde::decode_from_slice(&bytes, config).unwrap();
    assert_eq!(read, bytes.len(), "every byte is read back");
    assert!(bincode::serde::encode_to_vec(&back, config).unwrap() == bytes);
    assert!(
        format!("{back:?}") == format!("{session:?}"),
        "the session changed"
    );
}

#[test]
fn a_session_trained_in_the_page_crosses_the_worker_codec() {
    let session = common::demo_session();
    check_round_trip(session);
}

#[test]
fn a_session_of_the_auto_recipe_crosses_the_worker_codec() {
    let mut spec = JobSpec::demo();
    spec.source = match spec.source {
        survlens_app::sources::spec::CohortSource::Synthetic(mut c) => {
            c.n_patients = 300;
            survlens_app::sources::spec::CohortSource::Synthetic(c)
        }
        other => other,
    };
    let mut job = Job::new(spec);
    let session = loop {
        match job.step() {
            Ok(JobStep::Done(done)) => break done.into_session(),
            Ok(JobStep::Progress(_) | JobStep::FirstLook(_) | JobStep::Explained(_)) => {}
            Err(e) => panic!("auto job failed: {e}"),
        }
    };
    assert!(
        session.model.auto.is_some(),
        "the demo trains with the auto recipe"
    );
    check_round_trip(&session);
}

fn round_trip(response: &Response) {
    let config = bincode::config::standard();
    let bytes = bincode::serde::encode_to_vec(response, config).unwrap();
    let (back, read): (Response, usize) = bincode::serde::decode_from_slice(&bytes, config)
        .unwrap_or_else(|e| panic!("{} does not read back: {e}", kind(response)));
    assert_eq!(read, bytes.len(), "{}", kind(response));
    assert_eq!(
        bincode::serde::encode_to_vec(&back, config).unwrap(),
        bytes,
        "{}",
        kind(response)
    );
}

fn kind(response: &Response) -> &'static str {
    match response {
        Response::Stage(_) => "Stage",
        Response::Progress { .. } => "Progress",
        Response::Epoch { .. } => "Epoch",
        Response::Preview(_) => "Preview",
        Response::InteractionsFound => "InteractionsFound",
        Response::Cancelled => "Cancelled",
        Response::Failed(_) => "Failed",
        Response::Rejected(_) => "Rejected",
        Response::View(_) => "View",
        Response::Saved { .. } => "Saved",
        Response::FhirRead(_) => "FhirRead",
    }
}

#[test]
fn every_message_of_the_teaching_job_reads_back() {
    let mut job = Job::new(JobSpec::demo());
    let mut worker = Worker::default();
    let mut seen = std::collections::BTreeSet::new();
    loop {
        let report = worker.step(job.step(), || 0.0);
        if seen.insert(kind(&report.response)) || matches!(report.response, Response::Preview(_)) {
            round_trip(&report.response);
        }
        if report.finished {
            break;
        }
    }
    assert!(seen.contains("Preview"));
    assert!(
        seen.contains("InteractionsFound"),
        "the job ended: {seen:?}"
    );
    // The views' answers about the same cohort, each kind of request once, and the files.
    for request in common::every_view_request(0, 1) {
        round_trip(&worker.view(1, request, || 0.0).unwrap());
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
        round_trip(
            &worker
                .export(1, export, |file| Ok(format!("blob:{}", file.name)))
                .unwrap(),
        );
    }
}

#[test]
fn a_fhir_export_s_request_and_its_report_read_back() {
    use survlens_app::job::protocol::Request;
    use survlens_app::sources::fhir_source::{FhirExport, FhirFile};
    use survlens_app::sources::spec::ModelSource;

    let cohort = survlens_synth::generate(&survlens_synth::SynthConfig {
        n_patients: 10,
        seed: 9,
        preset: survlens_synth::Preset::PanCancer,
    })
    .unwrap();
    let files = survlens_fhir::export::export(
        &cohort,
        &survlens_fhir::Catalogue::standard().unwrap(),
        survlens_fhir::export::Layout::BundlePerPatient,
    )
    .into_iter()
    .map(|f| FhirFile {
        name: f.name,
        bytes: f.text.into_bytes(),
    })
    .collect();
    let export = FhirExport {
        files,
        index_date: "2030-01-01".to_owned(),
    };
    let spec = export.job_spec(ModelSource::Default).unwrap();

    // The request carries the files' bytes and the index date.
    let config = bincode::config::standard();
    let request = Request::Run(spec.clone());
    let bytes = bincode::serde::encode_to_vec(&request, config).unwrap();
    let (back, _): (Request, usize) = bincode::serde::decode_from_slice(&bytes, config).unwrap();
    assert_eq!(back, request);

    let mut job = Job::new(spec);
    let mut worker = Worker::default();
    let mut seen = std::collections::BTreeSet::new();
    loop {
        let report = worker.step(job.step(), || 0.0);
        if seen.insert(kind(&report.response)) {
            round_trip(&report.response);
        }
        if report.finished {
            break;
        }
    }
    assert!(
        seen.contains("FhirRead") && seen.contains("InteractionsFound"),
        "{seen:?}"
    );

    // A refused export: its report is the job's last message.
    let empty = FhirExport {
        files: vec![FhirFile {
            name: "empty.ndjson".to_owned(),
            bytes: b"{}\n".to_vec(),
        }],
        index_date: String::new(),
    };
    let report = worker.step(
        Job::new(empty.job_spec(ModelSource::Default).unwrap()).step(),
        || 0.0,
    );
    assert!(report.finished);
    assert!(matches!(&report.response, Response::FhirRead(r) if r.refused.is_some()));
    round_trip(&report.response);
}
