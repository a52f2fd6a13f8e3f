import Linalg
import RealModule

/// A fully connected layer y = W x (+ b) on a features × tokens activation matrix.
///
/// W is stored out × in, exactly like PyTorch's `nn.Linear.weight`, so checkpoints and the
/// per-row quantizer see the same rows (output features) as the reference trainer
/// (`peers/lm/bytegpt.py`).
public struct Linear<Scalar: LinalgScalar>: ParameterContainer {
    /// How the weight is drawn at creation.
    public enum Initialization: Sendable, Equatable {
        /// W ~ N(0, σ²), bias zero: nanoGPT's `normal_(0, 0.02)` (and 0.02/√(2L) for residual
        /// projections).
        case normal(standardDeviation: Double)
        /// PyTorch's default `nn.Linear` init: W and b ~ U(−1/√in, 1/√in)
        /// (`kaiming_uniform_(a=√5)` reduces to this bound).
        case pytorchDefault
    }

    /// The out × in weight (decays).
    public var weight: Parameter<Scalar>
    /// The out × 1 bias (does not decay), if the layer has one.
    public var bias: Parameter<Scalar>?

    /// The number of input features.
    public var inputs: Int { weight.value.columns }
    /// The number of output features.
    public var outputs: Int { weight.value.rows }

    /// What backward needs: the forward input.
    public struct Cache: Sendable {
        public let input: Matrix<Scalar>

        @inlinable
        public init(input: Matrix<Scalar>) { self.input = input }
    }

    /// A layer with parameters `name.weight` (and `name.bias`).
    public init<G: RandomNumberGenerator>(
        name: String, inputs: Int, outputs: Int, bias hasBias: Bool = false,
        initialization: Initialization, using rng: inout G
    ) {
        var w: Matrix<Scalar>
        var b = Matrix<Scalar>(rows: outputs, columns: 1)
        switch initialization {
        case .normal(let std):
            w = Matrix.randomGaussian(rows: outputs, columns: inputs, using: &rng)
            w.scale(by: Scalar(std))
        case .pytorchDefault:
            let bound = 1 / Double(inputs).squareRoot()
            w = Matrix(rows: outputs, columns: inputs)
            for i in w.storage.indices { w.storage[i] = Scalar(Double.random(in: -bound..<bound, using: &rng)) }
            if hasBias {
                for i in b.storage.indices { b.storage[i] = Scalar(Double.random(in: -bound..<bound, using: &rng)) }
            }
        }
        weight = Parameter(name: name + ".weight", value: w, decays: true)
        bias = hasBias ? Parameter(name: name + ".bias", value: b, decays: false) : nil
    }

    @inlinable
    public mutating func visitParameters(_ body: (inout Parameter<Scalar>) throws -> Void) rethrows {
        try body(&weight)
        if bias != nil { try body(&bias!) }
    }

    /// y = W x + b (one GEMM, then the bias broadcast over the token columns).
    @inlinable
    public mutating func forward(_ input: Matrix<Scalar>, training: Bool = true) -> (output: Matrix<Scalar>, cache: Cache) {
        precondition(input.rows == inputs, "Linear \(weight.name): input has \(input.rows) features, expected \(inputs)")
        var output = Matrix<Scalar>(rows: outputs, columns: input.columns)
        Matrix.multiply(weight.value, input, into: &output)
        if let bias {
            let m = outputs
            bias.value.storage.withUnsafeBufferPointer { b in
                output.storage.withUnsafeMutableBufferPointer { y in
                    for j in 0..<input.columns {
                        for i in 0..<m { y[i + j * m] += b[i] }
                    }
                }
            }
        }
        return (output, Cache(input: input))
    }

    /// ∂W += ∂y xᵀ, ∂b += Σ_tokens ∂y; returns ∂x = Wᵀ ∂y.
    @inlinable
    public mutating func backward(_ outputGradient: Matrix<Scalar>, cache: Cache) -> Matrix<Scalar> {
        precondition(outputGradient.rows == outputs && outputGradient.columns == cache.input.columns,
                     "Linear \(weight.name): output gradient shape")
        Matrix.multiply(outputGradient, transposed: false, cache.input, transposed: true, beta: 1, into: &weight.gradient)
        if bias != nil {
            let m = outputs
            outputGradient.storage.withUnsafeBufferPointer { dy in
                bias!.gradient.storage.withUnsafeMutableBufferPointer { db in
                    for j in 0..<outputGradient.columns {
                        for i in 0..<m { db[i] += dy[i + j * m] }
                    }
                }
            }
        }
        var inputGradient = Matrix<Scalar>(rows: inputs, columns: outputGradient.columns)
        Matrix.multiply(weight.value, transposed: true, outputGradient, into: &inputGradient)
        return inputGradient
    }
}
