import Foundation
import Synchronization
import Testing
import SparringCLI
import SparringServeCommand
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

func run(_ arguments: String...) -> (code: Int32, out: String, err: String) { run(arguments) }

func run(_ arguments: [String]) -> (code: Int32, out: String, err: String) {
    let captured = Captured()
    let code = SparringCommandLine.run(arguments: arguments, console: captured.console)
    return (code, captured.stdout, captured.stderr)
}

struct CheckCommandTests {
    @Test func usableRosterExitsZeroWithSummary() {
        let result = run("check", "--language", "en", Fixtures.path("koege-300.csv"))
        #expect(result.code == 0)
        #expect(result.out.contains("leaders: 300"))
        #expect(result.out.contains("groups: 43 to 60 groups of 5–7 possible; 50 preferred (sizes 50×6)"))
        #expect(result.out.hasSuffix("usable: yes"))
    }

    @Test func brokenRosterExitsOneNamingFileAndLine() {
        let path = Fixtures.path("broken/not-a-number.csv")
        let result = run("check", "--language", "en", path)
        #expect(result.code == 1)
        #expect(result.err.hasPrefix("\(path):3:6: error: seniority \"ti år\" is not a number"))
        // The summary's verdict: a roster that does not load is not usable.
        #expect(result.out == "usable: no")
    }

    @Test func infeasibleSizesAreUnusable() {
        let result = run("check", "--language", "en", Fixtures.path("small-english.csv"), "--min-size", "7", "--max-size", "7")
        #expect(result.code == 1)
        #expect(result.err.contains("12 leaders cannot be split into groups of 7–7"))
        #expect(result.out.hasSuffix("usable: no"))
    }

    @Test func mergesConflictFiles() throws {
        let folder = Fixtures.temporaryDirectory()
        try "L01,L05\n".write(toFile: folder + "/c.csv", atomically: true, encoding: .utf8)
        let result = run("check", "--language", "en", Fixtures.path("small-english.csv"), "--conflicts", folder + "/c.csv")
        #expect(result.code == 0)
        #expect(result.out.contains("2 loyalty conflicts"))
    }
}

struct GenerateCommandTests {
    @Test func writesReproducibleRosterThatChecksClean() throws {
        let folder = Fixtures.temporaryDirectory()
        let a = folder + "/a.csv", b = folder + "/b.csv"
        #expect(run("generate", "--leaders", "120", "--seed", "4", "--danish", "--semicolon", "--out", a).code == 0)
        #expect(run("generate", "--leaders", "120", "--seed", "4", "--danish", "--semicolon", "--out", b).code == 0)
        #expect(FileManager.default.contents(atPath: a) == FileManager.default.contents(atPath: b))
        let check = run("check", "--language", "en", a)
        #expect(check.code == 0)
        #expect(!check.out.contains("warning"))
    }

    @Test func unwritableOutputFailsCleanly() {
        let result = run("generate", "--leaders", "20", "--out", "/nonexistent-folder/x.csv")
        #expect(result.code == 1)
        #expect(result.err.hasPrefix("/nonexistent-folder/x.csv: error: --out: the folder /nonexistent-folder does not exist"))
    }
}

struct SolveCommandTests {
    func read(_ path: String) -> String? { FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } }

    @Test func writesAssignmentsAndJSONAndEndsWithMachineLines() throws {
        let folder = Fixtures.temporaryDirectory()
        let out = folder + "/groups.csv", json = folder + "/result.json"
        let result = run("solve", "--language", "en", Fixtures.path("kolding-daycare.csv"), "--typology", "sector", "--moves", "100000", "--seed", "3",
                         "--out", out, "--json", json)
        #expect(result.code == 0)
        let lines = result.out.split(separator: "\n").map(String.init)
        #expect(lines.suffix(5).map { $0.split(separator: ":")[0] } == ["hard", "soft", "moves", "seconds", "threads"])
        #expect(lines.contains("hard: 0"))
        let csv = try #require(read(out))
        // Same dialect as the Windows-1252 semicolon roster: BOM, semicolons, CRLF; the roster's columns plus group.
        #expect(csv.hasPrefix("\u{FEFF}nr;navn;område;lederniveau;køn;anciennitet;enhed;nærmeste leder;distrikt;konflikter;ønsker;group\r\n"))
        #expect(csv.split(separator: "\r\n").count == 43)
        let document = try #require(read(json))
        #expect(document.contains("\"typology\": \"sector\""))
        #expect(document.contains("\"separatedPairsTogether\": []"))
    }

    @Test func movesBudgetIsByteForByteReproducible() throws {
        let folder = Fixtures.temporaryDirectory()
        var outputs: [String] = []
        for _ in 0..<2 {
            let (out, report, groups, json) = (folder + "/a.csv", folder + "/r.html", folder + "/g.csv", folder + "/r.json")
            let result = run("solve", "--language", "en", Fixtures.path("koege-300.csv"), "--moves", "300000", "--threads", "2", "--seed", "9", "--out", out,
                             "--report", report, "--groups-out", groups, "--json", json)
            #expect(result.code == 0)
            for path in [out, report, groups] { outputs.append(try #require(read(path))) }
            // The JSON's run.seconds is the one figure that varies by design.
            outputs.append(try #require(read(json)).split(separator: "\n").filter { !$0.contains("\"seconds\"") }.joined(separator: "\n"))
            outputs.append(result.out.split(separator: "\n").filter { !$0.hasPrefix("seconds:") }.joined(separator: "\n"))
        }
        #expect(outputs[0..<5] == outputs[5..<10])
    }

    @Test func failedRunWritesNothing() throws {
        let folder = Fixtures.temporaryDirectory()
        let out = folder + "/groups.csv"
        let unknown = run("solve", "--language", "en", Fixtures.path("small-english.csv"), "--weight", "shoe-size=3", "--moves", "1000", "--out", out)
        #expect(unknown.code == 1)
        #expect(unknown.err.contains("error: --weight shoe-size=…: the roster has no attribute \"shoe-size\"\nMaybe use one of: field, rank, gender, seniority, unit, location, mentor."))
        let infeasible = run("solve", "--language", "en", Fixtures.path("small-english.csv"), "--groups", "3", "--out", out)
        #expect(infeasible.code == 1)
        #expect(infeasible.err.contains("error: 12 leaders cannot form 3 groups of 5–7\nMaybe choose between 2 and 2 groups, or change the sizes."))
        let broken = run("solve", "--language", "en", Fixtures.path("broken/duplicate-id.csv"), "--out", out)
        #expect(broken.code == 1)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func neverOverwritesTheRoster() throws {
        let folder = Fixtures.temporaryDirectory()
        let roster = folder + "/roster.csv"
        try FileManager.default.copyItem(atPath: Fixtures.path("small-english.csv"), toPath: roster)
        let before = read(roster)
        let result = run("solve", "--language", "en", roster, "--moves", "1000", "--out", roster)
        #expect(result.code == 1)
        #expect(result.err.contains("\(roster): error: --out would overwrite the input file \(roster); inputs are never modified\nMaybe write the output under another name."))
        #expect(read(roster) == before)
    }

    @Test(arguments: [
        (["solve", "r.csv", "--typology", "tribal"], "error: unknown typology 'tribal'\nMaybe use local, cross, sector or broad (in Danish: lokal, tværgående, sektor or bred)."),
        (["solve", "r.csv", "--weight", "gender"], "error: --weight 'gender' must look like ATTR=W with W from -5 to 5\nMaybe e.g. --weight gender=-2."),
        (["solve", "r.csv", "--weight", "gender=9"], "error: --weight 'gender=9' must look like ATTR=W with W from -5 to 5\nMaybe e.g. --weight gender=-2."),
        (["solve", "r.csv", "--moves", "0"], "error: --moves must be a whole number from 1 to \(Int.max), not '0'"),
    ])
    func badOptionsAreUsageErrors(arguments: [String], message: String) {
        let captured = Captured()
        #expect(SparringCommandLine.run(arguments: arguments, console: captured.console) == 64)
        #expect(captured.stderr == message)
    }
}

struct MDGPCommandTests {
    @Test func printsObjectiveLastAndWritesSolution() throws {
        let folder = Fixtures.temporaryDirectory()
        let out = folder + "/solution.csv"
        let result = run("mdgp", Fixtures.path("mdgp/Geo_n010_ss_01.txt"), "--moves", "50000", "--seed", "2", "--out", out)
        #expect(result.code == 0)
        let last = try #require(result.out.split(separator: "\n").last)
        #expect(last.hasPrefix("objective: "))
        let value = try #require(Double(last.dropFirst("objective: ".count)))
        let csv = try #require(FileManager.default.contents(atPath: out).map { String(decoding: $0, as: UTF8.self) })
        let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Int($0)! } }
        #expect(rows.count == 10)
        #expect(rows.filter { $0[1] == 0 }.count == 5)
        #expect(value > 0)
    }

    @Test func missingInstanceIsAnInputError() {
        let result = run("mdgp", "nowhere.txt", "--moves", "10")
        #expect(result.code == 1)
        #expect(result.err.hasPrefix("nowhere.txt: error: the instance file cannot be read"))
    }
}
