"""Trains the study's deep Cox network with PyTorch DistributedDataParallel (DDP) on the
design matrix of `survlens encode`, and exports it to ONNX for `survlens import-onnx`.

    survlens encode --data cohort.csv --time time --event event --out design.csv \
        --encoder encoder.json
    torchrun --nproc_per_node 2 tools/ddp/train_ddp.py --design design.csv \
        --onnx net.onnx --predictions predictions.json
    survlens import-onnx --onnx net.onnx --encoder encoder.json --data cohort.csv \
        --out model.json

Without torchrun, `python tools/ddp/train_ddp.py --nproc 2 ...` starts the processes itself
(torch.multiprocessing, rendezvous on 127.0.0.1). The backend is gloo: CPU processes, one
machine or several (torchrun's --nnodes).

What it trains is what `survlens train` trains, with the same schedule (see
crates/survlens-model/src/train.rs):
- input dropout -> Linear -> ReLU -> dropout -> Linear(1); Xavier-uniform weights with ReLU
  gain, zero biases;
- the Cox partial likelihood of pycox 0.3.0's `CoxPHLoss` (no tie correction, risk sets in
  descending time order; ties kept in batch order, as survlens does), computed in float64;
- Adam (PyTorch's), gradient-norm clipping, learning-rate stages (x stage factor), each
  stage ending after `patience` epochs without a validation loss below the best so far (over
  all stages) or after `epochs-per-stage` epochs, the best weights restored at its end and
  Adam's state kept; a global batch without any event is skipped.
Defaults are the study's: width 10 x inputs, dropout 0.5 and 0.5, learning rate 1e-4,
batches of 1,024, 3 stages of up to 50 epochs, patience 10, clipping at norm 1.

How the work is split. Every epoch draws one permutation of the training patients (the same
on every process, from the seed and the epoch) and cuts it into global batches of
`batch-size` patients; each global batch is cut into one contiguous share per process.
Each process runs the network forward and backward on its share only. The Cox loss is not a
sum over patients (every risk set spans the whole batch), so the processes exchange their
log-risks (all-gather, a few kilobytes) and each computes the loss of the whole global
batch; the gather's backward pass all-reduces the loss gradient so that each process
receives `world_size` times its rows' share, and DDP's all-reduce of the parameter
gradients (a mean) then leaves every process with exactly the gradient one process would
compute on the whole global batch. The first step checks this: with dropout off, the
distributed gradient of the first batch is compared with the one-process gradient of the
same patients (reported as `gradient_check`). Validation runs on process 0 and its loss is
broadcast, so every process takes the same early-stopping decisions.

Outputs (written by process 0):
- `--onnx`: the network in eval mode (ONNX opset 17, TorchScript exporter), a chain of
  Gemm and Relu nodes, with the training record as the model's metadata entry
  `survlens.training` (JSON: trainer, framework, distribution, the design's feature names,
  patients per split part, settings, how the fit ended; read by `survlens import-onnx`);
- `--predictions`: `{"ids": [...], "split": [...], "log_risk": [...]}`, every patient's
  log-risk from the exported network in float32, in design order;
- `--summary` (optional): the record with the per-epoch history and the gradient check.
"""

import argparse
import csv
import json
import math
import os
import socket
import sys
import time
import warnings

import numpy as np
import onnx
import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch import nn
from torch.nn.parallel import DistributedDataParallel

RECORD_KEY = "survlens.training"
FIXED_COLUMNS = ["id", "split", "time", "event"]
TRAINER = "tools/ddp/train_ddp.py"
# pycox 0.3.0 `cox_ph_loss_sorted`: added to the shifted cumulative sum before its logarithm.
PYCOX_EPS = 1e-7
OPSET = 17


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--design", required=True, help="design matrix CSV of survlens encode")
    p.add_argument("--onnx", required=True, help="where to write the network (ONNX)")
    p.add_argument("--predictions", required=True, help="where to write every patient's log-risk (JSON)")
    p.add_argument("--summary", help="where to write the record with the epoch history (JSON)")
    p.add_argument("--nproc", type=int, default=2, help="processes to start when not run by torchrun")
    p.add_argument("--threads", type=int, default=1, help="intra-op threads per process")
    p.add_argument("--hidden-layers", type=int, default=1)
    width = p.add_mutually_exclusive_group()
    width.add_argument("--width-factor", type=int, default=None, help="hidden width as a multiple of the inputs (the study: 10)")
    width.add_argument("--hidden-width", type=int, default=None, help="hidden width as a number of units")
    p.add_argument("--input-dropout", type=float, default=0.5)
    p.add_argument("--hidden-dropout", type=float, default=0.5)
    p.add_argument("--learning-rate", type=float, default=1e-4)
    p.add_argument("--batch-size", type=int, default=1024, help="patients per optimiser step, over all processes")
    p.add_argument("--max-grad-norm", type=float, default=1.0, help="0 turns clipping off")
    p.add_argument("--stages", type=int, default=3)
    p.add_argument("--epochs-per-stage", type=int, default=50)
    p.add_argument("--stage-lr-factor", type=float, default=0.1)
    p.add_argument("--patience", type=int, default=10)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--quiet", action="store_true", help="no line per epoch")
    args = p.parse_args(argv)
    if args.width_factor is None and args.hidden_width is None:
        args.width_factor = 10
    return args


class Design:
    """The design matrix of `survlens encode`: ids, split, time, event, then the inputs."""

    def __init__(self, path):
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            if header is None or header[:4] != FIXED_COLUMNS or len(header) < 5:
                raise SystemExit(
                    f"{path}: not a design matrix of survlens encode (its first columns must be "
                    f"{', '.join(FIXED_COLUMNS)}, then the inputs); found {header[:5] if header else 'nothing'}"
                )
            ids, split, times, events, rows = [], [], [], [], []
            for line, row in enumerate(reader, start=2):
                if len(row) != len(header):
                    raise SystemExit(f"{path}, line {line}: {len(row)} fields, the header has {len(header)}")
                if row[1] not in ("train", "validation", "test"):
                    raise SystemExit(f"{path}, line {line}, column split: {row[1]!r} is not train, validation or test")
                if row[3] not in ("0", "1"):
                    raise SystemExit(f"{path}, line {line}, column event: {row[3]!r} is not 0 or 1")
                ids.append(row[0])
                split.append(row[1])
                times.append(float(row[2]))
                events.append(row[3] == "1")
                rows.append(np.array(row[4:], dtype=np.float32))
        self.features = header[4:]
        self.ids = ids
        self.split = np.array(split)
        self.time = np.array(times, dtype=np.float64)
        self.event = np.array(events, dtype=bool)
        self.x = np.stack(rows)
        if not np.isfinite(self.x).all():
            raise SystemExit(f"{path}: an input is not a finite number")
        for part in ("train", "validation", "test"):
            if not (self.split == part).any():
                raise SystemExit(f"{path}: no {part} patients")

    def rows(self, part):
        return np.flatnonzero(self.split == part)


def study_network(n_inputs, args):
    """input dropout -> (Linear -> ReLU -> dropout) x hidden layers -> Linear(1)."""
    width = args.hidden_width if args.hidden_width is not None else args.width_factor * n_inputs
    layers = [nn.Dropout(args.input_dropout)]
    n = n_inputs
    for _ in range(args.hidden_layers):
        layers += [nn.Linear(n, width), nn.ReLU(), nn.Dropout(args.hidden_dropout)]
        n = width
    layers.append(nn.Linear(n, 1))
    net = nn.Sequential(*layers)
    gain = nn.init.calculate_gain("relu")
    for m in net:
        if isinstance(m, nn.Linear):
            nn.init.xavier_uniform_(m.weight, gain=gain)
            nn.init.zeros_(m.bias)
    return net, width


def cox_ph_loss(log_h, time, event):
    """pycox 0.3.0's `cox_ph_loss`: negative partial log-likelihood over the events, risk
    sets in descending time order (stable: ties stay in batch order), in float64."""
    order = torch.argsort(time, descending=True, stable=True)
    log_h = log_h.double()[order]
    ev = event[order].double()
    gamma = log_h.max()
    log_cumsum_h = log_h.sub(gamma).exp().cumsum(0).add(PYCOX_EPS).log().add(gamma)
    return -log_h.sub(log_cumsum_h).mul(ev).sum().div(ev.sum())


class GatherLogRisk(torch.autograd.Function):
    """Every process's log-risks of one global batch, in process order. Backward: the
    gradient with respect to the gathered vector is summed over processes (all-reduce) and
    each process keeps its own rows."""

    @staticmethod
    def forward(ctx, local, sizes):
        rank = dist.get_rank()
        width = max(sizes)
        padded = torch.zeros(width, dtype=local.dtype)
        padded[: local.shape[0]] = local
        parts = [torch.empty(width, dtype=local.dtype) for _ in sizes]
        dist.all_gather(parts, padded)
        ctx.sizes = sizes
        ctx.rank = rank
        return torch.cat([part[:s] for part, s in zip(parts, sizes)])

    @staticmethod
    def backward(ctx, grad):
        grad = grad.contiguous().clone()
        dist.all_reduce(grad, op=dist.ReduceOp.SUM)
        start = sum(ctx.sizes[: ctx.rank])
        return grad[start : start + ctx.sizes[ctx.rank]], None


def global_batches(n_train, batch_size, seed, epoch):
    """The epoch's global batches: one permutation, the same on every process."""
    order = np.random.default_rng([seed, epoch]).permutation(n_train)
    return [order[k : k + batch_size] for k in range(0, n_train, batch_size)]


def distributed_loss(ddp, x, time, event, batch, world, rank):
    """The Cox loss of the whole global `batch`, this process running the network on its share."""
    shares = np.array_split(batch, world)
    sizes = [len(s) for s in shares]
    local = ddp(torch.from_numpy(x[shares[rank]])).squeeze(1)
    log_h = GatherLogRisk.apply(local, sizes)
    rows = np.concatenate(shares)
    return cox_ph_loss(log_h, torch.from_numpy(time[rows]), torch.from_numpy(event[rows]))


TIED_TOL = 1e-8  # scikit-survival's `tied_tol`


def harrell_c(time, event, risk):
    """Harrell's C as scikit-survival's `concordance_index_censored`: a pair is comparable
    when the earlier time is an event and the other patient outlives it (or is censored at
    the same time); risks within `TIED_TOL` count one half."""
    num, den = 0.0, 0.0
    for i in np.flatnonzero(event):
        later = (time > time[i]) | ((time == time[i]) & ~event)
        diff = risk[i] - risk[later]
        tied = np.abs(diff) <= TIED_TOL
        den += later.sum()
        num += ((diff > 0) & ~tied).sum() + 0.5 * tied.sum()
    return float(num / den) if den > 0 else None


def predict(module, x):
    module.eval()
    with torch.no_grad():
        return module(torch.from_numpy(x)).squeeze(1).numpy()


def validation_loss(module, design, rows):
    """Cox loss of the whole validation set, dropout off (process 0 only)."""
    risk = torch.from_numpy(predict(module, design.x[rows]))
    rows_t = torch.from_numpy(rows)
    with torch.no_grad():
        return float(cox_ph_loss(risk, torch.from_numpy(design.time)[rows_t], torch.from_numpy(design.event)[rows_t]))


def gradient_check(ddp, design, train, batch, world, rank):
    """Largest difference between the distributed gradient of `batch` and the one-process
    gradient of the same patients (dropout off), relative to the largest gradient entry."""
    ddp.eval()
    ddp.zero_grad()
    distributed_loss(ddp, design.x[train], design.time[train], design.event[train], batch, world, rank).backward()
    ours = torch.cat([p.grad.flatten() for p in ddp.module.parameters()])
    ddp.zero_grad()
    result = torch.zeros(1, dtype=torch.float64)
    if rank == 0:
        single = [p.detach().clone().requires_grad_(True) for p in ddp.module.parameters()]
        rows = train[np.concatenate(np.array_split(batch, world))]
        h = torch.from_numpy(design.x[rows])
        params = iter(single)
        for m in ddp.module:
            if isinstance(m, nn.Linear):
                w, b = next(params), next(params)
                h = h @ w.T + b
            elif isinstance(m, nn.ReLU):
                h = torch.relu(h)
        loss = cox_ph_loss(h.squeeze(1), torch.from_numpy(design.time[rows]), torch.from_numpy(design.event[rows]))
        loss.backward()
        reference = torch.cat([p.grad.flatten() for p in single])
        result[0] = float((ours - reference).abs().max() / reference.abs().max())
    dist.broadcast(result, 0)
    return float(result[0])


def train(rank, world, args):
    torch.set_num_threads(args.threads)
    start_all = time.perf_counter()
    design = Design(args.design)
    train_rows = design.rows("train")
    valid_rows = design.rows("validation")
    test_rows = design.rows("test")
    x_train = design.x[train_rows]
    t_train = design.time[train_rows]
    e_train = design.event[train_rows]
    p = design.x.shape[1]

    torch.manual_seed(args.seed)
    net, width = study_network(p, args)
    ddp = DistributedDataParallel(net)
    # Different dropout masks on every process (the weights are broadcast from process 0).
    torch.manual_seed(args.seed * 1000 + 1 + rank)
    opt = torch.optim.Adam(ddp.parameters(), lr=args.learning_rate, betas=(0.9, 0.999), eps=1e-8)

    first = next(b for b in global_batches(len(train_rows), args.batch_size, args.seed, 0) if e_train[b].any())
    check = gradient_check(ddp, design, train_rows, first, world, rank)
    log = (lambda *a: print(*a, flush=True)) if rank == 0 and not args.quiet else (lambda *a: None)
    log(f"{world} processes ({dist.get_backend()}), {len(train_rows)} training patients, {p} inputs, "
        f"{width} hidden units; first batch: distributed vs one-process gradient, largest relative difference {check:.2e}")

    best_state = {k: v.detach().clone() for k, v in ddp.module.state_dict().items()}
    best_loss, best_epoch = None, None
    history = []
    epoch = 0
    start = time.perf_counter()
    for stage in range(args.stages):
        lr = args.learning_rate * args.stage_lr_factor**stage
        for group in opt.param_groups:
            group["lr"] = lr
        without_improvement = 0
        for _ in range(args.epochs_per_stage):
            ddp.train()
            losses = []
            for batch in global_batches(len(train_rows), args.batch_size, args.seed, epoch):
                if not e_train[batch].any():
                    continue
                opt.zero_grad()
                loss = distributed_loss(ddp, x_train, t_train, e_train, batch, world, rank)
                loss.backward()
                if args.max_grad_norm > 0:
                    nn.utils.clip_grad_norm_(ddp.parameters(), args.max_grad_norm)
                opt.step()
                losses.append(loss.item())
            epoch += 1
            value = torch.zeros(1, dtype=torch.float64)
            if rank == 0:
                value[0] = validation_loss(ddp.module, design, valid_rows)
            dist.broadcast(value, 0)
            v = float(value[0])
            if not math.isfinite(v):
                raise SystemExit(f"training diverged in epoch {epoch} (stage {stage + 1}): validation loss {v}")
            improved = best_loss is None or v < best_loss
            if improved:
                best_loss, best_epoch = v, epoch
                best_state = {k: t.detach().clone() for k, t in ddp.module.state_dict().items()}
                without_improvement = 0
            else:
                without_improvement += 1
            train_loss = float(np.mean(losses)) if losses else None
            history.append({"epoch": epoch, "stage": stage + 1, "learning_rate": lr, "train_loss": train_loss,
                            "validation_loss": v, "improved": improved})
            log(f"epoch {epoch} (stage {stage + 1}): train loss {train_loss if train_loss is None else round(train_loss, 4)}, validation loss {v:.4f}"
                + (" *" if improved else ""))
            if without_improvement >= args.patience:
                break
        ddp.module.load_state_dict(best_state)
    seconds = time.perf_counter() - start

    if rank == 0:
        module = ddp.module
        risk = predict(module, design.x)
        test_c = harrell_c(design.time[test_rows], design.event[test_rows], risk[test_rows].astype(np.float64))
        record = {
            "trainer": TRAINER,
            "framework": f"torch {torch.__version__}",
            "distribution": {"strategy": "DistributedDataParallel", "backend": dist.get_backend(), "world_size": world},
            "features": design.features,
            "patients": {"train": len(train_rows), "validation": len(valid_rows), "test": len(test_rows)},
            "settings": {
                "width_factor": args.width_factor if args.hidden_width is None else None,
                "input_dropout": args.input_dropout,
                "hidden_dropout": args.hidden_dropout,
                "loss": "Pycox",
                "learning_rate": args.learning_rate,
                "adam": {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8},
                "batch_size": args.batch_size,
                "max_grad_norm": args.max_grad_norm if args.max_grad_norm > 0 else None,
                "stages": args.stages,
                "epochs_per_stage": args.epochs_per_stage,
                "stage_lr_factor": args.stage_lr_factor,
                "patience": args.patience,
                "seed": args.seed,
            },
            "fit": {"epochs": epoch, "best_epoch": best_epoch, "validation_loss": best_loss,
                    "seconds": round(seconds, 3), "test_harrell_c": test_c},
        }
        export(module, p, record, args.onnx)
        with open(args.predictions, "w", encoding="utf-8") as f:
            json.dump({"ids": design.ids, "split": design.split.tolist(),
                       "log_risk": [float(v) for v in risk]}, f)
            f.write("\n")
        if args.summary:
            with open(args.summary, "w", encoding="utf-8") as f:
                json.dump({**record, "gradient_check": check, "seconds_total": round(time.perf_counter() - start_all, 3),
                           "history": history}, f, indent=1)
                f.write("\n")
        c = "undefined" if test_c is None else f"{test_c:.4f}"
        print(f"trained in {seconds:.1f} s ({epoch} epochs, best {best_epoch}, {world} processes); "
              f"held-out test patients ({len(test_rows)}): Harrell's C {c}; network written to {args.onnx}",
              flush=True)
    dist.barrier()


def export(module, n_inputs, record, path):
    """The network in eval mode as ONNX, the record as metadata entry `survlens.training`."""
    module.eval()
    dummy = torch.zeros(1, n_inputs)
    # The TorchScript exporter on purpose: it needs no onnxscript and writes a plain chain
    # of Gemm and Relu nodes; its deprecation notice says nothing about this network.
    warnings.filterwarnings("ignore", message="You are using the legacy TorchScript-based ONNX export")
    torch.onnx.export(module, (dummy,), path, input_names=["inputs"], output_names=["log_risk"],
                      dynamic_axes={"inputs": {0: "patients"}, "log_risk": {0: "patients"}},
                      opset_version=OPSET, dynamo=False)
    model = onnx.load(path)
    entry = model.metadata_props.add()
    entry.key = RECORD_KEY
    entry.value = json.dumps(record)
    onnx.checker.check_model(model)
    onnx.save(model, path)


def spawned(rank, world, port, args):
    os.environ["MASTER_ADDR"] = "127.0.0.1"
    os.environ["MASTER_PORT"] = str(port)
    dist.init_process_group("gloo", rank=rank, world_size=world)
    try:
        train(rank, world, args)
    finally:
        dist.destroy_process_group()


def main():
    args = parse_args()
    if "RANK" in os.environ:  # started by torchrun
        dist.init_process_group("gloo")
        try:
            train(dist.get_rank(), dist.get_world_size(), args)
        finally:
            dist.destroy_process_group()
        return
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    mp.spawn(spawned, args=(args.nproc, port, args), nprocs=args.nproc, join=True)


if __name__ == "__main__":
    sys.exit(main())
