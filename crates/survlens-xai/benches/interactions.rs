//! Interactions among the 50 most important markers on the study's network shape
//! (350 -> 3,500 -> 1, one marker per input), both methods of
//! [`survlens_xai::interactions`]:
//!
//! - `model_{n}`: [`model_interactions`], one LRP pass over the cohort plus one per
//!   candidate marker set to the cohort's median (51 passes for `top_k = 50`);
//! - `statistical_{n}`: [`statistical_interactions`] on the cohort's relevances,
//!   50 x 49 Mann-Whitney U tests with Benjamini-Hochberg q-values.
//!
//! Same network and inputs as `benches/lrp.rs` (seeds 7 and 8, inputs uniform in [0, 1]);
//! the inputs double as the marker values the statistical method splits on.
//!
//! The model-based method costs `top_k + 1` cohort LRP passes, linear in the cohort: about
//! 50 x the cohort LRP bench, minutes per call for the study's 15,726 patients. Its cohort
//! is therefore the first 1,000 patients by default (`SURVLENS_INTERACTION_MODEL_PATIENTS`
//! sets it; scale by `n / 1,000` for another cohort), the statistical method's the study's
//! 15,726 (`SURVLENS_INTERACTION_PATIENTS`). `MATMUL_NUM_THREADS` sets the GEMM threads.
//! No peer library computes these; `tools/bench/wasm` runs the same work in WebAssembly.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use survlens_model::{Architecture, CoxNet};
use survlens_xai::interactions::{DEFAULT_FDR, ModelSearchSettings, median_reference};
use survlens_xai::{
    CohortRelevance, Composite, Grouping, Lrp, model_interactions, statistical_interactions,
};

const N_INPUTS: usize = 350;
/// Candidate markers: 50 x 49 ordered pairs.
const TOP_K: usize = 50;

/// The network of `benches/lrp.rs`.
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

/// A cohort size from the environment variable `name`, else `default`.
fn patients(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn interactions(c: &mut Criterion) {
    let n = patients("SURVLENS_INTERACTION_PATIENTS", 15_726);
    let n_model = patients("SURVLENS_INTERACTION_MODEL_PATIENTS", 1_000).min(n);
    let net = network();
    let mut rng = ChaCha8Rng::seed_from_u64(8);
    let x: Vec<f32> = (0..n * N_INPUTS).map(|_| rng.random::<f32>()).collect();
    let lrp = Lrp::new(&net, &Composite::paper()).unwrap();
    let to_marker = Grouping::identity(N_INPUTS);
    let x_model = &x[..n_model * N_INPUTS];
    let reference = median_reference(x_model, n_model, N_INPUTS).unwrap();
    let relevance = lrp.explain_batch(&x, n).unwrap();
    let cohort = CohortRelevance::new(relevance.values(), n, N_INPUTS).unwrap();

    let mut group = c.benchmark_group(format!("interactions_top{TOP_K}_350_3500_1"));
    // One model-based call is an LRP pass over the sample per moved candidate: ten samples of one
    // call each.
    group.sample_size(10).sampling_mode(SamplingMode::Flat);
    group.bench_function(format!("model_{n_model}"), |b| {
        b.iter(|| {
            model_interactions(
                &lrp,
                x_model,
                n_model,
                &to_marker,
                &reference,
                None,
                &ModelSearchSettings {
                    candidates: TOP_K,
                    max_patients: n_model,
                    ..ModelSearchSettings::default()
                },
            )
            .unwrap()
        })
    });
    group.bench_function(format!("statistical_{n}"), |b| {
        b.iter(|| statistical_interactions(&cohort, &x, TOP_K, DEFAULT_FDR).unwrap())
    });
    group.finish();
}

criterion_group!(benches, interactions);
criterion_main!(benches);
