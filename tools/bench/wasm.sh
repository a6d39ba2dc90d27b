#!/usr/bin/env bash
# Builds the WebAssembly benchmark harness (tools/bench/wasm), times it in Node (V8, the
# engine of Chromium; one thread, as a page or a worker), runs the peers at ONE thread next
# to it, and prints one table: work, survlens wasm median, peer median, ratio wasm / peer
# (below 1 means survlens in WebAssembly is faster).
#
#   tools/bench/wasm.sh [--repeats 5] [--model-patients 1000] [--profile wasm-release]
#                       [--native] [--quick] [--train | --only-train] [--train-out FILE]
#                       [--pool 2]
#
# | work                                         | wasm workload (run.mjs key) | peer, 1 thread          |
# |----------------------------------------------|-----------------------------|-------------------------|
# | one training epoch, 350-3500-1, 15,726 pts   | epoch                       | torch_epoch.py          |
# | the same epoch split among --pool workers    | epoch_pool                  | torch_epoch.py          |
# | LRP PaperGamma, cohort of 15,726             | lrp_cohort                  | zennit_lrp.py           |
# | the same LRP in the page's pool tasks        | lrp_pool                    | zennit_lrp.py           |
# | LRP PaperGamma, one patient                  | lrp_one                     | zennit_lrp.py           |
# | interactions, top 50, model-based, 1,000 pts | interactions_model          | zennit_interactions.py  |
# | interactions, top 50, statistical, 15,726    | interactions_statistical    | none                    |
# | synthetic pan-cancer cohort, 15,726 patients | synth                       | none                    |
# | auto recipe training, teaching cohort (600)  | train (--train)             | none: native instead    |
# | auto recipe training, pan-cancer, 15,726     | train (--train)             | none: native instead    |
#
# Shapes, seeds and settings are those of the native criterion benches (see
# tools/bench/wasm/src/lib.rs). The model-based interactions run on the first 1,000 patients
# (--model-patients): they cost 51 cohort LRP passes, linear in the cohort size.
#
# --profile picks the cargo profile: `wasm-release` (default) is the page's worker build
# (opt-level "s", fat LTO, then `wasm-opt -O3` as Trunk does); `release` is the workspace's
# native profile (opt-level 3, thin LTO, no wasm-opt). --native also times the native
# criterion benches at one thread (MATMUL_NUM_THREADS=1), about 4 more minutes; without it,
# tools/bench/run.sh --threads 1 gives the native column. --quick: 3 repeats (noisier).
# --pool N (default 2, the cores of the machines CI runs on): workers of the pooled epoch,
# this thread and N - 1 Node worker threads, each with its own instance of the module, as
# the page's pool; its peer is still PyTorch at one thread, the issue's yardstick.
#
# --train adds training by the `auto` recipe (survlens' default; what a page that trains
# runs) on every patient of the synthetic teaching cohort (600 patients, seed 42, the page's)
# and of the synthetic pan-cancer cohort (15,726 patients, seed 2025, the page's opening
# cohort), written by `survlens synth`: one cold run in WebAssembly (a page trains once, in
# a fresh worker), then the same work natively at one thread (`survlens benchmark --data F
# --validation-data F --models auto --seeds 1`: same file, same import, same seed), whose
# Harrell's C on the training patients must match the wasm one (it is printed beside). About
# 15 more minutes on 2 cores. --only-train runs only these rows; --train-out FILE also writes
# them as JSON ({"<cohort>": {"patients", "wasm_seconds", "wasm_cpu_seconds", "wasm_c",
# "native_seconds", "native_c"}}) for tools/bench/models.sh.
#
# Needs the wasm32-unknown-unknown target, wasm-bindgen-cli 0.2.130 (the version the
# workspace pins), Node 20 or later, wasm-opt (npm's binaryen, node_modules/.bin) for the
# default profile, and the Python reference environment in tools/references/.venv
# (override with SURVLENS_PYTHON). A full run takes about 20 minutes on 2 cores.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
python="${SURVLENS_PYTHON:-$root/tools/references/.venv/bin/python}"
repeats=5
model_patients=1000
profile=wasm-release
native=0
train=0
only_train=0
train_out=""
pool=2
while [[ $# -gt 0 ]]; do
  case "$1" in
    --train) train=1; shift ;;
    --only-train) train=1; only_train=1; shift ;;
    --train-out) train_out="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    --model-patients) model_patients="$2"; shift 2 ;;
    --profile) profile="$2"; shift 2 ;;
    --native) native=1; shift ;;
    --quick) repeats=3; shift ;;
    --pool) pool="$2"; shift 2 ;;
    -h|--help) sed -n '2,51p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[[ -x "$python" ]] || { echo "no Python reference environment at $python" >&2; exit 1; }
case "$profile" in wasm-release|release) ;; *) echo "unknown profile: $profile" >&2; exit 2 ;; esac

harness="$root/tools/bench/wasm"
logs="$(mktemp -d "${TMPDIR:-/tmp}/survlens-wasm-bench.XXXXXX")"
# WebAssembly runs on one thread: so do the peers (and the native figures, if asked).
export MATMUL_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
export SURVLENS_INTERACTION_MODEL_PATIENTS="$model_patients"

echo "Building the wasm harness ($profile, +simd128)..." >&2
# The package's own .cargo/config.toml sets +simd128 for wasm32, whatever the directory.
(cd "$harness" && cargo build -q --locked --profile "$profile" --target wasm32-unknown-unknown) \
  >"$logs/build.log" 2>&1 || { cat "$logs/build.log" >&2; exit 1; }
rm -rf "$harness/pkg"
wasm-bindgen --target nodejs --out-dir "$harness/pkg" \
  "$harness/target/wasm32-unknown-unknown/$profile/survlens_bench_wasm.wasm"
if [[ $profile == wasm-release ]]; then
  wasm_opt="$root/node_modules/.bin/wasm-opt"
  [[ -x "$wasm_opt" ]] || wasm_opt="$(command -v wasm-opt || true)"
  if [[ -n "$wasm_opt" ]]; then
    # The page's flags for the worker (index.html: data-wasm-opt="3").
    "$wasm_opt" -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-simd \
      "$harness/pkg/survlens_bench_wasm_bg.wasm" -o "$harness/pkg/survlens_bench_wasm_bg.wasm"
  else
    echo "no wasm-opt found: timing the module as cargo built it" >&2
  fi
fi
if [[ $train == 1 ]]; then
  cargo build -q --release --locked -p survlens-cli >>"$logs/build.log" 2>&1 \
    || { cat "$logs/build.log" >&2; exit 1; }
fi
if [[ $native == 1 && $only_train == 0 ]]; then
  cargo bench -p survlens-model --bench epoch --no-run >>"$logs/build.log" 2>&1 \
    && cargo bench -p survlens-xai --bench lrp --bench interactions --no-run \
      >>"$logs/build.log" 2>&1 || { cat "$logs/build.log" >&2; exit 1; }
fi

# Runs the harness on the workloads $1 (comma-separated run.mjs keys) into log $2.
wasm() {
  node "$harness/run.mjs" "$harness/pkg" --repeats "$repeats" \
    --model-patients "$model_patients" --pool "$pool" --only "$1" >"$2" 2>"$2.err" \
    || { echo "the wasm harness failed on $1, see $2.err" >&2; }
}
# Median wall-clock seconds of run.mjs key $1 in log $2 (with 6 as $3: its CPU seconds).
wasm_seconds() { awk -v k="$1" -v f="${3:-3}" '$1 == "RESULT" && $2 == k { print $f; found = 1 }
  END { if (!found) print "nan" }' "$2"; }
# Criterion's median for benchmark id $1 in log $2, in seconds.
criterion_seconds() {
  local line
  line="$(grep -F "test $1 " "$2" | tail -n 1)" || { echo nan; return; }
  sed -E 's/.*bench: *([0-9,]+) ns\/iter.*/\1/; s/,//g' <<<"$line" | awk '{ printf "%.6g", $1 / 1e9 }'
}
# The first number after the regex $1 in log $2, times the factor $3 (to seconds).
peer_seconds() {
  local value
  value="$(grep -oE "$1 *[0-9.]+" "$2" | head -n 1 | grep -oE '[0-9.]+$')" || { echo nan; return; }
  awk -v v="$value" -v f="$3" 'BEGIN { printf "%.6g", v * f }'
}
native_bench() {
  [[ $native == 1 ]] || return 0
  cargo bench -q -p "$1" --bench "$2" -- --noplot --output-format bencher --warm-up-time 1 \
    >"$3" 2>&1 || echo "cargo bench -p $1 --bench $2 failed, see $3" >&2
}

rows=()
# work | wasm seconds | wasm CPU seconds | native seconds | peer seconds | peer name
row() { rows+=("$1|$2|$3|$4|$5|$6"); }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

if [[ $only_train == 0 ]]; then
  echo "training epoch: wasm, PyTorch (1 thread)" >&2
  wasm epoch,epoch_pool "$logs/wasm-epoch.log"
  "$python" tools/bench/torch_epoch.py --threads 1 --epochs "$repeats" >"$logs/torch.log" 2>&1
  native_bench survlens-model epoch "$logs/native-epoch.log"
  torch="PyTorch $(grep -oE '^torch [0-9.+a-z]+' "$logs/torch.log" | cut -d' ' -f2)"
  row "one training epoch 350-3500-1, 15,726 x 350, dropout 0.5" \
    "$(wasm_seconds epoch "$logs/wasm-epoch.log")" "$(wasm_seconds epoch "$logs/wasm-epoch.log" 6)" \
    "$(criterion_seconds training/epoch_350x3500x1_15726_patients_dropout_0.5 "$logs/native-epoch.log" 2>/dev/null)" \
    "$(peer_seconds 'dropout=[0-9.]+:' "$logs/torch.log" 1)" "$torch"
  if [[ $pool -gt 1 ]]; then
    row "the same epoch, each batch split among $pool workers" \
      "$(wasm_seconds epoch_pool "$logs/wasm-epoch.log")" "$(wasm_seconds epoch_pool "$logs/wasm-epoch.log" 6)" \
      "" "$(peer_seconds 'dropout=[0-9.]+:' "$logs/torch.log" 1)" "$torch (1 thread)"
  fi

  echo "LRP: wasm, zennit (1 thread)" >&2
  wasm lrp,lrp_pool,one "$logs/wasm-lrp.log"
  "$python" tools/bench/zennit_lrp.py --threads 1 --repeats "$repeats" >"$logs/zennit.log" 2>&1
  native_bench survlens-xai lrp "$logs/native-lrp.log"
  row "LRP gamma 0.01, cohort of 15,726" \
    "$(wasm_seconds lrp_cohort "$logs/wasm-lrp.log")" "$(wasm_seconds lrp_cohort "$logs/wasm-lrp.log" 6)" \
    "$(criterion_seconds lrp_paper_gamma_350_3500_1/cohort_15726 "$logs/native-lrp.log" 2>/dev/null)" \
    "$(peer_seconds 'cohort: median' "$logs/zennit.log" 1)" "zennit 0.5.1"
  if [[ $pool -gt 1 ]]; then
    row "the same LRP in the page's pool tasks, $pool workers" \
      "$(wasm_seconds lrp_pool "$logs/wasm-lrp.log")" "$(wasm_seconds lrp_pool "$logs/wasm-lrp.log" 6)" \
      "" "$(peer_seconds 'cohort: median' "$logs/zennit.log" 1)" "zennit 0.5.1 (1 thread)"
  fi
  row "LRP gamma 0.01, one patient" \
    "$(wasm_seconds lrp_one "$logs/wasm-lrp.log")" "$(wasm_seconds lrp_one "$logs/wasm-lrp.log" 6)" \
    "$(criterion_seconds lrp_paper_gamma_350_3500_1/one_patient "$logs/native-lrp.log" 2>/dev/null)" \
    "$(peer_seconds 'one patient: median' "$logs/zennit.log" 0.001)" "zennit 0.5.1"

  echo "interactions: wasm, zennit (1 thread)" >&2
  wasm interactions "$logs/wasm-interactions.log"
  "$python" tools/bench/zennit_interactions.py --threads 1 --patients "$model_patients" \
    --repeats "$(( repeats < 3 ? repeats : 3 ))" >"$logs/zennit-interactions.log" 2>&1
  native_bench survlens-xai interactions "$logs/native-interactions.log"
  row "interactions top 50, model-based, $model_patients patients" \
    "$(wasm_seconds interactions_model "$logs/wasm-interactions.log")" \
    "$(wasm_seconds interactions_model "$logs/wasm-interactions.log" 6)" \
    "$(criterion_seconds "interactions_top50_350_3500_1/model_$model_patients" "$logs/native-interactions.log" 2>/dev/null)" \
    "$(peer_seconds 'interactions: median' "$logs/zennit-interactions.log" 1)" "zennit 0.5.1"
  row "interactions top 50, statistical, 15,726 patients" \
    "$(wasm_seconds interactions_statistical "$logs/wasm-interactions.log")" \
    "$(wasm_seconds interactions_statistical "$logs/wasm-interactions.log" 6)" \
    "$(criterion_seconds interactions_top50_350_3500_1/statistical_15726 "$logs/native-interactions.log" 2>/dev/null)" \
    nan "none"

  echo "synthetic cohort: wasm" >&2
  wasm synth "$logs/wasm-synth.log"
  row "synthetic pan-cancer cohort, 15,726 patients, seed 42" \
    "$(wasm_seconds synth "$logs/wasm-synth.log")" "$(wasm_seconds synth "$logs/wasm-synth.log" 6)" \
    nan nan "none"
fi

if [[ $train == 1 ]]; then
  survlens="$root/target/release/survlens"
  # The cohorts of the page: teaching (600, seed 42) and pan-cancer (15,726, seed 2025).
  "$survlens" synth --preset teaching --patients 600 --seed 42 --out "$logs/teaching.csv" \
    --truth "$logs/teaching-truth.json" 2>/dev/null
  "$survlens" synth --preset pan-cancer --patients 15726 --seed 2025 --out "$logs/pan_cancer.csv" \
    --truth "$logs/pan_cancer-truth.json" 2>/dev/null
  for cohort in teaching pan_cancer; do
    echo "auto recipe training, $cohort: wasm, then native (1 thread)" >&2
    node "$harness/run.mjs" "$harness/pkg" --only train --train "$cohort=$logs/$cohort.csv" \
      >"$logs/wasm-train-$cohort.log" 2>"$logs/wasm-train-$cohort.log.err" \
      || echo "the wasm harness failed on $cohort, see $logs/wasm-train-$cohort.log.err" >&2
    "$survlens" benchmark --data "$logs/$cohort.csv" --validation-data "$logs/$cohort.csv" \
      --time time --event event --id patient_id --entity entity --models auto --seeds 1 --json \
      >"$logs/native-train-$cohort.json" 2>"$logs/native-train-$cohort.log" \
      || echo "the native training failed on $cohort, see $logs/native-train-$cohort.log" >&2
  done
  # One JSON of both cohorts' figures (wasm: run.mjs's RESULT and CINDEX lines; native: the
  # benchmark's JSON), then one table row per cohort from it.
  "$python" - "$logs" >"$logs/train.json" <<'PY'
import json, math, sys
logs = sys.argv[1]
out = {}
for cohort in ("teaching", "pan_cancer"):
    r = {"patients": None, "wasm_seconds": None, "wasm_cpu_seconds": None, "wasm_c": None,
         "native_seconds": None, "native_c": None}
    try:
        for line in open(f"{logs}/wasm-train-{cohort}.log"):
            f = line.split()
            if f[:2] == ["RESULT", f"train_{cohort}"]:
                r["wasm_seconds"], r["wasm_cpu_seconds"] = float(f[2]), float(f[5])
            if f[:2] == ["CINDEX", f"train_{cohort}"] and math.isfinite(float(f[2])):
                r["wasm_c"] = float(f[2])
    except (OSError, ValueError, IndexError):
        pass
    try:
        native = json.load(open(f"{logs}/native-train-{cohort}.json"))
        row = next(x for x in native["results"] if x["model"] == "survlens auto")
        r.update(patients=native["patients"], native_seconds=row["seconds"], native_c=row["harrell_c"])
    except (OSError, ValueError, StopIteration, KeyError):
        pass
    out[cohort] = r
print(json.dumps(out))
PY
  for cohort in teaching pan_cancer; do
    read -r w wc cw sn cn < <("$python" -c '
import json, sys
r = json.load(open(sys.argv[1]))[sys.argv[2]]
f = lambda k, spec="r": "nan" if r[k] is None else format(r[k], ".4f") if spec == "c" else repr(r[k])
print(f("wasm_seconds"), f("wasm_cpu_seconds"), f("wasm_c", "c"), f("native_seconds"), f("native_c", "c"))' \
      "$logs/train.json" "$cohort")
    label="teaching cohort, 600 patients"
    [[ $cohort == pan_cancer ]] && label="pan-cancer cohort, 15,726 patients"
    row "auto recipe training, $label (Harrell's C on them: wasm $cw, native $cn)" \
      "$w" "$wc" "$sn" nan "none"
  done
  if [[ -n $train_out ]]; then
    "$python" -c '
import json, sys
r = json.load(open(sys.argv[1]))
r.update(node=sys.argv[2], profile=sys.argv[3])
json.dump(r, open(sys.argv[4], "w"))' "$logs/train.json" "$(node --version)" "$profile" "$train_out"
  fi
fi

# Seconds, shown in the unit that suits them.
human() {
  awk -v s="$1" 'BEGIN {
    if (s == "nan" || s == "") { print "n/a"; exit }
    if (s >= 1) printf "%.3f s", s; else if (s >= 1e-3) printf "%.2f ms", s * 1e3;
    else printf "%.1f µs", s * 1e6 }'
}
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    if (a == "nan" || b == "nan" || a == "" || b == "" || b == 0) print "n/a"; else printf "%.3g", a / b }'
}

echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), node $(node --version), profile $profile, one thread,"
echo "$(getconf _NPROCESSORS_ONLN) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"
echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg); logs in $logs"
echo
echo "| work | wasm | wasm CPU | native | peer | peer time | wasm / peer |"
echo "|---|---|---|---|---|---|---|"
for r in "${rows[@]}"; do
  IFS='|' read -r work ours cpu native_s theirs peer <<<"$r"
  echo "| $work | $(human "$ours") | $(human "$cpu") | $(human "$native_s") | $peer | $(human "$theirs") | $(ratio "$ours" "$theirs") |"
done
