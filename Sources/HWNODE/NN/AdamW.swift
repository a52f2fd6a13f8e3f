import Linalg
import RealModule

/// Adam with decoupled weight decay (Loshchilov & Hutter 2019), step for step PyTorch's
/// `torch.optim.AdamW` (single-tensor path, `amsgrad=False`, `maximize=False`): for each
/// parameter θ with gradient g, at step t = 1, 2, …
///
///     θ ← θ·(1 − lr·λ)                       (only where `decays`; λ = 0 elsewhere)
///     m ← m + (1 − β₁)(g − m)                 (PyTorch's `lerp_`)
///     v ← β₂·v + (1 − β₂)·g²
///     θ ← θ − (lr/(1 − β₁ᵗ)) · m / (√v/√(1 − β₂ᵗ) + ε)
///
/// The bias corrections and the step size are formed in Double (as PyTorch forms them in Python
/// floats) and rounded once to `Scalar`. Defaults are the reference trainer's
/// (`peers/lm/bytegpt.py`): β = (0.9, 0.99), ε = 1e-8, λ = 0.1.
public struct AdamW<Scalar: LinalgScalar>: Sendable {
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    /// λ, applied to parameters whose `decays` is true.
    public var weightDecay: Double
    /// Steps taken so far (t of the last step).
    public var stepCount = 0
    /// m for every parameter, in `visitParameters` order (created at the first step).
    public var firstMoments: [Matrix<Scalar>] = []
    /// v for every parameter, in `visitParameters` order (created at the first step).
    public var secondMoments: [Matrix<Scalar>] = []

    public init(beta1: Double = 0.9, beta2: Double = 0.99, epsilon: Double = 1e-8, weightDecay: Double = 0.1) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    /// One update of the parameters of `model` for which `owns` is true (all by default; a
    /// Muon + AdamW split, as in the parameter-golf reference, gives each optimizer its share),
    /// from their accumulated gradients. Parameters not owned keep their values and moments.
    /// The step count t is shared, so keep the ownership the same on every step.
    @inlinable
    public mutating func step<Model: ParameterContainer>(
        _ model: inout Model, learningRate: Double, owns: (Parameter<Scalar>) -> Bool = { _ in true }
    ) where Model.Scalar == Scalar {
        if stepCount == 0 {
            model.visitParameters { p in
                firstMoments.append(Matrix(rows: p.value.rows, columns: p.value.columns))
                secondMoments.append(Matrix(rows: p.value.rows, columns: p.value.columns))
            }
        }
        stepCount += 1
        let t = Double(stepCount)
        let stepSize = Scalar(learningRate / (1 - Double.pow(beta1, t)))
        let inverseCorrection2 = Scalar(1 / (1 - Double.pow(beta2, t)).squareRoot())
        let oneMinusBeta1 = Scalar(1 - beta1), beta2 = Scalar(self.beta2), oneMinusBeta2 = Scalar(1 - self.beta2)
        let eps = Scalar(epsilon), decayFactor = Scalar(1 - learningRate * weightDecay)
        var index = 0
        model.visitParameters { p in
            precondition(index < firstMoments.count && firstMoments[index].storage.count == p.count,
                         "AdamW: the model's parameters changed since the first step")
            defer { index += 1 }
            guard owns(p) else { return }
            let decays = p.decays && weightDecay != 0
            firstMoments[index].storage.withUnsafeMutableBufferPointer { m in
                secondMoments[index].storage.withUnsafeMutableBufferPointer { v in
                    p.gradient.storage.withUnsafeBufferPointer { g in
                        p.value.storage.withUnsafeMutableBufferPointer { theta in
                            for i in 0..<theta.count {
                                if decays { theta[i] *= decayFactor }
                                m[i] += oneMinusBeta1 * (g[i] - m[i])
                                v[i] = beta2 * v[i] + oneMinusBeta2 * g[i] * g[i]
                                theta[i] -= stepSize * m[i] / (v[i].squareRoot() * inverseCorrection2 + eps)
                            }
                        }
                    }
                }
            }
        }
    }
}
