//! Model files in and out of the page: a network trained in the page saved as a survlens
//! model file and opened again, an ONNX export of a PyTorch network applied to a cohort,
//! and every broken file of the hostile-input corpus refused with its problem named while
//! the cohort on screen stays.

// Test helpers outside `#[test]` functions fail loudly by design.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use survlens_app::core::i18n::Lang;
use survlens_app::core::origin::ModelOrigin;
use survlens_app::core::session::Session;
use survlens_app::core::units::DAYS_PER_MONTH;
use survlens_app::job::pipeline::{Job, JobStep, PipelineError};
use survlens_app::job::protocol::Response;
use survlens_app::job::state::{Action, AppState, JobStatus};
use survlens_app::sources::model_file::{
    ExportError, MODEL_FILE_PROBLEM, ModelFile, ModelFileKind, as_model_file_problem,
    export_bundle, export_json,
};
use survlens_app::sources::spec::{CohortSource, JobSpec, ModelSource};
use survlens_data::ColumnRoles;
use survlens_model::BreslowBaseline;
use survlens_model::bundle::ModelBundle;
use survlens_model::recipe::Recipe;
use survlens_model::train::{HiddenWidth, TrainConfig};
use survlens_synth::{Preset, SynthConfig};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A small, fast training setting: these tests check files, not model quality.
fn quick_training() -> TrainConfig {
    TrainConfig {
        hidden_width: HiddenWidth::Fixed(6),
        epochs_per_stage: 3,
        stages: 1,
        batch_size: 32,
        learning_rate: 1e-2,
        seed: 5,
        ..JobSpec::small_cohort_training()
    }
}

/// Runs a job to the end, as the worker does.
fn run(spec: JobSpec) -> Result<Session, PipelineError> {
    let mut job = Job::new(spec);
    loop {
        match job.step()? {
            JobStep::Done(done) => return Ok(done.into_session()),
            JobStep::Progress(_) | JobStep::FirstLook(_) | JobStep::Explained(_) => {}
        }
    }
}

/// The e2e fixture cohort: 120 synthetic patients, months, three cancer types.
fn clinic() -> CohortSource {
    CohortSource::Csv {
        file_name: "good_clinic.csv".into(),
        bytes: fixture("e2e/good_clinic.csv"),
        roles: ColumnRoles::new("os_months", "death")
            .with_id("patient_id")
            .with_entity("cancer_type"),
        days_per_time_unit: DAYS_PER_MONTH,
        missing_codes: Default::default(),
        labels: Vec::new(),
    }
}

fn teaching() -> CohortSource {
    CohortSource::Synthetic(SynthConfig {
        n_patients: 300,
        seed: 42,
        preset: Preset::Teaching,
    })
}

/// Trains on `source`, saves the model file, checks what the file holds, opens it on the
/// same cohort and checks the session it gives. Returns the decoded file.
fn check_round_trip(source: CohortSource, unit: &str, days_per_unit: f64) -> ModelBundle {
    let spec = JobSpec {
        source,
        model: ModelSource::Train,
        recipe: Recipe::Study,
        training: quick_training(),
        folds: 4,
    };
    let trained = run(spec.clone()).unwrap();
    let ModelOrigin::Trained(record) = &trained.origin else {
        panic!(
            "a trained session records its training: {:?}",
            trained.origin
        );
    };
    assert!(trained.origin.can_export() && !trained.origin.fits_baseline_on_cohort());

    let (file_name, text) = export_json(&trained).unwrap();
    assert!(
        file_name.starts_with("survlens-model-") && file_name.ends_with(".json"),
        "{file_name}"
    );
    let bundle = ModelBundle::from_slice(text.as_bytes()).unwrap();
    // What the file holds is the session's model, exactly.
    assert_eq!(bundle.network(), &trained.model.network);
    assert_eq!(bundle.encoder(), &trained.model.encoder);
    assert_eq!(bundle.training(), &spec.training);
    assert_eq!(bundle.columns().time_unit.as_deref(), Some(unit));
    assert_eq!(bundle.columns(), &record.columns);
    let cuts: Vec<f64> = trained.risk_cutoffs.iter().map(|&c| f64::from(c)).collect();
    assert_eq!(bundle.risk_groups().groups().cut_offs(), cuts.as_slice());
    assert_eq!(
        bundle.risk_groups().labels(),
        ["lower third", "middle third", "upper third"]
    );
    let metrics = bundle.metrics();
    assert_eq!(metrics.n_patients, trained.n_patients());
    assert_eq!(
        metrics.n_events,
        trained.event.iter().filter(|&&e| e).count()
    );
    assert_eq!(metrics.final_fit.epochs, trained.history.len());
    let held_out = trained.held_out.iter().filter(|&&h| h).count();
    assert_eq!(
        metrics.final_fit.n_train + metrics.final_fit.n_validation + {
            let test = metrics.out_of_fold.as_ref().unwrap();
            test.n_test
        },
        trained.n_patients()
    );
    // Training and validation (early stopping) patients make up everything but the test.
    assert_eq!(
        metrics.final_fit.n_train + metrics.final_fit.n_validation,
        trained.n_patients() - held_out
    );
    let test = metrics.out_of_fold.as_ref().unwrap();
    assert_eq!(test.folds, 1);
    assert_eq!(test.harrell_c, Some(trained.test_cindex));
    // Baseline times go to the file in its unit; hazards unchanged.
    let base = bundle.baseline();
    assert_eq!(
        base.cumulative_hazard(),
        trained.model.baseline.cumulative_hazard()
    );
    for (&file_t, &days) in base.time().iter().zip(trained.model.baseline.time()) {
        // Days -> unit -> days is one division and one multiplication: 2 ulp at most.
        assert!(
            (file_t * days_per_unit - days).abs() <= 4.0 * f64::EPSILON * days,
            "{file_t} {unit} vs {days} days"
        );
    }

    // Opened on the same cohort, the file gives the same risks, bit for bit: the same
    // preprocessing and weights (shortest round-trip f32 text) through the same LRP pass.
    let reopened = run(JobSpec {
        model: ModelSource::File {
            file_name: file_name.clone(),
            bytes: text.into_bytes(),
        },
        ..spec
    })
    .unwrap();
    assert_eq!(reopened.n_patients(), trained.n_patients());
    assert_eq!(reopened.patient_ids, trained.patient_ids);
    for (i, (a, b)) in reopened.risk.iter().zip(&trained.risk).enumerate() {
        assert_eq!(a.to_bits(), b.to_bits(), "patient {i}: {a} vs {b}");
    }
    for (a, b) in reopened.relevance.iter().zip(&trained.relevance) {
        assert_eq!(a.to_bits(), b.to_bits());
    }
    assert_eq!(reopened.risk_cutoffs, trained.risk_cutoffs);
    assert!(
        reopened.held_out.iter().all(|&h| h),
        "every patient held out"
    );
    assert!(reopened.history.is_empty(), "nothing trained");
    assert!(
        reopened
            .title
            .to_string()
            .ends_with(&format!("explained by {file_name}")),
        "{}",
        reopened.title
    );
    assert!(
        matches!(&reopened.origin, ModelOrigin::File { file_name: f, .. } if *f == file_name),
        "{:?}",
        reopened.origin
    );
    // The origin sentence describes the file as the model crate does, in either language.
    let ModelOrigin::File { model, .. } = &reopened.origin else {
        unreachable!("matched above")
    };
    let english = model.describe_in(Lang::En);
    let reference = bundle.to_string();
    let grouped = |n: usize| Lang::En.integer(n as i64);
    let reference = reference
        .replace(
            &format!("{} patients", model.patients),
            &format!("{} patients", grouped(model.patients)),
        )
        .replace(
            &format!("{} events", model.events),
            &format!("{} events", grouped(model.events)),
        );
    assert_eq!(english, reference);
    let german = model.describe_in(Lang::De);
    assert!(
        german.starts_with("tiefes Cox-Netz ") && german.contains(" Patientinnen und Patienten ("),
        "{german}"
    );
    assert!(reopened.origin.sentence_in(Lang::De).contains(&german));
    // A file is not exported again: it is already one.
    assert!(matches!(
        export_bundle(&reopened),
        Err(ExportError::NotTrained { .. })
    ));
    bundle
}

#[test]
fn a_network_trained_on_a_csv_in_months_round_trips_through_its_model_file() {
    let bundle = check_round_trip(clinic(), "months", DAYS_PER_MONTH);
    let columns = bundle.columns();
    assert_eq!(columns.time, "os_months");
    assert_eq!(columns.event, "death");
    assert_eq!(columns.id.as_deref(), Some("patient_id"));
    assert_eq!(columns.entity.as_deref(), Some("cancer_type"));
    assert_eq!(bundle.entities(), ["breast", "colorectal", "lung"]);
    // The file applies to the raw cohort as the command-line tool applies it.
    assert_eq!(bundle.metrics().n_patients, 120);
}

#[test]
fn a_network_trained_on_the_synthetic_cohort_round_trips_in_days() {
    let bundle = check_round_trip(teaching(), "days", 1.0);
    assert_eq!(bundle.metrics().n_patients, 300);
}

/// The inputs and PyTorch outputs of `plain.onnx` (tools/references/xai_onnx_fixtures.py:
/// torch 2.15.0 forward in float64 from the float32 parameters, eval mode).
fn plain_reference() -> (Vec<Vec<f64>>, Vec<f64>, Vec<Vec<f64>>) {
    let doc: serde_json::Value =
        serde_json::from_slice(&fixture("reference/xai_onnx.json")).unwrap();
    let case = doc["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "plain")
        .unwrap();
    let matrix = |v: &serde_json::Value| -> Vec<Vec<f64>> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r.as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_f64().unwrap())
                    .collect()
            })
            .collect()
    };
    let outputs = case["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    (
        matrix(&case["inputs"]),
        outputs,
        matrix(&case["paper_gamma"]),
    )
}

/// A CSV whose marker columns are `plain.onnx`'s five inputs: the six reference patients,
/// then 24 more with made-up values, times and events.
fn plain_inputs_csv(mutate: impl Fn(usize, usize, String) -> String) -> Vec<u8> {
    let (inputs, _, _) = plain_reference();
    let mut text = String::from("pid,time,event,x1,x2,x3,x4,x5\n");
    for p in 0..30 {
        let row: Vec<f64> = match inputs.get(p) {
            Some(r) => r.clone(),
            None => (0..5)
                .map(|j| ((p * 7 + j * 3) % 11) as f64 / 5.0 - 1.0)
                .collect(),
        };
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(j, v)| mutate(p, j, format!("{}", *v as f32)))
            .collect();
        text.push_str(&format!(
            "P{p:02},{},{},{}\n",
            30 + (p * 37) % 400,
            usize::from(p % 3 != 0),
            cells.join(",")
        ));
    }
    text.into_bytes()
}

fn csv_source(file_name: &str, bytes: Vec<u8>) -> CohortSource {
    CohortSource::Csv {
        file_name: file_name.into(),
        bytes,
        roles: ColumnRoles::new("time", "event").with_id("pid"),
        days_per_time_unit: 1.0,
        missing_codes: Default::default(),
        labels: Vec::new(),
    }
}

fn onnx_job(source: CohortSource, onnx: &str) -> JobSpec {
    let name = onnx.rsplit('/').next().unwrap();
    ModelFile::read(name, fixture(onnx))
        .unwrap()
        .apply_to(JobSpec {
            source,
            ..JobSpec::demo()
        })
}

#[test]
fn an_onnx_network_explains_a_csv_whose_columns_are_its_inputs() {
    let job = onnx_job(
        csv_source("inputs.csv", plain_inputs_csv(|_, _, c| c)),
        "onnx/plain.onnx",
    );
    assert!(
        matches!(job.model, ModelSource::Onnx { .. }),
        "detected by content"
    );
    let s = run(job).unwrap();
    s.check_shapes().unwrap();
    assert_eq!(s.n_patients(), 30);
    assert_eq!(s.n_markers(), 5, "one marker per input, no entity");
    assert!(s.held_out.iter().all(|&h| h) && s.history.is_empty());
    assert!(
        s.title.to_string().ends_with("explained by plain.onnx"),
        "{}",
        s.title
    );
    match &s.origin {
        ModelOrigin::Onnx {
            file_name,
            producer,
            n_inputs,
        } => {
            assert_eq!((file_name.as_str(), *n_inputs), ("plain.onnx", 5));
            assert!(producer.starts_with("pytorch"), "{producer}");
        }
        other => panic!("origin {other:?}"),
    }
    // Every session an ONNX network explains says that its file brings no baseline.
    assert!(
        s.origin
            .sentence()
            .contains(&Lang::En.t("origin-onnx-no-baseline"))
    );
    assert!(
        s.origin
            .sentence_in(Lang::De)
            .contains(&Lang::De.t("origin-onnx-no-baseline"))
    );
    assert!(s.origin.fits_baseline_on_cohort());

    let (inputs, outputs, relevances) = plain_reference();
    // |ours - torch| <= 1e-5 (1 + |torch|): float32 against torch 2.15.0's float64 forward
    // of the same float32 parameters (the importer's own test tolerance).
    let close =
        |ours: f32, theirs: f64| (f64::from(ours) - theirs).abs() <= 1e-5 * (1.0 + theirs.abs());
    for (p, (&want, row)) in outputs.iter().zip(&inputs).enumerate() {
        assert!(
            close(s.risk[p], want),
            "patient {p}: {} vs torch {want}",
            s.risk[p]
        );
        // The inputs are the CSV's values, unscaled: identity preprocessing.
        for (j, &v) in row.iter().enumerate() {
            assert_eq!(s.values_of(p)[j], v as f32);
        }
        // zennit 0.5.1 Gamma(gamma=0.01, stabilizer=1e-5), same tolerance.
        for (j, &want) in relevances[p].iter().enumerate() {
            assert!(close(s.relevance_of(p)[j], want), "patient {p} input {j}");
        }
    }
    // One input per column: no missing indicator, no entity (the what-if edits go through
    // this preprocessing).
    assert_eq!(s.model.encoder.n_features(), 5);
    assert!(s.model.encoder.entity().is_none());

    // The file brings no baseline: it is the cohort's own Breslow estimate, and the
    // tertiles split the cohort's risks into thirds.
    let risk: Vec<f64> = s
        .model
        .network
        .predict(&s.values, s.n_patients())
        .into_iter()
        .map(f64::from)
        .collect();
    let own = BreslowBaseline::fit(&s.time, &s.event, &risk).unwrap();
    assert_eq!(&s.model.baseline, &own);
    let below = s.risk.iter().filter(|&&r| r <= s.risk_cutoffs[0]).count();
    let above = s.risk.iter().filter(|&&r| r > s.risk_cutoffs[1]).count();
    assert!(
        (9..=11).contains(&below) && (9..=11).contains(&above),
        "thirds of 30: {below} low, {above} high"
    );
    // Nothing to export: the page saves networks it trained.
    assert!(matches!(
        export_bundle(&s),
        Err(ExportError::NotTrained { .. })
    ));
}

/// The message the worker sends the page for `spec`: a model-file problem, by name.
fn refusal(spec: JobSpec) -> (String, String) {
    let err = run(spec).expect_err("the job refuses the model");
    match err.into_response() {
        Response::Rejected(list) => {
            let message = as_model_file_problem(&list)
                .unwrap_or_else(|| panic!("not a model-file problem: {list:?}"))
                .to_owned();
            (list.file, message)
        }
        other => panic!("not shown as a model-file problem: {other:?}"),
    }
}

#[test]
fn an_onnx_network_refuses_a_cohort_that_is_not_its_input() {
    let cases: [(&str, JobSpec, &str, &[&str]); 5] = [
        (
            "another number of columns",
            onnx_job(teaching(), "onnx/plain.onnx"),
            "plain.onnx",
            &[
                "takes 5 inputs",
                "but the cohort has",
                "marker columns (",
                "in order",
            ],
        ),
        (
            "a categorical column",
            onnx_job(
                csv_source(
                    "text.csv",
                    plain_inputs_csv(|p, j, c| if j == 2 { format!("g{}", p % 3) } else { c }),
                ),
                "onnx/plain.onnx",
            ),
            "plain.onnx",
            &["column \"x3\" is categorical", "numbers only"],
        ),
        (
            "a missing value",
            onnx_job(
                csv_source(
                    "gaps.csv",
                    plain_inputs_csv(|p, j, c| {
                        if j == 1 && (p == 4 || p == 20) {
                            "NA".into()
                        } else {
                            c
                        }
                    }),
                ),
                "onnx/plain.onnx",
            ),
            "plain.onnx",
            &["column \"x2\" has 2 missing value(s), the first for patient P04"],
        ),
        (
            "an unsupported operator",
            onnx_job(
                csv_source("inputs.csv", plain_inputs_csv(|_, _, c| c)),
                "onnx/unsupported_sigmoid.onnx",
            ),
            "unsupported_sigmoid.onnx",
            &[
                "ONNX node \"/1/Sigmoid\"",
                "operator Sigmoid is not supported",
            ],
        ),
        (
            "external validation",
            onnx_job(
                CohortSource::Bundled(
                    survlens_app::sources::data_source::BundledCohort::RotterdamToGbsg,
                ),
                "onnx/plain.onnx",
            ),
            "plain.onnx",
            &["external validation trains its own model"],
        ),
    ];
    for (what, spec, file, parts) in cases {
        let (named, message) = refusal(spec);
        assert_eq!(named, file, "{what}");
        for part in parts {
            assert!(message.contains(part), "{what}: {message:?} lacks {part:?}");
        }
    }
}

#[test]
fn every_broken_model_file_of_the_corpus_is_refused_by_the_job_with_its_problem() {
    let manifest: serde_json::Value =
        serde_json::from_slice(&fixture("bad/manifest.json")).unwrap();
    let cohort = || csv_source("inputs.csv", plain_inputs_csv(|_, _, c| c));
    let mut checked = 0;
    for entry in manifest["entries"].as_array().unwrap() {
        let loader = entry["loader"].as_str().unwrap();
        let want_kind = match loader {
            "model" => ModelFileKind::SurvlensJson,
            "onnx" => ModelFileKind::Onnx,
            _ => continue,
        };
        let path = entry["file"].as_str().unwrap();
        let name = path.rsplit('/').next().unwrap();
        // What the page recognises the file as: by content, else by extension.
        let file = ModelFile::read(name, fixture(&format!("bad/{path}"))).unwrap();
        assert_eq!(file.kind, want_kind, "{path}");
        if entry["expect"]["ok"] == true {
            // The corpus's valid file, written by the command-line tool for the veteran
            // lung cancer cohort (R survival::veteran), explains that cohort in the page.
            let s = run(file.apply_to(JobSpec {
                source: CohortSource::Csv {
                    file_name: "veteran_lung.csv".into(),
                    bytes: std::fs::read(concat!(
                        env!("CARGO_MANIFEST_DIR"),
                        "/../../data/veteran_lung.csv"
                    ))
                    .unwrap(),
                    roles: ColumnRoles::new("time", "event").with_id("pid"),
                    days_per_time_unit: 1.0,
                    missing_codes: Default::default(),
                    labels: Vec::new(),
                },
                ..JobSpec::demo()
            }))
            .unwrap();
            // The model reads 3 of the file's 6 marker columns, in its own order: the
            // session's markers are the model's (the job once indexed past them).
            assert_eq!(
                s.n_markers(),
                3,
                "the model's markers: karno, age, cell type"
            );
            let ids: Vec<&str> = s.markers.iter().map(|m| m.id.as_str()).collect();
            assert_eq!(ids, ["num_karno", "num_age", "fac_celltype"]);
            assert!(matches!(s.origin, ModelOrigin::File { .. }));
            checked += 1;
            continue;
        }
        let (named, message) = refusal(file.apply_to(JobSpec {
            source: cohort(),
            ..JobSpec::demo()
        }));
        assert_eq!(named, name);
        let want = entry["expect"]["message"].as_str().unwrap();
        assert!(message.contains(want), "{path}: {message:?} lacks {want:?}");
        checked += 1;
    }
    assert_eq!(checked, 33, "every model and ONNX entry of the corpus");
}

#[test]
fn a_refused_model_file_leaves_the_cohort_on_screen() {
    let shown = run(onnx_job(
        csv_source("inputs.csv", plain_inputs_csv(|_, _, c| c)),
        "onnx/plain.onnx",
    ))
    .unwrap();
    let state = AppState::default()
        .reduce(Action::JobStarted)
        .reduce(Action::Worker(Response::Preview(Box::new(shown.summary()))));
    let (_, message) = refusal(
        ModelFile::read("nan_weight.json", fixture("bad/model/nan_weight.json"))
            .unwrap()
            .apply_to(JobSpec {
                source: csv_source("inputs.csv", plain_inputs_csv(|_, _, c| c)),
                ..JobSpec::demo()
            }),
    );
    let refused = state
        .reduce(Action::JobStarted)
        .reduce(Action::Worker(Response::Rejected(
            survlens_app::sources::model_file::model_file_problem("nan_weight.json", &message),
        )));
    assert_eq!(refused.job, JobStatus::Idle, "the page stays usable");
    assert_eq!(refused.session, state.session, "the same cohort stays");
    let problems = refused.problems.unwrap();
    assert_eq!(problems.problems[0].code, MODEL_FILE_PROBLEM);
    assert!(message.contains("weight 4 is NaN"), "{message}");
    // A file of neither kind is refused before any job starts.
    let list = ModelFile::read("notes.txt", b"id,time\n".to_vec()).unwrap_err();
    assert!(
        as_model_file_problem(&list)
            .unwrap()
            .contains("neither a survlens model file (JSON) nor an ONNX network")
    );
}
