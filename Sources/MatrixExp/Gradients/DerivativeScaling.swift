import Linalg
import RealModule

/// Degree and scaling for computing exp(M) *and* its Fréchet derivatives with backward error ≤ τ.
///
/// Write r(X) = e^{X + h(X)}, h = Σ c_k x^k (`BackwardErrorSeries`), X = 2⁻ˢM. The derivative's
/// backward error is ΔE = L_h(X, E) = Σ_k c_k Σ_{j<k} Xʲ E X^{k−1−j} (Al-Mohy & Higham 2009, SIAM J.
/// Matrix Anal. Appl. 30(4), §3), so with any bounds b_j ≥ ‖Xʲ‖,
///
///     ‖ΔE‖/‖E‖ ≤ Σ_k |c_k| Σ_{j<k} b_j b_{k−1−j}.
///
/// Their Algorithm 6.4 takes b_j = ‖X‖ʲ (threshold ℓ_m on ‖X‖, `FrechetBackwardError`). Here b_j
/// comes from the exact 1-norms ν_q of the powers the evaluation forms anyway (Padé: M², M⁴, M⁶),
/// by submultiplicativity: b_j = min over q of ν_q·b_{j−q}. With ρ = min_q ν_q^{1/q} (attained at
/// q*) and C = max_{r<q*} b_r/ρʳ, every b_j ≤ Cρʲ, so the bound is at most C²·g(ρ) with
/// g(x) = Σ k|c_k|x^{k−1}: the test is C²·g_m(2⁻ˢρ) ≤ τ. It also bounds the value's backward error
/// (C·f_m(ρ) ≤ C²·g_m(ρ) since C ≥ 1 and g ≥ f term by term). For non-normal M, ρ ≪ ‖M‖ (as the
/// α_p of the forward path's Theorem 4.2) while C stays moderate, so fewer squarings are needed
/// than with ‖M‖; unlike α_p alone, C keeps the mixed terms Xʲ E X^{k−1−j} with small j honest:
/// for a nilpotent X with X⁴ = 0, α_p is 0 but X³EX³ ≠ 0 (measured: choosing by α_p gave L with
/// relative error 8e-5 on `mvl_nilpotent_4`).
///
/// The forward path's rounding cap applies too: 2⁻ˢρ ≤ θ_m as `PadeScalingSquaring.theta` (or
/// `AutomaticTaylor.theta`) gives it. The computed powers carry rounding errors, so each ν_q is
/// ‖fl(M^q)‖₁ + γ_{qn}‖M‖₁^q (|fl(AB) − AB| ≤ γ_n|A||B|, Higham 2002, §3.5).
enum DerivativeScaling {
    /// The approximant and the squarings s.
    struct Choice {
        var approximant: ExpApproximant
        var squarings: Int
        /// 2⁻ˢρ, the bound's argument at the chosen scaling.
        var scaledRho: Double
        /// C of the power bounds (1 when only ‖M‖₁ was used).
        var constant: Double
        /// C²·g(2⁻ˢρ): the bound on the backward errors of the value and of its derivatives.
        var bound: Double
    }

    /// What the selection needs of one approximant at one tolerance: θ (the forward path's cap),
    /// ℓ (`FrechetBackwardError.threshold`) and the backward-error series.
    struct Candidate {
        var approximant: ExpApproximant
        var theta: Double
        var ell: Double
        var series: BackwardErrorSeries
        /// Matrix products of one evaluation (squarings not included).
        var products: Int
    }

    /// The candidates at one tolerance, looked up once (a tape keeps them) rather than in the
    /// coefficient caches' locked dictionaries at every selection.
    struct Candidates {
        let tolerance: Double
        /// The Padé degrees the forward path uses at τ (`PadeScalingSquaring.usableDegrees`), ascending.
        let pade: [Candidate]
        /// The optimized Taylor schemes T1…T18, ascending.
        let taylor: [Candidate]

        init(tolerance: Double) throws {
            self.tolerance = tolerance
            pade = try PadeScalingSquaring.usableDegrees(tolerance: tolerance).map { m, theta in
                let approximant = ExpApproximant.pade(m)
                return Candidate(approximant: approximant, theta: theta,
                                 ell: try FrechetBackwardError.threshold(approximant, tolerance: tolerance),
                                 series: try BackwardError.series(approximant), products: PadeApproximant.products(degree: m))
            }
            taylor = try OptimizedTaylorScheme.allCases.map { scheme in
                let approximant = ExpApproximant.scheme(scheme)
                return Candidate(approximant: approximant, theta: try AutomaticTaylor.theta(scheme, tolerance: tolerance),
                                 ell: try FrechetBackwardError.threshold(approximant, tolerance: tolerance),
                                 series: try BackwardError.series(approximant), products: scheme.products)
            }
        }
    }

    /// Bounds b_j ≥ ‖Mʲ‖ from the exact norms of some powers of M.
    struct PowerBounds {
        /// ρ = min_q ν_q^{1/q}.
        var rho: Double
        /// C = max_{r<q*} b_r/ρʳ (≥ 1).
        var constant: Double

        init(norms: [(power: Int, norm: Double)]) {
            var best = (q: 1, rho: Double.infinity)
            for (q, nu) in norms {
                let r = q == 1 ? nu : Double.pow(nu, 1 / Double(q))
                if r < best.rho { best = (q, r) }
            }
            rho = best.rho
            // b_r by the submultiplicative recurrence, r < q*.
            var c = 1.0
            if best.q > 1 {
                var b = [1.0]
                for r in 1..<best.q {
                    var br = Double.infinity
                    for (q, nu) in norms where q <= r { br = Swift.min(br, nu * b[r - q]) }
                    b.append(br)
                    if rho > 0 { c = Swift.max(c, b[r] / Double.pow(rho, Double(r))) } else if b[r] > 0 { c = .infinity }
                }
            }
            constant = c
        }

        /// The bounds from ν₁ = ‖M‖₁ alone: ρ = ν₁, C = 1.
        init(norm1: Double) {
            rho = norm1
            constant = 1
        }

        /// The bounds from ν₁ and ν₂ (`init(norms:)` for [(1, ν₁), (2, ν₂)], without the arrays):
        /// ρ = min(ν₁, √ν₂), and C = ν₁/ρ when the square root wins (b₁ = ν₁).
        init(norm1: Double, norm2: Double) {
            let r2 = Double.pow(norm2, 1 / 2.0)
            if r2 < norm1 {
                rho = r2
                constant = r2 > 0 ? Swift.max(1, norm1 / r2) : (norm1 > 0 ? .infinity : 1)
            } else {
                rho = norm1
                constant = 1
            }
        }
    }

    /// ν_q = ‖fl(M^q)‖₁ + γ_{qn}‖M‖₁^q.
    static func inflated(norm: Double, power q: Int, norm1: Double, size n: Int, unitRoundoff u: Double) -> Double {
        let qnu = Double(q * n) * u
        let gamma = qnu < 1 ? qnu / (1 - qnu) : .infinity
        return (norm + gamma * Double.pow(norm1, Double(q))).nextUp
    }

    /// The smallest s with 2⁻ˢρ ≤ θ and C²·g(2⁻ˢρ) ≤ τ for the candidate, with the choice it
    /// makes, or nil if none below the limit.
    static func fit(
        _ candidate: Candidate, bounds: PowerBounds, tolerance: Double, maxSquarings: Int
    ) -> Choice? {
        func choice(_ s: Int, _ x: Double) -> Choice {
            let bound = bounds.constant * bounds.constant * FrechetBackwardError.derivativeBound(candidate.series, at: x)
            return Choice(approximant: candidate.approximant, squarings: s, scaledRho: x, constant: bounds.constant, bound: bound)
        }
        if bounds.rho == 0 { return choice(0, 0) }
        guard bounds.constant.isFinite else { return nil }
        let target = tolerance / (bounds.constant * bounds.constant)
        let limit = Swift.min(candidate.ell, candidate.theta)
        // C ≥ 1, so the threshold at τ gives a first s that can only grow.
        var s = bounds.rho <= limit ? 0 : Int(Double.log2(bounds.rho / limit).rounded(.up))
        while s < maxSquarings {
            let x = Double(sign: .plus, exponent: -s, significand: bounds.rho)
            if x <= candidate.theta {
                let g = FrechetBackwardError.derivativeBound(candidate.series, at: x)
                if g <= target {
                    return Choice(approximant: candidate.approximant, squarings: s, scaledRho: x, constant: bounds.constant,
                                  bound: bounds.constant * bounds.constant * g)
                }
            }
            s += 1
        }
        return nil
    }

    /// Padé r_m, m ∈ {3, 5, 7, 9, 13} (those the forward path uses at τ), staged as Al-Mohy &
    /// Higham (2009, Alg. 5.1): M² first (degree 3), then M⁴ (degree 5), then M⁶ (7, 9, and the
    /// scaled choice). The powers of M are left in `powers[0…formed−1]`, unscaled.
    static func pade<Scalar: LinalgScalar>(
        _ m: Matrix<Scalar>, norm1: Double, candidates: Candidates, powers: inout [Matrix<Scalar>], maxSquarings: Int
    ) throws -> (choice: Choice, formed: Int) {
        let tolerance = candidates.tolerance
        let n = m.rows
        let u = Double(Scalar.unitRoundoff)
        var norms: [(power: Int, norm: Double)] = [(1, norm1)]
        norms.reserveCapacity(4)
        func unscaled(_ degree: Int, _ bounds: PowerBounds) -> Choice? {
            for candidate in candidates.pade where candidate.approximant == .pade(degree) {
                return fit(candidate, bounds: bounds, tolerance: tolerance, maxSquarings: 1)
            }
            return nil
        }
        Matrix.multiply(m, m, into: &powers[0])
        norms.append((2, inflated(norm: Double(RegisterKernels.norm1(powers[0])), power: 2, norm1: norm1, size: n, unitRoundoff: u)))
        if let c = unscaled(3, PowerBounds(norms: norms)) { return (c, 1) }
        Matrix.multiply(powers[0], powers[0], into: &powers[1])
        norms.append((4, inflated(norm: Double(RegisterKernels.norm1(powers[1])), power: 4, norm1: norm1, size: n, unitRoundoff: u)))
        if let c = unscaled(5, PowerBounds(norms: norms)) { return (c, 2) }
        Matrix.multiply(powers[0], powers[1], into: &powers[2])
        norms.append((6, inflated(norm: Double(RegisterKernels.norm1(powers[2])), power: 6, norm1: norm1, size: n, unitRoundoff: u)))
        let bounds = PowerBounds(norms: norms)
        for degree in [7, 9] { if let c = unscaled(degree, bounds) { return (c, 3) } }
        var best: (choice: Choice, cost: Int)? = nil
        for candidate in candidates.pade {
            guard let c = fit(candidate, bounds: bounds, tolerance: tolerance, maxSquarings: maxSquarings) else { continue }
            let cost = candidate.products + c.squarings
            if best == nil || cost <= best!.cost { best = (c, cost) }
        }
        guard let best else { throw ExpmError.normTooLarge(norm: norm1) }
        return (best.choice, 3)
    }

    /// The optimized Taylor schemes T1…T18 (each under the forward path's θ as a cap): T1 and T2
    /// from ‖M‖₁ alone; then M² is formed (left in `powers[0]`, unscaled; every scheme from T4 on
    /// forms it first) and ν₂ = ‖M²‖₁ enters the bounds: the cheapest unscaled scheme, else the
    /// fewest products + s (ties to the higher degree). Returns whether M² was formed.
    static func taylor<Scalar: LinalgScalar>(
        _ m: Matrix<Scalar>, norm1: Double, candidates: Candidates, powers: inout [Matrix<Scalar>], maxSquarings: Int
    ) throws -> (choice: Choice, formed: Int) {
        let tolerance = candidates.tolerance
        let unformed = PowerBounds(norm1: norm1)
        for candidate in candidates.taylor.prefix(2) {
            if let c = fit(candidate, bounds: unformed, tolerance: tolerance, maxSquarings: 1) { return (c, 0) }
        }
        Matrix.multiply(m, m, into: &powers[0])
        let bounds = PowerBounds(norm1: norm1, norm2: inflated(norm: Double(RegisterKernels.norm1(powers[0])), power: 2, norm1: norm1,
                                                               size: m.rows, unitRoundoff: Double(Scalar.unitRoundoff)))
        for candidate in candidates.taylor.dropFirst(2) {
            if let c = fit(candidate, bounds: bounds, tolerance: tolerance, maxSquarings: 1) { return (c, 1) }
        }
        var best: (choice: Choice, cost: Int)? = nil
        for candidate in candidates.taylor {
            guard let c = fit(candidate, bounds: bounds, tolerance: tolerance, maxSquarings: maxSquarings) else { continue }
            let cost = candidate.products + c.squarings
            if best == nil || cost <= best!.cost { best = (c, cost) }
        }
        guard let best else { throw ExpmError.normTooLarge(norm: norm1) }
        return (best.choice, 1)
    }
}
