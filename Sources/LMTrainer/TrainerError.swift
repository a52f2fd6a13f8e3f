/// What can go wrong when training: every failure is a typed error (at the command line, a
/// one-line message and exit status 2).
public enum TrainerError: Error, Equatable, CustomStringConvertible {
    case unreadableCorpus(path: String)
    case corpusTooSmall(bytes: Int, needed: Int)
    /// A model or training setting that cannot work (e.g. a width that is not a multiple of the heads).
    case invalidConfiguration(String)
    /// The file is not a checkpoint this trainer wrote: unreadable, not safetensors, or without
    /// the metadata (format, configuration, iteration) it needs.
    case unreadableCheckpoint(path: String, reason: String)
    /// The checkpoint is well formed but does not fit the model: a tensor missing, extra, or of
    /// another shape.
    case checkpointMismatch(String)
    /// The training loss became NaN or infinite.
    case diverged(iteration: Int, loss: Double)

    public var description: String {
        switch self {
        case .unreadableCorpus(let path): return "cannot read corpus file '\(path)'"
        case .corpusTooSmall(let bytes, let needed):
            return "corpus of \(bytes) bytes is too small: each of the training and validation parts needs at least \(needed) bytes"
        case .invalidConfiguration(let what): return "invalid configuration: \(what)"
        case .unreadableCheckpoint(let path, let reason): return "\(path): not a usable checkpoint: \(reason)"
        case .checkpointMismatch(let what): return "checkpoint does not fit the model: \(what)"
        case .diverged(let iteration, let loss): return "training diverged at iteration \(iteration) (loss \(loss))"
        }
    }
}
