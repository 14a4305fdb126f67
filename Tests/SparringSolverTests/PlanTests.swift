import Testing
import SparringIO
import SparringModel
import SparringTestSupport
@testable import SparringSolver

/// Several rounds planned together (``PlanState``, ``Planner``): repeats counted exactly, by hand and against
/// from scratch over random moves and swaps; every round's hard rules kept; earlier rounds counted; reproducible.
struct PlanTests {
    /// `n` leaders without attributes (the Social Golfer Problem's players) in groups of exactly `size`.
    static func golfers(groups: Int, size: Int) throws -> ScoreModel {
        let n = groups * size
        let text = "id,name\n" + (1...n).map { "\($0),P\($0)" }.joined(separator: "\n")
        let roster = try RosterLoader.load(table: CSVReader.parse(bytes: Array(text.utf8), file: "golf.csv")).roster
        let settings = RuleSettings(sizing: GroupSizing(minSize: size, maxSize: size), groups: groups, wishWeight: 0, purityWeight: 0)
        return try ScoreModel(roster: roster, settings: settings, groups: groups)
    }

    /// One random move (to one of `groups`) or swap (with `partner`'s pick) of roster leader `i` in round `r`, checked:
    /// the objective changes by exactly the gain the search reads. False when the move or swap is not allowed.
    static func randomStep(_ plan: inout PlanState, round r: Int, _ i: Int, groups: Int, step: Int, rng: inout SeededGenerator,
                           partner: (inout SeededGenerator) -> Int, pinned: (PlanState, Int) -> Bool) -> Bool {
        let before = plan.objective
        if rng.below(2) == 0 {
            let h = rng.below(groups)
            guard plan.canMove(round: r, i, to: h) else { return false }
            let (delta, gain) = plan.moveGain(round: r, i, to: h)
            plan.move(round: r, i, to: h, delta: delta)
            #expect(abs(plan.objective - before - gain) < 1e-6 * max(1, abs(before)), "step \(step): move gain \(gain)")
        } else {
            let j = partner(&rng)
            guard !pinned(plan, j), plan.groupOf(round: r, i) != plan.groupOf(round: r, j) else { return false }
            let (delta, gain) = plan.swapGain(round: r, i, j)
            plan.swap(round: r, i, j, delta: delta)
            #expect(abs(plan.objective - before - gain) < 1e-6 * max(1, abs(before)), "step \(step): swap gain \(gain)")
        }
        return true
    }

    /// Six players, two groups of three, three rounds: {1,2,3}{4,5,6} twice and {1,2,4}{3,5,6}. Pairs 1–2 and 5–6
    /// meet three times (2 repeats, cost 1 + 2 = 3 each); 1–3, 2–3, 4–5, 4–6 twice (1 repeat, cost 1 each).
    @Test func repeatsByHand() throws {
        let model = try Self.golfers(groups: 2, size: 3)
        let a: [Int32] = [0, 0, 0, 1, 1, 1], b: [Int32] = [0, 0, 1, 0, 1, 1]
        let plan = PlanState(model: model, groupings: [a, a, b], pointsPerRepeat: 10, noRepeat: false)
        #expect(plan.repeats == 2 + 2 + 4)
        #expect(plan.repeatCost == 3 + 3 + 4)
        #expect(plan.maxMeetings == 3)
        #expect(plan.meetings(0, 1) == 3 && plan.meetings(0, 3) == 1 && plan.meetings(0, 4) == 0)
        #expect(abs(plan.soft - (-10 * 10)) < 1e-9)
        // History counts as earlier rounds: one more round of `b` before.
        let withHistory = PlanState(model: model, groupings: [a, a, b], earlier: [b], pointsPerRepeat: 10, noRepeat: true)
        #expect(withHistory.meetings(0, 3) == 2)
        #expect(withHistory.hard == withHistory.repeats)
    }

    /// Earlier rounds weigh by recency, as `--history` does: meeting last round's group-mates again costs 1 a pair,
    /// meeting those of the round before ½. Six players, earlier rounds a then b (b the latest), the plan a again.
    @Test func earlierRoundsWeighByRecency() throws {
        let model = try Self.golfers(groups: 2, size: 3)
        let a: [Int32] = [0, 0, 0, 1, 1, 1], b: [Int32] = [0, 0, 1, 0, 1, 1]
        // a's pairs: 1–2 and 5–6 met in a (½) and b (1); 1–3, 2–3, 4–5, 4–6 in a only (½).
        let aLongAgo = PlanState(model: model, groupings: [a], earlier: [a, b], pointsPerRepeat: 10, noRepeat: false)
        #expect(aLongAgo.repeatCost == 1.5 + 1.5 + 4 * 0.5)
        #expect(aLongAgo.repeats == 2 + 6)
        #expect(aLongAgo.maxMeetings == 3)
        // a the latest: the four pairs of a only now weigh 1 each.
        let aLastYear = PlanState(model: model, groupings: [a], earlier: [b, a], pointsPerRepeat: 10, noRepeat: false)
        #expect(aLastYear.repeatCost == 1.5 + 1.5 + 4 * 1)
        // Within the plan, a pair's second meeting costs 1 more whatever the round.
        let twice = PlanState(model: model, groupings: [a, a], earlier: [b], pointsPerRepeat: 10, noRepeat: false)
        let expected: Double = 3 + 3 + 4
        #expect(twice.repeatCost == expected)
    }

    /// Rounds that not everyone takes part in: each round a model over its own leaders; moves and swaps of the
    /// leaders there keep the counts, gains and member lists exact, and an absent leader meets nobody that round.
    @Test func roundsWithAbsentLeadersCountExactly() throws {
        let roster = try RuleTests.roster(leaders: 60, seed: 5)
        var rng = SeededGenerator(seed: 11)
        var models: [ScoreModel] = [], attending: [[Int32]] = [], groupings: [[Int32]] = []
        for r in 0..<3 {
            // Round 1 everyone; later rounds without a random sixth (on leave), round 3 also without round 2's absentees.
            var there: [Int] = []
            for i in 0..<60 where r == 0 || rng.below(6) != 0 { there.append(i) }
            let model = try RuleTests.model(roster.keeping(there), soft: true, seed: 4 + UInt64(r))
            var grouping = [Int32](repeating: -1, count: 60)
            for (l, g) in Construction.build(model, rng: &rng).enumerated() { grouping[there[l]] = g }
            models.append(model)
            attending.append(there.map(Int32.init))
            groupings.append(grouping)
        }
        var plan = PlanState(models: models, attending: attending, groupings: groupings, leaderCount: 60, earlier: [], pointsPerRepeat: 7, noRepeat: false)
        #expect(plan.corruption() == nil)
        #expect(plan.groupings == groupings)
        var applied = 0
        for step in 0..<2000 {
            let r = rng.below(3), i = Int(attending[r][rng.below(attending[r].count)])
            guard models[r].fixedGroup[plan.localIndex(round: r, i)] < 0 else { continue }
            guard Self.randomStep(&plan, round: r, i, groups: models[r].groupCount, step: step, rng: &rng,
                                  partner: { Int(attending[r][$0.below(attending[r].count)]) },
                                  pinned: { models[r].fixedGroup[$0.localIndex(round: r, $1)] >= 0 }) else { continue }
            applied += 1
            if step % 100 == 0 { #expect(plan.corruption() == nil, "step \(step)") }
        }
        #expect(applied > 1000)
        #expect(plan.corruption() == nil)
        for r in 1..<3 {
            for i in 0..<60 where !attending[r].contains(Int32(i)) { #expect(plan.groupOf(round: r, i) == -1) }
        }
    }

    /// The planner with absent leaders: every round keeps its hard rules over the leaders there, nobody absent is
    /// placed, and the same moves limit gives the same plan.
    @Test func plansRoundsWithAbsentLeaders() throws {
        let roster = try RosterLoader.load(path: Fixtures.path("kolding-daycare.csv")).roster
        let settings = RuleSettings(typology: .broad)
        var rounds: [PlanRound] = []
        for r in 0..<3 {
            let there = roster.ids.indices.filter { r == 0 || ($0 + r) % 7 != 0 }
            let subset = roster.keeping(there)
            let model = try ScoreModel(roster: subset, settings: settings, groups: settings.sizing.preferredGroupCount(leaders: subset.count)!)
            rounds.append(PlanRound(model: model, attending: there.map(Int32.init)))
        }
        let options = PlanOptions(seed: 3, termination: Termination(moves: 200_000))
        let plan = Planner.plan(rounds: rounds, leaderCount: roster.count, options: options)
        for (r, round) in rounds.enumerated() {
            let grouping = plan.groupings[r]
            #expect(grouping.indices.filter { grouping[$0] >= 0 } == round.attending.map(Int.init))
            #expect(round.model.score(round.attending.map { grouping[Int($0)] }).hard == 0)
        }
        #expect(Planner.plan(rounds: rounds, leaderCount: roster.count, options: options).groupings == plan.groupings)
    }

    /// The repeat weight is scaled like --history-weight (W·100 a round against a random grouping), and under pure
    /// groups the plan's search weighs a pure leader above the most units one move can save, so that no leader
    /// leaves a pure group to meet fewer colleagues again; the rounds are still scored by their own rules.
    @Test func theRepeatWeightPutsPureGroupsFirst() throws {
        let roster = try RosterLoader.load(path: Fixtures.path("kolding-daycare.csv")).roster
        let broad = try ScoreModel(roster: roster, settings: RuleSettings(typology: .broad), groups: 7)
        let n = 42.0, size = 6.0, pairs = 7 * size * (size - 1) / 2
        let expected = pairs * pairs / (n * (n - 1) / 2)
        #expect(abs(PlanOptions.pointsPerRepeat(weight: 5, model: broad) - 500 / expected) < 1e-9)
        #expect(Planner.structureFirst(broad, pointsPerRepeat: 500 / expected, rounds: 3, earlier: 1).purity.coefficient == 0)
        let local = try ScoreModel(roster: roster, settings: RuleSettings(typology: .local), groups: 7)
        let unit = PlanOptions.pointsPerRepeat(weight: 5, model: local)
        #expect(abs(unit - 500 / expected) < 1e-9)
        let maxSize = Double(local.maxSizes.max()!)
        let searched = Planner.structureFirst(local, pointsPerRepeat: unit, rounds: 3, earlier: 1)
        #expect(searched.purity.coefficient > unit * (maxSize - 1) * (3 - 1 + 1))
        #expect(searched.purity.coefficient > local.purity.coefficient)
        // Only the pure groups' weight changes.
        var rng = SeededGenerator(seed: 5)
        let grouping = Construction.build(local, rng: &rng)
        #expect(abs(searched.score(grouping).soft - searched.purity.score(Placement(groups: grouping, groupCount: 7), in: searched).soft
                    - (local.score(grouping).soft - local.purity.score(Placement(groups: grouping, groupCount: 7), in: local).soft)) < 1e-6)
    }

    /// Local networks over three rounds: every round keeps as many leaders in pure groups as a round planned alone
    /// (the structure first), and within them the plan comes close to the meetings again the strata force
    /// (``StrataRepeats``: 53 here), for several seeds.
    @Test(arguments: [1, 2] as [UInt64])
    func localNetworksKeepTheirPureGroupsAndMeetAgainLittle(seed: UInt64) throws {
        let roster = try RosterLoader.load(path: Fixtures.path("kolding-daycare.csv")).roster
        let settings = RuleSettings(typology: .local)
        let model = try ScoreModel(roster: roster, settings: settings, groups: settings.sizing.preferredGroupCount(leaders: roster.count)!)
        let alone = Solver.solve(model, options: SolverOptions(seed: seed, threads: 1, termination: Termination(moves: 1_000_000, stagnation: nil)))
        func pure(_ grouping: [Int32]) -> Int {
            Int((model.purity.score(Placement(groups: grouping, groupCount: model.groupCount), in: model).soft / model.purity.coefficient).rounded())
        }
        let options = PlanOptions(seed: seed, termination: Termination(moves: 600_000),
                                  pointsPerRepeat: PlanOptions.pointsPerRepeat(weight: 5, model: model))
        let plan = Planner.plan(model, rounds: 3, options: options)
        #expect(plan.groupings.map(pure) == [Int](repeating: pure(alone.groups), count: 3))
        let bound = try #require(StrataRepeats(roster: roster, settings: settings, rounds: 3)).total
        #expect(plan.repeats >= bound)
        #expect(Double(plan.repeats) <= 1.3 * Double(bound), "\(plan.repeats) meetings again, at least \(bound)")
    }

    /// Polishing the strata: two strata of 12 in two pure groups of 6, grouped the same way three times (60
    /// meetings again each). Regrouping and relabelling reach the fewest any plan allows (24 each: a leader's three
    /// groups spell a word of even parity, three leaders a word), raise the objective, keep every group pure and
    /// every count exact, and give the same plan twice.
    @Test func polishingTheStrataReachesTheirFewestRepeats() throws {
        var text = "nr;navn;fagområde;lederniveau;køn\n"
        for i in 0..<24 { text += "\(i + 1);L\(i + 1);\(i < 12 ? "Skole" : "Dagtilbud");institutionsleder;\(i % 3 == 0 ? "kvinde" : "mand")\n" }
        let roster = try RosterLoader.load(table: CSVReader.parse(bytes: Array(text.utf8), file: "strata.csv")).roster
        let model = try ScoreModel(roster: roster, settings: RuleSettings(typology: .local), groups: 4)
        let unit = PlanOptions.pointsPerRepeat(weight: 5, model: model)
        let searched = Planner.structureFirst(model, pointsPerRepeat: unit, rounds: 3, earlier: 0)
        let grouping = (0..<24).map { Int32($0 / 6) }
        let start = PlanState(model: searched, groupings: [grouping, grouping, grouping], earlier: [], pointsPerRepeat: unit, noRepeat: false)
        #expect(start.repeats == 120)
        #expect(Planner.pureStrata(start).map(\.leaders) == [Array(0..<12), Array(12..<24)] || Planner.pureStrata(start).map(\.leaders) == [Array(12..<24), Array(0..<12)])
        var plans: [[[Int32]]] = []
        for _ in 0..<2 {
            var state = start
            var rng = SeededGenerator(seed: 3)
            _ = Planner.polishStrata(&state, strata: Planner.pureStrata(state), budget: 2_000_000, deadline: nil, cancellation: nil, rng: &rng)
            #expect(state.corruption() == nil)
            #expect(state.repeats == 48)
            #expect(state.objective > start.objective)
            #expect(state.rounds.allSatisfy { $0.score.hard == 0 })
            for round in state.groupings {
                for g in 0..<4 { #expect(Set((0..<24).filter { round[$0] == Int32(g) }.map { $0 < 12 }).count == 1, "group \(g) is pure") }
            }
            plans.append(state.groupings)
        }
        #expect(plans[0] == plans[1])
    }

    /// Random moves and swaps over three rounds with every rule on and earlier rounds: the incremental counts,
    /// the gains the search reads and the rounds' scores agree with from scratch.
    @Test(arguments: [false, true])
    func incrementalEqualsFromScratch(noRepeat: Bool) throws {
        let roster = try RuleTests.roster(leaders: 60, seed: 3)
        let model = try RuleTests.model(roster, soft: true, seed: 4)
        var rng = SeededGenerator(seed: 9)
        let groupings = (0..<3).map { _ in Construction.build(model, rng: &rng) }
        let earlier = [Construction.build(model, rng: &rng).map { rng.below(8) == 0 ? -1 : $0 }]
        var plan = PlanState(model: model, groupings: groupings, earlier: earlier, pointsPerRepeat: 7, noRepeat: noRepeat)
        #expect(plan.corruption() == nil)
        var applied = 0
        for step in 0..<2000 {
            let r = rng.below(3), i = rng.below(model.leaderCount)
            guard model.fixedGroup[i] < 0 else { continue }
            guard Self.randomStep(&plan, round: r, i, groups: model.groupCount, step: step, rng: &rng,
                                  partner: { $0.below(model.leaderCount) }, pinned: { model.fixedGroup[$1] >= 0 }) else { continue }
            applied += 1
            if step % 50 == 0 { #expect(plan.corruption() == nil, "step \(step)") }
        }
        #expect(applied > 1000)
        #expect(plan.corruption() == nil)
    }

    /// A small Social Golfer instance (4 groups of 3, 4 rounds: a resolvable design exists) is planned without a
    /// repeat; the same limit in moves gives the same plan.
    @Test func aSmallGolferInstanceHasNoRepeat() throws {
        let model = try Self.golfers(groups: 4, size: 3)
        let options = PlanOptions(seed: 2, termination: Termination(moves: 400_000), noRepeat: true)
        let plan = Planner.plan(model, rounds: 4, options: options)
        #expect(plan.repeats == 0)
        #expect(plan.maxMeetings == 1)
        #expect(plan.groupings.allSatisfy { grouping in (0..<4).allSatisfy { g in grouping.filter { $0 == g }.count == 3 } })
        #expect(Planner.plan(model, rounds: 4, options: options).groupings == plan.groupings)
    }

    /// A municipal roster (reporting lines and loyalty conflicts as hard rules), three rounds: every round keeps
    /// every hard rule, and the plan has fewer repeats than the same rounds searched alone.
    @Test func everyRoundKeepsItsHardRules() throws {
        let roster = try RosterLoader.load(path: Fixtures.path("kolding-daycare.csv")).roster
        let settings = RuleSettings(typology: .broad)
        let model = try ScoreModel(roster: roster, settings: settings, groups: settings.sizing.preferredGroupCount(leaders: roster.count)!)
        let plan = Planner.plan(model, rounds: 3, options: PlanOptions(seed: 1, termination: Termination(moves: 300_000)))
        #expect(plan.roundScores.map(\.hard) == [0, 0, 0])
        for grouping in plan.groupings { #expect(model.score(grouping).hard == 0) }
        let alone = PlanState(model: model, groupings: plan.groupings.indices.map { r in
            Solver.solve(model, options: SolverOptions(seed: 1 &+ UInt64(r) &* 0x9E37_79B9, threads: 1, termination: Termination(moves: 50_000, stagnation: nil))).groups
        }, pointsPerRepeat: 100, noRepeat: false)
        #expect(alone.repeats > 0)
        #expect(plan.repeats < alone.repeats, "planned \(plan.repeats), alone \(alone.repeats)")
    }
}

/// The affine plane of order p: p + 1 rounds of p groups of p in which every pair meets exactly once.
struct PlanStartsTests {
    @Test(arguments: [2, 3, 5, 7])
    func theAffinePlaneMeetsEveryPairOnce(p: Int) throws {
        let design = try #require(PlanStarts.affinePlane(groups: p, size: p, rounds: p + 1))
        var meetings = [Int](repeating: 0, count: p * p * p * p)
        for round in design {
            #expect((0..<p).allSatisfy { g in round.filter { $0 == g }.count == p })
            for i in 0..<(p * p) { for j in (i + 1)..<(p * p) where round[i] == round[j] { meetings[i * p * p + j] += 1 } }
        }
        for i in 0..<(p * p) { for j in (i + 1)..<(p * p) { #expect(meetings[i * p * p + j] == 1, "\(i), \(j)") } }
        #expect(PlanStarts.affinePlane(groups: p, size: p, rounds: p + 2) == nil)
        #expect(PlanStarts.affinePlane(groups: 4, size: 4, rounds: 3) == nil, "4 is no prime")
    }
}
