import Dispatch
import Foundation
import SparringModel
import Synchronization

/// How to run the solver.
public struct SolverOptions: Sendable {
    /// Seed of the first run (run k uses a seed derived from it).
    public var seed: UInt64
    /// Independent runs, one per thread; the best is kept (ties go to the lowest thread).
    public var threads: Int
    /// When each run stops.
    public var termination: Termination
    /// Re-check the incremental score after every accepted move and stop loudly on drift (slow; for tests and debugging).
    public var verifyScore: Bool
    /// Called now and then with the best so far (from one run).
    public var progress: (@Sendable (SolverProgress) -> Void)?
    /// Stops every run early when cancelled; the best grouping so far is kept.
    public var cancellation: Cancellation?

    /// Options of a solve; see the properties.
    public init(seed: UInt64 = 1, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                termination: Termination = Termination(seconds: 3), verifyScore: Bool = false,
                progress: (@Sendable (SolverProgress) -> Void)? = nil, cancellation: Cancellation? = nil) {
        self.seed = seed
        self.threads = max(1, threads)
        self.termination = termination
        self.verifyScore = verifyScore || ProcessInfo.processInfo.environment["SPARRING_VERIFY_SCORE"] == "1"
        self.progress = progress
        self.cancellation = cancellation
    }
}

/// The best grouping found and how the search went.
public struct SolveResult: Sendable {
    /// 0-based group per leader.
    public var groups: [Int32]
    /// The best grouping's score.
    public var score: Score
    /// Moves evaluated, all threads together.
    public var moves: Int
    /// Wall time of the solve.
    public var seconds: Double
    /// Runs made in parallel.
    public var threads: Int
    /// Whether the search was cancelled before its limit (the grouping is the best found until then).
    public var cancelled = false
    /// Each run's best objective (soft − penalty · hard, or the MDGP objective), in thread order.
    public var runObjectives: [Double]
    /// When the solve started (uptime nanoseconds), for a later phase's clock.
    var started: UInt64 = 0
    /// Whether every run stopped for stagnation.
    var stagnated = false
}

/// Runs independent annealing runs in parallel and keeps the best.
///
/// The runs form a portfolio: each starts at a different fraction of the calibrated temperature, because
/// rugged rules (pure groups) favour a cool start and smooth ones a hot start; the best score wins. The first
/// run starts at 0.3 of the calibrated temperature: on generated 300-leader rosters, at 5 and 15 M moves, it
/// scored higher than 1 (the old first rung) for all four typologies (broad +1.3, local +4.7, sector +12 mean).
public enum Solver {
    static let temperatureLadder: [Double] = [0.3, 0.1, 1, 0.03, 0.5, 0.05, 0.2, 0.01]

    /// Two phases, so that threads cooperate: first every thread anneals from its own construction for
    /// ``firstPhase`` of the limit; then every thread starts again from the best grouping any of them found (its
    /// elite) and refines it, cooler, each with its own random path, for the rest. A run that lost part of the
    /// structure early (a seed lottery) is so replaced by the best one, and two threads refine the best twice.
    /// One thread does the same alone: a long anneal, then a cooler one from its best.
    /// - Complexity: O(threads · (n · terms + moves · delta cost)) work, on `threads` cores.
    public static func solve(_ model: ScoreModel, options: SolverOptions) -> SolveResult {
        let free = (0..<model.leaderCount).filter { model.fixedGroup[$0] < 0 }.map(Int32.init)
        let report = reporter(options.progress) { model.score($0) }
        let better = { (a: RunResult, b: RunResult) -> Bool in model.score(b.groups) > model.score(a.groups) }
        let first: @Sendable (Int, inout SeededGenerator, RunClock) -> RunResult = { run, rng, clock in
            rosterRun(model, free: free, options: options, report: run == 0 ? report : nil, run: run, rng: &rng, clock: clock)
        }
        var result = portfolio(options: options, phase: 0..<firstPhase, run: first, better: better)
        if !result.cancelled && result.moves > 0 {
            let elite = result.groups, before = result.moves
            // Progress counts the first phase's moves too.
            let onward = report.map { report in { @Sendable (seconds: Double, moves: Int, best: [Int32]) in report(seconds, before + moves, best) } }
            // The second phase may stop for stagnation only when every first run did: a problem the first phase
            // solved to its end. Otherwise its anneal, which starts from the elite and is rarely above it at once,
            // would stop halfway (at 300,000 leaders: 80 % of the limit used).
            var refining = options
            if !result.stagnated { refining.termination.stagnation = nil }
            let second: @Sendable (Int, inout SeededGenerator, RunClock) -> RunResult = { [refining] run, rng, clock in
                refine(model, elite, free: free, options: refining, report: run == 0 ? onward : nil, run: run, rng: &rng, clock: clock)
            }
            let refined = portfolio(options: options, phase: firstPhase..<1, solveStarted: result.started, run: second, better: better)
            // Each grouping scored from scratch once: O(n · terms) apiece, seconds at 300,000 leaders.
            let eliteScore = model.score(result.groups), refinedScore = model.score(refined.groups)
            if refinedScore > eliteScore { result.groups = refined.groups }
            result.score = max(refinedScore, eliteScore)
            result.moves += refined.moves
            result.cancelled = refined.cancelled
            result.runObjectives = zip(result.runObjectives, refined.runObjectives).map { max($0, $1) }
        } else {
            result.score = model.score(result.groups)
        }
        result.seconds = Double(DispatchTime.now().uptimeNanoseconds - result.started) / 1e9
        return result
    }

    /// The share of the limit (time and moves) the first phase of a roster search takes.
    static let firstPhase = 0.6

    /// Maximises the sum of distances of pairs in the same group (MDGP) under per-group size bounds.
    /// - Parameters:
    ///   - distances: row-major n × n, symmetric.
    /// - Returns: the result, with `score.soft` holding the objective.
    public static func solve(distances: [Double], elements n: Int, lower: [Int], upper: [Int], options: SolverOptions) -> SolveResult {
        let free = (0..<n).map(Int32.init)
        let report = reporter(options.progress) { best in
            Score(hard: 0, soft: MatrixState(distances: distances, n: n, lower: lower, upper: upper, groups: best).objective)
        }
        let runOne: @Sendable (Int, inout SeededGenerator, RunClock) -> RunResult = { run, rng, clock in
            matrixRun(distances: distances, n: n, lower: lower, upper: upper, free: free, options: options,
                      report: run == 0 ? report : nil, run: run, rng: &rng, clock: clock)
        }
        var result = portfolio(options: options, phase: 0..<1, run: runOne) { (a: RunResult, b: RunResult) -> Bool in b.objective > a.objective }
        result.score = Score(hard: 0, soft: MatrixState(distances: distances, n: n, lower: lower, upper: upper, groups: result.groups).objective)
        return result
    }

    /// One roster run: construction (stratified where a pure-groups rule allows), then annealing.
    private static func rosterRun(_ model: ScoreModel, free: [Int32], options: SolverOptions, report: (@Sendable (Double, Int, [Int32]) -> Void)?,
                                  run: Int, rng: inout SeededGenerator, clock: RunClock) -> RunResult {
        // A pure-groups rule starts from strata carved into groups, annealed at a temperature set by the
        // other terms so that the structure is refined rather than shaken apart.
        // A mid-year refresh starts from the previous grouping, likewise refined rather than rebuilt.
        let previous = Construction.fromPrevious(model, rng: &rng)
        let structured = previous == nil ? Construction.stratified(model, rng: &rng) : nil
        let start = previous ?? structured ?? Construction.build(model, rng: &rng)
        var annealer = Annealer(verifyScore: options.verifyScore)
        if let structured { annealer.keepStructure(of: structured, model: model, free: free) }
        annealer.calibrateWithoutPurity = structured != nil || previous != nil
        annealer.calibrateWithoutPairs = previous != nil
        annealer.temperatureScale = temperatureLadder[run % temperatureLadder.count]
        return annealer.run(SearchState(model: model, groups: start), free: free, rng: &rng, clock: clock,
                            stagnation: options.termination.stagnation, report: report)
    }

    /// The second phase of a roster run: the elite (the best grouping of the first phase, all threads) refined
    /// by a cooler anneal that keeps its pure groups as the first kept the constructed ones.
    private static func refine(_ model: ScoreModel, _ elite: [Int32], free: [Int32], options: SolverOptions,
                               report: (@Sendable (Double, Int, [Int32]) -> Void)?, run: Int, rng: inout SeededGenerator,
                               clock: RunClock) -> RunResult {
        var annealer = Annealer(verifyScore: options.verifyScore)
        let structured = model.purity.isActive
        if structured { annealer.keepStructure(of: elite, model: model, free: free) }
        annealer.calibrateWithoutPurity = structured || !model.rounds.previousGroup.isEmpty
        annealer.calibrateWithoutPairs = !model.rounds.previousGroup.isEmpty
        let scale = annealer.kin != nil && annealer.kinOnlyUntil > 0 ? refineScale : continueScale
        annealer.temperatureScale = scale * temperatureLadder[run % temperatureLadder.count]
        return annealer.run(SearchState(model: model, groups: elite), free: free, rng: &rng, clock: clock,
                            stagnation: options.termination.stagnation, report: report)
    }

    /// Where a fragile structure is refined (few pure groups per stratum, refined by kin swaps only at first), the
    /// second phase starts this much cooler than the first: warm enough for kin swaps, re-kept from the elite, to
    /// rebuild what the first phase lost (300 leaders, sector, one seed in five: +84), cool enough to keep the rest.
    static let refineScale = 0.3
    /// Anything else continues cooling from about where the first phase had been at three quarters of its way: such
    /// an elite is still improving when the first phase ends, and a warm restart only undoes it. 5,000 leaders,
    /// 100 M moves, one thread, seeds 1 and 2: broad 636.1/636.0 → 644.0/643.7, cross 6077.0/6081.7 → 6084.3/6084.4,
    /// sector 8497.1/8502.1 → 8498.5/8503.6; 300 leaders at 3 and 10 M moves: equal within the seeds' spread.
    static let continueScale = 0.03

    /// One distance-matrix run: a random grouping within the bounds, then annealing in the band of temperatures
    /// that suits the instance (``MatrixSearch``).
    private static func matrixRun(distances: [Double], n: Int, lower: [Int], upper: [Int], free: [Int32], options: SolverOptions,
                                  report: (@Sendable (Double, Int, [Int32]) -> Void)?, run: Int, rng: inout SeededGenerator,
                                  clock: RunClock) -> RunResult {
        let start = Construction.randomWithinBounds(elements: n, lower: lower, upper: upper, rng: &rng)
        var search = MatrixSearch(verifyScore: options.verifyScore)
        // Parallel runs anneal a little hotter or cooler than the first (a portfolio around the productive band).
        search.scale = matrixTemperatureLadder[run % matrixTemperatureLadder.count]
        let state = MatrixState(distances: distances, n: n, lower: lower, upper: upper, groups: start)
        search.fit(to: state, rng: &rng)
        return search.run(state, free: free, rng: &rng, clock: clock, stagnation: options.termination.stagnation, report: report)
    }

    /// Turns the caller's progress callback into the annealer's, scoring the best grouping with `score`.
    private static func reporter(_ progress: (@Sendable (SolverProgress) -> Void)?,
                                 score: @escaping @Sendable ([Int32]) -> Score) -> (@Sendable (Double, Int, [Int32]) -> Void)? {
        guard let progress else { return nil }
        return { seconds, moves, best in progress(SolverProgress(seconds: seconds, moves: moves, best: score(best))) }
    }

    static let matrixTemperatureLadder: [Double] = [1, 0.75, 1.3, 0.6]

    /// Runs `threads` independent runs in parallel, each with its own seed and clock, and keeps the best
    /// (ties: the lowest thread).
    /// - Parameter phase: the part of the limit (time and moves, 0…1) these runs take: each run's clock ends at
    ///   `phase.upperBound` of the solve's limit, and each thread's move budget is its share of that part.
    ///   - solveStarted: when the solve started (for a later phase); now when nil.
    private static func portfolio(options: SolverOptions, phase: Range<Double>, solveStarted: UInt64? = nil, run: @Sendable (Int, inout SeededGenerator, RunClock) -> RunResult,
                                  better: (RunResult, RunResult) -> Bool) -> SolveResult {
        let started = DispatchTime.now().uptimeNanoseconds
        let solveStarted = solveStarted ?? started
        let threads = options.threads
        let results = Mutex<[RunResult?]>([RunResult?](repeating: nil, count: threads))
        // The move budget is split exactly: per phase, its share of the whole (the last phase takes the rest), and
        // the first `budget % threads` runs take one move more.
        let budget = options.termination.moves.map { total in
            Int((Double(total) * phase.upperBound).rounded()) - Int((Double(total) * phase.lowerBound).rounded())
        }
        // The seed differs per phase, so that the second phase takes other paths than the first.
        let phaseSeed = phase.lowerBound == 0 ? options.seed : options.seed &+ 0xD1B5_4A32_D192_ED03
        DispatchQueue.concurrentPerform(iterations: threads) { index in
            var rng = SeededGenerator(seed: phaseSeed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
            let share = budget.map { $0 / threads + (index < $0 % threads ? 1 : 0) }
            let clock = RunClock(start: solveStarted, seconds: options.termination.seconds, moves: share, cancellation: options.cancellation,
                                 from: phase.lowerBound, to: phase.upperBound)
            let result = run(index, &rng, clock)
            results.withLock { $0[index] = result }
        }
        let runs = results.withLock { $0.map { $0! } }
        var best = runs[0]
        for candidate in runs.dropFirst() where better(best, candidate) { best = candidate }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - solveStarted) / 1e9
        return SolveResult(groups: best.groups, score: Score(hard: 0, soft: best.objective), moves: runs.reduce(0) { $0 + $1.moves },
                           seconds: seconds, threads: threads, cancelled: options.cancellation?.isCancelled ?? false,
                           runObjectives: runs.map(\.objective), started: solveStarted, stagnated: runs.allSatisfy(\.stagnated))
    }
}
