//! ONNX import against torch: the networks of tests/fixtures/onnx/ (exported by torch
//! 2.15.0 `torch.onnx.export(dynamo=False)`, opset 17, or written with onnx 1.23.2's
//! helper; see tools/references/xai_onnx_fixtures.py) must reproduce torch's outputs and
//! zennit 0.5.1's `Gamma(gamma=0.01, stabilizer=1e-5)` relevances
//! (tests/fixtures/reference/xai_onnx.json, float64 from float32 parameters), and damaged
//! files must give errors, never panics.
#![allow(clippy::unwrap_used, clippy::panic)]

use proptest::prelude::*;
use serde_json::Value;
use survlens_xai::{Composite, Lrp, LrpRule, OnnxError, import_onnx};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/reference/xai_onnx.json"
);
const ONNX_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/onnx/");

fn fixture() -> Value {
    serde_json::from_str(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap()
}

fn bytes(file: &str) -> Vec<u8> {
    std::fs::read(format!("{ONNX_DIR}{file}")).unwrap()
}

fn matrix(v: &Value) -> Vec<Vec<f64>> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_f64().unwrap())
                .collect()
        })
        .collect()
}

/// `|ours - theirs| <= 1e-5 (1 + |theirs|)`: float32 propagation against a float64
/// reference computed from the same float32 parameters.
fn close(ours: f32, theirs: f64) -> bool {
    (f64::from(ours) - theirs).abs() <= 1e-5 * (1.0 + theirs.abs())
}

#[test]
fn imported_networks_reproduce_torch_and_zennit() {
    let doc = fixture();
    let models = doc["models"].as_array().unwrap();
    assert_eq!(models.len(), 4);
    for case in models {
        let name = case["name"].as_str().unwrap();
        let model = import_onnx(&bytes(case["file"].as_str().unwrap()))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let d = case["n_inputs"].as_u64().unwrap() as usize;
        assert_eq!(model.net.n_inputs(), d, "{name}");
        let x: Vec<f32> = matrix(&case["inputs"])
            .into_iter()
            .flatten()
            .map(|v| v as f32) // stored from float32: exact
            .collect();
        let n = x.len() / d;
        let outputs: Vec<f64> = case["outputs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        // torch 2.15.0 forward in float64, eval mode (dropout off, BatchNorm running stats).
        for (p, (&ours, &theirs)) in model.net.predict(&x, n).iter().zip(&outputs).enumerate() {
            assert!(
                close(ours, theirs),
                "{name} patient {p}: output {ours} vs torch {theirs}"
            );
        }
        let rel = Lrp::new(&model.net, &Composite::uniform(LrpRule::PaperGamma))
            .unwrap()
            .explain_batch(&x, n)
            .unwrap();
        // zennit 0.5.1 Gamma(gamma=0.01, stabilizer=1e-5) on the BatchNorm-merged network.
        for (p, expected) in matrix(&case["paper_gamma"]).iter().enumerate() {
            for (i, (&ours, &theirs)) in rel.row(p).unwrap().iter().zip(expected).enumerate() {
                assert!(
                    close(ours, theirs),
                    "{name} patient {p} input {i}: {ours} vs zennit {theirs}"
                );
            }
        }
    }
}

#[test]
fn torch_export_names_are_kept() {
    let model = import_onnx(&bytes("batchnorm.onnx")).unwrap();
    assert_eq!(model.input_name, "x");
    assert_eq!(model.output_name, "log_risk");
    assert!(model.producer.starts_with("pytorch"), "{}", model.producer);
    // Linear + BatchNorm1d pairs become single layers: 4 -> 10 -> 6 -> 1.
    let widths: Vec<usize> = model.net.layers().iter().map(|l| l.n_out()).collect();
    assert_eq!(widths, vec![10, 6, 1]);
}

#[test]
fn unsupported_operator_is_named_with_its_node() {
    let doc = fixture();
    let err = import_onnx(&bytes("unsupported_sigmoid.onnx")).unwrap_err();
    assert_eq!(
        err,
        OnnxError::UnsupportedOp {
            op: doc["unsupported"]["op"].as_str().unwrap().into(),
            node: doc["unsupported"]["node"].as_str().unwrap().into(),
        }
    );
    let message = err.to_string();
    assert!(
        message.contains("Sigmoid") && message.contains("/1/Sigmoid"),
        "{message}"
    );
}

#[test]
fn every_truncation_is_an_error() {
    for file in [
        "plain.onnx",
        "study_dropout.onnx",
        "batchnorm.onnx",
        "matmul_add.onnx",
    ] {
        let full = bytes(file);
        // Every prefix: cut inside a field, at a field boundary, inside a weight tensor.
        for cut in 0..full.len() {
            assert!(
                import_onnx(&full[..cut]).is_err(),
                "{file} cut at {cut} was accepted"
            );
        }
    }
}

#[test]
fn not_onnx_at_all() {
    assert!(matches!(
        import_onnx(b"x,y\n1,2\n"),
        Err(OnnxError::Decode(_))
    ));
    assert_eq!(import_onnx(b""), Err(OnnxError::NoGraph));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Random byte corruption gives a network or an error, never a panic.
    #[test]
    fn corrupted_bytes_never_panic(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        which in 0usize..4,
    ) {
        let file = ["plain.onnx", "study_dropout.onnx", "batchnorm.onnx", "matmul_add.onnx"][which];
        let mut b = bytes(file);
        for (at, value) in edits {
            let k = at.index(b.len());
            b[k] = value;
        }
        let _ = import_onnx(&b);
    }
}
