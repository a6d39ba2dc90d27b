"""Reference values for survlens' survival statistics (crate survlens-model).

Writes tests/fixtures/reference/stats_*.json, which the Rust tests
crates/survlens-model/tests/stats_*.rs compare against. Rust tests never run Python.

Usage, from the repository root, with the pinned environment of requirements.txt
(lifelines 0.30.3, scikit-survival 0.28.0, pycox 0.3.0) plus statsmodels 0.15.0, which
provides the Breslow-ties Cox fit that lifelines lacks:

    python -m venv tools/references/.venv
    tools/references/.venv/bin/pip install -r tools/references/requirements.txt statsmodels==0.15.0
    tools/references/.venv/bin/python tools/references/stats_fixtures.py

What comes from where:
- Cox regression, Efron ties, with and without ridge penalty: lifelines CoxPHFitter with
  fit_options precision 1e-14 and r_precision 0 (iterated to the optimum; see TIGHT)
  (coefficients, standard errors, z, p, log-likelihood, concordance_index_, baseline
  cumulative hazard, predict_median).
- Cox regression, Breslow ties: statsmodels PHReg(ties="breslow") (coefficients, standard
  errors, log-likelihood); lifelines has no Breslow-ties option.
- Kaplan-Meier, Greenwood exponential interval, median: lifelines KaplanMeierFitter.
- Log-rank test: lifelines multivariate_logrank_test.
- Harrell's C, Uno's C, cumulative/dynamic AUC, Brier score, integrated Brier score:
  scikit-survival (concordance_index_censored, concordance_index_ipcw,
  cumulative_dynamic_auc, brier_score, integrated_brier_score).
- Antolini's C: pycox EvalSurv(...).concordance_td("antolini").
- Calibration: numpy quantiles (risk deciles, pandas.cut right-closed) and lifelines
  Kaplan-Meier per decile.

Real cohorts are read from data/*.csv (an empty cell or "missing" is a missing value); the JSON files store which file, columns and rows
were used (never the cohort itself), plus small inputs computed here (risks, rounded to
12 significant digits so that both sides use the same numbers).
"""

import json
import os
import warnings

import numpy as np
import pandas as pd
from lifelines import CoxPHFitter, KaplanMeierFitter
from lifelines.statistics import multivariate_logrank_test
from lifelines.utils import concordance_index as lifelines_concordance_index
from pycox.evaluation import EvalSurv
from sksurv.metrics import (
    brier_score,
    concordance_index_censored,
    concordance_index_ipcw,
    cumulative_dynamic_auc,
    integrated_brier_score,
)
from sksurv.util import Surv
import statsmodels.api as sm
import lifelines
import sksurv
import pycox
import statsmodels

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tests", "fixtures", "reference")
DATA = os.path.join(ROOT, "data")

VERSIONS = {
    "lifelines": lifelines.__version__,
    "scikit-survival": sksurv.__version__,
    "pycox": pycox.__version__,
    "statsmodels": statsmodels.__version__,
    "numpy": np.__version__,
    "pandas": pd.__version__,
}


def r12(values):
    """Rounds to 12 significant digits: exactly representable in JSON on both sides."""
    return [float(f"{v:.12g}") for v in np.asarray(values, dtype=float)]


def floats(values):
    return [float(v) for v in np.asarray(values, dtype=float)]


def finite_or_none(v):
    v = float(v)
    return v if np.isfinite(v) else None


def load(file, covariates, time="time", event="event"):
    """The cohort's rows with every covariate present, in file order (as the Rust tests)."""
    df = pd.read_csv(os.path.join(DATA, file), na_values=["missing"])
    keep = df[covariates].notna().all(axis=1)
    rows = np.flatnonzero(keep.to_numpy())
    out = df.loc[keep, [time, event] + covariates].astype(float).reset_index(drop=True)
    out = out.rename(columns={time: "T", event: "E"})
    return out, rows


# ---------------------------------------------------------------------------------------
# Cox regression


# lifelines stops Newton-Raphson once the Newton decrement is below 1e-7 or the
# log-likelihood changes by less than 1e-9 (relative), which can leave a weakly determined
# coefficient 5e-4 (relative) short of the optimum (veteran: num_diagtime); its damped steps
# (0.95 at first) make the second rule stop early with a penalty too. The references are
# the optimum itself: the same fitter, iterated until the step is below 1e-14.
TIGHT = {"precision": 1e-14, "r_precision": 0.0, "max_steps": 1000}


def lifelines_cox(df, covariates, penalizer=0.0, head=5):
    cph = CoxPHFitter(penalizer=penalizer)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cph.fit(df[covariates + ["T", "E"]], duration_col="T", event_col="E", fit_options=TIGHT)
    s = cph.summary
    bch = cph.baseline_cumulative_hazard_.iloc[:, 0]
    # A handful of baseline points spread over follow-up, enough to pin the estimator.
    picks = np.unique(np.linspace(0, len(bch) - 1, 12).round().astype(int))
    first = df[covariates].iloc[:head]
    return {
        "penalizer": penalizer,
        "coefficients": floats(s["coef"]),
        "standard_errors": floats(s["se(coef)"]),
        "z": floats(s["z"]),
        "p_values": floats(s["p"]),
        "log_likelihood": float(cph.log_likelihood_),
        "concordance": float(cph.concordance_index_),
        "baseline_times": floats(bch.index.to_numpy()[picks]),
        "baseline_cumulative_hazard": floats(bch.to_numpy()[picks]),
        "head_log_risk": floats(cph.predict_log_partial_hazard(first)),
        "head_median": [finite_or_none(v) for v in np.asarray(cph.predict_median(first)).ravel()],
    }


def statsmodels_cox(df, covariates, ties):
    model = sm.PHReg(df["T"].to_numpy(), df[covariates].to_numpy(), status=df["E"].to_numpy(), ties=ties)
    fit = model.fit(tol=1e-12)
    return {
        "coefficients": floats(fit.params),
        "standard_errors": floats(fit.bse),
        "log_likelihood": float(fit.llf),
    }


COX_COHORTS = [
    ("veteran", "veteran_lung.csv", ["num_karno", "num_diagtime", "num_age", "fac_trt", "fac_prior"]),
    (
        "ncctg_lung",
        "ncctg_lung.csv",
        ["num_age", "fac_sex", "fac_ph_ecog", "num_ph_karno", "num_pat_karno", "num_meal_cal", "num_wt_loss"],
    ),
    ("rotterdam", "rotterdam.csv", ["num_age", "num_nodes", "num_progesterone", "num_estrogen", "num_year"]),
    # The benchmark cohort: 8,873 complete rows x 9 numeric covariates (physiology at study
    # entry, age and comorbidity count; outcome-adjacent SUPPORT scores left out).
    (
        "support",
        "support2.csv",
        ["num_age", "num_num_co", "num_meanbp", "num_wblc", "num_hrt", "num_resp", "num_temp", "num_crea", "num_sod"],
    ),
]


def cox_fixture():
    cohorts = []
    for name, file, covariates in COX_COHORTS:
        df, rows = load(file, covariates)
        entry = {
            "name": name,
            "file": file,
            "covariates": covariates,
            "n": int(len(df)),
            "events": int(df["E"].sum()),
            "efron": lifelines_cox(df, covariates),
            "efron_penalized": lifelines_cox(df, covariates, penalizer=0.1),
            "breslow": statsmodels_cox(df, covariates, "breslow"),
            "efron_statsmodels": statsmodels_cox(df, covariates, "efron"),
        }
        cohorts.append(entry)
        print(f"cox {name}: n={len(df)} (rows kept {len(rows)})")
    return {"versions": VERSIONS, "rows": "rows with every listed covariate present, file order", "cohorts": cohorts}


# ---------------------------------------------------------------------------------------
# Kaplan-Meier and log-rank


def km_summary(times, events, every=1):
    kmf = KaplanMeierFitter().fit(times, events)
    sf = kmf.survival_function_.iloc[:, 0]
    ci = kmf.confidence_interval_
    at_risk = kmf.event_table["at_risk"]
    idx = np.arange(0, len(sf), every)
    return {
        "length": int(len(sf)),
        "every": every,
        "time": floats(sf.index.to_numpy()[idx]),
        "survival": floats(sf.to_numpy()[idx]),
        "at_risk": [int(v) for v in at_risk.to_numpy()[idx]],
        "ci_lower": floats(ci.iloc[:, 0].to_numpy()[idx]),
        "ci_upper": floats(ci.iloc[:, 1].to_numpy()[idx]),
        "median": finite_or_none(kmf.median_survival_time_),
    }


KM_COHORTS = [
    ("veteran_celltype", "veteran_lung.csv", "fac_celltype", 1),
    ("veteran_trt", "veteran_lung.csv", "fac_trt", 1),
    ("ncctg_sex", "ncctg_lung.csv", "fac_sex", 1),
    ("ncctg_ecog", "ncctg_lung.csv", "fac_ph_ecog", 1),
    ("rotterdam_grade", "rotterdam.csv", "fac_grade", 10),
    ("support_dzclass", "support2.csv", "fac_dzclass", 60),
]


def km_fixture():
    cases = []
    for name, file, group, every in KM_COHORTS:
        df = pd.read_csv(os.path.join(DATA, file), dtype={group: str}, na_values=["missing"])
        df = df[df[group].notna()].reset_index(drop=True)
        labels = df[group].astype(str).to_numpy()
        t, e = df["time"].to_numpy(float), df["event"].to_numpy(int)
        groups = {"all": km_summary(t, e, every)}
        for g in sorted(set(labels)):
            m = labels == g
            groups[g] = km_summary(t[m], e[m], every)
        lr = multivariate_logrank_test(t, labels, e)
        cases.append(
            {
                "name": name,
                "file": file,
                "group_column": group,
                "rows": "rows with the group present, file order",
                "groups": groups,
                "logrank": {
                    "statistic": float(lr.test_statistic),
                    "df": int(lr.degrees_of_freedom),
                    "p_value": float(lr.p_value),
                },
            }
        )
        print(f"km {name}: {len(df)} rows, {len(set(labels))} groups")
    return {"versions": VERSIONS, "cases": cases}


# ---------------------------------------------------------------------------------------
# Metrics


def surv_struct(t, e):
    return Surv.from_arrays(event=np.asarray(e, bool), time=np.asarray(t, float))


def antolini(times, events, grid, surv):
    """pycox wants surv as a DataFrame: rows are grid times, columns patients."""
    ev = EvalSurv(pd.DataFrame(surv.T, index=grid), np.asarray(times, float), np.asarray(events, int))
    return float(ev.concordance_td("antolini"))


def metric_block(train_t, train_e, test_t, test_e, risks, grid, h0, auc_times, brier_times, tau, calib_t):
    """All metrics of one train/test split; risks and h0 are the exact inputs (12 digits)."""
    risks = np.asarray(risks)
    h0 = np.asarray(h0)
    s_train, s_test = surv_struct(train_t, train_e), surv_struct(test_t, test_e)
    harrell = concordance_index_censored(np.asarray(test_e, bool), np.asarray(test_t, float), risks)
    uno = concordance_index_ipcw(s_train, s_test, risks, tau=tau)
    uno_all = concordance_index_ipcw(s_train, s_test, risks)
    auc, mean_auc = cumulative_dynamic_auc(s_train, s_test, risks, auc_times)

    # S_i(t) = exp(-H0(t) exp(r_i)) with H0 a step function on grid (Breslow baseline).
    surv_grid = np.exp(-np.outer(np.exp(risks), h0))

    def surv_at(times):
        idx = np.searchsorted(grid, times, side="right") - 1
        h = np.where(idx >= 0, h0[np.clip(idx, 0, None)], 0.0)
        return np.exp(-np.outer(np.exp(risks), h))

    brier_t, brier = brier_score(s_train, s_test, surv_at(brier_times), brier_times)
    ibs = integrated_brier_score(s_train, s_test, surv_at(brier_times), brier_times)
    anto = antolini(test_t, test_e, grid, surv_grid)
    # Time-dependent AUC on survival-derived risks (1 - S(t)), the 2-D estimate input.
    auc2, mean_auc2 = cumulative_dynamic_auc(s_train, s_test, 1.0 - surv_at(auc_times), auc_times)

    # Calibration at calib_t by risk deciles (cut-offs from these risks).
    cuts = np.quantile(risks, np.arange(1, 10) / 10)
    group = np.searchsorted(cuts, risks, side="left")  # (c_{g-1}, c_g], as pandas.cut
    pred_t = surv_at([calib_t])[:, 0]
    calibration = []
    for g in range(10):
        m = group == g
        if not m.any():
            continue
        kmf = KaplanMeierFitter().fit(np.asarray(test_t)[m], np.asarray(test_e)[m])
        sf = kmf.survival_function_.iloc[:, 0]
        k = np.searchsorted(sf.index.to_numpy(), calib_t, side="right") - 1
        calibration.append(
            {
                "group": g,
                "n": int(m.sum()),
                "predicted": float(pred_t[m].mean()),
                "observed": float(sf.iloc[k]),
                "observed_lower": float(kmf.confidence_interval_.iloc[k, 0]),
                "observed_upper": float(kmf.confidence_interval_.iloc[k, 1]),
            }
        )
    return {
        "harrell": {
            "index": float(harrell[0]),
            "concordant": int(harrell[1]),
            "discordant": int(harrell[2]),
            "tied_risk": int(harrell[3]),
            "tied_time": int(harrell[4]),
        },
        "lifelines_concordance": float(lifelines_concordance_index(test_t, -risks, test_e)),
        "uno_tau": tau,
        "uno": float(uno[0]),
        "uno_no_tau": float(uno_all[0]),
        "auc_times": floats(auc_times),
        "auc": floats(auc),
        "mean_auc": float(mean_auc),
        "auc_from_survival": floats(auc2),
        "mean_auc_from_survival": float(mean_auc2),
        "brier_times": floats(brier_t),
        "brier": floats(brier),
        "integrated_brier": float(ibs),
        "antolini": anto,
        "calibration_time": calib_t,
        "calibration": calibration,
    }


def rotterdam_metrics():
    """Train on the first 2,000 rows of rotterdam.csv (Cox, Efron), test on the other 982."""
    covariates = ["num_age", "num_nodes", "num_progesterone", "num_estrogen", "num_year"]
    df, _ = load("rotterdam.csv", covariates)
    train, test = df.iloc[:2000], df.iloc[2000:]
    cph = CoxPHFitter().fit(train[covariates + ["T", "E"]], "T", "E", fit_options=TIGHT)
    risks = np.asarray(r12(cph.predict_log_partial_hazard(test[covariates])))
    bch = cph.baseline_cumulative_hazard_.iloc[:, 0]
    grid = bch.index.to_numpy(float)
    h0 = np.asarray(r12(bch.to_numpy()))
    block = metric_block(
        train["T"], train["E"], test["T"], test["E"], risks, grid, h0,
        auc_times=np.array([24.0, 48.0, 72.0, 96.0, 120.0]),
        brier_times=np.linspace(12.0, 150.0, 24),
        tau=120.0,
        calib_t=60.0,
    )
    return {
        "name": "rotterdam_split",
        "file": "rotterdam.csv",
        "train_rows": "file rows 0..2000",
        "test_rows": "file rows 2000..2982",
        "risks": floats(risks),
        "grid": floats(grid),
        "baseline_cumulative_hazard": floats(h0),
        **block,
    }


def small_case():
    """14 patients, hand-checkable: tied times (events with events, events with
    censorings), tied risks, three groups, two covariates."""
    t = np.array([1, 2, 2, 2, 3, 4, 4, 5, 6, 6, 7, 8, 9, 10], float)
    e = np.array([1, 1, 1, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 0], int)
    risk = np.array([2.0, 1.5, 1.5, 0.3, 1.0, -0.2, 0.8, 0.8, 0.1, 0.5, -1.0, -0.5, 0.0, -1.2])
    group = np.array(["a", "b", "a", "c", "b", "a", "c", "b", "a", "c", "b", "a", "c", "b"])
    x = np.array(
        [[1.0, 0.2], [0.5, 1.1], [0.8, 0.3], [0.0, 0.9], [1.2, 0.4], [0.1, 0.0], [0.6, 1.5],
         [0.9, 0.7], [0.3, 0.2], [0.4, 1.0], [0.0, 0.1], [0.2, 0.6], [0.5, 0.3], [0.1, 0.8]]
    )
    df = pd.DataFrame({"x1": x[:, 0], "x2": x[:, 1], "T": t, "E": e})
    # Survival curves on an explicit grid, with ties between patients (equal risks).
    grid = np.array([0.5, 1.0, 2.0, 3.0, 4.5, 6.0, 8.0, 9.5])
    h0 = np.array([0.0, 0.05, 0.15, 0.2, 0.3, 0.45, 0.6, 0.8])
    block = metric_block(
        t, e, t, e, risk, grid, h0,
        auc_times=np.array([2.0, 4.0, 6.0, 8.0]),
        brier_times=np.array([1.0, 2.0, 3.5, 5.0, 7.0, 9.0]),
        tau=7.0,
        calib_t=5.0,
    )
    groups = {"all": km_summary(t, e)}
    for g in sorted(set(group)):
        groups[g] = km_summary(t[group == g], e[group == g])
    lr = multivariate_logrank_test(t, group, e)
    cox = {
        "efron": lifelines_cox(df, ["x1", "x2"]),
        "efron_penalized": lifelines_cox(df, ["x1", "x2"], penalizer=0.5),
        "breslow": statsmodels_cox(df, ["x1", "x2"], "breslow"),
        "efron_statsmodels": statsmodels_cox(df, ["x1", "x2"], "efron"),
    }
    return {
        "name": "small",
        "time": floats(t),
        "event": [bool(v) for v in e],
        "risk": floats(risk),
        "group": list(group),
        "x": [floats(row) for row in x],
        "grid": floats(grid),
        "baseline_cumulative_hazard": floats(h0),
        "km": groups,
        "logrank": {"statistic": float(lr.test_statistic), "df": int(lr.degrees_of_freedom), "p_value": float(lr.p_value)},
        "cox": cox,
        **block,
    }


def write(name, payload):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump(payload, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"wrote {os.path.relpath(path, ROOT)} ({os.path.getsize(path) // 1024} KB)")


def main():
    os.makedirs(OUT, exist_ok=True)
    write("stats_small.json", {"versions": VERSIONS, **small_case()})
    write("stats_cox.json", cox_fixture())
    write("stats_km.json", km_fixture())
    write("stats_metrics.json", {"versions": VERSIONS, "splits": [rotterdam_metrics()]})


if __name__ == "__main__":
    main()
