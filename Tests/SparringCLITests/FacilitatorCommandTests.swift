import Foundation
import Testing
import SparringIO
import SparringModel
import SparringTestSupport

/// `--facilitators FILE`: every group gets one, capacities and separations kept, in the outputs; every bad file
/// refused cell by cell.
struct FacilitatorCommandTests {
    /// Must show: 300 leaders, 20 facilitators of capacity 2–4 (five of them leaders of the roster, the rest with a
    /// boss in it): every group has one, no facilitator leads a group holding themselves, their boss or their staff,
    /// and no one leads more groups than they can take.
    @Test func everyGroupGetsOneAndNobodyTheirOwnBossOrStaff() throws {
        let folder = Fixtures.temporaryDirectory()
        let rosterPath = Fixtures.path("roster-300.csv")
        let roster = try RosterLoader.load(path: rosterPath).roster
        // Five leaders who manage someone facilitate too; fifteen outsiders each report to a leader of the roster.
        let managers = Array(Set(roster.managers.filter { $0 >= 0 }.map(Int.init))).sorted().prefix(5)
        var rows = ["name,id,capacity,manager"]
        for (k, i) in managers.enumerated() { rows.append("\(roster.names[i]),\(roster.ids[i]),\(2 + k % 3),") }
        for k in 0..<15 { rows.append("Facilitator \(k + 1),,\(2 + k % 3),\(roster.ids[k * 17 + 3])") }
        let file = folder + "/facilitators.csv", json = folder + "/groups.json", out = folder + "/groups.csv"
        try (rows.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let result = run("solve", "--language", "en", rosterPath, "--facilitators", file, "--moves", "300000", "--threads", "1", "--json", json, "--out", out)
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out.contains("facilitators: 50 of 50 groups have theirs"), "\(result.out)")

        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let groups = try #require(document["groups"] as? [[String: Any]])
        let index = roster.indexByID()
        var load: [String: Int] = [:]
        for group in groups {
            let names = try #require(group["facilitators"] as? [String])
            #expect(names.count == 1)
            let members = Set((group["members"] as? [String] ?? []).compactMap { index[$0] })
            for name in names {
                load[name, default: 0] += 1
                let row = rows.first { $0.hasPrefix(name + ",") }!.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                if let me = index[row[1]] {
                    #expect(!members.contains(me), "\(name) leads their own group")
                    if roster.managers[me] >= 0 { #expect(!members.contains(Int(roster.managers[me])), "\(name) with their boss") }
                    #expect(!members.contains { roster.managers[$0] == Int32(me) }, "\(name) with their staff")
                }
                if let boss = index[row[3]] { #expect(!members.contains(boss), "\(name) with their boss") }
            }
        }
        for row in rows.dropFirst() {
            let cells = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(load[cells[0], default: 0] <= Int(cells[2])!, "\(cells[0]) over capacity")
        }
        // The assignments file names each leader's facilitator.
        let header = try String(contentsOfFile: out, encoding: .utf8).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        #expect(header.hasSuffix(",group,group facilitator"), "\(header)")
    }

    /// Every bad row at its cell, before any search, in the roster's language.
    @Test func aBadFacilitatorsFileIsRefusedCellByCell() throws {
        let folder = Fixtures.temporaryDirectory()
        let file = folder + "/konsulenter.csv"
        try "navn;kapacitet;nærmeste leder\nMette;x;\nBo;2;\nBo;1;\n;3;\nAnne;2;Niels Nielsen\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = run("solve", Fixtures.path("kolding-daycare.csv"), "--facilitators", file, "--moves", "1000")
        #expect(result.code == 1)
        #expect(result.err.contains(file + ":2:7: fejl: kapaciteten for Mette skal være et helt antal grupper fra 1 til 1000, ikke \"x\""), "\(result.err)")
        #expect(result.err.contains(file + ":4:1: fejl: Bo står der to gange (først på linje 3)"), "\(result.err)")
        #expect(result.err.contains(file + ":5:1: fejl: rækken har intet navn på en konsulent"), "\(result.err)")
        #expect(result.err.contains(file + ":6:8: fejl:") && result.err.contains("Niels Nielsen"), "\(result.err)")
        // Too little capacity for the groups: refused before any search, with how much is missing.
        try "navn;kapacitet\nMette;1\nBo;2\n".write(toFile: file, atomically: true, encoding: .utf8)
        let short = run("solve", Fixtures.path("kolding-daycare.csv"), "--facilitators", file, "--moves", "1000")
        #expect(short.code == 1)
        #expect(short.err.contains("konsulenterne kan i alt tage 3 grupper, men 7 grupper kræver 7"), "\(short.err)")
        #expect(short.err.contains("hæv kapaciteten med 4 i alt"), "\(short.err)")
        // A missing capacity column.
        try "navn\nMette\n".write(toFile: file, atomically: true, encoding: .utf8)
        let columns = run("solve", Fixtures.path("kolding-daycare.csv"), "--facilitators", file, "--moves", "1000")
        #expect(columns.err.contains(file + ":1:1: fejl: filen med netværkskonsulenter skal have en kolonne"), "\(columns.err)")
    }
}
