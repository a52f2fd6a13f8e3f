#!/usr/bin/env python3
"""MatrixExp's expm against scipy.linalg.expm on the same matrices, in the same run, one thread.

For each order n and 1-norm x, the Swift side writes its benchmark operand (SplitMix64(seed: 1),
Matrix.randomGaussian, scaled to ||A||_1 = x; `ExpmOperandWriter`, the construction that
`mexp bench expm` times) to a .npy file; then, back to back,
  - `mexp bench expm --n N --norm X --method auto --reps R --threads 1` times Swift's expm
    in-process (median of R after a warm-up, reused workspace) and one GEMM of the same size;
  - this script times scipy.linalg.expm on the operand read from that file (median of R single
    calls after 2 warm-up calls, time.perf_counter), with every BLAS pool limited to one thread;
  - `mexp expm --in A.npy` computes exp(A) once more, and its relative 1-norm difference from
    SciPy's result confirms that both sides exponentiated the same matrix.
It prints one Markdown table: Swift median, SciPy median, speedup (SciPy / Swift), Swift's
products, solves and squarings, one GEMM, and Swift's ratio to the GEMM floor
(products + 4/3 solves) x GEMM. Issue 3's targets for `auto`: speedup >= 1.3 at n >= 256 and
>= 10 at n = 16; ratio to the floor <= 1.25 at n >= 256.

Usage (from the repository root, after the two release builds in docs/performance.md):
  python3 Benchmarks/peers/expm_scipy.py --mexp .build/release/mexp \
      --writer Benchmarks/.build/release/ExpmOperandWriter
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

# One thread everywhere, before numpy loads its BLAS.
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import scipy.linalg  # noqa: E402
from peer_timing import median_seconds, run_json  # noqa: E402

try:
    from threadpoolctl import threadpool_info, threadpool_limits
except ImportError:  # the environment variables above still hold numpy's BLAS to one thread
    threadpool_info = None
    threadpool_limits = None

# Timed calls per case: enough for a stable median, few where one call is long.
DEFAULT_REPS = {16: 500, 64: 200, 256: 30, 1024: 7}






def relative_difference(x, y):
    return np.abs(x - y).sum(axis=0).max() / np.abs(y).sum(axis=0).max()


def measure(args, n, norm, workdir):
    reps = args.reps or DEFAULT_REPS.get(n, 20)
    operand = os.path.join(workdir, f"A_{n}_{norm:g}.npy")
    swift_result = os.path.join(workdir, f"X_{n}_{norm:g}.npy")
    subprocess.run([args.writer, str(n), repr(norm), operand], check=True)
    swift = run_json([args.mexp, "bench", "expm", "--n", str(n), "--norm", repr(norm), "--method", args.method,
                      "--reps", str(reps), "--threads", "1"])
    a = np.load(operand)
    assert a.shape == (n, n) and abs(np.abs(a).sum(axis=0).max() - norm) <= 1e-12 * norm, "unexpected operand"
    scipy_seconds = median_seconds(lambda: scipy.linalg.expm(a), reps)
    run_json([args.mexp, "expm", "--in", operand, "--out", swift_result, "--method", args.method])
    difference = relative_difference(np.load(swift_result), scipy.linalg.expm(a))
    return dict(n=n, norm=norm, reps=reps, swift=swift["median_seconds"], scipy=scipy_seconds,
                products=swift["products"], solves=swift["solves"], squarings=swift["squarings"],
                method=swift["method"], order=swift["order"], gemm=swift["gemm_seconds"],
                floor_ratio=swift["ratio_to_gemm_floor"], difference=difference)


def milliseconds(seconds):
    return f"{1e3 * seconds:.4g}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mexp", default=".build/release/mexp", help="release build of mexp")
    parser.add_argument("--writer", default="Benchmarks/.build/release/ExpmOperandWriter",
                        help="release build of the Benchmarks package's ExpmOperandWriter")
    parser.add_argument("--sizes", type=int, nargs="+", default=[16, 64, 256, 1024])
    parser.add_argument("--norms", type=float, nargs="+", default=[1.0, 10.0])
    parser.add_argument("--method", default="auto", choices=["auto", "pade", "taylor"])
    parser.add_argument("--reps", type=int, default=None, help="timed calls per case (default: by size)")
    args = parser.parse_args()

    with open("/proc/loadavg") as f:
        load_before = f.read().split()[:3]
    rows = []
    limits = threadpool_limits(limits=1) if threadpool_limits else None
    try:
        with tempfile.TemporaryDirectory() as workdir:
            for n in args.sizes:
                for norm in args.norms:
                    rows.append(measure(args, n, norm, workdir))
                    print(f"  measured n={n} norm={norm:g}", file=sys.stderr)
    finally:
        if limits is not None:
            limits.unregister()
    with open("/proc/loadavg") as f:
        load_after = f.read().split()[:3]

    pools = ([f"{p['internal_api']} {p.get('version')} ({p['num_threads']} thread)" for p in threadpool_info()]
             if threadpool_info else ["threadpoolctl not installed; OPENBLAS_NUM_THREADS=1"])
    print(f"scipy {scipy.__version__}, numpy {np.__version__}; numpy/scipy BLAS: {'; '.join(pools)}")
    print(f"load average (1, 5, 15 min): before {' '.join(load_before)}, after {' '.join(load_after)}")
    print()
    print(f"| n | ‖A‖₁ | Swift `{args.method}` (ms) | SciPy `expm` (ms) | SciPy / Swift | method, order | products "
          "| solves | squarings | GEMM (ms) | Swift / GEMM floor | ‖X_swift − X_scipy‖₁/‖X_scipy‖₁ |")
    print("| ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(f"| {r['n']} | {r['norm']:g} | {milliseconds(r['swift'])} | {milliseconds(r['scipy'])} "
              f"| {r['scipy'] / r['swift']:.2f} | {r['method']} {r['order']} | {r['products']} | {r['solves']} "
              f"| {r['squarings']} | {milliseconds(r['gemm'])} | {r['floor_ratio']:.2f} | {r['difference']:.1e} |")


if __name__ == "__main__":
    main()
