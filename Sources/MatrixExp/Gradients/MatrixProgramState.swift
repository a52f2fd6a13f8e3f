import Linalg

/// The registers of a `MatrixProgram` run, with the three interpreters: `forward` (values),
/// `tangent` (forward mode) and `adjoint` (reverse mode).
///
/// The forward values stay in place after `forward`, so any number of tangent and adjoint
/// passes can follow (the condition estimator runs several). The registers live in
/// `MatrixRegisters` (one allocation each for values, tangents and adjoints, kept across runs):
/// after the first run of a program of a given size nothing is allocated, and the interpreters
/// run the program's flat `steps` on raw storage.
///
/// **Adjoints are stored transposed.** For C = αLR the adjoint pass needs L̄ += αC̄Rᵀ and
/// R̄ += αLᵀC̄; BLAS runs the second (op(A) = Aᵀ) far slower than a plain product for small n
/// (OpenBLAS has no small-matrix kernel for it: 0.63 µs against 0.19 µs at n = 16 on the
/// development machine). Keeping Āᵀ instead turns both into plain products: L̄ᵀ += αR·C̄ᵀ and
/// R̄ᵀ += αC̄ᵀ·L. Combinations are element-wise, so transposition does not change them; the
/// cotangent is transposed once on the way in and X̄ once on the way out.
/// Not thread-safe.
final class MatrixProgramState<Scalar: LinalgScalar> {
    private(set) var size: Int
    /// Register values; register 0 is the input.
    private let values = MatrixRegisters<Scalar>()
    private let tangents = MatrixRegisters<Scalar>()
    /// Transposed adjoints Āᵀ.
    private let adjoints = MatrixRegisters<Scalar>()
    /// Register 0: scratch; register 1: the LU factors of q_m(X) = V − U from the forward pass,
    /// reused by both derivative passes.
    private let work = MatrixRegisters<Scalar>()
    private var pivots: [Int32] = []

    init(size n: Int) {
        size = n
    }

    /// Sizes the register file for `program` on n×n matrices (allocates only when it grows).
    func prepare(_ program: MatrixProgram<Scalar>, size n: Int) {
        size = n
        values.reserve(program.registerCount, size: n)
        if work.size != n {
            work.reserve(2, size: n)
            pivots = Array(repeating: 0, count: n)
        }
    }

    /// The storage of value register i (n² entries, column-major): the input is written into
    /// register 0, and precomputed powers into the registers the program forms them in.
    func value(_ i: Int) -> UnsafeMutablePointer<Scalar> { values[i] }

    // MARK: Forward

    /// Runs the program from `program.precomputed` on; register 0 (and the precomputed
    /// registers) must be set. Throws `LinalgError.singular` if a Padé denominator is singular.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    func forward(_ program: MatrixProgram<Scalar>) throws {
        let n = size
        try program.steps.withUnsafeBufferPointer { steps in
            try program.terms.withUnsafeBufferPointer { terms in
                var k = program.precomputed
                while k < steps.count {
                    let step = steps[k]
                    k += 1
                    switch step.operation {
                    case .combination:
                        if step.runProduct >= 0 {
                            // The whole run as Y = X·B, then the identity coefficients.
                            let run = program.runProducts[step.runProduct]
                            program.runCoefficients.withUnsafeBufferPointer { b in
                                Scalar.blasGemm(
                                    transA: false, transB: false, m: n * n, n: run.targetCount, k: run.sourceCount, alpha: 1,
                                    a: values[run.sourceLow], lda: n * n, b: b.baseAddress! + run.coefficients, ldb: run.sourceCount,
                                    beta: 0, c: values[run.targetLow], ldc: n * n)
                            }
                            for j in 0..<run.targetCount where steps[k - 1 + j].scalar != 0 {
                                RegisterKernels.addIdentity(values[run.targetLow + j], steps[k - 1 + j].scalar, size: n)
                            }
                            k += run.targetCount - 1
                            continue
                        }
                        combine(terms, step, from: values, into: values[step.target], identity: step.scalar)
                    case .product:
                        gemm(values[step.first], values[step.second], alpha: step.scalar, accumulate: step.accumulate,
                             into: values[step.target])
                    case .padeQuotient:
                        // q = V − U factored in place, R = q⁻¹(V + U) (Higham 2005, eq. (2.9)).
                        let u = values[step.first], v = values[step.second], r = values[step.target]
                        let q = work[1]
                        for i in 0..<(n * n) {
                            q[i] = v[i] - u[i]
                            r[i] = v[i] + u[i]
                        }
                        try factor()
                        try solve(r, transposed: false)
                    }
                }
            }
        }
    }

    /// The value of the program's output after `forward` (n² entries, column-major).
    func output(_ program: MatrixProgram<Scalar>) -> UnsafePointer<Scalar> { UnsafePointer(values[program.output]) }

    // MARK: Tangent (forward mode)

    /// Ẏ for the input tangent Ẋ = `direction`: the directional derivative of the computed
    /// output, by the chain rule through every instruction (for a product Ċ = α(ȦB + AḂ); for the
    /// Padé quotient q·Ṙ = ṗ − q̇·R, solved with the forward pass's LU).
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    func tangent(_ program: MatrixProgram<Scalar>, direction: Matrix<Scalar>) throws -> Matrix<Scalar> {
        let n = size
        let count = n * n
        tangents.reserve(program.registerCount, size: n)
        tangents.clearFlags(program.registerCount)
        direction.storage.withUnsafeBufferPointer { tangents[0].update(from: $0.baseAddress!, count: count) }
        tangents.setWritten(0, true)
        try program.steps.withUnsafeBufferPointer { steps in
            try program.terms.withUnsafeBufferPointer { terms in
                for step in steps {
                    let target = step.target
                    switch step.operation {
                    case .combination:
                        if combine(terms, step, from: tangents, into: tangents[target], identity: 0, onlyWritten: true) {
                            tangents.setWritten(target, true)
                        }
                    case .product:
                        let (left, right) = (step.first, step.second)
                        var accumulate = step.accumulate && tangents.isWritten(target)
                        if tangents.isWritten(left) {
                            gemm(tangents[left], values[right], alpha: step.scalar, accumulate: accumulate, into: tangents[target])
                            accumulate = true
                        }
                        if tangents.isWritten(right) {
                            gemm(values[left], tangents[right], alpha: step.scalar, accumulate: accumulate, into: tangents[target])
                            accumulate = true
                        }
                        tangents.setWritten(target, accumulate)
                    case .padeQuotient:
                        // q Ṙ = (U̇ + V̇) − (V̇ − U̇) R  (Al-Mohy & Higham 2009, Alg. 6.4, line 16).
                        let u = tangents[step.first], v = tangents[step.second], r = tangents[target]
                        let scratch = work[0]
                        for i in 0..<count {
                            scratch[i] = v[i] - u[i]
                            r[i] = v[i] + u[i]
                        }
                        gemm(scratch, values[target], alpha: -1, accumulate: true, into: r)
                        try solve(r, transposed: false)
                        tangents.setWritten(target, true)
                    }
                }
            }
        }
        var result = Matrix<Scalar>(rows: n, columns: n)
        if tangents.isWritten(program.output) {
            result.storage.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: tangents[program.output], count: count) }
        }
        return result
    }

    // MARK: Adjoint (reverse mode)

    /// Reverse accumulation through the instructions for the output cotangent Ȳ = `cotangent`
    /// (for C = αAB: Ā += αC̄Bᵀ, B̄ += αAᵀC̄; for R = q⁻¹p: Z = q⁻ᵀR̄, p̄ = Z, q̄ = −ZRᵀ; for a
    /// combination Σ c_i R_i: R̄_i += c_i C̄ and c̄_i = ⟨C̄, R_i⟩), run on the transposed adjoints.
    /// Adds ∂/∂w to `weights` for the learned weights the coefficients depend on (none when
    /// `weights` is empty). X̄ᵀ is then `transposedInputAdjoint`.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    func adjoint(_ program: MatrixProgram<Scalar>, cotangent: Matrix<Scalar>, weights: inout [Scalar]) throws {
        let n = size
        adjoints.reserve(program.registerCount, size: n)
        adjoints.clearFlags(program.registerCount)
        cotangent.storage.withUnsafeBufferPointer {
            RegisterKernels.transpose($0.baseAddress!, into: adjoints[program.output], size: n)
        }
        adjoints.setWritten(program.output, true)
        let learned = !weights.isEmpty
        try program.steps.withUnsafeBufferPointer { steps in
            try program.terms.withUnsafeBufferPointer { terms in
                var k = steps.count - 1
                while k >= 0 {
                    let step = steps[k]
                    switch step.operation {
                    case .combination:
                        // The run of combinations ending here: R̄_i += Σ c·C̄ over the run, one pass per source.
                        let start = step.runStart
                        if learned {
                            for j in start...k where adjoints.isWritten(steps[j].target) {
                                accumulateWeightGradient(program.instructions[j], adjoints[steps[j].target], into: &weights)
                            }
                        }
                        if steps[start].runProduct >= 0 {
                            runProductAdjoint(program.runProducts[steps[start].runProduct], program.runCoefficients)
                        } else {
                            let firstTerm = steps[start].first, endTerm = step.first + step.second
                            for t in firstTerm..<endTerm
                            where !terms[firstTerm..<t].contains(where: { $0.source == terms[t].source }) {
                                accumulateCombinationAdjoint(into: terms[t].source, run: steps[start...k], terms: terms)
                            }
                        }
                        for j in start...k { adjoints.setWritten(steps[j].target, false) }
                        k = start
                    case .product:
                        if adjoints.isWritten(step.target) { productAdjoint(step) }
                    case .padeQuotient:
                        if adjoints.isWritten(step.target) { try quotientAdjoint(step) }
                    }
                    k -= 1
                }
            }
        }
    }

    /// X̄ += Ȳ·Bᵀ for a run evaluated as Y = X·B (`MatrixProgram.RunProduct`): one GEMM, after
    /// zeroing the adjoints that hold nothing yet (targets without one contribute zero).
    private func runProductAdjoint(_ run: MatrixProgram<Scalar>.RunProduct, _ coefficients: [Scalar]) {
        let count = size * size
        var any = false
        for j in run.targetLow..<(run.targetLow + run.targetCount) {
            if adjoints.isWritten(j) { any = true } else { adjoints[j].update(repeating: 0, count: count) }
        }
        guard any else { return }
        // β = 0 when no source holds an adjoint yet (the usual case: the run comes after the
        // powers it combines); otherwise the empty ones are zeroed and β = 1.
        let sources = run.sourceLow..<(run.sourceLow + run.sourceCount)
        let accumulate = sources.contains { adjoints.isWritten($0) }
        for j in sources {
            if accumulate && !adjoints.isWritten(j) { adjoints[j].update(repeating: 0, count: count) }
            adjoints.setWritten(j, true)
        }
        coefficients.withUnsafeBufferPointer { b in
            Scalar.blasGemm(
                transA: false, transB: true, m: count, n: run.sourceCount, k: run.targetCount, alpha: 1,
                a: adjoints[run.targetLow], lda: count, b: b.baseAddress! + run.coefficients, ldb: run.sourceCount,
                beta: accumulate ? 1 : 0, c: adjoints[run.sourceLow], ldc: count)
        }
    }

    /// L̄ᵀ += α R·C̄ᵀ, R̄ᵀ += α C̄ᵀ·L for the product C = αLR (plain products on the transposed adjoints).
    private func productAdjoint(_ step: MatrixProgram<Scalar>.Step) {
        let (target, left, right) = (step.target, step.first, step.second)
        let bar = adjoints[target]
        gemm(values[right], bar, alpha: step.scalar, accumulate: adjoints.isWritten(left), into: adjoints[left])
        adjoints.setWritten(left, true)
        gemm(bar, values[left], alpha: step.scalar, accumulate: adjoints.isWritten(right), into: adjoints[right])
        adjoints.setWritten(right, true)
        if !step.accumulate { adjoints.setWritten(target, false) }
    }

    /// Z = q⁻ᵀR̄; Ūᵀ += Zᵀ + R·Zᵀ, V̄ᵀ += Zᵀ − R·Zᵀ for the Padé quotient R = q⁻¹p (p̄ = Z,
    /// q̄ = −ZRᵀ, p = V + U, q = V − U), with the forward pass's LU.
    private func quotientAdjoint(_ step: MatrixProgram<Scalar>.Step) throws {
        let n = size
        let (target, u, v) = (step.target, step.first, step.second)
        let bar = adjoints[target]
        let scratch = work[0]
        RegisterKernels.transpose(bar, into: scratch, size: n)
        try solve(scratch, transposed: true)
        RegisterKernels.transpose(scratch, into: bar, size: n)
        gemm(values[target], bar, alpha: 1, accumulate: false, into: scratch)
        RegisterKernels.addSigned(adjoints[u], bar, 1, scratch, count: n * n, accumulate: adjoints.isWritten(u))
        adjoints.setWritten(u, true)
        RegisterKernels.addSigned(adjoints[v], bar, -1, scratch, count: n * n, accumulate: adjoints.isWritten(v))
        adjoints.setWritten(v, true)
        adjoints.setWritten(target, false)
    }

    /// X̄ᵀ after `adjoint` (n² entries), or nil when the output does not depend on the input.
    var transposedInputAdjoint: UnsafePointer<Scalar>? { adjoints.isWritten(0) ? UnsafePointer(adjoints[0]) : nil }

    // MARK: Kernels

    /// target ← Σ c·source (+ identity·I) for the combination `step`, in passes of up to five
    /// terms. With `onlyWritten`, terms whose source is not written are skipped; returns whether
    /// any term was used (the target is left untouched when none was and `identity` is 0).
    @discardableResult
    private func combine(
        _ terms: UnsafeBufferPointer<(coefficient: Scalar, source: Int)>, _ step: MatrixProgram<Scalar>.Step,
        from registers: MatrixRegisters<Scalar>, into o: UnsafeMutablePointer<Scalar>, identity: Scalar,
        onlyWritten: Bool = false
    ) -> Bool {
        let n = size
        let count = n * n
        var pending = RegisterKernels.Terms<Scalar>(placeholder: o)
        var used = false
        for t in step.first..<(step.first + step.second) {
            let (coefficient, source) = terms[t]
            if onlyWritten && !registers.isWritten(source) { continue }
            pending.append(coefficient, registers[source])
            if pending.isFull {
                pending.flush(into: o, count: count, accumulate: used)
                used = true
            }
        }
        if pending.count > 0 {
            pending.flush(into: o, count: count, accumulate: used)
            used = true
        }
        if !used {
            if onlyWritten { return false }
            o.update(repeating: 0, count: count)
        }
        if identity != 0 { RegisterKernels.addIdentity(o, identity, size: n) }
        return used
    }

    /// adjoints[source] += Σ c·C̄ over the terms of the combinations in `run` that read `source`
    /// (C̄ each combination's adjoint, skipped where it holds nothing), in passes of up to five terms.
    private func accumulateCombinationAdjoint(
        into source: Int, run: Slice<UnsafeBufferPointer<MatrixProgram<Scalar>.Step>>,
        terms: UnsafeBufferPointer<(coefficient: Scalar, source: Int)>
    ) {
        let count = size * size
        let o = adjoints[source]
        var accumulate = adjoints.isWritten(source)
        var pending = RegisterKernels.Terms<Scalar>(placeholder: o)
        for step in run where adjoints.isWritten(step.target) {
            let bar = UnsafePointer(adjoints[step.target])
            for t in step.first..<(step.first + step.second) where terms[t].source == source {
                pending.append(terms[t].coefficient, bar)
                if pending.isFull {
                    pending.flush(into: o, count: count, accumulate: accumulate)
                    accumulate = true
                }
            }
        }
        if pending.count > 0 {
            pending.flush(into: o, count: count, accumulate: accumulate)
            accumulate = true
        }
        if accumulate { adjoints.setWritten(source, true) }
    }

    /// c ← α·a·b, or c += α·a·b with `accumulate` (n×n, plain product).
    @inline(__always)
    private func gemm(
        _ a: UnsafePointer<Scalar>, _ b: UnsafePointer<Scalar>, alpha: Scalar, accumulate: Bool,
        into c: UnsafeMutablePointer<Scalar>
    ) {
        let n = size
        Scalar.blasGemm(transA: false, transB: false, m: n, n: n, k: n, alpha: alpha, a: a, lda: n, b: b, ldb: n,
                        beta: accumulate ? 1 : 0, c: c, ldc: n)
    }

    /// LU of `work[1]` in place (`?getrf`).
    private func factor() throws {
        let n = size
        let info = pivots.withUnsafeMutableBufferPointer { Scalar.lapackGetrf(m: n, n: n, a: work[1], lda: n, ipiv: $0.baseAddress!) }
        if info > 0 { throw LinalgError.singular(index: Int(info)) }
        if info < 0 { throw LinalgError.illegalArgument(routine: "getrf", position: Int(-info)) }
    }

    /// b ← q⁻¹b (or q⁻ᵀb) with the stored LU (`?getrs`).
    private func solve(_ b: UnsafeMutablePointer<Scalar>, transposed: Bool) throws {
        let n = size
        let info = pivots.withUnsafeBufferPointer {
            Scalar.lapackGetrs(trans: transposed, n: n, nrhs: n, a: work[1], lda: n, ipiv: $0.baseAddress!, b: b, ldb: n)
        }
        if info < 0 { throw LinalgError.illegalArgument(routine: "getrs", position: Int(-info)) }
    }

    /// weights[index] += factor·⟨C̄, R_i⟩ for every term whose coefficient is a linear form in
    /// the weights, and factor·tr(C̄) for the identity coefficient (`barT` holds C̄ᵀ).
    private func accumulateWeightGradient(
        _ instruction: MatrixProgram<Scalar>.Instruction, _ barT: UnsafePointer<Scalar>, into weights: inout [Scalar]
    ) {
        guard case let .combination(_, terms, identity) = instruction else { return }
        let n = size
        for (coefficient, source) in terms where !coefficient.weights.isEmpty {
            let d = RegisterKernels.dotTransposed(barT, values[source], size: n)
            for (index, factor) in coefficient.weights { weights[index] += factor * d }
        }
        if !identity.weights.isEmpty {
            let d = RegisterKernels.trace(barT, size: n)
            for (index, factor) in identity.weights { weights[index] += factor * d }
        }
    }
}
