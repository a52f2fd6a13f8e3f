import Linalg
import RealModule

/// The transformer feed-forward block of nanoGPT and the reference trainer
/// (`peers/lm/bytegpt.py`, class `GeluMLP`): Linear d → 4d, GELU (erf form), Linear 4d → d,
/// both bias-free.
public struct MLP<Scalar: LinalgScalar>: ParameterContainer {
    /// d → hidden (`name.up`).
    public var up: Linear<Scalar>
    /// hidden → d (`name.down`).
    public var down: Linear<Scalar>
    /// The nonlinearity between them (GELU by default).
    public let activation: Activation

    /// What backward needs.
    public struct Cache: Sendable {
        public let upCache: Linear<Scalar>.Cache
        /// The pre-activation z (hidden × tokens).
        public let preActivation: Matrix<Scalar>
        /// f′(z), formed in the training forward pass (for GELU from the same Φ the value needs,
        /// so backward evaluates no erf); empty after an evaluation forward, whose backward forms
        /// f′ from z.
        public let activationDerivative: Matrix<Scalar>
        public let downCache: Linear<Scalar>.Cache

        @inlinable
        public init(upCache: Linear<Scalar>.Cache, preActivation: Matrix<Scalar>, activationDerivative: Matrix<Scalar>,
                    downCache: Linear<Scalar>.Cache) {
            self.upCache = upCache
            self.preActivation = preActivation
            self.activationDerivative = activationDerivative
            self.downCache = downCache
        }
    }

    /// - Parameters:
    ///   - name: the prefix of the parameter names (`name.up`, `name.down`).
    ///   - dimension: the model width d (input and output).
    ///   - hidden: the inner width (nanoGPT: 4d).
    ///   - activation: the elementwise nonlinearity between the two projections.
    ///   - initialization: of the up projection (nanoGPT: N(0, 0.02)).
    ///   - downInitialization: of the down projection (nanoGPT: N(0, 0.02/√(2L))).
    ///   - rng: draws the initial weights (up first, then down).
    public init<G: RandomNumberGenerator>(
        name: String, dimension: Int, hidden: Int, activation: Activation = .gelu,
        initialization: Linear<Scalar>.Initialization, downInitialization: Linear<Scalar>.Initialization,
        using rng: inout G
    ) {
        up = Linear(name: name + ".up", inputs: dimension, outputs: hidden, initialization: initialization, using: &rng)
        down = Linear(name: name + ".down", inputs: hidden, outputs: dimension, initialization: downInitialization, using: &rng)
        self.activation = activation
    }

    @inlinable
    public mutating func visitParameters(_ body: (inout Parameter<Scalar>) throws -> Void) rethrows {
        try up.visitParameters(body)
        try down.visitParameters(body)
    }

    /// With `training` false, f′ is left to backward (evaluation usually has none).
    @inlinable
    public mutating func forward(_ input: Matrix<Scalar>, training: Bool = true) -> (output: Matrix<Scalar>, cache: Cache) {
        let (preActivation, upCache) = up.forward(input, training: training)
        var activated = Matrix<Scalar>(rows: preActivation.rows, columns: preActivation.columns)
        var derivative = Matrix<Scalar>(rows: training ? preActivation.rows : 0, columns: training ? preActivation.columns : 0)
        let f = activation
        preActivation.storage.withUnsafeBufferPointer { z in
            activated.storage.withUnsafeMutableBufferPointer { a in
                derivative.storage.withUnsafeMutableBufferPointer { da in
                    if f == .gelu && training {
                        // x·Φ(x) and its derivative Φ(x) + x·φ(x) from one erf and one exp.
                        let inverseRootTwoPi = 1 / (2 * Scalar.pi).squareRoot()
                        for i in 0..<z.count {
                            let x = z[i], cdf = Activation.normalCDF(x)
                            a[i] = x * cdf
                            da[i] = cdf + x * Scalar.exp(-x * x / 2) * inverseRootTwoPi
                        }
                    } else {
                        for i in 0..<z.count { a[i] = f.value(z[i]) }
                        if training { for i in 0..<z.count { da[i] = f.derivative(z[i]) } }
                    }
                }
            }
        }
        let (output, downCache) = down.forward(activated, training: training)
        return (output, Cache(upCache: upCache, preActivation: preActivation, activationDerivative: derivative, downCache: downCache))
    }

    @inlinable
    public mutating func backward(_ outputGradient: Matrix<Scalar>, cache: Cache) -> Matrix<Scalar> {
        let activatedGradient = down.backward(outputGradient, cache: cache.downCache)
        var preActivationGradient = Matrix<Scalar>(rows: activatedGradient.rows, columns: activatedGradient.columns)
        let f = activation
        activatedGradient.storage.withUnsafeBufferPointer { da in
            preActivationGradient.storage.withUnsafeMutableBufferPointer { dz in
                if cache.activationDerivative.isEmpty {
                    cache.preActivation.storage.withUnsafeBufferPointer { z in
                        for i in 0..<z.count { dz[i] = f.derivative(z[i]) * da[i] }
                    }
                } else {
                    cache.activationDerivative.storage.withUnsafeBufferPointer { fPrime in
                        for i in 0..<fPrime.count { dz[i] = fPrime[i] * da[i] }
                    }
                }
            }
        }
        return up.backward(preActivationGradient, cache: cache.upCache)
    }
}
