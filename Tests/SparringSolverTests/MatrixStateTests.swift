import Testing
import SparringModel
@testable import SparringSolver

struct MatrixStateTests {
    /// A random symmetric instance with unequal group bounds.
    func instance(n: Int, seed: UInt64) -> (distances: [Double], lower: [Int], upper: [Int]) {
        var rng = SeededGenerator(seed: seed)
        var d = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in (i + 1)..<n { d[i * n + j] = Double(rng.below(1000)) / 10; d[j * n + i] = d[i * n + j] } }
        return (d, [3, 4, 5, 3], [8, 9, 7, 10])
    }

    @Test func incrementalObjectiveAgreesWithFromScratch() {
        let n = 24
        let (d, lower, upper) = instance(n: n, seed: 4)
        var rng = SeededGenerator(seed: 5)
        var state = MatrixState(distances: d, n: n, lower: lower, upper: upper,
                                groups: Construction.randomWithinBounds(elements: n, lower: lower, upper: upper, rng: &rng))
        for _ in 0..<5000 {
            let i = rng.below(n), j = rng.below(n), h = rng.below(4)
            if state.canMove(i, to: h) { state.move(i, to: h, delta: state.searchMoveDelta(i, to: h)) }
            if state.groupOf(i) != state.groupOf(j) { state.swap(i, j, delta: state.searchSwapDelta(i, j)) }
            #expect(state.corruption() == nil)
        }
        var sizes = [Int](repeating: 0, count: 4)
        for g in state.groups { sizes[Int(g)] += 1 }
        #expect(sizes.indices.allSatisfy { sizes[$0] >= lower[$0] && sizes[$0] <= upper[$0] })
    }

    @Test func solverFindsTheOptimumOfATinyInstance() {
        // Two clusters far apart: the best 2-grouping of 3 + 3 puts far-apart points together.
        let points: [Double] = [0, 1, 2, 100, 101, 102]
        var d = [Double](repeating: 0, count: 36)
        for i in 0..<6 { for j in 0..<6 { d[i * 6 + j] = abs(points[i] - points[j]) } }
        let result = Solver.solve(distances: d, elements: 6, lower: [3, 3], upper: [3, 3],
                                  options: SolverOptions(seed: 1, threads: 2, termination: Termination(moves: 20_000, stagnation: nil)))
        // Brute force over all 3-subsets containing element 0.
        var best = 0.0
        for a in 1..<6 { for b in (a + 1)..<6 {
            let first = [0, a, b], second = (0..<6).filter { !first.contains($0) }
            func sum(_ s: [Int]) -> Double { var t = 0.0; for x in s { for y in s where y > x { t += d[x * 6 + y] } }; return t }
            best = max(best, sum(first) + sum(second))
        } }
        #expect(abs(result.score.soft - best) < 1e-9)
    }

    @Test func sameSeedAndMovesSameSolution() {
        let (d, lower, upper) = instance(n: 30, seed: 8)
        let options = SolverOptions(seed: 3, threads: 2, termination: Termination(moves: 100_000, stagnation: nil))
        let a = Solver.solve(distances: d, elements: 30, lower: lower, upper: upper, options: options)
        let b = Solver.solve(distances: d, elements: 30, lower: lower, upper: upper, options: options)
        #expect(a.groups == b.groups)
    }
}
