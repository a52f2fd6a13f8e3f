import RealModule

/// The reference trainer's learning rate by iteration (`peers/lm/bytegpt.py`, `lr_at`; nanoGPT's
/// `get_lr` with its warmup shifted by one): linear warmup, then a half cosine down to a floor.
///
///     it < warmup:  lr·(it + 1)/(warmup + 1)
///     otherwise:    r = min((it − warmup)/max(1, final − warmup), 1)
///                   min + ½(1 + cos πr)(lr − min)
public struct LearningRateSchedule: Sendable, Codable, Equatable {
    /// The peak rate lr (reached at iteration `warmupIterations`).
    public var peak: Double
    /// The floor min, reached at `finalIteration` and kept after it.
    public var minimum: Double
    public var warmupIterations: Int
    public var finalIteration: Int

    /// Defaults: lr 1e-3 → 1e-4, warmup 100, cosine to iteration 2000 (nanoGPT's CPU baby GPT).
    public init(peak: Double = 1e-3, minimum: Double = 1e-4, warmupIterations: Int = 100, finalIteration: Int = 2000) {
        self.peak = peak
        self.minimum = minimum
        self.warmupIterations = warmupIterations
        self.finalIteration = finalIteration
    }

    /// The rate at iteration `iteration` (0-based).
    public func callAsFunction(_ iteration: Int) -> Double {
        if iteration < warmupIterations {
            return peak * Double(iteration + 1) / Double(warmupIterations + 1)
        }
        let r = Double(iteration - warmupIterations) / Double(max(1, finalIteration - warmupIterations))
        return minimum + 0.5 * (1 + Double.cos(Double.pi * min(r, 1))) * (peak - minimum)
    }
}
