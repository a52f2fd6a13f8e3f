import Linalg

/// The vector passes of one Taylor term, fused so that a term costs one application of A and
/// one pass over the vectors (SciPy's `expm_multiply` makes about five: the product, the
/// scaling, two ∞-norms and the sum, each a fresh array). Specialized for `Float` and `Double`.
///
/// A term of AMH's Algorithm 3.2 is b ← c·(A − μI)b with c = ±(t/s)/j, then F ← F + b, and the
/// early-termination test needs ‖b‖∞ and ‖F‖∞. NaN is not propagated into the returned maxima
/// (the caller checks the finished vectors for NaN/Inf instead).
enum TaylorActionKernels {
    /// y ← c·(y − μ·x) (y holds A·x on entry); returns ‖y‖∞.
    @_specialize(where T == Double)
    @_specialize(where T == Float)
    static func shiftScale<T: LinalgScalar>(
        _ c: T, shift mu: T, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, count n: Int
    ) -> T {
        var m: T = 0
        for i in 0..<n {
            let yi = c * (y[i] - mu * x[i])
            y[i] = yi
            m = Swift.max(m, abs(yi))
        }
        return m
    }

    /// y ← c·(y − μ·x) and F ← F + y in one pass (y holds A·x on entry); returns (‖y‖∞, ‖F‖∞).
    @_specialize(where T == Double)
    @_specialize(where T == Float)
    static func shiftScaleAccumulate<T: LinalgScalar>(
        _ c: T, shift mu: T, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, into f: UnsafeMutablePointer<T>, count n: Int
    ) -> (term: T, sum: T) {
        var my: T = 0, mf: T = 0
        for i in 0..<n {
            let yi = c * (y[i] - mu * x[i])
            y[i] = yi
            let fi = f[i] + yi
            f[i] = fi
            my = Swift.max(my, abs(yi))
            mf = Swift.max(mf, abs(fi))
        }
        return (my, mf)
    }

    /// F ← F + c·y; returns ‖F‖∞.
    @_specialize(where T == Double)
    @_specialize(where T == Float)
    static func accumulate<T: LinalgScalar>(_ c: T, _ y: UnsafePointer<T>, into f: UnsafeMutablePointer<T>, count n: Int) -> T {
        var m: T = 0
        for i in 0..<n {
            let fi = f[i] + c * y[i]
            f[i] = fi
            m = Swift.max(m, abs(fi))
        }
        return m
    }

    /// y ← x (a plain loop the specializations turn into a copy; `update(from:count:)` called from
    /// the plan's unspecialized generic code goes through the value witness per entry).
    @_specialize(where T == Double)
    @_specialize(where T == Float)
    static func copy<T: LinalgScalar>(_ x: UnsafePointer<T>, into y: UnsafeMutablePointer<T>, count n: Int) {
        for i in 0..<n { y[i] = x[i] }
    }

    /// y ← y − μ·x (the shift in the 1-norm estimator's block products).
    @_specialize(where T == Double)
    @_specialize(where T == Float)
    static func subtractScaled<T: LinalgScalar>(_ mu: T, _ x: UnsafePointer<T>, from y: UnsafeMutablePointer<T>, count n: Int) {
        for i in 0..<n { y[i] -= mu * x[i] }
    }

    /// x ← c·x.
    @_specialize(where T == Double)
    @_specialize(where T == Float)
    static func scale<T: LinalgScalar>(_ c: T, _ x: UnsafeMutablePointer<T>, count n: Int) {
        for i in 0..<n { x[i] *= c }
    }

    /// The whole term for a CSR operator in one pass over its rows:
    /// y_i ← c·((A·x)_i − μ·x_i), and F_i ← F_i + y_i when F is given; returns (‖y‖∞, ‖F‖∞)
    /// (‖F‖∞ = 0 without F). x and y must not overlap.
    @_specialize(where T == Double)
    @_specialize(where T == Float)
    static func csrTerm<T: LinalgScalar>(
        rows n: Int, rowPointers rp: UnsafePointer<Int>, columnIndices ci: UnsafePointer<Int>, values a: UnsafePointer<T>,
        _ c: T, shift mu: T, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, into f: UnsafeMutablePointer<T>?
    ) -> (term: T, sum: T) {
        var my: T = 0, mf: T = 0
        var start = rp[0]
        if let f {
            for i in 0..<n {
                let end = rp[i + 1]
                var s: T = 0
                var k = start
                while k < end { s += a[k] * x[ci[k]]; k += 1 }
                start = end
                let yi = c * (s - mu * x[i])
                y[i] = yi
                let fi = f[i] + yi
                f[i] = fi
                my = Swift.max(my, abs(yi))
                mf = Swift.max(mf, abs(fi))
            }
        } else {
            for i in 0..<n {
                let end = rp[i + 1]
                var s: T = 0
                var k = start
                while k < end { s += a[k] * x[ci[k]]; k += 1 }
                start = end
                let yi = c * (s - mu * x[i])
                y[i] = yi
                my = Swift.max(my, abs(yi))
            }
        }
        return (my, mf)
    }

    /// ‖x‖∞.
    @_specialize(where T == Double)
    @_specialize(where T == Float)
    static func maxAbs<T: LinalgScalar>(_ x: UnsafePointer<T>, count n: Int) -> T {
        var m: T = 0
        for i in 0..<n { m = Swift.max(m, abs(x[i])) }
        return m
    }

    /// Whether every entry is finite.
    @_specialize(where T == Double)
    @_specialize(where T == Float)
    static func allFinite<T: LinalgScalar>(_ x: UnsafePointer<T>, count n: Int) -> Bool {
        var s: T = 0
        for i in 0..<n { s += x[i] * 0 }   // 0·x is 0 for finite x, NaN for ±Inf and NaN
        return s == 0
    }

    /// The diagonal of a CSR matrix (zeros where no entry is stored; duplicates summed).
    @_specialize(where T == Double)
    @_specialize(where T == Float)
    static func csrDiagonal<T: LinalgScalar>(
        rows n: Int, rowPointers rp: UnsafePointer<Int>, columnIndices ci: UnsafePointer<Int>, values a: UnsafePointer<T>
    ) -> [Double] {
        var d = [Double](repeating: 0, count: n)
        for i in 0..<n {
            for k in rp[i]..<rp[i + 1] where ci[k] == i { d[i] += Double(a[k]) }
        }
        return d
    }

    /// ‖A − μI‖₁ of a CSR matrix: column sums, with |a_jj − μ| for the stored diagonal and |μ|
    /// for a column without one.
    @_specialize(where T == Double)
    @_specialize(where T == Float)
    static func csrShiftedNorm1<T: LinalgScalar>(
        rows n: Int, columns: Int, rowPointers rp: UnsafePointer<Int>, columnIndices ci: UnsafePointer<Int>,
        values a: UnsafePointer<T>, shift mu: Double
    ) -> Double {
        var sums = [Double](repeating: abs(mu), count: columns)
        for i in 0..<n {
            for k in rp[i]..<rp[i + 1] {
                let j = ci[k]
                if j == i {
                    sums[j] += abs(Double(a[k]) - mu) - abs(mu)   // replaces the |μ| placeholder
                } else {
                    sums[j] += abs(Double(a[k]))
                }
            }
        }
        return sums.max() ?? 0
    }

    /// ‖A − μI‖₁ of a dense column-major n × n matrix.
    @_specialize(where T == Double)
    @_specialize(where T == Float)
    static func denseShiftedNorm1<T: LinalgScalar>(_ a: UnsafePointer<T>, size n: Int, shift mu: Double) -> Double {
        var best = 0.0
        for j in 0..<n {
            var s = 0.0
            for i in 0..<n { s += abs(Double(a[i + j * n]) - (i == j ? mu : 0)) }
            best = Swift.max(best, s)
        }
        return best
    }
}
