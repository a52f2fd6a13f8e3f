import Foundation
import Linalg
import Testing
import HWNODE
import LMTrainer

@Suite struct ByteGPTTrainingTests {
    static let text = Array(String(repeating: "the cat sat on the mat. the dog sat on the log. ", count: 12).utf8)

    static func tiny(_ feedForward: GPTConfiguration.FeedForward) -> (GPTConfiguration, TrainingConfiguration) {
        var model = GPTConfiguration()
        model.feedForward = feedForward
        model.layers = 1
        model.width = 16
        model.heads = 2
        model.contextLength = 8
        model.stateDimension = 8
        var training = TrainingConfiguration()
        training.iterations = 40
        training.batchSize = 4
        training.learningRate = 1e-2
        training.minimumLearningRate = 1e-3
        training.warmupIterations = 5
        training.evaluationBatches = 4
        return (model, training)
    }

    @Test("a few steps lower the held-out loss", arguments: GPTConfiguration.FeedForward.allCases)
    func trainingLowersTheLoss(feedForward: GPTConfiguration.FeedForward) throws {
        let (model, training) = Self.tiny(feedForward)
        var trainer = try Trainer<Float>(model: model, training: training, corpus: try ByteCorpus(bytes: Self.text))
        let before = try trainer.estimate()
        // At init the logits are near zero: the loss is close to ln 256.
        #expect(abs(before.validation - Foundation.log(256.0)) < 0.1)
        for _ in 0..<training.iterations { try trainer.step() }
        let after = try trainer.estimate()
        // The text repeats two sentences; a unigram model of it alone reaches ≈ 2.7 nats.
        #expect(after.validation < 3, "\(feedForward): \(before) → \(after)")
        #expect(after.training < 3)
    }

    @Test func checkpointRoundTripReproducesLogitsAndTheNextStepBitForBit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gpt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("model.safetensors")
        let corpus = try ByteCorpus(bytes: Self.text)
        for feedForward in GPTConfiguration.FeedForward.allCases {
            let (model, training) = Self.tiny(feedForward)
            var trainer = try Trainer<Float>(model: model, training: training, corpus: corpus)
            for _ in 0..<3 { try trainer.step() }
            try trainer.checkpoint().write(to: url)
            var resumed = try Trainer<Float>(resuming: try Checkpoint<Float>.read(from: url), corpus: corpus)
            #expect(resumed.iteration == 3)
            let tokens = Array(Self.text[5..<21])
            #expect(try resumed.model.logits(tokens: tokens, sequenceLength: 8) == trainer.model.logits(tokens: tokens, sequenceLength: 8))
            // Same batch, same optimizer state: the next step and its result agree exactly.
            let next = try trainer.step(), resumedNext = try resumed.step()
            #expect(next.loss == resumedNext.loss)
            #expect(resumed.model.stateTensors() == trainer.model.stateTensors())
        }
    }

    @Test func mismatchedCheckpointsAreTypedErrors() throws {
        let corpus = try ByteCorpus(bytes: Self.text)
        let (model, training) = Self.tiny(.mlp)
        let trainer = try Trainer<Float>(model: model, training: training, corpus: corpus)
        var wider = trainer.checkpoint()
        wider.model.width = 32
        #expect(throws: TrainerError.checkpointMismatch("tensor 'tok.weight' is 256×16, the model needs 256×32")) {
            try Trainer<Float>(resuming: wider, corpus: corpus)
        }
        var missing = trainer.checkpoint()
        missing.tensors["ln_f.weight"] = nil
        #expect(throws: TrainerError.checkpointMismatch("tensor 'ln_f.weight' is missing")) {
            try Trainer<Float>(resuming: missing, corpus: corpus)
        }
        var extra = trainer.checkpoint()
        extra.tensors["blocks.9.attn.qkv.weight"] = Matrix(rows: 2, columns: 2)
        #expect(throws: TrainerError.checkpointMismatch("tensor 'blocks.9.attn.qkv.weight' is not part of this model")) {
            try Trainer<Float>(resuming: extra, corpus: corpus)
        }
        var badWidth = model
        badWidth.heads = 3
        #expect(throws: TrainerError.invalidConfiguration("width 16 is not a multiple of heads 3")) {
            try Trainer<Float>(model: badWidth, training: training, corpus: corpus)
        }
    }

    @Test func quantizationRoundTripCoversMatricesOnlyAndLeavesBuffers() throws {
        let (configuration, _) = Self.tiny(.hwnode)
        var model = try ByteGPT<Float>(configuration: configuration, seed: 1)
        let original = model.stateTensors()
        let quantized = model.applyQuantizationRoundTrip(.int8)
        let after = model.stateTensors()
        var matrixEntries = 0
        for (name, value) in original where !name.hasSuffix(".pu") && !name.hasSuffix(".pv") {
            if value.rows > 1 && value.columns > 1 { matrixEntries += value.rows * value.columns } else { #expect(after[name] == value, "\(name)") }
        }
        #expect(quantized == matrixEntries)
        #expect(after["blocks.0.ff.pu"] == original["blocks.0.ff.pu"])
    }
}
