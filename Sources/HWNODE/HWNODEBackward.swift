import Linalg
import MatrixExp
import Parametrizations

extension HWNODEBlock {
    /// ∂loss/∂input for ∂loss/∂output (d×T) and the cache of the forward pass; adds ∂loss/∂W_in,
    /// ∂loss/∂W_out, ∂loss/∂A, ∂loss/∂Δt (and ∂loss/∂w for learned flows) into the parameters'
    /// gradients.
    ///
    /// Reverse through the virtual layers (l = L−1 … 0), with R = W_out P:
    ///
    ///     c̄_l = ψ′(c_l) ⊙ h̄_{l+1},   R̄ += c̄_l z_lᵀ,   z̄_l = Rᵀ c̄_l,
    ///     ā_l = φ′(a_l) ⊙ z̄_l,       W̄_in += ā_l h_lᵀ,  h̄_l = W_inᵀ ā_l;
    ///
    /// then W̄_out += R̄ Pᵀ and P̄ = W_outᵀ R̄; the flow's tape turns P̄ into ∂/∂Â (through Δt),
    /// ∂/∂Δt and ∂/∂w (the exact adjoint of the computed P, `ExpmTape.backward`); finally σ:
    /// Ā = Â̄/σ − (⟨Â̄, A⟩/σ²)·∇σ with ∇σ = û vᵀ (power iteration, u and v constant) or u₁v₁ᵀ
    /// (exact σ, `ExactSpectralNormalization.pullback`).
    /// - Throws: `.shapeMismatch` when the gradient's shape is not the output's, `.flow` when the
    ///   flow's gradient overflows, `.normalization` from the exact σ's pullback.
    @_specialize(where Scalar == Double)
    @_specialize(where Scalar == Float)
    public mutating func backward(_ outputGradient: Matrix<Scalar>, cache: Cache) throws(HWNODEError) -> Matrix<Scalar> {
        let (d, layers) = (configuration.width, configuration.virtualLayers)
        guard outputGradient.rows == d, outputGradient.columns == cache.tokens,
              cache.inputWeight.rows == inputWeight.value.rows, cache.inputWeight.columns == inputWeight.value.columns,
              cache.outputs.count == layers else {
            throw .shapeMismatch("the output gradient is \(outputGradient.rows)×\(outputGradient.columns), the output \(d)×\(cache.tokens)")
        }
        workspace.prepare(tokens: cache.tokens)

        for l in stride(from: layers - 1, through: 0, by: -1) {
            if l == layers - 1 {
                configuration.outputActivation.pullback(
                    input: cache.outputPreactivations[l], outputGradient: outputGradient, into: &workspace.outputPreactivationGradient)
            } else {
                configuration.outputActivation.pullback(
                    input: cache.outputPreactivations[l], outputGradient: workspace.inputGradient,
                    into: &workspace.outputPreactivationGradient)
            }
            Matrix.multiply(workspace.outputPreactivationGradient, transposed: false, cache.states[l], transposed: true,
                            beta: l == layers - 1 ? 0 : 1, into: &workspace.readoutGradient)
            Matrix.multiply(cache.readout, transposed: true, workspace.outputPreactivationGradient, into: &workspace.stateGradient)
            configuration.inputActivation.pullback(
                input: cache.inputPreactivations[l], outputGradient: workspace.stateGradient, into: &workspace.inputPreactivationGradient)
            if l == 0 {
                Matrix.multiply(workspace.inputPreactivationGradient, transposed: false, cache.input, transposed: true, beta: 1, into: &inputWeight.gradient)
            } else {
                Matrix.multiply(workspace.inputPreactivationGradient, transposed: false, cache.outputs[l - 1], transposed: true, beta: 1,
                                into: &inputWeight.gradient)
            }
            Matrix.multiply(cache.inputWeight, transposed: true, workspace.inputPreactivationGradient, into: &workspace.inputGradient)
        }

        // R = W_out P.
        Matrix.multiply(workspace.readoutGradient, transposed: false, cache.flow, transposed: true, beta: 1, into: &outputWeight.gradient)
        Matrix.multiply(cache.outputWeight, transposed: true, workspace.readoutGradient, into: &workspace.flowGradient)

        // P(Δt·Â), through the tape that recorded this cache's flow.
        do {
            try cache.recorder.tape.backward(cotangent: workspace.flowGradient, into: &workspace.flowCotangents)
        } catch {
            throw .flow(error)
        }
        timeStep.gradient.storage[0] += workspace.flowCotangents.dt
        if flowWeights != nil {
            for k in workspace.flowCotangents.weights.indices {
                flowWeights!.gradient.storage[k] += workspace.flowCotangents.weights[k]
            }
        }

        // Â = A/σ: Ā = Â̄/σ − (⟨Â̄, A⟩/σ²)·∇σ, formed in place of Â̄.
        switch cache.normalization {
        case .none:
            generator.gradient.add(workspace.flowCotangents.a)
        case let .powerIteration(direction, v):
            let sigma = cache.sigma
            let inner = workspace.flowCotangents.a.storage.withUnsafeBufferPointer { g in
                cache.generator.storage.withUnsafeBufferPointer { a in
                    var sum: Scalar = 0
                    for k in g.indices { sum += g[k] * a[k] }
                    return sum
                }
            }
            workspace.flowCotangents.a.scale(by: 1 / sigma)
            if let direction {
                Matrix.multiply(direction, transposed: false, v, transposed: true, alpha: -inner / (sigma * sigma), beta: 1,
                                into: &workspace.flowCotangents.a)
            }
            generator.gradient.add(workspace.flowCotangents.a)
        case .exact(let tape):
            do {
                generator.gradient.add(try ExactSpectralNormalization<Scalar>().pullback(tape, cotangent: workspace.flowCotangents.a))
            } catch {
                throw .normalization(error)
            }
        }
        return workspace.inputGradient
    }
}
