#!/usr/bin/env python3
"""MatrixExp's forward + VJP against scipy.linalg.expm_frechet on the same matrices, same run, one thread.

For each order n and 1-norm x, back to back:
  - `mexp bench vjp --n N --norm X --method M --reps R --threads 1 --write-inputs DIR` times, in-process,
    Swift's forward expm (`median_seconds_forward`) and the forward pass with tape plus the backward
    pass (`median_seconds_forward_vjp`), and writes its operand A (SplitMix64(seed: 1), Gaussian,
    scaled to ||A||_1 = x) and cotangent G (seed 2) to DIR;
  - this script times, on those same A and G, scipy.linalg.expm_frechet(A.T, G) -- exp(A^T) and
    L(A^T, G), the VJP a SciPy user computes -- (median of R calls after 2 warm-up calls,
    time.perf_counter), and scipy.linalg.expm(A) for reference, with numpy's BLAS on one thread;
  - `mexp vjp --in A.npy --cotangent G.npy` computes the VJP once more, and its relative 1-norm
    difference from SciPy's L(A^T, G) confirms that both sides computed the same thing.
It prints one Markdown table. Issue 5's targets: forward + VJP <= 3x forward; SciPy expm_frechet /
Swift forward + VJP >= 1.5 at n = 256.

Usage (from the repository root, after `swift build -c release --scratch-path .build-grad`):
  python3 Benchmarks/peers/vjp_scipy.py --mexp .build-grad/release/mexp [--method pade]
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
import scipy  # noqa: E402
import scipy.linalg  # noqa: E402
from peer_timing import median_seconds, run_json  # noqa: E402

DEFAULT_REPS = {16: 500, 64: 100, 256: 15}






def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mexp", required=True, help="path to the release mexp binary")
    parser.add_argument("--method", default="pade", choices=["pade", "taylor", "auto"])
    parser.add_argument("--sizes", default="16,64,256")
    parser.add_argument("--norms", default="1,10")
    args = parser.parse_args()
    print(f"numpy {np.__version__}, scipy {scipy.__version__}, method {args.method}, one thread", file=sys.stderr)
    print("| n | ‖A‖₁ | Swift forward (s) | Swift forward+VJP (s) | ratio | SciPy expm_frechet (s) | SciPy expm (s) "
          "| SciPy frechet / Swift fwd+VJP | rel. diff |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n in [int(s) for s in args.sizes.split(",")]:
        for x in [float(s) for s in args.norms.split(",")]:
            reps = DEFAULT_REPS.get(n, 10)
            with tempfile.TemporaryDirectory() as folder:
                swift = run_json([args.mexp, "bench", "vjp", "--n", str(n), "--norm", str(x), "--method", args.method,
                                  "--reps", str(reps), "--threads", "1", "--write-inputs", folder])
                a = np.load(os.path.join(folder, "A.npy"))
                g = np.load(os.path.join(folder, "G.npy"))
                at = np.ascontiguousarray(a.T)
                frechet = median_seconds(lambda: scipy.linalg.expm_frechet(at, g), reps)
                expm = median_seconds(lambda: scipy.linalg.expm(a), reps)
                out = os.path.join(folder, "Abar.npy")
                subprocess.run([args.mexp, "vjp", "--in", os.path.join(folder, "A.npy"), "--cotangent",
                                os.path.join(folder, "G.npy"), "--out", out, "--method", args.method, "--threads", "1"],
                               check=True, capture_output=True)
                ours = np.load(out)
                reference = scipy.linalg.expm_frechet(at, g, compute_expm=False)
                diff = np.abs(ours - reference).sum(axis=0).max() / np.abs(reference).sum(axis=0).max()
            fwd, vjp = swift["median_seconds_forward"], swift["median_seconds_forward_vjp"]
            print(f"| {n} | {x:g} | {fwd:.3e} | {vjp:.3e} | {vjp / fwd:.2f} | {frechet:.3e} | {expm:.3e} "
                  f"| {frechet / vjp:.2f} | {diff:.1e} |")


if __name__ == "__main__":
    main()
