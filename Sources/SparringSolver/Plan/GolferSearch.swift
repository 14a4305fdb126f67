import Foundation
import SparringModel

/// Several rounds of groupings searched for one aim only: no pair meets twice (the Social Golfer Problem), where a
/// pair kept apart (a separation) and the meetings of earlier rounds count too. Written from the published
/// descriptions of Dotú & Van Hentenryck's tabu search ("Scheduling social golfers locally", 2005) and of Triska &
/// Musliu's greedy start ("An effective greedy heuristic for the Social Golfer Problem", 2012).
///
/// State, all flat: per round the group of each leader and each group's members; one dense table of meetings per
/// pair (n² bytes), preloaded with the earlier rounds and with every separated pair as met once, so that any
/// meeting of a separated pair is a conflict like a second meeting. Conflicts = Σ over pairs of max(0, meetings − 1);
/// no conflict means no repeat and no broken separation. Groups keep their sizes: the search only swaps two leaders
/// of one round. Beside the conflicts, the state keeps Triska & Musliu's conflict positions: per round, the leaders
/// with a group-mate they meet more than once (``GolferSearch/positionSearch(budget:deadline:cancellation:tuning:rng:)``
/// minimises them).
struct GolferSearch {
    /// Leaders (n).
    let leaderCount: Int
    /// Rounds searched (K).
    let roundCount: Int
    /// Groups per round (m).
    let groupCount: Int
    /// Room per group in ``members``: the largest group.
    let capacity: Int
    /// Per round and group (`r · m + g`), its size; fixed, as the search only swaps.
    let sizes: [Int32]
    /// Per round and leader (`r · n + i`), the leader's group.
    private(set) var groupOf: [Int32]
    /// Per round and group, its members: `members[(r · m + g) · capacity + k]` for `k < size`.
    private(set) var members: [Int32]
    /// Per round and leader, the leader's index in its group's member list.
    private(set) var place: [Int32]
    /// Meetings per pair, dense and symmetric (`i · n + j`): earlier rounds, separations (once) and the rounds.
    private(set) var meetings: [UInt8]
    /// Σ over pairs of max(0, meetings − 1).
    private(set) var conflicts: Int
    /// The conflicts no plan can remove: earlier rounds' own repeats, and separated pairs who met in an earlier round.
    private(set) var baseline = 0
    /// Per round and leader (`r · n + i`), the group-mates the leader meets more than once (earlier rounds and
    /// separations included).
    private(set) var repeatedMates: [Int32]
    /// Per round, its leaders with a repeated mate: its conflict positions.
    private(set) var roundPositions: [Int32]
    /// Σ ``roundPositions``: 0 exactly when ``conflicts`` is ``baseline``.
    private(set) var positions = 0

    /// The most meetings a pair may reach: rounds + earlier rounds + 1 (separation) must stay below this.
    static let meetingLimit = 250

    /// - Parameters:
    ///   - groupings: one grouping per round, 0-based groups in `0..<groupCount`; they give the groups' sizes.
    ///   - earlier: groupings of earlier rounds, −1 (or any group outside `0..<groupCount`) for a leader not there.
    ///   - separated: pairs who must never share a group; each counts as met once.
    /// - Precondition: `groupings.count + earlier.count + 1 < meetingLimit`.
    /// - Complexity: O(n² + (K + earlier) · Σ group size² + separations).
    init(leaders n: Int, groupCount m: Int, groupings: [[Int32]], earlier: [[Int32]] = [], separated: [(Int, Int)] = []) {
        precondition(groupings.count + earlier.count + 1 < Self.meetingLimit, "too many rounds for a byte per pair")
        leaderCount = n
        roundCount = groupings.count
        groupCount = m
        var sizes = [Int32](repeating: 0, count: groupings.count * m)
        for (r, grouping) in groupings.enumerated() { for g in grouping { sizes[r * m + Int(g)] += 1 } }
        self.sizes = sizes
        capacity = max(1, Int(sizes.max() ?? 1))
        groupOf = groupings.flatMap { $0 }
        members = [Int32](repeating: -1, count: groupings.count * m * capacity)
        place = [Int32](repeating: 0, count: groupings.count * n)
        meetings = [UInt8](repeating: 0, count: n * n)
        conflicts = 0
        repeatedMates = [Int32](repeating: 0, count: groupings.count * n)
        roundPositions = [Int32](repeating: 0, count: groupings.count)
        for grouping in earlier { addMeetings(of: grouping) }
        for (i, j) in separated where i != j { addMeeting(i, j) }
        baseline = conflicts
        for r in 0..<roundCount { fillMembers(round: r) }
        countPositions()
    }

    // MARK: Meetings

    /// Meetings of `i` and `j` so far. O(1).
    @inline(__always)
    func met(_ i: Int, _ j: Int) -> Int { Int(meetings[i * leaderCount + j]) }

    /// One more meeting of `i` and `j`; a conflict more if they had met. O(1).
    @inline(__always)
    private mutating func addMeeting(_ i: Int, _ j: Int) {
        let n = leaderCount
        if meetings[i * n + j] > 0 { conflicts += 1 }
        meetings[i * n + j] += 1
        meetings[j * n + i] += 1
    }

    /// One meeting of `i` and `j` less; a conflict less if they met more than once. O(1).
    @inline(__always)
    private mutating func removeMeeting(_ i: Int, _ j: Int) {
        let n = leaderCount
        if meetings[i * n + j] > 1 { conflicts -= 1 }
        meetings[i * n + j] -= 1
        meetings[j * n + i] -= 1
    }

    /// Counts ``repeatedMates``, ``roundPositions`` and ``positions`` from the meetings. O(K · Σ group size²).
    mutating func countPositions() {
        let n = leaderCount, m = groupCount
        positions = 0
        for r in 0..<roundCount {
            roundPositions[r] = 0
            for g in 0..<m {
                let slot = (r * m + g) * capacity, size = Int(sizes[r * m + g])
                for a in 0..<size {
                    let i = Int(members[slot + a])
                    var count: Int32 = 0
                    for b in 0..<size where b != a && meetings[i * n + Int(members[slot + b])] > 1 { count += 1 }
                    repeatedMates[r * n + i] = count
                    if count > 0 { roundPositions[r] += 1 }
                }
            }
            positions += Int(roundPositions[r])
        }
    }

    /// One repeated mate more (`by` 1) or less (−1) for `i` in round `r`; a conflict position more or less when the
    /// count leaves or reaches 0. O(1).
    @inline(__always)
    private mutating func countMate(_ r: Int, _ i: Int, by change: Int32) {
        let index = r * leaderCount + i, before = repeatedMates[index]
        repeatedMates[index] = before + change
        let flip = Int32(before == 0 ? 1 : 0) - Int32(before + change == 0 ? 1 : 0)
        roundPositions[r] += flip
        positions += Int(flip)
    }

    /// `i` and `j` stop sharing a group of round `r` (the other rounds as they are): one meeting less, and the
    /// repeated mates it changes, in round `r` and, if the pair no longer meets twice, in every other round they share.
    /// O(K).
    @inline(__always)
    private mutating func leaveMate(round r: Int, _ i: Int, _ j: Int) {
        let before = met(i, j)
        if before > 1 { countMate(r, i, by: -1); countMate(r, j, by: -1) }
        if before == 2 {
            for q in 0..<roundCount where q != r && groupOf[q * leaderCount + i] == groupOf[q * leaderCount + j] {
                countMate(q, i, by: -1); countMate(q, j, by: -1)
            }
        }
        removeMeeting(i, j)
    }

    /// `i` and `j` come to share a group of round `r`: the mirror of ``leaveMate(round:_:_:)``. O(K).
    @inline(__always)
    private mutating func joinMate(round r: Int, _ i: Int, _ j: Int) {
        addMeeting(i, j)
        let after = met(i, j)
        if after > 1 { countMate(r, i, by: 1); countMate(r, j, by: 1) }
        if after == 2 {
            for q in 0..<roundCount where q != r && groupOf[q * leaderCount + i] == groupOf[q * leaderCount + j] {
                countMate(q, i, by: 1); countMate(q, j, by: 1)
            }
        }
    }

    /// Adds a meeting for every pair sharing a group of an earlier round (numbered by its own file: any group
    /// number; −1 for a leader not there). O(n + Σ group size²).
    private mutating func addMeetings(of grouping: [Int32]) {
        var byGroup: [Int32: [Int]] = [:]
        for (i, g) in grouping.enumerated() where g >= 0 && i < leaderCount { byGroup[g, default: []].append(i) }
        for g in byGroup.keys.sorted() {
            let group = byGroup[g]!
            for a in group.indices { for b in group.indices where b > a { addMeeting(group[a], group[b]) } }
        }
    }

    /// Lists round `r`'s members from ``groupOf`` and adds their meetings (the round must hold none yet).
    /// O(n + Σ group size²).
    private mutating func fillMembers(round r: Int) {
        let n = leaderCount, m = groupCount
        var count = [Int32](repeating: 0, count: m)
        for i in 0..<n {
            let g = Int(groupOf[r * n + i]), slot = (r * m + g) * capacity
            for k in 0..<Int(count[g]) { addMeeting(i, Int(members[slot + k])) }
            members[slot + Int(count[g])] = Int32(i)
            place[r * n + i] = count[g]
            count[g] += 1
        }
    }

    /// Takes back the meetings of round `r` (its member lists are kept). O(Σ group size²).
    private mutating func removeMeetings(round r: Int) {
        let m = groupCount
        for g in 0..<m {
            let slot = (r * m + g) * capacity, size = Int(sizes[r * m + g])
            for a in 0..<size { for b in (a + 1)..<max(a + 1, size) { removeMeeting(Int(members[slot + a]), Int(members[slot + b])) } }
        }
    }

    /// Takes back the meetings of `rounds`, which are about to be built again group by group
    /// (``placeGroup(round:group:_:)``); their member lists stay until then. O(|rounds| · Σ group size²).
    mutating func clearMeetings(rounds: Range<Int>) {
        for r in rounds { removeMeetings(round: r) }
    }

    /// Makes `leaders` group `g` of round `r`, a round being built (its meetings taken back by
    /// ``clearMeetings(rounds:)``), and adds their meetings; the conflict positions are left to
    /// ``countPositions()``. O(size²).
    mutating func placeGroup(round r: Int, group g: Int, _ leaders: [Int]) {
        let slot = (r * groupCount + g) * capacity
        for (k, i) in leaders.enumerated() {
            for earlier in 0..<k { addMeeting(i, Int(members[slot + earlier])) }
            members[slot + k] = Int32(i)
            place[r * leaderCount + i] = Int32(k)
            groupOf[r * leaderCount + i] = Int32(g)
        }
    }

    /// Replaces round `r`'s grouping (same group sizes). O(n + Σ group size²).
    mutating func setRound(_ r: Int, to grouping: ArraySlice<Int32>) {
        replaceRound(r, by: grouping)
        countPositions()
    }

    /// Round `r`'s grouping replaced, the positions left to count. O(n + Σ group size²).
    private mutating func replaceRound(_ r: Int, by grouping: ArraySlice<Int32>) {
        removeMeetings(round: r)
        for (i, g) in grouping.enumerated() { groupOf[r * leaderCount + i] = g }
        fillMembers(round: r)
    }

    /// Replaces every round (a snapshot of ``groupOf``). O(K · (n + Σ group size²)).
    mutating func load(_ snapshot: [Int32]) {
        for r in 0..<roundCount { replaceRound(r, by: snapshot[(r * leaderCount)..<((r + 1) * leaderCount)]) }
        countPositions()
    }

    /// The rounds' groupings. O(K · n).
    var groupings: [[Int32]] { (0..<roundCount).map { r in Array(groupOf[(r * leaderCount)..<((r + 1) * leaderCount)]) } }

    /// Conflicts counted from scratch over the meetings table (to check the incremental count). O(n²).
    func conflictsFromScratch() -> Int {
        var total = 0
        for i in 0..<leaderCount { for j in (i + 1)..<max(i + 1, leaderCount) { total += max(0, met(i, j) - 1) } }
        return total
    }

    // MARK: Swaps

    /// Leader `i`'s group in round `r`. O(1).
    @inline(__always)
    func group(round r: Int, _ i: Int) -> Int { Int(groupOf[r * leaderCount + i]) }

    /// How many of `i`'s group-mates in round `r` it meets more than once: the conflicts `i` takes away by leaving.
    /// O(group size).
    func leaveGain(round r: Int, _ i: Int) -> Int {
        let slot = (r * groupCount + group(round: r, i)) * capacity, row = i * leaderCount
        var count = 0
        for k in 0..<Int(sizes[r * groupCount + group(round: r, i)]) where meetings[row + Int(members[slot + k])] > 1 { count += 1 }
        return count
    }

    /// How many members of group `h` in round `r` leader `i` has met: the conflicts `i` adds by joining (before
    /// anyone leaves). O(group size).
    @inline(__always)
    func joinCost(round r: Int, _ i: Int, group h: Int) -> Int {
        let slot = (r * groupCount + h) * capacity, row = i * leaderCount
        var count = 0
        for k in 0..<Int(sizes[r * groupCount + h]) where meetings[row + Int(members[slot + k])] > 0 { count += 1 }
        return count
    }

    /// The change of ``conflicts`` if `a` and `b` (different groups) of round `r` exchanged groups. The pairs of `a`
    /// and those of `b` are different pairs, and `a`, `b` share a group neither before nor after, so the change is
    /// what each leaves and joins, with their own pair taken out of each join. O(group sizes).
    func swapDelta(round r: Int, _ a: Int, _ b: Int) -> Int {
        let metAB = met(a, b) > 0 ? 1 : 0
        return joinCost(round: r, a, group: group(round: r, b)) + joinCost(round: r, b, group: group(round: r, a)) - 2 * metAB
            - leaveGain(round: r, a) - leaveGain(round: r, b)
    }

    /// Exchanges the groups of `a` and `b` (different groups) in round `r`, the conflict positions kept. O(group
    /// sizes · K) at most (a pair whose meetings cross 2 is looked up in every round).
    mutating func swap(round r: Int, _ a: Int, _ b: Int) {
        let n = leaderCount, m = groupCount
        let g = group(round: r, a), h = group(round: r, b)
        let slotG = (r * m + g) * capacity, slotH = (r * m + h) * capacity
        for k in 0..<Int(sizes[r * m + g]) {
            let c = Int(members[slotG + k])
            if c != a { leaveMate(round: r, a, c); joinMate(round: r, b, c) }
        }
        for k in 0..<Int(sizes[r * m + h]) {
            let c = Int(members[slotH + k])
            if c != b { leaveMate(round: r, b, c); joinMate(round: r, a, c) }
        }
        let placeA = Int(place[r * n + a]), placeB = Int(place[r * n + b])
        members[slotG + placeA] = Int32(b)
        members[slotH + placeB] = Int32(a)
        place[r * n + a] = Int32(placeB)
        place[r * n + b] = Int32(placeA)
        groupOf[r * n + a] = Int32(h)
        groupOf[r * n + b] = Int32(g)
    }
}

// MARK: - Greedy start

extension GolferSearch {
    /// Pair candidates looked at per pick when the unplaced leaders have more pairs (sampled at random then), so that
    /// a round costs about 2·10⁸ byte reads at most.
    func pickSample() -> Int { max(16, min(4096, 200_000_000 / max(1, leaderCount * leaderCount))) }

    /// Leaders that neither `a` nor `b` (b = −1: only `a`) has met: Triska & Musliu's freedom of a set. O(n).
    func freedom(_ a: Int, _ b: Int) -> Int {
        let n = leaderCount, rowA = a * n, rowB = (b < 0 ? a : b) * n
        var count = 0
        for c in 0..<n where meetings[rowA + c] | meetings[rowB + c] == 0 { count += 1 }
        // `a` and `b` themselves are counted when they have not met (the table's diagonal is 0).
        if meetings[rowA + (b < 0 ? a : b)] == 0 { count -= b < 0 ? 1 : 2 }
        return count
    }

    /// Rebuilds `rounds` greedily, one after the other (a round not yet rebuilt counts no meeting), after Triska &
    /// Musliu: see ``buildGreedily(round:rng:)``.
    /// - Complexity: O(|rounds| · n / 2 · P · n) with P = min(pairs of unplaced leaders, ``pickSample()``).
    mutating func rebuildGreedily(rounds: Range<Int>, rng: inout SeededGenerator) {
        clearMeetings(rounds: rounds)
        for r in rounds { buildGreedily(round: r, rng: &rng) }
        countPositions()
    }

    /// Builds round `r` (whose meetings are not counted) greedily: group by group, fills each with two leaders at a
    /// time who add the fewest conflicts to it (none, as long as possible) and, among those, have the most freedom
    /// (leaders met by neither); a lone leader when one place is left. Ties at random.
    /// - Complexity: O(n / 2 · P · n) with P = min(pairs of unplaced leaders, ``pickSample()``).
    private mutating func buildGreedily(round r: Int, rng: inout SeededGenerator) {
        let n = leaderCount, m = groupCount
        var unplaced = Array(0..<n)
        for g in 0..<m {
            let size = Int(sizes[r * m + g]), slot = (r * m + g) * capacity
            var count = 0
            while count < size {
                let picked = size - count >= 2 ? pickPair(round: r, group: g, filled: count, from: unplaced, rng: &rng)
                    : (pickOne(round: r, group: g, filled: count, from: unplaced, rng: &rng), -1)
                for i in [picked.0, picked.1] where i >= 0 {
                    for k in 0..<count { addMeeting(i, Int(members[slot + k])) }
                    members[slot + count] = Int32(i)
                    place[r * n + i] = Int32(count)
                    groupOf[r * n + i] = Int32(g)
                    count += 1
                    unplaced.swapAt(unplaced.firstIndex(of: i)!, unplaced.count - 1)
                    unplaced.removeLast()
                }
            }
        }
    }

    /// Conflicts leader `i` would add to the first `filled` members of group `g` in round `r`. O(filled).
    private func addedConflicts(round r: Int, group g: Int, filled: Int, _ i: Int) -> Int {
        let slot = (r * groupCount + g) * capacity, row = i * leaderCount
        var count = 0
        for k in 0..<filled where meetings[row + Int(members[slot + k])] > 0 { count += 1 }
        return count
    }

    /// The best pair of unplaced leaders for group `g` (see ``rebuildGreedily(round:rng:)``): every pair, or a
    /// random sample of ``pickSample()`` pairs when there are more. O(P · (n + group size)).
    private func pickPair(round r: Int, group g: Int, filled: Int, from unplaced: [Int], rng: inout SeededGenerator) -> (Int, Int) {
        let u = unplaced.count, pairs = u * (u - 1) / 2, sample = pickSample()
        var best = (unplaced[0], unplaced[1]), bestAdded = Int.max, bestFreedom = -1, ties = 0
        func consider(_ a: Int, _ b: Int, rng: inout SeededGenerator) {
            let added = addedConflicts(round: r, group: g, filled: filled, a) + addedConflicts(round: r, group: g, filled: filled, b)
                + (met(a, b) > 0 ? 1 : 0)
            guard added <= bestAdded else { return }
            let free = freedom(a, b)
            if added < bestAdded || free > bestFreedom {
                (best, bestAdded, bestFreedom, ties) = ((a, b), added, free, 1)
            } else if free == bestFreedom {
                ties += 1
                if rng.below(ties) == 0 { best = (a, b) }
            }
        }
        if pairs <= sample {
            for x in 0..<u { for y in (x + 1)..<u { consider(unplaced[x], unplaced[y], rng: &rng) } }
        } else {
            for _ in 0..<sample {
                let x = rng.below(u), y = rng.below(u - 1)
                consider(unplaced[x], unplaced[y >= x ? y + 1 : y], rng: &rng)
            }
        }
        return best
    }

    /// The best lone unplaced leader for group `g`: fewest added conflicts, then most freedom, ties at random.
    /// O(min(u, ``pickSample()``) · n).
    private func pickOne(round r: Int, group g: Int, filled: Int, from unplaced: [Int], rng: inout SeededGenerator) -> Int {
        let u = unplaced.count, sample = pickSample()
        var best = unplaced[0], bestAdded = Int.max, bestFreedom = -1, ties = 0
        for t in 0..<min(u, sample) {
            let a = u <= sample ? unplaced[t] : unplaced[rng.below(u)]
            let added = addedConflicts(round: r, group: g, filled: filled, a)
            guard added <= bestAdded else { continue }
            let free = freedom(a, -1)
            if added < bestAdded || free > bestFreedom {
                (best, bestAdded, bestFreedom, ties) = (a, added, free, 1)
            } else if free == bestFreedom {
                ties += 1
                if rng.below(ties) == 0 { best = a }
            }
        }
        return best
    }
}

// MARK: - Tabu search

/// Recent swaps, by (round, pair): a fixed table of 2¹⁶ slots addressed by a hash of the key (an entry whose slot
/// is taken by a later swap is forgotten early, which is harmless). O(1) per look-up; 1 MB.
struct TabuList {
    private static let slotBits = 16
    private var keys = [UInt64](repeating: 0, count: 1 << slotBits)
    private var until = [Int](repeating: 0, count: 1 << slotBits)
    /// Leaders per round, to number the pairs.
    let leaderCount: Int

    init(leaderCount: Int) { self.leaderCount = leaderCount }

    /// The key of the swap of `a` and `b` in round `r` (either order), never 0. O(1).
    @inline(__always)
    private func key(_ r: Int, _ a: Int, _ b: Int) -> UInt64 {
        UInt64((r * leaderCount + min(a, b)) * leaderCount + max(a, b)) &+ 1
    }

    /// The key's slot (Fibonacci hashing). O(1).
    @inline(__always)
    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - Self.slotBits)) }

    /// Whether the swap of `a` and `b` in round `r` is tabu at `step`. O(1).
    @inline(__always)
    func isTabu(_ r: Int, _ a: Int, _ b: Int, step: Int) -> Bool {
        let k = key(r, a, b), s = slot(k)
        return keys[s] == k && until[s] > step
    }

    /// Makes the swap of `a` and `b` in round `r` tabu until `step`. O(1).
    mutating func forbid(_ r: Int, _ a: Int, _ b: Int, until step: Int) {
        let k = key(r, a, b), s = slot(k)
        keys[s] = k
        until[s] = step
    }
}

extension GolferSearch {
    /// The tabu search's knobs (the defaults are the ones used; tests may set others).
    struct Tuning {
        /// A swap made is tabu for `tenure + random(0..<tenureSpread)` steps.
        var tenure = 3
        var tenureSpread = 8
        /// Steps without a better plan (since the last perturbation) before the next one.
        var stableSteps = 1_000
        /// Random swaps a perturbation makes, from the best plan of the current start.
        var perturbationSwaps = 3
        /// Perturbations without a better plan before a new greedy start.
        var perturbationsPerStart = 40
    }

    /// What a search ended with.
    struct Outcome {
        /// Candidates evaluated.
        var moves = 0
        /// Steps made.
        var steps = 0
        /// New greedy starts made (after the first).
        var restarts = 0
    }

    /// Tabu search (after Dotú & Van Hentenryck): each step takes, over every round, the swap of a leader in conflict
    /// (meeting a group-mate more than once) with a leader of another group that lowers the conflicts most (ties
    /// at random), except a swap of the same pair in the same round made within its tenure, unless it beats the
    /// best plan (aspiration). After ``Tuning/stableSteps`` steps without a better plan, the best plan of this
    /// start is perturbed by a few random swaps; after ``Tuning/perturbationsPerStart`` perturbations in vain,
    /// rounds `rebuiltFrom...` are rebuilt greedily (a new start). Stops at no conflict, after `budget` candidates,
    /// at `deadline` (uptime ns) or when cancelled; ends on the best plan seen. Deterministic for a seed and budget.
    /// - Complexity: O(K · n · s + C · n · s) per step for C leaders in conflict, s the group size; O(K · n) per
    ///   new best.
    mutating func tabuSearch(budget: Int?, deadline: UInt64?, cancellation: Cancellation?, rebuiltFrom: Int = 0,
                             tuning: Tuning = Tuning(), rng: inout SeededGenerator) -> Outcome {
        var outcome = Outcome()
        var tabu = TabuList(leaderCount: leaderCount)
        var leave = [Int32](repeating: 0, count: roundCount * leaderCount)
        var best = conflicts, bestPlan = groupOf
        var startBest = conflicts, startPlan = groupOf
        var sinceBetter = 0, perturbations = 0
        while conflicts > baseline {
            if let budget, outcome.moves >= budget { break }
            if let deadline, DispatchTime.now().uptimeNanoseconds >= deadline { break }
            if outcome.steps & 63 == 0, cancellation?.isCancelled == true { break }
            outcome.steps += 1
            if let chosen = bestSwap(step: outcome.steps, best: best, tabu: tabu, leave: &leave, moves: &outcome.moves, rng: &rng) {
                swap(round: chosen.r, chosen.a, chosen.b)
                tabu.forbid(chosen.r, chosen.a, chosen.b, until: outcome.steps + tuning.tenure + rng.below(max(1, tuning.tenureSpread)))
            } else {
                sinceBetter = tuning.stableSteps
            }
            if conflicts < startBest {
                (startBest, startPlan, sinceBetter, perturbations) = (conflicts, groupOf, 0, 0)
                if conflicts < best { (best, bestPlan) = (conflicts, groupOf) }
                continue
            }
            sinceBetter += 1
            guard sinceBetter >= tuning.stableSteps else { continue }
            sinceBetter = 0
            perturbations += 1
            if perturbations > tuning.perturbationsPerStart {
                rebuildGreedily(rounds: rebuiltFrom..<roundCount, rng: &rng)
                (startBest, startPlan, perturbations) = (conflicts, groupOf, 0)
                outcome.restarts += 1
            } else {
                load(startPlan)
                perturb(swaps: tuning.perturbationSwaps, rng: &rng)
            }
        }
        if conflicts > best { load(bestPlan) }
        return outcome
    }

    /// A few swaps of random leaders of different groups in random rounds. O(swaps · s).
    mutating func perturb(swaps: Int, rng: inout SeededGenerator) {
        guard groupCount > 1 else { return }
        var made = 0, tries = 0
        while made < swaps && tries < 100 * swaps {
            tries += 1
            let r = rng.below(roundCount), a = rng.below(leaderCount), b = rng.below(leaderCount)
            guard group(round: r, a) != group(round: r, b) else { continue }
            swap(round: r, a, b)
            made += 1
        }
    }

    /// The step's swap: the one lowering the conflicts most among the swaps of a leader in conflict with a leader of
    /// another group in the same round (a pair of two such leaders looked at once), tabu ones left out unless they
    /// beat `best`; ties at random (reservoir sampling). `leave` is scratch (per round and leader, its
    /// ``leaveGain(round:_:)``). Counts the candidates in `moves`.
    /// - Complexity: O(K · n · s) for the leave gains, then O(s) per candidate.
    private func bestSwap(step: Int, best: Int, tabu: TabuList, leave: inout [Int32], moves: inout Int,
                          rng: inout SeededGenerator) -> (r: Int, a: Int, b: Int)? {
        let n = leaderCount, m = groupCount
        for r in 0..<roundCount { for i in 0..<n { leave[r * n + i] = Int32(leaveGain(round: r, i)) } }
        var chosen: (r: Int, a: Int, b: Int)?
        var chosenDelta = Int.max, ties = 0
        for r in 0..<roundCount {
            for a in 0..<n where leave[r * n + a] > 0 {
                let g = group(round: r, a), leaveA = Int(leave[r * n + a])
                for h in 0..<m where h != g {
                    let joinA = joinCost(round: r, a, group: h), slot = (r * m + h) * capacity
                    for k in 0..<Int(sizes[r * m + h]) {
                        let b = Int(members[slot + k]), leaveB = Int(leave[r * n + b])
                        // A pair of two leaders in conflict is looked at from the smaller one's side only.
                        if leaveB > 0 && b < a { continue }
                        moves += 1
                        let delta = joinA + joinCost(round: r, b, group: g) - 2 * (meetings[a * n + b] > 0 ? 1 : 0) - leaveA - leaveB
                        guard delta <= chosenDelta else { continue }
                        if conflicts + delta >= best && tabu.isTabu(r, a, b, step: step) { continue }
                        if delta < chosenDelta {
                            (chosen, chosenDelta, ties) = ((r, a, b), delta, 1)
                        } else {
                            ties += 1
                            if rng.below(ties) == 0 { chosen = (r, a, b) }
                        }
                    }
                }
            }
        }
        return chosen
    }
}

// MARK: - The planner's entry

extension Planner {
    /// Plans whose only aim is no repeat (no soft rule, no pin; group sizes and separations may be set): searched
    /// by ``GolferSearch`` on its own flat state; the groups keep the sizes `state` has. A known design
    /// (``PlanStarts``) that covers every round without a conflict is taken as it is. Otherwise two searches take
    /// turns of doubling length (the first 2 % of the limit, at most a quarter second), each going on from its best
    /// plan so far, as each reaches instances the other does not: the tabu search over conflicts from Triska & Musliu's
    /// greedy start (10-4-10 and 10-3-13 in a second or so) and the search over conflict positions from the ordered
    /// start (``GolferSearch/rebuildInOrder(rounds:order:nodeLimit:deadline:)``,
    /// ``GolferSearch/positionSearch(budget:deadline:cancellation:tuning:rng:)``: 8-4-10). The plan with fewer
    /// conflicts is kept and loaded back into `state` (whose counts are the truth) if its objective is no worse.
    /// Returns the candidates evaluated.
    /// - Complexity: O(n² + K · Σ group size²) to set up, then ``GolferSearch/tabuSearch(budget:deadline:cancellation:rebuiltFrom:tuning:rng:)``.
    static func tabu(_ state: inout PlanState, budget: Int?, deadline: UInt64?, cancellation: Cancellation?, rng: inout SeededGenerator) -> Int {
        let k = state.rounds.count, n = state.leaderCount, m = state.groupCounts.first ?? 0
        // Every leader takes part in every round, in the same number of groups (the planner's condition for this search).
        precondition(state.attending.allSatisfy { $0.count == n } && state.groupCounts.allSatisfy { $0 == m }, "a plan of the same groups every round")
        guard k > 0, n > 1, m > 1, k + state.earlier.count + 1 < GolferSearch.meetingLimit else { return 0 }
        let model = state.rounds[0].model
        let separations = model.pairs.separations
        let separated = separations.isActive ? separations.separations.map { (Int($0.pair.first), Int($0.pair.second)) } : []
        var search = GolferSearch(leaders: n, groupCount: m, groupings: state.groupings, earlier: state.earlier, separated: separated)
        var moves = 0
        if startFromDesign(&search) {
            moves = search.tabuSearch(budget: budget, deadline: deadline, cancellation: cancellation, rng: &rng).moves
        } else {
            // Turns of doubling length, the conflict search first, each search going on from its best plan so far: the
            // first turn 2 % of the limit, at most a quarter second or 10⁷ candidates, so that a longer limit does
            // not hold back what a short one reaches. No limit at all: the first turn 10⁷ candidates, the second none.
            search.rebuildGreedily(rounds: 0..<k, rng: &rng)
            // The ordered start is built when its search first takes a turn.
            var ordered: GolferSearch?
            let now = DispatchTime.now().uptimeNanoseconds
            var turn = 0
            while search.conflicts > search.baseline && (ordered.map { $0.conflicts > $0.baseline } ?? true) {
                if cancellation?.isCancelled == true { break }
                if let deadline, DispatchTime.now().uptimeNanoseconds >= deadline { break }
                if let budget, moves >= budget { break }
                // Turn t ends at (2^(t+1) − 1) first turns.
                let end = exp2(Double(turn + 1)) - 1
                let turnDeadline = deadline.map { deadline in
                    let first = min(Double(deadline > now ? deadline - now : 0) * 0.02, 0.25e9)
                    return min(deadline, now &+ UInt64(min(1e15, first * end)))
                }
                var turnBudget = budget.map { budget in max(0, Int(min(Double(budget), min(Double(budget) * 0.02, 1e7) * end)) - moves) }
                if budget == nil && deadline == nil && turn == 0 { turnBudget = 10_000_000 }
                if turn % 2 == 0 {
                    moves += search.tabuSearch(budget: turnBudget, deadline: turnDeadline, cancellation: cancellation, rng: &rng).moves
                } else {
                    var positions = ordered ?? {
                        var built = GolferSearch(leaders: n, groupCount: m, groupings: state.groupings, earlier: state.earlier, separated: separated)
                        built.rebuildInOrder(rounds: 0..<k, order: Array(0..<n), deadline: turnDeadline)
                        return built
                    }()
                    moves += positions.positionSearch(budget: turnBudget, deadline: turnDeadline, cancellation: cancellation, rng: &rng).moves
                    ordered = positions
                }
                turn += 1
            }
            if let ordered, ordered.conflicts < search.conflicts { search = ordered }
        }
        let found = state.restarted(at: search.groupings)
        if found.objective >= state.objective { state = found }
        return moves
    }

    /// Loads ``PlanStarts/transversalDesign(groups:size:rounds:)`` into `search` when every group of every round
    /// has the design's size and the design covers every round without a conflict (separations and earlier rounds
    /// included); otherwise leaves `search` as it was. O(K · (n + Σ group size²)).
    static func startFromDesign(_ search: inout GolferSearch) -> Bool {
        let k = search.roundCount, m = search.groupCount, n = search.leaderCount
        guard let size = search.sizes.first, search.sizes.allSatisfy({ $0 == size }), Int(size) * m == n,
              let design = PlanStarts.transversalDesign(groups: m, size: Int(size), rounds: k), design.count == k else { return false }
        let before = search.groupOf
        search.load(design.flatMap { $0 })
        if search.conflicts == search.baseline { return true }
        search.load(before)
        return false
    }
}
