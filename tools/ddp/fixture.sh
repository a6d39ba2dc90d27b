#!/usr/bin/env bash
# Regenerates tests/fixtures/ddp/: the GBSG2 cohort (data/gbsg2.csv, 686 patients) encoded
# by `survlens encode`, the study's network trained on it by train_ddp.py with two gloo
# processes and exported to ONNX, and the log-risk PyTorch gives every patient. The tests
# in crates/survlens-cli/tests/ddp_onnx.rs and crates/survlens-app/tests/ddp_model_file.rs
# read them; they never run Python.
#
#   bash tools/ddp/fixture.sh [python]      # default: tools/references/.venv/bin/python
#
# The width is the study's (10 x 12 inputs); batches of 128 and a learning rate of 1e-3
# (instead of the study's 1,024 and 1e-4, tuned for 15,726 patients) give the 549 training
# patients a few optimiser steps per epoch, so the fixture is a fitted network rather than
# its initial weights. A rerun gives the same weights and predictions; only the training
# time recorded in the ONNX file's metadata changes.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
py=${1:-$root/tools/references/.venv/bin/python}
out=$root/tests/fixtures/ddp
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
cd "$root"
cargo run --quiet --release --locked -p survlens-cli -- encode --data data/gbsg2.csv \
  --time time --event event --id pid --time-unit days --folds 5 --seed 0 \
  --out "$work/design.csv" --encoder "$out/gbsg2_encoding.json"
"$py" tools/ddp/train_ddp.py --nproc 2 --design "$work/design.csv" \
  --onnx "$out/gbsg2_ddp.onnx" --predictions "$out/gbsg2_torch_log_risk.json" \
  --batch-size 128 --learning-rate 1e-3 --seed 0 --quiet
