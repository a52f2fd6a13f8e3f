import Benchmark
import Foundation
import HWNODE
import LMTrainer
import Linalg

// One training step of the byte-level GPT (next random batch 12 × 64, forward, cross-entropy,
// backward, gradient clip, AdamW), Float, at the two reference shapes of peers/lm/RESULTS.md:
// the MLP model (4 layers, d = 128, 828,544 parameters) and the parameter-matched HWNODE model
// (7 layers, n = 128, 2 virtual layers, Taylor order 2). RESULTS.md's PyTorch figure for the MLP
// is 64.3 ms/step at 2 threads on a quiet 2-vCPU machine. BLAS threads: TRAINING_BENCHMARK_THREADS
// (default 1). The corpus is seeded random bytes: a step's cost does not depend on the text.

func registerStep(_ name: String, _ configure: (inout GPTConfiguration) -> Void) {
    var model = GPTConfiguration()
    configure(&model)
    var rng = SplitMix64(seed: 1)
    let bytes = (0..<200_000).map { _ in UInt8.random(in: 32...126, using: &rng) }
    Benchmark("training step \(name)") { benchmark in
        var trainer = try Trainer<Float>(model: model, training: TrainingConfiguration(), corpus: try ByteCorpus(bytes: bytes))
        for _ in 0..<3 { try trainer.step() }   // first steps allocate the optimizer state
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { try trainer.step() }
        benchmark.stopMeasurement()
        blackHole(trainer.iteration)
    }
}

let benchmarks: @Sendable () -> Void = {
    let threads = ProcessInfo.processInfo.environment["TRAINING_BENCHMARK_THREADS"].flatMap(Int.init) ?? 1
    BLASConfiguration.setThreads(threads)
    _ = HeapTuning.keepFreedBuffersForReuse()   // as mexp train does
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal],
        timeUnits: .milliseconds,
        warmupIterations: 2,
        maxDuration: .seconds(10),
        maxIterations: 40)
    registerStep("mlp L4 d128 threads=\(threads)") { _ in }
    registerStep("hwnode L7 n128 threads=\(threads)") {
        $0.feedForward = .hwnode
        $0.layers = 7
        $0.stateDimension = 128
    }
}
