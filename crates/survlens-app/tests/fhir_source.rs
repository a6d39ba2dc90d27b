//! A FHIR export opened in the page, through the job and the view-model: the index date
//! field reads dates as the calendar has them; a synthetic cohort's export is explained by
//! the default model exactly as the model predicts the reader's cohort; the report the page
//! gets names what mapped (counted against the generator's own values), what did not, the
//! conversions with the published factors, the date of each value the index date chose,
//! and stays bounded however many problems an export has; an export without a patient is
//! refused with its problems, and a FHIR export is never trained on.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{Value, json};
use survlens_app::core::i18n::Lang;
use survlens_app::job::pipeline::{Job, JobStep, PipelineError};
use survlens_app::job::protocol::Response;
use survlens_app::job::state::{Action, AppState, JobStatus};
use survlens_app::sources::fhir_source::{
    FhirExport, FhirFile, FhirReportView, SHOWN_ROWS, index_date,
};
use survlens_app::sources::spec::ModelSource;
use survlens_fhir::export::{Layout, export};
use survlens_fhir::{Catalogue, Day, Input, ReadOptions};
use survlens_model::bundle::ModelBundle;
use survlens_synth::{Dictionary, Preset, SynthConfig, generate};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// A synthetic pan-cancer cohort written as a bulk export (one NDJSON file per type).
fn synthetic_export(patients: usize, seed: u64) -> (survlens_synth::SyntheticCohort, FhirExport) {
    let cohort = generate(&SynthConfig {
        n_patients: patients,
        seed,
        preset: Preset::PanCancer,
    })
    .unwrap();
    let files = export(
        &cohort,
        &Catalogue::standard().unwrap(),
        Layout::PerResourceType,
    )
    .into_iter()
    .map(|f| FhirFile {
        name: f.name,
        bytes: f.text.into_bytes(),
    })
    .collect();
    (
        cohort,
        FhirExport {
            files,
            index_date: String::new(),
        },
    )
}

/// Runs the job to its end: the FHIR report it sent and the explained session.
fn run(export: &FhirExport) -> (FhirReportView, survlens_app::core::session::Session) {
    let mut job = Job::new(export.job_spec(ModelSource::Default).unwrap());
    let mut report = None;
    loop {
        match job.step().unwrap() {
            JobStep::Progress(Response::FhirRead(r)) => report = Some(*r),
            JobStep::Done(done) => return (report.unwrap(), done.into_session()),
            _ => {}
        }
    }
}

fn ndjson(lines: &[Value]) -> FhirFile {
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    FhirFile {
        name: "export.ndjson".to_owned(),
        bytes: text.into_bytes(),
    }
}

fn patient(id: &str) -> Value {
    json!({"resourceType": "Patient", "id": id, "gender": "female", "birthDate": "1960-02-01"})
}

/// A creatinine Observation (LOINC 14682-9, substance concentration).
fn creatinine(id: &str, subject: &str, date: &str, umol_per_l: f64) -> Value {
    json!({
        "resourceType": "Observation", "id": id, "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "14682-9"}]},
        "subject": {"reference": format!("Patient/{subject}")},
        "effectiveDateTime": date,
        "valueQuantity": {"value": umol_per_l, "system": "http://unitsofmeasure.org", "code": "umol/L"},
    })
}

fn read_view(files: &[FhirFile], day: Option<Day>) -> FhirReportView {
    let inputs: Vec<Input<'_>> = files
        .iter()
        .map(|f| Input {
            name: &f.name,
            bytes: &f.bytes,
        })
        .collect();
    let imported = survlens_fhir::read(
        &inputs,
        &ReadOptions {
            index_date: day,
            markers: None,
        },
    )
    .unwrap();
    FhirReportView::of(
        &imported.report,
        &Dictionary::for_preset(Preset::PanCancer).unwrap(),
    )
}

#[test]
fn the_index_date_field_reads_calendar_dates_only() {
    assert_eq!(index_date("").unwrap(), None);
    assert_eq!(index_date("  ").unwrap(), None);
    assert_eq!(
        index_date("2024-02-29").unwrap(),
        Day::from_ymd(2024, 2, 29),
        "2024 is a leap year"
    );
    for bad in [
        "2023-02-29", // not a leap year
        "2024-13-01",
        "2024-03", // a month, not a day
        "2024",
        "2024-03-01T10:00:00Z",
        "01.03.2024",
        "yesterday",
    ] {
        let e = index_date(bad).unwrap_err();
        assert_eq!(e.code(), "index_date_not_a_date", "{bad}");
        assert!(e.to_string().contains(bad), "{e}");
    }
}

#[test]
fn a_synthetic_export_is_explained_as_the_default_model_predicts_the_reader_s_cohort() {
    let (cohort, export) = synthetic_export(12, 2024);
    let (report, session) = run(&export);

    // Every patient, in the export's order, without outcomes.
    assert_eq!(report.patients, 12);
    assert_eq!(session.patient_ids, cohort.patient_ids);
    assert!(!session.has_outcomes);
    let title = session.title.to_string();
    assert!(
        title.contains("FHIR export (") && title.contains("12 patients"),
        "{title}"
    );
    assert_eq!(report.refused, None);

    // What mapped, against the generator: a measured marker has a value for exactly the
    // patients whose synthetic value is present.
    assert!(!report.measured.is_empty());
    for row in &report.measured {
        let j = cohort.marker_index(&row.id).unwrap();
        let present = (0..12)
            .filter(|&i| !cohort.value(i, j).unwrap().is_nan())
            .count();
        assert_eq!(row.patients, present, "{}", row.id);
    }
    // The export writes creatinine in umol/L too: its conversion is there with the
    // published SI factor (1 mg/dL = 88.4 umol/L).
    let creatinine = report
        .conversions
        .rows
        .iter()
        .find(|c| c.loinc == "14682-9")
        .expect("a creatinine conversion");
    approx::assert_relative_eq!(creatinine.factor, 1.0 / 88.4, max_relative = 1e-3);
    // Text-only codings are listed as not mapped.
    assert!(
        report
            .unmapped
            .rows
            .iter()
            .any(|u| u.code.is_none() && u.what().starts_with("text only")),
        "{:?}",
        report.unmapped.rows
    );
    assert_eq!(
        report.unmapped_codings,
        report.unmapped.rows.iter().map(|u| u.count).sum::<usize>()
    );

    // The risk the page explains is the default model's prediction of the cohort the reader
    // gives with the model's markers (LRP conserves it up to float summation).
    let model = survlens_app::sources::default_model::DefaultModel::from_slice(
        &std::fs::read(format!("{ROOT}/web/models/default.json")).unwrap(),
    )
    .unwrap();
    let bundle: &ModelBundle = &model.bundle;
    let markers: Vec<String> = bundle
        .encoder()
        .markers()
        .iter()
        .map(|m| m.name.clone())
        .collect();
    let inputs: Vec<Input<'_>> = export
        .files
        .iter()
        .map(|f| Input {
            name: &f.name,
            bytes: &f.bytes,
        })
        .collect();
    let read = survlens_fhir::read(
        &inputs,
        &ReadOptions {
            index_date: None,
            markers: Some(markers),
        },
    )
    .unwrap();
    let x = bundle
        .encoder()
        .transform(read.cohort.view())
        .unwrap()
        .design
        .into_vec();
    let expected = bundle.network().predict(&x, 12);
    for (i, (&got, &want)) in session.risk.iter().zip(&expected).enumerate() {
        approx::assert_abs_diff_eq!(got, want, epsilon = 1e-4);
        assert!(got.is_finite(), "patient {i}");
    }
}

#[test]
fn the_index_date_chooses_each_value_and_the_report_gives_its_date() {
    let files = [ndjson(&[
        patient("p1"),
        creatinine("c-2020", "p1", "2020-01-10", 88.4),
        creatinine("c-2022", "p1", "2022-06-30", 176.8),
    ])];
    let value_of = |view: &FhirReportView| {
        let (id, values) = view.first_patient.clone().unwrap();
        assert_eq!(id, "p1");
        values
            .into_iter()
            .find(|v| v.resource.starts_with("Observation/c-"))
            .unwrap()
    };

    // No index date: the latest value, 176.8 umol/L = 2 mg/dL.
    let latest = read_view(&files, None);
    let v = value_of(&latest);
    let date = |v: &survlens_app::sources::fhir_source::ValueRow, lang| {
        v.date.map(|d| d.text_in(lang)).unwrap_or_default()
    };
    assert_eq!(
        (date(&v, Lang::En).as_str(), v.resource.as_str()),
        ("2022-06-30", "Observation/c-2022")
    );
    assert_eq!(date(&v, Lang::De), "30.06.2022");
    assert_eq!(v.value.get(Lang::En), "2 mg/dL");
    assert_eq!(v.marker.get(Lang::En), "Creatinine");
    assert_eq!(v.marker.get(Lang::De), "Kreatinin");
    assert!(latest.summary().contains("latest value"));
    assert!(
        latest
            .summary_in(Lang::De)
            .ends_with("je Marker der jüngste Wert (kein Indexdatum)."),
        "{}",
        latest.summary_in(Lang::De)
    );

    // On 2021-12-31 only the 2020 value is on or before it: 88.4 umol/L = 1 mg/dL.
    let day = index_date("2021-12-31").unwrap();
    let earlier = read_view(&files, day);
    let v = value_of(&earlier);
    assert_eq!(date(&v, Lang::En), "2020-01-10");
    assert_eq!(v.value.get(Lang::En), "1 mg/dL");
    let row = earlier
        .measured
        .iter()
        .find(|m| m.id == "lab_creatinine")
        .unwrap();
    assert_eq!(
        (row.patients, row.dates_in(Lang::En).as_str()),
        (1, "2020-01-10")
    );
    assert_eq!(row.dates_in(Lang::De), "10.01.2020");
    assert_eq!(
        earlier.summary(),
        "1 patient from 3 resources in 1 file; 0 with a cancer entity; each marker's most \
         recent value on or before 2021-12-31."
    );
    assert_eq!(
        earlier.summary_in(Lang::De),
        "1 Person aus 3 Ressourcen in 1 Datei; 0 mit Tumorentität; je Marker der jüngste Wert \
         am oder vor dem 31.12.2021."
    );
    // Two values converted, whichever was used.
    assert_eq!(earlier.conversions.rows[0].count, 2);
}

#[test]
fn the_report_stays_bounded_and_every_problem_names_its_resource_and_path() {
    let extra = SHOWN_ROWS + 23;
    let mut lines = vec![patient("p1")];
    for k in 0..extra {
        let mut o = creatinine(&format!("bad-{k}"), "p1", "2021-01-01", 80.0);
        o["valueQuantity"]["code"] = json!("mg/dx");
        lines.push(o);
    }
    let view = read_view(&[ndjson(&lines)], None);
    assert_eq!(view.problems.rows.len(), SHOWN_ROWS);
    assert_eq!(view.problems.total(), extra);
    for (k, p) in view.problems.rows.iter().enumerate() {
        assert_eq!(p.file, "export.ndjson");
        // Line 1 is the Patient.
        assert_eq!(p.place.get(Lang::En), format!("line {}", k + 2));
        assert_eq!(p.resource, format!("Observation/bad-{k}"));
        assert!(p.path.starts_with("valueQuantity"), "{}", p.path);
        let message = p.message.get(Lang::En);
        assert!(message.contains("mg/dx"), "{message}");
    }
}

#[test]
fn an_export_without_a_patient_is_refused_with_its_problems_and_the_cohort_stays() {
    let export = FhirExport {
        files: vec![ndjson(&[creatinine("c1", "p9", "2021-01-01", 80.0)])],
        index_date: String::new(),
    };
    let mut job = Job::new(export.job_spec(ModelSource::Default).unwrap());
    let err = loop {
        match job.step() {
            Ok(JobStep::Done(_)) => panic!("an export without patients was explained"),
            Ok(_) => {}
            Err(e) => break e,
        }
    };
    assert_eq!(err.code(), "no_patients");
    let Response::FhirRead(view) = err.into_response() else {
        panic!("not a FHIR report")
    };
    assert_eq!(view.refused.as_deref(), Some("no_patients"));
    assert!(
        view.problems
            .rows
            .iter()
            .any(|p| p.code == "no_patients" && p.file == "export.ndjson"),
        "{:?}",
        view.problems.rows
    );
    assert!(view.summary().starts_with("No patient could be read"));

    // The page: the job is over, the report is shown, the previous state is kept.
    let running = AppState::default().reduce(Action::JobStarted);
    let after = running.reduce(Action::Worker(Response::FhirRead(view)));
    assert_eq!(after.job, JobStatus::Idle);
    assert!(after.fhir_report.is_some());
    assert!(after.reduce(Action::JobStarted).fhir_report.is_none());
}

#[test]
fn a_fhir_export_is_not_trained_on_and_a_bad_index_date_is_named() {
    let (_, export) = synthetic_export(10, 1);
    let mut spec = export.job_spec(ModelSource::Default).unwrap();
    spec.model = ModelSource::Train;
    let err: PipelineError = Job::new(spec).step().unwrap_err();
    assert_eq!(err.code(), "fhir_needs_stored_model");

    let bad = FhirExport {
        index_date: "2024-02-30".to_owned(),
        ..export
    };
    assert_eq!(
        bad.job_spec(ModelSource::Default).unwrap_err().code(),
        "index_date_not_a_date"
    );
}

#[test]
fn a_model_file_whose_markers_fhir_cannot_read_names_them_after_the_report() {
    use survlens_app::sources::model_file::{ModelFile, export_json};
    use survlens_app::sources::spec::{CohortSource, JobSpec};
    use survlens_data::ColumnRoles;

    // A network trained on a clinic's own columns (age, ecog, albumin, crp, smoker).
    let mut spec = JobSpec {
        source: CohortSource::Csv {
            file_name: "good_clinic.csv".to_owned(),
            bytes: std::fs::read(format!("{ROOT}/tests/fixtures/e2e/good_clinic.csv")).unwrap(),
            roles: ColumnRoles::new("os_months", "death")
                .with_id("patient_id")
                .with_entity("cancer_type"),
            days_per_time_unit: 30.4375,
            missing_codes: Default::default(),
            labels: Vec::new(),
        },
        ..JobSpec::demo()
    };
    spec.training.epochs_per_stage = 2;
    let mut job = Job::new(spec);
    let trained = loop {
        if let JobStep::Done(done) = job.step().unwrap() {
            break done.into_session();
        }
    };
    let (name, text) = export_json(&trained).unwrap();
    let file = ModelFile::read(&name, text.into_bytes()).unwrap();

    let (_, export) = synthetic_export(10, 3);
    let mut job = Job::new(file.apply_to(export.job_spec(ModelSource::Default).unwrap()));
    // The export is read and reported first ...
    let Ok(JobStep::Progress(Response::FhirRead(report))) = job.step() else {
        panic!("the report comes first")
    };
    assert_eq!((report.patients, report.refused.clone()), (10, None));
    // ... then the model says which of its markers the cohort lacks.
    let err = loop {
        match job.step() {
            Ok(JobStep::Done(_)) => panic!("explained without the model's markers"),
            Ok(_) => {}
            Err(e) => break e,
        }
    };
    assert_eq!(err.code(), "missing_markers");
    assert!(err.to_string().contains("crp"), "{err}");
}

/// What did not map reads in the page's language around the codes and texts as read; the
/// English is the command line's.
#[test]
fn what_did_not_map_reads_in_each_language() {
    use survlens_app::sources::fhir_source::UnmappedRow;
    let row = |code: Option<&str>, text: Option<&str>| UnmappedRow {
        resource_type: "Condition".into(),
        system: code.map(|_| "http://fhir.de/CodeSystem/bfarm/icd-10-gm".to_owned()),
        code: code.map(str::to_owned),
        text: text.map(str::to_owned),
        count: 1,
    };
    let cases = [
        (
            row(None, Some("Raucher")),
            "text only: \"Raucher\"",
            "nur Text: „Raucher“",
        ),
        (
            row(None, None),
            "no code and no text",
            "weder Code noch Text",
        ),
        (
            row(None, Some("not counted: refuted")),
            "not counted: refuted",
            "nicht gezählt: widerlegt",
        ),
        (
            row(Some("C34.1"), Some("not counted: suspected (V)")),
            "C34.1 (http://fhir.de/CodeSystem/bfarm/icd-10-gm), not counted: suspected (V)",
            "C34.1 (http://fhir.de/CodeSystem/bfarm/icd-10-gm), nicht gezählt: Verdacht (V)",
        ),
        (
            row(None, Some("not counted: entered-in-error")),
            "not counted: entered-in-error",
            "nicht gezählt: Status entered-in-error",
        ),
    ];
    for (row, en, de) in cases {
        assert_eq!(row.what(), en);
        assert_eq!(row.what_in(Lang::De), de);
    }
}
