"""Writes data/support2_page.csv, the SUPPORT cohort as the page bundles it.

The page embeds its bundled cohorts in the worker, and the whole page must stay small
(under 3 MB compressed, a default model included). SUPPORT is by far the largest file, so
the page's copy keeps all 9,105 patients but
- leaves out the predictions and outcome-adjacent columns that data/README.md names
  (num_surv2m, num_surv6m, num_sps, fac_sfdm2, fac_dnr): a fair model must not see them;
- leaves out two exact duplicates: fac_num_co (= num_num_co) and fac_dzclass (a grouping
  of fac_dzgroup, which the page uses as the disease group);
- writes numbers with 4 significant digits: the source stores single-precision values
  such as 62.84998 for 62.85, whose trailing digits carry no information.

Usage: python3 tools/page_data/trim_support.py  (from the repository root)
"""

import csv

SOURCE = "data/support2.csv"
TARGET = "data/support2_page.csv"
LEFT_OUT = {
    "num_surv2m",
    "num_surv6m",
    "num_sps",
    "fac_sfdm2",
    "fac_dnr",
    "fac_num_co",
    "fac_dzclass",
}
SIGNIFICANT = 4


def number(text: str) -> str:
    """`text` with at most SIGNIFICANT significant digits, unchanged if not a number."""
    if text == "":
        return text
    try:
        value = float(text)
    except ValueError:
        return text
    short = "%.*g" % (SIGNIFICANT, value)
    if "e" in short:
        # Keep plain decimal notation, which every spreadsheet reads alike.
        short = format(float(short), "f").rstrip("0").rstrip(".")
    return short


def main() -> None:
    with open(SOURCE, newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    keep = [i for i, name in enumerate(header) if name not in LEFT_OUT]
    with open(TARGET, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow([header[i] for i in keep])
        for row in rows[1:]:
            out.writerow(
                [number(row[i]) if header[i].startswith("num_") else row[i] for i in keep]
            )


if __name__ == "__main__":
    main()
