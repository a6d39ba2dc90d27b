"""A real public cohort that writes `missing`, and what pandas reads as missing in it.

Writes
- tests/fixtures/csv/stagec_survset.csv: R rpart's `stagec` (146 men with stage C prostate
  cancer, Mayo Clinic; time to progression in years) exactly as the PyPI package SurvSet
  0.2.11 distributes it, written with pandas' `to_csv(index=False)`: a factor's missing
  value is the word `missing` (SurvSet's convention), a numeric one an empty cell (pandas'
  default `na_rep`). This is what a user who exports a SurvSet cohort gets.
- tests/fixtures/reference/missing_codes_stagec.json: per column, the number of missing
  cells and the sorted levels of each categorical column, as pandas 2.3.3 reads the file
  with its default missing-value codes plus `missing` (`na_values=["missing"]`).

crates/survlens-data/tests/missing_codes.rs compares survlens' import of the file with it.

Usage, from the repository root, with the pinned environment of requirements.txt and
SurvSet 0.2.11 (`pip install survset==0.2.11`; its data ship inside the package):

    tools/references/.venv/bin/python tools/references/missing_codes_fixtures.py
"""

import json
import os

import pandas as pd
from SurvSet.data import SurvLoader

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
CSV = os.path.join(ROOT, "tests", "fixtures", "csv", "stagec_survset.csv")
OUT = os.path.join(ROOT, "tests", "fixtures", "reference", "missing_codes_stagec.json")


def main():
    df = SurvLoader().load_dataset("stagec")["df"]
    df.to_csv(CSV, index=False)
    header = pd.read_csv(CSV, nrows=0).columns
    text = [c for c in header if c.startswith("fac_")]
    back = pd.read_csv(CSV, dtype={c: str for c in text}, na_values=["missing"])
    out = {
        "generator": "tools/references/missing_codes_fixtures.py",
        "reference": f"pandas {pd.__version__} read_csv, default na_values plus 'missing'",
        "source": "SurvSet 0.2.11 (PyPI), data set 'stagec' (R rpart::stagec)",
        "patients": len(back),
        "events": int(back["event"].sum()),
        "missing": {c: int(back[c].isna().sum()) for c in header},
        "levels": {c: sorted(back[c].dropna().unique().tolist()) for c in text},
        "missing_word_cells": {
            c: int((pd.read_csv(CSV, dtype=str, keep_default_na=False)[c] == "missing").sum())
            for c in header
        },
    }
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
    print(f"wrote {CSV} and {OUT}")


if __name__ == "__main__":
    main()
