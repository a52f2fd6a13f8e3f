#if canImport(Glibc)
import Glibc
#endif

/// The kit allocates its outputs and caches afresh on every call (value-type matrices, freed when
/// the caller drops the cache). Those buffers are 0.1–2 MB at the trainer's shape. With glibc's
/// defaults each step maps fresh pages for them, or returns the freed top of the heap to the
/// system, and faults every page in again on the next step. Keeping such blocks in the heap and
/// the freed memory in the process lets every step reuse the previous step's pages.
public enum HeapTuning {
    /// Blocks below this come from the heap: 32 MiB, the largest mmap threshold glibc accepts.
    public static let mmapThreshold: Int32 = 32 << 20
    /// Freed memory at the top of the heap is kept up to this much: 1 GiB.
    public static let trimThreshold: Int32 = 1 << 30

    /// glibc's `M_TRIM_THRESHOLD` and `M_MMAP_THRESHOLD` (`<malloc.h>`, outside the Glibc module).
    static let trimThresholdParameter: Int32 = -1
    static let mmapThresholdParameter: Int32 = -3

    /// Sets glibc's mmap and trim thresholds (`mallopt`; the same as `MALLOC_MMAP_THRESHOLD_` and
    /// `MALLOC_TRIM_THRESHOLD_` in the environment). Call once at program start, before training.
    /// Returns whether both settings took effect (false where the C library is not glibc).
    @discardableResult
    public static func keepFreedBuffersForReuse() -> Bool {
        #if canImport(Glibc)
        // mallopt is looked up at run time because its header is outside the Glibc module.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        return mallopt(mmapThresholdParameter, mmapThreshold) == 1 && mallopt(trimThresholdParameter, trimThreshold) == 1
        #else
        return false
        #endif
    }
}
