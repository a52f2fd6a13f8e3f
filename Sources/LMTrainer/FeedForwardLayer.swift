import HWNODE
import Linalg

/// The feed-forward half of a transformer block: nanoGPT's GELU MLP or the HWNODE block.
///
/// A struct holding exactly one of the two layers (not an enum with payloads): the layer is then
/// mutated in place through the optional, whereas extracting an enum payload into a local copy
/// would share its storage with `self` and copy every gradient and buffer matrix on the first
/// write of each call.
public struct FeedForwardLayer<Scalar: LinalgScalar>: ParameterContainer {
    /// The MLP, when the block uses one (otherwise `nil`).
    public private(set) var mlp: MLP<Scalar>?
    /// The HWNODE block, when the block uses one (otherwise `nil`).
    public private(set) var hwnode: HWNODEBlock<Scalar>?

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
            mlp = MLP(
                name: name, dimension: d, hidden: 4 * d,
                initialization: .normal(standardDeviation: 0.02),
                downInitialization: .normal(standardDeviation: ByteGPT<Scalar>.residualStandardDeviation(layers: configuration.layers)),
                using: &rng)
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
            hwnode = try HWNODEBlock(block, name: name, seed: seed)
        }
    }

    public mutating func visitParameters(_ body: (inout Parameter<Scalar>) throws -> Void) rethrows {
        if mlp != nil { try mlp!.visitParameters(body) }
        if hwnode != nil { try hwnode!.visitParameters(body) }
    }

    /// The HWNODE block's power-iteration vectors (the MLP has no buffers).
    public mutating func visitBuffers(_ body: (String, inout Matrix<Scalar>) throws -> Void) rethrows {
        if hwnode != nil { try hwnode!.visitBuffers(body) }
    }

    public mutating func forward(_ input: Matrix<Scalar>, training: Bool) throws -> (output: Matrix<Scalar>, cache: Cache) {
        if mlp != nil {
            let (output, cache) = mlp!.forward(input, training: training)
            return (output, .mlp(cache))
        }
        let (output, cache) = try hwnode!.forward(input, training: training)
        return (output, .hwnode(cache))
    }

    public mutating func backward(_ outputGradient: Matrix<Scalar>, cache: Cache) throws -> Matrix<Scalar> {
        switch cache {
        case .mlp(let cache) where mlp != nil:
            return mlp!.backward(outputGradient, cache: cache)
        case .hwnode(let cache) where hwnode != nil:
            return try hwnode!.backward(outputGradient, cache: cache)
        default:
            preconditionFailure("FeedForwardLayer.backward: the cache comes from another kind of layer")
        }
    }
}
