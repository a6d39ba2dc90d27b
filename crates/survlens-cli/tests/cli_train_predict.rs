//! `survlens train` -> `survlens predict` on the veteran lung cohort with fast settings:
//! the model file is deterministic for a seed, predictions are deterministic and
//! well-formed, and a cohort without the model's markers is refused naming them.

#![allow(clippy::unwrap_used, clippy::panic)]

mod cli_common;

use std::path::Path;

use cli_common::{root, scratch, survlens};

const DATA: &str = "data/veteran_lung.csv";

fn train(out: &Path) -> serde_json::Value {
    survlens(&[
        "train",
        "--recipe",
        "study",
        "--data",
        DATA,
        "--time",
        "time",
        "--event",
        "event",
        "--folds",
        "2",
        "--seed",
        "7",
        "--epochs-per-stage",
        "4",
        "--learning-rate",
        "1e-2",
        "--batch-size",
        "32",
        "--hidden-width",
        "16",
        "--time-unit",
        "days",
        "--quiet",
        "--json",
        "--out",
        out.to_str().unwrap(),
    ])
    .json()
}

#[test]
fn train_then_predict_round_trip() {
    let dir = scratch("train-predict");
    let (model_a, model_b) = (dir.join("a.json"), dir.join("b.json"));
    let summary = train(&model_a);
    train(&model_b);
    // Same seed, same target: the same model file, byte for byte.
    let text = std::fs::read_to_string(&model_a).unwrap();
    assert_eq!(text, std::fs::read_to_string(&model_b).unwrap());

    assert_eq!(summary["patients"], 137);
    assert_eq!(summary["events"], 128);
    // pid is the id, not a marker: num_karno, num_diagtime, num_age, fac_trt,
    // fac_celltype, fac_prior.
    assert_eq!(summary["markers"], 6);
    let oof = &summary["out_of_fold"];
    assert_eq!(oof["folds"], 2);
    let c = oof["harrell_c"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&c), "out-of-fold C {c}");
    let model: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(model["format"], "survlens-model");
    assert_eq!(model["version"], 1);
    assert_eq!(model["columns"]["id"], "pid");
    assert_eq!(model["columns"]["time_unit"], "days");

    let predict = |out: Option<&Path>| {
        let mut args = vec![
            "predict",
            "--model",
            model_a.to_str().unwrap(),
            "--data",
            DATA,
            "--times",
            "30,90,180",
        ];
        if let Some(out) = out {
            args.extend(["--out", out.to_str().unwrap()]);
        }
        let run = survlens(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stdout
    };
    let csv_path = dir.join("p.csv");
    assert!(predict(Some(&csv_path)).is_empty());
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    assert_eq!(
        csv,
        predict(None),
        "file and stdout agree, and runs are deterministic"
    );

    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "id,log_risk,risk_group,survival_at_30,survival_at_90,survival_at_180,median_survival"
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 137);
    let data = std::fs::read_to_string(root().join(DATA)).unwrap();
    let pids: Vec<&str> = data
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    for (row, pid) in rows.iter().zip(&pids) {
        assert_eq!(row[0], *pid);
        row[1].parse::<f64>().unwrap();
        assert!(
            ["lower third", "middle third", "upper third"].contains(&row[2]),
            "{row:?}"
        );
        let s: Vec<f64> = row[3..6].iter().map(|v| v.parse().unwrap()).collect();
        assert!(
            s[0] <= 1.0 && s[0] >= s[1] && s[1] >= s[2] && s[2] >= 0.0,
            "survival must fall: {row:?}"
        );
        assert!(row[6].is_empty() || row[6].parse::<f64>().unwrap() > 0.0);
    }
}

#[test]
fn predict_names_the_missing_marker_columns() {
    let dir = scratch("predict-missing");
    let model = dir.join("m.json");
    train(&model);
    // The cohort without its num_karno and fac_celltype columns.
    let data = std::fs::read_to_string(root().join(DATA)).unwrap();
    let header: Vec<&str> = data.lines().next().unwrap().split(',').collect();
    let keep: Vec<usize> = (0..header.len())
        .filter(|&c| !["num_karno", "fac_celltype"].contains(&header[c]))
        .collect();
    let short: Vec<String> = data
        .lines()
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            keep.iter().map(|&c| cells[c]).collect::<Vec<_>>().join(",")
        })
        .collect();
    let path = dir.join("short.csv");
    std::fs::write(&path, short.join("\n")).unwrap();
    let run = survlens(&[
        "predict",
        "--model",
        model.to_str().unwrap(),
        "--data",
        path.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    for needle in ["short.csv", "\"num_karno\"", "\"fac_celltype\""] {
        assert!(
            run.stderr.contains(needle),
            "lacks {needle}: {}",
            run.stderr
        );
    }
}

/// The training range `[min, max]` of `marker` in a model file: the object naming it whose
/// encoding carries a `range`, wherever the file nests it.
fn training_range(model: &serde_json::Value, marker: &str) -> Option<[f64; 2]> {
    match model {
        serde_json::Value::Object(map) => {
            if map.get("name").and_then(|n| n.as_str()) == Some(marker)
                && let Some(range) = map
                    .get("encoding")
                    .and_then(|e| e.get("range"))
                    .and_then(|r| r.as_array())
            {
                return Some([range[0].as_f64()?, range[1].as_f64()?]);
            }
            map.values().find_map(|v| training_range(v, marker))
        }
        serde_json::Value::Array(items) => items.iter().find_map(|v| training_range(v, marker)),
        _ => None,
    }
}

#[test]
fn predict_warns_in_sentences_with_rounded_numbers() {
    let dir = scratch("predict-range");
    let model = dir.join("m.json");
    train(&model);
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&model).unwrap()).unwrap();
    let [min, _] = training_range(&file, "num_karno").expect("num_karno's training range");
    let [_, age_max] = training_range(&file, "num_age").expect("num_age's training range");
    // Patient 0 a little below the Karnofsky minimum, patient 1 above the age maximum, by
    // amounts whose shortest decimal form has many digits.
    let low = min - 1.0 / 7.0;
    let high = age_max + 2.0 / 3.0;
    let data = std::fs::read_to_string(root().join(DATA)).unwrap();
    let header: Vec<&str> = data.lines().next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (karno, age) = (col("num_karno"), col("num_age"));
    let edited: Vec<String> = data
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let mut cells: Vec<String> = l.split(',').map(str::to_owned).collect();
            match i {
                1 => cells[karno] = format!("{low}"),
                2 => cells[age] = format!("{high}"),
                _ => {}
            }
            cells.join(",")
        })
        .collect();
    let path = dir.join("edited.csv");
    std::fs::write(&path, edited.join("\n")).unwrap();
    let run = survlens(&[
        "predict",
        "--model",
        model.to_str().unwrap(),
        "--data",
        path.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pid = |row: usize| data.lines().nth(row).unwrap().split(',').next().unwrap();
    // Three significant digits, the bound as few as it needs (training ranges of these
    // markers are whole numbers).
    let three = |x: f64| {
        let decimals = (2 - x.abs().log10().floor() as i64).max(0) as usize;
        let s = format!("{x:.decimals$}");
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            s
        }
    };
    assert_eq!(min.fract(), 0.0, "num_karno's minimum {min}");
    assert_eq!(age_max.fract(), 0.0, "num_age's maximum {age_max}");
    let want = [
        format!(
            "survlens: warning: patient \"{}\", marker \"num_karno\": {} is below the training minimum of {min}; the model extrapolates",
            pid(1),
            three(f64::from(low as f32))
        ),
        format!(
            "survlens: warning: patient \"{}\", marker \"num_age\": {} is above the training maximum of {age_max}; the model extrapolates",
            pid(2),
            three(f64::from(high as f32))
        ),
    ];
    for line in &want {
        assert!(
            run.stderr.lines().any(|l| l == line),
            "lacks {line}:\n{}",
            run.stderr
        );
    }
    assert!(
        !run.stderr.contains("Training {") && !run.stderr.contains("UnseenLevel"),
        "debug format in {}",
        run.stderr
    );
}
