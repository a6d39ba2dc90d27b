//! `survlens interactions` (the default method) and `survlens calibrate-interactions`: their
//! JSON contracts and the identities between their numbers (declared pairs are the ones
//! whose q-value is below the rate, a pair's p-value is Bonferroni over its halves' one-sided
//! p-values, false
//! declarations are the declared pairs that were not planted).
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn survlens(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_survlens"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "survlens {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("interactions_cli");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_default_method_reports_tested_pairs_with_their_halves() {
    let dir = dir();
    let (data, truth, model) = (
        dir.join("planted.csv"),
        dir.join("planted.json"),
        dir.join("planted-model.json"),
    );
    let s = |p: &PathBuf| p.to_str().unwrap().to_owned();
    survlens(&[
        "synth",
        "--preset",
        "planted",
        "--patients",
        "1500",
        "--seed",
        "3",
        "--out",
        &s(&data),
        "--truth",
        &s(&truth),
    ]);
    survlens(&[
        "train",
        "--recipe",
        "study",
        "--data",
        &s(&data),
        "--time",
        "time",
        "--event",
        "event",
        "--entity",
        "entity",
        "--folds",
        "1",
        "--epochs-per-stage",
        "5",
        "--out",
        &s(&model),
    ]);
    let v: Value = serde_json::from_str(&survlens(&[
        "interactions",
        "--model",
        &s(&model),
        "--data",
        &s(&data),
        "--json",
    ]))
    .unwrap();
    assert_eq!(v["method"], "confirmed");
    assert_eq!(v["folds"], 2);
    assert_eq!(v["patients"], 1500, "every patient tests once");
    let pairs = v["pairs"].as_array().unwrap();
    assert_eq!(v["tested"].as_u64().unwrap() as usize, pairs.len());
    let fdr = v["fdr"].as_f64().unwrap();
    let declared = pairs.iter().filter(|p| p["declared"] == true).count();
    assert_eq!(v["declared"].as_u64().unwrap() as usize, declared);
    let mut last = 0.0;
    for p in pairs {
        let (pv, q) = (
            p["p_value"].as_f64().unwrap(),
            p["q_value"].as_f64().unwrap(),
        );
        assert!(pv >= last, "by increasing p-value");
        last = pv;
        assert_eq!(p["declared"] == true, q < fdr);
        let halves: Vec<f64> = p["fold_p_values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect();
        assert_eq!(halves.len(), 2);
        // Each half one-sided in the direction of its outcome screen.
        let sided: Vec<f64> = halves
            .iter()
            .enumerate()
            .map(|(k, &p2)| {
                let direction = p["fold_directions"][k].as_i64().unwrap();
                match p["fold_log_hazard_ratios"][k].as_f64() {
                    Some(b) if direction != 0 && p2 < 1.0 => {
                        if (b > 0.0) == (direction > 0) {
                            p2 / 2.0
                        } else {
                            1.0 - p2 / 2.0
                        }
                    }
                    _ => p2,
                }
            })
            .collect();
        let min = sided.iter().copied().fold(1.0f64, f64::min);
        assert_eq!(pv, (2.0 * min).min(1.0));
        if let (Some(hr), Some(lo), Some(hi)) = (
            p["hazard_ratio"].as_f64(),
            p["ci_low"].as_f64(),
            p["ci_high"].as_f64(),
        ) {
            assert!(lo < hr && hr < hi, "{p}");
        }
    }
}

#[test]
fn calibration_counts_false_declarations_and_planted_power_per_scale() {
    let v: Value = serde_json::from_str(&survlens(&[
        "calibrate-interactions",
        "--patients",
        "1500",
        "--seeds",
        "2",
        "--scales",
        "0,1",
        "--json",
    ]))
    .unwrap();
    assert_eq!(v["cohorts"], "calibration");
    let runs = v["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 4);
    for run in runs {
        let declared = run["declared"].as_array().unwrap();
        let false_declared = declared.iter().filter(|d| d["planted"] == false).count();
        assert_eq!(
            run["false_declared"].as_u64().unwrap() as usize,
            false_declared
        );
        let additive = run["interaction_scale"].as_f64().unwrap() == 0.0;
        assert_eq!(run["preset"], if additive { "additive" } else { "planted" });
        // The additive twin plants nothing: every declaration there is false.
        assert_eq!(run["planted"].as_array().unwrap().is_empty(), additive);
        for p in run["planted"].as_array().unwrap() {
            assert!(p["declared"] == false || p["tested"] == true);
            let power = p["oracle_power"].as_f64().unwrap();
            assert_eq!(p["detectable"] == true, power >= 0.8);
        }
    }
    let scales = v["scales"].as_array().unwrap();
    assert_eq!(scales.len(), 2);
    for s in scales {
        assert_eq!(s["seeds"], serde_json::json!([1, 2]));
        let per_seed: Vec<u64> = s["false_declared"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_u64().unwrap())
            .collect();
        assert_eq!(
            s["seeds_without_false"].as_u64().unwrap() as usize,
            per_seed.iter().filter(|&&f| f == 0).count()
        );
        for p in s["planted"].as_array().unwrap() {
            let (declared, runs) = (p["declared"].as_u64().unwrap(), p["runs"].as_u64().unwrap());
            assert_eq!(runs, 2);
            assert!((p["power"].as_f64().unwrap() - declared as f64 / 2.0).abs() < 1e-12);
        }
    }
}
