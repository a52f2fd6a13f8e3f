import Foundation
import Linalg

/// A byte-level text corpus split into training and validation bytes.
///
/// The split follows nanoGPT's `shakespeare_char` rule (and the reference trainer
/// `peers/lm/bytegpt.py`): the first ⌊0.9·n⌋ bytes train, the rest validate. The vocabulary is
/// the 256 byte values, so no tokenizer is needed and bits per byte are comparable across models.
public struct ByteCorpus: Sendable {
    /// The training bytes (the first 90%).
    public let training: [UInt8]
    /// The validation bytes (the last 10%).
    public let validation: [UInt8]

    /// The fraction of the corpus used for training.
    public static let trainingFraction = 0.9

    /// Splits `bytes` into training and validation parts.
    /// - Throws: `TrainerError.corpusTooSmall` when either part would be shorter than
    ///   `minimumPartLength` (one context window plus its next-byte target).
    public init(bytes: [UInt8], minimumPartLength: Int = 2) throws {
        let cut = Int((Double(bytes.count) * Self.trainingFraction).rounded(.down))
        guard cut >= minimumPartLength, bytes.count - cut >= minimumPartLength else {
            throw TrainerError.corpusTooSmall(bytes: bytes.count, needed: minimumPartLength)
        }
        training = Array(bytes[..<cut])
        validation = Array(bytes[cut...])
    }

    /// Reads a corpus file.
    /// - Throws: `TrainerError.unreadableCorpus` when the file cannot be read, or the split's errors.
    public init(contentsOf url: URL, minimumPartLength: Int = 2) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw TrainerError.unreadableCorpus(path: url.path)
        }
        try self.init(bytes: [UInt8](data), minimumPartLength: minimumPartLength)
    }
}
