//! Along one marker, against invariants on the demo session: the profile at the patient's
//! own value is the patient's risk score and the Patient view's 1- and 2-year survival;
//! survival falls as the risk score rises along the profile; the partial dependence is the
//! mean of every patient's own ceteris-paribus profile; the ALE is centred on the
//! patients and accounts for every patient with the marker; the distribution counts every
//! patient once.

#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::demo_session as session;
use survlens_app::views::marker_profile::{CohortEffects, GRID_POINTS, MarkerProfile};
use survlens_app::views::patient_report::{PatientEngine, PatientReport};
use survlens_app::views::whatif::{Edits, WhatIf};

/// A numeric and a categorical marker of the demo session.
fn markers() -> (usize, usize) {
    let s = session();
    let numeric = s.markers.iter().position(|m| m.levels.is_empty()).unwrap();
    let levels = s.markers.iter().position(|m| m.levels.len() >= 3).unwrap();
    (numeric, levels)
}

#[test]
fn the_profile_at_the_patients_own_value_is_what_the_patient_view_shows() {
    let s = session();
    let whatif = WhatIf::new(s).unwrap();
    let mut engine = PatientEngine::new(s);
    let (numeric, levels) = markers();
    for patient in [0, 7, s.n_patients() - 1] {
        let report = PatientReport::build(s, &mut engine, patient, &Edits::default()).unwrap();
        let figures = report.figures.as_ref().unwrap();
        for marker in [numeric, levels] {
            let p = MarkerProfile::build(s, &whatif, patient, marker).unwrap();
            let own = p.own();
            assert!(
                (own.risk - s.risk[patient]).abs() <= 1e-5 * (1.0 + s.risk[patient].abs()),
                "patient {patient}, {}: {} vs {}",
                p.heading.name,
                own.risk,
                s.risk[patient]
            );
            for (k, h) in figures.horizons.iter().enumerate() {
                assert!(
                    (own.survival[k] - h.predicted).abs() < 1e-5,
                    "{} years",
                    h.years
                );
            }
            // One point is the patient's, and the grid rises.
            assert_eq!(
                p.points.iter().filter(|q| q.own).count() + usize::from(p.missing.own),
                1
            );
            assert!(p.points.windows(2).all(|w| w[0].value < w[1].value));
            assert!(p.points.len() <= GRID_POINTS + 1);
        }
    }
}

#[test]
fn survival_falls_as_the_risk_score_rises_along_the_profile() {
    let s = session();
    let whatif = WhatIf::new(s).unwrap();
    let (numeric, levels) = markers();
    for marker in [numeric, levels] {
        let p = MarkerProfile::build(s, &whatif, 3, marker).unwrap();
        let mut points: Vec<_> = p.points.iter().chain([&p.missing]).collect();
        points.sort_by(|a, b| a.risk.total_cmp(&b.risk));
        for w in points.windows(2) {
            for k in 0..2 {
                assert!(w[1].survival[k] <= w[0].survival[k] + 1e-12);
            }
            // 2-year survival is never above 1-year survival.
            assert!(w[0].survival[1] <= w[0].survival[0]);
        }
    }
}

#[test]
fn the_partial_dependence_is_the_mean_of_the_patients_profiles() {
    let s = session();
    let whatif = WhatIf::new(s).unwrap();
    let (_, levels) = markers();
    let effects = CohortEffects::build(s, &whatif, levels).unwrap();
    assert_eq!(effects.n_used, s.n_patients().min(2_000));
    let n = s.n_patients();
    assert!(n <= 2_000, "the demo cohort is averaged whole");
    let mut sums = vec![0.0f64; effects.points.len()];
    for i in 0..n {
        let p = MarkerProfile::build(s, &whatif, i, levels).unwrap();
        for (k, e) in effects.points.iter().enumerate() {
            let q = p.points.iter().find(|q| q.value == e.value).unwrap();
            sums[k] += f64::from(q.risk);
        }
    }
    for (e, sum) in effects.points.iter().zip(sums) {
        let mean = sum / n as f64;
        assert!(
            (f64::from(e.pdp) - mean).abs() < 1e-4,
            "{}: {} vs {mean}",
            e.text,
            e.pdp
        );
    }
}

#[test]
fn the_ale_is_centred_and_counts_every_patient_with_the_marker() {
    let s = session();
    let whatif = WhatIf::new(s).unwrap();
    let (numeric, levels) = markers();
    let m = s.n_markers();
    for marker in [numeric, levels] {
        let e = CohortEffects::build(s, &whatif, marker).unwrap();
        let present = (0..s.n_patients())
            .filter(|&i| !s.values[i * m + marker].is_nan())
            .count();
        assert_eq!(e.ale_counts.iter().sum::<usize>(), present);
        let (sum, total) = if e.heading.levels {
            assert_eq!(e.ale_counts.len(), e.points.len());
            e.ale_counts
                .iter()
                .zip(&e.points)
                .fold((0.0, 0), |(a, t), (&c, p)| {
                    (a + f64::from(p.ale) * c as f64, t + c)
                })
        } else {
            assert_eq!(e.ale_counts.len() + 1, e.points.len());
            e.ale_counts
                .iter()
                .enumerate()
                .fold((0.0, 0), |(a, t), (b, &c)| {
                    let mid = (f64::from(e.points[b].ale) + f64::from(e.points[b + 1].ale)) / 2.0;
                    (a + mid * c as f64, t + c)
                })
        };
        assert!((sum / total as f64).abs() < 1e-5, "{}", e.heading.name);
        let d = MarkerProfile::build(s, &whatif, 0, marker)
            .unwrap()
            .distribution;
        assert_eq!(
            d.bars.iter().map(|b| b.count).sum::<usize>() + d.n_missing,
            s.n_patients()
        );
    }
}

#[test]
fn refuses_a_marker_or_patient_that_does_not_exist() {
    let s = session();
    let whatif = WhatIf::new(s).unwrap();
    let e = MarkerProfile::build(s, &whatif, 0, s.n_markers()).unwrap_err();
    assert_eq!(e.code(), "marker_out_of_range");
    let e = MarkerProfile::build(s, &whatif, s.n_patients(), 0).unwrap_err();
    assert_eq!(e.code(), "patient_out_of_range");
    let e = CohortEffects::build(s, &whatif, s.n_markers() + 3).unwrap_err();
    assert_eq!(e.code(), "marker_out_of_range");
}

/// In German, a profile along a marker whose levels are the synthetic cohort's cancer
/// entities names them by their German names (the marker dictionary's `name_de`), in the
/// points and the distribution's bars alike; English keeps the names as they are.
#[test]
fn the_entity_levels_along_one_marker_are_named_in_german() {
    use survlens_app::core::i18n::Lang;
    let s = session();
    let whatif = WhatIf::new(s).unwrap();
    let german_of = |name: &str| {
        [
            survlens_synth::Preset::PanCancer,
            survlens_synth::Preset::Teaching,
            survlens_synth::Preset::Additive,
        ]
        .into_iter()
        .flat_map(survlens_synth::entities)
        .find(|e| e.name == name)
        .map(|e| e.name_de)
    };
    let marker = s
        .markers
        .iter()
        .position(|m| !m.levels.is_empty() && m.levels.iter().all(|l| german_of(l).is_some()))
        .expect("the demo cohort carries its cancer entity as a marker");
    let p = MarkerProfile::build(s, &whatif, 0, marker).unwrap();
    // (Debug text: the missing point's NaN is never equal to itself.)
    assert_eq!(
        format!("{:?}", p.clone().in_language(s, Lang::En)),
        format!("{p:?}")
    );
    let de = p.clone().in_language(s, Lang::De);
    for (en, de) in p.distribution.bars.iter().zip(&de.distribution.bars) {
        assert_eq!(
            Some(de.label.as_str()),
            german_of(&en.label),
            "{}",
            en.label
        );
    }
    for (en, de) in p.points.iter().zip(&de.points) {
        assert_eq!(Some(de.text.as_str()), german_of(&en.text), "{}", en.text);
    }
    // A numeric marker: its German name, its unit's German word, values with the decimal
    // comma, in the points and in the distribution's ranges.
    let age = s
        .markers
        .iter()
        .position(|m| m.unit == "years")
        .expect("age in years");
    let p = MarkerProfile::build(s, &whatif, 0, age).unwrap();
    let de = p.clone().in_language(s, Lang::De);
    assert_eq!(de.heading.name, s.markers[age].name_in(Lang::De));
    assert_eq!(de.heading.unit, "Jahre");
    for (en, de) in p.points.iter().zip(&de.points) {
        assert_eq!(de.text, en.text.replace('.', ",").replace("years", "Jahre"));
    }
    for (en, de) in p.distribution.bars.iter().zip(&de.distribution.bars) {
        assert_eq!(
            de.label,
            en.label.replace('.', ",").replace("years", "Jahre")
        );
        assert_eq!((de.lo, de.hi, de.count), (en.lo, en.hi, en.count));
    }
}
