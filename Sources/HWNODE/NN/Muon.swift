import Linalg

/// Muon: momentum SGD whose update for a 2-D weight is orthogonalized by a quintic
/// Newton–Schulz iteration (K. Jordan et al. 2024, "Muon: an optimizer for hidden layers in
/// neural networks"), as in the parameter-golf baseline (`research/hwnode-reference.md` §3;
/// `train_gpt.py`, `zeropower_via_newtonschulz5` and `Muon.step`). For a weight θ (r × c) with
/// gradient g, momentum μ and learning rate lr:
///
///     b ← μ·b + g
///     u = g + μ·b            (Nesterov; u = b without it)
///     θ ← θ − lr·√max(1, r/c)·NS₅(u)
///
/// The reference runs NS₅ in bfloat16; here it runs in `Scalar`. There is no weight decay (the
/// reference baseline has none). Which parameters Muon owns is the caller's choice (the
/// reference: the 2-D matrices inside the blocks; embeddings and vectors go to Adam).
public struct Muon<Scalar: LinalgScalar>: Sendable {
    /// The quintic's coefficients (a, b, c), chosen in the reference to maximize the slope at 0.
    public static var coefficients: (a: Double, b: Double, c: Double) { (3.4445, -4.7750, 2.0315) }

    /// μ (the reference warms it from 0.85 to 0.95 over 500 steps; the caller may set it per step).
    public var momentum: Double
    public var nesterov: Bool
    /// Newton–Schulz iterations (the reference: 5).
    public var iterations: Int
    /// The momentum buffers by parameter name (created at a parameter's first step).
    public var buffers: [String: Matrix<Scalar>] = [:]

    public init(momentum: Double = 0.95, nesterov: Bool = true, iterations: Int = 5) {
        self.momentum = momentum
        self.nesterov = nesterov
        self.iterations = iterations
    }

    /// One update of the parameters of `model` for which `owns` is true.
    @inlinable
    public mutating func step<Model: ParameterContainer>(
        _ model: inout Model, learningRate: Double, owns: (Parameter<Scalar>) -> Bool
    ) where Model.Scalar == Scalar {
        let mu = Scalar(momentum)
        model.visitParameters { p in
            guard owns(p) else { return }
            var buffer = buffers[p.name] ?? Matrix(rows: p.value.rows, columns: p.value.columns)
            buffers[p.name] = nil  // keep the buffer uniquely referenced while it is updated
            buffer.scale(by: mu)
            buffer.add(p.gradient)
            var direction = buffer
            if nesterov {
                direction = p.gradient
                direction.add(buffer, scaledBy: mu)
            }
            buffers[p.name] = buffer
            let update = Self.orthogonalize(direction, iterations: iterations)
            let shapeScale = max(1, Double(p.value.rows) / Double(p.value.columns)).squareRoot()
            p.value.add(update, scaledBy: Scalar(-learningRate * shapeScale))
        }
    }

    /// NS₅(G): X₀ = G/(‖G‖_F + 1e-7), then `iterations` times X ← aX + (bA + cA²)X with A = XXᵀ,
    /// run on the wide orientation (Gᵀ when G has more rows than columns, transposed back).
    /// On singular values the map is σ ↦ aσ + bσ³ + cσ⁵ (U and V are untouched), which drives
    /// every σ in (0, 1] into roughly [0.7, 1.2] rather than exactly to 1.
    @inlinable
    public static func orthogonalize(_ g: Matrix<Scalar>, iterations: Int = 5) -> Matrix<Scalar> {
        let transposed = g.rows > g.columns
        var x = transposed ? g.transposed : g
        var squares: Scalar = 0
        for v in x.storage { squares += v * v }
        x.scale(by: 1 / (squares.squareRoot() + Scalar(1e-7)))
        let (a, b, c) = (Scalar(coefficients.a), Scalar(coefficients.b), Scalar(coefficients.c))
        let r = x.rows
        var gram = Matrix<Scalar>(rows: r, columns: r)
        var polynomial = Matrix<Scalar>(rows: r, columns: r)
        var next = x
        for _ in 0..<iterations {
            Matrix.multiply(x, transposed: false, x, transposed: true, into: &gram)
            Matrix.multiply(gram, gram, alpha: c, into: &polynomial)
            polynomial.add(gram, scaledBy: b)
            next.assign(x)
            Matrix.multiply(polynomial, x, beta: a, into: &next)
            swap(&x, &next)
        }
        return transposed ? x.transposed : x
    }
}
