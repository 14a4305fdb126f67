import Foundation
import SparringEngine
import SparringModel
import SparringReport
import SparringSolver
import Testing
@testable import SparringWorkbench

/// `POST /api/preview`: what a drop would do, asked while a leader is dragged over a group. It equals what the
/// move or swap then does, names the hard rule it would break, and changes nothing.
struct PreviewTests {
    static func score(_ state: [String: Any]) -> (hard: Int, soft: Double) {
        let score = state["score"] as! [String: Any]
        return (score["hard"] as! Int, score["soft"] as! Double)
    }

    @Test func aPreviewedSwapIsWhatTheSwapDoesAndNothingChangesBefore() throws {
        // Opened on a search: every hard rule kept.
        let bench = try Bench()
        let roster = bench.roster
        // A leader beside their boss's group: swapping them in breaks a reporting line.
        let state = bench.state
        let i = try #require(roster.ids.indices.first { i in
            roster.managers[i] >= 0 && Bench.label(of: roster.ids[i], in: state) != Bench.label(of: roster.ids[Int(roster.managers[i])], in: state)
        })
        let boss = Int(roster.managers[i])
        let bossGroup = Bench.label(of: roster.ids[boss], in: state)
        let partner = try #require((Bench.groups(state).first { $0["label"] as! String == bossGroup }!["members"] as! [String]).first { $0 != roster.ids[boss] })
        let body = #"{"a": "\#(roster.ids[i])", "b": "\#(partner)"}"#
        let preview = bench.call("POST", "/api/preview", body)
        #expect(preview.status == 200)
        #expect(bench.call("GET", "/api/state").json["version"] as? Int == state["version"] as? Int, "a preview changes nothing")
        let before = Self.score(state)
        let swapped = bench.call("POST", "/api/swap", body)
        let after = Self.score(swapped.json)
        #expect(preview.json["hard"] as? Int == after.hard - before.hard)
        #expect(abs((preview.json["points"] as! Double) - (after.soft - before.soft)) < 0.01, "the state's points are rounded")
        #expect(after.hard > before.hard)
        let breaks = try #require(preview.json["breaks"] as? [String])
        #expect(breaks.contains { $0.contains(roster.names[i]) && $0.contains(roster.names[boss]) }, "\(breaks)")
    }

    @Test func aPreviewedMoveIsWhatTheMoveDoesAndAFullGroupIsRefusedAsTheMoveWouldBe() throws {
        // Groups of five and seven: a move from seven to five is allowed, one into the group of seven is not.
        let bench = try Bench(settings: RuleSettings(sizing: GroupSizing(minSize: 5, maxSize: 7)), start: { roster in roster.ids.indices.map { Int32($0 < 5 ? 0 : 1) } })
        let state = bench.state
        let from = try #require((Bench.groups(state).first { $0["label"] as! String == "2" }!["members"] as! [String]).first)
        let body = #"{"leader": "\#(from)", "group": "1"}"#
        let preview = bench.call("POST", "/api/preview", body)
        #expect(preview.status == 200)
        let before = Self.score(state), after = Self.score(bench.call("POST", "/api/move", body).json)
        #expect(preview.json["hard"] as? Int == after.hard - before.hard)
        #expect(abs((preview.json["points"] as! Double) - (after.soft - before.soft)) < 0.01, "the state's points are rounded")
        // Now six and six; undo, and a move into the group of seven is refused in the move's own words.
        _ = bench.call("POST", "/api/undo")
        let into = try #require((Bench.groups(bench.state).first { $0["label"] as! String == "1" }!["members"] as! [String]).first)
        let refused = bench.call("POST", "/api/preview", #"{"leader": "\#(into)", "group": "2"}"#)
        let moved = bench.call("POST", "/api/move", #"{"leader": "\#(into)", "group": "2"}"#)
        #expect(refused.status == 409 && moved.status == 409)
        #expect(refused.json["error"] as? String == moved.json["error"] as? String)
    }

    /// The engine's preview is each rule's own change, and their sum is the score's change.
    @Test func theEnginesPreviewSumsTheRulesChanges() throws {
        let bench = try Bench(start: twoGroups)
        let context = bench.workbench.outcome.context
        let groups = context.groups
        let naming = GroupingContext.naming(roster: context.roster, labels: context.labels, visibility: context.visibility, words: context.words)
        let preview = Pipeline.preview(context.model, groups: groups, .move(leader: 0, to: 1), naming: naming)
        var moved = groups
        moved[0] = 1
        let change = context.model.score(moved)
        let before = context.model.score(groups)
        #expect(preview.change.hard == change.hard - before.hard)
        #expect(abs(preview.change.soft - (change.soft - before.soft)) < 0.01, "the state's points are rounded")
        #expect(abs(preview.rules.map(\.change.soft).reduce(0, +) - preview.change.soft) < 1e-9)
    }
}
