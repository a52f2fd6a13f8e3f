import RealModule
import Synchronization

/// Backward-error thresholds ℓ for the Fréchet derivative of an approximant r ≈ eˣ used with
/// scaling and squaring (Al-Mohy & Higham, "Computing the Fréchet derivative of the matrix
/// exponential, with an application to condition number estimation", SIAM J. Matrix Anal. Appl.
/// 30(4), 2009, §3 and Table 6.1, the ℓ_m of their Algorithm 6.4; SciPy's `ell_table_61`).
///
/// With r(X) = e^{X + h(X)}, h(x) = Σ_k c_k x^k (the series of `BackwardErrorSeries`), the
/// computed pair satisfies r(2⁻ˢA)^{2ˢ} = exp(A + ΔA) and L_{r^{2ˢ}}(2⁻ˢA, 2⁻ˢE) = L(A + ΔA, E + ΔE)
/// with ΔE = L_h(2⁻ˢA, E) (their §3), so, with X = 2⁻ˢA,
///
///     ‖ΔE‖/‖E‖ ≤ g(‖X‖) := Σ_{k≥1} k·|c_k|·‖X‖^{k−1}   (the derivative of h̃(x) = Σ |c_k| x^k).
///
/// ℓ(τ) is the largest x with g(x) ≤ τ. Because g ≥ f (the value's bound, `BackwardError`) term by
/// term, ℓ ≤ θ: keeping the derivative accurate needs a little more scaling than the value. For
/// Double (τ = 2⁻⁵³) this gives AMH's ℓ_3 = 1.08e-2, ℓ_5 = 0.200, ℓ_7 = 0.783, ℓ_9 = 1.78,
/// ℓ_13 = 4.74, re-derived by the tests. Like θ, the same code serves Float and looser tolerances.
/// ℓ must be compared with ‖X‖ itself, not with the α_p of the value's analysis (see
/// `DerivativeScaling` for why).
enum FrechetBackwardError {
    /// ℓ(τ) for `approximant` (cached per approximant and tolerance).
    static func threshold(_ approximant: ExpApproximant, tolerance: Double) throws -> Double {
        let key = Key(approximant: approximant, tolerance: tolerance)
        if let cached = cache.withLock({ $0[key] }) { return cached }
        guard BackwardError.supportedTolerances.contains(tolerance) else {
            throw ExpCoefficientError.invalidTolerance(tolerance, supported: BackwardError.supportedTolerances)
        }
        let series = try BackwardError.series(approximant)
        let value = solve(series, tolerance: tolerance)
        cache.withLock { $0[key] = value }
        return value
    }

    /// g(x), rounded upward: Σ_{k≤N} k·(|c_k|Rᵏ)·yᵏ/x with y = x/R, plus the rigorous tail
    /// Σ_{k>N} k|c_k|x^{k−1} ≤ K·y^{N+1}/(x(1 − y)) (from |c_k| ≤ (K/k)R^{−k}, see
    /// `BackwardErrorSeries`). N is the series' own term count at y (`termCount`, N ≤ `maxTerms`,
    /// which leaves a tail of at most (N + 1)/ℓ·2⁻⁶⁰ of g's leading term ℓ|c_ℓ|x^{ℓ−1}), so small
    /// arguments cost tens of terms, not hundreds (the degree selection evaluates g several times
    /// per call). +∞ at and beyond R.
    static func derivativeBound(_ s: BackwardErrorSeries, at x: Double) -> Double {
        guard x > 0 else { return s.scaledMagnitudesUp[1] }
        let y = (x / s.scale).nextUp
        guard y < 1 else { return .infinity }
        let n = s.termCount(y: y)
        var acc = 0.0
        for k in stride(from: n, through: 1, by: -1) { acc = (acc + Double(k) * s.scaledMagnitudesUp[k]) * y }
        let tail = Double(s.rootCount) * Double.pow(y, Double(n + 1)) / (1 - y) * (1 + 0x1p-48)
        return ((acc * (1 + Double(4 * n) * 0x1p-53) + tail) / x).nextUp
    }

    private struct Key: Hashable {
        var approximant: ExpApproximant
        var tolerance: Double
    }

    private static let cache = Mutex<[Key: Double]>([:])

    /// g is increasing on (0, R), so {g ≤ τ} is an interval (0, ℓ]: bisection over the ordered
    /// bit patterns of positive doubles finds its right end.
    private static func solve(_ s: BackwardErrorSeries, tolerance: Double) -> Double {
        var lo = 0.0, hi = s.scale
        if derivativeBound(s, at: Double.leastNonzeroMagnitude) > tolerance { return 0 }
        lo = Double.leastNonzeroMagnitude
        while hi.bitPattern - lo.bitPattern > 1 {
            let mid = Double(bitPattern: lo.bitPattern + (hi.bitPattern - lo.bitPattern) / 2)
            if derivativeBound(s, at: mid) <= tolerance { lo = mid } else { hi = mid }
        }
        return lo
    }
}
