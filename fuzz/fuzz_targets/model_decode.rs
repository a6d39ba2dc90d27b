//! Fuzz target: the model-file decoder must turn any bytes into a validated model or a
//! typed error, never a panic; a decoded model must predict finite log-risks and write a
//! file that reads back to the same model.
//!
//! Seed it with a valid model file (`tests/fixtures/bad/model_valid.json`): random bytes
//! alone rarely get past the JSON parser.

#![no_main]

use libfuzzer_sys::fuzz_target;
use survlens_model::bundle::ModelBundle;

fuzz_target!(|data: &[u8]| {
    let Ok(bundle) = ModelBundle::from_slice(data) else {
        return;
    };
    let net = bundle.network();
    let n_inputs = net.n_inputs();
    // One all-zero patient (every encoded input at its training mean) through the network.
    if n_inputs <= 4_096 {
        let log_risk = net.predict(&vec![0.0; n_inputs], 1);
        assert_eq!(log_risk.len(), 1);
    }
    let text = match bundle.to_json() {
        Ok(text) => text,
        Err(e) => panic!("a decoded model cannot be written back: {e}"),
    };
    match ModelBundle::from_json(&text) {
        Ok(again) => assert_eq!(
            again.network(),
            bundle.network(),
            "weights change on a round trip"
        ),
        Err(e) => panic!("a written model file does not read back: {e}"),
    }
});
