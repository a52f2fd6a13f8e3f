import Linalg
import RealModule

/// A finite Chebyshev series p(x) = Σ_{k=0}^{K} c_k T_k(ξ(x)) on an interval [a, b], with
/// ξ(x) = (2x − a − b)/(b − a) mapping [a, b] onto [−1, 1]; the coefficient list of a scalar
/// function that the matrix paths (`ChebyshevFlow`, `chebyshevExpm`, `chebyshevExpmv`) then
/// apply to a symmetric matrix or operator with spectrum in [a, b].
///
/// Coefficients come from samples at Chebyshev points through FFTW's DCT-I
/// (`interpolating(on:tolerance:_:)`), or in closed form for the exponential (modified Bessel
/// functions, `exponential(t:on:tolerance:)`).
public struct ChebyshevSeries: Sendable, Equatable {
    /// c_0 … c_K (the series is Σ c_k T_k, with no halved first term).
    public var coefficients: [Double]
    /// [a, b]; a == b is allowed only for a constant series.
    public let lower: Double
    public let upper: Double
    /// For series built for a tolerance: an upper bound on max_{x∈[a,b]} |f(x) − p(x)| when it
    /// is known rigorously (the Bessel tail of the exponential), otherwise an estimate (the size of
    /// the discarded coefficients of an interpolant); see `truncationBoundIsRigorous`.
    public let truncationBound: Double
    /// Whether `truncationBound` is a proven bound (in exact arithmetic) or an estimate.
    public let truncationBoundIsRigorous: Bool

    /// A series with given coefficients on [a, b].
    /// - Throws: `ChebyshevError.invalidArgument` for no coefficients or an interval that is not
    ///   finite with a < b (a == b is accepted for one coefficient), `.nonFinite` for NaN/Inf.
    public init(coefficients: [Double], on interval: ClosedRange<Double> = -1...1) throws(ChebyshevError) {
        guard !coefficients.isEmpty else { throw ChebyshevError.invalidArgument("a Chebyshev series needs at least one coefficient") }
        guard coefficients.allSatisfy({ $0.isFinite }) else { throw ChebyshevError.nonFinite("the Chebyshev coefficients") }
        guard interval.lowerBound.isFinite, interval.upperBound.isFinite,
              interval.lowerBound < interval.upperBound || coefficients.count == 1
        else {
            throw ChebyshevError.invalidArgument("a Chebyshev series needs a finite interval a < b, got \(interval)")
        }
        self.init(coefficients, interval.lowerBound, interval.upperBound, bound: 0, rigorous: true)
    }

    init(_ coefficients: [Double], _ lower: Double, _ upper: Double, bound: Double, rigorous: Bool) {
        self.coefficients = coefficients
        self.lower = lower
        self.upper = upper
        self.truncationBound = bound
        self.truncationBoundIsRigorous = rigorous
    }

    /// K, the degree.
    public var degree: Int { coefficients.count - 1 }

    /// p(x) by Clenshaw's recurrence (Clenshaw, "A note on the summation of Chebyshev series",
    /// MTAC 9, 1955): b_k = c_k + 2ξ b_{k+1} − b_{k+2}, p = c_0 + ξ b_1 − b_2.
    public func callAsFunction(_ x: Double) -> Double {
        let xi = upper > lower ? (2 * x - lower - upper) / (upper - lower) : 0
        var b1 = 0.0, b2 = 0.0
        var k = degree
        while k >= 1 {
            let b0 = coefficients[k] + 2 * xi * b1 - b2
            b2 = b1
            b1 = b0
            k -= 1
        }
        return coefficients[0] + xi * b1 - b2
    }

    // MARK: Interpolation through the DCT

    /// The smallest tolerance `interpolating` accepts: below about 10u the coefficients of a
    /// resolved function stop decreasing (they reach the rounding noise of the samples and the DCT).
    public static let smallestTolerance = 1e-15

    /// The Chebyshev interpolant of `f` on [a, b] in N + 1 Chebyshev points of the second kind
    /// x_j = cos(πj/N), N = 16, 32, 64, … until it resolves f, then chopped.
    ///
    /// The coefficients of the interpolant p_N = Σ_{k=0}^{N} c_k T_k are (Trefethen,
    /// "Approximation Theory and Approximation Practice", 2013, eq. (3.13) and Exercise 3.8;
    /// Mason & Handscomb, "Chebyshev Polynomials", 2003, §6.3.2)
    ///
    ///     c_k = (2/N) Σ''_{j=0}^{N} f(x_j) cos(πjk/N),   c_0 and c_N halved once more,
    ///
    /// with Σ'' halving the first and last terms. FFTW's REDFT00 of length N + 1 computes
    /// Y_k = f_0 + (−1)ᵏ f_N + 2 Σ_{j=1}^{N−1} f_j cos(πjk/N) = 2 Σ''(…), so exactly
    /// c_k = Y_k/N for 0 < k < N and c_0 = Y_0/(2N), c_N = Y_N/(2N).
    ///
    /// Resolution test: with scale s = max_k |c_k|, the last ⌈N/8⌉ + 1 coefficients are all at most
    /// `tolerance`·s. The series is then chopped after the last coefficient above `tolerance`·s, and
    /// `truncationBound` estimates the uniform error by s·tolerance + Σ of the discarded |c_k| (an
    /// estimate, not a bound: the unsampled part of f is unknown).
    ///
    /// - Parameters:
    ///   - interval: [a, b], finite, a < b.
    ///   - tolerance: relative to max|c_k|; raised to `smallestTolerance` if smaller.
    ///   - maximumDegree: the largest N tried.
    ///   - f: the function sampled at the Chebyshev points of `interval`; must return finite values.
    /// - Throws: `ChebyshevError.invalidArgument` for a bad interval or tolerance, `.nonFinite`
    ///   when f returns NaN/Inf at a sample, `.notResolved` when N would exceed `maximumDegree`.
    public static func interpolating(
        on interval: ClosedRange<Double>, tolerance: Double = 1e-14, maximumDegree: Int = 1 << 16,
        _ f: (Double) -> Double
    ) throws(ChebyshevError) -> ChebyshevSeries {
        let a = interval.lowerBound, b = interval.upperBound
        guard a.isFinite, b.isFinite, a < b else {
            throw ChebyshevError.invalidArgument("interpolation needs a finite interval a < b, got \(interval)")
        }
        guard tolerance > 0, tolerance < 1 else {
            throw ChebyshevError.invalidArgument("tolerance must lie in (0, 1), got \(tolerance)")
        }
        let tol = Swift.max(tolerance, smallestTolerance)
        var n = 16
        var lastTail = Double.infinity
        while n <= maximumDegree {
            let transform: TrigonometricTransform
            do { transform = try TrigonometricTransform(kind: .cosineI, shape: [n + 1]) } catch {
                throw ChebyshevError.invalidArgument("\(error)")
            }
            var samples = [Double](repeating: 0, count: n + 1)
            for j in 0...n {
                let x = Double.cos(Double.pi * Double(j) / Double(n))
                // x_0 = 1 ↦ b, x_N = −1 ↦ a; the ends exactly.
                let point = j == 0 ? b : (j == n ? a : (a + b) / 2 + (b - a) / 2 * x)
                let value = f(point)
                guard value.isFinite else { throw ChebyshevError.nonFinite("f(\(point)) = \(value)") }
                samples[j] = value
            }
            var c = transform.apply(samples)
            for k in 0...n { c[k] /= Double(n) }
            c[0] /= 2
            c[n] /= 2
            let scale = c.reduce(0) { Swift.max($0, abs($1)) }
            if scale == 0 { return ChebyshevSeries([0], a, b, bound: 0, rigorous: false) }
            let plateau = n / 8 + 1
            lastTail = c[(n - plateau + 1)...].reduce(0) { Swift.max($0, abs($1)) } / scale
            if lastTail <= tol {
                let keep = (c.lastIndex { abs($0) > tol * scale } ?? 0) + 1
                let discarded = c[keep...].reduce(0) { $0 + abs($1) }
                return ChebyshevSeries(Array(c[..<keep]), a, b, bound: tol * scale + discarded, rigorous: false)
            }
            n *= 2
        }
        throw ChebyshevError.notResolved(maximumDegree: maximumDegree, tail: lastTail)
    }

    // MARK: Closed forms

    /// e^{tx} on [a, b] to within `tolerance`·e^{max(ta, tb)} uniformly:
    ///
    ///     e^{tx} = e^{tc} [ I₀(ρ) + 2 Σ_{k≥1} I_k(ρ) (σ)ᵏ T_k(ξ) ],  c = (a+b)/2, ρ = |t|(b−a)/2, σ = sign t,
    ///
    /// (the generating function of I_k, DLMF 10.35.3, with T_k(−ξ) = (−1)ᵏT_k(ξ) for t < 0; the
    /// expansion of Tal-Ezer & Kosloff, J. Chem. Phys. 81, 1984, in its real form). The degree K
    /// is the smallest with 2 Σ_{k>K} Ĩ_k(ρ) ≤ `tolerance` (`ScaledModifiedBessel.tails`); since
    /// |T_k| ≤ 1 on [−1, 1] that tail times e^{tc+ρ} = e^{max(ta,tb)} is a rigorous bound on the
    /// uniform truncation error, stored in `truncationBound` (absolute).
    ///
    /// - Throws: `ChebyshevError.invalidArgument` for a non-finite t, a bad interval or tolerance,
    ///   `.overflow` when e^{max(ta,tb)} overflows, `.degreeLimitExceeded` past `maximumDegree`.
    public static func exponential(
        t: Double, on interval: ClosedRange<Double>, tolerance: Double, maximumDegree: Int = 100_000
    ) throws(ChebyshevError) -> ChebyshevSeries {
        let (scaled, factor, tail) = try scaledExponentialCoefficients(
            t: t, lower: interval.lowerBound, upper: interval.upperBound, tolerance: tolerance, maximumDegree: maximumDegree)
        guard factor.isFinite else { throw ChebyshevError.overflow("e^{max(ta, tb)} for t = \(t) on \(interval)") }
        return ChebyshevSeries(scaled.map { $0 * factor }, interval.lowerBound, interval.upperBound,
                               bound: tail * factor, rigorous: true)
    }

    /// The coefficients of e^{tx} on [a, b] divided by e^{tc+ρ} (each at most 2 in size), that
    /// factor, and the relative tail bound 2 Σ_{k>K} Ĩ_k(ρ): see `exponential`. The matrix paths
    /// evaluate with the scaled coefficients and multiply by the factor at the end, so nothing
    /// overflows in between.
    static func scaledExponentialCoefficients(
        t: Double, lower a: Double, upper b: Double, tolerance: Double, maximumDegree: Int
    ) throws(ChebyshevError) -> (coefficients: [Double], factor: Double, tail: Double) {
        guard t.isFinite else { throw ChebyshevError.invalidArgument("t must be finite, got \(t)") }
        guard a.isFinite, b.isFinite, a <= b else {
            throw ChebyshevError.invalidArgument("the interval needs finite a ≤ b, got [\(a), \(b)]")
        }
        guard tolerance.isFinite, tolerance > 0, tolerance < 1 else {
            throw ChebyshevError.invalidArgument("tolerance must lie in (0, 1), got \(tolerance)")
        }
        let c = a / 2 + b / 2, r = b / 2 - a / 2
        let rho = abs(t) * r
        guard rho.isFinite, (t * c).isFinite else { throw ChebyshevError.overflow("|t|·(b − a)/2 for t = \(t) on [\(a), \(b)]") }
        let factor = Double.exp(t * c + rho)
        let count = ScaledModifiedBessel.countNeeded(argument: rho, tolerance: tolerance)
        let bessel = ScaledModifiedBessel.values(argument: rho, count: count)
        let tails = ScaledModifiedBessel.tails(values: bessel, argument: rho)
        // tails[K + 1] bounds the truncation after degree K.
        guard let degree = (0..<count).first(where: { rho == 0 || tails[$0 + 1] <= tolerance }) else {
            throw ChebyshevError.degreeLimitExceeded(degree: count, limit: maximumDegree)
        }
        let tail = rho == 0 ? 0 : tails[degree + 1]
        guard degree <= maximumDegree else { throw ChebyshevError.degreeLimitExceeded(degree: degree, limit: maximumDegree) }
        let sign = t < 0 ? -1.0 : 1.0
        var coefficients = [bessel[0]]
        var s = 1.0
        for k in stride(from: 1, through: degree, by: 1) {
            s *= sign
            coefficients.append(2 * s * bessel[k])
        }
        return (coefficients, factor, tail)
    }

    /// φ₁(tx) = (e^{tx} − 1)/(tx) on [a, b] (φ₁(0) = 1), the first φ-function of exponential
    /// integrators (Hochbruck & Ostermann, Acta Numerica 19, 2010, eq. (2.10)), by
    /// `interpolating` with the cancellation-free form expm1(z)/z.
    public static func phi1(
        t: Double, on interval: ClosedRange<Double>, tolerance: Double = 1e-14
    ) throws(ChebyshevError) -> ChebyshevSeries {
        guard t.isFinite else { throw ChebyshevError.invalidArgument("t must be finite, got \(t)") }
        return try interpolating(on: interval, tolerance: tolerance) { x in
            let z = t * x
            return z == 0 ? 1 : Double.expMinusOne(z) / z
        }
    }
}
