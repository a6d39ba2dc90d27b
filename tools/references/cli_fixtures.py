"""Reference values for the survlens command line's `cindex` subcommand, and its small inputs.

Writes tests/fixtures/cli/veteran_risk.csv (the veteran lung cohort's follow-up with a
risk score that has ties) and tests/fixtures/cli/cindex.json (scikit-survival's Harrell and
Uno C of that score), which crates/survlens-cli/tests/cli_stats.rs compares against.
The cox and km subcommands are checked against tests/fixtures/reference/stats_*.json
(tools/references/stats_fixtures.py). Rust tests never run Python.

Usage, from the repository root, with the pinned environment of requirements.txt
(scikit-survival 0.28.0):

    tools/references/.venv/bin/python tools/references/cli_fixtures.py

What comes from where:
- Harrell's C: sksurv.metrics.concordance_index_censored(event, time, risk).
- Uno's C: sksurv.metrics.concordance_index_ipcw(y, y, risk, tau) with the file's own
  follow-up as the censoring reference (what `survlens cindex --kind uno` does), without
  truncation and with tau = 365 days.
"""

import json
import os

import numpy as np
import pandas as pd
import sksurv
from sksurv.metrics import concordance_index_censored, concordance_index_ipcw
from sksurv.util import Surv

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tests", "fixtures", "cli")


def main():
    os.makedirs(OUT, exist_ok=True)
    df = pd.read_csv(os.path.join(ROOT, "data", "veteran_lung.csv"))
    # A score with many ties (Karnofsky steps of 10) and two decimals, so that its f32
    # reading in survlens keeps every order and tie of the decimal values.
    risk = (-df["num_karno"] / 10.0 + (df["num_age"] // 10) / 10.0).round(2)
    cohort = pd.DataFrame(
        {"pid": df["pid"], "time": df["time"], "event": df["event"], "risk": risk}
    )
    cohort.to_csv(os.path.join(OUT, "veteran_risk.csv"), index=False)

    event = cohort["event"].to_numpy() == 1
    time = cohort["time"].to_numpy(dtype=float)
    r = cohort["risk"].to_numpy(dtype=float)
    y = Surv.from_arrays(event=event, time=time)
    harrell = concordance_index_censored(event, time, r)[0]
    uno = concordance_index_ipcw(y, y, r)[0]
    uno_365 = concordance_index_ipcw(y, y, r, tau=365.0)[0]
    fixture = {
        "versions": {"scikit-survival": sksurv.__version__, "numpy": np.__version__},
        "file": "tests/fixtures/cli/veteran_risk.csv",
        "harrell": float(harrell),
        "uno": float(uno),
        "uno_tau": 365.0,
        "uno_tau_365": float(uno_365),
    }
    with open(os.path.join(OUT, "cindex.json"), "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
