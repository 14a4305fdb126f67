import Foundation
import Testing
import SparringEngine
import SparringIO
import SparringModel
import SparringServer
import SparringTestSupport
@testable import SparringWorkbench

/// `serve --facilitators FILE`: every card says who facilitates the group, placed anew after every change, never a
/// facilitator with their own boss in the group.
@Suite struct RolesWorkbenchTests {
    @Test func everyCardNamesItsFacilitatorAfterEveryChange() throws {
        let roster = try RosterLoader.load(path: Fixtures.path("small-danish.csv")).roster
        var problem = Problem(roster: roster, settings: RuleSettings(), words: Words(.da))
        // Leader nr 10 is the boss of nr 1 and 2: facilitator "Karin" reports to nr 1.
        var karin = Facilitator(name: "Karin", capacity: 1)
        karin.keptApart = [0]
        problem.facilitators = [karin, Facilitator(name: "Ole", capacity: 1)]
        let setup = Workbench.Setup(problem: problem, rosterPath: Fixtures.path("small-danish.csv"), threads: 1, seconds: 0.2)
        let start = Arrangement(rules: Rules(settings: RuleSettings(), rounds: RoundRules()), groups: (0..<12).map { Int32($0 < 6 ? 0 : 1) },
                                labels: ["1", "2"], pinned: [Bool](repeating: false, count: 12))
        let workbench = try Workbench(setup: setup, start: start)
        let api = WorkbenchAPI(workbench)
        func facilitators() -> [String: String] {
            let response = api.respond(to: HTTPRequest(method: "GET", path: "/api/state", body: []))
            let state = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
            let groups = state["groups"] as? [[String: Any]] ?? []
            return Dictionary(uniqueKeysWithValues: groups.map { ($0["label"] as! String, $0["facilitator"] as? String ?? "?") })
        }
        // Nr 1 sits in group 1: Karin takes group 2.
        #expect(facilitators() == ["1": "Ole", "2": "Karin"])
        // Swap nr 1 into group 2: Karin moves to group 1.
        let swapped = api.respond(to: HTTPRequest(method: "POST", path: "/api/swap", body: Array(#"{"a": "1", "b": "7"}"#.utf8)))
        #expect(swapped.status == 200)
        #expect(facilitators() == ["1": "Karin", "2": "Ole"])
    }

    /// A scenario keeps figures that mean the same under any typology (leaders in groups of its typology, wishes
    /// granted, groups with a lone member), and the journal keeps them.
    @Test func scenariosKeepFiguresThatCompareAcrossTypologies() throws {
        let roster = try RosterLoader.load(path: Fixtures.path("small-danish.csv")).roster
        let problem = Problem(roster: roster, settings: RuleSettings(typology: .local), words: Words(.da))
        let setup = Workbench.Setup(problem: problem, rosterPath: Fixtures.path("small-danish.csv"), threads: 1, seconds: 0.2)
        let workbench = try Workbench(setup: setup)
        try workbench.keepScenario(named: "lokal")
        let kept = try #require(workbench.read { $0.scenarios.first })
        #expect(kept.plain["leaders"] == 12)
        #expect(kept.plain["pure"] == workbench.outcome.context.breakdown.rule("pure-groups")?.figure("leadersInPureGroups")?.int)
        #expect(kept.plain["wishes"] != nil && kept.plain["loneGroups"] != nil)
        // Written to the journal and read back the same.
        let json = try JSONSerialization.jsonObject(with: Data(WorkCoding.scenario(kept, against: kept.arrangement).compact().utf8))
        #expect(WorkCoding.scenario(json, against: kept.arrangement, count: 12, base: kept.arrangement.rules) == kept)
        // The page gets them.
        let state = StateDocument.state(workbench)
        #expect(state.contains("\"plain\":{") && state.contains("\"leaders\":12"), "\(state.prefix(300))")
    }
}
