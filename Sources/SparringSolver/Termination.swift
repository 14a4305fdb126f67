import Dispatch
import Synchronization

/// When a run stops: a wall-clock limit, a budget of evaluated moves, or stagnation — whichever comes first.
///
/// It also says how far along the run is (0…1), so the cooling schedule is the same whether the limit is
/// time or moves. Moves-only runs never read the clock and are therefore exactly reproducible.
public struct Termination: Sendable, Equatable {
    /// Wall-clock limit in seconds for the whole solve.
    public var seconds: Double?
    /// Budget of evaluated moves for the whole solve, split exactly over threads (the first `moves % threads`
    /// runs take one more); with no stagnation stop, exactly this many moves are evaluated.
    public var moves: Int?
    /// Stop a run early when its best has not improved for this share of the moves made so far
    /// (checked only in the second half of the schedule); `nil` to always use the whole limit.
    public var stagnation: Double?

    /// Stops at whichever limit comes first; nil leaves a limit out.
    public init(seconds: Double? = nil, moves: Int? = nil, stagnation: Double? = 0.5) {
        self.seconds = seconds
        self.moves = moves
        self.stagnation = stagnation
    }
}

/// A request to stop a running search early (a Stop button, Ctrl-C): every run notices it within about
/// a thousand moves and finishes as if its limit had been reached, keeping the best grouping so far.
/// Shared between threads; cancelling is one atomic store.
public final class Cancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    /// Not cancelled.
    public init() {}

    /// Asks every run to stop soon (within about a thousand moves).
    public func cancel() { flag.store(true, ordering: .relaxed) }
    /// Whether ``cancel()`` was called.
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// A single run's clock and counters.
struct RunClock {
    /// When the whole solve started (shared by all runs, so thread start-up counts against the limit).
    let start: UInt64
    let seconds: Double?
    let moves: Int?
    var cancellation: Cancellation?
    /// The part of the time limit (0…1) this run takes: its progress runs from 0 at `from` of the limit to 1
    /// at `to` (a phase of a search in several phases).
    let from: Double, to: Double

    /// - Parameters:
    ///   - seconds: the solve's limit; the run keeps a small margin (2 %, at most 0.3 s) for the final
    ///     scoring, so the whole solve ends within the limit.
    ///   - moves: this run's own budget of moves (its progress is the share of it done).
    ///   - from, to: the part of the time limit the run takes.
    init(start: UInt64 = DispatchTime.now().uptimeNanoseconds, seconds: Double?, moves: Int?, cancellation: Cancellation? = nil,
         from: Double = 0, to: Double = 1) {
        self.start = start
        self.seconds = seconds.map { $0 - min(0.02 * $0, 0.3) }
        self.moves = moves
        self.cancellation = cancellation
        self.from = from
        self.to = max(to, from + 1e-9)
    }

    var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    /// Progress in 0…1 after `done` moves (1 means stop, also when the run was cancelled).
    func progress(done: Int) -> Double {
        if let cancellation, cancellation.isCancelled { return 1 }
        var progress = 0.0
        if let moves { progress = max(progress, Double(done) / Double(max(1, moves))) }
        if let seconds { progress = max(progress, (elapsed / max(1e-3, seconds) - from) / (to - from)) }
        return min(1, progress)
    }
}
