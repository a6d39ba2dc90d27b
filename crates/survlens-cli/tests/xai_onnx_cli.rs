//! `survlens explain`, `importance` and `interactions` on ONNX models exported by torch
//! 2.15.0 (tests/fixtures/onnx/, tools/references/xai_onnx_fixtures.py): the R.csv and JSON
//! outputs, whose columns and keys are a stable contract for scripts, checked exactly, and
//! the numbers against torch's outputs
//! and zennit 0.5.1's `Gamma(gamma=0.01, stabilizer=1e-5)` relevances
//! (tests/fixtures/reference/xai_onnx.json, float64 from float32 parameters).
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/reference/xai_onnx.json"
);
const ONNX_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/onnx/");

/// float32 propagation against a float64 reference: `|ours - theirs| <= 1e-5 (1 + |theirs|)`.
fn close(ours: f64, theirs: f64) -> bool {
    (ours - theirs).abs() <= 1e-5 * (1.0 + theirs.abs())
}

fn fixture() -> Value {
    serde_json::from_str(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap()
}

fn onnx(file: &str) -> String {
    format!("{ONNX_DIR}{file}")
}

/// A fresh directory under the target's temporary folder for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("xai_cli_{test}"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn survlens(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_survlens"))
        .args(args)
        .output()
        .unwrap()
}

fn ok_stdout(args: &[&str]) -> String {
    let out = survlens(args);
    assert!(
        out.status.success(),
        "survlens {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn rows(v: &Value) -> Vec<Vec<f64>> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_f64().unwrap())
                .collect()
        })
        .collect()
}

/// Writes `x` as a CSV with the given header; values as the shortest f32 text.
fn write_csv(path: &Path, header: &[String], x: &[Vec<f64>]) {
    let mut text = header.join(",");
    text.push('\n');
    for r in x {
        let fields: Vec<String> = r.iter().map(|&v| (v as f32).to_string()).collect();
        text.push_str(&fields.join(","));
        text.push('\n');
    }
    std::fs::write(path, text).unwrap();
}

fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<f64>>) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header = lines
        .next()
        .unwrap()
        .split(',')
        .map(str::to_owned)
        .collect();
    let body = lines
        .map(|l| l.split(',').map(|v| v.parse().unwrap()).collect())
        .collect();
    (header, body)
}

#[test]
fn explain_writes_prediction_then_one_column_per_input() {
    let doc = fixture();
    let dir = scratch("explain");
    for case in doc["models"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let x = rows(&case["inputs"]);
        let header: Vec<String> = (0..x[0].len())
            .map(|i| format!("marker {name} {i}"))
            .collect();
        let data = dir.join(format!("{name}.csv"));
        let out = dir.join(format!("{name}_relevance.csv"));
        write_csv(&data, &header, &x);
        ok_stdout(&[
            "explain",
            "--model",
            &onnx(case["file"].as_str().unwrap()),
            "--data",
            data.to_str().unwrap(),
            "--rule",
            "paper-gamma",
            "--out",
            out.to_str().unwrap(),
        ]);
        let (got_header, got) = read_csv(&out);
        let mut expected_header = vec!["prediction".to_owned()];
        expected_header.extend(header.iter().cloned());
        assert_eq!(got_header, expected_header, "{name}");
        assert_eq!(got.len(), x.len(), "{name}: one row per data row");
        let outputs: Vec<f64> = case["outputs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        for (p, (row, reference)) in got.iter().zip(rows(&case["paper_gamma"])).enumerate() {
            // torch 2.15.0 output, float64.
            assert!(
                close(row[0], outputs[p]),
                "{name} row {p}: {} vs torch {}",
                row[0],
                outputs[p]
            );
            // zennit 0.5.1 Gamma(0.01, 1e-5).
            for (i, (&ours, &theirs)) in row[1..].iter().zip(&reference).enumerate() {
                assert!(
                    close(ours, theirs),
                    "{name} row {p} input {i}: {ours} vs zennit {theirs}"
                );
            }
        }
    }
}

#[test]
fn importance_json_contract_and_values() {
    let doc = fixture();
    let case = &doc["models"][1];
    let dir = scratch("importance");
    let x = rows(&case["inputs"]);
    let header: Vec<String> = (0..x[0].len()).map(|i| format!("m{i}")).collect();
    let data = dir.join("data.csv");
    write_csv(&data, &header, &x);
    let text = ok_stdout(&[
        "importance",
        "--model",
        &onnx(case["file"].as_str().unwrap()),
        "--data",
        data.to_str().unwrap(),
        "--threshold",
        "0.9",
        "--json",
    ]);
    let v: Value = serde_json::from_str(&text).unwrap();
    let mut keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["key_markers", "markers"]);
    let markers = v["markers"].as_array().unwrap();
    assert_eq!(markers.len(), header.len());
    // Mean |zennit relevance| per input, the reference importance.
    let reference = rows(&case["paper_gamma"]);
    let mean_abs =
        |i: usize| reference.iter().map(|r| r[i].abs()).sum::<f64>() / reference.len() as f64;
    let mut previous = (f64::INFINITY, 0.0);
    for m in markers {
        let mut k: Vec<&String> = m.as_object().unwrap().keys().collect();
        k.sort();
        assert_eq!(k, ["cumulative_share", "importance", "name"]);
        let name = m["name"].as_str().unwrap();
        let i: usize = name[1..].parse().unwrap();
        let (imp, share) = (
            m["importance"].as_f64().unwrap(),
            m["cumulative_share"].as_f64().unwrap(),
        );
        assert!(close(imp, mean_abs(i)), "{name}: {imp} vs {}", mean_abs(i));
        assert!(
            imp <= previous.0 && share >= previous.1,
            "sorted, shares non-decreasing"
        );
        previous = (imp, share);
    }
    // Shares end at 1 (to f64 rounding); the key markers are the shortest prefix reaching 0.9.
    assert!((previous.1 - 1.0).abs() < 1e-12);
    let key: Vec<&str> = v["key_markers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    let n_key = markers
        .iter()
        .position(|m| m["cumulative_share"].as_f64().unwrap() >= 0.9)
        .unwrap()
        + 1;
    let expected: Vec<&str> = markers[..n_key]
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(key, expected);
}

/// 300 patients with inputs uniform in [0, 1) for the planted network (a 64-bit LCG,
/// Knuth's MMIX constants, top 24 bits: exact in f32).
fn planted_data(dir: &Path) -> PathBuf {
    let mut state: u64 = 5;
    let mut uniform = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 40) as f64 / (1u64 << 24) as f64
    };
    let x: Vec<Vec<f64>> = (0..300)
        .map(|_| (0..4).map(|_| uniform()).collect())
        .collect();
    let header: Vec<String> = ["x0", "x1", "x2", "x3"].map(String::from).to_vec();
    let data = dir.join("planted.csv");
    write_csv(&data, &header, &x);
    data
}

#[test]
fn interactions_find_the_planted_pair_with_both_methods() {
    let doc = fixture();
    let model = onnx(doc["planted"]["file"].as_str().unwrap());
    let data = planted_data(&scratch("interactions"));
    for method in ["model", "statistical"] {
        let text = ok_stdout(&[
            "interactions",
            "--model",
            &model,
            "--data",
            data.to_str().unwrap(),
            "--method",
            method,
            "--top",
            "4",
            "--json",
        ]);
        let v: Value = serde_json::from_str(&text).unwrap();
        // The contract's keys stay; `patients` was added (keys may be added, never removed).
        let mut keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["pairs", "patients", "significant"]);
        let pairs = v["pairs"].as_array().unwrap();
        assert_eq!(pairs.len(), 12, "{method}: 4 x 3 ordered pairs");
        for p in pairs {
            let mut k: Vec<&String> = p.as_object().unwrap().keys().collect();
            k.sort();
            // Model: q_value, p_value and z for the pairs it tests (those above the numerical
            // floor); patients for every pair.
            let expected: &[&str] = match (method, p.get("p_value").is_some()) {
                ("statistical", _) => &["a", "b", "effect", "patients", "q_value"],
                (_, true) => &["a", "b", "effect", "p_value", "patients", "q_value", "z"],
                (_, false) => &["a", "b", "effect", "patients"],
            };
            assert_eq!(k, expected, "{method}");
        }
        let top: Vec<&str> = [&pairs[0]["a"], &pairs[0]["b"]]
            .map(|s| s.as_str().unwrap())
            .to_vec();
        assert!(
            top == ["x1", "x2"] || top == ["x2", "x1"],
            "{method}: first pair {top:?}"
        );
        assert_eq!(v["significant"].as_u64().unwrap(), 2, "{method}: {text}");
    }
}

#[test]
fn bad_models_data_and_flags_are_errors_with_messages() {
    let dir = scratch("errors");
    let data = dir.join("two_columns.csv");
    std::fs::write(&data, "a,b\n1,2\n").unwrap();
    let d = data.to_str().unwrap();
    let out_path = dir.join("r.csv");
    let out = out_path.to_str().unwrap();
    let cases: [(&[&str], &str); 5] = [
        (
            &[
                "explain",
                "--model",
                &onnx("unsupported_sigmoid.onnx"),
                "--data",
                d,
                "--out",
                out,
            ],
            "Sigmoid",
        ),
        (
            &[
                "explain",
                "--model",
                &onnx("plain.onnx"),
                "--data",
                d,
                "--out",
                out,
            ],
            "5 inputs",
        ),
        (
            &[
                "explain",
                "--model",
                &onnx("plain.onnx"),
                "--data",
                d,
                "--rule",
                "paper-gamma",
                "--gamma",
                "0.5",
                "--out",
                out,
            ],
            "--gamma",
        ),
        (
            &[
                "explain",
                "--model",
                &onnx("plain.onnx"),
                "--data",
                d,
                "--rule",
                "epsilon",
                "--epsilon=-1",
                "--out",
                out,
            ],
            "eps",
        ),
        (
            &[
                "importance",
                "--model",
                &onnx("plain.onnx"),
                "--data",
                d,
                "--threshold",
                "1.5",
                "--json",
            ],
            "--threshold",
        ),
    ];
    for (args, needle) in cases {
        let o = survlens(args);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
    }
    let missing = dir.join("missing.csv");
    std::fs::write(&missing, "a,b,c\n1,,3\n").unwrap();
    let o = survlens(&[
        "explain",
        "--model",
        &onnx("matmul_add.onnx"),
        "--data",
        missing.to_str().unwrap(),
        "--out",
        out,
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr.contains("row 2") && stderr.contains("\"b\""),
        "{stderr}"
    );
}
