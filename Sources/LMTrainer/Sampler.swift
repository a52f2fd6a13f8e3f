import Foundation
import Linalg

/// Draws text from a `LanguageModel` one byte at a time: softmax(logits / temperature), optionally
/// restricted to the k most likely bytes, sampled with a seeded generator (the same seed, model
/// and prompt give the same text).
///
/// The context is the prompt plus what was drawn so far, cropped to the model's last
/// `contextLength` bytes (as nanoGPT's `generate`).
public struct TextSampler: Sendable {
    /// Divides the logits: below 1 sharpens, above 1 flattens. Must be positive.
    public var temperature: Double
    /// Keep only the k largest logits (nil: all 256).
    public var topK: Int?
    private var generator: SplitMix64

    public init(temperature: Double = 1, topK: Int? = nil, seed: UInt64) {
        precondition(temperature > 0, "temperature must be positive")
        precondition(topK.map { $0 >= 1 } ?? true, "top-k must be at least 1")
        self.temperature = temperature
        self.topK = topK
        self.generator = SplitMix64(seed: seed)
    }

    /// `count` bytes drawn after `prompt` (the prompt itself is not repeated). An empty prompt
    /// starts from a newline byte, as a text file's line start.
    @_specialize(where Model == ByteGPT<Float>)
    public mutating func sample<Model: LanguageModel>(_ model: inout Model, prompt: [UInt8], count: Int) throws -> [UInt8] {
        var context = prompt.isEmpty ? [UInt8(ascii: "\n")] : prompt
        var drawn = [UInt8]()
        drawn.reserveCapacity(count)
        for _ in 0..<count {
            let window = Array(context.suffix(model.contextLength))
            let logits = try model.logits(tokens: window, sequenceLength: window.count)
            let last = (0..<256).map { Double(logits[$0, window.count - 1]) }
            let next = UInt8(draw(from: last))
            drawn.append(next)
            context.append(next)
        }
        return drawn
    }

    /// One index drawn from softmax(logits / temperature) over the top k.
    mutating func draw(from logits: [Double]) -> Int {
        var scaled = logits.map { $0 / temperature }
        if let topK, topK < scaled.count {
            let cutoff = scaled.sorted(by: >)[topK - 1]
            for i in scaled.indices where scaled[i] < cutoff { scaled[i] = -.infinity }
        }
        let largest = scaled.max() ?? 0
        let weights = scaled.map { Foundation.exp($0 - largest) }
        var u = Double.random(in: 0..<1, using: &generator) * weights.reduce(0, +)
        for (i, w) in weights.enumerated() where w > 0 {
            u -= w
            if u < 0 { return i }
        }
        return weights.lastIndex { $0 > 0 } ?? 0
    }
}
