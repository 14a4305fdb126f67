import Foundation
import Testing
import SparringCLI
import SparringIO
import SparringModel
import SparringTestSupport

/// Networks over time: year-two rotation, a mid-year refresh, pins, keep-together and impossible set-ups.
struct RoundsCommandTests {
    func read(_ path: String) -> String { String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }

    /// Pairs of leader ids who share a group in an `id,group` file.
    func pairs(_ path: String, roster: Roster) throws -> Set<LeaderPair> {
        let grouping = try GroupingLoader.load(path: path, roster: roster)
        var members: [Int32: [Int]] = [:]
        for (i, g) in grouping.groupOf.enumerated() where g >= 0 { members[g, default: []].append(i) }
        var result = Set<LeaderPair>()
        for list in members.values { for a in list { for b in list where b > a { result.insert(LeaderPair(a, b)) } } }
        return result
    }

    /// Must show: year two of a 300-leader broad network, given year one as history: at most one pair meets again.
    @Test func yearTwoMeetsAtMostOnePairAgain() throws {
        let folder = Fixtures.temporaryDirectory()
        let roster = Fixtures.path("roster-300.csv"), year1 = folder + "/year1.csv", year2 = folder + "/year2.csv"
        #expect(run("solve", "--language", "en", roster, "--moves", "400000", "--threads", "2", "--out", year1).code == 0)
        let result = run("solve", "--language", "en", roster, "--history", year1, "--moves", "800000", "--threads", "2", "--out", year2)
        #expect(result.code == 0)
        let loaded = try RosterLoader.load(path: roster).roster
        let again = try pairs(year1, roster: loaded).intersection(pairs(year2, roster: loaded))
        #expect(again.count <= 1)
        #expect(result.out.contains("repeats: \(again.count) pair\(again.count == 1 ? "" : "s") meet again (\(again.count) from the last round)"))
        #expect(result.out.contains("hard: 0"))
    }

    /// Must show: 5 leave and 6 join mid-year; at most 15 continuing leaders lose most of their group-mates,
    /// every joiner is placed, previous labels are reused, and the JSON says who moved.
    @Test func midYearRefreshKeepsGroupsTogether() throws {
        let folder = Fixtures.temporaryDirectory()
        let original = Fixtures.path("roster-300.csv"), year1 = folder + "/year1.csv"
        #expect(run("solve", "--language", "en", original, "--moves", "400000", "--threads", "2", "--out", year1).code == 0)

        var lines = read(original).split(separator: "\n").map(String.init)
        let leavers = Array(lines[100...104])
        lines.removeSubrange(100...104)
        for k in 1...6 {
            var cells = lines[10 + k * 20].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[0] = "J\(k)"; cells[1] = "Joiner \(k)"; cells[8] = ""; cells[10] = ""; cells[11] = ""
            lines.append(cells.joined(separator: ","))
        }
        let roster = folder + "/roster-midyear.csv", out = folder + "/midyear.csv", json = folder + "/midyear.json"
        try (lines.joined(separator: "\n") + "\n").write(toFile: roster, atomically: true, encoding: .utf8)
        // Leaders who left are still named in others' wishes: the consultant says they are outside the roster now.
        let left = leavers.map { String($0.prefix { $0 != "," }) }.joined(separator: ",")
        let result = run("solve", "--language", "en", roster, "--previous", year1, "--moves", "600000", "--threads", "2", "--out", out, "--json", json,
                         "--outside", left)
        #expect(result.code == 0)
        // The five leavers are one grouped warning: a count and the first three, not one line each.
        #expect(result.err.contains("warning: 5 leaders in this previous grouping file are not in the roster, so these rows are ignored: "))
        for leaver in leavers.prefix(3) { #expect(result.err.contains("\"\(leaver.prefix { $0 != "," })\" (line ")) }
        #expect(result.err.contains(" and 2 more\nMaybe check the id or name"))

        let loaded = try RosterLoader.load(path: roster, options: RosterOptions(outside: [left])).roster
        let before = try GroupingLoader.load(path: year1, roster: loaded), after = try GroupingLoader.load(path: out, roster: loaded)
        #expect(after.missing.isEmpty)
        #expect(Set(after.labels).isSubset(of: Set(before.labels)))
        var lostMost = 0
        for i in loaded.ids.indices where before.groupOf[i] >= 0 {
            let mates = loaded.ids.indices.filter { $0 != i && before.groupOf[$0] == before.groupOf[i] }
            let kept = mates.filter { after.labels[Int(after.groupOf[$0])] == after.labels[Int(after.groupOf[i])] }
            if 2 * kept.count < mates.count { lostMost += 1 }
        }
        #expect(lostMost <= 15)
        #expect(result.out.contains("; 6 joined"))
        let document = read(json)
        #expect(document.contains("\"previousGroup\": null"))
        #expect(document.contains("\"moved\": false"))
    }

    /// Must show (renewal): 300 leaders with last year's grouping, 12 leavers and 15 joiners: `--renew 1-2` keeps every
    /// continuing group within 1–2 exchanges (its previous members, leavers included, minus the most of them now
    /// together) and every hard rule; without --previous it is refused.
    @Test func renewalKeepsEveryGroupWithinItsExchanges() throws {
        let folder = Fixtures.temporaryDirectory()
        let original = Fixtures.path("roster-300.csv"), year1 = folder + "/year1.csv"
        #expect(run("solve", "--language", "en", original, "--moves", "300000", "--threads", "1", "--out", year1).code == 0)
        var lines = read(original).split(separator: "\n").map(String.init)
        let leavers = (0..<12).map { lines[20 + $0 * 23] }
        lines.removeAll { leavers.contains($0) }
        for k in 1...15 {
            var cells = lines[5 + k * 17].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[0] = "J\(k)"; cells[1] = "Joiner \(k)"; cells[8] = ""; cells[10] = ""; cells[11] = ""
            lines.append(cells.joined(separator: ","))
        }
        let roster = folder + "/roster-year2.csv", out = folder + "/year2.csv"
        try (lines.joined(separator: "\n") + "\n").write(toFile: roster, atomically: true, encoding: .utf8)
        let left = leavers.map { String($0.prefix { $0 != "," }) }.joined(separator: ",")
        let result = run("solve", "--language", "en", roster, "--previous", year1, "--renew", "1-2", "--moves", "800000", "--threads", "1",
                         "--out", out, "--outside", left)
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out.contains("hard: 0"))
        // Exchanges counted from the files: the previous file's groups (leavers included) against the new grouping.
        let previousRows = read(year1).split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        let loaded = try RosterLoader.load(path: roster, options: RosterOptions(outside: [left])).roster
        let after = try GroupingLoader.load(path: out, roster: loaded)
        let index = loaded.indexByID()
        var members: [String: [String]] = [:]
        for row in previousRows where row.count >= 2 { members[row.last!, default: []].append(row[0]) }
        #expect(members.count > 40)
        for (label, ids) in members {
            var together: [Int32: Int] = [:]
            for id in ids { if let i = index[id] { together[after.groupOf[i], default: 0] += 1 } }
            let exchanges = ids.count - (together.values.max() ?? 0)
            #expect((1...2).contains(exchanges), "group \(label): \(exchanges) exchanges")
        }
        let refused = run("solve", "--language", "en", roster, "--renew", "1-2", "--moves", "1000", "--outside", left)
        #expect(refused.code == 1)
        #expect(refused.err.contains("--renew needs the previous grouping to renew"), "\(refused.err)")
    }

    /// Must show: pins always hold.
    @Test func pinsAlwaysHold() throws {
        let folder = Fixtures.temporaryDirectory()
        let pins = folder + "/pins.csv", out = folder + "/out.csv"
        try "id,group\nL001,3\nL002,3\nL150,3\nL299,40\n".write(toFile: pins, atomically: true, encoding: .utf8)
        for seed in ["1", "2"] {
            let result = run("solve", "--language", "en", Fixtures.path("roster-300.csv"), "--pin", pins, "--moves", "200000", "--seed", seed, "--out", out)
            #expect(result.code == 0)
            let roster = try RosterLoader.load(path: Fixtures.path("roster-300.csv")).roster
            let grouping = try GroupingLoader.load(path: out, roster: roster)
            let index = roster.indexByID()
            for (id, label) in [("L001", "3"), ("L002", "3"), ("L150", "3"), ("L299", "40")] {
                #expect(grouping.labels[Int(grouping.groupOf[index[id]!])] == label)
            }
        }
    }

    @Test func keepTogetherFromAFileIsKept() throws {
        let folder = Fixtures.temporaryDirectory()
        let sets = folder + "/together.csv", out = folder + "/out.csv"
        try "L01,mentoring\nL06,mentoring\nL08,mentoring\n".write(toFile: sets, atomically: true, encoding: .utf8)
        let result = run("solve", "--language", "en", Fixtures.path("small-english.csv"), "--together", sets, "--moves", "50000", "--out", out)
        #expect(result.code == 0)
        #expect(result.out.contains("keep together (hard): 1 of 1 sets together"))
        let rows = read(out).split(separator: "\n").filter { ["L01", "L06", "L08"].contains($0.prefix(3)) }
        #expect(Set(rows.map { $0.split(separator: ",", omittingEmptySubsequences: false).last! }).count == 1)

        // L01, L07 and L11 cannot share a group of this roster's two without a reporting line inside one of them
        // (all 4 splits that keep every separation were enumerated): exit 3, never "all kept".
        try "L01,mentoring\nL07,mentoring\nL11,mentoring\n".write(toFile: sets, atomically: true, encoding: .utf8)
        let impossible = run("solve", "--language", "en", Fixtures.path("small-english.csv"), "--together", sets, "--moves", "50000", "--out", out)
        #expect(impossible.code == Sparring.hardRuleBroken)
        #expect(impossible.out.contains("hard rules broken: 1"))
        #expect(!impossible.out.contains("all kept"))
    }

    @Test func keepTogetherColumnAndLoneValueWarning() throws {
        let folder = Fixtures.temporaryDirectory()
        var lines = read(Fixtures.path("small-english.csv")).split(separator: "\n").map(String.init)
        lines[0] += ",keep together"
        for k in 1..<lines.count {
            // One man only: his group has a lone member whatever happens.
            if k != 2 { lines[k] = lines[k].replacingOccurrences(of: ",man,", with: ",woman,") }
            lines[k] += ["L04", "L08", "L12"].contains(String(lines[k].prefix(3))) ? ",trio" : ","
        }
        let roster = folder + "/roster.csv", out = folder + "/out.csv"
        try lines.joined(separator: "\n").write(toFile: roster, atomically: true, encoding: .utf8)
        let result = run("solve", "--language", "en", roster, "--moves", "50000", "--out", out)
        #expect(result.code == 0)
        #expect(result.err.contains("warning: only one leader has gender \"man\" (Lund, Bo (L02)): their group will have a lone member whatever the grouping\nMaybe accept it, or drop the rule with --lone gender=0."))
        #expect(result.out.contains("keep together (hard): 1 of 1 sets together"))
        let soft = run("solve", "--language", "en", roster, "--moves", "50000", "--together-weight", "2", "--out", out)
        #expect(soft.out.contains("keep together (weight +2): "))
    }

    @Test func impossibleSetUpsAreDiagnosedBeforeSolving() throws {
        let folder = Fixtures.temporaryDirectory()
        let conflicts = folder + "/c.csv", pins = folder + "/p.csv", out = folder + "/out.csv"
        try "L01,L04\nL01,L06\nL04,L06\n".write(toFile: conflicts, atomically: true, encoding: .utf8)
        let clique = run("solve", "--language", "en", Fixtures.path("small-english.csv"), "--conflicts", conflicts, "--moves", "1000", "--out", out)
        #expect(clique.code == 1)
        #expect(clique.err.contains("error: 3 leaders must all be kept apart from one another, but there are only 2 groups: Anne Holm (L01), Mette Bækgaard (L04), Bjørn Dahl (L06)\nMaybe allow at least 3 groups"))

        try "id,group\nL02,1\nL05,1\nL09,7\n".write(toFile: pins, atomically: true, encoding: .utf8)
        let pinned = run("solve", "--language", "en", Fixtures.path("small-english.csv"), "--pin", pins, "--moves", "1000", "--out", out)
        #expect(pinned.code == 1)
        #expect(pinned.err.contains("p.csv:4: error: Karen Skovgård (L09) is pinned to group \"7\", which is not a group number from 1 to 2"))
        try "id,group\nL02,1\nL05,1\n".write(toFile: pins, atomically: true, encoding: .utf8)
        let apart = run("solve", "--language", "en", Fixtures.path("small-english.csv"), "--pin", pins, "--moves", "1000", "--out", out)
        #expect(apart.code == 1)
        #expect(apart.err.contains("error: Lund, Bo (L02) and Hanne Møller (L05) are pinned to the same group (1) but must be kept apart"))
        #expect(!FileManager.default.fileExists(atPath: out))

        let lone = run("solve", "--language", "en", Fixtures.path("small-english.csv"), "--moves", "50000", "--typology", "local")
        #expect(lone.code == 0)
        #expect(!lone.err.contains("only one leader has gender"))
    }
}
