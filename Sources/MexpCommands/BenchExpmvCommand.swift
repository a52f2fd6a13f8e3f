import ArgumentParser
import Foundation
import Linalg
import MatrixExp

/// `mexp bench expmv --problem laplace2d --n N --t T --tol τ`: the in-process median time of
/// exp(tA)v on a built-in problem (`BuiltinProblem`), with operator applications, the error
/// estimate, and — for the Laplacians — the error against the exact DST-I solution.
///
/// `median_seconds` times the whole one-shot call (norms, d_p estimates, symmetry probe, all
/// steps), as a user calling it once would see it and as SciPy's `expm_multiply` is timed;
/// `median_seconds_reused_plan` times only the run on a plan built beforehand (Taylor, Krylov).
/// `--method auto` applies `ExpmvMethodRule` once and times the method it picks.
struct BenchExpmv: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expmv",
        abstract: "Time exp(tA)v on a built-in sparse problem (median after warm-up); print one JSON line.")

    @Option(help: "laplace1d, laplace2d, convection-diffusion or markov (see docs/krylov.md).")
    var problem: BuiltinProblem = .laplace2d

    @Option(help: ArgumentHelp("Number of unknowns (a perfect square for the 2-D grids).", valueName: "N"))
    var n: Int

    @Option(name: .customLong("t"), help: ArgumentHelp("The time t.", valueName: "T"))
    var t: Double = 1

    @Option(name: .customLong("tol"), help: ArgumentHelp("Relative tolerance.", valueName: "τ"))
    var tolerance: Double = 1e-12

    @Option(help: "taylor, krylov, chebyshev (symmetric problems only) or auto (taylor or krylov by ExpmvMethodRule).")
    var method: ExpmvCommand.Method = .krylov

    @Option(help: ArgumentHelp("Krylov subspace dimension per step.", valueName: "m"))
    var subspace: Int = 50

    @Option(help: ArgumentHelp("Timed repetitions (the median is reported).", valueName: "r"))
    var reps: Int = 5

    @Option(help: ArgumentHelp("Seed of the Markov generator.", valueName: "s"))
    var seed: UInt64 = 1

    @OptionGroup var blas: BLASThreadsOption

    func validate() throws {
        guard n >= 2, n <= 50_000_000 else { throw ValidationError("--n must be in 2…50000000, got \(n)") }
        guard t.isFinite else { throw ValidationError("--t must be finite, got \(t)") }
        guard tolerance.isFinite, tolerance > 0, tolerance < 1 else { throw ValidationError("--tol must be in (0, 1), got \(tolerance)") }
        guard reps >= 1 else { throw ValidationError("--reps must be at least 1, got \(reps)") }
        guard subspace >= 1 else { throw ValidationError("--subspace must be at least 1, got \(subspace)") }
    }

    func run() throws {
        blas.apply()
        let (a, v) = try problem.build(Double.self, n: n, seed: seed)
        var summary: JSONSummary
        var y: [Double]
        var selected = method
        var autoReason: String?
        if method == .auto {
            let choice = try ExpmvMethodRule.choose(a, t: abs(t), tolerance: tolerance)
            selected = choice.method.commandMethod
            autoReason = choice.reason
        }
        switch selected {
        case .taylor:
            var last: TaylorActionResult<Double>?
            let median = try measureMedianSeconds(reps: reps, warmup: 1) {
                last = try taylorExpmv(a, v, t: t, tolerance: tolerance)
            }
            let plan = try TaylorActionPlan(a)
            let reused = try measureMedianSeconds(reps: reps, warmup: 1) { _ = try plan.apply(to: v, t: t, tolerance: tolerance) }
            guard let r = last else { return }
            y = r.value
            summary = r.summary
            summary["median_seconds"] = .double(median)
            summary["median_seconds_reused_plan"] = .double(reused)
        case .krylov, .auto:
            var last: KrylovResult<Double>?
            let median = try measureMedianSeconds(reps: reps, warmup: 1) {
                last = try krylovExpmv(a, v, t: t, tolerance: tolerance, subspaceSize: subspace)
            }
            let plan = try KrylovPlan(a, subspaceSize: subspace)
            let reused = try measureMedianSeconds(reps: reps, warmup: 1) { _ = try plan.apply(to: v, t: t, tolerance: tolerance) }
            guard let r = last else { return }
            y = r.value
            summary = r.summary
            summary["median_seconds"] = .double(median)
            summary["median_seconds_reused_plan"] = .double(reused)
        case .chebyshev:
            var last: ChebyshevExpmvResult<Double>?
            let median = try measureMedianSeconds(reps: reps, warmup: 1) {
                last = try chebyshevExpmv(a, v, t: t, tolerance: tolerance)
            }
            guard let r = last else { return }
            y = r.value
            summary = JSONSummary([
                "method": "chebyshev", "order": .integer(r.degree),
                "operator_applications": .integer(r.operatorApplications),
                "error_bound": .double(r.errorBound.value), "bound_kind": .string(r.errorBound.kind.rawValue),
                "bound_measure": .string(r.errorBound.measure),
                "interval": .array([.double(r.interval.lower), .double(r.interval.upper)]),
                "median_seconds": .double(median),
            ])
        }
        let exact = try problem.exactSolution(n: n, t: t, vector: v)
        if let autoReason {
            summary["auto_choice"] = .string(selected.rawValue)
            summary["auto_reason"] = .string(autoReason)
        }
        summary["command"] = "bench expmv"
        summary["problem"] = .string(problem.rawValue)
        summary["n"] = .integer(n)
        summary["nnz"] = .integer(a.storedCount)
        summary["t"] = .double(t)
        summary["tol"] = .double(tolerance)
        summary["reps"] = .integer(reps)
        summary["blas_threads"] = .integer(BLASConfiguration.threads)
        summary["error_estimate"] = summary["error_bound"]
        if let exact {
            let norm2 = exact.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let diff2 = zip(y, exact).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
            let norm1 = exact.reduce(0) { $0 + abs($1) }
            let diff1 = zip(y, exact).reduce(0) { $0 + abs($1.0 - $1.1) }
            summary["error_vs_exact"] = .double(diff2)
            summary["relative_error_vs_exact"] = .double(diff2 / norm2)
            summary["relative_error_vs_exact_1norm"] = .double(diff1 / norm1)
            summary["exact_norm"] = .double(norm2)
        } else {
            summary["relative_error_vs_exact"] = .null
        }
        summary.print()
    }
}
