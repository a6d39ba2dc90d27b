"""Harmonised Rotterdam and GBSG breast cancer cohorts for the external validation
Rotterdam (training) -> GBSG (test), the classic pair of the DeepSurv paper.

Writes data/rotterdam_harmonised.csv and data/gbsg_harmonised.csv from data/rotterdam.csv
(with data/rotterdam_recurrence.csv for the endpoint) and data/gbsg2.csv, with the same
endpoint, columns, units and codes in both:

| column | Rotterdam source | GBSG source |
|---|---|---|
| pid | pid | pid |
| time | rtime if recur else dtime (days) / (365.25 / 12), rounded to 4 decimals | time (days) / (365.25 / 12), rounded to 4 decimals |
| event | max(recur, death): recurrence or death | event (recurrence or death) |
| age | num_age (years) | num_age (years) |
| postmenopausal | fac_meno: post = 1, pre = 0 | fac_menostat: Post = 1, Pre = 0 |
| size | fac_tsize: <=20mm, >20-50mmm, >50mm -> "<=20", "20-50", ">50" | num_tsize (mm) cut at 20 and 50 (right-closed) |
| grade | fac_grade (2, 3) | fac_tgrade: I and II -> 2, III -> 3 (Rotterdam has no grade 1) |
| log_nodes | log(1 + num_nodes) (positive lymph nodes) | log(1 + num_pnodes) |
| log_progesterone | log(1 + num_progesterone) (fmol/l) | log(1 + num_progrec) |
| log_estrogen | log(1 + num_estrogen) (fmol/l) | log(1 + num_estrec) |
| hormone_therapy | fac_hormon: yes = 1, no = 0 | fac_horTh: yes = 1, no = 0 |

The endpoint is recurrence-free survival in both, as GBSG2 records it: data/rotterdam.csv
alone follows its patients to death (overall survival), so the Rotterdam endpoint is built
from the recurrence columns as the R survival package's documentation of `rotterdam`
defines it (relapse or death, at the relapse time when there was one, else at `dtime`):
1,713 events, as in Royston and Altman's external validation of this pair (BMC Med Res
Methodol 2013;13:33).

Node counts and receptor levels are right-skewed over three orders of magnitude (0 to
5,004 fmol/l); scaled linearly to [0, 1] almost every patient would sit near 0, so they are
stored as log(1 + x), rounded to 6 decimals. Left out: Rotterdam's chemotherapy, year of surgery and its period (GBSG has no
counterpart). Known differences the model meets: every GBSG patient is node-positive
(Rotterdam: about half), GBSG follow-up ends at about 7 years (Rotterdam: 19).

Usage, from the repository root (pandas from the pinned environment of requirements.txt):

    tools/references/.venv/bin/python tools/references/cli_harmonise_breast.py
"""

import os

import numpy as np
import pandas as pd

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "data")
COLUMNS = [
    "pid", "time", "event", "age", "postmenopausal", "size", "grade", "log_nodes",
    "log_progesterone", "log_estrogen", "hormone_therapy",
]
DAYS_PER_MONTH = 365.25 / 12


def log1p(values):
    return np.log1p(values.astype(float)).round(6)


def rotterdam():
    r = pd.read_csv(os.path.join(DATA, "rotterdam.csv")).merge(
        pd.read_csv(os.path.join(DATA, "rotterdam_recurrence.csv")), on="pid", validate="one_to_one"
    )
    size = {"<=20mm": "<=20", ">20-50mmm": "20-50", ">50mm": ">50"}
    out = pd.DataFrame({
        "pid": r["pid"],
        "time": (np.where(r["recur"] == 1, r["rtime"], r["dtime"]) / DAYS_PER_MONTH).round(4),
        "event": np.maximum(r["recur"], r["death"]),
        "age": r["num_age"],
        "postmenopausal": (r["fac_meno"] == "post").astype(int),
        "size": r["fac_tsize"].map(size),
        "grade": r["fac_grade"].astype(int),
        "log_nodes": log1p(r["num_nodes"]),
        "log_progesterone": log1p(r["num_progesterone"]),
        "log_estrogen": log1p(r["num_estrogen"]),
        "hormone_therapy": (r["fac_hormon"] == "yes").astype(int),
    })
    return check(out, "rotterdam")


def gbsg():
    g = pd.read_csv(os.path.join(DATA, "gbsg2.csv"))
    size = np.where(g["num_tsize"] <= 20, "<=20", np.where(g["num_tsize"] <= 50, "20-50", ">50"))
    out = pd.DataFrame({
        "pid": g["pid"],
        "time": (g["time"] / DAYS_PER_MONTH).round(4),
        "event": g["event"],
        "age": g["num_age"],
        "postmenopausal": (g["fac_menostat"] == "Post").astype(int),
        "size": size,
        "grade": g["fac_tgrade"].map({"I": 2, "II": 2, "III": 3}).astype(int),
        "log_nodes": log1p(g["num_pnodes"]),
        "log_progesterone": log1p(g["num_progrec"]),
        "log_estrogen": log1p(g["num_estrec"]),
        "hormone_therapy": (g["fac_horTh"] == "yes").astype(int),
    })
    return check(out, "gbsg")


def check(df, name):
    df = df[COLUMNS]
    if df.isna().any().any():
        raise SystemExit(f"{name}: unmapped values in {df.columns[df.isna().any()].tolist()}")
    return df


def main():
    rotterdam().to_csv(os.path.join(DATA, "rotterdam_harmonised.csv"), index=False)
    gbsg().to_csv(os.path.join(DATA, "gbsg_harmonised.csv"), index=False)


if __name__ == "__main__":
    main()
