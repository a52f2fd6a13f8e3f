import Linalg
import RealModule

/// The element-wise nonlinearities of the HWNODE block and of the trainer's MLP, each with the
/// derivative its backward pass needs.
///
/// The HWNODE reference (`../shared/research/hwnode-reference.md` §4, and the reference trainer
/// `peers/lm/bytegpt.py`) uses φ(z) = leaky_relu(z, 0.5) on the input side and
/// ψ(z) = leaky_relu(z, 0.5)² on the output side; the MLP baseline uses GELU (erf form, PyTorch's
/// default `nn.GELU()`).
public enum Activation: String, Sendable, CaseIterable, Codable {
    /// x for x ≥ 0, slope·x otherwise (slope 0.5).
    case leakyReLU
    /// leaky_relu(x, 0.5)², the Wiener output nonlinearity of the reference block.
    case squaredLeakyReLU
    /// x·Φ(x) with Φ the standard normal CDF.
    case gelu
    /// tanh(x).
    case tanh
    /// The identity (a linear block, for tests and ablations).
    case identity

    /// The negative-side slope of the leaky ReLU variants.
    public static let leakySlope = 0.5

    /// f(x).
    @inlinable
    public func value<Scalar: LinalgScalar>(_ x: Scalar) -> Scalar {
        switch self {
        case .leakyReLU: return x >= 0 ? x : Scalar(Self.leakySlope) * x
        case .squaredLeakyReLU:
            let y = x >= 0 ? x : Scalar(Self.leakySlope) * x
            return y * y
        case .gelu:
            return x * Self.normalCDF(x)
        case .tanh: return Scalar.tanh(x)
        case .identity: return x
        }
    }

    /// f′(x).
    @inlinable
    public func derivative<Scalar: LinalgScalar>(_ x: Scalar) -> Scalar {
        switch self {
        case .leakyReLU: return x >= 0 ? 1 : Scalar(Self.leakySlope)
        case .squaredLeakyReLU:
            let slope = x >= 0 ? Scalar(1) : Scalar(Self.leakySlope)
            return 2 * slope * slope * x
        case .gelu:
            let pdf = Scalar.exp(-x * x / 2) / (2 * Scalar.pi).squareRoot()
            return Self.normalCDF(x) + x * pdf
        case .tanh:
            let y = Scalar.tanh(x)
            return 1 - y * y
        case .identity: return 1
        }
    }

    /// Φ(x) = (1 + erf(x/√2))/2.
    @inlinable
    static func normalCDF<Scalar: LinalgScalar>(_ x: Scalar) -> Scalar {
        (1 + Scalar.erf(x / Scalar(2).squareRoot())) / 2
    }

    /// Applies f to every entry of `input`, writing into `output` (same shape).
    ///
    /// The loops run over raw buffers with the activation fixed per loop (the `switch` is outside
    /// them), so that each loop body is one branch-free formula the compiler can vectorize: an
    /// indexed store into `output.storage` would check uniqueness on every entry, and a `switch` or
    /// a sign test inside the loop mispredicts on data of random sign. Specialized for Float and
    /// Double, so that callers in other modules do not run the generic per-entry code.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func apply<Scalar: LinalgScalar>(_ input: Matrix<Scalar>, into output: inout Matrix<Scalar>) {
        precondition(input.rows == output.rows && input.columns == output.columns, "shape mismatch")
        input.storage.withUnsafeBufferPointer { x in
            output.storage.withUnsafeMutableBufferPointer { y in
                switch self {
                case .leakyReLU: Self.map(x, into: y) { Activation.leakyReLU.value($0) }
                case .squaredLeakyReLU: Self.map(x, into: y) { Activation.squaredLeakyReLU.value($0) }
                case .gelu: Self.map(x, into: y) { Activation.gelu.value($0) }
                case .tanh: Self.map(x, into: y) { Activation.tanh.value($0) }
                case .identity: Self.map(x, into: y) { $0 }
                }
            }
        }
    }

    /// The pullback: ∂L/∂x = f′(x) ⊙ ∂L/∂f(x), written into `gradient` (same shape as `input`).
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func pullback<Scalar: LinalgScalar>(
        input: Matrix<Scalar>, outputGradient: Matrix<Scalar>, into gradient: inout Matrix<Scalar>
    ) {
        precondition(input.rows == outputGradient.rows && input.columns == outputGradient.columns, "shape mismatch")
        precondition(input.rows == gradient.rows && input.columns == gradient.columns, "shape mismatch")
        input.storage.withUnsafeBufferPointer { x in
            outputGradient.storage.withUnsafeBufferPointer { g in
                gradient.storage.withUnsafeMutableBufferPointer { y in
                    switch self {
                    case .leakyReLU: Self.map(x, g, into: y) { Activation.leakyReLU.derivative($0) * $1 }
                    case .squaredLeakyReLU: Self.map(x, g, into: y) { Activation.squaredLeakyReLU.derivative($0) * $1 }
                    case .gelu: Self.map(x, g, into: y) { Activation.gelu.derivative($0) * $1 }
                    case .tanh: Self.map(x, g, into: y) { Activation.tanh.derivative($0) * $1 }
                    case .identity: Self.map(x, g, into: y) { $1 }
                    }
                }
            }
        }
    }

    /// y[i] = f(x[i]).
    @inline(__always)
    private static func map<Scalar>(
        _ x: UnsafeBufferPointer<Scalar>, into y: UnsafeMutableBufferPointer<Scalar>, _ f: (Scalar) -> Scalar
    ) {
        for i in x.indices { y[i] = f(x[i]) }
    }

    /// y[i] = f(x[i], g[i]).
    @inline(__always)
    private static func map<Scalar>(
        _ x: UnsafeBufferPointer<Scalar>, _ g: UnsafeBufferPointer<Scalar>, into y: UnsafeMutableBufferPointer<Scalar>,
        _ f: (Scalar, Scalar) -> Scalar
    ) {
        for i in x.indices { y[i] = f(x[i], g[i]) }
    }
}
