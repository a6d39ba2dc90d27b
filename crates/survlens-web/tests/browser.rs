//! The numeric core in the browser: the same tests run natively (`cargo test`) and, compiled
//! to wasm32, in headless Chromium (`wasm-bindgen-test`). Each asserts against a constant
//! or an invariant, so passing on both targets proves the browser computes what the host
//! computes.

// Test helpers outside `#[test]` functions fail loudly by design.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use survlens_app::core::session::Session;
use survlens_app::job::pipeline::{Job, JobStep};
use survlens_app::sources::spec::JobSpec;
use survlens_synth::{Preset, SynthConfig};

/// FNV-1a, 64 bit: a fixed, portable fingerprint of the generator's bytes.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn run(spec: JobSpec) -> Session {
    let mut job = Job::new(spec);
    loop {
        match job.step() {
            Ok(JobStep::Done(done)) => return done.into_session(),
            Ok(JobStep::Progress(_) | JobStep::FirstLook(_) | JobStep::Explained(_)) => {}
            Err(e) => panic!("demo job failed: {e}"),
        }
    }
}

/// A quick job: the demo cohort with a short training budget.
fn quick_spec() -> JobSpec {
    let mut spec = JobSpec::demo();
    // The study's recipe, cut short: a few epochs are enough to compare two targets.
    spec.recipe = survlens_app::sources::spec::Recipe::Study;
    spec.training.epochs_per_stage = 4;
    spec
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn synthetic_cohort_bytes_are_the_same_on_every_target() {
    let cohort = survlens_synth::generate(&SynthConfig {
        n_patients: 300,
        seed: 42,
        preset: Preset::Teaching,
    })
    .expect("valid settings");
    let csv = survlens_synth::to_csv(&cohort);
    // Pinned from a native run; a different value in the browser means the generator is
    // not portable (e.g. a transcendental function taken from the platform's libm).
    assert_eq!(
        fnv1a(csv.as_bytes()),
        EXPECTED_TEACHING_300_SEED_42,
        "{} bytes",
        csv.len()
    );
}

/// FNV-1a of `to_csv` of the teaching cohort, 300 patients, seed 42.
const EXPECTED_TEACHING_300_SEED_42: u64 = 907_295_690_532_764_308;

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn demo_job_is_deterministic_and_explanations_add_up() {
    let a = run(quick_spec());
    let b = run(quick_spec());
    // Same seed, same target: bit for bit.
    assert_eq!(a.risk, b.risk);
    assert_eq!(a.relevance, b.relevance);
    a.check_shapes().expect("consistent session");
    // LRP accounting: per patient, marker relevances plus what the biases and stabilisers
    // absorbed give back the log-risk (f32 rounding over ~300 hidden units: 1e-4 relative).
    let m = a.n_markers();
    for i in 0..a.n_patients() {
        let sum: f32 = a.relevance[i * m..(i + 1) * m].iter().sum();
        let total = sum + a.bias_relevance[i];
        assert!(
            (total - a.risk[i]).abs() <= 1e-4 * a.risk[i].abs().max(1.0),
            "patient {i}: {total} vs {}",
            a.risk[i]
        );
    }
    // Even four epochs per stage rank held-out patients better than chance.
    assert!(a.test_cindex > 0.6, "held-out C-index {}", a.test_cindex);
}

/// A pool message's arrays cross intact, and the receiver frees each one as soon as it has
/// copied it: every buffer is resizable and left at 0 bytes (a detached or dropped array
/// would keep its memory until the worker's garbage collector ran).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen_test]
fn a_pool_message_is_read_intact_and_its_arrays_freed_at_once() {
    use js_sys::{Array, ArrayBuffer, Float32Array, Reflect};
    use survlens_app::job::pool::Wire;
    use wasm_bindgen::JsCast;

    let wire = Wire {
        header: r#"{"kind":"explained"}"#.to_owned(),
        buffers: vec![vec![1.5, -2.0, f32::NAN, 4.25], Vec::new(), vec![7.0; 1000]],
    };
    let (message, transfer) = survlens_web::pool::to_js(&wire, false);
    let buffers: Vec<ArrayBuffer> = transfer.iter().map(JsCast::unchecked_into).collect();
    assert_eq!(buffers.len(), 3);
    for (buffer, column) in buffers.iter().zip(&wire.buffers) {
        assert!(buffer.resizable());
        assert_eq!(buffer.byte_length() as usize, 4 * column.len());
    }
    let (read, crash) = survlens_web::pool::from_js(&message).expect("a pool message");
    assert!(!crash);
    assert_eq!(read.header, wire.header);
    assert_eq!(read.buffers.len(), 3);
    for (got, sent) in read.buffers.iter().zip(&wire.buffers) {
        assert_eq!(got.len(), sent.len());
        assert!(
            got.iter()
                .zip(sent)
                .all(|(a, b)| a.to_bits() == b.to_bits())
        );
    }
    let arrays: Array = Reflect::get(&message, &"buffers".into())
        .expect("buffers")
        .unchecked_into();
    for array in arrays.iter() {
        let array: Float32Array = array.unchecked_into();
        assert_eq!(array.buffer().byte_length(), 0);
        assert_eq!(array.length(), 0);
    }
}
