/// The shape and variant of an HWNODE block.
///
/// The defaults are the reference trainer's (`peers/lm/bytegpt.py`, class `HWNode`): two
/// virtual layers, the Taylor flow T_2, one-step power-iteration spectral normalization,
/// φ = leaky_relu(·, 0.5) and ψ = leaky_relu(·, 0.5)².
public struct HWNODEConfiguration: Sendable, Hashable, Codable {
    /// d, the width of the hidden state (rows of the block's input and output).
    public var width: Int
    /// n, the order of A (the ODE state's dimension).
    public var stateSize: Int
    /// L, how many times the same parameters are applied (no residual between them).
    public var virtualLayers: Int
    /// The flow P(M).
    public var flow: HWNODEFlow
    /// How σ in M = Δt·A/σ is found.
    public var normalization: HWNODENormalization
    /// φ, applied to W_in h.
    public var inputActivation: Activation
    /// ψ, applied to W_out P z.
    public var outputActivation: Activation

    public init(
        width: Int, stateSize: Int, virtualLayers: Int = 2, flow: HWNODEFlow = .taylor(order: 2),
        normalization: HWNODENormalization = .powerIteration,
        inputActivation: Activation = .leakyReLU, outputActivation: Activation = .squaredLeakyReLU
    ) {
        self.width = width
        self.stateSize = stateSize
        self.virtualLayers = virtualLayers
        self.flow = flow
        self.normalization = normalization
        self.inputActivation = inputActivation
        self.outputActivation = outputActivation
    }

    /// Throws `.invalidConfiguration` for a non-positive d, n or L, or a polynomial order outside
    /// `HWNODEFlow.orders`.
    public func validate() throws(HWNODEError) {
        guard width > 0 else { throw .invalidConfiguration("the width d must be positive, got \(width)") }
        guard stateSize > 0 else { throw .invalidConfiguration("the state size n must be positive, got \(stateSize)") }
        guard virtualLayers > 0 else {
            throw .invalidConfiguration("the number of virtual layers L must be positive, got \(virtualLayers)")
        }
        if let k = flow.order, !HWNODEFlow.orders.contains(k) {
            throw .invalidConfiguration("the flow order K must be in \(HWNODEFlow.orders), got \(k)")
        }
    }
}
