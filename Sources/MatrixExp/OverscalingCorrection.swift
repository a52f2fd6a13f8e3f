import Linalg

/// The overscaling correction ℓ(A, m) of Al-Mohy & Higham (2009), §5, eq. (5.1):
///
///     ℓ = max(0, ⌈log₂(α/tol) / (k − 1)⌉),   α = |c_k| · ‖ |2⁻ˢA|ᵏ ‖₁ / ‖2⁻ˢA‖₁,
///
/// where c_k xᵏ is the leading term of the approximant's backward-error series
/// h(x) = log(e⁻ˣ r(x)) (k = 2m+1 for Padé r_m, so k − 1 = 2m as in the paper; k = K+1 for a
/// Taylor scheme of degree K). When the leading term alone, measured with |A|, exceeds the
/// tolerance at scaling s, ℓ more squarings bring it below.
///
/// Because ‖|2⁻ˢA|ᵏ‖₁ = 2⁻ˢᵏ‖|A|ᵏ‖₁, the norms ‖|A|ᵏ‖₁ of the unscaled operand serve every
/// candidate (degree, s). For a nonnegative matrix the 1-norm is the largest entry of 1ᵀB, so
/// ‖|A|ᵏ‖₁ = max vₖ with v₀ = 1, v_{j+1} = |A|ᵀv_j: k matrix–vector products, never a matrix
/// product. They are not all needed: if v_{j+1} ≥ r v_j componentwise, then v_{j+2} = |A|ᵀv_{j+1}
/// ≥ r|A|ᵀv_j = r v_{j+1} (|A|ᵀ is nonnegative), and so on, and likewise from above; so with r and
/// R the smallest and largest ratio v_{j+1}/v_j (the Collatz–Wielandt bounds of the spectral radius
/// of |A|),
///
///     r^{k−j−1} · max v_{j+1} ≤ ‖|A|ᵏ‖₁ ≤ R^{k−j−1} · max v_{j+1},
///
/// and ℓ, nondecreasing in ‖|A|ᵏ‖₁, is settled as soon as both ends give the same value. After the
/// first step (the column sums of |A|, r and R the smallest column sum and ‖A‖₁) that is usual for
/// dense matrices with columns of similar weight; r/R → 1 as the iteration converges otherwise.
/// Everything is computed once per call and lazily, and only when the cheap bound
/// ‖|A|ᵏ‖₁ ≤ ‖A‖₁ᵏ does not already show ℓ = 0. So the degree choice can count ℓ in each
/// candidate's cost. The iterates are kept normalized to max 1 (their logarithms accumulate
/// separately), so nothing overflows.
struct OverscalingCorrection<Scalar: LinalgScalar> {
    let operand: Matrix<Scalar>
    let norm1: Double
    let tolerance: Double
    private let w: ExpmWorkspace<Scalar>

    /// Starts a correction for `operand` (nothing computed yet).
    init(operand: Matrix<Scalar>, norm1: Double, tolerance: Double, workspace: ExpmWorkspace<Scalar>) {
        self.operand = operand
        self.norm1 = norm1
        self.tolerance = tolerance
        self.w = workspace
        w.absolutePowerSteps = 0
    }

    /// ℓ for an approximant whose backward-error series leads with |c|·xᵏ, applied after s squarings.
    func extraSquarings(leadingOrder k: Int, leadingMagnitude c: Double, squarings s: Int) -> Int {
        guard norm1 > 0, k > 1 else { return 0 }
        let scaledNorm = Double(sign: .plus, exponent: -s, significand: norm1)
        // ‖|2⁻ˢA|ᵏ‖₁ ≤ ‖2⁻ˢA‖₁ᵏ: when even that leaves α ≤ tol, ℓ = 0 without the products.
        if c * Double.pow(scaledNorm, Double(k - 1)) <= tolerance { return 0 }
        // log₂(α/tol) − log₂‖|A|ᵏ‖₁, α = |c|·2⁻ˢᵏ‖|A|ᵏ‖₁ / ‖2⁻ˢA‖₁.
        let offset = Double.log2(c) - Double(s * k) - Double.log2(scaledNorm) - Double.log2(tolerance)
        func ell(_ log2PowerNorm: Double) -> Int {
            let x = offset + log2PowerNorm
            if x == .infinity { return .max }   // an unbounded upper end: not settled
            guard x.isFinite else { return 0 }   // ‖|A|ᵏ‖₁ = 0
            return Swift.max(0, Int((x / Double(k - 1)).rounded(.up)))
        }
        while true {
            let (lower, upper) = log2PowerNormBracket(k)
            let l = ell(lower)
            if l == ell(upper) { return l }
            advance()
        }
    }

    /// Bounds of log₂‖|A|ᵏ‖₁ from the iterates so far (exact once k steps are done).
    private func log2PowerNormBracket(_ k: Int) -> (lower: Double, upper: Double) {
        if w.absolutePowerSteps == 0 { advance() }
        let j = w.absolutePowerSteps
        if j >= k { return (w.log2AbsolutePowerNorms[k], w.log2AbsolutePowerNorms[k]) }
        let last = w.log2AbsolutePowerNorms[j], remaining = Double(k - j)
        if last == -.infinity { return (last, last) }   // |A|ʲ = 0, so |A|ᵏ = 0
        return (last + remaining * w.log2StepRatios.smallest, last + remaining * w.log2StepRatios.largest)
    }

    /// One more step v_{j+1} = |A|ᵀv_j, normalized, with its ratio bounds.
    private func advance() {
        let n = operand.rows
        let j = w.absolutePowerSteps
        if w.log2AbsolutePowerNorms.count <= j + 1 { w.log2AbsolutePowerNorms.append(contentsOf: repeatElement(0, count: j + 2 - w.log2AbsolutePowerNorms.count)) }
        if j == 0 {
            // v₁ = the column sums of |A|, straight from A.
            w.log2AbsolutePowerNorms[0] = 0
            operand.storage.withUnsafeBufferPointer { p in
                for c in 0..<n {
                    var sum: Scalar = 0
                    for i in 0..<n { sum += abs(p[i + c * n]) }
                    w.onesNext[c] = sum
                }
            }
            for i in 0..<n { w.ones[i] = 1 }
        } else {
            if j == 1 {
                operand.storage.withUnsafeBufferPointer { p in
                    w.absA.storage.withUnsafeMutableBufferPointer { q in
                        for i in 0..<p.count { q[i] = abs(p[i]) }
                    }
                }
            }
            w.absA.storage.withUnsafeBufferPointer { pa in
                w.ones.withUnsafeBufferPointer { px in
                    w.onesNext.withUnsafeMutableBufferPointer { py in
                        Scalar.blasGemv(trans: true, m: n, n: n, alpha: 1, a: pa.baseAddress!, lda: n,
                                        x: px.baseAddress!, incx: 1, beta: 0, y: py.baseAddress!, incy: 1)
                    }
                }
            }
        }
        // Ratios v_{j+1}/v_j (v_j ≥ 0, normalized to max 1), the new maximum, then normalize.
        var smallest = Scalar.infinity, largest: Scalar = 0, top: Scalar = 0
        for i in 0..<n {
            let next = w.onesNext[i], previous = w.ones[i]
            top = Swift.max(top, next)
            if previous > 0 {
                let ratio = next / previous
                smallest = Swift.min(smallest, ratio)
                largest = Swift.max(largest, ratio)
            } else if next > 0 {
                largest = .infinity
            }
        }
        if top > 0 && top.isFinite { for i in 0..<n { w.onesNext[i] /= top } }
        swap(&w.ones, &w.onesNext)
        w.log2StepRatios = (Double.log2(Double(smallest)), Double.log2(Double(largest)))
        w.log2AbsolutePowerNorms[j + 1] = w.log2AbsolutePowerNorms[j] + Double.log2(Double(top))
        w.absolutePowerSteps = j + 1
    }
}
