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

    /// A facilitator chosen by hand for a card holds through later changes while the members allow it, the
    /// others are placed around it, undo takes it back and the journal keeps it; a facilitator with their boss in
    /// the group, one who is a member, one at capacity and an unknown name are refused with the reason.
    @Test func aFacilitatorChosenByHandHoldsAndTheRulesAreChecked() throws {
        let roster = try RosterLoader.load(path: Fixtures.path("small-danish.csv")).roster
        var problem = Problem(roster: roster, settings: RuleSettings(), words: Words(.da))
        var karin = Facilitator(name: "Karin", capacity: 1)
        karin.keptApart = [0]
        var member = Facilitator(name: "Nr 7", capacity: 2)
        member.leader = 6
        problem.facilitators = [karin, Facilitator(name: "Ole", capacity: 1), member]
        let setup = Workbench.Setup(problem: problem, rosterPath: Fixtures.path("small-danish.csv"), threads: 1, seconds: 0.2)
        let start = Arrangement(rules: Rules(settings: RuleSettings(), rounds: RoundRules()), groups: (0..<12).map { Int32($0 < 6 ? 0 : 1) },
                                labels: ["1", "2"], pinned: [Bool](repeating: false, count: 12))
        let workbench = try Workbench(setup: setup, start: start)
        let api = WorkbenchAPI(workbench)
        func post(_ path: String, _ body: String) -> (status: Int, text: String) {
            let response = api.respond(to: HTTPRequest(method: "POST", path: path, body: Array(body.utf8)))
            return (response.status, String(decoding: response.body, as: UTF8.self))
        }
        func cards() -> [String: (placed: String, chosen: String?)] {
            let response = api.respond(to: HTTPRequest(method: "GET", path: "/api/state", body: []))
            let state = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
            let groups = state["groups"] as? [[String: Any]] ?? []
            return Dictionary(uniqueKeysWithValues: groups.map { ($0["label"] as! String, ($0["facilitator"] as? String ?? "?", $0["facilitatorChosen"] as? String)) })
        }
        // Ole for group 2 by hand (the assignment alone gives group 2 to Karin, or to Nr 7's other group).
        #expect(post("/api/facilitator", #"{"group": "2", "facilitator": "Ole"}"#).status == 200)
        #expect(cards()["2"]?.placed == "Ole" && cards()["2"]?.chosen == "Ole")
        #expect(cards()["1"]?.chosen == nil && cards()["1"]?.placed != "Ole")
        // A change elsewhere keeps the choice.
        #expect(post("/api/swap", #"{"a": "2", "b": "8"}"#).status == 200)
        #expect(cards()["2"]?.placed == "Ole")
        // Refusals, in Danish, with the reason; nothing changes.
        let boss = post("/api/facilitator", #"{"group": "1", "facilitator": "Karin"}"#)
        #expect(boss.status == 409 && boss.text.contains("Karin kan ikke facilitere gruppe 1"), "\(boss.text)")
        let own = post("/api/facilitator", #"{"group": "2", "facilitator": "Nr 7"}"#)
        #expect(own.status == 409 && own.text.contains("er selv med i gruppen"), "\(own.text)")
        let full = post("/api/facilitator", #"{"group": "1", "facilitator": "Ole"}"#)
        #expect(full.status == 409 && full.text.contains("Ole er allerede valgt til 1 gruppe"), "\(full.text)")
        #expect(post("/api/facilitator", #"{"group": "1", "facilitator": "Nobody"}"#).status == 404)
        #expect(cards()["2"]?.chosen == "Ole")
        // The journal's coding keeps the choice.
        let current = workbench.read { $0.current }
        let json = try JSONSerialization.jsonObject(with: Data(WorkCoding.arrangement(current, against: nil).compact().utf8))
        #expect(WorkCoding.arrangement(json, against: nil, count: 12, base: current.rules)?.facilitatorChoices == current.facilitatorChoices)
        #expect(current.facilitatorChoices == [-1, 1])
        // "automatic" gives the group back to the assignment; undo brings the choice back.
        #expect(post("/api/facilitator", #"{"group": "2", "facilitator": null}"#).status == 200)
        #expect(cards()["2"]?.chosen == nil)
        #expect(post("/api/undo", "").status == 200)
        #expect(cards()["2"]?.chosen == "Ole")
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
