"""Other ways of keeping and declaring interaction pairs, measured on the runs of
`survlens calibrate-interactions --out runs.jsonl`.

Each run line lists every tested pair with each fold's p-value and its ranks in that fold's
network and outcome screens (`tests`). This script re-declares the pairs of every run
under other rules, without training anything again:

- keep fewer pairs of a screen (`keep_by_outcome` of 80, 60, 40, 30, 20; `keep_by_network`
  of 10 or 0), a subset of what the run tested;
- Benjamini-Hochberg within each fold at fdr / K as the search does, unweighted or weighted
  by the pair's outcome-screen rank in that fold (Genovese, Roeder and Wasserman 2006:
  BH on p / w with weights of mean 1 fixed before the fold's test outcomes are read):
  `tier` 4 for ranks 1-10, 2 for 11-30, 1 otherwise; `inv_sqrt` proportional to
  1 / sqrt(rank);
- a one-sided test in the direction of the fold's outcome score on its screening patients
  (`fold_outcome_directions`, fixed before the fold's test outcomes are read): p / 2 when
  the test's log hazard ratio (`fold_log_hazard_ratios`) has that sign, 1 - p / 2 when not;
  the two-sided p where the fold scored no direction.

It prints, per rule and scale, the planted pairs declared per seed and the false ones.
The rule (80, 10, tier, one-sided) is the search's own and gives the run's declarations;
(80, 10, none, two-sided) is the rule the search used before it (up to the re-test of a
pair given a stronger pair of its fold, which is not redone here).

    python tools/bench/interaction_rules.py runs.jsonl
"""

import json
import math
import sys
from collections import defaultdict

FDR = 0.05
KEEP_BY_OUTCOME = [80, 60, 40, 30, 20]
KEEP_BY_NETWORK = [10, 0]
SCHEMES = ["none", "tier", "inv_sqrt"]
SIDES = ["two", "one"]
# The search's own settings (survlens_xai::interactions::DEFAULT_KEEP_BY_*).
RUN_KEEP_BY_OUTCOME, RUN_KEEP_BY_NETWORK = 80, 10


def bh_rejections(p, alpha):
    """Indices rejected by Benjamini-Hochberg at `alpha`."""
    order = sorted(range(len(p)), key=lambda i: p[i])
    k = 0
    for r, i in enumerate(order, 1):
        if p[i] <= alpha * r / len(p):
            k = r
    return set(order[:k])


def weight(rank, scheme):
    if scheme == "none":
        return 1.0
    r = rank if rank > 0 else math.inf
    if scheme == "tier":
        return 4.0 if r <= 10 else (2.0 if r <= 30 else 1.0)
    if scheme == "inv_sqrt":
        return 1.0 / math.sqrt(min(r, 100))
    raise ValueError(scheme)


def sided(t, k, p, side):
    """Fold `k`'s p-value of test `t`, two-sided as tested or one-sided in the direction
    its screening patients' outcome score gave."""
    if side == "two":
        return p
    direction = (t.get("fold_outcome_directions") or [0] * (k + 1))[k]
    log_hr = (t.get("fold_log_hazard_ratios") or [None] * (k + 1))[k]
    if direction == 0 or log_hr is None or p >= 1.0:
        return p
    return p / 2 if (log_hr > 0) == (direction > 0) else 1 - p / 2


def declare(run, keep_outcome, keep_network, scheme, side="two"):
    """(planted pairs declared, false pairs declared) of one run under one rule."""
    folds = run["folds"]
    declared = set()
    for k in range(folds):
        tests = []
        for t in run["tests"]:
            p, ro, rn = t["fold_p_values"][k], t["fold_outcome_ranks"][k], t["fold_network_ranks"][k]
            tested = p < 1.0 or 0 < ro <= RUN_KEEP_BY_OUTCOME or 0 < rn <= RUN_KEEP_BY_NETWORK
            kept = 0 < ro <= keep_outcome or 0 < rn <= keep_network
            if tested and kept:
                tests.append((t, sided(t, k, p, side), weight(ro, scheme)))
        if not tests:
            continue
        mean_w = sum(w for *_, w in tests) / len(tests)
        for i in bh_rejections([p * mean_w / w for _, p, w in tests], FDR / folds):
            t = tests[i][0]
            declared.add((t["a"], t["b"], t["planted"]))
    return sum(1 for d in declared if d[2]), sum(1 for d in declared if not d[2])


def main(path):
    runs = [json.loads(line) for line in open(path)]
    for keep_outcome in KEEP_BY_OUTCOME:
        for keep_network in KEEP_BY_NETWORK:
            for scheme in SCHEMES:
                for side in SIDES:
                    print(
                        f"keep {keep_outcome} by outcome, {keep_network} by network, weights {scheme}, "
                        f"{side}-sided"
                    )
                    by_scale = defaultdict(list)
                    for run in runs:
                        by_scale[run["interaction_scale"]].append(
                            declare(run, keep_outcome, keep_network, scheme, side)
                        )
                    for scale, found in sorted(by_scale.items()):
                        tp = [f[0] for f in found]
                        fp = [f[1] for f in found]
                        print(
                            f"  scale {scale}: planted declared per seed {tp} (mean {sum(tp) / len(tp):.2f}); "
                            f"false {fp} ({sum(1 for f in fp if f)} of {len(fp)} seeds with one)"
                        )


if __name__ == "__main__":
    main(sys.argv[1])
