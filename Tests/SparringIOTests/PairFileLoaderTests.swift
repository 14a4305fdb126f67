import Foundation
import Testing
import SparringIO
import SparringModel
import SparringTestSupport

struct PairFileLoaderTests {
    func write(_ text: String) -> String {
        let path = Fixtures.temporaryDirectory() + "/pairs.csv"
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    @Test func readsConflictsWithOrWithoutHeader() throws {
        let roster = try RosterLoader.load(path: Fixtures.path("small-english.csv")).roster
        let withHeader = write("leader;other\nL03;L01\nL01;L03\nL04;L77\n")
        // A person not in the roster is an error (a conflict is a hard rule), unless said to be outside it.
        #expect(thrown { _ = try PairFileLoader.load(path: withHeader, roster: roster, relation: .conflict) } == """
            \(withHeader):4:5: error: the leader "L77" is not in the roster
            Maybe correct the id or name, or add the person to the roster; if they are not in it on purpose (a director, a leader who has left), say so: --outside 'L77'.
            """)
        let (pairs, warnings) = try PairFileLoader.load(path: withHeader, roster: roster, relation: .conflict, outside: ["L77"])
        #expect(pairs == [LeaderPair(0, 2)])
        #expect(warnings.isEmpty)
        let noHeader = write("L03,L01\nL05,L06\n")
        let wishes = try PairFileLoader.load(path: noHeader, roster: roster, relation: .wish).pairs
        #expect(wishes == [LeaderPair(2, 0), LeaderPair(4, 5)])
        #expect(roster.adding(wishes, as: .wish).wishes.count == roster.wishes.count + 1)
    }

    @Test func refusesRowsWithoutTwoIDs() throws {
        let roster = try RosterLoader.load(path: Fixtures.path("small-english.csv")).roster
        let path = write("a,b\nL01\n")
        #expect(thrown { _ = try PairFileLoader.load(path: path, roster: roster, relation: .conflict) } == """
            \(path):2:1: error: each row must name two leaders, but this one has 1 value
            Maybe write one pair per row: the id of a leader, then the id of the leader they must not be grouped with.
            """)
    }
}
