import HWNODE
import Linalg
import MatrixExp
import Testing

/// Every gradient of the HWNODE block (input, W_in, W_out, A, Δt, learned flow weights) against
/// central differences, for each flow, each normalization and L = 1, 2, 3.
@Suite struct HWNODEBlockGradientTests {
    static let flows: [HWNODEFlow] = [.taylor(order: 2), .learnedTaylor(order: 3), .learnedChebyshev(order: 3), .exponential]

    /// The loss ⟨G, block(h)⟩ and its gradients, checked against central differences of the same
    /// loss evaluated in evaluation mode on the block as it is after the forward pass: that is
    /// the function the backward pass differentiates (σ = ‖A v‖ with the v of the pass held fixed,
    /// since u and v carry no gradient).
    @Test(arguments: flows, HWNODENormalization.allCases)
    func gradientsMatchCentralDifferences(flow: HWNODEFlow, normalization: HWNODENormalization) throws {
        for layers in 1...3 {
            try Self.checkGradients(HWNODEConfiguration(
                width: 4, stateSize: 3, virtualLayers: layers, flow: flow, normalization: normalization))
        }
    }

    /// Evaluation mode: σ = ‖A v‖ with v not refreshed, so û = A v/‖A v‖ is not the stored u
    /// (∇σ must use û).
    @Test func gradientsInEvaluationModeMatchCentralDifferences() throws {
        try Self.checkGradients(HWNODEConfiguration(width: 4, stateSize: 3, virtualLayers: 2), training: false)
    }

    /// Other activations: φ = tanh, ψ = GELU.
    @Test func gradientsWithOtherActivationsMatchCentralDifferences() throws {
        try Self.checkGradients(HWNODEConfiguration(
            width: 4, stateSize: 3, virtualLayers: 2, flow: .learnedTaylor(order: 2), inputActivation: .tanh,
            outputActivation: .gelu))
    }

    static func checkGradients(_ configuration: HWNODEConfiguration, training: Bool = true) throws {
        let (d, tokens) = (configuration.width, 5)
        var block = try HWNODEBlock<Double>(configuration, name: "ff", seed: 7)
        // Away from the initial values, so that no gradient is special: Δt ≠ 1, weights off 1/k!.
        block.timeStep.value.storage[0] = 0.8
        if block.flowWeights != nil {
            for k in block.flowWeights!.value.storage.indices { block.flowWeights!.value.storage[k] *= 1 + 0.1 * Double(k + 1) }
        }
        var rng = SplitMix64(seed: 11)
        let input = Matrix<Double>.randomGaussian(rows: d, columns: tokens, using: &rng)
        let cotangent = Matrix<Double>.randomGaussian(rows: d, columns: tokens, using: &rng)

        let (output, cache) = try block.forward(input, training: training)
        let inputGradient = try block.backward(cotangent, cache: cache)
        var frozen = block   // one copy for every evaluation, so that its workspace and tape are reused

        func loss(_ values: [[Double]]) throws -> Double {
            var index = 1
            frozen.visitParameters { parameter in
                parameter.value.storage = values[index]
                index += 1
            }
            let x = Matrix(rows: d, columns: tokens, columnMajor: values[0])
            let y = try frozen.forward(x, training: false).output
            return zip(y.storage, cotangent.storage).reduce(0) { $0 + $1.0 * $1.1 }
        }
        var checked = [GradientCheck.Parameter(name: "input", values: input.storage, gradient: inputGradient.storage)]
        var copy = block
        copy.visitParameters { checked.append(.init(name: $0.name, values: $0.value.storage, gradient: $0.gradient.storage)) }
        #expect(checked.count == 5 + (configuration.flow.learnsWeights ? 1 : 0))

        // The evaluation-mode loss reproduces the pass exactly.
        let atPoint = try loss(checked.map(\.values))
        let direct = zip(output.storage, cotangent.storage).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(atPoint - direct) <= 1e-15 * Swift.max(abs(direct), 1))

        let report = try GradientCheck.centralDifferences(checked, loss: loss)
        for parameter in report.parameters {
            #expect(parameter.relativeError < 1e-7,
                    "\(configuration) training \(training): \(parameter.name) off by \(parameter.relativeError)")
        }
    }
}
