import Linalg

/// The rule behind `mexp expmv --method auto`: the truncated-Taylor action or Krylov, decided
/// before any vector is touched from what the Taylor plan knows a priori (its cost m·s in
/// applications of A, AMH Code Fragment 3.1) and whether A is symmetric.
///
/// - **Non-symmetric A → Taylor** while m·s ≤ `generalTaylorLimit`. Each Arnoldi step of
///   dimension j costs j inner products and axpys on top of its application, so per application
///   Arnoldi is several times dearer than a Taylor term (one fused pass), and Taylor's result
///   carries a backward-error bound where Krylov has an estimate.
/// - **Symmetric A → Taylor** while m·s ≤ `symmetricTaylorLimit`, else Lanczos: Lanczos needs
///   roughly √(|t|·width of the spectrum) applications where Taylor needs about |t|·‖A − μI‖₁, so
///   Lanczos wins once ‖tA‖ is large.
///
/// The two limits are measured crossovers on the built-in problems (docs/taylor-action.md,
/// "Choosing between Taylor and Krylov").
public enum ExpmvMethodRule {
    /// The two methods auto chooses between.
    public enum Method: String, Sendable {
        case taylor, krylov
    }

    /// Taylor's a priori cost up to which auto prefers it for symmetric A.
    public static let symmetricTaylorLimit = 60
    /// Taylor's a priori cost up to which auto prefers it for non-symmetric A.
    public static let generalTaylorLimit = 300

    /// What auto decided, with the Taylor plan it built (reused when Taylor runs) and the
    /// applications of A the decision cost (the symmetry probe; the plan's own are in its
    /// `setupApplications`).
    public struct Choice<Operator: LinearOperator> {
        public var method: Method
        public var plan: TaylorActionPlan<Operator>
        public var taylorParameters: TaylorActionParameters
        public var symmetric: Bool
        public var probeApplications: Int
        /// The rule as applied, in words (printed by `mexp expmv`).
        public var reason: String
    }

    /// Applies the rule for exp(tA)v, t the largest |t_i|.
    /// - Throws: `TaylorActionError` from building the plan or choosing its parameters.
    public static func choose<Operator: LinearOperator>(
        _ a: Operator, t: Double, tolerance: Double?
    ) throws(TaylorActionError) -> Choice<Operator> {
        let plan = try TaylorActionPlan(a)
        let parameters = try plan.parameters(t: t, tolerance: tolerance)
        let symmetric = SymmetryProbe.looksSymmetric(a, normEstimate: plan.norm1 + abs(plan.shift))
        let limit = symmetric ? symmetricTaylorLimit : generalTaylorLimit
        let method: Method = parameters.cost <= limit ? .taylor : .krylov
        let reason = "\(symmetric ? "symmetric" : "non-symmetric") A, Taylor cost m·s = \(parameters.degree)·\(parameters.steps) "
            + "\(parameters.cost <= limit ? "≤" : ">") \(limit)"
        return Choice(method: method, plan: plan, taylorParameters: parameters, symmetric: symmetric, probeApplications: 2, reason: reason)
    }
}
