//! The calibration cohorts: an additive cohort whose true log-hazard is a sum of one term
//! per marker, and its planted twin with two interactions, the same patients otherwise;
//! and the oracle power each planted effect records.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::assert_contributions_sum;
use survlens_synth::{
    DETECTABLE_POWER, Preset, SynthConfig, SyntheticCohort, generate, generate_scaled, power_at,
};

fn cohort(preset: Preset, seed: u64) -> SyntheticCohort {
    generate(&SynthConfig {
        n_patients: 3_000,
        seed,
        preset,
    })
    .unwrap()
}

#[test]
fn the_additive_cohort_has_no_interaction_term() {
    let additive = cohort(Preset::Additive, 3);
    assert!(additive.truth.interactions.is_empty());
    assert!(additive.truth.interaction_contributions.is_empty());
    // Entity term plus one contribution per marker, nothing else (f64 sums of f32 terms).
    assert_contributions_sum(&additive);
}

#[test]
fn the_planted_twin_shares_patients_and_values_and_adds_two_gated_products() {
    let (additive, planted) = (cohort(Preset::Additive, 3), cohort(Preset::Planted, 3));
    assert_eq!(additive.n_markers(), 40);
    assert_eq!(additive.patient_ids, planted.patient_ids);
    assert_eq!(additive.entity, planted.entity);
    assert_eq!(additive.truth.contributions, planted.truth.contributions);
    // NaN-aware equality of the shown values: same cells missing, same values elsewhere.
    assert!(
        additive
            .values
            .iter()
            .zip(&planted.values)
            .all(|(a, b)| a.to_bits() == b.to_bits())
    );
    let truth = &planted.truth;
    let ids: Vec<&str> = truth.interactions.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["egfr_x_egfr_tki", "anti_pd1_x_crp"]);
    let k = truth.interactions.len();
    for (q, t) in truth.interactions.iter().enumerate() {
        for i in 0..planted.n_patients() {
            let (ga, gb) = (
                truth.interaction_gates[(i * k + q) * 2],
                truth.interaction_gates[(i * k + q) * 2 + 1],
            );
            // The term is the coefficient times the two gates (f32 products).
            let want = t.coef as f32 * ga * gb;
            assert_eq!(truth.interaction_contributions[i * k + q], want, "{}", t.id);
        }
    }
    assert_contributions_sum(&planted);
}

#[test]
fn scaling_the_planted_coefficients_scales_the_oracle_noncentrality_quadratically() {
    // The information is evaluated at the truth, which the scale changes slightly (it
    // changes the outcomes); the coefficient enters squared. At 6,000 patients both
    // planted pairs are detectable at the planted size: the calibration's premise.
    let config = SynthConfig {
        n_patients: 6_000,
        seed: 1,
        preset: Preset::Planted,
    };
    let one = generate_scaled(&config, 1.0).unwrap();
    let two = generate_scaled(&config, 2.0).unwrap();
    for (a, b) in one.truth.interactions.iter().zip(&two.truth.interactions) {
        assert!((b.coef - 2.0 * a.coef).abs() < 1e-6, "{}", a.id);
        let ratio = b.oracle_noncentrality / a.oracle_noncentrality;
        assert!((2.5..6.0).contains(&ratio), "{}: ratio {ratio}", a.id);
        assert!(
            a.oracle_power >= DETECTABLE_POWER,
            "{}: {}",
            a.id,
            a.oracle_power
        );
        // The power at the cohort's own size is what the truth records.
        assert!((a.oracle_power_at(6_000, 6_000) - a.oracle_power).abs() < 1e-12);
        assert!(power_at(a.oracle_noncentrality, 6_000, 600) < a.oracle_power);
    }
}

#[test]
fn every_planted_pan_cancer_interaction_is_detectable_in_half_the_study() {
    // The generator's design: drug x target pairs have treated non-carriers and untreated
    // carriers, and every planted effect is large enough for an oracle test on half the
    // 15,726 patients (a cross-fitted search tests each pair on one half) to have 80% power.
    let pan = generate(&SynthConfig {
        n_patients: SynthConfig::STUDY_PATIENTS,
        seed: 42,
        preset: Preset::PanCancer,
    })
    .unwrap();
    assert_eq!(pan.truth.interactions.len(), 11);
    for t in &pan.truth.interactions {
        assert!(
            t.detectable_at(pan.n_patients(), pan.n_patients() / 2),
            "{}: oracle power {:.2} at half the size",
            t.id,
            t.oracle_power_at(pan.n_patients(), pan.n_patients() / 2)
        );
    }
}
