//! The explanation over time on the demo session, against its invariants: at each horizon
//! the bars and the rest add up to the patient's predicted survival minus the reference
//! patients' average; the patient's survival is the Patient view's; the same patient gets
//! the same values; every curve starts at 0 (everyone is alive at time 0); the page's
//! [`PAIRS`] pairs of orderings stay close to the values from 32 times as many.

#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::demo_session;
use survlens_app::core::i18n::Lang;
use survlens_app::views::patient_over_time::{
    BAR_MARKERS, CURVE_MARKERS, N_REFERENCE, OverTime, PAIRS,
};
use survlens_app::views::patient_survival::HORIZON_YEARS;
use survlens_app::views::whatif::WhatIf;

#[test]
fn contributions_add_up_at_every_horizon_and_repeat() {
    let s = demo_session();
    let whatif = WhatIf::new(s).unwrap();
    for patient in [0, 7, s.n_patients() - 1] {
        let started = std::time::Instant::now();
        let o = OverTime::build(s, &whatif, patient).unwrap();
        println!(
            "patient {patient}: {} markers, {} times, {} evaluations in {:.0} ms",
            s.n_markers(),
            o.months.len(),
            o.evaluations,
            started.elapsed().as_secs_f64() * 1e3
        );
        assert_eq!(o.n_reference, N_REFERENCE.min(s.n_patients()));
        assert!(o.efficiency_gap < 1e-9, "{}", o.efficiency_gap);
        assert_eq!(o.horizons.len(), HORIZON_YEARS.len());
        for h in &o.horizons {
            assert_eq!(h.top.len() + h.n_rest, s.n_markers());
            assert!(h.top.len() <= BAR_MARKERS);
            let sum: f64 = h.top.iter().map(|c| c.contribution).sum::<f64>() + h.rest;
            assert!((sum - h.difference()).abs() < 1e-9);
            assert!(
                h.top
                    .windows(2)
                    .all(|w| w[0].contribution.abs() >= w[1].contribution.abs())
            );
            // The patient's survival is the one the Patient view states.
            let expected = s
                .model
                .baseline
                .survival_at(h.years * 365.25, f64::from(s.risk[patient]));
            assert!(
                (h.survival - expected).abs() < 1e-5,
                "{} {expected}",
                h.survival
            );
        }
        assert!(o.curves.len() <= CURVE_MARKERS);
        for c in &o.curves {
            assert_eq!(c.contribution.len(), o.months.len());
            assert_eq!(c.contribution[0], 0.0);
        }
        assert_eq!(OverTime::build(s, &whatif, patient).unwrap(), o);
    }
    assert_eq!(
        OverTime::build(s, &whatif, s.n_patients())
            .unwrap_err()
            .code(),
        "patient_out_of_range"
    );
}

#[test]
fn the_pages_orderings_stay_close_to_many_more() {
    let s = demo_session();
    let whatif = WhatIf::new(s).unwrap();
    let mut worst = 0.0f64;
    for patient in [0, 7, 123] {
        let page = OverTime::build(s, &whatif, patient).unwrap();
        let many = OverTime::build_with_pairs(s, &whatif, patient, 32 * PAIRS).unwrap();
        for (a, b) in page.horizons.iter().zip(&many.horizons) {
            for c in &a.top {
                let reference = b
                    .top
                    .iter()
                    .find(|d| d.marker == c.marker)
                    .map(|d| d.contribution);
                if let Some(r) = reference {
                    worst = worst.max((c.contribution - r).abs());
                }
            }
        }
    }
    println!(
        "largest sampling gap of a shown bar: {:.3} percentage points",
        100.0 * worst
    );
    assert!(worst < 0.01, "{worst}");
}

/// The caption reads in the language asked for, with the same counts: English as it always
/// read, German with no English phrase.
#[test]
fn the_caption_is_english_or_german() {
    let s = demo_session();
    let whatif = WhatIf::new(s).unwrap();
    let o = OverTime::build(s, &whatif, 0).unwrap();
    let en = o.caption_in(Lang::En);
    assert_eq!(en, o.caption());
    assert!(en.starts_with(&format!(
        "How each marker moves this patient's predicted survival at each time, against the average of {} reference patients",
        o.n_reference
    )));
    let de = o.caption_in(Lang::De);
    assert!(de.starts_with(&format!(
        "Wie jeder Marker das vorhergesagte Überleben dieser Person zu jedem Zeitpunkt verschiebt, gemessen am Mittel von {} Referenzpersonen",
        o.n_reference
    )), "{de}");
    assert!(
        de.contains(&format!("aus {} Reihenfolgen", o.orderings)),
        "{de}"
    );
    for english in ["patient", "survival", "orderings", "percentage points"] {
        assert!(!de.contains(english), "{english:?} in {de}");
    }
}
