//! `survlens explain`, `importance` and `interactions` on a survlens model file: a small
//! network trained by `survlens train` on the bundled veteran lung cohort
//! (data/veteran_lung.csv; mirrors on, one categorical marker). The checks are internal
//! identities, no outside reference: markers' relevances are the sums of their inputs'
//! (grouping only moves relevance), the prediction column is `survlens predict`'s log-risk,
//! and the JSON keys are checked exactly because scripts read them (a stable contract).
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/veteran_lung.csv");

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
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("xai_bundle_cli");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The model file, trained once for all tests of this file (a few epochs: the checks do
/// not depend on how well it predicts).
fn model() -> &'static str {
    static MODEL: OnceLock<String> = OnceLock::new();
    MODEL.get_or_init(|| {
        let path = dir().join("veteran.json");
        let p = path.to_str().unwrap().to_owned();
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
            "1",
            "--epochs-per-stage",
            "3",
            "--mirror",
            "--seed",
            "3",
            "--out",
            &p,
        ]);
        p
    })
}

fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<f64>>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(|v| v.parse().unwrap()).collect())
        .collect();
    (header, rows)
}

/// The marker of an encoded input's display name (`x`, `x (missing)`, `x = level`,
/// `... (mirror)`); the veteran markers contain none of these separators.
fn marker_of(feature: &str) -> &str {
    let f = feature.strip_suffix(" (mirror)").unwrap_or(feature);
    let f = f.strip_suffix(" (missing)").unwrap_or(f);
    f.split(" = ").next().unwrap()
}

#[test]
fn markers_sum_their_inputs_and_predictions_match_predict() {
    let stored: Value = serde_json::from_str(&std::fs::read_to_string(model()).unwrap()).unwrap();
    let markers: Vec<&str> = stored["markers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    let features: Vec<&str> = stored["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert!(
        features.iter().any(|f| f.ends_with("(mirror)"))
            && features.iter().any(|f| f.contains(" = "))
    );

    let grouped = dir().join("grouped.csv");
    let ungrouped = dir().join("ungrouped.csv");
    survlens(&[
        "explain",
        "--model",
        model(),
        "--data",
        DATA,
        "--out",
        grouped.to_str().unwrap(),
    ]);
    survlens(&[
        "explain",
        "--model",
        model(),
        "--data",
        DATA,
        "--ungrouped",
        "--out",
        ungrouped.to_str().unwrap(),
    ]);
    let (gh, g) = read_csv(&grouped);
    let (uh, u) = read_csv(&ungrouped);
    assert_eq!(gh[0], "prediction");
    assert_eq!(
        &gh[1..],
        markers.as_slice(),
        "one column per marker, model order"
    );
    assert_eq!(
        &uh[1..],
        features.as_slice(),
        "one column per encoded input"
    );
    assert_eq!(g.len(), 137, "one row per data row");
    assert_eq!(u.len(), g.len());
    for (p, (gr, ur)) in g.iter().zip(&u).enumerate() {
        assert_eq!(gr[0], ur[0], "row {p}: the same prediction");
        for (k, m) in markers.iter().enumerate() {
            let sum: f64 = features
                .iter()
                .zip(&ur[1..])
                .filter(|(f, _)| marker_of(f) == *m)
                .map(|(_, v)| v)
                .sum();
            // f32 sums accumulated in f64 on both sides: 1e-6 absolute + relative.
            assert!(
                (gr[k + 1] - sum).abs() <= 1e-6 * (1.0 + sum.abs()),
                "row {p}, {m}: {} vs {sum}",
                gr[k + 1]
            );
        }
    }
    let predicted = survlens(&["predict", "--model", model(), "--data", DATA]);
    let mut lines = predicted.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = header.iter().position(|h| *h == "log_risk").unwrap();
    for (p, line) in lines.enumerate() {
        let log_risk: f64 = line.split(',').nth(col).unwrap().parse().unwrap();
        // The same f32 network output, printed as f32 here and as f64 there.
        assert!(
            (g[p][0] - log_risk).abs() <= 1e-6 * (1.0 + log_risk.abs()),
            "row {p}"
        );
    }
}

#[test]
fn importance_and_interactions_speak_in_markers() {
    let stored: Value = serde_json::from_str(&std::fs::read_to_string(model()).unwrap()).unwrap();
    let mut markers: Vec<&str> = stored["markers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    markers.sort_unstable();
    let v: Value = serde_json::from_str(&survlens(&[
        "importance",
        "--model",
        model(),
        "--data",
        DATA,
        "--json",
    ]))
    .unwrap();
    let mut names: Vec<&str> = v["markers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    names.sort_unstable();
    assert_eq!(names, markers);
    assert!(!v["key_markers"].as_array().unwrap().is_empty());
    for method in ["model", "statistical"] {
        let v: Value = serde_json::from_str(&survlens(&[
            "interactions",
            "--model",
            model(),
            "--data",
            DATA,
            "--method",
            method,
            "--top",
            "4",
            "--json",
        ]))
        .unwrap();
        let pairs = v["pairs"].as_array().unwrap();
        // Statistical: 4 x 3 ordered pairs, less those it cannot split. Model: the 4 moved
        // markers, each against every other marker.
        let expected = match method {
            "model" => 4 * (markers.len() - 1),
            _ => 12,
        };
        assert!(
            pairs.len() <= expected && (method == "statistical" || pairs.len() == expected),
            "{method}"
        );
        assert!(v["significant"].as_u64().unwrap() as usize <= pairs.len());
        for p in pairs {
            assert!(
                markers.contains(&p["a"].as_str().unwrap())
                    && markers.contains(&p["b"].as_str().unwrap())
            );
            // Every tested pair has a q-value (statistical: all; model: those with a p-value).
            let tested = method == "statistical" || p.get("p_value").is_some();
            assert_eq!(p.get("q_value").is_some(), tested, "{method}: {p}");
        }
    }
}

/// `--reference cohort`: a `reference` column after `prediction`, the same typical
/// patient's log-risk on every row, the same predictions as without it, and each row's
/// relevances summing to `prediction - reference` (DeepLIFT's summation to delta, to
/// `f32` rounding).
#[test]
fn explain_relative_to_the_typical_patient_sums_to_the_difference() {
    let plain = dir().join("plain.csv");
    let relative = dir().join("relative.csv");
    for (out, extra) in [(&plain, None), (&relative, Some("cohort"))] {
        let mut args = vec![
            "explain",
            "--model",
            model(),
            "--data",
            DATA,
            "--out",
            out.to_str().unwrap(),
        ];
        if let Some(r) = extra {
            args.extend(["--reference", r]);
        }
        survlens(&args);
    }
    let (h0, rows0) = read_csv(&plain);
    let (h1, rows1) = read_csv(&relative);
    assert_eq!(h1[0], "prediction");
    assert_eq!(h1[1], "reference");
    assert_eq!(&h1[2..], &h0[1..]);
    let reference = rows1[0][1];
    for (a, b) in rows0.iter().zip(&rows1) {
        assert_eq!(a[0], b[0]);
        assert_eq!(b[1], reference);
        let sum: f64 = b[2..].iter().sum();
        let scale = 1.0 + b[2..].iter().map(|v| v.abs()).sum::<f64>();
        assert!(
            (sum - (b[0] - b[1])).abs() <= 1e-5 * scale,
            "{sum} vs {}",
            b[0] - b[1]
        );
    }
}
