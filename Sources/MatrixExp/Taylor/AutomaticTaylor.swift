import Linalg
import RealModule

/// Optimized Taylor scaling and squaring: y_K(2⁻ˢA)^{2^s} with the Bader–Blanes–Casas (2019)
/// evaluation schemes (degrees 1, 2, 4, 8, 12, 18 for 0…5 products; `OptimizedTaylorScheme`),
/// no linear solve.
///
/// Degree and scaling follow the same backward-error analysis as the Padé path (Al-Mohy &
/// Higham 2009, Theorem 4.2): the series h(x) = log(e⁻ˣ y_K(x)) starts at x^{K+1}, so the
/// bound holds with α_p = max(d_p, d_{p+1}), d_p = ‖Aᵖ‖₁^{1/p}, for any p with p(p−1) ≤ K+1
/// (p ≤ 2 for K = 4, p ≤ 3 for K = 8, p ≤ 4 for K ≥ 12), and with any upper bound of α_p.
/// Among the schemes, the one with the fewest remaining products + squarings wins, the
/// overscaling correction ℓ counted in each candidate's squarings.
///
/// When ‖A‖₁ is below some θ no power is formed before the choice. Otherwise A², A³ and A⁶ are
/// formed first: T18 (the scheme chosen whenever scaling is needed, in practice) needs exactly
/// these powers, rescaled by 2⁻²ˢ, 2⁻³ˢ, 2⁻⁶ˢ once s is known, so they cost nothing extra, and
/// their norms give d₂ and d₃ exactly, hence α₂, which also bounds α₃ and α₄ (d₄ ≤ d₂ and
/// d₅ ≤ (d₂²d₃³)^{1/5}). d₄ and d₅ are measured only when d₆ suggests they would save more
/// than they cost: up to `OneNormEstimator.exactPowerSizeLimit` by forming A⁴ and A⁵ (two
/// products, so only when that could save three or more squarings), above it with the block
/// 1-norm estimator on the products A²·A² and A²·A³ (no n×n product).
enum AutomaticTaylor {
    static func theta(_ scheme: OptimizedTaylorScheme, tolerance: Double) throws -> Double {
        try BackwardError.theta(.scheme(scheme), tolerance: tolerance)
    }

    /// Leaves y_K(2⁻ˢA)^{2^s} in `w.x`; `norm1` is ‖m0‖₁.
    static func run<Scalar: LinalgScalar>(
        _ m0: Matrix<Scalar>, norm1: Double, tolerance: Double, workspace w: ExpmWorkspace<Scalar>
    ) throws -> ExpmStatistics {
        let table = try w.thresholds(for: tolerance)
        let correction = OverscalingCorrection(operand: m0, norm1: norm1, tolerance: tolerance, workspace: w)
        func ell(_ i: Int, squarings s: Int) -> Int {
            let series = table.taylorSeries[i]
            return correction.extraSquarings(
                leadingOrder: series.leadingOrder, leadingMagnitude: series.leadingMagnitude, squarings: s)
        }
        // Without scaling, ‖A‖₁ decides (no powers needed): the cheapest scheme that reaches it.
        if let i = table.taylor.firstIndex(where: { norm1 <= $0.theta }) {
            return try finish(m0, norm1: norm1, scheme: i, eta: norm1, squarings: ell(i, squarings: 0),
                              formed: .none, powerProducts: 0, table: table, workspace: w)
        }

        let t = w.taylor
        t.prepare(size: m0.rows)
        Matrix.multiply(m0, m0, into: &t.p1)
        Matrix.multiply(m0, t.p1, into: &t.p2)
        Matrix.multiply(t.p2, t.p2, into: &t.p3)
        var powerProducts = 3
        func root(_ x: Scalar, _ p: Int) -> Double { Double.pow(Double(x), 1 / Double(p)) }
        let d2 = root(t.p1.largestAbsoluteColumnSum, 2), d3 = root(t.p2.largestAbsoluteColumnSum, 3), d6 = root(t.p3.largestAbsoluteColumnSum, 6)
        let alpha2 = Swift.max(d2, d3)
        var alpha3 = alpha2, alpha4 = alpha2

        /// The scheme with the fewest remaining products + squarings (ℓ included; ties go to the
        /// higher degree), with η_p the smallest bound its degree admits; `floor` replaces α₃
        /// and α₄ by a lower value to ask what measuring d₄, d₅ could at best achieve. Highest
        /// degree first, and ℓ ≥ 0 only for a candidate that could still win without it.
        func choose(floor: Double? = nil) -> (index: Int, eta: Double, s: Int, cost: Int) {
            var best = (index: 0, eta: norm1, s: 0, cost: Int.max)
            for i in stride(from: table.taylor.count - 1, through: 0, by: -1) {
                let (scheme, theta) = table.taylor[i]
                let a3 = floor.map { Swift.max(d3, $0) } ?? alpha3, a4 = floor ?? alpha4
                let eta: Double
                switch scheme.degree {
                case 0...2: eta = norm1
                case 3...5: eta = Swift.min(norm1, alpha2)
                case 6...10: eta = Swift.min(norm1, alpha2, a3)
                default: eta = Swift.min(norm1, alpha2, a3, a4)
                }
                let s0 = ExpmPlanner.squarings(eta, theta: theta)
                let products = scheme.remainingProducts(formedPowers: .sixth)
                guard products + s0 < best.cost else { continue }
                let s = s0 + ell(i, squarings: s0)
                if products + s < best.cost { best = (i, eta, s, products + s) }
            }
            return best
        }
        var best = choose()
        // d₆ ≤ … ≤ d₄ typically (d_p decreases towards the spectral radius), so choose(floor: d₆)
        // says what d₄ and d₅ might save.
        let saving = best.cost - choose(floor: d6).cost
        if m0.rows <= OneNormEstimator.exactPowerSizeLimit {
            if saving >= 3 {
                Matrix.multiply(t.p1, t.p1, into: &w.a4)
                Matrix.multiply(w.a4, m0, into: &w.u)
                powerProducts += 2
                let d4 = root(w.a4.largestAbsoluteColumnSum, 4), d5 = root(w.u.largestAbsoluteColumnSum, 5)
                alpha3 = Swift.min(alpha2, Swift.max(d3, d4))
                alpha4 = Swift.min(alpha2, Swift.max(d4, d5))
                best = choose()
            }
        } else if saving >= 1 {
            let d4 = root(OneNormEstimator.powerNorm(t.p1, power: 2, workspace: w.oneNorm).value, 4)
            let d5 = root(w.productNorm(t.p1, t.p2), 5)
            alpha3 = Swift.min(alpha2, Swift.max(d3, d4))
            alpha4 = Swift.min(alpha2, Swift.max(d4, d5))
            best = choose()
        }
        return try finish(m0, norm1: norm1, scheme: best.index, eta: best.eta, squarings: best.s,
                          formed: .sixth, powerProducts: powerProducts, table: table, workspace: w)
    }

    /// Evaluates scheme `i` of `table` on 2⁻ˢ·m0 (the powers in `formed`, of the unscaled m0,
    /// rescaled in place), squares s times, and reports. `powerProducts` counts the products
    /// spent before the choice.
    private static func finish<Scalar: LinalgScalar>(
        _ m0: Matrix<Scalar>, norm1: Double, scheme i: Int, eta: Double, squarings s: Int,
        formed: OptimizedTaylorScheme.FormedPowers, powerProducts: Int, table: ExpmThresholds,
        workspace w: ExpmWorkspace<Scalar>
    ) throws -> ExpmStatistics {
        guard s < Scalar.maxSquarings else { throw ExpmError.normTooLarge(norm: norm1) }
        let scheme = table.taylor[i].scheme
        let t = w.taylor
        t.prepare(size: m0.rows)
        if s == 0 {
            scheme.evaluate(m0, formedPowers: formed, into: &w.x, workspace: t)
        } else if scheme == .t18, formed == .sixth, OptimizedTaylorScheme.t18FoldsScaling(squarings: s, as: Scalar.self) {
            scheme.evaluateT18(unscaled: m0, squarings: s, into: &w.x, workspace: t)
        } else {
            w.a.assign(m0)
            w.a.scaleByPowerOfTwo(-s)
            if formed >= .square { t.p1.scaleByPowerOfTwo(-2 * s) }
            if formed >= .cube { t.p2.scaleByPowerOfTwo(-3 * s) }
            if formed >= .sixth { t.p3.scaleByPowerOfTwo(-6 * s) }
            scheme.evaluate(w.a, formedPowers: formed, into: &w.x, workspace: t)
        }
        Squaring.square(times: s, workspace: w)
        if !w.x.entriesAreFinite { throw ExpmError.overflow(squarings: s) }
        let bound = table.taylorSeries[i].bound(at: Double(sign: .plus, exponent: -s, significand: eta))
        return ExpmStatistics(
            method: .taylor, degree: scheme.degree, squarings: s,
            products: powerProducts + scheme.remainingProducts(formedPowers: formed) + s, solves: 0,
            errorBound: ErrorBound(value: bound, kind: .backward,
                                   measure: "relative backward error ‖ΔA‖₁/‖AΔt‖₁ in exact arithmetic"),
            forwardErrorEstimate: bound * norm1)
    }
}
