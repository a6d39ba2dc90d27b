//! Shared helpers of the survival-statistics tests: reference fixtures (written by
//! tools/references/stats_fixtures.py) and a minimal reader for the bundled cohort CSVs.

// Each test crate uses a different part; helpers unwrap because a malformed fixture must
// fail the test loudly.
#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

use serde_json::Value;

/// A reference fixture from tests/fixtures/reference.
pub fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/../../tests/fixtures/reference/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A JSON array of numbers (null stays NaN).
pub fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|x| x.as_f64().unwrap_or(f64::NAN))
        .collect()
}

pub fn float(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

pub fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_owned())
        .collect()
}

/// One of the bundled cohorts (data/*.csv): a header and comma-separated cells without
/// quoting. An empty cell or `missing` is a missing value.
pub struct Csv {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Csv {
    pub fn read(file: &str) -> Self {
        let path = format!("{}/../../data/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut lines = text.lines().filter(|l| !l.is_empty());
        let header = lines
            .next()
            .unwrap()
            .split(',')
            .map(str::to_owned)
            .collect();
        let rows = lines
            .map(|l| l.split(',').map(str::to_owned).collect())
            .collect();
        Self { header, rows }
    }

    pub fn column(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    }

    fn cell(&self, row: usize, name: &str) -> Option<&str> {
        let s = self.rows[row][self.column(name)].as_str();
        (!s.is_empty() && s != "missing").then_some(s)
    }

    pub fn number(&self, row: usize, name: &str) -> Option<f64> {
        self.cell(row, name).map(|s| s.parse().unwrap())
    }

    pub fn label(&self, row: usize, name: &str) -> Option<String> {
        self.cell(row, name).map(str::to_owned)
    }
}

/// Follow-up and covariates of the rows where every listed covariate is present, in file
/// order (the fixture script's selection).
pub struct Cohort {
    pub times: Vec<f64>,
    pub events: Vec<bool>,
    /// `n x p` row-major.
    pub x: Vec<f64>,
    pub n: usize,
    pub p: usize,
}

pub fn complete_rows(file: &str, covariates: &[String]) -> Cohort {
    let csv = Csv::read(file);
    let mut cohort = Cohort {
        times: vec![],
        events: vec![],
        x: vec![],
        n: 0,
        p: covariates.len(),
    };
    for row in 0..csv.rows.len() {
        let values: Option<Vec<f64>> = covariates.iter().map(|c| csv.number(row, c)).collect();
        if let Some(values) = values {
            cohort.times.push(csv.number(row, "time").unwrap());
            cohort.events.push(csv.number(row, "event").unwrap() == 1.0);
            cohort.x.extend(values);
            cohort.n += 1;
        }
    }
    cohort
}

/// Asserts `|got - want| <= rel * |want| + abs`, naming the quantity on failure.
#[track_caller]
pub fn assert_close(got: f64, want: f64, rel: f64, abs: f64, what: &str) {
    let ok = (got - want).abs() <= rel * want.abs() + abs || (got.is_nan() && want.is_nan());
    assert!(
        ok,
        "{what}: got {got}, want {want} (diff {:e}, rel {:e}, tolerance rel {rel:e} + abs {abs:e})",
        (got - want).abs(),
        ((got - want) / want).abs()
    );
}

#[track_caller]
pub fn assert_all_close(got: &[f64], want: &[f64], rel: f64, abs: f64, what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: lengths");
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        assert_close(*g, *w, rel, abs, &format!("{what}[{k}]"));
    }
}
