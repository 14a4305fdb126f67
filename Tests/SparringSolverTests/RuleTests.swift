import Testing
import SparringIO
import SparringModel
@testable import SparringSolver

/// The shared rule test: every rule on at once, and for each rule, along long random sequences of moves and
/// swaps, the sum of its own deltas equals its from-scratch value, its report's points and broken count add
/// up to that value, and the search's fused delta equals the sum of the rules' deltas.
struct RuleTests {
    /// A generated roster with a meeting-days column (one to three weekdays, some left empty); with
    /// `emptyCells`, also about one field and one rank cell in twelve left empty.
    static func roster(leaders: Int, seed: UInt64, emptyCells: Bool = false) throws -> Roster {
        let text = RosterGenerator(leaders: leaders, seed: seed, danish: false, semicolon: false).render()
        var rng = SeededGenerator(seed: seed ^ 0xDA75)
        let days = ["mon", "tue", "wed", "thu", "fri"]
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for k in lines.indices where !lines[k].isEmpty {
            if k == 0 { lines[k] += ",days"; continue }
            // Columns id, name, field, rank come first (no quotes in generated ids and names).
            var cells = lines[k].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if emptyCells && !cells.prefix(4).contains(where: { $0.contains("\"") }) {
                for column in [2, 3] where rng.below(12) == 0 { cells[column] = "" }
                lines[k] = cells.joined(separator: ",")
            }
            let cell = rng.below(20) == 0 ? "" : (0...rng.below(3)).map { _ in days[rng.below(days.count)] }.joined(separator: "|")
            lines[k] += "," + cell
        }
        return try RosterLoader.load(table: CSVReader.parse(bytes: Array(lines.joined(separator: "\n").utf8), file: "rules.csv")).roster
    }

    /// Every rule switched on: hard variants (`soft == false`) or soft ones.
    /// - Parameter configure: switches on more (a registered rule's own test passes its settings here).
    static func model(_ roster: Roster, soft: Bool, seed: UInt64, typology: Typology = .local,
                      configure: (inout RuleSettings) -> Void = { _ in }) throws -> ScoreModel {
        var settings = RuleSettings(typology: typology, weights: ["location": -2, "age": 2], loneWeights: ["field": 2])
        settings.atLeast = [AtLeastSetting(attribute: "seniority", condition: .atLeast(10)),
                            AtLeastSetting(attribute: "gender", condition: .equals("woman"), count: 2)]
        settings.atMost = [AtMostSetting(attribute: "unit", count: 1), AtMostSetting(attribute: "location", count: 2)]
        settings.meet = "days"
        settings.balance = [BalanceSetting(attribute: "seniority", weight: 3), BalanceSetting(attribute: "age")]
        if soft {
            settings.atMostWeight = 2
            settings.meetWeight = 4
        }
        configure(&settings)
        let groups = settings.sizing.preferredGroupCount(leaders: roster.count)!
        var rng = SeededGenerator(seed: seed)
        func randomGrouping() -> [Int32] { (0..<roster.count).map { _ in Int32(rng.below(groups)) } }
        var rounds = RoundRules()
        rounds.setHistory([randomGrouping(), randomGrouping()])
        rounds.noRepeat = !soft
        rounds.previousGroup = randomGrouping().map { rng.below(10) == 0 ? -1 : $0 }
        rounds.previousLabels = (0..<groups).map { "P\($0 + 1)" }
        var pins = [Int32](repeating: -1, count: roster.count)
        pins[3] = 0; pins[7] = 1; pins[11] = 0
        rounds.pins = pins
        rounds.togetherSets = [[20, 21, 22], [30, 40]]
        rounds.togetherNames = ["mentors", "pair"]
        rounds.togetherWeight = soft ? 3 : nil
        return try ScoreModel(roster: roster, settings: settings, groups: groups, rounds: rounds)
    }

    /// Hard or soft variants; starting within the size bounds, or from a grouping with groups out of bounds
    /// (the search's deltas then count the size rule too); local networks, and sector and cross ones whose pure
    /// groups must also mix ranks or fields (some cells empty), started from groups cut from the roster sorted by
    /// field (sector) or rank (cross), so that many groups are of one field or rank and moves make and break them.
    @Test(arguments: [(false, false, Typology.local), (true, false, .local), (false, true, .local), (true, false, .sector),
                      (false, false, .sector), (true, false, .cross), (false, true, .cross)])
    func everyRuleIncrementalEqualsFromScratchEqualsBreakdown(soft: Bool, outOfBounds: Bool, typology: Typology) throws {
        try Self.checkEveryRule(soft: soft, outOfBounds: outOfBounds, typology: typology)
    }

    /// The shared check behind the test above, for any rule a test switches on with `configure` beside all the
    /// others (a registered rule's own test calls it with its settings).
    static func checkEveryRule(soft: Bool, outOfBounds: Bool, typology: Typology, configure: (inout RuleSettings) -> Void = { _ in }) throws {
        let roster = try Self.roster(leaders: 90, seed: soft ? 5 : 6, emptyCells: typology != .local)
        let model = try Self.model(roster, soft: soft, seed: 11, typology: typology, configure: configure)
        let rules = model.rules
        let inactive = rules.filter { !$0.isActive }.map { $0.id }
        #expect(inactive.isEmpty, "inactive: \(inactive)")
        #expect((model.purity.mixed != nil) == (typology != .local))
        var rng = SeededGenerator(seed: soft ? 21 : 22)
        var start = Construction.build(model, rng: &rng)
        if typology != .local {
            let sorted = (0..<roster.count).sorted { (model.purity.code[$0], $0) < (model.purity.code[$1], $1) }
            let sizes = GroupSizing.balancedSizes(leaders: roster.count, groups: model.groupCount)
            var next = 0
            for (g, size) in sizes.enumerated() {
                for i in sorted[next..<(next + size)] { start[i] = Int32(g) }
                next += size
            }
            #expect(model.purity.pureMembers(Placement(groups: start, groupCount: model.groupCount)) > 0)
        }
        if outOfBounds {
            // Group 1's unpinned members move to group 0: one group too large, one too small.
            for i in start.indices where start[i] == 1 && model.fixedGroup[i] < 0 { start[i] = 0 }
        }
        var state = SearchState(model: model, groups: start)
        #expect(outOfBounds == (state.groupsOutOfBounds > 0))
        let naming = Naming.plain(roster)
        var running = rules.map { $0.score(Placement(groups: state.groups, groupCount: model.groupCount), in: model) }
        var applied = 0, purityChanges = 0
        let purity = try #require(rules.firstIndex { $0.id == "pure-groups" })
        // Sector and cross: every other move or swap goes to a group of a leader of i's own stratum (same field,
        // or same rank), where only the mixed column can change whether a group is pure.
        var strata: [Int32: [Int]] = [:]
        for i in 0..<model.leaderCount { strata[model.purity.code[i], default: []].append(i) }
        func partner(of i: Int) -> Int {
            let kin = strata[model.purity.code[i]]!
            return typology != .local && rng.below(2) == 0 ? kin[rng.below(kin.count)] : rng.below(model.leaderCount)
        }
        for step in 0..<1500 {
            let i = rng.below(model.leaderCount)
            var deltas: [Score], fused: Score
            if rng.below(2) == 0 {
                let h = typology == .local ? rng.below(model.groupCount) : state.groupOf(partner(of: i))
                guard state.canMove(i, to: h) else { continue }
                deltas = state.ruleMoveDeltas(i, to: h)
                fused = state.moveDelta(i, to: h)
                // The search's own delta, valid for the moves canMove allows, must agree.
                let search = state.searchMoveDelta(i, to: h)
                #expect(search.hard == fused.hard && abs(search.soft - fused.soft) < 1e-6, "step \(step): search move \(search) vs \(fused)")
                state.move(i, to: h, delta: fused)
            } else {
                let j = typology == .local ? rng.below(model.leaderCount) : partner(of: i)
                guard state.groupOf(i) != state.groupOf(j) else { continue }
                deltas = state.ruleSwapDeltas(i, j)
                fused = state.swapDelta(i, j)
                if model.fixedGroup[i] < 0 && model.fixedGroup[j] < 0 {
                    let search = state.searchSwapDelta(i, j)
                    #expect(search.hard == fused.hard && abs(search.soft - fused.soft) < 1e-6, "step \(step): search swap \(search) vs \(fused)")
                }
                state.swap(i, j, delta: fused)
            }
            applied += 1
            if deltas[purity].soft != 0 { purityChanges += 1 }
            let sum = deltas.reduce(Score.zero, +)
            #expect(sum.hard == fused.hard && abs(sum.soft - fused.soft) < 1e-6, "step \(step): fused \(fused) vs rules \(sum)")
            for k in rules.indices { running[k] += deltas[k] }
            guard step % 10 == 0 else { continue }
            let placement = Placement(groups: state.groups, groupCount: model.groupCount)
            for (k, rule) in rules.enumerated() {
                let truth = rule.score(placement, in: model)
                #expect(truth.hard == running[k].hard && abs(truth.soft - running[k].soft) < 1e-6 * max(1, abs(truth.soft)),
                        "\(rule.id) at step \(step): incremental \(running[k]), from scratch \(truth)")
                running[k] = truth
                if step % 100 == 0 {
                    let report = rule.report(placement, in: model, naming: naming)
                    #expect(report.id == rule.id)
                    #expect(report.broken == truth.hard, "\(rule.id): report breaks \(report.broken), score \(truth.hard)")
                    #expect(abs(report.points - truth.soft) < 1e-6 * max(1, abs(truth.soft)), "\(rule.id): report \(report.points), score \(truth.soft)")
                }
            }
            #expect(state.corruption() == nil)
        }
        #expect(applied > 500)
        // Moves made and broke pure groups (from the sorted start), so the mixed tables were exercised.
        if typology != .local { #expect(purityChanges >= 10, "pure-groups changed \(purityChanges) times") }
        let breakdown = ScoreBreakdown(model: model, placement: Placement(groups: state.groups, groupCount: model.groupCount), naming: naming)
        let broken = breakdown.rules.reduce(0) { $0 + $1.broken }, points = breakdown.rules.reduce(0.0) { $0 + $1.points }
        #expect(breakdown.score.hard == state.hard && abs(breakdown.score.soft - state.soft) < 1e-6 * max(1, abs(state.soft)))
        #expect(broken == breakdown.score.hard)
        #expect(abs(points - breakdown.score.soft) < 1e-6 * max(1, abs(breakdown.score.soft)))
    }
}
