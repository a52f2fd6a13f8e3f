import Foundation
import Linalg
import Testing
import HWNODE

@Suite struct NNOptimizerTests {
    struct Pair: ParameterContainer {
        var weight = Parameter(name: "w", value: Matrix<Double>(rows: 1, columns: 1, repeating: 1), decays: true)
        var gain = Parameter(name: "g", value: Matrix<Double>(rows: 1, columns: 1, repeating: 2), decays: false)
        mutating func visitParameters(_ body: (inout Parameter<Double>) throws -> Void) rethrows {
            try body(&weight)
            try body(&gain)
        }
    }

    /// Two AdamW steps by hand (lr 0.1, β = (0.9, 0.99), ε = 1e-8, λ = 0.1), gradients 0.5 then −1
    /// for both parameters; w = 1 decays, g = 2 does not.
    ///
    /// Step 1: m = 0.1·0.5 = 0.05, v = 0.01·0.25 = 0.0025, 1 − β₁ = 0.1, 1 − β₂ = 0.01, so the
    /// step size is 0.1/0.1 = 1 and the denominator √0.0025/√0.01 + ε = 0.5 + 1e-8:
    ///   w₁ = 1·(1 − 0.1·0.1) − 0.05/(0.5 + 1e-8) = 0.99 − 0.05/(0.5 + 1e-8),
    ///   g₁ = 2 − 0.05/(0.5 + 1e-8).
    /// Step 2: m = 0.9·0.05 + 0.1·(−1) = −0.055, v = 0.99·0.0025 + 0.01·1 = 0.012475,
    /// 1 − β₁² = 0.19, 1 − β₂² = 0.0199, step size 0.1/0.19, denominator √0.012475/√0.0199 + ε:
    ///   w₂ = 0.99·w₁ + (0.1/0.19)·0.055/(√0.012475/√0.0199 + 1e-8),
    ///   g₂ = g₁ + (0.1/0.19)·0.055/(√0.012475/√0.0199 + 1e-8).
    @Test func twoStepsMatchTheHandComputedUpdate() {
        var model = Pair()
        var optimizer = AdamW<Double>(weightDecay: 0.1)
        for gradient in [0.5, -1.0] {
            model.visitParameters { $0.gradient.storage[0] = gradient }
            optimizer.step(&model, learningRate: 0.1)
        }
        let w1 = 0.99 - 0.05 / (0.5 + 1e-8), g1 = 2 - 0.05 / (0.5 + 1e-8)
        let secondStep = (0.1 / 0.19) * 0.055 / ((0.012475).squareRoot() / (0.0199).squareRoot() + 1e-8)
        #expect(abs(model.weight.value.storage[0] - (0.99 * w1 + secondStep)) < 4e-16)
        #expect(abs(model.gain.value.storage[0] - (g1 + secondStep)) < 4e-16)
        #expect(optimizer.stepCount == 2)
        // fl(0.99) = 0.99 − 8.9e-18, so 1 − β₂ = 0.01·(1 + 8.9e-16) exactly: the moments match the
        // decimal hand values to about 1e-15 relative, not to the last unit.
        #expect(abs(optimizer.firstMoments[0].storage[0] - -0.055) < 0.055 * 2e-15)
        #expect(abs(optimizer.secondMoments[1].storage[0] - 0.012475) < 0.012475 * 2e-15)
    }

    /// With `owns` selecting the weight only, the gain keeps its value and its moments stay zero.
    @Test func stepsOnlyTheOwnedParameters() {
        var model = Pair()
        var optimizer = AdamW<Double>(weightDecay: 0.1)
        model.visitParameters { $0.gradient.storage[0] = 0.5 }
        optimizer.step(&model, learningRate: 0.1) { $0.name == "w" }
        #expect(model.weight.value.storage[0] == 0.99 - 0.05 / (0.5 + 1e-8))
        #expect(model.gain.value.storage[0] == 2 && optimizer.firstMoments[1].storage[0] == 0)
    }

    /// bytegpt.py's lr_at with its defaults (lr 1e-3 → 1e-4, warmup 100, final 2000).
    @Test func scheduleFollowsTheReference() {
        let lr = LearningRateSchedule()
        #expect(lr(0) == 1e-3 * 1 / 101)
        #expect(lr(99) == 1e-3 * 100 / 101)
        #expect(abs(lr(100) - 1e-3) < 1e-18)
        // Halfway through the cosine (r = 950/1900 = ½): min + ½·(lr − min) = 5.5e-4.
        #expect(abs(lr(1050) - 5.5e-4) < 1e-18)
        #expect(abs(lr(2000) - 1e-4) < 1e-18 && abs(lr(5000) - 1e-4) < 1e-18)
    }

    /// Gradients (3, 4) and (12): global norm 13. maxNorm 1 scales them by 1/(13 + 1e-6); a
    /// maxNorm above 13 leaves them as they are; either way the norm before clipping is returned.
    @Test func clippingHasPyTorchSemantics() {
        struct Two: ParameterContainer {
            var a = Parameter(name: "a", value: Matrix<Float>(rows: 2, columns: 1), decays: true)
            var b = Parameter(name: "b", value: Matrix<Float>(rows: 1, columns: 1), decays: false)
            mutating func visitParameters(_ body: (inout Parameter<Float>) throws -> Void) rethrows {
                try body(&a)
                try body(&b)
            }
        }
        var model = Two()
        model.a.gradient.storage = [3, 4]
        model.b.gradient.storage = [12]
        #expect(model.clipGradientNorm(maxNorm: 100) == 13)
        #expect(model.a.gradient.storage == [3, 4] && model.b.gradient.storage == [12])
        #expect(model.clipGradientNorm(maxNorm: 1) == 13)
        let c = Float(1 / (13 + 1e-6))
        #expect(model.a.gradient.storage == [3 * c, 4 * c] && model.b.gradient.storage == [12 * c])
    }
}
