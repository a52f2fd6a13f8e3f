#!/usr/bin/env python3
"""The HWNODE block and one byte-GPT training step in PyTorch, beside `mexp train`'s step, same run.

Two tables, Float32:
  1. Block: the HWNODE feed-forward block of the reference trainer (/work/shared/peers/lm/bytegpt.py,
     class HWNode: W_in, A, dt, W_out; phi = leaky_relu(0.5), psi = leaky_relu(0.5)^2, T_K flow of
     dt*A/sigma with sigma from one power-iteration step per training forward) at d = n = 128,
     T = 768 tokens (12 sequences of 64 bytes), L = 2 virtual layers, K = 2, training mode, one thread:
     forward alone, and forward + backward (autograd with a random output gradient), each the median
     of R calls after warm-up. MatrixExp has no `mexp bench` subcommand for the block; its timing is
     the package benchmark Benchmarks/Benchmarks/HWNODE (docs/hwnode.md), not run here.
  2. Training step: bytegpt.py's own model (ByteGPT, MLP L4 and HWNODE L7 n = 128, imported from
     --bytegpt) for one step exactly as its training loop does it -- batch 12 x 64, forward,
     cross-entropy, backward, clip 1.0, AdamW -- at 1 and 2 threads (mean ms over the steps after
     warm-up), and, in the same invocation, `mexp train --iters I --threads 1|2` on the same data,
     whose JSON line reports `ms_per_step` (mean over all its steps, evaluations excluded).

Usage (from the repository root, with torch in the interpreter, after
`swift build -c release --product mexp`):
  python3 Benchmarks/peers/hwnode_torch.py --mexp .build/release/mexp \
      --data /work/shared/data/tinyshakespeare/input.txt [--bytegpt /work/shared/peers/lm/bytegpt.py]
"""
import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import time
from types import SimpleNamespace

import torch
import torch.nn as nn
import torch.nn.functional as F
from peer_timing import timed_samples  # noqa: E402


class HWNode(nn.Module):
    """The reference's block, copied from /work/shared/peers/lm/bytegpt.py (class HWNode: __init__,
    sigma, flow, forward), unchanged but for the comments, so that the block table needs no import."""

    def __init__(self, d: int, n: int, order: int = 2, virtual_layers: int = 2, slope: float = 0.5):
        super().__init__()
        self.order, self.virtual_layers, self.slope = order, virtual_layers, slope
        self.w_in = nn.Linear(d, n, bias=False)
        self.w_out = nn.Linear(n, d, bias=False)
        self.A = nn.Parameter(torch.randn(n, n) * 0.1)
        self.dt = nn.Parameter(torch.ones(1))
        g = torch.Generator().manual_seed(12345)
        self.register_buffer("pu", F.normalize(torch.randn(n, generator=g), dim=0))
        self.register_buffer("pv", F.normalize(torch.randn(n, generator=g), dim=0))

    def sigma(self):
        if self.training:
            with torch.no_grad():
                v = F.normalize(self.A.t() @ self.pu, dim=0)
                u = F.normalize(self.A @ v, dim=0)
                self.pu.copy_(u)
                self.pv.copy_(v)
        return (self.A @ self.pv).norm().clamp_min(1e-8)

    def flow(self):
        m = self.A * (self.dt / self.sigma())
        eye = torch.eye(m.shape[0], dtype=m.dtype)
        p, term = eye, eye
        for k in range(1, self.order + 1):
            term = term @ m / k
            p = p + term
        return p

    def forward(self, x):
        readout = self.w_out.weight @ self.flow()
        h = x
        for _ in range(self.virtual_layers):
            z = F.leaky_relu(self.w_in(h), self.slope)
            h = F.leaky_relu(F.linear(z, readout), self.slope).square()
        return h




def block_table(reps):
    torch.set_num_threads(1)
    torch.manual_seed(1)
    block = HWNode(128, 128, order=2, virtual_layers=2).train()
    x = torch.randn(12, 64, 128)
    gradient = torch.randn(12, 64, 128)

    def forward():
        block(x)

    def forward_backward():
        block.zero_grad(set_to_none=True)
        block(x).backward(gradient)

    print("| block (PyTorch, 1 thread) | median (µs) | min (µs) |")
    print("|---|---:|---:|")
    for name, body in (("forward", forward), ("forward + backward", forward_backward)):
        samples = timed_samples(body, reps, warmup=5)
        median, fastest = statistics.median(samples), min(samples)
        print(f"| {name} | {median * 1e6:,.0f} | {fastest * 1e6:,.0f} |", flush=True)


def load_bytegpt(path):
    spec = importlib.util.spec_from_file_location("bytegpt", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def torch_step_ms(bytegpt, data, arch, n_layer, threads, warmup, steps):
    """Mean ms of one training step of bytegpt's loop (its code, its defaults), after warm-up."""
    torch.set_num_threads(threads)
    torch.manual_seed(1337)
    cfg = SimpleNamespace(arch=arch, n_layer=n_layer, n_head=4, n_embd=128, block_size=64, batch_size=12,
                          state_dim=128, order=2, virtual_layers=2)
    model = bytegpt.ByteGPT(cfg)
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2 and not n.endswith(".A")]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2 or n.endswith(".A")]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=1e-3, betas=(0.9, 0.99))
    gen = torch.Generator().manual_seed(1337)
    times = []
    for it in range(warmup + steps):
        t0 = time.perf_counter()
        x, y = bytegpt.random_batch(data, 12, 64, gen)
        loss = F.cross_entropy(model(x).reshape(-1, 256), y.reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        times.append(time.perf_counter() - t0)
    return 1000 * sum(times[warmup:]) / steps


def mexp_step_ms(mexp, data, arch, n_layer, threads, iters):
    command = [mexp, "train", "--data", data, "--arch", arch, "--n-layer", str(n_layer), "--iters", str(iters),
               "--eval-interval", "100000", "--quantize", "none", "--sample", "0", "--threads", str(threads)]
    if arch == "hwnode":
        command += ["--state-dim", "128"]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])["ms_per_step"]


def training_table(args):
    bytegpt = load_bytegpt(args.bytegpt)
    train, _, _, _ = bytegpt.load_bytes(args.data)
    print("| model | threads | PyTorch ms/step | Swift `mexp train` ms/step | PyTorch / Swift |")
    print("|---|---:|---:|---:|---:|")
    for arch, n_layer, label in (("mlp", 4, "MLP L4"), ("hwnode", 7, "HWNODE L7 n=128")):
        for threads in (1, 2):
            ours = mexp_step_ms(args.mexp, args.data, arch, n_layer, threads, args.iters)
            theirs = torch_step_ms(bytegpt, train, arch, n_layer, threads, args.warmup, args.steps)
            print(f"| {label} | {threads} | {theirs:.1f} | {ours:.1f} | {theirs / ours:.2f} |", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mexp", required=True, help="path to the release mexp binary")
    parser.add_argument("--data", required=True, help="training text for both trainers")
    parser.add_argument("--bytegpt", default="/work/shared/peers/lm/bytegpt.py", help="the reference trainer")
    parser.add_argument("--block-reps", type=int, default=100)
    parser.add_argument("--iters", type=int, default=40, help="mexp train iterations")
    parser.add_argument("--warmup", type=int, default=5, help="PyTorch warm-up steps (not timed)")
    parser.add_argument("--steps", type=int, default=30, help="PyTorch timed steps")
    parser.add_argument("--skip-block", action="store_true")
    parser.add_argument("--skip-training", action="store_true")
    args = parser.parse_args()
    print(f"torch {torch.__version__}", file=sys.stderr)
    if not args.skip_block:
        block_table(args.block_reps)
    if not args.skip_training:
        training_table(args)


if __name__ == "__main__":
    main()
