import Linalg
import Testing
import HWNODE

@Suite struct ParameterTests {
    struct TwoParameters: ParameterContainer {
        var weight = Parameter(name: "w", value: Matrix<Float>(rows: 3, columns: 2, repeating: 1), decays: true)
        var gain = Parameter(name: "g", value: Matrix<Float>(rows: 3, columns: 1, repeating: 1), decays: false)
        mutating func visitParameters(_ body: (inout Parameter<Float>) throws -> Void) rethrows {
            try body(&weight)
            try body(&gain)
        }
    }

    @Test func countsAndZeroesThroughTheContainer() {
        var model = TwoParameters()
        model.weight.gradient.storage[0] = 5
        #expect(model.parameterCount == 9)
        model.zeroGradients()
        #expect(model.weight.gradient.storage.allSatisfy { $0 == 0 })
    }
}
