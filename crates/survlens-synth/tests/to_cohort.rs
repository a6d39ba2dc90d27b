//! The generated table as the modelling core's cohort: same patients, same cells.

#![allow(clippy::unwrap_used, clippy::panic)]

use survlens_data::MarkerKind as DataKind;
use survlens_synth::{MarkerKind, Preset, SynthConfig, generate};

/// Every patient, outcome, entity and marker cell of the generated table reappears in the
/// cohort, with the dictionary's kind (exact: no arithmetic happens on the way).
fn check(preset: Preset, n_patients: usize) {
    let s = generate(&SynthConfig {
        n_patients,
        seed: 11,
        preset,
    })
    .unwrap();
    let c = s.to_cohort().unwrap();
    assert_eq!(c.len(), s.n_patients());
    assert_eq!(c.ids().collect::<Vec<_>>(), s.patient_ids);
    assert_eq!(c.time(), s.time_days.as_slice());
    assert_eq!(c.event(), s.event.as_slice());
    let entity = c.entity().unwrap();
    for (i, &e) in s.entity.iter().enumerate() {
        assert_eq!(entity.label(i), Some(s.entities[usize::from(e)].id));
    }
    assert_eq!(c.markers().len(), s.n_markers());
    for (j, spec) in s.markers.iter().enumerate() {
        let marker = &c.markers()[j];
        assert_eq!(marker.name(), spec.id);
        let column = s.column(j);
        match spec.kind {
            MarkerKind::Numeric | MarkerKind::Binary => {
                let expected = if matches!(spec.kind, MarkerKind::Numeric) {
                    DataKind::Numeric
                } else {
                    DataKind::Binary
                };
                assert_eq!(marker.kind(), expected, "{}", spec.id);
                let got = marker.as_f32().unwrap();
                for (i, (&a, &b)) in got.iter().zip(&column).enumerate() {
                    assert!(a == b || (a.is_nan() && b.is_nan()), "{} row {i}", spec.id);
                }
            }
            MarkerKind::Categorical { levels, .. } => {
                assert_eq!(marker.kind(), DataKind::Categorical, "{}", spec.id);
                let cat = marker.as_categorical().unwrap();
                assert_eq!(cat.levels(), levels);
                for (i, &v) in column.iter().enumerate() {
                    let expected = (!v.is_nan()).then(|| levels[v as usize]);
                    assert_eq!(cat.label(i), expected, "{} row {i}", spec.id);
                }
            }
        }
    }
}

#[test]
fn teaching_table_becomes_a_cohort_cell_for_cell() {
    check(Preset::Teaching, 300);
}

#[test]
fn pan_cancer_table_becomes_a_cohort_cell_for_cell() {
    check(Preset::PanCancer, 200);
}
