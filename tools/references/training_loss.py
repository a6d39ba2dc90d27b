"""Reference values for survlens' Cox training loss (crates/survlens-model/src/loss.rs).

Writes tests/fixtures/reference/training_loss.json. Run from the repository root with the
pinned reference environment (tools/references/requirements.txt):

    tools/references/.venv/bin/python tools/references/training_loss.py

Data: the Veterans' Administration lung cancer trial (data/veteran_lung.csv, 137 patients,
many tied times). Inputs: num_karno, num_diagtime, num_age, standardised with the mean and
population standard deviation. Log-risks are X @ beta for fixed coefficient vectors (a
moderate one and the same times 25, to exercise large log-risks). For each case:

- lifelines 0.30.3 `CoxPHFitter` internals (`SemiParametricPHFitter._get_efron_values_single`,
  Efron ties, the method CoxPHFitter optimises): the
  partial log-likelihood and its gradient with respect to beta;
- scikit-survival 0.28.0 `CoxPHOptimizer.nlog_likelihood` (mean negative partial
  log-likelihood over patients) for ties "breslow" and "efron", times n;
- pycox 0.3.0 `cox_ph_loss_sorted` (the study's loss, eps=0 so no offset) on the rows in
  survlens' order (descending time, tied rows by ascending row index), float64, and its
  gradient with respect to the log-risks from torch.autograd (torch 2.15.0).
"""

import json
import pathlib

import lifelines
import numpy as np
import pandas as pd
import pycox
import sksurv
import torch
from lifelines.fitters.coxph_fitter import SemiParametricPHFitter
from pycox.models.loss import cox_ph_loss_sorted
from sksurv.linear_model.coxph import CoxPHOptimizer

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures" / "reference" / "training_loss.json"
COLUMNS = ["num_karno", "num_diagtime", "num_age"]
BETAS = {"moderate": [-0.6, 0.1, 0.05], "large": [-15.0, 2.5, 1.25]}


def lifelines_efron(x, time, event, beta):
    order = np.argsort(time, kind="mergesort")
    # CoxPHFitter delegates its semi-parametric (Efron) fit to this class.
    fitter = SemiParametricPHFitter()
    _, gradient, log_lik = fitter._get_efron_values_single(
        pd.DataFrame(x[order]),
        pd.Series(time[order]),
        pd.Series(event[order].astype(float)),
        pd.Series(np.ones(len(time))),
        None,
        np.asarray(beta, dtype=float),
    )
    return float(log_lik), [float(g) for g in gradient]


def sksurv_neg_loglik(x, time, event, beta, ties):
    opt = CoxPHOptimizer(x, event.astype(bool), time, np.zeros(x.shape[1]), ties)
    return float(opt.nlog_likelihood(np.asarray(beta, dtype=float)) * len(time))


def pycox_loss(log_risk, time, event):
    # survlens' order: descending time, ties by ascending row index.
    order = np.lexsort((np.arange(len(time)), -time))
    eta = torch.tensor(log_risk[order], dtype=torch.float64, requires_grad=True)
    loss = cox_ph_loss_sorted(eta, torch.tensor(event[order], dtype=torch.float64), eps=0.0)
    loss.backward()
    grad = np.empty(len(time))
    grad[order] = eta.grad.numpy()
    return float(loss.detach()), [float(g) for g in grad]


def main():
    df = pd.read_csv(ROOT / "data" / "veteran_lung.csv")
    x = df[COLUMNS].to_numpy(dtype=float)
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    time = df["time"].to_numpy(dtype=float)
    event = df["event"].to_numpy(dtype=int)
    cases = []
    for name, beta in BETAS.items():
        log_risk = x @ np.asarray(beta)
        ll_efron, grad_beta_efron = lifelines_efron(x, time, event, beta)
        pycox_value, pycox_grad = pycox_loss(log_risk, time, event)
        cases.append(
            {
                "name": name,
                "beta": beta,
                "log_risk": [float(v) for v in log_risk],
                "lifelines_efron_log_likelihood": ll_efron,
                "lifelines_efron_gradient_beta": grad_beta_efron,
                "sksurv_breslow_neg_log_likelihood": sksurv_neg_loglik(
                    x, time, event, beta, "breslow"
                ),
                "sksurv_efron_neg_log_likelihood": sksurv_neg_loglik(
                    x, time, event, beta, "efron"
                ),
                "pycox_loss": pycox_value,
                "pycox_gradient": pycox_grad,
            }
        )
    fixture = {
        "generator": "tools/references/training_loss.py",
        "versions": {
            "lifelines": lifelines.__version__,
            "scikit-survival": sksurv.__version__,
            "pycox": pycox.__version__,
            "torch": torch.__version__,
        },
        "data": "data/veteran_lung.csv, columns " + ", ".join(COLUMNS) + ", standardised",
        "n_events": int(event.sum()),
        "x": [[float(v) for v in row] for row in x],
        "time": [float(t) for t in time],
        "event": [int(e) for e in event],
        "cases": cases,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
