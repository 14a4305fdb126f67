import Foundation
import Testing
import SparringTestSupport

/// `check` runs exactly what `solve` runs before its search: every set-up refusal, with the same options, is
/// refused by both, in the same words, and `solve` writes nothing.
struct SetupRefusalTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let roster: String
        let options: [String]
        /// Extra files the options name: (file name, text); `{dir}` in the options is their folder.
        var files: [(String, String)] = []
        /// A phrase of the expected refusal.
        let says: String
        var testDescription: String { name }
    }

    static let people = (1...12).map { "\($0);P\($0)" }

    static let cases: [Case] = [
        Case(name: "a boss kept apart from nearly everyone",
             roster: "nr;navn;nærmeste leder\n1;Bo Chef;\n" + (2...11).map { "\($0);Leder \($0);Bo Chef\n" }.joined(),
             options: [], says: "must be kept apart from 10 of the other 10 leaders"),
        Case(name: "an odd ring of conflicts with two groups",
             roster: "id;navn;konflikter\n" + (1...12).map { "\($0);P\($0);\([1: "2", 2: "3", 3: "4", 4: "5", 5: "1"][$0] ?? "")\n" }.joined(),
             options: [], says: "cannot all be kept apart from the next in the ring"),
        Case(name: "more groups than the sizes allow",
             roster: "id;navn\n" + people.joined(separator: "\n") + "\n", options: ["--groups", "5"], says: "error:"),
        Case(name: "a keep-together set larger than any group",
             roster: "id;navn;hold sammen\n" + (1...14).map { "\($0);P\($0);\($0 <= 8 ? "A" : "")\n" }.joined(),
             options: [], says: "error:"),
        Case(name: "a keep-together pair in conflict",
             roster: "id;navn;hold sammen;konflikter\n" + (1...12).map { "\($0);P\($0);\($0 <= 2 ? "A" : "");\($0 == 1 ? "2" : "")\n" }.joined(),
             options: [], says: "error:"),
        Case(name: "at most two women a group, where every group must hold six",
             roster: "id;navn;køn\n" + (1...12).map { "\($0);P\($0);kvinde\n" }.joined(),
             options: ["--at-most", "køn=2"], says: "error:"),
        Case(name: "two leaders in conflict pinned to one group",
             roster: "id;navn;konflikter\n" + (1...12).map { "\($0);P\($0);\($0 == 1 ? "2" : "")\n" }.joined(),
             options: ["--pin", "{dir}/pins.csv"], files: [("pins.csv", "id;gruppe\n1;1\n2;1\n")], says: "error:"),
        Case(name: "local networks, three groups asked of twelve leaders (groups of at least five)",
             roster: "id;navn\n" + people.joined(separator: "\n") + "\n", options: ["--typology", "lokal", "--groups", "3"], says: "error:"),
    ]

    @Test(arguments: cases)
    func checkAndSolveRefuseTheSameSetUpInTheSameWords(_ refusal: Case) throws {
        let folder = Fixtures.temporaryDirectory()
        let path = folder + "/roster.csv"
        try refusal.roster.write(toFile: path, atomically: true, encoding: .utf8)
        for (name, text) in refusal.files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        let options = refusal.options.map { $0.replacingOccurrences(of: "{dir}", with: folder) }
        let out = folder + "/out.csv"
        let check = run(["check", "--language", "en", path] + options)
        let solve = run(["solve", "--language", "en", path, "--moves", "1", "--threads", "1", "--out", out] + options)
        #expect(check.code == 1)
        #expect(solve.code == 1)
        #expect(check.err.contains(refusal.says), "\(check.err)")
        #expect(check.err == solve.err)
        #expect(check.out.hasSuffix("usable: no"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
