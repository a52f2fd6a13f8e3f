import Linalg
import RealModule

/// A reusable plan for w(t) = exp(tA)v by Krylov subspace projection with Expokit's step-size
/// control (Sidje, "Expokit: a software package for computing matrix exponentials", ACM TOMS
/// 24(1), 1998, §2 and Algorithm 2 / routines DGEXPV and DSEXPV).
///
/// What the plan holds, computed once per operator and reused for every vector and every time
/// (the work SciPy's `expm_multiply` redoes on every call): the operator, whether it is symmetric
/// (Lanczos) or not (Arnoldi), a norm estimate (for the first step size and the breakdown
/// threshold), the n × (m + 1) basis and the vectors of the recurrence, and one `ExpmWorkspace`
/// per size of small exponential (from `ExpmWorkspacePool`, returned when the plan is released).
/// Not thread-safe: give each thread its own plan.
///
/// **One step** from t_k to t_k + τ, with β = ‖w(t_k)‖₂ and v_1 = w(t_k)/β:
/// 1. The Krylov process: Arnoldi with modified Gram–Schmidt (general A) or the Lanczos
///    three-term recurrence (symmetric A) builds V_{m+1} = [v_1 … v_{m+1}] and H̄_m with
///    A V_m = V_{m+1} H̄_m (Saad, "Analysis of some Krylov subspace approximations to the matrix
///    exponential operator", SIAM J. Numer. Anal. 29(1), 1992, §2). If h_{j+1,j} falls below
///    `breakdownTolerance` the subspace is (nearly) invariant ("happy breakdown", Sidje §2.1):
///    see `breakdownTolerance` for how that step is then controlled.
/// 2. The small exponential of the augmented (m+2)×(m+2) matrix H̃ = [H̄_m 0; 0 … 1 0] (Saad
///    1992, Thm. 3.1 and §3.3's corrected scheme; Sidje eq. (8)), by this library's Padé
///    scaling-and-squaring (`expm(_:method: .pade)`). Its first column gives the corrected
///    approximation w(t_k + τ) ≈ β V_{m+1} [exp(τH̃)]_{1:m+1, 1}.
/// 3. The local error estimate (Sidje §2.2): with p1 = β|[exp(τH̃)]_{m+1,1}| and
///    p2 = β|[exp(τH̃)]_{m+2,1}|·‖A v_{m+1}‖₂, err = p2 if p1 > 10 p2, p1p2/(p1 − p2) if p1 > p2,
///    else p1 (and the assumed order drops from m to m − 1).
/// 4. Accept when err ≤ max(δ·τ·ε, 2(m+1)·u·β) with ε = tol·β/T (error per unit time, T the
///    final |t|, so that the local errors of all steps add up to about tol·max_k‖w(t_k)‖₂; the
///    second term is the rounding level of a step, below which no estimate is meaningful);
///    otherwise shrink τ to γ τ (τε/err)^{1/m}, rounded up to two significant digits, and retry.
///    After acceptance the next step is τ_new = γ τ (τε/err)^{1/m} (never a shrink when err is at
///    the rounding level). Sidje's constants: γ = 0.9, δ = 1.2.
///
/// The first step is Sidje's a priori choice τ_0 = (1/‖A‖)·(ε·((m+1)/e)^{m+1}√(2π(m+1)) /
/// (4β‖A‖))^{1/m} (Sidje §2.2, from Saad's a priori bound, 1992, Cor. 4.6), or the larger step
/// that the a posteriori estimate at the last early checkpoint allows (`earlyCheckpoints`).
///
/// **Negative t** runs the same control on exp(|t|·(−A)): the small exponential is of −τH̃.
/// The error estimate of a run is the sum of the accepted local estimates (Expokit's s_error),
/// an a posteriori *estimate*, not a bound.
public final class KrylovPlan<Operator: LinearOperator> {
    public typealias Scalar = Operator.Scalar

    /// The default m: 50, above Expokit's 30, because the early checkpoints make a large m cost
    /// nothing when fewer dimensions suffice, while a larger m lets one step cover more of
    /// [0, t] (measured on the 2-D Laplacian, docs/krylov.md: at t = 10, tol 1e-12, m = 30 took
    /// 84 applications in 3 steps, m = 60 took 54 in 1 step).
    public static var defaultSubspaceSize: Int { 50 }

    /// Sidje's step-size safety factor γ.
    public static var stepSafety: Double { 0.9 }
    /// Sidje's local-error acceptance factor δ.
    public static var acceptanceFactor: Double { 1.2 }

    /// The operator A.
    public let linearOperator: Operator
    /// n, the order of A.
    public let size: Int
    /// m, the Krylov subspace dimension per step (at most n).
    public let subspaceSize: Int
    /// Whether the Lanczos process is used (symmetric A), else Arnoldi.
    public let isSymmetric: Bool
    /// The norm estimate ‖A‖ the step control starts from (exact ‖A‖₁ for dense and CSR
    /// operators, the Higham–Tisseur estimate when Aᵀ is available, else a power-iteration
    /// estimate of ‖A‖₂).
    public let normEstimate: Double
    /// Applications of A spent building the plan (norm estimate and symmetry probe).
    public let setupApplications: Int
    /// The limit on accepted steps per run; past it the run throws `stepLimitReached`.
    public var maximumSteps: Int = 100_000
    /// The limit on consecutive rejections of one step; past it the run throws `rejectionLimitReached`.
    public var maximumRejections: Int = 50

    private let basis: UnsafeMutablePointer<Scalar>      // n × (m + 1)
    private let work: UnsafeMutablePointer<Scalar>       // n
    private let current: UnsafeMutablePointer<Scalar>    // n, w(t_k)
    private var hessenberg: [Double]                     // (m + 2)², column-major
    private var workspaces: [Int: ExpmWorkspace<Scalar>] = [:]

    /// Builds a plan for A.
    ///
    /// - Parameters:
    ///   - a: a square operator of order n ≥ 1.
    ///   - symmetry: `.detect` (default), `.symmetric` (declared; checked) or `.general`.
    ///   - subspaceSize: m ≥ 1 (default `defaultSubspaceSize`); capped at n. The basis takes
    ///     n·(m + 1) entries.
    ///   - norm: a known ‖A‖ (any consistent norm), to skip the estimate.
    /// - Throws: `KrylovError.dimensionMismatch`, `.invalidArgument`, `.nonFinite` (a non-finite
    ///   norm: A has NaN/Inf), `.notSymmetric` (declared symmetric, detected not).
    public init(
        _ a: Operator, symmetry: KrylovSymmetry = .detect, subspaceSize: Int = KrylovPlan.defaultSubspaceSize, norm: Double? = nil
    ) throws(KrylovError) {
        guard a.rows == a.columns, a.rows > 0 else {
            throw KrylovError.dimensionMismatch("exp(tA)v needs a square non-empty operator, got \(a.rows)×\(a.columns)")
        }
        guard subspaceSize >= 1 else { throw KrylovError.invalidArgument("subspace size must be ≥ 1, got \(subspaceSize)") }
        let n = a.rows
        var applications = 0
        let estimate: Double
        if let norm {
            guard norm.isFinite, norm >= 0 else { throw KrylovError.invalidArgument("norm must be finite and ≥ 0, got \(norm)") }
            estimate = norm
        } else if let dense = a as? Matrix<Scalar> {
            estimate = Double(dense.norm1)
        } else if let sparse = a as? CSRMatrix<Scalar> {
            estimate = Double(sparse.norm1)
        } else if a.hasTranspose {
            let e = OneNormEstimator.estimate(a)
            estimate = Double(e.value)
            applications += 2 * e.products
        } else {
            estimate = Self.powerEstimate(a)
            applications += 6
        }
        guard estimate.isFinite else { throw KrylovError.nonFinite("the operator (its norm is \(estimate))") }
        var symmetric = false
        if symmetry != .general {
            symmetric = SymmetryProbe.looksSymmetric(a, normEstimate: estimate)
            applications += 2
            if symmetry == .symmetric && !symmetric {
                throw KrylovError.notSymmetric("⟨y, Ax⟩ ≠ ⟨Ay, x⟩ beyond rounding for random x, y")
            }
        }
        let m = Swift.min(subspaceSize, n)
        linearOperator = a
        size = n
        self.subspaceSize = m
        isSymmetric = symmetric
        normEstimate = estimate
        setupApplications = applications
        // Every basis column is written before it is read, so the basis is left uninitialized
        // (Double and Float are trivial types); zeroing n·(m+1) entries would cost more than a
        // few operator applications for large n.
        basis = .allocate(capacity: n * (m + 1))
        work = .allocate(capacity: n)
        work.initialize(repeating: 0, count: n)
        current = .allocate(capacity: n)
        current.initialize(repeating: 0, count: n)
        hessenberg = [Double](repeating: 0, count: (m + 2) * (m + 2))
    }

    deinit {
        ExpmWorkspacePool.give(workspaces.values)
        basis.deallocate()
        work.deallocate()
        current.deallocate()
    }

    /// ‖A‖₂ from below by six steps of the power method from a seeded random vector (for
    /// operators without a transpose; only the step control uses it).
    private static func powerEstimate(_ a: Operator) -> Double {
        let n = a.rows
        var x: [Scalar] = VectorKernels.randomUniform(count: n, seed: 0x90E5_7E57)
        var y = x
        var estimate = 0.0
        for _ in 0..<6 {
            let nx = x.withUnsafeBufferPointer { Double(VectorKernels.norm($0.baseAddress!, count: n)) }
            if nx == 0 || !nx.isFinite { return nx == 0 ? 0 : .infinity }
            x.withUnsafeMutableBufferPointer { VectorKernels.scaled(Scalar(1 / nx), $0.baseAddress!, into: $0.baseAddress!, count: n) }
            a.apply(x, into: &y)
            estimate = y.withUnsafeBufferPointer { Double(VectorKernels.norm($0.baseAddress!, count: n)) }
            swap(&x, &y)
        }
        return estimate
    }

    /// The (near-)breakdown threshold on h_{j+1,j}: √u·‖A‖. Below it, the subspace of dimension j
    /// is taken as invariant if exp(τH_j)e_1 meets the tolerance all the way to the next output
    /// time, judged by the estimate β|[exp(τH̄_j)]_{j+1,1}| (which contains h_{j+1,j} and is zero
    /// for an exactly invariant subspace): Sidje §2.1's happy breakdown, kept under error
    /// control. Otherwise the process goes on with the next basis vector.
    public var breakdownTolerance: Double {
        Double(Scalar.unitRoundoff).squareRoot() * Swift.max(normEstimate, Double.leastNormalMagnitude)
    }

    /// The basis dimensions j < m at which a step checks whether the j-dimensional subspace
    /// already reaches the next output time within the tolerance (the test of a happy breakdown,
    /// `breakdownTolerance`); if so the step ends there, saving the remaining m − j applications.
    /// This is the adaptive subspace size of the a posteriori stopping rule (Saad 1992, §5.2;
    /// ExponentialUtilities.jl's `expv(...; mode = :error_estimate)`), at a few checkpoints so
    /// that the small exponentials it costs stay negligible next to the applications of A.
    public static var earlyCheckpoints: [Int] { [8, 12, 16, 20, 24, 30, 36, 44, 52, 62, 74, 88, 104, 124] }

    /// The smallest tolerance a run accepts (smaller requests are raised to it): 2u.
    public static var smallestTolerance: Double { 2 * Double(Scalar.unitRoundoff) }

    /// exp(tA)v.
    /// - Parameters:
    ///   - v: the vector, of length n, finite.
    ///   - t: the time (negative allowed).
    ///   - tolerance: relative, in (0, 1): the accumulated local errors are kept near
    ///     tol·max_k‖w(t_k)‖₂ (which is ‖v‖₂ when exp(sA) is a contraction); default 10⁴·u.
    /// - Throws: `KrylovError`.
    public func apply(to v: [Scalar], t: Scalar, tolerance: Double? = nil) throws(KrylovError) -> KrylovResult<Scalar> {
        try apply(to: v, times: [t], tolerance: tolerance)
    }

    /// exp(t_i A)v for t_1 < t_2 < … < t_q in one run: the integration from 0 stops at every
    /// output time on its way (negative times are reached by integrating from 0 backwards, in
    /// order of increasing |t|). Column i of `values` is exp(t_i A)v.
    /// - Throws: `KrylovError` for a vector of the wrong length or with NaN/Inf, times that are
    ///   not finite or not strictly increasing, a tolerance outside (0, 1), an operator that
    ///   produces NaN/Inf, or when the step or rejection limit is reached (so no vector is ever
    ///   returned without its tolerance having been met, as far as the estimate can tell).
    public func apply(to v: [Scalar], times: [Scalar], tolerance: Double? = nil) throws(KrylovError) -> KrylovResult<Scalar> {
        let n = size
        guard v.count == n else { throw KrylovError.dimensionMismatch("operator is \(n)×\(n), vector has \(v.count) entries") }
        guard v.allSatisfy({ $0.isFinite }) else { throw KrylovError.nonFinite("the vector") }
        guard !times.isEmpty else { throw KrylovError.invalidArgument("at least one time is needed") }
        guard times.allSatisfy({ $0.isFinite }) else { throw KrylovError.invalidArgument("times must be finite, got \(times)") }
        guard zip(times, times.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw KrylovError.invalidArgument("times must be strictly increasing, got \(times)")
        }
        let tol = tolerance ?? 1e4 * Double(Scalar.unitRoundoff)
        guard tol.isFinite, tol > 0, tol < 1 else { throw KrylovError.invalidArgument("tolerance must lie in (0, 1), got \(tol)") }
        var run = Run(
            values: Matrix<Scalar>(rows: n, columns: times.count), estimates: [Double](repeating: 0, count: times.count),
            statistics: KrylovStatistics(
                steps: 0, rejectedSteps: 0, subspaceSize: 0, operatorApplications: 0, smallExponentials: 0,
                happyBreakdown: false, hump: 1, smallestStep: .infinity, largestStep: 0, lanczos: isSymmetric))
        let forward = times.indices.filter { times[$0] >= 0 }.map { ($0, Double(times[$0])) }
        let backward = times.indices.filter { times[$0] < 0 }.reversed().map { ($0, -Double(times[$0])) }
        try integrate(v, targets: forward, sign: 1, tolerance: Swift.max(tol, Self.smallestTolerance), run: &run)
        try integrate(v, targets: backward, sign: -1, tolerance: Swift.max(tol, Self.smallestTolerance), run: &run)
        if run.statistics.smallestStep == .infinity { run.statistics.smallestStep = 0 }
        let last = times.indices.max { abs(times[$0]) < abs(times[$1]) }!
        let bound = ErrorBound(
            value: run.estimates[last], kind: .estimate,
            measure: "absolute ‖exp(tA)v − y‖₂ at t = \(times[last]): sum of Expokit local error estimates")
        return KrylovResult(times: times, values: run.values, errorEstimates: run.estimates, errorBound: bound, statistics: run.statistics)
    }

    /// The state of one `apply` call.
    private struct Run {
        var values: Matrix<Scalar>
        var estimates: [Double]
        var statistics: KrylovStatistics
    }

    /// Integrates w' = sign·A·w from w(0) = v through the targets (|t|, increasing), storing w at each.
    private func integrate(
        _ v: [Scalar], targets: [(index: Int, time: Double)], sign: Double, tolerance tol: Double, run: inout Run
    ) throws(KrylovError) {
        guard let total = targets.last?.time else { return }
        let n = size
        let w = current
        v.withUnsafeBufferPointer { w.update(from: $0.baseAddress!, count: n) }
        let beta0 = Double(VectorKernels.norm(w, count: n))
        var beta = beta0
        var tk = 0.0
        var accumulated = 0.0
        let m = subspaceSize
        let gamma = Self.stepSafety, delta = Self.acceptanceFactor
        let anorm = normEstimate
        let u = Double(Scalar.unitRoundoff)
        // The rounding level of one step's result relative to β: the small exponential and the
        // combination of m + 1 basis vectors each carry errors of order (m + 1)·u. A local
        // estimate below it is noise; requiring less would only shrink the steps forever.
        let roundingFloor = 2 * Double(m + 1) * u
        // Sidje's first step, in logarithms so that ((m+1)/e)^{m+1} cannot overflow.
        var nextStep: Double
        if anorm > 0 && total > 0 {
            let mm = Double(m)
            let logFact = (mm + 1) * (Double.log(mm + 1) - 1) + 0.5 * Double.log(2 * Double.pi * (mm + 1))
            let logRatio = logFact + Double.log(tol) - Double.log(4 * anorm * total)
            nextStep = roundedUp(Double.exp(logRatio / mm) / anorm)
        } else {
            nextStep = total
        }
        for (index, target) in targets {
            while tk < target && beta > 0 {
                if run.statistics.steps >= maximumSteps {
                    throw KrylovError.stepLimitReached(limit: maximumSteps, reached: sign * tk, target: sign * total)
                }
                let errorPerTime = tol * beta / total
                func acceptable(_ local: Double, _ tau: Double) -> Bool {
                    local <= Swift.max(delta * tau * errorPerTime, roundingFloor * beta)
                }
                // A (near-)breakdown or an early checkpoint at dimension j ends the step only if
                // exp(τH_j)e_1 meets the tolerance all the way to the output time; otherwise the
                // basis grows on to m and the step size is controlled as usual.
                let remaining = target - tk
                var breakdown: (weights: Matrix<Scalar>, local: Double)?
                var exponentials = 0
                var suggestion = 0.0
                let process = try buildBasis(beta: beta, run: &run) { (j: Int) throws(KrylovError) -> Bool in
                    let f = try smallExponential(size: j + 1, tau: sign * remaining)
                    exponentials += 1
                    let local = abs(Double(f[j, 0])) * beta
                    guard acceptable(local, remaining) else {
                        // The step this subspace would allow, by the same rule as a rejection.
                        suggestion = gamma * remaining * Double.pow(remaining * errorPerTime / local, 1 / Double(j))
                        return false
                    }
                    breakdown = (f, local)
                    return true
                }
                run.statistics.smallExponentials += exponentials
                var tau: Double
                var order = 1 / Double(m)
                var local: Double
                var weights: Matrix<Scalar>
                let used: Int
                if let breakdown, process.breakdown {
                    tau = remaining
                    (weights, local) = breakdown
                    used = process.size
                    if Double(hessenberg[process.size + (process.size - 1) * (m + 2)]) < breakdownTolerance {
                        run.statistics.happyBreakdown = true
                    }
                } else {
                    // The first step of a run starts from the larger of Sidje's a priori τ_0 and
                    // the step the last checkpoint's estimate allows (often much larger: τ_0 comes
                    // from a worst-case bound); later steps from the controller's τ_new.
                    tau = Swift.min(remaining, run.statistics.steps == 0 ? Swift.max(nextStep, roundedUp(suggestion)) : nextStep)
                    var rejections = 0
                    while true {
                        weights = try smallExponential(size: m + 2, tau: sign * tau)
                        run.statistics.smallExponentials += 1
                        let p1 = abs(Double(weights[m, 0])) * beta
                        let p2 = abs(Double(weights[m + 1, 0])) * beta * process.nextNorm
                        if p1 > 10 * p2 {
                            local = p2; order = 1 / Double(m)
                        } else if p1 > p2 {
                            local = p1 * p2 / (p1 - p2); order = 1 / Double(m)
                        } else {
                            local = p1; order = 1 / Double(Swift.max(m - 1, 1))
                        }
                        if acceptable(local, tau) { break }
                        rejections += 1
                        run.statistics.rejectedSteps += 1
                        if rejections > maximumRejections {
                            throw KrylovError.rejectionLimitReached(limit: maximumRejections, at: sign * tk)
                        }
                        tau = roundedUp(gamma * tau * Double.pow(tau * errorPerTime / local, order))
                    }
                    used = m + 1
                }
                // w ← β·V_used·[exp(τH̃)]_{1:used, 1}.
                var column = [Scalar](repeating: 0, count: used)
                for i in 0..<used { column[i] = weights[i, 0] }
                column.withUnsafeBufferPointer { c in
                    Scalar.blasGemv(
                        trans: false, m: n, n: used, alpha: Scalar(beta), a: basis, lda: n,
                        x: c.baseAddress!, incx: 1, beta: 0, y: w, incy: 1)
                }
                beta = Double(VectorKernels.norm(w, count: n))
                guard beta.isFinite else { throw KrylovError.nonFinite("exp(tA)v: the iterate overflowed at t = \(sign * (tk + tau))") }
                tk = tau >= remaining ? target : tk + tau
                // Growth from the estimate, except that an estimate at the rounding level never
                // shrinks the next step; the running estimate counts at least the rounding level.
                if !process.breakdown {
                    let ratio = tau * errorPerTime / local
                    nextStep = roundedUp(gamma * tau * Double.pow(local <= roundingFloor * beta ? Swift.max(1, ratio) : ratio, order))
                }
                accumulated += Swift.max(local, u * beta)
                run.statistics.steps += 1
                run.statistics.smallestStep = Swift.min(run.statistics.smallestStep, tau)
                run.statistics.largestStep = Swift.max(run.statistics.largestStep, tau)
                if beta0 > 0 { run.statistics.hump = Swift.max(run.statistics.hump, beta / beta0) }
            }
            run.values.storage.withUnsafeMutableBufferPointer { out in
                (out.baseAddress! + index * n).update(from: w, count: n)
            }
            run.estimates[index] = accumulated
        }
    }

    /// Builds V_{m+1} and H̄_m from v_1 = w/β (in `hessenberg`, column-major (m+2)×(m+2)).
    /// When h_{j+1,j} < `breakdownTolerance`, or j is one of `earlyCheckpoints`, and
    /// `acceptEarly(j)` agrees (an exactly zero h_{j+1,j} always ends the process), returns
    /// `breakdown` with dimension j; otherwise also ‖A v_{m+1}‖₂ (one more application) and sets
    /// the augmented entry H̃[m+2, m+1] = 1.
    private func buildBasis(
        beta: Double, run: inout Run, acceptEarly: (Int) throws(KrylovError) -> Bool
    ) throws(KrylovError) -> (breakdown: Bool, size: Int, nextNorm: Double) {
        let n = size, m = subspaceSize, ld = m + 2
        let a = linearOperator
        for k in hessenberg.indices { hessenberg[k] = 0 }
        VectorKernels.scaled(Scalar(1 / beta), current, into: basis, count: n)
        let threshold = breakdownTolerance
        var previous: Scalar = 0
        for j in 0..<m {
            let vj = basis + j * n
            a.apply(UnsafeBufferPointer(start: vj, count: n), into: UnsafeMutableBufferPointer(start: work, count: n))
            run.statistics.operatorApplications += 1
            let s: Scalar
            if isSymmetric {
                // Modified Lanczos (Paige's A(2,7) variant): subtract β_{j−1} v_{j−1} first, then
                // α_j v_j; each half fused with the inner product it needs (two passes over p).
                let alpha = VectorKernels.axpyThenDot(j > 0 ? -previous : 0, j > 0 ? vj - n : vj, work, dotWith: vj, count: n)
                s = VectorKernels.axpyThenNormSquared(-alpha, vj, work, count: n).squareRoot()
                hessenberg[j + j * ld] = Double(alpha)
            } else {
                // Arnoldi, modified Gram–Schmidt.
                for i in 0...j {
                    let vi = basis + i * n
                    let h = VectorKernels.dot(vi, work, count: n)
                    VectorKernels.axpy(-h, vi, work, count: n)
                    hessenberg[i + j * ld] = Double(h)
                }
                s = VectorKernels.norm(work, count: n)
            }
            guard s.isFinite else { throw KrylovError.nonFinite("the operator's output (A·v_\(j + 1))") }
            run.statistics.subspaceSize = Swift.max(run.statistics.subspaceSize, j + 1)
            hessenberg[(j + 1) + j * ld] = Double(s)
            if s == 0 { return (true, j + 1, 0) }
            if Double(s) < threshold || (j + 1 < m && Self.earlyCheckpoints.contains(j + 1)) {
                if try acceptEarly(j + 1) { return (true, j + 1, 0) }
            }
            if isSymmetric { hessenberg[j + (j + 1) * ld] = Double(s) }
            previous = s
            VectorKernels.scaled(1 / s, work, into: basis + (j + 1) * n, count: n)
        }
        // The last basis vector's image, for p2; its entry in H̄ stays out of H̃ (Sidje eq. (8)).
        a.apply(UnsafeBufferPointer(start: basis + m * n, count: n), into: UnsafeMutableBufferPointer(start: work, count: n))
        run.statistics.operatorApplications += 1
        let nextNorm = Double(VectorKernels.norm(work, count: n))
        guard nextNorm.isFinite else { throw KrylovError.nonFinite("the operator's output (A·v_\(m + 1))") }
        if isSymmetric { hessenberg[(m - 1) + m * ld] = 0 }
        hessenberg[(m + 1) + m * ld] = 1
        return (false, m, nextNorm)
    }

    /// exp(τ·H) for the leading `size` × `size` block of the Hessenberg matrix, by Padé.
    private func smallExponential(size k: Int, tau: Double) throws(KrylovError) -> Matrix<Scalar> {
        let ld = subspaceSize + 2
        var h = Matrix<Scalar>(rows: k, columns: k)
        for j in 0..<k { for i in 0..<k { h[i, j] = Scalar(tau * hessenberg[i + j * ld]) } }
        let workspace: ExpmWorkspace<Scalar>
        if let cached = workspaces[k] { workspace = cached } else {
            workspace = ExpmWorkspacePool.take(size: k)
            workspaces[k] = workspace
        }
        do {
            return try expm(h, method: .pade, workspace: workspace).value
        } catch {
            throw KrylovError.smallExponential("\(error) (τ = \(tau), size \(k))")
        }
    }
}

/// x rounded up to two significant decimal digits, as Expokit rounds its step sizes.
private func roundedUp(_ x: Double) -> Double {
    guard x.isFinite, x > 0 else { return x }
    let s = Double.pow(10, (Double.log10(x)).rounded(.down) - 1)
    return (x / s).rounded(.up) * s
}
