import Dispatch
import Foundation
import SparringModel
import Synchronization

/// How to run the solver.
public struct SolverOptions: Sendable {
    public var seed: UInt64
    /// Independent runs, one per thread; the best is kept (ties go to the lowest thread).
    public var threads: Int
    public var termination: Termination
    /// Re-check the incremental score after every accepted move and stop loudly on drift (slow; for tests and debugging).
    public var verifyScore: Bool
    public var progress: (@Sendable (SolverProgress) -> Void)?
    /// Stops every run early when cancelled; the best grouping so far is kept.
    public var cancellation: Cancellation?

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
    public var score: Score
    /// Moves evaluated, all threads together.
    public var moves: Int
    public var seconds: Double
    public var threads: Int
    /// Whether the search was cancelled before its limit (the grouping is the best found until then).
    public var cancelled = false
    /// Each run's best objective (soft − penalty · hard, or the MDGP objective), in thread order.
    public var runObjectives: [Double]
}

/// Runs independent annealing runs in parallel and keeps the best.
///
/// The runs form a portfolio: each starts at a different fraction of the calibrated temperature, because
/// rugged rules (pure groups) favour a cool start and smooth ones a hot start; the best score wins.
public enum Solver {
    static let temperatureLadder: [Double] = [1, 0.1, 0.3, 0.03, 0.5, 0.05, 0.2, 0.01]

    /// - Complexity: O(threads · (n · terms + moves · delta cost)) work, on `threads` cores.
    public static func solve(_ model: ScoreModel, options: SolverOptions) -> SolveResult {
        let free = (0..<model.leaderCount).filter { model.fixedGroup[$0] < 0 }.map(Int32.init)
        let report = reporter(options.progress) { model.score($0) }
        let runOne: @Sendable (Int, inout SeededGenerator, RunClock) -> RunResult = { run, rng, clock in
            rosterRun(model, free: free, options: options, report: run == 0 ? report : nil, run: run, rng: &rng, clock: clock)
        }
        var result = portfolio(options: options, run: runOne) { (a: RunResult, b: RunResult) -> Bool in
            model.score(b.groups) > model.score(a.groups)
        }
        result.score = model.score(result.groups)
        return result
    }

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
        var result = portfolio(options: options, run: runOne) { (a: RunResult, b: RunResult) -> Bool in b.objective > a.objective }
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
        if let structured {
            // Kin: the leaders of one stratum placed in its pure groups, and all leaders placed in mixed groups.
            // A swap between kin keeps every pure group pure.
            let placement = Placement(groups: structured, groupCount: model.groupCount)
            let pool = Int32(model.purity.codeCount)
            var stratum = [Int32](repeating: pool, count: model.leaderCount)
            var pureGroups = 0
            for members in placement.members where PureGroups.isPure(members.map { model.purity.code[$0] }) {
                for i in members { stratum[i] = model.purity.code[i] }
                pureGroups += 1
            }
            annealer.kin = KinTable(stratum: stratum, strata: model.purity.codeCount + 1, free: free)
            // Small strata (a few groups each, as local networks' field-and-rank strata are in a municipality)
            // are fragile: one move breaks a group that kin swaps cannot rebuild, so the first half refines with
            // kin swaps only. Large strata (ranks across a country) keep their structure anyway, and there other
            // candidates help from the start (5,000 leaders, cross: soft +25 to +55).
            let strataInUse = Set(stratum.filter { $0 != pool }).count
            annealer.kinOnlyUntil = strataInUse > 0 && Double(pureGroups) / Double(strataInUse) <= 8 ? 0.5 : 0
        }
        annealer.calibrateWithoutPurity = structured != nil || previous != nil
        annealer.calibrateWithoutPairs = previous != nil
        annealer.temperatureScale = temperatureLadder[run % temperatureLadder.count]
        return annealer.run(SearchState(model: model, groups: start), free: free, rng: &rng, clock: clock,
                            stagnation: options.termination.stagnation, report: report)
    }

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
    private static func portfolio(options: SolverOptions, run: @Sendable (Int, inout SeededGenerator, RunClock) -> RunResult,
                                  better: (RunResult, RunResult) -> Bool) -> SolveResult {
        let started = DispatchTime.now().uptimeNanoseconds
        let threads = options.threads
        let results = Mutex<[RunResult?]>([RunResult?](repeating: nil, count: threads))
        // The move budget is split exactly: the first `budget % threads` runs take one move more.
        let budget = options.termination.moves
        DispatchQueue.concurrentPerform(iterations: threads) { index in
            var rng = SeededGenerator(seed: options.seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
            let share = budget.map { $0 / threads + (index < $0 % threads ? 1 : 0) }
            let clock = RunClock(start: started, seconds: options.termination.seconds, moves: share, cancellation: options.cancellation)
            let result = run(index, &rng, clock)
            results.withLock { $0[index] = result }
        }
        let runs = results.withLock { $0.map { $0! } }
        var best = runs[0]
        for candidate in runs.dropFirst() where better(best, candidate) { best = candidate }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return SolveResult(groups: best.groups, score: Score(hard: 0, soft: best.objective), moves: runs.reduce(0) { $0 + $1.moves },
                           seconds: seconds, threads: threads, cancelled: options.cancellation?.isCancelled ?? false,
                           runObjectives: runs.map(\.objective))
    }
}
