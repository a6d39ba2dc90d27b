//! Helpers shared by the integration tests: Harrell's C-index, a byte hash, summaries.
// Not every test file uses every helper; helpers are test code (may panic).
#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

use survlens_synth::SyntheticCohort;

/// Harrell's C-index of `risk` (higher = earlier death): over all pairs where the patient
/// with the shorter time had an event, the share ordered correctly, risk ties counting 1/2;
/// pairs tied in time are not comparable. The textbook definition (Harrell et al. 1996),
/// written out here so the tests need no other crate.
pub fn harrell_c(time: &[f64], event: &[bool], risk: &[f64]) -> f64 {
    let (mut concordant, mut comparable) = (0.0, 0.0);
    for i in 0..time.len() {
        if !event[i] {
            continue;
        }
        for j in 0..time.len() {
            if time[j] > time[i] {
                comparable += 1.0;
                if risk[i] > risk[j] {
                    concordant += 1.0;
                } else if risk[i] == risk[j] {
                    concordant += 0.5;
                }
            }
        }
    }
    concordant / comparable
}

/// 64-bit FNV-1a hash of bytes (a fixed, documented function: stable across platforms
/// and Rust versions, unlike `std`'s `DefaultHasher`).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Share of missing values in the columns whose marker satisfies `pick`.
pub fn missing_share(cohort: &SyntheticCohort, pick: impl Fn(usize) -> bool) -> f64 {
    let m = cohort.n_markers();
    let (mut missing, mut total) = (0usize, 0usize);
    for (cell, v) in cohort.values.iter().enumerate() {
        if pick(cell % m) {
            total += 1;
            missing += usize::from(v.is_nan());
        }
    }
    missing as f64 / total.max(1) as f64
}

/// Observed (non-missing) values of a marker by id.
pub fn observed(cohort: &SyntheticCohort, id: &str) -> Vec<f32> {
    let j = cohort
        .marker_index(id)
        .unwrap_or_else(|| panic!("no marker {id}"));
    cohort
        .column(j)
        .into_iter()
        .filter(|v| !v.is_nan())
        .collect()
}

/// Share of observed values of marker `id` equal to `level`.
pub fn level_share(cohort: &SyntheticCohort, id: &str, level: f32) -> f64 {
    let values = observed(cohort, id);
    values.iter().filter(|&&v| v == level).count() as f64 / values.len() as f64
}

/// Median of a sample.
pub fn median(values: &[f32]) -> f32 {
    let mut v = values.to_vec();
    v.sort_by(f32::total_cmp);
    v[v.len() / 2]
}

/// Mean of a sample.
pub fn mean(values: &[f32]) -> f64 {
    values.iter().map(|&v| f64::from(v)).sum::<f64>() / values.len() as f64
}

/// Checks that every patient's marker and interaction contributions plus the entity term
/// add up to the stored oracle log-hazard (f64 sum of f32 terms; tolerance 1e-9 absolute,
/// which is f64 rounding for sums of a few hundred terms of order 1).
pub fn assert_contributions_sum(cohort: &SyntheticCohort) {
    let m = cohort.n_markers();
    let k = cohort.truth.interactions.len();
    let truth = &cohort.truth;
    for i in 0..cohort.n_patients() {
        let markers: f64 = truth.contributions[i * m..(i + 1) * m]
            .iter()
            .map(|&c| f64::from(c))
            .sum();
        let pairs: f64 = truth.interaction_contributions[i * k..(i + 1) * k]
            .iter()
            .map(|&c| f64::from(c))
            .sum();
        let entity = f64::from(truth.entity_log_hazard[i]);
        let total = truth.log_hazard[i];
        // The entity term is stored as f32; allow its rounding (relative 1e-7 of |term| <= 20).
        assert!(
            (entity + markers + pairs - total).abs() < 1e-5,
            "patient {i}: {entity} + {markers} + {pairs} != {total}"
        );
    }
}
