import Linalg

/// A file of n×n column-major matrices in one allocation, with a "written" flag per register:
/// the storage the `MatrixProgramState` interpreters run on.
///
/// Registers are raw pointers into the one buffer, so the hot loops of a program run touch no
/// reference count, no copy-on-write check and no exclusivity check, and a run after the first
/// (same size, no more registers) allocates nothing. Growing keeps the registers' contents.
/// Not thread-safe; owned by one state.
final class MatrixRegisters<Scalar: LinalgScalar> {
    /// n, the order of every register.
    private(set) var size = 0
    /// Registers available.
    private(set) var count = 0
    private var base: UnsafeMutablePointer<Scalar>
    private var flags: UnsafeMutablePointer<Bool>

    init() {
        base = .allocate(capacity: 0)
        flags = .allocate(capacity: 0)
    }

    deinit {
        base.deallocate()
        flags.deallocate()
    }

    /// Makes at least `count` registers of order n available (allocates only when the order
    /// changes or more registers are needed; contents are kept when the order is unchanged).
    func reserve(_ count: Int, size n: Int) {
        if n == size && count <= self.count { return }
        let newCount = n == size ? Swift.max(count, self.count) : count
        let newBase = UnsafeMutablePointer<Scalar>.allocate(capacity: newCount * n * n)
        newBase.initialize(repeating: 0, count: newCount * n * n)
        let newFlags = UnsafeMutablePointer<Bool>.allocate(capacity: newCount)
        newFlags.initialize(repeating: false, count: newCount)
        if n == size && self.count > 0 {
            newBase.update(from: base, count: self.count * n * n)
            newFlags.update(from: flags, count: self.count)
        }
        base.deallocate()
        flags.deallocate()
        base = newBase
        flags = newFlags
        size = n
        self.count = newCount
    }

    /// The storage of register i (n² entries, column-major).
    @inline(__always)
    subscript(i: Int) -> UnsafeMutablePointer<Scalar> { base + i * size * size }

    /// Whether register i holds a value in the current pass.
    @inline(__always)
    func isWritten(_ i: Int) -> Bool { flags[i] }

    @inline(__always)
    func setWritten(_ i: Int, _ written: Bool) { flags[i] = written }

    /// Marks registers 0..<count unwritten.
    func clearFlags(_ count: Int) { flags.update(repeating: false, count: Swift.min(count, self.count)) }
}
