/// How the generator A is normalised before the flow: M = Δt·A/σ.
public enum HWNODENormalization: String, Sendable, CaseIterable, Codable {
    /// σ = ‖A v‖₂ after one power-iteration step on persistent buffers u, v per training-mode
    /// forward pass (v ← normalize(Aᵀu), u ← normalize(A v)); u, v carry no gradient, σ does
    /// (through A); evaluation mode leaves u, v as they are. The reference trainer's choice
    /// (`bytegpt.py` `HWNode.sigma`, research/hwnode-reference.md §4a, §4c).
    case powerIteration
    /// σ = σ₁(A) from the SVD (`Parametrizations.ExactSpectralNormalization`), so ‖A/σ‖₂ = 1
    /// exactly, at the cost of an n×n SVD per forward pass.
    case exact
    /// σ = 1: M = Δt·A.
    case none
}
