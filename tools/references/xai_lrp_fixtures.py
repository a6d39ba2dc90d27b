"""Reference relevances for survlens' layer-wise relevance propagation (crates/survlens-xai).

Writes tests/fixtures/reference/xai_lrp.json. Run from the repository root with the pinned
reference environment (tools/references/requirements.txt):

    tools/references/.venv/bin/python tools/references/xai_lrp_fixtures.py

Several random `nn.Sequential(Linear, ReLU, ..., Linear(., 1))` networks of different depths
and widths, with non-zero biases and inputs of both signs (and one all-zero patient). Weights
and inputs are drawn in float32 and stored exactly; every reference is computed in float64
from those values, so the fixtures measure survlens' float32 error rather than torch's.

- zennit 0.5.1 (torch 2.15.0): each rule attached to every `Linear` through a
  `NameMapComposite` (`Pass` on the ReLUs, as in the study, where relevance passes a ReLU
  unchanged), attributor `zennit.attribution.Gradient` with `attr_output = output`: relevance
  enters the output layer as the prediction itself.
- `paper_gamma`: a direct numpy transcription of the study's rule (Keyl et al., Nature
  Cancer 2025; the authors' `LRP_Linear.relprop`): gamma 0.01, eps 1e-5, rho+(b) in z++ and
  rho-(b) in z+-, no bias in z-- and z-+, masks from the sign of the unmodified output,
  denominators + eps * sign (+eps at zero). Written from the formula, independent of zennit.
- `paper_gamma_vs_zennit`: max |difference| between that transcription and zennit
  `Gamma(gamma=0.01, stabilizer=1e-5)` over all networks and patients, in float64 and in
  float32 (the study ran float32).
"""

import importlib.metadata
import json
import pathlib

import numpy as np
import torch
from zennit.attribution import Gradient
from zennit.composites import NameMapComposite
from zennit.rules import AlphaBeta, Epsilon, Flat, Gamma, Pass, WSquare, ZPlus

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "reference" / "xai_lrp.json"

PAPER_GAMMA = 0.01
PAPER_EPS = 1e-5

# name, widths (input first), input range, weight scale (None: Xavier-uniform, ReLU gain), bias
NETWORKS = [
    ("shallow_mixed_inputs", [5, 8, 1], (-1.0, 2.0), 0.8, 0.3),
    ("two_hidden_unit_inputs", [6, 12, 7, 1], (0.0, 1.0), 0.8, 0.3),
    ("three_hidden_mixed", [9, 16, 16, 4, 1], (-2.0, 2.0), 0.6, 0.2),
    ("study_shape_factor_10", [12, 120, 1], (0.0, 1.0), None, 0.1),
    ("linear", [4, 1], (-1.0, 1.0), 1.0, 0.5),
]
N_PATIENTS = 6

# Rule name (as survlens' tests spell it) -> (rule of the first Linear, rule of the others).
RULES = {
    "epsilon_1e-6": (lambda: Epsilon(epsilon=1e-6), lambda: Epsilon(epsilon=1e-6)),
    "epsilon_0.25": (lambda: Epsilon(epsilon=0.25), lambda: Epsilon(epsilon=0.25)),
    "gamma_0.25": (lambda: Gamma(gamma=0.25), lambda: Gamma(gamma=0.25)),
    "gamma_paper_constants": (
        lambda: Gamma(gamma=PAPER_GAMMA, stabilizer=PAPER_EPS),
        lambda: Gamma(gamma=PAPER_GAMMA, stabilizer=PAPER_EPS),
    ),
    "zplus": (lambda: ZPlus(), lambda: ZPlus()),
    "alpha1beta0": (lambda: AlphaBeta(alpha=1.0, beta=0.0), lambda: AlphaBeta(alpha=1.0, beta=0.0)),
    "alpha2beta1": (lambda: AlphaBeta(alpha=2.0, beta=1.0), lambda: AlphaBeta(alpha=2.0, beta=1.0)),
    "flat_then_epsilon": (lambda: Flat(), lambda: Epsilon(epsilon=1e-6)),
    "wsquare_then_epsilon": (lambda: WSquare(), lambda: Epsilon(epsilon=1e-6)),
    "zplus_then_gamma_0.1": (lambda: ZPlus(), lambda: Gamma(gamma=0.1)),
}


def build(widths, weight_scale, bias_scale, rng):
    """float32 parameters, drawn with numpy so that the fixture does not depend on torch's RNG."""
    layers = []
    for n_in, n_out in zip(widths[:-1], widths[1:]):
        if weight_scale is None:
            bound = np.sqrt(2.0) * np.sqrt(6.0 / (n_in + n_out))
        else:
            bound = weight_scale
        w = rng.uniform(-bound, bound, size=(n_out, n_in)).astype(np.float32)
        b = rng.uniform(-bias_scale, bias_scale, size=n_out).astype(np.float32)
        layers.append((w, b))
    return layers


def torch_model(layers, dtype):
    modules = []
    for i, (w, b) in enumerate(layers):
        lin = torch.nn.Linear(w.shape[1], w.shape[0])
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(w.astype(np.float64)))
            lin.bias.copy_(torch.from_numpy(b.astype(np.float64)))
        modules.append(lin)
        if i + 1 < len(layers):
            modules.append(torch.nn.ReLU())
    return torch.nn.Sequential(*modules).to(dtype).eval()


def zennit_relevance(layers, x, first, rest, dtype=torch.float64):
    model = torch_model(layers, dtype)
    name_map = []
    for name, module in model.named_children():
        if isinstance(module, torch.nn.Linear):
            name_map.append(((name,), first() if name == "0" else rest()))
        else:
            name_map.append(((name,), Pass()))
    composite = NameMapComposite(name_map=name_map)
    inp = torch.from_numpy(x).to(dtype).requires_grad_(True)
    with Gradient(model=model, composite=composite) as attributor:
        out, rel = attributor(inp, lambda output: output)
    return out.detach().numpy()[:, 0], rel.detach().numpy()


def paper_gamma_numpy(layers, x, dtype=np.float64):
    """The study's sign-aware gamma rule (Keyl et al., Nature Cancer 2025, Methods and the
    authors' published code), one patient batch at a time: activations split into positive
    and negative parts, weights modified by w + gamma*max(w, 0) and w + gamma*min(w, 0), the
    paths chosen by the sign of each output, eps added with the sign of each denominator."""
    gamma, eps = dtype(PAPER_GAMMA), dtype(PAPER_EPS)

    def stab(z):
        return z + eps * ((z == 0).astype(dtype) + np.sign(z))

    acts = [x.astype(dtype)]
    for i, (w, b) in enumerate(layers):
        z = acts[-1] @ w.astype(dtype).T + b.astype(dtype)
        acts.append(np.maximum(z, 0) if i + 1 < len(layers) else z)
    out = acts[-1]
    r = out.copy()
    for i in reversed(range(len(layers))):
        w, b = layers[i][0].astype(dtype), layers[i][1].astype(dtype)
        a = acts[i]
        ap, am = np.maximum(a, 0), np.minimum(a, 0)
        rho_p = lambda p: p + gamma * np.maximum(p, 0)  # noqa: E731
        rho_m = lambda p: p + gamma * np.minimum(p, 0)  # noqa: E731
        y = a @ w.T + b
        zpp = ap @ rho_p(w).T + rho_p(b)
        zmm = am @ rho_m(w).T
        zpm = ap @ rho_m(w).T + rho_m(b)
        zmp = am @ rho_p(w).T
        sp = (y > 0) * r / stab(zpp + zmm)
        sm = (y < 0) * r / stab(zpm + zmp)
        r = ap * (sp @ rho_p(w)) + am * (sp @ rho_m(w)) + ap * (sm @ rho_m(w)) + am * (sm @ rho_p(w))
    return out[:, 0], r


def main():
    rng = np.random.default_rng(20250131)
    networks = []
    worst = {"float64": 0.0, "float32": 0.0}
    for name, widths, (lo, hi), w_scale, b_scale in NETWORKS:
        layers = build(widths, w_scale, b_scale, rng)
        x = rng.uniform(lo, hi, size=(N_PATIENTS, widths[0])).astype(np.float32)
        x[-1] = 0.0  # a patient with every input at zero: all relevance goes to biases
        relevances = {}
        outputs = None
        for rule, (first, rest) in RULES.items():
            out, rel = zennit_relevance(layers, x, first, rest)
            outputs = out
            relevances[rule] = rel.tolist()
        paper_out, paper_rel = paper_gamma_numpy(layers, x)
        assert np.allclose(paper_out, outputs, rtol=1e-12, atol=1e-12)
        zg = np.array(relevances["gamma_paper_constants"])
        worst["float64"] = max(worst["float64"], float(np.abs(paper_rel - zg).max()))
        _, rel32 = zennit_relevance(layers, x, *RULES["gamma_paper_constants"], dtype=torch.float32)
        _, paper32 = paper_gamma_numpy(layers, x, dtype=np.float32)
        worst["float32"] = max(worst["float32"], float(np.abs(paper32 - rel32).max()))
        networks.append({
            "name": name,
            "widths": widths,
            "layers": [{"weight": w.tolist(), "bias": b.tolist()} for w, b in layers],
            "inputs": x.tolist(),
            "outputs": outputs.tolist(),
            "relevances": relevances,
            "paper_gamma": paper_rel.tolist(),
        })
    doc = {
        "about": "LRP relevances of random dense ReLU networks; see tools/references/xai_lrp_fixtures.py",
        "torch": torch.__version__.split("+")[0],
        "zennit": importlib.metadata.version("zennit"),
        "numpy": np.__version__,
        "dtype": "float64 computation from float32 parameters and inputs",
        "paper_gamma_vs_zennit_max_abs_difference": worst,
        "networks": networks,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, indent=None, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes); paper-gamma vs zennit Gamma: {worst}")


if __name__ == "__main__":
    main()
