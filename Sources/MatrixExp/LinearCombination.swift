import Linalg

/// The linear combinations c₀I + Σ cᵢXᵢ that the Padé and optimized-Taylor evaluations form from
/// powers of A, each written in one pass over the entries.
///
/// Built from `add(_:scaledBy:)` and `addIdentity`, one combination of three terms is a copy, a
/// scaling and two `?axpy` calls: four passes over memory and four BLAS dispatches. At n = 16
/// those dispatches cost more than the arithmetic; at n = 1024 the passes cost memory traffic
/// (8 MB per matrix). One fused loop does the same arithmetic in one pass, allocating nothing.
/// (T18's five combinations share one pass: `OptimizedTaylorScheme.t18Combinations`.)
extension Matrix {
    /// self ← c₁X₁ + c₂X₂ + c₃X₃ + c₀I. All four matrices must be square and of one size; self
    /// must not share storage with an operand (it never does: they are distinct workspace buffers).
    mutating func assignCombination(
        _ c1: Scalar, _ x1: Matrix, _ c2: Scalar, _ x2: Matrix, _ c3: Scalar, _ x3: Matrix, identity c0: Scalar
    ) {
        precondition(storage.count == x1.storage.count && storage.count == x2.storage.count
                     && storage.count == x3.storage.count, "assignCombination: shapes differ")
        let n = rows
        storage.withUnsafeMutableBufferPointer { o in
            x1.storage.withUnsafeBufferPointer { p1 in
                x2.storage.withUnsafeBufferPointer { p2 in
                    x3.storage.withUnsafeBufferPointer { p3 in
                        for i in 0..<o.count { o[i] = c1 * p1[i] + c2 * p2[i] + c3 * p3[i] }
                    }
                }
            }
            for i in 0..<n { o[i + i * n] += c0 }
        }
    }

    /// sum ← V + U and difference ← V − U in one pass (the numerator and denominator of a Padé
    /// approximant, Higham 2005, eq. (2.9)).
    static func sumAndDifference(_ v: Matrix, _ u: Matrix, sum: inout Matrix, difference: inout Matrix) {
        precondition(v.storage.count == u.storage.count && sum.storage.count == v.storage.count
                     && difference.storage.count == v.storage.count, "sumAndDifference: shapes differ")
        v.storage.withUnsafeBufferPointer { pv in
            u.storage.withUnsafeBufferPointer { pu in
                sum.storage.withUnsafeMutableBufferPointer { ps in
                    difference.storage.withUnsafeMutableBufferPointer { pd in
                        for i in 0..<pv.count {
                            ps[i] = pv[i] + pu[i]
                            pd[i] = pv[i] - pu[i]
                        }
                    }
                }
            }
        }
    }

    /// self ← self + X (one pass, no BLAS dispatch: the scheme's small sums).
    mutating func addInPlace(_ x: Matrix) {
        precondition(storage.count == x.storage.count, "addInPlace: shapes differ")
        storage.withUnsafeMutableBufferPointer { o in
            x.storage.withUnsafeBufferPointer { p in
                for i in 0..<o.count { o[i] += p[i] }
            }
        }
    }

    /// self ← 2ᵉ·self, exactly (barring underflow of the entries themselves): the factor is
    /// applied in pieces that stay normal, so that e.g. 2⁻⁶ˢ for A⁶ never underflows to zero
    /// in `Float` where the scaled entries would not.
    mutating func scaleByPowerOfTwo(_ e: Int) {
        guard e != 0 else { return }
        let step = Int(Scalar.leastNormalMagnitude.exponent)   // 2^step is the smallest normal power of two
        var remaining = e
        while remaining != 0 {
            let piece = remaining < 0 ? Swift.max(remaining, step) : Swift.min(remaining, -step)
            let factor = Scalar(sign: .plus, exponent: Scalar.Exponent(piece), significand: 1)
            storage.withUnsafeMutableBufferPointer { o in
                for i in 0..<o.count { o[i] *= factor }
            }
            remaining -= piece
        }
    }
}
