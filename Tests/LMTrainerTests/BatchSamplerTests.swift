import Testing
import LMTrainer

@Suite struct BatchSamplerTests {
    let data: [UInt8] = (0..<200).map { UInt8($0) }

    @Test func targetsAreTheInputsShiftedByOne() {
        var sampler = BatchSampler(batchSize: 5, sequenceLength: 7, seed: 3)
        let batch = sampler.next(from: data)
        #expect(batch.inputs.count == 35 && batch.targets.count == 35 && batch.sequenceCount == 5)
        for b in 0..<5 {
            let start = Int(batch.inputs[b * 7])
            #expect(start + 7 < data.count)
            for t in 0..<7 {
                #expect(batch.inputs[b * 7 + t] == data[start + t])
                #expect(batch.targets[b * 7 + t] == data[start + t + 1])
            }
        }
    }

    @Test func offsetsCoverTheRangeAndStayInside() {
        // Offsets are uniform on 0 ..< count − T: with 3 bytes and T = 2 only offset 0 fits.
        var tight = BatchSampler(batchSize: 50, sequenceLength: 2, seed: 9)
        #expect(tight.next(from: [10, 20, 30]).inputs == Array(repeating: [10, 20], count: 50).flatMap { $0 })
        var sampler = BatchSampler(batchSize: 200, sequenceLength: 190, seed: 1)
        let batch = sampler.next(from: data)
        let starts = Set(stride(from: 0, to: 200 * 190, by: 190).map { batch.inputs[$0] })
        #expect(starts == Set((0..<10).map { UInt8($0) }))
    }

    @Test func sameSeedSameBatchesAndSkipReplaysTheStream() {
        var a = BatchSampler(batchSize: 3, sequenceLength: 4, seed: 42)
        var b = BatchSampler(batchSize: 3, sequenceLength: 4, seed: 42)
        var c = BatchSampler(batchSize: 3, sequenceLength: 4, seed: 43)
        let first = a.next(from: data)
        #expect(first == b.next(from: data))
        #expect(first != c.next(from: data))
        _ = a.next(from: data)
        let third = a.next(from: data)
        b.skip(1, from: data)
        #expect(b.next(from: data) == third)
    }
}
