//! One training epoch of the study's network (350 -> 3,500 -> 1, dropout 0.5, batch 1,024,
//! Adam, gradient clipping, pycox loss) on random inputs.
//!
//! `SURVLENS_EPOCH_PATIENTS` sets the number of patients (default 15,726, the study's
//! cohort), `SURVLENS_EPOCH_DROPOUT` the input and hidden dropout (default 0.5);
//! `MATMUL_NUM_THREADS` sets the GEMM threads. The validation set is 64 patients so
//! that the epoch's cost is the training pass, as in `tools/bench/torch_epoch.py`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use survlens_model::{SurvivalData, TrainConfig, Trainer};

const N_INPUTS: usize = 350;

fn random_data(n: usize, seed: u64) -> SurvivalData {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let x: Vec<f32> = (0..n * N_INPUTS).map(|_| rng.random::<f32>()).collect();
    let time: Vec<f64> = (0..n).map(|_| rng.random_range(1.0..2000.0)).collect();
    let event: Vec<bool> = (0..n).map(|_| rng.random_bool(0.6)).collect();
    SurvivalData::new(x, N_INPUTS, time, event).unwrap()
}

fn epoch(c: &mut Criterion) {
    let n: usize = std::env::var("SURVLENS_EPOCH_PATIENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15_726);
    let dropout: f32 = std::env::var("SURVLENS_EPOCH_DROPOUT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.5);
    let config = TrainConfig {
        input_dropout: dropout,
        hidden_dropout: dropout,
        // Never stop early: every iteration is one full epoch.
        epochs_per_stage: usize::MAX,
        patience: usize::MAX,
        ..TrainConfig::default()
    };
    let mut trainer = Trainer::new(config, random_data(n, 1), random_data(64, 2)).unwrap();
    let mut group = c.benchmark_group("training");
    group.sample_size(10);
    group.bench_function(
        format!("epoch_350x3500x1_{n}_patients_dropout_{dropout}"),
        |b| b.iter(|| trainer.run_epoch().unwrap()),
    );
    group.finish();
}

criterion_group!(benches, epoch);
criterion_main!(benches);
