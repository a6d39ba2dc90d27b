"""Reference partial dependence and accumulated local effects for survlens' along-one-marker
profiles (crates/survlens-xai/src/profile.rs).

Writes tests/fixtures/reference/xai_profile.json. Run from the repository root with the
pinned reference environment (tools/references/requirements.txt):

    tools/references/.venv/bin/python tools/references/xai_profile_fixtures.py

A cohort of 201 patients with two numbers, a three-level category and a binary marker
(float32 values stored exactly) and a fixed non-additive log-risk with interactions:

    f = sin(2 x0) + 0.5 x0 x1 + 0.3 x1^2 + w[level] - 0.7 b + 0.4 b x0,  w = (0, 0.8, -0.5)

so that PDP and ALE differ. References:

- partial dependence of x0: scikit-learn 1.9.1 `sklearn.inspection.partial_dependence`,
  `method="brute"`, `kind="average"`, on the grid of numpy's default quantiles
  `k / 10`, k = 0..10, of x0 (survlens' grid, passed as `custom_values`);
- accumulated local effects: PyALE 1.2.0, `aleplot_1D_continuous` for x0 with 10 bins
  and `aleplot_1D_discrete` for the category and the binary marker (levels in index
  order). PyALE places the bin edges at its own type-1 quantiles, survlens at numpy's
  default quantiles (its documented grid): the script hands PyALE numpy's quantiles
  instead, so that the fixture checks PyALE's binning, local effects, accumulation and
  centring on survlens' edges, not a choice of quantile rule.
"""

import json
import pathlib

import numpy as np
import pandas as pd
import PyALE._src.ALE_1D as pyale_1d
from PyALE._src.ALE_1D import aleplot_1D_continuous, aleplot_1D_discrete
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.inspection import partial_dependence

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "reference" / "xai_profile.json"

N = 201
BINS = 10
LEVEL_WEIGHTS = (0.0, 0.8, -0.5)
COLUMNS = ["x0", "x1", "level", "b"]


def log_risk(x):
    x = np.asarray(x, dtype=np.float64)
    x0, x1, level, b = x[:, 0], x[:, 1], x[:, 2].astype(int), x[:, 3]
    w = np.asarray(LEVEL_WEIGHTS)[level]
    return np.sin(2 * x0) + 0.5 * x0 * x1 + 0.3 * x1**2 + w - 0.7 * b + 0.4 * b * x0


class LogRisk(RegressorMixin, BaseEstimator):
    """The fixed log-risk as a fitted scikit-learn regressor (brute-force PDP calls predict)."""

    def fit(self, x, y=None):
        self.n_features_in_ = x.shape[1]
        self.fitted_ = True
        return self

    def predict(self, x):
        return log_risk(np.asarray(x))


class FrameModel:
    """The log-risk on a pandas frame, for PyALE."""

    def predict(self, frame):
        return log_risk(frame[COLUMNS].to_numpy())


def cohort():
    rng = np.random.default_rng(2025)
    x0 = rng.normal(0.0, 1.0, N)
    # Skewed and correlated with x0, as laboratory values are.
    x1 = np.exp(0.5 * x0 + rng.normal(0.0, 0.5, N))
    level = rng.choice(3, N, p=[0.5, 0.3, 0.2])
    b = (rng.random(N) < 0.4 + 0.2 * (x0 > 0)).astype(float)
    x = np.column_stack([x0, x1, level, b]).astype(np.float32).astype(np.float64)
    return x


def numpy_quantiles(values, q):
    """numpy's default (linear, R type 7) quantiles, in the shape PyALE's own returns."""
    return pd.Series(np.quantile(values.to_numpy(), q), index=q)


def main():
    pyale_1d.quantile_ied = numpy_quantiles
    x = cohort()
    frame = pd.DataFrame(x, columns=COLUMNS)
    grid = np.unique(np.quantile(x[:, 0], np.linspace(0.0, 1.0, BINS + 1)))
    model = LogRisk().fit(x)
    pd_result = partial_dependence(
        model, x, [0], method="brute", kind="average", custom_values={0: grid}
    )
    pdp = pd_result["average"][0]

    ale_x0 = aleplot_1D_continuous(frame, FrameModel(), "x0", grid_size=BINS, include_CI=False)
    ale_level = aleplot_1D_discrete(frame, FrameModel(), "level", include_CI=False)
    ale_b = aleplot_1D_discrete(frame, FrameModel(), "b", include_CI=False)

    def numeric(res):
        return {
            "at": res.index.to_numpy(dtype=float).tolist(),
            "effect": res["eff"].to_numpy(dtype=float).tolist(),
            # PyALE's first row is the lowest edge, with no patients of its own.
            "counts": res["size"].to_numpy(dtype=float)[1:].astype(int).tolist(),
        }

    def levels(res):
        return {
            "at": res.index.to_numpy(dtype=float).tolist(),
            "effect": res["eff"].to_numpy(dtype=float).tolist(),
            "counts": res["size"].to_numpy(dtype=float).astype(int).tolist(),
        }

    out = {
        "versions": {"scikit-learn": "1.9.1", "PyALE": "1.2.0", "numpy": np.__version__},
        "columns": COLUMNS,
        "levels": [0, 0, 3, 2],
        "level_weights": list(LEVEL_WEIGHTS),
        "bins": BINS,
        "values": x.ravel().tolist(),
        "pdp_x0": {"grid": grid.tolist(), "average": pdp.tolist()},
        "ale_x0": numeric(ale_x0),
        "ale_level": levels(ale_level),
        "ale_b": levels(ale_b),
    }
    OUT.write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
