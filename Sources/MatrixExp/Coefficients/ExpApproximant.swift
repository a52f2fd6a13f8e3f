/// An approximant r(x) ≈ eˣ whose backward error the library analyses: a diagonal Padé
/// approximant r_m, a truncated Taylor series T_m, or the polynomial an optimized evaluation
/// scheme actually computes.
public enum ExpApproximant: Hashable, Sendable, CustomStringConvertible {
    /// Diagonal Padé [m/m], m ∈ `ExpApproximant.padeDegrees`.
    case pade(Int)
    /// Truncated Taylor series of degree m, m ∈ `ExpApproximant.taylorDegrees`.
    case taylor(Int)
    /// The polynomial of an optimized evaluation scheme (Bader–Blanes–Casas 2019).
    case scheme(OptimizedTaylorScheme)

    /// Padé degrees the backward-error analysis supports.
    public static let padeDegrees: ClosedRange<Int> = 1...20
    /// Taylor degrees the backward-error analysis supports.
    public static let taylorDegrees: ClosedRange<Int> = 1...55

    public var description: String {
        switch self {
        case .pade(let m): return "Padé [\(m)/\(m)]"
        case .taylor(let m): return "Taylor T\(m)"
        case .scheme(let s): return "optimized Taylor scheme \(s)"
        }
    }

    /// Throws unless the degree lies in the supported range.
    func validate() throws(ExpCoefficientError) {
        switch self {
        case .pade(let m) where !Self.padeDegrees.contains(m):
            throw .unsupportedDegree(approximant: "Padé", degree: m, supported: Self.padeDegrees)
        case .taylor(let m) where !Self.taylorDegrees.contains(m):
            throw .unsupportedDegree(approximant: "Taylor", degree: m, supported: Self.taylorDegrees)
        default:
            return
        }
    }

    /// The polynomial p of r = p (Taylor, schemes) or of r(x) = p(x)/p(−x) (Padé), exactly.
    /// Call only after `validate()`.
    var polynomial: [Rational] {
        switch self {
        case .pade(let m): return (try? ExpCoefficients.padeNumerator(degree: m)) ?? []
        case .taylor(let m): return (try? ExpCoefficients.taylor(degree: m)) ?? []
        case .scheme(let s): return s.polynomialCoefficients
        }
    }

    var isPade: Bool {
        if case .pade = self { return true }
        return false
    }
}
