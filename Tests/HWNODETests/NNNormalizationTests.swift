import Linalg
import Testing
import HWNODE

@Suite struct NNNormalizationTests {
    /// Against the 40-digit references of scripts/make_nn_references.py: a handful of roundings
    /// per entry, so well inside 1e-14 of the largest entry.
    @Test func layerNormMatchesTheReference() {
        var norm = LayerNorm<Double>(name: "ln", dimension: 6)
        norm.weight.value = NNReferenceFixtures.normWeight
        let y = norm.forward(NNReferenceFixtures.normInput).output
        #expect(relativeDeviation(y, NNReferenceFixtures.layerNormOutput) < 1e-14)
        #expect(norm.epsilon == 1e-5 && norm.weight.name == "ln.weight" && !norm.weight.decays)
    }

    @Test func rmsNormMatchesTheReference() {
        var norm = RMSNorm<Double>(name: "rms", dimension: 6, epsilon: 1e-5)
        norm.weight!.value = NNReferenceFixtures.normWeight
        let y = norm.forward(NNReferenceFixtures.normInput).output
        #expect(relativeDeviation(y, NNReferenceFixtures.rmsNormOutput) < 1e-14)
    }

    /// A hand case: x = (3, 4) has mean 3.5 and biased variance 0.25, so without ε x̂ = (−1, 1);
    /// its mean square is 12.5, so RMSNorm gives (3, 4)/√12.5.
    @Test func handComputedColumns() {
        var ln = LayerNorm<Double>(name: "ln", dimension: 2, epsilon: 0)
        #expect(ln.forward(Matrix([[3], [4]])).output == Matrix([[-1], [1]]))
        var rms = RMSNorm<Double>(name: "rms", dimension: 2, learnsGain: false, epsilon: 0)
        let y = rms.forward(Matrix([[3], [4]])).output
        #expect(abs(y[0, 0] - 3 / 12.5.squareRoot()) < 1e-15 && abs(y[1, 0] - 4 / 12.5.squareRoot()) < 1e-15)
        #expect(rms.parameterCount == 0 && RMSNorm<Float>(name: "r", dimension: 2).epsilon == .ulpOfOne)
    }

    @Test func layerNormBackwardMatchesCentralDifferences() {
        var norm = LayerNorm<Double>(name: "ln", dimension: 6)
        norm.weight.value = NNReferenceFixtures.normWeight
        let r = NNGradientCheck.gaussian(6, 4, seed: 11)
        let errors = NNGradientCheck.relativeErrors(layer: norm, input: NNReferenceFixtures.normInput) { norm, x, backward in
            let (y, cache) = norm.forward(x)
            return (NNGradientCheck.pairing(r, y), backward ? norm.backward(r, cache: cache) : nil)
        }
        #expect(errors.count == 2)
        for (name, error) in errors { #expect(error < 1e-7, "\(name): \(error)") }
    }

    @Test(arguments: [true, false]) func rmsNormBackwardMatchesCentralDifferences(learnsGain: Bool) {
        var norm = RMSNorm<Double>(name: "rms", dimension: 6, learnsGain: learnsGain, epsilon: 1e-5)
        if learnsGain { norm.weight!.value = NNReferenceFixtures.normWeight }
        let r = NNGradientCheck.gaussian(6, 4, seed: 12)
        let errors = NNGradientCheck.relativeErrors(layer: norm, input: NNReferenceFixtures.normInput) { norm, x, backward in
            let (y, cache) = norm.forward(x)
            return (NNGradientCheck.pairing(r, y), backward ? norm.backward(r, cache: cache) : nil)
        }
        #expect(errors.count == (learnsGain ? 2 : 1))
        for (name, error) in errors { #expect(error < 1e-7, "\(name): \(error)") }
    }
}
