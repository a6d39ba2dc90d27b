//! `survlens profile` on the user's files: a CSV explained by a model file, read as the
//! page's Data panel reads it. The patient's own row of the profile is the patient's
//! prediction, as `survlens predict` computes it from the same files by another path.

#![allow(clippy::unwrap_used, clippy::panic)]

mod cli_common;

use cli_common::survlens;

const DATA: &str = "data/veteran_lung.csv";
const MODEL: &str = "tests/fixtures/bad/model_valid.json";

fn temp(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("survlens-profile-{}-{name}", std::process::id()))
}

fn read_csv(path: &std::path::Path) -> Vec<csv::StringRecord> {
    let text = std::fs::read_to_string(path).unwrap();
    let _ = std::fs::remove_file(path);
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_patients_own_value_in_the_profile_is_its_prediction() {
    let (profile, predicted) = (temp("profile.csv"), temp("predict.csv"));
    let run = survlens(&[
        "profile",
        "--data",
        DATA,
        "--model",
        MODEL,
        "--marker",
        "num_karno",
        "--patient",
        "5",
        "--out",
        &profile.to_string_lossy(),
    ]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let rows = read_csv(&profile);
    let own: Vec<_> = rows.iter().filter(|r| &r[5] == "1").collect();
    assert_eq!(own.len(), 1, "one grid value is the patient's own");
    // The last row is the marker missing.
    assert_eq!(&rows[rows.len() - 1][0], "");

    let run = survlens(&[
        "predict",
        "--data",
        DATA,
        "--model",
        MODEL,
        "--out",
        &predicted.to_string_lossy(),
    ]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let predictions = read_csv(&predicted);
    let patient = predictions.iter().find(|r| &r[0] == "5").unwrap();
    let (a, b): (f64, f64) = (own[0][2].parse().unwrap(), patient[1].parse().unwrap());
    assert!((a - b).abs() < 1e-5, "profile {a} vs predict {b}");

    // The patient's recorded value is the grid value marked as its own.
    let text = std::fs::read_to_string(cli_common::root().join(DATA)).unwrap();
    let mut data = csv::Reader::from_reader(text.as_bytes());
    let karno = data
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "num_karno")
        .unwrap();
    let row = data
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == "5")
        .unwrap();
    assert_eq!(
        own[0][0].parse::<f64>().unwrap(),
        row[karno].parse::<f64>().unwrap()
    );
}

#[test]
fn a_refused_file_is_named_with_its_row_and_column() {
    let out = temp("refused.csv");
    let run = survlens(&[
        "profile",
        "--data",
        "tests/fixtures/bad/csv/marker_bound_less_than.csv",
        "--marker",
        "crp",
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr
            .contains("marker_bound_less_than.csv, row 3, column \"crp\""),
        "{}",
        run.stderr
    );
    assert!(!out.exists(), "nothing is written for a refused file");
}

#[test]
fn a_demo_and_a_data_file_are_not_both_taken() {
    let run = survlens(&[
        "profile",
        "--cohort",
        "teaching",
        "--data",
        DATA,
        "--marker",
        "num_karno",
        "--out",
        "unused.csv",
    ]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
}
