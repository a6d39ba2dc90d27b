//! How resources are found and read, rule by rule: reference forms of FHIR R4 (relative,
//! absolute with a version, Bundle `fullUrl`), Bundle types, the index date, answers of
//! categorical markers, several tumour diagnoses.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{Value, json};
use survlens_data::MarkerValues;
use survlens_fhir::{Day, Imported, Input, ReadOptions, read};

const PATIENT: &str =
    r#"{"resourceType":"Patient","id":"p1","gender":"male","birthDate":"1950-05-05"}"#;

fn ndjson(lines: &[Value]) -> String {
    let mut text = String::from(PATIENT);
    for l in lines {
        text.push('\n');
        text.push_str(&l.to_string());
    }
    text.push('\n');
    text
}

fn import(text: &str, index_date: Option<Day>) -> Imported {
    read(
        &[Input {
            name: "t.ndjson",
            bytes: text.as_bytes(),
        }],
        &ReadOptions {
            index_date,
            markers: None,
        },
    )
    .unwrap()
}

fn crp(id: &str, subject: &str, date: Option<&str>, value: f64) -> Value {
    let mut o = json!({
        "resourceType": "Observation", "id": id, "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "1988-5"}]},
        "subject": {"reference": subject},
        "valueQuantity": {"value": value, "system": "http://unitsofmeasure.org", "code": "mg/L"},
    });
    if let Some(d) = date {
        o["effectiveDateTime"] = json!(d);
    }
    o
}

fn number(imported: &Imported, marker: &str) -> f32 {
    match imported.cohort.marker(marker).unwrap().values() {
        MarkerValues::Numeric(v) | MarkerValues::Binary(v) => v[0],
        MarkerValues::Categorical(c) => c.codes()[0] as f32,
    }
}

#[test]
fn references_in_every_form_of_the_standard_resolve() {
    // Relative, absolute (with a version), and a search Bundle's fullUrl.
    for subject in [
        "Patient/p1",
        "https://fhir.example.invalid/fhir/Patient/p1",
        "https://fhir.example.invalid/fhir/Patient/p1/_history/3",
    ] {
        let imported = import(
            &ndjson(&[crp("o1", subject, Some("2024-01-02"), 7.0)]),
            None,
        );
        assert!(imported.report.problems.is_empty(), "{subject}");
        assert_eq!(number(&imported, "lab_crp"), 7.0, "{subject}");
    }
    let searchset = json!({
        "resourceType": "Bundle", "type": "searchset", "total": 2,
        "entry": [
            {"fullUrl": "https://fhir.example.invalid/fhir/Patient/p1", "resource": serde_json::from_str::<Value>(PATIENT).unwrap(), "search": {"mode": "match"}},
            {"fullUrl": "https://fhir.example.invalid/fhir/Observation/o1", "resource": crp("o1", "https://fhir.example.invalid/fhir/Patient/p1", Some("2024-01-02"), 9.5), "search": {"mode": "include"}},
        ],
    });
    let text = searchset.to_string();
    let imported = read(
        &[Input {
            name: "search.json",
            bytes: text.as_bytes(),
        }],
        &ReadOptions::default(),
    )
    .unwrap();
    assert!(
        imported.report.problems.is_empty(),
        "{:?}",
        imported.report.problems
    );
    assert_eq!(number(&imported, "lab_crp"), 9.5);
}

#[test]
fn resources_read_whichever_file_comes_first() {
    let observations = crp("o1", "Patient/p1", Some("2024-01-02"), 4.0).to_string();
    let imported = read(
        &[
            Input {
                name: "Observation.ndjson",
                bytes: observations.as_bytes(),
            },
            Input {
                name: "Patient.ndjson",
                bytes: PATIENT.as_bytes(),
            },
        ],
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(number(&imported, "lab_crp"), 4.0);
    let files: Vec<(&str, usize)> = imported
        .report
        .files
        .iter()
        .map(|f| (f.file.as_str(), f.resources))
        .collect();
    assert_eq!(files, [("Observation.ndjson", 1), ("Patient.ndjson", 1)]);
}

#[test]
fn the_index_date_chooses_and_undated_values_are_named() {
    let text = ndjson(&[
        crp("early", "Patient/p1", Some("2023-06-01"), 3.0),
        crp("late", "Patient/p1", Some("2024-06-01T10:00:00Z"), 30.0),
        crp("undated", "Patient/p1", None, 300.0),
    ]);
    // The latest: the dated one of June 2024 beats the undated one.
    let latest = import(&text, None);
    assert_eq!(number(&latest, "lab_crp"), 30.0);
    // Before 2024: the value of June 2023; the undated value cannot be placed.
    let before = import(&text, Day::from_ymd(2024, 1, 1));
    assert_eq!(number(&before, "lab_crp"), 3.0);
    let codes: Vec<&str> = before.report.problems.iter().map(|p| p.code()).collect();
    assert_eq!(codes, ["no_date"]);
    assert_eq!(
        before.report.problems[0].at.resource.as_deref(),
        Some("Observation/undated")
    );
    // Age on the index date: born 1950-05-05.
    assert_eq!(number(&before, "age"), 73.0);
    assert_eq!(number(&latest, "age"), 74.0);
}

#[test]
fn categorical_answers_read_from_codes_numbers_and_stages() {
    let obs = |id: &str, loinc: &str, value: (&str, Value)| {
        let mut o = json!({"resourceType": "Observation", "id": id, "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": loinc}]},
            "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2024-01-02"});
        o[value.0] = value.1;
        o
    };
    let imported = import(
        &ndjson(&[
            // ECOG 4 is the level "3-4"; UICC IIIB is stage III; SNOMED CT 8517006 is an
            // ex-smoker.
            obs("e", "89247-1", ("valueInteger", json!(4))),
            obs(
                "u",
                "21908-9",
                (
                    "valueCodeableConcept",
                    json!({"coding": [{"code": "IIIB"}]}),
                ),
            ),
            obs(
                "s",
                "72166-2",
                (
                    "valueCodeableConcept",
                    json!({"coding": [{"system": "http://snomed.info/sct", "code": "8517006"}]}),
                ),
            ),
        ]),
        None,
    );
    assert!(
        imported.report.problems.is_empty(),
        "{:?}",
        imported.report.problems
    );
    let label = |m: &str| {
        imported
            .cohort
            .marker(m)
            .unwrap()
            .as_categorical()
            .unwrap()
            .label(0)
            .map(str::to_owned)
    };
    assert_eq!(label("ecog").as_deref(), Some("3-4"));
    assert_eq!(label("uicc_stage").as_deref(), Some("III"));
    assert_eq!(label("smoking_status").as_deref(), Some("former"));
}

#[test]
fn of_two_tumour_diagnoses_the_earliest_names_the_entity_and_both_are_said() {
    let condition = |id: &str, code: &str, date: &str| {
        json!({"resourceType": "Condition", "id": id, "subject": {"reference": "Patient/p1"},
            "code": {"coding": [{"system": "http://fhir.de/CodeSystem/bfarm/icd-10-gm", "code": code}]},
            "onsetDateTime": date})
    };
    let imported = import(
        &ndjson(&[
            condition("later", "C18.7", "2024-02-01"),
            condition("first", "C50.4", "2019-03-01"),
        ]),
        None,
    );
    assert_eq!(imported.cohort.entity().unwrap().label(0), Some("breast"));
    let problem = &imported.report.problems[0];
    assert_eq!(problem.code(), "several_entities");
    assert_eq!(problem.at.resource.as_deref(), Some("Condition/later"));
}
