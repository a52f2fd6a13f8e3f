import Linalg
import Testing
import HWNODE

@Suite struct NNMuonTests {
    /// σ after the Newton–Schulz map, by the scalar recurrence σ ← aσ + bσ³ + cσ⁵.
    static func mappedSingularValue(_ sigma: Double, iterations: Int = 5) -> Double {
        let (a, b, c) = Muon<Double>.coefficients
        var s = sigma
        for _ in 0..<iterations { s = a * s + b * s * s * s + c * s * s * s * s * s }
        return s
    }

    /// The Householder reflector I − 2uuᵀ/uᵀu (orthogonal).
    static func reflector(_ u: [Double]) -> Matrix<Double> {
        let n = u.count, norm2 = u.reduce(0) { $0 + $1 * $1 }
        var q = Matrix<Double>.identity(n)
        for i in 0..<n { for j in 0..<n { q[i, j] -= 2 * u[i] * u[j] / norm2 } }
        return q
    }

    /// G = U Σ Vᵀ with U, V reflectors and singular values (3, 2, 0.5): the iteration must give
    /// U·diag(p⁵(σᵢ/‖G‖_F))·Vᵀ, the scalar map applied to each normalized σ (1e-7 in the
    /// normalization included). Both orientations (3×5 and its 5×3 transpose).
    @Test func orthogonalizationActsOnSingularValuesOnly() {
        let u = Self.reflector([1, -2, 0.5]), v = Self.reflector([0.3, 1, -1, 2, 0.7])
        let sigma = [3.0, 2.0, 0.5]
        let frobenius = (sigma.reduce(0) { $0 + $1 * $1 }).squareRoot()
        var s = Matrix<Double>(rows: 3, columns: 5), mapped = Matrix<Double>(rows: 3, columns: 5)
        for i in 0..<3 {
            s[i, i] = sigma[i]
            mapped[i, i] = Self.mappedSingularValue(sigma[i] / (frobenius + 1e-7))
        }
        let g = u * s * v.transposed
        let expected = u * mapped * v.transposed
        #expect(relativeDeviation(Muon<Double>.orthogonalize(g), expected) < 1e-13)
        #expect(relativeDeviation(Muon<Double>.orthogonalize(g.transposed), expected.transposed) < 1e-13)
    }

    /// A 1×2 weight, lr 0.1, μ = 0.95, Nesterov, gradients (3, 4) then (0, 5). For a single row the
    /// iteration keeps the direction and maps the normalized length s = ‖u‖/(‖u‖ + 1e-7) by p⁵.
    /// Step 1: b = (3, 4), u = (3, 4) + 0.95·(3, 4) = 1.95·(3, 4), direction (0.6, 0.8).
    /// Step 2: b = 0.95·(3, 4) + (0, 5) = (2.85, 8.8), u = (0, 5) + 0.95·(2.85, 8.8) = (2.7075, 13.36).
    /// A wide matrix gets no shape factor (√max(1, 1/2) = 1).
    @Test func twoNesterovStepsMatchTheHandComputedUpdate() {
        struct Row: ParameterContainer {
            var w = Parameter(name: "w", value: Matrix<Double>([[1, -1]]), decays: true)
            var skipped = Parameter(name: "s", value: Matrix<Double>([[7]]), decays: false)
            mutating func visitParameters(_ body: (inout Parameter<Double>) throws -> Void) rethrows {
                try body(&w)
                try body(&skipped)
            }
        }
        var model = Row()
        var muon = Muon<Double>()
        var expected = [1.0, -1.0]
        for (gradient, u) in [([3.0, 4.0], [1.95 * 3, 1.95 * 4]), ([0.0, 5.0], [2.7075, 13.36])] {
            model.w.gradient.storage = gradient
            model.skipped.gradient.storage = [1]
            muon.step(&model, learningRate: 0.1) { $0.name == "w" }
            let length = (u[0] * u[0] + u[1] * u[1]).squareRoot()
            let factor = Self.mappedSingularValue(length / (length + 1e-7))
            expected = [expected[0] - 0.1 * factor * u[0] / length, expected[1] - 0.1 * factor * u[1] / length]
            #expect(abs(model.w.value.storage[0] - expected[0]) < 1e-14)
            #expect(abs(model.w.value.storage[1] - expected[1]) < 1e-14)
        }
        #expect(model.skipped.value.storage == [7] && muon.buffers["s"] == nil)
        #expect(relativeDeviation(muon.buffers["w"]!, Matrix([[2.85, 8.8]])) < 1e-15)
    }

    /// A tall 5×3 weight is moved by lr·√(5/3)·NS₅(g) on its first step without momentum history
    /// (μ = 0: u = g).
    @Test func tallWeightsGetTheShapeFactor() {
        struct Tall: ParameterContainer {
            var w = Parameter(name: "w", value: Matrix<Double>(rows: 5, columns: 3), decays: true)
            mutating func visitParameters(_ body: (inout Parameter<Double>) throws -> Void) rethrows { try body(&w) }
        }
        var model = Tall()
        model.w.gradient = NNGradientCheck.gaussian(5, 3, seed: 41)
        var muon = Muon<Double>(momentum: 0)
        muon.step(&model, learningRate: 0.2) { _ in true }
        let expected = (-0.2 * (5.0 / 3).squareRoot()) * Muon<Double>.orthogonalize(model.w.gradient)
        #expect(relativeDeviation(model.w.value, expected) < 1e-15)
    }
}
