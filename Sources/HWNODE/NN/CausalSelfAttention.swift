import Linalg
import RealModule

/// Multi-head causal self-attention as in nanoGPT and the reference trainer
/// (`peers/lm/bytegpt.py`, class `SelfAttention`): a fused, bias-free qkv projection d → 3d,
/// n_head heads of width h_d = d/n_head, softmax(QKᵀ/√h_d) under a causal mask inside each
/// sequence of length T (Vaswani et al. 2017, eq. 1), and a bias-free output projection d → d.
///
/// Rows 0..<d of the qkv output are the queries, d..<2d the keys, 2d..<3d the values (PyTorch's
/// `split(d)`), head h owning rows h·h_d..<(h+1)·h_d of each. For every (sequence, head) the
/// scores, the weighted sum and the backward's four products are BLAS GEMMs that read the head's
/// block of the qkv matrix in place (leading dimension 3d), so nothing is copied per head.
public struct CausalSelfAttention<Scalar: LinalgScalar>: ParameterContainer {
    /// The fused projection d → 3d (`name.qkv`).
    public var qkv: Linear<Scalar>
    /// The output projection d → d (`name.out`).
    public var projection: Linear<Scalar>
    /// The number of heads.
    public let heads: Int

    /// The model width d.
    public var dimension: Int { projection.outputs }
    /// The width of one head, d/heads.
    public var headDimension: Int { dimension / heads }

    /// What backward needs.
    public struct Cache: Sendable {
        public let qkvCache: Linear<Scalar>.Cache
        /// The 3d × tokens queries, keys and values.
        public let queriesKeysValues: Matrix<Scalar>
        /// The attention probabilities: for sequence b and head h, a T × T column-major block at
        /// offset (b·heads + h)·T², entry (s, t) the weight of key s for query t (zero for s > t).
        public let probabilities: [Scalar]
        public let projectionCache: Linear<Scalar>.Cache
        public let sequenceLength: Int

        @inlinable
        public init(qkvCache: Linear<Scalar>.Cache, queriesKeysValues: Matrix<Scalar>, probabilities: [Scalar],
                    projectionCache: Linear<Scalar>.Cache, sequenceLength: Int) {
            self.qkvCache = qkvCache
            self.queriesKeysValues = queriesKeysValues
            self.probabilities = probabilities
            self.projectionCache = projectionCache
            self.sequenceLength = sequenceLength
        }
    }

    /// - Parameters:
    ///   - name: the prefix of the parameter names (`name.qkv`, `name.out`).
    ///   - dimension: the model width d, a multiple of `heads`.
    ///   - heads: the number of attention heads, each of width d/heads.
    ///   - initialization: of the qkv weight (nanoGPT: N(0, 0.02)).
    ///   - projectionInitialization: of the output projection (nanoGPT: N(0, 0.02/√(2L))).
    ///   - rng: draws the initial weights (qkv first, then the projection).
    public init<G: RandomNumberGenerator>(
        name: String, dimension: Int, heads: Int,
        initialization: Linear<Scalar>.Initialization, projectionInitialization: Linear<Scalar>.Initialization,
        using rng: inout G
    ) {
        precondition(heads >= 1 && dimension % heads == 0, "CausalSelfAttention: width \(dimension) is not a multiple of \(heads) heads")
        self.heads = heads
        qkv = Linear(name: name + ".qkv", inputs: dimension, outputs: 3 * dimension, initialization: initialization, using: &rng)
        projection = Linear(name: name + ".out", inputs: dimension, outputs: dimension,
                            initialization: projectionInitialization, using: &rng)
    }

    @inlinable
    public mutating func visitParameters(_ body: (inout Parameter<Scalar>) throws -> Void) rethrows {
        try qkv.visitParameters(body)
        try projection.visitParameters(body)
    }

    /// Attention over `input` (d × B·T), each run of `sequenceLength` columns one sequence.
    @inlinable
    public mutating func forward(
        _ input: Matrix<Scalar>, sequenceLength: Int, training: Bool = true
    ) -> (output: Matrix<Scalar>, cache: Cache) {
        let d = dimension, hd = headDimension, t = sequenceLength
        precondition(input.rows == d && t >= 1 && input.columns % t == 0, "CausalSelfAttention: input shape or sequence length")
        let sequences = input.columns / t
        let (qkvOutput, qkvCache) = qkv.forward(input, training: training)
        var probabilities = [Scalar](repeating: 0, count: sequences * heads * t * t)
        var attended = Matrix<Scalar>(rows: d, columns: input.columns)
        let scale = 1 / Scalar(hd).squareRoot()
        qkvOutput.storage.withUnsafeBufferPointer { qkvBuffer in
            probabilities.withUnsafeMutableBufferPointer { pBuffer in
                attended.storage.withUnsafeMutableBufferPointer { yBuffer in
                    for b in 0..<sequences {
                        for h in 0..<heads {
                            let q = qkvBuffer.baseAddress! + b * t * 3 * d + h * hd
                            let k = q + d, v = q + 2 * d
                            let p = pBuffer.baseAddress! + (b * heads + h) * t * t
                            // S = Kᵀ Q/√h_d: column τ holds query τ's scores against every key.
                            Scalar.blasGemm(transA: true, transB: false, m: t, n: t, k: hd, alpha: scale,
                                            a: k, lda: 3 * d, b: q, ldb: 3 * d, beta: 0, c: p, ldc: t)
                            Self.causalSoftmax(p, length: t)
                            // Y = V P: query τ's output is Σ_s P[s, τ] v_s.
                            Scalar.blasGemm(transA: false, transB: false, m: hd, n: t, k: t, alpha: 1,
                                            a: v, lda: 3 * d, b: p, ldb: t, beta: 0,
                                            c: yBuffer.baseAddress! + b * t * d + h * hd, ldc: d)
                        }
                    }
                }
            }
        }
        let (output, projectionCache) = projection.forward(attended, training: training)
        return (output, Cache(qkvCache: qkvCache, queriesKeysValues: qkvOutput, probabilities: probabilities,
                              projectionCache: projectionCache, sequenceLength: t))
    }

    /// Adds the qkv and projection weight gradients; returns ∂loss/∂input.
    @inlinable
    public mutating func backward(_ outputGradient: Matrix<Scalar>, cache: Cache) -> Matrix<Scalar> {
        let d = dimension, hd = headDimension, t = cache.sequenceLength
        let attendedGradient = projection.backward(outputGradient, cache: cache.projectionCache)
        let sequences = outputGradient.columns / t
        var qkvGradient = Matrix<Scalar>(rows: 3 * d, columns: outputGradient.columns)
        var scoreGradient = [Scalar](repeating: 0, count: t * t)
        let scale = 1 / Scalar(hd).squareRoot()
        cache.queriesKeysValues.storage.withUnsafeBufferPointer { qkvBuffer in
            cache.probabilities.withUnsafeBufferPointer { pBuffer in
                attendedGradient.storage.withUnsafeBufferPointer { dyBuffer in
                    qkvGradient.storage.withUnsafeMutableBufferPointer { dqkvBuffer in
                        scoreGradient.withUnsafeMutableBufferPointer { dsBuffer in
                            let ds = dsBuffer.baseAddress!
                            for b in 0..<sequences {
                                for h in 0..<heads {
                                    let offset = b * t * 3 * d + h * hd
                                    let q = qkvBuffer.baseAddress! + offset, k = q + d, v = q + 2 * d
                                    let dq = dqkvBuffer.baseAddress! + offset, dk = dq + d, dv = dq + 2 * d
                                    let p = pBuffer.baseAddress! + (b * heads + h) * t * t
                                    let dy = dyBuffer.baseAddress! + b * t * d + h * hd
                                    // ∂V = ∂Y Pᵀ and ∂P = Vᵀ ∂Y.
                                    Scalar.blasGemm(transA: false, transB: true, m: hd, n: t, k: t, alpha: 1,
                                                    a: dy, lda: d, b: p, ldb: t, beta: 0, c: dv, ldc: 3 * d)
                                    Scalar.blasGemm(transA: true, transB: false, m: t, n: t, k: hd, alpha: 1,
                                                    a: v, lda: 3 * d, b: dy, ldb: d, beta: 0, c: ds, ldc: t)
                                    Self.softmaxPullback(probabilities: p, gradient: ds, length: t)
                                    // S = Kᵀ Q/√h_d: ∂Q = K ∂S/√h_d, ∂K = Q ∂Sᵀ/√h_d.
                                    Scalar.blasGemm(transA: false, transB: false, m: hd, n: t, k: t, alpha: scale,
                                                    a: k, lda: 3 * d, b: ds, ldb: t, beta: 0, c: dq, ldc: 3 * d)
                                    Scalar.blasGemm(transA: false, transB: true, m: hd, n: t, k: t, alpha: scale,
                                                    a: q, lda: 3 * d, b: ds, ldb: t, beta: 0, c: dk, ldc: 3 * d)
                                }
                            }
                        }
                    }
                }
            }
        }
        return qkv.backward(qkvGradient, cache: cache.qkvCache)
    }

    /// In place on the T × T scores: column τ ← softmax of its first τ+1 entries (keys s ≤ τ),
    /// the rest set to zero. The column maximum is subtracted before exponentiating, so no
    /// exponential overflows.
    @inlinable
    static func causalSoftmax(_ s: UnsafeMutablePointer<Scalar>, length t: Int) {
        for query in 0..<t {
            let column = s + query * t
            var maximum = column[0]
            for key in 0...query where column[key] > maximum { maximum = column[key] }
            var sum: Scalar = 0
            for key in 0...query {
                let e = Scalar.exp(column[key] - maximum)
                column[key] = e
                sum += e
            }
            let inverse = 1 / sum
            for key in 0...query { column[key] *= inverse }
            for key in (query + 1)..<t { column[key] = 0 }
        }
    }

    /// In place: ∂S[s, τ] = P[s, τ]·(∂P[s, τ] − Σ_s′ P[s′, τ] ∂P[s′, τ]), the softmax pullback per
    /// column (masked entries have P = 0 and get 0).
    @inlinable
    static func softmaxPullback(probabilities p: UnsafePointer<Scalar>, gradient g: UnsafeMutablePointer<Scalar>, length t: Int) {
        for query in 0..<t {
            let pc = p + query * t, gc = g + query * t
            var dot: Scalar = 0
            for key in 0...query { dot += pc[key] * gc[key] }
            for key in 0...query { gc[key] = pc[key] * (gc[key] - dot) }
            for key in (query + 1)..<t { gc[key] = 0 }
        }
    }
}
