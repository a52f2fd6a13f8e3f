import Linalg
import MatrixExp
import Parametrizations

extension HWNODEBlock {
    /// h_L for the input h_0 (d×T), and the cache for `backward`.
    ///
    /// In training mode the power iteration (`.powerIteration`) first takes its step on u, v;
    /// in evaluation mode (`training` false) u and v are left as they are, as the reference's
    /// `model.eval()`. Products: the flow's (K = 2: one n×n product), W_out·P (d×n×n), and per
    /// virtual layer W_in h_l (n×d×T) and R z_l (d×n×T).
    /// - Throws: `.shapeMismatch` when the input does not have d rows or has no column,
    ///   `.flow` when A, Δt or the weights are not finite or P overflows, `.normalization` when
    ///   the exact σ fails (A = 0, an SVD that does not converge).
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public mutating func forward(_ input: Matrix<Scalar>, training: Bool) throws(HWNODEError) -> (output: Matrix<Scalar>, cache: Cache) {
        let (d, n, layers) = (configuration.width, configuration.stateSize, configuration.virtualLayers)
        guard input.rows == d, input.columns > 0 else {
            throw .shapeMismatch("the input is \(input.rows)×\(input.columns), the block needs \(d) rows and at least one column")
        }
        workspace.prepare(tokens: input.columns)

        // σ and Â = A/σ.
        let a = generator.value
        var sigma: Scalar = 1
        let normalization: NormalizationRecord
        switch configuration.normalization {
        case .powerIteration:
            if training { OneStepPowerIteration.step(a, u: &powerIterationU, v: &powerIterationV) }
            let estimate = OneStepPowerIteration.sigma(a, v: powerIterationV, direction: &workspace.sigmaDirection)
            sigma = estimate.sigma
            normalization = .powerIteration(direction: estimate.differentiable ? workspace.sigmaDirection : nil, v: powerIterationV)
            workspace.normalizedGenerator.assign(a)
            workspace.normalizedGenerator.scale(by: 1 / sigma)
        case .exact:
            do {
                let (value, tape) = try ExactSpectralNormalization<Scalar>().forward(a)
                sigma = tape.sigma
                normalization = .exact(tape)
                workspace.normalizedGenerator.assign(value)
            } catch {
                throw .normalization(error)
            }
        case .none:
            normalization = .none
            workspace.normalizedGenerator.assign(a)
        }

        // P(Δt·Â), recorded for the backward pass (on a fresh tape while a cache holds the last
        // one), and the readout R = W_out P.
        if !isKnownUniquelyReferenced(&workspace.recorder) { workspace.recorder = FlowRecorder(size: n) }
        let recorder = workspace.recorder
        try recorder.record(
            configuration.flow, normalizedGenerator: workspace.normalizedGenerator, dt: timeStep.value.storage[0],
            weights: currentFlowWeights, into: &workspace.flow)
        Matrix.multiply(outputWeight.value, workspace.flow, into: &workspace.readout)

        // The virtual layers.
        for l in 0..<layers {
            if l == 0 {
                Matrix.multiply(inputWeight.value, input, into: &workspace.inputPreactivations[l])
            } else {
                Matrix.multiply(inputWeight.value, workspace.outputs[l - 1], into: &workspace.inputPreactivations[l])
            }
            configuration.inputActivation.apply(workspace.inputPreactivations[l], into: &workspace.states[l])
            Matrix.multiply(workspace.readout, workspace.states[l], into: &workspace.outputPreactivations[l])
            configuration.outputActivation.apply(workspace.outputPreactivations[l], into: &workspace.outputs[l])
        }

        let cache = Cache(
            input: input, inputPreactivations: workspace.inputPreactivations, states: workspace.states,
            outputPreactivations: workspace.outputPreactivations, outputs: workspace.outputs,
            inputWeight: inputWeight.value, outputWeight: outputWeight.value, flow: workspace.flow, readout: workspace.readout,
            generator: a, sigma: sigma,
            normalization: normalization, recorder: recorder)
        return (workspace.outputs[layers - 1], cache)
    }
}
