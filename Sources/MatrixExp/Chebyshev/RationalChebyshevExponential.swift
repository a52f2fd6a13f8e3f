import Linalg

/// exp(tA)·v ≈ r_k(tA)·v for a dense real A whose spectrum lies on or near the negative real
/// axis (negative semidefinite symmetric A; burnup, decay-chain and diffusion matrices), by the
/// Chebyshev rational approximation method (CRAM) in partial-fraction form (Pusa 2012,
/// arXiv:1206.2880, eq. (5); coefficients in `RationalChebyshevOrder`):
///
///     r_k(tA)·v = α₀·v + 2·Re Σ_{j=1}^{k/2} α_j·(tA − θ_j·I)⁻¹·v.
///
/// Cost: k/2 complex shifted solves (7 for k = 14, 8 for k = 16), each done here as the real
/// 2n×2n system
///
///     [ tA − Re θ·I    Im θ·I     ] [u]   [v]
///     [ −Im θ·I        tA − Re θ·I] [w] = [0],    (tA − θI)⁻¹v = u + i·w,
///
/// factored by LAPACK's LU (`LUFactorization`) — twice the flops of a complex n×n LU, since
/// Linalg has no complex LU. There is no sparse path: a CSR matrix would go through its dense
/// form, so only dense input is accepted.
///
/// Error: for every eigenvalue λ of tA in (−∞, 0], |r_k(λ) − e^λ| ≤ ε_k = `order.uniformError`
/// (1.84e-14 for k = 14, 2.14e-16 for k = 16). For symmetric A (normal, real spectrum) this
/// gives ‖r_k(tA)v − exp(tA)v‖₂ ≤ ε_k·‖v‖₂ in exact arithmetic, reported as `rigorous`. For a
/// non-symmetric A the same number is reported as an `estimate`: the scalar error on the spectrum
/// does not bound the matrix error when A is far from normal or has eigenvalues off the axis.
/// Rounding in the solves adds up to about u·Σ_j 2|α_j|·κ(tA − θ_jI)/min_λ|λ − θ_j|·‖v‖₂, which
/// for large ‖tA‖ exceeds ε_k and is not part of the bound.
///
/// - Parameters:
///   - a: the n×n matrix. All eigenvalues must have real part ≤ 16·n·u·‖A‖₁ (checked with the
///     symmetric eigensolver when A is symmetric to 16·n·u relative, else with `?geev`).
///   - v: the vector, n entries.
///   - t: the time, t ≥ 0 (for t < 0, tA is positive semidefinite and r_k(tA) means nothing;
///     t = 0 returns v).
///   - order: 14 (default) or 16.
/// - Throws: `RationalChebyshevError`.
public func rationalChebyshevExpmv(
    _ a: Matrix<Double>, _ v: [Double], t: Double = 1, order: RationalChebyshevOrder = .fourteen
) throws(RationalChebyshevError) -> RationalChebyshevExpmvResult {
    let n = a.rows
    guard a.isSquare, n > 0 else {
        throw .dimensionMismatch("exp(tA)v needs a square non-empty matrix, got \(a.rows)×\(a.columns)")
    }
    guard v.count == n else { throw .dimensionMismatch("matrix is \(n)×\(n), vector has \(v.count) entries") }
    guard a.isFinite else { throw .nonFinite("the matrix") }
    guard v.allSatisfy({ $0.isFinite }) else { throw .nonFinite("the vector") }
    guard t.isFinite, t >= 0 else {
        throw .invalidArgument("t must be finite and ≥ 0 (CRAM approximates e^x on x ≤ 0), got \(t)")
    }
    let symmetric = isSymmetric(a)
    let tolerance = 16 * Double(n) * Double.unitRoundoff * a.norm1
    let maximumRealPart: Double
    do {
        maximumRealPart = symmetric
            ? (try SymmetricEigendecomposition(a, vectors: false).eigenvalues.last ?? 0)
            : try GeneralEigenvalues(a).maximumRealPart
    } catch let e as LinalgError {
        throw .linearAlgebra(e)
    } catch {
        throw .invalidArgument("\(error)")
    }
    guard maximumRealPart <= tolerance else {
        throw .notNegativeSemidefinite(maximumRealPart: maximumRealPart, tolerance: tolerance)
    }
    let bound = ErrorBound(
        value: order.uniformError * norm2(v), kind: symmetric ? .rigorous : .estimate,
        measure: symmetric
            ? "absolute 2-norm error of exp(tA)v in exact arithmetic (sup over x ≤ 0 of |r_k(x) − e^x| times ‖v‖₂)"
            : "sup over x ≤ 0 of |r_k(x) − e^x| times ‖v‖₂; A is not symmetric, so not a bound on the 2-norm error")
    if t == 0 {
        return RationalChebyshevExpmvResult(value: v, order: order, solves: 0, errorBound: bound)
    }
    var y = v.map { order.alpha0 * $0 }
    var system = Matrix<Double>(rows: 2 * n, columns: 2 * n)
    var lu: LUFactorization<Double>?
    var rhs = Matrix<Double>(rows: 2 * n, columns: 1)
    for (theta, alpha) in zip(order.poles, order.residues) {
        fillShiftedSystem(&system, a: a, t: t, theta: theta)
        do {
            if lu == nil { lu = try LUFactorization(system) } else { try lu!.refactor(system) }
            for i in 0..<n {
                rhs.storage[i] = v[i]
                rhs.storage[n + i] = 0
            }
            try lu!.solve(&rhs)
        } catch let e as LinalgError {
            throw .linearAlgebra(e)
        } catch {
            throw .invalidArgument("\(error)")
        }
        // 2·Re(α·(u + i·w)) = 2·(Re α·u − Im α·w).
        for i in 0..<n {
            y[i] += 2 * (alpha.re * rhs.storage[i] - alpha.im * rhs.storage[n + i])
        }
    }
    return RationalChebyshevExpmvResult(value: y, order: order, solves: order.poles.count, errorBound: bound)
}

/// The result of `rationalChebyshevExpmv`.
public struct RationalChebyshevExpmvResult: Sendable {
    /// r_k(tA)·v.
    public var value: [Double]
    /// The approximation's order k.
    public var order: RationalChebyshevOrder
    /// Complex shifted solves done (k/2, each one LU of a real 2n×2n matrix; 0 when t = 0).
    public var solves: Int
    /// ε_k·‖v‖₂: `rigorous` for symmetric A, an `estimate` otherwise (see `rationalChebyshevExpmv`).
    public var errorBound: ErrorBound
}

/// |a_ij − a_ji| ≤ 16·n·u·max|a_kl| for all i, j (the eigensolver's own symmetry test).
private func isSymmetric(_ a: Matrix<Double>) -> Bool {
    let n = a.rows
    let scale = a.storage.reduce(0) { max($0, abs($1)) }
    let tol = SymmetricEigendecomposition<Double>.defaultSymmetryTolerance(size: n) * scale
    for j in 0..<n {
        for i in (j + 1)..<n where abs(a[i, j] - a[j, i]) > tol { return false }
    }
    return true
}

/// Writes [[tA − Re θ·I, Im θ·I], [−Im θ·I, tA − Re θ·I]] into the 2n×2n `system`
/// (column-major), the real form of tA − θ·I acting on (u, w) ↔ u + i·w.
private func fillShiftedSystem(_ system: inout Matrix<Double>, a: Matrix<Double>, t: Double, theta: (re: Double, im: Double)) {
    let n = a.rows, m = 2 * n
    for k in system.storage.indices { system.storage[k] = 0 }
    for j in 0..<n {
        for i in 0..<n {
            let x = t * a.storage[i + j * n]
            system.storage[i + j * m] = x
            system.storage[(n + i) + (n + j) * m] = x
        }
        system.storage[j + j * m] -= theta.re
        system.storage[(n + j) + (n + j) * m] -= theta.re
        system.storage[j + (n + j) * m] = theta.im
        system.storage[(n + j) + j * m] = -theta.im
    }
}

private func norm2(_ x: [Double]) -> Double { x.reduce(0) { $0 + $1 * $1 }.squareRoot() }
