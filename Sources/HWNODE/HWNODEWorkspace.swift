import Linalg
import MatrixExp

/// The buffers of one block's forward and backward passes and the tape of its flow, sized once for
/// a token count and reused by every later call with that count.
///
/// The forward pass writes its intermediates here and hands them to its cache by value (a
/// reference count, not a copy). Once the caller has dropped the cache (normally right after
/// the backward pass) the buffers are uniquely referenced again and the next pass overwrites them
/// in place; while a cache is alive, Swift's copy-on-write gives the next pass fresh storage, so
/// a cache never changes under its holder.
///
/// A class, so that a temporary copy of the block (an enum payload bound with `case .x(var
/// block)`, a local copy written back) shares these buffers instead of forcing copies of them.
/// Copies of a block therefore share one workspace: run them on one thread at a time.
final class HWNODEWorkspace<Scalar: LinalgScalar> {
    /// The token count T the per-token buffers are sized for (−1: not yet sized).
    private(set) var tokens = -1

    // Forward, per virtual layer l = 0 … L−1.
    /// a_l = W_in h_l, n×T.
    var inputPreactivations: [Matrix<Scalar>] = []
    /// z_l = φ(a_l), n×T.
    var states: [Matrix<Scalar>] = []
    /// c_l = R z_l with R = W_out P, d×T.
    var outputPreactivations: [Matrix<Scalar>] = []
    /// h_{l+1} = ψ(c_l), d×T.
    var outputs: [Matrix<Scalar>] = []

    // Forward, once per call.
    /// Â = A/σ, n×n.
    var normalizedGenerator: Matrix<Scalar>
    /// P(M), n×n.
    var flow: Matrix<Scalar>
    /// R = W_out P, d×n.
    var readout: Matrix<Scalar>
    /// û = A v/‖A v‖₂ of the power iteration, n×1.
    var sigmaDirection: Matrix<Scalar>

    // Backward.
    /// ∂/∂c_l, d×T.
    var outputPreactivationGradient = Matrix<Scalar>(rows: 0, columns: 0)
    /// ∂/∂z_l, n×T.
    var stateGradient = Matrix<Scalar>(rows: 0, columns: 0)
    /// ∂/∂a_l, n×T.
    var inputPreactivationGradient = Matrix<Scalar>(rows: 0, columns: 0)
    /// ∂/∂h_l, d×T (∂/∂input after the last layer).
    var inputGradient = Matrix<Scalar>(rows: 0, columns: 0)
    /// ∂/∂R, d×n.
    var readoutGradient: Matrix<Scalar>
    /// ∂/∂P, n×n.
    var flowGradient: Matrix<Scalar>
    /// ∂/∂Â (then ∂/∂A in place), ∂/∂Δt and ∂/∂w from the flow's tape.
    var flowCotangents: ExpmCotangents<Scalar>

    /// The tape of the last flow; replaced by a new one while a cache still holds it.
    var recorder: FlowRecorder<Scalar>

    private let width: Int, stateSize: Int, layers: Int

    init(_ configuration: HWNODEConfiguration) {
        (width, stateSize, layers) = (configuration.width, configuration.stateSize, configuration.virtualLayers)
        normalizedGenerator = Matrix(rows: stateSize, columns: stateSize)
        flow = Matrix(rows: stateSize, columns: stateSize)
        readout = Matrix(rows: width, columns: stateSize)
        sigmaDirection = Matrix(rows: stateSize, columns: 1)
        readoutGradient = Matrix(rows: width, columns: stateSize)
        flowGradient = Matrix(rows: stateSize, columns: stateSize)
        flowCotangents = ExpmCotangents(size: stateSize)
        recorder = FlowRecorder(size: stateSize)
    }

    /// Sizes the per-token buffers for T tokens (a no-op when they already are).
    func prepare(tokens t: Int) {
        guard t != tokens else { return }
        tokens = t
        let (d, n) = (width, stateSize)
        inputPreactivations = (0..<layers).map { _ in Matrix(rows: n, columns: t) }
        states = (0..<layers).map { _ in Matrix(rows: n, columns: t) }
        outputPreactivations = (0..<layers).map { _ in Matrix(rows: d, columns: t) }
        outputs = (0..<layers).map { _ in Matrix(rows: d, columns: t) }
        outputPreactivationGradient = Matrix(rows: d, columns: t)
        stateGradient = Matrix(rows: n, columns: t)
        inputPreactivationGradient = Matrix(rows: n, columns: t)
        inputGradient = Matrix(rows: d, columns: t)
    }
}
