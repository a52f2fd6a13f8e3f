/// The shape of the byte-level GPT: everything needed to rebuild it (a checkpoint stores this as
/// JSON). Defaults are the reference trainer's (`peers/lm/bytegpt.py`, nanoGPT's CPU "baby GPT").
public struct GPTConfiguration: Codable, Sendable, Equatable {
    /// The feed-forward half of each block.
    public enum FeedForward: String, Codable, Sendable, CaseIterable {
        /// d → 4d → d with GELU.
        case mlp
        /// The Hammerstein–Wiener neural-ODE block of `HWNODE`.
        case hwnode
    }

    /// The polynomial flow P ≈ exp(AΔt) inside an HWNODE block.
    public enum Flow: String, Codable, Sendable, CaseIterable {
        /// Fixed Taylor T_K (the reference).
        case taylor
        /// Taylor with learned term weights, initialised to 1/k!.
        case learnedTaylor = "learned-taylor"
        /// Learned Chebyshev weights.
        case chebyshev
        /// Exact exponential by Padé scaling-and-squaring.
        case pade
    }

    /// The vocabulary: one token per byte value.
    public static let vocabularySize = 256

    public var feedForward: FeedForward = .mlp
    /// Blocks, L.
    public var layers = 4
    /// Model width d.
    public var width = 128
    /// Attention heads (d must be a multiple).
    public var heads = 4
    /// The longest context T (rows of the position table).
    public var contextLength = 64
    /// HWNODE state size n.
    public var stateDimension = 128
    /// HWNODE polynomial order K.
    public var order = 2
    /// HWNODE virtual layers (the same parameters applied this many times).
    public var virtualLayers = 2
    /// HWNODE flow.
    public var flow: Flow = .taylor

    public init() {}

    /// Why this configuration cannot build a model, or nil.
    public var problem: String? {
        if layers < 1 { return "the model needs at least 1 layer, got \(layers)" }
        if width < 1 || heads < 1 { return "width and heads must be positive, got \(width) and \(heads)" }
        if width % heads != 0 { return "width \(width) is not a multiple of heads \(heads)" }
        if contextLength < 1 { return "the block length must be positive, got \(contextLength)" }
        if feedForward == .hwnode {
            if stateDimension < 1 { return "the HWNODE state dimension must be positive, got \(stateDimension)" }
            if order < 1 { return "the HWNODE order must be positive, got \(order)" }
            if virtualLayers < 1 { return "the HWNODE block needs at least 1 virtual layer, got \(virtualLayers)" }
        }
        return nil
    }
}
