"""Times lifelines' CoxPHFitter on the rows and covariates of survlens' Cox benchmark
(crates/survlens-model/benches/coxph.rs): SUPPORT (data/support2.csv), the 8,873 patients
with all nine covariates present, Efron ties, default settings.

Usage, from the repository root, with the reference environment of
tools/references/requirements.txt:

    tools/references/.venv/bin/python tools/bench/lifelines_coxph.py [--survlens-ms MS]

Prints the median wall time of repeated fits (fit only: data loading excluded, like the
criterion benchmark). With --survlens-ms (the criterion median of `coxph_support_8873x9/efron`
in milliseconds) it also prints the ratio survlens / lifelines.
"""

import argparse
import os
import statistics
import time
import warnings

import lifelines
import pandas as pd
from lifelines import CoxPHFitter

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
COVARIATES = [
    "num_age", "num_num_co", "num_meanbp", "num_wblc", "num_hrt",
    "num_resp", "num_temp", "num_crea", "num_sod",
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--survlens-ms", type=float, default=None)
    args = parser.parse_args()

    df = pd.read_csv(os.path.join(ROOT, "data", "support2.csv"))
    df = df[COVARIATES + ["time", "event"]].dropna().reset_index(drop=True)
    assert len(df) == 8873, len(df)

    times = []
    for _ in range(args.repeats + 1):
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            cph = CoxPHFitter().fit(df, duration_col="time", event_col="event")
            cph.concordance_index_  # survlens' fit includes the training C-index
        times.append(time.perf_counter() - start)
    times = times[1:]  # first fit warms caches and imports
    median_ms = statistics.median(times) * 1e3
    print(f"lifelines {lifelines.__version__} CoxPHFitter, SUPPORT 8873 x 9, Efron: "
          f"median {median_ms:.1f} ms over {args.repeats} fits (min {min(times) * 1e3:.1f} ms)")
    print(f"log-likelihood {cph.log_likelihood_:.6f}")
    if args.survlens_ms is not None:
        print(f"survlens {args.survlens_ms:.2f} ms -> ratio survlens / lifelines = "
              f"{args.survlens_ms / median_ms:.4f} ({median_ms / args.survlens_ms:.0f}x faster)")


if __name__ == "__main__":
    main()
