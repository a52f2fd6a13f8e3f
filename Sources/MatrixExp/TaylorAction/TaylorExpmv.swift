import Linalg

/// exp(tA)v by the truncated Taylor series with scaling (Al-Mohy & Higham 2011, Algorithm 3.2):
/// a one-shot `TaylorActionPlan` (build a plan yourself to keep the norms and the d_p estimates
/// across vectors and times).
///
/// ```swift
/// let a = try CSRMatrix<Double>(rows: n, columns: n, triplets: …)
/// let r = try taylorExpmv(a, v, t: 10, tolerance: 1e-10)
/// print(r.value, r.errorBound, r.statistics.degree, r.statistics.steps, r.statistics.operatorApplications)
/// ```
/// - Parameters:
///   - a: dense `Matrix`, `CSRMatrix` or any `LinearOperator`, square (a matrix-free operator
///     needs a transpose, for the 1-norm estimator, or a bound `norm` on ‖A − μI‖₁).
///   - v: the vector, finite.
///   - t: the time (negative allowed).
///   - tolerance: the backward-error tolerance (default the unit roundoff; see
///     `TaylorActionPlan.apply(to:times:tolerance:)`).
///   - shift: μ, as in `TaylorActionPlan.init(_:shift:norm:)`.
///   - norm: a bound on ‖A − μI‖₁, as in `TaylorActionPlan.init(_:shift:norm:)`.
/// - Throws: `TaylorActionError`.
public func taylorExpmv<Operator: LinearOperator>(
    _ a: Operator, _ v: [Operator.Scalar], t: Operator.Scalar, tolerance: Double? = nil, shift: Double? = nil, norm: Double? = nil
) throws(TaylorActionError) -> TaylorActionResult<Operator.Scalar> {
    try taylorExpmv(a, v, times: [t], tolerance: tolerance, shift: shift, norm: norm)
}

/// exp(t_i A)v for several times t_1 < … < t_q in one run (see `taylorExpmv(_:_:t:…)`).
public func taylorExpmv<Operator: LinearOperator>(
    _ a: Operator, _ v: [Operator.Scalar], times: [Operator.Scalar], tolerance: Double? = nil, shift: Double? = nil,
    norm: Double? = nil
) throws(TaylorActionError) -> TaylorActionResult<Operator.Scalar> {
    guard a.rows == a.columns, v.count == a.rows else {
        throw TaylorActionError.dimensionMismatch("operator is \(a.rows)×\(a.columns), vector has \(v.count) entries")
    }
    let plan = try TaylorActionPlan(a, shift: shift, norm: norm)
    var result = try plan.apply(to: v, times: times, tolerance: tolerance)
    result.statistics.operatorApplications += plan.setupApplications
    return result
}
