import Foundation
import HWNODE
import Linalg

/// The byte-level GPT of the reference trainer (`peers/lm/bytegpt.py`, class `ByteGPT`; nanoGPT's
/// model without dropout and biases):
///
///     x = E[tokens] + P[positions]
///     x ← block_l(x)  for l = 1 … L      (pre-LN: x + attn(LN(x)), then x + ffn(LN(x)))
///     logits = E · LN_f(x)                (the head tied to the token embedding E)
///
/// Initialization as nanoGPT: every embedding and projection N(0, 0.02), the residual
/// projections (attention out, MLP down) N(0, 0.02/√(2L)); LayerNorm gains 1; HWNODE blocks their
/// own (`FeedForwardLayer`). Parameter names are the reference's state-dict keys (`tok.weight`,
/// `blocks.0.attn.qkv.weight`, …, `ln_f.weight`), so checkpoints line up with it.
///
/// The entry points are specialized for `Float` (`@_specialize`), so that a caller in another
/// module (a benchmark, a notebook) runs the specialized code rather than the generic one, which
/// is several times slower per element.
public struct ByteGPT<Scalar: LinalgScalar>: ParameterContainer, LanguageModel {
    public let configuration: GPTConfiguration
    public var tokenEmbedding: Embedding<Scalar>
    public var positionEmbedding: PositionEmbedding<Scalar>
    public var blocks: [TransformerBlock<Scalar>]
    public var finalNorm: LayerNorm<Scalar>

    /// The standard deviation of the residual projections' init, 0.02/√(2L) (GPT-2, nanoGPT).
    public static func residualStandardDeviation(layers: Int) -> Double { 0.02 / (2 * Double(layers)).squareRoot() }

    /// A freshly initialised model; the same seed draws the same weights.
    /// - Throws: `TrainerError.invalidConfiguration` for a configuration that cannot build a model.
    public init(configuration: GPTConfiguration, seed: UInt64) throws {
        if let problem = configuration.problem { throw TrainerError.invalidConfiguration(problem) }
        self.configuration = configuration
        var rng = SplitMix64(seed: seed)
        tokenEmbedding = Embedding(name: "tok", vocabularySize: GPTConfiguration.vocabularySize, dimension: configuration.width, using: &rng)
        positionEmbedding = PositionEmbedding(name: "pos", contextLength: configuration.contextLength, dimension: configuration.width, using: &rng)
        blocks = []
        for index in 0..<configuration.layers {
            let blockSeed = rng.next()
            do {
                blocks.append(try TransformerBlock(configuration, index: index, seed: blockSeed, using: &rng))
            } catch let error as HWNODEError {
                throw TrainerError.invalidConfiguration("\(error)")
            }
        }
        finalNorm = LayerNorm(name: "ln_f", dimension: configuration.width)
    }

    public var contextLength: Int { configuration.contextLength }

    public mutating func visitParameters(_ body: (inout Parameter<Scalar>) throws -> Void) rethrows {
        try tokenEmbedding.visitParameters(body)
        try positionEmbedding.visitParameters(body)
        for index in blocks.indices { try blocks[index].visitParameters(body) }
        try finalNorm.visitParameters(body)
    }

    /// The non-trainable state (the HWNODE power-iteration vectors), by checkpoint name.
    public mutating func visitBuffers(_ body: (String, inout Matrix<Scalar>) throws -> Void) rethrows {
        for index in blocks.indices { try blocks[index].feedForward.visitBuffers(body) }
    }

    /// What backward needs.
    public struct Cache {
        let tokens: Embedding<Scalar>.Cache
        let blocks: [TransformerBlock<Scalar>.Cache]
        let finalNorm: LayerNorm<Scalar>.Cache
        let head: Embedding<Scalar>.HeadCache
        let sequenceLength: Int
    }

    /// Logits (256 × B·T) for B sequences of `sequenceLength` bytes. In training mode the HWNODE
    /// blocks advance their power iteration.
    @_specialize(where Scalar == Float)
    public mutating func forward(tokens: [UInt8], sequenceLength: Int, training: Bool) throws -> (logits: Matrix<Scalar>, cache: Cache) {
        precondition(sequenceLength >= 1 && sequenceLength <= contextLength && tokens.count % sequenceLength == 0,
                     "ByteGPT: \(tokens.count) tokens do not split into sequences of \(sequenceLength) ≤ \(contextLength)")
        var (x, tokenCache) = tokenEmbedding.forward(tokens)
        positionEmbedding.add(to: &x, sequenceLength: sequenceLength)
        var blockCaches = [TransformerBlock<Scalar>.Cache]()
        blockCaches.reserveCapacity(blocks.count)
        for index in blocks.indices {
            let (y, cache) = try blocks[index].forward(x, sequenceLength: sequenceLength, training: training)
            x = y
            blockCaches.append(cache)
        }
        let (h, normCache) = finalNorm.forward(x, training: training)
        let (logits, headCache) = tokenEmbedding.logits(h)
        return (logits, Cache(tokens: tokenCache, blocks: blockCaches, finalNorm: normCache, head: headCache, sequenceLength: sequenceLength))
    }

    /// Adds ∂loss/∂θ into every parameter's gradient, given ∂loss/∂logits.
    @_specialize(where Scalar == Float)
    public mutating func backward(_ logitsGradient: Matrix<Scalar>, cache: Cache) throws {
        let dh = tokenEmbedding.backwardLogits(logitsGradient, cache: cache.head)
        var dx = finalNorm.backward(dh, cache: cache.finalNorm)
        for index in blocks.indices.reversed() {
            dx = try blocks[index].backward(dx, cache: cache.blocks[index])
        }
        positionEmbedding.backward(dx, sequenceLength: cache.sequenceLength)
        tokenEmbedding.backward(dx, cache: cache.tokens)
    }

    /// One training forward and backward pass on `batch`: the mean cross-entropy (nats per byte),
    /// with its gradient added into the parameters (call `zeroGradients()` first).
    @_specialize(where Scalar == Float)
    public mutating func lossAndGradient(_ batch: TokenBatch) throws -> Scalar {
        let (logits, cache) = try forward(tokens: batch.inputs, sequenceLength: batch.sequenceLength, training: true)
        let (loss, logitsGradient) = CrossEntropy.lossAndGradient(logits: logits, targets: batch.targets)
        try backward(logitsGradient, cache: cache)
        return loss
    }

    /// Evaluation-mode logits (no buffer updates), for `Evaluation` and `TextSampler`.
    @_specialize(where Scalar == Float)
    public mutating func logits(tokens: [UInt8], sequenceLength: Int) throws -> Matrix<Scalar> {
        try forward(tokens: tokens, sequenceLength: sequenceLength, training: false).logits
    }
}
