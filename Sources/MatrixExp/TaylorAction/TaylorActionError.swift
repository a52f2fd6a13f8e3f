/// Why the truncated-Taylor action exp(tA)v (`TaylorActionPlan`, `taylorExpmv`) refused its input.
public enum TaylorActionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Shapes that do not fit (a non-square or empty operator, a vector of the wrong length).
    case dimensionMismatch(String)
    /// NaN or ±Inf in the named input, or produced by the operator (an overflow included).
    case nonFinite(String)
    /// An option outside its domain (tolerance ≤ 0 or ≥ 1, times not finite or not increasing,
    /// a negative or non-finite norm or shift, an operator without a transpose and no norm given).
    case invalidArgument(String)
    /// |t|·‖A − μI‖₁ needs more than `limit` scaling steps s (the vector would take longer than
    /// any caller waits; the norm is almost certainly wrong).
    case normTooLarge(norm: Double, limit: Int)

    public var description: String {
        switch self {
        case .dimensionMismatch(let what): return "dimension mismatch: \(what)"
        case .nonFinite(let what): return "non-finite values (NaN or Inf) in \(what)"
        case .invalidArgument(let what): return "invalid argument: \(what)"
        case .normTooLarge(let norm, let limit):
            return "|t|·‖A − μI‖₁ = \(norm) would need more than \(limit) Taylor steps"
        }
    }
}
