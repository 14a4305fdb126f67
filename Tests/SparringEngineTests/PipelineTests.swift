import SparringEngine
import SparringIO
import SparringModel
import SparringSolver
import SparringTestSupport
import Testing

/// The pipeline makes the judgments every front end shows: what is refused before a search, and how much of a
/// wall-clock limit the search may take.
struct PipelineTests {
    static func roster(_ text: String) throws -> Roster {
        try RosterLoader.load(table: CSVReader.parse(bytes: Array(text.utf8), file: "roster.csv")).roster
    }

    /// `check` is `prepare` without the search: the same warnings when the set-up holds, the same errors when not.
    @Test func checkRefusesWhatPrepareRefusesAndWarnsAsItWarns() throws {
        let fine = try Self.roster("id;navn;køn\n" + (1...12).map { "\($0);P\($0);\($0 == 1 ? "mand" : "kvinde")\n" }.joined())
        let problem = Problem(roster: fine, settings: RuleSettings(typology: .broad))
        #expect(try Pipeline.check(problem).map(\.message) == (try Pipeline.prepare(problem).warnings.map(\.message)))
        #expect(try !Pipeline.check(problem).isEmpty, "one man among twelve: a lone member is unavoidable, which is a warning")

        let ring = [1: "2", 2: "3", 3: "4", 4: "5", 5: "1"]
        let broken = try Self.roster("id;navn;konflikter\n" + (1...12).map { "\($0);P\($0);\(ring[$0] ?? "")\n" }.joined())
        let impossible = Problem(roster: broken, settings: RuleSettings())
        let checked = Result { () throws(DiagnosticError) in try Pipeline.check(impossible) }
        let prepared = Result { () throws(DiagnosticError) in try Pipeline.prepare(impossible) }
        guard case .failure(let a) = checked, case .failure(let b) = prepared else {
            Issue.record("an odd ring of conflicts with two groups must be refused")
            return
        }
        #expect(a.diagnostics.map(\.message) == b.diagnostics.map(\.message))
        #expect(a.diagnostics.allSatisfy { $0.severity == .error })
    }

    /// The reserve after the search grows with what is written and with the time loading took; it never takes
    /// more than half the limit, and the search always gets a little time.
    @Test func theSearchKeepsTimeForWhatIsWrittenAfterIt() {
        let plain = Pipeline.AfterSearch(leaderStories: false, json: false, report: false)
        let everything = Pipeline.AfterSearch(leaderStories: true, json: true, report: true)
        // Nothing spent before the search: only the fixed 0.05 s.
        #expect(abs(Pipeline.searchSeconds(limit: 10, beforeSearch: 0, after: everything) - 9.95) < 1e-9)
        // Two seconds of loading: a plain run keeps 0.05 + 2 · 0.72 s, a run writing everything more.
        #expect(abs(Pipeline.searchSeconds(limit: 60, beforeSearch: 2, after: plain) - (60 - 2 - 1.49)) < 1e-9)
        #expect(Pipeline.searchSeconds(limit: 60, beforeSearch: 2, after: everything) < Pipeline.searchSeconds(limit: 60, beforeSearch: 2, after: plain))
        // The reserve is at most half the limit, and the search never gets less than 0.05 s.
        #expect(abs(Pipeline.searchSeconds(limit: 10, beforeSearch: 4, after: everything) - 1) < 1e-9)
        #expect(Pipeline.searchSeconds(limit: 1, beforeSearch: 3, after: plain) == 0.05)
    }
}
