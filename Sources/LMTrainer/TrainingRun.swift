import Foundation
import HWNODE
import Linalg

/// A whole training run as `mexp train` and the training notebook perform it, in the reference
/// trainer's order (`peers/lm/bytegpt.py`, `main`): estimates every `evaluationInterval`
/// iterations and at the end, a log line every 100 steps, then full-validation bits per byte,
/// the quantization round trip, and a sample.
public struct TrainingRun {
    public var model: GPTConfiguration
    public var training: TrainingConfiguration
    /// The round trip to evaluate after training (nil: none).
    public var quantization: QuantizationFormat?
    /// Bytes to sample after training (0: none).
    public var sampleLength: Int
    /// Where to write `model.safetensors` (at every estimate and at the end); nil: nowhere.
    public var checkpointURL: URL?
    /// A checkpoint to continue from instead of a fresh model.
    public var resume: Checkpoint<Float>?

    public init(model: GPTConfiguration, training: TrainingConfiguration, quantization: QuantizationFormat? = .int6,
                sampleLength: Int = 200, checkpointURL: URL? = nil, resume: Checkpoint<Float>? = nil) {
        self.model = model
        self.training = training
        self.quantization = quantization
        self.sampleLength = sampleLength
        self.checkpointURL = checkpointURL
        self.resume = resume
    }

    /// Trains on `corpus`, sending each log line to `log`.
    public func run(corpus: ByteCorpus, log: (String) -> Void) throws -> TrainingReport {
        let clock = ContinuousClock()
        let start = clock.now
        var trainer = try resume.map { try Trainer<Float>(resuming: $0, corpus: corpus) }
            ?? Trainer<Float>(model: model, training: training, corpus: corpus)
        let config = trainer.model.configuration, settings = trainer.training
        let parameters = trainer.model.parameterCount
        log("data bytes \(corpus.training.count + corpus.validation.count) train \(corpus.training.count) val \(corpus.validation.count) params \(parameters)")
        var history: [TrainingReport.Estimate] = []
        var stepTime = Duration.zero
        let firstIteration = trainer.iteration
        while true {
            let it = trainer.iteration
            if it % settings.evaluationInterval == 0 || it == settings.iterations {
                let (train, validation) = try trainer.estimate()
                history.append(.init(iteration: it, training: train, validation: validation))
                log(String(format: "iter %d train_est %.4f val_est %.4f train_time %.1fs", it, train, validation, seconds(stepTime)))
                if let checkpointURL { try trainer.checkpoint().write(to: checkpointURL) }
            }
            if it >= settings.iterations { break }
            let before = clock.now
            let step = try trainer.step()
            stepTime += clock.now - before
            if it % 100 == 0 {
                log(String(format: "iter %d loss %.4f lr %.2e grad_norm %.3f", it, step.loss, step.learningRate, step.gradientNorm))
            }
        }
        let steps = trainer.iteration - firstIteration
        var model = trainer.model
        let full = try Evaluation.fullValidation(&model, data: corpus.validation, sequenceLength: config.contextLength)
        log(String(format: "val full nats/byte %.4f bpb %.4f (%d targets)", full.natsPerByte, full.bitsPerByte, full.targets))
        var quantized: TrainingReport.Quantized?
        if let quantization {
            var copy = model
            let entries = copy.applyQuantizationRoundTrip(quantization)
            let score = try Evaluation.fullValidation(&copy, data: corpus.validation, sequenceLength: config.contextLength)
            quantized = .init(format: quantization, bitsPerByte: score.bitsPerByte, quantizedEntries: entries)
            log(String(format: "%@ absmax: val bpb %.4f (delta %+.4f), %d entries quantized",
                       quantization.rawValue, score.bitsPerByte, score.bitsPerByte - full.bitsPerByte, entries))
        }
        var sample = ""
        if sampleLength > 0 {
            var sampler = TextSampler(temperature: 1, seed: settings.seed)
            let bytes = try sampler.sample(&model, prompt: Array("\n".utf8), count: sampleLength)
            sample = String(decoding: bytes, as: UTF8.self)
            log("sample:\n" + sample)
        }
        return TrainingReport(
            parameters: parameters, iterations: trainer.iteration, steps: steps, history: history, validation: full,
            quantized: quantized, millisecondsPerStep: steps > 0 ? 1000 * seconds(stepTime) / Double(steps) : .nan,
            seconds: seconds(clock.now - start), sample: sample, checkpoint: trainer.checkpoint())
    }
}

/// Seconds in a `Duration`.
func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// What a `TrainingRun` measured.
public struct TrainingReport {
    /// An estimate of the losses at one iteration (nats per byte).
    public struct Estimate: Sendable {
        public let iteration: Int
        public let training: Double
        public let validation: Double
    }
    /// The quantization round trip's result.
    public struct Quantized: Sendable {
        public let format: QuantizationFormat
        public let bitsPerByte: Double
        public let quantizedEntries: Int
    }

    public let parameters: Int
    /// The iteration reached.
    public let iterations: Int
    /// Steps taken in this run (less than `iterations` when resumed).
    public let steps: Int
    public let history: [Estimate]
    public let validation: ValidationScore
    public let quantized: Quantized?
    /// Mean wall time of a training step (batch, forward, backward, clip, AdamW), evaluations excluded.
    public let millisecondsPerStep: Double
    /// Wall time of the whole run, evaluations included.
    public let seconds: Double
    public let sample: String
    /// The final state.
    public let checkpoint: Checkpoint<Float>
}
