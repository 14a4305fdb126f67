import Testing
import SparringIO
import SparringModel
@testable import SparringSolver

/// The Social Golfer search (``GolferSearch``) and its starts (``PlanStarts``, ``FiniteField``): designs without a
/// repeated pair, conflicts counted exactly (separations and earlier rounds included), reproducible, solving small
/// instances.
struct GolferSearchTests {
    /// Earlier rounds are numbered by their own files (group 7 of a 2-group plan counts), and the conflicts they
    /// bring (a pair that met twice before) are the baseline the search stops at, not zero.
    @Test func earlierRoundsOfAnyNumberingAndTheirOwnRepeats() {
        // Earlier: leaders 0 and 1 in group 7 twice (one conflict no plan removes).
        let earlier: [[Int32]] = [[7, 7, -1, -1], [7, 7, -1, -1]]
        let round: [Int32] = [0, 1, 0, 1]
        var search = GolferSearch(leaders: 4, groupCount: 2, groupings: [round], earlier: earlier)
        #expect(search.baseline == 1)
        #expect(search.met(0, 1) == 2)
        var rng = SeededGenerator(seed: 1)
        let outcome = search.tabuSearch(budget: 1_000_000, deadline: nil, cancellation: nil, rng: &rng)
        #expect(search.conflicts == search.baseline)
        #expect(outcome.moves < 1_000_000, "the search stops at the baseline instead of running out its budget")
    }

    /// Meetings per pair counted from the groupings alone (earlier rounds' groups outside `0..<m` absent), plus one
    /// per separated pair; returns Σ max(0, meetings − 1).
    static func conflicts(n: Int, m: Int, _ groupings: [[Int32]], earlier: [[Int32]] = [], separated: [(Int, Int)] = []) -> Int {
        var meetings = [Int](repeating: 0, count: n * n)
        for grouping in earlier + groupings {
            for i in 0..<n { for j in (i + 1)..<n where grouping[i] == grouping[j] && grouping[i] >= 0 && Int(grouping[i]) < m { meetings[i * n + j] += 1 } }
        }
        for (i, j) in separated { meetings[min(i, j) * n + max(i, j)] += 1 }
        return meetings.reduce(0) { $0 + max(0, $1 - 1) }
    }

    /// A random grouping of `n` leaders into `m` groups of `n / m`.
    static func randomGrouping(n: Int, m: Int, rng: inout SeededGenerator) -> [Int32] {
        var grouping = (0..<n).map { Int32($0 % m) }
        for i in stride(from: n - 1, to: 0, by: -1) { grouping.swapAt(i, rng.below(i + 1)) }
        return grouping
    }

    // MARK: Starts

    @Test(arguments: [2, 3, 4, 5, 7, 8, 9, 16, 25, 27, 32, 49, 64, 81, 121, 125, 128])
    func finiteFieldsAreFields(q: Int) throws {
        let field = try #require(FiniteField(order: q))
        var rng = SeededGenerator(seed: UInt64(q))
        for _ in 0..<300 {
            let a = rng.below(q), b = rng.below(q), c = rng.below(q)
            #expect(field.multiply(a, field.add(b, c)) == field.add(field.multiply(a, b), field.multiply(a, c)))
            #expect(field.multiply(field.multiply(a, b), c) == field.multiply(a, field.multiply(b, c)))
            #expect(field.subtract(field.add(a, b), b) == a)
        }
        // Every non-zero element has an inverse; 1 is element 1.
        for a in 1..<q { #expect((1..<q).contains { field.multiply(a, $0) == 1 }, "\(a) has no inverse in GF(\(q))") }
        #expect((0..<q).allSatisfy { field.multiply(1, $0) == $0 })
    }

    @Test func noFieldOfOtherOrders() {
        for q in [0, 1, 6, 10, 12, 15, 18, 20, 24, 100] { #expect(FiniteField(order: q) == nil, "\(q)") }
    }

    @Test(arguments: [(2, 2), (3, 2), (4, 2), (4, 3), (4, 4), (5, 3), (7, 7), (8, 4), (8, 8), (9, 3), (9, 4), (16, 4), (25, 5), (27, 3)])
    func transversalDesignsRepeatNoPair(q: Int, s: Int) throws {
        let expected = q + (q % s == 0 ? 1 : 0)
        let design = try #require(PlanStarts.transversalDesign(groups: q, size: s, rounds: 100))
        #expect(design.count == expected)
        for round in design {
            #expect(round.count == q * s)
            var size = [Int](repeating: 0, count: q)
            for g in round { size[Int(g)] += 1 }
            #expect(size.allSatisfy { $0 == s })
        }
        #expect(Self.conflicts(n: q * s, m: q, design) == 0)
        #expect(PlanStarts.transversalDesign(groups: q, size: s, rounds: 2)?.count == 2)
    }

    @Test func noTransversalDesignWhereNoFieldOrTooBig() {
        #expect(PlanStarts.transversalDesign(groups: 6, size: 3, rounds: 3) == nil)
        #expect(PlanStarts.transversalDesign(groups: 10, size: 4, rounds: 3) == nil)
        #expect(PlanStarts.transversalDesign(groups: 4, size: 5, rounds: 3) == nil)
        #expect(PlanStarts.affinePlane(groups: 5, size: 5, rounds: 6)?.count == 6)
        #expect(PlanStarts.affinePlane(groups: 5, size: 5, rounds: 7) == nil)
    }

    // MARK: Counting

    /// By hand: four leaders, {0, 1}{2, 3}; 0–1 separated, one earlier round {0, 1}{2, 3}, another with 2 absent.
    @Test func separationsAndEarlierRoundsCount() {
        let round: [Int32] = [0, 0, 1, 1]
        #expect(GolferSearch(leaders: 4, groupCount: 2, groupings: [round]).conflicts == 0)
        #expect(GolferSearch(leaders: 4, groupCount: 2, groupings: [round], separated: [(0, 1)]).conflicts == 1)
        let both = GolferSearch(leaders: 4, groupCount: 2, groupings: [round], earlier: [round, [1, 0, -1, 0]], separated: [(1, 0)])
        // 0–1: separated + 2 meetings = 3 (2 conflicts); 2–3: 2 meetings (1); 1–3: 1 meeting.
        #expect(both.conflicts == 3)
        #expect(both.met(1, 3) == 1 && both.met(0, 1) == 3)
    }

    /// Random swaps over 4 rounds of 24 leaders with separations and earlier rounds: the incremental count, the
    /// predicted change of each swap and a greedy rebuild agree with a count from the groupings alone.
    @Test func incrementalEqualsFromScratch() {
        let n = 24, m = 6
        var rng = SeededGenerator(seed: 11)
        let groupings = (0..<4).map { _ in Self.randomGrouping(n: n, m: m, rng: &rng) }
        let earlier = [Self.randomGrouping(n: n, m: m, rng: &rng).map { rng.below(5) == 0 ? -1 : $0 }]
        let separated = [(0, 1), (2, 7), (5, 23), (11, 12)]
        var search = GolferSearch(leaders: n, groupCount: m, groupings: groupings, earlier: earlier, separated: separated)
        #expect(search.conflicts == Self.conflicts(n: n, m: m, groupings, earlier: earlier, separated: separated))
        for step in 0..<1500 {
            let r = rng.below(4), a = rng.below(n), b = rng.below(n)
            guard search.group(round: r, a) != search.group(round: r, b) else { continue }
            let before = search.conflicts, predicted = search.swapDelta(round: r, a, b)
            search.swap(round: r, a, b)
            #expect(search.conflicts - before == predicted, "step \(step)")
            if step % 100 == 0 {
                #expect(search.conflicts == Self.conflicts(n: n, m: m, search.groupings, earlier: earlier, separated: separated), "step \(step)")
            }
        }
        search.rebuildGreedily(rounds: 1..<4, rng: &rng)
        #expect(search.conflicts == Self.conflicts(n: n, m: m, search.groupings, earlier: earlier, separated: separated))
        #expect(search.conflicts == search.conflictsFromScratch())
        for grouping in search.groupings { #expect((0..<m).allSatisfy { g in grouping.filter { $0 == g }.count == n / m }) }
    }

    /// Conflict positions counted from the groupings alone: per round, the leaders with a group-mate they meet more
    /// than once (earlier rounds and separations count).
    static func positions(n: Int, m: Int, _ groupings: [[Int32]], earlier: [[Int32]] = [], separated: [(Int, Int)] = []) -> [Int] {
        var meetings = [Int](repeating: 0, count: n * n)
        for grouping in earlier + groupings {
            for i in 0..<n { for j in 0..<n where i != j && grouping[i] == grouping[j] && grouping[i] >= 0 && Int(grouping[i]) < m { meetings[i * n + j] += 1 } }
        }
        for (i, j) in separated { meetings[i * n + j] += 1; meetings[j * n + i] += 1 }
        return groupings.map { grouping in
            (0..<n).filter { i in (0..<n).contains { j in j != i && grouping[j] == grouping[i] && meetings[i * n + j] > 1 } }.count
        }
    }

    /// Random swaps with separations and earlier rounds: the conflict positions kept by every swap (a pair whose
    /// meetings cross 2 changes positions in other rounds too) and those predicted before it agree with a count from
    /// the groupings alone, and so do they after a rebuild in order.
    @Test func conflictPositionsAreKeptExactly() {
        let n = 20, m = 5, k = 5
        var rng = SeededGenerator(seed: 21)
        let groupings = (0..<k).map { _ in Self.randomGrouping(n: n, m: m, rng: &rng) }
        let earlier = [Self.randomGrouping(n: n, m: m, rng: &rng).map { rng.below(4) == 0 ? -1 : $0 }]
        let separated = [(0, 1), (2, 7), (5, 19), (11, 12)]
        var search = GolferSearch(leaders: n, groupCount: m, groupings: groupings, earlier: earlier, separated: separated)
        let scratch = GolferSearch.PositionScratch(leaders: n, rounds: k, capacity: n / m)
        for step in 0..<2000 {
            let r = rng.below(k), a = rng.below(n), b = rng.below(n)
            guard search.group(round: r, a) != search.group(round: r, b) else { continue }
            let predicted = search.positionsAfterSwap(round: r, a, b, scratch: scratch)
            search.swap(round: r, a, b)
            #expect(predicted.positions == search.positions && predicted.conflicts == search.conflicts, "step \(step)")
            #expect(predicted.most == search.roundPositions.max(), "step \(step)")
            if step % 50 == 0 {
                let counted = Self.positions(n: n, m: m, search.groupings, earlier: earlier, separated: separated)
                #expect(search.roundPositions.map(Int.init) == counted, "step \(step)")
                #expect(search.positions == counted.reduce(0, +), "step \(step)")
                #expect((search.positions == 0) == (search.conflicts == search.baseline), "step \(step)")
            }
        }
        search.rebuildInOrder(rounds: 2..<k, order: Array((0..<n).reversed()))
        #expect(search.roundPositions.map(Int.init) == Self.positions(n: n, m: m, search.groupings, earlier: earlier, separated: separated))
        #expect(search.conflicts == Self.conflicts(n: n, m: m, search.groupings, earlier: earlier, separated: separated))
        for grouping in search.groupings { #expect((0..<m).allSatisfy { g in grouping.filter { $0 == g }.count == n / m }) }
    }

    /// The ordered start's branch and bound gives, group by group, the set a brute force over every set in order
    /// gives: fewest meetings among its pairs, then most freedom, then first in order (rounds of a plan with
    /// separations, in a shuffled order).
    @Test func theOrderedStartIsTheFirstBestSet() {
        for (m, s, k, seed) in [(4, 3, 5, 1), (3, 4, 4, 2), (5, 2, 6, 3), (4, 4, 5, 4)] {
            let n = m * s
            var rng = SeededGenerator(seed: UInt64(seed))
            var order = Array(0..<n)
            for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, rng.below(i + 1)) }
            let separated = [(order[0], order[1]), (order[2], order[5])]
            var search = GolferSearch(leaders: n, groupCount: m, groupings: Array(repeating: (0..<n).map { Int32($0 % m) }, count: k),
                                      separated: separated)
            search.rebuildInOrder(rounds: 0..<k, order: order, nodeLimit: 1_000_000)
            // The brute force, round by round over the same order.
            var meetings = [Int](repeating: 0, count: n * n)
            for (i, j) in separated { meetings[i * n + j] += 1; meetings[j * n + i] += 1 }
            for r in 0..<k {
                var unplaced = order
                for g in 0..<m {
                    var best: [Int] = [], bestKey = (Int.max, Int.max)
                    func visit(_ set: [Int], from start: Int) {
                        if set.count == s {
                            var met = 0
                            for x in set.indices { for y in set.indices where y > x { met += meetings[set[x] * n + set[y]] } }
                            let free = (0..<n).filter { c in !set.contains(c) && set.allSatisfy { meetings[$0 * n + c] == 0 } }.count
                            if (met, -free) < bestKey { (best, bestKey) = (set, (met, -free)) }
                            return
                        }
                        guard start < unplaced.count else { return }
                        for index in start..<unplaced.count { visit(set + [unplaced[index]], from: index + 1) }
                    }
                    visit([], from: 0)
                    let found = (0..<n).filter { search.group(round: r, $0) == g }
                    #expect(Set(found) == Set(best), "\(m)-\(s)-\(k) round \(r) group \(g)")
                    for x in best { for y in best where x != y { meetings[x * n + y] += 1 } }
                    unplaced.removeAll { best.contains($0) }
                }
            }
        }
    }

    /// The search over conflict positions solves small instances from the ordered start within a budget, the same
    /// way twice for a seed.
    @Test func thePositionSearchSolvesAndRepeats() {
        for (m, s, w) in [(5, 3, 7), (4, 4, 5), (6, 3, 7)] {
            var plans: [[[Int32]]] = []
            for _ in 0..<2 {
                let n = m * s
                var search = GolferSearch(leaders: n, groupCount: m, groupings: Array(repeating: (0..<n).map { Int32($0 % m) }, count: w))
                var rng = SeededGenerator(seed: 5)
                search.rebuildInOrder(rounds: 0..<w, order: Array(0..<n))
                let outcome = search.positionSearch(budget: 20_000_000, deadline: nil, cancellation: nil, rng: &rng)
                #expect(search.conflicts == 0 && search.positions == 0, "\(m)-\(s)-\(w)")
                #expect(Self.conflicts(n: n, m: m, search.groupings) == 0, "\(m)-\(s)-\(w)")
                #expect(outcome.moves < 20_000_000)
                plans.append(search.groupings)
            }
            #expect(plans[0] == plans[1], "\(m)-\(s)-\(w)")
        }
    }

    /// A plan that cannot be free of repeats (5-3-8: 7 rounds at most) ends on the fewest conflicts the search saw,
    /// counted right.
    @Test func thePositionSearchEndsOnItsBestWhenNoneIsFree() {
        var search = GolferSearch(leaders: 15, groupCount: 5, groupings: Array(repeating: (0..<15).map { Int32($0 % 5) }, count: 8))
        var rng = SeededGenerator(seed: 2)
        search.rebuildInOrder(rounds: 0..<8, order: Array(0..<15))
        let start = search.conflicts
        _ = search.positionSearch(budget: 2_000_000, deadline: nil, cancellation: nil, rng: &rng)
        #expect(search.conflicts > 0 && search.conflicts <= start)
        #expect(search.conflicts == Self.conflicts(n: 15, m: 5, search.groupings))
        #expect(search.roundPositions.map(Int.init) == Self.positions(n: 15, m: 5, search.groupings))
    }

    // MARK: Search

    /// `g`-`s`-`w` from the greedy start alone (no design), within a budget of candidates.
    static func searched(groups m: Int, size s: Int, rounds w: Int, separated: [(Int, Int)] = [], budget: Int, seed: UInt64) -> GolferSearch {
        let n = m * s
        var search = GolferSearch(leaders: n, groupCount: m, groupings: Array(repeating: (0..<n).map { Int32($0 % m) }, count: w),
                                  separated: separated)
        var rng = SeededGenerator(seed: seed)
        search.rebuildGreedily(rounds: 0..<w, rng: &rng)
        _ = search.tabuSearch(budget: budget, deadline: nil, cancellation: nil, rng: &rng)
        return search
    }

    @Test func smallInstancesAreSolvedBySearch() {
        for (m, s, w) in [(5, 3, 7), (4, 4, 5), (4, 3, 4)] {
            let search = Self.searched(groups: m, size: s, rounds: w, budget: 3_000_000, seed: 3)
            #expect(search.conflicts == 0, "\(m)-\(s)-\(w)")
            #expect(Self.conflicts(n: m * s, m: m, search.groupings) == 0, "\(m)-\(s)-\(w)")
        }
    }

    @Test func separatedPairsNeverMeet() {
        let separated = [(0, 1), (0, 5), (3, 9), (7, 8)]
        let search = Self.searched(groups: 4, size: 3, rounds: 4, separated: separated, budget: 2_000_000, seed: 5)
        #expect(search.conflicts == 0)
        for grouping in search.groupings { for (i, j) in separated { #expect(grouping[i] != grouping[j]) } }
    }

    @Test func aMovesBudgetIsReproducible() {
        let a = Self.searched(groups: 8, size: 4, rounds: 9, budget: 300_000, seed: 7)
        let b = Self.searched(groups: 8, size: 4, rounds: 9, budget: 300_000, seed: 7)
        #expect(a.groupings == b.groupings)
        #expect(a.conflicts == b.conflicts)
        #expect(a.conflicts == Self.conflicts(n: 32, m: 8, a.groupings))
    }

    // MARK: Planner

    /// 4-4-5 (the affine plane of order 4 over GF(4)) and 8-4-9 (a transversal design over GF(8) and one round
    /// more) are planned from their designs; 5-3-7 (the design covers 5 rounds only) by the search.
    @Test func plannerReachesDesignsAndSmallInstances() throws {
        for (m, s, w) in [(4, 4, 5), (8, 4, 9), (5, 3, 7)] {
            let model = try PlanTests.golfers(groups: m, size: s)
            var options = PlanOptions(seed: 1, termination: Termination(moves: 3_000_000), noRepeat: true, firstShare: 0)
            options.stopAtNoRepeat = true
            let plan = Planner.plan(model, rounds: w, options: options)
            #expect(plan.repeats == 0, "\(m)-\(s)-\(w)")
            #expect(Self.conflicts(n: m * s, m: m, plan.groupings) == 0, "\(m)-\(s)-\(w)")
            #expect(plan.groupings.allSatisfy { grouping in (0..<m).allSatisfy { g in grouping.filter { $0 == g }.count == s } })
        }
    }

    /// A separation the design would break (leaders 1 and 5 share round 1's first group): the plan keeps it apart
    /// and reports what its own state counts.
    @Test func plannerKeepsSeparations() throws {
        let text = "id,name,manager\n" + (1...12).map { "\($0),P\($0),\($0 == 5 ? "1" : "")" }.joined(separator: "\n")
        let roster = try RosterLoader.load(table: CSVReader.parse(bytes: Array(text.utf8), file: "golf.csv")).roster
        #expect(roster.separations.count == 1)
        let model = try ScoreModel(roster: roster, settings: RuleSettings(sizing: GroupSizing(minSize: 3, maxSize: 3), groups: 4,
                                                                         wishWeight: 0, purityWeight: 0), groups: 4)
        let plan = Planner.plan(model, rounds: 4, options: PlanOptions(seed: 2, termination: Termination(moves: 2_000_000), noRepeat: true))
        #expect(plan.repeats == 0)
        #expect(plan.roundScores.allSatisfy { $0.hard == 0 })
        for grouping in plan.groupings { #expect(grouping[0] != grouping[4]) }
    }
}
