"""Reference p- and q-values for survlens' statistical interaction test
(crates/survlens-xai/src/interactions.rs).

Writes tests/fixtures/reference/xai_interactions.json. Run from the repository root with the
pinned reference environment (tools/references/requirements.txt):

    tools/references/.venv/bin/python tools/references/xai_interaction_fixtures.py

- Mann-Whitney U: `scipy.stats.mannwhitneyu(x, y, alternative="two-sided",
  use_continuity=True, method="asymptotic")` (normal approximation with tie correction) on
  samples of different sizes, with and without ties (values rounded to a grid), shifted and
  unshifted, and one sample where every value is tied.
- Benjamini-Hochberg: `statsmodels.stats.multitest.multipletests(p, method="fdr_bh")` and
  `scipy.stats.false_discovery_control(p, method="bh")` (checked to agree) on the p-values
  above plus random and tied p-values.
"""

import importlib.metadata
import json
import pathlib

import numpy as np
import scipy
from scipy.stats import false_discovery_control, mannwhitneyu
from statsmodels.stats.multitest import multipletests

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "reference" / "xai_interactions.json"


def main():
    rng = np.random.default_rng(20250301)
    cases = []
    # name, n_x, n_y, shift, rounding grid (None: continuous)
    for name, nx, ny, shift, grid in [
        ("continuous_equal", 30, 30, 0.0, None),
        ("continuous_shifted", 25, 40, 0.6, None),
        ("ties_shifted", 50, 35, 0.4, 0.5),
        ("heavy_ties", 80, 120, 0.1, 1.0),
        ("small_unbalanced", 3, 11, 1.0, None),
        ("large_shift", 200, 150, 1.5, 0.01),
    ]:
        x = rng.normal(shift, 1.0, nx)
        y = rng.normal(0.0, 1.0, ny)
        if grid is not None:
            x, y = np.round(x / grid) * grid, np.round(y / grid) * grid
        res = mannwhitneyu(x, y, alternative="two-sided", use_continuity=True, method="asymptotic")
        cases.append({"name": name, "x": x.tolist(), "y": y.tolist(),
                      "u": float(res.statistic), "p_value": float(res.pvalue)})
    x = np.full(5, 2.0)
    res = mannwhitneyu(x, np.full(4, 2.0), alternative="two-sided", method="asymptotic")
    # scipy gives NaN (0/0) when every value is tied; survlens reports p = 1.
    cases.append({"name": "all_tied", "x": x.tolist(), "y": [2.0] * 4, "u": float(res.statistic),
                  "p_value": None if np.isnan(res.pvalue) else float(res.pvalue)})

    bh = []
    p_sets = {
        "mann_whitney_cases": [c["p_value"] for c in cases if c["p_value"] is not None],
        "uniform_40": rng.uniform(0, 1, 40).tolist(),
        "mixed_small_and_ties": [0.001, 0.02, 0.02, 0.04, 0.3, 0.3, 0.9, 1.0, 0.0005, 0.049],
    }
    for name, p in p_sets.items():
        q_sm = multipletests(p, method="fdr_bh")[1]
        q_sp = false_discovery_control(p, method="bh")
        assert np.allclose(q_sm, q_sp, rtol=0, atol=1e-15)
        bh.append({"name": name, "p": list(map(float, p)), "q": q_sm.tolist()})

    doc = {
        "about": "Mann-Whitney U and Benjamini-Hochberg references; "
        "see tools/references/xai_interaction_fixtures.py",
        "scipy": scipy.__version__,
        "statsmodels": importlib.metadata.version("statsmodels"),
        "mann_whitney": cases,
        "benjamini_hochberg": bh,
    }
    OUT.write_text(json.dumps(doc, indent=None, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
