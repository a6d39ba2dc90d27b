"""The models a user would pick instead of survlens, fitted on exactly the patients of
`survlens benchmark --splits`, judged by the same Harrell's C.

    python tools/bench/model_peers.py --data F --time T --event E --splits splits.json
        [--validation-data F2] [--id C] [--entity C] [--exclude a,b] [--categorical a,b]
        [--oracle C] [--models rsf,coxnet,deepsurv] [--threads 2] [--trees 500]
        [--out peers.json]

Reads the cohort CSV the way survlens does and the splits file `survlens benchmark
--splits` wrote (`{"design", "seeds": [{"seed", "train", "test"}]}`, 0-based data rows; in
the external design the test rows index --validation-data). Writes JSON in the format of
`survlens benchmark --json` (`results: [{"model", "seed", "harrell_c", "seconds"}]`), plus
the library versions and the settings used, to --out or stdout; progress goes to stderr.

Columns: markers are every column except time, event, id, --exclude and --oracle; the
entity (if any) is an input too, one-hot, as survlens encodes it. A cell is missing when,
trimmed, it is empty or one of NA, N/A, #N/A, NULL, . (any case): survlens' codes. A marker
column is numeric when every present cell is a number (0/1 columns included), otherwise
categorical; --categorical forces categories (codes such as ECOG).

Preprocessing, fitted on each training split only (scikit-learn):
- numeric: median imputation plus a missing indicator for every column with a missing
  value among the training patients (`SimpleImputer(strategy="median", add_indicator=True)`);
- categorical: one-hot encoding of every level seen in training, a missing cell being a
  level of its own (its indicator); a level met only in the test patients encodes as all
  zeros (`OneHotEncoder(handle_unknown="ignore")`);
- Coxnet and DeepSurv then standardise every column (`StandardScaler`, mean 0, sd 1, on the
  training split); the forest reads the unscaled columns.

Models (seed = the split's seed for every random choice):
- `rsf`: scikit-survival's `RandomSurvivalForest` with the settings of its user guide
  ("Using Random Survival Forests": min_samples_split=10, min_samples_leaf=15,
  max_features="sqrt", log-rank splitting, bootstrap) but 500 trees instead of 1,000
  (--trees), `random_state=seed`, `n_jobs=--threads`; `low_memory=True`, which keeps only
  the risk score (the expected number of events) in the leaves: the same `predict`, without
  11,000 time points per leaf. Risk = `predict`.
- `coxnet`: scikit-survival's `CoxnetSurvivalAnalysis`, elastic net with l1_ratio 0.9, as in
  its user guide ("Penalized Cox Models"): the path of 100 penalties down to
  alpha_min_ratio 0.01 of the largest, fitted on the standardised training split, gives
  the candidate alphas; 5-fold cross-validation on the training split
  (`KFold(5, shuffle=True, random_state=seed)`) scores each alpha by Harrell's C on the
  held-out fold, and the alpha with the best mean wins (the guide's `GridSearchCV` over
  `[[a] for a in alphas]`; here computed from one path per fold, the same fits warm-started,
  a fold whose path fails to reach an alpha scores 0.5 there, the guide's `error_score`).
  The final model is the path refitted on the whole training split; risk = `predict(x,
  alpha=best)`.
- `deepsurv`: pycox's `CoxPH` (DeepSurv) with the settings of pycox's example notebook
  (`examples/cox-ph.ipynb`): `MLPVanilla` with two hidden layers of 32, batch norm, dropout
  0.1, no output bias; Adam at learning rate 0.01 (the value the notebook sets after its
  learning-rate finder), batches of 256, up to 512 epochs, `EarlyStopping` on the loss of
  a validation part (a random 20% of the training split, drawn with the seed; the network
  trains on the other 80%) with patience 10 and the best weights restored. Risk = the
  network's output (the log partial hazard). `torch.manual_seed(seed)`.

Harrell's C is scikit-survival's `concordance_index_censored`, the definition survlens'
`harrell_c` reproduces (tied risks count 1/2). `seconds` is the wall-clock time of
preprocessing and fitting (inner cross-validation and the validation part included),
prediction excluded, with `--threads` threads (torch, the forest's joblib; Coxnet is
single-threaded).

Versions are pinned in tools/bench/requirements.txt.
"""

import argparse
import json
import math
import os
import sys
import tempfile
import time
import warnings

import numpy as np
import pandas as pd

# survlens_data::cell::MISSING_CODES, plus the empty cell and SAS/Stata's ".A" to ".Z".
MISSING_CODES = {
    "", "na", "n/a", "#n/a", "#na", "#n/a n/a", "<na>", "n.a.", "null", ".", "?", "missing",
    "nan", "-nan", "+nan", "1.#ind", "-1.#ind", "1.#qnan", "-1.#qnan",
} | {"." + c for c in "abcdefghijklmnopqrstuvwxyz_"}
MODELS = ("rsf", "coxnet", "deepsurv")
LABELS = {
    "rsf": "RSF (scikit-survival)",
    "coxnet": "Coxnet (scikit-survival)",
    "deepsurv": "DeepSurv (pycox)",
}


def read_cohort(path):
    """The CSV as strings, missing cells as NaN (survlens' codes, any case)."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, skipinitialspace=True)
    raw.columns = [c.strip() for c in raw.columns]

    def clean(cell):
        text = cell.strip(" \t")
        return np.nan if text.lower() in MISSING_CODES else text

    return raw.apply(lambda col: col.map(clean))


def column_kinds(frame, columns, categorical):
    """'numeric' when every present cell is a number, else 'categorical'."""
    kinds = {}
    for c in columns:
        present = frame[c].dropna()
        numbers = pd.to_numeric(present, errors="coerce")
        numeric = c not in categorical and not numbers.isna().any()
        kinds[c] = "numeric" if numeric else "categorical"
    return kinds


def design(frame, numeric, categorical):
    """The columns as the preprocessing reads them: numbers as float, categories as str."""
    columns = {c: pd.to_numeric(frame[c]).astype(float) for c in numeric}
    columns.update({c: frame[c].astype(object) for c in categorical})
    return pd.DataFrame(columns, index=frame.index)


def preprocessor(numeric, categorical, scale):
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    parts = []
    if numeric:
        parts.append(("num", SimpleImputer(strategy="median", add_indicator=True), numeric))
    if categorical:
        parts.append(
            (
                "cat",
                OneHotEncoder(handle_unknown="ignore", sparse_output=False, dtype=float),
                categorical,
            )
        )
    columns = ColumnTransformer(parts, remainder="drop", sparse_threshold=0.0)
    return make_pipeline(columns, StandardScaler()) if scale else columns


def surv(time_, event):
    from sksurv.util import Surv

    return Surv.from_arrays(event=event.astype(bool), time=time_.astype(float))


def harrell(time_, event, risk):
    from sksurv.metrics import concordance_index_censored

    try:
        return float(concordance_index_censored(event.astype(bool), time_, risk)[0])
    except ValueError:  # no comparable pair
        return None


def fit_rsf(x, time_, event, seed, args):
    from sksurv.ensemble import RandomSurvivalForest

    model = RandomSurvivalForest(
        n_estimators=args.trees,
        min_samples_split=10,
        min_samples_leaf=15,
        max_features="sqrt",
        n_jobs=args.threads,
        random_state=seed,
        low_memory=True,
    )
    model.fit(x, surv(time_, event))
    return model.predict


def fit_coxnet(x, time_, event, seed, args):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.model_selection import KFold
    from sksurv.linear_model import CoxnetSurvivalAnalysis

    y = surv(time_, event)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", UserWarning)
        # The guide's first fit: only its alphas are used.
        path = CoxnetSurvivalAnalysis(l1_ratio=0.9, alpha_min_ratio=0.01, max_iter=100)
        path.fit(x, y)
        alphas = np.asarray(path.alphas_)
        scores = np.zeros((args.inner_folds, len(alphas)))
        folds = KFold(n_splits=args.inner_folds, shuffle=True, random_state=seed)
        for k, (tr, va) in enumerate(folds.split(x)):
            fold = CoxnetSurvivalAnalysis(l1_ratio=0.9, alphas=alphas)
            try:
                fold.fit(x[tr], y[tr])
            except (ArithmeticError, ValueError):
                scores[k, :] = 0.5
                continue
            reached = set(np.asarray(fold.alphas_).tolist())
            for j, a in enumerate(alphas):
                if a not in reached:
                    scores[k, j] = 0.5
                    continue
                c = harrell(time_[va], event[va], fold.predict(x[va], alpha=a))
                scores[k, j] = 0.5 if c is None else c
        best = float(alphas[int(np.argmax(scores.mean(axis=0)))])
        final = CoxnetSurvivalAnalysis(l1_ratio=0.9, alphas=alphas)
        final.fit(x, y)
    print(f"    coxnet: alpha {best:.4g} chosen among {len(alphas)}", file=sys.stderr)
    return lambda z: final.predict(z, alpha=best)


def fit_deepsurv(x, time_, event, seed, args):
    import torch
    import torchtuples as tt
    from pycox.models import CoxPH

    rng = np.random.default_rng(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    n = len(time_)
    order = rng.permutation(n)
    n_val = max(1, int(round(0.2 * n)))
    # A last batch of one patient breaks batch norm in training: give it to validation.
    if (n - n_val) % 256 == 1:
        n_val += 1
    va, tr = order[:n_val], order[n_val:]
    x = x.astype("float32")
    target = lambda rows: (time_[rows].astype("float32"), event[rows].astype("float32"))
    net = tt.practical.MLPVanilla(
        x.shape[1], [32, 32], 1, batch_norm=True, dropout=0.1, output_bias=False
    )
    model = CoxPH(net, tt.optim.Adam)
    model.optimizer.set_lr(0.01)
    # EarlyStopping checkpoints the best weights in a file of the working directory.
    with tempfile.TemporaryDirectory() as scratch:
        here = os.getcwd()
        os.chdir(scratch)
        try:
            log = model.fit(
                x[tr],
                target(tr),
                batch_size=256,
                epochs=512,
                callbacks=[tt.callbacks.EarlyStopping()],
                verbose=False,
                val_data=(x[va], target(va)),
                val_batch_size=256,
            )
        finally:
            os.chdir(here)
    print(f"    deepsurv: stopped after epoch {log.epoch}", file=sys.stderr)
    return lambda z: model.predict(z.astype("float32")).reshape(-1)


FITTERS = {"rsf": fit_rsf, "coxnet": fit_coxnet, "deepsurv": fit_deepsurv}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True)
    p.add_argument("--validation-data")
    p.add_argument("--splits", required=True)
    p.add_argument("--time", required=True)
    p.add_argument("--event", required=True)
    p.add_argument("--id")
    p.add_argument("--entity")
    p.add_argument("--exclude", default="")
    p.add_argument("--categorical", default="")
    p.add_argument("--oracle")
    p.add_argument("--models", default=",".join(MODELS))
    p.add_argument("--threads", type=int, default=int(os.environ.get("MATMUL_NUM_THREADS", "2")))
    p.add_argument("--trees", type=int, default=500)
    p.add_argument("--inner-folds", type=int, default=5)
    p.add_argument("--out")
    args = p.parse_args()

    models = [m for m in args.models.split(",") if m]
    for m in models:
        if m not in FITTERS:
            p.error(f"unknown model {m!r} (choose among {', '.join(MODELS)})")
    import torch

    torch.set_num_threads(args.threads)
    with open(args.splits) as f:
        splits = json.load(f)
    external = splits.get("design") == "external"
    if external != bool(args.validation_data):
        p.error("the splits file's design and --validation-data disagree")

    data = read_cohort(args.data)
    if args.id is None:
        guess = [c for c in data.columns if c.lower() in ("pid", "id", "patient_id", "patient")]
        args.id = guess[0] if guess else None
    exclude = {c for c in args.exclude.split(",") if c}
    forced = {c for c in args.categorical.split(",") if c}
    taken = {args.time, args.event, args.id, args.oracle} | exclude
    columns = [c for c in data.columns if c and c not in taken]
    kinds = column_kinds(data, [c for c in columns if c != args.entity], forced)
    if args.entity:
        kinds[args.entity] = "categorical"
    numeric = [c for c in columns if kinds[c] == "numeric"]
    categorical = [c for c in columns if kinds[c] == "categorical"]
    tested = read_cohort(args.validation_data) if external else data

    def outcome(frame):
        return (
            pd.to_numeric(frame[args.time]).to_numpy(float),
            pd.to_numeric(frame[args.event]).to_numpy(float).astype(int),
        )

    t_all, e_all = outcome(data)
    t_test_all, e_test_all = outcome(tested)
    x_all = design(data, numeric, categorical)
    x_test_all = design(tested, numeric, categorical)

    import sklearn
    import sksurv
    import pycox

    results = []
    for split in splits["seeds"]:
        seed, train, test = split["seed"], split["train"], split["test"]
        for m in models:
            start = time.perf_counter()
            prep = preprocessor(numeric, categorical, scale=(m != "rsf"))
            x_train = prep.fit_transform(x_all.iloc[train])
            predict = FITTERS[m](x_train, t_all[train], e_all[train], seed, args)
            seconds = time.perf_counter() - start
            risk = predict(prep.transform(x_test_all.iloc[test]))
            c = harrell(t_test_all[test], e_test_all[test], np.asarray(risk, float))
            print(
                f"seed {seed}: {LABELS[m]:<26} held-out Harrell's C "
                f"{'undefined' if c is None else f'{c:.4f}'}  ({seconds:.1f} s, "
                f"{x_train.shape[1]} inputs)",
                file=sys.stderr,
            )
            results.append({"model": LABELS[m], "seed": seed, "harrell_c": c, "seconds": seconds})

    out = {
        "cohort": args.data,
        "patients": int(len(data)),
        "events": int(e_all.sum()),
        "markers": len(columns) - (1 if args.entity else 0),
        "design": "external" if external else "splits",
        "test_fraction": splits.get("test_fraction"),
        "validation": (
            {"cohort": args.validation_data, "patients": int(len(tested)), "events": int(e_test_all.sum())}
            if external
            else None
        ),
        "results": results,
        "settings": {
            "threads": args.threads,
            "rsf_trees": args.trees,
            "coxnet_inner_folds": args.inner_folds,
            "numeric_columns": len(numeric),
            "categorical_columns": len(categorical),
        },
        "versions": {
            "scikit-survival": sksurv.__version__,
            "scikit-learn": sklearn.__version__,
            "pycox": pycox.__version__,
            "torch": torch.__version__.split("+")[0],
            "numpy": np.__version__,
            "pandas": pd.__version__,
        },
    }
    text = json.dumps(out)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")
    else:
        print(text)


if __name__ == "__main__":
    main()
