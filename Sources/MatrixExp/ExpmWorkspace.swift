import Linalg

/// Buffers for one matrix size, reused across `expm` calls so that, after the first call,
/// the Padé and Taylor paths allocate nothing for matrices of that size (use
/// `expm(_:dt:method:tolerance:workspace:into:)` to receive the result without allocating).
///
/// Not thread-safe: give each thread its own workspace.
///
/// The buffers are `@exclusivity(unchecked)`: one call owns the workspace, and no buffer is ever
/// passed `inout` while another access to it is live (each product reads some buffers and writes
/// a different one), so the runtime's dynamic exclusivity check — about 2,700 instructions per
/// call at n = 16 (callgrind), a tenth of that call's work outside BLAS — is dropped.
public final class ExpmWorkspace<Scalar: LinalgScalar> {
    public let size: Int
    /// AΔt, and the scaled operand 2⁻ˢAΔt.
    @exclusivity(unchecked) var input, a: Matrix<Scalar>
    /// Even powers A², A⁴, A⁶ of the scaled operand (A⁸ reuses `x`).
    @exclusivity(unchecked) var a2, a4, a6: Matrix<Scalar>
    /// Padé numerator/denominator parts, the result, and a scratch matrix.
    @exclusivity(unchecked) var u, v, x, t: Matrix<Scalar>
    /// |A|, the iterates vⱼ = (|A|ᵀ)ʲ·1 (normalized) of the overscaling correction, and what it
    /// knows so far: log₂‖|A|ᵏ‖₁ for k ≤ `absolutePowerSteps` and the log₂ of the last step's
    /// smallest and largest ratio vⱼ/vⱼ₋₁ (see `OverscalingCorrection`).
    @exclusivity(unchecked) var absA: Matrix<Scalar>
    @exclusivity(unchecked) var ones, onesNext: [Scalar]
    @exclusivity(unchecked) var log2AbsolutePowerNorms = [Double](repeating: 0, count: 28)
    var absolutePowerSteps = 0
    var log2StepRatios = (smallest: 0.0, largest: 0.0)
    @exclusivity(unchecked) var lu: LUFactorization<Scalar>
    let taylor: OptimizedTaylorWorkspace<Scalar>
    /// Buffers of the block 1-norm estimator for d_p = ‖Aᵖ‖₁^{1/p}, and the n×t block between
    /// the two factors when it estimates the norm of a product (n×t and n×1, sized on first use).
    let oneNorm: OneNormWorkspace<Scalar>
    @exclusivity(unchecked) var thinBlock = Matrix<Scalar>(rows: 0, columns: 0)
    @exclusivity(unchecked) var thinColumn = Matrix<Scalar>(rows: 0, columns: 0)
    /// Powers M, …, M^q of the fixed-order Paterson–Stockmeyer evaluation.
    @exclusivity(unchecked) var powers: [Matrix<Scalar>]
    /// Padé numerator coefficients b_0…b_m per degree, rounded once from the exact rationals.
    let padeCoefficients: [Int: [Scalar]]
    /// 1/k!, k = 0…`FixedOrderTaylorFlow.orders.upperBound`, correctly rounded.
    let taylorCoefficients: [Scalar]
    /// θ tables for the most recent tolerance (derived once per tolerance).
    var thresholds: ExpmThresholds?

    public init(size n: Int) {
        size = n
        let z = Matrix<Scalar>(rows: n, columns: n)
        input = z; a = z; a2 = z; a4 = z; a6 = z; u = z; v = z; x = z; t = z; absA = z
        ones = Array(repeating: 0, count: n)
        onesNext = ones
        lu = try! LUFactorization(Matrix<Scalar>.identity(n))  // the identity always factors
        taylor = OptimizedTaylorWorkspace(size: n)
        oneNorm = OneNormWorkspace(size: n)
        let maxBlock = FixedOrderTaylorFlow.orders.map { FixedOrderTaylor.blocking(degree: $0).q }.max()!
        powers = Array(repeating: z, count: maxBlock)
        (padeCoefficients, taylorCoefficients) = ExpmCoefficientTables.tables(for: Scalar.self)
    }

    /// The θ tables for `tolerance`, derived on first use and kept until the tolerance changes.
    func thresholds(for tolerance: Double) throws -> ExpmThresholds {
        if let t = thresholds, t.tolerance == tolerance { return t }
        let t = try ExpmThresholds(tolerance: tolerance)
        thresholds = t
        return t
    }
}

extension ExpmWorkspace {
    /// ‖X·Y‖₁ for n×n X and Y without forming X·Y when n is large: the block 1-norm estimator
    /// applies Y then X (and Xᵀ then Yᵀ) to n×t blocks, two thin products per application
    /// (a d_p from two powers already formed, e.g. d₁₀ from A⁴·A⁶ where `powerNorm(A², 5)` would
    /// take five). Up to `OneNormEstimator.exactPowerSizeLimit` the product is formed in `t`
    /// (one small product, cheaper than the estimator's fixed cost) and its norm is exact.
    func productNorm(_ x: Matrix<Scalar>, _ y: Matrix<Scalar>) -> Scalar {
        if size <= OneNormEstimator.exactPowerSizeLimit {
            Matrix.multiply(x, y, into: &t)
            return t.largestAbsoluteColumnSum
        }
        let block = oneNorm.columns
        if thinBlock.rows != size || thinBlock.columns != block { thinBlock = Matrix(rows: size, columns: block) }
        if thinColumn.rows != size { thinColumn = Matrix(rows: size, columns: 1) }
        // Y·B (or Xᵀ·B) into the intermediate of B's width: the estimator's blocks are n×t, and
        // its last one n×1.
        func through(_ first: Matrix<Scalar>, _ second: Matrix<Scalar>, transposed: Bool, _ b: Matrix<Scalar>, _ out: inout Matrix<Scalar>) {
            if b.columns == block {
                Matrix.multiply(first, transposed: transposed, b, into: &thinBlock)
                Matrix.multiply(second, transposed: transposed, thinBlock, into: &out)
            } else {
                Matrix.multiply(first, transposed: transposed, b, into: &thinColumn)
                Matrix.multiply(second, transposed: transposed, thinColumn, into: &out)
            }
        }
        let estimate = OneNormEstimator.estimate(
            workspace: oneNorm,
            multiply: { b, out in through(y, x, transposed: false, b, &out) },
            multiplyTranspose: { b, out in through(x, y, transposed: true, b, &out) })
        return estimate.value
    }
}

/// The Padé and Taylor coefficients `expm` uses, rounded from the exact rationals once per
/// process and precision (the exact derivation costs milliseconds; workspaces are cheap).
enum ExpmCoefficientTables {
    static let double: (pade: [Int: [Double]], taylor: [Double]) = derive(Double.self)
    static let single: (pade: [Int: [Float]], taylor: [Float]) = derive(Float.self)

    static func tables<Scalar: LinalgScalar>(for _: Scalar.Type) -> (pade: [Int: [Scalar]], taylor: [Scalar]) {
        if let t = double as? (pade: [Int: [Scalar]], taylor: [Scalar]) { return t }
        if let t = single as? (pade: [Int: [Scalar]], taylor: [Scalar]) { return t }
        return derive(Scalar.self)
    }

    /// Degrees 3…13 and orders ≤ 18 are inside the derivations' ranges, so this cannot throw.
    private static func derive<Scalar: LinalgScalar>(_: Scalar.Type) -> (pade: [Int: [Scalar]], taylor: [Scalar]) {
        let pade = Dictionary(uniqueKeysWithValues: PadeApproximant.degrees.map {
            ($0, try! ExpCoefficients.padeNumerator(degree: $0, as: Scalar.self))
        })
        let taylor = try! ExpCoefficients.taylor(degree: FixedOrderTaylorFlow.orders.upperBound, as: Scalar.self)
        return (pade, taylor)
    }
}

/// The θ of every approximant `expm` may use, at one tolerance, with their backward-error series
/// (for the bound and the leading term of the overscaling correction: held here, they cost no
/// lookup in `BackwardError`'s shared, locked caches on each call).
struct ExpmThresholds {
    let tolerance: Double
    /// Usable Padé degrees (ascending) with their θ (see `PadeScalingSquaring.maximumTheta`).
    let pade: [(m: Int, theta: Double)]
    /// θ of each optimized Taylor scheme, in `OptimizedTaylorScheme.allCases` order.
    let taylor: [(scheme: OptimizedTaylorScheme, theta: Double)]
    /// The series of `pade[i]` and `taylor[i]`.
    let padeSeries: [BackwardErrorSeries]
    let taylorSeries: [BackwardErrorSeries]

    init(tolerance: Double) throws {
        self.tolerance = tolerance
        pade = try PadeScalingSquaring.usableDegrees(tolerance: tolerance)
        taylor = try OptimizedTaylorScheme.allCases.map { ($0, try BackwardError.theta(.scheme($0), tolerance: tolerance)) }
        padeSeries = try pade.map { try BackwardError.series(.pade($0.m)) }
        taylorSeries = try taylor.map { try BackwardError.series(.scheme($0.scheme)) }
    }
}
