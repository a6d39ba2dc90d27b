//! Generation of the page's default cohort (pan-cancer preset, the study's 15,726 patients,
//! seed 2025) and its conversion into the modelling core's table, which the page pays for
//! on every load. `SURVLENS_SYNTH_PATIENTS` sets the cohort size.
//!
//! `cargo bench -p survlens-synth --bench generate`
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use survlens_synth::{Preset, SynthConfig, generate};

fn config() -> SynthConfig {
    let n_patients = std::env::var("SURVLENS_SYNTH_PATIENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(SynthConfig::STUDY_PATIENTS);
    SynthConfig {
        n_patients,
        seed: 2025,
        preset: Preset::PanCancer,
    }
}

fn pan_cancer(c: &mut Criterion) {
    let config = config();
    let mut group = c.benchmark_group("synth_pan_cancer");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(15));
    group.bench_function(format!("generate_{}", config.n_patients), |b| {
        b.iter(|| generate(black_box(&config)).unwrap())
    });
    let cohort = generate(&config).unwrap();
    group.bench_function(format!("to_cohort_{}", config.n_patients), |b| {
        b.iter(|| black_box(&cohort).to_cohort().unwrap())
    });
    group.finish();
}

criterion_group!(benches, pan_cancer);
criterion_main!(benches);
