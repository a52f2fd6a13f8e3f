import ArgumentParser
import Foundation
import HWNODE
import Linalg
import LMTrainer

/// `mexp train --data FILE …`: trains the byte-level GPT of `LMTrainer` (MLP or HWNODE
/// feed-forward) with the reference recipe, logs progress on stderr (and to DIR/log.txt),
/// writes DIR/model.safetensors, and prints one JSON line: parameters, iterations, the final
/// validation estimate, full-validation bits per byte, the quantized bits per byte and its delta,
/// milliseconds per step and seconds.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the byte-level GPT (MLP or HWNODE feed-forward) on a text file; report bits per byte.",
        discussion: """
            Defaults reproduce the reference recipe (nanoGPT's CPU baby GPT at byte level): 4 layers, \
            width 128, 4 heads, block 64, batch 12, AdamW lr 1e-3 → 1e-4 cosine after 100 warmup \
            iterations, weight decay 0.1, gradient clip 1.0, 2000 iterations. The first 90% of the \
            file trains, the rest validates.
            """)

    @Option(help: ArgumentHelp("The training text (any bytes).", valueName: "FILE"))
    var data: String
    @Option(help: ArgumentHelp("Feed-forward block.", valueName: "mlp|hwnode"))
    var arch = "mlp"
    @Option(name: .customLong("n-layer"), help: "Transformer blocks.")
    var layers = 4
    @Option(name: .customLong("d-model"), help: "Model width.")
    var width = 128
    @Option(help: "Attention heads (must divide --d-model).")
    var heads = 4
    @Option(help: "Context length in bytes.")
    var block = 64
    @Option(help: "Sequences per batch.")
    var batch = 12
    @Option(name: .customLong("state-dim"), help: "HWNODE state size n.")
    var stateDimension = 128
    @Option(help: "HWNODE polynomial order K.")
    var order = 2
    @Option(name: .customLong("virtual-layers"), help: "HWNODE virtual layers.")
    var virtualLayers = 2
    @Option(help: ArgumentHelp("HWNODE flow.", valueName: "taylor|learned-taylor|chebyshev|pade"))
    var flow = "taylor"
    @Option(help: "Training iterations.")
    var iters = 2000
    @Option(help: "Peak learning rate.")
    var lr = 1e-3
    @Option(name: .customLong("min-lr"), help: "Final learning rate.")
    var minLR = 1e-4
    @Option(help: "Warmup iterations.")
    var warmup = 100
    @Option(name: .customLong("weight-decay"), help: "AdamW weight decay on weight matrices.")
    var weightDecay = 0.1
    @Option(help: "Seed of the initialization and the batches.")
    var seed: UInt64 = 1337
    @Option(name: .customLong("eval-interval"), help: "Iterations between estimates and checkpoints.")
    var evalInterval = 250
    @Option(name: .customLong("out"), help: ArgumentHelp("Folder for model.safetensors and log.txt (created if missing).", valueName: "DIR"))
    var output: String?
    @Option(help: ArgumentHelp("A checkpoint (model.safetensors) to continue from; its configuration replaces the model and training flags.", valueName: "FILE"))
    var resume: String?
    @Option(help: ArgumentHelp("Round trip evaluated after training.", valueName: "int6|int8|none"))
    var quantize = "int6"
    @Option(help: "Bytes to sample after training (0: none).")
    var sample = 200
    @Option(help: "Threads for BLAS calls.")
    var threads = 1

    func validate() throws {
        _ = try modelConfiguration()
        _ = try trainingConfiguration()
        _ = try quantization()
        if sample < 0 { throw ValidationError("--sample must be non-negative, got \(sample)") }
        if threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    func modelConfiguration() throws -> GPTConfiguration {
        var c = GPTConfiguration()
        guard let feedForward = GPTConfiguration.FeedForward(rawValue: arch) else {
            throw ValidationError("--arch: unknown value '\(arch)' (mlp or hwnode)")
        }
        guard let flow = GPTConfiguration.Flow(rawValue: flow) else {
            throw ValidationError("--flow: unknown value '\(self.flow)' (taylor, learned-taylor, chebyshev or pade)")
        }
        c.feedForward = feedForward
        c.flow = flow
        c.layers = layers
        c.width = width
        c.heads = heads
        c.contextLength = block
        c.stateDimension = stateDimension
        c.order = order
        c.virtualLayers = virtualLayers
        if let problem = c.problem { throw ValidationError(problem) }
        return c
    }

    func trainingConfiguration() throws -> TrainingConfiguration {
        var t = TrainingConfiguration()
        t.iterations = iters
        t.batchSize = batch
        t.learningRate = lr
        t.minimumLearningRate = minLR
        t.warmupIterations = warmup
        t.weightDecay = weightDecay
        t.seed = seed
        t.evaluationInterval = evalInterval
        if let problem = t.problem { throw ValidationError(problem) }
        return t
    }

    func quantization() throws -> QuantizationFormat? {
        if quantize == "none" { return nil }
        guard let format = QuantizationFormat(rawValue: quantize) else {
            throw ValidationError("--quantize: unknown value '\(quantize)' (int6, int8 or none)")
        }
        return format
    }

    func run() throws {
        BLASConfiguration.setThreads(threads)
        _ = HeapTuning.keepFreedBuffersForReuse()   // reuse each step's buffers instead of re-faulting pages
        let corpusURL = URL(fileURLWithPath: data)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: data, isDirectory: &isDirectory) else { throw InputError.fileNotFound(path: data) }
        guard !isDirectory.boolValue else { throw InputError.isDirectory(path: data) }
        let model = try modelConfiguration()
        let corpus = try ByteCorpus(contentsOf: corpusURL, minimumPartLength: model.contextLength + 1)
        let resumed = try resume.map { try Checkpoint<Float>.read(from: URL(fileURLWithPath: $0)) }

        var logFile: FileHandle?
        var checkpointURL: URL?
        if let output {
            let folder = URL(fileURLWithPath: output, isDirectory: true)
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let logURL = folder.appendingPathComponent("log.txt")
                _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
                logFile = try FileHandle(forWritingTo: logURL)
            } catch {
                throw TrainOutputError(path: output, reason: error.localizedDescription)
            }
            checkpointURL = folder.appendingPathComponent("model.safetensors")
        }
        defer { try? logFile?.close() }
        let log: (String) -> Void = { line in
            StandardError.writeLine(line)
            logFile?.write(Data((line + "\n").utf8))
        }
        let load = systemLoadAverage()
        log("mexp \(CommandLine.arguments.dropFirst().joined(separator: " "))")
        log("threads \(threads), load average at start \(load.map { $0.map { String(format: "%.2f", $0) } ?? "?" }.joined(separator: " "))")

        let run = TrainingRun(
            model: model, training: try trainingConfiguration(), quantization: try quantization(),
            sampleLength: sample, checkpointURL: checkpointURL, resume: resumed)
        let report = try run.run(corpus: corpus, log: log)
        let loadEnd = systemLoadAverage()

        var summary = JSONSummary()
        summary["arch"] = .string(report.checkpoint.model.feedForward.rawValue)
        summary["params"] = .integer(report.parameters)
        summary["iters"] = .integer(report.iterations)
        summary["train_est"] = .number(report.history.last?.training)
        summary["val_est"] = .number(report.history.last?.validation)
        summary["val_bpb"] = .double(report.validation.bitsPerByte)
        summary["val_targets"] = .integer(report.validation.targets)
        summary["quantize"] = .text(report.quantized?.format.rawValue)
        summary["quantized_bpb"] = .number(report.quantized?.bitsPerByte)
        summary["quantized_delta_bpb"] = .number(report.quantized.map { $0.bitsPerByte - report.validation.bitsPerByte })
        summary["ms_per_step"] = .double(report.millisecondsPerStep)
        summary["threads"] = .integer(threads)
        summary["load_average_start"] = .number(load[0])
        summary["load_average_end"] = .number(loadEnd[0])
        summary["checkpoint"] = .text(checkpointURL?.path)
        summary["seconds"] = .double(report.seconds)
        summary.print()
    }
}

/// The `--out` folder of `mexp train` cannot be created or written.
struct TrainOutputError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "\(path): cannot write training output: \(reason)" }
}
