//! Linear Cox fit on SUPPORT (data/support2.csv): the 8,873 patients with all nine
//! covariates present, Efron ties (lifelines' default) and Breslow ties, from `beta = 0` to
//! convergence, including standard errors and the training C-index.
//!
//! Covariates: age, number of comorbidities (`num_co`), mean blood pressure, white blood
//! cells, heart rate, respiratory rate, temperature, creatinine, sodium: age, comorbidity
//! and the physiology at study entry; SUPPORT's own prognostic scores (`sps`, `surv2m`,
//! `surv6m`) are left out as outcome-adjacent. `tools/bench/lifelines_coxph.py` times
//! lifelines' `CoxPHFitter` on the same rows.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use survlens_model::{CoxPh, CoxPhConfig, CoxPhTies};

const COVARIATES: [&str; 9] = [
    "num_age",
    "num_num_co",
    "num_meanbp",
    "num_wblc",
    "num_hrt",
    "num_resp",
    "num_temp",
    "num_crea",
    "num_sod",
];

struct Cohort {
    x: Vec<f64>,
    times: Vec<f64>,
    events: Vec<bool>,
}

/// Complete rows of support2.csv (no quoting in the bundled file; empty cell = missing).
fn support() -> Cohort {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/support2.csv");
    let text = std::fs::read_to_string(path).expect("data/support2.csv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (t, e) = (col("time"), col("event"));
    let cols: Vec<usize> = COVARIATES.iter().map(|c| col(c)).collect();
    let mut cohort = Cohort {
        x: vec![],
        times: vec![],
        events: vec![],
    };
    for line in lines.filter(|l| !l.is_empty()) {
        let cells: Vec<&str> = line.split(',').collect();
        let row: Option<Vec<f64>> = cols.iter().map(|&c| cells[c].parse().ok()).collect();
        if let Some(row) = row {
            cohort.x.extend(row);
            cohort.times.push(cells[t].parse().unwrap());
            cohort.events.push(cells[e] == "1");
        }
    }
    cohort
}

fn coxph(c: &mut Criterion) {
    let cohort = support();
    let n = cohort.times.len();
    assert_eq!(n, 8_873, "complete SUPPORT rows");
    let mut group = c.benchmark_group("coxph_support_8873x9");
    group.sample_size(30);
    for (name, ties) in [("efron", CoxPhTies::Efron), ("breslow", CoxPhTies::Breslow)] {
        let config = CoxPhConfig {
            ties,
            ..CoxPhConfig::default()
        };
        group.bench_function(name, |b| {
            b.iter(|| {
                CoxPh::fit(
                    &cohort.x,
                    n,
                    COVARIATES.len(),
                    &cohort.times,
                    &cohort.events,
                    &config,
                )
                .unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, coxph);
criterion_main!(benches);
