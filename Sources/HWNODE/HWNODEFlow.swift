import Linalg

/// The flow P(M), M = Δt·A/σ, that advances the ODE state z ↦ P z inside one virtual layer of an
/// HWNODE block: an approximation of exp(M), fixed or with learned weights.
///
/// Every variant is evaluated and differentiated by `MatrixExp`'s `ExpmTape`: the polynomial
/// flows through `forwardPowerSeries` / `forwardChebyshev` (the exact adjoint of the computed
/// polynomial, with ∂/∂w for learned weights), exp by Padé scaling and squaring through
/// `forward(_:dt:method: .pade)` (the adjoint of the Padé algorithm, whose derivative has
/// backward error ≤ u; see `ExpmTape`).
public enum HWNODEFlow: Sendable, Hashable, Codable {
    /// T_K(M) = Σ_{k=0}^{K} M^k/k!, the truncated Taylor series (the reference trainer's flow,
    /// `bytegpt.py` `HWNode.flow`, K = 2 by default).
    case taylor(order: Int)
    /// Σ_{k=0}^{K} w_k M^k with learned w, initialised to 1/k! (so it starts as T_K; the
    /// `LearnedTaylorHWNodeBlock` of the reference repository, research/hwnode-reference.md §4c).
    case learnedTaylor(order: Int)
    /// Σ_{k=0}^{K} w_k T_k(M) with T_k the Chebyshev polynomials and learned w, initialised to
    /// [1, 1, 1/2, 1/3, …, 1/K] as the reference's `ChebyshevHWNodeBlock` (§4c). With ‖A/σ‖₂ ≈ 1
    /// and Δt ≈ 1 the spectrum of M lies in the unit disc, where T_k is bounded.
    case learnedChebyshev(order: Int)
    /// exp(M) to working precision by Padé scaling and squaring (Al-Mohy & Higham 2009).
    case exponential

    /// The orders the polynomial flows accept: those of `expm(_, method: .taylorFixed(order:))`.
    public static let orders = 1...18

    /// K for the polynomial flows, nil for `.exponential`.
    public var order: Int? {
        switch self {
        case .taylor(let k), .learnedTaylor(let k), .learnedChebyshev(let k): return k
        case .exponential: return nil
        }
    }

    /// Whether the flow has trainable weights w_0 … w_K.
    public var learnsWeights: Bool {
        switch self {
        case .learnedTaylor, .learnedChebyshev: return true
        case .taylor, .exponential: return false
        }
    }

    /// The weights of the flow at initialization: 1/k! for the Taylor flows (`.taylor` keeps them;
    /// its tape uses its own copy), [1, 1, 1/2, …, 1/K] for Chebyshev, none for exp.
    func initialWeights<Scalar: LinalgScalar>(_: Scalar.Type = Scalar.self) -> [Scalar] {
        switch self {
        case .taylor(let k), .learnedTaylor(let k):
            var weights = [Scalar(1)]
            var inverseFactorial = 1.0
            for j in stride(from: 1, through: k, by: 1) {
                inverseFactorial /= Double(j)
                weights.append(Scalar(inverseFactorial))
            }
            return weights
        case .learnedChebyshev(let k):
            return [1] + stride(from: 1, through: k, by: 1).map { Scalar(1) / Scalar($0) }
        case .exponential:
            return []
        }
    }
}
