//! Half-precision weight storage of the model file ([`WeightEncoding::F16Base64`]): round
//! trip within half-precision rounding, stable re-encoding, and refusal of corrupt text.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::ops::ControlFlow;

use serde_json::Value;
use survlens_data::{Cohort, EncoderConfig, Marker};
use survlens_model::bundle::{
    BuildSettings, BundleError, ModelBundle, WeightEncoding, build_bundle,
};
use survlens_model::{HiddenWidth, TrainConfig};

/// 60 patients, two markers, risk rising with `age`.
fn bundle() -> ModelBundle {
    let n = 60;
    let age: Vec<f32> = (0..n).map(|i| 40.0 + (i * 37 % 41) as f32).collect();
    let time = (0..n)
        .map(|i| 1.0 + 200.0 - 3.0 * f64::from(age[i] - 40.0) + (i % 5) as f64)
        .collect();
    let event = (0..n).map(|i| i % 4 != 0).collect();
    let smoker = (0..n).map(|i| f32::from(u8::from(i % 3 == 0))).collect();
    let cohort = Cohort::new((0..n).map(|i| format!("p{i}")).collect(), time, event)
        .unwrap()
        .with_marker(Marker::numeric("age", age).unwrap())
        .unwrap()
        .with_marker(Marker::binary("smoker", smoker).unwrap())
        .unwrap();
    let settings = BuildSettings {
        training: TrainConfig {
            hidden_width: HiddenWidth::Fixed(16),
            learning_rate: 1e-2,
            batch_size: 16,
            epochs_per_stage: 3,
            seed: 5,
            ..TrainConfig::default()
        },
        encoder: EncoderConfig::default(),
        folds: 0,
        ..BuildSettings::study()
    };
    build_bundle(&cohort, &settings, |_| ControlFlow::Continue(()))
        .unwrap()
        .unwrap()
}

#[test]
fn half_precision_round_trip_is_within_half_rounding() {
    let original = bundle();
    let text = original.to_json_with(WeightEncoding::F16Base64).unwrap();
    let decoded = ModelBundle::from_json(&text).unwrap();
    for (a, b) in original
        .network()
        .layers()
        .iter()
        .zip(decoded.network().layers())
    {
        for (&w, &h) in a
            .weight()
            .iter()
            .chain(a.bias())
            .zip(b.weight().iter().chain(b.bias()))
        {
            // IEEE 754 binary16, round to nearest: relative error <= 2^-11 for normal
            // values, absolute error <= 2^-25 (half the subnormal spacing) below 2^-14.
            let bound = w.abs() * 2f32.powi(-11) + 2f32.powi(-25);
            assert!((w - h).abs() <= bound, "{w} stored as {h}");
        }
    }
    // Everything but the weights is untouched.
    assert_eq!(decoded.encoder(), original.encoder());
    assert_eq!(decoded.baseline(), original.baseline());
    assert_eq!(decoded.metrics(), original.metrics());
}

#[test]
fn half_precision_file_re_encodes_to_the_same_text() {
    let text = bundle().to_json_with(WeightEncoding::F16Base64).unwrap();
    let again = ModelBundle::from_json(&text)
        .unwrap()
        .to_json_with(WeightEncoding::F16Base64)
        .unwrap();
    assert_eq!(text, again);
}

#[test]
fn half_precision_file_is_smaller() {
    let b = bundle();
    let f32_len = b.to_json().unwrap().len();
    let f16_len = b.to_json_with(WeightEncoding::F16Base64).unwrap().len();
    assert!(
        f16_len < f32_len,
        "f16 {f16_len} bytes, f32 {f32_len} bytes"
    );
}

/// Replaces layer 0's stored weight text and decodes.
fn decode_with_weight_text(text: &str) -> Result<ModelBundle, BundleError> {
    let mut file: Value =
        serde_json::from_str(&bundle().to_json_with(WeightEncoding::F16Base64).unwrap()).unwrap();
    let weight = &mut file["network"]["layers"][0]["weight"];
    assert_eq!(weight["encoding"], "f16_base64");
    weight["values"] = Value::String(text.to_owned());
    ModelBundle::from_json(&serde_json::to_string_pretty(&file).unwrap())
}

#[test]
fn text_that_is_not_base64_is_a_schema_error() {
    let err = decode_with_weight_text("not base64 !").unwrap_err();
    assert!(
        matches!(&err, BundleError::Schema { description, .. } if description.contains("base64")),
        "{err:?}"
    );
}

#[test]
fn odd_byte_count_is_a_schema_error() {
    // "AA==" decodes to one byte: not a whole half-precision value.
    let err = decode_with_weight_text("AA==").unwrap_err();
    assert!(
        matches!(&err, BundleError::Schema { description, .. } if description.contains("2-byte")),
        "{err:?}"
    );
}

#[test]
fn wrong_value_count_is_a_layer_shape_error() {
    // Four bytes = two values, far fewer than the layer's weights.
    let err = decode_with_weight_text("AAAAAA==").unwrap_err();
    assert!(
        matches!(err, BundleError::LayerShape { layer: 0, .. }),
        "{err:?}"
    );
}

#[test]
fn infinite_half_value_is_refused_with_its_position() {
    // 0x7c00 little-endian = +inf in binary16, then 0x0000.
    let err = decode_with_weight_text("AHwAAA==").unwrap_err();
    // Shape is checked after finiteness: the first value is reported.
    assert!(
        matches!(
            err,
            BundleError::NonFiniteWeight {
                layer: 0,
                parameter: "weight",
                index: 0,
                ..
            }
        ),
        "{err:?}"
    );
}
