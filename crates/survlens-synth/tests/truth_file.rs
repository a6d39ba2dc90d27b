//! The truth file: exact round trip, regenerating settings, refusal of foreign files.

#![allow(clippy::unwrap_used, clippy::panic)]

use survlens_synth::{
    Preset, SynthConfig, SynthError, TruthFile, contributions_csv, generate, to_csv,
};

fn teaching() -> survlens_synth::SyntheticCohort {
    generate(&SynthConfig {
        n_patients: 60,
        seed: 9,
        preset: Preset::Teaching,
    })
    .unwrap()
}

#[test]
fn round_trip_is_exact_and_regenerates_the_cohort() {
    let s = teaching();
    let file = TruthFile::new(&s, Some("c.csv".into()));
    let back = TruthFile::from_json(&file.to_json()).unwrap();
    // Exact: serde_json's float_roundtrip reads the shortest text back to the same bits.
    assert_eq!(back, file);
    assert_eq!(back.config().unwrap(), s.config);
    // Compared as CSV: missing values are NaN, which no `==` equals.
    let again = generate(&back.config().unwrap()).unwrap();
    assert_eq!(to_csv(&again), to_csv(&s));
    assert_eq!(again.truth.contributions, s.truth.contributions);
}

#[test]
fn another_format_or_an_unknown_preset_is_refused() {
    let s = teaching();
    let mut file = TruthFile::new(&s, None);
    file.format = "something-else".into();
    let err = TruthFile::from_json(&file.to_json()).unwrap_err();
    assert_eq!(
        err,
        SynthError::TruthFormat {
            format: "something-else".into(),
            version: survlens_synth::TRUTH_VERSION,
        }
    );
    assert_eq!(err.code(), "truth_format");
    assert!(err.to_string().contains("\"something-else\""), "{err}");

    let mut file = TruthFile::new(&s, None);
    file.settings.preset = "lymphoma".into();
    let err = file.config().unwrap_err();
    assert_eq!(
        err,
        SynthError::UnknownPreset {
            preset: "lymphoma".into()
        }
    );
    assert_eq!(err.code(), "unknown_preset");

    // The position is held as numbers, not repeated at the end of the reader's words.
    let err = TruthFile::from_json("{\"format\": 3").unwrap_err();
    let SynthError::TruthJson {
        line,
        column,
        description,
    } = &err
    else {
        panic!("expected a JSON error, got {err:?}");
    };
    assert_eq!((*line, *column), (1, 12), "{err}");
    assert!(
        !description.is_empty() && !description.contains("at line"),
        "{description}"
    );
    assert_eq!(err.code(), "truth_json");
}

#[test]
fn contributions_csv_has_one_row_per_patient() {
    let s = teaching();
    let text = contributions_csv(&s);
    let k = s.truth.interactions.len();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap().split(',').count(),
        1 + s.n_markers() + k + 2
    );
    assert_eq!(lines.count(), 60);
}
