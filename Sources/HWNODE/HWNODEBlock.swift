import Linalg

/// The Hammerstein–Wiener neural-ODE block: L virtual layers that share one set of parameters,
///
///     z_l = φ(W_in h_l)            (n×T)
///     z'_l = P(M) z_l,  M = Δt·A/σ
///     h_{l+1} = ψ(W_out z'_l)      (d×T),     l = 0 … L−1,  h_0 = input,
///
/// with no residual inside (a transformer adds x + block(LN(x)) around it). W_out·P is formed once
/// per forward pass (the readout R), so a virtual layer costs two products with T columns.
/// The reference is `HWNode` in `peers/lm/bytegpt.py` and the published code it follows
/// (research/hwnode-reference.md §4b, §4c); `docs/hwnode.md` has the equations, the gradients
/// and the costs.
///
/// Activations are d×T matrices, one column per token. `forward` returns the output and a cache;
/// `backward` takes ∂loss/∂output and that cache, returns ∂loss/∂input and **adds** ∂loss/∂W_in,
/// W_out, A, Δt (and the flow weights when learned) into the parameters' `gradient`s.
///
/// Parameters and buffers are values: copies of the block train independently. The passes reuse
/// a workspace (buffers and the flow's tape), so after the first call with a given token count
/// they allocate only a few small arrays (the tape's) as long as the caller drops each cache
/// before the next forward pass; a cache that is kept stays valid (the next pass then takes fresh
/// storage). Copies share that workspace, so run copies of one block on one thread at a time.
public struct HWNODEBlock<Scalar: LinalgScalar>: ParameterContainer {
    /// Sizes and variant.
    public let configuration: HWNODEConfiguration
    /// The prefix of the parameter names (e.g. `blocks.3.ff`).
    public let name: String

    /// W_in, n×d (`<name>.w_in.weight`, decays).
    public var inputWeight: Parameter<Scalar>
    /// W_out, d×n (`<name>.w_out.weight`, decays).
    public var outputWeight: Parameter<Scalar>
    /// The generator A before normalization, n×n (`<name>.A`, no weight decay, as the reference).
    public var generator: Parameter<Scalar>
    /// Δt, 1×1 (`<name>.dt`, no weight decay).
    public var timeStep: Parameter<Scalar>
    /// w_0 … w_K, (K+1)×1, for the learned flows (`<name>.flow_weights`, no weight decay); nil otherwise.
    public var flowWeights: Parameter<Scalar>?

    /// The power iteration's left vector u (n×1), persistent, no gradient (`<name>.pu`).
    public internal(set) var powerIterationU: Matrix<Scalar>
    /// The power iteration's right vector v (n×1), persistent, no gradient (`<name>.pv`).
    public internal(set) var powerIterationV: Matrix<Scalar>

    /// Buffers and tape, shared by copies of the block (see `HWNODEWorkspace`).
    let workspace: HWNODEWorkspace<Scalar>

    /// A block initialised as the reference: W_in and W_out with PyTorch's `nn.Linear` default
    /// (uniform on ±1/√fan_in), A ~ N(0, 0.1²), Δt = 1, the flow weights at the flow's
    /// `initialWeights` (1/k!, or [1, 1, 1/2, …, 1/K] for Chebyshev), and u, v random unit vectors
    /// drawn from a fixed seed (12345, as the reference's generator; the same in every block).
    /// - Parameters:
    ///   - configuration: the shape (d, n, L), the flow, the normalization and φ, ψ; validated first.
    ///   - name: the prefix of the parameter names.
    ///   - seed: seeds W_in, W_out and A (SplitMix64).
    /// - Throws: `.invalidConfiguration` (see `HWNODEConfiguration.validate`).
    public init(_ configuration: HWNODEConfiguration, name: String, seed: UInt64 = 0) throws(HWNODEError) {
        try configuration.validate()
        let (d, n) = (configuration.width, configuration.stateSize)
        self.configuration = configuration
        self.name = name
        var rng = SplitMix64(seed: seed)
        inputWeight = Parameter(name: "\(name).w_in.weight", value: Self.linearDefault(rows: n, columns: d, using: &rng), decays: true)
        outputWeight = Parameter(name: "\(name).w_out.weight", value: Self.linearDefault(rows: d, columns: n, using: &rng), decays: true)
        var a = Matrix<Scalar>.randomGaussian(rows: n, columns: n, using: &rng)
        a.scale(by: Scalar(0.1))
        generator = Parameter(name: "\(name).A", value: a, decays: false)
        timeStep = Parameter(name: "\(name).dt", value: Matrix(rows: 1, columns: 1, repeating: 1), decays: false)
        if configuration.flow.learnsWeights {
            let weights = configuration.flow.initialWeights(Scalar.self)
            flowWeights = Parameter(
                name: "\(name).flow_weights", value: Matrix(rows: weights.count, columns: 1, columnMajor: weights), decays: false)
        } else {
            flowWeights = nil
        }
        var bufferRNG = SplitMix64(seed: 12345)
        powerIterationU = Matrix.randomGaussian(rows: n, columns: 1, using: &bufferRNG)
        powerIterationV = Matrix.randomGaussian(rows: n, columns: 1, using: &bufferRNG)
        OneStepPowerIteration.normalize(&powerIterationU)
        OneStepPowerIteration.normalize(&powerIterationV)
        workspace = HWNODEWorkspace(configuration)
    }

    /// W_in, W_out, A, Δt, then the flow weights when learned.
    public mutating func visitParameters(_ body: (inout Parameter<Scalar>) throws -> Void) rethrows {
        try body(&inputWeight)
        try body(&outputWeight)
        try body(&generator)
        try body(&timeStep)
        if flowWeights != nil { try body(&flowWeights!) }
    }

    /// The non-trainable state a checkpoint must keep: the power iteration's u and v (named
    /// `<name>.pu`, `<name>.pv`, n×1, as the reference's buffers), visited only under
    /// `.powerIteration` normalization. `body` may replace their values but not their shapes.
    public mutating func visitBuffers(_ body: (String, inout Matrix<Scalar>) throws -> Void) rethrows {
        guard configuration.normalization == .powerIteration else { return }
        let n = configuration.stateSize
        try body("\(name).pu", &powerIterationU)
        try body("\(name).pv", &powerIterationV)
        precondition(powerIterationU.rows == n && powerIterationU.columns == 1
                     && powerIterationV.rows == n && powerIterationV.columns == 1,
                     "the power-iteration buffers must stay \(n)×1")
    }

    /// The learned flow weights, or none (T_K's 1/k! are the tape's own).
    var currentFlowWeights: [Scalar] { flowWeights?.value.storage ?? [] }

    /// PyTorch's `nn.Linear` default, `kaiming_uniform_(a=√5)`: uniform on ±1/√fan_in with
    /// fan_in = `columns` (the input features).
    static func linearDefault<G: RandomNumberGenerator>(rows: Int, columns: Int, using rng: inout G) -> Matrix<Scalar> {
        let bound = 1 / Double(columns).squareRoot()
        var m = Matrix<Scalar>(rows: rows, columns: columns)
        for i in m.storage.indices { m.storage[i] = Scalar(Double.random(in: -bound...bound, using: &rng)) }
        return m
    }
}
