import SparringModel

/// A part of the groups and their free members: at large sizes a run searches one window at a time, so that what
/// its moves read stays in the processor's cache.
///
/// A move reads its leader's record and the rows of two groups. Drawn from the whole of a 300,000-leader roster,
/// nearly every such read misses the cache (tens of megabytes of tables), and a move costs about eight times what
/// it costs at 5,000 leaders. Within a window of a few thousand leaders the same reads hit the cache.
///
/// Windows come in sweeps: a sweep shuffles the groups and cuts them into windows, so that every leader is searched
/// once per sweep, all through the run's cooling (windows drawn at random leave some leaders to one hot visit).
/// Every candidate of a window (move, swap, kin swap) stays inside it, so each window's member list, sorted out once
/// per sweep, stays exact while the windows before it are searched. Each window is annealed at the run's current
/// temperature; two groups of different windows exchange members once a later sweep puts them in one.
struct SearchWindow {
    /// The current window's groups.
    private(set) var groups: [Int32] = []
    /// The free elements in the current window's groups.
    private(set) var members: [Int32] = []
    /// Kin swaps restricted to the current window (nil without kin).
    private(set) var kin: KinTable?
    /// The sweep: all groups shuffled, window `w` holding `order[bound(w)..<bound(w + 1)]`.
    private var order: [Int32]
    /// The sweep's free elements grouped by window (a ``KinTable`` whose strata are the windows).
    private var byWindow = KinTable(stratum: [], strata: 0, free: [])
    private var windowOfGroup: [Int32]
    /// The next window of the sweep; `windows` starts a new sweep.
    private var next: Int
    let windows: Int

    /// - Parameters:
    ///   - groupCount: m, the number of groups.
    ///   - groupsPerWindow: about how many groups a window holds; the sweep's windows split the groups evenly.
    init(groupCount: Int, groupsPerWindow: Int) {
        windows = max(1, groupCount / max(2, groupsPerWindow))
        order = (0..<groupCount).map(Int32.init)
        windowOfGroup = [Int32](repeating: 0, count: groupCount)
        next = windows
    }

    /// Moves to the next window, starting a new sweep after the last.
    /// - Complexity: O(window + strata); a new sweep O(n + m) (one pass over the free elements).
    mutating func advance<State: AnnealingState>(_ state: State, free: UncheckedArray<Int32>, kin all: KinTable?, rng: inout SeededGenerator) {
        if next == windows {
            sweep(state, free: free, rng: &rng)
            next = 0
        }
        let m = order.count
        groups = Array(order[next * m / windows ..< (next + 1) * m / windows])
        members = Array(byWindow.members[Int(byWindow.start[next]) ..< Int(byWindow.start[next + 1])])
        if let all { kin = KinTable(stratum: all.of, strata: all.start.count - 1, free: members) }
        next += 1
    }

    /// Ends the sweep: the next ``advance(_:free:kin:rng:)`` starts a new one. For when leaders moved between
    /// windows (a stretch searched whole), which leaves the sweep's member lists stale. O(1).
    mutating func endSweep() { next = windows }

    /// Shuffles the groups into windows and sorts the free elements by window. O(n + m).
    private mutating func sweep<State: AnnealingState>(_ state: State, free: UncheckedArray<Int32>, rng: inout SeededGenerator) {
        let m = order.count
        order.shuffle(using: &rng)
        for w in 0..<windows {
            for k in (w * m / windows)..<((w + 1) * m / windows) { windowOfGroup[Int(order[k])] = Int32(w) }
        }
        byWindow = KinTable(stratum: state.groups.map { windowOfGroup[Int($0)] }, strata: windows, free: free.array)
    }
}
