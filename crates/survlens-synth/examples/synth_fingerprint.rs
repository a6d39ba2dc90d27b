//! Prints FNV-1a fingerprints of everything the generator outputs, to prove that a change
//! of the generator's code leaves its output bit for bit identical:
//! `cargo run --release -p survlens-synth --example synth_fingerprint -- [pan|teaching] [n] [seed]`.
#![allow(missing_docs)]
use survlens_synth::{Preset, SynthConfig, generate, to_csv};

fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// Errors (a cohort size the generator refuses, say) are printed, not panicked.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let preset = if args.get(1).map(String::as_str) == Some("teaching") {
        Preset::Teaching
    } else {
        Preset::PanCancer
    };
    let n_patients = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(15_726);
    let seed = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(2025);
    let cohort = generate(&SynthConfig {
        n_patients,
        seed,
        preset,
    })?;
    let truth = &cohort.truth;
    let bits32 = |v: &[f32]| {
        v.iter()
            .fold(FNV_OFFSET, |h, x| fnv1a(h, &x.to_bits().to_le_bytes()))
    };
    let bits64 = |v: &[f64]| {
        v.iter()
            .fold(FNV_OFFSET, |h, x| fnv1a(h, &x.to_bits().to_le_bytes()))
    };
    println!(
        "csv                       {:016x}",
        fnv1a(FNV_OFFSET, to_csv(&cohort).as_bytes())
    );
    println!("values                    {:016x}", bits32(&cohort.values));
    println!(
        "time_days                 {:016x}",
        bits64(&cohort.time_days)
    );
    println!(
        "contributions             {:016x}",
        bits32(&truth.contributions)
    );
    println!(
        "interaction_contributions {:016x}",
        bits32(&truth.interaction_contributions)
    );
    println!(
        "entity_log_hazard         {:016x}",
        bits32(&truth.entity_log_hazard)
    );
    println!(
        "log_hazard                {:016x}",
        bits64(&truth.log_hazard)
    );
    let json = serde_json::to_string(&cohort)?;
    println!(
        "cohort_json               {:016x}",
        fnv1a(FNV_OFFSET, json.as_bytes())
    );
    let table = format!("{:?}", cohort.to_cohort()?);
    println!(
        "to_cohort_debug           {:016x}",
        fnv1a(FNV_OFFSET, table.as_bytes())
    );
    Ok(())
}
