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
/// With a move budget every stage gets an exact share of the moves, so a run is reproducible.
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

    /// The stages for an instance: the metric schedule when almost no sampled triple breaks the triangle inequality.
    static func stages(for state: MatrixState, rng: inout SeededGenerator) -> [Stage] {
        state.triangleViolationShare(rng: &rng) < 0.01 ? metricBand : randomBand
    }
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

    /// - Parameter stagnation: as ``Termination/stagnation``, applied to the last stage.
    func run(_ initial: MatrixState, free: [Int32], rng: inout SeededGenerator, clock: RunClock, stagnation: Double? = nil,
             report: ((_ seconds: Double, _ moves: Int, _ best: [Int32]) -> Void)?) -> RunResult {
        guard free.count >= 2, initial.groupCount >= 2 else { return RunResult(groups: initial.groups, objective: initial.objective, moves: 0) }
        let reference = Self.referenceTemperature(initial, free: free, rng: &rng)
        let started = DispatchTime.now().uptimeNanoseconds
        let total = clock.seconds, budget = clock.moves
        let sum = stages.reduce(0) { $0 + $1.share }
        var end = 0.0, used = 0
        var best = RunResult(groups: initial.groups, objective: initial.objective, moves: 0)
        var state = initial
        for (k, stage) in stages.enumerated() {
            if clock.cancellation?.isCancelled == true { break }
            end = k == stages.count - 1 ? 1 : end + stage.share / sum
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            let seconds = total.map { max(0, $0 * end - elapsed) }
            let moves = budget.map { max(0, Int((Double($0) * end).rounded()) - used) }
            // The stage's limit is already net of the run's margin: ask for as much more as the clock keeps back.
            let asked = seconds.map { $0 <= 14.7 ? $0 / 0.98 : $0 + 0.3 }
            let stageClock = RunClock(start: DispatchTime.now().uptimeNanoseconds, seconds: asked, moves: moves, cancellation: clock.cancellation)
            if k > 0 { state = initial.regrouped(best.groups) }
            var annealer = Annealer(verifyScore: verifyScore)
            let own = k == 0 ? reference : Self.referenceTemperature(state, free: free, rng: &rng)
            annealer.temperatureScale = scale * stage.from * reference / own
            annealer.coolingRatio = stage.to / stage.from
            let result = annealer.run(state, free: free, rng: &rng, clock: stageClock, stagnation: k == stages.count - 1 ? stagnation : nil,
                                       report: k == 0 ? report : nil)
            used += result.moves
            if k == 0 || result.objective > best.objective + 1e-9 { best.groups = result.groups; best.objective = result.objective }
        }
        best.moves = used
        return best
    }
}
