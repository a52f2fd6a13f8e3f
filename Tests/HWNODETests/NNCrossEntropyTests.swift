import Foundation
import Linalg
import Testing
import HWNODE

@Suite struct NNCrossEntropyTests {
    /// Equal logits give p = 1/256 for every byte: loss ln 256, whatever the common value
    /// (1000 would overflow exp without the max subtraction).
    @Test(arguments: [0.0, 1000.0, -1000.0]) func uniformLogitsCostLn256(value: Double) {
        let logits = Matrix<Double>(rows: 256, columns: 3, repeating: value)
        let (loss, gradient) = CrossEntropy.lossAndGradient(logits: logits, targets: [0, 65, 255])
        #expect(abs(loss - Foundation.log(256.0)) < 1e-14)
        // ∂/∂z = (1/256 − [c = target])/3.
        #expect(abs(gradient[1, 0] - 1.0 / 768) < 1e-18 && abs(gradient[65, 1] - (1.0 / 256 - 1) / 3) < 1e-16)
        let float = CrossEntropy.lossAndGradient(logits: Matrix<Float>(rows: 256, columns: 1), targets: [7]).loss
        #expect(abs(Double(float) - Foundation.log(256.0)) < 4e-7)
    }

    /// Against the 40-digit reference.
    @Test func matchesTheReference() {
        let logits = NNReferenceFixtures.crossEntropyLogits, targets = NNReferenceFixtures.crossEntropyTargets
        let loss = CrossEntropy.lossAndGradient(logits: logits, targets: targets).loss
        #expect(abs(loss - NNReferenceFixtures.crossEntropyLoss) < 1e-14 * NNReferenceFixtures.crossEntropyLoss)
        let total = CrossEntropy.totalLoss(logits: logits, targets: targets)
        #expect(abs(total - 3 * NNReferenceFixtures.crossEntropyLoss) < 1e-13 * NNReferenceFixtures.crossEntropyLoss)
    }

    @Test func gradientMatchesCentralDifferences() {
        let targets = NNReferenceFixtures.crossEntropyTargets
        let errors = NNGradientCheck.relativeErrors(layer: NoParameters(), input: NNReferenceFixtures.crossEntropyLogits) { _, z, backward in
            let (loss, gradient) = CrossEntropy.lossAndGradient(logits: z, targets: targets)
            return (loss, backward ? gradient : nil)
        }
        #expect(errors.count == 1 && errors["input"]! < 1e-7)
    }
}
