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
            if formed < .cube { Matrix.multiply(a, w.p1, into: &w.p2) }
            if formed < .sixth { Matrix.multiply(w.p2, w.p2, into: &w.p3) }
            t18(a, scaledBy: 0, into: &result, workspace: w)
        }
    }

    /// Whether T18 at 2⁻ˢA can take its scaling in the coefficients (2⁻ᵏˢ on the Aᵏ term, k ≤ 6):
    /// true while 2⁻⁶ˢ times the smallest coefficient (≈ 2⁻¹⁷) stays well inside the normal range.
    static func t18FoldsScaling<Scalar: LinalgScalar>(squarings s: Int, as _: Scalar.Type) -> Bool {
        6 * s + 64 < -Int(Scalar.leastNormalMagnitude.exponent)
    }

    /// T18(2⁻ˢA) into `result` from A and its powers A², A³, A⁶ in the workspace (`p1`, `p2`,
    /// `p3`, all of the unscaled A): the scaling goes into the coefficients of the combinations,
    /// so neither A nor its powers are rescaled or copied. Requires `t18FoldsScaling`.
    func evaluateT18<Scalar: LinalgScalar>(
        unscaled a: Matrix<Scalar>, squarings s: Int, into result: inout Matrix<Scalar>,
        workspace w: OptimizedTaylorWorkspace<Scalar>
    ) {
        precondition(self == .t18 && Self.t18FoldsScaling(squarings: s, as: Scalar.self))
        t18(a, scaledBy: -s, into: &result, workspace: w)
    }

    /// T18(2ᵉA) from the powers in the workspace: the combinations, then the two products
    /// q91 = q31·q64 + q63 and T18 = q61 + (q62 + q91)·q91.
    private func t18<Scalar: LinalgScalar>(
        _ a: Matrix<Scalar>, scaledBy e: Int, into result: inout Matrix<Scalar>, workspace w: OptimizedTaylorWorkspace<Scalar>
    ) {
        t18Combinations(w.t18, a, scaledBy: e, into: &result, workspace: w)
        Matrix.multiply(w.q0, w.q4, beta: 1, into: &w.q3)
        w.q2.addInPlace(w.q3)
        Matrix.multiply(w.q2, w.q3, beta: 1, into: &result)
    }

    /// The five linear combinations of T18 over the basis (I, A, A², A³, A⁶), in one pass over
    /// the entries, so that each power is read once for all five (at n = 1024 that is 32 MB read
    /// instead of 160 MB): q31 → `w.q0`, q61 → `result`, q62 → `w.q2`, q63 → `w.q3`, q64 → `w.q4`.
    /// q31 has no I and no A⁶ term and q64 no I and no A term (`SchemeCoefficients.t18`).
    /// With `e` ≠ 0 the combinations are those of 2ᵉA from the powers of A: the coefficient of
    /// Aᵏ is multiplied by 2ᵏᵉ (exactly, while it stays normal: see `t18FoldsScaling`).
    private func t18Combinations<Scalar: LinalgScalar>(
        _ c: [[Scalar]], _ a: Matrix<Scalar>, scaledBy e: Int, into result: inout Matrix<Scalar>,
        workspace w: OptimizedTaylorWorkspace<Scalar>
    ) {
        let n = a.rows
        let (c31, c61, c62, c63, c64) = (c[0], c[1], c[2], c[3], c[4])
        let f1 = Scalar.powerOfTwo(e), f2 = Scalar.powerOfTwo(2 * e), f3 = Scalar.powerOfTwo(3 * e), f6 = Scalar.powerOfTwo(6 * e)
        let (a31, b31, d31) = (c31[1] * f1, c31[2] * f2, c31[3] * f3)
        let (a61, b61, d61, e61) = (c61[1] * f1, c61[2] * f2, c61[3] * f3, c61[4] * f6)
        let (a62, b62, d62, e62) = (c62[1] * f1, c62[2] * f2, c62[3] * f3, c62[4] * f6)
        let (a63, b63, d63, e63) = (c63[1] * f1, c63[2] * f2, c63[3] * f3, c63[4] * f6)
        let (b64, d64, e64) = (c64[2] * f2, c64[3] * f3, c64[4] * f6)
        a.storage.withUnsafeBufferPointer { x1 in
        w.p1.storage.withUnsafeBufferPointer { x2 in
        w.p2.storage.withUnsafeBufferPointer { x3 in
        w.p3.storage.withUnsafeBufferPointer { x6 in
        w.q0.storage.withUnsafeMutableBufferPointer { q31 in
        w.q4.storage.withUnsafeMutableBufferPointer { q64 in
        w.q3.storage.withUnsafeMutableBufferPointer { q63 in
        w.q2.storage.withUnsafeMutableBufferPointer { q62 in
        result.storage.withUnsafeMutableBufferPointer { q61 in
            for i in 0..<x1.count {
                let v1 = x1[i], v2 = x2[i], v3 = x3[i], v6 = x6[i]
                q31[i] = a31 * v1 + b31 * v2 + d31 * v3
                q61[i] = a61 * v1 + b61 * v2 + d61 * v3 + e61 * v6
                q62[i] = a62 * v1 + b62 * v2 + d62 * v3 + e62 * v6
                q63[i] = a63 * v1 + b63 * v2 + d63 * v3 + e63 * v6
                q64[i] = b64 * v2 + d64 * v3 + e64 * v6
            }
            for i in 0..<n {
                q61[i + i * n] += c61[0]
                q62[i + i * n] += c62[0]
                q63[i + i * n] += c63[0]
            }
        }}}}}}}}}
    }
}
