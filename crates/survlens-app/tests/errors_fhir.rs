//! The FHIR reader's errors in the page's languages: every `FhirError` (with the
//! `UcumError` inside one), the place a problem names and a `ReadFailure` name keys of the
//! catalogues, whose English sentence is the command line's `Display` text word for word
//! and whose German sentence exists and reads in German; the mapping report's problem rows
//! carry both.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use survlens_app::core::i18n::Lang;
use survlens_app::sources::fhir_source::FhirReportView;
use survlens_data::{DataError, Describe};
use survlens_fhir::ucum::UcumError;
use survlens_fhir::{FhirError, Input, Location, Problem, ReadFailure, ReadOptions};
use survlens_synth::{Dictionary, Preset};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// Every variant, in declaration order, then further values for every phrase a sentence
/// takes (each JSON kind, each expectation, each rule).
fn every_error() -> Vec<FhirError> {
    let mut errors = vec![
        FhirError::NotJson {
            line: 3,
            column: 17,
            parser: "expected `,` or `}`".into(),
        },
        FhirError::NotAnObject { found: "an array" },
        FhirError::NoResourceType,
        FhirError::BadResourceType {
            found: "Observaton".into(),
        },
        FhirError::UnsupportedBundleType {
            found: "history".into(),
        },
        FhirError::EmptyBundle,
        FhirError::EntryWithoutResource,
        FhirError::WrongType {
            expected: "a reference string",
            found: "an object",
        },
        FhirError::PatientWithoutId,
        FhirError::UnusableId { id: "NA".into() },
        FhirError::DuplicatePatient {
            id: "p1".into(),
            first: Box::new(Location {
                file: "Patient.ndjson".into(),
                line: Some(1),
                resource: Some("Patient/p1".into()),
                ..Location::default()
            }),
        },
        FhirError::NoSubject,
        FhirError::BadReference {
            reference: "Group/g1".into(),
        },
        FhirError::UnknownPatient {
            reference: "Patient/p9".into(),
        },
        FhirError::UnknownMedication {
            reference: "Medication/m4".into(),
        },
        FhirError::NoValue { marker: "crp" },
        FhirError::MissingUnit {
            marker: "creatinine",
            marker_unit: "umol/L",
        },
        FhirError::UnknownUnit {
            unit: "mg/dx".into(),
            reason: UcumError::UnknownAtom { atom: "dx".into() },
        },
        FhirError::UnitNotConvertible {
            unit: "g/L".into(),
            marker: "haematocrit",
            marker_unit: "%",
        },
        FhirError::NotANumber {
            found: "\"1,2\"".into(),
        },
        FhirError::NonFinite { marker: "ldh" },
        FhirError::Implausible {
            marker: "haematocrit",
            value: 123.456_78,
            unit: "%",
            requirement: "a share cannot exceed 100%",
        },
        FhirError::BadDate {
            value: "2024-13-01".into(),
        },
        FhirError::NoDate { marker: "albumin" },
        FhirError::UnknownLevel {
            marker: "ecog",
            answer: "LA9999-9".into(),
        },
        FhirError::AmbiguousEntity {
            code: "C34.1".into(),
            candidates: vec!["nsclc", "sclc"],
        },
        FhirError::SeveralEntities {
            used: "crc",
            other: "nsclc",
        },
        FhirError::NoPatients,
    ];
    for found in [
        "null",
        "a boolean",
        "a number",
        "a string",
        "an array",
        "an object",
    ] {
        errors.push(FhirError::NotAnObject { found });
    }
    for expected in [
        "an array of entries",
        "a date string",
        "a reference string",
        "a Quantity object",
        "a valueQuantity",
    ] {
        errors.push(FhirError::WrongType {
            expected,
            found: "a number",
        });
    }
    errors.push(FhirError::WrongType {
        expected: "a valueQuantity",
        found: "another kind of value",
    });
    for (requirement, value) in [
        (
            "an age lies between 0 and 125 years on the index date",
            131.5,
        ),
        ("a measured amount cannot be negative", -0.047_123_9),
    ] {
        errors.push(FhirError::Implausible {
            marker: "age",
            value,
            unit: "a",
            requirement,
        });
    }
    for reason in every_ucum_error() {
        errors.push(FhirError::UnknownUnit {
            unit: "mg/dl{".into(),
            reason,
        });
    }
    errors
}

fn every_ucum_error() -> Vec<UcumError> {
    vec![
        UcumError::Empty,
        UcumError::UnknownAtom { atom: "dx".into() },
        UcumError::Unexpected { found: '#', at: 2 },
        UcumError::Unclosed { bracket: '{' },
        UcumError::Exponent {
            text: "99999999999".into(),
        },
    ]
}

fn problem(at: Location, error: FhirError) -> Problem {
    Problem { at, error }
}

fn every_failure() -> Vec<ReadFailure> {
    let places = [
        Location {
            file: "bundle.json".into(),
            ..Location::default()
        },
        Location {
            file: "Observation.ndjson".into(),
            line: Some(17),
            resource: Some("Observation/obs-17".into()),
            path: Some("valueQuantity.code".into()),
            ..Location::default()
        },
        Location {
            file: "bundle.json".into(),
            entry: Some("entry[2].resource.entry[0]".into()),
            resource: Some("Condition/c3".into()),
            ..Location::default()
        },
        Location {
            file: "bundle.json".into(),
            line: Some(4),
            entry: Some("entry[3]".into()),
            path: Some("subject".into()),
            ..Location::default()
        },
    ];
    let errors = every_error();
    let problems: Vec<Problem> = places
        .iter()
        .cycle()
        .zip(errors.iter())
        .map(|(at, e)| problem(at.clone(), e.clone()))
        .collect();
    vec![
        ReadFailure::NoPatients {
            problems: problems.clone(),
        },
        ReadFailure::NoPatients {
            problems: problems[..3].to_vec(),
        },
        ReadFailure::NoPatients {
            problems: vec![problem(places[0].clone(), FhirError::NoPatients)],
        },
        ReadFailure::NoPatients {
            problems: Vec::new(),
        },
        ReadFailure::UnknownMarker {
            marker: "ferritin".into(),
        },
        ReadFailure::from(DataError::EmptyFile {
            file: "cohort.csv".into(),
        }),
    ]
}

fn reads_in_both(e: &(impl Describe + std::fmt::Display)) {
    let m = e.message();
    let en = Lang::En.message(&m);
    let de = Lang::De.message(&m);
    assert_eq!(en, e.to_string(), "{}", m.key);
    assert_ne!(de, en, "{}", m.key);
    assert_ne!(de, m.key);
    assert!(!de.contains("fhir-"), "{de}");
}

fn german(e: &impl Describe) -> String {
    Lang::De.message(&e.message())
}

#[test]
fn every_fhir_error_reads_as_on_the_command_line_and_in_german() {
    for e in every_error() {
        reads_in_both(&e);
    }
    for e in every_ucum_error() {
        reads_in_both(&e);
    }
}

#[test]
fn every_place_problem_and_refusal_reads_in_both() {
    for f in every_failure() {
        reads_in_both(&f);
        for p in f.problems() {
            reads_in_both(p);
            assert_eq!(Lang::En.message(&p.at.message()), p.at.to_string());
        }
    }
}

#[test]
fn the_german_sentences() {
    let e = every_error();
    assert_eq!(
        german(&e[1]),
        "eine Ressource muss ein JSON-Objekt sein, dies ist jedoch ein Array; sie wurde übersprungen"
    );
    assert_eq!(
        german(&e[7]),
        "erwartet war eine Referenz als Zeichenkette, gefunden wurde jedoch ein Objekt; das Feld wurde nicht verwendet"
    );
    assert_eq!(
        german(&e[17]),
        "die Einheit „mg/dx“ ist keine UCUM-Einheit, die survlens kennt („dx“ ist keine bekannte UCUM-Einheit); der Wert wurde übersprungen"
    );
    assert_eq!(
        german(&e[21]),
        "haematocrit von 123,5 % ist unplausibel (ein Anteil kann 100 % nicht übersteigen); der Wert wurde übersprungen"
    );
    assert_eq!(
        german(&e[25]),
        "C34.1 passt zu mehreren Tumorentitäten (nsclc, sclc), und keine Histologie (LOINC 59847-4) entscheidet, welche es ist; die Entität wurde als fehlend eingetragen"
    );
    assert_eq!(
        german(&e[0]),
        "dies ist kein JSON (Zeile 3, Spalte 17: expected `,` or `}`); nichts davon wurde gelesen"
    );
    assert_eq!(german(&e[5]), "das Bundle enthält keine Einträge");
    // The place of the first Patient of the same id is written in German too.
    let duplicate = e
        .iter()
        .find(|e| matches!(e, FhirError::DuplicatePatient { .. }))
        .unwrap();
    assert_eq!(
        duplicate.to_string(),
        "Patient/p1 was already read (Patient.ndjson, line 1: Patient/p1); this second one was skipped"
    );
    assert_eq!(
        german(duplicate),
        "Patient/p1 wurde bereits gelesen (Patient.ndjson, Zeile 1: Patient/p1); diese zweite Ressource wurde übersprungen"
    );
    assert_eq!(
        german(&ReadFailure::NoPatients {
            problems: vec![
                problem(
                    Location {
                        file: "Observation.ndjson".into(),
                        line: Some(2),
                        resource: Some("Observation/o1".into()),
                        path: Some("subject".into()),
                        ..Location::default()
                    },
                    FhirError::UnknownPatient {
                        reference: "Patient/p9".into()
                    },
                ),
                problem(
                    Location {
                        file: "Observation.ndjson".into(),
                        ..Location::default()
                    },
                    FhirError::NoPatients,
                ),
            ]
        }),
        "Observation.ndjson, Zeile 2: Observation/o1 subject: verweist auf Patient/p9, das in der Eingabe nicht enthalten ist; die Ressource wurde übersprungen\n\
         Observation.ndjson: die Eingabe enthält keine Patient-Ressource, daher gibt es keinen Patienten, aus dem eine Zeile werden könnte"
    );
}

#[test]
fn a_report_row_of_a_real_problem_holds_its_german_sentence() {
    let bytes = std::fs::read(format!(
        "{ROOT}/tests/fixtures/bad/fhir/unknown_ucum_unit.ndjson"
    ))
    .unwrap();
    let imported = survlens_fhir::read(
        &[Input {
            name: "unknown_ucum_unit.ndjson",
            bytes: &bytes,
        }],
        &ReadOptions::default(),
    )
    .unwrap();
    let view = FhirReportView::of(
        &imported.report,
        &Dictionary::for_preset(Preset::PanCancer).unwrap(),
    );
    let row = view
        .problems
        .rows
        .iter()
        .find(|p| p.code == "unknown_ucum_unit")
        .expect("the unknown unit is a problem");
    let problem = imported
        .report
        .problems
        .iter()
        .find(|p| p.code() == "unknown_ucum_unit")
        .unwrap();
    assert_eq!(row.message.get(Lang::En), problem.error.to_string());
    // The place column: the NDJSON line, in each language.
    let line = problem.at.line.expect("an NDJSON problem has its line");
    assert_eq!(row.place.get(Lang::En), format!("line {line}"));
    assert_eq!(row.place.get(Lang::De), format!("Zeile {line}"));
    let de = row.message.get(Lang::De);
    assert!(
        de.starts_with("die Einheit „mg/dx“ ist keine UCUM-Einheit, die survlens kennt ("),
        "{de}"
    );
    assert!(de.ends_with("); der Wert wurde übersprungen"), "{de}");
}
