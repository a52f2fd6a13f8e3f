import Foundation
import Testing

/// `mexp train` end to end on a tiny model and corpus: the JSON line, the checkpoint and the log
/// it leaves, resuming from that checkpoint, and the failure contract.
@Suite("mexp train")
struct TrainCommandLineTests {
    static let corpus = Array(String(repeating: "to be or not to be, that is the question. ", count: 20).utf8)
    static let tiny = ["--n-layer", "1", "--d-model", "16", "--heads", "2", "--block", "8", "--batch", "4",
                       "--state-dim", "8", "--iters", "6", "--eval-interval", "3", "--sample", "10"]

    @Test("trains, writes model.safetensors and log.txt, prints one JSON line; --resume continues", arguments: ["mlp", "hwnode"])
    func trains(arch: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let data = try folder.write("text.txt", bytes: Self.corpus)
        let result = try MexpProcess.run(["train", "--data", data, "--arch", arch, "--out", folder.path("run")] + Self.tiny)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        try #require(lines.count == 1, "stdout: \(result.stdout)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(json["arch"] as? String == arch)
        #expect(json["iters"] as? Int == 6)
        let bpb = try #require(json["val_bpb"] as? Double)
        #expect(bpb > 0 && bpb < 8.5)
        // 84 validation bytes, block 8: ⌊83/8⌋ = 10 windows of 8 targets.
        #expect(json["val_targets"] as? Int == 80)
        #expect(json["quantize"] as? String == "int6")
        #expect(json["quantized_bpb"] is Double && json["ms_per_step"] is Double && json["params"] is Int)
        #expect(try folder.contents().contains("run"))
        let log = try String(contentsOfFile: folder.path("run/log.txt"), encoding: .utf8)
        #expect(log.contains("iter 6 train_est") && log.contains("val full") && log.contains("sample:"))
        #expect(result.stderr.contains("iter 0 train_est"))

        var longer = ["train", "--data", data, "--resume", folder.path("run/model.safetensors"), "--sample", "0", "--quantize", "none"]
        longer += ["--out", folder.path("resumed")]
        let resumed = try MexpProcess.run(longer)
        #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
        let again = try #require(JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as? [String: Any])
        #expect(again["iters"] as? Int == 6 && again["val_bpb"] as? Double == bpb)
        #expect(again["quantized_bpb"] is NSNull)
    }

    @Test("bad flags and bad data exit 2 with one line", arguments: [
        (["--arch", "rnn"], "--arch: unknown value 'rnn'"),
        (["--heads", "3"], "width 128 is not a multiple of heads 3"),
        (["--quantize", "int4"], "--quantize: unknown value 'int4'"),
        (["--flow", "euler"], "--flow: unknown value 'euler'"),
        (["--iters=-1"], "iterations must be non-negative"),
        (["--threads", "0"], "--threads must be at least 1"),
    ])
    func badFlags(arguments: [String], message: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let data = try folder.write("text.txt", bytes: Self.corpus)
        let result = try MexpProcess.run(["train", "--data", data] + arguments)
        #expect(result.status == 2 && result.stdout.isEmpty && result.stderrLines.count == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.hasPrefix("mexp: error: ") && result.stderr.contains(message), "stderr: \(result.stderr)")
    }

    @Test("a missing, tiny or non-checkpoint input exits 2 with one line")
    func badData() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let small = try folder.write("small.txt", bytes: Array("tiny".utf8))
        let text = try folder.write("text.txt", bytes: Self.corpus)
        for (arguments, message) in [
            (["--data", folder.path("missing.txt")], "no such file"),
            (["--data", small], "too small"),
            (["--data", text, "--resume", text], "not a usable checkpoint"),
        ] {
            let result = try MexpProcess.run(["train"] + arguments + ["--iters", "1"])
            #expect(result.status == 2 && result.stdout.isEmpty && result.stderrLines.count == 1, "stderr: \(result.stderr)")
            #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
        }
    }
}
