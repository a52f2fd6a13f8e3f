import Linalg
import Testing
import HWNODE

@Suite struct NNAttentionTests {
    static func fixtureLayer() -> CausalSelfAttention<Double> {
        var rng = SplitMix64(seed: 1)
        var layer = CausalSelfAttention<Double>(
            name: "attn", dimension: 8, heads: 2, initialization: .normal(standardDeviation: 0.02),
            projectionInitialization: .normal(standardDeviation: 0.02), using: &rng)
        layer.qkv.weight.value = NNReferenceFixtures.attentionQKV
        layer.projection.weight.value = NNReferenceFixtures.attentionOut
        return layer
    }

    /// Against the 40-digit reference (two sequences of 4 tokens, two heads): softmax weights
    /// and sums of a few dozen terms, so within 1e-13 of the largest output entry.
    @Test func forwardMatchesTheReference() {
        var layer = Self.fixtureLayer()
        let y = layer.forward(NNReferenceFixtures.attentionInput, sequenceLength: 4).output
        #expect(relativeDeviation(y, NNReferenceFixtures.attentionOutput) < 1e-13)
        var names: [String] = []
        layer.visitParameters { names.append($0.name) }
        #expect(names == ["attn.qkv.weight", "attn.out.weight"] && layer.parameterCount == 4 * 64)
    }

    /// The first token of each sequence sees only itself: its output is W_out·v, whatever the
    /// other tokens are; and a token never sees the sequence before it in the batch.
    @Test func maskIsCausalWithinEachSequence() {
        var layer = Self.fixtureLayer()
        let x = NNReferenceFixtures.attentionInput
        let y = layer.forward(x, sequenceLength: 4).output
        var changed = x
        for i in 0..<8 { changed[i, 3] += 1; changed[i, 7] -= 2 }  // the last token of each sequence
        let z = layer.forward(changed, sequenceLength: 4).output
        for j in [0, 1, 2, 4, 5, 6] { for i in 0..<8 { #expect(y[i, j] == z[i, j]) } }
        let separate = layer.forward(Matrix(rows: 8, columns: 4, columnMajor: Array(x.storage[32...])), sequenceLength: 4).output
        #expect(relativeDeviation(separate, Matrix(rows: 8, columns: 4, columnMajor: Array(y.storage[32...]))) < 1e-15)
    }

    /// Scores of order 10⁴ would overflow exp without the max subtraction.
    @Test func softmaxIsStableForHugeScores() {
        var layer = Self.fixtureLayer()
        layer.qkv.weight.value.scale(by: 100)
        let y = layer.forward(NNReferenceFixtures.attentionInput, sequenceLength: 4).output
        #expect(y.isFinite)
    }

    @Test func backwardMatchesCentralDifferences() {
        let layer = Self.fixtureLayer()
        let r = NNGradientCheck.gaussian(8, 8, seed: 21)
        let errors = NNGradientCheck.relativeErrors(layer: layer, input: NNReferenceFixtures.attentionInput) { layer, x, backward in
            let (y, cache) = layer.forward(x, sequenceLength: 4)
            return (NNGradientCheck.pairing(r, y), backward ? layer.backward(r, cache: cache) : nil)
        }
        #expect(errors.count == 3)
        for (name, error) in errors { #expect(error < 1e-7, "\(name): \(error)") }
    }
}
