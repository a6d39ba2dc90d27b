//! Preprocessing: design matrices against scikit-learn on a real cohort, hand-checkable
//! tables for every encoding rule, training-only fitting, the feature map and storage.

// Helpers outside `#[test]` functions are test code too.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use survlens_data::{
    Categorical, Cohort, Encoder, EncoderConfig, FeatureRole, ImportOptions, Marker,
    MissingIndicators, RangeFlag, RangeFlagKind, Scaling, UnseenLevels, import_csv, preview,
};

/// ncctg_lung.csv with the roles the page would guess (fac_* categorical).
fn ncctg_lung() -> Cohort {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/ncctg_lung.csv");
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let options = ImportOptions::default();
    let roles = preview(&bytes, "ncctg_lung.csv", &options, 50)
        .unwrap()
        .guess_roles()
        .roles()
        .unwrap();
    import_csv(&bytes, "ncctg_lung.csv", &roles, &options)
        .unwrap()
        .cohort
}

#[test]
fn design_matrix_equals_scikit_learn_on_ncctg_lung() {
    let fixture: serde_json::Value = serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/reference/encoding_ncctg_lung.json"
    )))
    .unwrap();
    let cohort = ncctg_lung();
    let pid = |i: usize| cohort.id(i).parse::<i64>().unwrap();
    let train: Vec<usize> = (0..cohort.len()).filter(|&i| pid(i) % 3 != 0).collect();
    for (key, scaling) in [("min_max", Scaling::MinMax), ("z_score", Scaling::ZScore)] {
        let config = EncoderConfig {
            scaling,
            ..EncoderConfig::default()
        };
        let encoder = config.fit(cohort.rows(&train).unwrap()).unwrap();
        let encoded = encoder.transform(cohort.view()).unwrap();
        let names: Vec<&str> = encoder.feature_map().names().collect();
        let expected_names: Vec<&str> = fixture[key]["names"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(names, expected_names, "{key}");
        let rows = fixture[key]["rows"].as_array().unwrap();
        assert_eq!(rows.len(), cohort.len());
        for (i, row) in rows.iter().enumerate() {
            let row = row.as_array().unwrap();
            assert_eq!(row[0].as_i64().unwrap(), pid(i));
            for (j, (ours, theirs)) in encoded.design.row(i).iter().zip(&row[1..]).enumerate() {
                // Reference: scikit-learn 1.9.1 SimpleImputer(median) + MinMaxScaler /
                // StandardScaler + MissingIndicator("missing-only") + OneHotEncoder
                // (tools/references/encoding_fixtures.py). Tolerance 1e-6 absolute: we
                // compute in f64 and store f32 (values are below 10 in magnitude).
                let theirs = theirs.as_f64().unwrap();
                assert!(
                    (f64::from(*ours) - theirs).abs() <= 1e-6,
                    "{key}: patient {} column {}: {ours} vs {theirs}",
                    pid(i),
                    names[j]
                );
            }
        }
    }
}

/// Six patients: `x` numeric with a gap, `b` binary, `g` categorical, entity.
fn small() -> Cohort {
    let ids = ["a", "b", "c", "d", "e", "f"].map(String::from).to_vec();
    Cohort::new(ids, vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0], vec![true; 6])
        .unwrap()
        .with_entity(
            "cancer",
            Categorical::from_labels(&[
                Some("lung"),
                Some("breast"),
                Some("lung"),
                None,
                Some("crc"),
                Some("lung"),
            ])
            .unwrap(),
        )
        .unwrap()
        .with_marker(
            Marker::numeric("x", vec![10.0, 30.0, f32::NAN, 20.0, 40.0, f32::NAN]).unwrap(),
        )
        .unwrap()
        .with_marker(Marker::binary("b", vec![1.0, 0.0, f32::NAN, 1.0, 0.0, 1.0]).unwrap())
        .unwrap()
        .with_marker(Marker::categorical(
            "g",
            Categorical::from_labels(&[
                Some("II"),
                Some("I"),
                None,
                Some("II"),
                Some("III"),
                Some("I"),
            ])
            .unwrap(),
        ))
        .unwrap()
}

/// Fits `config` on `train`, encodes all of `small()`, and checks names, rows and flags.
fn check(
    config: EncoderConfig,
    train: &[usize],
    names: &[&str],
    rows: &[&[f32]],
    flags: &[RangeFlag],
) {
    let cohort = small();
    let encoder = config.fit(cohort.rows(train).unwrap()).unwrap();
    let encoded = encoder.transform(cohort.view()).unwrap();
    assert_eq!(encoder.feature_map().names().collect::<Vec<_>>(), names);
    for (i, expected) in rows.iter().enumerate() {
        // Hand-computed; tolerance 1e-6 absolute (f32 rounding of exact fractions).
        let found = encoded.design.row(i);
        assert_eq!(found.len(), expected.len());
        assert!(
            found
                .iter()
                .zip(*expected)
                .all(|(a, b)| (a - b).abs() <= 1e-6),
            "patient {i}: {found:?} vs {expected:?}"
        );
    }
    assert_eq!(encoded.flags, flags);
}

fn flag(row: usize, marker: usize, kind: RangeFlagKind) -> RangeFlag {
    RangeFlag { row, marker, kind }
}

#[test]
fn min_max_median_and_indicator_fitted_on_training_rows() {
    // Training a, b, c, d: x observed 10, 30, 20 -> min 10, max 30, median 20, one missing.
    // b: 1, 0, (missing), 1 -> more 1s: impute 1. g: II, I, (missing), II -> mode II.
    // Entity levels in training: breast, lung (crc only in test).
    let config = EncoderConfig::default();
    let names = [
        "x",
        "x (missing)",
        "b",
        "b (missing)",
        "g = I",
        "g = II",
        "g (missing)",
        "cancer = breast",
        "cancer = lung",
    ];
    let rows: [&[f32]; 6] = [
        &[0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0],
        &[1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0],
        &[0.5, 1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0],
        &[0.5, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0],
        // e: x = 40 encodes (40 - 10) / 20 = 1.5 unclipped; g = III unseen -> all 0.
        &[1.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        &[0.5, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0],
    ];
    let flags = [
        flag(
            4,
            0,
            RangeFlagKind::AboveTraining {
                value: 40.0,
                max: 30.0,
            },
        ),
        flag(
            4,
            2,
            RangeFlagKind::UnseenLevel {
                level: "III".into(),
            },
        ),
        flag(
            4,
            3,
            RangeFlagKind::UnseenLevel {
                level: "crc".into(),
            },
        ),
    ];
    check(config, &[0, 1, 2, 3], &names, &rows, &flags);
}

#[test]
fn z_score_uses_mean_and_population_sd_of_observed_values() {
    // Training d, e, f: x observed 20, 40 -> mean 30, sd 10 (population), median 30; f is
    // missing -> indicator. b: 1, 0, 1 -> impute 1, nothing missing -> no indicator.
    // g: II, III, I -> a tie, broken by level order (I). Entity off.
    let config = EncoderConfig {
        scaling: Scaling::ZScore,
        include_entity: false,
        ..EncoderConfig::default()
    };
    let names = ["x", "x (missing)", "b", "g = I", "g = II", "g = III"];
    let rows: [&[f32]; 6] = [
        &[-2.0, 0.0, 1.0, 0.0, 1.0, 0.0],
        &[0.0, 0.0, 0.0, 1.0, 0.0, 0.0],
        // c: x missing -> median 30 -> 0; b missing -> 1; g missing -> mode I.
        &[0.0, 1.0, 1.0, 1.0, 0.0, 0.0],
        &[-1.0, 0.0, 1.0, 0.0, 1.0, 0.0],
        &[1.0, 0.0, 0.0, 0.0, 0.0, 1.0],
        &[0.0, 1.0, 1.0, 1.0, 0.0, 0.0],
    ];
    let flags = [flag(
        0,
        0,
        RangeFlagKind::BelowTraining {
            value: 10.0,
            min: 20.0,
        },
    )];
    check(config, &[3, 4, 5], &names, &rows, &flags);
}

#[test]
fn indicator_and_unseen_level_policies() {
    // Always: every marker gets an indicator; unseen levels count as missing (imputed with
    // the mode and flagged).
    let config = EncoderConfig {
        missing_indicators: MissingIndicators::Always,
        unseen_levels: UnseenLevels::AsMissing,
        include_entity: false,
        ..EncoderConfig::default()
    };
    // Training a, b: x 10, 30 (median 20); b 1, 0 (tie -> 0); g II, I (tie -> I).
    let names = [
        "x",
        "x (missing)",
        "b",
        "b (missing)",
        "g = I",
        "g = II",
        "g (missing)",
    ];
    let rows: [&[f32]; 6] = [
        &[0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0],
        &[1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0],
        &[0.5, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0],
        &[0.5, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0],
        &[1.5, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0],
        &[0.5, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0],
    ];
    let flags = [
        flag(
            4,
            0,
            RangeFlagKind::AboveTraining {
                value: 40.0,
                max: 30.0,
            },
        ),
        flag(
            4,
            2,
            RangeFlagKind::UnseenLevel {
                level: "III".into(),
            },
        ),
    ];
    check(config, &[0, 1], &names, &rows, &flags);

    // Never: no indicators even with missing training values.
    let config = EncoderConfig {
        missing_indicators: MissingIndicators::Never,
        ..EncoderConfig::default()
    };
    let encoder = config.fit(small().view()).unwrap();
    assert!(
        !encoder
            .feature_map()
            .features()
            .iter()
            .any(|f| f.role == FeatureRole::MissingIndicator)
    );

    // Error: an unseen level stops the encoding and names patient and marker.
    let config = EncoderConfig {
        unseen_levels: UnseenLevels::Error,
        include_entity: false,
        ..EncoderConfig::default()
    };
    let cohort = small();
    let encoder = config.fit(cohort.rows(&[0, 1]).unwrap()).unwrap();
    let err = encoder.transform(cohort.view()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "patient \"e\": marker \"g\" has the value \"III\", which the training data never had"
    );
}

#[test]
fn mirror_appends_one_minus_every_column() {
    let config = EncoderConfig {
        mirror: true,
        include_entity: false,
        ..EncoderConfig::default()
    };
    let cohort = small();
    let encoder = config.fit(cohort.view()).unwrap();
    let map = encoder.feature_map();
    let p = map.len();
    assert_eq!(p % 2, 0);
    let encoded = encoder.transform(cohort.view()).unwrap();
    for i in 0..cohort.len() {
        let row = encoded.design.row(i);
        for j in 0..p / 2 {
            assert_eq!(
                map.features()[p / 2 + j].role,
                FeatureRole::Mirror { of: j }
            );
            assert_eq!(map.features()[p / 2 + j].marker, map.features()[j].marker);
            // Exact: 1 - x in f32 for x in [0, 1].
            assert_eq!(row[p / 2 + j], 1.0 - row[j]);
        }
    }
    assert_eq!(map.features()[p / 2].name, "x (mirror)");

    let bad = EncoderConfig {
        mirror: true,
        scaling: Scaling::ZScore,
        ..EncoderConfig::default()
    };
    assert_eq!(
        bad.fit(cohort.view()).unwrap_err().code(),
        "invalid_settings"
    );
}

#[test]
fn test_rows_never_influence_the_fit() {
    let cohort = small();
    let train = [0, 1, 3];
    let encoder = EncoderConfig::default()
        .fit(cohort.rows(&train).unwrap())
        .unwrap();
    // The same training patients in another cohort whose other patients differ wildly.
    let other = Cohort::new(
        ["a", "b", "d", "z"].map(String::from).to_vec(),
        vec![1.0, 2.0, 4.0, 9.0],
        vec![true, true, true, false],
    )
    .unwrap()
    .with_entity(
        "cancer",
        Categorical::from_labels(&[Some("lung"), Some("breast"), None, Some("skin")]).unwrap(),
    )
    .unwrap()
    .with_marker(Marker::numeric("x", vec![10.0, 30.0, 20.0, -1e6]).unwrap())
    .unwrap()
    .with_marker(Marker::binary("b", vec![1.0, 0.0, 1.0, f32::NAN]).unwrap())
    .unwrap()
    .with_marker(Marker::categorical(
        "g",
        Categorical::from_labels(&[Some("II"), Some("I"), Some("II"), Some("IV")]).unwrap(),
    ))
    .unwrap();
    let refit = EncoderConfig::default()
        .fit(other.rows(&[0, 1, 2]).unwrap())
        .unwrap();
    assert_eq!(encoder, refit);
}

#[test]
fn feature_map_sums_inputs_back_into_markers() {
    let encoder = EncoderConfig {
        mirror: true,
        ..EncoderConfig::default()
    }
    .fit(small().view())
    .unwrap();
    let map = encoder.feature_map();
    assert_eq!(map.marker_names(), ["x", "b", "g", "cancer"]);
    let to_marker = map.input_to_marker();
    // x, x (missing), b, b (missing), g = I, II, III, g (missing), cancer = breast, crc,
    // lung, then the mirrors of all eleven.
    let base = [0, 0, 1, 1, 2, 2, 2, 2, 3, 3, 3];
    assert_eq!(to_marker, [base, base].concat());
    assert_eq!(map.features()[4].role, FeatureRole::Level("I".into()));
    assert_eq!(map.features()[9].role, FeatureRole::Entity("crc".into()));
    // Relevance 1, 2, 3, ... per input: each marker gets the sum of its columns.
    let relevance: Vec<f32> = (1..=map.len()).map(|v| v as f32).collect();
    let sums = map.sum_by_marker(&relevance).unwrap();
    // Exact small-integer sums: x = 1+2+12+13, b = 3+4+14+15, g = 5..8 + 16..19,
    // cancer = 9..11 + 20..22.
    assert_eq!(sums, [28.0, 36.0, 96.0, 93.0]);
    assert_eq!(map.columns_of(1).collect::<Vec<_>>(), [2, 3, 13, 14]);
    assert_eq!(
        map.sum_by_marker(&[1.0f32]).unwrap_err().code(),
        "length_mismatch"
    );
}

#[test]
fn the_fitted_encoder_survives_storage() {
    let cohort = small();
    let encoder = EncoderConfig::default()
        .fit(cohort.rows(&[0, 1, 2, 3]).unwrap())
        .unwrap();
    let json = serde_json::to_string(&encoder).unwrap();
    let back: Encoder = serde_json::from_str(&json).unwrap();
    assert_eq!(back, encoder);
    assert_eq!(
        back.transform(cohort.view()).unwrap(),
        encoder.transform(cohort.view()).unwrap()
    );

    // A stored file tampered with: the imputed level index points past the levels.
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    value["markers"][2]["encoding"]["mode"] = serde_json::json!(7);
    let tampered: Encoder = serde_json::from_value(value).unwrap();
    assert_eq!(
        tampered.transform(cohort.view()).unwrap_err().to_string(),
        "the stored preprocessing is inconsistent: the imputed level is not a level (marker \"g\")"
    );
    // A feature list that does not match the encodings.
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
    value["features"]["features"].as_array_mut().unwrap().pop();
    let tampered: Encoder = serde_json::from_value(value).unwrap();
    assert_eq!(tampered.validate().unwrap_err().code(), "invalid_encoder");
}

#[test]
fn encoding_problems_are_messages() {
    let cohort = small();
    let encoder = EncoderConfig::default().fit(cohort.view()).unwrap();
    let without_g = Cohort::new(vec!["p".into()], vec![1.0], vec![true])
        .unwrap()
        .with_marker(Marker::numeric("x", vec![1.0]).unwrap())
        .unwrap()
        .with_marker(Marker::binary("b", vec![1.0]).unwrap())
        .unwrap();
    assert_eq!(
        encoder.transform(without_g.view()).unwrap_err().to_string(),
        "the cohort has no marker \"g\", which the model was trained on"
    );
    let g_numeric = without_g
        .clone()
        .with_marker(Marker::numeric("g", vec![2.0]).unwrap())
        .unwrap();
    assert_eq!(
        encoder.transform(g_numeric.view()).unwrap_err().to_string(),
        "marker \"g\" was categorical when the model was trained but is numeric here; set its \
         kind when importing the file"
    );
    let no_entity = without_g
        .with_marker(Marker::categorical(
            "g",
            Categorical::from_labels(&[Some("I")]).unwrap(),
        ))
        .unwrap();
    assert_eq!(
        encoder.transform(no_entity.view()).unwrap_err().code(),
        "entity_missing"
    );
    assert_eq!(
        EncoderConfig::default()
            .fit(cohort.rows(&[]).unwrap())
            .unwrap_err()
            .code(),
        "empty_training_set"
    );
    // The kinds to fix when importing a new file.
    let kinds: Vec<(String, String)> = encoder
        .marker_kinds()
        .into_iter()
        .map(|(k, v)| (k, v.to_string()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("b".into(), "binary".into()),
            ("g".into(), "categorical".into()),
            ("x".into(), "numeric".into())
        ]
    );
}
