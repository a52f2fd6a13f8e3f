import Linalg

/// The token embedding: a vocabulary × d table looked up by byte, one output column per token.
///
/// The table is stored vocabulary × d, exactly like PyTorch's `nn.Embedding.weight`, so its rows
/// are the quantizer's rows and the tied output head (`Embedding+TiedHead.swift`) is one plain
/// GEMM, logits = E·x.
public struct Embedding<Scalar: LinalgScalar>: ParameterContainer {
    /// The vocabulary × d table, parameter `name.weight` (2-D, so it decays, as in the reference
    /// trainer where it is also the output head).
    public var table: Parameter<Scalar>

    /// The vocabulary size (rows of the table).
    public var vocabularySize: Int { table.value.rows }
    /// The embedding width d.
    public var dimension: Int { table.value.columns }

    /// What backward needs: the looked-up tokens.
    public struct Cache: Sendable {
        public let tokens: [UInt8]

        @inlinable
        public init(tokens: [UInt8]) { self.tokens = tokens }
    }

    /// A table with entries ~ N(0, σ²) (nanoGPT and the reference trainer: σ = 0.02).
    public init<G: RandomNumberGenerator>(
        name: String, vocabularySize: Int = 256, dimension: Int, standardDeviation: Double = 0.02, using rng: inout G
    ) {
        precondition(vocabularySize >= 1 && vocabularySize <= 256, "a byte embedding has at most 256 rows")
        var value = Matrix<Scalar>.randomGaussian(rows: vocabularySize, columns: dimension, using: &rng)
        value.scale(by: Scalar(standardDeviation))
        table = Parameter(name: name + ".weight", value: value, decays: true)
    }

    @inlinable
    public mutating func visitParameters(_ body: (inout Parameter<Scalar>) throws -> Void) rethrows {
        try body(&table)
    }

    /// Column i of the output is row `tokens[i]` of the table (d × tokens).
    @inlinable
    public func forward(_ tokens: [UInt8]) -> (output: Matrix<Scalar>, cache: Cache) {
        let d = dimension, v = vocabularySize
        var output = Matrix<Scalar>(rows: d, columns: tokens.count)
        table.value.storage.withUnsafeBufferPointer { e in
            output.storage.withUnsafeMutableBufferPointer { x in
                for (j, token) in tokens.enumerated() {
                    let row = Int(token)
                    precondition(row < v, "token \(row) outside the vocabulary of \(v)")
                    for k in 0..<d { x[k + j * d] = e[row + k * v] }
                }
            }
        }
        return (output, Cache(tokens: tokens))
    }

    /// Scatter-adds every output column's gradient into its token's row of ∂E (repeated tokens
    /// accumulate). The input is discrete, so there is no input gradient.
    @inlinable
    public mutating func backward(_ outputGradient: Matrix<Scalar>, cache: Cache) {
        let d = dimension, v = vocabularySize
        precondition(outputGradient.rows == d && outputGradient.columns == cache.tokens.count,
                     "Embedding \(table.name): output gradient shape")
        outputGradient.storage.withUnsafeBufferPointer { dx in
            table.gradient.storage.withUnsafeMutableBufferPointer { de in
                for (j, token) in cache.tokens.enumerated() {
                    let row = Int(token)
                    for k in 0..<d { de[row + k * v] += dx[k + j * d] }
                }
            }
        }
    }
}
