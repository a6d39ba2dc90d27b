//! `survlens synth --fhir` and `survlens fhir`: the synthetic cohort written as a FHIR
//! export reads back into the cohort CSV's values; the mapping report's JSON keeps its
//! contract; options and refusals.

#![allow(clippy::unwrap_used, clippy::panic)]

mod cli_common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use cli_common::survlens;
use survlens_synth::{Dictionary, MarkerKind, Preset};

fn temp(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("survlens-fhir-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A CSV as rows keyed by its first column, each a map of column to cell.
fn table(path: &Path) -> HashMap<String, HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let cells: HashMap<String, String> = header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_owned))
                .collect();
            (r[0].to_owned(), cells)
        })
        .collect()
}

#[test]
fn a_synthetic_cohort_goes_through_fhir_and_back_to_its_csv_values() {
    let dir = temp("round-trip");
    let s = |p: &str| dir.join(p).to_string_lossy().into_owned();
    let synth = survlens(&[
        "synth",
        "--patients",
        "80",
        "--seed",
        "5",
        "--out",
        &s("cohort.csv"),
        "--fhir",
        &s("export"),
    ]);
    assert_eq!(synth.code, 0, "{}", synth.stderr);
    for name in [
        "Patient.ndjson",
        "Observation.ndjson",
        "Condition.ndjson",
        "Encounter.ndjson",
    ] {
        assert!(
            dir.join("export").join(name).is_file(),
            "{name} not written"
        );
    }
    let run = survlens(&[
        "fhir",
        "--data",
        &s("export"),
        "--out",
        &s("read.csv"),
        "--json",
    ]);
    let report = run.json();
    // The report's contract.
    assert_eq!(report["format"], "survlens-fhir-mapping-report");
    assert_eq!(report["version"], 1);
    assert_eq!(report["patients"], 80);
    assert_eq!(report["problems"].as_array().unwrap().len(), 0);
    for key in [
        "files",
        "resources",
        "markers",
        "without_source",
        "mapped",
        "unmapped",
        "conversions",
        "values",
    ] {
        assert!(report[key].is_array(), "{key}");
    }
    let creatinine = report["conversions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["marker"] == "lab_creatinine" && c["from"] == "umol/L")
        .unwrap();
    // 113.12 g/mol: 1 µmol/L = 0.011312 mg/dL.
    assert!((creatinine["factor"].as_f64().unwrap() - 0.011_312).abs() < 1e-9);

    let generated = table(&dir.join("cohort.csv"));
    let read = table(&dir.join("read.csv"));
    assert_eq!(read.len(), 80);
    let dictionary = Dictionary::for_preset(Preset::PanCancer).unwrap();
    let mut compared = 0;
    for (id, row) in &read {
        let original = &generated[id];
        assert_eq!(row["entity"], original["entity"], "entity of {id}");
        for (column, cell) in row {
            let Some(expected) = original.get(column) else {
                continue;
            };
            if column == "patient_id" || column == "entity" || expected.is_empty() {
                continue;
            }
            // The synthetic CSV writes a categorical marker's level index, the import its
            // level.
            let cell = match dictionary.by_id(column).map(|m| m.kind) {
                Some(MarkerKind::Categorical { levels, .. }) if !cell.is_empty() => levels
                    .iter()
                    .position(|l| l == cell)
                    .map_or_else(|| cell.clone(), |k| k.to_string()),
                _ => cell.clone(),
            };
            match (cell.parse::<f64>(), expected.parse::<f64>()) {
                (Ok(a), Ok(b)) => assert!(
                    (a - b).abs() <= 2e-5 * b.abs().max(1.0),
                    "{column} of {id}: {a} vs {b}"
                ),
                _ => assert_eq!(&cell, expected, "{column} of {id}"),
            }
            compared += 1;
        }
    }
    assert!(compared > 80 * 100, "{compared} cells compared");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_default_model_predicts_patients_read_from_fhir() {
    let dir = temp("predict");
    let s = |p: &str| dir.join(p).to_string_lossy().into_owned();
    let synth = survlens(&[
        "synth",
        "--patients",
        "40",
        "--seed",
        "9",
        "--fhir",
        &s("export"),
    ]);
    assert_eq!(synth.code, 0, "{}", synth.stderr);
    let model = "web/models/default.json";
    let read = survlens(&[
        "fhir",
        "--data",
        &s("export"),
        "--out",
        &s("new.csv"),
        "--model",
        model,
    ]);
    assert_eq!(read.code, 0, "{}", read.stderr);
    // The model's CT body composition and mutations have no FHIR source: named, empty.
    assert!(
        read.stdout.contains("Columns FHIR does not fill"),
        "{}",
        read.stdout
    );
    let predict = survlens(&[
        "predict",
        "--model",
        model,
        "--data",
        &s("new.csv"),
        "--times",
        "12",
        "--out",
        &s("p.csv"),
    ]);
    assert_eq!(predict.code, 0, "{}", predict.stderr);
    let rows = table(&dir.join("p.csv"));
    assert_eq!(rows.len(), 40);
    assert!(
        rows.values()
            .all(|r| r["log_risk"].parse::<f64>().is_ok_and(f64::is_finite))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_index_date_picks_earlier_values_and_a_bad_one_is_refused() {
    let dir = temp("index");
    let out = dir.join("row.csv").to_string_lossy().into_owned();
    let fixture = "tests/fixtures/fhir/kds_transaction.json";
    let run = survlens(&[
        "fhir",
        "--data",
        fixture,
        "--out",
        &out,
        "--index-date",
        "2024-02-01",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("values on or before 2024-02-01"),
        "{}",
        run.stdout
    );
    let rows = table(Path::new(&out));
    assert_eq!(rows["kds-p1"]["lab_creatinine"], "1.4");
    let bad = survlens(&[
        "fhir",
        "--data",
        fixture,
        "--out",
        &out,
        "--index-date",
        "01.02.2024",
    ]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr
            .contains("--index-date: \"01.02.2024\" is not a date YYYY-MM-DD"),
        "{}",
        bad.stderr
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn refusals_name_their_code() {
    let dir = temp("refusals");
    let out = dir.join("x.csv").to_string_lossy().into_owned();
    let none = survlens(&[
        "fhir",
        "--data",
        "tests/fixtures/bad/fhir/patient_missing.ndjson",
        "--out",
        &out,
    ]);
    assert_eq!(none.code, 2);
    assert!(none.stderr.contains("[no_patients]"), "{}", none.stderr);
    // A model whose markers are not dictionary markers (the veteran lung cohort's).
    let model = survlens(&[
        "fhir",
        "--data",
        "tests/fixtures/fhir/kds_transaction.json",
        "--out",
        &out,
        "--model",
        "tests/fixtures/bad/model_valid.json",
    ]);
    assert_eq!(model.code, 2);
    assert!(
        model.stderr.contains("[unknown_marker]"),
        "{}",
        model.stderr
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
