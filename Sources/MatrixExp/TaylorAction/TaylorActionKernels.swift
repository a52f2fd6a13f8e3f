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
}
