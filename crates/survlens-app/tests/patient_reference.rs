//! The Patient view relative to a typical patient, against its invariants on the demo
//! session: the typical patient is the medians and most common levels of the cohort or the
//! entity (checked by hand), the waterfall starts at its log-risk and its bars add up to
//! the patient's log-risk minus it, a what-if edit keeps the same typical patient, and the
//! study's explanation is unchanged when asked for. Prints how many markers reach 90% of
//! the absolute relevance under each explanation on the demo cohort.

#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::demo_session as session;
use survlens_app::views::patient_export::{relevance_csv, relevance_csv_name_of, relevance_csv_of};
use survlens_app::views::patient_reference::{
    Explanation, ReferenceEngine, ReferenceGroup, markers_to_share,
};
use survlens_app::views::patient_report::{PatientEngine, PatientReport};
use survlens_app::views::patient_waterfall::StepKind;
use survlens_app::views::whatif::{Edits, WhatIf};

const COHORT: Explanation = Explanation::TypicalPatient {
    of: ReferenceGroup::Cohort,
};
const ENTITY: Explanation = Explanation::TypicalPatient {
    of: ReferenceGroup::Entity,
};

/// numpy.median by hand: the mean of the two middle values of an even count.
fn median(mut v: Vec<f32>) -> f32 {
    v.sort_by(f32::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        ((f64::from(v[n / 2 - 1]) + f64::from(v[n / 2])) / 2.0) as f32
    }
}

#[test]
fn the_typical_patient_is_the_medians_and_most_common_levels() {
    let s = session();
    let whatif = WhatIf::new(s).unwrap();
    let mut refs = ReferenceEngine::default();
    let m = s.n_markers();
    for (group, entity) in [(ReferenceGroup::Cohort, 0), (ReferenceGroup::Entity, 1)] {
        let rows: Vec<usize> = (0..s.n_patients())
            .filter(|&i| group == ReferenceGroup::Cohort || s.entity_of[i] == entity)
            .collect();
        let typical = refs.typical(s, &whatif, group, entity).unwrap();
        assert_eq!(typical.n_patients, rows.len());
        for j in 0..m {
            let present: Vec<f32> = rows
                .iter()
                .map(|&i| s.values[i * m + j])
                .filter(|v| !v.is_nan())
                .collect();
            let want = if present.is_empty() {
                f32::NAN
            } else if s.markers[j].levels.is_empty() {
                median(present)
            } else {
                let mut counts = vec![0usize; s.markers[j].levels.len()];
                present.iter().for_each(|&v| counts[v as usize] += 1);
                let best = *counts.iter().max().unwrap();
                counts.iter().position(|&c| c == best).unwrap() as f32
            };
            let got = typical.values[j];
            assert!(
                got.to_bits() == want.to_bits() || (got - want).abs() <= 1e-6 * want.abs(),
                "{}: {got} vs {want}",
                s.markers[j].name
            );
        }
        // The typical patient is explained by the same network as any patient.
        let x = whatif.encode(s, &typical.values).unwrap();
        assert_eq!(typical.risk, s.model.network.predict(&x, 1)[0]);
    }
}

#[test]
fn the_waterfall_starts_at_the_typical_patient_and_its_bars_add_up_to_the_difference() {
    let s = session();
    let mut engine = PatientEngine::new(s);
    for i in [0, s.first_patient(), s.n_patients() - 1] {
        let study = PatientReport::build(s, &mut engine, i, &Edits::default()).unwrap();
        for explanation in [COHORT, ENTITY] {
            let r = PatientReport::build_with(s, &mut engine, i, &Edits::default(), explanation)
                .unwrap();
            assert!(r.typical_offered);
            assert_eq!(r.explanation, explanation);
            let t = r.typical.as_ref().unwrap();
            let w = &r.waterfall;
            assert_eq!(w.reference, Some(t.risk));
            assert_eq!(w.start, t.risk);
            assert!(w.steps.iter().all(|s| !matches!(s.kind, StepKind::Biases)));
            // The same risk as the study's report: only its explanation differs.
            assert_eq!(r.view.risk, study.view.risk);
            assert_eq!(w.output, s.risk[i]);
            let sum: f64 = w.steps.iter().map(|s| f64::from(s.relevance)).sum();
            let scale = 1.0
                + w.steps
                    .iter()
                    .map(|s| f64::from(s.relevance.abs()))
                    .sum::<f64>();
            let want = f64::from(s.risk[i]) - f64::from(t.risk);
            assert!((sum - want).abs() <= 1e-5 * scale, "{sum} vs {want}");
            assert!((f64::from(t.difference) - want).abs() <= 1e-6);
            assert!((f64::from(w.end()) - f64::from(w.output)).abs() <= 1e-5 * scale);
            // Every bar names the typical value beside the patient's.
            for step in &w.steps {
                if let StepKind::Marker(c) = &step.kind {
                    assert_eq!(c.typical_text.as_ref(), Some(&t.values[c.marker]));
                    assert!(step.label().contains("typical"), "{}", step.label());
                }
            }
            assert!(r.explanation_note.contains("Relative to a typical patient"));
        }
        // Asking for the study's explanation again gives the same report as before.
        let again =
            PatientReport::build_with(s, &mut engine, i, &Edits::default(), Explanation::Study)
                .unwrap();
        assert_eq!(again.waterfall, study.waterfall);
        assert!(again.explanation_note.contains("From the baseline hazard"));
    }
}

/// A what-if edit is explained against the same typical patient: the bars add up to the
/// edited risk minus the same reference, and the ghosts are the recorded values'
/// contributions relative to it.
#[test]
fn a_what_if_edit_keeps_the_typical_patient() {
    let s = session();
    let mut engine = PatientEngine::new(s);
    let i = s.first_patient();
    let recorded = PatientReport::build_with(s, &mut engine, i, &Edits::default(), COHORT).unwrap();
    let j = recorded.view.top[0].marker;
    let was = s.values_of(i)[j];
    let value = if s.markers[j].levels.is_empty() {
        was * 2.0 + 1.0
    } else if was == 0.0 {
        1.0
    } else {
        0.0
    };
    let mut edits = Edits::default();
    edits.set(s.values_of(i), j, value);
    let edited = PatientReport::build_with(s, &mut engine, i, &edits, COHORT).unwrap();
    assert!(edited.what_if);
    let (t0, t1) = (recorded.typical.unwrap(), edited.typical.unwrap());
    assert_eq!(t0.risk, t1.risk);
    let sum: f32 = edited.waterfall.steps.iter().map(|s| s.relevance).sum();
    assert!((sum - (edited.view.risk - t1.risk)).abs() <= 1e-4);
    let ghosts = edited.recorded_relevance.as_ref().unwrap();
    let ghost_sum: f32 = ghosts.iter().sum();
    assert!((ghost_sum - (recorded.view.risk - t0.risk)).abs() <= 1e-4);
}

/// How many markers it takes to reach 90% of the summed absolute relevance, per patient,
/// under the study's explanation and relative to the typical patient of the cohort and of
/// the entity: printed (medians over the demo cohort), not asserted.
#[test]
fn prints_the_markers_that_reach_ninety_percent_under_each_explanation() {
    let s = session();
    let whatif = WhatIf::new(s).unwrap();
    let mut refs = ReferenceEngine::default();
    let n = s.n_patients();
    let mut study: Vec<usize> = (0..n)
        .map(|i| markers_to_share(s.relevance_of(i), 0.9))
        .collect();
    let median_of = |counts: &mut Vec<usize>| {
        counts.sort_unstable();
        counts[counts.len() / 2]
    };
    println!(
        "from the baseline hazard: median {} of {} markers reach 90% of |relevance| ({n} patients)",
        median_of(&mut study),
        s.n_markers()
    );
    for group in [ReferenceGroup::Cohort, ReferenceGroup::Entity] {
        let mut counts: Vec<usize> = (0..n)
            .map(|i| {
                let typical = refs.typical(s, &whatif, group, s.entity_of[i]).unwrap();
                let e = typical.explain(s, &whatif, s.values_of(i)).unwrap();
                markers_to_share(&e.relevance, 0.9)
            })
            .collect();
        println!(
            "relative to the typical patient ({group:?}): median {} markers",
            median_of(&mut counts)
        );
    }
}

#[test]
fn the_relevance_table_follows_the_explanation_on_screen() {
    let s = session();
    let mut engine = PatientEngine::new(s);
    let study = relevance_csv_of(s, &mut engine, Explanation::Study).unwrap();
    assert_eq!(study, relevance_csv(s), "the study's table is unchanged");
    for explanation in [COHORT, ENTITY] {
        let csv = relevance_csv_of(s, &mut engine, explanation).unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), s.n_patients() + 1);
        let header: Vec<&str> = lines[0].split(',').collect();
        assert_eq!(&header[..3], ["patient_id", "prediction", "reference"]);
        assert_eq!(header.len(), 3 + s.n_markers());
        assert!(
            relevance_csv_name_of(s, explanation).ends_with(match explanation {
                COHORT => "-typical-cohort.csv",
                _ => "-typical-entity.csv",
            })
        );
        for patient in [0, s.n_patients() / 2, s.n_patients() - 1] {
            let row: Vec<f64> = lines[patient + 1]
                .split(',')
                .skip(1)
                .map(|f| f.parse().unwrap())
                .collect();
            // The row is what the Patient view shows for that patient: its risk, the
            // typical patient's risk and every marker's relevance, to the bit.
            let report =
                PatientReport::build_with(s, &mut engine, patient, &Edits::default(), explanation)
                    .unwrap();
            let typical = report.typical.as_ref().unwrap();
            assert_eq!(row[0] as f32, report.view.risk);
            assert_eq!(row[1] as f32, typical.risk);
            for c in &report.view.top {
                assert_eq!(row[2 + c.marker] as f32, c.relevance, "{}", c.name);
            }
            // DeepLIFT-rescale conserves the difference (f32 rounding of ~100 terms).
            let sum: f64 = row[2..].iter().sum();
            assert!(
                (sum - (row[0] - row[1])).abs() < 1e-4 * (1.0 + row[0].abs()),
                "patient {patient}: {sum} vs {}",
                row[0] - row[1]
            );
        }
    }
    // Relative to the cohort every patient has the same reference; relative to the entity,
    // as many as the cohort has entities with patients.
    let distinct = |csv: &str| {
        let mut r: Vec<&str> = csv
            .lines()
            .skip(1)
            .map(|l| l.split(',').nth(2).unwrap())
            .collect();
        r.sort_unstable();
        r.dedup();
        r.len()
    };
    assert_eq!(
        distinct(&relevance_csv_of(s, &mut engine, COHORT).unwrap()),
        1
    );
    let mut entities = s.entity_of.clone();
    entities.sort_unstable();
    entities.dedup();
    assert_eq!(
        distinct(&relevance_csv_of(s, &mut engine, ENTITY).unwrap()),
        entities.len()
    );
}
