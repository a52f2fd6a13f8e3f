/// Partial-fraction coefficients of the Chebyshev rational approximation (CRAM) of eˣ on
/// (−∞, 0]: the best uniform rational approximation r_k of type (k, k),
///
///     r_k(x) = α₀ + 2·Re Σ_{j=1}^{k/2} α_j / (x − θ_j),
///
/// the poles θ_j coming in conjugate pairs of which one of each is listed.
///
/// Source: M. Pusa, "Correction to partial fraction decomposition coefficients for Chebyshev
/// rational approximation on the negative real axis", arXiv:1206.2880 (2012) — the corrected
/// orders 14 and 16 (the order-14 set of Gallopoulos & Saad 1992 that circulated before is about
/// 10² less accurate) — also in Pusa, Nucl. Sci. Eng. 182 (2016) 297–318. The 20-digit values are
/// as transcribed in `ergs/transmutagen`, `transmutagen/tests/pusa_coeffs.py`; Swift rounds each
/// decimal literal to the nearest Double.
public enum RationalChebyshevOrder: Int, Sendable, CaseIterable {
    case fourteen = 14
    case sixteen = 16

    /// r_k(−∞) = α₀, real.
    public var alpha0: Double {
        switch self {
        case .fourteen: return 1.8321743782540412751e-14
        case .sixteen: return 2.1248537104952237488e-16
        }
    }

    /// The poles θ_j with positive imaginary part, (re, im).
    public var poles: [(re: Double, im: Double)] {
        switch self {
        case .fourteen:
            return [
                (-8.8977731864688888199e+0, 1.6630982619902085304e+1),
                (-3.7032750494234480603e+0, 1.3656371871483268171e+1),
                (-2.087586382501301251e-1, 1.0991260561901260913e+1),
                (3.9933697105785685194e+0, 6.0048316422350373178e+0),
                (5.0893450605806245066e+0, 3.5888240290270065102e+0),
                (5.6231425727459771248e+0, 1.1940690463439669766e+0),
                (2.2697838292311127097e+0, 8.4617379730402214019e+0),
            ]
        case .sixteen:
            return [
                (-1.0843917078696988026e+1, 1.9277446167181652284e+1),
                (-5.2649713434426468895e+0, 1.6220221473167927305e+1),
                (5.9481522689511774808e+0, 3.5874573620183222829e+0),
                (3.5091036084149180974e+0, 8.4361989858843750826e+0),
                (6.4161776990994341923e+0, 1.1941223933701386874e+0),
                (1.4193758971856659786e+0, 1.0925363484496722585e+1),
                (4.9931747377179963991e+0, 5.9968817136039422260e+0),
                (-1.4139284624888862114e+0, 1.3497725698892745389e+1),
            ]
        }
    }

    /// The residues α_j belonging to `poles`, (re, im).
    public var residues: [(re: Double, im: Double)] {
        switch self {
        case .fourteen:
            return [
                (-7.1542880635890672853e-5, 1.4361043349541300111e-4),
                (9.4390253107361688779e-3, -1.7184791958483017511e-2),
                (-3.7636003878226968717e-1, 3.3518347029450104214e-1),
                (-2.3498232091082701191e+1, -5.8083591297142074004e+0),
                (4.6933274488831293047e+1, 4.5643649768827760791e+1),
                (-2.7875161940145646468e+1, -1.0214733999056451434e+2),
                (4.8071120988325088907e+0, -1.3209793837428723881e+0),
            ]
        case .sixteen:
            return [
                (-5.0901521865224915650e-7, -2.4220017652852287970e-5),
                (2.1151742182466030907e-4, 4.3892969647380673918e-3),
                (1.1339775178483930527e+2, 1.0194721704215856450e+2),
                (1.5059585270023467528e+1, -5.7514052776421819979e+0),
                (-6.4500878025539646595e+1, -2.2459440762652096056e+2),
                (-1.4793007113557999718e+0, 1.7686588323782937906e+0),
                (-6.2518392463207918892e+1, -1.1190391094283228480e+1),
                (4.1023136835410021273e-2, -1.5743466173455468191e-1),
            ]
        }
    }

    /// sup_{x ≤ 0} |r_k(x) − eˣ| for these (20-digit) coefficients, rounded up: the maximum over
    /// 3001 logarithmically spaced points of (−∞, 0] at 40 digits is 1.83222e-14 (k = 14, near
    /// x = −0.043) and 2.12909e-16 (k = 16, at x = 0)
    /// (`scripts/make_rational_chebyshev_references.py`). A best approximation equioscillates,
    /// |r_k(−∞) − 0| = α₀ being one of its extrema, so these agree with α₀ to 0.2 %.
    public var uniformError: Double {
        switch self {
        case .fourteen: return 1.84e-14
        case .sixteen: return 2.14e-16
        }
    }

    /// r_k(x) in Double (the scalar function the matrix method applies to each eigenvalue).
    public func evaluate(_ x: Double) -> Double {
        var sum = 0.0
        for (p, a) in zip(poles, residues) {
            // α/(x − θ) with x − θ = (x − p.re) − i·p.im.
            let dr = x - p.re, di = -p.im
            let d2 = dr * dr + di * di
            sum += (a.re * dr + a.im * di) / d2
        }
        return alpha0 + 2 * sum
    }
}
