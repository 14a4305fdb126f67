import Foundation
import SparringModel

/// What a run reports while it works (thread 0 only, about twice a second).
public struct SolverProgress: Sendable {
    /// Seconds since the solve started.
    public var seconds: Double
    /// Moves evaluated so far.
    public var moves: Int
    /// The best score so far.
    public var best: Score
}

/// The outcome of one independent run.
struct RunResult: Sendable {
    var groups: [Int32]
    var objective: Double
    var moves: Int
    /// Whether the run stopped for stagnation (its best had stopped improving) rather than at its limit.
    var stagnated = false
}

/// Simulated annealing over moves (one leader to another group) and swaps (two leaders exchange groups).
///
/// The temperature starts where a typical worsening move is accepted half the time (calibrated from sampled
/// deltas, times ``temperatureScale``) and falls geometrically to a thousandth of that as the run progresses,
/// whether the limit is time or moves. The best grouping seen is kept.
struct Annealer {
    /// Re-check the incremental score against the from-scratch scorer after every accepted move.
    var verifyScore = false
    /// Ratio of final to initial temperature.
    var coolingRatio = 1e-3
    /// Calibrate the start temperature on the attribute and pair terms only, leaving out the pure-groups
    /// rule's large steps, so a structured start keeps its pure groups while the rest is refined.
    var calibrateWithoutPurity = false
    /// Calibrate without pair rules: when the start is the previous grouping, whose structure the stability
    /// rule protects, so that the search refines it instead of shaking it apart.
    var calibrateWithoutPairs = false
    /// Share of candidates that try a move (the rest are swaps).
    var moveShare = 0.5
    /// Multiplies the calibrated start temperature; parallel runs use different scales (a portfolio).
    var temperatureScale = 1.0
    /// Swaps between kin (elements of one stratum of the typology's pure structure), proposed with
    /// probability ``kinShare``: they keep every pure group pure while the other rules are refined. With kin,
    /// the start temperature is calibrated on kin swaps, so that moves breaking a pure group are taken only
    /// when the score clearly says so.
    var kin: KinTable?
    var kinShare = 0.5
    /// Share of the run (0…1) during which only kin swaps are proposed.
    var kinOnlyUntil = 0.5
    /// Hard rules before structure: when a hard rule stays broken for this many moves per free element, the
    /// run repairs: every kind of candidate is proposed (not kin swaps only) and judged by the temperature, so a
    /// change that mends a hard rule is taken even where it breaks the structure — the structure gives way only
    /// where it must. While a repair makes no progress it heats up fourfold per such stretch, up to the state's
    /// ``AnnealingState/repairTemperature`` (one more hard rule broken taken once in a thousand), so that hard
    /// rules that need several steps to mend, or must give way to one another (a shared day, pins, at most N), are
    /// mended too; the heat falls back the moment a hard rule is mended, and cooling resumes when none is broken.
    var repairPatience = 50
    /// From this many free elements on, a run searches in windows (``SearchWindow``) of about ``windowElements``
    /// free elements, each for ``windowMovesPerElement`` candidates per element. Measured on generated rosters, one
    /// thread: at 300,000 leaders (broad, 20 M moves) 4.7 M moves/s instead of 1.4 at an equal score per move, and
    /// at 30 s broad 564 → 568, cross 5931 → 5995, sector 8325 → 8339, local 8681 → 8689; at 100,000 leaders (15 s)
    /// broad 569 → 570, cross 6000 → 6026. At 5,000 and 20,000 leaders windows were no better (sector and local a
    /// little worse), so smaller rosters search whole. Larger windows (2,048; 4,096) ran slower, longer stays
    /// (64 per element) left leaders to a single visit in a short run.
    var windowFrom = 40_000
    var windowElements = 1_024
    var windowMovesPerElement = 8

    /// Proposes kin swaps that keep the pure groups of `grouping` pure: kin are the leaders of one stratum
    /// placed in its pure groups, and all leaders placed in mixed groups (one stratum of their own). Small strata
    /// (a few groups each, as local networks' field-and-rank strata are in a municipality) are fragile: one move
    /// breaks a group that kin swaps cannot rebuild, so the first half refines with kin swaps only. Large strata
    /// (ranks across a country) keep their structure anyway, and there other candidates help from the start
    /// (5,000 leaders, cross: soft +25 to +55). O(n + m).
    mutating func keepStructure(of grouping: [Int32], model: ScoreModel, free: [Int32]) {
        let placement = Placement(groups: grouping, groupCount: model.groupCount)
        let pool = Int32(model.purity.codeCount)
        var stratum = [Int32](repeating: pool, count: model.leaderCount)
        var pureGroups = 0
        for members in placement.members where model.purity.isPure(members) {
            for i in members { stratum[i] = model.purity.code[i] }
            pureGroups += 1
        }
        kin = KinTable(stratum: stratum, strata: model.purity.codeCount + 1, free: free)
        let strataInUse = Set(stratum.filter { $0 != pool }).count
        kinOnlyUntil = strataInUse > 0 && Double(pureGroups) / Double(strataInUse) <= 8 ? 0.5 : 0
    }

    /// Runs from `start` until the clock says stop.
    /// - Complexity: O(moves · (terms + pair rules per leader)); a new best costs O(changes since the last) amortised (``BestGrouping``).
    /// - Parameters:
    ///   - free: the leaders that may change group (not pinned).
    ///   - report: called about twice a second with the best objective and the moves so far.
    func run<State: AnnealingState>(_ initial: State, free: [Int32], rng: inout SeededGenerator, clock: RunClock, stagnation: Double?,
                                    report: ((_ seconds: Double, _ moves: Int, _ best: [Int32]) -> Void)?) -> RunResult {
        var state = initial
        let m = state.groupCount
        // A move budget is exact: calibration samples count as evaluated moves, and the loop stops at the budget.
        let budget = clock.moves ?? Int.max
        guard free.count >= 2, m >= 2, budget > 0 else { return RunResult(groups: state.groups, objective: state.objective, moves: 0) }
        let everyFree = UncheckedArray(free)
        var free = everyFree

        // Calibration samples count as moves: a tenth of a small budget at most, so that the search keeps the rest.
        var moves = 0
        let startTemperature = calibrate(state: state, free: free, rng: &rng, moves: &moves, samples: min(2000, max(100, budget / 10)))
        let useKin = kin != nil, kinShare = self.kinShare
        // When no group's size may change, every candidate is a swap.
        let moveShare = state.allowsMoves ? self.moveShare : 0
        var kinOnly = useKin
        var kinStart = UncheckedArray(kin?.start ?? []), kinMembers = UncheckedArray(kin?.members ?? [])
        let kinOf = UncheckedArray(kin?.of ?? [])
        // Large rosters: one window of groups at a time (see ``SearchWindow``); move targets come from the window.
        var window = free.count >= windowFrom && m > 2
            ? SearchWindow(groupCount: m, groupsPerWindow: windowElements * m / max(1, free.count)) : nil
        var windowGroups = UncheckedArray<Int32>([]), windowEnds = moves
        var temperature = startTemperature
        var bestObjective = state.objective
        var best = BestGrouping(state.groups)
        var lastImprovement = 0
        // Stagnation is judged from the last improvement or from when every kind of move joined in, whichever
        // is later: a run that refines with kin swaps only is not stopped before the other moves had their turn.
        var allMovesSince = kinOnly ? Int.max : 0
        var lastReport = 0.0
        // Hard rules before structure (see ``repairPatience``): the hard count at the last drop, and since when.
        var repairing = false
        var hardSeen = state.hard, hardSince = moves
        let patience = repairPatience * everyFree.count
        var repairHeat = 1.0, repairTemperature = temperature
        let hottestRepair = state.repairTemperature
        // Metropolis test without exp(): accept a worsening change c when c > T·ln(u), u uniform in (0, 1);
        // ln(u) comes from a table of 4,096 quantiles.
        let quantiles = UncheckedArray(Self.logQuantiles)

        // Checks (limits, cooling, progress) every 1,024 moves, and exactly at the budget: one comparison per move.
        var nextCheck = moves, stagnated = false
        while true {
            if moves == nextCheck {
                if moves >= budget { break }
                nextCheck = min(budget, (moves | 1023) + 1)
                let progress = clock.progress(done: moves)
                if progress >= 1 { break }
                if let stagnation, progress > 0.5, allMovesSince != Int.max,
                   Double(moves - max(lastImprovement, allMovesSince)) > stagnation * Double(moves) {
                    stagnated = true
                    break
                }
                temperature = startTemperature * pow(coolingRatio, progress)
                if window != nil && moves >= windowEnds {
                    window!.advance(state, free: everyFree, kin: kin, rng: &rng)
                    // A window of pinned leaders only (fewer than two free) gives way to the whole roster for a stretch, after
                    // which a new sweep sorts the leaders into windows again.
                    let inWindow = window!.members.count >= 2
                    if !inWindow { window!.endSweep() }
                    free = inWindow ? UncheckedArray(window!.members) : everyFree
                    windowGroups = UncheckedArray(inWindow ? window!.groups : [])
                    if let kin = inWindow ? window!.kin : kin {
                        kinStart = UncheckedArray(kin.start)
                        kinMembers = UncheckedArray(kin.members)
                    }
                    windowEnds = moves + windowMovesPerElement * free.count
                }
                // With kin, the first half refines inside the pure structure only; then other candidates join.
                kinOnly = useKin && progress < kinOnlyUntil
                if !kinOnly && allMovesSince == Int.max { allMovesSince = moves }
                let hard = state.hard
                if hard < hardSeen || hard == 0 {
                    hardSeen = hard
                    hardSince = moves
                    repairHeat = 1
                } else if repairing && moves - hardSince > 2 * patience {
                    // Hotter, and judged from here: a heated walk may break more before it mends; any drop from
                    // here cools it again (a restart of the descent from elsewhere).
                    repairHeat *= 8
                    hardSince = moves - patience
                    hardSeen = hard
                }
                repairing = hard > 0 && moves - hardSince > patience
                repairTemperature = min(temperature * repairHeat, hottestRepair)
                if let report, moves & 0xFFFF == 0 {
                    let now = clock.elapsed
                    if now - lastReport >= 0.5 {
                        lastReport = now
                        report(now, moves, best.groups)
                    }
                }
            }
            moves += 1
            let i = Int(free[rng.below(free.count)])
            let g = state.groupOf(i)
            var delta: State.Delta
            var partner = -1
            var target = -1
            let kinSwap = useKin && (kinOnly && !repairing || rng.unit() < kinShare)
            if kinSwap {
                // A swap with a random member of the same stratum (kin lists hold free elements only).
                let k = Int(kinOf[i]), first = Int(kinStart[k]), count = Int(kinStart[k + 1]) - first
                guard count > 1 else { continue }
                partner = Int(kinMembers[first + rng.below(count)])
                if state.groupOf(partner) == g { continue }
                delta = state.searchSwapDelta(i, partner)
            } else {
                if moveShare > 0 && rng.unit() < moveShare {
                    let h: Int
                    if windowGroups.count > 0 {
                        h = Int(windowGroups[rng.below(windowGroups.count)])
                    } else {
                        let k = rng.below(m - 1)
                        h = k >= g ? k + 1 : k
                    }
                    if state.canMove(i, to: h) { target = h }
                }
                if target >= 0 {
                    delta = state.searchMoveDelta(i, to: target)
                } else {
                    partner = Int(free[rng.below(free.count)])
                    if state.groupOf(partner) == g { continue }
                    delta = state.searchSwapDelta(i, partner)
                }
            }
            let change = state.gain(delta)
            // With kin, other candidates may break the pure structure: they are taken only when they do not worsen,
            // unless a hard rule kin swaps could not mend is being repaired.
            guard change >= 0 || (!useKin || kinSwap || repairing)
                && change > (repairing ? repairTemperature : temperature) * quantiles[Int(truncatingIfNeeded: rng.next() >> 52)] else { continue }
            if target >= 0 { state.move(i, to: target, delta: delta) } else { state.swap(i, partner, delta: delta); best.touched(partner) }
            best.touched(i)
            if verifyScore, let problem = state.corruption() { fatalError(problem) }
            let objective = state.objective
            if objective > bestObjective + 1e-9 {
                bestObjective = objective
                best.take(state)
                lastImprovement = moves
            }
        }
        return RunResult(groups: best.groups, objective: bestObjective, moves: moves, stagnated: stagnated)
    }

    /// ln((k + ½) / 4096) for k in 0..<4096: quantiles of ln(u) for u uniform in (0, 1).
    static let logQuantiles: [Double] = (0..<4096).map { log((Double($0) + 0.5) / 4096) }

    /// Mean size of worsening soft deltas among sampled moves, turned into a temperature at which such a
    /// move is accepted with probability ½. O(samples · delta cost).
    private func calibrate<State: AnnealingState>(state: State, free: UncheckedArray<Int32>, rng: inout SeededGenerator, moves: inout Int,
                                                  samples: Int) -> Double {
        var total = 0.0, count = 0
        for _ in 0..<samples {
            moves += 1
            let i = Int(free[rng.below(free.count)])
            var j = Int(free[rng.below(free.count)])
            if let kin {
                let k = Int(kin.of[i]), first = Int(kin.start[k]), count = Int(kin.start[k + 1]) - first
                guard count > 1 else { continue }
                j = Int(kin.members[first + rng.below(count)])
            }
            guard state.groupOf(i) != state.groupOf(j) else { continue }
            let delta = state.calibrationGain(i, j, leavingOutPurity: calibrateWithoutPurity, leavingOutPairs: calibrateWithoutPairs)
            if delta < 0 { total -= delta; count += 1 }
        }
        let mean = count > 0 ? total / Double(count) : 1
        return temperatureScale * max(mean, 1e-9) / log(2)
    }
}

/// Elements grouped by stratum (CSR): the kin of element `i` are `members[start[of[i]]..<start[of[i] + 1]]`.
/// Only free (unpinned) elements are listed; every element has a stratum (leaders outside every stratum form
/// one of their own, so that swaps among them are proposed too).
struct KinTable: Sendable {
    let start: [Int32]
    let members: [Int32]
    /// Per element, its stratum.
    let of: [Int32]

    /// - Parameter stratum: per element, a stratum number 0..<strata. O(n + strata).
    init(stratum: [Int32], strata: Int, free: [Int32]) {
        var counts = [Int32](repeating: 0, count: strata + 1)
        for i in free { counts[Int(stratum[Int(i)]) + 1] += 1 }
        for k in 0..<strata { counts[k + 1] += counts[k] }
        var fill = counts
        var members = [Int32](repeating: 0, count: free.count)
        for i in free {
            let k = Int(stratum[Int(i)])
            members[Int(fill[k])] = i
            fill[k] += 1
        }
        self.start = counts
        self.members = members
        self.of = stratum
    }
}
