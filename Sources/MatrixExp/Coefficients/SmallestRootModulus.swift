import ComplexModule
import Linalg
import RealModule

/// ρ = min |z| over the roots z of a real polynomial with non-zero constant term: the radius of
/// convergence of log p(x) around 0, which bounds how fast the backward-error series decays.
///
/// Computed with the Durand–Kerner (Weierstrass) simultaneous iteration in `Complex<Double>` on
/// the polynomial rescaled by r0 = (|c_0/c_d|)^{1/d} (the geometric mean of the root moduli), so
/// that its roots lie near the unit circle and nothing overflows, started on that circle. Rounding
/// noise in evaluating p limits the attainable step size to ≈ d·u·(condition), about 1e-11 for the
/// degree-13 Padé numerator and worse at higher degree, so the iteration stops when no root moves
/// by more than 1e-9 relative, or accepts after 500 sweeps a result whose last sweep moved every
/// root by less than 1e-6 relative. Either is far inside the 2⁻¹⁰ margin the caller subtracts. If
/// neither happens (the Taylor polynomials T_m for m ≳ 50 of the `expmv` thresholds, whose roots
/// are too ill-conditioned for the iteration to settle in double precision), the eigenvalues of
/// the companion matrix of the rescaled polynomial (LAPACK `dgeev`, balanced) give ρ to about
/// 4e-3 relative for T_55 (against mpmath `polyroots` at 60 digits: 16.2416 for 16.2999), and
/// that is lowered by a further 2⁻⁶ so that the caller's margin is not needed to cover it. The
/// Fujiwara bound (the roots of the reversed polynomial lie within 2·max_k |c_k/c_0|^{1/k}) is a
/// rigorous floor under either result, and the answer when both fail.
func smallestRootModulus(_ coefficients: [Double]) -> Double {
    let d = coefficients.count - 1
    precondition(d >= 1 && coefficients[0] != 0 && coefficients[d] != 0, "smallestRootModulus: need a non-constant polynomial")
    let fujiwara = fujiwaraLowerBound(coefficients)
    // Scaled monic polynomial in w = z/r0: Σ c_k r0^k w^k / (c_d r0^d).
    let logR0 = (Double.log(abs(coefficients[0])) - Double.log(abs(coefficients[d]))) / Double(d)
    let monic = (0...d).map { k in
        Complex(coefficients[k] / coefficients[d] * Double.exp(Double(k - d) * logR0))
    }
    func value(_ w: Complex<Double>) -> Complex<Double> {
        var acc = Complex<Double>(1)
        for k in stride(from: d - 1, through: 0, by: -1) { acc = acc * w + monic[k] }
        return acc
    }
    var roots = (0..<d).map { k in Complex<Double>(length: 1, phase: 2 * .pi * Double(k) / Double(d) + 0.4) }
    var largestStep = Double.infinity
    for _ in 0..<500 {
        largestStep = 0
        for i in 0..<d {
            var denominator = Complex<Double>(1)
            for j in 0..<d where j != i { denominator = denominator * (roots[i] - roots[j]) }
            let step = value(roots[i]) / denominator
            roots[i] = roots[i] - step
            largestStep = max(largestStep, step.length / roots[i].length)
        }
        if largestStep < 1e-9 { break }
    }
    let rho = Double.exp(logR0) * roots.map(\.length).min()!
    guard largestStep < 1e-6, rho.isFinite, rho > 0 else {
        return max(companionSmallestRootModulus(monic.map(\.real)) * Double.exp(logR0) * (1 - 0x1p-6), fujiwara)
    }
    return max(rho, fujiwara)
}

/// min |λ| over the eigenvalues of the companion matrix of the monic polynomial
/// w^d + Σ_{k<d} c_k w^k (`monic` holds c_0 … c_d); 0 when the eigensolver fails.
private func companionSmallestRootModulus(_ monic: [Double]) -> Double {
    let d = monic.count - 1
    var companion = Matrix<Double>(rows: d, columns: d)
    for i in 1..<d { companion[i, i - 1] = 1 }
    for i in 0..<d { companion[i, d - 1] = -monic[i] }
    guard let eigenvalues = try? GeneralEigenvalues(companion) else { return 0 }
    let moduli = zip(eigenvalues.real, eigenvalues.imaginary).map { ($0 * $0 + $1 * $1).squareRoot() }
    guard let smallest = moduli.min(), smallest.isFinite else { return 0 }
    return smallest
}

/// Fujiwara's bound applied to the reversed polynomial: every root z of Σ c_k x^k satisfies
/// |z| ≥ 1 / (2·max(|c_1/c_0|, |c_2/c_0|^{1/2}, …, |c_d/(2c_0)|^{1/d})).
private func fujiwaraLowerBound(_ c: [Double]) -> Double {
    let d = c.count - 1
    var m = 0.0
    for k in 1...d {
        let ratio = abs(c[k] / c[0]) / (k == d ? 2 : 1)
        m = max(m, Double.pow(ratio, 1 / Double(k)))
    }
    return 1 / (2 * m)
}
