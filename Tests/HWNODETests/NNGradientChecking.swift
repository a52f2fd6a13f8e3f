import Linalg
import HWNODE

/// Central-difference checks of the NN kit's backward passes, in Double.
///
/// The test loss is L = Σ R ⊙ y with a fixed random cotangent R, so backward(R) must return
/// ∂L/∂x and add ∂L/∂θ into every parameter. Each entry is perturbed by ±h with h = 1e-5:
/// the truncation error h²·|f‴|/6 ≈ 1e-11 and the rounding error u·|L|/h ≈ 1e-10 are both far
/// below the 1e-7 relative (norm-wise) bar the checks use.
enum NNGradientCheck {
    static let step = 1e-5

    /// Relative norm-wise errors ‖g_fd − g‖/‖g‖ of the input gradient (key "input") and of every
    /// parameter gradient (keyed by parameter name).
    ///
    /// `run(layer, input, cotangent)` must run forward on `input`, return L = Σ R ⊙ y and, when
    /// `cotangent` is non-nil, run backward with it and return ∂L/∂x.
    static func relativeErrors<Layer: ParameterContainer>(
        layer: Layer, input: Matrix<Double>,
        run: (inout Layer, Matrix<Double>, Bool) -> (loss: Double, inputGradient: Matrix<Double>?)
    ) -> [String: Double] where Layer.Scalar == Double {
        var analytic = layer
        analytic.zeroGradients()
        let inputGradient = run(&analytic, input, true).inputGradient
        var errors: [String: Double] = [:]
        if let inputGradient {
            var numeric = Matrix<Double>(rows: input.rows, columns: input.columns)
            for i in input.storage.indices {
                var plus = input, minus = input
                plus.storage[i] += step
                minus.storage[i] -= step
                var a = layer, b = layer
                numeric.storage[i] = (run(&a, plus, false).loss - run(&b, minus, false).loss) / (2 * step)
            }
            errors["input"] = relativeError(numeric.storage, inputGradient.storage)
        }
        var analyticGradients: [String: [Double]] = [:]
        analytic.visitParameters { analyticGradients[$0.name] = $0.gradient.storage }
        var probe = layer
        var names: [String] = []
        var counts: [Int] = []
        probe.visitParameters { names.append($0.name); counts.append($0.count) }
        for (index, name) in names.enumerated() {
            var numeric = [Double](repeating: 0, count: counts[index])
            for entry in 0..<counts[index] {
                func perturbed(_ delta: Double) -> Double {
                    var copy = layer
                    var position = 0
                    copy.visitParameters { p in
                        if position == index { p.value.storage[entry] += delta }
                        position += 1
                    }
                    return run(&copy, input, false).loss
                }
                numeric[entry] = (perturbed(step) - perturbed(-step)) / (2 * step)
            }
            errors[name] = relativeError(numeric, analyticGradients[name]!)
        }
        return errors
    }

    /// ‖a − b‖₂ / ‖b‖₂.
    static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
        var difference = 0.0, norm = 0.0
        for i in a.indices {
            difference += (a[i] - b[i]) * (a[i] - b[i])
            norm += b[i] * b[i]
        }
        return (difference / norm).squareRoot()
    }

    /// Σ R ⊙ Y.
    static func pairing(_ r: Matrix<Double>, _ y: Matrix<Double>) -> Double {
        precondition(r.rows == y.rows && r.columns == y.columns)
        var s = 0.0
        for i in r.storage.indices { s += r.storage[i] * y.storage[i] }
        return s
    }

    /// A seeded N(0, 1) matrix.
    static func gaussian(_ rows: Int, _ columns: Int, seed: UInt64) -> Matrix<Double> {
        var rng = SplitMix64(seed: seed)
        return Matrix.randomGaussian(rows: rows, columns: columns, using: &rng)
    }
}

/// A container without parameters, for checking functions of the input alone (the loss).
struct NoParameters: ParameterContainer {
    mutating func visitParameters(_ body: (inout Parameter<Double>) throws -> Void) rethrows {}
}

/// max |a − b| / max |b|, for forward passes against a reference.
func relativeDeviation(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Double {
    precondition(a.rows == b.rows && a.columns == b.columns)
    let scale = b.storage.map(abs).max()!
    return zip(a.storage, b.storage).map { abs($0 - $1) }.max()! / scale
}
