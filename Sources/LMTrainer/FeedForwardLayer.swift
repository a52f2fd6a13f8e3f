import HWNODE
import Linalg

/// The feed-forward half of a transformer block: nanoGPT's GELU MLP or the HWNODE block.
public enum FeedForwardLayer<Scalar: LinalgScalar>: ParameterContainer {
    case mlp(MLP<Scalar>)
    case hwnode(HWNODEBlock<Scalar>)

    /// What backward needs.
    public enum Cache {
        case mlp(MLP<Scalar>.Cache)
        case hwnode(HWNODEBlock<Scalar>.Cache)
    }

    /// The layer named `name` (`blocks.i.ff`) for `configuration`, initialised as the reference
    /// trainer does (`peers/lm/bytegpt.py`): MLP up N(0, 0.02), down N(0, 0.02/√(2L)); HWNODE
    /// with its own initialization (PyTorch-default W_in, W_out; A ~ N(0, 0.1²); Δt = 1), seeded
    /// with `seed`.
    public init<G: RandomNumberGenerator>(
        _ configuration: GPTConfiguration, name: String, seed: UInt64, using rng: inout G
    ) throws {
        let d = configuration.width
        switch configuration.feedForward {
        case .mlp:
            self = .mlp(MLP(
                name: name, dimension: d, hidden: 4 * d,
                initialization: .normal(standardDeviation: 0.02),
                downInitialization: .normal(standardDeviation: ByteGPT<Scalar>.residualStandardDeviation(layers: configuration.layers)),
                using: &rng))
        case .hwnode:
            let flow: HWNODEFlow
            switch configuration.flow {
            case .taylor: flow = .taylor(order: configuration.order)
            case .learnedTaylor: flow = .learnedTaylor(order: configuration.order)
            case .chebyshev: flow = .learnedChebyshev(order: configuration.order)
            case .pade: flow = .exponential
            }
            let block = HWNODEConfiguration(
                width: d, stateSize: configuration.stateDimension, virtualLayers: configuration.virtualLayers, flow: flow)
            self = .hwnode(try HWNODEBlock(block, name: name, seed: seed))
        }
    }

    public mutating func visitParameters(_ body: (inout Parameter<Scalar>) throws -> Void) rethrows {
        switch self {
        case .mlp(var layer):
            try layer.visitParameters(body)
            self = .mlp(layer)
        case .hwnode(var layer):
            try layer.visitParameters(body)
            self = .hwnode(layer)
        }
    }

    /// The HWNODE block's power-iteration vectors (the MLP has no buffers).
    public mutating func visitBuffers(_ body: (String, inout Matrix<Scalar>) throws -> Void) rethrows {
        if case .hwnode(var layer) = self {
            try layer.visitBuffers(body)
            self = .hwnode(layer)
        }
    }

    public mutating func forward(_ input: Matrix<Scalar>, training: Bool) throws -> (output: Matrix<Scalar>, cache: Cache) {
        switch self {
        case .mlp(var layer):
            let (output, cache) = layer.forward(input, training: training)
            self = .mlp(layer)
            return (output, .mlp(cache))
        case .hwnode(var layer):
            let (output, cache) = try layer.forward(input, training: training)
            self = .hwnode(layer)
            return (output, .hwnode(cache))
        }
    }

    public mutating func backward(_ outputGradient: Matrix<Scalar>, cache: Cache) throws -> Matrix<Scalar> {
        switch (self, cache) {
        case (.mlp(var layer), .mlp(let cache)):
            let gradient = layer.backward(outputGradient, cache: cache)
            self = .mlp(layer)
            return gradient
        case (.hwnode(var layer), .hwnode(let cache)):
            let gradient = try layer.backward(outputGradient, cache: cache)
            self = .hwnode(layer)
            return gradient
        default:
            preconditionFailure("FeedForwardLayer.backward: the cache comes from another kind of layer")
        }
    }
}
