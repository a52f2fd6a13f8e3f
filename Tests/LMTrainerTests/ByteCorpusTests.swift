import Testing
import LMTrainer

@Suite struct ByteCorpusTests {
    @Test func splitsNinetyTen() throws {
        let corpus = try ByteCorpus(bytes: Array(0..<100))
        #expect(corpus.training == Array(0..<90))
        #expect(corpus.validation == Array(90..<100))
    }

    @Test func tooSmallIsATypedError() {
        #expect(throws: TrainerError.corpusTooSmall(bytes: 10, needed: 65)) {
            try ByteCorpus(bytes: Array(repeating: 7, count: 10), minimumPartLength: 65)
        }
    }
}
