import Foundation
import Linalg
import Testing

/// `mexp expmv --method taylor|auto` and `mexp bench expmv --method taylor` end to end.
///
/// R = [[0, 1], [−1, 0]] generates rotations: exp(tR)·[1, 0] = [cos t, −sin t] for every t,
/// negative included.
@Suite("mexp expmv --method taylor")
struct ExpmvTaylorCommandLineTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    static let rotation = NPYFixture.float64(shape: [2, 2], [0, 1, -1, 0])

    func json(_ stdout: String) throws -> [String: Any] {
        let lines = stdout.split(separator: "\n")
        try #require(lines.count == 1)
        return try #require(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    }

    @Test("One time: exp(R)·[1, 0] = [cos 1, −sin 1], a backward-error bound ≤ tol, degree and steps reported")
    func oneTime() throws {
        defer { folder.remove() }
        let a = try folder.write("R.npy", bytes: Self.rotation)
        let v = try folder.write("v.npy", bytes: NPYFixture.float64(shape: [2], [1, 0]))
        let y = folder.path("y.npy")
        let run = try MexpProcess.run(["expmv", "--in", a, "--vector", v, "--t", "1", "--out", y, "--method", "taylor", "--tol", "1e-12"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let summary = try json(run.stdout)
        #expect(summary["method"] as? String == "taylor-action")
        #expect(summary["bound_kind"] as? String == "backward")
        #expect((summary["error_bound"] as? Double).map { $0 <= 1e-12 } ?? false, "\(summary)")
        #expect((summary["order"] as? Int).map { $0 >= 1 } ?? false)
        #expect((summary["steps"] as? Int).map { $0 >= 1 } ?? false)
        #expect((summary["operator_applications"] as? Int).map { $0 >= 1 } ?? false)
        let values = try NPY.read(contentsOf: URL(fileURLWithPath: y)).vector(Double.self)
        #expect(values.count == 2 && abs(values[0] - Foundation.cos(1)) <= 1e-11 && abs(values[1] + Foundation.sin(1)) <= 1e-11, "\(values)")
    }

    @Test("Several times, negative included: column i is [cos t_i, −sin t_i]")
    func severalTimes() throws {
        defer { folder.remove() }
        let a = try folder.write("R.npy", bytes: Self.rotation)
        let v = try folder.write("v.npy", bytes: NPYFixture.float64(shape: [2], [1, 0]))
        let y = folder.path("y.npy")
        let times = [-3.0, 0.5, 2, 20]
        let run = try MexpProcess.run(["expmv", "--in", a, "--vector", v, "--out", y, "--method", "taylor", "--tol", "1e-10"]
                                      + times.flatMap { ["--t", String($0)] })
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let values = try NPY.read(contentsOf: URL(fileURLWithPath: y)).matrix(Double.self)
        #expect(values.rows == 2 && values.columns == times.count)
        for (i, t) in times.enumerated() {
            // Backward error ≤ 1e-10·‖R‖₁ per unit time: |t|·1e-10 in the angle.
            let bar = 10 * (abs(t) * 1e-10 + 1e-15)
            #expect(abs(values[0, i] - Foundation.cos(t)) <= bar && abs(values[1, i] + Foundation.sin(t)) <= bar, "t=\(t): \(values)")
        }
    }

    @Test("auto names its choice and the rule it applied")
    func auto() throws {
        defer { folder.remove() }
        let a = try folder.write("R.npy", bytes: Self.rotation)
        let v = try folder.write("v.npy", bytes: NPYFixture.float64(shape: [2], [1, 0]))
        let run = try MexpProcess.run(["expmv", "--in", a, "--vector", v, "--t", "1", "--out", folder.path("y.npy"), "--method", "auto"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let summary = try json(run.stdout)
        #expect(summary["auto_choice"] as? String == "taylor", "\(summary)")   // non-symmetric, cost far below the limit
        #expect(summary["method"] as? String == "taylor-action")
        #expect((summary["auto_reason"] as? String)?.contains("non-symmetric") ?? false)
    }

    @Test("Bad input with --method taylor: status 2, one stderr line, no output file",
          arguments: ["tol0", "nan", "mismatch"])
    func badInput(kind: String) throws {
        defer { folder.remove() }
        let good = try folder.write("R.npy", bytes: Self.rotation)
        let nan = try folder.write("N.npy", bytes: NPYFixture.float64(shape: [2, 2], [0, .nan, 0, 0]))
        let v = try folder.write("v.npy", bytes: NPYFixture.float64(shape: [2], [1, 0]))
        let v3 = try folder.write("v3.npy", bytes: NPYFixture.float64(shape: [3], [1, 0, 0]))
        let out = folder.path("y.npy")
        var arguments = ["expmv", "--in", good, "--vector", v, "--t", "1", "--out", out, "--method", "taylor"]
        switch kind {
        case "tol0": arguments += ["--tol", "0"]
        case "nan": arguments[2] = nan
        default: arguments[4] = v3
        }
        let before = try folder.contents()
        let run = try MexpProcess.run(arguments)
        #expect(run.status == 2, "status \(run.status); stderr: \(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderrLines.count == 1 && run.stderr.hasPrefix("mexp: error: "), "stderr: \(run.stderr)")
        #expect(try folder.contents() == before)
    }

    @Test("bench expmv --method taylor on laplace2d: one JSON line, error against the exact DST solution within tol")
    func bench() throws {
        let run = try MexpProcess.run(["bench", "expmv", "--problem", "laplace2d", "--n", "400", "--t", "2", "--tol", "1e-10",
                                       "--method", "taylor", "--reps", "1"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let summary = try json(run.stdout)
        #expect(summary["method"] as? String == "taylor-action")
        #expect(summary["median_seconds"] is Double && summary["median_seconds_reused_plan"] is Double)
        // Symmetric B = A + 4I: relative error ≤ e^{|t|·tol·‖B‖₁} − 1 ≈ 8e-10, plus rounding.
        #expect((summary["relative_error_vs_exact"] as? Double).map { $0 <= 1e-9 } ?? false, "\(summary)")
    }
}
