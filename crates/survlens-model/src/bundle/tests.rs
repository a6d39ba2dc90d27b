//! Model-file round trip, and one test per kind of corruption: each must give its own
//! [`BundleError`] variant.

use std::ops::ControlFlow;

use serde_json::{Value, json};
use survlens_data::{Categorical, Cohort, EncoderConfig, Marker};

use super::*;
use crate::train::HiddenWidth;

/// A 40-patient cohort with a numeric marker (with missing values), a binary one and a
/// categorical one; risk rises with `age` so training has something to find.
fn cohort(n: usize) -> Cohort {
    let ids = (0..n).map(|i| format!("p{i}")).collect();
    let age: Vec<f32> = (0..n)
        .map(|i| {
            if i % 7 == 3 {
                f32::NAN
            } else {
                40.0 + (i * 37 % 41) as f32
            }
        })
        .collect();
    let time = (0..n)
        .map(|i| 1.0 + (100.0 - f64::from(age[i].max(40.0) - 40.0) * 2.0) + (i % 5) as f64)
        .collect();
    let event = (0..n).map(|i| i % 4 != 0).collect();
    let smoker = (0..n).map(|i| (i % 3 == 0) as u8 as f32).collect();
    let stage: Vec<Option<&str>> = (0..n).map(|i| Some(["I", "II", "III"][i % 3])).collect();
    Cohort::new(ids, time, event)
        .unwrap()
        .with_marker(Marker::numeric("age", age).unwrap())
        .unwrap()
        .with_marker(Marker::binary("smoker", smoker).unwrap())
        .unwrap()
        .with_marker(Marker::categorical(
            "stage",
            Categorical::from_labels(&stage).unwrap(),
        ))
        .unwrap()
}

fn fast_settings() -> BuildSettings {
    BuildSettings {
        training: TrainConfig {
            hidden_width: HiddenWidth::Fixed(8),
            learning_rate: 1e-2,
            batch_size: 16,
            epochs_per_stage: 3,
            seed: 11,
            ..TrainConfig::default()
        },
        encoder: EncoderConfig::default(),
        folds: 2,
        risk_groups: 3,
        id_column: Some("id".into()),
        time_unit: Some("days".into()),
        ..BuildSettings::study()
    }
}

fn bundle() -> ModelBundle {
    build_bundle(&cohort(40), &fast_settings(), |_| ControlFlow::Continue(()))
        .unwrap()
        .unwrap()
}

/// The model file of `bundle()` as a JSON value, for corrupting.
fn file() -> Value {
    serde_json::from_str(&bundle().to_json().unwrap()).unwrap()
}

fn decode(v: &Value) -> Result<ModelBundle, BundleError> {
    ModelBundle::from_json(&serde_json::to_string_pretty(v).unwrap())
}

#[test]
fn round_trip_is_exact() {
    let original = bundle();
    let text = original.to_json().unwrap();
    let back = ModelBundle::from_json(&text).unwrap();
    // Bit-exact: weights are written as shortest round-trip f32 text, hazards as f64.
    assert_eq!(back, original);
    assert_eq!(ModelBundle::from_slice(text.as_bytes()).unwrap(), original);
    assert_eq!(back.to_json().unwrap(), text);
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["format"], "survlens-model");
    assert_eq!(v["version"], 1);
    assert_eq!(v["markers"], json!(["age", "smoker", "stage"]));
    assert_eq!(v["network"]["layers"][0]["weight"]["encoding"], "f32");
    assert_eq!(v["columns"]["time_unit"], "days");
}

#[test]
fn building_is_deterministic_and_reports_metrics() {
    let a = bundle();
    assert_eq!(a, bundle());
    let oof = a.metrics().out_of_fold.as_ref().unwrap();
    assert_eq!(oof.folds, 2);
    assert_eq!(oof.fold_test_harrell_c.len(), 2);
    for c in [oof.harrell_c, oof.antolini_c].into_iter().flatten() {
        assert!((0.0..=1.0).contains(&c), "C-index {c}");
    }
    assert!(
        oof.integrated_brier_score
            .is_some_and(|b| (0.0..=1.0).contains(&b))
    );
    // 40 patients, 2 folds: fold 0 holds out 20, its validation half 10.
    assert_eq!(a.metrics().final_fit.n_validation, 10);
    assert_eq!(a.metrics().final_fit.n_train, 30);
    assert_eq!(
        a.risk_groups().labels(),
        ["lower third", "middle third", "upper third"]
    );
}

#[test]
fn predict_applies_the_stored_preprocessing() {
    let b = bundle();
    let c = cohort(40);
    let p = b.predict(&c, &[5.0, 50.0]).unwrap();
    assert_eq!(p.ids.len(), 40);
    assert_eq!(p.survival.len(), 80);
    // Survival falls with time and is a probability.
    for row in p.survival.chunks_exact(2) {
        assert!(
            row[0] >= row[1] && row[1] >= 0.0 && row[0] <= 1.0,
            "{row:?}"
        );
    }
    // The training cut-offs split the training-like cohort into all three groups.
    for g in 0..3 {
        assert!(p.risk_group.contains(&g), "group {g} empty");
    }
    let roles = b.import_roles(Some("id"));
    assert_eq!(roles.markers.unwrap(), ["age", "smoker", "stage"]);
    assert_eq!(roles.kinds.len(), 3);
    // A cohort without a marker is refused naming it.
    let short = Cohort::new(vec!["a".into()], vec![1.0], vec![true]).unwrap();
    let err = b.predict(&short, &[]).unwrap_err();
    assert!(err.to_string().contains("\"age\""), "{err}");
}

#[track_caller]
fn check(v: &Value, what: &str, matches: impl Fn(&BundleError) -> bool) {
    let err = decode(v).unwrap_err();
    assert!(matches(&err), "{what}: got {err:?}");
    assert!(!err.to_string().is_empty());
}

#[test]
fn foreign_files_and_versions_are_named() {
    let mut v = file();
    v["format"] = json!("pycox-model");
    check(
        &v,
        "wrong format",
        |e| matches!(e, BundleError::NotAModelFile { found } if found == "\"pycox-model\""),
    );
    let mut v = file();
    v.as_object_mut().unwrap().remove("format");
    check(&v, "no format", |e| {
        matches!(e, BundleError::NotAModelFile { .. })
    });
    check(&json!([1, 2]), "array", |e| {
        matches!(e, BundleError::NotAModelFile { .. })
    });
    let mut v = file();
    v["version"] = json!(2);
    check(
        &v,
        "version 2",
        |e| matches!(e, BundleError::UnsupportedVersion { found, supported: 1 } if found == "2"),
    );
}

#[test]
fn truncated_and_malformed_json_give_line_and_column() {
    let text = serde_json::to_string_pretty(&file()).unwrap();
    let err = ModelBundle::from_json(&text[..text.len() / 2]).unwrap_err();
    assert!(
        matches!(err, BundleError::Truncated { line, .. } if line > 1),
        "{err:?}"
    );
    // A stray character on line 3.
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(2, "  @");
    let err = ModelBundle::from_json(&lines.join("\n")).unwrap_err();
    assert!(
        matches!(
            err,
            BundleError::Malformed {
                line: 3,
                column: 3,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("line 3, column 3"), "{err}");
}

#[test]
fn missing_and_mistyped_fields_are_schema_errors() {
    let mut v = file();
    v.as_object_mut().unwrap().remove("baseline");
    check(
        &v,
        "no baseline",
        |e| matches!(e, BundleError::Schema { description, .. } if description.contains("baseline")),
    );
    let mut v = file();
    // An encoding no reader knows (f16_base64 became a real one).
    v["network"]["layers"][0]["weight"]["encoding"] = json!("int4_packed");
    check(
        &v,
        "unknown encoding",
        |e| matches!(e, BundleError::Schema { description, .. } if description.contains("int4_packed")),
    );
    let mut v = file();
    v["training"]["batch_size"] = json!("many");
    check(&v, "mistyped", |e| matches!(e, BundleError::Schema { .. }));
}

#[test]
fn shapes_that_do_not_fit_are_refused() {
    let mut v = file();
    v["network"]["layers"][0]["weight"]["values"]
        .as_array_mut()
        .unwrap()
        .pop();
    check(&v, "short weight", |e| {
        matches!(e, BundleError::LayerShape { layer: 0, .. })
    });
    let mut v = file();
    v["network"]["layers"][1]["n_in"] = json!(7);
    v["network"]["layers"][1]["weight"]["values"] = json!(vec![0.5; 7]);
    check(&v, "layers do not chain", |e| {
        matches!(e, BundleError::LayerShape { layer: 1, .. })
    });
    let mut v = file();
    v["network"]["architecture"]["hidden"] = json!([9]);
    check(&v, "architecture", |e| {
        matches!(e, BundleError::ArchitectureMismatch { .. })
    });
    // A network for one more input than the preprocessing makes.
    let mut v = file();
    let n_in = v["network"]["layers"][0]["n_in"].as_u64().unwrap() as usize + 1;
    let n_out = v["network"]["layers"][0]["n_out"].as_u64().unwrap() as usize;
    v["network"]["layers"][0]["n_in"] = json!(n_in);
    v["network"]["layers"][0]["weight"]["values"] = json!(vec![0.1; n_in * n_out]);
    v["network"]["architecture"]["n_inputs"] = json!(n_in);
    check(&v, "input width", |e| {
        matches!(e, BundleError::InputWidth { encoder_features, network_inputs }
            if *network_inputs == *encoder_features + 1)
    });
    let mut v = file();
    v["markers"][0] = json!("height");
    check(&v, "marker names", |e| {
        matches!(e, BundleError::NamesMismatch { what: "marker", .. })
    });
    let mut v = file();
    v["features"].as_array_mut().unwrap().pop();
    check(&v, "feature names", |e| {
        matches!(
            e,
            BundleError::NamesCount {
                what: "feature",
                ..
            }
        )
    });
}

#[test]
fn non_finite_weights_name_their_position() {
    let mut v = file();
    v["network"]["layers"][0]["weight"]["values"][5] = Value::Null;
    check(&v, "null weight", |e| {
        matches!(e, BundleError::NonFiniteWeight { layer: 0, parameter: "weight", index: 5, value }
            if value.is_nan())
    });
    // 1e39 is beyond f32's range: it reads as infinity.
    let text = serde_json::to_string(&file()).unwrap();
    let bias = r#""bias":{"encoding":"f32","values":["#;
    let at = text.rfind(bias).unwrap() + bias.len();
    let end = at + text[at..].find([',', ']']).unwrap();
    let corrupted = format!("{}1e39{}", &text[..at], &text[end..]);
    let err = ModelBundle::from_json(&corrupted).unwrap_err();
    assert!(
        matches!(err, BundleError::NonFiniteWeight { layer: 1, parameter: "bias", index: 0, value }
            if value == f32::INFINITY),
        "{err:?}"
    );
}

#[test]
fn invalid_parts_have_their_own_errors() {
    let mut v = file();
    let h = v["baseline"]["cumulative_hazard"].as_array_mut().unwrap();
    h.reverse();
    check(&v, "decreasing hazard", |e| {
        matches!(e, BundleError::InvalidBaseline(_))
    });
    let mut v = file();
    v["risk_groups"]["labels"] = json!(["low", "high"]);
    check(&v, "labels", |e| {
        matches!(
            e,
            BundleError::RiskGroupLabels {
                groups: 3,
                labels: 2,
                ..
            }
        )
    });
    let mut v = file();
    v["risk_groups"]["cut_offs"] = json!([1.0, 0.0]);
    check(&v, "cut-offs", |e| {
        matches!(e, BundleError::InvalidRiskGroups(_))
    });
    let mut v = file();
    v["encoder"]["markers"][0]["encoding"]["scale"] = json!(-1.0);
    check(&v, "encoder", |e| {
        matches!(e, BundleError::InvalidEncoder(_))
    });
    let mut v = file();
    v["training"]["learning_rate"] = json!(-1.0);
    check(&v, "training", |e| {
        matches!(e, BundleError::InvalidTraining(_))
    });
}
