import Benchmark
import HWNODE
import Linalg

// The HWNODE block at the reference trainer's shape (d = n = 128, T = 768 tokens = 12 sequences of
// 64 bytes, L = 2 virtual layers, T_2 flow, power-iteration σ, Float): the forward pass alone and
// forward + backward, as the trainer calls them (training mode, the cache dropped after each call).
// mallocCountTotal counts heap allocations per call. Beside them, one GEMM with the shape of the
// block's large products (128×128 times 128×768), the unit of its cost floor: a forward pass is
// 2L = 4 such products plus two 128³ ones (P and W_out P), forward + backward 6L = 12 plus about
// six 128³ ones. docs/hwnode.md records the results and the command.

let (width, stateSize, tokens, layers) = (128, 128, 768, 2)

/// The block, its input and output gradient, made (and run once, which sizes every buffer) on the
/// first sample, outside the timed region.
final class HWNODECase {
    private var state: (block: HWNODEBlock<Float>, input: Matrix<Float>, gradient: Matrix<Float>)?

    func prepared() throws -> (block: HWNODEBlock<Float>, input: Matrix<Float>, gradient: Matrix<Float>) {
        if let state { return state }
        let configuration = HWNODEConfiguration(width: width, stateSize: stateSize, virtualLayers: layers, flow: .taylor(order: 2))
        var block = try HWNODEBlock<Float>(configuration, name: "ff", seed: 1)
        var rng = SplitMix64(seed: 2)
        let input = Matrix<Float>.randomGaussian(rows: width, columns: tokens, using: &rng)
        let gradient = Matrix<Float>.randomGaussian(rows: width, columns: tokens, using: &rng)
        do {
            let (_, cache) = try block.forward(input, training: true)
            _ = try block.backward(gradient, cache: cache)
        }
        let made = (block, input, gradient)
        state = made
        return made
    }

    func drop() { state = nil }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal],
        timeUnits: .microseconds)

    let forwardCase = HWNODECase()
    Benchmark("HWNODE forward Float d=128 n=128 T=768 L=2 K=2",
              configuration: .init(warmupIterations: 3, maxDuration: .seconds(3), maxIterations: 200, teardown: forwardCase.drop)) { benchmark in
        var (block, input, _) = try forwardCase.prepared()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let (output, _) = try block.forward(input, training: true)
            blackHole(output)
        }
        benchmark.stopMeasurement()
    }

    let trainingCase = HWNODECase()
    Benchmark("HWNODE forward+backward Float d=128 n=128 T=768 L=2 K=2",
              configuration: .init(warmupIterations: 3, maxDuration: .seconds(3), maxIterations: 200, teardown: trainingCase.drop)) { benchmark in
        var (block, input, gradient) = try trainingCase.prepared()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let (_, cache) = try block.forward(input, training: true)
            blackHole(try block.backward(gradient, cache: cache))
        }
        benchmark.stopMeasurement()
    }

    Benchmark("HWNODE unit GEMM Float 128x128 times 128x768",
              configuration: .init(warmupIterations: 3, maxDuration: .seconds(3), maxIterations: 200)) { benchmark in
        var rng = SplitMix64(seed: 3)
        let a = Matrix<Float>.randomGaussian(rows: stateSize, columns: width, using: &rng)
        let b = Matrix<Float>.randomGaussian(rows: width, columns: tokens, using: &rng)
        var c = Matrix<Float>(rows: stateSize, columns: tokens)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            Matrix.multiply(a, b, into: &c)
        }
        benchmark.stopMeasurement()
        blackHole(c)
    }
}
