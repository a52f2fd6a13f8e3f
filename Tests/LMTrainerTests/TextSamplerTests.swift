import Foundation
import Testing
import LMTrainer

@Suite struct TextSamplerTests {
    /// Byte b has logit b/64: 'a' = 97 is far from the top, 255 is the most likely.
    static let model = UnigramModel(logitVector: (0..<256).map { Double($0) / 64 }, contextLength: 4)

    @Test func sameSeedSameTextAndTheContextIsCropped() throws {
        var model = Self.model
        var a = TextSampler(temperature: 1, seed: 8), b = TextSampler(temperature: 1, seed: 8)
        let first = try a.sample(&model, prompt: Array("hello".utf8), count: 30)
        #expect(first.count == 30)
        #expect(try b.sample(&model, prompt: Array("hello".utf8), count: 30) == first)
        #expect(model.calls.allSatisfy { $0.sequenceLength <= 4 })
        var c = TextSampler(temperature: 1, seed: 9)
        #expect(try c.sample(&model, prompt: Array("hello".utf8), count: 30) != first)
    }

    @Test func topKKeepsTheKLargestLogits() throws {
        var model = Self.model
        var greedy = TextSampler(temperature: 1, topK: 1, seed: 1)
        #expect(try greedy.sample(&model, prompt: [], count: 10) == Array(repeating: 255, count: 10))
        var three = TextSampler(temperature: 5, topK: 3, seed: 1)
        #expect(Set(try three.sample(&model, prompt: [1], count: 200)) == [253, 254, 255])
    }

    @Test func lowTemperatureConcentratesOnTheMode() throws {
        var model = Self.model
        // At temperature 1/64 the logits are b: p(255) = 1/(1 + e⁻¹ + e⁻² + …) ≈ 0.632.
        var cold = TextSampler(temperature: 1.0 / 64, seed: 3)
        let drawn = try cold.sample(&model, prompt: [0], count: 400)
        let share = Double(drawn.filter { $0 == 255 }.count) / 400
        let p = 1 - Foundation.exp(-1.0)
        // 400 draws: standard deviation √(p(1−p)/400) ≈ 0.024; allow 4 of them.
        #expect(abs(share - p) < 4 * (p * (1 - p) / 400).squareRoot())
        #expect(drawn.allSatisfy { $0 >= 240 })
    }
}
