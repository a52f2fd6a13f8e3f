import Linalg

/// A trainable tensor with its gradient accumulator.
///
/// Vectors (biases, norm gains, Δt) are stored as n×1 matrices, so that every parameter is a
/// `Matrix` and optimizers, checkpoints and quantizers treat them alike. Backward passes *add*
/// into `gradient` (so shared weights — the HWNODE block's virtual layers, the tied output head —
/// accumulate naturally); `zeroGradient()` starts a new step.
public struct Parameter<Scalar: LinalgScalar>: Sendable {
    /// The checkpoint name, unique within a model (e.g. `blocks.3.ffn.A`).
    public var name: String
    /// The current value.
    public var value: Matrix<Scalar>
    /// ∂loss/∂value accumulated since the last `zeroGradient()`.
    public var gradient: Matrix<Scalar>
    /// Whether decoupled weight decay (AdamW) applies: true for weight matrices, false for gains,
    /// biases, Δt and the HWNODE generator A (as in the reference trainer).
    public var decays: Bool

    @inlinable
    public init(name: String, value: Matrix<Scalar>, decays: Bool) {
        self.name = name
        self.value = value
        self.gradient = Matrix(rows: value.rows, columns: value.columns)
        self.decays = decays
    }

    /// The number of scalar entries.
    @inlinable
    public var count: Int { value.rows * value.columns }

    /// Sets the gradient to zero, keeping its storage.
    @inlinable
    public mutating func zeroGradient() {
        gradient.storage.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }
}

/// A layer or model whose parameters an optimizer, a checkpoint writer or a quantizer can walk.
public protocol ParameterContainer {
    associatedtype Scalar: LinalgScalar
    /// Calls `body` on every parameter, always in the same order.
    mutating func visitParameters(_ body: (inout Parameter<Scalar>) throws -> Void) rethrows
}

extension ParameterContainer {
    /// Zeroes every parameter's gradient.
    @inlinable
    public mutating func zeroGradients() { visitParameters { $0.zeroGradient() } }

    /// The total number of trainable scalars.
    @inlinable
    public var parameterCount: Int {
        var copy = self
        var total = 0
        copy.visitParameters { total += $0.count }
        return total
    }
}
