#!/usr/bin/env bash
# Runs every native survlens benchmark next to its peer, with the same thread count, and
# prints one table: work, survlens median, peer median, ratio survlens / peer (below 1 means
# survlens is faster).
#
#   tools/bench/run.sh [--threads "2 1"] [--quick]
#
# | work                                      | survlens bench (criterion)                        | peer script                |
# |-------------------------------------------|---------------------------------------------------|----------------------------|
# | one training epoch, 350-3500-1, 15,726 pts | survlens-model/epoch  training/epoch_...          | torch_epoch.py (PyTorch)   |
# | LRP PaperGamma, cohort of 15,726           | survlens-xai/lrp      lrp_.../cohort_15726        | zennit_lrp.py (zennit)     |
# | LRP PaperGamma, one patient                | survlens-xai/lrp      lrp_.../one_patient         | zennit_lrp.py (zennit)     |
# | interactions top 50, model-based, 1,000    | survlens-xai/interactions  interactions_.../model_1000 | zennit_interactions.py |
# | interactions top 50, statistical, 15,726   | survlens-xai/interactions  .../statistical_15726  | none                       |
# | linear Cox fit, SUPPORT 8,873 x 9, Efron   | survlens-model/coxph  coxph_support_8873x9/efron  | lifelines_coxph.py         |
#
# Each thread count sets MATMUL_NUM_THREADS (survlens' GEMM), torch's --threads, and the
# OpenMP/BLAS variables numpy and torch read; the Rust bench and its peer run back to back so
# they see the same machine load. Times are medians: criterion's median per iteration (its
# `bencher` output, one benchmark per run with `--exact`, so that --quick's lines, which lack
# the benchmark's name, are read too) and the peer scripts' medians. The load average is printed with the
# table because on a shared machine it moves the figures.
#
# --quick uses criterion's --quick mode (two timed points instead of ten samples) and fewer
# peer repeats: about half the run time, noisier figures. A full run takes about 14 minutes
# on 2 cores, after the benches are built. The model-based interactions run on the first
# 1,000 patients (51 cohort LRP passes; SURVLENS_INTERACTION_MODEL_PATIENTS changes it, for
# survlens only: pass the peer's --patients too).
#
# Needs the Python reference environment of tools/references/requirements.txt in
# tools/references/.venv (override with SURVLENS_PYTHON).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
python="${SURVLENS_PYTHON:-$root/tools/references/.venv/bin/python}"
threads="2 1"
quick=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[[ -x "$python" ]] || { echo "no Python reference environment at $python" >&2; exit 1; }

logs="$(mktemp -d "${TMPDIR:-/tmp}/survlens-bench.XXXXXX")"
criterion_args=(--noplot --output-format bencher --warm-up-time 1)
epochs=6; zennit_repeats=5; cox_repeats=15; interaction_repeats=3
if [[ $quick == 1 ]]; then
  criterion_args+=(--quick)
  epochs=3; zennit_repeats=3; cox_repeats=7; interaction_repeats=2
fi

echo "Building the benches (release)..." >&2
cargo bench -p survlens-model --bench epoch --bench coxph --no-run >"$logs/build.log" 2>&1 \
  || { cat "$logs/build.log" >&2; exit 1; }
cargo bench -p survlens-xai --bench lrp --bench interactions --no-run >>"$logs/build.log" 2>&1 \
  || { cat "$logs/build.log" >&2; exit 1; }

# Criterion's median in log $1 (one benchmark's run, see `bench`), in seconds. The bencher
# format writes `test <id> ... bench: N ns/iter`, but in --quick mode criterion skips the
# `test <id> ...` part (it never starts a measurement of ten samples), so each log holds one
# benchmark and the one `bench:` line is read whatever precedes it.
criterion_seconds() {
  local lines
  lines="$(grep -E 'bench: *[0-9,]+ ns/iter' "$1")" || { echo "no result in $1" >&2; echo nan; return; }
  if [[ "$(wc -l <<<"$lines")" != 1 ]]; then
    echo "more than one result in $1" >&2; echo nan; return
  fi
  sed -E 's/.*bench: *([0-9,]+) ns\/iter.*/\1/; s/,//g' <<<"$lines" | awk '{ printf "%.6g", $1 / 1e9 }'
}

# The first number after the regex $1 in log $2, times the factor $3 (to seconds).
peer_seconds() {
  local value
  value="$(grep -oE "$1 *[0-9.]+" "$2" | head -n 1 | grep -oE '[0-9.]+$')" \
    || { echo "no match for '$1' in $2" >&2; echo nan; return; }
  awk -v v="$value" -v f="$3" 'BEGIN { printf "%.6g", v * f }'
}

# Runs one benchmark, id $4 exactly, of criterion bench $2 in package $1, writing log $3.
bench() {
  local package="$1" name="$2" log="$3" id="$4"
  cargo bench -q -p "$package" --bench "$name" -- "${criterion_args[@]}" --exact "$id" >"$log" 2>&1 \
    || { echo "cargo bench -p $package --bench $name -- --exact $id failed, see $log" >&2; }
}

rows=()
row() { rows+=("$1|$2|$3|$4|$5"); }

for t in $threads; do
  export MATMUL_NUM_THREADS="$t" OMP_NUM_THREADS="$t" MKL_NUM_THREADS="$t" OPENBLAS_NUM_THREADS="$t"
  echo "[$t thread(s)] load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

  echo "[$t] training epoch: survlens, then PyTorch" >&2
  epoch_id=training/epoch_350x3500x1_15726_patients_dropout_0.5
  bench survlens-model epoch "$logs/epoch-$t.log" "$epoch_id"
  "$python" tools/bench/torch_epoch.py --threads "$t" --epochs "$epochs" >"$logs/torch-$t.log" 2>&1
  row "one training epoch 350-3500-1, 15,726 x 350, dropout 0.5" "$t" \
    "$(criterion_seconds "$logs/epoch-$t.log")" \
    "$(peer_seconds 'dropout=[0-9.]+:' "$logs/torch-$t.log" 1)" \
    "PyTorch $(grep -oE '^torch [0-9.+a-z]+' "$logs/torch-$t.log" | cut -d' ' -f2)"

  echo "[$t] LRP: survlens, then zennit" >&2
  bench survlens-xai lrp "$logs/lrp-cohort-$t.log" lrp_paper_gamma_350_3500_1/cohort_15726
  bench survlens-xai lrp "$logs/lrp-one-$t.log" lrp_paper_gamma_350_3500_1/one_patient
  "$python" tools/bench/zennit_lrp.py --threads "$t" --repeats "$zennit_repeats" >"$logs/zennit-$t.log" 2>&1
  row "LRP gamma 0.01, cohort of 15,726" "$t" \
    "$(criterion_seconds "$logs/lrp-cohort-$t.log")" \
    "$(peer_seconds 'cohort: median' "$logs/zennit-$t.log" 1)" "zennit 0.5.1"
  row "LRP gamma 0.01, one patient" "$t" \
    "$(criterion_seconds "$logs/lrp-one-$t.log")" \
    "$(peer_seconds 'one patient: median' "$logs/zennit-$t.log" 0.001)" "zennit 0.5.1"

  echo "[$t] interactions, top 50: survlens, then zennit" >&2
  bench survlens-xai interactions "$logs/interactions-model-$t.log" "interactions_top50_350_3500_1/model_${SURVLENS_INTERACTION_MODEL_PATIENTS:-1000}"
  bench survlens-xai interactions "$logs/interactions-stat-$t.log" interactions_top50_350_3500_1/statistical_15726
  "$python" tools/bench/zennit_interactions.py --threads "$t" --patients 1000 \
    --repeats "$interaction_repeats" >"$logs/zennit-interactions-$t.log" 2>&1
  row "interactions top 50, model-based, 1,000 patients" "$t" \
    "$(criterion_seconds "$logs/interactions-model-$t.log")" \
    "$(peer_seconds 'interactions: median' "$logs/zennit-interactions-$t.log" 1)" "zennit 0.5.1"
  row "interactions top 50, statistical, 15,726 patients" "$t" \
    "$(criterion_seconds "$logs/interactions-stat-$t.log")" \
    nan "none"

  echo "[$t] Cox fit: survlens, then lifelines" >&2
  bench survlens-model coxph "$logs/coxph-$t.log" coxph_support_8873x9/efron
  "$python" tools/bench/lifelines_coxph.py --repeats "$cox_repeats" >"$logs/lifelines-$t.log" 2>&1
  row "linear Cox fit, SUPPORT 8,873 x 9, Efron" "$t" \
    "$(criterion_seconds "$logs/coxph-$t.log")" \
    "$(peer_seconds 'median' "$logs/lifelines-$t.log" 0.001)" "lifelines 0.30.3"

  echo "[$t thread(s)] load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
done

# Seconds, shown in the unit that suits them.
human() {
  awk -v s="$1" 'BEGIN {
    if (s == "nan" || s == "") { print "n/a"; exit }
    if (s >= 1) printf "%.3f s", s; else if (s >= 1e-3) printf "%.2f ms", s * 1e3;
    else printf "%.1f µs", s * 1e6 }'
}

echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(getconf _NPROCESSORS_ONLN) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"
echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg); logs in $logs"
echo
echo "| work | threads | survlens | peer | peer time | survlens / peer |"
echo "|---|---|---|---|---|---|"
for r in "${rows[@]}"; do
  IFS='|' read -r work t ours theirs peer <<<"$r"
  ratio="$(awk -v a="$ours" -v b="$theirs" 'BEGIN {
    if (a == "nan" || b == "nan" || b == 0) print "n/a"; else printf "%.3g", a / b }')"
  echo "| $work | $t | $(human "$ours") | $peer | $(human "$theirs") | $ratio |"
done
