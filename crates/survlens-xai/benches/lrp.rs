//! LRP with the study's rule on the study's network shape (350 -> 3,500 -> 1): the whole
//! cohort (15,726 patients by default) and one patient, on random inputs in [0, 1].
//!
//! `SURVLENS_LRP_PATIENTS` sets the cohort size; `MATMUL_NUM_THREADS` sets the GEMM threads.
//! Compare with `tools/bench/zennit_lrp.py` (zennit `Gamma` on the same shapes) run with
//! the same thread count.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use survlens_model::{Architecture, CoxNet};
use survlens_xai::{Composite, Lrp, LrpWorkspace};

const N_INPUTS: usize = 350;

fn network() -> CoxNet {
    let mut rng = ChaCha8Rng::seed_from_u64(7);
    let mut net = CoxNet::init(&Architecture::study(N_INPUTS), &mut rng).unwrap();
    // Non-zero biases, as after training.
    for layer in net.layers_mut() {
        let (_, bias) = layer.params_mut();
        bias.iter_mut()
            .for_each(|b| *b = rng.random_range(-0.1..0.1));
    }
    net
}

fn lrp(c: &mut Criterion) {
    let n: usize = std::env::var("SURVLENS_LRP_PATIENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15_726);
    let net = network();
    let mut rng = ChaCha8Rng::seed_from_u64(8);
    let x: Vec<f32> = (0..n * N_INPUTS).map(|_| rng.random::<f32>()).collect();
    let lrp = Lrp::new(&net, &Composite::paper()).unwrap();

    let mut group = c.benchmark_group("lrp_paper_gamma_350_3500_1");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.bench_function(format!("cohort_{n}"), |b| {
        b.iter(|| lrp.explain_batch(&x, n).unwrap())
    });
    group.finish();

    let mut ws = LrpWorkspace::default();
    let mut relevance = vec![0.0; N_INPUTS];
    c.bench_function("lrp_paper_gamma_350_3500_1/one_patient", |b| {
        b.iter(|| {
            lrp.explain_one(&x[..N_INPUTS], &mut ws, &mut relevance)
                .unwrap()
        })
    });
}

criterion_group!(benches, lrp);
criterion_main!(benches);
