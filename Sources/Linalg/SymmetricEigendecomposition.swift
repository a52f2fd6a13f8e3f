/// Eigendecomposition A = V·Λ·Vᵀ of a real symmetric matrix (LAPACK's divide-and-conquer
/// `?syevd`), eigenvalues in ascending order, V orthogonal.
///
/// `?syevd` reads only one triangle (here the lower one), so a matrix that is not symmetric
/// would silently be decomposed as if it were its lower triangle mirrored. To keep that from
/// happening unnoticed, the input must be symmetric to a relative tolerance τ:
///
///     |a_ij − a_ji| ≤ τ · max_kl |a_kl|   for all i, j,
///
/// with τ = 16·n·u by default: a matrix formed as a product (Bᵀ·B, Bᵀ·C·B) in floating point
/// carries asymmetry of the size of an n-term dot product's rounding error, n·u relative to its
/// largest entries (Higham, "Accuracy and Stability of Numerical Algorithms", 2nd ed., §3.1).
///
/// The computed eigenvalues satisfy |λ̂_i − λ_i| ≤ c·n·u‖A‖₂ (Golub & Van Loan, "Matrix
/// Computations", 4th ed., §8.4); workspace sizes come from a workspace query.
public struct SymmetricEigendecomposition<Scalar: LinalgScalar>: Sendable {
    /// λ₁ ≤ λ₂ ≤ … ≤ λ_n.
    public let eigenvalues: [Scalar]
    /// The orthonormal eigenvectors, column i belonging to `eigenvalues[i]` (n × 0 when `vectors` is false).
    public let eigenvectors: Matrix<Scalar>

    /// The default relative symmetry tolerance τ = 16·n·u for an n×n input.
    public static func defaultSymmetryTolerance(size n: Int) -> Scalar { 16 * Scalar(Swift.max(n, 1)) * Scalar.unitRoundoff }

    /// Decomposes the symmetric matrix `a` (only its lower triangle is passed to LAPACK).
    ///
    /// - Parameters:
    ///   - a: the square, symmetric matrix; symmetry is checked to `symmetryTolerance` first.
    ///   - vectors: also compute the eigenvectors (otherwise only the eigenvalues, which is cheaper).
    ///   - symmetryTolerance: τ in |a_ij − a_ji| ≤ τ·max|a_kl|; `nil` means `defaultSymmetryTolerance`.
    /// - Throws: `LinalgError.dimensionMismatch` for a non-square input, `.nonFinite` for NaN/±Inf,
    ///   `.notSymmetric` when the symmetry test fails, `.noConvergence` when `?syevd` fails.
    public init(_ a: Matrix<Scalar>, vectors: Bool = true, symmetryTolerance: Scalar? = nil) throws {
        guard a.isSquare else {
            throw LinalgError.dimensionMismatch("symmetric eigendecomposition needs a square matrix, got \(a.rows)×\(a.columns)")
        }
        guard a.isFinite else { throw LinalgError.nonFinite("the matrix passed to SymmetricEigendecomposition") }
        let n = a.rows
        let tolerance = symmetryTolerance ?? Self.defaultSymmetryTolerance(size: n)
        let largest = a.storage.reduce(0) { Swift.max($0, abs($1)) }
        for j in 0..<n {
            for i in (j + 1)..<n where abs(a[i, j] - a[j, i]) > tolerance * largest {
                throw LinalgError.notSymmetric(
                    "|a[\(i),\(j)] − a[\(j),\(i)]| = \(abs(a[i, j] - a[j, i])) exceeds \(tolerance) × max|a| = \(tolerance * largest)")
            }
        }
        var w = [Scalar](repeating: 0, count: n)
        var factors = a
        if n > 0 {
            let lda = n
            var query: Scalar = 0
            var iquery: Int32 = 0
            var info = factors.storage.withUnsafeMutableBufferPointer { pa in
                w.withUnsafeMutableBufferPointer { pw in
                    Scalar.lapackSyevd(
                        vectors: vectors, n: n, a: pa.baseAddress!, lda: lda, w: pw.baseAddress!,
                        work: &query, lwork: -1, iwork: &iquery, liwork: -1)
                }
            }
            try checkLAPACK(info, "syevd") { .noConvergence(routine: "syevd", info: $0) }
            let lwork = Swift.max(1, Int(query)), liwork = Swift.max(1, Int(iquery))
            var work = [Scalar](repeating: 0, count: lwork)
            var iwork = [Int32](repeating: 0, count: liwork)
            info = factors.storage.withUnsafeMutableBufferPointer { pa in
                w.withUnsafeMutableBufferPointer { pw in
                    work.withUnsafeMutableBufferPointer { pwork in
                        iwork.withUnsafeMutableBufferPointer { piwork in
                            Scalar.lapackSyevd(
                                vectors: vectors, n: n, a: pa.baseAddress!, lda: lda, w: pw.baseAddress!,
                                work: pwork.baseAddress!, lwork: lwork, iwork: piwork.baseAddress!, liwork: liwork)
                        }
                    }
                }
            }
            try checkLAPACK(info, "syevd") { .noConvergence(routine: "syevd", info: $0) }
        }
        self.eigenvalues = w
        self.eigenvectors = vectors ? factors : Matrix(rows: n, columns: 0)
    }
}
