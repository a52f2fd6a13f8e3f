import Linalg

/// The output head tied to the token embedding (nanoGPT, `peers/lm/bytegpt.py`:
/// `F.linear(ln_f(x), tok.weight)`): logits = E·h, vocabulary × tokens, with E the same
/// vocabulary × d table the input lookup reads, so both uses add into one gradient.
extension Embedding {
    /// What the head's backward needs: the hidden states it scored.
    public struct HeadCache: Sendable {
        public let hidden: Matrix<Scalar>

        @inlinable
        public init(hidden: Matrix<Scalar>) { self.hidden = hidden }
    }

    /// logits = E·h (one GEMM): column i scores every vocabulary entry for token i.
    @inlinable
    public func logits(_ hidden: Matrix<Scalar>) -> (output: Matrix<Scalar>, cache: HeadCache) {
        precondition(hidden.rows == dimension, "Embedding \(table.name) head: hidden has \(hidden.rows) features, expected \(dimension)")
        var output = Matrix<Scalar>(rows: vocabularySize, columns: hidden.columns)
        Matrix.multiply(table.value, hidden, into: &output)
        return (output, HeadCache(hidden: hidden))
    }

    /// ∂E += ∂logits·hᵀ (into the same gradient as the lookup's); returns ∂h = Eᵀ·∂logits.
    @inlinable
    public mutating func backwardLogits(_ logitsGradient: Matrix<Scalar>, cache: HeadCache) -> Matrix<Scalar> {
        precondition(logitsGradient.rows == vocabularySize && logitsGradient.columns == cache.hidden.columns,
                     "Embedding \(table.name) head: logits gradient shape")
        Matrix.multiply(logitsGradient, transposed: false, cache.hidden, transposed: true, beta: 1, into: &table.gradient)
        var hiddenGradient = Matrix<Scalar>(rows: dimension, columns: logitsGradient.columns)
        Matrix.multiply(table.value, transposed: true, logitsGradient, into: &hiddenGradient)
        return hiddenGradient
    }
}
