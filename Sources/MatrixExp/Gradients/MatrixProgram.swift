import Linalg

/// A straight-line program over n×n matrices: the exact sequence of linear combinations,
/// products and one Padé quotient by which a method evaluates its approximant (Padé r_m,
/// an optimized Taylor scheme, Paterson–Stockmeyer T_K, a Chebyshev flow), followed by its
/// squarings.
///
/// Writing each evaluation scheme once as a program gives three interpreters for the price of
/// one (`MatrixProgramState`): the value, the tangent (forward mode: the Fréchet derivative of
/// *what is computed*, e.g. Al-Mohy & Higham's (2009) Algorithm 6.4 for Padé), and the adjoint
/// (reverse mode: the vector–Jacobian product of what is computed, with respect to the input and
/// to every coefficient that depends on learned weights).
///
/// Register 0 is the input X. Every other register is written by exactly one instruction, except
/// that a product may accumulate into the register a combination wrote just before it
/// (`accumulate`): that old value is read by nothing else, so the in-place update keeps the
/// program's meaning while saving a copy.
struct MatrixProgram<Scalar: LinalgScalar> {
    /// A coefficient of a linear combination: its value and, when it depends on learned weights
    /// w, the linear form Σ factor·w[index] it equals in exact arithmetic (so that the adjoint
    /// can return ∂/∂w).
    struct Coefficient {
        var value: Scalar
        var weights: [(index: Int, factor: Scalar)]

        init(_ value: Scalar, weights: [(index: Int, factor: Scalar)] = []) {
            self.value = value
            self.weights = weights
        }
        static var zero: Coefficient { Coefficient(0) }
    }

    enum Instruction {
        /// r[target] = Σ coefficient·r[source] + identity·I.
        case combination(target: Int, terms: [(coefficient: Coefficient, source: Int)], identity: Coefficient)
        /// r[target] = α·r[left]·r[right], or r[target] += α·r[left]·r[right] when `accumulate`.
        case product(target: Int, left: Int, right: Int, alpha: Scalar, accumulate: Bool)
        /// r[target] = (r[v] − r[u])⁻¹(r[v] + r[u]): the Padé quotient q_m(X)⁻¹p_m(X) with
        /// p_m = V + U, q_m = V − U (Higham 2005, eq. (2.9)).
        case padeQuotient(target: Int, u: Int, v: Int)
    }

    /// One instruction in the flat form the interpreters run: plain values, nothing
    /// reference-counted to retain per step. `steps[i]` is `instructions[i]`.
    struct Step {
        enum Operation { case combination, product, padeQuotient }
        var operation: Operation
        var target: Int
        /// Product: the left factor; Padé quotient: U; combination: its first entry in `terms`.
        var first: Int
        /// Product: the right factor; Padé quotient: V; combination: its number of terms.
        var second: Int
        /// Product: α; combination: the identity coefficient's value.
        var scalar: Scalar
        /// Product: whether it accumulates into the target.
        var accumulate: Bool
        /// Combination: the first step of the run of consecutive combinations, ending here, none
        /// of which reads another's target (their adjoints are complete together, so the adjoint
        /// pass handles the run at once: one pass per source instead of one per term). Otherwise
        /// the step's own index.
        var runStart: Int
        /// Combination starting a run: the index of its `RunProduct` while the run qualifies, else −1.
        var runProduct = -1
    }

    /// A run of combinations evaluated as one matrix product. When the run's targets are the
    /// consecutive registers t₀…t₀+T−1 and its sources exactly the registers s₀…s₀+S−1 (every one
    /// read), the run is Y = X·B with X = [r_{s₀} … r_{s₀+S−1}] and Y = [r_{t₀} … r_{t₀+T−1}] read
    /// as n²×S and n²×T column-major matrices (registers are consecutive n² blocks), B the S×T
    /// coefficients; its adjoint is X̄ += Ȳ·Bᵀ. One GEMM each way replaces T (or S) passes over
    /// the registers: T18's five combinations of X, X², X³, X⁶, and their adjoint.
    struct RunProduct {
        var sourceLow: Int
        var sourceCount: Int
        var targetLow: Int
        var targetCount: Int
        /// Offset of B (S×T, column-major) in `runCoefficients`.
        var coefficients: Int
    }

    private(set) var instructions: [Instruction] = []
    private(set) var steps: [Step] = []
    private(set) var runProducts: [RunProduct] = []
    private(set) var runCoefficients: [Scalar] = []
    /// The terms of every combination, in order: (coefficient value, source register).
    private(set) var terms: [(coefficient: Scalar, source: Int)] = []
    /// Registers used (register 0 is the input).
    private(set) var registerCount = 1
    /// The register holding the result.
    private(set) var output = 0
    /// Matrix products in the program (squarings included); a Padé quotient counts as a solve.
    private(set) var products = 0
    private(set) var solves = 0
    /// Leading instructions whose values the caller has already written into their registers
    /// (powers a degree selection formed anyway); the forward pass starts after them.
    var precomputed = 0

    /// The input register.
    static var input: Int { 0 }

    /// A fresh register.
    mutating func allocate() -> Int {
        registerCount += 1
        return registerCount - 1
    }

    /// Appends r = Σ c·r[source] + identity·I and returns r.
    @discardableResult
    mutating func combination(_ terms: [(coefficient: Coefficient, source: Int)], identity: Coefficient = .zero) -> Int {
        let r = allocate()
        instructions.append(.combination(target: r, terms: terms, identity: identity))
        let k = steps.count
        var runStart = k
        if let previous = steps.last, previous.operation == .combination {
            let start = previous.runStart
            if !terms.contains(where: { term in steps[start...].contains { $0.target == term.source } }) { runStart = start }
        }
        steps.append(Step(operation: .combination, target: r, first: self.terms.count, second: terms.count,
                          scalar: identity.value, accumulate: false, runStart: runStart))
        self.terms.append(contentsOf: terms.map { ($0.coefficient.value, $0.source) })
        describeRunProduct(start: runStart)
        output = r
        return r
    }

    /// The same with constant coefficients.
    @discardableResult
    mutating func combination(_ terms: [(Scalar, Int)], identity: Scalar = 0) -> Int {
        combination(terms.map { (Coefficient($0.0), $0.1) }, identity: Coefficient(identity))
    }

    /// Sets (or clears) the `RunProduct` of the run of combinations from `start` to the last step.
    private mutating func describeRunProduct(start: Int) {
        let end = steps.count - 1
        let previous = steps[start].runProduct
        steps[start].runProduct = -1
        guard end > start else { return }
        let firstTerm = steps[start].first, endTerm = steps[end].first + steps[end].second
        let sources = terms[firstTerm..<endTerm].map(\.source)
        guard let low = sources.min(), let high = sources.max() else { return }
        let sourceCount = high - low + 1
        let targetLow = steps[start].target
        let targetCount = end - start + 1
        // Every register in low…high read, and the targets consecutive.
        guard Set(sources).count == sourceCount,
              (start...end).allSatisfy({ steps[$0].target == targetLow + $0 - start }) else { return }
        var b = [Scalar](repeating: 0, count: sourceCount * targetCount)
        for j in start...end {
            for t in steps[j].first..<(steps[j].first + steps[j].second) {
                b[(terms[t].source - low) + (j - start) * sourceCount] += terms[t].coefficient
            }
        }
        let product = RunProduct(sourceLow: low, sourceCount: sourceCount, targetLow: targetLow, targetCount: targetCount,
                                 coefficients: runCoefficients.count)
        runCoefficients.append(contentsOf: b)
        if previous >= 0 {
            runProducts[previous] = product
            steps[start].runProduct = previous
        } else {
            runProducts.append(product)
            steps[start].runProduct = runProducts.count - 1
        }
    }

    /// Appends r = α·left·right and returns r.
    @discardableResult
    mutating func product(_ left: Int, _ right: Int, alpha: Scalar = 1) -> Int {
        let r = allocate()
        instructions.append(.product(target: r, left: left, right: right, alpha: alpha, accumulate: false))
        steps.append(Step(operation: .product, target: r, first: left, second: right, scalar: alpha, accumulate: false,
                          runStart: steps.count))
        products += 1
        output = r
        return r
    }

    /// Appends target += α·left·right, where `target` was written by the previous instruction
    /// and is read by nothing else before this update.
    mutating func accumulate(_ left: Int, _ right: Int, into target: Int, alpha: Scalar = 1) {
        precondition(left != target && right != target, "MatrixProgram.accumulate: the target cannot be an operand")
        instructions.append(.product(target: target, left: left, right: right, alpha: alpha, accumulate: true))
        steps.append(Step(operation: .product, target: target, first: left, second: right, scalar: alpha, accumulate: true,
                          runStart: steps.count))
        products += 1
        output = target
    }

    /// Appends r = (V − U)⁻¹(V + U) and returns r.
    @discardableResult
    mutating func padeQuotient(u: Int, v: Int) -> Int {
        let r = allocate()
        instructions.append(.padeQuotient(target: r, u: u, v: v))
        steps.append(Step(operation: .padeQuotient, target: r, first: u, second: v, scalar: 0, accumulate: false,
                          runStart: steps.count))
        solves += 1
        output = r
        return r
    }

    /// Appends s squarings of the current output: X ← X², s times (each squaring a new register,
    /// so that the adjoint pass finds every X_i it needs).
    mutating func square(times s: Int) {
        for _ in 0..<s {
            let x = output
            product(x, x)
        }
    }
}
