import Testing
import SparringIO
import SparringModel

struct RosterGeneratorTests {
    @Test func sameSeedSameFileOtherSeedOtherFile() {
        let a = RosterGenerator(leaders: 200, seed: 9).render()
        #expect(a == RosterGenerator(leaders: 200, seed: 9).render())
        #expect(a != RosterGenerator(leaders: 200, seed: 10).render())
    }

    @Test func realisticStructure() throws {
        let text = RosterGenerator(leaders: 1000, seed: 2).render()
        let roster = try RosterLoader.load(table: CSVReader.parse(bytes: Array(text.utf8), file: "g.csv")).roster
        #expect(roster.count == 1000)
        // Everyone but the directors reports to someone of a higher rank.
        let rank = try #require(roster.attribute(named: "rank"))
        let directors = rank.codes.filter { $0 == 3 }.count
        #expect(directors >= 1)
        #expect(roster.managers.filter { $0 < 0 }.count == directors)
        for (i, manager) in roster.managers.enumerated() where manager >= 0 {
            #expect(rank.codes[Int(manager)] > rank.codes[i])
        }
        // Gender shares differ by field (daycare mostly women, technical services mostly men).
        let field = try #require(roster.attribute(named: "field")), gender = try #require(roster.attribute(named: "gender"))
        func womenShare(_ label: String) -> Double {
            let code = Int32(field.levels.firstIndex(of: label)!)
            let members = field.codes.indices.filter { field.codes[$0] == code }
            return Double(members.filter { gender.levels[Int(gender.codes[$0])] == "woman" }.count) / Double(members.count)
        }
        #expect(womenShare("Daycare") > 0.7)
        #expect(womenShare("Technical services") < 0.45)
        #expect(roster.conflicts.count >= 20)
        #expect(roster.wishes.count >= 200)
    }
}
