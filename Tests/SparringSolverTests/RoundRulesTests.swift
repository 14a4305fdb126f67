import Testing
import SparringIO
import SparringModel
import SparringTestSupport
@testable import SparringSolver

/// History, previous grouping, pins and keep-together sets: scored the same both ways, and kept by the solver.
struct RoundRulesTests {
    /// A random grouping of `n` leaders into `m` groups, -1 for leaders in `absent`.
    func randomGrouping(_ n: Int, _ m: Int, seed: UInt64, absent: Set<Int> = []) -> [Int32] {
        var rng = SeededGenerator(seed: seed)
        return (0..<n).map { absent.contains($0) ? -1 : Int32(rng.below(m)) }
    }

    func rounds(_ n: Int, _ m: Int, togetherWeight: Double?) -> RoundRules {
        var rules = RoundRules()
        rules.setHistory([randomGrouping(n, m, seed: 5), randomGrouping(n, m, seed: 6)])
        rules.noRepeat = true
        rules.previousGroup = randomGrouping(n, m, seed: 7, absent: [3, 17, 40])
        rules.previousLabels = (1...m).map(String.init)
        rules.togetherSets = [[1, 2, 9], [20, 21], [50, 60, 70, 80]]
        rules.togetherNames = ["a", "b", "c"]
        rules.togetherWeight = togetherWeight
        return rules
    }

    @Test func historyWeighsRecentRoundsMore() {
        var rules = RoundRules()
        rules.setHistory([[0, 0, 1, 1], [0, 1, 0, 1], [0, 0, 1, 1]])
        #expect(rules.metBefore.map { "\($0.pair.first)-\($0.pair.second):\($0.weight)" } == ["0-1:1.25", "0-2:0.5", "1-3:0.5", "2-3:1.25"])
        #expect(rules.lastRound == [LeaderPair(0, 1), LeaderPair(2, 3)])
        #expect(rules.historyRounds == 3)
    }

    @Test(arguments: [nil, 3.0])
    func incrementalAgreesWithFromScratch(togetherWeight: Double?) throws {
        let roster = try generatedRoster(120, seed: 8)
        let m = 20
        let model = try ScoreModel(roster: roster, settings: RuleSettings(typology: .broad), groups: m, rounds: rounds(120, m, togetherWeight: togetherWeight))
        var rng = SeededGenerator(seed: 9)
        var state = SearchState(model: model, groups: Construction.fromPrevious(model, rng: &rng)!)
        #expect(sizesWithinBounds(model, state.groups))
        for step in 0..<3000 {
            let i = rng.below(model.leaderCount)
            if rng.below(2) == 0 {
                let h = rng.below(m)
                guard state.canMove(i, to: h) else { continue }
                state.move(i, to: h, delta: state.moveDelta(i, to: h))
            } else {
                let j = rng.below(model.leaderCount)
                guard state.groupOf(i) != state.groupOf(j) else { continue }
                state.swap(i, j, delta: state.swapDelta(i, j))
            }
            let truth = model.score(state.groups)
            #expect(state.hard == truth.hard, "hard drift at step \(step)")
            #expect(abs(state.soft - truth.soft) < 1e-6 * max(1, abs(truth.soft)), "soft drift at step \(step)")
        }
    }

    @Test func hardKeepTogetherCostsOnePerSplitPair() throws {
        let roster = try generatedRoster(30, seed: 2)
        var rules = RoundRules()
        rules.togetherSets = [[0, 1, 2]]
        rules.togetherNames = ["x"]
        let model = try ScoreModel(roster: withoutRelations(roster), settings: RuleSettings(sizing: GroupSizing(minSize: 1, maxSize: 30)), groups: 5, rounds: rules)
        var groups = [Int32](repeating: 4, count: 30)
        for i in 0..<30 { groups[i] = Int32(i % 5) }
        groups[0] = 0; groups[1] = 0; groups[2] = 0
        let together = model.score(groups).hard
        groups[2] = 1
        #expect(model.score(groups).hard == together + 2)
    }

    @Test func solverKeepsPinsAndTogetherSetsAndAvoidsLastRound() throws {
        let roster = try generatedRoster(90, seed: 4)
        let m = 15
        var rules = RoundRules()
        rules.setHistory([randomGrouping(90, m, seed: 1).enumerated().map { Int32($0.offset / 6) }])
        rules.noRepeat = true
        var pins = [Int32](repeating: -1, count: 90)
        pins[10] = 3; pins[16] = 3; pins[50] = 14
        rules.pins = pins
        rules.togetherSets = [[30, 70, 80]]
        rules.togetherNames = ["mentors"]
        let model = try ScoreModel(roster: roster, settings: RuleSettings(), groups: m, rounds: rules)
        let result = Solver.solve(model, options: SolverOptions(seed: 3, threads: 2, termination: Termination(moves: 400_000)))
        #expect(result.score.hard == 0)
        #expect(result.groups[10] == 3 && result.groups[16] == 3 && result.groups[50] == 14)
        #expect(Set([30, 70, 80].map { result.groups[$0] }).count == 1)
        #expect(!rules.lastRound.contains { result.groups[Int($0.first)] == result.groups[Int($0.second)] })
    }
}

/// `roster` without conflicts, wishes or reporting lines, so that only the rule under test counts.
func withoutRelations(_ roster: Roster) -> Roster {
    var copy = roster
    copy.conflicts = []
    copy.wishes = []
    copy.managers = [Int32](repeating: -1, count: roster.count)
    return copy
}
