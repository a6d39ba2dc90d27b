"""Reference attributions for survlens' gradient x input, integrated gradients and exact
Shapley values (crates/survlens-xai/src/attribution.rs).

Writes tests/fixtures/reference/xai_attribution.json. Run from the repository root with the
pinned reference environment (tools/references/requirements.txt):

    tools/references/.venv/bin/python tools/references/xai_attribution_fixtures.py

Random `nn.Sequential(Linear, ReLU, ..., Linear(., 1))` networks with non-zero biases, inputs
of both signs, float32 parameters stored exactly, every reference computed in float64:

- gradient x input: `x * d output / d x` from torch 2.15.0 autograd;
- integrated gradients: midpoint rule with `steps` points `t_k = (k + 1/2) / steps` on the
  straight path from the reference patient, gradients from torch autograd, times `x - r`;
- exact Shapley values of `v(S) = f(x_S, r_rest)` by enumerating all coalitions
  (itertools, float64), independent of survlens' bit-mask enumeration.
"""

import itertools
import json
import math
import pathlib

import numpy as np
import torch

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "reference" / "xai_attribution.json"

NETWORKS = [
    ("one_hidden", [6, 10, 1], (-1.0, 2.0)),
    ("two_hidden", [8, 16, 8, 1], (-1.0, 1.0)),
    ("linear", [5, 1], (-2.0, 2.0)),
]
N_PATIENTS = 4
STEPS = [1, 16, 64]


def build(widths, rng):
    layers = []
    for n_in, n_out in zip(widths[:-1], widths[1:]):
        w = rng.uniform(-0.8, 0.8, size=(n_out, n_in)).astype(np.float32)
        b = rng.uniform(-0.3, 0.3, size=n_out).astype(np.float32)
        layers.append((w, b))
    return layers


def model(layers):
    modules = []
    for i, (w, b) in enumerate(layers):
        lin = torch.nn.Linear(w.shape[1], w.shape[0]).double()
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(w.astype(np.float64)))
            lin.bias.copy_(torch.from_numpy(b.astype(np.float64)))
        modules.append(lin)
        if i + 1 < len(layers):
            modules.append(torch.nn.ReLU())
    return torch.nn.Sequential(*modules).eval()


def grad(net, x):
    inp = torch.from_numpy(x).double().requires_grad_(True)
    net(inp).sum().backward()
    return inp.grad.numpy()


def integrated_gradients(net, x, ref, steps):
    out = np.zeros_like(x, dtype=np.float64)
    for p in range(x.shape[0]):
        t = (np.arange(steps) + 0.5) / steps
        path = ref[None, :] + t[:, None] * (x[p] - ref)[None, :]
        out[p] = (x[p] - ref) * grad(net, path).mean(axis=0)
    return out


def exact_shapley(net, x, ref):
    d = x.shape[1]
    f = lambda rows: net(torch.from_numpy(np.array(rows)).double()).detach().numpy()[:, 0]  # noqa: E731
    out = np.zeros((x.shape[0], d))
    for p in range(x.shape[0]):
        for i in range(d):
            others = [j for j in range(d) if j != i]
            for size in range(d):
                w = math.factorial(size) * math.factorial(d - size - 1) / math.factorial(d)
                for s in itertools.combinations(others, size):
                    without = ref.astype(np.float64).copy()
                    without[list(s)] = x[p, list(s)]
                    with_i = without.copy()
                    with_i[i] = x[p, i]
                    v = f([with_i, without])
                    out[p, i] += w * (v[0] - v[1])
    return out


def main():
    rng = np.random.default_rng(20250201)
    networks = []
    for name, widths, (lo, hi) in NETWORKS:
        layers = build(widths, rng)
        net = model(layers)
        x = rng.uniform(lo, hi, size=(N_PATIENTS, widths[0])).astype(np.float32)
        ref = rng.uniform(lo, hi, size=widths[0]).astype(np.float32)
        xd = x.astype(np.float64)
        networks.append({
            "name": name,
            "layers": [{"weight": w.tolist(), "bias": b.tolist()} for w, b in layers],
            "inputs": x.tolist(),
            "reference": ref.tolist(),
            "outputs": net(torch.from_numpy(xd)).detach().numpy()[:, 0].tolist(),
            "gradient_x_input": (xd * grad(net, xd)).tolist(),
            "integrated_gradients": {
                str(s): integrated_gradients(net, xd, ref.astype(np.float64), s).tolist() for s in STEPS
            },
            "exact_shapley": exact_shapley(net, x, ref).tolist(),
        })
    doc = {
        "about": "attributions of random dense ReLU networks; see tools/references/xai_attribution_fixtures.py",
        "torch": torch.__version__.split("+")[0],
        "numpy": np.__version__,
        "dtype": "float64 computation from float32 parameters and inputs",
        "networks": networks,
    }
    OUT.write_text(json.dumps(doc, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
