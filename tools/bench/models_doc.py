"""Writes docs/model-benchmarks.md from the results of tools/bench/models.sh.

    python tools/bench/models_doc.py --results tools/bench/results/models
        --out docs/model-benchmarks.md [--seeds 3]

Reads, for every cohort key, `<key>.survlens.json` (`survlens benchmark --json`),
`<key>.peers.json` (`model_peers.py`) and their `.meta.json` (machine, UTC times, load
average, fingerprint of the splits), plus `wasm-train.json` (`wasm.sh --train-out`) when
present. Standard library only. Every figure in the page comes from those files; nothing is
typed in here.
"""

import argparse
import json
import math
import os
import statistics

COHORTS = [
    ("support", "SUPPORT", "data/support2_page.csv; disease group as entity; days"),
    ("rotterdam_gbsg", "Rotterdam → GBSG", "trained on data/rotterdam_harmonised.csv, tested on data/gbsg_harmonised.csv; months"),
    ("ncctg_lung", "NCCTG lung", "data/ncctg_lung.csv without the institution; sex and ECOG as categories; days"),
    ("va_lung", "VA lung", "data/veteran_lung.csv; days"),
    ("teaching", "Teaching (synthetic)", "`survlens synth --preset teaching --patients 600 --seed 42`"),
    ("pan_cancer_2000", "Pan-cancer 2,000 (synthetic)", "`survlens synth --patients 2000 --seed 2025`"),
    ("pan_cancer_15726", "Pan-cancer 15,726 (synthetic)", "`survlens synth --patients 15726 --seed 2025` (the page's opening cohort)"),
]
SURVLENS = ["survlens auto", "survlens study", "linear Cox (ridge)", "spline Cox (ridge)"]
PEERS = ["RSF (scikit-survival)", "Coxnet (scikit-survival)", "DeepSurv (pycox)"]
MODELS = SURVLENS + PEERS
# Within this of the best peer, `auto` counts as level with it.
MARGIN = 0.005


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def by_model(result):
    """{model: [harrell_c per seed]}, {model: [seconds per seed]} of one results file."""
    cs, secs = {}, {}
    for r in (result or {}).get("results", []):
        if r.get("harrell_c") is not None:
            cs.setdefault(r["model"], []).append(r["harrell_c"])
        secs.setdefault(r["model"], []).append(r["seconds"])
    return cs, secs


def paired_gap(rows, a, b):
    """Mean over seeds of model `a`'s Harrell's C minus model `b`'s on the same split, with
    its 95% t interval (None with fewer than 3 seeds): `(mean, low, high, seeds)`."""
    per = {}
    for r in rows:
        if r.get("harrell_c") is not None:
            per.setdefault(r["model"], {})[r["seed"]] = r["harrell_c"]
    xa, xb = per.get(a, {}), per.get(b, {})
    d = [xa[s] - xb[s] for s in sorted(xa) if s in xb]
    if not d:
        return None
    m = statistics.fmean(d)
    if len(d) < 3:
        return m, None, None, len(d)
    from scipy.stats import t

    half = t.ppf(0.975, len(d) - 1) * statistics.stdev(d) / len(d) ** 0.5
    return m, m - half, m + half, len(d)


def mean_sd(xs):
    if not xs:
        return None, None
    m = statistics.fmean(xs)
    return m, (statistics.stdev(xs) if len(xs) > 1 else 0.0)


def fmt_c(xs, bold=False):
    m, sd = mean_sd(xs)
    if m is None:
        return "n/a"
    text = f"{m:.3f}" if len(xs) == 1 else f"{m:.3f} ± {sd:.3f}"
    return f"**{text}**" if bold else text


def fmt_s(xs):
    if not xs:
        return "n/a"
    s = statistics.fmean(xs)
    if s >= 100:
        return f"{s:.0f} s"
    if s >= 1:
        return f"{s:.1f} s"
    return f"{s * 1e3:.0f} ms"


def fmt_span(meta):
    """`2026-12-05 00:15 to 00:40 UTC`, the date once when both ends share it."""
    try:
        a, b = meta["start"]["utc"], meta["end"]["utc"]
    except (KeyError, TypeError):
        return "?"
    (da, ta), (db, tb) = a.split()[:2], b.split()[:2]
    return f"{da} {ta} to {tb} UTC" if da == db else f"{da} {ta} to {db} {tb} UTC"


def fmt_load(meta, when):
    try:
        return meta[when]["load"][0]
    except (KeyError, TypeError, IndexError):
        return "?"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--results", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--seeds", type=int, default=3)
    args = p.parse_args()
    res = lambda name: load(os.path.join(args.results, name))

    rows = []
    for key, label, source in COHORTS:
        ours, theirs = res(f"{key}.survlens.json"), res(f"{key}.peers.json")
        if ours is None and theirs is None:
            continue
        cs, secs = by_model(ours)
        pcs, psecs = by_model(theirs)
        cs.update(pcs)
        secs.update(psecs)
        rows.append(
            {
                "key": key,
                "label": label,
                "source": source,
                "ours": ours,
                "theirs": theirs,
                "cs": cs,
                "secs": secs,
                "meta_ours": res(f"{key}.survlens.meta.json"),
                "meta_theirs": res(f"{key}.peers.meta.json"),
            }
        )

    run = res("run-survlens.json") or {}
    machine = run.get("machine", {})
    lines = []
    w = lines.append
    w("# Model benchmarks")
    w("")
    w(
        "Held-out Harrell's C of survlens' models beside the models a user would pick instead, "
        "every model of a row fitted and judged on the same patients. Regenerate everything "
        "with one command, `nice -n 10 tools/bench/models.sh` (`--only survlens` re-runs survlens' models alone against the stored peers, "
        "`--quick` tries one seed on the small cohorts); this page is written by "
        "`tools/bench/models_doc.py` from the results in `tools/bench/results/models/`."
    )
    w("")
    # The cohorts may come from separate runs (`--cohorts` re-runs some of them): state
    # the fitting time as the sum over cohorts of each side's span, and the dates measured.
    try:
        import datetime as dt

        parse = lambda t: dt.datetime.strptime(t, "%Y-%m-%d %H:%M UTC")
        spans, days = 0.0, set()
        for r in rows:
            for m in (r["meta_ours"], r["meta_theirs"]):
                if m and "start" in m and "end" in m:
                    start, end = parse(m["start"]["utc"]), parse(m["end"]["utc"])
                    spans += (end - start).total_seconds() / 3600
                    days.add(start.date().isoformat())
        total = spans if days else None
    except (KeyError, ValueError, TypeError):
        total = None
    if total is not None:
        took = f"{total:.1f} hours" if total >= 1 else f"{total * 60:.0f} minutes"
        when = ", ".join(sorted(days))
        w(
            f"The fits below took {took} in all, summed over the cohorts (each cohort's times "
            f"are under \"Where and when\"; measured {when}), at low priority beside other builds."
        )
        w("")
    w("## Held-out Harrell's C")
    w("")
    w(
        "Mean ± standard deviation over the seeds (sample sd; one value when a single seed "
        "ran); the cohorts of a few hundred patients run 20 seeds, the others 3. `auto − linear Cox` "
        "is the mean over seeds of the difference on the same patients, with its 95% t interval. Splits: seed s holds out 30% of every stratum (entity x event) of the cohort "
        "(`survlens benchmark --splits`, read by the peers); Rotterdam → GBSG trains on every "
        "Rotterdam patient and tests on every GBSG patient, the seeds varying only the "
        "training. Oracle: the generator's true log-hazard on the same test patients, the "
        "ceiling for the synthetic cohorts. Bold: the best model of the row (oracle aside)."
    )
    w("")
    head = ["cohort", "patients (events), markers", "oracle"] + MODELS + ["auto − best peer", "auto − linear Cox"]
    w("| " + " | ".join(head) + " |")
    w("|" + "---|" * len(head))
    flags = []
    for r in rows:
        cs, ours = r["cs"], r["ours"] or r["theirs"] or {}
        means = {m: mean_sd(cs.get(m, []))[0] for m in MODELS}
        best = max((v for v in means.values() if v is not None), default=None)
        v = ours.get("validation")
        if v:
            size = f"{ours['patients']:,} ({ours['events']:,}) → {v['patients']:,} ({v['events']:,}), {ours.get('markers', '?')}"
        else:
            size = f"{ours.get('patients', 0):,} ({ours.get('events', 0):,}), {ours.get('markers', '?')}"
        seeds = len({x["seed"] for x in ours.get("results", []) if x.get("model") == "survlens auto"})
        size += f"; {seeds} seed{'s' if seeds != 1 else ''}"
        cells = [r["label"], size, fmt_c(cs.get("oracle", [])) if "oracle" in cs else "–"]
        cells += [fmt_c(cs.get(m, []), bold=(means[m] is not None and means[m] == best)) for m in MODELS]
        auto = means["survlens auto"]
        peer_best = max((means[m] for m in PEERS if means[m] is not None), default=None)
        gap_peer = None if auto is None or peer_best is None else auto - peer_best
        paired = paired_gap((r["ours"] or {}).get("results", []), "survlens auto", "linear Cox (ridge)")
        gap_lin = None if paired is None else paired[0]
        cells.append("n/a" if gap_peer is None else f"{gap_peer:+.3f}")
        if paired is None:
            cells.append("n/a")
        elif paired[1] is None:
            cells.append(f"{gap_lin:+.3f}")
        else:
            cells.append(f"{gap_lin:+.3f} ({paired[1]:+.3f} to {paired[2]:+.3f})")
        w("| " + " | ".join(cells) + " |")
        if gap_peer is not None and gap_peer < -MARGIN:
            best_name = max((m for m in PEERS if means[m] is not None), key=lambda m: means[m])
            both = (r["ours"] or {}).get("results", []) + (r["theirs"] or {}).get("results", [])
            vs_peer = paired_gap(both, "survlens auto", best_name)
            why = ""
            if vs_peer is not None and vs_peer[1] is not None:
                verdict = (
                    "contains 0: on this cohort the two cannot be told apart"
                    if vs_peer[1] <= 0.0 <= vs_peer[2]
                    else "lies below 0"
                )
                why = (
                    f" Over {vs_peer[3]} seeds the paired difference is {vs_peer[0]:+.3f} (95% interval "
                    f"{vs_peer[1]:+.3f} to {vs_peer[2]:+.3f}), whose interval {verdict}."
                )
            flags.append(f"{r['label']}: `auto` is {-gap_peer:.3f} below the best peer ({best_name}).{why}")
        if gap_lin is not None and gap_lin < -MARGIN:
            why = ""
            if paired[1] is not None and paired[1] <= 0.0 <= paired[2]:
                why = (
                    f" Over {paired[3]} seeds the paired difference's 95% interval "
                    f"({paired[1]:+.3f} to {paired[2]:+.3f}) contains 0: on this cohort the two "
                    "cannot be told apart."
                )
            flags.append(f"{r['label']}: `auto` is {-gap_lin:.3f} below the linear Cox model.{why}")
    w("")
    if flags:
        w(f"Where `auto` is more than {MARGIN} below the best peer or the linear Cox model:")
        w("")
        for f in flags:
            w(f"- {f}")
    else:
        w(f"`auto` is within {MARGIN} of the best peer or above it on every cohort, and never more than {MARGIN} below the linear Cox model.")
    w("")

    w("## Fit time")
    w("")
    w(
        "Wall-clock seconds of one fit on one training split, mean over the seeds: "
        "preprocessing, any inner validation or cross-validation and the training itself, "
        "prediction excluded. survlens natively with its default threads, the peers with "
        "2 threads (the forest's joblib workers and torch; Coxnet's solver is single-threaded)."
    )
    w("")
    head = ["cohort"] + MODELS
    w("| " + " | ".join(head) + " |")
    w("|" + "---|" * len(head))
    for r in rows:
        w("| " + " | ".join([r["label"]] + [fmt_s(r["secs"].get(m, [])) for m in MODELS]) + " |")
    w("")

    train = res("wasm-train.json")
    if train:
        tmeta = res("wasm-train.meta.json") or {}
        w("## Training the `auto` recipe natively and in WebAssembly")
        w("")
        w(
            "The `auto` recipe (survlens' default) trained on every patient of a cohort, seed 0: "
            "natively (`survlens benchmark --data F --validation-data F --models auto`) and as "
            "WebAssembly with SIMD128 in Node (V8, Chromium's engine; the page's worker build, "
            "`tools/bench/wasm.sh --only-train`), both on one thread, one cold run each, one after "
            "the other on the same machine, on the same file. Harrell's C of each model on its "
            "own training patients shows that both did the same work."
        )
        w("")
        w("| cohort | native, 1 thread | WebAssembly, 1 thread | WebAssembly CPU | wasm / native | C native | C wasm |")
        w("|---|---|---|---|---|---|---|")
        names = {"teaching": "Teaching (synthetic), 600 patients", "pan_cancer": "Pan-cancer (synthetic), 15,726 patients"}
        for key in ("teaching", "pan_cancer"):
            t = train.get(key)
            if not t:
                continue
            ws, ns = t.get("wasm_seconds"), t.get("native_seconds")
            ratio = f"{ws / ns:.2f}" if ws and ns else "n/a"
            c = lambda x: "n/a" if x is None else f"{x:.4f}"
            w(
                f"| {names[key]} | {fmt_s([ns] if ns else [])} | {fmt_s([ws] if ws else [])} | "
                f"{fmt_s([t['wasm_cpu_seconds']] if t.get('wasm_cpu_seconds') else [])} | {ratio} | "
                f"{c(t.get('native_c'))} | {c(t.get('wasm_c'))} |"
            )
        w("")
        w(
            f"Node {train.get('node', '?')}, profile `{train.get('profile', '?')}` (the page's worker "
            f"build, then `wasm-opt -O3`); measured {fmt_span(tmeta)}, load average "
            f"{fmt_load(tmeta, 'start')} at the start and {fmt_load(tmeta, 'end')} at the end. "
            "The WebAssembly CPU time is the Node process's own: on a busy machine the wall-clock "
            "figure also counts the time other processes held the core."
        )
        w("")

    w("## Where and when")
    w("")
    if machine:
        w(
            f"{machine.get('cpu', '?')}, {machine.get('cores', '?')} cores, "
            f"{machine.get('memory_gib', '?')} GiB, {machine.get('os', '?')}; shared with other "
            "builds, so every time here is inflated by the load average beside it (1-minute "
            "load, start and end of each part; on 2 cores a load of 4 roughly halves the speed)."
        )
        w("")
    w("| cohort | survlens measured (UTC) | load | peers measured (UTC) | load | same splits |")
    w("|---|---|---|---|---|---|")
    warnings = []
    for r in rows:
        mo, mt = r["meta_ours"] or {}, r["meta_theirs"] or {}
        same = mo.get("splits_sha256") is not None and mo.get("splits_sha256") == mt.get("splits_sha256")
        if not same:
            warnings.append(r["label"])
        w(
            f"| {r['label']} | {fmt_span(mo)} | {fmt_load(mo, 'start')} → {fmt_load(mo, 'end')} | "
            f"{fmt_span(mt)} | {fmt_load(mt, 'start')} → {fmt_load(mt, 'end')} | "
            f"{'yes' if same else '**no**'} |"
        )
    w("")
    if warnings:
        w(
            "**The splits of survlens' run and the peers' run differ for: "
            + ", ".join(warnings)
            + ".** Their figures are not comparable; run `tools/bench/models.sh` without `--only`."
        )
        w("")
    versions = next((r["theirs"]["versions"] for r in rows if r["theirs"] and "versions" in r["theirs"]), None)
    settings = next((r["theirs"]["settings"] for r in rows if r["theirs"] and "settings" in r["theirs"]), None)

    w("## Cohorts")
    w("")
    w("| cohort | file and columns |")
    w("|---|---|")
    for r in rows:
        w(f"| {r['label']} | {r['source']} |")
    w("")
    w(
        "NCCTG lung writes `missing` in two cells (an institution, which is left out, and an "
        "ECOG score) and SUPPORT in 2,982 income cells: survlens' importer and "
        "`tools/bench/model_peers.py` read the word, like every code of "
        "`survlens_data::cell::MISSING_CODES`, as a missing value."
    )
    w("")

    w("## The models")
    w("")
    w(
        "- **survlens auto**: the default recipe (`survlens train` without `--recipe`), as the "
        "commit measured implements it; its steps are documented in `survlens_model::recipe`."
    )
    w("- **survlens study**: the study's recipe, exactly (min-max scaling, input dropout 0.5, Adam 1e-4, batches of 1,024, three stages of up to 50 epochs).")
    w(
        "- **linear Cox (ridge)** and **spline Cox (ridge)**: survlens' baselines on the `auto` "
        "preprocessing, the ridge penalty chosen by 5-fold cross-validation "
        "(`survlens_model::baselines`)."
    )
    trees = settings.get("rsf_trees", 500) if settings else 500
    w(
        f"- **RSF**: scikit-survival's `RandomSurvivalForest` with its user guide's settings "
        f"(min_samples_split 10, min_samples_leaf 15, max_features sqrt) and {trees} trees, seeded."
    )
    w(
        "- **Coxnet**: scikit-survival's `CoxnetSurvivalAnalysis`, l1_ratio 0.9, the penalty chosen "
        "among the path's alphas (alpha_min_ratio 0.01) by 5-fold cross-validated Harrell's C on "
        "the training split, as in its user guide."
    )
    w(
        "- **DeepSurv**: pycox's `CoxPH` with its example's network (two hidden layers of 32, batch "
        "norm, dropout 0.1), Adam at 0.01, batches of 256, early stopping on a validation fifth of "
        "the training split."
    )
    w("")
    w(
        "The peers read complete numeric inputs, fitted on each training split: categories "
        "one-hot (a missing cell is a level of its own), numbers median-imputed with a missing "
        "indicator, and standardised for Coxnet and DeepSurv; the exact settings and their "
        "sources are in the docstring of `tools/bench/model_peers.py`."
    )
    if versions:
        w("Versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()) + ".")
    w("")
    with open(args.out, "w") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
