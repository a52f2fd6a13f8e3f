import Foundation
import Linalg

/// A training checkpoint in safetensors: every parameter and buffer of the model (and the
/// optimizer's moments) as a named tensor, the model and training configurations as JSON in the
/// `__metadata__`, and the iteration reached.
///
/// Tensors are stored the way PyTorch would hold them: an n×1 vector as a 1-D tensor of n
/// entries, a matrix row-major with shape [rows, columns] (so `safetensors.torch.load_file` reads
/// a state dict with the reference trainer's shapes). `Float` models write F32. The file is
/// written atomically (`AtomicFile`): a crash leaves the previous checkpoint intact.
public struct Checkpoint<Scalar: LinalgScalar>: Sendable {
    /// The `format` metadata value that marks a file as a trainer checkpoint.
    public static var formatName: String { "mexp-lm-checkpoint-1" }

    public var model: GPTConfiguration
    public var training: TrainingConfiguration
    /// Training iterations completed when the checkpoint was taken.
    public var iteration: Int
    /// Name → value: parameters, buffers, and optimizer state.
    public var tensors: [String: Matrix<Scalar>]

    public init(model: GPTConfiguration, training: TrainingConfiguration, iteration: Int, tensors: [String: Matrix<Scalar>]) {
        self.model = model
        self.training = training
        self.iteration = iteration
        self.tensors = tensors
    }

    /// The safetensors contents.
    public func file() throws -> SafetensorsFile {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var file = SafetensorsFile(metadata: [
            "format": Self.formatName,
            "model": String(decoding: try encoder.encode(model), as: UTF8.self),
            "training": String(decoding: try encoder.encode(training), as: UTF8.self),
            "iteration": String(iteration),
        ])
        for (name, value) in tensors {
            file.tensors[name] = value.columns == 1 ? SafetensorsTensor(vector: value.storage) : SafetensorsTensor(matrix: value)
        }
        return file
    }

    /// Writes the checkpoint atomically to `url`.
    public func write(to url: URL) throws {
        try Safetensors.write(file(), to: url)
    }

    /// Reads a checkpoint written by `write(to:)`.
    /// - Throws: `TrainerError.unreadableCheckpoint` naming the path and the reason.
    public static func read(from url: URL) throws -> Checkpoint {
        let file: SafetensorsFile
        do {
            file = try Safetensors.read(contentsOf: url)
        } catch {
            throw TrainerError.unreadableCheckpoint(path: url.path, reason: "\(error)")
        }
        return try Checkpoint(file: file, path: url.path)
    }

    /// Decodes safetensors contents; `path` names the source in errors.
    public init(file: SafetensorsFile, path: String) throws {
        func fail(_ reason: String) -> TrainerError { .unreadableCheckpoint(path: path, reason: reason) }
        guard file.metadata["format"] == Self.formatName else {
            throw fail("metadata 'format' is \(file.metadata["format"].map { "'\($0)'" } ?? "missing"), expected '\(Self.formatName)'")
        }
        let decoder = JSONDecoder()
        guard let modelText = file.metadata["model"], let model = try? decoder.decode(GPTConfiguration.self, from: Data(modelText.utf8)) else {
            throw fail("metadata 'model' is missing or not a model configuration")
        }
        guard let trainingText = file.metadata["training"],
              let training = try? decoder.decode(TrainingConfiguration.self, from: Data(trainingText.utf8)) else {
            throw fail("metadata 'training' is missing or not a training configuration")
        }
        guard let iterationText = file.metadata["iteration"], let iteration = Int(iterationText), iteration >= 0 else {
            throw fail("metadata 'iteration' is missing or not a non-negative integer")
        }
        var tensors: [String: Matrix<Scalar>] = [:]
        for (name, tensor) in file.tensors {
            do {
                switch tensor.shape.count {
                case 1: tensors[name] = Matrix(rows: tensor.shape[0], columns: 1, columnMajor: try tensor.floats(Scalar.self))
                case 2: tensors[name] = try tensor.matrix(Scalar.self)
                default: throw fail("tensor '\(name)' has shape \(tensor.shape); 1-D or 2-D expected")
                }
            } catch let error as TrainerError {
                throw error
            } catch {
                throw fail("tensor '\(name)': \(error)")
            }
        }
        self.init(model: model, training: training, iteration: iteration, tensors: tensors)
    }
}
