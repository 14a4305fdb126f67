import Foundation
import SparringModel

/// A stratum whose pure groups hold the same leaders in every round of a plan, in as many groups each round: a
/// small Social Golfer Problem of its own inside the plan.
struct PureStratum {
    /// Its leaders (roster indices, ascending).
    let leaders: [Int]
    /// Per round, its pure groups (ascending).
    let groups: [[Int32]]
}

extension Planner {
    /// The strata of `state` that ``polishStrata(_:strata:budget:deadline:cancellation:rng:)`` can work on: under
    /// pure groups, every leader in every round, nobody pinned, more than one round (and fewer than
    /// ``GolferSearch/meetingLimit`` with the earlier ones); per pure code, the leaders of its
    /// pure groups the same in every round, in the same number (more than one) of groups.
    /// - Complexity: O(codes · K · n).
    static func pureStrata(_ state: PlanState) -> [PureStratum] {
        let k = state.rounds.count, n = state.leaderCount
        guard k > 1, k + state.earlier.count + 1 < GolferSearch.meetingLimit, state.attending.allSatisfy({ $0.count == n }) else { return [] }
        let model = state.rounds[0].model, purity = model.purity
        guard purity.isActive, purity.codeCount > 0, !model.fixedGroup.contains(where: { $0 >= 0 }) else { return [] }
        let groupings = state.groupings
        // Per round and group, the code all its members share (0: none).
        let shared: [[Int32: Int32]] = groupings.map { grouping in
            var code: [Int32: Int32] = [:]
            for i in 0..<n {
                let g = grouping[i]
                if let seen = code[g] { if seen != purity.code[i] { code[g] = 0 } } else { code[g] = purity.code[i] }
            }
            return code
        }
        var strata: [PureStratum] = []
        for code in 1...Int32(purity.codeCount) {
            let groups = shared.map { $0.filter { $0.value == code }.keys.sorted() }
            let leaders = (0..<k).map { r in (0..<n).filter { shared[r][groupings[r][$0]] == code } }
            guard let first = leaders.first, first.count > 2, groups[0].count > 1,
                  leaders.allSatisfy({ $0 == first }), groups.allSatisfy({ $0.count == groups[0].count }) else { continue }
            strata.append(PureStratum(leaders: first, groups: groups))
        }
        return strata
    }

    /// Polishes a plan under pure groups, stratum by stratum (`strata`, from ``pureStrata(_:)``), keeping each change only when the
    /// plan's objective rises and no round breaks more hard rules:
    /// 1. Relabelling (``relabelWhileBetter(_:leaders:budget:deadline:)``): two leaders of the stratum exchange
    ///    places in every round. Who meets whom within the stratum stays as it was, so only the other rules' points
    ///    change; the joint search, one round at a time, does not find these.
    /// 2. Regrouping: the stratum's leaders are regrouped among its pure groups to meet again less (the groups'
    ///    sizes per round as they are; earlier rounds and separations count), by ``GolferSearch`` — the search over
    ///    conflict positions from the ordered start and the conflict tabu search from the plan as it is, each a
    ///    quarter of the stratum's share of `budget` (the relabellings the other two) and half of its time; the one
    ///    with fewer conflicts, relabelled as in 1., replaces the stratum when the objective allows.
    /// Returns the candidates evaluated. Deterministic for a moves-only limit.
    /// - Complexity: per stratum of s leaders, O(s² · K · (columns + pair rules + group sizes)) a relabelling pass,
    ///   O(s² + K · s) to set up the searches, plus their budgets.
    static func polishStrata(_ state: inout PlanState, strata: [PureStratum], budget: Int?, deadline: UInt64?,
                             cancellation: Cancellation?, rng: inout SeededGenerator) -> Int {
        let k = state.rounds.count
        guard !strata.isEmpty else { return 0 }
        let model = state.rounds[0].model, separations = model.pairs.separations
        let start = DispatchTime.now().uptimeNanoseconds
        var moves = 0
        for (number, stratum) in strata.enumerated() {
            if cancellation?.isCancelled == true { break }
            if let deadline, DispatchTime.now().uptimeNanoseconds >= deadline { break }
            // This stratum's share of the budget, a quarter each for the two relabellings and the two searches; of the
            // time, half for each search after the first relabelling.
            let share = budget.map { max(0, ($0 - moves) / (4 * (strata.count - number))) }
            let until = deadline.map { $0 > start ? start + ($0 - start) / UInt64(strata.count) * UInt64(number + 1) : $0 }
            moves += relabelWhileBetter(&state, leaders: stratum.leaders, budget: share, deadline: until)
            let halfway = until.map { end in
                let now = DispatchTime.now().uptimeNanoseconds
                return end > now ? now + (end - now) / 2 : end
            }
            let leaders = stratum.leaders
            let index = Dictionary(uniqueKeysWithValues: leaders.enumerated().map { ($0.element, $0.offset) })
            let groupings = state.groupings
            let mini = (0..<k).map { r in leaders.map { Int32(stratum.groups[r].firstIndex(of: groupings[r][$0])!) } }
            let earlier = state.earlier.map { grouping in leaders.map { grouping[$0] } }
            let separated = separations.isActive ? separations.separations.compactMap { pair -> (Int, Int)? in
                guard let a = index[Int(pair.pair.first)], let b = index[Int(pair.pair.second)] else { return nil }
                return (a, b)
            } : []
            let current = GolferSearch(leaders: leaders.count, groupCount: stratum.groups[0].count, groupings: mini, earlier: earlier,
                                       separated: separated)
            guard current.conflicts > current.baseline else { continue }
            var ordered = current
            ordered.rebuildInOrder(rounds: 0..<k, order: Array(leaders.indices), deadline: halfway)
            moves += ordered.positionSearch(budget: share, deadline: halfway, cancellation: cancellation, rng: &rng).moves
            var tabu = current
            moves += tabu.tabuSearch(budget: share, deadline: until, cancellation: cancellation, rebuiltFrom: k, rng: &rng).moves
            let best = ordered.conflicts <= tabu.conflicts ? ordered : tabu
            guard best.conflicts < current.conflicts else { continue }
            var regrouped = groupings
            for r in 0..<k { for (j, i) in leaders.enumerated() { regrouped[r][i] = stratum.groups[r][best.group(round: r, j)] } }
            var candidate = state.restarted(at: regrouped)
            moves += relabelWhileBetter(&candidate, leaders: leaders, budget: share, deadline: until)
            let hardKept = (0..<k).allSatisfy { candidate.rounds[$0].score.hard <= state.rounds[$0].score.hard }
            if hardKept && candidate.objective > state.objective { state = candidate }
        }
        return moves
    }

    /// Exchanges two of `leaders` in every round where they sit apart whenever that raises the plan's objective,
    /// in passes over every pair until one changes nothing (at most 4), `budget` swaps are weighed or `deadline`
    /// (uptime ns) passes. Among leaders of one stratum's pure groups, this keeps who meets whom. Returns the swaps
    /// weighed. O(passes · s² · K · (columns + pair rules + group sizes)).
    @discardableResult
    static func relabelWhileBetter(_ state: inout PlanState, leaders: [Int], budget: Int? = nil, deadline: UInt64? = nil) -> Int {
        let k = state.rounds.count
        var weighed = 0
        for _ in 0..<4 {
            var changed = false
            for x in leaders.indices {
                if let budget, weighed >= budget { return weighed }
                if let deadline, DispatchTime.now().uptimeNanoseconds >= deadline { return weighed }
                for y in leaders.indices where y > x {
                    let i = leaders[x], j = leaders[y]
                    var total = 0.0, swapped: [Int] = []
                    for r in 0..<k where state.groupOf(round: r, i) != state.groupOf(round: r, j) {
                        let (delta, gain) = state.swapGain(round: r, i, j)
                        state.swap(round: r, i, j, delta: delta)
                        total += gain
                        swapped.append(r)
                        weighed += 1
                    }
                    if total > 1e-9 { changed = true; continue }
                    for r in swapped.reversed() {
                        let (delta, _) = state.swapGain(round: r, i, j)
                        state.swap(round: r, i, j, delta: delta)
                    }
                }
            }
            if !changed { break }
        }
        return weighed
    }
}
