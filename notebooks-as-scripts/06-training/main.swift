// %% [markdown]
// # 6 · Training a byte-level GPT with MLP or HWNODE feed-forward blocks
//
// The trainer of `LMTrainer` is the reference recipe of `peers/lm/bytegpt.py` (nanoGPT's CPU
// "baby GPT" at byte level): learned token and position embeddings, pre-LN blocks
// x + attn(LN(x)), x + ffn(LN(x)), a final LayerNorm and a head tied to the token embedding;
// AdamW (0.9, 0.99) with weight decay on weight matrices, warmup then cosine decay, gradient
// clipping at 1. The feed-forward half of each block is either nanoGPT's GELU MLP or the HWNODE
// block h ↦ ψ(W_out P(Δt·A/σ) φ(W_in h)) applied over two virtual layers.
//
// This walkthrough trains one small model of each kind on the same bytes, watches the held-out
// loss, scores full-validation bits per byte, checks what int8/int6 storage costs, and samples.
//
// Run: `swift run -c release NB06Training [FIGURE_DIR] [--short] [--data FILE]` (without
// `--data`, a built-in passage; tiny shakespeare gives a more interesting run).

// %%
import Foundation
import HWNODE
import LMTrainer
import Linalg
import MexpCommands

let arguments = Array(CommandLine.arguments.dropFirst())
let short = arguments.contains("--short")
let dataPath = arguments.firstIndex(of: "--data").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
let figureFolder = URL(fileURLWithPath: arguments.first { !$0.hasPrefix("--") && $0 != dataPath }
    ?? ProcessInfo.processInfo.environment["MEXP_NOTEBOOK_FIGURES"]
    ?? NSTemporaryDirectory() + "mexp-notebooks", isDirectory: true)
try FileManager.default.createDirectory(at: figureFolder, withIntermediateDirectories: true)

// %% [markdown]
// ## The bytes
// Any file is a corpus: its bytes are the tokens (vocabulary 256). The first 90% train, the rest
// validate (nanoGPT's split).

// %%
let passage = """
    Shall I compare thee to a summer's day? Thou art more lovely and more temperate:
    Rough winds do shake the darling buds of May, And summer's lease hath all too short a date;
    Sometime too hot the eye of heaven shines, And often is his gold complexion dimm'd;
    And every fair from fair sometime declines, By chance or nature's changing course untrimm'd;
    But thy eternal summer shall not fade, Nor lose possession of that fair thou ow'st;
    Nor shall death brag thou wander'st in his shade, When in eternal lines to time thou grow'st:
    So long as men can breathe or eyes can see, So long lives this, and this gives life to thee.

    """
let corpus = try dataPath.map { try ByteCorpus(contentsOf: URL(fileURLWithPath: $0)) }
    ?? ByteCorpus(bytes: Array(String(repeating: passage, count: 8).utf8))
print("corpus: \(dataPath ?? "built-in sonnet × 8"), \(corpus.training.count) training and \(corpus.validation.count) validation bytes")

// %% [markdown]
// ## Two models of the same shape
// Short mode: one block of width 16; full mode: two blocks of width 64. The HWNODE block uses
// state size n = d, Taylor order 2 and two virtual layers (the reference's choice).

// %%
var shape = GPTConfiguration()
shape.layers = short ? 1 : 2
shape.width = short ? 16 : 64
shape.heads = short ? 2 : 4
shape.contextLength = short ? 16 : 64
shape.stateDimension = shape.width
var training = TrainingConfiguration()
training.iterations = short ? 20 : 600
training.batchSize = short ? 4 : 12
training.learningRate = 3e-3
training.minimumLearningRate = 3e-4
training.warmupIterations = short ? 2 : 50
training.evaluationInterval = short ? 10 : 50
training.evaluationBatches = short ? 2 : 10

// %% [markdown]
// ## The training loop, written out
// `Trainer.step()` is one iteration: next random batch, forward, cross-entropy, backward, clip,
// AdamW. Estimates (mean loss of a few random batches) every `evaluationInterval` steps.

// %%
struct Trained {
    var trainer: Trainer<Float>
    var curve: [(x: Double, y: Double)]
    var seconds: Double
}

@MainActor func train(_ feedForward: GPTConfiguration.FeedForward) throws -> Trained {
    var configuration = shape
    configuration.feedForward = feedForward
    var trainer = try Trainer<Float>(model: configuration, training: training, corpus: corpus)
    print("\(feedForward.rawValue): \(trainer.model.parameterCount) parameters")
    var curve: [(x: Double, y: Double)] = []
    let clock = ContinuousClock(), start = clock.now
    while true {
        if trainer.iteration % training.evaluationInterval == 0 || trainer.iteration == training.iterations {
            let estimate = try trainer.estimate()
            curve.append((Double(trainer.iteration), estimate.validation))
            print(String(format: "  iter %4d  train %.3f  val %.3f nats/byte", trainer.iteration, estimate.training, estimate.validation))
        }
        if trainer.iteration == training.iterations { break }
        try trainer.step()
    }
    let elapsed = clock.now - start
    return Trained(trainer: trainer, curve: curve,
                   seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
}

var runs: [(GPTConfiguration.FeedForward, Trained)] = []
for feedForward in GPTConfiguration.FeedForward.allCases { runs.append((feedForward, try train(feedForward))) }

// %% [markdown]
// ## Bits per byte, and what 8- and 6-bit storage costs
// Full validation scores every non-overlapping window of the validation bytes once. The round
// trip quantizes every weight matrix per row (absmax scale, 127 or 31 levels each side),
// dequantizes and scores again; vectors (LayerNorm gains, Δt) stay in full precision.

// %%
for (feedForward, run) in runs {
    var model = run.trainer.model
    let full = try Evaluation.fullValidation(&model, data: corpus.validation, sequenceLength: shape.contextLength)
    var line = String(format: "%@: %.4f bits per byte over %d bytes (%.1f s)", feedForward.rawValue, full.bitsPerByte, full.targets, run.seconds)
    for format in QuantizationFormat.allCases {
        var copy = model
        copy.applyQuantizationRoundTrip(format)
        let score = try Evaluation.fullValidation(&copy, data: corpus.validation, sequenceLength: shape.contextLength)
        line += String(format: ", %@ %+.4f", format.rawValue, score.bitsPerByte - full.bitsPerByte)
    }
    print(line)
}

// %% [markdown]
// ## Samples
// Temperature 0.8, the 20 likeliest bytes, seeded: the same model and seed give the same text.

// %%
for (feedForward, run) in runs {
    var model = run.trainer.model
    var sampler = TextSampler(temperature: 0.8, topK: 20, seed: 7)
    let text = try sampler.sample(&model, prompt: Array("Shall I".utf8), count: short ? 40 : 200)
    print("\(feedForward.rawValue) sample: Shall I\(String(decoding: text, as: UTF8.self))")
}

// %% [markdown]
// ## Figure: held-out loss during training

// %%
var panel = SVGPanel(title: "validation estimate", xLabel: "iteration", yLabel: "nats per byte")
for (i, (feedForward, run)) in runs.enumerated() {
    panel.series.append(SVGSeries(name: feedForward.rawValue, points: run.curve, color: SVGSeries.palette[i]))
}
let figure = figureFolder.appendingPathComponent("06-training.svg")
try SVGFigure(title: "Byte-level GPT: MLP vs HWNODE feed-forward", panels: [panel], columns: 1, panelWidth: 720).write(to: figure)
print("figure: \(figure.path)")
