import Foundation
import Linalg
import Testing
import LMTrainer

@Suite struct CheckpointTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lmtrainer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func sample() -> Checkpoint<Float> {
        var rng = SplitMix64(seed: 4)
        var model = GPTConfiguration()
        model.feedForward = .hwnode
        model.flow = .learnedTaylor
        var training = TrainingConfiguration()
        training.seed = 99
        return Checkpoint(model: model, training: training, iteration: 17, tensors: [
            "tok.weight": Matrix.randomGaussian(rows: 5, columns: 3, using: &rng),
            "ln.weight": Matrix.randomGaussian(rows: 3, columns: 1, using: &rng),
        ])
    }

    @Test func roundTripIsBitExact() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("model.safetensors")
        let written = Self.sample()
        try written.write(to: url)
        let read = try Checkpoint<Float>.read(from: url)
        #expect(read.model == written.model && read.training == written.training && read.iteration == 17)
        #expect(read.tensors == written.tensors)
        // PyTorch shapes: vectors 1-D, matrices [rows, columns] row-major.
        let file = try Safetensors.read(contentsOf: url)
        #expect(file.tensors["ln.weight"]?.shape == [3])
        #expect(file.tensors["tok.weight"]?.shape == [5, 3])
        #expect(file.tensors["tok.weight"]?.dtype == .F32)
    }

    @Test func damagedOrForeignFilesAreTypedErrors() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("bad.safetensors")
        let bytes = try Safetensors.encode(Self.sample().file())
        try Data(bytes.dropLast(3)).write(to: url)
        #expect(throws: TrainerError.self) { try Checkpoint<Float>.read(from: url) }
        do {
            _ = try Checkpoint<Float>.read(from: url)
        } catch let TrainerError.unreadableCheckpoint(path, reason) {
            #expect(path == url.path && reason.contains("data section"))
        }
        var foreign = try Self.sample().file()
        foreign.metadata["format"] = "something-else"
        #expect(throws: TrainerError.unreadableCheckpoint(
            path: "x", reason: "metadata 'format' is 'something-else', expected '\(Checkpoint<Float>.formatName)'")) {
            try Checkpoint<Float>(file: foreign, path: "x")
        }
        var noIteration = try Self.sample().file()
        noIteration.metadata["iteration"] = "-1"
        #expect(throws: TrainerError.self) { try Checkpoint<Float>(file: noIteration, path: "x") }
        #expect(throws: TrainerError.self) {
            try Checkpoint<Float>.read(from: folder.appendingPathComponent("missing.safetensors"))
        }
    }
}
