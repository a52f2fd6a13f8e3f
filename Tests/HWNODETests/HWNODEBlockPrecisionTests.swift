import HWNODE
import Linalg
import Testing

/// The Float forward pass against the Double one, entry by entry, within a first-order rounding
/// bound for Float built from the Double pass (|x| the entrywise absolute value, u = 2⁻²⁴,
/// γ_k = ku/(1 − ku)):
///
/// - inputs and parameters rounded to Float: |δx| ≤ u|x|;
/// - σ = ‖A v‖ after one power-iteration step (normwise): the step v = normalize(Aᵀu) errs by
///   ‖δv‖ ≤ (2u + γ_n)‖A‖_F/‖Aᵀu‖ + (n + 5)u, and |δσ| ≤ (u + γ_n)‖A‖_F + ‖A‖_F‖δv‖ + (n + 3)uσ;
/// - M = Δt·A/σ: |δM| ≤ (|δσ|/σ + 3u)|M|;
/// - P = Σ w_k M^k: |δP| ≤ Σ_k w_k (Σ_{j<k} |M|^j|δM||M|^{k−1−j} + γ_{kn}|M|^k) + γ_{K+1}Σ_k w_k|M|^k;
/// - each product C = A·B of inner size m: |δC| ≤ |δA||B| + |A||δB| + γ_m|A||B|;
/// - φ = leaky ReLU (Lipschitz 1, exact in floating point): |δz| ≤ |δa|;
///   ψ = leaky ReLU² : |δh| ≤ (2|lr(c)| + |δc|)|δc| + u|h|.
/// The Double pass's own error (≈ 10⁻¹⁶ relative) is negligible beside this bound.
@Suite struct HWNODEBlockPrecisionTests {
    static func leakyReLU(_ x: Double) -> Double { x >= 0 ? x : 0.5 * x }

    @Test(arguments: [1, 2, 3])
    func floatForwardMatchesDoubleWithinTheRoundingBound(layers: Int) throws {
        let (d, n, tokens) = (24, 16, 10)
        let configuration = HWNODEConfiguration(width: d, stateSize: n, virtualLayers: layers)
        var double = try HWNODEBlock<Double>(configuration, name: "ff", seed: 9)
        var single = try HWNODEBlock<Float>(configuration, name: "ff", seed: 9)
        // The same parameters and buffers in both precisions (Double rounded to Float).
        var values: [Matrix<Double>] = []
        double.visitParameters { values.append($0.value) }
        var index = 0
        single.visitParameters { $0.value = values[index].converted(); index += 1 }
        var buffers: [Matrix<Double>] = []
        double.visitBuffers { buffers.append($1) }
        index = 0
        single.visitBuffers { $1 = buffers[index].converted(); index += 1 }

        var rng = SplitMix64(seed: 4)
        let input = Matrix<Double>.randomGaussian(rows: d, columns: tokens, using: &rng)
        let (u0, a) = (double.powerIterationU, double.generator.value)
        let (expected, cache) = try double.forward(input, training: true)
        let actual = try single.forward(input.converted(), training: true).output.converted(to: Double.self)

        // The reference equations written out (bytegpt.py HWNode.forward): M = A/σ (Δt = 1),
        // P = I + M + M²/2, R = W_out P, z = lr(W_in h), h' = lr(R z)²; the Double pass agrees.
        let sigma = cache.sigma
        let m = a.map { $0 / sigma }
        var p = Matrix<Double>.identity(n) + m
        p.add(m * m, scaledBy: 0.5)
        let r = double.outputWeight.value * p
        var states = [input], preactivations: [Matrix<Double>] = [], outputPreactivations: [Matrix<Double>] = []
        for l in 0..<layers {
            preactivations.append(double.inputWeight.value * states[l])
            outputPreactivations.append(r * preactivations[l].map(Self.leakyReLU))
            states.append(outputPreactivations[l].map { Self.leakyReLU($0) * Self.leakyReLU($0) })
        }
        for i in expected.storage.indices {
            #expect(abs(expected.storage[i] - states[layers].storage[i]) <= 1e-13 * Swift.max(abs(states[layers].storage[i]), 1))
        }

        let bound = Self.roundingBound(
            inputWeight: double.inputWeight.value, outputWeight: double.outputWeight.value, generator: a,
            u0: u0, sigma: sigma, flow: p, readout: r, states: states, preactivations: preactivations,
            outputPreactivations: outputPreactivations)
        var worst = 0.0
        for i in expected.storage.indices {
            let error = abs(actual.storage[i] - expected.storage[i])
            #expect(error <= bound.storage[i], "entry \(i): error \(error), bound \(bound.storage[i])")
            worst = Swift.max(worst, error / bound.storage[i])
        }
        // The bound assumes no cancellation in any sum and adds the layers' worst cases, so it
        // exceeds the largest error by 10³ (L = 1) to 10⁵ (L = 3) here; it is not vacuous.
        #expect(worst > 1e-6)
    }

    /// The first-order bound on |Float pass − Double pass| described above, from the Double pass's
    /// intermediates (P, R, and per layer h_l, a_l = W_in h_l, c_l = R φ(a_l)).
    static func roundingBound(
        inputWeight: Matrix<Double>, outputWeight: Matrix<Double>, generator a: Matrix<Double>, u0: Matrix<Double>,
        sigma: Double, flow p: Matrix<Double>, readout r: Matrix<Double>, states: [Matrix<Double>],
        preactivations: [Matrix<Double>], outputPreactivations: [Matrix<Double>]
    ) -> Matrix<Double> {
        let u = Double(Float.ulpOfOne) / 2
        func gamma(_ k: Int) -> Double { Double(k) * u / (1 - Double(k) * u) }
        func abs(_ m: Matrix<Double>) -> Matrix<Double> { m.map { Swift.abs($0) } }
        let (n, d) = (a.rows, inputWeight.columns)
        let w = [1.0, 1, 0.5]
        // σ, M = A/σ and P.
        let aF = a.normFrobenius
        let atuNorm = Matrix(rows: n, columns: 1, columnMajor: a.transposed * u0.storage).normFrobenius
        let deltaV = (2 * u + gamma(n)) * aF / atuNorm + Double(n + 5) * u
        let deltaSigma = (u + gamma(n)) * aF + aF * deltaV + Double(n + 3) * u * sigma
        let m = abs(a).map { $0 / sigma }
        let deltaM = m.map { $0 * (deltaSigma / sigma + 3 * u) }
        var powers = [Matrix<Double>.identity(n)]
        for _ in 1..<w.count { powers.append(powers[powers.count - 1] * m) }
        var deltaP = Matrix<Double>(rows: n, columns: n)
        var sumOfPowers = Matrix<Double>(rows: n, columns: n)
        for k in w.indices {
            sumOfPowers.add(powers[k], scaledBy: w[k])
            for j in 0..<k { deltaP.add(powers[j] * deltaM * powers[k - 1 - j], scaledBy: w[k]) }
            deltaP.add(powers[k], scaledBy: w[k] * gamma(k * n))
        }
        deltaP.add(sumOfPowers, scaledBy: gamma(w.count))
        // R = W_out P (W_out rounded to Float, then the product).
        let wOut = abs(outputWeight), wIn = abs(inputWeight)
        let deltaR = wOut * deltaP + (wOut * abs(p)).map { $0 * (u + gamma(n)) }
        let rMagnitude = abs(r)
        // The virtual layers.
        var deltaH = abs(states[0]).map { $0 * u }
        for l in preactivations.indices {
            let h = abs(states[l])
            let deltaA = wIn * deltaH + (wIn * h).map { $0 * (u + gamma(d)) }
            let z = abs(preactivations[l].map(Self.leakyReLU))
            let deltaC = deltaR * z + rMagnitude * deltaA + (rMagnitude * z).map { $0 * gamma(n) }
            deltaH = outputPreactivations[l].zipMap(deltaC) { c, dc in
                let y = Swift.abs(Self.leakyReLU(c))
                return (2 * y + dc) * dc + u * y * y
            }
        }
        return deltaH
    }
}
