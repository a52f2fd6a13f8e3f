import HWNODE
import Linalg
import Testing

@Suite struct HWNODEBlockTests {
    // MARK: Configuration

    @Test(arguments: [
        HWNODEConfiguration(width: 0, stateSize: 3),
        HWNODEConfiguration(width: 4, stateSize: -1),
        HWNODEConfiguration(width: 4, stateSize: 3, virtualLayers: 0),
        HWNODEConfiguration(width: 4, stateSize: 3, flow: .taylor(order: 0)),
        HWNODEConfiguration(width: 4, stateSize: 3, flow: .taylor(order: 19)),
        HWNODEConfiguration(width: 4, stateSize: 3, flow: .learnedTaylor(order: -2)),
        HWNODEConfiguration(width: 4, stateSize: 3, flow: .learnedChebyshev(order: 0)),
    ])
    func badConfigurationIsATypedError(configuration: HWNODEConfiguration) {
        #expect {
            _ = try HWNODEBlock<Double>(configuration, name: "ff")
        } throws: { error in
            guard case .invalidConfiguration = error as? HWNODEError else { return false }
            return true
        }
    }

    @Test func inputAndGradientOfTheWrongShapeAreTypedErrors() throws {
        var block = try HWNODEBlock<Double>(HWNODEConfiguration(width: 4, stateSize: 3), name: "ff")
        #expect(throws: HWNODEError.self) { _ = try block.forward(Matrix(rows: 3, columns: 2), training: true) }
        let (_, cache) = try block.forward(Matrix(rows: 4, columns: 2, repeating: 0.5), training: true)
        #expect(throws: HWNODEError.self) { _ = try block.backward(Matrix(rows: 4, columns: 3), cache: cache) }
    }

    @Test func nonFiniteGeneratorIsATypedError() throws {
        var block = try HWNODEBlock<Double>(HWNODEConfiguration(width: 4, stateSize: 3, normalization: .none), name: "ff")
        block.generator.value.storage[0] = .nan
        #expect {
            _ = try block.forward(Matrix(rows: 4, columns: 2, repeating: 0.5), training: true)
        } throws: { error in
            guard case .flow = error as? HWNODEError else { return false }
            return true
        }
    }

    // MARK: Parameters and initialization

    @Test func parametersAreNamedShapedAndInitialisedAsTheReference() throws {
        let (d, n) = (64, 48)
        var block = try HWNODEBlock<Double>(
            HWNODEConfiguration(width: d, stateSize: n, flow: .learnedTaylor(order: 3)), name: "blocks.1.ff", seed: 3)
        var seen: [(String, Int, Int, Bool)] = []
        block.visitParameters { seen.append(($0.name, $0.value.rows, $0.value.columns, $0.decays)) }
        #expect(seen.map(\.0) == ["blocks.1.ff.w_in.weight", "blocks.1.ff.w_out.weight", "blocks.1.ff.A", "blocks.1.ff.dt",
                                  "blocks.1.ff.flow_weights"])
        #expect(seen.map(\.1) == [n, d, n, 1, 4])
        #expect(seen.map(\.2) == [d, n, n, 1, 1])
        #expect(seen.map(\.3) == [true, true, false, false, false])
        #expect(block.parameterCount == 2 * d * n + n * n + 1 + 4)
        // nn.Linear's default: uniform on ±1/√fan_in.
        #expect(block.inputWeight.value.storage.allSatisfy { abs($0) <= 1 / Double(d).squareRoot() })
        #expect(block.outputWeight.value.storage.allSatisfy { abs($0) <= 1 / Double(n).squareRoot() })
        // A ~ N(0, 0.1²): the sample standard deviation of n² = 2304 draws is within 5% of 0.1.
        let a = block.generator.value.storage
        let std = (a.reduce(0) { $0 + $1 * $1 } / Double(a.count)).squareRoot()
        #expect(abs(std - 0.1) < 0.005)
        #expect(block.timeStep.value.storage == [1])
        #expect(block.flowWeights!.value.storage == [1, 1, 0.5, 1.0 / 6])
        var buffers: [String] = []
        block.visitBuffers { name, value in
            buffers.append(name)
            #expect(abs(value.normFrobenius - 1) < 1e-15)
        }
        #expect(buffers == ["blocks.1.ff.pu", "blocks.1.ff.pv"])
    }

    // MARK: Power iteration and evaluation mode

    /// One training step is v ← normalize(Aᵀu), u ← normalize(A v), σ = ‖A v‖, written out here
    /// by hand; evaluation mode leaves u, v bit for bit as they are.
    @Test func powerIterationStepsInTrainingAndNotInEvaluation() throws {
        let n = 5
        var block = try HWNODEBlock<Double>(HWNODEConfiguration(width: 4, stateSize: n), name: "ff", seed: 2)
        let input = Matrix<Double>(rows: 4, columns: 3, repeating: 0.25)
        let (u0, v0) = (block.powerIterationU, block.powerIterationV)

        let (outputEval, cacheEval) = try block.forward(input, training: false)
        #expect(block.powerIterationU == u0 && block.powerIterationV == v0)
        let a = block.generator.value
        let av0 = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + a[i, $1] * v0.storage[$1] } }
        #expect(abs(cacheEval.sigma - av0.reduce(0) { $0 + $1 * $1 }.squareRoot()) <= 1e-15 * cacheEval.sigma)

        let (outputTrain, cacheTrain) = try block.forward(input, training: true)
        func normalized(_ x: [Double]) -> [Double] {
            let norm = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return x.map { $0 / norm }
        }
        let v = normalized((0..<n).map { j in (0..<n).reduce(0.0) { $0 + a[$1, j] * u0.storage[$1] } })
        let av = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + a[i, $1] * v[$1] } }
        let u = normalized(av)
        for i in 0..<n {
            #expect(abs(block.powerIterationV.storage[i] - v[i]) <= 1e-14)
            #expect(abs(block.powerIterationU.storage[i] - u[i]) <= 1e-14)
        }
        #expect(abs(cacheTrain.sigma - av.reduce(0) { $0 + $1 * $1 }.squareRoot()) <= 1e-14 * cacheTrain.sigma)
        #expect(outputTrain != outputEval)

        // A second evaluation pass sees the stepped vectors and changes nothing.
        let (u1, v1) = (block.powerIterationU, block.powerIterationV)
        _ = try block.forward(input, training: false)
        #expect(block.powerIterationU == u1 && block.powerIterationV == v1)
    }

    // MARK: Caches

    /// A cache stays valid when other forward passes (an evaluation pass, a copy of the block)
    /// run between its forward and backward pass: the gradients are those of a clean run.
    @Test func aCacheSurvivesLaterForwardPasses() throws {
        let configuration = HWNODEConfiguration(width: 4, stateSize: 3, virtualLayers: 2)
        var rng = SplitMix64(seed: 5)
        let x1 = Matrix<Double>.randomGaussian(rows: 4, columns: 6, using: &rng)
        let x2 = Matrix<Double>.randomGaussian(rows: 4, columns: 6, using: &rng)
        let g = Matrix<Double>.randomGaussian(rows: 4, columns: 6, using: &rng)

        var clean = try HWNODEBlock<Double>(configuration, name: "ff")
        let (cleanOutput, cleanCache) = try clean.forward(x1, training: true)
        let cleanInputGradient = try clean.backward(g, cache: cleanCache)

        var block = try HWNODEBlock<Double>(configuration, name: "ff")
        let (output, cache) = try block.forward(x1, training: true)
        let kept = output
        var copy = block
        _ = try block.forward(x2, training: false)
        _ = try copy.forward(x2, training: true)
        let inputGradient = try block.backward(g, cache: cache)
        #expect(kept == cleanOutput)
        #expect(inputGradient == cleanInputGradient)
        #expect(block.generator.gradient == clean.generator.gradient)
        #expect(block.timeStep.gradient == clean.timeStep.gradient)
        #expect(block.inputWeight.gradient == clean.inputWeight.gradient)
        #expect(block.outputWeight.gradient == clean.outputWeight.gradient)
    }
}
