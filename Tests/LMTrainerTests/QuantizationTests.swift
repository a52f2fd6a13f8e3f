import Linalg
import Testing
import HWNODE
import LMTrainer

@Suite struct QuantizationTests {
    static func gaussian(_ rows: Int, _ columns: Int, seed: UInt64) -> Matrix<Double> {
        var rng = SplitMix64(seed: seed)
        return Matrix<Double>.randomGaussian(rows: rows, columns: columns, using: &rng)
    }

    @Test("error per entry ≤ s(1/2 + 2u·qmax), codes in range, the row maximum maps to ±qmax", arguments: QuantizationFormat.allCases)
    func roundTripError(format: QuantizationFormat) {
        let w = Self.gaussian(9, 13, seed: 7)
        let q = RowQuantizedMatrix(quantizing: w, format: format)
        let back = q.dequantized()
        let qmax = Double(format.maximumCode)
        // |fl(w/s) − w/s| ≤ u·qmax shifts the rounding by at most that; fl(q·s) adds u·qmax·s.
        let slack = 0.5 + 2 * Double.unitRoundoff * qmax
        for i in 0..<w.rows {
            let rowMax = (0..<w.columns).map { abs(w[i, $0]) }.max()!
            #expect(q.scales[i] == rowMax / qmax)
            for j in 0..<w.columns {
                let code = Int(q.codes[i + j * w.rows])
                #expect(abs(code) <= format.maximumCode)
                #expect(abs(w[i, j] - back[i, j]) <= q.scales[i] * slack)
                if abs(w[i, j]) == rowMax { #expect(abs(code) == format.maximumCode) }
            }
        }
    }

    @Test func zeroRowsAndGridValuesRoundTripExactly() {
        // Row 0 is zero; row 1 holds multiples k·2⁻³ with max 31·2⁻³, so s = 2⁻³ exactly for int6.
        let w = Matrix<Float>([[0, 0, 0, 0], [-31.0 / 8, 5.0 / 8, 0, 30.0 / 8]])
        let q = RowQuantizedMatrix(quantizing: w, format: .int6)
        #expect(q.scales[0] == RowQuantizedMatrix<Float>.scaleFloor)
        #expect(q.scales[1] == 0.125)
        #expect(q.dequantized() == w)
        #expect(q.codes == [0, -31, 0, 5, 0, 0, 0, 30])
    }

    @Test func tiesRoundToEven() {
        // Max 127 → s = 1: 2.5 → 2, 3.5 → 4, −2.5 → −2 (torch.round semantics).
        let q = RowQuantizedMatrix(quantizing: Matrix<Double>([[127, 2.5, 3.5, -2.5]]), format: .int8)
        #expect(q.codes == [127, 2, 4, -2])
    }

    struct TwoParameters: ParameterContainer {
        var weight = Parameter<Double>(name: "w", value: QuantizationTests.gaussian(4, 5, seed: 1), decays: true)
        var gain = Parameter<Double>(name: "g", value: QuantizationTests.gaussian(4, 1, seed: 2), decays: false)
        mutating func visitParameters(_ body: (inout Parameter<Double>) throws -> Void) rethrows {
            try body(&weight)
            try body(&gain)
        }
    }

    @Test func modelRoundTripTouchesMatricesOnly() {
        var model = TwoParameters()
        let original = model
        #expect(model.applyQuantizationRoundTrip(.int6) == 20)
        #expect(model.gain.value == original.gain.value)
        #expect(model.weight.value == RowQuantizedMatrix(quantizing: original.weight.value, format: .int6).dequantized())
        #expect(model.weight.value != original.weight.value)
    }
}
