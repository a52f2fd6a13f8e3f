import ArgumentParser
import Linalg
import MatrixExp

/// `mexp expmv --in A.npy|A.mtx --vector v.npy --t T [--t T …] --out y.npy`: exp(tA)v without forming
/// exp(tA), by the truncated-Taylor action of Al-Mohy & Higham 2011 (any A), Krylov projection
/// (any A) or the Chebyshev–Bessel expansion (symmetric A), with a one-line JSON summary of the
/// method, its cost and its error estimate or bound.
///
/// One time writes y as a 1-D `.npy` vector; several times t_1 < … < t_q write an n × q matrix
/// whose column i is exp(t_i A)v.
struct ExpmvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expmv",
        abstract: "Compute exp(tA)v for a dense (.npy) or sparse (.mtx) matrix; print method, cost and error estimate as one JSON line.")

    enum Method: String, CaseIterable, ExpressibleByArgument {
        /// Truncated Taylor series with scaling (Al-Mohy & Higham 2011), backward-error bound.
        case taylor
        /// Krylov (Arnoldi or Lanczos) with Expokit step control.
        case krylov
        /// Chebyshev–Bessel expansion on a spectral interval (symmetric A only).
        case chebyshev
        /// Taylor or Krylov by `ExpmvMethodRule` (see docs/taylor-action.md).
        case auto
    }

    enum Symmetry: String, CaseIterable, ExpressibleByArgument {
        case detect, symmetric, general
        var krylov: KrylovSymmetry {
            switch self {
            case .detect: return .detect
            case .symmetric: return .symmetric
            case .general: return .general
            }
        }
    }

    @Option(name: .customLong("in"), help: ArgumentHelp("The matrix A (.npy float64/float32, or .mtx).", valueName: "A"))
    var input: String

    @Option(name: .customLong("vector"), help: ArgumentHelp("The vector v (.npy, 1-D or n×1).", valueName: "v.npy"))
    var vector: String

    @Option(name: .customLong("t"), parsing: .unconditionalSingleValue,
            help: ArgumentHelp("A time t; repeat (--t -1 --t 0.5 --t 2) for several times t_1 < … < t_q.", valueName: "T"))
    var times: [Double]

    @Option(name: .customLong("out"), help: ArgumentHelp("Output (.npy), written only on success.", valueName: "y.npy"))
    var output: String

    @Option(help: "taylor (any A), krylov (any A), chebyshev (symmetric A) or auto (taylor or krylov, docs/taylor-action.md).")
    var method: Method = .auto

    @Option(name: .customLong("tol"), help: ArgumentHelp("Relative tolerance.", valueName: "τ"))
    var tolerance: Double = 1e-12

    @Option(help: ArgumentHelp("Krylov subspace dimension per step.", valueName: "m"))
    var subspace: Int = 50

    @Option(help: "Krylov process: detect (probe A for symmetry), symmetric (declared, checked) or general.")
    var symmetry: Symmetry = .detect

    @Option(help: "Arithmetic: double or single.")
    var precision: Precision = .double

    @OptionGroup var blas: BLASThreadsOption

    func validate() throws {
        guard !times.isEmpty else { throw ValidationError("--t needs at least one time") }
        guard times.allSatisfy({ $0.isFinite }) else { throw ValidationError("--t must be finite, got \(times)") }
        guard zip(times, times.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw ValidationError("--t times must be strictly increasing, got \(times)")
        }
        guard tolerance.isFinite, tolerance > 0, tolerance < 1 else { throw ValidationError("--tol must be in (0, 1), got \(tolerance)") }
        guard subspace >= 1 else { throw ValidationError("--subspace must be at least 1, got \(subspace)") }
        if method == .chebyshev, symmetry == .general {
            throw ValidationError("--method chebyshev needs a symmetric matrix; --symmetry general contradicts it")
        }
    }

    func run() throws {
        blas.apply()
        let matrixFile = try MatrixFile(path: input)
        let vectorFile = try MatrixFile(path: vector, allowed: [.npy])
        let out = try OutputFile(path: output)
        switch precision {
        case .double: try compute(Double.self, matrixFile, vectorFile, out)
        case .single: try compute(Float.self, matrixFile, vectorFile, out)
        }
    }

    private func compute<T: LinalgScalar>(_: T.Type, _ matrixFile: MatrixFile, _ vectorFile: MatrixFile, _ out: OutputFile) throws {
        switch matrixFile.format {
        case .npy: try compute(try matrixFile.denseMatrix(T.self), vectorFile, out)
        case .matrixMarket: try compute(try matrixFile.sparseMatrix(T.self), vectorFile, out)
        }
    }

    private func compute<Operator: LinearOperator>(_ a: Operator, _ vectorFile: MatrixFile, _ out: OutputFile) throws {
        typealias T = Operator.Scalar
        let v = try vectorFile.vector(T.self, length: a.rows)
        let clock = ContinuousClock()
        let start = clock.now
        var summary = JSONSummary()
        let columns: Matrix<T>
        let largest = times.map { abs($0) }.max()!
        let choice = try method == .auto ? ExpmvMethodRule.choose(a, t: largest, tolerance: tolerance) : nil
        switch choice?.method.commandMethod ?? method {
        case .taylor:
            let plan = try choice?.plan ?? TaylorActionPlan(a)
            var r = try plan.apply(to: v, times: times.map { T($0) }, tolerance: tolerance)
            r.statistics.operatorApplications += plan.setupApplications + (choice?.probeApplications ?? 0)
            columns = r.values
            summary = r.summary
        case .krylov, .auto:
            var r = try krylovExpmv(a, v, times: times.map { T($0) }, tolerance: tolerance,
                                    symmetry: symmetry.krylov, subspaceSize: subspace)
            r.statistics.operatorApplications += choice.map { $0.probeApplications + $0.plan.setupApplications } ?? 0
            columns = r.values
            summary = r.summary
        case .chebyshev:
            var values = Matrix<T>(rows: a.rows, columns: times.count)
            var results = [ChebyshevExpmvResult<T>]()
            for (i, t) in times.enumerated() {
                let r = try chebyshevExpmv(a, v, t: T(t), interval: results.first?.interval, tolerance: tolerance)
                for k in 0..<a.rows { values[k, i] = r.value[k] }
                results.append(r)
            }
            columns = values
            let last = results[results.count - 1]
            summary = JSONSummary([
                "method": "chebyshev",
                "order": .integer(last.degree),
                "squarings": .null,
                "products": 0,
                "solves": 0,
                "operator_applications": .integer(results.reduce(0) { $0 + $1.operatorApplications }),
                "error_bound": .double(last.errorBound.value),
                "bound_kind": .string(last.errorBound.kind.rawValue),
                "bound_measure": .string(last.errorBound.measure),
                "error_bounds": .array(results.map { .double($0.errorBound.value) }),
                "interval": .array([.double(last.interval.lower), .double(last.interval.upper)]),
            ])
        }
        let elapsed = seconds(clock.now - start)
        if times.count == 1 {
            try out.write(vector: columns.storage)
        } else {
            try out.write(columns)
        }
        if let choice {
            summary["auto_choice"] = .string(choice.method.rawValue)
            summary["auto_reason"] = .string(choice.reason)
        }
        summary["n"] = .integer(a.rows)
        summary["times"] = .array(times.map { .double($0) })
        summary["tol"] = .double(tolerance)
        summary["precision"] = .string(T.precisionName)
        summary["seconds"] = .double(elapsed)
        summary.print()
    }
}

extension ExpmvMethodRule.Method {
    /// The command-line method this choice runs.
    var commandMethod: ExpmvCommand.Method {
        switch self {
        case .taylor: return .taylor
        case .krylov: return .krylov
        }
    }
}

extension TaylorActionResult {
    /// The contract's summary keys for one Taylor-action run.
    var summary: JSONSummary {
        JSONSummary([
            "method": "taylor-action",
            "order": .integer(statistics.degree),
            "squarings": .null,
            "products": 0,
            "solves": 0,
            "operator_applications": .integer(statistics.operatorApplications),
            "steps": .integer(statistics.steps),
            "terms": .integer(statistics.terms),
            "shift": .double(statistics.shift),
            "norm_measure": .double(statistics.normMeasure),
            "alpha_power": statistics.power.map { .integer($0) } ?? .null,
            "error_bound": .double(errorBound.value),
            "bound_kind": .string(errorBound.kind.rawValue),
            "bound_measure": .string(errorBound.measure),
        ])
    }
}

extension KrylovResult {
    /// The contract's summary keys for one Krylov run.
    var summary: JSONSummary {
        JSONSummary([
            "method": .string(statistics.lanczos ? "krylov-lanczos" : "krylov-arnoldi"),
            "order": .integer(statistics.subspaceSize),
            "squarings": .null,
            "products": 0,
            "solves": 0,
            "operator_applications": .integer(statistics.operatorApplications),
            "steps": .integer(statistics.steps),
            "rejected_steps": .integer(statistics.rejectedSteps),
            "happy_breakdown": .bool(statistics.happyBreakdown),
            "hump": .double(statistics.hump),
            "error_bound": .double(errorBound.value),
            "bound_kind": .string(errorBound.kind.rawValue),
            "bound_measure": .string(errorBound.measure),
            "error_estimates": .array(errorEstimates.map { .double($0) }),
        ])
    }
}
