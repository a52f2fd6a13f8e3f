import Linalg

/// What a truncated-Taylor action run did.
public struct TaylorActionStatistics: Sendable, Equatable {
    /// m, the Taylor degree per step, for the largest |t_i| (0 when t(A − μI) = 0).
    public var degree: Int
    /// s, the number of steps for the largest |t_i| (forward and backward runs add up their s).
    public var steps: Int
    /// The terms actually formed, summed over the steps (≤ m·s: AMH's early-termination test on
    /// the last two terms stops a step sooner). Equals the applications of A in the steps.
    public var terms: Int
    /// Applications of A in this run: the terms, plus the 1-norm estimates when a one-shot call
    /// built the plan or this run was the first to need the d_p.
    public var operatorApplications: Int
    /// μ, the shift: the run computed e^{tμ}·exp(t(A − μI))v.
    public var shift: Double
    /// |t|·‖A − μI‖₁ or |t|·α_p for the largest |t_i|, the quantity (m, s) were chosen on.
    public var normMeasure: Double
    /// p of α_p (`TaylorActionParameters.power`), nil when ‖A − μI‖₁ decided.
    public var power: Int?
    /// Whether ‖A − μI‖₁ is exact (dense and CSR operators) or a 1-norm estimate / given bound.
    public var exactNorm: Bool
}

/// exp(t_i A)v for the requested times, with the backward-error bound and statistics.
public struct TaylorActionResult<Scalar: LinalgScalar>: Sendable {
    /// The requested times t_1 < … < t_q.
    public var times: [Scalar]
    /// Column i is exp(t_i A)v (n × q).
    public var values: Matrix<Scalar>
    /// The relative backward-error bound of the truncation (kind `backward`): in exact arithmetic,
    /// column i is exp(t_i(A + ΔA))v with ‖ΔA‖₁ ≤ value·‖A − μI‖₁ ≤ tol·‖A − μI‖₁ (AMH 2011, §3).
    /// Early termination and rounding errors are outside it (see docs/taylor-action.md).
    public var errorBound: ErrorBound
    /// The parameters of the run for the largest |t_i|.
    public var parameters: TaylorActionParameters
    public var statistics: TaylorActionStatistics

    /// exp(tA)v for the single (or last) time.
    public var value: [Scalar] { value(at: values.columns - 1) }

    /// exp(t_i A)v.
    public func value(at i: Int) -> [Scalar] {
        let n = values.rows
        return Array(values.storage[(i * n)..<((i + 1) * n)])
    }
}
