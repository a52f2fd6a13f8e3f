import Linalg
import MatrixExp

/// The `ExpmTape` that records a block's flow P(M) for the backward pass.
///
/// A forward pass's cache keeps a reference to the recorder that holds its recording; the block
/// records only on a recorder nobody else references (`isKnownUniquelyReferenced`) and makes a new
/// one otherwise, so a live cache's recording is never overwritten — by a later forward pass, an
/// evaluation pass, or a copy of the block.
final class FlowRecorder<Scalar: LinalgScalar> {
    let tape: ExpmTape<Scalar>

    init(size n: Int) {
        tape = ExpmTape(size: n)
    }

    /// Records P(Δt·Â) for `flow` with weights `weights` (ignored by `.exponential`) and returns it.
    func record(
        _ flow: HWNODEFlow, normalizedGenerator a: Matrix<Scalar>, dt: Scalar, weights: [Scalar]
    ) throws(HWNODEError) -> Matrix<Scalar> {
        do {
            switch flow {
            case .taylor, .learnedTaylor:
                return try tape.forwardPowerSeries(a, weights: weights, dt: dt)
            case .learnedChebyshev:
                return try tape.forwardChebyshev(a, weights: weights, dt: dt)
            case .exponential:
                return try tape.forward(a, dt: dt, method: .pade).value
            }
        } catch {
            throw .flow(error)
        }
    }
}
