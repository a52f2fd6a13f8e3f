import Linalg

/// The diagonal Padé approximant r_m(A) = q_m(A)⁻¹ p_m(A) to exp(A), m ∈ {3, 5, 7, 9, 13},
/// evaluated as in Higham (2005), "The scaling and squaring method for the matrix exponential
/// revisited", SIAM J. Matrix Anal. Appl. 26(4), §2, eqs. (2.9)–(2.10):
///
///     p_m(A) = U + V,  q_m(A) = −U + V,  U = A·Σ_k b_{2k+1} A^{2k},  V = Σ_k b_{2k} A^{2k},
///
/// so that one product forms U from the even powers (three for m = 13, with the split of
/// eq. (2.10)), and r_m solves (−U + V)·R = U + V with one LU factorization.
enum PadeApproximant {
    /// Degrees the algorithm chooses from.
    static let degrees = [3, 5, 7, 9, 13]

    /// Matrix products to evaluate r_m from A (powers A², A⁴, A⁶, [A⁸] included).
    static func products(degree m: Int) -> Int {
        switch m {
        case 3: return 2
        case 5: return 3
        case 7: return 4
        case 9: return 5
        default: return 6
        }
    }

    /// Highest even power of A that degree m needs (A², A⁴ or A⁶; m = 9 forms A⁸ from A⁴·A⁴).
    static func evenPowersNeeded(degree m: Int) -> Int {
        switch m {
        case 3: return 2
        case 5: return 4
        default: return 6
        }
    }

    /// Overwrites `w.x` with r_m(w.a), given w.a2 (and w.a4, w.a6 as `evenPowersNeeded` says)
    /// already formed from w.a. Uses w.u, w.v, w.t and w.lu as scratch.
    static func evaluate<Scalar: LinalgScalar>(degree m: Int, workspace w: ExpmWorkspace<Scalar>) throws {
        let b = w.padeCoefficients[m]!
        switch m {
        case 13:
            // Eq. (2.10): U = A[A⁶(b13A⁶ + b11A⁴ + b9A²) + b7A⁶ + b5A⁴ + b3A² + b1I],
            //             V = A⁶(b12A⁶ + b10A⁴ + b8A²) + b6A⁶ + b4A⁴ + b2A² + b0I.
            combine(&w.t, b[13], w.a6, b[11], w.a4, b[9], w.a2, 0)
            combine(&w.v, b[7], w.a6, b[5], w.a4, b[3], w.a2, b[1])
            Matrix.multiply(w.a6, w.t, beta: 1, into: &w.v)           // w.v = W = A⁶W₁ + W₂
            Matrix.multiply(w.a, w.v, into: &w.u)                      // U = A·W
            combine(&w.t, b[12], w.a6, b[10], w.a4, b[8], w.a2, 0)
            combine(&w.v, b[6], w.a6, b[4], w.a4, b[2], w.a2, b[0])
            Matrix.multiply(w.a6, w.t, beta: 1, into: &w.v)           // V = A⁶Z₁ + Z₂
        case 9:
            Matrix.multiply(w.a4, w.a4, into: &w.x)                    // A⁸
            combine(&w.t, b[7], w.a6, b[5], w.a4, b[3], w.a2, b[1])
            w.t.add(w.x, scaledBy: b[9])
            Matrix.multiply(w.a, w.t, into: &w.u)
            combine(&w.v, b[6], w.a6, b[4], w.a4, b[2], w.a2, b[0])
            w.v.add(w.x, scaledBy: b[8])
        case 7:
            combine(&w.t, b[7], w.a6, b[5], w.a4, b[3], w.a2, b[1])
            Matrix.multiply(w.a, w.t, into: &w.u)
            combine(&w.v, b[6], w.a6, b[4], w.a4, b[2], w.a2, b[0])
        case 5:
            combine(&w.t, 0, w.a2, b[5], w.a4, b[3], w.a2, b[1])
            Matrix.multiply(w.a, w.t, into: &w.u)
            combine(&w.v, 0, w.a2, b[4], w.a4, b[2], w.a2, b[0])
        default:
            combine(&w.t, 0, w.a2, 0, w.a2, b[3], w.a2, b[1])
            Matrix.multiply(w.a, w.t, into: &w.u)
            combine(&w.v, 0, w.a2, 0, w.a2, b[2], w.a2, b[0])
        }
        // r_m = (V − U)⁻¹(V + U): w.t = V − U is factored, w.x = V + U is overwritten by the solution.
        Matrix.sumAndDifference(w.v, w.u, sum: &w.x, difference: &w.t)
        do {
            try w.lu.refactor(w.t)
            try w.lu.solve(&w.x)
        } catch let e as LinalgError {
            throw ExpmError.linearAlgebra(e)
        }
    }

    /// out ← c6·P6 + c4·P4 + c2·P2 + c0·I, in place (one pass over the entries).
    private static func combine<Scalar: LinalgScalar>(
        _ out: inout Matrix<Scalar>, _ c6: Scalar, _ p6: Matrix<Scalar>, _ c4: Scalar, _ p4: Matrix<Scalar>,
        _ c2: Scalar, _ p2: Matrix<Scalar>, _ c0: Scalar
    ) {
        let n = out.rows
        out.storage.withUnsafeMutableBufferPointer { o in
            p6.storage.withUnsafeBufferPointer { x6 in
                p4.storage.withUnsafeBufferPointer { x4 in
                    p2.storage.withUnsafeBufferPointer { x2 in
                        for i in 0..<o.count { o[i] = c6 * x6[i] + c4 * x4[i] + c2 * x2[i] }
                    }
                }
            }
            for i in 0..<n { o[i + i * n] += c0 }
        }
    }
}
