import Linalg

/// Why the rational Chebyshev (CRAM) exponential refused its input.
public enum RationalChebyshevError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A non-square or empty matrix, or a vector of the wrong length.
    case dimensionMismatch(String)
    /// NaN or ±Inf in the named input.
    case nonFinite(String)
    /// t < 0 or t not finite.
    case invalidArgument(String)
    /// An eigenvalue of A has real part above the rounding tolerance: exp(tA) is then not
    /// approximated by r_k(tA), which is accurate only on (−∞, 0] (and near it).
    case notNegativeSemidefinite(maximumRealPart: Double, tolerance: Double)
    /// The linear algebra below failed (eigenvalues, or an exactly singular shifted matrix).
    case linearAlgebra(LinalgError)

    public var description: String {
        switch self {
        case .dimensionMismatch(let what): return "dimension mismatch: \(what)"
        case .nonFinite(let what): return "non-finite values (NaN or Inf) in \(what)"
        case .invalidArgument(let what): return "invalid argument: \(what)"
        case .notNegativeSemidefinite(let m, let tol):
            return "matrix is not negative semidefinite: largest eigenvalue real part \(m) > \(tol)"
        case .linearAlgebra(let e): return "linear algebra failure: \(e)"
        }
    }
}
