import Foundation
import Synchronization
import Testing
import SparringCLI
import SparringTestSupport

/// Runs the command line in-process and captures what it prints.
final class Captured: Sendable {
    let out = Mutex<[String]>([]), err = Mutex<[String]>([])
    var console: Console {
        Console(out: { text in self.out.withLock { $0.append(text) } }, err: { text in self.err.withLock { $0.append(text) } })
    }
    var stdout: String { out.withLock { $0.joined(separator: "\n") } }
    var stderr: String { err.withLock { $0.joined(separator: "\n") } }
}

func run(_ arguments: String...) -> (code: Int32, out: String, err: String) {
    let captured = Captured()
    let code = Sparring.run(arguments: arguments, console: captured.console)
    return (code, captured.stdout, captured.stderr)
}

struct CheckCommandTests {
    @Test func usableRosterExitsZeroWithSummary() {
        let result = run("check", Fixtures.path("koege-300.csv"))
        #expect(result.code == 0)
        #expect(result.out.contains("leaders: 300"))
        #expect(result.out.contains("groups: 43 to 60 groups of 5–7 possible; 50 preferred (sizes 50×6)"))
        #expect(result.out.hasSuffix("usable: yes"))
    }

    @Test func brokenRosterExitsOneNamingFileAndLine() {
        let path = Fixtures.path("broken/not-a-number.csv")
        let result = run("check", path)
        #expect(result.code == 1)
        #expect(result.err.hasPrefix("\(path):3:6: error: seniority \"ti år\" is not a number"))
        #expect(result.out.isEmpty)
    }

    @Test func infeasibleSizesAreUnusable() {
        let result = run("check", Fixtures.path("small-english.csv"), "--min-size", "7", "--max-size", "7")
        #expect(result.code == 1)
        #expect(result.err.contains("12 leaders cannot be split into groups of 7–7"))
        #expect(result.out.hasSuffix("usable: no"))
    }

    @Test func mergesConflictFiles() throws {
        let folder = Fixtures.temporaryDirectory()
        try "L01,L05\n".write(toFile: folder + "/c.csv", atomically: true, encoding: .utf8)
        let result = run("check", Fixtures.path("small-english.csv"), "--conflicts", folder + "/c.csv")
        #expect(result.code == 0)
        #expect(result.out.contains("2 loyalty conflicts"))
    }
}

struct UsageTests {
    @Test(arguments: [
        (["check"], "error: expected 1 file argument, got 0\nMaybe usage: sparring check ROSTER.csv [--min-size 5] [--max-size 7] [--conflicts FILE] [--wishes FILE]"),
        (["check", "a.csv", "--bogus"], "error: unknown option '--bogus'\nMaybe see 'sparring check --help'."),
        (["check", "a.csv", "--min-size"], "error: --min-size needs a value N\nMaybe see 'sparring check --help'."),
        (["check", "a.csv", "--min-size", "five"], "error: --min-size must be a whole number from 1 to 1000, not 'five'"),
        (["frobnicate"], "error: unknown subcommand 'frobnicate'\nMaybe use one of: check, generate."),
        (["generate", "--leaders", "50"], "error: --out is required\nMaybe name the file to write, e.g. --out roster.csv"),
    ])
    func usageErrorsExit64(arguments: [String], message: String) {
        let captured = Captured()
        #expect(Sparring.run(arguments: arguments, console: captured.console) == 64)
        #expect(captured.stderr == message)
    }

    @Test func helpEverywhere() {
        #expect(run("--help").code == 0)
        for command in ["check", "generate"] {
            let result = run(command, "--help")
            #expect(result.code == 0)
            #expect(result.out.hasPrefix("USAGE: sparring \(command)"))
        }
    }
}

struct GenerateCommandTests {
    @Test func writesReproducibleRosterThatChecksClean() throws {
        let folder = Fixtures.temporaryDirectory()
        let a = folder + "/a.csv", b = folder + "/b.csv"
        #expect(run("generate", "--leaders", "120", "--seed", "4", "--danish", "--semicolon", "--out", a).code == 0)
        #expect(run("generate", "--leaders", "120", "--seed", "4", "--danish", "--semicolon", "--out", b).code == 0)
        #expect(FileManager.default.contents(atPath: a) == FileManager.default.contents(atPath: b))
        let check = run("check", a)
        #expect(check.code == 0)
        #expect(!check.out.contains("warning"))
    }

    @Test func unwritableOutputFailsCleanly() {
        let result = run("generate", "--leaders", "20", "--out", "/nonexistent-folder/x.csv")
        #expect(result.code == 1)
        #expect(result.err.hasPrefix("/nonexistent-folder/x.csv: error: cannot write the file"))
    }
}
