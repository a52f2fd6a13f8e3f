import Linalg

/// The spectral-norm estimate of the reference trainer (`bytegpt.py` `HWNode.sigma`; the same
/// step in the published HWNODE code, research/hwnode-reference.md §4a, §4c):
///
///     training:  v ← normalize(Aᵀu),  u ← normalize(A v)   (no gradient; u, v persist)
///     always:    σ = max(‖A v‖₂, 10⁻⁸)
///
/// with normalize(x) = x / max(‖x‖₂, 10⁻¹²) (PyTorch's `F.normalize`). After a training step
/// u = A v/‖A v‖, so σ = uᵀA v, the PyTorch form. With v a constant, ∂σ/∂A = û vᵀ with
/// û = A v/‖A v‖₂ (and 0 where the clamp is active).
///
/// Why not `Parametrizations.PowerIterationSpectralNormalization`: that type follows
/// `torch.nn.utils.parametrizations.spectral_norm` (u updated first, 15 iterations at
/// registration, σ = uᵀW v), whose numbers differ from the reference block's, and it keeps its
/// vectors private, where a checkpoint must restore them.
///
/// u, v and û are n×1 matrices, updated in place (no allocation).
enum OneStepPowerIteration {
    /// The floor of F.normalize.
    static let normalizeFloor = 1e-12
    /// The clamp of σ (`clamp_min(1e-8)`).
    static let sigmaFloor = 1e-8

    /// v ← normalize(Aᵀu), u ← normalize(A v), in place.
    static func step<Scalar: LinalgScalar>(_ a: Matrix<Scalar>, u: inout Matrix<Scalar>, v: inout Matrix<Scalar>) {
        Matrix.multiply(a, transposed: true, u, into: &v)
        normalize(&v)
        Matrix.multiply(a, v, into: &u)
        normalize(&u)
    }

    /// σ = max(‖A v‖₂, 10⁻⁸); `direction` receives û = A v/‖A v‖₂. Returns σ and whether the
    /// clamp is inactive (σ depends on A; otherwise σ is the constant 10⁻⁸).
    static func sigma<Scalar: LinalgScalar>(
        _ a: Matrix<Scalar>, v: Matrix<Scalar>, direction: inout Matrix<Scalar>
    ) -> (sigma: Scalar, differentiable: Bool) {
        Matrix.multiply(a, v, into: &direction)
        let norm = direction.normFrobenius
        guard norm >= Scalar(sigmaFloor) else { return (Scalar(sigmaFloor), false) }
        direction.scale(by: 1 / norm)
        return (norm, true)
    }

    /// x ← x / max(‖x‖₂, 10⁻¹²).
    static func normalize<Scalar: LinalgScalar>(_ x: inout Matrix<Scalar>) {
        x.scale(by: 1 / Swift.max(x.normFrobenius, Scalar(normalizeFloor)))
    }
}
