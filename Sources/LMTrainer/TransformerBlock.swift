import HWNODE
import Linalg

/// One pre-LN transformer block (nanoGPT; `peers/lm/bytegpt.py`, class `Block`):
///
///     x ← x + attn(LN₁(x)),   x ← x + ffn(LN₂(x)).
public struct TransformerBlock<Scalar: LinalgScalar>: ParameterContainer {
    public var attentionNorm: LayerNorm<Scalar>
    public var attention: CausalSelfAttention<Scalar>
    public var feedForwardNorm: LayerNorm<Scalar>
    public var feedForward: FeedForwardLayer<Scalar>

    /// What backward needs.
    public struct Cache {
        let attentionNorm: LayerNorm<Scalar>.Cache
        let attention: CausalSelfAttention<Scalar>.Cache
        let feedForwardNorm: LayerNorm<Scalar>.Cache
        let feedForward: FeedForwardLayer<Scalar>.Cache
    }

    /// Block `index` of a model of `configuration`, parameters named `blocks.<index>.…` as in the
    /// reference's state dict.
    public init<G: RandomNumberGenerator>(_ configuration: GPTConfiguration, index: Int, seed: UInt64, using rng: inout G) throws {
        let name = "blocks.\(index)"
        let d = configuration.width
        attentionNorm = LayerNorm(name: name + ".ln1", dimension: d)
        attention = CausalSelfAttention(
            name: name + ".attn", dimension: d, heads: configuration.heads,
            initialization: .normal(standardDeviation: 0.02),
            projectionInitialization: .normal(standardDeviation: ByteGPT<Scalar>.residualStandardDeviation(layers: configuration.layers)),
            using: &rng)
        feedForwardNorm = LayerNorm(name: name + ".ln2", dimension: d)
        feedForward = try FeedForwardLayer(configuration, name: name + ".ff", seed: seed, using: &rng)
    }

    public mutating func visitParameters(_ body: (inout Parameter<Scalar>) throws -> Void) rethrows {
        try attentionNorm.visitParameters(body)
        try attention.visitParameters(body)
        try feedForwardNorm.visitParameters(body)
        try feedForward.visitParameters(body)
    }

    public mutating func forward(_ x: Matrix<Scalar>, sequenceLength: Int, training: Bool) throws -> (output: Matrix<Scalar>, cache: Cache) {
        var x = x
        let (h1, c1) = attentionNorm.forward(x, training: training)
        let (a, ca) = attention.forward(h1, sequenceLength: sequenceLength, training: training)
        x.add(a)
        let (h2, c2) = feedForwardNorm.forward(x, training: training)
        let (f, cf) = try feedForward.forward(h2, training: training)
        x.add(f)
        return (x, Cache(attentionNorm: c1, attention: ca, feedForwardNorm: c2, feedForward: cf))
    }

    /// Adds every parameter gradient; returns ∂loss/∂x.
    public mutating func backward(_ outputGradient: Matrix<Scalar>, cache: Cache) throws -> Matrix<Scalar> {
        var dx = outputGradient
        let dh2 = try feedForward.backward(dx, cache: cache.feedForward)
        dx.add(feedForwardNorm.backward(dh2, cache: cache.feedForwardNorm))
        let dh1 = attention.backward(dx, cache: cache.attention)
        dx.add(attentionNorm.backward(dh1, cache: cache.attentionNorm))
        return dx
    }
}
