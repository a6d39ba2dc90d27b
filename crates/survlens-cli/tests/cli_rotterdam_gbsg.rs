//! External validation, the classic breast cancer pair: train the deep Cox network on
//! Rotterdam (2,982 patients), predict GBSG (686 patients, another country and trial), and
//! measure Harrell's C there, recurrence-free survival in both. Harmonised files:
//! data/README.md and tools/references/cli_harmonise_breast.py.
//!
//! Published: about 0.66 (linear Cox) to 0.67-0.68 (DeepSurv). Measured with survlens
//! (seed 0, 5-fold cross-validation, lr 1e-3, batch 256, one hidden layer 10 x inputs):
//! 0.683 without input dropout (hidden dropout 0.5); the study's input dropout of 0.5,
//! meant for 350 inputs, gives 0.657 on these 10. Linear Cox on the same features: 0.673.

#![allow(clippy::unwrap_used, clippy::panic)]

mod cli_common;

use cli_common::{scratch, survlens};

/// About 80 s in a debug build, 1 s in release:
/// `cargo test --release -p survlens-cli --test cli_rotterdam_gbsg -- --ignored`.
#[test]
#[ignore = "slow in debug builds; run with --release -- --ignored"]
fn rotterdam_model_ranks_gbsg_patients_as_published() {
    let dir = scratch("rotterdam-gbsg");
    let model = dir.join("rotterdam.json");
    let run = survlens(&[
        "train",
        "--recipe",
        "study",
        "--data",
        "data/rotterdam_harmonised.csv",
        "--time",
        "time",
        "--event",
        "event",
        "--time-unit",
        "months",
        "--learning-rate",
        "1e-3",
        "--batch-size",
        "256",
        "--input-dropout",
        "0",
        "--seed",
        "0",
        "--quiet",
        "--json",
        "--out",
        model.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let predictions = dir.join("gbsg.csv");
    let run = survlens(&[
        "predict",
        "--model",
        model.to_str().unwrap(),
        "--data",
        "data/gbsg_harmonised.csv",
        "--out",
        predictions.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    // GBSG follow-up with the predicted log-risk as a risk column, for `survlens cindex`.
    let gbsg =
        std::fs::read_to_string(cli_common::root().join("data/gbsg_harmonised.csv")).unwrap();
    let predicted = std::fs::read_to_string(&predictions).unwrap();
    let joined: Vec<String> = gbsg
        .lines()
        .zip(predicted.lines())
        .map(|(g, p)| {
            let cells: Vec<&str> = g.split(',').collect();
            let risk = p.split(',').nth(1).unwrap();
            format!("{},{},{risk}", cells[1], cells[2])
        })
        .collect();
    assert_eq!(joined.len(), 687);
    let risk_file = dir.join("gbsg_risk.csv");
    std::fs::write(&risk_file, joined.join("\n")).unwrap();
    let c = survlens(&[
        "cindex",
        "--data",
        risk_file.to_str().unwrap(),
        "--time",
        "time",
        "--event",
        "event",
        "--risk",
        "log_risk",
        "--json",
    ])
    .json()["cindex"]
        .as_f64()
        .unwrap();
    // Measured 0.683 (seed 0); the published range is 0.66-0.68. A regression guard with
    // room for floating-point differences between targets.
    assert!((0.66..=0.70).contains(&c), "GBSG Harrell's C {c}");
}
