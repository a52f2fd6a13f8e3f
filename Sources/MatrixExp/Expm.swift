import Linalg
import RealModule

/// exp(AΔt) with its error bound.
///
/// ```swift
/// let a = Matrix<Double>([[0, 1], [-1, 0]])
/// let r = try expm(a, dt: 0.5)            // method .auto
/// print(r.value, r.errorBound)            // the rotation by 0.5 rad, and how wrong it can be
/// ```
///
/// - Parameters:
///   - a: a square matrix with finite entries.
///   - dt: the step Δt (the matrix exponentiated is AΔt).
///   - method: `.auto` (default), `.pade`, `.taylor`, or `.taylorFixed(order:)`.
///   - tolerance: the backward error the scaling-and-squaring methods aim for, relative to
///     ‖AΔt‖₁; default (and minimum) the unit roundoff of `Scalar`. A looser tolerance such as
///     1e-8 lowers the degree and the number of products. Ignored by `.taylorFixed`.
///   - workspace: buffers to reuse across calls of the same size (no allocation after the first).
/// - Throws: `ExpmError` for non-square, empty or non-finite input, an invalid option, a norm
///   that cannot be scaled, or a result that overflows.
@_specialize(where Scalar == Double)
@_specialize(where Scalar == Float)
public func expm<Scalar: LinalgScalar>(
    _ a: Matrix<Scalar>, dt: Scalar = 1, method: ExpmMethod = .auto, tolerance: Double? = nil,
    workspace: ExpmWorkspace<Scalar>? = nil
) throws(ExpmError) -> ExpmResult<Scalar> {
    let w = workspace ?? ExpmWorkspace(size: a.rows)
    let statistics = try computeExpm(a, dt: dt, method: method, tolerance: tolerance, workspace: w)
    return ExpmResult(value: w.x, statistics: statistics)
}

/// exp(AΔt) written into `result` (resized if its shape is wrong), allocating nothing after
/// the first call for a given workspace and result: the form for hot loops. The result's
/// storage is exchanged with the workspace's, so keep no other reference to `result`'s
/// buffer across calls. Options, bounds and errors as in `expm(_:dt:method:tolerance:workspace:)`.
@_specialize(where Scalar == Double)
@_specialize(where Scalar == Float)
@discardableResult
public func expm<Scalar: LinalgScalar>(
    _ a: Matrix<Scalar>, dt: Scalar = 1, method: ExpmMethod = .auto, tolerance: Double? = nil,
    workspace: ExpmWorkspace<Scalar>, into result: inout Matrix<Scalar>
) throws(ExpmError) -> ExpmStatistics {
    let statistics = try computeExpm(a, dt: dt, method: method, tolerance: tolerance, workspace: workspace)
    if result.rows == workspace.x.rows && result.columns == workspace.x.columns {
        swap(&result, &workspace.x)
    } else {
        result = workspace.x
    }
    return statistics
}

/// Validates, then runs the chosen method; the result is left in `w.x`. Every failure below is
/// reported as an `ExpmError`.
private func computeExpm<Scalar: LinalgScalar>(
    _ a: Matrix<Scalar>, dt: Scalar, method: ExpmMethod, tolerance: Double?, workspace w: ExpmWorkspace<Scalar>
) throws(ExpmError) -> ExpmStatistics {
    guard a.isSquare else { throw .notSquare(rows: a.rows, columns: a.columns) }
    guard !a.isEmpty else { throw .empty }
    // A finite ‖A‖₁ shows every entry finite; only otherwise is each entry checked.
    let norm1OfA = a.largestAbsoluteColumnSum
    guard norm1OfA.isFinite || a.entriesAreFinite else { throw .nonFinite }
    guard dt.isFinite else { throw .invalidArgument("dt must be finite, got \(dt)") }
    guard w.size == a.rows else {
        throw .invalidArgument("workspace is for \(w.size)×\(w.size), matrix is \(a.rows)×\(a.rows)")
    }
    do {
        return try dispatchExpm(a, norm1: norm1OfA, dt: dt, method: method, tolerance: tolerance, workspace: w)
    } catch let e as ExpmError {
        throw e
    } catch let e as LinalgError {
        throw .linearAlgebra(e)
    } catch let e as ExpCoefficientError {
        throw .invalidArgument(e.description)
    } catch {
        throw .invalidArgument("\(error)")
    }
}

private func dispatchExpm<Scalar: LinalgScalar>(
    _ a: Matrix<Scalar>, norm1 norm1OfA: Scalar, dt: Scalar, method: ExpmMethod, tolerance: Double?, workspace w: ExpmWorkspace<Scalar>
) throws -> ExpmStatistics {
    let tol = try resolvedTolerance(tolerance, for: Scalar.self)
    let m: Matrix<Scalar>
    if dt == 1 {
        m = a
    } else {
        w.input.assign(a)
        w.input.scale(by: dt)
        m = w.input
    }
    let norm1 = dt == 1 ? norm1OfA : m.largestAbsoluteColumnSum
    guard norm1.isFinite else { throw ExpmError.normTooLarge(norm: Double(norm1OfA) * Double(abs(dt))) }

    if case .taylorFixed(let order) = method {
        return try FixedOrderTaylorFlow.run(m, order: order, workspace: w)
    }
    let structure = MatrixStructure(of: m)
    if structure == .diagonal { return try DiagonalExponential.run(m, workspace: w) }
    // Triangular input goes to Padé for Code Fragment 2.1; otherwise `auto` asks the planner.
    let usePade: Bool
    switch method {
    case .pade: usePade = true
    case .taylor: usePade = false
    default:
        usePade = try structure != .general
            || ExpmPlanner.prefersPade(norm: Double(norm1), table: w.thresholds(for: tol))
    }
    // Lower triangular input is handled through its transpose: exp(L) = exp(Lᵀ)ᵀ.
    let lower = structure == .lowerTriangular
    let operand = lower ? m.transposed : m
    let operandStructure: MatrixStructure = lower ? .upperTriangular : structure
    let statistics = try withPrescaling(operand, norm1: lower ? operand.largestAbsoluteColumnSum : norm1, structure: operandStructure, workspace: w) { scaled, scaledNorm in
        usePade
            ? try PadeScalingSquaring.run(scaled, norm1: scaledNorm, structure: operandStructure, tolerance: tol, workspace: w)
            : try AutomaticTaylor.run(scaled, norm1: scaledNorm, tolerance: tol, workspace: w)
    }
    if lower { w.x = w.x.transposed }
    return statistics
}

/// Both methods form powers of A (up to A¹⁰ for the d_p) before scaling it. For a very large
/// ‖A‖₁ those powers would overflow, so A is first divided by 2ᵏ (exactly) to bring its norm
/// near 1 and the k halvings are undone by k extra squarings — for triangular A with the exact
/// diagonal recomputation of Code Fragment 2.1. The relative backward-error bound carries over
/// unchanged: exp(2⁻ᵏA + E)^{2ᵏ} = exp(A + 2ᵏE).
private func withPrescaling<Scalar: LinalgScalar>(
    _ m: Matrix<Scalar>, norm1: Scalar, structure: MatrixStructure, workspace w: ExpmWorkspace<Scalar>,
    _ run: (_ scaled: Matrix<Scalar>, _ scaledNorm1: Double) throws -> ExpmStatistics
) throws -> ExpmStatistics {
    let threshold = Scalar.powerOfTwo(Int(Scalar.greatestFiniteMagnitude.exponent) / 16)
    guard norm1 > threshold else { return try run(m, Double(norm1)) }
    let k = Int(norm1.exponent)
    var scaled = m
    scaled.scale(by: Scalar.powerOfTwo(-k))
    var statistics = try run(scaled, Double(scaled.largestAbsoluteColumnSum))
    if structure == .upperTriangular {
        Squaring.squareUpperTriangular(m, times: k, workspace: w)
    } else {
        Squaring.square(times: k, workspace: w)
    }
    if !w.x.entriesAreFinite { throw ExpmError.overflow(squarings: statistics.squarings + k) }
    statistics.squarings += k
    statistics.products += k
    return statistics
}

/// The tolerance actually used: the caller's, clamped below at the unit roundoff.
func resolvedTolerance<Scalar: LinalgScalar>(_ tolerance: Double?, for _: Scalar.Type) throws -> Double {
    let u = Double(Scalar.unitRoundoff)
    guard let t = tolerance else { return u }
    guard t.isFinite, t > 0, t <= BackwardError.supportedTolerances.upperBound else {
        throw ExpmError.invalidArgument("tolerance must be in (0, \(BackwardError.supportedTolerances.upperBound)], got \(t)")
    }
    return Swift.max(t, u)
}
