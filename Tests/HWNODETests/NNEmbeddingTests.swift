import Linalg
import Testing
import HWNODE

@Suite struct NNEmbeddingTests {
    /// The input and output ends of the byte GPT in one container: x = E[tokens] + P[positions] + h,
    /// logits = E·x, so the token table receives gradient through both the lookup and the tied head.
    struct Ends: ParameterContainer {
        var tokens: Embedding<Double>
        var positions: PositionEmbedding<Double>
        mutating func visitParameters(_ body: (inout Parameter<Double>) throws -> Void) rethrows {
            try tokens.visitParameters(body)
            try positions.visitParameters(body)
        }
    }

    /// E = [[1, 2], [3, 4], [5, 6]] (vocabulary 3, d = 2), P = [[10, 20], [30, 40]] (T = 2);
    /// tokens (2, 0 | 1, 1) in two sequences of length 2:
    /// x = (5+10, 6+20), (1+30, 2+40), (3+10, 4+20), (3+30, 4+40).
    /// Logits of the first column: E·(15, 26) = (15+52, 45+104, 75+156) = (67, 149, 231).
    @Test func forwardOnAHandComputedCase() {
        var rng = SplitMix64(seed: 1)
        var e = Embedding<Double>(name: "tok", vocabularySize: 3, dimension: 2, using: &rng)
        var p = PositionEmbedding<Double>(name: "pos", contextLength: 2, dimension: 2, using: &rng)
        e.table.value = Matrix([[1, 2], [3, 4], [5, 6]])
        p.table.value = Matrix([[10, 20], [30, 40]])
        var x = e.forward([2, 0, 1, 1]).output
        p.add(to: &x, sequenceLength: 2)
        #expect(x == Matrix([[15, 31, 13, 33], [26, 42, 24, 44]]))
        let logits = e.logits(x).output
        #expect(logits.rows == 3 && logits.columns == 4)
        #expect([logits[0, 0], logits[1, 0], logits[2, 0]] == [67, 149, 231])
    }

    @Test func lookupPositionsAndTiedHeadMatchCentralDifferences() {
        var rng = SplitMix64(seed: 2)
        let ends = Ends(
            tokens: Embedding(name: "tok", vocabularySize: 5, dimension: 3, standardDeviation: 1, using: &rng),
            positions: PositionEmbedding(name: "pos", contextLength: 4, dimension: 3, standardDeviation: 1, using: &rng))
        // Two sequences of length 3 (shorter than the table), token 1 repeated so that the
        // scatter-add accumulates; token 4 unused (its lookup gradient is zero, the head's is not).
        let tokens: [UInt8] = [1, 0, 1, 2, 1, 3]
        let h = NNGradientCheck.gaussian(3, 6, seed: 3)
        let r = NNGradientCheck.gaussian(5, 6, seed: 4)
        let errors = NNGradientCheck.relativeErrors(layer: ends, input: h) { ends, h, backward in
            let (lookedUp, lookupCache) = ends.tokens.forward(tokens)
            var x = lookedUp
            ends.positions.add(to: &x, sequenceLength: 3)
            x += h
            let (logits, headCache) = ends.tokens.logits(x)
            guard backward else { return (NNGradientCheck.pairing(r, logits), nil) }
            let dx = ends.tokens.backwardLogits(r, cache: headCache)
            ends.positions.backward(dx, sequenceLength: 3)
            ends.tokens.backward(dx, cache: lookupCache)
            return (NNGradientCheck.pairing(r, logits), dx)
        }
        #expect(Set(errors.keys) == ["input", "tok.weight", "pos.weight"])
        for (name, error) in errors { #expect(error < 1e-7, "\(name): \(error)") }
    }
}
