import ComplexModule
import Linalg
import RealModule

/// A gradient checker for users' own layers: compares an analytic gradient with central
/// differences or with the complex-step derivative, parameter by parameter.
///
/// ```swift
/// let report = try GradientCheck.centralDifferences(
///     [GradientCheck.Parameter(name: "A", values: a.storage, gradient: aBar.storage)]
/// ) { p in try loss(Matrix(rows: n, columns: n, columnMajor: p[0])) }
/// #expect(report.maxRelativeError < 1e-8)
/// ```
public enum GradientCheck {
    /// One parameter tensor (flattened): its values and the analytic gradient to check.
    public struct Parameter: Sendable {
        public var name: String
        public var values: [Double]
        public var gradient: [Double]

        public init(name: String, values: [Double], gradient: [Double]) {
            self.name = name
            self.values = values
            self.gradient = gradient
        }
    }

    /// The comparison for one parameter.
    public struct ParameterReport: Sendable, Equatable {
        public var name: String
        /// max_i |analytic_i − numeric_i| / max_i |numeric_i| over the checked entries (normwise
        /// relative, so that entries near zero do not dominate); 0 when both are zero.
        public var relativeError: Double
        /// The entry where |analytic_i − numeric_i| is largest.
        public var worstIndex: Int
        /// The numeric derivative at the checked entries (in the order of `checkedIndices`).
        public var numeric: [Double]
        /// The entries that were checked (all, or a seeded random subset).
        public var checkedIndices: [Int]
    }

    /// The comparisons for all parameters.
    public struct Report: Sendable, Equatable {
        public var parameters: [ParameterReport]
        /// The largest `relativeError` over the parameters.
        public var maxRelativeError: Double { parameters.map(\.relativeError).max() ?? 0 }
    }

    /// Why a check could not run.
    public enum CheckError: Error, Equatable, Sendable, CustomStringConvertible {
        /// A parameter's gradient has another length than its values.
        case gradientLength(name: String, values: Int, gradient: Int)
        /// The loss returned NaN or ±Inf at a perturbed point.
        case nonFiniteLoss(name: String, index: Int)

        public var description: String {
            switch self {
            case let .gradientLength(name, values, gradient):
                return "parameter \(name): \(values) values but \(gradient) gradient entries"
            case let .nonFiniteLoss(name, index):
                return "the loss is not finite when parameter \(name)[\(index)] is perturbed"
            }
        }
    }

    /// Central differences (f(x + h e_i) − f(x − h e_i))/(2h) with the automatic step
    /// h_i = u^{1/3}·max(|x_i|, 1), which balances the O(h²) truncation error against the O(u/h)
    /// rounding error (relative accuracy ≈ u^{2/3} ≈ 4e-11 for smooth losses of moderate
    /// curvature); x_i ± h is formed first and h recomputed from it, so the step is exact.
    /// - Parameters:
    ///   - parameters: the parameters with their values and the analytic gradient to check.
    ///   - entries: check at most this many entries per parameter (a seeded random subset), or all.
    ///   - seed: the seed of the SplitMix64 generator that picks the subset when `entries` is set.
    ///   - step: a fixed h for every entry instead of the automatic u^{1/3}·max(|x_i|, 1).
    ///   - loss: the scalar loss at the given parameter values (in the order of `parameters`).
    public static func centralDifferences(
        _ parameters: [Parameter], entries: Int? = nil, seed: UInt64 = 1, step: Double? = nil,
        loss: ([[Double]]) throws -> Double
    ) throws -> Report {
        try check(parameters, entries: entries, seed: seed) { values, p, i in
            let x = values[p][i]
            let h = step ?? Double.pow(Double.ulpOfOne / 2, 1.0 / 3) * Swift.max(abs(x), 1)
            var point = values
            point[p][i] = x + h
            let up = try loss(point)
            let hUp = point[p][i] - x
            point[p][i] = x - h
            let down = try loss(point)
            let hDown = x - point[p][i]
            return (up - down) / (hUp + hDown)
        }
    }

    /// The complex-step derivative Im f(x + ih e_i)/h (Squire & Trapp, SIAM Review 40(1), 1998):
    /// no subtractive cancellation, so h can be tiny (default 1e-100·max(|x_i|, 1)) and the
    /// result is accurate to working precision — for losses that are real-analytic along the
    /// code path (no abs, max, comparisons on values, or conj in the perturbed computation).
    public static func complexStep(
        _ parameters: [Parameter], entries: Int? = nil, seed: UInt64 = 1, step: Double? = nil,
        loss: ([[Complex<Double>]]) throws -> Complex<Double>
    ) throws -> Report {
        try check(parameters, entries: entries, seed: seed) { values, p, i in
            let x = values[p][i]
            let h = step ?? 1e-100 * Swift.max(abs(x), 1)
            var point = values.map { $0.map { Complex($0) } }
            point[p][i] = Complex(x, h)
            return try loss(point).imaginary / h
        }
    }

    private static func check(
        _ parameters: [Parameter], entries: Int?, seed: UInt64,
        derivative: ([[Double]], Int, Int) throws -> Double
    ) throws -> Report {
        for p in parameters where p.values.count != p.gradient.count {
            throw CheckError.gradientLength(name: p.name, values: p.values.count, gradient: p.gradient.count)
        }
        var rng = SplitMix64(seed: seed)
        let values = parameters.map(\.values)
        var reports: [ParameterReport] = []
        for (p, parameter) in parameters.enumerated() {
            var indices = Array(parameter.values.indices)
            if let entries, entries < indices.count {
                indices.shuffle(using: &rng)
                indices = Array(indices.prefix(entries)).sorted()
            }
            var numeric: [Double] = []
            var worst = (index: indices.first ?? 0, difference: 0.0)
            var scale = 0.0
            for i in indices {
                let d = try derivative(values, p, i)
                guard d.isFinite else { throw CheckError.nonFiniteLoss(name: parameter.name, index: i) }
                numeric.append(d)
                scale = Swift.max(scale, abs(d))
                let difference = abs(d - parameter.gradient[i])
                if difference > worst.difference || difference.isNaN { worst = (i, difference) }
            }
            let relative = worst.difference == 0 ? 0 : worst.difference / Swift.max(scale, Double.leastNormalMagnitude)
            reports.append(ParameterReport(
                name: parameter.name, relativeError: relative, worstIndex: worst.index, numeric: numeric, checkedIndices: indices))
        }
        return Report(parameters: reports)
    }
}
