import Linalg
import Testing
import HWNODE

/// The kit against PyTorch in float64 (scripts/make_nn_pytorch_references.py): forwards and
/// autograd gradients of the loss Σ R ⊙ y, and the optimizer semantics it copies. Both sides
/// round differently (summation order, BLAS blocking), so agreement is to a few hundred units
/// of roundoff of the largest entry: 1e-13 relative, six orders below the central-difference bar.
@Suite struct NNPyTorchTests {
    typealias F = NNPyTorchFixtures

    @Test func layerNorm() {
        var norm = LayerNorm<Double>(name: "ln", dimension: 6)
        norm.weight.value = F.layerNormWeight
        let (y, cache) = norm.forward(F.layerNormInput)
        let dx = norm.backward(F.layerNormCotangent, cache: cache)
        #expect(relativeDeviation(y, F.layerNormOutput) < 1e-13)
        #expect(relativeDeviation(dx, F.layerNormInputGradient) < 1e-13)
        #expect(relativeDeviation(norm.weight.gradient, F.layerNormWeightGradient) < 1e-13)
    }

    @Test func causalSelfAttention() {
        var rng = SplitMix64(seed: 1)
        var attention = CausalSelfAttention<Double>(
            name: "attn", dimension: 8, heads: 2, initialization: .normal(standardDeviation: 0.02),
            projectionInitialization: .normal(standardDeviation: 0.02), using: &rng)
        attention.qkv.weight.value = F.attentionQKV
        attention.projection.weight.value = F.attentionOut
        let (y, cache) = attention.forward(F.attentionInput, sequenceLength: 4)
        let dx = attention.backward(F.attentionCotangent, cache: cache)
        #expect(relativeDeviation(y, F.attentionOutput) < 1e-13)
        #expect(relativeDeviation(dx, F.attentionInputGradient) < 1e-13)
        #expect(relativeDeviation(attention.qkv.weight.gradient, F.attentionQKVGradient) < 1e-13)
        #expect(relativeDeviation(attention.projection.weight.gradient, F.attentionOutGradient) < 1e-13)
    }

    @Test func geluMLP() {
        var rng = SplitMix64(seed: 1)
        var mlp = MLP<Double>(name: "ff", dimension: 4, hidden: 16, initialization: .normal(standardDeviation: 0.02),
                              downInitialization: .normal(standardDeviation: 0.02), using: &rng)
        mlp.up.weight.value = F.mlpUp
        mlp.down.weight.value = F.mlpDown
        let (y, cache) = mlp.forward(F.mlpInput)
        let dx = mlp.backward(F.mlpCotangent, cache: cache)
        #expect(relativeDeviation(y, F.mlpOutput) < 1e-13)
        #expect(relativeDeviation(dx, F.mlpInputGradient) < 1e-13)
        #expect(relativeDeviation(mlp.up.weight.gradient, F.mlpUpGradient) < 1e-13)
        #expect(relativeDeviation(mlp.down.weight.gradient, F.mlpDownGradient) < 1e-13)
    }

    @Test func crossEntropy() {
        let (loss, gradient) = CrossEntropy.lossAndGradient(logits: F.crossEntropyLogits, targets: F.crossEntropyTargets)
        #expect(abs(loss - F.crossEntropyLoss) < 1e-14 * F.crossEntropyLoss)
        #expect(relativeDeviation(gradient, F.crossEntropyGradient) < 1e-13)
    }

    /// Three steps of torch.optim.AdamW (groups with weight decay 0.1 and 0) at changing rates.
    @Test func adamW() {
        struct Two: ParameterContainer {
            var decaying = Parameter(name: "w", value: F.adamDecayingStart, decays: true)
            var plain = Parameter(name: "g", value: F.adamPlainStart, decays: false)
            mutating func visitParameters(_ body: (inout Parameter<Double>) throws -> Void) rethrows {
                try body(&decaying)
                try body(&plain)
            }
        }
        var model = Two()
        var optimizer = AdamW<Double>(beta1: 0.9, beta2: 0.99, epsilon: 1e-8, weightDecay: 0.1)
        let gradients = [(F.adamDecayingGradient0, F.adamPlainGradient0), (F.adamDecayingGradient1, F.adamPlainGradient1),
                         (F.adamDecayingGradient2, F.adamPlainGradient2)]
        for (step, (decaying, plain)) in gradients.enumerated() {
            model.decaying.gradient = decaying
            model.plain.gradient = plain
            optimizer.step(&model, learningRate: F.adamRates[step])
        }
        #expect(relativeDeviation(model.decaying.value, F.adamDecayingEnd) < 1e-15)
        #expect(relativeDeviation(model.plain.value, F.adamPlainEnd) < 1e-15)
    }

    @Test func clipGradNorm() {
        struct Two: ParameterContainer {
            var first = Parameter(name: "a", value: Matrix<Double>(rows: 2, columns: 3), decays: true)
            var second = Parameter(name: "b", value: Matrix<Double>(rows: 4, columns: 1), decays: false)
            mutating func visitParameters(_ body: (inout Parameter<Double>) throws -> Void) rethrows {
                try body(&first)
                try body(&second)
            }
        }
        var model = Two()
        model.first.gradient = F.clipFirstGradient
        model.second.gradient = F.clipSecondGradient
        let norm = model.clipGradientNorm(maxNorm: 1)
        #expect(abs(norm - F.clipNorm) < 1e-15 * F.clipNorm)
        #expect(relativeDeviation(model.first.gradient, F.clipFirstClipped) < 1e-15)
        #expect(relativeDeviation(model.second.gradient, F.clipSecondClipped) < 1e-15)
    }
}
