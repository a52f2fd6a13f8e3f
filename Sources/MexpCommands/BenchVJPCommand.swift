import ArgumentParser
import Foundation
import Linalg
import MatrixExp

/// `mexp bench vjp --n N --norm X`: the in-process median time of the forward `expm` and of the
/// forward pass with tape plus the backward pass (the VJP a training step needs), on the seeded
/// Gaussian matrix of `mexp bench expm` and a seeded Gaussian cotangent, plus each of the two
/// halves alone, the forward pass with one Fréchet derivative (what `scipy.linalg.expm_frechet`
/// computes) and one GEMM of the same size, all in the same run. Both sides use their
/// allocation-free entry points (`expm(…, workspace:, into:)`; `ExpmTape.forward(…, into:)` and
/// `backward(cotangent:, into:)`).
struct BenchVJP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vjp",
        abstract: "Time expm and expm + VJP on a seeded random matrix (medians after warm-up); print one JSON line.")

    /// The matrix (`--n`, `--norm`, `--seed`, `--reps`); the cotangent uses seed + 1.
    @OptionGroup var operand: BenchOperandOptions

    @OptionGroup var methodOptions: ExpmMethodOptions

    @Option(help: ArgumentHelp("Folder to write A.npy and G.npy into (for peer benchmarks on the same inputs).", valueName: "dir"))
    var writeInputs: String?

    @OptionGroup var blas: BLASThreadsOption

    func run() throws {
        blas.apply()
        let (n, reps) = (operand.n, operand.reps)
        let a: Matrix<Double> = operand.operand()
        var gRng = SplitMix64(seed: operand.seed &+ 1)
        let g = Matrix<Double>.randomGaussian(rows: n, columns: n, using: &gRng)
        if let folder = writeInputs {
            try OutputFile(path: folder + "/A.npy").write(a)
            try OutputFile(path: folder + "/G.npy").write(g)
        }
        let method = methodOptions.expmMethod
        let workspace = ExpmWorkspace<Double>(size: n)
        // The forward alone through the allocation-free entry point, as `bench expm` times it.
        var value = Matrix<Double>(rows: n, columns: n)
        var forward: ExpmStatistics?
        let forwardSeconds = try measureMedianSeconds(reps: reps, warmup: 2) {
            forward = try expm(a, method: method, workspace: workspace, into: &value)
        }
        // Forward with tape + backward through the tape's allocation-free entry points (its own
        // result buffers reused, as the forward above reuses its workspace), then each half alone.
        let tape = ExpmTape<Double>(size: n)
        var tapeValue = Matrix<Double>(rows: n, columns: n)
        var gradient = ExpmCotangents<Double>(size: n)
        var recorded: ExpmStatistics?
        let vjpSeconds = try measureMedianSeconds(reps: reps, warmup: 2) {
            recorded = try tape.forward(a, method: method, into: &tapeValue)
            try tape.backward(cotangent: g, into: &gradient)
        }
        let tapeForwardSeconds = try measureMedianSeconds(reps: reps, warmup: 2) {
            _ = try tape.forward(a, method: method, into: &tapeValue)
        }
        let backwardSeconds = try measureMedianSeconds(reps: reps, warmup: 2) {
            try tape.backward(cotangent: g, into: &gradient)
        }
        let frechetSeconds = try measureMedianSeconds(reps: reps, warmup: 2) {
            _ = try tape.forward(a, method: method, into: &tapeValue)
            _ = try tape.tangent(direction: g)
        }
        var c = Matrix<Double>(rows: n, columns: n)
        let gemm = measureMedianSeconds(reps: Swift.max(reps, 20), warmup: 2) { Matrix.multiply(a, a, into: &c) }
        guard let forward, let recorded else { return }
        JSONSummary([
            "command": "bench vjp", "n": .integer(n), "norm": .double(operand.norm), "precision": "double",
            "method": .string(recorded.method.rawValue), "order": .integer(recorded.degree),
            "squarings": .integer(recorded.squarings),
            "forward_method": .string(forward.method.rawValue), "forward_order": .integer(forward.degree),
            "forward_squarings": .integer(forward.squarings),
            "products": .integer(forward.products), "solves": .integer(forward.solves),
            "products_forward_vjp": .integer(3 * tape.products + tape.solves), "solves_forward_vjp": .integer(2 * tape.solves),
            "reps": .integer(reps), "blas_threads": .integer(BLASConfiguration.threads),
            "median_seconds_forward": .double(forwardSeconds),
            "median_seconds_forward_vjp": .double(vjpSeconds),
            "median_seconds_tape_forward": .double(tapeForwardSeconds),
            "median_seconds_backward": .double(backwardSeconds),
            "median_seconds_forward_frechet": .double(frechetSeconds),
            "ratio_vjp_to_forward": .double(vjpSeconds / forwardSeconds),
            "gemm_seconds": .double(gemm),
        ]).print()
    }
}
