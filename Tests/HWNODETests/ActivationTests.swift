import Foundation
import Testing
import HWNODE

/// Each activation's derivative against a central difference (step h = 1e-5, error O(h²)·|f‴|
/// plus rounding u·|f|/h ≈ 1e-11; tolerance 1e-8 relative to max(1, |f′|)).
@Suite struct ActivationTests {
    @Test(arguments: Activation.allCases)
    func derivativeMatchesCentralDifference(_ activation: Activation) {
        let h = 1e-5
        for x in stride(from: -3.0, through: 3.0, by: 0.37) where abs(x) > 2 * h {
            let numeric = (activation.value(x + h) - activation.value(x - h)) / (2 * h)
            let analytic = activation.derivative(x)
            #expect(abs(numeric - analytic) <= 1e-8 * max(1, abs(analytic)), "\(activation) at \(x)")
        }
    }

    @Test func referenceValues() {
        // GELU(1) = Φ(1) = 0.841344746068542948585232545632… (erf form).
        #expect(abs(Activation.gelu.value(1.0) - 0.8413447460685429) < 1e-15)
        #expect(Activation.leakyReLU.value(-2.0) == -1.0)
        #expect(Activation.squaredLeakyReLU.value(-2.0) == 1.0)
        #expect(Activation.squaredLeakyReLU.value(3.0) == 9.0)
    }
}
