import Testing
import SparringModel
@testable import SparringSolver

struct MatrixSearchTests {
    /// Random distances (RanReal-like) or points in the plane (Geo-like), with unequal group bounds.
    func instance(n: Int, seed: UInt64, metric: Bool) -> [Double] {
        var rng = SeededGenerator(seed: seed)
        let points = (0..<n).map { _ in (Double(rng.below(10_000)) / 100, Double(rng.below(10_000)) / 100) }
        var d = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in (i + 1)..<n {
            let value = metric ? ((points[i].0 - points[j].0) * (points[i].0 - points[j].0) + (points[i].1 - points[j].1) * (points[i].1 - points[j].1)).squareRoot()
                               : Double(rng.below(10_000)) / 100
            d[i * n + j] = value; d[j * n + i] = value
        } }
        return d
    }

    @Test func regroupedAgreesWithAFreshStateAndKeepsDeltasExact() {
        let n = 24, lower = [3, 4, 5, 3], upper = [8, 9, 7, 10]
        let d = instance(n: n, seed: 11, metric: false)
        var rng = SeededGenerator(seed: 12)
        let a = Construction.randomWithinBounds(elements: n, lower: lower, upper: upper, rng: &rng)
        let b = Construction.randomWithinBounds(elements: n, lower: lower, upper: upper, rng: &rng)
        var state = MatrixState(distances: d, n: n, lower: lower, upper: upper, groups: a).regrouped(b)
        let fresh = MatrixState(distances: d, n: n, lower: lower, upper: upper, groups: b)
        #expect(abs(state.objective - fresh.objective) < 1e-9)
        #expect(state.corruption() == nil)
        // After regrouping, every move's and swap's delta is the from-scratch difference.
        for _ in 0..<2000 {
            let i = rng.below(n), j = rng.below(n), h = rng.below(4)
            if state.canMove(i, to: h) {
                let before = state.objective, delta = state.searchMoveDelta(i, to: h)
                var groups = state.groups
                groups[i] = Int32(h)
                #expect(abs(MatrixState(distances: d, n: n, lower: lower, upper: upper, groups: groups).objective - before - delta) < 1e-6)
                state.move(i, to: h, delta: delta)
            }
            if state.groupOf(i) != state.groupOf(j) {
                let before = state.objective, delta = state.searchSwapDelta(i, j)
                var groups = state.groups
                groups.swapAt(i, j)
                #expect(abs(MatrixState(distances: d, n: n, lower: lower, upper: upper, groups: groups).objective - before - delta) < 1e-6)
                state.swap(i, j, delta: delta)
            }
        }
        #expect(state.corruption() == nil)
    }

    @Test func metricInstancesAreToldFromRandomOnes() {
        var rng = SeededGenerator(seed: 3)
        let n = 40, lower = [10, 10, 10, 10], upper = lower
        let groups = Construction.randomWithinBounds(elements: n, lower: lower, upper: upper, rng: &rng)
        let metric = MatrixState(distances: instance(n: n, seed: 1, metric: true), n: n, lower: lower, upper: upper, groups: groups)
        let random = MatrixState(distances: instance(n: n, seed: 1, metric: false), n: n, lower: lower, upper: upper, groups: groups)
        #expect(metric.triangleViolationShare(rng: &rng) == 0)
        #expect(random.triangleViolationShare(rng: &rng) > 0.05)
    }

    @Test func chainedStagesAreReproducibleUnderAMoveBudget() {
        let n = 30, lower = [6, 7, 8], upper = [12, 11, 12]
        let d = instance(n: n, seed: 5, metric: false)
        func once() -> RunResult {
            var rng = SeededGenerator(seed: 9)
            let start = Construction.randomWithinBounds(elements: n, lower: lower, upper: upper, rng: &rng)
            var search = MatrixSearch(verifyScore: true)
            search.stages = [.init(from: 1, to: 0.1, share: 0.5), .init(from: 0.1, to: 0.01, share: 0.5)]
            return search.run(MatrixState(distances: d, n: n, lower: lower, upper: upper, groups: start), free: (0..<n).map(Int32.init),
                              rng: &rng, clock: RunClock(seconds: nil, moves: 30_000), report: nil)
        }
        let a = once(), b = once()
        #expect(a.groups == b.groups && a.objective == b.objective)
        #expect(a.moves == 30_000)
        #expect(abs(MatrixState(distances: d, n: n, lower: lower, upper: upper, groups: a.groups).objective - a.objective) < 1e-6)
    }

    /// Members of group `g` in a grouping.
    func members(_ groups: [Int32], _ g: Int) -> Set<Int> { Set(groups.indices.filter { groups[$0] == Int32(g) }) }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func crossoverChildrenStayWithinTheBoundsAndInheritWholeGroups(seed: UInt64) {
        // Unequal, tight bounds: the child must repair sizes after inheriting groups of other sizes.
        let n = 40, lower = [3, 8, 5, 10, 2], upper = [6, 12, 9, 10, 8]
        let d = instance(n: n, seed: seed, metric: seed % 2 == 0)
        var rng = SeededGenerator(seed: seed &+ 100)
        let state = MatrixState(distances: d, n: n, lower: lower, upper: upper,
                                groups: Construction.randomWithinBounds(elements: n, lower: lower, upper: upper, rng: &rng))
        for _ in 0..<50 {
            let a = Construction.randomWithinBounds(elements: n, lower: lower, upper: upper, rng: &rng)
            let b = Construction.randomWithinBounds(elements: n, lower: lower, upper: upper, rng: &rng)
            let child = GroupCrossover.child(of: a, b, state: state, rng: &rng)
            #expect(child.count == n)
            for g in 0..<lower.count {
                let size = child.filter { $0 == Int32(g) }.count
                #expect(size >= lower[g] && size <= upper[g], "group \(g) has \(size), bounds \(lower[g])…\(upper[g])")
            }
            // The first group inherited is one of a parent's groups, whole (nothing was placed before it); leftovers
            // may join it.
            let inherited = (0..<lower.count).map { members(child, $0) }
            let parentGroups = (0..<lower.count).flatMap { [members(a, $0), members(b, $0)] }
            #expect(inherited.contains { group in parentGroups.contains { group.isSuperset(of: $0) } })
        }
    }

    @Test func identicalParentsGiveTheirOwnGrouping() {
        let n = 30, lower = [10, 10, 10], upper = lower
        let d = instance(n: n, seed: 4, metric: false)
        var rng = SeededGenerator(seed: 8)
        let parent = Construction.randomWithinBounds(elements: n, lower: lower, upper: upper, rng: &rng)
        let state = MatrixState(distances: d, n: n, lower: lower, upper: upper, groups: parent)
        let child = GroupCrossover.child(of: parent, parent, state: state, rng: &rng)
        #expect((0..<3).map { members(child, $0) } == (0..<3).map { members(parent, $0) })
    }

    @Test func thePopulationIsReproducibleUnderAMoveBudgetAndStaysWithinTheBounds() {
        let n = 36, lower = [5, 6, 7, 8], upper = [12, 11, 10, 9]
        let d = instance(n: n, seed: 21, metric: false)
        func once() -> RunResult {
            var rng = SeededGenerator(seed: 5)
            let start = Construction.randomWithinBounds(elements: n, lower: lower, upper: upper, rng: &rng)
            var search = MatrixSearch(verifyScore: true)
            search.population = MatrixSearch.Population(size: 3, parentShare: 0.5, childShare: 0.1)
            return search.run(MatrixState(distances: d, n: n, lower: lower, upper: upper, groups: start), free: (0..<n).map(Int32.init),
                              rng: &rng, clock: RunClock(seconds: nil, moves: 60_000), report: nil)
        }
        let a = once(), b = once()
        #expect(a.groups == b.groups && a.objective == b.objective)
        #expect(a.moves <= 60_000 && a.moves > 55_000)
        #expect(abs(MatrixState(distances: d, n: n, lower: lower, upper: upper, groups: a.groups).objective - a.objective) < 1e-6)
        for g in 0..<lower.count {
            let size = a.groups.filter { $0 == Int32(g) }.count
            #expect(size >= lower[g] && size <= upper[g])
        }
    }
}
