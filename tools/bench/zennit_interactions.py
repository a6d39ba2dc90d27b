"""Model-based interactions among the 50 most important markers with zennit on PyTorch (CPU),
the peer of the `model_{n}` case of `cargo bench -p survlens-xai --bench interactions`.

The same computation as survlens' `model_interactions`, transcribed: the network, inputs and
rule of `zennit_lrp.py` (one marker per input); relevances R of the cohort; the 50 markers of
largest mean |R|; a reference patient of per-input lower medians (the ceil(n/2)-th smallest
value); then for each candidate b, b set to the reference for every patient and the cohort
explained again (R'), and for every other candidate a the mean |R'_a - R_a| and the mean
R'_a - R_a. 51 cohort passes in all, in batches of 1,000 as `zennit_lrp.py`. Prints the
median seconds per call, reference computation and ranking included.

    tools/references/.venv/bin/python tools/bench/zennit_interactions.py [--patients 1000]
        [--threads 2] [--repeats 3]

The inputs are the first --patients rows of `zennit_lrp.py`'s 15,726 x 350 draw.
--threads defaults to MATMUL_NUM_THREADS (the variable survlens' GEMM reads), else 2.
"""

import argparse
import os
import statistics
import sys
import time

import torch
from zennit.attribution import Gradient

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from zennit_lrp import BATCH, N_INPUTS, composite, explain, network  # noqa: E402

TOP_K = 50
MIN_RELATIVE_EFFECT = 0.05


def interactions(attributor, x):
    """(pairs strongest first as (effect, shift, a, b), number of pairs that count)."""
    n = x.shape[0]
    base = explain(attributor, x)
    importance = base.abs().mean(dim=0)
    candidates = torch.argsort(importance, descending=True, stable=True)[:TOP_K].tolist()
    reference = x.kthvalue((n - 1) // 2 + 1, dim=0).values
    pairs = []
    for b in candidates:
        moved = x.clone()
        moved[:, b] = reference[b]
        delta = explain(attributor, moved) - base
        for a in candidates:
            if a != b:
                pairs.append((delta[:, a].abs().mean().item(), delta[:, a].mean().item(), a, b))
    pairs.sort(key=lambda p: (-p[0], p[2], p[3]))
    significant = sum(
        1 for effect, _, a, _ in pairs
        if importance[a] > 0 and effect >= MIN_RELATIVE_EFFECT * importance[a].item()
    )
    return pairs, significant


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=1_000)
    parser.add_argument("--threads", type=int, default=int(os.environ.get("MATMUL_NUM_THREADS", "2")))
    parser.add_argument("--repeats", type=int, default=3, help="timed calls after a warm-up batch")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    gen = torch.Generator().manual_seed(1)
    model = network(gen)
    x = torch.rand(15_726, N_INPUTS, generator=gen)[: args.patients].contiguous()

    with Gradient(model=model, composite=composite()) as attributor:
        explain(attributor, x[:BATCH])
        seconds = []
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            _, significant = interactions(attributor, x)
            seconds.append(time.perf_counter() - t0)

    print(f"torch {torch.__version__}, threads {args.threads}, patients {args.patients}, top {TOP_K}")
    print(f"zennit model-based interactions: median {statistics.median(seconds):.3f} s "
          f"(min {min(seconds):.3f}), {significant} pairs count")


if __name__ == "__main__":
    main()
