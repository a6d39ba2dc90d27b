//! Synthetic cohort -> FHIR export -> reader gives back the synthetic values: every marker
//! the export writes, for every patient, within the rounding of unit conversions; the
//! entity of every patient; binary markers absent from the export read as 0.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use survlens_data::MarkerValues;
use survlens_fhir::export::{Layout, export};
use survlens_fhir::{Catalogue, Input, ReadOptions, Source, read_with};
use survlens_synth::{Preset, SynthConfig, generate};

fn round_trip(layout: Layout, patients: usize, seed: u64) {
    let cohort = generate(&SynthConfig {
        n_patients: patients,
        seed,
        preset: Preset::PanCancer,
    })
    .unwrap();
    let catalogue = Catalogue::standard().unwrap();
    let files = export(&cohort, &catalogue, layout);
    let inputs: Vec<Input<'_>> = files
        .iter()
        .map(|f| Input {
            name: &f.name,
            bytes: f.text.as_bytes(),
        })
        .collect();
    let imported = read_with(&inputs, &ReadOptions::default(), &catalogue).unwrap();
    let report = &imported.report;
    assert!(
        report.problems.is_empty(),
        "problems: {:#?}",
        &report.problems[..report.problems.len().min(5)]
    );
    let read = &imported.cohort;
    assert_eq!(read.len(), patients);
    let ids: Vec<&str> = read.ids().collect();
    assert_eq!(
        ids,
        cohort
            .patient_ids
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
    );

    // The entity of every patient.
    let entity = read.entity().unwrap();
    for i in 0..patients {
        let expected = cohort.entities[usize::from(cohort.entity[i])].id;
        assert_eq!(entity.label(i), Some(expected), "patient {i}");
    }

    let mut compared = 0;
    for marker in read.markers() {
        let id = marker.name();
        let j = cohort.marker_index(id).unwrap();
        let source = catalogue.source(id).unwrap();
        for i in 0..patients {
            let expected = cohort.value(i, j).unwrap();
            let got = match marker.values() {
                MarkerValues::Numeric(v) | MarkerValues::Binary(v) => v[i],
                MarkerValues::Categorical(c) => {
                    let code = c.codes()[i];
                    if code == survlens_data::Categorical::MISSING {
                        f32::NAN
                    } else {
                        code as f32
                    }
                }
            };
            if expected.is_nan() {
                // Absent diagnoses and drugs are 0; other missing values stay missing.
                match source {
                    Source::Condition | Source::Medication => assert!(got == 0.0 || got.is_nan()),
                    _ => assert!(
                        got.is_nan(),
                        "{id} of patient {i}: {got} for a missing value"
                    ),
                }
                continue;
            }
            // Molar round trips: 6 significant digits written, f32 read.
            let tolerance = 2e-5 * expected.abs().max(1.0);
            assert!(
                (got - expected).abs() <= tolerance,
                "{id} of patient {i}: read {got}, generated {expected}"
            );
            compared += 1;
        }
    }
    assert!(compared > patients * 100, "only {compared} values compared");
    // The export's molar units were converted, its text-only codings listed.
    assert!(
        report
            .conversions
            .iter()
            .any(|c| c.marker == "lab_creatinine" && c.from == "umol/L")
    );
    assert!(
        report
            .unmapped
            .iter()
            .any(|u| u.text.as_deref() == Some("Z.n. Appendektomie"))
    );
    assert!(
        report
            .resources
            .iter()
            .any(|r| r.resource_type == "Encounter" && r.used == 0)
    );
}

#[test]
fn bulk_export_reads_back_the_synthetic_cohort() {
    round_trip(Layout::PerResourceType, 300, 7);
}

#[test]
fn bundle_per_patient_reads_back_the_synthetic_cohort() {
    round_trip(Layout::BundlePerPatient, 120, 11);
}
