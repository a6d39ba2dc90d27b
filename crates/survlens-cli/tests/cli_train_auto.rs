//! `survlens train` with its default recipe (auto) on the veteran lung cohort: the report
//! and the JSON summary name the recipe, every setting tried with the chosen one marked,
//! and the linear and spline Cox models beside the network with intervals; a study setting
//! without `--recipe study` is refused by name.

#![allow(clippy::unwrap_used, clippy::panic)]

mod cli_common;

use cli_common::{scratch, survlens};

const DATA: &str = "data/veteran_lung.csv";

#[test]
fn default_training_reports_its_choice_and_the_baselines() {
    let dir = scratch("train-auto");
    let out = dir.join("auto.json");
    let base = [
        "train", "--data", DATA, "--time", "time", "--event", "event", "--seed", "3", "--quiet",
        "--out",
    ];
    let mut json_args = base.to_vec();
    json_args.extend([out.to_str().unwrap(), "--json"]);
    let summary = survlens(&json_args).json();

    assert_eq!(summary["recipe"], "auto");
    let auto = &summary["auto"];
    let scores = auto["scores"].as_array().unwrap();
    assert!(
        scores.len() >= 2,
        "the auto recipe chooses among settings: {auto}"
    );
    let chosen = auto["chosen"].as_u64().unwrap() as usize;
    assert!(chosen < scores.len());
    // The choice is the setting with the lowest pooled validation loss.
    let loss = |s: &serde_json::Value| s["validation_loss"].as_f64().unwrap();
    let best = scores.iter().map(loss).fold(f64::INFINITY, f64::min);
    assert_eq!(loss(&scores[chosen]), best);
    let weight = auto["linear_weight"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&weight));

    let baselines = summary["baselines"].as_array().unwrap();
    let kinds: Vec<&str> = baselines
        .iter()
        .map(|b| b["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["linear", "spline"]);
    for b in baselines {
        let c = &b["harrell_c"];
        let (est, lo, hi) = (
            c["estimate"].as_f64().unwrap(),
            c["lower"].as_f64().unwrap(),
            c["upper"].as_f64().unwrap(),
        );
        assert!(lo <= est && est <= hi && (0.5..1.0).contains(&est), "{b}");
    }

    // The readable report says the same, in sentences.
    let mut text_args = base.to_vec();
    text_args.push(out.to_str().unwrap());
    let run = survlens(&text_args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for expected in [
        "recipe: auto",
        "settings tried on the training folds (* chosen)",
        "calibration slope of the out-of-fold risks",
        "linear Cox: 0.",
        "spline Cox: 0.",
    ] {
        assert!(
            run.stdout.contains(expected),
            "{expected:?} missing from:\n{}",
            run.stdout
        );
    }
    assert_eq!(
        run.stdout.matches("\n  * ").count(),
        1,
        "one chosen setting:\n{}",
        run.stdout
    );
}

#[test]
fn a_study_setting_needs_the_study_recipe() {
    let dir = scratch("train-auto-flags");
    let out = dir.join("m.json");
    let run = survlens(&[
        "train",
        "--data",
        DATA,
        "--time",
        "time",
        "--event",
        "event",
        "--folds",
        "3",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--folds is a setting of the study's recipe; add --recipe study"),
        "{}",
        run.stderr
    );
    assert!(
        !out.exists(),
        "nothing is written when the flags are refused"
    );
}
