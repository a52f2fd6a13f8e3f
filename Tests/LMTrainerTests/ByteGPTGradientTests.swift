import Linalg
import Testing
import HWNODE
import LMTrainer

/// The whole model's backward pass against central differences of its loss, in Double, on tiny
/// configurations of both feed-forward kinds. Evaluation mode throughout, so the HWNODE
/// power-iteration vectors stay fixed (in training mode they move with every forward pass, and
/// their update carries no gradient by design).
@Suite struct ByteGPTGradientTests {
    static func tinyConfiguration(_ feedForward: GPTConfiguration.FeedForward) -> GPTConfiguration {
        var c = GPTConfiguration()
        c.feedForward = feedForward
        c.layers = 2
        c.width = 8
        c.heads = 2
        c.contextLength = 5
        c.stateDimension = 6
        c.order = 2
        c.virtualLayers = 2
        return c
    }

    /// The model at a generic point: every parameter redrawn at a scale where all terms matter
    /// (LayerNorm gains and Δt near 1, weights O(0.3)).
    static func genericModel(_ feedForward: GPTConfiguration.FeedForward) throws -> ByteGPT<Double> {
        var model = try ByteGPT<Double>(configuration: tinyConfiguration(feedForward), seed: 3)
        var rng = SplitMix64(seed: 11)
        model.visitParameters { p in
            var noise = Matrix<Double>.randomGaussian(rows: p.value.rows, columns: p.value.columns, using: &rng)
            if p.value.columns == 1 {
                noise.scale(by: 0.2)
                p.value.storage = p.value.storage.indices.map { 1 + noise.storage[$0] }
            } else {
                noise.scale(by: 0.3)
                p.value = noise
            }
        }
        return model
    }

    static let tokens: [UInt8] = [3, 200, 17, 3, 99, 250, 0, 17, 17, 3]
    static let targets: [UInt8] = [200, 17, 3, 99, 1, 0, 17, 17, 3, 128]

    static func loss(_ model: ByteGPT<Double>) throws -> Double {
        var copy = model
        let (logits, _) = try copy.forward(tokens: tokens, sequenceLength: 5, training: false)
        return CrossEntropy.lossAndGradient(logits: logits, targets: targets).loss
    }

    @Test("backward matches five-point central differences along a random direction per parameter",
          arguments: GPTConfiguration.FeedForward.allCases)
    func backwardMatchesCentralDifferences(feedForward: GPTConfiguration.FeedForward) throws {
        var model = try Self.genericModel(feedForward)
        let (logits, cache) = try model.forward(tokens: Self.tokens, sequenceLength: 5, training: false)
        let (_, logitsGradient) = CrossEntropy.lossAndGradient(logits: logits, targets: Self.targets)
        try model.backward(logitsGradient, cache: cache)

        var gradients: [(name: String, gradient: Matrix<Double>)] = []
        model.visitParameters { gradients.append(($0.name, $0.gradient)) }
        var rng = SplitMix64(seed: 5)
        let h = 1e-3
        for (index, (name, gradient)) in gradients.enumerated() {
            var direction = Matrix<Double>.randomGaussian(rows: gradient.rows, columns: gradient.columns, using: &rng)
            direction.scale(by: 1 / direction.storage.reduce(0) { $0 + $1 * $1 }.squareRoot())   // unit length
            func shifted(_ step: Double) throws -> Double {
                var copy = model
                var i = 0
                copy.visitParameters { p in
                    if i == index { p.value.add(direction, scaledBy: step) }
                    i += 1
                }
                return try Self.loss(copy)
            }
            // Five-point central difference: truncation h⁴/30·|f⁽⁵⁾|, rounding ≈ 1.5·u·|f|/h.
            let numeric = (8 * (try shifted(h) - shifted(-h)) - (try shifted(2 * h) - shifted(-2 * h))) / (12 * h)
            let analytic = zip(gradient.storage, direction.storage).reduce(0) { $0 + $1.0 * $1.1 }
            // Along a unit direction with h = 1e-3 the differences agree to ≤ 2e-10 relative here;
            // 1e-8 (the design's bar for Double gradients) leaves room without hiding a wrong term,
            // which would show as an O(1) relative error.
            let scale = max(abs(analytic), 1e-3)
            #expect(abs(numeric - analytic) <= 1e-8 * scale, "\(name): numeric \(numeric), analytic \(analytic)")
        }
        #expect(gradients.count == (feedForward == .mlp ? 3 + 2 * 6 : 3 + 2 * 8))
    }
}
