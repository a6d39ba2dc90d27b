"""Reference values for the outcome test of a screened interaction pair (crate survlens-xai,
`interactions::confirm::test_pair`).

Writes tests/fixtures/reference/xai_interaction_confirm.json, which
crates/survlens-xai/tests/interactions_confirm.rs compares against. Rust tests never run
Python.

Usage, from the repository root, with the pinned environment of requirements.txt:

    tools/references/.venv/bin/python tools/references/xai_interaction_confirm.py

Each case is a small synthetic cohort drawn here with numpy (seeded), stored whole in the
fixture (it is not patient data): follow-up, events, strata, the network's log-risk, and
the raw values of two markers. The design is built exactly as the module documentation of
`confirm` states:
- each marker on its test scale: binary 0/1, ordinal level index, numeric van der Waerden
  scores `scipy.stats.norm.ppf(rank / (k + 1))` of the observed values (average ranks);
  missing values 0, with a missing indicator when some (not all) are missing;
- bends: numeric, the square of the score, then 1 where observed and the score exceeds the
  sorted observed scores at position `floor((k - 1) q)` for q = 0.2, 0.4, 0.6, 0.8;
  ordinal, 1 at or above each level from 2 up to the highest (at most 6);
- columns: the risk, the case's further covariates (an additive model's risk), the square
  of the centred risk, then for each marker its scale, its bends and its missing indicator,
  then each missing indicator times the other marker's scale, leaving out constant columns
  and repeats; then the product of the two scales;
- statsmodels 0.15.0 `PHReg(ties="efron", strata=, offset=risk)` fitted with `tol=1e-12`
  with and without the product: the product's coefficient and standard error, the
  likelihood-ratio statistic `2 (llf_full - llf_reduced)` and its chi-square(1) p-value
  (scipy), the hazard ratio and the 95% Wald interval.
"""

import json
import os

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from scipy.stats import chi2, norm, rankdata

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tests", "fixtures", "reference")

VERSIONS = {"statsmodels": statsmodels.__version__, "scipy": scipy.__version__, "numpy": np.__version__}


def scale(values, kind):
    missing = np.isnan(values)
    u = np.zeros(len(values))
    if kind == "numeric":
        observed = ~missing
        ranks = rankdata(values[observed], method="average")
        u[observed] = norm.ppf(ranks / (observed.sum() + 1.0))
    else:
        u[~missing] = values[~missing]
    indicator = missing.astype(float) if 0 < missing.sum() < len(values) else None
    return u, indicator, missing


def steps(u, missing, kind):
    out = []
    if kind == "numeric":
        seen = np.sort(u[~missing])
        out.append(u * u)
        for q in [0.2, 0.4, 0.6, 0.8]:
            cut = seen[int((len(seen) - 1) * q)]
            out.append(((~missing) & (u > cut)).astype(float))
    elif kind == "ordinal":
        top = int(u.max())
        for level in range(2, min(top, 6) + 1):
            out.append((u >= level).astype(float))
    return out


def design(case):
    risk = np.array(case["risk"])
    columns = [risk]

    def add(column):
        if np.any(column != column[0]) and not any(np.array_equal(column, c) for c in columns):
            columns.append(column)

    for covariate in case.get("covariates", []):
        add(np.array(covariate))
    add((risk - risk.mean()) ** 2)
    scaled = []
    indicators = []
    for values, kind in [(case["a"], case["a_scale"]), (case["b"], case["b_scale"])]:
        values = np.array([np.nan if v is None else v for v in values], dtype=float)
        u, indicator, missing = scale(values, kind)
        scaled.append(u)
        indicators.append(indicator)
        add(u)
        for s in steps(u, missing, kind):
            add(s)
        if indicator is not None:
            add(indicator)
    for indicator, other in [(indicators[0], scaled[1]), (indicators[1], scaled[0])]:
        if indicator is not None:
            add(indicator * other)
    reduced = np.column_stack(columns)
    full = np.column_stack(columns + [scaled[0] * scaled[1]])
    return full, reduced


def fit(x, case):
    model = sm.PHReg(
        np.array(case["time"]),
        x,
        status=np.array(case["event"], dtype=float),
        strata=np.array(case["stratum"]),
        offset=np.array(case["risk"]),
        ties="efron",
    )
    return model.fit(tol=1e-12)


def draw(name, seed, n, a_scale, b_scale, gamma, covariate=False):
    rng = np.random.default_rng(seed)
    stratum = rng.integers(0, 3, n)
    risk = rng.normal(0.0, 0.8, n)
    if a_scale == "binary":
        a = (rng.random(n) < 0.35).astype(float)
    else:
        a = np.minimum(rng.poisson(1.2, n), 3).astype(float)
    if b_scale == "numeric":
        b = np.exp(rng.normal(2.0, 0.9, n))
        za = (b > 10.0).astype(float)
    else:
        b = (rng.random(n) < 0.4).astype(float)
        za = b
    lp = risk + 0.2 * a + 0.3 * za + gamma * a * za
    time = rng.exponential(1.0 / np.exp(lp)) * 365.0
    censor = rng.uniform(100.0, 900.0, n)
    event = time <= censor
    time = np.ceil(np.minimum(time, censor))
    a_out = [float(v) for v in a]
    b_out = [float(v) for v in b]
    for i in rng.choice(n, n // 12, replace=False):
        b_out[i] = None
    for i in rng.choice(n, n // 20, replace=False):
        a_out[i] = None
    case = {
        "name": name,
        "a_scale": a_scale,
        "b_scale": b_scale,
        "time": [float(t) for t in time],
        "event": [bool(e) for e in event],
        "stratum": [int(s) for s in stratum],
        "risk": [float(f"{r:.12g}") for r in risk],
        "a": a_out,
        "b": [None if v is None else float(f"{v:.6g}") for v in b_out],
    }
    if covariate:
        # An additive model's risk: the two main effects with noise (a column the test
        # adjusts for with a free coefficient).
        extra = 0.2 * a + 0.3 * za + rng.normal(0.0, 0.3, n)
        case["covariates"] = [[float(f"{v:.12g}") for v in extra]]
    full, reduced = design(case)
    f, r = fit(full, case), fit(reduced, case)
    gamma_hat, se = float(f.params[-1]), float(f.bse[-1])
    statistic = 2.0 * (f.llf - r.llf)
    z = norm.ppf(0.975)
    case["expected"] = {
        "columns_full": int(full.shape[1]),
        "log_hazard_ratio": gamma_hat,
        "standard_error": se,
        "hazard_ratio": float(np.exp(gamma_hat)),
        "interval": [float(np.exp(gamma_hat - z * se)), float(np.exp(gamma_hat + z * se))],
        "lr_statistic": float(statistic),
        "p_value": float(chi2.sf(statistic, 1)),
        "events": int(np.sum(event)),
    }
    return case


def main():
    cases = [
        draw("binary x numeric, planted", 11, 700, "binary", "numeric", 0.6),
        draw("ordinal x binary, none", 12, 600, "ordinal", "binary", 0.0),
        draw("binary x binary with an additive risk, planted", 13, 800, "binary", "binary", -0.7, True),
    ]
    payload = {"versions": VERSIONS, "cases": cases}
    path = os.path.join(OUT, "xai_interaction_confirm.json")
    with open(path, "w") as f:
        json.dump(payload, f)
        f.write("\n")
    for c in cases:
        print(c["name"], c["expected"])


if __name__ == "__main__":
    main()
