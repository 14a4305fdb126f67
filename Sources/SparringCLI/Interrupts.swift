import Foundation
import SparringSolver
import Synchronization

/// Ctrl-C (SIGINT) and `kill` (SIGTERM) during a run: the first one finishes the search early, as if its
/// limit had been reached (the best grouping so far is scored, explained and written; exit 130); a second
/// one exits at once without writing, so the old outputs stay as they were.
///
/// Only the `sparring` executable installs the handlers (``install()``); tests run commands in-process
/// without them. The handler only counts (an atomic add, safe in a signal handler); a watcher thread turns
/// the count into a ``Cancellation`` — a thread of its own, because the search's runs may hold every worker
/// of the dispatch pool.
public enum Interrupts {
    static let received = Atomic<Int>(0)
    static let installed = Atomic<Bool>(false)

    /// Installs the SIGINT and SIGTERM handlers for this process.
    public static func install() {
        _ = received.load(ordering: .relaxed)
        installed.store(true, ordering: .relaxed)
        // A parent may have blocked the signals (the mask survives exec); unblock them for this process.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        signal(SIGINT) { _ in
            if Interrupts.received.add(1, ordering: .relaxed).newValue >= 2 { _exit(Sparring.interrupted) }
        }
        signal(SIGTERM) { _ in
            if Interrupts.received.add(1, ordering: .relaxed).newValue >= 2 { _exit(Sparring.interrupted) }
        }
    }

    /// Whether an interrupt has arrived since the process started.
    package static var wasInterrupted: Bool { received.load(ordering: .relaxed) > 0 }

    /// A cancellation that fires when an interrupt arrives, watched until `finish()` is called; nil when the
    /// handlers are not installed (in-process runs).
    package static func watch() -> (cancellation: Cancellation, finish: @Sendable () -> Void)? {
        guard installed.load(ordering: .relaxed) else { return nil }
        let cancellation = Cancellation()
        let done = Cancellation()
        let watcher = Thread {
            while !done.isCancelled {
                if wasInterrupted { cancellation.cancel(); return }
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
        watcher.start()
        return (cancellation, { done.cancel() })
    }
}
