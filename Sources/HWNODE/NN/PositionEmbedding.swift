import Linalg

/// The learned position embedding: a T_max × d table (PyTorch `nn.Embedding(block_size, d)`
/// layout) whose row t is added to the column of every token at position t of its sequence.
public struct PositionEmbedding<Scalar: LinalgScalar>: ParameterContainer {
    /// The T_max × d table, parameter `name.weight` (2-D, decays as in the reference trainer).
    public var table: Parameter<Scalar>

    /// The longest sequence, T_max.
    public var contextLength: Int { table.value.rows }
    /// The embedding width d.
    public var dimension: Int { table.value.columns }

    /// A table with entries ~ N(0, σ²) (nanoGPT: σ = 0.02).
    public init<G: RandomNumberGenerator>(
        name: String, contextLength: Int, dimension: Int, standardDeviation: Double = 0.02, using rng: inout G
    ) {
        var value = Matrix<Scalar>.randomGaussian(rows: contextLength, columns: dimension, using: &rng)
        value.scale(by: Scalar(standardDeviation))
        table = Parameter(name: name + ".weight", value: value, decays: true)
    }

    @inlinable
    public mutating func visitParameters(_ body: (inout Parameter<Scalar>) throws -> Void) rethrows {
        try body(&table)
    }

    /// x[:, b·T + t] += P[t, :] for every sequence b, in place (x is d × B·T).
    @inlinable
    public func add(to x: inout Matrix<Scalar>, sequenceLength: Int) {
        let d = dimension, rows = contextLength
        precondition(x.rows == d && sequenceLength >= 1 && sequenceLength <= rows && x.columns % sequenceLength == 0,
                     "PositionEmbedding \(table.name): input shape or sequence length")
        table.value.storage.withUnsafeBufferPointer { p in
            x.storage.withUnsafeMutableBufferPointer { out in
                for j in 0..<x.columns {
                    let t = j % sequenceLength
                    for k in 0..<d { out[k + j * d] += p[t + k * rows] }
                }
            }
        }
    }

    /// ∂P[t, :] += Σ_b ∂x[:, b·T + t].
    @inlinable
    public mutating func backward(_ gradient: Matrix<Scalar>, sequenceLength: Int) {
        let d = dimension, rows = contextLength
        precondition(gradient.rows == d && sequenceLength <= rows && gradient.columns % sequenceLength == 0,
                     "PositionEmbedding \(table.name): gradient shape or sequence length")
        gradient.storage.withUnsafeBufferPointer { dx in
            table.gradient.storage.withUnsafeMutableBufferPointer { dp in
                for j in 0..<gradient.columns {
                    let t = j % sequenceLength
                    for k in 0..<d { dp[t + k * rows] += dx[k + j * d] }
                }
            }
        }
    }
}
