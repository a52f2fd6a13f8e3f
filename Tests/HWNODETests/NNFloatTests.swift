import Linalg
import Testing
import HWNODE

/// The trainer runs the kit in Float: each forward in Float against the 40-digit references.
/// Every output is at most three stages of dot products of length ≤ 24 (plus a softmax or a
/// normalization), so its error is a few times n·u_f·Σ|terms| ≈ 24 · 6e-8 · O(1); 2e-5 of the
/// largest output entry leaves room for the cancellation in these O(1) fixtures, and is still
/// ~10⁹ times the Double tests' bar, so a Double-only or a Float-broken path cannot pass both.
@Suite struct NNFloatTests {
    static func deviation(_ a: Matrix<Float>, _ b: Matrix<Double>) -> Double {
        relativeDeviation(a.converted(to: Double.self), b)
    }

    @Test func layerNormAndRMSNorm() {
        var ln = LayerNorm<Float>(name: "ln", dimension: 6)
        ln.weight.value = NNReferenceFixtures.normWeight.converted()
        let x = NNReferenceFixtures.normInput.converted(to: Float.self)
        #expect(Self.deviation(ln.forward(x).output, NNReferenceFixtures.layerNormOutput) < 2e-5)
        var rms = RMSNorm<Float>(name: "rms", dimension: 6, epsilon: 1e-5)
        rms.weight!.value = NNReferenceFixtures.normWeight.converted()
        #expect(Self.deviation(rms.forward(x).output, NNReferenceFixtures.rmsNormOutput) < 2e-5)
    }

    @Test func attention() {
        var rng = SplitMix64(seed: 1)
        var layer = CausalSelfAttention<Float>(
            name: "attn", dimension: 8, heads: 2, initialization: .normal(standardDeviation: 0.02),
            projectionInitialization: .normal(standardDeviation: 0.02), using: &rng)
        layer.qkv.weight.value = NNReferenceFixtures.attentionQKV.converted()
        layer.projection.weight.value = NNReferenceFixtures.attentionOut.converted()
        let y = layer.forward(NNReferenceFixtures.attentionInput.converted(), sequenceLength: 4).output
        #expect(Self.deviation(y, NNReferenceFixtures.attentionOutput) < 2e-5)
    }

    @Test func mlpAndCrossEntropy() {
        var rng = SplitMix64(seed: 1)
        var mlp = MLP<Float>(name: "ff", dimension: 4, hidden: 16, initialization: .normal(standardDeviation: 0.02),
                             downInitialization: .normal(standardDeviation: 0.01), using: &rng)
        mlp.up.weight.value = NNReferenceFixtures.mlpUp.converted()
        mlp.down.weight.value = NNReferenceFixtures.mlpDown.converted()
        #expect(Self.deviation(mlp.forward(NNReferenceFixtures.mlpInput.converted()).output, NNReferenceFixtures.mlpOutput) < 2e-5)
        // 256 exponentials summed per column, then a log: relative error a few times 256·u_f/ln-scale.
        let loss = CrossEntropy.lossAndGradient(
            logits: NNReferenceFixtures.crossEntropyLogits.converted(to: Float.self), targets: NNReferenceFixtures.crossEntropyTargets).loss
        #expect(abs(Double(loss) - NNReferenceFixtures.crossEntropyLoss) < 2e-5 * NNReferenceFixtures.crossEntropyLoss)
    }
}
