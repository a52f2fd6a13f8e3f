import Linalg

/// Reusable buffers (and the schemes' coefficients rounded to `Scalar`) for
/// `OptimizedTaylorScheme.evaluate(_:into:workspace:)`.
///
/// The buffers are sized on first use for an n×n operand and reused for every later operand of
/// the same size, so that after the first call for a given n an evaluation allocates nothing.
/// A workspace is not thread-safe: give each thread its own.
public final class OptimizedTaylorWorkspace<Scalar: LinalgScalar> {
    /// The operand size the buffers currently hold.
    public private(set) var size: Int
    // Powers of A (A², then A³ or A⁴, then A⁶) and the schemes' linear combinations q_i.
    // Unchecked exclusivity: as in `ExpmWorkspace`, no buffer is accessed while it is written.
    @exclusivity(unchecked) var p1, p2, p3: Matrix<Scalar>
    @exclusivity(unchecked) var q0, q1, q2, q3, q4: Matrix<Scalar>

    // Coefficients correctly rounded from the exact values in `SchemeCoefficients`.
    let t4: [Scalar]
    let t8: [Scalar]  // x1, x2, x3, x4, x5, x6, x7, y2
    let t12: [[Scalar]]
    let t18: [[Scalar]]

    /// Preallocates buffers for n×n operands (a negative size preallocates nothing).
    public init(size n: Int) {
        let m = max(n, 0)
        size = m
        p1 = Matrix(rows: m, columns: m); p2 = Matrix(rows: m, columns: m); p3 = Matrix(rows: m, columns: m)
        q0 = Matrix(rows: m, columns: m); q1 = Matrix(rows: m, columns: m); q2 = Matrix(rows: m, columns: m)
        q3 = Matrix(rows: m, columns: m); q4 = Matrix(rows: m, columns: m)
        func round(_ r: Rational) -> Scalar { r.rounded(to: Scalar.self) }
        t4 = SchemeCoefficients.t4.map(round)
        let c = SchemeCoefficients.t8
        t8 = [c.x1, c.x2, c.x3, c.x4, c.x5, c.x6, c.x7, c.y2].map(round)
        t12 = SchemeCoefficients.t12.map { $0.map(round) }
        t18 = SchemeCoefficients.t18.map { $0.map(round) }
    }

    /// Resizes the buffers when the operand size changes (the only place that allocates).
    func prepare(size n: Int) {
        guard n != size else { return }
        size = n
        p1 = Matrix(rows: n, columns: n); p2 = Matrix(rows: n, columns: n); p3 = Matrix(rows: n, columns: n)
        q0 = Matrix(rows: n, columns: n); q1 = Matrix(rows: n, columns: n); q2 = Matrix(rows: n, columns: n)
        q3 = Matrix(rows: n, columns: n); q4 = Matrix(rows: n, columns: n)
    }
}
