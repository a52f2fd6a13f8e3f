import Linalg
import Parametrizations

extension HWNODEBlock {
    /// What `backward` needs from one forward pass: the input, every virtual layer's
    /// intermediates, the flow and readout, the parameter values and the normalization's data.
    /// Holding it costs no copy (the matrices are shared with the block's workspace until the next
    /// forward pass writes there, which then takes fresh storage).
    public struct Cache {
        /// h_0, d×T.
        let input: Matrix<Scalar>
        /// a_l, z_l, c_l and h_{l+1} for l = 0 … L−1 (see `HWNODEWorkspace`).
        let inputPreactivations: [Matrix<Scalar>]
        let states: [Matrix<Scalar>]
        let outputPreactivations: [Matrix<Scalar>]
        let outputs: [Matrix<Scalar>]
        /// W_in and W_out as the pass used them.
        let inputWeight: Matrix<Scalar>
        let outputWeight: Matrix<Scalar>
        /// P(M), n×n.
        public let flow: Matrix<Scalar>
        /// R = W_out P, d×n.
        let readout: Matrix<Scalar>
        /// A as the pass used it.
        let generator: Matrix<Scalar>
        /// σ of this pass (1 without normalization).
        public let sigma: Scalar
        let normalization: NormalizationRecord
        /// The tape that recorded P (and that no later pass records on while this cache lives).
        let recorder: FlowRecorder<Scalar>

        /// T, the number of tokens (columns).
        public var tokens: Int { input.columns }
    }

    /// What the pullback through σ needs.
    enum NormalizationRecord {
        /// σ = 1.
        case none
        /// σ = max(‖A v‖₂, 10⁻⁸) with v constant; `direction` is û = A v/‖A v‖₂, nil where the clamp
        /// is active (σ does not depend on A there).
        case powerIteration(direction: Matrix<Scalar>?, v: Matrix<Scalar>)
        /// σ = σ₁(A), with the SVD's tape.
        case exact(ExactSpectralNormalization<Scalar>.Tape)
    }
}
