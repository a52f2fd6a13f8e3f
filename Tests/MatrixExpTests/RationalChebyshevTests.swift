import Foundation
import Linalg
import Testing

@testable import MatrixExp

/// The rational Chebyshev (CRAM) exponential against the mpmath references of
/// `scripts/make_rational_chebyshev_references.py` (`Fixtures/cram/cram_references.json`).
@Suite struct RationalChebyshevTests {
    struct ScalarCase: Decodable {
        let order: Int
        let max_error: String
        let points: [String]
        let differences: [String]
    }
    struct TimeCase: Decodable { let t: String; let value: [String] }
    struct NSDMatrix: Decodable {
        let name: String
        let n: Int
        let a: [String]
        let v: [String]
        let eigenvalues: [String]
        let cases: [TimeCase]
    }
    struct File: Decodable { let uniform_error: [ScalarCase]; let matrices: [NSDMatrix] }

    static func load() throws -> File {
        guard let url = Bundle.module.url(forResource: "Fixtures/cram/cram_references", withExtension: "json") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
    }

    static let u = Double.unitRoundoff

    /// The rounding of `evaluate(x)`: each term α_j/(x − θ_j) in a few roundings, so
    /// 8u·(|α₀| + 2Σ|α_j|/|x − θ_j|), plus the last bit of exp(x).
    static func scalarRounding(_ order: RationalChebyshevOrder, _ x: Double) -> Double {
        var s = abs(order.alpha0)
        for (p, a) in zip(order.poles, order.residues) {
            s += 2 * (a.re * a.re + a.im * a.im).squareRoot() / ((x - p.re) * (x - p.re) + p.im * p.im).squareRoot()
        }
        return 8 * u * s + u * exp(x)
    }

    /// The rounding of the shifted solves for a symmetric A with eigenvalues λ (of tA): LU with
    /// backward error ‖ΔM‖₂ ≤ γ‖M‖₂, γ = 4·(2n)·u (growth factor ≈ 1), gives
    /// ‖x̂_j − x_j‖₂ ≤ γ·κ₂(M_j)·‖v‖₂ / min_i|λ_i − θ_j|, M_j = tA − θ_jI normal with singular
    /// values |λ_i − θ_j|; the sum weights it by 2|α_j|.
    static func solveRounding(_ order: RationalChebyshevOrder, eigenvalues: [Double], n: Int, vNorm: Double) -> Double {
        let gamma = 4 * Double(2 * n) * u
        var s = 0.0
        for (p, a) in zip(order.poles, order.residues) {
            let d = eigenvalues.map { ((($0 - p.re) * ($0 - p.re)) + p.im * p.im).squareRoot() }
            let lo = d.min()!, hi = d.max()!
            s += 2 * (a.re * a.re + a.im * a.im).squareRoot() * gamma * (hi / lo) / lo
        }
        return (s + 2 * u) * vNorm
    }

    @Test func publishedUniformErrorMatchesTheHighPrecisionMaximum() throws {
        for c in try Self.load().uniform_error {
            let order = try #require(RationalChebyshevOrder(rawValue: c.order))
            let measured = Double(c.max_error)!
            #expect(measured <= order.uniformError)
            #expect(order.uniformError <= 1.01 * measured)
            // ε_k ≈ α₀: the best approximation equioscillates, r_k(−∞) − e^{−∞} = α₀ being an extremum.
            #expect(abs(order.alpha0 - measured) <= 0.003 * measured)
        }
    }

    @Test func doubleEvaluationAgreesWithMpmathDifferences() throws {
        for c in try Self.load().uniform_error {
            let order = try #require(RationalChebyshevOrder(rawValue: c.order))
            for (xs, ds) in zip(c.points, c.differences) {
                let x = Double(xs)!, reference = Double(ds)!
                let difference = order.evaluate(x) - exp(x)
                let rounding = Self.scalarRounding(order, x)
                #expect(abs(difference - reference) <= rounding, "k = \(c.order), x = \(x)")
                #expect(abs(difference) <= order.uniformError + rounding, "k = \(c.order), x = \(x)")
            }
        }
    }

    @Test(arguments: RationalChebyshevOrder.allCases)
    func symmetricNegativeSemidefiniteWithinBoundPlusRounding(order: RationalChebyshevOrder) throws {
        for m in try Self.load().matrices {
            let a = Matrix(rows: m.n, columns: m.n, rowMajor: m.a.map { Double($0)! })
            let v = m.v.map { Double($0)! }
            let lambda = m.eigenvalues.map { Double($0)! }
            let vNorm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            for c in m.cases {
                let t = Double(c.t)!
                let reference = c.value.map { Double($0)! }
                let result = try rationalChebyshevExpmv(a, v, t: t, order: order)
                #expect(result.errorBound.kind == .rigorous)
                #expect(result.solves == order.rawValue / 2)
                let error = zip(result.value, reference).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
                let rounding = Self.solveRounding(order, eigenvalues: lambda.map { t * $0 }, n: m.n, vNorm: vNorm)
                #expect(result.errorBound.value == order.uniformError * vNorm)
                #expect(error <= result.errorBound.value + rounding, "\(m.name) t = \(t) k = \(order.rawValue)")
                // The measured errors docs/chebyshev.md quotes (swift test --filter RationalChebyshevTests).
                print("[cram] k = \(order.rawValue) \(m.name) t = \(t): error \(error), bound \(result.errorBound.value), rounding allowance \(rounding)")
            }
        }
    }

    /// A two-member decay chain (non-normal, real eigenvalues −a, −b): the Bateman solution is
    /// exact, and r_k(tA) = V r_k(tΛ) V⁻¹ errs by at most κ₂(V)·ε_k·‖v‖₂ plus rounding.
    @Test func decayChainIsAnEstimateWithinTheEigenvectorConditionedBound() throws {
        let ra = 0.7, rb = 3.0, t = 2.0
        let a = Matrix<Double>([[-ra, 0], [ra, -rb]])
        let v = [1.0, 0.5]
        let result = try rationalChebyshevExpmv(a, v, t: t)
        #expect(result.errorBound.kind == .estimate)
        let ea = exp(-ra * t), eb = exp(-rb * t)
        let exact = [v[0] * ea, v[1] * eb + v[0] * ra * (ea - eb) / (rb - ra)]
        // Eigenvectors (rb − ra, ra) for −ra and (0, 1) for −rb; κ₂(V) from the 2×2 singular values.
        let vm = [[rb - ra, 0.0], [ra, 1.0]]
        let f2 = vm.joined().reduce(0) { $0 + $1 * $1 }, det = abs(vm[0][0] * vm[1][1] - vm[0][1] * vm[1][0])
        let smax = ((f2 + (f2 * f2 - 4 * det * det).squareRoot()) / 2).squareRoot()
        let kappa = smax * smax / det
        let error = zip(result.value, exact).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        #expect(error <= kappa * result.errorBound.value + 1e-14)
    }

    @Test func zeroTimeReturnsTheVector() throws {
        let result = try rationalChebyshevExpmv(Matrix<Double>([[-1, 0], [0, -2]]), [3, 4], t: 0)
        #expect(result.value == [3, 4])
        #expect(result.solves == 0)
    }

    @Test func refusesWhatItCannotApproximate() {
        let nsd = Matrix<Double>([[-2, 1], [1, -2]])
        #expect(throws: RationalChebyshevError.self) { try rationalChebyshevExpmv(nsd, [1, 1], t: -1) }
        #expect(throws: RationalChebyshevError.self) { try rationalChebyshevExpmv(nsd, [1, .nan]) }
        #expect(throws: RationalChebyshevError.self) { try rationalChebyshevExpmv(Matrix<Double>([[-1, .infinity], [0, -1]]), [1, 1]) }
        #expect(throws: RationalChebyshevError.self) { try rationalChebyshevExpmv(nsd, [1, 1, 1]) }
        do {
            _ = try rationalChebyshevExpmv(Matrix<Double>([[1, 0], [0, -1]]), [1, 1])
            Issue.record("a positive eigenvalue was accepted")
        } catch {
            guard case .notNegativeSemidefinite(let m, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(abs(m - 1) < 1e-15)
        }
        // Non-symmetric with a positive eigenvalue goes through ?geev.
        #expect(throws: RationalChebyshevError.self) { try rationalChebyshevExpmv(Matrix<Double>([[0.5, 3], [0, -1]]), [1, 1]) }
    }
}
