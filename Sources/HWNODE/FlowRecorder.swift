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

    /// Records P(Δt·Â) for `flow` with weights `weights` (ignored by `.taylor` and
    /// `.exponential`) and writes it into `value`. T_K and exp go through the tape's
    /// allocation-free entry point (`forward(_:dt:method:tolerance:into:)` with `.taylorFixed` or
    /// `.pade`; T_K by the same Paterson–Stockmeyer program as `forwardPowerSeries` with 1/k!);
    /// the learned flows build their program from the weights on each call.
    func record(
        _ flow: HWNODEFlow, normalizedGenerator a: Matrix<Scalar>, dt: Scalar, weights: [Scalar],
        into value: inout Matrix<Scalar>
    ) throws(HWNODEError) {
        do {
            switch flow {
            case .taylor(let k):
                _ = try tape.forward(a, dt: dt, method: .taylorFixed(order: k), into: &value)
            case .learnedTaylor:
                value = try tape.forwardPowerSeries(a, weights: weights, dt: dt)
            case .learnedChebyshev:
                value = try tape.forwardChebyshev(a, weights: weights, dt: dt)
            case .exponential:
                _ = try tape.forward(a, dt: dt, method: .pade, into: &value)
            }
        } catch {
            throw .flow(error)
        }
    }
}
