import ArgumentParser
import Foundation
import Linalg

/// The `mexp` command: matrix exponentials, their actions and gradients from the shell.
///
/// Every subcommand follows one contract (docs and `../shared/DESIGN.md`): a one-line JSON summary
/// on stdout on success; on any failure exactly one line `mexp: error: <what went wrong>` on stderr,
/// exit status 2, and no output file. `execute(_:)` enforces the failure half of that contract for
/// every subcommand, so a subcommand only throws.
public struct Mexp: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "mexp",
        abstract: "Matrix exponentials exp(AΔt) with error bounds and gradients.",
        version: MatrixExpVersion.string,
        subcommands: [Info.self, ExpmCommand.self, Bench.self, ParamCommand.self, FrechetCommand.self, VJPCommand.self, CondCommand.self, ExpmvCommand.self, SweepCommand.self, TrainCommand.self])

    public init() {}

    /// The exit status of every failure: bad input, bad usage, or a computation that could not be done.
    public static let failureStatus: Int32 = 2

    /// Parses `arguments` (without the program name), runs the chosen subcommand, and returns the
    /// process's exit status.
    ///
    /// Help and `--version` print to stdout and return 0. Any error — an argument-parser usage
    /// error as well as one thrown by a subcommand — is printed as one line on stderr and returns
    /// `failureStatus` (argument-parser's own default would be 64 for usage errors and 1 for the rest).
    public static func execute(_ arguments: [String]) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch {
            if exitCode(for: error) == .success {
                print(fullMessage(for: error))
                return 0
            }
            StandardError.writeLine("mexp: error: \(oneLineMessage(for: error))")
            return failureStatus
        }
    }

    /// argument-parser's brief message for `error` (no usage screen), folded onto one line.
    static func oneLineMessage(for error: Error) -> String {
        let lines = message(for: error)
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let text = lines.joined(separator: "; ")
        let withoutPrefix = text.hasPrefix("Error: ") ? String(text.dropFirst("Error: ".count)) : text
        return withoutPrefix.isEmpty ? String(describing: error) : withoutPrefix
    }
}
