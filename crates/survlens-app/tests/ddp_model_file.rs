//! The page explains a network trained with PyTorch DistributedDataParallel like one of its
//! own, once `survlens import-onnx` (here its library call) has made it a model file: the
//! GBSG2 fixture of tests/fixtures/ddp/ (tools/ddp/fixture.sh: the study's network, two
//! gloo processes, PyTorch 2.15.0) opened through the Data panel's model-file path on the
//! cohort file it was trained on.

// Test helpers outside `#[test]` functions fail loudly by design.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::collections::HashMap;

use survlens_app::core::origin::ModelOrigin;
use survlens_app::core::session::Session;
use survlens_app::job::pipeline::{Job, JobStep};
use survlens_app::sources::model_file::{ModelFile, ModelFileKind};
use survlens_app::sources::spec::{CohortSource, JobSpec, ModelSource};
use survlens_data::{ColumnRoles, ImportOptions, MissingCodes, import_csv};
use survlens_model::bundle::ModelBundle;
use survlens_model::external::{EncodingFile, TrainingRecord, bundle_external};
use survlens_xai::import_onnx;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../");

fn read(relative: &str) -> Vec<u8> {
    std::fs::read(format!("{ROOT}{relative}")).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// The model file `survlens import-onnx` writes for the fixture.
fn model_file() -> String {
    let onnx = import_onnx(&read("tests/fixtures/ddp/gbsg2_ddp.onnx")).unwrap();
    let record =
        TrainingRecord::from_json(onnx.metadata_value("survlens.training").unwrap()).unwrap();
    let encoding =
        EncodingFile::from_slice(&read("tests/fixtures/ddp/gbsg2_encoding.json")).unwrap();
    let c = &encoding.columns;
    let mut roles = ColumnRoles::new(&c.time, &c.event);
    roles.id = c.id.clone();
    roles.markers = Some(
        encoding
            .encoder
            .markers()
            .iter()
            .map(|m| m.name.clone())
            .collect(),
    );
    roles.kinds = encoding.encoder.marker_kinds();
    let cohort = import_csv(
        &read("data/gbsg2.csv"),
        "gbsg2.csv",
        &roles,
        &ImportOptions::default(),
    )
    .unwrap()
    .cohort;
    bundle_external(&cohort, &encoding, onnx.net, &record, &onnx.producer, 3)
        .unwrap()
        .to_json()
        .unwrap()
}

/// PyTorch's log-risk per patient id.
fn torch_log_risk() -> HashMap<String, f64> {
    let doc: serde_json::Value =
        serde_json::from_slice(&read("tests/fixtures/ddp/gbsg2_torch_log_risk.json")).unwrap();
    let ids = doc["ids"].as_array().unwrap();
    let risk = doc["log_risk"].as_array().unwrap();
    ids.iter()
        .zip(risk)
        .map(|(i, r)| (i.as_str().unwrap().to_owned(), r.as_f64().unwrap()))
        .collect()
}

fn run(spec: JobSpec) -> Session {
    let mut job = Job::new(spec);
    loop {
        match job.step().unwrap() {
            JobStep::Done(done) => return done.into_session(),
            JobStep::Progress(_) | JobStep::FirstLook(_) | JobStep::Explained(_) => {}
        }
    }
}

#[test]
fn the_page_explains_the_ddp_network_from_its_model_file() {
    let text = model_file();
    let file = ModelFile::read("gbsg2-ddp.json", text.clone().into_bytes()).unwrap();
    assert_eq!(file.kind, ModelFileKind::SurvlensJson);
    let cohort_job = JobSpec {
        source: CohortSource::Csv {
            file_name: "gbsg2.csv".into(),
            bytes: read("data/gbsg2.csv"),
            roles: ColumnRoles::new("time", "event").with_id("pid"),
            days_per_time_unit: 1.0,
            missing_codes: MissingCodes::none(),
            labels: Vec::new(),
        },
        ..JobSpec::demo()
    };
    let spec = file.apply_to(cohort_job);
    assert!(matches!(spec.model, ModelSource::File { .. }));
    let session = run(spec);
    assert!(
        matches!(&session.origin, ModelOrigin::File { file_name, .. } if file_name == "gbsg2-ddp.json"),
        "{:?}",
        session.origin
    );
    assert_eq!(session.n_patients(), 686);
    assert!(session.history.is_empty(), "nothing trained in the page");

    // PyTorch's float32 forward pass against the page's on the same float32 inputs:
    // |page - torch| <= 1e-5 (1 + |torch|).
    let torch = torch_log_risk();
    for (id, &risk) in session.patient_ids.iter().zip(&session.risk) {
        let theirs = torch[id];
        let ours = f64::from(risk);
        assert!(
            (ours - theirs).abs() <= 1e-5 * (1.0 + theirs.abs()),
            "patient {id}: {ours} vs {theirs}"
        );
    }

    // The stored cut-offs (tertiles of the training patients) are the page's risk groups.
    let bundle = ModelBundle::from_slice(text.as_bytes()).unwrap();
    let cut_offs = bundle.risk_groups().groups().cut_offs();
    assert_eq!(
        session.risk_cutoffs.map(f64::from),
        [cut_offs[0] as f32 as f64, cut_offs[1] as f32 as f64]
    );

    // Every patient is explained: relevances are finite and, with what the biases and the
    // stabiliser absorbed, account for the log-risk.
    let m = session.n_markers();
    assert_eq!(m, 8);
    for i in 0..session.n_patients() {
        let row = &session.relevance[i * m..(i + 1) * m];
        assert!(row.iter().all(|r| r.is_finite()), "patient {i}");
        let total: f32 = row.iter().sum::<f32>() + session.bias_relevance[i];
        let risk = session.risk[i];
        assert!(
            (total - risk).abs() <= 1e-4 * (1.0 + risk.abs()),
            "patient {i}: relevances {total} vs log-risk {risk}"
        );
    }
}
