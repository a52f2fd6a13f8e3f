import Linalg
import Testing
import HWNODE

@Suite struct NNMLPTests {
    static func fixtureLayer() -> MLP<Double> {
        var rng = SplitMix64(seed: 1)
        var layer = MLP<Double>(name: "ff", dimension: 4, hidden: 16, initialization: .normal(standardDeviation: 0.02),
                                downInitialization: .normal(standardDeviation: 0.01), using: &rng)
        layer.up.weight.value = NNReferenceFixtures.mlpUp
        layer.down.weight.value = NNReferenceFixtures.mlpDown
        return layer
    }

    /// Against the 40-digit reference (erf GELU): within 1e-14 of the largest output entry.
    @Test func forwardMatchesTheReference() {
        var layer = Self.fixtureLayer()
        let y = layer.forward(NNReferenceFixtures.mlpInput).output
        #expect(relativeDeviation(y, NNReferenceFixtures.mlpOutput) < 1e-14)
        var names: [String] = []
        layer.visitParameters { names.append($0.name) }
        #expect(names == ["ff.up.weight", "ff.down.weight"] && layer.activation == .gelu)
    }

    /// The evaluation forward (f′ left to backward) gives the training forward's output bit for
    /// bit, and a backward from it the same gradients (f′ formed from z instead of from the cache).
    @Test func evaluationForwardEqualsTrainingForward() {
        var trained = Self.fixtureLayer(), evaluated = Self.fixtureLayer()
        let r = NNGradientCheck.gaussian(4, 3, seed: 33)
        let training = trained.forward(NNReferenceFixtures.mlpInput, training: true)
        let evaluation = evaluated.forward(NNReferenceFixtures.mlpInput, training: false)
        #expect(training.output == evaluation.output && evaluation.cache.activationDerivative.isEmpty)
        let dxTraining = trained.backward(r, cache: training.cache)
        let dxEvaluation = evaluated.backward(r, cache: evaluation.cache)
        // f′ = Φ + xφ either way, formed with the same operations up to the order of one product.
        #expect(relativeDeviation(dxEvaluation, dxTraining) < 1e-15)
        #expect(relativeDeviation(evaluated.up.weight.gradient, trained.up.weight.gradient) < 1e-15)
    }

    /// A non-GELU activation (tanh) through the generic path.
    @Test func otherActivationsBackpropagate() {
        var rng = SplitMix64(seed: 3)
        let layer = MLP<Double>(name: "ff", dimension: 4, hidden: 8, activation: .tanh, initialization: .normal(standardDeviation: 0.5),
                                downInitialization: .normal(standardDeviation: 0.5), using: &rng)
        let r = NNGradientCheck.gaussian(4, 3, seed: 32)
        let errors = NNGradientCheck.relativeErrors(layer: layer, input: NNReferenceFixtures.mlpInput) { layer, x, backward in
            let (y, cache) = layer.forward(x)
            return (NNGradientCheck.pairing(r, y), backward ? layer.backward(r, cache: cache) : nil)
        }
        for (name, error) in errors { #expect(error < 1e-7, "\(name): \(error)") }
    }

    @Test func backwardMatchesCentralDifferences() {
        let layer = Self.fixtureLayer()
        let r = NNGradientCheck.gaussian(4, 3, seed: 31)
        let errors = NNGradientCheck.relativeErrors(layer: layer, input: NNReferenceFixtures.mlpInput) { layer, x, backward in
            let (y, cache) = layer.forward(x)
            return (NNGradientCheck.pairing(r, y), backward ? layer.backward(r, cache: cache) : nil)
        }
        #expect(errors.count == 3)
        for (name, error) in errors { #expect(error < 1e-7, "\(name): \(error)") }
    }
}
