import Linalg

/// Layer normalization over the feature dimension of every token column, with a learned gain
/// and no bias (the reference trainer's `nn.LayerNorm(d, bias=False)`, eps 1e-5 as PyTorch):
///
///     μ = mean(x),  σ² = mean((x − μ)²) (biased, as PyTorch),  x̂ = (x − μ)/√(σ² + ε),  y = w ⊙ x̂.
public struct LayerNorm<Scalar: LinalgScalar>: ParameterContainer {
    /// The d × 1 gain, parameter `name.weight` (initialized to 1, no weight decay).
    public var weight: Parameter<Scalar>
    /// ε inside the square root.
    public let epsilon: Scalar

    /// What backward needs: x̂ and 1/√(σ² + ε) per column.
    public struct Cache: Sendable {
        public let normalized: Matrix<Scalar>
        public let inverseDeviation: [Scalar]

        @inlinable
        public init(normalized: Matrix<Scalar>, inverseDeviation: [Scalar]) {
            self.normalized = normalized
            self.inverseDeviation = inverseDeviation
        }
    }

    public init(name: String, dimension: Int, epsilon: Scalar = 1e-5) {
        weight = Parameter(name: name + ".weight", value: Matrix(rows: dimension, columns: 1, repeating: 1), decays: false)
        self.epsilon = epsilon
    }

    @inlinable
    public mutating func visitParameters(_ body: (inout Parameter<Scalar>) throws -> Void) rethrows {
        try body(&weight)
    }

    @inlinable
    public mutating func forward(_ input: Matrix<Scalar>, training: Bool = true) -> (output: Matrix<Scalar>, cache: Cache) {
        let d = weight.value.rows, n = input.columns
        precondition(input.rows == d, "LayerNorm \(weight.name): input has \(input.rows) features, expected \(d)")
        var normalized = Matrix<Scalar>(rows: d, columns: n)
        var output = Matrix<Scalar>(rows: d, columns: n)
        var inverseDeviation = [Scalar](repeating: 0, count: n)
        let count = Scalar(d), eps = epsilon
        input.storage.withUnsafeBufferPointer { x in
            weight.value.storage.withUnsafeBufferPointer { w in
                normalized.storage.withUnsafeMutableBufferPointer { xh in
                    output.storage.withUnsafeMutableBufferPointer { y in
                        for j in 0..<n {
                            let base = j * d
                            var mean: Scalar = 0
                            for k in 0..<d { mean += x[base + k] }
                            mean /= count
                            var variance: Scalar = 0
                            for k in 0..<d { let c = x[base + k] - mean; variance += c * c }
                            variance /= count
                            let r = 1 / (variance + eps).squareRoot()
                            inverseDeviation[j] = r
                            for k in 0..<d {
                                let v = (x[base + k] - mean) * r
                                xh[base + k] = v
                                y[base + k] = w[k] * v
                            }
                        }
                    }
                }
            }
        }
        return (output, Cache(normalized: normalized, inverseDeviation: inverseDeviation))
    }

    /// ∂w += Σ_tokens ∂y ⊙ x̂; with g = w ⊙ ∂y, returns ∂x = (g − mean(g) − x̂·mean(g ⊙ x̂))/√(σ² + ε).
    @inlinable
    public mutating func backward(_ outputGradient: Matrix<Scalar>, cache: Cache) -> Matrix<Scalar> {
        let d = weight.value.rows, n = outputGradient.columns
        precondition(outputGradient.rows == d && n == cache.normalized.columns, "LayerNorm \(weight.name): gradient shape")
        var inputGradient = Matrix<Scalar>(rows: d, columns: n)
        let count = Scalar(d), gain = weight.value
        outputGradient.storage.withUnsafeBufferPointer { dy in
            cache.normalized.storage.withUnsafeBufferPointer { xh in
                gain.storage.withUnsafeBufferPointer { w in
                    weight.gradient.storage.withUnsafeMutableBufferPointer { dw in
                        inputGradient.storage.withUnsafeMutableBufferPointer { dx in
                            for j in 0..<n {
                                let base = j * d
                                var meanG: Scalar = 0, meanGX: Scalar = 0
                                for k in 0..<d {
                                    dw[k] += dy[base + k] * xh[base + k]
                                    let g = w[k] * dy[base + k]
                                    meanG += g
                                    meanGX += g * xh[base + k]
                                }
                                meanG /= count
                                meanGX /= count
                                let r = cache.inverseDeviation[j]
                                for k in 0..<d {
                                    dx[base + k] = r * (w[k] * dy[base + k] - meanG - xh[base + k] * meanGX)
                                }
                            }
                        }
                    }
                }
            }
        }
        return inputGradient
    }
}
