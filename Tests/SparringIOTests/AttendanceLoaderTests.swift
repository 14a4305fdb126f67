import Testing
import SparringModel
@testable import SparringIO

/// The cells of `plan --attendance`: every way a consultant writes the rounds a leader takes part in, and what is
/// refused.
struct AttendanceLoaderTests {
    /// The rounds (1-based) a cell lists in a plan of `rounds`, or nil when refused.
    static func rounds(_ cell: String, of rounds: Int = 5) -> [Int]? {
        guard let flags = try? AttendanceLoader.parse(cell, rounds: rounds) else { return nil }
        return flags.indices.filter { flags[$0] }.map { $0 + 1 }
    }

    @Test func readsListsRangesAndWords() {
        #expect(Self.rounds("") == [1, 2, 3, 4, 5])
        #expect(Self.rounds("Alle") == [1, 2, 3, 4, 5])
        #expect(Self.rounds("all") == [1, 2, 3, 4, 5])
        #expect(Self.rounds("ingen") == [])
        #expect(Self.rounds("1,3") == [1, 3])
        #expect(Self.rounds("1; 3") == [1, 3])
        #expect(Self.rounds("2-4") == [2, 3, 4])
        #expect(Self.rounds("2 - 4") == [2, 3, 4])
        #expect(Self.rounds("3-") == [3, 4, 5])
        #expect(Self.rounds("-2") == [1, 2])
        #expect(Self.rounds("1, 4-5") == [1, 4, 5])
        #expect(Self.rounds("runde 2 og 4") == [2, 4])
        #expect(Self.rounds("rounds 1 and 3") == [1, 3])
    }

    @Test func refusesWhatIsNoListOfRounds() {
        for cell in ["x", "1-2-3", "4-2", "0", "6", "1,,x", "1.5", "to"] {
            #expect(Self.rounds(cell) == nil, "\(cell)")
        }
        // A round outside the plan is told apart from a cell that is not a list.
        #expect(throws: AttendanceLoader.CellProblem.self) { try AttendanceLoader.parse("6", rounds: 5) }
        if case .outside(let round)? = Result(catching: { () throws(AttendanceLoader.CellProblem) in try AttendanceLoader.parse("7", rounds: 5) }).failure {
            #expect(round == 7)
        } else {
            Issue.record("round 7 of 5 should be outside the plan")
        }
    }
}

extension Result {
    /// The error, if any.
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
