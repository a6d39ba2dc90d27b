"""Reference design matrices for survlens' preprocessing (crate survlens-data, module encode).

Writes tests/fixtures/reference/encoding_ncctg_lung.json, which
crates/survlens-data/tests/encode.rs compares against. Rust tests never run Python.

Usage, from the repository root, with the pinned environment of requirements.txt
(scikit-learn comes with scikit-survival 0.28.0; the version used is stored in the JSON):

    tools/references/.venv/bin/python tools/references/encoding_fixtures.py

Cohort: data/ncctg_lung.csv (228 patients, missing values in four numeric markers and in
two categorical ones, written `missing` there as SurvSet writes them). The file is read
with pandas' default missing-value codes plus `missing`, as survlens reads it.
Columns `fac_*` are categorical (as survlens' role guess proposes), `num_*` numeric.
Training rows: patients with pid % 3 != 0; every statistic is fitted on them only and the
matrix is computed for all patients (so test rows exercise values outside the training
range and missing values in markers that had none in training).

Per numeric marker, scikit-learn does what survlens documents:
- SimpleImputer(strategy="median") fitted on training rows;
- MinMaxScaler() or StandardScaler() fitted on the training rows' observed values
  (both ignore NaN when fitting), applied to the imputed values, without clipping;
- a missing indicator (1.0 = missing) only if the marker has a missing value in training
  (MissingIndicator(features="missing-only")).
Per categorical marker: SimpleImputer(strategy="most_frequent") fitted on training rows
(the script checks that the most frequent level has no tie, where the two libraries' tie
rules could differ), then OneHotEncoder(handle_unknown="ignore") over the levels seen in
training, listed in survlens' natural order (numbers by value, then text), then the
missing indicator as for numeric markers.
Column order and names follow survlens' FeatureMap: value or levels, then the indicator.
"""

import json
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.impute import MissingIndicator, SimpleImputer
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, StandardScaler

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tests", "fixtures", "reference", "encoding_ncctg_lung.json")


def natural_key(level):
    try:
        return (0, float(level), level)
    except ValueError:
        return (1, 0.0, level)


def design(df, train, scaling):
    names, blocks = [], []
    for m in [c for c in df.columns if c not in ("pid", "event", "time")]:
        if m.startswith("fac_"):
            x = df[[m]].astype(object)
            counts = x[train][m].value_counts()
            assert len(counts) < 2 or counts.iloc[0] > counts.iloc[1], f"{m}: tied mode"
            levels = sorted(x[train][m].dropna().unique(), key=natural_key)
            imputer = SimpleImputer(strategy="most_frequent", missing_values=np.nan).fit(x[train])
            imputed = pd.DataFrame(imputer.transform(x), columns=[m])
            enc = OneHotEncoder(categories=[levels], handle_unknown="ignore", sparse_output=False)
            enc.fit(imputed[train])
            blocks.append(enc.transform(imputed))
            names += [f"{m} = {level}" for level in levels]
            indicator = MissingIndicator(features="missing-only", missing_values=np.nan).fit(x[train])
            if len(indicator.features_):
                blocks.append(indicator.transform(x).astype(float))
                names.append(f"{m} (missing)")
        else:
            x = df[[m]].astype(float)
            imputer = SimpleImputer(strategy="median").fit(x[train])
            scaler = (MinMaxScaler() if scaling == "min_max" else StandardScaler()).fit(x[train])
            imputed = pd.DataFrame(imputer.transform(x), columns=[m])
            blocks.append(scaler.transform(imputed))
            names.append(m)
            indicator = MissingIndicator(features="missing-only").fit(x[train])
            if len(indicator.features_):
                blocks.append(indicator.transform(x).astype(float))
                names.append(f"{m} (missing)")
    return names, np.hstack(blocks)


def main():
    path = os.path.join(ROOT, "data", "ncctg_lung.csv")
    header = pd.read_csv(path, nrows=0).columns
    df = pd.read_csv(
        path,
        dtype={c: str for c in header if c.startswith("fac_")},
        na_values=["missing"],
    )
    train = (df["pid"] % 3 != 0).to_numpy()
    out = {
        "generator": "tools/references/encoding_fixtures.py",
        "reference": f"scikit-learn {sklearn.__version__}, pandas {pd.__version__}",
        "cohort": "data/ncctg_lung.csv",
        "train": "pid % 3 != 0",
        "tolerance": "1e-6 absolute (survlens computes in f64 and stores f32)",
    }
    for scaling in ("min_max", "z_score"):
        names, matrix = design(df, train, scaling)
        out[scaling] = {
            "names": names,
            # pid per row, then the row; 9 significant digits keep the file small and are
            # far below the f32 resolution the comparison allows.
            "rows": [[int(pid)] + [float(f"{v:.9g}") for v in row] for pid, row in zip(df["pid"], matrix)],
        }
    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"))
    print(f"wrote {OUT}: {os.path.getsize(OUT)} bytes")


if __name__ == "__main__":
    main()
