import Linalg

/// Root-mean-square normalization over the feature dimension of every token column
/// (Zhang & Sennrich 2019), optionally with a learned gain:
///
///     x̂ = x/√(mean(x²) + ε),  y = w ⊙ x̂  (or y = x̂ without a gain).
///
/// Without a gain it is PyTorch's `F.rms_norm(x, (d,))`, the parameter-golf reference's norm
/// (`research/hwnode-reference.md` §3); its default ε there is the type's machine epsilon, which
/// is this type's default too.
public struct RMSNorm<Scalar: LinalgScalar>: ParameterContainer {
    /// The d × 1 gain, parameter `name.weight` (initialized to 1, no weight decay), if learned.
    public var weight: Parameter<Scalar>?
    /// The feature dimension d.
    public let dimension: Int
    /// ε inside the square root.
    public let epsilon: Scalar

    /// What backward needs: x̂ and 1/√(mean(x²) + ε) per column.
    public struct Cache: Sendable {
        public let normalized: Matrix<Scalar>
        public let inverseRootMeanSquare: [Scalar]

        @inlinable
        public init(normalized: Matrix<Scalar>, inverseRootMeanSquare: [Scalar]) {
            self.normalized = normalized
            self.inverseRootMeanSquare = inverseRootMeanSquare
        }
    }

    /// - Parameters:
    ///   - name: the prefix of the gain's parameter name (`name.weight`).
    ///   - dimension: the feature dimension d.
    ///   - learnsGain: whether to learn the gain w (initialized to 1); otherwise y = x̂.
    ///   - epsilon: nil means `Scalar.ulpOfOne` (PyTorch's default for `rms_norm`).
    public init(name: String, dimension: Int, learnsGain: Bool = true, epsilon: Scalar? = nil) {
        self.dimension = dimension
        self.epsilon = epsilon ?? .ulpOfOne
        weight = learnsGain
            ? Parameter(name: name + ".weight", value: Matrix(rows: dimension, columns: 1, repeating: 1), decays: false)
            : nil
    }

    @inlinable
    public mutating func visitParameters(_ body: (inout Parameter<Scalar>) throws -> Void) rethrows {
        if weight != nil { try body(&weight!) }
    }

    @inlinable
    public mutating func forward(_ input: Matrix<Scalar>, training: Bool = true) -> (output: Matrix<Scalar>, cache: Cache) {
        let d = dimension, n = input.columns
        precondition(input.rows == d, "RMSNorm: input has \(input.rows) features, expected \(d)")
        var normalized = Matrix<Scalar>(rows: d, columns: n)
        var inverse = [Scalar](repeating: 0, count: n)
        let count = Scalar(d), eps = epsilon
        input.storage.withUnsafeBufferPointer { x in
            normalized.storage.withUnsafeMutableBufferPointer { xh in
                for j in 0..<n {
                    let base = j * d
                    var meanSquare: Scalar = 0
                    for k in 0..<d { meanSquare += x[base + k] * x[base + k] }
                    let r = 1 / (meanSquare / count + eps).squareRoot()
                    inverse[j] = r
                    for k in 0..<d { xh[base + k] = x[base + k] * r }
                }
            }
        }
        var output = normalized
        if let weight {
            weight.value.storage.withUnsafeBufferPointer { w in
                output.storage.withUnsafeMutableBufferPointer { y in
                    for j in 0..<n { for k in 0..<d { y[k + j * d] *= w[k] } }
                }
            }
        }
        return (output, Cache(normalized: normalized, inverseRootMeanSquare: inverse))
    }

    /// ∂w += Σ_tokens ∂y ⊙ x̂; with g = w ⊙ ∂y, returns ∂x = (g − x̂·mean(g ⊙ x̂))/√(mean(x²) + ε).
    @inlinable
    public mutating func backward(_ outputGradient: Matrix<Scalar>, cache: Cache) -> Matrix<Scalar> {
        let d = dimension, n = outputGradient.columns
        precondition(outputGradient.rows == d && n == cache.normalized.columns, "RMSNorm: gradient shape")
        var g = outputGradient
        if let gain = weight?.value {
            gain.storage.withUnsafeBufferPointer { w in
                weight!.gradient.storage.withUnsafeMutableBufferPointer { dw in
                    outputGradient.storage.withUnsafeBufferPointer { dy in
                        cache.normalized.storage.withUnsafeBufferPointer { xh in
                            g.storage.withUnsafeMutableBufferPointer { gw in
                                for j in 0..<n {
                                    for k in 0..<d {
                                        dw[k] += dy[k + j * d] * xh[k + j * d]
                                        gw[k + j * d] = w[k] * dy[k + j * d]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var inputGradient = Matrix<Scalar>(rows: d, columns: n)
        let count = Scalar(d)
        g.storage.withUnsafeBufferPointer { gp in
            cache.normalized.storage.withUnsafeBufferPointer { xh in
                inputGradient.storage.withUnsafeMutableBufferPointer { dx in
                    for j in 0..<n {
                        let base = j * d
                        var meanGX: Scalar = 0
                        for k in 0..<d { meanGX += gp[base + k] * xh[base + k] }
                        meanGX /= count
                        let r = cache.inverseRootMeanSquare[j]
                        for k in 0..<d { dx[base + k] = r * (gp[base + k] - xh[base + k] * meanGX) }
                    }
                }
            }
        }
        return inputGradient
    }
}
