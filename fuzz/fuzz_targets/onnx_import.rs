//! Fuzz target: the ONNX import must turn any bytes into a Cox network or a typed error,
//! never a panic; an imported network must be explainable with the study's LRP rules.
//!
//! Seed it with `tests/fixtures/onnx/` (torch exports).

#![no_main]

use libfuzzer_sys::fuzz_target;
use survlens_xai::{Composite, Lrp, import_onnx};

fuzz_target!(|data: &[u8]| {
    let Ok(model) = import_onnx(data) else {
        return;
    };
    let net = &model.net;
    let n_inputs = net.n_inputs();
    // Bounded so that one input stays fast; the import itself bounds every tensor.
    if n_inputs > 4_096 || net.n_params() > 1 << 20 {
        return;
    }
    let x = vec![0.5_f32; n_inputs];
    let lrp = match Lrp::new(net, &Composite::paper()) {
        Ok(lrp) => lrp,
        Err(e) => panic!("an imported network cannot be explained: {e}"),
    };
    if let Err(e) = lrp.explain_batch(&x, 1) {
        panic!("explaining a finite input failed: {e}");
    }
});
