#!/usr/bin/env python3
"""MatrixExp's forward + VJP against PyTorch's torch.linalg.matrix_exp and its autograd, same matrices, same run, one thread.

For each order n and 1-norm x, back to back:
  - `mexp bench vjp --n N --norm X --method M --reps R --threads 1 --write-inputs DIR` times, in-process,
    Swift's forward expm (`median_seconds_forward`) and the forward pass with tape plus the backward
    pass (`median_seconds_forward_vjp`), for each method M asked for, and writes its operand A
    (SplitMix64(seed: 1), Gaussian, scaled to ||A||_1 = x) and cotangent G (seed 2) to DIR (the
    mechanism of vjp_scipy.py);
  - this script times, on those same A and G (float64), with torch.set_num_threads(1):
      forward:            torch.linalg.matrix_exp(A) under torch.no_grad();
      forward + backward: torch.autograd.grad(torch.linalg.matrix_exp(A), A, G) with A.requires_grad,
                          the VJP L(A^T, G) a PyTorch user gets (PyTorch differentiates by exponentiating
                          the 2n x 2n block matrix [[A^T, G], [0, A^T]]);
    each the median of R calls after 2 warm-up calls (time.perf_counter);
  - `mexp vjp --in A.npy --cotangent G.npy --method M` computes the VJP once more, and its relative
    1-norm difference from PyTorch's gradient confirms that both sides computed the same thing; where
    SciPy is installed, scipy.linalg.expm_frechet(A.T, G) is a third opinion (columns "Swift vs SciPy"
    and "PyTorch vs SciPy") that says which side a difference comes from.
It prints one Markdown table: PyTorch time / Swift time for the forward and for forward + VJP.
Issue 5's target: Swift's forward + VJP faster than PyTorch's matrix_exp backward in the same run.

Usage (from the repository root, with torch and numpy in the interpreter, after
`swift build -c release --product mexp`):
  python3 Benchmarks/peers/vjp_torch.py --mexp .build/release/mexp [--methods pade,taylor]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

import numpy as np  # noqa: E402
import torch  # noqa: E402
from peer_timing import median_seconds, run_json  # noqa: E402

try:
    import scipy.linalg  # noqa: E402
except ImportError:
    scipy = None

DEFAULT_REPS = {16: 500, 64: 100, 256: 15}






def relative_one_norm_difference(ours, reference):
    return np.abs(ours - reference).sum(axis=0).max() / np.abs(reference).sum(axis=0).max()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mexp", required=True, help="path to the release mexp binary")
    parser.add_argument("--methods", default="pade,taylor", help="comma-separated mexp methods (pade, taylor, auto)")
    parser.add_argument("--sizes", default="16,64,256")
    parser.add_argument("--norms", default="1,10")
    args = parser.parse_args()
    torch.set_num_threads(1)
    methods = args.methods.split(",")
    print(f"torch {torch.__version__}, numpy {np.__version__}, torch threads {torch.get_num_threads()}, "
          f"Double", file=sys.stderr)
    print("| n | ‖A‖₁ | method | Swift fwd (s) | Swift fwd+VJP (s) | PyTorch fwd (s) | PyTorch fwd+bwd (s) "
          "| PyTorch / Swift fwd | PyTorch / Swift fwd+VJP | Swift vs PyTorch | Swift vs SciPy | PyTorch vs SciPy |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for n in [int(s) for s in args.sizes.split(",")]:
        for x in [float(s) for s in args.norms.split(",")]:
            reps = DEFAULT_REPS.get(n, 10)
            with tempfile.TemporaryDirectory() as folder:
                swift = {}
                for method in methods:
                    swift[method] = run_json([args.mexp, "bench", "vjp", "--n", str(n), "--norm", str(x),
                                              "--method", method, "--reps", str(reps), "--threads", "1",
                                              "--write-inputs", folder])
                a_path, g_path = os.path.join(folder, "A.npy"), os.path.join(folder, "G.npy")
                a = torch.from_numpy(np.load(a_path)).to(torch.float64)
                g = torch.from_numpy(np.load(g_path)).to(torch.float64)

                def forward():
                    with torch.no_grad():
                        torch.linalg.matrix_exp(a)

                leaf = a.clone().requires_grad_(True)

                def forward_backward():
                    return torch.autograd.grad(torch.linalg.matrix_exp(leaf), leaf, g)[0]

                torch_forward = median_seconds(forward, reps)
                torch_vjp = median_seconds(forward_backward, reps)
                reference = forward_backward().numpy()
                third = None
                if scipy is not None:
                    third = scipy.linalg.expm_frechet(np.ascontiguousarray(a.numpy().T), g.numpy(), compute_expm=False)
                torch_vs_scipy = "—" if third is None else f"{relative_one_norm_difference(reference, third):.1e}"
                for method in methods:
                    out = os.path.join(folder, f"Abar-{method}.npy")
                    subprocess.run([args.mexp, "vjp", "--in", a_path, "--cotangent", g_path, "--out", out,
                                    "--method", method, "--threads", "1"], check=True, capture_output=True)
                    ours = np.load(out)
                    diff = relative_one_norm_difference(ours, reference)
                    ours_vs_scipy = "—" if third is None else f"{relative_one_norm_difference(ours, third):.1e}"
                    fwd = swift[method]["median_seconds_forward"]
                    vjp = swift[method]["median_seconds_forward_vjp"]
                    print(f"| {n} | {x:g} | {method} | {fwd:.3e} | {vjp:.3e} | {torch_forward:.3e} | {torch_vjp:.3e} "
                          f"| {torch_forward / fwd:.2f} | {torch_vjp / vjp:.2f} | {diff:.1e} | {ours_vs_scipy} | {torch_vs_scipy} |",
                          flush=True)


if __name__ == "__main__":
    main()
