/// How to train: the optimizer, the schedule, the batches and the evaluation cadence. Defaults
/// are the reference recipe (`peers/lm/bytegpt.py`; nanoGPT's CPU settings): AdamW
/// (β₁, β₂) = (0.9, 0.99), weight decay 0.1 on weight matrices, learning rate 1e-3 warmed up over
/// 100 iterations then cosine to 1e-4 at the last iteration, gradient-norm clip 1.0, batches of
/// 12 × 64 bytes, 2000 iterations, an estimate every 250.
public struct TrainingConfiguration: Codable, Sendable, Equatable {
    public var iterations = 2000
    public var batchSize = 12
    public var learningRate = 1e-3
    public var minimumLearningRate = 1e-4
    public var warmupIterations = 100
    public var weightDecay = 0.1
    public var beta1 = 0.9
    public var beta2 = 0.99
    public var epsilon = 1e-8
    /// The global gradient-norm bound (0 turns clipping off).
    public var gradientClip = 1.0
    /// Seeds the initialization and the training batches.
    public var seed: UInt64 = 1337
    /// Iterations between validation estimates (and checkpoints).
    public var evaluationInterval = 250
    /// Batches averaged by each estimate.
    public var evaluationBatches = Evaluation.estimateBatches

    public init() {}

    /// Why these settings cannot train, or nil.
    public var problem: String? {
        if iterations < 0 { return "iterations must be non-negative, got \(iterations)" }
        if batchSize < 1 { return "the batch size must be positive, got \(batchSize)" }
        if !(learningRate > 0) || !(minimumLearningRate >= 0) || minimumLearningRate > learningRate {
            return "need 0 ≤ min-lr ≤ lr and lr > 0, got lr \(learningRate), min-lr \(minimumLearningRate)"
        }
        if warmupIterations < 0 { return "warmup must be non-negative, got \(warmupIterations)" }
        if !(weightDecay >= 0) { return "weight decay must be non-negative, got \(weightDecay)" }
        if evaluationInterval < 1 { return "the evaluation interval must be positive, got \(evaluationInterval)" }
        if !(gradientClip >= 0) { return "the gradient clip must be non-negative, got \(gradientClip)" }
        return nil
    }
}
