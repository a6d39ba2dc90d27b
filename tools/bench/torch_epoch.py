"""One training epoch of the study's network in PyTorch (CPU), the peer of survlens'
`cargo bench -p survlens-model --bench epoch`.

Same work as the Rust bench: 350 -> 3,500 -> 1 with dropout 0.5 on inputs and hidden units,
Xavier-uniform init (ReLU gain), pycox's Cox loss (`cox_ph_loss`, the study's), Adam lr 1e-4,
gradient-norm clipping 1.0, a per-epoch shuffle into batches of 1,024, then the loss of a
64-patient validation set without dropout. Prints the median seconds per epoch.

    tools/references/.venv/bin/python tools/bench/torch_epoch.py [--patients 15726] [--threads 2]
        [--dropout 0.5]

(--dropout 0 isolates the matrix products: in some torch CPU builds drawing the dropout
masks costs more than the products.)

--threads defaults to MATMUL_NUM_THREADS (the variable survlens' GEMM reads), else 2.
"""

import argparse
import os
import statistics
import time

import torch
from pycox.models.loss import cox_ph_loss

N_INPUTS = 350


def random_data(n, generator):
    x = torch.rand(n, N_INPUTS, generator=generator)
    durations = torch.rand(n, generator=generator) * 1999.0 + 1.0
    events = (torch.rand(n, generator=generator) < 0.6).float()
    return x, durations, events


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--patients", type=int, default=15_726)
    parser.add_argument("--threads", type=int, default=int(os.environ.get("MATMUL_NUM_THREADS", "2")))
    parser.add_argument("--epochs", type=int, default=6, help="timed epochs after one warm-up")
    parser.add_argument("--dropout", type=float, default=0.5, help="input and hidden dropout")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    gen = torch.Generator().manual_seed(1)
    x, durations, events = random_data(args.patients, gen)
    vx, vdur, vev = random_data(64, gen)

    net = torch.nn.Sequential(
        torch.nn.Dropout(args.dropout),
        torch.nn.Linear(N_INPUTS, 10 * N_INPUTS),
        torch.nn.ReLU(),
        torch.nn.Dropout(args.dropout),
        torch.nn.Linear(10 * N_INPUTS, 1),
    )
    for m in net:
        if isinstance(m, torch.nn.Linear):
            torch.nn.init.xavier_uniform_(m.weight, gain=torch.nn.init.calculate_gain("relu"))
            torch.nn.init.zeros_(m.bias)
    opt = torch.optim.Adam(net.parameters(), lr=1e-4, betas=(0.9, 0.999), eps=1e-8)

    def epoch():
        net.train()
        perm = torch.randperm(args.patients, generator=gen)
        for start in range(0, args.patients, 1024):
            idx = perm[start : start + 1024]
            opt.zero_grad()
            loss = cox_ph_loss(net(x[idx]).view(-1), durations[idx], events[idx])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
        net.eval()
        with torch.no_grad():
            cox_ph_loss(net(vx).view(-1), vdur, vev)

    epoch()
    seconds = []
    for _ in range(args.epochs):
        t0 = time.perf_counter()
        epoch()
        seconds.append(time.perf_counter() - t0)
    print(
        f"torch {torch.__version__} threads={args.threads} patients={args.patients} "
        f"dropout={args.dropout}: "
        f"{statistics.median(seconds):.3f} s per epoch (median of {args.epochs})"
    )


if __name__ == "__main__":
    main()
