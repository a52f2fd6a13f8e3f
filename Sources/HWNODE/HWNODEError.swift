import MatrixExp
import Parametrizations

/// Why an HWNODE block could not be made or could not run.
public enum HWNODEError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A size that is not positive, an order outside `HWNODEFlow.orders`, an empty name.
    case invalidConfiguration(String)
    /// An input or output gradient whose shape does not fit the block (rows must be the width d),
    /// or a cache that belongs to a block of another shape.
    case shapeMismatch(String)
    /// The flow P(M) refused its operand (NaN/Inf in A, Δt or the weights, an overflow) or its
    /// gradient overflowed.
    case flow(GradientError)
    /// The spectral normalization failed (an SVD that did not converge, A = 0 under exact σ).
    case normalization(ParametrizationError)

    public var description: String {
        switch self {
        case .invalidConfiguration(let what): return "invalid HWNODE configuration: \(what)"
        case .shapeMismatch(let what): return "HWNODE shape mismatch: \(what)"
        case .flow(let e): return "HWNODE flow: \(e)"
        case .normalization(let e): return "HWNODE spectral normalization: \(e)"
        }
    }
}
