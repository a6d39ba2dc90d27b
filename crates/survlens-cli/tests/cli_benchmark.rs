//! `survlens benchmark`: its JSON contract, the splits file other libraries read, external
//! validation, and the oracle joined from another file. Each figure is checked against an
//! invariant: a split holds out round(30%) of every stratum, and the oracle's C is Harrell's
//! C of that column on exactly the patients the file names (`survlens cindex`, itself
//! checked against scikit-survival in cli_stats.rs), so the rows scored are the rows
//! written.

#![allow(clippy::unwrap_used, clippy::panic)]

mod cli_common;

use std::collections::BTreeSet;

use cli_common::{assert_close, root, scratch, survlens};
use serde_json::Value;

/// Rows of a simple CSV (no quoted fields): header, then the cells of every data row.
fn read_csv(path: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    let mut lines = text.lines();
    let header = lines
        .next()
        .unwrap()
        .split(',')
        .map(str::to_owned)
        .collect();
    let rows = lines
        .filter(|l| !l.is_empty())
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect();
    (header, rows)
}

fn column(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap()
}

fn rows_of(v: &Value) -> Vec<usize> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap() as usize)
        .collect()
}

/// Harrell's C of column `risk` over data rows `rows` of `path`, by `survlens cindex` on a
/// file holding only those rows.
fn cindex_of_rows(path: &str, rows: &[usize], risk: &str, tag: &str) -> f64 {
    let (header, data) = read_csv(path);
    let mut text = header.join(",");
    for &r in rows {
        text.push('\n');
        text.push_str(&data[r].join(","));
    }
    let file = scratch(tag).join("rows.csv");
    std::fs::write(&file, text).unwrap();
    let run = survlens(&[
        "cindex",
        "--data",
        file.to_str().unwrap(),
        "--time",
        "time",
        "--event",
        "event",
        "--risk",
        risk,
        "--json",
    ]);
    run.json()["cindex"].as_f64().unwrap()
}

/// One seed on the VA lung cohort (137 patients): every model and the oracle reported with
/// the documented fields; the splits file holds out round(30%) of the deaths and of the
/// censored patients, train and test partition the rows, and the oracle was scored on
/// exactly the test rows written.
#[test]
fn benchmark_reports_every_model_on_the_split_it_writes() {
    let dir = scratch("benchmark-split");
    let splits = dir.join("splits.json");
    let run = survlens(&[
        "benchmark",
        "--data",
        "data/veteran_lung.csv",
        "--time",
        "time",
        "--event",
        "event",
        "--oracle",
        "num_karno",
        "--seeds",
        "1",
        "--json",
        "--splits",
        splits.to_str().unwrap(),
    ]);
    let out = run.json();
    assert_eq!(out["cohort"], "data/veteran_lung.csv");
    assert_eq!(out["patients"], 137);
    assert_eq!(out["events"], 128);
    // Six covariates; the oracle column is never a marker.
    assert_eq!(out["markers"], 5);
    assert_eq!(out["design"], "splits");
    assert_eq!(out["test_fraction"], 0.3);
    assert!(out["validation"].is_null());
    let results = out["results"].as_array().unwrap();
    let models: Vec<&str> = results
        .iter()
        .map(|r| r["model"].as_str().unwrap())
        .collect();
    assert_eq!(
        models,
        [
            "oracle",
            "survlens auto",
            "survlens study",
            "linear Cox (ridge)",
            "spline Cox (ridge)"
        ]
    );
    for r in results {
        let fields: BTreeSet<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            fields,
            BTreeSet::from(["model", "seed", "harrell_c", "seconds"])
        );
        assert_eq!(r["seed"], 0);
        let c = r["harrell_c"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&c), "{r}");
        assert!(r["seconds"].as_f64().unwrap() >= 0.0, "{r}");
    }

    let written: Value = serde_json::from_str(&std::fs::read_to_string(&splits).unwrap()).unwrap();
    assert_eq!(written["design"], "splits");
    assert_eq!(written["test_fraction"], 0.3);
    assert_eq!(written["data"], "data/veteran_lung.csv");
    assert!(written["validation_data"].is_null());
    let seeds = written["seeds"].as_array().unwrap();
    assert_eq!(seeds.len(), 1);
    assert_eq!(seeds[0]["seed"], 0);
    let (train, test) = (rows_of(&seeds[0]["train"]), rows_of(&seeds[0]["test"]));
    assert!(
        train.windows(2).all(|w| w[0] < w[1]),
        "train rows ascending"
    );
    assert!(test.windows(2).all(|w| w[0] < w[1]), "test rows ascending");
    let mut all: Vec<usize> = train.iter().chain(&test).copied().collect();
    all.sort_unstable();
    assert_eq!(
        all,
        (0..137).collect::<Vec<_>>(),
        "train and test partition the rows"
    );
    // Strata are event x entity (no entity here): 128 deaths and 9 censored patients,
    // round(0.3 x 128) = 38 and round(0.3 x 9) = 3 held out.
    let (header, data) = read_csv("data/veteran_lung.csv");
    let event = column(&header, "event");
    let deaths = test.iter().filter(|&&r| data[r][event] == "1").count();
    assert_eq!((deaths, test.len() - deaths), (38, 3));

    let oracle = results[0]["harrell_c"].as_f64().unwrap();
    let direct = cindex_of_rows(
        "data/veteran_lung.csv",
        &test,
        "num_karno",
        "benchmark-split-c",
    );
    assert_close(
        oracle,
        direct,
        0.0,
        1e-12,
        "oracle C on the written test rows",
    );
}

/// External validation: trained on every Rotterdam patient, tested on every GBSG patient;
/// the splits file says so, and the oracle's C is that of the whole GBSG file.
#[test]
fn validation_data_scores_the_other_file() {
    let dir = scratch("benchmark-external");
    let splits = dir.join("splits.json");
    let run = survlens(&[
        "benchmark",
        "--data",
        "data/rotterdam_harmonised.csv",
        "--validation-data",
        "data/gbsg_harmonised.csv",
        "--time",
        "time",
        "--event",
        "event",
        "--models",
        "linear-cox",
        "--oracle",
        "log_nodes",
        "--seeds",
        "2",
        "--json",
        "--splits",
        splits.to_str().unwrap(),
    ]);
    let out = run.json();
    assert_eq!(out["design"], "external");
    assert!(out["test_fraction"].is_null());
    assert_eq!(out["patients"], 2982);
    assert_eq!(out["events"], 1713);
    assert_eq!(out["validation"]["cohort"], "data/gbsg_harmonised.csv");
    assert_eq!(out["validation"]["patients"], 686);
    assert_eq!(out["validation"]["events"], 299);
    let results = out["results"].as_array().unwrap();
    // Per seed: the oracle, then the linear Cox model.
    assert_eq!(results.len(), 4);

    let written: Value = serde_json::from_str(&std::fs::read_to_string(&splits).unwrap()).unwrap();
    assert_eq!(written["design"], "external");
    assert_eq!(written["validation_data"], "data/gbsg_harmonised.csv");
    for (s, seed) in written["seeds"].as_array().unwrap().iter().enumerate() {
        assert_eq!(seed["seed"], s);
        assert_eq!(rows_of(&seed["train"]), (0..2982).collect::<Vec<_>>());
        assert_eq!(rows_of(&seed["test"]), (0..686).collect::<Vec<_>>());
    }
    let gbsg = cindex_of_rows(
        "data/gbsg_harmonised.csv",
        &(0..686).collect::<Vec<_>>(),
        "log_nodes",
        "benchmark-external-c",
    );
    for r in results.iter().filter(|r| r["model"] == "oracle") {
        assert_close(
            r["harrell_c"].as_f64().unwrap(),
            gbsg,
            0.0,
            1e-12,
            "oracle C on GBSG",
        );
    }
    let models: Vec<(&str, u64)> = results
        .iter()
        .map(|r| (r["model"].as_str().unwrap(), r["seed"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        models,
        [
            ("oracle", 0),
            ("linear Cox (ridge)", 0),
            ("oracle", 1),
            ("linear Cox (ridge)", 1)
        ]
    );
}

/// `--oracle-file` joins the true log-hazard by patient id: the same C as the column
/// written into the cohort file, whatever the order of the oracle file's rows.
#[test]
fn oracle_file_is_joined_by_patient_id() {
    let dir = scratch("benchmark-oracle");
    let cohort = dir.join("cohort.csv");
    let contributions = dir.join("contributions.csv");
    let run = survlens(&[
        "synth",
        "--preset",
        "teaching",
        "--patients",
        "200",
        "--seed",
        "3",
        "--out",
        cohort.to_str().unwrap(),
        "--truth",
        dir.join("truth.json").to_str().unwrap(),
        "--contributions",
        contributions.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    // The oracle file, rows reversed; and the cohort with the log-hazard as a column.
    let text = std::fs::read_to_string(&contributions).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let at = header.iter().position(|h| *h == "log_hazard").unwrap();
    let mut by_id = std::collections::HashMap::new();
    for l in &lines[1..] {
        let cells: Vec<&str> = l.split(',').collect();
        by_id.insert(cells[0].to_owned(), cells[at].to_owned());
    }
    lines[1..].reverse();
    let reversed = dir.join("reversed.csv");
    std::fs::write(&reversed, lines.join("\n")).unwrap();
    let with_column = dir.join("with_column.csv");
    let cohort_text = std::fs::read_to_string(&cohort).unwrap();
    let joined: Vec<String> = cohort_text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let id = l.split(',').next().unwrap();
            if i == 0 {
                format!("{l},log_hazard")
            } else {
                format!("{l},{}", by_id[id])
            }
        })
        .collect();
    std::fs::write(&with_column, joined.join("\n")).unwrap();

    let oracle_c = |args: &[&str]| {
        let mut all = vec![
            "benchmark",
            "--time",
            "time",
            "--event",
            "event",
            "--entity",
            "entity",
            "--models",
            "linear-cox",
            "--seeds",
            "1",
            "--json",
            "--oracle",
            "log_hazard",
        ];
        all.extend_from_slice(args);
        let out = survlens(&all).json();
        assert_eq!(out["markers"], 16, "the oracle is never a marker");
        out["results"][0]["harrell_c"].as_f64().unwrap()
    };
    let from_file = oracle_c(&[
        "--data",
        cohort.to_str().unwrap(),
        "--oracle-file",
        reversed.to_str().unwrap(),
    ]);
    let from_column = oracle_c(&["--data", with_column.to_str().unwrap()]);
    assert_close(from_file, from_column, 0.0, 1e-12, "oracle joined by id");

    // A patient missing from the oracle file is named.
    let short = dir.join("short.csv");
    std::fs::write(&short, lines[..lines.len() - 1].join("\n")).unwrap();
    // A run that takes the oracle from `file`, joined by patient id.
    let with_oracle_file = |file: &std::path::Path| {
        survlens(&[
            "benchmark",
            "--data",
            cohort.to_str().unwrap(),
            "--time",
            "time",
            "--event",
            "event",
            "--models",
            "linear-cox",
            "--seeds",
            "1",
            "--oracle",
            "log_hazard",
            "--oracle-file",
            file.to_str().unwrap(),
        ])
    };
    let run = with_oracle_file(&short);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("short.csv: no row for patient"),
        "{}",
        run.stderr
    );

    // A cell that is not a number, and a patient twice, are named by row and column, as
    // the cohort importer names them in every file.
    let mut broken: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    let mut cells: Vec<&str> = lines[2].split(',').collect();
    cells[at] = "n/a?";
    broken[2] = cells.join(",");
    broken.push(lines[3].to_owned());
    let bad = dir.join("bad_oracle.csv");
    std::fs::write(&bad, broken.join("\n")).unwrap();
    let run = with_oracle_file(&bad);
    assert_eq!(run.code, 2);
    for expected in ["bad_oracle.csv", "row 3", "log_hazard", "n/a?"] {
        assert!(run.stderr.contains(expected), "{expected}: {}", run.stderr);
    }
}
