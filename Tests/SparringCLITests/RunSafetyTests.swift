import Foundation
import Testing
import SparringCLI
import SparringIO
import SparringTestSupport

/// Runs that never lose work: Ctrl-C keeps the best so far, outputs are checked before the search, and a
/// run's outputs are written all or nothing.
struct RunSafetyTests {
    /// The `sparring` executable built beside the tests (`.ci/run` builds it first).
    static func binary() throws -> String {
        let path = (Fixtures.root as NSString).deletingLastPathComponent + "/.build/debug/sparring"
        try #require(FileManager.default.isExecutableFile(atPath: path), "build the executable first: swift build")
        return path
    }

    static func roster(leaders: Int, in folder: String) throws -> String {
        let path = folder + "/roster.csv"
        try RosterGenerator(leaders: leaders, seed: 3, danish: true, semicolon: true).render().write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Starts `sparring` with `arguments`, sends SIGINT `signals` times after `delay` seconds, and returns
    /// the exit code and stdout. The signals after the first are sent every 2 ms until the process ends: two
    /// signals that arrive before the handler runs are one to the kernel (a busy machine), so a second one is
    /// sure to be counted only when it is repeated.
    static func interrupt(_ arguments: [String], after delay: Double, signals: Int) throws -> (code: Int32, out: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary())
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        kill(process.processIdentifier, SIGINT)
        if signals > 1 {
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.002)
                kill(process.processIdentifier, SIGINT)
            }
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func ctrlCFinishesEarlyAndWritesTheBestGroupingSoFar() throws {
        let folder = Fixtures.temporaryDirectory()
        let roster = try Self.roster(leaders: 1000, in: folder)
        let out = folder + "/out.csv"
        let result = try Self.interrupt(["solve", "--language", "en", roster, "--time", "60", "--out", out, "--threads", "2"], after: 3, signals: 1)
        #expect(result.code == 130)
        #expect(result.out.contains("interrupted after "))
        #expect(result.out.contains("hard: 0"))
        // A complete, valid assignments file: every leader once, with a group.
        let table = try CSVReader.parse(bytes: Array(FileManager.default.contents(atPath: out)!), file: out)
        #expect(table.rows.count == 1000)
        #expect(Set(table.rows.map { $0[0].text }).count == 1000)
        #expect(table.rows.allSatisfy { !$0.last!.text.isEmpty })
        #expect(!FileManager.default.fileExists(atPath: OutputFiles.temporaryPath(for: out)))
    }

    @Test func aSecondCtrlCExitsAtOnceAndLeavesTheOldOutputs() throws {
        let folder = Fixtures.temporaryDirectory()
        let roster = try Self.roster(leaders: 1000, in: folder)
        let out = folder + "/out.csv", report = folder + "/report.html"
        try "old assignments\n".write(toFile: out, atomically: true, encoding: .utf8)
        try "old report\n".write(toFile: report, atomically: true, encoding: .utf8)
        let result = try Self.interrupt(["solve", "--language", "en", roster, "--time", "60", "--out", out, "--report", report], after: 3, signals: 2)
        #expect(result.code == 130)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "old assignments\n")
        #expect(try String(contentsOfFile: report, encoding: .utf8) == "old report\n")
    }

    /// Each problem is refused before the search: with `--time 60` a run that searched would print a summary.
    @Test func everyOutputPathProblemIsRefusedBeforeTheSearch() throws {
        let folder = Fixtures.temporaryDirectory()
        let roster = try Self.roster(leaders: 60, in: folder)
        let history = folder + "/history.csv"
        try "nr;gruppe\n1001;1\n".write(toFile: history, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.csv", withDestinationPath: roster)
        try FileManager.default.linkItem(atPath: history, toPath: folder + "/hard.csv")
        let cases: [([String], String)] = [
            (["--out", folder + "/no/such/dir/out.csv"], "the folder \(folder)/no/such/dir does not exist"),
            (["--out", history, "--history", history], "--out would overwrite the input file"),
            (["--json", folder + "/sub/../history.csv", "--history", history], "--json would overwrite the input file"),
            (["--out", folder + "/./link.csv"], "--out would overwrite the input file"),
            (["--report", folder + "/hard.csv", "--pin", history], "--report would overwrite the input file"),
            (["--out", folder + "/x.csv", "--json", folder + "/x.csv"], "--json and --out name the same file"),
            (["--groups-out", folder], "--groups-out names a folder, not a file"),
        ]
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        let before = try String(contentsOfFile: history, encoding: .utf8)
        for (options, message) in cases {
            let result = run(["solve", "--language", "en", roster, "--time", "60"] + options)
            #expect(result.code == 1, "\(options)")
            #expect(result.err.contains(message), "\(options): \(result.err)")
            #expect(!result.out.contains("moves:"), "\(options) searched")
        }
        #expect(try String(contentsOfFile: history, encoding: .utf8) == before)
        #expect(!FileManager.default.fileExists(atPath: folder + "/x.csv"))
        // All problems at once.
        let both = run(["solve", "--language", "en", roster, "--out", folder + "/nope/a.csv", "--json", history, "--history", history])
        #expect(both.err.contains("does not exist") && both.err.contains("would overwrite the input file"))
    }

    /// The second of three outputs fails (as on a full disk): the old outputs stay byte for byte, no
    /// temporary file is left, and the message says nothing was written and why.
    @Test func allOrNothingWhenTheSecondOfThreeOutputsFails() throws {
        let folder = Fixtures.temporaryDirectory()
        let paths = ["a.csv", "b.json", "c.html"].map { folder + "/" + $0 }
        for (k, path) in paths.enumerated() { try Data("old \(k)\n".utf8).write(to: URL(fileURLWithPath: path)) }
        var calls = 0
        #expect {
            try OutputFiles.write(paths.map { ($0, Data("new content\n".utf8)) }) { data, path, mode in
                calls += 1
                if calls == 2 { throw OutputFiles.WriteError(reason: "the disk is full") }
                try OutputFiles.writeFile(data, path, mode)
            }
        } throws: { error in
            let message = "\(error)"
            return message.contains("the disk is full") && message.contains("none of the outputs was written")
        }
        for (k, path) in paths.enumerated() { #expect(try String(contentsOfFile: path, encoding: .utf8) == "old \(k)\n") }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".sparring-partial") }
        #expect(left.isEmpty)
        // A later run removes a stale temporary file of its own outputs.
        try Data("stale".utf8).write(to: URL(fileURLWithPath: OutputFiles.temporaryPath(for: paths[0])))
        try OutputFiles.write(paths.map { ($0, Data("new\n".utf8)) })
        #expect(try String(contentsOfFile: paths[1], encoding: .utf8) == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".sparring-partial") }.isEmpty)
    }

    @Test(arguments: [1, 2, 3])
    func aMoveBudgetIsExact(threads: Int) throws {
        let folder = Fixtures.temporaryDirectory()
        let roster = try Self.roster(leaders: 90, in: folder)
        let result = run("solve", "--language", "en", roster, "--moves", "100001", "--threads", String(threads))
        #expect(result.code == 0)
        #expect(result.out.contains("\nmoves: 100001\n"))
    }
}
