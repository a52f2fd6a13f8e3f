import Foundation
import Linalg
@testable import MatrixExp
import Testing

/// The heat equation on an m×m grid in the eigenbasis of `laplacian2D(m)`: φ_pq(i, j) =
/// sin(p h (i+1)) sin(q h (j+1)), h = π/(m+1), eigenvalue λ_pq = −4 sin²(ph/2) − 4 sin²(qh/2).
private struct HeatModes {
    let m: Int
    let modes: [(p: Int, q: Int)]
    let basis: [[Double]]

    init(m: Int) {
        self.m = m
        let h = Double.pi / Double(m + 1)
        modes = (1...m).flatMap { p in (1...m).map { q in (p, q) } }
        basis = modes.map { pq in
            (0..<(m * m)).map { k in
                Foundation.sin(Double(pq.p) * h * Double(k / m + 1)) * Foundation.sin(Double(pq.q) * h * Double(k % m + 1))
            }
        }
    }

    func lambda(_ p: Int, _ q: Int) -> Double {
        let h = Double.pi / Double(m + 1)
        return -4 * Foundation.pow(Foundation.sin(Double(p) * h / 2), 2) - 4 * Foundation.pow(Foundation.sin(Double(q) * h / 2), 2)
    }

    /// Σ_pq w_pq e^{tλ_pq} φ_pq.
    func solution(_ t: Double, weights: (Int, Int) -> Double) -> [Double] {
        var y = [Double](repeating: 0, count: m * m)
        for (index, (p, q)) in modes.enumerated() {
            let c = weights(p, q) * Foundation.exp(t * lambda(p, q))
            if c == 0 { continue }
            for k in y.indices { y[k] += c * basis[index][k] }
        }
        return y
    }
}


@Suite("Taylor action exp(tA)v: Al-Mohy–Higham 2011 (expmv)")
struct TaylorActionTests {
    @Test("θ_m for m = 35…55 re-derived: AMH 2011 / SciPy _expm_multiply._theta (2 significant digits)")
    func thresholdsBeyondForty() throws {
        // scipy/sparse/linalg/_expm_multiply.py `_theta` (Higham & Al-Mohy 2010, Acta Numerica, Table A.3).
        let published: [(Int, Double)] = [(35, 4.7), (40, 6.0), (45, 7.2), (50, 8.5), (55, 9.9)]
        for (m, value) in published {
            let theta = try BackwardError.theta(.taylor(m), tolerance: 0x1p-53)
            #expect(abs(theta - value) <= 0.05, "θ_\(m) = \(theta), published \(value)")
        }
        let table = try TaylorActionSelection.thresholds(tolerance: 1e-8)
        #expect(table.count == 56)
        for m in 2...55 { #expect(table[m] > table[m - 1]) }
        #expect(table[55] > (try BackwardError.theta(.taylor(55), tolerance: 0x1p-53)))
    }

    @Test("Code Fragment 3.1: ‖A‖₁ decides below (3.13), α_p above it; a looser tolerance costs less")
    func parameterSelection() throws {
        let plan = try TaylorActionPlan(try laplacian2D(12))
        #expect(plan.shift == -4)          // trace/n of the Laplacian
        #expect(plan.norm1 == 4)           // ‖A + 4I‖₁, exact
        let small = try plan.parameters(t: 1, tolerance: 0x1p-53)
        #expect(small.power == nil)
        #expect(small.backwardErrorBound <= 0x1p-53)
        // Brute force over all (m, s) with s = ⌈4/θ_m⌉.
        let theta = try TaylorActionSelection.thresholds(tolerance: 0x1p-53)
        let best = (1...55).map { m in m * Int((4 / theta[m]).rounded(.up)) }.min()!
        #expect(small.cost == best)
        // The pruned search (θ_m derived only near the optimum) against brute force over every m.
        for tol in [0x1p-53, 1e-8] {
            let table = try TaylorActionSelection.thresholds(tolerance: tol)
            var thresholds = TaylorActionSelection.Thresholds(tolerance: tol)
            for x in [1e-3, 0.3, 1, 4, 17, 63, 400, 1e4] {
                for lowest in [1, 5, 11, 55] {
                    let brute = (lowest...55).filter { x / table[$0] <= Double(TaylorActionSelection.maximumSteps) }
                        .map { m in (m: m, s: Swift.max(1, Int((x / table[m]).rounded(.up)))) }
                        .min { ($0.m * $0.s, $0.m) < ($1.m * $1.s, $1.m) }!
                    let found = try #require(try thresholds.cheapest(x, lowest: lowest))
                    #expect(found == brute, "x=\(x) lowest=\(lowest) tol=\(tol)")
                }
            }
        }
        let loose = try plan.parameters(t: 1, tolerance: 1e-8)
        #expect(loose.cost < small.cost)
        #expect(loose.backwardErrorBound <= 1e-8)
        // |t|·‖A + 4I‖₁ = 400 fails (3.13): α_p decides (for this B ≥ 0, d_p = 4 until p reaches
        // the distance from the grid's centre to its boundary, so α_p is close to ‖B‖₁ here).
        let large = try plan.parameters(t: 100, tolerance: 1e-12)
        #expect(large.power != nil)
        #expect(large.normMeasure <= 400 && large.normMeasure >= 100 * 3.8)
        // Negative t: the same parameters as |t| (SciPy gh-16375 used t·‖A‖ < 0).
        #expect(try plan.parameters(t: -100, tolerance: 1e-12) == large)
        // d_p ≪ ‖B‖₁: B = [[0, 100], [0.01, 0]] has B² = I, so α_p ≤ d_3 = 100^{1/3} while ‖B‖₁ = 100,
        // and exp(B) = cosh(1)·I + sinh(1)·B.
        let swap = try TaylorActionPlan(Matrix<Double>([[0, 100], [0.01, 0]]))
        let q = try swap.parameters(t: 1, tolerance: 0x1p-53)
        #expect(q.power != nil && q.normMeasure < 5 && q.cost < 60)   // ‖B‖₁ = 100 alone would cost 55·11
        let y = try swap.apply(to: [1, 1], t: 1).value
        let exact = [Foundation.cosh(1.0) + 100 * Foundation.sinh(1.0), Foundation.cosh(1.0) + 0.01 * Foundation.sinh(1.0)]
        #expect(abs(y[0] - exact[0]) <= 1e-14 * exact[0] && abs(y[1] - exact[1]) <= 1e-13 * exact[0])
    }

    @Test("exp(A)·e_j vs the mpmath expm references: t = 1 on A and t = −1 on −A, tol 1e-8 and 1e-12, within cond·tol")
    func againstExpmReferences() throws {
        var failures = [String]()
        var worst = 0.0
        var skipped = 0
        for ref in try ReferenceFixtures.all() {
            let n = ref.n
            let minus = ref.a.map { -$0 }
            for tol in [1e-8, 1e-12] {
                for (operand, t) in [(ref.a, 1.0), (minus, -1.0)] {
                    let plan = try TaylorActionPlan(operand)
                    // ‖A‖ up to 1e8 with n ≤ 32 is expm's territory, not the action's: cases whose
                    // a priori cost m·s exceeds 3000 applications per column are left out.
                    guard try plan.parameters(t: t, tolerance: tol).cost <= 3000 else { skipped += 1; continue }
                    var x = Matrix<Double>(rows: n, columns: n)
                    var e = [Double](repeating: 0, count: n)
                    for j in 0..<n {
                        e[j] = 1
                        let column = try plan.apply(to: e, t: t, tolerance: tol).value
                        for i in 0..<n { x[i, j] = column[i] }
                        e[j] = 0
                    }
                    let p = try plan.parameters(t: t, tolerance: tol)
                    let error = relativeError(x, hi: ref.expHi, lo: ref.expLo)
                    // Backward error ≤ tol·‖A − μI‖₁ → forward ≲ cond₁·tol·‖A − μI‖₁/‖A‖₁; plus rounding
                    // in the m·s terms, each amplified by at most cond₁ as well.
                    let normA = ref.a.norm1
                    let backward = normA > 0 ? tol * plan.norm1 / normA : 0
                    let bar = 10 * Swift.max(ref.condExp1, 1) * (backward + Double(p.cost + 1) * 0x1p-53)
                    worst = Swift.max(worst, error / bar)
                    if !(error <= bar) {
                        failures.append("\(ref.name) t=\(t) tol=\(tol): \(error) > \(bar) (cond₁ \(ref.condExp1), m=\(p.degree), s=\(p.steps))")
                    }
                }
            }
        }
        print("[taylor-action] expm references: worst error/bar = \(worst), \(skipped) of 4·\(try ReferenceFixtures.all().count) runs left out by cost")
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test("Heat equation on a 20×20 grid: exp(tλ)-decay of eigenvector data, t from −0.05 to 60 (‖tA‖₁ = 480), tol 1e-8 and 1e-12")
    func heatEquation() throws {
        let grid = HeatModes(m: 20)
        let a = try laplacian2D(20)
        let plan = try TaylorActionPlan(a)
        let weights: (Int, Int) -> Double = { p, q in 1 / Double(p + q) }
        let single: (Int, Int) -> Double = { p, q in (p, q) == (3, 7) ? 1 : 0 }
        for data in [weights, single] {
            let v = grid.solution(0, weights: data)
            for tol in [1e-8, 1e-12] {
                for t in [-0.05, 0.1, 1, 20, 60] {
                    let r = try plan.apply(to: v, t: t, tolerance: tol)
                    let exact = grid.solution(t, weights: data)
                    // B = A + 4I and ΔB (a polynomial in B) are symmetric, so per eigencomponent the
                    // result is e^{tλ}e^{tδ} with |δ| ≤ ‖ΔB‖₂ ≤ ‖ΔB‖₁ ≤ bound·‖B‖₁; rounding adds
                    // ≲ u per term relative to ‖v‖₂ (the terms never exceed e^{h‖B‖}‖v‖ ≤ e^{θ}‖v‖).
                    let backward = Foundation.expm1(abs(t) * r.errorBound.value * plan.norm1) * norm2(exact)
                    let rounding = Double(r.statistics.terms + 1) * 0x1p-53 * norm2(v) * Foundation.exp(r.parameters.normMeasure / Double(r.parameters.steps))
                    let error = distance2(r.value, exact)
                    #expect(error <= 10 * (backward + rounding), "t=\(t) tol=\(tol): \(error) vs \(backward) + \(rounding)")
                    #expect(r.errorBound.kind == .backward)
                    #expect(r.errorBound.value <= tol)
                }
            }
        }
    }

    @Test("Several output times in one run agree with separate runs and cost no more than the last alone; t = 0 gives v")
    func severalTimes() throws {
        let a = try laplacian2D(12)
        let v = (0..<144).map { Double(($0 * 7) % 11) - 5 }
        let plan = try TaylorActionPlan(a)
        let times = [-3.0, -0.25, 0, 0.1, 0.5, 2, 7.5, 30]
        let together = try plan.apply(to: v, times: times, tolerance: 1e-12)
        #expect(together.value(at: 2) == v)
        var separateTerms = 0
        for (i, t) in times.enumerated() {
            let alone = try plan.apply(to: v, t: t, tolerance: 1e-12)
            separateTerms += alone.statistics.terms
            let scale = Swift.max(norm2(alone.value), 1e-300)
            #expect(distance2(together.value(at: i), alone.value) <= 1e-10 * Swift.max(scale, norm2(v) * 1e-3), "t=\(t)")
        }
        // Terms = applications of A in the steps (the d_p estimates were charged to the first run).
        let last = try plan.apply(to: v, t: 30, tolerance: 1e-12).statistics.terms
        let first = try plan.apply(to: v, t: -3, tolerance: 1e-12).statistics.terms
        #expect(together.statistics.terms <= last + first)
        #expect(together.statistics.terms < separateTerms)
        // exp(−tA)exp(tA)v = v.
        let forward = try plan.apply(to: v, t: 0.7, tolerance: 1e-12).value
        let back = try plan.apply(to: forward, t: -0.7, tolerance: 1e-12).value
        #expect(distance2(back, v) <= 1e-10 * norm2(v))
    }

    @Test("Dense, CSR and matrix-free operators (with a transpose, or without one and a given norm) agree")
    func operators() throws {
        let m = 10, n = m * m
        let csr = try laplacian2D(m)
        let dense = csr.dense()
        func stencil(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeMutableBufferPointer<Double>) {
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
        let withTranspose = FunctionOperator<Double>(rows: n, columns: n, apply: stencil, applyTranspose: stencil)
        let withoutTranspose = FunctionOperator<Double>(rows: n, columns: n, apply: stencil)
        let v = (0..<n).map { Foundation.sin(Double($0)) }
        let reference = try expm(dense, dt: 3, method: .pade).value * v
        let results = [
            try taylorExpmv(csr, v, t: 3, tolerance: 1e-12),
            try taylorExpmv(dense, v, t: 3, tolerance: 1e-12),
            try taylorExpmv(withTranspose, v, t: 3, tolerance: 1e-12),
            try taylorExpmv(withTranspose, v, t: 3, tolerance: 1e-12, shift: -4),
            try taylorExpmv(withoutTranspose, v, t: 3, tolerance: 1e-12, shift: -4, norm: 4),
        ]
        for r in results {
            #expect(distance2(r.value, reference) <= 1e-9 * norm2(v), "\(r.statistics)")
        }
        #expect(results[0].statistics.exactNorm && !results[2].statistics.exactNorm)
        #expect(results[2].statistics.operatorApplications > results[2].statistics.terms)   // the 1-norm estimate
        #expect(throws: TaylorActionError.self) { try taylorExpmv(withoutTranspose, v, t: 3) }
    }

    @Test("Float operator against the Double reference at single-precision tolerance")
    func singlePrecision() throws {
        let a = try laplacian2D(8)
        let v = (0..<64).map { Double(($0 * 5) % 9) - 4 }
        let reference = try taylorExpmv(a, v, t: 2).value
        let single = CSRMatrix(a.dense().converted(to: Float.self))
        let r = try taylorExpmv(single, v.map { Float($0) }, t: 2)
        #expect(r.parameters.tolerance == 0x1p-24)
        #expect(distance2(r.value.map(Double.init), reference) <= 100 * 0x1p-24 * norm2(v))
    }

    @Test("Bad input is a typed error")
    func badInput() throws {
        let a = try laplacian2D(4)
        let v = [Double](repeating: 1, count: 16)
        #expect(throws: TaylorActionError.self) { try taylorExpmv(a, [1, 2], t: 1) }
        #expect(throws: TaylorActionError.nonFinite("the vector")) { try taylorExpmv(a, v.map { _ in Double.nan }, t: 1) }
        #expect(throws: TaylorActionError.self) { try taylorExpmv(a, v, t: .infinity) }
        #expect(throws: TaylorActionError.self) { try taylorExpmv(a, v, t: .nan) }
        #expect(throws: TaylorActionError.self) { try taylorExpmv(a, v, t: 1, tolerance: 0) }
        #expect(throws: TaylorActionError.self) { try taylorExpmv(a, v, t: 1, tolerance: -1) }
        #expect(throws: TaylorActionError.self) { try taylorExpmv(a, v, t: 1, tolerance: .nan) }
        #expect(throws: TaylorActionError.self) { try taylorExpmv(a, v, t: 1, tolerance: 1) }
        #expect(throws: TaylorActionError.self) { try taylorExpmv(a, v, times: [2, 1]) }
        #expect(throws: TaylorActionError.self) { try taylorExpmv(a, v, times: []) }
        #expect(throws: TaylorActionError.self) { try taylorExpmv(Matrix<Double>(rows: 2, columns: 3), [1, 1, 1], t: 1) }
        #expect(throws: TaylorActionError.self) { try taylorExpmv(Matrix<Double>([[1, .nan], [0, 1]]), [1, 1], t: 1) }
        #expect(throws: TaylorActionError.self) { try taylorExpmv(a, v, t: 1, norm: -1) }
        let nanOperator = FunctionOperator<Double>(rows: 3, columns: 3) { _, y in y.update(repeating: .nan) }
        #expect(throws: TaylorActionError.self) { try taylorExpmv(nanOperator, [1, 1, 1], t: 1, norm: 1) }
        // exp(tA)v overflows: a typed error, not a vector of Inf.
        #expect(throws: TaylorActionError.self) { try taylorExpmv(Matrix<Double>([[800]]), [1], t: 1) }
        #expect(throws: TaylorActionError.self) { try taylorExpmv(Matrix<Double>([[1e300, 0], [0, 0]]), [1, 1], t: 1e300) }
    }
}
