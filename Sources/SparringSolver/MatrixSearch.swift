import Foundation
import SparringModel

/// The distance-matrix (MDGP) search: a chain of anneals on the one ``Annealer`` over ``MatrixState``, each
/// continuing from the best grouping of the one before, over bands of absolute temperature measured against a
/// reference taken once at the random start.
///
/// Why: on MDGPLIB the annealer is productive only in a narrow band of temperatures (random-distance instances
/// between about 0.3 and 0.05 of the reference, where a typical worsening swap from a random grouping is accepted
/// half the time), and hotter or colder time is wasted; Euclidean (Geo) instances still improve well below that
/// band. A chain of stages spends most of the budget in the band and the rest below it. Each ``Annealer`` run
/// calibrates on its own start, so a stage's scale is set to hit the absolute band: the stage's start state is
/// sampled the same way and the ratio applied.
///
/// On random-distance instances a single anneal saturates (twice the moves gain little), so there the budget goes to
/// a ``Population``: parents annealed through the band, recombined by ``GroupCrossover`` and refined by short cool
/// anneals of the children.
///
/// With a move budget every anneal gets an exact share of the moves, so a run is reproducible.
struct MatrixSearch {
    struct Stage: Sendable {
        /// Start and end temperature, as shares of the reference temperature.
        var from: Double
        var to: Double
        /// Share of the run's budget (time and moves).
        var share: Double
    }

    var stages: [Stage] = MatrixSearch.randomBand

    /// Random-distance instances (RanReal, RanInt): the whole budget in the narrow productive band.
    static let randomBand = [Stage(from: 0.3, to: 0.045, share: 1)]
    /// Metric (Euclidean, Geo) instances: a long cooling from hot to cold, which they need both ends of.
    static let metricBand = [Stage(from: 1, to: 0.01, share: 1)]

    /// Fits the search to an instance: the metric schedule alone when almost no sampled triple breaks the triangle
    /// inequality; otherwise the random band, spent by a ``Population``.
    mutating func fit(to state: MatrixState, rng: inout SeededGenerator) {
        let metric = state.triangleViolationShare(rng: &rng) < 0.01
        stages = metric ? Self.metricBand : Self.randomBand
        population = metric ? nil : Population()
    }
    /// Share of candidates that try a move. Moves settle the group sizes early (at their bounds, mostly), and
    /// then almost all fail the bounds; few of them make the loop faster (about 1.5× on MDGPLIB `ds` instances).
    var moveShare = 0.1
    /// Multiplies every stage's temperatures (a portfolio of parallel runs uses a few).
    var scale = 1.0
    var verifyScore = false

    /// Mean worsening of sampled swaps over ln 2: the temperature at which a typical worsening swap is taken half
    /// the time (the same measure as ``Annealer``'s calibration). O(samples).
    static func referenceTemperature(_ state: MatrixState, free: [Int32], rng: inout SeededGenerator, samples: Int = 2000) -> Double {
        var total = 0.0, count = 0
        for _ in 0..<samples {
            let i = Int(free[rng.below(free.count)]), j = Int(free[rng.below(free.count)])
            guard state.groupOf(i) != state.groupOf(j) else { continue }
            let delta = state.searchSwapDelta(i, j)
            if delta < 0 { total -= delta; count += 1 }
        }
        return max(count > 0 ? total / Double(count) : 1, 1e-9) / log(2)
    }

    /// A population of annealed parents recombined by ``GroupCrossover`` (a memetic search); `nil` runs the stages once.
    struct Population: Sendable {
        /// Number of parents.
        var size = 4
        /// Share of the budget spent on annealing the parents (each runs the stages on an equal part).
        var parentShare = 0.5
        /// Each child's share of the budget.
        var childShare = 0.02
        /// Each child's anneal: start and end temperature, as shares of the reference temperature.
        var childFrom = 0.1
        var childTo = 0.02
    }
    var population: Population?

    /// - Parameter stagnation: as ``Termination/stagnation``, applied to the last stage.
    func run(_ initial: MatrixState, free: [Int32], rng: inout SeededGenerator, clock: RunClock, stagnation: Double? = nil,
             report: ((_ seconds: Double, _ moves: Int, _ best: [Int32]) -> Void)?) -> RunResult {
        guard free.count >= 2, initial.groupCount >= 2 else { return RunResult(groups: initial.groups, objective: initial.objective, moves: 0) }
        var budget = Budget(clock: clock)
        let reference = Self.referenceTemperature(initial, free: free, rng: &rng)
        guard let population else {
            var result = chain(initial, until: 1, free: free, reference: reference, budget: &budget, rng: &rng, stagnation: stagnation, report: report)
            result.moves = budget.used
            return result
        }
        // Parents: the stages, each from its own random grouping (a shuffle of the start keeps the sizes).
        var parents: [RunResult] = []
        for k in 0..<population.size {
            if budget.cancellation?.isCancelled == true { break }
            var groups = initial.groups
            if k > 0 { for x in stride(from: groups.count - 1, to: 0, by: -1) { groups.swapAt(x, rng.below(x + 1)) } }
            let end = population.parentShare * Double(k + 1) / Double(population.size)
            parents.append(chain(k == 0 ? initial : initial.regrouped(groups), until: end, free: free, reference: reference, budget: &budget,
                                 rng: &rng, stagnation: nil, report: k == 0 ? report : nil))
        }
        // Children: recombine two parents, anneal cool, replace the worst parent when better and new.
        var end = population.parentShare
        while end < 1 && parents.count >= 2 && budget.cancellation?.isCancelled != true && budget.spent < 1 {
            end = min(1, end + population.childShare)
            let x = rng.below(parents.count)
            var y = rng.below(parents.count - 1)
            if y >= x { y += 1 }
            let groups = GroupCrossover.child(of: parents[x].groups, parents[y].groups, state: initial, rng: &rng)
            let child = anneal(initial.regrouped(groups), from: population.childFrom, to: population.childTo, until: end, free: free,
                               reference: reference, budget: &budget, rng: &rng, stagnation: nil, report: nil)
            let worst = parents.indices.min { parents[$0].objective < parents[$1].objective }!
            if child.objective > parents[worst].objective + 1e-9 && !parents.contains(where: { abs($0.objective - child.objective) <= 1e-9 }) {
                parents[worst] = child
            }
        }
        var best = parents.max { $0.objective < $1.objective } ?? RunResult(groups: initial.groups, objective: initial.objective, moves: 0)
        best.moves = budget.used
        return best
    }

    /// The run's budget as it is spent by successive anneals: each ends at a share of the whole (time and moves).
    struct Budget {
        let started = DispatchTime.now().uptimeNanoseconds
        let seconds: Double?
        let moves: Int?
        let cancellation: Cancellation?
        var used = 0

        init(clock: RunClock) {
            seconds = clock.seconds
            moves = clock.moves
            cancellation = clock.cancellation
        }

        var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }

        /// The share of the budget spent so far (0…1; the larger of moves and time).
        var spent: Double {
            var share = 0.0
            if let moves { share = max(share, Double(used) / Double(max(1, moves))) }
            if let seconds { share = max(share, elapsed / max(1e-3, seconds)) }
            return min(1, share)
        }

        /// A clock for an anneal that ends when `end` (0…1) of the budget is spent.
        func clock(until end: Double) -> RunClock {
            let remaining = seconds.map { max(0, $0 * end - elapsed) }
            let count = moves.map { max(0, Int((Double($0) * end).rounded()) - used) }
            // The limit is already net of the run's margin: ask for as much more as the clock keeps back.
            let asked = remaining.map { $0 <= 14.7 ? $0 / 0.98 : $0 + 0.3 }
            return RunClock(start: DispatchTime.now().uptimeNanoseconds, seconds: asked, moves: count, cancellation: cancellation)
        }
    }

    /// One anneal from `state` between two temperatures (shares of `reference`), until `end` of the budget.
    private func anneal(_ state: MatrixState, from: Double, to: Double, until end: Double, free: [Int32], reference: Double,
                        budget: inout Budget, rng: inout SeededGenerator, stagnation: Double?,
                        report: ((_ seconds: Double, _ moves: Int, _ best: [Int32]) -> Void)?) -> RunResult {
        var annealer = Annealer(verifyScore: verifyScore)
        annealer.moveShare = moveShare
        // The annealer calibrates on its own start: scale it to the absolute temperature asked for.
        let own = Self.referenceTemperature(state, free: free, rng: &rng)
        annealer.temperatureScale = scale * from * reference / own
        annealer.coolingRatio = to / from
        let result = annealer.run(state, free: free, rng: &rng, clock: budget.clock(until: end), stagnation: stagnation, report: report)
        budget.used += result.moves
        return result
    }

    /// The stages in turn, each continuing from the best of the one before, together until `end` of the budget.
    private func chain(_ initial: MatrixState, until end: Double, free: [Int32], reference: Double, budget: inout Budget,
                       rng: inout SeededGenerator, stagnation: Double?,
                       report: ((_ seconds: Double, _ moves: Int, _ best: [Int32]) -> Void)?) -> RunResult {
        let begin = budget.spent
        let sum = stages.reduce(0) { $0 + $1.share }
        var stageEnd = begin
        var best = RunResult(groups: initial.groups, objective: initial.objective, moves: 0)
        for (k, stage) in stages.enumerated() {
            if budget.cancellation?.isCancelled == true { break }
            stageEnd = k == stages.count - 1 ? end : stageEnd + (end - begin) * stage.share / sum
            let state = k == 0 ? initial : initial.regrouped(best.groups)
            let result = anneal(state, from: stage.from, to: stage.to, until: stageEnd, free: free, reference: reference, budget: &budget,
                                rng: &rng, stagnation: k == stages.count - 1 ? stagnation : nil, report: k == 0 ? report : nil)
            if k == 0 || result.objective > best.objective + 1e-9 { best.groups = result.groups; best.objective = result.objective }
        }
        return best
    }
}
