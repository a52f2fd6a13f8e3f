import HWNODE
import Linalg

/// The training loop's state and one step of it: a model, its AdamW optimizer, the learning-rate
/// schedule and the seeded batch stream, as in the reference trainer (`peers/lm/bytegpt.py`,
/// `main`):
///
///     lr ← schedule(it); batch ← next random batch; loss, ∇ ← forward/backward;
///     clip ‖∇‖₂ to 1.0; AdamW step (weight decay on `decays` parameters only).
///
/// The model is initialised from `seed` and the batches are drawn from `seed + 1`. A checkpoint
/// holds the model, the optimizer's moments and the iteration; `init(resuming:corpus:)` continues
/// exactly where it stopped (the batch stream is replayed up to that iteration).
public struct Trainer<Scalar: LinalgScalar> {
    public var model: ByteGPT<Scalar>
    public var optimizer: AdamW<Scalar>
    public let training: TrainingConfiguration
    public let corpus: ByteCorpus
    /// Steps taken so far.
    public private(set) var iteration: Int
    public let schedule: LearningRateSchedule
    private var batches: BatchSampler

    /// What one step did.
    public struct Step: Sendable {
        /// The mean training loss of the batch, before the update (nats per byte).
        public let loss: Double
        public let learningRate: Double
        /// ‖∇‖₂ before clipping.
        public let gradientNorm: Double
    }

    /// A fresh model and optimizer.
    /// - Throws: `TrainerError.invalidConfiguration` for settings that cannot train, or a corpus
    ///   whose parts are not longer than one context window.
    public init(model configuration: GPTConfiguration, training: TrainingConfiguration, corpus: ByteCorpus) throws {
        try Self.check(configuration, training, corpus)
        self.init(
            model: try ByteGPT(configuration: configuration, seed: training.seed), training: training, corpus: corpus,
            optimizer: Self.optimizer(training), iteration: 0)
    }

    /// The model, optimizer and iteration of `checkpoint`, training on `corpus`.
    /// - Throws: `TrainerError.checkpointMismatch` when a tensor is missing or of another shape.
    public init(resuming checkpoint: Checkpoint<Scalar>, corpus: ByteCorpus) throws {
        try Self.check(checkpoint.model, checkpoint.training, corpus)
        var model = try ByteGPT<Scalar>(configuration: checkpoint.model, seed: checkpoint.training.seed)
        try model.load(checkpoint.tensors)
        var optimizer = Self.optimizer(checkpoint.training)
        if checkpoint.iteration > 0 {
            try model.visitParameters { p in
                for (prefix, moments) in [("optimizer.m.", 0), ("optimizer.v.", 1)] {
                    guard let stored = checkpoint.tensors[prefix + p.name] else {
                        throw TrainerError.checkpointMismatch("tensor '\(prefix + p.name)' is missing")
                    }
                    guard stored.rows == p.value.rows, stored.columns == p.value.columns else {
                        throw TrainerError.checkpointMismatch("tensor '\(prefix + p.name)' has the wrong shape")
                    }
                    if moments == 0 { optimizer.firstMoments.append(stored) } else { optimizer.secondMoments.append(stored) }
                }
            }
            optimizer.stepCount = checkpoint.iteration
        }
        self.init(model: model, training: checkpoint.training, corpus: corpus, optimizer: optimizer, iteration: checkpoint.iteration)
    }

    private init(model: ByteGPT<Scalar>, training: TrainingConfiguration, corpus: ByteCorpus, optimizer: AdamW<Scalar>, iteration: Int) {
        self.model = model
        self.training = training
        self.corpus = corpus
        self.optimizer = optimizer
        self.iteration = iteration
        self.schedule = LearningRateSchedule(
            peak: training.learningRate, minimum: training.minimumLearningRate,
            warmupIterations: training.warmupIterations, finalIteration: training.iterations)
        self.batches = BatchSampler(batchSize: training.batchSize, sequenceLength: model.contextLength, seed: training.seed &+ 1)
        batches.skip(iteration, from: corpus.training)
    }

    private static func optimizer(_ training: TrainingConfiguration) -> AdamW<Scalar> {
        AdamW(beta1: training.beta1, beta2: training.beta2, epsilon: training.epsilon, weightDecay: training.weightDecay)
    }

    private static func check(_ model: GPTConfiguration, _ training: TrainingConfiguration, _ corpus: ByteCorpus) throws {
        if let problem = model.problem ?? training.problem { throw TrainerError.invalidConfiguration(problem) }
        let needed = model.contextLength + 1
        guard corpus.training.count >= needed, corpus.validation.count >= needed else {
            throw TrainerError.corpusTooSmall(bytes: corpus.training.count + corpus.validation.count, needed: needed)
        }
    }

    /// One optimization step on the next training batch.
    /// - Throws: `TrainerError.diverged` when the loss is not finite (the parameters are then
    ///   not updated).
    @_specialize(where Scalar == Float)
    @discardableResult
    public mutating func step() throws -> Step {
        let learningRate = schedule(iteration)
        let batch = batches.next(from: corpus.training)
        model.zeroGradients()
        let loss = Double(try model.lossAndGradient(batch))
        guard loss.isFinite else { throw TrainerError.diverged(iteration: iteration, loss: loss) }
        let norm = training.gradientClip > 0 ? model.clipGradientNorm(maxNorm: training.gradientClip) : Double.nan
        optimizer.step(&model, learningRate: learningRate)
        iteration += 1
        return Step(loss: loss, learningRate: learningRate, gradientNorm: norm)
    }

    /// nanoGPT's estimates at the current iteration: mean loss of `evaluationBatches` random
    /// batches of training and of validation bytes (seeds 1000 + it and 2000 + it, as the reference).
    @_specialize(where Scalar == Float)
    public mutating func estimate() throws -> (training: Double, validation: Double) {
        let it = UInt64(iteration)
        let train = try Evaluation.estimatedLoss(
            &model, data: corpus.training, batchSize: training.batchSize, sequenceLength: model.contextLength,
            batches: training.evaluationBatches, seed: 1000 + it)
        let validation = try Evaluation.estimatedLoss(
            &model, data: corpus.validation, batchSize: training.batchSize, sequenceLength: model.contextLength,
            batches: training.evaluationBatches, seed: 2000 + it)
        return (train, validation)
    }

    /// The model, the optimizer's moments (`optimizer.m.<name>`, `optimizer.v.<name>`) and the
    /// iteration.
    public func checkpoint() -> Checkpoint<Scalar> {
        var tensors = model.stateTensors()
        var copy = model
        var index = 0
        copy.visitParameters { p in
            if index < optimizer.firstMoments.count {
                tensors["optimizer.m." + p.name] = optimizer.firstMoments[index]
                tensors["optimizer.v." + p.name] = optimizer.secondMoments[index]
            }
            index += 1
        }
        return Checkpoint(model: model.configuration, training: training, iteration: iteration, tensors: tensors)
    }
}
