import Foundation
import Testing

/// Runs every notebook-as-script in its `--short` mode, the way CI keeps them from rotting: each
/// must exit 0, print what it shows, and write its figure into the folder it is given.
@Suite("notebooks-as-scripts")
struct NotebookSmokeTests {
    static let notebooks = [
        ("NB01ExpFourWays", "01-exp-four-ways.svg"), ("NB02ChoosingAnOrder", "02-choosing-an-order.svg"),
        ("NB03GradientsThreeWays", "03-gradients-three-ways.svg"), ("NB04Parametrizations", "04-parametrizations.svg"),
        ("NB05HWNODEBlock", "05-hwnode-block.svg"), ("NB06Training", "06-training.svg"),
    ]

    @Test("the notebook runs in --short mode and writes its figure", arguments: notebooks)
    func runs(notebook: String, figure: String) throws {
        // The notebooks are built into the same products folder as `mexp`.
        let executable = try MexpProcess.executable.deletingLastPathComponent().appendingPathComponent(notebook)
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "\(notebook) is not built; run `swift build`")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("notebook-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("notebook-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: output) }
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        let process = Process()
        process.executableURL = executable
        process.arguments = [folder.path, "--short"]
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let printed = try String(contentsOf: output, encoding: .utf8)
        #expect(process.terminationStatus == 0, "\(notebook) exited with \(process.terminationStatus):\n\(printed)")
        #expect(printed.contains("figure: "), "\(notebook) printed:\n\(printed)")
        let svg = try String(contentsOf: folder.appendingPathComponent(figure), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
    }
}
