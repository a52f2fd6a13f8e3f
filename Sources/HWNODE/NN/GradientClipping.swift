import Linalg

extension ParameterContainer {
    /// Global gradient-norm clipping with PyTorch's `torch.nn.utils.clip_grad_norm_` semantics:
    /// with N = ‖(all gradients)‖₂, every gradient is multiplied by min(1, maxNorm/(N + 1e-6)).
    /// Returns N, the norm before clipping. The sum of squares is accumulated in Double.
    @inlinable
    @discardableResult
    public mutating func clipGradientNorm(maxNorm: Double) -> Double {
        var sumOfSquares = 0.0
        visitParameters { p in
            p.gradient.storage.withUnsafeBufferPointer { g in
                for x in g { sumOfSquares += Double(x) * Double(x) }
            }
        }
        let norm = sumOfSquares.squareRoot()
        let coefficient = Scalar(min(1, maxNorm / (norm + 1e-6)))
        if coefficient != 1 { visitParameters { $0.gradient.scale(by: coefficient) } }
        return norm
    }
}
