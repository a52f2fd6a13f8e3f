/// The degree m and the number of steps s of the truncated-Taylor action
/// exp(tA)v ≈ e^{tμ}·T_m(s⁻¹t(A − μI))^s v, and what the choice rests on (Al-Mohy & Higham,
/// "Computing the action of the matrix exponential, with an application to exponential
/// integrators", SIAM J. Sci. Comput. 33(2), 2011, §3).
public struct TaylorActionParameters: Sendable, Equatable {
    /// m, the Taylor degree per step (0 when t(A − μI) = 0: the result is e^{tμ}v).
    public var degree: Int
    /// s, the number of steps of length t/s.
    public var steps: Int
    /// The norm the choice was made on, already multiplied by |t|: |t|·‖A − μI‖₁ (when
    /// `power` is nil) or |t|·α_p(A − μI) = |t|·max(d_p, d_{p+1}), d_p = ‖(A − μI)^p‖₁^{1/p}.
    public var normMeasure: Double
    /// p of α_p (2 … p_max), or nil when ‖A − μI‖₁ itself was used (condition (3.13) held).
    public var power: Int?
    /// The tolerance the thresholds θ_m were derived for.
    public var tolerance: Double
    /// The relative backward-error bound f_m(normMeasure/s) ≤ tolerance of the m-term
    /// truncation (`BackwardError.relativeBound(.taylor(m), …)`); 0 when m = 0.
    public var backwardErrorBound: Double

    /// m·s: the applications of A a run makes at most (the early-termination test may stop a
    /// step sooner); AMH's cost C_m(A) of eq. (3.10) per column of v.
    public var cost: Int { degree * steps }
}

/// Code Fragment 3.1 of Al-Mohy & Higham (2011): the choice of (m, s), with m_max = 55,
/// p_max = 8 and the thresholds θ_m of the truncated Taylor series derived by this library for
/// the requested tolerance (`BackwardError.theta(.taylor(m), tolerance:)`), not AMH's table for
/// 2⁻⁵³ alone, so that a looser tolerance lowers the cost.
enum TaylorActionSelection {
    /// m_max of AMH §3 (their recommendation for double precision).
    static let maximumDegree = 55
    /// p_max: the largest p with p(p − 1) ≤ m_max + 1 (AMH eq. (3.12)).
    static let maximumPower = 8
    /// ℓ, the number of columns of the 1-norm estimator's blocks (AMH use 2).
    static let estimatorColumns = 2
    /// More steps than this are refused (`TaylorActionError.normTooLarge`).
    static let maximumSteps = 10_000_000

    /// θ_m for m = 0 … m_max (θ_0 = 0 unused): the largest x with f_m(x) ≤ tolerance, f_m the
    /// relative backward-error function of T_m (Higham 2005 §3; AMH 2011 eq. (3.4)–(3.7)). The
    /// whole table, for inspection and cross-checks; `select` derives only the θ_m it needs.
    static func thresholds(tolerance: Double) throws(ExpCoefficientError) -> [Double] {
        var theta = [Double](repeating: 0, count: maximumDegree + 1)
        for m in 1...maximumDegree { theta[m] = try BackwardError.theta(.taylor(m), tolerance: tolerance) }
        return theta
    }

    /// Condition (3.13) of AMH: ‖A‖₁ ≤ 2ℓ·p_max(p_max + 3)·θ_{m_max}/(n₀·m_max) with n₀ = 1
    /// column (`theta` is θ_{m_max}): below it, estimating the α_p would cost more applications than it could save,
    /// and ‖A‖₁ alone decides.
    static func normSuffices(_ norm1: Double, theta thetaMax: Double) -> Bool {
        let p = Double(maximumPower)
        return norm1 <= 2 * Double(estimatorColumns) * p * (p + 3) * thetaMax / Double(maximumDegree)
    }

    /// (m, s) minimizing m·s (AMH eq. (3.10)–(3.11), Code Fragment 3.1).
    ///
    /// - Parameters:
    ///   - norm1: |t|·‖A − μI‖₁.
    ///   - alpha: |t|·α_p = |t|·max(d_p, d_{p+1}) for p = 2 … p_max, asked for only when
    ///     condition (3.13) fails (each call may cost 1-norm estimates; the caller caches them).
    ///   - tolerance: the backward-error tolerance of the thresholds.
    static func select(
        norm1: Double, alpha: (Int) throws(TaylorActionError) -> Double, tolerance: Double
    ) throws(TaylorActionError) -> TaylorActionParameters {
        if norm1 == 0 {
            return TaylorActionParameters(degree: 0, steps: 1, normMeasure: 0, power: nil, tolerance: tolerance, backwardErrorBound: 0)
        }
        var thresholds = Thresholds(tolerance: tolerance)
        var best = (m: 0, s: 0, x: norm1, p: Int?.none)
        func consider(_ x: Double, lowest: Int, _ p: Int?) throws(TaylorActionError) {
            guard let (m, s) = try thresholds.cheapest(x, lowest: lowest) else { return }
            if best.m == 0 || m * s < best.m * best.s || (m * s == best.m * best.s && m < best.m) { best = (m, s, x, p) }
        }
        if normSuffices(norm1, theta: try thresholds.theta(maximumDegree)) {
            try consider(norm1, lowest: 1, nil)
        } else {
            for p in 2...maximumPower {
                // α_p ≤ ‖A‖₁ always holds in exact arithmetic; the estimates are lower bounds anyway.
                try consider(Swift.min(try alpha(p), norm1), lowest: p * (p - 1) - 1, p)
            }
        }
        guard best.m > 0 else { throw TaylorActionError.normTooLarge(norm: norm1, limit: maximumSteps) }
        let bound: Double
        do { bound = try BackwardError.relativeBound(.taylor(best.m), at: best.x / Double(best.s)) } catch {
            throw TaylorActionError.invalidArgument("backward-error bound at \(best.x / Double(best.s)): \(error)")
        }
        return TaylorActionParameters(
            degree: best.m, steps: best.s, normMeasure: best.x, power: best.p, tolerance: tolerance, backwardErrorBound: bound)
    }

    /// θ_m of one tolerance, derived on first use: the search below needs only the θ_m near the
    /// optimum, and deriving one costs a series in 384-bit fixed point.
    struct Thresholds {
        let tolerance: Double
        private var cache = [Double?](repeating: nil, count: TaylorActionSelection.maximumDegree + 1)

        init(tolerance: Double) { self.tolerance = tolerance }

        mutating func theta(_ m: Int) throws(TaylorActionError) -> Double {
            if let cached = cache[m] { return cached }
            do {
                let value = try BackwardError.theta(.taylor(m), tolerance: tolerance)
                cache[m] = value
                return value
            } catch {
                throw TaylorActionError.invalidArgument("tolerance \(tolerance): \(error)")
            }
        }

        /// min over lowest ≤ m ≤ m_max of m·s(m), s(m) = max(1, ⌈x/θ_m⌉) (ties to the smaller m),
        /// or nil when every s(m) exceeds `maximumSteps`. Uses only that θ_m increases with m:
        /// s₀ = s(m_max) is the fewest steps any m can take, and every m ≥ m₀ = min{m : θ_m ≥ x/s₀}
        /// takes s₀ steps, so m₀ beats them all; below m₀ the degrees are walked downwards, and the
        /// walk stops when the steps the next degree needs, times `lowest`, already reach the best
        /// cost (every smaller degree needs at least as many steps).
        mutating func cheapest(_ x: Double, lowest: Int) throws(TaylorActionError) -> (m: Int, s: Int)? {
            let top = TaylorActionSelection.maximumDegree
            let limit = Double(TaylorActionSelection.maximumSteps)
            let ratio = x / (try theta(top))
            guard ratio <= limit else { return nil }   // also +∞ and NaN
            let s0 = Swift.max(1, Int(ratio.rounded(.up)))
            var (low, high) = (lowest, top)
            while low < high {   // m₀ by bisection
                let mid = (low + high) / 2
                if try theta(mid) * Double(s0) >= x { high = mid } else { low = mid + 1 }
            }
            var best = (m: low, s: s0)
            var m = low
            while m > lowest {
                let next = x / (try theta(m - 1))
                guard next <= limit else { break }
                let s = Swift.max(1, Int(next.rounded(.up)))
                if s * lowest >= best.m * best.s { break }
                m -= 1
                if m * s <= best.m * best.s { best = (m, s) }   // ties go to the smaller m
            }
            return best
        }
    }
}
