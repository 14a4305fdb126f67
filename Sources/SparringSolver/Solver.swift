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

    public init(seed: UInt64 = 1, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                termination: Termination = Termination(seconds: 3), verifyScore: Bool = false,
                progress: (@Sendable (SolverProgress) -> Void)? = nil) {
        self.seed = seed
        self.threads = max(1, threads)
        self.termination = termination
        self.verifyScore = verifyScore || ProcessInfo.processInfo.environment["SPARRING_VERIFY_SCORE"] == "1"
        self.progress = progress
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
    /// Each run's best score, in thread order.
    public var runScores: [Score]
}

/// Runs independent annealing runs in parallel and keeps the best.
///
/// The runs form a portfolio: each starts at a different fraction of the calibrated temperature, because
/// rugged rules (pure groups) favour a cool start and smooth ones a hot start; the best score wins.
public enum Solver {
    static let temperatureLadder: [Double] = [1, 0.1, 0.3, 0.03, 0.5, 0.05, 0.2, 0.01]

    /// - Complexity: O(threads · (n · terms + moves · delta cost)) work, on `threads` cores.
    public static func solve(_ model: ScoreModel, options: SolverOptions) -> SolveResult {
        let started = DispatchTime.now().uptimeNanoseconds
        let threads = options.threads
        let results = Mutex<[RunResult?]>([RunResult?](repeating: nil, count: threads))
        let perRunMoves = options.termination.moves.map { max(1, $0 / threads) }
        DispatchQueue.concurrentPerform(iterations: threads) { run in
            var rng = SeededGenerator(seed: options.seed &+ UInt64(run) &* 0x9E37_79B9_7F4A_7C15)
            // A pure-groups rule starts from strata carved into groups, annealed at a temperature set by the
            // other terms so that the structure is refined rather than shaken apart.
            let structured = Construction.stratified(model, rng: &rng)
            let start = structured ?? Construction.build(model, rng: &rng)
            let clock = RunClock(seconds: options.termination.seconds, moves: perRunMoves)
            var annealer = Annealer(model: model, verifyScore: options.verifyScore)
            annealer.calibrateWithoutPurity = structured != nil
            annealer.temperatureScale = temperatureLadder[run % temperatureLadder.count]
            let result = annealer.run(start: start, rng: &rng, clock: clock, stagnation: options.termination.stagnation,
                                      report: run == 0 ? options.progress : nil)
            results.withLock { $0[run] = result }
        }
        let runs = results.withLock { $0.map { $0! } }
        var best = runs[0]
        for run in runs.dropFirst() where best.score < run.score { best = run }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return SolveResult(groups: best.groups, score: best.score, moves: runs.reduce(0) { $0 + $1.moves },
                           seconds: seconds, threads: threads, runScores: runs.map(\.score))
    }
}
