import Foundation
import Linalg
@testable import MatrixExp
import Testing

/// Estimate-versus-true-error pairs collected across the accuracy tests, printed at the end of each.
private func report(_ label: String, _ pairs: [(estimate: Double, error: Double)]) {
    let covered = pairs.filter { $0.estimate >= $0.error }.count
    let ratios = pairs.filter { $0.error > 0 }.map { $0.estimate / $0.error }
    print("[krylov-estimate] \(label): estimate ≥ true error in \(covered)/\(pairs.count) runs; "
          + "estimate/error from \(ratios.min() ?? .nan) to \(ratios.max() ?? .nan)")
}

@Suite("Krylov exp(tA)v: Arnoldi/Lanczos with Expokit step control")
struct KrylovTests {
    @Test("Non-symmetric A (convection–diffusion, random, Markov) vs mpmath, several t incl. negative and large ‖tA‖")
    func nonsymmetricAgainstMpmath() throws {
        let file: KrylovFixtures.NonsymmetricFile = try KrylovFixtures.load("nonsymmetric_expmv")
        var pairs = [(estimate: Double, error: Double)]()
        for m in file.matrices {
            let a = KrylovFixtures.matrix(m.a, n: m.n)
            let v = KrylovFixtures.doubles(m.v)
            let sparse = CSRMatrix(a)
            for tol in [1e-6, 1e-10] {
                for c in m.cases {
                    let t = Double(c.t)!
                    let reference = KrylovFixtures.doubles(c.value)
                    let r = try krylovExpmv(sparse, v, t: t, tolerance: tol, subspaceSize: 12)
                    #expect(!r.statistics.lanczos)
                    let error = distance2(r.value, reference)
                    // The control keeps Σ local errors ≲ tol·max_k‖w(t_k)‖ (= hump·‖v‖).
                    let scale = r.statistics.hump * norm2(v)
                    #expect(error <= 10 * tol * scale, "\(m.name) t=\(t) tol=\(tol): \(error) vs \(tol * scale)")
                    #expect(r.errorBound.kind == .estimate)
                    pairs.append((r.errorBound.value, error))
                }
            }
        }
        report("non-symmetric vs mpmath", pairs)
    }

    @Test("Dense and symmetric/non-symmetric n ≤ 500 against this library's dense expm(tA)·v")
    func againstDenseExpm() throws {
        var rng = SplitMix64(seed: 44)
        var pairs = [(estimate: Double, error: Double)]()
        let b = Matrix<Double>.randomGaussian(rows: 300, columns: 300, using: &rng)
        let symmetric = (1 / 30.0) * (b + b.transposed)
        let general = (1 / 20.0) * Matrix<Double>.randomGaussian(rows: 200, columns: 200, using: &rng)
        for (a, name) in [(symmetric, "symmetric 300"), (general, "general 200")] {
            let v = Matrix<Double>.randomGaussian(rows: a.rows, columns: 1, using: &rng).storage
            for t in [-3.0, 0.5, 8.0] {
                let reference = try expm(a, dt: t, method: .pade).value * v
                let r = try krylovExpmv(a, v, t: t, tolerance: 1e-10)
                let error = distance2(r.value, reference)
                #expect(error <= 10 * 1e-10 * r.statistics.hump * norm2(v), "\(name) t=\(t): \(error)")
                #expect(r.statistics.lanczos == (name == "symmetric 300"))
                pairs.append((r.errorBound.value, error))
            }
        }
        report("dense vs expm·v", pairs)
    }

    @Test("Heat equation on a 30×30 grid: every mode decays by exp(tλ); t up to ‖tA‖₁ = 4000 and negative t")
    func heatEquationAnalytic() throws {
        let m = 30, n = m * m
        let a = try laplacian2D(m)
        let h = Double.pi / Double(m + 1)
        // v = Σ_{p,q} c_pq φ_pq with φ_pq(i, j) = sin(p h i) sin(q h j) (unnormalised), c_pq = 1/(p + q).
        func mode(_ p: Int, _ q: Int) -> [Double] {
            (0..<n).map { k in Foundation.sin(Double(p) * h * Double(k / m + 1)) * Foundation.sin(Double(q) * h * Double(k % m + 1)) }
        }
        let modes = (1...m).flatMap { p in (1...m).map { q in (p, q) } }
        let basis = modes.map { mode($0.0, $0.1) }
        func lambda(_ p: Int, _ q: Int) -> Double {
            -4 * Foundation.pow(Foundation.sin(Double(p) * h / 2), 2) - 4 * Foundation.pow(Foundation.sin(Double(q) * h / 2), 2)
        }
        func exact(_ t: Double, weights: (Int, Int) -> Double) -> [Double] {
            var y = [Double](repeating: 0, count: n)
            for (index, (p, q)) in modes.enumerated() {
                let c = weights(p, q) * Foundation.exp(t * lambda(p, q))
                if c == 0 { continue }
                for k in 0..<n { y[k] += c * basis[index][k] }
            }
            return y
        }
        let allModes: (Int, Int) -> Double = { p, q in 1 / Double(p + q) }
        let v = exact(0, weights: allModes)
        var pairs = [(estimate: Double, error: Double)]()
        let plan = try KrylovPlan(a, symmetry: .symmetric, subspaceSize: 30)
        for tol in [1e-8, 1e-12] {
            for t in [-0.05, 0.1, 1, 50, 500] {
                let r = try plan.apply(to: v, t: t, tolerance: tol)
                let error = distance2(r.value, exact(t, weights: allModes))
                #expect(error <= 10 * tol * r.statistics.hump * norm2(v), "t=\(t) tol=\(tol): \(error)")
                pairs.append((r.errorBound.value, error))
            }
        }
        report("heat equation, all modes", pairs)
        // Three modes: a happy breakdown at dimension 3, then one step to the end.
        let three: (Int, Int) -> Double = { p, q in (p, q) == (1, 1) ? 1 : ((p, q) == (2, 5) ? 0.5 : ((p, q) == (7, 7) ? 0.25 : 0)) }
        let w = exact(0, weights: three)
        let r = try plan.apply(to: w, t: 20, tolerance: 1e-12)
        #expect(r.statistics.happyBreakdown)
        #expect(r.statistics.subspaceSize == 3)
        #expect(distance2(r.value, exact(20, weights: three)) <= 1e-12 * norm2(w))
    }

    @Test("Non-symmetric convection–diffusion eigenvector data (similar to symmetric by a diagonal): analytic decay")
    func convectionDiffusionAnalytic() throws {
        // A = tridiag(ℓ, d, r) with ℓ·r > 0: eigenvalues d + 2√(ℓr) cos(kπ/(n+1)), eigenvectors
        // x_j = (ℓ/r)^{j/2} sin(jkπ/(n+1)) (Smith, "Numerical Solution of PDEs", §2.11).
        let n = 60
        let (lower, diagonal, upper) = (1.3, -2.0, 0.7)
        var triplets = [(row: Int, column: Int, value: Double)]()
        for i in 0..<n {
            triplets.append((i, i, diagonal))
            if i > 0 { triplets.append((i, i - 1, lower)) }
            if i < n - 1 { triplets.append((i, i + 1, upper)) }
        }
        let a = try CSRMatrix(rows: n, columns: n, triplets: triplets)
        let ratio = (lower / upper).squareRoot()
        func eigenvector(_ k: Int) -> [Double] {
            (1...n).map { j in Foundation.pow(ratio, Double(j)) * Foundation.sin(Double(j * k) * .pi / Double(n + 1)) }
        }
        func eigenvalue(_ k: Int) -> Double { diagonal + 2 * (lower * upper).squareRoot() * Foundation.cos(Double(k) * .pi / Double(n + 1)) }
        let ks = [1, 4, 9, 17, 30, 45]
        let vectors = ks.map(eigenvector)
        let v = (0..<n).map { i in vectors.reduce(0) { $0 + $1[i] } }
        let plan = try KrylovPlan(a, symmetry: .detect, subspaceSize: 10)
        #expect(!plan.isSymmetric)
        let times = [-0.4, 0.3, 2.0, 40.0]
        let r = try plan.apply(to: v, times: times, tolerance: 1e-10)
        for (i, t) in times.enumerated() {
            let exact = (0..<n).map { j in zip(ks, vectors).reduce(0.0) { $0 + Foundation.exp(t * eigenvalue($1.0)) * $1.1[j] } }
            let error = distance2(r.value(at: i), exact)
            #expect(error <= 10 * 1e-10 * r.statistics.hump * norm2(v), "t=\(t): \(error)")
        }
    }

    @Test("Several output times in one call agree with separate calls; t = 0 returns v; exp(−tA)exp(tA)v = v")
    func multipleTimesAndInverse() throws {
        let a = try laplacian2D(12)
        let v = (0..<144).map { Double(($0 * 7) % 11) - 5 }
        let plan = try KrylovPlan(a, subspaceSize: 20)
        let times = [-1.0, 0, 0.5, 2, 7.5]
        let together = try plan.apply(to: v, times: times, tolerance: 1e-12)
        #expect(together.value(at: 1) == v)
        for (i, t) in times.enumerated() {
            let alone = try plan.apply(to: v, t: t, tolerance: 1e-12)
            #expect(distance2(together.value(at: i), alone.value) <= 1e-11 * norm2(v) * together.statistics.hump)
        }
        let forward = try plan.apply(to: v, t: 0.7, tolerance: 1e-13).value
        let back = try plan.apply(to: forward, t: -0.7, tolerance: 1e-13).value
        #expect(distance2(back, v) <= 1e-11 * norm2(v))
    }

    @Test("A plan is reused across vectors and times: same result as a one-shot call, setup paid once")
    func planReuse() throws {
        let a = try laplacian2D(10)
        let plan = try KrylovPlan(a)
        #expect(plan.isSymmetric)
        #expect(plan.normEstimate == 8)
        let v1 = (0..<100).map { Double($0 % 5) }
        let v2 = (0..<100).map { Double(($0 * 3) % 7) }
        let r1 = try plan.apply(to: v1, t: 2, tolerance: 1e-9)
        let r2 = try plan.apply(to: v2, t: 3, tolerance: 1e-9)
        let r1again = try plan.apply(to: v1, t: 2, tolerance: 1e-9)
        #expect(r1.value == r1again.value)
        let oneShot = try krylovExpmv(a, v2, t: 3, tolerance: 1e-9)
        #expect(oneShot.value == r2.value)
        #expect(oneShot.statistics.operatorApplications == r2.statistics.operatorApplications + plan.setupApplications)
    }

    @Test("A matrix-free operator without transpose works (power-iteration norm) and matches the CSR result")
    func matrixFree() throws {
        let m = 15, n = m * m
        let csr = try laplacian2D(m)
        let stencil = FunctionOperator<Double>(rows: n, columns: n) { x, y in
            for i in 0..<m {
                for j in 0..<m {
                    let k = i * m + j
                    var s = -4 * x[k]
                    if i > 0 { s += x[k - m] }
                    if i < m - 1 { s += x[k + m] }
                    if j > 0 { s += x[k - 1] }
                    if j < m - 1 { s += x[k + 1] }
                    y[k] = s
                }
            }
        }
        let v = (0..<n).map { Foundation.sin(Double($0)) }
        let free = try krylovExpmv(stencil, v, t: 3, tolerance: 1e-11, symmetry: .symmetric)
        let sparse = try krylovExpmv(csr, v, t: 3, tolerance: 1e-11, symmetry: .symmetric)
        #expect(distance2(free.value, sparse.value) <= 1e-10 * norm2(v))
    }

    @Test("Float operator agrees with the Double reference to its tolerance")
    func singlePrecision() throws {
        let file: KrylovFixtures.NonsymmetricFile = try KrylovFixtures.load("nonsymmetric_expmv")
        let m = try #require(file.matrices.first { $0.name == "convection_diffusion" })
        let a = KrylovFixtures.matrix(m.a, n: m.n).converted(to: Float.self)
        let v = KrylovFixtures.doubles(m.v).map { Float($0) }
        for c in m.cases {
            let r = try krylovExpmv(CSRMatrix(a), v, t: Float(Double(c.t)!), tolerance: 1e-4)
            let error = distance2(r.value.map(Double.init), KrylovFixtures.doubles(c.value))
            // tolerance plus the input rounding to Float (cond·u_single, cond ≲ hump here).
            #expect(error <= (10 * 1e-4 + 100 * Double(Float.ulpOfOne)) * r.statistics.hump * norm2(v.map(Double.init)))
        }
    }

    @Test("Bad input and unreachable tolerances are typed errors, never a silently wrong vector")
    func badInput() throws {
        let a = try laplacian2D(4)
        let v = [Double](repeating: 1, count: 16)
        #expect(throws: KrylovError.self) { try krylovExpmv(a, [1, 2], t: 1) }
        #expect(throws: KrylovError.self) { try krylovExpmv(a, v.map { _ in Double.nan }, t: 1) }
        #expect(throws: KrylovError.self) { try krylovExpmv(a, v, t: .infinity) }
        #expect(throws: KrylovError.self) { try krylovExpmv(a, v, t: 1, tolerance: 0) }
        #expect(throws: KrylovError.self) { try krylovExpmv(a, v, t: 1, tolerance: -1) }
        #expect(throws: KrylovError.self) { try krylovExpmv(a, v, times: [2, 1]) }
        #expect(throws: KrylovError.self) { try krylovExpmv(a, v, t: 1, subspaceSize: 0) }
        let rectangular = Matrix<Double>(rows: 2, columns: 3)
        #expect(throws: KrylovError.self) { try krylovExpmv(rectangular, [1, 1, 1], t: 1) }
        let upper = CSRMatrix(Matrix<Double>([[1, 2, 0], [0, 1, 3], [0, 0, 1]]))
        #expect(throws: KrylovError.notSymmetric("⟨y, Ax⟩ ≠ ⟨Ay, x⟩ beyond rounding for random x, y")) {
            try krylovExpmv(upper, [1, 1, 1], t: 1, symmetry: .symmetric)
        }
        let lying = FunctionOperator<Double>(rows: 3, columns: 3) { x, y in y[0] = x[1]; y[1] = 0; y[2] = x[0] }
        #expect(throws: KrylovError.self) { try krylovExpmv(lying, [1, 1, 1], t: 1, symmetry: .symmetric) }
        let nanOperator = FunctionOperator<Double>(rows: 3, columns: 3) { _, y in y.update(repeating: .nan) }
        #expect(throws: KrylovError.self) { try krylovExpmv(nanOperator, [1, 1, 1], t: 1, symmetry: .general) }
        let big = try laplacian2D(20)
        let plan = try KrylovPlan(big, subspaceSize: 4)
        plan.maximumSteps = 3
        #expect(throws: KrylovError.self) {
            try plan.apply(to: [Double](repeating: 1, count: 400), t: 1000, tolerance: 1e-12)
        }
    }
}
