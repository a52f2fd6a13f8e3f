/// B sequences of T bytes each and, for every position, the byte that follows it.
///
/// Layout as everywhere in the trainer: position t of sequence b is entry `b·T + t` (the column
/// of that token in a features × tokens activation matrix). `targets[i]` is the byte after
/// `inputs[i]` in the text, so a model's logits column i is scored against `targets[i]`.
public struct TokenBatch: Sendable, Equatable {
    /// The context bytes, B·T of them.
    public var inputs: [UInt8]
    /// The next byte of every input position, B·T of them.
    public var targets: [UInt8]
    /// T, the length of each sequence.
    public let sequenceLength: Int

    /// The number of sequences B.
    public var sequenceCount: Int { inputs.count / sequenceLength }

    public init(inputs: [UInt8], targets: [UInt8], sequenceLength: Int) {
        precondition(sequenceLength > 0 && inputs.count == targets.count && inputs.count % sequenceLength == 0,
                     "TokenBatch needs B·T inputs and as many targets")
        self.inputs = inputs
        self.targets = targets
        self.sequenceLength = sequenceLength
    }

    /// The batch whose sequences start at `starts` in `data`: `inputs` are `data[s ..< s+T]` and
    /// `targets` are `data[s+1 ... s+T]` (shifted by one).
    public init(data: [UInt8], starts: [Int], sequenceLength: Int) {
        var inputs = [UInt8](), targets = [UInt8]()
        inputs.reserveCapacity(starts.count * sequenceLength)
        targets.reserveCapacity(starts.count * sequenceLength)
        for s in starts {
            precondition(s >= 0 && s + sequenceLength < data.count, "a sequence starting at \(s) runs past the data")
            inputs.append(contentsOf: data[s ..< s + sequenceLength])
            targets.append(contentsOf: data[s + 1 ... s + sequenceLength])
        }
        self.init(inputs: inputs, targets: targets, sequenceLength: sequenceLength)
    }
}
