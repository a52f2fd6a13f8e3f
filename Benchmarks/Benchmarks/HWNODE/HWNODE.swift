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
/// first sample, outside the timed region. The block stays in this object and is called in place:
/// a local copy would share its parameter, gradient and buffer storage with the stored one and pay
/// a copy-on-write allocation on its first write in every sample.
final class HWNODECase {
    var block: HWNODEBlock<Float>?
    var input = Matrix<Float>(rows: 0, columns: 0)
    var gradient = Matrix<Float>(rows: 0, columns: 0)

    func prepare() throws {
        guard block == nil else { return }
        let configuration = HWNODEConfiguration(width: width, stateSize: stateSize, virtualLayers: layers, flow: .taylor(order: 2))
        var made = try HWNODEBlock<Float>(configuration, name: "ff", seed: 1)
        var rng = SplitMix64(seed: 2)
        input = Matrix<Float>.randomGaussian(rows: width, columns: tokens, using: &rng)
        gradient = Matrix<Float>.randomGaussian(rows: width, columns: tokens, using: &rng)
        do {
            let (_, cache) = try made.forward(input, training: true)
            _ = try made.backward(gradient, cache: cache)
        }
        block = made
    }

    func drop() {
        block = nil
        input = Matrix(rows: 0, columns: 0)
        gradient = Matrix(rows: 0, columns: 0)
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal],
        timeUnits: .microseconds)

    let forwardCase = HWNODECase()
    Benchmark("HWNODE forward Float d=128 n=128 T=768 L=2 K=2",
              configuration: .init(warmupIterations: 3, maxDuration: .seconds(3), maxIterations: 200, teardown: forwardCase.drop)) { benchmark in
        try forwardCase.prepare()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let (output, _) = try forwardCase.block!.forward(forwardCase.input, training: true)
            blackHole(output)
        }
        benchmark.stopMeasurement()
    }

    let trainingCase = HWNODECase()
    Benchmark("HWNODE forward+backward Float d=128 n=128 T=768 L=2 K=2",
              configuration: .init(warmupIterations: 3, maxDuration: .seconds(3), maxIterations: 200, teardown: trainingCase.drop)) { benchmark in
        try trainingCase.prepare()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let (_, cache) = try trainingCase.block!.forward(trainingCase.input, training: true)
            blackHole(try trainingCase.block!.backward(trainingCase.gradient, cache: cache))
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
