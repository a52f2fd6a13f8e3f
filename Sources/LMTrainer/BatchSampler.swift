import Linalg

/// Seeded random-offset batches, as nanoGPT and the reference trainer draw them
/// (`peers/lm/bytegpt.py`, `random_batch`): each of the B sequences starts at an offset drawn
/// uniformly from `0 ..< count − T`, so that its T targets (shifted by one) stay inside the data.
///
/// The same seed gives the same batches on every machine (SplitMix64). A resumed run recreates
/// the sampler from its seed and skips the batches already drawn (`skip(_:from:)`), so it sees the
/// same stream as an uninterrupted run.
public struct BatchSampler: Sendable {
    /// Sequences per batch, B (12 in the reference recipe).
    public let batchSize: Int
    /// Bytes per sequence, T (64 in the reference recipe).
    public let sequenceLength: Int
    private var generator: SplitMix64

    /// - Parameters:
    ///   - batchSize: sequences per batch, B > 0.
    ///   - sequenceLength: bytes per sequence, T > 0.
    ///   - seed: the stream's seed; the same seed draws the same offsets.
    public init(batchSize: Int, sequenceLength: Int, seed: UInt64) {
        precondition(batchSize > 0 && sequenceLength > 0, "BatchSampler needs B > 0 and T > 0")
        self.batchSize = batchSize
        self.sequenceLength = sequenceLength
        self.generator = SplitMix64(seed: seed)
    }

    /// The next batch from `data`, which must hold more than T bytes.
    public mutating func next(from data: [UInt8]) -> TokenBatch {
        precondition(data.count > sequenceLength, "BatchSampler needs more than T = \(sequenceLength) bytes, got \(data.count)")
        let starts = (0..<batchSize).map { _ in Int.random(in: 0 ..< data.count - sequenceLength, using: &generator) }
        return TokenBatch(data: data, starts: starts, sequenceLength: sequenceLength)
    }

    /// Draws and discards `count` batches from `data` (what `count` training steps consumed).
    public mutating func skip(_ count: Int, from data: [UInt8]) {
        for _ in 0..<count {
            for _ in 0..<batchSize { _ = Int.random(in: 0 ..< data.count - sequenceLength, using: &generator) }
        }
    }
}
