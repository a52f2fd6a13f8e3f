import Linalg

/// A next-byte model as evaluation and sampling see it: logits for every position of a batch.
///
/// The GPT of this module conforms; so can a fake model in tests (a unigram model whose bits per
/// byte are known in closed form), which is how evaluation is checked independently of training.
public protocol LanguageModel {
    associatedtype Scalar: LinalgScalar
    /// The longest context the model accepts (its position table's length).
    var contextLength: Int { get }
    /// Logits, 256 × (B·T): column `b·T + t` scores the byte after `tokens[b·T + t]`, seeing only
    /// `tokens[b·T ... b·T + t]` (causal). Evaluation mode: no training-time state changes.
    /// - Parameters:
    ///   - tokens: B sequences of `sequenceLength` bytes, one after another.
    ///   - sequenceLength: T, at most `contextLength`.
    mutating func logits(tokens: [UInt8], sequenceLength: Int) throws -> Matrix<Scalar>
}
