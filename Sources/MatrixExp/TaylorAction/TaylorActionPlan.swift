import Linalg
import RealModule

/// A reusable plan for w(t) = exp(tA)v by the truncated Taylor series with scaling, Al-Mohy &
/// Higham, "Computing the action of the matrix exponential, with an application to exponential
/// integrators", SIAM J. Sci. Comput. 33(2), 2011 (AMH below): Algorithm 3.2 (`expmv`) with the
/// parameter selection of §3 (Code Fragment 3.1), and the block reuse of Algorithm 5.2 for
/// several output times.
///
/// **What is computed.** With the shift μ (below) and B = A − μI,
///   exp(tA)v ≈ e^{tμ}·T_m(s⁻¹tB)^s v,  T_m(X) = Σ_{j=0}^{m} Xʲ/j!,
/// one step at a time: b ← v; per step F ← b, b ← (t/(s·j))·B·b, F ← F + b for j = 1 … m;
/// then b ← e^{tμ/s}·F (AMH Algorithm 3.2). A step ends early when the last two
/// terms are negligible: ‖b_{j−1}‖∞ + ‖b_j‖∞ ≤ tol·‖F‖∞ (the early-termination test of AMH Algorithm 3.2).
///
/// **Why it is accurate.** T_m(X)^s = exp(sX + ΔX·s) with ‖ΔX‖ ≤ f_m(‖X‖)·‖X‖, where f_m is
/// the relative backward-error function of the truncated series (Higham 2005 §3, AMH eq.
/// (3.4)–(3.7)); θ_m = max{x : f_m(x) ≤ tol}. AMH choose (m, s) so that the norm measure over
/// s is at most θ_m while m·s (the number of products with B) is least (eq. (3.10)–(3.11)), with
/// α_p = max(d_p, d_{p+1}), d_p = ‖B^p‖₁^{1/p}, in place of ‖B‖₁ when ‖B‖₁ is large
/// (Al-Mohy & Higham 2009, Thm 4.2, as AMH 2011 §3 uses it), so that in exact arithmetic the result is
/// e^{tμ}·exp(t(B + ΔB))v = exp(t(A + ΔB))v with ‖ΔB‖₁ ≤ tol·‖B‖₁: a backward-error bound
/// for the requested tolerance. The θ_m here are derived by `BackwardError` for that tolerance,
/// so a looser tolerance lowers m·s (SciPy's `expm_multiply` is fixed at 2⁻⁵³).
///
/// **Shift.** μ = trace(A)/n for dense and CSR operators (AMH §3.1; it minimizes ‖A − μI‖_F),
/// kept only when it does not increase ‖A − μI‖₁ (both norms are exact there, so the check is
/// free); 0 for matrix-free operators unless given.
///
/// **Norms.** ‖B‖₁ exactly for `Matrix` and `CSRMatrix`; for other operators the Higham–Tisseur
/// estimate when Aᵀ is available, else the caller must give a bound (`norm:`). The d_p come from
/// the block 1-norm estimator applied to B^p as an operator (p products with n × 2 blocks per
/// application, AMH §3), are computed only when condition (3.13) says they can pay off, and are
/// kept by the plan for every later vector, time and tolerance.
///
/// **Several times, one run** (Algorithm 5.2 generalized to any t_1 < … < t_q): the steps are
/// chosen for the largest |t|; an output time τ inside a step [τ₀, τ₀ + h] is
/// e^{μ(τ−τ₀)}·Σ_j ρʲ K_j with ρ = (τ − τ₀)/h ≤ 1 and the step's own terms K_j = (hB)ʲb/j!,
/// so intermediate outputs cost vector operations, not applications, and each meets the same
/// bound (ρ ≤ 1 only lowers the norm measure). Negative times run the same on −B.
///
/// Not thread-safe: give each thread its own plan.
public final class TaylorActionPlan<Operator: LinearOperator> {
    public typealias Scalar = Operator.Scalar

    /// The operator A.
    public let linearOperator: Operator
    /// n, the order of A.
    public let size: Int
    /// μ: the run computes e^{tμ}·exp(t(A − μI))v (rounded to `Scalar`).
    public let shift: Double
    /// ‖A − μI‖₁: exact for dense and CSR operators, else the estimate or the bound given.
    public let norm1: Double
    /// Whether `norm1` is exact.
    public let exactNorm: Bool
    /// Applications of A spent building the plan (the 1-norm estimate of a matrix-free operator).
    public let setupApplications: Int

    private let shiftScalar: Scalar
    private let csr: CSRMatrix<Scalar>?
    private var powerNormRoots: [Int: Double] = [:]   // d_p = ‖B^p‖₁^{1/p}, p ≥ 2
    private var pendingApplications = 0               // estimator applications not yet reported
    private var current: UnsafeMutablePointer<Scalar>     // b at the start of a step
    private var blockEnd: UnsafeMutablePointer<Scalar>    // F at the end of a step
    private var termA: UnsafeMutablePointer<Scalar>
    private var termB: UnsafeMutablePointer<Scalar>

    /// Builds a plan for A.
    ///
    /// - Parameters:
    ///   - a: a square operator of order n ≥ 1 (dense `Matrix`, `CSRMatrix` or any `LinearOperator`).
    ///   - shift: μ; default trace(A)/n for dense and CSR (when it does not raise ‖A − μI‖₁), else 0.
    ///   - norm: a bound on ‖A − μI‖₁ to use instead of computing or estimating it (required for
    ///     an operator without a transpose; it should be an upper bound, for the guarantee).
    /// - Throws: `TaylorActionError.dimensionMismatch`, `.invalidArgument` (a bad shift or norm,
    ///   or a matrix-free operator with neither Aᵀ nor `norm`), `.nonFinite` (A has NaN/Inf).
    public init(_ a: Operator, shift: Double? = nil, norm: Double? = nil) throws(TaylorActionError) {
        guard a.rows == a.columns, a.rows > 0 else {
            throw TaylorActionError.dimensionMismatch("exp(tA)v needs a square non-empty operator, got \(a.rows)×\(a.columns)")
        }
        if let shift, !shift.isFinite { throw TaylorActionError.invalidArgument("shift must be finite, got \(shift)") }
        if let norm, !(norm.isFinite && norm >= 0) {
            throw TaylorActionError.invalidArgument("norm must be finite and ≥ 0, got \(norm)")
        }
        let n = a.rows
        var mu = Double(Scalar(shift ?? 0))
        var value = 0.0
        var exact = false
        var applications = 0
        let structured: (diagonal: [Double], norm1: (Double) -> Double)?
        if let dense = a as? Matrix<Scalar> {
            guard dense.storage.withUnsafeBufferPointer({ TaylorActionKernels.allFinite($0.baseAddress!, count: $0.count) }) else {
                throw TaylorActionError.nonFinite("the matrix")
            }
            structured = (dense.diagonalEntries.map { Double($0) }, { Self.shiftedNorm1(dense, shift: $0) })
        } else if let sparse = a as? CSRMatrix<Scalar> {
            guard sparse.values.withUnsafeBufferPointer({ $0.isEmpty || TaylorActionKernels.allFinite($0.baseAddress!, count: $0.count) }) else {
                throw TaylorActionError.nonFinite("the matrix")
            }
            structured = (Self.diagonal(sparse), { Self.shiftedNorm1(sparse, shift: $0) })
        } else {
            structured = nil
        }
        if let norm {
            value = norm
        } else if let structured {
            exact = true
            value = structured.norm1(mu)
            if shift == nil {
                let trace = structured.diagonal.reduce(0, +)
                let candidate = Double(Scalar(trace / Double(n)))
                let shifted = structured.norm1(candidate)
                if candidate.isFinite, shifted <= value { (mu, value) = (candidate, shifted) }
            }
        } else if a.hasTranspose {
            var counted = 0
            let muScalar = Scalar(mu)
            let e = OneNormEstimator.estimate(
                size: n, columns: Swift.min(TaylorActionSelection.estimatorColumns, n),
                multiply: { x, y in Self.applyPower(a, shift: muScalar, 1, x, into: &y, transposed: false, counter: &counted) },
                multiplyTranspose: { x, y in Self.applyPower(a, shift: muScalar, 1, x, into: &y, transposed: true, counter: &counted) })
            value = Double(e.value)
            applications = counted
        } else {
            throw TaylorActionError.invalidArgument(
                "a matrix-free operator without a transpose needs a bound on ‖A − μI‖₁ (norm:) for the Taylor action")
        }
        guard value.isFinite else { throw TaylorActionError.nonFinite("the operator (‖A − μI‖₁ = \(value))") }
        linearOperator = a
        size = n
        self.shift = mu
        shiftScalar = Scalar(mu)
        norm1 = value
        exactNorm = exact
        setupApplications = applications
        csr = a as? CSRMatrix<Scalar>
        // Every buffer is written (from v, or by a term kernel) before it is read, so they are left
        // uninitialized (Double and Float are trivial types); zero-filling them from this generic
        // context would cost a witness call per entry.
        current = .allocate(capacity: n)
        blockEnd = .allocate(capacity: n)
        termA = .allocate(capacity: n)
        termB = .allocate(capacity: n)
    }

    deinit {
        for buffer in [current, blockEnd, termA, termB] { buffer.deallocate() }
    }

    /// The diagonal of a CSR matrix.
    private static func diagonal(_ a: CSRMatrix<Scalar>) -> [Double] {
        a.withRawArrays { rp, ci, v in TaylorActionKernels.csrDiagonal(rows: a.rows, rowPointers: rp, columnIndices: ci, values: v) }
    }

    /// ‖A − μI‖₁ of a dense matrix.
    private static func shiftedNorm1(_ a: Matrix<Scalar>, shift mu: Double) -> Double {
        a.storage.withUnsafeBufferPointer { TaylorActionKernels.denseShiftedNorm1($0.baseAddress!, size: a.rows, shift: mu) }
    }

    /// ‖A − μI‖₁ of a CSR matrix.
    private static func shiftedNorm1(_ a: CSRMatrix<Scalar>, shift mu: Double) -> Double {
        a.withRawArrays { rp, ci, v in
            TaylorActionKernels.csrShiftedNorm1(rows: a.rows, columns: a.columns, rowPointers: rp, columnIndices: ci, values: v, shift: mu)
        }
    }

    /// Y ← (A − μI)^p·X (or its transpose) for a block X, counting column applications.
    private static func applyPower(
        _ a: Operator, shift mu: Scalar, _ p: Int, _ x: Matrix<Scalar>, into y: inout Matrix<Scalar>, transposed: Bool,
        counter: inout Int
    ) {
        var source = x
        for _ in 0..<p {
            if transposed { a.applyTranspose(source, into: &y) } else { a.apply(source, into: &y) }
            if mu != 0 {
                source.storage.withUnsafeBufferPointer { x in
                    y.storage.withUnsafeMutableBufferPointer { y in
                        TaylorActionKernels.subtractScaled(mu, x.baseAddress!, from: y.baseAddress!, count: y.count)
                    }
                }
            }
            counter += x.columns
            if p > 1 { swap(&source, &y) }
        }
        if p > 1 { swap(&source, &y) }
    }

    /// d_p = ‖(A − μI)^p‖₁^{1/p} by the block 1-norm estimator on the p-th power as an operator
    /// (computed once per plan; ‖A − μI‖₁ when the operator has no transpose).
    private func powerNormRoot(_ p: Int) -> Double {
        if let cached = powerNormRoots[p] { return cached }
        let a = linearOperator
        guard a.hasTranspose else { return norm1 }
        var counted = 0
        let mu = shiftScalar
        let e = OneNormEstimator.estimate(
            size: size, columns: Swift.min(TaylorActionSelection.estimatorColumns, size),
            multiply: { x, y in Self.applyPower(a, shift: mu, p, x, into: &y, transposed: false, counter: &counted) },
            multiplyTranspose: { x, y in Self.applyPower(a, shift: mu, p, x, into: &y, transposed: true, counter: &counted) })
        pendingApplications += counted
        let root = Double.pow(Double(e.value), 1 / Double(p))
        powerNormRoots[p] = root
        return root
    }

    /// The smallest tolerance a run works to: the unit roundoff of `Scalar`. Larger than 1/4 is
    /// lowered to 1/4 (the thresholds' domain).
    public static var toleranceRange: ClosedRange<Double> { Double(Scalar.unitRoundoff)...0.25 }

    /// (m, s) for exp(tA)v at this tolerance (AMH Code Fragment 3.1): the a priori cost m·s in
    /// applications, before any vector is touched. May estimate the d_p (kept by the plan).
    public func parameters(t: Double, tolerance: Double? = nil) throws(TaylorActionError) -> TaylorActionParameters {
        guard t.isFinite else { throw TaylorActionError.invalidArgument("t must be finite, got \(t)") }
        let tol = try Self.effectiveTolerance(tolerance)
        let scale = abs(t)
        return try TaylorActionSelection.select(
            norm1: scale * norm1, alpha: { p in scale * Swift.max(self.powerNormRoot(p), self.powerNormRoot(p + 1)) },
            tolerance: tol)
    }

    private static func effectiveTolerance(_ tolerance: Double?) throws(TaylorActionError) -> Double {
        let tol = tolerance ?? Double(Scalar.unitRoundoff)
        guard tol.isFinite, tol > 0, tol < 1 else { throw TaylorActionError.invalidArgument("tolerance must lie in (0, 1), got \(tol)") }
        return Swift.min(Swift.max(tol, toleranceRange.lowerBound), toleranceRange.upperBound)
    }

    /// exp(tA)v.
    /// - Parameters:
    ///   - v: the vector, of length n, finite.
    ///   - t: the time (negative allowed).
    ///   - tolerance: in (0, 1), default the unit roundoff u of `Scalar`; the backward-error
    ///     tolerance of AMH (raised to u, lowered to 1/4 when outside `toleranceRange`).
    /// - Throws: `TaylorActionError`.
    public func apply(to v: [Scalar], t: Scalar, tolerance: Double? = nil) throws(TaylorActionError) -> TaylorActionResult<Scalar> {
        try apply(to: v, times: [t], tolerance: tolerance)
    }

    /// exp(t_i A)v for t_1 < t_2 < … < t_q in one run (negative times from a second run on −A,
    /// in order of increasing |t|). Column i of `values` is exp(t_i A)v.
    /// - Throws: `TaylorActionError` for a vector of the wrong length or with NaN/Inf, times that
    ///   are not finite or not strictly increasing, a tolerance outside (0, 1), an operator that
    ///   produces NaN/Inf or a result that overflows.
    public func apply(to v: [Scalar], times: [Scalar], tolerance: Double? = nil) throws(TaylorActionError) -> TaylorActionResult<Scalar> {
        let n = size
        guard v.count == n else { throw TaylorActionError.dimensionMismatch("operator is \(n)×\(n), vector has \(v.count) entries") }
        guard v.withUnsafeBufferPointer({ TaylorActionKernels.allFinite($0.baseAddress!, count: n) }) else {
            throw TaylorActionError.nonFinite("the vector")
        }
        guard !times.isEmpty else { throw TaylorActionError.invalidArgument("at least one time is needed") }
        guard times.allSatisfy({ $0.isFinite }) else { throw TaylorActionError.invalidArgument("times must be finite, got \(times)") }
        guard zip(times, times.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw TaylorActionError.invalidArgument("times must be strictly increasing, got \(times)")
        }
        let tol = try Self.effectiveTolerance(tolerance)
        var values = Matrix<Scalar>(rows: n, columns: times.count)
        let forward = times.indices.filter { times[$0] >= 0 }.map { ($0, Double(times[$0])) }
        let backward = times.indices.filter { times[$0] < 0 }.reversed().map { ($0, -Double(times[$0])) }
        var statistics = TaylorActionStatistics(
            degree: 0, steps: 0, terms: 0, operatorApplications: 0, shift: shift, normMeasure: 0, power: nil, exactNorm: exactNorm)
        var largest: TaylorActionParameters?
        for (targets, sign) in [(forward, 1.0), (backward, -1.0)] where !targets.isEmpty {
            let p = try integrate(v, targets: targets, sign: sign, tolerance: tol, values: &values, statistics: &statistics)
            if largest == nil || p.normMeasure >= largest!.normMeasure { largest = p }
        }
        let parameters = largest!
        statistics.degree = parameters.degree
        statistics.normMeasure = parameters.normMeasure
        statistics.power = parameters.power
        statistics.operatorApplications += pendingApplications
        pendingApplications = 0
        let bound = ErrorBound(
            value: parameters.backwardErrorBound, kind: .backward,
            measure: "relative backward error ‖ΔA‖₁/‖A − μI‖₁ of the degree-\(parameters.degree) truncation in exact "
                + "arithmetic: the result is exp(t(A + ΔA))v (tolerance \(tol))")
        return TaylorActionResult(times: times, values: values, errorBound: bound, parameters: parameters, statistics: statistics)
    }

    /// One output time inside a step: where its sum lives, ρ = (τ − τ₀)/h, ρʲ, and AMH's
    /// early-termination state (‖previous term‖∞, whether it still takes terms).
    private struct Accumulator {
        var sum: UnsafeMutablePointer<Scalar>
        var time: Double
        var rho: Double
        var rhoPower: Double = 1
        var previousTerm: Double
        var active = true
    }

    /// Runs w' = sign·A·w from w(0) = v through the targets (|t|, increasing) and stores w at each
    /// in `values`; returns the parameters chosen for the largest |t|.
    private func integrate(
        _ v: [Scalar], targets: [(index: Int, time: Double)], sign: Double, tolerance tol: Double,
        values: inout Matrix<Scalar>, statistics: inout TaylorActionStatistics
    ) throws(TaylorActionError) -> TaylorActionParameters {
        let n = size
        let total = targets.last!.time
        let parameters = try self.parameters(t: total, tolerance: tol)
        let (m, s) = (parameters.degree, parameters.steps)
        statistics.steps += s
        let termsBefore = statistics.terms
        let mu = Double(shiftScalar)
        try values.storage.withUnsafeMutableBufferPointer { (out: inout UnsafeMutableBufferPointer<Scalar>) throws(TaylorActionError) in
            let base = out.baseAddress!
            func column(_ i: Int) -> UnsafeMutablePointer<Scalar> { base + i * n }
            v.withUnsafeBufferPointer { TaylorActionKernels.copy($0.baseAddress!, into: current, count: n) }
            var next = 0
            while next < targets.count, targets[next].time == 0 {
                TaylorActionKernels.copy(current, into: column(targets[next].index), count: n)
                next += 1
            }
            guard next < targets.count else { return }
            let h = total / Double(s)
            var start = 0.0
            for step in 1...s {
                let end = step == s ? total : Double(step) * h
                var accumulators = [Accumulator]()
                while next < targets.count, targets[next].time <= end {
                    let tau = targets[next].time
                    accumulators.append(Accumulator(
                        sum: column(targets[next].index), time: tau, rho: tau == end ? 1 : (tau - start) / h, previousTerm: 0))
                    next += 1
                }
                if accumulators.last?.time != end {
                    accumulators.append(Accumulator(sum: blockEnd, time: end, rho: 1, previousTerm: 0))
                }
                let bNorm = Double(TaylorActionKernels.maxAbs(current, count: n))
                for k in accumulators.indices {
                    TaylorActionKernels.copy(current, into: accumulators[k].sum, count: n)
                    accumulators[k].previousTerm = bNorm
                }
                statistics.terms += try runStep(degree: m, length: sign * h, accumulators: &accumulators, tolerance: tol)
                for accumulator in accumulators {
                    let eta = Scalar(Double.exp(sign * mu * (accumulator.time - start)))
                    if eta != 1 { TaylorActionKernels.scale(eta, accumulator.sum, count: n) }
                    guard TaylorActionKernels.allFinite(accumulator.sum, count: n) else {
                        throw TaylorActionError.nonFinite("the result at |t| = \(accumulator.time) (A produced NaN/Inf, or exp(tA)v overflows)")
                    }
                }
                TaylorActionKernels.copy(accumulators.last!.sum, into: current, count: n)
                start = end
            }
        }
        statistics.operatorApplications += statistics.terms - termsBefore
        return parameters
    }

    /// The terms K_j = (hB)ʲb/j!, j = 1 … m, of one step, added with weights ρʲ into every
    /// active accumulator until AMH's test ‖ρʲ⁻¹K_{j−1}‖∞ + ‖ρʲK_j‖∞ ≤ tol·‖F‖∞ retires it.
    /// Returns the number of terms formed (= applications of A).
    private func runStep(degree m: Int, length h: Double, accumulators: inout [Accumulator], tolerance tol: Double) throws(TaylorActionError) -> Int {
        guard m > 0 else { return 0 }
        var x = UnsafePointer(current)
        var (y, spare) = (termA, termB)
        var formed = 0
        for j in 1...m {
            let c = Scalar(h / Double(j))
            let active = accumulators.indices.filter { accumulators[$0].active }
            if active.count == 1, accumulators[active[0]].rho == 1 {
                let k = active[0]
                let (term, sum) = applyTerm(c, x, y, accumulate: accumulators[k].sum)
                let t = Double(term)
                if accumulators[k].previousTerm + t <= tol * Double(sum) { accumulators[k].active = false }
                accumulators[k].previousTerm = t
            } else {
                let term = Double(applyTerm(c, x, y, accumulate: nil).term)
                for k in active {
                    accumulators[k].rhoPower *= accumulators[k].rho
                    let weight = accumulators[k].rhoPower
                    let sum = TaylorActionKernels.accumulate(Scalar(weight), y, into: accumulators[k].sum, count: size)
                    let t = weight * term
                    if accumulators[k].previousTerm + t <= tol * Double(sum) { accumulators[k].active = false }
                    accumulators[k].previousTerm = t
                }
            }
            formed += 1
            if !accumulators.contains(where: { $0.active }) { break }
            x = UnsafePointer(y)
            swap(&y, &spare)
        }
        return formed
    }

    /// y ← c·(A − μI)x, and F ← F + y when F is given; returns (‖y‖∞, ‖F‖∞). CSR operators take
    /// the fused one-pass kernel, others one application and one fused vector pass.
    private func applyTerm(
        _ c: Scalar, _ x: UnsafePointer<Scalar>, _ y: UnsafeMutablePointer<Scalar>, accumulate f: UnsafeMutablePointer<Scalar>?
    ) -> (term: Scalar, sum: Scalar) {
        let n = size, mu = shiftScalar
        if let csr {
            return csr.withRawArrays { rp, ci, a in
                TaylorActionKernels.csrTerm(rows: n, rowPointers: rp, columnIndices: ci, values: a, c, shift: mu, x, y, into: f)
            }
        }
        linearOperator.apply(UnsafeBufferPointer(start: x, count: n), into: UnsafeMutableBufferPointer(start: y, count: n))
        if let f { return TaylorActionKernels.shiftScaleAccumulate(c, shift: mu, x, y, into: f, count: n) }
        return (TaylorActionKernels.shiftScale(c, shift: mu, x, y, count: n), 0)
    }
}

extension CSRMatrix {
    /// The row pointers, column indices and values as raw pointers (valid addresses even with no
    /// stored entries: the kernels then read none of them).
    fileprivate func withRawArrays<R>(
        _ body: (UnsafePointer<Int>, UnsafePointer<Int>, UnsafePointer<Scalar>) -> R
    ) -> R {
        rowPointers.withUnsafeBufferPointer { rp in
            columnIndices.withUnsafeBufferPointer { ci in
                values.withUnsafeBufferPointer { v in
                    withUnsafeTemporaryAllocation(of: Scalar.self, capacity: 1) { placeholder in
                        body(rp.baseAddress!, ci.baseAddress ?? rp.baseAddress!, v.baseAddress ?? UnsafePointer(placeholder.baseAddress!))
                    }
                }
            }
        }
    }
}
