import Dispatch
import Synchronization

/// Where the server reads the time for its deadlines (a request's total time, a write's, a launch code's life):
/// the system's monotonic clock, or a clock a test moves by hand so that deadlines are tested without waiting.
public struct ServerClock: Sendable {
    /// Nanoseconds on a monotonic scale.
    public let now: @Sendable () -> UInt64

    public init(now: @escaping @Sendable () -> UInt64) { self.now = now }

    /// The system's monotonic clock.
    public static let system = ServerClock { DispatchTime.now().uptimeNanoseconds }

    /// A clock that stands still until ``ManualTime/advance(seconds:)`` moves it.
    public static func manual(_ time: ManualTime) -> ServerClock { ServerClock { time.nanoseconds.load(ordering: .acquiring) } }
}

/// The time of a ``ServerClock/manual(_:)`` clock, moved by hand. Thread-safe.
public final class ManualTime: Sendable {
    let nanoseconds: Atomic<UInt64>

    /// Starts at `seconds` (not 0: a deadline of 0 would read as "none").
    public init(seconds: Double = 1000) { nanoseconds = Atomic(UInt64(seconds * 1e9)) }

    /// Moves the time on by `seconds`.
    public func advance(seconds: Double) { nanoseconds.add(UInt64(seconds * 1e9), ordering: .releasing) }
}
