import Dispatch

/// When a run stops: a wall-clock limit, a budget of evaluated moves, or stagnation — whichever comes first.
///
/// It also says how far along the run is (0…1), so the cooling schedule is the same whether the limit is
/// time or moves. Moves-only runs never read the clock and are therefore exactly reproducible.
public struct Termination: Sendable, Equatable {
    /// Wall-clock limit in seconds for the whole solve.
    public var seconds: Double?
    /// Budget of evaluated moves for the whole solve (split evenly over threads).
    public var moves: Int?
    /// Stop a run early when its best has not improved for this share of the moves made so far
    /// (checked only in the second half of the schedule); `nil` to always use the whole limit.
    public var stagnation: Double?

    public init(seconds: Double? = nil, moves: Int? = nil, stagnation: Double? = 0.5) {
        self.seconds = seconds
        self.moves = moves
        self.stagnation = stagnation
    }
}

/// A single run's clock and counters.
struct RunClock {
    let start = DispatchTime.now().uptimeNanoseconds
    let seconds: Double?
    let moves: Int?

    var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    /// Progress in 0…1 after `done` moves (1 means stop).
    func progress(done: Int) -> Double {
        var progress = 0.0
        if let moves { progress = max(progress, Double(done) / Double(max(1, moves))) }
        if let seconds { progress = max(progress, elapsed / max(1e-3, seconds)) }
        return min(1, progress)
    }
}
