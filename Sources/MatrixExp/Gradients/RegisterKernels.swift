import Linalg

/// The element-wise loops of the `MatrixProgramState` interpreters, on raw n×n column-major
/// storage: plain loops the optimizer vectorizes, with no call, reference count or bounds
/// check per entry (the small matrices of the HWNODE regime would otherwise drown in them).
enum RegisterKernels {
    /// o ← Σ_{j<k} c_j·s_j, k ≤ 5 terms, over `count` entries; with `accumulate`, o += instead.
    /// One pass over the output however many terms (T18's combinations of I, X, X², X³, X⁶ and,
    /// in the adjoint, each power's five contributions read each operand once and write once).
    @inline(__always)
    static func combine<Scalar: LinalgScalar>(
        _ o: UnsafeMutablePointer<Scalar>, count: Int, accumulate: Bool, terms k: Int,
        _ c: (Scalar, Scalar, Scalar, Scalar, Scalar),
        _ s: (UnsafePointer<Scalar>, UnsafePointer<Scalar>, UnsafePointer<Scalar>, UnsafePointer<Scalar>, UnsafePointer<Scalar>)
    ) {
        let (c0, c1, c2, c3, c4) = c
        let (s0, s1, s2, s3, s4) = s
        switch (k, accumulate) {
        case (1, false): for i in 0..<count { o[i] = c0 * s0[i] }
        case (1, true): for i in 0..<count { o[i] += c0 * s0[i] }
        case (2, false): for i in 0..<count { o[i] = c0 * s0[i] + c1 * s1[i] }
        case (2, true): for i in 0..<count { o[i] += c0 * s0[i] + c1 * s1[i] }
        case (3, false): for i in 0..<count { o[i] = c0 * s0[i] + c1 * s1[i] + c2 * s2[i] }
        case (3, true): for i in 0..<count { o[i] += c0 * s0[i] + c1 * s1[i] + c2 * s2[i] }
        case (4, false): for i in 0..<count { o[i] = c0 * s0[i] + c1 * s1[i] + c2 * s2[i] + c3 * s3[i] }
        case (4, true): for i in 0..<count { o[i] += c0 * s0[i] + c1 * s1[i] + c2 * s2[i] + c3 * s3[i] }
        case (_, false): for i in 0..<count { o[i] = c0 * s0[i] + c1 * s1[i] + c2 * s2[i] + c3 * s3[i] + c4 * s4[i] }
        case (_, true): for i in 0..<count { o[i] += c0 * s0[i] + c1 * s1[i] + c2 * s2[i] + c3 * s3[i] + c4 * s4[i] }
        }
    }

    /// Up to five (coefficient, operand) terms gathered for one `combine` pass.
    struct Terms<Scalar: LinalgScalar> {
        static var capacity: Int { 5 }
        private(set) var count = 0
        private(set) var coefficients: (Scalar, Scalar, Scalar, Scalar, Scalar) = (0, 0, 0, 0, 0)
        private(set) var operands: (UnsafePointer<Scalar>, UnsafePointer<Scalar>, UnsafePointer<Scalar>, UnsafePointer<Scalar>, UnsafePointer<Scalar>)

        /// Empty; unused slots point at `placeholder` (never read: `combine` reads `count` terms).
        init(placeholder: UnsafePointer<Scalar>) {
            operands = (placeholder, placeholder, placeholder, placeholder, placeholder)
        }

        var isFull: Bool { count == Self.capacity }

        mutating func append(_ c: Scalar, _ p: UnsafePointer<Scalar>) {
            switch count {
            case 0: coefficients.0 = c; operands.0 = p
            case 1: coefficients.1 = c; operands.1 = p
            case 2: coefficients.2 = c; operands.2 = p
            case 3: coefficients.3 = c; operands.3 = p
            default: coefficients.4 = c; operands.4 = p
            }
            count += 1
        }

        /// o ← (or +=) the gathered sum, then empty.
        mutating func flush(into o: UnsafeMutablePointer<Scalar>, count n: Int, accumulate: Bool) {
            RegisterKernels.combine(o, count: n, accumulate: accumulate, terms: count, coefficients, operands)
            count = 0
        }
    }

    /// o ← c·x, or o += c·x with `accumulate`.
    @inline(__always)
    static func axpy<Scalar: LinalgScalar>(
        _ o: UnsafeMutablePointer<Scalar>, _ c: Scalar, _ x: UnsafePointer<Scalar>, count: Int, accumulate: Bool
    ) {
        if accumulate {
            for i in 0..<count { o[i] += c * x[i] }
        } else {
            for i in 0..<count { o[i] = c * x[i] }
        }
    }

    /// o ← y + σ·z, or o += y + σ·z with `accumulate`.
    @inline(__always)
    static func addSigned<Scalar: LinalgScalar>(
        _ o: UnsafeMutablePointer<Scalar>, _ y: UnsafePointer<Scalar>, _ sigma: Scalar, _ z: UnsafePointer<Scalar>,
        count: Int, accumulate: Bool
    ) {
        if accumulate {
            for i in 0..<count { o[i] += y[i] + sigma * z[i] }
        } else {
            for i in 0..<count { o[i] = y[i] + sigma * z[i] }
        }
    }

    /// o ← c·xᵀ for n×n x (o and x distinct), in 16×16 tiles so that both sides stay in cache.
    static func transpose<Scalar: LinalgScalar>(
        _ x: UnsafePointer<Scalar>, scaledBy c: Scalar = 1, into o: UnsafeMutablePointer<Scalar>, size n: Int
    ) {
        let tile = 16
        var j0 = 0
        while j0 < n {
            let j1 = Swift.min(j0 + tile, n)
            var i0 = 0
            while i0 < n {
                let i1 = Swift.min(i0 + tile, n)
                if c == 1 {
                    for j in j0..<j1 {
                        for i in i0..<i1 { o[i + j * n] = x[j + i * n] }
                    }
                } else {
                    for j in j0..<j1 {
                        for i in i0..<i1 { o[i + j * n] = c * x[j + i * n] }
                    }
                }
                i0 = i1
            }
            j0 = j1
        }
    }

    /// ⟨Yᵀ, X⟩ = Σ_ij y_ji x_ij: the inner product of X with the matrix whose transpose is stored in y.
    static func dotTransposed<Scalar: LinalgScalar>(
        _ y: UnsafePointer<Scalar>, _ x: UnsafePointer<Scalar>, size n: Int
    ) -> Scalar {
        var s: Scalar = 0
        for j in 0..<n {
            for i in 0..<n { s += y[j + i * n] * x[i + j * n] }
        }
        return s
    }

    /// The trace of an n×n matrix.
    static func trace<Scalar: LinalgScalar>(_ x: UnsafePointer<Scalar>, size n: Int) -> Scalar {
        var s: Scalar = 0
        for i in 0..<n { s += x[i * (n + 1)] }
        return s
    }

    /// x += c·I.
    @inline(__always)
    static func addIdentity<Scalar: LinalgScalar>(_ x: UnsafeMutablePointer<Scalar>, _ c: Scalar, size n: Int) {
        for i in 0..<n { x[i * (n + 1)] += c }
    }

    /// ‖X‖₁, the largest column sum of |x_ij| (NaN if any column sum is NaN), as `Matrix.norm1`
    /// computes it: each column summed top to bottom, so the value is the same to the bit, but
    /// four columns at a time, so that four independent chains of additions overlap.
    static func norm1<Scalar: LinalgScalar>(_ x: UnsafePointer<Scalar>, size n: Int) -> Scalar {
        var best: Scalar = 0
        func take(_ s: Scalar) { if s > best || s.isNaN { best = s } }
        var j = 0
        while j + 4 <= n {
            let (c0, c1, c2, c3) = (x + j * n, x + (j + 1) * n, x + (j + 2) * n, x + (j + 3) * n)
            var (s0, s1, s2, s3): (Scalar, Scalar, Scalar, Scalar) = (0, 0, 0, 0)
            for i in 0..<n {
                s0 += abs(c0[i])
                s1 += abs(c1[i])
                s2 += abs(c2[i])
                s3 += abs(c3[i])
            }
            take(s0); take(s1); take(s2); take(s3)
            j += 4
        }
        while j < n {
            var s: Scalar = 0
            for i in 0..<n { s += abs(x[i + j * n]) }
            take(s)
            j += 1
        }
        return best
    }

    /// ‖X‖₁ of an n×n `Matrix` (`norm1(_:size:)` on its storage).
    static func norm1<Scalar: LinalgScalar>(_ x: Matrix<Scalar>) -> Scalar {
        x.storage.withUnsafeBufferPointer { norm1($0.baseAddress!, size: x.rows) }
    }

    /// Whether all `count` entries are finite: x·0 is 0 exactly when x is neither NaN nor ±∞, and
    /// a sum stays finite until it meets one. Four independent sums, so the loop is not bound by
    /// the latency of one chain of additions.
    static func isFinite<Scalar: LinalgScalar>(_ x: UnsafePointer<Scalar>, count: Int) -> Bool {
        var (s0, s1, s2, s3): (Scalar, Scalar, Scalar, Scalar) = (0, 0, 0, 0)
        var i = 0
        while i + 4 <= count {
            s0 += x[i] * 0
            s1 += x[i + 1] * 0
            s2 += x[i + 2] * 0
            s3 += x[i + 3] * 0
            i += 4
        }
        while i < count {
            s0 += x[i] * 0
            i += 1
        }
        return (s0 + s1) + (s2 + s3) == 0
    }

    /// o ← x over `count` entries, returning whether all are finite (the check of `isFinite` in
    /// the same pass).
    static func copy<Scalar: LinalgScalar>(
        _ x: UnsafePointer<Scalar>, into o: UnsafeMutablePointer<Scalar>, count: Int
    ) -> Bool {
        var (s0, s1, s2, s3): (Scalar, Scalar, Scalar, Scalar) = (0, 0, 0, 0)
        var i = 0
        while i + 4 <= count {
            (o[i], o[i + 1], o[i + 2], o[i + 3]) = (x[i], x[i + 1], x[i + 2], x[i + 3])
            s0 += x[i] * 0
            s1 += x[i + 1] * 0
            s2 += x[i + 2] * 0
            s3 += x[i + 3] * 0
            i += 4
        }
        while i < count {
            o[i] = x[i]
            s0 += x[i] * 0
            i += 1
        }
        return (s0 + s1) + (s2 + s3) == 0
    }

    /// Σ x_i y_i over `count` entries, in four independent partial sums.
    static func dot<Scalar: LinalgScalar>(_ x: UnsafePointer<Scalar>, _ y: UnsafePointer<Scalar>, count: Int) -> Scalar {
        var (s0, s1, s2, s3): (Scalar, Scalar, Scalar, Scalar) = (0, 0, 0, 0)
        var i = 0
        while i + 4 <= count {
            s0 += x[i] * y[i]
            s1 += x[i + 1] * y[i + 1]
            s2 += x[i + 2] * y[i + 2]
            s3 += x[i + 3] * y[i + 3]
            i += 4
        }
        while i < count {
            s0 += x[i] * y[i]
            i += 1
        }
        return (s0 + s1) + (s2 + s3)
    }
}
