"""Reference values for survlens' stratified Cox fits with an offset, and the likelihood-ratio
test of nested Cox models (crate survlens-model, `CoxPh::fit_design` and
`CoxPh::nested_likelihood_ratio`).

Writes tests/fixtures/reference/stats_cox_design.json, which
crates/survlens-model/tests/stats_cox_design.rs compares against. Rust tests never run
Python.

Usage, from the repository root, with the pinned environment of requirements.txt:

    tools/references/.venv/bin/python tools/references/stats_cox_design.py

The design, on the Rotterdam cohort (data/rotterdam.csv, every row):
- strata: the tumour size class `fac_tsize` (3 levels), each with its own baseline hazard;
- offset: `0.03 * (num_age - 55)`, a known log-risk with coefficient 1 (computed the same way
  on both sides, in double precision);
- full covariates: `num_nodes`, `hormon` (1 when `fac_hormon` is "yes"), and their product
  `num_nodes * hormon`; reduced: the first two. The likelihood-ratio statistic of the
  product is `2 (llf_full - llf_reduced)`.

What comes from where:
- statsmodels 0.15.0 `PHReg(strata=, offset=, ties="efron" | "breslow")`, fitted with
  `tol=1e-12`: coefficients, standard errors, log-likelihood, for the full and the reduced
  design, with strata and offset, with the offset only, and with the strata only;
- lifelines 0.30.3 `CoxPHFitter(strata=["tsize"])` (Efron, no offset: lifelines has none),
  iterated to the optimum: coefficients, standard errors, log-likelihood;
- the likelihood-ratio p-value: `scipy.stats.chi2.sf(statistic, 1)`.
"""

import json
import os
import warnings

import lifelines
import numpy as np
import pandas as pd
import scipy
import statsmodels
import statsmodels.api as sm
from lifelines import CoxPHFitter
from scipy.stats import chi2

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tests", "fixtures", "reference")
DATA = os.path.join(ROOT, "data")

VERSIONS = {
    "lifelines": lifelines.__version__,
    "statsmodels": statsmodels.__version__,
    "scipy": scipy.__version__,
    "numpy": np.__version__,
    "pandas": pd.__version__,
}

TIGHT = {"precision": 1e-14, "r_precision": 0.0, "max_steps": 1000}


def floats(values):
    return [float(v) for v in np.asarray(values, dtype=float)]


def design():
    df = pd.read_csv(os.path.join(DATA, "rotterdam.csv"))
    out = pd.DataFrame(
        {
            "T": df["time"].astype(float),
            "E": df["event"].astype(float),
            "nodes": df["num_nodes"].astype(float),
            "hormon": (df["fac_hormon"] == "yes").astype(float),
        }
    )
    out["product"] = out["nodes"] * out["hormon"]
    out["offset"] = 0.03 * (df["num_age"].astype(float) - 55.0)
    levels = sorted(df["fac_tsize"].unique())
    out["tsize"] = df["fac_tsize"].map({level: k for k, level in enumerate(levels)})
    return out, levels


FULL = ["nodes", "hormon", "product"]
REDUCED = ["nodes", "hormon"]


def statsmodels_fit(df, covariates, ties, strata, offset):
    model = sm.PHReg(
        df["T"].to_numpy(),
        df[covariates].to_numpy(),
        status=df["E"].to_numpy(),
        ties=ties,
        strata=df["tsize"].to_numpy() if strata else None,
        offset=df["offset"].to_numpy() if offset else None,
    )
    fit = model.fit(tol=1e-12)
    return {
        "coefficients": floats(fit.params),
        "standard_errors": floats(fit.bse),
        "log_likelihood": float(fit.llf),
    }


def lifelines_fit(df, covariates):
    cph = CoxPHFitter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cph.fit(
            df[covariates + ["tsize", "T", "E"]],
            duration_col="T",
            event_col="E",
            strata=["tsize"],
            fit_options=TIGHT,
        )
    s = cph.summary
    return {
        "coefficients": floats(s["coef"]),
        "standard_errors": floats(s["se(coef)"]),
        "log_likelihood": float(cph.log_likelihood_),
    }


def lr(full, reduced):
    statistic = 2.0 * (full["log_likelihood"] - reduced["log_likelihood"])
    return {"statistic": statistic, "df": 1, "p_value": float(chi2.sf(statistic, 1))}


def main():
    df, levels = design()
    cases = []
    for ties in ["efron", "breslow"]:
        for strata, offset in [(True, True), (False, True), (True, False)]:
            full = statsmodels_fit(df, FULL, ties, strata, offset)
            reduced = statsmodels_fit(df, REDUCED, ties, strata, offset)
            cases.append(
                {
                    "library": "statsmodels",
                    "ties": ties,
                    "strata": strata,
                    "offset": offset,
                    "full": full,
                    "reduced": reduced,
                    "likelihood_ratio": lr(full, reduced),
                }
            )
    full = lifelines_fit(df, FULL)
    reduced = lifelines_fit(df, REDUCED)
    cases.append(
        {
            "library": "lifelines",
            "ties": "efron",
            "strata": True,
            "offset": False,
            "full": full,
            "reduced": reduced,
            "likelihood_ratio": lr(full, reduced),
        }
    )
    payload = {
        "versions": VERSIONS,
        "file": "rotterdam.csv",
        "n": int(len(df)),
        "events": int(df["E"].sum()),
        "strata_column": "fac_tsize",
        "strata_levels": levels,
        "offset": "0.03 * (num_age - 55)",
        "full": ["num_nodes", "fac_hormon == yes", "num_nodes * (fac_hormon == yes)"],
        "reduced": ["num_nodes", "fac_hormon == yes"],
        "cases": cases,
    }
    path = os.path.join(OUT, "stats_cox_design.json")
    with open(path, "w") as f:
        json.dump(payload, f, indent=1)
        f.write("\n")
    print(f"wrote {path}: {len(cases)} cases, n={len(df)}")


if __name__ == "__main__":
    main()
