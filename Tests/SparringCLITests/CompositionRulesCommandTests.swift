import Foundation
import Testing
import SparringCLI
import SparringIO
import SparringModel
import SparringTestSupport

/// The composition rules from the command line: `--at-least`, `--at-most`, `--meet` and `--balance`, in the
/// search, the summary, the JSON and `score`; impossible combinations refused before the search.
struct CompositionRulesCommandTests {
    /// A generated Danish roster with a `mødedage` column: every leader can meet on two or three days, and
    /// everyone on either Monday or Thursday, so that a shared day is possible for every group.
    static func roster(leaders: Int = 120, seed: UInt64 = 5) throws -> String {
        let text = RosterGenerator(leaders: leaders, seed: seed, danish: true, semicolon: true).render()
        var rng = SeededGenerator(seed: seed)
        let others = ["tirsdag", "onsdag", "fredag"]
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        if lines.count < 3 { lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        for k in lines.indices where !lines[k].isEmpty {
            if k == 0 { lines[k] += ";mødedage"; continue }
            let anchor = rng.below(2) == 0 ? "mandag" : "torsdag"
            lines[k] += ";" + ([anchor] + (0..<rng.below(3)).map { _ in others[rng.below(others.count)] }).joined(separator: "|")
        }
        let path = Fixtures.temporaryDirectory() + "/roster.csv"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The assignments file: per row the cells by header.
    func assignments(_ path: String) throws -> [[String: String]] {
        let table = try CSVReader.parse(bytes: Array(FileManager.default.contents(atPath: path)!), file: path)
        return table.rows.map { row in Dictionary(uniqueKeysWithValues: zip(table.header.map(\.text), row.map(\.text))) }
    }

    @Test func hardRulesAreKeptAndSoftOnesReported() throws {
        let roster = try Self.roster()
        let folder = (roster as NSString).deletingLastPathComponent
        let out = folder + "/out.csv", json = folder + "/r.json"
        let result = run("solve", "--language", "en", roster, "--at-least", "anciennitet>=10", "--at-most", "enhed=2", "--meet", "mødedage",
                         "--balance", "anciennitet", "--moves", "300000", "--threads", "1", "--out", out, "--json", json)
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out.contains("hard: 0"))
        #expect(result.out.contains("at most per group sharing a value: unit 2 (hard): kept in every group"))
        #expect(result.out.contains("a shared meeting day (mødedage, hard): every group shares a day"))
        #expect(result.out.contains("at least one with seniority ≥ 10 in every group (weight +5)"))
        #expect(result.out.contains("seniority balanced (weight +3)"))
        // Checked from the written grouping, not from the tool's own words.
        var byGroup: [String: [[String: String]]] = [:]
        for row in try assignments(out) { byGroup[row["group"]!, default: []].append(row) }
        #expect(byGroup.count == 20)
        for (label, members) in byGroup {
            let units = Dictionary(grouping: members, by: { $0["enhed"]! }).mapValues(\.count)
            #expect(units.values.allSatisfy { $0 <= 2 }, "group \(label): \(units)")
            let days = members.map { Set(meetingDays($0["mødedage"]!)) }
            #expect(!days.dropFirst().reduce(days[0]) { $0.intersection($1) }.isEmpty, "group \(label) shares no day")
        }
        let document = String(decoding: FileManager.default.contents(atPath: json)!, as: UTF8.self)
        for id in ["\"at-least\"", "\"at-most\"", "\"meeting-days\"", "\"balance\""] { #expect(document.contains("\"rule\": \(id)")) }
        #expect(document.contains("\"sharedDays\""))
    }

    /// `check` runs the composition rules' set-up check too, without solving.
    @Test func checkRefusesAnImpossibleAtMostAndWarnsOfTooFewHolders() throws {
        let roster = try Self.roster()
        let impossible = run("check", "--language", "en", roster, "--at-most", "køn=1")
        #expect(impossible.code == 1)
        #expect(impossible.err.contains("error: --at-most køn=1:"))
        #expect(impossible.out.hasSuffix("usable: no"))
        let few = run("check", "--language", "en", roster, "--at-least", "anciennitet>=20")
        #expect(few.out.contains("warning: --at-least anciennitet>=20:"))
        #expect(few.out.hasSuffix("usable: yes"))
        let unknown = run("check", "--language", "en", roster, "--balance", "hobby")
        #expect(unknown.code == 1)
        #expect(unknown.err.contains("--balance hobby=3: the roster has no column \"hobby\""))
    }

    @Test func aHiddenMeetingColumnAppearsInAggregateOnly() throws {
        let roster = try Self.roster(leaders: 60)
        let json = (roster as NSString).deletingLastPathComponent + "/hidden.json"
        let result = run("solve", "--language", "en", roster, "--meet", "mødedage", "--hide", "mødedage", "--moves", "100000", "--threads", "1", "--json", json)
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out.contains("a shared meeting day (mødedage, hard): every group shares a day"))
        let document = String(decoding: FileManager.default.contents(atPath: json)!, as: UTF8.self)
        for day in ["mandag", "tirsdag", "onsdag", "torsdag", "fredag"] { #expect(!document.contains(day) && !result.out.contains(day)) }
    }

    /// A known column (distrikt is `location`) hidden by its Danish header: its places stay out of every output.
    @Test func aHiddenKnownColumnAsMeetingPlaceStaysHidden() throws {
        let roster = try Self.roster(leaders: 60)
        let folder = (roster as NSString).deletingLastPathComponent
        let json = folder + "/place.json", report = folder + "/place.html"
        let result = run("solve", "--language", "en", roster, "--meet", "distrikt", "--meet-weight", "3", "--hide", "distrikt", "--moves", "100000", "--threads", "1",
                         "--json", json, "--report", report)
        #expect(result.code == 0, "\(result.err)")
        for path in [json, report] {
            let text = String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self)
            #expect(!text.contains("can all meet") && !text.contains("suits everyone:") && !text.contains("\"days\""), "\(path)")
        }
        #expect(!result.out.contains("can all meet"))
        // Every rule object's keys are unique (no figure repeats a fixed key).
        let document = String(decoding: FileManager.default.contents(atPath: json)!, as: UTF8.self)
        #expect((try? JSONSerialization.jsonObject(with: Data(document.utf8))) != nil)
        #expect(!document.contains("\"points\": 0,\n      \"points\""))
    }

    @Test func scoreReportsABrokenAtMostRuleWithTheLeadersNamed() throws {
        let text = "nr;navn;enhed\n" + (1...10).map { "\($0);Leder \($0);\($0 <= 4 ? "Skole A" : "Enhed \($0)")" }.joined(separator: "\n") + "\n"
        let folder = Fixtures.temporaryDirectory()
        try text.write(toFile: folder + "/r.csv", atomically: true, encoding: .utf8)
        try ("nr;gruppe\n" + (1...10).map { "\($0);\($0 <= 5 ? 1 : 2)" }.joined(separator: "\n")).write(toFile: folder + "/g.csv", atomically: true, encoding: .utf8)
        let result = run("score", "--language", "en", folder + "/r.csv", folder + "/g.csv", "--at-most", "enhed=2")
        #expect(result.code == 0)
        #expect(result.out.contains("BROKEN: 4 share unit Skole A: Leder 1 (1), Leder 2 (2), Leder 3 (3) and Leder 4 (4) (at most 2)"))
        #expect(result.out.contains("hard: 2"))
    }

    @Test func impossibleCombinationsAreRefusedBeforeTheSearch() throws {
        let roster = try Self.roster()
        // 120 leaders in 20 groups: about 60 women cannot sit at most one per group.
        let women = run("solve", "--language", "en", roster, "--at-most", "køn=1", "--moves", "1000")
        #expect(women.code == 1)
        #expect(women.err.contains("error: --at-most køn=1:"))
        #expect(women.err.contains("Maybe allow more per group (--at-most køn="))
        // A leader who can meet only on a day nobody else has.
        var text = try String(contentsOfFile: roster, encoding: .utf8)
        text = text.replacingOccurrences(of: "\n1001;", with: "\n1001;")
        var lines = text.split(separator: "\n").map(String.init)
        lines[1] = lines[1].split(separator: ";", omittingEmptySubsequences: false).dropLast().joined(separator: ";") + ";søndag"
        try lines.joined(separator: "\n").write(toFile: roster, atomically: true, encoding: .utf8)
        let sunday = run("solve", "--language", "en", roster, "--meet", "mødedage", "--moves", "1000")
        #expect(sunday.code == 1)
        #expect(sunday.err.contains("has no meeting day that 4 others share"))
        #expect(sunday.err.contains("søndag"))
        // Soft, the same set-up only warns.
        let soft = run("solve", "--language", "en", roster, "--meet", "mødedage", "--meet-weight", "3", "--moves", "1000", "--threads", "1")
        #expect(soft.code == 0)
        #expect(soft.err.contains("warning:"))
    }

    @Test(arguments: [
        (["--at-least", "anciennitet"], 64, "--at-least 'anciennitet' must look like ATTR=VALUE[:N] or ATTR>=X[:N]"),
        (["--at-most", "enhed=0"], 64, "--at-most 'enhed=0' must look like ATTR=N"),
        (["--balance", "anciennitet=9"], 64, "--balance 'anciennitet=9' must look like ATTR or ATTR=W"),
        (["--meet-weight", "2"], 64, "--meet-weight needs --meet"),
        (["--at-least-weight", "2"], 64, "--at-least-weight needs --at-least"),
        (["--at-least", "anciennitet>=10:3000000000"], 64, "with N from 1 to 10000"),
        (["--at-most", "enhed=3000000000"], 64, "with N a whole number from 1 to 10000"),
        (["--at-least", "hobby=golf"], 1, "--at-least hobby=golf: the roster has no column \"hobby\""),
        (["--at-least", "køn=alien"], 1, "--at-least køn=alien: no leader has gender \"alien\""),
        (["--at-least", "køn>=3"], 1, "gender holds labels, not numbers"),
        (["--at-least", "køn=kvinde:9"], 1, "--at-least køn=kvinde:9: 9 per group is more than the largest group size 7"),
        (["--balance", "enhed"], 1, "--balance enhed=3: unit holds labels, not numbers"),
        (["--meet", "mødested"], 1, "--meet mødested: the roster has no column \"mødested\""),
    ] as [([String], Int32, String)])
    func badRuleOptionsAreExplained(options: [String], code: Int32, message: String) throws {
        let roster = try Self.roster(leaders: 30)
        let result = run(["solve", "--language", "en", roster, "--moves", "1000"] + options)
        #expect(result.code == code, "\(result.err)")
        #expect(result.err.contains(message), "\(result.err)")
    }
}
