import Linalg
import RealModule

/// Padé scaling and squaring after Al-Mohy & Higham (2009), "A new scaling and squaring
/// algorithm for the matrix exponential", SIAM J. Matrix Anal. Appl. 31(3), Algorithm 5.1.
///
/// The degree m and the squarings s are chosen from d_p = ‖Aᵖ‖₁^{1/p} rather than ‖A‖₁: the
/// backward error of r_m(2⁻ˢA)^{2^s} is bounded by f_m(α_p/2ˢ) with α_p = max(d_p, d_{p+1})
/// for p(p−1) ≤ 2m+1 (their Theorem 4.2), and α_p can be far below ‖A‖₁ for non-normal A,
/// which is what prevents overscaling. d_p comes from the powers already formed, or from the
/// block 1-norm estimator (`OneNormEstimator.powerNorm`) when forming Aᵖ would cost a product.
/// θ_m is derived for the requested tolerance (`BackwardError.theta`), so the same code serves
/// Float, Double and looser user tolerances; when scaling is needed, the degree is the usable
/// one with the fewest products + squarings (for Double at u = 2⁻⁵³ that is m = 13, as in the
/// paper; Float uses at most 7, see `maximumTheta`).
enum PadeScalingSquaring {
    /// Al-Mohy & Higham use θ₁₃ = 4.25 instead of the 5.37 of Higham (2005) in Algorithm 5.1,
    /// a safety margin for the rounding errors of evaluating r₁₃ once s is chosen from the
    /// smaller η₅ (their §5). We keep that margin, as a ratio, at every tolerance.
    static let theta13SafetyRatio = 4.25 / 5.371920351148152

    /// The largest θ at which r_m may be evaluated, whatever the tolerance. The rounding analysis
    /// of Higham (2005, §3) — κ(q_m(A)) and the size of the terms of U and V — covers ‖A‖ up to
    /// the double-precision θ_m, and Al-Mohy & Higham stop at 4.25. Looser tolerances (single
    /// precision, a user τ) give larger θ_m(τ) for the high degrees, and there the evaluation
    /// itself loses accuracy (measured: degree 13 in Float on `godunov7` missed the accuracy
    /// bar by 25×). So a degree is used only if its θ_m(τ) is within this limit: Float gets
    /// degrees 3, 5, 7 (θ₇ = 3.93), as in JAX and expRNN's `expm32`, Double all five.
    static let maximumTheta = 4.25

    /// θ_m(τ), or nil when degree m is not used at tolerance τ (see `maximumTheta`).
    static func theta(degree m: Int, tolerance: Double) throws -> Double? {
        let t = try BackwardError.theta(.pade(m), tolerance: tolerance)
        let used = m == 13 ? t * theta13SafetyRatio : t
        return used <= maximumTheta ? used : nil
    }

    /// The degrees usable at tolerance τ, each with its θ.
    static func usableDegrees(tolerance: Double) throws -> [(m: Int, theta: Double)] {
        try PadeApproximant.degrees.compactMap { m in try theta(degree: m, tolerance: tolerance).map { (m, $0) } }
    }

    /// Leaves r_m(2⁻ˢA)^{2^s} in `w.x`; `norm1` is ‖m0‖₁.
    static func run<Scalar: LinalgScalar>(
        _ m0: Matrix<Scalar>, norm1: Double, structure: MatrixStructure, tolerance: Double, workspace w: ExpmWorkspace<Scalar>
    ) throws -> ExpmStatistics {
        let table = try w.thresholds(for: tolerance)
        let usable = table.pade
        w.a.assign(m0)
        Matrix.multiply(w.a, w.a, into: &w.a2)
        var products = 1

        func root(_ x: Scalar, _ p: Int) -> Double { Double.pow(Double(x), 1 / Double(p)) }
        let correction = OverscalingCorrection(operand: m0, norm1: norm1, tolerance: tolerance, workspace: w)
        func ell(_ m: Int, squarings s: Int) -> Int {
            guard let i = usable.firstIndex(where: { $0.m == m }) else { return 0 }
            let series = table.padeSeries[i]
            return correction.extraSquarings(leadingOrder: series.leadingOrder, leadingMagnitude: series.leadingMagnitude, squarings: s)
        }
        func fitsUnscaled(_ m: Int, _ eta: Double) throws -> Bool {
            for entry in usable where entry.m == m { return eta <= entry.theta && ell(m, squarings: 0) == 0 }
            return false
        }
        func finish(degree m: Int, squarings s: Int, eta: Double) throws -> ExpmStatistics {
            if s > 0 {
                let scale = Scalar.powerOfTwo(-s)
                w.a.scale(by: scale)
                w.a2.scale(by: scale * scale)
                if m >= 5 { w.a4.scale(by: (scale * scale) * (scale * scale)) }
                if m >= 7 { w.a6.scale(by: (scale * scale) * (scale * scale) * (scale * scale)) }
            }
            try PadeApproximant.evaluate(degree: m, workspace: w)
            products += PadeApproximant.products(degree: m) - PadeApproximant.evenPowersNeeded(degree: m) / 2
            switch structure {
            case .upperTriangular: Squaring.squareUpperTriangular(m0, times: s, workspace: w)
            default: Squaring.square(times: s, workspace: w)
            }
            if !w.x.entriesAreFinite { throw ExpmError.overflow(squarings: s) }
            let bound = table.padeSeries[usable.firstIndex { $0.m == m }!].bound(at: Double(sign: .plus, exponent: -s, significand: eta))
            return ExpmStatistics(
                method: .pade, degree: m, squarings: s, products: products + s, solves: 1,
                errorBound: ErrorBound(value: bound, kind: .backward,
                                       measure: "relative backward error ‖ΔA‖₁/‖AΔt‖₁ in exact arithmetic"),
                forwardErrorEstimate: bound * norm1)
        }

        // Algorithm 5.1, lines 1–2: degree 3 from A² alone.
        var d6 = root(OneNormEstimator.powerNorm(w.a2, power: 3, workspace: w.oneNorm).value, 6)
        let eta1 = Swift.max(root(OneNormEstimator.powerNorm(w.a2, power: 2, workspace: w.oneNorm).value, 4), d6)
        if try fitsUnscaled(3, eta1) { return try finish(degree: 3, squarings: 0, eta: eta1) }
        // Lines 3–5: degree 5 with A⁴.
        Matrix.multiply(w.a2, w.a2, into: &w.a4); products += 1
        let d4 = root(w.a4.largestAbsoluteColumnSum, 4)
        let eta2 = Swift.max(d4, d6)
        if try fitsUnscaled(5, eta2) { return try finish(degree: 5, squarings: 0, eta: eta2) }
        // Lines 6–9: degrees 7 and 9 with A⁶.
        Matrix.multiply(w.a2, w.a4, into: &w.a6); products += 1
        d6 = root(w.a6.largestAbsoluteColumnSum, 6)
        let d8 = root(OneNormEstimator.powerNorm(w.a4, power: 2, workspace: w.oneNorm).value, 8)
        let eta3 = Swift.max(d6, d8)
        for m in stride(from: 7, through: 9, by: 2) where try fitsUnscaled(m, eta3) { return try finish(degree: m, squarings: 0, eta: eta3) }
        // Lines 10–14: scaling is needed. η₅ bounds the degree-13 series (p = 5: p(p−1) ≤ 27);
        // η₃ those of degrees 7 and 9, η₂ and η₁ those of 5 and 3. Take the usable degree with
        // the fewest products (in Double that is 13, as in the paper; with a loose tolerance,
        // where only low degrees stay within `maximumTheta`, a low one).
        let d10 = root(w.productNorm(w.a4, w.a6), 10)   // ‖A⁴A⁶‖₁, as SciPy's `_onenormest_product`
        let eta5 = Swift.min(eta3, Swift.max(d8, d10))
        // The overscaling correction is counted in each candidate's cost, so that a degree
        // whose ℓ would add squarings is not preferred over one that needs none. Highest degree
        // first (a tie keeps the higher degree), and ℓ only for a candidate that could still win.
        var best = (m: 0, eta: 0.0, s: 0, cost: Int.max)
        for (m, theta) in usable.reversed() {
            let eta: Double
            switch m {
            case 3: eta = eta1
            case 5: eta = eta2
            case 7, 9: eta = eta3
            default: eta = eta5
            }
            let s0 = ExpmPlanner.squarings(eta, theta: theta)
            guard PadeApproximant.products(degree: m) + s0 < best.cost else { continue }
            let s = s0 + ell(m, squarings: s0)   // Algorithm 5.1, line 14
            let cost = PadeApproximant.products(degree: m) + s
            if cost < best.cost { best = (m, eta, s, cost) }
        }
        guard best.s < Scalar.maxSquarings else { throw ExpmError.normTooLarge(norm: norm1) }
        return try finish(degree: best.m, squarings: best.s, eta: best.eta)
    }
}

extension LinalgScalar {
    /// More squarings than this would scale any finite norm below the smallest subnormal.
    static var maxSquarings: Int { Int(Self.greatestFiniteMagnitude.exponent) + Self.significandBitCount + 2 }
}
