//! Patients without an outcome and added missing-value codes on the command line:
//! `predict` and `explain` (survlens model files and ONNX) take a file with the model's
//! markers only (id optional) and give exactly what they give for the same patients with
//! their outcomes; outcomes, when present, give the file's C-index, which equals
//! `survlens cindex` on the same predictions; `--missing-codes` is accepted by every
//! command that reads a cohort and reads the added codes as the empty cell is read.

#![allow(clippy::unwrap_used, clippy::panic)]

mod cli_common;

use std::path::{Path, PathBuf};

use cli_common::{Run, root, scratch, survlens};

const DATA: &str = "data/veteran_lung.csv";

fn ok(args: &[&str]) -> Run {
    let run = survlens(args);
    assert_eq!(run.code, 0, "survlens {args:?} failed: {}", run.stderr);
    run
}

/// A small, fast model of the veteran lung cohort (seed fixed: deterministic).
fn train(out: &Path, data: &str, extra: &[&str]) -> Run {
    let mut args = vec![
        "train",
        "--recipe",
        "study",
        "--data",
        data,
        "--time",
        "time",
        "--event",
        "event",
        "--folds",
        "2",
        "--seed",
        "7",
        "--epochs-per-stage",
        "3",
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
    ];
    args.extend_from_slice(extra);
    ok(&args)
}

/// The CSV `text` with the columns named in `drop` left out (the file has no quoted cells).
fn without_columns(text: &str, drop: &[&str]) -> String {
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let keep: Vec<usize> = (0..header.len())
        .filter(|&c| !drop.contains(&header[c]))
        .collect();
    text.lines()
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            keep.iter().map(|&c| cells[c]).collect::<Vec<_>>().join(",") + "\n"
        })
        .collect()
}

/// The CSV `text` with `cell` written into column `column` of the given data rows
/// (0-based, header excluded).
fn with_cells(text: &str, column: &str, rows: &[usize], cell: &str) -> String {
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let c = header.iter().position(|h| *h == column).unwrap();
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            let mut cells: Vec<&str> = l.split(',').collect();
            if i > 0 && rows.contains(&(i - 1)) {
                cells[c] = cell;
            }
            cells.join(",") + "\n"
        })
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn predict_and_explain_take_a_file_with_markers_only() {
    let dir = scratch("outcome-free");
    let model = dir.join("m.json");
    train(&model, DATA, &[]);
    let full = std::fs::read_to_string(root().join(DATA)).unwrap();
    let markers_only = write(&dir, "new.csv", &without_columns(&full, &["time", "event"]));
    let no_id = write(
        &dir,
        "new_no_id.csv",
        &without_columns(&full, &["pid", "time", "event"]),
    );

    // predict: the same rows with and without the outcome columns.
    let predict = |data: &str| {
        ok(&[
            "predict",
            "--model",
            s(&model),
            "--data",
            data,
            "--times",
            "30,180",
        ])
    };
    let with_outcome = predict(DATA);
    let without = predict(s(&markers_only));
    assert_eq!(with_outcome.stdout, without.stdout);
    assert!(
        without
            .stderr
            .contains("no survival time and event columns"),
        "{}",
        without.stderr
    );
    assert!(
        !without.stderr.contains("Harrell's C"),
        "{}",
        without.stderr
    );
    // No id column: ids are the spreadsheet rows, predictions unchanged.
    let anonymous = predict(s(&no_id));
    let ids: Vec<&str> = anonymous
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(ids.len(), 137);
    assert_eq!((ids[0], ids[136]), ("row 2", "row 138"));
    let strip_id = |csv: &str| -> Vec<String> {
        csv.lines()
            .skip(1)
            .map(|l| l.split_once(',').unwrap().1.to_owned())
            .collect()
    };
    assert_eq!(strip_id(&anonymous.stdout), strip_id(&with_outcome.stdout));

    // With outcomes, the note gives the file's Harrell's C, which `survlens cindex`
    // computes from the written predictions and the same outcomes (4 decimals).
    let note = with_outcome
        .stderr
        .lines()
        .find(|l| l.contains("Harrell's C"))
        .unwrap_or_else(|| panic!("no C-index note: {}", with_outcome.stderr));
    let noted: f64 = note
        .split("outcomes: ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let risks: Vec<&str> = with_outcome
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    let mut scored = String::from("time,event,risk\n");
    for (line, risk) in full.lines().skip(1).zip(&risks) {
        let cells: Vec<&str> = line.split(',').collect();
        scored.push_str(&format!("{},{},{risk}\n", cells[2], cells[1]));
    }
    let scored = write(&dir, "scored.csv", &scored);
    let cindex = ok(&[
        "cindex",
        "--data",
        s(&scored),
        "--time",
        "time",
        "--event",
        "event",
        "--risk",
        "risk",
        "--json",
    ])
    .json()["cindex"]
        .as_f64()
        .unwrap();
    assert!((noted - cindex).abs() <= 5e-5, "{noted} vs {cindex}");

    // explain --rule paper-gamma on the markers-only file: the same relevance table.
    let explain = |data: &str, out: &Path| {
        ok(&[
            "explain",
            "--model",
            s(&model),
            "--data",
            data,
            "--rule",
            "paper-gamma",
            "--out",
            s(out),
        ]);
        std::fs::read_to_string(out).unwrap()
    };
    let r_full = explain(DATA, &dir.join("r_full.csv"));
    let r_new = explain(s(&markers_only), &dir.join("r_new.csv"));
    let r_anonymous = explain(s(&no_id), &dir.join("r_anonymous.csv"));
    assert_eq!(r_full, r_new);
    assert_eq!(r_full, r_anonymous);
    assert_eq!(r_new.lines().count(), 138);
    // importance and interactions read the same files.
    let importance =
        |data: &str| ok(&["importance", "--model", s(&model), "--data", data, "--json"]).stdout;
    assert_eq!(importance(DATA), importance(s(&markers_only)));

    // Half an outcome is refused, naming both columns.
    let half = write(&dir, "half.csv", &without_columns(&full, &["event"]));
    let run = survlens(&["predict", "--model", s(&model), "--data", s(&half)]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "half.csv: the file has the survival time column \"time\" but no column \"event\""
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn onnx_explain_sets_aside_the_id_and_outcome_columns() {
    let doc: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/fixtures/reference/xai_onnx.json")).unwrap(),
    )
    .unwrap();
    let case = &doc["models"][0];
    let model = root()
        .join("tests/fixtures/onnx")
        .join(case["file"].as_str().unwrap());
    let x: Vec<Vec<f64>> = case["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap())
                .collect()
        })
        .collect();
    let d = x[0].len();
    let dir = scratch("onnx-outcome-free");
    let header: Vec<String> = (0..d).map(|i| format!("x{i}")).collect();
    let mut inputs_only = header.join(",") + "\n";
    let mut with_id = format!("pid,{},time,event\n", header.join(","));
    for (p, row) in x.iter().enumerate() {
        let values: Vec<String> = row.iter().map(|&v| (v as f32).to_string()).collect();
        inputs_only.push_str(&(values.join(",") + "\n"));
        with_id.push_str(&format!("p{p},{},{},{}\n", values.join(","), 10 + p, p % 2));
    }
    let inputs_only = write(&dir, "inputs.csv", &inputs_only);
    let with_id = write(&dir, "with_id.csv", &with_id);
    let explain = |extra: &[&str], data: &Path, out: &str| -> Run {
        let out = dir.join(out);
        let mut args = vec![
            "explain",
            "--model",
            s(&model),
            "--data",
            s(data),
            "--rule",
            "paper-gamma",
            "--out",
        ];
        args.push(s(&out));
        args.extend_from_slice(extra);
        let run = survlens(&args);
        if run.code == 0 {
            return Run {
                stdout: std::fs::read_to_string(out).unwrap(),
                ..run
            };
        }
        run
    };
    let plain = explain(&[], &inputs_only, "a.csv");
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    let set_aside = explain(
        &["--id", "pid", "--time", "time", "--event", "event"],
        &with_id,
        "b.csv",
    );
    assert_eq!(set_aside.code, 0, "{}", set_aside.stderr);
    assert_eq!(plain.stdout, set_aside.stdout);
    // Without naming them, the extra columns are named in the message.
    let refused = explain(&[], &with_id, "c.csv");
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("--id, --time or --event"),
        "{}",
        refused.stderr
    );
    // A missing value in an input, written as any code, is named with its cell.
    for code in ["NA", "missing", "?", ""] {
        let text = std::fs::read_to_string(&inputs_only).unwrap();
        let bad = write(&dir, "missing.csv", &with_cells(&text, "x1", &[2], code));
        let run = explain(&[], &bad, "d.csv");
        assert_eq!(run.code, 2, "{code:?}");
        // Read by the importer: file, row and column, and why an ONNX model needs the value.
        for needle in [
            "missing.csv, row 4, column \"x1\": the marker is missing",
            "no preprocessing to impute missing values",
        ] {
            assert!(run.stderr.contains(needle), "{code:?}: {}", run.stderr);
        }
    }
    // Text in an input column is named with its cell, as every import names it.
    {
        let text = std::fs::read_to_string(&inputs_only).unwrap();
        let bad = write(&dir, "text.csv", &with_cells(&text, "x1", &[3], "high"));
        let run = explain(&[], &bad, "e.csv");
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr
                .contains("text.csv, row 5, column \"x1\": expected a number, found \"high\""),
            "{}",
            run.stderr
        );
    }
}

/// Every command that reads a cohort takes `--missing-codes`; with it, a file that writes
/// `unknown` and `-9` where another file leaves cells empty gives the same output; without
/// it, the codes are refused as what they are (text in a number column).
#[test]
fn every_cohort_command_reads_added_missing_codes_as_empty_cells() {
    let dir = scratch("missing-codes");
    let full = std::fs::read_to_string(root().join(DATA)).unwrap();
    // Empty cells, and the same cells written as codes.
    let rows = [3, 17, 40, 99];
    let empty = with_cells(&full, "num_karno", &rows, "");
    let empty = with_cells(&empty, "fac_celltype", &[5, 6], "");
    let coded = with_cells(&full, "num_karno", &rows[..2], "unknown");
    let coded = with_cells(&coded, "num_karno", &rows[2..], "-9");
    let coded = with_cells(&coded, "fac_celltype", &[5, 6], "UNKNOWN");
    let empty = write(&dir, "empty.csv", &empty);
    let coded = write(&dir, "coded.csv", &coded);
    let codes = ["--missing-codes", "unknown,-9"];

    let same = |args: &[&str]| {
        let on = |data: &Path| -> Vec<String> {
            args.iter()
                .map(|a| {
                    if *a == "DATA" {
                        s(data).to_owned()
                    } else {
                        (*a).to_owned()
                    }
                })
                .collect()
        };
        let plain: Vec<String> = on(&empty);
        let mut with_codes: Vec<String> = on(&coded);
        with_codes.extend(codes.iter().map(|c| (*c).to_owned()));
        let a = ok(&plain.iter().map(String::as_str).collect::<Vec<_>>());
        let b = ok(&with_codes.iter().map(String::as_str).collect::<Vec<_>>());
        (a, b)
    };
    let cox = [
        "cox", "--data", "DATA", "--time", "time", "--event", "event", "--json",
    ];
    let (a, b) = same(&cox);
    assert_eq!(a.stdout, b.stdout, "cox");
    let km = [
        "km",
        "--data",
        "DATA",
        "--time",
        "time",
        "--event",
        "event",
        "--group",
        "fac_celltype",
        "--json",
    ];
    let (a, b) = same(&km);
    assert_eq!(a.stdout, b.stdout, "km");
    let cindex = [
        "cindex",
        "--data",
        "DATA",
        "--time",
        "time",
        "--event",
        "event",
        "--risk",
        "num_karno",
        "--json",
    ];
    let (a, b) = same(&cindex);
    assert_eq!(a.stdout, b.stdout, "cindex");

    // train: the same model file (the id column is guessed with the codes too).
    let (m_empty, m_coded) = (dir.join("empty.json"), dir.join("coded.json"));
    train(&m_empty, s(&empty), &[]);
    let mut extra = codes.to_vec();
    extra.extend(["--id", "pid"]);
    train(&m_coded, s(&coded), &extra);
    let strip_software = |p: &Path| {
        let mut v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
        v["training"]["data"] = serde_json::Value::Null;
        v["provenance"] = serde_json::Value::Null;
        v
    };
    assert_eq!(
        strip_software(&m_empty)["network"],
        strip_software(&m_coded)["network"]
    );
    assert_eq!(
        strip_software(&m_empty)["encoder"],
        strip_software(&m_coded)["encoder"]
    );

    // predict, explain, importance, interactions with the model.
    let m = s(&m_empty).to_owned();
    for args in [
        vec!["predict", "--model", &m, "--data", "DATA", "--times", "90"],
        vec!["importance", "--model", &m, "--data", "DATA", "--json"],
        vec![
            "interactions",
            "--model",
            &m,
            "--data",
            "DATA",
            "--method",
            "statistical",
            "--json",
        ],
    ] {
        let (a, b) = same(&args);
        assert_eq!(a.stdout, b.stdout, "{}", args[0]);
    }
    let out_a = dir.join("ra.csv");
    let out_b = dir.join("rb.csv");
    ok(&[
        "explain",
        "--model",
        &m,
        "--data",
        s(&empty),
        "--out",
        s(&out_a),
    ]);
    let mut args = vec![
        "explain",
        "--model",
        &m,
        "--data",
        s(&coded),
        "--out",
        s(&out_b),
    ];
    args.extend(codes);
    ok(&args);
    assert_eq!(
        std::fs::read_to_string(out_a).unwrap(),
        std::fs::read_to_string(out_b).unwrap()
    );

    // Without the flag, the codes are text in a number column, named with their cells.
    let run = survlens(&[
        "cox",
        "--data",
        s(&coded),
        "--time",
        "time",
        "--event",
        "event",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("row 5, column \"num_karno\": expected a number, found \"unknown\""),
        "{}",
        run.stderr
    );
    // A code that cannot be one is refused before the file is read.
    let run = survlens(&[
        "cox",
        "--data",
        s(&coded),
        "--time",
        "time",
        "--event",
        "event",
        "--missing-codes",
        "inf",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--missing-codes: the missing-value code \"inf\" cannot be used"),
        "{}",
        run.stderr
    );
}
