"""Reference SurvSHAP(t) for survlens' explanations over time
(crates/survlens-xai/src/survshap.rs).

Writes tests/fixtures/reference/xai_survshap.json. Run from the repository root with the
pinned reference environment (tools/references/requirements.txt, which pins survshap and
the packages it imports):

    tools/references/.venv/bin/python tools/references/survshap_fixtures.py

A Cox network with 5 inputs, 4 hidden ReLU units and one output, its weights written below
as multiples of 1/8 (exact in float32); a simulated cohort of 80 patients (inputs rounded to
float32, exponential event times with hazard 0.002 exp(f(x)) per day, uniform censoring)
gives the Breslow baseline cumulative hazard H0 (events only; ties share one step, each
death counted with the risk set of its time). The predicted survival of a patient is
S(t | x) = exp(-H0(t) exp(f(x))), handed to survshap 0.4.2 as a custom survival-function
predictor of a `SurvivalModelExplainer`.

For 3 patients of the cohort, against a background of its first 12 patients, at 8 times
between the 10th and 90th percentiles of the event times, survshap computes:

- `kernel`: `PredictSurvSHAP(calculation_method="kernel")`, its exact Kernel SHAP: every
  one of the 2^5 coalitions, value = mean over the background of S(t | x_S, z_rest),
  weighted least squares with the Shapley kernel (empty and full coalitions weighted 1e9);
- `sampling`: `PredictSurvSHAP(calculation_method="sampling", exact=True)`: the mean over
  all 120 orderings of each input's marginal contribution.

Both are the exact Shapley values of the same game; each at every time is stored with the
patient's S(t | x) and survshap's baseline function (the background's mean survival).
"""

import json
import pathlib

import numpy as np
import pandas as pd
from sksurv.util import Surv
from survshap import PredictSurvSHAP, SurvivalModelExplainer

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "reference" / "xai_survshap.json"

N = 80
N_BACKGROUND = 12
PATIENTS = (20, 33, 57)
N_TIMES = 8
COLUMNS = ["x0", "x1", "x2", "x3", "x4"]

# out x in, PyTorch's layout.
W1 = np.array(
    [
        [0.75, -0.5, 0.25, 0.0, 0.375],
        [-0.625, 0.5, 0.0, 0.875, -0.25],
        [0.5, 0.125, -0.75, 0.25, 0.0],
        [0.0, -0.375, 0.5, -0.5, 0.625],
    ]
)
B1 = np.array([0.125, -0.25, 0.0, 0.375])
W2 = np.array([[0.875, -0.625, 0.5, 0.75]])
B2 = np.array([-0.125])


def log_risk(x):
    x = np.asarray(x, dtype=np.float64)
    hidden = np.maximum(x @ W1.T + B1, 0.0)
    return (hidden @ W2.T + B2)[:, 0]


def breslow(time, event, risk):
    """Event times and the Breslow cumulative hazard just after each."""
    ratio = np.exp(risk)
    times = np.unique(time[event])
    steps = [event[time == t].sum() / ratio[time >= t].sum() for t in times]
    return times, np.cumsum(steps)


class Network:
    """The fixed network and its baseline, predicting survival functions."""

    def __init__(self, times, hazard):
        self.times = times
        self.hazard = hazard

    def cumulative_hazard(self, t):
        k = np.searchsorted(self.times, np.asarray(t, dtype=np.float64), side="right")
        return np.where(k > 0, self.hazard[np.maximum(k - 1, 0)], 0.0)

    def predict_survival_function(self, data):
        return [SurvivalFunction(self, r) for r in log_risk(np.asarray(data))]


class SurvivalFunction:
    """S(t | x) = exp(-H0(t) exp(f(x))), with the event times as its steps (x, y)."""

    def __init__(self, network, risk):
        self.network = network
        self.ratio = np.exp(risk)
        self.x = network.times
        self.y = self(network.times)

    def __call__(self, t):
        return np.exp(-self.network.cumulative_hazard(t) * self.ratio)


def values(explanation):
    """survshap's values, inputs in column order, as `5 x n_times` lists."""
    result = explanation.result
    result = result[result["B"] == 0].set_index("variable_name")
    cols = [c for c in result.columns if str(c).startswith("t = ")]
    return [[float(v) for v in result.loc[name, cols]] for name in COLUMNS]


def main():
    rng = np.random.default_rng(20261206)
    x = rng.normal(size=(N, len(COLUMNS))).astype(np.float32).astype(np.float64)
    risk = log_risk(x)
    event_time = rng.exponential(1.0 / (0.002 * np.exp(risk)))
    censor = rng.uniform(100.0, 2500.0, size=N)
    time = np.round(np.minimum(event_time, censor), 1)
    event = event_time <= censor
    times, hazard = breslow(time, event, risk)
    network = Network(times, hazard)

    data = pd.DataFrame(x[:N_BACKGROUND], columns=COLUMNS)
    y = Surv.from_arrays(event=event[:N_BACKGROUND], time=time[:N_BACKGROUND])
    explainer = SurvivalModelExplainer(
        network,
        data,
        y,
        predict_survival_function=lambda m, d: m.predict_survival_function(d),
    )
    grid = np.quantile(time[event], np.linspace(0.1, 0.9, N_TIMES)).round(1)

    patients = []
    for p in PATIENTS:
        row = pd.DataFrame(x[p : p + 1], columns=COLUMNS)
        kernel = PredictSurvSHAP(calculation_method="kernel")
        kernel.fit(explainer, row, timestamps=grid)
        sampling = PredictSurvSHAP(calculation_method="sampling", exact=True, random_state=0)
        sampling.fit(explainer, row, timestamps=grid)
        patients.append(
            {
                "row": p,
                "x": x[p].tolist(),
                "log_risk": float(risk[p]),
                "survival": [float(v) for v in kernel.predicted_function],
                "reference": [float(v) for v in kernel.baseline_function],
                "kernel": values(kernel),
                "sampling": values(sampling),
            }
        )

    doc = {
        "source": "tools/references/survshap_fixtures.py",
        "library": "survshap 0.4.2",
        "network": {
            "weights": [W1.tolist(), W2.tolist()],
            "biases": [B1.tolist(), B2.tolist()],
        },
        "cohort": {"x": x.ravel().tolist(), "time": time.tolist(), "event": event.tolist()},
        "baseline": {"time": times.tolist(), "cumulative_hazard": hazard.tolist()},
        "background": x[:N_BACKGROUND].ravel().tolist(),
        "times": grid.tolist(),
        "cumulative_hazard": network.cumulative_hazard(grid).tolist(),
        "patients": patients,
    }
    OUT.write_text(json.dumps(doc, indent=1) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
