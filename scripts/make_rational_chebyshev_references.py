#!/usr/bin/env python3
"""High-precision references for the rational Chebyshev (CRAM) tests (issue 4, Chebyshev item 4).

Writes Tests/MatrixExpTests/Fixtures/cram/cram_references.json, every number as a hex float
(Python float.hex(), read exactly by Swift's Double(String)):

  uniform_error   for k = 14 and 16: max |r_k(x) - e^x| over 3001 points of (-inf, 0]
                  (x = -10^(e/200), e = -1600..1399, and x = 0), r_k evaluated at dps 40 from the
                  published 20-digit partial-fraction coefficients (Pusa 2012, see
                  RationalChebyshevCoefficients.swift), with the point where it is attained.
  scalar          r_k(x) - e^x at dps 40 for a few points, to check the Double evaluation.
  matrices        symmetric negative semidefinite matrices A (random -B^T B / n, 2-D grid
                  Laplacian, stiff with eigenvalues -logspace(-2, 6)), a vector v and
                  exp(tA) v for several t >= 0, from mpmath's symmetric eigensolver at dps 50:
                  V diag(exp(t lambda)) V^T v.

Every matrix and vector is generated from numpy's default_rng with fixed seeds and rounded to
double before the high-precision computation, so the reference is exact for the stored input.
Run: python3 scripts/make_rational_chebyshev_references.py
"""
import json
import os

import mpmath as mp
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "MatrixExpTests", "Fixtures", "cram")

# Pusa (2012), "Correction to partial fraction decomposition coefficients for Chebyshev rational
# approximation on the negative real axis", arXiv:1206.2880, as transcribed in
# ergs/transmutagen transmutagen/tests/pusa_coeffs.py. (Re theta, Im theta, Re alpha, Im alpha).
PUSA = {
    14: {"alpha0": "1.8321743782540412751e-14", "terms": [
        ("-8.8977731864688888199e+0", "+1.6630982619902085304e+1", "-7.1542880635890672853e-5", "+1.4361043349541300111e-4"),
        ("-3.7032750494234480603e+0", "+1.3656371871483268171e+1", "+9.4390253107361688779e-3", "-1.7184791958483017511e-2"),
        ("-2.087586382501301251e-1", "+1.0991260561901260913e+1", "-3.7636003878226968717e-1", "+3.3518347029450104214e-1"),
        ("+3.9933697105785685194e+0", "+6.0048316422350373178e+0", "-2.3498232091082701191e+1", "-5.8083591297142074004e+0"),
        ("+5.0893450605806245066e+0", "+3.5888240290270065102e+0", "+4.6933274488831293047e+1", "+4.5643649768827760791e+1"),
        ("+5.6231425727459771248e+0", "+1.1940690463439669766e+0", "-2.7875161940145646468e+1", "-1.0214733999056451434e+2"),
        ("+2.2697838292311127097e+0", "+8.4617379730402214019e+0", "+4.8071120988325088907e+0", "-1.3209793837428723881e+0"),
    ]},
    16: {"alpha0": "2.1248537104952237488e-16", "terms": [
        ("-1.0843917078696988026e+1", "+1.9277446167181652284e+1", "-5.0901521865224915650e-7", "-2.4220017652852287970e-5"),
        ("-5.2649713434426468895e+0", "+1.6220221473167927305e+1", "+2.1151742182466030907e-4", "+4.3892969647380673918e-3"),
        ("+5.9481522689511774808e+0", "+3.5874573620183222829e+0", "+1.1339775178483930527e+2", "+1.0194721704215856450e+2"),
        ("+3.5091036084149180974e+0", "+8.4361989858843750826e+0", "+1.5059585270023467528e+1", "-5.7514052776421819979e+0"),
        ("+6.4161776990994341923e+0", "+1.1941223933701386874e+0", "-6.4500878025539646595e+1", "-2.2459440762652096056e+2"),
        ("+1.4193758971856659786e+0", "+1.0925363484496722585e+1", "-1.4793007113557999718e+0", "+1.7686588323782937906e+0"),
        ("+4.9931747377179963991e+0", "+5.9968817136039422260e+0", "-6.2518392463207918892e+1", "-1.1190391094283228480e+1"),
        ("-1.4139284624888862114e+0", "+1.3497725698892745389e+1", "+4.1023136835410021273e-2", "-1.5743466173455468191e-1"),
    ]},
}


def hx(x):
    return float(x).hex()


def hexlist(xs):
    return [hx(x) for x in xs]


def rational(k):
    c = PUSA[k]
    a0 = mp.mpf(c["alpha0"])
    terms = [(mp.mpc(mp.mpf(tr), mp.mpf(ti)), mp.mpc(mp.mpf(ar), mp.mpf(ai))) for tr, ti, ar, ai in c["terms"]]
    return lambda x: a0 + 2 * mp.re(sum(a / (x - th) for th, a in terms))


def uniform_errors():
    mp.mp.dps = 40
    out = []
    points = [-mp.mpf(10) ** (mp.mpf(e) / 200) for e in range(-1600, 1400)] + [mp.mpf(0)]
    for k in (14, 16):
        r = rational(k)
        errs = [abs(r(x) - mp.exp(x)) for x in points]
        m = max(errs)
        at = points[errs.index(m)]
        samples = [0, -1e-3, -0.5, -1, -3.75, -10, -42.5, -100, -1e3, -1e6]
        out.append({"order": k, "max_error": hx(m), "attained_at": hx(at),
                    "points": hexlist(samples),
                    "differences": hexlist([r(mp.mpf(x)) - mp.exp(mp.mpf(x)) for x in samples])})
    return out


def nsd_matrix(kind, n, rng):
    if kind == "random":
        b = rng.standard_normal((n, n))
        a = -(b.T @ b) / n
    elif kind == "laplace2d":
        m = int(round(n ** 0.5))
        t = -2 * np.eye(m) + np.eye(m, k=1) + np.eye(m, k=-1)
        a = np.kron(np.eye(m), t) + np.kron(t, np.eye(m))
    elif kind == "stiff":
        q, _ = np.linalg.qr(rng.standard_normal((n, n)))
        lam = -np.logspace(-2, 6, n)
        a = q @ np.diag(lam) @ q.T
    a = (a + a.T) / 2
    return np.array(a, dtype=np.float64)


def matrices():
    mp.mp.dps = 50
    rng = np.random.default_rng([4, 7])
    mats = []
    for kind, n, times in [("random", 8, [0.5, 1.0, 4.0]), ("laplace2d", 16, [0.1, 1.0, 10.0]),
                           ("stiff", 10, [1e-3, 1.0])]:
        a = nsd_matrix(kind, n, rng)
        v = rng.standard_normal(n)
        A = mp.matrix([[mp.mpf(float(a[i, j])) for j in range(n)] for i in range(n)])
        E, Q = mp.eigsy(A)
        assert max(E[i] for i in range(n)) <= 0, kind
        V = mp.matrix([mp.mpf(float(x)) for x in v])
        cases = []
        for t in times:
            D = mp.diag([mp.exp(mp.mpf(t) * E[i]) for i in range(n)])
            y = Q * (D * (Q.T * V))
            cases.append({"t": hx(t), "value": hexlist([y[i] for i in range(n)])})
        mats.append({"name": kind, "n": n, "a": hexlist(a.reshape(-1)), "v": hexlist(v),
                     "eigenvalues": hexlist([E[i] for i in range(n)]), "cases": cases})
    return mats


def main():
    os.makedirs(OUT, exist_ok=True)
    obj = {"source": "mpmath: CRAM errors at dps 40; exp(tA)v = V diag(exp(t lambda)) V^T v at dps 50 (eigsy); row-major",
           "uniform_error": uniform_errors(), "matrices": matrices()}
    with open(os.path.join(OUT, "cram_references.json"), "w") as f:
        json.dump(obj, f, indent=0, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
