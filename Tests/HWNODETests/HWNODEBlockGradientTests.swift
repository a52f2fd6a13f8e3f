import HWNODE
import Linalg
import MatrixExp
import Testing

/// Every gradient of the HWNODE block (input, W_in, W_out, A, Δt, learned flow weights) against
/// central differences, for each flow, each normalization and L = 1, 2, 3.
@Suite struct HWNODEBlockGradientTests {
    static let flows: [HWNODEFlow] = [.taylor(order: 2), .learnedTaylor(order: 3), .learnedChebyshev(order: 3), .exponential]

    /// The loss ⟨G, block(h)⟩ and its gradients, checked against central differences of the same
    /// loss evaluated in evaluation mode on the block as it is after the training step: that is
    /// the function the backward pass differentiates (σ = ‖A v‖ with the stepped v held fixed,
    /// since u and v carry no gradient).
    @Test(arguments: flows, HWNODENormalization.allCases)
    func gradientsMatchCentralDifferences(flow: HWNODEFlow, normalization: HWNODENormalization) throws {
        for layers in 1...3 {
            let configuration = HWNODEConfiguration(
                width: 4, stateSize: 3, virtualLayers: layers, flow: flow, normalization: normalization)
            var block = try HWNODEBlock<Double>(configuration, name: "ff", seed: 7)
            // Away from the initial values, so that no gradient is special: Δt ≠ 1, weights off 1/k!.
            block.timeStep.value.storage[0] = 0.8
            if block.flowWeights != nil {
                for k in block.flowWeights!.value.storage.indices { block.flowWeights!.value.storage[k] *= 1 + 0.1 * Double(k + 1) }
            }
            var rng = SplitMix64(seed: 11)
            let input = Matrix<Double>.randomGaussian(rows: 4, columns: 5, using: &rng)
            let cotangent = Matrix<Double>.randomGaussian(rows: 4, columns: 5, using: &rng)

            let (output, cache) = try block.forward(input, training: true)
            let inputGradient = try block.backward(cotangent, cache: cache)
            var frozen = block   // one copy for every evaluation, so that its workspace and tape are reused

            func loss(_ values: [[Double]]) throws -> Double {
                var index = 1
                frozen.visitParameters { parameter in
                    parameter.value.storage = values[index]
                    index += 1
                }
                let x = Matrix(rows: 4, columns: 5, columnMajor: values[0])
                let y = try frozen.forward(x, training: false).output
                return zip(y.storage, cotangent.storage).reduce(0) { $0 + $1.0 * $1.1 }
            }
            var checked = [GradientCheck.Parameter(name: "input", values: input.storage, gradient: inputGradient.storage)]
            var copy = block
            copy.visitParameters { checked.append(.init(name: $0.name, values: $0.value.storage, gradient: $0.gradient.storage)) }
            let expectedCount = 5 + (flow.learnsWeights ? 1 : 0)
            #expect(checked.count == expectedCount)

            // The evaluation-mode loss reproduces the training pass exactly.
            let atPoint = try loss(checked.map(\.values))
            let direct = zip(output.storage, cotangent.storage).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(abs(atPoint - direct) <= 1e-15 * Swift.max(abs(direct), 1))

            let report = try GradientCheck.centralDifferences(checked, loss: loss)
            for parameter in report.parameters {
                #expect(parameter.relativeError < 1e-7,
                        "\(flow) \(normalization) L = \(layers): \(parameter.name) off by \(parameter.relativeError)")
            }
        }
    }
}
