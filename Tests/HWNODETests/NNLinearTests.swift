import Linalg
import Testing
import HWNODE

@Suite struct NNLinearTests {
    /// W = [[1, 2], [3, 4], [5, 6]], b = (1, −1, 0.5), x₁ = (1, 1), x₂ = (2, −1):
    /// W x₁ + b = (3+1, 7−1, 11+0.5) = (4, 6, 11.5); W x₂ + b = (0+1, 2−1, 4+0.5) = (1, 1, 4.5).
    @Test func forwardOnAHandComputedCase() {
        var rng = SplitMix64(seed: 1)
        var layer = Linear<Double>(name: "l", inputs: 2, outputs: 3, bias: true, initialization: .pytorchDefault, using: &rng)
        layer.weight.value = Matrix([[1, 2], [3, 4], [5, 6]])
        layer.bias!.value = Matrix([[1], [-1], [0.5]])
        let y = layer.forward(Matrix([[1, 2], [1, -1]])).output
        #expect(y == Matrix([[4, 1], [6, 1], [11.5, 4.5]]))
    }

    @Test(arguments: [false, true]) func backwardMatchesCentralDifferences(bias: Bool) {
        var rng = SplitMix64(seed: 2)
        var layer = Linear<Double>(name: "l", inputs: 4, outputs: 3, bias: bias, initialization: .normal(standardDeviation: 0.5), using: &rng)
        if bias { layer.bias!.value = NNGradientCheck.gaussian(3, 1, seed: 9) }
        let x = NNGradientCheck.gaussian(4, 5, seed: 3)
        let r = NNGradientCheck.gaussian(3, 5, seed: 4)
        let errors = NNGradientCheck.relativeErrors(layer: layer, input: x) { layer, x, backward in
            let (y, cache) = layer.forward(x)
            return (NNGradientCheck.pairing(r, y), backward ? layer.backward(r, cache: cache) : nil)
        }
        #expect(errors.count == (bias ? 3 : 2))
        for (name, error) in errors { #expect(error < 1e-7, "\(name): \(error)") }
    }

    @Test func initializationsHaveTheirDistributions() {
        var rng = SplitMix64(seed: 5)
        let normal = Linear<Double>(name: "n", inputs: 64, outputs: 64, initialization: .normal(standardDeviation: 0.02), using: &rng)
        let values = normal.weight.value.storage
        let rms = (values.reduce(0) { $0 + $1 * $1 } / Double(values.count)).squareRoot()
        // 4096 draws: the sample RMS is within a few percent of σ = 0.02.
        #expect(abs(rms - 0.02) < 0.02 * 0.05)
        #expect(normal.bias == nil && normal.weight.decays && normal.weight.name == "n.weight")
        let uniform = Linear<Double>(name: "u", inputs: 16, outputs: 8, bias: true, initialization: .pytorchDefault, using: &rng)
        let bound = 1 / 4.0
        #expect(uniform.weight.value.storage.allSatisfy { abs($0) <= bound })
        #expect(uniform.bias!.value.storage.allSatisfy { abs($0) <= bound })
        #expect(uniform.bias!.decays == false && uniform.parameterCount == 16 * 8 + 8)
    }
}
