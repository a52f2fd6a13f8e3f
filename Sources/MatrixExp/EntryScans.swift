import Linalg

/// The two whole-matrix scans `expm` runs on every call — is every entry finite, and ‖A‖₁ — as
/// loops over the raw entries in this module, so that they are specialized for `Double` and
/// `Float` where `expm` is. (Measured with `perf` at n = 16: `Matrix.isFinite` and `Matrix.norm1`
/// reached from here called `Double.isFinite` and `Int.==` through protocol witnesses, about 6%
/// of a call.)
extension Matrix {
    /// Whether no entry is NaN or ±∞: x·0 is NaN exactly for those, and four partial sums let the
    /// compiler vectorize the scan.
    var entriesAreFinite: Bool {
        storage.withUnsafeBufferPointer { p in
            var s0: Scalar = 0, s1: Scalar = 0, s2: Scalar = 0, s3: Scalar = 0
            let count = p.count, whole = count - count % 4
            var i = 0
            while i < whole {
                s0 += p[i] * 0; s1 += p[i + 1] * 0; s2 += p[i + 2] * 0; s3 += p[i + 3] * 0
                i += 4
            }
            while i < count { s0 += p[i] * 0; i += 1 }
            return !(s0 + s1 + s2 + s3).isNaN
        }
    }

    /// ‖A‖₁ = max_j Σ_i |a_ij| (NaN if an entry is NaN, +∞ if one is infinite), each column summed
    /// in four interleaved partial sums (vectorizable; the rounding differs from a left-to-right
    /// sum by at most the usual n·u bound).
    var largestAbsoluteColumnSum: Scalar {
        let n = rows, whole = rows - rows % 4
        return storage.withUnsafeBufferPointer { p in
            var largest: Scalar = 0
            for j in 0..<columns {
                let column = j * n
                var s0: Scalar = 0, s1: Scalar = 0, s2: Scalar = 0, s3: Scalar = 0
                var i = 0
                while i < whole {
                    s0 += abs(p[column + i]); s1 += abs(p[column + i + 1])
                    s2 += abs(p[column + i + 2]); s3 += abs(p[column + i + 3])
                    i += 4
                }
                while i < n { s0 += abs(p[column + i]); i += 1 }
                let sum = (s0 + s1) + (s2 + s3)
                if sum > largest || sum.isNaN { largest = sum }
            }
            return largest
        }
    }
}
