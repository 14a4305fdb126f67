import Foundation
import SparringModel

// MARK: - The ordered start

extension GolferSearch {
    /// Rebuilds `rounds` one after the other (a round not yet rebuilt counts no meeting), each group in turn given
    /// the best set of still unplaced leaders: the fewest meetings so far among its pairs (earlier rounds and
    /// separations count), then the most freedom (leaders met by none of the set, after Triska & Musliu), and among equals the set that
    /// comes first in `order`. The first set is found by a branch and bound over the sets in that order, which gives
    /// up after `nodeLimit` sets looked at (keeping the best so far; by default 2 · 10⁷ / (n · m), at least twice
    /// the largest group, so that a round costs about 4 · 10⁷ steps, or 4 · capacity · n² on a large roster, where
    /// the start is then little better than roster order). Past `deadline` (uptime ns), each group takes the first
    /// set the search reaches.
    ///
    /// Unlike ``rebuildGreedily(rounds:rng:)``, no chance is involved: in roster order the rounds come out as
    /// regular as a design (8 groups of 4: two affine planes of order 4 side by side, then rounds across them), and
    /// ``positionSearch(budget:deadline:cancellation:tuning:rng:)`` repairs such a start far better than a random one.
    /// - Complexity: O(|rounds| · m · L · n) with L = `nodeLimit` (each set looked at costs O(n)).
    mutating func rebuildInOrder(rounds: Range<Int>, order: [Int], nodeLimit: Int? = nil, deadline: UInt64? = nil) {
        let n = leaderCount, m = groupCount
        let limit = nodeLimit ?? max(2 * capacity, 20_000_000 / max(1, n * m))
        clearMeetings(rounds: rounds)
        var finder = SetFinder(leaderCount: n)
        for r in rounds {
            var unplaced = order
            for g in 0..<m {
                let late = deadline.map { DispatchTime.now().uptimeNanoseconds >= $0 } ?? false
                let chosen = finder.best(size: Int(sizes[r * m + g]), from: unplaced, meetings: meetings, nodeLimit: late ? 0 : limit)
                placeGroup(round: r, group: g, chosen)
                let taken = Set(chosen)
                unplaced.removeAll { taken.contains($0) }
            }
        }
        countPositions()
    }
}

/// The branch and bound of ``GolferSearch/rebuildInOrder(rounds:order:nodeLimit:deadline:)``: sets of `size` leaders of a
/// list, in the list's order, scored by (meetings so far among its pairs, fewest first; freedom, most first).
private struct SetFinder {
    let leaderCount: Int
    /// Per leader, the members of the current set it is or has met; free while 0.
    private var blocked: [Int32]
    /// Leaders with ``blocked`` 0.
    private var free: Int
    private var chosen: [Int] = []
    private var best: [Int] = []
    private var bestMet = Int.max, bestFree = -1
    private var nodes = 0

    init(leaderCount n: Int) {
        leaderCount = n
        blocked = [Int32](repeating: 0, count: n)
        free = n
    }

    /// The first best set of `size` leaders of `list` (see the type). O(min(sets, `nodeLimit`) · n).
    mutating func best(size: Int, from list: [Int], meetings: [UInt8], nodeLimit: Int) -> [Int] {
        (chosen, best, bestMet, bestFree, nodes) = ([], [], Int.max, -1, 0)
        extend(size: size, from: list, start: 0, met: 0, meetings: meetings, nodeLimit: nodeLimit)
        return best
    }

    /// Adds (`change` 1) or takes out (−1) leader `i` of the set: who it blocks. O(n).
    private mutating func mark(_ i: Int, _ change: Int32, meetings: [UInt8]) {
        let n = leaderCount, row = i * n
        for c in 0..<n where c == i || meetings[row + c] > 0 {
            if blocked[c] == 0 { free -= 1 }
            blocked[c] += change
            if blocked[c] == 0 { free += 1 }
        }
    }

    /// Tries every next member from `list[start...]`. A branch is cut when its pairs already met more often than the
    /// best set's, or as often and it cannot leave more freedom: each further member either is free (and then no
    /// longer counts as free) or adds a meeting.
    private mutating func extend(size: Int, from list: [Int], start: Int, met: Int, meetings: [UInt8], nodeLimit: Int) {
        let n = leaderCount
        if chosen.count == size {
            if met < bestMet || (met == bestMet && free > bestFree) { (best, bestMet, bestFree) = (chosen, met, free) }
            return
        }
        let toCome = size - chosen.count - 1
        guard list.count - start > toCome else { return }
        for index in start..<(list.count - toCome) {
            if !best.isEmpty && nodes >= nodeLimit { return }
            nodes += 1
            let i = list[index]
            var added = 0
            for j in chosen { added += Int(meetings[i * n + j]) }
            let total = met + added
            if total > bestMet { continue }
            mark(i, 1, meetings: meetings)
            chosen.append(i)
            let spare = bestMet == Int.max ? toCome : bestMet - total
            let bound = free - max(0, toCome - spare)
            if !(total == bestMet && bound <= bestFree) {
                extend(size: size, from: list, start: index + 1, met: total, meetings: meetings, nodeLimit: nodeLimit)
            }
            chosen.removeLast()
            mark(i, -1, meetings: meetings)
        }
    }
}

// MARK: - Search over conflict positions

extension GolferSearch {
    /// The knobs of ``positionSearch(budget:deadline:cancellation:tuning:rng:)`` (the defaults are the ones used).
    struct PositionTuning {
        /// A swap made is tabu (the same pair in the same round) for this many steps.
        var tenure = 12
        /// Steps without fewer conflict positions than ever before a breakout.
        var breakoutAfter = 4
        /// Random swaps a breakout makes.
        var breakoutSwaps = 2
        /// Steps without fewer conflict positions than ever before a new start, in a random order.
        var restartAfter = 20_000
    }

    /// Tabu search over conflict positions, after Triska & Musliu's account of Dotú & Van Hentenryck's search: each
    /// step takes, over every round, the swap of a leader with a repeated mate and a leader of another group that
    /// leaves the fewest conflict positions; among equals, the fewest conflicts, then the fewest positions in the
    /// most conflicted round, then the plan that reads first (round by round, group by group). A swap of the same
    /// pair in the same round is tabu for ``PositionTuning/tenure`` steps unless it beats the fewest positions yet.
    /// After ``PositionTuning/breakoutAfter`` steps without that, a breakout swaps two random pairs of conflicted
    /// leaders in the most conflicted rounds (not tabu); after ``PositionTuning/restartAfter`` such steps, the rounds
    /// are rebuilt by ``rebuildInOrder(rounds:order:nodeLimit:deadline:)`` in a random order. Stops at no conflict,
    /// after `budget` candidates, at `deadline` (uptime ns) or when cancelled, also within a step; ends on the plan
    /// with the fewest conflicts seen (then fewest positions). Deterministic for a seed and budget.
    /// - Complexity: O(P · n · s · K) per step at most for P conflict positions.
    mutating func positionSearch(budget: Int?, deadline: UInt64?, cancellation: Cancellation?,
                                 tuning: PositionTuning = PositionTuning(), rng: inout SeededGenerator) -> Outcome {
        var outcome = Outcome()
        var tabu = TabuList(leaderCount: leaderCount)
        let scratch = PositionScratch(leaders: leaderCount, rounds: roundCount, capacity: capacity)
        var fewestPositions = positions, best = (conflicts, positions), bestPlan = groupOf
        var stalled = 0, sinceFewest = 0
        func stop(_ moves: Int) -> Bool {
            if let budget, moves >= budget { return true }
            if let deadline, DispatchTime.now().uptimeNanoseconds >= deadline { return true }
            return cancellation?.isCancelled == true
        }
        while conflicts > baseline {
            if stop(outcome.moves) { break }
            outcome.steps += 1
            if stalled >= tuning.breakoutAfter {
                breakout(swaps: tuning.breakoutSwaps, rng: &rng)
                stalled = 0
            } else {
                let best = bestPositionSwap(step: outcome.steps, fewest: fewestPositions, tabu: tabu, scratch: scratch,
                                            moves: &outcome.moves, stop: stop)
                if best.stopped { break }
                if let chosen = best.swap {
                    swap(round: chosen.r, chosen.a, chosen.b)
                    tabu.forbid(chosen.r, chosen.a, chosen.b, until: outcome.steps + tuning.tenure)
                }
                stalled += 1
            }
            if (conflicts, positions) < best { (best, bestPlan) = ((conflicts, positions), groupOf) }
            if positions < fewestPositions {
                (fewestPositions, stalled, sinceFewest) = (positions, 0, 0)
                continue
            }
            sinceFewest += 1
            if sinceFewest >= tuning.restartAfter {
                var order = Array(0..<leaderCount)
                for k in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(k, rng.below(k + 1)) }
                rebuildInOrder(rounds: 0..<roundCount, order: order, deadline: deadline)
                (fewestPositions, stalled, sinceFewest) = (positions, 0, 0)
                outcome.restarts += 1
            }
        }
        if (conflicts, positions) > best { load(bestPlan) }
        return outcome
    }

    /// Scratch for ``positionsAfterSwap(round:_:_:scratch:)``: per round and leader its pending change of repeated
    /// mates, the entries touched, and per round its change of positions. Raw memory, as the swap's weighing is the
    /// search's hot loop (no uniqueness check or bounds check per write); freed with the object.
    final class PositionScratch {
        fileprivate let mates: UnsafeMutablePointer<Int32>
        fileprivate let touched: UnsafeMutablePointer<Int32>
        fileprivate let rounds: UnsafeMutablePointer<Int32>
        private let sizes: (mates: Int, touched: Int, rounds: Int)

        /// For `n` leaders over `k` rounds in groups of at most `capacity`: a swap ends or starts 4 · (capacity − 1)
        /// pairs, each touching two leaders in one round or in every round.
        init(leaders n: Int, rounds k: Int, capacity: Int) {
            sizes = (n * k, 8 * max(1, capacity) * max(1, k) + 8, k)
            mates = .allocate(capacity: sizes.mates)
            mates.initialize(repeating: 0, count: sizes.mates)
            touched = .allocate(capacity: sizes.touched)
            touched.initialize(repeating: 0, count: sizes.touched)
            rounds = .allocate(capacity: max(1, k))
            rounds.initialize(repeating: 0, count: max(1, k))
        }

        deinit {
            mates.deallocate()
            touched.deallocate()
            rounds.deallocate()
        }
    }

    /// What swapping `a` and `b` (different groups) in round `r` would leave: the conflict positions, the conflicts
    /// and the most positions of any round, without making the swap. Each pair the swap ends or starts changes the
    /// repeated mates of its two leaders in round `r` when it meets (or will meet) more than once, and in every
    /// other round they share when its meetings cross 2.
    /// - Complexity: O(s · K) at most (O(s) plus O(K) per pair whose meetings cross 2), plus O(K).
    func positionsAfterSwap(round r: Int, _ a: Int, _ b: Int, scratch: PositionScratch) -> (positions: Int, conflicts: Int, most: Int32) {
        let n = leaderCount, m = groupCount, k = roundCount
        let g = group(round: r, a), h = group(round: r, b)
        let slotG = (r * m + g) * capacity, slotH = (r * m + h) * capacity
        let sizeG = Int(sizes[r * m + g]), sizeH = Int(sizes[r * m + h])
        let pending = scratch.mates, touched = scratch.touched, roundChange = scratch.rounds
        var count = 0, change = 0
        meetings.withUnsafeBufferPointer { meetings in
            groupOf.withUnsafeBufferPointer { groupOf in
                @inline(__always)
                func note(_ index: Int, _ step: Int32) {
                    if pending[index] == 0 { touched[count] = Int32(index); count += 1 }
                    pending[index] += step
                }
                @inline(__always)
                func pair(_ x: Int, _ y: Int, joins: Bool) {
                    let before = Int(meetings[x * n + y]), after = before + (joins ? 1 : -1)
                    guard max(before, after) > 1 else { return }
                    let step: Int32 = joins ? 1 : -1
                    change += Int(step)
                    note(r * n + x, step)
                    note(r * n + y, step)
                    guard min(before, after) == 1 else { return }
                    for q in 0..<k where q != r && groupOf[q * n + x] == groupOf[q * n + y] {
                        note(q * n + x, step)
                        note(q * n + y, step)
                    }
                }
                members.withUnsafeBufferPointer { members in
                    for index in 0..<sizeG {
                        let c = Int(members[slotG + index])
                        if c != a { pair(a, c, joins: false); pair(b, c, joins: true) }
                    }
                    for index in 0..<sizeH {
                        let c = Int(members[slotH + index])
                        if c != b { pair(b, c, joins: false); pair(a, c, joins: true) }
                    }
                }
            }
        }
        var positions = self.positions
        repeatedMates.withUnsafeBufferPointer { repeatedMates in
            for t in 0..<count {
                let index = Int(touched[t])
                let before = repeatedMates[index], after = before + pending[index]
                pending[index] = 0
                let flip = Int32(after > 0 ? 1 : 0) - Int32(before > 0 ? 1 : 0)
                if flip != 0 {
                    positions += Int(flip)
                    roundChange[index / n] += flip
                }
            }
        }
        var most: Int32 = 0
        for q in 0..<k {
            most = max(most, roundPositions[q] + roundChange[q])
            roundChange[q] = 0
        }
        return (positions, conflicts + change, most)
    }

    /// The step's swap (see ``positionSearch(budget:deadline:cancellation:tuning:rng:)``): every swap of a leader
    /// with a repeated mate and one of another group of the same round, weighed by
    /// ``positionsAfterSwap(round:_:_:scratch:)``; tabu ones left out unless they leave fewer positions than
    /// `fewest`. Counts the candidates in `moves`; every 4,096 of them asks `stop` (given the count) whether the
    /// limit is reached, and then gives up the step (`stopped`), so that one step of a large plan cannot overrun it.
    /// - Complexity: O(P · n · s · K) at most.
    private func bestPositionSwap(step: Int, fewest: Int, tabu: TabuList, scratch: PositionScratch, moves: inout Int,
                                  stop: (Int) -> Bool) -> (swap: (r: Int, a: Int, b: Int)?, stopped: Bool) {
        let n = leaderCount, m = groupCount
        var chosen: (r: Int, a: Int, b: Int)?
        var chosenKey = (Int.max, Int.max, Int32.max)
        for r in 0..<roundCount where roundPositions[r] > 0 {
            for a in 0..<n where repeatedMates[r * n + a] > 0 {
                let g = group(round: r, a)
                for h in 0..<m where h != g {
                    let slot = (r * m + h) * capacity
                    for k in 0..<Int(sizes[r * m + h]) {
                        let b = Int(members[slot + k])
                        // A pair of two leaders with repeated mates is looked at from the smaller one's side only.
                        if repeatedMates[r * n + b] > 0 && b < a { continue }
                        moves += 1
                        if moves & 4095 == 0 && stop(moves) { return (nil, true) }
                        let key = positionsAfterSwap(round: r, a, b, scratch: scratch)
                        guard key <= chosenKey else { continue }
                        if key.0 >= fewest && tabu.isTabu(r, a, b, step: step) { continue }
                        if key < chosenKey || chosen.map({ readsBefore((r, a, b), $0) }) == true {
                            (chosen, chosenKey) = ((r, a, b), key)
                        }
                    }
                }
            }
        }
        return (chosen, false)
    }

    /// Whether swap `x` leaves a plan that reads before the one swap `y` leaves: at the first place (round, group,
    /// member slot) where the two plans differ, a lower leader index. O(1).
    private func readsBefore(_ x: (r: Int, a: Int, b: Int), _ y: (r: Int, a: Int, b: Int)) -> Bool {
        func changes(_ s: (r: Int, a: Int, b: Int)) -> ((Int, Int), (Int, Int)) {
            let m = groupCount, n = leaderCount
            let placeA = (s.r * m + group(round: s.r, s.a)) * capacity + Int(place[s.r * n + s.a])
            let placeB = (s.r * m + group(round: s.r, s.b)) * capacity + Int(place[s.r * n + s.b])
            return ((placeA, s.b), (placeB, s.a))
        }
        let cx = changes(x), cy = changes(y)
        func value(_ c: ((Int, Int), (Int, Int)), at p: Int) -> Int {
            c.0.0 == p ? c.0.1 : c.1.0 == p ? c.1.1 : Int(members[p])
        }
        for p in [cx.0.0, cx.1.0, cy.0.0, cy.1.0].sorted() {
            let vx = value(cx, at: p), vy = value(cy, at: p)
            if vx != vy { return vx < vy }
        }
        return false
    }

    /// `swaps` random swaps, each in a round with the most conflict positions (ties at random), of two leaders with
    /// repeated mates in different groups (any leader of another group when there is no such pair), no leader
    /// twice. O(swaps · (K + n + s · K)).
    private mutating func breakout(swaps: Int, rng: inout SeededGenerator) {
        let n = leaderCount
        var used: [Int] = []
        for _ in 0..<swaps {
            var r = 0, most: Int32 = -1, ties = 0
            for q in 0..<roundCount {
                if roundPositions[q] > most {
                    (r, most, ties) = (q, roundPositions[q], 1)
                } else if roundPositions[q] == most {
                    ties += 1
                    if rng.below(ties) == 0 { r = q }
                }
            }
            let conflicted = (0..<n).filter { repeatedMates[r * n + $0] > 0 && !used.contains(r * n + $0) }
            guard !conflicted.isEmpty else { continue }
            let a = conflicted[rng.below(conflicted.count)]
            let others = conflicted.filter { group(round: r, $0) != group(round: r, a) }
            let b: Int
            if !others.isEmpty {
                b = others[rng.below(others.count)]
            } else {
                let anyone = (0..<n).filter { group(round: r, $0) != group(round: r, a) && !used.contains(r * n + $0) }
                guard !anyone.isEmpty else { continue }
                b = anyone[rng.below(anyone.count)]
            }
            swap(round: r, a, b)
            used += [r * n + a, r * n + b]
        }
    }
}
