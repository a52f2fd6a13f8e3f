import Linalg
import RealModule

/// The gradients `ExpmTape.backward` returns for an output cotangent Ḡ (the gradient of a scalar
/// loss with respect to the computed output Y): ∂loss/∂A, ∂loss/∂Δt and, for the polynomial
/// flows, ∂loss/∂w_k for every weight.
public struct ExpmCotangents<Scalar: LinalgScalar>: Sendable {
    /// Ā = ∂⟨Ḡ, Y⟩/∂A. For Y = exp(AΔt) this is Δt·L((AΔt)ᵀ, Ḡ) (the exact adjoint of the
    /// algorithm that computed Y; see `ExpmTape`).
    public var a: Matrix<Scalar>
    /// ∂⟨Ḡ, Y⟩/∂Δt = ⟨A, M̄⟩ with M̄ the gradient with respect to M = AΔt.
    public var dt: Scalar
    /// ∂⟨Ḡ, Y⟩/∂w_k for the flows with learned weights (empty for exp).
    public var weights: [Scalar]

    /// Zero gradients for n×n matrices: storage for `ExpmTape.backward(cotangent:into:)` to reuse.
    public init(size n: Int = 0) {
        self.init(a: Matrix(rows: n, columns: n), dt: 0, weights: [])
    }

    init(a: Matrix<Scalar>, dt: Scalar, weights: [Scalar]) {
        self.a = a
        self.dt = dt
        self.weights = weights
    }
}

/// One recorded evaluation of exp(AΔt) (or of a polynomial flow P(AΔt)), kept so that
/// derivatives cost no second forward pass: `forward` computes the value and records it, then
/// `backward(cotangent:)` returns the vector–Jacobian product and `tangent(direction:)` the
/// Fréchet derivative, as often as needed (a training step calls `backward` once; the condition
/// estimator calls both a few times).
///
/// **What is differentiated.** The derivatives are those of the algorithm that computed the
/// value: the approximant r (Padé r_m, an optimized Taylor scheme, T_K, a Chebyshev flow)
/// evaluated by its exact sequence of products, combinations and (Padé) one LU solve, then the
/// s squarings. For Padé the tangent pass is Al-Mohy & Higham's Algorithm 6.4 ("Computing the
/// Fréchet derivative of the matrix exponential…", SIAM J. Matrix Anal. Appl. 30(4), 2009): L_U
/// and L_V alongside U and V, the LU of q_m = V − U reused, L ← RL + LR through each squaring. The
/// backward pass is its adjoint, reverse accumulation through the same steps (Ā = L_r(Aᵀ, Ḡ)
/// since r is a primary matrix function). For exp, degree and scaling are chosen so that the
/// derivative, not only the value, has backward error ≤ τ (`DerivativeScaling`): L_r(M, E) =
/// L(M + ΔM, E + ΔE) with ‖ΔE‖ ≤ τ‖E‖. For the truncated flows the derivatives are exact for the
/// polynomial itself (what the layer computes), to rounding.
///
/// **Cost.** The forward pass is the forward method's (same products, one LU for Padé). Backward
/// is two products per forward product (C = AB: Ā += C̄Bᵀ, B̄ += AᵀC̄), plus, for Padé, one
/// transposed solve with the stored LU and one product: ≈ 2× the forward, so forward + backward
/// ≈ 3× the forward, and every squaring stays 3 products. `tangent` costs the same as `backward`.
///
/// **Memory.** Every intermediate matrix is kept: about 10 + s matrices of order n for Padé 13
/// with s squarings. Buffers are reused by later calls of the same size: with
/// `forward(_:dt:method:tolerance:into:)` and `backward(cotangent:into:)`, a training step
/// allocates nothing after the first call (for a program with the same degree and scaling; a new
/// (degree, s) builds its program once per tape). Not thread-safe: give each thread its own tape.
///
/// **Structure.** Diagonal A (with `.pade`, `.taylor`, `.auto`) is exponentiated entrywise, as
/// `expm` does, and differentiated exactly: L(D, E)_ij = E_ij·(e^{λ_i} − e^{λ_j})/(λ_i − λ_j),
/// evaluated without cancellation and equal to e^λ at repeated eigenvalues (no NaN for A = cI).
/// Triangular A runs the general program (the forward path's diagonal recomputation,
/// Al-Mohy & Higham's Code Fragment 2.1, has no derivative counterpart here).
public final class ExpmTape<Scalar: LinalgScalar> {
    private enum Recording {
        case none
        /// X = inputScale·(Δt·A) is the program's input.
        case program(MatrixProgram<Scalar>, inputScale: Scalar, weightCount: Int)
        /// M = AΔt diagonal with diagonal λ.
        case diagonal([Scalar])
    }

    private let state: MatrixProgramState<Scalar>
    private var workspace: ExpmWorkspace<Scalar>
    private var recording = Recording.none
    private struct ProgramKey: Hashable {
        var approximant: ExpApproximant
        var squarings: Int
    }
    /// Programs of the scaling-and-squaring approximants, built once per (approximant, s), and
    /// the one used last (consecutive training steps look it up without hashing).
    private var programs: [ProgramKey: MatrixProgram<Scalar>] = [:]
    private var lastProgram: (key: ProgramKey, program: MatrixProgram<Scalar>)?
    /// θ, ℓ and the backward-error series of every candidate at the tolerance used last.
    private var candidates: DerivativeScaling.Candidates?
    /// Powers of M formed by the degree selection (copied into the program's registers).
    private var powers: [Matrix<Scalar>] = []
    /// AΔt when Δt ≠ 1.
    private var operand = Matrix<Scalar>(rows: 0, columns: 0)
    /// A copy of the recorded A (a copy, so that a caller updating A in place does not pay a
    /// copy-on-write allocation for a reference the tape kept).
    private var a = Matrix<Scalar>(rows: 0, columns: 0)
    private var dt: Scalar = 1
    /// Products and LU solves (n right-hand sides) of the recorded forward pass.
    public private(set) var products = 0
    public private(set) var solves = 0

    /// A tape whose buffers are first sized for n×n matrices (any size may be used later).
    public init(size n: Int = 0) {
        state = MatrixProgramState(size: n)
        workspace = ExpmWorkspace(size: n)
    }

    // MARK: Forward passes

    /// exp(AΔt), recorded. Same methods and options as `expm`; `.pade` and `.taylor` choose their
    /// degree and scaling for the derivative as well, from exact norms of the powers of AΔt they
    /// form (`DerivativeScaling`), so degree and squarings can differ from `expm`'s.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func forward(
        _ a: Matrix<Scalar>, dt: Scalar = 1, method: ExpmMethod = .pade, tolerance: Double? = nil
    ) throws(GradientError) -> ExpmResult<Scalar> {
        var value = Matrix<Scalar>(rows: 0, columns: 0)
        let statistics = try forward(a, dt: dt, method: method, tolerance: tolerance, into: &value)
        return ExpmResult(value: value, statistics: statistics)
    }

    /// exp(AΔt), recorded, written into `value` (resized if it has the wrong shape): the same as
    /// `forward(_:dt:method:tolerance:)` without allocating the result, for training loops that
    /// reuse their buffers (as `expm(_:dt:method:tolerance:workspace:into:)` does for the value alone).
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func forward(
        _ a: Matrix<Scalar>, dt: Scalar = 1, method: ExpmMethod = .pade, tolerance: Double? = nil,
        into value: inout Matrix<Scalar>
    ) throws(GradientError) -> ExpmStatistics {
        do {
            return try recordExpm(a, dt: dt, method: method, tolerance: tolerance, into: &value)
        } catch {
            recording = .none
            throw GradientError.wrapping(error)
        }
    }

    /// P(AΔt) = Σ_{k=0}^{K} w_k (AΔt)ᵏ by Paterson–Stockmeyer (as `FixedOrderTaylor`), recorded:
    /// the flow of a fixed-order layer with learned Taylor weights (w_k = 1/k! gives T_K).
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func forwardPowerSeries(
        _ a: Matrix<Scalar>, weights w: [Scalar], dt: Scalar = 1
    ) throws(GradientError) -> Matrix<Scalar> {
        try recordWeightedFlow(a, weights: w, dt: dt) { PolynomialFlowPrograms.powerSeries(weights: w) }
    }

    /// P(AΔt) = Σ_{k=0}^{K} w_k T_k(ξ(AΔt)), ξ(M) = (2M − (a + b)I)/(b − a), by the same
    /// baby-step/giant-step scheme as `ChebyshevFlow.evaluate`, recorded.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func forwardChebyshev(
        _ a: Matrix<Scalar>, weights w: [Scalar], interval: ClosedRange<Double> = -1...1, dt: Scalar = 1
    ) throws(GradientError) -> Matrix<Scalar> {
        let lo = interval.lowerBound, hi = interval.upperBound
        return try recordWeightedFlow(a, weights: w, dt: dt) { () throws(GradientError) -> MatrixProgram<Scalar> in
            guard lo.isFinite, hi.isFinite, lo < hi else {
                throw GradientError.invalidArgument("the interval must be finite with a < b, got \(interval)")
            }
            return PolynomialFlowPrograms.chebyshev(
                weights: w, center: Scalar(lo / 2 + hi / 2), halfWidth: Scalar(hi / 2 - lo / 2))
        }
    }

    /// Checks A, Δt and the weights, builds the flow's program and records it; on any failure the
    /// tape is left empty and the error is a `GradientError`.
    private func recordWeightedFlow(
        _ a: Matrix<Scalar>, weights w: [Scalar], dt: Scalar,
        program makeProgram: () throws(GradientError) -> MatrixProgram<Scalar>
    ) throws(GradientError) -> Matrix<Scalar> {
        do {
            try checkOperand(a, dt: dt)
            guard !w.isEmpty else { throw GradientError.invalidArgument("the flow needs at least one weight") }
            guard w.allSatisfy({ $0.isFinite }) else { throw GradientError.nonFinite("the weights") }
            let program = try makeProgram()
            var value = Matrix<Scalar>(rows: a.rows, columns: a.rows)
            try record(program, a: a, dt: dt, inputScale: 1, weightCount: w.count, into: &value)
            return value
        } catch {
            recording = .none
            throw GradientError.wrapping(error)
        }
    }

    // MARK: Derivatives

    /// The vector–Jacobian product of the recorded computation for the output cotangent Ḡ.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func backward(cotangent g: Matrix<Scalar>) throws(GradientError) -> ExpmCotangents<Scalar> {
        var result = ExpmCotangents<Scalar>(size: a.rows)
        try backward(cotangent: g, into: &result)
        return result
    }

    /// The vector–Jacobian product written into `result` (its matrix and weight storage reused
    /// when they have the right sizes): the same as `backward(cotangent:)` without allocating.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func backward(cotangent g: Matrix<Scalar>, into result: inout ExpmCotangents<Scalar>) throws(GradientError) {
        try checkCompanion(g, "cotangent")
        let n = a.rows
        switch recording {
        case .none:
            throw .noForwardPass
        case .diagonal(let lambda):
            result.a = Self.dividedDifferenceProduct(g, lambda)
            result.weights.removeAll(keepingCapacity: true)
        case let .program(program, inputScale, weightCount):
            if result.weights.count != weightCount {
                result.weights = Array(repeating: 0, count: weightCount)
            } else {
                for k in result.weights.indices { result.weights[k] = 0 }
            }
            do {
                try state.adjoint(program, cotangent: g, weights: &result.weights)
            } catch {
                throw GradientError.wrapping(error)
            }
            if result.a.rows != n || result.a.columns != n { result.a = Matrix(rows: n, columns: n) }
            // M̄ = inputScale·X̄, from the transposed adjoint.
            let xBarT = state.transposedInputAdjoint
            result.a.storage.withUnsafeMutableBufferPointer { out in
                if let xBarT {
                    RegisterKernels.transpose(xBarT, scaledBy: inputScale, into: out.baseAddress!, size: n)
                } else {
                    out.update(repeating: 0)
                }
            }
        }
        // ∂/∂Δt = ⟨A, M̄⟩, then Ā = Δt·M̄. A finite ⟨A, M̄⟩ means a finite M̄ (a NaN or ±∞ entry of M̄
        // makes its product with a_ij, zero or not, and then the sum non-finite); Ā is checked
        // again after the scaling by Δt, which can overflow.
        let (dtBar, finite) = a.storage.withUnsafeBufferPointer { ap in
            result.a.storage.withUnsafeMutableBufferPointer { mp in
                let dtBar = RegisterKernels.dot(ap.baseAddress!, UnsafePointer(mp.baseAddress!), count: mp.count)
                if dt == 1 { return (dtBar, dtBar.isFinite) }
                for k in 0..<mp.count { mp[k] *= dt }
                return (dtBar, dtBar.isFinite && RegisterKernels.isFinite(mp.baseAddress!, count: mp.count))
            }
        }
        result.dt = dtBar
        guard finite, result.weights.allSatisfy({ $0.isFinite }) else {
            throw .derivativeOverflow("the vector–Jacobian product (‖Ḡ‖₁ = \(g.norm1))")
        }
    }

    /// The directional derivative of the recorded computation Y(A, Δt):
    /// d/dε Y(A + εE, Δt + ετ) at ε = 0. For exp this is L(AΔt, EΔt + τA); with E = 0, τ = 1 it is
    /// the derivative in Δt.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public func tangent(direction e: Matrix<Scalar>, dtDirection tau: Scalar = 0) throws(GradientError) -> Matrix<Scalar> {
        try checkCompanion(e, "direction")
        guard tau.isFinite else { throw .nonFinite("the Δt direction") }
        var mDot = e
        if dt != 1 { mDot.scale(by: dt) }
        if tau != 0 { mDot.add(a, scaledBy: tau) }
        var result: Matrix<Scalar>
        switch recording {
        case .none:
            throw .noForwardPass
        case .diagonal(let lambda):
            result = Self.dividedDifferenceProduct(mDot, lambda)
        case let .program(program, inputScale, _):
            if inputScale != 1 { mDot.scale(by: inputScale) }
            do {
                result = try state.tangent(program, direction: mDot)
            } catch {
                throw GradientError.wrapping(error)
            }
        }
        guard result.isFinite else { throw .derivativeOverflow("the Fréchet derivative (‖E‖₁ = \(e.norm1))") }
        return result
    }

    // MARK: Recording

    /// Shape, finiteness and Δt checks. `entries: false` leaves the entries to the caller (exp
    /// checks them through ‖AΔt‖₁, which is finite only when they are).
    private func checkOperand(_ a: Matrix<Scalar>, dt: Scalar, entries: Bool = true) throws {
        guard a.isSquare else { throw ExpmError.notSquare(rows: a.rows, columns: a.columns) }
        guard !a.isEmpty else { throw ExpmError.empty }
        guard !entries || Self.isFinite(a) else { throw ExpmError.nonFinite }
        guard dt.isFinite else { throw ExpmError.invalidArgument("dt must be finite, got \(dt)") }
    }

    private func checkCompanion(_ x: Matrix<Scalar>, _ name: String) throws(GradientError) {
        guard x.rows == a.rows, x.columns == a.columns else {
            if case .none = recording { throw .noForwardPass }
            throw .dimensionMismatch("the \(name) is \(x.rows)×\(x.columns), A is \(a.rows)×\(a.columns)")
        }
        guard Self.isFinite(x) else { throw .nonFinite("the \(name)") }
    }

    private func recordExpm(
        _ a: Matrix<Scalar>, dt: Scalar, method: ExpmMethod, tolerance: Double?, into value: inout Matrix<Scalar>
    ) throws -> ExpmStatistics {
        try checkOperand(a, dt: dt, entries: false)
        let tol = try resolvedTolerance(tolerance, for: Scalar.self)
        var m: Matrix<Scalar>
        if dt == 1 {
            m = a
        } else {
            if operand.rows != a.rows { operand = Matrix(rows: a.rows, columns: a.rows) }
            operand.assign(a)
            operand.scale(by: dt)
            m = operand
        }
        // A NaN or ±∞ entry of A makes a column sum of |AΔt| NaN or ∞ (∞·0 is NaN), so a finite
        // ‖AΔt‖₁ certifies finite entries; otherwise tell a non-finite A from an overflowing norm.
        let norm1 = RegisterKernels.norm1(m)
        guard norm1.isFinite else {
            guard Self.isFinite(a) else { throw ExpmError.nonFinite }
            throw ExpmError.normTooLarge(norm: Double(a.norm1) * Double(abs(dt)))
        }
        let n = a.rows
        if workspace.size != n {
            workspace = ExpmWorkspace(size: n)
            programs = [:]
            lastProgram = nil
        }

        if case .taylorFixed(let k) = method {
            guard FixedOrderTaylorFlow.orders.contains(k) else {
                throw ExpmError.invalidArgument("Taylor order must be in \(FixedOrderTaylorFlow.orders), got \(k)")
            }
            let program = cachedProgram(.taylor(k), squarings: 0)
            try record(program, a: a, dt: dt, inputScale: 1, weightCount: 0, into: &value)
            let q = FixedOrderTaylor.blocking(degree: k).q
            let bound = FixedOrderTaylorFlow.errorBound(
                degree: k, powerNorms: (0..<q).map { Double(RegisterKernels.norm1(state.value($0), size: n)) }, size: n,
                unitRoundoff: Double(Scalar.unitRoundoff))
            return ExpmStatistics(
                method: .taylorFixed, degree: k, squarings: 0, products: program.products, solves: 0,
                errorBound: ErrorBound(value: bound, kind: .rigorous,
                                       measure: "absolute 1-norm error ‖exp(AΔt) − computed T_K(AΔt)‖₁: truncation tail plus rounding"),
                forwardErrorEstimate: nil)
        }
        let structure = MatrixStructure(of: m)
        if structure == .diagonal {
            let statistics = try DiagonalExponential.run(m, workspace: workspace)
            keep(a, dt: dt)
            recording = .diagonal(m.diagonalEntries)
            products = 0
            solves = 0
            Self.copy(workspace.x, into: &value)
            return statistics
        }
        let usePade: Bool
        switch method {
        case .pade: usePade = true
        case .taylor: usePade = false
        default:
            usePade = try structure != .general
                || ExpmPlanner.cheapest(norm: Double(norm1), unitRoundoff: Double(Scalar.unitRoundoff), tolerance: tol).method == .pade
        }
        // Prescaling for huge norms, as `expm` does: M = 2ᵏM', with k extra squarings.
        var prescale = 0
        let threshold = Scalar.powerOfTwo(Int(Scalar.greatestFiniteMagnitude.exponent) / 16)
        if norm1 > threshold {
            prescale = Int(norm1.exponent)
            m.scale(by: Scalar.powerOfTwo(-prescale))
        }
        let mNorm = prescale == 0 ? Double(norm1) : Double(RegisterKernels.norm1(m))
        if candidates?.tolerance != tol { candidates = try DerivativeScaling.Candidates(tolerance: tol) }
        let choice: DerivativeScaling.Choice
        var formed = 0
        if powers.count < 3 || powers[0].rows != n { powers = Array(repeating: Matrix(rows: n, columns: n), count: 3) }
        if usePade {
            (choice, formed) = try DerivativeScaling.pade(
                m, norm1: mNorm, candidates: candidates!, powers: &powers, maxSquarings: Scalar.maxSquarings)
        } else {
            (choice, formed) = try DerivativeScaling.taylor(
                m, norm1: mNorm, candidates: candidates!, powers: &powers, maxSquarings: Scalar.maxSquarings)
        }
        let s = choice.squarings
        let totalSquarings = s + prescale
        var program = cachedProgram(choice.approximant, squarings: totalSquarings)
        // X², X⁴, X⁶ of X = 2⁻ˢM are the selection's powers of M times 2^{−2s}, 2^{−4s}, 2^{−6s}
        // (exact scalings), written into registers 1… (where the program forms them first: Padé,
        // and the schemes from T4 on for X²) instead of being formed again.
        let prefilled: Int
        switch choice.approximant {
        case .pade(let degree): prefilled = Swift.min(formed, degree >= 7 ? 3 : (degree >= 5 ? 2 : 1))
        case .scheme(let scheme): prefilled = scheme.degree >= 4 ? Swift.min(formed, 1) : 0
        case .taylor: prefilled = 0
        }
        if prefilled > 0 {
            state.prepare(program, size: n)
            let scale = Scalar.powerOfTwo(-s)
            for i in 0..<prefilled {
                var factor: Scalar = 1
                for _ in 0...i { factor *= scale * scale }   // X^{2(i+1)} = 2^{−2(i+1)s}·M^{2(i+1)}
                let register = state.value(i + 1)
                powers[i].storage.withUnsafeBufferPointer { p in
                    RegisterKernels.axpy(register, factor, p.baseAddress!, count: n * n, accumulate: false)
                }
            }
            program.precomputed = prefilled
        }
        try record(program, a: a, dt: dt, inputScale: Scalar.powerOfTwo(-totalSquarings), weightCount: 0,
                   scaledOperand: m, operandScale: Scalar.powerOfTwo(-s), squarings: totalSquarings, into: &value)
        return ExpmStatistics(
            method: usePade ? .pade : .taylor, degree: Self.degree(of: choice.approximant),
            squarings: totalSquarings, products: program.products, solves: program.solves,
            errorBound: ErrorBound(value: choice.bound, kind: .backward,
                                   measure: "relative backward error of the value (‖ΔA‖₁/‖AΔt‖₁) and of its Fréchet derivative (‖ΔE‖₁/‖E‖₁), in exact arithmetic"),
            forwardErrorEstimate: choice.bound * Double(norm1))
    }

    private func cachedProgram(_ approximant: ExpApproximant, squarings s: Int) -> MatrixProgram<Scalar> {
        let key = ProgramKey(approximant: approximant, squarings: s)
        if let last = lastProgram, last.key == key { return last.program }
        let program: MatrixProgram<Scalar>
        if let cached = programs[key] {
            program = cached
        } else {
            switch approximant {
            case .pade(let degree):
                program = ApproximantPrograms.pade(degree: degree, squarings: s, coefficients: workspace.padeCoefficients[degree]!)
            case .scheme(let scheme):
                program = ApproximantPrograms.scheme(scheme, squarings: s, coefficients: workspace.taylor)
            case .taylor(let degree):
                program = PolynomialFlowPrograms.powerSeries(weights: workspace.taylorCoefficients.prefix(degree + 1).map { $0 })
            }
            programs[key] = program
        }
        lastProgram = (key, program)
        return program
    }

    /// Runs `program` on X = operandScale·operand (default X = AΔt), writes its output into
    /// `value` (resized if it has the wrong shape) and records it.
    private func record(
        _ program: MatrixProgram<Scalar>, a: Matrix<Scalar>, dt: Scalar, inputScale: Scalar, weightCount: Int,
        scaledOperand: Matrix<Scalar>? = nil, operandScale: Scalar = 1, squarings: Int = 0,
        into value: inout Matrix<Scalar>
    ) throws {
        let n = a.rows
        state.prepare(program, size: n)
        let input = state.value(0)
        let scale = scaledOperand == nil ? dt * operandScale : operandScale
        (scaledOperand ?? a).storage.withUnsafeBufferPointer { p in
            if scale == 1 {
                input.update(from: p.baseAddress!, count: n * n)
            } else {
                RegisterKernels.axpy(input, scale, p.baseAddress!, count: n * n, accumulate: false)
            }
        }
        try state.forward(program)
        if value.rows != n || value.columns != n { value = Matrix(rows: n, columns: n) }
        let output = state.output(program)
        let finite = value.storage.withUnsafeMutableBufferPointer { RegisterKernels.copy(output, into: $0.baseAddress!, count: n * n) }
        guard finite else { throw ExpmError.overflow(squarings: squarings) }
        keep(a, dt: dt)
        products = program.products
        solves = program.solves
        recording = .program(program, inputScale: inputScale, weightCount: weightCount)
    }

    /// Keeps a copy of A and Δt for the derivative passes.
    private func keep(_ a: Matrix<Scalar>, dt: Scalar) {
        if self.a.rows != a.rows || self.a.columns != a.columns { self.a = Matrix(rows: a.rows, columns: a.columns) }
        self.a.assign(a)
        self.dt = dt
    }

    private static func isFinite(_ x: Matrix<Scalar>) -> Bool {
        x.storage.withUnsafeBufferPointer { RegisterKernels.isFinite($0.baseAddress!, count: $0.count) }
    }

    private static func copy(_ source: Matrix<Scalar>, into value: inout Matrix<Scalar>) {
        if value.rows != source.rows || value.columns != source.columns {
            value = source
        } else {
            value.assign(source)
        }
    }

    private static func degree(of approximant: ExpApproximant) -> Int {
        switch approximant {
        case .pade(let m), .taylor(let m): return m
        case .scheme(let scheme): return scheme.degree
        }
    }

    /// Y_ij = X_ij·(e^{λ_i} − e^{λ_j})/(λ_i − λ_j), the Fréchet derivative of exp at diag(λ)
    /// (Higham 2008, Functions of Matrices, Thm. 3.11 with the divided differences of exp).
    private static func dividedDifferenceProduct(_ x: Matrix<Scalar>, _ lambda: [Scalar]) -> Matrix<Scalar> {
        var y = x
        let n = lambda.count
        for j in 0..<n {
            for i in 0..<n { y[i, j] = x[i, j] * dividedDifferenceOfExp(lambda[i], lambda[j]) }
        }
        return y
    }
}
