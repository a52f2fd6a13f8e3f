import HWNODE
import Linalg
import Testing

/// The Swift example of docs/hwnode.md ("Usage"), as written there, with checks on what it shows.
@Suite struct HWNODEDocumentationExampleTests {
    @Test func usageExampleRuns() throws {
        let configuration = HWNODEConfiguration(width: 8, stateSize: 6)   // L = 2, T_2, power iteration
        var block = try HWNODEBlock<Float>(configuration, name: "blocks.0.ff", seed: 1)
        var rng = SplitMix64(seed: 7)
        let x = Matrix<Float>.randomGaussian(rows: 8, columns: 32, using: &rng)   // 32 tokens

        block.zeroGradients()
        let (y, cache) = try block.forward(x, training: true)   // training: the power iteration steps
        let dx = try block.backward(y, cache: cache)            // ∂(½‖y‖²)/∂x; parameter gradients added
        block.visitParameters { print($0.name, $0.gradient.normFrobenius) }

        let (yEval, _) = try block.forward(x, training: false)  // evaluation: u, v stay as they are

        #expect(y.rows == 8 && y.columns == 32 && dx.rows == 8 && dx.columns == 32)
        #expect(yEval == y)   // u, v unchanged since the training pass, so the same σ and output
        var names: [String] = []
        block.visitParameters { parameter in
            names.append(parameter.name)
            #expect(parameter.gradient.isFinite && parameter.gradient.normFrobenius > 0)
        }
        #expect(names == ["blocks.0.ff.w_in.weight", "blocks.0.ff.w_out.weight", "blocks.0.ff.A", "blocks.0.ff.dt"])
    }
}
