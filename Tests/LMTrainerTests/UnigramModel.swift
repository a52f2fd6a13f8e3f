import Linalg
import LMTrainer

/// A fake `LanguageModel` that ignores context: every column of logits is the same vector, so its
/// cross-entropy on any text is a sum over byte counts, known in closed form. It records the
/// (sequence length, token count) of every call.
struct UnigramModel: LanguageModel {
    var logitVector: [Double]
    var contextLength: Int
    var calls: [(sequenceLength: Int, tokens: Int)] = []

    mutating func logits(tokens: [UInt8], sequenceLength: Int) throws -> Matrix<Double> {
        precondition(sequenceLength <= contextLength && tokens.count % sequenceLength == 0)
        calls.append((sequenceLength, tokens.count))
        var m = Matrix<Double>(rows: 256, columns: tokens.count)
        for j in 0..<tokens.count { for i in 0..<256 { m[i, j] = logitVector[i] } }
        return m
    }
}
