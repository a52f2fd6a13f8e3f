import Testing
import HWNODE

@Suite struct NNHeapTuningTests {
    /// On glibc both mallopt settings are accepted (the thresholds are within glibc's limits);
    /// elsewhere the call reports that it did nothing. Allocation keeps working either way.
    @Test func settingsTakeEffectOnGlibc() {
        #if canImport(Glibc)
        #expect(HeapTuning.keepFreedBuffersForReuse())
        #else
        #expect(!HeapTuning.keepFreedBuffersForReuse())
        #endif
        let buffer = [Float](repeating: 1, count: 1 << 20)
        #expect(buffer.reduce(0, +) == Float(1 << 20))
    }
}
