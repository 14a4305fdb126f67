import Foundation
import Testing
import SparringEngine
import SparringIO
import SparringModel
import SparringServer
import SparringTestSupport
@testable import SparringWorkbench

/// `serve --rounds K`: the workbench holds a plan, a tab per round; a move changes the round shown, and the plan's
/// count of meetings again follows it; the rounds survive the journal and go out in the exports.
@Suite struct PlanWorkbenchTests {
    /// Round 1 of `small-danish.csv` by roster order (two groups of six), round 2 odd and even leaders, round 3 as round 1.
    static let handPlan: [[Int32]] = [
        (0..<12).map { Int32($0 < 6 ? 0 : 1) },
        (0..<12).map { Int32($0 % 2) },
        (0..<12).map { Int32($0 < 6 ? 0 : 1) },
    ]

    /// Meetings beyond a pair's first over `plan`, counted the plain way (every pair, every round).
    static func repeats(_ plan: [[Int32]]) -> Int {
        var total = 0
        for i in 0..<12 {
            for j in (i + 1)..<12 {
                let met = plan.filter { $0[i] == $0[j] }.count
                total += max(0, met - 1)
            }
        }
        return total
    }

    static func bench(start plan: [[Int32]]? = nil, rounds: Int = 3) throws -> (Workbench, WorkbenchAPI) {
        let roster = try RosterLoader.load(path: Fixtures.path("small-danish.csv")).roster
        let problem = Problem(roster: roster, settings: RuleSettings(), words: Words(.da))
        var setup = Workbench.Setup(problem: problem, rosterPath: Fixtures.path("small-danish.csv"), threads: 1, seconds: 0.2)
        setup.rounds = rounds
        let start = plan.map { Arrangement(rules: Rules(settings: RuleSettings(), rounds: RoundRules()), plan: $0, labels: ["1", "2"]) }
        let workbench = try Workbench(setup: setup, start: start)
        return (workbench, WorkbenchAPI(workbench))
    }

    static func call(_ api: WorkbenchAPI, _ method: String, _ path: String, _ body: String = "") -> (status: Int, json: [String: Any], body: [UInt8]) {
        let response = api.respond(to: HTTPRequest(method: method, path: path, body: Array(body.utf8)))
        return (response.status, (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:], response.body)
    }

    static func plan(_ state: [String: Any]) -> [String: Int] { state["plan"] as? [String: Int] ?? [:] }

    /// Opened on a search, the workbench plans every round together: three rounds, every one keeping its hard rules.
    @Test func opensOnAPlanOfEveryRound() throws {
        let (workbench, api) = try Self.bench()
        let state = Self.call(api, "GET", "/api/state").json
        #expect(Self.plan(state)["rounds"] == 3)
        #expect(Self.plan(state)["round"] == 0)
        let current = workbench.current
        #expect(current.roundCount == 3)
        #expect(Self.plan(state)["repeats"] == Self.repeats(current.plan))
        for round in current.plan {
            #expect(workbench.outcome.context.model.score(round).hard == 0)
        }
    }

    /// A tab switch shows another round (undo goes back to it); a swap in round 2 changes only round 2, and the
    /// plan's count of meetings again is the plain count of the plan as it now is.
    @Test func movesInARoundUpdateThePlansRepeats() throws {
        let (workbench, api) = try Self.bench(start: Self.handPlan)
        var state = Self.call(api, "GET", "/api/state").json
        #expect(Self.plan(state)["repeats"] == Self.repeats(Self.handPlan))
        // Round 1 shown: its meeting-again rule counts rounds 2 and 3 as earlier rounds.
        #expect((state["rules"] as! [[String: Any]]).contains { ($0["key"] as! String).hasPrefix("meeting-again") })

        let shown = Self.call(api, "POST", "/api/round", #"{"round": 2}"#)
        #expect(shown.status == 200)
        #expect(Self.plan(shown.json)["round"] == 1)
        #expect(workbench.current.groups == Self.handPlan[1])
        #expect(workbench.current.plan == Self.handPlan)

        // Swap nr 1 (group 1 in round 2) and nr 8 (group 2): nr 1 now meets more of its round-1 group-mates again.
        let swapped = Self.call(api, "POST", "/api/swap", #"{"a": "1", "b": "8"}"#)
        #expect(swapped.status == 200, "\(swapped.json)")
        var expected = Self.handPlan
        (expected[1][0], expected[1][7]) = (expected[1][7], expected[1][0])
        #expect(workbench.current.plan == expected)
        state = swapped.json
        #expect(Self.plan(state)["repeats"] == Self.repeats(expected))
        #expect(Self.plan(state)["repeats"] != Self.repeats(Self.handPlan))

        // Undo the swap, then the tab switch: round 1 is shown again, the plan as it was.
        #expect(Self.call(api, "POST", "/api/undo").status == 200)
        #expect(Self.call(api, "POST", "/api/undo").status == 200)
        #expect(workbench.current.round == 0)
        #expect(workbench.current.plan == Self.handPlan)
    }

    /// Rounds the plan does not have, and rounds that are no number, are refused; nothing changes.
    @Test func aRoundThePlanDoesNotHaveIsRefused() throws {
        let (workbench, api) = try Self.bench(start: Self.handPlan)
        let none = Self.call(api, "POST", "/api/round", #"{"round": 4}"#)
        #expect(none.status == 404)
        #expect((none.json["error"] as? String)?.contains("planen har ingen runde 4") == true, "\(none.json)")
        #expect(Self.call(api, "POST", "/api/round", #"{"round": "to"}"#).status == 400)
        #expect(Self.call(api, "POST", "/api/round", #"{"round": 1.5}"#).status == 400)
        #expect(Self.call(api, "GET", "/api/round").status == 405)
        #expect(workbench.current.round == 0)
    }

    /// The journal writes a plan's rounds, pins and the round shown, and reads them back exactly, also as a
    /// difference from another plan.
    @Test func thePlanSurvivesTheJournal() throws {
        let base = Arrangement(rules: Rules(settings: RuleSettings(), rounds: RoundRules()), plan: Self.handPlan, labels: ["1", "2"])
        var next = base.showing(2)
        next.pinned[3] = true
        next.otherPinned[0][5] = true
        next.groups.swapAt(0, 7)
        for reference in [nil, base] {
            let json = try JSONSerialization.jsonObject(with: Data(WorkCoding.arrangement(next, against: reference).compact().utf8))
            #expect(WorkCoding.arrangement(json, against: reference, count: 12, base: base.rules) == next)
        }
        // A round shown that the plan does not have, or a round of the wrong length, is damage.
        for bad in [#"{"k": 3}"#, #"{"o": [[0, 1]], "q": [[]]}"#] {
            let json = try JSONSerialization.jsonObject(with: Data(bad.utf8))
            #expect(WorkCoding.arrangement(json, against: base, count: 12, base: base.rules) == nil, "\(bad)")
        }
    }

    /// The exports of a plan: the CSV with a column per round, the workbook with a sheet per round.
    @Test func exportsThePlan() throws {
        let (_, api) = try Self.bench(start: Self.handPlan)
        let csv = String(decoding: Self.call(api, "GET", "/api/export/csv").body, as: UTF8.self)
        let header = csv.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        #expect(header.hasSuffix(",runde 1,runde 2,runde 3"), "\(header)")
        let xlsx = Self.call(api, "GET", "/api/export/xlsx").body
        #expect(try XLSXReader.sheetNames(bytes: xlsx, file: "plan.xlsx") == ["Plan", "Runde 1", "Runde 2", "Runde 3"])
    }
}
