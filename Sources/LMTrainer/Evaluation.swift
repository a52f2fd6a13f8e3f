import Foundation
import HWNODE
import Linalg

/// The two held-out measures of the reference trainer (`peers/lm/bytegpt.py`, `eval_sampled` and
/// `eval_full`):
///
/// - `estimatedLoss`: nanoGPT's estimate, the mean loss (nats per byte) of a few random batches —
///   cheap, noisy, what the periodic log lines print;
/// - `fullValidation`: every non-overlapping T-byte window of the split, each target scored
///   exactly once with 0 … T−1 bytes of context; bits per byte = nats per byte / ln 2 — the number
///   that is compared across models.
///
/// Losses are summed in `Double` whatever the model's precision (`CrossEntropy.totalLoss`).
public enum Evaluation {
    /// The batches averaged by `estimatedLoss` (nanoGPT's `eval_iters`).
    public static let estimateBatches = 20

    /// The mean per-byte loss (nats) of `batches` random batches of `batchSize` × `sequenceLength`
    /// drawn from `data` with `seed` (the reference uses seed 2000 + iteration for validation).
    @_specialize(where Model == ByteGPT<Float>)
    public static func estimatedLoss<Model: LanguageModel>(
        _ model: inout Model, data: [UInt8], batchSize: Int, sequenceLength: Int,
        batches: Int = estimateBatches, seed: UInt64
    ) throws -> Double {
        var sampler = BatchSampler(batchSize: batchSize, sequenceLength: sequenceLength, seed: seed)
        var sum = 0.0
        for _ in 0..<batches {
            let batch = sampler.next(from: data)
            let logits = try model.logits(tokens: batch.inputs, sequenceLength: sequenceLength)
            sum += CrossEntropy.totalLoss(logits: logits, targets: batch.targets) / Double(batch.targets.count)
        }
        return sum / Double(batches)
    }

    /// Scores every non-overlapping window of `data`: window w holds bytes `w·T ..< (w+1)·T` and
    /// predicts bytes `w·T+1 ... (w+1)·T`, for w < ⌊(count − 1)/T⌋ (the tail that does not fill a
    /// window is not scored, as in the reference). Windows go through the model
    /// `windowsPerCall` at a time.
    @_specialize(where Model == ByteGPT<Float>)
    public static func fullValidation<Model: LanguageModel>(
        _ model: inout Model, data: [UInt8], sequenceLength: Int, windowsPerCall: Int = 64
    ) throws -> ValidationScore {
        precondition(sequenceLength > 0 && windowsPerCall > 0, "fullValidation needs T > 0 and windowsPerCall > 0")
        let windows = (data.count - 1) / sequenceLength
        var nats = 0.0
        var first = 0
        while first < windows {
            let last = min(first + windowsPerCall, windows)
            let batch = TokenBatch(data: data, starts: (first..<last).map { $0 * sequenceLength }, sequenceLength: sequenceLength)
            let logits = try model.logits(tokens: batch.inputs, sequenceLength: sequenceLength)
            nats += CrossEntropy.totalLoss(logits: logits, targets: batch.targets)
            first = last
        }
        return ValidationScore(totalNats: nats, targets: windows * sequenceLength)
    }
}

/// The outcome of a full validation pass: total cross-entropy over all scored targets.
public struct ValidationScore: Sendable, Equatable {
    /// Σ −log p(target) over every scored byte, in nats.
    public let totalNats: Double
    /// How many bytes were scored.
    public let targets: Int

    public init(totalNats: Double, targets: Int) {
        self.totalNats = totalNats
        self.targets = targets
    }

    /// Mean nats per byte.
    public var natsPerByte: Double { targets > 0 ? totalNats / Double(targets) : .nan }
    /// Bits per byte: nats per byte / ln 2.
    public var bitsPerByte: Double { natsPerByte / Foundation.log(2.0) }
}
