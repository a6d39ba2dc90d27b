//! Every failure exits with code 2 and a message on stderr that names what is wrong and
//! where: the file, and for cohort problems the row and column.

#![allow(clippy::unwrap_used, clippy::panic)]

mod cli_common;

use cli_common::{Run, survlens};

#[track_caller]
fn check(run: &Run, needles: &[&str]) {
    assert_eq!(run.code, 2, "exit code; stderr: {}", run.stderr);
    assert!(run.stdout.is_empty(), "nothing on stdout: {}", run.stdout);
    for n in needles {
        assert!(run.stderr.contains(n), "stderr lacks {n:?}: {}", run.stderr);
    }
}

#[test]
fn missing_file_is_named() {
    for command in ["cox", "km"] {
        let run = survlens(&[
            command,
            "--data",
            "data/no_such.csv",
            "--time",
            "time",
            "--event",
            "event",
        ]);
        check(&run, &["data/no_such.csv", "No such file"]);
    }
}

#[test]
fn unknown_column_is_named_with_the_header() {
    let run = survlens(&[
        "km",
        "--data",
        "data/veteran_lung.csv",
        "--time",
        "days",
        "--event",
        "event",
    ]);
    check(
        &run,
        &[
            "data/veteran_lung.csv",
            "no column \"days\"",
            "survival time",
            "\"time\"",
        ],
    );
    let run = survlens(&[
        "cox",
        "--data",
        "data/veteran_lung.csv",
        "--time",
        "time",
        "--event",
        "event",
        "--covariates",
        "num_karno,weight",
    ]);
    check(&run, &["no column \"weight\""]);
}

#[test]
fn negative_time_names_file_row_and_column() {
    for command in ["cox", "km", "train"] {
        let mut args = vec![
            command,
            "--data",
            "tests/fixtures/cli/negative_time.csv",
            "--time",
            "time",
            "--event",
            "event",
        ];
        if command == "train" {
            args.extend(["--out", "unused.json"]);
        }
        // Row 3 of the file (header = row 1) holds time -4.
        check(
            &survlens(&args),
            &[
                "tests/fixtures/cli/negative_time.csv, row 3, column \"time\"",
                "greater than zero",
                "\"-4\"",
            ],
        );
    }
}

#[test]
fn text_covariate_and_bad_model_file_are_refused() {
    let run = survlens(&[
        "cox",
        "--data",
        "data/veteran_lung.csv",
        "--time",
        "time",
        "--event",
        "event",
        "--covariates",
        "num_karno,fac_celltype",
    ]);
    check(&run, &["\"fac_celltype\" holds text"]);
    // A cohort file is not a model file.
    let run = survlens(&[
        "predict",
        "--model",
        "tests/fixtures/cli/cindex.json",
        "--data",
        "data/veteran_lung.csv",
    ]);
    check(
        &run,
        &[
            "tests/fixtures/cli/cindex.json",
            "not a survlens model file",
        ],
    );
}
