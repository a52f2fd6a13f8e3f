import Linalg
import Testing
@testable import MatrixExp

/// One tape reused across sizes, methods and flows, through the allocation-free entry points
/// (`forward(…, into:)`, `backward(cotangent:, into:)`, buffers kept between calls), returns the
/// same value and gradients, bit for bit, as a fresh tape for every call: nothing from one
/// recording (registers, written flags, the LU, the last program, the selection table) leaks
/// into the next. The numbers themselves are checked against independent derivatives in
/// `GradientTests` and `FrechetAccuracyTests`.
@Suite struct ExpmTapeReuseTests {
    @Test func reusedTapeMatchesFreshTapes() throws {
        let reused = ExpmTape<Double>()
        var value = Matrix<Double>(rows: 0, columns: 0)
        var gradient = ExpmCotangents<Double>()
        // Growing, shrinking and regrowing sizes; Padé and Taylor with and without squarings;
        // Δt = 1 and Δt ≠ 1; a fixed-order flow in between.
        let cases: [(n: Int, norm: Double, dt: Double, method: ExpmMethod)] = [
            (6, 1, 1, .taylor), (9, 10, 0.75, .pade), (6, 0.02, 1, .taylor), (9, 3, 1, .taylorFixed(order: 4)),
            (4, 40, -0.5, .taylor), (9, 1, 1, .pade), (9, 1, 1, .pade),
        ]
        for (k, c) in cases.enumerated() {
            let a = GradientTests.random(c.n, norm: c.norm, seed: 100 + UInt64(k))
            let g = GradientTests.random(c.n, norm: 1, seed: 200 + UInt64(k))
            let statistics = try reused.forward(a, dt: c.dt, method: c.method, into: &value)
            try reused.backward(cotangent: g, into: &gradient)
            let fresh = ExpmTape<Double>()
            let expected = try fresh.forward(a, dt: c.dt, method: c.method)
            let expectedGradient = try fresh.backward(cotangent: g)
            #expect(statistics.degree == expected.degree && statistics.squarings == expected.squarings, "case \(k)")
            #expect(value == expected.value, "case \(k): value")
            #expect(gradient.a == expectedGradient.a, "case \(k): Ā")
            #expect(gradient.dt == expectedGradient.dt && gradient.weights.isEmpty, "case \(k): ∂/∂Δt")
        }
        // Flows with learned weights: the weight gradient's storage is resized and reused.
        for (k, weights) in [[1.0, 0.5, 0.25], [0.3, -1, 2, 0.1, 0.05, 0.7], [0.2, 0.4, 0.6]].enumerated() {
            let a = GradientTests.random(5, norm: 0.8, seed: 300 + UInt64(k))
            let g = GradientTests.random(5, norm: 1, seed: 400 + UInt64(k))
            for chebyshev in [false, true] {
                let fresh = ExpmTape<Double>()
                let flow = chebyshev
                    ? try reused.forwardChebyshev(a, weights: weights, interval: -2...1, dt: 0.5)
                    : try reused.forwardPowerSeries(a, weights: weights, dt: 0.5)
                let expectedFlow = chebyshev
                    ? try fresh.forwardChebyshev(a, weights: weights, interval: -2...1, dt: 0.5)
                    : try fresh.forwardPowerSeries(a, weights: weights, dt: 0.5)
                try reused.backward(cotangent: g, into: &gradient)
                let expectedGradient = try fresh.backward(cotangent: g)
                #expect(flow == expectedFlow, "flow \(k) chebyshev \(chebyshev)")
                #expect(gradient.a == expectedGradient.a && gradient.dt == expectedGradient.dt, "flow \(k) chebyshev \(chebyshev)")
                #expect(gradient.weights == expectedGradient.weights, "flow \(k) chebyshev \(chebyshev): ∂/∂w")
            }
        }
    }
}
