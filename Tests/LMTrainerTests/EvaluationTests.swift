import Foundation
import Linalg
import Testing
import LMTrainer

/// Evaluation against a unigram model, whose cross-entropy is Σ_bytes count·(−log p), so the
/// expected numbers come from byte counts, not from the code under test.
@Suite struct EvaluationTests {
    /// Byte 97 ('a') has logit ln 3, every other byte 0: p(a) = 3/258, p(other) = 1/258.
    static let model = UnigramModel(
        logitVector: (0..<256).map { $0 == 97 ? Foundation.log(3.0) : 0 }, contextLength: 8)

    static func nats(_ byte: UInt8) -> Double { byte == 97 ? Foundation.log(258.0 / 3) : Foundation.log(258.0) }

    @Test func fullValidationScoresEveryWindowTargetOnce() throws {
        var model = Self.model
        var rng = SplitMix64(seed: 5)
        let data: [UInt8] = (0..<203).map { _ in Bool.random(using: &rng) ? 97 : 98 }
        // 202 targets, T = 8: ⌊202/8⌋ = 25 windows scoring targets 1 … 200; the last 2 bytes are not scored.
        let score = try Evaluation.fullValidation(&model, data: data, sequenceLength: 8, windowsPerCall: 7)
        #expect(score.targets == 200)
        let expected = data[1...200].reduce(0.0) { $0 + Self.nats($1) }
        #expect(abs(score.totalNats - expected) <= 1e-13 * expected)
        #expect(abs(score.bitsPerByte - expected / 200 / Foundation.log(2.0)) <= 1e-13)
        #expect(model.calls.map(\.tokens) == [56, 56, 56, 32])
        #expect(model.calls.allSatisfy { $0.sequenceLength == 8 })
    }

    @Test func uniformModelScoresEightBitsPerByte() throws {
        var model = UnigramModel(logitVector: Array(repeating: 0.25, count: 256), contextLength: 4)
        let data: [UInt8] = (0..<100).map { UInt8($0 * 37 % 256) }
        let score = try Evaluation.fullValidation(&model, data: data, sequenceLength: 4)
        #expect(abs(score.bitsPerByte - 8) <= 1e-14)
        let estimate = try Evaluation.estimatedLoss(&model, data: data, batchSize: 3, sequenceLength: 4, seed: 1)
        #expect(abs(estimate - Foundation.log(256.0)) <= 1e-14)
        #expect(model.calls.count == 1 + Evaluation.estimateBatches)
    }

    @Test func estimateIsTheMeanOverItsSeededBatches() throws {
        var model = Self.model
        let data: [UInt8] = (0..<300).map { $0 % 3 == 0 ? 97 : 120 }
        let estimate = try Evaluation.estimatedLoss(&model, data: data, batchSize: 2, sequenceLength: 5, batches: 4, seed: 11)
        var sampler = BatchSampler(batchSize: 2, sequenceLength: 5, seed: 11)
        var expected = 0.0
        for _ in 0..<4 { expected += sampler.next(from: data).targets.reduce(0.0) { $0 + Self.nats($1) } / 10 }
        #expect(abs(estimate - expected / 4) <= 1e-13 * expected)
    }
}
