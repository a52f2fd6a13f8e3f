import Linalg

extension ByteGPT {
    /// Every parameter and buffer by name: what a checkpoint stores for the model.
    public func stateTensors() -> [String: Matrix<Scalar>] {
        var copy = self
        var tensors: [String: Matrix<Scalar>] = [:]
        copy.visitParameters { tensors[$0.name] = $0.value }
        copy.visitBuffers { name, value in tensors[name] = value }
        return tensors
    }

    /// Sets every parameter and buffer from `tensors` (names as `stateTensors()`); names with
    /// `ignoredPrefix` (the optimizer's state) are not the model's concern.
    /// - Throws: `TrainerError.checkpointMismatch` naming the first tensor that is missing, of
    ///   another shape, or not part of this model. The model is unchanged when it throws.
    public mutating func load(_ tensors: [String: Matrix<Scalar>], ignoredPrefix: String = "optimizer.") throws {
        var updated = self
        var used = Set<String>()
        func take(_ name: String, _ value: inout Matrix<Scalar>) throws {
            guard let stored = tensors[name] else { throw TrainerError.checkpointMismatch("tensor '\(name)' is missing") }
            guard stored.rows == value.rows, stored.columns == value.columns else {
                throw TrainerError.checkpointMismatch(
                    "tensor '\(name)' is \(stored.rows)×\(stored.columns), the model needs \(value.rows)×\(value.columns)")
            }
            value = stored
            used.insert(name)
        }
        try updated.visitParameters { try take($0.name, &$0.value) }
        try updated.visitBuffers { name, value in try take(name, &value) }
        if let extra = tensors.keys.sorted().first(where: { !used.contains($0) && !$0.hasPrefix(ignoredPrefix) }) {
            throw TrainerError.checkpointMismatch("tensor '\(extra)' is not part of this model")
        }
        self = updated
    }
}
