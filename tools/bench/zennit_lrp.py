"""LRP with zennit's Gamma rule on the study's network in PyTorch (CPU), the peer of
survlens' `cargo bench -p survlens-xai --bench lrp`.

Same work as the Rust bench: 350 -> 3,500 -> 1 (Xavier-uniform, ReLU gain, biases uniform in
[-0.1, 0.1]), random inputs in [0, 1]; zennit 0.5.1 `Gamma(gamma=0.01, stabilizer=1e-5)` (the
study's rule) on both Linear layers, `Pass` on the ReLU, relevance entering as the output
itself. The cohort is explained in batches of 1,000 (the last one smaller), as the study's
code would; one patient is explained on its own. Prints the median seconds per cohort and
milliseconds per patient.

    tools/references/.venv/bin/python tools/bench/zennit_lrp.py [--patients 15726] [--threads 2]

--threads defaults to MATMUL_NUM_THREADS (the variable survlens' GEMM reads), else 2.
"""

import argparse
import os
import statistics
import time

import torch
from zennit.attribution import Gradient
from zennit.composites import NameMapComposite
from zennit.rules import Gamma, Pass

N_INPUTS = 350
BATCH = 1_000


def network(generator):
    model = torch.nn.Sequential(
        torch.nn.Linear(N_INPUTS, 10 * N_INPUTS),
        torch.nn.ReLU(),
        torch.nn.Linear(10 * N_INPUTS, 1),
    )
    with torch.no_grad():
        for module in model:
            if isinstance(module, torch.nn.Linear):
                bound = torch.nn.init.calculate_gain("relu") * (6.0 / sum(module.weight.shape)) ** 0.5
                module.weight.copy_((torch.rand(module.weight.shape, generator=generator) * 2 - 1) * bound)
                module.bias.copy_((torch.rand(module.bias.shape, generator=generator) * 2 - 1) * 0.1)
    return model.eval()


def composite():
    return NameMapComposite(name_map=[
        (("0",), Gamma(gamma=0.01, stabilizer=1e-5)),
        (("1",), Pass()),
        (("2",), Gamma(gamma=0.01, stabilizer=1e-5)),
    ])


def explain(attributor, x):
    out = []
    for start in range(0, x.shape[0], BATCH):
        batch = x[start:start + BATCH].clone().requires_grad_(True)
        _, rel = attributor(batch, lambda output: output)
        out.append(rel)
    return torch.cat(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=15_726)
    parser.add_argument("--threads", type=int, default=int(os.environ.get("MATMUL_NUM_THREADS", "2")))
    parser.add_argument("--repeats", type=int, default=5, help="timed cohort passes after one warm-up")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    gen = torch.Generator().manual_seed(1)
    model = network(gen)
    x = torch.rand(args.patients, N_INPUTS, generator=gen)

    with Gradient(model=model, composite=composite()) as attributor:
        explain(attributor, x[:BATCH])
        cohort = []
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            explain(attributor, x)
            cohort.append(time.perf_counter() - t0)
        one = []
        for i in range(200):
            t0 = time.perf_counter()
            explain(attributor, x[i:i + 1])
            one.append(time.perf_counter() - t0)

    print(f"torch {torch.__version__}, threads {args.threads}, patients {args.patients}")
    print(f"zennit Gamma cohort: median {statistics.median(cohort):.3f} s (min {min(cohort):.3f})")
    print(f"zennit Gamma one patient: median {1e3 * statistics.median(one[20:]):.2f} ms")


if __name__ == "__main__":
    main()
