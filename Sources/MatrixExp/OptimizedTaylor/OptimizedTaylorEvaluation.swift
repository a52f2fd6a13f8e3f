import Linalg

extension OptimizedTaylorScheme {
    /// Writes the scheme's polynomial y(A) (≈ T_m(A)) into `result` using exactly `products`
    /// matrix products (GEMM into the workspace's buffers, no allocation once the workspace and
    /// `result` have the operand's size; `result` is resized if it has the wrong shape).
    ///
    /// The scheme computes its own powers A², A³ (or A⁴), A⁶. It does not scale A: choosing the
    /// scheme and the scaling 2^{−s} from ‖A‖ and `BackwardError.theta(.scheme(self), …)` is the
    /// caller's job. Non-finite entries propagate; checking for them is also the caller's job.
    ///
    /// Throws `LinalgError.dimensionMismatch` if `a` is not square.
    public func evaluate<Scalar: LinalgScalar>(
        _ a: Matrix<Scalar>, into result: inout Matrix<Scalar>, workspace w: OptimizedTaylorWorkspace<Scalar>
    ) throws(LinalgError) {
        guard a.isSquare else {
            throw .dimensionMismatch("optimized Taylor scheme \(self) needs a square matrix, got \(a.rows)×\(a.columns)")
        }
        let n = a.rows
        if result.rows != n || result.columns != n { result = Matrix(rows: n, columns: n) }
        w.prepare(size: n)
        evaluate(a, formedPowers: .none, into: &result, workspace: w)
    }

    /// The powers of A that a caller has already placed in the workspace: A² in `p1`, then A³
    /// in `p2` (T12, T18), then A⁶ in `p3` (T18). `AutomaticTaylor` forms them before it chooses
    /// the scheme (their norms give d₂, d₃), so the scheme must not form them again.
    enum FormedPowers: Int, Comparable {
        case none = 0, square, cube, sixth

        static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    }

    /// The products `evaluate(_:formedPowers:into:workspace:)` performs given `formed`.
    func remainingProducts(formedPowers formed: FormedPowers) -> Int {
        switch self {
        case .t1: return 0
        case .t2, .t4, .t8: return products - (formed >= .square ? 1 : 0)
        case .t12: return products - Swift.min(formed.rawValue, 2)
        case .t18: return products - formed.rawValue
        }
    }

    /// `evaluate(_:into:workspace:)` for a `result` and workspace already of a's size, with the
    /// powers in `formed` taken from the workspace instead of recomputed.
    func evaluate<Scalar: LinalgScalar>(
        _ a: Matrix<Scalar>, formedPowers formed: FormedPowers, into result: inout Matrix<Scalar>,
        workspace w: OptimizedTaylorWorkspace<Scalar>
    ) {
        if self != .t1, formed < .square { Matrix.multiply(a, a, into: &w.p1) }
        switch self {
        case .t1:
            // I + A.
            result.assign(a)
            result.addIdentity(scaledBy: 1)
        case .t2:
            // I + A + A²/2 (1 product).
            result.assignCombination(1, a, 0.5, w.p1, 0, w.p1, identity: 1)
        case .t4:
            // I + A + A²(I/2 + A/6 + A²/24) (2 products).
            let c = w.t4
            w.q0.assignCombination(c[1], a, c[2], w.p1, 0, w.p1, identity: c[0])
            result.assign(a)
            result.addIdentity(scaledBy: 1)
            Matrix.multiply(w.p1, w.q0, beta: 1, into: &result)
        case .t8:
            // A4 = A²(x1 A + x2 A²); T8 = I + A + y2 A² + (x3 A² + A4)(x4 I + x5 A + x6 A² + x7 A4) (3 products).
            let c = w.t8
            w.q0.assignCombination(c[0], a, c[1], w.p1, 0, w.p1, identity: 0)
            Matrix.multiply(w.p1, w.q0, into: &w.p2)
            w.q1.assignCombination(1, w.p2, c[2], w.p1, 0, w.p1, identity: 0)
            w.q2.assignCombination(c[6], w.p2, c[5], w.p1, c[4], a, identity: c[3])
            result.assignCombination(1, a, c[7], w.p1, 0, w.p1, identity: 1)
            Matrix.multiply(w.q1, w.q2, beta: 1, into: &result)
        case .t12:
            // q61 = q33 + q34²; T12 = q31 + (q32 + q61)·q61 (4 products).
            let c = w.t12
            if formed < .cube { Matrix.multiply(a, w.p1, into: &w.p2) }
            w.q2.assignCombination(c[2][1], a, c[2][2], w.p1, c[2][3], w.p2, identity: c[2][0])
            w.q3.assignCombination(c[3][1], a, c[3][2], w.p1, c[3][3], w.p2, identity: c[3][0])
            Matrix.multiply(w.q3, w.q3, beta: 1, into: &w.q2)
            w.q1.assignCombination(c[1][1], a, c[1][2], w.p1, c[1][3], w.p2, identity: c[1][0])
            w.q1.addInPlace(w.q2)
            result.assignCombination(c[0][1], a, c[0][2], w.p1, c[0][3], w.p2, identity: c[0][0])
            Matrix.multiply(w.q1, w.q2, beta: 1, into: &result)
        case .t18:
            // q91 = q31·q64 + q63; T18 = q61 + (q62 + q91)·q91 (5 products).
            let c = w.t18
            if formed < .cube { Matrix.multiply(a, w.p1, into: &w.p2) }
            if formed < .sixth { Matrix.multiply(w.p2, w.p2, into: &w.p3) }
            func combine(_ row: [Scalar], into out: inout Matrix<Scalar>) {
                out.assignCombination(row[1], a, row[2], w.p1, row[3], w.p2, row[4], w.p3, identity: row[0])
            }
            // q31 has no I and no A⁶ term, q64 no I and no A term (`SchemeCoefficients.t18`).
            w.q0.assignCombination(c[0][1], a, c[0][2], w.p1, c[0][3], w.p2, identity: 0)
            w.q4.assignCombination(c[4][2], w.p1, c[4][3], w.p2, c[4][4], w.p3, identity: 0)
            combine(c[3], into: &w.q3)
            Matrix.multiply(w.q0, w.q4, beta: 1, into: &w.q3)
            combine(c[2], into: &w.q2)
            w.q2.addInPlace(w.q3)
            combine(c[1], into: &result)
            Matrix.multiply(w.q2, w.q3, beta: 1, into: &result)
        }
    }
}
