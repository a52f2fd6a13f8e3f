import Linalg
import RealModule

/// Cross-entropy of next-byte predictions: logits (vocabulary × tokens, one column per token)
/// scored against byte targets, in nats, through a stable log-softmax
/// (log p_c = z_c − m − log Σ_k exp(z_k − m), m = max_k z_k, so no exponential overflows).
public enum CrossEntropy {
    /// The mean loss over the columns (PyTorch `F.cross_entropy`, reduction "mean") and
    /// ∂loss/∂logits = (softmax(z) − onehot(target))/tokens.
    @inlinable
    public static func lossAndGradient<Scalar: LinalgScalar>(
        logits: Matrix<Scalar>, targets: [UInt8]
    ) -> (loss: Scalar, logitsGradient: Matrix<Scalar>) {
        var gradient = Matrix<Scalar>(rows: logits.rows, columns: logits.columns)
        let total = gradient.storage.withUnsafeMutableBufferPointer {
            accumulate(logits: logits, targets: targets, gradient: $0.baseAddress)
        }
        return (Scalar(total / Double(targets.count)), gradient)
    }

    /// The summed loss over the columns, in nats, accumulated in Double (evaluation: no gradient).
    @inlinable
    public static func totalLoss<Scalar: LinalgScalar>(logits: Matrix<Scalar>, targets: [UInt8]) -> Double {
        accumulate(logits: logits, targets: targets, gradient: nil)
    }

    /// Σ_j −log softmax(z_j)[target_j]; when `gradient` is given, writes (softmax − onehot)/tokens
    /// into it (vocabulary × tokens, column-major).
    @inlinable
    static func accumulate<Scalar: LinalgScalar>(
        logits: Matrix<Scalar>, targets: [UInt8], gradient dz: UnsafeMutablePointer<Scalar>?
    ) -> Double {
        let v = logits.rows, n = logits.columns
        precondition(targets.count == n && n > 0, "CrossEntropy: \(n) logit columns, \(targets.count) targets")
        var total = 0.0
        let inverseCount = 1 / Scalar(n)
        logits.storage.withUnsafeBufferPointer { z in
            for j in 0..<n {
                let column = z.baseAddress! + j * v
                let target = Int(targets[j])
                precondition(target < v, "CrossEntropy: target \(target) outside the vocabulary of \(v)")
                var maximum = column[0]
                for c in 0..<v where column[c] > maximum { maximum = column[c] }
                var sum: Scalar = 0
                if let dz {
                    let out = dz + j * v
                    for c in 0..<v {
                        out[c] = Scalar.exp(column[c] - maximum)
                        sum += out[c]
                    }
                    let scale = inverseCount / sum
                    for c in 0..<v { out[c] *= scale }
                    out[target] -= inverseCount
                } else {
                    for c in 0..<v { sum += Scalar.exp(column[c] - maximum) }
                }
                total -= Double(column[target] - maximum) - Double.log(Double(sum))
            }
        }
        return total
    }
}
