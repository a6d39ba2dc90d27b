"""ONNX models exported by torch and their reference outputs and relevances, for survlens'
ONNX import (crates/survlens-xai/src/onnx.rs).

Writes tests/fixtures/onnx/*.onnx and tests/fixtures/reference/xai_onnx.json. Run from the
repository root with the pinned reference environment (tools/references/requirements.txt):

    tools/references/.venv/bin/python tools/references/xai_onnx_fixtures.py

Exported with `torch.onnx.export(..., dynamo=False)` (the TorchScript exporter, which needs no
onnxscript), opset 17, in eval mode, from `nn.Sequential` networks of Linear / ReLU / Dropout /
BatchNorm1d with float32 parameters drawn by numpy:

- `plain`: Linear(5, 8) - ReLU - Linear(8, 1);
- `study_dropout`: the study's shape with dropout, Dropout(0.5) - Linear(6, 60) - ReLU -
  Dropout(0.5) - Linear(60, 1), plus a second hidden layer;
- `batchnorm`: Linear - BatchNorm1d - ReLU - Dropout - Linear - BatchNorm1d - ReLU - Linear,
  with non-trivial running statistics and affine parameters.

`planted_interaction` (4 -> 3 -> 1, fixed weights: inputs 1 and 2 interact) serves the
end-to-end test of `survlens interactions`. Two models are written with `onnx.helper` to cover what torch's exporter emits only for other
module types: `matmul_add` (MatMul + Add with a transposed weight initializer, weights given
by Constant nodes, Flatten, Identity, Dropout nodes) and `unsupported_sigmoid` (a Sigmoid
node, which survlens must refuse by name).

References, in float64 from the float32 parameters and inputs (the fixture measures survlens'
float32 error, not torch's): the network output (log-risk) and zennit 0.5.1
`Gamma(gamma=0.01, stabilizer=1e-5)` relevances (the study's rule) on every Linear, `Pass` on
the ReLUs, BatchNorm1d merged into the preceding Linear in float64 (see `merged_linears`),
attributor `Gradient` with `attr_output = output`.
"""

import importlib.metadata
import json
import pathlib

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from zennit.attribution import Gradient
from zennit.composites import NameMapComposite
from zennit.rules import Gamma, Pass

ROOT = pathlib.Path(__file__).resolve().parents[2]
ONNX_DIR = ROOT / "tests" / "fixtures" / "onnx"
OUT = ROOT / "tests" / "fixtures" / "reference" / "xai_onnx.json"

PAPER_GAMMA = 0.01
PAPER_EPS = 1e-5
N_PATIENTS = 6
OPSET = 17


def linear(n_in, n_out, rng, scale=0.8, bias=0.3):
    lin = torch.nn.Linear(n_in, n_out)
    with torch.no_grad():
        lin.weight.copy_(torch.from_numpy(rng.uniform(-scale, scale, (n_out, n_in)).astype(np.float32)))
        lin.bias.copy_(torch.from_numpy(rng.uniform(-bias, bias, n_out).astype(np.float32)))
    return lin


def batchnorm(n, rng):
    bn = torch.nn.BatchNorm1d(n)
    with torch.no_grad():
        bn.weight.copy_(torch.from_numpy(rng.uniform(0.5, 1.5, n).astype(np.float32)))
        bn.bias.copy_(torch.from_numpy(rng.uniform(-0.3, 0.3, n).astype(np.float32)))
        bn.running_mean.copy_(torch.from_numpy(rng.uniform(-0.5, 0.5, n).astype(np.float32)))
        bn.running_var.copy_(torch.from_numpy(rng.uniform(0.2, 2.0, n).astype(np.float32)))
    return bn


def models(rng):
    plain = torch.nn.Sequential(linear(5, 8, rng), torch.nn.ReLU(), linear(8, 1, rng))
    study = torch.nn.Sequential(
        torch.nn.Dropout(0.5),
        linear(6, 60, rng, scale=0.4),
        torch.nn.ReLU(),
        torch.nn.Dropout(0.5),
        linear(60, 7, rng, scale=0.3),
        torch.nn.ReLU(),
        torch.nn.Dropout(0.5),
        linear(7, 1, rng),
    )
    bn = torch.nn.Sequential(
        linear(4, 10, rng),
        batchnorm(10, rng),
        torch.nn.ReLU(),
        torch.nn.Dropout(0.5),
        linear(10, 6, rng),
        batchnorm(6, rng),
        torch.nn.ReLU(),
        linear(6, 1, rng),
    )
    # name, model, input range
    return [
        ("plain", plain, (-1.0, 2.0)),
        ("study_dropout", study, (0.0, 1.0)),
        ("batchnorm", bn, (-1.0, 1.0)),
    ]


def export(model, n_in, path):
    model.eval()
    dummy = torch.zeros(2, n_in, dtype=torch.float32)
    torch.onnx.export(
        model,
        (dummy,),
        str(path),
        input_names=["x"],
        output_names=["log_risk"],
        dynamic_axes={"x": {0: "patients"}, "log_risk": {0: "patients"}},
        opset_version=OPSET,
        dynamo=False,
    )
    return [n.op_type for n in onnx.load(str(path)).graph.node]


def merged_linears(model):
    """The Linear layers of `model` in float64 with every BatchNorm1d merged into the Linear
    before it: s = gamma / sqrt(running_var + eps), W' = diag(s) W, b' = s (b - mean) + beta.

    zennit's `SequentialMergeBatchNorm` uses the same formula but leaves the BatchNorm with
    `eps` in place (running_var = 1), so the canonized network differs from the original by
    a factor 1 / sqrt(1 + eps) per BatchNorm; the merge is therefore done here.
    """
    layers = []
    for m in model:
        if isinstance(m, torch.nn.Linear):
            layers.append([m.weight.detach().double().clone(), m.bias.detach().double().clone()])
        elif isinstance(m, torch.nn.BatchNorm1d):
            s = m.weight.detach().double() / torch.sqrt(m.running_var.double() + m.eps)
            w, b = layers[-1]
            layers[-1] = [w * s[:, None], (b - m.running_mean.double()) * s + m.bias.detach().double()]
    return layers


def zennit_gamma(model, x):
    model = model.eval()
    with torch.no_grad():
        plain_out = model.double()(torch.from_numpy(x).double()).numpy()[:, 0]
    modules = []
    layers = merged_linears(model)
    for i, (w, b) in enumerate(layers):
        lin = torch.nn.Linear(w.shape[1], w.shape[0]).double()
        with torch.no_grad():
            lin.weight.copy_(w)
            lin.bias.copy_(b)
        modules.append(lin)
        if i + 1 < len(layers):
            modules.append(torch.nn.ReLU())
    merged = torch.nn.Sequential(*modules).eval()
    name_map = [
        ((name,), Gamma(gamma=PAPER_GAMMA, stabilizer=PAPER_EPS) if isinstance(m, torch.nn.Linear) else Pass())
        for name, m in merged.named_children()
    ]
    composite = NameMapComposite(name_map=name_map)
    inp = torch.from_numpy(x).double().requires_grad_(True)
    with Gradient(model=merged, composite=composite) as attributor:
        out, rel = attributor(inp, lambda output: output)
    # The merge must not change the function (float64 rounding only).
    assert np.allclose(out.detach().numpy()[:, 0], plain_out, rtol=1e-12, atol=1e-12)
    return plain_out, rel.detach().numpy()


def matmul_add_model(rng):
    """Linear(3, 5) - ReLU - Linear(5, 1) written as MatMul + Add, the way torch exports
    Linear layers applied to inputs of more than two dimensions, with the first weight given
    by a Constant node; Flatten, Identity and Dropout nodes around it."""
    w1 = rng.uniform(-0.8, 0.8, (5, 3)).astype(np.float32)
    b1 = rng.uniform(-0.3, 0.3, 5).astype(np.float32)
    w2 = rng.uniform(-0.8, 0.8, (1, 5)).astype(np.float32)
    b2 = rng.uniform(-0.3, 0.3, 1).astype(np.float32)
    ratio = np.array(0.5, dtype=np.float32)
    nodes = [
        helper.make_node("Flatten", ["x"], ["flat"], name="/flatten/Flatten", axis=1),
        helper.make_node(
            "Constant", [], ["w1t"], name="/0/Constant",
            value=numpy_helper.from_array(np.ascontiguousarray(w1.T), "w1t_value"),
        ),
        helper.make_node("MatMul", ["flat", "w1t"], ["mm1"], name="/0/MatMul"),
        helper.make_node("Add", ["mm1", "b1"], ["h1"], name="/0/Add"),
        helper.make_node("Relu", ["h1"], ["r1"], name="/1/Relu"),
        helper.make_node("Dropout", ["r1", "ratio"], ["d1"], name="/2/Dropout"),
        helper.make_node("Identity", ["d1"], ["i1"], name="/3/Identity"),
        helper.make_node("MatMul", ["i1", "w2t"], ["mm2"], name="/4/MatMul"),
        helper.make_node("Add", ["b2", "mm2"], ["log_risk"], name="/4/Add"),
    ]
    # Weights in float_data (not raw_data) for one initializer, to cover both encodings.
    w2t = helper.make_tensor("w2t", TensorProto.FLOAT, [5, 1], np.ascontiguousarray(w2.T).ravel().tolist(), raw=False)
    inits = [numpy_helper.from_array(b1, "b1"), w2t, numpy_helper.from_array(b2, "b2"),
             numpy_helper.from_array(ratio, "ratio")]
    graph = helper.make_graph(
        nodes, "matmul_add",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["patients", 3])],
        [helper.make_tensor_value_info("log_risk", TensorProto.FLOAT, ["patients", 1])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="survlens-fixtures")
    onnx.checker.check_model(model)
    torch_model = torch.nn.Sequential(torch.nn.Linear(3, 5), torch.nn.ReLU(), torch.nn.Linear(5, 1))
    with torch.no_grad():
        for lin, w, b in ((torch_model[0], w1, b1), (torch_model[2], w2, b2)):
            lin.weight.copy_(torch.from_numpy(w))
            lin.bias.copy_(torch.from_numpy(b))
    return model, torch_model


def unsupported_model():
    nodes = [
        helper.make_node("Gemm", ["x", "w", "b"], ["z"], name="/0/Gemm", transB=1),
        helper.make_node("Sigmoid", ["z"], ["log_risk"], name="/1/Sigmoid"),
    ]
    inits = [numpy_helper.from_array(np.ones((1, 2), np.float32), "w"),
             numpy_helper.from_array(np.zeros(1, np.float32), "b")]
    graph = helper.make_graph(
        nodes, "unsupported",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["patients", 2])],
        [helper.make_tensor_value_info("log_risk", TensorProto.FLOAT, ["patients", 1])],
        inits,
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])


def planted_model():
    """risk = 2 relu(x1 + x2 - 1) + 0.8 relu(x0) + 0.6 relu(x3): inputs 1 and 2 interact
    (the unit is on only when both are high), 0 and 3 act alone. For end-to-end tests of
    `survlens interactions` on inputs in [0, 1]."""
    model = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1))
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor([[0.0, 1, 1, 0], [1, 0, 0, 0], [0, 0, 0, 1]]))
        model[0].bias.copy_(torch.tensor([-1.0, 0, 0]))
        model[2].weight.copy_(torch.tensor([[2.0, 0.8, 0.6]]))
        model[2].bias.zero_()
    return model


def case(name, model, n_in, lo, hi, rng, ops):
    x = rng.uniform(lo, hi, size=(N_PATIENTS, n_in)).astype(np.float32)
    x[-1] = 0.0  # every input at zero: all relevance goes to the biases
    out, rel = zennit_gamma(model, x)
    return {
        "name": name,
        "file": f"{name}.onnx",
        "ops": ops,
        "n_inputs": n_in,
        "inputs": x.tolist(),
        "outputs": out.tolist(),
        "paper_gamma": rel.tolist(),
    }


def main():
    torch.manual_seed(0)
    rng = np.random.default_rng(20250214)
    ONNX_DIR.mkdir(parents=True, exist_ok=True)
    cases = []
    for name, model, (lo, hi) in models(rng):
        n_in = next(m for m in model if isinstance(m, torch.nn.Linear)).in_features
        ops = export(model, n_in, ONNX_DIR / f"{name}.onnx")
        cases.append(case(name, model, n_in, lo, hi, rng, ops))
    proto, torch_model = matmul_add_model(rng)
    onnx.save(proto, str(ONNX_DIR / "matmul_add.onnx"))
    cases.append(case("matmul_add", torch_model, 3, -1.0, 1.0, rng, [n.op_type for n in proto.graph.node]))
    onnx.save(unsupported_model(), str(ONNX_DIR / "unsupported_sigmoid.onnx"))
    export(planted_model(), 4, ONNX_DIR / "planted_interaction.onnx")
    doc = {
        "about": "ONNX exports of small Cox networks with outputs and zennit Gamma relevances; "
        "see tools/references/xai_onnx_fixtures.py",
        "torch": torch.__version__.split("+")[0],
        "onnx": onnx.__version__,
        "zennit": importlib.metadata.version("zennit"),
        "opset": OPSET,
        "rule": "zennit Gamma(gamma=0.01, stabilizer=1e-5) on every Linear, BatchNorm1d merged",
        "dtype": "float64 computation from float32 parameters and inputs",
        "unsupported": {"file": "unsupported_sigmoid.onnx", "op": "Sigmoid", "node": "/1/Sigmoid"},
        "planted": {"file": "planted_interaction.onnx", "interacting_inputs": [1, 2]},
        "models": cases,
    }
    OUT.write_text(json.dumps(doc, indent=None, separators=(",", ":")) + "\n")
    for c in cases:
        print(c["name"], c["ops"])
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
